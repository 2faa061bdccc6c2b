// Scripted responses ("rules") that replace normal routing to inject faults:
// odd statuses, wrong content types, delays, hangs, slow / truncated / reset bodies
// and very large bodies.

import { STATUS_CODES } from 'node:http';
import { gzipSync } from 'node:zlib';
import { makeTiledeskMessage } from './fixtures.mjs';
import { CORS_HEADERS, JSON_TYPE, TEXT_TYPE, HTML_TYPE, isGone, lowerKeys } from './http-util.mjs';

const MAX_SIZE_BYTES = 64 * 1024 * 1024;
const SLOW_BODY_CHUNKS = 10;

// --- Rules -----------------------------------------------------------------

const NUMBER_OPTIONS = ['delayMs', 'slowBodyMs', 'truncate', 'sizeBytes'];

/**
 * Checks a rule and returns a private copy (so later changes by the caller, and our
 * own use counting, never interfere). Throws TypeError with a readable message.
 */
export function validateRule(rule) {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    throw new TypeError('rule must be an object');
  }
  const copy = structuredClone(rule);
  if (typeof copy.pathIncludes !== 'string') throw new TypeError('rule.pathIncludes must be a string');
  if (copy.method !== undefined) {
    if (typeof copy.method !== 'string') throw new TypeError('rule.method must be a string');
    copy.method = copy.method.toUpperCase();
  }
  const times = copy.times ?? 1;
  if (!Number.isInteger(times) || times < 0) throw new TypeError('rule.times must be an integer >= 0');
  copy.times = times;
  if (copy.status !== undefined && !(Number.isInteger(copy.status) && copy.status >= 100 && copy.status <= 599)) {
    throw new TypeError('rule.status must be an integer between 100 and 599');
  }
  for (const name of NUMBER_OPTIONS) {
    const value = copy[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new TypeError(`rule.${name} must be a number >= 0`);
    }
  }
  if (copy.sizeBytes > MAX_SIZE_BYTES) throw new TypeError(`rule.sizeBytes must be <= ${MAX_SIZE_BYTES}`);
  if (copy.body !== undefined && typeof copy.body !== 'string') throw new TypeError('rule.body must be a string');
  if (copy.headers !== undefined && (copy.headers === null || typeof copy.headers !== 'object')) {
    throw new TypeError('rule.headers must be an object');
  }
  if (copy.fill !== undefined) {
    const { head, item, tail } = copy.fill ?? {};
    if (![head, item, tail].every((part) => typeof part === 'string') || item.length === 0 || copy.sizeBytes === undefined) {
      throw new TypeError('rule.fill must be { head, item, tail } (strings, item not empty), with sizeBytes');
    }
  }
  if (copy.retryAfter !== undefined && !['number', 'string'].includes(typeof copy.retryAfter)) {
    throw new TypeError('rule.retryAfter must be a number of seconds or an HTTP date string');
  }
  return copy;
}

/** Rules in insertion order, each with its remaining number of uses. */
export class ScriptBook {
  #entries = [];

  add(rule) {
    const copy = validateRule(rule);
    this.#entries.push({ rule: copy, remaining: copy.times === 0 ? Infinity : copy.times });
  }

  clear() {
    this.#entries = [];
  }

  /**
   * Consumes and returns the first rule matching the request, or null. Expired
   * rules are dropped, so the request falls back to normal routing.
   */
  take(method, rawPath, decodedPath) {
    const index = this.#entries.findIndex(({ rule }) => matches(rule, method, rawPath, decodedPath));
    if (index === -1) return null;
    const entry = this.#entries[index];
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries.splice(index, 1);
    return entry.rule;
  }
}

function matches(rule, method, rawPath, decodedPath) {
  if (rule.method && rule.method !== method) return false;
  return rawPath.includes(rule.pathIncludes)
    || (decodedPath !== null && decodedPath.includes(rule.pathIncludes));
}

// --- Timers ----------------------------------------------------------------

/**
 * setTimeout wrapper whose pending timers can all be cancelled by close(): a
 * `delayMs: 60000` rule must not keep the test process alive.
 */
export function createScheduler() {
  const pending = new Set();
  return {
    sleep(ms) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          resolve();
        }, ms);
        pending.add(timer);
      });
    },
    cancelAll() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}

// --- Producing a scripted response -----------------------------------------

/** Sends the response described by `rule`. Resolves when done (or abandoned). */
export async function respondScripted(res, rule, scheduler, method, authorization = '') {
  if (rule.hang) return; // never answer; close() or the client frees the socket
  if (rule.delayMs) await scheduler.sleep(rule.delayMs);
  if (isGone(res)) return;

  const status = rule.status ?? (rule.html ? 502 : 200);
  let { payload, contentType } = buildBody(rule, status, method);
  if (rule.echoAuthorization) payload = echo(payload, authorization);
  const headers = { ...CORS_HEADERS };
  if (rule.gzip) {
    payload = gzipSync(payload);
    headers['content-encoding'] = 'gzip';
  }
  if (rule.contentType ?? contentType) headers['content-type'] = rule.contentType ?? contentType;
  if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter);
  // Without Content-Length Node uses chunked encoding: the response is complete at
  // the HTTP level but the body text is cut short.
  const bodyless = status === 204 || status === 304;
  if (rule.truncate === undefined && !bodyless) headers['content-length'] = payload.length;
  Object.assign(headers, lowerKeys(rule.headers));

  let toSend = rule.truncate === undefined ? payload : payload.subarray(0, Math.floor(rule.truncate));
  if (rule.resetMidBody) toSend = toSend.subarray(0, Math.floor(toSend.length / 2));

  res.writeHead(status, headers);
  res.flushHeaders();
  const completed = await writeBody(res, toSend, rule.slowBodyMs, scheduler);
  if (!completed) return;
  if (rule.resetMidBody) await destroyAfterFlush(res);
  else res.end();
}

