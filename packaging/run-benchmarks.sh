#!/usr/bin/env bash
# Builds and runs the benchmarks (CTest label `bench`); each writes its figures and the command
# that produced them into docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/packaging/install-deps.sh"
"$root/packaging/build.sh"
cd "${RADMARK_BUILD_DIR:-$root/build}"
ctest --output-on-failure --label-regex bench --timeout 3600 "$@"
