//! The one transport: performs an [`HttpRequest`] through `fetch`.
//!
//! Each attempt is one call of `attempt()` in `attempt.js`: it fetches with
//! `redirect: 'manual'`, reads the whole body while counting its bytes, and
//! races both against the attempt's time limit and the caller's signal, so
//! it settles whatever a caller's `fetch` does; it resolves with the answer
//! or why there is none, and never rejects. What follows each attempt
//! (retry, wait, follow a redirect, give up) is decided by [`Attempts`], the
//! pure state machine in the core: this file only drives it.
//!
//! `fetch` is looked up on the global object at call time and invoked with the
//! global object as `this`, so the same build works in a window, a worker, an
//! extension service worker and Node 18+; a caller may pass its own `fetch`.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::options::CallSettings;
use crate::retry::{Attempts, Outcome, Step};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

#[wasm_bindgen(module = "/src/bindings/attempt.js")]
extern "C" {
    /// One attempt; see `attempt.js`. Resolves, never rejects.
    fn attempt(
        user_agent: &str,
        fetch: Option<Function>,
        url: &str,
        init: &JsValue,
        limit_ms: f64,
        signal: &JsValue,
        max_bytes: f64,
    ) -> Promise;
}

/// An answer read in full.
#[derive(Debug)]
pub(crate) struct Answer {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<String>,
    body: String,
    /// For a status outside 2xx: `[name, value]` pairs of the headers an error shows.
    headers: JsValue,
}

impl Answer {
    /// The parts retrying and decoding look at.
    pub(crate) fn response(&self) -> HttpResponse<'_> {
        HttpResponse {
            status: self.status,
            content_type: self.content_type.as_deref(),
            retry_after: self.retry_after.as_deref(),
            body: &self.body,
        }
    }
}

/// How an attempt ended, as `attempt.js` reports it.
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

    /// Reads what `attempt()` resolved with (an object it made itself).
    fn read(result: &JsValue) -> Ended {
        let field = |key: &str| Reflect::get(result, &JsValue::from_str(key)).unwrap_or_default();
        let text = |key: &str| field(key).as_string();
        let status = field("status").as_f64().unwrap_or(0.0) as u16;
        match text("fail").as_deref() {
            Some("timeout") => return Ended::Timeout,
            Some("aborted") => return Ended::Aborted,
            Some("tooLarge") => return Ended::TooLarge(status),
            Some(_) => {
                return Ended::Network(
                    text("message").unwrap_or_else(|| "fetch failed".into()),
                    field("cause"),
                )
            }
            None => {}
        }
        let location = text("location");
        if status == 0 || (location.is_some() && (300..400).contains(&status)) {
            return Ended::Redirect {
                status,
                location,
                same_origin: field("sameOrigin").as_bool() == Some(true),
            };
        }
        // attempt.js always gives a Uint8Array here (no copy on the JS side).
        let bytes = field("body")
            .unchecked_into::<js_sys::Uint8Array>()
            .to_vec();
        Ended::Answer(Answer {
            status,
            content_type: text("contentType"),
            retry_after: text("retryAfter"),
            headers: field("headers"),
            // Invalid UTF-8 is replaced, exactly as `text()` does.
            body: String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        })
    }
}

/// A caller's `AbortSignal`, duck-typed (a signal from another realm works)
/// and read through `Reflect`.
#[derive(Debug, Clone)]
pub(crate) struct Signal(JsValue);

impl Signal {
    /// `value` when it behaves as an `AbortSignal`.
    pub(crate) fn new(value: JsValue) -> Option<Signal> {
        let has = |key: &str| Reflect::get(&value, &JsValue::from_str(key)).ok();
        let looks_like_signal = has("aborted").is_some_and(|v| v.as_bool().is_some())
            && has("addEventListener").is_some_and(|v| v.is_function())
            && has("removeEventListener").is_some_and(|v| v.is_function());
        looks_like_signal.then_some(Signal(value))
    }

    fn aborted(&self) -> bool {
        Reflect::get(&self.0, &"aborted".into()).is_ok_and(|v| v.as_bool() == Some(true))
    }

