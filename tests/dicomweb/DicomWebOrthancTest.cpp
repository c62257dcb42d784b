// The DICOMweb client against a real Orthanc (with its DICOMweb plugin) started by each test on 127.0.0.1:
// QIDO paging and criteria, WADO-RS byte for byte, STOW-RS read back over REST, authentication, server down,
// cancel and resume through the protocol-neutral retrieveIntoProject.
#include "OrthancServer.h"
#include "TestPaths.h"
#include "dicomweb/DicomWebPacsClient.h"

#include "radmark/storage/importing/Importer.h"
#include "radmark/storage/pacs/PacsCache.h"
#include "radmark/storage/pacs/PacsRetrieve.h"
#include "radmark/storage/pacs/ReceivedInstanceUids.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace fs = std::filesystem;
namespace storage = radmark::storage;
using radmark::app::dicomweb::DicomWebPacsClient;
using radmark::testing::OrthancOptions;
using radmark::testing::OrthancServer;
using radmark::testing::readWholeFile;

namespace {

storage::PacsConnection webConnection(const OrthancServer& orthanc, const std::string& name = "orthanc-web")
{
    storage::PacsConnection connection;
    connection.name = name;
    connection.kind = storage::PacsConnection::Kind::DicomWeb;
    connection.baseUrl = orthanc.dicomWebUrl();
    return connection;
}

// A small generated study (slices of 32x32) uploaded to Orthanc.
storage::WrittenSeries uploadSyntheticStudy(
    const OrthancServer& orthanc, const std::string& folder, int index, int slices = 2)
{
    storage::SyntheticSeriesSpec spec;
    spec.columns = 32;
    spec.rows = 32;
    spec.slices = slices;
    spec.patientId = "PW-" + std::to_string(index);
    spec.patientName = index % 2 == 0 ? "EVEN^PATIENT" + std::to_string(index) : "ODD^PATIENT" + std::to_string(index);
    spec.accessionNumber = "ACC" + std::to_string(1000 + index);
    spec.studyDate = "2024010" + std::to_string(1 + index % 9);
    spec.modality = index == 3 ? "MR" : "CT";
    spec.studyDescription = index == 4 ? "CT CHEST" : "CT ABDOMEN";
    const storage::WrittenSeries written
        = storage::writeSyntheticSeries(spec, folder + "/study" + std::to_string(index));
    for (const std::string& file : written.filePaths) {
        orthanc.uploadFile(file);
    }
    return written;
}

std::vector<std::string> partialFilesUnder(const std::string& folder)
{
    std::vector<std::string> partial;
    if (!fs::exists(folder)) {
        return partial;
    }
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.path().extension() == ".part") {
            partial.push_back(entry.path().string());
        }
    }
    return partial;
}

// Forwards to a real client and sets the cancel flag when the N-th instance has been stored: a cancel at a
// known point of a transfer, whatever the speed of the machine.
class CancelAfterInstances : public storage::PacsClient {
public:
    CancelAfterInstances(storage::PacsClient& inner, std::atomic<bool>& cancel, std::size_t after)
        : m_inner(inner)
        , m_cancel(cancel)
        , m_after(after)
    {
    }
    std::string echo() override { return m_inner.echo(); }
    storage::PacsQueryPage queryStudies(const storage::PacsStudyQuery& query, const std::atomic<bool>* cancel) override
    {
        return m_inner.queryStudies(query, cancel);
    }
    std::vector<storage::PacsSeries> querySeries(const std::string& study, const std::atomic<bool>* cancel) override
    {
        return m_inner.querySeries(study, cancel);
    }
    std::vector<storage::PacsInstance> queryInstances(
        const std::string& study, const std::string& series, const std::atomic<bool>* cancel) override
    {
        return m_inner.queryInstances(study, series, cancel);
    }
    storage::PacsTransferResult retrieve(const storage::PacsRetrieveTarget& target, storage::PacsRetrieveMethod method,
        const std::string& cacheFolder, const storage::PacsTransferObserver& observer) override
    {
        storage::PacsTransferObserver counting = observer;
        counting.onInstanceStored = [this, &observer](const storage::PacsStoredInstance& instance) {
            observer.onInstanceStored(instance);
            if (++m_stored == m_after) {
                m_cancel = true;
                m_sinceCancel.start();
            }
        };
        return m_inner.retrieve(target, method, cacheFolder, counting);
    }
    std::string store(const std::string& filePath) override { return m_inner.store(filePath); }
    qint64 millisecondsSinceCancel() const { return m_sinceCancel.elapsed(); }

private:
    storage::PacsClient& m_inner;
    std::atomic<bool>& m_cancel;
    std::size_t m_after;
    std::size_t m_stored = 0;
    QElapsedTimer m_sinceCancel;
};

} // namespace

