#pragma once

#include "radmark/storage/export/ExportIdentity.h"

#include <string>
#include <vector>

class DcmElement;
class DcmItem;

namespace radmark::storage {

// Applies the DICOM PS3.15 Basic Application Level Confidentiality Profile to one dataset, in place and
// recursively into sequences:
//   - elements read with VR UN resolved against the data dictionary first (text and numbers re-made with
//     their real VR, so UIDs, dates and names are cleaned like any other); what cannot be resolved removed;
//   - private elements, Clinical Trial attributes (0012), curves (50xx) and overlays (60xx) removed;
//   - every attribute of PS3.15 Table E.1-1 handled by its action in BasicProfileTable (removed, emptied,
//     dummy, UID remapped, temporal);
//   - text still holding the patient ID, a name component, the accession number, the study ID (e.g. reused
//     as Container or Specimen Identifier) emptied;
//   - times (TM, the time of DT) emptied when dates are shifted;
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
    // `knownIdentifiers`: values the project knows identify this patient or visit (patient ID and name,
    // accession number), emptied wherever they appear in text even when the dataset's own attribute differs.
    DicomDeidentifier(
        ExportIdentity& identity, std::string originalPatientId, const std::vector<std::string>& knownIdentifiers = {});

    void apply(DcmItem& dataset);

private:
    void resolveUnknownVr(DcmItem& item);
    void collectIdentifyingValues(DcmItem& dataset);
    void addIdentifyingValue(std::string value);
    bool holdsIdentifyingValue(const std::string& text) const;
    void cleanTemporal(DcmItem& item, DcmElement& element);
    void cleanItem(DcmItem& item, bool topLevel);
    void addDeidentificationRecord(DcmItem& dataset);

    ExportIdentity& m_identity;
    std::string m_patientId;
    bool m_datesShifted = false;
    std::vector<std::string> m_identifyingValues;
};

} // namespace radmark::storage
