//! JWK Sets (RFC 7517 §5) as issuers publish them, held in a capacity the
//! caller chooses, each key bound to exactly one algorithm, the key of a
//! token chosen by its `kid`.
//!
//! - [`KeySet`]: parse ([`KeySet::from_jwks`], with each member's outcome
//!   reported to the caller), look up, verify ([`KeySet::verify`]), and
//!   refresh without ever losing the working set ([`KeySet::refresh`]);
//! - [`SetKey`]: one key of any algorithm this build verifies (an enum: a
//!   set holds keys of several algorithms side by side);
//! - [`KeySetPolicy`]: which algorithms the caller accepts at all, and the
//!   one it assumes for RSA and `oct` keys published without `alg`;
//! - [`SkipReason`]: why a member was not imported.

use core::fmt;

use crate::json::{self, Items, JsonStr, Value};
use crate::{Algorithm, Error, Header, KeyError, Validation, Verified, VerifyingKey};
use crate::{
    Hs256Key, Hs384Key, Hs512Key, Ps256Key, Ps384Key, Ps512Key, Rs256Key, Rs384Key, Rs512Key,
    Rsa2048, Rsa3072, Rsa4096,
};

/// Longest JWK Set document accepted, in bytes (Microsoft Entra's 14 keys
/// with their certificate chains are 23 KB); a longer one is
/// [`Error::TooLarge`] before anything is parsed.
pub const MAX_JWKS_LEN: usize = 64 * 1024;

/// Longest `kid` kept, in bytes (decoded); a member with a longer one is
/// skipped ([`SkipReason::KidTooLong`]). Real issuers' are 20 to 64.
pub const MAX_KID_LEN: usize = 64;

/// A key's `kid`, decoded, in fixed storage.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Kid {
    bytes: [u8; MAX_KID_LEN],
    len: u8,
}

impl Kid {
    /// The `kid` of a JSON string, if it decodes to at most
    /// [`MAX_KID_LEN`] bytes.
    #[inline]
    fn from_json(kid: &JsonStr<'_>) -> Option<Self> {
        let mut bytes = [0u8; MAX_KID_LEN];
        let len = kid.unescape_into(&mut bytes).ok()?.len();
        Some(Self {
            bytes,
            len: u8::try_from(len).ok()?,
        })
    }

    /// The `kid` as text.
    pub fn as_str(&self) -> &str {
        let bytes = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or_default()
    }
}

