#pragma once

#include "radmark/annotation/PixelGeometry.h"

#include <array>
#include <optional>
#include <string>

namespace radmark::annotation {

// One row of NIH DeepLesion's DL_info.csv, field for field (18 columns), for importing its
// bookmarks and exporting marks in the same form. Indices are kept as DeepLesion writes them:
// keySliceIndex and sliceRange are 1-based. format() writes numbers as "%g" (6 significant
// digits) like the released file, so parse followed by format reproduces a released row.
struct DeepLesionRow {
    std::string fileName; // e.g. "000089_01_01_037.png": patient_study_series_keyslice
    int patientIndex = 0;
    int studyIndex = 0;
    int seriesId = 0;
    int keySliceIndex = 0; // 1-based
    std::array<double, 8> measurementCoordinates {}; // x11,y11,x12,y12 (long), x21,y21,x22,y22 (short)
    PixelBox boundingBox; // x1,y1,x2,y2
    std::array<double, 2> lesionDiametersPx {}; // long, short
    std::array<double, 3> normalizedLesionLocation {};
    int coarseLesionType = -1;
    int possiblyNoisy = 0;
    std::array<int, 2> sliceRange {}; // 1-based, inclusive
    std::array<double, 3> spacingMmPerPx {}; // x (column), y (row), z
    std::array<int, 2> imageSize {}; // columns, rows
    std::array<double, 2> dicomWindowHu {}; // min, max
    std::string patientGender;
    std::string patientAge; // as written (may be empty)
    int trainValTest = 0; // 1 train, 2 validation, 3 test

    // The header line of DL_info.csv.
    static std::string header();

    // Empty with `error` set when the line does not have the 18 fields or a number is malformed.
    static std::optional<DeepLesionRow> parse(const std::string& line, std::string* error = nullptr);
    std::string format() const;

    PixelSegment longAxisPx() const;
    PixelSegment shortAxisPx() const;
    PixelSpacing pixelSpacing() const { return { spacingMmPerPx[0], spacingMmPerPx[1] }; }
};

} // namespace radmark::annotation
