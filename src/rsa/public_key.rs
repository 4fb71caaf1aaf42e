//! The RSA public key of a given width, its import from JWK, DER and PEM,
//! and the fixed-width core every scheme verifies with.

use core::fmt;
use core::marker::PhantomData;

use subtle::{Choice, ConstantTimeEq};

use super::arith::{self, Modulus, Nat, WORD_BYTES, Word};
use super::der;
use super::scheme::RsaScheme;
use super::scheme::sealed::Scheme;
use super::width::RsaWidth;
use crate::json::JsonStr;
use crate::pem;
use crate::{Error, KeyError, Part, base64url};

/// An RSA public key whose modulus fits width `W` ([`Rsa2048`](crate::Rsa2048),
/// [`Rsa3072`](crate::Rsa3072), [`Rsa4096`](crate::Rsa4096)), with no scheme
/// yet: import a key once, then turn it into the one scheme it is for
/// ([`RsaKey::from`]).
///
/// A modulus from 2048 bits (smaller ones are refused as weak, RFC 7518
/// §3.3) up to the width, of any bit length in between; the public exponent
/// odd, at least 3 and below 2³² (65537 in practice; RFC 8017 allows any odd
/// `e`, but every deployed key fits). Everything that depends only on the key
/// (the Montgomery parameters of the modulus, its length) is computed once,
/// here.
///
/// ```
/// use jwt_embedded::{Ps256Key, Rs256Key, Rsa2048, RsaPublicKey};
/// // RFC 7515 Appendix A.2's key.
/// let n = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
/// let key = RsaPublicKey::<Rsa2048>::from_jwk_components(n, "AQAB")?;
/// assert_eq!((key.modulus_bits(), key.public_exponent()), (2048, 65537));
/// let rs256 = Rs256Key::from(key.clone());
/// let ps256 = Ps256Key::from(key);
/// # let _ = (rs256, ps256);
/// # Ok::<(), jwt_embedded::Error>(())
/// ```
pub struct RsaPublicKey<W: RsaWidth> {
    core: W::Core,
}

/// An RSA key of width `W` for the one scheme `P`: RSASSA-PKCS1-v1_5 or
/// RSASSA-PSS on one hash, which fixes its [`Algorithm`](crate::Algorithm).
/// Use the aliases: [`Rs256Key`](crate::Rs256Key), `Rs384Key`, `Rs512Key`
/// ([`Pkcs1v15Key`](crate::Pkcs1v15Key)) and [`Ps256Key`](crate::Ps256Key),
/// `Ps384Key`, `Ps512Key` ([`PssKey`](crate::PssKey)), each with a width:
/// `Ps256Key<Rsa2048>`.
///
/// The width, the padding and the hash are independent type parameters, and
/// each combination a program names is its own code: an RS256-2048 image
/// links neither PSS nor SHA-512 nor 4096-bit arithmetic. A verification is
/// one hash, one modular exponentiation and one check of the padding.
///
/// ```
/// use jwt_embedded::{Error, Ps256Key, Rs256Key, Rsa2048, Validation, verify};
///
/// // RFC 7515 Appendix A.2: the key as a JWK, and a token it signed.
/// let jwk = r#"{"kty":"RSA","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"}"#;
/// let key = Rs256Key::<Rsa2048>::from_jwk(jwk)?;
///
/// let token = b"eyJhbGciOiJSUzI1NiJ9\
///     .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
///     .cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
/// let mut buf = [0u8; 256];
/// let verified = verify(token, &key, &Validation::new().issuer("joe"), 1_300_819_379, &mut buf)?;
/// assert!(verified.header().alg.eq_str("RS256"));
///
/// // The same modulus as a PS256 key refuses the RS256 token on `alg`.
/// let ps256 = Ps256Key::<Rsa2048>::from_jwk(jwk)?;
/// assert_eq!(
///     verify(token, &ps256, &Validation::new(), 0, &mut buf).err(),
///     Some(Error::Algorithm)
/// );
/// # Ok::<(), jwt_embedded::Error>(())
/// ```
pub struct RsaKey<W: RsaWidth, P: RsaScheme> {
    key: RsaPublicKey<W>,
    scheme: PhantomData<P>,
}

