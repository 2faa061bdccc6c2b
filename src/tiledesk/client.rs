//! The configured Tiledesk client: a checked base URL and an `Authorization`
//! header, ready to turn endpoint values into calls.

use std::fmt;

use serde::Deserialize;

use crate::encoding::base64;
use crate::error::Error;
use crate::http::{check_token, strip_scheme, Call, Secret};
use crate::options::TransportOptions;
use crate::url::BaseUrl;

use super::models::TiledeskMessage;
use super::requests::{GetTiledeskMessage, ListTiledeskMessages, SendTiledeskMessage};

/// The hosted API; self-hosted servers use their own host and prefix (`/api`, `/v2`...).
pub const DEFAULT_BASE_URL: &str = "https://api.tiledesk.com/v3";

/// How to authenticate to Tiledesk.
#[derive(Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TiledeskAuth {
    /// A JWT, with or without its `JWT ` prefix (as `/auth/signin` returns it).
    Jwt {
        /// The token.
        token: String,
    },
    /// An e-mail and password, sent as HTTP Basic (UTF-8).
    Basic {
        /// The account e-mail.
        email: String,
        /// The password; it cannot contain `:`.
        password: String,
    },
}

impl fmt::Debug for TiledeskAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TiledeskAuth::Jwt { .. } => f.write_str("Jwt { token: [redacted] }"),
            TiledeskAuth::Basic { .. } => {
                f.write_str("Basic { email: [redacted], password: [redacted] }")
            }
        }
    }
}

impl TiledeskAuth {
    /// The `Authorization` header value; errors name the field, never its value.
    pub fn header(&self) -> Result<Secret, Error> {
        match self {
            TiledeskAuth::Jwt { token } => {
                let bare = strip_scheme(token, "JWT");
                check_token("auth.token", bare)?;
                Ok(Secret::new(format!("JWT {bare}")))
            }
            TiledeskAuth::Basic { email, password } => {
                if email.is_empty() {
                    return Err(Error::config("auth.email", "is empty"));
                }
                if email.contains(':') {
                    return Err(Error::config(
                        "auth.email",
                        "cannot contain ':' in HTTP Basic auth",
                    ));
                }
                if password.is_empty() {
                    return Err(Error::config("auth.password", "is empty"));
                }
                if password.contains(':') {
                    return Err(Error::config(
                        "auth.password",
                        "contains ':', which Tiledesk cuts at: sign in with a JWT instead (auth: { kind: \"jwt\", token })",
                    ));
                }
                if email.chars().chain(password.chars()).any(char::is_control) {
                    return Err(Error::config(
                        "auth",
                        "the e-mail or password contains control characters",
                    ));
                }
                Ok(Secret::new(format!(
                    "Basic {}",
                    base64(&format!("{email}:{password}"))
                )))
            }
        }
    }
}

/// What `new TiledeskClient(...)` takes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TiledeskClientOptions {
    /// The API root including any prefix (default `https://api.tiledesk.com/v3`).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub base_url: Option<String>,
    /// The credentials.
    pub auth: TiledeskAuth,
    /// Timeouts, retries, `fetch` and `allowInsecureHttp`.
    #[serde(flatten)]
    pub transport: TransportOptions,
}

/// A Tiledesk client: turns endpoint values into [`Call`]s.
#[derive(Debug, Clone)]
pub struct Client {
    base: BaseUrl,
    authorization: Secret,
}

impl Client {
    /// Checks the options; errors are [`Error::Config`].
    pub fn new(options: &TiledeskClientOptions) -> Result<Client, Error> {
        let base = options
            .transport
            .base_url(options.base_url.as_deref(), DEFAULT_BASE_URL)?;
        Ok(Client {
            base,
            authorization: options.auth.header()?,
        })
    }

    /// The checked base URL.
    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    /// The call that lists a request's messages.
    pub fn list_messages(
        &self,
        endpoint: &ListTiledeskMessages,
    ) -> Result<Call<Vec<TiledeskMessage>>, Error> {
        endpoint
            .build(&self.base, &self.authorization)
            .map(Call::new)
    }

    /// The call that fetches one message.
    pub fn get_message(
        &self,
        endpoint: &GetTiledeskMessage,
    ) -> Result<Call<TiledeskMessage>, Error> {
        endpoint
            .build(&self.base, &self.authorization)
            .map(Call::new)
    }

    /// The call that sends a message.
    pub fn send_message(
        &self,
        endpoint: &SendTiledeskMessage,
    ) -> Result<Call<TiledeskMessage>, Error> {
        endpoint
            .build(&self.base, &self.authorization)
            .map(Call::new)
    }
}
