// `tidings/tidings_bg.wasm` is the package's WebAssembly file, an asset: find
// its path (require.resolve, import.meta.resolve) or copy it next to a bundle.
// It is not a JavaScript module: there is nothing to import from it.
export {};
