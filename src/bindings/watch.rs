//! What the JavaScript driver of `watchMessages` (`pkg-template/watch.js`)
//! asks the wasm: the decisions of [`crate::watch::Watch`], as synchronous
//! calls, and the URL of the realtime socket (its token in the query: the
//! driver opens the socket with it and never shows it).

use wasm_bindgen::prelude::*;

use super::js_error::to_js;
use crate::endpoint::Api;
use crate::error::Error;
use crate::input::{Errors, Object};
use crate::url::check_id;
use crate::watch::{gives_up, poll_delay, Backoff, Reaction, Realtime, Tick, Watch};

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

/** What both `watchMessages` take besides their ids; the call options apply to each list. */
export interface WatchOptions extends CallOptions {
    /** Yield the messages that exist first (default true); false yields only new ones. */
    history?: boolean;
    /** Milliseconds between two lists when polling (default 5,000). */
    pollIntervalMs?: number;
    /** Reconnect and poll-error backoff. */
    reconnect?: WatchReconnect;
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

/// Reads the realtime options of a `TiledeskClient` constructor.
pub(super) fn realtime(options: JsValue, api: &Api) -> Result<Realtime, JsValue> {
    let read = || Realtime::read(&Object::root(options, Errors::Client)?, api);
    read().map_err(|e| to_js(&e))
}

/// The URL of the realtime socket for the request of `options`
/// (`{ projectId, requestId }`, checked as every call checks them), its
/// token in the query, or `null` when the client has no JWT (the driver
/// polls). The driver opens the socket with it and never shows it.
pub(super) fn socket_url(realtime: &Realtime, options: JsValue) -> Result<JsValue, JsValue> {
    let url = || -> Result<JsValue, Error> {
        let options = Object::root(options, Errors::Call)?;
        check_id("projectId", &options.required_string("projectId")?)?;
        check_id("requestId", &options.required_string("requestId")?)?;
        options.deny_unknown(&[&["projectId", "requestId"]])?;
        Ok(realtime.socket_url().map_or(JsValue::NULL, JsValue::from))
    };
    url().map_err(|e| to_js(&e))
}

/// One watch's decisions, for the driver.
#[wasm_bindgen(skip_typescript)]
#[derive(Debug)]
pub struct WatchDecisions(Watch);

#[wasm_bindgen]
impl WatchDecisions {
    /// A watch of `topic`, reconnecting after up to `base_delay_ms`,
    /// doubling to `max_delay_ms`, giving the socket up after `max_failures`
    /// connections in a row that brought nothing.
    #[wasm_bindgen(constructor)]
    pub fn new(
        topic: String,
        base_delay_ms: u32,
        max_delay_ms: u32,
        max_failures: u32,
    ) -> WatchDecisions {
        WatchDecisions(Watch::new(
            topic,
            Backoff {
                base_delay_ms,
                max_delay_ms,
                max_failures,
            },
        ))
    }

    /// A connection opened.
    pub fn opened(&mut self) {
        self.0.opened();
    }

    /// What to do with a text frame: `"d"` and the JSON array of messages to
    /// yield, `"s"` to list (holding live messages), `"p"` to answer a ping,
    /// `""` nothing.
    pub fn frame(&mut self, text: &str) -> String {
        match self.0.frame(text) {
            Reaction::Deliver(json) => format!("d{json}"),
            Reaction::Sync => "s".into(),
            Reaction::Pong => "p".into(),
            Reaction::Nothing => String::new(),
        }
    }

    /// Whether message `id` is new (and from now on, seen).
    pub fn fresh(&mut self, id: &str) -> bool {
        self.0.fresh(id)
    }

    /// A connection closed: the wait before the next, or -1 to give the
    /// socket up. `random` is uniform in `[0, 1)`.
    pub fn closed(&mut self, random: f64) -> i32 {
        self.0
            .closed(random)
            .map_or(-1, |wait| wait.min(i32::MAX as u32) as i32)
    }

    /// A heartbeat interval passed: 0 ping, 1 dead (reconnect), 2 the
    /// subscription went unanswered (poll).
    pub fn tick(&mut self) -> u8 {
        match self.0.tick() {
            Tick::Ping => 0,
            Tick::Dead => 1,
            Tick::Unanswered => 2,
        }
    }

    /// Whether a list error (`kind`, `status` or 0) ends the watch.
    #[wasm_bindgen(js_name = givesUp)]
    pub fn gives_up(&self, kind: &str, status: u16) -> bool {
        gives_up(kind, status)
    }

    /// The wait before the next poll after `failures` failed lists in a row.
    #[wasm_bindgen(js_name = pollDelay)]
    pub fn poll_delay(&self, interval_ms: u32, failures: u32, random: f64) -> u32 {
        poll_delay(interval_ms, failures, self.0.backoff(), random)
    }
}
