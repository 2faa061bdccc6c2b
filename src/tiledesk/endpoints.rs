//! The Tiledesk endpoints, one struct and one [`Endpoint`] impl each.

use std::fmt;

use tsify::Tsify;

use crate::encoding::JsonObject;
use crate::endpoint::{Answer, Endpoint, Output, Route};
use crate::error::{Error, Provider};
use crate::http::{text, HttpResponse, List};
use crate::input::{Input, Object};
use crate::text::msg;
use crate::url::Segment;

use super::models::{
    NewTiledeskDirectMessage, NewTiledeskMessage, TiledeskMessage, TiledeskSession,
    TILEDESK_MESSAGE, TILEDESK_SESSION,
};

/// `GET /:projectId/requests/:requestId/messages`: every message of a request,
/// oldest first (an unknown request gives `[]`).
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ListTiledeskMessages {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The support request id (`support-group-...`).
    pub request_id: String,
}

/// `GET /:projectId/requests/:requestId/messages/:messageId`: one message.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GetTiledeskMessage {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The support request id.
    pub request_id: String,
    /// The message id (`_id`, 24 hex characters).
    pub message_id: String,
}

/// `POST /:projectId/requests/:requestId/messages`: send a message (creating the
/// request if it does not exist). Never retried unless the server provably did
/// not process it.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SendTiledeskMessage {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The support request id; a new id creates the request.
    pub request_id: String,
    /// What to send.
    pub message: NewTiledeskMessage,
}

/// `/:projectId/requests/:requestId/messages`, ids checked.
fn messages_path<'a>(project_id: &'a str, request_id: &'a str) -> Result<Vec<Segment<'a>>, Error> {
    Ok(vec![
        Segment::id("projectId", project_id)?,
        Segment::Literal("requests"),
        Segment::id("requestId", request_id)?,
        Segment::Literal("messages"),
    ])
}

impl Endpoint for ListTiledeskMessages {
    type Output = List<TiledeskMessage>;
    const DECODE: Answer = Answer::Json(Output::List(&TILEDESK_MESSAGE));
    const PROVIDER: Provider = Provider::Tiledesk;
    const KEYS: &'static [&'static str] = &["projectId", "requestId"];

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(ListTiledeskMessages {
            project_id: options.required_string("projectId")?,
            request_id: options.required_string("requestId")?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        Ok(Route::get(messages_path(
            &self.project_id,
            &self.request_id,
        )?))
    }
}

impl Endpoint for GetTiledeskMessage {
    type Output = TiledeskMessage;
    const DECODE: Answer = Answer::Json(Output::One(&TILEDESK_MESSAGE));
    const PROVIDER: Provider = Provider::Tiledesk;
    const KEYS: &'static [&'static str] = &["projectId", "requestId", "messageId"];

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(GetTiledeskMessage {
            project_id: options.required_string("projectId")?,
            request_id: options.required_string("requestId")?,
            message_id: options.required_string("messageId")?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        let mut path = messages_path(&self.project_id, &self.request_id)?;
        path.push(Segment::id("messageId", &self.message_id)?);
        Ok(Route::get(path))
    }
}

impl Endpoint for SendTiledeskMessage {
    type Output = TiledeskMessage;
    const DECODE: Answer = Answer::Json(Output::One(&TILEDESK_MESSAGE));
    const PROVIDER: Provider = Provider::Tiledesk;
    const KEYS: &'static [&'static str] = &["projectId", "requestId", "message"];

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(SendTiledeskMessage {
            project_id: options.required_string("projectId")?,
            request_id: options.required_string("requestId")?,
            message: NewTiledeskMessage::read(&options.required_object("message")?)?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        let path = messages_path(&self.project_id, &self.request_id)?;
        self.message.validate()?;
        Ok(Route::post(path, self.message.to_wire_json()))
    }
}

/// `POST /auth/signin`: a user's token, from an e-mail and password. Sent
/// without any `Authorization` header.
#[derive(Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TiledeskSignIn {
    /// The account e-mail.
    pub email: String,
    /// The password (never shown in an error or a log).
    pub password: String,
}

impl fmt::Debug for TiledeskSignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TiledeskSignIn { email: [redacted], password: [redacted] }")
    }
}

