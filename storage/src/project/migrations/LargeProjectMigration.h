#pragma once

#include "project/ProjectSchema.h"

#include <string>

namespace radmark::storage {

// What a project of 100,000 studies needs to open in a second: a trigram full-text index of what the study
// browser filters on (browser_search, kept by triggers), the browser's patient order as an index, and per-study
// review counts of the labelling workflow kept up to date instead of a scan of every proposal at each open
// (study_review_counts for the labels of review_count_labels; triggers mark a study in review_counts_dirty
// whenever its proposals or decisions change, the store recounts those studies when it commits). Its number is
// the one constant below, so that it can be renumbered when migrations are merged.
constexpr int largeProjectSchemaVersion = 8;
SchemaMigration largeProjectMigration();

// The statement that recounts every study listed in review_counts_dirty into study_review_counts (labels of
// review_count_labels only; the latest proposal and the latest decision in force of a label count, as
// ReportStore::reviewState computes them), then the one that empties review_counts_dirty.
const std::string& recountDirtyStudiesSql();
const char* clearDirtyStudiesSql();

} // namespace radmark::storage
