#pragma once

#include "project/ProjectSchema.h"

namespace radmark::storage {

// A thinner instance row for projects of tens of millions of files. `instances` keeps per file only what
// differs between the files of a series (file name and state, SOP Instance UID, instance number, position,
// window, rescale, acquisition time, frames, flags); the values the files of a series share (patient, study and
// series fields, scanner, geometry and pixel description: 37 columns) move to `instance_series_values`, one row
// per distinct set of them in a series (usually one per series; a file that differs in any of them gets a row of
// its own, so nothing is lost), and the folder of each path to `instance_folders` (path = folder_path ||
// file_name, the folder with its trailing '/'). The (series, path) index becomes one on series_ref alone, the
// path index one on (folder_ref, file_name), the SOP Instance UID index one on the UID's last 24 characters. The view
// `instance_records` shows the 50 columns of the earlier table under their earlier names. Its number is the one
// constant below, so that it can be renumbered when migrations are merged; it touches only `instances`, its indexes and
// its own new tables, so it runs the same after any earlier migration.
constexpr int compactInstancesSchemaVersion = 10;
SchemaMigration compactInstancesMigration();

} // namespace radmark::storage
