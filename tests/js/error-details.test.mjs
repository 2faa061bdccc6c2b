// Details an error must keep, each of which a plausible change could lose:
// the runtime's cause of a network failure, a JSON body served with a
// non-JSON content type, and the scrubbing of credentials from what a custom
// fetch rejects with. Built package (Node ESM entry) against the mock.

import { after, before, test } from 'node:test';
import {
  startMock,
  tiledeskClient,
  flatchrClient,
  rejectsWith,
  assertNoSecret,
  dumpError,
  TILEDESK_PROJECT_ID as P,
  TILEDESK_REQUEST_ID as R,
  TILEDESK_JWT,
  TILEDESK_CREDENTIALS,
  FLATCHR_USER_TOKEN,
} from './helpers.mjs';
import { closedLoopbackUrl } from './faults/closed-port.mjs';

let mock;

before(async () => {
  mock = await startMock();
});

after(async () => {
  await mock?.close();
});

test("a refused connection names the runtime's cause (ECONNREFUSED)", async () => {
  const client = tiledeskClient(mock);
  const closed = await closedLoopbackUrl();
  const refused = new (client.constructor)({ baseUrl: closed, auth: { kind: 'jwt', token: TILEDESK_JWT }, retry: false });
  await rejectsWith(refused.listMessages({ projectId: P, requestId: R }), {
    kind: 'network',
    attempts: 1,
    messageIncludes: ['ECONNREFUSED'],
  });
});

test('a JSON error body served as text/plain is still parsed', async () => {
  mock.script({
    pathIncludes: `/${R}/messages`,
    status: 400,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: '{"success":false,"msg":"Plain but JSON."}',
  });
  await rejectsWith(tiledeskClient(mock).listMessages({ projectId: P, requestId: R }), {
    kind: 'http',
    status: 400,
    body: { success: false, msg: 'Plain but JSON.' },
    messageIncludes: ['Plain but JSON'],
  });
});

/** A fetch that rejects with an error quoting every header it was given. */
function echoingFetch(_url, init) {
  const headers = JSON.stringify(init?.headers ?? {});
  return Promise.reject(new TypeError(`proxy refused request with headers ${headers}`));
}

const ANDREA = TILEDESK_CREDENTIALS.andrea;
const basic = Buffer.from(`${ANDREA.email}:${ANDREA.password}`).toString('base64');
const echoes = [
  ['Tiledesk JWT', () => tiledeskClient(mock, { fetch: echoingFetch }), [TILEDESK_JWT]],
  [
    'Tiledesk Basic',
    () => tiledeskClient(mock, { fetch: echoingFetch, auth: { kind: 'basic', email: ANDREA.email, password: ANDREA.password } }),
    [basic],
  ],
  ['Flatchr Bearer', () => flatchrClient(mock, { fetch: echoingFetch, token: FLATCHR_USER_TOKEN }), [FLATCHR_USER_TOKEN]],
];

for (const [name, makeClient, secrets] of echoes) {
  test(`a custom fetch's rejection that quotes the ${name} credential is scrubbed`, async () => {
    const client = makeClient();
    const call = name.startsWith('Flatchr')
      ? client.listMessages({ companyId: 'c', applicantId: 'a' })
      : client.listMessages({ projectId: P, requestId: R });
    const err = await rejectsWith(call, { kind: 'network', messageIncludes: ['proxy refused request', '[redacted]'] });
    assertNoSecret(dumpError(err), secrets, `${name} network error`);
  });
}

test('a sign-in password the server echoes back is redacted from the error', async () => {
  const { TiledeskClient, FlatchrClient } = await import('../../pkg/node.mjs');
  const password = 'correct-horse-battery';
  const email = 'echo@example.com';
  for (const [path, signIn] of [
    ['/auth/signin', () => TiledeskClient.signIn({ email, password, baseUrl: `${mock.url}/v3`, retry: false })],
    ['/user/login', () => FlatchrClient.logIn({ email, password, baseUrl: mock.url, retry: false })],
  ]) {
    mock.script({
      pathIncludes: path,
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ success: false, msg: `no user ${email}:${password}`, password }),
    });
    const err = await rejectsWith(signIn(), { kind: 'http', status: 401, messageIncludes: ['no user [redacted]'] });
    assertNoSecret(dumpError(err), [password], `${path} error`);
  }
});
