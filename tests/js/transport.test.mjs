// The transport's handling of what a caller-supplied fetch may return.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TiledeskClient } from '../../pkg/node.mjs';

const auth = { kind: 'jwt', token: 'transport-test-token' };
const ids = { projectId: '5b55e806c93dde00143163dd', requestId: 'support-group-x' };
const seed = JSON.stringify([{ _id: 'a1', text: 'héllo ✓', status: 200 }]);

test('a response-like object with only text() is read through text()', async () => {
  const fetch = async () => ({
    status: 200,
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => seed,
  });
  const client = new TiledeskClient({ auth, fetch, baseUrl: 'https://tiledesk.example/v3' });
  const [message] = await client.listMessages(ids);
  assert.equal(message.text, 'héllo ✓');
  assert.equal(message.statusName, 'received');
});

test('a real Response is read as bytes, UTF-8 intact and invalid bytes replaced as text() does', async () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('[{"_id":"a1","text":"ok '), 0xff, ...new TextEncoder().encode('"}]')]);
  const expected = await new Response(bytes).text();
  const fetch = async () => new Response(bytes, { headers: { 'content-type': 'application/json' } });
  const client = new TiledeskClient({ auth, fetch, baseUrl: 'https://tiledesk.example/v3' });
  const [message] = await client.listMessages(ids);
  assert.equal(message.text, JSON.parse(expected)[0].text);
  assert.ok(message.text.includes('\uFFFD'));
});

test('something that is not a Response is a network error, not a crash', async () => {
  const client = new TiledeskClient({ auth, fetch: async () => 42, baseUrl: 'https://tiledesk.example/v3', retry: false });
  await assert.rejects(client.listMessages(ids), (error) => {
    assert.equal(error.name, 'TidingsError');
    assert.equal(error.kind, 'network');
    assert.match(error.message, /not a Response/);
    return true;
  });
  const ok = new TiledeskClient({ auth, fetch: async () => new Response(seed), baseUrl: 'https://tiledesk.example/v3' });
  assert.equal((await ok.listMessages(ids)).length, 1);
});

test('the request a custom fetch receives: URL, method, headers, one Authorization', async () => {
  let seen;
  const fetch = async (url, init) => {
    seen = { url, init };
    return new Response('[]');
  };
  const client = new TiledeskClient({ auth: { kind: 'jwt', token: 'JWT abc.def' }, fetch, baseUrl: 'https://tiledesk.example/v3/' });
  await client.listMessages(ids);
  assert.equal(seen.url, 'https://tiledesk.example/v3/5b55e806c93dde00143163dd/requests/support-group-x/messages');
  assert.equal(seen.init.method, 'GET');
  assert.equal(seen.init.headers.authorization, 'JWT abc.def');
  assert.equal(seen.init.headers.accept, 'application/json');
  assert.ok(seen.init.signal instanceof AbortSignal);
  assert.equal(seen.init.redirect, 'manual');
  assert.equal(seen.init.body, undefined);
});

test('every call ends its TidingsCall: finish() consumes it, and a call cut short is freed (the glue keeps no finalizer for it)', async () => {
  const { readFileSync } = await import('node:fs');
  const glue = await import('../../pkg/tidings.js?instance=call-lifetime');
  glue.initSync({ module: readFileSync(new URL('../../pkg/tidings_bg.wasm', import.meta.url)) });
  const proto = glue.TidingsCall.prototype;
  const { free, ended } = proto;
  let freed = 0;
  proto.free = function countedFree() {
    freed += 1;
    return free.call(this);
  };
  const fetch = async () => new Response(seed, { headers: { 'content-type': 'application/json' } });
  const client = new glue.TiledeskClient({ auth, fetch, baseUrl: 'https://tiledesk.example/v3' });
  try {
    for (let i = 0; i < 3; i++) assert.equal((await client.listMessages(ids)).length, 1);
    assert.equal(freed, 0, 'a finished call is consumed by finish(), not freed again');
    const cut = new Error('the driver was cut short');
    proto.ended = () => {
      throw cut;
    };
    await assert.rejects(client.listMessages(ids), (error) => error === cut);
    assert.equal(freed, 1, 'the call cut short was freed');
  } finally {
    proto.ended = ended;
    proto.free = free;
  }
  assert.equal((await client.listMessages(ids)).length, 1, 'the instance works afterwards');
});
