//! Property-based fuzzing of everything that reads untrusted input: the
//! decoders of both providers (the serde models and the transform) (JSON of every shape, near-miss model shapes,
//! arbitrary text), base URL parsing, id checks and request building.
//! Proptest turns any panic into a failure. `npm test` runs the default case
//! count; run longer on demand with `PROPTEST_CASES=100000 cargo test --test fuzz`.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use tidings::endpoint::{Answer, Endpoint};
use tidings::flatchr::endpoints::{FlatchrLogIn, ListFlatchrMessages, SendFlatchrMessage};
use tidings::flatchr::{self, FlatchrMessage};
use tidings::http::{decode, transcode, HttpResponse};
use tidings::input::{Errors, Object};
use tidings::tiledesk::endpoints::{GetTiledeskMessage, ListTiledeskMessages, TiledeskSignIn};
use tidings::tiledesk::{self, TiledeskMessage};
use tidings::url::{check_id, BaseUrl};
use tidings::Provider;

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

const TILEDESK_KEYS: &[&str] = &[
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
    "updatedAt",
    "__v",
    "request",
];
const FLATCHR_KEYS: &[&str] = &[
    "id",
    "created_by",
    "created_at",
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
];

/// Objects whose keys are the model's own (in every spelling) with values of any type.
fn near_model(keys: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::collection::vec((prop::sample::select(keys), any_json()), 0..12).prop_map(|pairs| {
        Value::Object(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<Map<_, _>>(),
        )
    })
}

fn decode_all(body: &str, status: u16) {
    let response = HttpResponse {
        status,
        content_type: Some("application/json"),
        retry_after: None,
        body,
    };
    let _ = decode::<Vec<TiledeskMessage>>(Provider::Tiledesk, response);
    let _ = decode::<TiledeskMessage>(Provider::Tiledesk, response);
    let _ = decode::<Vec<FlatchrMessage>>(Provider::Flatchr, response);
    let _ = decode::<FlatchrMessage>(Provider::Flatchr, response);
    let _ = decode::<tiledesk::models::TiledeskSession>(Provider::Tiledesk, response);
    let _ = decode::<flatchr::models::FlatchrSession>(Provider::Flatchr, response);
    // The transform that decodes answers in the wasm build, every output.
    for output in [
        ListTiledeskMessages::DECODE,
        GetTiledeskMessage::DECODE,
        ListFlatchrMessages::DECODE,
        SendFlatchrMessage::DECODE,
        TiledeskSignIn::DECODE,
        FlatchrLogIn::DECODE,
    ] {
        let Answer::Json(output) = output else {
            continue;
        };
        if let Err(e) = transcode(Provider::Tiledesk, output, response) {
            let _ = e.to_string();
        }
    }
    // Error paths format messages from the body: they must not panic either.
    if let Err(e) = decode::<Vec<TiledeskMessage>>(Provider::Tiledesk, response) {
        let _ = e.to_string();
    }
    let _ = response.error_kind();
}

fn read<E: Endpoint>(options: Value) -> Result<E, tidings::Error> {
    E::read(&Object::root(options, Errors::Call)?)
}

