//! The three Tiledesk endpoints, one value each. A value holds the call's
//! arguments (as JavaScript passes them) and builds the request description.

use serde::Deserialize;

use crate::error::Error;
use crate::http::{HttpRequest, Method, Secret};
use crate::options::CallOptions;
use crate::url::{check_id, BaseUrl, Segment};
use crate::Provider;

use super::models::NewTiledeskMessage;

/// `GET /:projectId/requests/:requestId/messages`: every message of a request,
/// oldest first (an unknown request gives `[]`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ListTiledeskMessages {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The support request id (`support-group-...`).
    pub request_id: String,
    /// Signal, timeouts and retries for this call.
    #[serde(flatten)]
    pub call: CallOptions,
}

/// `GET /:projectId/requests/:requestId/messages/:messageId`: one message.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GetTiledeskMessage {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The support request id.
    pub request_id: String,
    /// The message id (`_id`, 24 hex characters).
    pub message_id: String,
    /// Signal, timeouts and retries for this call.
    #[serde(flatten)]
    pub call: CallOptions,
}

/// `POST /:projectId/requests/:requestId/messages`: send a message (creating the
/// request if it does not exist). Never retried unless the server provably did
/// not process it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SendTiledeskMessage {
    /// The project id (24 hex characters).
    pub project_id: String,
    /// The support request id; a new id creates the request.
    pub request_id: String,
    /// What to send.
    pub message: NewTiledeskMessage,
    /// Signal, timeouts and retries for this call.
    #[serde(flatten)]
    pub call: CallOptions,
}

fn messages_url(
    base: &BaseUrl,
    project_id: &str,
    request_id: &str,
    message_id: Option<&str>,
) -> Result<String, Error> {
    check_id("projectId", project_id)?;
    check_id("requestId", request_id)?;
    let mut segments = vec![
        Segment::Id(project_id),
        Segment::Literal("requests"),
        Segment::Id(request_id),
        Segment::Literal("messages"),
    ];
    if let Some(id) = message_id {
        check_id("messageId", id)?;
        segments.push(Segment::Id(id));
    }
    Ok(base.join(&segments))
}

fn request(method: Method, url: String, auth: &Secret, body: Option<String>) -> HttpRequest {
    HttpRequest {
        provider: Provider::Tiledesk,
        method,
        url,
        authorization: auth.clone(),
        body,
    }
}

impl ListTiledeskMessages {
    /// The request description; ids are checked first.
    pub fn build(&self, base: &BaseUrl, auth: &Secret) -> Result<HttpRequest, Error> {
        let url = messages_url(base, &self.project_id, &self.request_id, None)?;
        Ok(request(Method::Get, url, auth, None))
    }
}

impl GetTiledeskMessage {
    /// The request description; ids are checked first.
    pub fn build(&self, base: &BaseUrl, auth: &Secret) -> Result<HttpRequest, Error> {
        let url = messages_url(
            base,
            &self.project_id,
            &self.request_id,
            Some(&self.message_id),
        )?;
        Ok(request(Method::Get, url, auth, None))
    }
}

impl SendTiledeskMessage {
    /// The request description; ids and the message are checked first.
    pub fn build(&self, base: &BaseUrl, auth: &Secret) -> Result<HttpRequest, Error> {
        let url = messages_url(base, &self.project_id, &self.request_id, None)?;
        self.message.validate()?;
        Ok(request(
            Method::Post,
            url,
            auth,
            Some(self.message.to_wire_json()),
        ))
    }
}
