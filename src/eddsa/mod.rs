//! EdDSA with Ed25519 (RFC 8032 §5.1; RFC 8037 for JOSE), behind the cargo
//! feature `eddsa`.
//!
//! - this file: [`Ed25519Key`] and its import from JWK, DER and PEM;
//! - `strict`: the verification, on `curve25519-dalek`'s arithmetic, with a
//!   low peak stack.
//!
//! Strict, as RFC 8032 §5.1.7 reads and beyond what it requires, so that a
//! signature is valid here exactly when it is valid everywhere: a public key
//! must be a canonical encoding (`y < p`) of a point that is not of small
//! order ([`KeyError::Point`] at import); a signature's `S` must be below the
//! group order `L`, its `R` a canonical encoding of a point not of small
//! order, and the check is the cofactorless equation `[S]B = R + [k]A` with
//! `R` compared by its encoding. These rejections close the malleability and
//! "signature valid for many messages" cases of weak keys; honest signers
//! never produce what they refuse.

use core::fmt;

use crate::der::{self, Parameters};
use crate::jwk::{self, Kty};
use crate::key::sealed::Sealed;
use crate::{Algorithm, Error, KeyError, Part, VerifyingKey, base64url, pem};

mod strict;

/// The OID `id-Ed25519` (1.3.101.112, RFC 8410 §3), content octets.
const ID_ED25519: [u8; 3] = [0x2b, 0x65, 0x70];

/// An Ed25519 public key, bound to EdDSA (feature `eddsa`).
///
/// A token's header `alg` must be `"EdDSA"` (RFC 8037 §3.1) or
/// `"Ed25519"` (RFC 9864's fully-specified name). Imported from a JWK
/// (`"kty": "OKP"`, `"crv": "Ed25519"`), an X.509 SubjectPublicKeyInfo (DER
/// or PEM, RFC 8410) or the raw 32 bytes; see the module's strictness rules.
#[derive(Clone, PartialEq, Eq)]
pub struct Ed25519Key {
    key: strict::PublicKey,
}

impl Ed25519Key {
    /// The one algorithm this key verifies: EdDSA.
    pub const ALGORITHM: Algorithm = Algorithm::EdDsa;

    /// Length of a public key in bytes.
    pub const KEY_LEN: usize = 32;

    /// Length of a signature in bytes: `R ‖ S`.
    pub const SIGNATURE_LEN: usize = 64;

    /// A signature in base64url: 86 characters, no padding.
    const SIGNATURE_B64_LEN: usize = 86;

    /// Builds a key from its 32-byte encoding (RFC 8032 §5.1.2). A
    /// non-canonical encoding, a point not on the curve, or one of small
    /// order is [`KeyError::Point`].
    ///
    /// ```
    /// use jwt_embedded::{Ed25519Key, Error, KeyError};
    /// // RFC 8037 Appendix A.2's public key.
    /// let x = [
    ///     0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64,
    ///     0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68,
    ///     0xf7, 0x07, 0x51, 0x1a,
    /// ];
    /// assert!(Ed25519Key::from_bytes(&x).is_ok());
    /// // The identity point (small order) is refused.
    /// let mut identity = [0u8; 32];
    /// identity[0] = 1;
    /// assert_eq!(Ed25519Key::from_bytes(&identity).err(), Some(Error::InvalidKey(KeyError::Point)));
    /// ```
    pub fn from_bytes(key: &[u8; 32]) -> Result<Self, Error> {
        let key = strict::import_key(key).ok_or(KeyError::Point)?;
        Ok(Self { key })
    }

    /// [`from_bytes`](Self::from_bytes) from a slice, which must be exactly
    /// 32 bytes long ([`KeyError::Point`]).
    pub fn from_slice(key: &[u8]) -> Result<Self, Error> {
        let key: &[u8; 32] = key.try_into().map_err(|_| KeyError::Point)?;
        Self::from_bytes(key)
    }

