//! Keys, each bound to exactly one algorithm by its type.
//!
//! [`verify`](crate::verify) is generic over [`VerifyingKey`], so a firmware
//! image that only names [`Hs256Key`] links no code of any other algorithm.
//! The trait is sealed: the set of algorithms is this crate's to vouch for.

use core::fmt;

use base64ct::{Base64UrlUnpadded, Decoder};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::{Error, Part, base64url};

/// A JWS algorithm this crate can verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256 (RFC 7518 §3.2).
    Hs256,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).
    Rs256,
}

impl Algorithm {
    /// The registered `alg` header value, e.g. `"HS256"`.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Rs256 => "RS256",
        }
    }
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// A key that verifies signatures of exactly one [`Algorithm`].
///
/// Sealed: implemented by this crate's key types only.
pub trait VerifyingKey: sealed::Sealed {
    /// The only algorithm whose tokens this key accepts; the header `alg`
    /// must equal its name exactly.
    const ALGORITHM: Algorithm;

    /// Verifies the base64url `signature` segment over `signing_input`
    /// (`header '.' payload`, exactly as transmitted).
    ///
    /// Returns [`Error::Malformed`]`(`[`Part::Signature`]`)` when the segment
    /// is not a canonical encoding of a signature of the right length, and
    /// [`Error::Signature`] when it does not verify.
    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error>;
}

/// Length in bytes of an HS256 tag.
const TAG_LEN: usize = 32;

/// Length of a base64url-encoded HS256 tag (43 characters, no padding).
const TAG_B64_LEN: usize = 43;

/// HMAC-SHA-256's block size: longer secrets are hashed first (RFC 2104 §2).
const BLOCK_LEN: usize = 64;

/// An HS256 secret, ready to verify: the keyed HMAC state is computed once,
/// here, so a verification pays no key setup.
///
/// The secret must be at least 32 bytes (RFC 7518 §3.2). The struct keeps
/// only the keyed inner/outer hash states (not the secret's bytes); they are
/// as sensitive as the secret, hidden from `Debug`, and wiped when the key is
/// dropped (as is every per-verification copy).
///
/// ```
/// use jwt_embedded::Hs256Key;
/// let key = Hs256Key::new(b"a secret of at least thirty-two bytes!")?;
/// assert!(Hs256Key::new(b"too short").is_err());
/// # Ok::<(), jwt_embedded::Error>(())
/// ```
#[derive(Clone)]
pub struct Hs256Key {
    mac: Hmac<Sha256>,
}

impl Hs256Key {
    /// Smallest accepted secret, in bytes (RFC 7518 §3.2: at least the hash size).
    pub const MIN_SECRET_LEN: usize = 32;

    /// Prepares a key from the raw secret bytes.
    ///
    /// Errors with [`Error::InvalidKey`] if `secret` is shorter than
    /// [`MIN_SECRET_LEN`](Self::MIN_SECRET_LEN).
    pub fn new(secret: &[u8]) -> Result<Self, Error> {
        if secret.len() < Self::MIN_SECRET_LEN {
            return Err(Error::InvalidKey);
        }
        let mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| Error::InvalidKey)?;
        Ok(Self { mac })
    }

    /// Prepares a key from a base64url secret, e.g. a JWK's `k` member.
    ///
    /// The secret is decoded with `base64ct`, in constant time, into buffers
    /// that are wiped afterwards; secrets of any length are accepted (longer
    /// than 64 bytes they are hashed first, as HMAC prescribes).
    ///
    /// ```
    /// use jwt_embedded::Hs256Key;
    /// // RFC 7515 Appendix A.1
    /// let key = Hs256Key::from_base64url(
    ///     "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    /// )?;
    /// # Ok::<(), jwt_embedded::Error>(())
    /// ```
    pub fn from_base64url(secret: &str) -> Result<Self, Error> {
        let mut decoder =
            Decoder::<Base64UrlUnpadded>::new(secret.as_bytes()).map_err(|_| Error::InvalidKey)?;
        let len = decoder.remaining_len();
        let mut block = Zeroizing::new([0u8; BLOCK_LEN]);
        if len <= BLOCK_LEN {
            let bytes = block.get_mut(..len).ok_or(Error::InvalidKey)?;
            let bytes = decoder.decode(bytes).map_err(|_| Error::InvalidKey)?;
            return Self::new(bytes);
        }
        let mut hasher = Sha256::new();
        while !decoder.is_finished() {
            let n = decoder.remaining_len().min(BLOCK_LEN);
            let chunk = block.get_mut(..n).ok_or(Error::InvalidKey)?;
            hasher.update(decoder.decode(chunk).map_err(|_| Error::InvalidKey)?);
        }
        let mut digest = Zeroizing::new([0u8; 32]);
        digest.copy_from_slice(&hasher.finalize());
        let mac =
            Hmac::<Sha256>::new_from_slice(digest.as_slice()).map_err(|_| Error::InvalidKey)?;
        Ok(Self { mac })
    }

    /// Verifies a raw 32-byte HMAC-SHA-256 `tag` over `message`, comparing in
    /// constant time. This is the exact check a token's signature goes through.
    ///
    /// A tag of any other length (e.g. truncated) is [`Error::Signature`].
    pub fn verify_mac(&self, message: &[u8], tag: &[u8]) -> Result<(), Error> {
        let tag: &[u8; TAG_LEN] = tag.try_into().map_err(|_| Error::Signature)?;
        let mut mac = self.mac.clone();
        mac.update(message);
        // `CtOutput` wipes itself on drop, like the cloned state.
        let expected = mac.finalize();
        if bool::from(expected.as_bytes().as_slice().ct_eq(tag)) {
            Ok(())
        } else {
            Err(Error::Signature)
        }
    }
}

impl sealed::Sealed for Hs256Key {}

impl VerifyingKey for Hs256Key {
    const ALGORITHM: Algorithm = Algorithm::Hs256;

    // In a frame of its own: the cloned HMAC state and the tag are gone from
    // the stack before the payload is parsed (with LTO, `verify`'s frame would
    // otherwise hold them under the whole JSON parse).
    #[inline(never)]
    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
        // Public length check first: a 32-byte tag is exactly 43 characters.
        if signature.len() != TAG_B64_LEN {
            return Err(Error::Malformed(Part::Signature));
        }
        let mut tag = [0u8; TAG_LEN];
        base64url::decode(signature, &mut tag).map_err(|_| Error::Malformed(Part::Signature))?;
        self.verify_mac(signing_input, &tag)
    }
}

impl fmt::Debug for Hs256Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Hs256Key { .. }")
    }
}
