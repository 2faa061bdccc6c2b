//! The exported classes, run as JavaScript runs them, against the mock server:
//! in Node (`wasm-pack test --node`), in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome`) and in a
//! dedicated worker (`WASM_BINDGEN_USE_DEDICATED_WORKER=1`). The mock's URL comes
//! from `TIDINGS_MOCK_URL` at build time (scripts/test.mjs starts it).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, JSON};
use tidings::bindings::{is_tidings_error, FlatchrClient, TiledeskClient};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const PROJECT: &str = "5b55e806c93dde00143163dd";
const REQUEST: &str = "support-group-L_OG76RYhR0XFiMf2PK";
const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.dGlkaW5ncy1tb2NrLWFuZHJlYQ.c2lnbmF0dXJl";

#[wasm_bindgen(inline_js = r#"
export async function mockScript(base, rule) {
  const r = await fetch(base + '/__mock/script', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
  if (!r.ok) throw new Error('mock script failed: ' + r.status);
}
export async function mockRequests(base, pathIncludes) {
  const r = await fetch(base + '/__mock/requests?pathIncludes=' + encodeURIComponent(pathIncludes));
  return r.json();
}
export function abortedSignal() { const c = new AbortController(); c.abort(); return c.signal; }
export function signalAbortingAfter(ms) { const c = new AbortController(); setTimeout(() => c.abort(), ms); return c.signal; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = mockScript)]
    async fn mock_script(base: &str, rule: JsValue);
    #[wasm_bindgen(js_name = mockRequests)]
    async fn mock_requests(base: &str, path_includes: &str) -> JsValue;
    #[wasm_bindgen(js_name = abortedSignal)]
    fn aborted_signal() -> JsValue;
    #[wasm_bindgen(js_name = signalAbortingAfter)]
    fn signal_aborting_after(ms: u32) -> JsValue;
}

fn mock_url() -> &'static str {
    match option_env!("TIDINGS_MOCK_URL") {
        Some(url) => url,
        None => panic!("build with TIDINGS_MOCK_URL set to the mock server (npm test does)"),
    }
}

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn tiledesk(auth: &str) -> TiledeskClient {
    let options = json(&format!(
        r#"{{"baseUrl":"{}/v3","auth":{auth}}}"#,
        mock_url()
    ));
    TiledeskClient::new(Ts::new_unchecked(options))
        .map_err(|e| format!("{e:?}"))
        .unwrap()
}

