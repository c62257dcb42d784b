#!/usr/bin/env bash
# Installs the Debian 12 packages RadMark needs to build, run and test. Idempotent.
# Usage: packaging/install-deps.sh [--runtime-only]
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libqt6svg6 libgl-dev
  libvtk9-dev libinsighttoolkit5-dev libdcmtk-dev libsqlite3-dev catch2
  zlib1g-dev libpng-dev
)
test_packages=(
  xvfb xauth libgl1-mesa-dri mesa-utils
  dcmtk libgdcm-tools dicom3tools sqlite3
  orthanc orthanc-dicomweb  # the PACS tests start their own Orthanc on 127.0.0.1 (never the system service)
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for package in "${build_packages[@]}" "${test_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
