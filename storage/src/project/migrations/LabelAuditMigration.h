#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// Audit samples of the label workflow: the random studies drawn to measure the labeller's accuracy (seed, size,
// the drawn study list) and which label decisions were made in audit mode. Its number is the one constant below,
// so that it can be renumbered when migrations are merged.
constexpr int labelAuditSchemaVersion = 6;
SchemaMigration labelAuditMigration();

} // namespace radmark::storage
