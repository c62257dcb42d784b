#include "radmark/annotation/reports/LabelEvaluation.h"

#include "radmark/annotation/AsciiText.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace radmark::annotation {

namespace {

// Gold columns of published label sets whose names differ from the schema label they score.
struct KnownAlias {
    const char* label;
    const char* column;
};
constexpr KnownAlias knownAliases[] = {
    { "Pleural Effusion", "Effusion" }, // ChestX-ray14 / NegBio Open-i gold
    { "No Finding", "normal" }, // NegBio Open-i gold
    { "No Finding", "No_Finding" },
};

bool sameName(const std::string& a, const std::string& b)
{
    return lowerTrimmedAscii(a) == lowerTrimmedAscii(b);
}

std::string columnList(const GoldLabelTable& gold)
{
    std::string list;
    for (const auto& column : gold.columns) {
        list += (list.empty() ? "" : ", ") + column;
    }
    return list;
}

template <typename Value> double meanDefined(const std::vector<LabelScore>& scores, Value value)
{
    double sum = 0.0;
    std::size_t count = 0;
    for (const auto& score : scores) {
        const double v = value(score.counts);
        if (!std::isnan(v)) {
            sum += v;
            ++count;
        }
    }
    return count == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / double(count);
}

} // namespace

std::vector<GoldMapping> defaultGoldMapping(const LabelSchema& schema, const GoldLabelTable& gold)
{
    std::vector<GoldMapping> mapping;
    for (const auto& label : schema.labels) {
        if (label.kind == LabelKind::Choice) {
            continue;
        }
        std::size_t column = gold.columnIndex(label.name);
        for (const auto& alias : knownAliases) {
            if (column == gold.columns.size() && sameName(alias.label, label.name)) {
                column = gold.columnIndex(alias.column);
            }
        }
        if (column < gold.columns.size()) {
            mapping.push_back({ label.name, gold.columns[column] });
        }
    }
    return mapping;
}

std::vector<GoldMapping> parseGoldMapping(
    const std::string& text, const LabelSchema& schema, const GoldLabelTable& gold)
{
    std::vector<GoldMapping> mapping;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string pair = trimmedAscii(text.substr(start, comma - start));
        start = comma + 1;
        if (pair.empty()) {
            continue;
        }
        const std::size_t equals = pair.find('=');
        if (equals == std::string::npos) {
            throw std::invalid_argument("--map: \"" + pair + "\" is not LABEL=COLUMN");
        }
        const std::string labelName = trimmedAscii(pair.substr(0, equals));
        const std::string columnName = trimmedAscii(pair.substr(equals + 1));
        const LabelDefinition* label = nullptr;
        for (const auto& candidate : schema.labels) {
            if (sameName(candidate.name, labelName)) {
                label = &candidate;
            }
        }
        if (label == nullptr) {
            throw std::invalid_argument("--map: schema \"" + schema.name + "\" has no label \"" + labelName + "\"");
        }
        if (label->kind == LabelKind::Choice) {
            throw std::invalid_argument(
                "--map: \"" + label->name + "\" is a choice label; only 1/0/-1 labels are scored");
        }
        const std::size_t column = gold.columnIndex(columnName);
        if (column == gold.columns.size()) {
            throw std::invalid_argument(
                "--map: the gold file has no column \"" + columnName + "\" (its columns: " + columnList(gold) + ")");
        }
        for (const auto& earlier : mapping) {
            if (earlier.label == label->name) {
                throw std::invalid_argument("--map: label \"" + label->name + "\" is mapped twice");
            }
        }
        mapping.push_back({ label->name, gold.columns[column] });
    }
    if (mapping.empty()) {
        throw std::invalid_argument("--map: no LABEL=COLUMN pair");
    }
    return mapping;
}

double LabelEvaluation::macroPrecision() const
{
    return meanDefined(scores, [](const BinaryConfusion& c) { return precision(c); });
}

