//! Building an [`Rs256Key`] from the usual encodings of a public key, on the
//! stack: JWK, DER (PKCS#1 and SubjectPublicKeyInfo) and PEM.

use super::key::{Rs256Key, wide_bytes};
use super::{der, jwk, pem};
use crate::json::JsonStr;
use crate::{Error, base64url};

/// Longest base64url `e` accepted: 4 bytes are 6 characters.
const MAX_E_CHARS: usize = 6;

impl<const LIMBS: usize> Rs256Key<LIMBS> {
    /// Builds a key from a JWK's `n` and `e` members (RFC 7518 §6.3.1):
    /// strict unpadded base64url of the big-endian values, in the fewest
    /// octets (a leading zero octet is refused, as the RFC requires).
    ///
    /// ```
    /// # use jwt_embedded::Rs256Key2048;
    /// # let n = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
    /// let key = Rs256Key2048::from_jwk_components(n, "AQAB")?;
    /// assert_eq!(key.modulus_len(), 256);
    /// assert!(Rs256Key2048::from_jwk_components(n, "AAEAAQ").is_err()); // leading zero
    /// # Ok::<(), jwt_embedded::Error>(())
    /// ```
    pub fn from_jwk_components(n: &str, e: &str) -> Result<Self, Error> {
        let mut n_buf = wide_bytes::<LIMBS>();
        let n = decode_unsigned(n, n_buf.as_flattened_mut())?;
        let mut e_buf = [0u8; 4];
        let e = decode_unsigned(e, &mut e_buf)?;
        Self::from_components(n, e)
    }

    /// Builds a key from a whole JWK JSON object (RFC 7517), e.g. one entry
    /// of a JWK Set.
    ///
    /// The JSON must be strict (as for tokens) and the key an RSA public key
    /// meant for RS256 signatures: `"kty": "RSA"`; `alg`, if present,
    /// `"RS256"`; `use`, if present, `"sig"`; `key_ops`, if present, an array
    /// of distinct strings including `"verify"`. A private JWK (with `d`, …)
    /// is refused. Other members, such as `kid`, are ignored. Then `n` and `e`
    /// as in [`from_jwk_components`](Self::from_jwk_components).
    pub fn from_jwk(jwk: &str) -> Result<Self, Error> {
        let jwk = jwk::parse(jwk)?;
        match (jwk.n.as_str(), jwk.e.as_str()) {
            (Some(n), Some(e)) => Self::from_jwk_components(n, e),
            _ => Self::from_escaped_jwk_components(jwk.n, jwk.e),
        }
    }

    /// [`from_jwk_components`](Self::from_jwk_components) for `n` or `e`
    /// written with JSON escapes: unusual, so its buffer is only on the stack
    /// when needed.
    #[inline(never)]
    fn from_escaped_jwk_components(n: JsonStr<'_>, e: JsonStr<'_>) -> Result<Self, Error> {
        // Base64url takes 4/3 of the bytes: two widths of bytes are plenty.
        let mut n_text = [wide_bytes::<LIMBS>(), wide_bytes::<LIMBS>()];
        let n_text = n_text.as_flattened_mut().as_flattened_mut();
        let n = n.unescape_into(n_text).map_err(|_| Error::InvalidKey)?;
        let mut e_text = [0u8; MAX_E_CHARS];
        let e = e
            .unescape_into(&mut e_text)
            .map_err(|_| Error::InvalidKey)?;
        Self::from_jwk_components(n, e)
    }

