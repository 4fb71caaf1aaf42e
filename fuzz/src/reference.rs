//! What jwt-embedded must decide, computed without its code: the header and
//! claims a document carries (read by [`oracle`](crate::oracle)), exact
//! NumericDate values, the policy checks and the `typ` rule, and the limits
//! on documents ([`error_agrees`]) and headers ([`header_too_long`]).

use jwt_embedded::{Claim, Error, MAX_HEADER_LEN, Part};

use crate::oracle::{Doc, Json};

/// Magnitudes are saturated here; far beyond any `i64` time plus `u64` leeway.
const SATURATED: i128 = 1_000_000_000_000_000_000_000_000_000_000; // 10^30

/// A NumericDate, exactly: `floor` (saturated at ±10^30) and whether the value
/// has a non-zero fractional part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefDate {
    pub floor: i128,
    pub fractional: bool,
}

impl RefDate {
    /// The exact value of a valid JSON number `text`, by decimal string arithmetic.
    pub fn parse(text: &str) -> RefDate {
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, exponent(e)),
            None => (text, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits: String = format!("{int}{frac}");
        let digits = digits.trim_start_matches('0');
        if digits.is_empty() {
            return RefDate {
                floor: 0,
                fractional: false,
            };
        }
        // value = digits * 10^shift
        let shift = exponent - frac.len() as i128;
        let len = digits.len() as i128;
        let (int_part, frac_part) = if shift >= 0 {
            (
                format!("{digits}{}", "0".repeat(shift.min(40) as usize)),
                "",
            )
        } else if -shift >= len {
            (String::new(), digits)
        } else {
            let at = (len + shift) as usize;
            (digits[..at].to_owned(), &digits[at..])
        };
        let fractional = frac_part.bytes().any(|d| d != b'0');
        let magnitude = if int_part.len() > 30 {
            SATURATED
        } else {
            int_part.parse::<i128>().unwrap_or(0).min(SATURATED)
        };
        let floor = match (negative, fractional) {
            (false, _) => magnitude,
            (true, false) => -magnitude,
            (true, true) => -magnitude - 1,
        };
        RefDate { floor, fractional }
    }

    /// Twice the value, rounded to an odd number when fractional: as exact
    /// as the value itself for every comparison with integers.
    pub fn doubled(self) -> i128 {
        2 * self.floor + i128::from(self.fractional)
    }

    /// Whole seconds, saturated to `i64` (what `NumericDate::seconds` documents).
    pub fn seconds(self) -> i64 {
        self.floor.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }
}

/// The exponent after `e`, saturated at ±10^9. That exceeds the digit count
/// of any fuzz input (all are far shorter than 10^9 bytes), so a saturated
/// exponent still outweighs the digits: `parse` gives a saturated or zero
/// floor, fractional or not, exactly when the true value does, whatever the
/// exponent's or the mantissa's length (the crate is exact at any length too).
fn exponent(text: &str) -> i128 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = digits.bytes().fold(0i128, |acc, d| {
        (acc * 10 + i128::from(d - b'0')).min(1_000_000_000)
    });
    if negative { -value } else { value }
}

/// The registered claims, as the reference reads them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RefClaims {
    pub iss: Option<String>,
    pub sub: Option<String>,
    /// `(is_array, audiences)`.
    pub aud: Option<(bool, Vec<String>)>,
    pub exp: Option<RefDate>,
    pub nbf: Option<RefDate>,
    pub iat: Option<RefDate>,
    pub jti: Option<String>,
}

