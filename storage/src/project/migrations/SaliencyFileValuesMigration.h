#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// What each saliency map file's voxels are like (NaN/Inf count, signs, range), kept with the file's size and
// modification time, so that showing an unchanged map again skips the pass over every voxel (SaliencyStore::
// putFileValues / fileValues). A table of its own: a map has these values as soon as it was shown once, before (or
// without) its checks. Its number is the one constant below, so that it can be renumbered when migrations are merged.
constexpr int saliencyFileValuesSchemaVersion = 9;
SchemaMigration saliencyFileValuesMigration();

} // namespace radmark::storage
