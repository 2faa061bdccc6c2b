//! The two exported classes. Both are thin: one shared [`Client`] reads the
//! options, builds the request from an [`Endpoint`] value, runs it through the
//! [`Transport`] and decodes the answer. A new endpoint is one method here.
//! Sign-in endpoints have no client yet: they are static methods, all run by
//! [`call_public`], which sends no credentials.

use wasm_bindgen::prelude::*;

use super::host::promise_reject;

use super::js_error::to_js;
use super::transport::{Signal, Transport};
use crate::endpoint::{Answer, Api, Endpoint};
use crate::error::{Error, Provider};
use crate::flatchr::endpoints::{FlatchrLogIn, ListFlatchrMessages, SendFlatchrMessage};
use crate::http::HttpRequest;
use crate::input::{Errors, Object};
use crate::options::{base_url, CallSettings, CALL_KEYS, SIGN_IN_KEYS, TRANSPORT_KEYS};
use crate::tiledesk::endpoints::{
    ExportTiledeskMessagesCsv, GetTiledeskMessage, ListTiledeskMessages,
    ListTiledeskProjectMessages, SendTiledeskDirectMessage, SendTiledeskMessage,
    SendTiledeskMessages, TiledeskSignIn, TiledeskSignInAnonymously,
};
use crate::watch::Realtime;
use crate::{flatchr, tiledesk};

#[wasm_bindgen(typescript_custom_section)]
const RETRY_OPTION_TS: &'static str = r#"
/** `false` disables retries, `true` keeps the defaults, an object changes some of them. */
export type RetryOption = boolean | RetryOptions;
"#;

#[wasm_bindgen(typescript_custom_section)]
const ITERATE_TS: &'static str = r#"
/** What `iterateProjectMessages` takes; the call options apply to each page. */
export interface IterateTiledeskProjectMessages extends CallOptions {
    /** The project id (24 hex characters). */
    projectId: string;
    /** Messages per page, 1 to 50 (default 50). */
    pageSize?: number;
    /** Adds each message's support request as `request`. */
    populateRequest?: boolean;
}

export interface TiledeskClient {
    /**
     * Every message of a project, newest first, fetched a page at a time
     * (owner role only). Stops after a page shorter than `pageSize`; `signal`
     * ends it with a rejection of kind `aborted`.
     */
    iterateProjectMessages(options: IterateTiledeskProjectMessages): AsyncIterableIterator<TiledeskMessage>;
}
"#;

/// What both classes hold: the service and how to reach it (and, for
/// Tiledesk, where its realtime socket goes: both classes are then the same
/// type underneath, and share their wasm-bindgen glue).
#[derive(Debug)]
struct Client {
    api: Api,
    transport: Transport,
    realtime: Option<Realtime>,
}

