//! Tiledesk request building and decoding, natively, against fixtures copied
//! from the seed document and the api notes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{api, build, endpoint};
use serde_json::{json, Value};
use tidings::endpoint::{Api, Endpoint};
use tidings::http::{HttpResponse, Method};
use tidings::tiledesk::endpoints::{
    ExportTiledeskMessagesCsv, GetTiledeskMessage, ListTiledeskMessages,
    ListTiledeskProjectMessages, SendTiledeskDirectMessage, SendTiledeskMessage,
    SendTiledeskMessages, TiledeskSignIn, TiledeskSignInAnonymously,
};
use tidings::tiledesk::{self, TiledeskMessageStatus};

const PROJECT: &str = "5b55e806c93dde00143163dd";
const REQUEST: &str = "support-group-L_OG76RYhR0XFiMf2PK";

fn client(base: &str, auth: Value) -> Api {
    api(tiledesk::api, json!({ "baseUrl": base, "auth": auth })).unwrap()
}

fn jwt() -> Api {
    client(
        "https://api.tiledesk.com/v3",
        json!({ "kind": "jwt", "token": "abc.def.ghi" }),
    )
}

fn list(project: &str, request: &str) -> ListTiledeskMessages {
    endpoint(json!({ "projectId": project, "requestId": request })).unwrap()
}

fn send(message: Value) -> SendTiledeskMessage {
    endpoint(json!({ "projectId": PROJECT, "requestId": REQUEST, "message": message })).unwrap()
}

fn ok(body: &str) -> HttpResponse<'_> {
    HttpResponse {
        status: 200,
        content_type: Some("application/json; charset=utf-8"),
        retry_after: None,
        body,
    }
}

#[test]
fn list_request_uses_the_base_url_prefix_and_jwt() {
    let call = build(&jwt(), &list(PROJECT, REQUEST)).unwrap();
    assert_eq!(call.request.method, Method::Get);
    assert_eq!(
        call.request.url,
        format!("https://api.tiledesk.com/v3/{PROJECT}/requests/{REQUEST}/messages")
    );
    assert_eq!(
        call.request.authorization.as_ref().unwrap().expose(),
        "JWT abc.def.ghi"
    );
    assert!(call.request.body.is_none());
}

#[test]
fn jwt_prefix_is_sent_exactly_once() {
    for token in ["JWT abc.def.ghi", "jwt abc.def.ghi", "  JWT   abc.def.ghi "] {
        let c = client(
            "https://x.example",
            json!({ "kind": "jwt", "token": token }),
        );
        let call = build(&c, &list(PROJECT, REQUEST)).unwrap();
        assert_eq!(
            call.request.authorization.as_ref().unwrap().expose(),
            "JWT abc.def.ghi",
            "{token}"
        );
    }
}

#[test]
fn basic_auth_is_utf8_base64() {
    let c = client(
        "https://x.example",
        json!({ "kind": "basic", "email": "andrea.leo@f21.it", "password": "123456" }),
    );
    let call = build(&c, &list(PROJECT, REQUEST)).unwrap();
    assert_eq!(
        call.request.authorization.as_ref().unwrap().expose(),
        "Basic YW5kcmVhLmxlb0BmMjEuaXQ6MTIzNDU2"
    );
    let c = client(
        "https://x.example",
        json!({ "kind": "basic", "email": "zoë@example.com", "password": "pässwörd✓" }),
    );
    let call = build(&c, &list(PROJECT, REQUEST)).unwrap();
    assert_eq!(
        call.request.authorization.as_ref().unwrap().expose(),
        "Basic em/Dq0BleGFtcGxlLmNvbTpww6Rzc3fDtnJk4pyT"
    );
}

