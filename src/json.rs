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
//! - duplicate detection keeps the member names of the open objects in fixed
//!   arrays (see [`KeyStack`]): at most [`MAX_MEMBERS`] names, as 16-bit
//!   offsets (a name must start within the first 64 KiB), plain ones sorted
//!   by their bytes (binary search: at most 7 word or `memcmp` comparisons,
//!   then a shift of at most 63 slots), and at most [`MAX_ESCAPED`] with
//!   escapes, checked when their object closes. A name that finds no room
//!   is [`JsonError::TooLarge`]: rejected, never checked by a slower path;
//! - arrays note whether they hold only strings while they are scanned
//!   ([`Value::StrArray`]), so `aud` is walked once more at most.

use core::cmp::Ordering;
use core::fmt;

/// Deepest accepted nesting of objects and arrays (the top-level object is depth 1).
pub const MAX_DEPTH: usize = 16;

/// Most member names the open objects of one document may hold together: an
/// object's own names plus, for a nested object, the names of the objects
/// around it up to and including the member that holds it. A document that
/// needs more is [`Error::TooLarge`](crate::Error::TooLarge).
pub const MAX_MEMBERS: usize = 64;

/// Why a document was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not strict JSON, not an object at the top level, or nested too deep.
    Syntax,
    /// More than [`MAX_MEMBERS`] member names open at once (or more than
    /// [`MAX_ESCAPED`] with escapes, or one decoding to more than
    /// [`MAX_ESCAPED_NAME`] bytes), or a name that starts beyond byte 65535.
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
    escapes: Escapes,
}

/// Whether a [`JsonStr`] holds escapes: a word, not a `bool`, so that the
/// string has no padding. With a `bool`, every move of a string (into a
/// [`Value`], a member, the header's and the claims' slots) also copied
/// its three bytes of padding, one or two at a time (issue 16).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
enum Escapes {
    No = 0,
    Yes = 1,
}

impl<'a> JsonStr<'a> {
    /// A string without escapes.
    pub(crate) const fn plain(raw: &'a str) -> Self {
        Self {
            raw,
            escapes: Escapes::No,
        }
    }

    /// A string, `escaped` if its text holds an escape.
    const fn new(raw: &'a str, escaped: bool) -> Self {
        Self {
            raw,
            escapes: if escaped { Escapes::Yes } else { Escapes::No },
        }
    }

    /// Whether its text holds an escape.
    const fn escaped(&self) -> bool {
        matches!(self.escapes, Escapes::Yes)
    }

    /// The text between the quotes, escapes not decoded.
    pub const fn raw(&self) -> &'a str {
        self.raw
    }

    /// The string itself when it contains no escape sequence, else `None`.
    pub const fn as_str(&self) -> Option<&'a str> {
        if self.escaped() { None } else { Some(self.raw) }
    }

    /// Whether the string contains escape sequences.
    pub const fn is_escaped(&self) -> bool {
        self.escaped()
    }

    /// The decoded characters.
    pub fn chars(&self) -> Chars<'a> {
        Chars {
            rest: self.raw.chars(),
        }
    }

    /// Whether the decoded string equals `other` (exact, case-sensitive).
    pub fn eq_str(&self, other: &str) -> bool {
        if self.escaped() {
            decodes_to(self.raw.as_bytes(), other.as_bytes())
        } else {
            same_bytes(self.raw.as_bytes(), other.as_bytes())
        }
    }

    /// Whether two JSON strings decode to the same text.
    pub fn eq_json(&self, other: &JsonStr<'_>) -> bool {
        if self.escaped() || other.escaped() {
            return self.chars().eq(other.chars());
        }
        // Cheap rejections before comparing the bytes (member names are short).
        let (a, b) = (self.raw.as_bytes(), other.raw.as_bytes());
        a.len() == b.len() && a.first() == b.first() && a.last() == b.last() && same_bytes(a, b)
    }

    /// Hands the decoded text to `piece` in pieces (runs of plain bytes,
    /// each escape's UTF-8 bytes; see [`for_each_piece`]), no buffer.
    pub(crate) fn for_each_piece(&self, piece: &mut dyn FnMut(&[u8])) {
        for_each_piece(self.raw.as_bytes(), &mut |bytes| {
            piece(bytes);
            true
        });
    }

    /// Whether the decoded string equals one of `set` (exact,
    /// case-sensitive). A plain string is compared by length, then bytes; a
    /// string with escapes is decoded once for all of `set`, never again per
    /// member.
    #[inline]
    pub(crate) fn is_one_of(&self, set: &[&str]) -> bool {
        if self.escaped() {
            return self.decoded_in(set);
        }
        let raw = self.raw.as_bytes();
        set.iter().any(|s| same_bytes(s.as_bytes(), raw))
    }

    /// [`JsonStr::is_one_of`] for a string with escapes: decoded once into a
    /// buffer of [`MAX_ESCAPED_NAME`] bytes and compared whole with each
    /// member; a longer one only with the members as long, decoding as it
    /// compares.
    #[inline(never)]
    fn decoded_in(&self, set: &[&str]) -> bool {
        let mut buf = [0u8; MAX_ESCAPED_NAME];
        match decode_raw(self.raw, &mut buf) {
            Some(text) => set.iter().any(|m| m.as_bytes() == text),
            None => set.iter().any(|m| {
                m.len() > MAX_ESCAPED_NAME && decodes_to(self.raw.as_bytes(), m.as_bytes())
            }),
        }
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
        decode_raw(self.raw, buf)
            .and_then(|text| core::str::from_utf8(text).ok())
            .ok_or(crate::Error::BufferTooSmall)
    }
}

