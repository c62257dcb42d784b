#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include "radmark/storage/project/ProjectError.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <random>
#include <thread>

namespace radmark::storage {

namespace {

using annotation::Vector3;

// Decimal strings (DS) hold at most 16 characters.
std::string formatDecimal(double value)
{
    char text[32];
    for (int precision = 12; precision > 1; --precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, value);
        if (std::string(text).size() <= 16) {
            break;
        }
    }
    return text;
}

std::string formatDecimals(std::initializer_list<double> values)
{
    std::string joined;
    for (const double value : values) {
        if (!joined.empty()) {
            joined += '\\';
        }
        joined += formatDecimal(value);
    }
    return joined;
}

void put(DcmDataset& dataset, const DcmTagKey& tag, const std::string& value, const std::string& filePath)
{
    const OFCondition status = dataset.putAndInsertString(tag, value.c_str());
    if (status.bad()) {
        throw ProjectError(
            "cannot write " + filePath + ": attribute " + DcmTag(tag).getTagName() + ": " + status.text());
    }
}

struct PixelEncoding {
    int bitsStored = 16;
    bool pixelSigned = false;
};

PixelEncoding chooseEncoding(const std::vector<std::int32_t>& storedValues)
{
    const auto [lowest, highest] = std::minmax_element(storedValues.begin(), storedValues.end());
    if (lowest == storedValues.end() || (*lowest >= 0 && *highest <= 4095)) {
        return { 12, false };
    }
    if (*lowest >= 0) {
        return { 16, false };
    }
    return { 16, true };
}

struct SeriesIdentity {
    std::string studyUid;
    std::string seriesUid;
    std::string frameOfReferenceUid;
    std::string sopClassUid;
    bool isCt = true;
};

void writeCommonAttributes(
    DcmDataset& dataset, const SyntheticSeriesSpec& spec, const SeriesIdentity& identity, const std::string& path)
{
    put(dataset, DCM_SpecificCharacterSet, "ISO_IR 100", path);
    put(dataset, DCM_ImageType, identity.isCt ? "ORIGINAL\\PRIMARY\\AXIAL" : "ORIGINAL\\PRIMARY\\M\\ND", path);
    put(dataset, DCM_SOPClassUID, identity.sopClassUid, path);
    put(dataset, DCM_StudyDate, spec.studyDate, path);
    put(dataset, DCM_SeriesDate, spec.studyDate, path);
    put(dataset, DCM_AcquisitionDate, spec.studyDate, path);
    put(dataset, DCM_ContentDate, spec.studyDate, path);
    put(dataset, DCM_StudyTime, "101500", path);
    put(dataset, DCM_SeriesTime, "101700", path);
    put(dataset, DCM_AccessionNumber, spec.accessionNumber, path);
    put(dataset, DCM_Modality, identity.isCt ? "CT" : "MR", path);
    put(dataset, DCM_Manufacturer, "RadMark", path);
    put(dataset, DCM_InstitutionName, spec.institutionName, path);
    put(dataset, DCM_ReferringPhysicianName, "", path);
    put(dataset, DCM_StationName, "SYNTHETIC", path);
    put(dataset, DCM_StudyDescription, spec.studyDescription, path);
    put(dataset, DCM_SeriesDescription, spec.seriesDescription, path);
    put(dataset, DCM_ManufacturerModelName, "SyntheticSeriesWriter", path);
    put(dataset, DCM_PatientName, spec.patientName, path);
    put(dataset, DCM_PatientID, spec.patientId, path);
    put(dataset, DCM_PatientBirthDate, "", path);
    put(dataset, DCM_PatientSex, spec.patientSex, path);
    put(dataset, DCM_PatientAge, spec.patientAge, path);
    put(dataset, DCM_BodyPartExamined, "ABDOMEN", path);
    put(dataset, DCM_SliceThickness, formatDecimal(spec.sliceThicknessMm), path);
    put(dataset, DCM_PatientPosition, "HFS", path);
    if (identity.isCt) {
        put(dataset, DCM_KVP, "120", path);
        put(dataset, DCM_ConvolutionKernel, "STANDARD", path);
    } else {
        put(dataset, DCM_ScanningSequence, "SE", path);
        put(dataset, DCM_SequenceVariant, "NONE", path);
        put(dataset, DCM_ScanOptions, "", path);
        put(dataset, DCM_MRAcquisitionType, "2D", path);
        put(dataset, DCM_RepetitionTime, "500", path);
        put(dataset, DCM_EchoTime, "15", path);
        put(dataset, DCM_EchoTrainLength, "1", path);
        put(dataset, DCM_MagneticFieldStrength, "1.5", path);
    }
    put(dataset, DCM_StudyInstanceUID, identity.studyUid, path);
    put(dataset, DCM_SeriesInstanceUID, identity.seriesUid, path);
    put(dataset, DCM_StudyID, "1", path);
    put(dataset, DCM_SeriesNumber, std::to_string(spec.seriesNumber), path);
    put(dataset, DCM_AcquisitionNumber, "1", path);
    put(dataset, DCM_FrameOfReferenceUID, identity.frameOfReferenceUid, path);
    put(dataset, DCM_PositionReferenceIndicator, "", path);
    const Vector3& row = spec.rowDirectionLps;
    const Vector3& column = spec.columnDirectionLps;
    put(dataset, DCM_ImageOrientationPatient, formatDecimals({ row.x, row.y, row.z, column.x, column.y, column.z }),
        path);
    put(dataset, DCM_SamplesPerPixel, "1", path);
    put(dataset, DCM_PhotometricInterpretation, "MONOCHROME2", path);
    put(dataset, DCM_Rows, std::to_string(spec.rows), path);
    put(dataset, DCM_Columns, std::to_string(spec.columns), path);
    put(dataset, DCM_PixelSpacing, formatDecimals({ spec.rowSpacingMm, spec.columnSpacingMm }), path);
    put(dataset, DCM_BitsAllocated, "16", path);
    put(dataset, DCM_WindowCenter, formatDecimal(spec.windowCenter), path);
    put(dataset, DCM_WindowWidth, formatDecimal(spec.windowWidth), path);
    if (identity.isCt) {
        put(dataset, DCM_RescaleIntercept, formatDecimal(spec.rescaleIntercept), path);
        put(dataset, DCM_RescaleSlope, formatDecimal(spec.rescaleSlope), path);
        put(dataset, DCM_RescaleType, "HU", path);
    }
}

void writeSlice(const SyntheticSeriesSpec& spec, const SeriesIdentity& identity, const PixelEncoding& encoding,
    const std::string& path, const std::string& sopUid, int instanceNumber, const Vector3& positionLpsMm,
    const std::int32_t* storedValues, std::vector<Uint16>& words)
{
    DcmFileFormat file;
    DcmDataset& dataset = *file.getDataset();
    writeCommonAttributes(dataset, spec, identity, path);
    put(dataset, DCM_SOPInstanceUID, sopUid, path);
    put(dataset, DCM_InstanceNumber, std::to_string(instanceNumber), path);
    put(dataset, DCM_ImagePositionPatient, formatDecimals({ positionLpsMm.x, positionLpsMm.y, positionLpsMm.z }), path);
    const Vector3 normal = annotation::cross(spec.rowDirectionLps, spec.columnDirectionLps);
    put(dataset, DCM_SliceLocation, formatDecimal(annotation::dot(positionLpsMm, normal)), path);
    put(dataset, DCM_BitsStored, std::to_string(encoding.bitsStored), path);
    put(dataset, DCM_HighBit, std::to_string(encoding.bitsStored - 1), path);
    put(dataset, DCM_PixelRepresentation, encoding.pixelSigned ? "1" : "0", path);

    const std::size_t pixelCount = static_cast<std::size_t>(spec.rows) * static_cast<std::size_t>(spec.columns);
    words.resize(pixelCount);
    const std::int32_t lowest = encoding.pixelSigned ? -32768 : 0;
    const std::int32_t highest = encoding.pixelSigned ? 32767 : 65535;
    for (std::size_t n = 0; n < pixelCount; ++n) {
        words[n] = static_cast<Uint16>(std::clamp(storedValues[n], lowest, highest));
    }
    OFCondition status
        = dataset.putAndInsertUint16Array(DCM_PixelData, words.data(), static_cast<unsigned long>(pixelCount));
    if (status.good()) {
        status = file.saveFile(path.c_str(), EXS_LittleEndianExplicit);
    }
    if (status.bad()) {
        throw ProjectError("cannot write " + path + ": " + status.text());
    }
}

std::vector<Vector3> slicePositions(const SyntheticSeriesSpec& spec)
{
    if (!spec.slicePositionsOverride.empty()) {
        return spec.slicePositionsOverride;
    }
    std::vector<Vector3> positions;
    for (int k = 0; k < spec.slices; ++k) {
        positions.push_back(spec.firstSlicePositionLpsMm + spec.sliceStepLpsMm * static_cast<double>(k));
    }
    return positions;
}

// Runs body(index) for index in [0, count) on a few threads.
template <typename Body> void forEachInParallel(std::size_t count, Body body)
{
    const std::size_t threadCount = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> errors(threadCount);
    for (std::size_t t = 0; t < threadCount; ++t) {
        threads.emplace_back([&, t] {
            try {
                for (std::size_t index = t; index < count; index += threadCount) {
                    body(index);
                }
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const auto& error : errors) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
}

} // namespace

WrittenSeries writeSyntheticSeries(const SyntheticSeriesSpec& spec, const std::string& folder)
{
    if (spec.modality != "CT" && spec.modality != "MR") {
        throw ProjectError(
            "cannot write a synthetic series to " + folder + ": modality '" + spec.modality + "' is not CT or MR");
    }
    if (spec.rows <= 0 || spec.columns <= 0 || spec.rescaleSlope == 0.0) {
        throw ProjectError("cannot write a synthetic series to " + folder + ": empty image size or zero slope");
    }
    const std::vector<Vector3> positions = slicePositions(spec);
    if (positions.empty()) {
        throw ProjectError("cannot write a synthetic series to " + folder + ": no slices");
    }
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
        throw ProjectError("cannot create folder " + folder + ": " + error.message());
    }

    SeriesIdentity identity;
    identity.isCt = spec.modality == "CT";
    identity.studyUid = spec.studyInstanceUid.empty() ? generateUid() : spec.studyInstanceUid;
    identity.seriesUid = spec.seriesInstanceUid.empty() ? generateUid() : spec.seriesInstanceUid;
    identity.frameOfReferenceUid = generateUid();
    identity.sopClassUid = identity.isCt ? UID_CTImageStorage : UID_MRImageStorage;
    // MR has no rescale: the stored value is what the loader reports, so it keeps the spec's offset.
    const double slope = identity.isCt ? spec.rescaleSlope : 1.0;
    const double intercept = spec.rescaleIntercept;

    const auto huAt = spec.huAt ? spec.huAt : phantomHuAt;
    const std::size_t pixelCount = static_cast<std::size_t>(spec.rows) * static_cast<std::size_t>(spec.columns);
    std::vector<std::int32_t> storedValues(pixelCount * positions.size());
    forEachInParallel(positions.size(), [&](std::size_t k) {
        std::int32_t* slice = storedValues.data() + k * pixelCount;
        for (int j = 0; j < spec.rows; ++j) {
            const Vector3 rowStart = positions[k] + spec.columnDirectionLps * (j * spec.rowSpacingMm);
            for (int i = 0; i < spec.columns; ++i) {
                const double hu = huAt(rowStart + spec.rowDirectionLps * (i * spec.columnSpacingMm));
                slice[static_cast<std::size_t>(j) * spec.columns + i]
                    = static_cast<std::int32_t>(std::lround((hu - intercept) / slope));
            }
        }
    });
    const PixelEncoding encoding = chooseEncoding(storedValues);

    std::vector<int> instanceNumbers(positions.size());
    std::iota(instanceNumbers.begin(), instanceNumbers.end(), 1);
    if (spec.shuffleInstanceNumbers) {
        std::mt19937 generator(20260101u);
        std::shuffle(instanceNumbers.begin(), instanceNumbers.end(), generator);
    }

    WrittenSeries written;
    written.studyInstanceUid = identity.studyUid;
    written.seriesInstanceUid = identity.seriesUid;
    for (std::size_t k = 0; k < positions.size(); ++k) {
        char name[32];
        std::snprintf(name, sizeof name, "IM%05zu.dcm", k + 1);
        written.filePaths.push_back((std::filesystem::path(folder) / name).string());
        written.sopInstanceUids.push_back(generateUid());
    }
    forEachInParallel(positions.size(), [&](std::size_t k) {
        thread_local std::vector<Uint16> words;
        writeSlice(spec, identity, encoding, written.filePaths[k], written.sopInstanceUids[k], instanceNumbers[k],
            positions[k], storedValues.data() + k * pixelCount, words);
    });
    return written;
}

} // namespace radmark::storage
