#include "radmark/storage/dataset/DatasetExport.h"

#include "dataset/DatasetCard.h"
#include "dataset/ExportFiles.h"
#include "dataset/ExportSeriesVolume.h"
#include "dataset/StudyAssembly.h"
#include "radmark/storage/dataset/ExportFormatRegistry.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"

#include <algorithm>
#include <ctime>
#include <set>
#include <stdexcept>

namespace radmark::storage {

namespace {

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc {};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
    return text;
}

// Progress of one format, scaled into its share of the whole export.
class FormatProgress : public ExportProgressSink {
public:
    FormatProgress(const ExportRequest& request, std::string stage, double start, double share)
        : m_request(request)
        , m_stage(std::move(stage))
        , m_start(start)
        , m_share(share)
    {
    }
    bool report(int done, int total) override
    {
        if (!m_request.progress) {
            return true;
        }
        const double fraction = total > 0 ? static_cast<double>(done) / total : 1.0;
        return m_request.progress(m_stage, m_start + m_share * fraction);
    }

private:
    const ExportRequest& m_request;
    std::string m_stage;
    double m_start;
    double m_share;
};

void checkCancel(const ExportRequest& request, const std::string& stage, double fraction)
{
    if (request.progress && !request.progress(stage, fraction)) {
        throw ProjectError("export cancelled");
    }
}

// The stratum of a study: the value of the stratification label, or whether it has marks.
std::string stratumOf(const ExportStudy& study, const std::string& label)
{
    if (label.empty()) {
        for (const ExportSeries& series : study.series) {
            if (!series.marks.empty()) {
                return "annotated";
            }
        }
        return "not annotated";
    }
    const auto found = study.labels.labels.find(label);
    if (found == study.labels.labels.end() || !found->second.value) {
        return "none";
    }
    return std::to_string(*found->second.value);
}

} // namespace

std::string redactedCommandLine(const std::vector<std::string>& arguments)
{
    std::string text;
    bool hideNext = false;
    for (const std::string& argument : arguments) {
        std::string shown = argument;
        if (hideNext) {
            shown = "(hidden)";
            hideNext = false;
        } else if (argument == "--salt") {
            hideNext = true;
        } else if (argument.rfind("--salt=", 0) == 0) {
            shown = "--salt=(hidden)";
        }
        if (shown.find_first_of(" \t\"'") != std::string::npos) {
            shown = "'" + shown + "'";
        }
        text += (text.empty() ? "" : " ") + shown;
    }
    return text;
}

