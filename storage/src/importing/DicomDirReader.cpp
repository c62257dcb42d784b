#include "importing/DicomDirReader.h"
#include "dicom/DicomStreamPrescan.h"

#include "importing/DicomIndexReader.h"
#include "importing/DicomValueText.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace radmark::storage {

namespace fs = std::filesystem;

namespace {

bool equalIgnoringCase(const std::string& left, const std::string& right)
{
    return left.size() == right.size()
        && std::equal(left.begin(), left.end(), right.begin(),
            [](unsigned char a, unsigned char b) { return std::tolower(a) == std::tolower(b); });
}

// `folder`/components, matching each component case-insensitively when the exact name is absent.
std::string resolveComponents(const fs::path& folder, const std::vector<std::string>& components)
{
    fs::path resolved = folder;
    std::error_code error;
    for (const std::string& component : components) {
        fs::path exact = resolved / component;
        if (fs::exists(exact, error)) {
            resolved = std::move(exact);
            continue;
        }
        bool found = false;
        for (const fs::directory_entry& entry : fs::directory_iterator(resolved, error)) {
            if (equalIgnoringCase(entry.path().filename().string(), component)) {
                resolved = entry.path();
                found = true;
                break;
            }
        }
        if (!found) {
            return {};
        }
    }
    return resolved.string();
}

} // namespace

std::vector<std::string> readDicomDirReferences(const std::string& dicomDirPath)
{
    DicomIndexReader::silenceDcmtkLogging();
    const DicomPrescan scan = prescanDicomFile(dicomDirPath);
    if (!scan.accepted()) {
        throw std::runtime_error(scan.reason);
    }
    DcmFileFormat fileFormat;
    const OFCondition condition = fileFormat.loadFile(dicomDirPath.c_str());
    if (condition.bad()) {
        throw std::runtime_error(std::string("DCMTK: ") + condition.text());
    }
    DcmSequenceOfItems* records = nullptr;
    if (fileFormat.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || !records) {
        throw std::runtime_error("no Directory Record Sequence");
    }
    const fs::path folder = fs::path(dicomDirPath).parent_path();
    std::vector<std::string> files;
    std::set<std::string> seen;
    DcmObject* item = nullptr;
    while ((item = records->nextInContainer(item)) != nullptr) {
        auto* record = static_cast<DcmItem*>(item);
        DcmElement* element = nullptr;
        if (record->findAndGetElement(DCM_ReferencedFileID, element).bad()) {
            continue;
        }
        const std::string fileId = elementText(element);
        std::vector<std::string> components;
        std::size_t start = 0;
        while (start <= fileId.size()) {
            const std::size_t end = std::min(fileId.find('\\', start), fileId.size());
            std::string component = fileId.substr(start, end - start);
            component.erase(component.find_last_not_of(' ') + 1);
            if (component.empty() || component == "." || component == "..") {
                components.clear(); // a malformed ID must not lead outside the media folder
                break;
            }
            components.push_back(component);
            start = end + 1;
        }
        if (components.empty()) {
            continue;
        }
        const std::string path = resolveComponents(folder, components);
        if (!path.empty() && seen.insert(path).second) {
            files.push_back(path);
        }
    }
    return files;
}

} // namespace radmark::storage
