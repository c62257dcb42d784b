#include "project/RealProjectPath.h"

#include <filesystem>

namespace radmark::storage {

namespace fs = std::filesystem;

std::string realProjectPath(const std::string& absolutePath)
{
    std::error_code error;
    fs::path path = fs::path(absolutePath).lexically_normal();
    // A link whose target does not exist yet is followed by hand (weakly_canonical would stop at the link).
    for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(path, error)); ++hops) {
        const fs::path target = fs::read_symlink(path, error);
        if (error) {
            return absolutePath;
        }
        path = (target.is_absolute() ? target : path.parent_path() / target).lexically_normal();
    }
    const fs::path resolved = fs::weakly_canonical(path, error);
    return error ? absolutePath : resolved.string();
}

} // namespace radmark::storage
