#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

// Where an image comes from.
enum class SourceKind { Dicom, VolumeFile };

// What the index keeps of one image file (a DICOM instance, or a NIfTI/NRRD/MetaImage volume).
// Read from the header only; pixels are never decoded to index.
struct InstanceRecord {
    // File identity: absolute path plus size and modification time decide whether to re-read.
    std::string filePath;
    std::int64_t fileSizeBytes = 0;
    std::int64_t fileModifiedNs = 0;
    SourceKind sourceKind = SourceKind::Dicom;

    // Identity. For volume files the UIDs are generated from the path and stable across imports.
    std::string sopClassUid;
    std::string sopInstanceUid;
    std::string seriesInstanceUid;
    std::string studyInstanceUid;
    std::string frameOfReferenceUid;
    std::string patientId;
    std::string patientName;
    std::string patientSex;
    std::string patientBirthDate;
    std::string patientAge;
    std::string accessionNumber;
    std::string studyDate;
    std::string studyTime;
    std::string studyDescription;
    std::string seriesDescription;
    std::string modality;
    std::optional<int> seriesNumber;
    std::optional<int> instanceNumber;
    std::string manufacturer;
    std::string manufacturerModelName;
    std::string institutionName;
    std::string stationName;
    std::string acquisitionDate;
    std::string acquisitionTime;
    std::string bodyPartExamined;

    // Image geometry and pixel description.
    int rows = 0;
    int columns = 0;
    int numberOfFrames = 1;
    std::optional<double> pixelSpacingRowMm; // PixelSpacing[0]: between rows
    std::optional<double> pixelSpacingColumnMm; // PixelSpacing[1]: between columns
    std::optional<double> sliceThicknessMm;
    std::vector<double> imagePositionPatient; // 3 values (LPS mm) or empty
    std::vector<double> imageOrientationPatient; // 6 values or empty
    std::vector<double> windowCenters;
    std::vector<double> windowWidths;
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    std::string photometricInterpretation;
    int samplesPerPixel = 1;
    int bitsAllocated = 0;
    int bitsStored = 0;
    int pixelRepresentation = 0; // 0 unsigned, 1 signed
    std::string transferSyntaxUid;
    std::string burnedInAnnotation;
    std::string imageType;

    // Problems worth showing (e.g. "empty SOP Instance UID; a UID was generated"). The record is kept.
    std::vector<std::string> flags;
};

} // namespace radmark::storage
