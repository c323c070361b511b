#!/usr/bin/env bash
# Generates the pinned minimal header sets test/templates/esp-idf.test.ts checks the ESP-IDF
# glue against (gcc -fsyntax-only -Werror): from a git clone of ESP-IDF at a release tag and of the
# crypto library of that release's line (Mbed TLS 3.x for 5.x, TF-PSA-Crypto 1.0 for 6.0), exactly the
# headers the glue, the core and its crypto port include (their closure as gcc -M finds it for the
# host "linux" target), with the licences and a PROVENANCE.md naming repository, tag, commit and
# the files. Nothing else of ESP-IDF is copied.
#
#   scripts/esp-idf-headers.sh --idf DIR --tag v5.0 --crypto DIR --crypto-tag v3.2.1 \
#       --port port/ota_crypto_mbedtls.c --out test/templates/esp-idf-headers/v5.0
#   scripts/esp-idf-headers.sh --idf DIR --tag v5.5 --crypto DIR --crypto-tag v3.6.4 \
#       --port port/ota_crypto_mbedtls.c --out test/templates/esp-idf-headers/v5.5
#   scripts/esp-idf-headers.sh --idf DIR --tag v6.0 --crypto DIR --crypto-tag v1.0.0 \
#       --port port/ota_crypto_psa.c --out test/templates/esp-idf-headers/v6.0
#   scripts/esp-idf-headers.sh --idf DIR --tag v4.4 --version-only --out test/templates/esp-idf-headers/v4.4
#
# DIR is a git directory or work tree holding the tag (a clone of github.com/espressif/esp-idf,
# github.com/Mbed-TLS/mbedtls or github.com/Mbed-TLS/TF-PSA-Crypto; submodules are not needed).
# --version-only keeps esp_idf_version.h alone: enough to show the glue's ">= 5.0" #error.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "$0")/.." && pwd)
ESP="$REPO_ROOT/templates/esp-idf"
SDKCONFIG_DIR="$REPO_ROOT/test/templates/esp-idf-headers/sdkconfig"
idf='' tag='' crypto='' crypto_tag='' port='' out='' version_only=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --idf) idf=$2; shift 2 ;;
    --tag) tag=$2; shift 2 ;;
    --crypto) crypto=$2; shift 2 ;;
    --crypto-tag) crypto_tag=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --version-only) version_only=1; shift ;;
    *) echo "esp-idf-headers.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n $idf && -n $tag && -n $out ]] || { echo "esp-idf-headers.sh: --idf, --tag and --out are required" >&2; exit 2; }
[[ $version_only == 1 || ( -n $crypto && -n $crypto_tag && -n $port ) ]] || { echo "esp-idf-headers.sh: --crypto, --crypto-tag and --port are required" >&2; exit 2; }

