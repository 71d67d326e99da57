#!/usr/bin/env bash
# Installs the real VS Code that the e2e tests drive: code-server 4.100.3 (VS Code 1.100.3, the newest
# release that runs on Node 20) from npm, plus Debian's chromium and ripgrep. Follows the verified recipe
# in shared/docs/real-vscode-offline.md: code-server's postinstall downloads from GitHub, so it is
# installed with --ignore-scripts and its native modules are built here from source.
#
# Idempotent: does nothing when the runtime is complete (a stamp written last, plus node-pty's binary).
# The runtime lives outside the project's package.json (a plain `npm ci` would run the failing
# postinstall): in $MESHWRIGHT_E2E_RUNTIME, by default <repo>/.e2e/runtime (gitignored).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNTIME="${MESHWRIGHT_E2E_RUNTIME:-$ROOT/.e2e/runtime}"
VSCODE_DIR="$RUNTIME/node_modules/code-server/lib/vscode"
STAMP="$RUNTIME/.installed-code-server-$CODE_SERVER_VERSION"
START=$SECONDS

log() { printf '[e2e-runtime] %s\n' "$*"; }
fail() { printf '[e2e-runtime] ERROR: %s\n' "$*" >&2; exit 1; }
# Runs a native build quietly; on failure shows its log and says how to retry.
build_quietly() {
  local name=$1 dir=$2
  shift 2
  local build_log="$RUNTIME/build-logs/${name//\//_}.log"
  mkdir -p "$RUNTIME/build-logs"
  log "building $name"
  if ! (cd "$dir" && "$@") >"$build_log" 2>&1; then
    tail -n 40 "$build_log" >&2
    fail "building $name failed (full log: $build_log); fix the cause (compiler, Node headers, libkrb5-dev), then run this script again"
  fi
}

# --- 1. Debian packages (only the missing ones; installing needs root, as CI has) ---------------------
APT_PACKAGES=(ripgrep libkrb5-dev pkg-config build-essential python3)
# The demo (npm run demo) drives no browser: MESHWRIGHT_RUNTIME_NO_BROWSER=1 skips Debian's chromium.
[[ -n "${MESHWRIGHT_RUNTIME_NO_BROWSER:-}" ]] || APT_PACKAGES+=(chromium)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    fail "missing Debian packages: ${missing[*]}; install them as root: apt-get install -y --no-install-recommends ${missing[*]}"
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v rg >/dev/null || fail "ripgrep (rg) is not on PATH after installing it"
[[ -n "${MESHWRIGHT_RUNTIME_NO_BROWSER:-}" || -x /usr/bin/chromium ]] || fail "/usr/bin/chromium is missing after installing the chromium package"

# --- 2. code-server, already complete? ------------------------------------------------------------------
if [[ -f "$STAMP" && -f "$VSCODE_DIR/node_modules/node-pty/build/Release/pty.node" ]]; then
  log "code-server $CODE_SERVER_VERSION is ready in $RUNTIME"
  exit 0
fi

NODE_PREFIX="$(node -p 'require("path").resolve(process.execPath, "../..")')"
[[ -f "$NODE_PREFIX/include/node/node_version.h" ]] ||
  fail "Node headers not found in $NODE_PREFIX/include/node; native modules cannot be built offline without them (install Node with its headers, e.g. Debian's nodejs package)"
NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
[[ -f "$NODE_GYP" ]] || fail "node-gyp not found at $NODE_GYP (it ships with npm)"
NPM_FLAGS=(--no-audit --no-fund --loglevel=error)

log "installing code-server $CODE_SERVER_VERSION into $RUNTIME"
mkdir -p "$RUNTIME"
cd "$RUNTIME"
[[ -f package.json ]] || echo '{"name":"meshwright-e2e-runtime","private":true}' >package.json
npm install "${NPM_FLAGS[@]}" --ignore-scripts "code-server@$CODE_SERVER_VERSION"

# argon2: code-server requires it at startup; its prebuilt binary is on GitHub, so build it from source.
build_quietly argon2 node_modules/argon2 ../.bin/node-pre-gyp install --build-from-source --nodedir="$NODE_PREFIX"

cd "$VSCODE_DIR"
log "installing VS Code's own dependencies"
npm install "${NPM_FLAGS[@]}" --omit=dev --ignore-scripts
for module in node-pty @vscode/spdlog kerberos native-watchdog @vscode/deviceid; do
  build_quietly "$module" "node_modules/$module" node "$NODE_GYP" rebuild --nodedir="$NODE_PREFIX" -j "$(nproc)"
done
# @parcel/watcher uses its prebuilt npm package (@parcel/watcher-linux-x64-glibc); @vscode/windows-* are
# Windows-only. ripgrep comes from Debian instead of @vscode/ripgrep's GitHub download.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# The rest of code-server's postinstall.sh.
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install "${NPM_FLAGS[@]}" --omit=dev >/dev/null)

node -e 'for (const m of ["node-pty","@vscode/spdlog","kerberos","native-watchdog","@parcel/watcher"]) require(m)' ||
  fail "a native module of VS Code does not load; delete $RUNTIME and run this script again"
"$RUNTIME/node_modules/.bin/code-server" --config /dev/null --version | head -n 1
touch "$STAMP"
log "code-server $CODE_SERVER_VERSION installed in $((SECONDS - START)) s ($(du -sh "$RUNTIME" | cut -f1))"
