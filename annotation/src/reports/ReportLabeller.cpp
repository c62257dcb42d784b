#include "radmark/annotation/reports/ReportLabeller.h"

#include "radmark/annotation/reports/ReportCues.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

namespace radmark::annotation {

namespace {

const char* valueName(LabelValue value)
{
    switch (value) {
    case LabelValue::Positive:
        return "positive";
    case LabelValue::Negative:
        return "negative";
    case LabelValue::Uncertain:
        return "uncertain";
    case LabelValue::NotMentioned:
        return "not mentioned";
    }
    return "";
}

// Words allowed between a mention and a post cue ("the heart size IS normal").
bool linkingWord(const std::string& word)
{
    static const std::unordered_set<std::string> words { "is", "are", "was", "were", "be", "been", "has", "have",
        "appears", "appear", "appeared", "remains", "remain", "remained", "now", "currently", "again", "also", "still",
        "seen", "then", "size", "otherwise", "essentially", "largely", "completely", "entirely", "totally", "grossly",
        "within", "overall", "being", "seems", "seem", "looks", "look", "mildly", "slightly", "moderately", "markedly",
        "severely", "minimally", "somewhat", "very", "significantly", "stably",
        "xxxx" }; // a word removed by de-identification stands for whatever linked the sentence
    return words.count(word) != 0;
}

bool copulaWord(const std::string& word)
{
    static const std::unordered_set<std::string> words { "is", "are", "was", "were", "appears", "appear", "appeared",
        "remains", "remain", "remained", "seems", "seem", "looks", "look", "be", "been", "being" };
    return words.count(word) != 0;
}

// Words that start a new constituent: a post cue beyond them speaks of something else.
bool phraseBreakWord(const std::string& word)
{
    static const std::unordered_set<std::string> words { "with", "without", "of", "in", "at", "on", "to", "from", "for",
        "by", "than", "no", "not", "but", "there", "which", "that", "into", "after", "since" };
    return words.count(word) != 0;
}

// Whether a post cue ending before token `next` is an adjective of the noun after it ("cardiomegaly and
// NORMAL lung vascularity", "effusion, normal heart size"): a word follows in the clause, with only spaces
// between, and it is no preposition, conjunction or linking word.
bool attributive(const TokenizedReport& report, std::size_t next, std::size_t clauseEnd)
{
    if (next >= clauseEnd || next == 0) {
        return false;
    }
    const ReportToken& following = report.tokens[next];
    const ReportToken& last = report.tokens[next - 1];
    if (following.begin != last.end + 1) {
        return false; // punctuation or a line break between
    }
    const std::string& word = following.word;
    return !(phraseBreakWord(word) || linkingWord(word) || word == "and" || word == "or" || word == "nor"
        || word == "for" || word == "limits" || word == "bilaterally" || word == "throughout");
}

// Whether a post cue starting at `cueFirst` is the predicate of a mention ending at `mentionEnd`: only
// linking words between them ("heart size IS normal"), or a coordinated subject ("heart size AND
// pulmonary vascularity ARE normal", "heart and mediastinum normal") with no preposition or negation when
// `overSubjects` (a hedge such as "versus" speaks of the words next to it only).
bool predicateReaches(
    const std::vector<ReportToken>& tokens, std::size_t mentionEnd, std::size_t cueFirst, bool overSubjects)
{
    constexpr std::size_t subjectReach = 10;
    if (cueFirst - mentionEnd > subjectReach) {
        return false;
    }
    bool allLinking = true;
    bool coordinated = false;
    bool copula = false;
    for (std::size_t k = mentionEnd; k < cueFirst; ++k) {
        const std::string& word = tokens[k].word;
        if (linkingWord(word)) {
            copula = copula || copulaWord(word);
            continue;
        }
        allLinking = false;
        if (copula || phraseBreakWord(word)) {
            return false; // "heart size is normal and X", "X with Y normal"
        }
        coordinated = coordinated || word == "and" || word == "or" || word == "nor";
    }
    if (allLinking) {
        return cueFirst - mentionEnd <= postCueReach || copula;
    }
    return overSubjects && (coordinated || copula);
}

int priority(LabelValue value)
{
    switch (value) {
    case LabelValue::Positive:
        return 3;
    case LabelValue::Uncertain:
        return 2;
    case LabelValue::Negative:
        return 1;
    case LabelValue::NotMentioned:
        return 0;
    }
    return 0;
}

std::string slice(const std::string& text, std::size_t begin, std::size_t end)
{
    return begin < end && end <= text.size() ? text.substr(begin, end - begin) : std::string();
}

} // namespace

std::string LabelExplanation::describe() const
{
    std::string line = rule;
    if (!matchedText.empty()) {
        line += ": \"" + matchedText + "\"";
        if (phrase != matchedText) {
            line += " (schema phrase \"" + phrase + "\")";
        }
        if (!cue.empty()) {
            line += ", cue \"" + cue + "\"";
        }
        line += ", " + std::string(sectionName(section)) + " sentence at " + std::to_string(sentenceBegin) + "-"
            + std::to_string(sentenceEnd);
    }
    if (!note.empty()) {
        line += "; " + note;
    }
    for (char& c : line) {
        c = c == '\n' || c == '\t' ? ' ' : c; // one line, whatever the report's line breaks
    }
    return line;
}

std::string labelCellText(const LabelDefinition& label, const LabelResult& result)
{
    if (label.kind == LabelKind::Choice) {
        return result.value == LabelValue::Positive && result.choice >= 0
                && static_cast<std::size_t>(result.choice) < label.choices.size()
            ? label.choices[static_cast<std::size_t>(result.choice)].name
            : std::string();
    }
    switch (result.value) {
    case LabelValue::Positive:
        return "1";
    case LabelValue::Negative:
        return "0";
    case LabelValue::Uncertain:
        return "-1";
    case LabelValue::NotMentioned:
        return "";
    }
    return "";
}

ReportLabeller::ReportLabeller(LabelSchema schema)
    : m_schema(std::move(schema))
{
    const auto add = [&](const std::string& phrase, std::size_t label, int detail) {
        if (!m_mentions.add(phrase, static_cast<int>(label), detail)) {
            throw std::invalid_argument("label \"" + m_schema.labels[label].name + "\": phrase \"" + phrase
                + "\" has no word or starts with '*'");
        }
    };
    for (std::size_t index = 0; index < m_schema.labels.size(); ++index) {
        const LabelDefinition& label = m_schema.labels[index];
        for (const auto& phrase : label.synonyms) {
            add(phrase, index, -2);
        }
        for (const auto& phrase : label.patterns) {
            add(phrase, index, -2);
        }
        for (const auto& phrase : label.negativeSynonyms) {
            add(phrase, index, -1);
        }
        for (const auto& phrase : label.attributes) {
            add(phrase, index, -3);
        }
        for (const auto& phrase : label.otherFindings) {
            add(phrase, index, -4);
        }
        for (std::size_t choice = 0; choice < label.choices.size(); ++choice) {
            for (const auto& phrase : label.choices[choice].synonyms) {
                add(phrase, index, static_cast<int>(choice));
            }
        }
    }
}

bool ReportLabeller::classify(const TokenizedReport& report, const ReportSentence& sentence,
    const std::vector<PhraseMatcher::Match>& cues, Mention& mention) const
{
    const PhraseMatcher& cueWords = reportCues();
    const bool attribute = mention.kind == MentionKind::Attribute;
    const std::size_t first = mention.match.firstToken;
    const std::size_t end = mention.match.endToken;
    std::size_t clauseBegin = sentence.firstToken;
    std::size_t clauseEnd = sentence.endToken;
    for (std::size_t k = sentence.firstToken; k < sentence.endToken; ++k) {
        if (report.tokens[k].clauseStart) {
            if (k <= first) {
                clauseBegin = k;
            } else if (k >= end) {
                clauseEnd = std::min(clauseEnd, k);
            }
        }
    }
    for (const auto& cue : cues) {
        if (static_cast<CueKind>(cueWords.group(cue.phrase)) != CueKind::ClauseBreak) {
            continue;
        }
        if (cue.endToken <= first) {
            clauseBegin = std::max(clauseBegin, cue.endToken);
        } else if (cue.firstToken >= end) {
            clauseEnd = std::min(clauseEnd, cue.firstToken);
        }
    }
    const PhraseMatcher::Match* pre = nullptr;
    const PhraseMatcher::Match* post = nullptr;
    const PhraseMatcher::Match* abnormalBefore = nullptr; // attributes: "enlarged heart size"
    for (const auto& cue : cues) {
        const CueKind kind = static_cast<CueKind>(cueWords.group(cue.phrase));
        const bool abnormal = kind == CueKind::Abnormal;
        if ((abnormal && !attribute)
            || (kind == CueKind::Historical && (attribute || mention.kind == MentionKind::OtherFinding))) {
            continue;
        }
        const bool probable = kind == CueKind::Probable;
        const bool limit = kind == CueKind::LimitOfNormal;
        const bool preKind = kind == CueKind::PreNegation || kind == CueKind::PreUncertainty || kind == CueKind::Pseudo
            || kind == CueKind::Historical || ((probable || limit) && cue.firstToken < first);
        const bool postKind
            = kind == CueKind::PostNegation || kind == CueKind::PostUncertainty || abnormal || probable || limit;
        if (abnormal && cue.endToken <= first && cue.firstToken >= clauseBegin
            && first - cue.endToken <= static_cast<std::size_t>(cueWords.detail(cue.phrase))) {
            abnormalBefore = &cue;
        }
        if (preKind && cue.firstToken < first && cue.endToken <= end && cue.firstToken >= clauseBegin) {
            const int reach = cueWords.detail(cue.phrase);
            if (reach > 0 && cue.endToken < first && first - cue.endToken >= static_cast<std::size_t>(reach)) {
                continue;
            }
            // A likelihood word does not undo a negation before it ("no opacity to suggest pneumonia").
            const bool preProbable
                = pre != nullptr && static_cast<CueKind>(cueWords.group(pre->phrase)) == CueKind::Probable;
            const bool nearer = pre == nullptr || cue.endToken > pre->endToken
                || (cue.endToken == pre->endToken && cue.firstToken < pre->firstToken);
            if (pre == nullptr || (probable == preProbable ? nearer : !probable)) {
                pre = &cue;
            }
        } else if (abnormal && cue.firstToken >= end && end < report.tokens.size()
            && report.tokens[end].begin > report.tokens[end - 1].end + 1) {
            continue; // "stable heart size, enlarged aorta": punctuation, not a predicate, between them
        } else if (postKind && cue.firstToken >= end && cue.endToken <= clauseEnd
            && (cueWords.detail(cue.phrase) == clauseWideReach
                || predicateReaches(report.tokens, end, cue.firstToken, kind != CueKind::PostUncertainty))
            && !(kind == CueKind::PostNegation && attributive(report, cue.endToken, clauseEnd))) {
            if (post == nullptr || cue.firstToken < post->firstToken
                || (cue.firstToken == post->firstToken && cue.endToken > post->endToken)) {
                post = &cue;
            }
        }
    }
    const PhraseMatcher::Match* decisive = pre != nullptr ? pre : post;
    if (attribute) {
        // The attribute's own predicate decides; a cue before it only when it has none.
        decisive = post != nullptr ? post : pre != nullptr ? pre : abnormalBefore;
        if (decisive == nullptr || static_cast<CueKind>(cueWords.group(decisive->phrase)) == CueKind::Pseudo) {
            return false; // "the cardiac silhouette", "no change in heart size": no finding stated
        }
    }
    if (decisive != nullptr) {
        const CueKind kind = static_cast<CueKind>(cueWords.group(decisive->phrase));
        mention.value = kind == CueKind::Pseudo || kind == CueKind::Abnormal || kind == CueKind::Probable
            ? LabelValue::Positive
            : kind == CueKind::PreNegation || kind == CueKind::PostNegation || kind == CueKind::Historical
            ? LabelValue::Negative
            : LabelValue::Uncertain;
        mention.cueBegin = decisive->firstToken;
        mention.cueEnd = decisive->endToken;
        mention.atLimitOfNormal = kind == CueKind::LimitOfNormal;
    } else {
        mention.value = sentence.question ? LabelValue::Uncertain : LabelValue::Positive;
    }
    if (mention.kind == MentionKind::Denial) {
        mention.value = mention.value == LabelValue::Positive ? LabelValue::Negative
            : mention.value == LabelValue::Negative           ? LabelValue::Positive
                                                              : mention.value;
    }
    return true;
}

LabelledReport ReportLabeller::label(const std::string& reportBytes) const
{
    LabelledReport result;
    result.text = decodeReportText(reportBytes);
    result.labels.resize(m_schema.labels.size());
    const TokenizedReport report = tokenizeReport(result.text);
    const PhraseMatcher& cueWords = reportCues();

    std::vector<Mention> mentions;
    std::vector<PhraseMatcher::Match> cues;
    std::vector<PhraseMatcher::Match> found;
    for (std::size_t s = 0; s < report.sentences.size(); ++s) {
        const ReportSentence& sentence = report.sentences[s];
        if (sentence.section == ReportSection::Ignored) {
            continue;
        }
        found.clear();
        m_mentions.findAll(report.tokens, sentence.firstToken, sentence.endToken, found);
        if (found.empty()) {
            continue;
        }
        cues.clear();
        cueWords.findAll(report.tokens, sentence.firstToken, sentence.endToken, cues);
        std::vector<std::size_t> lastEnd(m_schema.labels.size(), 0);
        for (const auto& match : found) {
            const auto label = static_cast<std::size_t>(m_mentions.group(match.phrase));
            if (match.firstToken < lastEnd[label]) {
                continue; // overlaps an earlier mention of the same label ("non diagnostic quality")
            }
            lastEnd[label] = match.endToken;
            Mention mention;
            mention.label = label;
            const int detail = m_mentions.detail(match.phrase);
            mention.kind = detail == -1 ? MentionKind::Denial
                : detail == -3          ? MentionKind::Attribute
                : detail == -4          ? MentionKind::OtherFinding
                                        : MentionKind::Synonym;
            mention.choice = detail >= 0 ? detail : -1;
            mention.match = match;
            mention.sentence = s;
            // Cues inside the mention itself do not act on it; one starting before it may run into it ("no acute").
            std::vector<PhraseMatcher::Match> outside;
            outside.reserve(cues.size());
            for (const auto& cue : cues) {
                if (cue.firstToken < match.firstToken || cue.firstToken >= match.endToken) {
                    outside.push_back(cue);
                }
            }
            if (classify(report, sentence, outside, mention)) {
                mentions.push_back(mention);
            }
        }
    }

    const auto explain = [&](const Mention& mention, LabelExplanation& why) {
        const ReportSentence& sentence = report.sentences[mention.sentence];
        why.matchedText = slice(
            result.text, report.tokens[mention.match.firstToken].begin, report.tokens[mention.match.endToken - 1].end);
        why.phrase = m_mentions.text(mention.match.phrase);
        if (mention.cueEnd > mention.cueBegin) {
            why.cue = slice(result.text, report.tokens[mention.cueBegin].begin, report.tokens[mention.cueEnd - 1].end);
        }
        why.rule = std::string(valueName(mention.value))
            + (mention.kind == MentionKind::Denial ? " (negative synonym)" : "")
            + (mention.kind == MentionKind::Attribute ? " (attribute with its predicate)" : "")
            + (mention.atLimitOfNormal ? " (at the limit of normal)" : "")
            + (mention.cueEnd == mention.cueBegin && sentence.question ? " (question)" : "");
        why.section = sentence.section;
        why.sentenceBegin = sentence.begin;
        why.sentenceEnd = sentence.end;
        why.mentionBegin = report.tokens[mention.match.firstToken].begin;
        why.mentionEnd = report.tokens[mention.match.endToken - 1].end;
    };
    std::vector<const Mention*> otherFinding(m_schema.labels.size(), nullptr);
    for (std::size_t index = 0; index < m_schema.labels.size(); ++index) {
        const LabelDefinition& definition = m_schema.labels[index];
        const Mention* best[2] = { nullptr, nullptr }; // [0] findings, [1] impression
        for (const Mention& mention : mentions) {
            if (mention.label != index) {
                continue;
            }
            if (mention.kind == MentionKind::OtherFinding) {
                if ((mention.value == LabelValue::Positive || mention.value == LabelValue::Uncertain)
                    && (otherFinding[index] == nullptr
                        || priority(mention.value) > priority(otherFinding[index]->value))) {
                    otherFinding[index] = &mention;
                }
                continue;
            }
            const bool impression = report.sentences[mention.sentence].section == ReportSection::Impression;
            const Mention*& slot = best[impression ? 1 : 0];
            if (definition.kind == LabelKind::Choice) {
                if (mention.value == LabelValue::Positive && (slot == nullptr || mention.choice < slot->choice)) {
                    slot = &mention;
                }
            } else if (slot == nullptr || priority(mention.value) > priority(slot->value)) {
                slot = &mention;
            }
        }
        const Mention* chosen = best[1] != nullptr ? best[1] : best[0];
        LabelResult& out = result.labels[index];
        if (chosen == nullptr) {
            continue;
        }
        out.value = chosen->value;
        out.choice = chosen->choice;
        out.atLimitOfNormal = chosen->atLimitOfNormal && chosen->value == LabelValue::Uncertain;
        LabelExplanation& why = out.explanation;
        explain(*chosen, why);
        if (best[1] != nullptr && best[0] != nullptr
            && (best[0]->value != best[1]->value || best[0]->choice != best[1]->choice)) {
            why.note = std::string("impression preferred; the findings say ") + valueName(best[0]->value) + " (\""
                + slice(result.text, report.tokens[best[0]->match.firstToken].begin,
                    report.tokens[best[0]->match.endToken - 1].end)
                + "\")";
        }
    }
    std::vector<LabelExplanation> otherFindings(m_schema.labels.size());
    for (std::size_t index = 0; index < m_schema.labels.size(); ++index) {
        if (otherFinding[index] != nullptr) {
            explain(*otherFinding[index], otherFindings[index]);
        }
    }
    applyDerived(result, otherFindings);
    return result;
}

void ReportLabeller::applyDerived(LabelledReport& result, const std::vector<LabelExplanation>& otherFindings) const
{
    const auto& labels = m_schema.labels;
    const auto indexOf = [&](const std::string& name) {
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (labels[i].name == name) {
                return i;
            }
        }
        return labels.size();
    };
    // anyPositive first: noOtherPositive labels may look at them.
    for (std::size_t index = 0; index < labels.size(); ++index) {
        if (labels[index].derived.kind != DerivedRule::Kind::AnyPositive) {
            continue;
        }
        LabelResult& out = result.labels[index];
        for (const LabelValue wanted : { LabelValue::Positive, LabelValue::Uncertain }) {
            for (const auto& name : labels[index].derived.labels) {
                const std::size_t other = indexOf(name);
                if (other < labels.size() && result.labels[other].value == wanted
                    && out.value != LabelValue::Positive) {
                    out = LabelResult {};
                    out.value = wanted;
                    out.explanation.rule = std::string("derived: \"") + name + "\" is " + valueName(wanted);
                }
            }
        }
    }
    for (std::size_t index = 0; index < labels.size(); ++index) {
        const LabelDefinition& definition = labels[index];
        if (definition.derived.kind != DerivedRule::Kind::NoOtherPositive) {
            continue;
        }
        std::string blocker;
        for (std::size_t other = 0; other < labels.size() && blocker.empty(); ++other) {
            const LabelValue value = result.labels[other].value;
            const bool excepted
                = std::find(definition.derived.labels.begin(), definition.derived.labels.end(), labels[other].name)
                != definition.derived.labels.end();
            if (other != index && !excepted && labels[other].derived.kind != DerivedRule::Kind::NoOtherPositive
                && labels[other].kind != LabelKind::Choice
                && (value == LabelValue::Positive
                    || (value == LabelValue::Uncertain && !result.labels[other].atLimitOfNormal))) {
                blocker = labels[other].name + "\" is " + valueName(value);
            }
        }
        LabelResult& out = result.labels[index];
        out = LabelResult {};
        if (blocker.empty() && !otherFindings[index].rule.empty()) {
            out.value = definition.kind == LabelKind::YesNo ? LabelValue::Negative : LabelValue::NotMentioned;
            out.explanation = otherFindings[index];
            out.explanation.rule = "derived: a finding outside the labels is " + otherFindings[index].rule;
        } else if (blocker.empty()) {
            out.value = LabelValue::Positive;
            out.explanation.rule = "derived: no other label is positive or uncertain";
            if (!definition.otherFindings.empty()) {
                out.explanation.rule += ", nor any other finding of the schema";
            }
        } else {
            out.value = definition.kind == LabelKind::YesNo ? LabelValue::Negative : LabelValue::NotMentioned;
            out.explanation.rule = "derived: \"" + blocker;
        }
    }
    for (std::size_t index = 0; index < labels.size(); ++index) {
        LabelResult& out = result.labels[index];
        if (out.value == LabelValue::NotMentioned && !labels[index].defaultValue.empty()) {
            out.value = labels[index].defaultValue == "yes" ? LabelValue::Positive : LabelValue::Negative;
            out.explanation.rule = "default (" + labels[index].defaultValue + ": the report does not say)";
        }
    }
}

} // namespace radmark::annotation