pub(crate) mod sealed {
    use super::{Error, KeyError, Signature};

    /// A key's numbers at a fixed width, behind the width marker.
    pub trait CoreOps: Clone + Eq + Sized {
        /// Widest modulus, in bits.
        const MAX_BITS: u32;
        /// The key of modulus `n` and exponent `e` (big-endian, any leading zeros).
        fn new(n: &[u8], e: &[u8]) -> Result<Self, KeyError>;
        /// Size of the modulus in bits.
        fn modulus_bits(&self) -> u32;
        /// Size of the modulus in bytes.
        fn modulus_len(&self) -> usize;
        /// The public exponent.
        fn exponent(&self) -> u32;
        /// Runs `f` on a zeroed buffer of twice the width, on the stack.
        fn with_scratch<R>(f: impl FnOnce(&mut [u8]) -> R) -> R;
        /// Verifies `signature` over `message` under scheme `P`.
        fn verify<P: crate::rsa::scheme::sealed::Scheme>(
            &self,
            message: &[u8],
            signature: Signature<'_>,
        ) -> Result<(), Error>;
    }
}
pub(crate) use sealed::CoreOps;

/// A signature as it arrives.
#[derive(Clone, Copy, Debug)]
pub enum Signature<'a> {
    /// A token's base64url signature segment.
    Encoded(&'a [u8]),
    /// The raw `k` bytes.
    Raw(&'a [u8]),
}

/// The key's numbers at `LIMBS` machine words (the width markers pick it).
#[derive(Clone, PartialEq, Eq)]
pub struct Core<const LIMBS: usize> {
    modulus: Modulus<LIMBS>,
    exponent: u32,
    /// `k`, the length of the modulus (and of every signature) in bytes.
    len: usize,
    /// The length of the modulus in bits.
    bits: u32,
}

/// Bytes for one number of the key's width, on the stack.
pub(crate) type WideBytes<const LIMBS: usize> = [[u8; WORD_BYTES]; LIMBS];

/// A zeroed [`WideBytes`] (`Default` stops at 32-element arrays).
pub(crate) const fn wide_bytes<const LIMBS: usize>() -> WideBytes<LIMBS> {
    [[0; WORD_BYTES]; LIMBS]
}

/// Smallest accepted modulus, in bits (RFC 7518 §3.3).
pub(crate) const MIN_MODULUS_BITS: u32 = 2048;

impl<const LIMBS: usize> Core<LIMBS> {
    /// `k`, the modulus length in bytes.
    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    /// The modulus length in bits.
    pub(crate) const fn bits(&self) -> u32 {
        self.bits
    }

    /// Reads the signature into `s` as a number: exactly `k` bytes, and
    /// below `n`. (An out-parameter: no full-width copies on the stack.)
    fn signature_value(&self, signature: &[u8], s: &mut Nat<LIMBS>) -> Result<(), Error> {
        if signature.len() != self.len
            || !read_be_bytes(signature, s)
            || !arith::less_than(s, self.modulus.get())
        {
            return Err(Error::Signature);
        }
        Ok(())
    }

    /// Decodes a base64url signature segment into its number. Not inlined:
    /// the decoded bytes are dead once converted, and in a frame of their
    /// own they do not add to the peak stack of the exponentiation.
    #[inline(never)]
    fn decode_signature(&self, signature: &[u8], s: &mut Nat<LIMBS>) -> Result<(), Error> {
        // Public length check first: `k` bytes are exactly ceil(4k / 3) characters.
        if signature.len() != self.len.saturating_mul(4).div_ceil(3) {
            return Err(Error::Malformed(Part::Signature));
        }
        let mut buf = wide_bytes::<LIMBS>();
        let bytes = base64url::decode(signature, buf.as_flattened_mut())
            .map_err(|_| Error::Malformed(Part::Signature))?;
        self.signature_value(bytes, s)
    }
}

impl<const LIMBS: usize> CoreOps for Core<LIMBS> {
    const MAX_BITS: u32 = LIMBS as u32 * Word::BITS;

    fn new(n: &[u8], e: &[u8]) -> Result<Self, KeyError> {
        let mut modulus = [0; LIMBS];
        if !read_be_bytes(n, &mut modulus) {
            return Err(KeyError::TooLarge);
        }
        let exponent = exponent_from_be_bytes(e).ok_or(KeyError::Exponent)?;
        let bits = arith::bit_width(&modulus);
        if bits < MIN_MODULUS_BITS {
            return Err(KeyError::Weak);
        }
        if exponent < 3 || exponent.is_multiple_of(2) {
            return Err(KeyError::Exponent);
        }
        let modulus = Modulus::new(modulus).ok_or(KeyError::Modulus)?; // even `n`
        let len = usize::try_from(bits.div_ceil(8)).map_err(|_| KeyError::TooLarge)?;
        Ok(Self {
            modulus,
            exponent,
            len,
            bits,
        })
    }

    fn modulus_bits(&self) -> u32 {
        self.bits
    }

    fn modulus_len(&self) -> usize {
        self.len
    }

    fn exponent(&self) -> u32 {
        self.exponent
    }

    fn with_scratch<R>(f: impl FnOnce(&mut [u8]) -> R) -> R {
        let mut buf = [wide_bytes::<LIMBS>(), wide_bytes::<LIMBS>()];
        f(buf.as_flattened_mut().as_flattened_mut())
    }

    fn verify<P: Scheme>(&self, message: &[u8], signature: Signature<'_>) -> Result<(), Error> {
        let mut s = [0; LIMBS];
        match signature {
            Signature::Encoded(segment) => self.decode_signature(segment, &mut s)?,
            Signature::Raw(bytes) => self.signature_value(bytes, &mut s)?,
        }
        let m = self.modulus.pow_odd(&s, self.exponent);
        P::check(self, message, &m)
    }
}

impl<W: RsaWidth> RsaPublicKey<W> {
    /// Smallest accepted modulus, in bits (RFC 7518 §3.3).
    pub const MIN_MODULUS_BITS: u32 = MIN_MODULUS_BITS;

    /// Largest accepted modulus, in bits: the width.
    pub const MAX_MODULUS_BITS: u32 = <W::Core as CoreOps>::MAX_BITS;

    /// Builds a key from the big-endian unsigned bytes of the modulus `n`
    /// and the public exponent `e` (leading zero bytes are ignored).
    ///
    /// Errors with [`Error::InvalidKey`]: [`KeyError::Weak`] for a modulus
    /// under 2048 bits, [`KeyError::TooLarge`] for one over the width,
    /// [`KeyError::Modulus`] for an even one, [`KeyError::Exponent`] unless
    /// `e` is odd, at least 3 and below 2³².
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        Ok(Self {
            core: W::Core::new(n, e)?,
        })
    }

    /// Builds a key from a JWK's `n` and `e` members (RFC 7518 §6.3.1):
    /// strict unpadded base64url of the big-endian values (the standard
    /// alphabet or padding is [`KeyError::Encoding`]).
    ///
    /// The RFC asks for the fewest octets, but PayPal and Yahoo publish `n`
    /// with a leading zero octet (257 bytes for a 2048-bit key): the integer
    /// is the same, so leading zero octets are accepted, in `n` and `e`.
    ///
    /// ```
    /// # use jwt_embedded::{Rsa2048, RsaPublicKey};
    /// # let n = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
    /// let key = RsaPublicKey::<Rsa2048>::from_jwk_components(n, "AQAB")?;
    /// assert_eq!(key.modulus_len(), 256);
    /// // `e` = 65537 with a leading zero octet: the same key.
    /// assert!(RsaPublicKey::<Rsa2048>::from_jwk_components(n, "AAEAAQ")? == key);
    /// // Standard base64 with padding is refused.
    /// assert!(RsaPublicKey::<Rsa2048>::from_jwk_components(n, "AQAB==").is_err());
    /// # Ok::<(), jwt_embedded::Error>(())
    /// ```
    pub fn from_jwk_components(n: &str, e: &str) -> Result<Self, Error> {
        W::Core::with_scratch(|n_buf| {
            let n = decode_unsigned(n, n_buf)?;
            let mut e_buf = [0u8; MAX_E_BYTES];
            let e = decode_unsigned(e, &mut e_buf)?;
            Self::from_components(n, e)
        })
    }

    /// [`from_jwk_components`](Self::from_jwk_components) for members that
    /// may be written with JSON escapes (unusual: their buffer is only on
    /// the stack when needed).
    fn from_jwk_members(n: JsonStr<'_>, e: JsonStr<'_>) -> Result<Self, Error> {
        match (n.as_str(), e.as_str()) {
            (Some(n), Some(e)) => Self::from_jwk_components(n, e),
            _ => Self::from_escaped_jwk_members(n, e),
        }
    }

    #[inline(never)]
    fn from_escaped_jwk_members(n: JsonStr<'_>, e: JsonStr<'_>) -> Result<Self, Error> {
        // Base64url takes 4/3 of the bytes: two widths of text are plenty.
        W::Core::with_scratch(|n_text| {
            let n = n.unescape_into(n_text).map_err(|_| KeyError::Encoding)?;
            let mut e_text = [0u8; MAX_E_BYTES * 2];
            let e = e
                .unescape_into(&mut e_text)
                .map_err(|_| KeyError::Encoding)?;
            Self::from_jwk_components(n, e)
        })
    }

    /// Builds a key from a DER PKCS#1 `RSAPublicKey` (RFC 8017 §A.1.1),
    /// the content of a `-----BEGIN RSA PUBLIC KEY-----` PEM block.
    ///
    /// The DER must be strict: definite, shortest-form lengths, shortest-form
    /// positive `INTEGER`s, no trailing bytes ([`KeyError::Encoding`]).
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        let key = der::parse_pkcs1(der)?;
        Self::from_components(key.modulus, key.exponent)
    }

    /// Builds a key from a DER X.509 `SubjectPublicKeyInfo` (RFC 5280
    /// §4.1.2.7), the content of a `-----BEGIN PUBLIC KEY-----` PEM block.
    ///
    /// The algorithm must be `rsaEncryption` (OID 1.2.840.113549.1.1.1,
    /// else [`KeyError::KeyType`]) with `NULL` parameters (RFC 3279
    /// §2.3.1); the DER must be strict, as for
    /// [`from_pkcs1_der`](Self::from_pkcs1_der).
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, Error> {
        let key = der::parse_spki(der)?;
        Self::from_components(key.modulus, key.exponent)
    }

    /// Builds a key from a PEM document (RFC 7468): `-----BEGIN PUBLIC
    /// KEY-----` (SubjectPublicKeyInfo) or `-----BEGIN RSA PUBLIC KEY-----`
    /// (PKCS#1).
    ///
    /// RFC 7468's lax grammar, as keys are found in files: explanatory text
    /// before the `BEGIN` line, body lines of any length, whitespace at line
    /// ends, LF, CRLF or CR. The labels and the base64 alphabet stay strict.
    /// The body is decoded into a buffer on the stack of twice the width
    /// (512 bytes for [`Rsa2048`](crate::Rsa2048)).
    ///
    /// ```
    /// use jwt_embedded::{Rsa2048, Rsa4096, RsaPublicKey};
    /// // RFC 7515 Appendix A.2's key, after a line of explanatory text.
    /// let pem = "RFC 7515 A.2
    /// -----BEGIN PUBLIC KEY-----
    /// MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAofgWCuLjybRlzo0tZWJj
    /// NiuSfb4p4fAkd/wWJcyQoTbji9k0l8W26mPddxHmfHQp+Vaw+4qPCJrcS2mJPMEz
    /// P1Pt0Bm4d4QlL+yRT+SFd2lZS+pCgNMsD1W/YpRPEwOWvG6b32690r2jZ47soMZo
    /// 9wGzjb/7OMg0LOL+bSf63kpaSHSXndS5z5rexMdbBYUsLA9e+KXBdQOS+UTo7WTB
    /// EMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6/I5IhlJH7aGhyxX
    /// FvUK+DWNmoudF8NAco9/h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXp
    /// oQIDAQAB
    /// -----END PUBLIC KEY-----
    /// ";
    /// let key = RsaPublicKey::<Rsa2048>::from_pem(pem)?;
    /// assert_eq!(key.modulus_bits(), 2048);
    /// // A wider type accepts the same key (slower, but one copy of the code).
    /// assert!(RsaPublicKey::<Rsa4096>::from_pem(pem).is_ok());
    /// # Ok::<(), jwt_embedded::Error>(())
    /// ```
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        W::Core::with_scratch(|buf| match pem::decode(pem, buf)? {
            (pem::Label::PublicKey, der) => Self::from_public_key_der(der),
            (pem::Label::RsaPublicKey, der) => Self::from_pkcs1_der(der),
        })
    }

    /// The size of the modulus in bits, e.g. 2048.
    pub fn modulus_bits(&self) -> u32 {
        self.core.modulus_bits()
    }

    /// The size of the modulus in bytes, `k` in RFC 8017: every signature
    /// is exactly this long.
    pub fn modulus_len(&self) -> usize {
        self.core.modulus_len()
    }

    /// The public exponent `e`, e.g. 65537.
    pub fn public_exponent(&self) -> u32 {
        self.core.exponent()
    }
}