TEST_CASE("QIDO-RS pages through the studies exactly and applies each criterion", "[dicomweb][orthanc]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-qido");
    std::set<std::string> uploaded;
    for (int index = 0; index < 7; ++index) {
        uploaded.insert(uploadSyntheticStudy(orthanc, folder, index).studyInstanceUid);
    }
    DicomWebPacsClient client(webConnection(orthanc));

    storage::PacsStudyQuery query;
    query.limit = 3;
    std::set<std::string> seen;
    std::vector<std::size_t> pageSizes;
    std::vector<bool> more;
    for (query.offset = 0;; query.offset += query.limit) {
        const storage::PacsQueryPage page = client.queryStudies(query, nullptr);
        pageSizes.push_back(page.studies.size());
        more.push_back(page.more);
        for (const auto& study : page.studies) {
            CHECK(seen.insert(study.studyInstanceUid).second); // no study twice
            CHECK(study.seriesCount == 1);
            CHECK(study.instanceCount == 2);
        }
        if (!page.more) {
            break;
        }
    }
    CHECK(pageSizes == std::vector<std::size_t> { 3, 3, 1 });
    CHECK(more == std::vector<bool> { true, true, false });
    CHECK(seen == uploaded);

    query = storage::PacsStudyQuery {};
    query.patientId = "PW-5";
    std::vector<storage::PacsStudy> found = client.queryStudies(query, nullptr).studies;
    REQUIRE(found.size() == 1);
    CHECK(found[0].accessionNumber == "ACC1005");
    CHECK(found[0].patientName == "ODD^PATIENT5");
    CHECK(found[0].studyDate == "20240106");
    CHECK(found[0].studyDescription == "CT ABDOMEN");
    CHECK(found[0].modalities == std::vector<std::string> { "CT" });

    query = storage::PacsStudyQuery {};
    query.accessionNumber = "ACC1002";
    CHECK(client.queryStudies(query, nullptr).studies.size() == 1);

    query = storage::PacsStudyQuery {};
    query.patientName = "EVEN^*";
    CHECK(client.queryStudies(query, nullptr).studies.size() == 4); // 0, 2, 4, 6

    query = storage::PacsStudyQuery {};
    query.studyDateFrom = "20240102";
    query.studyDateTo = "20240104";
    CHECK(client.queryStudies(query, nullptr).studies.size() == 3); // indexes 1, 2, 3

    query = storage::PacsStudyQuery {};
    query.modality = "MR";
    found = client.queryStudies(query, nullptr).studies;
    REQUIRE(found.size() == 1);
    CHECK(found[0].patientId == "PW-3");

    query = storage::PacsStudyQuery {};
    query.studyDescription = "CT CHEST";
    found = client.queryStudies(query, nullptr).studies;
    REQUIRE(found.size() == 1);
    CHECK(found[0].patientId == "PW-4");

    query = storage::PacsStudyQuery {};
    query.patientId = "NOBODY";
    const storage::PacsQueryPage none = client.queryStudies(query, nullptr);
    CHECK(none.studies.empty());
    CHECK_FALSE(none.more);

    const std::string anyStudy = *uploaded.begin();
    const auto series = client.querySeries(anyStudy, nullptr);
    REQUIRE(series.size() == 1);
    CHECK(series[0].instanceCount == 2);
    CHECK(client.queryInstances(anyStudy, "", nullptr).size() == 2);
    CHECK(client.queryInstances("1.2.3.4.5.6.7.8.9", "", nullptr).empty());
    CHECK_THAT(client.echo(), Catch::StartsWith("QIDO-RS request to " + orthanc.dicomWebUrl() + " answered in "));
}

