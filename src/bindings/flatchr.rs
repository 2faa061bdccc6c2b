//! The `FlatchrClient` class.

use std::rc::Rc;

use js_sys::Promise;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::call::{perform, Endpoint};
use super::js_error::to_js;
use super::options::{read, Kind};
use super::transport::Transport;
use crate::flatchr::requests::{ListFlatchrMessages, SendFlatchrMessage};
use crate::flatchr::{Client, FlatchrClientOptions};
use crate::options::CallOptions;

impl Endpoint for ListFlatchrMessages {
    fn call_options(&self) -> &CallOptions {
        &self.call
    }
}

impl Endpoint for SendFlatchrMessage {
    fn call_options(&self) -> &CallOptions {
        &self.call
    }
}

struct Inner {
    client: Client,
    transport: Rc<Transport>,
}

/// A client for the messages exchanged with Flatchr applicants.
#[wasm_bindgen]
pub struct FlatchrClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl FlatchrClient {
    /// Checks the options (token, base URL, timeouts) and makes a client.
    /// Throws a `TidingsError` of kind `config` when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<FlatchrClientOptions>) -> Result<FlatchrClient, JsValue> {
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
            .map(|inner| FlatchrClient {
                inner: Rc::new(inner),
            })
            .map_err(|e| to_js(&e))
    }

    /// The messages exchanged with an applicant.
    #[wasm_bindgen(js_name = listMessages, unchecked_return_type = "Promise<FlatchrMessage[]>")]
    pub fn list_messages(&self, options: Ts<ListFlatchrMessages>) -> Promise {
        perform(&self.inner.transport, options, |e| {
            self.inner.client.list_messages(e)
        })
    }

    /// Sends a message to an applicant (needs a user token). Never retried unless
    /// the server provably did not process it.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<FlatchrMessage>")]
    pub fn send_message(&self, options: Ts<SendFlatchrMessage>) -> Promise {
        perform(&self.inner.transport, options, |e| {
            self.inner.client.send_message(e)
        })
    }
}
