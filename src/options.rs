//! Options shared by both providers: timeouts, retries and the base URL.
//!
//! [`CallSettings::read`] and [`base_url`] read them from a client's or a
//! call's options; the structs below are their TypeScript shapes (tsify), and
//! a test keeps those shapes and the read keys the same.

use tsify::Tsify;

use crate::error::Error;
use crate::input::{Input, Object};
use crate::retry::RetryPolicy;
use crate::url::BaseUrl;

/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// The default `maxResponseBytes`: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u32 = 32 * 1024 * 1024;

/// The largest `maxResponseBytes` accepted: 64 MiB. Decoding a body of that
/// size, whatever its shape, stays well inside what a wasm32 instance can
/// address (the worst shape, a long array of numbers in `attributes`, takes
/// about twelve times its size while decoded).
pub const MAX_RESPONSE_BYTES: u32 = 64 * 1024 * 1024;

/// The longest timeout JavaScript timers take (2^31 - 1 ms).
const MAX_TIMER_MS: u32 = i32::MAX as u32;

/// The keys of [`CallOptions`], which every method accepts besides its own.
pub const CALL_KEYS: &[&str] = &[
    "signal",
    "timeoutMs",
    "totalTimeoutMs",
    "retry",
    "maxResponseBytes",
];

/// The keys of [`TransportOptions`], which both clients accept besides their own.
pub const TRANSPORT_KEYS: &[&str] = &[
    "timeoutMs",
    "totalTimeoutMs",
    "retry",
    "maxResponseBytes",
    "fetch",
    "allowInsecureHttp",
    "debug",
];

/// A JavaScript object that the binding layer reads itself (an `AbortSignal`,
/// a `fetch` function); here only for its TypeScript name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsOnly;

/// Retry settings; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RetryOptions {
    /// Retries after the first attempt (default 2; 0 disables).
    #[tsify(optional)]
    pub retries: Option<u32>,
    /// First backoff ceiling in ms, doubled per retry (default 300).
    #[tsify(optional)]
    pub base_delay_ms: Option<u32>,
    /// Largest backoff ceiling in ms (default 10000).
    #[tsify(optional)]
    pub max_delay_ms: Option<u32>,
    /// Longest `Retry-After` honoured, in ms; longer waits are cut to it (default 60000).
    #[tsify(optional)]
    pub max_retry_after_ms: Option<u32>,
}

/// The keys of [`RetryOptions`].
pub const RETRY_KEYS: &[&str] = &["retries", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"];

/// Per-call options accepted by every method.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CallOptions {
    /// Cancels the call; the promise rejects with kind `aborted`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<JsOnly>,
    /// Per-attempt timeout in ms (overrides the client's).
    #[tsify(optional)]
    pub timeout_ms: Option<u32>,
    /// Budget for all attempts and waits together, in ms (overrides the client's).
    #[tsify(optional)]
    pub total_timeout_ms: Option<u32>,
    /// Retry settings for this call: `false` disables retries, `true` keeps
    /// the defaults, an object changes some of them.
    #[tsify(optional, type = "RetryOption")]
    pub retry: Option<RetryOptions>,
    /// The longest answer body read, in bytes (overrides the client's; at most
    /// 67108864). A longer one aborts the request: kind `tooLarge`.
    #[tsify(optional)]
    pub max_response_bytes: Option<u32>,
}

/// Client-wide transport options, shared by both clients' options.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TransportOptions {
    /// Per-attempt timeout in ms (default 30000).
    #[tsify(optional)]
    pub timeout_ms: Option<u32>,
    /// Budget for all attempts and waits together, in ms (default: none).
    #[tsify(optional)]
    pub total_timeout_ms: Option<u32>,
    /// Retry settings (default: 2 retries for reads, see the README).
    #[tsify(optional, type = "RetryOption")]
    pub retry: Option<RetryOptions>,
    /// The longest answer body read, in bytes (default 33554432, 32 MiB; at
    /// most 67108864). A longer one aborts the request: kind `tooLarge`.
    #[tsify(optional)]
    pub max_response_bytes: Option<u32>,
    /// A `fetch` to use instead of the global one (a mock, a proxy, an instrumented one).
    #[tsify(optional, type = "typeof fetch")]
    pub fetch: Option<JsOnly>,
    /// Allow a plain `http://` base URL for a non-loopback host (credentials then
    /// travel unencrypted). Default false.
    #[tsify(optional)]
    pub allow_insecure_http: Option<bool>,
    /// Called with each step of every call: each attempt, its answer or
    /// failure, each wait before a retry, each redirect followed; credentials
    /// redacted (e.g. `debug: (event) => console.debug("tidings", event)`).
    #[tsify(optional, type = "(event: TidingsDebugEvent) => void")]
    pub debug: Option<JsOnly>,
}

