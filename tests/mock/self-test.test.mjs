// Self-test of the mock server: every route, auth rule, control endpoint and fault.
// Run with: node --test tests/mock/

import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  startMockServer,
  TILEDESK_PROJECT_ID as PROJECT,
  TILEDESK_REQUEST_ID,
  TILEDESK_EXTRAS_REQUEST_ID,
  TILEDESK_BULK_REQUEST_ID,
  TILEDESK_SEED_MESSAGES,
  TILEDESK_EXTRAS_MESSAGES,
  TILEDESK_BULK_MESSAGES,
  TILEDESK_CREDENTIALS,
  TILEDESK_USERS,
  TILEDESK_JWT,
  FLATCHR_COMPANY_ID as COMPANY,
  FLATCHR_API_KEY,
  FLATCHR_USER_TOKEN,
  FLATCHR_LOGIN,
  FLATCHR_APPLICANT_ID,
  FLATCHR_APPLICANT_FR_ID,
  FLATCHR_APPLICANT_MIXED_ID,
  FLATCHR_EN_MESSAGES,
  FLATCHR_FR_MESSAGES,
  makeTiledeskMessages,
} from './server.mjs';

const SERVER_PATH = fileURLToPath(new URL('./server.mjs', import.meta.url));

// --- helpers -------------------------------------------------------------------

const basic = (email, password) => `Basic ${Buffer.from(`${email}:${password}`, 'utf8').toString('base64')}`;
const ANDREA = basic(TILEDESK_CREDENTIALS.andrea.email, TILEDESK_CREDENTIALS.andrea.password);
const ZOE = basic(TILEDESK_CREDENTIALS.zoe.email, TILEDESK_CREDENTIALS.zoe.password);
const OUTSIDER = basic(TILEDESK_CREDENTIALS.outsider.email, TILEDESK_CREDENTIALS.outsider.password);
const API_KEY = `Bearer ${FLATCHR_API_KEY}`;
const USER_TOKEN = `Bearer ${FLATCHR_USER_TOKEN}`;

const listPath = (requestId, prefix = '/v3', project = PROJECT) =>
  `${prefix}/${project}/requests/${encodeURIComponent(requestId)}/messages`;
const onePath = (requestId, messageId, prefix = '/v3') => `${listPath(requestId, prefix)}/${messageId}`;
const flatchrList = (applicant, query = '', prefix = '') =>
  `${prefix}/company/${COMPANY}/applicant/${encodeURIComponent(applicant)}/messages${query}`;
const flatchrSend = (applicant, company = COMPANY) =>
  `/company/${company}/applicant/${encodeURIComponent(applicant)}/message`;

let mock;

