//! An independent reading of a JSON document, through `serde_json`.
//!
//! `serde_json` is strict where RFC 8259 is (syntax, control characters,
//! lone surrogates, trailing bytes) but keeps only the last of duplicate
//! members and allows deeper nesting than jwt-embedded. So the document is
//! read into [`Json`], a tree that keeps every member in order, and the
//! duplicate and depth rules are applied to that tree here.
//!
//! With `arbitrary_precision`, `serde_json` hands a number to a visitor as a
//! one-member map (a private key, the number's text as an *owned* string).
//! Real string values always arrive borrowed or as `&str`, never owned, which
//! tells the two apart even for an object whose key is that private name.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};

/// `serde_json`'s private map key for a number under `arbitrary_precision`.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A JSON value with every object member kept, duplicates included.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as `serde_json` saw its text (same value, maybe respelled).
    Num(String),
    /// A string, unescaped.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, members in document order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// Nesting depth: a scalar is 0, an object or array is one more than its deepest child.
    pub fn depth(&self) -> usize {
        match self {
            Json::Arr(items) => 1 + items.iter().map(Json::depth).max().unwrap_or(0),
            Json::Obj(members) => 1 + members.iter().map(|(_, v)| v.depth()).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// Whether any object in the tree has two members with the same name.
    pub fn has_duplicate(&self) -> bool {
        match self {
            Json::Arr(items) => items.iter().any(Json::has_duplicate),
            Json::Obj(members) => {
                let mut seen = HashSet::new();
                members.iter().any(|(k, _)| !seen.insert(k.as_str()))
                    || members.iter().any(|(_, v)| v.has_duplicate())
            }
            _ => false,
        }
    }
}

/// What a document is, by the rules jwt-embedded documents.
#[derive(Debug)]
pub enum Doc {
    /// `serde_json` rejects it (syntax, control character, lone surrogate, ...).
    Invalid,
    /// Valid JSON, but not an object.
    NotObject,
    /// Some object has two members with the same name (after unescaping).
    Duplicate,
    /// Nested deeper than `max_depth`.
    TooDeep,
    /// A strict JSON object: its members, in order.
    Object(Vec<(String, Json)>),
}

impl Doc {
    /// Reads `text`, with objects and arrays nested at most `max_depth` deep
    /// (the top-level object counts as 1).
    pub fn read(text: &str, max_depth: usize) -> Doc {
        let Ok(json) = serde_json::from_str::<Json>(text) else {
            return Doc::Invalid;
        };
        if json.has_duplicate() {
            return Doc::Duplicate;
        }
        if json.depth() > max_depth {
            return Doc::TooDeep;
        }
        match json {
            Json::Obj(members) => Doc::Object(members),
            _ => Doc::NotObject,
        }
    }

    /// The member named `name`, if the document is an object that has it.
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Doc::Object(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether the document is a strict JSON object.
    pub fn is_object(&self) -> bool {
        matches!(self, Doc::Object(_))
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    // Not reached with `arbitrary_precision`, kept for completeness.
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Num(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Num(v.to_string()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        // Only a number's text arrives owned; tagged so the map below can tell.
        Ok(Json::Num(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Json>()? {
            items.push(item);
        }
        Ok(Json::Arr(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<JsonOrNumber>()?.0;
            members.push((key, value));
        }
        match members.as_slice() {
            [(key, MemberValue::NumberText(text))] if key == NUMBER_TOKEN => {
                Ok(Json::Num(text.clone()))
            }
            _ => Ok(Json::Obj(
                members
                    .into_iter()
                    .map(|(k, v)| (k, v.into_json()))
                    .collect(),
            )),
        }
    }
}

/// A member value: a [`Json`] tree, but an owned string (a number's text)
/// is kept apart from a real string so `visit_map` can recognise numbers.
struct JsonOrNumber(MemberValue);

enum MemberValue {
    /// A real string (it arrived borrowed or as `&str`).
    Str(String),
    /// An owned string: only ever a number's text (see the module docs).
    NumberText(String),
    Tree(Json),
}

impl MemberValue {
    fn into_json(self) -> Json {
        match self {
            MemberValue::Str(s) => Json::Str(s),
            MemberValue::NumberText(s) => Json::Num(s),
            MemberValue::Tree(json) => json,
        }
    }
}

impl<'de> Deserialize<'de> for JsonOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MemberValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, v: &str) -> Result<MemberValue, E> {
                Ok(MemberValue::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<MemberValue, E> {
                Ok(MemberValue::NumberText(v))
            }
            fn visit_unit<E>(self) -> Result<MemberValue, E> {
                Ok(MemberValue::Tree(Json::Null))
            }
            fn visit_bool<E>(self, v: bool) -> Result<MemberValue, E> {
                Ok(MemberValue::Tree(Json::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<MemberValue, E> {
                Ok(MemberValue::Tree(Json::Num(v.to_string())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<MemberValue, E> {
                Ok(MemberValue::Tree(Json::Num(v.to_string())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MemberValue, A::Error> {
                JsonVisitor.visit_seq(seq).map(MemberValue::Tree)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MemberValue, A::Error> {
                JsonVisitor.visit_map(map).map(MemberValue::Tree)
            }
        }
        d.deserialize_any(V).map(JsonOrNumber)
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}
