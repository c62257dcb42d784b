#pragma once

// Input for the main-window tests as a user gives it: the window shown and active (shortcuts go to the active
// window), mouse events at a slice pixel, and a series opened with the wait for it to show.
#include "gui/MainWindow.h"
#include "radmark/annotation/PixelGeometry.h"
#include "radmark/viewer/SliceRenderer.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>

#include <string>

namespace radmark::testing {

// Shows the window at widthPx x 1000 without modal dialogs and waits until it is exposed and active, as with a
// person at the keyboard.
inline void showActive(app::MainWindow& window, int widthPx = 1400)
{
    window.setInteractiveDialogs(false);
    window.resize(widthPx, 1000);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
}

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
