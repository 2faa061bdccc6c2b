//! The two exported classes. Both are thin: one shared [`Client`] reads the
//! options, builds the request from an [`Endpoint`] value, runs it through the
//! [`Transport`] and decodes the answer. A new endpoint is one method here.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::js_error::to_js;
use super::transport::{Signal, Transport};
use crate::endpoint::{Api, Endpoint, Output};
use crate::error::Error;
use crate::flatchr::endpoints::{ListFlatchrMessages, SendFlatchrMessage};
use crate::http::{transcode, HttpRequest, Method};
use crate::input::{Errors, Object};
use crate::options::{CallSettings, CALL_KEYS, TRANSPORT_KEYS};
use crate::tiledesk::endpoints::{GetTiledeskMessage, ListTiledeskMessages, SendTiledeskMessage};
use crate::{flatchr, tiledesk};

#[wasm_bindgen(typescript_custom_section)]
const RETRY_OPTION_TS: &'static str = r#"
/** `false` disables retries, `true` keeps the defaults, an object changes some of them. */
export type RetryOption = boolean | RetryOptions;
"#;

/// What both classes hold: the service and how to reach it.
#[derive(Debug)]
struct Client {
    api: Api,
    transport: Transport,
}

impl Client {
    /// Reads a constructor's options: the service's own (`read_api`, `keys`)
    /// and the transport's.
    fn new(
        options: JsValue,
        read_api: fn(&Object<JsValue>) -> Result<Api, Error>,
        keys: &[&str],
    ) -> Result<Client, JsValue> {
        let read = || {
            let options = Object::root(options, Errors::Client)?;
            let api = read_api(&options)?;
            let defaults = CallSettings::default().read(&options)?;
            let fetch = match options.value("fetch")? {
                None => None,
                Some(fetch) if fetch.is_function() => Some(fetch.unchecked_into::<Function>()),
                Some(_) => {
                    return Err(options.error(
                        "fetch",
                        "must be a function with the signature of the global fetch",
                    ))
                }
            };
            options.deny_unknown(&[keys, TRANSPORT_KEYS])?;
            Ok(Client {
                api,
                transport: Transport { fetch, defaults },
            })
        };
        read().map_err(|e| to_js(&e))
    }

    /// Runs endpoint `E` with a call's `options`. Every error, from reading
    /// the options to decoding the answer, is a rejected `TidingsError`.
    ///
    /// Only reading the endpoint's own fields and building its route are
    /// generic (`request_of`); the rest is one function for every endpoint,
    /// which keeps each binding a few bytes of wasm.
    fn call<E: Endpoint>(&self, options: JsValue) -> Promise {
        self.call_with(options, E::KEYS, E::DECODE, request_of::<E>)
    }

    #[inline(never)]
    fn call_with(
        &self,
        options: JsValue,
        keys: &'static [&'static str],
        output: Output,
        request: RequestOf,
    ) -> Promise {
        let prepare = || {
            let options = Object::root(options, Errors::Call)?;
            let built = request(&self.api, &options)?;
            let settings = self.transport.defaults.read(&options)?;
            let signal = match options.value("signal")? {
                None => None,
                Some(value) => Some(Signal::new(value).ok_or_else(|| {
                    options.error(
                        "signal",
                        "must be an AbortSignal (from new AbortController().signal)",
                    )
                })?),
            };
            options.deny_unknown(&[keys, CALL_KEYS])?;
            Ok((built?, settings, signal))
        };
        match prepare() {
            Ok((request, settings, signal)) => future_to_promise(run(
                self.transport.clone(),
                request,
                settings,
                signal,
                output,
            )),
            Err(error) => Promise::reject(&to_js(&error)),
        }
    }
}

/// Reads an endpoint's fields from a call's options (the outer error) and
/// builds its request (the inner one, reported after the call options are
/// checked, as the ids are checked last).
type RequestOf = fn(&Api, &Object<JsValue>) -> Result<Result<HttpRequest, Error>, Error>;

