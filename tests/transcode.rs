//! Differential fuzzing of the transform that decodes every answer in the wasm
//! build, against the typed serde_json decode of the same body: generated
//! bodies (near-miss models of both providers, every JSON shape, escapes,
//! non-ASCII, repeated keys, numbers at the edges) and byte-level mutations of
//! them. Both must accept the same bodies, and what they accept must give
//! deep-equal JavaScript values; the transform's output is ASCII, and its
//! errors name a byte offset within the body.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::same_js_value;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde::Serialize;
use serde_json::Value;
use tidings::endpoint::Output;
use tidings::flatchr::models::{FlatchrSession, FLATCHR_MESSAGE, FLATCHR_SESSION};
use tidings::flatchr::FlatchrMessage;
use tidings::http::{decode, transcode, HttpResponse, List, MAX_LIST_ITEMS};
use tidings::tiledesk::models::{TiledeskSession, TILEDESK_MESSAGE, TILEDESK_SESSION};
use tidings::tiledesk::TiledeskMessage;
use tidings::Provider;

fn response(body: &str) -> HttpResponse<'_> {
    HttpResponse {
        status: 200,
        content_type: Some("application/json"),
        retry_after: None,
        body,
    }
}

/// Decodes `body` both ways as `T` / `output` and checks they agree.
fn agree<T: DeserializeOwned + Serialize>(body: &str, output: Output) -> Result<bool, String> {
    let typed = decode::<T>(Provider::Tiledesk, response(body));
    let transformed = transcode(Provider::Tiledesk, output, response(body));
    match (typed, transformed) {
        (Ok(typed), Ok(json)) => {
            if !json.is_ascii() {
                return Err(format!("non-ASCII output for {body}"));
            }
            let expected = serde_json::to_value(&typed).unwrap();
            // The output nests one level deeper than the body where unknown
            // keys go into `extra`: read it without serde_json's depth limit
            // (`JSON.parse` has none).
            let mut reader = serde_json::Deserializer::from_str(&json);
            reader.disable_recursion_limit();
            let actual = Value::deserialize(&mut reader)
                .map_err(|e| format!("invalid output {json}: {e}"))?;
            if same_js_value(&expected, &actual, true) {
                Ok(true)
            } else {
                Err(format!("body {body}\nserde {expected}\ntransform {actual}"))
            }
        }
        (Err(_), Err(error)) => {
            let text = error.to_string();
            if text.contains("(at byte ") {
                Ok(false)
            } else {
                Err(format!("error without a byte offset: {text}"))
            }
        }
        (Ok(_), Err(error)) => Err(format!("only serde accepts {body:?}: {error}")),
        (Err(error), Ok(json)) => Err(format!(
            "only the transform accepts {body:?} ({error}): {json}"
        )),
    }
}

fn agree_all(body: &str) -> Result<usize, String> {
    let mut accepted = 0;
    accepted += usize::from(agree::<Vec<TiledeskMessage>>(
        body,
        Output::List(&TILEDESK_MESSAGE),
    )?);
    accepted += usize::from(agree::<TiledeskMessage>(
        body,
        Output::One(&TILEDESK_MESSAGE),
    )?);
    accepted += usize::from(agree::<Vec<FlatchrMessage>>(
        body,
        Output::List(&FLATCHR_MESSAGE),
    )?);
    accepted += usize::from(agree::<FlatchrMessage>(
        body,
        Output::One(&FLATCHR_MESSAGE),
    )?);
    // serde's derive also reads a struct from an array of its fields in
    // order (`["JWT t", {...}]`), which no server sends: the transform reads
    // sessions from objects only, so arrays are left out of this comparison.
    if !body.trim_start().starts_with('[') {
        accepted += usize::from(agree::<TiledeskSession>(
            body,
            Output::One(&TILEDESK_SESSION),
        )?);
        accepted += usize::from(agree::<FlatchrSession>(
            body,
            Output::One(&FLATCHR_SESSION),
        )?);
    }
    Ok(accepted)
}

/// JSON text for numbers, including the spellings a generic writer never
/// produces (exponents, `-0`, long fractions, the edge of the double range).
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:e}")),
        prop::sample::select(vec![
            "-0",
            "0.0",
            "-0.0",
            "200.0",
            "2e2",
            "2.00E+2",
            "20000e-2",
            "1e-400",
            "-100.0",
            "150.00000000000001",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "-1e309",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "0e99999999999",
            "123456789012345678901234567890",
            "4.2e1",
            "391",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A JSON string literal with escapes, non-ASCII (two, three and four-byte)
/// and escaped surrogate pairs.
fn string_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-z0-9 _]{1,4}".prop_map(|s| s),
            prop::sample::select(vec![
                "é",
                "ü",
                "€",
                "中",
                "😀",
                "\\n",
                "\\\"",
                "\\\\",
                "\\/",
                "\\u00e9",
                "\\u0041",
                "\\ud83d\\ude00",
                "\\u005f",
                "\\t",
                "\u{7f}",
                "\u{2028}",
                "\u{ffff}",
            ])
            .prop_map(str::to_owned),
        ],
        0..5,
    )
    .prop_map(|parts| format!("\"{}\"", parts.concat()))
}

