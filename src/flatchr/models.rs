//! Flatchr message models.
//!
//! The Flatchr documents contradict themselves (`created_at` vs `create_at`,
//! `deliver_at` vs `delivered_at`, integer vs string ids), so the wire struct
//! accepts every spelling and [`FlatchrMessage`] exposes one camelCase name per
//! field, the same convention as the Tiledesk models. Every field but `id` may be
//! missing: the `fields` query parameter decides what the server returns.

use serde::de::MapAccess;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tidings_transcode::{Field, Json, Key, Kind, Model, Unknown};
use tsify::Tsify;

use crate::error::Error;
use crate::wire::{deserialize_wire, keep_null, string_or_number, Extra, LooseId, WireFields};

/// A message exchanged with an applicant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", from = "WireMessage")]
pub struct FlatchrMessage {
    /// The message id, as a string even when the server sends a number.
    pub id: String,
    /// The author's user id, as a string (wire `created_by`, number or string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When the message was created (wire `created_at` or `create_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Whether the message was sent automatically.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto: Option<bool>,
    /// The e-mail: subject, text, HTML and status (with `fields: ["mail"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mail: Option<FlatchrMail>,
    /// Whether the message was delivered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivered: Option<bool>,
    /// When the message was or will be delivered (wire `deliver_at` or `delivered_at`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deliver_at: Option<String>,
    /// Who wrote it (with `fields: ["author"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<FlatchrPerson>,
    /// The applicant concerned (with `fields: ["candidate"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate: Option<FlatchrPerson>,
    /// The attachments, kept as the server sends them (with `fields: ["attachments"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Record<string, unknown>[]")]
    pub attachments: Option<Vec<Value>>,
    /// The undocumented reply information, kept as the server sends it (with `fields: ["replied"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "unknown")]
    pub replied: Option<Value>,
    /// Fields this version of tidings does not know, exactly as the server sent them.
    #[serde(skip_serializing_if = "Map::is_empty")]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// The e-mail of a [`FlatchrMessage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
pub struct FlatchrMail {
    /// The subject line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The plain-text body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The HTML body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Undocumented; seen as `null`. Kept as sent, `null` included.
    #[serde(
        default,
        deserialize_with = "keep_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[tsify(type = "string | null")]
    pub status: Option<Value>,
    /// Unknown fields, kept as sent.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// An author or candidate: names, and for authors in older documents `id`,
/// `email` and `picture`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
pub struct FlatchrPerson {
    /// First name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// Last name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// User id (older author documents), as a string.
    #[serde(
        default,
        deserialize_with = "string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Picture URL (older author documents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// Unknown fields, kept as sent.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: Extra,
}

/// The message as the server spells it, in either documented spelling.
#[derive(Default)]
struct WireMessage {
    id: Option<String>,
    created_by: Option<String>,
    created_at: Option<String>,
    create_at: Option<String>,
    auto: Option<bool>,
    mail: Option<FlatchrMail>,
    delivered: Option<bool>,
    deliver_at: Option<String>,
    delivered_at: Option<String>,
    author: Option<FlatchrPerson>,
    candidate: Option<FlatchrPerson>,
    attachments: Option<Vec<Value>>,
    replied: Option<Value>,
    extra: Extra,
}

impl WireFields for WireMessage {
    fn read_known<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error> {
        match key {
            "id" => self.id = map.next_value::<LooseId>()?.0,
            "created_by" => self.created_by = map.next_value::<LooseId>()?.0,
            "created_at" => self.created_at = map.next_value()?,
            "create_at" => self.create_at = map.next_value()?,
            "auto" => self.auto = map.next_value()?,
            "mail" => self.mail = map.next_value()?,
            "delivered" => self.delivered = map.next_value()?,
            "deliver_at" => self.deliver_at = map.next_value()?,
            "delivered_at" => self.delivered_at = map.next_value()?,
            "author" => self.author = map.next_value()?,
            "candidate" => self.candidate = map.next_value()?,
            "attachments" => self.attachments = map.next_value()?,
            "replied" => self.replied = map.next_value()?,
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

impl From<WireMessage> for FlatchrMessage {
    fn from(w: WireMessage) -> Self {
        FlatchrMessage {
            id: w.id.unwrap_or_default(),
            created_by: w.created_by,
            created_at: w.created_at.or(w.create_at),
            auto: w.auto,
            mail: w.mail,
            delivered: w.delivered,
            deliver_at: w.deliver_at.or(w.delivered_at),
            author: w.author,
            candidate: w.candidate,
            attachments: w.attachments,
            replied: w.replied.filter(|v| !v.is_null()),
            extra: w.extra,
        }
    }
}

/// A message to send to an applicant. Needs a user token (from `/user/login`),
/// not the company API key. The TypeScript shape of what is sent: the message
/// goes out as `JSON.stringify` writes it, unknown fields included.
#[derive(Debug, Clone, Default, PartialEq, Tsify)]
pub struct NewFlatchrMessage {
    /// The HTML body; required and non-empty.
    pub html: String,
    /// The e-mail subject.
    #[tsify(optional)]
    pub subject: Option<String>,
    /// Whether to also send it by SMS.
    #[tsify(optional)]
    pub sms: Option<bool>,
    /// Whether to send it by e-mail.
    #[tsify(optional)]
    pub mail: Option<bool>,
    /// Any other field the API accepts, sent as it is (in TypeScript, a key
    /// one typo away from a field above is an error that names the field).
    #[serde(flatten)]
    #[tsify(type = "TidingsExtras<\"html\" | \"subject\" | \"sms\" | \"mail\">")]
    pub extra: Map<String, Value>,
}

/// Checks a message to send, given as its JSON text, before anything is sent.
pub fn check_new_message(json: &str) -> Result<(), Error> {
    let message = Json::parse(json)
        .ok()
        .filter(|m| m.members().is_some())
        .ok_or_else(|| Error::invalid_input("message", "must be a JSON object"))?;
    // `null` reads as absent.
    let get = |key: &str| message.get(key).filter(|v| !v.is_null());
    if !get("html")
        .and_then(|html| html.as_str())
        .is_some_and(|html| !html.trim().is_empty())
    {
        return Err(Error::invalid_input(
            "message.html",
            "is required and must be a non-empty string",
        ));
    }
    if get("subject").is_some_and(|s| !s.is_str()) {
        return Err(Error::invalid_input("message.subject", "must be a string"));
    }
    for (field, key) in [("message.sms", "sms"), ("message.mail", "mail")] {
        if get(key).is_some_and(|f| !f.is_bool()) {
            return Err(Error::invalid_input(field, "must be true or false"));
        }
    }
    Ok(())
}

const fn key(wire: &'static str, slot: u8, field: u8) -> Key {
    Key { wire, slot, field }
}

const fn field(name: &'static str, kind: Kind, slots: &'static [u8]) -> Field {
    Field { name, kind, slots }
}

/// How a [`FlatchrMessage`] is read from the wire, for the transform that
/// decodes answers: the same spellings, types and output names as the
/// [`Deserialize`] impls above.
pub static FLATCHR_MESSAGE: Model = Model {
    keys: &[
        key("id", 0, 0),
        key("created_by", 1, 1),
        key("created_at", 2, 2),
        key("create_at", 3, 2),
        key("auto", 4, 3),
        key("mail", 5, 4),
        key("delivered", 6, 5),
        key("deliver_at", 7, 6),
        key("delivered_at", 8, 6),
        key("author", 9, 7),
        key("candidate", 10, 8),
        key("attachments", 11, 9),
        key("replied", 12, 10),
    ],
    fields: &[
        field("id", Kind::Id, &[0]),
        field("createdBy", Kind::OptId, &[1]),
        field("createdAt", Kind::Str, &[2, 3]),
        field("auto", Kind::Bool, &[4]),
        field("mail", Kind::Model(&FLATCHR_MAIL), &[5]),
        field("delivered", Kind::Bool, &[6]),
        field("deliverAt", Kind::Str, &[7, 8]),
        field("author", Kind::Model(&FLATCHR_PERSON), &[9]),
        field("candidate", Kind::Model(&FLATCHR_PERSON), &[10]),
        field("attachments", Kind::Array, &[11]),
        field("replied", Kind::Any, &[12]),
    ],
    unknown: Unknown::Extra,
    deny_duplicates: false,
    required: &[],
};

/// How a [`FlatchrMail`] is read: unknown keys beside the known ones, a key
/// given twice refused (as the derived [`Deserialize`] does).
static FLATCHR_MAIL: Model = Model {
    keys: &[
        key("subject", 0, 0),
        key("text", 1, 1),
        key("html", 2, 2),
        key("status", 3, 3),
    ],
    fields: &[
        field("subject", Kind::Str, &[0]),
        field("text", Kind::Str, &[1]),
        field("html", Kind::Str, &[2]),
        field("status", Kind::Raw, &[3]),
    ],
    unknown: Unknown::Beside,
    deny_duplicates: true,
    required: &[],
};

/// How a [`FlatchrPerson`] is read.
static FLATCHR_PERSON: Model = Model {
    keys: &[
        key("firstname", 0, 0),
        key("lastname", 1, 1),
        key("email", 2, 2),
        key("id", 3, 3),
        key("picture", 4, 4),
    ],
    fields: &[
        field("firstname", Kind::Str, &[0]),
        field("lastname", Kind::Str, &[1]),
        field("email", Kind::Str, &[2]),
        field("id", Kind::OptId, &[3]),
        field("picture", Kind::Str, &[4]),
    ],
    unknown: Unknown::Beside,
    deny_duplicates: true,
    required: &[],
};

/// What `FlatchrClient.logIn` resolves to: a user token, for
/// `new FlatchrClient({ token })` (sending needs one).
#[derive(Clone, PartialEq, Serialize, Deserialize, Tsify)]
pub struct FlatchrSession {
    /// The user token.
    pub token: String,
}

impl std::fmt::Debug for FlatchrSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FlatchrSession { token: [redacted] }")
    }
}

/// How a [`FlatchrSession`] is read: `token` required, a key given twice
/// refused and any other key left out (as the derived [`Deserialize`] does).
pub static FLATCHR_SESSION: Model = Model {
    keys: &[key("token", 0, 0)],
    fields: &[field("token", Kind::Str, &[0])],
    unknown: Unknown::Ignore,
    deny_duplicates: true,
    required: &[0],
};
