#!/usr/bin/env bash
# Makes fresh signed APKs with Debian's Android tools (aapt, zipalign, keytool, apksigner) into
# test/.generated/apks/ (gitignored), plus index.json describing each file.
#
#   bash test/artifacts/apk/fresh/make-apks.sh            # skip when up to date
#   OTACTL_APKS_FORCE=1 bash test/artifacts/apk/fresh/make-apks.sh
#   OTACTL_APKS_OUT=/some/dir bash test/artifacts/apk/fresh/make-apks.sh
#
# Up to date = the stamp (hash of this script, tamper.mjs and the tool versions) matches and every
# file index.json lists is there. Keys are fresh (random) per generation; the 48 MiB / 4 MiB
# bench payloads are deterministic (AES-256-CTR keystream of a fixed passphrase).
# Exit 3 when a tool is missing (install with scripts/install-test-deps.sh).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
OUT=${OTACTL_APKS_OUT:-$ROOT/test/.generated/apks}
FRAMEWORK_RES=${OTACTL_FRAMEWORK_RES:-/usr/share/android-framework-res/framework-res.apk}
PW=otactl-test-pass
BIG_BYTES=$((48 * 1024 * 1024 - 64 * 1024)) # the APK lands at ~48 MiB
SMALL_BYTES=$((4 * 1024 * 1024 - 64 * 1024)) # ~4 MiB, for the RSS comparison
# Parallel signing jobs (each is a JVM; 2 cores here).
JOBS=${OTACTL_APKS_JOBS:-2}

missing=()
for t in aapt zipalign keytool apksigner openssl node; do
  command -v "$t" >/dev/null 2>&1 || missing+=("$t")
done
[[ -e $FRAMEWORK_RES ]] || missing+=("$FRAMEWORK_RES (android-framework-res)")
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "make-apks: missing: ${missing[*]}. Run: bash scripts/install-test-deps.sh" >&2
  exit 3
fi

tool_versions="apksigner $(apksigner --version 2>&1); $(aapt version 2>&1); $(dpkg-query -W -f='zipalign ${Version}' zipalign 2>/dev/null || echo zipalign); $(java -version 2>&1 | head -1)"
stamp=$(printf '%s\n' "$tool_versions" | cat - "$HERE/make-apks.sh" "$HERE/tamper.mjs" | sha256sum | cut -d' ' -f1)

up_to_date() {
  [[ -f $OUT/.stamp && -f $OUT/index.json ]] || return 1
  [[ $(cat "$OUT/.stamp") == "$stamp" ]] || return 1
  node -e '
    const fs = require("fs"), path = require("path");
    const dir = process.argv[1];
    const idx = JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8"));
    for (const a of idx.apks) {
      const st = fs.statSync(path.join(dir, a.file), { throwIfNoEntry: false });
      if (!st || st.size !== a.size) process.exit(1);
    }' "$OUT"
}

# One generator at a time (test files run in parallel and may all call this script).
mkdir -p "$(dirname "$OUT")"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$OUT.lock"
  flock 9
fi

if [[ ${OTACTL_APKS_FORCE:-0} != 1 ]] && up_to_date; then
  echo "make-apks: up to date ($OUT)"
  exit 0
fi

t0=$(date +%s)
rm -rf "$OUT"
mkdir -p "$OUT/work"
W=$OUT/work
KS=$W/keys.p12
REC=$W/records.jsonl
: >"$REC"

# --- keys -----------------------------------------------------------------------------------
genkey() { # alias keytool-args...
  local alias=$1; shift
  keytool -genkeypair -keystore "$KS" -storetype PKCS12 -storepass "$PW" -keypass "$PW" \
    -alias "$alias" -dname "CN=otactl fresh $alias, O=otactl tests" -validity 10000 -noprompt "$@" >/dev/null 2>&1
}
genkey rsa -keyalg RSA -keysize 2048
genkey ec -keyalg EC -groupname secp256r1
genkey dsa -keyalg DSA -keysize 2048
genkey rsa2 -keyalg RSA -keysize 2048

# Signer options for apksigner (--ks ... for one key alias).
ks() { printf '%s\n' --ks "$KS" --ks-key-alias "$1" --ks-pass "pass:$PW" --key-pass "pass:$PW"; }
mapfile -t K_RSA < <(ks rsa)
mapfile -t K_EC < <(ks ec)
mapfile -t K_DSA < <(ks dsa)
mapfile -t K_RSA2 < <(ks rsa2)

