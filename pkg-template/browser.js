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
  isTidingsError as wasmIsTidingsError,
} from './tidings.js';

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
      throw error;
    },
  );
  return ready;
}

/** Instantiates the wasm synchronously from bytes or a compiled module (once). */
export function initSync(input) {
  if (initialised) return;
  const module = input && Object.getPrototypeOf(input) === Object.prototype ? input.module : input;
  wasmInitSync({ module });
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

  async client() {
    if (!this.inner) {
      await init();
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
  }
}

export class TiledeskClient {
  #lazy;
  constructor(options) {
    this.#lazy = new Lazy(WasmTiledeskClient, options);
  }
  /** The normalised base URL (undefined until the wasm is loaded). */
  get baseUrl() {
    return this.#lazy.inner?.baseUrl;
  }
  listMessages(options) {
    return this.#lazy.client().then((client) => client.listMessages(options));
  }
  getMessage(options) {
    return this.#lazy.client().then((client) => client.getMessage(options));
  }
  sendMessage(options) {
    return this.#lazy.client().then((client) => client.sendMessage(options));
  }
  /** Releases the wasm memory of this client; it cannot be used afterwards. */
  free() {
    this.#lazy.free();
  }
  /** For `using`: the same as free(). */
  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    this.free();
  }
}

export class FlatchrClient {
  #lazy;
  constructor(options) {
    this.#lazy = new Lazy(WasmFlatchrClient, options);
  }
  listMessages(options) {
    return this.#lazy.client().then((client) => client.listMessages(options));
  }
  sendMessage(options) {
    return this.#lazy.client().then((client) => client.sendMessage(options));
  }
  /** Releases the wasm memory of this client; it cannot be used afterwards. */
  free() {
    this.#lazy.free();
  }
  /** For `using`: the same as free(). */
  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    this.free();
  }
}

/** True when `error` is a TidingsError; false (never a throw) while the wasm is not loaded: none exists then. */
export function isTidingsError(error) {
  return initialised && wasmIsTidingsError(error);
}
