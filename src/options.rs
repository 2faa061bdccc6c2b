//! Options shared by both providers: timeouts, retries, and the JavaScript-only
//! values (`signal`, `fetch`) that the binding layer reads itself.
//!
//! These types are what JavaScript passes in; tsify generates their TypeScript
//! declarations on wasm32. Numbers arrive as JavaScript numbers (`f64`) and are
//! checked here, so a bad value becomes an error that names its field.

use serde::{Deserialize, Deserializer};

use crate::error::Error;
use crate::retry::RetryPolicy;
use crate::url::BaseUrl;

/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// A slot for a JavaScript-only value (an `AbortSignal`, a `fetch` function):
/// serde skips it, the binding layer reads the property itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsOnly;

impl<'de> Deserialize<'de> for JsOnly {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| JsOnly)
    }
}

/// A value read as whatever JavaScript passed, so that a wrong type is reported
/// with its own field name by the code that uses it. (Inside a flattened
/// struct, serde would only name the outer object.)
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient<T>(pub Result<T, String>);

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(Lenient(
            serde_json::from_value(value).map_err(|e| redact_values(&e.to_string())),
        ))
    }
}

impl<T> From<T> for Lenient<T> {
    fn from(value: T) -> Self {
        Lenient(Ok(value))
    }
}

/// Retry settings: `false` disables retries, `true` keeps the defaults, an object
/// changes some of them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum RetryOption {
    /// `false` disables retries; `true` means the defaults.
    Enabled(bool),
    /// Explicit settings; missing ones keep their defaults.
    Custom(RetryOptions),
}

/// Retry settings; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RetryOptions {
    /// Retries after the first attempt (default 2; 0 disables).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub retries: Option<f64>,
    /// First backoff ceiling in ms, doubled per retry (default 300).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub base_delay_ms: Option<f64>,
    /// Largest backoff ceiling in ms (default 10000).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_delay_ms: Option<f64>,
    /// Longest `Retry-After` honoured, in ms; longer waits are cut to it (default 60000).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_retry_after_ms: Option<f64>,
}

/// Per-call options accepted by every method.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CallOptions {
    /// Cancels the call; the promise rejects with kind `aborted`.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "AbortSignal"))]
    pub signal: JsOnly,
    /// Per-attempt timeout in ms (overrides the client's).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub timeout_ms: Option<Lenient<f64>>,
    /// Budget for all attempts and waits together, in ms (overrides the client's).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub total_timeout_ms: Option<Lenient<f64>>,
    /// Retry settings for this call (override the client's).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RetryOption"))]
    pub retry: Option<Lenient<RetryOption>>,
}

/// Client-wide transport options, shared by both providers' client options.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TransportOptions {
    /// Per-attempt timeout in ms (default 30000).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub timeout_ms: Option<Lenient<f64>>,
    /// Budget for all attempts and waits together, in ms (default: none).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub total_timeout_ms: Option<Lenient<f64>>,
    /// Retry settings (default: 2 retries for reads, see the README).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RetryOption"))]
    pub retry: Option<Lenient<RetryOption>>,
    /// A `fetch` to use instead of the global one (a mock, a proxy, an instrumented one).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "typeof fetch"))]
    pub fetch: JsOnly,
    /// Allow a plain `http://` base URL for a non-loopback host (credentials then
    /// travel unencrypted). Default false.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "boolean"))]
    pub allow_insecure_http: Option<Lenient<bool>>,
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
    /// The client's defaults; errors are [`Error::Config`].
    pub fn from_client(options: &TransportOptions) -> Result<CallSettings, Error> {
        CallSettings::default()
            .overridden(
                options.timeout_ms.as_ref(),
                options.total_timeout_ms.as_ref(),
                options.retry.as_ref(),
            )
            .map_err(|(field, message)| Error::config(field, message))
    }

    /// These settings with a call's overrides; errors are [`Error::InvalidInput`].
    pub fn for_call(&self, options: &CallOptions) -> Result<CallSettings, Error> {
        self.overridden(
            options.timeout_ms.as_ref(),
            options.total_timeout_ms.as_ref(),
            options.retry.as_ref(),
        )
        .map_err(|(field, message)| Error::invalid_input(field, message))
    }

    fn overridden(
        &self,
        timeout_ms: Option<&Lenient<f64>>,
        total_timeout_ms: Option<&Lenient<f64>>,
        retry: Option<&Lenient<RetryOption>>,
    ) -> Result<CallSettings, (&'static str, String)> {
        let mut settings = *self;
        if let Some(ms) = timeout_ms {
            settings.timeout_ms = positive_ms("timeoutMs", typed("timeoutMs", ms)?)?;
        }
        if let Some(ms) = total_timeout_ms {
            settings.total_timeout_ms =
                Some(positive_ms("totalTimeoutMs", typed("totalTimeoutMs", ms)?)?);
        }
        let retry = retry.map(|r| typed("retry", r)).transpose()?;
        match retry {
            None | Some(RetryOption::Enabled(true)) => {}
            Some(RetryOption::Enabled(false)) => settings.retry.retries = 0,
            Some(RetryOption::Custom(custom)) => {
                let policy = &mut settings.retry;
                if let Some(n) = custom.retries {
                    policy.retries = whole("retry.retries", n, 0, 10)?;
                }
                if let Some(ms) = custom.base_delay_ms {
                    policy.base_delay_ms = whole("retry.baseDelayMs", ms, 0, 600_000)?;
                }
                if let Some(ms) = custom.max_delay_ms {
                    policy.max_delay_ms = whole("retry.maxDelayMs", ms, 0, 600_000)?;
                }
                if let Some(ms) = custom.max_retry_after_ms {
                    policy.max_retry_after_ms = whole("retry.maxRetryAfterMs", ms, 0, 3_600_000)?;
                }
            }
        }
        Ok(settings)
    }
}

