#include "gui/WorkListPanel.h"

#include "gui/AnnotationSession.h"
#include "gui/AuthorSettingsDialog.h"
#include "gui/LabelReviewSession.h"
#include "gui/LabellingWorkflow.h"
#include "gui/MainWindow.h"
#include "radmark/storage/MarkStore.h"
#include "radmark/storage/ProjectStore.h"

#include <QAction>

#include <QDockWidget>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

namespace radmark::app {

namespace {

enum Column { Position, Status, Study, Labels, Marks, ColumnCount };

// Enter on a row opens its study (the tree's own Enter only edits or expands).
class WorkListTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;
    std::function<void(int)> onEnter;

protected:
    void keyPressEvent(QKeyEvent* event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && onEnter && currentItem()) {
            onEnter(indexOfTopLevelItem(currentItem()));
            event->accept();
            return;
        }
        QTreeWidget::keyPressEvent(event);
    }
};

} // namespace

WorkListPanel::WorkListPanel(MainWindow* window)
    : QWidget(window)
    , m_window(window)
{
    setObjectName("workListPanel");
    m_summary = new QLabel(this);
    m_summary->setObjectName("workListSummary");
    m_summary->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(true);
    auto* tree = new WorkListTree(this);
    tree->onEnter = [this](int row) { openRow(row); };
    m_list = tree;
    m_list->setObjectName("workList");
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({ tr("#"), tr("Status"), tr("Study"), tr("Labels"), tr("Marks") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    // The short columns as wide as their text, the study takes the rest (its description in the tooltip).
    m_list->header()->setStretchLastSection(false);
    for (const int column : { Position, Status, Labels, Marks }) {
        m_list->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    m_list->header()->setSectionResizeMode(Study, QHeaderView::Stretch);
    connect(m_list, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem* item) { openRow(m_list->indexOfTopLevelItem(item)); });

    m_nextAction = new QAction(tr("Open Next Study To Do"), this);
    m_nextAction->setObjectName("workListNextToDo");
    m_nextAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_nextAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_nextAction, &QAction::triggered, this, [this] {
        if (!openNextToDo() && m_project != nullptr) {
            m_window->statusBar()->showMessage(tr("Work list: every study is done"), 8000);
        }
    });
    window->addAction(m_nextAction);
    m_nextButton = new QPushButton(tr("Next to Do (Ctrl+J)"), this);
    connect(m_nextButton, &QPushButton::clicked, m_nextAction, &QAction::trigger);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_nextButton);
}

void WorkListPanel::openProject(storage::ProjectStore* project)
{
    m_project = nullptr;
    m_annotator.clear();
    m_items.clear();
    std::optional<annotation::Author> fileAuthor;
    if (project != nullptr) {
        try {
            const auto identity = storage::teamIdentity(*project);
            if (identity && identity->isAnnotatorFile()) {
                m_project = project;
                m_annotator = identity->annotatorName;
                fileAuthor = storage::MarkStore(*project).defaultAuthor();
            }
        } catch (const std::exception&) {
            // A project without the team tables (read-only, older schema): no work list.
        }
    }
    // Marks and labels entered in an annotator file carry the annotator's name, whoever's desktop it is.
    annotation::AnnotationDocument& document = m_window->annotations()->document();
    if (fileAuthor) {
        document.setCurrentAuthor(*fileAuthor);
        m_authorFromFile = true;
        m_window->statusBar()->showMessage(tr("Annotator file of %1: marks and labels are recorded as %1 (%2)")
                                               .arg(QString::fromStdString(fileAuthor->name),
                                                   QString::fromUtf8(annotation::authorRoleName(fileAuthor->role))),
            15000);
    } else if (m_authorFromFile) {
        document.setCurrentAuthor(AuthorSettingsDialog::loadAuthor());
        m_authorFromFile = false;
    }
    m_nextAction->setEnabled(m_project != nullptr);
    if (m_dock != nullptr) {
        m_dock->setVisible(m_project != nullptr);
        if (m_project != nullptr) {
            m_dock->raise();
        }
    }
    refresh();
}

void WorkListPanel::refresh()
{
    m_items.clear();
    if (m_project != nullptr) {
        try {
            m_items = storage::workList(*m_project, m_annotator);
        } catch (const std::exception& error) {
            m_window->statusBar()->showMessage(tr("Cannot read the work list: %1").arg(error.what()), 15000);
        }
    }
    fill();
}

