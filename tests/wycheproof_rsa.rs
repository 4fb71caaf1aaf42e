//! Wycheproof RSASSA-PKCS1-v1_5 SHA-256 vectors (2048, 3072 and 4096-bit
//! keys) through `Rs256Key::verify_raw`, and the RS256 groups of
//! `json_web_signature_test.json` through `verify`.
//!
//! Every group's key is imported four ways (SubjectPublicKeyInfo DER, PEM,
//! the JWK, and the PKCS#1 DER `publicKeyAsn`); the keys must be equal and
//! each test case is verified with each of them.
//!
//! Verdicts: `valid` must verify, `invalid` must be `Error::Signature`.
//! `acceptable` is decided by the flag, and only one flag occurs:
//! `MissingNull` (a `DigestInfo` without the `NULL` parameters, which
//! RFC 8017 §9.2 note 2 lets verifiers accept) is **rejected**: the verifier
//! compares with the one DER encoding it builds, which has the `NULL`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use jwt_embedded::{
    Error, KeyError, Part, RequiredClaims, Rs256Key, Rs256Key2048, Rsa2048, Rsa3072, Rsa4096,
    RsaWidth, Validation, verify,
};
use serde_json::Value;

mod common;

use common::{header_alg, hex, jws_tests, wycheproof as load};

/// Case counts of one vector file.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    valid: usize,
    invalid: usize,
    acceptable: usize,
}

/// The group's key through every import path; they must agree.
fn group_keys<W: RsaWidth>(group: &Value) -> Result<Vec<Rs256Key<W>>, Error> {
    let spki = Rs256Key::<W>::from_public_key_der(&hex(&group["publicKeyDer"]));
    let pem = Rs256Key::<W>::from_pem(group["publicKeyPem"].as_str().expect("pem"));
    let jwk = Rs256Key::<W>::from_jwk(&group["keyJwk"].to_string());
    let pkcs1 = Rs256Key::<W>::from_pkcs1_der(&hex(&group["publicKeyAsn"]));
    let keys = [spki, pem, jwk, pkcs1];
    for key in &keys[1..] {
        assert_eq!(key, &keys[0], "import paths disagree");
    }
    keys.into_iter().collect()
}

/// Runs every case of `file` with keys of width `L`; returns the counts.
fn run_file<W: RsaWidth>(file: &str, key_size: u32) -> Counts {
    let doc = load(file);
    let mut counts = Counts::default();
    for group in doc["testGroups"].as_array().expect("testGroups") {
        assert_eq!(group["keySize"].as_u64(), Some(u64::from(key_size)));
        assert_eq!(group["sha"], "SHA-256");
        let keys = group_keys::<W>(group).expect("Wycheproof keys are valid");
        let e = u32::from_str_radix(group["publicKey"]["publicExponent"].as_str().unwrap(), 16);
        assert_eq!(keys[0].public_exponent(), e.unwrap());
        assert_eq!(keys[0].modulus_bits(), key_size);
        assert_eq!(keys[0].modulus_len(), key_size as usize / 8);
        for case in group["tests"].as_array().expect("tests") {
            let (msg, sig) = (hex(&case["msg"]), hex(&case["sig"]));
            let id = case["tcId"].as_u64().unwrap();
            let flags: Vec<&str> = case["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            let expected = match case["result"].as_str().unwrap() {
                "valid" => {
                    counts.valid += 1;
                    Ok(())
                }
                "invalid" => {
                    counts.invalid += 1;
                    Err(Error::Signature)
                }
                "acceptable" if flags == ["MissingNull"] => {
                    counts.acceptable += 1;
                    Err(Error::Signature) // the documented decision: rejected
                }
                other => panic!("{file} tcId {id}: unhandled result {other} {flags:?}"),
            };
            for key in &keys {
                let got = key.verify_raw(&msg, &sig);
                assert_eq!(got, expected, "{file} tcId {id} {flags:?}");
            }
        }
    }
    let total = counts.valid + counts.invalid + counts.acceptable;
    assert!(total > 0, "{file}: no case ran");
    assert_eq!(
        total as u64,
        doc["numberOfTests"].as_u64().unwrap(),
        "{file}"
    );
    eprintln!("{file}: {counts:?}");
    counts
}

