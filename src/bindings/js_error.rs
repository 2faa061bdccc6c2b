//! The one place an [`Error`] becomes a JavaScript value: a real `Error`
//! (so `instanceof Error` and stack traces work) named `TidingsError`, with
//! `kind`, `provider`, `status`, `body`, `field`, `attempts`,
//! `mayHaveBeenSent` and `location` properties.

use wasm_bindgen::prelude::*;

use super::host::{
    date_now, join_pairs, json_parse, new_error, new_object, reflect_get, reflect_set,
};

#[wasm_bindgen(module = "/src/bindings/tidings_error.js")]
extern "C" {
    /// `new TidingsError(message)`, of the class the entries export.
    #[wasm_bindgen(js_name = newTidingsError)]
    fn new_tidings_error(message: &str) -> JsValue;
}

use crate::error::{Error, ErrorBody, ErrorKind, KIND_NAMES_TS};

#[wasm_bindgen(typescript_custom_section)]
const TIDINGS_ERROR_KIND_TS: &'static str = KIND_NAMES_TS;

#[wasm_bindgen(typescript_custom_section)]
const TIDINGS_ERROR_TS: &'static str = r#"
/** What every TidingsError has, whatever its kind. */
export interface TidingsErrorBase extends Error {
  name: "TidingsError";
  kind: TidingsErrorKind;
  /** The service concerned, once a request was built. */
  provider?: "tiledesk" | "flatchr";
  /** How many attempts were made, retries included. */
  attempts?: number;
  /** True when a send failed in a way that does not prove it was not processed. */
  mayHaveBeenSent?: boolean;
  /** What the runtime threw (a network error), as a copy without credentials. */
  cause?: unknown;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** The offending argument or option, for `invalidInput` and `config`. */
  field?: string;
  /** For kind `http`: the error body, parsed JSON when the server sent JSON, else the raw text. */
  body?: unknown;
  /** For kind `http`: the answer's headers that matter (see `TidingsHttpError`). */
  headers?: Partial<Record<string, string>>;
  /** For kind `http`: what the server's `Retry-After` asked for, in milliseconds. */
  retryAfterMs?: number;
  /** For kind `redirect`: the target that was not followed, when known. */
  location?: string;
}

/** The server answered with a status outside 200–299. */
export interface TidingsHttpError extends TidingsErrorBase {
  kind: "http";
  provider: "tiledesk" | "flatchr";
  status: number;
  attempts: number;
  mayHaveBeenSent: boolean;
  /** The error body: parsed JSON when the server sent JSON, else the raw text. */
  body?: unknown;
  /**
   * The answer's headers that matter, by lower-case name, when present:
   * `retry-after`, `x-request-id`, `request-id`, `x-correlation-id`,
   * `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset`,
   * `ratelimit`, `ratelimit-policy`, `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`.
   */
  headers: Partial<Record<string, string>>;
  /** What the server's `Retry-After` asked for, in milliseconds, when it sent one. */
  retryAfterMs?: number;
}

/** No answer arrived: connection refused or reset, DNS, CORS. `cause` is what the runtime threw. */
export interface TidingsNetworkError extends TidingsErrorBase {
  kind: "network";
  provider: "tiledesk" | "flatchr";
  attempts: number;
  mayHaveBeenSent: boolean;
}

/** No complete answer arrived in time. */
export interface TidingsTimeoutError extends TidingsErrorBase {
  kind: "timeout";
  provider: "tiledesk" | "flatchr";
  attempts: number;
  mayHaveBeenSent: boolean;
}

/** The caller's `AbortSignal` cancelled the call. */
export interface TidingsAbortedError extends TidingsErrorBase {
  kind: "aborted";
  provider: "tiledesk" | "flatchr";
  mayHaveBeenSent: boolean;
}

/** The answer was longer than `maxResponseBytes`; it was not read. */
export interface TidingsTooLargeError extends TidingsErrorBase {
  kind: "tooLarge";
  provider: "tiledesk" | "flatchr";
  status: number;
  attempts: number;
  mayHaveBeenSent: boolean;
}

/** A redirect that tidings does not follow. */
export interface TidingsRedirectError extends TidingsErrorBase {
  kind: "redirect";
  provider: "tiledesk" | "flatchr";
  /** Absent when the runtime hides it (a browser). */
  status?: number;
  attempts: number;
  mayHaveBeenSent: boolean;
  /** The target that was not followed, when known. */
  location?: string;
}

