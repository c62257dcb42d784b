#include "dataset/dicom/ExportPaths.h"

#include "radmark/storage/project/ProjectError.h"

namespace radmark::storage {

std::string safeFileName(const std::string& value)
{
    std::string name;
    for (const char character : value) {
        const bool plain = (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
            || (character >= '0' && character <= '9') || character == '.' || character == '-' || character == '_';
        name += plain ? character : '_';
    }
    return name.empty() || name == "." || name == ".." ? "_" + name : name;
}

std::filesystem::path studyFolder(ExportContext& context, const std::string& formatFolder, const ExportStudy& study)
{
    return std::filesystem::path(context.outputDir) / formatFolder
        / safeFileName(context.identity.patientId(study.patient.patientId))
        / safeFileName(context.identity.uid(study.study.studyUid));
}

void createFolder(const std::filesystem::path& folder)
{
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) {
        throw ProjectError("cannot create " + folder.string() + ": " + error.message());
    }
}

} // namespace radmark::storage
