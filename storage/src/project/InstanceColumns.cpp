#include "project/InstanceColumns.h"

#include "project/SqliteStatement.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace radmark::storage {

const std::vector<const char*>& instanceColumnNames()
{
    static const std::vector<const char*> names { "file_path", "file_size_bytes", "file_modified_ns", "source_kind",
        "sop_class_uid", "sop_instance_uid", "series_instance_uid", "study_instance_uid", "frame_of_reference_uid",
        "patient_id", "patient_name", "patient_sex", "patient_birth_date", "patient_age", "accession_number",
        "study_date", "study_time", "study_description", "series_description", "modality", "series_number",
        "instance_number", "manufacturer", "manufacturer_model_name", "institution_name", "station_name",
        "acquisition_date", "acquisition_time", "body_part_examined", "rows_px", "columns_px", "number_of_frames",
        "pixel_spacing_row_mm", "pixel_spacing_column_mm", "slice_thickness_mm", "image_position_patient",
        "image_orientation_patient", "window_centers", "window_widths", "rescale_slope", "rescale_intercept",
        "photometric_interpretation", "samples_per_pixel", "bits_allocated", "bits_stored", "pixel_representation",
        "transfer_syntax_uid", "burned_in_annotation", "image_type", "flags" };
    return names;
}

const std::string& instanceColumnList()
{
    static const std::string list = [] {
        std::string joined;
        for (const char* name : instanceColumnNames()) {
            joined += joined.empty() ? "" : ", ";
            joined += name;
        }
        return joined;
    }();
    return list;
}

namespace {

std::string joined(const std::vector<const char*>& names)
{
    std::string list;
    for (const char* name : names) {
        list += list.empty() ? "" : ", ";
        list += name;
    }
    return list;
}

bool sameNumber(double left, double right)
{
    return left == right || (std::isnan(left) && std::isnan(right));
}

// SQLite stores a NaN as NULL.
bool sameNumber(const std::optional<double>& left, const std::optional<double>& right)
{
    const bool leftStored = left.has_value() && !std::isnan(*left);
    const bool rightStored = right.has_value() && !std::isnan(*right);
    return leftStored == rightStored && (!leftStored || *left == *right);
}

bool sameNumbers(const std::vector<double>& left, const std::vector<double>& right)
{
    if (left.size() != right.size()) {
        return false;
    }
    for (std::size_t index = 0; index < left.size(); ++index) {
        if (!sameNumber(left[index], right[index])) {
            return false;
        }
    }
    return true;
}

// The shared text fields, in column order (after source_kind).
template <typename Record> auto sharedUidAndNameFields(Record& record)
{
    return std::array { &record.sopClassUid, &record.seriesInstanceUid, &record.studyInstanceUid,
        &record.frameOfReferenceUid, &record.patientId, &record.patientName, &record.patientSex,
        &record.patientBirthDate, &record.patientAge, &record.accessionNumber, &record.studyDate, &record.studyTime,
        &record.studyDescription, &record.seriesDescription, &record.modality };
}

// After series_number.
template <typename Record> auto sharedScannerFields(Record& record)
{
    return std::array { &record.manufacturer, &record.manufacturerModelName, &record.institutionName,
        &record.stationName, &record.acquisitionDate, &record.bodyPartExamined };
}

// photometric_interpretation .. image_type, the last shared columns of both layouts; returns the next column.
int readPixelDescription(const SqliteStatement& statement, int column, InstanceRecord& record)
{
    record.photometricInterpretation = statement.text(column++);
    record.samplesPerPixel = statement.integer(column++);
    record.bitsAllocated = statement.integer(column++);
    record.bitsStored = statement.integer(column++);
    record.pixelRepresentation = statement.integer(column++);
    record.transferSyntaxUid = statement.text(column++);
    record.burnedInAnnotation = statement.text(column++);
    record.imageType = statement.text(column++);
    return column;
}

} // namespace

const std::vector<const char*>& instanceFileColumnNames()
{
    static const std::vector<const char*> names { "file_size_bytes", "file_modified_ns", "instance_number",
        "acquisition_time", "number_of_frames", "image_position_patient", "window_centers", "window_widths",
        "rescale_slope", "rescale_intercept", "flags" };
    return names;
}

