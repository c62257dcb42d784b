#pragma once

#include "labelling/LabelSchemaSource.h"

#include <array>
#include <cstddef>
#include <vector>

namespace radmark::storage {
class ProjectStore;
class ReportStore;
} // namespace radmark::storage

namespace radmark::app {

struct ProjectLabellingResult {
    std::size_t labelled = 0;
    std::size_t skipped = 0; // already labelled with this schema (onlyUnlabelled)
    std::size_t withoutReport = 0;
    std::size_t unmatchedReports = 0;
    // Per schema label: positive, negative, uncertain, not mentioned (or a choice).
    std::vector<std::array<std::size_t, 4>> counts;
};

// Labels every study with a report with the schema, stores the proposals (human decisions stay as they
// are) and makes the schema the project's current one. Used by `radmark label-reports PROJECT` and
// Labels ▸ Run Labeller.
ProjectLabellingResult labelProjectReports(storage::ProjectStore& project, storage::ReportStore& reports,
    const LabelSchemaSource& schema, bool onlyUnlabelled, const std::string& authorName);

} // namespace radmark::app
