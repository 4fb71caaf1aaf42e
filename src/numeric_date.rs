//! NumericDate (RFC 7519 §2): a JSON number of seconds, integer or not,
//! compared exactly — no rounding, no float, no overflow.

use core::cmp::Ordering;

/// Magnitudes are saturated here: far beyond any `i64` time plus any `u64`
/// leeway, so saturation never changes the outcome of a comparison.
const SATURATED: i128 = 1_000_000_000_000_000_000_000_000_000_000; // 10^30

/// A NumericDate claim value (`exp`, `nbf`, `iat`), kept exactly.
///
/// The JSON number is reduced to its floor and whether it has a fractional
/// part, which is all an exact comparison with integer seconds needs.
/// `1300819380`, `1300819380.0` and `13008193.8e2` are the same date;
/// `1300819380.5` lies strictly between two seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NumericDate {
    floor: i128,
    fractional: bool,
}

/// A NumericDate with the first 9 digits of its fraction: what a lifetime
/// (`exp - iat`) needs, and only it. Parsed again from the payload when a
/// policy has a maximum lifetime, so that verifying without one links none
/// of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Exact {
    date: NumericDate,
    /// `value - floor`, in units of 10⁻⁹ (nanoseconds), rounded down.
    frac: u32,
    /// Whether `frac` is the fraction exactly (no nonzero digit beyond 10⁻⁹).
    frac_exact: bool,
}

/// The value of `text` if it is at most 10 decimal digits and nothing else
/// (a date's common form), in 32-bit arithmetic (a 64-bit multiply per digit
/// costs a 32-bit core several instructions; an `i128` one, a dozen). Ten
/// digits, every date from 2001 to 2286, are two SWAR quads and a pair, with
/// no loop (about 40 instructions on a Cortex-M4, against 100 for digits in
/// a loop; issue 16). Longer numbers take [`magnitude`]'s general path.
fn small_integer(text: &[u8]) -> Option<u64> {
    let &[a, b, c, d, e, f, g, h, i, j] = text else {
        if text.len() > 9 {
            return None;
        }
        return nine_digits(text).map(u64::from);
    };
    let high = four_digits([a, b, c, d])? * 10_000 + four_digits([e, f, g, h])?;
    let (i, j) = (i.wrapping_sub(b'0'), j.wrapping_sub(b'0'));
    if i >= 10 || j >= 10 {
        return None;
    }
    Some(u64::from(high) * 100 + u64::from(i * 10 + j))
}

/// The value of at most 9 decimal digits (`None` if any byte is not one):
/// four at a time through [`four_digits`], then one at a time.
#[inline(always)]
fn nine_digits(digits: &[u8]) -> Option<u32> {
    let (quads, rest) = digits.as_chunks::<4>();
    let mut value = 0u32;
    for &quad in quads {
        value = value.wrapping_mul(10_000).wrapping_add(four_digits(quad)?);
    }
    for &b in rest {
        let d = b.wrapping_sub(b'0');
        if d >= 10 {
            return None;
        }
        value = value.wrapping_mul(10).wrapping_add(u32::from(d));
    }
    Some(value)
}

/// The value of four decimal digits in one word (SWAR), `None` if any byte
/// is not a digit. Exact and carry-free: a byte is a digit when its high
/// nibble is 3 and its low nibble plus 6 stays below 16. Then adjacent
/// digits are paired (`10 * a + b` in every other byte) and the two pairs
/// combined: about 14 instructions for 4 digits, against 7 a digit.
#[inline(always)]
fn four_digits(quad: [u8; 4]) -> Option<u32> {
    let x = u32::from_le_bytes(quad); // the first digit in the low byte
    let low = x & 0x0F0F_0F0F;
    if x & 0xF0F0_F0F0 != 0x3030_3030 || (low + 0x0606_0606) & 0xF0F0_F0F0 != 0 {
        return None;
    }
    let pairs = (low * 10 + (low >> 8)) & 0x00FF_00FF;
    Some((pairs & 0xFF) * 100 + (pairs >> 16))
}

/// Digits of a fraction kept in [`NumericDate::frac`].
const FRAC_DIGITS: usize = 9;

/// 10⁹: one second in the units of [`NumericDate::frac`].
const FRAC_ONE: u32 = 1_000_000_000;

