#include "saliency/SaliencyFileChecks.h"

#include "radmark/annotation/AsciiText.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/saliency/SaliencyDataFiles.h"

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

namespace radmark::storage {

namespace {

std::atomic<bool> dataOutsideAllowed { false };

} // namespace

void allowSaliencyDataOutsideMapFolder(bool allow)
{
    dataOutsideAllowed = allow;
}

bool saliencyDataOutsideMapFolderAllowed()
{
    return dataOutsideAllowed;
}

} // namespace radmark::storage

namespace radmark::storage::saliency {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t maxHeaderBytes = 1u << 16;

[[noreturn]] void refuse(const std::string& mapPath, const std::string& reason)
{
    throw ProjectError(mapPath + ": " + reason);
}

std::string trimmed(const std::string& text)
{
    return annotation::trimmedAscii(text);
}

std::vector<std::string> words(const std::string& text)
{
    std::vector<std::string> result;
    std::istringstream stream(text);
    for (std::string word; stream >> word;) {
        result.push_back(word);
    }
    return result;
}

// Every word as a number; "nan" and "inf" are numbers here (and refused by the caller), other words not.
std::vector<double> numbers(const std::string& text, bool& allNumbers)
{
    std::vector<double> values;
    allNumbers = true;
    for (const std::string& word : words(text)) {
        char* end = nullptr;
        const double value = std::strtod(word.c_str(), &end);
        if (end == word.c_str() || *end != '\0') {
            allNumbers = false;
        }
        values.push_back(value);
    }
    return values;
}

std::uintmax_t fileSize(const std::string& path)
{
    std::error_code error;
    const std::uintmax_t size = fs::file_size(path, error);
    return error ? 0 : size;
}

void checkSpacing(const std::string& mapPath, const std::string& field, const std::string& text)
{
    bool allNumbers = true;
    const std::vector<double> spacing = numbers(text, allNumbers);
    if (!allNumbers) {
        refuse(mapPath, field + " '" + trimmed(text) + "' is not a list of numbers");
    }
    for (const double value : spacing) {
        if (std::isnan(value)) {
            refuse(mapPath, field + " holds NaN (" + trimmed(text) + "): the map has no usable voxel spacing");
        }
        if (!std::isfinite(value) || value <= 0.0) {
            refuse(mapPath,
                field + " '" + trimmed(text)
                    + "' is not a positive voxel spacing (zero, negative or infinite spacing places no voxel)");
        }
    }
}

// Columns of a direction matrix (column-major as MetaImage writes TransformMatrix: axis after axis).
void checkDirection(const std::string& mapPath, const std::string& field, const std::vector<std::vector<double>>& axes)
{
    for (const auto& axis : axes) {
        double squared = 0.0;
        for (const double value : axis) {
            if (!std::isfinite(value)) {
                refuse(mapPath, field + " holds NaN or infinite values: the map has no usable orientation");
            }
            squared += value * value;
        }
        if (squared < 1e-12) {
            refuse(mapPath, field + " has an all-zero axis: the map has no usable orientation");
        }
    }
    double volume = 0.0;
    if (axes.size() >= 3 && axes[0].size() >= 3 && axes[1].size() >= 3 && axes[2].size() >= 3) {
        const auto& a = axes[0];
        const auto& b = axes[1];
        const auto& c = axes[2];
        volume = a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0])
            + a[2] * (b[0] * c[1] - b[1] * c[0]);
        const double scale = std::sqrt((a[0] * a[0] + a[1] * a[1] + a[2] * a[2])
            * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2]) * (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]));
        if (std::abs(volume) < 1e-6 * scale) {
            refuse(mapPath, field + " is degenerate (its axes are parallel or lie in one plane)");
        }
    } else if (axes.size() == 2 && axes[0].size() >= 2 && axes[1].size() >= 2) {
        const double area = axes[0][0] * axes[1][1] - axes[0][1] * axes[1][0];
        if (std::abs(area) < 1e-6) {
            refuse(mapPath, field + " is degenerate (its two axes are parallel)");
        }
    }
}

