#include "ImportTestFiles.h"
#include "TestPaths.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>
#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<ProjectStore> newProject(const std::string& folder)
{
    return ProjectStore::open(folder + "/project.radmark", ProjectStore::OpenMode::CreateIfMissing);
}

std::map<std::string, std::string> skipReasons(const ProjectStore& project)
{
    std::map<std::string, std::string> reasons;
    for (const SkippedFile& file : project.skippedFiles()) {
        reasons[fs::path(file.filePath).filename().string()] = file.reason;
    }
    return reasons;
}

} // namespace

TEST_CASE("Importing a synthetic series indexes exact UIDs, sizes and geometry", "[import]")
{
    const std::string root = makeTemporaryFolder("radmark-import");
    const WrittenSeries written = writeSyntheticSeries(smallCtSpec(), root + "/dicom/series1");
    auto project = newProject(root);

    std::size_t progressCalls = 0;
    ImportOptions options;
    options.onProgress = [&progressCalls](const ImportProgress&) { ++progressCalls; };
    const ImportSummary summary = importPaths(*project, { root + "/dicom" }, options);
    CHECK_FALSE(summary.cancelled);
    CHECK(summary.progress.filesFound == 5);
    CHECK(summary.progress.filesProcessed == 5);
    CHECK(summary.progress.filesImported == 5);
    CHECK(summary.progress.filesSkipped == 0);
    CHECK(summary.progress.scanFinished);
    CHECK(progressCalls >= 1);

    const ProjectCounts counts = project->counts();
    CHECK(counts.patients == 1);
    CHECK(counts.studies == 1);
    CHECK(counts.series == 1);
    CHECK(counts.instances == 5);
    CHECK(counts.skippedFiles == 0);

    const std::vector<SeriesSummary> series = project->series();
    REQUIRE(series.size() == 1);
    CHECK(series[0].seriesUid == written.seriesInstanceUid);
    CHECK(series[0].studyUid == written.studyInstanceUid);
    CHECK(series[0].patientId == "RADMARK-DEMO-001");
    CHECK(series[0].modality == "CT");
    CHECK(series[0].instances == 5);
    CHECK(series[0].frames == 5);
    CHECK(series[0].rows == 16);
    CHECK(series[0].columns == 20);
    CHECK(series[0].distinctSizes == 1);
    CHECK(series[0].flaggedInstances == 0);
    CHECK_FALSE(series[0].fromVolumeFile);
    CHECK(series[0].seriesDate == "20260101");
    CHECK(project->studies().at(0).accessionNumber == "DEMO0001");
    CHECK(project->patients().at(0).patientName == "Demo^Phantom");

    const std::vector<SeriesInstanceFile> files = project->seriesFiles(written.seriesInstanceUid);
    REQUIRE(files.size() == 5);
    CHECK(std::is_sorted(
        files.begin(), files.end(), [](const auto& a, const auto& b) { return a.filePath < b.filePath; }));

    std::vector<InstanceRecord> records = project->seriesInstances(written.seriesInstanceUid);
    REQUIRE(records.size() == 5);
    for (std::size_t slice = 0; slice < written.filePaths.size(); ++slice) {
        const auto record = std::find_if(records.begin(), records.end(),
            [&](const InstanceRecord& r) { return r.filePath == written.filePaths[slice]; });
        REQUIRE(record != records.end());
        CHECK(record->sopInstanceUid == written.sopInstanceUids[slice]);
        CHECK(record->sopClassUid == "1.2.840.10008.5.1.4.1.1.2");
        CHECK(record->imagePositionPatient == std::vector<double> { -10.0, -20.0, -30.0 + 2.5 * slice });
        CHECK(record->imageOrientationPatient == std::vector<double> { 1, 0, 0, 0, 1, 0 });
        CHECK(record->pixelSpacingRowMm == 0.5);
        CHECK(record->pixelSpacingColumnMm == 0.75);
        CHECK(record->sliceThicknessMm == 2.5);
        CHECK(record->rescaleIntercept == -1024.0);
        CHECK(record->windowCenters == std::vector<double> { 40.0 });
        CHECK(record->windowWidths == std::vector<double> { 400.0 });
        CHECK(record->rows == 16);
        CHECK(record->columns == 20);
        CHECK(record->bitsAllocated == 16);
        CHECK(record->fileSizeBytes == static_cast<std::int64_t>(fs::file_size(written.filePaths[slice])));
        CHECK(record->transferSyntaxUid == "1.2.840.10008.1.2.1");
        CHECK(record->flags.empty());
    }
}

