#include "ImportTestFiles.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace radmark::testing {

storage::SyntheticSeriesSpec smallCtSpec(int columns, int rows, int slices)
{
    storage::SyntheticSeriesSpec spec;
    spec.columns = columns;
    spec.rows = rows;
    spec.slices = slices;
    spec.columnSpacingMm = 0.75;
    spec.rowSpacingMm = 0.5;
    spec.sliceThicknessMm = 2.5;
    spec.firstSlicePositionLpsMm = { -10.0, -20.0, -30.0 };
    spec.sliceStepLpsMm = { 0.0, 0.0, 2.5 };
    spec.huAt = [](const annotation::Vector3&) { return 40.0; };
    return spec;
}

void rewriteDicom(const std::string& source, const std::string& target, const std::function<void(DcmDataset&)>& edit)
{
    DcmFileFormat file;
    if (file.loadFile(source.c_str()).bad()) {
        throw std::runtime_error("cannot load " + source);
    }
    edit(*file.getDataset());
    if (file.saveFile(target.c_str(), EXS_LittleEndianExplicit).bad()) {
        throw std::runtime_error("cannot save " + target);
    }
}

void touchLater(const std::string& path, int seconds)
{
    const auto now = std::filesystem::file_time_type::clock::now();
    std::filesystem::last_write_time(path, now + std::chrono::seconds(seconds));
}

} // namespace radmark::testing
