//! JavaScript values as [`Input`]: every read goes through a `catch`ing
//! import, so a throwing getter or Proxy trap becomes an error value instead
//! of an exception unwinding through the wasm.

use wasm_bindgen::prelude::*;

use super::host::{is_error, reflect_get, well_formed};

use crate::input::Input;
use crate::text::msg;

#[wasm_bindgen(typescript_custom_section)]
const EXTRAS_TS: &'static str = r#"
/** A letter a typo may add or change. */
type TidingsLetter =
  | "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k" | "l" | "m"
  | "n" | "o" | "p" | "q" | "r" | "s" | "t" | "u" | "v" | "w" | "x" | "y" | "z"
  | "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J" | "K" | "L" | "M"
  | "N" | "O" | "P" | "Q" | "R" | "S" | "T" | "U" | "V" | "W" | "X" | "Y" | "Z";
/** `[before, character, after]` for each character of `S`. */
type TidingsSplits<S extends string, P extends string = ""> = S extends `${infer C}${infer T}` ? [P, C, T] | TidingsSplits<T, `${P}${C}`> : never;
/** The keys one typo away from `S`: a letter left out, added, changed or swapped with the next, or the case changed. */
type TidingsTypos<S extends string> =
  | Lowercase<S>
  | Uppercase<S>
  | `${S}${TidingsLetter}`
  | (TidingsSplits<S> extends infer X
      ? X extends [infer P extends string, infer C extends string, infer T extends string]
        ? `${P}${T}` | `${P}${TidingsLetter}${T}` | `${P}${TidingsLetter}${C}${T}` | (T extends `${infer D}${infer R}` ? `${P}${D}${C}${R}` : never)
        : never
      : never);
/** Which of the keys `K` the typo `M` was meant to be. */
type TidingsMeant<M extends string, K extends string> = K extends string ? (M extends TidingsTypos<K> ? K : never) : never;
/**
 * Any other fields, sent as they are, except a key one typo away from one of
 * the known keys `K`: that is a type error whose message names the key meant
 * ("misspelt: did you mean subject?").
 */
type TidingsExtras<K extends string> = Record<string, unknown> & {
  [M in Exclude<TidingsTypos<K>, K>]?: { [Hint in `misspelt: did you mean ${TidingsMeant<M, K>}?`]: never };
};
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// What a throw says about itself: `name: message` when it is an error
/// (read through `Reflect`, so even a hostile error cannot throw here), else
/// its type. Nothing else of it is read.
pub(crate) fn describe_throw(thrown: &JsValue) -> String {
    let text = |key: &str| {
        reflect_get(thrown, &JsValue::from_str(key))
            .ok()
            .and_then(|value| value.as_string())
    };
    match (is_error(thrown), text("name"), text("message")) {
        (true, Some(name), Some(message)) => msg!(name, ": ", message),
        _ => msg!("a ", thrown.js_typeof().as_string().unwrap_or_default()),
    }
}

impl Input for JsValue {
    fn is_absent(&self) -> bool {
        self.is_undefined() || self.is_null()
    }

    fn as_bool(&self) -> Option<bool> {
        JsValue::as_bool(self)
    }

    fn as_number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn as_string(&self) -> Option<Option<String>> {
        let text = well_formed(self);
        (!text.is_undefined()).then(|| text.as_string())
    }

    fn is_object(&self) -> bool {
        // `matches!`, not `== Ok(false)`: comparing the `Result` would compare
        // `JsValue`s, one more import (`===`) for V8 to wrap.
        JsValue::is_object(self) && matches!(is_array(self), Ok(false))
    }

    fn items(&self) -> Option<Result<Vec<Self>, String>> {
        if is_array(self) != Ok(true) {
            return None;
        }
        Some(elements(self).map_err(|thrown| describe_throw(&thrown)))
    }

    fn get(&self, key: &str) -> Result<Self, String> {
        reflect_get(self, &JsValue::from_str(key)).map_err(|thrown| describe_throw(&thrown))
    }

    fn keys(&self) -> Result<Vec<String>, String> {
        let keys = object_keys(self)
            .and_then(|keys| elements(&keys))
            .map_err(|thrown| describe_throw(&thrown))?;
        let mut names = Vec::with_capacity(keys.len());
        for key in &keys {
            if let Some(name) = key.as_string() {
                names.push(name);
            }
        }
        Ok(names)
    }

    fn to_json(&self) -> Result<Option<String>, String> {
        let json = json_stringify(self).map_err(|thrown| describe_throw(&thrown))?;
        Ok(json.as_string())
    }
}

/// The elements of the array `array`, read through `Reflect` (a proxy's trap
/// may throw: `Err` with what it threw).
fn elements(array: &JsValue) -> Result<Vec<JsValue>, JsValue> {
    let length = reflect_get(array, &"length".into())?
        .as_f64()
        .unwrap_or(0.0) as u32;
    let mut elements = Vec::new();
    for i in 0..length {
        elements.push(reflect_get(array, &JsValue::from(i))?);
    }
    Ok(elements)
}
