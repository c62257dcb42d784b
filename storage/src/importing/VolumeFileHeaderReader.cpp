#include "importing/VolumeFileHeaderReader.h"

#include "importing/StableUid.h"
#include "radmark/annotation/AsciiText.h"

#include <itkImageIOBase.h>
#include <itkMetaDataObject.h>
#include <itkMetaImageIO.h>
#include <itkNiftiImageIO.h>
#include <itkNrrdImageIO.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <optional>

namespace radmark::storage {

namespace fs = std::filesystem;

namespace {

enum class VolumeFormat { None, Nifti, Nrrd, MetaImage };

const std::vector<std::pair<std::string, VolumeFormat>>& extensions()
{
    static const std::vector<std::pair<std::string, VolumeFormat>> list { { ".nii.gz", VolumeFormat::Nifti },
        { ".nii", VolumeFormat::Nifti }, { ".hdr", VolumeFormat::Nifti }, { ".nrrd", VolumeFormat::Nrrd },
        { ".nhdr", VolumeFormat::Nrrd }, { ".mha", VolumeFormat::MetaImage }, { ".mhd", VolumeFormat::MetaImage } };
    return list;
}

VolumeFormat formatOf(const std::string& filePath, std::string* stem = nullptr)
{
    const std::size_t slash = filePath.find_last_of('/');
    const std::string name = slash == std::string::npos ? filePath : filePath.substr(slash + 1);
    // Called for every scanned file: most are not volume files, so rule them out cheaply.
    const std::size_t dot = name.rfind('.');
    if (dot == std::string::npos || name.size() - dot > 5) {
        return VolumeFormat::None;
    }
    const std::string lowered = annotation::lowerAscii(name);
    for (const auto& [extension, format] : extensions()) {
        if (annotation::endsWith(lowered, extension) && lowered.size() > extension.size()) {
            if (stem != nullptr) {
                *stem = name.substr(0, name.size() - extension.size());
            }
            return format;
        }
    }
    return VolumeFormat::None;
}

const char* formatName(VolumeFormat format)
{
    switch (format) {
    case VolumeFormat::Nifti:
        return "NIfTI";
    case VolumeFormat::Nrrd:
        return "NRRD";
    case VolumeFormat::MetaImage:
        return "MetaImage";
    case VolumeFormat::None:
        break;
    }
    return "volume";
}

itk::ImageIOBase::Pointer makeImageIo(VolumeFormat format)
{
    switch (format) {
    case VolumeFormat::Nifti:
        return itk::NiftiImageIO::New().GetPointer();
    case VolumeFormat::Nrrd:
        return itk::NrrdImageIO::New().GetPointer();
    case VolumeFormat::MetaImage:
        return itk::MetaImageIO::New().GetPointer();
    case VolumeFormat::None:
        break;
    }
    return nullptr;
}

std::string modalityFrom(const itk::MetaDataDictionary& dictionary)
{
    std::string value;
    if (itk::ExposeMetaData<std::string>(dictionary, "Modality", value)) {
        for (const char* modality : { "CT", "MR", "NM", "US", "PET", "XA" }) {
            if (value == std::string("MET_MOD_") + modality) {
                return modality == std::string("PET") ? "PT" : modality;
            }
        }
    }
    return "OT";
}

template <typename T>
void extendRange(const std::vector<char>& buffer, std::size_t components, double& minimum, double& maximum)
{
    const std::size_t count = buffer.size() / sizeof(T);
    for (std::size_t index = 0; index < count; index += components) {
        T value;
        std::memcpy(&value, buffer.data() + index * sizeof(T), sizeof(T));
        const double number = static_cast<double>(value);
        if (std::isfinite(number)) {
            minimum = std::min(minimum, number);
            maximum = std::max(maximum, number);
        }
    }
}

// The value range of the middle slice (one slice is read, not the volume), or nullopt when it cannot be read.
std::optional<std::pair<double, double>> middleSliceRange(itk::ImageIOBase& io)
{
    const unsigned dimensions = io.GetNumberOfDimensions();
    itk::ImageIORegion region(dimensions);
    std::size_t voxels = 1;
    for (unsigned axis = 0; axis < dimensions; ++axis) {
        const std::size_t size = axis < 2 ? io.GetDimensions(axis) : 1;
        region.SetIndex(axis, axis == 2 ? static_cast<itk::IndexValueType>(io.GetDimensions(2) / 2) : 0);
        region.SetSize(axis, size);
        voxels *= size;
    }
    const std::size_t components = std::max<std::size_t>(1, io.GetNumberOfComponents());
    const std::size_t bytes = voxels * components * io.GetComponentSize();
    if (bytes == 0 || bytes > (std::size_t(1) << 30)) {
        return std::nullopt;
    }
    std::vector<char> buffer(bytes);
    try {
        io.SetIORegion(region);
        io.Read(buffer.data());
    } catch (const std::exception&) {
        return std::nullopt;
    }
    double minimum = std::numeric_limits<double>::infinity();
    double maximum = -std::numeric_limits<double>::infinity();
    using Component = itk::IOComponentEnum;
    switch (io.GetComponentType()) {
    case Component::SHORT:
        extendRange<std::int16_t>(buffer, components, minimum, maximum);
        break;
    case Component::INT:
        extendRange<std::int32_t>(buffer, components, minimum, maximum);
        break;
    case Component::FLOAT:
        extendRange<float>(buffer, components, minimum, maximum);
        break;
    case Component::DOUBLE:
        extendRange<double>(buffer, components, minimum, maximum);
        break;
    default:
        return std::nullopt; // unsigned or 8-bit values are not Hounsfield units
    }
    if (minimum > maximum) {
        return std::nullopt;
    }
    return std::make_pair(minimum, maximum);
}

bool isSignedComponent(itk::IOComponentEnum component)
{
    using Component = itk::IOComponentEnum;
    return component == Component::CHAR || component == Component::SHORT || component == Component::INT
        || component == Component::LONG || component == Component::LONGLONG || component == Component::FLOAT
        || component == Component::DOUBLE;
}

// The value after "key" and a separator (':' or '=') on a header line, or empty.
std::string headerValue(const std::string& line, const std::string& key, char separator)
{
    const std::string lowered = annotation::lowerAscii(line);
    if (lowered.compare(0, key.size(), key) != 0) {
        return {};
    }
    const std::size_t at = line.find(separator, key.size());
    if (at == std::string::npos || line.find_first_not_of(" \t", key.size()) != at) {
        return {};
    }
    const std::size_t begin = line.find_first_not_of(" \t", at + 1);
    const std::size_t end = line.find_last_not_of(" \t\r");
    return begin == std::string::npos ? std::string {} : line.substr(begin, end - begin + 1);
}

} // namespace

bool VolumeFileHeaderReader::isVolumeFile(const std::string& filePath)
{
    return formatOf(filePath) != VolumeFormat::None;
}

std::vector<std::string> VolumeFileHeaderReader::dataFilesOf(const std::string& headerPath)
{
    std::string stem;
    const VolumeFormat format = formatOf(headerPath, &stem);
    const fs::path folder = fs::path(headerPath).parent_path();
    std::vector<std::string> files;
    if (format == VolumeFormat::Nifti && annotation::endsWith(annotation::lowerAscii(headerPath), ".hdr")) {
        files.push_back((folder / (stem + ".img")).string());
        files.push_back((folder / (stem + ".img.gz")).string());
        return files;
    }
    if (format != VolumeFormat::Nrrd && format != VolumeFormat::MetaImage) {
        return files;
    }
    std::ifstream header(headerPath, std::ios::binary);
    std::string line;
    std::size_t bytesRead = 0;
    while (bytesRead < 65536 && std::getline(header, line)) {
        bytesRead += line.size() + 1;
        if (format == VolumeFormat::Nrrd && line.empty()) {
            break; // end of an attached NRRD header: data follows
        }
        std::string value = format == VolumeFormat::MetaImage ? headerValue(line, "elementdatafile", '=')
                                                              : headerValue(line, "data file", ':');
        if (value.empty() && format == VolumeFormat::Nrrd) {
            value = headerValue(line, "datafile", ':');
        }
        if (value.empty()) {
            continue;
        }
        // LOCAL (data inside), LIST and printf-style patterns name no single file.
        if (value != "LOCAL" && value != "LIST" && value.find('%') == std::string::npos
            && value.find(' ') == std::string::npos) {
            files.push_back((folder / value).lexically_normal().string());
        }
        break;
    }
    return files;
}

FileReadResult VolumeFileHeaderReader::read(
    const std::string& filePath, std::int64_t sizeBytes, std::int64_t modifiedNs)
{
    std::string stem;
    const VolumeFormat format = formatOf(filePath, &stem);
    if (format == VolumeFormat::None) {
        return FileReadResult::skipped("not a NIfTI, NRRD or MetaImage file");
    }
    if (sizeBytes == 0) {
        return FileReadResult::skipped("empty file");
    }
    // ITK's readers keep some global state (factories, NIfTI library): one header at a time.
    static std::mutex itkMutex;
    std::lock_guard<std::mutex> lock(itkMutex);

    const itk::ImageIOBase::Pointer imageIo = makeImageIo(format);
    const std::string name = formatName(format);
    if (!imageIo->CanReadFile(filePath.c_str())) {
        return FileReadResult::skipped(
            std::string("not a readable ") + name + " file (ITK's " + name + " reader does not recognise it)");
    }
    try {
        imageIo->SetFileName(filePath);
        imageIo->ReadImageInformation();
    } catch (const itk::ExceptionObject& error) {
        return FileReadResult::skipped(
            std::string("unreadable ") + name + " header (ITK: " + error.GetDescription() + ")");
    } catch (const std::exception& error) {
        return FileReadResult::skipped(std::string("unreadable ") + name + " header (" + error.what() + ")");
    }

    const unsigned dimensions = imageIo->GetNumberOfDimensions();
    if (dimensions < 2) {
        return FileReadResult::skipped(
            "not an image (" + name + " file with " + std::to_string(dimensions) + " dimension)");
    }
    FileReadResult result;
    result.outcome = FileReadResult::Outcome::Indexed;
    InstanceRecord& record = result.record;
    record.filePath = filePath;
    record.fileSizeBytes = sizeBytes;
    record.fileModifiedNs = modifiedNs;
    record.sourceKind = SourceKind::VolumeFile;
    record.studyInstanceUid = stableUidFromText("volume-study|" + filePath);
    record.seriesInstanceUid = stableUidFromText("volume-series|" + filePath);
    record.sopInstanceUid = stableUidFromText("volume-instance|" + filePath);
    record.frameOfReferenceUid = stableUidFromText("volume-frame-of-reference|" + filePath);
    record.patientId = stem;
    record.patientName = stem;
    record.seriesDescription = fs::path(filePath).filename().string();
    record.studyDescription = name + " volume";
    record.modality = modalityFrom(imageIo->GetMetaDataDictionary());
    if (record.modality == "OT" && dimensions >= 3 && imageIo->GetNumberOfComponents() == 1
        && isSignedComponent(imageIo->GetComponentType())) {
        // NIfTI has no modality: Hounsfield units in the middle slice (air near -1000, bone or metal in the
        // hundreds or thousands) make it a CT, so CT windows and the export's HU handling apply.
        if (const auto range = middleSliceRange(*imageIo);
            range && looksLikeHounsfieldUnits(range->first, range->second)) {
            record.modality = "CT";
        }
    }
    record.seriesNumber = 1;
    record.instanceNumber = 1;

    record.columns = static_cast<int>(imageIo->GetDimensions(0));
    record.rows = static_cast<int>(imageIo->GetDimensions(1));
    std::int64_t frames = 1;
    for (unsigned axis = 2; axis < dimensions; ++axis) {
        frames *= static_cast<std::int64_t>(imageIo->GetDimensions(axis));
    }
    record.numberOfFrames = static_cast<int>(std::clamp<std::int64_t>(frames, 1, 1 << 30));
    record.pixelSpacingColumnMm = imageIo->GetSpacing(0);
    record.pixelSpacingRowMm = imageIo->GetSpacing(1);
    if (dimensions >= 3) {
        record.sliceThicknessMm = imageIo->GetSpacing(2);
    }
    record.imagePositionPatient = { 0.0, 0.0, 0.0 };
    for (unsigned axis = 0; axis < std::min(dimensions, 3u); ++axis) {
        record.imagePositionPatient[axis] = imageIo->GetOrigin(axis);
    }
    record.imageOrientationPatient = { 1.0, 0.0, 0.0, 0.0, 1.0, 0.0 };
    for (unsigned axis = 0; axis < 2; ++axis) {
        const std::vector<double> direction = imageIo->GetDirection(axis);
        for (unsigned component = 0; component < 3; ++component) {
            record.imageOrientationPatient[axis * 3 + component]
                = component < direction.size() ? direction[component] : 0.0;
        }
    }
    record.samplesPerPixel = static_cast<int>(imageIo->GetNumberOfComponents());
    record.bitsAllocated = static_cast<int>(imageIo->GetComponentSize() * 8);
    record.bitsStored = record.bitsAllocated;
    record.pixelRepresentation = isSignedComponent(imageIo->GetComponentType()) ? 1 : 0;
    record.photometricInterpretation = record.samplesPerPixel == 3 ? "RGB" : "MONOCHROME2";
    return result;
}

} // namespace radmark::storage
