//! A strict, allocation-free JSON (RFC 8259) scanner for headers and claims.
//!
//! It validates the *whole* document — every value, including the ones the
//! verifier never reads — and rejects what `serde-json-core` alone would let
//! through: trailing bytes, duplicate member names in any object (compared
//! after unescaping), invalid escapes, lone surrogates, control characters,
//! non-RFC number syntax. Members of the top-level object are handed to a
//! visitor as borrowed [`JsonStr`] keys and raw [`Value`] spans: nothing is
//! copied.
//!
//! Bounds, each with a cost linear in the document:
//! - nesting deeper than [`MAX_DEPTH`] is rejected (the parser recurses, and
//!   firmware stacks are small);
//! - duplicate detection keeps the member names of the open objects in one
//!   fixed array of [`MAX_MEMBERS`] slots (4 bytes each: where the name
//!   starts), each object's names sorted by their decoded text. A new name is
//!   found by binary search among its own object's names (at most 7 string
//!   comparisons, each stopping at the first difference) and inserted by
//!   shifting at most 63 slots. A name that finds no free slot is
//!   [`JsonError::TooLarge`]: rejected, never checked by a slower path.

use core::cmp::Ordering;
use core::fmt;

/// Deepest accepted nesting of objects and arrays (the top-level object is depth 1).
pub const MAX_DEPTH: usize = 16;

/// Most member names the open objects of one document may hold together: an
/// object's own names plus, for a nested object, the names of the objects
/// around it up to and including the member that holds it. A document that
/// needs more is [`Error::TooLarge`](crate::Error::TooLarge).
pub const MAX_MEMBERS: usize = 64;

/// Bytes that end a run of plain string characters: `"`, `\\` and controls.
const STRING_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Why a document was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not strict JSON, not an object at the top level, or nested too deep.
    Syntax,
    /// More than [`MAX_MEMBERS`] member names open at once, or a name that
    /// starts beyond byte `u32::MAX`.
    TooLarge,
}

use JsonError::Syntax;

impl JsonError {
    /// The crate's error for a refused header or payload.
    pub(crate) const fn into_error(self, part: crate::Part) -> crate::Error {
        match self {
            Syntax => crate::Error::Malformed(part),
            JsonError::TooLarge => crate::Error::TooLarge,
        }
    }
}

/// A JSON string exactly as it appears in the token, between its quotes.
///
/// Escapes have been validated but are not yet decoded, so a `JsonStr`
/// borrows the decoded payload without copying. Compare it with
/// [`JsonStr::eq_str`] (which honours escapes: `"https:\/\/a"` equals
/// `https://a`), borrow it with [`JsonStr::as_str`] when it has no escapes
/// (the common case), or decode it with [`JsonStr::unescape_into`] /
/// [`JsonStr::chars`]. `Display` writes the decoded text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct JsonStr<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> JsonStr<'a> {
    /// The text between the quotes, escapes not decoded.
    pub const fn raw(&self) -> &'a str {
        self.raw
    }

    /// The string itself when it contains no escape sequence, else `None`.
    pub const fn as_str(&self) -> Option<&'a str> {
        if self.escaped { None } else { Some(self.raw) }
    }

    /// Whether the string contains escape sequences.
    pub const fn is_escaped(&self) -> bool {
        self.escaped
    }

    /// The decoded characters.
    pub fn chars(&self) -> Chars<'a> {
        Chars {
            rest: self.raw.chars(),
        }
    }

    /// Whether the decoded string equals `other` (exact, case-sensitive).
    pub fn eq_str(&self, other: &str) -> bool {
        if self.escaped {
            self.chars().eq(other.chars())
        } else {
            self.raw == other
        }
    }

    /// Whether two JSON strings decode to the same text.
    pub fn eq_json(&self, other: &JsonStr<'_>) -> bool {
        if self.escaped || other.escaped {
            return self.chars().eq(other.chars());
        }
        // Cheap rejections before comparing the bytes (member names are short).
        let (a, b) = (self.raw.as_bytes(), other.raw.as_bytes());
        a.len() == b.len() && a.first() == b.first() && a.last() == b.last() && a == b
    }

    /// Decodes the string into `buf` and returns it, or
    /// [`Error::BufferTooSmall`](crate::Error::BufferTooSmall) (never truncated).
    ///
    /// ```
    /// # use jwt_embedded::JsonStr;
    /// # fn demo(iss: JsonStr<'_>) -> Result<(), jwt_embedded::Error> {
    /// let mut buf = [0u8; 128];
    /// let issuer: &str = iss.unescape_into(&mut buf)?;
    /// # let _ = issuer; Ok(()) }
    /// ```
    pub fn unescape_into<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, crate::Error> {
        let mut len = 0usize;
        for c in self.chars() {
            let end = len
                .checked_add(c.len_utf8())
                .ok_or(crate::Error::BufferTooSmall)?;
            let dst = buf.get_mut(len..end).ok_or(crate::Error::BufferTooSmall)?;
            c.encode_utf8(dst);
            len = end;
        }
        let out = buf.get(..len).ok_or(crate::Error::BufferTooSmall)?;
        core::str::from_utf8(out).map_err(|_| crate::Error::BufferTooSmall)
    }
}

