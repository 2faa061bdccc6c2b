//! Base URLs and ids in paths.
//!
//! Base URLs are checked once, when a client is made; ids are checked on every
//! call, before anything is sent. Both checks name the offending field and never
//! echo a value that could hold a credential.

use crate::encoding::percent_encode;
use crate::error::Error;
use crate::text::msg;

/// A checked base URL: `http(s)://host[:port][/prefix]`, no trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

/// The schemes a URL option takes, and what its errors say: one check serves
/// base URLs (`http`/`https`) and the realtime socket's (`ws`/`wss`).
pub(crate) struct Schemes {
    /// The scheme that encrypts (`https`).
    secure: &'static str,
    /// The plain one (`http`), only to loopback unless allowed.
    plain: &'static str,
    /// The error without `://`.
    not_absolute: &'static str,
    /// The error for another scheme.
    other_scheme: &'static str,
    /// The error for the plain scheme to a host that is not loopback.
    unencrypted: &'static str,
}

/// Base URLs: `http` and `https`.
const HTTP: Schemes = Schemes {
    secure: "https",
    plain: "http",
    not_absolute: "expected an absolute URL such as https://api.tiledesk.com/v3",
    other_scheme: "only http and https URLs are supported",
    unencrypted: "plain http would send credentials unencrypted; use https, or set allowInsecureHttp: true if you really mean it",
};

/// The realtime socket's URL: `ws` and `wss`.
pub(crate) const WS: Schemes = Schemes {
    secure: "wss",
    plain: "ws",
    not_absolute: "expected a ws:// or wss:// URL such as wss://rtm.tiledesk.com/v2/",
    other_scheme: "expected a ws:// or wss:// URL such as wss://rtm.tiledesk.com/v2/",
    unencrypted: "plain ws would send the token unencrypted; use wss, or set allowInsecureHttp: true if you really mean it",
};

impl BaseUrl {
    /// Checks `raw` and normalises it: trailing slashes go, the scheme and host
    /// are lower-cased. `field` names the option in errors. Plain `http` is only
    /// accepted for loopback hosts unless `allow_insecure_http` is set, so that
    /// credentials never cross a network unencrypted by accident.
    pub fn parse(raw: &str, field: &str, allow_insecure_http: bool) -> Result<BaseUrl, Error> {
        BaseUrl::parse_as(raw, field, allow_insecure_http, &HTTP)
    }

    /// [`BaseUrl::parse`] for the given schemes (`ws`/`wss` for the realtime
    /// socket: the same checks, the same normal form).
    pub(crate) fn parse_as(
        raw: &str,
        field: &str,
        allow_insecure_http: bool,
        schemes: &Schemes,
    ) -> Result<BaseUrl, Error> {
        let bad = |why: &str| Error::config(field, why.to_owned());
        if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(bad("it contains spaces or control characters"));
        }
        let (scheme, rest) =
            crate::text::split_once(raw, "://").ok_or_else(|| bad(schemes.not_absolute))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != schemes.plain && scheme != schemes.secure {
            return Err(bad(schemes.other_scheme));
        }
        if rest.bytes().any(|b| b == b'?' || b == b'#') {
            return Err(bad("a base URL cannot have a query (?) or fragment (#)"));
        }
        let (authority, path) = match crate::text::find_byte(rest, b'/') {
            Some(i) => (crate::text::head(rest, i), crate::text::tail(rest, i)),
            None => (rest, ""),
        };
        if crate::text::find_byte(authority, b'@').is_some() {
            // Never echo it: the user-info part is a credential.
            return Err(bad(
                "credentials in the URL are not supported; pass them in `auth`",
            ));
        }
        let host = parse_host(authority).ok_or_else(|| bad("the host or port is malformed"))?;
        if scheme == schemes.plain && !allow_insecure_http && !is_loopback(&host) {
            return Err(bad(schemes.unencrypted));
        }
        let path = crate::text::trim_end_byte(path, b'/');
        // URL parsers resolve `%2e` (any case) as a dot in a dot segment too:
        // `/v3/%2e%2e/x` would go to the parent path.
        let is_dot_segment = |segment: &str| {
            let dots = crate::text::replace(&segment.to_ascii_lowercase(), "%2e", ".");
            dots == "." || dots == ".."
        };
        if crate::text::split(path, b'/').any(is_dot_segment) {
            return Err(bad(
                "the path cannot contain . or .. segments (nor their %2e spellings)",
            ));
        }
        let authority = authority.to_ascii_lowercase();
        Ok(BaseUrl(msg!(scheme, "://", authority, path)))
    }

    /// The normalised URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Appends path segments: literal ones as they are, ids percent-encoded.
    pub fn join(&self, segments: &[Segment<'_>]) -> String {
        let mut url = self.0.clone();
        for segment in segments {
            url.push('/');
            match segment {
                Segment::Literal(s) => url.push_str(s),
                Segment::Id(s) => url.push_str(&percent_encode(s)),
            }
        }
        url
    }
}

