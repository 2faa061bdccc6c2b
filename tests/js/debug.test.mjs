// The `debug` option of a sign-in and the user-agent of Node requests, with
// the built package (Node ESM entry) against the mock. The option on clients,
// in Node and Chromium, is in the fault table (tests/js/faults/cases.mjs).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startMock, TiledeskClient, FlatchrClient, TILEDESK_CREDENTIALS, FLATCHR_LOGIN } from './helpers.mjs';

const { version } = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));

let mock;
before(async () => {
  mock = await startMock();
});
after(async () => {
  await mock?.close();
});

test('a sign-in reports its attempt and answer to debug, never the password or the token it returns', async () => {
  const events = [];
  const session = await TiledeskClient.signIn({ baseUrl: `${mock.url}/v3`, email: TILEDESK_CREDENTIALS.zoe.email, password: TILEDESK_CREDENTIALS.zoe.password, debug: (event) => events.push(event) });
  assert.deepEqual(events.map((e) => e.type), ['request', 'response']);
  assert.equal(events[0].method, 'POST');
  assert.equal(events[0].url, `${mock.url}/v3/auth/signin`);
  assert.equal(events[1].status, 200);
  const text = JSON.stringify(events);
  assert.ok(!text.includes(TILEDESK_CREDENTIALS.zoe.password), text);
  assert.ok(!text.includes(session.token.replace(/^JWT /, '')), text);
});

test('a Flatchr log-in with a wrong password: the 4xx answer reported, the password nowhere', async () => {
  const events = [];
  await assert.rejects(FlatchrClient.logIn({ baseUrl: mock.url, email: FLATCHR_LOGIN.email, password: 'not-the-password-123', debug: (event) => events.push(event) }));
  assert.deepEqual(events.map((e) => e.type), ['request', 'response']);
  assert.ok(events[1].status >= 400 && events[1].status < 500, JSON.stringify(events[1]));
  assert.ok(!JSON.stringify(events).includes('not-the-password-123'));
});

test(`requests from Node carry user-agent tidings/${version}`, async () => {
  const before = mock.requests().length;
  await TiledeskClient.signIn({ baseUrl: `${mock.url}/v3`, email: TILEDESK_CREDENTIALS.zoe.email, password: TILEDESK_CREDENTIALS.zoe.password });
  const [request] = mock.requests().slice(before);
  assert.equal(request.headers['user-agent'], `tidings/${version}`);
});
