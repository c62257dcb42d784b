// `radmark team relink`: image paths moved from one root folder to another (an annotator's copy of the images).
#include "radmark/storage/project/ProjectError.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/team/TeamStore.h"
#include "team/TeamSql.h"

#include <filesystem>

namespace radmark::storage {

namespace fs = std::filesystem;

namespace {

// The folder part of a path, with its trailing '/'.
std::string folderOf(const std::string& path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string {} : path.substr(0, slash + 1);
}

std::string withTrailingSlash(std::string folder)
{
    if (folder.empty() || folder.back() != '/') {
        folder += '/';
    }
    return folder;
}

} // namespace

std::string imageRoot(const ProjectStore& project)
{
    const std::string stored = projectSetting(project, "image_root");
    if (!stored.empty()) {
        return withTrailingSlash(stored);
    }
    // The common prefix of the smallest and largest folder of a file, cut back to a folder boundary.
    SqliteStatement bounds(project.connection(), project.path(),
        "SELECT MIN(folder_path), MAX(folder_path) FROM instance_folders f "
        "WHERE EXISTS (SELECT 1 FROM instances i WHERE i.folder_ref = f.id)");
    if (!bounds.step() || bounds.isNull(0)) {
        return {};
    }
    const std::string first = folderOf(bounds.text(0));
    const std::string last = folderOf(bounds.text(1));
    std::size_t common = 0;
    while (common < first.size() && common < last.size() && first[common] == last[common]) {
        ++common;
    }
    return folderOf(first.substr(0, common));
}

RelinkResult relinkImages(ProjectStore& project, const std::string& newRootArgument)
{
    if (project.isReadOnly()) {
        throw ProjectError(project.path() + ": cannot relink the images: the project is open read-only ("
            + project.readOnlyReason() + ")");
    }
    std::error_code error;
    const fs::path absoluteRoot = fs::absolute(newRootArgument, error).lexically_normal();
    if (!fs::is_directory(absoluteRoot, error)) {
        throw ProjectError(absoluteRoot.string() + ": no such folder (the root the images are to be found under)");
    }
    RelinkResult result;
    result.oldRoot = imageRoot(project);
    result.newRoot = withTrailingSlash(absoluteRoot.string());
    if (result.oldRoot.empty()) {
        throw ProjectError(project.path() + ": has no images to relink");
    }

    SqliteStatement paths(project.connection(), project.path(),
        "SELECT f.folder_path || i.file_name FROM instance_folders f JOIN instances i ON i.folder_ref = f.id "
        "WHERE substr(f.folder_path, 1, ?1) = ?2");
    paths.bind(1, static_cast<std::int64_t>(result.oldRoot.size()));
    paths.bind(2, result.oldRoot);
    while (paths.step()) {
        const std::string relocated = result.newRoot + paths.text(0).substr(result.oldRoot.size());
        ++result.instances;
        if (fs::is_regular_file(relocated, error)) {
            ++result.found;
        } else if (result.missingExamples.size() < 3) {
            result.missingExamples.push_back(relocated);
        }
    }
    if (result.instances > 0 && result.found == 0) {
        throw ProjectError(project.path() + ": not one of the " + std::to_string(result.instances)
            + " image files is under " + result.newRoot + " (e.g. " + result.missingExamples.front()
            + " is missing; the images were under " + result.oldRoot + "); nothing changed");
    }
    if (result.oldRoot == result.newRoot) {
        return result;
    }
    SqliteTransaction transaction(project.connection(), project.path());
    // The folders under the old root move under the new one (?1 length of the old root, ?2 the old root, ?3 the
    // new root). A folder that already exists under the new name (e.g. the new root is inside the old one) takes
    // the files over; the old folder rows are dropped.
    for (const char* sql :
        { "CREATE TEMP TABLE relinked_folders AS SELECT id AS old_id, ?3 || substr(folder_path, ?1 + 1) AS new_path "
          "FROM instance_folders WHERE substr(folder_path, 1, ?1) = ?2",
            "UPDATE instance_folders SET folder_path = char(1) || id WHERE id IN (SELECT old_id FROM "
            "temp.relinked_folders)",
            "INSERT OR IGNORE INTO instance_folders(folder_path) SELECT new_path FROM temp.relinked_folders",
            "UPDATE instances SET folder_ref = (SELECT f.id FROM temp.relinked_folders r JOIN instance_folders f ON "
            "f.folder_path = r.new_path WHERE r.old_id = instances.folder_ref) WHERE folder_ref IN (SELECT old_id "
            "FROM temp.relinked_folders)",
            "DELETE FROM instance_folders WHERE id IN (SELECT old_id FROM temp.relinked_folders)",
            "DROP TABLE temp.relinked_folders",
            "UPDATE saliency_maps SET map_path = ?3 || substr(map_path, ?1 + 1) WHERE substr(map_path, 1, ?1) = ?2" }) {
        SqliteStatement update(project.connection(), project.path(), sql);
        // (A statement without ?3 or without parameters ignores them.)
        update.bind(1, static_cast<std::int64_t>(result.oldRoot.size()));
        update.bind(2, result.oldRoot);
        update.bind(3, result.newRoot);
        update.run();
        if (std::string(sql).find("saliency_maps") != std::string::npos) {
            result.saliencyMaps = static_cast<std::size_t>(queryInteger(project, "SELECT changes()"));
        }
    }
    SqliteStatement setting(project.connection(), project.path(),
        "INSERT INTO project_settings(key, value) VALUES ('image_root', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    setting.bind(1, result.newRoot);
    setting.run();
    transaction.commit();
    return result;
}

} // namespace radmark::storage
