#pragma once

#include "radmark/storage/project/InstanceRecord.h"

#include <cstdint>
#include <optional>
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

// The instances table holds per file: series_ref, values_ref, folder_ref, file_name (schema 10), sop_uid_stem_ref,
// sop_uid_tail (schema 12), then these.
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

// A SOP Instance UID as instances stores it (schema 12): split at its last '.' into the stem (with the '.') and the
// tail after it (not empty); valid is false for a UID without such a split (then it is always stored whole).
// A UID is stored by its stem exactly when the stem is in sop_uid_stems, so that equal UIDs are stored alike. A stem
// enters sop_uid_stems when a file's stem is also the start of its series UID followed by '.' or its end
// (sharedWithSeries); the files stored whole with that stem until then are rewritten by their stem at that moment.
// Views into record.sopInstanceUid.
struct SopUidParts {
    bool valid = false;
    bool sharedWithSeries = false;
    std::string_view stem;
    std::string_view tail;
};
SopUidParts sopUidParts(const InstanceRecord& record);
// In SQL: the stem of a UID expression by the same rule ('' when it has no '.').
std::string sopUidStemSql(const std::string& uid);
// In SQL: whether the instance `alias` (a row of instances) shares its SOP Instance UID with another file.
std::string sopUidSharedSql(const std::string& alias);

// A DICOM time of digits with at most one '.' (1-9 digits before it, 0-9 after, 16 in all, no '.' at the end) as the
// integer digits * 100 + digits before '.' * 10 + digits after it; nullopt for any other text (stored as text).
std::optional<std::int64_t> dicomTimeCode(std::string_view text);
// In SQL: the code of a text column (or the value unchanged), and the text of a stored value (code or text).
std::string dicomTimeCodeSql(const std::string& column);
std::string dicomTimeTextSql(const std::string& column);

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
