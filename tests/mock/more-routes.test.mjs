// Self-test of the mock's sign-in routes and the other Tiledesk message routes
// (multi, csv, project messages, direct messages), with plain fetch.
// Run with: node --test tests/mock/

import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  startMockServer,
  TILEDESK_PROJECT_ID as PROJECT,
  TILEDESK_REQUEST_ID,
  TILEDESK_SEED_MESSAGES,
  TILEDESK_EXTRAS_MESSAGES,
  TILEDESK_BULK_SIZE,
  TILEDESK_CREDENTIALS,
  TILEDESK_USERS,
  TILEDESK_JWT,
} from './server.mjs';

const basic = (email, password) => `Basic ${Buffer.from(`${email}:${password}`, 'utf8').toString('base64')}`;
const ANDREA = { authorization: `JWT ${TILEDESK_JWT}` };
const ZOE = { authorization: basic(TILEDESK_CREDENTIALS.zoe.email, TILEDESK_CREDENTIALS.zoe.password) };
const OUTSIDER = { authorization: basic(TILEDESK_CREDENTIALS.outsider.email, TILEDESK_CREDENTIALS.outsider.password) };
const TOTAL = TILEDESK_SEED_MESSAGES.length + TILEDESK_EXTRAS_MESSAGES.length + TILEDESK_BULK_SIZE;

const requestPath = (requestId, rest = '') => `/v3/${PROJECT}/requests/${encodeURIComponent(requestId)}/messages${rest}`;
const projectPath = (query = '') => `/v3/${PROJECT}/messages${query}`;

let mock;

async function call(path, { method = 'GET', headers = {}, json, body } = {}) {
  const init = { method, headers: { ...headers } };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['content-type'] = 'application/json';
  } else if (body !== undefined) {
    init.body = body;
  }
  const res = await fetch(mock.url + path, init);
  const text = await res.text();
  let parsed;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  return { status: res.status, headers: res.headers, text, json: parsed };
}

before(async () => {
  mock = await startMockServer();
});
after(() => mock.close());
beforeEach(() => mock.reset());

describe('Tiledesk POST /auth/signin', () => {
  it('answers {success, token: "JWT ...", user} without any Authorization header', async () => {
    const r = await call('/v3/auth/signin', { method: 'POST', json: { email: 'Andrea.Leo@F21.it', password: '123456' } });
    assert.equal(r.status, 200);
    assert.equal(r.json.success, true);
    assert.equal(r.json.token, `JWT ${TILEDESK_JWT}`);
    assert.deepEqual(r.json.user, {
      _id: TILEDESK_USERS[0]._id, email: 'andrea.leo@f21.it', firstname: 'Andrea', lastname: 'Leo', emailverified: true, id: TILEDESK_USERS[0]._id,
    });
  });

  it('issues a working token to users without a fixed one', async () => {
    const r = await call('/auth/signin', { method: 'POST', json: TILEDESK_CREDENTIALS.zoe });
    assert.equal(r.status, 200);
    assert.match(r.json.token, /^JWT eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const list = await call(requestPath(TILEDESK_REQUEST_ID), { headers: { authorization: r.json.token } });
    assert.equal(list.status, 200);
    mock.reset();
    const afterReset = await call(requestPath(TILEDESK_REQUEST_ID), { headers: { authorization: r.json.token } });
    assert.equal(afterReset.status, 401, 'reset forgets issued tokens');
  });

  it('answers 401 {success: false, msg} for an unknown user or a wrong password', async () => {
    const unknown = await call('/auth/signin', { method: 'POST', json: { email: 'nobody@example.com', password: 'x' } });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.json, { success: false, msg: 'Authentication failed. User not found.' });
    const wrong = await call('/auth/signin', { method: 'POST', json: { email: TILEDESK_CREDENTIALS.andrea.email, password: 'nope' } });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, { success: false, msg: 'Authentication failed. Wrong password.' });
  });

  it('answers 400 to malformed JSON and 404 to other methods', async () => {
    const bad = await call('/auth/signin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    assert.equal(bad.status, 400);
    const get = await call('/auth/signin');
    assert.equal(get.status, 404);
    assert.equal(get.text, 'Cannot GET /auth/signin');
  });
});

