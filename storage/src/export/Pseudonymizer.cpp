#include "radmark/storage/export/Pseudonymizer.h"

#include "export/Sha256.h"
#include "radmark/annotation/CsvRecord.h"
#include "radmark/storage/project/ProjectError.h"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <random>

namespace radmark::storage {

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

bool parseDicomDate(const std::string& text, std::tm& date)
{
    if (text.size() != 8 || text.find_first_not_of("0123456789") != std::string::npos) {
        return false;
    }
    date = {};
    date.tm_year = std::stoi(text.substr(0, 4)) - 1900;
    date.tm_mon = std::stoi(text.substr(4, 2)) - 1;
    date.tm_mday = std::stoi(text.substr(6, 2));
    date.tm_hour = 12;  // noon: no daylight-saving edge can move the day
    return date.tm_mon >= 0 && date.tm_mon < 12 && date.tm_mday >= 1 && date.tm_mday <= 31;
}

}  // namespace

Pseudonymizer::Pseudonymizer(PseudonymizerOptions options) : m_options(std::move(options))
{
    if (m_options.salt.empty()) {
        m_options.salt = randomSalt();
    }
}

std::string Pseudonymizer::randomSalt()
{
    std::random_device device;
    static const char* const digits = "0123456789abcdef";
    std::string salt;
    for (int index = 0; index < 64; ++index) {
        salt += digits[device() & 15];
    }
    return salt;
}

std::string Pseudonymizer::keyedHex(const std::string& purpose, const std::string& value) const
{
    return toHex(hmacSha256(m_options.salt, purpose + '\x1f' + value));
}

std::string Pseudonymizer::uid(const std::string& originalUid)
{
    if (originalUid.empty()) {
        return {};
    }
    const Sha256Digest digest = hmacSha256(m_options.salt, std::string("uid\x1f") + originalUid);
    std::string pseudonym = "2.25." + decimalOf(std::vector<std::uint8_t>(digest.begin(), digest.begin() + 16));
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_mapping[{"uid", originalUid}] = pseudonym;
    return pseudonym;
}

std::string Pseudonymizer::patientId(const std::string& originalPatientId)
{
    std::string pseudonym = "RM-" + keyedHex("patient", originalPatientId).substr(0, 12);
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_mapping[{"patient_id", originalPatientId}] = pseudonym;
    if (m_options.shiftDates) {
        m_mapping[{"date_offset_days", originalPatientId}] = std::to_string(dateOffsetDays(originalPatientId));
    }
    return pseudonym;
}

std::string Pseudonymizer::patientName(const std::string& originalPatientId) { return patientId(originalPatientId); }

int Pseudonymizer::dateOffsetDays(const std::string& originalPatientId) const
{
    if (!m_options.shiftDates) {
        return 0;
    }
    const Sha256Digest digest = hmacSha256(m_options.salt, std::string("date\x1f") + originalPatientId);
    const unsigned value = (unsigned(digest[0]) << 8) | digest[1];
    return -1 - static_cast<int>(value % 365);
}

std::string Pseudonymizer::date(const std::string& originalDate, const std::string& originalPatientId)
{
    std::tm date{};
    if (!parseDicomDate(originalDate, date)) {
        return {};
    }
    const int offset = dateOffsetDays(originalPatientId);
    if (offset == 0) {
        return originalDate;
    }
    date.tm_mday += offset;
    std::mktime(&date);  // normalises the day, month and year
    char text[48];
    std::snprintf(text, sizeof text, "%04d%02d%02d", date.tm_year + 1900, date.tm_mon + 1, date.tm_mday);
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_mapping[{"date_offset_days", originalPatientId}] = std::to_string(offset);
    return text;
}

std::vector<Pseudonymizer::MappingEntry> Pseudonymizer::mapping() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<MappingEntry> entries;
    for (const auto& [key, pseudonym] : m_mapping) {
        entries.push_back({key.first, key.second, pseudonym});
    }
    return entries;
}

void writePseudonymMapping(const Pseudonymizer& pseudonymizer, const std::string& path)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "kind,original,pseudonym\n";
    for (const auto& entry : pseudonymizer.mapping()) {
        out << annotation::joinCsvRecord({entry.kind, entry.original, entry.pseudonym}) << "\n";
    }
    out.close();
    if (!out) {
        throw ProjectError(path + ": cannot write the pseudonym mapping (disk full or not writable)");
    }
}

}  // namespace radmark::storage
