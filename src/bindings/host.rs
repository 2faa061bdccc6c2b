//! The JavaScript built-ins the bindings call, imported directly, and the
//! helpers of `host.js`. None of them may throw into the wasm (those that
//! can are `catch`, or catch in `host.js`): a throw would skip the epilogue
//! of every Rust frame it crosses. js-sys and web-sys are not dependencies of the wasm
//! build: linking js-sys keeps its `Promise`/`Future` bridge (an exported
//! task poll, its wakers and closure shims) in the module even when unused.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.get(target, key)`; `Err` with what a getter or proxy threw.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    pub(crate) fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    /// `Reflect.set(target, key, value)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = set)]
    pub(crate) fn reflect_set(
        target: &JsValue,
        key: &JsValue,
        value: &JsValue,
    ) -> Result<bool, JsValue>;
    /// `Date.now()`.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    pub(crate) fn date_now() -> f64;
    /// `Math.random()`.
    #[wasm_bindgen(js_namespace = Math, js_name = random)]
    pub(crate) fn math_random() -> f64;
    /// `JSON.parse(text)`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub(crate) fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    /// `Promise.reject(reason)`.
    #[wasm_bindgen(js_namespace = Promise, js_name = reject)]
    pub(crate) fn promise_reject(reason: &JsValue) -> JsValue;
    /// `console.error(text)`.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub(crate) fn console_error(text: &str);
}

#[wasm_bindgen(module = "/src/bindings/host.js")]
extern "C" {
    /// The string `value` is, `false` when it has a lone surrogate, undefined
    /// when it is not a string.
    #[wasm_bindgen(js_name = wellFormed)]
    pub(crate) fn well_formed(value: &JsValue) -> JsValue;
    /// `new Error(message)`.
    #[wasm_bindgen(js_name = newError)]
    pub(crate) fn new_error(message: &str) -> JsValue;
    /// `value instanceof Error` (false when that throws).
    #[wasm_bindgen(js_name = isError)]
    pub(crate) fn is_error(value: &JsValue) -> bool;
    /// `function(arg)`, ignoring what it throws; undefined (returned only so
    /// that the import shares its signature with `Reflect.get`'s: V8
    /// compiles a wrapper per import signature when it compiles the module).
    #[wasm_bindgen(js_name = callQuietly)]
    pub(crate) fn call_quietly(function: &JsValue, arg: &JsValue) -> JsValue;
    /// `String(parseFloat(token))`.
    #[wasm_bindgen(js_name = numberText)]
    pub(crate) fn number_text(token: &str) -> String;
    /// `bytes` decoded as UTF-8, each invalid sequence replaced by U+FFFD (as
    /// `Response.text()` does).
    #[wasm_bindgen(js_name = utf8Lossy)]
    pub(crate) fn utf8_lossy(bytes: &[u8]) -> String;
    /// `[name, value]` pairs as `name\nvalue\n…`; `None` when not an array.
    #[wasm_bindgen(js_name = joinPairs)]
    pub(crate) fn join_pairs(pairs: &JsValue) -> Option<String>;
}

/// A new plain object (`{}`), made by `JSON.parse`: an import of its own
/// would be one more signature for V8 to wrap when it compiles the module,
/// and objects are made only for errors and debug events.
pub(crate) fn new_object() -> JsValue {
    json_parse("{}").unwrap_or_default()
}
