# Common settings for RadMark's own targets: warnings, and the layer's public include folder.
# GCC and clang both build the tree; each gets its own spelling of "a local shadows a local".
function(radmark_configure_target target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                         $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
                         $<$<CXX_COMPILER_ID:Clang>:-Wshadow-uncaptured-local>)
  if(RADMARK_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# ITK's headers for a target, as system headers so that their warnings do not fail our build. Under clang,
# cmake/compat/ItkClangCompat.h is read first: Debian's ITK 5.2 knows only GCC (see that file).
function(radmark_use_itk_headers target)
  target_include_directories(${target} SYSTEM PRIVATE ${ITK_INCLUDE_DIRS})
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_options(${target} PRIVATE -include ${PROJECT_SOURCE_DIR}/cmake/compat/ItkClangCompat.h)
  endif()
endfunction()
