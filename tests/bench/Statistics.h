#pragma once

#include <chrono>
#include <functional>
#include <vector>

namespace radmark::bench {

// Median of the samples (mean of the middle two for an even count); 0 when empty.
double median(std::vector<double> samples);
// Nearest-rank percentile, `fraction` in [0, 1]; 0 when empty.
double percentile(std::vector<double> samples, double fraction);
double minimum(const std::vector<double>& samples);
double maximum(const std::vector<double>& samples);

// Wall-clock seconds since construction.
class Stopwatch {
public:
    Stopwatch()
        : m_start(std::chrono::steady_clock::now())
    {
    }
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count(); }

private:
    std::chrono::steady_clock::time_point m_start;
};

// Runs `work` once to warm caches (not timed), then `runs` times; returns the seconds of each timed run.
std::vector<double> timeRuns(int runs, const std::function<void()>& work);

} // namespace radmark::bench
