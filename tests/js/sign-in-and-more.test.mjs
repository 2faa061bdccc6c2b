// The sign-in calls (static, without credentials) and the other message routes
// (send many, CSV export, project messages page by page and as an async
// iterable, direct messages), through the built package (Node ESM entry)
// against the mock server: what the mock RECEIVED (method, path, query, body,
// Authorization or its absence), the typed results, and each documented error.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TiledeskClient,
  FlatchrClient,
  startMock,
  tiledeskClient,
  recording,
  rejectsWith,
  assertNoSecret,
  dumpError,
  TILEDESK_PROJECT_ID as P,
  TILEDESK_REQUEST_ID as R,
  TILEDESK_JWT,
  TILEDESK_CREDENTIALS,
  TILEDESK_SEED_MESSAGES,
  TILEDESK_EXTRAS_MESSAGES,
  TILEDESK_BULK_SIZE,
  TILEDESK_USERS,
  FLATCHR_LOGIN,
  FLATCHR_USER_TOKEN,
  FLATCHR_COMPANY_ID,
  FLATCHR_APPLICANT_ID,
} from './helpers.mjs';

const OBJECT_ID = /^[0-9a-f]{24}$/;
const ANDREA = TILEDESK_USERS[0];

let mock;
/** The project owner's client (JWT, `/v3`, retries off). */
let owner;
let baseUrl;

before(async () => {
  mock = await startMock();
  baseUrl = `${mock.url}/v3`;
  owner = tiledeskClient(mock);
});
after(() => mock?.close());

let counter = 0;
const freshRequestId = (label) => `support-group-${label}-${process.pid}-${++counter}`;

/** Exactly one request was sent: returns it. */
function only(sent) {
  assert.equal(sent.length, 1, `expected one request, got ${JSON.stringify(sent.map((s) => `${s.method} ${s.rawPath}`))}`);
  return sent[0];
}

