#include "ScaleProject.h"

#include "../Statistics.h"

#include "labelling/LabelSchemaSource.h"
#include "labelling/ProjectLabeller.h"
#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <sqlite3.h>

#include <array>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;

const std::array<const char*, 40> surnames { "Garcia", "Smith", "Nguyen", "Mueller", "Rossi", "Kowalski", "Tanaka",
    "Okafor", "Silva", "Johansson", "Martin", "Brown", "Kim", "Dubois", "Novak", "Popescu", "Ivanova", "Haddad",
    "Cohen", "Fischer", "Lopez", "Wilson", "Chen", "Schmidt", "Bianchi", "Nowak", "Sato", "Adeyemi", "Santos", "Larsen",
    "Bernard", "Taylor", "Park", "Laurent", "Horvat", "Ionescu", "Petrova", "Khalil", "Levi", "Weber" };
const std::array<const char*, 25> givenNames { "Maria", "James", "Linh", "Anna", "Luca", "Piotr", "Yuki", "Chidi",
    "Ana", "Erik", "Claire", "Oliver", "Min", "Louis", "Eva", "Andrei", "Olga", "Omar", "Noa", "Lena", "Sofia", "Ethan",
    "Wei", "Paul", "Giulia" };
const std::array<const char*, 8> descriptions { "CT ABDOMEN PELVIS W CONTRAST", "CT ABDOMEN PELVIS WO CONTRAST",
    "CT ABDOMEN W WO CONTRAST", "CT LIVER 3 PHASE", "CT CHEST ABDOMEN PELVIS W CONTRAST",
    "CT ABDOMEN PELVIS W CONTRAST", "CT RENAL STONE PROTOCOL", "CT PANCREAS PROTOCOL" };
const std::array<const char*, 3> seriesDescriptions { "Abdomen 5mm", "Portal venous 1.25mm", "Arterial 2.5mm" };
const std::array<const char*, 4> impressions { "No acute abnormality. No pleural effusion.",
    "Small left pleural effusion. No pneumothorax.", "Hepatic steatosis. Cardiomegaly is noted at the lung bases.",
    "Possible small bowel obstruction; no free air." };

std::string uidRoot()
{
    return "1.2.840.113619.2.55.3.2831164355."; // a vendor-like root: real UIDs are 50-64 characters
}

std::string padded(int value, int width)
{
    std::string digits = std::to_string(value);
    return std::string(digits.size() < static_cast<std::size_t>(width) ? width - digits.size() : 0, '0') + digits;
}

std::string studyDate(int study)
{
    return std::to_string(2015 + study % 10) + padded(1 + study % 12, 2) + padded(1 + study % 28, 2);
}

// The common part of every instance of a series.
storage::InstanceRecord seriesTemplate(int study, int seriesInStudy, const ScaleProjectShape& shape)
{
    const int patient = scalePatientOfStudy(study, shape);
    storage::InstanceRecord record;
    record.fileSizeBytes = 526318;
    record.sopClassUid = "1.2.840.10008.5.1.4.1.1.2";
    record.studyInstanceUid = uidRoot() + "1." + std::to_string(study) + ".20190412";
    record.seriesInstanceUid = record.studyInstanceUid + "." + std::to_string(seriesInStudy + 2);
    record.frameOfReferenceUid = record.studyInstanceUid + ".4000";
    record.patientId = "P" + padded(patient, 7);
    record.patientName = scalePatientName(patient);
    record.patientSex = patient % 2 == 0 ? "F" : "M";
    record.patientBirthDate = std::to_string(1935 + patient % 60) + "0615";
    record.patientAge = padded(20 + patient % 60, 3) + "Y";
    record.accessionNumber = scaleAccession(study);
    record.studyDate = studyDate(study);
    record.studyTime = "101532";
    record.studyDescription = scaleStudyDescription(study);
    record.seriesDescription = seriesDescriptions[static_cast<std::size_t>(seriesInStudy) % seriesDescriptions.size()];
    record.modality = "CT";
    record.seriesNumber = seriesInStudy + 2;
    record.manufacturer = "GE MEDICAL SYSTEMS";
    record.manufacturerModelName = "Revolution CT";
    record.institutionName = "University Hospital";
    record.stationName = "CT0" + std::to_string(1 + study % 4);
    record.acquisitionDate = record.studyDate;
    record.bodyPartExamined = "ABDOMEN";
    record.rows = 512;
    record.columns = 512;
    record.pixelSpacingRowMm = 0.78125;
    record.pixelSpacingColumnMm = 0.78125;
    record.sliceThicknessMm = seriesInStudy == 1 ? 1.25 : 5.0;
    record.imageOrientationPatient = { 1, 0, 0, 0, 1, 0 };
    record.windowCenters = { 40 };
    record.windowWidths = { 400 };
    record.rescaleIntercept = -1024;
    record.photometricInterpretation = "MONOCHROME2";
    record.bitsAllocated = 16;
    record.bitsStored = 16;
    record.pixelRepresentation = 1;
    record.transferSyntaxUid = "1.2.840.10008.1.2.1";
    record.imageType = "ORIGINAL\\PRIMARY\\AXIAL";
    return record;
}

