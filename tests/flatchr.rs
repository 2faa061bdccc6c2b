//! Flatchr request building and decoding, natively, against fixtures copied
//! from both seed documents (and their contradictory spellings).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{build, endpoint};
use serde_json::{json, Value};
use tidings::endpoint::Api;
use tidings::flatchr::endpoints::{FlatchrLogIn, ListFlatchrMessages, SendFlatchrMessage};
use tidings::flatchr::{self, FlatchrMessage};
use tidings::http::{HttpResponse, Method};

fn client(options: Value) -> Result<Api, tidings::Error> {
    common::api(flatchr::api, options)
}

fn api() -> Api {
    client(json!({ "token": "key-123" })).unwrap()
}

fn list(fields: Option<Value>) -> ListFlatchrMessages {
    let mut options = json!({ "companyId": "0GjqBwprWAdArDl4", "applicantId": "V41QG9eja5pK6Xev" });
    if let Some(fields) = fields {
        options["fields"] = fields;
    }
    endpoint(options).unwrap()
}

fn decode(body: &str) -> Vec<FlatchrMessage> {
    build(&api(), &list(None))
        .unwrap()
        .decode(HttpResponse {
            status: 200,
            content_type: None,
            retry_after: None,
            body,
        })
        .unwrap()
        .0
}

#[test]
fn list_request_uses_bearer_and_the_default_host() {
    let request = build(&api(), &list(None)).unwrap().request;
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url,
        "https://api.flatchr.io/company/0GjqBwprWAdArDl4/applicant/V41QG9eja5pK6Xev/messages"
    );
    assert_eq!(
        request.authorization.as_ref().unwrap().expose(),
        "Bearer key-123"
    );
    let demo =
        client(json!({ "token": "Bearer key-123", "baseUrl": "https://api.demo.flatchr.io/" }))
            .unwrap();
    let request = build(&demo, &list(None)).unwrap().request;
    assert!(request
        .url
        .starts_with("https://api.demo.flatchr.io/company/"));
    assert_eq!(
        request.authorization.as_ref().unwrap().expose(),
        "Bearer key-123"
    );
}

#[test]
fn fields_are_one_deduplicated_comma_separated_parameter() {
    let url = |fields: Value| build(&api(), &list(Some(fields))).map(|c| c.request.url);
    assert!(
        url(json!(["author", "mail", "author", " mail", "candidate"]))
            .unwrap()
            .ends_with("/messages?fields=author,mail,candidate")
    );
    assert!(url(json!(["replied", "attachments", "future_thing"]))
        .unwrap()
        .ends_with("?fields=replied,attachments,future_thing"));
    assert!(url(json!([])).unwrap().ends_with("/messages"));
    assert!(url(json!(["a b&c"]))
        .unwrap()
        .ends_with("?fields=a%20b%26c"));
    for bad in [json!([""]), json!(["a,b"]), json!(["x\n"])] {
        assert_eq!(url(bad).unwrap_err().field(), Some("fields"));
    }
}

#[test]
fn the_english_seed_decodes() {
    let messages = decode(include_str!("fixtures/flatchr-en.json"));
    let m = &messages[0];
    assert_eq!(m.id, "oLm7NdD0j7dNGbZQ");
    assert_eq!(m.created_by.as_deref(), Some("391"));
    assert_eq!(m.created_at.as_deref(), Some("2022-02-16T09:32:07.381Z"));
    assert_eq!(m.deliver_at.as_deref(), Some("2022-02-16T10:34:56.000Z"));
    assert_eq!((m.auto, m.delivered), (Some(false), Some(false)));
    let mail = m.mail.as_ref().unwrap();
    assert_eq!(mail.subject.as_deref(), Some("Phone interview proposal"));
    assert!(mail
        .html
        .as_deref()
        .unwrap()
        .starts_with("<p>Hello Alexandre"));
    assert_eq!(mail.status, Some(Value::Null), "an explicit null is kept");
    assert_eq!(
        m.candidate.as_ref().unwrap().email.as_deref(),
        Some("XXXX@gmail.com")
    );
    assert_eq!(
        m.author.as_ref().unwrap().firstname.as_deref(),
        Some("XXXX")
    );
    assert_eq!(m.attachments.as_deref(), Some(&[][..]));
}

