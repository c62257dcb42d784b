#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// Schema 4: saliency maps (referenced by path), their reviews and their cached quantitative checks.
// Its number is the one constant below.
constexpr int saliencyMapsSchemaVersion = 4;
SchemaMigration saliencyMapsMigration();

} // namespace radmark::storage
