// The fault suite of issue 5 (item 3 and 4), environment-agnostic: it runs in Node
// (tests/js/faults.test.mjs) and in headless Chromium (tests/browser/run-faults.mjs).
//
// Each case scripts a fault on the mock under a base-URL prefix unique to the case
// (the mock routes by suffix, so `${mockUrl}/<prefix>` still reaches the seed data),
// calls the client, checks the outcome precisely (kind, status, attempts, body,
// mayHaveBeenSent, the number of requests the mock saw) and the time it took; then
// the runner makes a normal call on every client the case created, to show the
// wasm instance is not poisoned.
//
// Only the package API, fetch, AbortController and setTimeout are used here.

import {
  FIXTURES, WRONG_CREDENTIALS, SLACK_MS, AssertionError, ok, eq, deepEq, between, expectTidingsError,
  rejection, resolution, mockControl, tiledeskWireMessages, uniqueId, now, show,
} from './harness.mjs';

const TD = FIXTURES.tiledesk;
const FC = FIXTURES.flatchr;

/** Short backoffs so that retries cost milliseconds, not seconds. */
export const FAST_RETRY = Object.freeze({ baseDelayMs: 10, maxDelayMs: 40 });
const MAY_HAVE_BEEN_SENT = /may have been sent/i;

// --- The per-case context --------------------------------------------------------

/**
 * env: { pkg, mockUrl, closedUrl, tiledeskAuth?, flatchrToken? } — closedUrl is
 * http://127.0.0.1:PORT with nothing listening (connection refused); the optional
 * credentials replace the default JWT / Flatchr user token (the secrets sweep uses
 * Basic auth).
 */
export function makeContext(env) {
  const { pkg, mockUrl, closedUrl } = env;
  const tiledeskAuth = env.tiledeskAuth ?? { kind: 'jwt', token: TD.jwt };
  const flatchrToken = env.flatchrToken ?? FC.userToken;
  const prefix = `/${uniqueId('fault')}`;
  const base = `${mockUrl}${prefix}`;
  const mock = mockControl(mockUrl);
  const clients = [];
  const register = (provider, client, followUp) => {
    clients.push({ provider, client, followUp });
    return client;
  };
  const t = {
    pkg, mockUrl, closedUrl, prefix, base, clients,
    /** A Tiledesk client on this case's prefix (JWT auth, fast retries unless overridden). */
    tiledesk(options = {}, { followUp = true } = {}) {
      const client = new pkg.TiledeskClient({
        baseUrl: base, auth: tiledeskAuth, retry: FAST_RETRY, ...options,
      });
      return register('tiledesk', client, followUp);
    },
    /** A Flatchr client on this case's prefix (user token, fast retries unless overridden). */
    flatchr(options = {}, { followUp = true } = {}) {
      const client = new pkg.FlatchrClient({ baseUrl: base, token: flatchrToken, retry: FAST_RETRY, ...options });
      return register('flatchr', client, followUp);
    },
    /**
     * A `fetch` that sends requests whose URL contains `marker` to the closed port
     * (connection refused) and counts them; everything else goes to the real fetch.
     */
    refusingFetch(marker) {
      const counter = { refused: 0, passed: 0 };
      const fetchFn = (url, init) => {
        const text = String(url);
        if (text.includes(marker)) {
          counter.refused += 1;
          return fetch(closedUrl + text.slice(mockUrl.length), init);
        }
        counter.passed += 1;
        return fetch(url, init);
      };
      return { fetch: fetchFn, counter };
    },
    rid: (label = 'req') => uniqueId(label),
    /** The raw path prefix of Tiledesk calls for `requestId` in this case. */
    tdPath: (requestId) => `${prefix}/${TD.projectId}/requests/${requestId}/messages`,
    fcListPath: (applicantId = FC.applicantId) => `${prefix}/company/${FC.companyId}/applicant/${applicantId}/messages`,
    fcSendPath: (applicantId = FC.sendApplicantId) => `${prefix}/company/${FC.companyId}/applicant/${applicantId}/message`,
    script: (rule) => mock.script(rule),
    /** Requests the mock recorded whose path contains `pathIncludes` (default: this case's prefix). */
    async seen(pathIncludes = prefix, method) {
      const log = await mock.requests(pathIncludes);
      return method ? log.filter((entry) => entry.method === method) : log;
    },
    async expectSeen(count, pathIncludes = prefix, method = undefined) {
      const log = await t.seen(pathIncludes, method);
      eq(log.length, count, `requests the mock saw for ${pathIncludes}${method ? ` (${method})` : ''}`);
      return log;
    },
    list: (client, requestId = TD.requestId, call = {}) => client.listMessages({ projectId: TD.projectId, requestId, ...call }),
    get: (client, messageId, call = {}) => client.getMessage({ projectId: TD.projectId, requestId: TD.requestId, messageId, ...call }),
    send: (client, requestId, message = { text: `hello ${requestId}` }, call = {}) => client.sendMessage({ projectId: TD.projectId, requestId, message, ...call }),
    fcList: (client, call = {}) => client.listMessages({ companyId: FC.companyId, applicantId: FC.applicantId, ...call }),
    fcSend: (client, message, call = {}) => client.sendMessage({ companyId: FC.companyId, applicantId: FC.sendApplicantId, message, ...call }),
    err: (outcome, expected, what) => expectTidingsError(pkg, outcome.error, expected, what),
    /** Checks a list result against the Tiledesk seed request. */
    expectSeed(messages, what = 'messages') {
      ok(Array.isArray(messages), `${what}: expected an array, got ${show(messages)}`);
      deepEq(messages.map((m) => m.id), [...TD.seedIds], `${what} ids`);
      deepEq(messages.map((m) => m.text), [...TD.seedTexts], `${what} texts`);
    },
    expectScripted(messages, requestId, n = 2) {
      const wire = tiledeskWireMessages(requestId, n);
      ok(Array.isArray(messages), `expected an array, got ${show(messages)}`);
      deepEq(messages.map((m) => m.id), wire.map((m) => m._id), 'message ids');
      deepEq(messages.map((m) => m.text), wire.map((m) => m.text), 'message texts');
    },
    expectFlatchrSeed(messages) {
      ok(Array.isArray(messages), `expected an array, got ${show(messages)}`);
      deepEq(messages.map((m) => m.id), [...FC.seedIds], 'flatchr message ids');
    },
    elapsedBelow(ms, limit, what = 'elapsed ms') {
      ok(ms < limit, `${what}: took ${Math.round(ms)} ms, expected < ${limit}`);
    },
  };
  return t;
}

