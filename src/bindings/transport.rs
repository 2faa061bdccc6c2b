//! The one transport: performs a [`Call`] through `fetch`.
//!
//! `fetch` is looked up on the global object at call time and invoked with the
//! global object as `this`, so the same build works in a window, a worker, an
//! extension service worker and Node 18+; a caller may pass its own `fetch`.
//! Each attempt has its own `AbortController`, fired by the per-attempt timer or
//! by the caller's signal; which one fired decides between `timeout` and
//! `aborted`. Retries follow [`RetryPolicy`](crate::retry::RetryPolicy).

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use crate::error::Error;
use crate::http::{http_error, HttpRequest, HttpResponse, Method};
use crate::options::{CallSettings, TransportOptions};
use crate::retry::Failure;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// A client's transport: which `fetch` to use and the default call settings.
pub(crate) struct Transport {
    /// The caller's `fetch`, or `None` for the global one.
    pub fetch: Option<Function>,
    /// Timeouts and retries unless a call overrides them.
    pub defaults: CallSettings,
}

/// An answer read in full.
pub(crate) struct Answer {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<String>,
    body: String,
}

impl Answer {
    /// The parts decoding looks at.
    pub(crate) fn response(&self) -> HttpResponse<'_> {
        HttpResponse {
            status: self.status,
            content_type: self.content_type.as_deref(),
            body: &self.body,
        }
    }
}

/// Why an attempt got no answer.
enum NoAnswer {
    Network(String),
    Timeout,
    Aborted,
}

/// What fired the attempt's controller.
#[derive(Clone, Copy, PartialEq)]
enum Cancel {
    None,
    Timeout,
    Caller,
}

impl Transport {
    /// The transport a client's options describe: `raw` is the JavaScript
    /// options object (for `fetch`), `options` its deserialised transport part.
    pub(crate) fn from_options(
        raw: &JsValue,
        options: &TransportOptions,
    ) -> Result<Transport, Error> {
        Ok(Transport {
            fetch: super::options::fetch(raw)?,
            defaults: CallSettings::from_client(options)?,
        })
    }

    /// Performs `request`, retrying as `settings` allow, and returns the 2xx
    /// answer (any other answer is an error).
    pub(crate) async fn execute(
        &self,
        request: &HttpRequest,
        settings: CallSettings,
        signal: Option<&AbortSignal>,
    ) -> Result<Answer, Error> {
        let provider = request.provider;
        let is_post = request.method == Method::Post;
        let started = js_sys::Date::now();
        let mut attempts = 0;
        loop {
            attempts += 1;
            if signal.is_some_and(AbortSignal::aborted) {
                // Before this attempt nothing was sent, or (a send is only
                // retried then) the server provably ignored what was.
                return Err(Error::Aborted {
                    provider,
                    may_have_been_sent: false,
                });
            }
            let remaining = settings
                .total_timeout_ms
                .map(|total| f64::from(total) - (js_sys::Date::now() - started));
            let limit = match remaining {
                Some(left) if left < f64::from(settings.timeout_ms) => left.max(0.0),
                _ => f64::from(settings.timeout_ms),
            };
            let limited_by_total =
                remaining.is_some_and(|left| left < f64::from(settings.timeout_ms));
            let outcome = self.attempt(request, limit, signal).await;
            let (error, failure_retry_after, failure) = match outcome {
                Ok(answer) => {
                    if answer.response().is_success() {
                        return Ok(answer);
                    }
                    let error = http_error(provider, answer.response());
                    (error, answer.retry_after, Some(answer.status))
                }
                Err(NoAnswer::Aborted) => {
                    return Err(Error::Aborted {
                        provider,
                        may_have_been_sent: is_post,
                    })
                }
                Err(NoAnswer::Timeout) => {
                    let (after_ms, total) = if limited_by_total {
                        (settings.total_timeout_ms.unwrap_or(0), true)
                    } else {
                        (settings.timeout_ms, false)
                    };
                    let error = Error::Timeout {
                        provider,
                        after_ms,
                        total,
                        attempts,
                        may_have_been_sent: false,
                    };
                    (error, None, None)
                }
                Err(NoAnswer::Network(message)) => {
                    let message = scrub(&message, request);
                    (
                        Error::Network {
                            provider,
                            message,
                            attempts,
                            may_have_been_sent: false,
                        },
                        None,
                        None,
                    )
                }
            };
            let failure = match (&error, failure) {
                (_, Some(status)) => Failure::Status {
                    status,
                    retry_after: failure_retry_after.as_deref(),
                },
                (Error::Timeout { .. }, None) => Failure::Timeout,
                _ => Failure::Network,
            };
            let give_up = |error: Error| {
                error.after_attempts(attempts, is_post && failure.send_may_have_happened())
            };
            if limited_by_total && failure == Failure::Timeout {
                return Err(give_up(error));
            }
            let Some(delay) = settings.retry.next_delay(
                request.method,
                attempts,
                failure,
                js_sys::Date::now(),
                js_sys::Math::random(),
            ) else {
                return Err(give_up(error));
            };
            if let Some(total) = settings.total_timeout_ms {
                let elapsed = js_sys::Date::now() - started;
                if elapsed + f64::from(delay) >= f64::from(total) {
                    return Err(give_up(error));
                }
            }
            if sleep(delay, signal).await.is_err() {
                return Err(Error::Aborted {
                    provider,
                    may_have_been_sent: false,
                });
            }
        }
    }

