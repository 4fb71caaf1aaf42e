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

    /// The elements, for the crate's own one-pass checks.
    pub(crate) const fn strings(&self) -> json::Strings<'a> {
        json::Strings::new(self.json)
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
///
/// The access-token claims `client_id` and `scope`/`scp` are read and typed
/// only when asked for ([`Claims::client_id`], [`Claims::scopes`]) or when
/// the policy uses them (one more pass over the payload each), so a token
/// whose `scope` some issuer spells otherwise still verifies under a policy
/// that does not look at it, and a policy without them pays nothing.
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
    /// The payload's text: `client_id`, `scope` and `scp` are looked up in
    /// it only when asked for, so verifying costs nothing for them otherwise.
    payload: &'a str,
}

/// The token's scopes (RFC 8693 §4.2, RFC 9068 §2.2.3): `scope`, a string of
/// space-separated scope-tokens, or — when `scope` is absent — `scp`, such a
/// string (Microsoft Entra) or an array of strings, one scope each (Okta).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scopes<'a> {
    /// A space-separated string.
    Spaced(JsonStr<'a>),
    /// An array whose elements are all strings.
    List(AudienceList<'a>),
}

impl Scopes<'_> {
    /// Whether every one of `required` is among the scopes (see
    /// [`Scopes::contains`]). One pass over the token's scopes when at most
    /// 64 are required (a string with escapes: one pass per required scope).
    pub fn contains_all(&self, required: &[&str]) -> bool {
        let n = required.len();
        if n == 0 {
            return true;
        }
        // A scope-token is never empty and holds no space (RFC 6749 §3.3):
        // a required one that is can never be granted.
        if n > 64 || !required.iter().all(|s| is_scope_token(s)) {
            return required.iter().all(|scope| self.contains(scope));
        }
        let all = u64::MAX >> (64 - n);
        let mut found = 0u64;
        // Marks the required scopes equal to `token`; true once all are found.
        let mut mark = |token: &JsonStr<'_>| -> bool {
            for (i, scope) in required.iter().enumerate() {
                if token.eq_str(scope) {
                    found |= 1 << i;
                }
            }
            found == all
        };
        match self {
            Scopes::Spaced(spaced) => match spaced.as_str() {
                Some(plain) => space_separated(plain).any(|token| mark(&JsonStr::plain(token))),
                None => required.iter().all(|scope| self.contains(scope)),
            },
            Scopes::List(list) => list.iter().any(|s| mark(&s)),
        }
    }

    /// Whether `scope` is one of the scopes: compared exactly and
    /// case-sensitively with each scope-token (each array element) after
    /// unescaping, never as a substring.
    pub fn contains(&self, scope: &str) -> bool {
        if !is_scope_token(scope) {
            return false;
        }
        match self {
            Scopes::Spaced(spaced) => spaced_contains(spaced, scope),
            Scopes::List(list) => list.iter().any(|s| s.eq_str(scope)),
        }
    }
}

/// Whether the space-separated `spaced` holds the token `scope`, in one pass.
fn spaced_contains(spaced: &JsonStr<'_>, scope: &str) -> bool {
    if !is_scope_token(scope) {
        return false;
    }
    if let Some(plain) = spaced.as_str() {
        return space_separated(plain).any(|token| token == scope);
    }
    // Escaped: walk the decoded characters, matching `scope` token by token.
    let mut expected = scope.chars();
    let mut matching = true;
    for c in spaced.chars() {
        if c == ' ' {
            if matching && expected.next().is_none() {
                return true;
            }
            expected = scope.chars();
            matching = true;
        } else if matching {
            matching = expected.next() == Some(c);
        }
    }
    matching && expected.next().is_none()
}

