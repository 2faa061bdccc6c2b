//! The one transport: performs an [`HttpRequest`] through `fetch`.
//!
//! `fetch` is looked up on the global object at call time and invoked with the
//! global object as `this`, so the same build works in a window, a worker, an
//! extension service worker and Node 18+; a caller may pass its own `fetch`.
//! Each attempt has its own `AbortController`, fired by the per-attempt timer or
//! by the caller's signal; which one fired decides between `timeout` and
//! `aborted`. What follows each attempt is decided by [`Attempts`], the pure
//! state machine in the core: this file only drives it.
//!
//! Everything read from a caller's values (the signal, a custom `fetch` and
//! what it returns) goes through `catch`ing imports: nothing a caller passes
//! can throw through the wasm.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

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

/// An answer read in full.
#[derive(Debug)]
pub(crate) struct Answer {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<String>,
    body: String,
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

/// A client's transport: which `fetch` to use and the default call settings.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    /// The caller's `fetch`, or `None` for the global one.
    pub(crate) fetch: Option<Function>,
    /// Timeouts and retries unless a call overrides them.
    pub(crate) defaults: CallSettings,
}

impl Transport {
    /// Performs `request`, retrying as `settings` allow, and returns the 2xx
    /// answer with the attempts made (for the context of a decode error).
    pub(crate) async fn execute(
        &self,
        request: &HttpRequest,
        settings: CallSettings,
        signal: Option<&Signal>,
    ) -> Result<(Answer, Attempts), Error> {
        let mut attempts = Attempts::new(
            settings,
            request.method,
            request.provider,
            js_sys::Date::now(),
        );
        loop {
            if signal.is_some_and(Signal::aborted) {
                return Err(attempts.aborted_between());
            }
            let limit = attempts.start(js_sys::Date::now());
            let result = self.attempt(request, limit, signal).await;
            let outcome = match &result {
                Ok(answer) => Outcome::Answered(answer.response()),
                Err(NoAnswer::Network(message)) => Outcome::Network(message),
                Err(NoAnswer::Timeout) => Outcome::TimedOut,
                Err(NoAnswer::Aborted) => Outcome::Aborted,
            };
            match attempts.next(outcome, js_sys::Date::now(), js_sys::Math::random()) {
                Step::Done => {
                    if let Ok(answer) = result {
                        return Ok((answer, attempts));
                    }
                }
                Step::Wait(ms) => {
                    if sleep(ms, signal).await.is_err() {
                        return Err(attempts.aborted_between());
                    }
                }
                Step::GiveUp(error) => return Err(error),
            }
        }
    }

    /// One request and its whole body, within `limit_ms`.
    async fn attempt(
        &self,
        request: &HttpRequest,
        limit_ms: f64,
        signal: Option<&Signal>,
    ) -> Result<Answer, NoAnswer> {
        let controller = AbortController::new()
            .map_err(|_| NoAnswer::Network("AbortController is not available".into()))?;
        let cancel = Rc::new(Cell::new(Cancel::None));
        let _guard = CancelGuard::arm(&controller, &cancel, limit_ms, signal);
        if signal.is_some_and(Signal::aborted) {
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
            Cancel::None => NoAnswer::Network(scrub(&describe_js_error(&error), request)),
        })
    }

    fn start_fetch(
        &self,
        request: &HttpRequest,
        signal: &web_sys::AbortSignal,
    ) -> Result<Promise, JsValue> {
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
        if !buffer.is_instance_of::<js_sys::ArrayBuffer>() {
            return Err(JsValue::from_str(NOT_A_RESPONSE));
        }
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
    caller: Option<(Signal, Closure<dyn FnMut()>)>,
}

impl CancelGuard {
    fn arm(
        controller: &AbortController,
        cancel: &Rc<Cell<Cancel>>,
        limit_ms: f64,
        signal: Option<&Signal>,
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
            signal.listen("addEventListener", on_abort.as_ref().unchecked_ref());
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
            signal.listen("removeEventListener", on_abort.as_ref().unchecked_ref());
        }
    }
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
    let Some(authorization) = &request.authorization else {
        return message.to_owned();
    };
    let header = authorization.expose();
    let credential = header.split_once(' ').map_or(header, |(_, rest)| rest);
    if credential.len() >= 4 && message.contains(credential) {
        message.replace(credential, "[redacted]")
    } else {
        message.to_owned()
    }
}
