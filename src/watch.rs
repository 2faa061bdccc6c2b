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
//! - [`Watch`]: one watch's state: which message ids were already yielded,
//!   whether the current connection is in sync, how long to wait before
//!   reconnecting (capped, jittered backoff), when to give the socket up for
//!   polling, and whether the connection is still alive at each heartbeat.
//! - [`Realtime`]: where the socket goes, from the `realtimeUrl` option or
//!   the base URL, and the URL with its token (never shown).
//! - [`gives_up`], [`poll_delay`]: which errors end a watch, and how long to
//!   wait between two polls.
//!
//! How a connection stays lossless: the server sends the history (its first
//! 300 messages) once the subscription is registered, then every new message.
//! On that history, the driver lists the whole conversation with
//! `listMessages` (anything missed while disconnected, however long) and
//! holds live frames until the list is in; the list is yielded first, then
//! the held frames, each id once ([`Watch::fresh`]).

use std::fmt;

use tidings_transcode::{Json, Output};

use crate::auth::Secret;
use crate::encoding::percent_encode;
use crate::endpoint::Api;
use crate::error::{Error, Provider};
use crate::http::{transcode, HttpResponse};
use crate::input::{Input, Object};
use crate::tiledesk::models::TILEDESK_MESSAGE;
use crate::url::BaseUrl;

/// The realtime endpoint of the hosted service, as its documentation names it.
pub const HOSTED_REALTIME_URL: &str = "wss://rtm.tiledesk.com/v2/";

/// The hosted API's origin: a client on it uses [`HOSTED_REALTIME_URL`].
const HOSTED_API: &str = "https://api.tiledesk.com";

/// Where the realtime socket of a Tiledesk client goes, and with which token.
/// `Debug` never shows the token.
#[derive(Clone, PartialEq)]
pub struct Realtime {
    base: String,
    authorization: Option<Secret>,
}

impl fmt::Debug for Realtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Realtime")
            .field("base", &self.base)
            .field("token", &self.authorization.as_ref().map(|_| "[redacted]"))
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
        let base = match options.string("realtimeUrl")? {
            Some(raw) => {
                let insecure = options.bool("allowInsecureHttp")?.unwrap_or(false);
                let (scheme, rest) = raw.split_once("://").unwrap_or(("", ""));
                let http = match scheme.to_ascii_lowercase().as_str() {
                    "ws" => "http",
                    "wss" => "https",
                    _ => {
                        return Err(Error::config(
                            "realtimeUrl",
                            "expected a ws:// or wss:// URL such as wss://rtm.tiledesk.com/v2/",
                        ))
                    }
                };
                let checked = BaseUrl::parse(&format!("{http}://{rest}"), "realtimeUrl", insecure)
                    .map_err(|e| match e.kind {
                        crate::ErrorKind::Config { message, .. } => Error::config(
                            "realtimeUrl",
                            message
                                .replace("plain http", "plain ws")
                                .replace("use https", "use wss"),
                        ),
                        _ => e,
                    })?;
                ws_scheme(checked.as_str())
            }
            None if api.base_url().starts_with(HOSTED_API) => HOSTED_REALTIME_URL.to_owned(),
            None => ws_scheme(api.base_url()),
        };
        let authorization = api
            .authorization()
            .filter(|secret| secret.expose().starts_with("JWT "))
            .cloned();
        Ok(Realtime {
            base,
            authorization,
        })
    }

    /// The socket's URL without its token (`wss://host/path/`).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The URL to open, the token in its query (`?token=JWT%20...`), or
    /// `None` when the client has no JWT (Basic credentials cannot open the
    /// socket: such a watch polls). Never print it.
    pub fn socket_url(&self) -> Option<String> {
        let authorization = self.authorization.as_ref()?;
        Some(format!(
            "{}?token={}",
            self.base,
            percent_encode(authorization.expose())
        ))
    }

    /// The credential, to redact from anything the socket's constructor says.
    pub fn secret(&self) -> Option<&Secret> {
        self.authorization.as_ref()
    }
}

/// `http(s)://host/path` as `ws(s)://host/path/`.
fn ws_scheme(base: &str) -> String {
    let rest = base
        .strip_prefix("https")
        .map(|rest| format!("wss{rest}"))
        .or_else(|| base.strip_prefix("http").map(|rest| format!("ws{rest}")))
        .unwrap_or_else(|| base.to_owned());
    format!("{}/", rest.trim_end_matches('/'))
}

/// The realtime topic of a support request's messages.
pub fn topic(project_id: &str, request_id: &str) -> String {
    format!("/{project_id}/requests/{request_id}/messages")
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
    let text_of = |value: Option<Json<'_>>| value.and_then(|v| v.as_str());
    let payload = json.get("payload");
    match text_of(json.get("action")).as_deref() {
        Some("heartbeat") => {
            let said = text_of(
                payload
                    .and_then(|p| p.get("message"))
                    .and_then(|m| m.get("text")),
            );
            match said.as_deref() {
                Some("ping") => Frame::Ping,
                Some("pong") => Frame::Pong,
                _ => Frame::Other,
            }
        }
        Some("publish") => {
            let Some(payload) = payload else {
                return Frame::Other;
            };
            if text_of(payload.get("topic")).as_deref() != Some(topic)
                || text_of(payload.get("method")).as_deref() != Some("CREATE")
            {
                return Frame::Other;
            }
            let Some(message) = payload.get("message") else {
                return Frame::Other;
            };
            let history = message.text().starts_with('[');
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
                    json: format!("[{json}]"),
                },
                Err(error) => Frame::Undecodable(error),
            }
        }
        _ => Frame::Other,
    }
}

