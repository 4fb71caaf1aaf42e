//! The RSA public operation `s^e mod n` on fixed-width arrays of words.
//!
//! Montgomery arithmetic in the "separated operand scanning" form: a
//! schoolbook product (or a squaring that computes each cross product once)
//! into a double-width buffer, then a Montgomery reduction of it, one row of
//! multiply-accumulates per limb, two rows per pass over the buffer. Every inner step is one `a * b + c + d`
//! on words, which Armv7-M does in a single `UMAAL` instruction.
//!
//! The word is the target's: 64 bits on 64-bit targets, 32 bits on every
//! other one (Cortex-M, RISC-V 32). `crypto-bigint` picks 64-bit words on
//! Armv7 unless built with `--cfg cpubits="32"`, which costs a Cortex-M4
//! about a third more instructions per RS256 verify: each 64-bit product is
//! then four `UMULL`/`UMLAL` with carries. So the crate keeps its own words,
//! and a firmware author sets nothing. The rows are unrolled four words at a
//! time, which lets LLVM keep the running carry in a register and load and
//! store words in pairs (`LDRD`/`STRD`, `LDM`/`STM`).
//!
//! No Karatsuba, no division (the Montgomery constants are computed with
//! shifts and squarings). The only state is the modulus and two constants;
//! intermediate values are bare words on the stack.
//!
//! Everything here handles public values only (the modulus, the exponent and
//! a signature), so timing may depend on them: the final subtraction of each
//! multiplication and the exponent's bit pattern are branches.

/// A word of the arithmetic: the target's register width, 32 or 64 bits.
#[cfg(target_pointer_width = "64")]
pub(crate) type Word = u64;
/// Twice a [`Word`], for products.
#[cfg(target_pointer_width = "64")]
type WideWord = u128;
/// A word of the arithmetic: the target's register width, 32 or 64 bits.
#[cfg(not(target_pointer_width = "64"))]
pub(crate) type Word = u32;
/// Twice a [`Word`], for products.
#[cfg(not(target_pointer_width = "64"))]
type WideWord = u64;

/// The bytes of a [`Word`].
pub(crate) const WORD_BYTES: usize = Word::BITS as usize / 8;

/// A number of `LIMBS` words, least significant first.
pub(crate) type Nat<const LIMBS: usize> = [Word; LIMBS];

/// The words of a `bits`-bit number (`bits` a multiple of 64).
pub(crate) const fn limbs(bits: usize) -> usize {
    bits / Word::BITS as usize
}

/// A double-width product, as two halves of `LIMBS` words.
type Wide<const LIMBS: usize> = [[Word; LIMBS]; 2];

/// An odd RSA modulus with what Montgomery multiplication needs, computed once.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Modulus<const LIMBS: usize> {
    /// The modulus `n` (odd, above 1).
    n: Nat<LIMBS>,
    /// `R^2 mod n` with `R = 2^(LIMBS * Word::BITS)`: turns `x` into `x * R mod n`.
    r2: Nat<LIMBS>,
    /// `-n^-1 mod 2^Word::BITS`.
    n0: Word,
}

impl<const LIMBS: usize> Modulus<LIMBS> {
    /// Precomputes the Montgomery constants of `n`, or `None` if `n` is even
    /// or 1.
    pub(crate) fn new(n: Nat<LIMBS>) -> Option<Self> {
        let low = *n.first()?;
        if low & 1 == 0 || bit_width(&n) < 2 {
            return None;
        }
        let mut modulus = Self {
            n,
            r2: [0; LIMBS],
            n0: neg_inverse(low),
        };
        modulus.r2 = modulus.compute_r2();
        Some(modulus)
    }

