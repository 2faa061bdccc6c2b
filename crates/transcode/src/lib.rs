//! A single-pass, validating JSON-to-JSON transform: a server's answer in, the
//! JSON text of the JavaScript objects out, without building any value.
//!
//! A [`Model`] is a table: each wire key (in every spelling) maps to a slot, each
//! output field takes the first filled slot of its own (some fields are
//! required), and every key the model does not know is kept as it was sent,
//! either in an `extra` object or beside the known fields, or validated and left
//! out. A list holds at most [`MAX_LIST_ITEMS`] items. Values are validated as strictly as `serde_json` does
//! (grammar, leading zeros, control characters, lone surrogates, nesting depth,
//! numbers that overflow a double) and type-checked against their field; they
//! are then copied as their raw bytes: no unescaping, no number parsing or
//! formatting. Every non-ASCII character of the output is written as a `\uXXXX`
//! escape, so the output is ASCII (which JavaScript decodes on its fast path).
//!
//! Reading one message is two steps over its bytes: the object is parsed and
//! validated, recording where each known value lies; then the output is written
//! in the model's field order from those spans.
//!
//! Where the time goes, and what keeps it short: strings are scanned eight
//! bytes at a time (one `u64` word, no SIMD); at each key, the key that
//! followed the previous one in the last object of the same model is first
//! compared in place (a server writes its keys in one order), before any
//! string scan or lookup; an object with no non-ASCII byte is copied without
//! looking at its bytes again; a field whose key is sent as its output name is
//! written as the bytes `"name":value` it was sent as, and such fields that
//! are neighbours in both the body and the output as one copy.
#![no_std]
#![deny(missing_docs)]
#![warn(missing_debug_implementations, unreachable_pub)]

extern crate alloc;

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// How deep values may nest, as `serde_json` allows (127 levels).
const MAX_DEPTH: u32 = 127;

/// The size of a parser's table of key guesses: one entry per key index up
/// to `GUESSES - 3`, then the first key's, then unknown keys'.
const GUESSES: usize = 64;
/// The entry of the key before the first.
const FIRST_KEY: usize = GUESSES - 2;
/// No guess (no model has that many keys).
const NO_GUESS: u8 = u8::MAX;

/// The most slots a model may have.
const MAX_SLOTS: usize = 24;

/// The most items a list answer may hold. With a limit on the body's size,
/// this bounds the work and memory one decode takes; real conversations are
/// far shorter.
pub const MAX_LIST_ITEMS: usize = 500_000;

/// What an answer decodes into.
#[derive(Debug, Clone, Copy)]
pub enum Output {
    /// A JSON array of `Model` objects.
    List(&'static Model),
    /// One `Model` object.
    One(&'static Model),
}

/// The type a known field accepts. Apart from [`Kind::Raw`], `null` reads as
/// "absent": the field is left out of the output.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A string.
    Str,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// An id: a string, or a number written as its string; `""` when absent.
    Id,
    /// An id that may be absent.
    OptId,
    /// An object, copied as it is.
    Object,
    /// An array, copied as it is.
    Array,
    /// Any value but `null`, copied as it is.
    Any,
    /// Any value, `null` included (kept), copied as it is.
    Raw,
    /// An object read as a nested model.
    Model(&'static Model),
    /// Not read from the input: the name of the numeric status in field `.0`
    /// (always written; `unknown` for any other number or none).
    StatusName(u8),
}

/// One field of the output.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Its name in the output.
    pub name: &'static str,
    /// What it accepts.
    pub kind: Kind,
    /// The slots it is read from, by priority: the first one filled wins.
    pub slots: &'static [u8],
}

/// Where the keys a model does not know go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// Into an `extra` object, written only when not empty.
    Extra,
    /// Beside the known fields.
    Beside,
    /// Nowhere: validated, then left out.
    Ignore,
}

/// A model: its wire keys, its output fields, and the rules of its object.
#[derive(Debug)]
pub struct Model {
    /// Each wire spelling, its slot and the index of the field it belongs to.
    pub keys: &'static [Key],
    /// The output fields, in output order.
    pub fields: &'static [Field],
    /// Where unknown keys go.
    pub unknown: Unknown,
    /// Whether a known key given twice is an error (otherwise the last one wins).
    pub deny_duplicates: bool,
    /// The fields (by index) that must be present and not `null`.
    pub required: &'static [u8],
}

/// A wire spelling of a known key.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The key as sent.
    pub wire: &'static str,
    /// The slot its value goes to.
    pub slot: u8,
    /// The field that reads the slot.
    pub field: u8,
}

/// Number conversions that need the exact value of a number token; rare (ids
/// sent as non-integer numbers, statuses spelt as decimals), so the host may
/// answer them with its own number parser.
pub trait Numbers {
    /// The double nearest to `token` (a valid JSON number).
    fn to_f64(&self, token: &str) -> f64;
    /// Appends the string JavaScript's `String()` gives the number `token`.
    fn write_id(&self, token: &str, out: &mut Vec<u8>);
}

/// Why a body was refused: its fields ([`DecodeFault`]) are read through it.
///
/// One pointer, so that every `Result` of the parser is as small as its `Ok`
/// value and passing an error up moves a word.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError(Box<DecodeFault>);

impl core::ops::Deref for DecodeError {
    type Target = DecodeFault;
    fn deref(&self) -> &DecodeFault {
        &self.0
    }
}

impl core::ops::DerefMut for DecodeError {
    fn deref_mut(&mut self) -> &mut DecodeFault {
        &mut self.0
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("offset", &self.offset)
            .field("path", &self.path)
            .field("problem", &self.problem)
            .field("found", &self.found)
            .finish()
    }
}

/// What a [`DecodeError`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFault {
    /// The byte offset in the body where the problem is.
    pub offset: usize,
    /// Where in the answer: `[3].author.id`, `text`, or empty for the top.
    pub path: String,
    /// What was wrong.
    pub problem: &'static str,
    /// The type of the value found, when a value had the wrong type.
    pub found: Option<&'static str>,
}

impl DecodeError {
    fn new(offset: usize, problem: &'static str) -> DecodeError {
        DecodeError(Box::new(DecodeFault {
            offset,
            path: String::new(),
            problem,
            found: None,
        }))
    }