proptest! {
    #[test]
    fn decoders_never_panic_on_any_json(value in any_json(), status in 100u16..600) {
        decode_all(&value.to_string(), status);
        decode_all(&Value::Array(vec![value]).to_string(), status);
    }

    #[test]
    fn decoders_never_panic_on_near_miss_models(t in near_model(TILEDESK_KEYS), f in near_model(FLATCHR_KEYS)) {
        decode_all(&json!([t, f]).to_string(), 200);
        decode_all(&t.to_string(), 200);
        decode_all(&f.to_string(), 200);
    }

    #[test]
    fn decoders_never_panic_on_any_text(text in "\\PC{0,200}", status in 100u16..600) {
        decode_all(&text, status);
    }

    #[test]
    fn well_typed_tiledesk_messages_decode_and_keep_unknown_fields(
        id in "[0-9a-f]{24}", text in ".{0,40}", status in any::<i64>(), extra_key in "[a-z]{1,8}_x", extra in any_json()
    ) {
        let wire = json!({ "_id": id, "text": text, "status": status, extra_key.clone(): extra });
        let body = json!([wire]).to_string();
        let list: Vec<TiledeskMessage> =
            decode(Provider::Tiledesk, HttpResponse { status: 200, content_type: None, retry_after: None, body: &body })
                .unwrap();
        prop_assert_eq!(&list[0].id, &id);
        prop_assert_eq!(list[0].text.as_deref(), Some(text.as_str()));
        prop_assert_eq!(list[0].status, Some(status as f64));
        prop_assert_eq!(list[0].extra.get(&extra_key), Some(&extra));
    }

    #[test]
    fn base_url_parsing_never_panics(raw in "\\PC{0,60}", insecure in any::<bool>()) {
        let _ = BaseUrl::parse(&raw, "baseUrl", insecure);
    }

    #[test]
    fn accepted_ids_stay_one_path_segment(id in "\\PC{1,20}") {
        prop_assume!(check_id("requestId", &id).is_ok());
        let api = tiledesk::api(&Object::root(json!({
            "baseUrl": "https://x.example/v3", "auth": { "kind": "jwt", "token": "t" }
        }), Errors::Client).unwrap()).unwrap();
        let endpoint: ListTiledeskMessages = read(json!({ "projectId": "p", "requestId": id })).unwrap();
        let url = api.request(&endpoint).unwrap().url;
        let path = url.strip_prefix("https://x.example/v3/").unwrap();
        prop_assert!(!path.contains(['?', '#']), "{}", url);
        let segments: Vec<&str> = path.split('/').collect();
        prop_assert_eq!(segments.len(), 4, "{}", url);
        prop_assert_eq!(segments[2].to_owned(), tidings::encoding::percent_encode(&id));
    }

    #[test]
    fn request_building_never_panics(company in "\\PC{0,10}", applicant in "\\PC{0,10}", fields in prop::collection::vec("\\PC{0,8}", 0..4), html in "\\PC{0,10}") {
        let api = flatchr::api(&Object::root(json!({ "token": "k" }), Errors::Client).unwrap()).unwrap();
        let list: ListFlatchrMessages = read(json!({
            "companyId": company, "applicantId": applicant, "fields": fields
        })).unwrap();
        let _ = api.request(&list);
        let send: SendFlatchrMessage = read(json!({
            "companyId": company, "applicantId": applicant, "message": { "html": html }
        })).unwrap();
        let _ = api.request(&send);
    }

    #[test]
    fn reading_any_json_options_never_panics(options in any_json(), message in any_json()) {
        let _ = read::<ListTiledeskMessages>(options.clone());
        let _ = tiledesk::api(&Object::root(options.clone(), Errors::Client).unwrap_or_else(|_| Object::root(json!({}), Errors::Client).unwrap()));
        let send = json!({ "projectId": "p", "requestId": "r", "message": message.clone() });
        if let Ok(send) = read::<tiledesk::endpoints::SendTiledeskMessage>(send) {
            let _ = send.route();
        }
        let send = json!({ "companyId": "c", "applicantId": "a", "message": message.clone() });
        if let Ok(send) = read::<SendFlatchrMessage>(send) {
            let _ = send.route();
        }
        let many = json!({ "projectId": "p", "requestId": "r", "messages": [message.clone(), options.clone()] });
        if let Ok(many) = read::<tiledesk::endpoints::SendTiledeskMessages>(many) {
            let _ = many.route();
        }
        let direct = json!({ "projectId": "p", "message": message });
        if let Ok(direct) = read::<tiledesk::endpoints::SendTiledeskDirectMessage>(direct) {
            let _ = direct.route();
        }
        for read_route in [
            |o: Value| read::<tiledesk::endpoints::ListTiledeskProjectMessages>(o).and_then(|e| e.route().map(|_| ())),
            |o: Value| read::<tiledesk::endpoints::TiledeskSignInAnonymously>(o).and_then(|e| e.route().map(|_| ())),
            |o: Value| read::<tiledesk::endpoints::TiledeskSignIn>(o).and_then(|e| e.route().map(|_| ())),
        ] {
            let _ = read_route(options.clone());
        }
    }
}