/// Whether `a` and `b` are the same bytes, compared four at a time (a
/// `memcmp` from `compiler_builtins` compares one at a time, at ~7
/// instructions a byte on a Cortex-M4). Not constant-time: for public text.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let ((a_words, a_rest), (b_words, b_rest)) = (a.as_chunks::<4>(), b.as_chunks::<4>());
    a_words
        .iter()
        .zip(b_words)
        .all(|(x, y)| u32::from_ne_bytes(*x) == u32::from_ne_bytes(*y))
        && a_rest.iter().zip(b_rest).all(|(x, y)| x == y)
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
        if !self.escaped() {
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
        let after = self.rest.as_str();
        let (c, len) = unescape(after.as_bytes()).unwrap_or((char::REPLACEMENT_CHARACTER, 0));
        self.rest = after.get(len..).unwrap_or_default().chars();
        Some(c)
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
    /// An array holding at least one value that is not a string, its text
    /// including the brackets.
    Array(&'a str),
    /// An array whose elements are all strings (or that is empty), its text
    /// including the brackets; iterate it with [`Strings`].
    StrArray(&'a str),
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
    parse_into::<dyn Visit<'a>>(doc, &mut |member: &Member<'a>| {
        visit(member.key, member.value);
    })
}

/// What [`Parser::object`] hands each member of the object it parses.
///
/// One method, so that the table behind a `&mut dyn Visit` holds one entry:
/// through `&mut dyn FnMut`, every closure also carried a `call_once` shim
/// with its own inlined copy of the closure's body (184 bytes of flash for
/// the claims' visitor on Cortex-M).
///
/// It may return the slot where the member's value belongs, for the parser
/// to store the value there from its registers: a visitor that copied it out
/// of the member (which the parser had just written to the stack, a word at
/// a time) read it back in one 16-byte load that the store buffer cannot
/// forward, a stall of about a dozen cycles per member on x86-64 (issue 16).
trait Visit<'a> {
    fn member(&mut self, member: &Member<'a>) -> Option<&mut Option<Value<'a>>>;
}

impl<'a, F: FnMut(&Member<'a>)> Visit<'a> for F {
    #[inline(always)]
    fn member(&mut self, member: &Member<'a>) -> Option<&mut Option<Value<'a>>> {
        self(member);
        None
    }
}

/// [`Member::bit`] of a name that is not a known one written without escapes.
const NO_BIT: u32 = u32::MAX;

/// A member of the object being parsed, as a visitor is handed it.
struct Member<'a> {
    key: JsonStr<'a>,
    value: Value<'a>,
    /// The bit of its name among the [`KNOWN_NAMES`] (found by the
    /// duplicate check), if it is one written without escapes.
    /// [`NO_BIT`] otherwise. A word, not an `Option<u8>`, so that the member
    /// has no padding to copy (issue 16).
    bit: u32,
}

/// The registered member names a document type reads (the header's, the
/// claims'), each one of the [`KNOWN_NAMES`], with the table from a known
/// name's bit to its index here, built at compile time: a nibble per bit,
/// [`NO_SLOT`] for a name not wanted (32 bytes of flash per document type,
/// not 64; issue 16).
pub(crate) struct Wanted<const N: usize> {
    slot_of: SlotOf,
}

/// [`Wanted`]'s table: the index of the name whose bit is `b` in the low
/// nibble of byte `b / 2` for an even `b`, in the high nibble for an odd one.
type SlotOf = [u8; 32];

/// A nibble of [`SlotOf`] for a known name that is not wanted.
const NO_SLOT: u8 = 0xF;

impl<const N: usize> Wanted<N> {
    /// The table for `names`; a name that is not one of the [`KNOWN_NAMES`]
    /// fails the build.
    pub(crate) const fn new(names: [&'static str; N]) -> Self {
        assert!(N < NO_SLOT as usize);
        let mut slot_of = [NO_SLOT * 0x11; 32];
        let mut i = 0;
        while i < N {
            let name = names[i].as_bytes();
            assert!(name.len() <= 4, "not a known name");
            let word = pack(name);
            let slot = known_hash(word) as usize;
            assert!(KNOWN_SLOTS[slot] == word, "not a known name");
            let shift = 4 * (slot % 2);
            slot_of[slot / 2] = (slot_of[slot / 2] & !(0xF << shift)) | ((i as u8) << shift);
            i += 1;
        }
        Self { slot_of }
    }
}

/// Validates `doc` as one strict JSON object (as [`parse_object`]) and
/// puts the values of its top-level members named in `wanted` into `slots`,
/// in that order. A known name's value finds its slot through the bit that
/// the duplicate check found for it: no comparison of names. `slots` is
/// only meaningful when this returns `Ok`.
pub(crate) fn parse_members<'a, const N: usize>(
    doc: &'a str,
    wanted: &Wanted<N>,
    slots: &mut [Option<Value<'a>>; N],
) -> Result<(), JsonError> {
    collect_members(doc, &wanted.slot_of, slots)
}

/// [`parse_members`], one copy for every `N`.
fn collect_members<'a>(
    doc: &'a str,
    slot_of: &SlotOf,
    slots: &mut [Option<Value<'a>>],
) -> Result<(), JsonError> {
    parse_into::<CollectVisit<'_, 'a>>(doc, &mut Collect { slot_of, slots })
}

/// How [`collect_members`] hands [`Collect`] to the parser. On 64-bit
/// targets (hosts) by its own type: the parser's object loop gets a copy
/// with the visitor inlined, no indirect call per member (host HS256 about
/// 3 % faster, issue 16). On 32-bit targets (firmware) as a `dyn Visit`,
/// so that one copy of the loop (about 1.8 KiB on Cortex-M) serves every
/// visitor.
#[cfg(target_pointer_width = "64")]
type CollectVisit<'s, 'a> = Collect<'s, 'a>;
#[cfg(not(target_pointer_width = "64"))]
type CollectVisit<'s, 'a> = dyn Visit<'a> + 's;

/// [`parse_members`]' visitor: the slot of each wanted member.
struct Collect<'s, 'a> {
    slot_of: &'s SlotOf,
    slots: &'s mut [Option<Value<'a>>],
}

