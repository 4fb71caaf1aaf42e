//! HMAC on SHA-384 and SHA-512 (RFC 2104; FIPS 180-4 §5.1.2, §6.4), written
//! on `sha2`'s compression function alone.
//!
//! The generic `hmac`/`digest` layers (block buffers, the core wrappers,
//! their monomorphic copies for a 128-byte block) cost a Cortex-M4 image
//! about 1.2 KiB more than this file for the same two hashes: an HS512 key
//! keeps the two keyed states (`inner`, `outer`: the state after the key
//! block XOR `ipad` / `opad`), and a tag is the compression over the message
//! from `inner`, its padding, then one outer block. SHA-384 is SHA-512 from
//! another initial state, truncated to 48 bytes.

use sha2::block_api::compress512;
use zeroize::{Zeroize, Zeroizing};

/// SHA-384/512's block, in bytes.
const BLOCK: usize = 128;

/// Initial hash value of SHA-384 (FIPS 180-4 §5.3.4).
const IV384: [u64; 8] = [
    0xcbbb_9d5d_c105_9ed8,
    0x629a_292a_367c_d507,
    0x9159_015a_3070_dd17,
    0x152f_ecd8_f70e_5939,
    0x6733_2667_ffc0_0b31,
    0x8eb4_4a87_6858_1511,
    0xdb0c_2e0d_64f9_8fa7,
    0x47b5_481d_befa_4fa4,
];

/// Initial hash value of SHA-512 (FIPS 180-4 §5.3.5).
const IV512: [u64; 8] = [
    0x6a09_e667_f3bc_c908,
    0xbb67_ae85_84ca_a73b,
    0x3c6e_f372_fe94_f82b,
    0xa54f_f53a_5f1d_36f1,
    0x510e_527f_ade6_82d1,
    0x9b05_688c_2b3e_6c1f,
    0x1f83_d9ab_fb41_bd6b,
    0x5be0_cd19_137e_2179,
];

/// HMAC-SHA-384 (`OUT` = 48) or HMAC-SHA-512 (`OUT` = 64), keyed: the two
/// states after the padded key block, wiped on drop.
#[derive(Clone)]
pub struct HmacSha512<const OUT: usize> {
    inner: [u64; 8],
    outer: [u64; 8],
}

impl<const OUT: usize> HmacSha512<OUT> {
    /// The hash's initial state: SHA-384's for 48-byte tags, else SHA-512's.
    const IV: [u64; 8] = if OUT == 48 { IV384 } else { IV512 };

    /// Keys the MAC with `secret` of any length (longer than a block, it is
    /// hashed first: RFC 2104 §2).
    pub(crate) fn new(secret: &[u8]) -> Self {
        let mut block = Zeroizing::new([0u8; BLOCK]);
        if secret.len() > BLOCK {
            finish(
                &Self::IV,
                0,
                secret,
                block.get_mut(..OUT).unwrap_or_default(),
            );
        } else {
            for (to, &from) in block.iter_mut().zip(secret) {
                *to = from;
            }
        }
        // The two keyed states, the block XORed in place: with `ipad`, then
        // with `ipad ^ opad`.
        let mut key = Self {
            inner: Self::IV,
            outer: Self::IV,
        };
        xor(&mut block, 0x36);
        compress512(&mut key.inner, core::slice::from_ref(&*block));
        xor(&mut block, 0x36 ^ 0x5c);
        compress512(&mut key.outer, core::slice::from_ref(&*block));
        key
    }

    /// Whether `tag` is the MAC of `message`, compared in constant time (a
    /// tag of another length is not).
    pub(crate) fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        // The inner hash, then the tag: one buffer, wiped on drop.
        let mut bytes = Zeroizing::new([0u8; 128]);
        let (inner, outer) = bytes.split_at_mut(64);
        let inner = inner.get_mut(..OUT).unwrap_or_default();
        let outer = outer.get_mut(..OUT).unwrap_or_default();
        finish(&self.inner, BLOCK, message, inner);
        finish(&self.outer, BLOCK, inner, outer);
        super::tags_equal(outer, tag)
    }
}

impl<const OUT: usize> Drop for HmacSha512<OUT> {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

/// XORs every byte of `block` with `pad`.
fn xor(block: &mut [u8; BLOCK], pad: u8) {
    for byte in block {
        *byte ^= pad;
    }
}

/// SHA-512's compression of `data` and of the final padding (FIPS 180-4
/// §5.1.2), from `state` after `absorbed` bytes; the hash value's first
/// `out.len()` bytes (big-endian words) go to `out`.
fn finish(state: &[u64; 8], absorbed: usize, data: &[u8], out: &mut [u8]) {
    let mut state = Zeroizing::new(*state);
    let (blocks, rest) = data.as_chunks::<BLOCK>();
    compress512(&mut state, blocks);
    // The rest, `0x80`, zeros, and the length in bits as 128 bits
    // big-endian: in one block, or in a second when the rest leaves no room
    // for the 17 bytes.
    let mut last = Zeroizing::new([0u8; BLOCK]);
    for (to, &from) in last.iter_mut().zip(rest) {
        *to = from;
    }
    if let Some(end) = last.get_mut(rest.len()) {
        *end = 0x80;
    }
    if rest.len() >= BLOCK - 16 {
        compress512(&mut state, core::slice::from_ref(&*last));
        last.zeroize();
    }
    let bits = (absorbed as u128 + data.len() as u128) * 8;
    if let Some(length) = last.get_mut(BLOCK - 16..) {
        length.copy_from_slice(&bits.to_be_bytes());
    }
    compress512(&mut state, core::slice::from_ref(&*last));
    for (chunk, word) in out.chunks_mut(8).zip(state.iter()) {
        for (to, from) in chunk.iter_mut().zip(word.to_be_bytes()) {
            *to = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, KeyInit, Mac};

    /// Against the `hmac` crate, at every message length around the padding
    /// boundaries (one block, two blocks) and keys shorter than, equal to
    /// and longer than a block.
    #[test]
    fn agrees_with_the_hmac_crate_at_every_boundary() {
        fn check<const OUT: usize, D>()
        where
            D: hmac::EagerHash,
        {
            let data: [u8; 400] = core::array::from_fn(|i| (i * 7 + 3) as u8);
            for key_len in [0, 1, 48, 64, 127, 128, 129, 200, 300] {
                let key = &data[..key_len];
                let ours = HmacSha512::<OUT>::new(key);
                for len in (0..=300).filter(|l| l % 128 < 20 || l % 128 > 100 || l % 37 == 0) {
                    let message = &data[50..50 + len];
                    let mut mac = <Hmac<D> as KeyInit>::new_from_slice(key).unwrap();
                    mac.update(message);
                    let tag = mac.finalize().into_bytes();
                    assert_eq!(tag.len(), OUT);
                    assert!(ours.verify(message, &tag), "key {key_len}, message {len}");
                    let mut wrong = [0u8; 64];
                    wrong[..OUT].copy_from_slice(&tag);
                    wrong[len % OUT] ^= 1 << (len % 8);
                    assert!(!ours.verify(message, &wrong[..OUT]));
                    assert!(!ours.verify(message, &tag[..OUT - 1]));
                }
            }
        }
        check::<48, sha2::Sha384>();
        check::<64, sha2::Sha512>();
    }
}
