//! Comparisons of the crate's parsed values with the reference's.

use jwt_embedded::{Audience, Claims, Header, JsonStr};

use crate::reference::{RefClaims, RefHeader};

/// The decoded text of `s`, checked three ways (`chars`, `Display`,
/// `unescape_into`) and against `eq_str`.
pub fn text(s: JsonStr<'_>) -> String {
    let chars: String = s.chars().collect();
    assert_eq!(s.to_string(), chars, "Display differs from chars()");
    let mut buf = vec![0u8; s.raw().len()];
    let unescaped = s
        .unescape_into(&mut buf)
        .expect("decoded text is never longer than raw");
    assert_eq!(unescaped, chars, "unescape_into differs from chars()");
    assert!(s.eq_str(&chars), "eq_str rejects its own text");
    if let Some(plain) = s.as_str() {
        assert_eq!(plain, chars, "as_str differs from chars()");
    }
    chars
}

/// Asserts that the crate's claims are the reference's.
pub fn assert_claims(ours: &Claims<'_>, reference: &RefClaims) {
    assert_eq!(ours.iss.map(text), reference.iss, "iss");
    assert_eq!(ours.sub.map(text), reference.sub, "sub");
    assert_eq!(ours.jti.map(text), reference.jti, "jti");
    let aud = ours.aud.map(|a| {
        let list: Vec<String> = a.iter().map(text).collect();
        for s in &list {
            assert!(a.contains(s), "aud does not contain its own {s:?}");
        }
        (matches!(a, Audience::Many(_)), list)
    });
    assert_eq!(aud, reference.aud, "aud");
    let date = |d: Option<jwt_embedded::NumericDate>| d.map(|d| (d.seconds(), d.is_fractional()));
    let want = |d: Option<crate::reference::RefDate>| d.map(|d| (d.seconds(), d.fractional));
    assert_eq!(date(ours.exp), want(reference.exp), "exp");
    assert_eq!(date(ours.nbf), want(reference.nbf), "nbf");
    assert_eq!(date(ours.iat), want(reference.iat), "iat");
}

/// Asserts that the crate's header is the reference's.
pub fn assert_header(ours: &Header<'_>, reference: &RefHeader) {
    assert_eq!(text(ours.alg), reference.alg, "alg");
    assert_eq!(ours.typ.map(text), reference.typ, "typ");
    assert_eq!(ours.kid.map(text), reference.kid, "kid");
    assert_eq!(ours.cty.map(text), reference.cty, "cty");
}
