//! Endpoints as values, and the one [`Api`] that turns any of them into a request.
//!
//! An endpoint is a struct holding a call's arguments. Its [`Endpoint`] impl
//! says which service it belongs to, how its answer decodes, which
//! options it reads, and how it builds its [`Route`]. Adding an endpoint costs
//! that struct, that impl, one line in the binding class, and its tests.

use serde::de::DeserializeOwned;
use serde::Serialize;
pub use tidings_transcode::Output;

use crate::auth::Secret;
use crate::error::{Error, Provider};
use crate::http::{HttpRequest, Method};
use crate::input::{Input, Object};
use crate::url::{BaseUrl, Segment};

/// One endpoint of one service.
pub trait Endpoint: Sized {
    /// The Rust view of what a 2xx answer decodes into (native callers, and
    /// the reference the transform of [`Endpoint::DECODE`] is tested against).
    type Output: DeserializeOwned + Serialize;
    /// How a 2xx answer becomes the JavaScript value: a model table for the
    /// transform of [`crate::http::transcode`], one object or a list of them.
    const DECODE: Output;
    /// The service the endpoint belongs to.
    const PROVIDER: Provider;
    /// The option names the endpoint reads (the call options come on top).
    const KEYS: &'static [&'static str];
    /// Reads the endpoint's arguments from a call's options.
    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error>;
    /// The method, path, query and body, every argument checked first.
    fn route(&self) -> Result<Route<'_>, Error>;
}

/// Where and what an endpoint sends, relative to the base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Route<'a> {
    /// GET or POST.
    pub method: Method,
    /// The path below the base URL.
    pub path: Vec<Segment<'a>>,
    /// The query string, already encoded, without its `?`.
    pub query: Option<String>,
    /// The JSON body.
    pub body: Option<String>,
}

impl<'a> Route<'a> {
    /// A GET of `path`.
    pub fn get(path: Vec<Segment<'a>>) -> Route<'a> {
        Route {
            method: Method::Get,
            path,
            query: None,
            body: None,
        }
    }

    /// A POST of the JSON `body` to `path`.
    pub fn post(path: Vec<Segment<'a>>, body: String) -> Route<'a> {
        Route {
            method: Method::Post,
            path,
            query: None,
            body: Some(body),
        }
    }
}

/// A configured service: its base URL and credentials.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    provider: Provider,
    base: BaseUrl,
    authorization: Secret,
}

impl Api {
    /// The API of `provider` at `base`, authenticated with `authorization`.
    pub fn new(provider: Provider, base: BaseUrl, authorization: Secret) -> Api {
        Api {
            provider,
            base,
            authorization,
        }
    }

    /// The checked base URL.
    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    /// The request that performs `endpoint`.
    pub fn request<E: Endpoint>(&self, endpoint: &E) -> Result<HttpRequest, Error> {
        if E::PROVIDER != self.provider {
            return Err(Error::invalid_input(
                "options",
                format!(
                    "this is a {} call, made on a {} client",
                    E::PROVIDER.as_str(),
                    self.provider.as_str()
                ),
            ));
        }
        let route = endpoint.route()?;
        let mut url = self.base.join(&route.path);
        if let Some(query) = route.query {
            url.push('?');
            url.push_str(&query);
        }
        Ok(HttpRequest {
            provider: self.provider,
            method: route.method,
            url,
            authorization: self.authorization.clone(),
            body: route.body,
        })
    }
}
