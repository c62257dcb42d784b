#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs the packages, builds, creates a demo project
# with a synthetic CT study (no download) and opens it in RadMark.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/packaging/install-deps.sh"
"$root/packaging/build.sh"
radmark="${RADMARK_BUILD_DIR:-$root/build}/app/radmark"
demo_dir="${RADMARK_DEMO_DIR:-$HOME/RadMarkDemo}"
mkdir -p "$demo_dir"
project="$demo_dir/demo.radmark"
if [ ! -f "$project" ]; then
  "$radmark" demo "$project"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: no display found; the demo project is at $project." >&2
  echo "run-demo: open it on a desktop with: $radmark $project" >&2
  exit 1
fi
exec "$radmark" "$project"