// The folder check for a header that names another file holding the voxels.
void checkDataFileLocation(const std::string& mapPath, const std::string& field, const std::string& dataPath)
{
    std::error_code error;
    const fs::path folder = fs::weakly_canonical(fs::absolute(fs::path(mapPath), error).parent_path(), error);
    const fs::path data = fs::weakly_canonical(fs::absolute(fs::path(dataPath), error), error);
    const std::string folderText = folder.string() + (folder.string().back() == '/' ? "" : "/");
    if (data.string().compare(0, folderText.size(), folderText) == 0 || saliencyDataOutsideMapFolderAllowed()) {
        return;
    }
    refuse(mapPath,
        field + " points outside the map's folder (" + data.string()
            + "): refused; give --allow-data-outside to read voxel files elsewhere");
}

std::string resolvedBeside(const std::string& mapPath, const std::string& name)
{
    const fs::path path(name);
    return path.is_absolute() ? path.string() : (fs::path(mapPath).parent_path() / path).string();
}

std::size_t metaElementBytes(const std::string& type)
{
    static const std::map<std::string, std::size_t> sizes { { "MET_UCHAR", 1 }, { "MET_CHAR", 1 }, { "MET_USHORT", 2 },
        { "MET_SHORT", 2 }, { "MET_UINT", 4 }, { "MET_INT", 4 }, { "MET_ULONG_LONG", 8 }, { "MET_LONG_LONG", 8 },
        { "MET_FLOAT", 4 }, { "MET_DOUBLE", 8 } };
    const auto found = sizes.find(type);
    return found == sizes.end() ? 0 : found->second;
}

std::size_t nrrdElementBytes(const std::string& type)
{
    static const std::map<std::string, std::size_t> sizes { { "signed char", 1 }, { "int8", 1 }, { "int8_t", 1 },
        { "uchar", 1 }, { "unsigned char", 1 }, { "uint8", 1 }, { "uint8_t", 1 }, { "short", 2 }, { "short int", 2 },
        { "signed short", 2 }, { "signed short int", 2 }, { "int16", 2 }, { "int16_t", 2 }, { "ushort", 2 },
        { "unsigned short", 2 }, { "unsigned short int", 2 }, { "uint16", 2 }, { "uint16_t", 2 }, { "int", 4 },
        { "signed int", 4 }, { "int32", 4 }, { "int32_t", 4 }, { "uint", 4 }, { "unsigned int", 4 }, { "uint32", 4 },
        { "uint32_t", 4 }, { "longlong", 8 }, { "long long", 8 }, { "int64", 8 }, { "int64_t", 8 }, { "ulonglong", 8 },
        { "unsigned long long", 8 }, { "uint64", 8 }, { "uint64_t", 8 }, { "float", 4 }, { "double", 8 } };
    const auto found = sizes.find(annotation::lowerAscii(trimmed(type)));
    return found == sizes.end() ? 0 : found->second;
}

std::uintmax_t product(const std::vector<double>& sizes)
{
    std::uintmax_t total = 1;
    for (const double size : sizes) {
        if (!(size >= 1.0) || size > 1e9) {
            return 0;
        }
        total *= static_cast<std::uintmax_t>(size);
    }
    return total;
}

void refuseTruncated(
    const std::string& mapPath, const std::string& dataPath, std::uintmax_t available, std::uintmax_t expected)
{
    refuse(mapPath,
        "truncated voxel data: " + (dataPath == mapPath ? std::string("the file") : dataPath) + " holds "
            + std::to_string(available) + " bytes of voxels, the header's dimensions need " + std::to_string(expected));
}

