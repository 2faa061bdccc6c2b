//! Deserialisation helpers for the spellings real servers use.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Fields a model does not know, kept as the server sent them.
pub(crate) type Extra = serde_json::Map<String, Value>;

/// Accepts `"42"`, `42`, `4.2e1` or `null` and returns the id as a string, so
/// an id typed "integer" in one document and shown as a string in another
/// decodes either way.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(serde::de::Error::invalid_type(
                unexpected(&other),
                &"a string or a number",
            ));
        }
    })
}

/// Keeps an explicit `null` as `Some(Value::Null)` (a missing field stays
/// `None` through `#[serde(default)]`), so "sent as null" survives decoding.
pub(crate) fn keep_null<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

fn unexpected(value: &Value) -> serde::de::Unexpected<'_> {
    use serde::de::Unexpected;
    match value {
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
        _ => Unexpected::Other("value"),
    }
}

/// An id read with [`string_or_number`], as a map value.
pub(crate) struct LooseId(pub Option<String>);

impl<'de> Deserialize<'de> for LooseId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        string_or_number(deserializer).map(LooseId)
    }
}

/// A wire model read field by field from a JSON object: the fields it knows
/// in every spelling, everything else kept in its `extra` map. Hand-written
/// instead of `#[serde(flatten)]`, which buffers the whole object first
/// (slower, and much more wasm).
pub(crate) trait WireFields: Default {
    /// Reads the value of `key` into its field; `Ok(false)` for an unknown key
    /// (whose value the caller then keeps).
    fn read_known<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;
    /// Where unknown fields go.
    fn extra(&mut self) -> &mut Extra;
}

/// Deserializes a [`WireFields`] model from a JSON object. A repeated key
/// keeps its last value, as `JSON.parse` does.
pub(crate) fn deserialize_wire<'de, D: Deserializer<'de>, T: WireFields>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(WireVisitor(PhantomData))
}

struct WireVisitor<T>(PhantomData<T>);

impl<'de, T: WireFields> Visitor<'de> for WireVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut model = T::default();
        while let Some(Key(key)) = map.next_key()? {
            if !model.read_known(&key, &mut map)? {
                let value: Value = map.next_value()?;
                model.extra().insert(key.into_owned(), value);
            }
        }
        Ok(model)
    }
}

/// An object key, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "string_or_number")]
        id: Option<String>,
    }

    #[test]
    fn ids_decode_from_strings_and_numbers() {
        let id = |json: &str| serde_json::from_str::<Holder>(json).map(|h| h.id);
        assert_eq!(
            id(r#"{"id":"oLm7NdD0j7dNGbZQ"}"#).unwrap().as_deref(),
            Some("oLm7NdD0j7dNGbZQ")
        );
        assert_eq!(id(r#"{"id":391}"#).unwrap().as_deref(), Some("391"));
        assert_eq!(id(r#"{"id":-3}"#).unwrap().as_deref(), Some("-3"));
        assert_eq!(
            id(r#"{"id":18446744073709551615}"#).unwrap().as_deref(),
            Some("18446744073709551615")
        );
        assert_eq!(id(r#"{"id":null}"#).unwrap(), None);
        assert_eq!(id(r#"{}"#).unwrap(), None);
        assert!(id(r#"{"id":true}"#).is_err());
        assert!(id(r#"{"id":[1]}"#).is_err());
    }
}
