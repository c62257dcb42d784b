#pragma once

#include "radmark/annotation/Vector3.h"

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
    std::string studyInstanceUid;   // generated when empty
    std::string seriesInstanceUid;  // generated when empty
    std::string studyDescription = "CT ABDOMEN PELVIS W CONTRAST (SYNTHETIC)";
    std::string seriesDescription = "Axial 2.5mm";
    std::string modality = "CT";
    std::string institutionName = "RadMark Demo Hospital";
    std::string studyDate = "20260101";
    int columns = 256;
    int rows = 256;
    int slices = 64;
    double columnSpacingMm = 0.8;
    double rowSpacingMm = 0.8;
    double sliceThicknessMm = 2.5;
    annotation::Vector3 firstSlicePositionLpsMm{-102.0, -102.0, -80.0};
    annotation::Vector3 rowDirectionLps{1.0, 0.0, 0.0};
    annotation::Vector3 columnDirectionLps{0.0, 1.0, 0.0};
    // Step between consecutive slice positions; defaults to the normal times the thickness.
    // Set it off-normal for gantry tilt; `slicePositionsOverride` allows uneven spacing.
    annotation::Vector3 sliceStepLpsMm{0.0, 0.0, 2.5};
    std::vector<annotation::Vector3> slicePositionsOverride;
    double rescaleSlope = 1.0;
    double rescaleIntercept = -1024.0;
    double windowCenter = 40.0;
    double windowWidth = 400.0;
    bool shuffleInstanceNumbers = true;  // so that sorting by InstanceNumber would be wrong
    // HU at a patient position; the default is the phantom (body, liver, spine, lungs, lesions).
    std::function<double(const annotation::Vector3& positionLpsMm)> huAt;
};

// The default phantom: an elliptic body of soft tissue with fat rim, a liver on the patient's
// right, two lungs above, a spine posterior, two kidneys, a bright marker on the patient's left
// and three round lesions of known size. Values in HU.
double phantomHuAt(const annotation::Vector3& positionLpsMm);

struct WrittenSeries {
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::vector<std::string> filePaths;          // in slice order (ascending along the normal)
    std::vector<std::string> sopInstanceUids;
};

// Writes one file per slice into `folder` (created if missing). Throws ProjectError on failure.
WrittenSeries writeSyntheticSeries(const SyntheticSeriesSpec& spec, const std::string& folder);

// A new DICOM UID under RadMark's root, unique per call.
std::string generateUid();

}  // namespace radmark::storage