std::optional<PlainFloatVoxels> checkMetaImage(const std::string& mapPath)
{
    std::ifstream file(mapPath, std::ios::binary);
    std::string head(maxHeaderBytes, '\0');
    file.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(file.gcount()));
    std::map<std::string, std::string> fields; // lower-case key -> value
    std::size_t offset = 0;
    std::string dataFile;
    bool foundDataFile = false;
    while (offset < head.size()) {
        std::size_t end = head.find('\n', offset);
        if (end == std::string::npos) {
            end = head.size();
        }
        const std::string line = head.substr(offset, end - offset);
        offset = end + 1;
        const std::size_t equals = line.find('=');
        if (equals == std::string::npos) {
            continue;
        }
        const std::string key = annotation::lowerAscii(trimmed(line.substr(0, equals)));
        const std::string value = trimmed(line.substr(equals + 1));
        fields[key] = value;
        if (key == "elementdatafile") {
            dataFile = value;
            foundDataFile = true;
            break;
        }
    }
    if (!foundDataFile) {
        return std::nullopt; // ITK says what is wrong with it
    }
    for (const char* key : { "elementspacing", "elementsize" }) {
        if (const auto found = fields.find(key); found != fields.end()) {
            checkSpacing(
                mapPath, key == std::string("elementspacing") ? "ElementSpacing" : "ElementSize", found->second);
        }
    }
    bool allNumbers = true;
    const std::vector<double> dimensions = numbers(fields["dimsize"], allNumbers);
    for (const char* key : { "transformmatrix", "orientation", "rotation" }) {
        const auto found = fields.find(key);
        if (found == fields.end()) {
            continue;
        }
        const std::vector<double> values = numbers(found->second, allNumbers);
        const std::size_t n = dimensions.size() == 2 ? 2 : 3;
        if (values.size() >= n * n) {
            std::vector<std::vector<double>> axes(n, std::vector<double>(n));
            for (std::size_t axis = 0; axis < n; ++axis) {
                for (std::size_t row = 0; row < n; ++row) {
                    axes[axis][row] = values[axis * n + row];
                }
            }
            checkDirection(mapPath,
                key == std::string("transformmatrix")   ? "TransformMatrix"
                    : key == std::string("orientation") ? "Orientation"
                                                        : "Rotation",
                axes);
        }
    }
    const std::string upper = dataFile;
    if (upper == "LIST" || upper.compare(0, 5, "LIST ") == 0) {
        // One file per slice on the lines that follow.
        std::istringstream rest(head.substr(std::min(offset, head.size())));
        for (std::string line; std::getline(rest, line);) {
            if (!trimmed(line).empty()) {
                checkDataFileLocation(mapPath, "ElementDataFile", resolvedBeside(mapPath, trimmed(line)));
            }
        }
        return std::nullopt;
    }
    if (dataFile.find('%') != std::string::npos) {
        // A numbered pattern: "slice%03d.raw 1 40 1".
        checkDataFileLocation(mapPath, "ElementDataFile", resolvedBeside(mapPath, words(dataFile).front()));
        return std::nullopt;
    }
    const bool local = dataFile == "LOCAL";
    const std::string dataPath = local ? mapPath : resolvedBeside(mapPath, dataFile);
    if (!local) {
        checkDataFileLocation(mapPath, "ElementDataFile", dataPath);
    }
    const std::string compressed = annotation::lowerAscii(fields["compresseddata"]);
    const std::size_t elementBytes = metaElementBytes(fields["elementtype"]);
    bool channelsNumber = true;
    const std::vector<double> channels
        = numbers(fields.count("elementnumberofchannels") ? fields["elementnumberofchannels"] : "1", channelsNumber);
    const std::uintmax_t voxels = product(dimensions);
    if (compressed == "true" || elementBytes == 0 || voxels == 0 || channels.empty() || !(channels.front() >= 1.0)) {
        return std::nullopt;
    }
    const std::uintmax_t expected = voxels * elementBytes * static_cast<std::uintmax_t>(channels.front());
    std::uintmax_t available = fileSize(dataPath);
    const bool headerSizeGiven = fields.count("headersize") > 0;
    if (local) {
        available = available > offset ? available - offset : 0;
    } else if (const auto headerSize = fields.find("headersize"); headerSize != fields.end()) {
        const double skip = std::atof(headerSize->second.c_str());
        if (skip < 0) {
            return std::nullopt; // -1: the voxels are the file's last bytes, whatever precedes them
        }
        available = available > static_cast<std::uintmax_t>(skip) ? available - static_cast<std::uintmax_t>(skip) : 0;
    }
    if (available < expected) {
        refuseTruncated(mapPath, dataPath, available, expected);
    }
    const auto isTrue = [&](const char* key) {
        const auto found = fields.find(key);
        return found != fields.end() && annotation::lowerAscii(found->second) == "true";
    };
    const auto isFalse = [&](const char* key) {
        const auto found = fields.find(key);
        return found != fields.end() && annotation::lowerAscii(found->second) == "false";
    };
    // Plain: binary little-endian floats, one per voxel, where the header ends (LOCAL) or at the start of the data
    // file (a HeaderSize is left to ITK).
    const bool plain = fields["elementtype"] == "MET_FLOAT" && channels.front() == 1.0 && !isFalse("binarydata")
        && !isTrue("binarydatabyteordermsb") && !isTrue("elementbyteordermsb") && !headerSizeGiven;
    if (!plain) {
        return std::nullopt;
    }
    return PlainFloatVoxels { dataPath, local ? static_cast<std::uint64_t>(offset) : 0 };
}

