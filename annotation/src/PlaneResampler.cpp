#include "radmark/annotation/PlaneResampler.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

namespace radmark::annotation {

namespace {

template <typename Voxel> Voxel toVoxel(double value)
{
    if constexpr (std::is_floating_point_v<Voxel>) {
        return static_cast<Voxel>(value);
    } else {
        // Interpolated values lie between stored ones, so they fit the type; round half away from zero.
        return static_cast<Voxel>(static_cast<long>(value + (value >= 0.0 ? 0.5 : -0.5)));
    }
}

// Bilinear value at (i, j) of one slice (i, j inside [0, columns-1] x [0, rows-1]).
template <typename Voxel> inline double bilinear(const Voxel* slice, int columns, int rows, double i, double j)
{
    int i0 = static_cast<int>(i);
    int j0 = static_cast<int>(j);
    double fi = i - i0;
    double fj = j - j0;
    if (i0 >= columns - 1) {
        i0 = columns - 2;
        fi = 1.0;
    }
    if (j0 >= rows - 1) {
        j0 = rows - 2;
        fj = 1.0;
    }
    const Voxel* a = slice + static_cast<std::size_t>(j0) * columns + i0;
    const double top = a[0] + fi * (a[1] - a[0]);
    const double bottom = a[columns] + fi * (a[columns + 1] - a[columns]);
    return top + fj * (bottom - top);
}

// Whole-row ranges of the output worked on by separate threads (a plane of a large CT is ~0.3 Mpixel).
template <typename Function> void forRowRanges(int rows, int columns, Function&& work)
{
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    const int threads = static_cast<long>(rows) * columns < 65536 ? 1 : static_cast<int>(std::min(hardware, 4u));
    if (threads <= 1) {
        work(0, rows);
        return;
    }
    std::vector<std::thread> workers;
    const int perThread = (rows + threads - 1) / threads;
    for (int index = 1; index < threads; ++index) {
        const int first = index * perThread;
        const int last = std::min(rows, first + perThread);
        if (first < last) {
            workers.emplace_back([&work, first, last] { work(first, last); });
        }
    }
    work(0, std::min(rows, perThread));
    for (std::thread& worker : workers) {
        worker.join();
    }
}

} // namespace

PlaneResampler::PlaneResampler(std::shared_ptr<const ImageVolume> volume)
    : m_volume(std::move(volume))
{
    if (!m_volume) {
        throw std::invalid_argument("PlaneResampler needs a volume");
    }
    const ImageGeometry& g = m_volume->geometry();
    m_normal = g.sliceNormalLps();
    const auto& origins = g.sliceOriginsLpsMm;
    if (origins.size() >= 2 && dot(origins.back(), m_normal) < dot(origins.front(), m_normal)) {
        m_normal = m_normal * -1.0;
    }
    for (const Vector3& origin : origins) {
        m_heights.push_back(dot(origin, m_normal));
        m_originAlongRow.push_back(dot(origin, g.rowDirectionLps));
        m_originAlongColumn.push_back(dot(origin, g.columnDirectionLps));
    }
    m_outsideValue = m_volume->voxelType() == VoxelType::Rgb8 ? 0.0 : m_volume->valueRange().first;
}

std::shared_ptr<ImageVolume> PlaneResampler::makePlaneImage(const PlaneGrid& grid) const
{
    const ImageGeometry planeGeometry
        = ImageGeometry::regular(grid.columns, grid.rows, 1, grid.columnSpacingMm, grid.rowSpacingMm, grid.originLpsMm,
            grid.rightLps, grid.downLps, grid.normalLps() * std::min(grid.columnSpacingMm, grid.rowSpacingMm));
    auto image = std::make_shared<ImageVolume>(planeGeometry, m_volume->voxelType());
    image->setValueUnit(m_volume->valueUnit());
    image->setSourceWindows(m_volume->sourceWindows());
    return image;
}

void PlaneResampler::resample(const PlaneGrid& grid, ImageVolume& target) const
{
    const ImageGeometry& tg = target.geometry();
    if (tg.columns != grid.columns || tg.rows != grid.rows || tg.slices != 1
        || target.voxelType() != m_volume->voxelType()) {
        throw std::invalid_argument("PlaneResampler::resample: the target does not match the grid");
    }
    target.geometry().sliceOriginsLpsMm = { grid.originLpsMm };
    target.geometry().rowDirectionLps = grid.rightLps;
    target.geometry().columnDirectionLps = grid.downLps;
    switch (m_volume->voxelType()) {
    case VoxelType::Int16:
        resampleTyped(grid, static_cast<std::int16_t*>(target.data()));
        break;
    case VoxelType::UInt16:
        resampleTyped(grid, static_cast<std::uint16_t*>(target.data()));
        break;
    case VoxelType::Float32:
        resampleTyped(grid, static_cast<float*>(target.data()));
        break;
    case VoxelType::Rgb8:
        throw std::invalid_argument("PlaneResampler: colour volumes cannot be resliced");
    }
}

template <typename Voxel> void PlaneResampler::resampleTyped(const PlaneGrid& grid, Voxel* output) const
{
    const ImageGeometry& g = m_volume->geometry();
    const Voxel* voxels = static_cast<const Voxel*>(m_volume->data());
    const int columns = g.columns;
    const int rows = g.rows;
    const int slices = g.slices;
    const Voxel outside = toVoxel<Voxel>(m_outsideValue);
    const std::size_t sliceStride = static_cast<std::size_t>(columns) * rows;
    if (slices < 2 || columns < 2 || rows < 2) {
        std::fill(output, output + static_cast<std::size_t>(grid.columns) * grid.rows, outside);
        return;
    }
    const double firstHeight = m_heights.front();
    const double lastHeight = m_heights.back();
    const double lowLimit = firstHeight - (m_heights[1] - firstHeight) / 2.0;
    const double highLimit = lastHeight + (lastHeight - m_heights[slices - 2]) / 2.0;
    const Vector3 columnStep = grid.rightLps * grid.columnSpacingMm;
    const double stepAlongRow = dot(columnStep, g.rowDirectionLps) / g.columnSpacingMm;
    const double stepAlongColumn = dot(columnStep, g.columnDirectionLps) / g.rowSpacingMm;
    const double stepHeight = dot(columnStep, m_normal);

    auto sample = [&](int slab, double t, double i, double j) {
        // i, j >= 0 here; t == 0 (a plane on a slice) reads one slice only.
        const Voxel* a = voxels + slab * sliceStride;
        const double av = bilinear(a, columns, rows, i, j);
        return t == 0.0 ? av : av + t * (bilinear(a + sliceStride, columns, rows, i, j) - av);
    };
    auto slabAt = [&](double height, int* slab, double* t) {
        *slab = std::clamp(
            static_cast<int>(std::upper_bound(m_heights.begin(), m_heights.end(), height) - m_heights.begin()) - 1, 0,
            slices - 2);
        const double gap = m_heights[*slab + 1] - m_heights[*slab];
        *t = gap > 0.0 ? std::clamp((height - m_heights[*slab]) / gap, 0.0, 1.0) : 0.0;
    };

    forRowRanges(grid.rows, grid.columns, [&](int firstRow, int lastRow) {
        for (int r = firstRow; r < lastRow; ++r) {
            const Vector3 rowStart = grid.toPatient(0.0, r);
            double height = dot(rowStart, m_normal);
            const double alongRow = dot(rowStart, g.rowDirectionLps);
            const double alongColumn = dot(rowStart, g.columnDirectionLps);
            Voxel* out = output + static_cast<std::size_t>(r) * grid.columns;
            if (stepHeight == 0.0) {
                // The row runs parallel to the slices (every plane of an axis-aligned series): one slab and
                // one in-slice origin for the whole row, i and j step linearly.
                if (height < lowLimit || height > highLimit) {
                    std::fill(out, out + grid.columns, outside);
                    continue;
                }
                int slab = 0;
                double t = 0.0;
                slabAt(height, &slab, &t);
                const double originRow
                    = m_originAlongRow[slab] + t * (m_originAlongRow[slab + 1] - m_originAlongRow[slab]);
                const double originColumn
                    = m_originAlongColumn[slab] + t * (m_originAlongColumn[slab + 1] - m_originAlongColumn[slab]);
                const double i0 = (alongRow - originRow) / g.columnSpacingMm;
                const double j0 = (alongColumn - originColumn) / g.rowSpacingMm;
                if (stepAlongColumn == 0.0 && j0 >= -0.5 && j0 <= rows - 0.5) {
                    // j fixed (axial and coronal rows of an axial series): two image rows per slice,
                    // read left to right.
                    const double j = std::clamp(j0, 0.0, rows - 1.0);
                    const int jLow = std::min(static_cast<int>(j), rows - 2);
                    const double fj = j - jLow;
                    const Voxel* a0 = voxels + slab * sliceStride + static_cast<std::size_t>(jLow) * columns;
                    const Voxel* a1 = a0 + columns;
                    const Voxel* b0 = a0 + sliceStride;
                    const Voxel* b1 = a1 + sliceStride;
                    for (int c = 0; c < grid.columns; ++c) {
                        const double i = i0 + c * stepAlongRow;
                        if (i < -0.5 || i > columns - 0.5) {
                            out[c] = outside;
                            continue;
                        }
                        const double ic = std::clamp(i, 0.0, columns - 1.0);
                        const int iLow = std::min(static_cast<int>(ic), columns - 2);
                        const double fi = ic - iLow;
                        const double top = a0[iLow] + fi * (a0[iLow + 1] - a0[iLow]);
                        const double bottom = a1[iLow] + fi * (a1[iLow + 1] - a1[iLow]);
                        double value = top + fj * (bottom - top);
                        if (t != 0.0) {
                            const double nextTop = b0[iLow] + fi * (b0[iLow + 1] - b0[iLow]);
                            const double nextBottom = b1[iLow] + fi * (b1[iLow + 1] - b1[iLow]);
                            value += t * (nextTop + fj * (nextBottom - nextTop) - value);
                        }
                        out[c] = toVoxel<Voxel>(value);
                    }
                    continue;
                }
                for (int c = 0; c < grid.columns; ++c) {
                    const double i = i0 + c * stepAlongRow;
                    const double j = j0 + c * stepAlongColumn;
                    out[c] = (i < -0.5 || j < -0.5 || i > columns - 0.5 || j > rows - 0.5)
                        ? outside
                        : toVoxel<Voxel>(sample(slab, t, std::max(i, 0.0), std::max(j, 0.0)));
                }
                continue;
            }
            int slab
                = static_cast<int>(std::upper_bound(m_heights.begin(), m_heights.end(), height) - m_heights.begin())
                - 1;
            slab = std::clamp(slab, 0, slices - 2);
            for (int c = 0; c < grid.columns; ++c, height += stepHeight) {
                if (height < lowLimit || height > highLimit) {
                    out[c] = outside;
                    continue;
                }
                while (slab > 0 && height < m_heights[slab]) {
                    --slab;
                }
                while (slab < slices - 2 && height >= m_heights[slab + 1]) {
                    ++slab;
                }
                const double gap = m_heights[slab + 1] - m_heights[slab];
                const double t = gap > 0.0 ? std::clamp((height - m_heights[slab]) / gap, 0.0, 1.0) : 0.0;
                const double originRow
                    = m_originAlongRow[slab] + t * (m_originAlongRow[slab + 1] - m_originAlongRow[slab]);
                const double originColumn
                    = m_originAlongColumn[slab] + t * (m_originAlongColumn[slab + 1] - m_originAlongColumn[slab]);
                const double i = (alongRow - originRow) / g.columnSpacingMm + c * stepAlongRow;
                const double j = (alongColumn - originColumn) / g.rowSpacingMm + c * stepAlongColumn;
                if (i < -0.5 || j < -0.5 || i > columns - 0.5 || j > rows - 0.5) {
                    out[c] = outside;
                    continue;
                }
                out[c] = toVoxel<Voxel>(sample(slab, t, std::max(i, 0.0), std::max(j, 0.0)));
            }
        }
    });
}

} // namespace radmark::annotation
