#include "radmark/annotation/saliency/SaliencyChecks.h"

#include "radmark/annotation/RecistMeasurement.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace radmark::annotation {

namespace {

// DeepLesion pads the RECIST endpoints by 5 pixels to make its boxes; lines get the same.
constexpr double kLinePaddingPx = 5.0;

PixelBox paddedSegmentBox(const PixelSegment& segment)
{
    PixelBox box = boxFromCorners(segment.start, segment.end);
    return { box.x1 - kLinePaddingPx, box.y1 - kLinePaddingPx, box.x2 + kLinePaddingPx, box.y2 + kLinePaddingPx };
}

bool insideRegion(const MarkRegion& region, int i, int j, int k)
{
    return k >= region.firstSliceIndex && k <= region.lastSliceIndex && i >= region.boxPx.x1 && i <= region.boxPx.x2
        && j >= region.boxPx.y1 && j <= region.boxPx.y2;
}

// A 4-connected flood fill over a columns x rows slice: pops pixel indices (j * columns + i) from `stack` until it is
// empty and calls `take(i, j)` for each neighbour inside the slice, left, right, up, down; `take` pushes the pixels
// it takes. Returns how many pixels were popped.
template <typename Take> std::size_t floodFill4(std::vector<int>& stack, int columns, int rows, Take take)
{
    std::size_t popped = 0;
    while (!stack.empty()) {
        const int n = stack.back();
        stack.pop_back();
        ++popped;
        const int i = n % columns;
        const int j = n / columns;
        if (i > 0)
            take(i - 1, j);
        if (i + 1 < columns)
            take(i + 1, j);
        if (j > 0)
            take(i, j - 1);
        if (j + 1 < rows)
            take(i, j + 1);
    }
    return popped;
}

// Marks every pixel reachable from the image border through pixels with blocked == 0 (4-connected).
std::vector<std::uint8_t> reachableFromBorder(const std::vector<std::uint8_t>& blocked, int columns, int rows)
{
    std::vector<std::uint8_t> reached(blocked.size(), 0);
    std::vector<int> stack;
    const auto push = [&](int i, int j) {
        const int n = j * columns + i;
        if (!blocked[static_cast<std::size_t>(n)] && !reached[static_cast<std::size_t>(n)]) {
            reached[static_cast<std::size_t>(n)] = 1;
            stack.push_back(n);
        }
    };
    for (int i = 0; i < columns; ++i) {
        push(i, 0);
        push(i, rows - 1);
    }
    for (int j = 0; j < rows; ++j) {
        push(0, j);
        push(columns - 1, j);
    }
    floodFill4(stack, columns, rows, push);
    return reached;
}

// Foreground (value > threshold) of one slice and the label of each pixel's 4-connected component
// (0 = background); returns the label of the largest component (0 when none).
int largestComponent(const std::vector<std::uint8_t>& foreground, int columns, int rows, std::vector<int>& labels)
{
    labels.assign(foreground.size(), 0);
    int nextLabel = 0;
    int bestLabel = 0;
    std::size_t bestSize = 0;
    std::vector<int> stack;
    for (int start = 0; start < columns * rows; ++start) {
        if (!foreground[static_cast<std::size_t>(start)] || labels[static_cast<std::size_t>(start)] != 0) {
            continue;
        }
        const int label = ++nextLabel;
        labels[static_cast<std::size_t>(start)] = label;
        stack.push_back(start);
        const std::size_t size = floodFill4(stack, columns, rows, [&](int i, int j) {
            const auto m = static_cast<std::size_t>(j * columns + i);
            if (foreground[m] && labels[m] == 0) {
                labels[m] = label;
                stack.push_back(static_cast<int>(m));
            }
        });
        if (size > bestSize) {
            bestSize = size;
            bestLabel = label;
        }
    }
    return bestLabel;
}

std::vector<std::uint8_t> foregroundOfSlice(const ImageVolume& image, int k, double threshold)
{
    const ImageGeometry& g = image.geometry();
    std::vector<std::uint8_t> foreground(static_cast<std::size_t>(g.columns) * static_cast<std::size_t>(g.rows));
    std::size_t n = 0;
    for (int j = 0; j < g.rows; ++j) {
        for (int i = 0; i < g.columns; ++i, ++n) {
            foreground[n] = image.valueAt(i, j, k) > threshold ? 1 : 0;
        }
    }
    return foreground;
}

} // namespace

MarkRegion markRegion(const LesionMark& mark)
{
    MarkRegion region;
    region.firstSliceIndex = region.lastSliceIndex = mark.slice.sliceIndex;
    std::visit(
        [&region](const auto& shape) {
            using Shape = std::decay_t<decltype(shape)>;
            if constexpr (std::is_same_v<Shape, RecistMark>) {
                region.boxPx = deepLesionBox(shape);
            } else if constexpr (std::is_same_v<Shape, LineMark>) {
                region.boxPx = paddedSegmentBox(shape.segmentPx);
            } else if constexpr (std::is_same_v<Shape, Box2dMark>) {
                region.boxPx = shape.boxPx;
            } else {
                region.boxPx = shape.boxPx;
                region.firstSliceIndex = shape.firstSliceIndex;
                region.lastSliceIndex = shape.lastSliceIndex;
            }
        },
        mark.shape);
    return region;
}

