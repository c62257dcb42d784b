#!/usr/bin/env bash
# Fails when a tracked C++ file differs from .clang-format. Fix with: packaging/check-format.sh --fix
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
formatter="$(command -v clang-format-14 || command -v clang-format || true)"
if [ -z "$formatter" ]; then
  echo "check-format: clang-format not found (packaging/install-deps.sh installs it)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
  "$formatter" -i --style=file "${files[@]}"
  exit 0
fi
if ! "$formatter" --dry-run --Werror --style=file "${files[@]}" 2>/tmp/radmark-format.$$; then
  grep -oE '^[^ :]+\.(cpp|h):[0-9]+:[0-9]+: ' /tmp/radmark-format.$$ | cut -d: -f1 | sort -u \
    | sed 's/^/  not formatted: /' >&2
  rm -f /tmp/radmark-format.$$
  echo "check-format: run packaging/check-format.sh --fix" >&2
  exit 1
fi
rm -f /tmp/radmark-format.$$
echo "check-format: ${#files[@]} files formatted as .clang-format says"