impl<W: RsaWidth> Clone for RsaPublicKey<W> {
    fn clone(&self) -> Self {
        Self {
            core: self.core.clone(),
        }
    }
}

impl<W: RsaWidth> PartialEq for RsaPublicKey<W> {
    fn eq(&self, other: &Self) -> bool {
        self.core == other.core
    }
}

impl<W: RsaWidth> Eq for RsaPublicKey<W> {}

impl<W: RsaWidth> fmt::Debug for RsaPublicKey<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("modulus_bits", &self.modulus_bits())
            .field("public_exponent", &self.public_exponent())
            .finish_non_exhaustive()
    }
}

impl<W: RsaWidth, P: RsaScheme> From<RsaPublicKey<W>> for RsaKey<W, P> {
    fn from(key: RsaPublicKey<W>) -> Self {
        Self {
            key,
            scheme: PhantomData,
        }
    }
}

impl<W: RsaWidth, P: RsaScheme> RsaKey<W, P> {
    /// The one algorithm this key verifies (e.g. RS256, PS384).
    pub const ALGORITHM: crate::Algorithm = P::ALGORITHM;

    /// Smallest accepted modulus, in bits (RFC 7518 §3.3).
    pub const MIN_MODULUS_BITS: u32 = MIN_MODULUS_BITS;

