//! The one error type of the crate.

use core::fmt;

/// Which part of a token (or key) was malformed.
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// The compact serialization itself: not exactly three `.`-separated segments.
    Token,
    /// The JOSE header: bad base64url, not UTF-8, not a strict JSON object,
    /// or a header parameter of the wrong type.
    Header,
    /// The payload: bad base64url, not UTF-8, or not a strict JSON object.
    Claims,
    /// The signature segment: bad base64url or the wrong length for the algorithm.
    Signature,
    /// The HTTP credential a token was extracted from: an `Authorization`
    /// value whose Bearer credential breaks RFC 6750 §2.1, or a cookie value
    /// that breaks RFC 6265 §4.2.1 (see [`bearer_token`](crate::bearer_token),
    /// [`cookie_token`](crate::cookie_token)).
    Credential,
}

impl Part {
    /// Stable lower-case name of the part.
    pub const fn name(self) -> &'static str {
        match self {
            Part::Token => "token",
            Part::Header => "header",
            Part::Claims => "claims",
            Part::Signature => "signature",
            Part::Credential => "credential",
        }
    }
}

/// A registered claim name (RFC 7519 §4.1) the verifier knows about.
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `iss`, the issuer.
    Iss,
    /// `sub`, the subject.
    Sub,
    /// `aud`, the audience.
    Aud,
    /// `exp`, the expiration time.
    Exp,
    /// `nbf`, the not-before time.
    Nbf,
    /// `iat`, the issued-at time.
    Iat,
    /// `jti`, the JWT ID.
    Jti,
    /// `client_id` (RFC 8693 §4.3), required by the access-token profile (RFC 9068).
    ClientId,
    /// The token's scopes: `scope` (RFC 8693 §4.2, a space-separated string)
    /// or, when it is absent, `scp` (a space-separated string or an array of
    /// strings, as Microsoft Entra and Okta publish it).
    Scope,
}

impl Claim {
    /// Every claim the verifier knows, RFC 7519's in its order, then `client_id` and `scope`.
    pub const ALL: [Claim; 9] = [
        Claim::Iss,
        Claim::Sub,
        Claim::Aud,
        Claim::Exp,
        Claim::Nbf,
        Claim::Iat,
        Claim::Jti,
        Claim::ClientId,
        Claim::Scope,
    ];

    /// The claim's member name in the JSON payload.
    pub const fn name(self) -> &'static str {
        match self {
            Claim::Iss => "iss",
            Claim::Sub => "sub",
            Claim::Aud => "aud",
            Claim::Exp => "exp",
            Claim::Nbf => "nbf",
            Claim::Iat => "iat",
            Claim::Jti => "jti",
            Claim::ClientId => "client_id",
            Claim::Scope => "scope",
        }
    }

    /// The claim with member name `name`, if it is one of the registered claims.
    pub fn from_name(name: &str) -> Option<Claim> {
        Claim::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Why a key was refused at import: the reason inside
/// [`Error::InvalidKey`].
///
/// Small and `Copy`, with a stable snake_case [`name`](KeyError::name) for
/// logs and for the CLI; new reasons may be added in minor releases.
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyError {
    /// An HMAC secret shorter than the hash output (RFC 7518 §3.2). Name `too_short`.
    TooShort,
    /// An RSA modulus under 2048 bits (RFC 7518 §3.3). Name `weak`.
    Weak,
    /// An RSA modulus wider than the key type holds. Name `too_large`.
    TooLarge,
    /// An RSA modulus that is not a valid one (even). Name `modulus`.
    Modulus,
    /// An RSA public exponent that is even, below 3, or not below 2³². Name `exponent`.
    Exponent,
    /// Another type of key: a JWK `kty`, a PEM label or an algorithm
    /// identifier (OID) this key type does not take. Name `key_type`.
    KeyType,
    /// A JWK whose `alg` is not the key type's algorithm (RFC 8725 §3.1).
    /// Name `algorithm`.
    Algorithm,
    /// A JWK not meant for verifying signatures: `use` other than `"sig"`,
    /// or `key_ops` without `"verify"` (RFC 7517 §4.2, §4.3). Name `use`.
    Use,
    /// A private key (a JWK with `d`, …): a verifier needs only the public
    /// key, and a device should never be handed the private one. Name `private`.
    Private,
    /// The encoding is broken: not strict JSON, base64url, PEM or DER, or a
    /// required member is missing or of the wrong type. Name `encoding`.
    Encoding,
    /// An elliptic curve this key type does not take: a JWK `crv` or a
    /// named-curve OID of another curve (e.g. P-521, secp256k1, X25519,
    /// Ed448 for an ES256 or Ed25519 key). Name `curve`.
    Curve,
    /// Coordinates or an encoding that are not an acceptable point of the
    /// curve: off the curve, the identity, a point of small order or a
    /// non-canonical encoding (Ed25519), or a compressed point. Name `point`.
    Point,
}

impl KeyError {
    /// Stable snake_case name of the reason, e.g. `weak`.
    pub const fn name(self) -> &'static str {
        match self {
            KeyError::TooShort => "too_short",
            KeyError::Weak => "weak",
            KeyError::TooLarge => "too_large",
            KeyError::Modulus => "modulus",
            KeyError::Exponent => "exponent",
            KeyError::KeyType => "key_type",
            KeyError::Algorithm => "algorithm",
            KeyError::Use => "use",
            KeyError::Private => "private",
            KeyError::Encoding => "encoding",
            KeyError::Curve => "curve",
            KeyError::Point => "point",
        }
    }
}

