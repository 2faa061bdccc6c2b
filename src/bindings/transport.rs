//! The one transport: performs an [`HttpRequest`] through `fetch`.
//!
//! A call is a [`Call`], a value the wasm exports, driven by `drive()` in
//! `attempt.js`: for each attempt the driver asks [`Call::begin`] for its
//! time limit, runs one `attempt()` (`fetch` with `redirect: 'manual'`, the
//! whole body read while its bytes are counted, raced against the limit and
//! the caller's signal), and hands how it ended to [`Call::ended`], which
//! says what follows: wait, follow a redirect, or finish. [`Call::finish`]
//! decodes the answer or makes the error. Every decision (retry, wait,
//! follow, give up) is made by [`Attempts`], the pure state machine in the
//! core, and every conversion here: the driver only runs timers and `fetch`
//! between synchronous calls, so no Rust future, closure or promise hand-off
//! is involved.
//!
//! `fetch` is looked up on the global object at call time and invoked with the
//! global object as `this`, so the same build works in a window, a worker, an
//! extension service worker and Node 18+; a caller may pass its own `fetch`.

use wasm_bindgen::prelude::*;

use super::host::{
    call_quietly, date_now, json_parse, math_random, new_object, promise_reject, reflect_get,
    reflect_set, utf8_lossy,
};

use super::js_error::{to_js, to_js_with};
use crate::endpoint::Answer as Decode;
use crate::error::{Error, ErrorKind};
use crate::http::{text, transcode, HttpRequest, HttpResponse, Method};
use crate::options::CallSettings;
use crate::retry::{Attempts, Outcome, Step};

#[wasm_bindgen(module = "/src/bindings/attempt.js")]
extern "C" {
    /// Runs `call` (a [`Call`]) to its end; see `attempt.js`. Resolves with
    /// what [`Call::finish`] returns, rejects with what it throws.
    fn drive(
        call: JsValue,
        user_agent: &str,
        fetch: &JsValue,
        method: &str,
        url: &str,
        headers: &str,
        body: Option<String>,
        signal: &JsValue,
        max_bytes: f64,
    ) -> JsValue;
}

/// An answer read in full.
#[derive(Debug)]
struct Answer {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<String>,
    body: String,
    /// For a status outside 2xx: `[name, value]` pairs of the headers an error shows.
    headers: JsValue,
}

impl Answer {
    /// The parts retrying and decoding look at.
    fn response(&self) -> HttpResponse<'_> {
        HttpResponse {
            status: self.status,
            content_type: self.content_type.as_deref(),
            retry_after: self.retry_after.as_deref(),
            body: &self.body,
        }
    }
}

/// How an attempt ended, as `attempt.js` reports it.
#[derive(Debug)]
enum Ended {
    Answer(Answer),
    Redirect {
        status: u16,
        location: Option<String>,
        same_origin: bool,
    },
    TooLarge(u16),
    /// What to say, and what the runtime threw (undefined when nothing was thrown).
    Network(String, JsValue),
    Timeout,
    Aborted,
}

impl Ended {
    fn outcome(&self) -> Outcome<'_> {
        match self {
            Ended::Answer(answer) => Outcome::Answered(answer.response()),
            Ended::Redirect {
                status,
                location,
                same_origin,
            } => Outcome::Redirected {
                status: *status,
                location: location.as_deref(),
                same_origin: *same_origin,
            },
            Ended::TooLarge(status) => Outcome::TooLarge { status: *status },
            Ended::Network(message, _) => Outcome::Network(message),
            Ended::Timeout => Outcome::TimedOut,
            Ended::Aborted => Outcome::Aborted,
        }
    }
}

/// A caller's `AbortSignal`, duck-typed (a signal from another realm works)
/// and read through `Reflect`.
#[derive(Debug, Clone)]
pub(crate) struct Signal(JsValue);

