//! RSASSA-PSS (RFC 8017 §8.1.2, EMSA-PSS-VERIFY §9.1.2): PS256, PS384, PS512.
//!
//! As JWS fixes it (RFC 7518 §3.5): MGF1 with the message's hash, and a salt
//! exactly as long as the hash output. Every step of EMSA-PSS-VERIFY is
//! checked: the length, the `0xbc` trailer, the leftmost bits above `emBits`,
//! the zero padding of `DB`, its `0x01` separator, and the hash over the
//! salt. The values are public (a signature and a public key), so the checks
//! may exit early.

use sha2::Digest;

use super::arith::Nat;
use super::public_key::{Core, RsaKey, wide_bytes, write_be_bytes};
use super::scheme::{Pss, sealed::Scheme};
use crate::Error;
use crate::hash::sealed::Hash;
use crate::hash::{JwsHash, MAX_LEN, Sha256, Sha384, Sha512};

/// An RSASSA-PSS key on hash `H` and width `W`.
pub type PssKey<W, H> = RsaKey<W, Pss<H>>;

/// A PS256 key (RSASSA-PSS with SHA-256) of width `W`.
pub type Ps256Key<W> = PssKey<W, Sha256>;

/// A PS384 key (RSASSA-PSS with SHA-384) of width `W`.
pub type Ps384Key<W> = PssKey<W, Sha384>;

/// A PS512 key (RSASSA-PSS with SHA-512) of width `W`.
pub type Ps512Key<W> = PssKey<W, Sha512>;

impl<H: JwsHash> Scheme for Pss<H> {
    const ALGORITHM: crate::Algorithm = H::PSS;

    fn check<const LIMBS: usize>(
        key: &Core<LIMBS>,
        message: &[u8],
        m: &Nat<LIMBS>,
    ) -> Result<(), Error> {
        // `EM` is `m` in `emLen = ceil((modBits - 1) / 8)` bytes: one byte
        // fewer than `k` when `modBits` is 1 more than a multiple of 8, and
        // that byte must then be zero (I2OSP, RFC 8017 §8.1.2 step 2c).
        let mut bytes = wide_bytes::<LIMBS>();
        let bytes = bytes.as_flattened_mut().get_mut(..key.len());
        let bytes = bytes.ok_or(Error::Signature)?;
        write_be_bytes(m, bytes);
        let em_bits = key.bits().checked_sub(1).ok_or(Error::Signature)?;
        let em_len = usize::try_from(em_bits.div_ceil(8)).map_err(|_| Error::Signature)?;
        let lead = bytes.len().checked_sub(em_len).ok_or(Error::Signature)?;
        let (high, em) = bytes.split_at_mut_checked(lead).ok_or(Error::Signature)?;
        if high.iter().any(|&b| b != 0) {
            return Err(Error::Signature);
        }
        verify::<H>(message, em, em_bits)
    }
}

/// EMSA-PSS-VERIFY (RFC 8017 §9.1.2) of `em` (`emLen` bytes, unmasked in
/// place) for `message`, with `sLen = hLen`.
fn verify<H: Hash>(message: &[u8], em: &mut [u8], em_bits: u32) -> Result<(), Error> {
    let bad = Error::Signature;
    let h_len = H::LEN;
    let s_len = H::LEN;
    // Step 3: emLen >= hLen + sLen + 2.
    if em.len() < h_len + s_len + 2 {
        return Err(bad);
    }
    let zero_bits = u32::try_from(em.len() * 8)
        .ok()
        .and_then(|bits| bits.checked_sub(em_bits))
        .filter(|&bits| bits < 8)
        .ok_or(bad)?;
    let top_mask = 0xFFu8 >> zero_bits;
    // Step 4: the trailer.
    let (&mut trailer, rest) = em.split_last_mut().ok_or(bad)?;
    if trailer != 0xbc {
        return Err(bad);
    }
    // Step 5: maskedDB and H.
    let db_len = rest.len() - h_len;
    let (db, h) = rest.split_at_mut_checked(db_len).ok_or(bad)?;
    // Step 6: the leftmost 8 * emLen - emBits bits of maskedDB are zero.
    let first = db.first_mut().ok_or(bad)?;
    if *first & !top_mask != 0 {
        return Err(bad);
    }
    // Steps 7 and 8: DB = maskedDB xor MGF1(H, dbLen).
    mgf1_xor::<H>(h, db);
    // Step 9: clear the leftmost bits again.
    if let Some(first) = db.first_mut() {
        *first &= top_mask;
    }
    // Step 10: PS (zeros), then 0x01.
    let ps_len = db_len - s_len - 1;
    let (ps, rest) = db.split_at_checked(ps_len).ok_or(bad)?;
    let (&separator, salt) = rest.split_first().ok_or(bad)?;
    if ps.iter().any(|&b| b != 0) || separator != 0x01 {
        return Err(bad);
    }
    // Steps 11 to 14: H' = Hash(00 × 8 || mHash || salt) equals H. Hashed
    // in one call from a buffer, like every other hash of the crate: the
    // incremental hashing code is then not linked for PSS alone.
    let mut m_prime = [0u8; 8 + 2 * MAX_LEN];
    let m_prime = m_prime.get_mut(..8 + h_len + s_len).ok_or(bad)?;
    let (zeros_and_hash, salt_out) = m_prime.split_at_mut(8 + h_len);
    copy(
        zeros_and_hash.get_mut(8..).unwrap_or_default(),
        &H::Digest::digest(message),
    );
    copy(salt_out, salt);
    if H::Digest::digest(&*m_prime).as_slice() == &*h {
        Ok(())
    } else {
        Err(bad)
    }
}