ExportOutcome runDatasetExport(const ProjectStore& project, const ExportRequest& request)
{
    if (request.formats.empty()) {
        throw ProjectError("no export format chosen");
    }
    std::vector<std::unique_ptr<ExportFormat>> formats;
    std::set<std::string> seen;
    for (const std::string& name : request.formats) {
        const ExportFormatEntry* entry = findExportFormat(name);
        if (entry == nullptr) {
            std::string known;
            for (const ExportFormatEntry& format : exportFormats()) {
                known += (known.empty() ? "" : ", ") + format.name;
            }
            throw ProjectError("unknown export format \"" + name + "\" (known: " + known + ")");
        }
        if (seen.insert(name).second) {
            formats.push_back(entry->make());
        }
    }
    checkExportOutputFolder(request.outputDir, request.overwrite);
    if (!request.mappingPath.empty() && isInsideFolder(request.mappingPath, request.outputDir)) {
        throw ProjectError(request.mappingPath + ": the pseudonym mapping must be written outside the dataset folder "
            + request.outputDir);
    }
    if (isInsideFolder(project.path(), request.outputDir)) {
        throw ProjectError(request.outputDir + ": the output folder must not contain the project file");
    }

    Pseudonymizer identity(request.identity);
    ExportOutcome outcome;
    std::vector<CardExclusion> exclusions;
    checkCancel(request, "Reading the project", 0.0);
    std::vector<ExportStudy> studies = assembleExportStudies(project, request, identity, outcome.log, exclusions);
    if (studies.empty()) {
        throw ProjectError(project.path() + ": no study to export");
    }

    if (!request.stratifyLabel.empty() && std::none_of(studies.begin(), studies.end(), [&](const ExportStudy& study) {
            return study.labels.labels.count(request.stratifyLabel) > 0;
        })) {
        throw ProjectError(project.path() + ": no exported study has the label \"" + request.stratifyLabel
            + "\" to stratify by (radmark labels lists the project's labels)");
    }
    std::vector<annotation::SplitItem> items;
    for (const ExportStudy& study : studies) {
        const std::string group = request.split.grouping == annotation::SplitGrouping::Patient
            ? "patient:" + study.patient.patientId
            : "site:" + (studySite(study).empty() ? "unknown" : studySite(study));
        items.push_back({ group, stratumOf(study, request.stratifyLabel) });
    }
    std::vector<int> splits;
    try {
        splits = annotation::assignSplits(items, request.split);
    } catch (const std::invalid_argument& error) {
        throw ProjectError(error.what());
    }
    std::set<std::string> patients;
    for (std::size_t index = 0; index < studies.size(); ++index) {
        studies[index].split = annotation::splitName(splits[index]);
        ++outcome.studiesPerSplit[splits[index]];
        patients.insert(studies[index].patient.patientId);
        for (const ExportSeries& series : studies[index].series) {
            outcome.marks += static_cast<int>(series.marks.size());
        }
    }
    outcome.studies = static_cast<int>(studies.size());
    outcome.patients = static_cast<int>(patients.size());

    const annotation::LesionTypeList lesionTypes = MarkStore(const_cast<ProjectStore&>(project)).lesionTypes();
    const std::string staging = createExportStagingFolder(request.outputDir);
    try {
        ExportContext context { staging, identity, studies, lesionTypes, RADMARK_VERSION, request.commandLine,
            outcome.log };
        const double share = 0.95 / static_cast<double>(formats.size());
        for (std::size_t index = 0; index < formats.size(); ++index) {
            ExportFormat& format = *formats[index];
            const std::string stage = "Writing " + format.name();
            checkCancel(request, stage, share * static_cast<double>(index));
            FormatProgress progress(request, stage, share * static_cast<double>(index), share);
            if (auto* reporting = dynamic_cast<ProgressReportingFormat*>(&format)) {
                reporting->setProgressSink(&progress);
            }
            format.write(context);
        }
        checkCancel(request, "Writing the dataset card", 0.96);
        DatasetCardInput card { studies, identity, outcome.log, lesionTypes };
        card.exclusions = exclusions;
        card.agreement = labelAgreement(project, studies);
        card.audit = collectCardAudit(project);
        card.team = collectCardTeam(const_cast<ProjectStore&>(project), studies, outcome.log.disputedStudiesExcluded,
            request.disputed == DisputedStudies::Exclude);
        card.formats = request.formats;
        card.split = request.split;
        card.stratification
            = request.stratifyLabel.empty() ? "lesion marks present or not" : "label " + request.stratifyLabel;
        card.shiftDates = request.identity.shiftDates;
        card.saltGiven = !request.identity.salt.empty();
        card.includeBurnedIn = request.includeBurnedIn;
        card.radmarkVersion = RADMARK_VERSION;
        card.commandLine = request.commandLine;
        card.createdUtc = utcNow();
        writeDatasetCard(card, staging);
        if (!request.mappingPath.empty()) {
            writePseudonymMapping(identity, request.mappingPath);
        }
        writeExportManifest(staging);
        publishExportStagingFolder(staging, request.outputDir, request.overwrite);
    } catch (...) {
        removeExportTree(staging);
        throw;
    }
    outcome.outputDir = request.outputDir;
    if (request.progress) {
        request.progress("Done", 1.0);
    }
    return outcome;
}

} // namespace radmark::storage