#[test]
fn bad_credentials_are_config_errors_that_name_the_field_only() {
    let cases = [
        (
            json!({ "kind": "basic", "email": "a@b.c", "password": "se:cret" }),
            "auth.password",
        ),
        (
            json!({ "kind": "basic", "email": "a@b.c", "password": "" }),
            "auth.password",
        ),
        (
            json!({ "kind": "basic", "email": "", "password": "x" }),
            "auth.email",
        ),
        (json!({ "kind": "jwt", "token": "" }), "auth.token"),
        (json!({ "kind": "jwt", "token": "JWT " }), "auth.token"),
        (json!({ "kind": "jwt", "token": "abc\ndef" }), "auth.token"),
    ];
    for (auth, field) in cases {
        let error = api(tiledesk::api, json!({ "auth": auth })).unwrap_err();
        assert_eq!(
            (error.kind.name(), error.field()),
            ("config", Some(field)),
            "{auth}"
        );
        assert!(!error.to_string().contains("se:cret"));
        assert!(!format!("{error:?}").contains("se:cret"));
    }
}

#[test]
fn any_prefix_and_trailing_slashes_work() {
    for (base, prefix) in [
        ("https://x.example/v1", "https://x.example/v1"),
        ("https://x.example/v2/", "https://x.example/v2"),
        ("https://x.example/api//", "https://x.example/api"),
        ("https://x.example", "https://x.example"),
        ("https://x.example/", "https://x.example"),
    ] {
        let c = client(base, json!({ "kind": "jwt", "token": "t" }));
        let url = build(&c, &list(PROJECT, REQUEST)).unwrap().request.url;
        assert_eq!(
            url,
            format!("{prefix}/{PROJECT}/requests/{REQUEST}/messages")
        );
    }
}

#[test]
fn the_default_base_url_is_the_hosted_v3_api() {
    let options = json!({ "auth": { "kind": "jwt", "token": "t" } });
    assert_eq!(
        api(tiledesk::api, options).unwrap().base_url(),
        "https://api.tiledesk.com/v3"
    );
}

#[test]
fn get_request_encodes_every_id() {
    let get: GetTiledeskMessage =
        endpoint(json!({ "projectId": "p/1", "requestId": "r?2", "messageId": "m#3" })).unwrap();
    let url = build(&jwt(), &get).unwrap().request.url;
    assert_eq!(
        url,
        "https://api.tiledesk.com/v3/p%2F1/requests/r%3F2/messages/m%233"
    );
    let get: GetTiledeskMessage =
        endpoint(json!({ "projectId": PROJECT, "requestId": REQUEST, "messageId": ".." })).unwrap();
    assert_eq!(build(&jwt(), &get).unwrap_err().field(), Some("messageId"));
}

#[test]
fn seed_list_decodes_with_names_and_statuses() {
    let call = build(&jwt(), &list(PROJECT, REQUEST)).unwrap();
    let messages = call
        .decode(ok(include_str!("fixtures/tiledesk-list.json")))
        .unwrap();
    assert_eq!(messages.len(), 2);
    let first = &messages[0];
    assert_eq!(first.id, "5c81593adf767b0017d1aa68");
    assert_eq!(first.sender_fullname.as_deref(), Some("Guest"));
    assert_eq!(first.text.as_deref(), Some("test56"));
    assert_eq!(first.status, Some(200.0));
    assert_eq!(first.status_name, TiledeskMessageStatus::Received);
    assert_eq!(first.project_id.as_deref(), Some(PROJECT));
    assert_eq!(
        first.created_at.as_deref(),
        Some("2019-03-07T17:47:38.411Z")
    );
    assert_eq!(first.version, Some(0.0));
    assert!(first.extra.is_empty());
    assert_eq!(messages[1].sender_fullname.as_deref(), Some("Bot"));
}

