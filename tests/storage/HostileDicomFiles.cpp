#include "HostileDicomFiles.h"

#include <fstream>

namespace radmark::testing {

namespace {

std::string u16(std::uint16_t value)
{
    return std::string { static_cast<char>(value & 0xFF), static_cast<char>(value >> 8) };
}

std::string u32(std::uint32_t value)
{
    return u16(static_cast<std::uint16_t>(value & 0xFFFF)) + u16(static_cast<std::uint16_t>(value >> 16));
}

std::string even(std::string value, char pad)
{
    if (value.size() % 2 != 0) {
        value.push_back(pad);
    }
    return value;
}

std::string usValue(std::uint16_t value)
{
    return u16(value);
}

} // namespace

std::string explicitElement(std::uint16_t group, std::uint16_t element, const char* vr, const std::string& value)
{
    const std::string v(vr);
    const bool isLong = v == "OB" || v == "OW" || v == "SQ" || v == "UN" || v == "UT" || v == "OF";
    const std::string padded = even(value, v == "UI" || v == "OB" ? '\0' : ' ');
    if (isLong) {
        return u16(group) + u16(element) + v + std::string(2, '\0') + u32(static_cast<std::uint32_t>(padded.size()))
            + padded;
    }
    return u16(group) + u16(element) + v + u16(static_cast<std::uint16_t>(padded.size())) + padded;
}

std::string dicmFile(const std::string& transferSyntaxUid, const std::string& dataset)
{
    const std::string meta = explicitElement(0x0002, 0x0001, "OB", std::string("\0\1", 2))
        + explicitElement(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.2")
        + explicitElement(0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.10.1.1")
        + explicitElement(0x0002, 0x0010, "UI", transferSyntaxUid);
    const std::string groupLength = explicitElement(0x0002, 0x0000, "UL", u32(static_cast<std::uint32_t>(meta.size())));
    return std::string(128, '\0') + "DICM" + groupLength + meta + dataset;
}

std::string smallImageAttributes(const std::string& photometric, int samplesPerPixel)
{
    return explicitElement(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.2")
        + explicitElement(0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.10.1.1")
        + explicitElement(0x0008, 0x0060, "CS", "CT") + explicitElement(0x0010, 0x0010, "PN", "Hostile^File")
        + explicitElement(0x0010, 0x0020, "LO", "HOSTILE")
        + explicitElement(0x0020, 0x000D, "UI", "1.2.826.0.1.3680043.10.1.2")
        + explicitElement(0x0020, 0x000E, "UI", "1.2.826.0.1.3680043.10.1.3")
        + explicitElement(0x0020, 0x0013, "IS", "1")
        + explicitElement(0x0028, 0x0002, "US", usValue(static_cast<std::uint16_t>(samplesPerPixel)))
        + explicitElement(0x0028, 0x0004, "CS", photometric) + explicitElement(0x0028, 0x0010, "US", usValue(4))
        + explicitElement(0x0028, 0x0011, "US", usValue(4)) + explicitElement(0x0028, 0x0100, "US", usValue(16))
        + explicitElement(0x0028, 0x0101, "US", usValue(16)) + explicitElement(0x0028, 0x0102, "US", usValue(15))
        + explicitElement(0x0028, 0x0103, "US", usValue(0));
}

std::string nativePixelData()
{
    std::string pixels;
    for (std::uint16_t n = 0; n < 16; ++n) {
        pixels += u16(n);
    }
    return explicitElement(0x7FE0, 0x0010, "OW", pixels);
}

std::string nestedSequences(std::uint16_t group, std::uint16_t element, int depth)
{
    const std::string open = u16(group) + u16(element) + "SQ" + std::string(2, '\0') + u32(0xFFFFFFFF) + u16(0xFFFE)
        + u16(0xE000) + u32(0xFFFFFFFF);
    const std::string close = u16(0xFFFE) + u16(0xE00D) + u32(0) + u16(0xFFFE) + u16(0xE0DD) + u32(0);
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(depth) * (open.size() + close.size()));
    for (int n = 0; n < depth; ++n) {
        bytes += open;
    }
    for (int n = 0; n < depth; ++n) {
        bytes += close;
    }
    return bytes;
}

std::string smallCtFile(const std::string& before, const std::string& after)
{
    return dicmFile("1.2.840.10008.1.2.1", smallImageAttributes() + before + nativePixelData() + after);
}

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

} // namespace radmark::testing
