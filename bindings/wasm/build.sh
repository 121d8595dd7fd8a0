#!/usr/bin/env bash
# Builds the npm package `ticketry` into bindings/wasm/pkg: the wasm module
# (wasm-bindgen, the CLI pinned to the crate's version), optimised by wasm-opt
# from npm's binaryen (Debian's breaks wasm-bindgen output), plus the
# hand-written package.json, entry points and TypeScript types.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/pkg"
cd "$root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

pinned=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$here/Cargo.toml")
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $pinned" ]; then
  echo "build.sh needs wasm-bindgen $pinned (the crate's pin); found: $(wasm-bindgen --version 2>&1 || true)" >&2
  echo "install it with: cargo install wasm-bindgen-cli --version $pinned   (or run scripts/test-all.sh)" >&2
  exit 1
fi
if [ ! -x "$here/node_modules/.bin/wasm-opt" ]; then
  echo "npm's binaryen missing: npm ci in bindings/wasm"
  (cd "$here" && npm ci --no-audit --no-fund)
fi

# Time zones: chrono-tz's database is the largest part of the module, so this
# build keeps only the zones a Russian support team can need. `Policy.time_zone`
# is the zone the team counts business days in, so: every zone of Russia (from
# Europe/Kaliningrad, UTC+2, to Asia/Kamchatka and Asia/Anadyr, UTC+12), the
# CIS countries' zones, the fixed offsets Etc/* (Etc/GMT-3 is UTC+3) and UTC
# (GMT is always kept). Keeping every Europe/* and Asia/* zone instead costs
# about 32 KB gzipped. Any other zone (Europe/Berlin, America/New_York) is
# refused with an error naming this filter: `invalid_policy` on `time_zone`,
# `invalid_input` on `timeZone`; `timeZones()` lists what is kept. Anchored:
# chrono-tz matches the regex anywhere in a name.
russia_europe='Kaliningrad|Moscow|Simferopol|Kirov|Volgograd|Astrakhan|Saratov|Ulyanovsk|Samara'
russia_asia='Yekaterinburg|Omsk|Novosibirsk|Barnaul|Tomsk|Novokuznetsk|Krasnoyarsk|Irkutsk|Chita|Yakutsk|Khandyga|Vladivostok|Ust-Nera|Magadan|Sakhalin|Srednekolymsk|Kamchatka|Anadyr'
cis_europe='Minsk|Chisinau|Kyiv|Kiev'
cis_asia='Almaty|Qostanay|Qyzylorda|Aqtobe|Aqtau|Atyrau|Oral|Tashkent|Samarkand|Bishkek|Dushanbe|Baku|Yerevan|Tbilisi|Ashgabat'
export CHRONO_TZ_TIMEZONE_FILTER="^(Europe/($russia_europe|$cis_europe)|Asia/($russia_asia|$cis_asia)|Etc/.*|UTC|W-SU)\$"
# Size over speed for the shipped module: these override the workspace's release
# profile for this build only (the wasm32 target has its own folder, host builds
# are untouched).
# Source paths in panic locations are written short (`/c/…` for crates.io, `/t/…`):
# the module is the same, byte for byte, wherever the clone and CARGO_HOME are,
# and the shorter strings save about 1 KB gzipped.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
remap="--remap-path-prefix=$root=/t"
for index in "$cargo_home"/registry/src/*/; do
  remap="$remap --remap-path-prefix=${index%/}=/c"
done
# simd128 (wasm SIMD: Node 16.4+, Chrome 91+, Firefox 89+, Safari 16.4+): the
# module is about 3.7 KB gzipped smaller with it (memchr and LLVM use 128-bit
# lanes where they had unrolled scalar code).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$remap -C target-feature=+simd128 ${TICKETRY_WASM_EXTRA_RUSTFLAGS:-}"
CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
  CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_PANIC=abort \
  cargo build --release --target wasm32-unknown-unknown -p ticketry-wasm ${TICKETRY_WASM_EXTRA_CARGO:-}
rm -rf "$out"
mkdir -p "$out"
# CARGO_TARGET_DIR, when set, is where cargo wrote the module.
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name ticketry \
  "${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/release/ticketry_wasm.wasm"
# --converge repeats -Oz until the module stops shrinking (about 1.5 KB gzipped);
# Not --ignore-implicit-traps (0.7 KB): it lets wasm-opt treat a load as free
# of side effects, so it may run one unconditionally that the program only runs
# behind a bounds check (an `if` turned into a `select`); a module built with
# it and the core at opt-level 3 trapped ("memory access out of bounds") while
# indexing the 100k synthetic archive, and the same module without it did not.
# --low-memory-unused lets it fold small constant offsets into addresses, as
# nothing lives in the first 1 KB of memory: rustc links wasm32 with the stack
# first (it grows down from 1 MiB to 0, the data starts at 1 MiB), so only a
# stack within 1 KB of overflowing would reach it (2.5 KB).
# TICKETRY_WASM_OPT / TICKETRY_WASM_EXTRA_CARGO / TICKETRY_WASM_EXTRA_RUSTFLAGS
# change the levels for one experiment build (never for the shipped one).
"$here/node_modules/.bin/wasm-opt" ${TICKETRY_WASM_OPT:--Oz --converge} --low-memory-unused --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
  "$out/ticketry_bg.wasm" -o "$out/ticketry_bg.wasm"
cp "$here"/npm/{package.json,index.d.ts,node.js,browser.js,api.js,README.md} "$out/"
# The shipped JavaScript without its comment lines (index.d.ts documents the
# API; wasm-bindgen copies every Rust doc comment into ticketry.js as JSDoc):
# about 3 KB gzipped of the budget. Only whole comment lines and /** */ blocks
# that start a line go; node --test runs on the result.
node -e '
  const fs = require("node:fs");
  for (const file of process.argv.slice(1)) {
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, "").replace(/^[ \t]*\/\/.*\n/gm, ""));
  }
' "$out"/{ticketry.js,api.js,node.js,browser.js}
# The npm version is the workspace's (one version for the crates, the wheel and the npm package).
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -n1)
node -e '
  const fs = require("node:fs");
  const [file, version] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, JSON.stringify({ ...pkg, version }, null, 2) + "\n");
' "$out/package.json" "$version"
wasm_gz=$(gzip -9c "$out/ticketry_bg.wasm" | wc -c)
js_gz=$(cat "$out"/ticketry.js "$out"/api.js "$out"/node.js "$out"/browser.js | gzip -9c | wc -c)
echo "ticketry npm package: wasm $(wc -c < "$out/ticketry_bg.wasm") bytes ($wasm_gz gzipped), JS glue $js_gz bytes gzipped"
# The size budget of the whole package, gzipped (wasm and JS glue): 400 KB.
# TICKETRY_WASM_BUDGET_BYTES changes it for one build (say so in the commit).
budget=${TICKETRY_WASM_BUDGET_BYTES:-400000}
total=$((wasm_gz + js_gz))
echo "gzipped total $total bytes of the $budget-byte budget ($((budget - total)) bytes left)"
if [ "$total" -gt "$budget" ]; then
  echo "the npm package is over its size budget ($total > $budget bytes gzipped)" >&2
  exit 1
fi
