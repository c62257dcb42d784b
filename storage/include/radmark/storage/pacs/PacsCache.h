#pragma once

#include <set>
#include <string>

namespace radmark::storage {

// Where retrieved instances live: a folder beside the project, `<project>.pacs-cache/` (for
// /data/liver.radmark: /data/liver.radmark.pacs-cache/), laid out as
//   <cache>/<Study Instance UID>/<Series Instance UID>/<SOP Instance UID>.dcm
// A file is written under its partial name (`<SOP Instance UID>.dcm.part`, same folder) and renamed into place
// only when complete, so a file with the final name is always whole; partial files are never imported and are
// removed when a retrieve of their study starts.
std::string pacsCacheFolder(const std::string& projectPath);

// UIDs are used as file names: anything but digits and '.' (a malformed UID) is replaced by '_'.
std::string cachedInstancePath(const std::string& cacheFolder, const std::string& studyInstanceUid,
    const std::string& seriesInstanceUid, const std::string& sopInstanceUid);
std::string partialCachePath(const std::string& finalPath); // finalPath + ".part"

// Flushes the partial file to disk and renames it to `finalPath` (creating nothing else). Throws ProjectError
// naming the file when it cannot.
void commitCacheFile(const std::string& partialPath, const std::string& finalPath);

// Writes `bytes` as a cache file through its partial name (folders created). Throws ProjectError.
void writeCacheFile(const std::string& finalPath, const std::string& bytes);

// SOP Instance UIDs of the complete files of a study in the cache (file names without ".dcm").
std::set<std::string> cachedInstanceUids(const std::string& cacheFolder, const std::string& studyInstanceUid);

// Removes the partial files left in a study's folder by an interrupted retrieve; returns how many.
int removePartialCacheFiles(const std::string& cacheFolder, const std::string& studyInstanceUid);

} // namespace radmark::storage
