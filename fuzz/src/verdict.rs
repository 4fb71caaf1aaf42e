//! The verdict checks the `verify_*` targets share: `verify` under the
//! default policy at a fixed `now`, the shape of an accepted token, the same
//! result twice (different buffers) and through `&dyn VerifyingKey`.

use jwt_embedded::{Algorithm, Error, Validation, VerifyingKey, buffer_len, verify};

use crate::check::text;

/// The `now` of the `verify_*` targets.
pub const NOW: i64 = 1_700_000_000;

/// The verdict (the payload if accepted), checked for the shape of an
/// accepted token: exactly two `.`, no `=`, no whitespace, a header `alg`
/// naming the key's algorithm (`"Ed25519"` names EdDSA, RFC 9864), `exp`
/// present and no `aud` (the default policy).
pub fn once<K: VerifyingKey + ?Sized>(token: &[u8], key: &K, fill: u8) -> Result<String, Error> {
    let mut buf = vec![fill; buffer_len(token.len())];
    let verified = verify(token, key, &Validation::new(), NOW, &mut buf)?;
    assert_eq!(token.iter().filter(|&&b| b == b'.').count(), 2);
    assert!(!token.contains(&b'='), "padding accepted");
    assert!(
        !token.iter().any(u8::is_ascii_whitespace),
        "whitespace accepted"
    );
    let alg = text(verified.header().alg);
    assert_eq!(
        Algorithm::from_name(&alg),
        Some(key.algorithm()),
        "header alg {alg:?} is not the key's"
    );
    if key.algorithm() != Algorithm::EdDsa {
        assert_eq!(alg, key.algorithm().name(), "header alg");
    }
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

/// `once`, twice (different buffers): the same verdict.
pub fn outcome<K: VerifyingKey + ?Sized>(token: &[u8], key: &K) -> Result<String, Error> {
    let first = once(token, key, 0);
    assert_eq!(first, once(token, key, 0xa5), "verify is not deterministic");
    first
}

/// `outcome` monomorphic and through `&dyn VerifyingKey`, which must agree;
/// the key reports `alg`.
pub fn both<K: VerifyingKey>(token: &[u8], key: &K, alg: Algorithm) -> Result<String, Error> {
    assert_eq!(key.algorithm(), alg, "algorithm()");
    let mono = outcome(token, key);
    let dynamic: &dyn VerifyingKey = key;
    assert_eq!(
        mono,
        once(token, dynamic, 0x5a),
        "dyn and monomorphic differ"
    );
    mono
}

/// `message || "." || base64url(signature)`.
pub fn signed(message: &[u8], signature: &[u8]) -> Vec<u8> {
    let mut token = message.to_vec();
    token.push(b'.');
    token.extend_from_slice(crate::token::b64(signature).as_bytes());
    token
}

/// Whether `result` refuses the token for its signature.
pub fn signature_refused<T>(result: &Result<T, Error>) -> bool {
    matches!(
        result,
        Err(Error::Signature | Error::Malformed(jwt_embedded::Part::Signature))
    )
}
