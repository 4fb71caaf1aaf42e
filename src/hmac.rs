//! HMAC keys: HS256, HS384 and HS512 (RFC 7518 §3.2).

use core::fmt;
use core::marker::PhantomData;

use base64ct::{Base64UrlUnpadded, Encoding as _};
use sha2::Digest;
use subtle::ConstantTimeEq;
use zeroize::{DefaultIsZeroes, Zeroize};

use crate::hash::sealed::{Hash, Keyed};
use crate::hash::{JwsHash, MAX_BLOCK_LEN, MAX_LEN, Sha256, Sha384, Sha512};
use crate::jwk::{self, Kty};
use crate::key::sealed::Sealed;
use crate::{Algorithm, Error, KeyError, Part, VerifyingKey, base64url};

mod sha256;
mod sha2_hmac;
mod sha512;

pub(crate) use sha256::HmacSha256;
pub(crate) use sha512::HmacSha512;

/// An array of secret words (bytes, hash words) that [`Wiped`] wipes.
pub trait Wipe {
    /// Zeroes every word.
    fn wipe(&mut self);
}

impl<T: DefaultIsZeroes, const N: usize> Wipe for [T; N] {
    fn wipe(&mut self) {
        // A slice's `Zeroize`: one `fill`, which `zeroize`'s optimization
        // barrier keeps.
        self.as_mut_slice().zeroize();
    }
}

/// Secret words, wiped when dropped. Not `zeroize::Zeroizing<[T; N]>`,
/// whose `Zeroize` for arrays goes element by element with a volatile
/// store each: 64 single-byte stores for an HS256 verify's working block on
/// x86-64, about 20 ns of it (issue 16).
pub(crate) struct Wiped<B: Wipe>(pub(crate) B);

impl<B: Wipe> Drop for Wiped<B> {
    fn drop(&mut self) {
        self.0.wipe();
    }
}

/// Characters of a long base64url secret decoded at a time: whole 4-character
/// groups, whose 96 bytes fit the decoding buffer (`MAX_BLOCK_LEN`).
const SECRET_CHUNK_CHARS: usize = 128;
const _: () =
    assert!(SECRET_CHUNK_CHARS.is_multiple_of(4) && SECRET_CHUNK_CHARS / 4 * 3 <= MAX_BLOCK_LEN);

/// An HMAC secret for the one algorithm of hash `H`, ready to verify: the
/// keyed HMAC state is computed once, here, so a verification pays no key
/// setup. Use the aliases [`Hs256Key`], [`Hs384Key`] and [`Hs512Key`].
///
/// The secret must be at least as long as the hash output
/// ([`MIN_SECRET_LEN`](Self::MIN_SECRET_LEN): 32, 48 or 64 bytes,
/// RFC 7518 §3.2). The struct keeps only the keyed inner/outer hash states
/// (not the secret's bytes); they are as sensitive as the secret, hidden
/// from `Debug`, and wiped when the key is dropped (as is every
/// per-verification copy). Tags are compared in constant time.
///
/// ```
/// use jwt_embedded::{Hs256Key, Hs512Key, KeyError, Error};
/// let key = Hs256Key::new(b"a secret of at least thirty-two bytes!")?;
/// assert_eq!(Hs256Key::new(b"too short").err(), Some(Error::InvalidKey(KeyError::TooShort)));
/// // HS512 needs 64 bytes.
/// assert!(Hs512Key::new(&[0x5a; 63]).is_err() && Hs512Key::new(&[0x5a; 64]).is_ok());
/// # Ok::<(), jwt_embedded::Error>(())
/// ```
pub struct HmacKey<H: JwsHash> {
    mac: <H as Hash>::Mac,
    hash: PhantomData<H>,
}

/// An HS256 key (HMAC with SHA-256).
pub type Hs256Key = HmacKey<Sha256>;

/// An HS384 key (HMAC with SHA-384).
pub type Hs384Key = HmacKey<Sha384>;

/// An HS512 key (HMAC with SHA-512).
pub type Hs512Key = HmacKey<Sha512>;

impl<H: JwsHash> HmacKey<H> {
    /// The one algorithm this key verifies: HS256, HS384 or HS512.
    pub const ALGORITHM: Algorithm = H::HMAC;

    /// Length of a tag in bytes: the hash output (32, 48 or 64).
    pub const TAG_LEN: usize = H::LEN;

    /// Smallest accepted secret, in bytes (RFC 7518 §3.2: at least the hash
    /// output, 32, 48 or 64).
    pub const MIN_SECRET_LEN: usize = H::LEN;