    fn within(mut self, prefix: &str) -> DecodeError {
        let mut path = String::with_capacity(prefix.len() + self.path.len() + 1);
        path.push_str(prefix);
        if !self.path.is_empty() && !self.path.starts_with("[") {
            path.push('.');
        }
        path.push_str(&self.path);
        self.path = path;
        self
    }
}

impl DecodeError {
    /// Appends what [`fmt::Display`] writes to `out`, without `core::fmt`
    /// (the wasm links none).
    pub fn push_message(&self, out: &mut String) {
        let (path_sep, found_sep) = (
            if self.path.is_empty() { "" } else { ": " },
            if self.found.is_some() { ", found " } else { "" },
        );
        for part in [
            &self.path,
            path_sep,
            self.problem,
            found_sep,
            self.found.unwrap_or(""),
            " (at byte ",
        ] {
            out.push_str(part);
        }
        push_decimal(out, self.offset);
        out.push(')');
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut message = String::new();
        self.push_message(&mut message);
        f.write_str(&message)
    }
}

/// Transforms `body` as `output` describes into JSON text (ASCII only).
pub fn transform(body: &str, output: Output, numbers: &dyn Numbers) -> Result<String, DecodeError> {
    let input = body.as_bytes();
    let mut parser = Parser::new(input, numbers);
    parser.out.reserve(input.len() + input.len() / 8 + 16);
    parser.ws();
    match output {
        Output::List(model) => parser.list(model)?,
        Output::One(model) => parser.object(model, true)?,
    }
    parser.ws();
    if parser.i < input.len() {
        return Err(DecodeError::new(
            parser.i,
            "trailing characters after the JSON value",
        ));
    }
    // Every byte written is ASCII: copied ASCII bytes, `\u` escapes of every
    // other character, and the ASCII names of the model.
    debug_assert!(parser.out.is_ascii());
    String::from_utf8(parser.out)
        .map_err(|e| DecodeError::new(e.utf8_error().valid_up_to(), "internal: non-ASCII output"))
}

/// A validated JSON value, as its text: for the few small documents read
/// apart from answers (error bodies, a message to send before it goes out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Json<'a>(&'a str);

impl<'a> Json<'a> {
    /// Validates `text` as one JSON document (as strictly as answers are).
    pub fn parse(text: &'a str) -> Result<Json<'a>, DecodeError> {
        let mut parser = Parser::new(text.as_bytes(), &NO_NUMBERS);
        parser.ws();
        let start = parser.i;
        parser.value()?;
        let end = parser.i;
        parser.ws();
        if parser.i < text.len() {
            return Err(DecodeError::new(
                parser.i,
                "trailing characters after the JSON value",
            ));
        }
        Ok(Json(text.get(start..end).unwrap_or_default()))
    }

    /// The value's text.
    pub fn text(&self) -> &'a str {
        self.0
    }

    /// The members of an object, in order; `None` for any other value.
    pub fn members(&self) -> Option<Vec<(Json<'a>, Json<'a>)>> {
        self.0.starts_with("{").then(|| self.entries(true))
    }

    /// The items of an array; `None` for any other value.
    pub fn items(&self) -> Option<Vec<Json<'a>>> {
        let entries = self.0.starts_with("[").then(|| self.entries(false))?;
        Some(entries.into_iter().map(|(_, item)| item).collect())
    }

    /// The entries of this object (`keyed`: each key and its value) or
    /// array (each item, with an empty key), validated already.
    fn entries(&self, keyed: bool) -> Vec<(Json<'a>, Json<'a>)> {
        let mut entries = Vec::new();
        let mut parser = Parser::new(self.0.as_bytes(), &NO_NUMBERS);
        let text = |(start, end): (usize, usize)| Json(self.0.get(start..end).unwrap_or_default());
        parser.i = 1;
        loop {
            parser.ws();
            if let None | Some(b'}' | b']') = parser.peek() {
                return entries;
            }
            let mut key = Json("");
            if keyed {
                key = text(parser.next_span());
                parser.ws();
                parser.i += 1;
                parser.ws();
            }
            entries.push((key, text(parser.next_span())));
            parser.ws();
            if parser.peek() != Some(b',') {
                return entries;
            }
            parser.i += 1;
        }
    }

    /// The value of `key` in an object (the last one, as `JSON.parse` keeps).
    pub fn get(&self, key: &str) -> Option<Json<'a>> {
        self.members()?
            .into_iter()
            .rev()
            .find(|(k, _)| k.as_str().as_deref() == Some(key))
            .map(|(_, v)| v)
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        self.0 == "null"
    }

    /// Whether this is `true` or `false`.
    pub fn is_bool(&self) -> bool {
        self.0 == "true" || self.0 == "false"
    }

    /// A string's value, unescaped; `None` for any other value.
    pub fn as_str(&self) -> Option<String> {
        let raw = self.0.strip_prefix("\"")?.strip_suffix("\"")?;
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(at) = rest.bytes().position(|b| b == b'\\') {
            out.push_str(rest.get(..at)?);
            let escape = rest.as_bytes().get(at + 1..)?;
            let (c, len) = match *escape.first()? {
                b'b' => ('\u{8}', 1),
                b'f' => ('\u{c}', 1),
                b'n' => ('\n', 1),
                b'r' => ('\r', 1),
                b't' => ('\t', 1),
                b'u' => {
                    let high = hex4(escape.get(1..)?).ok()?;
                    if (0xD800..0xDC00).contains(&high) {
                        // Validated: a `\u` escape of a low surrogate follows.
                        let low = hex4(escape.get(7..)?).ok()?;
                        let code = 0x10000 + ((high - 0xD800) << 10) + low.wrapping_sub(0xDC00);
                        (char::from_u32(code)?, 11)
                    } else {
                        (char::from_u32(high)?, 5)
                    }
                }
                other => (char::from(other), 1),
            };
            out.push(c);
            rest = rest.get(at + 1 + len..)?;
        }
        out.push_str(rest);
        Some(out)
    }

    /// Whether this is a string with no character (`""`).
    pub fn is_empty_str(&self) -> bool {
        self.0 == "\"\""
    }

    /// Whether this is a string.
    pub fn is_str(&self) -> bool {
        self.0.starts_with("\"")
    }

    /// A number's value when it is a whole number from 0 to 2^53 - 1 written
    /// as digits, with or without a zero fraction (`2`, `2.0`: how
    /// `JSON.stringify` and serde_json write such numbers); `None` otherwise.
    pub fn as_safe_integer(&self) -> Option<u64> {
        let negative = self.0.starts_with("-");
        let mut value: u64 = 0;
        let mut fraction = false;
        for (n, d) in self.0.bytes().enumerate().skip(usize::from(negative)) {
            match d {
                b'0'..=b'9' if !fraction => {
                    value = value.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
                }
                b'0' => {}
                b'.' if !fraction && n > usize::from(negative) => fraction = true,
                _ => return None,
            }
        }
        (self.0.len() > usize::from(negative) && value < 1 << 53 && (value == 0 || !negative))
            .then_some(value)
    }
}

