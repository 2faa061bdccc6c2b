// workerd entry (Cloudflare Workers and other workerd-based hosts), chosen by
// the `workerd` export condition.
//
// workerd compiles no WebAssembly at run time and cannot fetch the .wasm from
// `import.meta.url`: its bundler (wrangler's default module rules) hands the
// .wasm over as a compiled WebAssembly.Module instead. Instantiating a
// compiled module is synchronous and allowed at startup (from-module.js).
import wasm from './tidings_bg.wasm';
import { start } from './from-module.js';

start(wasm);

export { TiledeskClient, FlatchrClient, TidingsError, initSync, init, isTidingsError } from './from-module.js';
