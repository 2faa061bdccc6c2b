//! Tiledesk message models.
//!
//! [`TiledeskMessage`] is what JavaScript sees: camelCase names, the id as `id`,
//! the numeric `status` plus a typed `statusName`, and every field the server
//! sent but this model does not know kept in `extra`. It decodes from the wire
//! spellings (`_id`, `id_project`, `channel_type`, `__v`) through a private wire
//! struct, so the two namings never mix.

use std::fmt;

use serde::de::MapAccess;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tidings_transcode::{Field, Json, Key, Kind, Model, Unknown};
use tsify::Tsify;

use crate::encoding::JsonObject;
use crate::error::Error;
use crate::input::{Input, Object};
use crate::text::msg;
use crate::wire::{deserialize_wire, Extra, LooseId, WireFields};

/// A message of a Tiledesk support request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
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
    #[tsify(type = "Record<string, unknown>")]
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
    #[tsify(type = "Record<string, unknown>")]
    pub attributes: Option<Map<String, Value>>,
    /// Image and file details: `src`, `width`, `height`, `name`, `type`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Record<string, unknown>")]
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
    #[tsify(type = "Record<string, unknown>")]
    pub request: Option<Map<String, Value>>,
    /// Fields this version of tidings does not know, exactly as the server sent them.
    #[serde(skip_serializing_if = "Map::is_empty")]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// The named message statuses of Tiledesk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
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
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct NewTiledeskMessage {
    /// The text; required (non-empty) when `type` is `text`, the default.
    #[tsify(optional)]
    pub text: Option<String>,
    /// `text` (default), `image`, `file`, `frame`, or any other type the server knows.
    #[serde(rename = "type")]
    #[tsify(optional)]
    pub message_type: Option<String>,
    /// Image or file details (JSON text, as `JSON.stringify` writes them);
    /// `src` is required for `image` and `file`.
    #[tsify(optional, type = "NewTiledeskMetadata")]
    pub metadata: Option<String>,
    /// Custom attributes (JSON text, as `JSON.stringify` writes them), sent as they are.
    #[tsify(optional, type = "Record<string, unknown>")]
    pub attributes: Option<String>,
    /// The sender name to show (the server defaults to the user's name).
    #[tsify(optional)]
    pub sender_fullname: Option<String>,
    /// Department of a new request (wire `departmentid`; first message only).
    #[tsify(optional)]
    pub department_id: Option<String>,
    /// Page the request started from (first message only).
    #[tsify(optional)]
    pub source_page: Option<String>,
    /// Language of a new request (first message only).
    #[tsify(optional)]
    pub language: Option<String>,
    /// User agent of a new request (first message only).
    #[tsify(optional)]
    pub user_agent: Option<String>,
}

/// The TypeScript shape of [`NewTiledeskMessage::metadata`]: image and file
/// details, plus anything else, sent as it is.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
pub struct NewTiledeskMetadata {
    /// Absolute URL of the image or file.
    #[tsify(optional)]
    pub src: Option<String>,
    /// Width in pixels, a positive integer.
    #[tsify(optional)]
    pub width: Option<u32>,
    /// Height in pixels, a positive integer.
    #[tsify(optional)]
    pub height: Option<u32>,
    /// File name.
    #[tsify(optional)]
    pub name: Option<String>,
    /// MIME type; required for `file` (the server never answers without it).
    #[serde(rename = "type")]
    #[tsify(optional)]
    pub mime_type: Option<String>,
    /// Any other metadata, sent as it is (in TypeScript, a key one typo
    /// away from a field above is an error that names the field).
    #[serde(flatten)]
    #[tsify(type = "TidingsExtras<\"src\" | \"width\" | \"height\" | \"name\" | \"type\">")]
    pub extra: Extra,
}

const NEW_MESSAGE_KEYS: &[&str] = &[
    "text",
    "type",
    "metadata",
    "attributes",
    "senderFullname",
    "departmentId",
    "sourcePage",
    "language",
    "userAgent",
];

impl NewTiledeskMessage {
    /// Reads a message from a call's `message` option.
    pub fn read<I: Input>(message: &Object<I>) -> Result<NewTiledeskMessage, Error> {
        let read = NewTiledeskMessage {
            text: message.string("text")?,
            message_type: message.string("type")?,
            metadata: message.json_object("metadata")?,
            attributes: message.json_object("attributes")?,
            sender_fullname: message.string("senderFullname")?,
            department_id: message.string("departmentId")?,
            source_page: message.string("sourcePage")?,
            language: message.string("language")?,
            user_agent: message.string("userAgent")?,
        };
        message.deny_unknown(&[NEW_MESSAGE_KEYS])?;
        Ok(read)
    }

