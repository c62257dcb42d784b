#include "dicom/DicomStreamPrescan.h"
#include "files/ReadCancellation.h"

#include "radmark/storage/project/ProjectError.h"

#include <zlib.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace radmark::storage {

namespace {

constexpr std::uint32_t undefinedLength = 0xFFFFFFFF;
constexpr std::uint64_t openEnded = ~std::uint64_t { 0 };
// A deflated dataset is inflated into memory to be walked; beyond this it is refused (real ones are small).
constexpr std::uint64_t maxInflatedBytes = 512ULL * 1024 * 1024;
// Neither "DICM" at byte 128 nor a group 0002/0008 element at byte 0.
constexpr const char* notDicomReason = "not a DICOM file (no DICM prefix and no recognisable dataset)";

std::string tagText(std::uint16_t group, std::uint16_t element)
{
    char text[16];
    std::snprintf(text, sizeof text, "(%04X,%04X)", group, element);
    return text;
}

// Random access to the bytes being walked: the bytes last read are at hand (`view`), others are read through
// readElsewhere.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    std::uint64_t size() const { return size_; }
    // Copies `count` (<= 64) bytes at `at`; false when they are not all there or cannot be read.
    bool read(std::uint64_t at, std::size_t count, unsigned char* out)
    {
        if (at >= viewAt_ && at - viewAt_ <= viewSize_ && count <= viewSize_ - (at - viewAt_)) {
            std::memcpy(out, view_ + (at - viewAt_), count);
            return true;
        }
        return readElsewhere(at, count, out);
    }
    // The walk has reached what no header parser reads (the pixel data, or a deflated dataset read by inflating):
    // what follows is not recorded, and read `readBytes` at a time.
    virtual void stopRecording(std::size_t readBytes) { (void)readBytes; }

protected:
    explicit ByteSource(std::uint64_t size)
        : size_(size)
    {
    }
    virtual bool readElsewhere(std::uint64_t at, std::size_t count, unsigned char* out) = 0;
    void setView(const unsigned char* bytes, std::uint64_t at, std::size_t size)
    {
        view_ = bytes;
        viewAt_ = at;
        viewSize_ = bytes != nullptr ? size : 0;
    }

private:
    std::uint64_t size_;
    const unsigned char* view_ = nullptr;
    std::uint64_t viewAt_ = 0;
    std::size_t viewSize_ = 0;
};

} // namespace

// Fills a PrescanLayout while the walk reads the file.
class PrescanRecorder {
public:
    // A stretch read in order grows one piece up to this; beyond, the parser reads for itself.
    static constexpr std::size_t maxRecordedBytes = 64 * 1024 * 1024;
    // Top-level elements and sequences listed at most (real headers have a few hundred; a hostile file millions).
    static constexpr std::size_t maxListed = 200000;

    PrescanRecorder(PrescanLayout& layout, const unsigned char* head, std::size_t headSize)
        : m_layout(layout)
    {
        m_layout.m_pieces.clear();
        m_layout.m_sequences.clear();
        m_layout.m_elements.clear();
        m_layout.m_elementsComplete = false;
        // A huge header once does not keep its memory for every later file.
        for (ReusableBytes& storage : m_layout.m_storage) {
            if (storage.capacity > 4 * 1024 * 1024) {
                storage = ReusableBytes {};
            }
        }
        if (m_layout.m_elements.capacity() > maxListed / 4) {
            std::vector<PrescanLayout::TopLevelElement>().swap(m_layout.m_elements);
        }
        if (m_layout.m_sequences.capacity() > maxListed / 4) {
            std::vector<PrescanLayout::TopLevelSequence>().swap(m_layout.m_sequences);
        }
        m_layout.m_pieces.push_back(PrescanLayout::Piece { 0, headSize, head });
    }

    bool full() const { return m_recordedBytes >= maxRecordedBytes; }