    /// Builds a key from a DER PKCS#1 `RSAPublicKey` (RFC 8017 §A.1.1),
    /// the content of a `-----BEGIN RSA PUBLIC KEY-----` PEM block.
    ///
    /// The DER must be strict: definite, shortest-form lengths, shortest-form
    /// positive `INTEGER`s, no trailing bytes.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        let key = der::parse_pkcs1(der)?;
        Self::from_components(key.modulus, key.exponent)
    }

    /// Builds a key from a DER X.509 `SubjectPublicKeyInfo` (RFC 5280
    /// §4.1.2.7), the content of a `-----BEGIN PUBLIC KEY-----` PEM block.
    ///
    /// The algorithm must be `rsaEncryption` (OID 1.2.840.113549.1.1.1)
    /// with `NULL` parameters (RFC 3279 §2.3.1); the DER must be strict, as
    /// for [`from_pkcs1_der`](Self::from_pkcs1_der).
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, Error> {
        let key = der::parse_spki(der)?;
        Self::from_components(key.modulus, key.exponent)
    }

    /// Builds a key from a PEM document (RFC 7468): `-----BEGIN PUBLIC
    /// KEY-----` (SubjectPublicKeyInfo) or `-----BEGIN RSA PUBLIC KEY-----`
    /// (PKCS#1).
    ///
    /// The base64 body must be in lines of 64 characters (the last one
    /// shorter), with LF, CRLF or CR line breaks; whitespace around the
    /// document is ignored. It is decoded into a buffer on the stack of twice
    /// the key type's width (512 bytes for [`Rs256Key2048`](super::Rs256Key2048)).
    ///
    /// ```
    /// use jwt_embedded::{Rs256Key2048, Rs256Key4096};
    /// // RFC 7515 Appendix A.2's key.
    /// let pem = "-----BEGIN PUBLIC KEY-----
    /// MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAofgWCuLjybRlzo0tZWJj
    /// NiuSfb4p4fAkd/wWJcyQoTbji9k0l8W26mPddxHmfHQp+Vaw+4qPCJrcS2mJPMEz
    /// P1Pt0Bm4d4QlL+yRT+SFd2lZS+pCgNMsD1W/YpRPEwOWvG6b32690r2jZ47soMZo
    /// 9wGzjb/7OMg0LOL+bSf63kpaSHSXndS5z5rexMdbBYUsLA9e+KXBdQOS+UTo7WTB
    /// EMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6/I5IhlJH7aGhyxX
    /// FvUK+DWNmoudF8NAco9/h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXp
    /// oQIDAQAB
    /// -----END PUBLIC KEY-----
    /// ";
    /// let key = Rs256Key2048::from_pem(pem)?;
    /// assert_eq!(key.modulus_bits(), 2048);
    /// // A wider type accepts the same key (slower, but one copy of the code).
    /// assert!(Rs256Key4096::from_pem(pem).is_ok());
    /// # Ok::<(), jwt_embedded::Error>(())
    /// ```
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        let mut buf = [wide_bytes::<LIMBS>(), wide_bytes::<LIMBS>()];
        match pem::decode(pem, buf.as_flattened_mut().as_flattened_mut())? {
            (pem::Label::PublicKey, der) => Self::from_public_key_der(der),
            (pem::Label::RsaPublicKey, der) => Self::from_pkcs1_der(der),
        }
    }
}

/// Decodes a JWK `Base64urlUInt` (RFC 7518 §2): strict base64url of a
/// non-empty big-endian value without leading zero octets.
fn decode_unsigned<'b>(text: &str, buf: &'b mut [u8]) -> Result<&'b [u8], Error> {
    let bytes = base64url::decode(text.as_bytes(), buf).map_err(|_| Error::InvalidKey)?;
    match bytes.first() {
        Some(&first) if first != 0 || bytes.len() == 1 => Ok(bytes),
        _ => Err(Error::InvalidKey),
    }
}

#[cfg(feature = "rsa")]
impl<const LIMBS: usize> TryFrom<&::rsa::PublicKey> for Rs256Key<LIMBS> {
    type Error = Error;

    /// Converts a key of the `rsa` crate, under the same rules as
    /// [`Rs256Key::from_components`] (allocation-free).
    fn try_from(key: &::rsa::PublicKey) -> Result<Self, Error> {
        use ::rsa::traits::PublicKeyParts;
        let n = uint_from_limbs::<LIMBS>(key.n().as_ref().as_limbs()).ok_or(Error::InvalidKey)?;
        let e = uint_from_limbs::<1>(key.e().as_limbs())
            .and_then(|e| u32::try_from(e.as_limbs().first()?.0).ok())
            .ok_or(Error::InvalidKey)?;
        Self::new(n, e)
    }
}

/// The number with little-endian `limbs`, if it fits `LIMBS` limbs.
#[cfg(feature = "rsa")]
fn uint_from_limbs<const LIMBS: usize>(
    limbs: &[crypto_bigint::Limb],
) -> Option<crypto_bigint::Uint<LIMBS>> {
    let mut out = [crypto_bigint::Limb::ZERO; LIMBS];
    for (i, limb) in limbs.iter().enumerate() {
        match out.get_mut(i) {
            Some(slot) => *slot = *limb,
            None if limb.0 == 0 => {}
            None => return None,
        }
    }
    Some(crypto_bigint::Uint::new(out))
}
