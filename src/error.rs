//! The one error type of the crate.
//!
//! Every failure, whatever its source, is an [`Error`]. The binding layer turns it,
//! in one place, into a JavaScript `Error` named `TidingsError` that carries
//! [`ErrorKind::name`] as `kind`, plus `status`, `provider` and `body` where known.
//!
//! No variant ever holds a credential: request headers are never copied into an
//! error, and configuration errors name the offending field, not its value.

use std::fmt;

use tidings_transcode::Json;

use crate::text::{msg, push};

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
    /// A body that is valid JSON (`{"error": ...}`, `{"success":false,"msg":...}`, ...),
    /// as its text: JavaScript parses it into `error.body`.
    Json(String),
    /// The raw text, kept when the body is not JSON (`Unauthorized`, an HTML page).
    Text(String),
}

impl ErrorBody {
    /// Parses a response body: JSON when it is JSON, the raw text otherwise.
    pub fn parse(content_type: Option<&str>, text: &str) -> Option<ErrorBody> {
        if text.is_empty() {
            return None;
        }
        let says_json = content_type.is_some_and(|ct| crate::text::contains(ct, "json"));
        let looks_json = matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['));
        if says_json || looks_json {
            if let Ok(json) = Json::parse(text) {
                return Some(ErrorBody::Json(json.text().to_owned()));
            }
        }
        Some(ErrorBody::Text(text.to_owned()))
    }

    /// A short human summary of the body for the error message: the server's own
    /// message field when there is one, else the start of the text.
    pub fn summary(&self) -> Option<String> {
        match self {
            ErrorBody::Json(text) => json_message(Json::parse(text).ok()?),
            ErrorBody::Text(text) => {
                let trimmed = text.trim();
                if trimmed.is_empty() || trimmed.starts_with("<") {
                    None
                } else {
                    Some(truncate(trimmed, 200))
                }
            }
        }
    }
}

/// Finds the human message in the error shapes both servers use.
fn json_message(value: Json<'_>) -> Option<String> {
    for key in ["message", "msg", "error", "err"] {
        if let Some(s) = value.get(key).and_then(|v| v.as_str()) {
            return Some(truncate(&s, 200));
        }
    }
    let mut joined = String::new();
    for item in value.get("errors")?.items()? {
        if let Some(part) = item.as_str().or_else(|| item.get("msg")?.as_str()) {
            if !joined.is_empty() {
                joined.push_str("; ");
            }
            joined.push_str(&part);
        }
    }
    (!joined.is_empty()).then(|| truncate(&joined, 200))
}

/// Appends `text` in double quotes, escaping quotes, backslashes and control
/// characters (what `{:?}` does, without its Unicode tables in the wasm).
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                out.push_str("\\u{");
                let code = u32::from(c);
                for shift in (0..8).rev().map(|n| n * 4) {
                    if code >> shift != 0 || shift == 0 {
                        out.push(char::from(
                            b"0123456789abcdef"[(code >> shift) as usize & 15],
                        ));
                    }
                }
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn truncate(s: &str, max_chars: usize) -> String {
    let kept = crate::text::first_chars(s, max_chars);
    if kept.len() < s.len() {
        msg!(kept, "…")
    } else {
        s.to_owned()
    }
}

/// Declares [`ErrorKind`]'s names once: its `name()` and the TypeScript union
/// `TidingsErrorKind` both come from this list.
macro_rules! kind_names {
    ($($variant:ident => $name:literal,)*) => {
        impl ErrorKind {
            /// The name JavaScript sees as `error.kind`.
            pub fn name(&self) -> &'static str {
                match self {
                    $(ErrorKind::$variant { .. } => $name,)*
                }
            }
        }

        /// The TypeScript declaration of every `error.kind`.
        pub const KIND_NAMES_TS: &str = concat!(
            "/** What went wrong, as `TidingsError.kind`. */\nexport type TidingsErrorKind = never",
            $(" | \"", $name, "\"",)*
            ";\n"
        );
    };
}