/** Writes the body, dripped over `slowBodyMs` if set. False if the client went away. */
async function writeBody(res, body, slowBodyMs, scheduler) {
  const chunks = slowBodyMs ? splitInto(body, SLOW_BODY_CHUNKS) : [body];
  const step = slowBodyMs ? slowBodyMs / chunks.length : 0;
  for (const chunk of chunks) {
    if (step) await scheduler.sleep(step);
    if (res.destroyed) return false;
    if (chunk.length > 0) await write(res, chunk);
  }
  return !res.destroyed;
}

/** Splits a buffer into at most n nearly equal chunks (one empty chunk if empty). */
function splitInto(buffer, n) {
  const size = Math.max(1, Math.ceil(buffer.length / n));
  const chunks = [];
  for (let offset = 0; offset < buffer.length; offset += size) chunks.push(buffer.subarray(offset, offset + size));
  return chunks.length > 0 ? chunks : [buffer];
}

/** res.write that waits until the data was handed to the socket (or the write failed). */
function write(res, chunk) {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.write(chunk, () => resolve());
  });
}

/** Lets the already-written bytes leave, then kills the connection mid-body. */
async function destroyAfterFlush(res) {
  await new Promise((resolve) => setImmediate(resolve));
  res.socket?.destroy();
  res.destroy();
}

/**
 * The body with `{{authorization}}` replaced by the request's Authorization
 * header, `{{credential}}` by its part after the scheme and `{{decoded}}` by
 * that part base64-decoded (Basic's email:password): a server that echoes
 * credentials. Inside JSON strings, the values are JSON-escaped.
 */
function echo(payload, authorization) {
  const credential = authorization.replace(/^\S+\s+/, '');
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  return Buffer.from(payload.toString('utf8')
    .replaceAll('{{authorization}}', authorization)
    .replaceAll('{{credential}}', credential)
    .replaceAll('{{decoded}}', JSON.stringify(decoded).slice(1, -1)), 'utf8');
}

/** `fill.head`, then `fill.item` repeated, then `fill.tail`: at least `sizeBytes` bytes in all. */
function filledBody({ head, item, tail }, sizeBytes) {
  const fixed = Buffer.byteLength(head) + Buffer.byteLength(tail);
  const count = Math.max(0, Math.ceil((sizeBytes - fixed) / Buffer.byteLength(item)));
  return Buffer.from(head + item.repeat(count) + tail, 'utf8');
}

/** Body buffer and its natural content type, by precedence fill > sizeBytes > json > body > html. */
function buildBody(rule, status, method) {
  if (method === 'HEAD' || status === 204 || status === 304) return { payload: Buffer.alloc(0) };
  if (rule.fill !== undefined) return { payload: filledBody(rule.fill, rule.sizeBytes), contentType: JSON_TYPE };
  if (rule.sizeBytes !== undefined) return { payload: sizedMessagesBody(rule.sizeBytes), contentType: JSON_TYPE };
  if (rule.json !== undefined) return { payload: Buffer.from(JSON.stringify(rule.json), 'utf8'), contentType: JSON_TYPE };
  if (rule.body !== undefined) {
    return { payload: Buffer.from(rule.body, 'utf8'), contentType: rule.html ? HTML_TYPE : TEXT_TYPE };
  }
  if (rule.html) return { payload: Buffer.from(htmlErrorPage(status), 'utf8'), contentType: HTML_TYPE };
  return { payload: Buffer.alloc(0) };
}

/** What a reverse proxy in front of the API answers when the upstream is down. */
function htmlErrorPage(status) {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n`
    + `<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}

const sizedBodyCache = new Map();

/**
 * A valid JSON array of Tiledesk messages of at least `minBytes` bytes. Cached,
 * because retry tests ask for the same large body several times.
 */
export function sizedMessagesBody(minBytes) {
  if (!sizedBodyCache.has(minBytes)) {
    const parts = [];
    let size = 2; // "[" and "]"
    for (let i = 0; size < minBytes; i += 1) {
      const json = JSON.stringify(makeTiledeskMessage(i, { requestId: 'support-group-sized' }));
      size += Buffer.byteLength(json) + (i > 0 ? 1 : 0);
      parts.push(json);
    }
    sizedBodyCache.clear(); // keep at most one large body in memory
    sizedBodyCache.set(minBytes, Buffer.from(`[${parts.join(',')}]`, 'utf8'));
  }
  return sizedBodyCache.get(minBytes);
}
