// The bad-input tables as data, environment-agnostic (package API + fetch to the
// mock's control API only). Run in Node by tests/js/bad-input.test.mjs, in Chromium
// by tests/browser/faults.test.mjs, and swept by tests/js/secrets.test.mjs.
//
// Four tables:
//   badInputRows  — rejected before any request, kind invalidInput/config, `field` named;
//   safeIdRows    — odd ids that must travel percent-encoded as exactly one segment;
//   wrongTypeRows — arguments of the wrong JavaScript type: a TidingsError, never a
//                   synchronous throw from a method, never a crash;
//   sentRows      — unusual but valid values, and what the mock must receive for them.
//
// Rows marked `lean: true` describe a careless caller (cycles, deep nesting, BigInt,
// throwing getters and Proxies, NaN and Infinity, misspelt keys, lone surrogates).

import {
  FIXTURES, ok, eq, deepEq, show, expectTidingsError, settle, rejection, resolution, mockControl, uniqueId,
} from './shared.mjs';

const TD = FIXTURES.tiledesk;
const FC = FIXTURES.flatchr;

// --- Table 1: rejected before any request ------------------------------------------

const BAD_IDS = [
  ['empty', ''],
  ['"."', '.'],
  ['".."', '..'],
  ['newline', 'a\nb'],
  ['carriage return', 'a\rb'],
  ['tab', '\tab'],
  ['NUL', 'a\u0000b'],
  ['only NUL', '\u0000'],
  ['BEL', 'a\u0007'],
  ['DEL', 'a\u007fb'],
  ['C1 control (NEL)', 'a\u0085b'],
];

/** The id arguments of every method, per provider: [method, field, defaults]. */
const ID_FIELDS = [
  ['tiledesk', 'listMessages', 'projectId'],
  ['tiledesk', 'listMessages', 'requestId'],
  ['tiledesk', 'getMessage', 'projectId'],
  ['tiledesk', 'getMessage', 'requestId'],
  ['tiledesk', 'getMessage', 'messageId'],
  ['tiledesk', 'sendMessage', 'projectId'],
  ['tiledesk', 'sendMessage', 'requestId'],
  ['tiledesk', 'sendMessages', 'projectId'],
  ['tiledesk', 'sendMessages', 'requestId'],
  ['tiledesk', 'exportMessagesCsv', 'projectId'],
  ['tiledesk', 'exportMessagesCsv', 'requestId'],
  ['tiledesk', 'listProjectMessages', 'projectId'],
  ['tiledesk', 'sendDirectMessage', 'projectId'],
  ['tiledesk', 'signInAnonymously', 'projectId'],
  ['flatchr', 'listMessages', 'companyId'],
  ['flatchr', 'listMessages', 'applicantId'],
  ['flatchr', 'sendMessage', 'companyId'],
  ['flatchr', 'sendMessage', 'applicantId'],
];

/** Valid arguments of each method, to which a row applies its one bad value. */
export function validArgs(provider, method) {
  if (provider === 'tiledesk') {
    const base = { projectId: TD.projectId, requestId: TD.requestId };
    if (method === 'getMessage') return { ...base, messageId: TD.seedIds[0] };
    if (method === 'sendMessage') return { ...base, requestId: uniqueId('bad-send'), message: { text: 'hello' } };
    if (method === 'sendMessages') return { ...base, messages: [{ text: 'hello' }] };
    if (method === 'listProjectMessages') return { projectId: TD.projectId, limit: 5 };
    if (method === 'sendDirectMessage') return { projectId: TD.projectId, message: { recipient: 'r', recipientFullname: 'R', text: 'hello' } };
    if (method === 'signInAnonymously') return { projectId: TD.projectId, firstname: 'Bad' };
    if (method === 'signIn') return { email: 'andrea.leo@f21.it', password: 'a-password' };
    return base;
  }
  const base = { companyId: FC.companyId, applicantId: FC.applicantId };
  if (method === 'sendMessage') return { ...base, applicantId: FC.sendApplicantId, message: { html: '<p>hello</p>' } };
  return base;
}

/** Static methods (the sign-ins): called on the class, with the row's base URL. */
const STATIC_METHODS = new Set(['signIn', 'signInAnonymously', 'logIn']);

const idRows = ID_FIELDS.flatMap(([provider, method, field]) => BAD_IDS.map(([label, value]) => ({
  name: `${provider} ${method} ${field} ${label}`,
  provider,
  method,
  args: () => ({ ...validArgs(provider, method), [field]: value }),
  expect: { kind: 'invalidInput', field },
})));

