#pragma once

namespace radmark::viewer {

// How a 2D view draws its slice image. Both show the same pixels (tests compare them); the texture quad
// needs a fraction of the fragment work with software OpenGL (Mesa llvmpipe), see docs/performance.md.
enum class SliceImageDrawing {
    TextureQuad, // greyscale slices: one quad, an 8-bit texture, a minimal shader; colour slices as below
    VtkImageSlice, // vtkImageSlice + vtkImageSliceMapper for every slice (VTK's general path, the reference)
};

} // namespace radmark::viewer
