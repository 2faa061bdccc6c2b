//! Watching a conversation: the decisions, as plain Rust.
//!
//! `watchMessages` yields a conversation's messages as they arrive, over
//! Tiledesk's realtime WebSocket or by polling `listMessages`. The effects
//! (the socket, the timers, the caller's signal) live in a small JavaScript
//! driver; everything it has to decide is here, tested natively:
//!
//! - [`frame`]: what a text frame from the realtime server is (a publish of
//!   messages on our topic, decoded exactly as `listMessages` decodes its
//!   answer; a heartbeat; anything else), never a panic whatever it holds.
//! - [`react`]: what the driver does with a frame (yield its messages, list
//!   the conversation, answer a ping).
//! - [`wait`]: how long to wait before reconnecting or polling again
//!   (capped exponential backoff, full jitter), and when to give the socket
//!   up for polling.
//! - [`tick`]: at each heartbeat, whether the connection is alive, dead
//!   (silent for a whole interval) or never got its subscription answered.
//! - [`gives_up`]: which list errors end a watch.
//! - [`Realtime`]: where the socket goes, from the `realtimeUrl` option or
//!   the base URL, and the URL with its token (never shown).
//!
//! These are pure functions: the driver holds the state (the ids it
//! yielded, the failures in a row, whether a connection had its history) and
//! passes what a decision needs.
//!
//! How a connection stays lossless: the server sends the history (its first
//! 300 messages) once the subscription is registered, then every new message.
//! On that history, the driver lists the whole conversation with
//! `listMessages` (anything missed while disconnected, however long) and
//! holds live frames until the list is in; the list is yielded first, then
//! the held frames, each id once.

use std::fmt;

use tidings_transcode::{Json, Output};

use crate::auth::Secret;
use crate::encoding::percent_encode;
use crate::endpoint::Api;
use crate::error::{Error, Provider};
use crate::http::{transcode, HttpResponse};
use crate::input::{Input, Object};
use crate::text::msg;
use crate::tiledesk::models::TILEDESK_MESSAGE;
use crate::url::{BaseUrl, WS};

/// The realtime endpoint of the hosted service, as its documentation names it.
pub const HOSTED_REALTIME_URL: &str = "wss://rtm.tiledesk.com/v2/";

/// The hosted API's origin: a client on it uses [`HOSTED_REALTIME_URL`].
const HOSTED_API: &str = "https://api.tiledesk.com";

/// Where the realtime socket of a Tiledesk client goes, and with which token.
/// `Debug` never shows the token.
#[derive(Clone, PartialEq)]
pub struct Realtime {
    base: String,
    socket_url: Option<String>,
}

impl fmt::Debug for Realtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Realtime")
            .field("base", &self.base)
            .field("token", &self.socket_url.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

impl Realtime {
    /// Reads the `realtimeUrl` client option (`ws://` or `wss://`, checked as
    /// a base URL is: plain `ws` only to loopback unless `allowInsecureHttp`);
    /// without it, the hosted service's [`HOSTED_REALTIME_URL`], or for a
    /// self-hosted server the base URL with `ws`/`wss` for `http`/`https`
    /// (the realtime server is mounted on the API server, at `/` by default).
    pub fn read<I: Input>(options: &Object<I>, api: &Api) -> Result<Realtime, Error> {
        const FIELD: &str = "realtimeUrl";
        let base = match options.string(FIELD)? {
            Some(raw) => {
                // Checked as the base URL is, for ws and wss.
                let insecure = options.bool("allowInsecureHttp")?.unwrap_or(false);
                let checked = BaseUrl::parse_as(&raw, FIELD, insecure, &WS)?;
                msg!(checked.as_str(), "/")
            }
            None if is_hosted(api.base_url()) => HOSTED_REALTIME_URL.to_owned(),
            None => ws_scheme(api.base_url()),
        };
        // Only a JWT opens the socket (`JWT ` and the token, percent-encoded).
        let socket_url = api
            .authorization()
            .map(Secret::expose)
            .filter(|header| header.starts_with("JWT "))
            .map(|header| msg!(base.as_str(), "?token=", percent_encode(header).as_str()));
        Ok(Realtime { base, socket_url })
    }

    /// The socket's URL without its token (`wss://host/path/`).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The URL to open, the token in its query (`?token=JWT%20...`), or
    /// `None` when the client has no JWT (Basic credentials cannot open the
    /// socket: such a watch polls). Never print it.
    pub fn socket_url(&self) -> Option<&str> {
        self.socket_url.as_deref()
    }
}

/// Whether a checked base URL is the hosted API's (its host exactly).
fn is_hosted(base: &str) -> bool {
    base.strip_prefix(HOSTED_API)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with("/"))
}

