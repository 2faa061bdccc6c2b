//! Runs one endpoint: JavaScript options in, a JavaScript value (or a rejected
//! `TidingsError`) out. Both client classes go through here.

use serde::de::DeserializeOwned;
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;

use super::js_error::{json_to_js, to_js};
use super::options::{read, signal, Kind};
use super::transport::Transport;
use crate::error::Error;
use crate::http::Call;
use crate::options::CallOptions;

/// An endpoint value as JavaScript passes it: the call's arguments plus its
/// per-call options.
pub(crate) trait Endpoint: Tsify + DeserializeOwned {
    /// The per-call options (signal, timeouts, retries).
    fn call_options(&self) -> &CallOptions;
}

/// Reads `options`, builds the call with `build`, performs it and converts the
/// result. Every error, from reading the options to decoding the answer,
/// becomes a `TidingsError`.
pub(crate) async fn perform<E: Endpoint, T: DeserializeOwned + Serialize>(
    transport: &Transport,
    options: Ts<E>,
    build: impl FnOnce(&E) -> Result<Call<T>, Error>,
) -> Result<JsValue, JsValue> {
    let raw = options.js_value();
    let result = async {
        let endpoint = read(&options, Kind::Call)?;
        let signal = signal(&raw)?;
        let settings = transport.defaults.for_call(endpoint.call_options())?;
        let call = build(&endpoint)?;
        let value = transport.execute(&call, settings, signal.as_ref()).await?;
        json_to_js(&value).map_err(|e| Error::Decode {
            provider: call.request.provider,
            status: 200,
            message: e,
            body_start: String::new(),
        })
    }
    .await;
    result.map_err(|e| to_js(&e))
}
