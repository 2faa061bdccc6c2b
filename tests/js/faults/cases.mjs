// The fault suite as a table: each row scripts faults on the mock, makes one call
// and states what must come out. The rows are environment-agnostic and run as
// node:test tests in Node (tests/js/faults.test.mjs) and in headless Chromium
// (tests/browser/faults.test.mjs), one test per row in both, by runFaultCase().
//
// A row: { name, client?(t), script?(t) -> rules, call(t, client), expect, then?(t, client, outcome), bound? }
//   client  the client the call uses (default: a Tiledesk client with fast retries);
//   script  the mock rules set before the call (paths under the row's own prefix);
//   expect  { error } (a TidingsError with these properties; `bodyIncludes` for raw
//           bodies) or { value(t, value) }; `seen` (requests the mock received under
//           the row's prefix, optionally only `seenMethod`); `ms` [min, max] or
//           `below` (how long the call took);
//   then    further steps after the checks;
//   bound   ms the whole row may take (default 5000).
// After each row, every client it made (unless made with followUp: false) must
// still list messages: the wasm instance is not poisoned.
//
// Timing is kept to a few end-to-end rows per behaviour (per-attempt and total
// timeouts, Retry-After, aborts, sends never retried, 429 and network errors
// retried); the retry and timeout decisions themselves are tested natively in Rust.
//
// Only the package API, fetch, AbortController and setTimeout are used here.

import {
  FIXTURES, WRONG_CREDENTIALS, SLACK_MS, AssertionError, ok, eq, deepEq, between, expectTidingsError,
  settle, rejection, resolution, mockControl, tiledeskWireMessages, uniqueId, show,
} from './shared.mjs';

const TD = FIXTURES.tiledesk;
const FC = FIXTURES.flatchr;

/** Short backoffs so that retries cost milliseconds, not seconds. */
export const FAST_RETRY = Object.freeze({ baseDelayMs: 10, maxDelayMs: 40 });
const MAY_HAVE_BEEN_SENT = /may have been sent/i;

// --- The per-case context --------------------------------------------------------

/**
 * env: { pkg, mockUrl, closedUrl, browser?, tiledeskAuth?, flatchrToken? } — closedUrl is
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
  const id = uniqueId('req');
  const t = {
    pkg, mockUrl, closedUrl, prefix, base, clients,
    /** True in a browser, where fetch hides a redirect's status and target. */
    browser: env.browser === true,
    /** A request (Tiledesk) or applicant (Flatchr) id of this case alone. */
    id,
    /** The raw path prefix of Tiledesk calls for `t.id`. */
    path: `${prefix}/${TD.projectId}/requests/${id}/messages`,
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

// --- The rows -------------------------------------------------------------------------

const RETRYABLE_GET_STATUSES = [408, 429, 500, 502, 503, 504];
const FINAL_GET_STATUSES = [400, 401, 403, 404, 409, 422, 501];
const UNKNOWN_MESSAGE_ID = 'abcdefabcdefabcdefabcdef';

/** Aborts a new controller after `ms` and returns its signal. */
function abortAfter(ms) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

const expectSeedValue = (t, value) => t.expectSeed(value);
const expectScriptedValue = (t, value) => t.expectScripted(value, t.id);

// ---- A hostile server and a careless caller ------------------------------------------------

const MIB = 1024 * 1024;
const limitMessage = (bytes) => new RegExp(`larger than maxResponseBytes \\(${bytes} bytes\\).*Raise maxResponseBytes`);

/** What a row's TidingsError must never show: every form of the client's credential. */
function credentialForms(auth) {
  if (auth.kind === 'basic') {
    const pair = `${auth.email}:${auth.password}`;
    const encoded = btoa(String.fromCharCode(...new TextEncoder().encode(pair)));
    return [`Basic ${encoded}`, encoded, encoded.replace(/=+$/, ''), pair, auth.password];
  }
  const token = auth.token;
  return [`${auth.scheme} ${token}`, token, ...token.split('.').filter((part) => part.length >= 12)];
}

/** Checks that no credential form is in the error's message, String(), stack or body, and that something was redacted. */
function expectRedacted(error, forms) {
  const body = typeof error.body === 'string' ? error.body : JSON.stringify(error.body ?? null);
  const shown = { message: error.message, string: String(error), stack: String(error.stack), body };
  for (const [where, text] of Object.entries(shown)) {
    for (const form of forms) ok(!text.includes(form), `error ${where} shows the credential ${show(form)}: ${show(text)}`);
  }
  ok(Object.values(shown).some((text) => text.includes('[redacted]')), `nothing was redacted: ${show(shown)}`);
}

const JWT_AUTH = { kind: 'jwt', scheme: 'JWT', token: TD.jwt };
const ZOE = { kind: 'basic', email: 'zoë@example.com', password: 'pässwörd✓' };
const ECHO = 'you sent {{authorization}} ({{credential}}, {{decoded}})';

/** One echoing row per (client, answer): the credential must be redacted everywhere. */
const echoRows = [
  ['Tiledesk JWT', JWT_AUTH, (t) => t.tiledesk(), 'GET 401 text', { status: 401, body: `Unauthorized: ${ECHO}` }, { kind: 'http', status: 401 }],
  ['Tiledesk JWT', JWT_AUTH, (t) => t.tiledesk(), 'GET 403 JSON (in strings and keys)', {
    status: 403, json: { msg: ECHO, headers: { authorization: '{{authorization}}' }, '{{credential}}': ['{{decoded}}'] },
  }, { kind: 'http', status: 403 }],
  ['Tiledesk JWT', JWT_AUTH, (t) => t.tiledesk(), 'GET 500 HTML', { status: 500, html: true, body: `<pre>${ECHO}</pre>` }, { kind: 'http', status: 500 }],
  ['Tiledesk Basic', ZOE, (t) => t.tiledesk({ auth: { kind: 'basic', email: ZOE.email, password: ZOE.password } }), 'GET 401 text', { status: 401, body: ECHO }, { kind: 'http', status: 401 }],
  ['Tiledesk Basic', ZOE, (t) => t.tiledesk({ auth: { kind: 'basic', email: ZOE.email, password: ZOE.password } }), 'GET 200 that does not decode, the credential cut at the 120th character',
    { status: 200, body: `${'x'.repeat(100)}{{authorization}}` }, { kind: 'decode', status: 200 }],
  ['Flatchr Bearer', { kind: 'token', scheme: 'Bearer', token: FC.userToken }, (t) => t.flatchr(), 'GET 401 JSON', {
    status: 401, json: { statusCode: 401, error: 'Unauthorized', message: ECHO },
  }, { kind: 'http', status: 401, provider: 'flatchr' }],
].map(([who, auth, client, what, rule, expected]) => ({
  name: `${who}, ${what} echoing the credential: redacted from message, String(), stack and body`,
  client,
  script: (t) => [{ pathIncludes: t.prefix, echoAuthorization: true, times: 1, ...rule }],
  call: (t, c) => (auth.kind === 'token' ? t.fcList(c) : t.list(c, t.id, { retry: false })),
  expect: { error: { ...expected, attempts: 1 } },
  then: (t, c, o) => expectRedacted(o.error, credentialForms(auth)),
}));

