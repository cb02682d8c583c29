#!/usr/bin/env bash
# Install what drplan's jobs need, skipping whatever is already there.
#   scripts/setup.sh demo   – wasm target, pinned wasm-bindgen-cli, node packages
#   scripts/setup.sh test   – the above + Debian packages (Chromium, chromedriver, restic, borg),
#                             a Python venv (.venv) with python/requirements-dev.txt (maturin, pytest,
#                             mypy, hypothesis; pandas, matplotlib, nbclient, ipykernel for the notebook tests)
# Versions are pinned here and in package.json: wasm-bindgen-cli must equal the wasm-bindgen crate,
# and npm binaryen (wasm-opt) because Debian's older wasm-opt writes a module that fails to load.
set -euo pipefail
cd "$(dirname "$0")/.."
job="${1:-test}"
WASM_BINDGEN_VERSION=0.2.130
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 90 s)"
  # No --locked: its lockfile wants a webpki-roots version the registry lacks; opt-level 1 halves
  # the build and the runner is as fast.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --no-default-features
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ] || [ ! -d node_modules/playwright-core ]; then
  say "installing node packages (binaryen, typescript, playwright-core)"
  npm ci --no-audit --no-fund
fi

[ "$job" = "demo" ] && exit 0

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v restic >/dev/null || need_apt+=(restic)
command -v borg >/dev/null || need_apt+=(borgbackup)
/usr/bin/python3 -c 'import cryptography' 2>/dev/null || need_apt+=(python3-cryptography)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Reinstall when the venv lacks any pinned package or has another version of one (pip check-free:
# each `name==version` line of requirements-dev.txt is compared with the installed metadata).
venv_current() {
  .venv/bin/python - python/requirements-dev.txt <<'PY' 2>/dev/null
import sys
from importlib.metadata import PackageNotFoundError, version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, _, pinned = line.partition("==")
    try:
        if pinned and version(name) != pinned:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
}
if [ ! -x .venv/bin/python ] || ! venv_current; then
  say "installing python/requirements-dev.txt into .venv"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r python/requirements-dev.txt
fi
say "ready"
