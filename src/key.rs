//! Keys, each bound to exactly one algorithm.
//!
//! Every key type verifies one [`Algorithm`], fixed by its type:
//! [`Hs256Key`](crate::Hs256Key) only HS256, `Ps256Key<Rsa2048>` only PS256.
//! [`verify`](crate::verify) is generic over [`VerifyingKey`], so a firmware
//! image that only names [`Hs256Key`](crate::Hs256Key) links no code of any
//! other algorithm; the trait is also dyn-compatible, so keys of several
//! algorithms can sit side by side behind `&dyn VerifyingKey` and go through
//! the same pipeline. The trait is sealed: the set of algorithms is this
//! crate's to vouch for.

use crate::Error;

/// A JWS algorithm this crate can verify (RFC 7518 §3.1).
///
/// Only names: matching on an `Algorithm` links no verification code.
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256 (RFC 7518 §3.2).
    Hs256,
    /// HMAC with SHA-384 (RFC 7518 §3.2).
    Hs384,
    /// HMAC with SHA-512 (RFC 7518 §3.2).
    Hs512,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384 (RFC 7518 §3.3).
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512 (RFC 7518 §3.3).
    Rs512,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt (RFC 7518 §3.5).
    Ps256,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384 and a 48-byte salt (RFC 7518 §3.5).
    Ps384,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512 and a 64-byte salt (RFC 7518 §3.5).
    Ps512,
    /// ECDSA on P-256 with SHA-256 (RFC 7518 §3.4).
    Es256,
    /// ECDSA on P-384 with SHA-384 (RFC 7518 §3.4).
    Es384,
    /// EdDSA with Ed25519 (RFC 8037 §3.1; `alg` `"EdDSA"`, or `"Ed25519"`,
    /// its fully-specified name of RFC 9864).
    EdDsa,
}

impl Algorithm {
    /// Every algorithm, in RFC 7518's order.
    pub const ALL: [Algorithm; 12] = [
        Algorithm::Hs256,
        Algorithm::Hs384,
        Algorithm::Hs512,
        Algorithm::Rs256,
        Algorithm::Rs384,
        Algorithm::Rs512,
        Algorithm::Ps256,
        Algorithm::Ps384,
        Algorithm::Ps512,
        Algorithm::Es256,
        Algorithm::Es384,
        Algorithm::EdDsa,
    ];

    /// The registered `alg` header value, e.g. `"HS256"`.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
            Algorithm::Rs256 => "RS256",
            Algorithm::Rs384 => "RS384",
            Algorithm::Rs512 => "RS512",
            Algorithm::Ps256 => "PS256",
            Algorithm::Ps384 => "PS384",
            Algorithm::Ps512 => "PS512",
            Algorithm::Es256 => "ES256",
            Algorithm::Es384 => "ES384",
            Algorithm::EdDsa => "EdDSA",
        }
    }

    /// Whether `alg` (a header's or a JWK's `alg` member) names this
    /// algorithm: its registered name exactly, or for EdDSA also
    /// `"Ed25519"` (RFC 9864), the only curve this crate verifies EdDSA on.
    pub(crate) fn is_named(self, alg: &crate::JsonStr<'_>) -> bool {
        alg.eq_str(self.name()) || (matches!(self, Algorithm::EdDsa) && alg.eq_str("Ed25519"))
    }

    /// [`from_name`](Self::from_name) for a JSON string as written (escapes
    /// decoded while comparing).
    pub(crate) fn from_json(alg: &crate::JsonStr<'_>) -> Option<Algorithm> {
        Algorithm::ALL
            .into_iter()
            .find(|algorithm| algorithm.is_named(alg))
    }

    /// The algorithm whose registered name is exactly `name` (case
    /// sensitive, RFC 7515 §4.1.1), `"Ed25519"` (RFC 9864) being EdDSA;
    /// `None` for any other, `"none"` included.
    ///
    /// ```
    /// use jwt_embedded::Algorithm;
    /// assert_eq!(Algorithm::from_name("PS384"), Some(Algorithm::Ps384));
    /// assert_eq!(Algorithm::from_name("Ed25519"), Some(Algorithm::EdDsa));
    /// assert_eq!(Algorithm::from_name("ps384"), None);
    /// assert_eq!(Algorithm::from_name("none"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Algorithm> {
        if name == "Ed25519" {
            return Some(Algorithm::EdDsa);
        }
        Algorithm::ALL.into_iter().find(|alg| alg.name() == name)
    }
}

impl core::fmt::Display for Algorithm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// A key that verifies signatures of exactly one [`Algorithm`].
///
/// Sealed: implemented by this crate's key types only. Dyn-compatible:
/// `&dyn VerifyingKey` goes through [`verify`](crate::verify) like a
/// concrete key, so keys of different algorithms can be chosen at run time
/// through the one pipeline (each concrete type is still only linked where
/// a program names it).
///
/// ```
/// use jwt_embedded::{Hs256Key, Hs512Key, Validation, VerifyingKey, verify};
/// let hs256 = Hs256Key::new(&[7; 32])?;
/// let hs512 = Hs512Key::new(&[7; 64])?;
/// let keys: [&dyn VerifyingKey; 2] = [&hs256, &hs512];
/// // RFC 7515 Appendix A.1's token is HS256: only the first key takes it on `alg`.
/// let token = b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9\
///     .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
///     .dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// let mut buf = [0u8; 256];
/// let policy = Validation::new();
/// assert_eq!(
///     verify(token, keys[1], &policy, 0, &mut buf).err(),
///     Some(jwt_embedded::Error::Algorithm)
/// );
/// assert_eq!( // `alg` matches; this key did not sign it
///     verify(token, keys[0], &policy, 0, &mut buf).err(),
///     Some(jwt_embedded::Error::Signature)
/// );
/// # Ok::<(), jwt_embedded::Error>(())
/// ```
pub trait VerifyingKey: sealed::Sealed {
    /// The only algorithm whose tokens this key accepts; the header `alg`
    /// must equal its name exactly. (Each key type also has it as the
    /// associated constant `ALGORITHM`.)
    fn algorithm(&self) -> Algorithm;

    /// Verifies the base64url `signature` segment over `signing_input`
    /// (`header '.' payload`, exactly as transmitted).
    ///
    /// Returns [`Error::Malformed`]`(`[`Part::Signature`](crate::Part::Signature)`)`
    /// when the segment is not a canonical encoding of a signature of the
    /// right length, and [`Error::Signature`] when it does not verify.
    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error>;
}