/** The normal call made on every client after its case: must still work. */
export async function followUp(t, entry) {
  if (entry.provider === 'tiledesk') {
    const { value } = await resolution(t.list(entry.client), 'follow-up listMessages on the same client');
    t.expectSeed(value, 'follow-up');
  } else {
    const { value } = await resolution(t.fcList(entry.client), 'follow-up Flatchr listMessages on the same client');
    t.expectFlatchrSeed(value);
  }
}

// --- The cases ---------------------------------------------------------------------
// Each: { name, bound (ms, whole case including the follow-up), todo?, run(t) }.

const RETRYABLE_GET_STATUSES = [408, 429, 500, 502, 503, 504];
const FINAL_GET_STATUSES = [400, 401, 403, 404, 409, 422, 501];

export const faultCases = [
  // ---- Error bodies: parsed JSON, raw text, raw HTML --------------------------------
  {
    name: 'GET 404 with JSON body: http error, body parsed, not retried',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      const body = { success: false, msg: 'Object not found.' };
      await t.script({ pathIncludes: t.tdPath(rid), status: 404, json: body, times: 0 });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'http', status: 404, provider: 'tiledesk', body, attempts: 1, mayHaveBeenSent: false });
      await t.expectSeen(1, t.tdPath(rid));
      t.elapsedBelow(o.ms, SLACK_MS);
    },
  },
  {
    name: 'GET real routes: unknown message 404 (not retried), malformed id 500 (retried 3 times)',
    bound: 4000,
    async run(t) {
      const client = t.tiledesk();
      const unknown = 'abcdefabcdefabcdefabcdef';
      const o1 = await rejection(t.get(client, unknown));
      t.err(o1, { kind: 'http', status: 404, body: { success: false, msg: 'Object not found.' }, attempts: 1 });
      await t.expectSeen(1, `/messages/${unknown}`);
      const o2 = await rejection(t.get(client, 'not-an-object-id'));
      t.err(o2, { kind: 'http', status: 500, body: { success: false, msg: 'Error getting object.' }, attempts: 3 });
      await t.expectSeen(3, '/messages/not-an-object-id');
      const good = await resolution(t.get(client, TD.seedIds[1]));
      eq(good.value.id, TD.seedIds[1], 'getMessage id');
      eq(good.value.text, TD.seedTexts[1], 'getMessage text');
    },
  },
  {
    name: 'GET 401 plain text: body kept raw, not retried',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({
        pathIncludes: t.tdPath(rid), status: 401, body: 'Unauthorized', headers: { 'WWW-Authenticate': 'Basic realm="Users"' }, times: 0,
      });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'http', status: 401, body: 'Unauthorized', attempts: 1 });
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'GET real 401 with a wrong token: plain text body, no token in the error',
    bound: 3000,
    async run(t) {
      const wrong = WRONG_CREDENTIALS.tiledeskJwt;
      const client = t.tiledesk({ auth: { kind: 'jwt', token: wrong } }, { followUp: false });
      const o = await rejection(t.list(client));
      t.err(o, { kind: 'http', status: 401, body: 'Unauthorized', attempts: 1 });
      ok(!o.error.message.includes(wrong) && !JSON.stringify(o.error).includes(wrong), 'token leaked into the error');
      // Another client in the same instance keeps working.
      const other = t.tiledesk();
      t.expectSeed((await resolution(t.list(other))).value);
    },
  },
  {
    name: 'GET 502 HTML page: body kept raw, retried until retries run out (3 attempts)',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), html: true, status: 502, times: 0 });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'http', status: 502, attempts: 3, mayHaveBeenSent: false });
      ok(typeof o.error.body === 'string' && o.error.body.includes('<h1>502 Bad Gateway</h1>'), `body: ${show(o.error.body)}`);
      await t.expectSeen(3, t.tdPath(rid));
    },
  },
  {
    name: 'GET 500 labelled JSON but not JSON: http error with the raw text',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 500, body: 'upstream exploded', contentType: 'application/json', times: 0 });
      const o = await rejection(t.list(client, rid, { retry: false }));
      t.err(o, { kind: 'http', status: 500, body: 'upstream exploded', attempts: 1 });
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'POST 422 JSON errors: http error, body parsed, not retried, not sent',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      const body = { errors: ['text field is required'] };
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), status: 422, json: body, times: 0 });
      const o = await rejection(t.send(client, rid));
      t.err(o, { kind: 'http', status: 422, body, attempts: 1, mayHaveBeenSent: false });
      await t.expectSeen(1, t.tdPath(rid), 'POST');
    },
  },
  {
    name: 'POST 400 plain text: body kept raw, not retried, not sent',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), status: 400, body: 'Bad Request', times: 0 });
      const o = await rejection(t.send(client, rid));
      t.err(o, { kind: 'http', status: 400, body: 'Bad Request', attempts: 1, mayHaveBeenSent: false });
      await t.expectSeen(1, t.tdPath(rid), 'POST');
    },
  },
  {
    name: 'POST 502 HTML page: not retried, mayHaveBeenSent, message says so',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), html: true, status: 502, times: 0 });
      const o = await rejection(t.send(client, rid));
      t.err(o, { kind: 'http', status: 502, attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT });
      ok(typeof o.error.body === 'string' && o.error.body.includes('502 Bad Gateway'), `body: ${show(o.error.body)}`);
      await t.expectSeen(1, t.tdPath(rid), 'POST');
    },
  },

  // ---- GET retries ------------------------------------------------------------------
  {
    name: `GET ${RETRYABLE_GET_STATUSES.join('/')} once, then success: retried (2 requests each)`,
    bound: 5000,
    async run(t) {
      const client = t.tiledesk();
      for (const status of RETRYABLE_GET_STATUSES) {
        const rid = t.rid(`s${status}`);
        await t.script({ pathIncludes: t.tdPath(rid), status, json: { statusCode: status }, times: 1 });
        await t.script({ pathIncludes: t.tdPath(rid), json: tiledeskWireMessages(rid), times: 1 });
        const o = await resolution(t.list(client, rid), `GET after one ${status}`);
        t.expectScripted(o.value, rid);
        await t.expectSeen(2, t.tdPath(rid));
      }
    },
  },
  {
    name: `GET ${FINAL_GET_STATUSES.join('/')}: never retried (1 request each)`,
    bound: 5000,
    async run(t) {
      const client = t.tiledesk();
      for (const status of FINAL_GET_STATUSES) {
        const rid = t.rid(`s${status}`);
        await t.script({ pathIncludes: t.tdPath(rid), status, json: { status }, times: 0 });
        const o = await rejection(t.list(client, rid), `GET ${status}`);
        t.err(o, { kind: 'http', status, body: { status }, attempts: 1 }, `error for ${status}`);
        await t.expectSeen(1, t.tdPath(rid));
      }
    },
  },
  {
    name: 'GET 503 then success with the default policy (backoff 300 ms base)',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ retry: true });
      await t.script({ pathIncludes: `${t.prefix}/`, status: 503, json: { error: 'busy' }, times: 1 });
      const o = await resolution(t.list(client));
      t.expectSeed(o.value);
      await t.expectSeen(2);
      t.elapsedBelow(o.ms, 300 + SLACK_MS);
    },
  },
  {
    name: 'GET 500 every time, 3 retries: the last attempt\'s error, with attempts 4',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ retry: { retries: 3, baseDelayMs: 10 } });
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 500, json: { success: false, msg: 'early' }, times: 3 });
      await t.script({ pathIncludes: t.tdPath(rid), status: 500, json: { success: false, msg: 'last' }, times: 1 });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'http', status: 500, attempts: 4, body: { success: false, msg: 'last' }, message: /\b4 attempts\b/ });
      await t.expectSeen(4, t.tdPath(rid));
    },
  },

  // ---- Retry-After ---------------------------------------------------------------------
  {
    name: 'GET 429 with Retry-After: 1 (seconds): waits ~1 s, then succeeds',
    bound: 5000,
    async run(t) {
      const client = t.tiledesk();
      await t.script({ pathIncludes: `${t.prefix}/`, status: 429, retryAfter: 1, json: { error: 'slow down' }, times: 1 });
      const o = await resolution(t.list(client));
      t.expectSeed(o.value);
      await t.expectSeen(2);
      between(o.ms, 950, 1000 + SLACK_MS, 'elapsed ms (Retry-After 1 s honoured)');
    },
  },
  {
    name: 'GET 503 with Retry-After as an HTTP date: waits until that date, then succeeds',
    bound: 6000,
    async run(t) {
      const client = t.tiledesk();
      // HTTP dates have one-second resolution: aim at a whole second 1.5–2.5 s away.
      const targetMs = Math.ceil((Date.now() + 1500) / 1000) * 1000;
      const date = new Date(targetMs).toUTCString();
      await t.script({ pathIncludes: `${t.prefix}/`, status: 503, retryAfter: date, body: 'Service Unavailable', times: 1 });
      const startedAt = Date.now();
      const o = await resolution(t.list(client));
      const expectedWait = targetMs - startedAt;
      t.expectSeed(o.value);
      await t.expectSeen(2);
      between(o.ms, expectedWait - 100, expectedWait + SLACK_MS, `elapsed ms (Retry-After ${date} honoured)`);
    },
  },
  {
    name: 'GET Retry-After: 3600 is cut to maxRetryAfterMs (300 ms)',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ retry: { ...FAST_RETRY, maxRetryAfterMs: 300 } });
      await t.script({ pathIncludes: `${t.prefix}/`, status: 503, retryAfter: 3600, times: 1 });
      const o = await resolution(t.list(client));
      t.expectSeed(o.value);
      await t.expectSeen(2);
      between(o.ms, 280, 300 + SLACK_MS, 'elapsed ms (Retry-After capped)');
    },
  },
  {
    name: 'GET Retry-After as a date in the past: retried at once',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      await t.script({ pathIncludes: `${t.prefix}/`, status: 503, retryAfter: 'Thu, 01 Jan 2015 00:00:00 GMT', times: 1 });
      const o = await resolution(t.list(client));
      t.expectSeed(o.value);
      await t.expectSeen(2);
      t.elapsedBelow(o.ms, SLACK_MS);
    },
  },

  {
    name: 'GET Retry-After that is neither seconds nor a date: ignored, normal backoff, succeeds',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      await t.script({ pathIncludes: `${t.prefix}/`, status: 503, retryAfter: 'soon', times: 1 });
      const o = await resolution(t.list(client));
      t.expectSeed(o.value);
      await t.expectSeen(2);
      t.elapsedBelow(o.ms, SLACK_MS);
    },
  },
  {
    name: 'GET 429 with Retry-After: 0 every time: 3 quick attempts, last error reported',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 429, retryAfter: 0, json: { error: 'Too Many Requests' }, times: 0 });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'http', status: 429, attempts: 3, body: { error: 'Too Many Requests' } });
      await t.expectSeen(3, t.tdPath(rid));
      t.elapsedBelow(o.ms, SLACK_MS);
    },
  },

  // ---- POST retry policy ---------------------------------------------------------------------
  {
    name: 'POST 500: not retried, mayHaveBeenSent, message says it may have been sent, mock saw 1',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      const body = { success: false, msg: 'Error creating message', err: { name: 'MongoError' } };
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), status: 500, json: body, times: 0 });
      const o = await rejection(t.send(client, rid));
      t.err(o, { kind: 'http', status: 500, body, attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT });
      await t.expectSeen(1, t.tdPath(rid), 'POST');
    },
  },
  {
    name: 'POST 503 without Retry-After, and 504: not retried, mayHaveBeenSent',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      for (const status of [503, 504]) {
        const rid = t.rid(`p${status}`);
        await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), status, body: 'upstream', times: 0 });
        const o = await rejection(t.send(client, rid), `POST ${status}`);
        t.err(o, { kind: 'http', status, attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT }, `POST ${status}`);
        await t.expectSeen(1, t.tdPath(rid), 'POST');
      }
    },
  },
  {
    name: 'POST 429 once: retried, sent exactly once',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), status: 429, json: { error: 'Too Many Requests' }, times: 1 });
      const text = `hello ${rid}`;
      const o = await resolution(t.send(client, rid, { text }));
      eq(o.value.text, text, 'sent text');
      eq(o.value.recipient, rid, 'recipient');
      await t.expectSeen(2, t.tdPath(rid), 'POST');
      const list = await resolution(t.list(client, rid));
      deepEq(list.value.map((m) => m.text), [text], 'messages stored for the request (no duplicate)');
    },
  },
  {
    name: 'POST 503 with Retry-After: 1: retried after ~1 s, sent exactly once',
    bound: 5000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), status: 503, retryAfter: 1, body: 'maintenance', times: 1 });
      const text = `hello ${rid}`;
      const o = await resolution(t.send(client, rid, { text }));
      eq(o.value.text, text, 'sent text');
      between(o.ms, 950, 1000 + SLACK_MS, 'elapsed ms (Retry-After honoured on POST)');
      await t.expectSeen(2, t.tdPath(rid), 'POST');
      const list = await resolution(t.list(client, rid));
      deepEq(list.value.map((m) => m.text), [text], 'messages stored for the request (no duplicate)');
    },
  },
  {
    name: 'POST 429 every time: 3 attempts, mayHaveBeenSent false',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), status: 429, json: { error: 'Too Many Requests' }, times: 0 });
      const o = await rejection(t.send(client, rid));
      t.err(o, { kind: 'http', status: 429, attempts: 3, mayHaveBeenSent: false });
      await t.expectSeen(3, t.tdPath(rid), 'POST');
    },
  },

  // ---- Network errors (connection refused) ----------------------------------------------
  {
    name: 'GET connection refused (closed port): network error after 3 attempts',
    bound: 4000,
    async run(t) {
      const refused = t.tiledesk({ baseUrl: t.closedUrl }, { followUp: false });
      const o = await rejection(t.list(refused));
      t.err(o, { kind: 'network', provider: 'tiledesk', attempts: 3, mayHaveBeenSent: false });
      t.elapsedBelow(o.ms, 2 * SLACK_MS);
      // A second call on the same client fails the same way (nothing stuck)...
      t.err(await rejection(t.list(refused, TD.requestId, { retry: false })), { kind: 'network', attempts: 1 });
      // ...and a client on the mock, in the same wasm instance, works (follow-up).
      t.tiledesk();
    },
  },
  {
    name: 'POST connection refused (closed port): network error, not retried, mayHaveBeenSent',
    bound: 3000,
    async run(t) {
      const refused = t.tiledesk({ baseUrl: t.closedUrl }, { followUp: false });
      const o = await rejection(t.send(refused, t.rid()));
      t.err(o, { kind: 'network', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT });
      t.elapsedBelow(o.ms, SLACK_MS);
      t.tiledesk();
    },
  },
  {
    name: 'custom fetch option: connection refused for one request id, attempts counted, same client then works',
    bound: 3000,
    async run(t) {
      const rid = t.rid();
      const { fetch, counter } = t.refusingFetch(`/requests/${rid}/`);
      const client = t.tiledesk({ fetch });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'network', attempts: 3, mayHaveBeenSent: false });
      eq(counter.refused, 3, 'GET requests sent to the closed port');
      const o2 = await rejection(t.send(client, rid));
      t.err(o2, { kind: 'network', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT });
      eq(counter.refused, 4, 'requests sent to the closed port after the POST');
      ok(counter.passed === 0, 'no other request yet');
    },
  },

  // ---- Timeouts ---------------------------------------------------------------------------------
  {
    name: 'GET hang, timeoutMs 300, retry false: timeout after ~300 ms',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), hang: true, times: 0 });
      const o = await rejection(t.list(client, rid, { timeoutMs: 300, retry: false }));
      t.err(o, { kind: 'timeout', attempts: 1, mayHaveBeenSent: false });
      between(o.ms, 280, 300 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'GET hang with 1 retry, timeoutMs 200: timeout after 2 attempts',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), hang: true, times: 0 });
      const o = await rejection(t.list(client, rid, { timeoutMs: 200, retry: { retries: 1, baseDelayMs: 10 } }));
      t.err(o, { kind: 'timeout', attempts: 2 });
      between(o.ms, 380, 420 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(2, t.tdPath(rid));
    },
  },
  {
    name: 'GET hang once, then an answer: the timed-out attempt is retried and succeeds',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ timeoutMs: 300 });
      await t.script({ pathIncludes: `${t.prefix}/`, hang: true, times: 1 });
      const o = await resolution(t.list(client));
      t.expectSeed(o.value);
      await t.expectSeen(2);
      between(o.ms, 280, 340 + SLACK_MS, 'elapsed ms');
    },
  },
  {
    name: 'client timeoutMs 250 applies; a per-call timeoutMs overrides it',
    bound: 4000,
    async run(t) {
      const client = t.tiledesk({ timeoutMs: 250, retry: false });
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), delayMs: 600, json: tiledeskWireMessages(rid), times: 0 });
      const o1 = await rejection(t.list(client, rid));
      t.err(o1, { kind: 'timeout', attempts: 1 });
      between(o1.ms, 230, 250 + SLACK_MS, 'elapsed ms with the client timeout');
      const o2 = await resolution(t.list(client, rid, { timeoutMs: 3000 }));
      t.expectScripted(o2.value, rid);
      between(o2.ms, 580, 600 + SLACK_MS, 'elapsed ms with the per-call timeout');
    },
  },
  {
    name: 'POST hang, timeoutMs 300: timeout, not retried, mayHaveBeenSent',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), hang: true, times: 0 });
      const o = await rejection(t.send(client, rid, undefined, { timeoutMs: 300 }));
      t.err(o, { kind: 'timeout', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT });
      between(o.ms, 280, 300 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(1, t.tdPath(rid), 'POST');
    },
  },
  {
    name: 'totalTimeoutMs 500 across retries of a hanging GET (timeoutMs 300): timeout at ~500 ms',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), hang: true, times: 0 });
      const o = await rejection(t.list(client, rid, { timeoutMs: 300, totalTimeoutMs: 500, retry: { retries: 5, baseDelayMs: 10 } }));
      t.err(o, { kind: 'timeout', attempts: 2 });
      between(o.ms, 480, 500 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(2, t.tdPath(rid));
    },
  },
  {
    name: 'client totalTimeoutMs 800 with 503 + Retry-After 5: gives up within the budget',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ totalTimeoutMs: 800 });
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 503, retryAfter: 5, json: { error: 'busy' }, times: 0 });
      const o = await rejection(t.list(client, rid));
      ok(['http', 'timeout'].includes(o.error.kind), `kind: expected http or timeout, got ${o.error.kind}`);
      t.err(o, { attempts: 1 });
      t.elapsedBelow(o.ms, 800 + SLACK_MS);
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'totalTimeoutMs 600 (timeoutMs 300) with a slow 503 every time (delay 250 ms): retried within the budget',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 503, delayMs: 250, body: 'busy', times: 0 });
      const o = await rejection(t.list(client, rid, { timeoutMs: 300, totalTimeoutMs: 600, retry: { retries: 10, baseDelayMs: 10 } }));
      ok(['http', 'timeout'].includes(o.error.kind), `kind: expected http or timeout, got ${o.error.kind}`);
      between(o.error.attempts, 2, 3, 'attempts');
      between(o.ms, 480, 600 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(o.error.attempts, t.tdPath(rid));
    },
  },
  {
    name: 'totalTimeoutMs 600 with the default timeoutMs and a slow 503 every time: retried within the budget',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 503, delayMs: 250, body: 'busy', times: 0 });
      const o = await rejection(t.list(client, rid, { totalTimeoutMs: 600, retry: { retries: 10, baseDelayMs: 10 } }));
      ok(['http', 'timeout'].includes(o.error.kind), `kind: expected http or timeout, got ${o.error.kind}`);
      between(o.error.attempts, 2, 3, 'attempts');
      between(o.ms, 480, 600 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(o.error.attempts, t.tdPath(rid));
    },
  },
  {
    name: 'client totalTimeoutMs 2000 (default timeoutMs) with a 503 once: retried and succeeds',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ totalTimeoutMs: 2000 });
      await t.script({ pathIncludes: `${t.prefix}/`, status: 503, body: 'busy', times: 1 });
      const o = await resolution(t.list(client));
      t.expectSeed(o.value);
      await t.expectSeen(2);
    },
  },

  // ---- Slow bodies --------------------------------------------------------------------------------
  {
    name: 'GET slow body (1.5 s) beyond timeoutMs 300: timeout',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), slowBodyMs: 1500, json: tiledeskWireMessages(rid), times: 0 });
      const o = await rejection(t.list(client, rid, { timeoutMs: 300, retry: false }));
      t.err(o, { kind: 'timeout', attempts: 1 });
      between(o.ms, 280, 300 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'GET slow body beyond the timeout once, then normal: retried and succeeds',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ timeoutMs: 300 });
      await t.script({ pathIncludes: `${t.prefix}/`, slowBodyMs: 1500, json: [], times: 1 });
      const o = await resolution(t.list(client));
      t.expectSeed(o.value);
      await t.expectSeen(2);
    },
  },
  {
    name: 'GET slow body (400 ms) within timeoutMs 3000: succeeds with the full body',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ timeoutMs: 3000 });
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), slowBodyMs: 400, json: tiledeskWireMessages(rid), times: 1 });
      const o = await resolution(t.list(client, rid));
      t.expectScripted(o.value, rid);
      between(o.ms, 350, 400 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(1, t.tdPath(rid));
    },
  },

  // ---- Connection reset mid-body ---------------------------------------------------------------------
  {
    name: 'GET reset mid-body once: retried, succeeds',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      await t.script({ pathIncludes: `${t.prefix}/`, resetMidBody: true, json: tiledeskWireMessages('x', 50), times: 1 });
      const o = await resolution(t.list(client));
      t.expectSeed(o.value);
      await t.expectSeen(2);
    },
  },
  {
    name: 'GET reset mid-body every time: network error after 3 attempts',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), resetMidBody: true, json: tiledeskWireMessages(rid, 50), times: 0 });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'network', attempts: 3, mayHaveBeenSent: false });
      await t.expectSeen(3, t.tdPath(rid));
    },
  },
  {
    name: 'POST reset mid-body: network error, not retried, mayHaveBeenSent',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), resetMidBody: true, json: tiledeskWireMessages(rid, 20)[0], times: 0 });
      const o = await rejection(t.send(client, rid));
      t.err(o, { kind: 'network', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT });
      await t.expectSeen(1, t.tdPath(rid), 'POST');
    },
  },

  // ---- Bodies that do not decode ------------------------------------------------------------------------
  {
    name: 'GET truncated JSON (200): decode error, not retried',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), truncate: 40, json: tiledeskWireMessages(rid), times: 0 });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'decode', provider: 'tiledesk', status: 200 });
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'POST truncated JSON (200): decode error, not retried',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), truncate: 30, json: tiledeskWireMessages(rid)[0], times: 0 });
      const o = await rejection(t.send(client, rid));
      t.err(o, { kind: 'decode', status: 200 });
      await t.expectSeen(1, t.tdPath(rid), 'POST');
    },
  },
  {
    name: 'GET empty 200 body: decode error',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 200, contentType: 'application/json', times: 0 });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'decode', status: 200 });
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'GET HTML page with status 200: decode error',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), html: true, status: 200, times: 0 });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'decode', status: 200 });
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'GET valid JSON labelled text/html: accepted',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), json: tiledeskWireMessages(rid), contentType: 'text/html; charset=utf-8', times: 1 });
      const o = await resolution(t.list(client, rid));
      t.expectScripted(o.value, rid);
    },
  },
  {
    name: 'GET list answered with an object where an array is expected: decode error',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), json: { messages: tiledeskWireMessages(rid) }, times: 0 });
      const o = await rejection(t.list(client, rid));
      t.err(o, { kind: 'decode', status: 200 });
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'GET one message answered with an array where an object is expected: decode error',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const id = 'abcabcabcabcabcabcabc123';
      await t.script({ pathIncludes: `/messages/${id}`, json: tiledeskWireMessages('x'), times: 0 });
      const o = await rejection(t.get(client, id));
      t.err(o, { kind: 'decode', status: 200 });
    },
  },
  {
    name: 'GET 5 MB body: decodes, message count and ids right',
    bound: 10000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      const size = 5 * 1024 * 1024;
      await t.script({ pathIncludes: t.tdPath(rid), sizeBytes: size, times: 2 });
      // Read the same body directly to know what the client must return.
      const raw = await fetch(`${t.base}/${TD.projectId}/requests/${rid}/messages`);
      const text = await raw.text();
      const bytes = new TextEncoder().encode(text).length;
      ok(bytes >= size, `raw body is ${bytes} bytes`);
      const expected = JSON.parse(text);
      const o = await resolution(t.list(client, rid, { timeoutMs: 8000 }));
      eq(o.value.length, expected.length, 'message count');
      eq(o.value[0].id, expected[0]._id, 'first id');
      eq(o.value.at(-1).id, expected.at(-1)._id, 'last id');
      eq(o.value.at(-1).text, expected.at(-1).text, 'last text');
      const sample = Math.floor(expected.length / 2);
      eq(o.value[sample].createdAt, expected[sample].createdAt, 'middle createdAt');
    },
  },

  // ---- Caller abort ----------------------------------------------------------------------------------------
  {
    name: 'GET aborted by the caller mid-call (hang): aborted at once, not timeout',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), hang: true, times: 0 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const o = await rejection(t.list(client, rid, { signal: controller.signal, timeoutMs: 5000 }));
      t.err(o, { kind: 'aborted', mayHaveBeenSent: false });
      between(o.ms, 130, 150 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'POST aborted by the caller while the server holds it: aborted, mayHaveBeenSent',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ method: 'POST', pathIncludes: t.tdPath(rid), hang: true, times: 0 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const o = await rejection(t.send(client, rid, undefined, { signal: controller.signal }));
      t.err(o, { kind: 'aborted', mayHaveBeenSent: true });
      t.elapsedBelow(o.ms, 150 + SLACK_MS);
      await t.expectSeen(1, t.tdPath(rid), 'POST');
    },
  },
  {
    name: 'GET aborted while the body is dripping in: aborted',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), slowBodyMs: 2000, json: tiledeskWireMessages(rid), times: 0 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const o = await rejection(t.list(client, rid, { signal: controller.signal }));
      t.err(o, { kind: 'aborted' });
      between(o.ms, 280, 300 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'already-aborted signal: aborted, nothing sent',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      const o = await rejection(t.list(client, rid, { signal: AbortSignal.abort() }));
      t.err(o, { kind: 'aborted' });
      const o2 = await rejection(t.send(client, rid, undefined, { signal: AbortSignal.abort() }));
      t.err(o2, { kind: 'aborted', mayHaveBeenSent: false });
      t.elapsedBelow(o.ms + o2.ms, SLACK_MS);
      await t.expectSeen(0, t.tdPath(rid));
    },
  },
  {
    name: 'GET aborted during a Retry-After wait (5 s): aborted at once',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 503, retryAfter: 5, body: 'busy', times: 0 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 250);
      const o = await rejection(t.list(client, rid, { signal: controller.signal }));
      t.err(o, { kind: 'aborted', mayHaveBeenSent: false });
      between(o.ms, 230, 250 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(1, t.tdPath(rid));
    },
  },
  {
    name: 'GET aborted during a backoff wait: aborted at once',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ retry: { retries: 2, baseDelayMs: 5000, maxDelayMs: 5000 } });
      const rid = t.rid();
      // Two 503s so that at least one backoff (full jitter: 0–5 s, then 0–10 s) is long.
      await t.script({ pathIncludes: t.tdPath(rid), status: 503, body: 'busy', times: 0 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const o = await rejection(t.list(client, rid, { signal: controller.signal }));
      const early = o.error.kind === 'http'; // both jittered waits happened to be < 200 ms
      if (!early) {
        t.err(o, { kind: 'aborted' });
        t.elapsedBelow(o.ms, 200 + SLACK_MS);
      }
    },
  },
  {
    name: 'AbortSignal.timeout() as the caller signal: aborted (the caller\'s), not timeout',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), hang: true, times: 0 });
      const o = await rejection(t.list(client, rid, { signal: AbortSignal.timeout(200), timeoutMs: 5000 }));
      t.err(o, { kind: 'aborted' });
      t.elapsedBelow(o.ms, 200 + SLACK_MS);
    },
  },

  // ---- Disabling retries -----------------------------------------------------------------------------------------
  {
    name: 'retry: false per call (and retry: { retries: 0 }): one attempt',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk();
      for (const retry of [false, { retries: 0 }]) {
        const rid = t.rid();
        await t.script({ pathIncludes: t.tdPath(rid), status: 503, body: 'busy', times: 0 });
        const o = await rejection(t.list(client, rid, { retry }), `retry ${show(retry)}`);
        t.err(o, { kind: 'http', status: 503, attempts: 1 });
        await t.expectSeen(1, t.tdPath(rid));
      }
      // The client's own policy is untouched by those calls.
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 503, body: 'busy', times: 0 });
      t.err(await rejection(t.list(client, rid)), { kind: 'http', attempts: 3 });
    },
  },
  {
    name: 'retry: false per client: one attempt (http and network); a per-call retry overrides it',
    bound: 3000,
    async run(t) {
      const client = t.tiledesk({ retry: false });
      const rid = t.rid();
      await t.script({ pathIncludes: t.tdPath(rid), status: 503, body: 'busy', times: 0 });
      t.err(await rejection(t.list(client, rid)), { kind: 'http', status: 503, attempts: 1 });
      await t.expectSeen(1, t.tdPath(rid));
      const o = await rejection(t.list(client, rid, { retry: { retries: 1, baseDelayMs: 10 } }));
      t.err(o, { kind: 'http', status: 503, attempts: 2 });
      await t.expectSeen(3, t.tdPath(rid));
      const refused = t.tiledesk({ baseUrl: t.closedUrl, retry: false }, { followUp: false });
      t.err(await rejection(t.list(refused)), { kind: 'network', attempts: 1 });
    },
  },

  // ---- Flatchr --------------------------------------------------------------------------------------------------------
  {
    name: 'Flatchr GET 503 Boom JSON once, then success',
    bound: 3000,
    async run(t) {
      const client = t.flatchr({ token: FC.apiKey });
      await t.script({ pathIncludes: t.fcListPath(), status: 503, json: { statusCode: 503, error: 'Service Unavailable', message: 'down' }, times: 1 });
      const o = await resolution(t.fcList(client));
      t.expectFlatchrSeed(o.value);
      await t.expectSeen(2, t.fcListPath());
    },
  },
  {
    name: 'Flatchr GET 401 Boom JSON: body parsed, not retried',
    bound: 3000,
    async run(t) {
      const client = t.flatchr({ token: WRONG_CREDENTIALS.flatchrToken }, { followUp: false });
      const o = await rejection(t.fcList(client));
      t.err(o, {
        kind: 'http', status: 401, provider: 'flatchr', attempts: 1,
        body: { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' },
      });
      await t.expectSeen(1, t.fcListPath());
      t.flatchr(); // a good client in the same instance, checked by the follow-up
    },
  },
  {
    name: 'Flatchr GET 502 plain text every time: raw body, 3 attempts',
    bound: 3000,
    async run(t) {
      const client = t.flatchr();
      const applicant = t.rid('appl');
      await t.script({ pathIncludes: t.fcListPath(applicant), status: 502, body: 'Bad Gateway', times: 0 });
      const o = await rejection(client.listMessages({ companyId: FC.companyId, applicantId: applicant }));
      t.err(o, { kind: 'http', status: 502, provider: 'flatchr', body: 'Bad Gateway', attempts: 3 });
      await t.expectSeen(3, t.fcListPath(applicant));
    },
  },
  {
    name: 'Flatchr GET object where an array is expected: decode error',
    bound: 3000,
    async run(t) {
      const client = t.flatchr();
      const applicant = t.rid('appl');
      await t.script({ pathIncludes: t.fcListPath(applicant), json: { statusCode: 200, data: [] }, times: 0 });
      const o = await rejection(client.listMessages({ companyId: FC.companyId, applicantId: applicant }));
      t.err(o, { kind: 'decode', provider: 'flatchr', status: 200 });
    },
  },
  {
    name: 'Flatchr POST 500: not retried, mayHaveBeenSent',
    bound: 3000,
    async run(t) {
      const client = t.flatchr();
      await t.script({ method: 'POST', pathIncludes: t.fcSendPath(), status: 500, json: { statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred' }, times: 0 });
      const o = await rejection(t.fcSend(client, { html: '<p>fault</p>' }));
      t.err(o, { kind: 'http', status: 500, provider: 'flatchr', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT });
      await t.expectSeen(1, t.fcSendPath(), 'POST');
    },
  },
  {
    name: 'Flatchr POST 429 once: retried, stored exactly once',
    bound: 3000,
    async run(t) {
      const client = t.flatchr();
      await t.script({ method: 'POST', pathIncludes: t.fcSendPath(), status: 429, json: { statusCode: 429, error: 'Too Many Requests', message: 'slow down' }, times: 1 });
      const html = `<p>${t.rid('html')}</p>`;
      const o = await resolution(t.fcSend(client, { html, subject: 'fault suite' }));
      eq(o.value.mail?.html, html, 'sent html');
      await t.expectSeen(2, t.fcSendPath(), 'POST');
      const list = await resolution(t.fcList(client, { applicantId: FC.sendApplicantId, fields: ['mail'] }));
      eq(list.value.filter((m) => m.mail?.html === html).length, 1, 'stored copies of the message');
    },
  },
  {
    name: 'Flatchr POST hang: timeout, not retried, mayHaveBeenSent',
    bound: 3000,
    async run(t) {
      const client = t.flatchr({ timeoutMs: 300 });
      await t.script({ method: 'POST', pathIncludes: t.fcSendPath(), hang: true, times: 0 });
      const o = await rejection(t.fcSend(client, { html: '<p>hang</p>' }));
      t.err(o, { kind: 'timeout', provider: 'flatchr', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT });
      between(o.ms, 280, 300 + SLACK_MS, 'elapsed ms');
      await t.expectSeen(1, t.fcSendPath(), 'POST');
    },
  },
];

// --- Running --------------------------------------------------------------------------------------

function withBound(promise, ms, name) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new AssertionError(`case "${name}" did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * Runs one case and its follow-up calls. Resolves to { name, ok, todo, ms,
 * error, clients }; never rejects.
 */
export async function runFaultCase(testCase, env) {
  const t = makeContext(env);
  const started = now();
  let error = null;
  try {
    await withBound((async () => {
      await testCase.run(t);
      ok(t.clients.some((c) => c.followUp), 'the case made no client to check afterwards');
      for (const entry of t.clients) {
        if (entry.followUp) await followUp(t, entry);
      }
    })(), testCase.bound ?? 5000, testCase.name);
  } catch (e) {
    error = e;
  } finally {
    for (const entry of t.clients) {
      try { entry.client.free(); } catch { /* already freed */ }
    }
  }
  return {
    name: testCase.name,
    ok: error === null,
    todo: testCase.todo ?? null,
    ms: Math.round(now() - started),
    error,
  };
}

/**
 * Runs every case in order. `log(line)` receives one line per case.
 * Returns { passed, failed, todo, results }; a `todo` case is not counted as failed.
 */
export async function runFaultCases(pkg, mockUrl, log = () => {}, { closedUrl, filter, ...extra } = {}) {
  // A port with nothing listening; runners pass one they just freed. Port 1 is a
  // fallback (fetch refuses it as a "bad port": still a network error).
  const env = { pkg, mockUrl, closedUrl: closedUrl ?? 'http://127.0.0.1:1', ...extra };
  if (!closedUrl) log('note: no options.closedUrl given, using http://127.0.0.1:1 for the connection-refused cases');
  const results = [];
  let passed = 0;
  let failed = 0;
  let todo = 0;
  for (const testCase of faultCases) {
    if (filter && !filter(testCase)) continue;
    const result = await runFaultCase(testCase, env);
    results.push(result);
    if (result.todo) {
      todo += 1;
      log(`todo  ${result.name} (${result.ms} ms) # TODO ${result.todo}${result.ok ? ' [now passes]' : ` [${show(result.error)}]`}`);
    } else if (result.ok) {
      passed += 1;
      log(`ok    ${result.name} (${result.ms} ms)`);
    } else {
      failed += 1;
      log(`FAIL  ${result.name} (${result.ms} ms): ${result.error?.message ?? show(result.error)}`);
    }
  }
  return { passed, failed, todo, results };
}

