#include "radmark/annotation/reports/ReportCues.h"

#include <initializer_list>

namespace radmark::annotation {

namespace {

// `reach`: how many words after a pre cue a mention may start (0: up to the end of the clause).
void addAll(PhraseMatcher& matcher, CueKind kind, std::initializer_list<const char*> phrases, int reach = 0)
{
    for (const char* phrase : phrases) {
        matcher.add(phrase, static_cast<int>(kind), reach);
    }
}

PhraseMatcher buildCues()
{
    PhraseMatcher cues;
    addAll(cues, CueKind::PreNegation,
           {"no", "not", "without", "negative for", "no evidence of", "no evidence for", "no evidence to suggest",
            "no sign of", "no signs of", "no findings of", "no findings to suggest", "no radiographic evidence of",
            "no ct evidence of", "no mri evidence of", "free of", "absence of", "absent", "resolution of",
            "resolved", "interval resolution of", "clear of", "nor", "neither", "rules out", "ruled out",
            "rule out", "removal of", "no longer", "never", "normal", "unremarkable", "denies", "not seen",
            "no definite", "no acute", "no obvious", "no significant", "no residual", "no new", "no focal",
            "excluded", "exclude"});
    addAll(cues, CueKind::PostNegation,
           {"not seen", "not identified", "not present", "not visualized", "not visualised", "not demonstrated",
            "not appreciated", "not evident", "not noted", "not detected", "not apparent", "is absent",
            "are absent", "absent", "resolved", "has resolved", "have resolved", "has cleared", "have cleared",
            "normal", "is normal", "are normal", "within normal limits", "unremarkable", "is clear", "are clear",
            "ruled out", "excluded", "free"});
    addAll(cues, CueKind::PreUncertainty,
           {"possible", "possibly", "probable", "probably", "likely", "most likely", "presumed", "presumably",
            "may", "might", "could", "may represent", "may reflect", "may be", "suggestive of", "suggests",
            "suggest", "suggesting", "suspicious for", "suspicious of", "suspect", "suspected", "suspicion of",
            "concerning for", "concern for", "cannot exclude", "can not exclude", "cannot rule out",
            "can not rule out", "not excluded", "questionable", "question of", "equivocal", "indeterminate",
            "borderline", "differential diagnosis", "differential includes", "versus", "vs", "consider",
            "considered", "uncertain", "cannot be excluded", "rule out", "to rule out"});
    addAll(cues, CueKind::PostUncertainty,
           {"cannot be excluded", "can not be excluded", "cannot be ruled out", "can not be ruled out",
            "not excluded", "not ruled out", "is not excluded", "is possible", "is suspected", "is questioned",
            "is likely", "are likely", "likely", "possible", "versus", "vs", "or not", "is not excluded",
            "could be", "may be present", "not entirely excluded", "cannot be entirely excluded"});
    addAll(cues, CueKind::Pseudo,
           {"no change", "no interval change", "no significant change", "no significant interval change",
            "not only", "no increase", "no decrease", "not significantly changed", "unchanged", "without change",
            "no further", "gram negative", "not certain whether", "not clear whether"});
    addAll(cues, CueKind::ClauseBreak,
           {"but", "however", "although", "though", "whereas", "while", "except", "aside from", "apart from",
            "which", "yet", "otherwise", "nevertheless", "there", "other than", "in addition", "also"});
    return cues;
}

} // namespace

const PhraseMatcher& reportCues()
{
    static const PhraseMatcher cues = buildCues();
    return cues;
}

} // namespace radmark::annotation
