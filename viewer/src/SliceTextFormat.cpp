#include "SliceTextFormat.h"

#include "radmark/annotation/OrientationLabels.h"

#include <cmath>
#include <cstdio>

namespace radmark::viewer {

std::string formatNumber(double value)
{
    char text[32];
    if (std::abs(value - std::round(value)) < 1e-6 || std::abs(value) >= 100.0) {
        std::snprintf(text, sizeof(text), "%.0f", value);
    } else {
        std::snprintf(text, sizeof(text), "%.1f", value);
    }
    return text;
}

std::string seriesHeaderText(const SliceOverlayText& text)
{
    std::string identifying;
    if (text.showIdentifyingText) {
        const std::string ageAndSex = text.patientAge.empty() || text.patientSex.empty()
            ? text.patientAge + text.patientSex
            : text.patientAge + " " + text.patientSex;
        identifying = joinLines({ ageAndSex, text.institutionName });
    }
    return joinLines({ identifying, text.modality, text.seriesDescription });
}

std::string windowLevelText(const annotation::WindowLevel& window)
{
    return "W " + formatNumber(window.width) + " L " + formatNumber(window.level);
}

EdgeLabels edgeLabelsFacing(const annotation::Vector3& rightLps, const annotation::Vector3& downLps)
{
    EdgeLabels labels;
    labels.right = annotation::orientationLabel(rightLps);
    labels.left = annotation::orientationLabel(rightLps * -1.0);
    labels.bottom = annotation::orientationLabel(downLps);
    labels.top = annotation::orientationLabel(downLps * -1.0);
    return labels;
}

std::string joinLines(std::initializer_list<std::string> lines)
{
    std::string joined;
    for (const std::string& line : lines) {
        if (line.empty()) {
            continue;
        }
        if (!joined.empty()) {
            joined += '\n';
        }
        joined += line;
    }
    return joined;
}

double slicePositionAlongNormalMm(const annotation::ImageGeometry& geometry, int k)
{
    if (k < 0 || k >= static_cast<int>(geometry.sliceOriginsLpsMm.size())) {
        return 0.0;
    }
    return annotation::dot(geometry.sliceOriginsLpsMm[static_cast<std::size_t>(k)], geometry.sliceNormalLps());
}

std::string hoverReadoutLines(long column, long row, long sliceIndex, int sliceCount,
    const annotation::Vector3& pointLpsMm, const std::string& valueText)
{
    char voxelLine[96];
    std::snprintf(voxelLine, sizeof(voxelLine), "(%ld, %ld)  Slice %ld / %d", column, row, sliceIndex + 1, sliceCount);
    char positionLine[96];
    std::snprintf(positionLine, sizeof(positionLine), "%.1f, %.1f, %.1f mm", pointLpsMm.x, pointLpsMm.y, pointLpsMm.z);
    return joinLines({ voxelLine, positionLine, valueText });
}

std::string readoutText(const annotation::ImageVolume& volume, const VoxelProbe& probe)
{
    if (!probe.insideImage) {
        return {};
    }
    const bool wholeValues = volume.voxelType() != annotation::VoxelType::Float32;
    const std::string value = wholeValues ? formatNumber(std::round(probe.value)) : formatNumber(probe.value);
    const std::string& unit = volume.valueUnit();
    return hoverReadoutLines(std::lround(probe.voxel.i), std::lround(probe.voxel.j), std::lround(probe.voxel.k),
        volume.geometry().slices, probe.patientLpsMm, unit.empty() ? value : value + " " + unit);
}

std::string singleLine(const std::string& text)
{
    std::string line;
    for (const char c : text) {
        if (c == '\n') {
            line += "  ";
        } else {
            line += c;
        }
    }
    return line;
}

} // namespace radmark::viewer
