//! Structure-aware headers and payloads for `differential_hs256`: JSON
//! objects with the registered members (well- or ill-typed), extra members
//! (possibly duplicates, deep nesting), optional escapes and whitespace, and
//! optional flaws. The verdict is not decided here: the rendered bytes go
//! through the same independent reading as everything else.

use std::fmt::Write;

use arbitrary::{Arbitrary, Result, Unstructured};

/// A header and a payload.
#[derive(Arbitrary, Clone, Debug)]
pub struct TokenSpec {
    pub header: HeaderSpec,
    pub claims: ClaimsSpec,
    pub style: Style,
    pub flaw: Option<Flaw>,
}

#[derive(Arbitrary, Clone, Debug)]
pub struct HeaderSpec {
    pub alg: Alg,
    pub typ: Option<StrField>,
    pub kid: Option<StrField>,
    pub cty: Option<StrField>,
    pub crit: Option<Value>,
    pub extra: Vec<(Name, Value)>,
}

#[derive(Arbitrary, Clone, Debug)]
pub enum Alg {
    Hs256,
    Common(u8),
    Str(String),
    Other(Value),
    Missing,
}

const ALGS: [&str; 10] = [
    "HS256", "none", "HS384", "RS256", "hs256", "HS256 ", "HS2560", "ES256", "", "HS25",
];

/// A member that should be a string.
#[derive(Arbitrary, Clone, Debug)]
pub enum StrField {
    Str(String),
    Other(Value),
}

#[derive(Arbitrary, Clone, Debug)]
pub struct ClaimsSpec {
    pub iss: Option<StrField>,
    pub sub: Option<StrField>,
    pub aud: Option<Aud>,
    pub exp: Option<Date>,
    pub nbf: Option<Date>,
    pub iat: Option<Date>,
    pub jti: Option<StrField>,
    pub extra: Vec<(Name, Value)>,
}

#[derive(Arbitrary, Clone, Debug)]
pub enum Aud {
    One(String),
    Many(Vec<String>),
    Mixed(Vec<Value>),
    Other(Value),
}

/// A NumericDate member; `Relative` dates are offsets from the `now` hint.
#[derive(Arbitrary, Clone, Debug)]
pub enum Date {
    Relative(i32),
    /// The offset, then `.` and these digits.
    RelativeFraction(i32, u32),
    Absolute(i64),
    Text(Number),
    Other(Value),
}

/// A JSON number, spelled out: `-`? int (`.` frac)? (`e` sign? zeros digits)?.
#[derive(Arbitrary, Clone, Debug)]
pub struct Number {
    pub negative: bool,
    pub int: u64,
    pub frac: Option<(u8, u64)>,
    pub exp: Option<Exponent>,
}

#[derive(Arbitrary, Clone, Debug)]
pub struct Exponent {
    pub upper: bool,
    pub sign: u8,
    pub zeros: u8,
    pub value: u32,
}

/// A member name.
#[derive(Arbitrary, Clone, Debug)]
pub enum Name {
    Known(u8),
    Any(String),
}

const NAMES: [&str; 12] = [
    "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "alg", "typ", "kid", "cty", "crit",
];

/// Any JSON value, bounded in depth except for `Deep`.
#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Num(Number),
    Str(String),
    Arr(Vec<Value>),
    Obj(Vec<(Name, Value)>),
    /// This many nested arrays (or objects), around `0`.
    Deep(u8, bool),
}

impl<'a> Arbitrary<'a> for Value {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        value(u, 0)
    }
}

fn value(u: &mut Unstructured<'_>, depth: u32) -> Result<Value> {
    let kinds = if depth >= 3 { 6 } else { 8 };
    Ok(match u.choose_index(kinds)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::Int(u.arbitrary()?),
        3 => Value::Num(u.arbitrary()?),
        4 => Value::Str(u.arbitrary()?),
        5 => Value::Deep(u.int_in_range(0..=20)?, u.arbitrary()?),
        6 => {
            let mut items = Vec::new();
            u.arbitrary_loop(None, Some(8), |u| {
                items.push(value(u, depth + 1)?);
                Ok(std::ops::ControlFlow::Continue(()))
            })?;
            Value::Arr(items)
        }
        _ => {
            let mut members = Vec::new();
            u.arbitrary_loop(None, Some(8), |u| {
                members.push((u.arbitrary()?, value(u, depth + 1)?));
                Ok(std::ops::ControlFlow::Continue(()))
            })?;
            Value::Obj(members)
        }
    })
}

/// How the JSON is spelled.
#[derive(Arbitrary, Clone, Debug)]
pub struct Style {
    /// Bit `i % 32`: escape character `i` of a string even when not required.
    pub escape: u32,
    pub escape_names: bool,
    pub upper_hex: bool,
    /// Non-zero: whitespace between tokens, varied by this value.
    pub whitespace: u8,
    /// Rotates the member order.
    pub rotate: u8,
}

