//! What the JavaScript driver of `watchMessages` (`pkg-template/watch.js`)
//! asks the wasm: the decisions of [`crate::watch`], as synchronous calls, and the URL of the realtime socket (its token in the query: the
//! driver opens the socket with it and never shows it).

use wasm_bindgen::prelude::*;

use super::client::request_of;
use super::js_error::to_js;
use crate::endpoint::Api;
use crate::error::Error;
use crate::input::{Errors, Object};
use crate::tiledesk::endpoints::ListTiledeskMessages;
use crate::watch::{gives_up, react, tick, wait, Backoff, Reaction, Realtime, Tick};

#[wasm_bindgen(typescript_custom_section)]
const WATCH_TS: &'static str = r#"
/** How a watch reconnects its socket, and waits after failed polls. */
export interface WatchReconnect {
    /** The first reconnect waits a random time up to this (default 500 ms); each one in a row doubles it. */
    baseDelayMs?: number;
    /** No wait is longer (default 30,000 ms). */
    maxDelayMs?: number;
    /** Connections in a row that bring nothing before the socket is given up for polling (default 3). */
    attempts?: number;
}

/**
 * What the `debug` option of `watchMessages` is called with, at each step of
 * the watch's socket and when it turns to polling (the list calls report to
 * the client's own `debug`). Never a URL or a token: the socket's URL holds
 * the token.
 * - `socket`: `connecting`, `open`, `subscribed` (the server answered the
 *   subscription), `closed` (with the close code), `silent` (no frame for a
 *   heartbeat interval: replaced), `unanswered` (the subscription got no answer);
 * - `reconnect`: the wait before connection `attempt` (1 after the first drop);
 * - `polling`: the watch polls from now on: `transport` (asked for, or the
 *   service has no socket), `noSocket` (no WebSocket class, or credentials
 *   the socket does not take), `gaveUp` (`reconnect.attempts` connections in a
 *   row brought nothing), `unanswered`.
 */
export type WatchDebugEvent =
  | { type: "socket"; state: "connecting" | "open" | "subscribed" | "silent" | "unanswered" }
  | { type: "socket"; state: "closed"; code?: number }
  | { type: "reconnect"; attempt: number; waitMs: number }
  | { type: "polling"; reason: "transport" | "noSocket" | "gaveUp" | "unanswered" };

/** What both `watchMessages` take besides their ids; the call options apply to each list. */
export interface WatchOptions extends CallOptions {
    /** Yield the messages that exist first (default true); false yields only new ones. */
    history?: boolean;
    /** Milliseconds between two lists when polling (default 5,000). */
    pollIntervalMs?: number;
    /** Reconnect and poll-error backoff. */
    reconnect?: WatchReconnect;
    /** Called with each step of the socket, and when the watch turns to polling; what it throws is ignored. */
    debug?: (event: WatchDebugEvent) => void;
}

/** What `TiledeskClient.watchMessages` takes. */
export interface WatchTiledeskMessages extends WatchOptions {
    /** The project id (24 hex characters). */
    projectId: string;
    /** The support request id. */
    requestId: string;
    /** `"auto"` (default): the realtime socket, else polling; `"websocket"`: only the socket; `"polling"`: only lists. */
    transport?: 'auto' | 'websocket' | 'polling';
    /** Milliseconds between two heartbeats on the socket (default 25,000; the server drops clients silent for 30 s). */
    heartbeatIntervalMs?: number;
    /** The WebSocket class, where the runtime has none (Node 18 and 20: the ws package's). Default: the global one. */
    WebSocket?: new (url: string) => unknown;
}

/** What `FlatchrClient.watchMessages` takes (Flatchr has no realtime API: it polls). */
export interface WatchFlatchrMessages extends WatchOptions {
    /** The company id. */
    companyId: string;
    /** The applicant id. */
    applicantId: string;
    /** Which fields to ask for, as for `listMessages`. */
    fields?: string[];
    /** Only `"auto"` or `"polling"`: both poll. */
    transport?: 'auto' | 'polling';
}