impl NumericDate {
    /// The date `seconds` after the epoch.
    pub const fn from_seconds(seconds: i64) -> Self {
        Self {
            floor: seconds as i128,
            fractional: false,
        }
    }

    /// Whole seconds since the epoch, rounded down, saturated to the `i64` range.
    pub fn seconds(&self) -> i64 {
        i64::try_from(self.floor).unwrap_or(if self.floor < 0 { i64::MIN } else { i64::MAX })
    }

    /// Whether the JSON number had a non-zero fractional part.
    pub const fn is_fractional(&self) -> bool {
        self.fractional
    }

    /// Parses the text of a JSON number already validated by the scanner.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        Self::parse_with::<false>(text).map(|exact| exact.date)
    }

    /// Parses with the fraction's first digits too (see [`Exact`]).
    pub(crate) fn parse_exact(text: &str) -> Option<Exact> {
        Self::parse_with::<true>(text)
    }

    /// Parses a validated JSON number; with `FRAC`, also the first 9 digits
    /// of the fraction (a separate instance, so [`parse`](Self::parse) carries
    /// none of that code).
    fn parse_with<const FRAC: bool>(text: &str) -> Option<Exact> {
        // Fast path: a plain non-negative integer that fits (the common case).
        if let Some(floor) = small_integer(text.as_bytes()) {
            return Some(Exact::whole(i128::from(floor)));
        }
        let (negative, text) = match text.as_bytes() {
            [b'-', rest @ ..] => (true, rest),
            all => (false, all),
        };
        // Byte searches, not `str` patterns: no pattern machinery (or its
        // panic paths) in firmware.
        let (mantissa, exponent) = match text.iter().position(|&b| b == b'e' || b == b'E') {
            Some(at) => (text.get(..at)?, parse_exponent(text.get(at + 1..)?)?),
            None => (
                text,
                Exponent {
                    negative: false,
                    value: 0,
                },
            ),
        };
        let int_len = mantissa
            .iter()
            .position(|&b| b == b'.')
            .unwrap_or(mantissa.len());
        let m = magnitude::<FRAC>(Digits { mantissa, int_len }, exponent)?;
        Some(match (negative, m.fractional) {
            (false, _) => Exact {
                date: Self {
                    floor: m.floor,
                    fractional: m.fractional,
                },
                frac: m.frac,
                frac_exact: m.frac_exact,
            },
            (true, false) => Exact::whole(-m.floor),
            // -(n + g) = (-n - 1) + (1 - g), for a fraction 0 < g < 1.
            (true, true) => Exact {
                date: Self {
                    floor: -m.floor - 1,
                    fractional: true,
                },
                frac: FRAC_ONE - m.frac - u32::from(!m.frac_exact),
                frac_exact: m.frac_exact,
            },
        })
    }

    /// Whether a token with this `iat` is too old at `now` for a maximum
    /// age: `now - iat > max_age + leeway`.
    pub(crate) fn older_than(&self, now: i64, max_age: u64, leeway: u64) -> bool {
        let limit = i128::from(now) - i128::from(max_age) - i128::from(leeway);
        // floor + f < limit  <=>  floor < limit, for 0 <= f < 1
        self.floor < limit
    }

    /// Whether this date lies strictly before `time`.
    pub(crate) fn before(&self, time: i64) -> bool {
        // floor + f < time  <=>  floor < time, for 0 <= f < 1
        self.floor < i128::from(time)
    }

    /// Whether a token with this `exp` is expired at `now` (RFC 7519 §4.1.4):
    /// `now >= exp + leeway`.
    pub(crate) fn expired_at(&self, now: i64, leeway: u64) -> bool {
        let limit = i128::from(now) - i128::from(leeway);
        // limit >= floor + f  <=>  limit > floor when 0 < f < 1
        if self.fractional {
            limit > self.floor
        } else {
            limit >= self.floor
        }
    }

    /// Whether a token with this `nbf` is not yet valid at `now` (RFC 7519 §4.1.5):
    /// `now < nbf - leeway`.
    pub(crate) fn not_yet_valid_at(&self, now: i64, leeway: u64) -> bool {
        let limit = i128::from(now) + i128::from(leeway);
        // floor + f > limit  <=>  floor >= limit when 0 < f < 1
        if self.fractional {
            self.floor >= limit
        } else {
            self.floor > limit
        }
    }
}

