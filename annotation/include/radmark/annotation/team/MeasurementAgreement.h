#pragma once

#include <cstddef>
#include <vector>

namespace radmark::annotation {

// Agreement of two (or more) readers on a continuous measurement, e.g. the long axis of the same
// lesion in mm. Pure, standard library only; NaN where undefined.

// Bland-Altman summary of paired measurements (first - second): mean difference (bias), the sample
// standard deviation of the differences (n - 1) and the 95% limits of agreement bias -/+ 1.96 SD.
// n < 2: SD and limits are NaN (one pair gives the bias only); no pair: all NaN.
struct BlandAltman {
    std::size_t pairs = 0;
    double meanDifference = 0.0;
    double sdDifference = 0.0;
    double lowerLimit = 0.0;
    double upperLimit = 0.0;
};
BlandAltman blandAltman(const std::vector<double>& first, const std::vector<double>& second);

// ICC(2,1) (Shrout & Fleiss 1979; McGraw & Wong 1996 "ICC(A,1)"): two-way random effects, absolute
// agreement, single rater, from an n targets x k raters table without missing cells:
//   (BMS - EMS) / (BMS + (k - 1) EMS + k (JMS - EMS) / n)
// Throws std::invalid_argument when rows differ in length. NaN for n < 2 or k < 2 or a zero denominator.
double icc21(const std::vector<std::vector<double>>& targetsByRaters);

} // namespace radmark::annotation
