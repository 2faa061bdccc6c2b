// Reads a V8 .cpuprofile (from `node --cpu-prof`, e.g. of bench/profile-decode.mjs)
// and prints the self time per function, largest first, then the time per stage
// of tidings' decode path:
//
//   the body streamed in (readBody in attempt.js) → copy into wasm memory
//   (the glue's passArray8ToWasm0, in TidingsCall.ended) → UTF-8 check →
//   the transform (crates/transcode) → TextDecoder out of wasm memory → JSON.parse
//
//   node bench/cpuprofile-summary.mjs FILE.cpuprofile [--top N]
//
// Rust function names only appear for a .wasm with a `name` section (see BENCHMARKS.md).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { table } from './lib/stats.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// Self time per node: each sample is charged the time until the next one.
const selfById = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
}
const total = [...selfById.values()].reduce((a, b) => a + b, 0);
const clean = (name) => name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');

const byFunction = new Map();
for (const [id, t] of selfById) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const key = `${clean(functionName) || '(anonymous)'} ${url ? `${url.split('/').at(-1)}:${lineNumber + 1}` : ''}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + t);
}
console.log(`total ${total.toFixed(0)} ms sampled\n`);
console.log(table(
  ['self ms', 'share', 'function'],
  [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)).map(([key, t]) => [t.toFixed(1), `${((100 * t) / total).toFixed(1)}%`, key.slice(0, 140)]),
));

// The glue's import that calls JSON.parse(getStringFromWasm0(...)): found by its line in the glue
// (tidings.js, or node.mjs, which holds a copy of it).
const parseLines = new Map();
function isGlueParse(node) {
  const { url, lineNumber, functionName } = node.callFrame;
  if (functionName !== '' || !/(tidings|node)\.(js|mjs|cjs)$/.test(url)) return false;
  if (!parseLines.has(url)) {
    let line = -1;
    try {
      const path = url.startsWith('file:') ? fileURLToPath(url) : url;
      if (existsSync(path)) {
        const lines = readFileSync(path, 'utf8').split('\n');
        const at = lines.findIndex((l) => l.includes('JSON.parse(getStringFromWasm0('));
        line = at - 1; // the function starts one line above the call
      }
    } catch {
      // Unknown: no line matches.
    }
    parseLines.set(url, line);
  }
  return lineNumber === parseLines.get(url);
}
const hasAncestor = (id, test) => {
  for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) if (test(byId.get(cur))) return true;
  return false;
};
const nearest = (id, tests) => {
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const node = byId.get(cur);
    for (const [name, test] of tests) if (test(node)) return name;
  }
  return null;
};
const fn = (re) => (node) => re.test(node.callFrame.functionName);
const stages = [
  ['the transform: body to output JSON text (wasm)', fn(/tidings_transcode/)],
  ['UTF-8 check of the body (transport, String::from_utf8)', fn(/from_utf8/)],
  ['copy of the body into wasm memory (passArray8ToWasm0)', fn(/passArray8ToWasm0/)],
  ['JSON.parse of the output text (glue)', isGlueParse],
  ['the body streamed in (readBody in attempt.js)', fn(/^readBody$/)],
];
const byStage = new Map();
for (const [id, t] of selfById) {
  const node = byId.get(id);
  const leaf = node.callFrame.functionName;
  let stage;
  if (leaf === 'decode' && /encoding$/.test(node.callFrame.url)) {
    stage = hasAncestor(id, isGlueParse) ? 'TextDecoder: output text out of wasm memory' : 'TextDecoder: other (undici)';
  } else if (leaf === '(garbage collector)') {
    stage = 'garbage collector';
  } else {
    stage = nearest(id, stages)
      ?? (/wasm/.test(node.callFrame.url) ? 'other wasm (allocator, memcpy, the call\'s bookkeeping)' : 'other JS (Response, undici, promises, glue)');
  }
  byStage.set(stage, (byStage.get(stage) ?? 0) + t);
}
console.log('\nby stage (inclusive of callees)');
console.log(table(['ms', 'share', 'stage'], [...byStage].sort((a, b) => b[1] - a[1]).map(([s, t]) => [t.toFixed(0), `${((100 * t) / total).toFixed(1)}%`, s])));
