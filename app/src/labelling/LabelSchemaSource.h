#pragma once

#include "radmark/annotation/reports/LabelSchema.h"

#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {
class ReportStore;
}

namespace radmark::app {

// A label schema with the JSON text it was read from and where that came from (a file path, or
// "project revision N").
struct LabelSchemaSource {
    annotation::LabelSchema schema;
    std::string jsonText;
    std::string origin;
};

// The file a schema argument names: a path (contains '/' or ends in .json) or a preset name looked up as
// NAME.json in <exe dir>/../../resources/label-schemas, <exe dir>/../share/radmark/label-schemas, then
// $RADMARK_SCHEMA_DIR. Throws std::runtime_error listing the folders searched.
std::string resolveLabelSchemaPath(const std::string& argument);
// Reads and checks the schema (LabelSchemaError with file, line and reason).
LabelSchemaSource readLabelSchemaSource(const std::string& argument);
// The preset names found in those folders, sorted.
std::vector<std::string> labelSchemaPresetNames();

// The project's current label schema, parsed. A project labelled before it kept its schema (only the
// preset name or file was remembered) gets that schema stored now when it is writable. Empty when the
// project has none.
std::optional<LabelSchemaSource> projectLabelSchema(storage::ReportStore& reports);
// Makes `source` the project's current schema (a new revision when its text differs).
void keepLabelSchema(storage::ReportStore& reports, const LabelSchemaSource& source, const std::string& authorName);

} // namespace radmark::app
