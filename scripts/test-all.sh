#!/usr/bin/env bash
# The test command: installs whatever is missing, then runs every test.
#
#   bash scripts/test-all.sh
#
# Install steps are idempotent and skip what is already there: the wasm32
# target, wasm-bindgen-cli (the version pinned in bindings/wasm/Cargo.toml),
# Debian's chromium (for the browser test), a Python venv in .venv with the
# pinned dev tools, and the pinned npm dev tools of bindings/wasm.
# Then: Rust (fmt, clippy on the host and wasm32, tests, docs), Python (the
# wheel installed with pip, pytest, stubtest, mypy --strict), WebAssembly
# (build, node --test, tsc --strict) and the demo page in headless Chromium.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

start_all=$(date +%s)
declare -a timings=()
stage() {
  local name="$1"
  shift
  local t0
  t0=$(date +%s)
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  "$@"
  timings+=("$(printf '%5ss  %s' "$(($(date +%s) - t0))" "$name")")
}
sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ---------------------------------------------------------------- install
install_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "wasm32-unknown-unknown: already installed"
  else
    rustup target add wasm32-unknown-unknown
  fi
}

install_wasm_bindgen() {
  local pinned
  pinned=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' bindings/wasm/Cargo.toml)
  [ -n "$pinned" ] || { echo "no pinned wasm-bindgen version in bindings/wasm/Cargo.toml" >&2; return 1; }
  if command -v wasm-bindgen >/dev/null && [ "$(wasm-bindgen --version)" = "wasm-bindgen $pinned" ]; then
    echo "wasm-bindgen $pinned: already installed"
  else
    # Without --locked: with it, resolution fails on this registry mirror (TOOLCHAIN.md).
    cargo install wasm-bindgen-cli --version "$pinned"
  fi
}

install_chromium() {
  if [ -x /usr/bin/chromium ]; then
    echo "chromium: already installed ($(/usr/bin/chromium --version 2>/dev/null || true))"
  else
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  fi
}

install_python_tools() {
  local req=bindings/python/requirements-dev.txt stamp=.venv/.requirements-dev.sha256
  [ -x .venv/bin/python ] || python3 -m venv .venv
  if [ -f "$stamp" ] && sha256sum --status -c "$stamp" 2>/dev/null; then
    echo "python dev tools: already installed in .venv"
  else
    .venv/bin/pip install -q -r "$req"
    sha256sum "$req" > "$stamp"
  fi
}

install_npm_tools() {
  local dir=bindings/wasm stamp=bindings/wasm/node_modules/.ticketry-lock.sha256
  if [ -f "$stamp" ] && sha256sum --status -c "$stamp" 2>/dev/null; then
    echo "npm dev tools: already installed"
  else
    (cd "$dir" && npm ci --no-audit --no-fund)
    sha256sum "$dir/package-lock.json" > "$stamp"
  fi
}

# ---------------------------------------------------------------- checks
rust_checks() {
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets -- -D warnings
  cargo clippy -p ticketry -p ticketry-wasm --target wasm32-unknown-unknown -- -D warnings
}
rust_tests() { cargo test --workspace; }
rust_docs() { RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps; }

python_tests() {
  # pip builds the wheel through maturin (the PEP 517 backend), as a user's pip would.
  .venv/bin/pip install -q --force-reinstall --no-deps ./bindings/python
  (cd bindings/python && ../../.venv/bin/python -m pytest -q tests)
  .venv/bin/python -m mypy.stubtest ticketry --allowlist bindings/python/stubtest-allowlist.txt
  .venv/bin/python -m mypy --strict bindings/python/tests
}

wasm_tests() {
  bash bindings/wasm/build.sh
  node --test bindings/wasm/tests/*.test.mjs
  (cd bindings/wasm && node_modules/.bin/tsc -p .)
}

browser_tests() { node bindings/wasm/tests/browser.e2e.mjs; }

stage "install: wasm32 target" install_wasm_target
stage "install: wasm-bindgen-cli" install_wasm_bindgen
stage "install: chromium" install_chromium
stage "install: python tools" install_python_tools
stage "install: npm tools" install_npm_tools
stage "rust: fmt and clippy (host and wasm32)" rust_checks
stage "rust: tests (unit, integration, conformance, doc)" rust_tests
stage "rust: docs" rust_docs
stage "python: wheel, pytest, stubtest, mypy --strict" python_tests
stage "wasm: build, node --test, tsc --strict" wasm_tests
stage "browser: demo page in headless chromium" browser_tests

printf '\n\033[1mall tests passed in %ss\033[0m\n' "$(($(date +%s) - start_all))"
printf '%s\n' "${timings[@]}"
