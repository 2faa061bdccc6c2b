// TidingsError as a class: instanceof from both Node entries (one class per
// copy, recognised across them), the caller's own line in `stack`, `cause`
// kept (without credentials), and the headers and Retry-After of an http
// error. Built package against the mock.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { TidingsError, isTidingsError, TiledeskClient } from '../../pkg/node.mjs';
import { startMock, tiledeskClient, assertNoSecret, TILEDESK_REQUEST_ID as R, TILEDESK_PROJECT_ID as P, TILEDESK_JWT } from './helpers.mjs';
import { closedLoopbackUrl } from './faults/closed-port.mjs';

const cjs = createRequire(import.meta.url)('../../pkg/node.cjs');
const THIS_FILE = fileURLToPath(import.meta.url);

let mock;
before(async () => {
  mock = await startMock();
});
after(async () => {
  await mock?.close();
});

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

test('a constructor error is an instance of TidingsError, of the ESM and the CJS entry', () => {
  let error;
  try {
    new TiledeskClient({});
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof TidingsError);
  assert.ok(error instanceof cjs.TidingsError);
  assert.ok(error instanceof Error);
  assert.equal(Object.getPrototypeOf(error), TidingsError.prototype);
  assert.equal(error.constructor, TidingsError);
  assert.equal(TidingsError.name, 'TidingsError');
  assert.equal(error.name, 'TidingsError');
  assert.equal(error.kind, 'config');
  assert.ok(isTidingsError(error) && cjs.isTidingsError(error));
  assert.notEqual(TidingsError, cjs.TidingsError, 'each copy has its own class');
});

test('a rejection of the CJS entry is an instance of the ESM class and vice versa', async () => {
  const fromCjs = await rejection(new cjs.TiledeskClient({ baseUrl: mock.url, auth: { kind: 'jwt', token: TILEDESK_JWT } }).getMessage({ requestId: R }));
  assert.equal(fromCjs.kind, 'invalidInput');
  assert.ok(fromCjs instanceof TidingsError && fromCjs instanceof cjs.TidingsError);
  assert.equal(Object.getPrototypeOf(fromCjs), cjs.TidingsError.prototype);
  const fromEsm = await rejection(tiledeskClient(mock).getMessage({ requestId: R }));
  assert.ok(fromEsm instanceof cjs.TidingsError && fromEsm instanceof TidingsError);
});

test('ordinary errors and look-alikes are not instances', () => {
  assert.ok(!(new Error('x') instanceof TidingsError));
  assert.ok(!(null instanceof TidingsError));
  assert.ok(!('TidingsError' instanceof TidingsError));
  const lookAlike = new Error('x');
  lookAlike.name = 'TidingsError';
  assert.ok(!(lookAlike instanceof TidingsError));
  const hostile = new Proxy({}, { get() { throw new Error('no'); }, getPrototypeOf() { throw new Error('no'); } });
  assert.ok(!(hostile instanceof TidingsError));
});

test('iterateProjectMessages rejects with the class too', async () => {
  const pages = tiledeskClient(mock).iterateProjectMessages({ projectId: P, pageSize: 0 });
  const error = await rejection(pages.next());
  assert.equal(error.kind, 'invalidInput');
  assert.ok(error instanceof TidingsError);
});

async function callerOfList(client) {
  return client.listMessages({ projectId: P, requestId: R });
}

test("a rejection's stack names the caller's own function and line, not glue frames", async () => {
  mock.script({ pathIncludes: 'messages', status: 500, times: 1 });
  const error = await rejection(callerOfList(tiledeskClient(mock)));
  assert.equal(error.kind, 'http');
  const lines = error.stack.split('\n');
  assert.match(lines[0], /^TidingsError: /);
  assert.ok(lines[1].includes('callerOfList') && lines[1].includes(THIS_FILE), `first frame: ${lines[1]}`);
  assert.ok(!error.stack.includes('wasm-function'), error.stack);
});

test("a sign-in's (a static's) stack names its caller too", async () => {
  async function signInCaller() {
    return TiledeskClient.signIn({ baseUrl: mock.url + '/v3', email: 'nobody@example.com', password: 'wrong' });
  }
  const error = await rejection(signInCaller());
  assert.ok(error instanceof TidingsError, String(error));
  assert.ok(error.stack.split('\n')[1].includes('signInCaller'), error.stack);
});

test('a network error keeps what the runtime threw as its cause', async () => {
  const error = await rejection(tiledeskClient(mock, { baseUrl: await closedLoopbackUrl() }).listMessages({ projectId: P, requestId: R }));
  assert.equal(error.kind, 'network');
  assert.ok(error.cause instanceof Error, `cause: ${error.cause}`);
  assert.equal(error.cause.name, 'TypeError');
  // undici's own cause: the refused connection
  assert.equal(error.cause.cause?.code, 'ECONNREFUSED');
});

test("a custom fetch's rejection is the cause, its credentials scrubbed", async () => {
  const client = tiledeskClient(mock, {
    fetch: async (url, init) => {
      const failure = new TypeError(`could not reach ${url} with ${init.headers.Authorization}`);
      failure.code = 'E_CUSTOM';
      failure.cause = new Error(`inner ${init.headers.Authorization}`);
      throw failure;
    },
  });
  const error = await rejection(client.listMessages({ projectId: P, requestId: R }));
  assert.equal(error.kind, 'network');
  assert.equal(error.cause.name, 'TypeError');
  assert.equal(error.cause.code, 'E_CUSTOM');
  assert.match(error.cause.message, /^could not reach /);
  assert.match(error.cause.cause.message, /^inner /);
  assertNoSecret(error.cause.message, [TILEDESK_JWT]);
  assertNoSecret(error.cause.cause.message, [TILEDESK_JWT]);
  assert.ok(!error.cause.message.includes(TILEDESK_JWT));
});

test('an http error has retryAfterMs and the rate-limit and request-id headers', async () => {
  mock.script({
    pathIncludes: 'messages',
    status: 429,
    retryAfter: 7,
    headers: { 'x-request-id': 'req-42', 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '100', 'set-cookie': 'a=b', 'x-other': 'no' },
    times: 1,
  });
  const error = await rejection(tiledeskClient(mock).listMessages({ projectId: P, requestId: R }));
  assert.equal(error.kind, 'http');
  assert.equal(error.status, 429);
  assert.equal(error.retryAfterMs, 7000);
  assert.deepEqual(
    { ...error.headers },
    { 'retry-after': '7', 'x-request-id': 'req-42', 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0' },
  );
});

test('an http error without those headers has empty headers and no retryAfterMs', async () => {
  mock.script({ pathIncludes: 'messages', status: 500, times: 1 });
  const error = await rejection(tiledeskClient(mock).listMessages({ projectId: P, requestId: R }));
  assert.equal(error.kind, 'http');
  assert.deepEqual({ ...error.headers }, {});
  assert.equal('retryAfterMs' in error, false);
});

test('a header value echoing the credential is redacted', async () => {
  mock.script({ pathIncludes: 'messages', status: 400, headers: { 'x-request-id': `id ${TILEDESK_JWT}` }, times: 1 });
  const error = await rejection(tiledeskClient(mock).listMessages({ projectId: P, requestId: R }));
  assert.ok(!error.headers['x-request-id'].includes(TILEDESK_JWT.replace(/^JWT /, '')), error.headers['x-request-id']);
});
