#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace radmark::annotation {

// How a study-level label is answered.
enum class LabelKind {
    Finding, // positive (1) / negative (0) / uncertain (-1) / not mentioned (empty), as CheXpert
    YesNo, // yes (1) / no (0) / not stated (empty, or the label's default)
    Choice, // one of a list of named options
};

// A label whose value follows from the other labels of the report.
struct DerivedRule {
    enum class Kind { None, NoOtherPositive, AnyPositive };
    Kind kind = Kind::None;
    std::vector<std::string> labels; // NoOtherPositive: labels ignored; AnyPositive: labels that count
};

struct LabelChoice {
    std::string name;
    std::vector<std::string> synonyms;
};

// One label of a schema. Phrases are matched word by word, ignoring case and hyphens, and the last
// word also in its plural form; in `patterns` a `*` stands for any one word.
struct LabelDefinition {
    std::string name; // the CSV column
    LabelKind kind = LabelKind::Finding;
    std::vector<std::string> synonyms; // mentions that assert the label
    std::vector<std::string> patterns; // the same with `*` wildcards
    std::vector<std::string> negativeSynonyms; // mentions that deny it (e.g. "non-diagnostic" for quality)
    // The organ or measure the finding is about ("heart size", "cardiac silhouette"): not a finding by
    // itself; positive only with an abnormal predicate ("is enlarged", "large"), negative with a normal
    // one ("within normal limits"), uncertain with a borderline one ("upper limits of normal").
    std::vector<std::string> attributes;
    // noOtherPositive labels: further findings that are no schema label but make a study abnormal for
    // the readers (e.g. "granuloma", "degenerative change"), when stated as present or uncertain.
    std::vector<std::string> otherFindings;
    std::vector<LabelChoice> choices; // Choice only
    std::string defaultValue; // YesNo: "yes", "no" or "" when not stated
    std::string shortcut; // one key, e.g. "c" or "Shift+C"
    DerivedRule derived;
    int line = 0; // where it is defined in the schema file
};

struct LabelSchema {
    std::string name;
    std::string title;
    int version = 1;
    std::vector<LabelDefinition> labels;

    const LabelDefinition* find(const std::string& labelName) const;
};

// A schema file that cannot be used: the message names the file, the line and the reason.
class LabelSchemaError : public std::runtime_error {
public:
    LabelSchemaError(const std::string& source, int line, int column, const std::string& reason);
    int line() const { return m_line; }

private:
    int m_line;
};

// Reads a schema from JSON text. `source` names the file in error messages.
// Format: {"format": "radmark-label-schema", "version": 1, "name": ..., "title": ..., "labels": [
//   {"name", "kind": "finding"|"yesno"|"choice", "synonyms", "patterns", "negativeSynonyms", "attributes",
//    "otherFindings" (noOtherPositive labels only),
//    "choices": [{"name", "synonyms"}], "default": "yes"|"no", "shortcut",
//    "derived": {"rule": "noOtherPositive"|"anyPositive", "labels": [...]}}]}
// Unknown members, duplicate labels (names compared ignoring case), duplicate shortcuts, unknown
// labels in rules and empty phrase lists are errors.
LabelSchema parseLabelSchema(const std::string& jsonText, const std::string& source);
LabelSchema loadLabelSchemaFile(const std::string& path);

} // namespace radmark::annotation