    fn listen(&self, method: &str, callback: &Function) {
        if let Some(method) = self::method(&self.0, method) {
            let _ = method.call2(&self.0, &"abort".into(), callback);
        }
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

/// A call that failed: its error, and what only JavaScript holds.
pub(crate) struct Failed {
    /// What went wrong.
    pub(crate) error: Error,
    /// For a network error, what the runtime threw (else undefined).
    pub(crate) cause: JsValue,
    /// For an error answer, `[name, value]` pairs of its headers that matter (else undefined).
    pub(crate) headers: JsValue,
}

impl From<Error> for Failed {
    fn from(error: Error) -> Failed {
        Failed {
            error,
            cause: JsValue::UNDEFINED,
            headers: JsValue::UNDEFINED,
        }
    }
}

/// A client's transport: which `fetch` to use and the default call settings.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    /// The caller's `fetch`, or `None` for the global one.
    pub(crate) fetch: Option<Function>,
    /// Timeouts and retries unless a call overrides them.
    pub(crate) defaults: CallSettings,
    /// The caller's `debug` function, called with each step of a call.
    pub(crate) debug: Option<Function>,
}

/// A property of a debug event.
type Field<'a> = (&'a str, JsValue);

impl Transport {
    /// Calls `debug` with the event `fields` makes; what it throws is ignored.
    fn emit(&self, fields: impl FnOnce() -> Vec<Field<'static>>) {
        let Some(debug) = &self.debug else {
            return;
        };
        let event = js_sys::Object::new();
        for (key, value) in fields() {
            let _ = Reflect::set(&event, &JsValue::from_str(key), &value);
        }
        let _ = debug.call1(&JsValue::UNDEFINED, &event);
    }
}

/// `text` without any of the request's credentials.
fn redact(request: &HttpRequest, text: &str) -> String {
    [&request.authorization, &request.credential]
        .into_iter()
        .flatten()
        .fold(text.to_owned(), |text, secret| secret.redact(&text))
}

/// The `request` event of an attempt.
fn request_event(request: &HttpRequest, url: &str, attempt: u32) -> Vec<Field<'static>> {
    let headers = js_sys::Object::new();
    for (name, value) in request.headers() {
        let value = if name == "authorization" {
            "[redacted]".to_owned()
        } else {
            redact(request, value)
        };
        let _ = Reflect::set(&headers, &JsValue::from_str(name), &value.into());
    }
    vec![
        ("type", "request".into()),
        ("attempt", attempt.into()),
        ("method", request.method.as_str().into()),
        ("url", redact(request, url).into()),
        ("headers", headers.into()),
    ]
}

/// The `response` or `failure` event of how an attempt ended.
fn ended_event(request: &HttpRequest, ended: &Ended, attempt: u32, ms: f64) -> Vec<Field<'static>> {
    let mut fields = vec![("attempt", JsValue::from(attempt)), ("ms", ms.into())];
    let failure = |reason: &str| [("type", "failure".into()), ("reason", reason.into())];
    match ended {
        Ended::Answer(answer) => fields.extend([
            ("type", "response".into()),
            ("status", answer.status.into()),
        ]),
        Ended::Redirect {
            status, location, ..
        } => {
            fields.extend([("type", "response".into()), ("status", (*status).into())]);
            if let Some(location) = location {
                fields.push(("location", redact(request, location).into()));
            }
        }
        Ended::TooLarge(status) => {
            fields.extend(failure("tooLarge"));
            fields.push(("status", (*status).into()));
        }
        Ended::Network(message, _) => {
            fields.extend(failure("network"));
            fields.push(("message", redact(request, message).into()));
        }
        Ended::Timeout => fields.extend(failure("timeout")),
        Ended::Aborted => fields.extend(failure("aborted")),
    }
    fields
}