TEST_CASE("WADO-RS retrieves real and generated files byte for byte into the cache", "[dicomweb][orthanc][shared]")
{
    RADMARK_REQUIRE_ORTHANC();
    RADMARK_REQUIRE_SHARED_DATA();
    OrthancServer orthanc;
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-wado");
    // Original bytes by SOP Instance UID: a real tilted head CT series and a generated one.
    std::map<std::string, std::string> originals;
    std::map<std::string, std::string> studyOfInstance;
    const fs::path realSeries = fs::path(radmark::testing::sharedDataPath("dicom/ge_head_ct_tilt/series"));
    for (const auto& entry : fs::directory_iterator(realSeries)) {
        const storage::FileHeaderReading reading = storage::readFileHeader(entry.path().string());
        REQUIRE(reading.record);
        orthanc.uploadFile(entry.path().string());
        originals[reading.record->sopInstanceUid] = readWholeFile(entry.path().string());
        studyOfInstance[reading.record->sopInstanceUid] = reading.record->studyInstanceUid;
    }
    const storage::WrittenSeries generated = uploadSyntheticStudy(orthanc, folder, 1, 12);
    for (std::size_t i = 0; i < generated.filePaths.size(); ++i) {
        originals[generated.sopInstanceUids[i]] = readWholeFile(generated.filePaths[i]);
        studyOfInstance[generated.sopInstanceUids[i]] = generated.studyInstanceUid;
    }
    REQUIRE(originals.size() == 28 + 12);

    DicomWebPacsClient client(webConnection(orthanc));
    std::string cache = folder + "/cache";
    std::set<std::string> studies;
    for (const auto& entry : studyOfInstance) {
        studies.insert(entry.second);
    }
    std::size_t stored = 0;
    std::size_t lastProgress = 0;
    storage::PacsTransferObserver observer;
    observer.onInstanceStored = [&](const storage::PacsStoredInstance& instance) {
        ++stored;
        CHECK(instance.filePath
            == storage::cachedInstancePath(
                cache, instance.studyInstanceUid, instance.seriesInstanceUid, instance.sopInstanceUid));
    };
    observer.onTransferProgress = [&](std::size_t received, long long) { lastProgress = received; };
    for (const std::string& study : studies) {
        storage::PacsRetrieveTarget target;
        target.studyInstanceUid = study;
        client.retrieve(target, storage::PacsRetrieveMethod::Wado, cache, observer);
    }
    CHECK(stored == originals.size());
    for (const auto& [sopUid, bytes] : originals) {
        bool found = false;
        for (const auto& entry : fs::recursive_directory_iterator(cache)) {
            if (entry.path().filename() == sopUid + ".dcm") {
                found = true;
                CHECK(readWholeFile(entry.path().string()) == bytes);
            }
        }
        CHECK(found);
    }
    CHECK(partialFilesUnder(cache).empty());

    // One series, and listed instances of it (what a resume asks for).
    const std::string cache2 = folder + "/cache2";
    cache = cache2;
    storage::PacsRetrieveTarget listed;
    listed.studyInstanceUid = generated.studyInstanceUid;
    listed.seriesInstanceUid = generated.seriesInstanceUid;
    listed.sopInstanceUids = { generated.sopInstanceUids[3], generated.sopInstanceUids[7] };
    stored = 0;
    const storage::PacsTransferResult result
        = client.retrieve(listed, storage::PacsRetrieveMethod::Default, cache2, observer);
    CHECK(result.received == 2);
    CHECK(stored == 2);
    CHECK(storage::cachedInstanceUids(cache2, generated.studyInstanceUid)
        == std::set<std::string> { generated.sopInstanceUids[3], generated.sopInstanceUids[7] });
    CHECK(readWholeFile(storage::cachedInstancePath(
              cache2, generated.studyInstanceUid, generated.seriesInstanceUid, generated.sopInstanceUids[7]))
        == originals[generated.sopInstanceUids[7]]);

    // C-GET / C-MOVE are not what a DICOMweb connection does.
    try {
        client.retrieve(listed, storage::PacsRetrieveMethod::CGet, cache2, observer);
        FAIL("C-GET accepted");
    } catch (const storage::PacsError& error) {
        CHECK(error.kind() == storage::PacsError::Kind::Configuration);
    }
}

