// Builds the npm package into pkg/: one wasm-pack build (--target web), then
// the Node entry points and the package.json/README from pkg-template/.
//
// One .wasm serves every runtime:
//   browser.js  browsers, bundlers, workers, extensions: lazy, idempotent init.
//   node.mjs    Node ESM: initialises synchronously from the bundled .wasm;
//               one file, with the glue and helpers in it (see below), the
//               watch driver (watch.cjs) required on first use.
//   node.cjs    Node CJS: the same, over tidings.cjs (the glue converted by esbuild);
//               the helpers bundled in, the watch driver required on first use.
//   index.d.ts / index.d.cts  the types of the Node entries.
//   browser.d.ts              the same, with what is undefined before the wasm loads.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const profile = process.env.TIDINGS_PROFILE === 'dev' ? '--dev' : '--release';

// Start clean: files of an older layout must not linger in the package.
rmSync(pkg, { recursive: true, force: true });
execFileSync('wasm-pack', ['build', '--target', 'web', profile, '--out-dir', 'pkg', '--out-name', 'tidings', '--no-pack'], {
  cwd: root,
  stdio: 'inherit',
});
rmSync(join(pkg, '.gitignore'), { force: true });

// Every method checks its `this`, and free() is idempotent; its rejections
// carry the caller's stack (pkg-template/guard-classes.js). The glue exports
// the TidingsError class (src/bindings/tidings_error.js, which the wasm uses
// to make every error) and the stack helpers the browser entry uses.
const snippets = join(pkg, 'snippets');
const [crateSnippets] = readdirSync(snippets).filter((dir) => existsSync(join(snippets, dir, 'src', 'bindings', 'tidings_error.js')));
if (!crateSnippets) throw new Error('pkg/snippets has no src/bindings/tidings_error.js: did wasm-bindgen change its output?');
const errorModule = `./snippets/${crateSnippets}/src/bindings/tidings_error.js`;
const errorImports = [
  `import { callSite as tidingsCallSite, withCallerStack as tidingsWithCallerStack, freedClient as tidingsFreedClient } from '${errorModule}';`,
  `export { TidingsError, callSite, withCallerStack, freedClient } from '${errorModule}';`,
].join('\n');
// wasm-bindgen writes each import that catches (`#[wasm_bindgen(catch)]`) as
// `function() { return handleError(function (arg0, ...) {...}, arguments); }`.
// V8 compiles the JS-call wrapper of every import signature with the module,
// for functions whose `length` is the signature's parameter count; for these,
// whose length is 0, it compiles another wrapper per signature when the
// module is instantiated. Naming the parameters lets the first ones serve.
let wasmGlue = readFileSync(join(pkg, 'tidings.js'), 'utf8');
const catching = /function\(\) \{ return handleError\(function \(([\w, ]*)\) \{/g;
if (!catching.test(wasmGlue)) throw new Error('tidings.js has no `function() { return handleError(function (...) {`: did wasm-bindgen change its output?');
wasmGlue = wasmGlue.replace(catching, 'function($1) { return handleError(function ($1) {');
// initSync compiles what is not a WebAssembly.Module, and asks with
// `instanceof`, which is false for a module of another realm: Next.js's edge
// sandbox hands `.wasm?module` imports over from its outer realm, and
// compiling from bytes is refused there. Asking for the module's tag
// accepts a compiled module from any realm.
const compiledCheck = 'if (!(module instanceof WebAssembly.Module)) {';
if (!wasmGlue.includes(compiledCheck)) throw new Error(`tidings.js has no \`${compiledCheck}\`: did wasm-bindgen change its output?`);
wasmGlue = wasmGlue.replace(compiledCheck, "if (Object.prototype.toString.call(module) !== '[object WebAssembly.Module]') {");
// A TidingsCall lives for one call: drive() (src/bindings/attempt.js) always
// ends it, with finish() or else free(), so it needs no FinalizationRegistry
// entry (a register and an unregister per call measured 1.6-3 us of a call's
// ~44 us; bench/fixed-cost-parts.mjs).
for (const line of ['TidingsCallFinalization.register(obj, obj.__wbg_ptr, obj);', 'TidingsCallFinalization.unregister(this);']) {
  if (!wasmGlue.includes(line)) throw new Error(`tidings.js has no \`${line}\`: did wasm-bindgen change its output?`);
  wasmGlue = wasmGlue.replace(line, '');
}
writeFileSync(join(pkg, 'tidings.js'), `${wasmGlue}\n${errorImports}\n${readFileSync(join(root, 'pkg-template', 'guard-classes.js'), 'utf8')}`);
// The JavaScript the wasm imports (src/bindings/attempt.js, which wasm-bindgen
// copies under snippets/) goes into the glue itself: the package stays the
// files it lists, and hosts that vendor tidings.js need nothing more.
buildSync({
  entryPoints: [join(pkg, 'tidings.js')],
  outfile: join(pkg, 'tidings.js'),
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'error',
});
rmSync(join(pkg, 'snippets'), { recursive: true, force: true });

// Entry points and shared helpers, hand-written in pkg-template/.
for (const file of ['node.mjs', 'node.cjs', 'browser.js', 'tidings-error.js', 'pages.js', 'watch.js']) {
  copyFileSync(join(root, 'pkg-template', file), join(pkg, file));
}

// The workerd, edge and Deno entries (the `workerd`, `edge-light` and `deno`
// export conditions): each imports the .wasm as a compiled WebAssembly.Module,
// as its host provides it (wrangler's module rules; Next.js's `?module`
// imports; Deno's source phase import, in deno-wasm.js), and instantiates it
// synchronously (from-module.js).
for (const file of ['workerd.js', 'edge.js', 'from-module.js', 'deno.js', 'deno-wasm.js']) copyFileSync(join(root, 'pkg-template', file), join(pkg, file));

// The CommonJS glue takes these from pkg-template/host-globals.cjs (its banner),
// which falls back on Node's own where a test realm hides them (Jest's jsdom).
const HOST_GLOBALS = { TextDecoder: '__tidingsHost.TextDecoder', TextEncoder: '__tidingsHost.TextEncoder', 'globalThis.fetch': '__tidingsHost.fetch' };

// The types of the `tidings/tidings_bg.wasm` subpath (an asset), for ESM and CJS.
for (const name of ['tidings_bg.wasm.d.ts', 'tidings_bg.wasm.d.cts']) copyFileSync(join(root, 'pkg-template', 'tidings_bg.wasm.d.ts'), join(pkg, name));

// CommonJS copies for require(): of the glue (`import.meta.url` only serves
// the browser's default init(), which the CJS entry never calls) and of the
// error helper. watch.cjs takes what it imports from pages.js into itself (a
// require of the ES module pages.js would fail).
for (const name of ['tidings', 'tidings-error', 'pages', 'watch']) {
  buildSync({
    entryPoints: [join(pkg, `${name}.js`)],
    outfile: join(pkg, `${name}.cjs`),
    bundle: name === 'watch',
    format: 'cjs',
    platform: 'neutral',
    logLevel: 'error',
    define: { 'import.meta.url': 'undefined', ...(name === 'tidings' ? HOST_GLOBALS : {}) },
    banner: name === 'tidings' ? { js: readFileSync(join(root, 'pkg-template', 'host-globals.cjs'), 'utf8') } : undefined,
  });
}
if (!/new __tidingsHost\.TextDecoder\(/.test(readFileSync(join(pkg, 'tidings.cjs'), 'utf8'))) throw new Error('tidings.cjs does not take TextDecoder from host-globals.cjs');

// The Node entries, with the helpers they load at start-up bundled in:
// node.mjs with the glue, pages.js and tidings-error.js, one file; node.cjs
// with pages.cjs and tidings-error.cjs, requiring tidings.cjs. Both require
// watch.cjs on the first `next()` of a watch only (node.mjs through
// createRequire, from the folder of the wasm: a dynamic import() would split
// Rollup's single-file bundles). Node resolves, reads, compiles and links
// each ES module of an entry at start-up, which costs more than the code
// itself; a CommonJS module costs little more than its code, so node.cjs
// shares the glue with nothing duplicated. browser.js, workerd.js and
// deno.js keep importing the shared files.
const NODE_ENTRY_BANNER = (name, from) =>
  `// ${name}: built by scripts/build.mjs from pkg-template/${name}, with ${from} bundled in\n// for a faster start (every module costs Node a resolve, a read and a compile).`;
for (const [name, format, from, kept, later] of [
  ['node.mjs', 'esm', 'tidings.js, pages.js and tidings-error.js', [], ['./watch.cjs']],
  ['node.cjs', 'cjs', 'pages.cjs and tidings-error.cjs', ['./tidings.cjs'], ['./watch.cjs']],
]) {
  buildSync({
    entryPoints: [join(pkg, name)],
    outfile: join(pkg, name),
    allowOverwrite: true,
    bundle: true,
    format,
    platform: 'node',
    target: 'node18',
    external: [...kept, ...later],
    logLevel: 'error',
    banner: { js: NODE_ENTRY_BANNER(name, from) },
  });
  const bundled = readFileSync(join(pkg, name), 'utf8');
  const loads = [...bundled.matchAll(/(?:from|require\(|import\()\s*["'](\.\.?\/[^"']*)/g)].map((m) => m[1]);
  if (loads.some((file) => !kept.includes(file) && !later.includes(file))) throw new Error(`${name} loads files of the package it should hold: ${loads.join(', ')}`);
  for (const file of later) {
    if (!bundled.includes(`("${file}").watch`)) throw new Error(`${name} does not load ${file} on a watch's first next() only`);
  }
  if (bundled.includes('async function* watch(')) throw new Error(`${name} holds the watch driver it should require on first use`);
  if (format === 'esm' && !bundled.includes('Class of [TiledeskClient, FlatchrClient]')) throw new Error(`${name} lost the glue's method guards (guard-classes.js)`);
}

// Public types: wasm-bindgen's declarations (classes, models, options, errors)
// with its init section swapped for the entries' own init/initSync.
let generated = readFileSync(join(pkg, 'tidings.d.ts'), 'utf8');
// Each method takes its endpoint's fields and the call options (sign-ins: the
// SignInOptions, which hold them): declare each endpoint type with those in it,
// as callers name them.
const endpointTypes = new Map([...generated.matchAll(/options: (\w+) & (CallOptions|SignInOptions)\)/g)].map((m) => [m[1], m[2]]));
for (const [name, options] of endpointTypes) {
  const declaration = `export interface ${name} {`;
  if (!generated.includes(declaration)) throw new Error(`tidings.d.ts does not declare ${name} as an interface`);
  generated = generated.replace(declaration, `export interface ${name} extends ${options} {`);
}
generated = generated.replace(/options: (\w+) & (CallOptions|SignInOptions)\)/g, 'options: $1)');
const initSection = generated.indexOf('export type InitInput');
if (initSection < 0) throw new Error('tidings.d.ts has no init section: did wasm-bindgen change its output?');
// The classes declare [Symbol.dispose]() and an AsyncIterableIterator: pull in
// their libs for consumers whose `lib` predates them.
const types = `/// <reference lib="esnext.disposable" />\n/// <reference lib="es2018.asynciterable" />\n${generated.slice(0, initSection).trimEnd()}\n\n${readFileSync(join(root, 'pkg-template', 'init.d.ts'), 'utf8')}`;
writeFileSync(join(pkg, 'index.d.ts'), types);
writeFileSync(join(pkg, 'index.d.cts'), types);
// The browser entry loads the wasm on first use: until then its getters answer undefined.
const getter = /(readonly baseUrl: )string;/;
if (!getter.test(types)) throw new Error('index.d.ts has no baseUrl getter: did wasm-bindgen change its output?');
const browserTypes = types.replace(getter, '$1string | undefined;');
writeFileSync(join(pkg, 'browser.d.ts'), browserTypes);

// Licences and changelog, as in the repository.
for (const file of ['LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md']) copyFileSync(join(root, file), join(pkg, file));

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const manifest = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// The package README: its own head, then the user guide from the repository README.
const guide = /<!-- user-guide:start -->([\s\S]*)<!-- user-guide:end -->/.exec(readFileSync(join(root, 'README.md'), 'utf8'));
if (!guide) throw new Error('README.md lost its user-guide markers');
writeFileSync(join(pkg, 'README.md'), `${readFileSync(join(root, 'pkg-template', 'README.md'), 'utf8').trimEnd()}\n${guide[1]}`);
console.log(`built tidings ${version} into pkg/`);
