//! Wycheproof `ed25519_test.json` through `Ed25519Key::verify_raw`.
//!
//! Each group's key is imported from the SPKI DER, the PEM, the raw 32
//! bytes (`publicKey.pk`) and the JWK (`kty` OKP), and the four must agree.
//! `valid` cases must verify and `invalid` ones fail with `Error::Signature`;
//! the file has no `acceptable` case (if one appears, the pinned counts
//! fail). Every case also goes through `VerifyingKey::verify_signature` with
//! the signature base64url-encoded: a signature that is not 64 bytes
//! (`TruncatedSignature`, `SignatureWithGarbage`, `CompressedSignature`) is
//! then `Malformed(Signature)`, any other verdict is `verify_raw`'s.
//!
//! The library is strict (RFC 8032 §5.1.7 and beyond, see `src/eddsa.rs`):
//! `S >= L` (`SignatureMalleability`), a non-canonical or small-order `R`
//! and a non-canonical or small-order key are refused. Every key of this
//! file is canonical and of large order, so none is refused at import; the
//! valid `Ktv` and `TinkOverflow` signatures all pass the cofactorless
//! equation. Small-order and non-canonical keys are tested in `ec_keys.rs`.

#![cfg(feature = "eddsa")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{Ed25519Key, Error, Part, VerifyingKey};
use serde_json::Value;

mod common;

use common::{SigVerifier, SignatureCounts, b64url, flags, hex_field, str_field};

/// The group's key through every import path; all must agree.
fn group_key(group: &Value) -> Result<Ed25519Key, Error> {
    let results = [
        Ed25519Key::from_public_key_der(&hex_field(group, "publicKeyDer")),
        Ed25519Key::from_pem(str_field(group, "publicKeyPem")),
        Ed25519Key::from_slice(&hex_field(&group["publicKey"], "pk")),
        Ed25519Key::from_jwk(&group["publicKeyJwk"].to_string()),
    ];
    for (i, other) in results.iter().enumerate().skip(1) {
        assert_eq!(
            other, &results[0],
            "import path {i} disagrees with the SPKI DER"
        );
    }
    if let Ok(key) = &results[0] {
        assert_eq!(key.to_bytes()[..], hex_field(&group["publicKey"], "pk")[..]);
    }
    results.into_iter().next().unwrap()
}

#[test]
fn ed25519() {
    let doc = common::wycheproof("ed25519_test.json");
    assert_eq!(doc["schema"], "eddsa_verify_schema_v1.json");
    let keys = std::cell::RefCell::new(Vec::<Ed25519Key>::new());
    let import = |group: &Value| -> Result<SigVerifier, Error> {
        assert_eq!(group["publicKey"]["curve"], "edwards25519");
        let key = group_key(group)?;
        keys.borrow_mut().push(key.clone());
        Ok(Box::new(move |m: &[u8], s: &[u8]| key.verify_raw(m, s)))
    };
    let mut malformed = 0;
    let counts = common::run_signature_file(
        &doc,
        import,
        |case| panic!("no acceptable case expected: {case}"),
        |_, case, outcome| {
            let raw = outcome.expect("every key imports");
            let id = case["tcId"].as_u64().unwrap();
            let signature = hex_field(case, "sig");
            let key = keys.borrow().last().unwrap().clone();
            let jws = key.verify_signature(&hex_field(case, "msg"), b64url(&signature).as_bytes());
            let expected = if signature.len() != Ed25519Key::SIGNATURE_LEN {
                malformed += 1;
                Err(Error::Malformed(Part::Signature))
            } else {
                raw
            };
            assert_eq!(
                jws,
                expected,
                "tcId {id} ({:?}): verify_signature",
                flags(case)
            );
        },
    );
    eprintln!("ed25519_test.json: {counts:?}, {malformed} of the wrong length");
    assert_eq!(
        counts,
        SignatureCounts {
            total: 151,
            valid: 88,
            invalid: 63,
            acceptable: 0,
            key_refused: 0,
            groups_refused: 0,
        }
    );
    assert_eq!(malformed, 12);
}