# --- unsigned apps --------------------------------------------------------------------------
payload() { # bytes file: deterministic incompressible bytes
  head -c "$1" /dev/zero | openssl enc -aes-256-ctr -nosalt -pbkdf2 -pass pass:otactl-apk-bench-seed-1 >"$2"
}

# app NAME PACKAGE MIN_SDK VERSION_CODE BLOB_BYTES -> $W/app-NAME.apk (aligned, unsigned)
app() {
  local name=$1 pkg=$2 min=$3 vc=$4 blob=$5 d=$W/src-$1
  mkdir -p "$d/res/values" "$d/assets"
  cat >"$d/AndroidManifest.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    package="$pkg" android:versionCode="$vc" android:versionName="1.$vc.$min-fresh">
  <uses-sdk android:minSdkVersion="$min" android:targetSdkVersion="29" />
  <application android:label="@string/app_name" android:hasCode="false" />
</manifest>
XML
  cat >"$d/res/values/strings.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<resources><string name="app_name">otactl fresh $name</string></resources>
XML
  printf 'hello from otactl fresh app %s (minSdk %s)\n' "$name" "$min" >"$d/assets/hello.txt"
  payload "$blob" "$d/assets/blob.bin"
  # -0 bin: store blob.bin uncompressed (tamper target; the bench payload stays incompressible).
  aapt package -f -0 bin -M "$d/AndroidManifest.xml" -S "$d/res" -A "$d/assets" \
    -I "$FRAMEWORK_RES" -F "$W/unaligned-$name.apk" >/dev/null
  zipalign -f -p 4 "$W/unaligned-$name.apk" "$W/app-$name.apk"
  rm -f "$W/unaligned-$name.apk"
}

PKG=dev.otactl.fresh
app m14 $PKG 14 14 4096 &
app m18 $PKG 18 18 4096 &
wait
app m21 $PKG 21 21 4096 &
app m24 $PKG 24 24 4096 &
wait
app m28 $PKG 28 28 4096 &
app big dev.otactl.bench 24 4800 "$BIG_BYTES" &
app small dev.otactl.bench 24 400 "$SMALL_BYTES" &
wait

# --- records --------------------------------------------------------------------------------
# rec FILE KIND DESCRIPTION APP KEYS_JSON SCHEMES_JSON SIGN_MIN_SDK EXTRA_JSON
rec() {
  local file=$1 kind=$2 desc=$3 appname=$4 keys=$5 schemes=$6 smin=$7 extra=${8:-"{}"}
  printf '{"file":"%s","kind":"%s","description":"%s","app":"%s","key_algs":%s,"schemes_signed":%s,"sign_min_sdk":%s,"extra":%s}\n' \
    "$file" "$kind" "$desc" "$appname" "$keys" "$schemes" "$smin" "$extra" >>"$REC"
}

# sign OUTFILE APP SIGN_MIN_SDK SCHEMES(v1,v2,v3 flags as "1 1 0") -- signer args...
sign() {
  local out=$1 appname=$2 smin=$3 v1=$4 v2=$5 v3=$6
  shift 6
  local tf=(false true)
  apksigner sign --in "$W/app-$appname.apk" --out "$OUT/$out" --min-sdk-version "$smin" \
    --v1-signing-enabled "${tf[$v1]}" --v2-signing-enabled "${tf[$v2]}" \
    --v3-signing-enabled "${tf[$v3]}" --v4-signing-enabled false "$@" >"$W/$out.log" 2>&1 ||
    { echo "make-apks: apksigner sign failed for $out:" >&2; head -5 "$W/$out.log" >&2; rm -f "$OUT/$out"; return 1; }
  rm -f "$OUT/$out.idsig" "$W/$out.log"
}

