#include "Statistics.h"

#include <algorithm>
#include <cmath>

namespace radmark::bench {

double median(std::vector<double> samples)
{
    if (samples.empty()) {
        return 0.0;
    }
    std::sort(samples.begin(), samples.end());
    const std::size_t middle = samples.size() / 2;
    return samples.size() % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2.0;
}

double percentile(std::vector<double> samples, double fraction)
{
    if (samples.empty()) {
        return 0.0;
    }
    std::sort(samples.begin(), samples.end());
    const double rank = std::ceil(fraction * static_cast<double>(samples.size()));
    const std::size_t index = rank < 1.0 ? 0 : static_cast<std::size_t>(rank) - 1;
    return samples[std::min(index, samples.size() - 1)];
}

double minimum(const std::vector<double>& samples)
{
    return samples.empty() ? 0.0 : *std::min_element(samples.begin(), samples.end());
}

double maximum(const std::vector<double>& samples)
{
    return samples.empty() ? 0.0 : *std::max_element(samples.begin(), samples.end());
}

std::vector<double> timeRuns(int runs, const std::function<void()>& work)
{
    work();
    std::vector<double> seconds;
    for (int run = 0; run < runs; ++run) {
        const Stopwatch stopwatch;
        work();
        seconds.push_back(stopwatch.seconds());
    }
    return seconds;
}

} // namespace radmark::bench
