//! An independent reading of a JSON document, through `serde_json`.
//!
//! `serde_json` is strict where RFC 8259 is (syntax, control characters,
//! lone surrogates, trailing bytes) but keeps only the last of duplicate
//! members and allows deeper nesting than jwt-embedded. So the document is
//! read into [`Json`], a tree that keeps every member in order, and the
//! crate's own limits are applied to that tree here (see [`Doc::read`]).
//!
//! With `arbitrary_precision`, `serde_json` hands a number to a visitor as a
//! one-member map (a private key, the number's text as an *owned* string).
//! Real string values always arrive borrowed or as `&str`, never owned, which
//! tells the two apart even for an object whose key is that private name.

use std::collections::HashSet;
use std::fmt;

use jwt_embedded::{Error, MAX_MEMBERS, Part};
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
    Obj(Vec<(Key, Json)>),
}

/// A member name: its decoded text, and whether it was written with escapes.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    /// `serde_json` borrows a name without escapes from the text
    /// (`visit_borrowed_str`) and decodes one with escapes into a scratch
    /// buffer (`visit_str`): that tells the two apart.
    pub escaped: bool,
}

/// Most names with escapes open at once (SECURITY.md); more is `TooLarge`.
pub const MAX_ESCAPED: usize = 8;

/// Longest decoded text, in UTF-8 bytes, of a name with escapes
/// (SECURITY.md); longer is `TooLarge`, found when its object closes.
pub const MAX_ESCAPED_NAME: usize = 64;

/// Last byte offset at which a member name's text (after its opening quote)
/// may start (SECURITY.md: within the first 64 KiB); later is `TooLarge`.
pub const MAX_NAME_START: usize = 0xFFFF;

/// What a document is, by the rules jwt-embedded documents.
#[derive(Debug)]
pub enum Doc {
    /// `serde_json` rejects it (syntax, control character, lone surrogate,
    /// nesting beyond its own limit of 128, ...): `Malformed`, or possibly
    /// `TooLarge` (see [`Doc::may_be_too_large`]).
    Invalid {
        /// The text meets [`too_large_possible`].
        too_large_possible: bool,
    },
    /// Valid JSON, but not an object.
    NotObject,
    /// An object holds a name twice (after unescaping), found before any
    /// other problem.
    Duplicate,
    /// Nested deeper than `max_depth`, met before any other problem.
    TooDeep,
    /// A name is read while [`MAX_MEMBERS`] names are open or starts past
    /// [`MAX_NAME_START`], or a name with escapes is read while
    /// [`MAX_ESCAPED`] such names are open or decodes to more than
    /// [`MAX_ESCAPED_NAME`] bytes, before any other problem: `TooLarge`.
    TooLarge,
    /// A strict JSON object within the limits: its members, in order.
    Object(Vec<(String, Json)>),
}

/// A problem of a valid JSON document that the crate's scanner refuses.
enum Problem {
    Duplicate,
    TooDeep,
    TooLarge,
}

impl Doc {
    /// Reads `text` by the crate's rules: objects and arrays nested at most
    /// `max_depth` deep (the top-level object counts as 1), at most
    /// [`MAX_MEMBERS`] member names open at once, of which at most
    /// [`MAX_ESCAPED`] written with escapes, each of those decoding to at most
    /// [`MAX_ESCAPED_NAME`] bytes, every name starting by byte
    /// [`MAX_NAME_START`], no duplicate names.
    ///
    /// The crate's scanner reads the document once, left to right, and stops
    /// at the first problem it meets: so for valid JSON the tree is walked
    /// in document order with the same bookkeeping ([`walk_object`]), and the
    /// first problem met decides between `TooLarge` and `Malformed`. Names
    /// with escapes are checked (length, duplicates) only when their object
    /// closes, after everything inside it.
    ///
    /// For text `serde_json` rejects, where the syntax error lies relative
    /// to the names is not known here: the scanner may have refused a name
    /// before it met the error (`TooLarge`) or not (`Malformed`).
    /// [`Doc::may_be_too_large`] admits `TooLarge` only where the text meets
    /// a necessary condition for it ([`too_large_possible`]).
    pub fn read(text: &str, max_depth: usize) -> Doc {
        let Ok(json) = serde_json::from_str::<Json>(text) else {
            return Doc::Invalid {
                too_large_possible: too_large_possible(text),
            };
        };
        // The scanner refuses a top-level value that is not an object at its
        // first byte, before anything inside it.
        let Json::Obj(members) = json else {
            return Doc::NotObject;
        };
        let mut open = Open {
            names: 0,
            escaped: 0,
            starts: name_starts(text).into_iter(),
        };
        match walk_object(&members, 1, max_depth, &mut open) {
            Ok(()) => Doc::Object(members.into_iter().map(|(k, v)| (k.name, v)).collect()),
            Err(Problem::Duplicate) => Doc::Duplicate,
            Err(Problem::TooDeep) => Doc::TooDeep,
            Err(Problem::TooLarge) => Doc::TooLarge,
        }
    }

