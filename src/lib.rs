//! tidings: a typed client for the conversation messages of Flatchr and Tiledesk.
//!
//! A plain-Rust core, tested natively, and one binding layer for JavaScript:
//! - [`error`]: the one error type: a kind, and the call's context beside it.
//! - [`input`]: reading a caller's options, one property at a time.
//! - [`options`]: timeouts, retries and base URLs, shared by both services.
//! - [`auth`]: credentials that never show, token checks.
//! - [`endpoint`]: the [`endpoint::Endpoint`] trait and the [`endpoint::Api`]
//!   that turns any endpoint into an [`http::HttpRequest`].
//! - [`http`]: requests, answers and decoding.
//! - [`retry`]: when to retry, and [`retry::Attempts`], the pure state machine
//!   of one call's attempts.
//! - [`url`], [`encoding`]: base URLs, path segments, percent, base64, JSON bodies.
//! - [`tiledesk`], [`flatchr`]: each service's client options, `models` and `endpoints`.
//! - [`watch`]: the decisions of `watchMessages` (realtime frames, reconnects,
//!   de-duplication, polling), which a small JavaScript driver carries out.
//! - `wire` (private): decoding helpers for the spellings servers use.
//! - `text` (private): substring search and slicing that cannot panic.
//! - `bindings` (wasm32 only): every `#[wasm_bindgen]` item, the one transport
//!   over the runtime's `fetch`, and the one conversion to a JavaScript `Error`.
#![deny(missing_docs)]
#![warn(missing_debug_implementations, unreachable_pub)]

pub mod auth;
pub mod encoding;
pub mod endpoint;
pub mod error;
pub mod flatchr;
pub mod http;
pub mod input;
pub mod options;
pub mod retry;
mod text;
pub mod tiledesk;
pub mod url;
pub mod watch;
mod wire;

#[cfg(target_arch = "wasm32")]
mod bindings;

pub use error::{Error, ErrorKind, Provider};
