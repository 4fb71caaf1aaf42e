//! The registered claims of a verified payload, borrowed, and their checks.

use crate::json::{self, JsonStr, Value};
use crate::{Claim, Error, NumericDate, Part};

/// The `aud` claim: one string or an array of strings (RFC 7519 §4.1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience<'a> {
    /// `"aud": "x"`.
    One(JsonStr<'a>),
    /// `"aud": ["x", "y"]`: the array's JSON text; every element is a string.
    Many(AudienceList<'a>),
}

/// An `aud` array whose elements are all strings; iterate it with [`AudienceList::iter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AudienceList<'a> {
    json: &'a str,
}

impl<'a> AudienceList<'a> {
    /// The audiences, in order.
    pub fn iter(&self) -> impl Iterator<Item = JsonStr<'a>> + 'a {
        strings(self.json)
    }

    /// The array's JSON text, brackets included.
    pub const fn json(&self) -> &'a str {
        self.json
    }
}

/// The elements of a validated array of strings (see [`audience`]).
fn strings(array: &str) -> impl Iterator<Item = JsonStr<'_>> {
    json::Strings::new(array)
}

impl<'a> Audience<'a> {
    /// Each audience, whether `aud` was a string or an array.
    pub fn iter(&self) -> impl Iterator<Item = JsonStr<'a>> + 'a {
        let (one, many) = match *self {
            Audience::One(s) => (Some(s), None),
            Audience::Many(list) => (None, Some(strings(list.json))),
        };
        one.into_iter().chain(many.into_iter().flatten())
    }

    /// Whether `aud` names `audience` (exact, case-sensitive, after unescaping).
    pub fn contains(&self, audience: &str) -> bool {
        self.iter().any(|a| a.eq_str(audience))
    }
}

/// The registered claims (RFC 7519 §4.1) of a token, borrowed from the
/// caller's buffer. Each is `None` when absent; a present claim of the wrong
/// JSON type never gets here (it is [`Error::InvalidClaimType`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Claims<'a> {
    /// `iss`.
    pub iss: Option<JsonStr<'a>>,
    /// `sub`.
    pub sub: Option<JsonStr<'a>>,
    /// `aud`.
    pub aud: Option<Audience<'a>>,
    /// `exp`.
    pub exp: Option<NumericDate>,
    /// `nbf`.
    pub nbf: Option<NumericDate>,
    /// `iat`.
    pub iat: Option<NumericDate>,
    /// `jti`.
    pub jti: Option<JsonStr<'a>>,
}

impl<'a> Claims<'a> {
    /// Parses a payload: strict JSON object, registered claims typed.
    pub(crate) fn parse(payload: &'a str) -> Result<Self, Error> {
        let mut raw: [Option<Value<'a>>; 7] = [None; 7];
        json::parse_object(payload, |key, value| {
            if let Some(slot) = registered(&key).and_then(|i| raw.get_mut(i)) {
                *slot = Some(value);
            }
        })
        .map_err(|e| e.into_error(Part::Claims))?;
        let [iss, sub, aud, exp, nbf, iat, jti] = raw;
        Ok(Self {
            iss: string(iss, Claim::Iss)?,
            sub: string(sub, Claim::Sub)?,
            aud: audience(aud)?,
            exp: date(exp, Claim::Exp)?,
            nbf: date(nbf, Claim::Nbf)?,
            iat: date(iat, Claim::Iat)?,
            jti: string(jti, Claim::Jti)?,
        })
    }

    /// Whether the registered claim `claim` is present.
    pub const fn contains(&self, claim: Claim) -> bool {
        match claim {
            Claim::Iss => self.iss.is_some(),
            Claim::Sub => self.sub.is_some(),
            Claim::Aud => self.aud.is_some(),
            Claim::Exp => self.exp.is_some(),
            Claim::Nbf => self.nbf.is_some(),
            Claim::Iat => self.iat.is_some(),
            Claim::Jti => self.jti.is_some(),
        }
    }
}

/// The index in [`Claim::ALL`] of the registered claim named `key`, if any.
fn registered(key: &JsonStr<'_>) -> Option<usize> {
    if key.is_escaped() {
        return Claim::ALL.iter().position(|c| key.eq_str(c.name()));
    }
    // Byte patterns compile to a length check and a few compares, no memcmp call.
    match key.raw().as_bytes() {
        b"iss" => Some(0),
        b"sub" => Some(1),
        b"aud" => Some(2),
        b"exp" => Some(3),
        b"nbf" => Some(4),
        b"iat" => Some(5),
        b"jti" => Some(6),
        _ => None,
    }
}

fn string<'a>(value: Option<Value<'a>>, claim: Claim) -> Result<Option<JsonStr<'a>>, Error> {
    match value {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(_) => Err(Error::InvalidClaimType(claim)),
    }
}

fn date(value: Option<Value<'_>>, claim: Claim) -> Result<Option<NumericDate>, Error> {
    match value {
        None => Ok(None),
        Some(Value::Num(text)) => NumericDate::parse(text)
            .map(Some)
            .ok_or(Error::InvalidClaimType(claim)),
        Some(_) => Err(Error::InvalidClaimType(claim)),
    }
}

fn audience(value: Option<Value<'_>>) -> Result<Option<Audience<'_>>, Error> {
    match value {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(Some(Audience::One(s))),
        Some(Value::StrArray(json)) => Ok(Some(Audience::Many(AudienceList { json }))),
        Some(_) => Err(Error::InvalidClaimType(Claim::Aud)),
    }
}
