// The few JavaScript operations the wasm needs beyond plain imports of
// built-ins (src/bindings/host.rs), each in one call. scripts/build.mjs
// inlines this file into the package's glue.

/** Lone surrogates, for runtimes without `String.prototype.isWellFormed`. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * `value` when it is a string of whole UTF-16 characters (no lone
 * surrogate), `false` when it is a string with one, undefined when it is not
 * a string. (Reading a string code unit by code unit from the wasm would
 * cross the boundary per unit.)
 */
export function wellFormed(value) {
  if (typeof value !== 'string') return undefined;
  const whole = typeof value.isWellFormed === 'function' ? value.isWellFormed() : !LONE_SURROGATE.test(value);
  return whole ? value : false;
}

/** A new plain object. */
export function newObject() {
  return {};
}

/** A new `Error` with `message`, and `name` when given. */
export function newError(message, name) {
  const error = new Error(message);
  if (name !== undefined) error.name = name;
  return error;
}

/** Whether `value` is an `Error` of this realm. */
export function isError(value) {
  return value instanceof Error;
}

/** `fn(arg)`; what it throws is ignored. */
export function callQuietly(fn, arg) {
  try {
    fn(arg);
  } catch {
    // a debug function that throws changes nothing
  }
}

/** The text JavaScript writes for the number `token` is (`String(parseFloat(token))`). */
export function numberText(token) {
  return String(parseFloat(token));
}

/**
 * `bytes` decoded as UTF-8, each invalid sequence replaced by U+FFFD (the
 * maximal subparts, as `Response.text()` and Rust's `from_utf8_lossy` do); a
 * leading byte order mark is kept, as it is when the bytes are valid.
 */
export function utf8Lossy(bytes) {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/**
 * `[name, value]` string pairs (what attempt.js keeps of an error answer's
 * headers) as `name\nvalue\nname\nvalue…` (header values hold no line
 * break), or undefined when `pairs` is not an array.
 */
export function joinPairs(pairs) {
  if (!Array.isArray(pairs)) return undefined;
  const parts = [];
  for (const pair of pairs) {
    if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') parts.push(pair[0], pair[1]);
  }
  return parts.join('\n');
}
