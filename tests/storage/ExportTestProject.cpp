#include "ExportTestProject.h"

#include "TestPaths.h"
#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ReportStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <cmath>

namespace radmark::testing {

using namespace radmark::annotation;
using namespace radmark::storage;

std::vector<std::string> ExportTestProject::identifyingValues() const
{
    std::vector<std::string> values;
    for (const ExportTestPatient& patient : patients) {
        values.insert(values.end(),
            { patient.patientId, patient.patientName, patient.accession, patient.institution, patient.studyUid,
                patient.seriesUid });
        values.insert(values.end(), patient.sopUids.begin(), patient.sopUids.end());
    }
    values.push_back("Johnathan");
    values.push_back("SYNTHETIC"); // the station name
    values.push_back("20240315"); // the study date
    return values;
}

namespace {

int voxelIndex(double positionMm, double originMm, double spacingMm)
{
    return static_cast<int>(std::lround((positionMm - originMm) / spacingMm));
}

SliceContext sliceContext(const LoadedSeries& loaded, const std::string& seriesUid, int k)
{
    SliceContext context;
    context.reference = { seriesUid, loaded.sliceSources[k].sopInstanceUid, loaded.sliceSources[k].frameIndex, k };
    context.plane = SlicePlane::fromGeometry(loaded.volume->geometry(), k);
    context.columns = kExportColumns;
    context.rows = kExportRows;
    context.sliceCount = kExportSlices;
    return context;
}

LesionMark markOn(const SliceContext& context, MarkShape shape, int lesionType)
{
    LesionMark mark;
    mark.slice = context.reference;
    mark.plane = context.plane;
    mark.shape = std::move(shape);
    mark.lesionType = lesionType;
    return mark;
}

} // namespace

ExportTestProject makeExportTestProject(int patientCount)
{
    ExportTestProject test;
    test.folder = makeTemporaryFolder("radmark-export-input");
    test.projectPath = test.folder + "/project.radmark";
    for (int index = 0; index < patientCount; ++index) {
        ExportTestPatient patient;
        patient.patientId = "PID-SECRET-77" + std::to_string(81 + index);
        patient.patientName = index == 0 ? "Doe^Johnathan" : "Roe^Patient" + std::to_string(index);
        patient.accession = "ACC-SECRET-44" + std::to_string(10 + index);
        patient.institution = index % 2 == 0 ? "Secret General Hospital" : "Hidden Valley Clinic";
        patient.sex = index % 2 == 0 ? "F" : "M";
        patient.age = index == 0 ? "054Y" : "0" + std::to_string(30 + index) + "Y";
        SyntheticSeriesSpec spec;
        spec.patientId = patient.patientId;
        spec.patientName = patient.patientName;
        spec.patientSex = patient.sex;
        spec.patientAge = patient.age;
        spec.accessionNumber = patient.accession;
        spec.institutionName = patient.institution;
        spec.studyDate = "20240315";
        spec.columns = kExportColumns;
        spec.rows = kExportRows;
        spec.slices = kExportSlices;
        spec.columnSpacingMm = kExportColumnSpacingMm;
        spec.rowSpacingMm = kExportRowSpacingMm;
        spec.sliceThicknessMm = kExportSliceSpacingMm;
        spec.firstSlicePositionLpsMm = { kExportOriginLpsMm[0], kExportOriginLpsMm[1], kExportOriginLpsMm[2] };
        spec.sliceStepLpsMm = { 0.0, 0.0, kExportSliceSpacingMm };
        spec.huAt = [](const Vector3& p) {
            return double(exportTestHu(voxelIndex(p.x, kExportOriginLpsMm[0], kExportColumnSpacingMm),
                voxelIndex(p.y, kExportOriginLpsMm[1], kExportRowSpacingMm),
                voxelIndex(p.z, kExportOriginLpsMm[2], kExportSliceSpacingMm)));
        };
        const WrittenSeries written = writeSyntheticSeries(spec, test.folder + "/dicom/" + std::to_string(index));
        patient.studyUid = written.studyInstanceUid;
        patient.seriesUid = written.seriesInstanceUid;
        patient.files = written.filePaths;
        patient.sopUids = written.sopInstanceUids;
        test.patients.push_back(patient);
    }
    test.project = ProjectStore::open(test.projectPath, ProjectStore::OpenMode::CreateIfMissing);
    importPaths(*test.project, { test.folder + "/dicom" });

    MarkStore marks(*test.project);
    AnnotationDocument document(Author { "Dr Marker", AuthorRole::Radiologist });
    document.addObserver([&](const DocumentChange& change) { marks.applyChange(change, document); });
    if (patientCount > 0) {
        const LoadedSeries loaded = loadSeries(*test.project, test.patients[0].seriesUid);
        const SliceContext key = sliceContext(loaded, test.patients[0].seriesUid, kRecistSlice);
        const RecistCheck recist
            = makeRecist({ { kRecistLong[0], kRecistLong[1] }, { kRecistLong[2], kRecistLong[3] } },
                { { kRecistShort[0], kRecistShort[1] }, { kRecistShort[2], kRecistShort[3] } }, key.plane);
        REQUIRE(recist.mark);
        REQUIRE(document.addMark(markOn(key, *recist.mark, 4)));
        const SliceContext boxSlice = sliceContext(loaded, test.patients[0].seriesUid, kBox3dSlice);
        REQUIRE(document.addMark(markOn(
            boxSlice, Box3dMark { { kBox3d[0], kBox3d[1], kBox3d[2], kBox3d[3] }, kBox3dFirst, kBox3dLast }, 1)));
        REQUIRE(document.addMark(markOn(
            sliceContext(loaded, test.patients[0].seriesUid, 7), LineMark { { { 1.0, 2.0 }, { 9.0, 2.0 } } }, 7)));
    }
    if (patientCount > 1) {
        const LoadedSeries loaded = loadSeries(*test.project, test.patients[1].seriesUid);
        REQUIRE(document.addMark(
            markOn(sliceContext(loaded, test.patients[1].seriesUid, 2), Box2dMark { { 30.0, 20.0, 40.0, 28.0 } }, 5)));
    }

    ReportStore reports(*test.project);
    for (const StudyLabels& study : reports.finalLabels()) {
        if (patientCount > 0 && study.studyUid == test.patients[0].studyUid) {
            reports.putProposals({ LabelProposal { study.studyId, "ct", 1, "effusion", 1, "", "effusion", 0 } });
            reports.addDecision(LabelDecision { study.studyId, "effusion", 0, "Dr Lee", "radiologist", 1000, {}, 0 });
        } else if (patientCount > 1 && study.studyUid == test.patients[1].studyUid) {
            reports.putProposals({ LabelProposal { study.studyId, "ct", 1, "effusion", -1, "", "possible", 0 } });
        }
    }
    return test;
}

} // namespace radmark::testing