/// What went wrong, with the details of that kind.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// The server answered with a status outside 200–299.
    Http {
        /// The HTTP status code.
        status: u16,
        /// The response body, parsed as JSON when possible.
        body: Option<ErrorBody>,
    },
    /// No answer arrived: connection refused or reset, DNS, CORS.
    Network {
        /// What the runtime reported (no headers, no credentials).
        message: String,
    },
    /// No complete answer arrived in time.
    Timeout {
        /// The limit that ran out, in milliseconds.
        after_ms: u32,
        /// Whether the limit was the total budget across retries.
        total: bool,
    },
    /// The caller's `AbortSignal` cancelled the call.
    Aborted,
    /// The answer's body is longer than `maxResponseBytes`; it was not read
    /// (the request was aborted as soon as that was known).
    TooLarge {
        /// The HTTP status of the answer.
        status: u16,
        /// The limit, in bytes.
        limit: u32,
    },
    /// A redirect that tidings does not follow.
    Redirect {
        /// The HTTP status, 0 when the runtime hides it (a browser).
        status: u16,
        /// The absolute target, when known.
        location: Option<String>,
        /// Why it was not followed.
        reason: RedirectReason,
    },
    /// A 2xx answer whose body is not what the endpoint returns.
    Decode {
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

kind_names! {
    Http => "http",
    Network => "network",
    Timeout => "timeout",
    Aborted => "aborted",
    TooLarge => "tooLarge",
    Redirect => "redirect",
    Decode => "decode",
    InvalidInput => "invalidInput",
    Config => "config",
}

/// Why a redirect was not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectReason {
    /// The target is on another origin: credentials and messages never go there.
    OtherOrigin,
    /// A 301, 302 or 303 to a send: following it would turn it into a GET.
    WouldBecomeGet,
    /// The runtime hides the redirect's target (a browser's manual redirect).
    Hidden,
    /// More redirects than one call follows.
    TooMany,
    /// A 3xx status that is not a redirect to follow (300, 304, ...).
    NotARedirect,
}

/// What is known of the call an error came from, whatever its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context {
    /// The service concerned, once a request was built.
    pub provider: Option<Provider>,
    /// How many attempts were made, retries included (0 before any request).
    pub attempts: u32,
    /// True when a send failed in a way that does not prove it was not processed.
    pub may_have_been_sent: bool,
}

/// Everything that can go wrong in a call: a kind and the call's context
/// (its fields, [`Parts::kind`] and [`Parts::context`], are read through it).
///
/// One pointer: a `Result` carrying it is as small as its `Ok` value, so
/// passing an error up with `?` moves a word, not the whole error (the wasm
/// stays smaller).
#[derive(Clone, PartialEq)]
pub struct Error(Box<Parts>);

/// What an [`Error`] holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Parts {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The call it happened in.
    pub context: Context,
}

impl std::ops::Deref for Error {
    type Target = Parts;
    fn deref(&self) -> &Parts {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut Parts {
        &mut self.0
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("context", &self.context)
            .finish()
    }
}

impl Error {
    /// An error of `kind` in `context`.
    pub fn new(kind: ErrorKind, context: Context) -> Error {
        Error(Box::new(Parts { kind, context }))
    }

    /// What the error holds, by value.
    pub fn into_parts(self) -> Parts {
        *self.0
    }

    /// An error of `kind` for a request to `provider` (attempt counts come later).
    pub fn request(provider: Provider, kind: ErrorKind) -> Error {
        Error::new(
            kind,
            Context {
                provider: Some(provider),
                ..Context::default()
            },
        )
    }

    /// An invalid call argument; nothing was sent.
    pub fn invalid_input(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::wrong(true, field.into(), message.into())
    }

    /// An invalid client option; nothing was sent.
    pub fn config(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::wrong(false, field.into(), message.into())
    }

