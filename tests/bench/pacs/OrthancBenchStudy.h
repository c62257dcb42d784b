#pragma once
// The study both PACS retrieve benchmarks fetch: two series of 1,000 CT slices (256 x 256, 16 bit, explicit VR
// little endian) in one study, written under a work folder and uploaded into a running Orthanc.
#include "OrthancServer.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <chrono>
#include <cstddef>
#include <string>

namespace radmark::bench {

struct OrthancBenchStudy {
    storage::WrittenSeries first;
    storage::WrittenSeries second;
    double uploadSeconds = 0.0;
    double megabytes = 0.0; // of the uploaded files
};

// Throws std::runtime_error when Orthanc does not end up holding exactly `instanceCount` instances.
OrthancBenchStudy uploadBenchStudy(testing::OrthancServer& orthanc, const std::string& workFolder, int instanceCount);

double secondsSince(std::chrono::steady_clock::time_point start);
std::size_t filesUnder(const std::string& folder);

} // namespace radmark::bench