const IMAGE = 'https://files.example/a.png';
const tiledeskMessageRows = [
  ['empty text', { text: '' }, 'message.text'],
  ['no text', {}, 'message.text'],
  ['type text, empty text', { type: 'text', text: '' }, 'message.text'],
  ['empty type', { type: '', text: 'x' }, 'message.type'],
  ['image without metadata', { type: 'image', text: 'x' }, 'message.metadata.src'],
  ['image without metadata.src', { type: 'image', metadata: { width: 10, height: 10 } }, 'message.metadata.src'],
  ['image with empty metadata.src', { type: 'image', metadata: { src: '' } }, 'message.metadata.src'],
  ['file without metadata.src', { type: 'file', metadata: { name: 'a.pdf', type: 'application/pdf' } }, 'message.metadata.src'],
  ['file without metadata.type (the server never answers)', { type: 'file', metadata: { src: 'https://files.example/a.pdf', name: 'a.pdf' } }, 'message.metadata.type'],
  ['negative width', { type: 'image', metadata: { src: IMAGE, width: -1, height: 10 } }, 'message.metadata.width'],
  ['very negative width', { type: 'image', metadata: { src: IMAGE, width: -640 } }, 'message.metadata.width'],
  ['negative height', { type: 'image', metadata: { src: IMAGE, width: 10, height: -5 } }, 'message.metadata.height'],
].map(([label, message, field]) => ({
  name: `tiledesk sendMessage ${label}`,
  provider: 'tiledesk',
  method: 'sendMessage',
  args: () => ({ ...validArgs('tiledesk', 'sendMessage'), message }),
  expect: { kind: 'invalidInput', field },
}));

const flatchrMessageRows = [
  ['empty html', { html: '' }],
  ['blank html', { html: '   ' }],
  ['empty html with a subject', { html: '', subject: 'Hello' }],
].map(([label, message]) => ({
  name: `flatchr sendMessage ${label}`,
  provider: 'flatchr',
  method: 'sendMessage',
  args: () => ({ ...validArgs('flatchr', 'sendMessage'), message }),
  expect: { kind: 'invalidInput', field: 'message.html' },
}));

const moreTiledeskRows = [
  ['listProjectMessages', 'limit 51 (the server would silently use 10)', { limit: 51 }, 'limit'],
  ['listProjectMessages', 'limit 0', { limit: 0 }, 'limit'],
  ['listProjectMessages', 'page -1', { page: -1 }, 'page'],
  ['listProjectMessages', 'populateRequest "yes"', { populateRequest: 'yes' }, 'populateRequest'],
  ['sendMessages', 'no messages', { messages: [] }, 'messages'],
  ['sendMessages', 'a second message without text', { messages: [{ text: 'ok' }, { text: '' }] }, 'messages.1.text'],
  ['sendMessages', 'a file without metadata.type', { messages: [{ type: 'file', metadata: { src: IMAGE } }] }, 'messages.0.metadata.type'],
  ['sendMessages', 'messages not a list', { messages: { text: 'x' } }, 'messages'],
  ['sendDirectMessage', 'no recipient', { message: { recipientFullname: 'R', text: 'x' } }, 'message.recipient'],
  ['sendDirectMessage', 'no recipientFullname', { message: { recipient: 'r', text: 'x' } }, 'message.recipientFullname'],
  ['sendDirectMessage', 'no text', { message: { recipient: 'r', recipientFullname: 'R' } }, 'message.text'],
  ['signIn', 'empty password', { password: '' }, 'password'],
  ['signIn', 'no email', { email: undefined }, 'email'],
  ['signIn', 'an auth option', { auth: { kind: 'jwt', token: 't' } }, 'auth'],
].map(([method, label, extra, field]) => ({
  name: `tiledesk ${method} ${label}`,
  provider: 'tiledesk',
  method,
  args: () => ({ ...validArgs('tiledesk', method), ...extra }),
  expect: { kind: 'invalidInput', field },
}));