#[test]
fn the_french_tables_spellings_decode_to_the_same_names() {
    let messages = decode(include_str!("fixtures/flatchr-fr-table-spellings.json"));
    let m = &messages[0];
    assert_eq!(m.id, "1042");
    assert_eq!(m.created_by.as_deref(), Some("391"));
    assert_eq!(m.created_at.as_deref(), Some("2022-02-16T09:32:07.381Z"));
    assert_eq!(m.deliver_at.as_deref(), Some("2022-02-16T10:34:56.000Z"));
    let author = m.author.as_ref().unwrap();
    assert_eq!(
        (author.id.as_deref(), author.email.as_deref()),
        (Some("391"), Some("alexis@flatchr.example"))
    );
    assert_eq!(m.attachments.as_ref().unwrap()[0]["name"], "cv.pdf");
    assert_eq!(m.replied.as_ref().unwrap()["by"], "candidate");
    assert_eq!(m.extra["thread_id"], "t-77");
    let js = serde_json::to_value(m).unwrap();
    assert_eq!(js["createdAt"], "2022-02-16T09:32:07.381Z");
    assert_eq!(js["deliverAt"], "2022-02-16T10:34:56.000Z");
    assert!(js.get("create_at").is_none() && js.get("delivered_at").is_none());
}

#[test]
fn a_message_with_only_an_id_decodes() {
    let messages = decode(include_str!("fixtures/flatchr-fr-table-spellings.json"));
    let only = serde_json::to_value(&messages[1]).unwrap();
    assert_eq!(only, json!({ "id": "only-an-id" }));
}

#[test]
fn both_spellings_present_prefer_the_english_one() {
    let m = &decode(
        r#"[{"id":1,"created_at":"A","create_at":"B","deliver_at":"C","delivered_at":"D"}]"#,
    )[0];
    assert_eq!(
        (m.created_at.as_deref(), m.deliver_at.as_deref()),
        (Some("A"), Some("C"))
    );
}

#[test]
fn send_validates_html_and_sends_the_body() {
    let send = |message: Value| -> SendFlatchrMessage {
        endpoint(json!({ "companyId": "c", "applicantId": "a", "message": message })).unwrap()
    };
    let request = build(
        &api(),
        &send(json!({ "html": "<p>Hi</p>", "subject": "Hello", "sms": false })),
    )
    .unwrap()
    .request;
    assert_eq!(request.method, Method::Post);
    assert!(request.url.ends_with("/company/c/applicant/a/message"));
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({ "html": "<p>Hi</p>", "subject": "Hello", "sms": false })
    );
    for bad in [json!({ "html": "" }), json!({ "html": "   " })] {
        assert_eq!(
            build(&api(), &send(bad)).unwrap_err().field(),
            Some("message.html")
        );
    }
}

#[test]
fn bad_tokens_and_ids_are_rejected() {
    for token in ["", "   ", "Bearer ", "a b"] {
        let error = client(json!({ "token": token })).unwrap_err();
        assert_eq!(
            (error.kind.name(), error.field()),
            ("config", Some("token")),
            "{token:?}"
        );
    }
    let error = client(json!({ "token": "t", "baseUrl": "http://api.flatchr.io" })).unwrap_err();
    assert_eq!(error.field(), Some("baseUrl"));
    for (company, applicant, field) in [
        ("", "a", "companyId"),
        ("c", "..", "applicantId"),
        (".", "a", "companyId"),
        ("c", "a\u{0}", "applicantId"),
    ] {
        let options: ListFlatchrMessages =
            endpoint(json!({ "companyId": company, "applicantId": applicant })).unwrap();
        assert_eq!(build(&api(), &options).unwrap_err().field(), Some(field));
    }
}

#[test]
fn debug_output_hides_the_token() {
    let client = client(json!({ "token": "very-secret-key" })).unwrap();
    assert!(!format!("{client:?}").contains("very-secret-key"));
    let request = build(&client, &list(None)).unwrap().request;
    assert!(!format!("{request:?}").contains("very-secret-key"));
}

