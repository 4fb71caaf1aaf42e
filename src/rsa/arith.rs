//! The RSA public operation `s^e mod n` on fixed-width `crypto-bigint` limbs.
//!
//! Montgomery arithmetic in the "separated operand scanning" form: a
//! schoolbook product (or a squaring that computes each cross product once)
//! into a double-width buffer, then a Montgomery reduction of it, one row of
//! multiply-accumulates per limb. Every inner step is one `a * b + c + d`
//! on words, which Armv7-M does in a single `UMAAL` instruction when the
//! words are 32-bit (`crypto-bigint` picks 64-bit words on Armv7 unless
//! built with `--cfg cpubits="32"`); on
//! x86-64 this is as fast as `crypto-bigint`'s own Montgomery multiplier,
//! with a fraction of its code size (no Karatsuba, no division: the
//! Montgomery constants are computed with shifts and squarings). The only
//! state is the modulus and two constants; intermediate values are bare
//! limbs on the stack.
//!
//! Everything here handles public values only (the modulus, the exponent and
//! a signature), so timing may depend on them: the final subtraction of each
//! multiplication and the exponent's bit pattern are branches.

use crypto_bigint::{Limb, Uint, WideWord, Word};

/// A double-width product, as two halves of `LIMBS` words.
type Wide<const LIMBS: usize> = [[Word; LIMBS]; 2];

/// An odd RSA modulus with what Montgomery multiplication needs, computed once.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Modulus<const LIMBS: usize> {
    /// The modulus `n` (odd, above 1).
    n: Uint<LIMBS>,
    /// `R^2 mod n` with `R = 2^(LIMBS * Word::BITS)`: turns `x` into `x * R mod n`.
    r2: Uint<LIMBS>,
    /// `-n^-1 mod 2^Word::BITS`.
    n0: Word,
}

impl<const LIMBS: usize> Modulus<LIMBS> {
    /// Precomputes the Montgomery constants of `n`, or `None` if `n` is even
    /// or 1.
    pub(crate) fn new(n: Uint<LIMBS>) -> Option<Self> {
        let low = n.as_limbs().first()?.0;
        if low & 1 == 0 || n.bit_width_vartime() < 2 {
            return None;
        }
        let mut modulus = Self {
            n,
            r2: Uint::ZERO,
            n0: neg_inverse(low),
        };
        modulus.r2 = modulus.compute_r2();
        Some(modulus)
    }

    /// The modulus.
    pub(crate) const fn get(&self) -> &Uint<LIMBS> {
        &self.n
    }

    /// `s^e mod n`, for `s < n` and an odd `e >= 3`.
    ///
    /// Left-to-right square-and-multiply: `e = 65537` costs 16 squarings and
    /// 2 multiplications (one of them converts `s` into Montgomery form).
    /// The last multiplication takes `s` itself rather than its Montgomery
    /// form, which cancels the final `R^-1` and leaves the plain result.
    ///
    /// Never inlined: its working values then share the stack with what
    /// the caller does before and after (decoding, encoding), which keeps
    /// the peak of an RS256 verify within firmware budgets.
    #[inline(never)]
    pub(crate) fn pow_odd(&self, s: &Uint<LIMBS>, e: u32) -> Uint<LIMBS> {
        let base = self.mul(s, &self.r2); // s * R
        let mut acc = base;
        let top = (u32::BITS - 1).saturating_sub(e.leading_zeros());
        // Bits `top - 1` down to 1; bit 0 is 1 (e is odd) and handled last.
        for bit in (1..top).rev() {
            acc = self.square(&acc);
            if (e >> bit) & 1 == 1 {
                acc = self.mul(&acc, &base);
            }
        }
        // acc = s^(e - 1) * R; times s, Montgomery-reduced, is s^e.
        let acc = self.square(&acc);
        self.mul(&acc, s)
    }

    /// `a * b * R^-1 mod n`, for `a, b < n`.
    fn mul(&self, a: &Uint<LIMBS>, b: &Uint<LIMBS>) -> Uint<LIMBS> {
        let mut t = [[0; LIMBS]; 2];
        let out = t.as_flattened_mut();
        for (i, a) in a.as_limbs().iter().enumerate() {
            let row = out.get_mut(i..).unwrap_or_default();
            // `row[LIMBS]` is still zero: earlier rows end just below it.
            let carry = mul_add_row(row, a.0, b.as_limbs());
            if let Some(word) = row.get_mut(LIMBS) {
                *word = carry;
            }
        }
        self.reduce(&mut t)
    }

    /// `a^2 * R^-1 mod n`, for `a < n`: each cross product `a[i] * a[j]`
    /// is computed once and doubled, then the squares `a[i]^2` are added.
    fn square(&self, a: &Uint<LIMBS>) -> Uint<LIMBS> {
        let mut t = [[0; LIMBS]; 2];
        let out = t.as_flattened_mut();
        let limbs = a.as_limbs();
        for (i, a_i) in limbs.iter().enumerate() {
            let higher = limbs.get(i + 1..).unwrap_or_default();
            let row = out.get_mut(2 * i + 1..).unwrap_or_default();
            // `row[higher.len()]` (word `i + LIMBS`) is still zero.
            let carry = mul_add_row(row, a_i.0, higher);
            if let Some(word) = row.get_mut(higher.len()) {
                *word = carry;
            }
        }
        double_and_add_squares(out, limbs);
        self.reduce(&mut t)
    }

