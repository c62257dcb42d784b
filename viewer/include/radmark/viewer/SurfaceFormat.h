#pragma once

namespace radmark::viewer {

// Sets the default OpenGL surface format VTK needs (core profile 3.2+, depth 24, stencil 8,
// no multisampling). Must run before the QApplication is created.
void installDefaultSurfaceFormat();

} // namespace radmark::viewer
