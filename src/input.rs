//! Reading what a caller passes, one property at a time.
//!
//! Every options object is read through an [`Object`]: each property is read
//! once, checked for its type, and any error names the exact property path
//! (`message.metadata`, `retry.retries`) without echoing its value. Unknown
//! keys are refused with the list of known ones, so a misspelt option is
//! never silently ignored. What the values are is abstracted by [`Input`]:
//! JavaScript values in the wasm build, JSON in native tests.

use crate::error::Error;
use crate::text::msg;

/// How deep `attributes`, `metadata` and other free-form objects may nest.
pub const MAX_JSON_DEPTH: usize = 64;

/// A value handed in by the caller.
pub trait Input: Sized {
    /// `undefined` or `null`: the property counts as absent.
    fn is_absent(&self) -> bool;
    /// The value of a boolean.
    fn as_bool(&self) -> Option<bool>;
    /// The value of a number (NaN and the infinities included).
    fn as_number(&self) -> Option<f64>;
    /// A string: `Some(None)` when it is not valid Unicode (a lone surrogate).
    fn as_string(&self) -> Option<Option<String>>;
    /// True for an object that is neither an array nor a function.
    fn is_object(&self) -> bool;
    /// An array's items, each read once (`Err`: what reading one threw);
    /// `None` when the value is not an array.
    fn items(&self) -> Option<Result<Vec<Self>, String>>;
    /// A property; `Err` with what its getter or a Proxy trap threw.
    fn get(&self, key: &str) -> Result<Self, String>;
    /// The own enumerable property names.
    fn keys(&self) -> Result<Vec<String>, String>;
    /// The value as `JSON.stringify` writes it (`toJSON` honoured): `Ok(None)`
    /// when that gives `undefined`, `Err` for a cycle, a BigInt or a throw.
    fn to_json(&self) -> Result<Option<String>, String>;
}

/// Whether a wrong property is the caller's mistake in a call
/// ([`Error::invalid_input`]) or in a client's options ([`Error::config`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Errors {
    /// A method's options.
    Call,
    /// A constructor's options.
    Client,
}

/// An options object being read, with its path from the top (`""`, `message`).
#[derive(Debug)]
pub struct Object<I> {
    value: I,
    path: String,
    errors: Errors,
}

impl<I: Input> Object<I> {
    /// The top-level options object of a call or a constructor.
    pub fn root(value: I, errors: Errors) -> Result<Object<I>, Error> {
        let object = Object {
            value,
            path: String::new(),
            errors,
        };
        if object.value.is_object() {
            Ok(object)
        } else {
            Err(object.error(
                "options",
                "must be an object of options, e.g. { projectId, requestId }",
            ))
        }
    }

    /// The error for a wrong `key` of this object.
    pub fn error(&self, key: &str, message: impl Into<String>) -> Error {
        self.error_of(key, message.into())
    }

    #[inline(never)]
    fn error_of(&self, key: &str, message: String) -> Error {
        let field = self.field(key);
        match self.errors {
            Errors::Call => Error::invalid_input(field, message),
            Errors::Client => Error::config(field, message),
        }
    }

    /// The property `key`, `None` when absent.
    pub fn value(&self, key: &str) -> Result<Option<I>, Error> {
        let value = self.value.get(key).map_err(|thrown| {
            self.error(key, msg!("could not be read: reading it threw ", thrown))
        })?;
        Ok((!value.is_absent()).then_some(value))
    }

    /// A string property.
    pub fn string(&self, key: &str) -> Result<Option<String>, Error> {
        let Some(value) = self.value(key)? else {
            return Ok(None);
        };
        match value.as_string() {
            Some(Some(text)) => Ok(Some(text)),
            Some(None) => Err(self.error(
                key,
                "contains a lone surrogate (a broken UTF-16 character); pass valid text",
            )),
            None => Err(self.error(key, "must be a string")),
        }
    }

    /// A string property that must be there.
    pub fn required_string(&self, key: &str) -> Result<String, Error> {
        self.string(key)?
            .ok_or_else(|| self.error(key, "is required"))
    }

    /// A boolean property.
    pub fn bool(&self, key: &str) -> Result<Option<bool>, Error> {
        let Some(value) = self.value(key)? else {
            return Ok(None);
        };
        value
            .as_bool()
            .map(Some)
            .ok_or_else(|| self.error(key, "must be true or false"))
    }

    /// A whole number in `min..=max`: NaN, the infinities, fractions and
    /// numbers out of range are refused, never rounded or defaulted.
    pub fn whole(&self, key: &str, min: u32, max: u32) -> Result<Option<u32>, Error> {
        let Some(value) = self.value(key)? else {
            return Ok(None);
        };
        match value.as_number() {
            Some(n) if n.fract() == 0.0 && n >= f64::from(min) && n <= f64::from(max) => {
                Ok(Some(n as u32))
            }
            // Integers only in the message: formatting an f64 costs 14 KB of wasm.
            _ => Err(self.error(key, msg!("must be a whole number from ", min, " to ", max))),
        }
    }

    /// A nested options object.
    pub fn object(&self, key: &str) -> Result<Option<Object<I>>, Error> {
        let Some(value) = self.value(key)? else {
            return Ok(None);
        };
        if !value.is_object() {
            return Err(self.error(key, "must be an object"));
        }
        Ok(Some(Object {
            value,
            path: self.field(key),
            errors: self.errors,
        }))
    }

    /// A property that is either a boolean or a nested options object (`retry`).
    pub fn flag_or_object(&self, key: &str) -> Result<Option<Result<bool, Object<I>>>, Error> {
        let Some(value) = self.value(key)? else {
            return Ok(None);
        };
        if let Some(flag) = value.as_bool() {
            return Ok(Some(Ok(flag)));
        }
        if !value.is_object() {
            return Err(self.error(key, "must be true, false or an object"));
        }
        Ok(Some(Err(Object {
            value,
            path: self.field(key),
            errors: self.errors,
        })))
    }