    /// Largest accepted modulus, in bits: the width.
    pub const MAX_MODULUS_BITS: u32 = <W::Core as CoreOps>::MAX_BITS;

    /// Builds a key from a whole JWK JSON object (RFC 7517), e.g. one entry
    /// of a JWK Set.
    ///
    /// The JSON must be strict (as for tokens) and the key an RSA public key
    /// for this type's algorithm: `"kty": "RSA"` ([`KeyError::KeyType`]);
    /// `alg`, when present, exactly this type's algorithm
    /// ([`KeyError::Algorithm`]; a JWK without `alg`, as Microsoft Entra
    /// publishes them, is taken for the algorithm the caller names by the
    /// type); `use`, when present, `"sig"`, and `key_ops`, when present, an
    /// array of distinct strings including `"verify"` ([`KeyError::Use`]).
    /// A private JWK (with `d`, …) is [`KeyError::Private`]. Other members,
    /// such as `kid`, are ignored. Then `n` and `e` as in
    /// [`RsaPublicKey::from_jwk_components`].
    pub fn from_jwk(jwk: &str) -> Result<Self, Error> {
        let jwk = crate::jwk::parse(jwk, crate::jwk::Kty::Rsa, P::ALGORITHM)?;
        let (n, e) = jwk.n.zip(jwk.e).ok_or(KeyError::Encoding)?;
        RsaPublicKey::from_jwk_members(n, e).map(Self::from)
    }

