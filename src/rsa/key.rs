//! The RS256 key type and its verification.

use core::fmt;

use crypto_bigint::{Limb, U2048, U3072, U4096, Uint, Word};
use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};

use super::arith::Modulus;
use super::emsa;
use crate::key::sealed::Sealed;
use crate::{Algorithm, Error, Part, VerifyingKey, base64url};

/// An RS256 public key (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3)
/// whose arithmetic is `LIMBS` machine words wide.
///
/// Use the aliases [`Rs256Key2048`], [`Rs256Key3072`] and [`Rs256Key4096`]:
/// each one is a separate, fixed-width copy of the arithmetic, so firmware
/// that names only `Rs256Key2048` links only 2048-bit code, and a 2048-bit
/// verification never pays for 4096-bit numbers. A key type accepts any
/// modulus from 2048 bits ([`MIN_MODULUS_BITS`](Self::MIN_MODULUS_BITS))
/// up to its width ([`MAX_MODULUS_BITS`](Self::MAX_MODULUS_BITS)), of any
/// bit length in between (e.g. 2560 bits in an `Rs256Key3072`): pick the
/// smallest type that fits your keys for speed, or one wide type for all of
/// them for the smallest flash. Smaller moduli are refused as weak
/// (RFC 7518 §3.3), larger ones do not fit.
///
/// The public exponent must be odd, at least 3 and below 2³² (65537 in
/// practice; RFC 8017 allows any odd `e`, but every deployed key fits).
///
/// Everything that depends only on the key (the Montgomery parameters of
/// the modulus, its length) is computed once, here; a verification is one
/// SHA-256, one modular exponentiation and one comparison.
///
/// ```
/// use jwt_embedded::{Rs256Key2048, Validation, verify};
///
/// // RFC 7515 Appendix A.2: the key as a JWK, and a token it signed.
/// let jwk = r#"{"kty":"RSA","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"}"#;
/// let key = Rs256Key2048::from_jwk(jwk)?;
/// assert_eq!((key.modulus_bits(), key.public_exponent()), (2048, 65537));
///
/// let token = b"eyJhbGciOiJSUzI1NiJ9\
///     .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
///     .cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
/// let mut buf = [0u8; 256];
/// let verified = verify(token, &key, &Validation::new().issuer("joe"), 1_300_819_379, &mut buf)?;
/// assert!(verified.header().alg.eq_str("RS256"));
///
/// // An HS256 token is refused by an RSA key, whatever it is MACed with.
/// let hs256 = b"eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl";
/// let mut buf = [0u8; 64];
/// assert_eq!(
///     verify(hs256, &key, &Validation::new(), 0, &mut buf).err(),
///     Some(jwt_embedded::Error::Algorithm)
/// );
/// # Ok::<(), jwt_embedded::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Rs256Key<const LIMBS: usize> {
    modulus: Modulus<LIMBS>,
    exponent: u32,
    /// `k`, the length of the modulus (and of every signature) in bytes.
    len: usize,
}

/// An [`Rs256Key`] for 2048-bit moduli.
pub type Rs256Key2048 = Rs256Key<{ U2048::LIMBS }>;

/// An [`Rs256Key`] for moduli of 2048 to 3072 bits.
pub type Rs256Key3072 = Rs256Key<{ U3072::LIMBS }>;

/// An [`Rs256Key`] for moduli of 2048 to 4096 bits.
pub type Rs256Key4096 = Rs256Key<{ U4096::LIMBS }>;

/// Bytes for one number of the key's width, on the stack.
pub(crate) type WideBytes<const LIMBS: usize> = [[u8; Limb::BYTES]; LIMBS];

/// A zeroed [`WideBytes`] (`Default` stops at 32-element arrays).
pub(crate) const fn wide_bytes<const LIMBS: usize>() -> WideBytes<LIMBS> {
    [[0; Limb::BYTES]; LIMBS]
}

