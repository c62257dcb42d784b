#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace radmark::storage {

class ProjectStore;

// Size and modification time of every file the project knows (indexed or skipped), for an import to tell
// unchanged and never-seen files apart without a query per file. Kept as a sorted table of 64-bit path hashes
// (24 bytes a file) instead of a map of paths: a 30-million-file project needs ~0.7 GB here, not ~5 GB. A hash
// collision between two paths could only make a file look unchanged if its size and time also matched.
class KnownFileStates {
public:
    struct State {
        std::int64_t sizeBytes = 0;
        std::int64_t modifiedNs = 0;
    };

    // Reads the project's file states in one streamed query.
    explicit KnownFileStates(const ProjectStore& project);

    // The state the project knows for the path, or null.
    const State* find(std::string_view filePath) const;
    bool contains(std::string_view filePath) const { return find(filePath) != nullptr; }
    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::uint64_t pathHash;
        State state;
    };
    std::vector<Entry> m_entries; // sorted by pathHash
};

} // namespace radmark::storage
