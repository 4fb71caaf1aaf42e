//! The validation policy: what a verified token's claims must satisfy.

use crate::{Claim, Claims, Error};

/// A set of registered claims that must be present.
///
/// ```
/// use jwt_embedded::{Claim, RequiredClaims};
/// let required = RequiredClaims::NONE.with(Claim::Exp).with(Claim::Sub);
/// assert!(required.contains(Claim::Sub));
/// assert_eq!(RequiredClaims::default(), RequiredClaims::NONE.with(Claim::Exp));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[must_use = "`with` and `without` return a new set and leave this one unchanged"]
pub struct RequiredClaims(u8);

impl RequiredClaims {
    /// No claim is required.
    pub const NONE: Self = Self(0);

    /// The default: `exp` is required.
    pub const DEFAULT: Self = Self::NONE.with(Claim::Exp);

    /// This set plus `claim`.
    pub const fn with(self, claim: Claim) -> Self {
        Self(self.0 | Self::bit(claim))
    }

    /// This set without `claim`.
    pub const fn without(self, claim: Claim) -> Self {
        Self(self.0 & !Self::bit(claim))
    }

    /// Whether `claim` is in the set.
    pub const fn contains(self, claim: Claim) -> bool {
        self.0 & Self::bit(claim) != 0
    }

    const fn bit(claim: Claim) -> u8 {
        1 << claim as u8
    }
}

impl Default for RequiredClaims {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// What a token must satisfy besides its signature. Fails closed by default.
///
/// The defaults: `exp` is required; no leeway; no expected issuer; no
/// audience configured, so a token that carries `aud` is rejected
/// (RFC 7519 §4.1.3); `typ` not checked; tokens up to
/// [`DEFAULT_MAX_TOKEN_LEN`](Self::DEFAULT_MAX_TOKEN_LEN) bytes.
///
/// The current time is not part of the policy: it is passed to every
/// [`verify`](crate::verify) call, and the crate never reads a clock.
///
/// Every builder method takes the policy by value and returns the changed
/// copy, and the type is `#[must_use]`: a call whose result is dropped, which
/// would leave the check unset and the policy failing open, is a warning
/// (an error under `#![deny(unused_must_use)]`):
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// let policy = jwt_embedded::Validation::new();
/// policy.issuer("https://issuer.example.com"); // dropped: `iss` would never be checked
/// # let _ = policy;
/// ```
///
/// The same lines with the result kept compile:
///
/// ```
/// #![deny(unused_must_use)]
/// let policy = jwt_embedded::Validation::new();
/// let policy = policy.issuer("https://issuer.example.com");
/// # let _ = policy;
/// ```
///
/// ```
/// use jwt_embedded::{Claim, RequiredClaims, Validation};
/// const POLICY: Validation<'static> = Validation::new()
///     .issuer("https://issuer.example.com")
///     .audience("device-42")
///     .leeway(30)
///     .required(RequiredClaims::DEFAULT.with(Claim::Iat));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "a `Validation` checks nothing until it is passed to `verify`; builder methods return a new policy"]
pub struct Validation<'a> {
    leeway: u64,
    issuer: Option<&'a str>,
    audience: Option<&'a str>,
    audiences: &'a [&'a str],
    any_audience: bool,
    required: RequiredClaims,
    typ: Option<&'a str>,
    max_token_len: usize,
}

impl Default for Validation<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> Validation<'a> {
    /// Default cap on the token length, in bytes (64 KiB).
    pub const DEFAULT_MAX_TOKEN_LEN: usize = 64 * 1024;

    /// The default policy (see the type's documentation).
    pub const fn new() -> Self {
        Self {
            leeway: 0,
            issuer: None,
            audience: None,
            audiences: &[],
            any_audience: false,
            required: RequiredClaims::DEFAULT,
            typ: None,
            max_token_len: Self::DEFAULT_MAX_TOKEN_LEN,
        }
    }

    /// Seconds of clock skew tolerated on `exp` and `nbf`.
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Requires `iss` to be present and equal to `issuer` (case-sensitive).
    pub const fn issuer(mut self, issuer: &'a str) -> Self {
        self.issuer = Some(issuer);
        self
    }

    /// Requires `aud` to be present and to contain `audience`.
    pub const fn audience(mut self, audience: &'a str) -> Self {
        self.audience = Some(audience);
        self.audiences = &[];
        self.any_audience = false;
        self
    }

    /// Requires `aud` to be present and to contain at least one of `audiences`.
    pub const fn audiences(mut self, audiences: &'a [&'a str]) -> Self {
        self.audience = None;
        self.audiences = audiences;
        self.any_audience = false;
        self
    }

    /// Accepts a token whatever its `aud` (present or not) while no audience is
    /// configured. Weakens RFC 7519 §4.1.3: only for deployments where
    /// tokens are never shared between services.
    pub const fn danger_accept_any_audience(mut self) -> Self {
        self.any_audience = true;
        self.audience = None;
        self.audiences = &[];
        self
    }

    /// Replaces the set of claims that must be present.
    pub const fn required(mut self, required: RequiredClaims) -> Self {
        self.required = required;
        self
    }

    /// Requires the header `typ` to name the media type `typ` (RFC 8725 §3.11),
    /// e.g. `"JWT"` or `"at+jwt"`; compared as RFC 7515 §4.1.9 prescribes.
    pub const fn typ(mut self, typ: &'a str) -> Self {
        self.typ = Some(typ);
        self
    }

    /// Longest token accepted, in bytes; longer ones are [`Error::TooLarge`]
    /// before any decoding.
    pub const fn max_token_len(mut self, bytes: usize) -> Self {
        self.max_token_len = bytes;
        self
    }

    pub(crate) const fn token_len_limit(&self) -> usize {
        self.max_token_len
    }

    pub(crate) const fn expected_typ(&self) -> Option<&'a str> {
        self.typ
    }

    /// Checks the claims against this policy at time `now`, in a fixed order:
    /// required claims, `exp`, `nbf`, `iss`, `aud`.
    pub fn check(&self, claims: &Claims<'_>, now: i64) -> Result<(), Error> {
        if let Some(missing) = Claim::ALL
            .into_iter()
            .find(|c| self.required.contains(*c) && !claims.contains(*c))
        {
            return Err(Error::MissingClaim(missing));
        }
        if claims
            .exp
            .is_some_and(|exp| exp.expired_at(now, self.leeway))
        {
            return Err(Error::Expired);
        }
        if claims
            .nbf
            .is_some_and(|nbf| nbf.not_yet_valid_at(now, self.leeway))
        {
            return Err(Error::NotYetValid);
        }
        if let Some(issuer) = self.issuer
            && !claims.iss.is_some_and(|iss| iss.eq_str(issuer))
        {
            return Err(Error::Issuer);
        }
        self.check_audience(claims)
    }

    fn check_audience(&self, claims: &Claims<'_>) -> Result<(), Error> {
        if self.any_audience {
            return Ok(());
        }
        // One pass over the token's audiences (which may be many), each
        // compared with the few the policy accepts.
        let accepted = |a: &str| self.audience == Some(a) || self.audiences.contains(&a);
        let granted = |aud: &crate::Audience<'_>| {
            aud.iter().any(|a| match a.as_str() {
                Some(plain) => accepted(plain),
                None => self
                    .audience
                    .iter()
                    .chain(self.audiences)
                    .any(|expected| a.eq_str(expected)),
            })
        };
        match &claims.aud {
            None if self.audience.is_none() && self.audiences.is_empty() => Ok(()),
            Some(aud) if granted(aud) => Ok(()),
            _ => Err(Error::Audience),
        }
    }
}
