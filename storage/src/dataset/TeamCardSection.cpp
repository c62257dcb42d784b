#include "dataset/TeamCardSection.h"

#include "radmark/annotation/JsonWriter.h"
#include "radmark/storage/dataset/ExportFormat.h"
#include "radmark/storage/project/ProjectStore.h"

#include <cmath>
#include <optional>

namespace radmark::storage {

namespace {

std::optional<double> defined(double value)
{
    return std::isnan(value) ? std::nullopt : std::optional<double>(value);
}

} // namespace

CardTeam collectCardTeam(
    ProjectStore& project, const std::vector<ExportStudy>& studies, int disputedExcluded, bool excludeDisputed)
{
    CardTeam team;
    if (project.schemaVersion() < 7) {
        return team;
    }
    const TeamReadings readings = readTeamReadings(project);
    if (readings.studies.empty()) {
        return team;
    }
    team.present = true;
    team.report = computeTeamAgreement(readings);
    team.disputedPolicy = excludeDisputed ? "exclude" : "flag";
    team.disputedExcluded = disputedExcluded;
    for (const ExportStudy& study : studies) {
        team.doubleReadExported += study.doubleRead ? 1 : 0;
        team.disputedFlagged += study.doubleRead && !study.disputes.empty() ? 1 : 0;
    }
    return team;
}

void writeTeamJson(annotation::JsonWriter& json, const CardTeam& team)
{
    if (!team.present) {
        return;
    }
    const TeamAgreementReport& report = team.report;
    json.key("reader_agreement").beginObject();
    json.key("double_read_studies").value(static_cast<int>(report.doubleReadStudies));
    json.key("double_read_studies_exported").value(team.doubleReadExported);
    json.key("disputed_policy").value(team.disputedPolicy);
    json.key("disputed_studies_flagged").value(team.disputedFlagged);
    json.key("disputed_studies_excluded").value(team.disputedExcluded);
    json.key("bootstrap").beginObject();
    json.key("replicates").value(static_cast<int>(report.options.bootstrapReplicates));
    json.key("seed").value(static_cast<long long>(report.options.bootstrapSeed)).endObject();
    json.key("labels").beginObject();
    for (const LabelReaderAgreement& label : report.labels) {
        json.key(label.label).beginObject();
        json.key("studies")
            .value(static_cast<int>(label.studies))
            .key("readers")
            .value(static_cast<int>(label.readers));
        json.key("kappa_kind").value(label.kappaKind);
        json.key("kappa").optionalNumber(defined(label.kappa.value));
        json.key("kappa_ci")
            .beginArray()
            .optionalNumber(defined(label.kappa.low))
            .optionalNumber(defined(label.kappa.high));
        json.endArray();
        json.key("krippendorff_alpha").optionalNumber(defined(label.alpha.value));
        json.key("krippendorff_alpha_ci").beginArray().optionalNumber(defined(label.alpha.low));
        json.optionalNumber(defined(label.alpha.high)).endArray();
        json.key("observed_agreement").optionalNumber(defined(label.observedAgreement));
        json.key("disputed").value(static_cast<int>(label.disputed));
        json.key("adjudicated").value(static_cast<int>(label.adjudicated));
        json.endObject();
    }
    json.endObject();
    const LesionReaderAgreement& lesions = report.lesions;
    json.key("lesions").beginObject();
    json.key("match_iou").value(report.options.adjudication.matchIou);
    json.key("recist_tolerance_mm").value(report.options.adjudication.recistToleranceMm);
    json.key("matched").value(static_cast<int>(lesions.matched));
    json.key("only_first_reader").value(static_cast<int>(lesions.onlyFirst));
    json.key("only_second_reader").value(static_cast<int>(lesions.onlySecond));
    json.key("detection_agreement").optionalNumber(defined(lesions.detectionAgreement));
    json.key("recist_pairs").value(static_cast<int>(lesions.longAxisMm.pairs));
    json.key("long_axis_mean_difference_mm").optionalNumber(defined(lesions.longAxisMm.meanDifference));
    json.key("long_axis_limits_mm").beginArray().optionalNumber(defined(lesions.longAxisMm.lowerLimit));
    json.optionalNumber(defined(lesions.longAxisMm.upperLimit)).endArray();
    json.key("short_axis_mean_difference_mm").optionalNumber(defined(lesions.shortAxisMm.meanDifference));
    json.key("short_axis_limits_mm").beginArray().optionalNumber(defined(lesions.shortAxisMm.lowerLimit));
    json.optionalNumber(defined(lesions.shortAxisMm.upperLimit)).endArray();
    json.key("long_axis_icc_2_1").optionalNumber(defined(lesions.longAxisIcc));
    json.key("short_axis_icc_2_1").optionalNumber(defined(lesions.shortAxisIcc));
    json.key("disputed").value(static_cast<int>(lesions.disputed));
    json.key("adjudicated").value(static_cast<int>(lesions.adjudicated));
    json.endObject();
    json.endObject();
}

void appendTeamMarkdown(std::string& md, const CardTeam& team)
{
    if (!team.present) {
        return;
    }
    md += "\n## Reader agreement\n\n";
    md += "Double-read studies exported: " + std::to_string(team.doubleReadExported)
        + ". Labels and lesions are the reviewer's answer where one was given, else the readers' agreed answer. "
          "Studies still in dispute: "
        + std::to_string(team.disputedFlagged + team.disputedExcluded)
        + (team.disputedPolicy == "exclude"
                ? " (" + std::to_string(team.disputedExcluded) + " excluded from this dataset)"
                : " (" + std::to_string(team.disputedFlagged)
                    + " exported and flagged: column `disputed` of labels/labels.csv; their disputed labels have no "
                      "value and each disputed lesion holds one reader's mark)")
        + ".\n\n";
    md += teamAgreementMarkdown(team.report, 3);
}

} // namespace radmark::storage
