#include "radmark/annotation/SliceStackAnalysis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace radmark::annotation {

namespace {

double median(std::vector<double> values)
{
    if (values.empty()) {
        return 0.0;
    }
    const std::size_t middle = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
    double result = values[middle];
    if (values.size() % 2 == 0) {
        const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
        result = (result + lower) / 2.0;
    }
    return result;
}

std::string formatNumber(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

} // namespace

SliceStackReport analyzeSliceStack(const std::vector<SlicePlacement>& slices, const SliceStackTolerance& tolerance)
{
    SliceStackReport report;
    report.sortedOrder.resize(slices.size());
    std::iota(report.sortedOrder.begin(), report.sortedOrder.end(), std::size_t { 0 });
    if (slices.empty()) {
        return report;
    }

    const Vector3 normal = normalized(cross(slices.front().rowDirectionLps, slices.front().columnDirectionLps));
    for (const SlicePlacement& slice : slices) {
        const Vector3 sliceNormal = normalized(cross(slice.rowDirectionLps, slice.columnDirectionLps));
        if (angleBetweenDegrees(normal, sliceNormal) > tolerance.orientationDegrees
            || angleBetweenDegrees(slices.front().rowDirectionLps, slice.rowDirectionLps)
                > tolerance.orientationDegrees) {
            report.mixedOrientations = true;
        }
    }

    std::vector<double> heights(slices.size());
    for (std::size_t index = 0; index < slices.size(); ++index) {
        heights[index] = dot(slices[index].positionLpsMm, normal);
    }
    std::stable_sort(report.sortedOrder.begin(), report.sortedOrder.end(),
        [&heights](std::size_t a, std::size_t b) { return heights[a] < heights[b]; });

    for (std::size_t position = 1; position < report.sortedOrder.size(); ++position) {
        const std::size_t previous = report.sortedOrder[position - 1];
        const std::size_t current = report.sortedOrder[position];
        const double gap = heights[current] - heights[previous];
        if (gap <= tolerance.gapMm
            && length(slices[current].positionLpsMm - slices[previous].positionLpsMm) <= tolerance.gapMm) {
            report.duplicatePositions.push_back(std::max(previous, current));
            continue;
        }
        report.gapsMm.push_back(gap);
    }
    std::sort(report.duplicatePositions.begin(), report.duplicatePositions.end());

    if (!report.gapsMm.empty()) {
        report.medianGapMm = median(report.gapsMm);
        report.minimumGapMm = *std::min_element(report.gapsMm.begin(), report.gapsMm.end());
        report.maximumGapMm = *std::max_element(report.gapsMm.begin(), report.gapsMm.end());
        const double allowed = std::max(tolerance.gapMm, tolerance.relativeGap * report.medianGapMm);
        for (const double gap : report.gapsMm) {
            if (std::abs(gap - report.medianGapMm) > allowed) {
                report.unevenSpacing = true;
                const double ratio = report.medianGapMm > 0.0 ? gap / report.medianGapMm : 0.0;
                const double wholeRatio = std::round(ratio);
                if (wholeRatio >= 2.0 && std::abs(ratio - wholeRatio) * report.medianGapMm <= allowed) {
                    report.estimatedMissingSlices += static_cast<int>(wholeRatio) - 1;
                }
            }
        }

        const Vector3 first = slices[report.sortedOrder.front()].positionLpsMm;
        const Vector3 last = slices[report.sortedOrder.back()].positionLpsMm;
        const double tilt = angleBetweenDegrees(last - first, normal);
        report.gantryTiltDegrees = tilt > tolerance.tiltDegrees ? tilt : 0.0;
    }
    return report;
}

std::vector<std::string> SliceStackReport::warnings() const
{
    std::vector<std::string> messages;
    if (mixedOrientations) {
        messages.push_back("slices have different orientations");
    }
    if (!duplicatePositions.empty()) {
        messages.push_back(
            std::to_string(duplicatePositions.size()) + " slice(s) repeat the position of another slice");
    }
    if (unevenSpacing) {
        messages.push_back("uneven slice spacing: " + formatNumber(minimumGapMm, 2) + " to "
            + formatNumber(maximumGapMm, 2) + " mm (median " + formatNumber(medianGapMm, 2) + " mm)");
    }
    if (estimatedMissingSlices > 0) {
        messages.push_back("about " + std::to_string(estimatedMissingSlices) + " slice(s) appear to be missing");
    }
    if (gantryTiltDegrees > 0.0) {
        messages.push_back("gantry tilt of " + formatNumber(gantryTiltDegrees, 1) + " degrees");
    }
    return messages;
}

} // namespace radmark::annotation