/** A 2xx answer whose body is not what the endpoint returns. */
export interface TidingsDecodeError extends TidingsErrorBase {
  kind: "decode";
  provider: "tiledesk" | "flatchr";
  status: number;
  mayHaveBeenSent: boolean;
}

/** A call argument is invalid; nothing was sent. */
export interface TidingsInvalidInputError extends TidingsErrorBase {
  kind: "invalidInput";
  /** The offending argument, as a property path (`message.text`). */
  field: string;
}

/** The client options are invalid, or the runtime cannot run tidings (e.g. a CSP); nothing was sent. */
export interface TidingsConfigError extends TidingsErrorBase {
  kind: "config";
  /** The offending option, as a property path (`auth.password`). */
  field: string;
}

/**
 * Every promise of tidings rejects with (and every constructor throws) a
 * TidingsError: a real `Error`, an instance of the `TidingsError` class,
 * discriminated by `kind`. Its message never contains a credential, and its
 * `stack` starts at the caller's call.
 */
export type TidingsError =
  | TidingsHttpError
  | TidingsNetworkError
  | TidingsTimeoutError
  | TidingsAbortedError
  | TidingsTooLargeError
  | TidingsRedirectError
  | TidingsDecodeError
  | TidingsInvalidInputError
  | TidingsConfigError;

/** The class of every TidingsError: `error instanceof TidingsError` (also across the ESM and CommonJS copies). */
export interface TidingsErrorConstructor {
  readonly prototype: TidingsErrorBase;
  [Symbol.hasInstance](value: unknown): value is TidingsError;
}

/** The class of every TidingsError, for `instanceof`. */
export const TidingsError: TidingsErrorConstructor;
"#;

fn set(target: &JsValue, key: &str, value: JsValue) {
    // Setting a property on a fresh Error cannot fail.
    let _ = reflect_set(target, &JsValue::from_str(key), &value);
}

/// The JavaScript `Error` for `error`.
pub(crate) fn to_js(error: &Error) -> JsValue {
    let js = new_tidings_error(&error.message());
    set(&js, "name", "TidingsError".into());
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
            ErrorBody::Json(text) => json_parse(text).unwrap_or(JsValue::NULL),
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

/// The JavaScript `Error` for `error`, with what only JavaScript holds: the
/// `cause` the runtime threw (a copy with `redact` applied to its texts) and,
/// for an error answer, its `headers` that matter (`[name, value]` pairs,
/// values redacted) and `retryAfterMs` from its `Retry-After`.
pub(crate) fn to_js_with(
    error: &Error,
    cause: &JsValue,
    headers: &JsValue,
    redact: &dyn Fn(&str) -> String,
) -> JsValue {
    let js = to_js(error);
    let cause = scrubbed(cause, redact, 4);
    if !cause.is_undefined() {
        set(&js, "cause", cause);
    }
    if let (ErrorKind::Http { .. }, Some(pairs)) = (&error.kind, join_pairs(headers)) {
        let object = new_object();
        let mut parts = crate::text::split(&pairs, b'\n');
        while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
            let value = redact(value);
            if name == "retry-after" {
                if let Some(ms) = crate::retry::parse_retry_after(&value, date_now()) {
                    set(&js, "retryAfterMs", (ms as f64).into());
                }
            }
            set(&object, name, value.into());
        }
        set(&js, "headers", object);
    }
    js
}

/// A copy of what the runtime threw with every text redacted: a string, or an
/// `Error` with its name, message, `code` and (to `depth`) its own `cause`.
/// Anything else is left out (undefined).
fn scrubbed(value: &JsValue, redact: &dyn Fn(&str) -> String, depth: u8) -> JsValue {
    if let Some(text) = value.as_string() {
        return redact(&text).into();
    }
    if depth == 0 || !value.is_object() {
        return JsValue::UNDEFINED;
    }
    // Reading a property of a foreign object may throw (a getter, a proxy).
    let text = |key: &str| {
        reflect_get(value, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_string())
    };
    let copy = new_error(&redact(&text("message").unwrap_or_default()));
    if let Some(name) = text("name") {
        set(&copy, "name", name.into());
    }
    if let Some(code) = text("code") {
        set(&copy, "code", redact(&code).into());
    }
    let inner = reflect_get(value, &JsValue::from_str("cause")).unwrap_or_default();
    let inner = scrubbed(&inner, redact, depth - 1);
    if !inner.is_undefined() {
        set(&copy, "cause", inner);
    }
    copy
}