/** fetch + body as text; `json` is set when the body parses. */
async function call(path, { method = 'GET', headers = {}, body, json, signal } = {}) {
  const init = { method, headers: { ...headers }, signal };
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

/**
 * http.request for what fetch hides: raw paths, chunk boundaries, incomplete bodies.
 * Resolves with everything received, also when the connection dies mid-body.
 */
function rawRequest(path, { method = 'GET', headers = {}, body, url = mock.url } = {}) {
  return new Promise((resolve) => {
    const req = http.request(url + path, { method, headers, agent: false }, (res) => {
      const chunks = [];
      let error = null;
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', (e) => { error = e; });
      res.on('close', () => resolve({
        status: res.statusCode,
        headers: res.headers,
        chunks,
        body: Buffer.concat(chunks).toString('utf8'),
        complete: res.complete,
        error,
      }));
    });
    req.on('error', (error) => resolve({ status: null, error, complete: false }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const timeout = (ms) => AbortSignal.timeout(ms);

function assertCors(headers) {
  assert.equal(headers.get('access-control-allow-origin'), '*');
  assert.equal(headers.get('access-control-allow-headers'), 'authorization, content-type');
  assert.equal(headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
  assert.equal(headers.get('access-control-expose-headers'), 'retry-after, content-type, www-authenticate');
}

function assertUnauthorized(r) {
  assert.equal(r.status, 401);
  assert.equal(r.text, 'Unauthorized');
  assert.match(r.headers.get('content-type'), /^text\/plain/);
  assert.equal(r.headers.get('www-authenticate'), 'Basic realm="Users"');
}

before(async () => {
  mock = await startMockServer();
});
after(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

// --- server basics -------------------------------------------------------------

describe('server basics', () => {
  it('listens on 127.0.0.1 with a real port', () => {
    assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(mock.url, `http://127.0.0.1:${mock.port}`);
    assert.ok(mock.port > 0);
  });

  it('answers OPTIONS with 204 + CORS, without auth, scripts or recording', async () => {
    mock.script({ pathIncludes: '/', times: 0, status: 500 });
    const res = await fetch(mock.url + listPath(TILEDESK_REQUEST_ID), { method: 'OPTIONS' });
    assert.equal(res.status, 204);
    assertCors(res.headers);
    const flatchr = await fetch(mock.url + flatchrSend(FLATCHR_APPLICANT_ID), { method: 'OPTIONS' });
    assert.equal(flatchr.status, 204);
    assert.deepEqual(mock.requests(), []);
  });

  it('sends CORS headers on success, error and 404 responses', async () => {
    assertCors((await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: ANDREA } })).headers);
    assertCors((await call(listPath(TILEDESK_REQUEST_ID))).headers);
    assertCors((await call('/nowhere')).headers);
    assertCors((await call(flatchrList(FLATCHR_APPLICANT_ID))).headers);
  });

  it('answers unknown paths with 404 plain text', async () => {
    const r = await call('/v3/nothing/here');
    assert.equal(r.status, 404);
    assert.match(r.headers.get('content-type'), /^text\/plain/);
    assert.equal(r.text, 'Cannot GET /v3/nothing/here');
  });

  it('answers a malformed percent escape with 400 plain text and still records it', async () => {
    const r = await rawRequest(`/v3/${PROJECT}/requests/bad%E0%A4%A/messages`, { headers: { authorization: ANDREA } });
    assert.equal(r.status, 400);
    assert.match(r.headers['content-type'], /^text\/plain/);
    const [entry] = mock.requests();
    assert.equal(entry.rawPath, `/v3/${PROJECT}/requests/bad%E0%A4%A/messages`);
    assert.equal(entry.segments, null);
  });

  it('splits the raw path before decoding, and records method, path, segments, query, headers, body', async () => {
    const requestId = 'weird/id ü';
    const path = `/api/${PROJECT}/requests/weird%2Fid%20%C3%BC/messages?x=1&y=a&y=b`;
    const posted = await call(path, { method: 'POST', headers: { authorization: ANDREA, 'X-Trace': 'T1' }, json: { text: 'slash' } });
    assert.equal(posted.status, 200);
    assert.equal(posted.json.recipient, requestId);

    const [entry] = mock.requests();
    assert.equal(entry.method, 'POST');
    assert.equal(entry.rawPath, `/api/${PROJECT}/requests/weird%2Fid%20%C3%BC/messages`);
    assert.deepEqual(entry.segments, ['api', PROJECT, 'requests', requestId, 'messages']);
    assert.deepEqual(entry.query, { x: '1', y: ['a', 'b'] });
    assert.equal(entry.headers['x-trace'], 'T1');
    assert.equal(entry.headers.authorization, ANDREA);
    assert.equal(entry.body, '{"text":"slash"}');

    const listed = await call(listPath(requestId), { headers: { authorization: ANDREA } });
    assert.deepEqual(listed.json.map((m) => m.text), ['slash']);
  });

  it('matches routes by suffix whatever the base-URL prefix', async () => {
    for (const prefix of ['', '/v1', '/v2', '/v3', '/api', '/deep/proxy/prefix']) {
      const r = await call(listPath(TILEDESK_REQUEST_ID, prefix), { headers: { authorization: ANDREA } });
      assert.equal(r.status, 200, `prefix ${prefix}`);
      assert.equal(r.json.length, 2);
    }
    for (const prefix of ['', '/v1', '/api']) {
      const r = await call(flatchrList(FLATCHR_APPLICANT_ID, '', prefix), { headers: { authorization: API_KEY } });
      assert.equal(r.status, 200, `prefix ${prefix}`);
    }
  });

  it('ignores one trailing slash like Express', async () => {
    const r = await call(`${listPath(TILEDESK_REQUEST_ID)}/`, { headers: { authorization: ANDREA } });
    assert.equal(r.status, 200);
    assert.equal(r.json.length, 2);
  });

  it('starts from the command line, prints exactly MOCK_URL=..., stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [SERVER_PATH, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const url = await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const line = /^MOCK_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (line) resolve(line[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const res = await fetch(`${url}${listPath(TILEDESK_REQUEST_ID)}`, { headers: { authorization: ANDREA } });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    assert.deepEqual(await exited, { code: 0, signal: null });
    assert.equal(stdout, `MOCK_URL=${url}\n`);
  });
});

// --- Tiledesk: checks before auth, and auth -------------------------------------

describe('Tiledesk project checks and authentication', () => {
  it('rejects a project id that is not 24 hex with 400, before auth', async () => {
    const r = await call(listPath(TILEDESK_REQUEST_ID, '/v3', 'not-an-id'));
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { error: 'Invalid project id: not-an-id' });
  });

  it('rejects an unknown project with 400, before auth', async () => {
    const r = await call(listPath(TILEDESK_REQUEST_ID, '/v3', 'aaaaaaaaaaaaaaaaaaaaaaaa'));
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { error: 'Project not found with id: aaaaaaaaaaaaaaaaaaaaaaaa' });
  });

  it('answers 401 plain text with WWW-Authenticate for missing, Bearer, unknown and wrong credentials', async () => {
    const path = listPath(TILEDESK_REQUEST_ID);
    assertUnauthorized(await call(path));
    assertUnauthorized(await call(path, { headers: { authorization: `Bearer ${TILEDESK_JWT}` } }));
    assertUnauthorized(await call(path, { headers: { authorization: basic('andrea.leo@f21.it', 'wrong') } }));
    assertUnauthorized(await call(path, { headers: { authorization: basic('nobody@example.com', '123456') } }));
    assertUnauthorized(await call(path, { headers: { authorization: 'Digest abc' } }));
  });

  it('accepts Basic with the email in any case', async () => {
    const r = await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: basic('Andrea.LEO@F21.it', '123456') } });
    assert.equal(r.status, 200);
  });

  it('decodes Basic credentials as UTF-8 (non-ASCII email and password)', async () => {
    assert.equal((await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: ZOE } })).status, 200);
    const upper = basic('ZOË@EXAMPLE.COM', TILEDESK_CREDENTIALS.zoe.password);
    assert.equal((await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: upper } })).status, 200);
  });

  it('cuts the password at a second colon, like the real parser', async () => {
    const r = await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: basic('andrea.leo@f21.it', '123456:ignored') } });
    assert.equal(r.status, 200);
  });

  it('answers 400 plain text "Bad Request" for a malformed Basic header', async () => {
    const path = listPath(TILEDESK_REQUEST_ID);
    for (const authorization of ['Basic !!!not-base64!!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, 'Basic', 'Basic abc']) {
      const r = await call(path, { headers: { authorization } });
      assert.equal(r.status, 400, authorization);
      assert.equal(r.text, 'Bad Request');
      assert.match(r.headers.get('content-type'), /^text\/plain/);
    }
  });

  it('accepts JWT with a case-insensitive scheme, but not a doubled prefix', async () => {
    const path = listPath(TILEDESK_REQUEST_ID);
    assert.equal((await call(path, { headers: { authorization: `JWT ${TILEDESK_JWT}` } })).status, 200);
    assert.equal((await call(path, { headers: { authorization: `jwt ${TILEDESK_JWT}` } })).status, 200);
    assertUnauthorized(await call(path, { headers: { authorization: `JWT JWT ${TILEDESK_JWT}` } }));
    assertUnauthorized(await call(path, { headers: { authorization: 'JWT not-a-known-token' } }));
  });

  it('answers 403 JSON for a valid user who is not a project member', async () => {
    const r = await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: OUTSIDER } });
    assert.equal(r.status, 403);
    assert.deepEqual(r.json, { success: false, msg: 'you dont belong to the project.' });
  });

  it('answers other methods with 404 plain text', async () => {
    for (const [method, path] of [['PUT', listPath(TILEDESK_REQUEST_ID)], ['DELETE', onePath(TILEDESK_REQUEST_ID, TILEDESK_SEED_MESSAGES[0]._id)], ['POST', onePath(TILEDESK_REQUEST_ID, TILEDESK_SEED_MESSAGES[0]._id)]]) {
      const r = await call(path, { method, headers: { authorization: ANDREA } });
      assert.equal(r.status, 404, method);
      assert.match(r.headers.get('content-type'), /^text\/plain/);
    }
  });
});

