//! What goes over the wire: request descriptions, answers, and decoding.
//!
//! An [`crate::endpoint::Api`] turns an endpoint value into an [`HttpRequest`];
//! the one transport in the binding layer performs it and hands back an
//! [`HttpResponse`], which [`decode`] turns into the endpoint's output or an
//! error. Everything here is plain Rust, tested natively.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use tidings_transcode::{Numbers, Output};

use crate::auth::Secret;
use crate::error::{Error, ErrorBody, ErrorKind, Provider};

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

/// Everything the transport needs to perform one request. `Debug` shows
/// neither the credential nor the body (a sign-in's body holds a password).
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// Which service the request goes to (for errors).
    pub provider: Provider,
    /// GET or POST.
    pub method: Method,
    /// The absolute URL, every id percent-encoded.
    pub url: String,
    /// The `Accept` header value.
    pub accept: &'static str,
    /// The `Authorization` header value; `None` sends no such header.
    pub authorization: Option<Secret>,
    /// A credential in the body (a sign-in's password), never sent as a header.
    pub credential: Option<Secret>,
    /// The JSON body of a POST.
    pub body: Option<String>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("provider", &self.provider)
            .field("method", &self.method)
            .field("url", &self.url)
            .field("accept", &self.accept)
            .field("authorization", &self.authorization)
            .field("body", &BodyLength(self.body.as_deref()))
            .finish()
    }
}

/// A request body in `Debug` output: its length, never its content.
pub(crate) struct BodyLength<'a>(pub(crate) Option<&'a str>);

impl fmt::Debug for BodyLength<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(body) => write!(f, "[{} bytes]", body.len()),
            None => f.write_str("None"),
        }
    }
}

impl HttpRequest {
    /// The headers to send, the credential included.
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = vec![("accept", self.accept)];
        if let Some(authorization) = &self.authorization {
            headers.push(("authorization", authorization.expose()));
        }
        if self.body.is_some() {
            headers.push(("content-type", "application/json"));
        }
        headers
    }
}

/// The parts of an answer that retrying and decoding look at.
#[derive(Debug, Clone, Copy)]
pub struct HttpResponse<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The `Retry-After` header, if any.
    pub retry_after: Option<&'a str>,
    /// The whole body as text.
    pub body: &'a str,
}

impl HttpResponse<'_> {
    /// True for 200–299.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The error this answer is when it is not a success (one attempt's view:
    /// the retry machine adds the call's context).
    pub fn error_kind(&self) -> ErrorKind {
        ErrorKind::Http {
            status: self.status,
            body: ErrorBody::parse(self.content_type, self.body),
        }
    }
}

/// The most items one answer's list may hold. With `maxResponseBytes`, this
/// bounds the memory a decode takes: a body of the largest size allowed,
/// made of the smallest items that decode (`{"id":1},` repeated), would
/// otherwise need gigabytes of decoded structs, more than a wasm32 instance
/// addresses. Real conversations are far shorter.
pub const MAX_LIST_ITEMS: usize = tidings_transcode::MAX_LIST_ITEMS;

/// A list of at most [`MAX_LIST_ITEMS`] items, serialized as a plain array.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct List<T>(pub Vec<T>);

impl<T> std::ops::Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    if items.len() == MAX_LIST_ITEMS {
                        return Err(serde::de::Error::custom(format_args!(
                            "the list holds more than {MAX_LIST_ITEMS} items, more than tidings decodes in one answer"
                        )));
                    }
                    items.push(item);
                }
                Ok(List(items))
            }
        }
        deserializer.deserialize_seq(Items(PhantomData))
    }
}

/// Decodes a 2xx answer from `provider` into the Rust model `T` (for native
/// callers; the wasm build decodes answers with [`transcode`], which the tests
/// check against this); a body of another shape is an [`ErrorKind::Decode`]
/// that shows how the body starts.
pub fn decode<T: DeserializeOwned>(
    provider: Provider,
    response: HttpResponse<'_>,
) -> Result<T, Error> {
    serde_json::from_str(response.body)
        .map_err(|e| decode_error(provider, &response, e.to_string()))
}

/// Decodes a 2xx answer from `provider` as `output` describes, into the JSON
/// text of the JavaScript value (ASCII only: every other character escaped).
/// A body of another shape is an [`ErrorKind::Decode`] naming the field and
/// the byte offset, and showing how the body starts.
pub fn transcode(
    provider: Provider,
    output: Output,
    response: HttpResponse<'_>,
) -> Result<String, Error> {
    tidings_transcode::transform(response.body, output, &HostNumbers).map_err(|e| {
        let mut message = String::new();
        e.push_message(&mut message);
        decode_error(provider, &response, message)
    })
}

/// The [`ErrorKind::Decode`] of a 2xx answer that did not decode: `message`,
/// the content-type when it is not JSON, and how the body starts.
fn decode_error(provider: Provider, response: &HttpResponse<'_>, mut message: String) -> Error {
    if let Some(ct) = response
        .content_type
        .filter(|ct| !crate::text::contains(ct, "json"))
    {
        message.push_str("; content-type was ");
        message.push_str(ct);
    }
    Error::request(
        provider,
        ErrorKind::Decode {
            status: response.status,
            message,
            body_start: crate::text::first_chars(response.body, 120).to_owned(),
        },
    )
}