    /// Length of a tag in base64url (43, 64 or 86 characters, no padding).
    const TAG_B64_LEN: usize = (H::LEN * 4).div_ceil(3);

    /// Prepares a key from the raw secret bytes.
    ///
    /// Errors with [`KeyError::TooShort`] if `secret` is shorter than
    /// [`MIN_SECRET_LEN`](Self::MIN_SECRET_LEN).
    pub fn new(secret: &[u8]) -> Result<Self, Error> {
        if secret.len() < Self::MIN_SECRET_LEN {
            return Err(KeyError::TooShort.into());
        }
        let mac = <H as Hash>::Mac::new(secret).ok_or(KeyError::TooShort)?;
        Ok(Self {
            mac,
            hash: PhantomData,
        })
    }

    /// Prepares a key from a base64url secret, e.g. a JWK's `k` member.
    ///
    /// The secret is decoded with `base64ct`, in constant time, into buffers
    /// that are wiped afterwards; secrets of any length are accepted (longer
    /// than the hash's block they are hashed first, as HMAC prescribes).
    /// Anything but strict unpadded base64url is [`KeyError::Encoding`]; an
    /// empty secret is [`KeyError::TooShort`].
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
        if secret.is_empty() {
            return Err(KeyError::TooShort.into());
        }
        let encoding = |_| KeyError::Encoding;
        let text = secret.as_bytes();
        let len = base64url::decoded_len(text.len()).ok_or(KeyError::Encoding)?;
        let mut block = Wiped([0u8; MAX_BLOCK_LEN]);
        if len <= H::BLOCK_LEN {
            let bytes = Base64UrlUnpadded::decode(text, &mut block.0).map_err(encoding)?;
            return Self::new(bytes);
        }
        // Longer than a block: hashed as it is decoded, in chunks of whole
        // 4-character groups (each but the last decodes to 3 bytes a group).
        // `Encoding::decode` rather than base64ct's streaming `Decoder`,
        // whose bounds checks would put panic paths in firmware that imports
        // `oct` keys.
        let mut hasher = H::Digest::new();
        for chunk in text.chunks(SECRET_CHUNK_CHARS) {
            Digest::update(
                &mut hasher,
                Base64UrlUnpadded::decode(chunk, &mut block.0).map_err(encoding)?,
            );
        }
        let mut digest = Wiped([0u8; MAX_LEN]);
        let digest = digest.0.get_mut(..H::LEN).ok_or(KeyError::Encoding)?;
        digest.copy_from_slice(&hasher.finalize());
        Self::new(digest)
    }

    /// Prepares a key from a JWK (RFC 7517) of `"kty": "oct"` whose `k`
    /// is the base64url secret, as [`from_base64url`](Self::from_base64url).
    ///
    /// The JSON must be strict (as for tokens). `alg`, when present, must be
    /// this type's algorithm ([`KeyError::Algorithm`]); without `alg`, the
    /// key is taken for this type's algorithm: the caller names it by the
    /// type. `use`, when present, must be `"sig"` and `key_ops` must include
    /// `"verify"` ([`KeyError::Use`]).
    ///
    /// ```
    /// use jwt_embedded::{Error, Hs256Key, Hs384Key, KeyError};
    /// // RFC 7515 Appendix A.1's key.
    /// let jwk = r#"{"kty":"oct","alg":"HS256",
    ///     "k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
    /// assert!(Hs256Key::from_jwk(jwk).is_ok());
    /// assert_eq!(Hs384Key::from_jwk(jwk).err(), Some(Error::InvalidKey(KeyError::Algorithm)));
    /// ```
    pub fn from_jwk(jwk: &str) -> Result<Self, Error> {
        let jwk = jwk::parse(jwk, Kty::Oct, Self::ALGORITHM)?;
        let k = jwk.k.ok_or(KeyError::Encoding)?;
        // A `k` written with JSON escapes is unescaped on the stack, and wiped.
        let mut text = Wiped([0u8; 4 * MAX_BLOCK_LEN]);
        match k.as_str() {
            Some(k) => Self::from_base64url(k),
            None => {
                let k = k
                    .unescape_into(&mut text.0)
                    .map_err(|_| KeyError::Encoding)?;
                Self::from_base64url(k)
            }
        }
    }

    /// Verifies a raw HMAC `tag` (the hash output, [`TAG_LEN`](Self::TAG_LEN)
    /// bytes) over `message`, comparing in constant time. This is the exact
    /// check a token's signature goes through.
    ///
    /// A tag of any other length (e.g. truncated) is [`Error::Signature`].
    pub fn verify_mac(&self, message: &[u8], tag: &[u8]) -> Result<(), Error> {
        if tag.len() != H::LEN {
            return Err(Error::Signature);
        }
        if self.mac.verify(message, tag) {
            Ok(())
        } else {
            Err(Error::Signature)
        }
    }
}