/// The exponent after `e`, its magnitude saturated at `usize::MAX`: beyond
/// the length of any text (a slice holds at most `isize::MAX` bytes), so a
/// saturated exponent still puts the point beyond every digit, as the true
/// one does. (A clamp at 10^6, as long ago, let a million zeros after the
/// point turn `1e-5` into `1e100`.)
fn parse_exponent(text: &[u8]) -> Option<Exponent> {
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    crate::cost::add(digits.len());
    let value = digits.iter().try_fold(0usize, |acc, &d| {
        let digit = d.wrapping_sub(b'0');
        (digit <= 9).then(|| acc.saturating_mul(10).saturating_add(usize::from(digit)))
    })?;
    Some(Exponent { negative, value })
}

/// An exponent, its magnitude saturated (see [`parse_exponent`]).
#[derive(Clone, Copy)]
struct Exponent {
    negative: bool,
    value: usize,
}

impl Exact {
    const fn whole(floor: i128) -> Self {
        Self {
            date: NumericDate {
                floor,
                fractional: false,
            },
            frac: 0,
            frac_exact: true,
        }
    }

    /// Whether `self - earlier > seconds`, exactly; `None` when the crate
    /// cannot decide it: a date beyond ±10³⁰ s, or two fractions that agree
    /// on their first 9 digits and both have more (the caller fails closed).
    pub(crate) fn exceeds(&self, earlier: &Exact, seconds: u64) -> Option<bool> {
        let (a, b) = (self.date.floor, earlier.date.floor);
        if a.abs() >= SATURATED || b.abs() >= SATURATED {
            return None;
        }
        // self - earlier - seconds = d + (f_self - f_earlier), the fractions in [0, 1).
        let d = a - b - i128::from(seconds);
        if d != 0 {
            return Some(d > 0);
        }
        let order = match self.frac.cmp(&earlier.frac) {
            Ordering::Equal => match (self.frac_exact, earlier.frac_exact) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                (false, false) => return None,
            },
            unequal => unequal,
        };
        Some(order == Ordering::Greater)
    }
}

/// An absolute value, split as [`magnitude`] computes it.
struct Magnitude {
    /// `floor(|value|)`, saturated.
    floor: i128,
    /// Whether the fraction is non-zero.
    fractional: bool,
    /// The fraction in units of 10⁻⁹, rounded down, and whether that is exact.
    frac: u32,
    frac_exact: bool,
}

/// The digits of a validated mantissa, `int` or `int.frac`, read as one
/// string of digits (the point skipped).
#[derive(Clone, Copy)]
struct Digits<'t> {
    mantissa: &'t [u8],
    /// Where the point is in `mantissa` (its length if there is none).
    int_len: usize,
}

impl Digits<'_> {
    /// How many digits there are.
    fn len(&self) -> usize {
        self.mantissa.len() - usize::from(self.int_len < self.mantissa.len())
    }

    /// The value of digit `i` (0 beyond the last; a byte that is not a
    /// digit reads as 10 or more, see [`magnitude`]).
    #[inline(always)]
    fn at(&self, i: usize) -> u8 {
        let at = i + usize::from(i >= self.int_len);
        self.mantissa.get(at).map_or(0, |d| d.wrapping_sub(b'0'))
    }
}

/// The most integer digits a floor below [`SATURATED`] has.
const FLOOR_DIGITS: usize = 30;

