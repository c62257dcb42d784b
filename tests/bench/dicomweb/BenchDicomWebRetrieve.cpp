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
#include "radmark/storage/pacs/PacsRetrieve.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <QCoreApplication>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;
using namespace storage;

const std::string workFolder = "/tmp/radmark-bench-dicomweb-retrieve";

int run(int argc, char** argv)
{
    PerformanceReport report(
        "dicomweb_retrieve", "PACS retrieve: WADO-RS of 2,000 CT images from a local Orthanc", argc, argv);
    const std::string getscu = prepareRetrieveBenchmark(workFolder);
    const std::string curl = findProgram("curl");
    if (curl.empty()) {
        throw std::runtime_error("curl is not installed (package curl)");
    }

    testing::OrthancServer orthanc;
    const OrthancBenchStudy study = uploadBenchStudy(orthanc, workFolder);

    PacsConnection connection;
    connection.name = "bench";
    connection.kind = PacsConnection::Kind::DicomWeb;
    connection.baseUrl = orthanc.dicomWebUrl();

    std::vector<double> radmarkSeconds;
    std::vector<double> getscuSeconds;
    std::vector<double> curlSeconds;
    for (int round = 0; round < benchRounds; ++round) {
        const ProcessResult transfer
            = runProcess({ curl, "-s", "-f", "-o", "/dev/null", "-H",
                             "Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*",
                             orthanc.dicomWebUrl() + "/studies/" + study.first.studyInstanceUid },
                false);
        if (transfer.exitCode != 0) {
            throw std::runtime_error("curl of the WADO-RS study failed");
        }
        curlSeconds.push_back(transfer.wallSeconds);
        getscuSeconds.push_back(getscuRetrieveSeconds(getscu, orthanc, study, workFolder));
        radmarkSeconds.push_back(
            radmarkRetrieveSeconds([&] { return std::make_unique<app::dicomweb::DicomWebPacsClient>(connection); },
                PacsRetrieveMethod::Wado, study, workFolder + "/project-" + std::to_string(round) + ".radmark"));
    }
    const double radmarkBest = *std::min_element(radmarkSeconds.begin(), radmarkSeconds.end());
    const double curlBest = *std::min_element(curlSeconds.begin(), curlSeconds.end());

    addBenchStudyNote(report, study);
    report.addNote(
        "RadMark: `retrieveIntoProject` over WADO-RS into a new project: the instance list (QIDO-RS), one "
        "WADO-RS request for the study (transfer-syntax=*, files as stored), each part streamed into a hidden "
        "partial file, its UIDs read, fsync, rename into the cache, and the import of every file into the "
        "project (batches of 200). getscu: `getscu -S -k QueryRetrieveLevel=STUDY` into an empty folder "
        "(files only, no index). curl: the same WADO-RS response to /dev/null (transfer only).");
    report.addNote(std::to_string(benchRounds)
        + " alternating rounds (curl, getscu, then RadMark); the best of each is compared.");
    reportAgainstGetscu(report, "RadMark WADO-RS + import, best", radmarkSeconds, getscuSeconds);
    report.addPeerFigure("curl, WADO-RS body to /dev/null, best", formatNumber(curlBest, 2) + " s",
        "rounds: " + roundsText(curlSeconds));
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