double defaultBodyThreshold(const ImageVolume& image)
{
    if (image.valueUnit() == "HU") {
        return -500.0;
    }
    const auto [low, high] = image.valueRange();
    return low + 0.1 * (high - low);
}

std::vector<std::uint8_t> bodyMaskOfSlice(const ImageVolume& image, int k, double threshold)
{
    const ImageGeometry& g = image.geometry();
    const std::vector<std::uint8_t> foreground = foregroundOfSlice(image, k, threshold);
    std::vector<int> labels;
    const int body = largestComponent(foreground, g.columns, g.rows, labels);
    std::vector<std::uint8_t> blocked(foreground.size(), 0);
    if (body == 0) {
        return blocked; // no foreground: no body
    }
    for (std::size_t n = 0; n < blocked.size(); ++n) {
        blocked[n] = labels[n] == body ? 1 : 0;
    }
    // Whatever the outside cannot reach without crossing the body is body (its holes).
    const std::vector<std::uint8_t> outside = reachableFromBorder(blocked, g.columns, g.rows);
    std::vector<std::uint8_t> mask(foreground.size());
    for (std::size_t n = 0; n < mask.size(); ++n) {
        mask[n] = outside[n] ? 0 : 1;
    }
    return mask;
}

SaliencyChecks computeSaliencyChecks(const ImageVolume& image, const ImageVolume& map,
    const std::vector<LesionMark>& marks, const SaliencyCheckOptions& options)
{
    SaliencyChecks checks;
    const ImageGeometry& g = image.geometry();
    const ImageGeometry& mg = map.geometry();
    if (map.voxelType() != VoxelType::Float32 || mg.columns != g.columns || mg.rows != g.rows || mg.slices != g.slices
        || g.voxelCount() == 0) {
        return checks;
    }
    const auto* values = static_cast<const float*>(map.data());
    std::vector<MarkRegion> regions;
    for (const LesionMark& mark : marks) {
        regions.push_back(markRegion(mark));
    }
    const double threshold = options.bodyThreshold ? *options.bodyThreshold : defaultBodyThreshold(image);
    const int cornerColumns = std::max(1, static_cast<int>(std::floor(g.columns * options.cornerFraction)));
    const int cornerRows = std::max(1, static_cast<int>(std::floor(g.rows * options.cornerFraction)));

    double insideMarks = 0.0;
    double onMarkedSlices = 0.0;
    double outsideBody = 0.0;
    double textOrCorners = 0.0;
    bool peakSet = false;
    std::size_t n = 0;
    for (int k = 0; k < g.slices; ++k) {
        const std::vector<std::uint8_t> body = bodyMaskOfSlice(image, k, threshold);
        const std::vector<std::uint8_t> foreground = foregroundOfSlice(image, k, threshold);
        const bool markedSlice = std::any_of(regions.begin(), regions.end(),
            [k](const MarkRegion& region) { return k >= region.firstSliceIndex && k <= region.lastSliceIndex; });
        std::size_t m = 0;
        for (int j = 0; j < g.rows; ++j) {
            const bool cornerRow = j < cornerRows || j >= g.rows - cornerRows;
            for (int i = 0; i < g.columns; ++i, ++n, ++m) {
                const double value = values[n];
                if (!peakSet || value > checks.peakValue) {
                    checks.peakValue = value;
                    checks.peakI = i;
                    checks.peakJ = j;
                    checks.peakK = k;
                    peakSet = true;
                }
                if (value <= 0.0) {
                    continue;
                }
                checks.totalMass += value;
                if (markedSlice) {
                    onMarkedSlices += value;
                }
                if (markedSlice && std::any_of(regions.begin(), regions.end(), [&](const MarkRegion& region) {
                        return insideRegion(region, i, j, k);
                    })) {
                    insideMarks += value;
                }
                if (!body[m]) {
                    outsideBody += value;
                }
                const bool corner = cornerRow && (i < cornerColumns || i >= g.columns - cornerColumns);
                if (corner || (foreground[m] && !body[m])) {
                    textOrCorners += value;
                }
            }
        }
    }
    if (!regions.empty()) {
        checks.peakInsideMark = std::any_of(regions.begin(), regions.end(),
            [&](const MarkRegion& region) { return insideRegion(region, checks.peakI, checks.peakJ, checks.peakK); });
    }
    if (checks.totalMass > 0.0) {
        if (!regions.empty()) {
            checks.massInsideMarksFraction = onMarkedSlices > 0.0 ? insideMarks / onMarkedSlices : 0.0;
        }
        checks.massOutsideBodyFraction = outsideBody / checks.totalMass;
        checks.massOnTextOrCornersFraction = textOrCorners / checks.totalMass;
    }
    return checks;
}

std::optional<double> saliencyConcern(const SaliencyChecks& checks)
{
    if (!checks.massOutsideBodyFraction || !checks.massOnTextOrCornersFraction) {
        return std::nullopt;
    }
    double concern = std::max(*checks.massOutsideBodyFraction, *checks.massOnTextOrCornersFraction);
    if (checks.massInsideMarksFraction) {
        concern = std::max(concern, 1.0 - *checks.massInsideMarksFraction);
    }
    return concern;
}

} // namespace radmark::annotation
