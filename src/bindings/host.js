// The few JavaScript operations the wasm needs beyond plain imports of
// built-ins (src/bindings/host.rs), each in one call. scripts/build.mjs
// inlines this file into the package's glue.

/**
 * Lone surrogates, for runtimes without `String.prototype.isWellFormed`: made
 * on first use, as a Unicode property escape costs ~0.17 ms to build and
 * Node 20+, Deno and current browsers never need it.
 */
let loneSurrogate;

/**
 * `value` when it is a string of whole UTF-16 characters (no lone
 * surrogate), `false` when it is a string with one, undefined when it is not
 * a string. (Reading a string code unit by code unit from the wasm would
 * cross the boundary per unit.)
 */
export function wellFormed(value) {
  if (typeof value !== 'string') return undefined;
  const whole = typeof value.isWellFormed === 'function' ? value.isWellFormed() : !(loneSurrogate ??= /\p{Surrogate}/u).test(value);
  return whole ? value : false;
}

/** A new `Error` with `message`. */
export function newError(message) {
  return new Error(message);
}

/**
 * Whether `value` is an `Error` of this realm; false for a proxy whose
 * `getPrototypeOf` throws (a throw must never cross the wasm's frames).
 */
export function isError(value) {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
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