/// The value of a [`Lenient`] field, or an error naming `field`.
fn typed<'a, T>(
    field: &'static str,
    value: &'a Lenient<T>,
) -> Result<&'a T, (&'static str, String)> {
    value.0.as_ref().map_err(|message| (field, message.clone()))
}

impl TransportOptions {
    /// The client's checked base URL: `given` (the `baseUrl` option) or the
    /// provider's `default`, with plain http allowed as `allowInsecureHttp` says.
    pub fn base_url(&self, given: Option<&str>, default: &str) -> Result<BaseUrl, Error> {
        let allow_insecure_http = match &self.allow_insecure_http {
            None => false,
            Some(flag) => *typed("allowInsecureHttp", flag)
                .map_err(|(field, message)| Error::config(field, message))?,
        };
        BaseUrl::parse(given.unwrap_or(default), "baseUrl", allow_insecure_http)
    }
}

fn positive_ms(field: &'static str, ms: &f64) -> Result<u32, (&'static str, String)> {
    whole(field, *ms, 1, i32::MAX as u32)
}

/// Checks that `value` is a whole number in `min..=max` (JavaScript numbers are f64).
fn whole(
    field: &'static str,
    value: f64,
    min: u32,
    max: u32,
) -> Result<u32, (&'static str, String)> {
    if value.fract() == 0.0 && value >= f64::from(min) && value <= f64::from(max) {
        Ok(value as u32)
    } else {
        // Integers only in the message: formatting an f64 would cost 14 KB of wasm.
        Err((field, format!("must be a whole number from {min} to {max}")))
    }
}

/// Turns `invalid type: string "hunter2", expected u32` into
/// `invalid type, expected u32`: serde quotes the offending value, which may be
/// a password, and no value may reach an error message.
pub fn redact_values(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let label = prefix.trim_end_matches([':', ' ']);
            return match rest.split_once(", expected ") {
                Some((_, expected)) => format!("{label}, expected {expected}"),
                None => label.to_owned(),
            };
        }
    }
    message.to_owned()
}

