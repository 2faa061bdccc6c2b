//! tidings: a typed client for the conversation messages of Flatchr and Tiledesk.
//!
//! The crate is split the way the folders show:
//! - a pure-Rust, sans-IO core: [`error`], [`http`] (request descriptions and
//!   response decoding), [`url`] (base URLs and path-segment encoding), [`retry`]
//!   (the retry policy), and one module per provider ([`tiledesk`], [`flatchr`]),
//!   each with `models`, `requests` and a `client` that turns a call into an
//!   [`http::Call`];
//! - one binding layer, `bindings`, compiled only for `wasm32`, which owns every
//!   `#[wasm_bindgen]` item and the one transport that performs a [`http::Call`]
//!   through the runtime's global `fetch`.
//!
//! Everything in the core is tested natively with `cargo test`.
#![deny(missing_docs)]

pub mod encoding;
pub mod error;
pub mod flatchr;
pub mod http;
pub mod options;
pub mod retry;
pub mod tiledesk;
pub mod url;
mod wire;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use error::{Error, ErrorKind, Provider};
