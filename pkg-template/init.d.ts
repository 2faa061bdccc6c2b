/** `WebAssembly.Module` where the host's types declare it (DOM, webworker); otherwise nothing. */
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never;

/**
 * What `init()` accepts: a URL of the .wasm, a Request or Response, its bytes or a compiled module.
 * Spelled without DOM-only names (RequestInfo, BufferSource) so Node projects without the DOM library type-check.
 */
export type InitInput = string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * Loads the wasm once; calling it again is harmless. Browser entries call it
 * lazily on the first method call; call it yourself only to supply the wasm
 * (e.g. `init(chrome.runtime.getURL("tidings_bg.wasm"))`). A no-op in Node,
 * Deno, Bun and Cloudflare Workers.
 */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** Instantiates the wasm synchronously from bytes or a compiled module; once. */
export function initSync(input: { module: ArrayBuffer | ArrayBufferView | WasmModule } | ArrayBuffer | ArrayBufferView | WasmModule): void;

/** True when `error` is a TidingsError; answers correctly even before the wasm has loaded. */
export function isTidingsError(error: unknown): error is TidingsError;
