#!/usr/bin/env bash
# Assembles the Arduino library "otactl_ota" for the ESP8266 core from the shared C core
# (templates/esp-idf/src, include, port/ota_crypto_bearssl.c), this template's glue (src/,
# examples/, library.properties) and cJSON, which the core needs and the ESP8266 core does not ship.
#
#   make-library.sh --url URL --cjson DIR OUT_DIR     DIR holds cJSON.c and cJSON.h (a cJSON release
#                                           >= 1.7.13, which has cJSON_ParseWithLength); copied in
#   make-library.sh --url URL --cjson-linked OUT_DIR  no cJSON in the library: the build supplies
#                                           cJSON.h and links cJSON itself (another library, a host build)
#
# --url is library.properties' `url` (required by the Arduino library specification): the page of
# the project the library comes from, i.e. where your fleet keeps its copy of otactl (otactl has no
# public home to point to, so the assembler names it).
#
# Writes OUT_DIR/otactl_ota/ (replaced if it exists); copy it to ~/Arduino/libraries/, or zip it for
# the IDE's "Add .ZIP Library". Sources are flat in src/, as the Arduino builder wants them: every
# file includes the others by name ("ota_crypto.h"), never by a path ("../src/..."), so the layout of
# the ESP-IDF tree does not leak into the library.
# Exit 2 on a usage error.
set -euo pipefail

usage() {
  echo "make-library: $1 (usage: make-library.sh --url URL --cjson DIR | --cjson-linked, then OUT_DIR)" >&2
  exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
core="$here/../esp-idf"
cjson=""
linked=0
url=""
out=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --cjson) [[ $# -ge 2 ]] || usage "--cjson needs a folder"; cjson=$2; shift 2 ;;
    --cjson-linked) linked=1; shift ;;
    --url) [[ $# -ge 2 ]] || usage "--url needs a URL"; url=$2; shift 2 ;;
    -*) usage "unknown option $1" ;;
    *) [[ -z $out ]] || usage "one output folder only"; out=$1; shift ;;
  esac
done
[[ -n $out ]] || usage "no output folder"
if [[ $linked -eq 1 ]]; then
  [[ -z $cjson ]] || usage "--cjson and --cjson-linked exclude each other"
else
  [[ -n $cjson ]] || usage "say where cJSON is: --cjson DIR (cJSON.c and cJSON.h), or --cjson-linked"
  for f in cJSON.c cJSON.h; do [[ -f $cjson/$f ]] || usage "$cjson/$f not found"; done
  grep -q cJSON_ParseWithLength "$cjson/cJSON.h" || usage "$cjson/cJSON.h has no cJSON_ParseWithLength: cJSON 1.7.13 or later is needed"
fi
[[ -n $url ]] || usage "say where the library's project page is: --url URL"
[[ $url =~ ^https?://[^[:space:]]+$ ]] || usage "--url must be an http(s) URL without spaces, not '$url'"

lib="$out/otactl_ota"
rm -rf "$lib"
mkdir -p "$lib/src"
cp "$here/library.properties" "$lib/"
echo "url=$url" >>"$lib/library.properties"
cp -R "$here/examples" "$lib/"
cp "$core"/include/*.h "$core"/src/*.h "$core"/src/*.c "$core/port/ota_crypto_bearssl.c" "$here"/src/* "$lib/src/"
if [[ $linked -eq 0 ]]; then cp "$cjson/cJSON.c" "$cjson/cJSON.h" "$lib/src/"; fi
# Flat means flat: an include by path would find its file only by the accident of folder names.
if pathed=$(grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*/' "$lib"/src/*); then
  echo "make-library: these sources include another by a path, which the flat library breaks: $(echo $pathed | xargs -n1 basename | tr '\n' ' ')" >&2
  rm -rf "$lib"
  exit 1
fi
echo "make-library: assembled $lib"
