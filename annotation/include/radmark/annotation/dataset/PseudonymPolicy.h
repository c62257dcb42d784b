#pragma once

#include <string>

namespace radmark::annotation {

// The pseudonyms of a de-identified export (DICOM PS3.15 Basic Application Level Confidentiality Profile),
// each derived with HMAC-SHA-256 keyed by the export's secret salt from a purpose tag and the original value,
// so the same salt gives the same pseudonyms (reproducible re-exports) and nobody without it can recompute one
// from a guessed identifier. Pure functions; storage::Pseudonymizer remembers what it replaced.

// "2.25." and the decimal value of the first 128 bits of HMAC(salt, "uid" 0x1f uid); empty for an empty UID.
std::string pseudonymousUid(const std::string& salt, const std::string& originalUid);

// "RM-" and the first 12 hexadecimal digits of HMAC(salt, "patient" 0x1f id): patient ID and name.
std::string pseudonymousPatientId(const std::string& salt, const std::string& originalPatientId);

// A patient's date offset, -365..-1 days, from HMAC(salt, "date" 0x1f id): one offset for all of a patient's dates.
int pseudonymousDateOffsetDays(const std::string& salt, const std::string& originalPatientId);

// A DICOM date (YYYYMMDD) moved by `offsetDays` in the proleptic Gregorian calendar; empty when the text is
// no valid DICOM date.
std::string shiftedDicomDate(const std::string& dicomDate, int offsetDays);

} // namespace radmark::annotation