impl Client {
    /// Reads a constructor's options: the service's own (`read_api`, `keys`),
    /// the transport's, and with `realtime` the realtime socket's.
    ///
    /// The constructors return the `TidingsError` (the glue throws it):
    /// a throw from inside the wasm would skip the epilogue of every Rust
    /// frame it crosses, and each would keep its part of the wasm's shadow
    /// stack (a few thousand failed constructors overflowed it).
    fn new(
        options: JsValue,
        read_api: fn(&Object<JsValue>) -> Result<Api, Error>,
        keys: &[&str],
        realtime: bool,
    ) -> Result<Client, JsValue> {
        let read = || {
            let options = Object::root(options, Errors::Client)?;
            let api = read_api(&options)?;
            let defaults = CallSettings::default().read(&options)?;
            let fetch = read_fetch(&options)?;
            let debug = read_debug(&options)?;
            options.deny_unknown(&[keys, TRANSPORT_KEYS])?;
            let realtime = if realtime {
                Some(Realtime::read(&options, &api)?)
            } else {
                None
            };
            Ok(Client {
                api,
                transport: Transport {
                    fetch,
                    defaults,
                    debug,
                },
                realtime,
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
    fn call<E: Endpoint>(&self, options: JsValue) -> JsValue {
        self.call_with(options, E::KEYS, E::DECODE, request_of::<E>)
    }

    #[inline(never)]
    fn call_with(
        &self,
        options: JsValue,
        keys: &'static [&'static str],
        answer: Answer,
        request: RequestOf,
    ) -> JsValue {
        let prepare = || {
            let options = Object::root(options, Errors::Call)?;
            let built = request(&self.api, &options)?;
            let (settings, signal) = call_options(&options, self.transport.defaults, keys, &[])?;
            Ok((built?, self.transport.clone(), settings, signal))
        };
        launch(prepare(), answer)
    }
}

/// Runs endpoint `E`, which obtains credentials, without a client: `options`
/// hold its fields, where the server is (`baseUrl`, else `default_base`), an
/// optional `fetch`, and the call options. The request carries no
/// `Authorization` header. Errors in `baseUrl`, `allowInsecureHttp` and
/// `fetch` are of kind `config`, as in a constructor.
fn call_public<E: Endpoint>(options: JsValue, default_base: &str) -> JsValue {
    call_public_with(
        options,
        default_base,
        E::PROVIDER,
        E::KEYS,
        E::DECODE,
        public_request_of::<E>,
    )
}

/// The part of [`call_public`] that is the same for every endpoint, kept out
/// of its instances (the wasm stays small).
#[inline(never)]
fn call_public_with(
    options: JsValue,
    default_base: &str,
    provider: Provider,
    keys: &'static [&'static str],
    answer: Answer,
    request: PublicRequestOf,
) -> JsValue {
    let prepare = || {
        let call = Object::root(options.clone(), Errors::Call)?;
        let server = || public_api(options.clone(), provider, default_base);
        let (built, transport) = request(&call, &server)?;
        let (settings, signal) = call_options(&call, CallSettings::default(), keys, SIGN_IN_KEYS)?;
        Ok((built?, transport, settings, signal))
    };
    launch(prepare(), answer)
}

/// Reads an endpoint's fields from a call's options, then where the server
/// is (`server`), and builds its request (the inner error, reported after
/// the call options are checked).
type PublicRequestOf = fn(
    &Object<JsValue>,
    &dyn Fn() -> Result<(Api, Transport), Error>,
) -> Result<(Result<HttpRequest, Error>, Transport), Error>;

fn public_request_of<E: Endpoint>(
    call: &Object<JsValue>,
    server: &dyn Fn() -> Result<(Api, Transport), Error>,
) -> Result<(Result<HttpRequest, Error>, Transport), Error> {
    let endpoint = E::read(call)?;
    let (api, transport) = server()?;
    Ok((api.request(&endpoint), transport))
}

/// Where a sign-in goes: its `baseUrl` (else `default_base`),
/// `allowInsecureHttp` and `fetch`, read as a constructor reads them.
#[inline(never)]
fn public_api(
    options: JsValue,
    provider: Provider,
    default_base: &str,
) -> Result<(Api, Transport), Error> {
    let server = Object::root(options, Errors::Client)?;
    let api = Api::public(provider, base_url(&server, default_base)?);
    let transport = Transport {
        fetch: read_fetch(&server)?,
        defaults: CallSettings::default(),
        debug: read_debug(&server)?,
    };
    Ok((api, transport))
}

/// A call's timeouts, retries and signal over `defaults`, once the endpoint
/// has read its own `keys`; any key not in those, `more` or the call options
/// is refused.
#[inline(never)]
fn call_options(
    options: &Object<JsValue>,
    defaults: CallSettings,
    keys: &[&str],
    more: &[&str],
) -> Result<(CallSettings, Option<Signal>), Error> {
    let settings = defaults.read(options)?;
    let signal = read_signal(options)?;
    options.deny_unknown(&[keys, more, CALL_KEYS])?;
    Ok((settings, signal))
}

/// A prepared call as a promise: run when preparing it succeeded, else
/// rejected. One function for every endpoint (only reading and decoding are
/// generic), which keeps the wasm small.
#[inline(never)]
fn launch(
    prepared: Result<(HttpRequest, Transport, CallSettings, Option<Signal>), Error>,
    answer: Answer,
) -> JsValue {
    match prepared {
        Ok((request, transport, settings, signal)) => {
            transport.start(request, settings, signal, answer)
        }
        Err(error) => promise_reject(&to_js(&error)),
    }
}

/// The `fetch` option: `None` for the global one.
fn read_fetch(options: &Object<JsValue>) -> Result<JsValue, Error> {
    match options.value("fetch")? {
        None => Ok(JsValue::UNDEFINED),
        Some(fetch) if fetch.is_function() => Ok(fetch),
        Some(_) => Err(options.error(
            "fetch",
            "must be a function with the signature of the global fetch",
        )),
    }
}

/// The `debug` option: a function called with each step of a call.
fn read_debug(options: &Object<JsValue>) -> Result<Option<JsValue>, Error> {
    match options.value("debug")? {
        None => Ok(None),
        Some(debug) if debug.is_function() => Ok(Some(debug)),
        Some(_) => Err(options.error(
            "debug",
            "must be a function, called with each attempt, answer and wait (e.g. console.debug)",
        )),
    }
}

/// The `signal` option.
fn read_signal(options: &Object<JsValue>) -> Result<Option<Signal>, Error> {
    match options.value("signal")? {
        None => Ok(None),
        Some(value) => Signal::new(value).map(Some).ok_or_else(|| {
            options.error(
                "signal",
                "must be an AbortSignal (from new AbortController().signal)",
            )
        }),
    }
}

/// Reads an endpoint's fields from a call's options (the outer error) and
/// builds its request (the inner one, reported after the call options are
/// checked, as the ids are checked last).
type RequestOf = fn(&Api, &Object<JsValue>) -> Result<Result<HttpRequest, Error>, Error>;

pub(super) fn request_of<E: Endpoint>(
    api: &Api,
    options: &Object<JsValue>,
) -> Result<Result<HttpRequest, Error>, Error> {
    let endpoint = E::read(options)?;
    Ok(api.request(&endpoint))
}

/// A client for the messages of Tiledesk support requests (and where its
/// `watchMessages` socket goes).
#[wasm_bindgen(wasm_bindgen = super::wb)]
#[derive(Debug)]
pub struct TiledeskClient(Client);

#[wasm_bindgen(wasm_bindgen = super::wb)]
impl TiledeskClient {
    /// Checks the options (credentials, base URL, timeouts) and makes a client.
    /// Throws a `TidingsError` of kind `config` when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TiledeskClientOptions")] options: JsValue,
    ) -> Result<TiledeskClient, JsValue> {
        Client::new(options, tiledesk::api, tiledesk::CLIENT_KEYS, true).map(TiledeskClient)
    }

    /// For `watchMessages` (`pkg-template/watch.js`): the URL of the
    /// realtime socket of `{ projectId, requestId }`, its token in the
    /// query, or `null` to poll; a rejected promise when the ids are
    /// invalid. Never print it.
    #[wasm_bindgen(js_name = realtimeSocketUrl, skip_typescript)]
    pub fn realtime_socket_url(&self, options: JsValue) -> JsValue {
        super::watch::socket_url(&self.0.api, self.0.realtime.as_ref(), options)
            .unwrap_or_else(|error| promise_reject(&error))
    }

    /// The normalised base URL.
    #[wasm_bindgen(getter, js_name = baseUrl, unchecked_return_type = "string")]
    pub fn base_url(&self) -> JsValue {
        self.0.api.base_url().into()
    }

    /// Every message of a support request, oldest first.
    #[wasm_bindgen(js_name = listMessages, unchecked_return_type = "Promise<TiledeskMessage[]>")]
    pub fn list_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListTiledeskMessages & CallOptions")]
        options: JsValue,
    ) -> JsValue {
        self.0.call::<ListTiledeskMessages>(options)
    }

