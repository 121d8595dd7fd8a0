// Node entry: load the WebAssembly module synchronously from the package folder.
import { readFileSync } from "node:fs";
import { initSync } from "./ticketry.js";

initSync({ module: readFileSync(new URL("./ticketry_bg.wasm", import.meta.url)) });

export * from "./api.js";
