// Every entry of the package exports the same names, from one list, and the
// published declarations declare exactly those values: an entry that loses
// an export (initSync from CommonJS, say) fails here, not in a user's build.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/** The one list of what `tidings` exports, in every entry. */
const EXPORTS = ['FlatchrClient', 'TidingsError', 'TiledeskClient', 'init', 'initSync', 'isTidingsError'];

const pkg = new URL('../../pkg/', import.meta.url);
const require = createRequire(import.meta.url);

const entries = {
  'node.mjs (Node ESM)': async () => import(new URL('node.mjs', pkg)),
  'node.cjs (Node CommonJS)': async () => require(new URL('node.cjs', pkg).pathname),
  'browser.js (browsers, bundlers)': async () => import(new URL('browser.js', pkg)),
};

for (const [name, load] of Object.entries(entries)) {
  test(`${name} exports exactly the package's names`, async () => {
    const module = await load();
    const names = Object.keys(module).filter((key) => key !== 'default' && key !== 'module.exports').sort();
    assert.deepEqual(names, EXPORTS);
    for (const key of EXPORTS) assert.equal(typeof module[key], 'function', `${name}: ${key}`);
  });
}

for (const file of ['index.d.ts', 'index.d.cts', 'browser.d.ts']) {
  test(`${file} declares exactly the package's values`, () => {
    const text = readFileSync(new URL(file, pkg), 'utf8');
    const declared = [...text.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]);
    assert.deepEqual([...new Set(declared)].sort(), EXPORTS);
  });
}

test('node.mjs works where process.getBuiltinModule is missing (Node 18, Node 20 before 20.16): the wasm read and the watch driver required through createRequire', async () => {
  const { execFileSync } = await import('node:child_process');
  const script = `
    delete process.getBuiltinModule;
    const { TiledeskClient, TidingsError } = await import(${JSON.stringify(new URL('node.mjs', pkg).href)});
    const client = new TiledeskClient({ baseUrl: 'http://127.0.0.1:9/v3', auth: { kind: 'jwt', token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc' } });
    const watch = client.watchMessages({ projectId: '62c3f10152dc7400352bab0d', requestId: 'support-group-1', pollIntervalMs: -1 });
    const error = await watch.next().then(() => null, (e) => e);
    console.log(JSON.stringify({ hasBuiltin: typeof process.getBuiltinModule, baseUrl: client.baseUrl, kind: error?.kind, field: error?.field, isClass: error instanceof TidingsError }));
  `;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
  assert.deepEqual(out, { hasBuiltin: 'undefined', baseUrl: 'http://127.0.0.1:9/v3', kind: 'invalidInput', field: 'pollIntervalMs', isClass: true });
});

test("initSync takes a compiled WebAssembly.Module of another realm (Next.js's edge sandbox hands its `.wasm?module` imports over so)", async () => {
  const { runInNewContext } = await import('node:vm');
  const bytes = readFileSync(new URL('tidings_bg.wasm', pkg));
  const module = runInNewContext('new WebAssembly.Module(bytes)', { bytes });
  assert.ok(!(module instanceof WebAssembly.Module), 'the module is of this realm: the test would prove nothing');
  // A copy of the glue of its own (the query makes it another module instance), not yet initialised.
  const glue = await import(new URL('tidings.js?another-realm', pkg));
  glue.initSync({ module });
  const client = new glue.TiledeskClient({ baseUrl: 'http://127.0.0.1:9/v3/', auth: { kind: 'jwt', token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc' } });
  assert.equal(client.baseUrl, 'http://127.0.0.1:9/v3');
  const error = await client.listMessages({ projectId: '62c3f10152dc7400352bab0d', requestId: '' }).then(() => null, (e) => e);
  assert.equal(error?.kind, 'invalidInput', String(error));
});
