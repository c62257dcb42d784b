#include "project/ProjectFileCheck.h"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace radmark::storage {

namespace {

namespace fs = std::filesystem;

constexpr char sqliteMagic[] = "SQLite format 3"; // 16 bytes with its NUL
constexpr std::size_t sqliteHeaderBytes = 100;

// A few words on what the file looks like instead, for the refusal.
std::string looksLike(const std::string& head)
{
    if (head.size() >= 132 && head.compare(128, 4, "DICM") == 0) {
        return "a DICOM file";
    }
    if (head.compare(0, 5, "%PDF-") == 0) {
        return "a PDF document";
    }
    if (head.compare(0, 4, "PK\x03\x04") == 0) {
        return "a ZIP archive (or an Office document)";
    }
    if (head.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0) {
        return "a PNG image";
    }
    bool text = !head.empty();
    for (const char character : head) {
        const auto byte = static_cast<unsigned char>(character);
        if (byte < 0x09 || (byte > 0x0D && byte < 0x20)) {
            text = false;
            break;
        }
    }
    return text ? "a text file" : "a binary file of another kind";
}

} // namespace

std::string projectFileRefusal(const std::string& path)
{
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) {
        return {}; // SQLite reports what is wrong with it
    }
    const auto walSize = fs::file_size(path + "-wal", error);
    const bool walHoldsPages = !error && walSize > 0;
    const std::string newProjectHint = " (RadMark creates a new project only at a path where no file exists: choose "
                                       "another name, or remove the file)";
    if (size == 0) {
        // A project created a moment ago can have every page in its -wal file yet; SQLite then reads it.
        return walHoldsPages ? std::string {} : "not a RadMark project: an empty file (0 bytes)" + newProjectHint;
    }
    std::ifstream file(path, std::ios::binary);
    std::string head(256, '\0');
    file.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, file.gcount())));
    if (head.size() < sqliteHeaderBytes || std::memcmp(head.data(), sqliteMagic, sizeof(sqliteMagic)) != 0) {
        return "not a RadMark project: " + looksLike(head) + ", not an SQLite database" + newProjectHint;
    }
    if (!walHoldsPages) {
        // With no pages in a -wal file the header is current: RadMark's marker is user_version (offset 60) > 0.
        const auto bigEndian = [&](std::size_t offset) {
            return (static_cast<std::uint32_t>(static_cast<unsigned char>(head[offset])) << 24)
                | (static_cast<std::uint32_t>(static_cast<unsigned char>(head[offset + 1])) << 16)
                | (static_cast<std::uint32_t>(static_cast<unsigned char>(head[offset + 2])) << 8)
                | static_cast<std::uint32_t>(static_cast<unsigned char>(head[offset + 3]));
        };
        if (bigEndian(60) == 0) {
            // A table needs a page of its own besides page 1: one page in use (pages minus free pages) means none.
            const std::uint32_t pages = bigEndian(28);
            const std::uint32_t freePages = bigEndian(36);
            return pages <= freePages + 1
                ? "not a RadMark project: an empty SQLite database without RadMark's schema" + newProjectHint
                : std::string("not a RadMark project (an SQLite database with other tables)");
        }
    }
    return {};
}

long long projectFileHeaderVersion(const std::string& path)
{
    std::error_code error;
    const auto walSize = fs::file_size(path + "-wal", error);
    if (!error && walSize > 0) {
        return -1;
    }
    std::ifstream file(path, std::ios::binary);
    std::string head(sqliteHeaderBytes, '\0');
    file.read(head.data(), static_cast<std::streamsize>(head.size()));
    if (file.gcount() < static_cast<std::streamsize>(sqliteHeaderBytes)
        || std::memcmp(head.data(), sqliteMagic, sizeof(sqliteMagic)) != 0) {
        return -1;
    }
    std::uint32_t version = 0;
    for (std::size_t offset = 60; offset < 64; ++offset) {
        version = (version << 8) | static_cast<unsigned char>(head[offset]);
    }
    // user_version is a signed 32-bit integer.
    return static_cast<std::int32_t>(version);
}

} // namespace radmark::storage
