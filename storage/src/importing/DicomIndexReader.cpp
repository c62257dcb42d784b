#include "importing/DicomIndexReader.h"
#include "dicom/CancellableFileStream.h"
#include "dicom/DicomStreamPrescan.h"
#include "dicom/DicomTextToUtf8.h"
#include "dicom/FunctionalGroups.h"
#include "importing/ReportFileReader.h"
#include "sr/SrMeasurementReader.h"

#include "importing/DicomValueText.h"
#include "importing/FastDicomParser.h"
#include "importing/HeaderFields.h"
#include "importing/StableUid.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmf.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/oflog/oflog.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace radmark::storage {

namespace {

// Element values above this size are not loaded: the header never needs them.
constexpr Uint32 maxLoadedValueBytes = 4096;

// The first read of a file: most headers fit (the fast parser and the pre-scan read on where one does not).
constexpr std::size_t headBytes = 4 * 1024;

enum class Prefix { Dicm, PlausibleDataset, NotDicom };

// "DICM" at 128, or a dataset starting with a group DICOM files start with.
Prefix classifyPrefix(const unsigned char* bytes, std::size_t count)
{
    if (count >= 132 && std::memcmp(bytes + 128, "DICM", 4) == 0) {
        return Prefix::Dicm;
    }
    if (count < 8) {
        return Prefix::NotDicom;
    }
    const auto plausibleGroup = [](std::uint16_t group) {
        return group == 0x0000 || group == 0x0002 || group == 0x0004 || group == 0x0008 || group == 0x0010
            || group == 0x0018 || group == 0x0020 || group == 0x0028;
    };
    const auto littleGroup = static_cast<std::uint16_t>(bytes[0] | (bytes[1] << 8));
    const auto littleElement = static_cast<std::uint16_t>(bytes[2] | (bytes[3] << 8));
    const auto bigGroup = static_cast<std::uint16_t>((bytes[0] << 8) | bytes[1]);
    const auto bigElement = static_cast<std::uint16_t>((bytes[2] << 8) | bytes[3]);
    if ((plausibleGroup(littleGroup) && littleElement < 0x1000) || (plausibleGroup(bigGroup) && bigElement < 0x1000)) {
        return Prefix::PlausibleDataset;
    }
    return Prefix::NotDicom;
}

// A file opened for reading, closed at the end of the scope.
class OpenFile {
public:
    explicit OpenFile(const std::string& filePath)
        : m_descriptor(::open(filePath.c_str(), O_RDONLY | O_CLOEXEC))
    {
    }
    ~OpenFile()
    {
        if (m_descriptor >= 0) {
            ::close(m_descriptor);
        }
    }
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    int descriptor() const { return m_descriptor; }

private:
    int m_descriptor;
};

// "BasicTextSRStorage" -> "Basic Text SR".
std::string readableSopClass(const std::string& sopClassUid)
{
    if (sopClassUid.empty()) {
        return "not given";
    }
    const char* name = dcmFindNameOfUID(sopClassUid.c_str(), nullptr);
    if (name == nullptr) {
        return sopClassUid;
    }
    std::string compact = name;
    const std::string storage = "Storage";
    if (compact.size() > storage.size()
        && compact.compare(compact.size() - storage.size(), storage.size(), storage) == 0) {
        compact.erase(compact.size() - storage.size());
    }
    std::string words;
    for (std::size_t index = 0; index < compact.size(); ++index) {
        const char character = compact[index];
        const bool upper = character >= 'A' && character <= 'Z';
        if (index > 0 && upper) {
            const char previous = compact[index - 1];
            const bool previousLower = (previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9');
            const bool nextLower = index + 1 < compact.size() && compact[index + 1] >= 'a' && compact[index + 1] <= 'z';
            const bool previousUpper = previous >= 'A' && previous <= 'Z';
            if (previousLower || (previousUpper && nextLower)) {
                words += ' ';
            }
        }
        words += character;
    }
    return words;
}

std::vector<double> numbersIn(DcmItem& item, const DcmTagKey& tag)
{
    DcmElement* element = nullptr;
    return item.findAndGetElement(tag, element).good() ? elementNumbers(element) : std::vector<double> {};
}

// The values of the first frame's functional groups (per-frame macros first, then shared ones; the fast parser
// follows the same rule, see firstFrameFunctionalGroupValues).
FunctionalGroupValues firstFrameValues(const FunctionalGroups& groups)
{
    FunctionalGroupValues values;
    values.present = groups.present();
    if (DcmItem* measures = groups.macro(0, DCM_PixelMeasuresSequence)) {
        values.pixelSpacing = numbersIn(*measures, DCM_PixelSpacing);
        const std::vector<double> thickness = numbersIn(*measures, DCM_SliceThickness);
        if (!thickness.empty()) {
            values.sliceThickness = thickness.front();
        }
    }
    if (DcmItem* orientation = groups.macro(0, DCM_PlaneOrientationSequence)) {
        values.orientation = numbersIn(*orientation, DCM_ImageOrientationPatient);
    }
    if (DcmItem* position = groups.macro(0, DCM_PlanePositionSequence)) {
        values.position = numbersIn(*position, DCM_ImagePositionPatient);
    }
    if (DcmItem* transform = groups.macro(0, DCM_PixelValueTransformationSequence)) {
        const std::vector<double> slope = numbersIn(*transform, DCM_RescaleSlope);
        const std::vector<double> intercept = numbersIn(*transform, DCM_RescaleIntercept);
        if (!slope.empty()) {
            values.rescaleSlope = slope.front();
        }
        if (!intercept.empty()) {
            values.rescaleIntercept = intercept.front();
        }
    }
    if (DcmItem* window = groups.macro(0, DCM_FrameVOILUTSequence)) {
        values.windowCenters = numbersIn(*window, DCM_WindowCenter);
        values.windowWidths = numbersIn(*window, DCM_WindowWidth);
    }
    return values;
}

FunctionalGroups readTopLevel(DcmDataset& dataset, ParsedHeader& parsed)
{
    DcmItem* shared = nullptr;
    DcmSequenceOfItems* perFrame = nullptr;
    DcmObject* object = nullptr;
    while ((object = dataset.nextInContainer(object)) != nullptr) {
        auto* element = static_cast<DcmElement*>(object);
        const DcmTagKey tag = element->getTag();
        const std::uint32_t key = dicomTagKey(tag.getGroup(), tag.getElement());
        if (isIndexedTopLevelTag(key)) {
            assignTopLevelValue(parsed, key, elementText(element));
        } else if (key == dicomTagKey(0x5200, 0x9229) || key == dicomTagKey(0x5200, 0x9230)) {
            auto* sequence = element->ident() == EVR_SQ ? static_cast<DcmSequenceOfItems*>(element) : nullptr;
            if (key == dicomTagKey(0x5200, 0x9229)) {
                shared = sequence != nullptr && sequence->card() > 0 ? sequence->getItem(0) : nullptr;
            } else {
                perFrame = sequence;
            }
        } else if (key == dicomTagKey(0x7FE0, 0x0008) || key == dicomTagKey(0x7FE0, 0x0009)
            || key == dicomTagKey(0x7FE0, 0x0010)) {
            parsed.hasPixelData = true;
        }
    }
    return FunctionalGroups(shared, perFrame);
}

// Enhanced multi-frame objects keep geometry in functional groups instead of the top level.
void applyFunctionalGroups(const FunctionalGroups& groups, ParsedHeader& parsed)
{
    if (!groups.present()) {
        return;
    }
    applyFunctionalGroupValues(firstFrameValues(groups), parsed);
}

void substituteMissingUids(InstanceRecord& record)
{
    if (!record.studyInstanceUid.empty() && !record.seriesInstanceUid.empty() && !record.sopInstanceUid.empty()) {
        return; // the usual case: no folder name to work out
    }
    const std::string folder = std::filesystem::path(record.filePath).parent_path().string();
    if (record.studyInstanceUid.empty()) {
        const std::string identity
            = record.patientId + "|" + record.studyDate + "|" + record.studyTime + "|" + record.accessionNumber;
        record.studyInstanceUid = stableUidFromText("study|" + (identity == "|||" ? folder : identity));
        record.flags.push_back("empty Study Instance UID; a UID was generated");
    }
    if (record.seriesInstanceUid.empty()) {
        record.seriesInstanceUid = stableUidFromText("series|" + folder + "|" + record.studyInstanceUid + "|"
            + record.modality + "|" + std::to_string(record.seriesNumber.value_or(-1)));
        record.flags.push_back("empty Series Instance UID; a UID was generated from the folder");
    }
    if (record.sopInstanceUid.empty()) {
        record.sopInstanceUid = stableUidFromText("instance|" + record.filePath);
        record.flags.push_back("empty SOP Instance UID; a UID was generated from the file path");
    }
}

void makeTextsUtf8(InstanceRecord& record)
{
    for (std::string* text : { &record.patientName, &record.patientId, &record.studyDescription,
             &record.seriesDescription, &record.institutionName, &record.stationName, &record.manufacturer,
             &record.manufacturerModelName, &record.accessionNumber, &record.bodyPartExamined }) {
        ensureUtf8(*text);
    }
}

} // namespace

void DicomIndexReader::silenceDcmtkLogging()
{
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        // Loads the data dictionary once, before worker threads race for it.
        (void)dcmDataDict.isDictionaryLoaded();
    });
}

