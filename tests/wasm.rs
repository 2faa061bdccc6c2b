//! What only the wasm boundary shows: real JavaScript values read through
//! [`tidings::input`] — getters and Proxy traps that throw, lone surrogates,
//! `toJSON`, cycles, BigInt, NaN — in Node (`wasm-pack test --node`), in
//! headless Chromium and in a dedicated worker. Nothing here may throw
//! through the wasm: every oddity is an error value naming its property.
//! The clients themselves are tested through the built package (tests/js,
//! tests/browser).
#![cfg(target_arch = "wasm32")]

use tidings::input::{Errors, Object, MAX_JSON_DEPTH};
use tidings::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
export function odd(name) {
  switch (name) {
    case 'getter': return { get projectId() { throw new Error('boom'); } };
    case 'proxy-get': return new Proxy({}, { get() { throw new TypeError('trap'); } });
    case 'proxy-keys': return new Proxy({ projectId: 'p' }, { ownKeys() { throw new Error('keys'); } });
    case 'surrogate': return { requestId: 'req\ud800' };
    case 'numbers': return { nan: NaN, inf: Infinity, neg: -1, frac: 1.5, ok: 7 };
    case 'dates': return { attributes: { at: new Date(0), n: { toJSON() { return 'custom'; } }, f() {} } };
    case 'cycle': { const a = {}; a.self = a; return { attributes: a }; }
    case 'bigint': return { attributes: { n: 10n } };
    case 'deep': { let o = {}; for (let i = 0; i < 2000; i++) o = { o }; return { attributes: o }; }
    case 'throwing-tojson': return { attributes: { toJSON() { throw new Error('no'); } } };
    case 'array': return [1, 2];
    case 'function': return () => {};
    case 'revoked': { const p = Proxy.revocable({}, {}); p.revoke(); return { attributes: p.proxy }; }
    default: throw new Error('unknown case ' + name);
  }
}
"#)]
extern "C" {
    fn odd(name: &str) -> JsValue;
}

fn root(name: &str) -> Object<JsValue> {
    Object::root(odd(name), Errors::Call).expect("an options object")
}

fn field(result: Result<impl std::fmt::Debug, Error>) -> (String, String) {
    let error = result.expect_err("an error");
    (
        error.field().unwrap_or_default().to_owned(),
        error.to_string(),
    )
}

#[wasm_bindgen_test]
fn a_throwing_getter_is_an_error_naming_the_property() {
    let (name, message) = field(root("getter").string("projectId"));
    assert_eq!(name, "projectId");
    assert!(message.contains("Error: boom"), "{message}");
}

#[wasm_bindgen_test]
fn proxy_traps_that_throw_are_errors() {
    assert_eq!(field(root("proxy-get").string("projectId")).0, "projectId");
    assert_eq!(
        field(root("proxy-keys").deny_unknown(&[&["projectId"]])).0,
        "options"
    );
}

#[wasm_bindgen_test]
fn lone_surrogates_are_refused() {
    let (name, message) = field(root("surrogate").string("requestId"));
    assert_eq!(name, "requestId");
    assert!(message.contains("lone surrogate"), "{message}");
}

#[wasm_bindgen_test]
fn only_whole_numbers_in_range_are_read() {
    let o = root("numbers");
    for key in ["nan", "inf", "neg", "frac"] {
        assert_eq!(field(o.whole(key, 0, 10)).0, key);
    }
    assert_eq!(o.whole("ok", 0, 10).unwrap(), Some(7));
}

#[wasm_bindgen_test]
fn free_form_objects_are_sent_as_json_stringify_writes_them() {
    let json = root("dates").json_object("attributes").unwrap();
    assert_eq!(
        json.as_deref(),
        Some(r#"{"at":"1970-01-01T00:00:00.000Z","n":"custom"}"#)
    );
}

#[wasm_bindgen_test]
fn cycles_bigints_depth_and_throwing_to_json_are_errors() {
    for case in ["cycle", "bigint", "deep", "throwing-tojson", "revoked"] {
        let (name, message) = field(root(case).json_object("attributes"));
        assert_eq!(name, "attributes", "{case}: {message}");
    }
    let message = field(root("deep").json_object("attributes")).1;
    assert!(message.contains(&MAX_JSON_DEPTH.to_string()), "{message}");
}

#[wasm_bindgen_test]
fn arrays_and_functions_are_not_options_objects() {
    for case in ["array", "function"] {
        let error = Object::root(odd(case), Errors::Call).expect_err(case);
        assert_eq!(error.field(), Some("options"));
    }
}
