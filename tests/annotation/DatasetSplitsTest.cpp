#include "radmark/annotation/dataset/DatasetSplits.h"
#include "radmark/annotation/dataset/PseudonymPolicy.h"
#include "radmark/annotation/dataset/Sha256.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace radmark::annotation;

TEST_CASE("Splits keep every group in one split, follow the ratios, stratify and are deterministic", "[export]")
{
    std::vector<SplitItem> items;
    for (int patient = 0; patient < 200; ++patient) {
        for (int study = 0; study < 1 + patient % 3; ++study) {
            items.push_back({ "patient-" + std::to_string(patient), patient % 5 == 0 ? "1" : "0" });
        }
    }
    SplitOptions options;
    options.seed = 7;
    const std::vector<int> splits = assignSplits(items, options);
    REQUIRE(splits.size() == items.size());
    std::map<std::string, std::set<int>> splitsOfGroup;
    std::map<std::string, std::array<int, 3>> perStratum;
    std::array<int, 3> counts {};
    for (std::size_t index = 0; index < items.size(); ++index) {
        splitsOfGroup[items[index].groupKey].insert(splits[index]);
        ++perStratum[items[index].stratum][splits[index]];
        ++counts[splits[index]];
    }
    for (const auto& [group, groupSplits] : splitsOfGroup) {
        INFO(group);
        CHECK(groupSplits.size() == 1);
    }
    const double total = static_cast<double>(items.size());
    CHECK(std::abs(counts[0] / total - 0.7) < 0.03);
    CHECK(std::abs(counts[1] / total - 0.15) < 0.03);
    CHECK(std::abs(counts[2] / total - 0.15) < 0.03);
    for (const auto& [stratum, stratumCounts] : perStratum) {
        const double stratumTotal = stratumCounts[0] + stratumCounts[1] + stratumCounts[2];
        INFO(stratum);
        CHECK(std::abs(stratumCounts[0] / stratumTotal - 0.7) < 0.06);
        CHECK(stratumCounts[1] > 0);
        CHECK(stratumCounts[2] > 0);
    }
    CHECK(assignSplits(items, options) == splits);
    std::vector<SplitItem> reversed(items.rbegin(), items.rend());
    std::vector<int> reversedSplits = assignSplits(reversed, options);
    std::reverse(reversedSplits.begin(), reversedSplits.end());
    CHECK(reversedSplits == splits); // the order of the input does not matter
    options.seed = 8;
    CHECK(assignSplits(items, options) != splits);

    CHECK(parseSplitRatios("0.8,0.1,0.1") == std::array<double, 3> { 0.8, 0.1, 0.1 });
    CHECK_THROWS_AS(parseSplitRatios("0.8,0.2"), std::invalid_argument);
    CHECK_THROWS_AS(parseSplitRatios("0.8,x,0.1"), std::invalid_argument);
    CHECK_THROWS_AS(parseSplitRatios("0,0,0"), std::invalid_argument);
}

TEST_CASE("SHA-256 and HMAC-SHA-256 give the published test vectors", "[export]")
{
    // FIPS 180-4 example "abc" and the empty string; RFC 4231 test case 2.
    CHECK(toHex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(toHex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(toHex(hmacSha256("Jefe", "what do ya want for nothing?"))
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("the pseudonym policy derives UIDs, patient ids and date offsets from the salt alone", "[export]")
{
    const std::string uid = pseudonymousUid("salt", "1.2.840.1");
    CHECK(uid.rfind("2.25.", 0) == 0);
    CHECK(uid.size() <= 64);
    CHECK(uid == pseudonymousUid("salt", "1.2.840.1"));
    CHECK(uid != pseudonymousUid("other salt", "1.2.840.1"));
    CHECK(pseudonymousUid("salt", "").empty());
    const std::string patient = pseudonymousPatientId("salt", "PID-1");
    CHECK(patient.size() == 15);
    CHECK(patient.rfind("RM-", 0) == 0);
    CHECK(patient.substr(3) == toHex(hmacSha256("salt", std::string("patient\x1f") + "PID-1")).substr(0, 12));
    for (const char* id : { "PID-1", "PID-2", "PID-3", "" }) {
        const int offset = pseudonymousDateOffsetDays("salt", id);
        CHECK(offset >= -365);
        CHECK(offset <= -1);
    }
    // Calendar arithmetic: leap days, month and year ends, the 1900 and 2000 century rules.
    CHECK(shiftedDicomDate("20240301", -1) == "20240229");
    CHECK(shiftedDicomDate("20230301", -1) == "20230228");
    CHECK(shiftedDicomDate("20000301", -1) == "20000229");
    CHECK(shiftedDicomDate("19000301", -1) == "19000228");
    CHECK(shiftedDicomDate("20240101", -365) == "20230101");
    CHECK(shiftedDicomDate("20241231", 0) == "20241231");
    CHECK(shiftedDicomDate("2024-01-01", -1).empty());
    CHECK(shiftedDicomDate("20241301", -1).empty());
}