/// Any JSON value as text.
fn value_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number_text(),
        string_text(),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((string_text(), inner), 0..4).prop_map(|pairs| {
                let members: Vec<String> =
                    pairs.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
                format!("{{ {} }}", members.join(" , "))
            }),
        ]
    })
}

const KEYS: &[&str] = &[
    "_id",
    "id",
    "sender",
    "senderFullname",
    "recipient",
    "recipientFullname",
    "type",
    "channel_type",
    "channelType",
    "channel",
    "text",
    "language",
    "status",
    "attributes",
    "metadata",
    "createdBy",
    "created_by",
    "id_project",
    "projectId",
    "createdAt",
    "created_at",
    "updatedAt",
    "updated_at",
    "__v",
    "request",
    "create_at",
    "auto",
    "mail",
    "delivered",
    "deliver_at",
    "delivered_at",
    "author",
    "candidate",
    "attachments",
    "replied",
    "subject",
    "html",
    "firstname",
    "lastname",
    "email",
    "picture",
    "\\u005fid",
    "unknown_x",
    "extra",
    "sta\\u0074us",
    "é",
];

/// A value of the type a known field wants, most of the time.
fn typed_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => string_text(),
        2 => number_text(),
        1 => Just("null".to_owned()),
        1 => Just("true".to_owned()),
        1 => person_text(),
        1 => value_text(),
    ]
}

fn person_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(vec![
                "firstname",
                "lastname",
                "email",
                "id",
                "picture",
                "subject",
                "text",
                "html",
                "status",
                "other",
            ]),
            prop_oneof![
                string_text(),
                number_text(),
                Just("null".to_owned()),
                value_text()
            ],
        ),
        0..5,
    )
    .prop_map(|pairs| {
        let members: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| format!("\"{k}\":{v}"))
            .collect();
        format!("{{{}}}", members.join(","))
    })
}

/// An object whose keys are mostly the models' own, repeated keys included.
fn message_text() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(KEYS), typed_value()), 0..10).prop_map(|pairs| {
        let members: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| format!("\"{k}\": {v}"))
            .collect();
        format!("{{{}}}", members.join(","))
    })
}

fn body_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(message_text(), 0..4).prop_map(|m| format!(" [{}] ", m.join(",\n"))),
        2 => message_text(),
        1 => value_text(),
    ]
}

