//! The JavaScript face of tidings: every `#[wasm_bindgen]` item lives here.
//!
//! - `client`: the exported classes, one line per endpoint.
//! - `input`: JavaScript values read as [`crate::input::Input`], never throwing.
//! - `transport`: the one place that calls `fetch`, driving
//!   [`crate::retry::Attempts`] with timers and the caller's `AbortSignal`.
//! - `js_error`: the one place an [`crate::Error`] becomes a JavaScript `Error`.
//! - `panic`: what a bug would print before the trap.
//! - `watch`: the decisions `watchMessages`' JavaScript driver asks for, and
//!   its realtime socket.

mod client;
mod input;
mod js_error;
mod panic;
mod transport;
mod watch;

/// talc instead of the default dlmalloc: 2.7 KB less gzipped wasm, the same
/// decode speed (side by side, `npm run bench`).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