void checkNrrd(const std::string& mapPath)
{
    std::ifstream file(mapPath, std::ios::binary);
    std::string head(maxHeaderBytes, '\0');
    file.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(file.gcount()));
    if (head.compare(0, 4, "NRRD") != 0) {
        return;
    }
    std::map<std::string, std::string> fields;
    std::size_t offset = 0;
    bool headerEnded = false;
    while (offset < head.size()) {
        std::size_t end = head.find('\n', offset);
        if (end == std::string::npos) {
            end = head.size();
        }
        std::string line = head.substr(offset, end - offset);
        offset = end + 1;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            headerEnded = true;
            break;
        }
        if (line[0] == '#') {
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        std::string value = line.substr(colon + 1);
        if (!value.empty() && value[0] == '=') {
            continue; // key/value pairs ("key:=value") carry no geometry
        }
        const std::string key = annotation::lowerAscii(trimmed(line.substr(0, colon)));
        fields[key == "datafile" ? "data file" : key] = trimmed(value);
        if (key == "data file" || key == "datafile") {
            if (trimmed(value).compare(0, 4, "LIST") == 0) {
                std::istringstream rest(head.substr(std::min(offset, head.size())));
                for (std::string name; std::getline(rest, name);) {
                    if (!trimmed(name).empty()) {
                        checkDataFileLocation(mapPath, "data file", resolvedBeside(mapPath, trimmed(name)));
                    }
                }
                return;
            }
        }
    }
    if (const auto spacings = fields.find("spacings"); spacings != fields.end()) {
        checkSpacing(mapPath, "spacings", spacings->second);
    }
    std::string dataPath = mapPath;
    if (const auto dataFile = fields.find("data file"); dataFile != fields.end()) {
        const std::vector<std::string> parts = words(dataFile->second);
        if (parts.empty()) {
            return;
        }
        dataPath = resolvedBeside(mapPath, parts.front());
        checkDataFileLocation(mapPath, "data file", dataPath);
        if (parts.size() > 1 || dataFile->second.find('%') != std::string::npos) {
            return; // a numbered pattern of files
        }
    } else if (!headerEnded) {
        return;
    }
    const std::string encoding = annotation::lowerAscii(fields["encoding"]);
    if (encoding != "raw" || fields.count("line skip") || fields.count("lineskip")) {
        return;
    }
    bool allNumbers = true;
    const std::uintmax_t voxels = product(numbers(fields["sizes"], allNumbers));
    const std::size_t elementBytes = nrrdElementBytes(fields["type"]);
    if (voxels == 0 || elementBytes == 0) {
        return;
    }
    std::uintmax_t available = fileSize(dataPath);
    if (dataPath == mapPath) {
        available = available > offset ? available - offset : 0;
    }
    const std::string skipText = fields.count("byte skip") ? fields["byte skip"] : fields["byteskip"];
    const double skip = skipText.empty() ? 0.0 : std::atof(skipText.c_str());
    if (skip < 0) {
        return;
    }
    available = available > static_cast<std::uintmax_t>(skip) ? available - static_cast<std::uintmax_t>(skip) : 0;
    if (available < voxels * elementBytes) {
        refuseTruncated(mapPath, dataPath, available, voxels * elementBytes);
    }
}

template <typename T> T readValue(const std::string& bytes, std::size_t offset, bool swap)
{
    T value;
    char raw[sizeof(T)];
    std::memcpy(raw, bytes.data() + offset, sizeof(T));
    if (swap) {
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i) {
            std::swap(raw[i], raw[sizeof(T) - 1 - i]);
        }
    }
    std::memcpy(&value, raw, sizeof(T));
    return value;
}

