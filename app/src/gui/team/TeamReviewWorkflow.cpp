#include "gui/team/TeamReviewWorkflow.h"

#include "gui/AnnotationSession.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "gui/team/AdjudicationPanel.h"
#include "gui/team/AgreementPanel.h"
#include "radmark/annotation/reports/LabelAnswer.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/storage/project/ReportStore.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace radmark::app {

TeamReviewWorkflow::TeamReviewWorkflow(MainWindow* window)
    : QObject(window)
    , m_window(window)
{
    m_session = new AdjudicationSession(this);
    m_adjudication = new AdjudicationPanel(m_session, window);
    m_agreement = new AgreementPanel(window);
    m_tabs = new QTabWidget(window);
    m_tabs->addTab(m_adjudication, tr("Adjudication"));
    m_tabs->addTab(m_agreement, tr("Agreement"));
    m_dock = new QDockWidget(tr("Adjudication"), window);
    m_dock->setObjectName("adjudicationDock");
    m_dock->setWidget(m_tabs);
    m_dock->setFeatures(
        QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    if (auto* report = window->findChild<QDockWidget*>("reportDock")) {
        window->tabifyDockWidget(report, m_dock);
        report->raise();
    }
    m_dock->hide(); // Team ▸ Adjudicate Disagreements / Reader Agreement show it

    // The Team menu (shared with the work list: whoever comes first makes it), before Help.
    QMenu* menu = window->menuBar()->findChild<QMenu*>("teamMenu");
    if (menu == nullptr) {
        menu = new QMenu(tr("&Team"), window->menuBar());
        menu->setObjectName("teamMenu");
        const auto menus = window->menuBar()->actions();
        window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.back(), menu);
    }
    m_adjudicate = menu->addAction(tr("&Adjudicate Disagreements"), this, &TeamReviewWorkflow::startAdjudication);
    m_adjudicate->setObjectName("adjudicateDisagreements");
    m_adjudicate->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_showAgreement = menu->addAction(tr("Reader A&greement"), this, [this] {
        m_dock->show();
        m_dock->raise();
        m_tabs->setCurrentWidget(m_agreement);
        m_agreement->compute(m_session->readings());
    });
    m_showAgreement->setObjectName("readerAgreement");

    connect(m_adjudication, &AdjudicationPanel::entrySelected, this, &TeamReviewWorkflow::showEntry);
    AdjudicationQueueTable* queue = m_adjudication->queueTable();
    connect(queue, &AdjudicationQueueTable::readerPicked, this, &TeamReviewWorkflow::pickReader);
    connect(queue, &AdjudicationQueueTable::noLesionPressed, this, &TeamReviewWorkflow::markNoLesion);
    connect(queue, &AdjudicationQueueTable::ownAnswerPressed, this, &TeamReviewWorkflow::cycleOwnLabelAnswer);
    connect(queue, &AdjudicationQueueTable::reopenPressed, this, &TeamReviewWorkflow::reopenLesion);
    connect(m_agreement, &AgreementPanel::refreshRequested, this, [this] {
        m_session->refresh();
        m_agreement->compute(m_session->readings());
    });
    connect(m_session, &AdjudicationSession::failed, this, &TeamReviewWorkflow::message);
    // Opening a series gives the slice view the focus; while adjudicating, the keys stay with the queue.
    connect(window, &MainWindow::seriesOpened, this, [this] {
        if (m_keepQueueFocus) {
            m_keepQueueFocus = false;
            m_adjudication->focusQueue();
        }
    });
    // Edits made elsewhere (a reviewer's own mark drawn with the tools, an undo) change the queue too.
    connect(window->annotations(), &AnnotationSession::documentChanged, this, &TeamReviewWorkflow::refreshSoon);
    connect(window->labelling()->session(), &LabelReviewSession::labelsChanged, this, &TeamReviewWorkflow::refreshSoon);
}

void TeamReviewWorkflow::openProject(storage::ProjectStore* project)
{
    m_project = project;
    m_session->openProject(project);
    m_adjudicate->setEnabled(m_session->isTeamProject());
    m_showAgreement->setEnabled(m_session->isTeamProject());
    m_window->sliceView()->setMarkAuthorColors({});
    if (m_tabs->currentWidget() == m_agreement && m_dock->isVisible()) {
        m_agreement->compute(m_session->readings());
    }
}

