#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace radmark::testing {

// A DICOM file that begins like a real CT image (preamble, "DICM", transfer syntax, SOP class) and
// then holds nothing but zeros up to `sizeBytes`, written sparse (no disk space used). DCMTK parses the
// zeros as empty elements, chunk by chunk, to the file's end: reading it fully takes minutes for a
// few gigabytes, which makes it a slow file for cancel and close tests.
inline void writeLargeDicomLikeFile(const std::string& path, std::uintmax_t sizeBytes)
{
    std::string bytes(128, '\0');
    bytes += "DICM";
    const auto element = [&bytes](std::uint16_t group, std::uint16_t number, const char* vr, std::string value) {
        if (value.size() % 2 != 0) {
            value.push_back('\0');
        }
        bytes.push_back(static_cast<char>(group & 0xff));
        bytes.push_back(static_cast<char>(group >> 8));
        bytes.push_back(static_cast<char>(number & 0xff));
        bytes.push_back(static_cast<char>(number >> 8));
        bytes += vr;
        bytes.push_back(static_cast<char>(value.size() & 0xff));
        bytes.push_back(static_cast<char>(value.size() >> 8));
        bytes += value;
    };
    element(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1");
    element(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.2");
    element(0x0008, 0x0060, "CS", "CT");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    std::filesystem::resize_file(path, sizeBytes);
}

} // namespace radmark::testing
