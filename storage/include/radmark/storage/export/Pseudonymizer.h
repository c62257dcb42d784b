#pragma once

#include "radmark/storage/export/ExportIdentity.h"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace radmark::storage {

struct PseudonymizerOptions {
    // Key of the keyed hash (HMAC-SHA-256) every pseudonym is derived from. Empty: a random one per
    // export, so pseudonyms of two exports cannot be linked. The same salt gives the same pseudonyms
    // (reproducible re-exports); keep it as secret as the mapping.
    std::string salt;
    bool shiftDates = false; // shift every date of a patient by one offset of -365..-1 days
    bool keepPatientAge = true;
    bool keepPatientSex = true;
};

// ExportIdentity after DICOM PS3.15 Basic Application Level Confidentiality Profile, with the pseudonym
// policy of annotation/dataset/PseudonymPolicy.h: UIDs become "2.25.<128 bits of HMAC-SHA-256(salt, uid)>",
// patients become "RM-<12 hex digits>" (ID and name), dates are shifted per patient or kept. Every replacement is
// remembered for the mapping file, which only the caller decides to write (never into the dataset). Thread-safe.
class Pseudonymizer : public ExportIdentity {
public:
    explicit Pseudonymizer(PseudonymizerOptions options);

    std::string uid(const std::string& originalUid) override;
    std::string patientId(const std::string& originalPatientId) override;
    std::string patientName(const std::string& originalPatientId) override;
    std::string date(const std::string& originalDate, const std::string& originalPatientId) override;
    bool keepsPatientAge() const override { return m_options.keepPatientAge; }
    bool keepsPatientSex() const override { return m_options.keepPatientSex; }

    bool shiftsDates() const { return m_options.shiftDates; }
    // The patient's date offset in days (0 when dates are not shifted).
    int dateOffsetDays(const std::string& originalPatientId) const;

    struct MappingEntry {
        std::string kind; // "patient_id", "uid", "date_offset_days"
        std::string original;
        std::string pseudonym;
    };
    // Every replacement made so far, sorted by kind then original value.
    std::vector<MappingEntry> mapping() const;

    // 64 random hexadecimal digits from the system's random source.
    static std::string randomSalt();

private:
    PseudonymizerOptions m_options;
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, std::string>, std::string> m_mapping; // (kind, original) -> pseudonym
};

// Writes the mapping as CSV (kind,original,pseudonym) to `path`; throws ProjectError on failure.
void writePseudonymMapping(const Pseudonymizer& pseudonymizer, const std::string& path);

} // namespace radmark::storage