/** A client whose `fetch` is `fetchFn`, plus a plain client the follow-up checks. */
const customFetch = (fetchFn, options = {}) => (t) => {
  t.tiledesk();
  return t.tiledesk({ fetch: fetchFn, retry: false, ...options }, { followUp: false });
};
const never = () => new Promise(() => {});
const responseLike = (extra) => ({ status: 200, headers: new Headers({ 'content-type': 'application/json' }), ...extra });
const detached = () => {
  const buffer = new ArrayBuffer(16);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
};

const oddFetchRows = [
  ['arrayBuffer() resolving to a number', () => responseLike({ arrayBuffer: async () => 42 }), /not an ArrayBuffer/],
  ['arrayBuffer() resolving to a Symbol', () => responseLike({ arrayBuffer: async () => Symbol('odd') }), /not an ArrayBuffer/],
  ['arrayBuffer() resolving to a detached ArrayBuffer', () => responseLike({ arrayBuffer: async () => detached() }), /detached/],
  ['arrayBuffer() resolving to an object claiming 2^40 bytes', () => responseLike({ arrayBuffer: async () => ({ byteLength: 2 ** 40, length: 2 ** 40 }) }), /not an ArrayBuffer/],
  ['text() resolving to an object', () => responseLike({ text: async () => ({ length: 2 ** 40 }) }), /not a string/],
  ['a body stream giving strings', () => new Response(new ReadableStream({ start(c) { c.enqueue('[]'); c.close(); } })), /not bytes/],
  ['a status getter that throws', () => ({ get status() { throw new Error('status getter'); } }), /status getter/],
  ['a Proxy whose every trap throws', () => new Proxy({}, { get() { throw new Error('proxy trap'); } }), /proxy trap/],
  ['fetch throwing synchronously', 'throw', /thrown by fetch/],
].map(([what, make, message]) => ({
  name: `custom fetch, ${what}: network error naming it, no crash`,
  client: customFetch(make === 'throw' ? () => { throw new Error('thrown by fetch'); } : async () => make()),
  call: (t, c) => t.list(c, t.id),
  expect: { error: { kind: 'network', attempts: 1, mayHaveBeenSent: false, message }, below: SLACK_MS },
}));

/** A body reader giving one chunk whose own `length` and `byteLength` lie (2^32). */
const lyingChunkBody = () => {
  const chunk = new TextEncoder().encode('[]');
  Object.defineProperty(chunk, 'length', { get: () => 2 ** 32 });
  Object.defineProperty(chunk, 'byteLength', { get: () => 2 ** 32 });
  let given = false;
  return { getReader: () => ({ read: async () => (given ? { done: true } : ((given = true), { done: false, value: chunk })), cancel() {} }) };
};
oddFetchRows.push({
  name: 'custom fetch, a body chunk whose own length claims 2^32 bytes: read by its real length, decoded',
  client: customFetch(async () => responseLike({ body: lyingChunkBody() })),
  call: (t, c) => t.list(c, t.id),
  expect: { value: (t, value) => deepEq(value, [], 'messages'), below: SLACK_MS },
});

const hangingFetchRows = [
  ['a fetch that ignores its signal and never resolves, timeoutMs 300', customFetch(never), { timeoutMs: 300 }, 'timeout', [280, 300 + SLACK_MS]],
  ['a body stream that never gives a byte, timeoutMs 300', customFetch(async () => new Response(new ReadableStream({ start() {} }))), { timeoutMs: 300 }, 'timeout', [280, 300 + SLACK_MS]],
  ['an arrayBuffer() that never resolves, timeoutMs 300', customFetch(async () => responseLike({ arrayBuffer: never })), { timeoutMs: 300 }, 'timeout', [280, 300 + SLACK_MS]],
  ['a fetch that never resolves, totalTimeoutMs 500 across retries', customFetch(never), { timeoutMs: 200, totalTimeoutMs: 500, retry: { retries: 5, baseDelayMs: 10 } }, 'timeout', [480, 500 + SLACK_MS]],
  ['a fetch that never resolves, the caller aborts at 150 ms', customFetch(never), () => ({ signal: abortAfter(150), timeoutMs: 5000 }), 'aborted', [130, 150 + SLACK_MS]],
].map(([what, client, call, kind, ms]) => ({
  name: `custom fetch, ${what}: ${kind}`,
  client,
  call: (t, c) => t.list(c, t.id, typeof call === 'function' ? call() : call),
  expect: { error: { kind, mayHaveBeenSent: false }, ms },
}));

/** The mock URL on another origin (same server, another host name). */
const otherOrigin = (t) => t.mockUrl.replace('127.0.0.1', 'localhost');