namespace {

bool isTextSrClass(const std::string& sopClassUid)
{
    return sopClassUid == UID_BasicTextSRStorage || sopClassUid == UID_EnhancedSRStorage
        || sopClassUid == UID_ComprehensiveSRStorage || sopClassUid == UID_Comprehensive3DSRStorage;
}

void addSrReport(const InstanceRecord& record, FileReadResult& result)
{
    if (!isTextSrClass(record.sopClassUid) || record.filePath.empty()) {
        return;
    }
    SrReportText sr = readSrReportText(record.filePath);
    if (sr.text.empty()) {
        return;
    }
    ReportRecord report;
    report.keyKind = sr.studyUid.empty() ? ReportRecord::KeyKind::Accession : ReportRecord::KeyKind::StudyUid;
    report.matchKey = sr.studyUid.empty() ? sr.accessionNumber : sr.studyUid;
    report.sourcePath = record.filePath;
    report.sourceKind = "sr";
    report.text = std::move(sr.text);
    result.reports.push_back(std::move(report));
}

// Common to both parsers: reject what is not an image, make texts UTF-8, substitute missing UIDs.
FileReadResult finishRecord(ParsedHeader& parsed)
{
    InstanceRecord& record = parsed.record;
    if (record.sopClassUid.empty()) {
        record.sopClassUid = parsed.mediaStorageSopClassUid;
    }
    if (record.sopClassUid == UID_MediaStorageDirectoryStorage) {
        return FileReadResult::skipped("not an image (a DICOMDIR: Media Storage Directory)");
    }
    if (record.rows <= 0 || record.columns <= 0) {
        // An image SOP class (or none) without Rows/Columns is a damaged or header-only file; anything else
        // (SR, RT, waveforms...) is simply not an image.
        const bool imageClass = record.sopClassUid.empty() || dcmIsImageStorageSOPClassUID(record.sopClassUid.c_str());
        FileReadResult skipped = FileReadResult::skipped(
            (imageClass ? "not an image: no image size (Rows/Columns) in the header " : "not an image ")
            + std::string("(SOP class ") + readableSopClass(record.sopClassUid) + ")");
        // An SR document is no image: its text (if any) is imported as a report, its measurements (if any) as
        // marks; it is listed as skipped only when neither is there.
        addSrReport(record, skipped);
        skipped.hasSrMeasurements = isTextSrClass(record.sopClassUid) && hasSrMeasurementGroups(record.filePath);
        if (!skipped.reports.empty() || skipped.hasSrMeasurements) {
            skipped.outcome = FileReadResult::Outcome::Reports;
        }
        return skipped;
    }
    if (!parsed.hasPixelData) {
        return FileReadResult::skipped(
            "not an image: no pixel data (SOP class " + readableSopClass(record.sopClassUid) + ")");
    }
    if (record.sopClassUid == UID_SegmentationStorage) {
        return FileReadResult::skipped(
            "not an image (SOP class Segmentation: segmentations are not imported as images)");
    }
    makeTextsUtf8(record);
    substituteMissingUids(record);
    FileReadResult result;
    result.outcome = FileReadResult::Outcome::Indexed;
    result.record = std::move(record);
    return result;
}

FileReadResult readWithDcmtk(const std::string& filePath, ParsedHeader& parsed)
{
    CancellableFileStream stream(filePath.c_str());
    if (!stream.good()) {
        return FileReadResult::skipped("unreadable: " + std::string(stream.status().text()));
    }
    DcmFileFormat fileFormat;
    fileFormat.transferInit();
    const OFCondition condition
        = fileFormat.readUntilTag(stream, EXS_Unknown, EGL_noChange, maxLoadedValueBytes, DCM_PixelData);
    fileFormat.transferEnd();
    if (CancellableFileStream::cancelled()) {
        return FileReadResult::skipped("not read: the import was cancelled while reading this file");
    }
    if (condition.bad()) {
        const std::string detail = condition.text();
        if (condition == EC_StreamNotifyClient || condition == EC_InvalidStream) {
            return FileReadResult::skipped("truncated: the header ends early or is damaged (DCMTK: " + detail + ")");
        }
        return FileReadResult::skipped("not readable as DICOM (DCMTK: " + detail + ")");
    }
    DcmDataset& dataset = *fileFormat.getDataset();
    OFString characterSet;
    if (dataset.findAndGetOFStringArray(DCM_SpecificCharacterSet, characterSet).good() && !characterSet.empty()
        && characterSet != "ISO_IR 192" && characterSet != "ISO_IR 100" && characterSet != "ISO_IR 6") {
        // Best effort: on failure the texts stay as stored and ensureUtf8 keeps them valid.
        convertTextToUtf8(dataset);
    }
    const FunctionalGroups groups = readTopLevel(dataset, parsed);
    // The parser stops before the pixel data, so data left in the stream means the pixel data is there.
    parsed.hasPixelData = parsed.hasPixelData || !stream.eos();
    applyFunctionalGroups(groups, parsed);

    DcmMetaInfo& meta = *fileFormat.getMetaInfo();
    OFString metaValue;
    if (meta.findAndGetOFString(DCM_TransferSyntaxUID, metaValue).good() && !metaValue.empty()) {
        parsed.record.transferSyntaxUid = trimmedValue(metaValue.c_str());
    } else if (dataset.getOriginalXfer() != EXS_Unknown) {
        parsed.record.transferSyntaxUid = DcmXfer(dataset.getOriginalXfer()).getXferID();
    }
    if (meta.findAndGetOFString(DCM_MediaStorageSOPClassUID, metaValue).good()) {
        parsed.mediaStorageSopClassUid = trimmedValue(metaValue.c_str());
    }
    return finishRecord(parsed);
}

} // namespace

