#include "OrthancBenchStudy.h"

#include <filesystem>
#include <stdexcept>

namespace radmark::bench {

namespace fs = std::filesystem;
using namespace storage;

OrthancBenchStudy uploadBenchStudy(testing::OrthancServer& orthanc, const std::string& workFolder, int instanceCount)
{
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

} // namespace radmark::bench
