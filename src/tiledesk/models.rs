//! Tiledesk message models.
//!
//! [`TiledeskMessage`] is what JavaScript sees: camelCase names, the id as `id`,
//! the numeric `status` plus a typed `statusName`, and every field the server
//! sent but this model does not know kept in `extra`. It decodes from the wire
//! spellings (`_id`, `id_project`, `channel_type`, `__v`) through a private wire
//! struct, so the two namings never mix.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::Error;
use serde::de::MapAccess;

use crate::wire::{deserialize_wire, Extra, LooseId, WireFields};

/// A message of a Tiledesk support request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", from = "WireMessage")]
pub struct TiledeskMessage {
    /// The message id (wire name `_id`, a 24-hex ObjectId).
    pub id: String,
    /// Who sent it: a user id, a bot id or `system`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    /// The sender's display name (the server's default is `Guest`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_fullname: Option<String>,
    /// The recipient: the request id for group messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// The recipient's display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient_fullname: Option<String>,
    /// `text`, `image`, `frame`, `file`, or any newer type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub message_type: Option<String>,
    /// `group` or `direct`, or any newer value (wire name `channel_type`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_type: Option<String>,
    /// The channel, usually `{ name: "chat21" }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub channel: Option<Map<String, Value>>,
    /// The message text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The language of the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The numeric status (-100 failed … 300 seen); other numbers can appear.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<f64>,
    /// The status as a name; `unknown` for any other number or none.
    pub status_name: TiledeskMessageStatus,
    /// Custom attributes (`attributes.subtype` is `info`, `chatbot`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub attributes: Option<Map<String, Value>>,
    /// Image and file details: `src`, `width`, `height`, `name`, `type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub metadata: Option<Map<String, Value>>,
    /// The id of whoever created the row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// The project id (wire name `id_project`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// When the message was created, an ISO-8601 string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// When the message was last updated, an ISO-8601 string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The database document version (wire name `__v`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<f64>,
    /// The support request, as the server populates it in a send's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub request: Option<Map<String, Value>>,
    /// Fields this version of tidings does not know, exactly as the server sent them.
    #[serde(skip_serializing_if = "Map::is_empty")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, unknown>")
    )]
    pub extra: Extra,
}

/// The named message statuses of Tiledesk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum TiledeskMessageStatus {
    /// -100
    Failed,
    /// 0: the default of a new message.
    Sending,
    /// 100
    Sent,
    /// 150
    Delivered,
    /// 200
    Received,
    /// 250
    ReturnReceipt,
    /// 300
    Seen,
    /// Any other number, or no status.
    Unknown,
}

impl TiledeskMessageStatus {
    /// Names a numeric status (a JSON number, so `200.0` is `200`).
    pub fn from_code(code: Option<f64>) -> TiledeskMessageStatus {
        // `as` saturates, so huge numbers cannot wrap onto a known code.
        match code.filter(|c| c.fract() == 0.0).map(|c| c as i64) {
            Some(-100) => TiledeskMessageStatus::Failed,
            Some(0) => TiledeskMessageStatus::Sending,
            Some(100) => TiledeskMessageStatus::Sent,
            Some(150) => TiledeskMessageStatus::Delivered,
            Some(200) => TiledeskMessageStatus::Received,
            Some(250) => TiledeskMessageStatus::ReturnReceipt,
            Some(300) => TiledeskMessageStatus::Seen,
            _ => TiledeskMessageStatus::Unknown,
        }
    }
}

/// The message as the server spells it (`_id`, `id_project`, `__v`...), and
/// the spellings seen elsewhere (the seed's `id`, camelCase, snake_case).
#[derive(Default)]
struct WireMessage {
    underscore_id: Option<String>,
    id: Option<String>,
    sender: Option<String>,
    sender_fullname: Option<String>,
    recipient: Option<String>,
    recipient_fullname: Option<String>,
    message_type: Option<String>,
    channel_type: Option<String>,
    channel: Option<Map<String, Value>>,
    text: Option<String>,
    language: Option<String>,
    status: Option<f64>,
    attributes: Option<Map<String, Value>>,
    metadata: Option<Map<String, Value>>,
    created_by: Option<String>,
    project_id: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    version: Option<f64>,
    request: Option<Map<String, Value>>,
    extra: Extra,
}

