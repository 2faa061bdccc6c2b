/** What `init()` accepts: a URL of the .wasm, a Response, its bytes or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the wasm once; calling it again is harmless. Browser entries call it
 * lazily on the first method call; call it yourself only to supply the wasm
 * (e.g. `init(chrome.runtime.getURL("tidings_bg.wasm"))`). A no-op in Node.
 */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** Instantiates the wasm synchronously from bytes or a compiled module; once. */
export function initSync(input: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): void;
