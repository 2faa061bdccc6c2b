// Next.js edge runtime entry (`export const runtime = 'edge'`, and other hosts
// of the `edge-light` export condition, such as Vercel's edge functions).
//
// The edge sandbox compiles no WebAssembly from bytes and cannot fetch the
// .wasm from `import.meta.url`; its bundlers (Turbopack and webpack alike)
// hand a `.wasm?module` import over as a compiled WebAssembly.Module, made in
// the sandbox's outer realm (the glue's initSync accepts a module of another
// realm). Instantiating it is synchronous (from-module.js).
import wasm from './tidings_bg.wasm?module';
import { start } from './from-module.js';

start(wasm);

export { TiledeskClient, FlatchrClient, TidingsError, initSync, init, isTidingsError } from './from-module.js';
