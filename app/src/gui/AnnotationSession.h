#pragma once

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/LesionTypeList.h"
#include "radmark/annotation/UndoStack.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QWidget;

namespace radmark::annotation {
class AnnotationTool;
class EditTool;
class RecistTool;
class LineTool;
class Box2dTool;
class Box3dTool;
} // namespace radmark::annotation
namespace radmark::storage {
class MarkStore;
class ProjectStore;
struct LoadedSeries;
} // namespace radmark::storage
namespace radmark::viewer {
class SliceViewWidget;
}

namespace radmark::app {

class MarksPanel;

// The labelling state of an open project: the lesion-mark document, the drawing tools, undo/redo,
// and the author. Every committed change is written to the project at once (one transaction per
// command), so a crash loses nothing that was committed. GUI thread only.
class AnnotationSession : public QObject {
    Q_OBJECT
public:
    enum class ToolKind { View, Edit, Recist, Line, Box2d, Box3d };

    explicit AnnotationSession(QWidget* parentWidget);
    ~AnnotationSession() override;

    // Loads the project's marks (nullptr: no project). A read-only project shows marks but refuses edits.
    void openProject(storage::ProjectStore* project);

    annotation::AnnotationDocument& document() { return *m_document; }
    const annotation::LesionTypeList& lesionTypes() const { return m_lesionTypes; }
    annotation::AnnotationTool* activeTool() const;
    ToolKind activeToolKind() const { return m_activeKind; }
    void setActiveTool(ToolKind kind);
    void setNewMarkLesionType(int lesionType);
    bool isEditable() const;

    // Menu/toolbar actions, created once.
    QActionGroup* toolActions() const { return m_toolGroup; }
    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }
    QAction* authorAction() const { return m_authorAction; }
    QAction* lesionTypesAction() const { return m_lesionTypesAction; }
    QComboBox* lesionTypeCombo() const { return m_lesionTypeCombo; }
    // The window's one undo history (marks, label decisions, saliency verdicts); Edit ▸ Undo/Redo act on it.
    annotation::UndoStack& undoStack() { return m_undoStack; }

    // Deletes a mark as one undoable command.
    bool deleteMark(const QString& markId);

    // Connects the slice view (drawing, tools, selection) and the marks list to the document.
    void attach(viewer::SliceViewWidget* view, MarksPanel* panel);
    // A series is shown: gives the view its slice references and the list the series of its study.
    void showSeries(
        const QString& seriesUid, const storage::LoadedSeries& series, const QSet<QString>& studySeriesUids);
    // Shows a mark of the shown series: its slice, selected.
    void revealMark(const QString& markId);

signals:
    void documentChanged();
    // A mark of another series was asked for; the window opens that series, then calls revealMark.
    void seriesWanted(const QString& seriesUid, const QString& markId);
    void activeToolChanged(annotation::AnnotationTool* tool);
    // A change could not be saved: the message names the project and the reason.
    void saveFailed(const QString& message);

private:
    void onDocumentChange(const annotation::DocumentChange& change);
    void updateUndoActions();
    void chooseAuthor();
    void editLesionTypes();
    void fillLesionTypeCombo();
    QAction* addToolAction(const QString& text, const QString& shortcut, ToolKind kind, const QString& tip);

    QWidget* m_parentWidget = nullptr;
    viewer::SliceViewWidget* m_view = nullptr;
    MarksPanel* m_panel = nullptr;
    QString m_shownSeriesUid;
    annotation::UndoStack m_undoStack; // the one history of marks, labels and verdicts
    std::unique_ptr<annotation::AnnotationDocument> m_document;
    std::unique_ptr<storage::MarkStore> m_store;
    storage::ProjectStore* m_project = nullptr;
    annotation::LesionTypeList m_lesionTypes;
    std::unique_ptr<annotation::EditTool> m_editTool;
    std::unique_ptr<annotation::RecistTool> m_recistTool;
    std::unique_ptr<annotation::LineTool> m_lineTool;
    std::unique_ptr<annotation::Box2dTool> m_box2dTool;
    std::unique_ptr<annotation::Box3dTool> m_box3dTool;
    ToolKind m_activeKind = ToolKind::View;
    int m_newMarkLesionType = annotation::kUnknownLesionType;

    QActionGroup* m_toolGroup = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    QAction* m_authorAction = nullptr;
    QAction* m_lesionTypesAction = nullptr;
    QComboBox* m_lesionTypeCombo = nullptr;
};

} // namespace radmark::app
