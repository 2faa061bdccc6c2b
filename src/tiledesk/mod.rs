//! Tiledesk: the messages of a support request (list, get one, send).
//!
//! - [`models`]: what the server returns ([`TiledeskMessage`]) and what a caller sends.
//! - [`endpoints`]: one struct and one [`crate::endpoint::Endpoint`] impl per endpoint.
//! - This file: the client's own options (base URL and credentials).

pub mod endpoints;
pub mod models;

use std::fmt;

use tsify::Tsify;

use crate::auth::{token_header, Secret};
use crate::endpoint::Api;
use crate::error::{Error, Provider};
use crate::input::{Input, Object};
use crate::options::{base_url, TransportOptions};

pub use models::{NewTiledeskMessage, TiledeskMessage, TiledeskMessageStatus};

/// The hosted API; self-hosted servers use their own host and prefix (`/api`, `/v2`...).
pub const DEFAULT_BASE_URL: &str = "https://api.tiledesk.com/v3";

/// The keys of [`TiledeskClientOptions`] besides the transport options.
pub const CLIENT_KEYS: &[&str] = &["baseUrl", "auth", "realtimeUrl"];

/// What `new TiledeskClient(...)` takes.
#[derive(Debug, Clone, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TiledeskClientOptions {
    /// The API root including any prefix (default `https://api.tiledesk.com/v3`).
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// The credentials.
    pub auth: TiledeskAuth,
    /// Where `watchMessages` opens its WebSocket (`wss://...`; `ws://` only
    /// to loopback unless `allowInsecureHttp`). Default: `wss://rtm.tiledesk.com/v2/`
    /// for the hosted API, else the base URL with `wss`/`ws` for `https`/`http`.
    #[tsify(optional)]
    pub realtime_url: Option<String>,
    /// Timeouts, retries, `fetch` and `allowInsecureHttp`.
    #[serde(flatten)]
    pub transport: TransportOptions,
}

/// How to authenticate to Tiledesk.
#[derive(Clone, PartialEq, Tsify)]
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
    /// Reads the `auth` option.
    pub fn read<I: Input>(auth: &Object<I>) -> Result<TiledeskAuth, Error> {
        let read = match auth.required_string("kind")?.as_str() {
            "jwt" => {
                auth.deny_unknown(&[&["kind", "token"]])?;
                TiledeskAuth::Jwt {
                    token: auth.required_string("token")?,
                }
            }
            "basic" => {
                auth.deny_unknown(&[&["kind", "email", "password"]])?;
                TiledeskAuth::Basic {
                    email: auth.required_string("email")?,
                    password: auth.required_string("password")?,
                }
            }
            _ => return Err(auth.error("kind", "must be \"jwt\" or \"basic\"")),
        };
        Ok(read)
    }

    /// The `Authorization` header value; errors name the field, never its value.
    pub fn header(&self) -> Result<Secret, Error> {
        match self {
            TiledeskAuth::Jwt { token } => token_header("auth.token", token, "JWT"),
            TiledeskAuth::Basic { email, password } => {
                if email.is_empty() {
                    return Err(Error::config("auth.email", "is empty"));
                }
                if crate::text::contains(email, ":") {
                    return Err(Error::config(
                        "auth.email",
                        "cannot contain ':' in HTTP Basic auth",
                    ));
                }
                if password.is_empty() {
                    return Err(Error::config("auth.password", "is empty"));
                }
                if crate::text::contains(password, ":") {
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
                Ok(Secret::basic(email, password))
            }
        }
    }
}

/// The API a client's options describe (base URL and credentials).
pub fn api<I: Input>(options: &Object<I>) -> Result<Api, Error> {
    let base = base_url(options, DEFAULT_BASE_URL)?;
    let auth = TiledeskAuth::read(&options.required_object("auth")?)?;
    Ok(Api::new(Provider::Tiledesk, base, auth.header()?))
}
