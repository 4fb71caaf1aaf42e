//! Strict Ed25519 verification (RFC 8032 §5.1.7) on `curve25519-dalek`'s
//! public primitives, with a low peak stack.
//!
//! The accept/reject semantics are exactly those of `ed25519-dalek` 3's
//! `VerifyingKey::from_bytes` + `verify_strict` (the unit tests below and
//! `tests/` compare them), plus one check at import that `from_bytes` omits:
//! - a public key must be a canonical encoding (`y < p`) of a point that is
//!   not of small order (checked once, at import);
//! - `S` must be below the group order `L`;
//! - `R` must decompress and not be of small order;
//! - `k = SHA-512(R ‖ A ‖ M) mod L`, with `R` and `A` the bytes as received;
//! - the signature is valid iff `([S]B − [k]A)` compresses to exactly the
//!   signature's `R` bytes (the cofactorless equation; a non-canonical `R`
//!   encoding therefore never verifies, nor does a mixed-order `R` or key
//!   that the cofactored equation would take).
//!
//! Why not `ed25519-dalek`'s `verify_strict` itself: its double-base
//! multiplication holds two width-5 lookup tables (2 × 1,280 B) and two
//! 256-entry NAFs in one frame, and builds each table in a frame of its own
//! on top (1,960 B): 7,584 B of stack on Cortex-M4, where this module peaks
//! at 3,824 B for 17 % more instructions (README, "On a microcontroller").
//! Here the two multiplications are interleaved (Straus) over width-4 NAFs
//! whose digits share one 256-byte array (two 4-bit digits per byte), the
//! tables (4 points each) are built in place, and hashing, decompression,
//! the scalar check and the final compression each run in a frame of their
//! own, never on top of the multiplication. On 64-bit targets the
//! multiplication is `curve25519-dalek`'s faster double-base one instead
//! (see `mul_add`). Variable time: every input is public.

use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::Identity;
use sha2::{Digest, Sha512};

/// NAF window widths for A and for the base point B (2 <= W <= 4). A table
/// holds 2^(W-2) odd multiples (160 B each on the 32-bit backend).
const WA: usize = 4;
const WB: usize = 4;
const TA: usize = 1 << (WA - 2);
const TB: usize = 1 << (WB - 2);

/// A decompressed, validated Ed25519 public key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct PublicKey {
    /// The encoding as received (hashed into k).
    bytes: [u8; 32],
    /// -A, ready for the verification equation.
    neg_a: EdwardsPoint,
}

impl PublicKey {
    /// The 32-byte encoding this key was imported from.
    pub(crate) fn as_bytes(&self) -> &[u8; 32] {
        &self.bytes
    }
}

/// Imports a public key: a canonical encoding (`y < p`) of a point on the
/// curve that is not of small order; `None` if any check fails.
pub(crate) fn import_key(bytes: &[u8; 32]) -> Option<PublicKey> {
    if !y_is_canonical(bytes) {
        return None;
    }
    let neg_a = import_point(bytes)?;
    Some(PublicKey {
        bytes: *bytes,
        neg_a,
    })
}

/// -A, if `bytes` decompresses to a point A not of small order.
#[inline(never)]
fn import_point(bytes: &[u8; 32]) -> Option<EdwardsPoint> {
    let a = decompress(bytes)?;
    if a.is_small_order() {
        return None;
    }
    Some(-a)
}

/// Strict Ed25519 verification (see the module documentation).
pub(crate) fn verify_strict(public_key: &PublicKey, message: &[u8], signature: &[u8; 64]) -> bool {
    let Some((r_bytes, rest)) = signature.split_first_chunk::<32>() else {
        return false;
    };
    let Some(s_bytes) = rest.first_chunk::<32>() else {
        return false;
    };
    // S < L.
    let Some(s) = canonical_scalar(s_bytes) else {
        return false;
    };
    // R decompresses and is not of small order (A was checked at import).
    if !r_is_acceptable(r_bytes) {
        return false;
    }
    let k = hram(r_bytes, &public_key.bytes, message);
    let expected_r = mul_add(&k, &public_key.neg_a, &s);
    compress(&expected_r) == *r_bytes
}

