//! Strict, unpadded base64url (RFC 4648 §5) for the public bytes of a token.
//!
//! Token segments are public, so this decoder is table-driven and *not*
//! constant-time; it is several times faster than `base64ct` on them (see the
//! README). Secrets (JWK `k`) go through `base64ct` instead.
//!
//! Rules: alphabet `A-Z a-z 0-9 - _` only; no `=`, no whitespace; a length of
//! `4n + 1` is impossible; the unused low bits of the last character must be
//! zero (canonical encoding, RFC 4648 §3.5).

/// Marker in [`TABLE`] for a byte outside the base64url alphabet.
const INVALID: u8 = 0xFF;

/// Maps an input byte to its 6-bit value, or [`INVALID`].
const TABLE: [u8; 256] = {
    let mut t = [INVALID; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// The input is not strict, canonical, unpadded base64url.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct InvalidBase64;

/// Number of bytes `len` base64url characters decode to, or `None` if no
/// unpadded encoding has that length.
pub(crate) const fn decoded_len(len: usize) -> Option<usize> {
    let rem = len % 4;
    if rem == 1 {
        return None;
    }
    let partial = if rem == 0 { 0 } else { rem - 1 };
    Some(len / 4 * 3 + partial)
}

/// Decodes `input` into the front of `out`, returning the decoded bytes.
///
/// `out` must be at least [`decoded_len`] long; a shorter `out` is an error
/// for the caller to report (checked here too, never truncated).
pub(crate) fn decode<'o>(input: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], InvalidBase64> {
    let len = decoded_len(input.len()).ok_or(InvalidBase64)?;
    let out = out.get_mut(..len).ok_or(InvalidBase64)?;
    // 16 characters a step, written as three 32-bit words: fewer stores and
    // loop steps than a group at a time (issue 16: on Cortex-M4 the loop
    // went from 20 instructions a group to 15). Then the last groups one at
    // a time, and the tail.
    let (blocks, rest) = input.as_chunks::<16>();
    let (out_blocks, out_rest) = out
        .split_at_mut_checked(blocks.len() * 12)
        .ok_or(InvalidBase64)?;
    let mut bits = 0i32;
    for (src, dst) in blocks.iter().zip(out_blocks.as_chunks_mut::<12>().0) {
        let [
            a0,
            a1,
            a2,
            a3,
            b0,
            b1,
            b2,
            b3,
            c0,
            c1,
            c2,
            c3,
            d0,
            d1,
            d2,
            d3,
        ] = *src;
        let (a, b) = (group([a0, a1, a2, a3]), group([b0, b1, b2, b3]));
        let (c, d) = (group([c0, c1, c2, c3]), group([d0, d1, d2, d3]));
        bits |= a | b | c | d;
        // Four 24-bit values, big-endian, packed into 12 bytes. (A negative,
        // invalid group writes garbage; `bits` refuses the whole input.)
        let (a, b, c, d) = (a as u32, b as u32, c as u32, d as u32);
        let [w0, w1, w2] = [(a << 8) | (b >> 16), (b << 16) | (c >> 8), (c << 24) | d];
        let [x0, x1, x2, x3] = w0.to_be_bytes();
        let [y0, y1, y2, y3] = w1.to_be_bytes();
        let [z0, z1, z2, z3] = w2.to_be_bytes();
        *dst = [x0, x1, x2, x3, y0, y1, y2, y3, z0, z1, z2, z3];
    }
    let (groups, tail) = rest.as_chunks::<4>();
    let (triples, out_tail) = out_rest.as_chunks_mut::<3>();
    for (src, dst) in groups.iter().zip(triples.iter_mut()) {
        let v = group(*src);
        bits |= v;
        *dst = [(v >> 16) as u8, (v >> 8) as u8, v as u8];
    }
    let mut bad = u8::from(bits < 0);
    bad |= decode_tail(tail, out_tail)?;
    if bad == 0 {
        Ok(out)
    } else {
        Err(InvalidBase64)
    }
}

/// The 24 bits four characters encode, as a non-negative number; negative
/// when any of them is outside the alphabet: its [`INVALID`] marker, read as
/// `-1i8` and sign-extended, sets bit 31 whatever it is shifted by. So one
/// test at the end covers the whole input.
#[cfg(not(target_pointer_width = "64"))]
#[inline(always)]
fn group([a, b, c, d]: [u8; 4]) -> i32 {
    (signed(a) << 18) | (signed(b) << 12) | (signed(c) << 6) | signed(d)
}

/// [`group`] on 64-bit targets: one table per position, each holding the
/// sextet already shifted into place (and -1, all bits set, for a byte
/// outside the alphabet), so a group is four loads and three ORs, no shift.
/// 4 KiB of tables: for hosts, not firmware (the issue's "a 2 KiB decode
/// table is fine on 64-bit hosts"). x86-64, callgrind: fewer instructions
/// a character for the HS256 fixture's segments (issue 16).
#[cfg(target_pointer_width = "64")]
#[inline(always)]
fn group([a, b, c, d]: [u8; 4]) -> i32 {
    let at = |table: &[i32; 256], c: u8| table[usize::from(c)];
    at(&SHIFTED[0], a) | at(&SHIFTED[1], b) | at(&SHIFTED[2], c) | at(&SHIFTED[3], d)
}

/// [`TABLE`] per position in a group: `SHIFTED[i][c]` is `c`'s sextet
/// shifted left by `18 - 6 i`, or -1 for a byte outside the alphabet.
#[cfg(target_pointer_width = "64")]
static SHIFTED: [[i32; 256]; 4] = {
    let mut t = [[-1i32; 256]; 4];
    let mut c = 0;
    while c < 256 {
        if TABLE[c] != INVALID {
            let mut i = 0;
            while i < 4 {
                t[i][c] = (TABLE[c] as i32) << (18 - 6 * i);
                i += 1;
            }
        }
        c += 1;
    }
    t
};

/// The 6-bit value of `c`, or -1 if it is outside the alphabet.
#[cfg(not(target_pointer_width = "64"))]
#[inline(always)]
fn signed(c: u8) -> i32 {
    i32::from(TABLE[usize::from(c)] as i8)
}

/// The 6-bit value of `src[i]` (an [`INVALID`] marker when out of range or not base64url).
#[inline(always)]
fn lookup(src: &[u8], i: usize) -> u8 {
    src.get(i).map_or(INVALID, |&c| TABLE[usize::from(c)])
}

/// Decodes the final 2 or 3 characters, checking that the unused bits are zero.
fn decode_tail(src: &[u8], dst: &mut [u8]) -> Result<u8, InvalidBase64> {
    let (a, b, c) = (lookup(src, 0), lookup(src, 1), lookup(src, 2));
    match (src.len(), dst) {
        (0, []) => Ok(0),
        (2, [x]) => {
            *x = (a << 2) | (b >> 4);
            // 12 bits carry 8: the low 4 bits of `b` must be zero.
            Ok(((a | b) & 0xC0) | (b & 0x0F))
        }
        (3, [x, y]) => {
            *x = (a << 2) | (b >> 4);
            *y = (b << 4) | (c >> 2);
            // 18 bits carry 16: the low 2 bits of `c` must be zero.
            Ok(((a | b | c) & 0xC0) | (c & 0x03))
        }
        _ => Err(InvalidBase64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Result<([u8; 64], usize), InvalidBase64> {
        let mut buf = [0u8; 64];
        let n = decode(s.as_bytes(), &mut buf)?.len();
        Ok((buf, n))
    }

    #[test]
    fn rfc4648_vectors() {
        for (enc, plain) in [
            ("", ""),
            ("Zg", "f"),
            ("Zm8", "fo"),
            ("Zm9v", "foo"),
            ("Zm9vYg", "foob"),
            ("Zm9vYmE", "fooba"),
            ("Zm9vYmFy", "foobar"),
        ] {
            let (buf, n) = dec(enc).unwrap();
            assert_eq!(&buf[..n], plain.as_bytes(), "{enc}");
        }
        let (buf, n) = dec("-_8").unwrap();
        assert_eq!(&buf[..n], &[0xfb, 0xff]);
    }

    #[test]
    fn rejects_non_canonical_padding_whitespace_and_standard_alphabet() {
        for bad in [
            "Zh", "Zm9", "Zm9vYh", "Zg==", "Zm9v=", "Zm9 v", "Zm9v\n", "+/8A", "Z", "Zm9vY",
        ] {
            assert_eq!(dec(bad).map(|_| ()), Err(InvalidBase64), "{bad:?}");
        }
    }

    #[test]
    fn agrees_with_base64ct_at_every_length_and_offset() {
        // Lengths 0..=100 cover inputs below, at and across the 16-character
        // steps; one invalid character at each position must be refused.
        use base64ct::{Base64UrlUnpadded, Encoding as _};
        let mut state = 0x853c_49e6_748f_ea9bu64;
        let mut text = [0u8; 140];
        let mut out = [0u8; 100];
        for len in 0..=100usize {
            let mut plain = [0u8; 100];
            for b in plain.iter_mut().take(len) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = state as u8;
            }
            let enc = Base64UrlUnpadded::encode(&plain[..len], &mut text).unwrap();
            let n = enc.len();
            assert_eq!(decode(&text[..n], &mut out), Ok(&plain[..len]), "len {len}");
            for at in 0..n {
                let saved = text[at];
                for bad in [b'=', b'+', b'/', b'.', 0x80] {
                    text[at] = bad;
                    assert_eq!(
                        decode(&text[..n], &mut out),
                        Err(InvalidBase64),
                        "{len} {at}"
                    );
                }
                text[at] = saved;
            }
        }
    }

    #[test]
    fn rejects_short_output_buffer() {
        let mut buf = [0u8; 2];
        assert_eq!(decode(b"Zm9v", &mut buf).map(|_| ()), Err(InvalidBase64));
    }
}