impl Endpoint for TiledeskSignIn {
    type Output = TiledeskSession;
    const DECODE: Answer = Answer::Json(Output::One(&TILEDESK_SESSION));
    const PROVIDER: Provider = Provider::Tiledesk;
    const KEYS: &'static [&'static str] = &["email", "password"];
    const AUTHENTICATED: bool = false;

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(TiledeskSignIn {
            email: options.required_string("email")?,
            password: options.required_string("password")?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        Route::sign_in(
            vec![Segment::Literal("auth"), Segment::Literal("signin")],
            &self.email,
            &self.password,
        )
    }
}

/// `POST /auth/signinAnonymously`: a token for a new anonymous visitor of a
/// project (what a chat widget starts with). Sent without any `Authorization` header.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TiledeskSignInAnonymously {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The visitor's first name (the server makes up `guest#xxxx` without one).
    #[tsify(optional)]
    pub firstname: Option<String>,
    /// The visitor's last name.
    #[tsify(optional)]
    pub lastname: Option<String>,
    /// The visitor's e-mail.
    #[tsify(optional)]
    pub email: Option<String>,
    /// Custom attributes of the visitor (JSON text, as `JSON.stringify` writes them).
    #[tsify(optional, type = "Record<string, unknown>")]
    pub attributes: Option<String>,
}

impl Endpoint for TiledeskSignInAnonymously {
    type Output = TiledeskSession;
    const DECODE: Answer = Answer::Json(Output::One(&TILEDESK_SESSION));
    const PROVIDER: Provider = Provider::Tiledesk;
    const KEYS: &'static [&'static str] =
        &["projectId", "firstname", "lastname", "email", "attributes"];
    const AUTHENTICATED: bool = false;

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(TiledeskSignInAnonymously {
            project_id: options.required_string("projectId")?,
            firstname: options.string("firstname")?,
            lastname: options.string("lastname")?,
            email: options.string("email")?,
            attributes: options.json_object("attributes")?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        // Checked as a path id is, though it travels in the body.
        Segment::id("projectId", &self.project_id)?;
        let mut body = JsonObject::new();
        body.string("id_project", Some(&self.project_id));
        body.string("firstname", self.firstname.as_deref());
        body.string("lastname", self.lastname.as_deref());
        body.string("email", self.email.as_deref());
        body.raw("attributes", self.attributes.as_deref());
        Ok(Route::post(
            vec![
                Segment::Literal("auth"),
                Segment::Literal("signinAnonymously"),
            ],
            body.finish(),
        ))
    }
}

/// `POST /:projectId/requests/:requestId/messages/multi`: several messages to
/// an existing request, inserted in order (an unknown request is a 404: this
/// route never creates one). Never retried unless the server provably did not
/// process it.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SendTiledeskMessages {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The support request id; the request must exist.
    pub request_id: String,
    /// What to send, in order; each is checked as a single send is.
    pub messages: Vec<NewTiledeskMessage>,
}

impl Endpoint for SendTiledeskMessages {
    type Output = Vec<TiledeskMessage>;
    const DECODE: Answer = Answer::Json(Output::List(&TILEDESK_MESSAGE));
    const PROVIDER: Provider = Provider::Tiledesk;
    const KEYS: &'static [&'static str] = &["projectId", "requestId", "messages"];

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        let project_id = options.required_string("projectId")?;
        let request_id = options.required_string("requestId")?;
        let objects = options
            .objects("messages")?
            .ok_or_else(|| options.error("messages", "is required"))?;
        let mut messages = Vec::with_capacity(objects.len());
        for object in &objects {
            messages.push(NewTiledeskMessage::read(object)?);
        }
        Ok(SendTiledeskMessages {
            project_id,
            request_id,
            messages,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        let mut path = messages_path(&self.project_id, &self.request_id)?;
        path.push(Segment::Literal("multi"));
        if self.messages.is_empty() {
            return Err(Error::invalid_input(
                "messages",
                "is empty; pass at least one message",
            ));
        }
        let mut body = String::from("[");
        for (index, message) in self.messages.iter().enumerate() {
            message.validate_at(&msg!("messages.", index))?;
            if index > 0 {
                body.push(',');
            }
            body.push_str(&message.to_wire_json());
        }
        body.push(']');
        Ok(Route::post(path, body))
    }
}

/// `GET /:projectId/requests/:requestId/messages/csv`: the messages of a
/// request as CSV text (`;` separated, a header line, oldest first).
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ExportTiledeskMessagesCsv {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The support request id.
    pub request_id: String,
}