impl WireFields for WireMessage {
    fn read_known<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "_id" => self.underscore_id = map.next_value::<LooseId>()?.0,
            "id" => self.id = map.next_value::<LooseId>()?.0,
            "sender" => self.sender = map.next_value()?,
            "senderFullname" => self.sender_fullname = map.next_value()?,
            "recipient" => self.recipient = map.next_value()?,
            "recipientFullname" => self.recipient_fullname = map.next_value()?,
            "type" => self.message_type = map.next_value()?,
            "channel_type" | "channelType" => self.channel_type = map.next_value()?,
            "channel" => self.channel = map.next_value()?,
            "text" => self.text = map.next_value()?,
            "language" => self.language = map.next_value()?,
            "status" => self.status = map.next_value()?,
            "attributes" => self.attributes = map.next_value()?,
            "metadata" => self.metadata = map.next_value()?,
            "createdBy" | "created_by" => self.created_by = map.next_value()?,
            "id_project" | "projectId" => self.project_id = map.next_value()?,
            "createdAt" | "created_at" => self.created_at = map.next_value()?,
            "updatedAt" | "updated_at" => self.updated_at = map.next_value()?,
            "__v" => self.version = map.next_value()?,
            "request" => self.request = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl<'de> Deserialize<'de> for WireMessage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_wire(deserializer)
    }
}

impl From<WireMessage> for TiledeskMessage {
    fn from(w: WireMessage) -> Self {
        TiledeskMessage {
            id: w.underscore_id.or(w.id).unwrap_or_default(),
            sender: w.sender,
            sender_fullname: w.sender_fullname,
            recipient: w.recipient,
            recipient_fullname: w.recipient_fullname,
            message_type: w.message_type,
            channel_type: w.channel_type,
            channel: w.channel,
            text: w.text,
            language: w.language,
            status_name: TiledeskMessageStatus::from_code(w.status),
            status: w.status,
            attributes: w.attributes,
            metadata: w.metadata,
            created_by: w.created_by,
            project_id: w.project_id,
            created_at: w.created_at,
            updated_at: w.updated_at,
            version: w.version,
            request: w.request,
            extra: w.extra,
        }
    }
}

/// A message to send. Only `text` is needed for a text message.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct NewTiledeskMessage {
    /// The text; required (non-empty) when `type` is `text`, the default.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<String>,
    /// `text` (default), `image`, `file`, `frame`, or any other type the server knows.
    #[serde(rename = "type")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub message_type: Option<String>,
    /// Image or file details; `src` is required for `image` and `file`.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub metadata: Option<NewTiledeskMetadata>,
    /// Custom attributes, sent as they are.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "Record<string, unknown>")
    )]
    pub attributes: Option<Map<String, Value>>,
    /// The sender name to show (the server defaults to the user's name).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub sender_fullname: Option<String>,
    /// Department of a new request (wire `departmentid`; first message only).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub department_id: Option<String>,
    /// Page the request started from (first message only).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub source_page: Option<String>,
    /// Language of a new request (first message only).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub language: Option<String>,
    /// User agent of a new request (first message only).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub user_agent: Option<String>,
}

/// Image and file details of a [`NewTiledeskMessage`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NewTiledeskMetadata {
    /// Absolute URL of the image or file.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub src: Option<String>,
    /// Width in pixels, a positive integer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number"))]
    pub width: Option<Pixels>,
    /// Height in pixels, a positive integer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "number"))]
    pub height: Option<Pixels>,
    /// File name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// MIME type; required for `file` (the server never answers without it).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub mime_type: Option<String>,
    /// Any other metadata, sent as it is.
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub extra: Extra,
}

impl NewTiledeskMessage {
    /// The `type` actually sent.
    pub fn kind(&self) -> &str {
        self.message_type.as_deref().unwrap_or("text")
    }

