// `npm run bench`: tidings against plain fetch and @tiledesk/tiledesk-client, in
// one run, contenders alternated, against the mock server. See BENCHMARKS.md.
//
//   node bench/run.mjs [--quick] [--mock=child|inproc] [--only LIST] [--pkg DIR] [--json FILE] [--markdown FILE]
//
// --only      a comma-separated subset of list,send,decode,cold,memory,size
// --pkg       the built package to measure (default pkg/; e.g. a variant build)
// --base      another build, measured as one more contender in list, decode and cold (e.g. the previous commit's pkg/)
// --quick     a few rounds of everything (a smoke run; the figures mean little)
// --mock      where the mock server runs: `child` (default) or `inproc`
// --json      also write every figure as JSON (default bench/results/latest.json)
// --markdown  also write the tables as Markdown (default bench/results/latest.md)
//
// Measures the package in pkg/ (build it first: `npm run build`), copied to a
// temporary folder at the start so that a rebuild during the run cannot mix two
// builds. Prints tables; asserts nothing about timings.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem, availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import assert from 'node:assert/strict';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

import { interleave, summarise } from './lib/interleave.mjs';
import { startMock } from './lib/mock.mjs';
import { bytes, bytesDelta, markdownTable, median, ms, quantile, ratio, table } from './lib/stats.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..');
const runStarted = performance.now();

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    pkg: { type: 'string', default: join(root, 'pkg') },
    base: { type: 'string' },
    only: { type: 'string', default: 'list,send,decode,cold,memory,size' },
    mock: { type: 'string', default: 'child' },
    json: { type: 'string', default: join(benchDir, 'results', 'latest.json') },
    markdown: { type: 'string', default: join(benchDir, 'results', 'latest.md') },
  },
});
if (!['child', 'inproc'].includes(args.mock)) throw new Error(`--mock must be child or inproc, not ${args.mock}`);
const quick = args.quick;
const only = new Set(args.only.split(',').map((x) => x.trim()));
const SECTIONS = ['list', 'send', 'decode', 'cold', 'memory', 'size'];
for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section ${name} (known: ${SECTIONS.join(', ')})`);
const want = (name) => only.has(name);
/** Rounds scaled down for --quick. */
const R = (full, small = Math.max(5, Math.round(full / 20))) => (quick ? small : full);

const log = (...parts) => console.log(...parts);
const section = (title) => log(`\n## ${title}`);

// --- bench/'s own dependencies ------------------------------------------------

function ensureBenchDeps() {
  const needed = ['@tiledesk/tiledesk-client', 'axios'];
  const missing = needed.filter((name) => !existsSync(join(benchDir, 'node_modules', name, 'package.json')));
  if (missing.length === 0) return;
  log(`installing bench/ dependencies (${missing.join(', ')} missing): npm install in bench/ ...`);
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: benchDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (npm.status !== 0) {
    process.stderr.write(npm.stdout ?? '');
    process.stderr.write(npm.stderr ?? '');
    throw new Error(`npm install in bench/ failed (exit ${npm.status})`);
  }
}

// --- The package under test ------------------------------------------------------

function snapshotPackage() {
  const pkg = resolve(args.pkg);
  for (const file of ['node.mjs', 'tidings.js', 'tidings_bg.wasm', 'browser.js', 'package.json']) {
    if (!existsSync(join(pkg, file))) throw new Error(`${join(pkg, file)} is missing: build the package first (npm run build)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tidings-bench-'));
  const copy = join(dir, 'pkg');
  cpSync(pkg, copy, { recursive: true });
  return { dir, pkg: copy };
}

function commandVersion(command, commandArgs) {
  const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
  const r = spawnSync(command, commandArgs, { encoding: 'utf8', env });
  return r.status === 0 ? r.stdout.trim().split('\n')[0] : 'n/a';
}

function lockedVersion(crate) {
  try {
    const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
    const m = new RegExp(`name = "${crate}"\\nversion = "([^"]+)"`).exec(lock);
    return m ? m[1] : 'n/a';
  } catch {
    return 'n/a';
  }
}