impl<'a> Visit<'a> for Collect<'_, 'a> {
    /// The slot of `member`'s value, if it is a wanted one.
    #[inline(always)]
    fn member(&mut self, member: &Member<'a>) -> Option<&mut Option<Value<'a>>> {
        let bit = match member.bit {
            // A name with escapes: decoded, then looked up as a plain one (a
            // decoded NUL would pack as the name without it).
            NO_BIT if member.key.escaped() => {
                let mut text = [0u8; 5];
                decode_raw(member.key.raw, &mut text)
                    .filter(|name| name.len() <= 4 && !name.contains(&0))
                    .and_then(|name| known_bit(pack(name)))
            }
            NO_BIT => None,
            bit => Some(bit as usize), // < 64
        };
        let slot_of = self.slot_of;
        let slot = bit.and_then(|bit| Some((slot_of.get(bit / 2)? >> (4 * (bit % 2))) & 0xF));
        // (`NO_SLOT` is beyond `slots`.)
        self.slots.get_mut(usize::from(slot?))
    }
}

/// [`parse_object`] and [`parse_members`]: the whole document, its
/// top-level members to `visit`.
#[inline(never)]
fn parse_into<'a, V: Visit<'a> + ?Sized>(doc: &'a str, visit: &mut V) -> Result<(), JsonError> {
    let mut keys = Names::new();
    // Taken here, from the `Names` just built (so a constant), not loaded
    // back inside `object` (see its `mark`).
    let mark = keys.mark();
    let mut p = Parser {
        src: doc,
        pos: 0,
        keys: Some(&mut keys),
    };
    p.ws();
    if p.peek() != Some(b'{') {
        return Err(Syntax);
    }
    p.object(1, visit, Some(mark))?;
    p.ws();
    crate::cost::add(p.pos);
    if p.pos == doc.len() {
        Ok(())
    } else {
        Err(Syntax)
    }
}

/// The values of the top-level members `names` of `doc`, a document that
/// [`parse_object`] already accepted (so no duplicate can hide another): one
/// more pass over it, without duplicate detection, whatever the number of names.
pub(crate) fn find_members<'a, const N: usize>(
    doc: &'a str,
    names: [&str; N],
) -> [Option<Value<'a>>; N] {
    let mut found = [None; N];
    let mut p = Parser {
        src: doc,
        pos: 0,
        keys: None,
    };
    p.ws();
    let mut find = Find {
        names: &names,
        found: &mut found,
    };
    let _ = p.object::<dyn Visit<'a>>(1, &mut find, None);
    found
}

/// [`find_members`]' visitor: the slot of each member named in `names`
/// (compared as decoded text), for the parser to store its value in, as
/// [`Collect`]'s.
struct Find<'s, 'a> {
    names: &'s [&'s str],
    found: &'s mut [Option<Value<'a>>],
}

impl<'a> Visit<'a> for Find<'_, 'a> {
    fn member(&mut self, member: &Member<'a>) -> Option<&mut Option<Value<'a>>> {
        let at = self.names.iter().position(|name| member.key.eq_str(name))?;
        self.found.get_mut(at)
    }
}

/// The elements of an array already validated by [`parse_object`] (a JWK
/// Set's `keys`; the tests' reference for [`Strings`]).
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

/// The elements of a [`Value::StrArray`], in one forward pass: each string
/// is found by its closing quote, without re-parsing (the scanner validated
/// the array and saw only strings in it).
#[derive(Clone, Debug)]
pub(crate) struct Strings<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Strings<'a> {
    /// Iterates the all-strings array whose text (brackets included) is `array`.
    pub(crate) const fn new(array: &'a str) -> Self {
        Self { src: array, pos: 0 }
    }
}

impl<'a> Strings<'a> {
    /// Whether an element equals one of `set` (see [`JsonStr::is_one_of`]):
    /// one pass, each element compared as it is found.
    pub(crate) fn any_in(mut self, set: &[&str]) -> bool {
        while let Some(s) = self.step() {
            if s.is_one_of(set) {
                return true;
            }
        }
        false
    }

    /// The next element. Inlined into [`Strings::any_in`]'s loop, where an
    /// element handed back through memory cost more than finding it.
    #[inline(always)]
    fn step(&mut self) -> Option<JsonStr<'a>> {
        let bytes = self.src.as_bytes();
        // Between strings there is only `[`, `,`, whitespace (and `]` at the end).
        let gap = bytes
            .get(self.pos..)?
            .iter()
            .position(|&b| !matches!(b, b'[' | b',' | b' ' | b'\t' | b'\n' | b'\r'))?;
        let start = self.pos + gap + 1;
        if bytes.get(start - 1) != Some(&b'"') {
            self.pos = bytes.len();
            return None;
        }
        let mut end = start;
        let mut escaped = false;
        loop {
            // Validated text: no control character stops it.
            end = words::stop_at(bytes, end);
            if bytes.get(end)? == &b'"' {
                break;
            }
            // An escape: its second character is never a quote to stop at
            // (and `\uXXXX`'s digits hold neither quotes nor backslashes).
            escaped = true;
            end += 2;
        }
        crate::cost::add(end + 1 - self.pos);
        self.pos = end + 1;
        let raw = self.src.get(start..end)?;
        Some(JsonStr::new(raw, escaped))
    }
}

impl<'a> Iterator for Strings<'a> {
    type Item = JsonStr<'a>;

    fn next(&mut self) -> Option<JsonStr<'a>> {
        self.step()
    }
}

/// Member names of the currently open objects, for duplicate detection.
///
/// Names without escapes (all but a handful in real documents) are kept as
/// where their text starts (after the opening quote, as a 16-bit offset);
/// one object's names are contiguous and sorted by their bytes, so a new
/// name is found by binary search of word and `memcmp` comparisons. Names
/// with escapes are few — at most [`MAX_ESCAPED`] open at once, each
/// decoding to at most [`MAX_ESCAPED_NAME`] bytes — and are checked when
/// their object closes: each is decoded once and looked up among the
/// object's (then complete) plain names, and compared with the object's
/// other escaped names. A nested object's names sit above those of the
/// objects around it and are dropped when it closes.
struct KeyStack {
    starts: [u16; MAX_MEMBERS],
    escaped: [u16; MAX_ESCAPED],
}

