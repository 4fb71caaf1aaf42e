//! ECDSA signatures (RFC 7518 §3.4): ES256 on P-256 with SHA-256 and ES384
//! on P-384 with SHA-384, each behind its own cargo feature (`es256`,
//! `es384`) on RustCrypto's `p256` / `p384` arithmetic.
//!
//! - this file: [`EcdsaKey`], its import from JWK, DER and PEM, and the
//!   signature's JOSE form (raw `r ‖ s`, nothing else);
//! - `p256`, `p384`: the curves, as type parameters ([`P256`], [`P384`]);
//! - `verify`: the verification, with a low peak stack.
//!
//! The curve code verifies in variable time, which is fine for public
//! keys and public signatures; it accepts high-S signatures (RFC 7518 does
//! not ask for low-S, and real signers produce high-S half the time).

use core::fmt;

use crate::der::{self, Parameters};
use crate::jwk::{self, Kty};
use crate::key::sealed::Sealed;
use crate::{Algorithm, Error, KeyError, Part, VerifyingKey, base64url, pem};

#[cfg(feature = "es256")]
mod p256;
#[cfg(feature = "es384")]
mod p384;
mod verify;

#[cfg(feature = "es256")]
pub use self::p256::P256;
#[cfg(feature = "es384")]
pub use self::p384::P384;

/// An elliptic curve an [`EcdsaKey`] is on: [`P256`] or [`P384`]. Sealed.
pub trait EcCurve: sealed::Curve {}

/// Longest field element of the curves, in bytes (P-384).
const MAX_FIELD_LEN: usize = 48;

/// The OID `id-ecPublicKey` (1.2.840.10045.2.1, RFC 5480 §2.1.1), content octets.
const ID_EC_PUBLIC_KEY: [u8; 7] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

pub(crate) mod sealed {
    /// What the key type needs of a curve.
    pub trait Curve {
        /// The verifying key of the curve's implementation.
        type Key: Clone + PartialEq + core::fmt::Debug;
        /// ES256 or ES384.
        const ALGORITHM: crate::Algorithm;
        /// The JWK `crv` (RFC 7518 §6.2.1.1): `"P-256"`, `"P-384"`.
        const CRV: &'static str;
        /// The named curve's OID (RFC 5480 §2.1.1.1), content octets.
        const OID: &'static [u8];
        /// Bytes of a field element and of a scalar: 32 or 48.
        const LEN: usize;
        /// The point `(x, y)` (big-endian, `LEN` bytes each), if both are
        /// field elements (below `p`) and the point is on the curve (the
        /// identity has no affine coordinates). Straight from the
        /// coordinates: no SEC 1 parser, no point decompression is linked.
        fn key(x: &[u8], y: &[u8]) -> Option<Self::Key>;
        /// Whether `signature` (`r ‖ s`, `2 × LEN` bytes, each in `[1, n)`)
        /// is a valid signature of `message` under `key`.
        fn verify(key: &Self::Key, message: &[u8], signature: &[u8]) -> bool;
    }
}

/// An ECDSA public key on curve `C`, bound to that curve's one algorithm:
/// [`Es256Key`] (P-256, ES256) or [`Es384Key`] (P-384, ES384).
///
/// Imported from a JWK (`"kty": "EC"`), an X.509 SubjectPublicKeyInfo (DER
/// or PEM) or the raw uncompressed point. The point must be on the curve
/// and not the identity ([`KeyError::Point`]); only the uncompressed form
/// is taken. Another curve is [`KeyError::Curve`].
pub struct EcdsaKey<C: EcCurve> {
    key: C::Key,
}

/// An ES256 key: ECDSA on P-256 with SHA-256 (feature `es256`).
#[cfg(feature = "es256")]
pub type Es256Key = EcdsaKey<P256>;

/// An ES384 key: ECDSA on P-384 with SHA-384 (feature `es384`).
#[cfg(feature = "es384")]
pub type Es384Key = EcdsaKey<P384>;

impl<C: EcCurve> EcdsaKey<C> {
    /// The one algorithm this key verifies: ES256 or ES384.
    pub const ALGORITHM: Algorithm = C::ALGORITHM;

    /// Length of a signature in bytes: `r ‖ s`, 64 or 96.
    pub const SIGNATURE_LEN: usize = 2 * C::LEN;

    /// A signature in base64url: 86 or 128 characters, no padding.
    const SIGNATURE_B64_LEN: usize = (2 * C::LEN * 4).div_ceil(3);

    /// Builds a key from the SEC 1 uncompressed point `04 ‖ x ‖ y` (65 or
    /// 97 bytes). A compressed point or another length is
    /// [`KeyError::Point`], as is a point off the curve or the identity.
    pub fn from_sec1_bytes(point: &[u8]) -> Result<Self, Error> {
        match point.split_first() {
            Some((4, xy)) if xy.len() == 2 * C::LEN => {
                let (x, y) = xy.split_at(C::LEN);
                Self::from_coordinates(x, y)
            }
            _ => Err(KeyError::Point.into()),
        }
    }

    /// Builds a key from the affine coordinates `x` and `y`, big-endian,
    /// each exactly the field's length (32 or 48 bytes). Coordinates not
    /// below the field's prime, or a point off the curve, are
    /// [`KeyError::Point`].
    pub fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, Error> {
        if x.len() != C::LEN || y.len() != C::LEN {
            return Err(KeyError::Point.into());
        }
        let key = C::key(x, y).ok_or(KeyError::Point)?;
        Ok(Self { key })
    }

