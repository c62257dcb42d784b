#include "radmark/storage/pacs/ArchiveMeasurementReport.h"

#include "dataset/StudyAssembly.h"
#include "radmark/storage/dicom/GeneratedUid.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "sr/MeasurementReportWriter.h"

#include <map>

namespace radmark::storage {

namespace {

// Keeps every identifier as it is (the report goes back to where the images came from); the SR's own series and
// instance UIDs (asked for with a non-UID key) are new.
class ArchiveIdentity : public ExportIdentity {
public:
    std::string uid(const std::string& originalUid) override
    {
        if (originalUid.find_first_not_of("0123456789.") == std::string::npos) {
            return originalUid;
        }
        auto [entry, added] = m_newUids.emplace(originalUid, std::string {});
        if (added) {
            entry->second = generateUid();
        }
        return entry->second;
    }
    std::string patientId(const std::string& originalPatientId) override { return originalPatientId; }
    std::string patientName(const std::string& originalPatientId) override
    {
        const auto found = m_patientNames.find(originalPatientId);
        return found != m_patientNames.end() ? found->second : std::string {};
    }
    std::string date(const std::string& originalDate, const std::string&) override { return originalDate; }
    bool keepsPatientAge() const override { return true; }
    bool keepsPatientSex() const override { return true; }

    std::map<std::string, std::string> m_patientNames;

private:
    std::map<std::string, std::string> m_newUids;
};

} // namespace

ArchiveMeasurementReport writeArchiveMeasurementReport(
    ProjectStore& project, const std::string& seriesInstanceUid, const std::string& outputPath)
{
    ExportRequest request;
    request.series = { seriesInstanceUid };
    request.includeBurnedIn = true; // the report goes back to the same archive: every image may be referenced
    ArchiveIdentity identity;
    ExportLog log;
    std::vector<CardExclusion> exclusions;
    const std::vector<ExportStudy> studies = assembleExportStudies(project, request, identity, log, exclusions);
    for (const ExportStudy& study : studies) {
        identity.m_patientNames[study.patient.patientId] = study.patient.patientName;
        for (const ExportSeries& series : study.series) {
            if (series.series.seriesUid != seriesInstanceUid) {
                continue;
            }
            if (series.series.fromVolumeFile) {
                throw ProjectError("series " + seriesInstanceUid
                    + " comes from a volume file: there are no DICOM images for a report to reference");
            }
            if (series.marks.empty()) {
                throw ProjectError("series " + seriesInstanceUid + " has no marks to report");
            }
            const annotation::LesionTypeList lesionTypes = MarkStore(project).lesionTypes();
            ExportContext context { "", identity, studies, lesionTypes, RADMARK_VERSION, "radmark pacs send-sr", log };
            writeMeasurementReport(study, series, context, outputPath);
            ArchiveMeasurementReport report;
            report.filePath = outputPath;
            report.sopInstanceUid = identity.uid(series.series.seriesUid + "/measurement-report");
            report.studyInstanceUid = study.study.studyUid;
            report.marks = static_cast<int>(series.marks.size());
            return report;
        }
    }
    throw ProjectError(project.path() + ": no series " + seriesInstanceUid + " with images on disk");
}

} // namespace radmark::storage