/// The value of the four hex digits `bytes` starts with, or how many of them
/// are hex digits before the first that is not (or the end).
fn hex4(bytes: &[u8]) -> Result<u32, usize> {
    let mut unit = 0u32;
    for n in 0..4 {
        let digit = match bytes.get(n) {
            Some(c @ b'0'..=b'9') => c - b'0',
            Some(c @ b'a'..=b'f') => c - b'a' + 10,
            Some(c @ b'A'..=b'F') => c - b'A' + 10,
            _ => return Err(n),
        };
        unit = unit * 16 + u32::from(digit);
    }
    Ok(unit)
}

/// For documents read apart from answers: no number ever needs the host.
struct NoNumbers;

impl Numbers for NoNumbers {
    fn to_f64(&self, _: &str) -> f64 {
        f64::NAN
    }

    fn write_id(&self, _: &str, _: &mut Vec<u8>) {}
}

static NO_NUMBERS: NoNumbers = NoNumbers;

/// The JSON type of a value, by its first byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Type {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Type {
    fn name(self) -> &'static str {
        match self {
            Type::Null => "null",
            Type::Bool => "a boolean",
            Type::Number => "a number",
            Type::String => "a string",
            Type::Array => "an array",
            Type::Object => "an object",
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Slot {
    seen: bool,
    /// Where the key starts when the output writes the key, its colon and
    /// the value as they were sent (the key spells the field's name, the
    /// value follows the colon, the field copies its value), else 0 (no key
    /// starts at byte 0).
    key: u32,
    /// The value's span; `end` is 0 for an absent (`null`) value.
    start: u32,
    end: u32,
}

/// An unknown key and its value, as spans of the input.
#[derive(Clone, Copy)]
struct Extra {
    key: (u32, u32),
    value: (u32, u32),
}

struct Parser<'a, 'n> {
    b: &'a [u8],
    i: usize,
    depth: u32,
    out: Vec<u8>,
    extras: Vec<Extra>,
    numbers: &'n dyn Numbers,
    /// The bitwise or of string bytes read (a superset): no non-ASCII byte
    /// was read when its bit 7 is clear.
    high: u64,
    /// Whether the object being written holds ASCII bytes only.
    ascii: bool,
    /// Input bytes to write as they are, held back so that neighbours in
    /// both the body and the output are copied at once; `(0, 0)` for none.
    run: (usize, usize),
    /// The model `guess` is about.
    guess_model: *const Model,
    /// By key index (`FIRST_KEY` for none, the last entry for an unknown key):
    /// the index of the key that followed it in the last object of
    /// `guess_model`, `NO_GUESS` if none.
    guess: [u8; GUESSES],
}

impl<'a, 'n> Parser<'a, 'n> {
    #[inline(never)]
    fn new(b: &'a [u8], numbers: &'n dyn Numbers) -> Parser<'a, 'n> {
        Parser {
            b,
            i: 0,
            depth: 0,
            out: Vec::new(),
            extras: Vec::new(),
            numbers,
            high: 0,
            ascii: false,
            run: (0, 0),
            guess_model: core::ptr::null(),
            guess: [NO_GUESS; GUESSES],
        }
    }

    /// The span of the next value of a document validated already.
    fn next_span(&mut self) -> (usize, usize) {
        let start = self.i;
        let _ = self.value();
        (start, self.i)
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.i += 1;
        }
    }

    fn eof_or(&self, problem: &'static str) -> DecodeError {
        if self.i >= self.b.len() {
            DecodeError::new(self.i, "unexpected end of the body")
        } else {
            DecodeError::new(self.i, problem)
        }
    }

    fn enter(&mut self) -> Result<(), DecodeError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(DecodeError::new(self.i, "nesting deeper than 127 levels"));
        }
        Ok(())
    }

    fn list(&mut self, model: &'static Model) -> Result<(), DecodeError> {
        if self.peek() != Some(b'[') {
            return Err(self.type_error("expected an array of messages"));
        }
        self.enter()?;
        self.i += 1;
        self.out.push(b'[');
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            self.out.push(b']');
            self.depth -= 1;
            return Ok(());
        }
        let mut index = 0usize;
        loop {
            self.ws();
            if index > 0 {
                self.out.push(b',');
            }
            if index == MAX_LIST_ITEMS {
                return Err(DecodeError::new(
                    self.i,
                    "the list holds more than 500000 items, more than tidings decodes in one answer",
                ));
            }
            self.object(model, true)
                .map_err(|e| e.within(&index_path(index)))?;
            index += 1;
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    self.out.push(b']');
                    self.depth -= 1;
                    return Ok(());
                }
                _ => return Err(self.eof_or("expected , or ] after a message")),
            }
        }
    }

    fn type_error(&self, problem: &'static str) -> DecodeError {
        let mut error = self.eof_or(problem);
        if self.i < self.b.len() {
            error.found = Some(
                self.type_at()
                    .map_or("a character that starts no JSON value", Type::name),
            );
        }
        error
    }

    #[inline]
    fn type_at(&self) -> Option<Type> {
        Some(match self.peek()? {
            b'n' => Type::Null,
            b't' | b'f' => Type::Bool,
            b'"' => Type::String,
            b'[' => Type::Array,
            b'{' => Type::Object,
            b'-' | b'0'..=b'9' => Type::Number,
            _ => return None,
        })
    }

    /// Reads an object as `model`; writes its output when `write`.
    fn object(&mut self, model: &'static Model, write: bool) -> Result<(), DecodeError> {
        if self.peek() != Some(b'{') {
            return Err(self.type_error("expected a message object"));
        }
        self.enter()?;
        self.i += 1;
        let mut slots = [Slot::default(); MAX_SLOTS];
        let extras_base = self.extras.len();
        let high_before = self.high;
        self.high = 0;
        self.claim_guesses(model);
        let mut previous = FIRST_KEY;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
        } else {
            loop {
                self.ws();
                if self.peek() != Some(b'"') {
                    return Err(self.eof_or("expected a key in double quotes"));
                }
                let key_start = self.i;
                let (escaped, known) = match self.predicted(model, previous) {
                    Some((index, key)) => {
                        // The bytes string() would read, with the same end.
                        self.i = key_start + key.wire.len() + 2;
                        previous = index;
                        (false, Some(key))
                    }
                    None => {
                        let escaped = self.string()?;
                        let raw = span(self.b, key_start + 1, self.i - 1);
                        (escaped, self.find_key(model, raw, escaped, &mut previous))
                    }
                };
                let key_span = (key_start as u32, self.i as u32);
                self.ws();
                if self.peek() != Some(b':') {
                    return Err(self.eof_or("expected : after a key"));
                }
                self.i += 1;
                self.ws();
                match known {
                    Some(key) => {
                        let (Some(field), Some(slot)) = (
                            model.fields.get(usize::from(key.field)),
                            slots.get_mut(usize::from(key.slot)),
                        ) else {
                            return Err(DecodeError::new(key_start, "internal: bad model"));
                        };
                        if model.deny_duplicates && slot.seen {
                            return Err(
                                DecodeError::new(key_start, "duplicate field").within(field.name)
                            );
                        }
                        let (start, end) = self
                            .field_value(field.kind)
                            .map_err(|e| e.within(field.name))?
                            .unwrap_or((0, 0));
                        if let Kind::Model(_) = field.kind {
                            // The object read took the table of guesses.
                            self.claim_guesses(model);
                        }
                        let as_sent = start == key_span.1 + 1
                            && !escaped
                            && copies(field.kind)
                            && same_str(key.wire, field.name);
                        if let Some(slot) = slots.get_mut(usize::from(key.slot)) {
                            *slot = Slot {
                                seen: true,
                                key: if as_sent { key_span.0 } else { 0 },
                                start,
                                end,
                            };
                        }
                    }
                    None => {
                        let start = self.i;
                        self.value()?;
                        self.extras.push(Extra {
                            key: key_span,
                            value: (start as u32, self.i as u32),
                        });
                    }
                }
                self.ws();
                match self.peek() {
                    Some(b',') => self.i += 1,
                    Some(b'}') => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(self.eof_or("expected , or } after a value")),
                }
            }
        }
        self.depth -= 1;
        for &required in model.required {
            let Some(field) = model.fields.get(usize::from(required)) else {
                continue;
            };
            if filled(field, &slots).is_none() {
                return Err(DecodeError::new(self.i - 1, "missing field").within(field.name));
            }
        }
        let ascii = self.high & HIGH == 0;
        self.high |= high_before;
        if write {
            self.write_object(model, &slots, extras_base, ascii);
        }
        self.extras.truncate(extras_base);
        Ok(())
    }

    /// Makes the table of guesses `model`'s, empty if it was another's: it
    /// only ever holds indices of `model`'s keys read plainly.
    #[inline]
    fn claim_guesses(&mut self, model: &Model) {
        if !core::ptr::eq(self.guess_model, model) {
            self.guess_model = model;
            self.guess = [NO_GUESS; GUESSES];
        }
    }

    /// The key that followed key `previous` in the last object of `model`
    /// (and its index), when the body spells it at `self.i`, plainly, in
    /// double quotes. Guesses are only ever keys read plainly before: no
    /// `"`, `\\` or control character, so [`Parser::string`] would read the
    /// same bytes without an escape.
    #[inline(always)]
    fn predicted(&self, model: &Model, previous: usize) -> Option<(usize, Key)> {
        let index = usize::from(self.guess.get(previous).copied().unwrap_or(NO_GUESS));
        let key = model.keys.get(index)?;
        let wire = key.wire.as_bytes();
        let end = self.i + 1 + wire.len();
        (self.b.get(end) == Some(&b'"') && same(span(self.b, self.i + 1, end), wire))
            .then_some((index, *key))
    }

    /// The known key `raw` (the content between the quotes) spells, if any.
    /// `previous` is the index of the key before it in this object (its
    /// successor in the last object of the same model is tried first: a
    /// server writes its objects' keys in one order), and becomes this key's.
    #[inline]
    fn find_key(
        &mut self,
        model: &Model,
        raw: &[u8],
        escaped: bool,
        previous: &mut usize,
    ) -> Option<Key> {
        let mut buffer = [0u8; 32];
        let name = if escaped {
            unescape(raw, &mut buffer)
        } else {
            Some(raw)
        };
        // The guess was tried (`predicted`) before the key was read.
        let index = name.and_then(|name| {
            model
                .keys
                .iter()
                .position(|key| key.wire.as_bytes() == name)
        });
        // Only a key read without escapes makes a guess (see `predicted`).
        let next = index
            .filter(|_| !escaped)
            .and_then(|i| u8::try_from(i).ok())
            .unwrap_or(NO_GUESS);
        if let Some(guess) = self.guess.get_mut(*previous) {
            *guess = next;
        }
        *previous = usize::from(next).min(GUESSES - 1);
        model.keys.get(index?).copied()
    }

    /// Reads the value of a known field, checking its type; the span, or
    /// `None` for a `null` the field treats as absent.
    fn field_value(&mut self, kind: Kind) -> Result<Option<(u32, u32)>, DecodeError> {
        let start = self.i;
        let found = self.type_at();
        let accepted = match (kind, found) {
            (Kind::Raw, Some(_)) => true,
            (_, Some(Type::Null)) => {
                self.value()?;
                return Ok(None);
            }
            (Kind::Str, Some(Type::String))
            | (Kind::Bool, Some(Type::Bool))
            | (Kind::Number, Some(Type::Number))
            | (Kind::Id | Kind::OptId, Some(Type::String | Type::Number))
            | (Kind::Object | Kind::Model(_), Some(Type::Object))
            | (Kind::Array, Some(Type::Array))
            | (Kind::Any, Some(_)) => true,
            _ => false,
        };
        if !accepted {
            if found.is_none() {
                // Not a JSON value at all: say so as the grammar would.
                self.value()?;
            }
            return Err(self.type_error(expected(kind)));
        }
        match (kind, found) {
            (Kind::Model(model), _) => self.object(model, false)?,
            // Most values are strings: straight to their scanner.
            (_, Some(Type::String)) => {
                self.string()?;
            }
            _ => self.value()?,
        }
        Ok(Some((start as u32, self.i as u32)))
    }

    /// Validates any JSON value.
    fn value(&mut self) -> Result<(), DecodeError> {
        match self.peek() {
            Some(b'"') => self.string().map(|_| ()),
            Some(b'{') => {
                self.enter()?;
                self.i += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        if self.peek() != Some(b'"') {
                            return Err(self.eof_or("expected a key in double quotes"));
                        }
                        self.string()?;
                        self.ws();
                        if self.peek() != Some(b':') {
                            return Err(self.eof_or("expected : after a key"));
                        }
                        self.i += 1;
                        self.ws();
                        self.value()?;
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.i += 1,
                            Some(b'}') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(self.eof_or("expected , or } after a value")),
                        }
                    }
                }
                self.depth -= 1;
                Ok(())
            }
            Some(b'[') => {
                self.enter()?;
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        self.value()?;
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.i += 1,
                            Some(b']') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(self.eof_or("expected , or ] after a value")),
                        }
                    }
                }
                self.depth -= 1;
                Ok(())
            }
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.eof_or("expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), DecodeError> {
        let end = self.i + word.len();
        if self.b.get(self.i..end) == Some(word) {
            self.i = end;
            Ok(())
        } else {
            let mut at = self.i;
            while at < end && self.b.get(at) == word.get(at - self.i) {
                at += 1;
            }
            self.i = at;
            Err(self.eof_or("expected a JSON value"))
        }
    }

    /// Skips the bytes of a string that need no attention (all but `"`, `\\`
    /// and control characters), eight at a time while eight remain; notes in
    /// `high` whether any of them is non-ASCII.
    #[inline(always)]
    fn skip_plain(&mut self) {
        let b = self.b;
        let mut i = self.i;
        let mut high = 0u64;
        while let Some(chunk) = b.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
            let word = u64::from_le_bytes(*chunk);
            // Bytes past the end of the string may be noted too: the note only
            // chooses the slower copy, which writes ASCII bytes as they are.
            high |= word;
            let found = special(word);
            if found != 0 {
                i += (found.trailing_zeros() / 8) as usize;
                self.i = i;
                self.high |= high;
                return;
            }
            i += 8;
        }
        while let Some(&c) = b.get(i) {
            if c == b'"' || c == b'\\' || c < 0x20 {
                break;
            }
            high |= u64::from(c);
            i += 1;
        }
        self.i = i;
        self.high |= high;
    }

    /// Validates a string starting at its opening quote; true when it has escapes.
    fn string(&mut self) -> Result<bool, DecodeError> {
        self.i += 1;
        let mut escaped = false;
        loop {
            self.skip_plain();
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(escaped);
                }
                Some(b'\\') => {
                    escaped = true;
                    self.i += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                        Some(b'u') => {
                            self.i += 1;
                            let unit = self.hex4()?;
                            if (0xDC00..0xE000).contains(&unit) {
                                return Err(DecodeError::new(
                                    self.i - 6,
                                    "lone trailing surrogate in a \\u escape",
                                ));
                            }
                            if (0xD800..0xDC00).contains(&unit) {
                                let at = self.i;
                                if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return Err(self
                                        .eof_or_at(at, "lone leading surrogate in a \\u escape"));
                                }
                                self.i += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(DecodeError::new(
                                        at,
                                        "lone leading surrogate in a \\u escape",
                                    ));
                                }
                            }
                        }
                        _ => return Err(self.eof_or("invalid escape in a string")),
                    }
                }
                Some(_) => return Err(DecodeError::new(self.i, "control character in a string")),
                None => return Err(self.eof_or("unterminated string")),
            }
        }
    }

    fn eof_or_at(&self, at: usize, problem: &'static str) -> DecodeError {
        if self.i >= self.b.len() {
            DecodeError::new(self.i, "unexpected end of the body")
        } else {
            DecodeError::new(at, problem)
        }
    }

    fn hex4(&mut self) -> Result<u32, DecodeError> {
        match hex4(self.b.get(self.i..).unwrap_or_default()) {
            Ok(unit) => {
                self.i += 4;
                Ok(unit)
            }
            Err(valid) => {
                self.i += valid;
                Err(self.eof_or("invalid \\u escape"))
            }
        }
    }

    /// Validates a number, and refuses one beyond the range of a double.
    fn number(&mut self) -> Result<(), DecodeError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(DecodeError::new(self.i, "invalid number: leading zero"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.eof_or("invalid number")),
        }
        let int_end = self.i;
        let mut frac = (self.i, self.i);
        if self.peek() == Some(b'.') {
            self.i += 1;
            let frac_start = self.i;
            self.digits();
            if self.i == frac_start {
                return Err(self.eof_or("invalid number: no digit after the decimal point"));
            }
            frac = (frac_start, self.i);
        }
        let mut exponent = 0i64;
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            let negative = match self.peek() {
                Some(b'-') => {
                    self.i += 1;
                    true
                }
                Some(b'+') => {
                    self.i += 1;
                    false
                }
                _ => false,
            };
            let exp_start = self.i;
            while let Some(c @ b'0'..=b'9') = self.peek() {
                exponent = (exponent * 10 + i64::from(c - b'0')).min(1 << 40);
                self.i += 1;
            }
            if self.i == exp_start {
                return Err(self.eof_or("invalid number: no digit in the exponent"));
            }
            if negative {
                exponent = -exponent;
            }
        }
        // Only numbers of 1e308 and more can overflow: check those exactly.
        if int_end - int_start + (exponent.max(0) as usize) < 300 && exponent < 300 {
            return Ok(());
        }
        if overflows(
            span(self.b, int_start, int_end),
            span(self.b, frac.0, frac.1),
            exponent,
        ) {
            return Err(DecodeError::new(start, "number out of range"));
        }
        Ok(())
    }

    #[inline]
    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }

    // ---- writing ---------------------------------------------------------

    fn write_object(
        &mut self,
        model: &'static Model,
        slots: &[Slot; MAX_SLOTS],
        extras_base: usize,
        ascii: bool,
    ) {
        self.ascii = ascii;
        self.out.push(b'{');
        let mut first = true;
        for field in model.fields {
            let slot = filled(field, slots);
            let span = slot.map(|slot| (slot.start, slot.end));
            match field.kind {
                Kind::StatusName(status) => {
                    let span = model
                        .fields
                        .get(usize::from(status))
                        .and_then(|status| filled(status, slots));
                    let name =
                        span.map_or("unknown", |slot| self.status_name((slot.start, slot.end)));
                    self.field_name(&mut first, field.name);
                    self.out.push(b'"');
                    self.out.extend_from_slice(name.as_bytes());
                    self.out.push(b'"');
                }
                Kind::Id | Kind::OptId => match span {
                    Some((start, end)) => {
                        self.field_name(&mut first, field.name);
                        let (start, end) = (start as usize, end as usize);
                        if self.b.get(start) == Some(&b'"') {
                            self.copy(start, end);
                        } else {
                            self.write_number_id(start, end);
                        }
                    }
                    None if matches!(field.kind, Kind::Id) => {
                        self.field_name(&mut first, field.name);
                        self.out.extend_from_slice(b"\"\"");
                    }
                    None => {}
                },
                Kind::Model(sub) => {
                    if let Some((start, _)) = span {
                        self.field_name(&mut first, field.name);
                        let (saved_i, saved_depth) = (self.i, self.depth);
                        self.i = start as usize;
                        // Validated already: this second reading only writes.
                        let _ = self.object(sub, true);
                        self.i = saved_i;
                        self.depth = saved_depth;
                        self.ascii = ascii;
                    }
                }
                _ => match slot {
                    Some(slot) if slot.key != 0 => {
                        // `"name":value` as sent, held back: the next one
                        // joins it when the body has it right after a comma.
                        let (key, end) = (slot.key as usize, slot.end as usize);
                        let run = self.run.1;
                        if run != 0 && run + 1 == key && self.b.get(run) == Some(&b',') {
                            self.run.1 = end;
                        } else {
                            self.flush();
                            if !first {
                                self.out.push(b',');
                            }
                            self.run = (key, end);
                        }
                        first = false;
                    }
                    Some(slot) => {
                        self.field_name(&mut first, field.name);
                        self.copy(slot.start as usize, slot.end as usize);
                    }
                    None => {}
                },
            }
        }
        self.flush();
        let extras = self.extras.len() - extras_base;
        if extras > 0 && model.unknown != Unknown::Ignore {
            if model.unknown == Unknown::Extra {
                self.field_name(&mut first, "extra");
                self.out.push(b'{');
                first = true;
            }
            for n in extras_base..self.extras.len() {
                let Some(&Extra { key, value }) = self.extras.get(n) else {
                    break;
                };
                if !first {
                    self.out.push(b',');
                }
                first = false;
                self.copy(key.0 as usize, key.1 as usize);
                self.out.push(b':');
                self.copy(value.0 as usize, value.1 as usize);
            }
            if model.unknown == Unknown::Extra {
                self.out.push(b'}');
            }
        }
        self.out.push(b'}');
    }

    /// Writes the run of bytes held back to be copied as sent.
    #[inline]
    fn flush(&mut self) {
        let (start, end) = core::mem::take(&mut self.run);
        if end != 0 {
            self.copy(start, end);
        }
    }

    #[inline]
    fn field_name(&mut self, first: &mut bool, name: &str) {
        self.flush();
        if !*first {
            self.out.push(b',');
        }
        *first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'"');
        self.out.push(b':');
    }

    /// Copies input bytes, writing every non-ASCII character as `\uXXXX`
    /// (as they are when the object is ASCII).
    #[inline]
    fn copy(&mut self, start: usize, end: usize) {
        let bytes = span(self.b, start, end);
        if self.ascii {
            self.out.extend_from_slice(bytes);
        } else {
            self.copy_escaped(bytes);
        }
    }

    /// Copies `bytes`, writing every non-ASCII character as `\uXXXX`.
    fn copy_escaped(&mut self, bytes: &[u8]) {
        let mut run = 0;
        let mut i = 0;
        while let Some(&c) = bytes.get(i) {
            if c < 0x80 {
                // Eight ASCII bytes at a time where they are.
                match bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
                    Some(word) if u64::from_le_bytes(*word) & HIGH == 0 => i += 8,
                    _ => i += 1,
                }
                continue;
            }
            self.out.extend_from_slice(span(bytes, run, i));
            // The input is a `str`: `i` starts a whole UTF-8 sequence.
            let (code, len) = decode_utf8(c, bytes.get(i + 1..).unwrap_or_default());
            if code >= 0x10000 {
                let v = code - 0x10000;
                self.escape_unit(0xD800 + (v >> 10));
                self.escape_unit(0xDC00 + (v & 0x3FF));
            } else {
                self.escape_unit(code);
            }
            i += len;
            run = i;
        }
        self.out
            .extend_from_slice(bytes.get(run..).unwrap_or_default());
    }

    fn escape_unit(&mut self, unit: u32) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.extend_from_slice(&[
            b'\\',
            b'u',
            HEX[(unit >> 12) as usize & 15],
            HEX[(unit >> 8) as usize & 15],
            HEX[(unit >> 4) as usize & 15],
            HEX[unit as usize & 15],
        ]);
    }

    /// An id sent as a number: an integer that fits 64 bits as it is written,
    /// anything else as JavaScript's `String()` writes it.
    fn write_number_id(&mut self, start: usize, end: usize) {
        let token = span(self.b, start, end);
        let digits = token.strip_prefix(b"-").unwrap_or(token);
        let plain = digits.iter().all(u8::is_ascii_digit) && token != b"-0";
        let fits = plain
            && (digits.len() < 19
                || (digits.len() <= 20 && {
                    let mut value = 0u128;
                    for &d in digits {
                        value = value * 10 + u128::from(d - b'0');
                    }
                    if token.len() > digits.len() {
                        value <= 1 << 63
                    } else {
                        value <= u128::from(u64::MAX)
                    }
                }));
        self.out.push(b'"');
        if fits {
            self.out.extend_from_slice(token);
        } else {
            // A valid JSON number token is ASCII.
            let text = core::str::from_utf8(token).unwrap_or("0");
            self.numbers.write_id(text, &mut self.out);
        }
        self.out.push(b'"');
    }

    fn status_name(&self, (start, end): (u32, u32)) -> &'static str {
        let token = span(self.b, start as usize, end as usize);
        let (negative, digits) = match token.strip_prefix(b"-") {
            Some(rest) => (true, rest),
            None => (false, token),
        };
        let code = if digits.len() <= 4 && digits.iter().all(u8::is_ascii_digit) {
            let mut value = 0i64;
            for &d in digits {
                value = value * 10 + i64::from(d - b'0');
            }
            if negative {
                -value
            } else {
                value
            }
        } else {
            let value = self
                .numbers
                .to_f64(core::str::from_utf8(token).unwrap_or("NaN"));
            // Only whole numbers name a status; `as` saturates.
            if value.is_finite() && value == (value as i64) as f64 {
                value as i64
            } else {
                return "unknown";
            }
        };
        match code {
            -100 => "failed",
            0 => "sending",
            100 => "sent",
            150 => "delivered",
            200 => "received",
            250 => "returnReceipt",
            300 => "seen",
            _ => "unknown",
        }
    }
}