const redirectRows = [
  {
    name: 'POST 307 to another origin: not followed, the target named, not sent there, mayHaveBeenSent false',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, status: 307, headers: { location: `${otherOrigin(t)}${t.prefix}-elsewhere/x` }, times: 0 }],
    call: (t, c) => t.send(c, t.id),
    // A browser hides a redirect's status and target: then the send may have been taken.
    expect: (t) => ({
      error: t.browser
        ? { kind: 'redirect', status: undefined, location: undefined, attempts: 1, mayHaveBeenSent: true, message: /hides/ }
        : { kind: 'redirect', status: 307, location: `${otherOrigin(t)}${t.prefix}-elsewhere/x`, attempts: 1, mayHaveBeenSent: false, message: /another origin: not followed/ },
      seen: 1,
    }),
  },
  {
    name: 'GET 302 to another origin: not followed (no credential leaves the origin), the target named',
    script: (t) => [{ pathIncludes: t.path, status: 302, headers: { location: `${otherOrigin(t)}${t.prefix}-elsewhere/x` }, times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: (t) => ({ error: { kind: 'redirect', attempts: 1, mayHaveBeenSent: false, ...(t.browser ? {} : { status: 302, location: `${otherOrigin(t)}${t.prefix}-elsewhere/x` }) }, seen: 1 }),
  },
  ...[301, 302, 303].map((status) => ({
    name: `POST ${status} within the origin: not followed (it would become a GET), mayHaveBeenSent true`,
    script: (t) => [{ method: 'POST', pathIncludes: t.path, status, headers: { location: `${t.base}/elsewhere` }, times: 0 }],
    call: (t, c) => t.send(c, t.id),
    expect: (t) => ({ error: { kind: 'redirect', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT, ...(t.browser ? {} : { status, message: /turn the send into a GET/ }) }, seen: 1 }),
  })),
  {
    name: 'GET 302 within the origin: followed where the runtime shows the target (Node), a redirect error where it hides it (browsers)',
    script: (t) => [{ pathIncludes: t.path, status: 302, headers: { location: `${t.base}/${TD.projectId}/requests/${TD.requestId}/messages` }, times: 1 }],
    call: (t, c) => t.list(c, t.id),
    expect: (t) => (t.browser
      ? { error: { kind: 'redirect', attempts: 1, mayHaveBeenSent: false }, seen: 1 }
      : { value: expectSeedValue, seen: 2 }),
  },
  {
    name: 'POST 307 within the origin: re-sent there once where the runtime shows the target (Node), a redirect error where it hides it',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, status: 307, headers: { location: `${t.base}/${TD.projectId}/requests/${t.id}-moved/messages` }, times: 1 }],
    call: (t, c) => t.send(c, t.id, { text: `moved ${t.id}` }),
    expect: (t) => (t.browser
      ? { error: { kind: 'redirect', attempts: 1, mayHaveBeenSent: true }, seen: 1 }
      : { value: (t2, value) => eq(value.text, `moved ${t.id}`, 'sent text'), seen: 2, seenMethod: 'POST' }),
  },
];

export const hostileCases = [
  // Size: the body is counted as it streams in; beyond the limit the request is aborted.
  {
    name: 'GET 5 MB body, maxResponseBytes 1 MiB per call: tooLarge naming the limit and the option, not retried',
    script: (t) => [{ pathIncludes: t.path, sizeBytes: 5 * MIB, times: 0 }],
    call: (t, c) => t.list(c, t.id, { maxResponseBytes: MIB }),
    expect: { error: { kind: 'tooLarge', status: 200, attempts: 1, mayHaveBeenSent: false, message: limitMessage(MIB) }, seen: 1, below: SLACK_MS },
  },
  {
    name: 'GET 5 MB body dripping in over 4 s without Content-Length, maxResponseBytes 1 MiB per client: stopped as the limit is passed',
    client: (t) => t.tiledesk({ maxResponseBytes: MIB }),
    script: (t) => [{ pathIncludes: t.path, sizeBytes: 5 * MIB, truncate: 64 * MIB, slowBodyMs: 4000, times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'tooLarge', status: 200, attempts: 1, message: limitMessage(MIB) }, ms: [700, 2500], seen: 1 },
  },
  {
    name: 'GET gzip bomb (60 MB of JSON in a few KB): stopped at the default 32 MiB',
    bound: 15000,
    script: (t) => [{ pathIncludes: t.path, fill: { head: '[{"_id":"a","attributes":[', item: '0,', tail: '0]}]' }, sizeBytes: 60 * MIB, gzip: true, times: 0 }],
    call: (t, c) => t.list(c, t.id, { timeoutMs: 12000 }),
    expect: { error: { kind: 'tooLarge', status: 200, attempts: 1, message: limitMessage(32 * MIB) }, seen: 1 },
  },
  {
    name: 'POST answered 200 with a body beyond maxResponseBytes: tooLarge, mayHaveBeenSent true',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, sizeBytes: 2 * MIB, times: 0 }],
    call: (t, c) => t.send(c, t.id, undefined, { maxResponseBytes: MIB }),
    expect: { error: { kind: 'tooLarge', status: 200, attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT }, seen: 1, seenMethod: 'POST' },
  },
  {
    name: 'GET 31 MB of the smallest messages that decode ({"_id":1} x 3 million): a decode error, no trap',
    bound: 30000,
    script: (t) => [{ pathIncludes: t.path, fill: { head: '[', item: '{"_id":1},', tail: '{"_id":2}]' }, sizeBytes: 31 * MIB, times: 0 }],
    call: (t, c) => t.list(c, t.id, { timeoutMs: 25000 }),
    expect: { error: { kind: 'decode', status: 200, attempts: 1, message: /more than 500000 items/ }, seen: 1 },
  },
  {
    name: 'GET a 30 MB text field within the limit: decoded in full',
    bound: 30000,
    script: (t) => [{ pathIncludes: t.path, fill: { head: '[{"_id":"big","text":"', item: 'abcdefghij', tail: '"}]' }, sizeBytes: 30 * MIB, times: 0 }],
    call: (t, c) => t.list(c, t.id, { timeoutMs: 25000 }),
    expect: { value: (t, value) => eq(value[0].text.length, 30 * MIB - 24 + ((30 * MIB - 24) % 10 ? 10 - ((30 * MIB - 24) % 10) : 0), 'text length') },
  },
  {
    name: 'GET 64 MB of numbers in one field at maxResponseBytes 64 MiB (the largest allowed): decoded, no trap',
    bound: 60000,
    script: (t) => [{ pathIncludes: t.path, fill: { head: '[{"_id":"a","numbers":[', item: '0,', tail: '1]}]' }, sizeBytes: 64 * MIB - 64, times: 0 }],
    call: (t, c) => t.list(c, t.id, { timeoutMs: 55000, maxResponseBytes: 64 * MIB }),
    expect: { value: (t, value) => eq(value[0].extra.numbers.at(-1), 1, 'last number') },
  },
  {
    name: 'maxResponseBytes above 64 MiB is refused before anything is sent',
    call: (t, c) => t.list(c, t.id, { maxResponseBytes: 64 * MIB + 1 }),
    expect: { error: { kind: 'invalidInput', field: 'maxResponseBytes' }, seen: 0 },
  },

  ...echoRows,
  ...oddFetchRows,
  ...hangingFetchRows,
  ...redirectRows,

  {
    name: 'GET 503 with Retry-After in year 999999999999: waits maxRetryAfterMs (300 ms), not "now"',
    script: (t) => [{ pathIncludes: `${t.prefix}/`, status: 503, retryAfter: 'Sun, 06 Nov 999999999999 08:49:37 GMT', body: 'busy', times: 1 }],
    call: (t, c) => t.list(c, TD.requestId, { retry: { retries: 1, maxRetryAfterMs: 300 } }),
    expect: { value: expectSeedValue, seen: 2, ms: [280, 300 + SLACK_MS] },
  },
  {
    name: 'free() and [Symbol.dispose]() twice: no throw; another client works',
    client: (t) => t.tiledesk({}, { followUp: false }),
    call: async (t, c) => {
      c.free();
      c.free();
      c[Symbol.dispose ?? Symbol.for('Symbol.dispose')]();
      t.tiledesk();
      return 'freed';
    },
    expect: { value: (t, value) => eq(value, 'freed', 'outcome') },
  },
  ...[
    ['FlatchrClient.listMessages on a TiledeskClient', (t, c) => t.pkg.FlatchrClient.prototype.listMessages.call(c, { companyId: FC.companyId, applicantId: FC.applicantId })],
    ['TiledeskClient.sendMessage on a FlatchrClient', (t) => t.pkg.TiledeskClient.prototype.sendMessage.call(t.flatchr(), { projectId: TD.projectId, requestId: t.id, message: { text: 'x' } })],
    ['TiledeskClient.listMessages on a plain object', (t) => t.pkg.TiledeskClient.prototype.listMessages.call({}, { projectId: TD.projectId, requestId: t.id })],
    ['FlatchrClient.free on a TiledeskClient', (t, c) => t.pkg.FlatchrClient.prototype.free.call(c)],
  ].map(([what, misuse]) => ({
    name: `${what}: a TypeError thrown at once, nothing sent, the client keeps working`,
    call: async (t, c) => settle(() => misuse(t, c)),
    expect: {
      value(t, outcome) {
        ok(outcome.sync, `expected a synchronous throw, got ${show(outcome)}`);
        ok(outcome.error instanceof TypeError, `expected a TypeError, got ${show(outcome.error)}`);
      },
      seen: 0,
    },
  })),
];

