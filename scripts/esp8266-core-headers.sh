#!/usr/bin/env bash
# Generates the pinned minimal header set test/templates/arduino-esp8266.test.ts checks the ESP8266
# glue against (host g++ -fsyntax-only -Werror, in the ESP8266 core's own host-test mode,
# CORE_MOCK): from a git checkout of the ESP8266 Arduino core at a release tag and of littlefs at
# the commit that release pins as its submodule, it keeps exactly the headers g++ -M lists for the
# assembled library's OtactlAgent.cpp and the example sketch. Nothing else of the core is copied.
#
#   scripts/esp8266-core-headers.sh --core DIR --littlefs DIR --out DIR [--core-ref TAG@COMMIT --littlefs-ref COMMIT]
#     (the refs are read with git when the folders are checkouts; give them for an exported tree)
#     e.g. git clone --branch 3.1.2 https://github.com/esp8266/Arduino core
#          git -C core submodule status libraries/LittleFS/lib/littlefs      # the pinned commit
#          git clone https://github.com/littlefs-project/littlefs littlefs && git -C littlefs checkout <that commit>
#          scripts/esp8266-core-headers.sh --core core --littlefs littlefs --out test/templates/esp8266-core-headers/3.1.2
#
# Licences: the core is LGPL-2.1 (LICENSE), littlefs BSD-3-Clause (LICENSE.md), the lwIP headers
# BSD-3-Clause and BearSSL's MIT in their own file headers; the licence files are copied beside.
# Exit 2 on a usage error, 1 when g++ cannot read the sources with these headers.
set -euo pipefail

usage() {
  echo "esp8266-core-headers: $1 (usage: esp8266-core-headers.sh --core DIR --littlefs DIR --out DIR)" >&2
  exit 2
}

core="" littlefs="" out="" core_ref="" littlefs_ref=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --core) [[ $# -ge 2 ]] || usage "--core needs a folder"; core=$2; shift 2 ;;
    --littlefs) [[ $# -ge 2 ]] || usage "--littlefs needs a folder"; littlefs=$2; shift 2 ;;
    --out) [[ $# -ge 2 ]] || usage "--out needs a folder"; out=$2; shift 2 ;;
    --core-ref) [[ $# -ge 2 ]] || usage "--core-ref needs TAG@COMMIT"; core_ref=$2; shift 2 ;;
    --littlefs-ref) [[ $# -ge 2 ]] || usage "--littlefs-ref needs a commit"; littlefs_ref=$2; shift 2 ;;
    *) usage "unknown argument $1" ;;
  esac
done
[[ -n $core && -n $littlefs && -n $out ]] || usage "--core, --littlefs and --out are required"
[[ -f $core/cores/esp8266/Arduino.h && -f $core/tests/host/common/mock.h ]] || usage "$core is not a checkout of the ESP8266 Arduino core"
[[ -f $littlefs/lfs.h ]] || usage "$littlefs has no lfs.h"

[[ -n $core_ref ]] || core_ref="$(git -C "$core" describe --tags --exact-match)@$(git -C "$core" rev-parse HEAD)" || usage "$core is not a git checkout: give --core-ref TAG@COMMIT"
[[ -n $littlefs_ref ]] || littlefs_ref=$(git -C "$littlefs" rev-parse HEAD) || usage "$littlefs is not a git checkout: give --littlefs-ref COMMIT"
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
core=$(cd "$core" && pwd)
# The core's tree with littlefs where its submodule sits.
mkdir -p "$work/tree"
cp -R "$core/." "$work/tree/"
rm -rf "$work/tree/libraries/LittleFS/lib/littlefs"
mkdir -p "$work/tree/libraries/LittleFS/lib/littlefs"
cp "$littlefs"/lfs.h "$littlefs"/lfs_util.h "$littlefs"/LICENSE.md "$work/tree/libraries/LittleFS/lib/littlefs/"
bash "$here/templates/arduino-esp8266/make-library.sh" --url https://example.invalid/otactl --cjson-linked "$work/lib" >/dev/null

# The include directories of the core's host build (tests/host/Makefile), narrowed to the libraries used.
dirs=(tests/host tests/host/common cores/esp8266 libraries/ESP8266WiFi/src libraries/ESP8266HTTPClient/src libraries/LittleFS/src tools/sdk/include tools/sdk/lwip2/include)
src="$work/lib/otactl_ota/src"
cp "$work/lib/otactl_ota/examples/OtactlUpdate/OtactlUpdate.ino" "$work/sketch.cpp"
flags=(-std=gnu++17 -DHOST_MOCK=1 -DCORE_MOCK=1 -DLWIP_IPV6=0 -DNONOSDK221=1 -DF_CPU=80000000 -DHTTPCLIENT_1_1_COMPATIBLE=0 -funsigned-char
  -include "$work/tree/tests/host/common/mock.h" -include "$work/tree/tests/host/common/c_types.h")
for d in "${dirs[@]}"; do flags+=(-I"$work/tree/$d"); done
flags+=(-I/usr/include/cjson -I"$src")
: >"$work/deps"
g++ "${flags[@]}" -M "$src/OtactlAgent.cpp" >>"$work/deps" || { echo "esp8266-core-headers: g++ -M OtactlAgent.cpp failed" >&2; exit 1; }
g++ "${flags[@]}" -include Arduino.h -M "$work/sketch.cpp" >>"$work/deps" || { echo "esp8266-core-headers: g++ -M on the sketch failed" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
tr ' \\' '\n\n' <"$work/deps" | grep "^$work/tree/" | while read -r f; do realpath -m --relative-to="$work/tree" "$f"; done | sort -u >"$work/list"
while read -r rel; do
  mkdir -p "$out/$(dirname "$rel")"
  cp "$work/tree/$rel" "$out/$rel"
done <"$work/list"
cp "$core/LICENSE" "$out/LICENSE"
cp "$littlefs/LICENSE.md" "$out/libraries/LittleFS/lib/littlefs/LICENSE.md"
printf '%s\n' "${dirs[@]}" >"$out/include-dirs.txt"
{
  echo "# Provenance"
  echo
  echo "The $(wc -l <"$work/list") headers g++ -M lists for templates/arduino-esp8266's OtactlAgent.cpp and its"
  echo "example sketch, in the ESP8266 core's host-test mode (CORE_MOCK, tests/host/common/mock.h), unchanged:"
  echo
  echo "- https://github.com/esp8266/Arduino, tag ${core_ref%@*}, commit ${core_ref#*@}: LGPL-2.1 (LICENSE)"
  echo "- https://github.com/littlefs-project/littlefs, commit $littlefs_ref (the core's submodule at that tag): lfs.h, lfs_util.h, BSD-3-Clause (libraries/LittleFS/lib/littlefs/LICENSE.md)"
  echo "- tools/sdk/lwip2/include: lwIP headers, BSD-3-Clause in each file; tools/sdk/include/bearssl: BearSSL, MIT in each file"
  echo
  echo "Generated by scripts/esp8266-core-headers.sh; include-dirs.txt lists the -I directories in order."
} >"$out/PROVENANCE.md"
echo "esp8266-core-headers: $(wc -l <"$work/list") headers in $out"