/// Something that makes a document invalid (or not: the reference decides).
#[derive(Arbitrary, Clone, Debug)]
pub struct Flaw {
    pub in_header: bool,
    pub kind: FlawKind,
}

#[derive(Arbitrary, Clone, Debug)]
pub enum FlawKind {
    /// A member whose text is one of [`BAD_MEMBERS`].
    Member(u8),
    TrailingComma,
    TrailingByte(u8),
    LeadingByte(u8),
    NotObject,
    /// A byte that is not UTF-8 inside a string.
    NotUtf8(u8),
}

const BAD_MEMBERS: [&str; 14] = [
    r#""s":"\ud800""#,
    r#""s":"\udc00""#,
    r#""s":"\ud800\u0041""#,
    "\"s\":\"\u{1}\"",
    r#""n":01"#,
    r#""n":1."#,
    r#""n":+1"#,
    r#""n":.5"#,
    r#""n":1e"#,
    r#""s":"\x""#,
    r#""s":"\u12G4""#,
    r#""v":tru"#,
    r#""v":NaN"#,
    r#""s":"\u00e9\/\b""#,
];

impl TokenSpec {
    /// The header and payload bytes; `now` anchors relative dates.
    pub fn render(&self, now: i64) -> (Vec<u8>, Vec<u8>) {
        let w = Writer::new(&self.style);
        let header = w.object(self.header_members(&w));
        let w = Writer::new(&self.style);
        let payload = w.object(self.claims_members(&w, now));
        let (mut header, mut payload) = (header.into_bytes(), payload.into_bytes());
        if let Some(flaw) = &self.flaw {
            flaw.kind.apply(if flaw.in_header {
                &mut header
            } else {
                &mut payload
            });
        }
        (header, payload)
    }

    fn header_members(&self, w: &Writer<'_>) -> Vec<(String, String)> {
        let h = &self.header;
        let mut members = Vec::new();
        let alg = match &h.alg {
            Alg::Hs256 => Some(w.string("HS256")),
            Alg::Common(i) => Some(w.string(ALGS[usize::from(*i) % ALGS.len()])),
            Alg::Str(s) => Some(w.string(s)),
            Alg::Other(v) => Some(w.value(v)),
            Alg::Missing => None,
        };
        members.extend(alg.map(|a| (w.name("alg"), a)));
        for (name, field) in [("typ", &h.typ), ("kid", &h.kid), ("cty", &h.cty)] {
            members.extend(field.as_ref().map(|f| (w.name(name), w.field(f))));
        }
        members.extend(h.crit.as_ref().map(|v| (w.name("crit"), w.value(v))));
        members.extend(h.extra.iter().map(|(n, v)| (w.member_name(n), w.value(v))));
        members
    }

    fn claims_members(&self, w: &Writer<'_>, now: i64) -> Vec<(String, String)> {
        let c = &self.claims;
        let mut members = Vec::new();
        for (name, field) in [("iss", &c.iss), ("sub", &c.sub), ("jti", &c.jti)] {
            members.extend(field.as_ref().map(|f| (w.name(name), w.field(f))));
        }
        let aud = c.aud.as_ref().map(|aud| match aud {
            Aud::One(s) => w.string(s),
            Aud::Many(list) => w.array(list.iter().map(|s| w.string(s)).collect()),
            Aud::Mixed(list) => w.array(list.iter().map(|v| w.value(v)).collect()),
            Aud::Other(v) => w.value(v),
        });
        members.extend(aud.map(|a| (w.name("aud"), a)));
        for (name, date) in [("exp", &c.exp), ("nbf", &c.nbf), ("iat", &c.iat)] {
            members.extend(date.as_ref().map(|d| (w.name(name), w.date(d, now))));
        }
        members.extend(c.extra.iter().map(|(n, v)| (w.member_name(n), w.value(v))));
        members
    }
}

impl FlawKind {
    fn apply(&self, doc: &mut Vec<u8>) {
        match self {
            FlawKind::Member(i) => {
                let member = BAD_MEMBERS[usize::from(*i) % BAD_MEMBERS.len()];
                insert_member(doc, member.as_bytes());
            }
            FlawKind::TrailingComma => insert_member(doc, b""),
            FlawKind::TrailingByte(b) => doc.push(*b),
            FlawKind::LeadingByte(b) => doc.insert(0, *b),
            FlawKind::NotObject => {
                doc.insert(0, b'[');
                doc.push(b']');
            }
            FlawKind::NotUtf8(b) => {
                let bytes = [b'"', b'u', b'"', b':', b'"', 0x80 | (b & 0x7f), b'"'];
                insert_member(doc, &bytes);
            }
        }
    }
}

