#pragma once

#include "radmark/storage/project/ProjectRecords.h"

#include <QString>

namespace radmark::app {

// What the study browser shows for a patient, independent of how the rows are built (items now, a
// lazy model over the project later).

// DICOM dates (YYYYMMDD) as YYYY-MM-DD; other text as stored.
QString displayDicomDate(const std::string& dicomDate);

// "Doe Jane  (PAT1) · F · born 1950-03-02": name with '^' as spaces, the ID, then sex and birth date
// when known. A nameless patient shows the ID; without both, "(no name, no ID)".
QString patientLabel(const storage::PatientSummary& patient);

// Name, ID, sex, birth date and study count, one per line.
QString patientToolTip(const storage::PatientSummary& patient);

} // namespace radmark::app