type W2048 = Rsa2048;
type W3072 = Rsa3072;
type W4096 = Rsa4096;

/// The counts in the vector files: every valid case, every invalid one and
/// the one `MissingNull` case must have been seen.
#[track_caller]
fn assert_counts(counts: &Counts, valid: usize, invalid: usize) {
    let expected = Counts {
        valid,
        invalid,
        acceptable: 1,
    };
    assert_eq!(counts, &expected);
}

#[test]
fn rsa_signature_2048_sha256() {
    let counts = run_file::<W2048>("rsa_signature_2048_sha256_test.json", 2048);
    assert_counts(&counts, 9, 249);
}

#[test]
fn rsa_signature_3072_sha256() {
    let counts = run_file::<W3072>("rsa_signature_3072_sha256_test.json", 3072);
    assert_counts(&counts, 8, 250);
}

#[test]
fn rsa_signature_4096_sha256() {
    let counts = run_file::<W4096>("rsa_signature_4096_sha256_test.json", 4096);
    assert_counts(&counts, 7, 250);
}

/// A wider key type takes smaller keys, with the same verdicts.
#[test]
fn wider_types_accept_smaller_keys() {
    let counts = run_file::<W4096>("rsa_signature_2048_sha256_test.json", 2048);
    assert_counts(&counts, 9, 249);
    let counts = run_file::<W3072>("rsa_signature_2048_sha256_test.json", 2048);
    assert_counts(&counts, 9, 249);
}

