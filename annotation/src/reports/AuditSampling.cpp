#include "radmark/annotation/reports/AuditSampling.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace radmark::annotation {

namespace {

std::uint64_t splitMix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t fnv1a64(const std::string& text)
{
    std::uint64_t hash = 0xCBF29CE484222325ULL;
    for (const unsigned char c : text) {
        hash = (hash ^ c) * 0x100000001B3ULL;
    }
    return hash;
}

} // namespace

std::uint64_t auditRank(std::uint64_t seed, const std::string& text)
{
    return splitMix64(splitMix64(seed) ^ fnv1a64(text));
}

AuditDraw drawStratifiedSample(const std::vector<AuditCandidate>& candidates, std::size_t size, std::uint64_t seed)
{
    AuditDraw draw;
    std::map<std::string, std::vector<std::size_t>> strata;
    for (std::size_t index = 0; index < candidates.size(); ++index) {
        strata[candidates[index].stratum].push_back(index);
    }
    draw.strata = strata.size();
    const std::uint64_t total = candidates.size();
    size = std::min<std::size_t>(size, candidates.size());
    if (size == 0) {
        return draw;
    }
    const auto byRank = [&](std::size_t a, std::size_t b) {
        const std::uint64_t ra = auditRank(seed, "study:" + candidates[a].key);
        const std::uint64_t rb = auditRank(seed, "study:" + candidates[b].key);
        return ra != rb ? ra < rb : candidates[a].key < candidates[b].key;
    };
    struct Allocation {
        const std::vector<std::size_t>* members = nullptr;
        std::uint64_t quota = 0;
        std::uint64_t remainder = 0; // of size * N_h / N, in units of 1 / N
        std::uint64_t tieBreak = 0;
    };
    std::vector<Allocation> allocations;
    std::uint64_t allocated = 0;
    for (const auto& [stratum, members] : strata) {
        const std::uint64_t share = static_cast<std::uint64_t>(size) * members.size();
        allocations.push_back({ &members, share / total, share % total, auditRank(seed, "stratum:" + stratum) });
        allocated += share / total;
    }
    std::vector<std::size_t> order(allocations.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return allocations[a].remainder != allocations[b].remainder
            ? allocations[a].remainder > allocations[b].remainder
            : allocations[a].tieBreak < allocations[b].tieBreak;
    });
    for (std::size_t k = 0; allocated < size && k < order.size(); ++k) {
        ++allocations[order[k]].quota; // a remainder > 0 means quota < N_h, so the stratum has a study left
        ++allocated;
    }
    for (const Allocation& allocation : allocations) {
        std::vector<std::size_t> members = *allocation.members;
        std::sort(members.begin(), members.end(), byRank);
        draw.drawn.insert(
            draw.drawn.end(), members.begin(), members.begin() + static_cast<std::ptrdiff_t>(allocation.quota));
    }
    std::sort(draw.drawn.begin(), draw.drawn.end(), byRank);
    return draw;
}

} // namespace radmark::annotation
