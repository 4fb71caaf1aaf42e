//! HMAC on SHA-256, SHA-384 and SHA-512 (RFC 2104; FIPS 180-4 §5.1, §6.2,
//! §6.4), written on `sha2`'s compression functions alone.
//!
//! The generic `hmac`/`digest` layers (block buffers, the core wrappers,
//! their monomorphic copies per block size) cost a Cortex-M4 image about
//! 1.2 KiB more than this file for SHA-384 and SHA-512 (issue 12), and an
//! HS256 image 964 bytes more (issue 16). The word-specific parts are in
//! `sha256.rs` and `sha512.rs`. A key keeps the two keyed states (`inner`, `outer`: the
//! state after the key block XOR `ipad` / `opad`), and a tag is the
//! compression over the message from `inner`, its padding, then one outer
//! block. SHA-384 is SHA-512 from another initial state, truncated to 48
//! bytes.

use zeroize::{DefaultIsZeroes, Zeroize};

use super::{Wipe, Wiped};

/// A SHA-2 word: `u32` (SHA-256, 64-byte blocks) or `u64` (SHA-384/512,
/// 128-byte blocks), with what the HMAC needs of its hash.
pub trait Word: Copy + DefaultIsZeroes {
    /// Block size in bytes.
    const BLOCK: usize;
    /// A block's bytes: `[u8; BLOCK]`.
    type Block: AsMut<[u8]> + Wipe;
    /// A block of zeros.
    fn block() -> Self::Block;
    /// The initial state of the hash whose tags are `out` bytes long.
    fn iv(out: usize) -> [Self; 8];
    /// Compresses the whole blocks of `data` into `state`, in one call;
    /// returns the bytes after them.
    fn compress<'d>(state: &mut [Self; 8], data: &'d [u8]) -> &'d [u8];
    /// The padding's length field for `bytes` bytes hashed: the length in
    /// bits, big-endian, as wide as two words (FIPS 180-4 §5.1).
    fn write_length(bytes: u64, field: &mut [u8]);
    /// Writes the word big-endian to the start of `out` (nothing if it is
    /// shorter: tags are whole words).
    fn put(self, out: &mut [u8]);
}

/// HMAC on the SHA-2 hash of word `W` with `OUT`-byte tags (SHA-256: `u32`,
/// 32; SHA-384: `u64`, 48; SHA-512: `u64`, 64), keyed: the two states after
/// the padded key block, wiped on drop.
#[derive(Clone)]
pub struct HmacSha2<W: Word, const OUT: usize> {
    inner: [W; 8],
    outer: [W; 8],
}

impl<W: Word, const OUT: usize> HmacSha2<W, OUT> {
    /// Keys the MAC with `secret` of any length (longer than a block, it is
    /// hashed first: RFC 2104 §2).
    pub(crate) fn new(secret: &[u8]) -> Self {
        let iv = W::iv(OUT);
        let mut buf = Wiped(W::block());
        let block = buf.0.as_mut();
        if secret.len() > W::BLOCK {
            finish(&iv, 0, secret, block.get_mut(..OUT).unwrap_or_default());
        } else {
            for (to, &from) in block.iter_mut().zip(secret) {
                *to = from;
            }
        }
        // The two keyed states, the block XORed in place: with `ipad`, then
        // with `ipad ^ opad`.
        let mut key = Self {
            inner: iv,
            outer: iv,
        };
        xor(block, 0x36);
        W::compress(&mut key.inner, block);
        xor(block, 0x36 ^ 0x5c);
        W::compress(&mut key.outer, block);
        key
    }

    /// Whether `tag` is the MAC of `message`, compared in constant time (a
    /// tag of another length is not).
    pub(crate) fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        // The inner hash, then the tag: one buffer (a block holds two of
        // the longest), wiped on drop.
        let mut bytes = Wiped(W::block());
        let (inner, outer) = bytes.0.as_mut().split_at_mut(W::BLOCK / 2);
        let inner = inner.get_mut(..OUT).unwrap_or_default();
        let outer = outer.get_mut(..OUT).unwrap_or_default();
        finish(&self.inner, W::BLOCK, message, inner);
        finish(&self.outer, W::BLOCK, inner, outer);
        super::tags_equal(outer, tag)
    }
}

impl<W: Word, const OUT: usize> Drop for HmacSha2<W, OUT> {
    fn drop(&mut self) {
        self.inner.wipe();
        self.outer.wipe();
    }
}

/// XORs every byte of `block` with `pad`.
fn xor(block: &mut [u8], pad: u8) {
    for byte in block {
        *byte ^= pad;
    }
}

/// The compression of `data` and of the final padding (FIPS 180-4 §5.1),
/// from `state` after `absorbed` bytes; the hash value's first `out.len()`
/// bytes (big-endian words) go to `out`.
fn finish<W: Word>(state: &[W; 8], absorbed: usize, data: &[u8], out: &mut [u8]) {
    let mut state = Wiped(*state);
    let rest = W::compress(&mut state.0, data);
    // The rest, `0x80`, zeros, and the length in bits (two words,
    // big-endian): in one block, or in a second when the rest leaves no
    // room for the length and the `0x80`.
    let mut block = W::block();
    let last = block.as_mut();
    let (head, tail) = last.split_at_mut(rest.len().min(W::BLOCK - 1));
    // A byte loop, not `copy_from_slice`: the only `memcpy` an HS256
    // image would link (338 bytes of flash on Cortex-M), for at most a
    // block's bytes.
    for (to, from) in head.iter_mut().zip(rest) {
        *to = *from;
    }
    if let Some(end) = tail.first_mut() {
        *end = 0x80;
    }
    let field = W::BLOCK / 8; // two words: 8 or 16 bytes
    if rest.len() >= W::BLOCK - field {
        W::compress(&mut state.0, last);
        last.fill(0);
    }
    if let Some(length) = last.get_mut(W::BLOCK - field..) {
        W::write_length((absorbed + data.len()) as u64, length);
    }
    W::compress(&mut state.0, last);
    // Only the data's bytes can be secret (an inner hash, a long key).
    last.get_mut(..rest.len()).unwrap_or_default().zeroize();
    let width = W::BLOCK / 16; // a word's bytes
    for (chunk, &word) in out.chunks_mut(width).zip(state.0.iter()) {
        word.put(chunk);
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
        fn check<W: Word, const OUT: usize, D>()
        where
            D: hmac::EagerHash,
        {
            let data: [u8; 400] = core::array::from_fn(|i| (i * 7 + 3) as u8);
            for key_len in [0, 1, 32, 48, 63, 64, 65, 127, 128, 129, 200, 300] {
                let key = &data[..key_len];
                let ours = HmacSha2::<W, OUT>::new(key);
                // Every length to past two 128-byte blocks: each padding
                // boundary (55/56 and 64 bytes for SHA-256, 111/112 and 128
                // for SHA-512) in the first and second block.
                for len in 0..=300 {
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
        check::<u32, 32, sha2::Sha256>();
        check::<u64, 48, sha2::Sha384>();
        check::<u64, 64, sha2::Sha512>();
    }
}