impl KeyStack {
    /// Zeroed slots (144 bytes: zeroed only when needed, see [`Names`]).
    const fn new() -> Self {
        Self {
            starts: [0; MAX_MEMBERS],
            escaped: [0; MAX_ESCAPED],
        }
    }
}

/// The member names of the open objects: how many there are (the
/// [`KNOWN_NAMES`] among them are marked in their object's own [`Seen`]
/// bits), the others in a [`KeyStack`] that is set up (its slots zeroed)
/// only when the first of them comes: a header of registered names never
/// needs one.
struct Names {
    /// All names open, known or not (at most [`MAX_MEMBERS`]).
    open: usize,
    /// Names in `stack.starts`.
    len: usize,
    /// Names in `stack.escaped`.
    escaped_len: usize,
    stack: Option<KeyStack>,
}

/// The member names of the JOSE header, the JWT claims and the JWK
/// registries that real tokens and key sets use most, all of at most four
/// bytes. A name among them, written without escapes, is checked for
/// duplicates by one bit of its object's [`Seen`]: a multiply, a shift and a
/// table load, instead of a binary search among the object's names.
const KNOWN_NAMES: [&str; 43] = [
    "alg", "typ", "kid", "cty", "crit", "jku", "jwk", "x5u", "x5c", "x5t", "b64", "zip", "iss",
    "sub", "aud", "exp", "nbf", "iat", "jti", "azp", "scp", "cnf", "sid", "amr", "acr", "cid",
    "uid", "ver", "tid", "oid", "upn", "idp", "name", "kty", "use", "crv", "x", "y", "n", "e",
    "keys", "d", "k",
];

/// A name of at most four bytes as a little-endian word, zero-padded: one
/// to one for names without a NUL byte, which a name only holds decoded from
/// `\u0000` (unescaped, it is a control character; see [`Names::check_escaped`]).
const fn pack(name: &[u8]) -> u32 {
    let mut word = 0u32;
    let mut i = 0;
    while i < name.len() && i < 4 {
        word |= (name[i] as u32) << (8 * i);
        i += 1;
    }
    word
}

/// The slot of a packed name in [`KNOWN_SLOTS`]: a multiplicative hash,
/// its multiplier searched for so that the [`KNOWN_NAMES`] fall in distinct
/// slots (checked when the table is built, at compile time).
const fn known_hash(word: u32) -> u32 {
    (word ^ (word >> 11)).wrapping_mul(0x5d96_87fd) >> 26
}

/// [`KNOWN_NAMES`] packed, each at its [`known_hash`] slot; `u32::MAX`
/// (bytes no UTF-8 text holds) in the empty ones.
const KNOWN_SLOTS: [u32; 64] = {
    let mut slots = [u32::MAX; 64];
    let mut i = 0;
    while i < KNOWN_NAMES.len() {
        let name = KNOWN_NAMES[i].as_bytes();
        assert!(name.len() <= 4);
        let word = pack(name);
        let slot = known_hash(word) as usize;
        assert!(slots[slot] == u32::MAX, "two known names share a slot");
        slots[slot] = word;
        i += 1;
    }
    slots
};

/// The bit (0 to 63) of the known name packed in `word` (see [`pack`]), if
/// it is one.
#[inline(always)]
fn known_bit(word: u32) -> Option<usize> {
    let slot = known_hash(word) as usize;
    (KNOWN_SLOTS.get(slot) == Some(&word)).then_some(slot)
}

/// The plain name of `len` (at most 4) bytes at byte `start` of `doc`,
/// packed (see [`pack`]) from one 4-byte load: the bytes after the name are
/// its closing quote and more (`None` if the document ends first).
#[inline(always)]
fn pack_at(doc: &str, start: u16, len: usize) -> Option<u32> {
    let head = doc
        .as_bytes()
        .get(usize::from(start)..)?
        .first_chunk::<4>()?;
    const KEEP: [u32; 5] = [0, 0xFF, 0xFFFF, 0xFF_FFFF, u32::MAX];
    Some(u32::from_le_bytes(*head) & KEEP.get(len)?)
}

/// The [`KNOWN_NAMES`] one open object holds, a bit each, in two 32-bit
/// words (64-bit shifts cost a dozen instructions on a 32-bit core).
type Seen = [u32; 2];

/// Most member names with escapes open at once in one document (they count
/// towards [`MAX_MEMBERS`] too); more is [`JsonError::TooLarge`].
pub(crate) const MAX_ESCAPED: usize = 8;

/// Longest decoded text of a member name with escapes, in bytes; longer is
/// [`JsonError::TooLarge`].
pub(crate) const MAX_ESCAPED_NAME: usize = 64;

/// Where an object's names begin in the [`KeyStack`].
#[derive(Clone, Copy)]
struct Mark {
    plain: usize,
    escaped: usize,
    open: usize,
}

impl Names {
    const fn new() -> Self {
        Self {
            open: 0,
            len: 0,
            escaped_len: 0,
            stack: None,
        }
    }

    const fn mark(&self) -> Mark {
        Mark {
            plain: self.len,
            escaped: self.escaped_len,
            open: self.open,
        }
    }

