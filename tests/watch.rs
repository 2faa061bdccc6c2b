//! The decisions of `watchMessages`, as tables: realtime frames and what to
//! do with them, the realtime URL, reconnect and poll waits, giving the
//! socket up, heartbeats, and which list errors end a watch.

mod common;

use serde_json::{json, Value};
use tidings::endpoint::Endpoint;
use tidings::http::HttpResponse;
use tidings::input::{Errors, Object};
use tidings::tiledesk;
use tidings::tiledesk::endpoints::ListTiledeskMessages;
use tidings::watch::{
    frame, gives_up, react, tick, topic, wait, Backoff, Frame, Reaction, Realtime, Tick,
    HOSTED_REALTIME_URL,
};

const TOPIC: &str = "/p1/requests/r1/messages";

fn message(id: &str, text: &str) -> Value {
    json!({
        "_id": id, "sender": "u1", "senderFullname": "Ann", "recipient": "r1",
        "type": "text", "text": text, "status": 200, "id_project": "p1",
        "createdAt": "2024-01-01T00:00:00.000Z", "updatedAt": "2024-01-01T00:00:00.000Z",
        "__v": 0, "channel_type": "group", "newField": [1, 2]
    })
}

fn publish(message: Value) -> String {
    json!({ "action": "publish", "payload": { "topic": TOPIC, "method": "CREATE", "message": message } })
        .to_string()
}

/// What `listMessages` returns for the same messages: the frame's decode must equal it.
fn listed(messages: &[Value]) -> String {
    let body = Value::Array(messages.to_vec()).to_string();
    let response = HttpResponse {
        status: 200,
        content_type: Some("application/json"),
        retry_after: None,
        body: &body,
    };
    match ListTiledeskMessages::DECODE {
        tidings::endpoint::Answer::Json(output) => {
            tidings::http::transcode(tidings::Provider::Tiledesk, output, response).unwrap()
        }
        tidings::endpoint::Answer::Text => unreachable!(),
    }
}

#[test]
fn publish_frames_decode_exactly_as_list_messages_does() {
    let history = [message("m1", "hello"), message("m2", "ça va ?")];
    assert_eq!(
        frame(&publish(Value::Array(history.to_vec())), TOPIC),
        Frame::Messages {
            history: true,
            json: listed(&history)
        }
    );
    assert_eq!(
        frame(&publish(message("m3", "live")), TOPIC),
        Frame::Messages {
            history: false,
            json: listed(&[message("m3", "live")])
        }
    );
    assert_eq!(
        frame(&publish(json!([])), TOPIC),
        Frame::Messages {
            history: true,
            json: "[]".into()
        }
    );
}