/// Adds `member` as the last member of the object `doc` (`{...}`).
fn insert_member(doc: &mut Vec<u8>, member: &[u8]) {
    let Some(close) = doc.iter().rposition(|&b| b == b'}') else {
        return;
    };
    let empty = doc[..close].iter().rev().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let mut text = if empty { Vec::new() } else { vec![b','] };
    text.extend_from_slice(member);
    doc.splice(close..close, text);
}

const WHITESPACE: [&str; 5] = [" ", "\n", "\t", "\r\n ", "  "];

/// Renders values in one [`Style`].
struct Writer<'s> {
    style: &'s Style,
}

impl<'s> Writer<'s> {
    fn new(style: &'s Style) -> Self {
        Writer { style }
    }

    fn ws(&self, salt: usize) -> &'static str {
        match self.style.whitespace {
            0 => "",
            w => WHITESPACE[(usize::from(w) + salt) % WHITESPACE.len()],
        }
    }

    fn object(&self, mut members: Vec<(String, String)>) -> String {
        if !members.is_empty() {
            let n = usize::from(self.style.rotate) % members.len();
            members.rotate_left(n);
        }
        let body: Vec<String> = members
            .iter()
            .enumerate()
            .map(|(i, (k, v))| format!("{}{k}{}:{}{v}", self.ws(i), self.ws(i + 1), self.ws(i + 2)))
            .collect();
        format!("{{{}{}}}", body.join(","), self.ws(3))
    }

    fn array(&self, items: Vec<String>) -> String {
        let sep = format!(",{}", self.ws(1));
        format!("[{}{}]", self.ws(0), items.join(&sep))
    }

    fn name(&self, name: &str) -> String {
        self.quote(name, self.style.escape_names)
    }

    fn member_name(&self, name: &Name) -> String {
        match name {
            Name::Known(i) => self.name(NAMES[usize::from(*i) % NAMES.len()]),
            Name::Any(s) => self.name(s),
        }
    }

    fn string(&self, s: &str) -> String {
        self.quote(s, true)
    }

    fn field(&self, field: &StrField) -> String {
        match field {
            StrField::Str(s) => self.string(s),
            StrField::Other(v) => self.value(v),
        }
    }

    fn date(&self, date: &Date, now: i64) -> String {
        match date {
            Date::Relative(d) => (i128::from(now) + i128::from(*d)).to_string(),
            Date::RelativeFraction(d, f) => format!("{}.{f}", i128::from(now) + i128::from(*d)),
            Date::Absolute(t) => t.to_string(),
            Date::Text(n) => number(n),
            Date::Other(v) => self.value(v),
        }
    }

    fn value(&self, v: &Value) -> String {
        match v {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Num(n) => number(n),
            Value::Str(s) => self.string(s),
            Value::Arr(items) => self.array(items.iter().map(|v| self.value(v)).collect()),
            Value::Obj(members) => {
                let members = members
                    .iter()
                    .map(|(n, v)| (self.member_name(n), self.value(v)))
                    .collect();
                Writer::new(self.style).object(members)
            }
            Value::Deep(n, objects) => {
                let n = usize::from(*n);
                if *objects {
                    format!("{}0{}", r#"{"d":"#.repeat(n), "}".repeat(n))
                } else {
                    format!("{}0{}", "[".repeat(n), "]".repeat(n))
                }
            }
        }
    }

    /// `s` as a JSON string; required escapes always, optional ones (per the
    /// style's bit mask) only if `optional`.
    fn quote(&self, s: &str, optional: bool) -> String {
        let mut out = String::from("\"");
        for (i, c) in s.chars().enumerate() {
            let bit = self.style.escape.rotate_right(i as u32 % 32) & 1 == 1;
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' if !bit => out.push_str("\\n"),
                '\t' if !bit => out.push_str("\\t"),
                '/' if optional && bit => out.push_str("\\/"),
                c if (c as u32) < 0x20 || (optional && bit) => self.unicode_escape(&mut out, c),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    fn unicode_escape(&self, out: &mut String, c: char) {
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            let _ = if self.style.upper_hex {
                write!(out, "\\u{unit:04X}")
            } else {
                write!(out, "\\u{unit:04x}")
            };
        }
    }
}

fn number(n: &Number) -> String {
    let mut out = String::new();
    if n.negative {
        out.push('-');
    }
    out.push_str(&n.int.to_string());
    if let Some((zeros, digits)) = n.frac {
        let _ = write!(out, ".{}{digits}", "0".repeat(usize::from(zeros % 40)));
    }
    if let Some(e) = &n.exp {
        out.push(if e.upper { 'E' } else { 'e' });
        out.push_str(["", "+", "-"][usize::from(e.sign % 3)]);
        let _ = write!(out, "{}{}", "0".repeat(usize::from(e.zeros % 8)), e.value);
    }
    out
}
