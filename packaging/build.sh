#!/usr/bin/env bash
# Configures and builds RadMark into build/ (or $RADMARK_BUILD_DIR). Installs nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${RADMARK_BUILD_DIR:-$root/build}"
build_type="${RADMARK_BUILD_TYPE:-RelWithDebInfo}"
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$build_type" "$@"
fi
cmake --build "$build_dir" --parallel "$(nproc)"
