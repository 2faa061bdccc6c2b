// The .wasm as a compiled WebAssembly.Module, for the Deno entry (Deno 2.6+).
import source wasm from './tidings_bg.wasm';

export default wasm;