/// Reads a 2xx answer from `provider` as text, as it is (CSV). An HTML page
/// (a proxy's or a web app's answer at a wrong base URL) is an
/// [`ErrorKind::Decode`], not text.
pub fn text(provider: Provider, response: HttpResponse<'_>) -> Result<String, Error> {
    if response
        .content_type
        .is_some_and(|ct| crate::text::contains(ct, "html"))
    {
        return Err(Error::request(
            provider,
            ErrorKind::Decode {
                status: response.status,
                message: "expected CSV text, got an HTML page; check the base URL".to_owned(),
                body_start: crate::text::first_chars(response.body, 120).to_owned(),
            },
        ));
    }
    Ok(response.body.to_owned())
}

/// The host's number parser, for the rare numbers the transform cannot copy
/// (ids sent as non-integer numbers, statuses spelt as decimals).
struct HostNumbers;

#[cfg(target_arch = "wasm32")]
impl Numbers for HostNumbers {
    fn to_f64(&self, token: &str) -> f64 {
        // `token` is a JSON number (the transform checked it): `JSON.parse`
        // rounds it as `parseFloat` would, through an import whose signature
        // others share (V8 compiles a wrapper per import signature).
        crate::bindings::host::json_parse(token)
            .ok()
            .and_then(|value| value.as_f64())
            .unwrap_or(f64::NAN)
    }

    fn write_id(&self, token: &str, out: &mut Vec<u8>) {
        out.extend_from_slice(crate::bindings::host::number_text(token).as_bytes());
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Numbers for HostNumbers {
    fn to_f64(&self, token: &str) -> f64 {
        token.parse().unwrap_or(f64::NAN)
    }

    fn write_id(&self, token: &str, out: &mut Vec<u8>) {
        out.extend_from_slice(js_string(self.to_f64(token)).as_bytes());
    }
}

/// What JavaScript's `String()` writes for a finite double.
#[cfg(not(target_arch = "wasm32"))]
pub fn js_string(value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    let magnitude = value.abs();
    if (1e-7..1e21).contains(&magnitude) && magnitude >= 1e-6 {
        return format!("{value}");
    }
    let text = format!("{value:e}");
    match text.split_once('e') {
        Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Item {
        a: u32,
    }

    fn answer(
        status: u16,
        content_type: Option<&'static str>,
        body: &'static str,
    ) -> HttpResponse<'static> {
        HttpResponse {
            status,
            content_type,
            retry_after: None,
            body,
        }
    }

    #[test]
    fn decodes_2xx_and_describes_other_statuses() {
        let ok = decode::<Vec<Item>>(Provider::Tiledesk, answer(200, None, r#"[{"a":1}]"#));
        assert_eq!(ok.unwrap(), vec![Item { a: 1 }]);
        let failed = answer(404, Some("application/json"), r#"{"msg":"gone"}"#);
        assert!(!failed.is_success());
        assert!(matches!(
            failed.error_kind(),
            ErrorKind::Http {
                status: 404,
                body: Some(ErrorBody::Json(_))
            }
        ));
    }

    #[test]
    fn lists_decode_up_to_their_limit() {
        let ok = decode::<List<Item>>(
            Provider::Tiledesk,
            answer(200, None, r#"[{"a":1},{"a":2}]"#),
        );
        assert_eq!(ok.unwrap().0, vec![Item { a: 1 }, Item { a: 2 }]);
        let body: &'static str = Box::leak(
            format!("[{}{{\"a\":1}}]", "{\"a\":1},".repeat(MAX_LIST_ITEMS)).into_boxed_str(),
        );
        let err = decode::<List<Item>>(Provider::Tiledesk, answer(200, None, body)).unwrap_err();
        assert!(err.to_string().contains("more than 500000 items"), "{err}");
        assert_eq!(err.kind.name(), "decode");
    }

    #[test]
    fn wrong_shapes_are_decode_errors_that_show_the_body_start() {
        let err = decode::<Vec<Item>>(
            Provider::Flatchr,
            answer(200, Some("text/html"), "<html>oops</html>"),
        )
        .unwrap_err();
        assert_eq!(err.kind.name(), "decode");
        assert_eq!(err.context.provider, Some(Provider::Flatchr));
        let text = err.to_string();
        assert!(text.contains("<html>oops"), "{text}");
        assert!(text.contains("content-type was text/html"), "{text}");
        let err =
            decode::<Vec<Item>>(Provider::Tiledesk, answer(200, None, r#"{"a":1}"#)).unwrap_err();
        assert!(err.to_string().contains("expected a sequence"), "{err}");
    }

    #[test]
    fn requests_never_show_the_credential_and_say_their_content_type() {
        let request = HttpRequest {
            provider: Provider::Tiledesk,
            method: Method::Post,
            url: "http://127.0.0.1/x".into(),
            accept: "application/json",
            authorization: Some(Secret::new("JWT secret-token".into())),
            credential: None,
            body: Some("{}".into()),
        };
        let text = format!("{request:?}");
        assert!(!text.contains("secret-token"), "{text}");
        assert!(text.contains("body: [2 bytes]"), "{text}");
        assert!(request
            .headers()
            .contains(&("content-type", "application/json")));
    }
}
