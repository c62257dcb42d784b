#pragma once

#include <functional>
#include <optional>
#include <string>

namespace radmark::storage {

// The one whole-file reader: the file's bytes as they are (no decoding), read in 1 MiB chunks.
// std::nullopt when the file cannot be opened, or when `stopRequested` (asked between chunks, so that a
// cancelled import stops inside a large file too) returns true.
std::optional<std::string> readWholeFile(const std::string& path, const std::function<bool()>& stopRequested = {});

// The same for callers that report errors by exception: throws std::runtime_error "PATH: cannot open".
std::string readWholeFileOrThrow(const std::string& path);

} // namespace radmark::storage
