#!/usr/bin/env bash
# Builds radmark and packs it as a Debian 12 package: build/packages/radmark_<version>_<arch>.deb.
# Install it with: sudo apt install ./build/packages/radmark_*.deb
# Builds only the radmark target (not the tests); configures build/ (or $RADMARK_BUILD_DIR) if needed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${RADMARK_BUILD_DIR:-$root/build}"
build_type="${RADMARK_BUILD_TYPE:-RelWithDebInfo}"
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="$build_type" "$@"
fi
cmake --build "$build_dir" --target radmark --parallel "$(nproc)"
(cd "$build_dir" && cpack -G DEB --config CPackConfig.cmake)
ls -1 "$build_dir"/packages/radmark_*.deb
