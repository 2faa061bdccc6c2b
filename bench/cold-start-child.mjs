// One cold start, in this fresh process: times `await import(entry)` plus the
// first usable client, and prints one JSON line on stdout.
//
//   node bench/cold-start-child.mjs tidings <pkg-dir>   import pkg/node.mjs + new TiledeskClient
//   node bench/cold-start-child.mjs floor               import a trivial module + new Nothing
//   node bench/cold-start-child.mjs sdk                 require @tiledesk/tiledesk-client + new TiledeskClient
//   node bench/cold-start-child.mjs breakdown <pkg-dir> what node.mjs does, step by step:
//        the same import + first client, with the read of the .wasm, `new
//        WebAssembly.Module` and `new WebAssembly.Instance` timed as node.mjs
//        calls them (fs.readFileSync and both constructors wrapped before the
//        import); what is left of the import is the JavaScript: resolving,
//        reading, compiling, linking and running the entry's modules
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [what, pkgDir] = process.argv.slice(2);
const JWT = 'eyJhbGciOiJIUzI1NiJ9.dGlkaW5ncy1tb2NrLWFuZHJlYQ.c2lnbmF0dXJl';
const PROJECT = '5b55e806c93dde00143163dd';

const t0 = performance.now();
let client;
if (what === 'tidings') {
  const { TiledeskClient } = await import(pathToFileURL(join(pkgDir, 'node.mjs')).href);
  client = new TiledeskClient({ baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: JWT } });
} else if (what === 'floor') {
  const { Nothing } = await import('./lib/trivial.mjs');
  client = new Nothing({ baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: JWT } });
} else if (what === 'breakdown') {
  const spent = { readWasm: 0, compile: 0, instantiate: 0 };
  const timed = (step, run) => {
    const start = performance.now();
    try {
      return run();
    } finally {
      spent[step] += performance.now() - start;
    }
  };
  const { readFileSync } = fs;
  fs.readFileSync = function readFileSyncTimed(file, ...rest) {
    return /tidings_bg\.wasm$/.test(String(file)) ? timed('readWasm', () => readFileSync(file, ...rest)) : readFileSync(file, ...rest);
  };
  syncBuiltinESMExports(); // an `import { readFileSync } from 'node:fs'` sees the wrapper too
  const wrap = (Class, step) => new Proxy(Class, { construct: (target, args, newTarget) => timed(step, () => Reflect.construct(target, args, newTarget)) });
  WebAssembly.Module = wrap(WebAssembly.Module, 'compile');
  WebAssembly.Instance = wrap(WebAssembly.Instance, 'instantiate');
  const t1 = performance.now();
  const { TiledeskClient } = await import(pathToFileURL(join(pkgDir, 'node.mjs')).href);
  const t2 = performance.now();
  client = new TiledeskClient({ baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: JWT } });
  const t3 = performance.now();
  new TiledeskClient({ baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: JWT } });
  const steps = { importJs: t2 - t1 - spent.readWasm - spent.compile - spent.instantiate, ...spent, firstClient: t3 - t2, secondClient: performance.now() - t3 };
  process.stdout.write(`${JSON.stringify({ what, ms: t3 - t1, steps, sinceStart: t3 })}\n`);
  process.exit(0);
} else if (what === 'sdk') {
  const { default: sdk } = await import('@tiledesk/tiledesk-client');
  client = new sdk.TiledeskClient({ APIKEY: '__bench', APIURL: 'http://127.0.0.1:9/v3', projectId: PROJECT, token: JWT });
} else {
  throw new Error(`unknown contender ${what}`);
}
const t1 = performance.now();
if (!client) throw new Error('no client');
// `t1` is measured from the module's own start; `sinceStart` from the process's
// time origin (Node's bootstrap included).
process.stdout.write(`${JSON.stringify({ what, ms: t1 - t0, sinceStart: t1 })}\n`);