impl PartialEq<str> for JsonStr<'_> {
    fn eq(&self, other: &str) -> bool {
        self.eq_str(other)
    }
}

impl PartialEq<&str> for JsonStr<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.eq_str(other)
    }
}

impl fmt::Display for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.escaped {
            return f.write_str(self.raw);
        }
        self.chars().try_for_each(|c| fmt::Write::write_char(f, c))
    }
}

impl fmt::Debug for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        self.chars()
            .try_for_each(|c| write!(f, "{}", c.escape_debug()))?;
        f.write_str("\"")
    }
}

/// Iterator over the decoded characters of a [`JsonStr`].
#[derive(Clone, Debug)]
pub struct Chars<'a> {
    rest: core::str::Chars<'a>,
}

impl Iterator for Chars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.rest.next()?;
        crate::cost::add(1);
        if c != '\\' {
            return Some(c);
        }
        // The parser validated every escape; U+FFFD only guards the invariant.
        Some(match self.rest.next()? {
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => self.unicode_escape().unwrap_or(char::REPLACEMENT_CHARACTER),
            other => other, // `"`, `\` and `/` stand for themselves
        })
    }
}

impl Chars<'_> {
    /// Decodes the `XXXX` (and a following `\uXXXX` low surrogate) after `\u`.
    fn unicode_escape(&mut self) -> Option<char> {
        let hi = hex4(self.rest.as_str().as_bytes())?;
        self.rest.nth(3);
        if !(0xD800..0xDC00).contains(&hi) {
            return char::from_u32(hi);
        }
        let lo = hex4(self.rest.as_str().as_bytes().get(2..)?)?;
        self.rest.nth(5);
        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?))
    }
}

/// The value of four hex digits at the start of `s`.
fn hex4(s: &[u8]) -> Option<u32> {
    let digits = s.get(..4)?;
    digits.iter().try_fold(0u32, |acc, &d| {
        Some((acc << 4) | char::from(d).to_digit(16)?)
    })
}

/// A member value of the top-level object, borrowed from the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    /// A string.
    Str(JsonStr<'a>),
    /// A number, its exact text (RFC 8259 grammar).
    Num(&'a str),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// An array, its text including the brackets.
    Array(&'a str),
    /// An object, its text including the braces.
    Object(&'a str),
}

/// Validates `doc` as one strict JSON object and calls `visit` for each of
/// its members, in order. Nothing is visited unless the whole document is valid
/// (members are collected first only by the caller's own visitor state: the
/// caller must not act on them when this returns `Err`).
///
/// Never inlined: the name slots then live in this frame only while a
/// document is parsed, instead of once per caller inside `verify`'s frame
/// (with LTO, the header's and the payload's copies used to add up).
#[inline(never)]
pub(crate) fn parse_object<'a>(
    doc: &'a str,
    mut visit: impl FnMut(JsonStr<'a>, Value<'a>),
) -> Result<(), JsonError> {
    let mut keys = KeyStack {
        starts: [0; MAX_MEMBERS],
        len: 0,
    };
    let mut p = Parser {
        src: doc,
        pos: 0,
        keys: Some(&mut keys),
    };
    p.ws();
    if p.peek() != Some(b'{') {
        return Err(Syntax);
    }
    p.object(1, &mut visit)?;
    p.ws();
    crate::cost::add(p.pos);
    if p.pos == doc.len() {
        Ok(())
    } else {
        Err(Syntax)
    }
}

/// The elements of an array already validated by [`parse_object`].
pub(crate) struct Items<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Items<'a> {
    /// Iterates the array whose text (brackets included) is `array`.
    pub(crate) const fn new(array: &'a str) -> Self {
        Self { src: array, pos: 1 }
    }
}

impl<'a> Iterator for Items<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        let mut p = Parser {
            src: self.src,
            pos: self.pos,
            keys: None,
        };
        p.ws();
        let value = p.value(1).ok()?;
        p.ws();
        if p.peek() == Some(b',') {
            p.pos += 1;
        }
        crate::cost::add(p.pos.saturating_sub(self.pos));
        // On an invalid or finished array the iterator stays at its end.
        self.pos = if p.peek().is_some() {
            p.pos
        } else {
            self.src.len()
        };
        Some(value)
    }
}