const otherCallRows = [
  ['tiledesk', 'listMessages', 'timeoutMs -1', { timeoutMs: -1 }, 'timeoutMs'],
  ['tiledesk', 'listMessages', 'timeoutMs 0', { timeoutMs: 0 }, 'timeoutMs'],
  ['tiledesk', 'listMessages', 'timeoutMs 1.5', { timeoutMs: 1.5 }, 'timeoutMs'],
  ['tiledesk', 'listMessages', 'timeoutMs NaN', { timeoutMs: NaN }, 'timeoutMs'],
  ['tiledesk', 'listMessages', 'totalTimeoutMs 0', { totalTimeoutMs: 0 }, 'totalTimeoutMs'],
  ['tiledesk', 'listMessages', 'retry.retries -1', { retry: { retries: -1 } }, 'retry.retries'],
  ['tiledesk', 'listMessages', 'retry.baseDelayMs -5', { retry: { baseDelayMs: -5 } }, 'retry.baseDelayMs'],
  ['tiledesk', 'sendMessage', 'signal not a signal', { signal: { aborted: 'no' } }, 'signal'],
  ['tiledesk', 'listMessages', 'maxResponseBytes 0', { maxResponseBytes: 0 }, 'maxResponseBytes'],
  ['tiledesk', 'listMessages', 'maxResponseBytes -1', { maxResponseBytes: -1 }, 'maxResponseBytes'],
  ['tiledesk', 'listMessages', 'maxResponseBytes 1.5', { maxResponseBytes: 1.5 }, 'maxResponseBytes'],
  ['tiledesk', 'listMessages', 'maxResponseBytes NaN', { maxResponseBytes: NaN }, 'maxResponseBytes'],
  ['tiledesk', 'sendMessage', 'maxResponseBytes Infinity', { maxResponseBytes: Infinity }, 'maxResponseBytes'],
  ['flatchr', 'listMessages', 'maxResponseBytes above 64 MiB', { maxResponseBytes: 64 * 1024 * 1024 + 1 }, 'maxResponseBytes'],
  ['flatchr', 'sendMessage', 'maxResponseBytes a string', { maxResponseBytes: '1mb' }, 'maxResponseBytes'],
  ['flatchr', 'listMessages', 'fields with an empty name', { fields: [''] }, 'fields'],
  ['flatchr', 'listMessages', 'fields with a comma', { fields: ['author,mail'] }, 'fields'],
  ['flatchr', 'listMessages', 'fields with a newline', { fields: ['mail\n'] }, 'fields'],
  ['flatchr', 'listMessages', 'timeoutMs -1', { timeoutMs: -1 }, 'timeoutMs'],
  ['flatchr', 'sendMessage', 'retry.maxDelayMs -1', { retry: { maxDelayMs: -1 } }, 'retry.maxDelayMs'],
].map(([provider, method, label, extra, field]) => ({
  name: `${provider} ${method} ${label}`,
  provider,
  method,
  args: () => ({ ...validArgs(provider, method), ...extra }),
  expect: { kind: 'invalidInput', field },
}));

/** Constructor rows: `options(base)` gets the case's mock base URL. */
const BAD_BASE_URLS = [
  ['empty', ''],
  ['not a URL', 'not a url'],
  ['no scheme', 'api.tiledesk.com/v3'],
  ['relative path', '/v3'],
  ['ftp scheme', 'ftp://api.example.com'],
  ['javascript scheme', 'javascript:alert(1)'],
  ['no host', 'https://'],
  ['space in host', 'https://exa mple.com'],
  ['newline', 'https://example.com/\nv3'],
  ['query', 'https://api.example.com/v3?x=1'],
  ['fragment', 'https://api.example.com/v3#top'],
  ['credentials in the URL', 'https://user:pass@api.example.com'],
  ['port out of range', 'https://api.example.com:99999'],
  ['port not a number', 'https://api.example.com:abc'],
  ['dot-dot path', 'https://api.example.com/v3/../admin'],
  ['%2e%2e path segment', 'https://api.example.com/v3/%2e%2e/admin'],
  ['.%2E path segment', 'https://api.example.com/v3/.%2E/admin'],
  ['%2e path segment', 'https://api.example.com/%2e/v3'],
  ['plain http, public host', 'http://api.example.com/v3'],
  ['plain http, private IPv4', 'http://10.0.0.5:8080/api'],
  ['plain http, LAN host', 'http://192.168.1.10/api'],
  ['plain http, IPv6', 'http://[2001:db8::1]/api'],
  ['plain http, public host, allowInsecureHttp false', 'http://api.example.com', { allowInsecureHttp: false }],
];

const tiledeskConfigRows = [
  ...BAD_BASE_URLS.map(([label, baseUrl, extra]) => [`baseUrl ${label}`, () => ({ baseUrl, ...extra }), 'baseUrl']),
  ['Basic password with ":"', (base) => ({ baseUrl: base, auth: { kind: 'basic', email: TD.email, password: 'pa:ss' } }), 'auth.password'],
  ['Basic password that is only ":"', (base) => ({ baseUrl: base, auth: { kind: 'basic', email: TD.email, password: ':' } }), 'auth.password'],
  ['empty Basic password', (base) => ({ baseUrl: base, auth: { kind: 'basic', email: TD.email, password: '' } }), 'auth.password'],
  ['empty Basic email', (base) => ({ baseUrl: base, auth: { kind: 'basic', email: '', password: TD.password } }), 'auth.email'],
  ['empty JWT token', (base) => ({ baseUrl: base, auth: { kind: 'jwt', token: '' } }), 'auth.token'],
  ['blank JWT token', (base) => ({ baseUrl: base, auth: { kind: 'jwt', token: '   ' } }), 'auth.token'],
  ['JWT token that is only the prefix', (base) => ({ baseUrl: base, auth: { kind: 'jwt', token: 'JWT ' } }), 'auth.token'],
  ['timeoutMs -1', (base) => ({ baseUrl: base, timeoutMs: -1 }), 'timeoutMs'],
  ['totalTimeoutMs 0', (base) => ({ baseUrl: base, totalTimeoutMs: 0 }), 'totalTimeoutMs'],
  ['retry.retries -1', (base) => ({ baseUrl: base, retry: { retries: -1 } }), 'retry.retries'],
  ['retry.maxRetryAfterMs -1', (base) => ({ baseUrl: base, retry: { maxRetryAfterMs: -1 } }), 'retry.maxRetryAfterMs'],
  ['maxResponseBytes 0', (base) => ({ baseUrl: base, maxResponseBytes: 0 }), 'maxResponseBytes'],
  ['maxResponseBytes above 64 MiB', (base) => ({ baseUrl: base, maxResponseBytes: 2 ** 32 }), 'maxResponseBytes'],
].map(([label, options, field]) => ({
  name: `tiledesk constructor ${label}`,
  provider: 'tiledesk',
  method: 'constructor',
  clientOptions: (base) => ({ baseUrl: base, auth: { kind: 'jwt', token: TD.jwt }, ...options(base) }),
  expect: { kind: 'config', field },
}));

