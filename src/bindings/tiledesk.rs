//! The `TiledeskClient` class.

use std::rc::Rc;

use js_sys::Promise;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::call::{perform, Endpoint};
use super::js_error::to_js;
use super::options::{read, Kind};
use super::transport::Transport;
use crate::options::CallOptions;
use crate::tiledesk::requests::{GetTiledeskMessage, ListTiledeskMessages, SendTiledeskMessage};
use crate::tiledesk::{Client, TiledeskClientOptions};

impl Endpoint for ListTiledeskMessages {
    fn call_options(&self) -> &CallOptions {
        &self.call
    }
}

impl Endpoint for GetTiledeskMessage {
    fn call_options(&self) -> &CallOptions {
        &self.call
    }
}

impl Endpoint for SendTiledeskMessage {
    fn call_options(&self) -> &CallOptions {
        &self.call
    }
}

struct Inner {
    client: Client,
    transport: Rc<Transport>,
}

/// A client for the messages of Tiledesk support requests.
#[wasm_bindgen]
pub struct TiledeskClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl TiledeskClient {
    /// Checks the options (base URL, credentials, timeouts) and makes a client.
    /// Throws a `TidingsError` of kind `config` when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<TiledeskClientOptions>) -> Result<TiledeskClient, JsValue> {
        let raw = options.js_value();
        let build = || {
            let options = read(&options, Kind::Client)?;
            let transport = Transport::from_options(&raw, &options.transport)?;
            Ok(Inner {
                client: Client::new(&options)?,
                transport: Rc::new(transport),
            })
        };
        build()
            .map(|inner| TiledeskClient {
                inner: Rc::new(inner),
            })
            .map_err(|e| to_js(&e))
    }

    /// The base URL in use, normalised (no trailing slash).
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.client.base_url().to_owned()
    }

    /// Every message of a support request, oldest first.
    #[wasm_bindgen(js_name = listMessages, unchecked_return_type = "Promise<TiledeskMessage[]>")]
    pub fn list_messages(&self, options: Ts<ListTiledeskMessages>) -> Promise {
        perform(&self.inner.transport, options, |e| {
            self.inner.client.list_messages(e)
        })
    }

    /// One message by id.
    #[wasm_bindgen(js_name = getMessage, unchecked_return_type = "Promise<TiledeskMessage>")]
    pub fn get_message(&self, options: Ts<GetTiledeskMessage>) -> Promise {
        perform(&self.inner.transport, options, |e| {
            self.inner.client.get_message(e)
        })
    }

    /// Sends a message (creating the request if it is new). Never retried unless
    /// the server provably did not process it.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<TiledeskMessage>")]
    pub fn send_message(&self, options: Ts<SendTiledeskMessage>) -> Promise {
        perform(&self.inner.transport, options, |e| {
            self.inner.client.send_message(e)
        })
    }
}
