#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// The study browser's search documents (browser_search, schema 8) carry their patient: a filter that matches
// 100,000 studies or series reads the patient of each match from the index row instead of looking every study
// up (a third of the query's time). Rebuilds browser_search and its triggers only (the same text, the same
// rowids: 2 * study id for a study, 2 * series id + 1 for a series). Also indexes the label names of proposals and
// decisions, so that the project's label names are a few index seeks at open, not a scan of every proposal. Its
// number is the one constant below, so
// that it can be renumbered when migrations are merged.
constexpr int browserSearchPatientSchemaVersion = 11;
SchemaMigration browserSearchPatientMigration();

} // namespace radmark::storage
