#pragma once
// The study both PACS retrieve benchmarks fetch: two series of 1,000 CT slices (256 x 256, 16 bit, explicit VR
// little endian) in one study, written under a work folder and uploaded into a running Orthanc; and what both
// benchmarks do with it besides their own client: the getscu (C-GET) round they compare against, RadMark's
// round into a new project, and the report rows they share.
#include "OrthancServer.h"
#include "radmark/storage/pacs/PacsRetrieve.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace radmark::bench {

constexpr int benchStudyInstanceCount = 2000;
constexpr int benchRounds = 3; // alternating rounds of each client; the best of each is compared

struct OrthancBenchStudy {
    storage::WrittenSeries first;
    storage::WrittenSeries second;
    double uploadSeconds = 0.0;
    double megabytes = 0.0; // of the uploaded files
};

// Throws std::runtime_error when Orthanc does not end up holding exactly benchStudyInstanceCount instances.
OrthancBenchStudy uploadBenchStudy(testing::OrthancServer& orthanc, const std::string& workFolder);

double secondsSince(std::chrono::steady_clock::time_point start);
std::size_t filesUnder(const std::string& folder);

class PerformanceReport;

// What both benchmarks need before they start an Orthanc: Orthanc and DCMTK's getscu installed (else
// std::runtime_error naming the package), toolkit logging silenced and `workFolder` emptied. Returns getscu's path.
std::string prepareRetrieveBenchmark(const std::string& workFolder);

// Wall seconds of `getscu -S -k QueryRetrieveLevel=STUDY` of the study into an emptied `workFolder`/getscu.
// Throws std::runtime_error when getscu fails or does not receive every instance.
double getscuRetrieveSeconds(const std::string& getscu, const testing::OrthancServer& orthanc,
    const OrthancBenchStudy& study, const std::string& workFolder);

// Seconds of `retrieveIntoProject` of the study, by `method`, into the new project `projectPath` through the client
// that `makeClient` makes (made inside the timed part); the project and its cache are removed afterwards. Throws
// std::runtime_error when the retrieve is incomplete.
double radmarkRetrieveSeconds(const std::function<std::unique_ptr<storage::PacsClient>()>& makeClient,
    storage::PacsRetrieveMethod method, const OrthancBenchStudy& study, const std::string& projectPath);

// "1.25 s, 1.30 s, 1.28 s".
std::string roundsText(const std::vector<double>& seconds);

// The note describing the uploaded study.
void addBenchStudyNote(PerformanceReport& report, const OrthancBenchStudy& study);

// RadMark's best round against getscu's (figures with their rounds, the time ratio and its 2x target) and the
// machine load.
void reportAgainstGetscu(PerformanceReport& report, const std::string& radmarkMeasure,
    const std::vector<double>& radmarkSeconds, const std::vector<double>& getscuSeconds);

} // namespace radmark::bench
