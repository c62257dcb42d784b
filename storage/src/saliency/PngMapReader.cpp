#include "saliency/PngMapReader.h"

#include "imageio/MemoryBudget.h"
#include "imageio/VolumeAllocation.h"
#include "radmark/storage/project/ProjectError.h"

#include <png.h>

#include <cerrno>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace radmark::storage::saliency {

namespace {

// Written by libpng's callbacks; lives in the caller's frame, outside the setjmp region.
struct PngErrorState {
    std::jmp_buf jump;
    char message[256] = {};
};

void onPngError(png_structp png, png_const_charp message)
{
    auto* state = static_cast<PngErrorState*>(png_get_error_ptr(png));
    std::snprintf(state->message, sizeof state->message, "%s", message != nullptr ? message : "damaged");
    std::longjmp(state->jump, 1);
}

void onPngWarning(png_structp, png_const_charp)
{
}

// Decoded samples, host byte order, `channels` per pixel (1 or 3 after the transforms).
struct PngPixels {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int channels = 0;
    int bitDepth = 0;
    std::vector<unsigned char> bytes;
    std::vector<png_bytep> rows;
    char sizeProblem[128] = {};
};

// Plain C control flow only between setjmp and the end: no C++ object is created in this frame after setjmp,
// so a longjmp from libpng skips no destructor. Returns false with state.message (or pixels.sizeProblem) set.
bool decodePng(std::FILE* file, PngErrorState& state, PngPixels& pixels)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, onPngError, onPngWarning);
    if (png == nullptr) {
        std::snprintf(state.message, sizeof state.message, "libpng cannot start");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (info == nullptr) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        std::snprintf(state.message, sizeof state.message, "libpng cannot start");
        return false;
    }
    if (setjmp(state.jump) != 0) {
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    png_init_io(png, file);
    png_read_info(png, info);
    const png_uint_32 width = png_get_image_width(png, info);
    const png_uint_32 height = png_get_image_height(png, info);
    const int colourType = png_get_color_type(png, info);
    if (colourType == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(png);
    }
    if (colourType == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8) {
        png_set_expand_gray_1_2_4_to_8(png);
    }
    png_set_strip_alpha(png);
    if (png_get_bit_depth(png, info) == 16) {
        const std::uint16_t probe = 1;
        unsigned char firstByte = 0;
        std::memcpy(&firstByte, &probe, 1);
        if (firstByte == 1) {
            png_set_swap(png); // PNG stores big endian; this host is little endian
        }
    }
    png_read_update_info(png, info);
    const int channels = png_get_channels(png, info);
    const int bitDepth = png_get_bit_depth(png, info);
    const std::uint64_t rowBytes = png_get_rowbytes(png, info);
    const std::uint64_t total = rowBytes * height;
    if ((channels != 1 && channels != 3) || (bitDepth != 8 && bitDepth != 16) || width == 0 || height == 0
        || total > loading::availableMemoryBytes() / 2) {
        std::snprintf(pixels.sizeProblem, sizeof pixels.sizeProblem, "%u x %u pixels, %d channel(s) of %d bits",
            static_cast<unsigned>(width), static_cast<unsigned>(height), channels, bitDepth);
        png_destroy_read_struct(&png, &info, nullptr);
        return false;
    }
    pixels.width = width;
    pixels.height = height;
    pixels.channels = channels;
    pixels.bitDepth = bitDepth;
    pixels.bytes.resize(static_cast<std::size_t>(total));
    pixels.rows.resize(height);
    for (png_uint_32 row = 0; row < height; ++row) {
        pixels.rows[row] = pixels.bytes.data() + row * rowBytes;
    }
    png_read_image(png, pixels.rows.data());
    png_read_end(png, nullptr);
    png_destroy_read_struct(&png, &info, nullptr);
    return true;
}

template <typename T> bool greyAsRgb(const PngPixels& pixels)
{
    const auto* samples = reinterpret_cast<const T*>(pixels.bytes.data());
    const std::size_t count = static_cast<std::size_t>(pixels.width) * pixels.height;
    for (std::size_t n = 0; n < count; ++n) {
        if (samples[3 * n + 1] != samples[3 * n] || samples[3 * n + 2] != samples[3 * n]) {
            return false;
        }
    }
    return true;
}

template <typename T> void copyFirstChannel(const PngPixels& pixels, float* out)
{
    const auto* samples = reinterpret_cast<const T*>(pixels.bytes.data());
    const std::size_t count = static_cast<std::size_t>(pixels.width) * pixels.height;
    for (std::size_t n = 0; n < count; ++n) {
        out[n] = static_cast<float>(samples[n * static_cast<std::size_t>(pixels.channels)]);
    }
}

} // namespace

std::shared_ptr<annotation::ImageVolume> readPngSaliencyMap(const std::string& filePath)
{
    std::FILE* file = std::fopen(filePath.c_str(), "rb");
    if (file == nullptr) {
        throw ProjectError(filePath + ": cannot be opened (" + std::strerror(errno) + ")");
    }
    unsigned char signature[8] = {};
    const std::size_t got = std::fread(signature, 1, sizeof signature, file);
    std::rewind(file);
    if (got != sizeof signature || png_sig_cmp(signature, 0, sizeof signature) != 0) {
        std::fclose(file);
        throw ProjectError(filePath + ": not a readable PNG file (no PNG signature)");
    }
    PngErrorState state;
    PngPixels pixels;
    const bool decoded = decodePng(file, state, pixels);
    std::fclose(file);
    if (!decoded) {
        if (pixels.sizeProblem[0] != '\0') {
            throw ProjectError(filePath + ": a PNG of " + pixels.sizeProblem
                + " cannot be a saliency map here (too large for memory or not grey)");
        }
        throw ProjectError(filePath + ": not a readable PNG file (damaged: " + state.message + ")");
    }
    if (pixels.channels == 3) {
        const bool grey = pixels.bitDepth == 8 ? greyAsRgb<std::uint8_t>(pixels) : greyAsRgb<std::uint16_t>(pixels);
        if (!grey) {
            throw ProjectError(
                filePath + ": has 3 values per voxel (a colour picture?): a saliency map needs one value per voxel");
        }
    }
    // PNG has no placement: the loader lays it on a series slice by index.
    const annotation::ImageGeometry geometry = annotation::ImageGeometry::regular(static_cast<int>(pixels.width),
        static_cast<int>(pixels.height), 1, 1.0, 1.0, {}, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 });
    std::shared_ptr<annotation::ImageVolume> volume
        = loading::allocateVolumeForWriting(geometry, annotation::VoxelType::Float32);
    auto* out = static_cast<float*>(volume->data());
    if (pixels.bitDepth == 8) {
        copyFirstChannel<std::uint8_t>(pixels, out);
    } else {
        copyFirstChannel<std::uint16_t>(pixels, out);
    }
    return volume;
}

} // namespace radmark::storage::saliency
