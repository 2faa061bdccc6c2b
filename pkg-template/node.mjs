// Node ESM entry: the wasm is read from disk and instantiated synchronously,
// so the clients are usable right after `import`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { initSync, TiledeskClient, FlatchrClient, TidingsError, watchFrame, watchWait, watchTick, watchGivesUp } from './tidings.js';
import { addPageIterators } from './pages.js';
import { addWatchers } from './watch.js';

initSync({ module: wasmBytes() });
addPageIterators(TiledeskClient, TidingsError);
addWatchers(TiledeskClient, FlatchrClient, TidingsError, { watchFrame, watchWait, watchTick, watchGivesUp }, () => undefined);

export { TiledeskClient, FlatchrClient, TidingsError, initSync } from './tidings.js';
export { isTidingsError } from './tidings-error.js';

/** Already initialised in Node; kept so code shared with browsers can call it. */
export function init() {
  return Promise.resolve();
}

/**
 * The wasm's bytes: next to this file, or, when a bundler (esbuild, Rollup)
 * moved this code into a bundle, from the installed package, found from the
 * bundle (`import.meta.url` in an ES module, `__filename` in CommonJS output,
 * where `import.meta` is empty), else from the working directory.
 */
function wasmBytes() {
  const tried = [];
  const read = (where) => {
    try {
      return readFileSync(where);
    } catch {
      tried.push(String(where));
      return undefined;
    }
  };
  const here = import.meta.url;
  if (typeof here === 'string') {
    const bytes = read(new URL('./tidings_bg.wasm', here));
    if (bytes) return bytes;
  }
  const bases = [here, typeof __filename === 'string' ? __filename : undefined, join(process.cwd(), 'index.js')];
  for (const base of bases) {
    if (typeof base !== 'string') continue;
    let path;
    try {
      path = createRequire(base).resolve('tidings/tidings_bg.wasm');
    } catch {
      tried.push(`tidings/tidings_bg.wasm from ${base}`);
      continue;
    }
    const bytes = read(path);
    if (bytes) return bytes;
  }
  const error = new TidingsError(
    `invalid runtime: tidings could not find tidings_bg.wasm (looked at ${tried.join(', ')}). ` +
      'A bundler moved tidings away from node_modules: keep it out of the bundle (esbuild: --external:tidings; Rollup: external: [\'tidings\']), ' +
      'or run the bundle where node_modules/tidings is installed.',
  );
  error.kind = 'config';
  error.field = 'tidings_bg.wasm';
  throw error;
}
