#pragma once

#include <string>

namespace radmark::app {

// The login name of the process's user, the default author of CLI edits: the passwd entry of the real uid,
// else $USER (containers often run with a uid that has no passwd entry), else "unknown".
std::string operatingSystemUserName();

} // namespace radmark::app
