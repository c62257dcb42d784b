#pragma once

#include "radmark/storage/project/InstanceRecord.h"

#include <string>
#include <vector>

namespace radmark::storage {

class SqliteStatement;

// The instances table's columns that mirror InstanceRecord, in one fixed order (series_ref excluded).
const std::vector<const char*>& instanceColumnNames();

// "a, b, c" of instanceColumnNames().
const std::string& instanceColumnList();

// Binds the record's values to parameters firstParameter... in instanceColumnNames() order. `scratch`
// keeps the texts built from numbers alive until the statement has run.
void bindInstanceRecord(
    SqliteStatement& statement, int firstParameter, const InstanceRecord& record, std::vector<std::string>& scratch);

// Reads columns firstColumn... (selected with instanceColumnList()) into a record.
InstanceRecord readInstanceRecord(const SqliteStatement& statement, int firstColumn);

// Numbers joined with '\' (as DICOM multi-values), at full precision; and back.
std::string joinNumbers(const std::vector<double>& values);
std::vector<double> splitNumbers(const std::string& text);

// Flags are stored one per line.
std::string joinFlags(const std::vector<std::string>& flags);
std::vector<std::string> splitFlags(const std::string& text);

} // namespace radmark::storage
