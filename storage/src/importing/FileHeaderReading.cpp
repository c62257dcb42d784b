#include "importing/DicomIndexReader.h"
#include "importing/VolumeFileHeaderReader.h"
#include "radmark/storage/importing/Importer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace radmark::storage {

FileHeaderReading readFileHeader(const std::string& filePath, bool dcmtkOnly)
{
    FileHeaderReading reading;
    std::error_code error;
    const std::string absolutePath = std::filesystem::absolute(filePath, error).lexically_normal().string();
    struct stat status { };
    if (::stat(absolutePath.c_str(), &status) != 0) {
        reading.skipReason = "unreadable: " + std::string(std::strerror(errno));
        return reading;
    }
    const std::int64_t modifiedNs
        = static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1000000000LL + status.st_mtim.tv_nsec;
    const bool volumeFile = VolumeFileHeaderReader::isVolumeFile(absolutePath);
    FileReadResult result;
    if (!volumeFile && !dcmtkOnly) {
        result = DicomIndexReader::read(absolutePath, status.st_size, modifiedNs, DicomIndexReader::Parser::FastOnly);
        reading.readByFastParser = !(result.outcome == FileReadResult::Outcome::Skipped
            && result.reason == DicomIndexReader::notHandledByFastParser);
    }
    if (!reading.readByFastParser) {
        result = volumeFile ? VolumeFileHeaderReader::read(absolutePath, status.st_size, modifiedNs)
                            : DicomIndexReader::read(absolutePath, status.st_size, modifiedNs,
                                dcmtkOnly ? DicomIndexReader::Parser::DcmtkOnly : DicomIndexReader::Parser::Automatic);
    }
    if (result.outcome == FileReadResult::Outcome::Indexed) {
        reading.record = std::move(result.record);
    } else {
        reading.skipReason = std::move(result.reason);
    }
    return reading;
}

} // namespace radmark::storage
