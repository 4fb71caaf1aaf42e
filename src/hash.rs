//! The three SHA-2 hashes of the JWS algorithms, as type parameters.
//!
//! [`Sha256`], [`Sha384`] and [`Sha512`] are markers (uninhabited types):
//! they pick the hash of an [`HmacKey`](crate::HmacKey),
//! [`Pkcs1v15Key`](crate::Pkcs1v15Key) or [`PssKey`](crate::PssKey), and with
//! it the one algorithm the key verifies. What a hash brings (its `sha2`
//! implementation, the PKCS#1 v1.5 `DigestInfo` prefix, the algorithm names)
//! is sealed inside the crate, so only these three exist, and a program links
//! only the hashes it names.

use crate::Algorithm;

/// A SHA-2 hash a JWS algorithm is built on: [`Sha256`], [`Sha384`] or
/// [`Sha512`]. Sealed.
pub trait JwsHash: sealed::Hash {}

/// SHA-256: HS256, RS256, PS256.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sha256 {}

/// SHA-384: HS384, RS384, PS384.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sha384 {}

/// SHA-512: HS512, RS512, PS512.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sha512 {}

impl JwsHash for Sha256 {}
impl JwsHash for Sha384 {}
impl JwsHash for Sha512 {}

pub(crate) mod sealed {
    use super::Algorithm;

    /// What the key types need of a hash.
    pub trait Hash {
        /// The `sha2` implementation.
        type Digest: sha2::Digest + Clone;
        /// HMAC on this hash, keyed.
        type Mac: Keyed;
        /// Output length in bytes.
        const LEN: usize;
        /// Longest HMAC secret used as is (the block size); longer ones
        /// are hashed first (RFC 2104 §2).
        const BLOCK_LEN: usize;
        /// The HMAC algorithm on this hash (HS256, …).
        const HMAC: Algorithm;
        /// The RSASSA-PKCS1-v1_5 algorithm on this hash (RS256, …).
        const PKCS1V15: Algorithm;
        /// The RSASSA-PSS algorithm on this hash (PS256, …).
        const PSS: Algorithm;
        /// The DER `DigestInfo { hash OID, NULL }` up to the hash value
        /// (RFC 8017 §9.2, note 1).
        const DIGEST_INFO: &'static [u8];
    }

    /// A keyed HMAC, prepared once per key (RFC 2104).
    pub trait Keyed: Clone {
        /// Keys the MAC with `secret` (any length; `None` never happens for
        /// the three hashes, and is refused as a key error if it did).
        fn new(secret: &[u8]) -> Option<Self>;
        /// Whether `tag` is the MAC of `message`, compared in constant time.
        fn verify(&self, message: &[u8], tag: &[u8]) -> bool;
    }

    impl Hash for super::Sha256 {
        type Digest = sha2::Sha256;
        type Mac = crate::hmac::HmacSha256;
        const LEN: usize = 32;
        const BLOCK_LEN: usize = 64;
        const HMAC: Algorithm = Algorithm::Hs256;
        const PKCS1V15: Algorithm = Algorithm::Rs256;
        const PSS: Algorithm = Algorithm::Ps256;
        const DIGEST_INFO: &'static [u8] = &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ];
    }

    impl Hash for super::Sha384 {
        type Digest = sha2::Sha384;
        type Mac = crate::hmac::HmacSha512<48>;
        const LEN: usize = 48;
        const BLOCK_LEN: usize = 128;
        const HMAC: Algorithm = Algorithm::Hs384;
        const PKCS1V15: Algorithm = Algorithm::Rs384;
        const PSS: Algorithm = Algorithm::Ps384;
        const DIGEST_INFO: &'static [u8] = &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ];
    }

    impl Hash for super::Sha512 {
        type Digest = sha2::Sha512;
        type Mac = crate::hmac::HmacSha512<64>;
        const LEN: usize = 64;
        const BLOCK_LEN: usize = 128;
        const HMAC: Algorithm = Algorithm::Hs512;
        const PKCS1V15: Algorithm = Algorithm::Rs512;
        const PSS: Algorithm = Algorithm::Ps512;
        const DIGEST_INFO: &'static [u8] = &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ];
    }
}

/// Largest hash output, in bytes (SHA-512).
pub(crate) const MAX_LEN: usize = 64;

/// Largest HMAC block, in bytes (SHA-384/512).
pub(crate) const MAX_BLOCK_LEN: usize = 128;

#[cfg(test)]
mod tests {
    use super::sealed::Hash;
    use super::*;
    use sha2::Digest;

    /// The constants agree with `sha2`, and each `DigestInfo` ends in the
    /// OCTET STRING header of the hash length.
    #[test]
    fn constants_match_sha2() {
        fn check<H: Hash>() {
            assert_eq!(<H::Digest as Digest>::output_size(), H::LEN);
            assert!(H::LEN <= MAX_LEN && H::BLOCK_LEN <= MAX_BLOCK_LEN);
            let info = H::DIGEST_INFO;
            assert_eq!(info.len(), 19);
            assert_eq!(usize::from(info[1]), info.len() - 2 + H::LEN);
            assert_eq!(&info[17..], &[0x04, H::LEN as u8]);
        }
        check::<Sha256>();
        check::<Sha384>();
        check::<Sha512>();
    }
}