// --- Tiledesk: reading ------------------------------------------------------------

describe('Tiledesk GET', () => {
  const auth = { authorization: ANDREA };

  it('lists the seed messages verbatim, oldest first', async () => {
    const r = await call(listPath(TILEDESK_REQUEST_ID), { headers: auth });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(r.json, TILEDESK_SEED_MESSAGES);
  });

  it('keeps open enums and unknown fields of the extras request', async () => {
    const r = await call(listPath(TILEDESK_EXTRAS_REQUEST_ID), { headers: auth });
    assert.deepEqual(r.json, TILEDESK_EXTRAS_MESSAGES);
    const [m] = r.json;
    assert.equal(m.status, 42);
    assert.deepEqual(m.reactions, { '+1': 2 });
    assert.deepEqual(m.future_field, [1, 'a']);
  });

  it('lists the 1,000-message bulk request sorted by createdAt', async () => {
    const r = await call(listPath(TILEDESK_BULK_REQUEST_ID), { headers: auth });
    assert.equal(r.json.length, 1000);
    assert.deepEqual(r.json, TILEDESK_BULK_MESSAGES);
    for (let i = 1; i < r.json.length; i += 1) assert.ok(r.json[i - 1].createdAt < r.json[i].createdAt);
  });

  it('answers 200 [] for an unknown request', async () => {
    const r = await call(listPath('support-group-does-not-exist'), { headers: auth });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, []);
  });

  it('gets one message by id alone, whatever request is in the path', async () => {
    const wanted = TILEDESK_SEED_MESSAGES[1];
    assert.deepEqual((await call(onePath(TILEDESK_REQUEST_ID, wanted._id), { headers: auth })).json, wanted);
    const elsewhere = await call(onePath('some-other-request', wanted._id), { headers: auth });
    assert.equal(elsewhere.status, 200);
    assert.deepEqual(elsewhere.json, wanted);
  });

  it('answers 404 JSON for an unknown message id', async () => {
    const r = await call(onePath(TILEDESK_REQUEST_ID, 'ffffffffffffffffffffffff'), { headers: auth });
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { success: false, msg: 'Object not found.' });
  });

  it('answers 500 JSON for a malformed message id', async () => {
    const r = await call(onePath(TILEDESK_REQUEST_ID, 'not-an-object-id'), { headers: auth });
    assert.equal(r.status, 500);
    assert.deepEqual(r.json, { success: false, msg: 'Error getting object.' });
  });
});

// --- Tiledesk: sending --------------------------------------------------------------

