// Where the fixed cost of a call goes (not part of `npm run bench`): the
// `[]`-body call of the decode benchmark, against copies of the built glue with
// one part taken out, side by side in one process.
//
//   node bench/fixed-cost-parts.mjs [--pkg DIR] [--rounds N] [--alone N]
//
// Variants (each a copy of DIR with its tidings.js edited; the wasm is the same):
//   no guard                the caller-stack wrapper of each method removed
//                           (no Error.captureStackTrace, no extra .catch)
//   guard: capture only     the wrapper's Error.captureStackTrace kept, its .catch not
//   guard: .catch only      the wrapper's .catch kept, no capture
//   guard, 1 frame          the capture at Error.stackTraceLimit = 1 (only the
//                           caller's own line would be left in the stack)
//   no AbortController      attempt() makes none and passes no signal to fetch
//                           (a timeout or the caller's signal could no longer
//                           cancel the request: measured, not an option)
//   canned attempt          attempt() not called: drive() hands the wasm a
//                           prebuilt `[]` answer at once (no fetch, timer,
//                           AbortController or body read; no await)
//   no guard, canned + tick both, with one `await` where the attempt was
//   no guard, attempt run   the real attempt() awaited, its answer replaced by
//                           the canned one (so its cost is in, the decode of
//                           the same bytes too)
//   attempt(), then canned  attempt() alone, then the canned call: the two
//                           one after the other, not one inside the other
// and, for scale: the floor (fake fetch + r.json()), attempt() alone (the glue's
// own function, over the same fake fetch), and the floor plus one of what an
// attempt adds: an Error.captureStackTrace, an AbortController's signal, a
// setTimeout + clearTimeout.
//
// Side by side, the garbage one contender makes is partly collected while
// another runs. `--alone N` then also runs each contender by itself, in a fresh
// process, for N calls, and prints its time and the garbage collector's time
// per call (what each costs with its own garbage).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { interleave } from './lib/interleave.mjs';
import { median } from './lib/stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { pkg: { type: 'string', default: join(root, 'pkg') }, rounds: { type: 'string', default: '200' }, alone: { type: 'string' }, contender: { type: 'string' } } });
const pkg = resolve(values.pkg);
const work = mkdtempSync(join(tmpdir(), 'tidings-fixed-cost-'));

const GUARD = /return (withCallerStack\d*)\(method\.call\(this, options\), (callSite|tidingsCallSite)\d*\(checked\)\);/;
const ATTEMPT = 'const r = await attempt(userAgent, fetchFn, url, init, limitMs, signal, maxBytes);';
const CANNED = 'const r = { status: 200, contentType: "application/json", body: new Uint8Array([91, 93]) };';

/** A copy of the package whose glue has `edits` applied; its client class. */
async function variant(name, edits) {
  const dir = join(work, name);
  cpSync(pkg, dir, { recursive: true });
  let glue = readFileSync(join(dir, 'tidings.js'), 'utf8');
  for (const [from, to] of edits) {
    if (!(typeof from === 'string' ? glue.includes(from) : from.test(glue))) throw new Error(`${name}: the glue has no ${from}`);
    glue = glue.replace(from, to);
  }
  // attempt() itself, exported for the "attempt() alone" contender.
  glue += '\nexport { attempt as __benchAttempt };\n';
  writeFileSync(join(dir, 'tidings.js'), glue);
  return import(join(dir, 'tidings.js')).then(async (glueModule) => {
    glueModule.initSync({ module: readFileSync(join(dir, 'tidings_bg.wasm')) });
    return glueModule;
  });
}

const CAPTURE = 'Error.captureStackTrace(site, fn);';
const shipped = await variant('shipped', []);
const noGuard = await variant('no-guard', [[GUARD, 'return method.call(this, options);']]);
const captureOnly = await variant('capture-only', [[GUARD, '$2(checked); return method.call(this, options);']]);
const catchOnly = await variant('catch-only', [[GUARD, 'return $1(method.call(this, options), undefined);']]);
const oneFrame = await variant('one-frame', [[CAPTURE, 'const limit = Error.stackTraceLimit; Error.stackTraceLimit = 1; Error.captureStackTrace(site, fn); Error.stackTraceLimit = limit;']]);
const noController = await variant('no-controller', [['controller = new AbortController();', 'controller = { abort() {} };']]);
const canned = await variant('canned', [[ATTEMPT, CANNED]]);
const cannedTick = await variant('no-guard-canned-tick', [[GUARD, 'return method.call(this, options);'], [ATTEMPT, `await undefined; ${CANNED}`]]);
const attemptRun = await variant('no-guard-attempt-run', [[GUARD, 'return method.call(this, options);'], [ATTEMPT, `await attempt(userAgent, fetchFn, url, init, limitMs, signal, maxBytes); ${CANNED}`]]);

