#include "radmark/annotation/team/MeasurementAgreement.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace radmark::annotation {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kLimitsZ = 1.96; // Bland & Altman's 95% limits of agreement
} // namespace

BlandAltman blandAltman(const std::vector<double>& first, const std::vector<double>& second)
{
    if (first.size() != second.size()) {
        throw std::invalid_argument("Bland-Altman needs paired measurements");
    }
    BlandAltman summary;
    summary.pairs = first.size();
    if (first.empty()) {
        summary.meanDifference = summary.sdDifference = summary.lowerLimit = summary.upperLimit = kNaN;
        return summary;
    }
    double sum = 0.0;
    for (std::size_t i = 0; i < first.size(); ++i) {
        sum += first[i] - second[i];
    }
    const double n = static_cast<double>(first.size());
    summary.meanDifference = sum / n;
    if (first.size() < 2) {
        summary.sdDifference = summary.lowerLimit = summary.upperLimit = kNaN;
        return summary;
    }
    double squares = 0.0;
    for (std::size_t i = 0; i < first.size(); ++i) {
        const double deviation = first[i] - second[i] - summary.meanDifference;
        squares += deviation * deviation;
    }
    summary.sdDifference = std::sqrt(squares / (n - 1.0));
    summary.lowerLimit = summary.meanDifference - kLimitsZ * summary.sdDifference;
    summary.upperLimit = summary.meanDifference + kLimitsZ * summary.sdDifference;
    return summary;
}

double icc21(const std::vector<std::vector<double>>& targetsByRaters)
{
    const std::size_t n = targetsByRaters.size();
    if (n < 2) {
        return kNaN;
    }
    const std::size_t k = targetsByRaters.front().size();
    for (const auto& row : targetsByRaters) {
        if (row.size() != k) {
            throw std::invalid_argument("ICC(2,1) needs every target rated by every rater");
        }
    }
    if (k < 2) {
        return kNaN;
    }
    double grand = 0.0;
    std::vector<double> rowMeans(n, 0.0);
    std::vector<double> columnMeans(k, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < k; ++j) {
            rowMeans[i] += targetsByRaters[i][j];
            columnMeans[j] += targetsByRaters[i][j];
            grand += targetsByRaters[i][j];
        }
    }
    const double nd = static_cast<double>(n);
    const double kd = static_cast<double>(k);
    grand /= nd * kd;
    for (double& mean : rowMeans) {
        mean /= kd;
    }
    for (double& mean : columnMeans) {
        mean /= nd;
    }
    double rowsSs = 0.0;
    double columnsSs = 0.0;
    double totalSs = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        rowsSs += kd * (rowMeans[i] - grand) * (rowMeans[i] - grand);
        for (std::size_t j = 0; j < k; ++j) {
            totalSs += (targetsByRaters[i][j] - grand) * (targetsByRaters[i][j] - grand);
        }
    }
    for (std::size_t j = 0; j < k; ++j) {
        columnsSs += nd * (columnMeans[j] - grand) * (columnMeans[j] - grand);
    }
    const double errorSs = totalSs - rowsSs - columnsSs;
    const double bms = rowsSs / (nd - 1.0);
    const double jms = columnsSs / (kd - 1.0);
    const double ems = errorSs / ((nd - 1.0) * (kd - 1.0));
    const double denominator = bms + (kd - 1.0) * ems + kd * (jms - ems) / nd;
    if (denominator == 0.0) {
        return kNaN;
    }
    return (bms - ems) / denominator;
}

} // namespace radmark::annotation
