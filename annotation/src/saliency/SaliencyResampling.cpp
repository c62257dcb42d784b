#include "radmark/annotation/saliency/SaliencyResampling.h"

#include <array>
#include <cmath>
#include <cstring>

namespace radmark::annotation {

namespace {

constexpr double kSameGridToleranceMm = 0.01;

using Matrix3 = std::array<std::array<double, 3>, 3>;

// Columns of `columns` are the map's index steps in LPS mm; returns their inverse (or nothing when singular).
bool invert(const Matrix3& m, Matrix3& inverse)
{
    const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    if (std::fabs(det) < 1e-12) {
        return false;
    }
    inverse[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
    inverse[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
    inverse[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
    inverse[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
    inverse[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
    inverse[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
    inverse[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
    inverse[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
    inverse[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    return true;
}

Vector3 applyMatrix(const Matrix3& m, const Vector3& v)
{
    return { m[0][0] * v.x + m[0][1] * v.y + m[0][2] * v.z, m[1][0] * v.x + m[1][1] * v.y + m[1][2] * v.z,
        m[2][0] * v.x + m[2][1] * v.y + m[2][2] * v.z };
}

bool near(const Vector3& a, const Vector3& b, double tolerance)
{
    return std::fabs(a.x - b.x) <= tolerance && std::fabs(a.y - b.y) <= tolerance && std::fabs(a.z - b.z) <= tolerance;
}

// Continuous index c on an axis of n samples: inside when within [-0.5, n - 0.5]; the two samples
// and the weight of the upper one, clamped to the grid.
struct AxisSample {
    int lower = 0;
    int upper = 0;
    double weight = 0.0;
};

bool sampleAxis(double c, int n, AxisSample& sample)
{
    if (c < -0.5 || c > n - 0.5) {
        return false;
    }
    const double clamped = std::min(std::max(c, 0.0), static_cast<double>(n - 1));
    sample.lower = static_cast<int>(std::floor(clamped));
    sample.upper = std::min(sample.lower + 1, n - 1);
    sample.weight = clamped - sample.lower;
    return true;
}

} // namespace

bool isSameGrid(const ImageGeometry& a, const ImageGeometry& b)
{
    if (a.columns != b.columns || a.rows != b.rows || a.slices != b.slices
        || a.sliceOriginsLpsMm.size() != b.sliceOriginsLpsMm.size()) {
        return false;
    }
    if (std::fabs(a.columnSpacingMm - b.columnSpacingMm) > 1e-4 || std::fabs(a.rowSpacingMm - b.rowSpacingMm) > 1e-4
        || !near(a.rowDirectionLps, b.rowDirectionLps, 1e-4)
        || !near(a.columnDirectionLps, b.columnDirectionLps, 1e-4)) {
        return false;
    }
    for (std::size_t k = 0; k < a.sliceOriginsLpsMm.size(); ++k) {
        if (!near(a.sliceOriginsLpsMm[k], b.sliceOriginsLpsMm[k], kSameGridToleranceMm)) {
            return false;
        }
    }
    return true;
}

ResampledMap resampleOntoGrid(const ImageVolume& map, const ImageGeometry& target)
{
    ResampledMap result;
    result.values = ImageVolume(target, VoxelType::Float32, VoxelInitialization::Zeroed);
    auto* out = static_cast<float*>(result.values.data());
    const ImageGeometry& source = map.geometry();
    if (map.voxelCount() == 0 || target.voxelCount() == 0 || source.sliceOriginsLpsMm.empty()) {
        return result;
    }
    if (isSameGrid(source, target)) {
        result.sameGrid = true;
        result.coveredVoxelCount = target.voxelCount();
        if (map.voxelType() == VoxelType::Float32) {
            std::memcpy(out, map.data(), map.byteCount());
        } else {
            for (int k = 0; k < target.slices; ++k) {
                for (int j = 0; j < target.rows; ++j) {
                    for (int i = 0; i < target.columns; ++i) {
                        *out++ = static_cast<float>(map.valueAt(i, j, k));
                    }
                }
            }
        }
        return result;
    }

    const Vector3 sliceStep = source.slices > 1
        ? (source.sliceOriginsLpsMm.back() - source.sliceOriginsLpsMm.front()) * (1.0 / (source.slices - 1))
        : source.sliceNormalLps() * (source.sliceSpacingMm > 0.0 ? source.sliceSpacingMm : 1.0);
    const Vector3 columnStep = source.rowDirectionLps * source.columnSpacingMm; // +1 in i
    const Vector3 rowStep = source.columnDirectionLps * source.rowSpacingMm; // +1 in j
    const Matrix3 indexToLps { { { columnStep.x, rowStep.x, sliceStep.x }, { columnStep.y, rowStep.y, sliceStep.y },
        { columnStep.z, rowStep.z, sliceStep.z } } };
    Matrix3 lpsToIndex;
    if (!invert(indexToLps, lpsToIndex)) {
        return result;
    }
    const Vector3 sourceOrigin = source.sliceOriginsLpsMm.front();
    const Vector3 perColumn = applyMatrix(lpsToIndex, target.rowDirectionLps * target.columnSpacingMm);
    const Vector3 perRow = applyMatrix(lpsToIndex, target.columnDirectionLps * target.rowSpacingMm);

    for (int k = 0; k < target.slices; ++k) {
        const Vector3 sliceStart
            = applyMatrix(lpsToIndex, target.sliceOriginsLpsMm[static_cast<std::size_t>(k)] - sourceOrigin);
        for (int j = 0; j < target.rows; ++j) {
            const Vector3 rowStart = sliceStart + perRow * static_cast<double>(j);
            for (int i = 0; i < target.columns; ++i, ++out) {
                const Vector3 c = rowStart + perColumn * static_cast<double>(i);
                AxisSample si, sj, sk;
                if (!sampleAxis(c.x, source.columns, si) || !sampleAxis(c.y, source.rows, sj)
                    || !sampleAxis(c.z, source.slices, sk)) {
                    continue;
                }
                ++result.coveredVoxelCount;
                const auto value = [&map](int ii, int jj, int kk) { return map.valueAt(ii, jj, kk); };
                const double c00 = value(si.lower, sj.lower, sk.lower) * (1 - si.weight)
                    + value(si.upper, sj.lower, sk.lower) * si.weight;
                const double c10 = value(si.lower, sj.upper, sk.lower) * (1 - si.weight)
                    + value(si.upper, sj.upper, sk.lower) * si.weight;
                const double c01 = value(si.lower, sj.lower, sk.upper) * (1 - si.weight)
                    + value(si.upper, sj.lower, sk.upper) * si.weight;
                const double c11 = value(si.lower, sj.upper, sk.upper) * (1 - si.weight)
                    + value(si.upper, sj.upper, sk.upper) * si.weight;
                const double c0 = c00 * (1 - sj.weight) + c10 * sj.weight;
                const double c1 = c01 * (1 - sj.weight) + c11 * sj.weight;
                *out = static_cast<float>(c0 * (1 - sk.weight) + c1 * sk.weight);
            }
        }
    }
    return result;
}

} // namespace radmark::annotation
