//! The JavaScript face of tidings: every `#[wasm_bindgen]` item lives here.
//!
//! - `transport`: the one place that performs a [`crate::http::Call`] through
//!   `fetch`, with timeouts, the caller's `AbortSignal` and retries.
//! - `js_error`: the one place an [`crate::Error`] becomes a JavaScript `Error`.
//! - `options`: reading call options and the JavaScript-only values in them.
//! - `tiledesk` and `flatchr`: the exported client classes.

mod call;
mod flatchr;
mod js_error;
mod options;
mod panic;
mod tiledesk;
mod transport;

pub use flatchr::FlatchrClient;
pub use js_error::is_tidings_error;
pub use tiledesk::TiledeskClient;
