#include "RealImportDataset.h"

#include "../Statistics.h"

#include "radmark/storage/importing/Importer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace radmark::bench {

namespace {

namespace fs = std::filesystem;

// Folders of ../shared/data/dicom whose images serve as templates.
const char* const templateFolders[] = { "xa30_classic_vs_enhanced", "ge_head_ct_tilt", "nema_wg04",
    "enhanced_multiframe", "transfer_syntaxes", "12bit" };

constexpr std::size_t pageBytes = 4096;
constexpr int rewrittenDigits = 7; // the last 7 digits of a UID: 9^7 = 4.8 million distinct values

struct UidOccurrence {
    std::size_t offset;
    std::size_t length;
    std::size_t slot; // which new UID (per copy) goes there
};

struct Template {
    std::string relativeFolder; // the folder of the copy, relative to the copy's root
    std::string fileName;
    std::vector<unsigned char> bytes;
    std::vector<UidOccurrence> occurrences;
    std::vector<std::string> originalUids; // per occurrence
    std::size_t holeBegin = 0; // [holeBegin, holeEnd) is not written (uncompressed pixel data)
    std::size_t holeEnd = 0;
};

std::vector<unsigned char> readAll(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    return std::vector<unsigned char>(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

bool isUidCharacter(unsigned char character)
{
    return (character >= '0' && character <= '9') || character == '.';
}

// Offsets of `uid` in `bytes` as a whole value (not part of a longer UID).
std::vector<std::size_t> findWholeUid(const std::vector<unsigned char>& bytes, const std::string& uid)
{
    std::vector<std::size_t> offsets;
    if (uid.size() < 8) {
        return offsets;
    }
    auto at = bytes.begin();
    while (true) {
        at = std::search(at, bytes.end(), uid.begin(), uid.end());
        if (at == bytes.end()) {
            return offsets;
        }
        const auto offset = static_cast<std::size_t>(at - bytes.begin());
        const bool startsAlone = offset == 0 || !isUidCharacter(bytes[offset - 1]);
        const bool endsAlone = offset + uid.size() == bytes.size() || !isUidCharacter(bytes[offset + uid.size()]);
        if (startsAlone && endsAlone) {
            offsets.push_back(offset);
        }
        at += static_cast<std::ptrdiff_t>(uid.size());
    }
}

// `uid` with its last digits replaced by `value` in base 9 written with the digits 1-9 (so that no component
// gets a leading zero); the length stays.
std::string rewrittenUid(const std::string& uid, std::size_t value)
{
    std::string result = uid;
    int written = 0;
    for (std::size_t index = result.size(); index-- > 0 && written < rewrittenDigits;) {
        if (result[index] == '.') {
            continue;
        }
        result[index] = static_cast<char>('1' + value % 9);
        value /= 9;
        ++written;
    }
    return result;
}

// The value bytes of a native Pixel Data element of defined length, page-aligned, when there is one.
void findPixelHole(Template& file)
{
    const std::vector<unsigned char>& bytes = file.bytes;
    const unsigned char tag[] = { 0xE0, 0x7F, 0x10, 0x00 };
    for (std::size_t at = bytes.size() >= 12 ? bytes.size() - 12 : 0; at-- > 132;) {
        if (std::memcmp(bytes.data() + at, tag, 4) != 0) {
            continue;
        }
        std::size_t valueAt = 0;
        std::uint32_t length = 0;
        const auto u32 = [&](std::size_t position) {
            return static_cast<std::uint32_t>(bytes[position] | (bytes[position + 1] << 8) | (bytes[position + 2] << 16)
                | (static_cast<std::uint32_t>(bytes[position + 3]) << 24));
        };
        if ((bytes[at + 4] == 'O' && (bytes[at + 5] == 'W' || bytes[at + 5] == 'B')) && bytes[at + 6] == 0
            && bytes[at + 7] == 0) {
            valueAt = at + 12;
            length = u32(at + 8);
        } else {
            valueAt = at + 8;
            length = u32(at + 4);
        }
        if (length == 0xFFFFFFFFu || valueAt + length > bytes.size()) {
            continue;
        }
        const std::size_t begin = (valueAt + pageBytes - 1) / pageBytes * pageBytes;
        const std::size_t end = (valueAt + length) / pageBytes * pageBytes;
        if (end > begin + pageBytes) {
            file.holeBegin = begin;
            file.holeEnd = end;
        }
        return;
    }
}

void writeRange(
    int descriptor, const unsigned char* data, std::size_t count, std::size_t offset, const std::string& path)
{
    while (count > 0) {
        const ssize_t written = ::pwrite(descriptor, data, count, static_cast<off_t>(offset));
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
        }
        data += written;
        offset += static_cast<std::size_t>(written);
        count -= static_cast<std::size_t>(written);
    }
}

void writeCopy(const Template& file, const std::vector<std::string>& newUids, const std::string& path,
    std::vector<unsigned char>& scratch)
{
    scratch.assign(file.bytes.begin(), file.bytes.end());
    for (const UidOccurrence& occurrence : file.occurrences) {
        std::memcpy(scratch.data() + occurrence.offset, newUids[occurrence.slot].data(), occurrence.length);
    }
    const int descriptor = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (descriptor < 0) {
        throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    }
    if (file.holeEnd > file.holeBegin) {
        writeRange(descriptor, scratch.data(), file.holeBegin, 0, path);
        writeRange(descriptor, scratch.data() + file.holeEnd, scratch.size() - file.holeEnd, file.holeEnd, path);
    } else {
        writeRange(descriptor, scratch.data(), scratch.size(), 0, path);
    }
    if (::ftruncate(descriptor, static_cast<off_t>(scratch.size())) != 0) {
        ::close(descriptor);
        throw std::runtime_error("cannot size " + path + ": " + std::strerror(errno));
    }
    ::close(descriptor);
}

std::string readMarker(const std::string& path)
{
    std::ifstream file(path);
    std::string line;
    std::getline(file, line);
    return line;
}

} // namespace

std::vector<std::string> realTemplateFiles(const std::string& dataFolder)
{
    std::vector<std::string> files;
    for (const char* folder : templateFolders) {
        const fs::path root = fs::path(dataFolder) / folder;
        std::error_code error;
        if (!fs::is_directory(root, error)) {
            continue;
        }
        for (const auto& entry : fs::recursive_directory_iterator(root, error)) {
            if (!entry.is_regular_file()) {
                continue;
            }
            const std::string name = entry.path().filename().string();
            if (name.rfind("LICENSE", 0) == 0 || name.rfind("README", 0) == 0 || name == "PROVENANCE.txt"
                || name == "dcmsum.tsv") {
                continue;
            }
            if (storage::readFileHeader(entry.path().string()).record) {
                files.push_back(entry.path().string());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

RealImportDataset ensureRealImportDataset(const RealImportDatasetSpec& spec, const std::string& dataFolder)
{
    RealImportDataset dataset;
    dataset.folder = spec.folder;
    const std::vector<std::string> templateFiles = realTemplateFiles(dataFolder);
    if (templateFiles.empty()) {
        return dataset;
    }
    dataset.templateCount = templateFiles.size();
    dataset.copiesPerTemplate = (spec.minimumFiles + templateFiles.size() - 1) / templateFiles.size();

    std::ostringstream description;
    description << "v1 " << templateFiles.size() << " templates x " << dataset.copiesPerTemplate;
    for (const std::string& file : templateFiles) {
        description << " " << fs::relative(file, dataFolder).string() << ":" << fs::file_size(file);
    }
    const std::string markerPath = spec.folder + ".complete";

    std::map<std::string, std::size_t> filesPerFolder;
    for (const std::string& file : templateFiles) {
        ++filesPerFolder[fs::relative(file, dataFolder).parent_path().string()];
    }
    for (const auto& [folder, count] : filesPerFolder) {
        dataset.templateFolders.push_back(folder + " (" + std::to_string(count) + ")");
    }

    if (readMarker(markerPath) != description.str()) {
        const Stopwatch stopwatch;
        fs::remove(markerPath);
        fs::remove_all(spec.folder);
        // Slots: one per original study and series UID (shared by the files of that study or series), one per
        // file for the SOP Instance UID (some templates share one: the same image in several transfer syntaxes).
        std::map<std::string, std::size_t> sharedSlots;
        std::size_t slotCount = 0;
        std::vector<Template> templates;
        for (const std::string& path : templateFiles) {
            const std::optional<storage::InstanceRecord> record = storage::readFileHeader(path).record;
            Template file;
            file.relativeFolder = fs::relative(path, dataFolder).parent_path().string();
            file.fileName = fs::path(path).filename().string();
            file.bytes = readAll(path);
            const std::size_t sopSlot = slotCount++;
            const auto slotOf = [&](const std::string& uid) {
                const auto found = sharedSlots.find(uid);
                return found != sharedSlots.end() ? found->second : (sharedSlots[uid] = slotCount++);
            };
            const std::pair<std::string, std::size_t> uids[] = { { record->sopInstanceUid, sopSlot },
                { record->seriesInstanceUid, slotOf("series " + record->seriesInstanceUid) },
                { record->studyInstanceUid, slotOf("study " + record->studyInstanceUid) } };
            for (const auto& [uid, slot] : uids) {
                for (const std::size_t offset : findWholeUid(file.bytes, uid)) {
                    file.occurrences.push_back(UidOccurrence { offset, uid.size(), slot });
                    file.originalUids.push_back(uid);
                }
            }
            findPixelHole(file);
            templates.push_back(std::move(file));
        }

        std::atomic<std::size_t> nextCopy { 0 };
        std::mutex failureMutex;
        std::exception_ptr failure;
        const auto worker = [&] {
            std::vector<unsigned char> scratch;
            std::vector<std::string> newUids(slotCount);
            try {
                for (std::size_t copy = nextCopy++; copy < dataset.copiesPerTemplate; copy = nextCopy++) {
                    char copyFolder[32];
                    std::snprintf(copyFolder, sizeof copyFolder, "/copy%04zu/", copy);
                    for (const Template& file : templates) {
                        for (std::size_t index = 0; index < file.occurrences.size(); ++index) {
                            const UidOccurrence& occurrence = file.occurrences[index];
                            newUids[occurrence.slot]
                                = rewrittenUid(file.originalUids[index], copy * slotCount + occurrence.slot);
                        }
                        const std::string folder = spec.folder + copyFolder + file.relativeFolder;
                        fs::create_directories(folder);
                        writeCopy(file, newUids, folder + "/" + file.fileName, scratch);
                    }
                }
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failureMutex);
                failure = std::current_exception();
                nextCopy = dataset.copiesPerTemplate;
            }
        };
        std::vector<std::thread> threads;
        for (unsigned count = std::max(1u, std::thread::hardware_concurrency()); count > 0; --count) {
            threads.emplace_back(worker);
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
        if (failure) {
            std::rethrow_exception(failure);
        }
        ::sync();
        std::ofstream(markerPath) << description.str() << "\n";
        dataset.generatedNow = true;
        dataset.generationSeconds = stopwatch.seconds();
    }
    for (const auto& entry : fs::recursive_directory_iterator(spec.folder)) {
        if (entry.is_regular_file()) {
            ++dataset.fileCount;
            dataset.apparentBytes += entry.file_size();
        }
    }
    dataset.allocatedBytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(spec.folder)) {
        struct stat status { };
        if (entry.is_regular_file() && ::stat(entry.path().c_str(), &status) == 0) {
            dataset.allocatedBytes += static_cast<std::uint64_t>(status.st_blocks) * 512;
        }
    }
    return dataset;
}

} // namespace radmark::bench