describe('Tiledesk POST /auth/signinAnonymously', () => {
  it('creates a visitor who may send to and list the project\'s requests', async () => {
    const r = await call('/v3/auth/signinAnonymously', { method: 'POST', json: { id_project: PROJECT, firstname: 'Ann', attributes: { a: 1 } } });
    assert.equal(r.status, 200);
    assert.equal(r.json.success, true);
    assert.match(r.json.token, /^JWT eyJ/);
    assert.match(r.json.user._id, /^[0-9a-f-]{36}$/);
    assert.equal(r.json.user.firstname, 'Ann');
    assert.deepEqual(r.json.user.attributes, { a: 1 });
    const headers = { authorization: r.json.token };
    const sent = await call(requestPath('support-group-visitor'), { method: 'POST', headers, json: { text: 'hi' } });
    assert.equal(sent.status, 200);
    assert.equal(sent.json.sender, r.json.user._id);
    assert.equal(sent.json.senderFullname, 'Ann');
    const list = await call(requestPath('support-group-visitor'), { headers });
    assert.deepEqual(list.json.map((m) => m.text), ['hi']);
    const project = await call(projectPath(), { headers });
    assert.equal(project.status, 403, 'a visitor is not an owner');
  });

  it('names a visitor without a first name guest#xxxx', async () => {
    const r = await call('/auth/signinAnonymously', { method: 'POST', json: { id_project: PROJECT } });
    assert.match(r.json.user.firstname, /^guest#[0-9a-f]{4}$/);
  });

  it('answers 422 {errors} without id_project and 500 "Error saving object." for one that is not an ObjectId', async () => {
    const missing = await call('/auth/signinAnonymously', { method: 'POST', json: { firstname: 'x' } });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.json, { errors: [{ msg: 'Invalid value', param: 'id_project', location: 'body' }] });
    const bad = await call('/auth/signinAnonymously', { method: 'POST', json: { id_project: 'nope' } });
    assert.equal(bad.status, 500);
    assert.deepEqual(bad.json, { success: false, msg: 'Error saving object.' });
  });
});

describe('Tiledesk POST .../messages/multi', () => {
  it('inserts the messages in order into an existing request: 200 with the array', async () => {
    const r = await call(requestPath(TILEDESK_REQUEST_ID, '/multi'), {
      method: 'POST', headers: ANDREA, json: [{ text: 'one' }, { text: 'two', senderFullname: 'Bot' }, { type: 'image', metadata: { src: 's' } }],
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.map((m) => [m.text, m.type, m.senderFullname, m.status]), [
      ['one', 'text', 'Andrea Leo', 0], ['two', 'text', 'Bot', 0], [undefined, 'image', 'Andrea Leo', 0],
    ]);
    const times = r.json.map((m) => Date.parse(m.createdAt));
    assert.ok(times[0] < times[1] && times[1] < times[2], 'strictly increasing createdAt');
    const list = await call(requestPath(TILEDESK_REQUEST_ID), { headers: ANDREA });
    assert.deepEqual(list.json.slice(-3).map((m) => m._id), r.json.map((m) => m._id));
  });

  it('answers 404 "Request doesn\'t exist." for an unknown request and creates nothing', async () => {
    const r = await call(requestPath('support-group-none', '/multi'), { method: 'POST', headers: ANDREA, json: [{ text: 'x' }] });
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { success: false, msg: "Request doesn't exist." });
    const list = await call(requestPath('support-group-none'), { headers: ANDREA });
    assert.deepEqual(list.json, []);
  });

  it('answers 500 "Error inserting multiple messages." to a body that is not an array', async () => {
    const r = await call(requestPath(TILEDESK_REQUEST_ID, '/multi'), { method: 'POST', headers: ANDREA, json: { text: 'x' } });
    assert.equal(r.status, 500);
    assert.deepEqual(r.json, { success: false, msg: 'Error inserting multiple messages.' });
  });

  it('authenticates like every message route; GET /multi is a message id', async () => {
    const r = await call(requestPath(TILEDESK_REQUEST_ID, '/multi'), { method: 'POST', json: [] });
    assert.equal(r.status, 401);
    const get = await call(requestPath(TILEDESK_REQUEST_ID, '/multi'), { headers: ANDREA });
    assert.equal(get.status, 500);
    assert.deepEqual(get.json, { success: false, msg: 'Error getting object.' });
  });
});

describe('Tiledesk GET .../messages/csv', () => {
  it('answers the request\'s messages as ;-separated CSV, oldest first, with a header line', async () => {
    const r = await call(requestPath(TILEDESK_REQUEST_ID, '/csv'), { headers: ANDREA });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    const lines = r.text.trimEnd().split('\n');
    assert.equal(lines[0], '_id;createdAt;sender;senderFullname;recipient;type;text;status;channel_type;language');
    assert.equal(lines.length, 1 + TILEDESK_SEED_MESSAGES.length);
    const [seed] = TILEDESK_SEED_MESSAGES;
    assert.equal(lines[1].split(';')[0], `"${seed._id}"`);
    assert.ok(lines[1].includes(`"${seed.text}"`));
  });

  it('doubles quotes, keeps separators and newlines inside quotes; an unknown request is the header only', async () => {
    await call(requestPath('support-group-csv'), { method: 'POST', headers: ANDREA, json: { text: 'a;b "c"\nd' } });
    const r = await call(requestPath('support-group-csv', '/csv'), { headers: ANDREA });
    assert.ok(r.text.includes('"a;b ""c""\nd"'), r.text);
    const none = await call(requestPath('support-group-none', '/csv'), { headers: ANDREA });
    assert.equal(none.text.split('\n').filter(Boolean).length, 1);
  });

  it('checks auth and membership like every message route', async () => {
    assert.equal((await call(requestPath(TILEDESK_REQUEST_ID, '/csv'))).status, 401);
    assert.equal((await call(requestPath(TILEDESK_REQUEST_ID, '/csv'), { headers: OUTSIDER })).status, 403);
  });
});

