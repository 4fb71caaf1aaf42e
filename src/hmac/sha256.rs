//! HMAC-SHA-256 (HS256): SHA-256's word, block and initial state for
//! [`HmacSha2`].

use sha2::block_api::compress256;

use super::sha2_hmac::{HmacSha2, Word};

/// HMAC-SHA-256.
pub type HmacSha256 = HmacSha2<u32, 32>;

/// Initial hash value of SHA-256 (FIPS 180-4 §5.3.3).
const IV256: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

impl Word for u32 {
    const BLOCK: usize = 64;
    type Block = [u8; 64];
    fn block() -> [u8; 64] {
        [0; 64]
    }
    fn iv(_: usize) -> [u32; 8] {
        IV256
    }
    #[inline(always)]
    fn compress<'d>(state: &mut [u32; 8], data: &'d [u8]) -> &'d [u8] {
        let (blocks, rest) = data.as_chunks::<64>();
        // Never called without a block (a tag's outer hash has none):
        // LLVM then compiles the rounds' loop as for the `digest` callers.
        if !blocks.is_empty() {
            compress256(state, blocks);
        }
        rest
    }
    fn write_length(bytes: u64, field: &mut [u8]) {
        field.copy_from_slice(&bytes.wrapping_mul(8).to_be_bytes());
    }
    #[inline(always)]
    fn put(self, out: &mut [u8]) {
        let bytes = self.to_be_bytes();
        if let Some(to) = out.get_mut(..bytes.len()) {
            to.copy_from_slice(&bytes);
        }
    }
}
