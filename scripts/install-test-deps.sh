#!/usr/bin/env bash
# Installs the Debian packages otactl's tests and benches need:
#   apksigner, aapt, zipalign, android-framework-res  -> test/artifacts/apk/fresh (fresh signed APKs, parity)
#   a JDK (keytool)                                  -> throwaway signing keys
#   openssl, time (/usr/bin/time)                    -> keys, benches (peak RSS)
#   wabt (wat2wasm)                                  -> the ESP checksum kernel matches its .wat
#   gcc, libmbedtls-dev, libcjson-dev                -> templates/esp-idf C core runs test/vectors
#   libbearssl-dev                                   -> the same core on its BearSSL port (ESP8266 Arduino)
#   g++                                              -> the ESP8266 glue's syntax check (core headers)
#   cmake                                            -> templates/esp-idf/CMakeLists.txt picks its sources per ESP-IDF release
#   bsdiff                                           -> bench/delta: Debian's bsdiff (bzip2) patch sizes beside otactl's
#   gcc-xtensa-lx106, picolibc-xtensa-lx106-elf      -> the core and ports cross-compiled for the ESP8266,
#                                                       frames <= 512 B (test/templates/arduino-esp8266.test.ts)
#   kotlin (kotlinc)                                 -> templates/android pure Kotlin runs test/vectors
#   mosquitto                                        -> MQTT nudges through a real broker (test/nudge)
#   python3-yaml                                     -> action.yml read as GitHub reads YAML (test/action)
#   chromium                                         -> headless render of otactl stats --html (test/telemetry)
#   apache2-utils (ab), nginx-light                  -> bench/serve.mjs: otactl serve against nginx on the same store
#   ceph-mon, ceph-osd, radosgw, ceph-common         -> a real S3 server (Ceph RGW) for the S3 store
#                                                       tests: scripts/ceph-rgw.sh, docs/testing.md
# Idempotent and non-interactive: when every tool is already present it does nothing (fast re-runs).
# Run as root (or with sudo available). Set OTACTL_DEPS_FORCE=1 to run apt regardless.
set -euo pipefail

FRAMEWORK_RES=/usr/share/android-framework-res/framework-res.apk

missing=()
all=()
need() { # need COMMAND_OR_PATH PACKAGE
  local what=$1 pkg=$2
  all+=("$pkg")
  if [[ $what == /* ]]; then
    [[ -e $what ]] || missing+=("$pkg")
  else
    command -v "$what" >/dev/null 2>&1 || missing+=("$pkg")
  fi
}

need apksigner apksigner
need aapt aapt
need zipalign zipalign
need keytool default-jdk-headless
need java default-jdk-headless
need openssl openssl
need /usr/bin/time time
need "$FRAMEWORK_RES" android-framework-res
need wat2wasm wabt
need gcc gcc
need bsdiff bsdiff
need cmake cmake
need /usr/include/mbedtls/pk.h libmbedtls-dev
need /usr/include/cjson/cJSON.h libcjson-dev
need /usr/include/bearssl/bearssl.h libbearssl-dev
need g++ g++
need xtensa-lx106-elf-gcc gcc-xtensa-lx106
need /usr/lib/xtensa-lx106-elf/include/string.h picolibc-xtensa-lx106-elf
need kotlinc kotlin
need /usr/sbin/mosquitto mosquitto
need /usr/lib/python3/dist-packages/yaml/__init__.py python3-yaml
need chromium chromium
need ab apache2-utils
need /usr/sbin/nginx nginx-light
need ceph-mon ceph-mon
need ceph-osd ceph-osd
need radosgw radosgw
need ceph ceph-common
need monmaptool ceph-common
need radosgw-admin radosgw

if [[ ${#missing[@]} -eq 0 && ${OTACTL_DEPS_FORCE:-0} != 1 ]]; then
  echo "install-test-deps: all test tools present, nothing to do"
  exit 0
fi

# Unique package list.
mapfile -t pkgs < <(printf '%s\n' "${missing[@]:-}" | sed '/^$/d' | sort -u)
if [[ ${OTACTL_DEPS_FORCE:-0} == 1 ]]; then
  mapfile -t pkgs < <(printf '%s\n' "${all[@]}" | sort -u)
fi
echo "install-test-deps: installing ${pkgs[*]}"

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
    echo "install-test-deps: not root and no sudo; install these Debian packages: ${pkgs[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
apt_get() { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Use-Pty=0 "$@"; }

start=$(date +%s)
# Refresh package lists only when they are missing or older than a day.
lists=/var/lib/apt/lists
if [[ -z $(find "$lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null | head -1) ]]; then
  apt_get update
fi
# --no-install-recommends keeps the JDK/Android tools from dragging in X11 and docs.
# Lists younger than a day can still name versions the mirror has dropped: update and retry once.
if ! apt_get install --no-install-recommends "${pkgs[@]}"; then
  apt_get update
  apt_get install --no-install-recommends "${pkgs[@]}"
fi

for t in apksigner aapt zipalign keytool openssl gcc kotlinc ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool; do
  command -v "$t" >/dev/null 2>&1 || { echo "install-test-deps: $t still missing after install" >&2; exit 1; }
done
[[ -e $FRAMEWORK_RES ]] || { echo "install-test-deps: $FRAMEWORK_RES missing after install" >&2; exit 1; }
echo "install-test-deps: done in $(( $(date +%s) - start ))s"
