#pragma once

#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/Timestamp.h"
#include "radmark/annotation/saliency/SaliencyChecks.h"
#include "radmark/annotation/saliency/SaliencyValues.h"
#include "radmark/annotation/saliency/SaliencyVerdict.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {

class ProjectStore;
class SqliteStatement;

// A saliency map the project knows: which series it explains, where the file is, which model,
// target class, score and method made it.
struct SaliencyMapRecord {
    std::int64_t id = 0;
    std::string seriesUid;
    std::string studyUid;
    std::string accessionNumber;
    std::string mapPath; // absolute
    std::string model;
    std::string target;
    std::optional<double> score;
    std::string method;
    std::optional<int> sliceIndex; // 0-based series slice of a 2D map
    annotation::TimestampMs importedMs = 0;
};

struct SaliencyReview {
    std::int64_t mapId = 0;
    annotation::SaliencyVerdict verdict = annotation::SaliencyVerdict::Unsure;
    std::string note;
    annotation::Author reviewer;
    annotation::TimestampMs reviewedMs = 0;
};

// The checks of a map as cached in the project, or why the map could not be loaded (problem).
struct StoredSaliencyChecks {
    annotation::SaliencyChecks checks;
    int markCount = 0;
    std::string grid; // e.g. "series grid" or "resampled from 64 x 64 x 30, 4 x 4 x 5 mm"
    std::string warnings; // the loader's warnings, joined by "; "
    std::string problem; // empty when the map loaded
    annotation::TimestampMs computedMs = 0;
};

// A map file as it was when its values were read: size and modification time (ns since the file clock's epoch).
struct SaliencyFileStamp {
    std::int64_t sizeBytes = 0;
    std::int64_t modifiedNs = 0;
    bool operator==(const SaliencyFileStamp& other) const
    {
        return sizeBytes == other.sizeBytes && modifiedNs == other.modifiedNs;
    }
};

// What every voxel of a map file is like (NaN/Inf count, signs, range) and the file it was summed up from: the
// project keeps it (schema 9), so that an unchanged file is shown again without a pass over its voxels.
struct SaliencyFileValues {
    SaliencyFileStamp stamp;
    annotation::SaliencyValueSummary summary;
};

// The saliency tables of a project (schema 4: saliency_maps, saliency_reviews, saliency_checks).
// Like MarkStore, it uses its ProjectStore's statement cache and must not outlive it.
class SaliencyStore {
public:
    explicit SaliencyStore(ProjectStore& project);

    // Adds a map of a series, or updates score, method and slice of the same (series, path, model,
    // target); returns its id and sets `added` to whether it is new. Throws ProjectError for an unknown series.
    std::int64_t putMap(const std::string& seriesUid, const SaliencyMapRecord& map, bool* added = nullptr);
    // Every map, ordered by study, series, model, target; or those of one series.
    std::vector<SaliencyMapRecord> maps() const;
    std::vector<SaliencyMapRecord> maps(const std::string& seriesUid) const;
    std::optional<SaliencyMapRecord> map(std::int64_t mapId) const;

    // Returns the review's row id (for removeReview).
    std::int64_t addReview(const SaliencyReview& review);
    // Removes one review row (an undone verdict); false when there is none with this id.
    bool removeReview(std::int64_t reviewId);
    std::optional<SaliencyReview> latestReview(std::int64_t mapId) const;
    std::vector<SaliencyReview> reviews(std::int64_t mapId) const; // oldest first

    // Checks with a problem (the map could not be loaded) also forget the map's cached file values.
    void putChecks(std::int64_t mapId, const StoredSaliencyChecks& checks);
    std::optional<StoredSaliencyChecks> checks(std::int64_t mapId) const;

    // The value summary of a map's file (schema 9; a project before it keeps none: nullopt, and put does nothing).
    void putFileValues(std::int64_t mapId, const SaliencyFileValues& values);
    std::optional<SaliencyFileValues> fileValues(std::int64_t mapId) const;

    // What removeMap took away: the map row (the file itself is never touched), its reviews and cached checks.
    struct RemovedMap {
        SaliencyMapRecord map;
        int reviews = 0;
        bool hadChecks = false;
    };
    // Removes a map with its reviews and checks in one transaction; nullopt when no map has this id.
    std::optional<RemovedMap> removeMap(std::int64_t mapId);

private:
    SqliteStatement& statement(const char* sql) const;
    bool keepsFileValues() const;
    std::vector<SaliencyMapRecord> readMaps(SqliteStatement& query) const;

    ProjectStore& m_project;
};

} // namespace radmark::storage