// ---------------------------------------------------------------------------
describe('TiledeskClient.signIn', () => {
  test('posts {email, password} without an Authorization header and resolves to { token, user }', async () => {
    const { email, password } = TILEDESK_CREDENTIALS.andrea;
    const { value: session, error, sent } = await recording(mock, () => TiledeskClient.signIn({ email, password, baseUrl }));
    assert.equal(error, undefined, error && dumpError(error));
    const request = only(sent);
    assert.equal(request.method, 'POST');
    assert.equal(request.rawPath, '/v3/auth/signin');
    assert.deepEqual(JSON.parse(request.body), { email, password });
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal('authorization' in request.headers, false, 'a sign-in sends no Authorization header');

    assert.equal(session.token, `JWT ${TILEDESK_JWT}`);
    assert.deepEqual(Object.keys(session).sort(), ['token', 'user']);
    assert.equal(session.user.id, ANDREA._id);
    assert.equal(session.user._id, undefined, 'the wire _id is mapped to id');
    assert.equal(session.user.email, ANDREA.email);
    assert.equal(session.user.firstname, 'Andrea');
    assert.equal(session.user.lastname, 'Leo');
    assert.equal(session.user.extra.emailverified, true, 'unknown user fields are kept in extra');
  });

  test('the token works as given in auth: { kind: "jwt", token }', async () => {
    const { email, password } = TILEDESK_CREDENTIALS.zoe;
    const session = await TiledeskClient.signIn({ email, password, baseUrl });
    assert.match(session.token, /^JWT eyJ/);
    const client = new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token: session.token }, retry: false });
    const { value: messages, sent } = await recording(mock, () => client.listMessages({ projectId: P, requestId: R }));
    assert.equal(messages.length, TILEDESK_SEED_MESSAGES.length);
    assert.equal(only(sent).headers.authorization, session.token, 'the prefix is sent once');
  });

  test('bad credentials: 401 { success: false, msg }, with no credential in the error', async () => {
    const password = 'not-the-password-42';
    const { error, sent } = await recording(mock, () => TiledeskClient.signIn({ email: ANDREA.email, password, baseUrl, retry: { retries: 2 } }));
    assertNoSecret(dumpError(error), [password], 'the sign-in error');
    await rejectsWith(Promise.reject(error), {
      kind: 'http',
      status: 401,
      provider: 'tiledesk',
      attempts: 1,
      mayHaveBeenSent: false,
      body: { success: false, msg: 'Authentication failed. Wrong password.' },
      messageIncludes: 'Wrong password',
    });
    assert.equal(sent.length, 1, 'a 401 is not retried');
    const unknown = await TiledeskClient.signIn({ email: 'nobody@example.com', password: 'x', baseUrl }).catch((e) => e);
    assert.deepEqual(unknown.body, { success: false, msg: 'Authentication failed. User not found.' });
  });

  test('is a POST: a 500 is not retried and may have been processed; a 429 is retried', async () => {
    const { email, password } = TILEDESK_CREDENTIALS.andrea;
    mock.script({ method: 'POST', pathIncludes: '/auth/signin', status: 500, json: { success: false, msg: 'boom' } });
    const { error, sent } = await recording(mock, () => TiledeskClient.signIn({ email, password, baseUrl, retry: { retries: 3, baseDelayMs: 1 } }));
    await rejectsWith(Promise.reject(error), { kind: 'http', status: 500, attempts: 1, mayHaveBeenSent: true });
    assert.equal(sent.length, 1);
    assertNoSecret(dumpError(error), [password], 'the 500 error');

    mock.script({ method: 'POST', pathIncludes: '/auth/signin', status: 429, retryAfter: 0 });
    const retried = await recording(mock, () => TiledeskClient.signIn({ email, password, baseUrl, retry: { retries: 1, baseDelayMs: 1 } }));
    assert.equal(retried.error, undefined, retried.error && dumpError(retried.error));
    assert.equal(retried.sent.length, 2);
    assert.equal(retried.value.token, `JWT ${TILEDESK_JWT}`);
  });

  test('times out and can be aborted like every call', async () => {
    const { email, password } = TILEDESK_CREDENTIALS.andrea;
    mock.script({ method: 'POST', pathIncludes: '/auth/signin', hang: true });
    await rejectsWith(TiledeskClient.signIn({ email, password, baseUrl, timeoutMs: 150 }), { kind: 'timeout', mayHaveBeenSent: true });
    const controller = new AbortController();
    controller.abort();
    const { error, sent } = await recording(mock, () => TiledeskClient.signIn({ email, password, baseUrl, signal: controller.signal }));
    await rejectsWith(Promise.reject(error), { kind: 'aborted' });
    assert.equal(sent.length, 0);
  });

  test('a custom fetch is used, and bad arguments are refused before sending, never echoing the password', async () => {
    const calls = [];
    const fetch = (url, init) => {
      calls.push({ url: String(url), headers: init.headers });
      return globalThis.fetch(url, init);
    };
    const { email, password } = TILEDESK_CREDENTIALS.andrea;
    await TiledeskClient.signIn({ email, password, baseUrl, fetch });
    assert.equal(calls.length, 1);
    assert.equal(calls[0].url, `${baseUrl}/auth/signin`);
    assert.equal('authorization' in calls[0].headers, false);

    const secret = 'hunter2-secret';
    const rows = [
      [{ email, password: '' }, 'invalidInput', 'password'],
      [{ email: '', password: secret }, 'invalidInput', 'email'],
      [{ email, password: secret, baseUrl: 'ftp://x.example' }, 'config', 'baseUrl'],
      [{ email, password: secret, baseUrl: 'http://tiledesk.example' }, 'config', 'baseUrl'],
      [{ email, password: secret, baseUrl, fetch: 'no' }, 'config', 'fetch'],
      [{ email, password: secret, baseUrl, auth: { kind: 'jwt', token: 't' } }, 'invalidInput', 'auth'],
      [{ email, password: secret, baseUrl, timeoutMs: -1 }, 'invalidInput', 'timeoutMs'],
      [{ email, password: 42, baseUrl }, 'invalidInput', 'password'],
    ];
    for (const [options, kind, field] of rows) {
      const { error, sent } = await recording(mock, () => TiledeskClient.signIn(options));
      await rejectsWith(Promise.reject(error), { kind, field });
      assert.equal(sent.length, 0, `${field}: nothing is sent`);
      assertNoSecret(dumpError(error), [secret], `the ${field} error`);
    }
    await rejectsWith(TiledeskClient.signIn('x'), { kind: 'invalidInput', field: 'options' });
  });
});

