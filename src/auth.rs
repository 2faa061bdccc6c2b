//! Credentials: the `Authorization` value that never shows, and the checks
//! every token goes through before it is used.

use std::fmt;

use crate::encoding::JsonObject;
use crate::error::Error;

/// A header value that must never be shown: `Debug` and `Display` print
/// `[redacted]`; only the transport reads it, through [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The credential itself, for the `Authorization` header only.
    pub fn expose(&self) -> &str {
        &self.0
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
            let rest = &token[scheme.len()..];
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
    Ok(Secret::new(format!("{scheme} {bare}")))
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
    fn debug_and_display_never_show_the_credential() {
        let secret = Secret::new("JWT secret-token".into());
        assert_eq!(format!("{secret:?} {secret}"), "[redacted] [redacted]");
    }
}