/// The keys of [`SignInOptions`] besides the call options.
pub const SIGN_IN_KEYS: &[&str] = &["baseUrl", "allowInsecureHttp", "fetch", "debug"];

/// What a sign-in takes besides its own fields: there is no client yet, so
/// it says where the server is, and takes the call options.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SignInOptions {
    /// The API root including any prefix (default: the service's hosted API).
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// Allow a plain `http://` base URL for a non-loopback host (the password
    /// then travels unencrypted). Default false.
    #[tsify(optional)]
    pub allow_insecure_http: Option<bool>,
    /// A `fetch` to use instead of the global one.
    #[tsify(optional, type = "typeof fetch")]
    pub fetch: Option<JsOnly>,
    /// Called with each step of the call, credentials redacted (see `TransportOptions.debug`).
    #[tsify(optional, type = "(event: TidingsDebugEvent) => void")]
    pub debug: Option<JsOnly>,
    /// The signal, timeouts and retries of the call.
    #[serde(flatten)]
    pub call: CallOptions,
}

/// The resolved timeouts and retry policy of one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallSettings {
    /// Per-attempt timeout in ms.
    pub timeout_ms: u32,
    /// Budget for the whole call in ms, if any.
    pub total_timeout_ms: Option<u32>,
    /// When to retry.
    pub retry: RetryPolicy,
    /// The longest answer body read, in bytes.
    pub max_response_bytes: u32,
}

impl Default for CallSettings {
    fn default() -> Self {
        CallSettings {
            timeout_ms: DEFAULT_TIMEOUT_MS,
            total_timeout_ms: None,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

impl CallSettings {
    /// These settings with the `timeoutMs`, `totalTimeoutMs` and `retry` of
    /// `options` (a client's, or a call's overriding its client's).
    pub fn read<I: Input>(self, options: &Object<I>) -> Result<CallSettings, Error> {
        let mut settings = self;
        if let Some(ms) = options.whole("timeoutMs", 1, MAX_TIMER_MS)? {
            settings.timeout_ms = ms;
        }
        if let Some(ms) = options.whole("totalTimeoutMs", 1, MAX_TIMER_MS)? {
            settings.total_timeout_ms = Some(ms);
        }
        if let Some(bytes) = options.whole("maxResponseBytes", 1, MAX_RESPONSE_BYTES)? {
            settings.max_response_bytes = bytes;
        }
        match options.flag_or_object("retry")? {
            None | Some(Ok(true)) => {}
            Some(Ok(false)) => settings.retry.retries = 0,
            Some(Err(retry)) => {
                let policy = &mut settings.retry;
                let fields = [
                    ("retries", &mut policy.retries, 10),
                    ("baseDelayMs", &mut policy.base_delay_ms, 600_000),
                    ("maxDelayMs", &mut policy.max_delay_ms, 600_000),
                    ("maxRetryAfterMs", &mut policy.max_retry_after_ms, 3_600_000),
                ];
                for (key, slot, max) in fields {
                    if let Some(value) = retry.whole(key, 0, max)? {
                        *slot = value;
                    }
                }
                retry.deny_unknown(&[RETRY_KEYS])?;
            }
        }
        Ok(settings)
    }
}

/// A client's checked base URL: its `baseUrl` option or the provider's
/// `default`, plain http allowed as its `allowInsecureHttp` option says.
pub fn base_url<I: Input>(options: &Object<I>, default: &str) -> Result<BaseUrl, Error> {
    let given = options.string("baseUrl")?;
    let allow_insecure_http = options.bool("allowInsecureHttp")?.unwrap_or(false);
    BaseUrl::parse(
        given.as_deref().unwrap_or(default),
        "baseUrl",
        allow_insecure_http,
    )
}
