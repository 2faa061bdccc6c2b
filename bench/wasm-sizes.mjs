// Size attribution of a .wasm (a small stand-in for twiggy): bytes per section;
// the signatures of its imports and exports, which its compile time depends on
// (V8 in Node 20 compiles a JavaScript wrapper for each distinct import
// signature, and for each export signature with several results, when it
// compiles the module); and, when the module has a `name` section (a build that
// was not stripped, e.g. `wasm-bindgen --keep-debug` output without wasm-opt),
// the largest functions and the code bytes per crate.
//
//   node bench/wasm-sizes.mjs [file.wasm] [--top N]
//
// The release package's tidings_bg.wasm has no `name` section (wasm-opt drops
// it), so only the section table is shown for it. See BENCHMARKS.md for how the
// named build was made.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { table, bytes } from './lib/stats.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
const file = positionals[0] ?? new URL('../pkg/tidings_bg.wasm', import.meta.url).pathname;
const buf = readFileSync(file);

let pos = 8;
const u32 = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7;
  }
};
const name = () => {
  const len = u32();
  const s = buf.toString('utf8', pos, pos + len);
  pos += len;
  return s;
};

const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const sections = [];
let importedFunctions = 0;
let bodies = [];
const types = [];
const importTypes = [];
const functionTypes = [];
const exported = [];
const VALUE = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x6f: 'externref', 0x70: 'funcref' };
const valueTypes = () => Array.from({ length: u32() }, () => VALUE[buf[pos++]] ?? '?');
const names = new Map();
while (pos < buf.length) {
  const id = buf[pos++];
  const size = u32();
  const start = pos;
  const end = pos + size;
  let label = SECTION[id] ?? `id ${id}`;
  if (id === 0) {
    const customName = name();
    label = `custom "${customName}"`;
    if (customName === 'name') {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = u32();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = u32();
          for (let i = 0; i < count; i++) {
            const index = u32();
            names.set(index, name());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 1) {
    const count = u32();
    for (let i = 0; i < count && buf[pos] === 0x60; i++) {
      pos++;
      types.push({ params: valueTypes(), results: valueTypes() });
    }
  } else if (id === 3) {
    const count = u32();
    for (let i = 0; i < count; i++) functionTypes.push(u32());
  } else if (id === 7) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const exportName = name();
      const kind = buf[pos++];
      const index = u32();
      if (kind === 0) exported.push({ name: exportName, index });
    }
  } else if (id === 2) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      name();
      name();
      const kind = buf[pos++];
      if (kind === 0) {
        importTypes.push(u32());
        importedFunctions++;
      } else if (kind === 1) {
        pos++;
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 2) {
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 3) {
        pos += 2;
      } else if (kind === 4) {
        pos++;
        u32();
      }
    }
  } else if (id === 10) {
    const count = u32();
    bodies = [];
    for (let i = 0; i < count; i++) {
      const bodySize = u32();
      bodies.push({ index: importedFunctions + i, size: bodySize });
      pos += bodySize;
    }
  }
  sections.push({ label, size: end - start });
  pos = end;
}

console.log(`${file}: ${bytes(buf.length)}, ${bodies.length} functions (+${importedFunctions} imported)`);
console.log(table(['section', 'bytes', 'share'], sections.map((s) => [s.label, s.size.toLocaleString('en-US'), `${((100 * s.size) / buf.length).toFixed(1)}%`])));

// Import and export signatures.
const signature = (t) => (t ? `(${t.params.join(' ')}) -> (${t.results.join(' ')})` : '?');
const typeOf = (index) => types[index < importedFunctions ? importTypes[index] : functionTypes[index - importedFunctions]];
const distinct = (list) => new Set(list.map(signature)).size;
const exportTypes = exported.map((e) => typeOf(e.index));
const severalResults = exported.filter((e, i) => (exportTypes[i]?.results.length ?? 0) > 1);
console.log(`\nsignatures: ${importTypes.length} imported functions with ${distinct(importTypes.map((t) => types[t]))} distinct signatures; ${exported.length} exported functions with ${distinct(exportTypes)}, ${new Set(severalResults.map((e) => signature(typeOf(e.index)))).size} of them with several results (${severalResults.map((e) => e.name).join(', ') || 'none'})`);

if (names.size === 0) {
  console.log('\nno "name" section: build with names (see BENCHMARKS.md) to see functions and crates');
  process.exit(0);
}

/** Demangles a legacy Rust symbol (`_ZN4core3fmt5write17h...E`) into `core::fmt::write`. */
function demangle(symbol) {
  const m = /^_ZN(.*)E$/.exec(symbol);
  // Names that rustc already wrote readable: drop crate disambiguators and hashes.
  if (!m) return symbol.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
  const parts = [];
  let rest = m[1];
  while (rest.length) {
    const len = /^(\d+)/.exec(rest);
    if (!len) break;
    const n = Number(len[1]);
    parts.push(rest.slice(len[1].length, len[1].length + n));
    rest = rest.slice(len[1].length + n);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  return parts
    .join('::')
    .replaceAll('$LT$', '<').replaceAll('$GT$', '>').replaceAll('$u20$', ' ').replaceAll('$RF$', '&')
    .replaceAll('$C$', ',').replaceAll('$u7b$', '{').replaceAll('$u7d$', '}').replaceAll('$BP$', '*')
    .replaceAll('$u27$', "'").replaceAll('$LP$', '(').replaceAll('$RP$', ')').replaceAll('..', '::');
}

/** The crate a function is attributed to: the first path segment, looking inside `<T as Trait>`. */
function crateOf(readable) {
  const inner = /^<(?:&(?:mut )?)?([A-Za-z_][A-Za-z0-9_]*)/.exec(readable);
  if (inner) return inner[1];
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(readable);
  return m ? m[1] : '(other)';
}

const named = bodies.map((b) => {
  const readable = demangle(names.get(b.index) ?? `func${b.index}`);
  return { ...b, readable, crate: crateOf(readable) };
});
const top = Number(values.top);
const total = named.reduce((n, f) => n + f.size, 0);
named.sort((a, b) => b.size - a.size);
console.log(`\nlargest ${top} functions (code bytes; ${total.toLocaleString('en-US')} in all)`);
console.log(table(['bytes', 'function'], named.slice(0, top).map((f) => [f.size.toLocaleString('en-US'), f.readable.slice(0, 150)])));

const byCrate = new Map();
for (const f of named) {
  const c = byCrate.get(f.crate) ?? { size: 0, count: 0 };
  c.size += f.size;
  c.count++;
  byCrate.set(f.crate, c);
}
console.log('\ncode bytes per crate (generic code is counted where it is instantiated from, as named)');
console.log(table(
  ['crate', 'bytes', 'share', 'functions'],
  [...byCrate].sort((a, b) => b[1].size - a[1].size).slice(0, 25).map(([crate, c]) => [crate, c.size.toLocaleString('en-US'), `${((100 * c.size) / total).toFixed(1)}%`, c.count]),
));