fn index_path(index: usize) -> String {
    let mut path = String::from("[");
    push_decimal(&mut path, index);
    path.push(']');
    path
}

/// Appends `n` in decimal.
fn push_decimal(out: &mut String, n: usize) {
    if n >= 10 {
        push_decimal(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `bytes[start..end]`, empty when that is not a range of `bytes` (never, by
/// construction): slicing that cannot panic, so that no panic message
/// formatting is linked into the wasm.
#[inline(always)]
fn span(bytes: &[u8], start: usize, end: usize) -> &[u8] {
    bytes.get(start..end).unwrap_or_default()
}

/// The span of the first filled slot of `field`.
#[inline(always)]
fn filled(field: &Field, slots: &[Slot; MAX_SLOTS]) -> Option<Slot> {
    field.slots.iter().find_map(|&s| {
        slots
            .get(usize::from(s))
            .filter(|slot| slot.end != 0)
            .copied()
    })
}

/// Whether a field of this kind copies its value as it was sent.
#[inline(always)]
fn copies(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::Id | Kind::OptId | Kind::Model(_) | Kind::StatusName(_)
    )
}

fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::Str => "expected a string or null",
        Kind::Bool => "expected true, false or null",
        Kind::Number => "expected a number or null",
        Kind::Id | Kind::OptId => "expected a string, a number or null",
        Kind::Object | Kind::Model(_) => "expected an object or null",
        Kind::Array => "expected an array or null",
        Kind::Any | Kind::Raw | Kind::StatusName(_) => "expected a JSON value",
    }
}

/// Whether two static strings are equal: the same literal is one constant
/// in a build, so equal ones are usually found without comparing bytes.
#[inline(always)]
fn same_str(a: &'static str, b: &'static str) -> bool {
    a.len() == b.len() && (core::ptr::eq(a.as_ptr(), b.as_ptr()) || a == b)
}

/// Whether two short byte strings are equal, compared inline (keys are a few
/// bytes long, shorter than a call to `memcmp` takes) and eight or four bytes
/// at a time: the last word overlaps the one before when the length is not a
/// multiple of its size.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let mut i = 0;
    while i + 8 < n {
        if word::<8>(a, i) != word::<8>(b, i) {
            return false;
        }
        i += 8;
    }
    word::<8>(a, n - 8) == word::<8>(b, n - 8)
}

