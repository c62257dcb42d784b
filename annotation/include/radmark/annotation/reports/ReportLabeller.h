#pragma once

#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/annotation/reports/PhraseMatcher.h"
#include "radmark/annotation/reports/ReportText.h"

#include <cstddef>
#include <string>
#include <vector>

namespace radmark::annotation {

enum class LabelValue { NotMentioned, Positive, Negative, Uncertain };

// Why a label got its value: the mention that decided it, the cue acting on it, where it stands.
struct LabelExplanation {
    std::string matchedText; // the words of the report, as written
    std::string phrase; // the schema phrase that matched
    std::string cue; // the negation / uncertainty cue as written, empty when none
    std::string rule; // "mention", "negated mention", "default", "derived: ..." ...
    ReportSection section = ReportSection::Findings;
    std::size_t sentenceBegin = 0; // byte offsets in LabelledReport::text
    std::size_t sentenceEnd = 0;
    std::size_t mentionBegin = 0;
    std::size_t mentionEnd = 0;
    std::string note; // e.g. the findings' different answer that the impression overrode

    std::string describe() const; // one line for people
};

struct LabelResult {
    LabelValue value = LabelValue::NotMentioned;
    int choice = -1; // Choice labels: index in LabelDefinition::choices
    // Uncertain only because stated at the limit of normal ("heart size upper limits of normal"):
    // a derived normal label does not count it as a finding.
    bool atLimitOfNormal = false;
    LabelExplanation explanation;
};

struct LabelledReport {
    std::string text; // the decoded report the offsets refer to
    std::vector<LabelResult> labels; // in the schema's order
};

// The CSV cell of a result: "1", "0", "-1", "" or the choice's name.
std::string labelCellText(const LabelDefinition& label, const LabelResult& result);

// Rule-based, explainable report labeller for one schema. Thread-safe for concurrent label() calls.
// Per sentence: schema mentions; per mention: the nearest negation / uncertainty cue in scope
// (pre cues up to the end of the clause, post cues a few linking words after); a question mark
// makes an uncued mention uncertain. Per label: mentions of the impression win over the rest of
// the report; among one section positive > uncertain > negative (CheXpert). Derived labels last.
class ReportLabeller {
public:
    explicit ReportLabeller(LabelSchema schema);

    const LabelSchema& schema() const { return m_schema; }
    LabelledReport label(const std::string& reportBytes) const;

private:
    // Synonyms assert the label, denials deny it, attributes name what it is about (a finding only with an
    // abnormal predicate), other findings block a noOtherPositive label without being a label.
    enum class MentionKind { Synonym, Denial, Attribute, OtherFinding };
    struct Mention {
        std::size_t label = 0;
        int choice = -1;
        MentionKind kind = MentionKind::Synonym;
        PhraseMatcher::Match match;
        LabelValue value = LabelValue::Positive;
        std::size_t cueBegin = 0;
        std::size_t cueEnd = 0; // tokens; equal when no cue
        bool atLimitOfNormal = false;
        std::size_t sentence = 0;
    };

    // Sets the mention's value from the cues in scope; false when an attribute mention has no predicate.
    bool classify(const TokenizedReport& report, const ReportSentence& sentence,
        const std::vector<PhraseMatcher::Match>& cues, Mention& mention) const;
    // otherFindings[i]: for a noOtherPositive label i, the explanation of an other finding stated as
    // present or uncertain (empty rule when none).
    void applyDerived(LabelledReport& result, const std::vector<LabelExplanation>& otherFindings) const;

    LabelSchema m_schema;
    PhraseMatcher m_mentions; // group = label index, detail = choice index, or a negative MentionKind code
};

} // namespace radmark::annotation
