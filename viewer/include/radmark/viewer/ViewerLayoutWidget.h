#pragma once

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/MprPlane.h"
#include "radmark/viewer/SliceOverlayText.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <memory>
#include <string>

class QAction;

namespace radmark::viewer {

class MprViewWidget;
class SliceViewWidget;
class VolumeViewWidget;

enum class ViewerLayout { Single, ThreePlanes, PlanesAnd3d }; // 1x1, 1x3, 2x2

// The central viewing area: the annotation slice view alone (1x1, the acquired slices with marks and
// tools), the axial / coronal / sagittal MPR views side by side (1x3), or the three planes and the 3D
// view (2x2). The MPR views share one PlaneResampler of the loaded volume and a linked crosshair
// (click or drag in one view moves the others; scrolling in one moves its plane); window/level is
// linked across views unless unlinked. Leaving an MPR layout shows the acquired slice nearest to the
// crosshair in the slice view; entering one puts the crosshair at the centre of the shown slice.
// A small toolbar on top switches layouts (also Ctrl+1 / Ctrl+2 / Ctrl+3) and holds the 3D options;
// volumes MPR cannot show (single slice, colour) keep 1x1 with the reason next to the buttons.
class ViewerLayoutWidget : public QWidget {
    Q_OBJECT
public:
    // The slice view is placed inside this widget (reparented); its owner keeps using it.
    explicit ViewerLayoutWidget(SliceViewWidget* sliceView, QWidget* parent = nullptr);
    ~ViewerLayoutWidget() override;

    // Call after the slice view got the volume (the MPR views share its voxels).
    void setVolume(std::shared_ptr<const annotation::ImageVolume> volume, const SliceOverlayText& text);
    void clearVolume();
    // The document whose marks of `seriesUid` are drawn (null: none); call markOverlayChanged() on changes.
    void setAnnotationDocument(const annotation::AnnotationDocument* document, const std::string& seriesUid);
    void markOverlayChanged();
    void setIdentifyingTextVisible(bool visible);

    ViewerLayout viewerLayout() const;
    void setViewerLayout(ViewerLayout layout);
    // Why MPR and 3D are unavailable for the loaded volume; empty when they are available.
    QString mprUnavailableReason() const;

    annotation::Vector3 crosshair() const;
    void setCrosshair(const annotation::Vector3& pointLpsMm);
    void setWindowLevelLinked(bool linked);
    bool windowLevelLinked() const;

    MprViewWidget* mprView(annotation::MprOrientation orientation) const;
    VolumeViewWidget* volumeView() const;
    SliceViewWidget* sliceView() const;
    // 1x1, 1x3, 2x2 (checkable, exclusive), for the window's View menu.
    QList<QAction*> layoutActions() const;

signals:
    void viewerLayoutChanged(ViewerLayout layout);
    void hoverReadoutChanged(const QString& readout);
    void crosshairChanged(const annotation::Vector3& pointLpsMm);

private:
    void applyWindowLevel(annotation::MprOrientation source, double width, double level);
    void applyPresetKey(annotation::MprOrientation source, char key);
    void refresh3dPlanes();
    void arrangeViews();

    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace radmark::viewer