/// One byte-level edit of `body`.
fn mutate(body: &str, at: usize, edit: u8, byte: u8) -> String {
    let mut bytes = body.as_bytes().to_vec();
    if bytes.is_empty() {
        return String::new();
    }
    let at = at % bytes.len();
    const ALPHABET: &[u8] = b"{}[]\",:\\0123456789-+.eEtrufalsn \x01\x1f";
    let b = ALPHABET[usize::from(byte) % ALPHABET.len()];
    match edit % 4 {
        0 => {
            bytes.remove(at);
        }
        1 => bytes.insert(at, b),
        2 => bytes[at] = b,
        _ => bytes.truncate(at),
    }
    // Edits that split a UTF-8 sequence are skipped (bodies reach the
    // decoder as text: invalid UTF-8 is replaced before).
    String::from_utf8(bytes).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_transform_agrees_with_serde_on_generated_bodies(body in body_text()) {
        agree_all(&body).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn the_transform_agrees_with_serde_on_mutated_bodies(
        body in body_text(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..4),
    ) {
        let mut body = body;
        for (at, edit, byte) in edits {
            body = mutate(&body, at, edit, byte);
        }
        agree_all(&body).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn the_fixtures_and_benchmark_like_bodies_agree() {
    for body in [
        include_str!("fixtures/tiledesk-list.json"),
        include_str!("fixtures/tiledesk-send-response.json"),
        include_str!("fixtures/flatchr-en.json"),
        include_str!("fixtures/flatchr-fr-table-spellings.json"),
    ] {
        agree_all(body).unwrap();
    }
}

#[test]
fn nesting_is_limited_as_serde_json_limits_it() {
    for depth in [120, 124, 125, 126, 127, 128, 200] {
        let body = format!(
            "[{{\"attributes\":{}1{}}}]",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        );
        agree_all(&body).unwrap_or_else(|e| panic!("depth {depth}: {e}"));
    }
}

#[test]
fn errors_name_the_field_and_the_byte() {
    let body = r#"[{"_id":"a"},{"_id":"b","sender":5}]"#;
    let error = transcode(
        Provider::Tiledesk,
        Output::List(&TILEDESK_MESSAGE),
        response(body),
    )
    .unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("[1].sender: expected a string or null, found a number (at byte 33)"),
        "{text}"
    );
    let body = r#"[{"id":1,"author":{"id":true}}]"#;
    let text = transcode(
        Provider::Flatchr,
        Output::List(&FLATCHR_MESSAGE),
        response(body),
    )
    .unwrap_err()
    .to_string();
    assert!(
        text.contains("[0].author.id: expected a string, a number or null"),
        "{text}"
    );
}

#[test]
fn non_ascii_is_escaped_and_round_trips() {
    let body = "{\"_id\":\"é\",\"text\":\"a😀€\\u00e9\",\"x\":{\"ü\":\"\u{7f}\"}}";
    let json = transcode(
        Provider::Tiledesk,
        Output::One(&TILEDESK_MESSAGE),
        response(body),
    )
    .unwrap();
    assert!(json.is_ascii(), "{json}");
    assert!(
        json.contains(r#""text":"a\ud83d\ude00\u20ac\u00e9""#),
        "{json}"
    );
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["text"], "a😀€é");
    assert_eq!(value["extra"]["x"]["ü"], "\u{7f}");
}

#[test]
fn numeric_ids_are_written_as_javascript_writes_them() {
    let ids = |body: &str| {
        let json = transcode(
            Provider::Flatchr,
            Output::List(&FLATCHR_MESSAGE),
            response(body),
        )
        .unwrap();
        let value: Vec<Value> = serde_json::from_str(&json).unwrap();
        value
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(
            r#"[{"id":391},{"id":-3},{"id":18446744073709551615},{"id":4.2e1},{"id":-0},{"id":1e21},{"id":0.5}]"#
        ),
        [
            "391",
            "-3",
            "18446744073709551615",
            "42",
            "0",
            "1e+21",
            "0.5"
        ]
    );
}

#[test]
fn long_strings_agree_whatever_the_position_of_a_special_character() {
    // The scanners read eight bytes at a time: put each kind of character at
    // every position of strings around that width.
    for special in [
        "\\\"", "\\\\", "\\u00e9", "\u{1}", "\u{1f}", "é", "😀", "\u{7f}", " ", "~",
    ] {
        for len in 0..24 {
            for at in 0..=len {
                let text = format!("{}{special}{}", "a".repeat(at), "b".repeat(len - at));
                let body = format!(r#"[{{"_id":"x","text":"{text}","{text}":"{text}"}}]"#);
                agree_all(&body).unwrap_or_else(|e| panic!("{body:?}: {e}"));
            }
        }
    }
}

#[test]
fn sessions_need_their_token_and_user_and_drop_other_keys() {
    let user =
        r#"{"_id":"5e1","firstname":"Zoë","email":"z@example.com","attributes":{"a":1},"x":[1]}"#;
    let accepted = [
        format!(r#"{{"success":true,"token":"JWT eyJ.a.b","user":{user}}}"#),
        format!(r#"{{"user":{user},"token":"JWT t","extra":1}}"#),
        r#"{"token":"JWT t","user":{"id":42}}"#.to_owned(),
        r#"{"token":"JWT t","user":{}}"#.to_owned(),
    ];
    for body in &accepted {
        assert_eq!(
            agree::<TiledeskSession>(body, Output::One(&TILEDESK_SESSION)),
            Ok(true),
            "{body}"
        );
    }
    let json = transcode(
        Provider::Tiledesk,
        Output::One(&TILEDESK_SESSION),
        response(&accepted[0]),
    )
    .unwrap();
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["token"], "JWT eyJ.a.b");
    assert_eq!(value["user"]["id"], "5e1");
    assert_eq!(value["user"]["extra"]["x"][0], 1);
    assert!(value.get("success").is_none(), "{json}");
    for body in [
        r#"{"success":true,"user":{"_id":"a"}}"#,
        r#"{"token":"JWT t"}"#,
        r#"{"token":null,"user":{}}"#,
        r#"{"token":"JWT t","user":null}"#,
        r#"{"token":5,"user":{}}"#,
        r#"{"token":"a","token":"b","user":{}}"#,
    ] {
        assert_eq!(
            agree::<TiledeskSession>(body, Output::One(&TILEDESK_SESSION)),
            Ok(false),
            "{body}"
        );
    }
    let error = transcode(
        Provider::Tiledesk,
        Output::One(&TILEDESK_SESSION),
        response(r#"{"success":true,"user":{}}"#),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("token: missing field (at byte 25)"),
        "{error}"
    );
    for (body, ok) in [
        (r#"{"token":"abc","success":true}"#, true),
        (r#"{"success":true}"#, false),
        (r#"{"token":["abc"]}"#, false),
        (r#"{"token":"a","token":"b"}"#, false),
    ] {
        assert_eq!(
            agree::<FlatchrSession>(body, Output::One(&FLATCHR_SESSION)),
            Ok(ok),
            "{body}"
        );
    }
}

#[test]
fn lists_hold_at_most_the_item_limit() {
    let body = |items: usize| format!("[{}{{\"_id\":2}}]", "{\"_id\":1},".repeat(items - 1));
    let full = body(MAX_LIST_ITEMS);
    assert_eq!(
        agree::<List<TiledeskMessage>>(&full, Output::List(&TILEDESK_MESSAGE)),
        Ok(true)
    );
    let over = body(MAX_LIST_ITEMS + 1);
    assert_eq!(
        agree::<List<TiledeskMessage>>(&over, Output::List(&TILEDESK_MESSAGE)),
        Ok(false)
    );
    let error = transcode(
        Provider::Tiledesk,
        Output::List(&TILEDESK_MESSAGE),
        response(&over),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains(
            "the list holds more than 500000 items, more than tidings decodes in one answer"
        ),
        "{error}"
    );
}

#[test]
fn decode_errors_say_a_non_json_content_type_and_escape_control_characters() {
    let answer = |content_type| HttpResponse {
        content_type: Some(content_type),
        ..response("<html>\u{1}oops</html>")
    };
    let html = transcode(
        Provider::Tiledesk,
        Output::List(&TILEDESK_MESSAGE),
        answer("text/html"),
    )
    .unwrap_err()
    .to_string();
    assert!(html.contains("; content-type was text/html"), "{html}");
    assert!(html.contains(r#""<html>\u{1}oops</html>""#), "{html}");
    let json = transcode(
        Provider::Tiledesk,
        Output::List(&TILEDESK_MESSAGE),
        answer("application/json"),
    )
    .unwrap_err()
    .to_string();
    assert!(!json.contains("content-type was"), "{json}");
}

#[test]
fn small_and_large_numbers_are_written_as_javascript_writes_them() {
    use tidings::http::js_string;
    assert_eq!(js_string(1e-7), "1e-7");
    assert_eq!(js_string(1.5e-10), "1.5e-10");
    assert_eq!(js_string(0.000001), "0.000001");
    assert_eq!(js_string(1e21), "1e+21");
    assert_eq!(js_string(-2.5e22), "-2.5e+22");
    assert_eq!(js_string(-0.0), "0");
}

/// The transform's error text for `body` read as a list of Tiledesk messages.
fn list_error(body: &str) -> String {
    transcode(
        Provider::Tiledesk,
        Output::List(&TILEDESK_MESSAGE),
        response(body),
    )
    .unwrap_err()
    .to_string()
}

#[test]
fn string_errors_name_their_byte_at_every_position_of_a_word() {
    // The string scanner reads eight bytes at a time: a control character,
    // a bad escape or the end of the body at every position around that
    // width, in a value and in a key.
    let value = r#"[{"_id":"x","text":""#;
    let key = r#"[{"_id":"x",""#;
    for len in 0..24 {
        for at in 0..=len {
            let (before, after) = ("a".repeat(at), "b".repeat(len - at));
            for (prefix, path) in [(value, "[0].text: "), (key, "[0]: ")] {
                let byte = prefix.len() + at;
                let cases = [
                    (
                        format!("{prefix}{before}\u{1}{after}\":1}}]"),
                        format!("{path}control character in a string (at byte {byte})"),
                    ),
                    (
                        format!("{prefix}{before}\u{1f}"),
                        format!("{path}control character in a string (at byte {byte})"),
                    ),
                    (
                        format!("{prefix}{before}"),
                        format!("{path}unexpected end of the body (at byte {byte})"),
                    ),
                    (
                        format!("{prefix}{before}\\x{after}\":1}}]"),
                        format!("{path}invalid escape in a string (at byte {})", byte + 1),
                    ),
                    (
                        format!("{prefix}{before}\\u12"),
                        format!("{path}unexpected end of the body (at byte {})", byte + 4),
                    ),
                    (
                        format!("{prefix}{before}é\\udc00{after}\":1}}]"),
                        format!(
                            "{path}lone trailing surrogate in a \\u escape (at byte {})",
                            byte + 2
                        ),
                    ),
                ];
                for (body, expected) in cases {
                    let text = list_error(&body);
                    assert!(text.contains(&expected), "{body:?}: {text}");
                }
            }
        }
    }
}

#[test]
fn output_bytes_are_exact_whatever_the_key_order_and_the_characters() {
    // Keys in another order in each message, escaped spellings, a key given
    // twice, unknown keys, blanks around a colon or a comma, fields that are
    // neighbours in both the body and the output, ASCII messages next to
    // non-ASCII ones: the exact text written.
    let body = concat!(
        r#"[{"_id":"a","text":"plain","status":300,"__v":0},"#,
        r#"{"status":100,"text":"caf\u00e9 é","_id":"b","x":"ü"},"#,
        r#"{"\u005fid":"c","type":"t","type":"u","y":[1,{"z":"ascii"}]},"#,
        r#"{"text":"ok","_id":"d"},"#,
        r#"{"__v":1,"text":"😀","id":7},"#,
        "{\"_id\":\"e\",\"te\\u0078t\":\"esc\",\"type\" :\t\"t\",\"channel\":\n{}},",
        r#"{"sender":"s","senderFullname":"Zoë","recipient":"r","_id":"f"},"#,
        r#"{"sender":"s", "senderFullname":"n","recipient":"r","createdAt":"c","updatedAt":"u"}]"#
    );
    let json = transcode(
        Provider::Tiledesk,
        Output::List(&TILEDESK_MESSAGE),
        response(body),
    )
    .unwrap();
    assert_eq!(
        json,
        concat!(
            r#"[{"id":"a","text":"plain","status":300,"statusName":"seen","version":0},"#,
            r#"{"id":"b","text":"caf\u00e9 \u00e9","status":100,"statusName":"sent","extra":{"x":"\u00fc"}},"#,
            r#"{"id":"c","type":"u","statusName":"unknown","extra":{"y":[1,{"z":"ascii"}]}},"#,
            r#"{"id":"d","text":"ok","statusName":"unknown"},"#,
            r#"{"id":"7","text":"\ud83d\ude00","statusName":"unknown","version":1},"#,
            r#"{"id":"e","type":"t","channel":{},"text":"esc","statusName":"unknown"},"#,
            r#"{"id":"f","sender":"s","senderFullname":"Zo\u00eb","recipient":"r","statusName":"unknown"},"#,
            r#"{"id":"","sender":"s","senderFullname":"n","recipient":"r","statusName":"unknown","createdAt":"c","updatedAt":"u"}]"#
        )
    );
    agree_all(body).unwrap();
}

#[test]
fn keys_that_differ_from_the_last_message_s_are_read_as_sent() {
    // The parser first tries, at each key, the key that came next in the
    // last message: near misses of it must be read as the body spells them.
    let first = r#"{"_id":"a","text":"t","type":"x","status":300}"#;
    for next in [
        r#"{"_id":"b","text":"t","type":"x","status":300}"#,
        r#"{"_id":"b","textual":"t","type":"x","status":300}"#,
        r#"{"_id":"b","tex":"t","typ":"x","statu":300}"#,
        r#"{"_id":"b","te\u0078t":"t","\u0074ype":"x","status":300}"#,
        r#"{"_id":"b","text\"":"t","type\\":"x","status\n":300}"#,
        r#"{"_id":"b","text" :"t","type"	:"x","status":null}"#,
        r#"{"_id":"b","type":"x","text":"t","status":300,"text":"u"}"#,
        r#"{"_id":"b","Text":"t","TYPE":"x","status ":300}"#,
        r#"{"_id":"b","":"t","\"":"x","\\":300}"#,
    ] {
        let body = format!("[{first},{next},{first},{next}]");
        agree_all(&body).unwrap_or_else(|e| panic!("{body}: {e}"));
    }
}

#[test]
fn a_body_cut_anywhere_ends_unexpectedly_where_it_is_cut() {
    let body = concat!(
        r#"[{"_id":"a","text":"caf\u00e9 é 😀","status":300,"x":[true,false,null,-1.5e3]},"#,
        r#"{"_id":"b","text":"plain","status":300,"x":{"k":"v"}}]"#
    );
    for (cut, _) in body.char_indices().skip(1) {
        let text = list_error(&body[..cut]);
        assert!(
            text.contains(&format!("unexpected end of the body (at byte {cut})")),
            "cut at {cut}: {text}"
        );
    }
}
