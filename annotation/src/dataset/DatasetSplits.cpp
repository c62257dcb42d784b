#include "radmark/annotation/dataset/DatasetSplits.h"

#include "radmark/annotation/dataset/Sha256.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>

namespace radmark::annotation {

const char* splitName(int splitIndex)
{
    static const char* const names[3] = { "train", "validation", "test" };
    return splitIndex >= 0 && splitIndex < 3 ? names[splitIndex] : "";
}

std::vector<int> assignSplits(const std::vector<SplitItem>& items, const SplitOptions& options)
{
    double ratioSum = 0.0;
    for (const double ratio : options.ratios) {
        if (!(ratio >= 0.0)) {
            throw std::invalid_argument("split ratios must not be negative");
        }
        ratioSum += ratio;
    }
    if (!(ratioSum > 0.0)) {
        throw std::invalid_argument("split ratios must not all be zero");
    }

    struct Group {
        std::string key;
        std::string order; // hash of seed and key
        std::map<std::string, int> strata;
        int studies = 0;
        int split = 0;
    };
    std::map<std::string, Group> groups;
    for (const SplitItem& item : items) {
        Group& group = groups[item.groupKey];
        if (group.key.empty() && group.studies == 0) {
            group.key = item.groupKey;
            group.order = toHex(sha256(std::to_string(options.seed) + '\x1f' + item.groupKey));
        }
        ++group.strata[item.stratum];
        ++group.studies;
    }

    std::map<std::string, std::vector<Group*>> byStratum;
    for (auto& [key, group] : groups) {
        const auto main = std::max_element(
            group.strata.begin(), group.strata.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        byStratum[main->first].push_back(&group);
    }
    for (auto& [stratum, members] : byStratum) {
        std::sort(members.begin(), members.end(), [](const Group* a, const Group* b) {
            return a->order != b->order ? a->order < b->order : a->key < b->key;
        });
        int total = 0;
        for (const Group* group : members) {
            total += group->studies;
        }
        std::array<double, 3> placed { 0.0, 0.0, 0.0 };
        for (Group* group : members) {
            int best = 0;
            double bestDeficit = -1e300;
            for (int split = 0; split < 3; ++split) {
                if (options.ratios[split] <= 0.0) {
                    continue;
                }
                const double target = options.ratios[split] / ratioSum * total;
                const double deficit = (target - placed[split]) / options.ratios[split];
                if (deficit > bestDeficit + 1e-12) {
                    bestDeficit = deficit;
                    best = split;
                }
            }
            group->split = best;
            placed[best] += group->studies;
        }
    }

    std::vector<int> splits;
    splits.reserve(items.size());
    for (const SplitItem& item : items) {
        splits.push_back(groups.at(item.groupKey).split);
    }
    return splits;
}

std::array<double, 3> parseSplitRatios(const std::string& text)
{
    std::array<double, 3> ratios {};
    std::stringstream stream(text);
    std::string part;
    int count = 0;
    while (std::getline(stream, part, ',')) {
        if (count == 3) {
            throw std::invalid_argument("--ratios takes three numbers (train,validation,test), got \"" + text + "\"");
        }
        std::size_t used = 0;
        double value = 0.0;
        try {
            value = std::stod(part, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != part.size() || value < 0.0) {
            throw std::invalid_argument("--ratios: \"" + part + "\" is not a non-negative number");
        }
        ratios[count++] = value;
    }
    if (count != 3) {
        throw std::invalid_argument("--ratios takes three numbers (train,validation,test), got \"" + text + "\"");
    }
    if (ratios[0] + ratios[1] + ratios[2] <= 0.0) {
        throw std::invalid_argument("--ratios must not all be zero");
    }
    return ratios;
}

} // namespace radmark::annotation
