#pragma once

#include <cstdint>
#include <string>

namespace radmark::testing {

// Byte-level builders of small, hand-made DICOM files (explicit VR little endian unless said), for the tests of
// hostile input: nothing here goes through DCMTK, so the files can be as broken as needed.
std::string explicitElement(std::uint16_t group, std::uint16_t element, const char* vr, const std::string& value);
// 128-byte preamble, "DICM", File Meta Information with this transfer syntax, then `dataset`.
std::string dicmFile(const std::string& transferSyntaxUid, const std::string& dataset);
// The attributes of a 4 x 4 16-bit CT slice up to (not including) the pixel data, with this photometric.
std::string smallImageAttributes(const std::string& photometric = "MONOCHROME2", int samplesPerPixel = 1);
// Native pixel data (7FE0,0010) OW of the 4 x 4 16-bit slice: value n at pixel n.
std::string nativePixelData();
// `depth` undefined-length sequences (tag group/element), each in an undefined-length item, all closed.
std::string nestedSequences(std::uint16_t group, std::uint16_t element, int depth);
// A complete small CT slice, with `before` inserted before the pixel data and `after` after it.
std::string smallCtFile(const std::string& before = {}, const std::string& after = {});
void writeBytes(const std::string& path, const std::string& bytes);

} // namespace radmark::testing
