//! Credentials: the `Authorization` value that never shows, the checks
//! every token goes through before it is used, and the redaction of any
//! string that would reveal it from whatever a server or runtime echoes.

use std::fmt;

use tidings_transcode::Json;

use crate::encoding::{push_json_string, JsonObject};
use crate::error::Error;
use crate::text::msg;

/// What replaces a credential in an error.
pub const REDACTED: &str = "[redacted]";

/// The shortest piece of a credential redacted on its own (a password, a
/// part of a JWT): shorter ones would blank out ordinary words.
const SHORTEST_PIECE: usize = 4;

/// A header value that must never be shown: `Debug` and `Display` print
/// `[redacted]`; only the transport reads it, through [`Secret::expose`].
///
/// It also knows every string that would reveal it (the header value, the
/// bare token, each long part of a JWT; for Basic, the base64 with and
/// without padding, `email:password` and the password), and removes them
/// from error messages and bodies ([`Secret::redact`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    header: String,
    /// The strings that reveal it, as given; their escaped forms and their
    /// order are worked out only when something is redacted (an error, a
    /// debug event), not when a client is made.
    pieces: Vec<String>,
}

impl Secret {
    /// Wraps a header value (`JWT x`, `Bearer x`, `Basic x`).
    pub fn new(value: String) -> Secret {
        let bare = crate::text::split_once(&value, " ").map_or(value.as_str(), |(_, rest)| rest);
        let mut pieces = vec![value.clone(), bare.to_owned()];
        for piece in crate::text::split(bare, b'.') {
            if piece.len() >= 12 {
                pieces.push(piece.to_owned());
            }
        }
        Secret {
            header: value,
            pieces,
        }
    }

    /// The Basic header for `email` and `password` (UTF-8 base64).
    pub fn basic(email: &str, password: &str) -> Secret {
        let pair = msg!(email, ":", password);
        let encoded = crate::encoding::base64(&pair);
        let header = msg!("Basic ", encoded);
        let mut pieces = vec![
            header.clone(),
            crate::text::trim_end_byte(&encoded, b'=').to_owned(),
        ];
        pieces.push(encoded);
        pieces.push(pair);
        pieces.push(password.to_owned());
        Secret { header, pieces }
    }

    /// A password sent in a body (a sign-in), with the e-mail it goes with:
    /// never a header, only redacted from errors.
    pub fn password(email: &str, password: &str) -> Secret {
        let pieces = vec![msg!(email, ":", password), password.to_owned()];
        Secret {
            header: String::new(),
            pieces,
        }
    }

    /// Every string that would reveal the credential, each piece also as
    /// written inside a JSON string (quotes, backslashes escaped), longest
    /// first; none shorter than 4 characters.
    fn revealing(&self) -> Vec<String> {
        let mut revealing: Vec<String> = Vec::new();
        for piece in &self.pieces {
            let mut escaped = String::new();
            push_json_string(&mut escaped, piece);
            let escaped = crate::text::trim_byte(&escaped, b'"').to_owned();
            for form in [piece.clone(), escaped] {
                if crate::text::char_count(&form) >= SHORTEST_PIECE && !revealing.contains(&form) {
                    // Longest first, after those as long (a handful of strings: no
                    // sort code in the wasm, nor `insert`, whose index check formats
                    // numbers when it panics).
                    let mut sorted = Vec::with_capacity(revealing.len() + 1);
                    let mut form = Some(form);
                    for p in std::mem::take(&mut revealing) {
                        if form.as_ref().is_some_and(|f| p.len() < f.len()) {
                            if let Some(f) = form.take() {
                                sorted.push(f);
                            }
                        }
                        sorted.push(p);
                    }
                    if let Some(f) = form {
                        sorted.push(f);
                    }
                    revealing = sorted;
                }
            }
        }
        revealing
    }