    /// One message.
    #[wasm_bindgen(js_name = getMessage, unchecked_return_type = "Promise<TiledeskMessage>")]
    pub fn get_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetTiledeskMessage & CallOptions")] options: JsValue,
    ) -> JsValue {
        self.0.call::<GetTiledeskMessage>(options)
    }

    /// Sends a message (a new `requestId` creates the request). Never retried
    /// unless the server provably did not process it.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<TiledeskMessage>")]
    pub fn send_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendTiledeskMessage & CallOptions")]
        options: JsValue,
    ) -> JsValue {
        self.0.call::<SendTiledeskMessage>(options)
    }

    /// Signs in with an e-mail and password; resolves to `{ token, user }`,
    /// the token ready for `auth: { kind: "jwt", token }`. Sends no
    /// `Authorization` header; a POST, so never retried unless the server
    /// provably did not process it.
    #[wasm_bindgen(js_name = signIn, unchecked_return_type = "Promise<TiledeskSession>")]
    pub fn sign_in(
        #[wasm_bindgen(unchecked_param_type = "TiledeskSignIn & SignInOptions")] options: JsValue,
    ) -> JsValue {
        call_public::<TiledeskSignIn>(options, tiledesk::DEFAULT_BASE_URL)
    }

    /// Signs in a new anonymous visitor of a project (what a chat widget
    /// starts with); resolves to `{ token, user }`. Sends no `Authorization` header.
    #[wasm_bindgen(
        js_name = signInAnonymously,
        unchecked_return_type = "Promise<TiledeskSession>"
    )]
    pub fn sign_in_anonymously(
        #[wasm_bindgen(unchecked_param_type = "TiledeskSignInAnonymously & SignInOptions")]
        options: JsValue,
    ) -> JsValue {
        call_public::<TiledeskSignInAnonymously>(options, tiledesk::DEFAULT_BASE_URL)
    }

    /// Sends several messages to an existing request, in order; resolves to
    /// the created messages. Never retried unless the server provably did
    /// not process it.
    #[wasm_bindgen(js_name = sendMessages, unchecked_return_type = "Promise<TiledeskMessage[]>")]
    pub fn send_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendTiledeskMessages & CallOptions")]
        options: JsValue,
    ) -> JsValue {
        self.0.call::<SendTiledeskMessages>(options)
    }

    /// The messages of a request as CSV text (`;` separated, oldest first).
    #[wasm_bindgen(js_name = exportMessagesCsv, unchecked_return_type = "Promise<string>")]
    pub fn export_messages_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ExportTiledeskMessagesCsv & CallOptions")]
        options: JsValue,
    ) -> JsValue {
        self.0.call::<ExportTiledeskMessagesCsv>(options)
    }

    /// One page of the messages of a whole project, newest first (owner role only).
    #[wasm_bindgen(
        js_name = listProjectMessages,
        unchecked_return_type = "Promise<TiledeskMessage[]>"
    )]
    pub fn list_project_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListTiledeskProjectMessages & CallOptions")]
        options: JsValue,
    ) -> JsValue {
        self.0.call::<ListTiledeskProjectMessages>(options)
    }

    /// Sends a direct message to one recipient. Never retried unless the
    /// server provably did not process it.
    #[wasm_bindgen(js_name = sendDirectMessage, unchecked_return_type = "Promise<TiledeskMessage>")]
    pub fn send_direct_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendTiledeskDirectMessage & CallOptions")]
        options: JsValue,
    ) -> JsValue {
        self.0.call::<SendTiledeskDirectMessage>(options)
    }
}