describe('Tiledesk POST', () => {
  const auth = { authorization: ANDREA };

  it('adds a message to an existing request: 200 with the message and populated request', async () => {
    const before = Date.now();
    const r = await call(listPath(TILEDESK_REQUEST_ID), {
      method: 'POST', headers: auth, json: { text: 'hello from api', attributes: { a: 1 } },
    });
    assert.equal(r.status, 200);
    const m = r.json;
    assert.match(m._id, /^[0-9a-f]{24}$/);
    assert.equal(m.text, 'hello from api');
    assert.equal(m.type, 'text');
    assert.equal(m.status, 0);
    assert.equal(m.sender, TILEDESK_USERS[0]._id);
    assert.equal(m.senderFullname, 'Andrea Leo');
    assert.equal(m.recipient, TILEDESK_REQUEST_ID);
    assert.equal(m.channel_type, 'group');
    assert.deepEqual(m.channel, { name: 'chat21' });
    assert.deepEqual(m.attributes, { a: 1 });
    assert.equal(m.id_project, PROJECT);
    assert.equal(m.createdBy, TILEDESK_USERS[0]._id);
    assert.equal(m.__v, 0);
    assert.ok(Date.parse(m.createdAt) >= before - 1000);
    assert.equal(m.request.request_id, TILEDESK_REQUEST_ID);
    assert.equal(m.request.id_project, PROJECT);
    assert.equal(m.request.first_text, 'test56');
    assert.equal(m.request.status, 200);

    const listed = await call(listPath(TILEDESK_REQUEST_ID), { headers: auth });
    assert.equal(listed.json.length, 3);
    const { request, ...stored } = m;
    assert.deepEqual(listed.json.at(-1), stored);
    assert.deepEqual((await call(onePath('anything', m._id), { headers: auth })).json, stored);
  });

  it('creates a missing request, remembering departmentid, sourcePage, language, userAgent', async () => {
    const body = {
      text: 'first message', departmentid: 'dep-1', sourcePage: 'https://shop.example/cart', language: 'fr', userAgent: 'tidings-test',
    };
    const r = await call(listPath('support-group-new-1'), { method: 'POST', headers: auth, json: body });
    assert.equal(r.status, 200);
    const { request } = r.json;
    assert.equal(request.request_id, 'support-group-new-1');
    assert.equal(request.id_project, PROJECT);
    assert.equal(request.departmentid, 'dep-1');
    assert.equal(request.sourcePage, 'https://shop.example/cart');
    assert.equal(request.language, 'fr');
    assert.equal(request.userAgent, 'tidings-test');
    assert.equal(request.first_text, 'first message');
    assert.equal(request.status, 200);
    assert.ok(request.createdAt);
    const listed = await call(listPath('support-group-new-1'), { headers: auth });
    assert.deepEqual(listed.json.map((m) => m.text), ['first message']);
  });

  it('answers 422 for a new request without text (type missing or "text"), creating nothing', async () => {
    for (const json of [{}, { text: '' }, { type: 'text' }, { type: 'text', text: '' }]) {
      const r = await call(listPath('support-group-new-2'), { method: 'POST', headers: auth, json });
      assert.equal(r.status, 422, JSON.stringify(json));
      assert.deepEqual(r.json, { errors: ['text field is required'] });
    }
    assert.deepEqual((await call(listPath('support-group-new-2'), { headers: auth })).json, []);
    const image = await call(listPath('support-group-new-2'), {
      method: 'POST', headers: auth, json: { type: 'image', metadata: { src: 'https://x.example/a.png', width: 1, height: 1 } },
    });
    assert.equal(image.status, 200);
    assert.equal(image.json.type, 'image');
  });

  it('accepts a message without text on an existing request (text is only checked on creation)', async () => {
    const r = await call(listPath(TILEDESK_REQUEST_ID), { method: 'POST', headers: auth, json: {} });
    assert.equal(r.status, 200);
    assert.equal(r.json.text, undefined);
  });

  it('answers 400 plain text for malformed JSON', async () => {
    const r = await call(listPath(TILEDESK_REQUEST_ID), {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"text": oops',
    });
    assert.equal(r.status, 400);
    assert.equal(r.text, 'Bad Request');
    assert.match(r.headers.get('content-type'), /^text\/plain/);
  });

  it('ignores a body not labelled JSON (like body-parser), so a new request gets 422', async () => {
    const r = await call(listPath('support-group-new-3'), {
      method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '{"text":"hi"}',
    });
    assert.equal(r.status, 422);
  });

  it('never answers a file message without metadata.type', async () => {
    await assert.rejects(
      call(listPath(TILEDESK_REQUEST_ID), {
        method: 'POST', headers: auth, json: { type: 'file', text: 'doc', metadata: { src: 'https://x.example/a.pdf' } }, signal: timeout(300),
      }),
      { name: 'TimeoutError' },
    );
    assert.equal(mock.requests().length, 1, 'the held request is still recorded');
    const ok = await call(listPath(TILEDESK_REQUEST_ID), {
      method: 'POST', headers: auth, json: { type: 'file', text: 'doc', metadata: { src: 'https://x.example/a.pdf', name: 'a.pdf', type: 'application/pdf' } },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.metadata.type, 'application/pdf');
  });

  it('uses the authenticated user as sender (UTF-8 user)', async () => {
    const r = await call(listPath(TILEDESK_REQUEST_ID), { method: 'POST', headers: { authorization: ZOE }, json: { text: 'ciao' } });
    assert.equal(r.status, 200);
    assert.equal(r.json.sender, TILEDESK_USERS[1]._id);
    assert.equal(r.json.senderFullname, 'Zoë Example');
  });

  it('applies the same auth and membership rules to POST', async () => {
    assertUnauthorized(await call(listPath(TILEDESK_REQUEST_ID), { method: 'POST', json: { text: 'x' } }));
    const r = await call(listPath(TILEDESK_REQUEST_ID), { method: 'POST', headers: { authorization: OUTSIDER }, json: { text: 'x' } });
    assert.equal(r.status, 403);
    const jwt = await call(listPath(TILEDESK_REQUEST_ID), { method: 'POST', headers: { authorization: `JWT ${TILEDESK_JWT}` }, json: { text: 'x' } });
    assert.equal(jwt.status, 200);
  });
});

describe('makeTiledeskMessages', () => {
  it('is deterministic, oldest first, with unique 24-hex ids per request', () => {
    const a = makeTiledeskMessages(50, { requestId: 'r1' });
    assert.deepEqual(a, makeTiledeskMessages(50, { requestId: 'r1' }));
    assert.equal(new Set(a.map((m) => m._id)).size, 50);
    for (const m of a) {
      assert.match(m._id, /^[0-9a-f]{24}$/);
      assert.equal(m.recipient, 'r1');
    }
    for (let i = 1; i < a.length; i += 1) assert.ok(a[i - 1].createdAt < a[i].createdAt);
    assert.notEqual(makeTiledeskMessages(1, { requestId: 'r2' })[0]._id, a[0]._id);
  });
});

// --- Flatchr ------------------------------------------------------------------------------

describe('Flatchr authentication and login', () => {
  it('answers 401 JSON without a Bearer token', async () => {
    for (const headers of [{}, { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, { authorization: FLATCHR_API_KEY }]) {
      const r = await call(flatchrList(FLATCHR_APPLICANT_ID), { headers });
      assert.equal(r.status, 401);
      assert.deepEqual(r.json, { statusCode: 401, error: 'Unauthorized', message: 'Missing authentication' });
    }
  });

  it('answers 401 JSON "Invalid token" for an unknown token', async () => {
    const r = await call(flatchrList(FLATCHR_APPLICANT_ID), { headers: { authorization: 'Bearer nope' } });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' });
  });

  it('logs in with the recruiter credentials', async () => {
    const r = await call('/user/login', { method: 'POST', json: FLATCHR_LOGIN });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { statusCode: 200, token: FLATCHR_USER_TOKEN });
    const prefixed = await call('/api/v1/user/login', { method: 'POST', json: FLATCHR_LOGIN });
    assert.equal(prefixed.status, 200);
  });

  it('refuses wrong login credentials with 401 JSON and malformed JSON with 400', async () => {
    const r = await call('/user/login', { method: 'POST', json: { email: FLATCHR_LOGIN.email, password: 'wrong' } });
    assert.equal(r.status, 401);
    assert.equal(r.json.statusCode, 401);
    assert.equal(r.json.error, 'Unauthorized');
    const bad = await call('/user/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error, 'Bad Request');
  });

  it('answers wrong methods with 404 JSON', async () => {
    const r = await call('/user/login');
    assert.equal(r.status, 404);
    assert.equal(r.json.statusCode, 404);
    const list = await call(flatchrList(FLATCHR_APPLICANT_ID), { method: 'POST', headers: { authorization: USER_TOKEN }, json: {} });
    assert.equal(list.status, 404);
  });
});

describe('Flatchr GET messages', () => {
  const auth = { authorization: API_KEY };
  const ALL = '?fields=author,replied,mail,attachments,candidate';

  it('returns only base fields without `fields`', async () => {
    const r = await call(flatchrList(FLATCHR_APPLICANT_ID), { headers: auth });
    assert.equal(r.status, 200);
    const { mail, author, candidate, attachments, ...base } = FLATCHR_EN_MESSAGES[0];
    assert.deepEqual(r.json, [base]);
  });

  it('returns the whole seed message with every field requested', async () => {
    const r = await call(flatchrList(FLATCHR_APPLICANT_ID, ALL), { headers: auth });
    assert.deepEqual(r.json, FLATCHR_EN_MESSAGES);
  });

  it('returns only the named sub-objects and ignores unknown field names', async () => {
    const r = await call(flatchrList(FLATCHR_APPLICANT_ID, '?fields=author,%20mail,bogus'), { headers: auth });
    assert.equal(r.status, 200);
    const [m] = r.json;
    assert.deepEqual(m.author, FLATCHR_EN_MESSAGES[0].author);
    assert.deepEqual(m.mail, FLATCHR_EN_MESSAGES[0].mail);
    assert.equal(m.candidate, undefined);
    assert.equal(m.attachments, undefined);
    const repeated = await call(flatchrList(FLATCHR_APPLICANT_ID, '?fields=author&fields=candidate'), { headers: auth });
    assert.ok(repeated.json[0].author && repeated.json[0].candidate);
  });

  it('serves the French spelling of the model (create_at, delivered_at, integer id, string created_by)', async () => {
    const r = await call(flatchrList(FLATCHR_APPLICANT_FR_ID, ALL), { headers: { authorization: USER_TOKEN } });
    assert.deepEqual(r.json, FLATCHR_FR_MESSAGES);
    const [m] = r.json;
    assert.equal(m.id, 1042);
    assert.equal(m.created_by, '391');
    assert.ok('create_at' in m && !('created_at' in m));
    assert.ok('delivered_at' in m && !('deliver_at' in m));
  });

  it('serves mixed spellings, undocumented shapes and a bare-id message', async () => {
    const base = await call(flatchrList(FLATCHR_APPLICANT_MIXED_ID), { headers: auth });
    const ids = base.json.map((m) => m.id);
    assert.ok(ids.some((id) => typeof id === 'string') && ids.some((id) => typeof id === 'number'));
    const createdBy = base.json.map((m) => m.created_by).filter((v) => v !== undefined);
    assert.ok(createdBy.some((v) => typeof v === 'string') && createdBy.some((v) => typeof v === 'number'));
    assert.ok(base.json.some((m) => 'created_at' in m) && base.json.some((m) => 'create_at' in m));
    assert.ok(base.json.some((m) => 'deliver_at' in m) && base.json.some((m) => 'delivered_at' in m));
    assert.deepEqual(base.json.at(-1), { id: 'onlyIdMessage005' });
    assert.ok(base.json.some((m) => Array.isArray(m.labels)), 'unknown fields are always returned');
    assert.ok(base.json.every((m) => !('replied' in m) && !('mail' in m) && !('attachments' in m)));

    const full = await call(flatchrList(FLATCHR_APPLICANT_MIXED_ID, ALL), { headers: auth });
    assert.ok(full.json.some((m) => m.replied?.by === 'candidate'));
    assert.ok(full.json.some((m) => m.mail?.status === 'opened'));
    assert.ok(full.json.some((m) => m.attachments?.[0]?.name === 'cv.pdf' && m.attachments[0].size === 12345));
  });

  it('answers 404 JSON for an unknown company or applicant', async () => {
    const company = await call(`/company/nope/applicant/${FLATCHR_APPLICANT_ID}/messages`, { headers: auth });
    assert.equal(company.status, 404);
    assert.deepEqual(company.json, { statusCode: 404, error: 'Not Found', message: 'Company not found' });
    const applicant = await call(flatchrList('nobody'), { headers: auth });
    assert.equal(applicant.status, 404);
    assert.deepEqual(applicant.json, { statusCode: 404, error: 'Not Found', message: 'Applicant not found' });
  });
});

describe('Flatchr POST message', () => {
  it('sends with the user token and stores the message', async () => {
    const before = Date.now();
    const r = await call(flatchrSend(FLATCHR_APPLICANT_ID), {
      method: 'POST', headers: { authorization: USER_TOKEN }, json: { html: '<p>Hello <b>Zoë</b></p>', subject: 'Interview' },
    });
    assert.equal(r.status, 200);
    const m = r.json;
    assert.equal(typeof m.id, 'string');
    assert.ok(m.id.length > 0);
    assert.equal(m.created_by, 391);
    assert.ok(Date.parse(m.created_at) >= before - 1000);
    assert.equal(m.auto, false);
    assert.equal(m.delivered, false);
    assert.deepEqual(m.mail, { subject: 'Interview', text: 'Hello Zoë', html: '<p>Hello <b>Zoë</b></p>', status: null });

    const listed = await call(flatchrList(FLATCHR_APPLICANT_ID, '?fields=mail'), { headers: { authorization: API_KEY } });
    assert.equal(listed.json.length, 2);
    assert.deepEqual(listed.json.at(-1), m);
  });

  it('refuses the company API key with 403', async () => {
    const r = await call(flatchrSend(FLATCHR_APPLICANT_ID), { method: 'POST', headers: { authorization: API_KEY }, json: { html: '<p>x</p>' } });
    assert.equal(r.status, 403);
    assert.deepEqual(r.json, { statusCode: 403, error: 'Forbidden', message: 'User token required' });
  });

  it('answers 401 without a token', async () => {
    const r = await call(flatchrSend(FLATCHR_APPLICANT_ID), { method: 'POST', json: { html: '<p>x</p>' } });
    assert.equal(r.status, 401);
  });

  it('requires a non-empty html', async () => {
    for (const json of [{}, { html: '' }, { subject: 'only subject' }]) {
      const r = await call(flatchrSend(FLATCHR_APPLICANT_ID), { method: 'POST', headers: { authorization: USER_TOKEN }, json });
      assert.equal(r.status, 400, JSON.stringify(json));
      assert.deepEqual(r.json, { statusCode: 400, error: 'Bad Request', message: '"html" is required' });
    }
  });

  it('answers 404 for an unknown company or applicant', async () => {
    const applicant = await call(flatchrSend('nobody'), { method: 'POST', headers: { authorization: USER_TOKEN }, json: { html: 'x' } });
    assert.equal(applicant.status, 404);
    assert.equal(applicant.json.message, 'Applicant not found');
    const company = await call(flatchrSend(FLATCHR_APPLICANT_ID, 'nope'), { method: 'POST', headers: { authorization: USER_TOKEN }, json: { html: 'x' } });
    assert.equal(company.json.message, 'Company not found');
  });
});

// --- Control API -----------------------------------------------------------------------------

describe('control API', () => {
  it('GET /__mock/requests returns the log, optionally filtered, and is not itself recorded', async () => {
    await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: ANDREA } });
    await call(flatchrList(FLATCHR_APPLICANT_ID), { headers: { authorization: API_KEY } });
    const all = await call('/__mock/requests');
    assert.equal(all.status, 200);
    assertCors(all.headers);
    assert.equal(all.json.length, 2);
    assert.deepEqual(all.json, mock.requests());
    const filtered = await call('/__mock/requests?pathIncludes=applicant');
    assert.equal(filtered.json.length, 1);
    assert.equal(filtered.json[0].segments[0], 'company');
    assert.equal(mock.requests().length, 2);
  });

  it('POST /__mock/reset restores data, clears scripts and the log', async () => {
    await call(listPath(TILEDESK_REQUEST_ID), { method: 'POST', headers: { authorization: ANDREA }, json: { text: 'temp' } });
    await call(flatchrSend(FLATCHR_APPLICANT_ID), { method: 'POST', headers: { authorization: USER_TOKEN }, json: { html: 'temp' } });
    mock.script({ pathIncludes: '/', times: 0, status: 503 });
    const reset = await call('/__mock/reset', { method: 'POST' });
    assert.equal(reset.status, 204);
    assert.deepEqual(mock.requests(), []);
    const listed = await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: ANDREA } });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.json, TILEDESK_SEED_MESSAGES);
    assert.equal((await call(flatchrList(FLATCHR_APPLICANT_ID), { headers: { authorization: API_KEY } })).json.length, 1);
  });

  it('reset() does the same programmatically', async () => {
    mock.script({ pathIncludes: 'messages', status: 500 });
    await call('/whatever');
    mock.reset();
    assert.deepEqual(mock.requests(), []);
    assert.equal((await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: ANDREA } })).status, 200);
  });

  it('POST /__mock/script installs a rule; invalid rules get 400', async () => {
    const ok = await call('/__mock/script', { method: 'POST', json: { pathIncludes: '/messages', status: 503, json: { down: true } } });
    assert.equal(ok.status, 204);
    const r = await call(listPath(TILEDESK_REQUEST_ID), { headers: { authorization: ANDREA } });
    assert.equal(r.status, 503);
    assert.deepEqual(r.json, { down: true });
    assert.equal((await call('/__mock/script', { method: 'POST', body: '{nope' })).status, 400);
    assert.equal((await call('/__mock/script', { method: 'POST', json: { status: 500 } })).status, 400);
    assert.equal((await call('/__mock/script', { method: 'POST', json: { pathIncludes: 'x', times: -1 } })).status, 400);
    assert.equal((await call('/__mock/nothing')).status, 404);
  });

  it('script() validates rules', () => {
    assert.throws(() => mock.script({}), TypeError);
    assert.throws(() => mock.script({ pathIncludes: 'x', status: 42 }), TypeError);
    assert.throws(() => mock.script({ pathIncludes: 'x', delayMs: -5 }), TypeError);
  });
});

