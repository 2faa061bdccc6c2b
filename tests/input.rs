//! Reading a caller's options, natively, with JSON as the caller's values
//! (tests/wasm.rs reads real JavaScript values the same way).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use tidings::input::{json_depth, Errors, Object, MAX_JSON_DEPTH};

fn call(value: serde_json::Value) -> Object<serde_json::Value> {
    Object::root(value, Errors::Call).unwrap()
}

#[test]
fn errors_name_the_full_path_and_the_right_kind() {
    let o = call(json!({ "message": { "metadata": 5 } }));
    let message = o.required_object("message").unwrap();
    let e = message.json_object("metadata").unwrap_err();
    assert_eq!(
        (e.kind.name(), e.field()),
        ("invalidInput", Some("message.metadata"))
    );
    let e = message.required_string("text").unwrap_err();
    assert_eq!(e.field(), Some("message.text"));
    assert!(e.to_string().ends_with("is required"), "{e}");
    let client = Object::root(json!({ "retry": { "retries": 1.5 } }), Errors::Client).unwrap();
    let e = client
        .required_object("retry")
        .unwrap()
        .whole("retries", 0, 10)
        .unwrap_err();
    assert_eq!(
        (e.kind.name(), e.field()),
        ("config", Some("retry.retries"))
    );
    let e = Object::root(json!([1]), Errors::Call).unwrap_err();
    assert_eq!(e.field(), Some("options"));
}

#[test]
fn numbers_must_be_whole_and_in_range() {
    let o = call(json!({ "a": 3, "b": -1, "c": 2.5, "d": 11, "e": "3" }));
    assert_eq!(o.whole("a", 0, 10).unwrap(), Some(3));
    assert_eq!(o.whole("missing", 0, 10).unwrap(), None);
    for key in ["b", "c", "d", "e"] {
        let e = o.whole(key, 0, 10).unwrap_err();
        assert_eq!(e.field(), Some(key));
        assert!(e.to_string().contains("whole number from 0 to 10"), "{e}");
    }
}

#[test]
fn unknown_keys_are_refused_with_the_known_ones() {
    let o = call(json!({ "projectId": "p", "timeoutMS": 5 }));
    let e = o
        .deny_unknown(&[&["projectId"], &["timeoutMs", "retry"]])
        .unwrap_err();
    assert_eq!(e.field(), Some("timeoutMS"));
    assert!(e.to_string().contains("projectId, timeoutMs, retry"), "{e}");
    assert!(call(json!({ "projectId": "p" }))
        .deny_unknown(&[&["projectId"]])
        .is_ok());
}

#[test]
fn wrong_types_never_echo_the_value() {
    let o = call(json!({ "token": 123, "flag": "hunter2", "list": ["a", 2] }));
    assert!(o
        .string("token")
        .unwrap_err()
        .to_string()
        .ends_with("must be a string"));
    let e = o.bool("flag").unwrap_err();
    assert!(!e.to_string().contains("hunter2"), "{e}");
    assert_eq!(o.strings("list").unwrap_err().field(), Some("list"));
}

#[test]
fn free_form_objects_are_json_objects_of_bounded_depth() {
    let mut deep = json!({});
    for _ in 0..MAX_JSON_DEPTH {
        deep = json!({ "a": deep });
    }
    let o = call(json!({ "ok": { "a": [1, { "b": "}]\"{" }] }, "deep": deep, "list": [1] }));
    assert_eq!(
        o.json_object("ok").unwrap().as_deref(),
        Some(r#"{"a":[1,{"b":"}]\"{"}]}"#)
    );
    assert_eq!(o.json_object("deep").unwrap_err().field(), Some("deep"));
    assert!(o
        .json_object("list")
        .unwrap_err()
        .to_string()
        .contains("must be an object"));
    assert_eq!(json_depth(r#"{"a":"[[[[","b":[[]]}"#), 3);
    assert_eq!(json_depth(r#"{"a":"\"[[[[","b":"\\"}"#), 1);
    assert_eq!(json_depth(r#"[[],[],[{}]]"#), 3);
    assert_eq!(json_depth(r#"{"a":"\"","b":[[1]]}"#), 3);
    assert_eq!(json_depth(r#""[{""#), 0);
    let mut limit = json!({});
    for _ in 1..MAX_JSON_DEPTH {
        limit = json!({ "a": limit });
    }
    assert!(call(json!({ "limit": limit }))
        .json_object("limit")
        .unwrap()
        .is_some());
}

#[test]
fn arrays_of_objects_are_read_with_each_item_path() {
    let o = call(json!({ "messages": [{ "text": "a" }, { "text": 5 }], "none": null }));
    let items = o.objects("messages").unwrap().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].path(), "messages.0");
    assert_eq!(items[0].string("text").unwrap().as_deref(), Some("a"));
    let e = items[1].string("text").unwrap_err();
    assert_eq!(e.field(), Some("messages.1.text"));
    assert!(o.objects("none").unwrap().is_none());
    for (value, field) in [
        (json!({ "m": [{}, 3] }), "m.1"),
        (json!({ "m": [[]] }), "m.0"),
        (json!({ "m": {} }), "m"),
        (json!({ "m": "x" }), "m"),
    ] {
        let e = call(value.clone()).objects("m").unwrap_err();
        assert_eq!(
            (e.kind.name(), e.field()),
            ("invalidInput", Some(field)),
            "{value}"
        );
    }
}
