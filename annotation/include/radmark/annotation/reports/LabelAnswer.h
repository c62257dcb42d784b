#pragma once

#include "radmark/annotation/reports/LabelSchema.h"

#include <optional>
#include <string>

namespace radmark::annotation {

// One label's answer as stored: value 1 / 0 / -1 (empty: not mentioned / not stated), or a Choice option.
struct LabelAnswer {
    std::optional<int> value;
    std::string choice;

    bool operator==(const LabelAnswer& other) const { return value == other.value && choice == other.choice; }
    bool operator!=(const LabelAnswer& other) const { return !(*this == other); }
};

// For people: "positive", "negative", "uncertain", "not mentioned"; "yes", "no", "not stated"; the option's name
// ("not stated" when none).
std::string describeAnswer(const LabelDefinition& label, const LabelAnswer& answer);

// Reads an answer typed by a person: 1 / 0 / -1 / "" or the words above (any case; "pos", "neg", "unc", "none",
// "empty" too); yes / no / true / false for YesNo; an option's name for Choice. Empty optional when it is none of
// these for this label's kind.
std::optional<LabelAnswer> parseAnswer(const LabelDefinition& label, const std::string& text);

// The next answer when the label's key is pressed: findings cycle positive → negative → uncertain → not mentioned
// → positive; yes/no cycle yes → no → not stated → yes; choices cycle through the options, then none.
LabelAnswer nextAnswer(const LabelDefinition& label, const LabelAnswer& current);

} // namespace radmark::annotation
