#pragma once

#include "radmark/annotation/reports/GoldLabelCsv.h"
#include "radmark/annotation/reports/LabelAgreement.h"
#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/annotation/reports/ReportLabeller.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace radmark::annotation {

// Scoring the labeller's proposals against human gold labels, label by label, as `radmark label-eval`
// prints them; usable as well from the GUI or a test. A proposal counts as present when its cell is
// "1"; the gold when it is 1 (0, -1 and empty are absent on both sides).

// One schema label scored against one gold column.
struct GoldMapping {
    std::string label; // schema label name
    std::string column; // gold column name, as written in the gold header
};

// Each schema label (not Choice) with a gold column of the same name (ignoring case, spaces, '_', '-'),
// else with a column of a well-known gold convention: the NegBio / ChestX-ray14 gold names
// "Effusion" for Pleural Effusion and "normal" for No Finding. Schema order.
std::vector<GoldMapping> defaultGoldMapping(const LabelSchema& schema, const GoldLabelTable& gold);

// "LABEL=COLUMN,LABEL=COLUMN...": exactly these pairs, in this order. Throws std::invalid_argument
// naming the problem: no '=', a label not in the schema or a Choice label, a column not in the gold
// file (the message lists the columns), a label given twice.
std::vector<GoldMapping> parseGoldMapping(
    const std::string& text, const LabelSchema& schema, const GoldLabelTable& gold);

struct LabelScore {
    std::string label;
    std::string column;
    BinaryConfusion counts; // reference = gold, candidate = proposal
};

// A report where proposal and gold disagree on one label.
struct LabelDisagreement {
    std::string id;
    std::string label;
    std::string expected; // the gold cell: "1", "0", "-1" or ""
    std::string proposed; // the proposal's cell: "1", "0", "-1" or ""
    std::string explanation; // the labeller's explanation (LabelExplanation::describe)
};

struct LabelEvaluation {
    std::vector<LabelScore> scores; // mapping order
    std::size_t scoredReports = 0; // reports that have a gold row
    std::vector<std::string> goldWithoutReport; // gold ids no report carries, gold file order
    std::vector<std::string> reportsWithoutGold; // report ids without a gold row, report order
    std::vector<LabelDisagreement> disagreements; // report order, then mapping order

    // Means over the labels whose value is defined (not NaN); NaN when none is.
    double macroPrecision() const;
    double macroRecall() const;
    double macroF1() const;
    double macroKappa() const;
};

// Collects proposals one report at a time (no report text is kept), then settles the lists of
// unmatched ids. `results` are the labeller's results in schema order (LabelledReport::labels).
// Keeps references to `schema` and `gold`: they must outlive the scorer. Throws std::invalid_argument
// when the mapping names a label or column that is not there.
class GoldScorer {
public:
    GoldScorer(const LabelSchema& schema, const GoldLabelTable& gold, std::vector<GoldMapping> mapping);

    // Returns false (and counts nothing) when `id` has no gold row; it is listed in reportsWithoutGold.
    bool add(const std::string& id, const std::vector<LabelResult>& results);
    LabelEvaluation finish();

private:
    const GoldLabelTable& m_gold;
    std::vector<std::size_t> m_labelIndex; // per mapping: index in the schema
    std::vector<std::size_t> m_columnIndex; // per mapping: index in gold.columns
    const LabelSchema& m_schema;
    std::unordered_map<std::string, std::size_t> m_rowOfId;
    std::vector<bool> m_seen; // per gold row
    LabelEvaluation m_result;
};

struct IdentifiedReport {
    std::string id;
    std::string text; // as read; empty text is labelled as nothing mentioned
};

// Labels every report with `labeller` and scores it with GoldScorer.
LabelEvaluation evaluateLabeller(const ReportLabeller& labeller, const std::vector<IdentifiedReport>& reports,
    const GoldLabelTable& gold, const std::vector<GoldMapping>& mapping);

} // namespace radmark::annotation
