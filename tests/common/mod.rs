//! What the native tests share: reading options from JSON exactly as the
//! wasm build reads them from JavaScript, and one endpoint call as a value.
#![allow(dead_code)]

use std::marker::PhantomData;

use serde_json::Value;
use tidings::endpoint::Answer;
use tidings::endpoint::{Api, Endpoint};
use tidings::http::{text, transcode, HttpRequest, HttpResponse};
use tidings::input::{Errors, Object};
use tidings::Error;

/// A client's API, read from its JSON options with the provider's reader.
pub fn api(read: fn(&Object<Value>) -> Result<Api, Error>, options: Value) -> Result<Api, Error> {
    read(&Object::root(options, Errors::Client)?)
}

/// An endpoint value, read from a call's JSON options.
pub fn endpoint<E: Endpoint>(options: Value) -> Result<E, Error> {
    E::read(&Object::root(options, Errors::Call)?)
}

/// An endpoint's request, and how its answer decodes.
#[derive(Debug)]
pub struct Call<E> {
    pub request: HttpRequest,
    endpoint: PhantomData<E>,
}

/// Builds the call of `endpoint` on `api`.
pub fn build<E: Endpoint>(api: &Api, endpoint: &E) -> Result<Call<E>, Error> {
    Ok(Call {
        request: api.request(endpoint)?,
        endpoint: PhantomData,
    })
}

impl<E: Endpoint> Call<E> {
    /// The endpoint's output for a 2xx answer (as the endpoint decodes it),
    /// the HTTP error for another. Also runs what decodes answers in the wasm
    /// build (the transform, or the text reader), and checks that it gives
    /// the same JavaScript value (or also fails).
    pub fn decode(&self, response: HttpResponse<'_>) -> Result<E::Output, Error> {
        if !response.is_success() {
            return Err(Error::request(E::PROVIDER, response.error_kind()));
        }
        let typed = E::decode(response);
        let transformed = match E::DECODE {
            Answer::Json(output) => transcode(E::PROVIDER, output, response),
            // The wasm build hands the text to JavaScript as a string.
            Answer::Text => {
                text(E::PROVIDER, response).map(|text| serde_json::to_string(&text).unwrap())
            }
        };
        match (&typed, &transformed) {
            (Ok(typed), Ok(json)) => {
                let expected = serde_json::to_value(typed).unwrap();
                let actual: Value = serde_json::from_str(json).unwrap();
                assert!(
                    same_js_value(&expected, &actual, false),
                    "the transform differs:\n{expected}\n{actual}"
                );
            }
            (Err(_), Err(_)) => {}
            _ => panic!(
                "the typed decode and the transform disagree: {:?} / {:?}",
                typed.as_ref().map(|_| ()),
                transformed
            ),
        }
        typed
    }
}

/// Whether two JSON values give deep-equal JavaScript values after
/// `JSON.parse`: numbers compared as doubles (`-0` apart from `0`), key order
/// ignored. With `numeric_ids`, two strings that both read as the same number
/// are equal too (an id sent as a number may be written as `String()` does).
pub fn same_js_value(a: &Value, b: &Value, numeric_ids: bool) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x.as_f64().map(f64::to_bits) == y.as_f64().map(f64::to_bits)
        }
        (Value::String(x), Value::String(y)) => {
            x == y
                || (numeric_ids
                    && matches!((x.parse::<f64>(), y.parse::<f64>()), (Ok(p), Ok(q)) if p == q))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| same_js_value(p, q, numeric_ids))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_js_value(v, w, numeric_ids)))
        }
        _ => a == b,
    }
}