const std::vector<const char*>& instanceSharedColumnNames()
{
    static const std::vector<const char*> names { "source_kind", "sop_class_uid", "series_instance_uid",
        "study_instance_uid", "frame_of_reference_uid", "patient_id", "patient_name", "patient_sex",
        "patient_birth_date", "patient_age", "accession_number", "study_date", "study_time", "study_description",
        "series_description", "modality", "series_number", "manufacturer", "manufacturer_model_name",
        "institution_name", "station_name", "acquisition_date", "body_part_examined", "rows_px", "columns_px",
        "pixel_spacing_row_mm", "pixel_spacing_column_mm", "slice_thickness_mm", "image_orientation_patient",
        "photometric_interpretation", "samples_per_pixel", "bits_allocated", "bits_stored", "pixel_representation",
        "transfer_syntax_uid", "burned_in_annotation", "image_type" };
    return names;
}

const std::string& instanceFileColumnList()
{
    static const std::string list = joined(instanceFileColumnNames());
    return list;
}

const std::string& instanceSharedColumnList()
{
    static const std::string list = joined(instanceSharedColumnNames());
    return list;
}

FolderAndName splitFilePath(std::string_view path)
{
    const std::size_t slash = path.rfind('/');
    if (slash == std::string_view::npos) {
        return { std::string_view {}, path };
    }
    return { path.substr(0, slash + 1), path.substr(slash + 1) };
}

SopUidParts sopUidParts(const InstanceRecord& record)
{
    const std::string_view uid = record.sopInstanceUid;
    const std::size_t lastDot = uid.rfind('.');
    if (lastDot == std::string_view::npos || lastDot + 1 == uid.size()) {
        return {};
    }
    SopUidParts parts;
    parts.valid = true;
    parts.stem = uid.substr(0, lastDot + 1);
    parts.tail = uid.substr(lastDot + 1);
    // The stem without its '.' is the series UID or a start of it followed by '.'.
    const std::string_view series = record.seriesInstanceUid;
    const std::size_t length = parts.stem.size() - 1;
    parts.sharedWithSeries = series.size() >= length && series.compare(0, length, parts.stem.substr(0, length)) == 0
        && (series.size() == length || series[length] == '.');
    return parts;
}

std::string sopUidStemSql(const std::string& uid)
{
    // Trims from the right every character other than '.': what is left ends with the last '.'.
    return "rtrim(" + uid + ", replace(" + uid + ", '.', ''))";
}

std::string sopUidSharedSql(const std::string& alias)
{
    // Equal UIDs are stored alike (see SopUidParts): one look-up in the index on (stem, tail).
    return "(" + alias + ".sop_uid_tail <> '' AND EXISTS (SELECT 1 FROM instances d WHERE d.sop_uid_stem_ref IS "
        + alias + ".sop_uid_stem_ref AND d.sop_uid_tail = " + alias + ".sop_uid_tail AND d.id <> " + alias + ".id))";
}

std::optional<std::int64_t> dicomTimeCode(std::string_view text)
{
    if (text.empty() || text.size() > 17) {
        return std::nullopt;
    }
    std::int64_t digits = 0;
    std::size_t before = 0;
    std::size_t after = 0;
    bool dot = false;
    for (const char character : text) {
        if (character == '.') {
            if (dot) {
                return std::nullopt;
            }
            dot = true;
        } else if (character >= '0' && character <= '9') {
            digits = digits * 10 + (character - '0');
            ++(dot ? after : before);
        } else {
            return std::nullopt;
        }
    }
    if (before < 1 || before > 9 || after > 9 || before + after > 16 || (dot && after == 0)) {
        return std::nullopt;
    }
    return digits * 100 + static_cast<std::int64_t>(before * 10 + after);
}

std::string dicomTimeCodeSql(const std::string& column)
{
    const std::string dotAt = "instr(" + column + ", '.')";
    const std::string before = "(CASE WHEN " + dotAt + " > 0 THEN " + dotAt + " - 1 ELSE length(" + column + ") END)";
    const std::string after = "(length(" + column + ") - " + before + " - (" + dotAt + " > 0))";
    return "CASE WHEN typeof(" + column + ") = 'text' AND length(" + column + ") BETWEEN 1 AND 17 AND NOT " + column
        + " GLOB '*[^0-9.]*' AND NOT " + column + " GLOB '*.*.*' AND NOT " + column + " GLOB '*.' AND " + before
        + " BETWEEN 1 AND 9 AND " + after + " <= 9 AND " + before + " + " + after + " <= 16 THEN CAST(replace(" + column
        + ", '.', '') AS INTEGER) * 100 + " + before + " * 10 + " + after + " ELSE " + column + " END";
}

