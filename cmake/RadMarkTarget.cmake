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