void TeamReviewWorkflow::startAdjudication()
{
    m_dock->show();
    m_dock->raise();
    m_tabs->setCurrentWidget(m_adjudication);
    // The queue and the readers' answers need height: the dock takes most of its column.
    if (auto* labels = m_window->findChild<QDockWidget*>("labelsDock")) {
        const int height = m_window->height();
        m_window->resizeDocks({ m_dock, labels }, { height * 62 / 100, height * 38 / 100 }, Qt::Vertical);
    }
    m_session->refresh();
    if (!m_adjudication->selectedEntry()
        || m_session->stateOf(*m_adjudication->selectedEntry()) != storage::ItemState::Disputed) {
        if (!m_adjudication->selectNextDisputed()) {
            message(m_session->isTeamProject()
                    ? tr("Nothing in dispute: every double-read answer agrees or is settled.")
                    : tr("Not a team project."));
        }
    }
    m_adjudication->focusQueue();
}

annotation::Author TeamReviewWorkflow::reviewer() const
{
    annotation::Author author = m_window->annotations()->document().currentAuthor();
    if (author.name.empty()) {
        author.name = "reviewer";
    }
    author.role = annotation::AuthorRole::Reviewer;
    return author;
}

void TeamReviewWorkflow::message(const QString& text)
{
    m_window->statusBar()->showMessage(text, 10000);
}

void TeamReviewWorkflow::refreshSoon()
{
    if (m_refreshPending) {
        return;
    }
    m_refreshPending = true;
    QTimer::singleShot(0, this, [this] {
        m_refreshPending = false;
        m_session->refresh();
    });
}

void TeamReviewWorkflow::showEntry(const AdjudicationSession::QueueEntry& entry)
{
    m_keepQueueFocus = m_dock->isVisible();
    const storage::StudyAdjudication& study = m_session->studyOf(entry);
    std::vector<std::pair<std::string, std::array<double, 3>>> colors;
    for (std::size_t reader = 0; reader < study.readers.size(); ++reader) {
        colors.push_back({ study.readers[reader], AdjudicationPanel::readerColor(reader) });
    }
    colors.push_back({ reviewer().name, AdjudicationPanel::reviewerColor() });
    m_window->sliceView()->setMarkAuthorColors(colors);
    if (const storage::LesionItem* lesion = m_session->lesionOf(entry)) {
        const annotation::LesionMark& mark = lesion->readerMarks.front();
        const QString series = QString::fromStdString(mark.slice.seriesUid);
        if (m_window->openSeriesUid() == series) {
            m_window->annotations()->revealMark(QString::fromStdString(mark.id));
        } else {
            emit m_window->annotations()->seriesWanted(series, QString::fromStdString(mark.id));
        }
    } else {
        m_window->labelling()->openStudy(study.studyId);
    }
    m_adjudication->focusQueue();
}

bool TeamReviewWorkflow::recordReviewerLabel(
    std::int64_t studyId, const std::string& label, const std::optional<int>& value, const std::string& choice)
{
    LabelReviewSession* labels = m_window->labelling()->session();
    const annotation::Author author = reviewer();
    // Through the label review when the label is in the schema: one undo history with the marks.
    if (labels->isEditable() && (labels->studyId() == studyId || labels->showStudy(studyId))) {
        const auto& rows = labels->rows();
        for (std::size_t index = 0; index < rows.size(); ++index) {
            if (rows[index].definition->name != label) {
                continue;
            }
            AnnotationSession* annotations = m_window->annotations();
            labels->setAuthorSource([author] { return author; });
            const bool written = labels->setAnswer(index, annotation::LabelAnswer { value, choice });
            labels->setAuthorSource([annotations] { return annotations->document().currentAuthor(); });
            if (written) {
                return true;
            }
            break; // the answer in force is this one already (a reader's): the reviewer's row is still needed
        }
    }
    if (m_project == nullptr || m_project->isReadOnly()) {
        message(tr("The project is read-only: the reviewer's answer cannot be recorded."));
        return false;
    }
    try {
        storage::ReportStore reports(*m_project);
        reports.addDecision(storage::LabelDecision { studyId, label, value, author.name,
            annotation::authorRoleName(author.role), annotation::systemTimeMs(), choice, 0, 0 });
    } catch (const std::exception& error) {
        message(QString::fromStdString(error.what()));
        return false;
    }
    labels->refresh();
    return true;
}

void TeamReviewWorkflow::removeReviewerMarks(const storage::LesionItem& lesion)
{
    for (const annotation::LesionMark& mark : lesion.reviewerMarks) {
        m_window->annotations()->deleteMark(QString::fromStdString(mark.id));
    }
}