# Runs up to $JOBS background jobs; `throttle` before each new one, `drain` at the end.
pids=()
throttle() {
  while [[ ${#pids[@]} -ge $JOBS ]]; do
    wait "${pids[0]}" || { echo "make-apks: a signing job failed" >&2; exit 1; }
    pids=("${pids[@]:1}")
  done
}
bg() { throttle; "$@" & pids+=($!); }
drain() {
  for p in "${pids[@]}"; do wait "$p" || { echo "make-apks: a signing job failed" >&2; exit 1; }; done
  pids=()
}

# --- lineages (rotation) --------------------------------------------------------------------
# rsa -> ec, and rsa -> ec -> rsa2. The rotation capability flags are apksigner's defaults.
bg apksigner rotate --out "$W/lineage-rsa-ec.bin" --old-signer "${K_RSA[@]}" --new-signer "${K_EC[@]}"
drain
bg apksigner rotate --in "$W/lineage-rsa-ec.bin" --out "$W/lineage-rsa-ec-rsa2.bin" --old-signer "${K_EC[@]}" --new-signer "${K_RSA2[@]}"

# --- signed variants ------------------------------------------------------------------------
# One key, scheme by scheme, for each key algorithm. v1-only uses a low minSdk: RSA at 14 (JAR
# digests are SHA-1 below 18), ECDSA JAR signing needs 18, and DSA needs 21 (below 21 apksigner
# signs JAR with SHA1withDSA, which JDK 17 refuses for a 2048-bit key: "security strength of
# SHA-1 ... not sufficient"; keytool makes DSA 1024/2048/3072, all SHA256withDSA).
# v2-only needs minSdk >= 24 to verify, v3-only minSdk >= 28.
for alg in rsa ec dsa; do
  case $alg in rsa) K=("${K_RSA[@]}") ka='"RSA"' ;; ec) K=("${K_EC[@]}") ka='"EC"' ;; dsa) K=("${K_DSA[@]}") ka='"DSA"' ;; esac
  case $alg in rsa) v1min=14 ;; ec) v1min=18 ;; dsa) v1min=21 ;; esac
  allmin=18
  [[ $alg == dsa ]] && allmin=21
  bg sign "$alg-v1.apk" m$v1min $v1min 1 0 0 "${K[@]}"
  rec "$alg-v1.apk" signed "$alg key, v1 (JAR) only, minSdk $v1min" m$v1min "[$ka]" '["v1"]' $v1min
  bg sign "$alg-v2.apk" m24 24 0 1 0 "${K[@]}"
  rec "$alg-v2.apk" signed "$alg key, v2 only, minSdk 24" m24 "[$ka]" '["v2"]' 24
  bg sign "$alg-v3.apk" m28 28 0 0 1 "${K[@]}"
  rec "$alg-v3.apk" signed "$alg key, v3 only, minSdk 28" m28 "[$ka]" '["v3"]' 28
  bg sign "$alg-v123.apk" m$allmin $allmin 1 1 1 "${K[@]}"
  rec "$alg-v123.apk" signed "$alg key, v1+v2+v3, minSdk $allmin" m$allmin "[$ka]" '["v1","v2","v3"]' $allmin
done
# Scheme/minSdk mismatches: v2-only at minSdk 14 lacks the v1 that API < 24 needs (apksigner: does
# not verify); v3-only at minSdk 24 has nothing for API 24-27 (apksigner 31 still says verifies).
bg sign rsa-v2-min14.apk m14 14 0 1 0 "${K_RSA[@]}"
rec rsa-v2-min14.apk signed "rsa key, v2 only, but manifest minSdk 14 (no v1 for API < 24)" m14 '["RSA"]' '["v2"]' 14
bg sign rsa-v3-min24.apk m24 24 0 0 1 "${K_RSA[@]}"
rec rsa-v3-min24.apk signed "rsa key, v3 only, manifest minSdk 24 (below v3's API 28)" m24 '["RSA"]' '["v3"]' 24
bg sign rsa-v12.apk m18 18 1 1 0 "${K_RSA[@]}"
rec rsa-v12.apk signed "rsa key, v1+v2, minSdk 18" m18 '["RSA"]' '["v1","v2"]' 18
drain