    /// The `type` actually sent.
    pub fn kind(&self) -> &str {
        self.message_type.as_deref().unwrap_or("text")
    }

    /// Checks the message before anything is sent; errors name the field.
    pub fn validate(&self) -> Result<(), Error> {
        self.validate_at("message")
    }

    /// [`NewTiledeskMessage::validate`] for a message found at `path`
    /// (`message`, `messages.2`), which the errors' fields start with.
    pub fn validate_at(&self, path: &str) -> Result<(), Error> {
        check_content(
            path,
            self.kind(),
            self.text.as_deref(),
            self.metadata.as_deref(),
        )
    }

    /// The JSON body the server expects (`departmentid`, `sourcePage`, ...).
    pub fn to_wire_json(&self) -> String {
        let mut body = JsonObject::new();
        body.string("text", self.text.as_deref());
        body.string("type", Some(self.kind()));
        body.raw("metadata", self.metadata.as_deref());
        body.raw("attributes", self.attributes.as_deref());
        body.string("senderFullname", self.sender_fullname.as_deref());
        body.string("departmentid", self.department_id.as_deref());
        body.string("sourcePage", self.source_page.as_deref());
        body.string("language", self.language.as_deref());
        body.string("userAgent", self.user_agent.as_deref());
        body.finish()
    }
}

/// The checks every message to send goes through, whatever the route: a
/// type, a text for text messages, and the metadata images and files need.
fn check_content(
    path: &str,
    kind: &str,
    text: Option<&str>,
    metadata: Option<&str>,
) -> Result<(), Error> {
    let field = |name: &str| msg!(path, ".", name);
    if kind.is_empty() {
        return Err(Error::invalid_input(
            field("type"),
            "is empty; omit it for a text message",
        ));
    }
    if kind == "text" && text.unwrap_or("").is_empty() {
        return Err(Error::invalid_input(
            field("text"),
            "is required and must not be empty for a text message",
        ));
    }
    // `null` is kept apart from absent, since `JSON.stringify` writes NaN as `null`.
    let metadata = match metadata {
        Some(json) => Some(
            Json::parse(json)
                .ok()
                .filter(|m| m.members().is_some())
                .ok_or_else(|| Error::invalid_input(field("metadata"), "must be a JSON object"))?,
        ),
        None => None,
    };
    let get = |key: &str| metadata.and_then(|m| m.get(key));
    let src_empty = text_field(&field("metadata.src"), get("src"))?;
    if (kind == "image" || kind == "file") && src_empty {
        return Err(Error::invalid_input(
            field("metadata.src"),
            msg!(
                "is required for a message of type ",
                kind,
                ": pass the absolute URL of the ",
                kind
            ),
        ));
    }
    let mime_type_empty = text_field(&field("metadata.type"), get("type"))?;
    if kind == "file" && mime_type_empty {
        return Err(Error::invalid_input(
            field("metadata.type"),
            "is required for a file message (its MIME type): Tiledesk never answers a file message without it",
        ));
    }
    check_pixels(&field("metadata.width"), get("width"))?;
    check_pixels(&field("metadata.height"), get("height"))
}

/// A metadata string, empty or not: absent is empty; anything but a string is refused.
fn text_field(field: &str, value: Option<Json<'_>>) -> Result<bool, Error> {
    match value {
        None => Ok(true),
        Some(text) if text.is_str() => Ok(text.is_empty_str()),
        Some(_) => Err(Error::invalid_input(field, "must be a string")),
    }
}

/// A pixel size must be a positive whole number that JSON carries exactly.
fn check_pixels(field: &str, value: Option<Json<'_>>) -> Result<(), Error> {
    match value {
        None => Ok(()),
        Some(n) if n.as_safe_integer().is_some_and(|n| n >= 1) => Ok(()),
        Some(_) => Err(Error::invalid_input(
            field,
            "must be a positive whole number of pixels",
        )),
    }
}

const fn key(wire: &'static str, slot: u8, field: u8) -> Key {
    Key { wire, slot, field }
}

const fn field(name: &'static str, kind: Kind, slots: &'static [u8]) -> Field {
    Field { name, kind, slots }
}

