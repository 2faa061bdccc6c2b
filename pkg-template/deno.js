// Deno entry, chosen by the `deno` export condition (`npm:tidings`, or
// `tidings` from node_modules).
//
// Deno 2.6 and later load the .wasm as a compiled WebAssembly.Module through
// a source phase import (deno-wasm.js), as part of the module graph: no
// --allow-read is needed. Earlier versions cannot parse that import; they read
// the file as the Node entry does, which needs --allow-read. Instantiating is
// synchronous either way (from-module.js), so the clients are usable right
// after `import`.
import { readFileSync } from 'node:fs';
import { start, TidingsError } from './from-module.js';

start(await wasmModule());

export { TiledeskClient, FlatchrClient, TidingsError, initSync, init, isTidingsError } from './from-module.js';

/** The compiled module (Deno 2.6+), else the file's bytes. */
async function wasmModule() {
  let unsupported;
  try {
    return (await import('./deno-wasm.js')).default;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    unsupported = error;
  }
  const file = new URL('./tidings_bg.wasm', import.meta.url);
  try {
    return readFileSync(file);
  } catch (cause) {
    const denied = cause?.name === 'NotCapable' || cause?.name === 'PermissionDenied';
    const error = new TidingsError(
      denied
        ? `invalid runtime: this Deno (${globalThis.Deno?.version?.deno ?? 'before 2.6'}) cannot import tidings_bg.wasm as a module and may not read it: run with --allow-read (or upgrade to Deno 2.6 or later, which needs no read permission)`
        : `invalid runtime: tidings could not load ${file.pathname} (${unsupported.message}; ${cause?.message ?? cause})`,
    );
    error.kind = 'config';
    error.field = 'tidings_bg.wasm';
    error.cause = cause;
    throw error;
  }
}
