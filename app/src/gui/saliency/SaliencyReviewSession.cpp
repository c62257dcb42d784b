#include "gui/saliency/SaliencyReviewSession.h"

#include "radmark/annotation/Timestamp.h"
#include "radmark/annotation/saliency/SaliencyResampling.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/saliency/SaliencyEvaluation.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace radmark::app {

namespace {

std::string verdictTitle(const storage::SaliencyMapRecord& map)
{
    std::string title = map.target.empty() ? map.model : map.model + " / " + map.target;
    const std::string study = map.accessionNumber.empty() ? map.studyUid : map.accessionNumber;
    return study.empty() ? title : title + ", " + study;
}

} // namespace

// One saved verdict on the window's undo stack.
class SaliencyReviewSession::VerdictCommand : public annotation::UndoCommand {
public:
    VerdictCommand(SaliencyReviewSession& session, Verdict verdict)
        : m_session(session)
        , m_verdict(std::move(verdict))
    {
    }

    const SaliencyReviewSession& session() const { return m_session; }
    std::string text() const override
    {
        return std::string("Verdict ") + annotation::saliencyVerdictTitle(m_verdict.review.verdict) + " ("
            + m_verdict.title + ")";
    }
    bool execute(bool) override { return m_session.writeReview(m_verdict, false); }
    bool undo() override { return m_session.removeReview(m_verdict); }
    bool redo() override { return m_session.writeReview(m_verdict, true); }

private:
    SaliencyReviewSession& m_session;
    Verdict m_verdict;
};

SaliencyReviewSession::SaliencyReviewSession(annotation::UndoStack& undoStack, QObject* parent)
    : QObject(parent)
    , m_undo(undoStack)
{
    m_readPool.setMaxThreadCount(1);
    m_placePool.setMaxThreadCount(1);
    m_checksPool.setMaxThreadCount(1);
    m_valuesPool.setMaxThreadCount(1);
}

SaliencyReviewSession::~SaliencyReviewSession()
{
    m_readPool.waitForDone();
    m_placePool.waitForDone();
    m_checksPool.waitForDone();
    m_valuesPool.waitForDone();
}

void SaliencyReviewSession::openProject(storage::ProjectStore* project)
{
    m_undo.removeIf([this](const annotation::UndoCommand& command) {
        const auto* verdict = dynamic_cast<const VerdictCommand*>(&command);
        return verdict != nullptr && &verdict->session() == this;
    });
    m_project = project;
    m_store.reset();
    m_seriesUid.clear();
    m_placed.clear();
    m_reads.clear();
    m_checksAfterValues.clear();
    ++m_generation;
    m_lastPlaceAsked = 0;
    if (project != nullptr && project->schemaVersion() >= 4) {
        m_store = std::make_unique<storage::SaliencyStore>(*project);
    }
    refresh();
}

bool SaliencyReviewSession::isEditable() const
{
    return m_store != nullptr && m_project != nullptr && !m_project->isReadOnly();
}

void SaliencyReviewSession::refresh()
{
    m_rows.clear();
    if (!m_store) {
        return;
    }
    try {
        for (storage::SaliencyMapRecord& map : m_store->maps()) {
            SaliencyReviewRow row;
            row.checks = m_store->checks(map.id);
            row.review = m_store->latestReview(map.id);
            row.map = std::move(map);
            m_rows.push_back(std::move(row));
        }
    } catch (const std::exception& error) {
        emit message(QString::fromStdString(error.what()));
    }
}

const SaliencyReviewRow* SaliencyReviewSession::row(std::int64_t mapId) const
{
    for (const SaliencyReviewRow& row : m_rows) {
        if (row.map.id == mapId) {
            return &row;
        }
    }
    return nullptr;
}

SaliencyReviewRow* SaliencyReviewSession::mutableRow(std::int64_t mapId)
{
    return const_cast<SaliencyReviewRow*>(row(mapId));
}

std::vector<storage::SaliencyMapRecord> SaliencyReviewSession::mapsOfSeries(const std::string& seriesUid) const
{
    return m_store ? m_store->maps(seriesUid) : std::vector<storage::SaliencyMapRecord> {};
}

int SaliencyReviewSession::reviewedCount() const
{
    int count = 0;
    for (const SaliencyReviewRow& row : m_rows) {
        count += row.review ? 1 : 0;
    }
    return count;
}

