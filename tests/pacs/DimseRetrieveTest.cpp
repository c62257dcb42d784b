#include "OrthancServer.h"
#include "PacsTestArchive.h"
#include "TestPaths.h"
#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/pacs/DimsePacsClient.h"
#include "radmark/storage/pacs/PacsCache.h"
#include "radmark/storage/pacs/PacsRetrieve.h"
#include "radmark/storage/project/ProjectStore.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

using namespace radmark::storage;
using namespace radmark::testing;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<ProjectStore> newProject(std::string& path)
{
    path = makeTemporaryFolder("radmark-pacs-project") + "/p.radmark";
    return ProjectStore::open(path, ProjectStore::OpenMode::CreateIfMissing);
}

// SOP Instance UID -> data set bytes of the uploaded files.
std::map<std::string, std::string> uploadedDatasets(const OrthancServer& orthanc, const std::vector<std::string>& files)
{
    std::map<std::string, std::string> datasets;
    for (const std::string& file : files) {
        const std::string bytes = readWholeFile(file);
        orthanc.uploadFile(file);
        const FileHeaderReading header = readFileHeader(file);
        REQUIRE(header.record.has_value());
        datasets.emplace(header.record->sopInstanceUid, datasetBytes(bytes));
    }
    return datasets;
}

void checkCacheHoldsExactly(
    const std::string& projectPath, const std::string& studyUid, const std::map<std::string, std::string>& expected)
{
    const std::string cache = pacsCacheFolder(projectPath);
    const std::vector<std::string> files = filesBelow(cache + "/" + studyUid);
    CHECK(files.size() == expected.size());
    for (const std::string& file : files) {
        CHECK(file.find(".part") == std::string::npos);
        const FileHeaderReading header = readFileHeader(file);
        REQUIRE(header.record.has_value());
        const auto found = expected.find(header.record->sopInstanceUid);
        REQUIRE(found != expected.end());
        CHECK(fs::path(file).filename().string() == header.record->sopInstanceUid + ".dcm");
        CHECK(datasetBytes(readWholeFile(file)) == found->second); // bit for bit, transfer syntax kept
    }
}

// A synthetic CT series of `slices` images of `size` x `size` pixels, written into a temporary folder and uploaded.
struct ArchivedSeries {
    WrittenSeries series;
    std::map<std::string, std::string> uploaded; // SOP Instance UID -> data set bytes
};

ArchivedSeries archiveSyntheticSeries(
    const OrthancServer& orthanc, int slices, int size, const std::string& accession = std::string())
{
    SyntheticSeriesSpec spec;
    spec.slices = slices;
    spec.columns = size;
    spec.rows = size;
    if (!accession.empty()) {
        spec.accessionNumber = accession;
    }
    ArchivedSeries archived;
    archived.series = writeSyntheticSeries(spec, makeTemporaryFolder("radmark-pacs-series"));
    archived.uploaded = uploadedDatasets(orthanc, archived.series.filePaths);
    return archived;
}

PacsRetrieveRequest studyRequest(const WrittenSeries& series, PacsRetrieveMethod method = PacsRetrieveMethod::Default)
{
    PacsRetrieveRequest request;
    request.studyInstanceUid = series.studyInstanceUid;
    request.method = method;
    return request;
}

// A retrieve that fetched the whole series: complete, every file received and imported, the cache bit for bit.
void checkWholeSeriesRetrieved(const PacsRetrieveOutcome& outcome, ProjectStore& project,
    const std::string& projectPath, const ArchivedSeries& archived)
{
    const std::size_t count = archived.uploaded.size();
    CHECK(outcome.complete());
    CHECK(outcome.progress.received == count);
    CHECK(project.counts().instances == static_cast<std::int64_t>(count));
    checkCacheHoldsExactly(projectPath, archived.series.studyInstanceUid, archived.uploaded);
}

} // namespace