/// y (the encoding without its sign bit) < p = 2^255 - 19. The only points
/// with x = 0 are y = 1 and y = p - 1, both of small order, so with the
/// small-order check this makes the encoding canonical.
fn y_is_canonical(bytes: &[u8; 32]) -> bool {
    // y >= p iff bits 254..8 of y are all ones and the low byte is >= 0xed.
    let mut all_ff = true;
    for (i, b) in bytes.iter().enumerate() {
        all_ff &= match i {
            0 => true,
            31 => b & 0x7f == 0x7f,
            _ => *b == 0xff,
        };
    }
    let low = bytes.first().copied().unwrap_or(0);
    !(all_ff && low >= 0xed)
}

// The helpers below are out of line so that their frames are never stacked on
// top of the multiplication's (and do not inflate `verify_strict`'s frame).

#[inline(never)]
fn decompress(bytes: &[u8; 32]) -> Option<EdwardsPoint> {
    CompressedEdwardsY(*bytes).decompress()
}

#[inline(never)]
fn r_is_acceptable(bytes: &[u8; 32]) -> bool {
    match decompress(bytes) {
        Some(r) => !r.is_small_order(),
        None => false,
    }
}

#[inline(never)]
fn canonical_scalar(bytes: &[u8; 32]) -> Option<Scalar> {
    Scalar::from_canonical_bytes(*bytes).into()
}

#[inline(never)]
fn compress(p: &EdwardsPoint) -> [u8; 32] {
    p.compress().to_bytes()
}

/// k = SHA-512(R || A || M) mod L.
#[inline(never)]
fn hram(r: &[u8; 32], a: &[u8; 32], m: &[u8]) -> Scalar {
    let mut h = Sha512::new();
    h.update(r);
    h.update(a);
    h.update(m);
    let wide: [u8; 64] = h.finalize().into();
    Scalar::from_bytes_mod_order_wide(&wide)
}

/// Width-WA / WB NAFs of two scalars < 2^253, packed two 4-bit digits per byte:
/// low nibble = digit of `a`, high nibble = digit of `b` (each odd in
/// (-2^(W-1), 2^(W-1)) or 0, so it fits a signed nibble for W <= 4).
#[inline(never)]
fn joint_naf(a: &Scalar, b: &Scalar, out: &mut [u8; 256]) {
    out.fill(0);
    naf_nibbles(a.as_bytes(), out, WA, 0);
    naf_nibbles(b.as_bytes(), out, WB, 4);
}

fn naf_nibbles(bytes: &[u8; 32], out: &mut [u8; 256], w: usize, shift: u32) {
    let bit = |pos: usize| -> u32 {
        u32::from(bytes.get(pos / 8).copied().unwrap_or(0) >> (pos % 8)) & 1
    };
    let width: u32 = 1 << w;
    let mut carry: u32 = 0;
    let mut pos = 0usize;
    while pos < 256 {
        let mut window = carry;
        for j in 0..w {
            window += bit(pos + j) << j;
        }
        if window & 1 == 0 {
            pos += 1;
            continue;
        }
        let digit = if window < width / 2 {
            carry = 0;
            window as i32
        } else {
            carry = 1;
            window as i32 - width as i32
        };
        if let Some(d) = out.get_mut(pos) {
            *d |= ((digit as u8) & 0x0f) << shift;
        }
        pos += w;
    }
}

/// table = [P, 3P, 5P, ...], filled in place.
#[inline(never)]
fn odd_multiples<const N: usize>(p: &EdwardsPoint, table: &mut [EdwardsPoint; N]) {
    let mut p2 = *p;
    double(&mut p2);
    let mut acc = *p;
    for slot in table.iter_mut() {
        *slot = acc;
        add_into(&mut acc, &p2);
    }
}

#[inline(never)]
fn double(p: &mut EdwardsPoint) {
    // The dedicated doubling formula: ~14 % fewer instructions than `P + P`.
    *p = group::Group::double(&*p);
}

