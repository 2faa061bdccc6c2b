//! The one place an [`Error`] becomes a JavaScript value: a real `Error`
//! (so `instanceof Error` and stack traces work) named `TidingsError`, with
//! `kind`, `provider`, `status`, `body`, `field`, `attempts`,
//! `mayHaveBeenSent` and `location` properties.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorBody, ErrorKind, KIND_NAMES_TS};

#[wasm_bindgen(typescript_custom_section)]
const TIDINGS_ERROR_KIND_TS: &'static str = KIND_NAMES_TS;

#[wasm_bindgen(typescript_custom_section)]
const TIDINGS_ERROR_TS: &'static str = r#"
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
  /** For kind `redirect`: the target that was not followed, when known. */
  location?: string;
}
"#;

fn set(target: &JsValue, key: &str, value: JsValue) {
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}

/// The JavaScript `Error` for `error`.
pub(crate) fn to_js(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("TidingsError");
    let js = JsValue::from(js);
    set(&js, "kind", error.kind.name().into());
    let context = &error.context;
    if let Some(provider) = context.provider {
        set(&js, "provider", provider.as_str().into());
    }
    if let Some(status) = error.status() {
        set(&js, "status", status.into());
    }
    if let ErrorKind::Http {
        body: Some(body), ..
    } = &error.kind
    {
        let body = match body {
            // Validated JSON already: `JSON.parse` reads it as `response.json()` would.
            ErrorBody::Json(text) => js_sys::JSON::parse(text).unwrap_or(JsValue::NULL),
            ErrorBody::Text(text) => text.as_str().into(),
        };
        set(&js, "body", body);
    }
    if let ErrorKind::Redirect {
        location: Some(location),
        ..
    } = &error.kind
    {
        set(&js, "location", location.as_str().into());
    }
    if let Some(field) = error.field() {
        set(&js, "field", field.into());
    }
    if context.attempts > 0 {
        set(&js, "attempts", context.attempts.into());
    }
    if context.provider.is_some() {
        set(&js, "mayHaveBeenSent", context.may_have_been_sent.into());
    }
    js
}