TEST_CASE("C-GET retrieves a study into the cache bit for bit and imports it, a second retrieve fetches nothing",
    "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const ArchivedSeries archived = archiveSyntheticSeries(orthanc, 12, 64, "GET-1");
    std::string path;
    auto project = newProject(path);
    const auto client = makeDimsePacsClient(dimseConnectionTo(orthanc));
    const PacsRetrieveRequest request = studyRequest(archived.series, PacsRetrieveMethod::CGet);
    std::vector<PacsStudyProgress> reports;
    PacsRetrieveOptions options;
    options.onProgress = [&](const PacsStudyProgress& progress) { reports.push_back(progress); };
    const PacsRetrieveOutcome outcome = retrieveIntoProject(*project, *client, request, options);
    checkWholeSeriesRetrieved(outcome, *project, path, archived);
    CHECK(outcome.progress.expected == 12);
    CHECK(outcome.progress.alreadyPresent == 0);
    CHECK(outcome.progress.imported == 12);
    REQUIRE_FALSE(reports.empty());
    CHECK(reports.back().done() == 12);

    const PacsRetrieveOutcome again = retrieveIntoProject(*project, *client, request);
    CHECK(again.complete());
    CHECK(again.progress.received == 0);
    CHECK(again.progress.alreadyPresent == 12);
    CHECK(project->counts().instances == 12);
}

TEST_CASE("C-MOVE retrieves through RadMark's own storage SCP on the configured port", "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    const int localPort = freeLocalPort();
    OrthancOptions options;
    options.modalities = { { "RADMARK", localPort } };
    OrthancServer orthanc(options);
    const ArchivedSeries archived = archiveSyntheticSeries(orthanc, 9, 64);
    std::string path;
    auto project = newProject(path);
    const PacsRetrieveRequest request = studyRequest(archived.series, PacsRetrieveMethod::CMove);
    const auto client = makeDimsePacsClient(dimseConnectionTo(orthanc, localPort));
    checkWholeSeriesRetrieved(retrieveIntoProject(*project, *client, request), *project, path, archived);

    // Without a local port, C-MOVE is refused before anything is sent.
    const auto noPort = makeDimsePacsClient(dimseConnectionTo(orthanc, 0));
    fs::remove_all(pacsCacheFolder(path));
    try {
        retrieveIntoProject(*project, *noPort, request);
        FAIL("C-MOVE without a port went ahead");
    } catch (const PacsError& error) {
        CHECK(error.kind() == PacsError::Kind::Configuration);
        CHECK(std::string(error.what())
            == "C-MOVE needs a local port for RadMark's storage SCP (pacs add ... --local-port P); C-GET needs none");
    }
    // An archive that does not know RadMark's AE title answers "move destination unknown".
    const auto unknown = makeDimsePacsClient(dimseConnectionTo(orthanc, localPort, "STRANGER"));
    try {
        retrieveIntoProject(*project, *unknown, request);
        FAIL("C-MOVE to an unknown destination went ahead");
    } catch (const PacsError& error) {
        INFO(error.what());
        CHECK(std::string(error.what())
            == "ORTHANC@127.0.0.1:" + std::to_string(orthanc.dicomPort())
                + ": the archive aborted the association (does it know RadMark's AE title "
                  "STRANGER? Register it there with this computer's address and port "
                + std::to_string(localPort) + ")");
    }
}

TEST_CASE(
    "Real files of every transfer syntax come back bit for bit over C-GET and C-MOVE", "[pacs][orthanc][dimse][shared]")
{
    RADMARK_REQUIRE_SHARED_DATA();
    RADMARK_REQUIRE_ORTHANC();
    const int localPort = freeLocalPort();
    OrthancOptions options;
    options.modalities = { { "RADMARK", localPort } };
    OrthancServer orthanc(options);
    std::vector<std::string> files = filesBelow(sharedDataPath("dicom/transfer_syntaxes/files"));
    const std::vector<std::string> tilt = filesBelow(sharedDataPath("dicom/ge_head_ct_tilt/series"));
    const std::map<std::string, std::string> syntaxes = uploadedDatasets(orthanc, files);
    const std::map<std::string, std::string> ct = uploadedDatasets(orthanc, tilt);
    REQUIRE(syntaxes.size() == 9);
    REQUIRE(ct.size() == 28);
    const std::string mrStudy = readFileHeader(files.front()).record->studyInstanceUid;
    const std::string ctStudy = readFileHeader(tilt.front()).record->studyInstanceUid;

    for (const PacsRetrieveMethod method : { PacsRetrieveMethod::CGet, PacsRetrieveMethod::CMove }) {
        std::string path;
        auto project = newProject(path);
        const auto client = makeDimsePacsClient(dimseConnectionTo(orthanc, localPort));
        for (const std::string& study : { mrStudy, ctStudy }) {
            PacsRetrieveRequest request;
            request.studyInstanceUid = study;
            request.method = method;
            const PacsRetrieveOutcome outcome = retrieveIntoProject(*project, *client, request);
            CHECK(outcome.complete());
            CHECK(outcome.warnings.empty());
        }
        checkCacheHoldsExactly(path, mrStudy, syntaxes);
        checkCacheHoldsExactly(path, ctStudy, ct);
        CHECK(project->counts().instances == 37);
    }
}