    // The piece last read, when it is not the head and `at` continues it (or lies just past it).
    PrescanLayout::Piece* continuedPiece(std::uint64_t at)
    {
        constexpr std::uint64_t smallGap = 4096;
        PrescanLayout::Piece& last = m_layout.m_pieces.back();
        if (m_layout.m_pieces.size() < 2 || at < last.at || at > last.at + last.size + smallGap) {
            return nullptr;
        }
        return &last;
    }
    // Storage for `count` more bytes at the end of the last piece (moved, with its bytes, when it grows).
    unsigned char* extendLast(std::size_t count)
    {
        PrescanLayout::Piece& last = m_layout.m_pieces.back();
        ReusableBytes& storage = m_layout.m_storage[m_layout.m_pieces.size() - 2];
        last.data = storage.reserve(last.size + count, last.size);
        return storage.bytes.get() + last.size;
    }
    void grewLast(std::size_t count)
    {
        m_layout.m_pieces.back().size += count;
        m_recordedBytes += count;
    }
    // Storage for a new piece at `at` of `count` bytes (recorded once read: grewLast).
    unsigned char* startPiece(std::uint64_t at, std::size_t count)
    {
        if (m_layout.m_storage.size() < m_layout.m_pieces.size()) {
            m_layout.m_storage.emplace_back();
        }
        ReusableBytes& storage = m_layout.m_storage[m_layout.m_pieces.size() - 1];
        unsigned char* bytes = storage.reserve(count);
        m_layout.m_pieces.push_back(PrescanLayout::Piece { at, 0, bytes });
        return bytes;
    }
    const PrescanLayout::Piece& lastPiece() const { return m_layout.m_pieces.back(); }
    ReusableBytes& pastPixelData() { return m_layout.m_pastPixelData; }

    // False once a hostile number of elements has been listed (the list is then left incomplete).
    bool addElement(const PrescanLayout::TopLevelElement& element)
    {
        if (m_layout.m_elements.size() >= maxListed) {
            return false;
        }
        m_layout.m_elements.push_back(element);
        return true;
    }
    void elementsComplete() { m_layout.m_elementsComplete = true; }

    // Its index, or -1 when too many are listed (the parser then walks such a sequence itself).
    int openSequence(std::uint64_t elementAt)
    {
        if (m_layout.m_sequences.size() >= maxListed) {
            return -1;
        }
        m_layout.m_sequences.push_back(PrescanLayout::TopLevelSequence { elementAt, 0, 0 });
        return static_cast<int>(m_layout.m_sequences.size() - 1);
    }
    void closeSequence(int index, std::uint64_t end)
    {
        m_layout.m_sequences[static_cast<std::size_t>(index)].end = end;
    }
    void closeFirstItem(int index, std::uint64_t end)
    {
        m_layout.m_sequences[static_cast<std::size_t>(index)].firstItemEnd = end;
    }

private:
    PrescanLayout& m_layout;
    std::size_t m_recordedBytes = 0;
};

unsigned char* ReusableBytes::reserve(std::size_t count, std::size_t keep)
{
    if (count > capacity) {
        const std::size_t grown = std::max(count, capacity + capacity / 2);
        std::unique_ptr<unsigned char[]> larger(new unsigned char[grown]);
        if (keep > 0) {
            std::memcpy(larger.get(), bytes.get(), std::min(keep, capacity));
        }
        bytes = std::move(larger);
        capacity = grown;
    }
    return bytes.get();
}

std::int64_t readFileBytes(int descriptor, std::uint64_t offset, std::size_t count, unsigned char* out)
{
    std::size_t total = 0;
    while (total < count) {
        const ssize_t got = ::pread(descriptor, out + total, count - total, static_cast<off_t>(offset + total));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return -1;
        }
        if (got == 0) {
            break;
        }
        total += static_cast<std::size_t>(got);
    }
    return static_cast<std::int64_t>(total);
}

const PrescanLayout::Piece* PrescanLayout::pieceHolding(std::uint64_t at, std::size_t count) const
{
    for (auto piece = m_pieces.rbegin(); piece != m_pieces.rend(); ++piece) {
        if (at >= piece->at && at - piece->at <= piece->size && count <= piece->size - (at - piece->at)) {
            return &*piece;
        }
    }
    return nullptr;
}

const PrescanLayout::TopLevelSequence* PrescanLayout::sequenceAt(std::uint64_t elementAt) const
{
    const auto found = std::lower_bound(m_sequences.begin(), m_sequences.end(), elementAt,
        [](const TopLevelSequence& sequence, std::uint64_t at) { return sequence.elementAt < at; });
    return found != m_sequences.end() && found->elementAt == elementAt ? &*found : nullptr;
}

