//! The Tiledesk endpoints, one struct and one [`Endpoint`] impl each.

use tsify::Tsify;

use crate::endpoint::{Endpoint, Output, Route};
use crate::error::{Error, Provider};
use crate::input::{Input, Object};
use crate::url::Segment;

use super::models::{NewTiledeskMessage, TiledeskMessage, TILEDESK_MESSAGE};

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
    type Output = Vec<TiledeskMessage>;
    const DECODE: Output = Output::List(&TILEDESK_MESSAGE);
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
    const DECODE: Output = Output::One(&TILEDESK_MESSAGE);
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
    const DECODE: Output = Output::One(&TILEDESK_MESSAGE);
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