TEST_CASE("Re-importing adds nothing, a touched or changed file is read again", "[import]")
{
    const std::string root = makeTemporaryFolder("radmark-import");
    const WrittenSeries written = writeSyntheticSeries(smallCtSpec(), root + "/dicom");
    auto project = newProject(root);
    REQUIRE(importPaths(*project, { root + "/dicom" }).progress.filesImported == 5);

    ImportSummary again = importPaths(*project, { root + "/dicom" });
    CHECK(again.progress.filesUnchanged == 5);
    CHECK(again.progress.filesImported == 0);
    CHECK(project->counts().instances == 5);

    touchLater(written.filePaths[2], 10);
    again = importPaths(*project, { root + "/dicom" });
    CHECK(again.progress.filesUnchanged == 4);
    CHECK(again.progress.filesImported == 1);
    CHECK(project->counts().instances == 5);

    // The file becomes text: its instance is replaced by a skip entry; restored, it is indexed again.
    const std::string saved = root + "/saved.dcm";
    fs::copy_file(written.filePaths[0], saved);
    writeTextFile(written.filePaths[0], "not an image at all, just some text\n");
    again = importPaths(*project, { root + "/dicom" });
    CHECK(again.progress.filesSkipped == 1);
    REQUIRE(again.skippedThisRun.size() == 1);
    CHECK(again.skippedThisRun[0].reason == "not a DICOM file (no DICM prefix and no recognisable dataset)");
    CHECK(project->counts().instances == 4);
    CHECK(project->counts().skippedFiles == 1);

    fs::copy_file(saved, written.filePaths[0], fs::copy_options::overwrite_existing);
    touchLater(written.filePaths[0], 20);
    again = importPaths(*project, { root + "/dicom" });
    CHECK(again.progress.filesImported == 1);
    CHECK(project->counts().instances == 5);
    CHECK(project->counts().skippedFiles == 0);
}

TEST_CASE("Broken files are skipped with specific reasons and the rest imports", "[import]")
{
    const std::string root = makeTemporaryFolder("radmark-import");
    const WrittenSeries written = writeSyntheticSeries(smallCtSpec(), root + "/in/series");
    writeTextFile(root + "/in/empty.dcm", "");
    writeTextFile(root + "/in/notes.txt", "Patient notes, nothing DICOM here.\n");
    fs::copy_file(written.filePaths[0], root + "/in/truncated.dcm");
    fs::resize_file(root + "/in/truncated.dcm", 300);
    writeTextFile(root + "/in/locked.dcm", "whatever");
    REQUIRE(::chmod((root + "/in/locked.dcm").c_str(), 0) == 0);

    auto project = newProject(root);
    const ImportSummary summary = importPaths(*project, { root + "/in" });
    CHECK(project->counts().instances == 5);
    const std::map<std::string, std::string> reasons = skipReasons(*project);
    CHECK(reasons.at("empty.dcm") == "empty file");
    CHECK(reasons.at("notes.txt") == "not a DICOM file (no DICM prefix and no recognisable dataset)");
    CHECK_THAT(reasons.at("truncated.dcm"), Catch::StartsWith("truncated: "));
    if (::geteuid() == 0) {
        WARN("running as root: chmod 000 does not stop reads, the permission check is not made");
        CHECK(reasons.at("locked.dcm") == "not a DICOM file (no DICM prefix and no recognisable dataset)");
    } else {
        CHECK(reasons.at("locked.dcm") == "unreadable: permission denied");
    }
    CHECK(summary.progress.filesSkipped == 4);
    CHECK(summary.skippedThisRun.size() == 4);
}