double LabelEvaluation::macroRecall() const
{
    return meanDefined(scores, [](const BinaryConfusion& c) { return recall(c); });
}

double LabelEvaluation::macroF1() const
{
    return meanDefined(scores, [](const BinaryConfusion& c) { return f1Score(c); });
}

double LabelEvaluation::macroKappa() const
{
    return meanDefined(scores, [](const BinaryConfusion& c) { return cohensKappa(c); });
}

GoldScorer::GoldScorer(const LabelSchema& schema, const GoldLabelTable& gold, std::vector<GoldMapping> mapping)
    : m_gold(gold)
    , m_schema(schema)
    , m_seen(gold.rows.size(), false)
{
    for (const auto& pair : mapping) {
        std::size_t label = 0;
        while (label < schema.labels.size() && schema.labels[label].name != pair.label) {
            ++label;
        }
        const std::size_t column = gold.columnIndex(pair.column);
        if (label == schema.labels.size() || column == gold.columns.size()) {
            throw std::invalid_argument(
                "gold mapping " + pair.label + "=" + pair.column + " names an unknown label or column");
        }
        m_labelIndex.push_back(label);
        m_columnIndex.push_back(column);
        m_result.scores.push_back({ pair.label, pair.column, {} });
    }
    m_rowOfId.reserve(gold.rows.size());
    for (std::size_t r = 0; r < gold.rows.size(); ++r) {
        m_rowOfId.emplace(gold.rows[r].id, r);
    }
}

bool GoldScorer::add(const std::string& id, const std::vector<LabelResult>& results)
{
    const auto found = m_rowOfId.find(trimmedAscii(id));
    if (found == m_rowOfId.end()) {
        m_result.reportsWithoutGold.push_back(id);
        return false;
    }
    m_seen[found->second] = true;
    ++m_result.scoredReports;
    const GoldLabelTable::Row& row = m_gold.rows[found->second];
    for (std::size_t m = 0; m < m_labelIndex.size(); ++m) {
        const LabelDefinition& label = m_schema.labels[m_labelIndex[m]];
        const LabelResult& result = results.at(m_labelIndex[m]);
        const std::string proposed = labelCellText(label, result);
        const GoldValue expected = row.values[m_columnIndex[m]];
        const bool proposedPresent = proposed == "1";
        const bool goldIsPresent = goldPresent(expected);
        BinaryConfusion& counts = m_result.scores[m].counts;
        if (goldIsPresent) {
            ++(proposedPresent ? counts.truePositive : counts.falseNegative);
        } else {
            ++(proposedPresent ? counts.falsePositive : counts.trueNegative);
        }
        if (goldIsPresent != proposedPresent) {
            const std::string why = result.value == LabelValue::NotMentioned && result.explanation.rule.empty()
                ? std::string("not mentioned in the report")
                : result.explanation.describe();
            m_result.disagreements.push_back({ row.id, label.name, goldCellText(expected), proposed, why });
        }
    }
    return true;
}

LabelEvaluation GoldScorer::finish()
{
    for (std::size_t r = 0; r < m_gold.rows.size(); ++r) {
        if (!m_seen[r]) {
            m_result.goldWithoutReport.push_back(m_gold.rows[r].id);
        }
    }
    LabelEvaluation result = std::move(m_result);
    m_result = LabelEvaluation {};
    return result;
}

LabelEvaluation evaluateLabeller(const ReportLabeller& labeller, const std::vector<IdentifiedReport>& reports,
    const GoldLabelTable& gold, const std::vector<GoldMapping>& mapping)
{
    GoldScorer scorer(labeller.schema(), gold, mapping);
    const std::vector<LabelResult> nothing(labeller.schema().labels.size());
    for (const auto& report : reports) {
        if (lowerTrimmedAscii(report.text).empty()) {
            scorer.add(report.id, nothing);
        } else {
            scorer.add(report.id, labeller.label(report.text).labels);
        }
    }
    return scorer.finish();
}

} // namespace radmark::annotation