std::string dicomTimeTextSql(const std::string& column)
{
    const std::string before = "(" + column + " / 10 % 10)";
    const std::string after = "(" + column + " % 10)";
    const std::string digits = "printf('%0*d', " + before + " + " + after + ", " + column + " / 100)";
    return "CASE WHEN typeof(" + column + ") <> 'integer' THEN " + column + " WHEN " + after + " = 0 THEN " + digits
        + " ELSE substr(" + digits + ", 1, " + before + ") || '.' || substr(" + digits + ", " + before + " + 1) END";
}

void bindInstanceFileValues(
    SqliteStatement& statement, int firstParameter, const InstanceRecord& record, std::vector<std::string>& scratch)
{
    int index = firstParameter;
    // Overwritten in place: a batch of files reuses the same four buffers.
    if (scratch.size() < 4) {
        scratch.resize(4);
    }
    statement.bind(index++, static_cast<std::int64_t>(record.fileSizeBytes));
    statement.bind(index++, static_cast<std::int64_t>(record.fileModifiedNs));
    statement.bind(index++, record.instanceNumber);
    if (const std::optional<std::int64_t> code = dicomTimeCode(record.acquisitionTime)) {
        statement.bind(index++, *code);
    } else {
        statement.bind(index++, record.acquisitionTime);
    }
    statement.bind(index++, record.numberOfFrames);
    joinNumbers(record.imagePositionPatient, scratch[0]);
    statement.bind(index++, scratch[0]);
    joinNumbers(record.windowCenters, scratch[1]);
    statement.bind(index++, scratch[1]);
    joinNumbers(record.windowWidths, scratch[2]);
    statement.bind(index++, scratch[2]);
    statement.bind(index++, record.rescaleSlope);
    statement.bind(index++, record.rescaleIntercept);
    joinFlags(record.flags, scratch[3]);
    statement.bind(index++, scratch[3]);
}

void bindInstanceSharedValues(
    SqliteStatement& statement, int firstParameter, const InstanceRecord& record, std::vector<std::string>& scratch)
{
    int index = firstParameter;
    statement.bind(index++, record.sourceKind == SourceKind::VolumeFile ? 1 : 0);
    for (const std::string* text : sharedUidAndNameFields(record)) {
        statement.bind(index++, *text);
    }
    statement.bind(index++, record.seriesNumber);
    for (const std::string* text : sharedScannerFields(record)) {
        statement.bind(index++, *text);
    }
    statement.bind(index++, record.rows);
    statement.bind(index++, record.columns);
    statement.bind(index++, record.pixelSpacingRowMm);
    statement.bind(index++, record.pixelSpacingColumnMm);
    statement.bind(index++, record.sliceThicknessMm);
    if (scratch.empty()) {
        scratch.resize(1);
    }
    joinNumbers(record.imageOrientationPatient, scratch[0]);
    statement.bind(index++, scratch[0]);
    statement.bind(index++, record.photometricInterpretation);
    statement.bind(index++, record.samplesPerPixel);
    statement.bind(index++, record.bitsAllocated);
    statement.bind(index++, record.bitsStored);
    statement.bind(index++, record.pixelRepresentation);
    statement.bind(index++, record.transferSyntaxUid);
    statement.bind(index++, record.burnedInAnnotation);
    statement.bind(index++, record.imageType);
}

InstanceRecord readInstanceSharedValues(const SqliteStatement& statement, int firstColumn)
{
    InstanceRecord record;
    int column = firstColumn;
    record.sourceKind = statement.integer(column++) == 1 ? SourceKind::VolumeFile : SourceKind::Dicom;
    for (std::string* text : sharedUidAndNameFields(record)) {
        *text = statement.text(column++);
    }
    record.seriesNumber = statement.optionalInteger(column++);
    for (std::string* text : sharedScannerFields(record)) {
        *text = statement.text(column++);
    }
    record.rows = statement.integer(column++);
    record.columns = statement.integer(column++);
    record.pixelSpacingRowMm = statement.optionalReal(column++);
    record.pixelSpacingColumnMm = statement.optionalReal(column++);
    record.sliceThicknessMm = statement.optionalReal(column++);
    record.imageOrientationPatient = splitNumbers(statement.text(column++));
    readPixelDescription(statement, column, record);
    return record;
}

