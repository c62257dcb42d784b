#include "radmark/annotation/ImageVolume.h"

#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <vector>

using namespace radmark::annotation;

TEST_CASE("a volume stores voxels i fastest, then j, then k", "[volume]")
{
    const ImageGeometry geometry = ImageGeometry::regular(3, 2, 2, 1, 1, {}, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    ImageVolume volume(geometry, VoxelType::Int16);
    REQUIRE(volume.byteCount() == 3 * 2 * 2 * 2);
    auto* voxels = static_cast<std::int16_t*>(volume.data());
    for (int index = 0; index < 12; ++index) {
        voxels[index] = static_cast<std::int16_t>(index * 10 - 50);
    }
    CHECK(volume.valueAt(0, 0, 0) == -50.0);
    CHECK(volume.valueAt(2, 0, 0) == -30.0);
    CHECK(volume.valueAt(0, 1, 0) == -20.0);
    CHECK(volume.valueAt(1, 1, 1) == 50.0);
    CHECK(volume.sliceData(1) == voxels + 6);
    CHECK(volume.valueRange() == std::pair<double, double> { -50.0, 60.0 });
    const WindowLevel window = volume.defaultWindow();
    CHECK(window.width == 110.0);
    CHECK(window.level == 5.0);
    volume.setSourceWindows({ { 400.0, 40.0 } });
    CHECK(volume.defaultWindow().width == 400.0);
}

TEST_CASE("float and RGB volumes report values", "[volume]")
{
    const ImageGeometry geometry = ImageGeometry::regular(2, 1, 1, 1, 1, {}, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    ImageVolume floats(geometry, VoxelType::Float32);
    const float values[2] = { 0.25f, -3.5f };
    std::memcpy(floats.data(), values, sizeof values);
    CHECK(floats.valueAt(1, 0, 0) == -3.5);
    ImageVolume colour(geometry, VoxelType::Rgb8);
    CHECK(colour.componentsPerVoxel() == 3);
    auto* rgb = static_cast<std::uint8_t*>(colour.data());
    rgb[3] = 255;
    rgb[4] = 255;
    rgb[5] = 255;
    CHECK(colour.valueAt(1, 0, 0) == Approx(255.0));
}

TEST_CASE("a volume over voxels someone else owns keeps the owner, a copy owns its bytes", "[volume]")
{
    const ImageGeometry grid
        = ImageGeometry::regular(3, 2, 2, 1.0, 1.0, { 0, 0, 0 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    auto buffer = std::make_shared<std::vector<float>>(12, 0.5f);
    (*buffer)[7] = 2.25f;
    std::weak_ptr<std::vector<float>> watch = buffer;
    auto volume = std::make_unique<ImageVolume>(grid, VoxelType::Float32, buffer->data(), buffer);
    buffer.reset();
    REQUIRE_FALSE(watch.expired()); // held by the volume
    CHECK(volume->valueAt(1, 0, 1) == 2.25);
    CHECK(volume->byteCount() == 48);
    ImageVolume copy(*volume);
    static_cast<float*>(copy.data())[7] = -1.0f;
    CHECK(volume->valueAt(1, 0, 1) == 2.25);
    ImageVolume moved(std::move(*volume));
    volume.reset();
    CHECK_FALSE(watch.expired()); // moved along
    CHECK(moved.valueAt(1, 0, 1) == 2.25);
    moved = copy; // the owner is let go when the volume takes other voxels
    CHECK(watch.expired());
    CHECK(moved.valueAt(1, 0, 1) == -1.0);
}