/// `http(s)://host/path` (a checked base URL) as `ws(s)://host/path/`.
fn ws_scheme(base: &str) -> String {
    msg!("ws", base.strip_prefix("http").unwrap_or(base), "/")
}

/// The realtime topic of a support request's messages.
pub fn topic(project_id: &str, request_id: &str) -> String {
    msg!("/", project_id, "/requests/", request_id, "/messages")
}

/// What a text frame from the realtime server is.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A publish of new messages on our topic: the JSON array of the messages,
    /// decoded as `listMessages` decodes its answer; `history` when the server
    /// sent a list (what it sends on subscribe) rather than one message.
    Messages {
        /// Whether the server sent a list (its history) rather than one message.
        history: bool,
        /// The decoded messages, a JSON array.
        json: String,
    },
    /// A publish on our topic whose message does not decode: the driver
    /// lists the conversation instead, so nothing is lost (and a conversation
    /// that does not decode at all ends the watch with the list's error).
    Undecodable(Error),
    /// The server's `ping` heartbeat, to answer.
    Ping,
    /// The server's `pong`, the answer to ours.
    Pong,
    /// Anything else: another topic, another method (`UPDATE`), another
    /// action, text that is not JSON. It still proves the connection alive.
    Other,
}

/// Classifies one text frame received on a watch of `topic`.
pub fn frame(text: &str, topic: &str) -> Frame {
    let Ok(json) = Json::parse(text) else {
        return Frame::Other;
    };
    let payload = json.get("payload");
    let field = |key: &str| payload.and_then(|p| p.get(key));
    let action = json.get("action");
    if is(action, "heartbeat") {
        let said = field("message").and_then(|m| m.get("text"));
        return if is(said, "ping") {
            Frame::Ping
        } else if is(said, "pong") {
            Frame::Pong
        } else {
            Frame::Other
        };
    }
    if !is(action, "publish") || !is(field("topic"), topic) || !is(field("method"), "CREATE") {
        return Frame::Other;
    }
    let Some(message) = field("message") else {
        return Frame::Other;
    };
    let history = message.text().starts_with("[");
    let output = if history {
        Output::List(&TILEDESK_MESSAGE)
    } else {
        Output::One(&TILEDESK_MESSAGE)
    };
    let response = HttpResponse {
        status: 200,
        content_type: Some("application/json"),
        retry_after: None,
        body: message.text(),
    };
    match transcode(Provider::Tiledesk, output, response) {
        Ok(json) if history => Frame::Messages { history, json },
        Ok(json) => Frame::Messages {
            history,
            json: msg!("[", json.as_str(), "]"),
        },
        Err(error) => Frame::Undecodable(error),
    }
}

/// Whether `value` is the JSON string `want` (escapes read).
#[inline(never)]
fn is(value: Option<Json<'_>>, want: &str) -> bool {
    value.and_then(|v| v.as_str()).is_some_and(|s| s == want)
}