impl Signal {
    /// `value` when it behaves as an `AbortSignal`.
    pub(crate) fn new(value: JsValue) -> Option<Signal> {
        let has = |key: &str| reflect_get(&value, &JsValue::from_str(key)).ok();
        let looks_like_signal = has("aborted").is_some_and(|v| v.as_bool().is_some())
            && has("addEventListener").is_some_and(|v| v.is_function())
            && has("removeEventListener").is_some_and(|v| v.is_function());
        looks_like_signal.then_some(Signal(value))
    }
}

/// The `user-agent` of requests from Node (browsers send their own, and
/// setting one there would make every request need a CORS preflight).
const USER_AGENT: &str = concat!("tidings/", env!("CARGO_PKG_VERSION"));

#[wasm_bindgen(typescript_custom_section)]
const DEBUG_EVENT_TS: &'static str = r#"
/**
 * What the `debug` option is called with, once per step of a call, in order:
 * each attempt (`request`), its answer (`response`) or why there was none
 * (`failure`), each wait before a retry (`retry`) and each redirect followed
 * (`redirect`). Credentials are never shown: the `authorization` header reads
 * "[redacted]", and any credential in a URL, location or message is redacted.
 */
export type TidingsDebugEvent =
  | { type: "request"; attempt: number; method: string; url: string; headers: Record<string, string> }
  | { type: "response"; attempt: number; status: number; ms: number; location?: string }
  | { type: "failure"; attempt: number; reason: "network" | "timeout" | "aborted" | "tooLarge"; ms: number; message?: string; status?: number }
  | { type: "retry"; attempt: number; waitMs: number }
  | { type: "redirect"; attempt: number; to: string };
"#;

/// A client's transport: which `fetch` to use and the default call settings.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    /// The caller's `fetch`, or undefined for the global one.
    pub(crate) fetch: JsValue,
    /// Timeouts and retries unless a call overrides them.
    pub(crate) defaults: CallSettings,
    /// The caller's `debug` function, called with each step of a call.
    pub(crate) debug: Option<JsValue>,
}

impl Transport {
    /// Performs `request`, retrying and following redirects as `settings`
    /// allow, and decodes its 2xx answer as `decode` says: a promise of the
    /// value, or rejected with the `TidingsError`.
    pub(crate) fn start(
        &self,
        request: HttpRequest,
        settings: CallSettings,
        signal: Option<Signal>,
        decode: Decode,
    ) -> JsValue {
        let attempts = Attempts::new(settings, request.method, request.provider, date_now());
        // `name \n value \n name \n value`: no header value holds a line break
        // (tokens are printable ASCII, the others are constants).
        let mut headers = String::new();
        for (name, value) in request.headers() {
            if !headers.is_empty() {
                headers.push('\n');
            }
            headers.push_str(name);
            headers.push('\n');
            headers.push_str(value);
        }
        let max_bytes = f64::from(attempts.max_response_bytes());
        let signal = signal.map_or(JsValue::UNDEFINED, |signal| signal.0);
        let method = request.method.as_str();
        let body = request.body.clone();
        let url = request.url.clone();
        let call = TidingsCall {
            url: request.url.clone(),
            request,
            attempts,
            debug: self.debug.clone(),
            decode,
            started: 0.0,
            ended: None,
            error: None,
        };
        drive(
            call.into(),
            USER_AGENT,
            &self.fetch,
            method,
            &url,
            &headers,
            body,
            &signal,
            max_bytes,
        )
    }
}

/// One call in flight, driven by `drive()` in `attempt.js` (which alone sees
/// it: the package does not export it). Holds the request, its
/// [`Attempts`] and how the last attempt ended.
#[wasm_bindgen(wasm_bindgen = super::wb, skip_typescript)]
#[derive(Debug)]
pub struct TidingsCall {
    request: HttpRequest,
    attempts: Attempts,
    debug: Option<JsValue>,
    decode: Decode,
    /// Where the next attempt goes (the request's URL, or a redirect's).
    url: String,
    /// When the current attempt started.
    started: f64,
    /// How the last attempt ended.
    ended: Option<Ended>,
    /// Why the call gave up, once it did.
    error: Option<Error>,
}