#[test]
fn frames_are_classified_and_never_panic() {
    let cases: &[(&str, &str)] = &[
        (
            r#"{"action":"heartbeat","payload":{"message":{"text":"ping"}}}"#,
            "ping",
        ),
        (
            r#"{"action":"heartbeat","payload":{"message":{"text":"pong"}}}"#,
            "pong",
        ),
        (
            r#"{"action":"heartbeat","payload":{"message":{"text":"other"}}}"#,
            "other",
        ),
        (r#"{"action":"heartbeat"}"#, "other"),
        (r#"{"action":"publish"}"#, "other"),
        (
            r#"{"action":"publish","payload":{"topic":"/p1/requests/r2/messages","method":"CREATE","message":{"_id":"x"}}}"#,
            "other",
        ),
        (
            r#"{"action":"publish","payload":{"topic":"/p1/requests/r1/messages","method":"UPDATE","message":{"_id":"x"}}}"#,
            "other",
        ),
        (
            r#"{"action":"publish","payload":{"topic":"/p1/requests/r1/messages","method":"CREATE"}}"#,
            "other",
        ),
        (
            r#"{"action":"publish","payload":{"topic":"/p1/requests/r1/messages","method":"CREATE","message":7}}"#,
            "undecodable",
        ),
        (
            r#"{"action":"publish","payload":{"topic":"/p1/requests/r1/messages","method":"CREATE","message":{"_id":5.5e400}}}"#,
            "other",
        ),
        (
            r#"{"action":"publish","payload":{"topic":"/p1/requests/r1/messages","method":"CREATE","message":{"_id":true}}}"#,
            "undecodable",
        ),
        (
            r#"{"action":"publish","payload":{"topic":"/p1/requests/r1/messages","method":"CREATE","message":[{"text":1}]}}"#,
            "undecodable",
        ),
        (
            r#"{"action":"subscribe","payload":{"topic":"/p1/requests/r1/messages"}}"#,
            "other",
        ),
        (r#"{"action":7}"#, "other"),
        ("[]", "other"),
        ("", "other"),
        ("not json", "other"),
        (
            r#"{"action":"publish","payload":{"topic":"/p1/requests/r1/messages","method":"CREATE","message":{"_id":"m"}"#,
            "other",
        ),
        ("\u{0}\u{ffff}", "other"),
        (r#"{"action":"heartbeat","payload":[]}"#, "other"),
    ];
    for (text, expected) in cases {
        let got = match frame(text, TOPIC) {
            Frame::Messages { .. } => "messages",
            Frame::Undecodable(e) => {
                assert_eq!(e.kind.name(), "decode", "{text}");
                "undecodable"
            }
            Frame::Ping => "ping",
            Frame::Pong => "pong",
            Frame::Other => "other",
        };
        assert_eq!(got, *expected, "{text}");
    }
    // Deep nesting is refused by the reader, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(frame(&deep, TOPIC), Frame::Other);
}

#[test]
fn topics_name_the_request_messages() {
    assert_eq!(topic("p1", "r1"), TOPIC);
}

fn realtime(options: Value) -> Result<Realtime, tidings::Error> {
    let object = Object::root(options, Errors::Client)?;
    let api = tiledesk::api(&object)?;
    Realtime::read(&object, &api)
}

#[test]
fn realtime_urls_default_from_the_base_url_and_carry_the_token_in_the_query() {
    let jwt = json!({ "kind": "jwt", "token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig-nature_value" });
    let cases: &[(Value, &str)] = &[
        (json!({ "auth": jwt }), HOSTED_REALTIME_URL),
        (
            json!({ "auth": jwt, "baseUrl": "https://api.tiledesk.com/v2" }),
            HOSTED_REALTIME_URL,
        ),
        (
            json!({ "auth": jwt, "baseUrl": "https://desk.example.com/api/" }),
            "wss://desk.example.com/api/",
        ),
        (
            json!({ "auth": jwt, "baseUrl": "https://api.tiledesk.com" }),
            HOSTED_REALTIME_URL,
        ),
        (
            json!({ "auth": jwt, "baseUrl": "https://api.tiledesk.com.example.com/v3" }),
            "wss://api.tiledesk.com.example.com/v3/",
        ),
        (
            json!({ "auth": jwt, "baseUrl": "https://api.tiledesk.com:8443/v3" }),
            "wss://api.tiledesk.com:8443/v3/",
        ),
        (
            json!({ "auth": jwt, "baseUrl": "http://127.0.0.1:3000" }),
            "ws://127.0.0.1:3000/",
        ),
        (
            json!({ "auth": jwt, "realtimeUrl": "wss://rtm.example.com/v3" }),
            "wss://rtm.example.com/v3/",
        ),
        (
            json!({ "auth": jwt, "realtimeUrl": "WS://localhost:9/ws/" }),
            "ws://localhost:9/ws/",
        ),
        (
            json!({ "auth": jwt, "realtimeUrl": "ws://rtm.example.com/", "allowInsecureHttp": true }),
            "ws://rtm.example.com/",
        ),
    ];
    for (options, base) in cases {
        let realtime = realtime(options.clone()).unwrap();
        assert_eq!(realtime.base(), *base, "{options}");
        assert_eq!(
            realtime.socket_url().unwrap(),
            format!("{base}?token=JWT%20eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig-nature_value")
        );
        let debug = format!("{realtime:?}");
        assert!(!debug.contains("eyJ"), "{debug}");
    }
    // A token given with its prefix is sent with it once.
    let prefixed = realtime(json!({ "auth": { "kind": "jwt", "token": "JWT abc.def" } })).unwrap();
    assert_eq!(
        prefixed.socket_url().unwrap(),
        format!("{HOSTED_REALTIME_URL}?token=JWT%20abc.def")
    );
    // Basic credentials cannot open the socket.
    let basic =
        realtime(json!({ "auth": { "kind": "basic", "email": "a@b.c", "password": "pw" } }))
            .unwrap();
    assert_eq!(basic.socket_url(), None);
    assert!(format!("{basic:?}").contains("token: None"));
}

#[test]
fn bad_realtime_urls_are_config_errors_naming_the_option() {
    let jwt = json!({ "kind": "jwt", "token": "secret-token-value" });
    let cases: &[(Value, &str)] = &[
        (json!("https://rtm.example.com"), "ws:// or wss://"),
        (json!("rtm.example.com"), "ws:// or wss://"),
        (
            json!("ws://rtm.example.com/"),
            "plain ws would send the token unencrypted; use wss",
        ),
        (json!("ws:/rtm.example.com/"), "ws:// or wss://"),
        (json!("wss://"), "malformed"),
        (
            json!("wss://user:pw@rtm.example.com/"),
            "credentials in the URL",
        ),
        (json!("wss://rtm.example.com/a/../b"), ". or .."),
        (json!("wss://rtm.example.com/?x=1"), "query"),
        (json!("wss://rtm example.com/"), "spaces"),
        (json!(42), "string"),
    ];
    for (url, says) in cases {
        let error = realtime(json!({ "auth": jwt, "realtimeUrl": url })).unwrap_err();
        assert_eq!(error.kind.name(), "config", "{url}");
        assert_eq!(error.field(), Some("realtimeUrl"), "{url}");
        let text = error.to_string();
        assert!(text.contains(says), "{url}: {text}");
        assert!(!text.contains("secret-token"), "{text}");
        assert!(!text.contains("pw@"), "{text}");
    }
}

const BACKOFF: Backoff = Backoff {
    base_delay_ms: 100,
    max_delay_ms: 1_000,
};

#[test]
fn backoff_is_exponential_capped_and_jittered() {
    let cases: &[(u32, f64, u32)] = &[
        (1, 0.999_999, 99),
        (1, 0.5, 50),
        (1, 0.0, 0),
        (2, 0.5, 100),
        (3, 0.5, 200),
        (4, 0.5, 400),
        (5, 0.5, 500),
        (40, 0.999_999, 999),
        (u32::MAX, 0.5, 500),
        (0, 0.5, 50),
        (1, -3.0, 0),
        (1, 7.0, 100),
        (1, f64::NAN, 100),
        (1, f64::INFINITY, 100),
    ];
    for (failures, random, delay) in cases {
        assert_eq!(
            BACKOFF.delay(*failures, *random),
            *delay,
            "{failures} {random}"
        );
    }
    assert_eq!(Backoff::default().delay(50, 0.999_999), 29_999);
    assert_eq!(Backoff::default().delay(1, 0.999_999), 499);
}

#[test]
fn waits_reconnect_with_backoff_poll_at_the_interval_and_give_the_socket_up_after_attempts() {
    // (interval, failures in a row, attempts, random) -> wait, None: give the socket up.
    let cases: &[(u32, u32, u32, f64, Option<u32>)] = &[
        // Reconnects: interval 0, three attempts.
        (0, 1, 3, 0.5, Some(50)),
        (0, 2, 3, 0.5, Some(100)),
        (0, 3, 3, 0.5, None),
        (0, 9, 3, 0.5, None),
        (0, 1, 1, 0.5, None),
        (0, 1, 2, 0.999, Some(99)),
        // Polls: never give up; the interval after a list that worked, at
        // least the interval after failures.
        (250, 0, 0, 0.999, Some(250)),
        (250, 1, 0, 0.999, Some(250)),
        (250, 3, 0, 0.999, Some(399)),
        (250, 9, 0, 0.999, Some(999)),
        (250, 1_000, 0, 0.999, Some(999)),
        (5_000, 9, 0, 0.999, Some(5_000)),
        (0, 2, 0, 0.5, Some(100)),
    ];
    for (interval, failures, attempts, random, expected) in cases {
        assert_eq!(
            wait(*interval, *failures, *attempts, BACKOFF, *random),
            *expected,
            "{interval} {failures} {attempts}"
        );
    }
}

#[test]
fn the_first_history_of_each_connection_asks_for_a_list_and_later_ones_deliver() {
    let history = publish(json!([message("m1", "a")]));
    let live = publish(message("m2", "b"));
    let ping = r#"{"action":"heartbeat","payload":{"message":{"text":"ping"}}}"#;
    let pong = r#"{"action":"heartbeat","payload":{"message":{"text":"pong"}}}"#;
    let undecodable = publish(json!({ "_id": { "not": "an id" } }));
    let cases: &[(&str, bool, Reaction)] = &[
        (&history, false, Reaction::Sync),
        (
            &history,
            true,
            Reaction::Deliver(listed(&[message("m1", "a")])),
        ),
        (
            &live,
            false,
            Reaction::Deliver(listed(&[message("m2", "b")])),
        ),
        (
            &live,
            true,
            Reaction::Deliver(listed(&[message("m2", "b")])),
        ),
        (&undecodable, true, Reaction::Sync),
        (&undecodable, false, Reaction::Sync),
        (ping, true, Reaction::Pong),
        (pong, true, Reaction::Nothing),
        ("garbage", false, Reaction::Nothing),
    ];
    for (text, subscribed, reaction) in cases {
        assert_eq!(
            &react(text, TOPIC, *subscribed),
            reaction,
            "{text} {subscribed}"
        );
    }
}

#[test]
fn heartbeats_detect_silence_and_unanswered_subscriptions() {
    // (heard since the last tick, history received, tick number) -> verdict
    let cases: &[(bool, bool, u32, Tick)] = &[
        (true, true, 1, Tick::Ping),
        (true, true, 50, Tick::Ping),
        (false, true, 1, Tick::Dead),
        (false, true, 9, Tick::Dead),
        // The first tick gives the subscription a whole interval more.
        (true, false, 1, Tick::Ping),
        (false, false, 1, Tick::Dead),
        (true, false, 2, Tick::Unanswered),
        (false, false, 2, Tick::Unanswered),
        (true, false, 7, Tick::Unanswered),
    ];
    for (heard, subscribed, ticks, verdict) in cases {
        assert_eq!(
            tick(*heard, *subscribed, *ticks),
            *verdict,
            "{heard} {subscribed} {ticks}"
        );
    }
}

#[test]
fn only_errors_that_retrying_cannot_fix_end_a_watch() {
    let cases: &[(&str, u16, bool)] = &[
        ("network", 0, false),
        ("timeout", 0, false),
        ("http", 408, false),
        ("http", 429, false),
        ("http", 500, false),
        ("http", 503, false),
        ("http", 599, false),
        ("http", 400, true),
        ("http", 401, true),
        ("http", 403, true),
        ("http", 404, true),
        ("http", 600, true),
        ("decode", 200, true),
        ("invalidInput", 0, true),
        ("config", 0, true),
        ("aborted", 0, true),
        ("tooLarge", 200, true),
        ("redirect", 302, true),
        ("", 0, true),
    ];
    for (kind, status, ends) in cases {
        assert_eq!(gives_up(kind, *status), *ends, "{kind} {status}");
    }
}