    /// [`RsaPublicKey::from_jwk_components`], for this scheme.
    pub fn from_jwk_components(n: &str, e: &str) -> Result<Self, Error> {
        RsaPublicKey::from_jwk_components(n, e).map(Self::from)
    }

    /// [`RsaPublicKey::from_components`], for this scheme.
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        RsaPublicKey::from_components(n, e).map(Self::from)
    }

    /// [`RsaPublicKey::from_pkcs1_der`], for this scheme.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, Error> {
        RsaPublicKey::from_pkcs1_der(der).map(Self::from)
    }

    /// [`RsaPublicKey::from_public_key_der`], for this scheme.
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, Error> {
        RsaPublicKey::from_public_key_der(der).map(Self::from)
    }

    /// [`RsaPublicKey::from_pem`], for this scheme.
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        RsaPublicKey::from_pem(pem).map(Self::from)
    }

    /// The public key, without its scheme.
    pub const fn public_key(&self) -> &RsaPublicKey<W> {
        &self.key
    }

    /// The size of the modulus in bits, e.g. 2048.
    pub fn modulus_bits(&self) -> u32 {
        self.key.modulus_bits()
    }

    /// The size of the modulus in bytes, `k` in RFC 8017: every signature
    /// is exactly this long.
    pub fn modulus_len(&self) -> usize {
        self.key.modulus_len()
    }

    /// The public exponent `e`, e.g. 65537.
    pub fn public_exponent(&self) -> u32 {
        self.key.public_exponent()
    }

    /// Verifies a raw `signature` (exactly [`modulus_len`](Self::modulus_len)
    /// bytes, as a number below the modulus) over `message` under this key's
    /// scheme. This is the exact check a token's signature goes through,
    /// after base64url decoding. Any failure is [`Error::Signature`].
    pub fn verify_raw(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        self.key
            .core
            .verify::<P>(message, Signature::Raw(signature))
    }
}

