// Browser, worker, extension and bundler entry.
//
// The wasm is fetched lazily and once, on the first call of any method (no
// top-level await, no dynamic import(), so MV3 service workers can load it).
// Hosts that must supply the wasm themselves call `init(input)` first with a
// URL, a Response, bytes or a WebAssembly.Module, or `initSync({ module })`.
// Calling either twice is harmless.
import wasmInit, {
  initSync as wasmInitSync,
  TiledeskClient as WasmTiledeskClient,
  FlatchrClient as WasmFlatchrClient,
  TidingsError,
  callSite,
  withCallerStack,
  freedClient,
  watchFrame,
  watchWait,
  watchTick,
  watchGivesUp,
} from './tidings.js';

import { addPageIterators } from './pages.js';
import { addWatchers } from './watch.js';

export { isTidingsError } from './tidings-error.js';
export { TidingsError };

/** The extension manifest entry that lets WebAssembly compile. */
const CSP_FIX = `add 'wasm-unsafe-eval' to the script-src of the Content Security Policy (in an MV3 extension's manifest.json: "content_security_policy": { "extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" })`;

/** The build line that puts the wasm where the default init() looks for it. */
const COPY_FIX = 'add one line to your build: copy node_modules/tidings/tidings_bg.wasm next to your bundle (e.g. `cp node_modules/tidings/tidings_bg.wasm dist/`), as esbuild and Rollup do not copy it; or call init(urlOfTheWasm) before the first call';

/**
 * `error` from loading the wasm, as a TidingsError of kind `config` naming
 * the fix when a Content Security Policy refused to compile it, or when the
 * default URL (next to the code, where a bundler may not have copied it)
 * answered 404 or something that is not wasm; else as it is.
 */
function loadError(error, input) {
  let text = '';
  try {
    text = String(error?.message ?? error);
  } catch {
    return error;
  }
  let config;
  if (/Content Security Policy|wasm-unsafe-eval|wasm-eval|CSP/i.test(text)) {
    config = new TidingsError(`invalid runtime: the Content Security Policy does not allow WebAssembly to compile: ${CSP_FIX}`);
    config.field = 'Content-Security-Policy';
  } else if (input === undefined && /^failed to fetch Wasm: 404 |magic word/.test(text)) {
    config = new TidingsError(`invalid runtime: tidings_bg.wasm was not found next to tidings' code (${text}): ${COPY_FIX}`);
    config.field = 'tidings_bg.wasm';
  } else {
    return error;
  }
  config.kind = 'config';
  config.cause = error;
  return config;
}

let ready;
let initialised = false;

/** Loads the wasm (once). `input` defaults to `tidings_bg.wasm` next to this file. */
export function init(input) {
  if (initialised) return Promise.resolve();
  ready ??= wasmInit(input === undefined ? undefined : { module_or_path: input }).then(
    () => {
      initialised = true;
    },
    (error) => {
      ready = undefined;
      throw loadError(error, input);
    },
  );
  return ready;
}

/** Instantiates the wasm synchronously from bytes or a compiled module (once). */
export function initSync(input) {
  if (initialised) return;
  const module = input && Object.getPrototypeOf(input) === Object.prototype ? input.module : input;
  try {
    wasmInitSync({ module });
  } catch (error) {
    throw loadError(error, module);
  }
  initialised = true;
}

/**
 * Holds a wasm client, or its options until the wasm is there. Once the wasm is
 * loaded, options are checked in the constructor as in Node; before that, on
 * the first call, whose promise then rejects with the config error.
 */
class Lazy {
  constructor(WasmClass, options) {
    this.WasmClass = WasmClass;
    if (initialised) this.inner = new WasmClass(options);
    else this.options = options;
  }

  async client(method) {
    if (this.freed) throw freedClient(this.WasmClass.name, method);
    if (!this.inner) {
      await init();
      // free() while the wasm loaded (a React effect's cleanup, say): the options are gone.
      if (this.freed) throw freedClient(this.WasmClass.name, method);
      if (!this.inner) {
        this.inner = new this.WasmClass(this.options);
        this.options = undefined; // the credentials now live in wasm memory only
      }
    }
    return this.inner;
  }

  free() {
    this.inner?.free();
    this.inner = undefined;
    this.options = undefined;
    this.freed = true;
  }
}

const lazies = new WeakMap();

/**
 * A class with every method and getter of the wasm class `Wasm`, read from its
 * prototype so that none can be forgotten: each method waits for the wasm,
 * then calls the wasm client; getters answer `undefined` until it is loaded.
 * Static methods (sign-in) are read from the class itself: each waits for the
 * wasm, then calls the wasm class's.
 */
function lazyClass(Wasm) {
  /** The Lazy of `self`, or a TypeError when `self` is not a client of this class. */
  const own = (self, name) => {
    const lazy = lazies.get(self);
    if (lazy?.WasmClass !== Wasm) {
      throw new TypeError(`${Wasm.name}.${name} was called on something that is not a ${Wasm.name}`);
    }
    return lazy;
  };
  const Client = class {
    constructor(options) {
      lazies.set(this, new Lazy(Wasm, options));
    }

    /** Releases the wasm memory of this client; it cannot be used afterwards. A second call does nothing. */
    free() {
      own(this, 'free').free();
    }

    /** For `using`: the same as free(). */
    [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
      this.free();
    }
  };
  Object.defineProperty(Client, 'name', { value: Wasm.name });
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(Wasm.prototype))) {
    if (name === 'constructor' || name === 'free' || name.startsWith('__')) continue;
    if (typeof descriptor.value === 'function') {
      Object.defineProperty(Client.prototype, name, {
        value: function method(options) {
          const site = callSite(method);
          return own(this, name)
            .client(name)
            .then((client) => client[name](options))
            .catch((error) => {
              throw withCallerStack(error, site);
            });
        },
        writable: true,
        configurable: true,
      });
    } else if (descriptor.get) {
      Object.defineProperty(Client.prototype, name, {
        get() {
          return own(this, name).inner?.[name];
        },
        configurable: true,
      });
    }
  }
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(Wasm))) {
    if (typeof descriptor.value !== 'function' || name.startsWith('__')) continue;
    Object.defineProperty(Client, name, {
      value: function method(options) {
        const site = callSite(method);
        return init()
          .then(() => Wasm[name](options))
          .catch((error) => {
            throw withCallerStack(error, site);
          });
      },
      writable: true,
      configurable: true,
    });
  }
  return Client;
}

export const TiledeskClient = lazyClass(WasmTiledeskClient);
export const FlatchrClient = lazyClass(WasmFlatchrClient);
addPageIterators(TiledeskClient, TidingsError);
addWatchers(TiledeskClient, FlatchrClient, TidingsError, { watchFrame, watchWait, watchTick, watchGivesUp }, init);
