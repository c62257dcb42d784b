// bench_pacs_retrieve: C-GET of one 2,000-image CT study from a local Orthanc started by the benchmark, by
// RadMark (retrieveIntoProject: C-GET, files received bit for bit, renamed into the cache and imported as they
// arrive) against DCMTK's getscu on the same study in the same run (alternating rounds; the best of each).
#include "../ChildProcess.h"
#include "../PerformanceReport.h"
#include "OrthancBenchStudy.h"

#include "OrthancServer.h"
#include "TestPaths.h"
#include "radmark/storage/imageio/ToolkitLogging.h"
#include "radmark/storage/pacs/DimsePacsClient.h"
#include "radmark/storage/pacs/PacsRetrieve.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

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
const std::string workFolder = "/tmp/radmark-bench-pacs-retrieve";

int run(int argc, char** argv)
{
    PerformanceReport report(
        "pacs_retrieve", "PACS retrieve: C-GET of 2,000 CT images from a local Orthanc", argc, argv);
    silenceToolkitLogging();
    if (!testing::OrthancServer::installed()) {
        throw std::runtime_error(
            "Orthanc is not installed (packaging/install-deps.sh installs orthanc orthanc-dicomweb)");
    }
    const std::string getscu = findProgram("getscu");
    if (getscu.empty()) {
        throw std::runtime_error("DCMTK's getscu is not installed (package dcmtk)");
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
    connection.calledAeTitle = orthanc.aeTitle();
    connection.host = "127.0.0.1";
    connection.port = orthanc.dicomPort();
    connection.localAeTitle = "RADMARK";

    std::vector<double> radmarkSeconds;
    std::vector<double> getscuSeconds;
    for (int round = 0; round < rounds; ++round) {
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
            const auto client = makeDimsePacsClient(connection);
            PacsRetrieveRequest request;
            request.studyInstanceUid = first.studyInstanceUid;
            request.method = PacsRetrieveMethod::CGet;
            const PacsRetrieveOutcome outcome = retrieveIntoProject(*project, *client, request);
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
    report.addNote("RadMark: `retrieveIntoProject` over C-GET into a new project: the instance list (C-FIND), the "
                   "C-GET, each file received bit for bit into a partial file, its header read, fsync, rename into "
                   "the cache, and the import of every file into the project (batches of 200). getscu: "
                   "`getscu -S -k QueryRetrieveLevel=STUDY` into an empty folder (files only, no index).");
    report.addNote(
        std::to_string(rounds) + " alternating rounds (getscu, then RadMark); the best of each is compared.");
    report.addFigure("RadMark C-GET + import, best", formatNumber(radmarkBest, 2) + " s",
        formatNumber(instanceCount / radmarkBest, 0) + " images/s; rounds: " + list(radmarkSeconds));
    report.addPeerFigure("getscu (DCMTK 3.6.7), best", formatNumber(getscuBest, 2) + " s",
        formatNumber(instanceCount / getscuBest, 0) + " images/s; rounds: " + list(getscuSeconds));
    const double ratio = radmarkBest / getscuBest;
    report.addRatio("RadMark time / getscu time", ratio);
    report.addTarget({ "RadMark retrieve within 2x of getscu (time ratio)", ratio, 2.0, false, "x" });
    report.addFinding("Machine load average at the end: " + loadAverages()
        + " (shared machine; both tools measured in the same run).");
    report.addFinding("On a loaded machine the archive dominates: Orthanc reads, parses and sends every instance, and "
                      "both clients wait on it; RadMark's extra work per image (header read, fsync, rename, import "
                      "in batches on a second thread) is the difference between the two times.");
    report.publish();
    fs::remove_all(workFolder);
    return report.allTargetsPassed() ? 0 : 1;
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_pacs_retrieve", radmark::bench::run, argc, argv);
}
