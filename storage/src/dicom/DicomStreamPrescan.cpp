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

// Random access to the bytes being walked.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual std::uint64_t size() const = 0;
    // Copies `count` (<= 64) bytes at `at`; false when they are not all there or cannot be read.
    virtual bool read(std::uint64_t at, std::size_t count, unsigned char* out) = 0;
};

// The file: its first bytes from the caller's buffer, the rest through small positioned reads.
class FileSource final : public ByteSource {
public:
    // `openDescriptor` (optional, >= 0) is the file already open; it stays the caller's.
    FileSource(
        std::string path, std::uint64_t size, const unsigned char* head, std::size_t headSize, int openDescriptor = -1)
        : path_(std::move(path))
        , size_(size)
        , head_(head)
        , headSize_(head != nullptr ? headSize : 0)
        , fd_(openDescriptor)
        , ownsFd_(openDescriptor < 0)
    {
    }
    ~FileSource() override
    {
        if (fd_ >= 0 && ownsFd_) {
            ::close(fd_);
        }
    }
    std::uint64_t size() const override { return size_; }
    bool read(std::uint64_t at, std::size_t count, unsigned char* out) override
    {
        if (at > size_ || count > size_ - at) {
            return false;
        }
        if (at + count <= headSize_) {
            std::memcpy(out, head_ + at, count);
            return true;
        }
        if (at < windowAt_ || at + count > windowAt_ + window_.size()) {
            if (!fill(at)) {
                return false;
            }
        }
        std::memcpy(out, window_.data() + (at - windowAt_), count);
        return true;
    }
    const std::string& error() const { return error_; }
    // Lends `window` storage to this source (its capacity is reused) and later takes the last window back.
    void borrowStorage(PrescanWindow& window)
    {
        window_.swap(window.bytes);
        window_.clear();
    }
    void giveWindow(PrescanWindow& window)
    {
        window.bytes.swap(window_);
        window.at = windowAt_;
    }

private:
    bool fill(std::uint64_t at)
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
        constexpr std::size_t windowBytes = 16 * 1024;
        window_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(windowBytes, size_ - at)));
        std::size_t got = 0;
        while (got < window_.size()) {
            const ssize_t n = ::pread(fd_, window_.data() + got, window_.size() - got, static_cast<off_t>(at + got));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                error_ = n < 0 ? std::strerror(errno) : "the file is shorter than its size said";
                window_.clear();
                return false;
            }
            got += static_cast<std::size_t>(n);
        }
        windowAt_ = at;
        return true;
    }

    std::string path_;
    std::uint64_t size_;
    const unsigned char* head_;
    std::size_t headSize_;
    int fd_ = -1;
    bool ownsFd_ = true;
    std::vector<unsigned char> window_;
    std::uint64_t windowAt_ = 0;
    std::string error_;
};

class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::vector<unsigned char> bytes)
        : bytes_(std::move(bytes))
    {
    }
    std::uint64_t size() const override { return bytes_.size(); }
    bool read(std::uint64_t at, std::size_t count, unsigned char* out) override
    {
        if (at > bytes_.size() || count > bytes_.size() - at) {
            return false;
        }
        std::memcpy(out, bytes_.data() + at, count);
        return true;
    }

private:
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
    explicit StreamWalker(ByteSource& source)
        : source_(&source)
    {
    }

    DicomPrescan walk(std::uint64_t start, bool metaFirst, Encoding datasetEncoding);

private:
    ByteSource* source_;
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
            stack.pop_back();
            continue;
        }
        if (stack.size() == 1 && (pos == size || size - pos < 8)) {
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
                if (length == undefinedLength) {
                    stack.push_back({ Kind::Item, openEnded, encoding, pos, group, element });
                } else {
                    if (length > size - pos - 8) {
                        return refused("truncated: an item at byte " + std::to_string(pos) + " claims "
                            + std::to_string(length) + " bytes but only " + std::to_string(size - pos - 8)
                            + " remain in the file (or a bogus length)");
                    }
                    stack.push_back({ Kind::Item, pos + 8 + length, encoding, pos, group, element });
                }
                pos += 8;
                continue;
            }
            if (element == 0xE00D) {
                if (top.kind == Kind::Item && top.end == openEnded) {
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
            stack.push_back({ Kind::Sequence, valueAt + length, inner, pos, group, element });
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
    std::size_t headSize, int openDescriptor, PrescanWindow* lastWindow)
{
    FileSource source(filePath, fileSize, head, std::min<std::uint64_t>(headSize, fileSize), openDescriptor);
    if (lastWindow != nullptr) {
        source.borrowStorage(*lastWindow);
    }
    struct GiveBack {
        FileSource& source;
        PrescanWindow* window;
        ~GiveBack()
        {
            if (window != nullptr) {
                source.giveWindow(*window);
            }
        }
    } giveBack { source, lastWindow };
    unsigned char b[132];
    if (fileSize >= 132 && source.read(0, 132, b) && std::memcmp(b + 128, "DICM", 4) == 0) {
        StreamWalker walker(source);
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
    StreamWalker walker(source);
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
