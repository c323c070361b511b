#!/usr/bin/env bash
# otactl quickstart on the embedded file:// store: no cloud account needed.
#   init -> upload two builds -> promote B1 at 100% -> promote B2 at 10% -> simulate 10,000 devices
#   -> raise to 50% -> serve the store over HTTP and ask it what one device would do -> roll back
#   -> history.
# Usage: bash examples/quickstart.sh [WORKDIR]   (default: a new temporary folder)
#
# Optional S3 part (docs/s3.md), after the file:// part: set OTACTL_QUICKSTART_S3_ENDPOINT (an S3
# server, e.g. http://127.0.0.1:7480) and OTACTL_QUICKSTART_S3_BUCKET (an existing bucket; the demo
# writes under a new prefix in it), credentials in the AWS environment (AWS_ACCESS_KEY_ID /
# AWS_SECRET_ACCESS_KEY or AWS_PROFILE). Then: init against s3://, upload, promote, status and a
# simulated fleet, all on the S3 store. Ceph's gateway also needs OTACTL_S3_IF_MATCH_UNQUOTED=1.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
otactl() { node "$here/bin/otactl.js" "$@"; }
[[ -f $here/dist/cli/main.js ]] || (cd "$here" && npm run build --silent)

work=${1:-$(mktemp -d -t otactl-quickstart-XXXXXX)}
mkdir -p "$work" && cd "$work"
# Keep this demo's private key inside the demo folder instead of ~/.config/otactl/keys.
export OTACTL_KEY_DIR="$work/.keys"
export OTACTL_ACTOR="${OTACTL_ACTOR:-quickstart}"

# Whatever this script starts in the background is stopped when it ends: normally, on an error
# (set -e), on Ctrl-C (exit 130) and on SIGTERM (exit 143).
server=
cleanup() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "otactl init (config, store folder, ECDSA P-256 signing key)"
otactl init

step "two builds of a firmware (any binary works; APKs and ESP images are verified first)"
head -c 300000 /dev/urandom > app-1.0.0.bin
head -c 310000 /dev/urandom > app-1.1.0.bin
B1=$(otactl upload app-1.0.0.bin --app demo.sensor --kind file --version-name 1.0.0 --version-code 10000 --json | node -pe 'JSON.parse(require("fs").readFileSync(0)).build_id')
B2=$(otactl upload app-1.1.0.bin --app demo.sensor --kind file --version-name 1.1.0 --version-code 10100 --json | node -pe 'JSON.parse(require("fs").readFileSync(0)).build_id')
otactl builds --app demo.sensor

step "promote $B1 to 100% of stable, then $B2 to a 10% staged rollout"
otactl promote "$B1" --app demo.sensor --channel stable --rollout 100 --yes
otactl promote "$B2" --app demo.sensor --channel stable --rollout 10 --canary-tag qa-lab --yes

step "what 10,000 devices running 1.0.0 would do now"
otactl simulate --app demo.sensor --channel stable --devices 10000

step "raise the rollout to 50% (nobody already in the cohort leaves it)"
otactl rollout 50 --app demo.sensor --channel stable --yes
otactl simulate --app demo.sensor --channel stable --devices 10000

step "serve the store over HTTP like a CDN, and ask what device 'sensor-0042' would do"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# node itself in the background (not the otactl function, which would fork a subshell): $! is
# then the server's pid, the one cleanup must stop.
node "$here/bin/otactl.js" serve --port "$port" --access-log access.log >/dev/null 2>&1 &
server=$!
manifest="http://127.0.0.1:$port/apps/demo.sensor/channels/stable/manifest.json"
node -e 'const u=process.argv[1];(async()=>{for(let i=0;i<300;i++){try{if((await fetch(u)).ok)return}catch{}await new Promise(r=>setTimeout(r,100))}process.exit(1)})()' "$manifest"
echo "quickstart: serving the store on http://127.0.0.1:$port" >&2
otactl check --app demo.sensor --channel stable --device sensor-0042 --current-version-code 10000 --wifi --manifest "$manifest"
step "a device in the qa-lab canary group, off Wi-Fi: the update waits for Wi-Fi"
otactl check --app demo.sensor --channel stable --device bench-unit-7 --tags qa-lab --current-version-code 10000 --no-wifi --manifest "$manifest"

step "something is wrong with 1.1.0: roll back to the last safe build"
otactl rollback --app demo.sensor --channel stable --yes
otactl status --app demo.sensor

step "history (who, when, from -> to; a verified hash chain)"
otactl history --app demo.sensor --channel stable

cleanup

if [[ -n ${OTACTL_QUICKSTART_S3_ENDPOINT:-} ]]; then
  bucket=${OTACTL_QUICKSTART_S3_BUCKET:?OTACTL_QUICKSTART_S3_ENDPOINT is set: OTACTL_QUICKSTART_S3_BUCKET must name an existing bucket}
  # A prefix of its own per run: the bucket may hold other stores, or an earlier run's.
  s3store="s3://$bucket/quickstart-$(date +%s)-$RANDOM"
  step "the same on an S3 store: $s3store at $OTACTL_QUICKSTART_S3_ENDPOINT"
  mkdir -p "$work/s3" && cd "$work/s3"
  otactl init --store "$s3store" --endpoint "$OTACTL_QUICKSTART_S3_ENDPOINT"
  S1=$(otactl upload ../app-1.0.0.bin --app demo.sensor --kind file --version-name 1.0.0 --version-code 10000 --json | node -pe 'JSON.parse(require("fs").readFileSync(0)).build_id')
  S2=$(otactl upload ../app-1.1.0.bin --app demo.sensor --kind file --version-name 1.1.0 --version-code 10100 --json | node -pe 'JSON.parse(require("fs").readFileSync(0)).build_id')
  otactl promote "$S1" --app demo.sensor --channel stable --rollout 100 --yes
  otactl promote "$S2" --app demo.sensor --channel stable --rollout 10 --yes
  otactl status --app demo.sensor --channel stable
  step "10,000 devices running 1.0.0 against the S3 store"
  otactl simulate --app demo.sensor --channel stable --devices 10000
  echo "quickstart: S3 part done on $s3store" >&2
  cd "$work"
fi

step "done: the store is in $work/ota-store, its CDN-style access log in $work/access.log"
