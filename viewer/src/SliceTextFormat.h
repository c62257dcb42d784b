#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/viewer/SliceRenderer.h"

#include <initializer_list>
#include <string>

namespace radmark::viewer {

// Whole numbers without decimals, others with one ("400", "-600", "0.5").
std::string formatNumber(double value);

// The non-empty lines joined by '\n'.
std::string joinLines(std::initializer_list<std::string> lines);

// The top-left corner: identifying lines (age and sex, institution) when shown, modality, series description.
std::string seriesHeaderText(const SliceOverlayText& text);

// "W 400 L 40".
std::string windowLevelText(const annotation::WindowLevel& window);

// Orientation letters at the edges of a view whose columns run along rightLps and rows along downLps.
EdgeLabels edgeLabelsFacing(const annotation::Vector3& rightLps, const annotation::Vector3& downLps);

// Position of slice k's origin along the slice normal (mm); 0 for an index outside the volume.
double slicePositionAlongNormalMm(const annotation::ImageGeometry& geometry, int k);

// The hover readout in three short lines, so it stays clear of the orientation letters:
// "(i, j)  Slice k+1 / N" (stored column and row, the slice 1-based as in "Slice 33 / 72"),
// "x, y, z mm" (LPS) and "value unit".
std::string hoverReadoutLines(long column, long row, long sliceIndex, int sliceCount,
    const annotation::Vector3& pointLpsMm, const std::string& valueText);

// hoverReadoutLines for a probe inside the image, empty otherwise.
std::string readoutText(const annotation::ImageVolume& volume, const VoxelProbe& probe);

// The readout on one line (for a status bar): lines joined by two spaces.
std::string singleLine(const std::string& text);

} // namespace radmark::viewer
