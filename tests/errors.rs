//! What errors say: bodies kept as JSON or text, short summaries, and the
//! hint each kind and status gives the caller.
#![cfg(not(target_arch = "wasm32"))]

use tidings::auth::Secret;
use tidings::error::{Context, ErrorBody, ErrorKind, RedirectReason};
use tidings::flatchr::FlatchrClientOptions;
use tidings::http::Method;
use tidings::options::TransportOptions;
use tidings::options::{DEFAULT_MAX_RESPONSE_BYTES, MAX_RESPONSE_BYTES};
use tidings::tiledesk::TiledeskAuth;
use tidings::{Error, Provider};

fn http(status: u16) -> String {
    Error::request(Provider::Tiledesk, ErrorKind::Http { status, body: None }).to_string()
}

#[test]
fn each_status_says_what_to_do() {
    let hints = [
        (400, "check the ids and the body"),
        (401, "Check the credentials"),
        (403, "lack access"),
        (404, "the resource does not exist"),
        (422, "rejected the message content"),
        (429, "slow down"),
        (500, "try again later"),
        (503, "try again later"),
    ];
    for (status, hint) in hints {
        let text = http(status);
        assert!(text.contains(hint), "{status}: {text}");
    }
    assert_eq!(http(418), "tiledesk answered HTTP 418.");
}

#[test]
fn network_errors_point_at_the_url_and_cors() {
    let message = "fetch failed".to_owned();
    let text = Error::request(Provider::Flatchr, ErrorKind::Network { message }).to_string();
    assert_eq!(text, "network error calling flatchr: fetch failed. Check the base URL, the connection and, in a browser, CORS.");
}

#[test]
fn bodies_are_json_when_they_say_or_look_so() {
    let json = |ct: Option<&str>, body: &str| {
        matches!(ErrorBody::parse(ct, body), Some(ErrorBody::Json(_)))
    };
    assert!(json(Some("application/json"), "\"just a string\""));
    assert!(json(Some("text/plain"), "{\"msg\":\"x\"}"));
    assert!(json(None, " [1]"));
    assert!(!json(Some("text/plain"), "\"just a string\""));
    assert!(!json(Some("application/json"), "{broken"));
}

#[test]
fn summaries_skip_html_and_blank_text() {
    let summary = |body: &str| ErrorBody::Text(body.into()).summary();
    assert_eq!(summary("<html><body>Bad gateway</body></html>"), None);
    assert_eq!(summary("   "), None);
    assert_eq!(summary(" Unauthorized "), Some("Unauthorized".into()));
}

#[test]
fn the_context_is_kept_beside_the_kind() {
    let error = Error::new(
        ErrorKind::Aborted,
        Context {
            provider: Some(Provider::Tiledesk),
            attempts: 2,
            may_have_been_sent: true,
        },
    );
    assert_eq!(error.status(), None);
    assert_eq!(error.field(), None);
    assert!(error.to_string().contains("(after 2 attempts)"), "{error}");
}

#[test]
fn methods_are_named_as_on_the_wire() {
    assert_eq!(
        (Method::Get.as_str(), Method::Post.as_str()),
        ("GET", "POST")
    );
}

#[test]
fn client_options_never_show_the_token() {
    let options = FlatchrClientOptions {
        token: "very-secret-key".into(),
        base_url: None,
        transport: TransportOptions::default(),
    };
    let text = format!("{options:?}");
    assert!(
        text.starts_with("FlatchrClientOptions") && text.contains("[redacted]"),
        "{text}"
    );
    assert!(!text.contains("very-secret-key"), "{text}");
}

#[test]
fn credentials_never_show_in_debug() {
    let jwt = TiledeskAuth::Jwt {
        token: "secret-jwt-value".into(),
    };
    let basic = TiledeskAuth::Basic {
        email: "a@b.example".into(),
        password: "pässwörd".into(),
    };
    assert_eq!(format!("{jwt:?}"), "Jwt { token: [redacted] }");
    assert_eq!(
        format!("{basic:?}"),
        "Basic { email: [redacted], password: [redacted] }"
    );
}

fn at(kind: ErrorKind) -> Error {
    Error::request(Provider::Tiledesk, kind)
}

#[test]
fn every_kind_that_can_echo_a_credential_is_redacted() {
    let secret =
        Secret::new("JWT eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJlLXBhcnQ".into());
    let token = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJlLXBhcnQ";
    let echoes = [
        ErrorKind::Http {
            status: 401,
            body: Some(ErrorBody::Text(format!("bad token {token}"))),
        },
        ErrorKind::Http {
            status: 401,
            body: Some(ErrorBody::Json(format!(r#"{{"msg":"bad {token}"}}"#))),
        },
        ErrorKind::Network {
            message: format!("refused: authorization JWT {token}"),
        },
        ErrorKind::Decode {
            status: 200,
            message: format!("at {token}"),
            body_start: format!("<p>{token}"),
        },
        ErrorKind::Redirect {
            status: 302,
            location: Some(format!("https://evil.example/?t={token}")),
            reason: RedirectReason::OtherOrigin,
        },
    ];
    for kind in echoes {
        let error = at(kind).redacted(&secret);
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("c2VjcmV0LXBheWxvYWQ"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}

#[test]
fn redirects_say_why_they_were_not_followed() {
    let redirect = |status, reason| {
        at(ErrorKind::Redirect {
            status,
            location: Some("https://b.example/x".into()),
            reason,
        })
    };
    let other = redirect(307, RedirectReason::OtherOrigin);
    assert_eq!(other.status(), Some(307));
    let text = other.to_string();
    assert!(
        text.starts_with("tiledesk answered HTTP 307 to https://b.example/x, another origin"),
        "{text}"
    );
    assert!(
        text.contains("nothing was sent to the other origin"),
        "{text}"
    );
    assert!(
        text.ends_with("Use the final address as the base URL."),
        "{text}"
    );
    assert!(!redirect(302, RedirectReason::OtherOrigin)
        .to_string()
        .contains("nothing was sent"));
    assert!(!redirect(307, RedirectReason::TooMany)
        .to_string()
        .contains("nothing was sent"));
    let hidden = at(ErrorKind::Redirect {
        status: 0,
        location: None,
        reason: RedirectReason::Hidden,
    });
    assert_eq!(hidden.status(), None);
    assert!(
        hidden
            .to_string()
            .starts_with("tiledesk answered with a redirect, whose target"),
        "{hidden}"
    );
}

#[test]
fn answer_size_limits_are_the_documented_ones() {
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 33_554_432);
    assert_eq!(MAX_RESPONSE_BYTES, 67_108_864);
}
