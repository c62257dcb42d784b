#include "pacs/dimse/DimseReceivedFile.h"

#include "radmark/storage/Importer.h"
#include "radmark/storage/pacs/PacsCache.h"

#include <filesystem>

namespace radmark::storage::dimse {

namespace fs = std::filesystem;

std::string receivingPath(
    const std::string& cacheFolder, const std::string& studyInstanceUid, const std::string& sopInstanceUid)
{
    // cachedInstancePath sanitises the UIDs; the partial file lies in the study folder until its series is known.
    const fs::path inSeries = cachedInstancePath(cacheFolder, studyInstanceUid, "_", sopInstanceUid);
    const fs::path studyFolder = inSeries.parent_path().parent_path();
    return partialCachePath((studyFolder / inSeries.filename()).string());
}

PacsStoredInstance commitReceivedFile(
    const std::string& partialPath, const std::string& cacheFolder, const std::string& announcedSopInstanceUid)
{
    const FileHeaderReading reading = readFileHeader(partialPath);
    std::error_code ignored;
    if (!reading.record) {
        fs::remove(partialPath, ignored);
        throw PacsError(PacsError::Kind::Protocol,
            "the archive sent instance " + announcedSopInstanceUid
                + " as a file that cannot be read: " + reading.skipReason);
    }
    const InstanceRecord& record = *reading.record;
    if (record.sopInstanceUid != announcedSopInstanceUid) {
        fs::remove(partialPath, ignored);
        throw PacsError(PacsError::Kind::Protocol,
            "the archive announced instance " + announcedSopInstanceUid + " but sent " + record.sopInstanceUid);
    }
    PacsStoredInstance stored;
    stored.studyInstanceUid = record.studyInstanceUid;
    stored.seriesInstanceUid = record.seriesInstanceUid;
    stored.sopInstanceUid = record.sopInstanceUid;
    stored.filePath
        = cachedInstancePath(cacheFolder, record.studyInstanceUid, record.seriesInstanceUid, record.sopInstanceUid);
    fs::create_directories(fs::path(stored.filePath).parent_path(), ignored);
    commitCacheFile(partialPath, stored.filePath);
    return stored;
}

} // namespace radmark::storage::dimse
