#include "radmark/storage/export/Pseudonymizer.h"

#include "radmark/annotation/CsvRecord.h"
#include "radmark/annotation/dataset/PseudonymPolicy.h"
#include "radmark/storage/project/ProjectError.h"

#include <fstream>
#include <random>

namespace radmark::storage {

Pseudonymizer::Pseudonymizer(PseudonymizerOptions options)
    : m_options(std::move(options))
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

std::string Pseudonymizer::uid(const std::string& originalUid)
{
    if (originalUid.empty()) {
        return {};
    }
    std::string pseudonym = annotation::pseudonymousUid(m_options.salt, originalUid);
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_mapping[{ "uid", originalUid }] = pseudonym;
    return pseudonym;
}

std::string Pseudonymizer::patientId(const std::string& originalPatientId)
{
    std::string pseudonym = annotation::pseudonymousPatientId(m_options.salt, originalPatientId);
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_mapping[{ "patient_id", originalPatientId }] = pseudonym;
    if (m_options.shiftDates) {
        m_mapping[{ "date_offset_days", originalPatientId }] = std::to_string(dateOffsetDays(originalPatientId));
    }
    return pseudonym;
}

std::string Pseudonymizer::patientName(const std::string& originalPatientId)
{
    return patientId(originalPatientId);
}

int Pseudonymizer::dateOffsetDays(const std::string& originalPatientId) const
{
    if (!m_options.shiftDates) {
        return 0;
    }
    return annotation::pseudonymousDateOffsetDays(m_options.salt, originalPatientId);
}

std::string Pseudonymizer::date(const std::string& originalDate, const std::string& originalPatientId)
{
    const int offset = dateOffsetDays(originalPatientId);
    std::string shifted = annotation::shiftedDicomDate(originalDate, offset);
    if (shifted.empty() || offset == 0) {
        return shifted.empty() ? std::string() : originalDate;
    }
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_mapping[{ "date_offset_days", originalPatientId }] = std::to_string(offset);
    return shifted;
}

std::vector<Pseudonymizer::MappingEntry> Pseudonymizer::mapping() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<MappingEntry> entries;
    for (const auto& [key, pseudonym] : m_mapping) {
        entries.push_back({ key.first, key.second, pseudonym });
    }
    return entries;
}

void writePseudonymMapping(const Pseudonymizer& pseudonymizer, const std::string& path)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "kind,original,pseudonym\n";
    for (const auto& entry : pseudonymizer.mapping()) {
        out << annotation::joinCsvRecord({ entry.kind, entry.original, entry.pseudonym }) << "\n";
    }
    out.close();
    if (!out) {
        throw ProjectError(path + ": cannot write the pseudonym mapping (disk full or not writable)");
    }
}

} // namespace radmark::storage
