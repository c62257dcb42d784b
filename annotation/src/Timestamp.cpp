#include "radmark/annotation/Timestamp.h"

#include <chrono>
#include <cstdio>
#include <regex>

namespace radmark::annotation {

namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

// Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian, no time zone database.
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

void civilFromDays(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day)
{
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned monthIndex = (5 * dayOfYear + 2) / 153;
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    year = static_cast<std::int64_t>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0);
}

} // namespace

TimestampMs systemTimeMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string formatIso8601Utc(TimestampMs time)
{
    std::int64_t days = time / kMsPerDay;
    std::int64_t msOfDay = time % kMsPerDay;
    if (msOfDay < 0) {
        msOfDay += kMsPerDay;
        --days;
    }
    std::int64_t year = 0;
    unsigned month = 0;
    unsigned day = 0;
    civilFromDays(days, year, month, day);
    char text[40];
    std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<long long>(year), month, day,
        static_cast<int>(msOfDay / 3'600'000), static_cast<int>(msOfDay / 60'000 % 60),
        static_cast<int>(msOfDay / 1000 % 60), static_cast<int>(msOfDay % 1000));
    return text;
}

std::optional<TimestampMs> parseIso8601Utc(const std::string& text)
{
    static const std::regex pattern(
        R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$)");
    std::smatch match;
    if (!std::regex_match(text, match, pattern)) {
        return std::nullopt;
    }
    const auto number = [&match](int group) { return std::stoi(match[group].str()); };
    const int month = number(2);
    const int day = number(3);
    const int hour = number(4);
    const int minute = number(5);
    const int second = number(6);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    int millisecond = 0;
    if (match[7].matched) {
        const std::string digits = (match[7].str() + "000").substr(0, 3);
        millisecond = std::stoi(digits);
    }
    std::int64_t offsetMinutes = 0;
    if (match[8].matched && match[8].str() != "Z") {
        const std::string zone = match[8].str();
        offsetMinutes = std::stoi(zone.substr(1, 2)) * 60 + std::stoi(zone.substr(4, 2));
        if (zone[0] == '-') {
            offsetMinutes = -offsetMinutes;
        }
    }
    const std::int64_t days = daysFromCivil(number(1), static_cast<unsigned>(month), static_cast<unsigned>(day));
    return days * kMsPerDay + (hour * 3600 + minute * 60 + second) * std::int64_t { 1000 } + millisecond
        - offsetMinutes * 60'000;
}

} // namespace radmark::annotation