impl<W: RsaWidth, P: RsaScheme> Clone for RsaKey<W, P> {
    fn clone(&self) -> Self {
        Self::from(self.key.clone())
    }
}

impl<W: RsaWidth, P: RsaScheme> PartialEq for RsaKey<W, P> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<W: RsaWidth, P: RsaScheme> Eq for RsaKey<W, P> {}

impl<W: RsaWidth, P: RsaScheme> fmt::Debug for RsaKey<W, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaKey")
            .field("algorithm", &P::ALGORITHM)
            .field("modulus_bits", &self.modulus_bits())
            .field("public_exponent", &self.public_exponent())
            .finish_non_exhaustive()
    }
}

impl<W: RsaWidth, P: RsaScheme> crate::key::sealed::Sealed for RsaKey<W, P> {}

impl<W: RsaWidth, P: RsaScheme> crate::VerifyingKey for RsaKey<W, P> {
    fn algorithm(&self) -> crate::Algorithm {
        P::ALGORITHM
    }

    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
        self.key
            .core
            .verify::<P>(signing_input, Signature::Encoded(signature))
    }
}

/// Longest public exponent accepted, in bytes (below 2³²), plus a few
/// leading zero octets.
const MAX_E_BYTES: usize = 8;

/// Decodes a JWK `Base64urlUInt` (RFC 7518 §2): strict base64url of a
/// non-empty big-endian value (leading zero octets accepted, see
/// [`RsaPublicKey::from_jwk_components`]).
fn decode_unsigned<'b>(text: &str, buf: &'b mut [u8]) -> Result<&'b [u8], KeyError> {
    if base64url::decoded_len(text.len()).is_some_and(|len| len > buf.len()) {
        return Err(KeyError::TooLarge);
    }
    match base64url::decode(text.as_bytes(), buf) {
        Ok([]) | Err(_) => Err(KeyError::Encoding),
        Ok(bytes) => Ok(bytes),
    }
}

/// Sets `x` to the number whose big-endian bytes are `bytes`, or returns
/// `false` if it does not fit (`x` is then unspecified). A word at a time,
/// from the least significant end.
pub(crate) fn read_be_bytes<const LIMBS: usize>(bytes: &[u8], x: &mut Nat<LIMBS>) -> bool {
    let mut chunks = bytes.rchunks(WORD_BYTES);
    for (word, chunk) in x.iter_mut().zip(&mut chunks) {
        *word = chunk
            .iter()
            .fold(0, |word, &byte| (word << 8) | Word::from(byte));
    }
    x.iter_mut()
        .skip(bytes.len().div_ceil(WORD_BYTES))
        .for_each(|word| *word = 0);
    // What did not fit must be zero.
    chunks.all(|chunk| chunk.iter().all(|&byte| byte == 0))
}

