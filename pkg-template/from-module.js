// For the entries whose host hands over tidings_bg.wasm as a compiled
// WebAssembly.Module (workerd.js, edge.js, deno.js): `start` instantiates it
// synchronously and attaches `iterateProjectMessages` and `watchMessages`, so
// the clients are usable right after `import`, as in Node. The entries
// re-export the package's names from here.
import { initSync, TiledeskClient, FlatchrClient, TidingsError, watchFrame, watchWait, watchTick, watchGivesUp } from './tidings.js';
import { addPageIterators } from './pages.js';
import { addWatchers } from './watch.js';

export { TiledeskClient, FlatchrClient, TidingsError, initSync } from './tidings.js';
export { isTidingsError } from './tidings-error.js';

/** Instantiates `module` (a compiled WebAssembly.Module, or the file's bytes where the host allows compiling). */
export function start(module) {
  initSync({ module });
  addPageIterators(TiledeskClient, TidingsError);
  addWatchers(TiledeskClient, FlatchrClient, TidingsError, { watchFrame, watchWait, watchTick, watchGivesUp }, () => undefined);
}

/** Already initialised; kept so code shared with browsers can call it. */
export function init() {
  return Promise.resolve();
}