    /// One request and its whole body, within `limit_ms`.
    async fn attempt(
        &self,
        request: &HttpRequest,
        limit_ms: f64,
        signal: Option<&AbortSignal>,
    ) -> Result<Answer, NoAnswer> {
        let controller = AbortController::new()
            .map_err(|_| NoAnswer::Network("AbortController is not available".into()))?;
        let cancel = Rc::new(Cell::new(Cancel::None));
        let _guard = CancelGuard::arm(&controller, &cancel, limit_ms, signal);
        if signal.is_some_and(AbortSignal::aborted) {
            return Err(NoAnswer::Aborted);
        }
        let outcome = async {
            let response = JsFuture::from(self.start_fetch(request, &controller.signal())?).await?;
            read_answer(&response).await
        }
        .await;
        outcome.map_err(|error| match cancel.get() {
            Cancel::Timeout => NoAnswer::Timeout,
            Cancel::Caller => NoAnswer::Aborted,
            Cancel::None => NoAnswer::Network(describe_js_error(&error)),
        })
    }

    fn start_fetch(&self, request: &HttpRequest, signal: &AbortSignal) -> Result<Promise, JsValue> {
        let global = js_sys::global();
        let fetch = match &self.fetch {
            Some(fetch) => fetch.clone(),
            None => method(&global, "fetch").ok_or_else(|| {
                JsValue::from_str(
                    "this runtime has no global fetch; pass one in the client options (fetch)",
                )
            })?,
        };
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
        Reflect::set(&init, &"signal".into(), signal)?;
        if let Some(body) = &request.body {
            Reflect::set(&init, &"body".into(), &JsValue::from_str(body))?;
        }
        let result = fetch.call2(&global, &JsValue::from_str(&request.url), &init)?;
        Ok(Promise::resolve(&result))
    }
}

/// Why a caller's `fetch` result cannot be read.
const NOT_A_RESPONSE: &str = "fetch resolved to something that is not a Response";

/// `target[name]` when it is a function (responses are duck-typed: a caller's
/// `fetch` may return any response-like object).
fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()
}

async fn read_answer(response: &JsValue) -> Result<Answer, JsValue> {
    if !response.is_object() {
        return Err(JsValue::from_str(NOT_A_RESPONSE));
    }
    let status = Reflect::get(response, &"status".into())?
        .as_f64()
        .filter(|s| (100.0..=599.0).contains(s))
        .ok_or_else(|| JsValue::from_str(NOT_A_RESPONSE))? as u16;
    let headers = Reflect::get(response, &"headers".into())?;
    let header = |name: &str| -> Option<String> {
        let get = method(&headers, "get")?;
        get.call1(&headers, &JsValue::from_str(name))
            .ok()?
            .as_string()
    };
    let content_type = header("content-type");
    let retry_after = header("retry-after");
    Ok(Answer {
        status,
        content_type,
        retry_after,
        body: read_body(response).await?,
    })
}

