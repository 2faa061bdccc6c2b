//! Tiledesk: the messages of a support request (list, get one, send).
//!
//! - [`models`]: what the server returns ([`TiledeskMessage`]) and what a caller sends.
//! - [`requests`]: one value per endpoint, each with the options JavaScript passes.
//! - [`client`]: the configured client (base URL + credentials) that turns an
//!   endpoint value into an [`crate::http::Call`].

pub mod client;
pub mod models;
pub mod requests;

pub use client::{Client, TiledeskAuth, TiledeskClientOptions, DEFAULT_BASE_URL};
pub use models::{NewTiledeskMessage, TiledeskMessage, TiledeskMessageStatus};
