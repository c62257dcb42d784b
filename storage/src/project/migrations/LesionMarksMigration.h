#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// Schema 2: lesion marks, their edit history, project settings.
// Its number is the one constant below.
constexpr int lesionMarksSchemaVersion = 2;
SchemaMigration lesionMarksMigration();

} // namespace radmark::storage