# Rotation: v1/v2 are signed by the oldest key, v3 by the newest with the proof-of-rotation.
bg sign rotated-v123.apk m18 18 1 1 1 --lineage "$W/lineage-rsa-ec.bin" "${K_RSA[@]}" --next-signer "${K_EC[@]}"
rec rotated-v123.apk signed "rotated rsa -> ec (lineage of 2), v1+v2 by rsa, v3 by ec, minSdk 18" m18 '["RSA","EC"]' '["v1","v2","v3"]' 18 '{"lineage":["rsa","ec"]}'
bg sign rotated-v3.apk m28 28 0 0 1 --lineage "$W/lineage-rsa-ec.bin" "${K_RSA[@]}" --next-signer "${K_EC[@]}"
rec rotated-v3.apk signed "rotated rsa -> ec (lineage of 2), v3 only, minSdk 28" m28 '["RSA","EC"]' '["v3"]' 28 '{"lineage":["rsa","ec"]}'
bg sign rotated3-v123.apk m18 18 1 1 1 --lineage "$W/lineage-rsa-ec-rsa2.bin" "${K_RSA[@]}" --next-signer "${K_EC[@]}" --next-signer "${K_RSA2[@]}"
rec rotated3-v123.apk signed "rotated rsa -> ec -> rsa2 (lineage of 3), v1+v2 by rsa, v3 by rsa2, minSdk 18" m18 '["RSA","EC","RSA"]' '["v1","v2","v3"]' 18 '{"lineage":["rsa","ec","rsa2"]}'
# Two signers (v1/v2 multi-signer; v3 allows one signer per SDK range, so it is off).
bg sign two-signers-v12.apk m18 18 1 1 0 "${K_RSA[@]}" --next-signer "${K_EC[@]}"
rec two-signers-v12.apk signed "two signers rsa + ec, v1+v2, minSdk 18" m18 '["RSA","EC"]' '["v1","v2"]' 18 '{"signers":2}'
bg sign two-signers-v1.apk m21 21 1 0 0 "${K_RSA[@]}" --next-signer "${K_DSA[@]}"
rec two-signers-v1.apk signed "two signers rsa + dsa, v1 only, minSdk 21" m21 '["RSA","DSA"]' '["v1"]' 18 '{"signers":2}'
# Bench payloads.
bg sign bench-48m.apk big 24 1 1 1 "${K_RSA[@]}"
rec bench-48m.apk bench "~48 MiB APK (stored incompressible asset), rsa, v1+v2+v3, minSdk 24" big '["RSA"]' '["v1","v2","v3"]' 24 "{\"payload_bytes\":$BIG_BYTES}"
bg sign bench-4m.apk small 24 1 1 1 "${K_RSA[@]}"
rec bench-4m.apk bench "~4 MiB APK (stored incompressible asset), rsa, v1+v2+v3, minSdk 24" small '["RSA"]' '["v1","v2","v3"]' 24 "{\"payload_bytes\":$SMALL_BYTES}"
drain

# --- tampered after signing -----------------------------------------------------------------
# tamper OUT BASE COVERED MODE [ARG]: COVERED=true when the changed bytes are covered by a
# signature that must fail (so no verifier may say "verified").
tamper() {
  local out=$1 base=$2 covered=$3 mode=$4 arg=${5:-}
  local info
  info=$(node "$HERE/tamper.mjs" "$mode" "$OUT/$base" "$OUT/$out" $arg)
  local b; b=$(grep -F "\"file\":\"$base\"" "$REC" | head -1)
  local keys schemes smin appname
  keys=$(sed -E 's/.*"key_algs":(\[[^]]*\]).*/\1/' <<<"$b")
  schemes=$(sed -E 's/.*"schemes_signed":(\[[^]]*\]).*/\1/' <<<"$b")
  smin=$(sed -E 's/.*"sign_min_sdk":([0-9]+).*/\1/' <<<"$b")
  appname=$(sed -E 's/.*"app":"([^"]*)".*/\1/' <<<"$b")
  rec "$out" tampered "$base tampered: $mode${arg:+ $arg}" "$appname" "$keys" "$schemes" "$smin" \
    "{\"base\":\"$base\",\"covered_by_signature\":$covered,\"tamper\":$info}"
}
tamper tampered-rsa-v1-flip-asset.apk rsa-v1.apk true flip-entry assets/blob.bin
tamper tampered-rsa-v2-flip-asset.apk rsa-v2.apk true flip-entry assets/blob.bin
tamper tampered-rsa-v3-flip-asset.apk rsa-v3.apk true flip-entry assets/blob.bin
tamper tampered-rsa-v123-flip-asset.apk rsa-v123.apk true flip-entry assets/blob.bin
tamper tampered-ec-v123-flip-asset.apk ec-v123.apk true flip-entry assets/blob.bin
tamper tampered-rotated-v123-flip-asset.apk rotated-v123.apk true flip-entry assets/blob.bin
# A v2/v3-signed APK whose v1 signature files were modified.
tamper tampered-rsa-v123-flip-manifest-mf.apk rsa-v123.apk true flip-entry META-INF/MANIFEST.MF
# EOCD comment: covered by v2/v3 (the whole EOCD is digested), not by v1.
tamper tampered-rsa-v123-comment.apk rsa-v123.apk true comment 16
tamper tampered-rsa-v2-comment.apk rsa-v2.apk true comment 16
tamper tampered-rsa-v1-comment.apk rsa-v1.apk false comment 16
tamper tampered-rsa-v123-eocd-cd-offset.apk rsa-v123.apk true eocd-cd-offset 1
tamper tampered-rsa-v123-gap-cd-eocd.apk rsa-v123.apk true gap-cd-eocd 4
# v2/v3 block stripped: v1 alone still checks, but its X-Android-APK-Signed header must expose
# the stripping (rollback protection).
tamper tampered-rsa-v123-stripped.apk rsa-v123.apk true strip-sig-block
tamper tampered-rsa-v12-stripped.apk rsa-v12.apk true strip-sig-block

