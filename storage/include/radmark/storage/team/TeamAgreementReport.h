#pragma once

#include "radmark/annotation/team/MeasurementAgreement.h"
#include "radmark/annotation/team/ReaderAgreement.h"
#include "radmark/storage/team/TeamAdjudication.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace radmark::storage {

// Inter-reader agreement of a team project: what `radmark team agreement`, the Agreement panel and the
// dataset card show. Computed from readTeamReadings + adjudicateStudies; NaN where undefined ("n/a").

struct TeamAgreementOptions {
    AdjudicationOptions adjudication;
    std::size_t bootstrapReplicates = annotation::kDefaultBootstrapReplicates;
    std::uint64_t bootstrapSeed = annotation::kDefaultBootstrapSeed;
};

struct LabelReaderAgreement {
    std::string label;
    std::size_t studies = 0; // double-read studies where two or more readers answered the label
    std::size_t readers = 0; // distinct readers among them
    // Cohen's kappa when every such study was read by the same two readers, else Fleiss' kappa (which
    // needs the same number of answers per study; n/a otherwise).
    std::string kappaKind; // "Cohen" or "Fleiss"
    annotation::AgreementEstimate kappa;
    annotation::AgreementEstimate alpha; // Krippendorff's alpha, nominal
    double observedAgreement = 0.0; // share of studies with identical answers
    std::size_t disputed = 0; // studies still in dispute on this label
    std::size_t adjudicated = 0; // studies a reviewer settled
};

struct LesionReaderAgreement {
    std::size_t studies = 0; // double-read studies with marks by two or more readers, or by one of two who read
    std::size_t matched = 0; // lesions marked by both readers of a pair
    std::size_t onlyFirst = 0; // by the first reader of a pair only (readers in name order)
    std::size_t onlySecond = 0;
    double detectionAgreement = 0.0; // 2 matched / (2 matched + only first + only second)
    annotation::BlandAltman longAxisMm; // first - second reader, matched RECIST pairs
    annotation::BlandAltman shortAxisMm;
    double longAxisIcc = 0.0; // ICC(2,1)
    double shortAxisIcc = 0.0;
    std::size_t disputed = 0;
    std::size_t adjudicated = 0;
};

struct AnnotatorSummary {
    std::string name;
    std::size_t assigned = 0;
    std::size_t done = 0; // assigned studies with at least one decision or mark
    double medianMinutesPerStudy = 0.0; // NaN without timed work; see medianMinutesPerStudy()
    std::size_t comparedWithAdjudicated = 0; // labels a reviewer settled that this reader answered
    std::size_t agreedWithAdjudicated = 0;
    std::size_t comparedWithFinal = 0; // labels with a final answer (adjudicated or agreed)
    std::size_t agreedWithFinal = 0;
};

struct TeamAgreementReport {
    std::size_t doubleReadStudies = 0;
    std::size_t disputedStudies = 0; // with at least one item in dispute
    std::size_t adjudicatedItems = 0;
    std::vector<LabelReaderAgreement> labels;
    LesionReaderAgreement lesions;
    std::vector<AnnotatorSummary> annotators;
    TeamAgreementOptions options;
};

TeamAgreementReport computeTeamAgreement(const TeamReadings& readings, const TeamAgreementOptions& options = {});

// Median time per study from an annotator's events: the time since the annotator's previous event, when at
// most `breakMinutes` earlier, is credited to the study of the event (longer gaps are breaks). Studies with
// one event after a break count 0. NaN without any event.
double medianMinutesPerStudy(const AnnotatorActivity& activity, double breakMinutes = 10.0);

// One tidy table: section,item,measure,value,ci_low,ci_high,n (numbers with 4 decimals, n/a empty).
std::string teamAgreementCsv(const TeamAgreementReport& report);
// Markdown tables under "### Labels", "### Lesions", "### Annotators"; headingLevel adds '#'s.
std::string teamAgreementMarkdown(const TeamAgreementReport& report, int headingLevel = 2);

// "0.612" or "n/a"
std::string formatStatistic(double value, int decimals = 3);

} // namespace radmark::storage
