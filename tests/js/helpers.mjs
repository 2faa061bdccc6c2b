// Shared helpers for the Node tests of the built package (pkg/).
//
// Each test file starts ONE mock server (port 0) in `before` and closes it in
// `after`; the helpers below make clients pointed at it and check what it received.

import assert from 'node:assert/strict';
import { startMockServer, TILEDESK_JWT, FLATCHR_API_KEY } from '../mock/server.mjs';
import { TiledeskClient, FlatchrClient, isTidingsError } from '../../pkg/node.mjs';

export * from '../mock/server.mjs';
export { TiledeskClient, FlatchrClient, isTidingsError };

/** Tiledesk base-URL prefix used by default (the mock matches routes by suffix). */
export const TILEDESK_PREFIX = '/v3';

export const ERROR_KINDS = Object.freeze(['http', 'network', 'timeout', 'aborted', 'decode', 'invalidInput', 'config']);

/** Starts a quiet mock on a free port. */
export function startMock() {
  return startMockServer({ port: 0, host: '127.0.0.1', quiet: true });
}

/**
 * A Tiledesk client for the mock. Retries are off unless `options.retry` says
 * otherwise, so error tests answer at once.
 */
export function tiledeskClient(mock, { auth, prefix = TILEDESK_PREFIX, ...options } = {}) {
  return new TiledeskClient({
    baseUrl: mock.url + prefix,
    auth: auth ?? { kind: 'jwt', token: TILEDESK_JWT },
    retry: false,
    ...options,
  });
}

/** A Flatchr client for the mock (API key by default, retries off). */
export function flatchrClient(mock, { token = FLATCHR_API_KEY, ...options } = {}) {
  return new FlatchrClient({ baseUrl: mock.url, token, retry: false, ...options });
}

/**
 * Runs `fn` (sync or async) and returns what the mock recorded meanwhile:
 * `{ value, error, sent }`. Never throws for a rejection of `fn`.
 */
export async function recording(mock, fn) {
  const before = mock.requests().length;
  let value;
  let error;
  try {
    value = await fn();
  } catch (caught) {
    error = caught;
  }
  return { value, error, sent: mock.requests().slice(before) };
}

/**
 * Checks that `err` is a TidingsError and that every given property matches
 * (`undefined` in `expected` means "not checked"; use `null`-free explicit values).
 * Returns `err`.
 */
export function assertTidingsError(err, expected = {}) {
  assert.ok(err !== undefined, `expected a TidingsError${expected.kind ? ` of kind ${expected.kind}` : ''}, but the call succeeded`);
  assert.ok(err instanceof Error, `expected an Error instance, got ${Object.prototype.toString.call(err)}: ${String(err)}`);
  assert.equal(err.name, 'TidingsError', `unexpected error ${err.name}: ${err.message}`);
  assert.equal(isTidingsError(err), true, 'isTidingsError(err) must be true');
  assert.ok(ERROR_KINDS.includes(err.kind), `unknown kind ${err.kind}`);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0, 'the message must not be empty');
  const context = `(${err.kind} ${err.status ?? ''} ${err.field ?? ''}: ${err.message})`;
  for (const key of ['kind', 'status', 'field', 'provider', 'attempts', 'mayHaveBeenSent']) {
    if (key in expected) assert.equal(err[key], expected[key], `err.${key} ${context}`);
  }
  if ('body' in expected) assert.deepEqual(err.body, expected.body, `err.body ${context}`);
  if (expected.messageIncludes) {
    for (const part of [].concat(expected.messageIncludes)) {
      assert.ok(err.message.includes(part), `err.message should mention ${JSON.stringify(part)}: ${err.message}`);
    }
  }
  return err;
}

/** Awaits a promise that must reject, checks the error and returns it. */
export async function rejectsWith(promise, expected) {
  let value;
  try {
    value = await promise;
  } catch (err) {
    return assertTidingsError(err, expected);
  }
  assert.fail(`expected a TidingsError of kind ${expected?.kind}, got a value: ${JSON.stringify(value)?.slice(0, 300)}`);
}

/** Calls a function that must throw synchronously (a constructor), checks the error and returns it. */
export function throwsWith(fn, expected) {
  let value;
  try {
    value = fn();
  } catch (err) {
    return assertTidingsError(err, expected);
  }
  assert.fail(`expected a TidingsError of kind ${expected?.kind} to be thrown, got ${String(value)}`);
}

/** Asserts that `text` (a message, a serialised error) contains none of `secrets`. */
export function assertNoSecret(text, secrets, what = 'text') {
  for (const secret of secrets) {
    assert.ok(!String(text).includes(secret), `${what} leaks a credential (${JSON.stringify(secret.slice(0, 3))}...): ${text}`);
  }
}

/** A serialisation of an error covering its message, stack and own properties. */
export function dumpError(err) {
  const props = {};
  for (const key of Object.getOwnPropertyNames(err ?? {})) props[key] = err[key];
  return `${String(err)}\n${err?.stack ?? ''}\n${JSON.stringify(props)}`;
}

/** The last request the mock recorded whose path includes `pathIncludes`. */
export function lastRequest(mock, pathIncludes) {
  const found = mock.requests({ pathIncludes });
  assert.ok(found.length > 0, `the mock received no request for ${pathIncludes}`);
  return found.at(-1);
}

/** Decodes an `Authorization: Basic ...` header as UTF-8 `email:password`. */
export function decodeBasic(header) {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  assert.ok(match, `not a Basic header: ${header}`);
  return Buffer.from(match[1], 'base64').toString('utf8');
}

/** A fetch that counts its calls and delegates to the global one. */
export function countingFetch() {
  const calls = [];
  const fetchFn = (input, init) => {
    calls.push({ url: String(input instanceof Request ? input.url : input), method: init?.method ?? input?.method ?? 'GET' });
    return globalThis.fetch(input, init);
  };
  return { fetch: fetchFn, calls };
}