/// acc + digit * P for a NAF digit (table = odd multiples of P).
#[inline(always)]
fn add_digit<const N: usize>(acc: &mut EdwardsPoint, digit: i8, table: &[EdwardsPoint; N]) {
    let idx = usize::from(digit.unsigned_abs() / 2);
    if let Some(q) = table.get(idx) {
        if digit < 0 {
            sub_into(acc, q);
        } else {
            add_into(acc, q);
        }
    }
}

// Out of line: keeps the point-addition temporaries out of the caller's frame.
#[inline(never)]
fn add_into(acc: &mut EdwardsPoint, q: &EdwardsPoint) {
    *acc += q;
}

#[inline(never)]
fn sub_into(acc: &mut EdwardsPoint, q: &EdwardsPoint) {
    *acc -= q;
}

/// `[a]A + [b]B` in variable time (`B` = the Ed25519 base point). On 64-bit
/// targets (servers, gateways) with `curve25519-dalek`'s own double-base
/// multiplication, which uses the CPU's vector unit where it has one (its
/// ~7.5 KB of stack is no concern there); elsewhere (microcontrollers) with
/// the low-stack Straus pass below. Both compute the same point (a unit test
/// compares them); only speed and stack differ.
fn mul_add(a: &Scalar, big_a: &EdwardsPoint, b: &Scalar) -> EdwardsPoint {
    #[cfg(target_pointer_width = "64")]
    {
        EdwardsPoint::vartime_double_scalar_mul_basepoint(a, big_a, b)
    }
    #[cfg(not(target_pointer_width = "64"))]
    {
        straus_vartime(a, big_a, b)
    }
}

