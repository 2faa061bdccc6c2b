// Memory after 100 and after 10,000 sequential calls, after warm-up, in a fresh
// process started with --expose-gc. Prints one JSON line on stdout.
//
//   node --expose-gc bench/memory-child.mjs <tidings|fetch> <pkg-dir> <mock-url> [calls=10000] [warmup=300]
//
// Each call lists the two messages of the seed request (GET, nothing is stored
// by the mock). The wasm linear memory is not exported by the glue: it is read
// through `initSync()`, which the package re-exports and which, once the wasm is
// instantiated, returns wasm-bindgen's exports object (`.memory` is the
// module's WebAssembly.Memory).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [what, pkgDir, mockUrl, callsArg = '10000', warmupArg = '300'] = process.argv.slice(2);
const calls = Number(callsArg);
const warmup = Number(warmupArg);
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');

const JWT = 'eyJhbGciOiJIUzI1NiJ9.dGlkaW5ncy1tb2NrLWFuZHJlYQ.c2lnbmF0dXJl';
const ids = { projectId: '5b55e806c93dde00143163dd', requestId: 'support-group-L_OG76RYhR0XFiMf2PK' };
const url = `${mockUrl}/v3/${ids.projectId}/requests/${ids.requestId}/messages`;

const pkg = await import(pathToFileURL(join(pkgDir, 'node.mjs')).href);
const wasmExports = pkg.initSync();
const memory = wasmExports?.memory;
if (!(memory instanceof WebAssembly.Memory)) throw new Error('could not reach the wasm memory through initSync()');

let call;
if (what === 'tidings') {
  const client = new pkg.TiledeskClient({ baseUrl: `${mockUrl}/v3`, auth: { kind: 'jwt', token: JWT }, retry: false });
  call = () => client.listMessages(ids);
} else if (what === 'fetch') {
  const headers = { accept: 'application/json', authorization: `JWT ${JWT}` };
  call = () => fetch(url, { headers }).then((r) => r.json());
} else {
  throw new Error(`unknown contender ${what}`);
}

async function collect() {
  // Several passes: a weak callback or a finalizer may free more on the next one.
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, wasmMemory: memory.buffer.byteLength };
}

let last;
for (let i = 0; i < warmup; i++) last = await call();
if (!Array.isArray(last) || last.length !== 2) throw new Error(`expected 2 messages, got ${JSON.stringify(last)?.slice(0, 200)}`);
const afterWarmup = await collect();
// Readings after 100 calls, after `calls`, and at a few points between (to tell a trend from noise).
const checkpoints = [...new Set([100, ...Array.from({ length: 10 }, (_, i) => Math.round(((i + 1) * calls) / 10))])]
  .filter((c) => c >= 100 && c <= calls)
  .sort((a, b) => a - b);
const readings = {};
let done = 0;
for (const checkpoint of checkpoints) {
  for (; done < checkpoint; done++) await call();
  readings[checkpoint] = await collect();
}
process.stdout.write(`${JSON.stringify({ what, calls, warmup, afterWarmup, after100: readings[100], afterAll: readings[calls], readings })}\n`);
