//! Fuzzes `jwt_embedded::verify` with HS256.
//!
//! Each input is verified twice as given (arbitrary bytes as a token, which
//! almost never pass the signature check) and, re-signed, as
//! `input || "." || base64url(HMAC(key, input))`, so that header/payload
//! parsing, claim types and validation are exercised past the MAC.
//!
//! Invariants: no panic; verifying twice (with different buffers) gives the
//! same result; an accepted token has exactly two '.', no '=' and no ASCII
//! whitespace, carries `exp` (required by default) and no `aud` (none
//! configured).
#![no_main]

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use jwt_embedded::{Hs256Key, Validation, buffer_len, verify};
use libfuzzer_sys::fuzz_target;
use sha2::Sha256;

const SECRET: &[u8; 32] = b"jwt-embedded fuzz key, 32 bytes!";
const NOW: i64 = 1_700_000_000;

fn check(token: &[u8]) {
    let key = Hs256Key::new(SECRET).expect("32-byte key");
    let validation = Validation::new();
    let mut buf1 = vec![0u8; buffer_len(token.len())];
    let mut buf2 = vec![0xa5u8; buffer_len(token.len())];
    let first = verify(token, &key, &validation, NOW, &mut buf1);
    let second = verify(token, &key, &validation, NOW, &mut buf2);
    assert_eq!(first, second, "verify is not deterministic");
    if let Ok(verified) = first {
        assert_eq!(token.iter().filter(|&&b| b == b'.').count(), 2);
        assert!(!token.contains(&b'='), "padding accepted");
        assert!(
            !token.iter().any(u8::is_ascii_whitespace),
            "whitespace accepted"
        );
        assert!(
            verified.claims().exp.is_some(),
            "exp is required by default"
        );
        assert!(
            verified.claims().aud.is_none(),
            "aud accepted with no audience configured"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);

    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET).expect("any key length");
    mac.update(data);
    let tag = mac.finalize().into_bytes();
    let mut signed = Vec::with_capacity(data.len() + 44);
    signed.extend_from_slice(data);
    signed.push(b'.');
    let mut sig = [0u8; 43];
    let sig = Base64UrlUnpadded::encode(&tag, &mut sig).expect("43 bytes fit a 32-byte tag");
    signed.extend_from_slice(sig.as_bytes());
    check(&signed);
});
