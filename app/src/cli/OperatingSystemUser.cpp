#include "cli/OperatingSystemUser.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace radmark::app {

std::string operatingSystemUserName()
{
    if (const passwd* entry = ::getpwuid(::getuid()); entry && entry->pw_name && *entry->pw_name) {
        return entry->pw_name;
    }
    const char* user = std::getenv("USER");
    return user && *user ? user : "unknown";
}

} // namespace radmark::app