bool haveSameSharedValues(const InstanceRecord& left, const InstanceRecord& right)
{
    if (left.sourceKind != right.sourceKind || left.seriesNumber != right.seriesNumber || left.rows != right.rows
        || left.columns != right.columns || left.samplesPerPixel != right.samplesPerPixel
        || left.bitsAllocated != right.bitsAllocated || left.bitsStored != right.bitsStored
        || left.pixelRepresentation != right.pixelRepresentation
        || !sameNumber(left.pixelSpacingRowMm, right.pixelSpacingRowMm)
        || !sameNumber(left.pixelSpacingColumnMm, right.pixelSpacingColumnMm)
        || !sameNumber(left.sliceThicknessMm, right.sliceThicknessMm)
        || !sameNumbers(left.imageOrientationPatient, right.imageOrientationPatient)) {
        return false;
    }
    const auto leftTexts = sharedUidAndNameFields(left);
    const auto rightTexts = sharedUidAndNameFields(right);
    for (std::size_t index = 0; index < leftTexts.size(); ++index) {
        if (*leftTexts[index] != *rightTexts[index]) {
            return false;
        }
    }
    const auto leftScanner = sharedScannerFields(left);
    const auto rightScanner = sharedScannerFields(right);
    for (std::size_t index = 0; index < leftScanner.size(); ++index) {
        if (*leftScanner[index] != *rightScanner[index]) {
            return false;
        }
    }
    return left.photometricInterpretation == right.photometricInterpretation
        && left.transferSyntaxUid == right.transferSyntaxUid && left.burnedInAnnotation == right.burnedInAnnotation
        && left.imageType == right.imageType;
}

InstanceRecord readInstanceRecord(const SqliteStatement& statement, int firstColumn)
{
    InstanceRecord record;
    int column = firstColumn;
    record.filePath = statement.text(column++);
    record.fileSizeBytes = statement.int64(column++);
    record.fileModifiedNs = statement.int64(column++);
    record.sourceKind = statement.integer(column++) == 1 ? SourceKind::VolumeFile : SourceKind::Dicom;
    for (std::string* text :
        { &record.sopClassUid, &record.sopInstanceUid, &record.seriesInstanceUid, &record.studyInstanceUid,
            &record.frameOfReferenceUid, &record.patientId, &record.patientName, &record.patientSex,
            &record.patientBirthDate, &record.patientAge, &record.accessionNumber, &record.studyDate, &record.studyTime,
            &record.studyDescription, &record.seriesDescription, &record.modality }) {
        *text = statement.text(column++);
    }
    record.seriesNumber = statement.optionalInteger(column++);
    record.instanceNumber = statement.optionalInteger(column++);
    for (std::string* text : { &record.manufacturer, &record.manufacturerModelName, &record.institutionName,
             &record.stationName, &record.acquisitionDate, &record.acquisitionTime, &record.bodyPartExamined }) {
        *text = statement.text(column++);
    }
    record.rows = statement.integer(column++);
    record.columns = statement.integer(column++);
    record.numberOfFrames = statement.integer(column++);
    record.pixelSpacingRowMm = statement.optionalReal(column++);
    record.pixelSpacingColumnMm = statement.optionalReal(column++);
    record.sliceThicknessMm = statement.optionalReal(column++);
    record.imagePositionPatient = splitNumbers(statement.text(column++));
    record.imageOrientationPatient = splitNumbers(statement.text(column++));
    record.windowCenters = splitNumbers(statement.text(column++));
    record.windowWidths = splitNumbers(statement.text(column++));
    record.rescaleSlope = statement.real(column++);
    record.rescaleIntercept = statement.real(column++);
    column = readPixelDescription(statement, column, record);
    record.flags = splitFlags(statement.text(column++));
    return record;
}

std::string joinNumbers(const std::vector<double>& values)
{
    std::string text;
    joinNumbers(values, text);
    return text;
}

void joinNumbers(const std::vector<double>& values, std::string& text)
{
    text.clear();
    char number[32];
    for (const double value : values) {
        // Shortest text that reads back to the same double.
        const std::to_chars_result result = std::to_chars(number, number + sizeof(number), value);
        text += text.empty() ? "" : "\\";
        text.append(number, result.ptr);
    }
}

std::vector<double> splitNumbers(const std::string& text)
{
    std::vector<double> values;
    const char* cursor = text.c_str();
    while (*cursor != '\0') {
        char* end = nullptr;
        values.push_back(std::strtod(cursor, &end));
        if (end == cursor) {
            break;
        }
        cursor = (*end == '\\') ? end + 1 : end;
    }
    return values;
}

std::string joinFlags(const std::vector<std::string>& flags)
{
    std::string text;
    joinFlags(flags, text);
    return text;
}

void joinFlags(const std::vector<std::string>& flags, std::string& text)
{
    text.clear();
    for (const std::string& flag : flags) {
        text += text.empty() ? "" : "\n";
        text += flag;
    }
}

std::vector<std::string> splitFlags(const std::string& text)
{
    std::vector<std::string> flags;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        flags.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return flags;
}

} // namespace radmark::storage
