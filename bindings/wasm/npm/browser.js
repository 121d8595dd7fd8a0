// Browser entry: fetch and instantiate the WebAssembly module once, on import.
import init from "./ticketry.js";

await init({ module_or_path: new URL("./ticketry_bg.wasm", import.meta.url) });

export * from "./api.js";