    /// Records the name `key`, whose text starts at byte `start` of `doc`,
    /// among the names of its object (from `mark` on; a known name in the
    /// object's `seen`). A plain name already there is [`Syntax`] (a
    /// duplicate); no room, or a name starting past byte 65535, is
    /// [`JsonError::TooLarge`]. Names with escapes are only recorded here:
    /// [`Names::check_escaped`] checks them.
    #[inline(always)]
    fn insert(
        &mut self,
        doc: &str,
        mark: Mark,
        seen: &mut Seen,
        start: usize,
        key: &JsonStr<'_>,
    ) -> Result<Option<u8>, JsonError> {
        // (`u16::try_from` compiled to a dozen instructions here.)
        if start > usize::from(u16::MAX) || self.open >= MAX_MEMBERS {
            return Err(JsonError::TooLarge);
        }
        let start = start as u16; // just checked
        self.open += 1;
        let len = key.raw.len();
        if !key.escaped()
            && len <= 4
            && let Some(bit) = pack_at(doc, start, len).and_then(known_bit)
        {
            crate::cost::add(1);
            let (word, mask) = (seen.get_mut(bit >> 5).ok_or(Syntax)?, 1 << (bit & 31));
            if *word & mask != 0 {
                return Err(Syntax);
            }
            *word |= mask;
            return Ok(Some(bit as u8)); // < 64
        }
        self.record(doc, mark, start, key).map(|()| None)
    }

    /// Closes the object that began at `mark`: checks its names with escapes
    /// (see [`Names::check_escaped`]), then drops all its names.
    #[inline(always)]
    fn close(&mut self, doc: &str, mark: Mark, seen: Seen) -> Result<(), JsonError> {
        if self.escaped_len != mark.escaped {
            self.check_escaped(doc, mark, seen)?;
        }
        self.len = mark.plain;
        self.escaped_len = mark.escaped;
        self.open = mark.open;
        Ok(())
    }

    /// [`Names::insert`] for a name not in [`KNOWN_NAMES`], into the
    /// [`KeyStack`] (set up by the first one): out of line, so that the
    /// known names' path needs no frame.
    #[inline(never)]
    fn record(
        &mut self,
        doc: &str,
        mark: Mark,
        start: u16,
        key: &JsonStr<'_>,
    ) -> Result<(), JsonError> {
        let len = self.len;
        let stack = self.stack.get_or_insert_with(KeyStack::new);
        if key.escaped() {
            let slot = stack
                .escaped
                .get_mut(self.escaped_len)
                .ok_or(JsonError::TooLarge)?;
            *slot = start;
            self.escaped_len += 1;
            return Ok(());
        }
        let names = stack.starts.get(mark.plain..len).ok_or(Syntax)?;
        let at = match find_plain(doc, names, key.raw.as_bytes()) {
            Ok(_) => return Err(Syntax),
            Err(at) => mark.plain + at,
        };
        crate::cost::add(len - at + 1);
        // Shift `at..len` up by one and put the name at `at`: a chain of
        // swaps, which neither panics nor links `memmove` (0.7 KiB of flash
        // on Cortex-M); at most 63 slots.
        let mut carry = start;
        for slot in stack.starts.get_mut(at..=len).unwrap_or(&mut []) {
            core::mem::swap(slot, &mut carry);
        }
        self.len = len + 1;
        Ok(())
    }

    /// Checks the names with escapes of the object that began at `mark`
    /// against its plain names (and its known names, `seen`) and against
    /// each other, when it closes.
    ///
    /// Each name with escapes is decoded once (at most [`MAX_ESCAPED_NAME`]
    /// bytes), looked up among the plain names, and reduced to a 64-bit
    /// fingerprint (a hash of its decoded bytes, and its length). Two of them
    /// are compared character by character only when their fingerprints are
    /// equal, which ends the parse either way: equal text is a duplicate
    /// ([`Syntax`]), different text is [`JsonError::TooLarge`] (a collision
    /// only a crafted document produces, about 2^-58 per object otherwise).
    /// So the work stays linear in the names' length whatever they share,
    /// with no more stack than one decoded name.
    /// Out of line: most objects have no name with escapes.
    #[inline(never)]
    fn check_escaped(&self, doc: &str, mark: Mark, seen: Seen) -> Result<(), JsonError> {
        let Some(stack) = &self.stack else {
            return Ok(());
        };
        let escaped = stack
            .escaped
            .get(mark.escaped..self.escaped_len)
            .unwrap_or(&[]);
        let plain = stack.starts.get(mark.plain..self.len).unwrap_or(&[]);
        // First each name's state: its fingerprint, or `TOO_LONG` (it decodes
        // to more than `MAX_ESCAPED_NAME` bytes), or `IN_PLAIN` (a plain or
        // known name of the object equals it); then the names in order, each
        // `TooLarge` if too long, a duplicate if a plain name or a later name
        // with escapes equals it. (So a duplicate pair is reported before a
        // too-long name that follows its first member, as the first problem
        // in document order.) A fingerprint is neither: its top byte is the
        // length, 1 to `MAX_ESCAPED_NAME`.
        const TOO_LONG: u64 = 0;
        const IN_PLAIN: u64 = u64::MAX;
        let mut states = [TOO_LONG; MAX_ESCAPED];
        for ((&start, state), i) in escaped.iter().zip(&mut states).zip(0..) {
            let mut text = [0u8; MAX_ESCAPED_NAME];
            let name = doc.get(usize::from(start)..).unwrap_or_default();
            let Some(len) = decode_raw(name, &mut text).map(<[u8]>::len) else {
                continue;
            };
            let ours = text.get(..len).unwrap_or_default();
            crate::cost::add(len + 7 + i);
            // A plain name holds no `"` and no `\`: only text without them can
            // equal one (and only such text is ordered like the plain names).
            // A known name is among the object's `seen` bits, never in
            // `plain`. (`text` is zero-padded: a decoded NUL, `\u0000`,
            // would make `k\u0000` pack as `k`.)
            let known = match text.first_chunk::<4>() {
                Some(head) if len <= 4 && !ours.contains(&0) => {
                    known_bit(u32::from_le_bytes(*head))
                }
                _ => None,
            };
            let in_plain = if let Some(bit) = known {
                let word = seen.get(bit >> 5).copied().unwrap_or(0);
                word & (1 << (bit & 31)) != 0
            } else if !ours.iter().any(|&b| b == b'"' || b == b'\\') {
                find_plain(doc, plain, ours).is_ok()
            } else {
                false
            };
            *state = if in_plain {
                IN_PLAIN
            } else {
                fingerprint(&text, len)
            };
        }
        let count = escaped.len().min(MAX_ESCAPED);
        for i in 0..count {
            let print = match states.get(i).copied().unwrap_or(TOO_LONG) {
                TOO_LONG => return Err(JsonError::TooLarge),
                IN_PLAIN => return Err(Syntax),
                print => print,
            };
            let later = states.get(i + 1..count).unwrap_or(&[]);
            if let Some(at) = later.iter().position(|&p| p == print) {
                let (Some(&this), Some(&other)) = (escaped.get(i), escaped.get(i + 1 + at)) else {
                    return Err(Syntax);
                };
                // Both decode to at most `MAX_ESCAPED_NAME` bytes (they have
                // fingerprints).
                let name = |start: u16| doc.get(usize::from(start)..).unwrap_or_default();
                let mut text = [0u8; MAX_ESCAPED_NAME];
                let same = decode_raw(name(this), &mut text)
                    .is_some_and(|text| decodes_to(name(other).as_bytes(), text));
                return Err(if same { Syntax } else { JsonError::TooLarge });
            }
        }
        Ok(())
    }
}

