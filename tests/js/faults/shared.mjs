// Helpers shared by the fault cases and the bad-input table, which run unchanged
// as node:test tests in Node and, one page.evaluate() per case, in Chromium
// (tests/browser/faults.test.mjs). The browser has no node:assert, so this is the
// one small assertion module those tables use. No Node imports: only fetch,
// AbortController, setTimeout, the package API and the mock's seed data.

import * as seed from '../../mock/fixtures.mjs';

/** The seed ids and credentials the tables use, named once (from tests/mock/fixtures.mjs). */
export const FIXTURES = Object.freeze({
  tiledesk: Object.freeze({
    projectId: seed.TILEDESK_PROJECT_ID,
    requestId: seed.TILEDESK_REQUEST_ID,
    jwt: seed.TILEDESK_JWT,
    email: seed.TILEDESK_CREDENTIALS.andrea.email,
    password: seed.TILEDESK_CREDENTIALS.andrea.password,
    seedIds: Object.freeze(seed.TILEDESK_SEED_MESSAGES.map((m) => m._id)),
    seedTexts: Object.freeze(seed.TILEDESK_SEED_MESSAGES.map((m) => m.text)),
  }),
  flatchr: Object.freeze({
    companyId: seed.FLATCHR_COMPANY_ID,
    applicantId: seed.FLATCHR_APPLICANT_ID,
    /** Sends go to the French-seed applicant, so the English one keeps exactly its seed. */
    sendApplicantId: seed.FLATCHR_APPLICANT_FR_ID,
    apiKey: seed.FLATCHR_API_KEY,
    userToken: seed.FLATCHR_USER_TOKEN,
    seedIds: Object.freeze(seed.FLATCHR_EN_MESSAGES.map((m) => m.id)),
  }),
});

/** Well-formed but unknown credentials used by the fault cases (401 answers). */
export const WRONG_CREDENTIALS = Object.freeze({
  tiledeskJwt: 'eyJhbGciOiJIUzI1NiJ9.d3JvbmctdG9rZW4tZmF1bHQtc3VpdGU.d3Jvbmctc2ln',
  flatchrToken: 'flatchr-wrong-token-5q8w2e',
});

/**
 * Slack added to every time bound (ms): a loaded CI machine or a browser may
 * run timers late. The bounds still catch a call that ignores its timeout.
 */
export const SLACK_MS = 1000;

// --- Assertions -----------------------------------------------------------------

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

export function show(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > 300 ? `${value.slice(0, 300)}…` : value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}

export function ok(condition, message) {
  if (!condition) throw new AssertionError(message);
}

export function eq(actual, expected, what) {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}

export function deepEq(actual, expected, what) {
  if (!deepEqual(actual, expected)) {
    throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function between(value, min, max, what) {
  if (!(value >= min && value <= max)) {
    throw new AssertionError(`${what}: expected between ${min} and ${max}, got ${value}`);
  }
}

/**
 * Checks that `error` is a TidingsError with the given properties. `expected`
 * keys: kind, status, provider, attempts, mayHaveBeenSent, field, body (deep),
 * message (RegExp). A key whose value is undefined must be absent.
 */
export function expectTidingsError(pkg, error, expected, what = 'error') {
  ok(error instanceof Error, `${what}: expected an Error instance, got ${show(error)}`);
  eq(error.name, 'TidingsError', `${what}.name`);
  ok(pkg.isTidingsError(error), `${what}: isTidingsError() returned false`);
  ok(error instanceof pkg.TidingsError, `${what}: not an instance of the entry's TidingsError class`);
  ok(typeof error.message === 'string' && error.message.length > 0, `${what}: empty message`);
  for (const [key, value] of Object.entries(expected)) {
    if (key === 'message') {
      ok(value.test(error.message), `${what}.message: expected to match ${value}, got ${show(error.message)}`);
    } else if (key === 'body') {
      deepEq(error.body, value, `${what}.body`);
    } else {
      eq(error[key], value, `${what}.${key}`);
    }
  }
  return error;
}

// --- Timing -----------------------------------------------------------------------

export const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Awaits `promiseOrFn` (a promise or a function returning one) and reports
 * { ok, value | error, ms }. A synchronous throw from the function is reported as
 * { sync: true, error }.
 */
export async function settle(promiseOrFn) {
  const started = now();
  let promise;
  if (typeof promiseOrFn === 'function') {
    try {
      promise = promiseOrFn();
    } catch (error) {
      return { ok: false, sync: true, error, ms: now() - started };
    }
  } else {
    promise = promiseOrFn;
  }
  try {
    const value = await promise;
    return { ok: true, value, ms: now() - started };
  } catch (error) {
    return { ok: false, error, ms: now() - started };
  }
}

/** Like settle() but fails unless the promise rejects (asynchronously). */
export async function rejection(promiseOrFn, what = 'call') {
  const outcome = await settle(promiseOrFn);
  if (outcome.sync) throw new AssertionError(`${what} threw synchronously instead of rejecting: ${show(outcome.error)}`);
  if (outcome.ok) throw new AssertionError(`${what} resolved (${show(outcome.value)}) but was expected to reject`);
  return outcome;
}

/** Like settle() but fails unless the promise resolves. */
export async function resolution(promiseOrFn, what = 'call') {
  const outcome = await settle(promiseOrFn);
  if (!outcome.ok) {
    const e = outcome.error;
    const detail = e && typeof e === 'object'
      ? `${show(e)} (kind ${e.kind}, status ${e.status}, attempts ${e.attempts})`
      : show(e);
    throw new AssertionError(`${what} rejected but was expected to resolve: ${detail}`);
  }
  return outcome;
}

// --- Mock control API (over HTTP, so the browser can use it too) -------------------

export function mockControl(mockUrl) {
  return {
    async script(rule) {
      const response = await fetch(`${mockUrl}/__mock/script`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      });
      if (response.status !== 204) throw new Error(`mock refused rule ${show(rule)}: ${await response.text()}`);
    },
    async requests(pathIncludes) {
      const query = pathIncludes === undefined ? '' : `?pathIncludes=${encodeURIComponent(pathIncludes)}`;
      const response = await fetch(`${mockUrl}/__mock/requests${query}`);
      if (!response.ok) throw new Error(`mock request log: HTTP ${response.status}`);
      return response.json();
    },
  };
}

// --- Wire-format bodies for scripted responses -----------------------------------------

/** Two Tiledesk messages as the server sends them, for scripted 200 bodies. */
export function tiledeskWireMessages(requestId, n = 2) {
  return Array.from({ length: n }, (_, i) => ({
    _id: `${'f'.repeat(20)}${String(i).padStart(4, '0')}`,
    type: 'text',
    sender: 'system',
    senderFullname: 'Fault Bot',
    recipient: requestId,
    text: `scripted message ${i}`,
    id_project: FIXTURES.tiledesk.projectId,
    createdBy: 'system',
    createdAt: `2024-01-01T00:00:0${i}.000Z`,
    updatedAt: `2024-01-01T00:00:0${i}.000Z`,
    __v: 0,
    status: 100,
  }));
}

let counter = 0;
/** A short id unique within this page/process and across runs. */
export function uniqueId(label = 'x') {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${label}-${Date.now().toString(36)}${random}${counter}`;
}
