#pragma once

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/AnnotationTool.h"
#include "radmark/annotation/ImageVolume.h"
#include "radmark/viewer/SliceOverlayText.h"
#include "radmark/viewer/VtkOpenGLWidget.h"

#include <QString>

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace radmark::viewer {

class SliceRenderer;

// The on-screen slice view: a QOpenGLWidget hosting VTK (see ARCHITECTURE.md for why not VTK's
// own Qt widget). Mouse wheel and arrow / Page Up / Page Down (10 slices) / Home / End scroll
// (wheel down, Down and Page Down go to higher slice indices); right-drag
// changes window/level; Ctrl+wheel zooms; middle-drag pans; number keys select CT presets
// and 0 the header window; F fits; I toggles identifying text; O toggles the overlay; H toggles the
// saliency map layer.
//
// Lesion marks: the widget draws the marks of an AnnotationDocument it never changes itself. With
// an active tool, left press / move / release go to the tool in continuous pixel coordinates of the
// shown slice (the tool's draft is drawn on every move); Escape cancels the gesture. With the
// EditTool active a press on a mark selects it (markSelected). Hovering a mark highlights it
// (hoveredMarkChanged); Delete asks for the selected mark to be deleted (deleteSelectedRequested).
// Selection and hover live here, keyed by mark id; the document holds neither.
class SliceViewWidget : public VtkOpenGLWidget {
    Q_OBJECT
public:
    explicit SliceViewWidget(QWidget* parent = nullptr);
    ~SliceViewWidget() override;

    void setVolume(std::shared_ptr<const annotation::ImageVolume> volume, const SliceOverlayText& text);
    void clearVolume();
    SliceRenderer& sliceRenderer();

    int sliceIndex() const;
    void setSliceIndex(int k);
    void setWindowLevel(const annotation::WindowLevel& window);
    void applyPresetKey(char key); // '0'..'7'
    void fitToWindow();
    void setIdentifyingTextVisible(bool visible);
    void setOverlayVisible(bool visible);
    annotation::WindowLevel windowLevel() const;

    // The document whose marks are shown (null: none); it must outlive its use here. Call
    // markOverlayChanged() after every change of it (undo, redo, edits from panels, loading).
    void setAnnotationDocument(const annotation::AnnotationDocument* document);
    void markOverlayChanged();
    // What the shown volume's slices are: its series UID, and per slice index k (sorted order) the SOP
    // Instance UID and frame index of the image. Needed before a tool creates marks; the series UID also
    // selects which marks are shown. Call after setVolume (a new volume keeps them only if the slice
    // count matches).
    void setSliceReferences(const std::string& seriesUid, const std::vector<std::string>& sopInstanceUidPerSlice,
        const std::vector<int>& framePerSlice);
    // The context a tool needs for the shown slice (reference, plane, size, slice count).
    annotation::SliceContext sliceContext() const;
    // nullptr: plain viewing (left drag does nothing special). The tool is not owned; a gesture in
    // progress on the previous tool is cancelled.
    void setActiveTool(annotation::AnnotationTool* tool);
    annotation::AnnotationTool* activeTool() const;
    void setSelectedMarkId(const QString& markId); // empty: none; emits nothing
    // Comparing readers (adjudication): each listed author's marks in one colour (RGB 0..1), named; empty: by shape.
    void setMarkAuthorColors(const std::vector<std::pair<std::string, std::array<double, 3>>>& colors);
    QString selectedMarkId() const;
    QString hoveredMarkId() const;
    // Hover and pick tolerance in screen pixels (converted to image pixels with the zoom).
    static double pickTolerancePx();

signals:
    void sliceChanged(int sliceIndex, int sliceCount);
    void windowLevelChanged(double width, double level);
    // A one-line readout of the voxel under the mouse ("(i, j)  Slice 3 / 72  x, y, z mm  -35 HU", the stored
    // column and row, the slice 1-based), empty outside.
    void hoverReadoutChanged(const QString& readout);
    // A press of the EditTool selected this mark (empty: the press hit no mark, selection cleared).
    void markSelected(const QString& markId);
    void hoveredMarkChanged(const QString& markId); // empty: no mark under the pointer
    // Delete was pressed while a mark is selected; the owner of the document deletes it.
    void deleteSelectedRequested();

protected:
    void initializeGL() override;
    void resizeGL(int widthPx, int heightPx) override;
    void paintGL() override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void syncToolSlice();
    void refreshDraft();
    void updateHover(const annotation::PixelPoint& pointPx);

    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace radmark::viewer
