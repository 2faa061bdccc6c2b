// The browser entry's clients wait for the wasm on their first call. A client
// freed during that wait (a React effect's cleanup runs while the wasm still
// loads, as React's strict mode does in development) rejects the waiting call
// with "this client was freed", never with a misleading option error, and
// sends nothing. Run in Node on pkg/browser.js, with the wasm given as bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startMockServer, TILEDESK_JWT, TILEDESK_PROJECT_ID, TILEDESK_REQUEST_ID } from '../mock/server.mjs';

const pkg = new URL('../../pkg/', import.meta.url);

test('a browser-entry client freed while the wasm loads rejects its waiting call as freed, and sends nothing', async () => {
  const mock = await startMockServer();
  try {
    const { TiledeskClient, TidingsError, init } = await import(new URL('browser.js', pkg));
    const options = { baseUrl: `${mock.url}/v3`, auth: { kind: 'jwt', token: TILEDESK_JWT } };
    const ids = { projectId: TILEDESK_PROJECT_ID, requestId: TILEDESK_REQUEST_ID };
    const freed = new TiledeskClient(options);
    const loading = init(readFileSync(new URL('tidings_bg.wasm', pkg)));
    const waiting = freed.listMessages(ids);
    freed.free();
    await assert.rejects(waiting, (error) => {
      assert.ok(error instanceof TidingsError, String(error));
      assert.equal(error.kind, 'config');
      assert.match(error.message, /TiledeskClient\.listMessages was called after free\(\)/);
      return true;
    });
    await loading;
    assert.equal(mock.requests().length, 0, 'the freed client sent a request');
    // Another client, made the same way, lists.
    const messages = await new TiledeskClient(options).listMessages(ids);
    assert.equal(messages.length, 2);
  } finally {
    await mock.close();
  }
});
