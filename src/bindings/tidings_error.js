// The TidingsError class, for src/bindings/js_error.rs (which makes every
// error through it) and for the entries (scripts/build.mjs re-exports it from
// the glue, with `callSite` and `withCallerStack`).
//
// `instanceof TidingsError` answers by a global symbol on the prototype, so it
// also holds across the ESM and CommonJS copies of the package loaded in one
// process (each has its own class).

const BRAND = Symbol.for('tidings.TidingsError');

/** The error every promise of tidings rejects with (and every constructor throws). */
export class TidingsError extends Error {
  static [Symbol.hasInstance](value) {
    if (this !== TidingsError) return Function.prototype[Symbol.hasInstance].call(this, value);
    try {
      return value !== null && typeof value === 'object' && value[BRAND] === true;
    } catch {
      return false; // a proxy that throws
    }
  }
}
// Bundlers may rename the class (`_TidingsError`): its name is set here.
Object.defineProperty(TidingsError, 'name', { value: 'TidingsError' });
Object.defineProperty(TidingsError.prototype, BRAND, { value: true });
Object.defineProperty(TidingsError.prototype, 'name', { value: 'TidingsError', writable: true, configurable: true });

/** A new TidingsError with `message` (its properties are set by the caller). */
export function newTidingsError(message) {
  return new TidingsError(message);
}

/**
 * The TidingsError of a call on a client after its free() (or the end of its
 * `using` block): the wasm side of the client is gone, so nothing is sent.
 */
export function freedClient(className, method) {
  const error = new TidingsError(`invalid client: ${className}.${method} was called after free() (or the end of its \`using\` block); make a new client. Nothing was sent`);
  error.kind = 'config';
  error.field = 'this';
  return error;
}

/** The stack at a call of `fn`, without `fn`'s own frame where the runtime allows it. */
export function callSite(fn) {
  if (typeof Error.captureStackTrace === 'function') {
    const site = {};
    Error.captureStackTrace(site, fn);
    return site;
  }
  return new Error();
}

/**
 * `error`, its stack replaced by the frames of `site` (taken when the caller
 * called the method): the caller's own line instead of glue and wasm frames.
 */
export function withCallerStack(error, site) {
  try {
    if (error instanceof TidingsError && site) {
      let frames = String(site.stack ?? '');
      // V8's stack starts with a header line ("Error"); other engines' do not.
      if (typeof Error.captureStackTrace === 'function') frames = frames.slice(frames.indexOf('\n') + 1);
      Object.defineProperty(error, 'stack', {
        value: `${error.name}: ${error.message}\n${frames}`,
        writable: true,
        configurable: true,
      });
    }
  } catch {
    // a frozen error keeps its own stack
  }
  return error;
}
