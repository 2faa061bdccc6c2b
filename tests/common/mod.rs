//! What the native tests share: reading options from JSON exactly as the
//! wasm build reads them from JavaScript, and one endpoint call as a value.
#![allow(dead_code)]

use std::marker::PhantomData;

use serde_json::Value;
use tidings::endpoint::{Api, Endpoint};
use tidings::http::{HttpRequest, HttpResponse};
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
    /// the HTTP error for another.
    pub fn decode(&self, response: HttpResponse<'_>) -> Result<E::Output, Error> {
        if !response.is_success() {
            return Err(Error::request(E::PROVIDER, response.error_kind()));
        }
        E::decode(response)
    }
}
