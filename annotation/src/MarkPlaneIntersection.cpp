#include "radmark/annotation/MarkPlaneIntersection.h"

#include "radmark/annotation/Overloaded.h"

#include <algorithm>
#include <cmath>

namespace radmark::annotation {

namespace {

PixelPoint project(const PlaneGrid& grid, const Vector3& pointLpsMm)
{
    PixelPoint point;
    grid.toPixel(pointLpsMm, &point.column, &point.row);
    return point;
}

double signedDistance(const PlaneGrid& grid, const Vector3& pointLpsMm)
{
    return dot(pointLpsMm - grid.originLpsMm, grid.normalLps());
}

// Where the segment a-b crosses the plane (ends included), if it does.
bool crossing(const PlaneGrid& grid, const Vector3& a, const Vector3& b, Vector3* point)
{
    const double da = signedDistance(grid, a);
    const double db = signedDistance(grid, b);
    if ((da > 0.0 && db > 0.0) || (da < 0.0 && db < 0.0) || da == db) {
        return false;
    }
    const double t = da / (da - db);
    *point = a + (b - a) * t;
    return true;
}

bool allNear(const PlaneGrid& grid, const std::vector<Vector3>& points, double halfThicknessMm)
{
    return std::all_of(points.begin(), points.end(),
        [&](const Vector3& p) { return std::abs(signedDistance(grid, p)) <= halfThicknessMm; });
}

// Points of a convex cut, ordered around their centre so they form its outline.
void sortAroundCentre(std::vector<PixelPoint>& points)
{
    PixelPoint centre;
    for (const PixelPoint& p : points) {
        centre.column += p.column / points.size();
        centre.row += p.row / points.size();
    }
    std::sort(points.begin(), points.end(), [&](const PixelPoint& a, const PixelPoint& b) {
        return std::atan2(a.row - centre.row, a.column - centre.column)
            < std::atan2(b.row - centre.row, b.column - centre.column);
    });
    points.erase(std::unique(points.begin(), points.end(),
                     [](const PixelPoint& a, const PixelPoint& b) {
                         return std::abs(a.column - b.column) < 1e-6 && std::abs(a.row - b.row) < 1e-6;
                     }),
        points.end());
}

} // namespace

MarkSolid markSolid(const LesionMark& mark, const ImageGeometry& seriesGeometry)
{
    MarkSolid solid;
    std::visit(
        Overloaded {
            [&](const RecistMark& recist) {
                solid.openSegments = { recist.longAxisLpsMm, recist.shortAxisLpsMm };
            },
            [&](const LineMark& line) {
                solid.openSegments
                    = { { mark.plane.toPatient(line.segmentPx.start), mark.plane.toPatient(line.segmentPx.end) } };
            },
            [&](const Box2dMark& box) {
                const PixelBox& b = box.boxPx;
                solid.outlineLpsMm = { mark.plane.toPatient({ b.x1, b.y1 }), mark.plane.toPatient({ b.x2, b.y1 }),
                    mark.plane.toPatient({ b.x2, b.y2 }), mark.plane.toPatient({ b.x1, b.y2 }) };
            },
            [&](const Box3dMark& box) {
                const PixelBox& b = box.boxPx;
                for (int corner = 0; corner < 8; ++corner) {
                    const double k = (corner & 4) ? box.lastSliceIndex + 0.5 : box.firstSliceIndex - 0.5;
                    solid.boxCornersLpsMm.push_back(
                        seriesGeometry.voxelToPatient({ (corner & 1) ? b.x2 : b.x1, (corner & 2) ? b.y2 : b.y1, k }));
                }
            },
        },
        mark.shape);
    return solid;
}

Vector3 markCentreLpsMm(const LesionMark& mark, const ImageGeometry& seriesGeometry)
{
    const MarkSolid solid = markSolid(mark, seriesGeometry);
    if (!solid.openSegments.empty()) {
        return (solid.openSegments.front().startLpsMm + solid.openSegments.front().endLpsMm) * 0.5;
    }
    const std::vector<Vector3>& corners = solid.outlineLpsMm.empty() ? solid.boxCornersLpsMm : solid.outlineLpsMm;
    Vector3 sum;
    for (const Vector3& corner : corners) {
        sum = sum + corner;
    }
    return corners.empty() ? sum : sum / static_cast<double>(corners.size());
}

std::vector<PlaneMarkShape> intersectMarkWithPlane(
    const LesionMark& mark, const ImageGeometry& seriesGeometry, const PlaneGrid& grid, double halfThicknessMm)
{
    const MarkSolid solid = markSolid(mark, seriesGeometry);
    std::vector<PlaneMarkShape> shapes;
    for (const PatientSegment& segment : solid.openSegments) {
        if (allNear(grid, { segment.startLpsMm, segment.endLpsMm }, halfThicknessMm)) {
            shapes.push_back({ { project(grid, segment.startLpsMm), project(grid, segment.endLpsMm) }, false });
            continue;
        }
        Vector3 point;
        if (crossing(grid, segment.startLpsMm, segment.endLpsMm, &point)) {
            shapes.push_back({ { project(grid, point) }, false });
        }
    }
    if (!solid.outlineLpsMm.empty()) {
        PlaneMarkShape shape;
        if (allNear(grid, solid.outlineLpsMm, halfThicknessMm)) {
            for (const Vector3& corner : solid.outlineLpsMm) {
                shape.pointsPx.push_back(project(grid, corner));
            }
            shape.closed = true;
        } else {
            const std::size_t count = solid.outlineLpsMm.size();
            for (std::size_t index = 0; index < count; ++index) {
                Vector3 point;
                if (crossing(grid, solid.outlineLpsMm[index], solid.outlineLpsMm[(index + 1) % count], &point)) {
                    shape.pointsPx.push_back(project(grid, point));
                }
            }
            sortAroundCentre(shape.pointsPx);
        }
        if (!shape.pointsPx.empty()) {
            shapes.push_back(shape);
        }
    }
    if (solid.boxCornersLpsMm.size() == 8) {
        PlaneMarkShape shape;
        for (int a = 0; a < 8; ++a) {
            for (int bit : { 1, 2, 4 }) {
                const int b = a | bit;
                if (b == a) {
                    continue;
                }
                Vector3 point;
                if (crossing(grid, solid.boxCornersLpsMm[a], solid.boxCornersLpsMm[b], &point)) {
                    shape.pointsPx.push_back(project(grid, point));
                }
            }
        }
        sortAroundCentre(shape.pointsPx);
        shape.closed = shape.pointsPx.size() >= 3;
        if (!shape.pointsPx.empty()) {
            shapes.push_back(shape);
        }
    }
    return shapes;
}

} // namespace radmark::annotation
