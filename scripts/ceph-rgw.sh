#!/usr/bin/env bash
# A throwaway single-node Ceph cluster with its S3 gateway (radosgw) on 127.0.0.1, for the S3 store
# tests and by hand (docs/testing.md):
#
#   scripts/ceph-rgw.sh start DIR   # DIR must not exist or be empty; prints KEY=VALUE lines:
#                                   # CEPH_RGW_ENDPOINT, CEPH_RGW_ACCESS_KEY_ID, CEPH_RGW_SECRET_ACCESS_KEY
#   scripts/ceph-rgw.sh stop DIR    # kills the daemons it started (by pid), removes DIR
#
# Everything lives in DIR: config, monitor store, pid files, admin sockets, logs. One monitor, one
# OSD on memstore (objects in RAM), no manager, no authentication, pools of size 1. The ports are
# picked free at start, so two runs (or a developer's own cluster) don't collide.
# With CEPH_RGW_OWNER_PID set, a watchdog stops the cluster when that process is gone, so a killed
# test run leaves no daemons behind. CEPH_RGW_START_TIMEOUT (seconds, default 120) bounds start.
# Needs: ceph-mon ceph-osd radosgw ceph-common (scripts/install-test-deps.sh) and node.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2
MARKER=.otactl-ceph-rgw # only a DIR holding this file is ever removed by stop

