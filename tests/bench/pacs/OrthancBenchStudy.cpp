#include "OrthancBenchStudy.h"

#include "../ChildProcess.h"
#include "../PerformanceReport.h"
#include "radmark/storage/imageio/ToolkitLogging.h"
#include "radmark/storage/pacs/PacsClient.h"
#include "radmark/storage/project/ProjectStore.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace radmark::bench {

namespace fs = std::filesystem;
using namespace storage;

OrthancBenchStudy uploadBenchStudy(testing::OrthancServer& orthanc, const std::string& workFolder)
{
    const int instanceCount = benchStudyInstanceCount;
    SyntheticSeriesSpec spec;
    spec.columns = 256;
    spec.rows = 256;
    spec.slices = instanceCount / 2;
    spec.sliceThicknessMm = 0.5;
    spec.sliceStepLpsMm = { 0.0, 0.0, 0.5 };
    spec.firstSlicePositionLpsMm = { -102.0, -102.0, -250.0 };
    spec.accessionNumber = "BENCH2000";
    OrthancBenchStudy study;
    study.first = writeSyntheticSeries(spec, workFolder + "/source/1");
    spec.studyInstanceUid = study.first.studyInstanceUid;
    spec.seriesNumber = 3;
    study.second = writeSyntheticSeries(spec, workFolder + "/source/2");

    std::uintmax_t bytes = 0;
    const auto uploadStart = std::chrono::steady_clock::now();
    for (const WrittenSeries* series : { &study.first, &study.second }) {
        for (const std::string& file : series->filePaths) {
            orthanc.uploadFile(file);
            bytes += fs::file_size(file);
        }
    }
    study.uploadSeconds = secondsSince(uploadStart);
    if (orthanc.instanceCount() != instanceCount) {
        throw std::runtime_error("Orthanc holds " + std::to_string(orthanc.instanceCount()) + " instances, expected "
            + std::to_string(instanceCount));
    }
    study.megabytes = static_cast<double>(bytes) / 1e6;
    return study;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::size_t filesUnder(const std::string& folder)
{
    std::size_t count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        count += entry.is_regular_file() ? 1 : 0;
    }
    return count;
}

std::string prepareRetrieveBenchmark(const std::string& workFolder)
{
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
    return getscu;
}

double getscuRetrieveSeconds(const std::string& getscu, const testing::OrthancServer& orthanc,
    const OrthancBenchStudy& study, const std::string& workFolder)
{
    const int instanceCount = benchStudyInstanceCount;
    const std::string getscuFolder = workFolder + "/getscu";
    fs::remove_all(getscuFolder);
    fs::create_directories(getscuFolder);
    const ProcessResult peer
        = runProcess({ getscu, "-S", "-aet", "GETSCU", "-aec", orthanc.aeTitle(), "-od", getscuFolder, "-k",
                         "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study.first.studyInstanceUid,
                         "127.0.0.1", std::to_string(orthanc.dicomPort()) },
            false);
    if (peer.exitCode != 0 || filesUnder(getscuFolder) != static_cast<std::size_t>(instanceCount)) {
        throw std::runtime_error("getscu failed or received " + std::to_string(filesUnder(getscuFolder)) + " files");
    }
    return peer.wallSeconds;
}

double radmarkRetrieveSeconds(const std::function<std::unique_ptr<PacsClient>()>& makeClient, PacsRetrieveMethod method,
    const OrthancBenchStudy& study, const std::string& projectPath)
{
    const int instanceCount = benchStudyInstanceCount;
    const auto start = std::chrono::steady_clock::now();
    {
        auto project = ProjectStore::open(projectPath, ProjectStore::OpenMode::CreateIfMissing);
        const std::unique_ptr<PacsClient> client = makeClient();
        PacsRetrieveRequest request;
        request.studyInstanceUid = study.first.studyInstanceUid;
        request.method = method;
        const PacsRetrieveOutcome outcome = retrieveIntoProject(*project, *client, request);
        if (!outcome.complete() || outcome.progress.received != static_cast<std::size_t>(instanceCount)
            || project->counts().instances != instanceCount) {
            throw std::runtime_error("RadMark's retrieve was incomplete");
        }
    }
    const double seconds = secondsSince(start);
    fs::remove_all(projectPath + ".pacs-cache");
    fs::remove(projectPath);
    return seconds;
}

std::string roundsText(const std::vector<double>& seconds)
{
    std::string text;
    for (const double value : seconds) {
        text += (text.empty() ? "" : ", ") + formatNumber(value, 2) + " s";
    }
    return text;
}

void addBenchStudyNote(PerformanceReport& report, const OrthancBenchStudy& study)
{
    report.addNote("One study of 2,000 synthetic CT images (two series of 1,000; 256 x 256, 16 bit, explicit VR little "
                   "endian; "
        + formatNumber(study.megabytes, 0) + " MB) uploaded to an Orthanc "
        + "started by the benchmark on 127.0.0.1 (REST upload: " + formatNumber(study.uploadSeconds, 1) + " s).");
}

void reportAgainstGetscu(PerformanceReport& report, const std::string& radmarkMeasure,
    const std::vector<double>& radmarkSeconds, const std::vector<double>& getscuSeconds)
{
    const int instanceCount = benchStudyInstanceCount;
    const double radmarkBest = *std::min_element(radmarkSeconds.begin(), radmarkSeconds.end());
    const double getscuBest = *std::min_element(getscuSeconds.begin(), getscuSeconds.end());
    report.addFigure(radmarkMeasure, formatNumber(radmarkBest, 2) + " s",
        formatNumber(instanceCount / radmarkBest, 0) + " images/s; rounds: " + roundsText(radmarkSeconds));
    report.addPeerFigure("getscu (DCMTK 3.6.7), best", formatNumber(getscuBest, 2) + " s",
        formatNumber(instanceCount / getscuBest, 0) + " images/s; rounds: " + roundsText(getscuSeconds));
    const double ratio = radmarkBest / getscuBest;
    report.addRatio("RadMark time / getscu time", ratio);
    report.addTarget({ "RadMark retrieve within 2x of getscu (time ratio)", ratio, 2.0, false, "x" });
    report.addFinding("Machine load average at the end: " + loadAverages()
        + " (shared machine; both tools measured in the same run).");
}

} // namespace radmark::bench
