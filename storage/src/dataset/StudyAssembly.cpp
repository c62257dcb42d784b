#include "dataset/StudyAssembly.h"

#include "dataset/ExportSeriesVolume.h"
#include "dataset/TeamExportAnswers.h"
#include "radmark/storage/dataset/DicomExportFormats.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"

#include <algorithm>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unordered_map>
#include <variant>

namespace radmark::storage {

namespace {

bool fileExists(const std::string& path)
{
    struct stat status { };
    return ::stat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode);
}

bool listed(const std::vector<std::string>& values, const std::string& value)
{
    return std::find(values.begin(), values.end(), value) != values.end();
}

} // namespace

std::vector<annotation::LesionMark> oneMarkPerLesion(
    const std::vector<annotation::LesionMark>& marks, std::map<std::string, annotation::PixelBox>& derivedBoxes)
{
    std::set<std::string> recists;
    for (const annotation::LesionMark& mark : marks) {
        if (std::holds_alternative<annotation::RecistMark>(mark.shape)) {
            recists.insert(mark.id);
        }
    }
    std::vector<annotation::LesionMark> lesions;
    for (const annotation::LesionMark& mark : marks) {
        const auto* box = std::get_if<annotation::Box2dMark>(&mark.shape);
        if (box != nullptr && mark.derivedFromRecistId && recists.count(*mark.derivedFromRecistId) != 0) {
            // The box derived from a RECIST is that lesion's box, not a second lesion.
            derivedBoxes[*mark.derivedFromRecistId] = box->boxPx;
            continue;
        }
        lesions.push_back(mark);
    }
    return lesions;
}

