//! RSASSA-PKCS1-v1_5 (RFC 8017 §8.2): RS256, RS384, RS512.
//!
//! EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2), built, never parsed:
//! verification computes the one valid encoded message for the hash and
//! compares it with the decrypted signature as a whole. Nothing of the
//! decrypted block is interpreted, so there is no padding or ASN.1 parser for
//! a forgery to slip through (Bleichenbacher 2006, and its many successors in
//! lenient parsers: BER lengths, garbage after the hash, missing `NULL`).

use sha2::Digest;

use super::arith::Nat;
use super::public_key::{Core, RsaKey, equals_be_bytes, wide_bytes};
use super::scheme::{Pkcs1v15, sealed::Scheme};
use super::width::{Rsa2048, Rsa3072, Rsa4096};
use crate::Error;
use crate::hash::{JwsHash, Sha256, Sha384, Sha512};

/// An RSASSA-PKCS1-v1_5 key on hash `H` and width `W`.
pub type Pkcs1v15Key<W, H> = RsaKey<W, Pkcs1v15<H>>;

/// An RS256 key (RSASSA-PKCS1-v1_5 with SHA-256) of width `W`.
pub type Rs256Key<W> = Pkcs1v15Key<W, Sha256>;

/// An RS384 key (RSASSA-PKCS1-v1_5 with SHA-384) of width `W`.
pub type Rs384Key<W> = Pkcs1v15Key<W, Sha384>;

/// An RS512 key (RSASSA-PKCS1-v1_5 with SHA-512) of width `W`.
pub type Rs512Key<W> = Pkcs1v15Key<W, Sha512>;

/// An [`Rs256Key`] for 2048-bit moduli.
pub type Rs256Key2048 = Rs256Key<Rsa2048>;

/// An [`Rs256Key`] for moduli of 2048 to 3072 bits.
pub type Rs256Key3072 = Rs256Key<Rsa3072>;

/// An [`Rs256Key`] for moduli of 2048 to 4096 bits.
pub type Rs256Key4096 = Rs256Key<Rsa4096>;

impl<H: JwsHash> Scheme for Pkcs1v15<H> {
    const ALGORITHM: crate::Algorithm = H::PKCS1V15;

    /// `m` must equal `00 01 FF…FF 00 || DigestInfo(H) || H(message)`,
    /// built here and compared whole, in constant time.
    fn check<const LIMBS: usize>(
        key: &Core<LIMBS>,
        message: &[u8],
        m: &Nat<LIMBS>,
    ) -> Result<(), Error> {
        let hash = hash::<H>(message);
        let mut expected = wide_bytes::<LIMBS>();
        let expected = expected.as_flattened_mut().get_mut(..key.len());
        let expected = expected.ok_or(Error::Signature)?;
        encode(H::DIGEST_INFO, &hash, expected).ok_or(Error::Signature)?;
        if bool::from(equals_be_bytes(m, expected)) {
            Ok(())
        } else {
            Err(Error::Signature)
        }
    }
}

/// `H(message)`, in a frame of its own: inlined into the verify (an HS256
/// key no longer shares `sha2`'s `digest` path), the hash state stayed in
/// that frame under the whole modular exponentiation, 248 bytes more stack
/// for RS256-2048 on Cortex-M4 (issue 16).
#[inline(never)]
fn hash<H: JwsHash>(message: &[u8]) -> sha2::digest::Output<H::Digest> {
    H::Digest::digest(message)
}

/// RFC 8017 §9.2 step 3: at least 8 bytes of `0xFF` padding.
const MIN_PADDING: usize = 8;

/// Writes `00 01 FF..FF 00 || digest_info || hash` over the whole of `em`.
///
/// Returns `None` if `em` is shorter than `tLen + 11` bytes ("intended
/// encoded message length too short"); keys of 2048 bits or more never are.
fn encode(digest_info: &[u8], hash: &[u8], em: &mut [u8]) -> Option<()> {
    let t_len = digest_info.len() + hash.len();
    let padded_len = em.len().checked_sub(t_len)?;
    if padded_len < MIN_PADDING + 3 {
        return None;
    }
    let (padded, t) = em.split_at_mut_checked(padded_len)?;
    let (info, h) = t.split_at_mut_checked(digest_info.len())?;
    copy(info, digest_info);
    copy(h, hash);
    // `00 01`, the `FF` run, and the `00` separator.
    padded.fill(0xFF);
    let (separator, padded) = padded.split_last_mut()?;
    *separator = 0x00;
    let [zero, one, ..] = padded else {
        return None;
    };
    (*zero, *one) = (0x00, 0x01);
    Some(())
}

/// Copies `src` into `dst` (same lengths here; never panics if not).
fn copy(dst: &mut [u8], src: &[u8]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d = *s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::sealed::Hash;

    #[test]
    fn layout() {
        for (info, len) in [
            (<Sha256 as Hash>::DIGEST_INFO, 32),
            (<Sha384 as Hash>::DIGEST_INFO, 48),
            (<Sha512 as Hash>::DIGEST_INFO, 64),
        ] {
            let t_len = info.len() + len;
            let hash = [0xAB; 64];
            let hash = &hash[..len];
            let mut em = [0x55u8; 256];
            encode(info, hash, &mut em).unwrap();
            assert_eq!(em[..2], [0x00, 0x01]);
            assert!(em[2..256 - t_len - 1].iter().all(|&b| b == 0xFF));
            assert_eq!(em[256 - t_len - 1], 0x00);
            assert_eq!(&em[256 - t_len..256 - len], info);
            assert_eq!(&em[256 - len..], hash);
        }
    }

    #[test]
    fn shortest_encoding() {
        let info = <Sha256 as Hash>::DIGEST_INFO;
        let t_len = info.len() + 32;
        let hash = [0u8; 32];
        let mut em = [0u8; 19 + 32 + 11];
        assert_eq!(em.len(), t_len + 11);
        assert!(encode(info, &hash, &mut em).is_some());
        assert_eq!(
            em[..11],
            [0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0]
        );
        assert!(encode(info, &hash, &mut em[..t_len + 10]).is_none());
        assert!(encode(info, &hash, &mut []).is_none());
    }
}
