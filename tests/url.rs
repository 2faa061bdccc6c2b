//! The rules that keep credentials off plain-text networks: which base URLs
//! count as loopback, and that schemes are compared without regard to case.
#![cfg(not(target_arch = "wasm32"))]

use tidings::url::BaseUrl;

fn accepted(raw: &str) -> bool {
    BaseUrl::parse(raw, "baseUrl", false).is_ok()
}

#[test]
fn only_real_loopback_hosts_may_use_plain_http() {
    for raw in [
        "http://localhost",
        "http://LOCALHOST:3000",
        "http://app.localhost",
        "http://127.0.0.1:8080/v3",
        "http://127.255.255.254",
        "http://[::1]:3000",
    ] {
        assert!(accepted(raw), "{raw} is loopback");
    }
    for raw in [
        "http://evillocalhost",
        "http://localhost.evil.example",
        "http://evil.example/localhost",
        "http://127.0.0.1.evil.example",
        "http://128.0.0.1",
        "http://127.0.0.256",
        "http://127.0.0",
        "http://[::2]",
        "http://10.0.0.1",
    ] {
        let error = BaseUrl::parse(raw, "baseUrl", false).unwrap_err();
        assert!(
            error.to_string().contains("allowInsecureHttp"),
            "{raw}: {error}"
        );
    }
}

#[test]
fn schemes_are_compared_without_case() {
    for raw in ["HTTP://api.example.com", "Http://api.example.com/v3"] {
        assert!(!accepted(raw), "{raw} is plain http");
        assert!(
            BaseUrl::parse(raw, "baseUrl", true).is_ok(),
            "{raw} with the opt-in"
        );
    }
    assert_eq!(
        BaseUrl::parse("HTTPS://API.Example.com/V3", "baseUrl", false)
            .unwrap()
            .as_str(),
        "https://api.example.com/V3"
    );
    assert!(accepted("HTTP://LOCALHOST"));
}

#[test]
fn ports_are_plain_numbers_up_to_65535() {
    assert!(accepted("https://x.example:65535"));
    assert!(accepted("https://x.example:1"));
    for raw in [
        "https://x.example:65536",
        "https://x.example:+80",
        "https://x.example:000080",
        "https://x.example:",
        "https://[::1]:+80",
    ] {
        assert!(!accepted(raw), "{raw}");
    }
}

#[test]
fn spaces_and_control_characters_anywhere_are_refused() {
    for raw in [
        "https://x.example/a b",
        "https://x.example/v3\t",
        "https://x.example/\u{7f}",
    ] {
        let error = BaseUrl::parse(raw, "baseUrl", false).unwrap_err();
        assert!(
            error.to_string().contains("spaces or control characters"),
            "{raw:?}: {error}"
        );
    }
}