# Daemons whose command line names this DIR's config are ours; a recycled pid is left alone.
ours() { # ours PID
  [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$dir/"
}

stop_cluster() {
  [[ -d $dir/run ]] || { [[ -e $dir/$MARKER ]] && rm -rf -- "$dir"; return 0; }
  local pids=() f p
  for f in "$dir"/run/*.pid; do
    [[ -e $f ]] || continue
    p=$(<"$f")
    [[ $p =~ ^[0-9]+$ && $p != "$$" ]] && ours "$p" && pids+=("$p")
  done
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  # Wait (bounded) for them to exit; whatever still runs after 10 s is killed hard.
  local deadline=$((SECONDS + 10)) alive
  while :; do
    alive=()
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && ours "$p" && alive+=("$p"); done
    [[ ${#alive[@]} -eq 0 ]] && break
    if ((SECONDS >= deadline)); then
      for p in "${alive[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
      sleep 0.2
      deadline=$((SECONDS + 5))
    fi
    sleep 0.1
  done
  [[ -e $dir/$MARKER ]] && rm -rf -- "$dir"
  return 0
}

log_tails() {
  local f
  for f in "$dir"/log/*.log; do
    [[ -s $f ]] || continue
    echo "--- tail of $f" >&2
    tail -n 15 "$f" >&2
  done
}

fail() {
  echo "ceph-rgw: $*" >&2
  log_tails
  stop_cluster
  exit 1
}

# N distinct free TCP ports on 127.0.0.1 (held open together so they differ).
free_ports() {
  node -e '
    const net = require("node:net");
    const n = Number(process.argv[1]);
    const servers = Array.from({ length: n }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok, ko) => s.once("error", ko).listen(0, "127.0.0.1", ok))))
      .then(() => { console.log(servers.map((s) => s.address().port).join(" ")); servers.forEach((s) => s.close()); });
  ' "$1"
}

# Exit 0 once the gateway answers HTTP (any status: an anonymous GET / is a valid S3 request).
http_answers() {
  node -e '
    fetch(process.argv[1], { signal: AbortSignal.timeout(3000) })
      .then(() => process.exit(0), () => process.exit(1));
  ' "$1"
}

random_string() { # random_string LENGTH ALPHABET (no pipe from /dev/urandom: SIGPIPE + pipefail)
  local s
  s=$(head -c 4096 /dev/urandom | LC_ALL=C tr -dc "$2")
  echo "${s:0:$1}"
}

start_cluster() {
  for tool in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool node; do
    command -v "$tool" >/dev/null 2>&1 ||
      { echo "ceph-rgw: $tool not found; run scripts/install-test-deps.sh" >&2; exit 1; }
  done
  if [[ -e $dir && -n $(ls -A -- "$dir") ]]; then
    echo "ceph-rgw: $dir is not empty" >&2
    exit 2
  fi
  mkdir -p -- "$dir"
  dir=$(cd -- "$dir" && pwd -P) # absolute: the daemons run from elsewhere and ours() matches on it
  touch "$dir/$MARKER"
  mkdir -p "$dir"/{run,log,osd}
  local timeout=${CEPH_RGW_START_TIMEOUT:-120}
  local deadline=$((SECONDS + timeout))

  local mon_v2 mon_v1 rgw_port
  read -r mon_v2 mon_v1 rgw_port < <(free_ports 3)
  local fsid conf=$dir/ceph.conf
  fsid=$(cat /proc/sys/kernel/random/uuid)
  cat >"$conf" <<EOF
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:$mon_v2,v1:127.0.0.1:$mon_v1]
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
ms bind ipv6 = false
# Loopback only. The OSD takes free ports of 6800-7300 by itself (ms bind port min/max).
public addr = 127.0.0.1
cluster addr = 127.0.0.1
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
osd pool default pg num = 8
osd pool default pgp num = 8
mon max pg per osd = 1000
osd crush chooseleaf type = 0
run dir = $dir/run
admin socket = $dir/run/\$name.asok
pid file = $dir/run/\$name.pid
log file = $dir/log/\$name.log
keyring = $dir/\$name.keyring
mon data = $dir/mon
osd data = $dir/osd
osd objectstore = memstore

[client]
# Without it the gateway (and radosgw-admin) hang on an auth error against a cluster without auth.
ms mon client mode = crc
log file = $dir/log/\$name.log

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $dir/rgw
EOF
  local c=(-c "$conf")

  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_v2,v1:127.0.0.1:$mon_v1]" \
    "$dir/monmap" >"$dir/log/setup.log" 2>&1 || fail "monmaptool failed"
  ceph-mon "${c[@]}" --mkfs -i a --monmap "$dir/monmap" >>"$dir/log/setup.log" 2>&1 ||
    fail "ceph-mon --mkfs failed"
  ceph-mon "${c[@]}" -i a </dev/null >>"$dir/log/setup.log" 2>&1 || fail "ceph-mon did not start"
  [[ -n ${CEPH_RGW_OWNER_PID:-} ]] && start_watchdog "$CEPH_RGW_OWNER_PID"

  local osd_uuid osd_id
  osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  osd_id=$(timeout "$((deadline - SECONDS))" ceph "${c[@]}" osd new "$osd_uuid" 2>>"$dir/log/setup.log") ||
    fail "the monitor did not answer (ceph osd new) within ${timeout}s"
  ceph-osd "${c[@]}" -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" >>"$dir/log/setup.log" 2>&1 ||
    fail "ceph-osd --mkfs failed"
  ceph-osd "${c[@]}" -i "$osd_id" </dev/null >>"$dir/log/setup.log" 2>&1 || fail "ceph-osd did not start"
  radosgw "${c[@]}" -n client.rgw.a </dev/null >>"$dir/log/setup.log" 2>&1 || fail "radosgw did not start"

  local endpoint=http://127.0.0.1:$rgw_port
  until http_answers "$endpoint"; do
    ((SECONDS < deadline)) || fail "the gateway did not answer on $endpoint within ${timeout}s"
    sleep 0.5
  done

  local access_key secret_key
  access_key=$(random_string 20 'A-Z0-9')
  secret_key=$(random_string 40 'A-Za-z0-9')
  timeout "$((deadline - SECONDS + 5))" radosgw-admin "${c[@]}" user create --uid=otactl-test \
    --display-name="otactl test" --access-key="$access_key" --secret-key="$secret_key" \
    >>"$dir/log/setup.log" 2>&1 || fail "radosgw-admin user create failed"

  echo "CEPH_RGW_ENDPOINT=$endpoint"
  echo "CEPH_RGW_ACCESS_KEY_ID=$access_key"
  echo "CEPH_RGW_SECRET_ACCESS_KEY=$secret_key"
}

# Stops the cluster once OWNER is gone (or DIR was removed by a regular stop).
start_watchdog() { # start_watchdog OWNER_PID
  local owner=$1 self
  self=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)/$(basename -- "${BASH_SOURCE[0]}")
  setsid bash -c '
    while kill -0 "$1" 2>/dev/null && [[ -d $3 ]]; do sleep 1; done
    [[ -d $3 ]] && exec bash "$2" stop "$3"
  ' ceph-rgw-watchdog "$owner" "$self" "$dir/" </dev/null >>"$dir/log/watchdog.log" 2>&1 &
  echo $! >"$dir/run/watchdog.pid"
}

case $cmd in
  start) start_cluster ;;
  stop) [[ -d $dir ]] && dir=$(cd -- "$dir" && pwd -P) && stop_cluster ;;
  *) usage ;;
esac
