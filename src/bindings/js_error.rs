//! Turns an [`Error`] into a real JavaScript `Error` (so `instanceof Error` and
//! stack traces work) named `TidingsError`, with `kind`, `provider`, `status`,
//! `body`, `field`, `attempts` and `mayHaveBeenSent` properties.

use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorBody};

#[wasm_bindgen(typescript_custom_section)]
const TIDINGS_ERROR_TS: &'static str = r#"
/** What went wrong, as `TidingsError.kind`. */
export type TidingsErrorKind = "http" | "network" | "timeout" | "aborted" | "decode" | "invalidInput" | "config";

/**
 * Every promise of tidings rejects with (and every constructor throws) a real
 * `Error` of this shape. Its message never contains a credential.
 */
export interface TidingsError extends Error {
  name: "TidingsError";
  kind: TidingsErrorKind;
  /** The service concerned, once a request was built. */
  provider?: "tiledesk" | "flatchr";
  /** The HTTP status, when the server answered. */
  status?: number;
  /** The error body: parsed JSON when the server sent JSON, else the raw text. */
  body?: unknown;
  /** The offending argument or option, for `invalidInput` and `config`. */
  field?: string;
  /** How many attempts were made, retries included. */
  attempts?: number;
  /** True when a send failed in a way that does not prove it was not processed. */
  mayHaveBeenSent?: boolean;
}
"#;

/// True when `error` is a `TidingsError` (a type guard in TypeScript).
#[wasm_bindgen(js_name = isTidingsError, unchecked_return_type = "error is TidingsError")]
pub fn is_tidings_error(#[wasm_bindgen(unchecked_param_type = "unknown")] error: JsValue) -> bool {
    error.is_instance_of::<js_sys::Error>()
        && Reflect::get(&error, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .as_deref()
            == Some("TidingsError")
}

fn set(target: &JsValue, key: &str, value: JsValue) {
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}

/// Converts a model into a JavaScript value through JSON text and `JSON.parse`:
/// numbers beyond 2^53 become doubles exactly as `response.json()` makes them
/// (serde-wasm-bindgen refuses them, which would lose the whole answer), and one
/// native parse is cheaper than a property write per field across the boundary.
pub(crate) fn json_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
    let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
    js_sys::JSON::parse(&text).map_err(|_| "JSON.parse rejected the decoded value".to_owned())
}

/// The JavaScript `Error` for `error`.
pub(crate) fn to_js(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("TidingsError");
    let js = JsValue::from(js);
    set(&js, "kind", error.kind().as_str().into());
    if let Some(provider) = error.provider() {
        set(&js, "provider", provider.as_str().into());
    }
    if let Some(status) = error.status() {
        set(&js, "status", status.into());
    }
    match error.body() {
        Some(ErrorBody::Json(value)) => {
            set(&js, "body", json_to_js(value).unwrap_or(JsValue::NULL))
        }
        Some(ErrorBody::Text(text)) => set(&js, "body", text.as_str().into()),
        None => {}
    }
    if let Some(field) = error.field() {
        set(&js, "field", field.into());
    }
    if let Some(attempts) = error.attempts() {
        set(&js, "attempts", attempts.into());
    }
    if error.provider().is_some() {
        set(&js, "mayHaveBeenSent", error.may_have_been_sent().into());
    }
    js
}
