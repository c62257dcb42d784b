#pragma once

#include "radmark/storage/dataset/ExportFormat.h"

#include <filesystem>
#include <string>

namespace radmark::storage {

// A pseudonymous value usable as one path component: characters other than letters, digits, '.', '-' and
// '_' become '_'; never empty.
std::string safeFileName(const std::string& value);

// <outputDir>/<format folder>/<pseudonymous patient ID>/<de-identified Study Instance UID>
std::filesystem::path studyFolder(ExportContext& context, const std::string& formatFolder, const ExportStudy& study);

// Creates the folder and its parents; throws ProjectError naming it when that fails.
void createFolder(const std::filesystem::path& folder);

} // namespace radmark::storage