/// The `N` bytes of `bytes` from `at` (zeros past its end: never read so).
#[inline(always)]
fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    bytes
        .get(at..)
        .and_then(|rest| rest.first_chunk::<N>())
        .copied()
        .unwrap_or([0; N])
}

/// Unescapes a short key (known keys are short ASCII); `None` when it cannot
/// be a known key.
fn unescape<'b>(raw: &[u8], buffer: &'b mut [u8; 32]) -> Option<&'b [u8]> {
    let mut len = 0;
    let mut i = 0;
    while let Some(&byte) = raw.get(i) {
        let c = if byte == b'\\' {
            i += 1;
            match *raw.get(i)? {
                b'u' => {
                    let unit = hex4(raw.get(i + 1..)?).ok()?;
                    i += 4;
                    u8::try_from(unit).ok().filter(u8::is_ascii)?
                }
                b'"' => b'"',
                b'\\' => b'\\',
                b'/' => b'/',
                // Control characters are never part of a known key.
                _ => return None,
            }
        } else {
            byte
        };
        *buffer.get_mut(len)? = c;
        len += 1;
        i += 1;
    }
    buffer.get(..len)
}

/// The character whose UTF-8 sequence starts with `first` and goes on with
/// `rest`, and the sequence's length.
fn decode_utf8(first: u8, rest: &[u8]) -> (u32, usize) {
    let b0 = u32::from(first);
    let cont = |n: usize| u32::from(rest.get(n - 1).copied().unwrap_or(0x80) & 0x3F);
    if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit 7 set in each byte of `word` (little-endian) that is `"`, `\\` or a
/// control character, and possibly in bytes after such a byte (a borrow
/// carries up), never before it: the lowest set bit marks the first one.
#[inline(always)]
fn special(word: u64) -> u64 {
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    ((quote.wrapping_sub(ONES) & !quote)
        | (backslash.wrapping_sub(ONES) & !backslash)
        | (word.wrapping_sub(ONES * 0x20) & !word))
        & HIGH
}

/// 2^1024 - 2^970: the smallest value that rounds to infinity.
const OVERFLOW: &[u8] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether `int.frac e exponent` rounds to infinity as a double.
fn overflows(int: &[u8], frac: &[u8], exponent: i64) -> bool {
    let digits = || int.iter().chain(frac.iter()).copied();
    let leading = digits().take_while(|&d| d == b'0').count();
    let total = int.len() + frac.len();
    if leading == total {
        return false;
    }
    // The decimal exponent of the first significant digit.
    let magnitude = int.len() as i64 - 1 - leading as i64 + exponent;
    if magnitude != 308 {
        return magnitude > 308;
    }
    let mut significant = digits().skip(leading);
    for &t in OVERFLOW {
        match significant.next() {
            None => return false,
            Some(d) if d > t => return true,
            Some(d) if d < t => return false,
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_reads_members_items_strings_and_whole_numbers() {
        let doc = Json::parse(
            r#" {"a": [1, "x", {"msg": "m\u00e9\ud83d\ude00\n"}], "a": "last", "n": null, "w": 2.0} "#,
        )
        .unwrap();
        assert_eq!(doc.get("a").unwrap().as_str().as_deref(), Some("last"));
        assert!(doc.get("n").unwrap().is_null());
        assert_eq!(doc.get("w").unwrap().as_safe_integer(), Some(2));
        let members = doc.members().unwrap();
        assert_eq!(members.len(), 4);
        let items = members[0].1.items().unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[2].get("msg").unwrap().as_str().as_deref(),
            Some("m\u{e9}\u{1f600}\n")
        );
        let text = |t: &str| Json::parse(t).unwrap().as_str();
        assert_eq!(
            text(r#""a\\b\"c\/d\\\\n\\""#).as_deref(),
            Some(r#"a\b"c/d\\n\"#)
        );
        assert_eq!(
            text(r#""\b\f\r\t\u0041""#).as_deref(),
            Some("\u{8}\u{c}\r\tA")
        );
        assert_eq!(text("1"), None);
        assert_eq!(Json::parse("[]").unwrap().items().unwrap().len(), 0);
        assert_eq!(Json::parse("{}").unwrap().members().unwrap().len(), 0);
        assert!(Json::parse("{} x").is_err());
        assert!(Json::parse("[1,]").is_err());
        let whole = |t: &str| Json::parse(t).unwrap().as_safe_integer();
        assert_eq!(whole("200"), Some(200));
        assert_eq!(whole("200.00"), Some(200));
        assert_eq!(whole("2e2"), None);
        assert_eq!(whole("0.5"), None);
        assert_eq!(whole("-1"), None);
        assert_eq!(whole("-0"), Some(0));
        assert_eq!(whole("9007199254740991"), Some(9_007_199_254_740_991));
        assert_eq!(whole("9007199254740992"), None);
        assert_eq!(whole("1e300"), None);
        assert_eq!(whole("1e-300"), None);
        assert_eq!(whole("\"1\""), None);
        // Tokens no valid document holds, read all the same.
        let token = |t: &'static str| Json(t).as_safe_integer();
        assert_eq!(token("2."), Some(2));
        assert_eq!(token("1.0.0"), None);
        assert_eq!(token(".5"), None);
        assert_eq!(token("-"), None);
        assert_eq!(token(""), None);
        assert_eq!(whole("-0.0"), Some(0));
        assert_eq!(token("007"), Some(7));
        assert_eq!(whole("1.01"), None);
        assert_eq!(whole("1.0e0"), None);
        assert_eq!(whole("18446744073709551616"), None);
    }

    static INNER: Model = Model {
        keys: &[
            Key {
                wire: "x",
                slot: 0,
                field: 0,
            },
            Key {
                wire: "y",
                slot: 1,
                field: 1,
            },
        ],
        fields: &[
            Field {
                name: "x",
                kind: Kind::Raw,
                slots: &[0],
            },
            Field {
                name: "y",
                kind: Kind::Raw,
                slots: &[1],
            },
        ],
        unknown: Unknown::Ignore,
        deny_duplicates: false,
        required: &[],
    };

    /// A key no server sends (`q"`): a guess taken from `INNER`'s table
    /// would name it after `m`.
    static OUTER: Model = Model {
        keys: &[
            Key {
                wire: "m",
                slot: 0,
                field: 0,
            },
            Key {
                wire: "q\"",
                slot: 1,
                field: 1,
            },
        ],
        fields: &[
            Field {
                name: "m",
                kind: Kind::Model(&INNER),
                slots: &[0],
            },
            Field {
                name: "q",
                kind: Kind::Raw,
                slots: &[1],
            },
        ],
        unknown: Unknown::Extra,
        deny_duplicates: false,
        required: &[],
    };

    #[test]
    fn guesses_are_only_the_keys_of_the_model_being_read() {
        let body = r#"[{"m":{"x":1,"y":2},"q"":3}]"#;
        let error = transform(body, Output::List(&OUTER), &NO_NUMBERS).unwrap_err();
        assert_eq!(
            (error.offset, error.problem),
            (23, "expected : after a key")
        );
        let body = r#"[{"m":{"x":1,"y":2},"q":3},{"m":{"x":1,"y":2},"q":3}]"#;
        assert_eq!(
            transform(body, Output::List(&OUTER), &NO_NUMBERS).unwrap(),
            r#"[{"m":{"x":1,"y":2},"extra":{"q":3}},{"m":{"x":1,"y":2},"extra":{"q":3}}]"#
        );
    }

    #[test]
    fn overflow_boundary() {
        assert!(!overflows(b"1", b"7976931348623157", 308));
        assert!(overflows(b"1", b"8", 308));
        assert!(!overflows(b"0", b"000", 999));
        assert!(overflows(OVERFLOW, b"", 0));
        assert!(!overflows(b"1", b"79769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791", 308));
    }
}
