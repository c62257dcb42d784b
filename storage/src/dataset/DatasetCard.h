#pragma once

#include "dataset/AuditCardSection.h"
#include "dataset/TeamCardSection.h"
#include "radmark/annotation/dataset/DatasetSplits.h"
#include "radmark/storage/dataset/ExportFormat.h"

#include <map>
#include <string>
#include <vector>

namespace radmark::storage {

// An image left out, named only by pseudonyms (the card is part of the dataset; paths are not).
struct CardExclusion {
    std::string series;
    std::string instance;
    std::string reason;
};

// How often the report labeller's proposal equals the human decision of the same study and label.
struct LabelAgreement {
    int compared = 0;
    int agreed = 0;
};

struct DatasetCardInput {
    DatasetCardInput(const std::vector<ExportStudy>& studiesIn, ExportIdentity& identityIn, const ExportLog& logIn,
        const annotation::LesionTypeList& lesionTypesIn)
        : studies(studiesIn)
        , identity(identityIn)
        , log(logIn)
        , lesionTypes(lesionTypesIn)
    {
    }

    const std::vector<ExportStudy>& studies;
    ExportIdentity& identity;
    const ExportLog& log;
    const annotation::LesionTypeList& lesionTypes;
    std::vector<CardExclusion> exclusions;
    std::map<std::string, LabelAgreement> agreement; // by label name
    CardAudit audit; // measured accuracy of the auto-labels (audit mode)
    CardTeam team; // team projects: reader agreement and the double-read studies
    std::vector<std::string> formats;
    annotation::SplitOptions split;
    std::string stratification; // e.g. "label pneumonia", "lesion marks present"
    bool shiftDates = false;
    bool saltGiven = false;
    bool includeBurnedIn = false;
    std::string radmarkVersion;
    std::string commandLine;
    std::string createdUtc;
};

// Writes dataset_card.md and dataset_card.json into `folder`: counts per split, label prevalence,
// lesion types and sizes, modalities, manufacturers, sites (numbered, not named), age and sex, label
// sources and agreement, exclusions, warnings and provenance.
void writeDatasetCard(const DatasetCardInput& input, const std::string& folder);

} // namespace radmark::storage
