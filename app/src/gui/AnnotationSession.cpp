#include "gui/AnnotationSession.h"

#include "gui/AuthorSettingsDialog.h"
#include "gui/LesionTypesDialog.h"
#include "gui/MarksPanel.h"
#include "radmark/annotation/Box2dTool.h"
#include "radmark/annotation/Box3dTool.h"
#include "radmark/annotation/EditTool.h"
#include "radmark/annotation/LineTool.h"
#include "radmark/annotation/RecistTool.h"
#include "radmark/storage/imageio/SeriesLoader.h"
#include "radmark/storage/project/MarkStore.h"
#include "radmark/storage/project/ProjectStore.h"
#include "radmark/viewer/SliceViewWidget.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QKeySequence>
#include <QWidget>

namespace radmark::app {

AnnotationSession::AnnotationSession(QWidget* parentWidget)
    : QObject(parentWidget)
    , m_parentWidget(parentWidget)
    , m_document(std::make_unique<annotation::AnnotationDocument>(AuthorSettingsDialog::loadAuthor()))
    , m_lesionTypes(annotation::LesionTypeList::deepLesionDefaults())
{
    m_document->useUndoStack(m_undoStack);
    m_editTool = std::make_unique<annotation::EditTool>(*m_document);
    m_recistTool = std::make_unique<annotation::RecistTool>(*m_document);
    m_lineTool = std::make_unique<annotation::LineTool>(*m_document);
    m_box2dTool = std::make_unique<annotation::Box2dTool>(*m_document);
    m_box3dTool = std::make_unique<annotation::Box3dTool>(*m_document, 2, 2);
    m_document->addObserver([this](const annotation::DocumentChange& change) { onDocumentChange(change); });

    m_toolGroup = new QActionGroup(this);
    m_toolGroup->setExclusive(true);
    addToolAction(tr("View"), "V", ToolKind::View, tr("Scroll and window only (V)"))->setChecked(true);
    addToolAction(tr("Select"), "S", ToolKind::Edit, tr("Select, move handles or whole marks; Delete removes (S)"));
    addToolAction(tr("RECIST"), "R", ToolKind::Recist,
        tr("RECIST: drag the long axis, then drag once more for the short-axis width (R)"));
    addToolAction(tr("Line"), "L", ToolKind::Line, tr("Line with its length in mm (L)"));
    addToolAction(tr("Box"), "B", ToolKind::Box2d, tr("2D box on this slice (B)"));
    addToolAction(tr("3D box"), "Shift+B", ToolKind::Box3d, tr("3D box over this slice ±2 slices (Shift+B)"));

    m_undo = new QAction(tr("&Undo"), this);
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = new QAction(tr("&Redo"), this);
    // Both usual redo keys, each once (QKeySequence::Redo is Ctrl+Shift+Z on X11: listing it too bound that
    // key twice, and Qt then triggers neither).
    m_redo->setShortcuts({ QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y) });
    m_undoStack.addObserver([this] { updateUndoActions(); });
    connect(m_undo, &QAction::triggered, this, [this] {
        if (isEditable()) {
            m_undoStack.undo();
        }
    });
    connect(m_redo, &QAction::triggered, this, [this] {
        if (isEditable()) {
            m_undoStack.redo();
        }
    });
    m_authorAction = new QAction(tr("&Author…"), this);
    connect(m_authorAction, &QAction::triggered, this, &AnnotationSession::chooseAuthor);
    m_lesionTypesAction = new QAction(tr("Lesion &Types…"), this);
    connect(m_lesionTypesAction, &QAction::triggered, this, &AnnotationSession::editLesionTypes);

    m_lesionTypeCombo = new QComboBox(parentWidget);
    m_lesionTypeCombo->setObjectName("lesionTypeCombo");
    m_lesionTypeCombo->setToolTip(tr("Lesion type given to new marks"));
    for (const auto& type : m_lesionTypes.types()) {
        m_lesionTypeCombo->addItem(QString::fromStdString(type.name), type.code);
    }
    m_lesionTypeCombo->setCurrentIndex(m_lesionTypeCombo->findData(annotation::kUnknownLesionType));
    // The type applies to new marks and, when one is selected, to the selected mark (one command).
    connect(m_lesionTypeCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
        const int type = m_lesionTypeCombo->itemData(index).toInt();
        setNewMarkLesionType(type);
        const QString selected = m_view != nullptr ? m_view->selectedMarkId() : QString();
        const annotation::LesionMark* mark = m_document->find(selected.toStdString());
        if (isEditable() && mark != nullptr && mark->lesionType != type) {
            m_document->setLesionType(selected.toStdString(), type);
        }
    });
    updateUndoActions();
}

