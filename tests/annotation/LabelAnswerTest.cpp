// How a label's key cycles its value and how typed values are read, for each kind of label.
#include "radmark/annotation/reports/LabelAnswer.h"

#include <catch2/catch.hpp>

using radmark::annotation::describeAnswer;
using radmark::annotation::LabelAnswer;
using radmark::annotation::LabelChoice;
using radmark::annotation::LabelDefinition;
using radmark::annotation::LabelKind;
using radmark::annotation::nextAnswer;
using radmark::annotation::parseAnswer;

namespace {

LabelDefinition label(LabelKind kind)
{
    LabelDefinition definition;
    definition.name = "Label";
    definition.kind = kind;
    if (kind == LabelKind::Choice) {
        definition.choices = { LabelChoice { "trainee", {} }, LabelChoice { "senior", {} } };
    }
    return definition;
}

} // namespace

TEST_CASE("a label's key cycles through the values of its kind", "[labels]")
{
    const LabelDefinition finding = label(LabelKind::Finding);
    LabelAnswer answer;
    std::vector<std::string> seen;
    for (int press = 0; press < 5; ++press) {
        answer = nextAnswer(finding, answer);
        seen.push_back(describeAnswer(finding, answer));
    }
    CHECK(seen == std::vector<std::string> { "positive", "negative", "uncertain", "not mentioned", "positive" });

    const LabelDefinition yesNo = label(LabelKind::YesNo);
    answer = {};
    seen.clear();
    for (int press = 0; press < 4; ++press) {
        answer = nextAnswer(yesNo, answer);
        seen.push_back(describeAnswer(yesNo, answer));
    }
    CHECK(seen == std::vector<std::string> { "yes", "no", "not stated", "yes" });

    const LabelDefinition choice = label(LabelKind::Choice);
    answer = {};
    seen.clear();
    for (int press = 0; press < 4; ++press) {
        answer = nextAnswer(choice, answer);
        seen.push_back(describeAnswer(choice, answer));
    }
    CHECK(seen == std::vector<std::string> { "trainee", "senior", "not stated", "trainee" });
    CHECK_FALSE(nextAnswer(choice, {}).value);
}

TEST_CASE("typed values are read per kind and anything else is refused", "[labels]")
{
    const LabelDefinition finding = label(LabelKind::Finding);
    CHECK(parseAnswer(finding, "1") == LabelAnswer { 1, {} });
    CHECK(parseAnswer(finding, " Negative ") == LabelAnswer { 0, {} });
    CHECK(parseAnswer(finding, "-1") == LabelAnswer { -1, {} });
    CHECK(parseAnswer(finding, "") == LabelAnswer {});
    CHECK_FALSE(parseAnswer(finding, "2"));
    CHECK_FALSE(parseAnswer(finding, "yes"));

    const LabelDefinition yesNo = label(LabelKind::YesNo);
    CHECK(parseAnswer(yesNo, "YES") == LabelAnswer { 1, {} });
    CHECK(parseAnswer(yesNo, "0") == LabelAnswer { 0, {} });
    CHECK_FALSE(parseAnswer(yesNo, "-1"));

    const LabelDefinition choice = label(LabelKind::Choice);
    CHECK(parseAnswer(choice, "Senior") == LabelAnswer { std::nullopt, "senior" });
    CHECK(parseAnswer(choice, "none") == LabelAnswer {});
    CHECK_FALSE(parseAnswer(choice, "consultant"));
}