QString WorkListPanel::progressText() const
{
    const auto done = static_cast<int>(
        std::count_if(m_items.begin(), m_items.end(), [](const storage::WorkItem& item) { return item.done; }));
    return tr("%1: %2 of %3 done, %4 to do")
        .arg(QString::fromStdString(m_annotator))
        .arg(done)
        .arg(m_items.size())
        .arg(static_cast<int>(m_items.size()) - done);
}

void WorkListPanel::fill()
{
    const int currentRow = m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
    m_list->clear();
    int done = 0;
    for (std::size_t index = 0; index < m_items.size(); ++index) {
        const storage::WorkItem& item = m_items[index];
        done += item.done ? 1 : 0;
        QString study = QString::fromStdString(item.accessionNumber.empty() ? item.studyUid : item.accessionNumber);
        if (!item.studyDescription.empty()) {
            study += QStringLiteral(" · ") + QString::fromStdString(item.studyDescription);
        }
        const QString tooltip = study + QStringLiteral("\n") + QString::fromStdString(item.studyUid);
        auto* row = new QTreeWidgetItem(m_list);
        row->setText(Position, QString::number(index + 1));
        row->setText(Study, study);
        row->setToolTip(Study, tooltip);
        row->setText(Labels,
            item.labelsTotal > 0 ? QStringLiteral("%1/%2").arg(item.labelsDecided).arg(item.labelsTotal)
                                 : QStringLiteral("–"));
        row->setText(Marks, QString::number(item.marks));
        row->setText(Status, item.done ? tr("Done") : tr("To do"));
        row->setData(Position, Qt::UserRole, static_cast<qlonglong>(item.studyId));
        if (item.done) {
            for (int column = 0; column < ColumnCount; ++column) {
                row->setForeground(column, palette().brush(QPalette::Disabled, QPalette::Text));
            }
        }
    }
    m_summary->setText(m_project ? progressText() : tr("No work list: open an annotator file of a team project."));
    m_progress->setRange(0, std::max<int>(1, static_cast<int>(m_items.size())));
    m_progress->setValue(done);
    m_progress->setFormat(QStringLiteral("%v / %m"));
    m_nextButton->setEnabled(m_project != nullptr && done < static_cast<int>(m_items.size()));
    if (currentRow >= 0 && currentRow < m_list->topLevelItemCount()) {
        m_list->setCurrentItem(m_list->topLevelItem(currentRow));
    }
}

void WorkListPanel::openRow(int row)
{
    if (row < 0 || row >= static_cast<int>(m_items.size())) {
        return;
    }
    m_list->setCurrentItem(m_list->topLevelItem(row));
    m_window->labelling()->openStudy(m_items[static_cast<std::size_t>(row)].studyId);
}

bool WorkListPanel::openNextToDo()
{
    if (m_project == nullptr || m_items.empty()) {
        return false;
    }
    // From the top while no images are open; else after the study shown (or the current row), wrapping round.
    int start = -1;
    if (!m_window->openSeriesUid().isEmpty()) {
        start = m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
        const qint64 shown = m_window->labelling()->session()->studyId();
        for (std::size_t index = 0; index < m_items.size(); ++index) {
            if (m_items[index].studyId == shown) {
                start = static_cast<int>(index);
            }
        }
    }
    const int count = static_cast<int>(m_items.size());
    for (int step = 1; step <= count; ++step) {
        const int row = (start + step + count) % count;
        if (!m_items[static_cast<std::size_t>(row)].done) {
            openRow(row);
            return true;
        }
    }
    return false;
}

WorkListPanel* addWorkListDock(MainWindow* window)
{
    auto* panel = new WorkListPanel(window);
    auto* dock = new QDockWidget(QObject::tr("Work List"), window);
    dock->setObjectName("workListDock");
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::LeftDockWidgetArea, dock);
    if (auto* browserDock = window->findChild<QDockWidget*>("browserDock")) {
        window->tabifyDockWidget(browserDock, dock);
    }
    dock->hide();
    panel->m_dock = dock;
    QObject::connect(
        window->labelling()->session(), &LabelReviewSession::statesChanged, panel, &WorkListPanel::refresh);
    QObject::connect(window->annotations(), &AnnotationSession::documentChanged, panel, &WorkListPanel::refresh);
    // The row of the study shown follows the label workflow.
    QObject::connect(window->labelling()->session(), &LabelReviewSession::studyShown, panel, [panel](qint64 studyId) {
        for (std::size_t index = 0; index < panel->items().size(); ++index) {
            if (panel->items()[index].studyId == studyId) {
                panel->list()->setCurrentItem(panel->list()->topLevelItem(static_cast<int>(index)));
            }
        }
    });
    return panel;
}

} // namespace radmark::app
