#pragma once

#include "radmark/storage/project/InstanceRecord.h"

#include <string>
#include <string_view>
#include <vector>

namespace radmark::storage {

class SqliteStatement;

// The columns of the view instance_records that mirror InstanceRecord, in one fixed order (series_ref excluded):
// the 50 columns of the instance table before schema 10.
const std::vector<const char*>& instanceColumnNames();

// "a, b, c" of instanceColumnNames().
const std::string& instanceColumnList();

// The instances table (schema 10) holds per file: series_ref, values_ref, folder_ref, file_name, then these.
const std::vector<const char*>& instanceFileColumnNames();
// instance_series_values holds per distinct set of shared values: series_ref, then these.
const std::vector<const char*>& instanceSharedColumnNames();
// "a, b, c" of each.
const std::string& instanceFileColumnList();
const std::string& instanceSharedColumnList();

// A path split at its last '/': the folder with its trailing '/' ('' without one) and the file name.
struct FolderAndName {
    std::string_view folder;
    std::string_view name;
};
FolderAndName splitFilePath(std::string_view path);

// `scratch` keeps the texts built from numbers alive until the statement has run; its first strings are
// overwritten (their memory reused from one call to the next), so one scratch serves one statement at a time.
// Binds the record's per-file values (instanceFileColumnNames() order) from firstParameter on.
void bindInstanceFileValues(
    SqliteStatement& statement, int firstParameter, const InstanceRecord& record, std::vector<std::string>& scratch);
// Binds the record's shared values (instanceSharedColumnNames() order) from firstParameter on.
void bindInstanceSharedValues(
    SqliteStatement& statement, int firstParameter, const InstanceRecord& record, std::vector<std::string>& scratch);
// Reads columns firstColumn... (selected with instanceSharedColumnList()) into the shared fields of a record.
InstanceRecord readInstanceSharedValues(const SqliteStatement& statement, int firstColumn);
// Whether two records agree in every shared value (as stored: NaN equals NaN).
bool haveSameSharedValues(const InstanceRecord& left, const InstanceRecord& right);

// Reads columns firstColumn... (selected with instanceColumnList()) into a record.
InstanceRecord readInstanceRecord(const SqliteStatement& statement, int firstColumn);

// Numbers joined with '\' (as DICOM multi-values), at full precision; and back.
std::string joinNumbers(const std::vector<double>& values);
void joinNumbers(const std::vector<double>& values, std::string& text); // replaces `text`
std::vector<double> splitNumbers(const std::string& text);

// Flags are stored one per line.
std::string joinFlags(const std::vector<std::string>& flags);
void joinFlags(const std::vector<std::string>& flags, std::string& text); // replaces `text`
std::vector<std::string> splitFlags(const std::string& text);

} // namespace radmark::storage
