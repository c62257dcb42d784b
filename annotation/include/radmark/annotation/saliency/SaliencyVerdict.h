#pragma once

#include <optional>
#include <string>

namespace radmark::annotation {

// A reviewer's judgement of one saliency map.
enum class SaliencyVerdict { Plausible, Implausible, ArtefactOrText, OutsideBody, Unsure };
constexpr int kSaliencyVerdictCount = 5;

// "plausible", "implausible", "artefact-or-text", "outside-body", "unsure": the spelling storage and exports use.
const char* saliencyVerdictName(SaliencyVerdict verdict);
// For people: "Plausible", "Implausible", "Artefact / burned-in text", "Outside the body", "Unsure".
const char* saliencyVerdictTitle(SaliencyVerdict verdict);
std::optional<SaliencyVerdict> parseSaliencyVerdict(const std::string& name);

} // namespace radmark::annotation
