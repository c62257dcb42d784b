#pragma once

#include "radmark/annotation/Vector3.h"
#include "radmark/storage/dicom/GeneratedUid.h" // generateUid(), used by every writer of synthetic files

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace radmark::storage {

// Describes a synthetic CT (or MR) series with known geometry, written as classic DICOM files.
// Used by `radmark demo`, the tests and the benchmarks.
struct SyntheticSeriesSpec {
    std::string patientId = "RADMARK-DEMO-001";
    std::string patientName = "Demo^Phantom";
    std::string patientSex = "F";
    std::string patientAge = "054Y";
    std::string accessionNumber = "DEMO0001";
    std::string studyInstanceUid; // generated when empty
    std::string seriesInstanceUid; // generated when empty
    std::string studyDescription = "CT ABDOMEN PELVIS W CONTRAST (SYNTHETIC)";
    std::string seriesDescription = "Axial 2.5mm";
    int seriesNumber = 2;
    std::string modality = "CT";
    std::string institutionName = "RadMark Demo Hospital";
    std::string studyDate = "20260101";
    int columns = 256;
    int rows = 256;
    int slices = 64;
    double columnSpacingMm = 0.8;
    double rowSpacingMm = 0.8;
    double sliceThicknessMm = 2.5;
    annotation::Vector3 firstSlicePositionLpsMm { -102.0, -102.0, -80.0 };
    annotation::Vector3 rowDirectionLps { 1.0, 0.0, 0.0 };
    annotation::Vector3 columnDirectionLps { 0.0, 1.0, 0.0 };
    // Step between consecutive slice positions; defaults to the normal times the thickness.
    // Set it off-normal for gantry tilt; `slicePositionsOverride` allows uneven spacing.
    annotation::Vector3 sliceStepLpsMm { 0.0, 0.0, 2.5 };
    std::vector<annotation::Vector3> slicePositionsOverride;
    double rescaleSlope = 1.0;
    double rescaleIntercept = -1024.0;
    double windowCenter = 40.0;
    double windowWidth = 400.0;
    bool shuffleInstanceNumbers = true; // so that sorting by InstanceNumber would be wrong
    // HU at a patient position; the default is the phantom (body, liver, spine, lungs, lesions).
    std::function<double(const annotation::Vector3& positionLpsMm)> huAt;
};

// HU values of the default phantom's tissues.
namespace phantom {
constexpr double airHu = -1000.0;
constexpr double fatHu = -100.0;
constexpr double softTissueHu = 40.0;
constexpr double liverHu = 60.0;
constexpr double lungHu = -850.0;
constexpr double boneHu = 700.0;
constexpr double kidneyHu = 30.0;
constexpr double markerHu = 1000.0;
constexpr double lesionHu = 90.0;

// A spherical lesion: centre in LPS mm and diameter in mm.
struct Lesion {
    annotation::Vector3 centreLpsMm;
    double diameterMm;
};

// Two in the liver (patient's right, x < 0), the smallest in soft tissue on the left. Their centres lie
// inside the default spec's slab (z from -80 to 77.5 mm) and field of view (-102 to 102 mm in x and y).
constexpr Lesion lesions[3] = {
    { { -50.0, -10.0, -10.0 }, 30.0 },
    { { -30.0, 20.0, 15.0 }, 20.0 },
    { { 30.0, -20.0, 0.0 }, 10.0 },
};

// The body is an elliptic cylinder along z centred on x = y = 0; its outer 8% is fat.
constexpr double bodySemiAxisXMm = 95.0;
constexpr double bodySemiAxisYMm = 75.0;
// The bright marker: a cylinder along z on the patient's LEFT (x > 0), inside the body edge.
constexpr annotation::Vector3 markerCentreLpsMm { 82.0, 0.0, 0.0 };
constexpr double markerRadiusMm = 5.0;
// The vertebra: a cylinder along z, posterior (y > 0).
constexpr annotation::Vector3 spineCentreLpsMm { 0.0, 50.0, 0.0 };
constexpr double spineRadiusMm = 14.0;
// Lungs occupy the superior part: z above this.
constexpr double lungBottomZMm = 25.0;
} // namespace phantom

// The default phantom: an elliptic body of soft tissue with fat rim, a liver on the patient's
// right, two lungs above, a spine posterior, two kidneys, a bright marker on the patient's left
// and three round lesions of known size. Values in HU.
double phantomHuAt(const annotation::Vector3& positionLpsMm);

struct WrittenSeries {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::vector<std::string> filePaths; // in slice order (ascending along the normal)
    std::vector<std::string> sopInstanceUids;
};

// Writes one file per slice into `folder` (created if missing). Throws ProjectError on failure.
WrittenSeries writeSyntheticSeries(const SyntheticSeriesSpec& spec, const std::string& folder);

} // namespace radmark::storage
