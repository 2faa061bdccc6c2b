// Node ESM entry: the wasm is read from disk and instantiated synchronously,
// so the clients are usable right after `import`.
//
// scripts/build.mjs bundles this file with what it imports (tidings.js, the
// glue; pages.js; tidings-error.js) into the one pkg/node.mjs: Node resolves,
// reads, parses and links each ES module on its own, which cost more at
// start-up than the code itself. The watch driver (watch.cjs, the CommonJS
// copy of watch.js) is required on the first `next()` of a watch, from the
// folder the wasm was read from: a dynamic import() would split Rollup's
// single-file bundles, and few programs watch.
import { createRequire } from 'node:module';
import { initSync, TiledeskClient, FlatchrClient, TidingsError, watchFrame, watchWait, watchTick, watchGivesUp } from './tidings.js';
import { addPageIterators, addWatchersLater } from './pages.js';

const wasmSource = wasmFile();
initSync({ module: wasmSource.bytes });
addPageIterators(TiledeskClient, TidingsError);
addWatchersLater(TiledeskClient, FlatchrClient, { TidingsError, decide: { watchFrame, watchWait, watchTick, watchGivesUp }, ready: () => undefined }, watchDriver);

export { TiledeskClient, FlatchrClient, TidingsError, initSync } from './tidings.js';
export { isTidingsError } from './tidings-error.js';

/** Already initialised in Node; kept so code shared with browsers can call it. */
export function init() {
  return Promise.resolve();
}

/**
 * A `require` for Node's built-in modules: `import ... from 'node:fs'` would
 * make Node build the ES module view of all of node:fs, whose getters load
 * node:stream and its dependencies (~1.5 ms), unless the program imported it
 * already.
 */
function builtin(name) {
  if (typeof process.getBuiltinModule === 'function') return process.getBuiltinModule(name);
  const here = import.meta.url;
  return createRequire(typeof here === 'string' ? here : typeof __filename === 'string' ? __filename : `${process.cwd()}/index.js`)(name);
}

/** watch.js's `watch`, from watch.cjs in the folder of the wasm. */
function watchDriver() {
  try {
    return createRequire(wasmSource.where)('./watch.cjs').watch;
  } catch (cause) {
    const error = new TidingsError(`invalid runtime: tidings could not load watch.cjs next to ${wasmSource.where} (${cause?.message ?? cause}); install the whole package`);
    error.kind = 'config';
    error.field = 'watch.cjs';
    throw error;
  }
}

/**
 * The wasm's bytes and where they were read: next to this file, or, when a
 * bundler (esbuild, Rollup) moved this code into a bundle, from the
 * installed package, found from the bundle (`import.meta.url` in an ES
 * module, `__filename` in CommonJS output, where `import.meta` is empty),
 * else from the working directory.
 */
function wasmFile() {
  const { readFileSync } = builtin('node:fs');
  const tried = [];
  const read = (where) => {
    try {
      return { bytes: readFileSync(where), where };
    } catch {
      tried.push(String(where));
      return undefined;
    }
  };
  const here = import.meta.url;
  if (typeof here === 'string') {
    const found = read(new URL('./tidings_bg.wasm', here));
    if (found) return found;
  }
  const bases = [here, typeof __filename === 'string' ? __filename : undefined, builtin('node:path').join(process.cwd(), 'index.js')];
  for (const base of bases) {
    if (typeof base !== 'string') continue;
    let path;
    try {
      path = createRequire(base).resolve('tidings/tidings_bg.wasm');
    } catch {
      tried.push(`tidings/tidings_bg.wasm from ${base}`);
      continue;
    }
    const found = read(path);
    if (found) return found;
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