/// Member names of the currently open objects, for duplicate detection:
/// where each name's text starts (after its opening quote). The names of one
/// object are contiguous and sorted by their decoded text; a nested object's
/// names sit above those of the objects around it and are dropped when it
/// closes.
struct KeyStack {
    starts: [u32; MAX_MEMBERS],
    len: usize,
}

impl KeyStack {
    /// Inserts the name `key`, which starts at byte `start` of `doc`, among
    /// the sorted names `base..len` of its object; a name already there is
    /// [`Syntax`] (a duplicate), a full stack [`JsonError::TooLarge`].
    fn insert(
        &mut self,
        doc: &str,
        base: usize,
        start: usize,
        key: &JsonStr<'_>,
    ) -> Result<(), JsonError> {
        let start = u32::try_from(start).map_err(|_| JsonError::TooLarge)?;
        let len = self.len;
        if len >= MAX_MEMBERS {
            return Err(JsonError::TooLarge);
        }
        let names = self.starts.get(base..len).ok_or(Syntax)?;
        let at = match names.binary_search_by(|&s| compare_name(doc, s as usize, key)) {
            Ok(_) => return Err(Syntax),
            Err(at) => base + at,
        };
        // Shift `at..len` up by one and put the name at `at` (no bounds
        // panics: `len < MAX_MEMBERS`, so `at..=len` is in range).
        let mut carry = start;
        for slot in self.starts.get_mut(at..=len).ok_or(Syntax)? {
            core::mem::swap(slot, &mut carry);
        }
        crate::cost::add(len - at);
        self.len = len + 1;
        Ok(())
    }
}

/// Orders the name whose text starts at byte `start` of `doc` (a string the
/// parser already validated, so it ends at its first unescaped quote) against
/// `key` by their decoded text. Stops at the first difference: the cost is the
/// length of the common prefix, never of the longer name.
fn compare_name(doc: &str, start: usize, key: &JsonStr<'_>) -> Ordering {
    let stored = doc.as_bytes().get(start..).unwrap_or(&[]);
    let k = key.raw.as_bytes();
    // Plain bytes first: the common prefix stops at the first escape, so it
    // holds no `\` and no `"` (a quote in it could only be escaped).
    let common = stored
        .iter()
        .zip(k)
        .take_while(|&(a, b)| a == b && *a != b'\\')
        .count();
    crate::cost::add(common + 1);
    match (stored.get(common), k.get(common)) {
        (Some(b'"'), None) => Ordering::Equal,
        (Some(b'"'), Some(_)) => Ordering::Less,
        // UTF-8 byte order is code point order.
        (Some(&s), Some(&c)) if s != b'\\' && c != b'\\' => s.cmp(&c),
        (Some(&s), None) if s != b'\\' => Ordering::Greater,
        // An escape on either side: compare the decoded rest. The common
        // prefix is plain text that ends at a character boundary on both sides.
        _ => {
            let stored = doc.get(start..).and_then(|s| s.get(common..));
            match (stored, key.raw.get(common..)) {
                (Some(s), Some(c)) => {
                    NameChars(Chars { rest: s.chars() }).cmp(Chars { rest: c.chars() })
                }
                // Unreachable for validated text; any order keeps the search bounded.
                _ => Ordering::Less,
            }
        }
    }
}

/// The decoded characters of a validated string that runs from the start of
/// its text up to its closing quote (the document's rest follows it).
struct NameChars<'a>(Chars<'a>);

impl Iterator for NameChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if self.0.rest.as_str().starts_with('"') {
            return None;
        }
        self.0.next()
    }
}

struct Parser<'a, 'k> {
    src: &'a str,
    pos: usize,
    /// `None` when re-reading text that was already validated (no duplicate checks).
    keys: Option<&'k mut KeyStack>,
}

/// A visitor for nested objects, whose members are validated but not reported.
fn ignore<'a>(_: JsonStr<'a>, _: Value<'a>) {}

