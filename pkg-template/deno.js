// Deno entry, chosen by the `deno` export condition (`npm:tidings`, or
// `tidings` from node_modules).
//
// Deno loads the .wasm as a compiled WebAssembly.Module through a source
// phase import, as part of the module graph: no --allow-read is needed (the
// Node entry would read the file with node:fs). Instantiating a compiled
// module is synchronous, so the clients are usable right after `import`.
import source wasm from './tidings_bg.wasm';
import { initSync, TiledeskClient, TidingsError } from './tidings.js';
import { addPageIterators } from './pages.js';

initSync({ module: wasm });
addPageIterators(TiledeskClient, TidingsError);

export { TiledeskClient, FlatchrClient, TidingsError, initSync } from './tidings.js';
export { isTidingsError } from './tidings-error.js';

/** Already initialised; kept so code shared with browsers can call it. */
export function init() {
  return Promise.resolve();
}
