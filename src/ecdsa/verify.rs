//! ECDSA verification with a low peak stack, on the public API of
//! RustCrypto's curve crates (elliptic-curve 0.14).
//!
//! The semantics are exactly those of `ecdsa` 0.17's `VerifyingKey::verify`
//! (`hazmat::verify_prehashed`, `NORMALIZE_S = false`) where the digest is as
//! long as the field (P-256 with SHA-256, P-384 with SHA-384):
//! - the signature is exactly `r ‖ s`, each big-endian and the field's
//!   length, `r` and `s` in `[1, n)`; high-S is accepted;
//! - `z` is the digest as a big-endian integer reduced mod `n`;
//! - `w = s⁻¹`, `u1 = z·w`, `u2 = r·w`, `R = u1·G + u2·Q`;
//! - reject `R` = identity; accept iff `x(R) mod n == r`.
//!
//! Only the multiplication differs from the upstream path: upstream uses
//! wNAF at window 5, two 16-point tables and two digit arrays inlined into
//! one frame (P-256: 5.8 KiB of stack on Cortex-M4, P-384: 8.3 KiB). Here
//! `u1·G + u2·Q` is one interleaved (Straus) pass at window 4, with two
//! 4-point tables and both scalars' digits packed into one byte per bit
//! position, and parsing, hashing and inversion, the multiplication, and the
//! final comparison each run in their own frame, results passed through
//! `&mut` (P-256: 2.7 KiB, P-384: 3.9 KiB; about 3-4 % more instructions).
//! `tests/` compares it with the upstream `verify` and runs Wycheproof.
//! Variable time: every input is public.

use elliptic_curve::{
    AffinePoint, CurveArithmetic, FieldBytes, FieldBytesSize, ProjectivePoint, Scalar,
    array::typenum::Unsigned,
    ff::{Field, PrimeField},
    group::{Curve as _, Group},
    ops::{Invert, Reduce},
    point::AffineCoordinates,
};
use sha2::{Digest, digest::OutputSizeUser};
use wnaf::{WnafSize, array::Array};

/// wNAF window width (2 ≤ W ≤ 4: both digits of a position are packed in one byte).
const W: usize = 4;
/// Precomputed odd multiples per base: P, 3P, …, (2^(W-1) - 1)P.
const T: usize = 1 << (W - 2);

/// One wNAF digit per bit position (plus one for the final carry), both scalars packed:
/// low nibble = digit of u1 (for G), high nibble = digit of u2 (for Q), 4-bit two's complement.
type Digits<C> = Array<u8, <Scalar<C> as WnafSize>::StorageSize>;

/// Verifies an ECDSA signature (`r ‖ s`, JOSE/P1363 encoding) over `message`.
///
/// `key` must be the signer's public key (an `AffinePoint` that is not the identity;
/// the identity is rejected). `D` is the hash (SHA-256 for P-256, SHA-384 for P-384);
/// its output size must equal the curve's field size.
pub(crate) fn verify<C, D>(key: &AffinePoint<C>, message: &[u8], signature: &[u8]) -> bool
where
    C: CurveArithmetic,
    Scalar<C>: WnafSize,
    D: Digest + OutputSizeUser<OutputSize = FieldBytesSize<C>>,
{
    verify_inner::<C, D>(key, message, signature).unwrap_or(false)
}

#[inline(never)]
fn verify_inner<C, D>(key: &AffinePoint<C>, message: &[u8], signature: &[u8]) -> Option<bool>
where
    C: CurveArithmetic,
    Scalar<C>: WnafSize,
    D: Digest + OutputSizeUser<OutputSize = FieldBytesSize<C>>,
{
    // Out-parameters instead of return values: avoids copies of points/scalars in this frame.
    let mut k = [Scalar::<C>::ZERO; 3];
    prepare::<C, D>(key, message, signature, &mut k)?;
    let [u1, u2, r] = &k;
    let mut sum = ProjectivePoint::<C>::identity();
    mul_add::<C>(u1, u2, key, &mut sum)?;
    Some(x_matches::<C>(&sum, r))
}

/// Checks the key and the signature encoding; writes [u1, u2, r] to `out`.
#[inline(never)]
fn prepare<C, D>(
    key: &AffinePoint<C>,
    message: &[u8],
    signature: &[u8],
    out: &mut [Scalar<C>; 3],
) -> Option<()>
where
    C: CurveArithmetic,
    D: Digest + OutputSizeUser<OutputSize = FieldBytesSize<C>>,
{
    if bool::from(ProjectivePoint::<C>::from(*key).is_identity()) {
        return None;
    }
    let (r, s) = parse_signature::<C>(signature)?;
    let z = hash_to_scalar::<C, D>(message);
    let w: Scalar<C> = Option::from(Invert::invert_vartime(&s))?;
    *out = [z * w, r * w, r];
    Some(())
}

/// `r ‖ s` → (r, s), each in [1, n-1]; exactly 2 × `FieldBytesSize` bytes.
#[inline(never)]
fn parse_signature<C: CurveArithmetic>(signature: &[u8]) -> Option<(Scalar<C>, Scalar<C>)> {
    let n = FieldBytesSize::<C>::USIZE;
    if signature.len() != 2 * n {
        return None;
    }
    let (r, s) = signature.split_at_checked(n)?;
    Some((scalar_from_be::<C>(r)?, scalar_from_be::<C>(s)?))
}