/// A key type refuses keys wider than itself, through every import path.
#[test]
fn narrower_types_refuse_larger_keys() {
    for (file, narrower) in [
        ("rsa_signature_3072_sha256_test.json", 2048),
        ("rsa_signature_4096_sha256_test.json", 3072),
    ] {
        let doc = load(file);
        for group in doc["testGroups"].as_array().unwrap() {
            let refused = if narrower == 2048 {
                group_keys::<W2048>(group).err()
            } else {
                group_keys::<W3072>(group).err()
            };
            assert_eq!(
                refused,
                Some(Error::InvalidKey(KeyError::TooLarge)),
                "{file}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// json_web_signature_test.json: the RS256 groups through `verify`
// ---------------------------------------------------------------------------

const POLICY: Validation<'static> = Validation::new()
    .required(RequiredClaims::NONE)
    .danger_accept_any_audience();

/// Whether the JWS verified, judging from where `verify` stopped: the
/// payloads are arbitrary bytes (`foo`, `Test`, …), not JWT claims, so a
/// verified token is still refused with a claims error, which is only ever
/// raised after the signature check.
fn jws_verified(result: Result<(), Error>) -> bool {
    match result {
        Ok(()) | Err(Error::Malformed(Part::Claims)) => true,
        Err(
            Error::Malformed(Part::Token | Part::Header | Part::Signature)
            | Error::Algorithm
            | Error::Signature
            | Error::Crit,
        ) => false,
        Err(other) => panic!("unexpected error for this policy: {other:?}"),
    }
}

fn run_jws(token: &str, key: &Rs256Key2048) -> Result<(), Error> {
    let mut buf = vec![0u8; 64 * 1024];
    verify(token.as_bytes(), key, &POLICY, 1_700_000_000, &mut buf).map(|_| ())
}

/// The public key of an RSA group as bare `n` and `e`, without its JWK's
/// `alg`, `use` and `key_ops` restrictions.
fn bare_key(group: &Value) -> Rs256Key2048 {
    let jwk = &group["public"];
    Rs256Key2048::from_jwk_components(jwk["n"].as_str().unwrap(), jwk["e"].as_str().unwrap())
        .expect("2048-bit RSA key")
}

fn is_rsa(group: &Value) -> bool {
    group["public"]["kty"] == "RSA"
}

/// An RS256 group: the JWK says RS256, or says nothing about the algorithm
/// (tcId 353 and 355, whose keys are for encryption).
fn is_rs256_group(group: &Value) -> bool {
    is_rsa(group) && matches!(group["public"]["alg"].as_str(), None | Some("RS256"))
}

#[test]
fn rs256_jws_groups() {
    let doc = load("json_web_signature_test.json");
    let mut seen = BTreeSet::new();
    let (mut valid, mut invalid) = (0usize, 0usize);
    for group in doc["testGroups"].as_array().unwrap() {
        if !is_rs256_group(group) {
            continue;
        }
        let imported = Rs256Key2048::from_jwk(&group["public"].to_string());
        for (id, jws, label) in jws_tests(group) {
            seen.insert(id);
            if matches!(id, 353 | 355) {
                // `use: enc` / `key_ops: [encrypt]`: refused at import. The
                // signature itself is fine: the key's purpose is what fails.
                assert_eq!(imported, Err(Error::InvalidKey(KeyError::Use)), "tcId {id}");
                assert!(jws_verified(run_jws(jws, &bare_key(group))), "tcId {id}");
                assert_eq!(label, "invalid");
                invalid += 1;
                continue;
            }
            let key = imported.as_ref().expect("an RS256 signing JWK");
            assert_eq!(key, &bare_key(group));
            let result = run_jws(jws, key);
            let expected = match label {
                "valid" => true,
                "invalid" => false,
                other => panic!("tcId {id}: unexpected result {other}"),
            };
            assert_eq!(jws_verified(result), expected, "tcId {id}: {result:?}");
            if expected {
                valid += 1;
            } else {
                invalid += 1;
            }
        }
    }
    let expected_ids: BTreeSet<u64> = (33..=263).chain([345, 349, 353, 355]).collect();
    assert_eq!(seen, expected_ids);
    assert_eq!((valid, invalid), (8, 227));
    eprintln!("wycheproof jws RS256: {valid} valid, {invalid} invalid");
}

/// Every token of the other groups (HS256, ES*, PS*, RS384, RS512) is
/// refused by an RS256 key, at or before the signature check; an HS256
/// token never verifies against an RSA key (no key confusion).
#[test]
fn other_algorithms_rejected_by_rs256_key() {
    let doc = load("json_web_signature_test.json");
    let groups = doc["testGroups"].as_array().unwrap();
    let mut keys: Vec<Rs256Key2048> = groups.iter().filter(|g| is_rsa(g)).map(bare_key).collect();
    keys.dedup();
    let (mut cases, mut hs256) = (0usize, 0usize);
    for group in groups.iter().filter(|g| !is_rs256_group(g)) {
        if is_rsa(group) {
            // The group's own JWK is for another algorithm: refused.
            let jwk = group["public"].to_string();
            assert_eq!(
                Rs256Key2048::from_jwk(&jwk),
                Err(Error::InvalidKey(KeyError::Algorithm))
            );
        }
        for (id, jws, _) in jws_tests(group) {
            for key in &keys {
                let result = run_jws(jws, key);
                if id == 332 && key == &bare_key(group) {
                    // An `alg: RS256` token signed with the PS512 group's key:
                    // its bare n/e verify it; its JWK (alg PS512) is refused above.
                    assert!(jws_verified(result), "tcId 332: {result:?}");
                    continue;
                }
                assert!(!jws_verified(result), "tcId {id}: {result:?}");
                let three_segments = jws.split('.').count() == 3;
                if three_segments && header_alg(jws).as_deref() == Some("HS256") {
                    assert_eq!(result, Err(Error::Algorithm), "tcId {id}");
                    hs256 += 1;
                }
            }
            cases += 1;
        }
    }
    let rs256: usize = groups
        .iter()
        .filter(|g| is_rs256_group(g))
        .map(|g| g["tests"].as_array().unwrap().len())
        .sum();
    assert!(cases > 0 && hs256 > 0);
    assert_eq!(
        (cases + rs256) as u64,
        doc["numberOfTests"].as_u64().unwrap()
    );
    eprintln!("wycheproof jws: {cases} other tokens rejected by RS256 keys");
}