    /// The credential itself, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.header
    }

    /// `text` with every string that would reveal the credential replaced by
    /// `[redacted]`.
    pub fn redact(&self, text: &str) -> String {
        redact_with(&self.revealing(), text)
    }

    /// [`Secret::redact`] for text cut short: also redacts an end of `text`
    /// that is the start of a revealing string (at least 4 characters).
    pub fn redact_cut(&self, text: &str) -> String {
        let revealing = self.revealing();
        let mut text = redact_with(&revealing, text);
        for piece in &revealing {
            let cut = (SHORTEST_PIECE..piece.len())
                .rev()
                .filter(|&n| piece.is_char_boundary(n))
                .find(|&n| text.ends_with(crate::text::head(piece, n)));
            if let Some(n) = cut {
                text.truncate(text.len() - n);
                text.push_str(REDACTED);
            }
        }
        text
    }

    /// `json` (valid JSON text) with every string redacted, keys included,
    /// as JSON text. Strings are read unescaped, so a credential written
    /// with escapes (`\/`, `\u0041`) is found too; a string that changes is
    /// written anew, every other token is kept as it was sent.
    pub fn redact_json(&self, json: &str) -> String {
        let revealing = self.revealing();
        match Json::parse(json) {
            Ok(value) => {
                let mut out = String::with_capacity(json.len());
                redact_value(&revealing, value, &mut out);
                out
            }
            // Not JSON after all: redacted as text.
            Err(_) => redact_with(&revealing, json),
        }
    }
}

/// `text` with each of `revealing` replaced by `[redacted]`.
fn redact_with(revealing: &[String], text: &str) -> String {
    let mut text = text.to_owned();
    for piece in revealing {
        if crate::text::contains(&text, piece) {
            text = crate::text::replace(&text, piece, REDACTED);
        }
    }
    text
}

/// `value` written to `out` with every string (keys included) redacted of `revealing`.
fn redact_value(revealing: &[String], value: Json<'_>, out: &mut String) {
    if let Some(members) = value.members() {
        out.push('{');
        for (n, (key, item)) in members.into_iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            redact_value(revealing, key, out);
            out.push(':');
            redact_value(revealing, item, out);
        }
        out.push('}');
    } else if let Some(items) = value.items() {
        out.push('[');
        for (n, item) in items.into_iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            redact_value(revealing, item, out);
        }
        out.push(']');
    } else {
        match value.as_str() {
            Some(text) => {
                let redacted = redact_with(revealing, &text);
                if redacted == text {
                    out.push_str(value.text());
                } else {
                    push_json_string(out, &redacted);
                }
            }
            None => out.push_str(value.text()),
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Returns `token` without a leading `scheme` word (any case) and the spaces
/// around it, so a token pasted with its scheme is not sent with it twice.
pub fn strip_scheme<'a>(token: &'a str, scheme: &str) -> &'a str {
    let token = token.trim();
    match token.get(..scheme.len()) {
        Some(word) if word.eq_ignore_ascii_case(scheme) => {
            let rest = crate::text::tail(token, scheme.len());
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                rest.trim_start()
            } else {
                token
            }
        }
        _ => token,
    }
}

/// The `Authorization` value `scheme token`, from a token given with or
/// without its scheme. The token must be printable ASCII (header values are
/// byte strings: `fetch` would reject anything else on every call, so it is
/// caught once, here). Errors name `field`, never the token.
pub fn token_header(field: &str, token: &str, scheme: &str) -> Result<Secret, Error> {
    let bare = strip_scheme(token, scheme);
    if bare.is_empty() {
        return Err(Error::config(
            field,
            "is empty; pass the token exactly as issued",
        ));
    }
    if !bare.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::config(
            field,
            "contains spaces, control or non-ASCII characters; pass the token exactly as issued",
        ));
    }
    Ok(Secret::new(msg!(scheme, " ", bare)))
}

