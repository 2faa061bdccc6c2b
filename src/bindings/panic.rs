//! What happens if tidings ever panics.
//!
//! The crate is built with `panic = "abort"`: a panic cannot unwind into
//! JavaScript, it traps (`RuntimeError: unreachable`) and the instance must be
//! treated as broken. The decoders are fuzzed and every input is checked so
//! that this does not happen; should it happen anyway, this hook makes it loud:
//! one clear `console.error` line before the trap, instead of a bare
//! "unreachable" (and in Node an uncaught exception, which ends the process).

use wasm_bindgen::prelude::*;

/// Installs the panic hook when the module is instantiated.
#[wasm_bindgen(start, skip_typescript)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        // Only the location: a payload could quote data, and no data may reach a log.
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "tidings: internal error (a bug){location}. This tidings instance is now unusable: reload the page or restart the process, and please report it."
        )));
    }));
}
