// String reading for src/bindings/input.rs, in one call (reading a string
// code unit by code unit from the wasm would cross the boundary per unit).
// scripts/build.mjs inlines it into the package's glue.

/** Lone surrogates, for runtimes without `String.prototype.isWellFormed`. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * `value` when it is a string of whole UTF-16 characters (no lone
 * surrogate), `false` when it is a string with one, undefined when it is not
 * a string.
 */
export function wellFormed(value) {
  if (typeof value !== 'string') return undefined;
  const whole = typeof value.isWellFormed === 'function' ? value.isWellFormed() : !LONE_SURROGATE.test(value);
  return whole ? value : false;
}
