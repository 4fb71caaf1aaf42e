//! Finding the end of a run of plain string characters a word at a time.
//!
//! A string's plain characters end at `"`, `\` or a control character
//! (below `0x20`, which RFC 8259 forbids unescaped). Instead of one table
//! load and test per byte (256 bytes of table, ~8 instructions a byte on a
//! Cortex-M4), each step tests a machine word of bytes with a few exact
//! SWAR operations: no carry crosses a byte, so the lowest flagged byte is
//! the first stop (issue 16).

/// The word tested per step: 4 bytes on 32-bit targets, 8 on 64-bit ones.
type Word = usize;

/// Bytes per [`Word`].
const WORD: usize = size_of::<Word>();

/// `byte` in every byte of a word.
const fn splat(byte: u8) -> Word {
    Word::MAX / 0xFF * byte as Word
}

/// The high bit of every byte of `x` that is below `bound` (at most
/// `0x80`), and no other bit: the low 7 bits plus `0x80 - bound` reach the
/// high bit exactly when they are at least `bound`, and never carry into
/// the next byte (at most `0x7F + 0x80 = 0xFF`); a byte whose own high bit
/// is set is not below `bound`.
#[inline(always)]
const fn below(x: Word, bound: u8) -> Word {
    !(((x & splat(0x7F)) + splat(0x80 - bound)) | x) & splat(0x80)
}

/// The high bit of every byte of `x` that ends a run of plain string
/// characters: `"` (`0x22`), `\` (`0x5C`) or a control character. XOR with
/// `0x02` maps `"` to `0x20` and keeps the controls below it, so one test
/// covers both; `\` becomes a zero byte under XOR with itself.
#[inline(always)]
const fn stops(x: Word) -> Word {
    below(x ^ splat(0x02), 0x21) | below(x ^ splat(b'\\'), 1)
}

/// Whether `b` ends a run of plain string characters (see [`stops`]).
const fn is_stop(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// [`stop_at`] with its first word inline: a member name (most are at
/// most 4 bytes) ends within it without a call.
#[inline(always)]
pub(super) fn stop_at_short(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at..).and_then(<[u8]>::first_chunk::<WORD>) {
        Some(word) => match stops(Word::from_le_bytes(*word)) {
            0 => stop_at(bytes, at + WORD),
            found => at + (found.trailing_zeros() / 8) as usize,
        },
        None => stop_at(bytes, at),
    }
}

/// Where the first `"`, `\` or control character at or after `at` in
/// `bytes` is; `bytes.len()` if there is none. Out of line on 32-bit
/// targets: one copy for every string the scanner meets costs fewer bytes
/// than the call saves (each inlined copy was ~40 bytes on Cortex-M). On
/// 64-bit targets (hosts) inlined: there the call is what costs.
#[cfg_attr(target_pointer_width = "64", inline(always))]
#[cfg_attr(not(target_pointer_width = "64"), inline(never))]
pub(super) fn stop_at(bytes: &[u8], at: usize) -> usize {
    let rest = bytes.get(at..).unwrap_or_default();
    let (words, tail) = rest.as_chunks::<WORD>();
    for (i, word) in words.iter().enumerate() {
        let found = stops(Word::from_le_bytes(*word));
        if found != 0 {
            // The first byte in memory is the lowest of a little-endian word.
            return at + i * WORD + (found.trailing_zeros() / 8) as usize;
        }
    }
    // The last bytes, fewer than a word.
    let at = bytes.len() - tail.len();
    tail.iter()
        .position(|&b| is_stop(b))
        .map_or(bytes.len(), |i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: one byte at a time.
    fn reference(bytes: &[u8], at: usize) -> usize {
        bytes[at..]
            .iter()
            .position(|&b| is_stop(b))
            .map_or(bytes.len(), |i| at + i)
    }

    #[test]
    fn flags_exactly_the_stop_bytes() {
        for b in 0..=255u8 {
            let expected = b < 0x20 || b == b'"' || b == b'\\';
            assert_eq!(is_stop(b), expected, "{b:#x}");
            // Alone in a word, and next to every kind of neighbour (a carry
            // or borrow from a neighbour must not flag or hide it).
            for n in [
                0u8, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x5C, 0x7F, 0x80, 0xA2, 0xDC, 0xFF,
            ] {
                let mut word = [n; WORD];
                word[WORD / 2] = b;
                let flags = stops(Word::from_le_bytes(word)).to_le_bytes();
                for (i, f) in flags.iter().enumerate() {
                    let byte = if i == WORD / 2 { b } else { n };
                    assert_eq!(*f == 0x80, is_stop(byte), "{b:#x} among {n:#x} at {i}");
                    assert!(*f == 0 || *f == 0x80);
                }
            }
        }
    }

    #[test]
    fn finds_the_first_stop_at_every_length_and_offset() {
        let stops = [b'"', b'\\', 0x00, 0x1F, b'\n'];
        let plain = [b'a', b' ', b'!', b'#', b'[', b']', 0x7F, 0x80, 0xC3, 0xFF];
        for len in 0..40 {
            for at in 0..=len {
                // No stop at all, then one stop at every position after `at`
                // (and a second one later, which must not be found first).
                let mut buf = [0u8; 40];
                for (i, b) in buf.iter_mut().enumerate() {
                    *b = plain[i % plain.len()];
                }
                let text = &mut buf[..len];
                assert_eq!(stop_at(text, at), reference(text, at));
                assert_eq!(stop_at(text, at), len);
                for pos in at..len {
                    for &s in &stops {
                        text[pos] = s;
                        if pos + 3 < len {
                            text[pos + 3] = b'"';
                        }
                        assert_eq!(stop_at(text, at), pos, "len {len} at {at} stop {s:#x}");
                        text[pos] = plain[pos % plain.len()];
                        if pos + 3 < len {
                            text[pos + 3] = plain[(pos + 3) % plain.len()];
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn agrees_with_the_reference_on_every_byte_value() {
        // Every byte value at every offset within a word, inside longer text.
        for b in 0..=255u8 {
            for pos in 0..2 * WORD {
                let mut text = [b'x'; 3 * WORD];
                text[pos] = b;
                for at in 0..=pos {
                    assert_eq!(stop_at(&text, at), reference(&text, at), "{b:#x} at {pos}");
                }
            }
        }
    }
}