impl<'a> Parser<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), JsonError> {
        if self.peek() != Some(byte) {
            return Err(Syntax);
        }
        self.pos += 1;
        Ok(())
    }

    /// The text from `start` to the current position.
    fn span(&self, start: usize) -> Result<&'a str, JsonError> {
        self.src.get(start..self.pos).ok_or(Syntax)
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, JsonError> {
        match self.peek().ok_or(Syntax)? {
            b'"' => self.string().map(Value::Str),
            b'{' => self.object(depth + 1, &mut ignore).map(Value::Object),
            b'[' => self.array(depth + 1).map(Value::Array),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Null),
            b'-' | b'0'..=b'9' => self.number().map(Value::Num),
            _ => Err(Syntax),
        }
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, JsonError> {
        let rest = self.src.as_bytes().get(self.pos..).ok_or(Syntax)?;
        if !rest.starts_with(word.as_bytes()) {
            return Err(Syntax);
        }
        self.pos += word.len();
        Ok(value)
    }

    /// `{ members }`; the position is at `{`. Returns the object's text.
    fn object<F>(&mut self, depth: usize, visit: &mut F) -> Result<&'a str, JsonError>
    where
        F: FnMut(JsonStr<'a>, Value<'a>),
    {
        if depth > MAX_DEPTH {
            return Err(Syntax);
        }
        let start = self.pos;
        self.pos += 1;
        let base = self.keys.as_ref().map_or(0, |k| k.len);
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return self.span(start);
        }
        loop {
            self.ws();
            let key_start = self.pos;
            let key = self.string()?;
            if let Some(keys) = self.keys.as_deref_mut() {
                // The raw name starts after the opening quote.
                keys.insert(self.src, base, key_start + 1, &key)?;
            }
            self.ws();
            self.expect(b':')?;
            self.ws();
            let value = self.value(depth)?;
            visit(key, value);
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => break,
                _ => return Err(Syntax),
            }
        }
        self.pos += 1;
        if let Some(keys) = self.keys.as_deref_mut() {
            keys.len = base;
        }
        self.span(start)
    }

    /// `[ values ]`; the position is at `[`. Returns the array's text.
    fn array(&mut self, depth: usize) -> Result<&'a str, JsonError> {
        if depth > MAX_DEPTH {
            return Err(Syntax);
        }
        let start = self.pos;
        self.pos += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return self.span(start);
        }
        loop {
            self.ws();
            self.value(depth)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                _ => return Err(Syntax),
            }
        }
        self.pos += 1;
        self.span(start)
    }

    /// A string; the position is at its opening quote.
    fn string(&mut self) -> Result<JsonStr<'a>, JsonError> {
        self.expect(b'"')?;
        let start = self.pos;
        let mut escaped = false;
        loop {
            // Skip plain characters in one pass; stop at `"`, `\` or a control character.
            let rest = self.src.as_bytes().get(self.pos..).ok_or(Syntax)?;
            let plain = rest.iter().position(|&b| STRING_STOP[usize::from(b)]);
            self.pos += plain.ok_or(Syntax)?;
            match self.peek().ok_or(Syntax)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    self.escape()?;
                }
                _ => return Err(Syntax), // control character
            }
        }
        let raw = self.span(start)?;
        self.pos += 1;
        Ok(JsonStr { raw, escaped })
    }

    /// One escape sequence; the position is at its backslash.
    fn escape(&mut self) -> Result<(), JsonError> {
        let bytes = self.src.as_bytes();
        match bytes.get(self.pos + 1).ok_or(Syntax)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {
                self.pos += 2;
                Ok(())
            }
            b'u' => {
                let unit = hex4(bytes.get(self.pos + 2..).ok_or(Syntax)?).ok_or(Syntax)?;
                self.pos += 6;
                match unit {
                    0xD800..=0xDBFF => self.low_surrogate(),
                    0xDC00..=0xDFFF => Err(Syntax), // lone low surrogate
                    _ => Ok(()),
                }
            }
            _ => Err(Syntax),
        }
    }

    /// The `\uXXXX` low surrogate that must follow a high surrogate.
    fn low_surrogate(&mut self) -> Result<(), JsonError> {
        let rest = self.src.as_bytes().get(self.pos..).ok_or(Syntax)?;
        if !rest.starts_with(b"\\u") {
            return Err(Syntax);
        }
        let unit = hex4(rest.get(2..).ok_or(Syntax)?).ok_or(Syntax)?;
        if !(0xDC00..=0xDFFF).contains(&unit) {
            return Err(Syntax);
        }
        self.pos += 6;
        Ok(())
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<&'a str, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Syntax),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digits_required()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.digits_required()?;
        }
        self.span(start)
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn digits_required(&mut self) -> Result<(), JsonError> {
        let start = self.pos;
        self.digits();
        if self.pos == start {
            Err(Syntax)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
