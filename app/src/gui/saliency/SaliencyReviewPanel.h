#pragma once

#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/LesionMark.h"
#include "radmark/annotation/UndoStack.h"
#include "radmark/annotation/saliency/SaliencyVerdict.h"
#include "radmark/storage/project/SaliencyStore.h"

#include <QWidget>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMainWindow;
class QPushButton;
class QToolButton;

namespace radmark::storage {
class ProjectStore;
struct LoadedSeries;
} // namespace radmark::storage
namespace radmark::viewer {
class SliceViewWidget;
}

namespace radmark::app {

class SaliencyDisplayControls;
class SaliencyReviewSession;
class SaliencyReviewTable;

// The saliency review of a project: the list of every map with its checks (worst first), the map
// of the open series over the slice view, its model / class / score, and the reviewer's verdict
// and note. Keyboard-driven: P plausible, N implausible, T artefact or burned-in text, X outside
// the body, U unsure, Enter saves and opens the next map of the list (loading its study), M shows
// the next map of the same series, H hides / shows the overlay (remembered per project). After Enter the
// keyboard focus is in the slice view, so the next verdict key is a verdict, not a letter of the note.
//
// The panel draws; its SaliencyReviewSession holds the maps, reads and places map files on worker threads
// (while the next study's series loads, when the list asked for it), runs and caches the checks, and saves
// verdicts as commands on the window's undo stack (Ctrl+Z undoes a saved verdict). GUI thread only.
class SaliencyReviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit SaliencyReviewPanel(annotation::UndoStack& undoStack, QWidget* parent = nullptr);
    ~SaliencyReviewPanel() override;

    // The slice view whose overlay shows the maps; the window that gets the shortcuts and the compare
    // dock; where the reviewer's name and role come from (the annotation author).
    void attach(viewer::SliceViewWidget* view, QMainWindow* window, std::function<annotation::Author()> reviewer);
    void openProject(storage::ProjectStore* project); // nullptr: none
    // The window shows this series now (the slice view has its volume).
    void showSeries(const QString& seriesUid, const storage::LoadedSeries& series);

    // Shows a map: its series is asked for first (seriesWanted) when another series is open.
    void showMap(std::int64_t mapId);
    void setVerdict(annotation::SaliencyVerdict verdict);
    bool saveReview(); // the current map's verdict and note; false (with a message) without a verdict
    void saveAndNext();
    void showNextMapOfSeries();

    std::int64_t currentMapId() const { return m_currentMapId; }
    SaliencyReviewSession* session() const { return m_session; }
    SaliencyReviewTable* table() const { return m_table; }
    SaliencyDisplayControls* controls() const { return m_controls; }
    QLineEdit* noteEdit() const { return m_note; }
    // Display, other maps, compare: folded away under this button until it is pressed.
    QToolButton* displayToggle() const { return m_displayToggle; }
    QWidget* displaySection() const { return m_displaySection; }
    QList<QAction*> reviewActions() const { return m_actions; }
    // View ▸ Saliency Overlay (H): checked while maps are drawn over the slice.
    QAction* overlayAction() const { return m_overlayAction; }
    void setOverlayVisible(bool visible);
    viewer::SliceViewWidget* compareView() const { return m_compareView; }
    void refreshList();

signals:
    void seriesWanted(const QString& seriesUid);
    void mapShown(qint64 mapId); // the map is on screen
    void checksUpdated(qint64 mapId); // its checks were computed and stored
    void message(const QString& text);

private:
    void displayMap(std::int64_t mapId);
    void applyMap(std::int64_t mapId);
    void drawMap(std::int64_t mapId); // the overlay of a placed map (again, once its values are complete)
    void showChecks(std::int64_t mapId);
    void showReview(std::int64_t mapId);
    void updateSummary();
    void updateDetails();
    void fillMapChoices();
    void applyOptions();
    void updateCompareView();

    SaliencyReviewSession* m_session = nullptr;
    viewer::SliceViewWidget* m_view = nullptr;
    QMainWindow* m_window = nullptr;
    std::function<annotation::Author()> m_reviewer;

    QString m_seriesUid;
    std::shared_ptr<const annotation::ImageVolume> m_seriesVolume;
    std::int64_t m_currentMapId = 0;
    std::int64_t m_pendingMapId = 0; // asked for while its series loads
    std::optional<annotation::SaliencyVerdict> m_verdict; // chosen, not saved yet

    SaliencyReviewTable* m_table = nullptr;
    SaliencyDisplayControls* m_controls = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_details = nullptr;
    QLabel* m_warnings = nullptr;
    QComboBox* m_mapChoice = nullptr;
    QButtonGroup* m_verdicts = nullptr;
    QLineEdit* m_note = nullptr;
    QLabel* m_reviewInfo = nullptr;
    QPushButton* m_saveNext = nullptr;
    QCheckBox* m_compare = nullptr;
    QToolButton* m_displayToggle = nullptr;
    QWidget* m_displaySection = nullptr;
    QComboBox* m_compareChoice = nullptr;
    QDockWidget* m_compareDock = nullptr;
    viewer::SliceViewWidget* m_compareView = nullptr;
    QList<QAction*> m_actions;
    QAction* m_overlayAction = nullptr;
    bool m_overlayVisible = true;
};

} // namespace radmark::app
