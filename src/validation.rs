//! The validation policy: what a verified token's claims must satisfy.

use core::fmt;

use crate::claims::AccessMembers;
use crate::{Claim, Claims, Error, Revocation};

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
pub struct RequiredClaims(u16);

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

    const fn bit(claim: Claim) -> u16 {
        1 << claim as u16
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
/// [`DEFAULT_MAX_TOKEN_LEN`](Self::DEFAULT_MAX_TOKEN_LEN) bytes; no maximum
/// age or lifetime, no scopes, no revocation.
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
    exp_leeway: u64,
    nbf_leeway: u64,
    issuer: Option<&'a str>,
    audience: Option<&'a str>,
    audiences: &'a [&'a str],
    any_audience: bool,
    required: RequiredClaims,
    typ: Option<&'a str>,
    max_token_len: usize,
    max_age: Option<u64>,
    max_lifetime: Option<u64>,
    scopes: &'a [&'a str],
    revocation: Option<RevocationHook<'a>>,
}

/// The caller's revocation hook: compared by address, shown without its state.
#[derive(Clone, Copy)]
struct RevocationHook<'a>(&'a dyn Revocation);

impl PartialEq for RevocationHook<'_> {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::addr_eq(self.0, other.0)
    }
}

impl Eq for RevocationHook<'_> {}