/// The `{email, password}` JSON body of a sign-in, both checked non-empty
/// (errors name the field, never its value).
pub fn credentials_json(email: &str, password: &str) -> Result<String, Error> {
    if email.trim().is_empty() {
        return Err(Error::invalid_input(
            "email",
            "is required and must not be empty",
        ));
    }
    if password.is_empty() {
        return Err(Error::invalid_input(
            "password",
            "is required and must not be empty",
        ));
    }
    let mut body = JsonObject::new();
    body.string("email", Some(email));
    body.string("password", Some(password));
    Ok(body.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_stripped_once_and_only_as_a_word() {
        assert_eq!(strip_scheme("JWT abc", "JWT"), "abc");
        assert_eq!(strip_scheme(" jwt   abc ", "JWT"), "abc");
        assert_eq!(strip_scheme("JWT ", "JWT"), "");
        assert_eq!(strip_scheme("JWTabc", "JWT"), "JWTabc");
        assert_eq!(strip_scheme("Bearer", "Bearer"), "");
        assert_eq!(strip_scheme("abc", "Bearer"), "abc");
    }

    #[test]
    fn tokens_are_sent_with_one_scheme_and_checked() {
        let header = |t: &str| token_header("token", t, "Bearer").map(|s| s.expose().to_owned());
        assert_eq!(header("Bearer abc").unwrap(), "Bearer abc");
        assert_eq!(header("abc").unwrap(), "Bearer abc");
        for bad in ["", "Bearer ", "a b", "tök", "a\nb"] {
            assert_eq!(header(bad).unwrap_err().field(), Some("token"), "{bad:?}");
        }
    }

    #[test]
    fn every_revealing_string_is_redacted_from_text_and_json() {
        let jwt =
            Secret::new("JWT eyJhbGciOiJIUzI1NiJ9.cGF5bG9hZC1wYXJ0LTEy.c2lnbmF0dXJlLXBhcnQ".into());
        let echoed = "got JWT eyJhbGciOiJIUzI1NiJ9.cGF5bG9hZC1wYXJ0LTEy.c2lnbmF0dXJlLXBhcnQ and c2lnbmF0dXJlLXBhcnQ";
        assert_eq!(jwt.redact(echoed), "got [redacted] and [redacted]");
        let basic = Secret::basic("zoë@example.com", "pä\\ss\"wörd");
        let header = basic.expose().to_owned();
        let encoded = header.trim_start_matches("Basic ");
        for text in [
            header.clone(),
            encoded.to_owned(),
            encoded.trim_end_matches('=').to_owned(),
            "zoë@example.com:pä\\ss\"wörd".to_owned(),
            r#"{"password":"pä\\ss\"wörd"}"#.to_owned(),
        ] {
            let redacted = basic.redact(&text);
            assert!(
                redacted.contains(REDACTED) && !redacted.contains("wörd"),
                "{text} -> {redacted}"
            );
        }
        let body = serde_json::json!({
            "headers": { "authorization": header },
            "list": ["x", encoded],
            encoded: 1,
        });
        let text = basic.redact_json(&body.to_string());
        assert!(!text.contains(encoded.trim_end_matches('=')), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["list"][0], "x");
        assert_eq!(back["list"][1], REDACTED);
        assert_eq!(back["headers"]["authorization"], REDACTED);
        assert_eq!(back[REDACTED], 1);
        // Escaped forms of the credential are found too; other tokens stay as sent.
        let escaped: String = encoded
            .chars()
            .map(|c| format!("\\u{:04x}", c as u32))
            .collect();
        let body = format!(r#"{{ "a" : [1.50, null, true, "{escaped}"], "b": "\\/x" }}"#);
        let text = basic.redact_json(&body);
        assert_eq!(text, r#"{"a":[1.50,null,true,"[redacted]"],"b":"\\/x"}"#);
        assert_eq!(basic.redact_json("not json"), "not json");
        let cut = format!("body starts {}", &header[..12]);
        assert_eq!(basic.redact_cut(&cut), "body starts [redacted]");
        assert_eq!(basic.redact_cut("nothing to hide"), "nothing to hide");
    }

    #[test]
    fn short_pieces_are_not_redacted_alone() {
        let basic = Secret::basic("a@b.c", "xyz");
        assert_eq!(basic.redact("xyz and xyzzy"), "xyz and xyzzy");
        assert!(!basic.redact(basic.expose()).contains("Basic "));
    }

    #[test]
    fn debug_and_display_never_show_the_credential() {
        let secret = Secret::new("JWT secret-token".into());
        assert_eq!(format!("{secret:?} {secret}"), "[redacted] [redacted]");
    }
}
