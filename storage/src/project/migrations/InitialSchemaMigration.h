#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// Schema 1: patients, studies, series, instances (the DICOM index), skipped files, project metadata.
// Its number is the one constant below.
constexpr int initialSchemaVersion = 1;
SchemaMigration initialSchemaMigration();

} // namespace radmark::storage