fn jwt_client() -> TiledeskClient {
    tiledesk(&format!(r#"{{"kind":"jwt","token":"{JWT}"}}"#))
}

async fn rejection(promise: js_sys::Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(value) => panic!("expected a rejection, got {value:?}"),
        Err(error) => {
            assert!(
                error.is_instance_of::<js_sys::Error>(),
                "not an Error: {error:?}"
            );
            assert!(is_tidings_error(error.clone()));
            error
        }
    }
}

fn list_options(
    request_id: &str,
    extra: &str,
) -> Ts<tidings::tiledesk::requests::ListTiledeskMessages> {
    Ts::new_unchecked(json(&format!(
        r#"{{"projectId":"{PROJECT}","requestId":"{request_id}"{extra}}}"#
    )))
}

#[wasm_bindgen_test]
async fn lists_the_seed_messages_oldest_first() {
    let list = JsFuture::from(jwt_client().list_messages(list_options(REQUEST, "")))
        .await
        .unwrap();
    let list: Array = list.unchecked_into();
    assert_eq!(list.length(), 2);
    let first = list.get(0);
    assert_eq!(
        get(&first, "id").as_string().unwrap(),
        "5c81593adf767b0017d1aa68"
    );
    assert_eq!(get(&first, "senderFullname").as_string().unwrap(), "Guest");
    assert_eq!(get(&first, "text").as_string().unwrap(), "test56");
    assert_eq!(get(&first, "statusName").as_string().unwrap(), "received");
    assert_eq!(
        get(&list.get(1), "senderFullname").as_string().unwrap(),
        "Bot"
    );
}

#[wasm_bindgen_test]
async fn basic_auth_sends_utf8_credentials() {
    let client = tiledesk(r#"{"kind":"basic","email":"zoë@example.com","password":"pässwörd✓"}"#);
    let list = JsFuture::from(client.list_messages(list_options(REQUEST, "")))
        .await
        .unwrap();
    assert_eq!(list.unchecked_into::<Array>().length(), 2);
}

#[wasm_bindgen_test]
async fn a_wrong_token_is_an_http_401_error_without_the_token() {
    let client = tiledesk(r#"{"kind":"jwt","token":"wrong-secret-token-42"}"#);
    let error = rejection(client.list_messages(list_options(REQUEST, ""))).await;
    assert_eq!(get(&error, "name").as_string().unwrap(), "TidingsError");
    assert_eq!(get(&error, "kind").as_string().unwrap(), "http");
    assert_eq!(get(&error, "status").as_f64().unwrap(), 401.0);
    assert_eq!(get(&error, "provider").as_string().unwrap(), "tiledesk");
    assert_eq!(get(&error, "body").as_string().unwrap(), "Unauthorized");
    let everything = JSON::stringify(&error).unwrap().as_string().unwrap()
        + &get(&error, "message").as_string().unwrap();
    assert!(
        !everything.contains("wrong-secret-token-42"),
        "{everything}"
    );
}

#[wasm_bindgen_test]
async fn json_error_bodies_are_parsed() {
    let options = Ts::new_unchecked(json(&format!(
        r#"{{"projectId":"not-hex","requestId":"{REQUEST}"}}"#
    )));
    let error = rejection(jwt_client().list_messages(options)).await;
    assert_eq!(get(&error, "status").as_f64().unwrap(), 400.0);
    assert_eq!(
        get(&get(&error, "body"), "error").as_string().unwrap(),
        "Invalid project id: not-hex"
    );
}

#[wasm_bindgen_test]
async fn sends_then_gets_the_message_back() {
    let client = jwt_client();
    let options = json(&format!(
        r#"{{"projectId":"{PROJECT}","requestId":"support-group-wasm-send","message":{{"text":"hello from wasm","attributes":{{"a":1}}}}}}"#
    ));
    let sent = JsFuture::from(client.send_message(Ts::new_unchecked(options)))
        .await
        .unwrap();
    assert_eq!(get(&sent, "text").as_string().unwrap(), "hello from wasm");
    assert_eq!(get(&sent, "statusName").as_string().unwrap(), "sending");
    assert!(get(&sent, "request").is_object());
    let id = get(&sent, "id").as_string().unwrap();
    let options = json(&format!(
        r#"{{"projectId":"{PROJECT}","requestId":"support-group-wasm-send","messageId":"{id}"}}"#
    ));
    let fetched = JsFuture::from(client.get_message(Ts::new_unchecked(options)))
        .await
        .unwrap();
    assert_eq!(get(&fetched, "id").as_string().unwrap(), id);
}

#[wasm_bindgen_test]
async fn invalid_ids_are_rejected_before_any_request() {
    let error = rejection(jwt_client().list_messages(list_options("..", ""))).await;
    assert_eq!(get(&error, "kind").as_string().unwrap(), "invalidInput");
    assert_eq!(get(&error, "field").as_string().unwrap(), "requestId");
    let error = rejection(jwt_client().list_messages(list_options("wasm-bad-id\\u0000", ""))).await;
    assert_eq!(get(&error, "field").as_string().unwrap(), "requestId");
    let seen: Array = mock_requests(mock_url(), "wasm-bad-id")
        .await
        .unchecked_into();
    assert_eq!(seen.length(), 0);
}

#[wasm_bindgen_test]
async fn a_server_that_never_answers_times_out() {
    mock_script(
        mock_url(),
        json(r#"{"pathIncludes":"wasm-hang","hang":true}"#),
    )
    .await;
    let error = rejection(jwt_client().list_messages(list_options(
        "wasm-hang",
        r#","timeoutMs":300,"retry":false"#,
    )))
    .await;
    assert_eq!(get(&error, "kind").as_string().unwrap(), "timeout");
}

#[wasm_bindgen_test]
async fn the_callers_signal_aborts() {
    let options = list_options(REQUEST, "");
    Reflect::set(&options.js_value(), &"signal".into(), &aborted_signal()).unwrap();
    let error = rejection(jwt_client().list_messages(options)).await;
    assert_eq!(get(&error, "kind").as_string().unwrap(), "aborted");

    mock_script(
        mock_url(),
        json(r#"{"pathIncludes":"wasm-abort-later","hang":true}"#),
    )
    .await;
    let options = list_options("wasm-abort-later", "");
    Reflect::set(
        &options.js_value(),
        &"signal".into(),
        &signal_aborting_after(100),
    )
    .unwrap();
    let error = rejection(jwt_client().list_messages(options)).await;
    assert_eq!(get(&error, "kind").as_string().unwrap(), "aborted");
}

#[wasm_bindgen_test]
async fn a_503_is_retried_for_reads() {
    // A fresh request id per run: Node and Chromium share one mock server.
    let id = format!("wasm-retry-{}", js_sys::Date::now());
    let rule =
        format!(r#"{{"pathIncludes":"{id}","status":503,"json":{{"msg":"busy"}},"retryAfter":0}}"#);
    mock_script(mock_url(), json(&rule)).await;
    let list = JsFuture::from(jwt_client().list_messages(list_options(&id, "")))
        .await
        .unwrap();
    assert_eq!(list.unchecked_into::<Array>().length(), 0);
    let seen: Array = mock_requests(mock_url(), &id).await.unchecked_into();
    assert_eq!(seen.length(), 2);
}

#[wasm_bindgen_test]
async fn flatchr_lists_with_fields() {
    let options = json(&format!(
        r#"{{"baseUrl":"{}","token":"flatchr-api-key-7f3a9c"}}"#,
        mock_url()
    ));
    let client = FlatchrClient::new(Ts::new_unchecked(options))
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    let options = json(
        r#"{"companyId":"0GjqBwprWAdArDl4","applicantId":"V41QG9eja5pK6Xev","fields":["mail","author","candidate","mail"]}"#,
    );
    let list: Array = JsFuture::from(client.list_messages(Ts::new_unchecked(options)))
        .await
        .unwrap()
        .unchecked_into();
    // Find the seed message by id: other runs on the same mock may add messages.
    let message = list
        .iter()
        .find(|m| get(m, "id").as_string().as_deref() == Some("oLm7NdD0j7dNGbZQ"))
        .expect("the seed message");
    assert_eq!(
        get(&get(&message, "mail"), "subject").as_string().unwrap(),
        "Phone interview proposal"
    );
    assert!(get(&message, "author").is_object());
    assert!(get(&message, "attachments").is_undefined());
    assert_eq!(get(&message, "createdBy").as_string().unwrap(), "391");
}

#[wasm_bindgen_test]
fn config_errors_throw_from_the_constructor() {
    let options = json(r#"{"auth":{"kind":"basic","email":"a@b.c","password":"pa:ss"}}"#);
    let error = TiledeskClient::new(Ts::new_unchecked(options))
        .err()
        .expect("a config error");
    assert_eq!(get(&error, "kind").as_string().unwrap(), "config");
    assert_eq!(get(&error, "field").as_string().unwrap(), "auth.password");
    assert!(!get(&error, "message")
        .as_string()
        .unwrap()
        .contains("pa:ss"));
}

#[wasm_bindgen_test]
async fn numbers_beyond_2_pow_53_decode_like_json_parse() {
    let id = format!("wasm-bignum-{}", js_sys::Date::now());
    let body = r#"[{"_id":"a","__v":18446744073709551615,"status":9007199254740993,"huge":1e300,"exact":0.1}]"#;
    let rule = format!(
        r#"{{"pathIncludes":"{id}","status":200,"contentType":"application/json","body":{}}}"#,
        JSON::stringify(&body.into()).unwrap().as_string().unwrap()
    );
    mock_script(mock_url(), json(&rule)).await;
    let list: Array = JsFuture::from(jwt_client().list_messages(list_options(&id, "")))
        .await
        .unwrap()
        .unchecked_into();
    let message = list.get(0);
    assert_eq!(
        get(&message, "version").as_f64().unwrap(),
        18446744073709551615.0
    );
    assert_eq!(
        get(&message, "status").as_f64().unwrap(),
        9007199254740992.0
    );
    assert_eq!(get(&message, "statusName").as_string().unwrap(), "unknown");
    assert_eq!(get(&get(&message, "extra"), "exact").as_f64().unwrap(), 0.1);
}

#[wasm_bindgen_test]
async fn every_message_rule_is_checked_before_sending() {
    let cases = [
        (r#"{}"#, "message.text"),
        (r#"{"text":""}"#, "message.text"),
        (r#"{"type":"image"}"#, "message.metadata.src"),
        (
            r#"{"type":"file","metadata":{"type":"application/pdf"}}"#,
            "message.metadata.src",
        ),
        (
            r#"{"type":"file","metadata":{"src":"https://x.example/a.pdf"}}"#,
            "message.metadata.type",
        ),
        (
            r#"{"type":"image","metadata":{"src":"s","width":-5}}"#,
            "message.metadata.width",
        ),
        (
            r#"{"type":"image","metadata":{"src":"s","width":1.5}}"#,
            "message.metadata.width",
        ),
        (
            r#"{"type":"image","metadata":{"src":"s","height":0}}"#,
            "message.metadata.height",
        ),
    ];
    for (message, field) in cases {
        let options = json(&format!(
            r#"{{"projectId":"{PROJECT}","requestId":"wasm-rules","message":{message}}}"#
        ));
        let error = rejection(jwt_client().send_message(Ts::new_unchecked(options))).await;
        assert_eq!(
            get(&error, "kind").as_string().unwrap(),
            "invalidInput",
            "{message}"
        );
        assert_eq!(
            get(&error, "field").as_string().unwrap(),
            field,
            "{message}"
        );
    }
    let seen: Array = mock_requests(mock_url(), "wasm-rules")
        .await
        .unchecked_into();
    assert_eq!(seen.length(), 0);
}

#[wasm_bindgen_test]
async fn wrong_and_malformed_credentials() {
    let wrong = tiledesk(r#"{"kind":"basic","email":"andrea.leo@f21.it","password":"not-it"}"#);
    let error = rejection(wrong.list_messages(list_options(REQUEST, ""))).await;
    assert_eq!(get(&error, "status").as_f64().unwrap(), 401.0);
    let outsider =
        tiledesk(r#"{"kind":"basic","email":"outsider@example.com","password":"outsider"}"#);
    let error = rejection(outsider.list_messages(list_options(REQUEST, ""))).await;
    assert_eq!(get(&error, "status").as_f64().unwrap(), 403.0);
    assert_eq!(
        get(&get(&error, "body"), "msg").as_string().unwrap(),
        "you dont belong to the project."
    );
    for (auth, field) in [
        (r#"{"kind":"jwt","token":""}"#, "auth.token"),
        (r#"{"kind":"jwt","token":"JWT "}"#, "auth.token"),
        (
            r#"{"kind":"basic","email":"","password":"x"}"#,
            "auth.email",
        ),
    ] {
        let options = json(&format!(
            r#"{{"baseUrl":"{}/v3","auth":{auth}}}"#,
            mock_url()
        ));
        let error = TiledeskClient::new(Ts::new_unchecked(options))
            .err()
            .expect("a config error");
        assert_eq!(get(&error, "field").as_string().unwrap(), field, "{auth}");
    }
}

#[wasm_bindgen_test]
async fn unknown_status_and_fields_are_kept() {
    let list: Array =
        JsFuture::from(jwt_client().list_messages(list_options("support-group-extras", "")))
            .await
            .unwrap()
            .unchecked_into();
    let message = list.get(0);
    assert_eq!(get(&message, "statusName").as_string().unwrap(), "unknown");
    assert_eq!(get(&message, "status").as_f64().unwrap(), 42.0);
    assert_eq!(get(&message, "channelType").as_string().unwrap(), "direct");
    let extra = get(&message, "extra");
    assert_eq!(get(&get(&extra, "reactions"), "+1").as_f64().unwrap(), 2.0);
    assert!(Array::is_array(&get(&extra, "future_field")));
}

fn flatchr(token: &str) -> FlatchrClient {
    let options = json(&format!(
        r#"{{"baseUrl":"{}","token":"{token}"}}"#,
        mock_url()
    ));
    FlatchrClient::new(Ts::new_unchecked(options))
        .map_err(|e| format!("{e:?}"))
        .unwrap()
}

#[wasm_bindgen_test]
async fn flatchr_reads_both_spellings_and_sends() {
    let options = json(
        r#"{"companyId":"0GjqBwprWAdArDl4","applicantId":"V41QG9eja5pK6Xev-fr","fields":["mail"]}"#,
    );
    let list: Array =
        JsFuture::from(flatchr("flatchr-api-key-7f3a9c").list_messages(Ts::new_unchecked(options)))
            .await
            .unwrap()
            .unchecked_into();
    let message = list.get(0);
    assert_eq!(get(&message, "id").as_string().unwrap(), "1042");
    assert_eq!(get(&message, "createdBy").as_string().unwrap(), "391");
    assert!(
        get(&message, "createdAt").as_string().is_some(),
        "createdAt from create_at"
    );
    assert!(
        get(&message, "deliverAt").as_string().is_some(),
        "deliverAt from delivered_at"
    );

    // Sent to the mixed applicant: the seed applicant's list must stay as seeded.
    let send = r#"{"companyId":"0GjqBwprWAdArDl4","applicantId":"applicant-mixed","message":{"html":"<p>Monday?</p>","subject":"Interview"}}"#;
    let error =
        rejection(flatchr("flatchr-api-key-7f3a9c").send_message(Ts::new_unchecked(json(send))))
            .await;
    assert_eq!(get(&error, "status").as_f64().unwrap(), 403.0);
    assert_eq!(get(&error, "mayHaveBeenSent").as_bool(), Some(false));
    let sent = JsFuture::from(
        flatchr("flatchr-user-token-b21e").send_message(Ts::new_unchecked(json(send))),
    )
    .await
    .unwrap();
    assert_eq!(
        get(&get(&sent, "mail"), "subject").as_string().unwrap(),
        "Interview"
    );
    let empty = r#"{"companyId":"c","applicantId":"a","message":{"html":""}}"#;
    let error =
        rejection(flatchr("flatchr-user-token-b21e").send_message(Ts::new_unchecked(json(empty))))
            .await;
    assert_eq!(get(&error, "field").as_string().unwrap(), "message.html");
}

#[wasm_bindgen_test]
async fn flatchr_mixed_spellings_each_decode() {
    let options = json(
        r#"{"companyId":"0GjqBwprWAdArDl4","applicantId":"applicant-mixed","fields":["author","replied","mail","attachments","candidate"]}"#,
    );
    let list: Array =
        JsFuture::from(flatchr("flatchr-api-key-7f3a9c").list_messages(Ts::new_unchecked(options)))
            .await
            .unwrap()
            .unchecked_into();
    let by_id = |id: &str| {
        list.iter()
            .find(|m| get(m, "id").as_string().as_deref() == Some(id))
            .unwrap_or_else(|| panic!("message {id}"))
    };
    let text = |value: JsValue| value.as_string().unwrap_or_default();

    let first = by_id("mX1aB2cD3eF4gH5i");
    assert_eq!(text(get(&first, "createdBy")), "391");
    assert_eq!(text(get(&first, "deliverAt")), "2022-02-17T07:00:05.000Z");
    assert_eq!(text(get(&get(&first, "mail"), "status")), "opened");
    assert_eq!(text(get(&get(&first, "author"), "id")), "391");

    let second = by_id("2001");
    assert_eq!(text(get(&second, "createdBy")), "392");
    assert_eq!(text(get(&second, "createdAt")), "2022-02-17T08:00:00.000Z");
    assert_eq!(text(get(&get(&second, "replied"), "by")), "candidate");
    assert!(get(&get(&second, "mail"), "status").is_null());

    let third = by_id("aTtAcHmEnT000003");
    assert_eq!(text(get(&third, "deliverAt")), "2022-02-17T09:00:03.000Z");
    let attachments: Array = get(&third, "attachments").unchecked_into();
    assert_eq!(text(get(&attachments.get(0), "name")), "cv.pdf");

    let fourth = by_id("2004");
    assert_eq!(text(get(&fourth, "createdAt")), "2022-02-17T10:00:00.000Z");
    assert!(Array::is_array(&get(&get(&fourth, "extra"), "labels")));

    let only_id = by_id("onlyIdMessage005");
    assert_eq!(
        js_sys::Object::keys(only_id.unchecked_ref::<js_sys::Object>()).length(),
        1
    );
}