const flatchrConfigRows = [
  ...BAD_BASE_URLS.map(([label, baseUrl, extra]) => [`baseUrl ${label}`, () => ({ baseUrl, ...extra }), 'baseUrl']),
  ['empty token', (base) => ({ baseUrl: base, token: '' }), 'token'],
  ['blank token', (base) => ({ baseUrl: base, token: '   ' }), 'token'],
  ['token that is only "Bearer "', (base) => ({ baseUrl: base, token: 'Bearer ' }), 'token'],
  ['token with a newline', (base) => ({ baseUrl: base, token: 'abc\ndef' }), 'token'],
  ['timeoutMs 0', (base) => ({ baseUrl: base, timeoutMs: 0 }), 'timeoutMs'],
  ['maxResponseBytes NaN', (base) => ({ baseUrl: base, maxResponseBytes: NaN }), 'maxResponseBytes'],
].map(([label, options, field]) => ({
  name: `flatchr constructor ${label}`,
  provider: 'flatchr',
  method: 'constructor',
  clientOptions: (base) => ({ baseUrl: base, token: FC.apiKey, ...options(base) }),
  expect: { kind: 'config', field },
}));

// A careless caller: values JSON cannot represent, options that throw when read,
// numbers that are not counts, misspelt keys, ids that are not valid UTF-16.