void checkNifti(const std::string& mapPath)
{
    std::ifstream file(mapPath, std::ios::binary);
    std::string header(348, '\0');
    file.read(header.data(), static_cast<std::streamsize>(header.size()));
    if (file.gcount() != 348) {
        return;
    }
    bool swap = false;
    if (readValue<std::int32_t>(header, 0, false) != 348) {
        if (readValue<std::int32_t>(header, 0, true) != 348) {
            return; // NIfTI-2 or not NIfTI: ITK judges
        }
        swap = true;
    }
    const int dimensions = readValue<std::int16_t>(header, 40, swap);
    if (dimensions < 1 || dimensions > 7) {
        return;
    }
    std::vector<double> sizes;
    for (int axis = 1; axis <= dimensions; ++axis) {
        sizes.push_back(readValue<std::int16_t>(header, 40 + 2 * static_cast<std::size_t>(axis), swap));
    }
    for (int axis = 1; axis <= std::min(3, dimensions); ++axis) {
        const float spacing = readValue<float>(header, 76 + 4 * static_cast<std::size_t>(axis), swap);
        if (std::isnan(spacing)) {
            refuse(mapPath, "pixdim[" + std::to_string(axis) + "] is NaN: the map has no usable voxel spacing");
        }
        if (!std::isfinite(spacing) || spacing == 0.0f) {
            refuse(mapPath,
                "pixdim[" + std::to_string(axis) + "] is " + std::to_string(spacing) + ": not a usable voxel spacing");
        }
    }
    const int bitsPerVoxel = readValue<std::int16_t>(header, 72, swap);
    const float voxelOffset = readValue<float>(header, 108, swap);
    const std::uintmax_t voxels = product(sizes);
    if (voxels == 0 || bitsPerVoxel <= 0 || !(voxelOffset >= 0.0f)) {
        return;
    }
    const std::uintmax_t expected = voxels * static_cast<std::uintmax_t>(bitsPerVoxel) / 8;
    const std::uintmax_t size = fileSize(mapPath);
    const auto offset = static_cast<std::uintmax_t>(voxelOffset);
    const std::uintmax_t available = size > offset ? size - offset : 0;
    if (available < expected) {
        refuseTruncated(mapPath, mapPath, available, expected);
    }
}

} // namespace

std::optional<PlainFloatVoxels> checkVolumeMapHeader(const std::string& mapPath)
{
    const std::string name = annotation::lowerAscii(mapPath);
    if (annotation::endsWith(name, ".mha") || annotation::endsWith(name, ".mhd")) {
        return checkMetaImage(mapPath);
    }
    if (annotation::endsWith(name, ".nrrd") || annotation::endsWith(name, ".nhdr")) {
        checkNrrd(mapPath);
    } else if (annotation::endsWith(name, ".nii")) {
        checkNifti(mapPath);
    }
    // NIfTI voxels are always read: ITK's NIfTI library sets NaN/Inf to 0 while reading, so the value summaries
    // projects keep of NIfTI files count none; mapped, such a file would show NaN under a summary that says none.
    return std::nullopt;
}

void checkItkGeometry(itk::ImageIOBase& io, const std::string& mapPath)
{
    const unsigned dimensions = std::min(3u, io.GetNumberOfDimensions());
    std::vector<std::vector<double>> axes;
    for (unsigned axis = 0; axis < dimensions; ++axis) {
        const double spacing = io.GetSpacing(axis);
        if (std::isnan(spacing)) {
            refuse(mapPath, "the voxel spacing is NaN: the map has no usable voxel spacing");
        }
        if (!std::isfinite(spacing) || spacing <= 0.0) {
            refuse(mapPath,
                "voxel spacing " + std::to_string(spacing) + " along axis " + std::to_string(axis + 1)
                    + " is not positive: the map has no usable voxel spacing");
        }
        std::vector<double> direction = io.GetDirection(axis);
        direction.resize(dimensions, 0.0);
        axes.push_back(direction);
    }
    checkDirection(mapPath, "the direction (orientation) matrix", axes);
}

std::optional<PngSize> pngSize(const std::string& mapPath)
{
    std::ifstream file(mapPath, std::ios::binary);
    std::string head(24, '\0');
    file.read(head.data(), static_cast<std::streamsize>(head.size()));
    if (file.gcount() != 24 || head.compare(0, 8, "\x89PNG\r\n\x1A\n") != 0 || head.compare(12, 4, "IHDR") != 0) {
        return std::nullopt;
    }
    const auto bigEndian = [&](std::size_t offset) {
        return (static_cast<std::uint32_t>(static_cast<unsigned char>(head[offset])) << 24)
            | (static_cast<std::uint32_t>(static_cast<unsigned char>(head[offset + 1])) << 16)
            | (static_cast<std::uint32_t>(static_cast<unsigned char>(head[offset + 2])) << 8)
            | static_cast<std::uint32_t>(static_cast<unsigned char>(head[offset + 3]));
    };
    PngSize size;
    size.columns = static_cast<int>(std::min<std::uint32_t>(bigEndian(16), 1u << 30));
    size.rows = static_cast<int>(std::min<std::uint32_t>(bigEndian(20), 1u << 30));
    return size;
}

} // namespace radmark::storage::saliency
