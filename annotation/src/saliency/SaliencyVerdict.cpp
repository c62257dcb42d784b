#include "radmark/annotation/saliency/SaliencyVerdict.h"

namespace radmark::annotation {

const char* saliencyVerdictName(SaliencyVerdict verdict)
{
    switch (verdict) {
    case SaliencyVerdict::Plausible:
        return "plausible";
    case SaliencyVerdict::Implausible:
        return "implausible";
    case SaliencyVerdict::ArtefactOrText:
        return "artefact-or-text";
    case SaliencyVerdict::OutsideBody:
        return "outside-body";
    case SaliencyVerdict::Unsure:
        return "unsure";
    }
    return "unsure";
}

const char* saliencyVerdictTitle(SaliencyVerdict verdict)
{
    switch (verdict) {
    case SaliencyVerdict::Plausible:
        return "Plausible";
    case SaliencyVerdict::Implausible:
        return "Implausible";
    case SaliencyVerdict::ArtefactOrText:
        return "Artefact / burned-in text";
    case SaliencyVerdict::OutsideBody:
        return "Outside the body";
    case SaliencyVerdict::Unsure:
        return "Unsure";
    }
    return "Unsure";
}

std::optional<SaliencyVerdict> parseSaliencyVerdict(const std::string& name)
{
    for (int value = 0; value < kSaliencyVerdictCount; ++value) {
        const auto verdict = static_cast<SaliencyVerdict>(value);
        if (name == saliencyVerdictName(verdict)) {
            return verdict;
        }
    }
    return std::nullopt;
}

} // namespace radmark::annotation