/// How a [`TiledeskMessage`] is read from the wire, for the transform that
/// decodes answers: the same spellings, types and output names as the
/// [`Deserialize`] impl above.
pub static TILEDESK_MESSAGE: Model = Model {
    keys: &[
        key("_id", 0, 0),
        key("id", 1, 0),
        key("sender", 2, 1),
        key("senderFullname", 3, 2),
        key("recipient", 4, 3),
        key("recipientFullname", 5, 4),
        key("type", 6, 5),
        key("channel_type", 7, 6),
        key("channelType", 7, 6),
        key("channel", 8, 7),
        key("text", 9, 8),
        key("language", 10, 9),
        key("status", 11, 10),
        key("attributes", 12, 12),
        key("metadata", 13, 13),
        key("createdBy", 14, 14),
        key("created_by", 14, 14),
        key("id_project", 15, 15),
        key("projectId", 15, 15),
        key("createdAt", 16, 16),
        key("created_at", 16, 16),
        key("updatedAt", 17, 17),
        key("updated_at", 17, 17),
        key("__v", 18, 18),
        key("request", 19, 19),
    ],
    fields: &[
        field("id", Kind::Id, &[0, 1]),
        field("sender", Kind::Str, &[2]),
        field("senderFullname", Kind::Str, &[3]),
        field("recipient", Kind::Str, &[4]),
        field("recipientFullname", Kind::Str, &[5]),
        field("type", Kind::Str, &[6]),
        field("channelType", Kind::Str, &[7]),
        field("channel", Kind::Object, &[8]),
        field("text", Kind::Str, &[9]),
        field("language", Kind::Str, &[10]),
        field("status", Kind::Number, &[11]),
        field("statusName", Kind::StatusName(10), &[]),
        field("attributes", Kind::Object, &[12]),
        field("metadata", Kind::Object, &[13]),
        field("createdBy", Kind::Str, &[14]),
        field("projectId", Kind::Str, &[15]),
        field("createdAt", Kind::Str, &[16]),
        field("updatedAt", Kind::Str, &[17]),
        field("version", Kind::Number, &[18]),
        field("request", Kind::Object, &[19]),
    ],
    unknown: Unknown::Extra,
    deny_duplicates: false,
    required: &[],
};

/// How a [`TiledeskSession`] is read: `token` and `user` required, a key
/// given twice refused and any other key left out (as the derived
/// [`Deserialize`] does).
pub static TILEDESK_SESSION: Model = Model {
    keys: &[key("token", 0, 0), key("user", 1, 1)],
    fields: &[
        field("token", Kind::Str, &[0]),
        field("user", Kind::Model(&TILEDESK_USER), &[1]),
    ],
    unknown: Unknown::Ignore,
    deny_duplicates: true,
    required: &[0, 1],
};

/// How a [`TiledeskUser`] is read: the same spellings, types and output
/// names as its [`Deserialize`] impl.
static TILEDESK_USER: Model = Model {
    keys: &[
        key("_id", 0, 0),
        key("id", 1, 0),
        key("firstname", 2, 1),
        key("lastname", 3, 2),
        key("email", 4, 3),
        key("attributes", 5, 4),
    ],
    fields: &[
        field("id", Kind::Id, &[0, 1]),
        field("firstname", Kind::Str, &[2]),
        field("lastname", Kind::Str, &[3]),
        field("email", Kind::Str, &[4]),
        field("attributes", Kind::Object, &[5]),
    ],
    unknown: Unknown::Extra,
    deny_duplicates: false,
    required: &[],
};

/// What a sign-in resolves to: a token for `auth: { kind: "jwt", token }`
/// and the signed-in user.
#[derive(Clone, PartialEq, Serialize, Deserialize, Tsify)]
pub struct TiledeskSession {
    /// The token as the server issues it (`JWT eyJ...`): pass it as it is.
    pub token: String,
    /// The signed-in user (for an anonymous sign-in, the new visitor).
    pub user: TiledeskUser,
}

impl fmt::Debug for TiledeskSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TiledeskSession")
            .field("token", &"[redacted]")
            .field("user", &self.user)
            .finish()
    }
}