void SaliencyReviewSession::showSeries(const std::string& seriesUid)
{
    if (seriesUid != m_seriesUid) {
        m_placed.clear();
        m_checksAfterValues.clear();
    }
    m_seriesUid = seriesUid;
    ++m_generation;
}

void SaliencyReviewSession::readAhead(const storage::SaliencyMapRecord& map)
{
    if (m_reads.count(map.id) == 0) {
        const std::string path = map.mapPath;
        std::optional<storage::SaliencyFileValues> cached;
        try {
            cached = m_store ? m_store->fileValues(map.id) : std::nullopt;
        } catch (const std::exception& error) {
            emit message(QString::fromStdString(error.what()));
        }
        // The pass over the voxels is left to the placement, which can do the shown slice first.
        m_reads[map.id] = QtConcurrent::run(&m_readPool, [path, cached] {
            return storage::readSaliencyMapFile(path, cached, storage::SaliencyValuePass::Deferred);
        });
    }
}

const SaliencyReviewSession::PlacedMap* SaliencyReviewSession::placed(std::int64_t mapId) const
{
    const auto found = m_placed.find(mapId);
    return found != m_placed.end() ? &found->second : nullptr;
}

void SaliencyReviewSession::place(std::int64_t mapId, const annotation::ImageGeometry& seriesGeometry, int viewSlice)
{
    const SaliencyReviewRow* row = this->row(mapId);
    if (row == nullptr) {
        return;
    }
    m_lastPlaceAsked = mapId;
    if (m_placed.count(mapId) > 0) {
        emit mapPlaced(mapId);
        return;
    }
    readAhead(row->map);
    const QFuture<storage::SaliencyMapFile> read = m_reads[mapId];
    const std::string path = row->map.mapPath;
    const std::optional<int> slice = row->map.sliceIndex;
    // The slice shown first: where the map points most (the panel goes there), else where the view is.
    const int shownSlice = row->checks && row->checks->problem.empty() ? row->checks->checks.peakK : viewSlice;
    const int generation = m_generation;
    if (placesAtOnce(read, slice, seriesGeometry)) {
        // Nothing to compute: placed on this thread as soon as the caller is done (in the order a worker's result
        // would come), without waking a worker and waiting for it to be scheduled (which a loaded machine delays).
        QMetaObject::invokeMethod(
            this,
            [this, read, path, slice, seriesGeometry, mapId, shownSlice, generation] {
                acceptPlaced(placeRead(read, path, slice, seriesGeometry, mapId, shownSlice), generation);
            },
            Qt::QueuedConnection);
        return;
    }
    auto* watcher = new QFutureWatcher<PlacedMap>(this);
    connect(watcher, &QFutureWatcher<PlacedMap>::finished, this, [this, watcher, generation] {
        PlacedMap placed = watcher->result();
        watcher->deleteLater();
        acceptPlaced(std::move(placed), generation);
    });
    watcher->setFuture(QtConcurrent::run(&m_placePool, [read, path, slice, seriesGeometry, mapId, shownSlice] {
        // The read runs in its own pool, so waiting here cannot starve it.
        return placeRead(read, path, slice, seriesGeometry, mapId, shownSlice);
    }));
}

SaliencyReviewSession::PlacedMap SaliencyReviewSession::placeRead(const QFuture<storage::SaliencyMapFile>& read,
    const std::string& path, std::optional<int> slice, const annotation::ImageGeometry& seriesGeometry,
    std::int64_t mapId, int shownSlice)
{
    PlacedMap placed;
    placed.mapId = mapId;
    try {
        const storage::SaliencyMapFile file = QFuture<storage::SaliencyMapFile>(read).result();
        placed.map = storage::placeSaliencyMap(file, path, seriesGeometry, slice, shownSlice);
    } catch (const std::exception& error) {
        placed.error = QString::fromStdString(error.what());
    }
    return placed;
}

bool SaliencyReviewSession::placesAtOnce(const QFuture<storage::SaliencyMapFile>& read, std::optional<int> slice,
    const annotation::ImageGeometry& seriesGeometry)
{
    if (!read.isFinished() || slice) {
        return false;
    }
    try {
        const storage::SaliencyMapFile file = QFuture<storage::SaliencyMapFile>(read).result();
        // Shared as it is: no resampling, no pass over the voxels.
        return file.values && file.summaryComplete && annotation::isSameGrid(file.values->geometry(), seriesGeometry);
    } catch (const std::exception&) {
        return false; // the worker path reports it
    }
}

