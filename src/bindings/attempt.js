// The loop of one call, for src/bindings/transport.rs: `drive()` runs a
// TidingsCall (a value the wasm exports) to its end. Every decision is the
// wasm's: before each attempt `call.begin()` gives its time limit, after it
// `call.ended()` says what follows (wait, follow a redirect, or finish), and
// `call.finish()` gives the decoded value or throws the TidingsError. Here are
// only the timers, the caller's signal and `fetch`, between synchronous calls.
//
// One attempt is `attempt()`: fetch, the response's head and its whole body,
// raced against the attempt's time limit and the caller's signal, behind one
// promise that always resolves (never rejects, never throws) with one of:
//
//   { status, contentType, retryAfter, location, sameOrigin, body, headers }
//       an answer (body a Uint8Array; location, read for a 3xx only, resolved
//       against the request URL; retryAfter and headers, for a status outside
//       2xx only: the Retry-After header and the [name, value] pairs of
//       KEPT_HEADERS it has)
//   { fail: 'timeout' | 'aborted' }        the timer or the caller's signal fired
//   { fail: 'network', message, cause }    no usable answer: refused, reset, or
//       a custom fetch or response that gave something odd (cause: what the
//       runtime threw, if it threw)
//   { fail: 'tooLarge', status, bytes }    the body is longer than maxBytes
//       (counted as it streams in, or announced by Content-Length)
//
// drive() always ends the TidingsCall, with finish() or free(): the glue keeps
// no finalizer for it (scripts/build.mjs).
//
// Whatever a custom fetch does (ignores the signal, never resolves, a body that
// never arrives, values of the wrong type, getters that throw), the promise
// settles by the time limit. When it settles early, the request is aborted.
// Redirects are never followed here (`redirect: 'manual'`): the wasm decides.
//
// The wasm imports it; scripts/build.mjs inlines it into the package's glue.

// How an attempt failed, as the number `TidingsCall.ended` takes (0: it did not;
// any other failure is a network one).
const FAILS = { timeout: 1, aborted: 2, tooLarge: 3, network: 4 };

/**
 * Runs `call` to its end: resolves with its value, rejects with its
 * TidingsError. `headers` is `name\nvalue\nname\nvalue…`; `body` a string or
 * undefined; `signal` the caller's AbortSignal or undefined.
 */
export async function drive(call, userAgent, fetchFn, method, url, headers, body, signal, maxBytes) {
  try {
    const pairs = headers.split('\n');
    let aborted = false;
    for (;;) {
      const limitMs = call.begin(aborted || isAborted(signal));
      if (limitMs < 0) break;
      const init = { method, headers: {} };
      for (let i = 0; i < pairs.length; i += 2) init.headers[pairs[i]] = pairs[i + 1];
      if (body !== undefined) init.body = body;
      const r = await attempt(userAgent, fetchFn, url, init, limitMs, signal, maxBytes);
      const next = call.ended(r.fail ? (FAILS[r.fail] ?? 4) : 0, r.status ?? 0, r.contentType, r.retryAfter, r.location, r.sameOrigin === true, r.body, r.headers, r.message, r.cause);
      if (next === undefined) break;
      if (typeof next === 'string') url = next;
      else if (!(await sleep(next, signal))) aborted = true;
    }
    return call.finish();
  } finally {
    // finish() consumed the call (its pointer is then 0); a call that did not
    // get there is freed here: the glue registers no finalizer for it.
    if (call.__wbg_ptr !== 0) call.free();
  }
}

/** Waits `ms`; resolves false when the caller's signal fires first. */
function sleep(ms, signal) {
  if (ms === 0 && signal === undefined) return true;
  return new Promise((resolve) => {
    const done = (waited) => {
      clearTimeout(timer);
      listen(signal, 'removeEventListener', onAbort);
      resolve(waited);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    listen(signal, 'addEventListener', onAbort);
  });
}

/** `signal[method]('abort', handler)`; a signal that throws is ignored, as if it never fired. */
function listen(signal, method, handler) {
  try {
    if (signal) signal[method]('abort', handler);
  } catch {
    // ignored
  }
}

const NOT_A_RESPONSE = 'fetch resolved to something that is not a Response';
const TYPED_BYTE_LENGTH = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'byteLength').get;
const BUFFER_BYTE_LENGTH = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const EMPTY = new Uint8Array(0);
/** The headers of an error answer that `error.headers` shows: rate limits and request ids. */
const KEPT_HEADERS = [
  'retry-after',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
];

class Odd extends Error {}

/** True in Node (and the server runtimes that present themselves as it), where no browser sets a user-agent. */
const IN_NODE = typeof globalThis.process?.versions?.node === 'string' && typeof globalThis.document === 'undefined';

