#pragma once

#include <vector>

namespace radmark::viewer {

class SliceViewWidget;

struct TimingSummary {
    std::vector<double> samplesMs;
    double medianMs = 0.0;
    double maximumMs = 0.0;
};

struct SliceScrollTiming {
    // setSliceIndex + VTK render + blit into the widget's framebuffer + glFinish (deterministic).
    TimingSummary render;
    // setSliceIndex + update() until Qt has composed and swapped the window (frameSwapped),
    // i.e. what the user waits for; includes Qt's composition and event-loop scheduling.
    TimingSummary presented;
};

// Scrolls the shown, volume-loaded widget one slice at a time from slice 0, `steps` times for each
// measure. For benchmarks; the widget must be visible and exposed.
SliceScrollTiming timeSliceScrolling(SliceViewWidget& widget, int steps);

} // namespace radmark::viewer