/** Lists through `client` from a function of this file: its name must head the error's stack. */
function listFromACallerOfTidings(t, client) {
  return t.list(client, t.id);
}

export const faultCases = [
  // ---- The TidingsError class: headers, Retry-After, cause, the caller's stack --------
  {
    name: "GET 429 with Retry-After, a request id and rate-limit headers: retryAfterMs and the headers the runtime shows; the caller's line heads the stack",
    client: (t) => t.tiledesk({ retry: false }),
    script: (t) => [{
      pathIncludes: t.path,
      status: 429,
      retryAfter: 3,
      headers: { 'x-request-id': 'req-7', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '60', 'x-unrelated': 'no' },
      json: { error: 'slow down' },
      times: 1,
    }],
    call: (t, c) => listFromACallerOfTidings(t, c),
    expect: { error: { kind: 'http', status: 429, retryAfterMs: 3000, attempts: 1 }, seen: 1 },
    then(t, _c, outcome) {
      const { error } = outcome;
      // A browser shows only the headers the server's CORS exposes (the mock, as the real servers: retry-after).
      const expected = t.browser
        ? { 'retry-after': '3' }
        : { 'retry-after': '3', 'x-request-id': 'req-7', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '60' };
      deepEq({ ...error.headers }, expected, 'error.headers');
      const frames = String(error.stack).split('\n');
      ok(/^TidingsError: /.test(frames[0]), `stack header: ${frames[0]}`);
      ok(frames.slice(0, 5).some((line) => line.includes('listFromACallerOfTidings')), `the caller is not at the top of the stack: ${error.stack}`);
      ok(!String(error.stack).includes('wasm-function'), `wasm frames in the stack: ${error.stack}`);
    },
  },
  {
    name: 'GET 429 then 200 with a debug function: every attempt, answer and wait reported in order, the credential redacted; user-agent tidings/<version> in Node only',
    client(t) {
      t.events = [];
      return t.tiledesk({ debug: (event) => t.events.push(event) });
    },
    script: (t) => [{ pathIncludes: t.path, status: 429, json: { error: 'slow down' }, times: 1 }],
    call: (t, c) => t.list(c, t.id),
    expect: { value: () => {}, seen: 2 },
    async then(t) {
      const steps = t.events.map((e) => `${e.type}:${e.attempt}${e.status ? `:${e.status}` : ''}`);
      deepEq(steps, ['request:1', 'response:1:429', 'retry:1', 'request:2', 'response:2:200'], 'debug events');
      const [request, answer, retry] = t.events;
      eq(request.method, 'GET', 'request.method');
      ok(request.url.startsWith(`${t.base}/`) && request.url.includes(t.id), `request.url: ${request.url}`);
      eq(request.headers.authorization, '[redacted]', 'request.headers.authorization');
      ok(typeof answer.ms === 'number' && answer.ms >= 0, `response.ms: ${answer.ms}`);
      ok(Number.isInteger(retry.waitMs) && retry.waitMs >= 0 && retry.waitMs <= FAST_RETRY.maxDelayMs, `retry.waitMs: ${retry.waitMs}`);
      const text = JSON.stringify(t.events);
      ok(!text.includes(TD.jwt), `a debug event shows the credential: ${text}`);
      // No header that a browser would have to preflight beyond what the servers allow:
      // the browser's own user-agent stands there; Node's requests name tidings.
      const seen = await t.seen(t.path);
      for (const entry of seen) {
        const agent = entry.headers['user-agent'] ?? '';
        if (t.browser) ok(!agent.startsWith('tidings/'), `a browser request set user-agent ${agent}`);
        else ok(/^tidings\/\d+\.\d+\.\d+/.test(agent), `Node user-agent: ${agent}`);
      }
    },
  },
  {
    name: 'GET refused connection with a debug function that throws: the network failure reported, the throw ignored',
    client(t) {
      t.events = [];
      return t.tiledesk({ baseUrl: t.closedUrl, retry: false, debug: (event) => { t.events.push(event); throw new Error('a broken logger'); } }, { followUp: false });
    },
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'network', attempts: 1 } },
    async then(t) {
      deepEq(t.events.map((e) => `${e.type}:${e.reason ?? ''}`), ['request:', 'failure:network'], 'debug events');
      ok(typeof t.events[1].message === 'string' && t.events[1].message.length > 0, 'failure.message');
      t.tiledesk();
    },
  },
  {
    name: 'GET refused connection: a network error whose cause is what fetch threw (a TypeError)',
    client: (t) => t.tiledesk({ baseUrl: t.closedUrl, retry: false }, { followUp: false }),
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'network', attempts: 1 } },
    async then(t, _c, outcome) {
      const { cause } = outcome.error;
      ok(cause instanceof Error, `cause: ${show(cause)}`);
      eq(cause.name, 'TypeError', 'cause.name');
      ok(!('retryAfterMs' in outcome.error) && !('headers' in outcome.error), 'a network error has no headers');
      t.tiledesk();
    },
  },
  // ---- Error bodies: parsed JSON, raw text, raw HTML --------------------------------
  {
    name: 'GET 404 with JSON body: http error, body parsed, not retried',
    script: (t) => [{ pathIncludes: t.path, status: 404, json: { success: false, msg: 'Object not found.' }, times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: {
      error: { kind: 'http', status: 404, provider: 'tiledesk', body: { success: false, msg: 'Object not found.' }, attempts: 1, mayHaveBeenSent: false },
      seen: 1,
      below: SLACK_MS,
    },
  },
  {
    name: 'GET an unknown message id (real route): 404 JSON, not retried',
    call: (t, c) => t.get(c, UNKNOWN_MESSAGE_ID),
    expect: { error: { kind: 'http', status: 404, body: { success: false, msg: 'Object not found.' }, attempts: 1 }, seen: 1 },
  },
  {
    name: 'GET a malformed message id (real route): 500 JSON, retried (3 attempts); a seed id then decodes',
    call: (t, c) => t.get(c, 'not-an-object-id'),
    expect: { error: { kind: 'http', status: 500, body: { success: false, msg: 'Error getting object.' }, attempts: 3 }, seen: 3 },
    async then(t, c) {
      const good = await resolution(t.get(c, TD.seedIds[1]));
      eq(good.value.id, TD.seedIds[1], 'getMessage id');
      eq(good.value.text, TD.seedTexts[1], 'getMessage text');
    },
  },
  {
    name: 'GET 401 plain text: body kept raw, not retried',
    script: (t) => [{ pathIncludes: t.path, status: 401, body: 'Unauthorized', headers: { 'WWW-Authenticate': 'Basic realm="Users"' }, times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'http', status: 401, body: 'Unauthorized', attempts: 1 }, seen: 1 },
  },
  {
    name: 'GET real 401 with a wrong token: plain text body, no token in the error',
    client: (t) => t.tiledesk({ auth: { kind: 'jwt', token: WRONG_CREDENTIALS.tiledeskJwt } }, { followUp: false }),
    call: (t, c) => t.list(c),
    expect: { error: { kind: 'http', status: 401, body: 'Unauthorized', attempts: 1 } },
    async then(t, c, o) {
      const wrong = WRONG_CREDENTIALS.tiledeskJwt;
      ok(!o.error.message.includes(wrong) && !JSON.stringify(o.error).includes(wrong), 'token leaked into the error');
      // Another client in the same instance keeps working.
      t.expectSeed((await resolution(t.list(t.tiledesk()))).value);
    },
  },
  {
    name: 'GET 502 HTML page: body kept raw, retried until retries run out (3 attempts)',
    script: (t) => [{ pathIncludes: t.path, html: true, status: 502, times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'http', status: 502, attempts: 3, mayHaveBeenSent: false }, bodyIncludes: '<h1>502 Bad Gateway</h1>', seen: 3 },
  },
  {
    name: 'GET 500 labelled JSON but not JSON: http error with the raw text',
    script: (t) => [{ pathIncludes: t.path, status: 500, body: 'upstream exploded', contentType: 'application/json', times: 0 }],
    call: (t, c) => t.list(c, t.id, { retry: false }),
    expect: { error: { kind: 'http', status: 500, body: 'upstream exploded', attempts: 1 }, seen: 1 },
  },
  {
    name: 'POST 422 JSON errors: http error, body parsed, not retried, not sent',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, status: 422, json: { errors: ['text field is required'] }, times: 0 }],
    call: (t, c) => t.send(c, t.id),
    expect: { error: { kind: 'http', status: 422, body: { errors: ['text field is required'] }, attempts: 1, mayHaveBeenSent: false }, seen: 1, seenMethod: 'POST' },
  },
  {
    name: 'POST 400 plain text: body kept raw, not retried, not sent',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, status: 400, body: 'Bad Request', times: 0 }],
    call: (t, c) => t.send(c, t.id),
    expect: { error: { kind: 'http', status: 400, body: 'Bad Request', attempts: 1, mayHaveBeenSent: false }, seen: 1, seenMethod: 'POST' },
  },
  {
    name: 'POST 502 HTML page: not retried, mayHaveBeenSent, message says so',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, html: true, status: 502, times: 0 }],
    call: (t, c) => t.send(c, t.id),
    expect: {
      error: { kind: 'http', status: 502, attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT },
      bodyIncludes: '502 Bad Gateway',
      seen: 1,
      seenMethod: 'POST',
    },
  },

  // ---- GET retries ------------------------------------------------------------------
  ...RETRYABLE_GET_STATUSES.map((status) => ({
    name: `GET ${status} once, then success: retried (2 requests)`,
    script: (t) => [
      { pathIncludes: t.path, status, json: { statusCode: status }, times: 1 },
      { pathIncludes: t.path, json: tiledeskWireMessages(t.id), times: 1 },
    ],
    call: (t, c) => t.list(c, t.id),
    expect: { value: expectScriptedValue, seen: 2 },
  })),
  ...FINAL_GET_STATUSES.map((status) => ({
    name: `GET ${status}: never retried (1 request), body parsed`,
    script: (t) => [{ pathIncludes: t.path, status, json: { status }, times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'http', status, body: { status }, attempts: 1 }, seen: 1 },
  })),
  {
    name: 'GET 500 every time, 3 retries: the last attempt\'s error, with attempts 4',
    client: (t) => t.tiledesk({ retry: { retries: 3, baseDelayMs: 10 } }),
    script: (t) => [
      { pathIncludes: t.path, status: 500, json: { success: false, msg: 'early' }, times: 3 },
      { pathIncludes: t.path, status: 500, json: { success: false, msg: 'last' }, times: 1 },
    ],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'http', status: 500, attempts: 4, body: { success: false, msg: 'last' }, message: /\b4 attempts\b/ }, seen: 4 },
  },

  // ---- Retry-After (timing) ------------------------------------------------------------
  {
    name: 'GET 429 with Retry-After: 1 (seconds): waits ~1 s, then succeeds',
    script: (t) => [{ pathIncludes: `${t.prefix}/`, status: 429, retryAfter: 1, json: { error: 'slow down' }, times: 1 }],
    call: (t, c) => t.list(c),
    expect: { value: expectSeedValue, seen: 2, ms: [950, 1000 + SLACK_MS] },
  },

  // ---- Sends: never retried unless the server refused before handling (429) -------------
  {
    name: 'POST 500: not retried, mayHaveBeenSent, message says it may have been sent, mock saw 1',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, status: 500, json: { success: false, msg: 'Error creating message', err: { name: 'MongoError' } }, times: 0 }],
    call: (t, c) => t.send(c, t.id),
    expect: {
      error: { kind: 'http', status: 500, body: { success: false, msg: 'Error creating message', err: { name: 'MongoError' } }, attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT },
      seen: 1,
      seenMethod: 'POST',
    },
  },
  ...[503, 504].map((status) => ({
    name: `POST ${status} without Retry-After: not retried, mayHaveBeenSent`,
    script: (t) => [{ method: 'POST', pathIncludes: t.path, status, body: 'upstream', times: 0 }],
    call: (t, c) => t.send(c, t.id),
    expect: { error: { kind: 'http', status, attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT }, seen: 1, seenMethod: 'POST' },
  })),
  {
    name: 'POST 429 once: retried, sent exactly once',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, status: 429, json: { error: 'Too Many Requests' }, times: 1 }],
    call: (t, c) => t.send(c, t.id, { text: `hello ${t.id}` }),
    expect: {
      value(t, value) {
        eq(value.text, `hello ${t.id}`, 'sent text');
        eq(value.recipient, t.id, 'recipient');
      },
      seen: 2,
      seenMethod: 'POST',
    },
    async then(t, c) {
      const list = await resolution(t.list(c, t.id));
      deepEq(list.value.map((m) => m.text), [`hello ${t.id}`], 'messages stored for the request (no duplicate)');
    },
  },
  {
    name: 'POST 429 every time: 3 attempts, mayHaveBeenSent false',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, status: 429, json: { error: 'Too Many Requests' }, times: 0 }],
    call: (t, c) => t.send(c, t.id),
    expect: { error: { kind: 'http', status: 429, attempts: 3, mayHaveBeenSent: false }, seen: 3, seenMethod: 'POST' },
  },

  // ---- Network errors (connection refused) ----------------------------------------------
  {
    name: 'GET connection refused (closed port): network error after 3 attempts',
    client: (t) => t.tiledesk({ baseUrl: t.closedUrl }, { followUp: false }),
    call: (t, c) => t.list(c),
    expect: { error: { kind: 'network', provider: 'tiledesk', attempts: 3, mayHaveBeenSent: false }, below: 2 * SLACK_MS },
    async then(t, c) {
      // A second call on the same client fails the same way (nothing stuck)...
      t.err(await rejection(t.list(c, TD.requestId, { retry: false })), { kind: 'network', attempts: 1 });
      // ...and a client on the mock, in the same wasm instance, works (follow-up).
      t.tiledesk();
    },
  },
  {
    name: 'POST connection refused (closed port): network error, not retried, mayHaveBeenSent',
    client: (t) => t.tiledesk({ baseUrl: t.closedUrl }, { followUp: false }),
    call: (t, c) => t.send(c, t.id),
    expect: { error: { kind: 'network', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT }, below: SLACK_MS },
    then: (t) => t.tiledesk(),
  },
  {
    name: 'custom fetch option: connection refused for one request id, attempts counted, same client then works',
    client(t) {
      t.refusing = t.refusingFetch(`/requests/${t.id}/`);
      return t.tiledesk({ fetch: t.refusing.fetch });
    },
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'network', attempts: 3, mayHaveBeenSent: false } },
    async then(t, c) {
      const { counter } = t.refusing;
      eq(counter.refused, 3, 'GET requests sent to the closed port');
      const o2 = await rejection(t.send(c, t.id));
      t.err(o2, { kind: 'network', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT });
      eq(counter.refused, 4, 'requests sent to the closed port after the POST');
      ok(counter.passed === 0, 'no other request yet');
    },
  },

  // ---- Timeouts (timing) -----------------------------------------------------------------
  {
    name: 'GET hang, timeoutMs 300, retry false: timeout after ~300 ms',
    script: (t) => [{ pathIncludes: t.path, hang: true, times: 0 }],
    call: (t, c) => t.list(c, t.id, { timeoutMs: 300, retry: false }),
    expect: { error: { kind: 'timeout', attempts: 1, mayHaveBeenSent: false }, ms: [280, 300 + SLACK_MS], seen: 1 },
  },
  {
    name: 'GET slow body (1.5 s) beyond timeoutMs 300: timeout',
    script: (t) => [{ pathIncludes: t.path, slowBodyMs: 1500, json: tiledeskWireMessages(t.id), times: 0 }],
    call: (t, c) => t.list(c, t.id, { timeoutMs: 300, retry: false }),
    expect: { error: { kind: 'timeout', attempts: 1 }, ms: [280, 300 + SLACK_MS], seen: 1 },
  },
  {
    name: 'POST hang, timeoutMs 300: timeout, not retried, mayHaveBeenSent',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, hang: true, times: 0 }],
    call: (t, c) => t.send(c, t.id, undefined, { timeoutMs: 300 }),
    expect: {
      error: { kind: 'timeout', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT },
      ms: [280, 300 + SLACK_MS],
      seen: 1,
      seenMethod: 'POST',
    },
  },
  {
    name: 'totalTimeoutMs 500 across retries of a hanging GET (timeoutMs 300): timeout at ~500 ms',
    script: (t) => [{ pathIncludes: t.path, hang: true, times: 0 }],
    call: (t, c) => t.list(c, t.id, { timeoutMs: 300, totalTimeoutMs: 500, retry: { retries: 5, baseDelayMs: 10 } }),
    expect: { error: { kind: 'timeout', attempts: 2 }, ms: [480, 500 + SLACK_MS], seen: 2 },
  },

  // ---- Slow and reset bodies ----------------------------------------------------------------
  {
    name: 'GET slow body (400 ms) within timeoutMs 3000: succeeds with the full body',
    client: (t) => t.tiledesk({ timeoutMs: 3000 }),
    script: (t) => [{ pathIncludes: t.path, slowBodyMs: 400, json: tiledeskWireMessages(t.id), times: 1 }],
    call: (t, c) => t.list(c, t.id),
    expect: { value: expectScriptedValue, ms: [350, 400 + SLACK_MS], seen: 1 },
  },
  {
    name: 'GET reset mid-body once: retried, succeeds',
    script: (t) => [{ pathIncludes: `${t.prefix}/`, resetMidBody: true, json: tiledeskWireMessages('x', 50), times: 1 }],
    call: (t, c) => t.list(c),
    expect: { value: expectSeedValue, seen: 2 },
  },
  {
    name: 'GET reset mid-body every time: network error after 3 attempts',
    script: (t) => [{ pathIncludes: t.path, resetMidBody: true, json: tiledeskWireMessages(t.id, 50), times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'network', attempts: 3, mayHaveBeenSent: false }, seen: 3 },
  },
  {
    name: 'POST reset mid-body: network error, not retried, mayHaveBeenSent',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, resetMidBody: true, json: tiledeskWireMessages(t.id, 20)[0], times: 0 }],
    call: (t, c) => t.send(c, t.id),
    expect: { error: { kind: 'network', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT }, seen: 1, seenMethod: 'POST' },
  },

  // ---- Bodies that do not decode, or decode although labelled oddly -------------------------
  {
    name: 'GET truncated JSON (200): decode error, not retried',
    script: (t) => [{ pathIncludes: t.path, truncate: 40, json: tiledeskWireMessages(t.id), times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'decode', provider: 'tiledesk', status: 200 }, seen: 1 },
  },
  {
    name: 'POST truncated JSON (200): decode error, not retried, mayHaveBeenSent (the server stored it)',
    script: (t) => [{ method: 'POST', pathIncludes: t.path, truncate: 30, json: tiledeskWireMessages(t.id)[0], times: 0 }],
    call: (t, c) => t.send(c, t.id),
    expect: { error: { kind: 'decode', status: 200, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT }, seen: 1, seenMethod: 'POST' },
  },
  ...[['an HTML page', { html: true, status: 200 }], ['an empty body', { status: 201, contentType: 'application/json' }]].map(([what, rule]) => ({
    name: `POST answered 2xx with ${what}: decode error, mayHaveBeenSent true`,
    script: (t) => [{ method: 'POST', pathIncludes: t.path, times: 0, ...rule }],
    call: (t, c) => t.send(c, t.id),
    expect: { error: { kind: 'decode', status: rule.status, attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT }, seen: 1, seenMethod: 'POST' },
  })),
  {
    name: 'GET empty 200 body: decode error',
    script: (t) => [{ pathIncludes: t.path, status: 200, contentType: 'application/json', times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'decode', status: 200 }, seen: 1 },
  },
  {
    name: 'GET HTML page with status 200: decode error',
    script: (t) => [{ pathIncludes: t.path, html: true, status: 200, times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'decode', status: 200 }, seen: 1 },
  },
  {
    name: 'GET valid JSON labelled text/html: accepted',
    script: (t) => [{ pathIncludes: t.path, json: tiledeskWireMessages(t.id), contentType: 'text/html; charset=utf-8', times: 1 }],
    call: (t, c) => t.list(c, t.id),
    expect: { value: expectScriptedValue },
  },
  {
    name: 'GET list answered with an object where an array is expected: decode error',
    script: (t) => [{ pathIncludes: t.path, json: { messages: tiledeskWireMessages(t.id) }, times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'decode', status: 200 }, seen: 1 },
  },
  {
    name: 'GET one message answered with an array where an object is expected: decode error',
    script: () => [{ pathIncludes: '/messages/abcabcabcabcabcabcabc123', json: tiledeskWireMessages('x'), times: 0 }],
    call: (t, c) => t.get(c, 'abcabcabcabcabcabcabc123'),
    expect: { error: { kind: 'decode', status: 200 } },
  },
  {
    name: 'GET 5 MB body: decodes, message count and ids right',
    bound: 10000,
    script: (t) => [{ pathIncludes: t.path, sizeBytes: 5 * 1024 * 1024, times: 2 }],
    async call(t, c) {
      // Read the same body directly to know what the client must return.
      const text = await (await fetch(`${t.base}/${TD.projectId}/requests/${t.id}/messages`)).text();
      const bytes = new TextEncoder().encode(text).length;
      ok(bytes >= 5 * 1024 * 1024, `raw body is ${bytes} bytes`);
      t.expected = JSON.parse(text);
      return t.list(c, t.id, { timeoutMs: 8000 });
    },
    expect: {
      value(t, value) {
        const { expected } = t;
        eq(value.length, expected.length, 'message count');
        eq(value[0].id, expected[0]._id, 'first id');
        eq(value.at(-1).id, expected.at(-1)._id, 'last id');
        eq(value.at(-1).text, expected.at(-1).text, 'last text');
        const sample = Math.floor(expected.length / 2);
        eq(value[sample].createdAt, expected[sample].createdAt, 'middle createdAt');
      },
    },
  },

  // ---- Caller abort (timing) ----------------------------------------------------------------
  {
    name: 'GET aborted by the caller mid-call (hang): aborted at once, not timeout',
    script: (t) => [{ pathIncludes: t.path, hang: true, times: 0 }],
    call: (t, c) => t.list(c, t.id, { signal: abortAfter(150), timeoutMs: 5000 }),
    expect: { error: { kind: 'aborted', mayHaveBeenSent: false }, ms: [130, 150 + SLACK_MS], seen: 1 },
  },
  {
    name: 'GET aborted while the body is dripping in: aborted',
    script: (t) => [{ pathIncludes: t.path, slowBodyMs: 2000, json: tiledeskWireMessages(t.id), times: 0 }],
    call: (t, c) => t.list(c, t.id, { signal: abortAfter(300) }),
    expect: { error: { kind: 'aborted' }, ms: [280, 300 + SLACK_MS], seen: 1 },
  },
  {
    name: 'GET aborted during a Retry-After wait (5 s): aborted at once',
    script: (t) => [{ pathIncludes: t.path, status: 503, retryAfter: 5, body: 'busy', times: 0 }],
    call: (t, c) => t.list(c, t.id, { signal: abortAfter(250) }),
    expect: { error: { kind: 'aborted', mayHaveBeenSent: false }, ms: [230, 250 + SLACK_MS], seen: 1 },
  },
  {
    name: 'GET with an already-aborted signal: aborted, nothing sent',
    call: (t, c) => t.list(c, t.id, { signal: AbortSignal.abort() }),
    expect: { error: { kind: 'aborted' }, below: SLACK_MS, seen: 0 },
  },
  {
    name: 'POST with an already-aborted signal: aborted, not sent',
    call: (t, c) => t.send(c, t.id, undefined, { signal: AbortSignal.abort() }),
    expect: { error: { kind: 'aborted', mayHaveBeenSent: false }, below: SLACK_MS, seen: 0 },
  },

  // ---- Disabling retries ---------------------------------------------------------------------
  ...[false, { retries: 0 }].map((retry) => ({
    name: `retry: ${show(retry)} per call: one attempt; the client's own policy is untouched`,
    script: (t) => [{ pathIncludes: t.path, status: 503, body: 'busy', times: 0 }],
    call: (t, c) => t.list(c, t.id, { retry }),
    expect: { error: { kind: 'http', status: 503, attempts: 1 }, seen: 1 },
    async then(t, c) {
      t.err(await rejection(t.list(c, t.id)), { kind: 'http', attempts: 3 });
    },
  })),
  {
    name: 'retry: false per client: one attempt (http and network); a per-call retry overrides it',
    client: (t) => t.tiledesk({ retry: false }),
    script: (t) => [{ pathIncludes: t.path, status: 503, body: 'busy', times: 0 }],
    call: (t, c) => t.list(c, t.id),
    expect: { error: { kind: 'http', status: 503, attempts: 1 }, seen: 1 },
    async then(t, c) {
      const o = await rejection(t.list(c, t.id, { retry: { retries: 1, baseDelayMs: 10 } }));
      t.err(o, { kind: 'http', status: 503, attempts: 2 });
      await t.expectSeen(3, t.path);
      const refused = t.tiledesk({ baseUrl: t.closedUrl, retry: false }, { followUp: false });
      t.err(await rejection(t.list(refused)), { kind: 'network', attempts: 1 });
    },
  },

  // ---- Flatchr ------------------------------------------------------------------------------------
  {
    name: 'Flatchr GET 503 Boom JSON once, then success',
    client: (t) => t.flatchr({ token: FC.apiKey }),
    script: (t) => [{ pathIncludes: t.fcListPath(), status: 503, json: { statusCode: 503, error: 'Service Unavailable', message: 'down' }, times: 1 }],
    call: (t, c) => t.fcList(c),
    expect: { value: (t, value) => t.expectFlatchrSeed(value), seen: 2 },
  },
  {
    name: 'Flatchr GET 401 Boom JSON: body parsed, not retried',
    client: (t) => t.flatchr({ token: WRONG_CREDENTIALS.flatchrToken }, { followUp: false }),
    call: (t, c) => t.fcList(c),
    expect: {
      error: { kind: 'http', status: 401, provider: 'flatchr', attempts: 1, body: { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' } },
      seen: 1,
    },
    then: (t) => t.flatchr(), // a good client in the same instance, checked by the follow-up
  },
  {
    name: 'Flatchr GET 502 plain text every time: raw body, 3 attempts',
    client: (t) => t.flatchr(),
    script: (t) => [{ pathIncludes: t.fcListPath(t.id), status: 502, body: 'Bad Gateway', times: 0 }],
    call: (t, c) => t.fcList(c, { applicantId: t.id }),
    expect: { error: { kind: 'http', status: 502, provider: 'flatchr', body: 'Bad Gateway', attempts: 3 }, seen: 3 },
  },
  {
    name: 'Flatchr GET object where an array is expected: decode error',
    client: (t) => t.flatchr(),
    script: (t) => [{ pathIncludes: t.fcListPath(t.id), json: { statusCode: 200, data: [] }, times: 0 }],
    call: (t, c) => t.fcList(c, { applicantId: t.id }),
    expect: { error: { kind: 'decode', provider: 'flatchr', status: 200 } },
  },
  {
    name: 'Flatchr POST 500: not retried, mayHaveBeenSent',
    client: (t) => t.flatchr(),
    script: (t) => [{ method: 'POST', pathIncludes: t.fcSendPath(), status: 500, json: { statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred' }, times: 0 }],
    call: (t, c) => t.fcSend(c, { html: '<p>fault</p>' }),
    expect: { error: { kind: 'http', status: 500, provider: 'flatchr', attempts: 1, mayHaveBeenSent: true, message: MAY_HAVE_BEEN_SENT }, seen: 1, seenMethod: 'POST' },
  },
  {
    name: 'Flatchr POST 429 once: retried, stored exactly once',
    client: (t) => t.flatchr(),
    script: (t) => [{ method: 'POST', pathIncludes: t.fcSendPath(), status: 429, json: { statusCode: 429, error: 'Too Many Requests', message: 'slow down' }, times: 1 }],
    call: (t, c) => t.fcSend(c, { html: `<p>${t.id}</p>`, subject: 'fault suite' }),
    expect: { value: (t, value) => eq(value.mail?.html, `<p>${t.id}</p>`, 'sent html'), seen: 2, seenMethod: 'POST' },
    async then(t, c) {
      const list = await resolution(t.fcList(c, { applicantId: FC.sendApplicantId, fields: ['mail'] }));
      eq(list.value.filter((m) => m.mail?.html === `<p>${t.id}</p>`).length, 1, 'stored copies of the message');
    },
  },
  ...hostileCases,
];

// --- Running ---------------------------------------------------------------------------------------

function withBound(promise, ms, name) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new AssertionError(`case "${name}" did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Checks a row's `expect` against the outcome of its call. */
async function check(t, row, outcome) {
  const expect = typeof row.expect === 'function' ? row.expect(t) : row.expect;
  ok(!outcome.sync, `the call threw synchronously instead of rejecting: ${show(outcome.error)}`);
  if (expect.error) {
    if (outcome.ok) throw new AssertionError(`the call resolved (${show(outcome.value)}) but was expected to reject`);
    t.err(outcome, expect.error);
    if (expect.bodyIncludes !== undefined) {
      const { body } = outcome.error;
      ok(typeof body === 'string' && body.includes(expect.bodyIncludes), `body: expected to include ${show(expect.bodyIncludes)}, got ${show(body)}`);
    }
  } else {
    if (!outcome.ok) {
      const e = outcome.error;
      throw new AssertionError(`the call rejected but was expected to resolve: ${show(e)} (kind ${e?.kind}, status ${e?.status}, attempts ${e?.attempts})`);
    }
    expect.value(t, outcome.value);
  }
  if (expect.ms) between(outcome.ms, expect.ms[0], expect.ms[1], 'elapsed ms');
  if (expect.below !== undefined) t.elapsedBelow(outcome.ms, expect.below);
  if (expect.seen !== undefined) await t.expectSeen(expect.seen, t.prefix, expect.seenMethod);
}

/**
 * Runs one row and the follow-up calls on its clients; throws (an AssertionError
 * or what the package threw) when anything is not as the row says. env: see makeContext.
 */
export async function runFaultCase(row, env) {
  const t = makeContext(env);
  try {
    await withBound((async () => {
      const client = row.client ? row.client(t) : t.tiledesk();
      for (const rule of row.script?.(t) ?? []) await t.script(rule);
      const outcome = await settle(() => row.call(t, client));
      await check(t, row, outcome);
      await row.then?.(t, client, outcome);
      ok(t.clients.some((c) => c.followUp), 'the case made no client to check afterwards');
      for (const entry of t.clients) {
        if (entry.followUp) await followUp(t, entry);
      }
    })(), row.bound ?? 5000, row.name);
  } finally {
    for (const entry of t.clients) {
      try { entry.client.free(); } catch { /* already freed */ }
    }
  }
}