impl<const LIMBS: usize> Rs256Key<LIMBS> {
    /// Smallest accepted modulus, in bits (RFC 7518 §3.3).
    pub const MIN_MODULUS_BITS: u32 = 2048;

    /// Largest accepted modulus, in bits: the width of the type.
    pub const MAX_MODULUS_BITS: u32 = Uint::<LIMBS>::BITS;

    /// Builds a key from the big-endian unsigned bytes of the modulus `n`
    /// and the public exponent `e` (leading zero bytes are ignored).
    ///
    /// Errors with [`Error::InvalidKey`] unless `n` is odd and of
    /// [`MIN_MODULUS_BITS`](Self::MIN_MODULUS_BITS) to
    /// [`MAX_MODULUS_BITS`](Self::MAX_MODULUS_BITS) bits, and `e` is odd,
    /// at least 3 and below 2³².
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
        let n = uint_from_be_bytes(n).ok_or(Error::InvalidKey)?;
        let e = exponent_from_be_bytes(e).ok_or(Error::InvalidKey)?;
        Self::new(n, e)
    }

    /// Checks the key and precomputes its Montgomery parameters.
    pub(crate) fn new(n: Uint<LIMBS>, e: u32) -> Result<Self, Error> {
        let bits = n.bit_width_vartime();
        if !(Self::MIN_MODULUS_BITS..=Self::MAX_MODULUS_BITS).contains(&bits)
            || e < 3
            || e.is_multiple_of(2)
        {
            return Err(Error::InvalidKey);
        }
        let modulus = Modulus::new(n).ok_or(Error::InvalidKey)?; // even `n`
        let len = usize::try_from(bits.div_ceil(8)).map_err(|_| Error::InvalidKey)?;
        Ok(Self {
            modulus,
            exponent: e,
            len,
        })
    }

    /// The size of the modulus in bits, e.g. 2048.
    pub fn modulus_bits(&self) -> u32 {
        self.modulus.get().bit_width_vartime()
    }

    /// The size of the modulus in bytes, `k` in RFC 8017: every signature
    /// is exactly this long.
    pub const fn modulus_len(&self) -> usize {
        self.len
    }

    /// The public exponent `e`, e.g. 65537.
    pub const fn public_exponent(&self) -> u32 {
        self.exponent
    }

    /// Verifies a raw RSASSA-PKCS1-v1_5 SHA-256 `signature` over `message`
    /// (RFC 8017 §8.2.2). This is the exact check a token's signature goes
    /// through, after base64url decoding.
    ///
    /// Strict: the signature must be exactly [`modulus_len`](Self::modulus_len)
    /// bytes and, as a number, below the modulus; `s^e mod n` must equal the
    /// one valid encoding `00 01 FF…FF 00 || DigestInfo(SHA-256) || H`, which
    /// is built here and compared as a whole in constant time. The decrypted
    /// block is never parsed, so no BER variant, missing `NULL` parameter or
    /// trailing garbage can pass. Any failure is [`Error::Signature`].
    pub fn verify_pkcs1v15_sha256(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        let mut s = Uint::ZERO;
        self.signature_value(signature, &mut s)?;
        self.verify_value(message, &s)
    }

    /// Reads the signature into `s` as a number: exactly `k` bytes, and
    /// below `n`. (An out-parameter: no full-width copies on the stack.)
    fn signature_value(&self, signature: &[u8], s: &mut Uint<LIMBS>) -> Result<(), Error> {
        if signature.len() != self.len || !read_be_bytes(signature, s) || &*s >= self.modulus.get()
        {
            return Err(Error::Signature);
        }
        Ok(())
    }

    /// Decodes a base64url signature segment into its number. Not inlined:
    /// the decoded bytes are dead once converted, and in a frame of their
    /// own they do not add to the peak stack of the exponentiation.
    #[inline(never)]
    fn decode_signature(&self, signature: &[u8], s: &mut Uint<LIMBS>) -> Result<(), Error> {
        let mut buf = wide_bytes::<LIMBS>();
        let bytes = base64url::decode(signature, buf.as_flattened_mut())
            .map_err(|_| Error::Malformed(Part::Signature))?;
        self.signature_value(bytes, s)
    }

    /// Checks `s^e mod n` against the one valid encoding of `H(message)`,
    /// comparing every byte in constant time.
    fn verify_value(&self, message: &[u8], s: &Uint<LIMBS>) -> Result<(), Error> {
        let em = self.modulus.pow_odd(s, self.exponent);
        let hash: [u8; emsa::HASH_LEN] = Sha256::digest(message).into();
        let mut expected = wide_bytes::<LIMBS>();
        let expected = expected.as_flattened_mut().get_mut(..self.len);
        let expected = expected.ok_or(Error::Signature)?;
        emsa::encode(&hash, expected).ok_or(Error::Signature)?;
        if bool::from(equals_be_bytes(&em, expected)) {
            Ok(())
        } else {
            Err(Error::Signature)
        }
    }
}

