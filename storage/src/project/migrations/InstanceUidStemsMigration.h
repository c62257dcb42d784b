#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// About 60 bytes less per instance, for projects of tens of millions of files. Two per-file values of `instances`
// are stored shorter, and `instance_records` shows them exactly as before:
// - The SOP Instance UID is split at its last '.' into a stem (kept once in `sop_uid_stems`) and the last component
//   (`sop_uid_tail`). A stem enters sop_uid_stems when it is also the start of a file's Series Instance UID (followed
//   by '.' or its end): most scanners number a series' images under the series UID or under a root they share with
//   it, so a 55-character UID becomes a 3-byte stem reference and a few digits. Every UID whose stem is in
//   sop_uid_stems is stored by it, any other whole in `sop_uid_tail` with no stem, so that equal UIDs are stored
//   alike (the batch writer rewrites the files stored whole when their stem enters the table). The index on the
//   UID's last 24 characters becomes one on (stem, tail): a UID shared with another file is one look-up.
// - A DICOM time of digits with at most one '.' (HHMMSS.FFFFFF, up to 9 digits either side, 16 in all) is stored as
//   the integer digits * 100 + (digits before the '.') * 10 + (digits after it), so that its leading zeros and
//   its '.' come back; any other text stays text (acquisition_time has no type affinity now).
// Rebuilds `instances` (one INSERT ... SELECT, ids kept) and the view. Its number is the one constant below, so that
// it can be renumbered when migrations are merged; it touches only `instances`, its indexes, the view and its own
// new table.
constexpr int instanceUidStemsSchemaVersion = 12;
SchemaMigration instanceUidStemsMigration();

} // namespace radmark::storage