/// A call that failed:
impl Transport {
    /// Performs `request`, retrying and following redirects as `settings`
    /// allow, and returns the 2xx answer with the attempts made (for the
    /// context of a decode error).
    pub(crate) async fn execute(
        &self,
        request: &HttpRequest,
        settings: CallSettings,
        signal: Option<&Signal>,
    ) -> Result<(Answer, Attempts), Failed> {
        let mut attempts = Attempts::new(
            settings,
            request.method,
            request.provider,
            js_sys::Date::now(),
        );
        let mut url = request.url.clone();
        loop {
            if signal.is_some_and(Signal::aborted) {
                return Err(attempts.aborted_between().into());
            }
            let started = js_sys::Date::now();
            let limit = attempts.start(started);
            let attempt = attempts.made();
            self.emit(|| request_event(request, &url, attempt));
            let ended = self
                .attempt(request, &url, limit, signal, attempts.max_response_bytes())
                .await;
            let now = js_sys::Date::now();
            self.emit(|| ended_event(request, &ended, attempt, now - started));
            match attempts.next(ended.outcome(), now, js_sys::Math::random()) {
                Step::Done => {
                    if let Ended::Answer(answer) = ended {
                        return Ok((answer, attempts));
                    }
                }
                Step::Follow(to) => {
                    self.emit(|| {
                        vec![
                            ("type", "redirect".into()),
                            ("attempt", attempt.into()),
                            ("to", redact(request, &to).into()),
                        ]
                    });
                    url = to;
                }
                Step::Wait(ms) => {
                    self.emit(|| {
                        vec![
                            ("type", "retry".into()),
                            ("attempt", attempt.into()),
                            ("waitMs", ms.into()),
                        ]
                    });
                    if sleep(ms, signal).await.is_err() {
                        return Err(attempts.aborted_between().into());
                    }
                }
                Step::GiveUp(error) => {
                    let (cause, headers) = match ended {
                        Ended::Network(_, cause) => (cause, JsValue::UNDEFINED),
                        Ended::Answer(answer) => (JsValue::UNDEFINED, answer.headers),
                        _ => (JsValue::UNDEFINED, JsValue::UNDEFINED),
                    };
                    return Err(Failed {
                        error,
                        cause,
                        headers,
                    });
                }
            }
        }
    }

    /// One request to `url` and its whole body, within `limit_ms`.
    async fn attempt(
        &self,
        request: &HttpRequest,
        url: &str,
        limit_ms: f64,
        signal: Option<&Signal>,
        max_bytes: u32,
    ) -> Ended {
        let init = match init(request) {
            Ok(init) => init,
            Err(_) => {
                return Ended::Network("the request could not be built".into(), JsValue::UNDEFINED)
            }
        };
        let signal = signal.map_or(JsValue::UNDEFINED, |signal| signal.0.clone());
        let promise = attempt(
            USER_AGENT,
            self.fetch.clone(),
            url,
            &init,
            limit_ms,
            &signal,
            f64::from(max_bytes),
        );
        match JsFuture::from(promise).await {
            Ok(result) => Ended::read(&result),
            Err(_) => Ended::Network("fetch failed".into(), JsValue::UNDEFINED),
        }
    }
}

/// The `init` of a `fetch` call for `request` (`attempt()` adds the signal
/// and `redirect: 'manual'`).
fn init(request: &HttpRequest) -> Result<JsValue, JsValue> {
    let init = js_sys::Object::new();
    let headers = js_sys::Object::new();
    for (name, value) in request.headers() {
        Reflect::set(
            &headers,
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        )?;
    }
    Reflect::set(&init, &"method".into(), &request.method.as_str().into())?;
    Reflect::set(&init, &"headers".into(), &headers)?;
    if let Some(body) = &request.body {
        Reflect::set(&init, &"body".into(), &JsValue::from_str(body))?;
    }
    Ok(init.into())
}

/// `target[name]` when it is a function.
fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()
}

/// Waits `ms`; `Err` when the caller's signal fires first.
async fn sleep(ms: u32, signal: Option<&Signal>) -> Result<(), ()> {
    if ms == 0 && signal.is_none() {
        return Ok(());
    }
    let settle: Rc<Cell<Option<(Function, Function)>>> = Rc::new(Cell::new(None));
    let promise = Promise::new(&mut |resolve, reject| settle.set(Some((resolve, reject))));
    let Some((resolve, reject)) = settle.take() else {
        return Ok(());
    };
    let timer = set_timeout(&resolve, f64::from(ms));
    let on_abort = Closure::<dyn FnMut()>::new(move || {
        let _ = reject.call0(&JsValue::UNDEFINED);
    });
    if let Some(signal) = signal {
        signal.listen("addEventListener", on_abort.as_ref().unchecked_ref());
    }
    let result = JsFuture::from(promise).await;
    clear_timeout(&timer);
    if let Some(signal) = signal {
        signal.listen("removeEventListener", on_abort.as_ref().unchecked_ref());
    }
    result.map(|_| ()).map_err(|_| ())
}
