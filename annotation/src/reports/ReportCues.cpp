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
        { "no", "not", "without", "negative for", "no evidence of", "no evidence for", "no evidence to suggest",
            "no sign of", "no signs of", "no findings of", "no findings to suggest", "no radiographic evidence of",
            "no ct evidence of", "no mri evidence of", "free of", "absence of", "absent", "resolution of", "resolved",
            "interval resolution of", "clear of", "nor", "neither", "rules out", "ruled out", "rule out", "removal of",
            "no longer", "never", "denies", "not seen", "no definite", "no acute", "no obvious", "no significant",
            "no residual", "no new", "no focal", "excluded", "exclude" });
    // "normal" and "unremarkable" before a noun describe that noun ("normal heart size, X"), not the clause.
    addAll(cues, CueKind::PreNegation, { "normal", "unremarkable" }, 3);
    addAll(cues, CueKind::PostNegation,
        { "not seen", "not identified", "not present", "not visualized", "not visualised", "not demonstrated",
            "not appreciated", "not evident", "not noted", "not detected", "not apparent", "is absent", "are absent",
            "absent", "resolved", "has resolved", "have resolved", "has cleared", "have cleared", "normal", "is normal",
            "are normal", "within normal limits", "unremarkable", "is clear", "are clear", "ruled out", "excluded",
            "free", "not enlarged", "not dilated", "not increased", "not widened", "no longer enlarged",
            "normal in size", "normal size", "within normal range", "within the normal range", "negative",
            "within limits of normal", "within the limits of normal" });
    addAll(cues, CueKind::PreUncertainty,
        { "possible", "possibly", "may", "might", "could", "may represent", "may reflect", "may be", "suspicious for",
            "suspicious of", "suspicion of", "suspicion for", "less likely", "evaluation for", "evaluate for",
            "assessment for", "assess for", "concerning for", "concern for", "cannot exclude", "can not exclude",
            "cannot rule out", "can not rule out", "not excluded", "questionable", "question of", "equivocal",
            "indeterminate", "borderline", "differential diagnosis", "differential includes", "versus", "vs",
            "consider", "considered", "uncertain", "cannot be excluded", "rule out", "to rule out", "worrisome for",
            "in the appropriate clinical setting", "in the proper clinical setting", "in the right clinical setting",
            "correlate clinically for", "clinical correlation for", "correlate for", "suggestion of" });
    // Hedges that close a sentence speak of all of its clause ("a pneumonia superimposed on scarring
    // would be a consideration").
    addAll(cues, CueKind::PostUncertainty,
        { "would be a consideration", "is a consideration", "is another consideration", "are a consideration",
            "cannot be excluded", "can not be excluded", "difficult to exclude", "difficult to entirely exclude",
            "is not excluded", "not excluded", "cannot be ruled out", "is possible", "are possible" },
        clauseWideReach);
    addAll(cues, CueKind::PostUncertainty,
        { "cannot be excluded", "can not be excluded", "cannot be ruled out", "can not be ruled out", "not excluded",
            "not ruled out", "is not excluded", "is possible", "is questioned", "possible", "versus", "vs", "or not",
            "is not excluded", "difficult to exclude", "difficult to entirely exclude", "difficult to rule out",
            "less likely", "could be", "may be present", "not entirely excluded", "cannot be entirely excluded",
            "borderline", "normal to mildly enlarged", "would be a consideration", "is a consideration",
            "is another consideration", "a consideration" });
    addAll(cues, CueKind::Pseudo,
        { "no change", "no interval change", "no significant change", "no significant interval change", "not only",
            "no increase", "no decrease", "not significantly changed", "unchanged", "without change", "no further",
            "gram negative", "not certain whether", "not clear whether", "without interval change",
            "without significant change", "without significant interval change", "near complete resolution",
            "partial resolution", "incomplete resolution", "near complete resolution of", "partial resolution of",
            "incomplete resolution of", "partially resolved", "not completely resolved", "nearly resolved",
            "almost resolved", "almost completely resolved", "not entirely resolved", "improving", "improved",
            "decreased", "decreasing", "residual" });
    addAll(cues, CueKind::ClauseBreak,
        { "but", "however", "although", "though", "whereas", "while", "except", "aside from", "apart from", "which",
            "yet", "otherwise", "nevertheless", "there", "other than", "in addition", "also" });
    // A size stated at the limit of normal: not quite a finding (uncertain), yet no abnormality either.
    addAll(cues, CueKind::LimitOfNormal,
        { "upper limits of normal", "upper limit of normal", "upper normal", "high normal", "upper range of normal",
            "top normal", "top of normal", "upper normal limits", "at the upper limits of normal",
            "upper limits normal", "upper limit normal", "upper limits of normal size", "high normal size" },
        3);
    // The high end of the radiologists' likelihood scale states the finding ("probable pneumonia").
    addAll(cues, CueKind::Probable,
        { "probable", "probably", "likely", "most likely", "presumed", "presumably", "suggestive of",
            "most suggestive of", "strongly suggestive of", "suggests", "suggest", "suggesting", "suspect", "suspected",
            "most consistent with", "favoring", "favor", "favored", "favored to represent" });
    addAll(
        cues, CueKind::Probable, { "is likely", "are likely", "likely", "is suspected", "are suspected", "suspected" });
    addAll(cues, CueKind::PostNegation, { "unlikely", "is unlikely", "not likely" });
    addAll(cues, CueKind::PreNegation, { "not likely", "unlikely" });
    // Past disease is no current finding ("prior pneumonia", "residuals of granulomatous infection").
    addAll(cues, CueKind::Historical,
        { "prior", "previous", "previously", "history of", "remote", "residuals of", "residua of", "sequela of",
            "sequelae of", "granulomatous" },
        5);
    addAll(cues, CueKind::Abnormal,
        { "enlarged", "enlargement", "large", "larger", "increased", "increase in", "prominent", "prominence",
            "widened", "widening", "dilated", "dilatation", "enlarging", "big", "cardiomegaly" },
        3);
    return cues;
}

} // namespace

const PhraseMatcher& reportCues()
{
    static const PhraseMatcher cues = buildCues();
    return cues;
}

} // namespace radmark::annotation
