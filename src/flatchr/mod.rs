//! Flatchr: the messages exchanged with an applicant (list, send).
//!
//! - [`models`]: [`FlatchrMessage`] (every field optional, both spellings of each
//!   contradicted field accepted) and what a caller sends.
//! - [`requests`]: one value per endpoint, each with the options JavaScript passes.
//! - [`client`]: the configured client (base URL + Bearer token).

pub mod client;
pub mod models;
pub mod requests;

pub use client::{Client, FlatchrClientOptions, DEFAULT_BASE_URL};
pub use models::{FlatchrMessage, NewFlatchrMessage};
