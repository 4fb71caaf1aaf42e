//! Regression tests for the bounded-cost defects: no input may make the
//! verifier do super-linear work, every NumericDate compares exactly at any
//! length, and the header is bounded before the signature is checked.
//!
//! Each test failed before the fix: the 5,600-name header took ~150 ms and
//! ended in `Signature`, a signed payload of that width verified, the long
//! NumericDates read as other values, and `peek_header` parsed a header of
//! any length the buffer allowed. (The dropped-builder defect is the
//! `compile_fail` example on `Validation`.) Costs themselves are measured by
//! the `adversarial` benchmark group and the `cost` fuzz target, not timed here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write;

use jwt_embedded::{
    Error, Hs256Key, MAX_HEADER_LEN, MAX_MEMBERS, RequiredClaims, Validation, buffer_len,
    peek_header, verify,
};

mod common;

use common::b64url as b64;

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
const HS256: &str = r#"{"alg":"HS256"}"#;
const NOW: i64 = 1_750_000_000;
const ANY: Validation<'static> = Validation::new().required(RequiredClaims::NONE);

/// A validly signed HS256 token with this header and payload text.
fn token(header: &str, payload: &str) -> String {
    common::hs256_token(SECRET, header, payload)
}

fn check(token: &str, policy: &Validation<'_>) -> Result<(), Error> {
    let key = Hs256Key::new(SECRET).unwrap();
    let mut buf = vec![0u8; buffer_len(token.len())];
    verify(token.as_bytes(), &key, policy, NOW, &mut buf).map(|_| ())
}

/// `{` + `prefix` + `count` distinct short names set to 0 + `suffix` + `}`.
fn wide_object(prefix: &str, count: usize, suffix: &str) -> String {
    let mut s = format!("{{{prefix}");
    for i in 0..count {
        if i > 0 || !prefix.is_empty() {
            s.push(',');
        }
        write!(s, "\"{}\":0", short_name(i)).unwrap();
    }
    s.push_str(suffix);
    s.push('}');
    s
}