impl From<KeyError> for Error {
    fn from(why: KeyError) -> Self {
        Error::InvalidKey(why)
    }
}

/// Why a token or a key was rejected.
///
/// Small and `Copy`: no strings, no allocation. Every variant has a stable
/// snake_case [`kind`](Error::kind) name, and new variants may be added in
/// minor releases (`#[non_exhaustive]`).
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// The token (or one of its parts) is not well-formed. Kind `malformed`.
    Malformed(Part),
    /// The header `alg` is absent, not a string, or not exactly the key's
    /// algorithm (this includes `none`). Kind `algorithm`.
    Algorithm,
    /// The signature does not verify with the key. Kind `signature`.
    Signature,
    /// `now >= exp + leeway`. Kind `expired`.
    Expired,
    /// `now < nbf - leeway`. Kind `not_yet_valid`.
    NotYetValid,
    /// `iss` is absent or differs from the expected issuer. Kind `issuer`.
    Issuer,
    /// `aud` is absent while an audience is expected, holds none of the
    /// accepted audiences, or is present while no audience was configured.
    /// Kind `audience`.
    Audience,
    /// A required claim is absent. Kind `missing_claim`.
    MissingClaim(Claim),
    /// A registered claim has the wrong JSON type (e.g. `exp` as a string,
    /// `iss` as a number, a non-string in the `aud` array). Kind `invalid_claim_type`.
    InvalidClaimType(Claim),
    /// The header carries `crit`; no extension is implemented (RFC 7515 §4.1.11). Kind `crit`.
    Crit,
    /// The header `typ` is absent or differs from the expected type. Kind `typ`.
    Type,
    /// The caller's buffer cannot hold the decoded header and payload. Kind `buffer_too_small`.
    BufferTooSmall,
    /// The token exceeds a size limit: it is longer than the policy's maximum
    /// length, its header segment is longer than
    /// [`MAX_HEADER_LEN`](crate::MAX_HEADER_LEN), or its header or payload
    /// holds more than [`MAX_MEMBERS`](crate::MAX_MEMBERS) member names in the
    /// objects open at one point (more than 8 of them with escapes, or one
    /// decoding to more than 64 bytes), or a member name that starts past its
    /// first 64 KiB. Kind `too_large`.
    TooLarge,
    /// `iat` is further in the past than the policy's maximum age allows:
    /// `now - iat > max_age + leeway`. Kind `too_old`.
    TooOld,
    /// `iat` is in the future: `iat > now + leeway` (checked with a maximum
    /// age). Kind `issued_in_future`.
    IssuedInFuture,
    /// The token lives longer than the policy allows: `exp - iat > max_lifetime`.
    /// Kind `lifetime`.
    Lifetime,
    /// The token was revoked: the revocation hook (e.g. a
    /// [`DenyList`](crate::DenyList)) names it. Kind `revoked`.
    Revoked,
    /// A required scope is not among the token's scopes. Kind `scope`.
    Scope,
    /// The HTTP header carries no token: no `Authorization` value or another
    /// scheme than Bearer, or no cookie of the given name. Kind `no_token`.
    NoToken,
    /// The cookie of the given name appears more than once in the `Cookie`
    /// header: which one is the token is ambiguous. Kind `duplicate_cookie`.
    DuplicateCookie,
    /// The key material is unacceptable, for the reason given (e.g. an
    /// HS256 secret shorter than 32 bytes, RFC 7518 §3.2:
    /// [`KeyError::TooShort`]). Kind `key`.
    InvalidKey(KeyError),
    /// The verified claims do not deserialize into the caller's type. Kind `deserialize`.
    Deserialize,
    /// No key of the [`KeySet`](crate::KeySet) is the token's: its `kid`
    /// names none, or it has no `kid` and not exactly one key has its `alg`
    /// (also: a refresh that would leave no usable key). Kind `unknown_key`.
    UnknownKey,
}