# --- apksigner's own verdict (for the fuzzer's coverage model; the parity test re-runs it) ----
verdict() {
  local f=$1
  apksigner verify -v --print-certs "$OUT/$f" >"$W/verdict-$f.txt" 2>&1 || true
}
while read -r f; do bg verdict "$f"; done < <(sed -E 's/^\{"file":"([^"]+)".*/\1/' "$REC")
drain

# --- index.json -----------------------------------------------------------------------------
node - "$OUT" "$tool_versions" <<'JS'
const fs = require('fs'), path = require('path'), crypto = require('crypto');
const [dir, tools] = process.argv.slice(2);
const W = path.join(dir, 'work');
const apps = {};
for (const name of fs.readdirSync(W).filter((n) => n.startsWith('src-'))) {
  const m = fs.readFileSync(path.join(W, name, 'AndroidManifest.xml'), 'utf8');
  apps[name.slice(4)] = {
    package: /package="([^"]+)"/.exec(m)[1],
    version_code: Number(/versionCode="(\d+)"/.exec(m)[1]),
    version_name: /versionName="([^"]+)"/.exec(m)[1],
    min_sdk: Number(/minSdkVersion="(\d+)"/.exec(m)[1]),
  };
}
const apks = fs.readFileSync(path.join(W, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((r) => {
  const buf = fs.readFileSync(path.join(dir, r.file));
  const { app, extra, ...rest } = r;
  const v = fs.readFileSync(path.join(W, `verdict-${r.file}.txt`), 'utf8');
  const schemes = {};
  for (const m of v.matchAll(/^Verified using v(\d(?:\.\d)?) scheme \([^)]*\): (true|false)$/gm)) schemes[`v${m[1].replace('.', '')}`] = m[2] === 'true';
  const apksigner = {
    verifies: /^Verifies$/m.test(v) && !/^DOES NOT VERIFY$/m.test(v),
    schemes,
    signer_cert_sha256: [...v.matchAll(/^Signer #\d+ certificate SHA-256 digest: ([0-9a-f]{64})$/gm)].map((m) => m[1]),
    errors: v.split('\n').filter((l) => /^(ERROR|Exception)/.test(l)).slice(0, 3),
  };
  return { ...rest, size: buf.length, sha256: crypto.createHash('sha256').update(buf).digest('hex'),
    ...apps[app], ...extra, apksigner };
});
const index = { generated_by: 'test/artifacts/apk/fresh/make-apks.sh', tools, generated_at: new Date().toISOString(), apks };
fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index, null, 1) + '\n');
JS
# Keep the keystore and lineages (handy for debugging); drop the app sources and unsigned apps.
rm -rf "$W"/src-* "$W"/app-*.apk "$W"/verdict-*.txt
echo "$stamp" >"$OUT/.stamp"
echo "make-apks: $(grep -c . "$REC") APKs in $OUT ($(($(date +%s) - t0))s)"
