/** @jest-environment jsdom */
// Copied into examples/jest by tests/browser/run-examples.mjs for one run, then
// removed: in Jest's jsdom environment, where tidings calls Node's own fetch
// (the test realm has none), a timeout and an abort end the call with their
// kinds, and reach that fetch (the server sees each connection closed).
// HANG_URL is a server that never answers.
const { TiledeskClient, TidingsError } = require('tidings');

const ids = { projectId: '5b55e806c93dde00143163dd', requestId: 'support-group-L_OG76RYhR0XFiMf2PK' };
const client = () => new TiledeskClient({ baseUrl: process.env.HANG_URL, auth: { kind: 'jwt', token: 'a-token' }, retry: false });

test('jsdom realm: it has no fetch of its own', () => {
  expect(typeof globalThis.fetch).toBe('undefined');
});

test('jsdom realm: a timeout rejects with kind timeout', async () => {
  const started = Date.now();
  const error = await client().listMessages({ ...ids, timeoutMs: 300 }).catch((e) => e);
  expect(error).toBeInstanceOf(TidingsError);
  expect(error.kind).toBe('timeout');
  expect(Date.now() - started).toBeLessThan(5000);
});

test('jsdom realm: an abort rejects with kind aborted', async () => {
  const controller = new AbortController();
  const pending = client().listMessages({ ...ids, signal: controller.signal });
  setTimeout(() => controller.abort(), 200);
  const error = await pending.catch((e) => e);
  expect(error).toBeInstanceOf(TidingsError);
  expect(error.kind).toBe('aborted');
});
