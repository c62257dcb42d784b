#pragma once

#include "gui/saliency/SaliencyReviewRow.h"
#include "radmark/annotation/ImageGeometry.h"
#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/UndoStack.h"
#include "radmark/annotation/saliency/SaliencyVerdict.h"
#include "radmark/storage/project/SaliencyStore.h"
#include "radmark/storage/saliency/SaliencyMapLoader.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

// The saliency review of an open project, without widgets (beside LabelReviewSession): the project's maps
// with their checks and latest verdicts, the map files read and placed on the shown series' grid on worker
// threads, the checks computed on a worker and cached in the project, and the verdicts saved as commands on
// the window's one undo stack (an undone verdict's row is removed, the map's previous verdict counts again;
// redo writes it again, stamped now). The panel draws what this holds. GUI thread only.
class SaliencyReviewSession : public QObject {
    Q_OBJECT
public:
    // A map on the shown series' grid, or why it could not be loaded.
    struct PlacedMap {
        std::int64_t mapId = 0;
        storage::LoadedSaliencyMap map;
        QString error;
    };

    // `undoStack` (the window's, it must outlive the session) records every verdict.
    explicit SaliencyReviewSession(annotation::UndoStack& undoStack, QObject* parent = nullptr);
    ~SaliencyReviewSession() override;

    // nullptr: none. A project before schema 4 has no saliency tables: no maps.
    void openProject(storage::ProjectStore* project);
    storage::ProjectStore* project() const { return m_project; }
    bool hasStore() const { return m_store != nullptr; }
    bool isEditable() const;

    // Every map with its checks and latest verdict, in the store's order (a read error is a message).
    const std::vector<SaliencyReviewRow>& rows() const { return m_rows; }
    const SaliencyReviewRow* row(std::int64_t mapId) const;
    void refresh();
    std::vector<storage::SaliencyMapRecord> mapsOfSeries(const std::string& seriesUid) const;
    int reviewedCount() const;

    // Map files. readAhead starts reading a map's file (while its series loads), with the value summary the
    // project keeps for it (an unchanged file is not read through for NaN/Inf and its range). place puts the map
    // on the grid on a worker (after its read) and emits mapPlaced; results for another series than the one shown
    // by now are dropped unless the map is the last one asked for. placeNow does the same on this thread.
    //
    // A map whose file has no summary in the project yet is shown with one slice checked: the slice of its
    // checks' peak, else `viewSlice` (the slice the view shows). The rest of its voxels are summed up on a worker
    // meanwhile (valuesCompleted: the full range; a copy without NaN/Inf replaces the shown map if it had some),
    // and the summary is stored in the project for the next time. Its checks wait for that.
    void readAhead(const storage::SaliencyMapRecord& map);
    void place(std::int64_t mapId, const annotation::ImageGeometry& seriesGeometry, int viewSlice = 0);
    void placeNow(std::int64_t mapId, const annotation::ImageGeometry& seriesGeometry);
    const PlacedMap* placed(std::int64_t mapId) const;
    // Another series is shown: forgets its placed maps.
    void showSeries(const std::string& seriesUid);

    // Checks. A map that could not be loaded is recorded as such (when the project is writable); computeChecks
    // runs on a worker (dropping checks still queued for maps left since) and stores the result: checksUpdated.
    void recordLoadProblem(std::int64_t mapId, const QString& error);
    void computeChecks(std::int64_t mapId, std::shared_ptr<const annotation::ImageVolume> series);
    // Whether the cached checks are missing, failed or counted another number of marks than the series has.
    bool checksStale(std::int64_t mapId) const;
    std::vector<annotation::LesionMark> marksOfSeries() const;

    // Saves a verdict as one undoable command (false, with a message, when the project refuses it).
    bool saveReview(std::int64_t mapId, annotation::SaliencyVerdict verdict, const std::string& note,
        const annotation::Author& reviewer);

signals:
    void mapPlaced(qint64 mapId);
    // A map shown with one slice checked has every voxel checked now (range, warnings, maybe new values).
    void valuesCompleted(qint64 mapId);
    void checksUpdated(qint64 mapId);
    // A map's latest verdict changed: saved, undone or redone.
    void reviewChanged(qint64 mapId);
    void message(const QString& text);

private:
    struct Verdict {
        storage::SaliencyReview review;
        std::int64_t reviewId = 0; // the row written last
        std::string title; // of the map, for the undo text
    };
    class VerdictCommand;

    // The placement of a read map (on a worker, or queued on this thread when placesAtOnce: a finished read of a
    // same-grid map whose values need no pass) and what is done with it on this thread.
    static PlacedMap placeRead(const QFuture<storage::SaliencyMapFile>& read, const std::string& path,
        std::optional<int> slice, const annotation::ImageGeometry& seriesGeometry, std::int64_t mapId, int shownSlice);
    static bool placesAtOnce(const QFuture<storage::SaliencyMapFile>& read, std::optional<int> slice,
        const annotation::ImageGeometry& seriesGeometry);
    void acceptPlaced(PlacedMap placed, int generation);
    bool writeReview(Verdict& verdict, bool redoing);
    void completeValues(std::int64_t mapId);
    void keepFileValues(std::int64_t mapId, const std::optional<storage::SaliencyFileValues>& values);
    void startChecks(std::int64_t mapId, std::shared_ptr<const annotation::ImageVolume> series);
    bool removeReview(const Verdict& verdict);
    void updateRow(std::int64_t mapId);
    SaliencyReviewRow* mutableRow(std::int64_t mapId);

    annotation::UndoStack& m_undo;
    storage::ProjectStore* m_project = nullptr;
    std::unique_ptr<storage::SaliencyStore> m_store;
    std::vector<SaliencyReviewRow> m_rows;
    std::string m_seriesUid;
    int m_generation = 0; // bumped when another series is shown
    std::int64_t m_lastPlaceAsked = 0;
    std::map<std::int64_t, QFuture<storage::SaliencyMapFile>> m_reads; // map files being read, by map id
    std::map<std::int64_t, PlacedMap> m_placed; // maps of the shown series, on its grid
    // Checks asked for while the map's values are still being completed, by map id.
    std::map<std::int64_t, std::shared_ptr<const annotation::ImageVolume>> m_checksAfterValues;

    QThreadPool m_readPool; // file reads only: they never wait on anything
    QThreadPool m_placePool; // placement (waits for a read)
    QThreadPool m_checksPool; // checks, which take seconds on a large series and must not delay a display
    QThreadPool m_valuesPool; // the rest of a map's values after its shown slice
};

} // namespace radmark::app
