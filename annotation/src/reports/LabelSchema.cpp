#include "radmark/annotation/reports/LabelSchema.h"

#include "radmark/annotation/AsciiText.h"
#include "radmark/annotation/reports/JsonValue.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

namespace radmark::annotation {

const LabelDefinition* LabelSchema::find(const std::string& labelName) const
{
    for (const auto& label : labels) {
        if (label.name == labelName) {
            return &label;
        }
    }
    return nullptr;
}

LabelSchemaError::LabelSchemaError(const std::string& source, int line, int column, const std::string& reason)
    : std::runtime_error(source + ": line " + std::to_string(line)
        + (column > 0 ? ", column " + std::to_string(column) : std::string()) + ": " + reason)
    , m_line(line)
{
}

namespace {

using Type = JsonValue::Type;

class SchemaReader {
public:
    explicit SchemaReader(std::string source)
        : m_source(std::move(source))
    {
    }

    [[noreturn]] void fail(const JsonValue& at, const std::string& reason) const
    {
        throw LabelSchemaError(m_source, at.line, at.column, reason);
    }

    const JsonValue& require(const JsonValue& object, const std::string& key, Type type, const std::string& where) const
    {
        const JsonValue* value = object.find(key);
        if (value == nullptr) {
            fail(object, where + " has no \"" + key + "\"");
        }
        checkType(*value, type, where + " \"" + key + "\"");
        return *value;
    }

    void checkType(const JsonValue& value, Type type, const std::string& what) const
    {
        if (value.type != type) {
            fail(value, what + " must be " + JsonValue::typeName(type) + ", not " + JsonValue::typeName(value.type));
        }
    }

    void checkMembers(const JsonValue& object, const std::set<std::string>& allowed, const std::string& where) const
    {
        for (std::size_t i = 0; i < object.members.size(); ++i) {
            if (allowed.count(object.members[i].first) == 0) {
                std::string list;
                for (const auto& name : allowed) {
                    list += (list.empty() ? "" : ", ") + name;
                }
                throw LabelSchemaError(m_source, object.memberKeyPositions[i].first,
                    object.memberKeyPositions[i].second,
                    "unknown member \"" + object.members[i].first + "\" in " + where + " (expected one of: " + list
                        + ")");
            }
        }
    }