impl RefClaims {
    /// What parsing the payload `doc` must give: a syntax error (or
    /// `TooLarge`, see [`Doc::read`]), the first
    /// claim of the wrong type (in the order iss, sub, aud, exp, nbf, iat, jti),
    /// or the claims.
    pub fn expect(doc: &Doc) -> Result<RefClaims, Error> {
        if let Some(e) = doc.error(Part::Claims) {
            return Err(e);
        }
        let string = |claim: Claim| match doc.get(claim.name()) {
            None => Ok(None),
            Some(Json::Str(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::InvalidClaimType(claim)),
        };
        let date = |claim: Claim| match doc.get(claim.name()) {
            None => Ok(None),
            Some(Json::Num(text)) => Ok(Some(RefDate::parse(text))),
            Some(_) => Err(Error::InvalidClaimType(claim)),
        };
        // Evaluated in this order, as the crate documents.
        let iss = string(Claim::Iss)?;
        let sub = string(Claim::Sub)?;
        let aud = audience(doc.get("aud"))?;
        Ok(RefClaims {
            iss,
            sub,
            aud,
            exp: date(Claim::Exp)?,
            nbf: date(Claim::Nbf)?,
            iat: date(Claim::Iat)?,
            jti: string(Claim::Jti)?,
        })
    }

    /// Whether `claim` is present.
    pub fn has(&self, claim: Claim) -> bool {
        match claim {
            Claim::Iss => self.iss.is_some(),
            Claim::Sub => self.sub.is_some(),
            Claim::Aud => self.aud.is_some(),
            Claim::Exp => self.exp.is_some(),
            Claim::Nbf => self.nbf.is_some(),
            Claim::Iat => self.iat.is_some(),
            Claim::Jti => self.jti.is_some(),
            _ => false,
        }
    }
}

/// `aud`: a string, or an array whose elements are all strings.
fn audience(value: Option<&Json>) -> Result<Option<(bool, Vec<String>)>, Error> {
    let invalid = Error::InvalidClaimType(Claim::Aud);
    match value {
        None => Ok(None),
        Some(Json::Str(s)) => Ok(Some((false, vec![s.clone()]))),
        Some(Json::Arr(items)) => {
            let strings: Option<Vec<String>> = items
                .iter()
                .map(|v| match v {
                    Json::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect();
            Ok(Some((true, strings.ok_or(invalid)?)))
        }
        Some(_) => Err(invalid),
    }
}

/// How the audience is configured.
#[derive(Clone, Debug)]
pub enum RefAudience {
    /// Nothing configured: a token carrying `aud` is rejected.
    NotConfigured,
    /// At least one of these must be in `aud` (empty: as `NotConfigured`).
    List(Vec<String>),
    /// `danger_accept_any_audience`.
    Any,
}

/// A validation policy, as plain data.
#[derive(Clone, Debug)]
pub struct RefPolicy {
    pub now: i64,
    pub leeway: u64,
    pub iss: Option<String>,
    pub aud: RefAudience,
    /// Indexed like `Claim::ALL`.
    pub required: [bool; 7],
}

impl RefPolicy {
    /// The verdict on `claims`: the first failing check in the documented
    /// order (required, exp, nbf, iss, aud), with exact arithmetic.
    pub fn check(&self, claims: &RefClaims) -> Result<(), Error> {
        let missing = Claim::ALL
            .iter()
            .zip(self.required)
            .find(|(c, required)| *required && !claims.has(**c));
        if let Some((claim, _)) = missing {
            return Err(Error::MissingClaim(*claim));
        }
        let now2 = 2 * i128::from(self.now);
        let leeway2 = 2 * i128::from(self.leeway);
        // RFC 7519 §4.1.4: valid while now < exp + leeway.
        if claims
            .exp
            .is_some_and(|exp| now2 >= exp.doubled() + leeway2)
        {
            return Err(Error::Expired);
        }
        // RFC 7519 §4.1.5: valid once now >= nbf - leeway.
        if claims.nbf.is_some_and(|nbf| now2 < nbf.doubled() - leeway2) {
            return Err(Error::NotYetValid);
        }
        if let Some(want) = &self.iss
            && claims.iss.as_ref() != Some(want)
        {
            return Err(Error::Issuer);
        }
        let audiences = claims.aud.as_ref().map(|(_, list)| list);
        match (&self.aud, audiences) {
            (RefAudience::Any, _) => Ok(()),
            (RefAudience::NotConfigured, None) => Ok(()),
            (RefAudience::List(want), None) if want.is_empty() => Ok(()),
            (RefAudience::List(want), Some(have)) if have.iter().any(|a| want.contains(a)) => {
                Ok(())
            }
            _ => Err(Error::Audience),
        }
    }
}

/// The header parameters, as the reference reads them.
#[derive(Clone, Debug, PartialEq)]
pub struct RefHeader {
    pub alg: String,
    pub typ: Option<String>,
    pub kid: Option<String>,
    pub cty: Option<String>,
}

impl RefHeader {
    /// What parsing the header `doc` must give: a syntax error (or
    /// `TooLarge`, see [`Doc::read`]), `crit`
    /// (rejected whatever its value), a missing or non-string `alg`, a
    /// non-string `typ`/`kid`/`cty`, or the parameters.
    pub fn expect(doc: &Doc) -> Result<RefHeader, Error> {
        let malformed = Error::Malformed(Part::Header);
        if let Some(e) = doc.error(Part::Header) {
            return Err(e);
        }
        if doc.get("crit").is_some() {
            return Err(Error::Crit);
        }
        let string = |name: &str| match doc.get(name) {
            None => Ok(None),
            Some(Json::Str(s)) => Ok(Some(s.clone())),
            Some(_) => Err(malformed),
        };
        Ok(RefHeader {
            alg: string("alg")?.ok_or(malformed)?,
            typ: string("typ")?,
            kid: string("kid")?,
            cty: string("cty")?,
        })
    }
}

/// RFC 7515 §4.1.9: a `typ` without `/` means `application/<typ>`; media
/// types compare without regard to ASCII case.
pub fn typ_matches(typ: &str, expected: &str) -> bool {
    fn full(media_type: &str) -> String {
        let lower = media_type.to_ascii_lowercase();
        if lower.contains('/') {
            lower
        } else {
            format!("application/{lower}")
        }
    }
    full(typ) == full(expected)
}

/// Whether the crate's error `ours` is the reference's `expected`: the same,
/// or `TooLarge` where the reference expects `Malformed(Header)` or
/// `Malformed(Claims)` for a document it could not read and that
/// [`Doc::may_be_too_large`] (`header`, `claims`: the documents read for
/// those parts, if any).
pub fn error_agrees(
    ours: &Error,
    expected: &Error,
    header: Option<&Doc>,
    claims: Option<&Doc>,
) -> bool {
    let lenient = match expected {
        Error::Malformed(Part::Header) => header.is_some_and(Doc::may_be_too_large),
        Error::Malformed(Part::Claims) => claims.is_some_and(Doc::may_be_too_large),
        _ => false,
    };
    ours == expected || (lenient && *ours == Error::TooLarge)
}

/// The length of the unpadded base64url text of `n` bytes.
pub const fn b64_len(n: usize) -> usize {
    n / 3 * 4 + [0, 2, 3][n % 3]
}

/// Whether `verify` and `peek_header` refuse a token whose decoded header is
/// `header` as `TooLarge`: its base64url segment is longer than
/// [`MAX_HEADER_LEN`] (checked right after the token is split, before the
/// buffer is sized and the header decoded).
pub fn header_too_long(header: &[u8]) -> bool {
    b64_len(header.len()) > MAX_HEADER_LEN
}
