#pragma once

// A synthetic CT study full of identifying values, imported into a project, with one mark of every kind
// drawn on it, and a deterministic test identity: the input of the `dicom-sr` / `dicom` export tests.

#include "ExportedFileBytes.h"

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/LesionTypeList.h"
#include "radmark/storage/dataset/ExportFormat.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/synthetic/SyntheticSeriesWriter.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace radmark::testing {

// Maps every original value to a numbered pseudonym, the same one each time; dates shifted by a fixed
// number of days per call (0 keeps them).
class MapIdentity : public storage::ExportIdentity {
public:
    MapIdentity(int dateShiftDays, bool keepAge, bool keepSex)
        : m_dateShiftDays(dateShiftDays)
        , m_keepAge(keepAge)
        , m_keepSex(keepSex)
    {
    }

    std::string uid(const std::string& originalUid) override;
    std::string patientId(const std::string& originalPatientId) override;
    std::string patientName(const std::string& originalPatientId) override;
    std::string date(const std::string& originalDate, const std::string& originalPatientId) override;
    bool keepsPatientAge() const override { return m_keepAge; }
    bool keepsPatientSex() const override { return m_keepSex; }

    // The UIDs handed out so far (original -> new).
    const std::map<std::string, std::string>& uids() const { return m_uids; }

private:
    int m_dateShiftDays;
    bool m_keepAge;
    bool m_keepSex;
    std::map<std::string, std::string> m_uids;
    std::map<std::string, std::string> m_patients;
};

// Identifying values written into the test input; none may appear in any exported byte.
struct IdentifyingValues {
    std::string patientId = "PHI-PID-9137";
    std::string patientName = "Secretname^Patricia";
    std::string birthDate = "19580214";
    std::string accession = "ACC-PHI-4471";
    std::string institution = "Saint Secret Hospital";
    std::string institutionAddress = "12 Hidden Lane";
    std::string station = "SECRETSTATION7";
    std::string referringPhysician = "Whodoctor^Gregory";
    std::string otherPatientId = "OTHER-PID-5521";
    std::string privateText = "PRIVATE-PHI-TEXT";
    std::string studyDate = "20240317";
    std::string nestedName = "Nestedperson^Nora";
};

struct DicomExportFixture {
    DicomExportFixture();

    std::string folder; // temporary root
    IdentifyingValues phi;
    storage::WrittenSeries written;
    std::unique_ptr<storage::ProjectStore> project;
    annotation::LesionTypeList lesionTypes = annotation::LesionTypeList::deepLesionDefaults();
    std::vector<annotation::LesionMark> marks; // as saved in the project, one of each kind
    std::vector<storage::ExportStudy> studies; // built by hand from the project

    // Every identifying string of the input, including all original UIDs.
    std::vector<std::string> identifyingStrings() const;
};

} // namespace radmark::testing
