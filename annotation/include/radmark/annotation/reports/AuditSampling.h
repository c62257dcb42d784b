#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace radmark::annotation {

// One study that may be drawn for an audit: `key` is its stable identity (the Study Instance UID), `stratum` the
// proposed values it is stratified by (e.g. "Cardiomegaly=1|Edema=0|...").
struct AuditCandidate {
    std::string key;
    std::string stratum;
};

struct AuditDraw {
    std::vector<std::size_t> drawn; // indices into the candidates, in the order the reviewer gets them
    std::size_t strata = 0; // distinct strata among the candidates
};

// A random, reproducible sample of `size` candidates, stratified with proportional allocation: each stratum gets
// size * N_h / N studies rounded down, the studies left over go to the strata with the largest remainders (ties by
// a hash of the seed and the stratum). Every candidate therefore has the same chance (size / N, up to rounding),
// so plain counts over the sample estimate the population's precision and recall without weights. Within a stratum,
// and for the review order, candidates are ranked by a 64-bit hash of the seed and their key: the result depends on
// the seed and the candidate set only, not on their order or the platform. `size` larger than the candidates is
// the caller's to refuse; here it is clamped.
AuditDraw drawStratifiedSample(const std::vector<AuditCandidate>& candidates, std::size_t size, std::uint64_t seed);

// The hash behind the ranking (SplitMix64 of the seed mixed with FNV-1a of the text).
std::uint64_t auditRank(std::uint64_t seed, const std::string& text);

} // namespace radmark::annotation
