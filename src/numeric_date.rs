//! NumericDate (RFC 7519 §2): a JSON number of seconds, integer or not,
//! compared exactly — no rounding, no float, no overflow.

/// Magnitudes are saturated here: far beyond any `i64` time plus any `u64`
/// leeway, so saturation never changes the outcome of a comparison.
const SATURATED: i128 = 1_000_000_000_000_000_000_000_000_000_000; // 10^30

/// Exponents are saturated here. It exceeds the number of digits any text can
/// hold (a slice is shorter than 2^64 < 10^20 bytes), so a saturated exponent
/// still outweighs every digit count it is combined with: the value it gives
/// is 0 or saturated exactly when the true value is. (A clamp at 10^6, as
/// before, let a million zeros after the point turn `1e-5` into `1e100`.)
const EXPONENT_SATURATED: i128 = 100_000_000_000_000_000_000; // 10^20

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
        // Fast path: a plain non-negative integer that fits (the common case).
        if text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()) {
            let floor = text
                .bytes()
                .fold(0i128, |acc, d| acc * 10 + i128::from(d - b'0'));
            return Some(Self {
                floor,
                fractional: false,
            });
        }
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (text.get(..at)?, parse_exponent(text.get(at + 1..)?)?),
            None => (text, 0),
        };
        let (int_digits, frac_digits) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let frac_len = i128::try_from(frac_digits.len()).ok()?;
        // value = digits(int ++ frac) * 10^scale
        let scale = exponent.checked_sub(frac_len)?;
        let (magnitude, fractional) = magnitude(int_digits, frac_digits, scale)?;
        let floor = match (negative, fractional) {
            (false, _) => magnitude,
            (true, false) => -magnitude,
            (true, true) => -magnitude - 1,
        };
        Some(Self { floor, fractional })
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

/// The exponent after `e`, saturated at ±[`EXPONENT_SATURATED`].
fn parse_exponent(text: &str) -> Option<i128> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, text.get(1..)?),
        b'+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    crate::cost::add(digits.len());
    let value = digits.bytes().try_fold(0i128, |acc, d| {
        let digit = i128::from(d.checked_sub(b'0').filter(|d| *d <= 9)?);
        Some((acc * 10 + digit).min(EXPONENT_SATURATED))
    })?;
    Some(if negative { -value } else { value })
}

/// `floor(|value|)` (saturated) and whether the fraction is non-zero, for
/// `value = digits(int ++ frac) * 10^scale`.
fn magnitude(int_digits: &str, frac_digits: &str, scale: i128) -> Option<(i128, bool)> {
    let count = i128::try_from(int_digits.len() + frac_digits.len()).ok()?;
    crate::cost::add(int_digits.len() + frac_digits.len());
    let mut magnitude = 0i128;
    let mut fractional = false;
    let digits = int_digits.bytes().chain(frac_digits.bytes());
    for (index, d) in (0i128..).zip(digits) {
        let digit = i128::from(d.checked_sub(b'0').filter(|d| *d <= 9)?);
        // Weight of this digit is 10^(scale + count - 1 - index).
        if scale + count - 1 - index >= 0 {
            magnitude = (magnitude * 10 + digit).min(SATURATED);
        } else if digit != 0 {
            fractional = true;
        }
    }
    let mut shift = scale;
    while shift > 0 && magnitude != 0 && magnitude < SATURATED {
        magnitude = (magnitude * 10).min(SATURATED);
        shift -= 1;
        crate::cost::add(1);
    }
    Some((magnitude, fractional))
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
}