fn scalar_from_be<C: CurveArithmetic>(bytes: &[u8]) -> Option<Scalar<C>> {
    let repr = FieldBytes::<C>::try_from(bytes).ok()?;
    let k: Scalar<C> = Option::from(Scalar::<C>::from_repr(repr))?;
    if bool::from(k.is_zero()) {
        return None;
    }
    Some(k)
}

/// z = H(message) as a big-endian integer mod n (digest length == field length, so
/// ecdsa's `bits2field` neither truncates nor pads).
#[inline(never)]
fn hash_to_scalar<C, D>(message: &[u8]) -> Scalar<C>
where
    C: CurveArithmetic,
    D: Digest + OutputSizeUser<OutputSize = FieldBytesSize<C>>,
{
    let digest: FieldBytes<C> = D::digest(message);
    <Scalar<C> as Reduce<FieldBytes<C>>>::reduce(&digest)
}

/// `P` is not the identity and x(P) mod n == r.
#[inline(never)]
fn x_matches<C: CurveArithmetic>(p: &ProjectivePoint<C>, r: &Scalar<C>) -> bool {
    if bool::from(p.is_identity()) {
        return false;
    }
    let x = p.to_affine().x();
    <Scalar<C> as Reduce<FieldBytes<C>>>::reduce(&x) == *r
}

/// acc = u1·G + u2·Q by interleaved (Straus) wNAF, variable time (`acc` must be the identity).
#[inline(never)]
fn mul_add<C>(
    u1: &Scalar<C>,
    u2: &Scalar<C>,
    q: &AffinePoint<C>,
    acc: &mut ProjectivePoint<C>,
) -> Option<()>
where
    C: CurveArithmetic,
    Scalar<C>: WnafSize,
{
    let mut digits = Digits::<C>::default();
    recode::<C>(&mut digits, u1, 0);
    recode::<C>(&mut digits, u2, 4);
    let mut g_table = [ProjectivePoint::<C>::identity(); T];
    let mut q_table = [ProjectivePoint::<C>::identity(); T];
    odd_multiples::<C>(&mut g_table, &ProjectivePoint::<C>::generator());
    odd_multiples::<C>(&mut q_table, &ProjectivePoint::<C>::from(*q));

    let mut started = false;
    for &packed in digits.iter().rev() {
        if started {
            *acc = acc.double();
        }
        if packed == 0 {
            continue;
        }
        started = true;
        // Sign-extend each nibble.
        let d1 = i8::from_ne_bytes([packed << 4]) >> 4;
        let d2 = i8::from_ne_bytes([packed]) >> 4;
        add_digit::<C>(acc, &g_table, d1)?;
        add_digit::<C>(acc, &q_table, d2)?;
    }
    Some(())
}

/// acc += d·P for an odd digit d (table[i] = (2i+1)·P); nothing for d = 0.
#[inline]
fn add_digit<C: CurveArithmetic>(
    acc: &mut ProjectivePoint<C>,
    table: &[ProjectivePoint<C>; T],
    d: i8,
) -> Option<()> {
    if d > 0 {
        *acc += table.get(usize::from(d.unsigned_abs() / 2))?;
    } else if d < 0 {
        *acc -= table.get(usize::from(d.unsigned_abs() / 2))?;
    }
    Some(())
}

/// table[i] = (2i + 1)·P.
#[inline(never)]
fn odd_multiples<C: CurveArithmetic>(table: &mut [ProjectivePoint<C>; T], p: &ProjectivePoint<C>) {
    let p2 = p.double();
    let mut cur = *p;
    for entry in table.iter_mut() {
        *entry = cur;
        cur += p2;
    }
}

/// Width-W NAF of `k`, written as 4-bit digits at bit offset `shift` (0 or 4) of each byte
/// of `out` (which must be zero there). Uses `NUM_BITS + 1` positions: k < n < 2^`NUM_BITS`,
/// so a final carry lands at position `NUM_BITS` at most.
#[inline(never)]
fn recode<C>(out: &mut Digits<C>, k: &Scalar<C>, shift: u32)
where
    C: CurveArithmetic,
    Scalar<C>: WnafSize,
{
    let be = k.to_repr();
    let be: &[u8] = be.as_ref();
    // Little-endian byte j of k (0 beyond the end).
    let byte = |j: usize| -> u16 {
        be.len()
            .checked_sub(j + 1)
            .and_then(|i| be.get(i))
            .map_or(0, |&b| u16::from(b))
    };
    let mask: u16 = (1 << W) - 1;
    let mut carry: u16 = 0;
    let mut pos = 0;
    while pos < out.len() {
        let bits = (byte(pos / 8) | (byte(pos / 8 + 1) << 8)) >> (pos % 8);
        let v = (bits & mask) + carry;
        if v & 1 == 0 {
            // Even (carry unchanged: either 0 + 0, or 1 + 1 which carries on).
            pos += 1;
            continue;
        }
        // Odd: digit in {±1, ±3, …, ±(2^(W-1) - 1)}.
        let (digit, c) = if v < (1 << (W - 1)) {
            (v, 0)
        } else {
            (v.wrapping_sub(1 << W), 1)
        };
        carry = c;
        if let Some(slot) = out.get_mut(pos) {
            *slot |= u8::try_from(digit & 0x0f).unwrap_or(0) << shift;
        }
        pos += W;
    }
}
