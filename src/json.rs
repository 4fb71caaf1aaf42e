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
//! Bounds: nesting deeper than [`MAX_DEPTH`] is rejected (the parser
//! recurses, and firmware stacks are small). Duplicate detection compares a
//! new key with the keys seen before it in the same object: the first
//! [`KEY_SLOTS`] keys of the open objects are remembered (as 4-byte spans:
//! names starting past byte 65535 or 32 KiB long are not), beyond that the
//! object is re-scanned, so very wide objects cost quadratic time in their
//! member count (bounded by the token length cap).

use core::fmt;

/// Deepest accepted nesting of objects and arrays (the top-level object is depth 1).
pub const MAX_DEPTH: usize = 16;

/// Member names remembered for duplicate detection before falling back to re-scanning.
const KEY_SLOTS: usize = 24;

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

/// The document is not strict JSON (or not an object at the top level).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Syntax;

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
pub(crate) fn parse_object<'a>(
    doc: &'a str,
    mut visit: impl FnMut(JsonStr<'a>, Value<'a>),
) -> Result<(), Syntax> {
    let mut keys = KeyStack {
        keys: [KeySpan::EMPTY; KEY_SLOTS],
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
        // On an invalid or finished array the iterator stays at its end.
        self.pos = if p.peek().is_some() {
            p.pos
        } else {
            self.src.len()
        };
        Some(value)
    }
}

/// Keys of the currently open objects, for duplicate detection.
struct KeyStack {
    keys: [KeySpan; KEY_SLOTS],
    len: usize,
}

/// Where a member name's raw text lies in the document: 4 bytes instead of
/// a 12-byte [`JsonStr`] on 32-bit targets, which keeps the parser's frame
/// small on firmware stacks. A name starting beyond byte 65535 or longer than
/// 32767 bytes is not remembered: its object falls back to re-scanning, as
/// when the slots run out.
#[derive(Clone, Copy)]
struct KeySpan {
    start: u16,
    /// The raw length, with [`KeySpan::ESCAPED`] set if it has escapes.
    len: u16,
}

impl KeySpan {
    const EMPTY: KeySpan = KeySpan { start: 0, len: 0 };
    const ESCAPED: u16 = 0x8000;

    /// The span of `key`, which starts at byte `start` of the document.
    fn new(start: usize, key: &JsonStr<'_>) -> Option<Self> {
        let len = u16::try_from(key.raw.len()).ok()?;
        if len & Self::ESCAPED != 0 {
            return None;
        }
        Some(Self {
            start: u16::try_from(start).ok()?,
            len: if key.escaped {
                len | Self::ESCAPED
            } else {
                len
            },
        })
    }

    /// Whether the name at this span of `doc` decodes to the same text as `key`.
    fn names(self, doc: &str, key: &JsonStr<'_>) -> bool {
        let escaped = self.len & Self::ESCAPED != 0;
        let len = usize::from(self.len & !Self::ESCAPED);
        if !escaped && !key.escaped && len != key.raw.len() {
            return false; // the common, cheap case: different lengths
        }
        let start = usize::from(self.start);
        doc.get(start..start + len)
            .is_some_and(|raw| JsonStr { raw, escaped }.eq_json(key))
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

    fn expect(&mut self, byte: u8) -> Result<(), Syntax> {
        if self.peek() != Some(byte) {
            return Err(Syntax);
        }
        self.pos += 1;
        Ok(())
    }

    /// The text from `start` to the current position.
    fn span(&self, start: usize) -> Result<&'a str, Syntax> {
        self.src.get(start..self.pos).ok_or(Syntax)
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, Syntax> {
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

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, Syntax> {
        let rest = self.src.as_bytes().get(self.pos..).ok_or(Syntax)?;
        if !rest.starts_with(word.as_bytes()) {
            return Err(Syntax);
        }
        self.pos += word.len();
        Ok(value)
    }

    /// `{ members }`; the position is at `{`. Returns the object's text.
    fn object<F>(&mut self, depth: usize, visit: &mut F) -> Result<&'a str, Syntax>
    where
        F: FnMut(JsonStr<'a>, Value<'a>),
    {
        if depth > MAX_DEPTH {
            return Err(Syntax);
        }
        let start = self.pos;
        self.pos += 1;
        let base = self.keys.as_ref().map_or(0, |k| k.len);
        let mut overflowed = false;
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return self.span(start);
        }
        loop {
            self.ws();
            let key_start = self.pos;
            let key = self.string()?;
            self.check_duplicate(key, start, key_start, base, &mut overflowed)?;
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

    /// Rejects `key` if an earlier member of the object at `obj_start` has the same name.
    fn check_duplicate(
        &mut self,
        key: JsonStr<'a>,
        obj_start: usize,
        key_start: usize,
        base: usize,
        overflowed: &mut bool,
    ) -> Result<(), Syntax> {
        let Some(keys) = self.keys.as_deref_mut() else {
            return Ok(());
        };
        let seen = keys.keys.get(base..keys.len).unwrap_or(&[]);
        if !*overflowed && seen.iter().any(|k| k.names(self.src, &key)) {
            return Err(Syntax);
        }
        if *overflowed {
            let prefix = self.src.get(obj_start..key_start).ok_or(Syntax)?;
            if rescan_has_key(prefix, &key)? {
                return Err(Syntax);
            }
        }
        // The raw name starts after the opening quote.
        match (
            keys.keys.get_mut(keys.len),
            KeySpan::new(key_start + 1, &key),
        ) {
            (Some(slot), Some(span)) => {
                *slot = span;
                keys.len += 1;
            }
            _ => *overflowed = true,
        }
        Ok(())
    }

    /// `[ values ]`; the position is at `[`. Returns the array's text.
    fn array(&mut self, depth: usize) -> Result<&'a str, Syntax> {
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
    fn string(&mut self) -> Result<JsonStr<'a>, Syntax> {
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
    fn escape(&mut self) -> Result<(), Syntax> {
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
    fn low_surrogate(&mut self) -> Result<(), Syntax> {
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
    fn number(&mut self) -> Result<&'a str, Syntax> {
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

    fn digits_required(&mut self) -> Result<(), Syntax> {
        let start = self.pos;
        self.digits();
        if self.pos == start {
            Err(Syntax)
        } else {
            Ok(())
        }
    }
}

/// Whether the already-validated object prefix `{ "k": v, ...,` names `key`.
fn rescan_has_key(prefix: &str, key: &JsonStr<'_>) -> Result<bool, Syntax> {
    let mut p = Parser {
        src: prefix,
        pos: 1,
        keys: None,
    };
    loop {
        p.ws();
        if p.peek().is_none() {
            return Ok(false);
        }
        if p.string()?.eq_json(key) {
            return Ok(true);
        }
        p.ws();
        p.expect(b':')?;
        p.ws();
        p.value(1)?;
        p.ws();
        p.expect(b',')?;
    }
}

#[cfg(test)]
mod tests;
