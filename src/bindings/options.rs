//! Reading options objects from JavaScript.

use js_sys::{Function, Reflect};
use serde::de::DeserializeOwned;
use tsify::{Ts, Tsify};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::error::Error;

/// Deserialises an options object; a wrong shape becomes an error naming
/// `what` (`options` for calls, making it [`Error::InvalidInput`]; the client
/// options make it [`Error::Config`]). Values are never echoed: they may be secrets.
pub(crate) fn read<T: Tsify + DeserializeOwned>(options: &Ts<T>, what: Kind) -> Result<T, Error> {
    let raw = options.js_value();
    if !raw.is_object() || js_sys::Array::is_array(&raw) {
        return Err(what.error(
            "options",
            "must be an options object, e.g. { projectId, requestId }".into(),
        ));
    }
    let deserializer = serde_wasm_bindgen::Deserializer::from(without_js_only(&raw));
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let (field, message) =
            crate::options::describe_shape_error(&e.path().to_string(), &e.inner().to_string());
        what.error(field, message)
    })
}

/// A shallow copy of the options object without `signal` and `fetch`: serde
/// cannot read functions or host objects, and the binding layer reads those two itself.
fn without_js_only(options: &JsValue) -> JsValue {
    let copy = js_sys::Object::assign(&js_sys::Object::new(), options.unchecked_ref());
    for key in ["signal", "fetch"] {
        let _ = Reflect::delete_property(&copy, &JsValue::from_str(key));
    }
    copy.into()
}

/// Which options object is being read.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// A method's options: errors are `invalidInput`.
    Call,
    /// A constructor's options: errors are `config`.
    Client,
}

impl Kind {
    /// The error for a wrong `field` in these options.
    fn error(self, field: impl Into<String>, message: String) -> Error {
        match self {
            Kind::Call => Error::invalid_input(field, message),
            Kind::Client => Error::config(field, message),
        }
    }
}

/// Reads `options.signal`: absent, or something that behaves as an `AbortSignal`.
pub(crate) fn signal(options: &JsValue) -> Result<Option<AbortSignal>, Error> {
    let value = Reflect::get(options, &JsValue::from_str("signal")).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    // Duck-typed, so a signal from another realm (an iframe, a test harness) works.
    let has = |key: &str| Reflect::get(&value, &JsValue::from_str(key)).ok();
    let looks_like_signal = has("aborted").is_some_and(|v| v.as_bool().is_some())
        && has("addEventListener").is_some_and(|v| v.is_function());
    if looks_like_signal {
        Ok(Some(value.unchecked_into()))
    } else {
        Err(Error::invalid_input(
            "signal",
            "must be an AbortSignal (from new AbortController().signal)",
        ))
    }
}

/// Reads `options.fetch`: absent, or a function.
pub(crate) fn fetch(options: &JsValue) -> Result<Option<Function>, Error> {
    let value = Reflect::get(options, &JsValue::from_str("fetch")).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else if value.is_function() {
        Ok(Some(value.unchecked_into()))
    } else {
        Err(Error::config(
            "fetch",
            "must be a function with the signature of the global fetch",
        ))
    }
}
