//! The decisions of `watchMessages`, as tables: realtime frames, the realtime
//! URL, reconnect backoff, giving the socket up, heartbeats, de-duplication,
//! which list errors end a watch, and poll waits.

mod common;

use serde_json::{json, Value};
use tidings::endpoint::Endpoint;
use tidings::http::HttpResponse;
use tidings::input::{Errors, Object};
use tidings::tiledesk;
use tidings::tiledesk::endpoints::ListTiledeskMessages;
use tidings::watch::{
    frame, gives_up, poll_delay, topic, Backoff, Frame, Reaction, Realtime, Tick, Watch,
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
    assert!(basic.secret().is_none());
}

#[test]
fn bad_realtime_urls_are_config_errors_naming_the_option() {
    let jwt = json!({ "kind": "jwt", "token": "secret-token-value" });
    let cases: &[(Value, &str)] = &[
        (json!("https://rtm.example.com"), "ws:// or wss://"),
        (json!("rtm.example.com"), "ws:// or wss://"),
        (json!("ws://rtm.example.com/"), "plain ws"),
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

#[test]
fn backoff_is_exponential_capped_and_jittered() {
    let backoff = Backoff {
        base_delay_ms: 100,
        max_delay_ms: 1_000,
        max_failures: 3,
    };
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
    ];
    for (failures, random, wait) in cases {
        assert_eq!(
            backoff.delay(*failures, *random),
            *wait,
            "{failures} {random}"
        );
    }
    let default = Backoff::default();
    assert_eq!(default.delay(50, 0.999_999), 29_999);
}

fn watch() -> Watch {
    Watch::new(
        TOPIC.into(),
        Backoff {
            base_delay_ms: 100,
            max_delay_ms: 1_000,
            max_failures: 3,
        },
    )
}

#[test]
fn connections_that_bring_nothing_give_the_socket_up_after_max_failures() {
    let mut w = watch();
    // Refused three times in a row: two waits, then give up; the count starts again.
    assert_eq!(w.closed(0.5), Some(50));
    assert_eq!(w.closed(0.5), Some(100));
    assert_eq!(w.closed(0.5), None);
    assert_eq!(w.closed(0.5), Some(50));
    // A publish on our topic proves the socket works: the count starts again.
    let mut w = watch();
    assert_eq!(w.closed(0.5), Some(50));
    w.opened();
    assert_eq!(w.frame(&publish(json!([]))), Reaction::Sync);
    assert_eq!(w.closed(0.5), Some(50));
    w.opened();
    assert_eq!(w.frame(&publish(json!([]))), Reaction::Sync);
    assert_eq!(w.closed(0.5), Some(50));
    // Pings alone do not (a server that accepts and refuses every subscription).
    let mut w = watch();
    for _ in 0..2 {
        w.opened();
        w.frame(r#"{"action":"heartbeat","payload":{"message":{"text":"ping"}}}"#);
        assert!(w.closed(0.5).is_some());
    }
    w.opened();
    assert_eq!(w.closed(0.5), None);
}

#[test]
fn the_first_history_of_each_connection_asks_for_a_list_and_later_ones_deliver() {
    let mut w = watch();
    w.opened();
    let history = publish(json!([message("m1", "a")]));
    assert_eq!(w.frame(&history), Reaction::Sync);
    // A second history on the same connection is delivered (ids filter it).
    assert_eq!(
        w.frame(&history),
        Reaction::Deliver(listed(&[message("m1", "a")]))
    );
    assert_eq!(
        w.frame(&publish(message("m2", "b"))),
        Reaction::Deliver(listed(&[message("m2", "b")]))
    );
    // A reconnect lists again.
    assert!(w.closed(0.5).is_some());
    w.opened();
    assert_eq!(w.frame(&history), Reaction::Sync);
    // A publish that does not decode is filled in by a list.
    assert_eq!(
        w.frame(&publish(json!({ "_id": { "not": "an id" } }))),
        Reaction::Sync
    );
    assert_eq!(
        w.frame(r#"{"action":"heartbeat","payload":{"message":{"text":"ping"}}}"#),
        Reaction::Pong
    );
    assert_eq!(
        w.frame(r#"{"action":"heartbeat","payload":{"message":{"text":"pong"}}}"#),
        Reaction::Nothing
    );
    assert_eq!(w.frame("garbage"), Reaction::Nothing);
}

#[test]
fn each_id_is_fresh_once() {
    let mut w = watch();
    let ids = ["m1", "m2", "m1", "m3", "m2", "", ""];
    let fresh: Vec<bool> = ids.iter().map(|id| w.fresh(id)).collect();
    assert_eq!(fresh, [true, true, false, true, false, true, false]);
    assert_eq!(w.seen(), 4);
}

#[test]
fn heartbeats_detect_silence_and_unanswered_subscriptions() {
    // Heard since the last tick: ping; silent for a whole interval: dead.
    let mut w = watch();
    w.opened();
    w.frame(&publish(json!([])));
    assert_eq!(w.tick(), Tick::Ping);
    assert_eq!(w.tick(), Tick::Dead);
    w.frame("anything");
    assert_eq!(w.tick(), Tick::Ping);
    w.frame(r#"{"action":"heartbeat","payload":{"message":{"text":"pong"}}}"#);
    assert_eq!(w.tick(), Tick::Ping);
    // A connection whose subscription gets no history within a whole
    // interval (the server refuses some silently): give it up.
    let mut w = watch();
    w.opened();
    w.frame(r#"{"action":"heartbeat","payload":{"message":{"text":"ping"}}}"#);
    assert_eq!(w.tick(), Tick::Ping);
    w.frame(r#"{"action":"heartbeat","payload":{"message":{"text":"ping"}}}"#);
    assert_eq!(w.tick(), Tick::Unanswered);
    // A new connection starts its count again.
    w.opened();
    assert_eq!(w.tick(), Tick::Ping);
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

#[test]
fn polls_wait_the_interval_or_longer_after_failures() {
    let backoff = Backoff {
        base_delay_ms: 100,
        max_delay_ms: 1_000,
        max_failures: 3,
    };
    let cases: &[(u32, u32, f64, u32)] = &[
        (250, 0, 0.999, 250),
        (250, 1, 0.999, 250),
        (250, 3, 0.999, 399),
        (250, 9, 0.999, 999),
        (5_000, 9, 0.999, 5_000),
        (0, 2, 0.5, 100),
    ];
    for (interval, failures, random, wait) in cases {
        assert_eq!(
            poll_delay(*interval, *failures, backoff, *random),
            *wait,
            "{interval} {failures}"
        );
    }
}