AnnotationSession::~AnnotationSession() = default;

QAction* AnnotationSession::addToolAction(
    const QString& text, const QString& shortcut, ToolKind kind, const QString& tip)
{
    QAction* action = m_toolGroup->addAction(text);
    action->setCheckable(true);
    action->setShortcut(QKeySequence(shortcut));
    action->setToolTip(tip);
    action->setData(static_cast<int>(kind));
    connect(action, &QAction::triggered, this, [this, kind] { setActiveTool(kind); });
    return action;
}

void AnnotationSession::openProject(storage::ProjectStore* project)
{
    m_project = project;
    m_store.reset();
    std::vector<annotation::LesionMark> marks;
    if (project != nullptr) {
        m_store = std::make_unique<storage::MarkStore>(*project);
        marks = m_store->loadMarks();
        m_lesionTypes = m_store->lesionTypes();
    }
    fillLesionTypeCombo();
    m_document->reset(std::move(marks));
    setActiveTool(ToolKind::View);
    updateUndoActions();
    emit documentChanged();
}

bool AnnotationSession::isEditable() const
{
    return m_project != nullptr && !m_project->isReadOnly();
}

annotation::AnnotationTool* AnnotationSession::activeTool() const
{
    switch (m_activeKind) {
    case ToolKind::View:
        return nullptr;
    case ToolKind::Edit:
        return m_editTool.get();
    case ToolKind::Recist:
        return m_recistTool.get();
    case ToolKind::Line:
        return m_lineTool.get();
    case ToolKind::Box2d:
        return m_box2dTool.get();
    case ToolKind::Box3d:
        return m_box3dTool.get();
    }
    return nullptr;
}

void AnnotationSession::setActiveTool(ToolKind kind)
{
    if (annotation::AnnotationTool* previous = activeTool()) {
        previous->cancel();
    }
    m_activeKind = isEditable() ? kind : ToolKind::View;
    for (QAction* action : m_toolGroup->actions()) {
        action->setChecked(action->data().toInt() == static_cast<int>(m_activeKind));
    }
    if (annotation::AnnotationTool* tool = activeTool()) {
        tool->setLesionType(m_newMarkLesionType);
    }
    emit activeToolChanged(activeTool());
}

void AnnotationSession::setNewMarkLesionType(int lesionType)
{
    m_newMarkLesionType = lesionType;
    if (annotation::AnnotationTool* tool = activeTool()) {
        tool->setLesionType(lesionType);
    }
}

bool AnnotationSession::deleteMark(const QString& markId)
{
    return isEditable() && m_document->deleteMark(markId.toStdString()).applied;
}

void AnnotationSession::attach(viewer::SliceViewWidget* view, MarksPanel* panel)
{
    m_view = view;
    m_panel = panel;
    view->setAnnotationDocument(m_document.get());
    connect(this, &AnnotationSession::activeToolChanged, view, &viewer::SliceViewWidget::setActiveTool);
    connect(this, &AnnotationSession::documentChanged, view, [this] {
        m_view->markOverlayChanged();
        m_panel->refresh();
    });
    connect(view, &viewer::SliceViewWidget::markSelected, panel, &MarksPanel::setSelectedMarkId);
    // Selecting a mark shows its type in the combo (without changing anything).
    connect(view, &viewer::SliceViewWidget::markSelected, this, [this](const QString& markId) {
        if (const annotation::LesionMark* mark = m_document->find(markId.toStdString())) {
            m_lesionTypeCombo->blockSignals(true);
            m_lesionTypeCombo->setCurrentIndex(std::max(0, m_lesionTypeCombo->findData(mark->lesionType)));
            m_lesionTypeCombo->blockSignals(false);
            setNewMarkLesionType(mark->lesionType);
        }
    });
    connect(view, &viewer::SliceViewWidget::deleteSelectedRequested, this, [this] {
        const QString selected = m_view->selectedMarkId();
        if (!selected.isEmpty()) {
            deleteMark(selected);
        }
    });
    connect(panel, &MarksPanel::markActivated, this, [this](const QString& markId, const QString& seriesUid, int) {
        if (seriesUid == m_shownSeriesUid) {
            revealMark(markId);
        } else {
            emit seriesWanted(seriesUid, markId);
        }
    });
}