/// Whether the computed tag `expected` equals `tag`, in constant time (a
/// length difference, public, is not hidden): the one comparison of all
/// three HMAC algorithms, where `.ci/ct --mutants` injects its leaks.
///
/// The tags are compared a machine word at a time: the XORs of all words
/// ORed together, then one constant-time test of that word against zero.
/// (`subtle`'s slice comparison puts every byte through an optimization
/// barrier: about 435 instructions for a 32-byte tag on x86-64, against 45
/// here.)
#[inline(never)]
pub(crate) fn tags_equal(expected: &[u8], tag: &[u8]) -> bool {
    if expected.len() != tag.len() {
        return false;
    }
    bool::from(difference(expected, tag).ct_eq(&0))
}

/// The bitwise OR of `a XOR b` over words of both (equal lengths): zero
/// exactly when they are equal. No branch and no index depends on the bytes.
#[inline(always)]
fn difference(a: &[u8], b: &[u8]) -> usize {
    const WORD: usize = size_of::<usize>();
    let (a_words, a_rest) = a.as_chunks::<WORD>();
    let (b_words, b_rest) = b.as_chunks::<WORD>();
    let mut diff = 0;
    for (a, b) in a_words.iter().zip(b_words) {
        diff |= usize::from_ne_bytes(*a) ^ usize::from_ne_bytes(*b);
    }
    for (a, b) in a_rest.iter().zip(b_rest) {
        diff |= usize::from(a ^ b);
    }
    diff
}

/// HS256, HS384 and HS512: this crate's HMAC on `sha2`'s compression functions.
impl<W: sha2_hmac::Word, const OUT: usize> Keyed for sha2_hmac::HmacSha2<W, OUT> {
    #[inline]
    fn new(secret: &[u8]) -> Option<Self> {
        Some(Self::new(secret))
    }

    #[inline]
    fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        Self::verify(self, message, tag)
    }
}

impl<H: JwsHash> Clone for HmacKey<H> {
    fn clone(&self) -> Self {
        Self {
            mac: self.mac.clone(),
            hash: PhantomData,
        }
    }
}

impl<H: JwsHash> Sealed for HmacKey<H> {}

impl<H: JwsHash> VerifyingKey for HmacKey<H> {
    fn algorithm(&self) -> Algorithm {
        Self::ALGORITHM
    }

    // In a frame of its own: the cloned HMAC state and the tag are gone from
    // the stack before the payload is parsed (with LTO, `verify`'s frame would
    // otherwise hold them under the whole JSON parse).
    #[inline(never)]
    fn verify_signature(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), Error> {
        // Public length check first: 32, 48 or 64 bytes are exactly 43, 64
        // or 86 characters.
        if signature.len() != Self::TAG_B64_LEN {
            return Err(Error::Malformed(Part::Signature));
        }
        // Exactly the tag's length (a `MAX_LEN` buffer cost HS256 a 64-byte
        // clear, more than the decode of its 43 characters; issue 16).
        let mut tag = sha2::digest::Output::<H::Digest>::default();
        base64url::decode(signature, &mut tag).map_err(|_| Error::Malformed(Part::Signature))?;
        self.verify_mac(signing_input, &tag)
    }
}

