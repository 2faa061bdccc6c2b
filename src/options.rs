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

/// The longest timeout JavaScript timers take (2^31 - 1 ms).
const MAX_TIMER_MS: u32 = i32::MAX as u32;

/// The keys of [`CallOptions`], which every method accepts besides its own.
pub const CALL_KEYS: &[&str] = &["signal", "timeoutMs", "totalTimeoutMs", "retry"];

/// The keys of [`TransportOptions`], which both clients accept besides their own.
pub const TRANSPORT_KEYS: &[&str] = &[
    "timeoutMs",
    "totalTimeoutMs",
    "retry",
    "fetch",
    "allowInsecureHttp",
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

const RETRY_KEYS: &[&str] = &["retries", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"];

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
    #[tsify(optional, type = "boolean | RetryOptions")]
    pub retry: Option<RetryOptions>,
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
    #[tsify(optional, type = "boolean | RetryOptions")]
    pub retry: Option<RetryOptions>,
    /// A `fetch` to use instead of the global one (a mock, a proxy, an instrumented one).
    #[tsify(optional, type = "typeof fetch")]
    pub fetch: Option<JsOnly>,
    /// Allow a plain `http://` base URL for a non-loopback host (credentials then
    /// travel unencrypted). Default false.
    #[tsify(optional)]
    pub allow_insecure_http: Option<bool>,
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
}

impl Default for CallSettings {
    fn default() -> Self {
        CallSettings {
            timeout_ms: DEFAULT_TIMEOUT_MS,
            total_timeout_ms: None,
            retry: RetryPolicy::default(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Errors;
    use serde_json::{json, Value};

    fn read(settings: CallSettings, errors: Errors, options: Value) -> Result<CallSettings, Error> {
        settings.read(&Object::root(options, errors).unwrap())
    }

    #[test]
    fn call_options_override_client_defaults() {
        let client = read(
            CallSettings::default(),
            Errors::Client,
            json!({"timeoutMs": 5000, "retry": {"retries": 4}}),
        )
        .unwrap();
        assert_eq!((client.timeout_ms, client.retry.retries), (5000, 4));
        let call = read(
            client,
            Errors::Call,
            json!({"totalTimeoutMs": 9000, "retry": false}),
        )
        .unwrap();
        assert_eq!(
            (call.timeout_ms, call.total_timeout_ms, call.retry.retries),
            (5000, Some(9000), 0)
        );
        let kept = read(client, Errors::Call, json!({"retry": true})).unwrap();
        assert_eq!(kept, client);
        assert_eq!(CallSettings::default().timeout_ms, 30_000);
        assert_eq!(CallSettings::default().retry.retries, 2);
    }

    #[test]
    fn bad_numbers_and_types_name_their_field() {
        let rows = [
            (json!({"timeoutMs": -1}), "timeoutMs"),
            (json!({"timeoutMs": 0}), "timeoutMs"),
            (json!({"timeoutMs": "fast"}), "timeoutMs"),
            (json!({"totalTimeoutMs": 1.5}), "totalTimeoutMs"),
            (json!({"retry": "yes"}), "retry"),
            (json!({"retry": {"retries": 1.5}}), "retry.retries"),
            (json!({"retry": {"retries": 11}}), "retry.retries"),
            (json!({"retry": {"maxDelayMs": -3}}), "retry.maxDelayMs"),
            (json!({"retry": {"retires": 1}}), "retry.retires"),
        ];
        for (options, field) in rows {
            let e = read(CallSettings::default(), Errors::Call, options.clone()).unwrap_err();
            assert_eq!(
                (e.kind.name(), e.field()),
                ("invalidInput", Some(field)),
                "{options}"
            );
            assert!(!e.to_string().contains("fast"), "{e}");
            let e = read(CallSettings::default(), Errors::Client, options).unwrap_err();
            assert_eq!(e.kind.name(), "config");
        }
    }

    #[test]
    fn base_urls_read_their_insecure_flag() {
        let o = Object::root(
            json!({"baseUrl": "http://tiledesk.internal", "allowInsecureHttp": "yes"}),
            Errors::Client,
        )
        .unwrap();
        assert_eq!(
            base_url(&o, "https://x.example").unwrap_err().field(),
            Some("allowInsecureHttp")
        );
        let o = Object::root(
            json!({"baseUrl": "http://tiledesk.internal", "allowInsecureHttp": true}),
            Errors::Client,
        )
        .unwrap();
        assert_eq!(
            base_url(&o, "https://x.example").unwrap().as_str(),
            "http://tiledesk.internal"
        );
        let o = Object::root(json!({}), Errors::Client).unwrap();
        assert_eq!(
            base_url(&o, "https://x.example/v3/").unwrap().as_str(),
            "https://x.example/v3"
        );
    }

    /// The declared TypeScript properties of `T`, in order.
    pub(crate) fn declared<T: Tsify>() -> Vec<String> {
        T::DECL
            .lines()
            .filter_map(|line| line.trim().split_once(':'))
            .map(|(name, _)| name.trim_end_matches('?').to_owned())
            .filter(|name| !name.contains(' ') && !name.is_empty())
            .collect()
    }

    #[test]
    fn the_typescript_shapes_list_exactly_the_keys_read() {
        assert_eq!(declared::<CallOptions>(), CALL_KEYS);
        assert_eq!(declared::<TransportOptions>(), TRANSPORT_KEYS);
        assert_eq!(declared::<RetryOptions>(), RETRY_KEYS);
    }
}