/// XORs `MGF1(H, seed)` (RFC 8017 §B.2.1) over the whole of `out`.
fn mgf1_xor<H: Hash>(seed: &[u8], out: &mut [u8]) {
    // `seed || counter`, hashed in one call.
    let mut input = [0u8; MAX_LEN + 4];
    let Some(input) = input.get_mut(..seed.len() + 4) else {
        return;
    };
    copy(input, seed);
    for (counter, chunk) in (0u32..).zip(out.chunks_mut(H::LEN)) {
        copy(
            input.get_mut(seed.len()..).unwrap_or_default(),
            &counter.to_be_bytes(),
        );
        for (o, m) in chunk.iter_mut().zip(H::Digest::digest(&*input).iter()) {
            *o ^= m;
        }
    }
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

    /// An `EM` for `message` built by the encoding steps of RFC 8017 §9.1.1,
    /// with `salt`; `em_bits` as a key of `em_bits + 1` bits gives.
    fn encode<H: Hash>(message: &[u8], salt: &[u8], em: &mut [u8], em_bits: u32) {
        let m_hash = H::Digest::digest(message);
        let mut hasher = H::Digest::new();
        Digest::update(&mut hasher, [0u8; 8]);
        Digest::update(&mut hasher, &m_hash);
        Digest::update(&mut hasher, salt);
        let h = hasher.finalize();
        let db_len = em.len() - H::LEN - 1;
        let (db, rest) = em.split_at_mut(db_len);
        db.fill(0);
        db[db_len - salt.len() - 1] = 0x01;
        db[db_len - salt.len()..].copy_from_slice(salt);
        rest[..H::LEN].copy_from_slice(&h);
        rest[H::LEN] = 0xbc;
        let mut seed = [0u8; 64];
        seed[..H::LEN].copy_from_slice(&rest[..H::LEN]);
        mgf1_xor::<H>(&seed[..H::LEN], db);
        let zero_bits = 8 * em.len() as u32 - em_bits;
        em[0] &= 0xFF >> zero_bits;
    }

    fn check<H: Hash>() {
        let message = b"eyJhbGciOiJQUzI1NiJ9.e30";
        let salt = [0x5Au8; 64];
        let salt = &salt[..H::LEN];
        for em_bits in [2047u32, 2048 - 8, 2043] {
            let em_len = em_bits.div_ceil(8) as usize;
            let mut good = [0u8; 256];
            let good = &mut good[..em_len];
            encode::<H>(message, salt, good, em_bits);
            let mut copy = [0u8; 256];
            let mut fresh = || {
                copy[..em_len].copy_from_slice(good);
                copy
            };
            assert_eq!(
                verify::<H>(message, &mut fresh()[..em_len], em_bits),
                Ok(())
            );
            assert!(verify::<H>(b"other", &mut fresh()[..em_len], em_bits).is_err());
            // Each byte flipped somewhere fails: the trailer, H, the last
            // byte of the salt, the 0x01 separator, the zero padding.
            let separator = em_len - 2 * H::LEN - 2;
            for at in [em_len - 1, em_len - 2, em_len - H::LEN - 2, separator, 1, 0] {
                let mut bad = fresh();
                bad[at] ^= 0x01;
                assert!(
                    verify::<H>(message, &mut bad[..em_len], em_bits).is_err(),
                    "{at}"
                );
            }
            // A bit above emBits set in maskedDB.
            let zero_bits = 8 * em_len as u32 - em_bits;
            if zero_bits > 0 {
                let mut bad = fresh();
                bad[0] |= 0x80;
                assert!(verify::<H>(message, &mut bad[..em_len], em_bits).is_err());
            }
            // Another salt length (hLen - 1, and none) is refused.
            for short in [H::LEN - 1, 0] {
                let mut other = [0u8; 256];
                encode::<H>(message, &salt[..short], &mut other[..em_len], em_bits);
                assert!(verify::<H>(message, &mut other[..em_len], em_bits).is_err());
            }
            // Too short for hLen + sLen + 2.
            let mut tiny = [0xbcu8; 129];
            let tiny = &mut tiny[..2 * H::LEN + 1];
            let bits = 8 * tiny.len() as u32;
            assert!(verify::<H>(message, tiny, bits).is_err());
        }
    }

    #[test]
    fn every_check_of_emsa_pss_verify() {
        check::<Sha256>();
        check::<Sha384>();
        check::<Sha512>();
    }
}