gitc() { git -C "$1" "${@:2}"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The components whose public headers the glue reaches (directly or through another header).
components=(app_update bootloader_support efuse esp_app_format esp_blockdev esp_bootloader_format esp_common
  esp_event esp_hw_support esp_http_client esp_https_ota esp_mm esp_netif esp_partition esp_rom
  esp_security esp_system esp_timer freertos hal heap log nvs_flash soc spi_flash tcp_transport vfs)
paths=(LICENSE)
for c in "${components[@]}"; do
  [[ -n $(gitc "$idf" ls-tree "$tag" "components/$c") ]] && paths+=("components/$c")
done
mkdir -p "$work/idf"
gitc "$idf" archive "$tag" "${paths[@]}" | tar -x -C "$work/idf"
idf_commit=$(gitc "$idf" rev-parse "$tag^{commit}")

# Include directories as ESP-IDF's CMake sets them for the host "linux" target, in search order.
dirs=()
if [[ $version_only == 0 ]]; then
  mkdir -p "$work/crypto"
  gitc "$crypto" archive "$crypto_tag" include LICENSE $(gitc "$crypto" ls-tree --name-only "$crypto_tag" drivers/builtin/include) | tar -x -C "$work/crypto"
  crypto_commit=$(gitc "$crypto" rev-parse "$crypto_tag^{commit}")
  crypto_url=$(gitc "$crypto" ls-tree --name-only "$crypto_tag" drivers >/dev/null 2>&1 && echo https://github.com/Mbed-TLS/TF-PSA-Crypto || echo https://github.com/Mbed-TLS/mbedtls)
  dirs+=(crypto/include)
  [[ -d $work/crypto/drivers/builtin/include ]] && dirs+=(crypto/drivers/builtin/include)
  kernel=idf/components/freertos/FreeRTOS-Kernel
  dirs+=(idf/components/freertos/config/include idf/components/freertos/config/include/freertos
    idf/components/freertos/config/linux/include "$kernel/include" "$kernel/portable/linux/include"
    "$kernel/portable/linux/include/freertos" idf/components/freertos/esp_additions/include
    idf/components/freertos/esp_additions/include/freertos)
  for c in "${components[@]}"; do
    for sub in include linux/include include/linux linux/include/linux; do
      [[ -d $work/idf/components/$c/$sub ]] && dirs+=("idf/components/$c/$sub")
    done
  done
  # Last, the ESP32's soc and efuse headers: before 5.1 the linux target lacked some (soc_caps.h,
  # esp_efuse_chip.h); where the linux target has them they come first and these go unused.
  for c in soc efuse; do dirs+=("idf/components/$c/esp32/include"); done
else
  dirs+=(idf/components/esp_common/include)
fi

flags=(-std=gnu11 -I"$SDKCONFIG_DIR")
for d in "${dirs[@]}"; do flags+=(-isystem "$work/$d"); done
flags+=(-I"$ESP/include" -I"$ESP/esp" -I"$ESP/src" -I/usr/include/cjson)
if [[ $version_only == 1 ]]; then
  printf '#include "esp_idf_version.h"\n' > "$work/probe.c"
  sources=("$work/probe.c")
else
  sources=("$ESP/esp/ota_agent.c" "$ESP/esp/ota_install.c" "$ESP/$port")
fi
deps=()
for src in "${sources[@]}"; do
  gcc "${flags[@]}" -M "$src" > "$work/deps" || { echo "esp-idf-headers.sh: gcc -M $src failed (a component missing from the list?)" >&2; exit 1; }
  while IFS= read -r f; do deps+=("$f"); done < <(tr ' \\' '\n\n' < "$work/deps" | grep -E "^$work/(idf|crypto)/" || true)
done

rm -rf "$out"
mkdir -p "$out"
kept=()
for f in $(printf '%s\n' "${deps[@]}" | sort -u); do
  rel=${f#"$work/"}
  mkdir -p "$out/$(dirname "$rel")"
  cp "$f" "$out/$rel"
  kept+=("$rel")
done
for d in "${dirs[@]}"; do [[ -d $out/$d ]] && echo "$d"; done > "$out/include-dirs.txt"
cp "$work/idf/LICENSE" "$out/LICENSE.esp-idf"
[[ $version_only == 1 ]] || cp "$work/crypto/LICENSE" "$out/LICENSE.crypto"

{
  echo "# Provenance"
  echo
  echo "Generated by scripts/esp-idf-headers.sh; do not edit. Unmodified copies of upstream files, kept"
  echo "only so that test/templates/esp-idf.test.ts can run gcc -fsyntax-only on the otactl glue."
  echo
  echo "- idf/: https://github.com/espressif/esp-idf, tag $tag, commit $idf_commit (Apache-2.0, LICENSE.esp-idf)"
  if [[ $version_only == 0 ]]; then
    echo "- crypto/: $crypto_url, tag $crypto_tag, commit $crypto_commit (Apache-2.0 OR GPL-2.0-or-later, LICENSE.crypto),"
    echo "  its default configuration (ESP-IDF's own mbedtls/esp_config.h is not applied)"
  fi
  echo
  echo "include-dirs.txt: the include directories in search order (the host \"linux\" target's)."
  echo
  echo "Files:"
  printf -- '- %s\n' "${kept[@]}"
} > "$out/PROVENANCE.md"
echo "esp-idf-headers.sh: $out: ${#kept[@]} headers"