/// A 64-bit fingerprint of the decoded name `text`, held zero-padded in
/// `row`: a multiply-xorshift hash of the row's 8 words, the length in the
/// top byte. Equal texts have equal fingerprints; the converse is what
/// [`Names::check_escaped`] checks.
fn fingerprint(row: &[u8; MAX_ESCAPED_NAME], len: usize) -> u64 {
    let (words, _) = row.as_chunks::<8>();
    let hash = words.iter().fold(0x243f_6a88_85a3_08d3u64, |h, &word| {
        let h = (h ^ u64::from_le_bytes(word)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 29)
    });
    (hash >> 8) | ((len as u64) << 56)
}

/// Hands the decoded text of a validated string, `text` (up to its closing
/// quote or its end), to `piece` piece by piece: each run of plain bytes as
/// it is, each escape as the UTF-8 bytes of its character; stops as soon as
/// `piece` returns `false`. Whether every piece was taken. Bytes, not
/// `char`s: no UTF-8 decoding of the plain runs. Out of line, as are its
/// two users: one copy each.
#[inline(never)]
fn for_each_piece(text: &[u8], piece: &mut dyn FnMut(&[u8]) -> bool) -> bool {
    let mut at = 0;
    loop {
        // Validated text: no control character stops it.
        let end = words::stop_at(text, at);
        let run = text.get(at..end).unwrap_or_default();
        crate::cost::add(run.len() + 1); // the run, and the escape after it
        if !run.is_empty() && !piece(run) {
            return false;
        }
        if text.get(end) != Some(&b'\\') {
            return true; // the closing quote, or the end
        }
        // (Unreachable `None` for validated text: refused, not skipped.)
        let after = text.get(end + 1..).unwrap_or_default();
        let Some((c, len)) = unescape(after) else {
            return false;
        };
        let mut utf8 = [0u8; 4];
        if !piece(c.encode_utf8(&mut utf8).as_bytes()) {
            return false;
        }
        at = end + 1 + len;
    }
}

/// Decodes the text of a validated string, `text` (up to its closing quote
/// or its end), into `buf`; `None` if it does not fit.
#[inline(never)]
fn decode_raw<'b>(text: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut len = 0usize;
    let fits = for_each_piece(text.as_bytes(), &mut |piece| {
        let Some(to) = buf.get_mut(len..len + piece.len()) else {
            return false;
        };
        // (A byte loop: `copy_from_slice` would link its length panic.)
        for (to, from) in to.iter_mut().zip(piece) {
            *to = *from;
        }
        len += piece.len();
        true
    });
    if fits { buf.get(..len) } else { None }
}

/// Whether the validated string `text` (up to its closing quote or its end)
/// decodes to exactly `expected`, compared piece by piece (see
/// [`for_each_piece`]): no buffer, no length limit.
#[inline(never)]
fn decodes_to(text: &[u8], mut expected: &[u8]) -> bool {
    for_each_piece(text, &mut |piece| match expected.strip_prefix(piece) {
        Some(rest) => {
            expected = rest;
            true
        }
        None => false,
    }) && expected.is_empty()
}

/// Where the name `name` (text without `"` or `\\`) is among the sorted
/// plain names starting at `names` in `doc` (see [`compare_plain`]), as
/// [`slice::binary_search`] tells it. Out of line: one copy for
/// [`Names::record`] and [`Names::check_escaped`].
#[inline(never)]
fn find_plain(doc: &str, names: &[u16], name: &[u8]) -> Result<usize, usize> {
    let probe = Probe::new(name);
    names.binary_search_by(|&s| compare_plain(doc, s, &probe))
}

/// Bytes in a [`Probe`]'s head: a machine word (4 bytes on 32-bit
/// targets, where a 64-bit head cost more code than it saved).
const HEAD: usize = size_of::<usize>();

/// A name to look up among the plain names, with its first bytes as a word.
#[derive(Clone, Copy)]
struct Probe<'n> {
    /// The name's text (no `"`, no `\`).
    name: &'n [u8],
    /// The first [`HEAD`] bytes of `name + '"'`, big-endian, zero-padded.
    head: usize,
    /// Which bytes of a stored name's first [`HEAD`] `head` covers.
    mask: usize,
}

impl<'n> Probe<'n> {
    fn new(name: &'n [u8]) -> Self {
        let mut word = [0u8; HEAD];
        let covered = (name.len() + 1).min(HEAD);
        for (w, b) in word
            .iter_mut()
            .zip(name.iter().chain(core::iter::once(&b'"')))
        {
            *w = *b;
        }
        Self {
            name,
            head: usize::from_be_bytes(word),
            mask: usize::MAX << (8 * (HEAD - covered)),
        }
    }
}