void TeamReviewWorkflow::pickReader(int readerIndex)
{
    const auto entry = m_adjudication->selectedEntry();
    if (!entry || !m_session->isEditable()) {
        return;
    }
    const storage::StudyAdjudication& study = m_session->studyOf(*entry);
    if (readerIndex < 0 || static_cast<std::size_t>(readerIndex) >= study.readers.size()) {
        message(tr("This study has %1 readers: keys 1 to %1.").arg(study.readers.size()));
        return;
    }
    const std::string reader = study.readers[static_cast<std::size_t>(readerIndex)];
    if (const storage::LabelItem* label = m_session->labelOf(*entry)) {
        const std::string name = label->label;
        for (const storage::ReaderAnswer& answer : label->readers) {
            if (answer.author == reader) {
                const auto value = answer.value;
                const auto choice = answer.choice;
                if (recordReviewerLabel(study.studyId, name, value, choice)) {
                    message(
                        tr("%1: %2's answer taken.").arg(QString::fromStdString(name), QString::fromStdString(reader)));
                }
                m_session->refresh();
                m_adjudication->focusQueue();
                return;
            }
        }
        message(tr("%1 gave no answer to %2.").arg(QString::fromStdString(reader), QString::fromStdString(name)));
        return;
    }
    const storage::LesionItem lesion = *m_session->lesionOf(*entry);
    for (const annotation::LesionMark& mark : lesion.readerMarks) {
        if (mark.author.name != reader) {
            continue;
        }
        removeReviewerMarks(lesion);
        annotation::LesionMark copy = mark;
        copy.id.clear();
        copy.author = reviewer();
        copy.createdMs = 0;
        copy.modifiedMs = 0;
        copy.derivedFromRecistId.reset();
        const auto result = m_window->annotations()->document().addMark(copy);
        if (!result) {
            message(tr("Could not take the mark: %1").arg(QString::fromStdString(result.error)));
        } else {
            message(tr("Lesion: %1's mark taken as the reviewer's (edit it with the tools if needed).")
                        .arg(QString::fromStdString(reader)));
        }
        m_session->refresh();
        m_adjudication->focusQueue();
        return;
    }
    // That reader did not mark it: their answer is "no lesion".
    markNoLesion();
}

void TeamReviewWorkflow::markNoLesion()
{
    const auto entry = m_adjudication->selectedEntry();
    if (!entry || !m_session->isEditable()) {
        return;
    }
    const storage::LesionItem* lesion = m_session->lesionOf(*entry);
    if (lesion == nullptr) {
        message(tr("N is for lesions; for a label press 1, 2 or E."));
        return;
    }
    removeReviewerMarks(*lesion);
    m_session->rejectLesion(*entry, reviewer());
    message(tr("Lesion: no lesion (reviewer). Backspace reopens it."));
    m_adjudication->focusQueue();
}

void TeamReviewWorkflow::reopenLesion()
{
    const auto entry = m_adjudication->selectedEntry();
    if (!entry || !m_session->isEditable()) {
        return;
    }
    const storage::LesionItem* lesion = m_session->lesionOf(*entry);
    if (lesion == nullptr || !lesion->rejected) {
        return;
    }
    m_session->rejectLesion(*entry, reviewer(), true);
    message(tr("Lesion reopened for adjudication."));
    m_adjudication->focusQueue();
}

void TeamReviewWorkflow::cycleOwnLabelAnswer()
{
    const auto entry = m_adjudication->selectedEntry();
    if (!entry || !m_session->isEditable()) {
        return;
    }
    const storage::LabelItem* label = m_session->labelOf(*entry);
    if (label == nullptr) {
        message(tr("E is for labels; for a lesion take a reader's mark (1, 2) and edit it, or draw your own."));
        return;
    }
    const annotation::LabelSchema* schema = m_window->labelling()->session()->schema();
    const annotation::LabelDefinition* definition = nullptr;
    for (const auto& candidate : schema != nullptr ? schema->labels : std::vector<annotation::LabelDefinition> {}) {
        if (candidate.name == label->label) {
            definition = &candidate;
        }
    }
    if (definition == nullptr) {
        message(tr("%1 is not in the project's label schema: take a reader's answer (1, 2).")
                    .arg(QString::fromStdString(label->label)));
        return;
    }
    const storage::ReaderAnswer& current = label->reviewer ? *label->reviewer : label->readers.front();
    const annotation::LabelAnswer next
        = annotation::nextAnswer(*definition, annotation::LabelAnswer { current.value, current.choice });
    const std::int64_t studyId = m_session->studyOf(*entry).studyId;
    recordReviewerLabel(studyId, label->label, next.value, next.choice);
    m_session->refresh();
    m_adjudication->focusQueue();
}

} // namespace radmark::app
