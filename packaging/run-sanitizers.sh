#!/usr/bin/env bash
# The nightly sanitizer run: builds with AddressSanitizer and UndefinedBehaviorSanitizer (preset asan,
# build-asan/) and runs the whole unit, CLI and GUI suite there. UBSan stops at its first finding;
# leak detection is off because Mesa and fontconfig keep process-lifetime allocations.
# About 40 minutes on 2 cores from a cold cache. Usage: packaging/run-sanitizers.sh [ctest args...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/packaging/install-deps.sh"
cmake --preset asan
cmake --build --preset asan --parallel "$(nproc)"
ctest --preset asan --timeout 1800 "$@"