void SaliencyReviewSession::acceptPlaced(PlacedMap placed, int generation)
{
    m_reads.erase(placed.mapId);
    const std::int64_t id = placed.mapId;
    if (placed.error.isEmpty() && !placed.map.summaryFromCache) {
        keepFileValues(id, placed.map.fileValues()); // summed up in full while placing: kept for next time
    }
    if (generation != m_generation && id != m_lastPlaceAsked) {
        return; // another series is shown by now
    }
    const bool complete = placed.map.summaryComplete;
    m_placed[id] = std::move(placed);
    emit mapPlaced(id);
    if (!complete) {
        completeValues(id);
    }
}

void SaliencyReviewSession::placeNow(std::int64_t mapId, const annotation::ImageGeometry& seriesGeometry)
{
    const SaliencyReviewRow* row = this->row(mapId);
    if (row == nullptr || m_placed.count(mapId) > 0) {
        return;
    }
    PlacedMap placed;
    placed.mapId = mapId;
    try {
        placed.map = storage::loadSaliencyMap(row->map.mapPath, seriesGeometry, row->map.sliceIndex);
    } catch (const std::exception& error) {
        placed.error = QString::fromStdString(error.what());
    }
    m_placed[mapId] = std::move(placed);
}

void SaliencyReviewSession::completeValues(std::int64_t mapId)
{
    const auto found = m_placed.find(mapId);
    const SaliencyReviewRow* row = this->row(mapId);
    if (found == m_placed.end() || found->second.map.summaryComplete || row == nullptr) {
        return;
    }
    const std::shared_ptr<const annotation::ImageVolume> values = found->second.map.values;
    const std::optional<storage::SaliencyFileStamp> stamp = found->second.map.fileStamp;
    const std::string path = row->map.mapPath;
    const std::size_t replacedBefore = found->second.map.summary.nonFiniteCount; // the shown slice's
    auto* watcher = new QFutureWatcher<storage::SaliencyValueCompletion>(this);
    connect(watcher, &QFutureWatcher<storage::SaliencyValueCompletion>::finished, this,
        [this, watcher, mapId, values, stamp, path] {
            const storage::SaliencyValueCompletion completion = watcher->result();
            watcher->deleteLater();
            if (stamp) {
                // Kept even when the reviewer has moved on: the file's values do not depend on what is shown.
                keepFileValues(mapId, storage::SaliencyFileValues { *stamp, completion.summary });
            }
            const auto placed = m_placed.find(mapId);
            if (placed == m_placed.end() || placed->second.map.values != values) {
                return; // left (or placed again) since
            }
            storage::finishSaliencyValues(placed->second.map, completion, path);
            emit valuesCompleted(mapId);
            const auto waiting = m_checksAfterValues.find(mapId);
            if (waiting != m_checksAfterValues.end()) {
                const std::shared_ptr<const annotation::ImageVolume> series = waiting->second;
                m_checksAfterValues.erase(waiting);
                startChecks(mapId, series);
            }
        });
    // Reads the shown map, never writes it: it may be drawn meanwhile.
    watcher->setFuture(QtConcurrent::run(
        &m_valuesPool, [values, replacedBefore] { return storage::completeSaliencyValues(*values, replacedBefore); }));
}

void SaliencyReviewSession::keepFileValues(std::int64_t mapId, const std::optional<storage::SaliencyFileValues>& values)
{
    if (!values || !isEditable()) {
        return;
    }
    try {
        m_store->putFileValues(mapId, *values);
    } catch (const std::exception& error) {
        emit message(QString::fromStdString(error.what()));
    }
}

void SaliencyReviewSession::recordLoadProblem(std::int64_t mapId, const QString& error)
{
    SaliencyReviewRow* row = mutableRow(mapId);
    if (row == nullptr || error.isEmpty() || !isEditable()) {
        return;
    }
    storage::StoredSaliencyChecks failed;
    failed.problem = error.toStdString();
    failed.computedMs = annotation::systemTimeMs();
    try {
        m_store->putChecks(mapId, failed);
    } catch (const std::exception& writeError) {
        emit message(QString::fromStdString(writeError.what()));
        return;
    }
    row->checks = failed;
}

