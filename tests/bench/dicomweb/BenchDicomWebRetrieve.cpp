// bench_dicomweb_retrieve: WADO-RS of one 2,000-image CT study from a local Orthanc (DICOMweb plugin) started by the
// benchmark, by RadMark (retrieveIntoProject over the DICOMweb client: multipart/related streamed part by part into
// the cache, imported as the files arrive) against DCMTK's getscu (C-GET) and curl (the same WADO-RS body to
// /dev/null) on the same study in the same run (alternating rounds; the best of each).
#include "../ChildProcess.h"
#include "../PerformanceReport.h"
#include "../pacs/OrthancBenchStudy.h"

#include "OrthancServer.h"
#include "TestPaths.h"
#include "dicomweb/DicomWebPacsClient.h"
#include "radmark/storage/imageio/ToolkitLogging.h"
#include "radmark/storage/pacs/PacsRetrieve.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <QCoreApplication>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;
using namespace storage;

constexpr int instanceCount = 2000;
constexpr int rounds = 3;
const std::string workFolder = "/tmp/radmark-bench-dicomweb-retrieve";

int run(int argc, char** argv)
{
    PerformanceReport report(
        "dicomweb_retrieve", "PACS retrieve: WADO-RS of 2,000 CT images from a local Orthanc", argc, argv);
    silenceToolkitLogging();
    if (!testing::OrthancServer::installed()) {
        throw std::runtime_error(
            "Orthanc is not installed (packaging/install-deps.sh installs orthanc orthanc-dicomweb)");
    }
    const std::string getscu = findProgram("getscu");
    const std::string curl = findProgram("curl");
    if (getscu.empty() || curl.empty()) {
        throw std::runtime_error("DCMTK's getscu (package dcmtk) and curl are needed");
    }
    fs::remove_all(workFolder);
    fs::create_directories(workFolder);

    testing::OrthancServer orthanc;
    const OrthancBenchStudy study = uploadBenchStudy(orthanc, workFolder, instanceCount);
    const WrittenSeries& first = study.first;
    const double uploadSeconds = study.uploadSeconds;
    const double megabytes = study.megabytes;

    PacsConnection connection;
    connection.name = "bench";
    connection.kind = PacsConnection::Kind::DicomWeb;
    connection.baseUrl = orthanc.dicomWebUrl();

    std::vector<double> radmarkSeconds;
    std::vector<double> getscuSeconds;
    std::vector<double> curlSeconds;
    for (int round = 0; round < rounds; ++round) {
        const ProcessResult transfer
            = runProcess({ curl, "-s", "-f", "-o", "/dev/null", "-H",
                             "Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*",
                             orthanc.dicomWebUrl() + "/studies/" + first.studyInstanceUid },
                false);
        if (transfer.exitCode != 0) {
            throw std::runtime_error("curl of the WADO-RS study failed");
        }
        curlSeconds.push_back(transfer.wallSeconds);

        const std::string getscuFolder = workFolder + "/getscu";
        fs::remove_all(getscuFolder);
        fs::create_directories(getscuFolder);
        const ProcessResult peer
            = runProcess({ getscu, "-S", "-aet", "GETSCU", "-aec", orthanc.aeTitle(), "-od", getscuFolder, "-k",
                             "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + first.studyInstanceUid,
                             "127.0.0.1", std::to_string(orthanc.dicomPort()) },
                false);
        if (peer.exitCode != 0 || filesUnder(getscuFolder) != instanceCount) {
            throw std::runtime_error(
                "getscu failed or received " + std::to_string(filesUnder(getscuFolder)) + " files");
        }
        getscuSeconds.push_back(peer.wallSeconds);

        const std::string projectPath = workFolder + "/project-" + std::to_string(round) + ".radmark";
        const auto start = std::chrono::steady_clock::now();
        {
            auto project = ProjectStore::open(projectPath, ProjectStore::OpenMode::CreateIfMissing);
            app::dicomweb::DicomWebPacsClient client(connection);
            PacsRetrieveRequest request;
            request.studyInstanceUid = first.studyInstanceUid;
            request.method = PacsRetrieveMethod::Wado;
            const PacsRetrieveOutcome outcome = retrieveIntoProject(*project, client, request);
            if (!outcome.complete() || outcome.progress.received != instanceCount
                || project->counts().instances != instanceCount) {
                throw std::runtime_error("RadMark's retrieve was incomplete");
            }
        }
        radmarkSeconds.push_back(secondsSince(start));
        fs::remove_all(projectPath + ".pacs-cache");
        fs::remove(projectPath);
    }
    const double radmarkBest = *std::min_element(radmarkSeconds.begin(), radmarkSeconds.end());
    const double getscuBest = *std::min_element(getscuSeconds.begin(), getscuSeconds.end());
    const double curlBest = *std::min_element(curlSeconds.begin(), curlSeconds.end());
    auto list = [](const std::vector<double>& values) {
        std::string text;
        for (const double value : values) {
            text += (text.empty() ? "" : ", ") + formatNumber(value, 2) + " s";
        }
        return text;
    };

    report.addNote("One study of 2,000 synthetic CT images (two series of 1,000; 256 x 256, 16 bit, explicit VR little "
                   "endian; "
        + formatNumber(megabytes, 0) + " MB) uploaded to an Orthanc "
        + "started by the benchmark on 127.0.0.1 (REST upload: " + formatNumber(uploadSeconds, 1) + " s).");
    report.addNote(
        "RadMark: `retrieveIntoProject` over WADO-RS into a new project: the instance list (QIDO-RS), one "
        "WADO-RS request for the study (transfer-syntax=*, files as stored), each part streamed into a hidden "
        "partial file, its UIDs read, fsync, rename into the cache, and the import of every file into the "
        "project (batches of 200). getscu: `getscu -S -k QueryRetrieveLevel=STUDY` into an empty folder "
        "(files only, no index). curl: the same WADO-RS response to /dev/null (transfer only).");
    report.addNote(
        std::to_string(rounds) + " alternating rounds (curl, getscu, then RadMark); the best of each is compared.");
    report.addFigure("RadMark WADO-RS + import, best", formatNumber(radmarkBest, 2) + " s",
        formatNumber(instanceCount / radmarkBest, 0) + " images/s; rounds: " + list(radmarkSeconds));
    report.addPeerFigure("getscu (DCMTK 3.6.7), best", formatNumber(getscuBest, 2) + " s",
        formatNumber(instanceCount / getscuBest, 0) + " images/s; rounds: " + list(getscuSeconds));
    report.addPeerFigure(
        "curl, WADO-RS body to /dev/null, best", formatNumber(curlBest, 2) + " s", "rounds: " + list(curlSeconds));
    const double ratio = radmarkBest / getscuBest;
    report.addRatio("RadMark time / getscu time", ratio);
    report.addTarget({ "RadMark retrieve within 2x of getscu (time ratio)", ratio, 2.0, false, "x" });
    report.addFinding("Machine load average at the end: " + loadAverages()
        + " (shared machine; both tools measured in the same run).");
    report.addRatio("RadMark time / curl transfer time", radmarkBest / curlBest);
    report.publish();
    fs::remove_all(workFolder);
    return report.allTargetsPassed() ? 0 : 1;
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    QCoreApplication application(argc, argv); // Qt Network's event loops
    return radmark::bench::runBenchmarkMain("bench_dicomweb_retrieve", radmark::bench::run, argc, argv);
}