#[test]
fn js_facing_names_are_camel_case_and_unknown_fields_go_to_extra() {
    let call = build(
        &jwt(),
        &endpoint::<GetTiledeskMessage>(
            json!({ "projectId": PROJECT, "requestId": REQUEST, "messageId": "x" }),
        )
        .unwrap(),
    )
    .unwrap();
    let message = call
        .decode(ok(include_str!("fixtures/tiledesk-send-response.json")))
        .unwrap();
    let js = serde_json::to_value(&message).unwrap();
    assert_eq!(js["id"], "6560a1f2c93dde00143163aa");
    assert_eq!(js["channelType"], "group");
    assert_eq!(js["channel"]["name"], "chat21");
    assert_eq!(js["type"], "image");
    assert_eq!(js["statusName"], "sending");
    assert_eq!(js["projectId"], PROJECT);
    assert_eq!(js["recipientFullname"], "Support");
    assert_eq!(js["metadata"]["width"], 200);
    assert_eq!(js["attributes"]["subtype"], "info/support");
    assert_eq!(js["request"]["departmentid"], "d1");
    assert_eq!(js["extra"]["reactions"]["+1"], 2);
    for wire_only in ["_id", "id_project", "channel_type", "__v"] {
        assert!(
            js.get(wire_only).is_none(),
            "{wire_only} leaked into the JS shape"
        );
    }
}