TEST_CASE("STOW-RS sends an SR that Orthanc then serves byte for byte", "[dicomweb][orthanc][shared]")
{
    RADMARK_REQUIRE_ORTHANC();
    RADMARK_REQUIRE_SHARED_DATA();
    OrthancServer orthanc;
    const std::string sr = radmark::testing::sharedDataPath("dicom/highdicom/test_files/sr_document.dcm");
    const storage::ReceivedInstanceUids uids = storage::readReceivedInstanceUids(sr);
    REQUIRE(orthanc.instanceCount() == 0);
    DicomWebPacsClient client(webConnection(orthanc));
    const std::string answer = client.store(sr);
    CHECK(answer == "STOW-RS to " + orthanc.dicomWebUrl() + " stored instance " + uids.sopInstanceUid);
    CHECK(orthanc.instanceCount() == 1);
    CHECK(orthanc.instanceFile(uids.sopInstanceUid) == readWholeFile(sr));

    // And back over WADO-RS: an SR is placed in the cache like any instance.
    const std::string cache = radmark::testing::makeTemporaryFolder("radmark-stow-back");
    storage::PacsRetrieveTarget target;
    target.studyInstanceUid = uids.studyInstanceUid;
    const storage::PacsTransferResult back = client.retrieve(target, storage::PacsRetrieveMethod::Wado, cache, {});
    CHECK(back.received == 1);
    CHECK(back.failed == 0);
    CHECK(readWholeFile(
              storage::cachedInstancePath(cache, uids.studyInstanceUid, uids.seriesInstanceUid, uids.sopInstanceUid))
        == readWholeFile(sr));

    // A file that is no DICOM is refused by the server, and said so.
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-stow");
    std::ofstream(folder + "/not.dcm") << "not a DICOM file";
    CHECK_THROWS_AS(client.store(folder + "/not.dcm"), storage::PacsError);
    CHECK(orthanc.instanceCount() == 1);
}

TEST_CASE(
    "a server with a user: 401 without or with wrong credentials, answers with the right ones", "[dicomweb][orthanc]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancOptions options;
    options.user = "reader";
    options.password = "s3cret";
    OrthancServer orthanc(options);
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-auth");

    storage::PacsConnection connection = webConnection(orthanc);
    try {
        DicomWebPacsClient(connection).echo();
        FAIL("no 401");
    } catch (const storage::PacsError& error) {
        CHECK(error.kind() == storage::PacsError::Kind::Http);
        CHECK_THAT(error.what(), Catch::Contains("HTTP 401 Unauthorized"));
        CHECK_THAT(error.what(), Catch::Contains("none is set for this connection"));
    }
    connection.auth = storage::PacsConnection::Auth::Basic;
    connection.user = "reader";
    connection.passwordFile = folder + "/wrong.txt";
    std::ofstream(connection.passwordFile) << "guess\n";
    try {
        DicomWebPacsClient(connection).echo();
        FAIL("no 401");
    } catch (const storage::PacsError& error) {
        CHECK(error.kind() == storage::PacsError::Kind::Http);
        CHECK_THAT(error.what(),
            Catch::Contains("PACS orthanc-web: " + orthanc.dicomWebUrl() + "/studies: HTTP 401 Unauthorized"));
        CHECK_THAT(error.what(), Catch::Contains("refused the connection's user name and password"));
    }
    connection.passwordFile = folder + "/right.txt";
    std::ofstream(connection.passwordFile) << "s3cret\n";
    CHECK_NOTHROW(DicomWebPacsClient(connection).echo());
}

