#include "radmark/annotation/reports/LabelAnswer.h"

#include "radmark/annotation/AsciiText.h"

namespace radmark::annotation {

std::string describeAnswer(const LabelDefinition& label, const LabelAnswer& answer)
{
    switch (label.kind) {
    case LabelKind::Finding:
        if (!answer.value) {
            return "not mentioned";
        }
        return *answer.value == 1 ? "positive" : *answer.value == 0 ? "negative" : "uncertain";
    case LabelKind::YesNo:
        if (!answer.value || *answer.value == -1) {
            return "not stated";
        }
        return *answer.value == 1 ? "yes" : "no";
    case LabelKind::Choice:
        break;
    }
    return answer.choice.empty() ? std::string("not stated") : answer.choice;
}

std::optional<LabelAnswer> parseAnswer(const LabelDefinition& label, const std::string& text)
{
    const std::string word = lowerTrimmedAscii(text);
    const bool empty = word.empty() || word == "none" || word == "empty" || word == "not mentioned"
        || word == "not stated" || word == "blank";
    switch (label.kind) {
    case LabelKind::Finding:
        if (empty) {
            return LabelAnswer {};
        }
        if (word == "1" || word == "positive" || word == "pos") {
            return LabelAnswer { 1, {} };
        }
        if (word == "0" || word == "negative" || word == "neg") {
            return LabelAnswer { 0, {} };
        }
        if (word == "-1" || word == "uncertain" || word == "unc") {
            return LabelAnswer { -1, {} };
        }
        return std::nullopt;
    case LabelKind::YesNo:
        if (empty) {
            return LabelAnswer {};
        }
        if (word == "1" || word == "yes" || word == "true" || word == "y") {
            return LabelAnswer { 1, {} };
        }
        if (word == "0" || word == "no" || word == "false" || word == "n") {
            return LabelAnswer { 0, {} };
        }
        return std::nullopt;
    case LabelKind::Choice:
        break;
    }
    if (empty) {
        return LabelAnswer {};
    }
    for (const LabelChoice& choice : label.choices) {
        if (lowerTrimmedAscii(choice.name) == word) {
            return LabelAnswer { std::nullopt, choice.name };
        }
    }
    return std::nullopt;
}

LabelAnswer nextAnswer(const LabelDefinition& label, const LabelAnswer& current)
{
    switch (label.kind) {
    case LabelKind::Finding:
        if (!current.value) {
            return { 1, {} };
        }
        if (*current.value == 1) {
            return { 0, {} };
        }
        if (*current.value == 0) {
            return { -1, {} };
        }
        return {};
    case LabelKind::YesNo:
        if (!current.value || *current.value == -1) {
            return { 1, {} };
        }
        return *current.value == 1 ? LabelAnswer { 0, {} } : LabelAnswer {};
    case LabelKind::Choice:
        break;
    }
    if (label.choices.empty()) {
        return {};
    }
    for (std::size_t index = 0; index < label.choices.size(); ++index) {
        if (label.choices[index].name == current.choice) {
            return index + 1 < label.choices.size() ? LabelAnswer { std::nullopt, label.choices[index + 1].name }
                                                    : LabelAnswer {};
        }
    }
    return { std::nullopt, label.choices.front().name };
}

} // namespace radmark::annotation