#[test]
fn every_status_has_a_name_and_others_are_unknown() {
    let names = [
        (-100, "failed"),
        (0, "sending"),
        (100, "sent"),
        (150, "delivered"),
        (200, "received"),
        (250, "returnReceipt"),
        (300, "seen"),
        (42, "unknown"),
    ];
    for (code, name) in names {
        let body = json!([{ "_id": "a", "status": code }]).to_string();
        let messages = build(&jwt(), &list(PROJECT, REQUEST))
            .unwrap()
            .decode(ok(&body))
            .unwrap();
        assert_eq!(serde_json::to_value(messages[0].status_name).unwrap(), name);
        assert_eq!(messages[0].status, Some(f64::from(code)));
    }
    let messages = build(&jwt(), &list(PROJECT, REQUEST))
        .unwrap()
        .decode(ok(r#"[{"_id":"a"}]"#))
        .unwrap();
    assert_eq!(messages[0].status_name, TiledeskMessageStatus::Unknown);
    // A fraction is no status, however close to a named one.
    for code in ["100.5", "199.999", "-100.25", "1e300"] {
        let body = format!(r#"[{{"_id":"a","status":{code}}}]"#);
        let messages = build(&jwt(), &list(PROJECT, REQUEST))
            .unwrap()
            .decode(ok(&body))
            .unwrap();
        assert_eq!(
            messages[0].status_name,
            TiledeskMessageStatus::Unknown,
            "{code}"
        );
    }
}

#[test]
fn the_seed_model_tables_id_spelling_is_accepted() {
    let messages = build(&jwt(), &list(PROJECT, REQUEST))
        .unwrap()
        .decode(ok(r#"[{"id":"from-table","projectId":"p"}]"#))
        .unwrap();
    assert_eq!(messages[0].id, "from-table");
    assert_eq!(messages[0].project_id.as_deref(), Some("p"));
}

#[test]
fn every_error_shape_in_the_api_notes_is_kept_and_summarised() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/tiledesk-errors.json")).unwrap();
    let call = build(&jwt(), &list(PROJECT, REQUEST)).unwrap();
    for case in cases {
        let response = HttpResponse {
            status: case["status"].as_u64().unwrap() as u16,
            content_type: case["contentType"].as_str(),
            retry_after: None,
            body: case["body"].as_str().unwrap(),
        };
        let error = call.decode(response).unwrap_err();
        assert_eq!(error.kind.name(), "http");
        assert_eq!(error.status(), Some(response.status));
        let summary = case["summary"].as_str().unwrap();
        assert!(
            error.to_string().contains(summary),
            "{error} should contain {summary}"
        );
    }
}

#[test]
fn send_body_uses_the_wire_names() {
    let request = build(&jwt(), &send(json!({
            "text": "hello", "departmentId": "d1", "sourcePage": "https://shop.example/", "language": "it",
            "userAgent": "UA/1", "attributes": { "custom_attribute1": "value1" }, "senderFullname": "Bot"
        })))
        .unwrap()
        .request;
    assert_eq!(request.method, Method::Post);
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({
            "text": "hello", "type": "text", "departmentid": "d1", "sourcePage": "https://shop.example/",
            "language": "it", "userAgent": "UA/1", "attributes": { "custom_attribute1": "value1" }, "senderFullname": "Bot"
        })
    );
}

#[test]
fn image_metadata_is_sent_with_extra_fields() {
    let request = build(&jwt(), &send(json!({
            "type": "image", "metadata": { "src": "https://x.example/a.png", "width": 200, "height": 100, "alt": "logo" }
        })))
        .unwrap()
        .request;
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body["metadata"],
        json!({ "src": "https://x.example/a.png", "width": 200, "height": 100, "alt": "logo" })
    );
    assert_eq!(body["type"], "image");
}

#[test]
fn messages_are_validated_before_any_request() {
    let cases = [
        (json!({}), "message.text"),
        (json!({ "text": "" }), "message.text"),
        (json!({ "type": "text", "text": "" }), "message.text"),
        (json!({ "type": "image" }), "message.metadata.src"),
        (
            json!({ "type": "image", "metadata": { "src": "" } }),
            "message.metadata.src",
        ),
        (
            json!({ "type": "file", "metadata": { "type": "application/pdf" } }),
            "message.metadata.src",
        ),
        (
            json!({ "type": "file", "metadata": { "src": "https://x.example/a.pdf" } }),
            "message.metadata.type",
        ),
        (
            json!({ "type": "image", "metadata": { "src": "s", "width": 0 } }),
            "message.metadata.width",
        ),
        (
            json!({ "type": "image", "metadata": { "src": "s", "width": -5 } }),
            "message.metadata.width",
        ),
        (
            json!({ "type": "image", "metadata": { "src": "s", "width": 1.5 } }),
            "message.metadata.width",
        ),
        (
            json!({ "type": "image", "metadata": { "src": "s", "width": "200" } }),
            "message.metadata.width",
        ),
        (
            json!({ "type": "image", "metadata": { "src": "s", "height": -1 } }),
            "message.metadata.height",
        ),
        (json!({ "type": "", "text": "x" }), "message.type"),
    ];
    for (message, field) in cases {
        let error = build(&jwt(), &send(message.clone())).unwrap_err();
        assert_eq!(
            (error.kind.name(), error.field()),
            ("invalidInput", Some(field)),
            "{message}"
        );
    }
    // Other types pass through without text.
    assert!(build(
        &jwt(),
        &send(json!({ "type": "frame", "metadata": { "src": "https://x.example" } }))
    )
    .is_ok());
}

#[test]
fn non_ascii_tokens_are_refused_up_front() {
    let options = json!({ "auth": { "kind": "jwt", "token": "tök✓" } });
    assert_eq!(
        api(tiledesk::api, options).unwrap_err().field(),
        Some("auth.token")
    );
}

#[test]
fn pixels_must_be_finite_positive_whole_numbers() {
    for bad in [
        json!(null),
        json!(0),
        json!(-5),
        json!(1.5),
        json!(1e300),
        json!("200"),
        json!([1]),
    ] {
        let message = json!({ "type": "image", "metadata": { "src": "s", "width": bad } });
        let error = build(&jwt(), &send(message)).unwrap_err();
        assert_eq!(error.field(), Some("message.metadata.width"), "{bad}");
    }
    let message = json!({ "type": "image", "metadata": { "src": "s", "width": 200.0 } });
    assert!(build(&jwt(), &send(message)).is_ok());
}

/// The API a sign-in runs on: a base URL and no credentials.
fn public(base: &str) -> Api {
    Api::public(
        tidings::Provider::Tiledesk,
        tidings::url::BaseUrl::parse(base, "baseUrl", false).unwrap(),
    )
}

#[test]
fn sign_in_posts_the_credentials_without_an_authorization_header() {
    let sign_in: TiledeskSignIn =
        endpoint(json!({ "email": "andrea.leo@f21.it", "password": "pä\"ss:wörd" })).unwrap();
    for api in [public("https://api.tiledesk.com/v3"), jwt()] {
        let request = build(&api, &sign_in).unwrap().request;
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, "https://api.tiledesk.com/v3/auth/signin");
        assert!(
            request.authorization.is_none(),
            "a sign-in never sends credentials"
        );
        assert!(!request
            .headers()
            .iter()
            .any(|(name, _)| *name == "authorization"));
        let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({ "email": "andrea.leo@f21.it", "password": "pä\"ss:wörd" })
        );
        // Neither the endpoint, its route nor the request shows the password.
        let route = sign_in.route().unwrap();
        let length = request.body.as_deref().unwrap().len();
        for text in [
            format!("{sign_in:?}"),
            format!("{request:?}"),
            format!("{route:?}"),
        ] {
            assert!(!text.contains("wörd") && !text.contains("andrea"), "{text}");
        }
        assert!(format!("{route:?}").starts_with("Route { method: Post"));
        assert!(format!("{route:?}").contains(&format!("[{length} bytes]")));
    }
    for (options, field) in [
        (json!({ "email": "", "password": "x" }), "email"),
        (json!({ "email": "a@b.c", "password": "" }), "password"),
    ] {
        let sign_in: TiledeskSignIn = endpoint(options.clone()).unwrap();
        let error = build(&public("https://x.example"), &sign_in).unwrap_err();
        assert_eq!(
            (error.kind.name(), error.field()),
            ("invalidInput", Some(field)),
            "{options}"
        );
    }
    let error = endpoint::<TiledeskSignIn>(json!({ "email": "a@b.c" })).unwrap_err();
    assert_eq!(error.field(), Some("password"));
}

