#!/usr/bin/env bash
# Runs .clang-tidy's checks over RadMark's sources with the compile commands of a build folder.
# Usage: packaging/run-clang-tidy.sh [build-dir (default build)] [file regex (default: all of the project)]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${1:-$root/build}"
file_regex="${2:-$root/(annotation|storage|viewer|app)/}"
runner="$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)"
if [ -z "$runner" ]; then
  echo "run-clang-tidy: run-clang-tidy not found (Debian package clang-tidy)" >&2
  exit 2
fi
if [ ! -f "$build_dir/compile_commands.json" ]; then
  echo "run-clang-tidy: $build_dir/compile_commands.json missing; configure with packaging/build.sh first" >&2
  exit 2
fi
"$runner" -quiet -p "$build_dir" -j "$(nproc)" "$file_regex"
