//! Runs one endpoint: JavaScript options in, a JavaScript value (or a rejected
//! `TidingsError`) out. Both client classes go through here.

use std::rc::Rc;

use js_sys::Promise;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

use super::js_error::{json_to_js, to_js};
use super::options::{read, signal, Kind};
use super::transport::Transport;
use crate::error::{Error, Provider};
use crate::http::{decode, Call, HttpRequest, HttpResponse};
use crate::options::{CallOptions, CallSettings};

/// An endpoint value as JavaScript passes it: the call's arguments plus its
/// per-call options.
pub(crate) trait Endpoint: Tsify + DeserializeOwned {
    /// The per-call options (signal, timeouts, retries).
    fn call_options(&self) -> &CallOptions;
}

/// Turns a 2xx answer into the JavaScript value of the endpoint's output.
type Decoder = fn(Provider, HttpResponse<'_>) -> Result<JsValue, Error>;

/// Reads `options`, builds the call with `build`, performs it and converts the
/// result. Every error, from reading the options to decoding the answer,
/// becomes a rejected `TidingsError`.
///
/// Only the reading and decoding are generic; the asynchronous part (`run`)
/// is one function for every endpoint, which keeps the wasm small.
pub(crate) fn perform<E: Endpoint, T: DeserializeOwned + Serialize>(
    transport: &Rc<Transport>,
    options: Ts<E>,
    build: impl FnOnce(&E) -> Result<Call<T>, Error>,
) -> Promise {
    let prepared = (|| {
        let raw = options.js_value();
        let endpoint = read(&options, Kind::Call)?;
        let signal = signal(&raw)?;
        let settings = transport.defaults.for_call(endpoint.call_options())?;
        Ok((build(&endpoint)?.request, settings, signal))
    })();
    match prepared {
        Ok((request, settings, signal)) => future_to_promise(run(
            Rc::clone(transport),
            request,
            settings,
            signal,
            decode_to_js::<T>,
        )),
        Err(error) => Promise::reject(&to_js(&error)),
    }
}

async fn run(
    transport: Rc<Transport>,
    request: HttpRequest,
    settings: CallSettings,
    signal: Option<AbortSignal>,
    decoder: Decoder,
) -> Result<JsValue, JsValue> {
    let answer = transport
        .execute(&request, settings, signal.as_ref())
        .await
        .map_err(|e| to_js(&e))?;
    decoder(request.provider, answer.response()).map_err(|e| to_js(&e))
}

fn decode_to_js<T: DeserializeOwned + Serialize>(
    provider: Provider,
    response: HttpResponse<'_>,
) -> Result<JsValue, Error> {
    let value: T = decode(provider, response)?;
    json_to_js(&value).map_err(|message| Error::Decode {
        provider,
        status: response.status,
        message,
        body_start: String::new(),
    })
}
