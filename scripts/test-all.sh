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

# cargo install puts wasm-bindgen here; a login shell may not have it on PATH.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

start_all=$(date +%s)
# Every stage's output also goes to this log; the closing summary counts the tests in it.
mkdir -p target
log="$root/target/test-all.log"
: > "$log"
declare -a timings=()
current="" t0=0
stage() {
  current="$1"
  shift
  t0=$(date +%s)
  printf '\n\033[1m==> %s\033[0m\n' "$current"
  "$@" 2>&1 | tee -a "$log"
  timings+=("$(printf '%5ss  %s' "$(($(date +%s) - t0))" "$current")")
  current=""
}
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    [ ${#timings[@]} -eq 0 ] || printf '%s\n' "${timings[@]}"
    printf '\n\033[1;31mFAILED (exit %s) in stage: %s (after %ss)\033[0m\n' \
      "$rc" "${current:-setup}" "$(($(date +%s) - t0))" >&2
  fi
}
trap on_exit EXIT
# Adds up what the runners reported: cargo test, pytest, node --test, the browser test.
count_tests() {
  awk '
    /^test result: ok\. [0-9]+ passed; [0-9]+ failed/ { p += $4; f += $6; next }
    /^[0-9]+ passed( in |, )/ { p += $1; next }
    /^# pass [0-9]+$/ { p += $3; next }
    /^# fail [0-9]+$/ { f += $3; next }
    /^browser test passed/ { p += 1 }
    END { printf "%d passed, %d failed\n", p, f }
  ' "$log"
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
    echo "python dev tools: already installed in .venv ($req unchanged)"
  else
    .venv/bin/pip install -q -r "$req"
    sha256sum "$req" > "$stamp"
  fi
}

install_npm_tools() {
  # The stamp lives inside node_modules: a deleted node_modules or a changed
  # package.json / package-lock.json means `npm ci` again.
  local dir=bindings/wasm stamp=bindings/wasm/node_modules/.ticketry-lock.sha256
  if [ -f "$stamp" ] && sha256sum --status -c "$stamp" 2>/dev/null; then
    echo "npm dev tools: already installed (node_modules matches package-lock.json)"
  else
    (cd "$dir" && npm ci --no-audit --no-fund)
    sha256sum "$dir/package.json" "$dir/package-lock.json" > "$stamp"
  fi
}

# ---------------------------------------------------------------- checks
python_wheel() {
  # pip builds the wheel through maturin (the PEP 517 backend), as a user's pip would.
  .venv/bin/pip install -q --force-reinstall --no-deps ./bindings/python
}
python_pytest() { (cd bindings/python && ../../.venv/bin/python -m pytest -q tests); }
python_stubtest() {
  .venv/bin/python -m mypy.stubtest ticketry --allowlist bindings/python/stubtest-allowlist.txt
}
python_mypy() { .venv/bin/python -m mypy --strict bindings/python/tests bindings/python/bench examples/python; }
wasm_node_tests() { node --test bindings/wasm/tests/*.test.mjs; }
wasm_tsc() { (cd bindings/wasm && node_modules/.bin/tsc -p .); }

stage "install: wasm32 target" install_wasm_target
stage "install: wasm-bindgen-cli" install_wasm_bindgen
stage "install: chromium" install_chromium
stage "install: python tools (.venv)" install_python_tools
stage "install: npm tools (bindings/wasm)" install_npm_tools
stage "rust: cargo fmt --check" cargo fmt --all -- --check
stage "rust: clippy (host)" cargo clippy --workspace --all-targets -- -D warnings
stage "rust: clippy (wasm32)" \
  cargo clippy -p ticketry -p ticketry-wasm --target wasm32-unknown-unknown -- -D warnings
stage "rust: cargo test --workspace" cargo test --workspace
stage "rust: cargo doc (-D warnings)" env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps
stage "python: build and pip install the wheel" python_wheel
stage "python: pytest" python_pytest
stage "python: stubtest" python_stubtest
stage "python: mypy --strict" python_mypy
stage "wasm: build.sh (cargo, wasm-bindgen, wasm-opt)" bash bindings/wasm/build.sh
stage "wasm: node --test" wasm_node_tests
stage "wasm: tsc --strict" wasm_tsc
stage "browser: demo page in headless chromium" node bindings/wasm/tests/browser.e2e.mjs

printf '\n'
printf '%s\n' "${timings[@]}"
printf '\033[1mall stages passed in %ss\033[0m\n' "$(($(date +%s) - start_all))"
printf 'tests: %s\n' "$(count_tests)"
