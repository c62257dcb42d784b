#include "radmark/viewer/SliceViewTiming.h"

#include "radmark/viewer/SliceViewWidget.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>

namespace radmark::viewer {

namespace {

void summarize(TimingSummary& summary)
{
    if (summary.samplesMs.empty()) {
        return;
    }
    std::vector<double> sorted = summary.samplesMs;
    std::sort(sorted.begin(), sorted.end());
    summary.medianMs = sorted[sorted.size() / 2];
    summary.maximumMs = sorted.back();
}

double elapsedMs(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

} // namespace

SliceScrollTiming timeSliceScrolling(SliceViewWidget& widget, int steps)
{
    SliceScrollTiming timing;
    QElapsedTimer timer;

    widget.setSliceIndex(0);
    widget.renderNow();
    for (int step = 0; step < steps; ++step) {
        timer.start();
        widget.setSliceIndex(step + 1);
        widget.renderNow();
        timing.render.samplesMs.push_back(elapsedMs(timer));
    }

    widget.setSliceIndex(0);
    widget.renderNow();
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&widget, &QOpenGLWidget::frameSwapped, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    for (int step = 0; step < steps; ++step) {
        timer.start();
        widget.setSliceIndex(step + 1);
        timeout.start(2000);
        loop.exec();
        timing.presented.samplesMs.push_back(elapsedMs(timer));
    }
    summarize(timing.render);
    summarize(timing.presented);
    return timing;
}

} // namespace radmark::viewer