    /// Checks the message before anything is sent; errors name the field.
    pub fn validate(&self) -> Result<(), Error> {
        let kind = self.kind();
        if kind.is_empty() {
            return Err(Error::invalid_input(
                "message.type",
                "is empty; omit it for a text message",
            ));
        }
        if kind == "text" && self.text.as_deref().unwrap_or("").is_empty() {
            return Err(Error::invalid_input(
                "message.text",
                "is required and must not be empty for a text message",
            ));
        }
        let src_missing = self
            .metadata
            .as_ref()
            .and_then(|m| m.src.as_deref())
            .unwrap_or("")
            .is_empty();
        if (kind == "image" || kind == "file") && src_missing {
            return Err(Error::invalid_input(
                "message.metadata.src",
                format!(
                    "is required for a message of type {kind}: pass the absolute URL of the {kind}"
                ),
            ));
        }
        if kind == "file"
            && self
                .metadata
                .as_ref()
                .and_then(|m| m.mime_type.as_deref())
                .unwrap_or("")
                .is_empty()
        {
            return Err(Error::invalid_input(
                "message.metadata.type",
                "is required for a file message (its MIME type): Tiledesk never answers a file message without it",
            ));
        }
        if let Some(metadata) = &self.metadata {
            check_dimension("message.metadata.width", metadata.width.as_ref())?;
            check_dimension("message.metadata.height", metadata.height.as_ref())?;
        }
        Ok(())
    }

    /// The JSON body the server expects (`departmentid`, `sourcePage`, ...).
    pub fn to_wire_json(&self) -> String {
        let wire = WireNewMessage {
            text: self.text.as_deref(),
            message_type: self.kind(),
            metadata: self.metadata.as_ref(),
            attributes: self.attributes.as_ref(),
            sender_fullname: self.sender_fullname.as_deref(),
            departmentid: self.department_id.as_deref(),
            source_page: self.source_page.as_deref(),
            language: self.language.as_deref(),
            user_agent: self.user_agent.as_deref(),
        };
        // Serialising borrowed strings and JSON values into a String cannot fail.
        serde_json::to_string(&wire).unwrap_or_default()
    }
}

fn check_dimension(field: &str, value: Option<&Pixels>) -> Result<(), Error> {
    match value {
        None => Ok(()),
        Some(pixels) if pixels.whole().is_some() => Ok(()),
        Some(_) => Err(Error::invalid_input(
            field,
            "must be a positive whole number of pixels",
        )),
    }
}

/// A pixel size exactly as the caller passed it, so that `NaN`, `1.5` or
/// `"200"` can be refused by name instead of turning into `null` on the way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pixels {
    /// A number (not yet checked: may be NaN, negative or fractional).
    Number(f64),
    /// Something that is not a number at all.
    NotANumber,
}

impl Pixels {
    /// The size when it is a positive whole number that JSON can carry.
    pub fn whole(&self) -> Option<u64> {
        match *self {
            Pixels::Number(n)
                if n.is_finite()
                    && n >= 1.0
                    && n.fract() == 0.0
                    && n <= 9_007_199_254_740_991.0 =>
            {
                Some(n as u64)
            }
            _ => None,
        }
    }
}

impl Serialize for Pixels {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.whole() {
            Some(n) => serializer.serialize_u64(n),
            // Unreachable after `validate`; null rather than a made-up size.
            None => serializer.serialize_none(),
        }
    }
}

impl<'de> Deserialize<'de> for Pixels {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PixelsVisitor)
    }
}

struct PixelsVisitor;

impl<'de> serde::de::Visitor<'de> for PixelsVisitor {
    type Value = Pixels;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number of pixels")
    }
    fn visit_f64<E>(self, v: f64) -> Result<Pixels, E> {
        Ok(Pixels::Number(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Pixels, E> {
        Ok(Pixels::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Pixels, E> {
        Ok(Pixels::Number(v as f64))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Pixels, E> {
        Ok(Pixels::NotANumber)
    }
    fn visit_str<E>(self, _: &str) -> Result<Pixels, E> {
        Ok(Pixels::NotANumber)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Pixels, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Pixels::NotANumber)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Pixels, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Pixels::NotANumber)
    }
}

#[derive(Serialize)]
struct WireNewMessage<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(rename = "type")]
    message_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<&'a NewTiledeskMetadata>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attributes: Option<&'a Map<String, Value>>,
    #[serde(rename = "senderFullname", skip_serializing_if = "Option::is_none")]
    sender_fullname: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    departmentid: Option<&'a str>,
    #[serde(rename = "sourcePage", skip_serializing_if = "Option::is_none")]
    source_page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(rename = "userAgent", skip_serializing_if = "Option::is_none")]
    user_agent: Option<&'a str>,
}