/// Orders the name without escapes whose text starts at byte `start` of
/// `doc` against the probe's name (text without `"` or `\`), as the byte
/// strings `stored + '"'` and `name + '"'`: a total order in which equal
/// names, and only they, compare equal. The first [`HEAD`] bytes compare as
/// one word (all of a shorter name, closing quote included); the rest, if
/// any, by `memcmp`: a shorter stored name's closing quote is where the two
/// differ.
#[inline(never)]
fn compare_plain(doc: &str, start: u16, probe: &Probe<'_>) -> Ordering {
    let name = probe.name;
    crate::cost::add(name.len() / 8 + 1);
    let stored = doc.as_bytes().get(usize::from(start)..).unwrap_or(&[]);
    let skip = match stored.first_chunk::<HEAD>() {
        Some(head) => match (usize::from_be_bytes(*head) & probe.mask).cmp(&probe.head) {
            Ordering::Equal if name.len() < HEAD => return Ordering::Equal,
            Ordering::Equal => HEAD,
            unequal => return unequal,
        },
        None => 0,
    };
    match (stored.get(skip..name.len()), name.get(skip..)) {
        (Some(prefix), Some(rest)) => match prefix.cmp(rest) {
            Ordering::Equal => stored
                .get(name.len())
                .map_or(Ordering::Less, |b| b.cmp(&b'"')),
            unequal => unequal,
        },
        // Unreachable for validated text (a name is followed by its quote).
        _ => Ordering::Less,
    }
}

struct Parser<'a, 'k> {
    src: &'a str,
    pos: usize,
    /// `None` when re-reading text that was already validated (no duplicate checks).
    keys: Option<&'k mut Names>,
}

/// A visitor for nested objects, whose members are validated but not reported.
fn ignore(_: &Member<'_>) {}

impl<'a> Parser<'a, '_> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn ws(&mut self) {
        let mut pos = self.pos;
        skip_ws(self.src.as_bytes(), &mut pos);
        self.pos = pos;
    }

    /// The text from `start` to the current position.
    fn span(&self, start: usize) -> Result<&'a str, JsonError> {
        self.src.get(start..self.pos).ok_or(Syntax)
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, JsonError> {
        match self.peek().ok_or(Syntax)? {
            b'"' => self.string().map(Value::Str),
            b'{' => {
                let mark = self.keys.as_ref().map(|keys| keys.mark());
                // (Through `dyn Visit`: one more copy of the loop for
                // nested objects would be one too many.)
                self.object::<dyn Visit<'a>>(depth + 1, &mut ignore, mark)
                    .map(Value::Object)
            }
            b'[' => self.array(depth + 1),
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
    ///
    /// The position is kept in a local (`pos`) that only inlined scanners
    /// touch, so it stays in a register; it goes back to `self.pos` only
    /// around the out-of-line [`Parser::value`] (nested objects, arrays,
    /// literals).
    ///
    /// `V` is `dyn Visit` but for [`Collect`] on 64-bit targets (see
    /// [`CollectVisit`]): called through a pointer, one copy of this loop
    /// serves every visitor (a copy per visitor cost ~1.8 KiB of flash each
    /// on Cortex-M).
    ///
    /// `mark` is where the object's names begin among the [`Names`] (`None`
    /// without duplicate checks): the caller's to say, so that a document's
    /// top-level object does not load it back from the `Names` just
    /// initialized (a load over two overlapping zeroing stores, which the
    /// store buffer cannot forward on x86-64).
    fn object<V: Visit<'a> + ?Sized>(
        &mut self,
        depth: usize,
        visit: &mut V,
        mark: Option<Mark>,
    ) -> Result<&'a str, JsonError> {
        if depth > MAX_DEPTH {
            return Err(Syntax);
        }
        let src = self.src;
        let bytes = src.as_bytes();
        let start = self.pos;
        let mut pos = start + 1;
        let mut seen: Seen = [0; 2];
        skip_ws(bytes, &mut pos);
        if bytes.get(pos) == Some(&b'}') {
            self.pos = pos + 1;
            return self.span(start);
        }
        loop {
            skip_ws(bytes, &mut pos);
            let key_start = pos;
            let key = scan_string::<true>(src, &mut pos)?;
            let mut bit = None;
            if let (Some(keys), Some(mark)) = (self.keys.as_deref_mut(), mark) {
                // The raw name starts after the opening quote.
                bit = keys.insert(src, mark, &mut seen, key_start + 1, &key)?;
            }
            skip_ws(bytes, &mut pos);
            if bytes.get(pos) != Some(&b':') {
                return Err(Syntax);
            }
            pos += 1;
            skip_ws(bytes, &mut pos);
            // Strings and numbers without the detour through `value`.
            let value = match bytes.get(pos) {
                Some(b'"') => Value::Str(scan_string::<false>(src, &mut pos)?),
                Some(b'-' | b'0'..=b'9') => Value::Num(scan_number(src, &mut pos)?),
                _ => {
                    self.pos = pos;
                    let value = self.value(depth)?;
                    pos = self.pos;
                    value
                }
            };
            let member = Member {
                key,
                value,
                bit: bit.map_or(NO_BIT, u32::from),
            };
            if let Some(slot) = visit.member(&member) {
                *slot = Some(value);
            }
            skip_ws(bytes, &mut pos);
            match bytes.get(pos) {
                Some(b',') => pos += 1,
                Some(b'}') => break,
                _ => return Err(Syntax),
            }
        }
        pos += 1;
        self.pos = pos;
        if let (Some(keys), Some(mark)) = (self.keys.as_deref_mut(), mark) {
            keys.close(src, mark, seen)?;
        }
        self.span(start)
    }

    /// `[ values ]`; the position is at `[`. Returns the array, telling
    /// whether all its elements are strings (noted while scanning it, so no
    /// later pass has to check).
    fn array(&mut self, depth: usize) -> Result<Value<'a>, JsonError> {
        if depth > MAX_DEPTH {
            return Err(Syntax);
        }
        let start = self.pos;
        self.pos += 1;
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return self.span(start).map(Value::StrArray);
        }
        let mut all_strings = true;
        loop {
            self.ws();
            // Strings and numbers, the common elements, without the detour
            // through `value` (no `Value` is built for them).
            match self.peek() {
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'-' | b'0'..=b'9') => {
                    self.number()?;
                    all_strings = false;
                }
                _ => all_strings &= matches!(self.value(depth)?, Value::Str(_)),
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                _ => return Err(Syntax),
            }
        }
        self.pos += 1;
        let text = self.span(start)?;
        Ok(if all_strings {
            Value::StrArray(text)
        } else {
            Value::Array(text)
        })
    }

    /// A string; the position is at its opening quote.
    fn string(&mut self) -> Result<JsonStr<'a>, JsonError> {
        let mut pos = self.pos;
        let string = scan_string::<false>(self.src, &mut pos)?;
        self.pos = pos;
        Ok(string)
    }

    /// A number; the position is at its first character.
    fn number(&mut self) -> Result<&'a str, JsonError> {
        let mut pos = self.pos;
        let number = scan_number(self.src, &mut pos)?;
        self.pos = pos;
        Ok(number)
    }
}

