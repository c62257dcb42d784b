#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// Team labelling: the identity of a team project and of each annotator file split from it, the annotators, the
// study assignments (double reads included), and the provenance of merged rows (which annotator file brought a
// mark, decision, history row or saliency verdict in, and when). Its number is the one constant below, so that it
// can be renumbered when migrations are merged.
constexpr int teamSchemaVersion = 7;
SchemaMigration teamMigration();

} // namespace radmark::storage