namespace {

// The file: its first bytes from the caller's buffer, the rest through positioned reads. With a recorder, what is
// read up to the pixel data is kept (one growing piece while the walk reads on in order); otherwise, and past
// the pixel data, a small window is reused.
class FileSource final : public ByteSource {
public:
    // `openDescriptor` (optional, >= 0) is the file already open; it stays the caller's.
    FileSource(std::string path, std::uint64_t size, const unsigned char* head, std::size_t headSize,
        int openDescriptor = -1, PrescanRecorder* recorder = nullptr)
        : ByteSource(size)
        , path_(std::move(path))
        , size_(size)
        , head_(head)
        , headSize_(head != nullptr ? headSize : 0)
        , fd_(openDescriptor)
        , ownsFd_(openDescriptor < 0)
        , recorder_(recorder)
        , scratch_(recorder != nullptr ? &recorder->pastPixelData() : &ownScratch_)
    {
    }
    ~FileSource() override
    {
        if (fd_ >= 0 && ownsFd_) {
            ::close(fd_);
        }
    }
    void stopRecording(std::size_t readBytes) override
    {
        recorder_ = nullptr;
        scratchBytes_ = readBytes;
    }
    const std::string& error() const { return error_; }

private:
    bool readElsewhere(std::uint64_t at, std::size_t count, unsigned char* out) override
    {
        if (at > size_ || count > size_ - at) {
            return false;
        }
        if (at + count <= headSize_) {
            setView(head_, 0, headSize_);
        } else if (at < windowAt_ || at + count > windowAt_ + windowSize_) {
            if (!fill(at, count)) {
                setView(nullptr, 0, 0);
                return false;
            }
            setView(window_, windowAt_, windowSize_);
        } else {
            setView(window_, windowAt_, windowSize_);
        }
        return read(at, count, out);
    }
    bool readInto(std::uint64_t at, std::size_t count, unsigned char* out)
    {
        const std::int64_t got = readFileBytes(fd_, at, count, out);
        if (got != static_cast<std::int64_t>(count)) {
            error_ = got < 0 ? std::strerror(errno) : "the file is shorter than its size said";
            windowSize_ = 0;
            return false;
        }
        return true;
    }

    bool fill(std::uint64_t at, std::size_t count)
    {
        // A cancelled import stops here too: walking a multi-gigabyte file would otherwise outlast the cancel.
        if (ReadCancellation::requested()) {
            error_ = "the import was cancelled while reading this file";
            return false;
        }
        if (fd_ < 0) {
            fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd_ < 0) {
                error_ = std::strerror(errno);
                return false;
            }
        }
        constexpr std::size_t firstBytes = 4 * 1024;
        constexpr std::size_t mostBytesAtOnce = 1024 * 1024;
        if (recorder_ != nullptr && recorder_->full()) {
            recorder_ = nullptr;
        }
        if (recorder_ != nullptr) {
            if (const PrescanLayout::Piece* last = recorder_->continuedPiece(at)) {
                // Read on in order: the piece grows (by its size, so the reads get longer), and stays one piece.
                const std::uint64_t end = last->at + last->size;
                const std::uint64_t grow = std::clamp<std::uint64_t>(last->size, firstBytes, mostBytesAtOnce);
                const std::uint64_t newEnd = std::min(size_, std::max(at + count, end + grow));
                const auto added = static_cast<std::size_t>(newEnd - end);
                if (!readInto(end, added, recorder_->extendLast(added))) {
                    return false;
                }
                recorder_->grewLast(added);
            } else {
                const auto bytes
                    = static_cast<std::size_t>(std::min<std::uint64_t>(size_ - at, std::max(count, firstBytes)));
                if (!readInto(at, bytes, recorder_->startPiece(at, bytes))) {
                    return false;
                }
                recorder_->grewLast(bytes);
            }
            const PrescanLayout::Piece& piece = recorder_->lastPiece();
            window_ = piece.data;
            windowAt_ = piece.at;
            windowSize_ = piece.size;
            return true;
        }
        const auto bytes
            = static_cast<std::size_t>(std::min<std::uint64_t>(size_ - at, std::max(count, scratchBytes_)));
        unsigned char* storage = scratch_->reserve(bytes);
        if (!readInto(at, bytes, storage)) {
            return false;
        }
        window_ = storage;
        windowAt_ = at;
        windowSize_ = bytes;
        return true;
    }

