//! The one error type of the crate.
//!
//! Every failure, whatever its source, is an [`Error`]. The binding layer turns it,
//! in one place, into a JavaScript `Error` named `TidingsError` that carries
//! [`ErrorKind::as_str`] as `kind`, plus `status`, `provider` and `body` where known.
//!
//! No variant ever holds a credential: request headers are never copied into an
//! error, and configuration errors name the offending field, not its value.

use std::fmt;

use serde_json::Value;

/// Which service a request was meant for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// Tiledesk, the open-source support chat.
    Tiledesk,
    /// Flatchr, the recruiting ATS.
    Flatchr,
}

impl Provider {
    /// The lower-case name used in JavaScript (`error.provider`).
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Tiledesk => "tiledesk",
            Provider::Flatchr => "flatchr",
        }
    }
}

/// The body of an error response, as the server sent it.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorBody {
    /// The body parsed as JSON (`{"error": ...}`, `{"success":false,"msg":...}`, ...).
    Json(Value),
    /// The raw text, kept when the body is not JSON (`Unauthorized`, an HTML page).
    Text(String),
}

impl ErrorBody {
    /// Parses a response body: JSON when it is JSON, the raw text otherwise.
    pub fn parse(content_type: Option<&str>, text: &str) -> Option<ErrorBody> {
        if text.is_empty() {
            return None;
        }
        let says_json = content_type.is_some_and(|ct| ct.contains("json"));
        let looks_json = matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['));
        if says_json || looks_json {
            if let Ok(value) = serde_json::from_str(text) {
                return Some(ErrorBody::Json(value));
            }
        }
        Some(ErrorBody::Text(text.to_owned()))
    }

    /// A short human summary of the body for the error message: the server's own
    /// message field when there is one, else the start of the text.
    pub fn summary(&self) -> Option<String> {
        match self {
            ErrorBody::Json(value) => json_message(value),
            ErrorBody::Text(text) => {
                let trimmed = text.trim();
                if trimmed.is_empty() || trimmed.starts_with('<') {
                    None
                } else {
                    Some(truncate(trimmed, 200))
                }
            }
        }
    }
}

/// Finds the human message in the error shapes both servers use.
fn json_message(value: &Value) -> Option<String> {
    for key in ["message", "msg", "error", "err"] {
        if let Some(Value::String(s)) = value.get(key) {
            return Some(truncate(s, 200));
        }
    }
    match value.get("errors") {
        Some(Value::Array(items)) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|item| match item {
                    Value::String(s) => Some(s.clone()),
                    other => other.get("msg").and_then(Value::as_str).map(str::to_owned),
                })
                .collect();
            (!parts.is_empty()).then(|| truncate(&parts.join("; "), 200))
        }
        _ => None,
    }
}

fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

/// The category of an [`Error`], exposed to JavaScript as `error.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The server answered with a status outside 200–299.
    Http,
    /// The request never got an answer: connection refused, reset, DNS, CORS.
    Network,
    /// No complete answer arrived within the timeout.
    Timeout,
    /// The caller's `AbortSignal` cancelled the call.
    Aborted,
    /// The server answered 2xx but the body is not the expected shape.
    Decode,
    /// An argument of the call is invalid; nothing was sent.
    InvalidInput,
    /// The client options are invalid; nothing was sent.
    Config,
}

impl ErrorKind {
    /// The name used in JavaScript (`error.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Http => "http",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Decode => "decode",
            ErrorKind::InvalidInput => "invalidInput",
            ErrorKind::Config => "config",
        }
    }
}

/// Everything that can go wrong in a call.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The server answered with a non-2xx status.
    Http {
        /// The service that answered.
        provider: Provider,
        /// The HTTP status code.
        status: u16,
        /// The response body, parsed as JSON when possible.
        body: Option<ErrorBody>,
        /// How many attempts were made, retries included.
        attempts: u32,
        /// True for a failed send that the server may still have processed.
        may_have_been_sent: bool,
    },
    /// The request failed before any answer arrived.
    Network {
        /// The service the request was for.
        provider: Provider,
        /// What the runtime reported (no headers, no credentials).
        message: String,
        /// How many attempts were made, retries included.
        attempts: u32,
        /// True for a failed send that the server may still have processed.
        may_have_been_sent: bool,
    },
    /// No complete answer arrived in time.
    Timeout {
        /// The service the request was for.
        provider: Provider,
        /// The limit that ran out, in milliseconds.
        after_ms: u32,
        /// Whether the limit was the total budget across retries.
        total: bool,
        /// How many attempts were made, retries included.
        attempts: u32,
        /// True for a failed send that the server may still have processed.
        may_have_been_sent: bool,
    },
    /// The caller's `AbortSignal` cancelled the call.
    Aborted {
        /// The service the request was for.
        provider: Provider,
        /// True for a cancelled send that the server may still have processed.
        may_have_been_sent: bool,
    },
    /// A 2xx answer whose body is not what the endpoint returns.
    Decode {
        /// The service that answered.
        provider: Provider,
        /// The HTTP status code of the answer.
        status: u16,
        /// What did not match, from the JSON parser.
        message: String,
        /// The start of the body, to show what came instead.
        body_start: String,
    },
    /// A call argument is invalid; nothing was sent.
    InvalidInput {
        /// The offending argument, as a JavaScript property path (`message.text`).
        field: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// The client options are invalid; nothing was sent.
    Config {
        /// The offending option, as a JavaScript property path (`auth.password`).
        field: String,
        /// What is wrong and what to do.
        message: String,
    },
}

