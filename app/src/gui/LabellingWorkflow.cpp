#include "gui/LabellingWorkflow.h"
#include "gui/PeopleText.h"

#include "gui/AnnotationSession.h"
#include "gui/AuditDrawDialog.h"
#include "gui/LabelPanel.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabelSchemaEditor.h"
#include "gui/MainWindow.h"
#include "gui/ReportPanel.h"
#include "gui/RunLabellerDialog.h"
#include "radmark/storage/project/ProjectStore.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include <algorithm>

namespace radmark::app {

LabellingWorkflow::LabellingWorkflow(MainWindow* window)
    : QObject(window)
    , m_window(window)
{
    AnnotationSession* annotations = window->annotations();
    m_session = new LabelReviewSession(annotations->undoStack(), this);
    m_session->setAuthorSource([annotations] { return annotations->document().currentAuthor(); });
    m_labels = new LabelPanel(m_session, window);
    m_report = new ReportPanel(m_session, window);

    auto* labelDock = new QDockWidget(tr("Study Labels"), window);
    labelDock->setObjectName("labelsDock");
    labelDock->setWidget(m_labels);
    labelDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    auto* reportDock = new QDockWidget(tr("Report"), window);
    reportDock->setObjectName("reportDock");
    reportDock->setWidget(m_report);
    reportDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::RightDockWidgetArea, reportDock);
    window->addDockWidget(Qt::RightDockWidgetArea, labelDock);
    window->resizeDocks({ reportDock }, { 520 }, Qt::Horizontal);

    // The Labels menu goes before Help.
    QMenu* menu = new QMenu(tr("&Labels"), window);
    const auto menus = window->menuBar()->actions();
    window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.back(), menu);
    m_runLabeller = menu->addAction(tr("&Run Labeller…"), this, &LabellingWorkflow::chooseAndRunLabeller);
    m_editSchema = menu->addAction(tr("&Edit Label Schema…"), this, [this] {
        if (!m_session->schemaSource()) {
            return;
        }
        LabelSchemaEditor editor(m_session->schemaSource()->jsonText,
            tr("Label schema of the project (%1)").arg(QString::fromStdString(m_session->schemaSource()->origin)),
            m_window);
        if (editor.exec() == QDialog::Accepted) {
            try {
                m_session->saveSchemaText(editor.jsonText());
            } catch (const std::exception& error) {
                QMessageBox::warning(m_window, tr("Cannot store the schema"), QString::fromStdString(error.what()));
            }
        }
    });
    menu->addSeparator();
    m_drawAudit = menu->addAction(tr("Draw &Audit Sample…"), this, &LabellingWorkflow::chooseAndDrawAuditSample);
    m_drawAudit->setObjectName("drawAuditSample");
    m_reviewAudit = menu->addAction(tr("Re&view Audit Sample"), this, &LabellingWorkflow::reviewAuditSample);
    m_reviewAudit->setObjectName("reviewAuditSample");
    menu->addSeparator();
    QAction* focusAction = menu->addAction(tr("&Label This Study"), this, [this] { m_labels->focusLabels(); });
    focusAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction* previous = menu->addAction(tr("&Previous Study"), this, [this] { m_session->showPrevious(); });
    previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    QAction* next = menu->addAction(tr("&Next Study"), this, [this] { m_session->showNext(); });
    next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    menu->addAction(tr("&Confirm Study and Open Next Unconfirmed\tEnter"), this, &LabellingWorkflow::confirmAndAdvance);

    connect(m_labels, &LabelPanel::confirmRequested, this, &LabellingWorkflow::confirmAndAdvance);
    connect(m_labels, &LabelPanel::previousRequested, previous, &QAction::trigger);
    connect(m_labels, &LabelPanel::nextRequested, next, &QAction::trigger);
    connect(m_labels, &LabelPanel::labelSelected, m_report, &ReportPanel::showLabelEvidence);
    connect(m_report, &ReportPanel::evidenceClicked, this, &LabellingWorkflow::selectLabel);
    connect(m_session, &LabelReviewSession::schemaChanged, this, [this] {
        m_editSchema->setEnabled(
            m_window->project() != nullptr && !m_window->project()->isReadOnly() && m_session->hasSchema());
        m_drawAudit->setEnabled(m_session->isEditable());
    });
    connect(m_session, &LabelReviewSession::auditChanged, this,
        [this] { m_reviewAudit->setEnabled(m_session->isEditable() && m_session->auditDrawnStudies() > 0); });
    connect(m_session, &LabelReviewSession::saveFailed, this, [this](const QString& message) {
        m_window->statusBar()->showMessage(tr("Could not save the label: %1").arg(message), 15000);
    });
    connect(window, &MainWindow::seriesOpened, this, [this](const QString& seriesUid) {
        showStudyOfSeries(seriesUid);
        if (m_focusLabelsAfterOpen) {
            m_focusLabelsAfterOpen = false;
            m_labels->focusLabels();
        }
    });
    connect(window, &MainWindow::importFinished, m_session, &LabelReviewSession::refresh);
    // Whatever shows a study (Previous / Next, Enter, an undo of another study's label) shows its images too.
    connect(m_session, &LabelReviewSession::studyShown, this, [this](qint64 studyId) {
        if (studyId >= 0) {
            openSeriesOfShownStudy();
        }
    });
}

