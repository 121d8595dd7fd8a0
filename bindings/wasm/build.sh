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
cargo build --release --target wasm32-unknown-unknown -p ticketry-wasm
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name ticketry \
  "$root/target/wasm32-unknown-unknown/release/ticketry_wasm.wasm"
"$here/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/ticketry_bg.wasm" -o "$out/ticketry_bg.wasm"
cp "$here"/npm/{package.json,index.d.ts,node.js,browser.js} "$out/"
wasm_gz=$(gzip -9c "$out/ticketry_bg.wasm" | wc -c)
js_gz=$(cat "$out"/ticketry.js "$out"/node.js "$out"/browser.js | gzip -9c | wc -c)
echo "ticketry npm package: wasm $(wc -c < "$out/ticketry_bg.wasm") bytes ($wasm_gz gzipped), JS glue $js_gz bytes gzipped"