    std::string path_;
    std::uint64_t size_;
    const unsigned char* head_;
    std::size_t headSize_;
    int fd_ = -1;
    bool ownsFd_ = true;
    PrescanRecorder* recorder_;
    ReusableBytes ownScratch_;
    ReusableBytes* scratch_;
    std::size_t scratchBytes_ = 16 * 1024;
    const unsigned char* window_ = nullptr;
    std::uint64_t windowAt_ = 0;
    std::size_t windowSize_ = 0;
    std::string error_;
};

class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::vector<unsigned char> bytes)
        : ByteSource(bytes.size())
        , bytes_(std::move(bytes))
    {
        setView(bytes_.data(), 0, bytes_.size());
    }

private:
    bool readElsewhere(std::uint64_t, std::size_t, unsigned char*) override { return false; }

    std::vector<unsigned char> bytes_;
};

struct Encoding {
    bool explicitVr = true;
    bool bigEndian = false;

    std::uint16_t u16(const unsigned char* b) const
    {
        return bigEndian ? static_cast<std::uint16_t>((b[0] << 8) | b[1])
                         : static_cast<std::uint16_t>(b[0] | (b[1] << 8));
    }
    std::uint32_t u32(const unsigned char* b) const
    {
        return bigEndian ? (static_cast<std::uint32_t>(u16(b)) << 16) | u16(b + 2)
                         : u16(b) | (static_cast<std::uint32_t>(u16(b + 2)) << 16);
    }
};

constexpr Encoding explicitLittle { true, false };
constexpr Encoding implicitLittle { false, false };

bool isLetter(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

// As DCMTK reads explicit VR: the VRs with a 2-byte length, and any other pair of upper-case letters (a VR
// newer than the dictionary) with 2 reserved bytes and a 4-byte length; other bytes ("??") with a 2-byte length.
bool hasLongLength(const unsigned char* vr)
{
    if (!isLetter(vr[0]) || !isLetter(vr[1])) {
        return false;
    }
    constexpr auto code = [](char first, char second) {
        return static_cast<std::uint16_t>(
            (static_cast<unsigned char>(first) << 8) | static_cast<unsigned char>(second));
    };
    switch (static_cast<std::uint16_t>((vr[0] << 8) | vr[1])) {
    case code('A', 'E'):
    case code('A', 'S'):
    case code('A', 'T'):
    case code('C', 'S'):
    case code('D', 'A'):
    case code('D', 'S'):
    case code('D', 'T'):
    case code('F', 'L'):
    case code('F', 'D'):
    case code('I', 'S'):
    case code('L', 'O'):
    case code('L', 'T'):
    case code('P', 'N'):
    case code('S', 'H'):
    case code('S', 'L'):
    case code('S', 'S'):
    case code('S', 'T'):
    case code('T', 'M'):
    case code('U', 'I'):
    case code('U', 'L'):
    case code('U', 'S'):
        return false;
    default:
        return true;
    }
}

bool vrIs(const unsigned char* vr, const char* name)
{
    return vr[0] == static_cast<unsigned char>(name[0]) && vr[1] == static_cast<unsigned char>(name[1]);
}

// A dataset without File Meta Information must start with a group DICOM datasets start with.
bool isPlausibleFirstGroup(std::uint16_t group)
{
    return group == 0x0002 || group == 0x0008;
}

enum class Kind { Dataset, Item, Sequence, Fragments };

struct Level {
    Kind kind;
    std::uint64_t end; // openEnded: closed by a delimiter
    Encoding encoding;
    std::uint64_t openedAt;
    std::uint16_t group;
    std::uint16_t element;
    std::uint64_t items = 0; // items (fragments) read so far
    int recorded = -1; // a top-level sequence, or its first item: its index in the layout's sequences
};

std::string describe(const Level& level)
{
    switch (level.kind) {
    case Kind::Item:
        return "an item opened at byte " + std::to_string(level.openedAt);
    case Kind::Sequence:
        return "sequence " + tagText(level.group, level.element) + " opened at byte " + std::to_string(level.openedAt);
    case Kind::Fragments:
        return "the encapsulated pixel data opened at byte " + std::to_string(level.openedAt);
    case Kind::Dataset:
        break;
    }
    return "the dataset";
}

DicomPrescan refused(std::string reason)
{
    DicomPrescan result;
    result.verdict = DicomPrescan::Verdict::Refused;
    result.reason = std::move(reason);
    return result;
}

DicomPrescan notDicom(std::string reason)
{
    DicomPrescan result;
    result.verdict = DicomPrescan::Verdict::NotDicom;
    result.reason = std::move(reason);
    return result;
}

std::string trimmed(const unsigned char* value, std::size_t length)
{
    std::string text(reinterpret_cast<const char*>(value), length);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) {
        text.pop_back();
    }
    return text;
}