TEST_CASE("a stopped server is a refused connection, named", "[dicomweb][orthanc]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    DicomWebPacsClient client(webConnection(orthanc));
    CHECK_NOTHROW(client.echo());
    orthanc.stop();
    try {
        client.echo();
        FAIL("no error");
    } catch (const storage::PacsError& error) {
        CHECK(error.kind() == storage::PacsError::Kind::Refused);
        CHECK(std::string(error.what())
            == "PACS orthanc-web: " + orthanc.dicomWebUrl() + "/studies: connection refused by 127.0.0.1:"
                + std::to_string(orthanc.httpPort()) + " (is the server running on that port?)");
    }
}

TEST_CASE("a WADO-RS retrieval cancelled midway resumes without fetching again what arrived", "[dicomweb][orthanc]")
{
    RADMARK_REQUIRE_ORTHANC();
    OrthancServer orthanc;
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-wado-resume");
    const storage::WrittenSeries written = uploadSyntheticStudy(orthanc, folder, 2, 40);
    const std::string projectPath = folder + "/resume.radmark";
    auto project = storage::ProjectStore::open(projectPath, storage::ProjectStore::OpenMode::CreateIfMissing);
    DicomWebPacsClient client(webConnection(orthanc));

    std::atomic<bool> cancel { false };
    CancelAfterInstances cancelling(client, cancel, 10);
    storage::PacsRetrieveOptions options;
    options.cancel = &cancel;
    options.importBatchSize = 5;
    storage::PacsRetrieveRequest request;
    request.studyInstanceUid = written.studyInstanceUid;
    request.method = storage::PacsRetrieveMethod::Wado;
    const storage::PacsRetrieveOutcome first = storage::retrieveIntoProject(*project, cancelling, request, options);
    CHECK(cancelling.millisecondsSinceCancel() < 1000);
    CHECK(first.cancelled);
    CHECK(first.progress.expected == 40);
    CHECK(first.progress.received == 10); // the client stops after the part it was writing
    const std::string cache = storage::pacsCacheFolder(projectPath);
    const std::size_t cachedAfterCancel = storage::cachedInstanceUids(cache, written.studyInstanceUid).size();
    CHECK(cachedAfterCancel == first.progress.received);
    CHECK(project->counts().instances == static_cast<std::int64_t>(cachedAfterCancel));

    cancel = false;
    const storage::PacsRetrieveOutcome second = storage::retrieveIntoProject(*project, client, request, options);
    CHECK(second.complete());
    CHECK(second.progress.alreadyPresent == cachedAfterCancel);
    CHECK(second.progress.received == 40 - cachedAfterCancel);
    CHECK(project->counts().instances == 40);
    CHECK(storage::cachedInstanceUids(cache, written.studyInstanceUid).size() == 40);
    CHECK(partialFilesUnder(cache).empty());
    for (std::size_t i = 0; i < written.filePaths.size(); ++i) {
        CHECK(readWholeFile(storage::cachedInstancePath(
                  cache, written.studyInstanceUid, written.seriesInstanceUid, written.sopInstanceUids[i]))
            == readWholeFile(written.filePaths[i]));
    }

    // Deleted on the server since the query: said plainly.
    orthanc.deleteStudy(written.studyInstanceUid);
    try {
        storage::retrieveIntoProject(*project, client, request, options);
        FAIL("no error for a deleted study");
    } catch (const storage::PacsError& error) {
        CHECK(error.kind() == storage::PacsError::Kind::NotFound);
    }
}