    /// Montgomery reduction: `t * R^-1 mod n`, for `t < n * R` (any product
    /// of two values below `n`). HAC algorithm 14.32, with the carry out of
    /// each row kept in `top` for the next one.
    fn reduce(&self, t: &mut Wide<LIMBS>) -> Uint<LIMBS> {
        let words = t.as_flattened_mut();
        let mut top: Word = 0;
        for row in 0..LIMBS {
            let window = words.get_mut(row..).unwrap_or_default();
            // `m` makes the row's first word zero: the row divides by `2^w`.
            let m = window.first().map_or(0, |w| w.wrapping_mul(self.n0));
            let carry = mul_add_row(window, m, self.n.as_limbs());
            if let Some(word) = window.get_mut(LIMBS) {
                let sum = WideWord::from(*word) + WideWord::from(carry) + WideWord::from(top);
                *word = sum as Word;
                top = (sum >> Word::BITS) as Word;
            }
        }
        // The value is `high + top * R < 2n`: one conditional subtraction,
        // done in place (a second full-width value would double the frame:
        // these frames are the peak of a verify on firmware stacks).
        let [_, high] = t;
        if top != 0 || !less_than(high, self.n.as_limbs()) {
            subtract_in_place(high, self.n.as_limbs());
        }
        Uint::from_words(*high)
    }

    /// `R^2 mod n` without division: `2^(b + 1) R mod n` by doubling, for
    /// the odd part `b` of `w = LIMBS * Word::BITS = b * 2^k`, then `k`
    /// Montgomery squarings, each of which doubles the exponent:
    /// `mont(2^a R, 2^a R) = 2^2a R`, up to `2^w R = R^2`.
    fn compute_r2(&self) -> Uint<LIMBS> {
        let width = Uint::<LIMBS>::BITS;
        let squarings = width.trailing_zeros();
        let odd_part = width >> squarings;
        // Start below `n` at its top bit, then double up to `2^(w + b)`.
        let top = self.n.bit_width_vartime().saturating_sub(1);
        let mut x = Uint::<LIMBS>::ONE.wrapping_shl_vartime(top);
        for _ in top..width + odd_part {
            x = self.double(&x);
        }
        for _ in 0..squarings {
            x = self.square(&x);
        }
        x
    }

    /// `2x mod n`, for `x < n`.
    fn double(&self, x: &Uint<LIMBS>) -> Uint<LIMBS> {
        let overflow = x.bit_width_vartime() == Uint::<LIMBS>::BITS;
        let doubled = x.wrapping_shl_vartime(1);
        if overflow || doubled >= self.n {
            doubled.wrapping_sub(&self.n)
        } else {
            doubled
        }
    }
}

/// Whether `a < b`, comparing from the most significant word.
fn less_than(a: &[Word], b: &[Limb]) -> bool {
    for (a, b) in a.iter().zip(b).rev() {
        if *a != b.0 {
            return *a < b.0;
        }
    }
    false
}

/// `a -= b` modulo `2^(w * len)`.
fn subtract_in_place(a: &mut [Word], b: &[Limb]) {
    let mut borrow = false;
    for (a, b) in a.iter_mut().zip(b) {
        let (diff, borrow_1) = a.overflowing_sub(b.0);
        let (diff, borrow_2) = diff.overflowing_sub(Word::from(borrow));
        *a = diff;
        borrow = borrow_1 | borrow_2;
    }
}

/// Adds `a * b` to the words of `acc` (as many as `b` has) and returns the
/// carry out of the last one.
#[inline(always)]
fn mul_add_row(acc: &mut [Word], a: Word, b: &[Limb]) -> Word {
    let mut carry = 0;
    for (word, b) in acc.iter_mut().zip(b) {
        (*word, carry) = mul_add(a, b.0, *word, carry);
    }
    carry
}

/// Turns the sum of the cross products `t = sum a[i] a[j] 2^w(i+j)`, `i < j`,
/// into the square `2t + sum a[i]^2 2^2wi` (which fits: `2t < a^2`).
fn double_and_add_squares(t: &mut [Word], a: &[Limb]) {
    let mut shifted_out: Word = 0;
    let mut carry = false;
    for (pair, a) in t.chunks_exact_mut(2).zip(a) {
        let [low, high] = pair else {
            continue; // unreachable: `chunks_exact`
        };
        let doubled_low = (*low << 1) | shifted_out;
        let doubled_high = (*high << 1) | (*low >> (Word::BITS - 1));
        shifted_out = *high >> (Word::BITS - 1);
        let doubled = WideWord::from(doubled_low) | (WideWord::from(doubled_high) << Word::BITS);
        let square = WideWord::from(a.0) * WideWord::from(a.0);
        let (sum, overflow_1) = doubled.overflowing_add(square);
        let (sum, overflow_2) = sum.overflowing_add(WideWord::from(carry));
        *low = sum as Word;
        *high = (sum >> Word::BITS) as Word;
        // At most one of them: `doubled + square + 1 < 2^(2w + 1)`.
        carry = overflow_1 | overflow_2;
    }
}

