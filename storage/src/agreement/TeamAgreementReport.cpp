#include "radmark/storage/team/TeamAgreementReport.h"

#include "radmark/annotation/RecistMeasurement.h"
#include "radmark/annotation/team/LesionMatching.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <variant>

namespace radmark::storage {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool readerRead(const DoubleReadStudy& study, const std::string& reader)
{
    if (std::any_of(study.readerMarks.begin(), study.readerMarks.end(),
            [&](const annotation::LesionMark& mark) { return mark.author.name == reader; })) {
        return true;
    }
    for (const auto& entry : study.readerAnswers) {
        for (const ReaderAnswer& answer : entry.second) {
            if (answer.author == reader) {
                return true;
            }
        }
    }
    return false;
}

std::vector<annotation::LesionMark> marksOf(const DoubleReadStudy& study, const std::string& reader)
{
    std::vector<annotation::LesionMark> marks;
    for (const auto& mark : study.readerMarks) {
        if (mark.author.name == reader) {
            marks.push_back(mark);
        }
    }
    return marks;
}

LabelReaderAgreement labelAgreement(const std::string& label, const TeamReadings& readings,
    const std::vector<StudyAdjudication>& adjudications, const TeamAgreementOptions& options)
{
    LabelReaderAgreement row;
    row.label = label;
    std::vector<annotation::RatedUnit> units;
    std::set<std::string> readers;
    std::set<std::pair<std::string, std::string>> pairs;
    bool twoPerStudy = true;
    for (const DoubleReadStudy& study : readings.studies) {
        const auto answers = study.readerAnswers.find(label);
        if (answers == study.readerAnswers.end() || answers->second.size() < 2) {
            continue;
        }
        annotation::RatedUnit unit;
        for (const ReaderAnswer& answer : answers->second) {
            unit.answers.push_back(answerCategory(answer));
            readers.insert(answer.author);
        }
        twoPerStudy = twoPerStudy && answers->second.size() == 2;
        if (answers->second.size() == 2) {
            pairs.insert({ answers->second[0].author, answers->second[1].author });
        }
        units.push_back(std::move(unit));
    }
    row.studies = units.size();
    row.readers = readers.size();
    const bool cohen = twoPerStudy && pairs.size() == 1;
    row.kappaKind = cohen ? "Cohen" : "Fleiss";
    row.kappa = annotation::bootstrapAgreement(units,
        cohen ? annotation::AgreementStatistic::CohenKappa : annotation::AgreementStatistic::FleissKappa,
        options.bootstrapReplicates, options.bootstrapSeed);
    row.alpha = annotation::bootstrapAgreement(
        units, annotation::AgreementStatistic::KrippendorffAlpha, options.bootstrapReplicates, options.bootstrapSeed);
    row.observedAgreement = annotation::observedAgreement(units);
    for (const StudyAdjudication& study : adjudications) {
        for (const LabelItem& item : study.labels) {
            if (item.label == label) {
                row.disputed += item.state == ItemState::Disputed ? 1 : 0;
                row.adjudicated += item.state == ItemState::Adjudicated ? 1 : 0;
            }
        }
    }
    return row;
}

LesionReaderAgreement lesionAgreement(const TeamReadings& readings, const std::vector<StudyAdjudication>& adjudications,
    const TeamAgreementOptions& options)
{
    LesionReaderAgreement summary;
    std::vector<double> longFirst, longSecond, shortFirst, shortSecond;
    for (const DoubleReadStudy& study : readings.studies) {
        bool counted = false;
        for (std::size_t a = 0; a < study.readers.size(); ++a) {
            for (std::size_t b = a + 1; b < study.readers.size(); ++b) {
                if (!readerRead(study, study.readers[a]) || !readerRead(study, study.readers[b])) {
                    continue;
                }
                const auto first = marksOf(study, study.readers[a]);
                const auto second = marksOf(study, study.readers[b]);
                if (first.empty() && second.empty()) {
                    continue;
                }
                counted = true;
                const auto matching = annotation::matchLesions(first, second, options.adjudication.matchIou);
                summary.matched += matching.matched.size();
                summary.onlyFirst += matching.onlyFirst.size();
                summary.onlySecond += matching.onlySecond.size();
                for (const auto& pair : matching.matched) {
                    const auto* x = std::get_if<annotation::RecistMark>(&first[pair.first].shape);
                    const auto* y = std::get_if<annotation::RecistMark>(&second[pair.second].shape);
                    if (x == nullptr || y == nullptr) {
                        continue;
                    }
                    const auto lx = annotation::recistLengthsMm(*x, first[pair.first].plane.spacing);
                    const auto ly = annotation::recistLengthsMm(*y, second[pair.second].plane.spacing);
                    longFirst.push_back(lx.longAxisMm);
                    longSecond.push_back(ly.longAxisMm);
                    shortFirst.push_back(lx.shortAxisMm);
                    shortSecond.push_back(ly.shortAxisMm);
                }
            }
        }
        summary.studies += counted ? 1 : 0;
    }
    summary.detectionAgreement
        = annotation::lesionDetectionAgreement(summary.matched, summary.onlyFirst, summary.onlySecond);
    summary.longAxisMm = annotation::blandAltman(longFirst, longSecond);
    summary.shortAxisMm = annotation::blandAltman(shortFirst, shortSecond);
    std::vector<std::vector<double>> longTable, shortTable;
    for (std::size_t i = 0; i < longFirst.size(); ++i) {
        longTable.push_back({ longFirst[i], longSecond[i] });
        shortTable.push_back({ shortFirst[i], shortSecond[i] });
    }
    summary.longAxisIcc = annotation::icc21(longTable);
    summary.shortAxisIcc = annotation::icc21(shortTable);
    for (const StudyAdjudication& study : adjudications) {
        for (const LesionItem& item : study.lesions) {
            summary.disputed += item.state == ItemState::Disputed ? 1 : 0;
            summary.adjudicated += item.state == ItemState::Adjudicated ? 1 : 0;
        }
    }
    return summary;
}

std::string number(double value, int decimals = 4)
{
    if (std::isnan(value)) {
        return "";
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string csvCell(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

std::string share(std::size_t agreed, std::size_t compared)
{
    if (compared == 0) {
        return "n/a";
    }
    char text[64];
    std::snprintf(text, sizeof text, "%zu/%zu (%.0f%%)", agreed, compared,
        100.0 * static_cast<double>(agreed) / static_cast<double>(compared));
    return text;
}

std::string withInterval(const annotation::AgreementEstimate& estimate)
{
    if (std::isnan(estimate.value)) {
        return "n/a";
    }
    std::string text = formatStatistic(estimate.value);
    if (!std::isnan(estimate.low)) {
        text += " [" + formatStatistic(estimate.low) + ", " + formatStatistic(estimate.high) + "]";
    }
    return text;
}

std::string millimetres(const annotation::BlandAltman& summary, bool limits)
{
    if (summary.pairs == 0) {
        return "n/a";
    }
    if (!limits) {
        return formatStatistic(summary.meanDifference, 2) + " mm";
    }
    if (std::isnan(summary.lowerLimit)) {
        return "n/a";
    }
    return formatStatistic(summary.lowerLimit, 2) + " to " + formatStatistic(summary.upperLimit, 2) + " mm";
}

} // namespace

std::string formatStatistic(double value, int decimals)
{
    if (std::isnan(value)) {
        return "n/a";
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

double medianMinutesPerStudy(const AnnotatorActivity& activity, double breakMinutes)
{
    if (activity.events.empty()) {
        return kNaN;
    }
    std::map<std::int64_t, double> minutesByStudy;
    const double breakMs = breakMinutes * 60'000.0;
    for (std::size_t index = 0; index < activity.events.size(); ++index) {
        double& minutes = minutesByStudy[activity.events[index].studyId];
        if (index == 0) {
            continue;
        }
        const double gapMs = static_cast<double>(activity.events[index].timeMs - activity.events[index - 1].timeMs);
        if (gapMs <= breakMs) {
            minutes += gapMs / 60'000.0;
        }
    }
    std::vector<double> values;
    for (const auto& entry : minutesByStudy) {
        values.push_back(entry.second);
    }
    return annotation::percentile(values, 50.0);
}

TeamAgreementReport computeTeamAgreement(const TeamReadings& readings, const TeamAgreementOptions& options)
{
    TeamAgreementReport report;
    report.options = options;
    const std::vector<StudyAdjudication> adjudications = adjudicateStudies(readings, options.adjudication);
    report.doubleReadStudies = readings.studies.size();
    for (const StudyAdjudication& study : adjudications) {
        report.disputedStudies += study.disputed() ? 1 : 0;
        for (const LabelItem& item : study.labels) {
            report.adjudicatedItems += item.state == ItemState::Adjudicated ? 1 : 0;
        }
        for (const LesionItem& item : study.lesions) {
            report.adjudicatedItems += item.state == ItemState::Adjudicated ? 1 : 0;
        }
    }
    std::vector<std::string> labels = readings.labelOrder;
    for (const DoubleReadStudy& study : readings.studies) {
        for (const auto& entry : study.readerAnswers) {
            if (std::find(labels.begin(), labels.end(), entry.first) == labels.end()) {
                labels.push_back(entry.first);
            }
        }
    }
    for (const std::string& label : labels) {
        LabelReaderAgreement row = labelAgreement(label, readings, adjudications, options);
        if (row.studies > 0 || row.disputed > 0 || row.adjudicated > 0) {
            report.labels.push_back(std::move(row));
        }
    }
    report.lesions = lesionAgreement(readings, adjudications, options);
    for (const AnnotatorActivity& activity : readings.annotators) {
        AnnotatorSummary summary;
        summary.name = activity.name;
        summary.assigned = activity.assignedStudies.size();
        std::set<std::int64_t> active;
        for (const auto& event : activity.events) {
            active.insert(event.studyId);
        }
        for (std::int64_t study : activity.assignedStudies) {
            summary.done += active.count(study) != 0 ? 1 : 0;
        }
        summary.medianMinutesPerStudy = medianMinutesPerStudy(activity);
        for (const StudyAdjudication& study : adjudications) {
            for (const LabelItem& item : study.labels) {
                for (const ReaderAnswer& answer : item.readers) {
                    if (answer.author != activity.name || !item.final) {
                        continue;
                    }
                    const bool same = answerCategory(answer) == answerCategory(*item.final);
                    if (item.state == ItemState::Adjudicated) {
                        ++summary.comparedWithAdjudicated;
                        summary.agreedWithAdjudicated += same ? 1 : 0;
                    }
                    if (item.state == ItemState::Adjudicated || item.state == ItemState::Agreed) {
                        ++summary.comparedWithFinal;
                        summary.agreedWithFinal += same ? 1 : 0;
                    }
                }
            }
        }
        report.annotators.push_back(std::move(summary));
    }
    return report;
}

std::string teamAgreementCsv(const TeamAgreementReport& report)
{
    std::string csv = "section,item,measure,value,ci_low,ci_high,n\n";
    const auto row = [&csv](const std::string& section, const std::string& item, const std::string& measure,
                         const std::string& value, const std::string& low, const std::string& high, std::size_t n) {
        csv += section + "," + csvCell(item) + "," + measure + "," + value + "," + low + "," + high + ","
            + std::to_string(n) + "\n";
    };
    const auto count = [](std::size_t value) { return std::to_string(value); };
    row("team", "all", "double_read_studies", count(report.doubleReadStudies), "", "", report.doubleReadStudies);
    row("team", "all", "disputed_studies", count(report.disputedStudies), "", "", report.doubleReadStudies);
    row("team", "all", "adjudicated_items", count(report.adjudicatedItems), "", "", report.adjudicatedItems);
    for (const LabelReaderAgreement& label : report.labels) {
        const std::string kappa = label.kappaKind == "Cohen" ? "cohen_kappa" : "fleiss_kappa";
        row("label", label.label, kappa, number(label.kappa.value), number(label.kappa.low), number(label.kappa.high),
            label.studies);
        row("label", label.label, "krippendorff_alpha", number(label.alpha.value), number(label.alpha.low),
            number(label.alpha.high), label.studies);
        row("label", label.label, "observed_agreement", number(label.observedAgreement), "", "", label.studies);
        row("label", label.label, "readers", count(label.readers), "", "", label.studies);
        row("label", label.label, "disputed", count(label.disputed), "", "", label.studies);
        row("label", label.label, "adjudicated", count(label.adjudicated), "", "", label.studies);
    }
    const LesionReaderAgreement& lesions = report.lesions;
    row("lesions", "all", "matched", count(lesions.matched), "", "", lesions.studies);
    row("lesions", "all", "only_first_reader", count(lesions.onlyFirst), "", "", lesions.studies);
    row("lesions", "all", "only_second_reader", count(lesions.onlySecond), "", "", lesions.studies);
    row("lesions", "all", "detection_agreement", number(lesions.detectionAgreement), "", "", lesions.studies);
    for (const auto& [axis, summary, icc] :
        { std::make_tuple(std::string("long_axis"), lesions.longAxisMm, lesions.longAxisIcc),
            std::make_tuple(std::string("short_axis"), lesions.shortAxisMm, lesions.shortAxisIcc) }) {
        row("lesions", axis, "mean_difference_mm", number(summary.meanDifference), "", "", summary.pairs);
        row("lesions", axis, "limits_of_agreement_mm", "", number(summary.lowerLimit), number(summary.upperLimit),
            summary.pairs);
        row("lesions", axis, "icc_2_1", number(icc), "", "", summary.pairs);
    }
    row("lesions", "all", "disputed", count(lesions.disputed), "", "", lesions.studies);
    row("lesions", "all", "adjudicated", count(lesions.adjudicated), "", "", lesions.studies);
    for (const AnnotatorSummary& annotator : report.annotators) {
        row("annotator", annotator.name, "studies_assigned", count(annotator.assigned), "", "", annotator.assigned);
        row("annotator", annotator.name, "studies_done", count(annotator.done), "", "", annotator.assigned);
        row("annotator", annotator.name, "median_minutes_per_study", number(annotator.medianMinutesPerStudy, 2), "", "",
            annotator.done);
        row("annotator", annotator.name, "agreement_with_adjudicated",
            annotator.comparedWithAdjudicated == 0 ? ""
                                                   : number(static_cast<double>(annotator.agreedWithAdjudicated)
                                                       / static_cast<double>(annotator.comparedWithAdjudicated)),
            "", "", annotator.comparedWithAdjudicated);
        row("annotator", annotator.name, "agreement_with_final",
            annotator.comparedWithFinal == 0 ? ""
                                             : number(static_cast<double>(annotator.agreedWithFinal)
                                                 / static_cast<double>(annotator.comparedWithFinal)),
            "", "", annotator.comparedWithFinal);
    }
    return csv;
}

std::string teamAgreementMarkdown(const TeamAgreementReport& report, int headingLevel)
{
    const std::string heading(static_cast<std::size_t>(std::max(1, headingLevel)), '#');
    std::string md;
    md += std::to_string(report.doubleReadStudies) + " double-read studies, " + std::to_string(report.disputedStudies)
        + " still in dispute, " + std::to_string(report.adjudicatedItems) + " answers settled by a reviewer. "
        + "Intervals: 95% percentile bootstrap over studies (" + std::to_string(report.options.bootstrapReplicates)
        + " resamples, seed " + std::to_string(report.options.bootstrapSeed) + ").\n\n";
    md += heading + " Labels\n\n";
    if (report.labels.empty()) {
        md += "No label was answered by two readers of the same study.\n\n";
    } else {
        md += "| Label | Studies | Readers | Kappa [95% CI] | Krippendorff's alpha [95% CI] | Observed agreement | "
              "Disputed | Adjudicated |\n|---|---|---|---|---|---|---|---|\n";
        for (const LabelReaderAgreement& label : report.labels) {
            md += "| " + label.label + " | " + std::to_string(label.studies) + " | " + std::to_string(label.readers)
                + " | " + label.kappaKind + " " + withInterval(label.kappa) + " | " + withInterval(label.alpha) + " | "
                + formatStatistic(label.observedAgreement) + " | " + std::to_string(label.disputed) + " | "
                + std::to_string(label.adjudicated) + " |\n";
        }
        md += "\n";
    }
    const LesionReaderAgreement& lesions = report.lesions;
    md += heading + " Lesions\n\n";
    char iou[32];
    std::snprintf(iou, sizeof iou, "%.2f", report.options.adjudication.matchIou);
    md += "Marks of two readers match when their boxes overlap with IoU >= " + std::string(iou)
        + " on the same or an adjacent slice; RECIST axes differing by more than "
        + formatStatistic(report.options.adjudication.recistToleranceMm, 1) + " mm are a dispute.\n\n";
    md += "| Measure | Value |\n|---|---|\n";
    md += "| Studies with marks | " + std::to_string(lesions.studies) + " |\n";
    md += "| Matched / only first reader / only second reader | " + std::to_string(lesions.matched) + " / "
        + std::to_string(lesions.onlyFirst) + " / " + std::to_string(lesions.onlySecond) + " |\n";
    md += "| Detection agreement (2 matched / (2 matched + unmatched)) | " + formatStatistic(lesions.detectionAgreement)
        + " |\n";
    md += "| Long axis: mean difference (first - second), limits of agreement | "
        + millimetres(lesions.longAxisMm, false) + ", " + millimetres(lesions.longAxisMm, true)
        + " (RECIST pairs: " + std::to_string(lesions.longAxisMm.pairs) + ") |\n";
    md += "| Short axis: mean difference, limits of agreement | " + millimetres(lesions.shortAxisMm, false) + ", "
        + millimetres(lesions.shortAxisMm, true) + " |\n";
    md += "| ICC(2,1) long / short axis | " + formatStatistic(lesions.longAxisIcc) + " / "
        + formatStatistic(lesions.shortAxisIcc) + " |\n";
    md += "| Disputed / adjudicated lesions | " + std::to_string(lesions.disputed) + " / "
        + std::to_string(lesions.adjudicated) + " |\n\n";
    md += heading + " Annotators\n\n";
    md += "| Annotator | Studies done / assigned | Median minutes per study | Agreement with adjudicated | "
          "Agreement with final answer |\n|---|---|---|---|---|\n";
    for (const AnnotatorSummary& annotator : report.annotators) {
        md += "| " + annotator.name + " | " + std::to_string(annotator.done) + " / "
            + std::to_string(annotator.assigned) + " | " + formatStatistic(annotator.medianMinutesPerStudy, 1) + " | "
            + share(annotator.agreedWithAdjudicated, annotator.comparedWithAdjudicated) + " | "
            + share(annotator.agreedWithFinal, annotator.comparedWithFinal) + " |\n";
    }
    return md;
}

} // namespace radmark::storage
