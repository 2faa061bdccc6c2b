// What a panic does to the module, proven on the built package.
//
// With panic = "abort", any panic or abort inside the wasm traps. Here one is
// forced through the module's own allocator (an impossible allocation makes
// Rust abort, the same trap a panic ends in) on a private instance of the glue,
// and the test checks it is loud — a WebAssembly.RuntimeError thrown to the
// caller, never a silent wrong answer — and that other instances are untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startMockServer, TILEDESK_JWT, TILEDESK_PROJECT_ID, TILEDESK_REQUEST_ID } from '../mock/server.mjs';

const wasmBytes = readFileSync(new URL('../../pkg/tidings_bg.wasm', import.meta.url));

/** A private copy of the glue (the query makes Node load a separate module) and its wasm exports. */
async function privateInstance(name) {
  const glue = await import(`../../pkg/tidings.js?instance=${name}`);
  const exports = glue.initSync({ module: wasmBytes });
  return { glue, exports };
}

test('an abort inside the wasm is a loud RuntimeError, and other instances keep working', async () => {
  const mock = await startMockServer();
  try {
    const doomed = await privateInstance('doomed');
    const healthy = await privateInstance('healthy');
    const options = { baseUrl: `${mock.url}/v3`, auth: { kind: 'jwt', token: TILEDESK_JWT } };
    const ids = { projectId: TILEDESK_PROJECT_ID, requestId: TILEDESK_REQUEST_ID };

    assert.throws(() => doomed.exports.__wbindgen_malloc(0xfffffff0, 8), WebAssembly.RuntimeError);

    // The same instance afterwards: either a correct answer or a loud error, never a hang.
    const after = await Promise.race([
      new doomed.glue.TiledeskClient(options).listMessages(ids).then(
        (messages) => ({ messages }),
        (error) => ({ error }),
      ),
      new Promise((resolve) => setTimeout(() => resolve({ hung: true }), 5000)),
    ]);
    assert.ok(!after.hung, 'a call after the trap must settle');
    if (after.messages) assert.equal(after.messages.length, 2);
    else assert.ok(after.error instanceof Error, String(after.error));

    const messages = await new healthy.glue.TiledeskClient(options).listMessages(ids);
    assert.deepEqual(messages.map((m) => m.text), ['test56', 'La stiamo mettendo in contatto con un operatore. Attenda...']);
  } finally {
    await mock.close();
  }
});

test('a freed client fails loudly instead of touching freed memory', async () => {
  const { glue } = await privateInstance('freed');
  const client = new glue.TiledeskClient({ auth: { kind: 'jwt', token: 'abc' } });
  client.free();
  await assert.rejects(client.listMessages({ projectId: 'p', requestId: 'r' }), (error) => error instanceof glue.TidingsError && error.kind === 'config' && /after free\(\)/.test(error.message));
});
