//! The configured Flatchr client: a checked base URL and a Bearer token.

use std::fmt;

use serde::Deserialize;

use crate::error::Error;
use crate::http::{check_token, strip_scheme, Call, Secret};
use crate::options::TransportOptions;
use crate::url::BaseUrl;

use super::models::FlatchrMessage;
use super::requests::{ListFlatchrMessages, SendFlatchrMessage};

/// The production API; the demo host is `https://api.demo.flatchr.io`.
pub const DEFAULT_BASE_URL: &str = "https://api.flatchr.io";

/// What `new FlatchrClient(...)` takes.
#[derive(Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FlatchrClientOptions {
    /// The API key (for reading) or a user token from `/user/login` (for sending).
    pub token: String,
    /// The API root (default `https://api.flatchr.io`).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
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

/// A Flatchr client: turns endpoint values into [`Call`]s.
#[derive(Debug, Clone)]
pub struct Client {
    base: BaseUrl,
    authorization: Secret,
}

impl Client {
    /// Checks the options; errors are [`Error::Config`].
    pub fn new(options: &FlatchrClientOptions) -> Result<Client, Error> {
        let base = options
            .transport
            .base_url(options.base_url.as_deref(), DEFAULT_BASE_URL)?;
        let token = strip_scheme(&options.token, "Bearer");
        check_token("token", token)?;
        Ok(Client {
            base,
            authorization: Secret::new(format!("Bearer {token}")),
        })
    }

    /// The call that lists an applicant's messages.
    pub fn list_messages(
        &self,
        endpoint: &ListFlatchrMessages,
    ) -> Result<Call<Vec<FlatchrMessage>>, Error> {
        endpoint
            .build(&self.base, &self.authorization)
            .map(Call::new)
    }

    /// The call that sends a message to an applicant.
    pub fn send_message(
        &self,
        endpoint: &SendFlatchrMessage,
    ) -> Result<Call<FlatchrMessage>, Error> {
        endpoint
            .build(&self.base, &self.authorization)
            .map(Call::new)
    }
}
