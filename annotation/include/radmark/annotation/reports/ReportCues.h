#pragma once

#include "radmark/annotation/reports/PhraseMatcher.h"

namespace radmark::annotation {

// Cue words of negation and uncertainty, in the style of NegEx / CheXpert's rules.
// Pre cues act on mentions after them up to the end of the clause; post cues act on a mention at
// most `postCueReach` words before them in the same clause. Pseudo cues ("no change in") look like
// negation but are not, and shield what follows. Clause breaks ("but", "however", "which"...) end
// a cue's scope as ';' and ':' do.
// Abnormal cues ("enlarged", "increased") turn an attribute mention ("heart size", "cardiac silhouette")
// into a finding; they do not act on other mentions. Historical cues ("prior", "residuals of") negate
// a label's mention before them but not the other findings that make a study abnormal.
enum class CueKind {
    PreNegation,
    PostNegation,
    PreUncertainty,
    PostUncertainty,
    Pseudo,
    ClauseBreak,
    Abnormal,
    Historical,
    Probable, // before or after a mention: positive, the hedge named in the explanation
    LimitOfNormal // "upper limits of normal": uncertain, but no abnormality for a derived normal label
};

constexpr std::size_t postCueReach = 3;
// The detail of a post cue that acts on every mention before it in its clause.
constexpr int clauseWideReach = -1;

// The cue phrases; PhraseMatcher group = static_cast<int>(CueKind).
const PhraseMatcher& reportCues();

} // namespace radmark::annotation