impl Error {
    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid_input(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::InvalidInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Config`].
    pub fn config(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Config {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The category, exposed to JavaScript as `error.kind`.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Http { .. } => ErrorKind::Http,
            Error::Network { .. } => ErrorKind::Network,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Aborted { .. } => ErrorKind::Aborted,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::Config { .. } => ErrorKind::Config,
        }
    }

    /// The service concerned, when a request was built.
    pub fn provider(&self) -> Option<Provider> {
        match self {
            Error::Http { provider, .. }
            | Error::Network { provider, .. }
            | Error::Timeout { provider, .. }
            | Error::Aborted { provider, .. }
            | Error::Decode { provider, .. } => Some(*provider),
            Error::InvalidInput { .. } | Error::Config { .. } => None,
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Http { status, .. } | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The offending field of an [`Error::InvalidInput`] or [`Error::Config`].
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } | Error::Config { field, .. } => Some(field),
            _ => None,
        }
    }

    /// How many attempts were made, for errors that come from the network.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Http { attempts, .. }
            | Error::Network { attempts, .. }
            | Error::Timeout { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// True when a send failed in a way that does not prove it was not processed.
    pub fn may_have_been_sent(&self) -> bool {
        match self {
            Error::Http {
                may_have_been_sent, ..
            }
            | Error::Network {
                may_have_been_sent, ..
            }
            | Error::Timeout {
                may_have_been_sent, ..
            }
            | Error::Aborted {
                may_have_been_sent, ..
            } => *may_have_been_sent,
            _ => false,
        }
    }

    /// Records the attempt count and whether a send may have gone through.
    pub fn after_attempts(mut self, count: u32, maybe_sent: bool) -> Error {
        match &mut self {
            Error::Http {
                attempts,
                may_have_been_sent,
                ..
            }
            | Error::Network {
                attempts,
                may_have_been_sent,
                ..
            }
            | Error::Timeout {
                attempts,
                may_have_been_sent,
                ..
            } => {
                *attempts = count;
                *may_have_been_sent = maybe_sent;
            }
            Error::Aborted {
                may_have_been_sent, ..
            } => *may_have_been_sent = maybe_sent,
            _ => {}
        }
        self
    }

    /// The response body of an [`Error::Http`].
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            Error::Http { body, .. } => body.as_ref(),
            _ => None,
        }
    }
}

const MAY_HAVE_BEEN_SENT: &str =
    " The message may have been sent: check before sending it again (it was not retried).";

fn attempts_suffix(f: &mut fmt::Formatter<'_>, attempts: u32) -> fmt::Result {
    if attempts > 1 {
        write!(f, " (after {attempts} attempts)")?;
    }
    Ok(())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Http {
                provider,
                status,
                body,
                attempts,
                may_have_been_sent,
            } => {
                write!(f, "{} answered HTTP {status}", provider.as_str())?;
                let summary = body.as_ref().and_then(ErrorBody::summary);
                if let Some(summary) = &summary {
                    write!(f, ": {}", summary.trim_end_matches('.'))?;
                }
                attempts_suffix(f, *attempts)?;
                f.write_str(".")?;
                if let Some(hint) = status_hint(*status) {
                    write!(f, " {hint}")?;
                }
                if *may_have_been_sent {
                    f.write_str(MAY_HAVE_BEEN_SENT)?;
                }
                Ok(())
            }
            Error::Network {
                provider,
                message,
                attempts,
                may_have_been_sent,
            } => {
                write!(f, "network error calling {}: {message}", provider.as_str())?;
                attempts_suffix(f, *attempts)?;
                f.write_str(". Check the base URL, the connection and, in a browser, CORS.")?;
                if *may_have_been_sent {
                    f.write_str(MAY_HAVE_BEEN_SENT)?;
                }
                Ok(())
            }
            Error::Timeout {
                provider,
                after_ms,
                total,
                attempts,
                may_have_been_sent,
            } => {
                let which = if *total { "total timeout" } else { "timeout" };
                write!(
                    f,
                    "{} did not answer within the {which} of {after_ms} ms",
                    provider.as_str()
                )?;
                attempts_suffix(f, *attempts)?;
                f.write_str(". Raise timeoutMs or totalTimeoutMs if the server is just slow.")?;
                if *may_have_been_sent {
                    f.write_str(MAY_HAVE_BEEN_SENT)?;
                }
                Ok(())
            }
            Error::Aborted {
                provider,
                may_have_been_sent,
            } => {
                write!(f, "the call to {} was aborted by its signal", provider.as_str())?;
                if *may_have_been_sent {
                    f.write_str(".")?;
                    f.write_str(MAY_HAVE_BEEN_SENT)?;
                }
                Ok(())
            }
            Error::Decode {
                provider,
                status,
                message,
                body_start,
            } => write!(
                f,
                "{} answered HTTP {status} with a body tidings cannot read ({message}); it starts with: {body_start:?}",
                provider.as_str()
            ),
            Error::InvalidInput { field, message } => write!(f, "invalid {field}: {message}"),
            Error::Config { field, message } => write!(f, "invalid client option {field}: {message}"),
        }
    }
}

fn status_hint(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "The server rejected the request: check the ids and the body.",
        401 => "Check the credentials in the client options.",
        403 => "The credentials are valid but lack access to this resource.",
        404 => "Check the ids: the resource does not exist.",
        422 => "The server rejected the message content.",
        429 => "Too many requests: slow down.",
        500..=599 => "The server failed; try again later.",
        _ => return None,
    })
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_is_json_when_json_and_text_otherwise() {
        let json = ErrorBody::parse(
            Some("application/json"),
            r#"{"error":"Invalid project id: x"}"#,
        );
        assert_eq!(
            json.as_ref().and_then(ErrorBody::summary).as_deref(),
            Some("Invalid project id: x")
        );
        assert!(matches!(json, Some(ErrorBody::Json(_))));
        let text = ErrorBody::parse(Some("text/plain"), "Unauthorized");
        assert_eq!(text, Some(ErrorBody::Text("Unauthorized".into())));
        let broken = ErrorBody::parse(Some("application/json"), "{\"error\":");
        assert_eq!(broken, Some(ErrorBody::Text("{\"error\":".into())));
        assert_eq!(ErrorBody::parse(None, ""), None);
    }

    #[test]
    fn summary_reads_every_error_shape_the_servers_use() {
        let cases = [
            (
                r#"{"success":false,"msg":"Object not found."}"#,
                "Object not found.",
            ),
            (r#"{"success":false,"message":"nope","err":{}}"#, "nope"),
            (
                r#"{"errors":["text field is required"]}"#,
                "text field is required",
            ),
            (r#"{"errors":[{"msg":"bad","param":"x"}]}"#, "bad"),
            (
                r#"{"statusCode":401,"error":"Unauthorized","message":"Invalid token"}"#,
                "Invalid token",
            ),
        ];
        for (body, expected) in cases {
            let parsed = ErrorBody::parse(Some("application/json"), body).unwrap();
            assert_eq!(parsed.summary().as_deref(), Some(expected), "{body}");
        }
    }

    #[test]
    fn display_says_what_happened_and_what_to_do() {
        let e = Error::Http {
            provider: Provider::Tiledesk,
            status: 401,
            body: Some(ErrorBody::Text("Unauthorized".into())),
            attempts: 1,
            may_have_been_sent: false,
        };
        assert_eq!(e.to_string(), "tiledesk answered HTTP 401: Unauthorized. Check the credentials in the client options.");
        let e = Error::Network {
            provider: Provider::Flatchr,
            message: "fetch failed".into(),
            attempts: 3,
            may_have_been_sent: true,
        };
        let text = e.to_string();
        assert!(text.contains("after 3 attempts"), "{text}");
        assert!(text.contains("may have been sent"), "{text}");
        assert_eq!(e.kind().as_str(), "network");
    }

    #[test]
    fn long_bodies_are_cut_in_messages() {
        let long = "x".repeat(1000);
        let body = ErrorBody::Text(long);
        assert_eq!(body.summary().unwrap().chars().count(), 201);
    }
}