fn request_of<E: Endpoint>(
    api: &Api,
    options: &Object<JsValue>,
) -> Result<Result<HttpRequest, Error>, Error> {
    let endpoint = E::read(options)?;
    Ok(api.request(&endpoint))
}

async fn run(
    transport: Transport,
    request: HttpRequest,
    settings: CallSettings,
    signal: Option<Signal>,
    output: Output,
) -> Result<JsValue, JsValue> {
    let (answer, attempts) = transport
        .execute(&request, settings, signal.as_ref())
        .await
        .map_err(|e| to_js(&e))?;
    let response = answer.response();
    transcode(request.provider, output, response)
        .and_then(|json| {
            // The transform's output is valid JSON: this cannot fail.
            js_sys::JSON::parse(&json).map_err(|_| {
                Error::request(
                    request.provider,
                    crate::ErrorKind::Decode {
                        status: response.status,
                        message: "JSON.parse rejected the decoded value".into(),
                        body_start: String::new(),
                    },
                )
            })
        })
        .map_err(|e| {
            // A 2xx to a send means the server stored it, whatever its body.
            to_js(&attempts.error(e.kind, request.method == Method::Post))
        })
}

/// A client for the messages of Tiledesk support requests.
#[wasm_bindgen]
#[derive(Debug)]
pub struct TiledeskClient(Client);

#[wasm_bindgen]
impl TiledeskClient {
    /// Checks the options (credentials, base URL, timeouts) and makes a client.
    /// Throws a `TidingsError` of kind `config` when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TiledeskClientOptions")] options: JsValue,
    ) -> Result<TiledeskClient, JsValue> {
        Client::new(options, tiledesk::api, tiledesk::CLIENT_KEYS).map(TiledeskClient)
    }

    /// The normalised base URL.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.0.api.base_url().to_owned()
    }

    /// Every message of a support request, oldest first.
    #[wasm_bindgen(js_name = listMessages, unchecked_return_type = "Promise<TiledeskMessage[]>")]
    pub fn list_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListTiledeskMessages & CallOptions")]
        options: JsValue,
    ) -> Promise {
        self.0.call::<ListTiledeskMessages>(options)
    }

    /// One message.
    #[wasm_bindgen(js_name = getMessage, unchecked_return_type = "Promise<TiledeskMessage>")]
    pub fn get_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetTiledeskMessage & CallOptions")] options: JsValue,
    ) -> Promise {
        self.0.call::<GetTiledeskMessage>(options)
    }

    /// Sends a message (a new `requestId` creates the request). Never retried
    /// unless the server provably did not process it.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<TiledeskMessage>")]
    pub fn send_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendTiledeskMessage & CallOptions")]
        options: JsValue,
    ) -> Promise {
        self.0.call::<SendTiledeskMessage>(options)
    }
}

/// A client for the messages exchanged with Flatchr applicants.
#[wasm_bindgen]
#[derive(Debug)]
pub struct FlatchrClient(Client);

#[wasm_bindgen]
impl FlatchrClient {
    /// Checks the options (token, base URL, timeouts) and makes a client.
    /// Throws a `TidingsError` of kind `config` when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FlatchrClientOptions")] options: JsValue,
    ) -> Result<FlatchrClient, JsValue> {
        Client::new(options, flatchr::api, flatchr::CLIENT_KEYS).map(FlatchrClient)
    }

    /// The messages exchanged with an applicant.
    #[wasm_bindgen(js_name = listMessages, unchecked_return_type = "Promise<FlatchrMessage[]>")]
    pub fn list_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListFlatchrMessages & CallOptions")]
        options: JsValue,
    ) -> Promise {
        self.0.call::<ListFlatchrMessages>(options)
    }

    /// Sends a message to an applicant (needs a user token). Never retried
    /// unless the server provably did not process it.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<FlatchrMessage>")]
    pub fn send_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendFlatchrMessage & CallOptions")] options: JsValue,
    ) -> Promise {
        self.0.call::<SendFlatchrMessage>(options)
    }
}