impl fmt::Debug for Kid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Declares [`SetKey`]: one variant per key type a set can hold, and its
/// dispatch to the key type's [`VerifyingKey`] implementation.
macro_rules! set_keys {
    ($($(#[$attr:meta])* $variant:ident($ty:ty) = $alg:ident, $doc:literal;)*) => {
        /// One key of a [`KeySet`]: a key of any algorithm this build
        /// verifies, bound to that algorithm. RSA keys are held at the
        /// narrowest width that fits their modulus (verification time grows
        /// with the width), so the enum is as large as a 4096-bit key
        /// (about 1 KiB); see the README's "Key sets" for the figures.
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum SetKey {
            $(
                #[doc = $doc]
                $(#[$attr])*
                $variant($ty),
            )*
        }

        impl crate::key::sealed::Sealed for SetKey {}

        // `#[inline]` on these and on the import below: code of the library
        // that is not generic and not `#[inline]` is compiled with it whether
        // a program uses it or not, and with LTO its calls into every key
        // type change the inlining decisions (measured: +140 B in an HS512
        // firmware image, +680 B in an RS256 + PS256 one, without a key set
        // in sight). Inline, they exist only where a program uses a set.
        impl VerifyingKey for SetKey {
            #[inline]
            fn algorithm(&self) -> Algorithm {
                match self {
                    $($(#[$attr])* SetKey::$variant(_) => Algorithm::$alg,)*
                }
            }

            #[inline]
            fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
                match self {
                    $($(#[$attr])* SetKey::$variant(key) => key.verify_signature(signing_input, signature),)*
                }
            }
        }
    };
}

set_keys! {
    Hs256(Hs256Key) = Hs256, "HS256.";
    Hs384(Hs384Key) = Hs384, "HS384.";
    Hs512(Hs512Key) = Hs512, "HS512.";
    Rs256W2048(Rs256Key<Rsa2048>) = Rs256, "RS256, a 2048-bit key.";
    Rs256W3072(Rs256Key<Rsa3072>) = Rs256, "RS256, a key of up to 3072 bits.";
    Rs256W4096(Rs256Key<Rsa4096>) = Rs256, "RS256, a key of up to 4096 bits.";
    Rs384W2048(Rs384Key<Rsa2048>) = Rs384, "RS384, a 2048-bit key.";
    Rs384W3072(Rs384Key<Rsa3072>) = Rs384, "RS384, a key of up to 3072 bits.";
    Rs384W4096(Rs384Key<Rsa4096>) = Rs384, "RS384, a key of up to 4096 bits.";
    Rs512W2048(Rs512Key<Rsa2048>) = Rs512, "RS512, a 2048-bit key.";
    Rs512W3072(Rs512Key<Rsa3072>) = Rs512, "RS512, a key of up to 3072 bits.";
    Rs512W4096(Rs512Key<Rsa4096>) = Rs512, "RS512, a key of up to 4096 bits.";
    Ps256W2048(Ps256Key<Rsa2048>) = Ps256, "PS256, a 2048-bit key.";
    Ps256W3072(Ps256Key<Rsa3072>) = Ps256, "PS256, a key of up to 3072 bits.";
    Ps256W4096(Ps256Key<Rsa4096>) = Ps256, "PS256, a key of up to 4096 bits.";
    Ps384W2048(Ps384Key<Rsa2048>) = Ps384, "PS384, a 2048-bit key.";
    Ps384W3072(Ps384Key<Rsa3072>) = Ps384, "PS384, a key of up to 3072 bits.";
    Ps384W4096(Ps384Key<Rsa4096>) = Ps384, "PS384, a key of up to 4096 bits.";
    Ps512W2048(Ps512Key<Rsa2048>) = Ps512, "PS512, a 2048-bit key.";
    Ps512W3072(Ps512Key<Rsa3072>) = Ps512, "PS512, a key of up to 3072 bits.";
    Ps512W4096(Ps512Key<Rsa4096>) = Ps512, "PS512, a key of up to 4096 bits.";
    #[cfg(feature = "es256")]
    Es256(crate::Es256Key) = Es256, "ES256 (feature `es256`).";
    #[cfg(feature = "es384")]
    Es384(crate::Es384Key) = Es384, "ES384 (feature `es384`).";
    #[cfg(feature = "eddsa")]
    EdDsa(crate::Ed25519Key) = EdDsa, "EdDSA with Ed25519 (feature `eddsa`).";
}

impl SetKey {
    /// Imports the JWK `jwk` as the key of `alg`: RSA at the narrowest
    /// width that holds its modulus. (`#[inline]`: see `VerifyingKey for
    /// SetKey`.)
    #[inline]
    fn import(jwk: &str, alg: Algorithm) -> Result<Self, Error> {
        /// The RSA key of scheme `$key` at 2048, 3072, then 4096 bits: a
        /// wider width is tried only when the modulus does not fit.
        macro_rules! rsa {
            ($key:ident, $w2048:ident, $w3072:ident, $w4096:ident) => {
                match $key::<Rsa2048>::from_jwk(jwk) {
                    Err(Error::InvalidKey(KeyError::TooLarge)) => {
                        match $key::<Rsa3072>::from_jwk(jwk) {
                            Err(Error::InvalidKey(KeyError::TooLarge)) => {
                                $key::<Rsa4096>::from_jwk(jwk).map(SetKey::$w4096)
                            }
                            key => key.map(SetKey::$w3072),
                        }
                    }
                    key => key.map(SetKey::$w2048),
                }
            };
        }
        match alg {
            Algorithm::Hs256 => Hs256Key::from_jwk(jwk).map(SetKey::Hs256),
            Algorithm::Hs384 => Hs384Key::from_jwk(jwk).map(SetKey::Hs384),
            Algorithm::Hs512 => Hs512Key::from_jwk(jwk).map(SetKey::Hs512),
            Algorithm::Rs256 => rsa!(Rs256Key, Rs256W2048, Rs256W3072, Rs256W4096),
            Algorithm::Rs384 => rsa!(Rs384Key, Rs384W2048, Rs384W3072, Rs384W4096),
            Algorithm::Rs512 => rsa!(Rs512Key, Rs512W2048, Rs512W3072, Rs512W4096),
            Algorithm::Ps256 => rsa!(Ps256Key, Ps256W2048, Ps256W3072, Ps256W4096),
            Algorithm::Ps384 => rsa!(Ps384Key, Ps384W2048, Ps384W3072, Ps384W4096),
            Algorithm::Ps512 => rsa!(Ps512Key, Ps512W2048, Ps512W3072, Ps512W4096),
            #[cfg(feature = "es256")]
            Algorithm::Es256 => crate::Es256Key::from_jwk(jwk).map(SetKey::Es256),
            #[cfg(feature = "es384")]
            Algorithm::Es384 => crate::Es384Key::from_jwk(jwk).map(SetKey::Es384),
            #[cfg(feature = "eddsa")]
            Algorithm::EdDsa => crate::Ed25519Key::from_jwk(jwk).map(SetKey::EdDsa),
            #[allow(unreachable_patterns)] // every variant with all features on
            _ => Err(KeyError::KeyType.into()),
        }
    }
}

/// Which keys of a JWK Set the caller takes (RFC 8725 §3.1: the key's
/// algorithm comes from the key, or from the caller; never from a token).
#[derive(Clone, Copy, Debug)]
pub struct KeySetPolicy<'a> {
    accepted: &'a [Algorithm],
    assumed: Option<Algorithm>,
}

/// The asymmetric algorithms: what [`KeySetPolicy::new`] accepts.
const ASYMMETRIC: [Algorithm; 9] = [
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

impl Default for KeySetPolicy<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> KeySetPolicy<'a> {
    /// Every asymmetric algorithm (RS*, PS*, ES256, ES384, EdDSA: those of
    /// them this build verifies); no HMAC key (a published `oct` key is a
    /// shared secret, taken only when the caller names HS* with
    /// [`accept`](Self::accept)); RSA keys without `alg` skipped
    /// ([`SkipReason::NoAlgorithm`]) unless [`assume`](Self::assume) names
    /// their algorithm.
    pub const fn new() -> Self {
        Self {
            accepted: &ASYMMETRIC,
            assumed: None,
        }
    }

    /// Accepts exactly `algorithms` (keys of any other are skipped,
    /// [`SkipReason::NotAccepted`]).
    pub const fn accept(self, algorithms: &'a [Algorithm]) -> Self {
        Self {
            accepted: algorithms,
            ..self
        }
    }

    /// The algorithm of RSA and `oct` keys published without `alg` (Microsoft
    /// Entra publishes none): e.g. RS256. EC and OKP keys without `alg` take
    /// their curve's one algorithm.
    pub const fn assume(self, algorithm: Algorithm) -> Self {
        Self {
            assumed: Some(algorithm),
            ..self
        }
    }

    fn accepts(&self, algorithm: Algorithm) -> bool {
        self.accepted.contains(&algorithm)
    }
}

/// Why a member of a JWK Set was not imported. One unusable member never
/// makes the set unusable.
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SkipReason {
    /// Not a JSON object, or its `kty` / `alg` / `kid` is not a string. Name `invalid`.
    NotAnObject,
    /// A `kty` this crate (or this build) has no key type for. Name `unsupported_kty`.
    UnsupportedKeyType,
    /// An `alg` this crate (or this build) does not verify, e.g. `RSA-OAEP`. Name `unsupported_alg`.
    UnsupportedAlgorithm,
    /// An EC / OKP curve without an algorithm here (`X25519`, `Ed448`,
    /// `secp256k1`, `P-521`). Name `unsupported_crv`.
    UnsupportedCurve,
    /// An RSA or `oct` key without `alg`, and no algorithm assumed for such
    /// keys ([`KeySetPolicy::assume`]). Name `no_alg`.
    NoAlgorithm,
    /// Its algorithm is not among those the caller accepts. Name `not_accepted`.
    NotAccepted,
    /// `use` other than `sig`, or `key_ops` without `verify`. Name `not_for_signing`.
    NotForSigning,
    /// Too weak: an RSA modulus under 2048 bits, an HMAC secret shorter than
    /// the hash. Name `weak`.
    Weak,
    /// Private key members (`d`, …). Name `private`.
    Private,
    /// A `kid` already taken by an earlier imported member. Name `duplicate_kid`.
    DuplicateKid,
    /// A `kid` longer than [`MAX_KID_LEN`] bytes. Name `kid_too_long`.
    KidTooLong,
    /// The set is full. Name `capacity`.
    Capacity,
    /// The key itself is refused, for the reason given. Name `key_<reason>`
    /// (e.g. `key_encoding`).
    Key(KeyError),
}

impl SkipReason {
    /// Stable snake_case name, e.g. `not_for_signing`.
    pub const fn name(self) -> &'static str {
        match self {
            SkipReason::NotAnObject => "invalid",
            SkipReason::UnsupportedKeyType => "unsupported_kty",
            SkipReason::UnsupportedAlgorithm => "unsupported_alg",
            SkipReason::UnsupportedCurve => "unsupported_crv",
            SkipReason::NoAlgorithm => "no_alg",
            SkipReason::NotAccepted => "not_accepted",
            SkipReason::NotForSigning => "not_for_signing",
            SkipReason::Weak => "weak",
            SkipReason::Private => "private",
            SkipReason::DuplicateKid => "duplicate_kid",
            SkipReason::KidTooLong => "kid_too_long",
            SkipReason::Capacity => "capacity",
            SkipReason::Key(KeyError::Encoding) => "key_encoding",
            SkipReason::Key(KeyError::KeyType) => "key_type",
            SkipReason::Key(KeyError::Algorithm) => "key_algorithm",
            SkipReason::Key(KeyError::TooLarge) => "key_too_large",
            SkipReason::Key(KeyError::Curve) => "unsupported_crv",
            SkipReason::Key(KeyError::Point) => "key_point",
            SkipReason::Key(KeyError::Modulus) => "key_modulus",
            SkipReason::Key(KeyError::Exponent) => "key_exponent",
            SkipReason::Key(_) => "key",
        }
    }

    /// The reason a key import error gives.
    const fn from_key_error(why: KeyError) -> Self {
        match why {
            KeyError::Use => SkipReason::NotForSigning,
            KeyError::Private => SkipReason::Private,
            KeyError::Weak | KeyError::TooShort => SkipReason::Weak,
            KeyError::Curve => SkipReason::UnsupportedCurve,
            other => SkipReason::Key(other),
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What happened to one member of a JWK Set's `keys`, reported to the
/// caller of [`KeySet::from_jwks_with`] in document order.
#[derive(Clone, Copy, Debug)]
pub struct Outcome<'d> {
    /// The member's index in `keys`.
    pub index: usize,
    /// Its `kid`, as written.
    pub kid: Option<JsonStr<'d>>,
    /// Its `alg`, as written.
    pub alg: Option<JsonStr<'d>>,
    /// Imported as the key of this algorithm, or skipped for this reason.
    pub status: Result<Algorithm, SkipReason>,
}

/// An imported key and its `kid`.
#[derive(Clone, Debug)]
struct Entry {
    kid: Option<Kid>,
    key: SetKey,
}

/// A JWK Set's usable keys, at most `N`, in the caller's memory (no heap):
/// each bound to one algorithm, chosen for a token by its `kid`.
///
/// ```
/// use jwt_embedded::{Algorithm, KeySet, KeySetPolicy, Validation};
/// // Microsoft Entra publishes RSA keys without `alg`: assume RS256.
/// let policy = KeySetPolicy::new().accept(&[Algorithm::Rs256]).assume(Algorithm::Rs256);
/// let document = r#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"hmac"}]}"#;
/// let mut set = KeySet::<4>::from_jwks(document, &policy)?;
/// assert!(set.is_empty()); // an `oct` key is taken only where HS* is accepted
/// // A truncated download leaves the set as it was.
/// assert!(set.refresh(&document[..20], &policy).is_err());
/// # Ok::<(), jwt_embedded::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct KeySet<const N: usize> {
    entries: heapless::Vec<Entry, N>,
}

impl<const N: usize> Default for KeySet<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> KeySet<N> {
    /// An empty set.
    pub const fn new() -> Self {
        Self {
            entries: heapless::Vec::new(),
        }
    }

    /// Parses a JWK Set document (RFC 7517 §5): strict JSON, an object with
    /// a `keys` array, at most [`MAX_JWKS_LEN`] bytes. Each member is
    /// imported or skipped (see [`from_jwks_with`](Self::from_jwks_with));
    /// a document that is not a JWK Set is an error.
    pub fn from_jwks(document: &str, policy: &KeySetPolicy<'_>) -> Result<Self, Error> {
        Self::from_jwks_with(document, policy, |_| {})
    }

    /// [`from_jwks`](Self::from_jwks), reporting each member's
    /// [`Outcome`] to `report`, in order.
    ///
    /// A member's algorithm is its `alg`; without `alg`, its curve's (EC,
    /// OKP) or the policy's assumed one (RSA, `oct`); never the token's.
    /// Members the crate does not use (`x5c`, `x5t`, `issuer`, …) are
    /// validated as JSON and skipped, never stored. The first usable member
    /// with a given `kid` wins; later ones are skipped. Linear in the
    /// document.
    pub fn from_jwks_with<'d>(
        document: &'d str,
        policy: &KeySetPolicy<'_>,
        mut report: impl FnMut(&Outcome<'d>),
    ) -> Result<Self, Error> {
        let keys = keys_array(document)?;
        let mut set = Self::new();
        for (index, member) in Items::new(keys).enumerate() {
            let (kid, alg, status) = match member {
                Value::Object(jwk) => set.add(jwk, policy),
                _ => (None, None, Err(SkipReason::NotAnObject)),
            };
            report(&Outcome {
                index,
                kid,
                alg,
                status,
            });
        }
        Ok(set)
    }

    /// Replaces the keys with those of a new document, all or nothing: if the
    /// document is not a JWK Set (truncated, corrupted, empty, of another
    /// type), or yields no usable key, this set is left as it was and the
    /// error is returned (`Error::UnknownKey` for a set without usable keys).
    /// A device never loses its working keys to a bad download.
    pub fn refresh(&mut self, document: &str, policy: &KeySetPolicy<'_>) -> Result<(), Error> {
        let fresh = Self::from_jwks(document, policy)?;
        if fresh.is_empty() {
            return Err(Error::UnknownKey);
        }
        *self = fresh;
        Ok(())
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys, with their `kid`s, in document order.
    pub fn keys(&self) -> impl Iterator<Item = (Option<&str>, &SetKey)> {
        self.entries
            .iter()
            .map(|entry| (entry.kid.as_ref().map(Kid::as_str), &entry.key))
    }

    /// The key whose `kid` is exactly `kid`.
    pub fn get(&self, kid: &str) -> Option<&SetKey> {
        self.entries
            .iter()
            .find(|entry| entry.kid.as_ref().is_some_and(|k| k.as_str() == kid))
            .map(|entry| &entry.key)
    }

    /// Verifies `token` with the key its header's `kid` names (then exactly
    /// as [`verify`](crate::verify): its `alg` must be that key's algorithm).
    /// A token without `kid` is verified only if exactly one key of the set
    /// has its `alg`. No key, or several: [`Error::UnknownKey`]. Keys are
    /// never tried in turn.
    pub fn verify<'b>(
        &self,
        token: &[u8],
        validation: &Validation<'_>,
        now: i64,
        buf: &'b mut [u8],
    ) -> Result<Verified<'b>, Error> {
        crate::verify::verify_selecting(token, |header| self.select(header), validation, now, buf)
    }

    /// The key for a token with `header` (read once, by the verification).
    fn select(&self, header: &Header<'_>) -> Result<&SetKey, Error> {
        if let Some(kid) = &header.kid {
            let kid = Kid::from_json(kid).ok_or(Error::UnknownKey)?;
            return self
                .entries
                .iter()
                .find(|entry| entry.kid.as_ref() == Some(&kid))
                .map(|entry| &entry.key)
                .ok_or(Error::UnknownKey);
        }
        let mut fitting = self
            .entries
            .iter()
            .filter(|entry| entry.key.algorithm().is_named(&header.alg));
        match (fitting.next(), fitting.next()) {
            (Some(entry), None) => Ok(&entry.key),
            _ => Err(Error::UnknownKey),
        }
    }

    /// Imports one member (`jwk`, a JSON object already validated).
    fn add<'d>(
        &mut self,
        jwk: &'d str,
        policy: &KeySetPolicy<'_>,
    ) -> (
        Option<JsonStr<'d>>,
        Option<JsonStr<'d>>,
        Result<Algorithm, SkipReason>,
    ) {
        let [kty, alg, crv, kid] = json::find_members(jwk, ["kty", "alg", "crv", "kid"]);
        let as_str = |value: Option<Value<'d>>| match value {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s)),
            Some(_) => Err(SkipReason::NotAnObject),
        };
        let (kty, alg, crv, kid) = match (as_str(kty), as_str(alg), as_str(crv), as_str(kid)) {
            (Ok(kty), Ok(alg), Ok(crv), Ok(kid)) => (kty, alg, crv, kid),
            _ => return (None, None, Err(SkipReason::NotAnObject)),
        };
        let status = self.import(jwk, policy, kty, alg, crv, kid);
        (kid, alg, status)
    }

    fn import(
        &mut self,
        jwk: &str,
        policy: &KeySetPolicy<'_>,
        kty: Option<JsonStr<'_>>,
        alg: Option<JsonStr<'_>>,
        crv: Option<JsonStr<'_>>,
        kid: Option<JsonStr<'_>>,
    ) -> Result<Algorithm, SkipReason> {
        let kty = kty.ok_or(SkipReason::NotAnObject)?;
        let algorithm = algorithm_of(&kty, alg.as_ref(), crv.as_ref(), policy)?;
        if !policy.accepts(algorithm) {
            return Err(SkipReason::NotAccepted);
        }
        let kid = match kid {
            Some(kid) => Some(Kid::from_json(&kid).ok_or(SkipReason::KidTooLong)?),
            None => None,
        };
        if kid.is_some() && self.entries.iter().any(|entry| entry.kid == kid) {
            return Err(SkipReason::DuplicateKid);
        }
        if self.entries.is_full() {
            return Err(SkipReason::Capacity);
        }
        let key = SetKey::import(jwk, algorithm).map_err(|error| match error {
            Error::InvalidKey(why) => SkipReason::from_key_error(why),
            _ => SkipReason::Key(KeyError::Encoding),
        })?;
        self.entries
            .push(Entry { kid, key })
            .map_err(|_| SkipReason::Capacity)?;
        Ok(algorithm)
    }
}

/// The member's algorithm: its `alg`, else its curve's (EC, OKP), else the
/// policy's assumed one (RSA, `oct`).
#[inline]
fn algorithm_of(
    kty: &JsonStr<'_>,
    alg: Option<&JsonStr<'_>>,
    crv: Option<&JsonStr<'_>>,
    policy: &KeySetPolicy<'_>,
) -> Result<Algorithm, SkipReason> {
    let family = if kty.eq_str("RSA") {
        Family::Rsa
    } else if kty.eq_str("oct") {
        Family::Oct
    } else if kty.eq_str("EC") {
        Family::Ec
    } else if kty.eq_str("OKP") {
        Family::Okp
    } else {
        return Err(SkipReason::UnsupportedKeyType);
    };
    let algorithm = match alg {
        Some(alg) => Algorithm::from_json(alg).ok_or(SkipReason::UnsupportedAlgorithm)?,
        None => match family {
            Family::Rsa | Family::Oct => policy.assumed.ok_or(SkipReason::NoAlgorithm)?,
            Family::Ec if crv.is_some_and(|c| c.eq_str("P-256")) => Algorithm::Es256,
            Family::Ec if crv.is_some_and(|c| c.eq_str("P-384")) => Algorithm::Es384,
            Family::Okp if crv.is_some_and(|c| c.eq_str("Ed25519")) => Algorithm::EdDsa,
            Family::Ec | Family::Okp => return Err(SkipReason::UnsupportedCurve),
        },
    };
    let fits = match algorithm {
        Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512 => family == Family::Oct,
        Algorithm::Es256 | Algorithm::Es384 => family == Family::Ec,
        Algorithm::EdDsa => family == Family::Okp,
        _ => family == Family::Rsa,
    };
    if !fits {
        return Err(SkipReason::Key(KeyError::KeyType));
    }
    Ok(algorithm)
}

/// The key families of `kty`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Rsa,
    Oct,
    Ec,
    Okp,
}

/// The `keys` array of a JWK Set document.
#[inline]
fn keys_array(document: &str) -> Result<&str, Error> {
    if document.len() > MAX_JWKS_LEN {
        return Err(Error::TooLarge);
    }
    let mut keys = None;
    json::parse_object(document, |name, value| {
        if name.eq_str("keys") {
            keys = Some(value);
        }
    })
    .map_err(|_| Error::InvalidKey(KeyError::Encoding))?;
    match keys {
        Some(Value::Array(keys) | Value::StrArray(keys)) => Ok(keys),
        _ => Err(Error::InvalidKey(KeyError::Encoding)),
    }
}
