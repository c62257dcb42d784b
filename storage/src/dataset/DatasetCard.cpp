#include "dataset/DatasetCard.h"

#include "dataset/ExportFiles.h"
#include "dataset/ExportSeriesVolume.h"
#include "radmark/annotation/JsonWriter.h"
#include "radmark/annotation/RecistMeasurement.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace radmark::storage {

namespace {

using Counts = std::map<std::string, int>;

struct SplitCounts {
    std::set<std::string> patients;
    int studies = 0;
    int annotatedSeries = 0;
    int marks = 0;
};

struct LabelCounts {
    int positive = 0;
    int negative = 0;
    int uncertain = 0;
    int blank = 0;
    int human = 0;
    int automatic = 0;
    std::map<std::string, int> choices; // a Choice label's options: an option is an answer, not "not mentioned"
};

const char* const kSplitOrder[] = { "train", "validation", "test" };

const char* const kSizeBins[] = { "< 10 mm", "10-20 mm", "20-30 mm", "30-50 mm", ">= 50 mm" };

int sizeBin(double mm)
{
    return mm < 10 ? 0 : mm < 20 ? 1 : mm < 30 ? 2 : mm < 50 ? 3 : 4;
}

std::string ageBin(const std::string& years)
{
    if (years.empty()) {
        return "unknown";
    }
    const int decade = std::stoi(years) / 10 * 10;
    return std::to_string(decade) + "-" + std::to_string(decade + 9);
}

std::string fixed(double value, int decimals)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

struct CardStatistics {
    std::map<std::string, SplitCounts> splits;
    std::map<std::string, LabelCounts> labels;
    Counts lesionTypes;
    std::vector<double> longAxesMm;
    Counts modalities;
    Counts manufacturers;
    Counts sites;
    Counts ages;
    Counts sexes;
    int pixelOnlyMarks = 0;
};

CardStatistics collect(const DatasetCardInput& input)
{
    CardStatistics stats;
    for (const char* split : kSplitOrder) {
        stats.splits[split];
    }
    std::map<std::string, std::string> siteNames; // pseudonymous key -> site
    for (const ExportStudy& study : input.studies) {
        SplitCounts& split = stats.splits[study.split];
        split.patients.insert(input.identity.patientId(study.patient.patientId));
        ++split.studies;
        for (const ExportSeries& series : study.series) {
            ++stats.modalities[series.series.modality.empty() ? "unknown" : series.series.modality];
            if (series.marks.empty()) {
                continue;
            }
            ++split.annotatedSeries;
            const bool spacing = hasPixelSpacing(series);
            for (const annotation::LesionMark& mark : series.marks) {
                ++split.marks;
                ++stats
                      .lesionTypes[input.lesionTypes.nameOf(mark.lesionType).value_or(std::to_string(mark.lesionType))];
                if (const auto* recist = std::get_if<annotation::RecistMark>(&mark.shape)) {
                    if (spacing) {
                        stats.longAxesMm.push_back(annotation::recistLengthsMm(*recist, mark.plane.spacing).longAxisMm);
                    } else {
                        ++stats.pixelOnlyMarks;
                    }
                }
            }
        }
        std::string manufacturer;
        for (const ExportSeries& series : study.series) {
            if (!series.instances.empty() && manufacturer.empty()) {
                manufacturer = series.instances.front().manufacturer;
            }
        }
        ++stats.manufacturers[manufacturer.empty() ? "unknown" : manufacturer];
        const std::string site = studySite(study);
        if (!site.empty()) {
            siteNames[input.identity.uid("site:" + site)] = site;
        }
        ++stats.ages[input.identity.keepsPatientAge() ? ageBin(patientAgeYears(study)) : "not exported"];
        const std::string sex = patientSexCode(study);
        ++stats.sexes[input.identity.keepsPatientSex() ? (sex.empty() ? "unknown" : sex) : "not exported"];
        for (const auto& [name, label] : study.labels.labels) {
            LabelCounts& counts = stats.labels[name];
            if (!label.choice.empty()) {
                ++counts.choices[label.choice];
            } else if (!label.value) {
                ++counts.blank;
            } else if (*label.value == 1) {
                ++counts.positive;
            } else if (*label.value == 0) {
                ++counts.negative;
            } else {
                ++counts.uncertain;
            }
            ++(label.human ? counts.human : counts.automatic);
        }
    }
    // Sites are numbered in the order of their keyed hash: neither names nor sizes give them away.
    std::map<std::string, int> siteNumbers;
    for (const auto& entry : siteNames) {
        siteNumbers[entry.second] = static_cast<int>(siteNumbers.size()) + 1;
    }
    for (const ExportStudy& study : input.studies) {
        const std::string site = studySite(study);
        ++stats.sites[site.empty() ? "unknown" : "site " + std::to_string(siteNumbers[site])];
    }
    std::sort(stats.longAxesMm.begin(), stats.longAxesMm.end());
    return stats;
}

void countsJson(annotation::JsonWriter& json, const std::string& key, const Counts& counts)
{
    json.key(key).beginObject();
    for (const auto& [name, count] : counts) {
        json.key(name).value(count);
    }
    json.endObject();
}

void countsMarkdown(std::string& md, const std::string& title, const Counts& counts)
{
    md += "\n## " + title + "\n\n| | count |\n|---|---:|\n";
    for (const auto& [name, count] : counts) {
        md += "| " + name + " | " + std::to_string(count) + " |\n";
    }
}

} // namespace