function environment(pkgDir) {
  const cpu = cpus()[0]?.model ?? 'unknown';
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const benchPkg = (name) => JSON.parse(readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  return {
    cpus: availableParallelism(),
    cpuModel: cpu.trim(),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    rustc: commandVersion('rustc', ['--version']),
    wasmBindgen: lockedVersion('wasm-bindgen'),
    wasmBindgenCli: commandVersion('wasm-bindgen', ['--version']),
    serdeJson: lockedVersion('serde_json'),
    tidings: manifest.version,
    wasmSha256: createHash('sha256').update(readFileSync(join(pkgDir, 'tidings_bg.wasm'))).digest('hex').slice(0, 16),
    tiledeskClient: benchPkg('@tiledesk/tiledesk-client'),
    axios: benchPkg('axios'),
  };
}

// --- Size ----------------------------------------------------------------------------

function gz(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

function sizes(pkgDir) {
  const read = (file) => readFileSync(join(pkgDir, file));
  const wasm = read('tidings_bg.wasm');
  const glue = read('tidings.js');
  const browser = read('browser.js');
  const nodeEntry = read('node.mjs');
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: pkgDir, encoding: 'utf8' });
  let tarball = { size: NaN, unpackedSize: NaN, entryCount: NaN };
  if (pack.status === 0) {
    try {
      const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
      tarball = { size: info.size, unpackedSize: info.unpackedSize, entryCount: info.entryCount };
    } catch {
      // Reported as n/a.
    }
  }
  return {
    wasmRaw: wasm.length,
    wasmGzip: gz(wasm),
    wasmBrotli: brotliCompressSync(wasm, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    glueRaw: glue.length,
    glueGzip: gz(glue),
    browserGzip: gz(browser),
    nodeEntryGzip: gz(nodeEntry),
    browserJsTotalGzip: gz(glue) + gz(browser),
    // node.mjs has the glue in it (one file) unless it imports tidings.js (older builds).
    nodeJsTotalGzip: (/from\s*["']\.\/tidings\.js["']/.test(nodeEntry.toString('utf8')) ? gz(glue) : 0) + gz(nodeEntry),
    tarball,
  };
}

// --- Child processes -----------------------------------------------------------------

function runChild(childArgs, { cwd = root } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, childArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = performance.now() - t0;
      if (code !== 0) return reject(new Error(`node ${childArgs.join(' ')} exited ${code}: ${err.trim()}`));
      try {
        resolve({ ...JSON.parse(out.trim().split('\n').at(-1)), wall });
      } catch {
        reject(new Error(`node ${childArgs.join(' ')} printed no JSON: ${out}${err}`));
      }
    });
  });
}

// --- Main --------------------------------------------------------------------------------

ensureBenchDeps();
const { dir: snapshotDir, pkg: pkgDir } = snapshotPackage();
const env = environment(pkgDir);
const results = { env, mock: args.mock, quick, command: 'npm run bench (node bench/run.mjs)' };

const tidings = await import(pathToFileURL(join(pkgDir, 'node.mjs')).href);
const baseline = args.base ? await import(pathToFileURL(join(resolve(args.base), 'node.mjs')).href) : null;
const { decodeTiledeskList } = await import('./lib/js-decode.mjs');
const { default: axios } = await import('axios');
const { default: sdkModule } = await import('@tiledesk/tiledesk-client');
const fixtures = await import(pathToFileURL(join(root, 'tests', 'mock', 'fixtures.mjs')).href);
const wasmMemory = tidings.initSync().memory; // see memory-child.mjs: initSync() returns the exports once initialised

const JWT = fixtures.TILEDESK_JWT;
const PROJECT = fixtures.TILEDESK_PROJECT_ID;
const BULK = fixtures.TILEDESK_BULK_REQUEST_ID;

log(`# tidings benchmarks`);
log(`node ${env.node} · ${env.cpus} cores · ${env.cpuModel} · ${env.memory} · ${env.rustc} · wasm-bindgen ${env.wasmBindgen}`);
log(`tidings ${env.tidings} (wasm sha256 ${env.wasmSha256}…) vs @tiledesk/tiledesk-client ${env.tiledeskClient} (axios ${env.axios})`);
log(`mock server: ${args.mock === 'child' ? 'child process' : 'in this process'}${quick ? ' · QUICK run: figures are indicative only' : ''}`);