/// The `i`-th of the names `A`…`Z`, `AA`…: distinct for every `i`, never `alg`.
fn short_name(mut i: usize) -> String {
    let mut name = String::new();
    loop {
        name.insert(0, char::from(b'A' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            return name;
        }
        i -= 1;
    }
}

#[test]
fn the_5600_name_header_is_refused_as_too_large() {
    // The issue's attack: 5,600 distinct 1–3-character header names, payload
    // `{}`, signature 43 × `A`, about 54 KB: inside the default 64 KiB cap.
    let header = wide_object(r#""alg":"HS256""#, 5_600, "");
    let attack = format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(b"{}"),
        "A".repeat(43)
    );
    assert!(attack.len() > 50_000 && attack.len() < Validation::DEFAULT_MAX_TOKEN_LEN);
    assert_eq!(check(&attack, &ANY), Err(Error::TooLarge));
    // The same width inside the header length cap is refused for its names,
    // before the signature is looked at, with the caller's buffer as big as it gets.
    let header = wide_object(r#""alg":"HS256""#, 1_500, "");
    let attack = format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(b"{}"),
        "A".repeat(43)
    );
    assert!(attack.find('.').unwrap() <= MAX_HEADER_LEN);
    assert_eq!(check(&attack, &ANY), Err(Error::TooLarge));
    let mut buf = vec![0u8; 1 << 20];
    assert_eq!(
        peek_header(attack.as_bytes(), &mut buf),
        Err(Error::TooLarge)
    );
}

#[test]
fn the_member_cap_is_exact_in_headers_and_payloads() {
    // `alg` plus 63 names: 64, accepted; one more is too large.
    let at_cap = wide_object(r#""alg":"HS256""#, MAX_MEMBERS - 1, "");
    assert_eq!(check(&token(&at_cap, "{}"), &ANY), Ok(()));
    let over = wide_object(r#""alg":"HS256""#, MAX_MEMBERS, "");
    assert_eq!(check(&token(&over, "{}"), &ANY), Err(Error::TooLarge));
    // A signed payload: 64 names verify, 65 or 5,600 are too large.
    assert_eq!(
        check(&token(HS256, &wide_object("", MAX_MEMBERS, "")), &ANY),
        Ok(())
    );
    assert_eq!(
        check(&token(HS256, &wide_object("", MAX_MEMBERS + 1, "")), &ANY),
        Err(Error::TooLarge)
    );
    assert_eq!(
        check(&token(HS256, &wide_object("", 5_600, "")), &ANY),
        Err(Error::TooLarge)
    );
    // A duplicate among the 64 is still a duplicate, wherever it sits.
    for dup in [0, 31, 62] {
        let doc = wide_object("", MAX_MEMBERS - 1, &format!(",\"{}\":1", short_name(dup)));
        assert!(
            matches!(check(&token(HS256, &doc), &ANY), Err(Error::Malformed(_))),
            "{dup}"
        );
    }
    // Wide payloads are fine when no object holds too many names at once.
    let mut payload = String::from(r#"{"list":["#);
    for o in 0..100 {
        if o > 0 {
            payload.push(',');
        }
        payload.push_str(&wide_object("", MAX_MEMBERS - 2, ""));
    }
    payload.push_str("]}");
    assert_eq!(
        check(&token(HS256, &payload), &ANY.max_token_len(1 << 20)),
        Ok(())
    );
}

#[test]
fn numeric_dates_are_exact_beyond_a_million_digits() {
    let policy = Validation::new().max_token_len(4 << 20);
    // `exp` = 1 followed by 1,000,100 zeros, times 10^-1000105: 1e-5, long expired.
    let exp = format!("1{}e-1000105", "0".repeat(1_000_100));
    let t = token(HS256, &format!(r#"{{"exp":{exp}}}"#));
    assert!(t.len() > 1_000_000);
    assert_eq!(check(&t, &policy), Err(Error::Expired));
    // The mirror: `nbf` = 0.000…0001 (1,000,100 zeros) times 10^1000111: 10^10, far in the future.
    let nbf = format!("0.{}1e1000111", "0".repeat(1_000_100));
    let t = token(HS256, &format!(r#"{{"exp":4102444800,"nbf":{nbf}}}"#));
    assert_eq!(check(&t, &policy), Err(Error::NotYetValid));
    // The same value one digit smaller, 10^9, lies in the past: valid.
    let nbf = format!("0.{}1e1000110", "0".repeat(1_000_100));
    let t = token(HS256, &format!(r#"{{"exp":4102444800,"nbf":{nbf}}}"#));
    assert_eq!(check(&t, &policy), Ok(()));
}

#[test]
fn peek_header_is_bounded_whatever_the_buffer() {
    // A header segment of exactly MAX_HEADER_LEN characters is read; one more is too large.
    let header_of_segment_len = |len: usize| {
        // `{"alg":"HS256","p":"xxx…"}`: 22 bytes of JSON around the padding.
        let decoded = len / 4 * 3;
        format!(r#"{{"alg":"HS256","p":"{}"}}"#, "x".repeat(decoded - 22))
    };
    let mut buf = vec![0u8; 1 << 20];
    let header = header_of_segment_len(MAX_HEADER_LEN);
    let t = token(&header, "{}");
    assert_eq!(t.find('.'), Some(MAX_HEADER_LEN));
    assert!(peek_header(t.as_bytes(), &mut buf).is_ok());
    assert_eq!(check(&t, &ANY), Ok(()));
    let header = format!(
        r#"{{"alg":"HS256","p":"{}"}}"#,
        "x".repeat(MAX_HEADER_LEN / 4 * 3 - 22 + 1)
    );
    let t = token(&header, "{}");
    assert_eq!(t.find('.'), Some(MAX_HEADER_LEN + 2));
    assert_eq!(peek_header(t.as_bytes(), &mut buf), Err(Error::TooLarge));
    assert_eq!(check(&t, &ANY), Err(Error::TooLarge));
}