bool inflateRaw(ByteSource& source, std::uint64_t from, std::vector<unsigned char>& out, std::string& why)
{
    z_stream stream {};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
        why = "zlib cannot be initialised";
        return false;
    }
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
    unsigned char input[64];
    std::vector<unsigned char> chunk(64 * 1024);
    std::uint64_t at = from;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        if (stream.avail_in == 0) {
            const std::size_t count
                = static_cast<std::size_t>(std::min<std::uint64_t>(sizeof input, source.size() - at));
            if (count == 0) {
                break; // the stream ends without its end marker: use what was inflated
            }
            if (!source.read(at, count, input)) {
                why = "the file cannot be read";
                return false;
            }
            at += count;
            stream.next_in = input;
            stream.avail_in = static_cast<uInt>(count);
        }
        stream.next_out = chunk.data();
        stream.avail_out = static_cast<uInt>(chunk.size());
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
            why = "the deflated dataset is damaged (zlib: " + std::string(stream.msg != nullptr ? stream.msg : "error")
                + ")";
            return false;
        }
        const std::size_t produced = chunk.size() - stream.avail_out;
        if (out.size() + produced > maxInflatedBytes) {
            why = "the deflated dataset inflates to more than " + std::to_string(maxInflatedBytes >> 20) + " MB";
            return false;
        }
        out.insert(out.end(), chunk.data(), chunk.data() + produced);
    }
    return true;
}

class StreamWalker {
public:
    StreamWalker(ByteSource& source, PrescanRecorder* recorder)
        : source_(&source)
        , recorder_(recorder)
    {
    }

    DicomPrescan walk(std::uint64_t start, bool metaFirst, Encoding datasetEncoding);

private:
    // Records where a top-level sequence and its first item end (once the dataset is the file's own bytes).
    void closing(const Level& level, std::uint64_t end)
    {
        if (level.recorded < 0 || recorder_ == nullptr) {
            return;
        }
        if (level.kind == Kind::Sequence) {
            recorder_->closeSequence(level.recorded, end);
        } else if (level.kind == Kind::Item) {
            recorder_->closeFirstItem(level.recorded, end);
        }
    }

    ByteSource* source_;
    PrescanRecorder* recorder_;
    std::unique_ptr<ByteSource> inflated_;
};