#[wasm_bindgen(wasm_bindgen = super::wb)]
impl TidingsCall {
    /// Starts an attempt and returns its time limit in milliseconds; when
    /// the caller's signal has fired (`aborted`), starts none and returns -1:
    /// the call is over ([`TidingsCall::finish`]).
    pub fn begin(&mut self, aborted: bool) -> f64 {
        if aborted {
            self.ended = None;
            self.error = Some(self.attempts.aborted_between());
            return -1.0;
        }
        let now = date_now();
        self.started = now;
        let limit = self.attempts.start(now);
        let attempt = self.attempts.made();
        emit(&self.debug, |event| {
            request_event(event, &self.request, &self.url, attempt)
        });
        limit
    }

    /// How the attempt ended (the fields of what `attempt()` resolved with;
    /// `fail` as a number: 1 timeout, 2 aborted, 3 too large, 4 network, 0 none),
    /// and what follows: a number of milliseconds to wait before the next
    /// attempt, a URL to make the same request to at once (a redirect), or
    /// undefined: the call is over ([`TidingsCall::finish`]).
    #[allow(clippy::too_many_arguments)]
    pub fn ended(
        &mut self,
        fail: u8,
        status: f64,
        content_type: Option<String>,
        retry_after: Option<String>,
        location: Option<String>,
        same_origin: bool,
        body: Option<Vec<u8>>,
        headers: JsValue,
        message: Option<String>,
        cause: JsValue,
    ) -> JsValue {
        let status = status as u16;
        let ended = match fail {
            1 => Ended::Timeout,
            2 => Ended::Aborted,
            3 => Ended::TooLarge(status),
            4 => Ended::Network(message.unwrap_or_else(|| "fetch failed".into()), cause),
            _ if status == 0 || (location.is_some() && (300..400).contains(&status)) => {
                Ended::Redirect {
                    status,
                    location,
                    same_origin,
                }
            }
            _ => Ended::Answer(Answer {
                status,
                content_type,
                retry_after,
                headers,
                // Invalid UTF-8 is replaced, exactly as `text()` does.
                body: String::from_utf8(body.unwrap_or_default())
                    .unwrap_or_else(|e| utf8_lossy(e.as_bytes())),
            }),
        };
        let now = date_now();
        let attempt = self.attempts.made();
        let request = &self.request;
        emit(&self.debug, |event| {
            ended_event(event, request, &ended, attempt, now - self.started)
        });
        let step = self.attempts.next(ended.outcome(), now, math_random());
        self.ended = Some(ended);
        match step {
            Step::Done => JsValue::UNDEFINED,
            Step::Follow(to) => {
                emit(&self.debug, |event| {
                    event.set("type", "redirect".into());
                    event.set("attempt", attempt.into());
                    event.set("to", redact(request, &to).into());
                });
                let next = JsValue::from_str(&to);
                self.url = to;
                next
            }
            Step::Wait(ms) => {
                emit(&self.debug, |event| {
                    event.set("type", "retry".into());
                    event.set("attempt", attempt.into());
                    event.set("waitMs", ms.into());
                });
                ms.into()
            }
            Step::GiveUp(error) => {
                self.error = Some(error);
                JsValue::UNDEFINED
            }
        }
    }

    /// The call's value: the 2xx answer decoded; a promise rejected with its
    /// `TidingsError` when it gave up or the answer does not decode
    /// (`drive()` returns either, so the call's promise settles the same).
    pub fn finish(self) -> JsValue {
        // Not a `Result`: an export that returns one returns several values,
        // and V8 compiles a JavaScript wrapper for each such signature when
        // it compiles the module.
        self.outcome()
            .unwrap_or_else(|error| promise_reject(&error))
    }
}

