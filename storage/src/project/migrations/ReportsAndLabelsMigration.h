#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// Schema 3: reports (full-text searchable), label proposals, human label decisions.
// Its number is the one constant below.
constexpr int reportsAndLabelsSchemaVersion = 3;
SchemaMigration reportsAndLabelsMigration();

} // namespace radmark::storage