/// Writes `x` big-endian over the whole of `bytes` (its low `bytes.len()`
/// bytes; the caller knows `x` fits).
pub(crate) fn write_be_bytes<const LIMBS: usize>(x: &Nat<LIMBS>, bytes: &mut [u8]) {
    let mut chunks = bytes.rchunks_mut(WORD_BYTES);
    for (chunk, word) in (&mut chunks).zip(x) {
        let word = word.to_be_bytes();
        let at = WORD_BYTES - chunk.len();
        chunk.copy_from_slice(word.get(at..).unwrap_or_default());
    }
    chunks.for_each(|chunk| chunk.fill(0));
}

/// Whether `x` equals the big-endian number `bytes`, in constant time: every
/// word of `x` is compared (those above `bytes` with zero), with no early
/// exit and no second buffer.
pub(crate) fn equals_be_bytes<const LIMBS: usize>(x: &Nat<LIMBS>, bytes: &[u8]) -> Choice {
    if bytes.len() > LIMBS * WORD_BYTES {
        return Choice::from(0); // longer than any `x` (public lengths)
    }
    let mut chunks = bytes.rchunks(WORD_BYTES);
    let mut diff: Word = 0;
    for word in x {
        let expected = chunks.next().map_or(0, |chunk| {
            chunk
                .iter()
                .fold(0, |word, &byte| (word << 8) | Word::from(byte))
        });
        diff |= word ^ expected;
    }
    diff.ct_eq(&0)
}

/// The public exponent from its big-endian bytes, if it fits 32 bits.
fn exponent_from_be_bytes(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |e, &byte| {
        e.checked_mul(256)?.checked_add(u32::from(byte))
    })
}

#[cfg(feature = "rsa-interop")]
impl<W: RsaWidth> TryFrom<&::rsa::PublicKey> for RsaPublicKey<W> {
    type Error = Error;

    /// Converts a key of the `rsa` crate, under the same rules as
    /// [`RsaPublicKey::from_components`] (allocation-free).
    fn try_from(key: &::rsa::PublicKey) -> Result<Self, Error> {
        use ::rsa::traits::PublicKeyParts;
        let (n, e) = (key.n().as_ref().as_limbs(), key.e().as_limbs());
        W::Core::with_scratch(|buf| {
            let (n_buf, e_buf) = buf.split_at_mut(buf.len() / 2);
            let n = limbs_to_be_bytes(n, n_buf).ok_or(KeyError::TooLarge)?;
            let e = limbs_to_be_bytes(e, e_buf).ok_or(KeyError::Exponent)?;
            Self::from_components(n, e)
        })
    }
}

#[cfg(feature = "rsa-interop")]
impl<W: RsaWidth, P: RsaScheme> TryFrom<&::rsa::PublicKey> for RsaKey<W, P> {
    type Error = Error;

    /// Converts a key of the `rsa` crate, under the same rules as
    /// [`RsaKey::from_components`] (allocation-free).
    fn try_from(key: &::rsa::PublicKey) -> Result<Self, Error> {
        RsaPublicKey::try_from(key).map(Self::from)
    }
}

/// The big-endian bytes of the number with little-endian `limbs`, in the
/// end of `buf`; `None` if they do not fit (leading zero limbs are dropped).
#[cfg(feature = "rsa-interop")]
fn limbs_to_be_bytes<'b>(limbs: &[crypto_bigint::Limb], buf: &'b mut [u8]) -> Option<&'b [u8]> {
    use crypto_bigint::Limb;
    let used = limbs.iter().rposition(|l| l.0 != 0).map_or(0, |i| i + 1);
    let len = used.checked_mul(Limb::BYTES)?;
    let start = buf.len().checked_sub(len)?;
    let out = buf.get_mut(start..)?;
    for (chunk, limb) in out.rchunks_mut(Limb::BYTES).zip(limbs) {
        chunk.copy_from_slice(&limb.0.to_be_bytes());
    }
    Some(out)
}