TEST_CASE("A study deleted between query and retrieve is named as gone", "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const WrittenSeries series = uploadSyntheticSeries(orthanc, 2, "GONE-1");
    const auto client = makeDimsePacsClient(dimseConnectionTo(orthanc));
    PacsStudyQuery query;
    query.accessionNumber = "GONE-1";
    REQUIRE(client->queryStudies(query, nullptr).studies.size() == 1);
    orthanc.deleteStudy(series.studyInstanceUid);
    std::string path;
    auto project = newProject(path);
    PacsRetrieveRequest request;
    request.studyInstanceUid = series.studyInstanceUid;
    try {
        retrieveIntoProject(*project, *client, request);
        FAIL("the retrieve of a deleted study went ahead");
    } catch (const PacsError& error) {
        CHECK(error.kind() == PacsError::Kind::NotFound);
        CHECK(std::string(error.what())
            == "study " + series.studyInstanceUid + " is not on the archive (deleted since the query?)");
    }
    CHECK(project->counts().instances == 0);
}

TEST_CASE("An interrupted retrieve resumes: partial files are dropped, only missing instances are fetched",
    "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const ArchivedSeries archived = archiveSyntheticSeries(orthanc, 10, 64);
    const WrittenSeries& series = archived.series;
    std::string path;
    auto project = newProject(path);
    const auto client = makeDimsePacsClient(dimseConnectionTo(orthanc));
    const PacsRetrieveRequest request = studyRequest(series);
    REQUIRE(retrieveIntoProject(*project, *client, request).complete());

    // As a killed retrieve leaves it: 4 instances missing, one of them half written under its partial name.
    const std::string cache = pacsCacheFolder(path);
    for (int index = 0; index < 4; ++index) {
        fs::remove(cachedInstancePath(
            cache, series.studyInstanceUid, series.seriesInstanceUid, series.sopInstanceUids[index]));
    }
    const std::string partial = partialCachePath(
        cachedInstancePath(cache, series.studyInstanceUid, series.seriesInstanceUid, series.sopInstanceUids[0]));
    std::ofstream(partial) << "half a file";
    const PacsRetrieveOutcome outcome = retrieveIntoProject(*project, *client, request);
    CHECK(outcome.complete());
    CHECK(outcome.progress.alreadyPresent == 6);
    CHECK(outcome.progress.received == 4);
    CHECK_FALSE(fs::exists(partial));
    checkCacheHoldsExactly(path, series.studyInstanceUid, archived.uploaded);
    CHECK(project->counts().instances == 10);
}

TEST_CASE("A cancelled retrieve stops within a second, keeps only whole files, and the next one completes",
    "[pacs][orthanc][dimse]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const ArchivedSeries archived = archiveSyntheticSeries(orthanc, 120, 256);
    std::string path;
    auto project = newProject(path);
    const auto client = makeDimsePacsClient(dimseConnectionTo(orthanc));
    const PacsRetrieveRequest request = studyRequest(archived.series);
    std::atomic<bool> cancel { false };
    std::chrono::steady_clock::time_point cancelledAt;
    PacsRetrieveOptions options;
    options.cancel = &cancel;
    options.onProgress = [&](const PacsStudyProgress& progress) {
        if (progress.received > 0 && !cancel) {
            cancel = true;
            cancelledAt = std::chrono::steady_clock::now();
        }
    };
    const PacsRetrieveOutcome outcome = retrieveIntoProject(*project, *client, request, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - cancelledAt).count();
    CHECK(outcome.cancelled);
    CHECK(seconds < 1.0);
    const std::vector<std::string> cached = filesBelow(pacsCacheFolder(path));
    for (const std::string& file : cached) {
        CHECK(file.find(".part") == std::string::npos);
    }
    CHECK(project->counts().instances == static_cast<std::int64_t>(cached.size()));
    INFO("received before the cancel took effect: " << cached.size());

    const PacsRetrieveOutcome resumed = retrieveIntoProject(*project, *client, request);
    CHECK(resumed.complete());
    CHECK(resumed.progress.alreadyPresent == cached.size());
    CHECK(resumed.progress.received == 120 - cached.size());
    checkCacheHoldsExactly(path, archived.series.studyInstanceUid, archived.uploaded);
    CHECK(project->counts().instances == 120);
}