impl<const LIMBS: usize> Sealed for Rs256Key<LIMBS> {}

impl<const LIMBS: usize> VerifyingKey for Rs256Key<LIMBS> {
    const ALGORITHM: Algorithm = Algorithm::Rs256;

    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
        // Public length check first: `k` bytes are exactly ceil(4k / 3) characters.
        if signature.len() != self.len.saturating_mul(4).div_ceil(3) {
            return Err(Error::Malformed(Part::Signature));
        }
        let mut s = Uint::ZERO;
        self.decode_signature(signature, &mut s)?;
        self.verify_value(signing_input, &s)
    }
}

impl<const LIMBS: usize> fmt::Debug for Rs256Key<LIMBS> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rs256Key")
            .field("modulus_bits", &self.modulus_bits())
            .field("public_exponent", &self.exponent)
            .finish_non_exhaustive()
    }
}

/// The number whose big-endian bytes are `bytes` (any leading zeros), or
/// `None` if it does not fit `LIMBS` limbs.
fn uint_from_be_bytes<const LIMBS: usize>(bytes: &[u8]) -> Option<Uint<LIMBS>> {
    let mut x = Uint::ZERO;
    read_be_bytes(bytes, &mut x).then_some(x)
}

/// Sets `x` to the number whose big-endian bytes are `bytes`, or returns
/// `false` if it does not fit (`x` is then unspecified).
fn read_be_bytes<const LIMBS: usize>(bytes: &[u8], x: &mut Uint<LIMBS>) -> bool {
    let limbs = x.as_mut_limbs();
    limbs.fill(Limb::ZERO);
    for (i, &byte) in bytes.iter().rev().enumerate() {
        match limbs.get_mut(i / Limb::BYTES) {
            Some(limb) => limb.0 |= Word::from(byte) << (8 * (i % Limb::BYTES)),
            None if byte == 0 => {}
            None => return false,
        }
    }
    true
}

/// Whether `x` equals the big-endian number `bytes`, in constant time: every
/// byte of `x` is compared (those above `bytes` with zero), with no early
/// exit and no second buffer.
fn equals_be_bytes<const LIMBS: usize>(x: &Uint<LIMBS>, bytes: &[u8]) -> Choice {
    if bytes.len() > LIMBS * Limb::BYTES {
        return Choice::from(0); // longer than any `x` (public lengths)
    }
    let mut diff: u8 = 0;
    for (i, limb) in x.as_limbs().iter().enumerate() {
        for j in 0..Limb::BYTES {
            let at = i * Limb::BYTES + j; // byte `at` from the least significant end
            let expected = bytes
                .len()
                .checked_sub(at + 1)
                .and_then(|k| bytes.get(k))
                .copied()
                .unwrap_or(0);
            diff |= (limb.0 >> (8 * j)) as u8 ^ expected;
        }
    }
    diff.ct_eq(&0)
}

/// The public exponent from its big-endian bytes, if it fits 32 bits.
fn exponent_from_be_bytes(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |e, &byte| {
        e.checked_mul(256)?.checked_add(u32::from(byte))
    })
}