std::vector<annotation::LesionMark> SaliencyReviewSession::marksOfSeries() const
{
    if (m_project == nullptr || m_project->schemaVersion() < 2) {
        return {};
    }
    try {
        return storage::MarkStore(*m_project).loadMarks(m_seriesUid);
    } catch (const std::exception&) {
        return {};
    }
}

bool SaliencyReviewSession::checksStale(std::int64_t mapId) const
{
    const SaliencyReviewRow* row = this->row(mapId);
    return row != nullptr
        && (!row->checks || !row->checks->problem.empty()
            || row->checks->markCount != static_cast<int>(marksOfSeries().size()));
}

void SaliencyReviewSession::computeChecks(std::int64_t mapId, std::shared_ptr<const annotation::ImageVolume> series)
{
    const auto found = m_placed.find(mapId);
    if (!series || found == m_placed.end()) {
        return;
    }
    if (!found->second.map.summaryComplete) {
        m_checksAfterValues[mapId] = std::move(series); // on values not yet free of NaN/Inf: after them
        return;
    }
    startChecks(mapId, std::move(series));
}

void SaliencyReviewSession::startChecks(std::int64_t mapId, std::shared_ptr<const annotation::ImageVolume> series)
{
    // Checks of maps the reviewer has already left are dropped (they run again when shown again), so a
    // quick reviewer never queues gigabytes of maps behind one worker.
    m_checksPool.clear();
    const storage::LoadedSaliencyMap map = m_placed[mapId].map;
    const std::vector<annotation::LesionMark> marks = marksOfSeries();
    auto* watcher = new QFutureWatcher<storage::StoredSaliencyChecks>(this);
    connect(watcher, &QFutureWatcher<storage::StoredSaliencyChecks>::finished, this, [this, watcher, mapId] {
        const storage::StoredSaliencyChecks checks = watcher->result();
        watcher->deleteLater();
        SaliencyReviewRow* row = mutableRow(mapId);
        if (row == nullptr) {
            return;
        }
        if (isEditable()) {
            try {
                m_store->putChecks(mapId, checks);
            } catch (const std::exception& error) {
                emit message(QString::fromStdString(error.what()));
            }
        }
        row->checks = checks;
        emit checksUpdated(mapId);
    });
    watcher->setFuture(QtConcurrent::run(
        &m_checksPool, [map, series, marks] { return storage::checksOfLoadedMap(map, *series, marks); }));
}

bool SaliencyReviewSession::saveReview(std::int64_t mapId, annotation::SaliencyVerdict verdict, const std::string& note,
    const annotation::Author& reviewer)
{
    const SaliencyReviewRow* row = this->row(mapId);
    if (row == nullptr || !m_store) {
        return false;
    }
    Verdict command;
    command.review.mapId = mapId;
    command.review.verdict = verdict;
    command.review.note = note;
    command.review.reviewer = reviewer;
    command.title = verdictTitle(row->map);
    return m_undo.push(std::make_unique<VerdictCommand>(*this, std::move(command)));
}

bool SaliencyReviewSession::writeReview(Verdict& verdict, bool redoing)
{
    if (!m_store || (redoing && !isEditable())) {
        return false;
    }
    verdict.review.reviewedMs = annotation::systemTimeMs(); // a redo is a new review, stamped now
    try {
        verdict.reviewId = m_store->addReview(verdict.review);
    } catch (const std::exception& error) {
        emit message(QString::fromStdString(error.what()));
        return false;
    }
    updateRow(verdict.review.mapId);
    return true;
}

bool SaliencyReviewSession::removeReview(const Verdict& verdict)
{
    if (!isEditable()) {
        return false;
    }
    try {
        m_store->removeReview(verdict.reviewId);
    } catch (const std::exception& error) {
        emit message(QString::fromStdString(error.what()));
        return false;
    }
    updateRow(verdict.review.mapId);
    return true;
}

void SaliencyReviewSession::updateRow(std::int64_t mapId)
{
    SaliencyReviewRow* row = mutableRow(mapId);
    if (row == nullptr) {
        return;
    }
    try {
        row->review = m_store->latestReview(mapId);
    } catch (const std::exception& error) {
        emit message(QString::fromStdString(error.what()));
    }
    emit reviewChanged(mapId);
}

} // namespace radmark::app