    std::vector<std::string> phrases(const JsonValue& object, const std::string& key, const std::string& where) const
    {
        std::vector<std::string> out;
        const JsonValue* list = object.find(key);
        if (list == nullptr) {
            return out;
        }
        checkType(*list, Type::Array, where + " \"" + key + "\"");
        for (const auto& item : list->items) {
            checkType(item, Type::String, "each of " + where + " \"" + key + "\"");
            const bool hasWord = std::any_of(item.string.begin(), item.string.end(),
                [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
            if (!hasWord) {
                fail(item, "empty phrase in " + where + " \"" + key + "\"");
            }
            out.push_back(item.string);
        }
        return out;
    }

    LabelDefinition label(const JsonValue& value) const
    {
        checkType(value, Type::Object, "a label");
        LabelDefinition label;
        label.line = value.line;
        label.name = require(value, "name", Type::String, "a label").string;
        if (label.name.empty() || label.name.find_first_of(",\"\r\n") != std::string::npos) {
            fail(*value.find("name"), "a label name must be non-empty and hold no comma, quote or line break");
        }
        const std::string where = "label \"" + label.name + "\"";
        checkMembers(value,
            { "name", "kind", "synonyms", "patterns", "negativeSynonyms", "attributes", "choices", "default",
                "shortcut", "derived", "otherFindings", "description" },
            where);
        const JsonValue& kind = require(value, "kind", Type::String, where);
        if (kind.string == "finding") {
            label.kind = LabelKind::Finding;
        } else if (kind.string == "yesno") {
            label.kind = LabelKind::YesNo;
        } else if (kind.string == "choice") {
            label.kind = LabelKind::Choice;
        } else {
            fail(kind, where + ": unknown kind \"" + kind.string + "\" (expected finding, yesno or choice)");
        }
        label.synonyms = phrases(value, "synonyms", where);
        label.patterns = phrases(value, "patterns", where);
        label.negativeSynonyms = phrases(value, "negativeSynonyms", where);
        label.attributes = phrases(value, "attributes", where);
        label.otherFindings = phrases(value, "otherFindings", where);
        if (const JsonValue* shortcut = value.find("shortcut")) {
            checkType(*shortcut, Type::String, where + " \"shortcut\"");
            label.shortcut = shortcut->string;
        }
        if (const JsonValue* fallback = value.find("default")) {
            checkType(*fallback, Type::String, where + " \"default\"");
            if (label.kind != LabelKind::YesNo || (fallback->string != "yes" && fallback->string != "no")) {
                fail(*fallback, where + ": \"default\" is \"yes\" or \"no\", for yesno labels only");
            }
            label.defaultValue = fallback->string;
        }
        if (const JsonValue* choices = value.find("choices")) {
            if (label.kind != LabelKind::Choice) {
                fail(*choices, where + ": \"choices\" is for labels of kind \"choice\"");
            }
            checkType(*choices, Type::Array, where + " \"choices\"");
            for (const auto& item : choices->items) {
                checkType(item, Type::Object, "each of " + where + " \"choices\"");
                checkMembers(item, { "name", "synonyms" }, "a choice of " + where);
                LabelChoice choice;
                choice.name = require(item, "name", Type::String, "a choice of " + where).string;
                choice.synonyms = phrases(item, "synonyms", "choice \"" + choice.name + "\"");
                if (choice.synonyms.empty()) {
                    fail(item, "choice \"" + choice.name + "\" of " + where + " has no synonyms");
                }
                label.choices.push_back(std::move(choice));
            }
        }
        if (label.kind == LabelKind::Choice && label.choices.size() < 2) {
            fail(value, where + ": a choice label needs at least two \"choices\"");
        }
        if (const JsonValue* derived = value.find("derived")) {
            checkType(*derived, Type::Object, where + " \"derived\"");
            checkMembers(*derived, { "rule", "labels" }, "\"derived\" of " + where);
            const JsonValue& rule = require(*derived, "rule", Type::String, "\"derived\" of " + where);
            if (rule.string == "noOtherPositive") {
                label.derived.kind = DerivedRule::Kind::NoOtherPositive;
            } else if (rule.string == "anyPositive") {
                label.derived.kind = DerivedRule::Kind::AnyPositive;
            } else {
                fail(rule, where + ": unknown rule \"" + rule.string + "\" (expected noOtherPositive or anyPositive)");
            }
            label.derived.labels = phrases(*derived, "labels", "\"derived\" of " + where);
            if (label.kind == LabelKind::Choice) {
                fail(*derived, where + ": a choice label cannot be derived");
            }
        }
        if (!label.otherFindings.empty() && label.derived.kind != DerivedRule::Kind::NoOtherPositive) {
            fail(*value.find("otherFindings"), where + ": \"otherFindings\" is for labels derived by noOtherPositive");
        }
        const bool hasPhrases = !label.synonyms.empty() || !label.patterns.empty() || !label.negativeSynonyms.empty()
            || !label.attributes.empty();
        if (label.kind != LabelKind::Choice && !hasPhrases && label.derived.kind == DerivedRule::Kind::None) {
            fail(value, where + " has no \"synonyms\", \"patterns\" or \"derived\" rule: it could never be labelled");
        }
        return label;
    }

    LabelSchema schema(const JsonValue& root) const
    {
        checkType(root, Type::Object, "the schema");
        checkMembers(root, { "format", "version", "name", "title", "description", "labels" }, "the schema");
        const JsonValue& format = require(root, "format", Type::String, "the schema");
        if (format.string != "radmark-label-schema") {
            fail(format, "\"format\" must be \"radmark-label-schema\"");
        }
        LabelSchema schema;
        const JsonValue& version = require(root, "version", Type::Number, "the schema");
        if (version.number != 1.0) {
            fail(version, "unsupported schema version (this RadMark reads version 1)");
        }
        schema.version = 1;
        schema.name = require(root, "name", Type::String, "the schema").string;
        if (const JsonValue* title = root.find("title")) {
            checkType(*title, Type::String, "\"title\"");
            schema.title = title->string;
        }
        const JsonValue& labels = require(root, "labels", Type::Array, "the schema");
        if (labels.items.empty()) {
            fail(labels, "the schema has no labels");
        }
        for (const auto& item : labels.items) {
            LabelDefinition definition = label(item);
            for (const auto& other : schema.labels) {
                if (lowerAscii(other.name) == lowerAscii(definition.name)) {
                    fail(*item.find("name"),
                        "duplicate label \"" + definition.name + "\" (first at line " + std::to_string(other.line)
                            + ")");
                }
                if (!definition.shortcut.empty() && lowerAscii(other.shortcut) == lowerAscii(definition.shortcut)) {
                    fail(*item.find("shortcut"),
                        "shortcut \"" + definition.shortcut + "\" of label \"" + definition.name
                            + "\" is already used by \"" + other.name + "\"");
                }
            }
            schema.labels.push_back(std::move(definition));
        }
        for (std::size_t i = 0; i < schema.labels.size(); ++i) {
            for (const auto& name : schema.labels[i].derived.labels) {
                if (schema.find(name) == nullptr) {
                    fail(labels.items[i],
                        "label \"" + schema.labels[i].name + "\": rule names unknown label \"" + name + "\"");
                }
            }
        }
        return schema;
    }

private:
    std::string m_source;
};

} // namespace

LabelSchema parseLabelSchema(const std::string& jsonText, const std::string& source)
{
    JsonValue root;
    try {
        root = parseJson(jsonText);
    } catch (const JsonError& error) {
        throw LabelSchemaError(source, error.line(), error.column(), error.reason());
    }
    return SchemaReader(source).schema(root);
}

LabelSchema loadLabelSchemaFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error(path + ": cannot open the label schema");
    }
    std::ostringstream text;
    text << file.rdbuf();
    return parseLabelSchema(text.str(), path);
}

} // namespace radmark::annotation