    /// Whether the crate may refuse this document as `TooLarge` although
    /// the reference expects `Malformed`: only unreadable text with enough
    /// `:` bytes (see [`Doc::read`]).
    pub fn may_be_too_large(&self) -> bool {
        matches!(
            self,
            Doc::Invalid {
                too_large_possible: true
            }
        )
    }

    /// The member named `name`, if the document is an object that has it.
    pub fn get(&self, name: &str) -> Option<&Json> {
        match self {
            Doc::Object(members) => members.iter().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The error the crate must give for this document as `part`, if any:
    /// `TooLarge` for too many open names, else `Malformed(part)`.
    pub fn error(&self, part: Part) -> Option<Error> {
        match self {
            Doc::Object(_) => None,
            Doc::TooLarge => Some(Error::TooLarge),
            _ => Some(Error::Malformed(part)),
        }
    }

    /// Whether the document is a strict JSON object.
    pub fn is_object(&self) -> bool {
        matches!(self, Doc::Object(_))
    }
}

/// Whether the scanner could refuse the text `serde_json` rejects as
/// `TooLarge` before meeting its syntax error: a necessary condition, from
/// what each way to `TooLarge` must have read first.
///
/// - [`MAX_MEMBERS`] names open: that many names read, each followed by its
///   `:`, so at least [`MAX_MEMBERS`] `:` bytes (exactly 64 in
///   `{"a0":0,…,"a63":0,"a64"`, which is `TooLarge`);
/// - a name with escapes while [`MAX_ESCAPED`] are open: at least
///   [`MAX_ESCAPED`] `:` and [`MAX_ESCAPED`] + 1 `\` bytes;
/// - a name with escapes decoding to more than [`MAX_ESCAPED_NAME`] bytes: a
///   closed string (between two unescaped `"`) holding a `\` and longer
///   than that (no escape decodes to more bytes than it is written with);
/// - a name starting past [`MAX_NAME_START`]: a longer text.
pub fn too_large_possible(text: &str) -> bool {
    let count = |byte: u8| text.bytes().filter(|&b| b == byte).count();
    let colons = count(b':');
    if text.len() > MAX_NAME_START + 1
        || colons >= MAX_MEMBERS
        || (colons >= MAX_ESCAPED && count(b'\\') > MAX_ESCAPED)
    {
        return true;
    }
    // The closed strings: the text between an unescaped `"` and the next.
    let mut inside: Option<(usize, bool)> = None; // (start, has an escape)
    let mut bytes = text.bytes().enumerate();
    while let Some((i, b)) = bytes.next() {
        match (b, &mut inside) {
            (b'"', None) => inside = Some((i + 1, false)),
            (b'"', Some((start, escaped))) => {
                if *escaped && i - *start > MAX_ESCAPED_NAME {
                    return true;
                }
                inside = None;
            }
            (b'\\', Some((_, escaped))) => {
                *escaped = true;
                bytes.next(); // the escaped byte (`"` and `\` included)
            }
            _ => {}
        }
    }
    false
}

/// Where each member name's text starts (after its opening quote) in the
/// valid JSON `text`, in document order; empty when every offset is within
/// [`MAX_NAME_START`] anyway. A string is a name when it opens an object
/// member: right after `{` or after `,` in an object.
fn name_starts(text: &str) -> Vec<usize> {
    if text.len() <= MAX_NAME_START + 1 {
        return Vec::new();
    }
    let mut starts = Vec::new();
    // For each open container: whether it is an object.
    let mut open: Vec<bool> = Vec::new();
    let mut expect_name = false;
    let mut bytes = text.bytes().enumerate();
    while let Some((i, b)) = bytes.next() {
        match b {
            b'{' => {
                open.push(true);
                expect_name = true;
            }
            b'[' => {
                open.push(false);
                expect_name = false;
            }
            b'}' | b']' => {
                open.pop();
                expect_name = false;
            }
            b',' => expect_name = open.last() == Some(&true),
            b'"' => {
                if expect_name {
                    starts.push(i + 1);
                    expect_name = false;
                }
                // Skip the string, escapes included.
                while let Some((_, c)) = bytes.next() {
                    match c {
                        b'\\' => {
                            bytes.next();
                        }
                        b'"' => break,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    starts
}

/// The names open in the scanner (all of them, and those with escapes), and
/// where the names not yet read start ([`name_starts`]).
struct Open {
    names: usize,
    escaped: usize,
    starts: std::vec::IntoIter<usize>,
}

/// Walks an object at nesting `depth` as the scanner does.
///
/// Its depth is checked when it opens. Each name, when read, is `TooLarge`
/// if it starts past [`MAX_NAME_START`], or if [`MAX_MEMBERS`] names are
/// open (of this object and every object around it, including the member
/// that holds it), or if it has escapes and [`MAX_ESCAPED`] names with
/// escapes are open; a name without escapes is a duplicate if this object
/// already has it without escapes; then its value is walked. When the
/// object closes, its names with escapes are checked in order: each is
/// `TooLarge` if it decodes to more than [`MAX_ESCAPED_NAME`] bytes, else a
/// duplicate if the object has it without escapes or with escapes later.
/// Then the object's names are freed.
fn walk_object(
    members: &[(Key, Json)],
    depth: usize,
    max_depth: usize,
    open: &mut Open,
) -> Result<(), Problem> {
    if depth > max_depth {
        return Err(Problem::TooDeep);
    }
    let (names, escaped) = (open.names, open.escaped);
    let mut plain = HashSet::new();
    let mut with_escapes = Vec::new();
    for (key, value) in members {
        if open
            .starts
            .next()
            .is_some_and(|start| start > MAX_NAME_START)
        {
            return Err(Problem::TooLarge);
        }
        if open.names >= MAX_MEMBERS {
            return Err(Problem::TooLarge);
        }
        if key.escaped {
            if open.escaped >= MAX_ESCAPED {
                return Err(Problem::TooLarge);
            }
            open.escaped += 1;
            with_escapes.push(key.name.as_str());
        } else if !plain.insert(key.name.as_str()) {
            return Err(Problem::Duplicate);
        }
        open.names += 1;
        walk_value(value, depth, max_depth, open)?;
    }
    for (i, name) in with_escapes.iter().enumerate() {
        if name.len() > MAX_ESCAPED_NAME {
            return Err(Problem::TooLarge);
        }
        if plain.contains(name) || with_escapes[i + 1..].contains(name) {
            return Err(Problem::Duplicate);
        }
    }
    (open.names, open.escaped) = (names, escaped);
    Ok(())
}

/// Walks a value inside a container at nesting `depth`; arrays hold no names.
fn walk_value(
    value: &Json,
    depth: usize,
    max_depth: usize,
    open: &mut Open,
) -> Result<(), Problem> {
    match value {
        Json::Obj(members) => walk_object(members, depth + 1, max_depth, open),
        Json::Arr(items) => {
            if depth + 1 > max_depth {
                return Err(Problem::TooDeep);
            }
            items
                .iter()
                .try_for_each(|item| walk_value(item, depth + 1, max_depth, open))
        }
        _ => Ok(()),
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
        while let Some(key) = map.next_key::<Key>()? {
            let value = map.next_value::<JsonOrNumber>()?.0;
            members.push((key, value));
        }
        match members.as_slice() {
            [(key, MemberValue::NumberText(text))] if key.name == NUMBER_TOKEN => {
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

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key, E> {
                Ok(Key {
                    name: v.to_owned(),
                    escaped: false,
                })
            }
            fn visit_str<E>(self, v: &str) -> Result<Key, E> {
                Ok(Key {
                    name: v.to_owned(),
                    escaped: true,
                })
            }
        }
        d.deserialize_str(V)
    }
}
