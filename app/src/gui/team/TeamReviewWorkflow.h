#pragma once

#include "gui/team/AdjudicationSession.h"

#include <QObject>

class QAction;
class QDockWidget;
class QTabWidget;

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

class AdjudicationPanel;
class AgreementPanel;
class MainWindow;

// Adjudication and reader agreement in the main window: a dock with the Adjudication queue and the Agreement
// figures, and Team ▸ Adjudicate Disagreements (Ctrl+Shift+D) / Reader Agreement. Selecting a queue item shows its
// study (a lesion: its series and slice, marks coloured by author); the reviewer's answers are recorded with
// the role reviewer and the window's author name: labels through the label review (one undo history), lesions
// as the reviewer's own marks (a copy of the chosen reader's mark, editable with the tools) or a "no lesion"
// verdict.
class TeamReviewWorkflow : public QObject {
    Q_OBJECT
public:
    explicit TeamReviewWorkflow(MainWindow* window);

    void openProject(storage::ProjectStore* project); // nullptr: none

    AdjudicationSession* session() const { return m_session; }
    AdjudicationPanel* adjudicationPanel() const { return m_adjudication; }
    AgreementPanel* agreementPanel() const { return m_agreement; }
    QAction* adjudicateAction() const { return m_adjudicate; }
    QAction* agreementAction() const { return m_showAgreement; }
    QDockWidget* dock() const { return m_dock; }

    // Team ▸ Adjudicate Disagreements: shows the queue, selects the first disputed item, gives the queue the keys.
    void startAdjudication();
    // The reviewer's actions on the selected item.
    void pickReader(int readerIndex);
    void markNoLesion();
    void cycleOwnLabelAnswer();
    void reopenLesion();

private:
    annotation::Author reviewer() const;
    void showEntry(const AdjudicationSession::QueueEntry& entry);
    bool recordReviewerLabel(
        std::int64_t studyId, const std::string& label, const std::optional<int>& value, const std::string& choice);
    void removeReviewerMarks(const storage::LesionItem& lesion);
    void refreshSoon();
    void message(const QString& text);

    MainWindow* m_window = nullptr;
    storage::ProjectStore* m_project = nullptr;
    AdjudicationSession* m_session = nullptr;
    AdjudicationPanel* m_adjudication = nullptr;
    AgreementPanel* m_agreement = nullptr;
    QDockWidget* m_dock = nullptr;
    QTabWidget* m_tabs = nullptr;
    QAction* m_adjudicate = nullptr;
    QAction* m_showAgreement = nullptr;
    bool m_refreshPending = false;
    bool m_keepQueueFocus = false; // give the queue the focus back once the series asked for has opened
};

} // namespace radmark::app
