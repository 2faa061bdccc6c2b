//! Substring search, replace and split without `core`'s two-way searcher,
//! and slicing that cannot panic: neither links the panic message of a
//! slice off a character boundary (which formats the character with
//! `Debug`, pulling in Unicode printability tables). The texts searched
//! here are short (content types, URLs, error messages), so a plain scan
//! is as fast.
//!
//! Across the crate, a one-character prefix or suffix is written as a `&str`
//! (`starts_with("[")`): a `char` pattern instantiates `core`'s searchers for it.

/// The byte offset of the first `needle` in `haystack`.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    if needle.is_empty() {
        return Some(0);
    }
    let last = hay.len().checked_sub(needle.len())?;
    (0..=last).find(|&i| hay.get(i..i + needle.len()) == Some(needle))
}

/// Whether `needle` occurs in `haystack`.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `haystack` with every `needle` (not empty) replaced by `with`.
pub(crate) fn replace(haystack: &str, needle: &str, with: &str) -> String {
    let mut out = String::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some((before, after)) = split_once(rest, needle).filter(|_| !needle.is_empty()) {
        out.push_str(before);
        out.push_str(with);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The parts of `haystack` before and after the first `needle`.
pub(crate) fn split_once<'a>(haystack: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(haystack, needle)?;
    Some((haystack.get(..at)?, haystack.get(at + needle.len()..)?))
}

/// The parts of `text` between each ASCII `separator` (`str::split` with a
/// `char`, without `core`'s character searcher, whose slicing can panic).
pub(crate) fn split(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match find_byte(current, separator) {
            Some(at) => {
                rest = Some(tail(current, at + 1));
                Some(head(current, at))
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// The byte offset of the first ASCII `byte` in `text`.
pub(crate) fn find_byte(text: &str, byte: u8) -> Option<usize> {
    text.bytes().position(|b| b == byte)
}

/// `text` without the ASCII `byte`s at its end (`trim_end_matches` with a `char`).
pub(crate) fn trim_end_byte(text: &str, byte: u8) -> &str {
    let kept = text.bytes().rev().skip_while(|&b| b == byte).count();
    head(text, kept)
}

/// `text` without the ASCII `byte`s at either end (`trim_matches` with a `char`).
pub(crate) fn trim_byte(text: &str, byte: u8) -> &str {
    let start = text.bytes().take_while(|&b| b == byte).count();
    trim_end_byte(tail(text, start), byte)
}

/// The first `len` bytes of `text` (all of it when `len` is not a character
/// boundary, which callers never ask for).
pub(crate) fn head(text: &str, len: usize) -> &str {
    text.get(..len).unwrap_or(text)
}

/// The first `max` characters of `text` (all of it when it is shorter).
pub(crate) fn first_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((cut, _)) => head(text, cut),
        None => text,
    }
}

/// `text` from byte `at` on (empty when `at` is not a character boundary).
pub(crate) fn tail(text: &str, at: usize) -> &str {
    text.get(at..).unwrap_or("")
}

/// The `parts` with `separator` between them (`[T]::join`, without its
/// size-optimised copy loop, which is large in the wasm).
pub(crate) fn join<S: AsRef<str>>(parts: impl IntoIterator<Item = S>, separator: &str) -> String {
    let mut out = String::new();
    for (n, part) in parts.into_iter().enumerate() {
        if n > 0 {
            out.push_str(separator);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// A piece of a message put together by [`msg!`]: text or a whole number.
/// Messages are built from these pushes instead of `format!`, so the wasm
/// links no `core::fmt` for them.
pub(crate) trait Piece {
    /// Appends this piece to `out`.
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    // One copy of `push_str` for every message, not one per piece.
    #[inline(never)]
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

macro_rules! number_pieces {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                push_decimal(out, *self as u64);
            }
        }
    )*};
}
number_pieces!(u16, u32, usize);

/// Appends `n` in decimal.
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The value of a decimal number of ASCII digits with an optional leading
/// `+`, as `str::parse` reads an unsigned integer; `None` when there are no
/// digits, anything else, or more than a `u64` holds.
pub(crate) fn parse_whole(text: &str) -> Option<u64> {
    let digits = text.strip_prefix("+").unwrap_or(text);
    if digits.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for byte in digits.bytes() {
        if !byte.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(byte - b'0'))?;
    }
    Some(n)
}

/// The number of characters of `text` (`chars().count()`, without its
/// word-at-a-time counter: the texts counted here are short).
pub(crate) fn char_count(text: &str) -> usize {
    text.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// The pieces (each a `&str`, `String` or whole number) one after the other,
/// as a `String`: `msg!("page=", page)`.
macro_rules! msg {
    ($($piece:expr),* $(,)?) => {{
        let mut out = String::new();
        $crate::text::push!(&mut out, $($piece),*);
        out
    }};
}
pub(crate) use msg;

/// Appends the pieces to the `String` `out` (see [`msg!`]).
macro_rules! push {
    ($out:expr, $($piece:expr),* $(,)?) => {{
        let out: &mut String = $out;
        $( $crate::text::Piece::push_to(&$piece, out); )*
    }};
}
pub(crate) use push;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_replace_split_as_std_does() {
        let cases = [
            ("", ""),
            ("abc", ""),
            ("", "a"),
            ("abc", "abc"),
            ("abcabc", "bc"),
            ("aaa", "aa"),
            ("héllo wörld", "ö"),
            ("héllo wörld", "wörld!"),
            ("Sun, 06 Nov", ", "),
        ];
        for (hay, needle) in cases {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            assert_eq!(contains(hay, needle), hay.contains(needle));
            assert_eq!(split_once(hay, needle), hay.split_once(needle));
            if !needle.is_empty() {
                assert_eq!(replace(hay, needle, "[x]"), hay.replace(needle, "[x]"));
            }
        }
        for (text, sep) in [
            ("", b'.'),
            (".", b'.'),
            ("a.b..c.", b'.'),
            ("héllo:wörld:", b':'),
            ("abc", b':'),
            ("..a..", b'.'),
            ("\"x\\\"\"", b'"'),
        ] {
            let c = char::from(sep);
            assert_eq!(
                split(text, sep).collect::<Vec<_>>(),
                text.split(c).collect::<Vec<_>>()
            );
            assert_eq!(find_byte(text, sep), text.find(c));
            assert_eq!(trim_end_byte(text, sep), text.trim_end_matches(c));
            assert_eq!(trim_byte(text, sep), text.trim_matches(c));
        }
        assert_eq!(replace("abc", "", "x"), "abc");
        assert_eq!(join(["a", "b", "c"], ", "), "a, b, c");
        assert_eq!(join(Vec::<String>::new(), ", "), "");
        assert_eq!(head("héllo", 1), "h");
        assert_eq!(head("héllo", 2), "héllo");
        assert_eq!(tail("héllo", 3), "llo");
        assert_eq!(tail("héllo", 2), "");
    }

    #[test]
    fn messages_as_format_writes_them() {
        for n in [0u64, 7, 10, 99, 100, 65_535, 4_294_967_295, u64::MAX] {
            let mut out = String::new();
            push_decimal(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        for text in [
            "",
            "+",
            "0",
            "+7",
            "-7",
            "007",
            "12a",
            " 1",
            "255",
            "256",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "+-1",
            "++1",
            "١",
        ] {
            assert_eq!(parse_whole(text), text.parse::<u64>().ok(), "{text:?}");
            assert_eq!(
                parse_whole(text).and_then(|n| u8::try_from(n).ok()),
                text.parse::<u8>().ok(),
                "{text:?}"
            );
            assert_eq!(char_count(text), text.chars().count());
        }
        assert_eq!(
            char_count("héllo wörld 🎉"),
            "héllo wörld 🎉".chars().count()
        );
        let (page, name, owned) = (12u32, "limit", String::from("x"));
        assert_eq!(
            msg!(name, "=", page, "; ", owned, 3usize, 65_535u16),
            "limit=12; x365535"
        );
    }
}
