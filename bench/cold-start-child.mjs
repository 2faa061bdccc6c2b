// One cold start, in this fresh process: times `await import(entry)` plus the
// first usable client, and prints one JSON line on stdout.
//
//   node bench/cold-start-child.mjs tidings <pkg-dir>   import pkg/node.mjs + new TiledeskClient
//   node bench/cold-start-child.mjs floor               import a trivial module + new Nothing
//   node bench/cold-start-child.mjs sdk                 require @tiledesk/tiledesk-client + new TiledeskClient
//   node bench/cold-start-child.mjs breakdown <pkg-dir> what node.mjs does, step by step:
//        import the glue, read the .wasm, compile, instantiate, first client
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

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
  const glue = await import(pathToFileURL(join(pkgDir, 'tidings.js')).href);
  const t1 = performance.now();
  const bytes = readFileSync(join(pkgDir, 'tidings_bg.wasm'));
  const t2 = performance.now();
  const module = new WebAssembly.Module(bytes);
  const t3 = performance.now();
  glue.initSync({ module });
  const t4 = performance.now();
  client = new glue.TiledeskClient({ baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: JWT } });
  const t5 = performance.now();
  const second = performance.now();
  new glue.TiledeskClient({ baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: JWT } });
  const steps = { importGlue: t1 - t0, readWasm: t2 - t1, compile: t3 - t2, instantiate: t4 - t3, firstClient: t5 - t4, secondClient: performance.now() - second };
  process.stdout.write(`${JSON.stringify({ what, ms: t5 - t0, steps, sinceStart: t5 })}\n`);
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