/// How a watch reconnects and when it gives the socket up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The first reconnect waits up to this long (full jitter).
    pub base_delay_ms: u32,
    /// No wait is longer than this.
    pub max_delay_ms: u32,
    /// Connections in a row that end before any frame arrives, after which
    /// the socket is given up for polling (or, when only the socket is
    /// allowed, the conversation is listed once to surface a refused token).
    pub max_failures: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base_delay_ms: 500,
            max_delay_ms: 30_000,
            max_failures: 3,
        }
    }
}

impl Backoff {
    /// The wait before try `failures + 1` (`failures` at least 1): up to
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
    /// Yield these messages (a JSON array), each through [`Watch::fresh`];
    /// while a list is in flight, hold them until it is in.
    Deliver(String),
    /// The history arrived (the subscription is registered): list the
    /// conversation, and hold live messages until the list is in. Also the
    /// answer to a publish that does not decode (the list fills it in).
    Sync,
    /// Answer the server's ping with a `pong` heartbeat.
    Pong,
    /// Nothing to do.
    Nothing,
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

/// One watch's decisions. The driver reports what happens (a socket opened,
/// a frame, a close, a tick) and does what the answers say.
#[derive(Debug)]
pub struct Watch {
    topic: String,
    backoff: Backoff,
    /// Sorted (a binary search per id: far less wasm than a set type).
    seen: Vec<String>,
    failures: u32,
    subscribed: bool,
    heard: bool,
    silent_ticks: u32,
}

impl Watch {
    /// A watch of `topic` (see [`topic`]; polling watches pass any text).
    pub fn new(topic: String, backoff: Backoff) -> Watch {
        Watch {
            topic,
            backoff,
            seen: Vec::new(),
            failures: 0,
            subscribed: false,
            heard: true,
            silent_ticks: 0,
        }
    }

    /// A new connection opened (and its subscription was sent).
    pub fn opened(&mut self) {
        self.subscribed = false;
        self.heard = true;
        self.silent_ticks = 0;
    }

    /// A text frame arrived.
    pub fn frame(&mut self, text: &str) -> Reaction {
        self.heard = true;
        match frame(text, &self.topic) {
            Frame::Messages { history, json } => {
                // Any publish on our topic proves the socket works.
                self.failures = 0;
                if history && !self.subscribed {
                    self.subscribed = true;
                    Reaction::Sync
                } else {
                    Reaction::Deliver(json)
                }
            }
            Frame::Undecodable(_) => {
                self.failures = 0;
                Reaction::Sync
            }
            Frame::Ping => Reaction::Pong,
            Frame::Pong | Frame::Other => Reaction::Nothing,
        }
    }

    /// Whether message `id` is new (and from now on, seen).
    pub fn fresh(&mut self, id: &str) -> bool {
        match self.seen.binary_search_by(|seen| seen.as_str().cmp(id)) {
            Ok(_) => false,
            Err(at) => {
                self.seen.insert(at, id.to_owned());
                true
            }
        }
    }

    /// How it reconnects.
    pub fn backoff(&self) -> Backoff {
        self.backoff
    }

    /// How many distinct ids were yielded.
    pub fn seen(&self) -> usize {
        self.seen.len()
    }

    /// The connection closed (or never opened). `Some(wait)` before the
    /// next try; `None` when `max_failures` connections in a row brought
    /// nothing: give the socket up (the count starts again).
    pub fn closed(&mut self, random: f64) -> Option<u32> {
        self.subscribed = false;
        self.failures = self.failures.saturating_add(1);
        if self.failures >= self.backoff.max_failures.max(1) {
            self.failures = 0;
            return None;
        }
        Some(self.backoff.delay(self.failures, random))
    }

    /// A heartbeat interval passed on an open connection.
    pub fn tick(&mut self) -> Tick {
        if !self.subscribed {
            self.silent_ticks += 1;
            // A whole interval without the history: the subscription was
            // refused (a silent refusal), or is hopelessly slow.
            if self.silent_ticks >= 2 {
                return Tick::Unanswered;
            }
        }
        if std::mem::take(&mut self.heard) {
            Tick::Ping
        } else {
            Tick::Dead
        }
    }
}

/// Whether an error of a list (after its own retries) ends the watch:
/// anything retrying cannot fix (401, 403, 404, a bad option, an answer that
/// does not decode). Network errors, timeouts, 408, 429 and 5xx do not: the
/// watch waits ([`poll_delay`]) and lists again.
pub fn gives_up(kind: &str, status: u16) -> bool {
    match kind {
        "network" | "timeout" => false,
        "http" => !matches!(status, 408 | 429 | 500..=599),
        _ => true,
    }
}

/// The wait before the next poll: `interval_ms` after a list that worked
/// (`failures` 0), else the backoff for `failures` lists in a row that
/// failed, never less than the interval.
pub fn poll_delay(interval_ms: u32, failures: u32, backoff: Backoff, random: f64) -> u32 {
    if failures == 0 {
        return interval_ms;
    }
    interval_ms.max(backoff.delay(failures, random))
}
