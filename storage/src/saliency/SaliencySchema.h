#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// Schema 4: saliency maps (referenced by path), their reviews and their cached quantitative checks.
SchemaMigration saliencyMapsAndReviews();

}  // namespace radmark::storage
