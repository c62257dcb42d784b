// Label schemas: the strict JSON reader, schema errors with line and reason, and the shipped presets.
#include "radmark/annotation/reports/LabelSchema.h"
#include "radmark/annotation/reports/JsonValue.h"

#include <catch2/catch.hpp>

#include <string>

using namespace radmark::annotation;

namespace {

std::string presetPath(const std::string& name)
{
    return std::string(RADMARK_SOURCE_DIR) + "/resources/label-schemas/" + name + ".json";
}

std::string schemaError(const std::string& json)
{
    try {
        parseLabelSchema(json, "test.json");
    } catch (const LabelSchemaError& error) {
        return error.what();
    }
    return "no error";
}

const std::string header = "{\"format\": \"radmark-label-schema\", \"version\": 1, \"name\": \"t\",\n\"labels\": [\n";

} // namespace

TEST_CASE("the JSON reader parses strict JSON and reports line and column of errors", "[reports][json]")
{
    const JsonValue value = parseJson("\xEF\xBB\xBF{\"a\": [1, -2.5e1, true, null], \"b\": \"\\u00e9\\n\"}");
    REQUIRE(value.type == JsonValue::Type::Object);
    CHECK(value.find("a")->items.at(1).number == -25.0);
    CHECK(value.find("b")->string == "\xC3\xA9\n");

    const auto errorAt = [](const std::string& text) {
        try {
            parseJson(text);
        } catch (const JsonError& error) {
            return std::to_string(error.line()) + ":" + std::to_string(error.column()) + " " + error.reason();
        }
        return std::string("no error");
    };
    CHECK(errorAt("{\n  \"a\": 1,\n}") == "3:1 trailing comma before '}'");
    CHECK(errorAt("{\"a\": 1, \"a\": 2}") == "1:10 duplicate member \"a\" (first at line 1)");
    CHECK(errorAt("[1 2]") == "1:4 expected ',' or ']' in an array but found '2'");
    CHECK(errorAt("{\"a\": \"x\n\"}") == "1:9 line break inside a string (missing closing quote?)");
    CHECK(errorAt("// c\n{}") == "1:1 comments are not allowed in JSON");
    CHECK(errorAt("[01]") == "1:3 expected ',' or ']' in an array but found '1'");
    CHECK(errorAt("[\"caf\xE9\"]") == "1:6 invalid UTF-8 (save the file as UTF-8)");
    CHECK(errorAt("{} x") == "1:4 unexpected text after the JSON value");
    CHECK(errorAt("") == "1:1 expected a value but the file ends");
}

TEST_CASE("schema errors name the file, the line and the reason", "[reports][schema]")
{
    CHECK(schemaError(header
              + "{\"name\": \"Edema\", \"kind\": \"finding\", \"synonyms\": [\"edema\"]},\n"
                "{\"name\": \"edema\", \"kind\": \"finding\", \"synonyms\": [\"oedema\"]}]}")
        == "test.json: line 4, column 10: duplicate label \"edema\" (first at line 3)");
    CHECK(schemaError(header + "{\"name\": \"A\", \"kind\": \"maybe\", \"synonyms\": [\"a\"]}]}")
        == "test.json: line 3, column 23: label \"A\": unknown kind \"maybe\" (expected finding, yesno or choice)");
    CHECK(schemaError(header + "{\"name\": \"A\", \"kind\": \"finding\", \"synonym\": [\"a\"]}]}")
        == "test.json: line 3, column 34: unknown member \"synonym\" in label \"A\" (expected one of: attributes, "
           "choices, default, derived, description, kind, name, negativeSynonyms, otherFindings, patterns, shortcut, "
           "synonyms)");
    const std::string twoShortcuts
        = "{\"name\": \"A\", \"kind\": \"finding\", \"synonyms\": [\"a\"], \"shortcut\": \"a\"},\n"
          "{\"name\": \"B\", \"kind\": \"finding\", \"synonyms\": [\"b\"], \"shortcut\": \"A\"}]}";
    CHECK(schemaError(header + twoShortcuts)
        == "test.json: line 4, column 65: shortcut \"A\" of label \"B\" is already used by \"A\"");
    CHECK(schemaError(header + "{\"name\": \"A\", \"kind\": \"finding\"}]}")
        == "test.json: line 3, column 1: label \"A\" has no \"synonyms\", \"patterns\" or \"derived\" rule: it could "
           "never be labelled");
    CHECK(schemaError(header + "{\"name\": \"A\", \"kind\": \"finding\", \"synonyms\": [\" - \"]}]}")
        == "test.json: line 3, column 47: empty phrase in label \"A\" \"synonyms\"");
    CHECK(schemaError(header
              + "{\"name\": \"A\", \"kind\": \"finding\", \"derived\": {\"rule\": \"anyPositive\", "
                "\"labels\": [\"Z\"]}}]}")
        == "test.json: line 3, column 1: label \"A\": rule names unknown label \"Z\"");
    CHECK(schemaError(header + "{\"name\": \"A\", \"kind\": \"finding\", \"synonyms\": [\"a\"]},]}")
        == "test.json: line 3, column 53: trailing comma before ']'");
    CHECK(schemaError("{\"format\": \"radmark-label-schema\", \"version\": 2, \"name\": \"t\", \"labels\": []}")
        == "test.json: line 1, column 47: unsupported schema version (this RadMark reads version 1)");
}

TEST_CASE("the shipped presets load", "[reports][schema]")
{
    const LabelSchema chest = loadLabelSchemaFile(presetPath("chest-radiograph"));
    REQUIRE(chest.labels.size() == 14);
    CHECK(chest.labels.front().name == "No Finding");
    CHECK(chest.labels.back().name == "Support Devices");
    CHECK(chest.find("Pleural Effusion") != nullptr);

    const LabelSchema ct = loadLabelSchemaFile(presetPath("ct-abdomen"));
    CHECK(ct.find("Appendicitis") != nullptr);
    CHECK(ct.find("Report author")->kind == LabelKind::Choice);
    const LabelSchema head = loadLabelSchemaFile(presetPath("head-mri"));
    CHECK(head.find("Clinically relevant abnormality") != nullptr);
    CHECK_THROWS_WITH(loadLabelSchemaFile(presetPath("missing")), Catch::Contains("cannot open the label schema"));
}