/// [a]A + [b]B in variable time (B = the Ed25519 base point), Straus's
/// interleaving over width-W NAFs.
#[cfg_attr(all(target_pointer_width = "64", not(test)), allow(dead_code))]
#[inline(never)]
fn straus_vartime(a: &Scalar, big_a: &EdwardsPoint, b: &Scalar) -> EdwardsPoint {
    let mut digits = [0u8; 256];
    joint_naf(a, b, &mut digits);
    let mut table_a = [EdwardsPoint::identity(); TA];
    odd_multiples(big_a, &mut table_a);
    let mut table_b = [EdwardsPoint::identity(); TB];
    odd_multiples(&ED25519_BASEPOINT_POINT, &mut table_b);
    let mut r = EdwardsPoint::identity();
    let mut started = false;
    for d in digits.iter().rev() {
        if started {
            double(&mut r);
        }
        if *d == 0 {
            continue;
        }
        started = true;
        let da = ((*d << 4) as i8) >> 4;
        let db = (*d as i8) >> 4;
        if da != 0 {
            add_digit(&mut r, da, &table_a);
        }
        if db != 0 {
            add_digit(&mut r, db, &table_b);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey, VerifyingKey};

    /// ed25519-dalek's verdict: `from_bytes`, then `verify_strict`.
    fn dalek(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
        VerifyingKey::from_bytes(key).is_ok_and(|key| {
            key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(signature))
                .is_ok()
        })
    }

    /// Ours: import (stricter than `from_bytes` on `y >= p` only), then verify.
    fn ours(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
        import_key(key).is_some_and(|key| verify_strict(&key, message, signature))
    }

    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// The low-stack multiplication (the one microcontrollers run) equals
    /// curve25519-dalek's double-base multiplication (the one 64-bit hosts
    /// run) on random, small and extreme scalars.
    #[test]
    fn straus_equals_the_double_base_multiplication() {
        use curve25519_dalek::scalar::Scalar;
        let mut state = 0x2545_f491_4f6c_dd1d;
        let random = |state: &mut u64| {
            let mut wide = [0u8; 64];
            wide.iter_mut().for_each(|b| *b = xorshift(state) as u8);
            Scalar::from_bytes_mod_order_wide(&wide)
        };
        let minus_one = -Scalar::ONE;
        for round in 0..64 {
            let point = EdwardsPoint::mul_base(&random(&mut state));
            let (a, b) = match round {
                0 => (Scalar::ZERO, Scalar::ZERO),
                1 => (Scalar::ONE, minus_one),
                2 => (minus_one, Scalar::ONE),
                3 => (minus_one, minus_one),
                _ => (random(&mut state), random(&mut state)),
            };
            assert_eq!(
                straus_vartime(&a, &point, &b),
                EdwardsPoint::vartime_double_scalar_mul_basepoint(&a, &point, &b),
                "round {round}"
            );
        }
    }

    /// Valid signatures verify; one flipped bit anywhere (key, message,
    /// signature) gives the same verdict as ed25519-dalek.
    #[test]
    fn agrees_with_ed25519_dalek_on_random_signatures() {
        let mut state = 0x9e37_79b9_7f4a_7c15;
        for round in 0..300 {
            let mut seed = [0u8; 32];
            seed.iter_mut()
                .for_each(|b| *b = xorshift(&mut state) as u8);
            let signing = SigningKey::from_bytes(&seed);
            let key = signing.verifying_key().to_bytes();
            let mut message = [0u8; 96];
            let len = (xorshift(&mut state) % 97) as usize;
            message
                .iter_mut()
                .for_each(|b| *b = xorshift(&mut state) as u8);
            let message = &mut message[..len];
            let signature = signing.sign(message).to_bytes();
            assert!(ours(&key, message, &signature), "round {round}");
            let bit = (xorshift(&mut state) % (8 * (32 + 64 + len.max(1)) as u64)) as usize;
            let (mut key, mut signature) = (key, signature);
            match bit / 8 {
                i if i < 32 => key[i] ^= 1 << (bit % 8),
                i if i < 96 => signature[i - 32] ^= 1 << (bit % 8),
                i if len > 0 => message[(i - 96) % len] ^= 1 << (bit % 8),
                _ => signature[0] ^= 1,
            }
            assert_eq!(
                ours(&key, message, &signature),
                dalek(&key, message, &signature),
                "round {round}, bit {bit}"
            );
        }
    }

    /// The small-order points (the 8-torsion), their non-canonical twins,
    /// `S >= L`, and mixed-order keys and `R`: refused, as ed25519-dalek's
    /// `verify_strict` refuses them.
    #[test]
    fn refuses_what_verify_strict_refuses() {
        use curve25519_dalek::constants::EIGHT_TORSION;
        let signing = SigningKey::from_bytes(&[7; 32]);
        let key = signing.verifying_key().to_bytes();
        let message = b"eyJhbGciOiJFZERTQSJ9.e30";
        let signature = signing.sign(message).to_bytes();
        assert!(ours(&key, message, &signature));
        for torsion in EIGHT_TORSION {
            let small = torsion.compress().to_bytes();
            // A small-order key, and a signature that satisfies the equation
            // for it with S = 0 and R = the point itself.
            let mut forged = [0u8; 64];
            forged[..32].copy_from_slice(&small);
            assert!(import_key(&small).is_none());
            assert!(!dalek(&small, message, &forged));
            // A small-order R with a valid S for the real key.
            let mut small_r = signature;
            small_r[..32].copy_from_slice(&small);
            assert!(!ours(&key, message, &small_r));
            assert!(!dalek(&key, message, &small_r));
            // A mixed-order key A + T: the cofactorless equation fails.
            let mixed = (signing.verifying_key().to_edwards() + torsion)
                .compress()
                .to_bytes();
            if mixed != key {
                assert_eq!(
                    ours(&mixed, message, &signature),
                    dalek(&mixed, message, &signature)
                );
                assert!(!ours(&mixed, message, &signature));
            }
        }
        // S + L: the same signature, S not reduced.
        let order: [u8; 32] = [
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9,
            0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
        ];
        let mut unreduced = signature;
        let mut carry = 0u16;
        for (s, l) in unreduced[32..].iter_mut().zip(order) {
            let sum = u16::from(*s) + u16::from(l) + carry;
            *s = sum as u8;
            carry = sum >> 8;
        }
        assert!(!ours(&key, message, &unreduced));
        assert!(!dalek(&key, message, &unreduced));
        // A non-canonical key encoding (y >= p): refused at import, where
        // ed25519-dalek's `from_bytes` takes it (a deliberate difference).
        let mut y_p = [0xff; 32];
        y_p[0] = 0xed;
        y_p[31] = 0x7f;
        assert!(import_key(&y_p).is_none());
    }
}
