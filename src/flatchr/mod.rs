//! Flatchr: the messages exchanged with an applicant (list, send).
//!
//! - [`models`]: [`FlatchrMessage`] (every field optional, both spellings of each
//!   contradicted field accepted) and what a caller sends.
//! - [`endpoints`]: one struct and one [`crate::endpoint::Endpoint`] impl per endpoint.
//! - This file: the client's own options (base URL and Bearer token).

pub mod endpoints;
pub mod models;

use std::fmt;

use tsify::Tsify;

use crate::auth::token_header;
use crate::endpoint::Api;
use crate::error::{Error, Provider};
use crate::input::{Input, Object};
use crate::options::{base_url, TransportOptions};

pub use models::{FlatchrMessage, NewFlatchrMessage};

/// The production API; the demo host is `https://api.demo.flatchr.io`.
pub const DEFAULT_BASE_URL: &str = "https://api.flatchr.io";

/// The keys of [`FlatchrClientOptions`] besides the transport options.
pub const CLIENT_KEYS: &[&str] = &["token", "baseUrl"];

/// What `new FlatchrClient(...)` takes.
#[derive(Clone, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FlatchrClientOptions {
    /// The API key (for reading) or a user token from `/user/login` (for sending).
    pub token: String,
    /// The API root (default `https://api.flatchr.io`).
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// Timeouts, retries, `fetch` and `allowInsecureHttp`.
    #[serde(flatten)]
    pub transport: TransportOptions,
}

impl fmt::Debug for FlatchrClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlatchrClientOptions")
            .field("token", &"[redacted]")
            .field("base_url", &self.base_url)
            .field("transport", &self.transport)
            .finish()
    }
}

/// The API a client's options describe (base URL and Bearer token).
pub fn api<I: Input>(options: &Object<I>) -> Result<Api, Error> {
    let base = base_url(options, DEFAULT_BASE_URL)?;
    let token = options.required_string("token")?;
    Ok(Api::new(
        Provider::Flatchr,
        base,
        token_header("token", &token, "Bearer")?,
    ))
}
