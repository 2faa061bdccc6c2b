// Node ESM entry: the wasm is read from disk and instantiated synchronously,
// so the clients are usable right after `import`.
import { readFileSync } from 'node:fs';
import { initSync, TiledeskClient, TidingsError } from './tidings.js';
import { addPageIterators } from './pages.js';

initSync({ module: readFileSync(new URL('./tidings_bg.wasm', import.meta.url)) });
addPageIterators(TiledeskClient, TidingsError);

export { TiledeskClient, FlatchrClient, TidingsError, initSync } from './tidings.js';
export { isTidingsError } from './tidings-error.js';

/** Already initialised in Node; kept so code shared with browsers can call it. */
export function init() {
  return Promise.resolve();
}
