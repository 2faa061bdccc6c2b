//! The encodings the requests need: percent-encoding for URL parts, base64
//! for Basic auth, and JSON objects for bodies. Small enough to keep in-house
//! rather than pull crates.

/// Percent-encodes everything but RFC 3986 unreserved characters, so the result
/// is one opaque path segment or query value: `/`, `?`, `#`, `%` and `.`-tricks
/// cannot change the URL's structure.
pub fn percent_encode(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len());
    for &byte in input.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(HEX[(byte >> 4) as usize] as char);
            out.push(HEX[(byte & 0xF) as usize] as char);
        }
    }
    out
}

/// Standard base64 with padding, over the UTF-8 bytes of `input`.
pub fn base64(input: &str) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Writes a JSON object one member at a time; absent members are left out.
#[derive(Debug)]
pub struct JsonObject(String);

impl JsonObject {
    /// An empty object.
    pub fn new() -> JsonObject {
        JsonObject(String::from("{"))
    }

    /// A string member, escaped as `JSON.stringify` escapes it.
    pub fn string(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.key(key);
            push_json_string(&mut self.0, value);
        }
    }

    /// A member whose value is JSON text already (`JSON.stringify`'s output).
    pub fn raw(&mut self, key: &str, json: Option<&str>) {
        if let Some(json) = json {
            self.key(key);
            self.0.push_str(json);
        }
    }

    /// The JSON text.
    pub fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_json_string(&mut self.0, key);
        self.0.push(':');
    }
}

impl Default for JsonObject {
    fn default() -> Self {
        JsonObject::new()
    }
}

/// Appends `text` as a JSON string literal.
pub(crate) fn push_json_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xF] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_keeps_one_segment() {
        assert_eq!(
            percent_encode("support-group-L_OG76RYhR0XFiMf2PK"),
            "support-group-L_OG76RYhR0XFiMf2PK"
        );
        assert_eq!(percent_encode("a/b"), "a%2Fb");
        assert_eq!(percent_encode("a?b#c"), "a%3Fb%23c");
        assert_eq!(percent_encode("%2e%2e"), "%252e%252e");
        assert_eq!(percent_encode("é ✓"), "%C3%A9%20%E2%9C%93");
    }

    #[test]
    fn json_objects_escape_like_json_stringify() {
        let mut o = JsonObject::new();
        o.string("text", Some("a\"b\\c\n\u{1}\u{8}é ✓"));
        o.string("absent", None);
        o.raw("attributes", Some(r#"{"a":[1]}"#));
        let json = o.finish();
        assert_eq!(
            json,
            r#"{"text":"a\"b\\c\n\u0001\bé ✓","attributes":{"a":[1]}}"#
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["text"], "a\"b\\c\n\u{1}\u{8}é ✓");
        assert_eq!(JsonObject::new().finish(), "{}");
    }

    #[test]
    fn base64_matches_rfc4648_vectors_and_utf8() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain), encoded);
        }
        assert_eq!(
            base64("andrea.leo@f21.it:123456"),
            "YW5kcmVhLmxlb0BmMjEuaXQ6MTIzNDU2"
        );
        assert_eq!(base64("zoë:pässwörd✓"), "em/Dqzpww6Rzc3fDtnJk4pyT");
    }
}
