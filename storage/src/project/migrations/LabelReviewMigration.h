#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// The project's label schema (every revision kept) and reversible human label decisions.
// Its number is the one constant below, so that it can be renumbered when migrations are merged.
constexpr int labelReviewSchemaVersion = 5;
SchemaMigration labelReviewMigration();

} // namespace radmark::storage
