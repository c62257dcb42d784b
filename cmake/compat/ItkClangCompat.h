// Force-included (-include) into the translation units of targets that use ITK, for clang builds only
// (cmake/RadMarkTarget.cmake, radmark_use_itk_headers). Debian 12's ITK 5.2 ships an
// itk_compiler_detection.h generated for GCC alone: under clang it stops with "#error Unsupported
// compiler". ITK's headers include it with quotes from their own folder, so it cannot be shadowed by an
// include path; instead it is read here first, once, as GCC 12 would read it (clang 14 has every C++
// feature the file asks about), and clang's own macros are restored right after. Its include guard keeps
// ITK from reading it again.
#if defined(__clang__) && __has_include(<itk_compiler_detection.h>)
#pragma push_macro("__clang__")
#pragma push_macro("__GNUC__")
#pragma push_macro("__GNUC_MINOR__")
#undef __clang__
#undef __GNUC__
#undef __GNUC_MINOR__
#define __GNUC__ 12
#define __GNUC_MINOR__ 2
#include <itk_compiler_detection.h>
#pragma pop_macro("__GNUC_MINOR__")
#pragma pop_macro("__GNUC__")
#pragma pop_macro("__clang__")
#endif