void LabellingWorkflow::openProject(storage::ProjectStore* project)
{
    m_session->openProject(project);
    m_runLabeller->setEnabled(project != nullptr && !project->isReadOnly());
    m_editSchema->setEnabled(project != nullptr && !project->isReadOnly() && m_session->hasSchema());
    m_drawAudit->setEnabled(m_session->isEditable());
    m_reviewAudit->setEnabled(m_session->isEditable() && m_session->auditDrawnStudies() > 0);
}

void LabellingWorkflow::chooseAndDrawAuditSample()
{
    if (!m_session->isEditable()) {
        return;
    }
    AuditDrawDialog dialog(
        m_session->eligibleAuditStudies(), m_session->auditedStudies(),
        [this](std::size_t size, std::uint64_t seed) { m_session->drawAuditSample(size, seed); }, m_window);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const auto& sample = m_session->auditSamples().back();
    m_window->statusBar()->showMessage(
        tr("Audit sample %1: %2 studies drawn with seed %3. Enter confirms and opens the "
           "next one; the label keys correct.")
            .arg(sample.id)
            .arg(sample.studyIds.size())
            .arg(sample.seed),
        15000);
    reviewAuditSample();
}

void LabellingWorkflow::reviewAuditSample()
{
    m_labels->setFilter(LabelReviewSession::Filter::Audit);
    const auto indices = m_session->filteredStudies();
    std::optional<std::int64_t> next;
    for (const std::size_t index : indices) { // the first drawn study not reviewed yet, in drawn order
        if (!m_session->isConfirmed(m_session->states()[index])) {
            next = m_session->states()[index].studyId;
            break;
        }
    }
    if (!next) {
        m_window->statusBar()->showMessage(tr("Every study of the audit sample is reviewed."), 8000);
        return;
    }
    m_labels->focusLabels(); // before the series opens, so that the keys go on labelling
    openStudy(*next);
}

void LabellingWorkflow::showStudyOfSeries(const QString& seriesUid)
{
    const storage::ProjectStore* project = m_window->project();
    if (project == nullptr) {
        return;
    }
    if (const auto series = project->seriesByUid(seriesUid.toStdString())) {
        m_session->showStudyOfKey(series->studyUid);
    }
}

bool LabellingWorkflow::openStudy(qint64 studyId)
{
    if (m_session->studyId() == studyId) {
        openSeriesOfShownStudy();
        return true;
    }
    return m_session->showStudy(studyId); // studyShown opens its series
}

void LabellingWorkflow::openSeriesOfShownStudy()
{
    const std::vector<std::string> series = m_session->studySeriesUids();
    const QString open = m_window->openSeriesUid();
    const bool alreadyOpen = std::any_of(
        series.begin(), series.end(), [&open](const std::string& uid) { return QString::fromStdString(uid) == open; });
    if (!series.empty() && !alreadyOpen) {
        m_focusLabelsAfterOpen = m_window->focusWidget() == m_labels->table(); // also when the window is inactive
        m_window->openSeries(QString::fromStdString(series.front()));
    }
}

void LabellingWorkflow::confirmAndAdvance()
{
    if (!m_session->isEditable()) {
        m_window->statusBar()->showMessage(m_session->hasSchema()
                ? tr("The project is read-only: labels cannot be confirmed.")
                : tr("No label schema: run Labels ▸ Run Labeller… first."),
            8000);
        return;
    }
    if (m_session->studyId() >= 0 && !m_session->confirmStudy()) {
        return;
    }
    const auto next = m_session->nextUnconfirmed();
    if (!next) {
        m_window->statusBar()->showMessage(m_session->auditMode() ? tr("Every study of the audit sample is reviewed.")
                                                                  : tr("Every study of this filter is confirmed."),
            8000);
        return;
    }
    openStudy(*next);
}

void LabellingWorkflow::selectLabel(int index)
{
    m_labels->selectLabel(index);
    m_labels->focusLabels();
}

void LabellingWorkflow::chooseAndRunLabeller()
{
    if (m_window->project() == nullptr) {
        return;
    }
    RunLabellerDialog dialog(m_session->schema(), m_window);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    try {
        QApplication::setOverrideCursor(Qt::BusyCursor);
        const std::optional<LabelSchemaSource>& source = dialog.schemaSource();
        const ProjectLabellingResult result
            = m_session->runLabeller(source ? *source : *m_session->schemaSource(), dialog.onlyUnlabelled());
        QApplication::restoreOverrideCursor();
        m_window->statusBar()->showMessage(
            tr("Labelled %1 with schema %2 (%3 already labelled, %4 without a "
               "report, %5).")
                .arg(countText(result.labelled, tr("study"), tr("studies")))
                .arg(QString::fromStdString(m_session->schema()->name))
                .arg(result.skipped)
                .arg(result.withoutReport)
                .arg(countText(result.unmatchedReports, tr("unmatched report"), tr("unmatched reports"))),
            15000);
    } catch (const std::exception& error) {
        QApplication::restoreOverrideCursor();
        QMessageBox::warning(m_window, tr("Cannot run the labeller"), QString::fromStdString(error.what()));
    }
}

} // namespace radmark::app