// --- Scripted faults -------------------------------------------------------------------------

describe('scripted responses', () => {
  const path = listPath(TILEDESK_REQUEST_ID);
  const auth = { authorization: ANDREA };

  it('replaces routing once by default (no auth check), records the request, then falls back', async () => {
    mock.script({ pathIncludes: TILEDESK_REQUEST_ID, status: 500, json: { success: false, msg: 'Error creating message', err: {} } });
    const first = await call(path);
    assert.equal(first.status, 500);
    assert.deepEqual(first.json, { success: false, msg: 'Error creating message', err: {} });
    assertCors(first.headers);
    assert.equal((await call(path, { headers: auth })).status, 200);
    assert.equal(mock.requests().length, 2);
  });

  it('honours times: N, and times: 0 = forever', async () => {
    mock.script({ pathIncludes: 'messages', times: 2, status: 429 });
    assert.equal((await call(path, { headers: auth })).status, 429);
    assert.equal((await call(path, { headers: auth })).status, 429);
    assert.equal((await call(path, { headers: auth })).status, 200);
    mock.script({ pathIncludes: 'messages', times: 0, status: 502 });
    for (let i = 0; i < 5; i += 1) assert.equal((await call(path, { headers: auth })).status, 502);
  });

  it('filters by method and applies rules in insertion order', async () => {
    mock.script({ method: 'POST', pathIncludes: 'messages', status: 500 });
    mock.script({ pathIncludes: 'messages', status: 501 });
    mock.script({ pathIncludes: 'messages', status: 502 });
    assert.equal((await call(path, { headers: auth })).status, 501);
    assert.equal((await call(path, { headers: auth })).status, 502);
    assert.equal((await call(path, { method: 'POST', headers: auth, json: { text: 'x' } })).status, 500);
    assert.equal((await call(path, { headers: auth })).status, 200);
  });

  it('matches pathIncludes against the raw and the decoded path', async () => {
    mock.script({ pathIncludes: 'ü', status: 418 });
    mock.script({ pathIncludes: 'a%2Fb', status: 419 });
    assert.equal((await call(listPath('req-ü'), { headers: auth })).status, 418);
    assert.equal((await call(listPath('a/b'), { headers: auth })).status, 419);
  });

  it('sends body as-is, contentType overrides, custom headers', async () => {
    mock.script({ pathIncludes: 'messages', status: 200, json: [{ ok: 1 }], contentType: 'text/html', headers: { 'X-Mock': 'yes' } });
    const r = await call(path);
    assert.equal(r.headers.get('content-type'), 'text/html');
    assert.equal(r.headers.get('x-mock'), 'yes');
    assert.deepEqual(r.json, [{ ok: 1 }]);
    mock.script({ pathIncludes: 'messages', status: 500, body: 'upstream exploded' });
    const plain = await call(path);
    assert.equal(plain.status, 500);
    assert.equal(plain.text, 'upstream exploded');
    assert.match(plain.headers.get('content-type'), /^text\/plain/);
  });

  it('sets Retry-After from seconds or an HTTP date', async () => {
    mock.script({ pathIncludes: 'messages', status: 429, retryAfter: 3 });
    mock.script({ pathIncludes: 'messages', status: 503, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    assert.equal((await call(path)).headers.get('retry-after'), '3');
    assert.equal((await call(path)).headers.get('retry-after'), 'Wed, 21 Oct 2015 07:28:00 GMT');
  });

  it('html: true sends an HTML error page (502 unless a status is given)', async () => {
    mock.script({ pathIncludes: 'messages', html: true });
    mock.script({ pathIncludes: 'messages', html: true, status: 504 });
    const r = await call(path);
    assert.equal(r.status, 502);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.match(r.text, /<html>[\s\S]*502 Bad Gateway/);
    assert.match((await call(path)).text, /504 Gateway Timeout/);
  });

  it('delayMs waits before the headers', async () => {
    mock.script({ pathIncludes: 'messages', delayMs: 200, json: [] });
    const started = Date.now();
    const r = await call(path);
    assert.ok(Date.now() - started >= 190, `took ${Date.now() - started} ms`);
    assert.deepEqual(r.json, []);
  });

  it('hang: true never answers', async () => {
    mock.script({ pathIncludes: 'messages', hang: true });
    await assert.rejects(call(path, { headers: auth, signal: timeout(250) }), { name: 'TimeoutError' });
    assert.equal((await call(path, { headers: auth })).status, 200, 'next request is normal');
  });

  it('slowBodyMs sends headers first, then drips the body in ~10 chunks', async () => {
    mock.script({ pathIncludes: 'messages', slowBodyMs: 400, json: TILEDESK_BULK_MESSAGES.slice(0, 20) });
    const res = await fetch(mock.url + path);
    const headersAt = Date.now();
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.ok(Date.now() - headersAt >= 300, `body took ${Date.now() - headersAt} ms`);
    assert.equal(body.length, 20);

    mock.script({ pathIncludes: 'messages', slowBodyMs: 300, json: TILEDESK_BULK_MESSAGES.slice(0, 20) });
    const raw = await rawRequest(path);
    assert.ok(raw.complete);
    assert.ok(raw.chunks.length >= 5, `got ${raw.chunks.length} chunks`);
    assert.equal(JSON.parse(raw.body).length, 20);
  });

  it('resetMidBody sends headers and part of the body, then kills the connection', async () => {
    const json = TILEDESK_BULK_MESSAGES.slice(0, 50);
    const full = Buffer.byteLength(JSON.stringify(json));
    mock.script({ pathIncludes: 'messages', times: 2, resetMidBody: true, json });
    const res = await fetch(mock.url + path);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-length'), String(full));
    await assert.rejects(res.text());

    const raw = await rawRequest(path);
    assert.equal(raw.status, 200);
    assert.equal(raw.complete, false);
    const received = Buffer.concat(raw.chunks).length;
    assert.ok(received > 0 && received < full, `received ${received} of ${full}`);
  });

  it('truncate: N sends a complete chunked response holding only N bytes', async () => {
    mock.script({ pathIncludes: 'messages', truncate: 25, json: TILEDESK_SEED_MESSAGES });
    const raw = await rawRequest(path);
    assert.ok(raw.complete);
    assert.equal(raw.headers['content-length'], undefined);
    assert.equal(raw.headers['transfer-encoding'], 'chunked');
    assert.equal(raw.body, JSON.stringify(TILEDESK_SEED_MESSAGES).slice(0, 25));
    assert.throws(() => JSON.parse(raw.body), SyntaxError);
  });

  it('sizeBytes builds a valid JSON array of Tiledesk messages of at least N bytes (5 MB)', async () => {
    mock.script({ pathIncludes: 'messages', sizeBytes: 5_000_000 });
    const res = await fetch(mock.url + path);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const buffer = Buffer.from(await res.arrayBuffer());
    assert.ok(buffer.length >= 5_000_000);
    const messages = JSON.parse(buffer.toString('utf8'));
    assert.ok(Array.isArray(messages) && messages.length > 1000);
    assert.match(messages[0]._id, /^[0-9a-f]{24}$/);
    assert.equal(typeof messages[0].text, 'string');
  });

  it('combines options (delay + status + retryAfter + slow body)', async () => {
    mock.script({ pathIncludes: 'messages', delayMs: 100, status: 503, retryAfter: 1, slowBodyMs: 100, json: { error: 'busy' } });
    const started = Date.now();
    const r = await call(path);
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '1');
    assert.deepEqual(r.json, { error: 'busy' });
    assert.ok(Date.now() - started >= 180);
  });
});

// --- Closing ---------------------------------------------------------------------------------

describe('close()', () => {
  it('resolves promptly with hung, held, slow and delayed requests in flight', async () => {
    const local = await startMockServer();
    local.script({ pathIncludes: 'hang', hang: true });
    local.script({ pathIncludes: 'delay', delayMs: 60_000, json: [] });
    local.script({ pathIncludes: 'slow', slowBodyMs: 60_000, body: 'x'.repeat(100) });
    const pending = [
      rawRequest('/hang', { url: local.url }),
      rawRequest('/delay', { url: local.url }),
      rawRequest('/slow', { url: local.url }),
      rawRequest(listPath(TILEDESK_REQUEST_ID), {
        url: local.url,
        method: 'POST',
        headers: { authorization: ANDREA, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'file', metadata: {} }),
      }),
    ];
    while (local.requests().length < 4) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    await local.close();
    assert.ok(Date.now() - started < 1000, `close took ${Date.now() - started} ms`);
    const results = await Promise.all(pending);
    assert.ok(results.every((r) => !r.complete));
    await local.close(); // idempotent
  });
});