/// How a watch waits: before reconnecting, and before polling again after
/// failed lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The first wait is up to this long (full jitter).
    pub base_delay_ms: u32,
    /// No wait is longer than this.
    pub max_delay_ms: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base_delay_ms: 500,
            max_delay_ms: 30_000,
        }
    }
}

impl Backoff {
    /// The wait after `failures` failures in a row (at least 1): up to
    /// `base * 2^(failures-1)`, capped at `max`, times `random` in `[0, 1)`.
    pub fn delay(&self, failures: u32, random: f64) -> u32 {
        let exponent = failures.saturating_sub(1).min(31);
        let ceiling = u64::from(self.base_delay_ms)
            .saturating_mul(1u64 << exponent)
            .min(u64::from(self.max_delay_ms));
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            1.0
        };
        (ceiling as f64 * random) as u32
    }
}

/// What the driver does with a frame.
#[derive(Debug, PartialEq)]
pub enum Reaction {
    /// Yield these messages (a JSON array), each id once; while a list is
    /// in flight, hold them until it is in.
    Deliver(String),
    /// The history arrived (the subscription is registered): list the
    /// conversation, and hold live messages until the list is in. Also the
    /// answer to a publish that does not decode (the list fills it in).
    Sync,
    /// Answer the server's ping with a `pong` heartbeat.
    Pong,
    /// Nothing to do (it still proves the connection alive).
    Nothing,
}

/// What to do with a text frame on a watch of `topic`; `subscribed` says
/// whether this connection already had its history (the first history of
/// each connection asks for a list; later ones are delivered, ids filtering
/// them).
pub fn react(text: &str, topic: &str, subscribed: bool) -> Reaction {
    match frame(text, topic) {
        Frame::Messages { history, json } if !history || subscribed => Reaction::Deliver(json),
        Frame::Messages { .. } | Frame::Undecodable(_) => Reaction::Sync,
        Frame::Ping => Reaction::Pong,
        Frame::Pong | Frame::Other => Reaction::Nothing,
    }
}

/// The wait before the next try after `failures` failures in a row:
/// connections that ended without their history, or lists that failed.
/// `interval_ms` is the least wait (the poll interval; 0 for reconnects).
/// `None` once `attempts` connections in a row brought nothing: give the
/// socket up (`attempts` 0: never, as for polls).
pub fn wait(
    interval_ms: u32,
    failures: u32,
    attempts: u32,
    backoff: Backoff,
    random: f64,
) -> Option<u32> {
    if attempts > 0 && failures >= attempts {
        return None;
    }
    if failures == 0 {
        return Some(interval_ms);
    }
    Some(interval_ms.max(backoff.delay(failures, random)))
}

/// What the driver does at a heartbeat tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// The server was heard since the last tick: send our `ping`.
    Ping,
    /// Silence for a whole interval: the connection is dead; close it and
    /// reconnect.
    Dead,
    /// The server never answered the subscription (it refuses some
    /// silently): give the socket up for polling.
    Unanswered,
}

/// The verdict at the `ticks`-th heartbeat tick of a connection (1 for the
/// first): `heard` says whether any frame arrived since the previous tick,
/// `subscribed` whether the history did.
pub fn tick(heard: bool, subscribed: bool, ticks: u32) -> Tick {
    if !subscribed && ticks >= 2 {
        // A whole interval after the first tick without the history: the
        // subscription was refused (silently), or is hopelessly slow.
        Tick::Unanswered
    } else if heard {
        Tick::Ping
    } else {
        Tick::Dead
    }
}

/// Whether an error of a list (after its own retries) ends the watch:
/// anything retrying cannot fix (401, 403, 404, a bad option, an answer that
/// does not decode). Network errors, timeouts, 408, 429 and 5xx do not: the
/// watch waits ([`wait`]) and lists again.
pub fn gives_up(kind: &str, status: u16) -> bool {
    match kind {
        "network" | "timeout" => false,
        "http" => !matches!(status, 408 | 429 | 500..=599),
        _ => true,
    }
}
