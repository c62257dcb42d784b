#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
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
// Bytes read from a file into storage reused from file to file (not zero-filled first, unlike a std::vector).
struct ReusableBytes {
    std::unique_ptr<unsigned char[]> bytes;
    std::size_t capacity = 0;

    // Room for `count` bytes; the first `keep` bytes are kept when the storage moves.
    unsigned char* reserve(std::size_t count, std::size_t keep = 0);
};

// Reads up to `count` bytes at `offset` into `out` (retrying on EINTR); the number read (fewer at the end of the
// file), or -1 on a read error (errno set).
std::int64_t readFileBytes(int descriptor, std::uint64_t offset, std::size_t count, unsigned char* out);

// What the pre-scan read of a file up to its pixel data, kept so that a header parser walking the same elements
// after it reads nothing again: the bytes read (one piece for each stretch the walk went through in order; the
// first piece is the caller's head), and where each top-level sequence ends and its first item ends. Values are
// not read by the walk, so a value it skipped by its length is not held. Its storage is reused from file to file.
class PrescanLayout {
public:
    struct Piece {
        std::uint64_t at = 0; // position in the file
        std::size_t size = 0;
        const unsigned char* data = nullptr;
    };
    struct TopLevelSequence {
        std::uint64_t elementAt = 0; // position of the sequence element's tag
        std::uint64_t end = 0; // just past its value (and its delimiter); 0: not known
        std::uint64_t firstItemEnd = 0; // just past its first item (and the item's delimiter); 0: none or not known
    };

    // An element of the dataset's top level (not the File Meta Information), as the walk read its header.
    struct TopLevelElement {
        std::uint32_t tagKey = 0; // group << 16 | element
        char vr[2] = { '?', '?' }; // "??" in implicit VR
        std::uint32_t length = 0; // 0xFFFFFFFF: undefined (walked to its delimiter)
        std::uint64_t at = 0; // position of its tag
        std::uint64_t valueAt = 0;
    };

    // The top-level elements in file order, up to and including the first at or after (7FE0,0008) (the pixel data),
    // or to the end of the dataset; empty unless the walk got that far with the file's own bytes (not a deflated
    // dataset).
    const std::vector<TopLevelElement>& topLevelElements() const { return m_elementsComplete ? m_elements : m_none; }

    // The piece holding all of [at, at + count), or nullptr.
    const Piece* pieceHolding(std::uint64_t at, std::size_t count) const;
    // The top-level sequence whose tag is at `elementAt`, or nullptr.
    const TopLevelSequence* sequenceAt(std::uint64_t elementAt) const;

private:
    friend class PrescanRecorder;
    std::vector<Piece> m_pieces;
    std::vector<ReusableBytes> m_storage; // m_storage[i] holds m_pieces[i + 1] (piece 0 is the caller's head)
    std::vector<TopLevelSequence> m_sequences;
    std::vector<TopLevelElement> m_elements;
    bool m_elementsComplete = false;
    std::vector<TopLevelElement> m_none;
    ReusableBytes m_pastPixelData; // small reads beyond the pixel data element, not kept
};

// The same with the file already open (`openDescriptor`, read with pread; it stays open). `layout` (optional)
// receives what the walk read up to the pixel data (see PrescanLayout), for the header parser that follows.
DicomPrescan prescanDicomFile(const std::string& filePath, std::uint64_t fileSize, const unsigned char* head,
    std::size_t headSize, int openDescriptor, PrescanLayout* layout = nullptr);
DicomPrescan prescanDicomFile(const std::string& filePath);

// Throws ProjectError("cannot read FILE: REASON") unless the file's element stream was accepted. Called
// before every DCMTK or GDCM parse of a whole file (loading, export, SR and map reading).
void requireSafeDicomFile(const std::string& filePath);

} // namespace radmark::storage