impl Error {
    /// Stable snake_case name of the error's kind, e.g. `expired`.
    ///
    /// These names are a contract (the example CLI prints them): they never change.
    pub const fn kind(self) -> &'static str {
        match self {
            Error::Malformed(_) => "malformed",
            Error::Algorithm => "algorithm",
            Error::Signature => "signature",
            Error::Expired => "expired",
            Error::NotYetValid => "not_yet_valid",
            Error::Issuer => "issuer",
            Error::Audience => "audience",
            Error::MissingClaim(_) => "missing_claim",
            Error::InvalidClaimType(_) => "invalid_claim_type",
            Error::Crit => "crit",
            Error::Type => "typ",
            Error::BufferTooSmall => "buffer_too_small",
            Error::TooLarge => "too_large",
            Error::TooOld => "too_old",
            Error::IssuedInFuture => "issued_in_future",
            Error::Lifetime => "lifetime",
            Error::Revoked => "revoked",
            Error::Scope => "scope",
            Error::NoToken => "no_token",
            Error::DuplicateCookie => "duplicate_cookie",
            Error::InvalidKey(_) => "key",
            Error::Deserialize => "deserialize",
            Error::UnknownKey => "unknown_key",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Malformed(part) => write!(f, "malformed token: {}", part.name()),
            Error::Algorithm => f.write_str("algorithm does not match the key"),
            Error::Signature => f.write_str("signature does not verify"),
            Error::Expired => f.write_str("token has expired"),
            Error::NotYetValid => f.write_str("token is not yet valid"),
            Error::Issuer => f.write_str("issuer is missing or not accepted"),
            Error::Audience => f.write_str("audience is missing or not accepted"),
            Error::MissingClaim(c) => write!(f, "required claim `{}` is missing", c.name()),
            Error::InvalidClaimType(c) => write!(f, "claim `{}` has the wrong type", c.name()),
            Error::Crit => f.write_str("header names critical extensions"),
            Error::Type => f.write_str("header typ is missing or not accepted"),
            Error::BufferTooSmall => f.write_str("buffer too small for the decoded token"),
            Error::TooLarge => f.write_str("token exceeds a size limit"),
            Error::TooOld => f.write_str("token was issued too long ago"),
            Error::IssuedInFuture => f.write_str("token is issued in the future"),
            Error::Lifetime => f.write_str("token lifetime exceeds the maximum"),
            Error::Revoked => f.write_str("token has been revoked"),
            Error::Scope => f.write_str("a required scope is missing"),
            Error::NoToken => f.write_str("no bearer token in the header"),
            Error::DuplicateCookie => f.write_str("the token cookie appears more than once"),
            Error::InvalidKey(why) => write!(f, "invalid key: {}", why.name()),
            Error::Deserialize => f.write_str("claims do not match the requested type"),
            Error::UnknownKey => f.write_str("no key of the set is the token's"),
        }
    }
}

impl core::error::Error for Error {}
