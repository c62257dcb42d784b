#include "DicomExportFixture.h"

#include "TestPaths.h"

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/MarkStore.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace radmark::testing {

using namespace radmark::annotation;
using namespace radmark::storage;

namespace {

// Days since 1970-01-01 of a civil date and back (H. Hinnant's algorithms).
long daysFromCivil(long year, unsigned month, unsigned day)
{
    year -= month <= 2;
    const long era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<long>(dayOfEra) - 719468;
}

std::string civilFromDays(long days)
{
    days += 719468;
    const long era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const long year = static_cast<long>(yearOfEra) + era * 400;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned monthIndex = (5 * dayOfYear + 2) / 153;
    const unsigned day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const unsigned month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    char text[48];
    std::snprintf(text, sizeof text, "%04ld%02u%02u", year + (month <= 2), month, day);
    return text;
}

// Adds identifying values the synthetic writer does not write: birth date, addresses, other IDs, a private
// element, and a nested person name next to a reference to another slice.
void addIdentifyingValues(const std::string& path, const IdentifyingValues& phi, const std::string& otherSopUid)
{
    DcmFileFormat file;
    REQUIRE(file.loadFile(path.c_str()).good());
    DcmDataset& dataset = *file.getDataset();
    REQUIRE(dataset.loadAllDataIntoMemory().good()); // the file is overwritten in place
    dataset.putAndInsertString(DCM_PatientBirthDate, phi.birthDate.c_str());
    dataset.putAndInsertString(DCM_InstitutionAddress, phi.institutionAddress.c_str());
    dataset.putAndInsertString(DCM_StationName, phi.station.c_str());
    dataset.putAndInsertString(DCM_ReferringPhysicianName, phi.referringPhysician.c_str());
    dataset.putAndInsertString(DcmTag(0x0010, 0x1000, EVR_LO), phi.otherPatientId.c_str()); // Other Patient IDs
    dataset.putAndInsertString(DcmTag(0x0009, 0x0010, EVR_LO), "RADMARK TEST CREATOR");
    dataset.putAndInsertString(DcmTag(0x0009, 0x1001, EVR_LO), phi.privateText.c_str());
    DcmItem* reference = nullptr;
    REQUIRE(dataset.findOrCreateSequenceItem(DCM_ReferencedImageSequence, reference, -2).good());
    reference->putAndInsertString(DCM_ReferencedSOPClassUID, UID_CTImageStorage);
    reference->putAndInsertString(DCM_ReferencedSOPInstanceUID, otherSopUid.c_str());
    reference->putAndInsertString(DcmTag(0x0040, 0xA123, EVR_PN), phi.nestedName.c_str()); // Person Name
    REQUIRE(file.saveFile(path.c_str(), dataset.getOriginalXfer()).good());
}

LesionMark drawnMark(const LoadedSeries& loaded, int sliceIndex, MarkShape shape, int lesionType)
{
    LesionMark mark;
    mark.slice = { "", loaded.sliceSources.at(static_cast<std::size_t>(sliceIndex)).sopInstanceUid,
        loaded.sliceSources.at(static_cast<std::size_t>(sliceIndex)).frameIndex, sliceIndex };
    mark.plane = SlicePlane::fromGeometry(loaded.volume->geometry(), sliceIndex);
    mark.shape = std::move(shape);
    mark.lesionType = lesionType;
    return mark;
}

} // namespace

std::string MapIdentity::uid(const std::string& originalUid)
{
    if (originalUid.empty()) {
        return {};
    }
    auto found = m_uids.find(originalUid);
    if (found == m_uids.end()) {
        found = m_uids.emplace(originalUid, "2.25." + std::to_string(7000000 + m_uids.size())).first;
    }
    return found->second;
}

std::string MapIdentity::patientId(const std::string& originalPatientId)
{
    auto found = m_patients.find(originalPatientId);
    if (found == m_patients.end()) {
        found = m_patients.emplace(originalPatientId, std::to_string(m_patients.size() + 1)).first;
    }
    return "ANON" + found->second;
}

std::string MapIdentity::patientName(const std::string& originalPatientId)
{
    return "Anonymous^" + patientId(originalPatientId);
}

std::string MapIdentity::date(const std::string& originalDate, const std::string&)
{
    if (originalDate.size() != 8 || !std::all_of(originalDate.begin(), originalDate.end(), ::isdigit)) {
        return {};
    }
    const long days = daysFromCivil(std::stol(originalDate.substr(0, 4)),
        static_cast<unsigned>(std::stoi(originalDate.substr(4, 2))),
        static_cast<unsigned>(std::stoi(originalDate.substr(6, 2))));
    return civilFromDays(days + m_dateShiftDays);
}

DicomExportFixture::DicomExportFixture()
{
    folder = makeTemporaryFolder("radmark-dicom-export");
    SyntheticSeriesSpec spec;
    spec.patientId = phi.patientId;
    spec.patientName = phi.patientName;
    spec.accessionNumber = phi.accession;
    spec.institutionName = phi.institution;
    spec.studyDate = phi.studyDate;
    spec.columns = 128;
    spec.rows = 96;
    spec.slices = 24;
    spec.columnSpacingMm = 0.75;
    spec.rowSpacingMm = 0.8;
    written = writeSyntheticSeries(spec, folder + "/input");
    for (std::size_t index = 0; index < written.filePaths.size(); ++index) {
        addIdentifyingValues(
            written.filePaths[index], phi, written.sopInstanceUids[(index + 1) % written.sopInstanceUids.size()]);
    }
    project = ProjectStore::open(folder + "/project.radmark", ProjectStore::OpenMode::CreateIfMissing);
    importPaths(*project, { folder + "/input" });

    const LoadedSeries loaded = loadSeries(*project, written.seriesInstanceUid);
    std::vector<LesionMark> drawn;
    const auto recist = makeRecist({ { 40.25, 50.5 }, { 80.75, 50.5 } }, { { 60.5, 40.25 }, { 60.5, 58.75 } },
        SlicePlane::fromGeometry(loaded.volume->geometry(), 10));
    REQUIRE(recist.mark);
    drawn.push_back(drawnMark(loaded, 10, *recist.mark, 4));
    drawn.push_back(drawnMark(loaded, 12, LineMark { { { 20.5, 30.25 }, { 50.125, 60.875 } } }, 5));
    drawn.push_back(drawnMark(loaded, 14, Box2dMark { { 30.5, 20.25, 60.75, 44.5 } }, kUnknownLesionType));
    drawn.push_back(drawnMark(loaded, 17, Box3dMark { { 90.25, 60.5, 110.75, 80.125 }, 15, 19 }, 6));

    MarkStore store(*project);
    AnnotationDocument document(Author { "Dr Test", AuthorRole::Radiologist });
    document.addObserver([&](const DocumentChange& change) { store.applyChange(change, document); });
    for (LesionMark& mark : drawn) {
        mark.slice.seriesUid = written.seriesInstanceUid;
        REQUIRE(document.addMark(mark));
    }
    marks = store.loadMarks(written.seriesInstanceUid);
    REQUIRE(marks.size() == 4);

    ExportStudy study;
    study.patient = project->patients().at(0);
    study.study = project->studies().at(0);
    study.split = "train";
    ExportSeries series;
    series.series = *project->seriesByUid(written.seriesInstanceUid);
    series.instances = project->seriesInstances(written.seriesInstanceUid);
    series.marks = marks;
    study.series.push_back(series);
    study.labels.studyUid = study.study.studyUid;
    study.labels.labels["ascites"].value = 1;
    study.labels.labels["hernia"].value = 0;
    study.labels.labels["appendicitis"].value = -1;
    study.labels.labels["not_mentioned"] = FinalLabel {};
    studies.push_back(study);
}

std::vector<std::string> DicomExportFixture::identifyingStrings() const
{
    std::vector<std::string> values { phi.patientId, phi.patientName, phi.birthDate, phi.accession, phi.institution,
        phi.institutionAddress, phi.station, phi.referringPhysician, phi.otherPatientId, phi.privateText,
        phi.nestedName, "Secretname", written.studyInstanceUid, written.seriesInstanceUid };
    values.insert(values.end(), written.sopInstanceUids.begin(), written.sopInstanceUids.end());
    for (const InstanceRecord& instance : studies.at(0).series.at(0).instances) {
        values.push_back(instance.frameOfReferenceUid);
    }
    return values;
}

} // namespace radmark::testing
