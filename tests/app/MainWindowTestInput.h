#pragma once

// Input for the main-window tests as a user gives it: mouse events at a slice pixel, and a series opened
// with the wait for it to show.
#include "gui/MainWindow.h"
#include "radmark/annotation/PixelGeometry.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>

#include <string>

namespace radmark::testing {

inline void sendMouse(
    QWidget& widget, QEvent::Type type, QPointF position, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, position, widget.mapToGlobal(position), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(&widget, &event);
}

// The widget position (device-independent pixels) where the view shows the image pixel.
inline QPointF displayOf(viewer::SliceViewWidget& view, const annotation::PixelPoint& pointPx)
{
    const auto [x, y] = view.sliceRenderer().displayPositionOfPixel(pointPx);
    const double ratio = view.devicePixelRatioF();
    return { x / ratio, y / ratio };
}

inline void openSeries(app::MainWindow& window, const std::string& uid)
{
    QSignalSpy opened(&window, &app::MainWindow::seriesOpened);
    window.openSeries(QString::fromStdString(uid));
    REQUIRE(opened.wait(60000));
}

} // namespace radmark::testing
