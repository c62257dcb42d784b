#include "radmark/annotation/team/LesionMatching.h"

#include "radmark/annotation/Overloaded.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <variant>

namespace radmark::annotation {

namespace {

PixelBox normalized(const PixelBox& box)
{
    return { std::min(box.x1, box.x2), std::min(box.y1, box.y2), std::max(box.x1, box.x2), std::max(box.y1, box.y2) };
}

PixelBox boxOfPoints(std::initializer_list<PixelPoint> points)
{
    PixelBox box { std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
        std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest() };
    for (const PixelPoint& point : points) {
        box.x1 = std::min(box.x1, point.column);
        box.y1 = std::min(box.y1, point.row);
        box.x2 = std::max(box.x2, point.column);
        box.y2 = std::max(box.y2, point.row);
    }
    return box;
}

// A line lying along a pixel row or column has no area; give it half a pixel on each side.
PixelBox atLeastOnePixel(PixelBox box)
{
    if (box.x2 - box.x1 < 1.0) {
        const double centre = (box.x1 + box.x2) / 2.0;
        box.x1 = centre - 0.5;
        box.x2 = centre + 0.5;
    }
    if (box.y2 - box.y1 < 1.0) {
        const double centre = (box.y1 + box.y2) / 2.0;
        box.y1 = centre - 0.5;
        box.y2 = centre + 0.5;
    }
    return box;
}

int sliceGap(const LesionFootprint& a, const LesionFootprint& b)
{
    if (a.lastSliceIndex < b.firstSliceIndex) {
        return b.firstSliceIndex - a.lastSliceIndex;
    }
    if (b.lastSliceIndex < a.firstSliceIndex) {
        return a.firstSliceIndex - b.lastSliceIndex;
    }
    return 0;
}

} // namespace

LesionFootprint lesionFootprint(const LesionMark& mark)
{
    LesionFootprint footprint;
    footprint.seriesUid = mark.slice.seriesUid;
    footprint.firstSliceIndex = footprint.lastSliceIndex = mark.slice.sliceIndex;
    std::visit(Overloaded {
                   [&](const RecistMark& recist) {
                       footprint.boxPx = boxOfPoints({ recist.longAxisPx.start, recist.longAxisPx.end,
                           recist.shortAxisPx.start, recist.shortAxisPx.end });
                   },
                   [&](const LineMark& line) {
                       footprint.boxPx = atLeastOnePixel(boxOfPoints({ line.segmentPx.start, line.segmentPx.end }));
                   },
                   [&](const Box2dMark& box) { footprint.boxPx = normalized(box.boxPx); },
                   [&](const Box3dMark& box3d) {
                       footprint.boxPx = normalized(box3d.boxPx);
                       footprint.firstSliceIndex = std::min(box3d.firstSliceIndex, box3d.lastSliceIndex);
                       footprint.lastSliceIndex = std::max(box3d.firstSliceIndex, box3d.lastSliceIndex);
                   },
               },
        mark.shape);
    return footprint;
}

double boxIou(const PixelBox& a, const PixelBox& b)
{
    const PixelBox first = normalized(a);
    const PixelBox second = normalized(b);
    const double areaFirst = (first.x2 - first.x1) * (first.y2 - first.y1);
    const double areaSecond = (second.x2 - second.x1) * (second.y2 - second.y1);
    if (areaFirst <= 0.0 || areaSecond <= 0.0) {
        return 0.0;
    }
    const double width = std::min(first.x2, second.x2) - std::max(first.x1, second.x1);
    const double height = std::min(first.y2, second.y2) - std::max(first.y1, second.y1);
    if (width <= 0.0 || height <= 0.0) {
        return 0.0;
    }
    const double intersection = width * height;
    return intersection / (areaFirst + areaSecond - intersection);
}

bool lesionsOverlap(const LesionFootprint& a, const LesionFootprint& b, double minIou)
{
    return a.seriesUid == b.seriesUid && sliceGap(a, b) <= 1 && boxIou(a.boxPx, b.boxPx) >= minIou;
}

LesionMatching matchLesions(const std::vector<LesionMark>& first, const std::vector<LesionMark>& second, double minIou)
{
    std::vector<LesionFootprint> firstFootprints;
    std::vector<LesionFootprint> secondFootprints;
    for (const LesionMark& mark : first) {
        firstFootprints.push_back(lesionFootprint(mark));
    }
    for (const LesionMark& mark : second) {
        secondFootprints.push_back(lesionFootprint(mark));
    }
    struct Candidate {
        double iou;
        int gap;
        std::size_t a;
        std::size_t b;
    };
    std::vector<Candidate> candidates;
    for (std::size_t a = 0; a < firstFootprints.size(); ++a) {
        for (std::size_t b = 0; b < secondFootprints.size(); ++b) {
            if (lesionsOverlap(firstFootprints[a], secondFootprints[b], minIou)) {
                candidates.push_back({ boxIou(firstFootprints[a].boxPx, secondFootprints[b].boxPx),
                    sliceGap(firstFootprints[a], secondFootprints[b]), a, b });
            }
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
        return std::make_tuple(-x.iou, x.gap, x.a, x.b) < std::make_tuple(-y.iou, y.gap, y.a, y.b);
    });
    std::vector<bool> firstUsed(first.size(), false);
    std::vector<bool> secondUsed(second.size(), false);
    LesionMatching matching;
    for (const Candidate& candidate : candidates) {
        if (firstUsed[candidate.a] || secondUsed[candidate.b]) {
            continue;
        }
        firstUsed[candidate.a] = secondUsed[candidate.b] = true;
        matching.matched.push_back({ candidate.a, candidate.b, candidate.iou });
    }
    std::sort(matching.matched.begin(), matching.matched.end(),
        [](const LesionMatching::Pair& x, const LesionMatching::Pair& y) { return x.first < y.first; });
    for (std::size_t a = 0; a < first.size(); ++a) {
        if (!firstUsed[a]) {
            matching.onlyFirst.push_back(a);
        }
    }
    for (std::size_t b = 0; b < second.size(); ++b) {
        if (!secondUsed[b]) {
            matching.onlySecond.push_back(b);
        }
    }
    return matching;
}

double lesionDetectionAgreement(std::size_t matched, std::size_t onlyFirst, std::size_t onlySecond)
{
    const double denominator = 2.0 * static_cast<double>(matched) + static_cast<double>(onlyFirst + onlySecond);
    return denominator == 0.0 ? std::numeric_limits<double>::quiet_NaN()
                              : 2.0 * static_cast<double>(matched) / denominator;
}

} // namespace radmark::annotation
