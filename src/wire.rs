//! Deserialisation helpers for the spellings real servers use.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Fields a model does not know, kept as the server sent them.
pub type Extra = serde_json::Map<String, Value>;

/// Accepts `"42"`, `42`, `4.2e1` or `null` and returns the id as a string, so
/// an id typed "integer" in one document and shown as a string in another
/// decodes either way.
pub fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(u)) => u.to_string(),
            _ => n.to_string(),
        }),
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
pub fn keep_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
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
