//! Request descriptions and response decoding: the sans-IO heart of the client.
//!
//! A provider client turns each call into a [`Call<T>`]: an [`HttpRequest`] (what
//! to send) plus the output type `T` (what a 2xx body decodes into). The one
//! transport in the binding layer performs it; everything here is plain Rust and
//! tested natively.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorBody, Provider};

/// The HTTP methods the two APIs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Reads; idempotent, so it may be retried.
    Get,
    /// Sends a message; never retried unless the server provably ignored it.
    Post,
}

impl Method {
    /// The method name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A header value that must never be shown: `Debug` and `Display` print
/// `[redacted]`; only the transport reads it, through [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The credential itself, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Returns `token` without a leading `scheme` word (any case) and the spaces
/// around it, so a token pasted with its scheme is not sent with it twice.
pub fn strip_scheme<'a>(token: &'a str, scheme: &str) -> &'a str {
    let token = token.trim();
    match token.get(..scheme.len()) {
        Some(word) if word.eq_ignore_ascii_case(scheme) => {
            let rest = &token[scheme.len()..];
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                rest.trim_start()
            } else {
                token
            }
        }
        _ => token,
    }
}

/// Checks a token for an `Authorization` header: not empty, and printable
/// ASCII only (header values are byte strings: `fetch` rejects anything else
/// on every call, so it is caught once, here). Never echoes the token.
pub fn check_token(field: &str, token: &str) -> Result<(), crate::Error> {
    if token.is_empty() {
        return Err(crate::Error::config(
            field,
            "is empty; pass the token exactly as issued",
        ));
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(crate::Error::config(
            field,
            "contains spaces, control or non-ASCII characters; pass the token exactly as issued",
        ));
    }
    Ok(())
}

/// Everything the transport needs to perform one request.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    /// Which service the request goes to (for errors).
    pub provider: Provider,
    /// GET or POST.
    pub method: Method,
    /// The absolute URL, every id percent-encoded.
    pub url: String,
    /// The `Authorization` header value.
    pub authorization: Secret,
    /// The JSON body of a POST.
    pub body: Option<String>,
}

impl HttpRequest {
    /// The headers to send, the credential included.
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = vec![
            ("accept", "application/json"),
            ("authorization", self.authorization.expose()),
        ];
        if self.body.is_some() {
            headers.push(("content-type", "application/json"));
        }
        headers
    }
}

/// The parts of an answer that decoding looks at.
#[derive(Debug, Clone, Copy)]
pub struct HttpResponse<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The whole body as text.
    pub body: &'a str,
}

impl HttpResponse<'_> {
    /// True for 200–299.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// One endpoint call: the request to send and the type its answer decodes into.
#[derive(Debug, Clone, PartialEq)]
pub struct Call<T> {
    /// What to send.
    pub request: HttpRequest,
    output: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Call<T> {
    /// Wraps a request whose 2xx answer decodes into `T`.
    pub fn new(request: HttpRequest) -> Call<T> {
        Call {
            request,
            output: PhantomData,
        }
    }

    /// Decodes an answer: `T` for a 2xx, an [`Error::Http`] otherwise.
    pub fn decode(&self, response: HttpResponse<'_>) -> Result<T, Error> {
        decode(self.request.provider, response)
    }
}

/// Decodes an answer from `provider`: `T` for a 2xx, an [`Error::Http`] otherwise.
pub fn decode<T: DeserializeOwned>(
    provider: Provider,
    response: HttpResponse<'_>,
) -> Result<T, Error> {
    if !response.is_success() {
        return Err(http_error(provider, response));
    }
    serde_json::from_str(response.body).map_err(|e| Error::Decode {
        provider,
        status: response.status,
        message: decode_message(&e, response.content_type),
        body_start: body_start(response.body),
    })
}

/// The error for a non-2xx answer (one attempt; the transport adds the count).
pub fn http_error(provider: Provider, response: HttpResponse<'_>) -> Error {
    Error::Http {
        provider,
        status: response.status,
        body: ErrorBody::parse(response.content_type, response.body),
        attempts: 1,
        may_have_been_sent: false,
    }
}

fn decode_message(e: &serde_json::Error, content_type: Option<&str>) -> String {
    let mut message = e.to_string();
    if let Some(ct) = content_type.filter(|ct| !ct.contains("json")) {
        message.push_str("; content-type was ");
        message.push_str(ct);
    }
    message
}

fn body_start(body: &str) -> String {
    body.chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Item {
        a: u32,
    }

    fn call() -> Call<Vec<Item>> {
        Call::new(HttpRequest {
            provider: Provider::Tiledesk,
            method: Method::Get,
            url: "http://127.0.0.1/x".into(),
            authorization: Secret::new("JWT secret-token".into()),
            body: None,
        })
    }

    #[test]
    fn schemes_are_stripped_once_and_only_as_a_word() {
        assert_eq!(strip_scheme("JWT abc", "JWT"), "abc");
        assert_eq!(strip_scheme(" jwt   abc ", "JWT"), "abc");
        assert_eq!(strip_scheme("JWT ", "JWT"), "");
        assert_eq!(strip_scheme("JWTabc", "JWT"), "JWTabc");
        assert_eq!(strip_scheme("Bearer", "Bearer"), "");
        assert_eq!(strip_scheme("abc", "Bearer"), "abc");
    }

    #[test]
    fn debug_never_shows_the_credential() {
        let text = format!("{:?}", call());
        assert!(!text.contains("secret-token"), "{text}");
        assert!(text.contains("[redacted]"));
    }

    #[test]
    fn decodes_2xx_and_maps_other_statuses() {
        let ok = call().decode(HttpResponse {
            status: 200,
            content_type: None,
            body: r#"[{"a":1}]"#,
        });
        assert_eq!(ok.unwrap(), vec![Item { a: 1 }]);
        let err = call()
            .decode(HttpResponse {
                status: 404,
                content_type: Some("application/json"),
                body: r#"{"msg":"gone"}"#,
            })
            .unwrap_err();
        assert_eq!(err.status(), Some(404));
        assert_eq!(err.kind().as_str(), "http");
    }

    #[test]
    fn wrong_shapes_are_decode_errors_that_show_the_body_start() {
        let err = call()
            .decode(HttpResponse {
                status: 200,
                content_type: Some("text/html"),
                body: "<html>oops</html>",
            })
            .unwrap_err();
        assert_eq!(err.kind().as_str(), "decode");
        let text = err.to_string();
        assert!(text.contains("<html>oops"), "{text}");
        assert!(text.contains("content-type was text/html"), "{text}");
        let err = call()
            .decode(HttpResponse {
                status: 200,
                content_type: None,
                body: r#"{"a":1}"#,
            })
            .unwrap_err();
        assert!(err.to_string().contains("expected a sequence"), "{err}");
    }

    #[test]
    fn post_requests_say_their_content_type() {
        let mut request = call().request;
        request.body = Some("{}".into());
        request.method = Method::Post;
        assert!(request
            .headers()
            .contains(&("content-type", "application/json")));
    }
}
