# Warnings, -Werror and sanitizers for every Dateline target.
add_compile_options(-Wall -Wextra -Wpedantic)
if(DATELINE_WERROR)
  add_compile_options(-Werror)
endif()

# clang-tidy with the checks in .clang-tidy on every file compiled (slow: a developer's option).
if(DATELINE_CLANG_TIDY)
  find_program(_clang_tidy NAMES clang-tidy clang-tidy-14 REQUIRED)
  set(CMAKE_CXX_CLANG_TIDY ${_clang_tidy})
endif()

if(DATELINE_SANITIZE)
  string(REPLACE "," ";" _sanitizers "${DATELINE_SANITIZE}")
  foreach(_s IN LISTS _sanitizers)
    add_compile_options(-fsanitize=${_s})
    add_link_options(-fsanitize=${_s})
  endforeach()
  add_compile_options(-fno-omit-frame-pointer -fno-sanitize-recover=all)
  # GCC 12 reports false "maybe uninitialized" warnings in libstdc++ (std::regex,
  # std::function) once sanitizers change inlining; keep them visible, not fatal.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-error=maybe-uninitialized)
  endif()
  add_link_options(-fno-sanitize-recover=all)
endif()

# Fuzzing builds instrument everything for coverage and check memory and UB;
# the fuzz targets themselves link libFuzzer's main.
if(DATELINE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "DATELINE_FUZZ needs clang: -DCMAKE_CXX_COMPILER=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
