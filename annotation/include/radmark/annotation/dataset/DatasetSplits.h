#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace radmark::annotation {

enum class SplitGrouping {
    Patient, // no patient in two splits
    Site, // no site (institution, else station) in two splits
};

struct SplitOptions {
    SplitGrouping grouping = SplitGrouping::Patient;
    std::array<double, 3> ratios { 0.7, 0.15, 0.15 }; // train, validation, test (any positive scale)
    std::uint64_t seed = 0;
};

// One study to place: the group it must stay with and its stratum (e.g. "1" for a positive label,
// "annotated"); studies of a group share one split.
struct SplitItem {
    std::string groupKey;
    std::string stratum;
};

// "train", "validation", "test".
const char* splitName(int splitIndex);

// The split index (0 train, 1 validation, 2 test) of every item. Deterministic: the result depends
// only on the items' keys, strata and the options (not on their order). Groups are shuffled by a hash of
// seed and key; then, stratum by stratum (a group's stratum is its most frequent one, ties by name),
// each group goes to the split furthest below its target share of that stratum's studies, so every
// stratum is spread by the ratios as far as whole groups allow.
std::vector<int> assignSplits(const std::vector<SplitItem>& items, const SplitOptions& options);

// Parses "0.7,0.15,0.15"; throws std::invalid_argument naming the problem.
std::array<double, 3> parseSplitRatios(const std::string& text);

} // namespace radmark::annotation