/// `|value|` split into its floor and fraction, for `value = digits * 10^(exponent - frac_len)`:
/// the point sits `exponent` digits after its place in the mantissa.
/// `None` if a byte of the mantissa is not a digit (the scanner's
/// validation makes that unreachable).
///
/// The work is linear in the number of digits and never depends on the
/// exponent: after the first significant digit (index `first`), the point
/// is at index `point`, clamped to where it no longer changes the result
/// (9 digits before `first`: every digit is then beyond the nanoseconds;
/// 31 digits after the last: the floor saturates), so at most 30 integer
/// digits are accumulated, in two 64-bit words.
fn magnitude<const FRAC: bool>(digits: Digits<'_>, exponent: Exponent) -> Option<Magnitude> {
    let count = digits.len();
    crate::cost::add(count);
    // The first and the last significant digit, in one pass (the digits
    // are read once; whether a fraction remains is then a comparison).
    let (mut first, mut last) = (None, 0);
    let mut bad = 0u8;
    for i in 0..count {
        let d = digits.at(i);
        bad |= u8::from(d > 9);
        if d != 0 {
            first.get_or_insert(i);
            last = i;
        }
    }
    if bad != 0 {
        return None;
    }
    let Some(first) = first else {
        return Some(Magnitude::ZERO);
    };
    // `end` is where the point is, plus `FRAC_DIGITS` (so never below 0):
    // clamped, without overflow, to `first` at least and to 31 digits after
    // the last one at most. (Unsigned words: `i128` arithmetic here cost
    // twice the flash on a 32-bit core.)
    let unclamped = digits.int_len + FRAC_DIGITS;
    let end = if exponent.negative {
        unclamped.saturating_sub(exponent.value)
    } else {
        unclamped.saturating_add(exponent.value)
    }
    .min(count + FLOOR_DIGITS + 1 + FRAC_DIGITS)
    .max(first);
    // The integer digits, `first..point`: none, too many, or at most 30,
    // the first 19 in `high`, the rest in `low` (`scale` = 10^their count).
    let point = end.saturating_sub(FRAC_DIGITS); // 0 if the point comes before
    let floor = if end - first > FLOOR_DIGITS + FRAC_DIGITS {
        SATURATED
    } else {
        let (mut high, mut low, mut scale) = (0u64, 0u64, 1u64);
        for (n, i) in (first..point).enumerate() {
            let d = u64::from(digits.at(i));
            if n < 19 {
                high = high * 10 + d;
            } else {
                low = low * 10 + d;
                scale *= 10;
            }
        }
        i128::from(high) * i128::from(scale) + i128::from(low)
    };
    // A fraction remains when a significant digit lies at or after the point.
    let fractional = last >= point;
    let (mut frac, mut frac_exact) = (0u32, true);
    if FRAC && fractional {
        // Digit `end - FRAC_DIGITS + q` is the (q + 1)-th after the point.
        for q in 0..FRAC_DIGITS {
            let d = match (end + q).checked_sub(FRAC_DIGITS) {
                Some(i) => digits.at(i),
                None => 0,
            };
            frac = frac * 10 + u32::from(d);
        }
        frac_exact = last < end;
    }
    Some(Magnitude {
        floor,
        fractional,
        frac,
        frac_exact,
    })
}

impl Magnitude {
    const ZERO: Self = Self {
        floor: 0,
        fractional: false,
        frac: 0,
        frac_exact: true,
    };
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    fn date(text: &str) -> (i128, bool) {
        let d = NumericDate::parse(text).unwrap();
        (d.floor, d.fractional)
    }

    /// Every word of four bytes whose bytes are digits or next to them.
    #[test]
    fn four_digits_matches_a_byte_loop() {
        let near = [
            b'0',
            b'1',
            b'5',
            b'9',
            b'/',
            b':',
            b' ',
            b'.',
            0x00,
            0x3F,
            0x30 + 0x80,
            0xB9,
            0xFF,
            b'e',
        ];
        for a in near {
            for b in near {
                for c in near {
                    for d in near {
                        let quad = [a, b, c, d];
                        let expected = quad.iter().try_fold(0u32, |acc, &x| {
                            x.is_ascii_digit().then(|| acc * 10 + u32::from(x - b'0'))
                        });
                        assert_eq!(four_digits(quad), expected, "{quad:?}");
                    }
                }
            }
        }
        for n in 0..10_000u32 {
            let text = std::format!("{n:04}");
            let quad: [u8; 4] = text.as_bytes().try_into().unwrap();
            assert_eq!(four_digits(quad), Some(n));
        }
    }