/// A Tiledesk user, as a sign-in returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", from = "WireUser")]
pub struct TiledeskUser {
    /// The user id (wire name `_id`).
    pub id: String,
    /// The first name (`guest#xxxx` for a visitor who gave none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// The last name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    /// The e-mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Custom attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Record<string, unknown>")]
    pub attributes: Option<Map<String, Value>>,
    /// Fields this version of tidings does not know, exactly as the server sent them.
    #[serde(skip_serializing_if = "Map::is_empty")]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// The user as the server spells it (`_id`), or with `id`.
#[derive(Default)]
struct WireUser {
    underscore_id: Option<String>,
    id: Option<String>,
    firstname: Option<String>,
    lastname: Option<String>,
    email: Option<String>,
    attributes: Option<Map<String, Value>>,
    extra: Extra,
}

impl WireFields for WireUser {
    fn read_known<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "_id" => self.underscore_id = map.next_value::<LooseId>()?.0,
            "id" => self.id = map.next_value::<LooseId>()?.0,
            "firstname" => self.firstname = map.next_value()?,
            "lastname" => self.lastname = map.next_value()?,
            "email" => self.email = map.next_value()?,
            "attributes" => self.attributes = map.next_value()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn extra(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl<'de> Deserialize<'de> for WireUser {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_wire(deserializer)
    }
}

impl From<WireUser> for TiledeskUser {
    fn from(w: WireUser) -> Self {
        TiledeskUser {
            id: w.underscore_id.or(w.id).unwrap_or_default(),
            firstname: w.firstname,
            lastname: w.lastname,
            email: w.email,
            attributes: w.attributes,
            extra: w.extra,
        }
    }
}

/// A direct message to one recipient (not to a support request).
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct NewTiledeskDirectMessage {
    /// The recipient's id (a user or a bot); required.
    pub recipient: String,
    /// The recipient's display name; required.
    pub recipient_fullname: String,
    /// The text; required (non-empty) when `type` is `text`, the default.
    #[tsify(optional)]
    pub text: Option<String>,
    /// `text` (default), `image`, `file`, `frame`, or any other type the server knows.
    #[serde(rename = "type")]
    #[tsify(optional)]
    pub message_type: Option<String>,
    /// Custom attributes (JSON text, as `JSON.stringify` writes them), sent as they are.
    #[tsify(optional, type = "Record<string, unknown>")]
    pub attributes: Option<String>,
    /// Image or file details (JSON text, as `JSON.stringify` writes them);
    /// `src` is required for `image` and `file`.
    #[tsify(optional, type = "NewTiledeskMetadata")]
    pub metadata: Option<String>,
    /// `direct` (the server's default) or `group` (wire name `channel_type`).
    #[tsify(optional)]
    pub channel_type: Option<String>,
}

const NEW_DIRECT_MESSAGE_KEYS: &[&str] = &[
    "recipient",
    "recipientFullname",
    "text",
    "type",
    "attributes",
    "metadata",
    "channelType",
];

impl NewTiledeskDirectMessage {
    /// Reads a direct message from a call's `message` option.
    pub fn read<I: Input>(message: &Object<I>) -> Result<NewTiledeskDirectMessage, Error> {
        let read = NewTiledeskDirectMessage {
            recipient: message.required_string("recipient")?,
            recipient_fullname: message.required_string("recipientFullname")?,
            text: message.string("text")?,
            message_type: message.string("type")?,
            attributes: message.json_object("attributes")?,
            metadata: message.json_object("metadata")?,
            channel_type: message.string("channelType")?,
        };
        message.deny_unknown(&[NEW_DIRECT_MESSAGE_KEYS])?;
        Ok(read)
    }

    /// The `type` actually sent.
    pub fn kind(&self) -> &str {
        self.message_type.as_deref().unwrap_or("text")
    }

    /// Checks the message before anything is sent; errors name the field.
    pub fn validate(&self) -> Result<(), Error> {
        for (field, value) in [
            ("message.recipient", &self.recipient),
            ("message.recipientFullname", &self.recipient_fullname),
        ] {
            if value.trim().is_empty() {
                return Err(Error::invalid_input(
                    field,
                    "is required and must not be empty",
                ));
            }
        }
        if self.channel_type.as_deref() == Some("") {
            return Err(Error::invalid_input(
                "message.channelType",
                "is empty; omit it for a direct message",
            ));
        }
        check_content(
            "message",
            self.kind(),
            self.text.as_deref(),
            self.metadata.as_deref(),
        )
    }

    /// The JSON body the server expects (`channel_type`).
    pub fn to_wire_json(&self) -> String {
        let mut body = JsonObject::new();
        body.string("recipient", Some(&self.recipient));
        body.string("recipientFullname", Some(&self.recipient_fullname));
        body.string("text", self.text.as_deref());
        body.string("type", Some(self.kind()));
        body.raw("attributes", self.attributes.as_deref());
        body.raw("metadata", self.metadata.as_deref());
        body.string("channel_type", self.channel_type.as_deref());
        body.finish()
    }
}
