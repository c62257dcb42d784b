#pragma once

#include <string>

namespace radmark::storage {

// How one export replaces identifying values (DICOM PS3.15 Basic Application Level Confidentiality
// Profile). The same input gives the same output for the whole export, so UIDs referenced across
// files (series, SR references, frame of reference) stay consistent.
class ExportIdentity {
public:
    virtual ~ExportIdentity() = default;

    // A new UID ("2.25.<decimal>") for an original UID; an empty input stays empty.
    virtual std::string uid(const std::string& originalUid) = 0;
    // The pseudonymous Patient ID / Patient's Name of an original Patient ID.
    virtual std::string patientId(const std::string& originalPatientId) = 0;
    virtual std::string patientName(const std::string& originalPatientId) = 0;
    // A DICOM date (YYYYMMDD) of that patient, shifted by the patient's offset when dates are shifted,
    // else unchanged; an empty or malformed input gives an empty string.
    virtual std::string date(const std::string& originalDate, const std::string& originalPatientId) = 0;
    virtual bool keepsPatientAge() const = 0;
    virtual bool keepsPatientSex() const = 0;
};

} // namespace radmark::storage