DicomPrescan StreamWalker::walk(std::uint64_t start, bool metaFirst, Encoding datasetEncoding)
{
    bool inMeta = metaFirst;
    std::string transferSyntax;
    std::vector<Level> stack;
    stack.push_back({ Kind::Dataset, openEnded, inMeta ? explicitLittle : datasetEncoding, start, 0, 0 });
    int depth = 0;
    std::uint64_t pos = start;
    unsigned char b[12];

    while (true) {
        const std::uint64_t size = source_->size();
        Level& top = stack.back();
        if (top.end != openEnded && pos >= top.end) {
            // Closed by its length. A child that ran past its parent's end (seen in real DICOMDIRs) is tolerated,
            // as by DCMTK: every length was checked against the file size, which is what bounds the parsers.
            if (top.kind == Kind::Sequence || top.kind == Kind::Fragments) {
                --depth;
            }
            closing(top, top.end);
            stack.pop_back();
            continue;
        }
        if (stack.size() == 1 && (pos == size || size - pos < 8)) {
            if (recorder_ != nullptr && !inMeta) {
                recorder_->elementsComplete();
            }
            return DicomPrescan { DicomPrescan::Verdict::Accepted, {} }; // a few trailing pad bytes are tolerated
        }
        if (top.end != openEnded && top.end - pos < 8) {
            pos = top.end; // a few stray bytes before an item's end
            continue;
        }
        if (pos > size || size - pos < 8) {
            if (stack.size() == 2 && top.kind == Kind::Fragments && top.items >= 2 && pos == size) {
                // Every fragment complete, only the final delimiter missing: the codecs read such files.
                return DicomPrescan { DicomPrescan::Verdict::Accepted, {} };
            }
            return refused("truncated: the file ends inside " + describe(top) + " (unclosed)"
                + (top.kind == Kind::Fragments && top.items < 2 ? ", without any pixel data fragment" : ""));
        }
        // The File Meta Information (group 0002) is explicit VR little endian whatever the dataset is.
        if (inMeta && stack.size() == 1) {
            if (!source_->read(pos, 2, b)) {
                return refused("the file cannot be read at byte " + std::to_string(pos));
            }
            if ((b[0] | (b[1] << 8)) != 0x0002) {
                inMeta = false;
                if (transferSyntax == "1.2.840.10008.1.2") {
                    datasetEncoding = implicitLittle;
                } else if (transferSyntax == "1.2.840.10008.1.2.2") {
                    datasetEncoding = { true, true };
                } else if (transferSyntax == "1.2.840.10008.1.2.1.99" || transferSyntax == "1.2.840.10008.1.2.4.95") {
                    source_->stopRecording(64 * 1024);
                    recorder_ = nullptr; // positions in the inflated dataset are not positions in the file
                    std::vector<unsigned char> bytes;
                    std::string why;
                    if (!inflateRaw(*source_, pos, bytes, why)) {
                        return refused(why);
                    }
                    inflated_ = std::make_unique<MemorySource>(std::move(bytes));
                    source_ = inflated_.get();
                    pos = 0;
                    datasetEncoding = explicitLittle;
                    if (source_->size() == 0) {
                        return DicomPrescan { DicomPrescan::Verdict::Accepted, {} };
                    }
                } else {
                    datasetEncoding = explicitLittle;
                }
                // Writers that declare explicit VR but write implicit (seen in the wild) are read by DCMTK's
                // detection: do the same instead of refusing.
                if (datasetEncoding.explicitVr && source_->read(pos, 6, b) && !(isLetter(b[4]) && isLetter(b[5]))) {
                    datasetEncoding.explicitVr = false;
                }
                stack.front().encoding = datasetEncoding;
                continue;
            }
        }
        const Encoding encoding = top.encoding;
        if (!source_->read(pos, 8, b)) {
            return refused("the file cannot be read at byte " + std::to_string(pos));
        }
        const std::uint16_t group = encoding.u16(b);
        const std::uint16_t element = encoding.u16(b + 2);

        if (group == 0xFFFE) {
            const std::uint32_t length = encoding.u32(b + 4);
            if (element == 0xE000) {
                if (top.kind == Kind::Fragments) {
                    if (length == undefinedLength) {
                        return refused(
                            "a pixel data fragment at byte " + std::to_string(pos) + " has undefined length");
                    }
                    if (length > size - pos - 8) {
                        return refused("a pixel data fragment at byte " + std::to_string(pos) + " claims "
                            + std::to_string(length) + " bytes but only " + std::to_string(size - pos - 8)
                            + " remain in the file (bogus fragment length or truncated file)");
                    }
                    pos += 8 + length;
                    ++top.items;
                    continue;
                }
                if (top.kind != Kind::Sequence) {
                    return refused("an item at byte " + std::to_string(pos) + " outside any sequence");
                }
                const int recordedItem = top.items++ == 0 ? top.recorded : -1;
                if (length == undefinedLength) {
                    stack.push_back({ Kind::Item, openEnded, encoding, pos, group, element, 0, recordedItem });
                } else {
                    if (length > size - pos - 8) {
                        return refused("truncated: an item at byte " + std::to_string(pos) + " claims "
                            + std::to_string(length) + " bytes but only " + std::to_string(size - pos - 8)
                            + " remain in the file (or a bogus length)");
                    }
                    stack.push_back({ Kind::Item, pos + 8 + length, encoding, pos, group, element, 0, recordedItem });
                }
                pos += 8;
                continue;
            }
            if (element == 0xE00D) {
                if (top.kind == Kind::Item && top.end == openEnded) {
                    closing(top, pos + 8);
                    stack.pop_back();
                } else if (top.kind != Kind::Dataset) {
                    return refused("an item delimiter at byte " + std::to_string(pos) + " inside " + describe(top));
                }
                pos += 8; // a stray delimiter in the dataset is skipped, as DCMTK does
                continue;
            }
            if (element == 0xE0DD) {
                if (top.kind == Kind::Item && top.end == openEnded && stack.size() > 1
                    && stack[stack.size() - 2].end == openEnded) {
                    stack.pop_back(); // an item left open by its writer: the sequence delimiter closes both
                }
                Level& closing = stack.back();
                if ((closing.kind == Kind::Sequence || closing.kind == Kind::Fragments) && closing.end == openEnded) {
                    this->closing(closing, pos + 8);
                    stack.pop_back();
                    --depth;
                } else if (closing.kind != Kind::Dataset) {
                    return refused(
                        "a sequence delimiter at byte " + std::to_string(pos) + " inside " + describe(closing));
                }
                pos += 8;
                continue;
            }
            return refused("an unknown delimiter " + tagText(group, element) + " at byte " + std::to_string(pos));
        }
        if (top.kind == Kind::Sequence || top.kind == Kind::Fragments) {
            return refused(describe(top) + " holds element " + tagText(group, element) + " at byte "
                + std::to_string(pos) + " where an item is expected");
        }

        // An ordinary element.
        std::uint32_t length = 0;
        std::uint64_t valueAt = 0;
        const unsigned char vr[2] = { b[4], b[5] };
        const bool explicitVr = encoding.explicitVr;
        if (explicitVr && hasLongLength(vr)) {
            if (size - pos < 12 || !source_->read(pos, 12, b)) {
                return refused("truncated: element " + tagText(group, element) + " at byte " + std::to_string(pos)
                    + " is cut off");
            }
            length = encoding.u32(b + 8);
            valueAt = pos + 12;
        } else if (explicitVr) {
            length = encoding.u16(b + 6);
            valueAt = pos + 8;
        } else {
            length = encoding.u32(b + 4);
            valueAt = pos + 8;
        }
        const bool isPixelData = group == 0x7FE0 && (element == 0x0010 || element == 0x0008 || element == 0x0009);
        const bool topLevel = stack.size() == 1 && !inMeta;
        if (topLevel && recorder_ != nullptr) {
            PrescanLayout::TopLevelElement listed;
            listed.tagKey = (static_cast<std::uint32_t>(group) << 16) | element;
            if (explicitVr) {
                listed.vr[0] = static_cast<char>(vr[0]);
                listed.vr[1] = static_cast<char>(vr[1]);
            }
            listed.length = length;
            listed.at = pos;
            listed.valueAt = valueAt;
            if (!recorder_->addElement(listed)) {
                source_->stopRecording(16 * 1024);
                recorder_ = nullptr;
            } else if (group >= 0x7FE0 && (group > 0x7FE0 || element >= 0x0008)) {
                // Header parsers stop here: what follows is walked with small reads and not kept.
                recorder_->elementsComplete();
                source_->stopRecording(1024);
                recorder_ = nullptr;
            }
        }

        if (length == undefinedLength) {
            Level opened { Kind::Sequence, openEnded, encoding, pos, group, element };
            if (isPixelData || (explicitVr && (vrIs(vr, "OB") || vrIs(vr, "OW")))) {
                opened.kind = Kind::Fragments;
            } else if (explicitVr && vrIs(vr, "UN")) {
                opened.encoding = implicitLittle; // PS3.5 6.2.2: undefined-length UN holds implicit VR LE items
            } else if (explicitVr && !vrIs(vr, "SQ")) {
                return refused("element " + tagText(group, element) + " at byte " + std::to_string(pos) + " of VR "
                    + std::string(vr, vr + 2) + " has undefined length");
            }
            if (++depth > maxAcceptedSequenceDepth) {
                return refused("sequences nested more than " + std::to_string(maxAcceptedSequenceDepth)
                    + " deep (at byte " + std::to_string(pos) + ", sequence " + tagText(group, element)
                    + "); no real file nests so deep and such nesting crashes DICOM parsers");
            }
            if (topLevel && recorder_ != nullptr && opened.kind == Kind::Sequence) {
                opened.recorded = recorder_->openSequence(pos);
            }
            stack.push_back(opened);
            pos = valueAt;
            continue;
        }
        if (valueAt > size || length > size - valueAt) {
            return refused("truncated: element " + tagText(group, element) + " at byte " + std::to_string(pos)
                + " claims " + std::to_string(length) + " bytes but only "
                + std::to_string(valueAt > size ? 0 : size - valueAt) + " remain in the file (or a bogus length)");
        }
        if (inMeta && stack.size() == 1 && group == 0x0002 && element == 0x0010 && length <= 64) {
            unsigned char value[64];
            if (source_->read(valueAt, length, value)) {
                transferSyntax = trimmed(value, length);
            }
        }
        bool sequence = explicitVr && vrIs(vr, "SQ");
        Encoding inner = encoding;
        if (!sequence && !isPixelData && group != 0x0002 && length >= 8 && (!explicitVr || vrIs(vr, "UN"))) {
            // Implicit VR (and UN) give no VR: a value that starts with an item is parsed as a sequence by
            // DCMTK when its dictionary says SQ, so walk it as one.
            unsigned char first[4];
            const Encoding peek = explicitVr ? implicitLittle : encoding;
            if (source_->read(valueAt, 4, first) && peek.u16(first) == 0xFFFE && peek.u16(first + 2) == 0xE000) {
                sequence = true;
                inner = peek;
            }
        }
        if (sequence) {
            if (++depth > maxAcceptedSequenceDepth) {
                return refused("sequences nested more than " + std::to_string(maxAcceptedSequenceDepth)
                    + " deep (at byte " + std::to_string(pos) + ", sequence " + tagText(group, element)
                    + "); no real file nests so deep and such nesting crashes DICOM parsers");
            }
            Level opened { Kind::Sequence, valueAt + length, inner, pos, group, element };
            if (topLevel && recorder_ != nullptr) {
                opened.recorded = recorder_->openSequence(pos);
            }
            stack.push_back(opened);
            pos = valueAt;
            continue;
        }
        pos = valueAt + length;
    }
}

} // namespace