    /// The part of [`Error::invalid_input`] and [`Error::config`] that is not
    /// generic (one copy in the wasm).
    #[inline(never)]
    fn wrong(call: bool, field: String, message: String) -> Error {
        if call {
            ErrorKind::InvalidInput { field, message }
        } else {
            ErrorKind::Config { field, message }
        }
        .into()
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self.kind {
            ErrorKind::Http { status, .. }
            | ErrorKind::Decode { status, .. }
            | ErrorKind::TooLarge { status, .. } => Some(status),
            ErrorKind::Redirect { status, .. } if status != 0 => Some(status),
            _ => None,
        }
    }

    /// This error without any string that would reveal `secret`, whatever a
    /// server or the runtime echoed into it: its messages, its body (text, or
    /// every string of JSON, keys included), the start of an unreadable body
    /// and a redirect's target.
    pub fn redacted(mut self, secret: &crate::auth::Secret) -> Error {
        match &mut self.kind {
            ErrorKind::Http { body, .. } => match body {
                Some(ErrorBody::Json(text)) => *text = secret.redact_json(text),
                Some(ErrorBody::Text(text)) => *text = secret.redact(text),
                None => {}
            },
            ErrorKind::Network { message } => *message = secret.redact(message),
            ErrorKind::Decode {
                message,
                body_start,
                ..
            } => {
                *message = secret.redact(message);
                *body_start = secret.redact_cut(body_start);
            }
            ErrorKind::Redirect {
                location: Some(location),
                ..
            } => *location = secret.redact(location),
            _ => {}
        }
        self
    }