    /// Builds a key from a whole JWK JSON object (RFC 8037 §2), e.g. one
    /// entry of a JWK Set.
    ///
    /// `"kty": "OKP"` ([`KeyError::KeyType`]); `crv` `"Ed25519"`
    /// ([`KeyError::Curve`]: `X25519`, `Ed448` and any other are refused);
    /// `x` strict base64url of exactly 32 bytes ([`KeyError::Encoding`]),
    /// then as [`from_bytes`](Self::from_bytes). `alg`, when present, is
    /// `"EdDSA"` or `"Ed25519"`; `use`, `key_ops` and private members (`d`)
    /// as for every JWK: see [`RsaKey::from_jwk`](crate::RsaKey::from_jwk).
    ///
    /// ```
    /// use jwt_embedded::{Ed25519Key, Error, KeyError};
    /// // RFC 8037 Appendix A.2.
    /// let jwk = r#"{"kty":"OKP","crv":"Ed25519",
    ///     "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// assert!(Ed25519Key::from_jwk(jwk).is_ok());
    /// let x25519 = jwk.replace("Ed25519", "X25519");
    /// assert_eq!(Ed25519Key::from_jwk(&x25519).err(), Some(Error::InvalidKey(KeyError::Curve)));
    /// ```
    pub fn from_jwk(jwk: &str) -> Result<Self, Error> {
        let jwk = jwk::parse(jwk, Kty::Okp, Algorithm::EdDsa)?;
        let (crv, x) = jwk.crv.zip(jwk.x).ok_or(KeyError::Encoding)?;
        if !crv.eq_str("Ed25519") {
            return Err(KeyError::Curve.into());
        }
        let mut key = [0u8; 32];
        jwk::decode_exact(x, &mut key)?;
        Self::from_bytes(&key)
    }

    /// Builds a key from a DER X.509 `SubjectPublicKeyInfo` (RFC 8410 §4):
    /// the algorithm `id-Ed25519` without parameters ([`KeyError::KeyType`]
    /// for another algorithm, [`KeyError::Encoding`] for parameters), then
    /// the 32-byte key as [`from_slice`](Self::from_slice).
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, Error> {
        let spki = der::spki(der)?;
        if spki.algorithm != ID_ED25519 {
            return Err(KeyError::KeyType.into());
        }
        if spki.parameters != Parameters::Absent {
            return Err(KeyError::Encoding.into());
        }
        Self::from_slice(spki.key)
    }

    /// Builds a key from a PEM `-----BEGIN PUBLIC KEY-----` document (RFC
    /// 7468's lax layout, as for [`RsaPublicKey::from_pem`](crate::RsaPublicKey::from_pem)),
    /// then as [`from_public_key_der`](Self::from_public_key_der).
    pub fn from_pem(text: &str) -> Result<Self, Error> {
        // An Ed25519 SPKI is 44 bytes; room for a little more, to tell a
        // wrong key type from a broken document.
        let mut buf = [0u8; 128];
        match pem::decode(text, &mut buf) {
            Ok((pem::Label::PublicKey, der)) => Self::from_public_key_der(der),
            Ok((pem::Label::RsaPublicKey, _)) | Err(KeyError::TooLarge) => {
                Err(KeyError::KeyType.into())
            }
            Err(why) => Err(why.into()),
        }
    }

    /// The key's 32-byte encoding.
    pub fn to_bytes(&self) -> [u8; 32] {
        *self.key.as_bytes()
    }

    /// Verifies a raw 64-byte signature `R ‖ S` over `message`, as a
    /// token's signature is checked. Another length, or a signature that is
    /// not valid under the strict rules of this module, is
    /// [`Error::Signature`].
    pub fn verify_raw(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        let signature: &[u8; 64] = signature.try_into().map_err(|_| Error::Signature)?;
        if strict::verify_strict(&self.key, message, signature) {
            Ok(())
        } else {
            Err(Error::Signature)
        }
    }
}

impl fmt::Debug for Ed25519Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519Key")
            .field("key", self.key.as_bytes())
            .finish()
    }
}

impl Sealed for Ed25519Key {}

impl VerifyingKey for Ed25519Key {
    fn algorithm(&self) -> Algorithm {
        Self::ALGORITHM
    }

    // Out of line, like every key's: the signature's and the curve's frames
    // are gone before the payload is parsed.
    #[inline(never)]
    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
        if signature.len() != Self::SIGNATURE_B64_LEN {
            return Err(Error::Malformed(Part::Signature));
        }
        let mut raw = [0u8; 64];
        base64url::decode(signature, &mut raw).map_err(|_| Error::Malformed(Part::Signature))?;
        self.verify_raw(signing_input, &raw)
    }
}