function attempt(userAgent, fetchFn, url, init, limitMs, signal, maxBytes) {
  return new Promise((resolve) => {
    let settled = false;
    let timer;
    let controller;
    const onAbort = () => stop({ fail: 'aborted' });
    const stop = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      listen(signal, 'removeEventListener', onAbort);
      if (result.fail) {
        try {
          controller.abort();
        } catch {
          // nothing in flight
        }
      }
      resolve(result);
    };
    const failed = (error) => stop({ fail: 'network', message: describe(error), cause: error instanceof Odd ? undefined : error });
    try {
      controller = new AbortController();
      timer = setTimeout(() => stop({ fail: 'timeout' }), limitMs);
      listen(signal, 'addEventListener', onAbort);
      if (isAborted(signal)) return stop({ fail: 'aborted' });
      const fetchNow = fetchFn ?? globalThis.fetch;
      if (typeof fetchNow !== 'function') {
        return failed(new Odd('this runtime has no global fetch; pass one in the client options (fetch)'));
      }
      // In Node only: a browser's own user-agent stands, and setting one there
      // would make every request need a CORS preflight.
      if (IN_NODE) init.headers['user-agent'] = userAgent;
      init.signal = controller.signal;
      init.redirect = 'manual';
      Promise.resolve(fetchNow.call(globalThis, url, init))
        .then((response) => read(response, url, maxBytes))
        .then(stop, failed);
    } catch (error) {
      failed(error);
    }
  });
}

function isAborted(signal) {
  try {
    return Boolean(signal && signal.aborted === true);
  } catch {
    return false;
  }
}

async function read(response, url, maxBytes) {
  if (response === null || (typeof response !== 'object' && typeof response !== 'function')) throw new Odd(NOT_A_RESPONSE);
  if (response.type === 'opaqueredirect') {
    // A browser's manual redirect: the status and the target are hidden.
    return { status: 0, contentType: undefined, retryAfter: undefined, location: undefined, sameOrigin: false, body: EMPTY };
  }
  const { status } = response;
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new Odd(NOT_A_RESPONSE);
  const { headers } = response;
  const header = (name) => {
    try {
      const value = headers.get(name);
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const declared = Number(header('content-length'));
  if (declared > maxBytes) return { fail: 'tooLarge', status, bytes: declared };
  const body = await readBody(response, maxBytes);
  if (typeof body === 'number') return { fail: 'tooLarge', status, bytes: body };
  // Location matters only to a redirect, Retry-After only to a failure: a
  // success reads neither (each read of a runtime's Headers costs a call).
  const success = status >= 200 && status <= 299;
  let location = status >= 300 && status <= 399 ? header('location') : undefined;
  let sameOrigin = false;
  if (location !== undefined) {
    try {
      const target = new URL(location, url);
      location = target.href;
      sameOrigin = target.origin === new URL(url).origin;
    } catch {
      // kept as sent: not a URL, so never followed
    }
  }
  let kept;
  if (!success) {
    kept = [];
    for (const name of KEPT_HEADERS) {
      const value = header(name);
      if (value !== undefined) kept.push([name, value]);
    }
  }
  return { status, contentType: header('content-type'), retryAfter: success ? undefined : header('retry-after'), location, sameOrigin, body, headers: kept };
}

/** The body's bytes, or the count that went beyond `maxBytes`. */
async function readBody(response, maxBytes) {
  const stream = response.body;
  if (stream !== null && stream !== undefined && typeof stream.getReader === 'function') {
    const reader = stream.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (Object.prototype.toString.call(value) !== '[object Uint8Array]') throw new Odd('the response body gave something that is not bytes');
      // Lengths from the internal slot: a chunk's own `length` may lie.
      const length = TYPED_BYTE_LENGTH.call(value);
      total += length;
      if (total > maxBytes) {
        try {
          Promise.resolve(reader.cancel()).catch(() => {});
        } catch {
          // a reader that cannot cancel: the request is aborted anyway
        }
        return total;
      }
      chunks.push([value, length]);
    }
    // Always a fresh array of this realm, whatever the chunks were.
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const [chunk, length] of chunks) {
      bytes.set(chunk, offset);
      offset += length;
    }
    return bytes;
  }
  if (typeof response.arrayBuffer === 'function') {
    const buffer = await response.arrayBuffer();
    let length;
    try {
      length = BUFFER_BYTE_LENGTH.call(buffer);
    } catch {
      throw new Odd('arrayBuffer() resolved to something that is not an ArrayBuffer');
    }
    if (length > maxBytes) return length;
    try {
      return new Uint8Array(buffer);
    } catch {
      throw new Odd('arrayBuffer() resolved to a detached ArrayBuffer');
    }
  }
  if (typeof response.text === 'function') {
    const text = await response.text();
    if (typeof text !== 'string') throw new Odd('text() resolved to something that is not a string');
    if (text.length > maxBytes) return text.length;
    const bytes = new TextEncoder().encode(text);
    return bytes.length > maxBytes ? bytes.length : bytes;
  }
  throw new Odd(NOT_A_RESPONSE);
}

/** A readable message from whatever was thrown, with Node's `cause` (`fetch failed` alone says nothing). */
function describe(error) {
  try {
    if (error instanceof Odd) return error.message;
    const text = (value, key) => {
      try {
        const field = value[key];
        return typeof field === 'string' ? field : undefined;
      } catch {
        return undefined;
      }
    };
    let message = typeof error === 'string' ? error : (error !== null && typeof error === 'object' && text(error, 'message')) || 'fetch failed';
    const cause = error !== null && typeof error === 'object' ? error.cause : undefined;
    const detail = cause !== null && typeof cause === 'object' ? text(cause, 'message') ?? text(cause, 'code') : undefined;
    if (detail) message += ` (${detail})`;
    return message;
  } catch {
    return 'fetch failed';
  }
}