DicomPrescan prescanDicomFile(
    const std::string& filePath, std::uint64_t fileSize, const unsigned char* head, std::size_t headSize)
{
    return prescanDicomFile(filePath, fileSize, head, headSize, -1);
}

DicomPrescan prescanDicomFile(const std::string& filePath, std::uint64_t fileSize, const unsigned char* head,
    std::size_t headSize, int openDescriptor, PrescanLayout* layout)
{
    const std::size_t headBytes
        = static_cast<std::size_t>(std::min<std::uint64_t>(head != nullptr ? headSize : 0, fileSize));
    std::optional<PrescanRecorder> recorder;
    if (layout != nullptr) {
        recorder.emplace(*layout, head, headBytes);
    }
    FileSource source(filePath, fileSize, head, headBytes, openDescriptor, recorder ? &*recorder : nullptr);
    unsigned char b[132];
    if (fileSize >= 132 && source.read(0, 132, b) && std::memcmp(b + 128, "DICM", 4) == 0) {
        StreamWalker walker(source, recorder ? &*recorder : nullptr);
        return walker.walk(132, true, explicitLittle);
    }
    if (fileSize < 8 || !source.read(0, 8, b)) {
        if (!source.error().empty()) {
            return refused("unreadable: " + source.error());
        }
        return notDicom(notDicomReason);
    }
    const auto little = static_cast<std::uint16_t>(b[0] | (b[1] << 8));
    const auto big = static_cast<std::uint16_t>((b[0] << 8) | b[1]);
    Encoding encoding;
    if (isPlausibleFirstGroup(little)) {
        encoding.bigEndian = false;
    } else if (isPlausibleFirstGroup(big) && big != 0x0002) {
        encoding.bigEndian = true;
    } else {
        return notDicom(notDicomReason);
    }
    encoding.explicitVr = isLetter(b[4]) && isLetter(b[5]);
    StreamWalker walker(source, recorder ? &*recorder : nullptr);
    return walker.walk(0, little == 0x0002, encoding);
}

DicomPrescan prescanDicomFile(const std::string& filePath)
{
    struct stat status { };
    if (::stat(filePath.c_str(), &status) != 0) {
        return refused("unreadable: " + std::string(std::strerror(errno)));
    }
    if (!S_ISREG(status.st_mode)) {
        return refused("not a regular file");
    }
    return prescanDicomFile(filePath, static_cast<std::uint64_t>(status.st_size), nullptr, 0);
}

void requireSafeDicomFile(const std::string& filePath)
{
    const DicomPrescan scan = prescanDicomFile(filePath);
    if (!scan.accepted()) {
        throw ProjectError("cannot read " + filePath + ": " + scan.reason);
    }
}

} // namespace radmark::storage
