#pragma once

#include <string>

namespace radmark::storage {

// The path a project's bytes really live at: every symbolic link resolved (also a link to a project that does not
// exist yet, so that creating through a link and opening the target later agree), `.` and `..` removed. Paths
// that cannot be resolved (a link loop, an unreadable folder) come back as given. The writer lock is taken on
// this path, so two opens through different links (or a link and the file) exclude each other.
std::string realProjectPath(const std::string& absolutePath);

} // namespace radmark::storage