    /// The offending field of an invalid input or option.
    pub fn field(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::InvalidInput { field, .. } | ErrorKind::Config { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind, Context::default())
    }
}

impl Error {
    /// The message JavaScript sees as `error.message`: what went wrong and what
    /// to do (built by pushes: no `core::fmt` in the wasm).
    pub fn message(&self) -> String {
        let provider = self.context.provider.map_or("the server", Provider::as_str);
        let mut out = String::new();
        let f = &mut out;
        match &self.kind {
            ErrorKind::Http { status, body } => {
                push!(f, provider, " answered HTTP ", status);
                if let Some(summary) = body.as_ref().and_then(ErrorBody::summary) {
                    push!(f, ": ", crate::text::trim_end_byte(&summary, b'.'));
                }
            }
            ErrorKind::Network { message } => {
                push!(f, "network error calling ", provider, ": ", message)
            }
            ErrorKind::Timeout { after_ms, total } => {
                let which = if *total { "total timeout" } else { "timeout" };
                push!(f, provider, " did not answer within the ", which, " of ", after_ms, " ms")
            }
            ErrorKind::Aborted => push!(f, "the call to ", provider, " was aborted by its signal"),
            ErrorKind::TooLarge { status, limit } => push!(
                f,
                provider,
                " answered HTTP ",
                status,
                " with a body larger than maxResponseBytes (",
                limit,
                " bytes); it was not read. Raise maxResponseBytes (a client or call option) if such answers are expected"
            ),
            ErrorKind::Redirect {
                status,
                location,
                reason,
            } => {
                if *status == 0 {
                    push!(f, provider, " answered with a redirect");
                } else {
                    push!(f, provider, " answered HTTP ", status);
                }
                if let Some(location) = location {
                    push!(f, " to ", location);
                }
                f.push_str(match reason {
                    RedirectReason::OtherOrigin => ", another origin: not followed (credentials and messages only go to the base URL's origin)",
                    RedirectReason::WouldBecomeGet => ": not followed (it would turn the send into a GET)",
                    RedirectReason::Hidden => ", whose target the runtime hides: not followed",
                    RedirectReason::TooMany => ": not followed (too many redirects)",
                    RedirectReason::NotARedirect => ": not followed",
                });
                if matches!(status, 307 | 308) && *reason == RedirectReason::OtherOrigin {
                    f.push_str("; a 307 or 308 means this server did not process the request, and nothing was sent to the other origin");
                }
            }
            ErrorKind::Decode {
                status,
                message,
                body_start,
            } => {
                push!(
                    f,
                    provider,
                    " answered HTTP ",
                    status,
                    " with a body tidings cannot read (",
                    message,
                    "); it starts with: "
                );
                push_quoted(f, body_start)
            }
            ErrorKind::InvalidInput { field, message } => {
                return msg!("invalid ", field, ": ", message)
            }
            ErrorKind::Config { field, message } => {
                return msg!("invalid client option ", field, ": ", message)
            }
        }
        if self.context.attempts > 1 {
            push!(f, " (after ", self.context.attempts, " attempts)");
        }
        let hint = match &self.kind {
            ErrorKind::Http { status, .. } => status_hint(*status),
            ErrorKind::Network { .. } => {
                Some("Check the base URL, the connection and, in a browser, CORS.")
            }
            ErrorKind::Timeout { .. } => {
                Some("Raise timeoutMs or totalTimeoutMs if the server is just slow.")
            }
            ErrorKind::Redirect { .. } => Some("Use the final address as the base URL."),
            _ => None,
        };
        let answered_or_tried = matches!(
            self.kind,
            ErrorKind::Http { .. }
                | ErrorKind::Network { .. }
                | ErrorKind::Timeout { .. }
                | ErrorKind::TooLarge { .. }
                | ErrorKind::Redirect { .. }
        );
        if answered_or_tried || self.context.may_have_been_sent {
            f.push('.');
        }
        if let Some(hint) = hint {
            push!(f, " ", hint);
        }
        if self.context.may_have_been_sent {
            f.push_str(
                " The request may have been sent and processed: check before sending it again (it was not retried).",
            );
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
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

    fn at(provider: Provider, kind: ErrorKind, attempts: u32, sent: bool) -> Error {
        Error::new(
            kind,
            Context {
                provider: Some(provider),
                attempts,
                may_have_been_sent: sent,
            },
        )
    }

    #[test]
    fn display_says_what_happened_and_what_to_do() {
        let body = Some(ErrorBody::Text("Unauthorized".into()));
        let e = at(
            Provider::Tiledesk,
            ErrorKind::Http { status: 401, body },
            1,
            false,
        );
        assert_eq!(e.to_string(), "tiledesk answered HTTP 401: Unauthorized. Check the credentials in the client options.");
        let message = "fetch failed".into();
        let e = at(Provider::Flatchr, ErrorKind::Network { message }, 3, true);
        let text = e.to_string();
        assert!(text.contains("after 3 attempts"), "{text}");
        assert!(text.contains("may have been sent"), "{text}");
        assert_eq!(e.kind.name(), "network");
        let e = at(Provider::Flatchr, ErrorKind::Aborted, 1, false);
        assert_eq!(
            e.to_string(),
            "the call to flatchr was aborted by its signal"
        );
        let e = at(Provider::Tiledesk, ErrorKind::Aborted, 1, true);
        assert!(e
            .to_string()
            .starts_with("the call to tiledesk was aborted by its signal. The request may"));
        let e = at(
            Provider::Tiledesk,
            ErrorKind::Timeout {
                after_ms: 50,
                total: true,
            },
            2,
            false,
        );
        assert_eq!(e.to_string(), "tiledesk did not answer within the total timeout of 50 ms (after 2 attempts). Raise timeoutMs or totalTimeoutMs if the server is just slow.");
    }

    #[test]
    fn the_typescript_union_lists_every_kind() {
        assert!(KIND_NAMES_TS.ends_with(
            "never | \"http\" | \"network\" | \"timeout\" | \"aborted\" | \"tooLarge\" | \"redirect\" | \"decode\" | \"invalidInput\" | \"config\";\n"
        ));
    }

    #[test]
    fn long_bodies_are_cut_in_messages() {
        let long = "x".repeat(1000);
        let body = ErrorBody::Text(long);
        assert_eq!(body.summary().unwrap().chars().count(), 201);
    }
}