#[test]
fn endpoints_that_need_credentials_are_refused_on_a_public_api() {
    let error = build(&public("https://x.example"), &list(PROJECT, REQUEST)).unwrap_err();
    assert_eq!((error.kind.name(), error.field()), ("config", Some("auth")));
}

#[test]
fn anonymous_sign_in_sends_the_visitor_and_the_project_in_the_body() {
    let sign_in: TiledeskSignInAnonymously = endpoint(json!({
        "projectId": PROJECT,
        "firstname": "Ann",
        "email": "ann@example.com",
        "attributes": { "plan": "pro" },
    }))
    .unwrap();
    let request = build(&public("https://x.example/api/"), &sign_in)
        .unwrap()
        .request;
    assert_eq!(request.url, "https://x.example/api/auth/signinAnonymously");
    assert!(request.authorization.is_none());
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({ "id_project": PROJECT, "firstname": "Ann", "email": "ann@example.com", "attributes": { "plan": "pro" } })
    );
    let bare: TiledeskSignInAnonymously = endpoint(json!({ "projectId": PROJECT })).unwrap();
    let request = build(&public("https://x.example"), &bare).unwrap().request;
    assert_eq!(
        request.body.as_deref(),
        Some(format!(r#"{{"id_project":"{PROJECT}"}}"#).as_str())
    );
    for bad in ["", "..", "a\nb"] {
        let sign_in: TiledeskSignInAnonymously = endpoint(json!({ "projectId": bad })).unwrap();
        let error = build(&public("https://x.example"), &sign_in).unwrap_err();
        assert_eq!(error.field(), Some("projectId"), "{bad:?}");
    }
}

#[test]
fn a_session_decodes_with_a_camel_case_user() {
    let call = build(
        &public("https://x.example"),
        &endpoint::<TiledeskSignIn>(json!({ "email": "a@b.c", "password": "x" })).unwrap(),
    )
    .unwrap();
    let session = call
        .decode(ok(r#"{"success":true,"token":"JWT eyJ.a.b","user":{"_id":"5aaa99024c3b110014b478f0","email":"a@b.c","firstname":"Andrea","lastname":"Leo","emailverified":true,"id":"5aaa99024c3b110014b478f0"}}"#))
        .unwrap();
    assert_eq!(session.token, "JWT eyJ.a.b");
    assert_eq!(session.user.id, "5aaa99024c3b110014b478f0");
    assert_eq!(session.user.firstname.as_deref(), Some("Andrea"));
    assert_eq!(session.user.extra.get("emailverified"), Some(&json!(true)));
    assert!(
        !format!("{session:?}").contains("eyJ"),
        "Debug hides the token"
    );
    // The token works as given in `auth: { kind: "jwt", token }`.
    let c = client(
        "https://x.example",
        json!({ "kind": "jwt", "token": session.token }),
    );
    let request = build(&c, &list(PROJECT, REQUEST)).unwrap().request;
    assert_eq!(request.authorization.unwrap().expose(), "JWT eyJ.a.b");
    let js = serde_json::to_value(&session).unwrap();
    assert_eq!(js["user"]["id"], "5aaa99024c3b110014b478f0");
    assert!(js["user"].get("_id").is_none());
    // A body without a token is a decode error.
    let error = call
        .decode(ok(r#"{"success":false,"msg":"x"}"#))
        .unwrap_err();
    assert_eq!(error.kind.name(), "decode");
}

#[test]
fn send_many_posts_an_array_to_multi_each_message_checked() {
    let send: SendTiledeskMessages = endpoint(json!({
        "projectId": PROJECT,
        "requestId": REQUEST,
        "messages": [
            { "text": "one" },
            { "type": "image", "metadata": { "src": "https://x.example/a.png" }, "senderFullname": "Bot" },
        ],
    }))
    .unwrap();
    let request = build(&jwt(), &send).unwrap().request;
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        format!("https://api.tiledesk.com/v3/{PROJECT}/requests/{REQUEST}/messages/multi")
    );
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!([
            { "text": "one", "type": "text" },
            { "type": "image", "metadata": { "src": "https://x.example/a.png" }, "senderFullname": "Bot" },
        ])
    );
    let cases = [
        (json!([]), "messages"),
        (json!([{ "text": "ok" }, { "text": "" }]), "messages.1.text"),
        (
            json!([{ "text": "ok" }, { "type": "file", "metadata": { "src": "s" } }]),
            "messages.1.metadata.type",
        ),
        (json!([{ "text": "ok" }, "text"]), "messages.1"),
        (json!([{ "text": "ok", "colour": 1 }]), "messages.0.colour"),
        (json!({ "text": "ok" }), "messages"),
    ];
    for (messages, field) in cases {
        let options = json!({ "projectId": PROJECT, "requestId": REQUEST, "messages": messages });
        let error = endpoint::<SendTiledeskMessages>(options)
            .and_then(|send| build(&jwt(), &send).map(|_| ()))
            .unwrap_err();
        assert_eq!(
            (error.kind.name(), error.field()),
            ("invalidInput", Some(field)),
            "{messages}"
        );
    }
}

#[test]
fn csv_export_asks_for_csv_and_returns_the_text_as_it_is() {
    let export: ExportTiledeskMessagesCsv =
        endpoint(json!({ "projectId": PROJECT, "requestId": REQUEST })).unwrap();
    let call = build(&jwt(), &export).unwrap();
    assert_eq!(call.request.method, Method::Get);
    assert_eq!(
        call.request.url,
        format!("https://api.tiledesk.com/v3/{PROJECT}/requests/{REQUEST}/messages/csv")
    );
    assert!(call.request.headers().contains(&("accept", "text/csv")));
    let csv = "_id;text\n\"1\";\"a;b \"\"q\"\"\"\n";
    let response = HttpResponse {
        status: 200,
        content_type: Some("text/csv"),
        retry_after: None,
        body: csv,
    };
    assert_eq!(call.decode(response).unwrap(), csv);
    let page = HttpResponse {
        content_type: Some("text/html; charset=utf-8"),
        body: "<!doctype html><title>app</title>",
        ..response
    };
    let error = call.decode(page).unwrap_err();
    assert_eq!(error.kind.name(), "decode");
    assert!(error.to_string().contains("HTML page"), "{error}");
    // JSON endpoints still ask for JSON.
    let list = build(&jwt(), &list(PROJECT, REQUEST)).unwrap().request;
    assert!(list.headers().contains(&("accept", "application/json")));
}

#[test]
fn project_messages_send_only_the_given_query_and_refuse_a_limit_above_50() {
    let url = |options: Value| {
        let list: ListTiledeskProjectMessages = endpoint(options)?;
        build(&jwt(), &list).map(|call| call.request.url)
    };
    let base = format!("https://api.tiledesk.com/v3/{PROJECT}/messages");
    assert_eq!(url(json!({ "projectId": PROJECT })).unwrap(), base);
    assert_eq!(
        url(json!({ "projectId": PROJECT, "page": 0, "limit": 50, "populateRequest": true }))
            .unwrap(),
        format!("{base}?limit=50&page=0&populate_request=true")
    );
    // The server populates for any value, false included: false sends nothing.
    assert_eq!(
        url(json!({ "projectId": PROJECT, "page": 3, "populateRequest": false })).unwrap(),
        format!("{base}?page=3")
    );
    for (options, field) in [
        (json!({ "projectId": PROJECT, "limit": 51 }), "limit"),
        (json!({ "projectId": PROJECT, "limit": 0 }), "limit"),
        (json!({ "projectId": PROJECT, "limit": 2.5 }), "limit"),
        (json!({ "projectId": PROJECT, "page": -1 }), "page"),
        (
            json!({ "projectId": PROJECT, "populateRequest": "yes" }),
            "populateRequest",
        ),
        (json!({ "projectId": "" }), "projectId"),
    ] {
        let error = url(options.clone()).unwrap_err();
        assert_eq!(
            (error.kind.name(), error.field()),
            ("invalidInput", Some(field)),
            "{options}"
        );
    }
    let error = url(json!({ "projectId": PROJECT, "limit": 51 })).unwrap_err();
    assert!(error.to_string().contains("from 1 to 50"), "{error}");
}

#[test]
fn direct_messages_post_to_the_project_with_the_wire_names() {
    let send: SendTiledeskDirectMessage = endpoint(json!({
        "projectId": PROJECT,
        "message": {
            "recipient": "5aaa99024c3b110014b478f0",
            "recipientFullname": "Andrea Leo",
            "text": "hi",
            "attributes": { "a": 1 },
            "channelType": "group",
        },
    }))
    .unwrap();
    let request = build(&jwt(), &send).unwrap().request;
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        format!("https://api.tiledesk.com/v3/{PROJECT}/messages")
    );
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({
            "recipient": "5aaa99024c3b110014b478f0",
            "recipientFullname": "Andrea Leo",
            "text": "hi",
            "type": "text",
            "attributes": { "a": 1 },
            "channel_type": "group",
        })
    );
    let cases = [
        (
            json!({ "recipientFullname": "A", "text": "x" }),
            "message.recipient",
        ),
        (
            json!({ "recipient": " ", "recipientFullname": "A", "text": "x" }),
            "message.recipient",
        ),
        (
            json!({ "recipient": "r", "recipientFullname": "", "text": "x" }),
            "message.recipientFullname",
        ),
        (
            json!({ "recipient": "r", "recipientFullname": "A" }),
            "message.text",
        ),
        (
            json!({ "recipient": "r", "recipientFullname": "A", "type": "image" }),
            "message.metadata.src",
        ),
        (
            json!({ "recipient": "r", "recipientFullname": "A", "text": "x", "channelType": "" }),
            "message.channelType",
        ),
        (
            json!({ "recipient": "r", "recipientFullname": "A", "text": "x", "channel_type": "direct" }),
            "message.channel_type",
        ),
    ];
    for (message, field) in cases {
        let error = endpoint::<SendTiledeskDirectMessage>(
            json!({ "projectId": PROJECT, "message": message }),
        )
        .and_then(|send| build(&jwt(), &send).map(|_| ()))
        .unwrap_err();
        assert_eq!(
            (error.kind.name(), error.field()),
            ("invalidInput", Some(field)),
            "{message}"
        );
    }
    // An image needs no text.
    let image: SendTiledeskDirectMessage = endpoint(json!({
        "projectId": PROJECT,
        "message": { "recipient": "r", "recipientFullname": "A", "type": "image", "metadata": { "src": "https://x.example/a.png" } },
    }))
    .unwrap();
    assert!(build(&jwt(), &image).is_ok());
}

#[test]
fn a_sign_in_redacts_its_password_from_any_error() {
    let sign_in: TiledeskSignIn =
        endpoint(json!({ "email": "andrea.leo@f21.it", "password": "hunter2-long" })).unwrap();
    let request = build(&public("https://x.example"), &sign_in)
        .unwrap()
        .request;
    let credential = request
        .credential
        .expect("a sign-in carries its password as a credential");
    let echoed = tidings::Error::request(
        tidings::Provider::Tiledesk,
        tidings::ErrorKind::Network {
            message: "no user andrea.leo@f21.it:hunter2-long".into(),
        },
    )
    .redacted(&credential);
    assert!(!echoed.to_string().contains("hunter2-long"), "{echoed}");
}

#[test]
fn project_pages_hold_1_to_50_messages() {
    let page = |limit| tidings::tiledesk::endpoints::ListTiledeskProjectMessages {
        project_id: PROJECT.into(),
        page: None,
        limit: Some(limit),
        populate_request: None,
    };
    for limit in [1, 10, 50] {
        assert!(page(limit).route().is_ok(), "{limit}");
    }
    for limit in [0, 51, 1000] {
        let error = page(limit).route().unwrap_err();
        assert_eq!(error.field(), Some("limit"), "{limit}");
    }
}

#[test]
fn metadata_strings_must_be_strings() {
    for (metadata, field) in [
        (json!({ "src": 5 }), "message.metadata.src"),
        (
            json!({ "src": "s", "type": ["image/png"] }),
            "message.metadata.type",
        ),
    ] {
        let message = json!({ "type": "file", "metadata": metadata });
        let error = build(&jwt(), &send(message)).unwrap_err();
        assert_eq!(error.field(), Some(field), "{error}");
        assert!(error.to_string().ends_with("must be a string"), "{error}");
    }
}

#[test]
fn sign_ins_and_sessions_show_their_type_but_no_credential() {
    let sign_in: TiledeskSignIn =
        endpoint(json!({ "email": "andrea.leo@f21.it", "password": "hunter2-long" })).unwrap();
    assert_eq!(
        format!("{sign_in:?}"),
        "TiledeskSignIn { email: [redacted], password: [redacted] }"
    );
    let session = tidings::tiledesk::models::TiledeskSession {
        token: "JWT eyJsecret".into(),
        user: tidings::tiledesk::models::TiledeskUser {
            id: "u1".into(),
            firstname: None,
            lastname: None,
            email: None,
            attributes: None,
            extra: Default::default(),
        },
    };
    let text = format!("{session:?}");
    assert!(
        text.starts_with("TiledeskSession { token: \"[redacted]\", user: TiledeskUser"),
        "{text}"
    );
    assert!(!text.contains("eyJsecret"), "{text}");
}
