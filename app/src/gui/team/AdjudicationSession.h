#pragma once

#include "radmark/storage/team/TeamAdjudication.h"
#include "radmark/storage/team/TeamReadings.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

// The adjudication queue of a team project, without widgets: every double-read study's label and lesion items
// that are disputed or were settled by a reviewer, re-read from the project after each change. GUI thread only.
class AdjudicationSession : public QObject {
    Q_OBJECT
public:
    enum class ItemKind { Label, Lesion };
    struct QueueEntry {
        std::size_t study = 0; // index into studies()
        ItemKind kind = ItemKind::Label;
        std::size_t item = 0; // index into the study's labels or lesions
    };

    explicit AdjudicationSession(QObject* parent = nullptr);

    void openProject(storage::ProjectStore* project); // nullptr: none
    // Re-reads the readers' answers and rebuilds the queue (emits changed).
    void refresh();

    bool isTeamProject() const { return !m_readings.annotators.empty(); }
    bool isEditable() const;
    const storage::TeamReadings& readings() const { return m_readings; }
    const std::vector<storage::StudyAdjudication>& studies() const { return m_studies; }
    const std::vector<QueueEntry>& queue() const { return m_queue; }
    std::size_t disputedCount() const;

    const storage::StudyAdjudication& studyOf(const QueueEntry& entry) const { return m_studies[entry.study]; }
    const storage::LabelItem* labelOf(const QueueEntry& entry) const;
    const storage::LesionItem* lesionOf(const QueueEntry& entry) const;
    storage::ItemState stateOf(const QueueEntry& entry) const;
    // The queue position of the item that `entry` named before a refresh (same study, kind and label / marks).
    std::optional<std::size_t> findEntry(std::int64_t studyId, ItemKind kind, const std::string& key) const;
    // The label name or the first reader mark id of the entry's item.
    std::string keyOf(const QueueEntry& entry) const;

    // Records that the lesion of the entry is none (reviewer verdict) or withdraws that verdict.
    void rejectLesion(const QueueEntry& entry, const annotation::Author& reviewer, bool reopen = false);

signals:
    void changed();
    void failed(const QString& message);

private:
    storage::ProjectStore* m_project = nullptr;
    storage::TeamReadings m_readings;
    std::vector<storage::StudyAdjudication> m_studies;
    std::vector<QueueEntry> m_queue;
};

} // namespace radmark::app
