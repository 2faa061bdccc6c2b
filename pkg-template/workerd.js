// workerd entry (Cloudflare Workers and other workerd-based hosts), chosen by
// the `workerd` export condition.
//
// workerd compiles no WebAssembly at run time and cannot fetch the .wasm from
// `import.meta.url`: its bundler (wrangler's default module rules) hands the
// .wasm over as a compiled WebAssembly.Module instead. Instantiating a
// compiled module is synchronous and allowed at startup, so the clients are
// usable right after `import`, as in Node.
import wasm from './tidings_bg.wasm';
import { initSync, TiledeskClient, FlatchrClient, TidingsError, watchFrame, watchWait, watchTick, watchGivesUp } from './tidings.js';
import { addPageIterators } from './pages.js';
import { addWatchers } from './watch.js';

initSync({ module: wasm });
addPageIterators(TiledeskClient, TidingsError);
addWatchers(TiledeskClient, FlatchrClient, TidingsError, { watchFrame, watchWait, watchTick, watchGivesUp }, () => undefined);

export { TiledeskClient, FlatchrClient, TidingsError, initSync } from './tidings.js';
export { isTidingsError } from './tidings-error.js';

/** Already initialised; kept so code shared with browsers can call it. */
export function init() {
  return Promise.resolve();
}
