//! Regression tests for what the fuzz targets (`fuzz/`) found: one test per
//! finding, named after it, reproducing the minimised input. See
//! `fuzz/README.md` for how findings are reproduced and minimised.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{Error, Hs256Key, RequiredClaims, Validation, buffer_len, verify};

mod common;

const SECRET: &[u8; 32] = b"jwt-embedded fuzz key, 32 bytes!";

/// `b64(header) '.' b64(payload) '.' b64(HMAC-SHA-256)`, signed with `hmac` directly.
fn sign(header: &str, payload: &str) -> Vec<u8> {
    common::hs256_token(SECRET, header, payload).into_bytes()
}

/// Found by the `header` target: a header `typ` whose decoded text is longer
/// than 64 bytes never matches the configured `typ`, even an identical one
/// (`typ_matches` decodes it into a 64-byte stack buffer and treats overflow
/// as a mismatch). RFC 7515 §4.1.9 sets no length limit, and the limit is not
/// documented. Failed closed (`Error::Type`): refused valid tokens rather
/// than accepting invalid ones. Fixed: `typ_matches` now compares the decoded
/// characters as a stream, with no buffer and no length limit.
///
/// Minimised fuzz input (`header` target; `[n] [policy] [header]`, policy
/// "the token's own typ"), kept as `fuzz/corpus/header/typ_longer_than_64_bytes`:
/// `06 00 00 00 80 00 00` + `{"alg":"HS256","typ":"application/xxxx…"}` (60 `x`).
/// Checked here also escaped, without the prefix, upper-cased, and against
/// an expected `typ` one character short.
#[test]
fn typ_longer_than_64_bytes_matches_itself() {
    let subtype = "x".repeat(60);
    let typ = format!("application/{subtype}");
    let escaped = format!("application\\/\\u0078{}", &subtype[1..]);
    let key = Hs256Key::new(SECRET).unwrap();
    for in_token in [typ.as_str(), &escaped, &subtype] {
        let token = sign(&format!(r#"{{"alg":"HS256","typ":"{in_token}"}}"#), "{}");
        for expected in [typ.as_str(), &subtype, &typ.to_ascii_uppercase()] {
            let policy = Validation::new()
                .required(RequiredClaims::NONE)
                .typ(expected);
            let mut buf = vec![0u8; buffer_len(token.len())];
            let verified = verify(&token, &key, &policy, 0, &mut buf);
            assert!(
                verified.is_ok(),
                "{in_token} vs {expected}: {:?}",
                verified.err()
            );
        }
        let policy = Validation::new()
            .required(RequiredClaims::NONE)
            .typ(&typ[..typ.len() - 1]);
        let mut buf = vec![0u8; buffer_len(token.len())];
        assert_eq!(
            verify(&token, &key, &policy, 0, &mut buf).err(),
            Some(Error::Type),
            "{in_token}: one character short"
        );
    }
}

/// The same rule within the limit, which holds today: the prefix and case
/// rules of RFC 7515 §4.1.9 apply to a long media type too.
#[test]
fn typ_of_64_bytes_matches_itself_and_its_short_form() {
    let subtype = "x".repeat(52);
    let typ = format!("application/{subtype}");
    assert_eq!(typ.len(), 64);
    let token = sign(&format!(r#"{{"alg":"HS256","typ":"{typ}"}}"#), "{}");
    let key = Hs256Key::new(SECRET).unwrap();
    for expected in [typ.as_str(), subtype.as_str(), &typ.to_ascii_uppercase()] {
        let policy = Validation::new()
            .required(RequiredClaims::NONE)
            .typ(expected);
        let mut buf = vec![0u8; buffer_len(token.len())];
        assert!(
            verify(&token, &key, &policy, 0, &mut buf).is_ok(),
            "{expected}"
        );
    }
}