TEST_CASE("A copied file keeps both rows with a shared-UID flag, empty UIDs get stable substitutes", "[import]")
{
    const std::string root = makeTemporaryFolder("radmark-import");
    const WrittenSeries written = writeSyntheticSeries(smallCtSpec(), root + "/in/a");
    fs::create_directories(root + "/in/b");
    fs::copy_file(written.filePaths[1], root + "/in/b/copy.dcm");
    rewriteDicom(written.filePaths[2], root + "/in/b/nouids.dcm", [](DcmDataset& dataset) {
        dataset.putAndInsertString(DCM_SOPInstanceUID, "");
        dataset.putAndInsertString(DCM_SeriesInstanceUID, "");
    });

    auto project = newProject(root);
    importPaths(*project, { root + "/in" });
    CHECK(project->counts().instances == 7);
    CHECK(project->counts().series == 2);
    const std::optional<SeriesSummary> original = project->seriesByUid(written.seriesInstanceUid);
    REQUIRE(original);
    CHECK(original->instances == 6);
    CHECK(original->flaggedInstances == 2);

    std::string substituteSeries;
    for (const SeriesSummary& series : project->series()) {
        if (series.seriesUid != written.seriesInstanceUid) {
            substituteSeries = series.seriesUid;
        }
    }
    CHECK_THAT(substituteSeries, Catch::StartsWith("2.25."));
    std::vector<InstanceRecord> records = project->seriesInstances(substituteSeries);
    REQUIRE(records.size() == 1);
    CHECK_THAT(records[0].sopInstanceUid, Catch::StartsWith("2.25."));
    CHECK(records[0].studyInstanceUid == written.studyInstanceUid);
    const std::vector<std::string> expectedFlags { "empty Series Instance UID; a UID was generated from the folder",
        "empty SOP Instance UID; a UID was generated from the file path" };
    CHECK(records[0].flags == expectedFlags);
    const std::string firstUid = records[0].sopInstanceUid;

    touchLater(root + "/in/b/nouids.dcm", 10);
    CHECK(importPaths(*project, { root + "/in" }).progress.filesImported == 1);
    records = project->seriesInstances(substituteSeries);
    REQUIRE(records.size() == 1);
    CHECK(records[0].sopInstanceUid == firstUid);
}

TEST_CASE("Symbolic-link loops are followed once", "[import]")
{
    const std::string root = makeTemporaryFolder("radmark-import");
    writeSyntheticSeries(smallCtSpec(), root + "/in/a");
    fs::create_directory_symlink(root + "/in", root + "/in/a/up");
    fs::create_directory_symlink(root + "/in/a", root + "/in/again");
    auto project = newProject(root);
    const ImportSummary summary = importPaths(*project, { root + "/in", root + "/in/again" });
    CHECK(summary.progress.filesFound == 5);
    CHECK(project->counts().instances == 5);
}

TEST_CASE("A broken DICOMDIR falls back to scanning its folder", "[import]")
{
    const std::string root = makeTemporaryFolder("radmark-import");
    writeSyntheticSeries(smallCtSpec(), root + "/media/IMAGES");
    writeTextFile(root + "/media/DICOMDIR", "garbage");
    auto project = newProject(root);
    importPaths(*project, { root + "/media" });
    CHECK(project->counts().instances == 5);
    const std::map<std::string, std::string> reasons = skipReasons(*project);
    CHECK_THAT(reasons.at("DICOMDIR"),
        Catch::StartsWith("DICOMDIR not usable (") && Catch::EndsWith("); its folder was scanned instead"));
}

TEST_CASE("Cancelling keeps the committed batches and a consistent project", "[import]")
{
    const std::string root = makeTemporaryFolder("radmark-import");
    const WrittenSeries written = writeSyntheticSeries(smallCtSpec(8, 8, 10), root + "/source");
    for (int folder = 0; folder < 30; ++folder) {
        const std::string target = root + "/in/f" + std::to_string(folder);
        fs::create_directories(target);
        for (const std::string& file : written.filePaths) {
            fs::create_hard_link(file, target + "/" + fs::path(file).filename().string());
        }
    }
    auto project = newProject(root);
    std::atomic<bool> cancel { false };
    ImportOptions options;
    options.batchSize = 20;
    options.threads = 2;
    options.progressIntervalSeconds = 0.0;
    options.cancelRequested = &cancel;
    options.onProgress = [&cancel](const ImportProgress& progress) {
        if (progress.filesImported >= 40) {
            cancel = true;
        }
    };
    const ImportSummary cancelled = importPaths(*project, { root + "/in" }, options);
    CHECK(cancelled.cancelled);
    CHECK(cancelled.progress.filesImported == 40); // two batches of 20, then the request is seen
    CHECK(project->counts().instances == static_cast<std::int64_t>(cancelled.progress.filesImported));
    sqlite3_stmt* check = nullptr;
    REQUIRE(sqlite3_prepare_v2(project->connection(), "PRAGMA foreign_key_check", -1, &check, nullptr) == SQLITE_OK);
    CHECK(sqlite3_step(check) == SQLITE_DONE);
    sqlite3_finalize(check);

    cancel = false;
    options.onProgress = nullptr;
    const ImportSummary resumed = importPaths(*project, { root + "/in" }, options);
    CHECK_FALSE(resumed.cancelled);
    CHECK(resumed.progress.filesUnchanged == cancelled.progress.filesImported);
    CHECK(project->counts().instances == 300);
    CHECK(project->counts().series == 1);
}