impl<'a> Claims<'a> {
    /// Parses a payload: strict JSON object, registered claims typed, into
    /// the caller's `slot`, returning a reference to it: a returned
    /// `Result<Claims>` would be copied out of the result by the caller,
    /// about 100 bytes moved byte-wise on a 32-bit core (the claims sit 2
    /// bytes in, after the error's room; issue 16). For a value,
    /// `Claims::parse_in(payload, &mut None).copied()`.
    pub(crate) fn parse_in<'s>(
        payload: &'a str,
        slot: &'s mut Option<Self>,
    ) -> Result<&'s Self, Error> {
        const NAMES: json::Wanted<7> =
            json::Wanted::new(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);
        let mut raw: [Option<Value<'a>>; 7] = [None; 7];
        json::parse_members(payload, &NAMES, &mut raw).map_err(|e| e.into_error(Part::Claims))?;
        let [iss, sub, aud, exp, nbf, iat, jti] = raw;
        // Each value typed into an `Option` (`None`: the wrong type), not a
        // `Result<Option<_>, Error>` per field behind `?`: those were copied
        // byte by byte into the slot (the value sits 2 bytes in, after the
        // error's room; issue 16). The first claim of the wrong type, in
        // this order, is the error.
        let typed = (
            string(iss),
            string(sub),
            audience(aud),
            date(exp),
            date(nbf),
            date(iat),
            string(jti),
        );
        let claim = match typed {
            (Some(iss), Some(sub), Some(aud), Some(exp), Some(nbf), Some(iat), Some(jti)) => {
                return Ok(slot.insert(Self {
                    iss,
                    sub,
                    aud,
                    exp,
                    nbf,
                    iat,
                    jti,
                    payload,
                }));
            }
            (None, ..) => Claim::Iss,
            (_, None, ..) => Claim::Sub,
            (_, _, None, ..) => Claim::Aud,
            (_, _, _, None, ..) => Claim::Exp,
            (_, _, _, _, None, ..) => Claim::Nbf,
            (_, _, _, _, _, None, _) => Claim::Iat,
            (.., None) => Claim::Jti,
        };
        Err(Error::InvalidClaimType(claim))
    }

    /// Whether `exp - iat > seconds`, exactly (both read again from the
    /// payload, fractions to 9 digits); `None` when it cannot be decided (see
    /// [`Validation::max_lifetime`](crate::Validation::max_lifetime)) or
    /// either is absent.
    pub(crate) fn lifetime_exceeds(&self, seconds: u64) -> Option<bool> {
        let read = |value| match value? {
            Value::Num(text) => NumericDate::parse_exact(text),
            _ => None,
        };
        let [exp, iat] = json::find_members(self.payload, ["exp", "iat"]);
        read(exp)?.exceeds(&read(iat)?, seconds)
    }

    /// `client_id`, `scope` and `scp`, found by one more pass over the
    /// (validated) payload.
    pub(crate) fn access(&self) -> AccessMembers<'a> {
        let [client_id, scope, scp] =
            json::find_members(self.payload, ["client_id", "scope", "scp"]);
        AccessMembers {
            client_id,
            scope,
            scp,
        }
    }

    /// Whether the claim `claim` is present (for [`Claim::Scope`]: `scope` or
    /// `scp`; those and `client_id` by one more pass over the payload).
    pub fn contains(&self, claim: Claim) -> bool {
        match claim {
            Claim::Iss => self.iss.is_some(),
            Claim::Sub => self.sub.is_some(),
            Claim::Aud => self.aud.is_some(),
            Claim::Exp => self.exp.is_some(),
            Claim::Nbf => self.nbf.is_some(),
            Claim::Iat => self.iat.is_some(),
            Claim::Jti => self.jti.is_some(),
            Claim::ClientId | Claim::Scope => self.access().has(claim),
        }
    }

    /// `client_id` (RFC 8693 §4.3); a value that is not a string is
    /// [`Error::InvalidClaimType`].
    pub fn client_id(&self) -> Result<Option<JsonStr<'a>>, Error> {
        self.access().client_id()
    }

    /// The token's scopes: `scope` (a string) or, when it is absent, `scp` (a
    /// string or an array of strings). Any other JSON type is
    /// [`Error::InvalidClaimType`]`(`[`Claim::Scope`]`)`.
    pub fn scopes(&self) -> Result<Option<Scopes<'a>>, Error> {
        self.access().scopes()
    }
}

/// The access-token members of a payload, as found (typed on demand).
#[derive(Clone, Copy)]
pub(crate) struct AccessMembers<'a> {
    client_id: Option<Value<'a>>,
    scope: Option<Value<'a>>,
    scp: Option<Value<'a>>,
}

impl<'a> AccessMembers<'a> {
    /// Whether `client_id` (for [`Claim::ClientId`]) or `scope`/`scp` (for
    /// [`Claim::Scope`]) is present; false for any other claim.
    pub(crate) const fn has(&self, claim: Claim) -> bool {
        match claim {
            Claim::ClientId => self.client_id.is_some(),
            Claim::Scope => self.scope.is_some() || self.scp.is_some(),
            _ => false,
        }
    }

    /// See [`Claims::client_id`].
    pub(crate) fn client_id(&self) -> Result<Option<JsonStr<'a>>, Error> {
        string(self.client_id).ok_or(Error::InvalidClaimType(Claim::ClientId))
    }

    /// See [`Claims::scopes`].
    pub(crate) fn scopes(&self) -> Result<Option<Scopes<'a>>, Error> {
        let invalid = Error::InvalidClaimType(Claim::Scope);
        match (self.scope, self.scp) {
            (Some(Value::Str(s)), _) => Ok(Some(Scopes::Spaced(s))),
            (Some(_), _) => Err(invalid),
            (None, None) => Ok(None),
            (None, Some(Value::Str(s))) => Ok(Some(Scopes::Spaced(s))),
            (None, Some(Value::StrArray(json))) => Ok(Some(Scopes::List(AudienceList { json }))),
            (None, Some(_)) => Err(invalid),
        }
    }
}

/// Whether `scope` can be a scope-token at all: not empty, no space.
fn is_scope_token(scope: &str) -> bool {
    !scope.is_empty() && !scope.as_bytes().contains(&b' ')
}

/// The space-separated parts of `text` (empty ones included), without
/// `str::split`'s panic paths: each part is cut with `get`.
fn space_separated(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let current = rest?;
        match current.as_bytes().iter().position(|&b| b == b' ') {
            Some(at) => {
                rest = current.get(at + 1..);
                current.get(..at)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// A string claim's value: `Some(None)` when absent, `None` when not a string.
fn string(value: Option<Value<'_>>) -> Option<Option<JsonStr<'_>>> {
    match value {
        None => Some(None),
        Some(Value::Str(s)) => Some(Some(s)),
        Some(_) => None,
    }
}

/// A NumericDate claim's value: `Some(None)` when absent, `None` when not a
/// number or not a date.
fn date(value: Option<Value<'_>>) -> Option<Option<NumericDate>> {
    match value {
        None => Some(None),
        Some(Value::Num(text)) => NumericDate::parse(text).map(Some),
        Some(_) => None,
    }
}

/// `aud`: one string or an array of strings (`None` when neither).
fn audience(value: Option<Value<'_>>) -> Option<Option<Audience<'_>>> {
    match value {
        None => Some(None),
        Some(Value::Str(s)) => Some(Some(Audience::One(s))),
        Some(Value::StrArray(json)) => Some(Some(Audience::Many(AudienceList { json }))),
        Some(_) => None,
    }
}