std::int64_t instancesBefore(std::int64_t series, const ScaleProjectShape& shape)
{
    const std::int64_t seriesTotal = static_cast<std::int64_t>(shape.studies) * shape.seriesPerStudy;
    return series * shape.instances / seriesTotal;
}

std::string objectSizes(const std::string& path)
{
    sqlite3* database = nullptr;
    std::ostringstream out;
    if (sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* query = nullptr;
        if (sqlite3_prepare_v2(
                database, "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC", -1, &query, nullptr)
            == SQLITE_OK) {
            while (sqlite3_step(query) == SQLITE_ROW) {
                out << reinterpret_cast<const char*>(sqlite3_column_text(query, 0)) << ' '
                    << sqlite3_column_int64(query, 1) << '\n';
            }
        }
        sqlite3_finalize(query);
    }
    sqlite3_close(database);
    return out.str();
}

} // namespace

std::string scaleAccession(int study)
{
    return "ACC" + padded(study, 7);
}

std::string scalePatientName(int patient)
{
    // 1,000 distinct names (some shared by several patients, as in a hospital), a few with a middle name.
    const std::size_t combination = static_cast<std::size_t>(patient) % (surnames.size() * givenNames.size());
    std::string name
        = std::string(surnames[combination % surnames.size()]) + "^" + givenNames[combination / surnames.size()];
    if (patient % 7 == 3) {
        name += "^Jr";
    }
    if (patient == 4242) {
        name = "Quintanilla-Borowski^Ximena"; // one unique name
    }
    return name;
}

std::string scaleStudyDescription(int study)
{
    if (study % 1000 == 17) {
        return "CT ENTEROGRAPHY"; // 0.1 % of the studies
    }
    return descriptions[static_cast<std::size_t>(study) % descriptions.size()];
}

int scalePatientOfStudy(int study, const ScaleProjectShape& shape)
{
    return study % shape.patients;
}

