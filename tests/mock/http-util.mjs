// Small response helpers shared by the mock routes.

import { STATUS_CODES } from 'node:http';

/** Sent on every response: the wasm client is exercised from browsers, cross-origin. */
export const CORS_HEADERS = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'retry-after, content-type, www-authenticate',
});

export const JSON_TYPE = 'application/json; charset=utf-8';
export const TEXT_TYPE = 'text/plain; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** A client that gave up (abort, timeout) must not make the mock throw. */
export function isGone(res) {
  return res.destroyed || res.writableEnded;
}

/** Complete response with Content-Length. `body` is a string or Buffer. */
export function send(res, status, body = '', contentType = undefined, extraHeaders = {}) {
  if (isGone(res)) return;
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
  const headers = { ...CORS_HEADERS, ...lowerKeys(extraHeaders) };
  if (contentType) headers['content-type'] = contentType;
  if (status !== 204 && status !== 304) headers['content-length'] = payload.length;
  res.writeHead(status, headers);
  res.end(status === 204 || status === 304 ? undefined : payload);
}

export function sendJson(res, status, value, extraHeaders) {
  send(res, status, JSON.stringify(value), JSON_TYPE, extraHeaders);
}

export function sendText(res, status, text, extraHeaders) {
  send(res, status, text, TEXT_TYPE, extraHeaders);
}

/** Hapi/Boom-style error body, the shape Flatchr answers with. */
export function sendBoom(res, status, message, extraHeaders) {
  sendJson(res, status, { statusCode: status, error: STATUS_CODES[status], message }, extraHeaders);
}

export function lowerKeys(object) {
  const out = {};
  for (const [key, value] of Object.entries(object ?? {})) out[key.toLowerCase()] = value;
  return out;
}

/**
 * Parses a JSON request body. Empty body counts as `{}` (what body parsers give).
 * Returns { ok: true, value } or { ok: false }.
 */
export function parseJsonBody(text) {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
