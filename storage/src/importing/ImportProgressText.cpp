#include "radmark/storage/importing/Importer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace radmark::storage {

namespace {

// 1234567 -> "1,234,567".
std::string groupedNumber(double value)
{
    const long long number = std::llround(std::max(0.0, value));
    std::string digits = std::to_string(number);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

// "0:07", "12:34", "3:05:00".
std::string durationText(double seconds)
{
    const long long total = std::llround(seconds);
    char text[32];
    if (total >= 3600) {
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
    } else {
        std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
    }
    return text;
}

} // namespace

std::string importProgressText(const ImportProgress& progress)
{
    std::string text = groupedNumber(static_cast<double>(progress.filesProcessed));
    if (progress.scanFinished) {
        const double percent = progress.filesFound > 0
            ? 100.0 * static_cast<double>(progress.filesProcessed) / static_cast<double>(progress.filesFound)
            : 100.0;
        text += " of " + groupedNumber(static_cast<double>(progress.filesFound)) + " files ("
            + std::to_string(static_cast<int>(std::floor(percent))) + "%)";
    } else {
        text += " files read, " + groupedNumber(static_cast<double>(progress.filesFound)) + " found so far";
    }
    text += ", " + groupedNumber(progress.filesPerSecond) + " files/s";
    text += progress.secondsLeft >= 0.0 ? ", " + durationText(progress.secondsLeft) + " left" : "";
    return text;
}

} // namespace radmark::storage
