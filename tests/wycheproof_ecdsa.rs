//! Wycheproof `ecdsa_secp256r1_sha256_p1363_test.json` (ES256) and
//! `ecdsa_secp384r1_sha384_p1363_test.json` (ES384) through `verify_raw`.
//!
//! The P1363 files carry signatures as `r ‖ s`, exactly JOSE's encoding
//! (RFC 7518 §3.4). Each group's key is imported from every form the file
//! gives (SPKI DER, PEM, the uncompressed point, `wx`/`wy` and the JWK), and
//! the forms must agree. `valid` cases must verify and `invalid` ones must
//! fail with `Error::Signature`; the files have no `acceptable` case (if
//! one appears, the pinned counts fail). Every case also goes through
//! `VerifyingKey::verify_signature` with the signature base64url-encoded, as
//! in a token: a signature of the wrong length (`SignatureSize`) is then
//! `Malformed(Signature)`, any other verdict is the same as `verify_raw`'s.
//!
//! Every group key is accepted: the `EdgeCasePublicKey` groups use unusual
//! but valid points. Valid signatures include high-S ones (RFC 7518 does not
//! ask for low-S); r or s equal to 0 or not below n (`RangeCheck`,
//! `InvalidSignature`, `ArithmeticError`) are refused.

#![cfg(any(feature = "es256", feature = "es384"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{Error, Part};
use serde_json::Value;

mod common;

use common::{
    EcdsaUnderTest, SigVerifier, SignatureCounts, b64url, ecdsa_group_key, flags, hex_field,
};

/// Every case of `file` through a key of type `K`.
/// Returns the counts, the signatures of the wrong length (refused by
/// `verify_signature` as malformed) and the groups without a JWK.
fn run_file<K: EcdsaUnderTest>(file: &str) -> (SignatureCounts, usize, usize) {
    let doc = common::wycheproof(file);
    assert_eq!(doc["schema"], "ecdsa_p1363_verify_schema_v1.json");
    let keys = std::cell::RefCell::new(Vec::<K>::new());
    let malformed = std::cell::Cell::new(0);
    let import = |group: &Value| -> Result<SigVerifier, Error> {
        assert_eq!(group["publicKey"]["keySize"], 8 * K::CURVE.len());
        let key = ecdsa_group_key::<K>(group)?;
        keys.borrow_mut().push(key.clone());
        Ok(Box::new(move |m: &[u8], s: &[u8]| key.raw_verify(m, s)))
    };
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
            let expected = if signature.len() != K::SIG_LEN {
                malformed.set(malformed.get() + 1);
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
    let without_jwk = doc["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g["publicKeyJwk"].is_object())
        .count();
    eprintln!(
        "{file}: {counts:?}, {} of the wrong length, {without_jwk} groups without a JWK",
        malformed.get()
    );
    (counts, malformed.get(), without_jwk)
}

#[cfg(feature = "es256")]
#[test]
fn es256_p1363() {
    let counts = run_file::<jwt_embedded::Es256Key>("ecdsa_secp256r1_sha256_p1363_test.json");
    assert_eq!(
        counts,
        (
            SignatureCounts {
                total: 262,
                valid: 173,
                invalid: 89,
                acceptable: 0,
                key_refused: 0,
                groups_refused: 0,
            },
            21,
            9
        )
    );
}

#[cfg(feature = "es384")]
#[test]
fn es384_p1363() {
    let counts = run_file::<jwt_embedded::Es384Key>("ecdsa_secp384r1_sha384_p1363_test.json");
    assert_eq!(
        counts,
        (
            SignatureCounts {
                total: 280,
                valid: 193,
                invalid: 87,
                acceptable: 0,
                key_refused: 0,
                groups_refused: 0,
            },
            19,
            9
        )
    );
}

/// A key of the other curve refuses every group key (`Curve` from DER, PEM
/// and the JWK; `Point` for the raw point, of the other length), and a
/// valid signature of one file never verifies under the other's key type.
#[cfg(all(feature = "es256", feature = "es384"))]
#[test]
fn curves_do_not_mix() {
    use jwt_embedded::{Es256Key, Es384Key, KeyError};
    let p256 = common::wycheproof("ecdsa_secp256r1_sha256_p1363_test.json");
    let p384 = common::wycheproof("ecdsa_secp384r1_sha384_p1363_test.json");
    let curve = Some(Error::InvalidKey(KeyError::Curve));
    let point = Some(Error::InvalidKey(KeyError::Point));
    let mut groups = 0;
    for group in p256["testGroups"].as_array().unwrap() {
        assert_eq!(
            Es384Key::from_public_key_der(&hex_field(group, "publicKeyDer")).err(),
            curve
        );
        assert_eq!(
            Es384Key::from_pem(group["publicKeyPem"].as_str().unwrap()).err(),
            curve
        );
        if group["publicKeyJwk"].is_object() {
            assert_eq!(
                Es384Key::from_jwk(&group["publicKeyJwk"].to_string()).err(),
                curve
            );
        }
        assert_eq!(
            Es384Key::from_sec1_bytes(&hex_field(&group["publicKey"], "uncompressed")).err(),
            point
        );
        groups += 1;
    }
    for group in p384["testGroups"].as_array().unwrap() {
        assert_eq!(
            Es256Key::from_public_key_der(&hex_field(group, "publicKeyDer")).err(),
            curve
        );
        assert_eq!(
            Es256Key::from_pem(group["publicKeyPem"].as_str().unwrap()).err(),
            curve
        );
        if group["publicKeyJwk"].is_object() {
            assert_eq!(
                Es256Key::from_jwk(&group["publicKeyJwk"].to_string()).err(),
                curve
            );
        }
        assert_eq!(
            Es256Key::from_sec1_bytes(&hex_field(&group["publicKey"], "uncompressed")).err(),
            point
        );
        groups += 1;
    }
    assert_eq!(groups, 112 + 104);
}
