// bench_slice_change: time to show the next slice in RadMark's SliceViewWidget (VTK in a QOpenGLWidget) at
// 1024x1024, against a 2D-only QImage + QPainter widget doing the same. Needs an X display.
#include "BenchVolume.h"
#include "QImageSliceView.h"

#include "../PerformanceReport.h"
#include "../Statistics.h"

#include "radmark/viewer/SliceViewWidget.h"
#include "radmark/viewer/SurfaceFormat.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QTest>

#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::bench {

namespace {

constexpr int sliceCount = 100;
constexpr int viewSizePx = 1024;
constexpr int timedPasses = 3;

// One untimed pass over all slices, then `timedPasses` timed passes; milliseconds of every timed step.
std::vector<double> timeSteps(const std::function<void(int)>& showSlice)
{
    for (int k = 0; k < sliceCount; ++k) {
        showSlice(k);
    }
    std::vector<double> milliseconds;
    QElapsedTimer timer;
    for (int pass = 0; pass < timedPasses; ++pass) {
        for (int k = 0; k < sliceCount; ++k) {
            timer.start();
            showSlice(k);
            milliseconds.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
    }
    return milliseconds;
}

void showAndWait(QWidget& widget)
{
    widget.resize(viewSizePx, viewSizePx);
    widget.show();
    if (!QTest::qWaitForWindowExposed(&widget, 10000)) {
        throw std::runtime_error("the window was not exposed (no X display?)");
    }
}

std::string msText(const std::vector<double>& samples)
{
    return formatNumber(median(samples), 2) + " ms";
}

std::string msDetail(const std::vector<double>& samples)
{
    return "p95 " + formatNumber(percentile(samples, 0.95), 2) + " ms, max " + formatNumber(maximum(samples), 2)
        + " ms; " + std::to_string(samples.size()) + " steps";
}

int run(int argc, char** argv)
{
    viewer::installDefaultSurfaceFormat();
    QApplication application(argc, argv);
    PerformanceReport report("slice_change", "Slice change at 1024x1024 (bench_slice_change)", argc, argv);
    const std::shared_ptr<annotation::ImageVolume> volume = makePhantomVolume(sliceCount);
    const annotation::WindowLevel window = volume->defaultWindow();

    std::vector<double> radmarkMs;
    {
        viewer::SliceViewWidget widget;
        widget.setVolume(volume, viewer::SliceOverlayText { "054Y", "F", "CT", "Axial 0.5mm", "Bench", true });
        showAndWait(widget);
        radmarkMs = timeSteps([&widget](int k) {
            // repaint() may return without painting a QOpenGLWidget; renderNow() always runs paintGL + glFinish.
            widget.setSliceIndex(k);
            widget.renderNow();
        });
        const QImage frame = widget.grabFramebuffer();
        if (frame.isNull() || frame.pixel(frame.width() / 2, frame.height() / 2) == frame.pixel(1, 1)) {
            std::cerr << "bench_slice_change: warning: the SliceViewWidget frame looks empty\n";
        }
    }
    std::vector<double> peerMs;
    {
        QImageSliceView widget(volume, window);
        showAndWait(widget);
        peerMs = timeSteps([&widget](int k) {
            widget.setSliceIndex(k);
            widget.repaint();
        });
    }

    report.addNote("Data: a 512x512x100 Int16 CT volume built in memory from RadMark's phantom (window 400/40).");
    report.addNote("Method: a top-level widget of 1024x1024 under Xvfb (Mesa "
        + std::string(QOpenGLContext::openGLModuleType() == QOpenGLContext::LibGL ? "OpenGL" : "GLES")
        + ", software rendering unless a GPU is present); one untimed pass over the 100 slices, then "
        + std::to_string(timedPasses)
        + " timed passes. A step is `setSliceIndex(k)` + `renderNow()` "
          "(VTK render, blit into the widget's framebuffer, `glFinish()`) for RadMark, `setSliceIndex(k)` "
          "(window/level LUT into a "
          "QImage) + `repaint()` (QPainter::drawImage scaled to 1024x1024) for the peer.");
    report.addFigure("`viewer::SliceViewWidget` slice change, median", msText(radmarkMs), msDetail(radmarkMs));
    report.addPeerFigure("QImage + QPainter 2D widget slice change, median", msText(peerMs), msDetail(peerMs));
    report.addRatio("RadMark median / 2D baseline median", median(radmarkMs) / median(peerMs));
    report.addRatio("RadMark p95 / 2D baseline p95", percentile(radmarkMs, 0.95) / percentile(peerMs, 0.95));
    report.addTarget({ "RadMark median slice change <= 16 ms", median(radmarkMs), 16.0, false, "ms" });
    report.publish();
    return 0; // a MISS is a finding recorded in the document, not a failed test
}

} // namespace

} // namespace radmark::bench

int main(int argc, char** argv)
{
    return radmark::bench::runBenchmarkMain("bench_slice_change", radmark::bench::run, argc, argv);
}
