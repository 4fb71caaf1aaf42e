//! HMAC-SHA-384 and HMAC-SHA-512 (HS384, HS512): SHA-512's word, block and
//! initial states for [`HmacSha2`] (SHA-384 is SHA-512 from another initial
//! state, truncated to 48 bytes). In a file of its own, so that
//! `.ci/firmware`'s link check finds its code only where HS384/512 is used.

use sha2::block_api::compress512;

use super::sha2_hmac::{HmacSha2, Word};

/// HMAC-SHA-384 (`OUT` = 48) or HMAC-SHA-512 (`OUT` = 64).
pub type HmacSha512<const OUT: usize> = HmacSha2<u64, OUT>;

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

impl Word for u64 {
    const BLOCK: usize = 128;
    type Block = [u8; 128];
    fn block() -> [u8; 128] {
        [0; 128]
    }
    fn iv(out: usize) -> [u64; 8] {
        if out == 48 { IV384 } else { IV512 }
    }
    #[inline(always)]
    fn compress<'d>(state: &mut [u64; 8], data: &'d [u8]) -> &'d [u8] {
        let (blocks, rest) = data.as_chunks::<128>();
        // Never called without a block (a tag's outer hash has none):
        // LLVM then compiles the rounds' loop as for the `digest` callers.
        if !blocks.is_empty() {
            compress512(state, blocks);
        }
        rest
    }
    fn write_length(bytes: u64, field: &mut [u8]) {
        field.copy_from_slice(&(u128::from(bytes) * 8).to_be_bytes());
    }
    #[inline(always)]
    fn put(self, out: &mut [u8]) {
        let bytes = self.to_be_bytes();
        if let Some(to) = out.get_mut(..bytes.len()) {
            to.copy_from_slice(&bytes);
        }
    }
}
