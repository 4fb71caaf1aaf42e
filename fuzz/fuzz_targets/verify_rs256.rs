//! Fuzzes `jwt_embedded::verify` with RS256, against a fixed 2048-bit key
//! (as `Rs256Key2048` and as the wider `Rs256Key3072`) and a fixed 4096-bit
//! key (`Rs256Key4096`).
//!
//! Input: `[selector] [token bytes]`. Bit 0 of the selector picks the key;
//! bit 1 also verifies `token || "." || base64url(signature)`, signed by the
//! `rsa` crate, so the payload parser and the claims checks are reached.
//!
//! Invariants: no panic; verifying twice (different buffers) gives the same
//! result; both widths give the same verdict for the 2048-bit key; an
//! accepted token has exactly two '.', no '=' and no ASCII whitespace, its
//! header `alg` is `RS256`, it carries `exp` and no `aud`; a correctly signed
//! token is never refused for its signature.
#![no_main]

use std::sync::OnceLock;

use jwt_embedded::{Error, Part, Rs256Key2048, Rs256Key3072, Rs256Key4096, Validation};
use jwt_embedded::{VerifyingKey, buffer_len, verify};
use jwt_embedded_fuzz::rs256::{TestKey, key_2048, key_4096};
use jwt_embedded_fuzz::token::b64;
use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_700_000_000;

fn outcome<K: VerifyingKey>(token: &[u8], key: &K) -> Result<String, Error> {
    let validation = Validation::new();
    let mut buf1 = vec![0u8; buffer_len(token.len())];
    let mut buf2 = vec![0xa5u8; buffer_len(token.len())];
    let first = verify(token, key, &validation, NOW, &mut buf1);
    let second = verify(token, key, &validation, NOW, &mut buf2);
    assert_eq!(first, second, "verify is not deterministic");
    let verified = first?;
    assert_eq!(token.iter().filter(|&&b| b == b'.').count(), 2);
    assert!(!token.contains(&b'='), "padding accepted");
    assert!(
        !token.iter().any(u8::is_ascii_whitespace),
        "whitespace accepted"
    );
    assert!(verified.header().alg.eq_str("RS256"), "alg");
    assert!(
        verified.claims().exp.is_some(),
        "exp is required by default"
    );
    assert!(
        verified.claims().aud.is_none(),
        "aud accepted with no audience configured"
    );
    Ok(verified.payload().to_owned())
}

/// The public keys, imported once.
fn keys() -> &'static (Rs256Key2048, Rs256Key3072, Rs256Key4096) {
    static KEYS: OnceLock<(Rs256Key2048, Rs256Key3072, Rs256Key4096)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let (small, big): (&TestKey, &TestKey) = (key_2048(), key_4096());
        (
            Rs256Key2048::from_components(&small.n, &small.e).expect("2048"),
            Rs256Key3072::from_components(&small.n, &small.e).expect("2048 in 3072"),
            Rs256Key4096::from_components(&big.n, &big.e).expect("4096"),
        )
    })
}

fn check(token: &[u8], wide: bool) -> Result<String, Error> {
    let (narrow, wider, key_4096) = keys();
    if wide {
        return outcome(token, key_4096);
    }
    let result = outcome(token, narrow);
    assert_eq!(result, outcome(token, wider), "key widths disagree");
    result
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, token)) = data.split_first() else {
        return;
    };
    let wide = selector & 1 == 1;
    let _ = check(token, wide);
    if selector & 2 == 0 {
        return;
    }
    let key = if wide { key_4096() } else { key_2048() };
    let mut signed = token.to_vec();
    signed.push(b'.');
    signed.extend_from_slice(b64(&key.sign(token)).as_bytes());
    let result = check(&signed, wide);
    assert!(
        !matches!(
            result,
            Err(Error::Signature | Error::Malformed(Part::Signature))
        ),
        "a valid signature was refused: {result:?}"
    );
});