/// `-x^-1 mod 2^w` for an odd `x`, by Newton's iteration: `x` is its own
/// inverse modulo 8 (3 correct bits), and each step doubles the correct bits.
fn neg_inverse(x: Word) -> Word {
    let mut inverse = x;
    for _ in 0..5 {
        // 3 * 2^5 = 96 >= 64 bits.
        inverse = inverse.wrapping_mul((2 as Word).wrapping_sub(x.wrapping_mul(inverse)));
    }
    inverse.wrapping_neg()
}

/// `a * b + c + carry` as (low word, high word); never overflows:
/// `(2^w - 1)^2 + 2 (2^w - 1) = 2^2w - 1`.
///
/// Written as one double-width expression so that Armv7-M compiles it to a
/// single `UMAAL` instruction for 32-bit words.
#[inline(always)]
fn mul_add(a: Word, b: Word, c: Word, carry: Word) -> (Word, Word) {
    let wide = WideWord::from(a) * WideWord::from(b) + WideWord::from(c) + WideWord::from(carry);
    (wide as Word, (wide >> Word::BITS) as Word)
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::vec::Vec;

    use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
    use crypto_bigint::{NonZero, Odd, U64, U2048, Uint};
    use proptest::prelude::*;

    use super::Modulus;

    /// `bytes` as a number of `L` limbs (the low bytes, big-endian).
    fn uint<const L: usize>(bytes: &[u8]) -> Uint<L> {
        let mut buf = [0u8; 512];
        let len = bytes.len().min(L * crypto_bigint::Limb::BYTES);
        buf[512 - len..].copy_from_slice(&bytes[bytes.len() - len..]);
        Uint::from_be_slice(&buf[512 - L * crypto_bigint::Limb::BYTES..])
    }

    /// Checks the constants and `s^e mod n` against `crypto-bigint`'s own
    /// Montgomery arithmetic, for an odd `n > 1`.
    fn check<const L: usize>(n: &[u8], s: &[u8], e: u32) -> Result<(), TestCaseError> {
        let mut n = uint::<L>(n);
        n.as_mut_limbs()[0].0 |= 1;
        prop_assume!(n > Uint::ONE);
        let s = uint::<L>(s).rem_vartime(&NonZero::new(n).unwrap());
        let params = FixedMontyParams::new_vartime(Odd::new(n).unwrap());
        let modulus = Modulus::new(n).unwrap();
        prop_assert_eq!(&modulus.r2, params.r2());
        prop_assert_eq!(modulus.n0, params.mod_neg_inv().0);
        let expected = FixedMontyForm::new(&s, &params)
            .pow(&U64::from_u32(e))
            .retrieve();
        prop_assert_eq!(modulus.pow_odd(&s, e), expected);
        Ok(())
    }

    fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(any::<u8>(), 1..=max)
    }

    fn odd_exponent() -> impl Strategy<Value = u32> {
        prop_oneof![Just(3u32), Just(65_537), (1u32..).prop_map(|e| e | 1)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn matches_crypto_bigint_2048(n in bytes(256), s in bytes(256), e in odd_exponent()) {
            check::<{ U2048::LIMBS }>(&n, &s, e)?;
        }

        #[test]
        fn matches_crypto_bigint_small_widths(n in bytes(40), s in bytes(40), e in odd_exponent()) {
            // Odd limb counts, and the one-limb case.
            check::<1>(&n, &s, e)?;
            check::<2>(&n, &s, e)?;
            check::<3>(&n, &s, e)?;
            check::<5>(&n, &s, e)?;
        }
    }

    #[test]
    fn edge_values() {
        const L: usize = U2048::LIMBS;
        let ones = [0xFFu8; 256];
        let mut small = [0u8; 256];
        small[255] = 3;
        let mut half = [0u8; 256];
        half[128] = 1; // 2^1016 + 1 after the low bit is set: far below R
        for n in [&ones, &small, &half] {
            for s in [&[0u8][..], &[1], &ones[..255], &ones] {
                for e in [3, 5, 7, 65_537, u32::MAX] {
                    check::<L>(n, s, e).unwrap();
                }
            }
        }
        let even = Uint::<L>::from_u64(1 << 40);
        assert!(Modulus::new(even).is_none(), "even modulus");
        assert!(Modulus::new(Uint::<L>::ONE).is_none(), "modulus 1");
        assert!(Modulus::new(Uint::<L>::ZERO).is_none(), "modulus 0");
    }
}