FileReadResult DicomIndexReader::read(const std::string& filePath, std::int64_t sizeBytes, std::int64_t modifiedNs)
{
    return read(filePath, sizeBytes, modifiedNs, Parser::Automatic);
}

FileReadResult DicomIndexReader::read(
    const std::string& filePath, std::int64_t sizeBytes, std::int64_t modifiedNs, Parser parser)
{
    silenceDcmtkLogging();
    if (sizeBytes == 0) {
        return FileReadResult::skipped("empty file");
    }
    // One descriptor for the first read, the pre-scan and the fast parser's further reads.
    const OpenFile file(filePath);
    if (file.descriptor() < 0) {
        return FileReadResult::skipped(
            errno == EACCES ? "unreadable: permission denied" : "unreadable: " + std::string(std::strerror(errno)));
    }
    thread_local ReusableBytes headStorage;
    const unsigned char* head = headStorage.reserve(headBytes);
    const std::int64_t headSize = readFileBytes(file.descriptor(), 0, headBytes, headStorage.bytes.get());
    if (headSize < 0) {
        return FileReadResult::skipped("unreadable: " + std::string(std::strerror(errno)));
    }
    if (headSize == 0) {
        return FileReadResult::skipped("empty file");
    }
    // The whole element stream is checked before any parser sees the file: deep nesting, bogus lengths and
    // non-DICOM files (a 2 GB file of zeros named .dcm) are skipped here with the reason. What it reads up to the
    // pixel data is kept for the fast parser, which reads nothing twice.
    thread_local PrescanLayout layout;
    const DicomPrescan scan = prescanDicomFile(filePath, static_cast<std::uint64_t>(sizeBytes), head,
        static_cast<std::size_t>(headSize), file.descriptor(), &layout);
    if (CancellableFileStream::cancelled()) {
        return FileReadResult::skipped("not read: the import was cancelled while reading this file");
    }
    if (!scan.accepted()) {
        return FileReadResult::skipped(scan.reason);
    }
    const Prefix prefix = classifyPrefix(head, static_cast<std::size_t>(headSize));
    if (prefix == Prefix::NotDicom) {
        return FileReadResult::skipped("not a DICOM file (no DICM prefix and no recognisable dataset)");
    }

    const auto newParsedHeader = [&] {
        ParsedHeader parsed;
        parsed.record.filePath = filePath;
        parsed.record.fileSizeBytes = sizeBytes;
        parsed.record.fileModifiedNs = modifiedNs;
        parsed.record.sourceKind = SourceKind::Dicom;
        return parsed;
    };
    if (prefix == Prefix::Dicm && parser != Parser::DcmtkOnly) {
        ParsedHeader parsed = newParsedHeader();
        // Headers longer than the first read (large private elements) go on in the bytes the pre-scan read, else
        // in positioned reads.
        thread_local ReusableBytes parserStorage;
        if (parserStorage.capacity > 4 * 1024 * 1024) {
            parserStorage = ReusableBytes {}; // not kept from a huge header for every later file
        }
        const HeaderRefill refill
            = [&file](std::uint64_t fileOffset, std::size_t count, std::size_t wanted, HeaderBytes& out) {
                  if (const PrescanLayout::Piece* piece = layout.pieceHolding(fileOffset, count)) {
                      out = HeaderBytes { piece->data, piece->size, piece->at };
                      return true;
                  }
                  unsigned char* bytes = parserStorage.reserve(wanted);
                  const std::int64_t got = readFileBytes(file.descriptor(), fileOffset, wanted, bytes);
                  if (got < static_cast<std::int64_t>(count) || got <= 0) {
                      return false;
                  }
                  out = HeaderBytes { bytes, static_cast<std::size_t>(got), fileOffset };
                  return true;
              };
        const bool parsedFast = parseHeaderFast(
            head, static_cast<std::size_t>(headSize), static_cast<std::uint64_t>(sizeBytes), refill, &layout, parsed);
        if (parsedFast) {
            return finishRecord(parsed);
        }
    }
    if (parser == Parser::FastOnly) {
        return FileReadResult::skipped(notHandledByFastParser);
    }
    ParsedHeader parsed = newParsedHeader();
    return readWithDcmtk(filePath, parsed);
}

} // namespace radmark::storage