/// The field and message for a wrong shape passed from JavaScript, from the
/// deserializer's path (`message`, `.` for the top) and message: a missing
/// field is named in full (`message.html`), values are never echoed.
pub fn describe_shape_error(path: &str, message: &str) -> (String, String) {
    // serde-wasm-bindgen's errors are JS errors whose text starts with "Error: ".
    let message = message.strip_prefix("Error: ").unwrap_or(message);
    let parent = if path == "." || path.is_empty() {
        ""
    } else {
        path
    };
    let join = |child: &str| {
        if parent.is_empty() {
            child.to_owned()
        } else {
            format!("{parent}.{child}")
        }
    };
    if let Some(rest) = message.strip_prefix("missing field `") {
        if let Some((name, _)) = rest.split_once('`') {
            return (join(name), "is required".to_owned());
        }
    }
    let field = if parent.is_empty() {
        "options".to_owned()
    } else {
        parent.to_owned()
    };
    (field, redact_values(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_errors_name_the_full_field() {
        assert_eq!(
            describe_shape_error("message", "missing field `html`"),
            ("message.html".into(), "is required".into())
        );
        assert_eq!(
            describe_shape_error(".", "missing field `projectId`"),
            ("projectId".into(), "is required".into())
        );
        assert_eq!(
            describe_shape_error(
                "auth.password",
                "invalid type: floating point `1234`, expected a string"
            ),
            (
                "auth.password".into(),
                "invalid type, expected a string".into()
            )
        );
        assert_eq!(
            describe_shape_error(".", "invalid type: unit value, expected struct X").0,
            "options"
        );
    }

    #[test]
    fn serde_values_are_not_echoed() {
        assert_eq!(
            redact_values("invalid type: string \"hunter2\", expected u32"),
            "invalid type, expected u32"
        );
        assert_eq!(
            redact_values("invalid type: floating point `123456`, expected a string"),
            "invalid type, expected a string"
        );
        assert_eq!(
            redact_values("missing field `token`"),
            "missing field `token`"
        );
    }

    fn client(json: &str) -> Result<CallSettings, Error> {
        CallSettings::from_client(&serde_json::from_str(json).unwrap())
    }

    fn call(settings: &CallSettings, json: &str) -> Result<CallSettings, Error> {
        settings.for_call(&serde_json::from_str(json).unwrap())
    }

    #[test]
    fn call_options_override_client_defaults() {
        let client = client(r#"{"timeoutMs":5000,"retry":{"retries":4}}"#).unwrap();
        assert_eq!(client.timeout_ms, 5000);
        assert_eq!(client.retry.retries, 4);
        let call = call(&client, r#"{"totalTimeoutMs":9000,"retry":false}"#).unwrap();
        assert_eq!(
            (call.timeout_ms, call.total_timeout_ms, call.retry.retries),
            (5000, Some(9000), 0)
        );
        assert_eq!(CallSettings::default().timeout_ms, 30_000);
        assert_eq!(CallSettings::default().retry.retries, 2);
    }

    #[test]
    fn bad_numbers_and_types_name_their_field() {
        let e = call(&CallSettings::default(), r#"{"timeoutMs":-1}"#).unwrap_err();
        assert_eq!(
            (e.kind().as_str(), e.field()),
            ("invalidInput", Some("timeoutMs"))
        );
        let e = call(&CallSettings::default(), r#"{"timeoutMs":"fast"}"#).unwrap_err();
        assert_eq!(e.field(), Some("timeoutMs"));
        assert!(!e.to_string().contains("fast"), "{e}");
        let e = call(&CallSettings::default(), r#"{"retry":"yes"}"#).unwrap_err();
        assert_eq!(e.field(), Some("retry"));
        let e = client(r#"{"retry":{"retries":1.5}}"#).unwrap_err();
        assert_eq!(
            (e.kind().as_str(), e.field()),
            ("config", Some("retry.retries"))
        );
        let options: TransportOptions =
            serde_json::from_str(r#"{"allowInsecureHttp":"yes"}"#).unwrap();
        assert_eq!(
            options
                .base_url(None, "https://x.example")
                .unwrap_err()
                .field(),
            Some("allowInsecureHttp")
        );
        let e = CallSettings::default()
            .for_call(&CallOptions {
                timeout_ms: Some(f64::NAN.into()),
                ..Default::default()
            })
            .unwrap_err();
        assert_eq!(e.field(), Some("timeoutMs"));
    }

    #[test]
    fn options_deserialize_from_camel_case_json() {
        let o: CallOptions =
            serde_json::from_str(r#"{"timeoutMs":100,"retry":false,"signal":{}}"#).unwrap();
        assert_eq!(o.timeout_ms, Some(100.0.into()));
        assert_eq!(o.retry, Some(RetryOption::Enabled(false).into()));
        let o: CallOptions =
            serde_json::from_str(r#"{"retry":{"retries":1,"maxRetryAfterMs":10}}"#).unwrap();
        assert!(matches!(
            o.retry,
            Some(Lenient(Ok(RetryOption::Custom(RetryOptions {
                retries: Some(_),
                ..
            }))))
        ));
    }
}
