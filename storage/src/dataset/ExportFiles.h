#pragma once

#include <string>

namespace radmark::storage {

// Files of an export: every write is checked (a full disk or a read-only folder throws ProjectError
// naming the file) so that a format never leaves a silently truncated file behind.
void writeExportTextFile(const std::string& path, const std::string& text);
void createExportFolder(const std::string& path);

// Refuses an output folder that exists and is not empty unless `overwrite`, and one that is a file; with
// `overwrite`, refuses a folder without a RadMark manifest or holding files its manifest does not list.
void checkExportOutputFolder(const std::string& outputDir, bool overwrite);

// The list of the files RadMark wrote into an export folder, at its top level.
inline constexpr const char* kExportManifestName = "radmark_export_manifest.txt";
// Writes the manifest of every file now under `folder` (called on the staging folder before publishing).
void writeExportManifest(const std::string& folder);

// A new hidden folder beside the output (".NAME.partial-XXXXXX"), where the dataset is written.
std::string createExportStagingFolder(const std::string& outputDir);

// Moves the finished staging folder to the output path; an existing output (empty, or replaced with
// `overwrite`) is removed only after the new dataset is complete.
void publishExportStagingFolder(const std::string& stagingDir, const std::string& outputDir, bool overwrite);

// Removes a folder tree; never throws (used while unwinding a failed export).
void removeExportTree(const std::string& path) noexcept;

// True when `path` lies inside `folder` (or is it), comparing absolute, normalised paths.
bool isInsideFolder(const std::string& path, const std::string& folder);

} // namespace radmark::storage
