//! Endpoints as values, and the one [`Api`] that turns any of them into a request.
//!
//! An endpoint is a struct holding a call's arguments. Its [`Endpoint`] impl
//! says which service it belongs to, how its answer decodes, which
//! options it reads, and how it builds its [`Route`]. Adding an endpoint costs
//! that struct, that impl, one line in the binding class, and its tests.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
pub use tidings_transcode::Output;

use crate::auth::Secret;
use crate::error::{Error, Provider};
use crate::http::{decode, BodyLength, HttpRequest, HttpResponse, Method};
use crate::input::{Input, Object};
use crate::text::msg;
use crate::url::{BaseUrl, Segment};

/// How a 2xx answer becomes the JavaScript value.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// JSON, read by the transform of [`crate::http::transcode`] with this
    /// model table.
    Json(Output),
    /// Text (CSV), a JavaScript string, read by [`crate::http::text`].
    Text,
}

/// One endpoint of one service.
pub trait Endpoint: Sized {
    /// The Rust view of what a 2xx answer decodes into (native callers, and
    /// the reference the transform of [`Endpoint::DECODE`] is tested against).
    type Output: DeserializeOwned + Serialize;
    /// How a 2xx answer becomes the JavaScript value: a model table for the
    /// transform of [`crate::http::transcode`] (one object or a list of
    /// them), or text.
    const DECODE: Answer;
    /// The service the endpoint belongs to.
    const PROVIDER: Provider;
    /// The option names the endpoint reads (the call options come on top).
    const KEYS: &'static [&'static str];
    /// Whether the request carries the client's credentials. Sign-in
    /// endpoints, which obtain them, send no `Authorization` header at all.
    const AUTHENTICATED: bool = true;
    /// The `Accept` header: what the answer is expected to be.
    const ACCEPT: &'static str = "application/json";
    /// Turns a 2xx answer into the Rust output: JSON by default; an endpoint
    /// that answers in another format (CSV text) says how to read it, as its
    /// [`Endpoint::DECODE`] does for the wasm build.
    fn decode(response: HttpResponse<'_>) -> Result<Self::Output, Error> {
        decode(Self::PROVIDER, response)
    }
    /// Reads the endpoint's arguments from a call's options.
    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error>;
    /// The method, path, query and body, every argument checked first.
    fn route(&self) -> Result<Route<'_>, Error>;
}

/// Where and what an endpoint sends, relative to the base URL. `Debug`
/// shows the body's length only (a sign-in's body holds a password).
#[derive(Clone, PartialEq)]
pub struct Route<'a> {
    /// GET or POST.
    pub method: Method,
    /// The path below the base URL.
    pub path: Vec<Segment<'a>>,
    /// The query string, already encoded, without its `?`.
    pub query: Option<String>,
    /// The JSON body.
    pub body: Option<String>,
    /// A credential the body carries (a sign-in's password), redacted from
    /// every error of the call.
    pub credential: Option<Secret>,
}

impl fmt::Debug for Route<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Route")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &BodyLength(self.body.as_deref()))
            .finish()
    }
}

impl<'a> Route<'a> {
    /// A GET of `path`.
    pub fn get(path: Vec<Segment<'a>>) -> Route<'a> {
        Route {
            method: Method::Get,
            path,
            query: None,
            body: None,
            credential: None,
        }
    }

    /// A POST of the JSON `body` to `path`.
    pub fn post(path: Vec<Segment<'a>>, body: String) -> Route<'a> {
        Route {
            method: Method::Post,
            path,
            query: None,
            body: Some(body),
            credential: None,
        }
    }

    /// A sign-in: a POST of `{email, password}` to `path`, the password
    /// carried as the route's credential so that no error can show it.
    pub fn sign_in(
        path: Vec<Segment<'a>>,
        email: &str,
        password: &str,
    ) -> Result<Route<'a>, Error> {
        Ok(Route {
            credential: Some(Secret::password(email, password)),
            ..Route::post(path, crate::auth::credentials_json(email, password)?)
        })
    }
}

/// A configured service: its base URL and credentials.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    provider: Provider,
    base: BaseUrl,
    authorization: Option<Secret>,
}

impl Api {
    /// The API of `provider` at `base`, authenticated with `authorization`.
    pub fn new(provider: Provider, base: BaseUrl, authorization: Secret) -> Api {
        Api {
            provider,
            base,
            authorization: Some(authorization),
        }
    }

    /// The API of `provider` at `base` without credentials: it performs only
    /// the endpoints that obtain them (sign-in), and those with no
    /// `Authorization` header.
    pub fn public(provider: Provider, base: BaseUrl) -> Api {
        Api {
            provider,
            base,
            authorization: None,
        }
    }

    /// The checked base URL.
    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    /// The credentials, when it has any (a watch's socket carries them in
    /// its URL).
    pub fn authorization(&self) -> Option<&Secret> {
        self.authorization.as_ref()
    }

    /// The request that performs `endpoint`.
    pub fn request<E: Endpoint>(&self, endpoint: &E) -> Result<HttpRequest, Error> {
        self.build(E::PROVIDER, E::AUTHENTICATED, E::ACCEPT, endpoint.route())
    }

    /// The part of [`Api::request`] that is the same for every endpoint,
    /// kept out of its instances (the wasm stays small).
    #[inline(never)]
    fn build(
        &self,
        provider: Provider,
        authenticated: bool,
        accept: &'static str,
        route: Result<Route<'_>, Error>,
    ) -> Result<HttpRequest, Error> {
        if provider != self.provider {
            return Err(Error::invalid_input(
                "options",
                msg!(
                    "this is a ",
                    provider.as_str(),
                    " call, made on a ",
                    self.provider.as_str(),
                    " client"
                ),
            ));
        }
        let authorization = match (authenticated, &self.authorization) {
            (false, _) => None,
            (true, Some(secret)) => Some(secret.clone()),
            (true, None) => {
                return Err(Error::config(
                    "auth",
                    "this call needs credentials: make a client with them first",
                ))
            }
        };
        let route = route?;
        let mut url = self.base.join(&route.path);
        if let Some(query) = route.query {
            url.push('?');
            url.push_str(&query);
        }
        Ok(HttpRequest {
            provider: self.provider,
            method: route.method,
            url,
            accept,
            authorization,
            credential: route.credential,
            body: route.body,
        })
    }
}