/** An object nested `depth` levels deep: { a: { a: ... { a: 1 } } }. */
function nested(depth) {
  let value = 1;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

function cyclic(base = {}) {
  const value = { ...base };
  value.self = value;
  return value;
}

const tiledeskSend = (message) => () => ({ ...validArgs('tiledesk', 'sendMessage'), message });
const tiledeskList = (extra) => () => ({ ...validArgs('tiledesk', 'listMessages'), ...extra });

const leanCallRows = [
  ['sendMessage', 'message.attributes with a cycle', tiledeskSend({ text: 'hi', attributes: cyclic({ n: 1 }) }), 'message.attributes'],
  ['sendMessage', 'message.metadata with a cycle', tiledeskSend({ type: 'image', metadata: cyclic({ src: IMAGE, width: 10, height: 10 }) }), 'message.metadata'],
  ['sendMessage', 'message.attributes nested 2,000 levels deep', tiledeskSend({ text: 'hi', attributes: nested(2000) }), 'message.attributes'],
  ['sendMessage', 'a BigInt inside message.attributes', tiledeskSend({ text: 'hi', attributes: { n: 1n } }), 'message.attributes'],
  ['listMessages', 'a throwing getter on projectId', () => ({
    get projectId() { throw new Error('boom'); },
    requestId: TD.requestId,
  }), 'projectId'],
  ['sendMessage', 'a throwing getter on message.text', tiledeskSend({ get text() { throw new Error('boom'); } }), 'message.text'],
  ['listMessages', 'options a Proxy whose get trap throws (projectId)', () => new Proxy(validArgs('tiledesk', 'listMessages'), {
    get(target, key, receiver) {
      if (key === 'projectId') throw new Error('get trap');
      return Reflect.get(target, key, receiver);
    },
  }), 'projectId'],
  ['listMessages', 'options a Proxy whose ownKeys trap throws', () => new Proxy(validArgs('tiledesk', 'listMessages'), {
    ownKeys() { throw new Error('ownKeys trap'); },
  }), 'options'],
  ...[NaN, Infinity, 1.5].map((retries) => ['listMessages', `retry.retries ${retries}`, tiledeskList({ retry: { retries } }), 'retry.retries']),
  ['listMessages', 'unknown option timeoutMS (the message lists the known keys)', tiledeskList({ timeoutMS: 5 }), 'timeoutMS', /\btimeoutMs\b/],
  ['listMessages', 'unknown key retry.retires', tiledeskList({ retry: { retires: 1 } }), 'retry.retires'],
  ['sendMessage', 'unknown key message.subjcet', tiledeskSend({ text: 'hi', subjcet: 'x' }), 'message.subjcet'],
  ['listMessages', 'requestId with a lone surrogate', tiledeskList({ requestId: 'req\ud800' }), 'requestId'],
].map(([method, label, args, field, message]) => ({
  name: `tiledesk ${method} ${label}`,
  lean: true,
  provider: 'tiledesk',
  method,
  args,
  expect: message ? { kind: 'invalidInput', field, message } : { kind: 'invalidInput', field },
}));

const leanConfigRows = [
  ...[NaN, Infinity, 1.5].map((retries) => [`retry.retries ${retries}`, { retry: { retries } }, 'retry.retries']),
  ['timeoutMs NaN', { timeoutMs: NaN }, 'timeoutMs'],
  ['unknown option timeoutMS', { timeoutMS: 5 }, 'timeoutMS'],
  ['unknown key auth.tokn', { auth: { kind: 'jwt', token: TD.jwt, tokn: 'x' } }, 'auth.tokn'],
  ['unknown key retry.retires', { retry: { retires: 1 } }, 'retry.retires'],
].map(([label, options, field]) => ({
  name: `tiledesk constructor ${label}`,
  lean: true,
  provider: 'tiledesk',
  method: 'constructor',
  clientOptions: (base) => ({ baseUrl: base, auth: { kind: 'jwt', token: TD.jwt }, ...options }),
  expect: { kind: 'config', field },
}));

export const badInputRows = [
  ...idRows,
  ...tiledeskMessageRows,
  ...flatchrMessageRows,
  ...moreTiledeskRows,
  ...otherCallRows,
  ...tiledeskConfigRows,
  ...flatchrConfigRows,
  ...leanCallRows,
  ...leanConfigRows,
];

// --- Table 2: sent safely ------------------------------------------------------------

export const SAFE_IDS = [
  'a/b', 'a?b', 'a#b', '%2e%2e', '%2F', '%2e', '.%2e', '%2e.', '%', '100%', 'a%20b', 'a b', ' ', 'a+b', 'a&b=c',
  'a;b', 'a\\b', '...', '.a', 'a.', "a'b\"c", '<script>', 'zoë', 'Ünïcødé-ß', '日本語', 'مرحبا', '🎉', 'e\u0301',
];

/** [provider, method, field, index of the id among the path segments after the prefix]. */
const SAFE_ID_FIELDS = [
  ['tiledesk', 'listMessages', 'requestId', 2],
  ['tiledesk', 'listMessages', 'projectId', 0],
  ['tiledesk', 'getMessage', 'messageId', 4],
  ['tiledesk', 'sendMessage', 'requestId', 2],
  ['flatchr', 'listMessages', 'applicantId', 3],
  ['flatchr', 'listMessages', 'companyId', 1],
  ['flatchr', 'sendMessage', 'applicantId', 3],
];

const ROUTE_LENGTH = { 'tiledesk listMessages': 4, 'tiledesk getMessage': 5, 'tiledesk sendMessage': 4, 'flatchr listMessages': 5, 'flatchr sendMessage': 5 };

export const safeIdRows = SAFE_ID_FIELDS.flatMap(([provider, method, field, position]) => SAFE_IDS.map((id) => ({
  name: `${provider} ${method} ${field} ${JSON.stringify(id)}`,
  provider,
  method,
  field,
  id,
  position,
  routeLength: ROUTE_LENGTH[`${provider} ${method}`],
})));

// --- Table 3: wrong JavaScript types ---------------------------------------------------

const NO_ARG = Symbol('no argument');

/**
 * Each row: [provider, method, label, argument, field the error should name].
 * `field` is a string or a RegExp. A row whose field is not named precisely yet
 * may carry a sixth element, `fieldTodo` (the rest of the row must still pass).
 */

export const wrongTypeRows = [
  ['tiledesk', 'listMessages', 'options missing', NO_ARG, 'options'],
  ['tiledesk', 'listMessages', 'options null', null, 'options'],
  ['tiledesk', 'listMessages', 'options a string', 'text', 'options'],
  ['tiledesk', 'listMessages', 'options a number', 42, 'options'],
  ['tiledesk', 'listMessages', 'options an array', [], /^(options|projectId)$/],
  ['tiledesk', 'listMessages', 'options a function', () => {}, /^(options|projectId)$/],
  ['tiledesk', 'listMessages', 'options {}', {}, /^(options|projectId)$/],
  ['tiledesk', 'listMessages', 'projectId a number', { projectId: 123, requestId: TD.requestId }, 'projectId'],
  ['tiledesk', 'listMessages', 'projectId null', { projectId: null, requestId: TD.requestId }, 'projectId'],
  ['tiledesk', 'listMessages', 'requestId missing', { projectId: TD.projectId }, 'requestId'],
  ['tiledesk', 'listMessages', 'requestId an object', { projectId: TD.projectId, requestId: { id: 'x' } }, 'requestId'],
  ['tiledesk', 'listMessages', 'requestId an array', { projectId: TD.projectId, requestId: ['a', 'b'] }, 'requestId'],
  ['tiledesk', 'listMessages', 'requestId a boolean', { projectId: TD.projectId, requestId: true }, 'requestId'],
  ['tiledesk', 'listMessages', 'timeoutMs a string', { projectId: TD.projectId, requestId: TD.requestId, timeoutMs: 'fast' }, 'timeoutMs'],
  ['tiledesk', 'listMessages', 'retry a string', { projectId: TD.projectId, requestId: TD.requestId, retry: 'yes' }, 'retry'],
  ['tiledesk', 'listMessages', 'signal a string', { projectId: TD.projectId, requestId: TD.requestId, signal: 'abort' }, 'signal'],
  ['tiledesk', 'listMessages', 'signal a plain object', { projectId: TD.projectId, requestId: TD.requestId, signal: {} }, 'signal'],
  ['tiledesk', 'getMessage', 'messageId a number', { projectId: TD.projectId, requestId: TD.requestId, messageId: 5 }, 'messageId'],
  ['tiledesk', 'getMessage', 'messageId missing', { projectId: TD.projectId, requestId: TD.requestId }, 'messageId'],
  ['tiledesk', 'sendMessage', 'message a string', { projectId: TD.projectId, requestId: 'x', message: 'text' }, 'message'],
  ['tiledesk', 'sendMessage', 'message missing', { projectId: TD.projectId, requestId: 'x' }, 'message'],
  ['tiledesk', 'sendMessage', 'message null', { projectId: TD.projectId, requestId: 'x', message: null }, 'message'],
  ['tiledesk', 'sendMessage', 'message an array', { projectId: TD.projectId, requestId: 'x', message: ['hello'] }, /^message(\.|$)/],
  ['tiledesk', 'sendMessage', 'message.text a number', { projectId: TD.projectId, requestId: 'x', message: { text: 42 } }, 'message.text'],
  ['tiledesk', 'sendMessage', 'message.metadata a string', { projectId: TD.projectId, requestId: 'x', message: { type: 'image', metadata: IMAGE } }, 'message.metadata'],
  ['tiledesk', 'sendMessage', 'message.metadata.width a string', { projectId: TD.projectId, requestId: 'x', message: { type: 'image', metadata: { src: IMAGE, width: 'wide' } } }, 'message.metadata.width'],
  ['tiledesk', 'sendMessage', 'message.attributes a string', { projectId: TD.projectId, requestId: 'x', message: { text: 'x', attributes: 'info' } }, 'message.attributes'],
  ['flatchr', 'listMessages', 'options missing', NO_ARG, 'options'],
  ['flatchr', 'listMessages', 'options null', null, 'options'],
  ['flatchr', 'listMessages', 'companyId a number', { companyId: 1, applicantId: FC.applicantId }, 'companyId'],
  ['flatchr', 'listMessages', 'fields a string', { companyId: FC.companyId, applicantId: FC.applicantId, fields: 'author' }, 'fields'],
  ['flatchr', 'listMessages', 'fields with a number', { companyId: FC.companyId, applicantId: FC.applicantId, fields: [1] }, /^fields(\[0\])?$/],
  ['flatchr', 'sendMessage', 'message a string', { companyId: FC.companyId, applicantId: FC.sendApplicantId, message: 'hi' }, 'message'],
  ['flatchr', 'sendMessage', 'message without html', { companyId: FC.companyId, applicantId: FC.sendApplicantId, message: { subject: 'x' } }, 'message.html'],
  ['flatchr', 'sendMessage', 'message.html a number', { companyId: FC.companyId, applicantId: FC.sendApplicantId, message: { html: 5 } }, 'message.html'],
  ['flatchr', 'sendMessage', 'message.sms a string', { companyId: FC.companyId, applicantId: FC.sendApplicantId, message: { html: '<p>x</p>', sms: 'yes' } }, 'message.sms'],
].map(([provider, method, label, arg, field, fieldTodo]) => ({
  name: `${provider} ${method} ${label}`, provider, method, arg, field, fieldTodo, expect: { kind: 'invalidInput' },
})).concat([
  ['tiledesk', 'no options', NO_ARG, 'options'],
  ['tiledesk', 'null', null, 'options'],
  ['tiledesk', 'a string', 'https://api.tiledesk.com/v3', 'options'],
  ['tiledesk', '{}', {}, /^(options|auth)$/],
  ['tiledesk', 'auth a string', { auth: 'jwt' }, 'auth'],
  ['tiledesk', 'auth null', { auth: null }, 'auth'],
  ['tiledesk', 'auth of an unknown kind', { auth: { kind: 'bearer', token: 'abc' } }, /^auth(\.kind)?$/],
  ['tiledesk', 'auth.token missing', { auth: { kind: 'jwt' } }, 'auth.token'],
  ['tiledesk', 'auth.token a number', { auth: { kind: 'jwt', token: 123 } }, 'auth.token'],
  ['tiledesk', 'baseUrl a number', { baseUrl: 42, auth: { kind: 'jwt', token: 'abc' } }, 'baseUrl'],
  ['tiledesk', 'timeoutMs a string', { auth: { kind: 'jwt', token: 'abc' }, timeoutMs: '5' }, 'timeoutMs'],
  ['tiledesk', 'fetch not a function', { auth: { kind: 'jwt', token: 'abc' }, fetch: 'fetch' }, 'fetch'],
  ['tiledesk', 'debug not a function', { auth: { kind: 'jwt', token: 'abc' }, debug: true }, 'debug'],
  ['flatchr', 'no options', NO_ARG, 'options'],
  ['flatchr', 'a string', 'flatchr-token', 'options'],
  ['flatchr', '{}', {}, /^(options|token)$/],
  ['flatchr', 'token a number', { token: 5 }, 'token'],
  ['flatchr', 'token an array', { token: ['abc'] }, 'token'],
  ['flatchr', 'allowInsecureHttp a string', { token: 'abc', allowInsecureHttp: 'yes' }, 'allowInsecureHttp'],
  ['flatchr', 'debug an object', { token: 'abc', debug: { log() {} } }, 'debug'],
].map(([provider, label, arg, field, fieldTodo]) => ({
  name: `${provider} constructor ${label}`, provider, method: 'constructor', arg, field, fieldTodo, expect: { kind: 'config' },
})));

/** Checks that a wrong-type row's error names the expected field. */
export function expectNamedField(row, error) {
  const ok2 = row.field instanceof RegExp ? row.field.test(error?.field ?? '') : error?.field === row.field;
  if (!ok2) throw new Error(`error.field: expected ${row.field}, got ${show(error?.field)} (message ${show(error?.message)})`);
}


// --- Table 4: sent as JSON -----------------------------------------------------------

/**
 * Each row sends once; the mock must receive `expectBody(args)` (compared with the
 * keys it names) in the JSON body of the one request it records.
 */
export const sentRows = [
  {
    name: 'tiledesk sendMessage attributes with a Date, a number and a toJSON() object: sent as JSON.stringify sends them',
    lean: true,
    provider: 'tiledesk',
    args: () => ({
      ...validArgs('tiledesk', 'sendMessage'),
      message: { text: 'hi', attributes: { at: new Date(0), n: 1, nested: { toJSON() { return 'custom'; } } } },
    }),
    expectBody: (args) => ({ attributes: JSON.parse(JSON.stringify(args.message.attributes)) }),
    check: (body) => deepEq(body.attributes, { at: '1970-01-01T00:00:00.000Z', n: 1, nested: 'custom' }, 'attributes received'),
  },
  {
    name: 'flatchr sendMessage unknown message fields: sent as they are',
    lean: true,
    provider: 'flatchr',
    args: () => ({
      ...validArgs('flatchr', 'sendMessage'),
      message: { html: '<p>hi</p>', subject: 'Hello', campaign: 'spring', tags: ['a', 'b'], priority: 2 },
    }),
    expectBody: (args) => ({ ...args.message }),
  },
];

// --- Running ----------------------------------------------------------------------------

function classOf(pkg, provider) {
  return provider === 'tiledesk' ? pkg.TiledeskClient : pkg.FlatchrClient;
}

function goodClientOptions(provider, base) {
  return provider === 'tiledesk'
    ? { baseUrl: base, auth: { kind: 'jwt', token: TD.jwt }, retry: false }
    : { baseUrl: base, token: FC.userToken, retry: false };
}

async function expectWorks(provider, client, what = 'the same client afterwards') {
  if (provider === 'tiledesk') {
    const { value } = await resolution(() => client.listMessages({ projectId: TD.projectId, requestId: TD.requestId }), what);
    deepEq(value.map((m) => m.id), [...TD.seedIds], `${what}: ids`);
  } else {
    const { value } = await resolution(() => client.listMessages({ companyId: FC.companyId, applicantId: FC.applicantId }), what);
    deepEq(value.map((m) => m.id), [...FC.seedIds], `${what}: ids`);
  }
}

/** env: { pkg, mockUrl, onError?(error) }. A fresh prefix per row isolates its requests. */
function rowContext(env) {
  const prefix = `/${uniqueId('bad')}`;
  return { prefix, base: `${env.mockUrl}${prefix}`, mock: mockControl(env.mockUrl) };
}

/**
 * After a refused input: the same client (for a constructor row, one made after
 * the throw) AND a client made afresh both still list the seed messages, so the
 * wasm instance is not poisoned.
 */
async function expectStillWorks(pkg, provider, client, base) {
  await expectWorks(provider, client, 'the same client afterwards');
  const fresh = new (classOf(pkg, provider))(goodClientOptions(provider, base));
  try {
    await expectWorks(provider, fresh, 'a fresh client afterwards');
  } finally {
    fresh.free();
  }
}

/**
 * Table 1 row: the call must reject (a method never throws synchronously) or the
 * constructor throw, with a TidingsError of the expected kind and field; the mock
 * must have received nothing; the clients must still work. Throws on failure.
 */
export async function runBadInputRow(row, env) {
  const { pkg } = env;
  const { prefix, base, mock } = rowContext(env);
  const Client = classOf(pkg, row.provider);
  let error;
  let client;
  if (row.method === 'constructor') {
    const outcome = await settle(() => new Client(row.clientOptions(base)));
    ok(!outcome.ok, `constructor accepted the options (${show(outcome.value)})`);
    ok(outcome.sync, 'constructor did not throw synchronously');
    error = outcome.error;
    client = new Client(goodClientOptions(row.provider, base));
  } else {
    client = new Client(goodClientOptions(row.provider, base));
    const call = STATIC_METHODS.has(row.method)
      ? () => Client[row.method]({ ...row.args(), baseUrl: base })
      : () => client[row.method](row.args());
    const outcome = await rejection(call, `${row.method}`);
    error = outcome.error;
  }
  env.onError?.(error);
  expectTidingsError(pkg, error, row.expect);
  const seen = await mock.requests(prefix);
  eq(seen.length, 0, 'requests the mock received');
  await expectStillWorks(pkg, row.provider, client, base);
  client.free();
  return error;
}

/**
 * Table 4 row: the send resolves, the mock records exactly one request, and its
 * JSON body holds `expectBody(args)` for the keys that names.
 */
export async function runSentRow(row, env) {
  const { pkg } = env;
  const { prefix, base, mock } = rowContext(env);
  const client = new (classOf(pkg, row.provider))(goodClientOptions(row.provider, base));
  const args = row.args();
  await resolution(() => client.sendMessage(args), 'sendMessage');
  const seen = await mock.requests(prefix);
  eq(seen.length, 1, 'requests the mock received');
  const body = JSON.parse(seen[0].body);
  const expected = row.expectBody(args);
  for (const [key, value] of Object.entries(expected)) deepEq(body[key], value, `body.${key} received`);
  row.check?.(body);
  await expectStillWorks(pkg, row.provider, client, base);
  client.free();
}

/**
 * Table 2 row: the id must arrive as exactly one path segment equal to the id,
 * with no query string, in exactly one request.
 */
export async function runSafeIdRow(row, env) {
  const { pkg } = env;
  const { prefix, base, mock } = rowContext(env);
  const client = new (classOf(pkg, row.provider))(goodClientOptions(row.provider, base));
  const args = { ...validArgs(row.provider, row.method), [row.field]: row.id };
  const outcome = await settle(() => client[row.method](args));
  ok(!outcome.sync, `${row.method} threw synchronously: ${show(outcome.error)}`);
  if (!outcome.ok) {
    env.onError?.(outcome.error);
    // The server may refuse the odd id (unknown project, company, ...): that is an
    // HTTP answer, never a client-side failure.
    expectTidingsError(pkg, outcome.error, { kind: 'http' }, `error for ${show(row.id)}`);
  } else if (row.provider === 'tiledesk' && row.method === 'listMessages' && row.field === 'requestId') {
    deepEq(outcome.value, [], 'messages of an unknown request');
  }
  const seen = await mock.requests(prefix);
  eq(seen.length, 1, `requests the mock received for id ${show(row.id)}`);
  const [entry] = seen;
  ok(entry.segments !== null, `the path did not decode: ${show(entry.rawPath)}`);
  const prefixSegments = prefix.split('/').length - 1;
  const route = entry.segments.slice(prefixSegments);
  eq(route.length, row.routeLength, `path segments after the prefix (raw path ${show(entry.rawPath)})`);
  eq(route[row.position], row.id, `the ${row.field} segment (raw path ${show(entry.rawPath)})`);
  deepEq(entry.query, {}, `query received (raw path ${show(entry.rawPath)})`);
  ok(!entry.rawPath.includes('#') && !entry.rawPath.includes('?'), `raw path ${show(entry.rawPath)}`);
  await expectWorks(row.provider, client);
  client.free();
}

/**
 * Table 3 row: a wrong-typed argument gives a TidingsError (a rejection for a
 * method, a throw for a constructor), the mock receives nothing, and the client
 * (or a new one) keeps working.
 */
export async function runWrongTypeRow(row, env) {
  const { pkg } = env;
  const { prefix, base, mock } = rowContext(env);
  const Client = classOf(pkg, row.provider);
  let error;
  let client;
  if (row.method === 'constructor') {
    const outcome = await settle(() => (row.arg === NO_ARG ? new Client() : new Client(row.arg)));
    ok(!outcome.ok, 'constructor accepted the options');
    ok(outcome.sync, 'constructor did not throw synchronously');
    error = outcome.error;
    client = new Client(goodClientOptions(row.provider, base));
  } else {
    client = new Client(goodClientOptions(row.provider, base));
    const outcome = await rejection(() => (row.arg === NO_ARG ? client[row.method]() : client[row.method](row.arg)), row.method);
    error = outcome.error;
  }
  env.onError?.(error);
  expectTidingsError(pkg, error, row.expect);
  ok(typeof error.field === 'string' && error.field.length > 0, `error.field: ${show(error.field)}`);
  const seen = await mock.requests(prefix);
  eq(seen.length, 0, 'requests the mock received');
  await expectStillWorks(pkg, row.provider, client, base);
  client.free();
  return error;
}

export { NO_ARG, expectWorks, goodClientOptions };
