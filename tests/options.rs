//! Timeouts, retries and base URLs read from a client's or a call's options,
//! natively; and their TypeScript shapes against the keys read.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use tidings::input::{Errors, Object};
use tidings::options::{
    base_url, CallOptions, CallSettings, RetryOptions, SignInOptions, TransportOptions, CALL_KEYS,
    RETRY_KEYS, SIGN_IN_KEYS, TRANSPORT_KEYS,
};
use tidings::Error;
use tsify::Tsify;

fn read(settings: CallSettings, errors: Errors, options: Value) -> Result<CallSettings, Error> {
    settings.read(&Object::root(options, errors).unwrap())
}

#[test]
fn call_options_override_client_defaults() {
    let client = read(
        CallSettings::default(),
        Errors::Client,
        json!({"timeoutMs": 5000, "retry": {"retries": 4}}),
    )
    .unwrap();
    assert_eq!((client.timeout_ms, client.retry.retries), (5000, 4));
    let call = read(
        client,
        Errors::Call,
        json!({"totalTimeoutMs": 9000, "retry": false}),
    )
    .unwrap();
    assert_eq!(
        (call.timeout_ms, call.total_timeout_ms, call.retry.retries),
        (5000, Some(9000), 0)
    );
    let kept = read(client, Errors::Call, json!({"retry": true})).unwrap();
    assert_eq!(kept, client);
    assert_eq!(CallSettings::default().timeout_ms, 30_000);
    assert_eq!(CallSettings::default().retry.retries, 2);
}

#[test]
fn bad_numbers_and_types_name_their_field() {
    let rows = [
        (json!({"timeoutMs": -1}), "timeoutMs"),
        (json!({"timeoutMs": 0}), "timeoutMs"),
        (json!({"timeoutMs": "fast"}), "timeoutMs"),
        (json!({"totalTimeoutMs": 1.5}), "totalTimeoutMs"),
        (json!({"retry": "yes"}), "retry"),
        (json!({"retry": {"retries": 1.5}}), "retry.retries"),
        (json!({"retry": {"retries": 11}}), "retry.retries"),
        (json!({"retry": {"maxDelayMs": -3}}), "retry.maxDelayMs"),
        (json!({"retry": {"retires": 1}}), "retry.retires"),
    ];
    for (options, field) in rows {
        let e = read(CallSettings::default(), Errors::Call, options.clone()).unwrap_err();
        assert_eq!(
            (e.kind.name(), e.field()),
            ("invalidInput", Some(field)),
            "{options}"
        );
        assert!(!e.to_string().contains("fast"), "{e}");
        let e = read(CallSettings::default(), Errors::Client, options).unwrap_err();
        assert_eq!(e.kind.name(), "config");
    }
}

#[test]
fn base_urls_read_their_insecure_flag() {
    let o = Object::root(
        json!({"baseUrl": "http://tiledesk.internal", "allowInsecureHttp": "yes"}),
        Errors::Client,
    )
    .unwrap();
    assert_eq!(
        base_url(&o, "https://x.example").unwrap_err().field(),
        Some("allowInsecureHttp")
    );
    let o = Object::root(
        json!({"baseUrl": "http://tiledesk.internal", "allowInsecureHttp": true}),
        Errors::Client,
    )
    .unwrap();
    assert_eq!(
        base_url(&o, "https://x.example").unwrap().as_str(),
        "http://tiledesk.internal"
    );
    let o = Object::root(json!({}), Errors::Client).unwrap();
    assert_eq!(
        base_url(&o, "https://x.example/v3/").unwrap().as_str(),
        "https://x.example/v3"
    );
}

/// The declared TypeScript properties of `T`, in order.
fn declared<T: Tsify>() -> Vec<String> {
    T::DECL
        .lines()
        .filter_map(|line| line.trim().split_once(':'))
        .map(|(name, _)| name.trim_end_matches('?').to_owned())
        .filter(|name| !name.contains(' ') && !name.is_empty())
        .collect()
}

#[test]
fn the_typescript_shapes_list_exactly_the_keys_read() {
    assert_eq!(declared::<CallOptions>(), CALL_KEYS);
    assert_eq!(declared::<TransportOptions>(), TRANSPORT_KEYS);
    assert_eq!(declared::<RetryOptions>(), RETRY_KEYS);
    assert_eq!(declared::<SignInOptions>(), SIGN_IN_KEYS);
    assert!(SignInOptions::DECL.contains("extends CallOptions"));
}