impl Endpoint for ExportTiledeskMessagesCsv {
    type Output = String;
    const DECODE: Answer = Answer::Text;
    const PROVIDER: Provider = Provider::Tiledesk;
    const KEYS: &'static [&'static str] = &["projectId", "requestId"];
    const ACCEPT: &'static str = "text/csv";

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(ExportTiledeskMessagesCsv {
            project_id: options.required_string("projectId")?,
            request_id: options.required_string("requestId")?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        let mut path = messages_path(&self.project_id, &self.request_id)?;
        path.push(Segment::Literal("csv"));
        Ok(Route::get(path))
    }

    /// The body as it is: CSV text, not JSON. An HTML page (a proxy's or a
    /// web app's answer at a wrong base URL) is a decode error, not CSV.
    fn decode(response: HttpResponse<'_>) -> Result<String, Error> {
        text(Self::PROVIDER, response)
    }
}

/// The largest page Tiledesk serves; it silently turns a larger `limit` into 10.
pub const MAX_PROJECT_PAGE: u32 = 50;

/// `GET /:projectId/messages?limit=&page=&populate_request=`: the messages of
/// the whole project, newest first, a page at a time (owner role only).
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ListTiledeskProjectMessages {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The page, from 0 (the server's default).
    #[tsify(optional)]
    pub page: Option<u32>,
    /// Messages per page, 1 to 50 (the server's default is 10). A larger
    /// value is refused here: Tiledesk would silently use 10.
    #[tsify(optional)]
    pub limit: Option<u32>,
    /// Adds each message's support request as `request`.
    #[tsify(optional)]
    pub populate_request: Option<bool>,
}

impl Endpoint for ListTiledeskProjectMessages {
    type Output = Vec<TiledeskMessage>;
    const DECODE: Answer = Answer::Json(Output::List(&TILEDESK_MESSAGE));
    const PROVIDER: Provider = Provider::Tiledesk;
    const KEYS: &'static [&'static str] = &["projectId", "page", "limit", "populateRequest"];

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(ListTiledeskProjectMessages {
            project_id: options.required_string("projectId")?,
            page: options.whole("page", 0, 1_000_000_000)?,
            limit: options.whole("limit", 1, MAX_PROJECT_PAGE)?,
            populate_request: options.bool("populateRequest")?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        if self
            .limit
            .is_some_and(|limit| limit == 0 || limit > MAX_PROJECT_PAGE)
        {
            return Err(Error::invalid_input(
                "limit",
                msg!("must be a whole number from 1 to ", MAX_PROJECT_PAGE),
            ));
        }
        let mut route = Route::get(vec![
            Segment::id("projectId", &self.project_id)?,
            Segment::Literal("messages"),
        ]);
        let mut query = Vec::new();
        if let Some(limit) = self.limit {
            query.push(msg!("limit=", limit));
        }
        if let Some(page) = self.page {
            query.push(msg!("page=", page));
        }
        // The server populates for any value, `false` included: send it only for true.
        if self.populate_request == Some(true) {
            query.push("populate_request=true".to_owned());
        }
        if !query.is_empty() {
            route.query = Some(crate::text::join(&query, "&"));
        }
        Ok(route)
    }
}

/// `POST /:projectId/messages`: a direct message to one recipient. Never
/// retried unless the server provably did not process it.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SendTiledeskDirectMessage {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// What to send, and to whom.
    pub message: NewTiledeskDirectMessage,
}

impl Endpoint for SendTiledeskDirectMessage {
    type Output = TiledeskMessage;
    const DECODE: Answer = Answer::Json(Output::One(&TILEDESK_MESSAGE));
    const PROVIDER: Provider = Provider::Tiledesk;
    const KEYS: &'static [&'static str] = &["projectId", "message"];

    fn read<I: Input>(options: &Object<I>) -> Result<Self, Error> {
        Ok(SendTiledeskDirectMessage {
            project_id: options.required_string("projectId")?,
            message: NewTiledeskDirectMessage::read(&options.required_object("message")?)?,
        })
    }

    fn route(&self) -> Result<Route<'_>, Error> {
        let path = vec![
            Segment::id("projectId", &self.project_id)?,
            Segment::Literal("messages"),
        ];
        self.message.validate()?;
        Ok(Route::post(path, self.message.to_wire_json()))
    }
}