export interface TiledeskClient {
    /**
     * The messages of a support request as they arrive: the existing ones
     * first (unless `history: false`), then each new one, each id once, in
     * order, over the realtime socket or by polling. Leaving the loop, or
     * `signal`, closes the socket and stops every timer; an error that
     * retrying cannot fix (401, 403, a bad option) ends it by throwing.
     */
    watchMessages(options: WatchTiledeskMessages): AsyncIterableIterator<TiledeskMessage>;
}

export interface FlatchrClient {
    /**
     * The messages exchanged with an applicant as they arrive, by polling
     * `listMessages`: the existing ones first (unless `history: false`),
     * then each new id once.
     */
    watchMessages(options: WatchFlatchrMessages): AsyncIterableIterator<FlatchrMessage>;
}
"#;

/// The URL of the realtime socket for the request of `options`
/// (`{ projectId, requestId }`, checked as `listMessages` checks them), its
/// token in the query, or `null` when the client has no JWT (the driver
/// polls). The driver opens the socket with it and never shows it.
pub(super) fn socket_url(
    api: &Api,
    realtime: Option<&Realtime>,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let url = || -> Result<JsValue, Error> {
        let options = Object::root(options, Errors::Call)?;
        request_of::<ListTiledeskMessages>(api, &options)??;
        Ok(realtime
            .and_then(Realtime::socket_url)
            .map_or(JsValue::NULL, JsValue::from))
    };
    url().map_err(|e| to_js(&e))
}

// The decisions, as free functions (an exported class would cost the wasm
// its Rc/RefCell glue): the driver holds the state and passes it in.

/// What to do with a text frame: the JSON array of its messages (`[...]`),
/// decoded as `listMessages` decodes its answer (yield them), `"s"` list the
/// conversation (holding live messages), `"p"` answer a ping, `""` nothing.
///
/// A `JsValue`, not a `String`: an export that returns a `String` returns
/// two values, and V8 compiles a JavaScript wrapper for each such signature
/// when it compiles the module.
#[allow(unreachable_pub)] // exported to JavaScript, not to Rust
#[wasm_bindgen(wasm_bindgen = super::wb, js_name = watchFrame, skip_typescript)]
pub fn watch_frame(text: &str, topic: &str, subscribed: bool) -> JsValue {
    match react(text, topic, subscribed) {
        Reaction::Deliver(json) => json.into(),
        Reaction::Sync => "s".into(),
        Reaction::Pong => "p".into(),
        Reaction::Nothing => "".into(),
    }
}

/// The wait before the next try after `failures` failures in a row, at
/// least `interval_ms`, or -1 to give the socket up (after `attempts`
/// failures; `attempts` 0: never).
#[allow(unreachable_pub)] // exported to JavaScript, not to Rust
#[wasm_bindgen(wasm_bindgen = super::wb, js_name = watchWait, skip_typescript)]
pub fn watch_wait(
    interval_ms: u32,
    failures: u32,
    attempts: u32,
    base_delay_ms: u32,
    max_delay_ms: u32,
    random: f64,
) -> f64 {
    let backoff = Backoff {
        base_delay_ms,
        max_delay_ms,
    };
    wait(interval_ms, failures, attempts, backoff, random).map_or(-1.0, f64::from)
}

/// The verdict at a heartbeat tick: 0 ping, 1 dead (reconnect), 2 the
/// subscription went unanswered (give the socket up).
#[allow(unreachable_pub)] // exported to JavaScript, not to Rust
#[wasm_bindgen(wasm_bindgen = super::wb, js_name = watchTick, skip_typescript)]
pub fn watch_tick(heard: bool, subscribed: bool, ticks: u32) -> u8 {
    match tick(heard, subscribed, ticks) {
        Tick::Ping => 0,
        Tick::Dead => 1,
        Tick::Unanswered => 2,
    }
}

/// Whether a list error (`kind`, `status` or 0) ends the watch.
#[allow(unreachable_pub)] // exported to JavaScript, not to Rust
#[wasm_bindgen(wasm_bindgen = super::wb, js_name = watchGivesUp, skip_typescript)]
pub fn watch_gives_up(kind: &str, status: u16) -> bool {
    gives_up(kind, status)
}
