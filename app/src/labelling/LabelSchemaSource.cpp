#include "labelling/LabelSchemaSource.h"

#include "radmark/storage/files/WholeFile.h"

#include "radmark/storage/project/ReportStore.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace radmark::app {

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> schemaFolders()
{
    std::vector<fs::path> folders;
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        folders.push_back(executable.parent_path() / ".." / ".." / "resources" / "label-schemas");
        folders.push_back(executable.parent_path() / ".." / "share" / "radmark" / "label-schemas");
    }
    if (const char* environment = std::getenv("RADMARK_SCHEMA_DIR"); environment != nullptr && *environment != '\0') {
        folders.emplace_back(environment);
    }
    return folders;
}

} // namespace

std::string resolveLabelSchemaPath(const std::string& argument)
{
    const bool isPath = argument.find('/') != std::string::npos
        || (argument.size() > 5 && argument.compare(argument.size() - 5, 5, ".json") == 0);
    if (isPath) {
        return argument;
    }
    std::string searched;
    for (const fs::path& folder : schemaFolders()) {
        const fs::path candidate = folder / (argument + ".json");
        if (fs::is_regular_file(candidate)) {
            return fs::weakly_canonical(candidate).string();
        }
        searched += (searched.empty() ? "" : ", ") + folder.lexically_normal().string();
    }
    throw std::runtime_error("no label schema named \"" + argument + "\" (searched "
        + (searched.empty() ? std::string("nothing") : searched) + ")");
}

LabelSchemaSource readLabelSchemaSource(const std::string& argument)
{
    const std::string path = resolveLabelSchemaPath(argument);
    LabelSchemaSource source;
    source.jsonText = storage::readWholeFileOrThrow(path);
    source.schema = annotation::parseLabelSchema(source.jsonText, path);
    source.origin = path;
    return source;
}

std::vector<std::string> labelSchemaPresetNames()
{
    std::set<std::string> names;
    for (const fs::path& folder : schemaFolders()) {
        std::error_code error;
        for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
            if (it->path().extension() == ".json") {
                names.insert(it->path().stem().string());
            }
        }
    }
    return { names.begin(), names.end() };
}

std::optional<LabelSchemaSource> projectLabelSchema(storage::ReportStore& reports)
{
    auto stored = reports.currentLabelSchema();
    if (!stored) {
        const std::string remembered = reports.lastLabelSchema();
        if (remembered.empty()) {
            return std::nullopt;
        }
        LabelSchemaSource source = readLabelSchemaSource(remembered);
        try {
            keepLabelSchema(reports, source, "");
        } catch (const std::exception&) {
            return source; // read-only: use it without keeping it
        }
        stored = reports.currentLabelSchema();
    }
    LabelSchemaSource source;
    source.jsonText = stored->jsonText;
    source.origin = "label schema revision " + std::to_string(stored->revision) + " of the project";
    source.schema = annotation::parseLabelSchema(stored->jsonText, source.origin);
    return source;
}

void keepLabelSchema(storage::ReportStore& reports, const LabelSchemaSource& source, const std::string& authorName)
{
    storage::StoredLabelSchema stored;
    stored.name = source.schema.name;
    stored.version = source.schema.version;
    stored.jsonText = source.jsonText;
    stored.source = source.origin;
    stored.authorName = authorName;
    reports.storeLabelSchema(stored);
}

} // namespace radmark::app
