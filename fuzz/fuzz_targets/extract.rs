//! Fuzzes the two token extractors, `bearer_token` and `cookie_token`,
//! against reference readings written here from the RFC grammars with
//! regular-expression-like string handling (a different shape from the
//! library's single pass).
//!
//! Input: `[n] [n bytes: the cookie name] [header value bytes]`. Asserted,
//! for both extractors: no panic; the same verdict as the reference (the
//! token or the exact `Error`); a returned token is a sub-slice of the input
//! (same memory, not a copy); and the call is deterministic.
#![no_main]

use jwt_embedded::{Error, Part, bearer_token, cookie_token};
use libfuzzer_sys::fuzz_target;

fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if !is_ows(*first) {
            break;
        }
        s = rest;
    }
    while let [rest @ .., last] = s {
        if !is_ows(*last) {
            break;
        }
        s = rest;
    }
    s
}

/// RFC 6750 §2.1: `Bearer` (any case) 1*SP b64token, b64token =
/// 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
fn reference_bearer(value: &[u8]) -> Result<&[u8], Error> {
    let value = trim(value);
    if value.len() < 6 || !value[..6].eq_ignore_ascii_case(b"bearer") {
        return Err(Error::NoToken);
    }
    let rest = &value[6..];
    if rest.is_empty() {
        return Err(Error::Malformed(Part::Credential));
    }
    if rest[0] != b' ' {
        return Err(Error::NoToken);
    }
    let token = &rest[rest.iter().take_while(|&&b| b == b' ').count()..];
    let text = std::str::from_utf8(token).map_err(|_| Error::Malformed(Part::Credential))?;
    let body = text.trim_end_matches('=');
    let b64 = |c: char| c.is_ascii_alphanumeric() || "-._~+/".contains(c);
    if body.is_empty() || !body.chars().all(b64) {
        return Err(Error::Malformed(Part::Credential));
    }
    Ok(token)
}

/// RFC 6265 §4.2.1 with §5.4's tolerance of `;` without a space.
fn reference_cookie<'a>(value: &'a [u8], name: &str) -> Result<&'a [u8], Error> {
    let matches: Vec<&[u8]> = value
        .split(|&b| b == b';')
        .map(trim)
        .filter_map(|pair| {
            let eq = pair.iter().position(|&b| b == b'=')?;
            (&pair[..eq] == name.as_bytes()).then(|| &pair[eq + 1..])
        })
        .collect();
    let value = match matches.as_slice() {
        [] => return Err(Error::NoToken),
        [one] => *one,
        _ => return Err(Error::DuplicateCookie),
    };
    let inner = if value.len() >= 2 && value[0] == b'"' && value[value.len() - 1] == b'"' {
        &value[1..value.len() - 1]
    } else {
        value
    };
    let octet = |b: &u8| matches!(*b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E);
    if inner.is_empty() || !inner.iter().all(octet) {
        return Err(Error::Malformed(Part::Credential));
    }
    Ok(inner)
}

/// Whether `part` lies inside `whole` (a borrow of it, not a copy).
fn within(part: &[u8], whole: &[u8]) -> bool {
    let (start, end) = (
        whole.as_ptr() as usize,
        whole.as_ptr() as usize + whole.len(),
    );
    let p = part.as_ptr() as usize;
    p >= start && p + part.len() <= end
}

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n % 16).min(rest.len());
    let (name, value) = rest.split_at(n);
    let Ok(name) = std::str::from_utf8(name) else {
        return;
    };

    let bearer = bearer_token(value);
    assert_eq!(
        bearer,
        bearer_token(value),
        "bearer_token is not deterministic"
    );
    assert_eq!(
        bearer,
        reference_bearer(value),
        "bearer_token disagrees with the reference"
    );
    if let Ok(token) = bearer {
        assert!(
            within(token, value),
            "bearer token is not a sub-slice of the input"
        );
    }

    let cookie = cookie_token(value, name);
    assert_eq!(
        cookie,
        cookie_token(value, name),
        "cookie_token is not deterministic"
    );
    assert_eq!(
        cookie,
        reference_cookie(value, name),
        "cookie_token disagrees with the reference"
    );
    if let Ok(token) = cookie {
        assert!(
            within(token, value),
            "cookie token is not a sub-slice of the input"
        );
    }
});
