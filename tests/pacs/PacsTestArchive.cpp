#include "PacsTestArchive.h"

#include "TestPaths.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace radmark::testing {

namespace fs = std::filesystem;

storage::PacsConnection dimseConnectionTo(const OrthancServer& orthanc, int localPort, const std::string& localAeTitle)
{
    storage::PacsConnection connection;
    connection.name = "orthanc";
    connection.kind = storage::PacsConnection::Kind::Dimse;
    connection.calledAeTitle = orthanc.aeTitle();
    connection.host = "127.0.0.1";
    connection.port = orthanc.dicomPort();
    connection.localAeTitle = localAeTitle;
    connection.localPort = localPort;
    return connection;
}

storage::WrittenSeries uploadSyntheticSeries(
    const OrthancServer& orthanc, int slices, const std::string& accession, const std::string& patientId, int columns)
{
    storage::SyntheticSeriesSpec spec;
    spec.slices = slices;
    spec.columns = columns;
    spec.rows = columns;
    spec.columnSpacingMm = 3.2;
    spec.rowSpacingMm = 3.2;
    spec.firstSlicePositionLpsMm = { -102.0, -102.0, -80.0 };
    spec.accessionNumber = accession;
    spec.patientId = patientId;
    const storage::WrittenSeries series
        = storage::writeSyntheticSeries(spec, makeTemporaryFolder("radmark-pacs-series"));
    for (const std::string& file : series.filePaths) {
        orthanc.uploadFile(file);
    }
    return series;
}

std::string datasetBytes(const std::string& fileBytes)
{
    if (fileBytes.size() < 132 || fileBytes.compare(128, 4, "DICM") != 0) {
        throw std::runtime_error("not a DICOM file with a preamble and File Meta Information");
    }
    // The meta group is explicit VR little endian: walk its elements until the group changes.
    std::size_t at = 132;
    while (at + 8 <= fileBytes.size()) {
        std::uint16_t group = 0;
        std::memcpy(&group, fileBytes.data() + at, 2);
        if (group != 0x0002) {
            return fileBytes.substr(at);
        }
        const std::string vr = fileBytes.substr(at + 4, 2);
        if (vr == "OB" || vr == "OW" || vr == "UN" || vr == "SQ" || vr == "UT" || vr == "UC" || vr == "UR") {
            std::uint32_t length = 0;
            std::memcpy(&length, fileBytes.data() + at + 8, 4);
            at += 12 + length;
        } else {
            std::uint16_t length = 0;
            std::memcpy(&length, fileBytes.data() + at + 6, 2);
            at += 8 + length;
        }
    }
    throw std::runtime_error("the file ends inside its File Meta Information");
}

std::vector<std::string> filesBelow(const std::string& folder)
{
    std::vector<std::string> files;
    std::error_code error;
    if (!fs::exists(folder, error)) {
        return files;
    }
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace radmark::testing