/// A path segment for [`BaseUrl::join`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// A fixed part of the route (`requests`, `messages`).
    Literal(&'static str),
    /// A caller-supplied id, already checked by [`check_id`].
    Id(&'a str),
}

impl<'a> Segment<'a> {
    /// The id passed as `field`, checked with [`check_id`].
    pub fn id(field: &str, id: &'a str) -> Result<Segment<'a>, Error> {
        check_id(field, id)?;
        Ok(Segment::Id(id))
    }
}

/// Returns the lower-cased host of `host[:port]`, or `None` when malformed.
fn parse_host(authority: &str) -> Option<String> {
    let (host, port) = split_host_port(authority)?;
    if let Some(port) = port {
        let digits_only =
            !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
        if !digits_only || crate::text::parse_whole(port)? > 65_535 {
            return None;
        }
    }
    let valid = if let Some(inner) = host.strip_prefix("[").and_then(|h| h.strip_suffix("]")) {
        !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    } else {
        // ASCII letters, digits, `-`, `.` and `_`; any other ASCII is refused.
        // A non-ASCII character is left to the URL parser of the runtime, as an
        // internationalised name (`bücher.example`, `☃.net`): which ones IDNA
        // accepts is its call (a refused one fails the request as a network
        // error), and Unicode's letter tables would add 2 KB to the wasm.
        // Such a host is never loopback, so plain http still needs the opt-in.
        !host.is_empty()
            && !host.starts_with(".")
            && !crate::text::contains(host, "..")
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || !c.is_ascii() || matches!(c, '-' | '.' | '_'))
    };
    valid.then(|| host.to_ascii_lowercase())
}

fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with("[") {
        let end = crate::text::find_byte(authority, b']')?;
        let after = crate::text::tail(authority, end + 1);
        let port = if after.is_empty() {
            None
        } else {
            Some(after.strip_prefix(":")?)
        };
        Some((crate::text::head(authority, end + 1), port))
    } else {
        Some(match crate::text::split_once(authority, ":") {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        })
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || (host.starts_with("127.")
            && crate::text::split(host, b'.').count() == 4
            && crate::text::split(host, b'.')
                .all(|p| crate::text::parse_whole(p).is_some_and(|n| n <= 255)))
}

/// Checks a caller-supplied id before it goes into a path: not empty, not `.` or
/// `..` (URL parsers resolve those, and their `%2e` spellings, as dot segments),
/// and no control characters. Anything else is sent, percent-encoded.
pub fn check_id(field: &str, id: &str) -> Result<(), Error> {
    if id.is_empty() {
        return Err(Error::invalid_input(
            field,
            "is empty; pass the id as a non-empty string",
        ));
    }
    if id == "." || id == ".." {
        return Err(Error::invalid_input(
            field,
            "cannot be \".\" or \"..\": URLs resolve those as relative paths",
        ));
    }
    if id.chars().any(char::is_control) {
        return Err(Error::invalid_input(field, "contains a control character (newline, tab, NUL, ...); pass the id exactly as the API gave it"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> String {
        BaseUrl::parse(raw, "baseUrl", false)
            .unwrap()
            .as_str()
            .to_owned()
    }

    fn err(raw: &str) -> Error {
        BaseUrl::parse(raw, "baseUrl", false).unwrap_err()
    }

    #[test]
    fn base_urls_keep_any_prefix_and_lose_trailing_slashes() {
        assert_eq!(
            ok("https://api.tiledesk.com/v3"),
            "https://api.tiledesk.com/v3"
        );
        assert_eq!(
            ok("https://api.tiledesk.com/v3///"),
            "https://api.tiledesk.com/v3"
        );
        assert_eq!(
            ok("https://tiledesk.example/api/"),
            "https://tiledesk.example/api"
        );
        assert_eq!(ok("HTTPS://API.Flatchr.io"), "https://api.flatchr.io");
        assert_eq!(ok("http://127.0.0.1:8080/v1"), "http://127.0.0.1:8080/v1");
        assert_eq!(ok("http://localhost:3000"), "http://localhost:3000");
        assert_eq!(ok("http://[::1]:3000/"), "http://[::1]:3000");
    }

    #[test]
    fn malformed_or_unsafe_base_urls_are_config_errors() {
        for raw in [
            "",
            "api.tiledesk.com",
            "ftp://x.example",
            "https://",
            "https://a b.example",
            "https://x.example:99999",
            "https://x.example:abc",
            "https://x.example/v3?x=1",
            "https://x.example/#f",
            "https://x.example/../v3",
            "https://x.example/v3/%2e%2e/admin",
            "https://x.example/v3/.%2E/admin",
            "https://x.example/%2E",
            "https://x.example/v3/%2e.",
            "https://[zz]/",
            "https://exa!mple.com",
            "https://exa$mple.com/v3",
            "https://exa%41mple.com",
        ] {
            let e = err(raw);
            assert_eq!(e.kind.name(), "config", "{raw}");
            assert_eq!(e.field(), Some("baseUrl"), "{raw}");
        }
    }

    #[test]
    fn internationalised_hosts_are_left_to_the_runtime_and_never_loopback() {
        for raw in [
            "https://bücher.example/v3",
            "https://☃.net",
            "https://例え.テスト/api",
        ] {
            assert_eq!(BaseUrl::parse(raw, "baseUrl", false).unwrap().as_str(), raw);
        }
        assert!(err("http://ｌｏｃａｌｈｏｓｔ/v3")
            .to_string()
            .contains("allowInsecureHttp"));
    }

    #[test]
    fn credentials_in_urls_are_refused_without_echo() {
        let e = err("https://user:hunter2@x.example");
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }

    #[test]
    fn plain_http_needs_loopback_or_an_explicit_opt_in() {
        assert!(err("http://api.tiledesk.com/v3")
            .to_string()
            .contains("allowInsecureHttp"));
        assert!(err("http://10.0.0.1/v3")
            .to_string()
            .contains("allowInsecureHttp"));
        assert!(BaseUrl::parse("http://tiledesk.internal/v3", "baseUrl", true).is_ok());
    }

    #[test]
    fn ids_become_exactly_one_segment() {
        let base = BaseUrl::parse("https://x.example/v3/", "baseUrl", false).unwrap();
        let url = base.join(&[
            Segment::Id("a/b?c#d"),
            Segment::Literal("messages"),
            Segment::Id("%2F"),
        ]);
        assert_eq!(url, "https://x.example/v3/a%2Fb%3Fc%23d/messages/%252F");
    }

    #[test]
    fn bad_ids_are_rejected_with_their_field() {
        for id in ["", ".", "..", "a\nb", "a\0", "\u{7f}", "tab\t"] {
            let e = check_id("requestId", id).unwrap_err();
            assert_eq!(e.field(), Some("requestId"));
            assert_eq!(e.kind.name(), "invalidInput");
        }
        for id in ["...", "%2e%2e", "a/b", "zoë", "5b55e806c93dde00143163dd"] {
            assert!(check_id("requestId", id).is_ok(), "{id}");
        }
    }
}
