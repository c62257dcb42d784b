#include "radmark/annotation/dataset/PseudonymPolicy.h"

#include "radmark/annotation/dataset/Sha256.h"

#include <cstdint>
#include <cstdio>
#include <vector>

namespace radmark::annotation {

namespace {

// Decimal text of a big-endian unsigned integer (long division by 10).
std::string decimalOf(std::vector<std::uint8_t> bytes)
{
    std::string digits;
    bool nonZero = true;
    while (nonZero) {
        unsigned remainder = 0;
        nonZero = false;
        for (std::uint8_t& byte : bytes) {
            const unsigned value = (remainder << 8) | byte;
            byte = static_cast<std::uint8_t>(value / 10);
            remainder = value % 10;
            nonZero = nonZero || byte != 0;
        }
        digits.insert(digits.begin(), static_cast<char>('0' + remainder));
    }
    return digits;
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's civil-date algorithms): exact
// for every year, without the C library's time zone or range.
long long daysFromCivil(long long year, unsigned month, unsigned day)
{
    year -= month <= 2 ? 1 : 0;
    const long long era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<long long>(dayOfEra) - 719468;
}

void civilFromDays(long long days, long long& year, unsigned& month, unsigned& day)
{
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned monthIndex = (5 * dayOfYear + 2) / 153;
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    year = static_cast<long long>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0);
}

} // namespace

std::string pseudonymousUid(const std::string& salt, const std::string& originalUid)
{
    if (originalUid.empty()) {
        return {};
    }
    const Sha256Digest digest = hmacSha256(salt, std::string("uid\x1f") + originalUid);
    return "2.25." + decimalOf(std::vector<std::uint8_t>(digest.begin(), digest.begin() + 16));
}

std::string pseudonymousPatientId(const std::string& salt, const std::string& originalPatientId)
{
    return "RM-" + toHex(hmacSha256(salt, std::string("patient\x1f") + originalPatientId)).substr(0, 12);
}

int pseudonymousDateOffsetDays(const std::string& salt, const std::string& originalPatientId)
{
    const Sha256Digest digest = hmacSha256(salt, std::string("date\x1f") + originalPatientId);
    const unsigned value = (unsigned(digest[0]) << 8) | digest[1];
    return -1 - static_cast<int>(value % 365);
}

std::string shiftedDicomDate(const std::string& dicomDate, int offsetDays)
{
    if (dicomDate.size() != 8 || dicomDate.find_first_not_of("0123456789") != std::string::npos) {
        return {};
    }
    const long long year = std::stoll(dicomDate.substr(0, 4));
    const unsigned month = static_cast<unsigned>(std::stoi(dicomDate.substr(4, 2)));
    const unsigned day = static_cast<unsigned>(std::stoi(dicomDate.substr(6, 2)));
    if (month < 1 || month > 12 || day < 1 || day > 31) {
        return {};
    }
    long long shiftedYear = 0;
    unsigned shiftedMonth = 0;
    unsigned shiftedDay = 0;
    civilFromDays(daysFromCivil(year, month, day) + offsetDays, shiftedYear, shiftedMonth, shiftedDay);
    char text[48];
    std::snprintf(text, sizeof text, "%04lld%02u%02u", shiftedYear, shiftedMonth, shiftedDay);
    return text;
}

} // namespace radmark::annotation