    /// The 32-bit fast path against `str::parse`, for every length up to
    /// 20 digits, with a non-digit (or a byte next to the digits) anywhere.
    #[test]
    fn small_integers_match_str_parse() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in 0..=20 {
            for round in 0..200 {
                let mut text: std::vec::Vec<u8> =
                    (0..len).map(|_| b'0' + (next() % 10) as u8).collect();
                if round % 4 == 3 && len > 0 {
                    let at = (next() % len as u64) as usize;
                    text[at] = [b'/', b':', b'.', b'e', b'-', 0xC0][(next() % 6) as usize];
                }
                let expected = std::str::from_utf8(&text)
                    .ok()
                    .filter(|t| t.len() <= 10 && t.bytes().all(|b| b.is_ascii_digit()))
                    .map(|t| {
                        if t.is_empty() {
                            0
                        } else {
                            t.parse::<u64>().unwrap()
                        }
                    });
                assert_eq!(small_integer(&text), expected, "{text:?}");
            }
        }
        // Ten digits (their own path): every byte that is not a digit, at
        // every position, is refused.
        for at in 0..10 {
            for byte in (0..=255u8).filter(|b| !b.is_ascii_digit()) {
                let mut text = *b"1700000000";
                text[at] = byte;
                assert_eq!(small_integer(&text), None, "{text:?}");
            }
        }
        assert_eq!(small_integer(b"9999999999"), Some(9_999_999_999));
        assert_eq!(small_integer(b"0000000000"), Some(0));
    }

    #[test]
    fn parses_integers_fractions_and_exponents_exactly() {
        assert_eq!(date("0"), (0, false));
        assert_eq!(date("-0"), (0, false));
        assert_eq!(date("1300819380"), (1_300_819_380, false));
        assert_eq!(date("1300819380.0"), (1_300_819_380, false));
        assert_eq!(date("1300819380.5"), (1_300_819_380, true));
        assert_eq!(
            date("1300819380.000000000000000000001"),
            (1_300_819_380, true)
        );
        assert_eq!(date("13008193.8e2"), (1_300_819_380, false));
        assert_eq!(date("1.3008193805E9"), (1_300_819_380, true));
        assert_eq!(date("13008193800e-1"), (1_300_819_380, false));
        assert_eq!(date("1e0"), (1, false));
        assert_eq!(date("5e-1"), (0, true));
        assert_eq!(date("-1.5"), (-2, true));
        assert_eq!(date("-1"), (-1, false));
        assert_eq!(date("-0.0"), (0, false));
    }

    #[test]
    fn saturates_huge_values_without_overflow() {
        assert_eq!(date("1e400"), (SATURATED, false));
        assert_eq!(date("-1e400"), (-SATURATED, false));
        assert_eq!(date("1e99999999999999999999999"), (SATURATED, false));
        assert_eq!(date("1e-99999999999999999999999"), (0, true));
        assert_eq!(date("0e99999999999999999"), (0, false));
        assert_eq!(
            date("99999999999999999999999999999999999999999999"),
            (SATURATED, false)
        );
        assert_eq!(NumericDate::parse("1e400").unwrap().seconds(), i64::MAX);
        assert_eq!(NumericDate::parse("-1e400").unwrap().seconds(), i64::MIN);
    }

    /// `digits` written out with `zeros` zeros after the point, then `exponent`.
    fn long_number(int: &str, zeros_after_point: usize, last: &str, exponent: &str) -> String {
        let mut s = String::from(int);
        if zeros_after_point > 0 || !last.is_empty() {
            s.push('.');
            s.extend(core::iter::repeat_n('0', zeros_after_point));
            s.push_str(last);
        }
        s.push_str(exponent);
        s
    }

    #[test]
    fn digit_counts_beyond_any_old_clamp_stay_exact() {
        // Regression: `1` + 1,000,100 zeros + `e-1000105` is 1e-5, not 1e100.
        let mut text = String::from("1");
        text.extend(core::iter::repeat_n('0', 1_000_100));
        text.push_str("e-1000105");
        assert_eq!(date(&text), (0, true));
        // Its mirror: 0.000…0001 (1,000,100 zeros) scaled up by 10^1000110 is 10^9.
        let text = long_number("0", 1_000_100, "1", "e1000110");
        assert_eq!(date(&text), (1_000_000_000, false));
        // The exponent saturates only where no digit count can reach it.
        assert_eq!(
            date(&long_number(
                "0",
                1_000_000,
                "1",
                "e99999999999999999999999"
            )),
            (SATURATED, false)
        );
        assert_eq!(
            date(&long_number(
                "1",
                1_000_000,
                "",
                "e-99999999999999999999999"
            )),
            (0, true)
        );
    }

    fn nd(text: &str) -> NumericDate {
        NumericDate::parse(text).unwrap()
    }

    fn exact(text: &str) -> Exact {
        NumericDate::parse_exact(text).unwrap()
    }

    #[test]
    fn lifetimes_compare_exactly_with_fractions_and_signs() {
        // exp - iat > seconds
        assert_eq!(exact("3700").exceeds(&exact("100"), 3600), Some(false));
        assert_eq!(exact("3701").exceeds(&exact("100"), 3600), Some(true));
        assert_eq!(exact("3700.5").exceeds(&exact("100"), 3600), Some(true));
        assert_eq!(exact("3700.5").exceeds(&exact("100.5"), 3600), Some(false));
        assert_eq!(exact("3700.25").exceeds(&exact("100.5"), 3600), Some(false));
        assert_eq!(exact("3700.75").exceeds(&exact("100.5"), 3600), Some(true));
        assert_eq!(
            exact("37.005e2").exceeds(&exact("1005e-1"), 3600),
            Some(false)
        );
        assert_eq!(
            exact("3700.500000002").exceeds(&exact("100.500000001"), 3600),
            Some(true)
        );
        // Past the 9th digit: exact against an exact fraction ...
        assert_eq!(
            exact("3700.5000000000000000000001").exceeds(&exact("100.5"), 3600),
            Some(true)
        );
        assert_eq!(
            exact("3700.5").exceeds(&exact("100.5000000000000000000001"), 3600),
            Some(false)
        );
        assert_eq!(
            exact("3700.9999999999999999999").exceeds(&exact("100"), 3600),
            Some(true)
        );
        // ... undecidable between two fractions equal to 9 digits: the caller fails closed.
        assert_eq!(
            exact("3700.5000000002").exceeds(&exact("100.50000000001"), 3600),
            None
        );
        assert_eq!(
            exact("3700.50000000000000000002").exceeds(&exact("100.50000000000000000001"), 3600),
            None
        );
        // Negative dates: -0.25 - (-1.5) = 1.25.
        assert_eq!(exact("-0.25").exceeds(&exact("-1.5"), 1), Some(true));
        assert_eq!(exact("-0.25").exceeds(&exact("-1.5"), 2), Some(false));
        assert_eq!(exact("-1.5").exceeds(&exact("-2.5"), 1), Some(false));
        assert_eq!(exact("-1.25").exceeds(&exact("-2.5"), 1), Some(true));
        assert_eq!(exact("0.5").exceeds(&exact("-0.5"), 1), Some(false));
        assert_eq!(
            exact("0.5000000000000000000001").exceeds(&exact("-0.5"), 1),
            Some(true)
        );
        assert_eq!(
            exact("0.5").exceeds(&exact("-0.5000000000000000000001"), 1),
            Some(true)
        );
        // Far beyond any clock: undecidable, never wrapped.
        assert_eq!(exact("1e40").exceeds(&exact("1e40"), 0), None);
        assert_eq!(exact("4102444800").exceeds(&exact("-1e40"), u64::MAX), None);
        let max = Exact::whole(i128::from(i64::MAX));
        let min = Exact::whole(i128::from(i64::MIN));
        // i64::MAX - i64::MIN = u64::MAX: not more than u64::MAX, one more than u64::MAX - 1.
        assert_eq!(max.exceeds(&min, u64::MAX), Some(false));
        assert_eq!(max.exceeds(&min, u64::MAX - 1), Some(true));
        assert_eq!(min.exceeds(&max, 0), Some(false));
    }

    #[test]
    fn ages_compare_exactly() {
        // now - iat > max_age + leeway
        assert!(!nd("100").older_than(200, 100, 0));
        assert!(nd("99").older_than(200, 100, 0));
        assert!(nd("99.999").older_than(200, 100, 0));
        assert!(!nd("100.001").older_than(200, 100, 0));
        assert!(!nd("95").older_than(200, 100, 5));
        assert!(nd("94.5").older_than(200, 100, 5));
        assert!(!NumericDate::from_seconds(i64::MIN).older_than(i64::MIN, u64::MAX, u64::MAX));
        assert!(NumericDate::from_seconds(i64::MIN).older_than(i64::MAX, 0, 0));
        assert!(nd("-1e40").older_than(0, u64::MAX, u64::MAX));
    }

    #[test]
    fn boundaries_are_exact() {
        let exp = NumericDate::parse("100").unwrap();
        assert!(!exp.expired_at(99, 0));
        assert!(exp.expired_at(100, 0));
        assert!(!exp.expired_at(104, 5));
        assert!(exp.expired_at(105, 5));
        let exp = NumericDate::parse("100.5").unwrap();
        assert!(!exp.expired_at(100, 0));
        assert!(exp.expired_at(101, 0));
        let nbf = NumericDate::parse("100").unwrap();
        assert!(nbf.not_yet_valid_at(99, 0));
        assert!(!nbf.not_yet_valid_at(100, 0));
        assert!(!nbf.not_yet_valid_at(95, 5));
        assert!(nbf.not_yet_valid_at(94, 5));
        let nbf = NumericDate::parse("100.5").unwrap();
        assert!(nbf.not_yet_valid_at(100, 0));
        assert!(!nbf.not_yet_valid_at(101, 0));
        let extreme = NumericDate::from_seconds(i64::MIN);
        assert!(!extreme.expired_at(i64::MIN, u64::MAX));
        assert!(extreme.expired_at(i64::MAX, 0));
        assert!(!NumericDate::from_seconds(i64::MAX).not_yet_valid_at(i64::MAX, u64::MAX));
    }

    /// The reference for [`differential_against_decimal_strings`]: the point
    /// moved in the digit string itself, the integer part parsed by `str`.
    fn reference(negative: bool, int: &str, frac: &str, exponent: i64) -> Exact {
        let digits: std::vec::Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
        let point = int.len() as i64 + exponent;
        let digit = |i: i64| {
            usize::try_from(i)
                .ok()
                .and_then(|i| digits.get(i).copied())
                .unwrap_or(0)
        };
        let integer: String = (0..point.max(0))
            .map(|i| char::from(b'0' + digit(i)))
            .collect();
        let integer = integer.trim_start_matches('0');
        let floor = if integer.len() > 30 {
            SATURATED
        } else if integer.is_empty() {
            0
        } else {
            integer.parse::<i128>().unwrap()
        };
        let nonzero_from = |from: i64| (from.max(0)..digits.len() as i64).any(|i| digit(i) != 0);
        let fractional = nonzero_from(point);
        let frac = (0..9).fold(0u32, |acc, q| acc * 10 + u32::from(digit(point + q)));
        let frac_exact = !nonzero_from(point + 9);
        match (negative, fractional) {
            (false, _) => Exact {
                date: NumericDate { floor, fractional },
                frac,
                frac_exact,
            },
            (true, false) => Exact::whole(-floor),
            (true, true) => Exact {
                date: NumericDate {
                    floor: -floor - 1,
                    fractional: true,
                },
                frac: FRAC_ONE - frac - u32::from(!frac_exact),
                frac_exact,
            },
        }
    }

    /// Random JSON numbers — leading and trailing zeros, long fractions,
    /// exponents that move the point across every digit and past them —
    /// parsed as [`reference`] does it on decimal strings.
    #[test]
    fn differential_against_decimal_strings() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..40_000 {
            // Digits, zero half the time, so that runs of zeros are common.
            let digit = |next: &mut dyn FnMut(u64) -> u64, first: bool| {
                let d = if next(2) == 0 { 0 } else { next(10) as u8 };
                char::from(b'0' + if first { d.max(1) } else { d })
            };
            let int: String = match next(3) {
                0 => String::from("0"),
                _ => {
                    let len = 1 + next(25) as usize;
                    (0..len).map(|i| digit(&mut next, i == 0)).collect()
                }
            };
            let frac_len = next(26);
            let frac: String = (0..frac_len).map(|_| digit(&mut next, false)).collect();
            let exponent = next(91) as i64 - 45;
            let negative = next(4) == 0;
            let mut text = String::new();
            if negative {
                text.push('-');
            }
            text.push_str(&int);
            if !frac.is_empty() {
                text.push('.');
                text.push_str(&frac);
            }
            if exponent != 0 || next(4) == 0 {
                text.push(['e', 'E'][next(2) as usize]);
                match (exponent < 0, next(2)) {
                    (true, _) => text.push('-'),
                    (false, 0) => text.push('+'),
                    _ => {}
                }
                text.extend(core::iter::repeat_n('0', next(3) as usize));
                text.push_str(&std::format!("{}", exponent.abs()));
            }
            let expected = reference(negative, &int, &frac, exponent);
            assert_eq!(NumericDate::parse_exact(&text), Some(expected), "{text}");
            assert_eq!(NumericDate::parse(&text), Some(expected.date), "{text}");
        }
    }
}
