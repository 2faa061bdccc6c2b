//! What happens if tidings ever panics.
//!
//! The crate is built with `panic = "abort"`: a panic cannot unwind into
//! JavaScript, it traps (`RuntimeError: unreachable`) and the instance must be
//! treated as broken. The decoders are fuzzed and every input is checked so
//! that this does not happen; should it happen anyway, this hook makes it loud:
//! one clear `console.error` line before the trap, instead of a bare
//! "unreachable" (and in Node an uncaught exception, which ends the process).
//! The line is put together without `format!`: the hook adds no formatting
//! code to the wasm.

use wasm_bindgen::prelude::*;

/// Installs the panic hook when the module is instantiated.
#[wasm_bindgen(wasm_bindgen = super::wb, start, skip_typescript)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let mut line = String::from("tidings: internal error (a bug)");
        // Only the location: a payload could quote data, and no data may reach a log.
        if let Some(location) = info.location() {
            line.push_str(" at ");
            line.push_str(location.file());
            line.push(':');
            push_decimal(&mut line, location.line());
        }
        line.push_str(". This tidings instance is now unusable: reload the page or restart the process, and please report it.");
        super::host::console_error(&line);
    }));
}

/// Appends `n` in decimal.
fn push_decimal(text: &mut String, n: u32) {
    if n >= 10 {
        push_decimal(text, n / 10);
    }
    text.push(char::from(b'0' + (n % 10) as u8));
}