    /// Builds a key from a whole JWK JSON object (RFC 7517, RFC 7518
    /// §6.2.1), e.g. one entry of a JWK Set.
    ///
    /// `"kty": "EC"` ([`KeyError::KeyType`]); `crv` this type's curve,
    /// `"P-256"` or `"P-384"` ([`KeyError::Curve`]); `x` and `y` strict
    /// base64url of exactly the field's length ([`KeyError::Encoding`]), the
    /// point on the curve ([`KeyError::Point`]). `alg`, `use`, `key_ops` and
    /// private members (`d`) as for every JWK: see
    /// [`RsaKey::from_jwk`](crate::RsaKey::from_jwk).
    ///
    /// ```
    /// # #[cfg(feature = "es256")] {
    /// use jwt_embedded::{Error, Es256Key, KeyError};
    /// // RFC 7515 Appendix A.3's key, without its private `d`.
    /// let jwk = r#"{"kty":"EC","crv":"P-256",
    ///     "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    ///     "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
    /// assert!(Es256Key::from_jwk(jwk).is_ok());
    /// let p384 = jwk.replace("P-256", "P-384");
    /// assert_eq!(Es256Key::from_jwk(&p384).err(), Some(Error::InvalidKey(KeyError::Curve)));
    /// # }
    /// ```
    pub fn from_jwk(jwk: &str) -> Result<Self, Error> {
        let jwk = jwk::parse(jwk, Kty::Ec, C::ALGORITHM)?;
        let (crv, (x, y)) = jwk.crv.zip(jwk.x.zip(jwk.y)).ok_or(KeyError::Encoding)?;
        if !crv.eq_str(C::CRV) {
            return Err(KeyError::Curve.into());
        }
        let mut coordinates = [0u8; 2 * MAX_FIELD_LEN];
        let (x_bytes, y_bytes) = coordinates.split_at_mut(MAX_FIELD_LEN);
        let x_bytes = x_bytes.get_mut(..C::LEN).ok_or(KeyError::Encoding)?;
        let y_bytes = y_bytes.get_mut(..C::LEN).ok_or(KeyError::Encoding)?;
        jwk::decode_exact(x, x_bytes)?;
        jwk::decode_exact(y, y_bytes)?;
        Self::from_coordinates(x_bytes, y_bytes)
    }

    /// Builds a key from a DER X.509 `SubjectPublicKeyInfo` (RFC 5480): the
    /// algorithm `id-ecPublicKey` ([`KeyError::KeyType`]) with this type's
    /// named curve ([`KeyError::Curve`]; explicit curve parameters are
    /// [`KeyError::Encoding`]) and the uncompressed point.
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, Error> {
        let spki = der::spki(der)?;
        if spki.algorithm != ID_EC_PUBLIC_KEY {
            return Err(KeyError::KeyType.into());
        }
        match spki.parameters {
            Parameters::Oid(curve) if curve == C::OID => {}
            Parameters::Oid(_) => return Err(KeyError::Curve.into()),
            _ => return Err(KeyError::Encoding.into()),
        }
        Self::from_sec1_bytes(spki.key)
    }

    /// Builds a key from a PEM `-----BEGIN PUBLIC KEY-----` document (RFC
    /// 7468's lax layout, as for [`RsaPublicKey::from_pem`](crate::RsaPublicKey::from_pem)),
    /// then as [`from_public_key_der`](Self::from_public_key_der).
    pub fn from_pem(text: &str) -> Result<Self, Error> {
        // An SPKI of P-384 is 120 bytes; room for a little more, to tell a
        // wrong key type (e.g. RSA) from a broken document.
        let mut buf = [0u8; 160];
        match pem::decode(text, &mut buf) {
            Ok((pem::Label::PublicKey, der)) => Self::from_public_key_der(der),
            Ok((pem::Label::RsaPublicKey, _)) | Err(KeyError::TooLarge) => {
                Err(KeyError::KeyType.into())
            }
            Err(why) => Err(why.into()),
        }
    }

    /// Verifies a raw signature `r ‖ s` ([`SIGNATURE_LEN`](Self::SIGNATURE_LEN)
    /// bytes) over `message`, as a token's signature is checked. Another
    /// length, `r` or `s` zero or not below the group order, or a signature
    /// that does not verify is [`Error::Signature`].
    pub fn verify_raw(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        if signature.len() == Self::SIGNATURE_LEN && C::verify(&self.key, message, signature) {
            Ok(())
        } else {
            Err(Error::Signature)
        }
    }
}

impl<C: EcCurve> Clone for EcdsaKey<C> {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
        }
    }
}

impl<C: EcCurve> PartialEq for EcdsaKey<C> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<C: EcCurve> Eq for EcdsaKey<C> {}

impl<C: EcCurve> fmt::Debug for EcdsaKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcdsaKey")
            .field("algorithm", &C::ALGORITHM)
            .field("key", &self.key)
            .finish()
    }
}

impl<C: EcCurve> Sealed for EcdsaKey<C> {}

impl<C: EcCurve> VerifyingKey for EcdsaKey<C> {
    fn algorithm(&self) -> Algorithm {
        C::ALGORITHM
    }

    // Out of line, like every key's: the signature and the curve's frames
    // are gone before the payload is parsed.
    #[inline(never)]
    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
        // Exactly 86 or 128 characters: a DER signature, or one of another
        // curve, is malformed before anything is decoded.
        if signature.len() != Self::SIGNATURE_B64_LEN {
            return Err(Error::Malformed(Part::Signature));
        }
        let mut raw = [0u8; 2 * MAX_FIELD_LEN];
        let raw = raw.get_mut(..Self::SIGNATURE_LEN).ok_or(Error::Signature)?;
        base64url::decode(signature, raw).map_err(|_| Error::Malformed(Part::Signature))?;
        self.verify_raw(signing_input, raw)
    }
}