impl<H: JwsHash> fmt::Debug for HmacKey<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `Hs256Key { .. }`: the alias's name, and nothing of the secret.
        let bits = Self::ALGORITHM.name().get(2..).unwrap_or_default();
        write!(f, "Hs{bits}Key {{ .. }}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, KeyInit, Mac};

    /// `Wipe` zeroes every word of the arrays `Wiped` holds: bytes (blocks,
    /// digests) and both hash word sizes (the working states).
    #[test]
    fn wipe_zeroes_every_word() {
        fn check<T: DefaultIsZeroes + PartialEq + fmt::Debug, const N: usize>(fill: T) {
            let mut words = [fill; N];
            words.wipe();
            assert_eq!(words, [T::default(); N]);
        }
        check::<u8, 64>(0xA5);
        check::<u8, 128>(0xFF);
        check::<u8, 1>(1);
        check::<u32, 8>(u32::MAX);
        check::<u64, 8>(0x0123_4567_89AB_CDEF);
    }

    /// The word-wise comparison sees every bit of every length up to two
    /// words past the longest tag, whole words and the bytes after them;
    /// unequal lengths are unequal.
    #[test]
    fn tags_differing_in_any_bit_are_unequal() {
        let tag: [u8; 80] = core::array::from_fn(|i| (i as u8).wrapping_mul(37) ^ 0x5A);
        for len in 0..=tag.len() {
            let tag = &tag[..len];
            let mut other = [0u8; 80];
            other[..len].copy_from_slice(tag);
            assert!(tags_equal(tag, &other[..len]), "equal, {len} bytes");
            for at in 0..len {
                for bit in 0..8 {
                    other[at] ^= 1 << bit;
                    assert!(
                        !tags_equal(tag, &other[..len]),
                        "{len} bytes, byte {at}, bit {bit}"
                    );
                    other[at] ^= 1 << bit;
                }
            }
            if len > 0 {
                assert!(!tags_equal(tag, &other[..len - 1]), "shorter, {len} bytes");
            }
        }
    }

    /// Every secret length from 1 to 400 bytes (over both block sizes and
    /// across the decoding chunks), for the three hashes: the key from its
    /// base64url text is the key from its bytes; a bad character in any
    /// chunk, or non-canonical trailing bits, is `Encoding`.
    #[test]
    fn base64url_secrets_of_every_length_decode_as_their_bytes() {
        extern crate std;
        use std::string::String;
        use std::vec::Vec;
        fn check<H: JwsHash>(bytes: &[u8], tag: &[u8]) {
            let text = Base64UrlUnpadded::encode_string(bytes);
            let from_text = HmacKey::<H>::from_base64url(&text);
            let from_bytes = HmacKey::<H>::new(bytes);
            match (&from_text, &from_bytes) {
                (Ok(a), Ok(b)) => {
                    assert!(
                        a.verify_mac(b"message", tag).is_ok(),
                        "{} bytes",
                        bytes.len()
                    );
                    assert!(
                        b.verify_mac(b"message", tag).is_ok(),
                        "{} bytes",
                        bytes.len()
                    );
                }
                _ => assert_eq!(from_text.err(), from_bytes.err(), "{} bytes", bytes.len()),
            }
            for at in [0, text.len() / 2, text.len() - 1] {
                let mut bad = String::from(&text[..at]);
                bad.push('+');
                bad.push_str(&text[at + 1..]);
                assert_eq!(
                    HmacKey::<H>::from_base64url(&bad).err(),
                    Some(Error::InvalidKey(KeyError::Encoding)),
                    "{bad}"
                );
            }
        }
        let bytes: Vec<u8> = (0..400u32).map(|i| (i * 151 + 7) as u8).collect();
        fn mac<M: Mac + KeyInit>(key: &[u8]) -> Vec<u8> {
            let mut mac = <M as KeyInit>::new_from_slice(key).unwrap();
            mac.update(b"message");
            mac.finalize().into_bytes().to_vec()
        }
        for len in 1..=bytes.len() {
            let key = &bytes[..len];
            check::<Sha256>(key, &mac::<Hmac<sha2::Sha256>>(key));
            check::<Sha384>(key, &mac::<Hmac<sha2::Sha384>>(key));
            check::<Sha512>(key, &mac::<Hmac<sha2::Sha512>>(key));
        }
        // Non-canonical: `Zh` has low bits set in its last character.
        let mut text = Base64UrlUnpadded::encode_string(&bytes[..301]);
        assert_eq!(text.len() % 4, 2);
        text.pop();
        text.push('h');
        assert_eq!(
            Hs256Key::from_base64url(&text).err(),
            Some(Error::InvalidKey(KeyError::Encoding))
        );
    }

    #[test]
    fn base64url_secrets_are_strict_and_an_empty_one_is_too_short() {
        // RFC 7515 A.1's key.
        let k = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
        assert!(Hs256Key::from_base64url(k).is_ok());
        let err = |s: &str| Hs256Key::from_base64url(s).err();
        assert_eq!(err(""), Some(Error::InvalidKey(KeyError::TooShort)));
        let encoding = Some(Error::InvalidKey(KeyError::Encoding));
        let padded = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow==";
        assert_eq!(err(padded), encoding);
        let standard = k.replace('-', "+").replace('_', "/");
        assert_eq!(err(&standard), encoding);
    }
}
