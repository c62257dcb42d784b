#include "TestVolumes.h"

#include "radmark/viewer/SliceRenderer.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace radmark;
using namespace radmark::viewer;
using namespace radmark::viewer::testing;

TEST_CASE("an axial volume has R on the left edge, L on the right, A on top, P at the bottom", "[viewer][overlay]")
{
    SliceRenderer renderer;
    renderer.setVolume(makeInt16Volume(16, 16, 2, 1.0, 1.0, [](int, int, int) { return 0; }));
    const EdgeLabels labels = renderer.edgeLabels();
    CHECK(labels.left == "R");
    CHECK(labels.right == "L");
    CHECK(labels.top == "A");
    CHECK(labels.bottom == "P");
}

TEST_CASE("a coronal volume has S on top and I at the bottom", "[viewer][overlay]")
{
    annotation::ImageGeometry geometry = annotation::ImageGeometry::regular(
        8, 8, 1, 1.0, 1.0, {}, { 1.0, 0.0, 0.0 }, { 0.0, 0.0, -1.0 }, { 0.0, 1.0, 0.0 });
    SliceRenderer renderer;
    renderer.setVolume(std::make_shared<annotation::ImageVolume>(geometry, annotation::VoxelType::Int16));
    CHECK(renderer.edgeLabels().top == "S");
    CHECK(renderer.edgeLabels().bottom == "I");
    CHECK(renderer.edgeLabels().left == "R");
}

TEST_CASE("corner text shows slice, position, window and hides identifying text on request", "[viewer][overlay]")
{
    SliceRenderer renderer;
    renderer.setViewportSize(256, 256);
    renderer.setVolume(makeInt16Volume(
        64, 64, 3, 1.0, 1.0, [](int, int, int) { return 0; }, { 0.0, 0.0, -10.0 }, 2.5));
    SliceOverlayText text;
    text.patientAge = "045Y";
    text.patientSex = "F";
    text.institutionName = "General Hospital";
    text.modality = "CT";
    text.seriesDescription = "Abdomen 5mm";
    renderer.setOverlayText(text);
    renderer.setSliceIndex(2);
    renderer.setWindowLevel({ 400.0, 40.0 });

    CHECK(renderer.cornerText(ViewCorner::TopLeft) == "045Y F\nGeneral Hospital\nCT\nAbdomen 5mm");
    CHECK(renderer.cornerText(ViewCorner::BottomLeft) == "Slice 3 / 3\nPos -5.0 mm");
    CHECK(renderer.cornerText(ViewCorner::BottomRight) == "W 400 L 40");
    renderer.setIdentifyingTextVisible(false);
    CHECK(renderer.cornerText(ViewCorner::TopLeft) == "CT\nAbdomen 5mm");

    // 4 px per mm in a 256 px view: the longest round length within a fifth of the width is 10 mm.
    CHECK(renderer.pixelsPerMm() == Approx(4.0));
    CHECK(renderer.scaleBarLengthMm() == Approx(10.0));
    CHECK(renderer.scaleBarLengthPx() == Approx(40.0));
    renderer.zoomBy(4.0, 128.0, 128.0);
    CHECK(renderer.scaleBarLengthMm() == Approx(2.0));
}

TEST_CASE("probeAt maps display pixels to voxels and LPS, zoom and pan keep the anchor", "[viewer][probe]")
{
    auto volume = makeInt16Volume(
        128, 64, 4, 0.5, 1.0, [](int i, int j, int k) { return i + 1000 * k + 10 * j; }, { -50.0, -80.0, 30.0 }, 2.5);
    SliceRenderer renderer;
    renderer.setViewportSize(200, 100);
    renderer.setVolume(volume);
    renderer.setSliceIndex(1);
    // 64 x 64 mm in 200 x 100 px: 100/64 px per mm; voxel (63.5 * 0.5, 31.5) mm at the centre.
    const double pxPerMm = 100.0 / 64.0;
    CHECK(renderer.pixelsPerMm() == Approx(pxPerMm));
    const double xPx = 100.0 + (20.0 * 0.5 - 31.75) * pxPerMm;
    const double yPx = 50.0 + (10.0 - 31.5) * pxPerMm;
    VoxelProbe probe = renderer.probeAt(xPx, yPx);
    CHECK(probe.insideImage);
    CHECK(probe.voxel.i == Approx(20.0));
    CHECK(probe.voxel.j == Approx(10.0));
    CHECK(probe.voxel.k == Approx(1.0));
    CHECK(probe.patientLpsMm.x == Approx(-40.0));
    CHECK(probe.patientLpsMm.y == Approx(-70.0));
    CHECK(probe.patientLpsMm.z == Approx(32.5));
    CHECK(probe.value == Approx(20 + 1000 + 100));
    CHECK(renderer.hoverReadout(probe) == "(20, 10)  Slice 2 / 4\n-40.0, -70.0, 32.5 mm\n1120 HU");

    renderer.zoomBy(2.5, xPx, yPx);
    probe = renderer.probeAt(xPx, yPx);
    CHECK(probe.voxel.i == Approx(20.0));
    CHECK(probe.voxel.j == Approx(10.0));
    renderer.panBy(30.0, -12.0);
    probe = renderer.probeAt(xPx + 30.0, yPx - 12.0);
    CHECK(probe.voxel.i == Approx(20.0));
    CHECK(probe.voxel.j == Approx(10.0));
    const auto back = renderer.displayPositionOf(probe.patientLpsMm);
    REQUIRE(back);
    CHECK(back->first == Approx(xPx + 30.0));
    CHECK(back->second == Approx(yPx - 12.0));

    CHECK_FALSE(renderer.probeAt(-500.0, 5.0).insideImage);
    renderer.fitToViewport();
    CHECK(renderer.pixelsPerMm() == Approx(pxPerMm));
}
