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

/// talc instead of the default dlmalloc: 2.7 KB less gzipped wasm, the same
/// decode speed (side by side, `npm run bench`).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
