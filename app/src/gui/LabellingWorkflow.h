#pragma once

#include <QObject>
#include <QString>

class QAction;
class QDockWidget;

namespace radmark::storage {
class ProjectStore;
}

namespace radmark::app {

class LabelPanel;
class LabelReviewSession;
class MainWindow;
class ReportPanel;

// The report and label docks of the main window and the Labels menu, wired to the window: a series
// opened anywhere shows its study's labels and report; Enter in the label panel confirms the study and
// opens the first series of the next unconfirmed one; Labels ▸ Run Labeller… labels the project's reports.
// Label edits share the window's undo stack (AnnotationSession::undoStack).
class LabellingWorkflow : public QObject {
    Q_OBJECT
public:
    explicit LabellingWorkflow(MainWindow* window);

    // Called by the window when it opens a project (nullptr: none). Throws what the session throws.
    void openProject(storage::ProjectStore* project);

    LabelReviewSession* session() const { return m_session; }
    LabelPanel* labelPanel() const { return m_labels; }
    ReportPanel* reportPanel() const { return m_report; }
    QAction* runLabellerAction() const { return m_runLabeller; }
    QAction* drawAuditAction() const { return m_drawAudit; }
    QAction* reviewAuditAction() const { return m_reviewAudit; }

    // Shows a study and opens its first series (unless a series of it is open already).
    bool openStudy(qint64 studyId);
    // Enter: confirms the shown study, then opens the next unconfirmed study of the filter.
    void confirmAndAdvance();
    // Labels ▸ Draw Audit Sample…: asks for the size and seed, draws, then reviews the sample in audit mode.
    void chooseAndDrawAuditSample();
    // Labels ▸ Review Audit Sample: the Audit filter and the next drawn study not reviewed yet.
    void reviewAuditSample();

private:
    void chooseAndRunLabeller();
    void showStudyOfSeries(const QString& seriesUid);
    void openSeriesOfShownStudy();
    void selectLabel(int index);

    MainWindow* m_window = nullptr;
    LabelReviewSession* m_session = nullptr;
    LabelPanel* m_labels = nullptr;
    ReportPanel* m_report = nullptr;
    QAction* m_runLabeller = nullptr;
    QAction* m_editSchema = nullptr;
    QAction* m_drawAudit = nullptr;
    QAction* m_reviewAudit = nullptr;
    bool m_focusLabelsAfterOpen = false;
};

} // namespace radmark::app
