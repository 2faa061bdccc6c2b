//! The JavaScript face of tidings: every `#[wasm_bindgen]` item lives here.
//!
//! - `client`: the exported classes, one line per endpoint.
//! - `input`: JavaScript values read as [`crate::input::Input`], never throwing.
//! - `transport`: a call as a `TidingsCall` whose three synchronous exports
//!   `drive()` in `attempt.js` calls around each `fetch`, wait and the
//!   caller's `AbortSignal`; every decision is [`crate::retry::Attempts`]'.
//! - `host`: the JavaScript built-ins imported directly (no js-sys) and the
//!   helpers of `host.js`.
//! - `js_error`: the one place an [`crate::Error`] becomes a JavaScript `Error`.
//! - `panic`: what a bug would print before the trap.
//! - `watch`: the decisions `watchMessages`' JavaScript driver asks for, and
//!   its realtime socket.

mod client;
pub(crate) mod host;
mod input;
mod js_error;
mod panic;
mod transport;
mod watch;

/// The `wasm_bindgen` crate as the exports' generated code names it
/// (`#[wasm_bindgen(wasm_bindgen = super::wb)]`): all of it, but for
/// `__rt::maybe_catch_unwind`, which is `f()` under `panic = "abort"` and
/// which `opt-level = "z"` does not inline. Not inlined, each export put its
/// arguments in a closure's environment on the stack (a pointer per ABI
/// piece, four per argument) for it to read back: 0.8 KB of the gzipped
/// wasm over the 24 exports. This one is always inlined; the rest is the
/// crate's own.
pub(crate) mod wb {
    pub(crate) use wasm_bindgen::*;

    // Only sound without unwinding: with it, wasm-bindgen's own would catch.
    #[cfg(panic = "unwind")]
    compile_error!(
        "bindings::wb assumes panic = \"abort\": its maybe_catch_unwind catches nothing"
    );

    /// `wasm_bindgen::__rt`, with [`maybe_catch_unwind`] inlined.
    pub(crate) mod __rt {
        pub(crate) use wasm_bindgen::__rt::*;

        /// Runs `f`: with `panic = "abort"` there is no unwinding to catch
        /// (as `wasm_bindgen::__rt::maybe_catch_unwind` without unwinding),
        /// inlined so that the export's arguments stay in locals.
        #[inline(always)]
        pub(crate) fn maybe_catch_unwind<F: FnOnce() -> R, R>(f: F) -> R {
            f()
        }
    }
}

/// talc instead of the default dlmalloc: 2.7 KB less gzipped wasm, the same
/// decode speed (side by side, `npm run bench`).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