ScaleBuildFigures buildScaleProject(
    const std::string& path, const ScaleProjectShape& shape, const std::string& labelSchemaPath)
{
    for (const char* suffix : { "", "-wal", "-shm", ".lock" }) {
        fs::remove(path + suffix);
    }
    ScaleBuildFigures figures;
    {
        auto project = storage::ProjectStore::open(path, storage::ProjectStore::OpenMode::CreateIfMissing);
        // A large page cache for the build only (the random-UID indexes are written at random places).
        sqlite3_exec(project->connection(), "PRAGMA cache_size = -1048576", nullptr, nullptr, nullptr);

        Stopwatch instances;
        std::vector<storage::InstanceRecord> batch;
        batch.reserve(20000);
        std::int64_t written = 0;
        for (int study = 0; study < shape.studies; ++study) {
            for (int seriesInStudy = 0; seriesInStudy < shape.seriesPerStudy; ++seriesInStudy) {
                const std::int64_t series = static_cast<std::int64_t>(study) * shape.seriesPerStudy + seriesInStudy;
                const storage::InstanceRecord common = seriesTemplate(study, seriesInStudy, shape);
                const std::int64_t count = instancesBefore(series + 1, shape) - instancesBefore(series, shape);
                const std::string folder = "/data/radiology/abdomen-ct/" + common.patientId + "/" + common.studyDate
                    + "-" + common.accessionNumber + "/SE" + std::to_string(*common.seriesNumber) + "/";
                for (std::int64_t instance = 0; instance < count; ++instance) {
                    storage::InstanceRecord record = common;
                    const int number = static_cast<int>(instance) + 1;
                    record.filePath
                        = folder + "IM-" + padded(*common.seriesNumber, 4) + "-" + padded(number, 4) + ".dcm";
                    record.fileModifiedNs = 1700000000000000000 + series * 1000 + instance;
                    record.sopInstanceUid = common.seriesInstanceUid + "." + std::to_string(number);
                    record.instanceNumber = number;
                    record.imagePositionPatient
                        = { -199.609375, -350.109375, -40.5 - instance * common.sliceThicknessMm.value_or(1.0) };
                    record.acquisitionTime = "1016" + padded(static_cast<int>(instance % 60), 2) + ".250000";
                    batch.push_back(std::move(record));
                }
                if (batch.size() >= 20000) {
                    project->writeImportBatch(batch, {}, true);
                    written += static_cast<std::int64_t>(batch.size());
                    batch.clear();
                    if (written % 1000000 < 20000) {
                        std::cerr << "bench_scale: " << written << " instances written\n";
                    }
                }
            }
        }
        project->writeImportBatch(batch, {}, true);
        figures.instanceSeconds = instances.seconds();

        storage::ReportStore reports(*project);
        std::vector<storage::ReportRecord> reportRecords;
        for (int study = 0; study < shape.studies; ++study) {
            storage::ReportRecord record;
            record.matchKey = scaleAccession(study);
            record.keyKind = storage::ReportRecord::KeyKind::Accession;
            record.sourcePath = "/data/radiology/reports.csv";
            record.sourceKind = "csv";
            record.sourceRow = study + 2;
            record.text = "FINDINGS: Liver, spleen and pancreas as on the study of day " + std::to_string(study % 365)
                + ".\n\nIMPRESSION: " + impressions[static_cast<std::size_t>(study) % impressions.size()];
            reportRecords.push_back(std::move(record));
        }
        Stopwatch storeReports;
        reports.addReports(reportRecords);
        figures.reportSeconds = storeReports.seconds();

        Stopwatch label;
        app::labelProjectReports(*project, reports, app::readLabelSchemaSource(labelSchemaPath), false, "bench");
        figures.labelSeconds = label.seconds();

        // 20,000 RECIST marks on the first slice of series spread over the project, one transaction.
        Stopwatch markClock;
        storage::MarkStore marks(*project);
        annotation::AnnotationDocument document({ "bench", annotation::AuthorRole::Radiologist },
            annotation::systemTimeMs, annotation::MarkIdGenerator(2026));
        std::vector<annotation::LesionMark> seeded;
        annotation::DocumentChange change;
        const annotation::ImageGeometry geometry = annotation::ImageGeometry::regular(512, 512, 40, 0.78125, 0.78125,
            { -199.609375, -350.109375, -40.5 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, -5.0 });
        for (int index = 0; index < shape.marks; ++index) {
            const int study = static_cast<int>((static_cast<std::int64_t>(index) * 5) % shape.studies);
            const storage::InstanceRecord common = seriesTemplate(study, 0, shape);
            annotation::LesionMark mark;
            mark.slice = { common.seriesInstanceUid, common.seriesInstanceUid + ".1", 0, 0 };
            mark.plane = annotation::SlicePlane::fromGeometry(geometry, 0);
            const double column = 150.0 + index % 200;
            const double row = 180.0 + index % 150;
            mark.shape = *annotation::makeRecist({ { column - 20, row }, { column + 20, row } },
                { { column, row - 12 }, { column, row + 12 } }, mark.plane)
                              .mark;
            mark.lesionType = 1 + index % 8;
            mark.id = document.newMarkId();
            mark.author = document.currentAuthor();
            mark.createdMs = mark.modifiedMs = annotation::systemTimeMs();
            change.added.push_back(mark.id);
            seeded.push_back(std::move(mark));
        }
        document.reset(seeded);
        change.history = annotation::HistoryEntry {};
        marks.applyChange(change, document);
        figures.markSeconds = markClock.seconds();
    }
    figures.fileBytes = static_cast<std::int64_t>(fs::file_size(path));
    figures.objectSizes = objectSizes(path);
    return figures;
}

std::string serialize(const ScaleBuildFigures& figures)
{
    std::ostringstream out;
    out.precision(17);
    out << figures.instanceSeconds << ' ' << figures.reportSeconds << ' ' << figures.labelSeconds << ' '
        << figures.markSeconds << ' ' << figures.fileBytes << '\n'
        << figures.objectSizes;
    return out.str();
}

ScaleBuildFigures parseScaleBuildFigures(const std::string& text)
{
    std::istringstream in(text);
    ScaleBuildFigures figures;
    in >> figures.instanceSeconds >> figures.reportSeconds >> figures.labelSeconds >> figures.markSeconds
        >> figures.fileBytes;
    std::string rest;
    std::getline(in, rest);
    std::ostringstream sizes;
    sizes << in.rdbuf();
    figures.objectSizes = sizes.str();
    return figures;
}

} // namespace radmark::bench
