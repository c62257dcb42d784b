#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs the packages, builds, runs every test
# (unit tests directly, GUI and rendering tests under xvfb-run -a). Benchmarks are separate:
# packaging/run-benchmarks.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/packaging/install-deps.sh"
"$root/packaging/build.sh"
cd "${RADMARK_BUILD_DIR:-$root/build}"
ctest --output-on-failure --label-exclude bench --timeout 900 "$@"
