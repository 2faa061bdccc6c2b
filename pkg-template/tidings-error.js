// `isTidingsError` in plain JavaScript, shared by every entry: it answers by
// the name, so errors of every copy of the package (ESM and CommonJS) count,
// as they do for `instanceof TidingsError` (the class is in the glue).

/** True when `error` is a TidingsError (a type guard in TypeScript). */
export function isTidingsError(error) {
  return error instanceof Error && error.name === 'TidingsError';
}