/// The body as text. Read as bytes when the response can (one copy into wasm
/// memory, instead of decoding to a JS string and encoding it back); `text()`
/// for response-like objects from a caller's `fetch` that lack `arrayBuffer()`.
async fn read_body(response: &JsValue) -> Result<String, JsValue> {
    if let Some(array_buffer) = method(response, "arrayBuffer") {
        let buffer = JsFuture::from(Promise::resolve(&array_buffer.call0(response)?)).await?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        // Invalid UTF-8 is replaced, exactly as `text()` does.
        return Ok(String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()));
    }
    let text = method(response, "text").ok_or_else(|| JsValue::from_str(NOT_A_RESPONSE))?;
    let body = JsFuture::from(Promise::resolve(&text.call0(response)?)).await?;
    Ok(body.as_string().unwrap_or_default())
}

/// Ties the attempt's controller to its timer and to the caller's signal, and
/// unties both when the attempt ends (the closures must outlive their use).
struct CancelGuard {
    timer: JsValue,
    _on_timeout: Closure<dyn FnMut()>,
    caller: Option<(AbortSignal, Closure<dyn FnMut()>)>,
}

impl CancelGuard {
    fn arm(
        controller: &AbortController,
        cancel: &Rc<Cell<Cancel>>,
        limit_ms: f64,
        signal: Option<&AbortSignal>,
    ) -> CancelGuard {
        let fire = |reason: Cancel| {
            let controller = controller.clone();
            let cancel = Rc::clone(cancel);
            Closure::<dyn FnMut()>::new(move || {
                if cancel.get() == Cancel::None {
                    cancel.set(reason);
                    controller.abort();
                }
            })
        };
        let on_timeout = fire(Cancel::Timeout);
        let timer = set_timeout(on_timeout.as_ref().unchecked_ref(), limit_ms);
        let caller = signal.map(|signal| {
            let on_abort = fire(Cancel::Caller);
            let _ =
                signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            (signal.clone(), on_abort)
        });
        CancelGuard {
            timer,
            _on_timeout: on_timeout,
            caller,
        }
    }
}

impl Drop for CancelGuard {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some((signal, on_abort)) = &self.caller {
            let _ = signal
                .remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}

/// Waits `ms`; `Err` when the caller's signal fires first.
async fn sleep(ms: u32, signal: Option<&AbortSignal>) -> Result<(), ()> {
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
        let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
    let result = JsFuture::from(promise).await;
    clear_timeout(&timer);
    if let Some(signal) = signal {
        let _ =
            signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
    result.map(|_| ()).map_err(|_| ())
}

/// A readable message from whatever `fetch` rejected with, including Node's
/// `cause` (`fetch failed` alone says nothing).
fn describe_js_error(error: &JsValue) -> String {
    let text = |value: &JsValue, key: &str| {
        Reflect::get(value, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    let mut message = text(error, "message")
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "fetch failed".into());
    if let Ok(cause) = Reflect::get(error, &"cause".into()) {
        if let Some(detail) = text(&cause, "message").or_else(|| text(&cause, "code")) {
            message.push_str(" (");
            message.push_str(&detail);
            message.push(')');
        }
    }
    message
}

/// Removes the credential from a runtime's message, should a runtime ever echo
/// a header value.
fn scrub(message: &str, request: &HttpRequest) -> String {
    let header = request.authorization.expose();
    let credential = header.split_once(' ').map_or(header, |(_, rest)| rest);
    if credential.len() >= 4 && message.contains(credential) {
        message.replace(credential, "[redacted]")
    } else {
        message.to_owned()
    }
}