#[test]
fn log_in_posts_the_credentials_without_an_authorization_header() {
    let log_in: FlatchrLogIn =
        endpoint(json!({ "email": "recruiter@flatchr.example", "password": "s3cret" })).unwrap();
    let public = Api::public(
        tidings::Provider::Flatchr,
        tidings::url::BaseUrl::parse("https://api.flatchr.io", "baseUrl", false).unwrap(),
    );
    for api in [public, api()] {
        let call = build(&api, &log_in).unwrap();
        let request = &call.request;
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, "https://api.flatchr.io/user/login");
        assert!(request.authorization.is_none());
        assert_eq!(
            request.body.as_deref(),
            Some(r#"{"email":"recruiter@flatchr.example","password":"s3cret"}"#)
        );
        assert!(!format!("{log_in:?} {request:?}").contains("s3cret"));
        let session = call
            .decode(HttpResponse {
                status: 200,
                content_type: Some("application/json"),
                retry_after: None,
                body: r#"{"statusCode":200,"token":"user-token-1"}"#,
            })
            .unwrap();
        assert_eq!(session.token, "user-token-1");
        assert!(!format!("{session:?}").contains("user-token-1"));
        assert_eq!(
            serde_json::to_value(&session).unwrap(),
            json!({ "token": "user-token-1" })
        );
    }
    let empty: FlatchrLogIn = endpoint(json!({ "email": "a@b.c", "password": "" })).unwrap();
    assert_eq!(build(&api(), &empty).unwrap_err().field(), Some("password"));
}

#[test]
fn wrong_id_types_say_what_came() {
    let decode = |body: &str| {
        build(&api(), &list(None))
            .unwrap()
            .decode(HttpResponse {
                status: 200,
                content_type: None,
                retry_after: None,
                body,
            })
            .unwrap_err()
            .to_string()
    };
    for (body, said) in [
        (r#"[{"id":true}]"#, "boolean"),
        (r#"[{"id":[1]}]"#, "sequence"),
        (r#"[{"id":{}}]"#, "map"),
        (r#"[1]"#, "a message object"),
        (r#"{"id":"x"}"#, "a sequence"),
    ] {
        let message = decode(body);
        assert!(message.contains(said), "{body}: {message}");
    }
}

#[test]
fn a_log_in_redacts_its_password_from_any_error() {
    let log_in: FlatchrLogIn =
        endpoint(json!({ "email": "recruiter@flatchr.example", "password": "s3cret-pass" }))
            .unwrap();
    let request = build(&api(), &log_in).unwrap().request;
    let credential = request
        .credential
        .expect("a log-in carries its password as a credential");
    let echoed = tidings::Error::request(
        tidings::Provider::Flatchr,
        tidings::ErrorKind::Network {
            message: "refused recruiter@flatchr.example:s3cret-pass and s3cret-pass".into(),
        },
    )
    .redacted(&credential);
    let text = echoed.to_string();
    assert!(!text.contains("s3cret-pass"), "{text}");
    assert!(text.contains("refused [redacted] and [redacted]"), "{text}");
}

#[test]
fn log_ins_and_sessions_show_their_type_but_no_credential() {
    let log_in: FlatchrLogIn =
        endpoint(json!({ "email": "recruiter@flatchr.example", "password": "s3cret-pass" }))
            .unwrap();
    let text = format!("{log_in:?}");
    assert!(
        text.starts_with("FlatchrLogIn") && text.contains("[redacted]"),
        "{text}"
    );
    assert!(
        !text.contains("s3cret-pass") && !text.contains("recruiter@"),
        "{text}"
    );
    let session = tidings::flatchr::models::FlatchrSession {
        token: "user-token-secret".into(),
    };
    let text = format!("{session:?}");
    assert!(
        text.starts_with("FlatchrSession") && text.contains("[redacted]"),
        "{text}"
    );
    assert!(!text.contains("user-token-secret"), "{text}");
}