impl TidingsCall {
    /// The call's value, or its `TidingsError`.
    fn outcome(self) -> Result<JsValue, JsValue> {
        let TidingsCall {
            request,
            attempts,
            decode,
            ended,
            error,
            ..
        } = self;
        // Whatever the server or the runtime echoed, no error shows a credential.
        let secrets = [&request.authorization, &request.credential];
        let redact_text = |text: &str| {
            secrets
                .into_iter()
                .flatten()
                .fold(text.to_owned(), |text, secret| secret.redact(&text))
        };
        let redact = |error: Error| {
            secrets
                .into_iter()
                .flatten()
                .fold(error, |error, secret| error.redacted(secret))
        };
        let is_post = request.method == Method::Post;
        let answer = match (error, ended) {
            (None, Some(Ended::Answer(answer))) => answer,
            (error, ended) => {
                let (cause, headers) = match ended {
                    Some(Ended::Network(_, cause)) => (cause, JsValue::UNDEFINED),
                    Some(Ended::Answer(answer)) => (JsValue::UNDEFINED, answer.headers),
                    _ => (JsValue::UNDEFINED, JsValue::UNDEFINED),
                };
                // No error and no answer cannot happen: the driver finishes
                // after a give-up, an abort or an answer.
                let error = error.unwrap_or_else(|| attempts.aborted_between());
                return Err(to_js_with(&redact(error), &cause, &headers, &redact_text));
            }
        };
        let response = answer.response();
        let provider = request.provider;
        let value = match decode {
            Decode::Json(output) => transcode(provider, output, response).and_then(|json| {
                // The transform's output is valid JSON: this cannot fail.
                json_parse(&json).map_err(|_| {
                    Error::request(
                        provider,
                        ErrorKind::Decode {
                            status: response.status,
                            message: "JSON.parse rejected the decoded value".into(),
                            body_start: String::new(),
                        },
                    )
                })
            }),
            Decode::Text => text(provider, response).map(JsValue::from),
        };
        // A 2xx to a send means the server stored it, whatever its body.
        value.map_err(|e| to_js(&redact(attempts.error(e.into_parts().kind, is_post))))
    }
}

/// A debug event being made: a plain object, its properties set in order.
struct Event(JsValue);

impl Event {
    /// Sets the property `key`.
    #[inline(never)]
    fn set(&self, key: &str, value: JsValue) {
        let _ = reflect_set(&self.0, &JsValue::from_str(key), &value);
    }
}

/// Calls `debug` with the event `fields` makes; what it throws is ignored.
fn emit(debug: &Option<JsValue>, fields: impl FnOnce(&Event)) {
    let Some(debug) = debug else {
        return;
    };
    let event = Event(new_object());
    fields(&event);
    let _ = call_quietly(debug, &event.0);
}

/// `text` without any of the request's credentials.
fn redact(request: &HttpRequest, text: &str) -> String {
    [&request.authorization, &request.credential]
        .into_iter()
        .flatten()
        .fold(text.to_owned(), |text, secret| secret.redact(&text))
}

/// The `request` event of an attempt.
fn request_event(event: &Event, request: &HttpRequest, url: &str, attempt: u32) {
    let headers = Event(new_object());
    for (name, value) in request.headers() {
        let value = if name == "authorization" {
            "[redacted]".to_owned()
        } else {
            redact(request, value)
        };
        headers.set(name, value.into());
    }
    event.set("type", "request".into());
    event.set("attempt", attempt.into());
    event.set("method", request.method.as_str().into());
    event.set("url", redact(request, url).into());
    event.set("headers", headers.0);
}

/// The `response` or `failure` event of how an attempt ended.
fn ended_event(event: &Event, request: &HttpRequest, ended: &Ended, attempt: u32, ms: f64) {
    event.set("attempt", attempt.into());
    event.set("ms", ms.into());
    let failure = |reason: &str| {
        event.set("type", "failure".into());
        event.set("reason", reason.into());
    };
    match ended {
        Ended::Answer(answer) => {
            event.set("type", "response".into());
            event.set("status", answer.status.into());
        }
        Ended::Redirect {
            status, location, ..
        } => {
            event.set("type", "response".into());
            event.set("status", (*status).into());
            if let Some(location) = location {
                event.set("location", redact(request, location).into());
            }
        }
        Ended::TooLarge(status) => {
            failure("tooLarge");
            event.set("status", (*status).into());
        }
        Ended::Network(message, _) => {
            failure("network");
            event.set("message", redact(request, message).into());
        }
        Ended::Timeout => failure("timeout"),
        Ended::Aborted => failure("aborted"),
    }
}