    /// A nested options object that must be there.
    pub fn required_object(&self, key: &str) -> Result<Object<I>, Error> {
        self.object(key)?
            .ok_or_else(|| self.error(key, "is required"))
    }

    /// A free-form object (`attributes`, `metadata`), as the JSON text
    /// `JSON.stringify` gives for it: sent exactly as the caller would send it.
    pub fn json_object(&self, key: &str) -> Result<Option<String>, Error> {
        let Some(value) = self.value(key)? else {
            return Ok(None);
        };
        self.json_of(key, &value)
    }

    /// This whole object as JSON text (see [`Object::json_object`]).
    pub fn to_json(&self) -> Result<Option<String>, Error> {
        self.json_of("", &self.value)
    }

    fn json_of(&self, key: &str, value: &I) -> Result<Option<String>, Error> {
        let json = value.to_json().map_err(|thrown| {
            self.error(
                key,
                msg!(
                    "cannot be sent as JSON (",
                    thrown,
                    "): remove cycles, BigInt values and throwing toJSON methods"
                ),
            )
        })?;
        let Some(json) = json else {
            return Ok(None);
        };
        if !json.starts_with("{") {
            return Err(self.error(key, "must be an object"));
        }
        if json_depth(&json) > MAX_JSON_DEPTH {
            return Err(self.error(
                key,
                msg!("nests deeper than ", MAX_JSON_DEPTH, " levels; flatten it"),
            ));
        }
        Ok(Some(json))
    }

    /// An array of options objects (`messages`), each read with the path
    /// `key.N` (`messages.0.text`).
    pub fn objects(&self, key: &str) -> Result<Option<Vec<Object<I>>>, Error> {
        let Some(value) = self.value(key)? else {
            return Ok(None);
        };
        let items = value
            .items()
            .ok_or_else(|| self.error(key, "must be an array of objects"))?
            .map_err(|thrown| {
                self.error(key, msg!("could not be read: reading it threw ", thrown))
            })?;
        let path = self.field(key);
        // A loop, not a collect: no iterator adapters instantiated for it.
        let mut objects = Vec::with_capacity(items.len());
        for (index, value) in items.into_iter().enumerate() {
            let item = Object {
                value,
                path: msg!(path, ".", index),
                errors: self.errors,
            };
            if !item.value.is_object() {
                return Err(item.error("", "must be an object"));
            }
            objects.push(item);
        }
        Ok(Some(objects))
    }

    /// The path of this object from the top (`""`, `message`, `messages.0`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// An array of strings.
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>, Error> {
        let Some(value) = self.value(key)? else {
            return Ok(None);
        };
        let items = value
            .items()
            .ok_or_else(|| self.error(key, "must be an array of strings"))?
            .map_err(|thrown| {
                self.error(key, msg!("could not be read: reading it threw ", thrown))
            })?;
        let mut strings = Vec::with_capacity(items.len());
        for item in items {
            match item.as_string() {
                Some(Some(text)) => strings.push(text),
                _ => return Err(self.error(key, "must be an array of strings")),
            }
        }
        Ok(Some(strings))
    }

    /// Refuses any key that is not in one of `known`, naming the known ones.
    pub fn deny_unknown(&self, known: &[&[&str]]) -> Result<(), Error> {
        let keys = self.value.keys().map_err(|thrown| {
            let field = if self.path.is_empty() { "options" } else { "" };
            self.error(
                field,
                msg!("could not be read: listing its keys threw ", thrown),
            )
        })?;
        let is_known = |key: &str| known.iter().any(|list| list.contains(&key));
        match keys.iter().find(|key| !is_known(key)) {
            None => Ok(()),
            Some(key) => {
                let names = crate::text::join(known.iter().flat_map(|list| list.iter()), ", ");
                Err(self.error(
                    key,
                    msg!("is not a known option; the known ones are ", names),
                ))
            }
        }
    }

    /// The path of `key` in this object (`""` is the object itself).
    fn field(&self, key: &str) -> String {
        match (self.path.as_str(), key) {
            ("", key) => key.to_owned(),
            (path, "") => path.to_owned(),
            (path, key) => msg!(path, ".", key),
        }
    }
}

/// How deeply the objects and arrays of a JSON text nest.
pub fn json_depth(json: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in json.bytes() {
        match (in_string, escaped, byte) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (false, _, b'"') => in_string = true,
            (false, _, b'{' | b'[') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, b'}' | b']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// JSON as the caller's values, for native tests of every reader.
impl Input for serde_json::Value {
    fn is_absent(&self) -> bool {
        self.is_null()
    }
    fn as_bool(&self) -> Option<bool> {
        serde_json::Value::as_bool(self)
    }
    fn as_number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn as_string(&self) -> Option<Option<String>> {
        self.as_str().map(|s| Some(s.to_owned()))
    }
    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }
    fn items(&self) -> Option<Result<Vec<Self>, String>> {
        self.as_array().map(|items| Ok(items.clone()))
    }
    fn get(&self, key: &str) -> Result<Self, String> {
        Ok(serde_json::Value::get(self, key)
            .cloned()
            .unwrap_or_default())
    }
    fn keys(&self) -> Result<Vec<String>, String> {
        Ok(self
            .as_object()
            .map(|map| map.keys().cloned().collect())
            .unwrap_or_default())
    }
    fn to_json(&self) -> Result<Option<String>, String> {
        Ok(Some(self.to_string()))
    }
}