std::vector<ExportStudy> assembleExportStudies(const ProjectStore& project, const ExportRequest& request,
    ExportIdentity& identity, ExportLog& log, std::vector<CardExclusion>& exclusions)
{
    // MarkStore and ReportStore only read here; they take a non-const store for their statement cache.
    ProjectStore& store = const_cast<ProjectStore&>(project);
    MarkStore markStore(store);
    ReportStore reportStore(store);

    std::unordered_map<std::string, PatientSummary> patients;
    for (const PatientSummary& patient : project.patients()) {
        patients[patient.patientId] = patient;
    }
    std::unordered_map<std::string, std::vector<SeriesSummary>> seriesByStudy;
    for (const SeriesSummary& series : project.series()) {
        seriesByStudy[series.studyUid].push_back(series);
    }
    std::unordered_map<std::string, std::vector<annotation::LesionMark>> marksBySeries;
    for (annotation::LesionMark& mark : markStore.loadMarks()) {
        marksBySeries[mark.slice.seriesUid].push_back(std::move(mark));
    }
    std::unordered_map<std::string, StudyLabels> labelsByStudy;
    for (StudyLabels& labels : reportStore.finalLabels()) {
        labelsByStudy[labels.studyUid] = std::move(labels);
    }

    const TeamExportAnswers team = readTeamExportAnswers(store);

    std::set<std::string> studiesFound;
    std::set<std::string> seriesFound;
    std::vector<ExportStudy> studies;
    for (const StudySummary& study : project.studies()) {
        const bool studyListed = request.studies.empty() || listed(request.studies, study.studyUid)
            || (!study.accessionNumber.empty() && listed(request.studies, study.accessionNumber));
        if (!studyListed) {
            continue;
        }
        if (!request.studies.empty()) {
            studiesFound.insert(listed(request.studies, study.studyUid) ? study.studyUid : study.accessionNumber);
        }
        ExportStudy exported;
        exported.study = study;
        const auto patient = patients.find(study.patientId);
        if (patient != patients.end()) {
            exported.patient = patient->second;
        } else {
            exported.patient.patientId = study.patientId;
        }
        const auto labels = labelsByStudy.find(study.studyUid);
        if (labels != labelsByStudy.end()) {
            exported.labels = labels->second;
        }
        const auto teamAnswers = team.byStudyUid.find(study.studyUid);
        const StudyAdjudication* adjudication = teamAnswers != team.byStudyUid.end() ? &teamAnswers->second : nullptr;
        if (adjudication != nullptr) {
            exported.doubleRead = true;
            exported.labels.studyUid = study.studyUid;
            exported.labels.studyId = adjudication->studyId;
            exported.disputes = applyTeamAnswers(*adjudication, exported.labels);
            if (!exported.disputes.empty() && request.disputed == DisputedStudies::Exclude) {
                ++log.disputedStudiesExcluded;
                continue;
            }
        }
        for (const SeriesSummary& series : seriesByStudy[study.studyUid]) {
            if (!request.series.empty() && !listed(request.series, series.seriesUid)) {
                continue;
            }
            seriesFound.insert(series.seriesUid);
            ExportSeries exportedSeries;
            exportedSeries.series = series;
            const std::string seriesPseudonym = identity.uid(series.seriesUid);
            std::map<std::string, int> includedOnRequest; // reason -> images
            for (InstanceRecord& instance : project.seriesInstances(series.seriesUid)) {
                std::string reason = defaultExclusionReason(instance);
                if (request.includeBurnedIn && !reason.empty() && fileExists(instance.filePath)) {
                    ++includedOnRequest[reason];
                    reason.clear();
                }
                if (reason.empty() && !fileExists(instance.filePath)) {
                    reason = "file missing on disk";
                }
                if (!reason.empty()) {
                    log.excluded.push_back({ instance.filePath, reason });
                    exclusions.push_back({ seriesPseudonym, identity.uid(instance.sopInstanceUid), reason });
                    continue;
                }
                exportedSeries.instances.push_back(std::move(instance));
            }
            for (const auto& [reason, count] : includedOnRequest) {
                // Named by pseudonym only: the card never holds input paths.
                log.warnings.push_back("series " + seriesPseudonym + ": " + std::to_string(count)
                    + " image(s) INCLUDED on request although " + reason + "; check their pixels for identifying text");
            }
            const auto marks = marksBySeries.find(series.seriesUid);
            if (marks != marksBySeries.end()) {
                exportedSeries.marks = oneMarkPerLesion(
                    adjudication != nullptr ? teamSeriesMarks(*adjudication, marks->second) : marks->second,
                    exportedSeries.derivedBoxes);
            }
            if (!exportedSeries.marks.empty() && !exportedSeries.instances.empty()
                && !hasPixelSpacing(exportedSeries)) {
                log.warnings.push_back("series " + seriesPseudonym
                    + " has no pixel spacing: its marks are exported in pixels (mm values empty or 0)");
            }
            if (exportedSeries.instances.empty()) {
                if (!exportedSeries.marks.empty()) {
                    log.warnings.push_back("series " + seriesPseudonym + ": every image is excluded; its "
                        + std::to_string(exportedSeries.marks.size()) + " mark(s) are not exported");
                }
                continue;
            }
            exported.series.push_back(std::move(exportedSeries));
        }
        if (!exported.series.empty() || request.series.empty()) {
            studies.push_back(std::move(exported));
        }
    }
    for (const std::string& wanted : request.studies) {
        if (!studiesFound.count(wanted)) {
            throw ProjectError(project.path() + ": no study with UID or accession number " + wanted);
        }
    }
    for (const std::string& wanted : request.series) {
        if (!seriesFound.count(wanted)) {
            throw ProjectError(project.path() + ": no series " + wanted + " in the selected studies");
        }
    }
    return studies;
}

std::map<std::string, LabelAgreement> labelAgreement(
    const ProjectStore& project, const std::vector<ExportStudy>& studies)
{
    ReportStore reportStore(const_cast<ProjectStore&>(project));
    std::map<std::string, LabelAgreement> agreement;
    for (const ExportStudy& study : studies) {
        if (study.labels.studyId == 0) {
            continue;
        }
        std::map<std::string, LabelDecision> latest;
        for (const LabelDecision& decision : reportStore.decisions(study.labels.studyId)) {
            auto found = latest.find(decision.labelName);
            if (found == latest.end() || decision.decidedMs >= found->second.decidedMs) {
                latest[decision.labelName] = decision;
            }
        }
        if (latest.empty()) {
            continue;
        }
        for (const LabelProposal& proposal : reportStore.proposals(study.labels.studyId)) {
            const auto decision = latest.find(proposal.labelName);
            if (decision == latest.end()) {
                continue;
            }
            LabelAgreement& counts = agreement[proposal.labelName];
            ++counts.compared;
            counts.agreed
                += proposal.value == decision->second.value && proposal.choice == decision->second.choice ? 1 : 0;
        }
    }
    return agreement;
}

} // namespace radmark::storage
