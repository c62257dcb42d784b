#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/synthetic/OrientationPhantom.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include "radmark/viewer/ViewRender.h"

#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QImage>

#include <memory>
#include <string>

namespace radmark::viewer::testing {

// The orientation phantom (markers on the patient's left, anterior and superior sides) written as
// DICOM and loaded through the project's loader, as the application does.
inline std::shared_ptr<const annotation::ImageVolume> loadOrientationPhantom(double gantryTiltDegrees = 0.0)
{
    const std::string folder = radmark::testing::makeTemporaryFolder("radmark-orientation-phantom");
    const auto written = storage::writeSyntheticSeries(
        storage::orientation_phantom::seriesSpec(gantryTiltDegrees), folder + "/series");
    return storage::loadSeriesFiles(written.filePaths).volume;
}

inline bool near(QRgb pixel, int red, int green, int blue, int tolerance)
{
    return std::abs(qRed(pixel) - red) <= tolerance && std::abs(qGreen(pixel) - green) <= tolerance
        && std::abs(qBlue(pixel) - blue) <= tolerance;
}

// Whether any pixel within `radius` of (x, y) has the colour.
inline bool colourNear(const QImage& image, double x, double y, int radius, int red, int green, int blue, int tolerance)
{
    const int cx = static_cast<int>(std::lround(x));
    const int cy = static_cast<int>(std::lround(y));
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            if (image.valid(cx + dx, cy + dy) && near(image.pixel(cx + dx, cy + dy), red, green, blue, tolerance)) {
                return true;
            }
        }
    }
    return false;
}

// The request (volume, window, marks) rendered by renderViewToPng as a square of `sizePx` without the text
// overlay, into a new temporary folder named after `folderPrefix`, and read back.
inline QImage renderSquareView(
    SliceRenderRequest request, const ViewRenderOptions& options, int sizePx, const std::string& folderPrefix)
{
    request.widthPx = sizePx;
    request.heightPx = sizePx;
    request.showOverlay = false;
    const std::string png = radmark::testing::makeTemporaryFolder(folderPrefix) + "/view.png";
    std::string error;
    const bool rendered = renderViewToPng(request, options, png, &error);
    INFO(error);
    REQUIRE(rendered);
    QImage image(QString::fromStdString(png));
    REQUIRE(image.width() == sizePx);
    REQUIRE(image.height() == sizePx);
    return image;
}

} // namespace radmark::viewer::testing
