#pragma once

#include "radmark/annotation/AnnotationDocument.h"
#include "radmark/annotation/ImageVolume.h"
#include "radmark/annotation/MprPlane.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <utility>

class vtkRenderer;
class vtkRenderWindow;

namespace radmark::viewer {

// Whether an OpenGL renderer string (GL_RENDERER) names a software rasteriser (llvmpipe, softpipe, SWR).
bool isSoftwareOpenGl(const std::string& glRenderer);

// Transfer-function presets of the 3D view (CT ones in HU; MR from the volume's value range).
enum class VolumePreset { CtBone, CtSoftTissue, CtAngiography, MrDefault };
const char* volumePresetName(VolumePreset preset); // "CT bone", ...

enum class VolumeBlend { Composite, MaximumIntensity };

// Where the camera looks from, in patient terms.
enum class VolumeViewDirection { Anterior, Posterior, Left, Right, Superior, Inferior };

// The scene of the 3D view: ray-cast volume rendering (vtkSmartVolumeMapper) of the volume in patient
// space (LPS mm; the voxel grid's shear from gantry tilt is kept through the volume's matrix), the
// three MPR planes as textured slices (toggle), lesion marks as markers. The voxels are shared with
// the ImageVolume (no copy in main memory; the OpenGL driver keeps its own texture of them).
// Camera: parallel projection; rotate/zoom/pan in display pixels (origin top-left).
class VolumeRenderer3d {
public:
    VolumeRenderer3d();
    ~VolumeRenderer3d();
    VolumeRenderer3d(const VolumeRenderer3d&) = delete;
    VolumeRenderer3d& operator=(const VolumeRenderer3d&) = delete;

    // Null or a volume MPR refuses (single slice, colour): nothing shown.
    void setVolume(std::shared_ptr<const annotation::ImageVolume> volume);
    const annotation::ImageVolume* volume() const;

    void setPreset(VolumePreset preset);
    VolumePreset preset() const;
    static VolumePreset defaultPresetFor(const annotation::ImageVolume& volume);
    void setBlend(VolumeBlend blend);
    VolumeBlend blend() const;
    // Grey ramp of the MIP mode: a window of its own, not the 2D views' (a narrow soft-tissue window
    // would turn the projection of every voxel above it into one white blob). setVolume sets
    // defaultMipWindow (CT: -200..1500 HU within the data's range; others: the whole range).
    void setMipWindow(const annotation::WindowLevel& window);
    annotation::WindowLevel mipWindow() const;
    static annotation::WindowLevel defaultMipWindow(const annotation::ImageVolume& volume);

    // The MPR planes shown as slices: the plane images of the 2D views (shared, not copied) and their
    // grids; call planesChanged() after they were resliced or their window changed.
    void setPlane(annotation::MprOrientation orientation, std::shared_ptr<const annotation::ImageVolume> planeImage,
        const annotation::PlaneGrid& grid, const annotation::WindowLevel& window);
    void setPlanesVisible(bool visible);
    bool planesVisible() const;

    // Lesion marks of `seriesUid` as markers (a sphere at the centre, the mark's lines).
    void setAnnotationDocument(const annotation::AnnotationDocument* document, const std::string& seriesUid);
    void markOverlayChanged();
    int markerCount() const;

    void setViewportSize(int widthPx, int heightPx);
    void resetCamera(VolumeViewDirection direction = VolumeViewDirection::Anterior);
    void rotate(double deltaXPx, double deltaYPx);
    void zoomBy(double factor);
    void panBy(double deltaXPx, double deltaYPx);
    // Lower sampling while the user drags (interactive), full quality when still.
    void setInteractive(bool interactive);

    // Display position (top-left origin) of a patient point for the current camera.
    std::pair<double, double> displayPositionOf(const annotation::Vector3& pointLpsMm) const;
    // Which mapper ran the last frame: "GPU ray cast", "CPU ray cast" or "none".
    std::string lastRenderMode() const;
    // On a software OpenGL (Mesa llvmpipe) the GPU ray caster runs its shader on the CPU and took about
    // 30 s per 512x512 frame on the 2-core reference machine, against about 0.3 s for VTK's CPU ray
    // caster: the volume is then drawn by VTK's CPU ray caster (vtkFixedPointVolumeRayCastMapper),
    // unshaded. Views call this with what isSoftwareOpenGl() says about their context.
    void setSoftwareOpenGl(bool software);
    bool softwareOpenGl() const;

    vtkRenderer* renderer() const;
    // Adds the scene and its orientation marker (a cube labelled R/L, A/P, S/I in the lower-left
    // corner, turned with the camera) to a window; use instead of adding renderer() alone.
    void attachTo(vtkRenderWindow& window);
    void setOrientationMarkerVisible(bool visible);
    bool orientationMarkerVisible() const;

private:
    struct Private;
    std::unique_ptr<Private> m_private;
};

} // namespace radmark::viewer
