#include "dataset/Png16Writer.h"

#include "radmark/storage/project/ProjectError.h"

#include <png.h>
#include <zlib.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

namespace radmark::storage {

namespace {

struct PngFile {
    std::FILE* file = nullptr;
    png_structp png = nullptr;
    png_infop info = nullptr;

    ~PngFile()
    {
        if (png != nullptr) {
            png_destroy_write_struct(&png, info != nullptr ? &info : nullptr);
        }
        if (file != nullptr) {
            std::fclose(file);
        }
    }
};

// libpng reports errors by longjmp; writing happens in this function only, with no C++ objects
// whose destructors the jump would skip.
bool writeRows(png_structp png, png_infop info, std::FILE* file, png_bytepp rowPointers, int columns, int rows)
{
    if (setjmp(png_jmpbuf(png))) {
        return false;
    }
    png_init_io(png, file);
    png_set_compression_level(png, Z_BEST_SPEED);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_IHDR(png, info, static_cast<png_uint_32>(columns), static_cast<png_uint_32>(rows), 16, PNG_COLOR_TYPE_GRAY,
        PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_write_image(png, rowPointers);
    png_write_end(png, nullptr);
    return true;
}

} // namespace

void writePng16(const std::string& path, const std::uint16_t* pixels, int columns, int rows)
{
    // PNG stores 16-bit samples big-endian.
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(columns) * rows * 2);
    const std::size_t count = static_cast<std::size_t>(columns) * rows;
    for (std::size_t index = 0; index < count; ++index) {
        bytes[index * 2] = static_cast<std::uint8_t>(pixels[index] >> 8);
        bytes[index * 2 + 1] = static_cast<std::uint8_t>(pixels[index] & 0xff);
    }
    std::vector<png_bytep> rowPointers(rows);
    for (int row = 0; row < rows; ++row) {
        rowPointers[row] = bytes.data() + static_cast<std::size_t>(row) * columns * 2;
    }

    PngFile output;
    output.file = std::fopen(path.c_str(), "wb");
    if (output.file == nullptr) {
        throw ProjectError(path + ": cannot create the file (" + std::strerror(errno) + ")");
    }
    output.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    output.info = output.png != nullptr ? png_create_info_struct(output.png) : nullptr;
    if (output.info == nullptr) {
        throw ProjectError(path + ": cannot start writing the PNG (out of memory)");
    }
    if (!writeRows(output.png, output.info, output.file, rowPointers.data(), columns, rows)) {
        throw ProjectError(path + ": cannot write the PNG (disk full or not writable)");
    }
    const bool flushed = std::fflush(output.file) == 0 && !std::ferror(output.file);
    const bool closed = std::fclose(output.file) == 0;
    output.file = nullptr;
    if (!flushed || !closed) {
        throw ProjectError(path + ": cannot write the PNG (" + std::strerror(errno) + ")");
    }
}

} // namespace radmark::storage