describe('Tiledesk GET .../:projectId/messages', () => {
  it('answers 10 messages, newest first, by default', async () => {
    const r = await call(projectPath(), { headers: ANDREA });
    assert.equal(r.status, 200);
    assert.equal(r.json.length, 10);
    const times = r.json.map((m) => Date.parse(m.createdAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
  });

  it('pages from 0 with limit; a limit above 50 silently becomes 10', async () => {
    const all = [];
    for (let page = 0; ; page += 1) {
      const r = await call(projectPath(`?limit=50&page=${page}`), { headers: ANDREA });
      all.push(...r.json);
      if (r.json.length < 50) break;
    }
    assert.equal(all.length, TOTAL);
    assert.equal(new Set(all.map((m) => m._id)).size, TOTAL);
    const big = await call(projectPath('?limit=51'), { headers: ANDREA });
    assert.equal(big.json.length, 10);
    const second = await call(projectPath('?limit=3&page=1'), { headers: ANDREA });
    assert.deepEqual(second.json.map((m) => m._id), all.slice(3, 6).map((m) => m._id));
  });

  it('adds each message\'s request for any populate_request value, false included', async () => {
    for (const value of ['true', 'false', '1']) {
      const r = await call(projectPath(`?limit=3&populate_request=${value}`), { headers: ANDREA });
      assert.ok(r.json.every((m) => 'request' in m), value);
    }
    const seeded = await call(projectPath(`?limit=50&page=${Math.floor(TOTAL / 50)}&populate_request=true`), { headers: ANDREA });
    const seed = seeded.json.find((m) => m.recipient === TILEDESK_REQUEST_ID);
    assert.equal(seed.request.request_id, TILEDESK_REQUEST_ID);
    const plain = await call(projectPath('?limit=3'), { headers: ANDREA });
    assert.ok(plain.json.every((m) => !('request' in m)));
  });

  it('is for owners only: 403 for other members', async () => {
    const r = await call(projectPath(), { headers: ZOE });
    assert.equal(r.status, 403);
    assert.deepEqual(r.json, { success: false, msg: 'you dont have the required role.' });
    assert.equal((await call(projectPath())).status, 401);
  });
});

describe('Tiledesk POST .../:projectId/messages (direct)', () => {
  it('saves a direct message: 200, channel_type direct by default, status 0', async () => {
    const r = await call(projectPath(), {
      method: 'POST', headers: ZOE, json: { recipient: 'u1', recipientFullname: 'User One', text: 'hello', attributes: { a: 1 } },
    });
    assert.equal(r.status, 200);
    assert.equal(r.json.channel_type, 'direct');
    assert.equal(r.json.status, 0);
    assert.equal(r.json.type, 'text');
    assert.equal(r.json.recipient, 'u1');
    assert.equal(r.json.recipientFullname, 'User One');
    assert.equal(r.json.sender, TILEDESK_USERS[1]._id);
    assert.deepEqual(r.json.attributes, { a: 1 });
    const group = await call(projectPath(), { method: 'POST', headers: ZOE, json: { recipient: 'u1', recipientFullname: 'U', text: 'x', channel_type: 'group' } });
    assert.equal(group.json.channel_type, 'group');
    const newest = await call(projectPath('?limit=1'), { headers: ANDREA });
    assert.equal(newest.json[0]._id, group.json._id, 'stored in the project');
  });

  it('answers 422 with express-validator objects for each missing field', async () => {
    const r = await call(projectPath(), { method: 'POST', headers: ANDREA, json: {} });
    assert.equal(r.status, 422);
    assert.deepEqual(r.json.errors.map((e) => [e.param, e.msg, e.location]), [
      ['recipient', 'Invalid value', 'body'],
      ['recipientFullname', 'Invalid value', 'body'],
      ['text', 'Text field is required for messages with type "text"', 'body'],
    ]);
    const image = await call(projectPath(), { method: 'POST', headers: ANDREA, json: { recipient: 'r', recipientFullname: 'R', type: 'image' } });
    assert.equal(image.status, 200, 'an image needs no text');
  });
});
