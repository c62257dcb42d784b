#pragma once

#include "radmark/storage/export/ExportIdentity.h"

#include <string>

class DcmItem;

namespace radmark::storage {

// Applies the DICOM PS3.15 Basic Application Level Confidentiality Profile to one dataset, in place and
// recursively into sequences:
//   - private elements, curves (50xx) and overlays (60xx) removed;
//   - identifying attributes of PS3.15 Table E.1-1 removed (X) or emptied (Z): institution, station,
//     physicians and operators, other patient IDs, addresses, comments, descriptions, request data...;
//   - every person name emptied except Patient's Name, which becomes the pseudonym;
//   - Patient ID replaced, Patient's Birth Date emptied, age/size/weight and sex kept or removed per identity;
//   - every instance UID (study, series, SOP instance, frame of reference, referenced instances...) remapped
//     through identity.uid so references between exported files stay intact; standard UIDs (SOP classes,
//     transfer syntaxes, coding schemes) kept;
//   - every date (DA, and the date part of DT) through identity.date;
//   - Patient Identity Removed = YES, De-identification Method and its Code Sequence, Longitudinal
//     Temporal Information Modified.
// Pixel data and the rest of the image description are left as they are.
class DicomDeidentifier {
public:
    DicomDeidentifier(ExportIdentity& identity, std::string originalPatientId);

    void apply(DcmItem& dataset);

private:
    void cleanItem(DcmItem& item, bool topLevel);
    void addDeidentificationRecord(DcmItem& dataset);

    ExportIdentity& m_identity;
    std::string m_patientId;
    bool m_datesShifted = false;
};

}  // namespace radmark::storage