void writeDatasetCard(const DatasetCardInput& input, const std::string& folder)
{
    const CardStatistics stats = collect(input);
    std::array<int, 5> sizeCounts {};
    for (const double mm : stats.longAxesMm) {
        ++sizeCounts[sizeBin(mm)];
    }
    int compared = 0;
    int agreed = 0;
    for (const auto& entry : input.agreement) {
        compared += entry.second.compared;
        agreed += entry.second.agreed;
    }
    const std::string ratios = fixed(input.split.ratios[0], 3) + "," + fixed(input.split.ratios[1], 3) + ","
        + fixed(input.split.ratios[2], 3);
    const std::string grouping = input.split.grouping == annotation::SplitGrouping::Patient ? "patient" : "site";

    annotation::JsonWriter json;
    json.beginObject();
    json.key("radmark_version").value(input.radmarkVersion);
    json.key("command").value(input.commandLine);
    json.key("created_utc").value(input.createdUtc);
    json.key("formats").beginArray();
    for (const std::string& format : input.formats) {
        json.value(format);
    }
    json.endArray();
    json.key("split").beginObject();
    json.key("grouping")
        .value(grouping)
        .key("ratios")
        .numbers({ input.split.ratios.begin(), input.split.ratios.end() });
    json.key("seed").value(static_cast<long long>(input.split.seed)).key("stratified_by").value(input.stratification);
    json.key("counts").beginObject();
    for (const char* name : kSplitOrder) {
        const SplitCounts& split = stats.splits.at(name);
        json.key(name).beginObject();
        json.key("patients").value(static_cast<int>(split.patients.size())).key("studies").value(split.studies);
        json.key("annotated_series").value(split.annotatedSeries).key("marks").value(split.marks);
        json.endObject();
    }
    json.endObject().endObject();
    json.key("deidentification").beginObject();
    json.key("profile").value("DICOM PS3.15 Basic Application Level Confidentiality Profile");
    json.key("uids").value("remapped: 2.25 + HMAC-SHA-256 of the original, one key per export");
    json.key("salt").value(input.saltGiven ? "given by the user (reproducible)" : "random (not stored)");
    json.key("dates_shifted").value(input.shiftDates);
    json.key("patient_age_kept").value(input.identity.keepsPatientAge());
    json.key("patient_sex_kept").value(input.identity.keepsPatientSex());
    json.key("burned_in_and_captures_included").value(input.includeBurnedIn);
    json.endObject();
    json.key("labels").beginObject();
    for (const auto& [name, counts] : stats.labels) {
        json.key(name).beginObject();
        json.key("positive").value(counts.positive).key("negative").value(counts.negative);
        json.key("uncertain").value(counts.uncertain).key("not_mentioned").value(counts.blank);
        json.key("auto").value(counts.automatic).key("human").value(counts.human);
        if (!counts.choices.empty()) {
            countsJson(json, "choices", counts.choices);
        }
        const auto found = input.agreement.find(name);
        json.key("labeller_human_compared").value(found != input.agreement.end() ? found->second.compared : 0);
        json.key("labeller_human_agreed").value(found != input.agreement.end() ? found->second.agreed : 0);
        json.endObject();
    }
    json.endObject();
    writeAuditJson(json, input.audit);
    writeTeamJson(json, input.team);
    json.key("labeller_human_agreement").beginObject();
    json.key("compared").value(compared).key("agreed").value(agreed);
    json.key("fraction").optionalNumber(compared > 0 ? std::optional<double>(double(agreed) / compared) : std::nullopt);
    json.endObject();
    countsJson(json, "lesion_types", stats.lesionTypes);
    json.key("recist_long_axis_mm").beginObject();
    json.key("count").value(static_cast<int>(stats.longAxesMm.size()));
    json.key("min").optionalNumber(
        stats.longAxesMm.empty() ? std::nullopt : std::optional<double>(stats.longAxesMm.front()));
    json.key("median").optionalNumber(
        stats.longAxesMm.empty() ? std::nullopt : std::optional<double>(stats.longAxesMm[stats.longAxesMm.size() / 2]));
    json.key("max").optionalNumber(
        stats.longAxesMm.empty() ? std::nullopt : std::optional<double>(stats.longAxesMm.back()));
    json.key("bins").beginObject();
    for (int bin = 0; bin < 5; ++bin) {
        json.key(kSizeBins[bin]).value(sizeCounts[bin]);
    }
    json.endObject();
    json.key("marks_in_pixels_only").value(stats.pixelOnlyMarks);
    json.endObject();
    countsJson(json, "modalities", stats.modalities);
    countsJson(json, "manufacturers", stats.manufacturers);
    countsJson(json, "sites", stats.sites);
    countsJson(json, "ages", stats.ages);
    countsJson(json, "sexes", stats.sexes);
    json.key("excluded").beginArray();
    for (const CardExclusion& exclusion : input.exclusions) {
        json.beginObject().key("series").value(exclusion.series).key("instance").value(exclusion.instance);
        json.key("reason").value(exclusion.reason).endObject();
    }
    json.endArray();
    json.key("warnings").beginArray();
    for (const std::string& warning : input.log.warnings) {
        json.value(warning);
    }
    json.endArray();
    json.key("files_written").beginObject();
    for (const auto& [format, count] : input.log.filesWritten) {
        json.key(format).value(count);
    }
    json.endObject();
    json.endObject();
    writeExportTextFile(folder + "/dataset_card.json", json.text());

    std::string md = "# Dataset card\n\nExported by RadMark " + input.radmarkVersion + " on " + input.createdUtc
        + ".\n\nCommand: `" + input.commandLine + "`\n\nFormats: ";
    for (std::size_t index = 0; index < input.formats.size(); ++index) {
        md += (index > 0 ? ", " : "") + input.formats[index];
    }
    md += "\n\n## Splits\n\nGrouped by " + grouping + " (no " + grouping + " in two splits), ratios " + ratios
        + ", seed " + std::to_string(input.split.seed) + ", stratified by " + input.stratification
        + ".\n\n| split | patients | studies | annotated series | marks |\n|---|---:|---:|---:|---:|\n";
    for (const char* name : kSplitOrder) {
        const SplitCounts& split = stats.splits.at(name);
        md += std::string("| ") + name + " | " + std::to_string(split.patients.size()) + " | "
            + std::to_string(split.studies) + " | " + std::to_string(split.annotatedSeries) + " | "
            + std::to_string(split.marks) + " |\n";
    }
    md += "\n## De-identification\n\nDICOM PS3.15 Basic Application Level Confidentiality Profile: patients are "
          "pseudonyms (RM-...), UIDs remapped consistently (2.25 + keyed hash), salt "
        + std::string(input.saltGiven ? "given by the user" : "random and not stored") + ", dates "
        + (input.shiftDates ? "shifted per patient" : "not shifted") + ", age "
        + (input.identity.keepsPatientAge() ? "kept" : "removed") + ", sex "
        + (input.identity.keepsPatientSex() ? "kept" : "removed") + ", burned-in annotations and screen captures "
        + (input.includeBurnedIn ? "INCLUDED on request" : "excluded")
        + ". No mapping to the originals is in this folder.\n";
    md += stats.labels.empty() ? "\n## Labels\n\nNo study has labels (see `radmark label-reports`).\n" : "";
    md += stats.labels.empty() ? ""
                               : "\n## Labels\n\n| label | positive | negative | uncertain | not mentioned | auto | "
                                 "human | labeller = human |\n"
                                 "|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& [name, counts] : stats.labels) {
        const auto found = input.agreement.find(name);
        const std::string agreement = found != input.agreement.end() && found->second.compared > 0
            ? std::to_string(found->second.agreed) + "/" + std::to_string(found->second.compared)
            : "-";
        md += "| " + name + " | " + std::to_string(counts.positive) + " | " + std::to_string(counts.negative) + " | "
            + std::to_string(counts.uncertain) + " | " + std::to_string(counts.blank) + " | "
            + std::to_string(counts.automatic) + " | " + std::to_string(counts.human) + " | " + agreement + " |\n";
    }
    md += "\nLabeller-human agreement over all labels: "
        + (compared > 0 ? std::to_string(agreed) + "/" + std::to_string(compared) + " ("
                    + fixed(100.0 * agreed / compared, 1) + "%)"
                        : std::string("no study has both a proposal and a human decision"))
        + ".\n";
    for (const auto& [name, counts] : stats.labels) {
        if (!counts.choices.empty()) {
            std::string options;
            for (const auto& [option, count] : counts.choices) {
                options += (options.empty() ? "" : ", ") + option + " " + std::to_string(count);
            }
            md += "\n" + name + " (options, not counted in the columns above): " + options + ".\n";
        }
    }
    appendAuditMarkdown(md, input.audit);
    appendTeamMarkdown(md, input.team);
    countsMarkdown(md, "Lesion types", stats.lesionTypes);
    md += "\n## RECIST long axis\n\n| size | marks |\n|---|---:|\n";
    for (int bin = 0; bin < 5; ++bin) {
        md += std::string("| ") + kSizeBins[bin] + " | " + std::to_string(sizeCounts[bin]) + " |\n";
    }
    if (!stats.longAxesMm.empty()) {
        md += "\nMin " + fixed(stats.longAxesMm.front(), 1) + " mm, median "
            + fixed(stats.longAxesMm[stats.longAxesMm.size() / 2], 1) + " mm, max " + fixed(stats.longAxesMm.back(), 1)
            + " mm.";
    }
    if (stats.pixelOnlyMarks > 0) {
        md += " " + std::to_string(stats.pixelOnlyMarks)
            + " RECIST mark(s) on series without pixel spacing are in pixels only.";
    }
    md += "\n";
    countsMarkdown(md, "Modalities (series)", stats.modalities);
    countsMarkdown(md, "Manufacturers (studies)", stats.manufacturers);
    countsMarkdown(md, "Sites (studies)", stats.sites);
    countsMarkdown(md, "Age at study (studies)", stats.ages);
    countsMarkdown(md, "Sex (studies)", stats.sexes);
    md += "\n## Excluded images\n\n";
    if (input.exclusions.empty()) {
        md += "None.\n";
    }
    for (const CardExclusion& exclusion : input.exclusions) {
        md += "- series " + exclusion.series + ", image " + exclusion.instance + ": " + exclusion.reason + "\n";
    }
    md += "\n## Warnings\n\n";
    if (input.log.warnings.empty()) {
        md += "None.\n";
    }
    for (const std::string& warning : input.log.warnings) {
        md += "- " + warning + "\n";
    }
    writeExportTextFile(folder + "/dataset_card.md", md);
}

} // namespace radmark::storage