const mock = await startMock(root, args.mock);
const sections = [];
try {
  const base = `${mock.url}/v3`;
  const headers = { accept: 'application/json', authorization: `JWT ${JWT}` };
  const client = new tidings.TiledeskClient({ baseUrl: base, auth: { kind: 'jwt', token: JWT } });
  const sdk = new sdkModule.TiledeskClient({ APIKEY: '__bench_unused', APIURL: base, projectId: PROJECT, token: JWT });

  // --- 1. List 1,000 messages end to end ---------------------------------------------------
  if (want('list')) {
    section('List 1,000 Tiledesk messages, end to end (GET over loopback)');
    const ids = { projectId: PROJECT, requestId: BULK };
    const url = `${base}/${PROJECT}/requests/${BULK}/messages`;
    const contenders = [
      { name: 'tidings listMessages', fn: () => client.listMessages(ids) },
      { name: 'fetch + r.json()', fn: () => fetch(url, { headers }).then((r) => r.json()) },
      { name: 'axios GET (SDK transport)', fn: () => axios.get(url, { headers }).then((r) => r.data) },
      { name: 'fetch + r.json() + JS decode', fn: () => fetch(url, { headers }).then((r) => r.json()).then(decodeTiledeskList) },
    ];
    if (baseline) {
      const baseClient = new baseline.TiledeskClient({ baseUrl: base, auth: { kind: 'jwt', token: JWT } });
      contenders.push({ name: 'baseline build', fn: () => baseClient.listMessages(ids) });
    }
    for (const c of contenders) {
      const value = await c.fn();
      if (!Array.isArray(value) || value.length !== 1000) throw new Error(`${c.name} returned ${value?.length} messages, not 1000`);
    }
    const run = await interleave({ contenders, warmup: R(40, 3), rounds: R(400), maxMs: 40_000 });
    const summary = summarise(run.samples, [
      ['tidings listMessages', 'fetch + r.json()'],
      ['tidings listMessages', 'axios GET (SDK transport)'],
      ['axios GET (SDK transport)', 'fetch + r.json()'],
      ['fetch + r.json() + JS decode', 'fetch + r.json()'],
      ['tidings listMessages', 'fetch + r.json() + JS decode'],
      ...(baseline ? [['tidings listMessages', 'baseline build']] : []),
    ]);
    sections.push(report('list', 'List 1,000 messages (end to end)', run, summary));
    results.list = { rounds: run.rounds, ...summary };
  }

  // --- 2. Send one message ---------------------------------------------------------------------
  if (want('send')) {
    await mock.reset();
    section('Send one message (POST over loopback)');
    const requestId = 'support-group-bench-send';
    const url = `${base}/${PROJECT}/requests/${requestId}/messages`;
    const message = { text: 'benchmark message' };
    const postHeaders = { ...headers, 'content-type': 'application/json' };
    // The same call with no network: a fake fetch answers with the mock's own
    // answer to a send. Alternated with the others (one call each per round,
    // not 40 in a row as in the decode section), it shows what tidings' own
    // work costs in a call that does not follow another one of its kind.
    const sentAnswer = await fetch(url, { method: 'POST', headers: postHeaders, body: JSON.stringify(message) }).then((r) => r.text());
    const answerInit = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } };
    const offline = new tidings.TiledeskClient({ baseUrl: base, auth: { kind: 'jwt', token: JWT }, fetch: () => Promise.resolve(new Response(sentAnswer, answerInit)) });
    const contenders = [
      { name: 'tidings sendMessage', fn: () => client.sendMessage({ projectId: PROJECT, requestId, message }) },
      { name: 'fetch POST + r.json()', fn: () => fetch(url, { method: 'POST', headers: postHeaders, body: JSON.stringify(message) }).then((r) => r.json()) },
      { name: 'SDK sendSupportMessage', fn: () => sdk.sendSupportMessage(requestId, message) },
      { name: 'tidings sendMessage, fetch: fake (no network)', fn: () => offline.sendMessage({ projectId: PROJECT, requestId, message }) },
    ];
    for (const c of contenders) {
      const value = await c.fn();
      const id = value?.id ?? value?._id;
      if (typeof id !== 'string' || value.text !== message.text) throw new Error(`${c.name} returned ${JSON.stringify(value).slice(0, 200)}`);
    }
    const run = await interleave({ contenders, warmup: R(60, 3), rounds: R(600), maxMs: 30_000 });
    const summary = summarise(run.samples, [
      ['tidings sendMessage', 'fetch POST + r.json()'],
      ['tidings sendMessage', 'SDK sendSupportMessage'],
      ['SDK sendSupportMessage', 'fetch POST + r.json()'],
      ['tidings sendMessage, fetch: fake (no network)', 'fetch POST + r.json()'],
    ]);
    sections.push(report('send', 'Send one message', run, summary));
    results.send = { rounds: run.rounds, ...summary };
  }
  await mock.reset();

  // --- 3. Decode only ----------------------------------------------------------------------------
  if (want('decode')) results.decode = {};
  for (const [n, rounds, batch, warmup] of !want('decode') ? [] : [
    [0, R(200), 40, R(20, 3)], // an empty list: the fixed cost of one call
    [10, R(300), 40, R(30, 3)],
    [10_000, R(60, 4), 1, R(5, 1)],
  ]) {
    const label = n.toLocaleString('en-US');
    section(`Decode only: ${label} messages already fetched (no network)${n === 0 ? ', i.e. the fixed cost of one call' : ''}`);
    const text = JSON.stringify(fixtures.makeTiledeskMessages(n, { requestId: 'support-group-bench-decode' }));
    const init = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } };
    const fake = () => Promise.resolve(new Response(text, init));
    const decoder = new tidings.TiledeskClient({ baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: JWT }, fetch: fake });
    const ids = { projectId: PROJECT, requestId: 'support-group-bench-decode' };
    const sample = await decoder.listMessages(ids);
    if (sample.length !== n) throw new Error(`tidings decoded ${sample.length} messages, not ${n}`);
    // tidings' own last step: JSON.parse of the JSON text its Rust side writes.
    // (its non-ASCII characters written as \u escapes, as the Rust side writes them)
    const outputText = JSON.stringify(sample).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    assert.deepStrictEqual(decodeTiledeskList(JSON.parse(text)), sample, 'the JS-side decode must give what tidings gives');
    const contenders = [
      { name: 'tidings (fetch: fake)', fn: () => decoder.listMessages(ids) },
      { name: 'fetch: fake + r.json()', fn: () => fake().then((r) => r.json()) },
      { name: 'JSON.parse(text)', fn: () => JSON.parse(text) },
      { name: "JSON.parse(tidings' output)", fn: () => JSON.parse(outputText) },
      { name: 'fake + r.json() + JS decode', fn: () => fake().then((r) => r.json()).then(decodeTiledeskList) },
    ];
    if (baseline) {
      const baseDecoder = new baseline.TiledeskClient({ baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: JWT }, fetch: fake });
      contenders.push({ name: 'baseline build (fetch: fake)', fn: () => baseDecoder.listMessages(ids) });
    }
    const run = await interleave({ contenders, warmup, rounds, batch, maxMs: n > 100 ? 30_000 : 10_000 });
    const summary = summarise(run.samples, [
      ['tidings (fetch: fake)', 'fetch: fake + r.json()'],
      ['tidings (fetch: fake)', 'JSON.parse(text)'],
      ['fetch: fake + r.json()', 'JSON.parse(text)'],
      ['fake + r.json() + JS decode', 'fetch: fake + r.json()'],
      ['tidings (fetch: fake)', 'fake + r.json() + JS decode'],
      ...(baseline ? [['tidings (fetch: fake)', 'baseline build (fetch: fake)']] : []),
    ]);
    const s = summary.stats;
    // tidings = plumbing + [copy in, the transform, copy out] + JSON.parse(output)
    // fake + r.json() = plumbing + JSON.parse(input)
    const inWasm = s['tidings (fetch: fake)'].median - s['fetch: fake + r.json()'].median + s['JSON.parse(text)'].median - s["JSON.parse(tidings' output)"].median;
    summary.derived = {
      inputBytes: Buffer.byteLength(text),
      outputBytes: Buffer.byteLength(outputText),
      tidingsOwnWorkMs: inWasm,
      finalJsonParseMs: s["JSON.parse(tidings' output)"].median,
    };
    sections.push(report(`decode${n}`, `Decode only, ${label} messages${n === 0 ? ' (an empty list: the fixed cost of one call)' : ''}`, run, summary, [
      `input ${bytes(summary.derived.inputBytes)}, tidings' output JSON ${bytes(summary.derived.outputBytes)}`,
      `tidings' own work ≈ ${ms(inWasm)} per call (= tidings − fake + r.json() + JSON.parse(text) − JSON.parse(output): `
        + `options, timers, copies into and out of wasm memory, the transform); `
        + `its final JSON.parse ≈ ${ms(summary.derived.finalJsonParseMs)}`,
    ]));
    results.decode[n] = { rounds: run.rounds, batch, ...summary };
  }
  if (want('decode')) {
    results.wasmMemoryAfterDecode = wasmMemory.buffer.byteLength;
    log(`\nwasm linear memory of this process after the decode runs: ${bytes(results.wasmMemoryAfterDecode)}`);
  }

  // --- 4. Cold start -----------------------------------------------------------------------------
  if (want('cold')) {
    section('Cold start: import + first usable client, fresh Node process each');
    // With --base, that build's node.mjs is one more contender, its processes alternated with pkg's.
    const kinds = ['tidings', ...(args.base ? ['base'] : []), 'floor', 'sdk'];
    const label = { tidings: 'tidings (pkg/node.mjs)', base: `tidings --base (${relative(root, resolve(args.base ?? '.')) || '.'}/node.mjs)`, floor: 'floor (trivial module)', sdk: '@tiledesk/tiledesk-client' };
    const childArgs = (k) => [join(benchDir, 'cold-start-child.mjs'), k === 'base' ? 'tidings' : k, k === 'base' ? resolve(args.base) : pkgDir];
    const runs = Object.fromEntries(kinds.map((k) => [k, []]));
    const n = R(30, 4);
    for (let warm = 0; warm < 2; warm++) for (const k of kinds) await runChild(childArgs(k));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < kinds.length; j++) {
        const k = kinds[(i + j) % kinds.length];
        runs[k].push(await runChild(childArgs(k)));
      }
    }
    const rows = kinds.map((k) => {
      const inside = runs[k].map((r) => r.ms);
      const wall = runs[k].map((r) => r.wall);
      return [label[k], ms(median(inside)), `${ms(quantile(inside, 0.1))} – ${ms(quantile(inside, 0.9))}`, ms(median(wall))];
    });
    const coldTidings = median(runs.tidings.map((r) => r.ms));
    const coldFloor = median(runs.floor.map((r) => r.ms));
    const wallDiff = median(runs.tidings.map((r) => r.wall)) - median(runs.floor.map((r) => r.wall));
    const text = table(['contender', 'import + client (median)', 'p10 – p90', 'process wall (median)'], rows);
    log(text);
    log(`tidings over the floor: ${ms(coldTidings - coldFloor)} inside the process, ${ms(wallDiff)} of process wall time (${n} processes each)`);
    const coldBase = args.base ? median(runs.base.map((r) => r.ms)) : undefined;
    if (args.base) log(`tidings / --base: ${ratio(coldTidings / coldBase)} (${ms(coldTidings)} against ${ms(coldBase)})`);
    // Where tidings' cold start goes: node.mjs's steps one by one, in more fresh processes
    // (with --base, alternated with that build's).
    const breakdown = [];
    const baseBreakdown = [];
    for (let i = 0; i < R(15, 3); i++) {
      breakdown.push((await runChild([join(benchDir, 'cold-start-child.mjs'), 'breakdown', pkgDir])).steps);
      if (args.base) baseBreakdown.push((await runChild([join(benchDir, 'cold-start-child.mjs'), 'breakdown', resolve(args.base)])).steps);
    }
    const stepNames = { importJs: 'the entry\'s JavaScript (resolve, read, compile, link, run)', readWasm: 'read .wasm', compile: 'new WebAssembly.Module', instantiate: 'instantiate', firstClient: 'first new TiledeskClient', secondClient: '(a second client)' };
    const steps = Object.fromEntries(Object.keys(stepNames).map((k) => [k, median(breakdown.map((b) => b[k]))]));
    const stepText = Object.entries(stepNames).map(([k, label]) => `${label} ${ms(steps[k])}`).join(' · ');
    log(`tidings step by step (median of ${breakdown.length}): ${stepText}`);
    const baseSteps = args.base ? Object.fromEntries(Object.keys(stepNames).map((k) => [k, median(baseBreakdown.map((b) => b[k]))])) : undefined;
    const baseStepText = baseSteps && Object.entries(stepNames).map(([k, label]) => `${label} ${ms(baseSteps[k])}`).join(' · ');
    if (baseSteps) log(`--base step by step (median of ${baseBreakdown.length}): ${baseStepText}`);
    sections.push({
      key: 'cold',
      title: `Cold start (${n} fresh processes each)`,
      header: ['contender', 'import + client (median)', 'p10 – p90', 'process wall (median)'],
      rows,
      extra: [
        `tidings step by step (median of ${breakdown.length} more processes): ${stepText}.`,
        ...(baseSteps ? [`tidings / --base: ${ratio(coldTidings / coldBase)}; --base step by step (median of ${baseBreakdown.length}): ${baseStepText}.`] : []),
      ],
    });
    results.coldStart = {
      processes: n,
      tidingsMs: coldTidings,
      ...(args.base ? { baseMs: coldBase, baseSteps } : {}),
      floorMs: coldFloor,
      sdkMs: median(runs.sdk.map((r) => r.ms)),
      steps,
      wall: Object.fromEntries(kinds.map((k) => [k, median(runs[k].map((r) => r.wall))])),
    };
  }

  // --- 5. Memory -----------------------------------------------------------------------------------
  if (want('memory')) {
    await mock.reset();
    section('Memory after 100 and 10,000 sequential calls (fresh process, --expose-gc, gc() before each reading)');
    const calls = quick ? 1000 : 10_000;
    const mem = {};
    for (const what of ['tidings', 'fetch']) {
      mem[what] = await runChild(['--expose-gc', join(benchDir, 'memory-child.mjs'), what, pkgDir, mock.url, String(calls), quick ? '100' : '1000']);
      await mock.reset();
    }
    const rows = [];
    for (const what of ['tidings', 'fetch']) {
      const m = mem[what];
      for (const key of ['wasmMemory', 'heapUsed', 'arrayBuffers', 'external', 'rss']) {
        if (what === 'fetch' && key === 'wasmMemory') continue;
        rows.push([
          what === 'tidings' ? 'tidings listMessages' : 'fetch + r.json()',
          key,
          bytes(m.after100[key]),
          bytes(m.afterAll[key]),
          bytesDelta(m.afterAll[key] - m.after100[key]),
        ]);
      }
    }
    const header = ['calls of', 'reading', 'after 100', `after ${calls.toLocaleString('en-US')}`, 'growth'];
    log(table(header, rows));
    const trend = (what) => Object.entries(mem[what].readings).map(([n, r]) => `${Number(n).toLocaleString('en-US')}: ${(r.heapUsed / 2 ** 20).toFixed(2)}`).join(', ');
    const trendText = [
      `heapUsed in MiB after N calls — tidings: ${trend('tidings')}; fetch: ${trend('fetch')}.`,
      `Each call lists the 2 seed messages, after ${mem.tidings.warmup.toLocaleString('en-US')} warm-up calls; wasmMemory is tidings_bg.wasm's linear memory, reached through initSync(); the fetch process loads the package too, without calling it.`,
    ];
    for (const line of trendText) log(line);
    sections.push({ key: 'memory', title: `Memory (fresh process, ${calls.toLocaleString('en-US')} calls after warm-up)`, header, rows, extra: trendText });
    results.memory = mem;
  }

  // --- 6. Size ----------------------------------------------------------------------------------------
  if (want('size')) {
    section('Size');
    const s = sizes(pkgDir);
    const rows = [
      ['tidings_bg.wasm raw', bytes(s.wasmRaw)],
      ['tidings_bg.wasm gzip -9', bytes(s.wasmGzip)],
      ['tidings_bg.wasm brotli 11', bytes(s.wasmBrotli)],
      ['tidings.js (glue) gzip -9', bytes(s.glueGzip)],
      ['browser.js gzip -9', bytes(s.browserGzip)],
      ['node.mjs gzip -9', bytes(s.nodeEntryGzip)],
      ['JS for browsers (tidings.js + browser.js), gzip', bytes(s.browserJsTotalGzip)],
      ['JS for Node ESM (node.mjs, with the glue in it; or + tidings.js), gzip', bytes(s.nodeJsTotalGzip)],
      ['packed tarball (npm pack)', `${bytes(s.tarball.size)}, ${s.tarball.entryCount} files, ${bytes(s.tarball.unpackedSize)} unpacked`],
    ];
    log(table(['artefact', 'size'], rows));
    sections.push({ key: 'size', title: 'Size', header: ['artefact', 'size'], rows });
    results.size = s;
  }
} finally {
  await mock.close();
  rmSync(snapshotDir, { recursive: true, force: true });
}

