#pragma once

#include "gui/team/AdjudicationSession.h"

#include <QTableWidget>
#include <QWidget>

class QLabel;

namespace radmark::app {

// The queue table: takes digits, N, E, Backspace and Enter before the window's shortcuts while it has focus.
class AdjudicationQueueTable : public QTableWidget {
    Q_OBJECT
public:
    explicit AdjudicationQueueTable(QWidget* parent = nullptr);

signals:
    void readerPicked(int readerIndex); // keys 1..9
    void noLesionPressed(); // N
    void ownAnswerPressed(); // E
    void reopenPressed(); // Backspace
    void nextPressed(); // Enter

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    static bool isPanelKey(const QKeyEvent* event);
};

// The adjudication queue and the readers' answers side by side. One row per disputed or settled item of a
// double-read study (label values that differ, a lesion marked by one reader only, RECIST axes differing by
// more than the tolerance); the comparison shows each reader's answer (in the reader's colour, the colour of
// their marks in the slice view) and the reviewer's. Keys: 1 / 2 take a reader's answer, N no lesion, E the
// reviewer's own label answer (cycles), Backspace reopens a "no lesion", Enter goes to the next disputed item.
class AdjudicationPanel : public QWidget {
    Q_OBJECT
public:
    enum QueueColumn { StudyColumn, ItemColumn, StateColumn, ReasonColumn, QueueColumnCount };

    explicit AdjudicationPanel(AdjudicationSession* session, QWidget* parent = nullptr);

    AdjudicationQueueTable* queueTable() const { return m_queue; }
    QTableWidget* compareTable() const { return m_compare; }
    QLabel* summaryLabel() const { return m_summary; }
    // The selected queue entry, if any.
    std::optional<AdjudicationSession::QueueEntry> selectedEntry() const;
    void selectEntry(std::size_t index);
    // The next disputed entry after the selected one (wrapping); false when none is left.
    bool selectNextDisputed();
    void focusQueue();

    // RGB 0..1 of the n-th reader (0-based) and of the reviewer, shared with the slice view.
    static std::array<double, 3> readerColor(std::size_t readerIndex);
    static std::array<double, 3> reviewerColor();

signals:
    void entrySelected(const AdjudicationSession::QueueEntry& entry);

private:
    void rebuild();
    void showComparison();

    AdjudicationSession* m_session = nullptr;
    QLabel* m_summary = nullptr;
    AdjudicationQueueTable* m_queue = nullptr;
    QTableWidget* m_compare = nullptr;
    QLabel* m_keys = nullptr;
    std::int64_t m_selectedStudy = -1;
    AdjudicationSession::ItemKind m_selectedKind = AdjudicationSession::ItemKind::Label;
    std::string m_selectedKey;
    bool m_rebuilding = false;
};

} // namespace radmark::app
