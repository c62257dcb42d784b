#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace radmark::storage {

// Deepest sequence nesting accepted. Real files nest a few levels (enhanced multi-frame functional groups 3,
// SR content trees a few dozen at most); DCMTK's and GDCM's recursive parsers overflow the stack at a few
// thousand levels.
constexpr int maxAcceptedSequenceDepth = 64;

// What a walk over a file's whole DICOM element stream found, before any toolkit parses the file.
struct DicomPrescan {
    enum class Verdict {
        Accepted, // every length fits, every sequence and item closes, nesting within the bound
        NotDicom, // neither "DICM" at byte 128 nor a plausible group 0002/0008 element at byte 0
        Refused, // DICOM-like but damaged or hostile: `reason` says what and at which byte
    };
    Verdict verdict = Verdict::Refused;
    std::string reason;

    bool accepted() const { return verdict == Verdict::Accepted; }
};

// Walks the element stream iteratively (explicit/implicit VR, little/big endian, deflated datasets, defined
// and undefined lengths, items and delimiters, encapsulated pixel data fragments) from the File Meta
// Information to the end of the file, including what follows the pixel data. Nothing is allocated in
// proportion to a length read from the file; values are skipped, not read, so a file costs a few small
// reads beyond the bytes already read. `head` (optional) holds the file's first `headSize` bytes already read.
DicomPrescan prescanDicomFile(
    const std::string& filePath, std::uint64_t fileSize, const unsigned char* head, std::size_t headSize);
// The bytes the pre-scan last read beyond the head (`at` = their position in the file), handed back so that a
// parser reading on from there does not read them again; its storage is reused from file to file.
struct PrescanWindow {
    std::vector<unsigned char> bytes;
    std::uint64_t at = 0;
};

// The same with the file already open (`openDescriptor`, read with pread; it stays open). `lastWindow`
// (optional) receives the pre-scan's last window beyond the head (empty when it read none).
DicomPrescan prescanDicomFile(const std::string& filePath, std::uint64_t fileSize, const unsigned char* head,
    std::size_t headSize, int openDescriptor, PrescanWindow* lastWindow = nullptr);
DicomPrescan prescanDicomFile(const std::string& filePath);

// Throws ProjectError("cannot read FILE: REASON") unless the file's element stream was accepted. Called
// before every DCMTK or GDCM parse of a whole file (loading, export, SR and map reading).
void requireSafeDicomFile(const std::string& filePath);

} // namespace radmark::storage