const init = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } };
const fake = () => Promise.resolve(new Response('[]', init));
const options = { baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc' }, fetch: fake };
const ids = { projectId: '62c3f10152dc7400352bab0d', requestId: 'support-group-bench-decode' };
const client = (glue) => new glue.TiledeskClient(options);
const [a, b, c, d, e] = [shipped, noGuard, canned, cannedTick, attemptRun].map(client);
const [g1, g2, g3, g4] = [captureOnly, catchOnly, oneFrame, noController].map(client);
const site = (fn) => {
  const s = {};
  Error.captureStackTrace(s, fn);
  return s;
};
const attemptAlone = () => shipped.__benchAttempt('ua', fake, 'http://127.0.0.1:9/x', { method: 'GET', headers: { accept: 'application/json' } }, 30_000, undefined, 1e7);
const contenders = [
  { name: 'floor: fake fetch + r.json()', fn: () => fake().then((r) => r.json()) },
  { name: 'attempt() alone', fn: () => attemptAlone() },
  { name: 'floor + captureStackTrace', fn: function withSite() { site(withSite); return fake().then((r) => r.json()); } },
  { name: 'floor + AbortController', fn: () => { const { signal } = new AbortController(); return fake().then((r) => (signal.aborted ? null : r.json())); } },
  { name: 'floor + setTimeout', fn: () => { const timer = setTimeout(() => {}, 30_000); return fake().then((r) => { clearTimeout(timer); return r.json(); }); } },
  { name: 'tidings (shipped)', fn: () => a.listMessages(ids) },
  { name: 'no guard', fn: () => b.listMessages(ids) },
  { name: 'guard: capture only', fn: () => g1.listMessages(ids) },
  { name: 'guard: .catch only', fn: () => g2.listMessages(ids) },
  { name: 'guard, 1 frame', fn: () => g3.listMessages(ids) },
  { name: 'no AbortController', fn: () => g4.listMessages(ids) },
  { name: 'canned attempt (guard kept)', fn: () => c.listMessages(ids) },
  { name: 'no guard, canned + one await', fn: () => d.listMessages(ids) },
  { name: 'no guard, attempt run', fn: () => e.listMessages(ids) },
  { name: 'attempt(), then canned + await', fn: async () => { await attemptAlone(); return d.listMessages(ids); } },
];
for (const contender of contenders) await contender.fn();
if (values.contender !== undefined) {
  const { fn } = contenders.find((c) => c.name === values.contender);
  const { PerformanceObserver } = await import('node:perf_hooks');
  const calls = Number(values.alone);
  for (let i = 0; i < calls / 10; i++) await fn();
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 20)); // the last entries arrive late
  observer.disconnect();
  console.log(`${values.contender.padEnd(32)} ${((ms / calls) * 1000).toFixed(1).padStart(7)} µs  gc ${((gcMs / calls) * 1000).toFixed(2).padStart(5)} µs`);
  process.exit(0);
}
const rounds = Number(values.rounds);
const run = await interleave({ contenders, rounds, warmup: Math.max(10, rounds / 10), batch: 40 });
const floor = median(run.samples[contenders[0].name]);
console.log(`fixed cost of a call, parts (${rounds} rounds of 40 calls, medians per call; ${pkg})`);
for (const { name } of contenders) {
  const m = median(run.samples[name]);
  console.log(`${name.padEnd(32)} ${(m * 1000).toFixed(1).padStart(7)} µs  ${(m / floor).toFixed(2)}× the floor`);
}

if (values.alone && values.contender === undefined) {
  // Each contender in a fresh process of its own, so no other's garbage is in its heap.
  const { execFileSync } = await import('node:child_process');
  console.log(`\neach contender alone in a fresh process, ${values.alone} calls after ${values.alone / 10} warm-up calls: time and garbage-collector time per call`);
  for (const { name } of contenders) {
    const args = [fileURLToPath(import.meta.url), '--pkg', pkg, '--alone', values.alone, '--contender', name];
    process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
  }
}