/// A client for the messages exchanged with Flatchr applicants.
#[wasm_bindgen(wasm_bindgen = super::wb)]
#[derive(Debug)]
pub struct FlatchrClient(Client);

#[wasm_bindgen(wasm_bindgen = super::wb)]
impl FlatchrClient {
    /// Checks the options (token, base URL, timeouts) and makes a client.
    /// Throws a `TidingsError` of kind `config` when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FlatchrClientOptions")] options: JsValue,
    ) -> Result<FlatchrClient, JsValue> {
        Client::new(options, flatchr::api, flatchr::CLIENT_KEYS, false).map(FlatchrClient)
    }

    /// The messages exchanged with an applicant.
    #[wasm_bindgen(js_name = listMessages, unchecked_return_type = "Promise<FlatchrMessage[]>")]
    pub fn list_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListFlatchrMessages & CallOptions")]
        options: JsValue,
    ) -> JsValue {
        self.0.call::<ListFlatchrMessages>(options)
    }

    /// Sends a message to an applicant (needs a user token). Never retried
    /// unless the server provably did not process it.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<FlatchrMessage>")]
    pub fn send_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendFlatchrMessage & CallOptions")] options: JsValue,
    ) -> JsValue {
        self.0.call::<SendFlatchrMessage>(options)
    }

    /// Logs a user in; resolves to `{ token }`, the user token sending needs
    /// (`new FlatchrClient({ token })`). Sends no `Authorization` header.
    #[wasm_bindgen(js_name = logIn, unchecked_return_type = "Promise<FlatchrSession>")]
    pub fn log_in(
        #[wasm_bindgen(unchecked_param_type = "FlatchrLogIn & SignInOptions")] options: JsValue,
    ) -> JsValue {
        call_public::<FlatchrLogIn>(options, flatchr::DEFAULT_BASE_URL)
    }
}