void AnnotationSession::showSeries(
    const QString& seriesUid, const storage::LoadedSeries& series, const QSet<QString>& studySeriesUids)
{
    m_shownSeriesUid = seriesUid;
    std::vector<std::string> sopInstanceUids;
    std::vector<int> frames;
    for (const auto& source : series.sliceSources) {
        sopInstanceUids.push_back(source.sopInstanceUid);
        frames.push_back(source.frameIndex);
    }
    m_view->setSliceReferences(seriesUid.toStdString(), sopInstanceUids, frames);
    m_view->setActiveTool(activeTool());
    m_panel->setSource(m_document.get(), studySeriesUids, m_lesionTypes);
}

void AnnotationSession::revealMark(const QString& markId)
{
    const annotation::LesionMark* mark = m_document->find(markId.toStdString());
    if (mark == nullptr || QString::fromStdString(mark->slice.seriesUid) != m_shownSeriesUid) {
        return;
    }
    m_view->setSliceIndex(mark->slice.sliceIndex);
    m_view->setSelectedMarkId(markId);
    m_panel->setSelectedMarkId(markId);
}

void AnnotationSession::onDocumentChange(const annotation::DocumentChange& change)
{
    if (m_store) {
        try {
            m_store->applyChange(change, *m_document);
        } catch (const std::exception& error) {
            emit saveFailed(QString::fromStdString(error.what()));
        }
    }
    updateUndoActions();
    emit documentChanged();
}

void AnnotationSession::updateUndoActions()
{
    const bool editable = isEditable();
    m_undo->setEnabled(editable && m_undoStack.canUndo());
    m_redo->setEnabled(editable && m_undoStack.canRedo());
    m_undo->setText(
        m_undoStack.canUndo() ? tr("&Undo %1").arg(QString::fromStdString(m_undoStack.undoText())) : tr("&Undo"));
    m_redo->setText(
        m_undoStack.canRedo() ? tr("&Redo %1").arg(QString::fromStdString(m_undoStack.redoText())) : tr("&Redo"));
    for (QAction* action : m_toolGroup->actions()) {
        action->setEnabled(editable || action->data().toInt() == static_cast<int>(ToolKind::View));
    }
}

void AnnotationSession::fillLesionTypeCombo()
{
    m_lesionTypeCombo->blockSignals(true);
    m_lesionTypeCombo->clear();
    for (const auto& type : m_lesionTypes.types()) {
        m_lesionTypeCombo->addItem(QString::fromStdString(type.name), type.code);
    }
    m_lesionTypeCombo->setCurrentIndex(std::max(0, m_lesionTypeCombo->findData(m_newMarkLesionType)));
    m_lesionTypeCombo->blockSignals(false);
}

void AnnotationSession::editLesionTypes()
{
    if (!m_store || !isEditable()) {
        return;
    }
    std::vector<int> codesInUse;
    for (const auto& mark : m_document->marks()) {
        codesInUse.push_back(mark.lesionType);
    }
    LesionTypesDialog dialog(m_lesionTypes, codesInUse, m_parentWidget);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    try {
        m_store->setLesionTypes(dialog.lesionTypes());
        m_lesionTypes = dialog.lesionTypes();
    } catch (const std::exception& error) {
        emit saveFailed(QString::fromStdString(error.what()));
        return;
    }
    fillLesionTypeCombo();
    if (m_panel != nullptr) {
        m_panel->setLesionTypes(m_lesionTypes);
    }
}

void AnnotationSession::chooseAuthor()
{
    AuthorSettingsDialog dialog(m_document->currentAuthor(), m_parentWidget);
    if (dialog.exec() == QDialog::Accepted) {
        const annotation::Author author = dialog.author();
        AuthorSettingsDialog::saveAuthor(author);
        m_document->setCurrentAuthor(author);
    }
}

} // namespace radmark::app
