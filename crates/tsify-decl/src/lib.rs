//! The part of the `tsify` crate that tidings uses: `#[derive(Tsify)]`, which
//! writes each model's TypeScript declaration into wasm-bindgen's `.d.ts`.
//!
//! tsify's own crate also brings its runtime conversions (serde-wasm-bindgen
//! with its "js" feature, gloo-utils with "json"), and with them js-sys, whose
//! promise bridge leaves unused closure shims in the wasm's function table.
//! tidings reads and writes JavaScript values itself, so it needs only the
//! derive: this crate is named `tsify` for the derive's generated code, and
//! declares the trait that code implements.
#![deny(missing_docs)]
#![no_std]

pub use tsify_macros::Tsify;

/// What `#[derive(Tsify)]` implements: the TypeScript declaration of a type.
pub trait Tsify {
    /// The wasm-bindgen import of the type's TypeScript name.
    type JsType;
    /// The TypeScript declaration, as written into the `.d.ts`.
    const DECL: &'static str;
    /// How tsify's runtime would convert the type (unused by tidings).
    const SERIALIZATION_CONFIG: SerializationConfig;
}

/// tsify's conversion settings, which the derive writes for each type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SerializationConfig {
    /// `None` written as `null` instead of left out.
    pub missing_as_null: bool,
    /// Maps written as objects instead of `Map`s.
    pub hashmap_as_object: bool,
    /// 64-bit integers written as `BigInt`s.
    pub large_number_types_as_bigints: bool,
}
