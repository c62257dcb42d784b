#pragma once

#include <catch2/catch.hpp>

#include <QApplication>
#include <QElapsedTimer>
#include <QWidget>
#include <QWindow>

namespace radmark::testing {

// Shows a widget at 1024x1024 and waits (up to 5 s) until its window is exposed, so GL content exists.
inline void showAndWait(QWidget& widget)
{
    widget.resize(1024, 1024);
    widget.show();
    QElapsedTimer timer;
    timer.start();
    while ((widget.windowHandle() == nullptr || !widget.windowHandle()->isExposed()) && timer.elapsed() < 5000) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    REQUIRE(widget.windowHandle()->isExposed());
    QApplication::processEvents();
}

} // namespace radmark::testing