// ---------------------------------------------------------------------------
describe('TiledeskClient.signInAnonymously, and the visitor flow', () => {
  test('sign in anonymously, send the first message of a new request, list it', async () => {
    const { value: session, sent } = await recording(mock, () => TiledeskClient.signInAnonymously({
      projectId: P, firstname: 'Ann', lastname: 'Visitor', email: 'ann@example.com', attributes: { page: '/pricing' }, baseUrl,
    }));
    const request = only(sent);
    assert.equal(request.method, 'POST');
    assert.equal(request.rawPath, '/v3/auth/signinAnonymously');
    assert.equal('authorization' in request.headers, false);
    assert.deepEqual(JSON.parse(request.body), {
      id_project: P, firstname: 'Ann', lastname: 'Visitor', email: 'ann@example.com', attributes: { page: '/pricing' },
    });
    assert.match(session.token, /^JWT eyJ/);
    assert.deepEqual(session.user, { id: session.user.id, firstname: 'Ann', lastname: 'Visitor', email: 'ann@example.com', attributes: { page: '/pricing' } });
    assert.match(session.user.id, /^[0-9a-f-]{36}$/);

    const visitor = new TiledeskClient({ baseUrl, auth: { kind: 'jwt', token: session.token }, retry: false });
    const requestId = freshRequestId('visitor');
    const first = await visitor.sendMessage({ projectId: P, requestId, message: { text: 'Hello, I need help' } });
    assert.equal(first.sender, session.user.id);
    assert.equal(first.senderFullname, 'Ann Visitor');
    assert.equal(first.request.request_id, requestId);
    const listed = await visitor.listMessages({ projectId: P, requestId });
    assert.deepEqual(listed.map((m) => [m.id, m.text]), [[first.id, 'Hello, I need help']]);
    assert.equal(mock.requests({ pathIncludes: requestId }).every((r) => r.headers.authorization === session.token), true);
  });

  test('a visitor without a name is guest#xxxx', async () => {
    const session = await TiledeskClient.signInAnonymously({ projectId: P, baseUrl });
    assert.match(session.user.firstname, /^guest#[0-9a-f]{4}$/);
    assert.deepEqual(JSON.parse(mock.requests({ pathIncludes: 'signinAnonymously' }).at(-1).body), { id_project: P });
  });

  test('a project id the server cannot save: 500 { success: false, msg: "Error saving object." }', async () => {
    await rejectsWith(TiledeskClient.signInAnonymously({ projectId: 'not-an-object-id', baseUrl }), {
      kind: 'http', status: 500, provider: 'tiledesk', attempts: 1, mayHaveBeenSent: true,
      body: { success: false, msg: 'Error saving object.' },
    });
  });

  test('no project id: refused up front; the server\'s 422 { errors } is reported as it is', async () => {
    const { error, sent } = await recording(mock, () => TiledeskClient.signInAnonymously({ baseUrl }));
    await rejectsWith(Promise.reject(error), { kind: 'invalidInput', field: 'projectId' });
    assert.equal(sent.length, 0);
    const errors = [{ msg: 'Invalid value', param: 'id_project', location: 'body' }];
    mock.script({ method: 'POST', pathIncludes: 'signinAnonymously', status: 422, json: { errors } });
    await rejectsWith(TiledeskClient.signInAnonymously({ projectId: P, baseUrl }), {
      kind: 'http', status: 422, mayHaveBeenSent: false, body: { errors }, messageIncludes: 'Invalid value',
    });
  });
});

// ---------------------------------------------------------------------------
describe('FlatchrClient.logIn', () => {
  test('posts {email, password} without an Authorization header; the token sends messages', async () => {
    const { value: session, sent } = await recording(mock, () => FlatchrClient.logIn({ ...FLATCHR_LOGIN, baseUrl: mock.url }));
    const request = only(sent);
    assert.equal(request.method, 'POST');
    assert.equal(request.rawPath, '/user/login');
    assert.deepEqual(JSON.parse(request.body), FLATCHR_LOGIN);
    assert.equal('authorization' in request.headers, false);
    assert.deepEqual(session, { token: FLATCHR_USER_TOKEN });

    const asUser = new FlatchrClient({ token: session.token, baseUrl: mock.url, retry: false });
    const message = await asUser.sendMessage({
      companyId: FLATCHR_COMPANY_ID, applicantId: FLATCHR_APPLICANT_ID, message: { html: '<p>Monday?</p>', subject: 'Interview' },
    });
    assert.equal(message.mail.subject, 'Interview');
  });

  test('bad credentials: 401 with no credential in the error', async () => {
    const password = 'wrong-flatchr-password';
    const error = await rejectsWith(FlatchrClient.logIn({ email: FLATCHR_LOGIN.email, password, baseUrl: mock.url }), {
      kind: 'http', status: 401, provider: 'flatchr', mayHaveBeenSent: false,
    });
    assertNoSecret(dumpError(error), [password], 'the log-in error');
    await rejectsWith(FlatchrClient.logIn({ email: FLATCHR_LOGIN.email, baseUrl: mock.url }), { kind: 'invalidInput', field: 'password' });
  });
});

// ---------------------------------------------------------------------------
describe('sendMessages', () => {
  test('posts the array to /multi and resolves to the created messages, in order', async () => {
    const requestId = freshRequestId('multi');
    await owner.sendMessage({ projectId: P, requestId, message: { text: 'opening' } });
    const messages = [
      { text: 'one' },
      { text: 'two', attributes: { n: 2 } },
      { type: 'image', text: 'three', metadata: { src: 'https://files.example/3.png', width: 3, height: 3 } },
    ];
    const { value: created, error, sent } = await recording(mock, () => owner.sendMessages({ projectId: P, requestId, messages }));
    assert.equal(error, undefined, error && dumpError(error));
    const request = only(sent);
    assert.equal(request.method, 'POST');
    assert.equal(request.rawPath, `/v3/${P}/requests/${requestId}/messages/multi`);
    assert.equal(request.headers.authorization, `JWT ${TILEDESK_JWT}`);
    assert.deepEqual(JSON.parse(request.body), [
      { text: 'one', type: 'text' },
      { text: 'two', type: 'text', attributes: { n: 2 } },
      { text: 'three', type: 'image', metadata: { src: 'https://files.example/3.png', width: 3, height: 3 } },
    ]);
    assert.deepEqual(created.map((m) => [m.text, m.type, m.statusName, m.recipient]), [
      ['one', 'text', 'sending', requestId], ['two', 'text', 'sending', requestId], ['three', 'image', 'sending', requestId],
    ]);
    assert.ok(created.every((m) => OBJECT_ID.test(m.id)));
    const listed = await owner.listMessages({ projectId: P, requestId });
    assert.deepEqual(listed.map((m) => m.text), ['opening', 'one', 'two', 'three']);
  });

  test('an unknown request: 404 "Request doesn\'t exist.", and nothing is created', async () => {
    const requestId = freshRequestId('multi-unknown');
    await rejectsWith(owner.sendMessages({ projectId: P, requestId, messages: [{ text: 'x' }] }), {
      kind: 'http', status: 404, mayHaveBeenSent: false, body: { success: false, msg: "Request doesn't exist." },
    });
    assert.deepEqual(await owner.listMessages({ projectId: P, requestId }), []);
  });

  test('a 500 "Error inserting multiple messages." may have been sent and is not retried', async () => {
    const requestId = freshRequestId('multi-500');
    mock.script({ method: 'POST', pathIncludes: `${requestId}/messages/multi`, status: 500, json: { success: false, msg: 'Error inserting multiple messages.' } });
    const { error, sent } = await recording(mock, () => owner.sendMessages({ projectId: P, requestId, messages: [{ text: 'x' }], retry: { retries: 3, baseDelayMs: 1 } }));
    await rejectsWith(Promise.reject(error), { kind: 'http', status: 500, attempts: 1, mayHaveBeenSent: true, messageIncludes: 'may have been sent' });
    assert.equal(sent.length, 1);
  });

  test('each message is checked as a single send is, before anything is sent', async () => {
    const requestId = freshRequestId('multi-bad');
    const rows = [
      [[], 'messages'],
      [[{ text: 'ok' }, { text: '' }], 'messages.1.text'],
      [[{ type: 'file', metadata: { src: 'https://x.example/f' } }], 'messages.0.metadata.type'],
      [[{ text: 'ok' }, null], 'messages.1'],
      [[{ text: 'ok', txet: 'typo' }], 'messages.0.txet'],
      ['one', 'messages'],
    ];
    for (const [messages, field] of rows) {
      const { error, sent } = await recording(mock, () => owner.sendMessages({ projectId: P, requestId, messages }));
      await rejectsWith(Promise.reject(error), { kind: 'invalidInput', field });
      assert.equal(sent.length, 0, `${field}: nothing is sent`);
    }
  });
});

// ---------------------------------------------------------------------------
describe('exportMessagesCsv', () => {
  test('GETs /messages/csv asking for text/csv and resolves to the text, oldest first', async () => {
    const { value: csv, sent } = await recording(mock, () => owner.exportMessagesCsv({ projectId: P, requestId: R }));
    const request = only(sent);
    assert.equal(request.method, 'GET');
    assert.equal(request.rawPath, `/v3/${P}/requests/${R}/messages/csv`);
    assert.equal(request.headers.accept, 'text/csv');
    assert.equal(request.headers.authorization, `JWT ${TILEDESK_JWT}`);
    assert.equal(typeof csv, 'string');
    const lines = csv.trimEnd().split('\n');
    assert.equal(lines[0], '_id;createdAt;sender;senderFullname;recipient;type;text;status;channel_type;language');
    assert.deepEqual(lines.slice(1).map((line) => line.split(';')[0]), TILEDESK_SEED_MESSAGES.map((m) => `"${m._id}"`));
    assert.ok(lines[2].includes('"La stiamo mettendo in contatto con un operatore. Attenda..."'));
  });

  test('quotes and separators inside a text survive', async () => {
    const requestId = freshRequestId('csv');
    await owner.sendMessage({ projectId: P, requestId, message: { text: 'a;b "quoted"\nnext line' } });
    const csv = await owner.exportMessagesCsv({ projectId: P, requestId });
    assert.ok(csv.includes('"a;b ""quoted""\nnext line"'), csv);
  });

  test('errors are the same as for every call', async () => {
    const outsider = tiledeskClient(mock, { auth: { kind: 'basic', ...TILEDESK_CREDENTIALS.outsider } });
    await rejectsWith(outsider.exportMessagesCsv({ projectId: P, requestId: R }), { kind: 'http', status: 403 });
    await rejectsWith(owner.exportMessagesCsv({ projectId: P, requestId: '..' }), { kind: 'invalidInput', field: 'requestId' });
    // A web app's HTML page answered 200 at a wrong base URL is not CSV.
    const requestId = freshRequestId('csv-html');
    mock.script({ method: 'GET', pathIncludes: `${requestId}/messages/csv`, status: 200, html: true });
    await rejectsWith(owner.exportMessagesCsv({ projectId: P, requestId }), { kind: 'decode', status: 200, mayHaveBeenSent: false, messageIncludes: 'HTML page' });
  });
});

// ---------------------------------------------------------------------------
describe('sendDirectMessage', () => {
  test('posts to /:projectId/messages with the wire names; channelType defaults to direct', async () => {
    const message = { recipient: ANDREA._id, recipientFullname: 'Andrea Leo', text: 'Ping', attributes: { urgent: true } };
    const { value: sentMessage, sent } = await recording(mock, () => owner.sendDirectMessage({ projectId: P, message }));
    const request = only(sent);
    assert.equal(request.method, 'POST');
    assert.equal(request.rawPath, `/v3/${P}/messages`);
    assert.equal(request.headers.authorization, `JWT ${TILEDESK_JWT}`);
    assert.deepEqual(JSON.parse(request.body), { ...message, type: 'text' });
    assert.equal(sentMessage.channelType, 'direct');
    assert.equal(sentMessage.recipient, ANDREA._id);
    assert.equal(sentMessage.recipientFullname, 'Andrea Leo');
    assert.equal(sentMessage.statusName, 'sending');
    assert.deepEqual(sentMessage.attributes, { urgent: true });

    const group = await owner.sendDirectMessage({ projectId: P, message: { ...message, channelType: 'group' } });
    assert.equal(JSON.parse(mock.requests({ pathIncludes: `${P}/messages` }).at(-1).body).channel_type, 'group');
    assert.equal(group.channelType, 'group');
  });

  test('missing fields are refused up front; the server\'s 422 { errors: [validator objects] } is reported as it is', async () => {
    const rows = [
      [{ recipientFullname: 'A', text: 'x' }, 'message.recipient'],
      [{ recipient: 'r', text: 'x' }, 'message.recipientFullname'],
      [{ recipient: 'r', recipientFullname: 'A' }, 'message.text'],
    ];
    for (const [message, field] of rows) {
      const { error, sent } = await recording(mock, () => owner.sendDirectMessage({ projectId: P, message }));
      await rejectsWith(Promise.reject(error), { kind: 'invalidInput', field });
      assert.equal(sent.length, 0);
    }
    const errors = [{ msg: 'Text field is required for messages with type "text"', param: 'text', location: 'body' }];
    mock.script({ method: 'POST', pathIncludes: `${P}/messages`, status: 422, json: { errors } });
    await rejectsWith(owner.sendDirectMessage({ projectId: P, message: { recipient: 'r', recipientFullname: 'A', text: 'x' } }), {
      kind: 'http', status: 422, mayHaveBeenSent: false, body: { errors }, messageIncludes: 'Text field is required',
    });
  });
});

// ---------------------------------------------------------------------------
describe('listProjectMessages and iterateProjectMessages', () => {
  /** Every message of the project after a reset: the fixtures. */
  const TOTAL = TILEDESK_SEED_MESSAGES.length + TILEDESK_EXTRAS_MESSAGES.length + TILEDESK_BULK_SIZE;
  before(() => mock.reset());

  test('one page: newest first, exactly the query given', async () => {
    const { value: page, sent } = await recording(mock, () => owner.listProjectMessages({ projectId: P, page: 1, limit: 5 }));
    const request = only(sent);
    assert.equal(request.method, 'GET');
    assert.equal(request.rawPath, `/v3/${P}/messages`);
    assert.deepEqual(request.query, { limit: '5', page: '1' });
    assert.equal(request.headers.authorization, `JWT ${TILEDESK_JWT}`);
    assert.equal(page.length, 5);
    const times = page.map((m) => Date.parse(m.createdAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    const firstTen = await owner.listProjectMessages({ projectId: P, limit: 10 });
    assert.deepEqual(page.map((m) => m.id), firstTen.slice(5).map((m) => m.id), 'page 1 of 5 is messages 5 to 9');
  });

  test('no arguments: the server\'s default of 10; populateRequest adds each message\'s request', async () => {
    const { value: page, sent } = await recording(mock, () => owner.listProjectMessages({ projectId: P }));
    assert.deepEqual(only(sent).query, {});
    assert.equal(page.length, 10);
    assert.equal(page[0].request, undefined);
    const populated = await recording(mock, () => owner.listProjectMessages({ projectId: P, limit: 2, populateRequest: true }));
    assert.deepEqual(only(populated.sent).query, { limit: '2', populate_request: 'true' });
    assert.ok(populated.value.every((m) => m.request && m.request.request_id === m.recipient));
    const notPopulated = await recording(mock, () => owner.listProjectMessages({ projectId: P, limit: 2, populateRequest: false }));
    assert.deepEqual(only(notPopulated.sent).query, { limit: '2' }, 'false is not sent: the server populates for any value');
  });

  test('a limit of 51 is refused up front (the server would silently use 10)', async () => {
    for (const limit of [51, 0, 10.5, Number.NaN]) {
      const { error, sent } = await recording(mock, () => owner.listProjectMessages({ projectId: P, limit }));
      await rejectsWith(Promise.reject(error), { kind: 'invalidInput', field: 'limit', messageIncludes: 'from 1 to 50' });
      assert.equal(sent.length, 0, `limit ${limit}: nothing is sent`);
    }
  });

  test('a member who is not an owner: 403', async () => {
    const agent = tiledeskClient(mock, { auth: { kind: 'basic', ...TILEDESK_CREDENTIALS.zoe } });
    await rejectsWith(agent.listProjectMessages({ projectId: P }), {
      kind: 'http', status: 403, body: { success: false, msg: 'you dont have the required role.' },
    });
  });

  test('iterates every message, newest first, one page per request, and stops after a short page', async () => {
    const before = mock.requests().length;
    const seen = [];
    for await (const message of owner.iterateProjectMessages({ projectId: P })) seen.push(message);
    const sent = mock.requests().slice(before);
    assert.equal(seen.length, TOTAL);
    assert.equal(new Set(seen.map((m) => m.id)).size, TOTAL, 'no message twice');
    const times = seen.map((m) => Date.parse(m.createdAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const pages = Math.ceil(TOTAL / 50);
    assert.equal(TOTAL % 50 !== 0, true, 'the last page is short');
    assert.deepEqual(sent.map((r) => [r.method, r.rawPath, r.query]), Array.from({ length: pages }, (_, page) => (
      ['GET', `/v3/${P}/messages`, { limit: '50', page: String(page) }])));
  });

  test('when the last page is full, one more (empty) page ends the walk', async () => {
    assert.equal(TOTAL % 17, 0, 'the fixtures hold a multiple of 17 messages');
    const before = mock.requests().length;
    let count = 0;
    for await (const message of owner.iterateProjectMessages({ projectId: P, pageSize: 17, populateRequest: true })) {
      assert.ok('request' in message);
      count += 1;
    }
    const sent = mock.requests().slice(before);
    assert.equal(count, TOTAL);
    assert.equal(sent.length, TOTAL / 17 + 1);
    assert.deepEqual(sent.at(-1).query, { limit: '17', page: String(TOTAL / 17), populate_request: 'true' });
  });

  test('breaking out of the loop sends nothing more', async () => {
    const before = mock.requests().length;
    const seen = [];
    for await (const message of owner.iterateProjectMessages({ projectId: P, pageSize: 5 })) {
      seen.push(message);
      if (seen.length === 7) break;
    }
    assert.equal(mock.requests().length - before, 2);
  });

  test('honours its signal: an abort ends the walk with kind aborted and sends nothing more', async () => {
    const controller = new AbortController();
    const before = mock.requests().length;
    let count = 0;
    const error = await (async () => {
      for await (const message of owner.iterateProjectMessages({ projectId: P, pageSize: 5, signal: controller.signal })) {
        assert.ok(message.id);
        count += 1;
        if (count === 3) controller.abort();
      }
    })().catch((e) => e);
    await rejectsWith(Promise.reject(error), { kind: 'aborted', provider: 'tiledesk' });
    assert.equal(count, 3, 'no message after the abort');
    assert.equal(mock.requests().length - before, 1);

    const aborted = new AbortController();
    aborted.abort();
    const iterator = owner.iterateProjectMessages({ projectId: P, signal: aborted.signal });
    await rejectsWith(iterator.next(), { kind: 'aborted' });
    assert.equal(mock.requests().length - before, 1, 'an aborted signal sends nothing');
  });

  test('bad arguments reject the first next(), never throw, and send nothing', async () => {
    const before = mock.requests().length;
    const rows = [
      [{ projectId: P, pageSize: 51 }, 'pageSize'],
      [{ projectId: P, pageSize: 0 }, 'pageSize'],
      [{ projectId: P, pageSize: '10' }, 'pageSize'],
      [{ projectId: P, limit: 10 }, 'limit'],
      [{ projectId: P, page: 2 }, 'page'],
      [{ projectId: '' }, 'projectId'],
      [{ projectId: P, colour: 'red' }, 'colour'],
      [{ projectId: P, timeoutMs: -5 }, 'timeoutMs'],
      [{ get projectId() { throw new Error('getter'); } }, 'options'],
      [null, 'options'],
    ];
    for (const [options, field] of rows) {
      const iterator = owner.iterateProjectMessages(options);
      assert.equal(typeof iterator[Symbol.asyncIterator], 'function');
      await rejectsWith(iterator.next(), { kind: 'invalidInput', field });
    }
    assert.equal(mock.requests().length, before);
  });

  test('server errors reject the iteration', async () => {
    const agent = tiledeskClient(mock, { auth: { kind: 'basic', ...TILEDESK_CREDENTIALS.zoe } });
    await rejectsWith(agent.iterateProjectMessages({ projectId: P }).next(), { kind: 'http', status: 403 });
  });
});