// --- Targets ---------------------------------------------------------------------------
section('Targets');
{
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  const rows = [];
  const pair = (section, a, b) => section?.ratios.find((r) => r.a === a && r.b === b);
  const per = (r) => `${ratio(r.ratio)} (median of per-round ratios; ${r.diff >= 0 ? '+' : ''}${ms(r.diff)} per call)`;
  if (results.list) {
    const list = pair(results.list, 'tidings listMessages', 'fetch + r.json()');
    rows.push(['list 1,000 ≤ 1.07× fetch + r.json()', per(list), verdict(list.ratio <= 1.07)]);
  }
  if (results.send) {
    const send = pair(results.send, 'tidings sendMessage', 'fetch POST + r.json()');
    rows.push(['send ≤ 1.1× fetch POST + r.json()', per(send), verdict(send.ratio <= 1.1)]);
  }
  if (results.decode?.[10_000]) {
    const dec = pair(results.decode[10_000], 'tidings (fetch: fake)', 'fetch: fake + r.json()');
    const js = pair(results.decode[10_000], 'tidings (fetch: fake)', 'fake + r.json() + JS decode');
    rows.push(['decode 10,000 ≤ 1.1× fake fetch + r.json()', per(dec), verdict(dec.ratio <= 1.1)]);
    rows.push(['decode 10,000 faster than the JS-side decode', per(js), verdict(js.ratio < 1)]);
    if (results.wasmMemoryAfterDecode) {
      const times = results.wasmMemoryAfterDecode / results.decode[10_000].derived.inputBytes;
      rows.push(['peak wasm memory of a 10,000 decode ≤ 3× the body', `${bytes(results.wasmMemoryAfterDecode)} = ${times.toFixed(2)}× the ${bytes(results.decode[10_000].derived.inputBytes)} body (the high-water mark: wasm memory never shrinks)`, verdict(times <= 3)]);
    }
  }
  if (results.decode?.[10]) {
    const dec = pair(results.decode[10], 'tidings (fetch: fake)', 'fetch: fake + r.json()');
    rows.push(['decode 10 ≤ 1.3× fake fetch + r.json()', per(dec), verdict(dec.ratio <= 1.3)]);
  }
  if (results.decode?.[0]) {
    const dec = pair(results.decode[0], 'tidings (fetch: fake)', 'fetch: fake + r.json()');
    rows.push(['fixed cost of a call (`[]` body) ≤ 2× the floor (fake fetch + r.json())', per(dec), verdict(dec.ratio <= 2)]);
  }
  if (results.size) rows.push(['wasm ≤ 50 KB gzip -9 (aim 40 KB)', `${bytes(results.size.wasmGzip)}`, verdict(results.size.wasmGzip <= 50_000)]);
  if (results.coldStart) rows.push(['cold start ≤ 5.9 ms (half of the 11.8 ms recorded before)', `${ms(results.coldStart.tidingsMs)} (floor ${ms(results.coldStart.floorMs)})`, verdict(results.coldStart.tidingsMs <= 5.9)]);
  if (results.memory) {
    const m = results.memory.tidings;
    const f = results.memory.fetch;
    const wasmGrowth = m.afterAll.wasmMemory - m.after100.wasmMemory;
    const heapGrowth = m.afterAll.heapUsed - m.after100.heapUsed;
    const fetchHeapGrowth = f.afterAll.heapUsed - f.after100.heapUsed;
    // Least-squares slope of heapUsed over the readings (bytes per call): with V8's
    // heap moving by a few hundred KiB between readings, the slope and the
    // comparison with a plain-fetch process say more than two readings do.
    const slope = (readings) => {
      const points = Object.entries(readings).map(([n, r]) => [Number(n), r.heapUsed]);
      const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
      const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
      const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
      const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
      return sxy / sxx;
    };
    const perCall = slope(m.readings);
    const fetchPerCall = slope(f.readings);
    // No wasm growth at all, and heap growth within the plain-fetch process's own
    // growth + 1 MiB (a leak of ~100 B per call or more would cross that).
    const noGrowth = wasmGrowth === 0 && heapGrowth <= fetchHeapGrowth + 2 ** 20;
    results.memory.verdict = { wasmGrowth, heapGrowth, fetchHeapGrowth, perCall, fetchPerCall };
    rows.push([
      'no memory growth 100 → 10,000 calls',
      `wasm ${bytesDelta(wasmGrowth)}; heapUsed ${bytesDelta(heapGrowth)} (fetch alone: ${bytesDelta(fetchHeapGrowth)}); slope ${perCall.toFixed(1)} B/call (fetch: ${fetchPerCall.toFixed(1)})`,
      verdict(noGrowth),
    ]);
  }
  log(table(['target', 'figure', 'verdict'], rows));
  sections.push({ key: 'targets', title: 'Targets', header: ['target', 'figure', 'verdict'], rows });
  results.targets = rows.map(([target, figure, v]) => ({ target, figure, verdict: v }));
}