/// Skips whitespace from `*pos`.
#[inline(always)]
fn skip_ws(bytes: &[u8], pos: &mut usize) {
    // Compact JSON, what tokens hold, has none: one comparison (whitespace
    // and the control characters are all at most b' ').
    if bytes.get(*pos).is_some_and(|&b| b > b' ') {
        return;
    }
    *pos = whitespace_end(bytes, *pos);
}

/// Where the run of whitespace at `at` ends: [`skip_ws`]'s loop, out of
/// line (one copy for its five places in [`Parser::object`]).
#[inline(never)]
fn whitespace_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// A string whose opening quote is at `*pos`; `*pos` ends after its closing
/// quote. Runs of plain characters are skipped a word at a time (see
/// [`words`]); an escape is validated out of line.
#[inline(always)]
fn scan_string<'a, const NAME: bool>(
    src: &'a str,
    pos: &mut usize,
) -> Result<JsonStr<'a>, JsonError> {
    let bytes = src.as_bytes();
    if bytes.get(*pos) != Some(&b'"') {
        return Err(Syntax);
    }
    let start = *pos + 1;
    let mut end = start;
    let mut escaped = false;
    loop {
        // Skip plain characters; stop at `"`, `\\` or a control character
        // (or the end of the document, which is no closing quote). A
        // member name's first word inline: most names end within it.
        end = if NAME {
            words::stop_at_short(bytes, end)
        } else {
            words::stop_at(bytes, end)
        };
        match bytes.get(end) {
            Some(b'"') => break,
            Some(b'\\') => {
                escaped = true;
                let after = bytes.get(end + 1..).unwrap_or_default();
                let (_, len) = unescape(after).ok_or(Syntax)?;
                end += 1 + len;
            }
            _ => return Err(Syntax), // control character
        }
    }
    let raw = src.get(start..end).ok_or(Syntax)?;
    *pos = end + 1;
    Ok(JsonStr::new(raw, escaped))
}

/// The escape sequence whose text after the backslash starts `after`: the
/// character it stands for and how many bytes of `after` it takes; `None`
/// if it is not one (an unknown letter, hex digits missing, a lone
/// surrogate). One function for the scanner, which validates, and the
/// decoders. Out of line: most strings have no escape.
#[inline(never)]
fn unescape(after: &[u8]) -> Option<(char, usize)> {
    let c = match *after.first()? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let unit = hex4(after.get(1..)?)?;
            if !(0xD800..0xDC00).contains(&unit) {
                // A lone low surrogate is no `char`: `None`.
                return Some((char::from_u32(unit)?, 5));
            }
            // A high surrogate: its low surrogate must follow.
            let low = match after.get(5..)? {
                [b'\\', b'u', rest @ ..] => hex4(rest)?,
                _ => return None,
            };
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            let c = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?;
            return Some((c, 11));
        }
        _ => return None,
    };
    Some((c, 1))
}

/// A number at `*pos`: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`;
/// `*pos` ends after it. Out of line: one copy for member values and
/// array elements (on 32-bit targets; on 64-bit ones, hosts, inlined).
#[cfg_attr(target_pointer_width = "64", inline(always))]
#[cfg_attr(not(target_pointer_width = "64"), inline(never))]
fn scan_number<'a>(src: &'a str, pos: &mut usize) -> Result<&'a str, JsonError> {
    let bytes = src.as_bytes();
    let start = *pos;
    let mut at = start;
    if bytes.get(at) == Some(&b'-') {
        at += 1;
    }
    match bytes.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => at = digits(bytes, at),
        _ => return Err(Syntax),
    }
    if bytes.get(at) == Some(&b'.') {
        at = digits_required(bytes, at + 1)?;
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        if let Some(b'+' | b'-') = bytes.get(at) {
            at += 1;
        }
        at = digits_required(bytes, at)?;
    }
    let number = src.get(start..at).ok_or(Syntax)?;
    *pos = at;
    Ok(number)
}

/// Where the run of digits from `at` ends.
#[inline(always)]
fn digits(bytes: &[u8], at: usize) -> usize {
    let run = bytes.get(at..).unwrap_or_default();
    at + run.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// [`digits`], at least one.
fn digits_required(bytes: &[u8], at: usize) -> Result<usize, JsonError> {
    let end = digits(bytes, at);
    if end == at { Err(Syntax) } else { Ok(end) }
}

mod words;

#[cfg(test)]
mod tests;