impl fmt::Debug for RevocationHook<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Revocation { .. }")
    }
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
            exp_leeway: 0,
            nbf_leeway: 0,
            issuer: None,
            audience: None,
            audiences: &[],
            any_audience: false,
            required: RequiredClaims::DEFAULT,
            typ: None,
            max_token_len: Self::DEFAULT_MAX_TOKEN_LEN,
            max_age: None,
            max_lifetime: None,
            scopes: &[],
            revocation: None,
        }
    }

    /// The JWT access-token profile (RFC 9068 §4), for a resource server
    /// that accepts tokens issued by `issuer` for the audience `audience`:
    /// header `typ` `at+jwt` (`application/at+jwt` matches too), and `iss`,
    /// `exp`, `aud`, `sub`, `client_id`, `iat` and `jti` required (a
    /// `client_id` that is not a string is
    /// [`Error::InvalidClaimType`]). Add the scopes the endpoint needs with
    /// [`scopes`](Self::scopes).
    ///
    /// ```
    /// use jwt_embedded::Validation;
    /// const POLICY: Validation<'static> =
    ///     Validation::access_token("https://issuer.example.com", "https://api.example.com")
    ///         .scopes(&["telemetry:write"])
    ///         .max_age(3600);
    /// ```
    pub const fn access_token(issuer: &'a str, audience: &'a str) -> Self {
        Self::new()
            .typ("at+jwt")
            .issuer(issuer)
            .audience(audience)
            .required(
                RequiredClaims::NONE
                    .with(Claim::Iss)
                    .with(Claim::Exp)
                    .with(Claim::Aud)
                    .with(Claim::Sub)
                    .with(Claim::ClientId)
                    .with(Claim::Iat)
                    .with(Claim::Jti),
            )
    }

    /// Seconds of clock skew tolerated on `exp` and `nbf` (and on `iat`
    /// under [`max_age`](Self::max_age)); sets both of the leeways below.
    pub const fn leeway(mut self, seconds: u64) -> Self {
        self.exp_leeway = seconds;
        self.nbf_leeway = seconds;
        self
    }

    /// Seconds of clock skew tolerated when a token ends: on `exp`, and on
    /// the age of `iat` under [`max_age`](Self::max_age).
    pub const fn exp_leeway(mut self, seconds: u64) -> Self {
        self.exp_leeway = seconds;
        self
    }

    /// Seconds of clock skew tolerated when a token starts: on `nbf`, and on
    /// an `iat` in the future under [`max_age`](Self::max_age).
    pub const fn nbf_leeway(mut self, seconds: u64) -> Self {
        self.nbf_leeway = seconds;
        self
    }

    /// Rejects tokens issued more than `seconds` ago, whatever their `exp`:
    /// `iat` is required; [`Error::TooOld`] when `now - iat > seconds +
    /// exp_leeway`, [`Error::IssuedInFuture`] when `iat > now + nbf_leeway`.
    pub const fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Rejects tokens that live longer than `seconds`: `iat` and `exp` are
    /// required; [`Error::Lifetime`] when `exp - iat > seconds`, compared
    /// exactly. Two dates the crate cannot subtract exactly (beyond ±10³⁰ s,
    /// or fractions equal in their first 9 digits that both go on) are
    /// rejected too.
    pub const fn max_lifetime(mut self, seconds: u64) -> Self {
        self.max_lifetime = Some(seconds);
        self
    }

    /// Requires every one of `scopes` among the token's scopes (`scope`, or
    /// `scp` when `scope` is absent: see [`Scopes`](crate::Scopes)). No scope
    /// claim at all is [`Error::MissingClaim`]`(`[`Claim::Scope`]`)`, one
    /// missing is [`Error::Scope`], a claim of another JSON type
    /// [`Error::InvalidClaimType`]. An empty slice requires nothing.
    pub const fn scopes(mut self, scopes: &'a [&'a str]) -> Self {
        self.scopes = scopes;
        self
    }

    /// Asks `revocation` about every token that passed every other check;
    /// `jti` becomes required ([`Error::MissingClaim`] without it), and a
    /// revoked token is [`Error::Revoked`]. See [`DenyList`](crate::DenyList).
    pub const fn revocation(mut self, revocation: &'a dyn Revocation) -> Self {
        self.revocation = Some(RevocationHook(revocation));
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
    /// required claims (with `iat` under a maximum age, `iat` and `exp`
    /// under a maximum lifetime, `jti` with revocation), `exp`, `nbf`, the
    /// age of `iat`, the lifetime, `iss`, `aud`, `client_id`'s type (when
    /// required), scopes, revocation.
    pub fn check(&self, claims: &Claims<'_>, now: i64) -> Result<(), Error> {
        let mut required = self.required;
        if self.max_age.is_some() {
            required = required.with(Claim::Iat);
        }
        if self.max_lifetime.is_some() {
            required = required.with(Claim::Iat).with(Claim::Exp);
        }
        if self.revocation.is_some() {
            required = required.with(Claim::Jti);
        }
        if !self.scopes.is_empty() {
            required = required.with(Claim::Scope);
        }
        // `client_id`, `scope` and `scp` are looked up once, and only if used.
        let access = (required.contains(Claim::ClientId) || required.contains(Claim::Scope))
            .then(|| claims.access());
        let present = |c: Claim| match (c, &access) {
            (Claim::ClientId | Claim::Scope, Some(access)) => access.has(c),
            _ => claims.contains(c),
        };
        if let Some(missing) = Claim::ALL
            .into_iter()
            .find(|c| required.contains(*c) && !present(*c))
        {
            return Err(Error::MissingClaim(missing));
        }
        if claims
            .exp
            .is_some_and(|exp| exp.expired_at(now, self.exp_leeway))
        {
            return Err(Error::Expired);
        }
        if claims
            .nbf
            .is_some_and(|nbf| nbf.not_yet_valid_at(now, self.nbf_leeway))
        {
            return Err(Error::NotYetValid);
        }
        if let (Some(max_age), Some(iat)) = (self.max_age, claims.iat) {
            if iat.older_than(now, max_age, self.exp_leeway) {
                return Err(Error::TooOld);
            }
            if iat.not_yet_valid_at(now, self.nbf_leeway) {
                return Err(Error::IssuedInFuture);
            }
        }
        if let Some(max) = self.max_lifetime
            && claims.lifetime_exceeds(max) != Some(false)
        {
            return Err(Error::Lifetime);
        }
        if let Some(issuer) = self.issuer
            && !claims.iss.is_some_and(|iss| iss.eq_str(issuer))
        {
            return Err(Error::Issuer);
        }
        self.check_audience(claims)?;
        if let Some(access) = access {
            if required.contains(Claim::ClientId) {
                access.client_id()?;
            }
            self.check_scopes(&access)?;
        }
        match self.revocation {
            Some(RevocationHook(hook)) if hook.is_revoked(claims, now) => Err(Error::Revoked),
            _ => Ok(()),
        }
    }

    fn check_scopes(&self, access: &AccessMembers<'_>) -> Result<(), Error> {
        if self.scopes.is_empty() {
            return Ok(());
        }
        let granted = access.scopes()?.ok_or(Error::MissingClaim(Claim::Scope))?;
        if granted.contains_all(self.scopes) {
            Ok(())
        } else {
            Err(Error::Scope)
        }
    }

    fn check_audience(&self, claims: &Claims<'_>) -> Result<(), Error> {
        if self.any_audience {
            return Ok(());
        }
        // `audience` and `audiences` exclude each other (the builders clear
        // one when setting the other).
        let accepted: &[&str] = match &self.audience {
            Some(one) => core::slice::from_ref(one),
            None => self.audiences,
        };
        // One pass over the token's audiences (which may be many), each
        // compared with the few the policy accepts.
        let granted = |aud: &crate::Audience<'_>| match aud {
            crate::Audience::One(a) => a.is_one_of(accepted),
            crate::Audience::Many(list) => list.strings().any_in(accepted),
        };
        match &claims.aud {
            None if accepted.is_empty() => Ok(()),
            Some(aud) if granted(aud) => Ok(()),
            _ => Err(Error::Audience),
        }
    }
}