results.seconds = (performance.now() - runStarted) / 1000;
log(`\nwhole run: ${results.seconds.toFixed(0)} s`);

for (const file of [args.json, args.markdown]) mkdirSync(dirname(file), { recursive: true });
writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
const md = [
  `Run of ${new Date().toISOString()}: node ${env.node}, ${env.cpus} × ${env.cpuModel}, ${env.memory}, ${env.rustc}, wasm-bindgen ${env.wasmBindgen}, tidings ${env.tidings} (wasm sha256 ${env.wasmSha256}…), @tiledesk/tiledesk-client ${env.tiledeskClient}, axios ${env.axios}; mock: ${args.mock}${quick ? '; QUICK run' : ''}.`,
  ...sections.map((s) => `\n### ${s.title}\n\n${s.note ? `${s.note}\n\n` : ''}${markdownTable(s.header, s.rows)}${s.extra ? `\n\n${s.extra.join('\n\n')}` : ''}`),
].join('\n');
writeFileSync(args.markdown, `${md}\n`);
log(`figures written to ${relative(process.cwd(), args.json)} and ${relative(process.cwd(), args.markdown)}`);

/** Prints and returns one timed section: per-contender medians, then the pair ratios. */
function report(key, title, run, summary, extra = []) {
  const header = ['contender', 'median', 'p10 – p90'];
  const rows = Object.entries(summary.stats).map(([name, s]) => [name, ms(s.median), `${ms(s.p10)} – ${ms(s.p90)}`]);
  const ratioRows = summary.ratios.map((r) => [`${r.a} / ${r.b}`, ratio(r.ratio), `${r.diff >= 0 ? '+' : ''}${ms(r.diff)}`]);
  log(table(header, rows));
  log(table(['median of per-round ratios', 'ratio', 'difference'], ratioRows));
  for (const line of extra) log(line);
  return {
    key,
    title,
    note: `${run.rounds} measured rounds${run.batch > 1 ? ` of ${run.batch} calls per contender` : ''}, contender order rotated every round; times per call.`,
    header,
    rows,
    extra: [markdownTable(['median of per-round ratios', 'ratio', 'difference'], ratioRows), ...extra],
  };
}