    /// The modulus.
    pub(crate) const fn get(&self) -> &Nat<LIMBS> {
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
    pub(crate) fn pow_odd(&self, s: &Nat<LIMBS>, e: u32) -> Nat<LIMBS> {
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
    fn mul(&self, a: &Nat<LIMBS>, b: &Nat<LIMBS>) -> Nat<LIMBS> {
        let mut t = [[0; LIMBS]; 2];
        let out = t.as_flattened_mut();
        for (i, &a) in a.iter().enumerate() {
            let row = out.get_mut(i..).unwrap_or_default();
            // `row[LIMBS]` is still zero: earlier rows end just below it.
            let carry = mul_add_row(row, a, b);
            if let Some(word) = row.get_mut(LIMBS) {
                *word = carry;
            }
        }
        self.reduce(&mut t)
    }

    /// `a^2 * R^-1 mod n`, for `a < n`: each cross product `a[i] * a[j]`
    /// is computed once and doubled, then the squares `a[i]^2` are added.
    fn square(&self, a: &Nat<LIMBS>) -> Nat<LIMBS> {
        let mut t = [[0; LIMBS]; 2];
        let out = t.as_flattened_mut();
        let (quads, []) = a.as_chunks::<4>() else {
            // Widths that are not a multiple of 4 words (only the unit
            // tests' small ones): row by row.
            for (i, &a_i) in a.iter().enumerate() {
                let higher = a.get(i + 1..).unwrap_or_default();
                let row = out.get_mut(2 * i + 1..).unwrap_or_default();
                // `row[higher.len()]` (word `i + LIMBS`) is still zero.
                let carry = mul_add_row(row, a_i, higher);
                if let Some(word) = row.get_mut(higher.len()) {
                    *word = carry;
                }
            }
            double_and_add_squares(out, a);
            return self.reduce(&mut t);
        };
        // Row `i = 4q + k` is `a[i]` times the 3 - k words after it in its
        // own quad, then times the quads above, so the long part of every
        // row is whole quads.
        for (q, quad) in quads.iter().enumerate() {
            let higher = quads.get(q + 1..).unwrap_or_default();
            for (k, &a_i) in quad.iter().enumerate() {
                let head = quad.get(k + 1..).unwrap_or_default();
                let row = out.get_mut(2 * (4 * q + k) + 1..).unwrap_or_default();
                square_row(row, a_i, head, higher);
            }
        }
        double_and_add_squares(out, a);
        self.reduce(&mut t)
    }

    /// Montgomery reduction: `t * R^-1 mod n`, for `t < n * R` (any product
    /// of two values below `n`). HAC algorithm 14.32, with the carry out of
    /// each row kept in `top` for the next one.
    fn reduce(&self, t: &mut Wide<LIMBS>) -> Nat<LIMBS> {
        let words = t.as_flattened_mut();
        let mut top: Word = 0;
        // Two rows per pass: each word of `t` loaded and stored once for
        // both, the two carry chains interleaved.
        let mut row = 0;
        while row + 2 <= LIMBS {
            if let Some(window) = words.get_mut(row..row + LIMBS + 2) {
                top = reduce_two_rows(window, &self.n, self.n0, top);
            }
            row += 2;
        }
        for row in row..LIMBS {
            let window = words.get_mut(row..).unwrap_or_default();
            // `m` makes the row's first word zero: the row divides by `2^w`.
            let m = window.first().map_or(0, |w| w.wrapping_mul(self.n0));
            let carry = mul_add_row(window, m, &self.n);
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
        if top != 0 || !less_than(high, &self.n) {
            subtract_in_place(high, &self.n);
        }
        *high
    }

    /// `R^2 mod n` without division: `2^(b + 1) R mod n` by doubling, for
    /// the odd part `b` of `w = LIMBS * Word::BITS = b * 2^k`, then `k`
    /// Montgomery squarings, each of which doubles the exponent:
    /// `mont(2^a R, 2^a R) = 2^2a R`, up to `2^w R = R^2`.
    fn compute_r2(&self) -> Nat<LIMBS> {
        let width = LIMBS as u32 * Word::BITS;
        let squarings = width.trailing_zeros();
        let odd_part = width >> squarings;
        // Start below `n` at its top bit, then double up to `2^(w + b)`.
        let top = bit_width(&self.n).saturating_sub(1);
        let mut x = [0; LIMBS];
        if let Some(word) = x.get_mut((top / Word::BITS) as usize) {
            *word = 1 << (top % Word::BITS);
        }
        for _ in top..width + odd_part {
            self.double(&mut x);
        }
        for _ in 0..squarings {
            x = self.square(&x);
        }
        x
    }

    /// `x = 2x mod n`, for `x < n`.
    fn double(&self, x: &mut Nat<LIMBS>) {
        let mut shifted_out = 0;
        for word in x.iter_mut() {
            let next = *word >> (Word::BITS - 1);
            *word = (*word << 1) | shifted_out;
            shifted_out = next;
        }
        if shifted_out != 0 || !less_than(x, &self.n) {
            subtract_in_place(x, &self.n);
        }
    }
}

/// The bit length of `x` (0 for zero).
pub(crate) fn bit_width(x: &[Word]) -> u32 {
    match x.iter().rposition(|&word| word != 0) {
        Some(i) => (i as u32 + 1) * Word::BITS - x.get(i).map_or(0, |w| w.leading_zeros()),
        None => 0,
    }
}

/// Whether `a < b` (same lengths), comparing from the most significant word.
pub(crate) fn less_than(a: &[Word], b: &[Word]) -> bool {
    for (a, b) in a.iter().zip(b).rev() {
        if a != b {
            return a < b;
        }
    }
    false
}

/// `a -= b` modulo `2^(w * len)`.
fn subtract_in_place(a: &mut [Word], b: &[Word]) {
    let mut borrow = false;
    for (a, &b) in a.iter_mut().zip(b) {
        let (diff, borrow_1) = a.overflowing_sub(b);
        let (diff, borrow_2) = diff.overflowing_sub(Word::from(borrow));
        *a = diff;
        borrow = borrow_1 | borrow_2;
    }
}

/// Adds `a * b` to the words of `acc` (as many as `b` has; `acc` has at
/// least as many) and returns the carry out of the last one.
///
/// Four words per step: the measured win on both targets (Cortex-M4: 5.25
/// instructions per product instead of 7; x86-64: about 10 % less time).
#[inline(always)]
fn mul_add_row(acc: &mut [Word], a: Word, b: &[Word]) -> Word {
    let acc = acc.get_mut(..b.len()).unwrap_or_default();
    let (acc_quads, acc_rest) = acc.as_chunks_mut::<4>();
    let (b_quads, b_rest) = b.as_chunks::<4>();
    let mut carry = 0;
    for (w, x) in acc_quads.iter_mut().zip(b_quads) {
        (w[0], carry) = mul_add(a, x[0], w[0], carry);
        (w[1], carry) = mul_add(a, x[1], w[1], carry);
        (w[2], carry) = mul_add(a, x[2], w[2], carry);
        (w[3], carry) = mul_add(a, x[3], w[3], carry);
    }
    for (w, &x) in acc_rest.iter_mut().zip(b_rest) {
        (*w, carry) = mul_add(a, x, *w, carry);
    }
    carry
}

/// Two rows of the Montgomery reduction at once, on `w` (`LIMBS + 2`
/// words from the first row's): `m0` zeroes `w[0]` with `m0 * n` added at
/// `w[0..]`, then `m1` zeroes `w[1]` with `m1 * n` added at `w[1..]`, each
/// row's carry out added into the word after it with the incoming `top`;
/// returns the new `top`. The second row's product with `n[j - 1]` lands in
/// the word the first row's product with `n[j]` just wrote, so both are
/// added before the word is stored.
#[inline(always)]
fn reduce_two_rows<const LIMBS: usize>(
    w: &mut [Word],
    n: &Nat<LIMBS>,
    n0: Word,
    top: Word,
) -> Word {
    let (Some(&w0), Some(&w1), Some(&n_0), Some(&n_1)) = (w.first(), w.get(1), n.first(), n.get(1))
    else {
        return top;
    };
    let m0 = w0.wrapping_mul(n0);
    let (_, c0) = mul_add(m0, n_0, w0, 0);
    let (w1, mut c0) = mul_add(m0, n_1, w1, c0);
    let m1 = w1.wrapping_mul(n0);
    let (_, mut c1) = mul_add(m1, n_0, w1, 0);
    let (body, ends) = w.split_at_mut_checked(LIMBS).unwrap_or_default();
    // Words 2 .. LIMBS: the first row's `n[j]`, the second row's `n[j - 1]`;
    // words 2 and 3 alone, then quads (whole ones when 4 divides LIMBS).
    let mut previous = n_1;
    let mut step = |word: &mut Word, n_j: Word| {
        let (x, carry) = mul_add(m0, n_j, *word, c0);
        c0 = carry;
        let (y, carry) = mul_add(m1, previous, x, c1);
        c1 = carry;
        *word = y;
        previous = n_j;
    };
    let (words, n_rest) = (
        body.get_mut(2..).unwrap_or_default(),
        n.get(2..).unwrap_or_default(),
    );
    let head = words.len().min(2);
    let (words_head, words) = words.split_at_mut_checked(head).unwrap_or_default();
    let (n_head, n_rest) = n_rest.split_at_checked(head).unwrap_or_default();
    for (word, &n_j) in words_head.iter_mut().zip(n_head) {
        step(word, n_j);
    }
    let (word_quads, word_rest) = words.as_chunks_mut::<4>();
    let (n_quads, n_tail) = n_rest.as_chunks::<4>();
    for (w, x) in word_quads.iter_mut().zip(n_quads) {
        step(&mut w[0], x[0]);
        step(&mut w[1], x[1]);
        step(&mut w[2], x[2]);
        step(&mut w[3], x[3]);
    }
    for (word, &n_j) in word_rest.iter_mut().zip(n_tail) {
        step(word, n_j);
    }
    let [end0, end1] = ends else {
        return top;
    };
    // The first row ends in word LIMBS; the second row's last product
    // (`n[LIMBS - 1]`) lands there too.
    let sum = WideWord::from(*end0) + WideWord::from(c0) + WideWord::from(top);
    let top = (sum >> Word::BITS) as Word;
    let (y, carry) = mul_add(m1, previous, sum as Word, c1);
    *end0 = y;
    let sum = WideWord::from(*end1) + WideWord::from(carry) + WideWord::from(top);
    *end1 = sum as Word;
    (sum >> Word::BITS) as Word
}

/// Adds `a * (head, higher)` (`head` the 0 to 3 words after `a` in its
/// quad, `higher` the quads above) to `row` and writes the carry out into
/// the word after, which is still zero.
///
/// Out of line: in a frame of its own the quad loop keeps everything in
/// registers (on Armv7-M, 4 `UMAAL` in 17 instructions; inlined into the
/// squaring's loops, register pressure made it 24).
#[inline(never)]
fn square_row(row: &mut [Word], a: Word, head: &[Word], higher: &[[Word; 4]]) {
    let (row_head, row_rest) = row.split_at_mut_checked(head.len()).unwrap_or_default();
    let mut carry = 0;
    for (word, &b) in row_head.iter_mut().zip(head) {
        (*word, carry) = mul_add(a, b, *word, carry);
    }
    let (row_quads, row_rest) = row_rest.as_chunks_mut::<4>();
    let mut row_quads = row_quads.iter_mut();
    // `higher` first: when it ends, `zip` takes no quad of the row.
    for (x, w) in higher.iter().zip(&mut row_quads) {
        (w[0], carry) = mul_add(a, x[0], w[0], carry);
        (w[1], carry) = mul_add(a, x[1], w[1], carry);
        (w[2], carry) = mul_add(a, x[2], w[2], carry);
        (w[3], carry) = mul_add(a, x[3], w[3], carry);
    }
    // The word after the row: the next quad's first, or the rest's.
    let next = match row_quads.next() {
        Some(quad) => quad.first_mut(),
        None => row_rest.first_mut(),
    };
    if let Some(word) = next {
        *word = carry;
    }
}

/// Turns the sum of the cross products `t = sum a[i] a[j] 2^w(i+j)`, `i < j`,
/// into the square `2t + sum a[i]^2 2^2wi` (which fits: `2t < a^2`): a
/// one-bit shift of `t`, then each square added at word `2i` with a
/// `mul_add` (one `UMAAL`) and its high word with one addition.
fn double_and_add_squares(t: &mut [Word], a: &[Word]) {
    let mut shifted_out: Word = 0;
    for word in t.iter_mut() {
        let next = *word >> (Word::BITS - 1);
        *word = (*word << 1) | shifted_out;
        shifted_out = next;
    }
    let mut carry: Word = 0;
    for ([low, high], &a) in t.as_chunks_mut::<2>().0.iter_mut().zip(a) {
        let (sum, square_high) = mul_add(a, a, *low, carry);
        *low = sum;
        let (sum, overflow) = high.overflowing_add(square_high);
        *high = sum;
        carry = Word::from(overflow);
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
/// single `UMAAL` instruction.
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

    use super::{Modulus, Nat, Word};

    /// `bytes` as a number of `L` limbs (the low bytes, big-endian).
    fn uint<const L: usize>(bytes: &[u8]) -> Uint<L> {
        let mut buf = [0u8; 512];
        let len = bytes.len().min(L * crypto_bigint::Limb::BYTES);
        buf[512 - len..].copy_from_slice(&bytes[bytes.len() - len..]);
        Uint::from_be_slice(&buf[512 - L * crypto_bigint::Limb::BYTES..])
    }

    /// `x` in the crate's words (the same width as `crypto-bigint`'s on
    /// every host the tests run on: checked below).
    fn nat<const L: usize>(x: &Uint<L>) -> Nat<L> {
        const { assert!(crypto_bigint::Limb::BITS == Word::BITS) };
        let mut out = [0; L];
        for (out, limb) in out.iter_mut().zip(x.as_limbs()) {
            *out = limb.0 as Word;
        }
        out
    }

    /// Checks the constants and `s^e mod n` against `crypto-bigint`'s own
    /// Montgomery arithmetic, for an odd `n > 1`.
    fn check<const L: usize>(n: &[u8], s: &[u8], e: u32) -> Result<(), TestCaseError> {
        let mut n = uint::<L>(n);
        n.as_mut_limbs()[0].0 |= 1;
        prop_assume!(n > Uint::ONE);
        let s = uint::<L>(s).rem_vartime(&NonZero::new(n).unwrap());
        let params = FixedMontyParams::new_vartime(Odd::new(n).unwrap());
        let modulus = Modulus::new(nat(&n)).unwrap();
        prop_assert_eq!(&modulus.r2, &nat(params.r2()));
        prop_assert_eq!(modulus.n0, params.mod_neg_inv().0 as Word);
        let expected = FixedMontyForm::new(&s, &params)
            .pow(&U64::from_u32(e))
            .retrieve();
        prop_assert_eq!(modulus.pow_odd(&nat(&s), e), nat(&expected));
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
        let mut even = [0; L];
        even[0] = 1 << 20;
        assert!(Modulus::new(even).is_none(), "even modulus");
        let mut one = [0; L];
        one[0] = 1;
        assert!(Modulus::new(one).is_none(), "modulus 1");
        assert!(Modulus::new([0; L]).is_none(), "modulus 0");
    }
}
