#!/bin/sh
# Packs the built radmark as a .deb (cpack), extracts it into a temporary root with dpkg-deb -x and
# runs the installed binary from there: --version, and `demo` writing a project (label-schema
# lookup through <exe>/../share). Usage: deb_install_test.sh BUILD_DIR EXPECTED_VERSION
set -eu
build_dir="$1"
version="$2"
work="$(mktemp -d "${TMPDIR:-/tmp}/radmark-deb-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/packages" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log" >&2; fail "cpack could not make the .deb"; }
deb="$(ls "$work"/packages/radmark_"$version"_*.deb 2>/dev/null | head -n 1)"
[ -n "$deb" ] || fail "no radmark_${version}_*.deb in $work/packages"
echo "package: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

[ "$(dpkg-deb -f "$deb" Package)" = radmark ] || fail "Package field is not radmark"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version field is not $version"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
for needed in libqt6widgets6 libqt6svg6 libvtk9.1 libinsighttoolkit5.2 libdcmtk17 libsqlite3-0; do
  case "$depends" in *"$needed"*) ;; *) fail "Depends lacks $needed" ;; esac
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
for file in usr/bin/radmark usr/share/applications/radmark.desktop \
            usr/share/icons/hicolor/scalable/apps/radmark.svg usr/share/mime/packages/radmark.xml \
            usr/share/radmark/label-schemas/chest-radiograph.json usr/share/radmark/label-schemas/ct-abdomen.json \
            usr/share/radmark/label-schemas/head-mri.json usr/share/doc/radmark/copyright; do
  [ -f "$root/$file" ] || fail "the package has no /$file"
done
grep -q '^MimeType=application/x-radmark;$' "$root/usr/share/applications/radmark.desktop" \
  || fail "the desktop file does not claim application/x-radmark"
grep -q 'type="application/x-radmark"' "$root/usr/share/mime/packages/radmark.xml" \
  && grep -q 'pattern="\*.radmark"' "$root/usr/share/mime/packages/radmark.xml" \
  || fail "the MIME XML does not register *.radmark as application/x-radmark"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$root/usr/share/applications/radmark.desktop" || fail "desktop-file-validate"
fi

# Run from the extracted root, away from the source and build trees.
cd "$work"
out="$("$root/usr/bin/radmark" --version)" || fail "radmark --version exited with $?"
echo "$out" | grep -Eqx "radmark $version \(git ([0-9a-f]{7,}|unknown)\)" \
  || fail "radmark --version printed '$out'"
echo "$out"
"$root/usr/bin/radmark" demo "$work/demo.radmark" >"$work/demo.log" 2>&1 \
  || { cat "$work/demo.log" >&2; fail "radmark demo exited non-zero"; }
grep -q "^Imported [1-9][0-9]* new files" "$work/demo.log" || { cat "$work/demo.log" >&2; fail "demo imported nothing"; }
[ -s "$work/demo.radmark" ] || fail "demo wrote no project file"
"$root/usr/bin/radmark" info "$work/demo.radmark" >"$work/info.log" 2>&1 \
  || { cat "$work/info.log" >&2; fail "radmark info on the demo project exited non-zero"; }
# The installed label schemas are found through <exe dir>/../share/radmark/label-schemas.
printf 'id,report\n1,No acute cardiopulmonary abnormality.\n' >"$work/reports.csv"
env -u RADMARK_SCHEMA_DIR "$root/usr/bin/radmark" label-reports --schema chest-radiograph \
  --in "$work/reports.csv" --out "$work/labels.csv" >"$work/labels.log" 2>&1 \
  || { cat "$work/labels.log" >&2; fail "label-reports with the installed chest-radiograph schema failed"; }
[ "$(wc -l <"$work/labels.csv")" -ge 2 ] || fail "label-reports wrote no label row"
echo "OK: installed radmark ran --version, demo and info from $root"
