// `isTidingsError` in plain JavaScript, shared by every entry: it answers
// correctly before the wasm has loaded (no TidingsError exists then).

/** True when `error` is a TidingsError (a type guard in TypeScript). */
export function isTidingsError(error) {
  return error instanceof Error && error.name === 'TidingsError';
}
