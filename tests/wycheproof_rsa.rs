//! Wycheproof RSASSA-PKCS1-v1_5 vectors, SHA-256, SHA-384 and SHA-512 with
//! 2048, 3072 and 4096-bit keys, through `verify_raw` of `Rs256Key`,
//! `Rs384Key` and `Rs512Key` of each width, and the RS256 groups of
//! `json_web_signature_test.json` through `verify` (the groups of the other
//! algorithms are in `wycheproof_jws.rs`).
//!
//! Every group's key is imported every way the group offers it
//! (SubjectPublicKeyInfo DER, PEM, the PKCS#1 DER `publicKeyAsn`, `n`/`e`,
//! and the JWK, whose `alg` names the file's algorithm); the keys must be
//! equal and each test case is verified with each of them.
//!
//! Verdicts: `valid` must verify, `invalid` must be `Error::Signature`.
//! `acceptable` is decided by the flag, and only one flag occurs (once per
//! file): `MissingNull` (a `DigestInfo` without the `NULL` parameters, which
//! RFC 8017 §9.2 note 2 lets verifiers accept) is **rejected**: the verifier
//! compares with the one DER encoding it builds, which has the `NULL`.
//! The e = 3 groups of the 2048/3072 SHA-256 and SHA-512 files are valid keys.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use jwt_embedded::{
    Error, KeyError, Part, Ps256Key, Ps384Key, Ps512Key, RequiredClaims, Rs256Key, Rs256Key2048,
    Rs384Key, Rs512Key, Rsa2048, Rsa3072, Rsa4096, Validation, verify,
};
use serde_json::Value;

mod common;

use common::{
    RawVerifier, RsaUnderTest, flags, header_alg, hex, jws_tests, number_of_tests, raw_verifier,
    rsa_group_keys,
};

fn load(name: &str) -> Value {
    common::wycheproof(name)
}

/// Case counts of one vector file.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    valid: usize,
    invalid: usize,
    acceptable: usize,
}

/// The Wycheproof name of the hash of `K`'s algorithm.
fn sha_name<K: RsaUnderTest>() -> &'static str {
    match &K::ALG.name()[2..] {
        "256" => "SHA-256",
        "384" => "SHA-384",
        "512" => "SHA-512",
        other => panic!("{other}"),
    }
}

/// Runs every case of `file` with keys of type `K`; returns the counts.
fn run_file<K: RsaUnderTest>(file: &str, key_size: u32) -> Counts {
    let doc = load(file);
    assert_eq!(doc["schema"], "rsassa_pkcs1_verify_schema_v1.json");
    let mut counts = Counts::default();
    for group in doc["testGroups"].as_array().expect("testGroups") {
        assert_eq!(group["keySize"].as_u64(), Some(u64::from(key_size)));
        assert_eq!(group["sha"], sha_name::<K>());
        let imported = rsa_group_keys::<K>(group);
        let mut keys = imported.keys.expect("Wycheproof keys are valid");
        let jwk = imported.jwk.expect("the group has a JWK");
        assert_eq!(group["keyJwk"]["alg"], K::ALG.name());
        keys.push(jwk.expect("the JWK names this algorithm"));
        assert!(keys.iter().all(|k| k == &keys[0]));
        let e = u32::from_str_radix(group["publicKey"]["publicExponent"].as_str().unwrap(), 16);
        assert_eq!(keys[0].exponent(), e.unwrap());
        assert_eq!(keys[0].bits(), key_size);
        assert_eq!(keys[0].len_bytes(), key_size as usize / 8);
        for case in group["tests"].as_array().expect("tests") {
            let (msg, sig) = (hex(&case["msg"]), hex(&case["sig"]));
            let id = case["tcId"].as_u64().unwrap();
            let flags = flags(case);
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
                let got = key.raw_verify(&msg, &sig);
                assert_eq!(got, expected, "{file} tcId {id} {flags:?}");
            }
        }
    }
    let total = counts.valid + counts.invalid + counts.acceptable;
    assert_eq!(total, number_of_tests(&doc), "{file}");
    eprintln!("{file} as {}<{}>: {counts:?}", K::ALG.name(), K::WIDTH);
    counts
}

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
    let counts = run_file::<Rs256Key<Rsa2048>>("rsa_signature_2048_sha256_test.json", 2048);
    assert_counts(&counts, 9, 249);
}

#[test]
fn rsa_signature_3072_sha256() {
    let counts = run_file::<Rs256Key<Rsa3072>>("rsa_signature_3072_sha256_test.json", 3072);
    assert_counts(&counts, 8, 250);
}

#[test]
fn rsa_signature_4096_sha256() {
    let counts = run_file::<Rs256Key<Rsa4096>>("rsa_signature_4096_sha256_test.json", 4096);
    assert_counts(&counts, 7, 250);
}

#[test]
fn rsa_signature_2048_sha384() {
    let counts = run_file::<Rs384Key<Rsa2048>>("rsa_signature_2048_sha384_test.json", 2048);
    assert_counts(&counts, 7, 250);
}

#[test]
fn rsa_signature_3072_sha384() {
    let counts = run_file::<Rs384Key<Rsa3072>>("rsa_signature_3072_sha384_test.json", 3072);
    assert_counts(&counts, 7, 251);
}

#[test]
fn rsa_signature_4096_sha384() {
    let counts = run_file::<Rs384Key<Rsa4096>>("rsa_signature_4096_sha384_test.json", 4096);
    assert_counts(&counts, 7, 251);
}

#[test]
fn rsa_signature_2048_sha512() {
    let counts = run_file::<Rs512Key<Rsa2048>>("rsa_signature_2048_sha512_test.json", 2048);
    assert_counts(&counts, 8, 250);
}

#[test]
fn rsa_signature_3072_sha512() {
    let counts = run_file::<Rs512Key<Rsa3072>>("rsa_signature_3072_sha512_test.json", 3072);
    assert_counts(&counts, 8, 251);
}

#[test]
fn rsa_signature_4096_sha512() {
    let counts = run_file::<Rs512Key<Rsa4096>>("rsa_signature_4096_sha512_test.json", 4096);
    assert_counts(&counts, 7, 251);
}

/// A wider key type takes smaller keys, with the same verdicts.
#[test]
fn wider_types_accept_smaller_keys() {
    let f = "rsa_signature_2048_sha256_test.json";
    assert_counts(&run_file::<Rs256Key<Rsa3072>>(f, 2048), 9, 249);
    assert_counts(&run_file::<Rs256Key<Rsa4096>>(f, 2048), 9, 249);
    let f = "rsa_signature_2048_sha384_test.json";
    assert_counts(&run_file::<Rs384Key<Rsa3072>>(f, 2048), 7, 250);
    assert_counts(&run_file::<Rs384Key<Rsa4096>>(f, 2048), 7, 250);
    let f = "rsa_signature_2048_sha512_test.json";
    assert_counts(&run_file::<Rs512Key<Rsa3072>>(f, 2048), 8, 250);
    assert_counts(&run_file::<Rs512Key<Rsa4096>>(f, 2048), 8, 250);
    let f = "rsa_signature_3072_sha384_test.json";
    assert_counts(&run_file::<Rs384Key<Rsa4096>>(f, 3072), 7, 251);
    let f = "rsa_signature_3072_sha512_test.json";
    assert_counts(&run_file::<Rs512Key<Rsa4096>>(f, 3072), 8, 251);
}

/// Every import path of `K` refuses every group of `file` as too large.
fn refused_as_too_large<K: RsaUnderTest>(file: &str) -> usize {
    let doc = load(file);
    let groups = doc["testGroups"].as_array().unwrap();
    for group in groups {
        let imported = rsa_group_keys::<K>(group);
        let too_large = Error::InvalidKey(KeyError::TooLarge);
        assert_eq!(imported.keys.err(), Some(too_large), "{file}");
        assert_eq!(
            imported.jwk.map(|k| k.err()),
            Some(Some(too_large)),
            "{file}"
        );
    }
    groups.len()
}

/// A key type refuses keys wider than itself, through every import path.
#[test]
fn narrower_types_refuse_larger_keys() {
    let mut groups = 0;
    groups += refused_as_too_large::<Rs256Key<Rsa2048>>("rsa_signature_3072_sha256_test.json");
    groups += refused_as_too_large::<Rs256Key<Rsa2048>>("rsa_signature_4096_sha256_test.json");
    groups += refused_as_too_large::<Rs256Key<Rsa3072>>("rsa_signature_4096_sha256_test.json");
    groups += refused_as_too_large::<Rs384Key<Rsa2048>>("rsa_signature_3072_sha384_test.json");
    groups += refused_as_too_large::<Rs384Key<Rsa2048>>("rsa_signature_4096_sha384_test.json");
    groups += refused_as_too_large::<Rs384Key<Rsa3072>>("rsa_signature_4096_sha384_test.json");
    groups += refused_as_too_large::<Rs512Key<Rsa2048>>("rsa_signature_3072_sha512_test.json");
    groups += refused_as_too_large::<Rs512Key<Rsa2048>>("rsa_signature_4096_sha512_test.json");
    groups += refused_as_too_large::<Rs512Key<Rsa3072>>("rsa_signature_4096_sha512_test.json");
    assert_eq!(groups, 2 + 1 + 1 + 1 + 1 + 1 + 2 + 1 + 1);
}

/// The JWK of a file's groups (`alg` RS256/RS384/RS512) is refused by the
/// key types of every other algorithm with `InvalidKey(Algorithm)`.
#[test]
fn group_jwks_name_their_algorithm() {
    let mut refused = 0;
    for hash in ["sha256", "sha384", "sha512"] {
        for bits in [2048, 3072, 4096] {
            let file = format!("rsa_signature_{bits}_{hash}_test.json");
            let doc = load(&file);
            for group in doc["testGroups"].as_array().unwrap() {
                let jwk = group["keyJwk"].to_string();
                let alg = group["keyJwk"]["alg"].as_str().unwrap();
                assert_eq!(alg, format!("RS{}", &hash[3..]));
                let results = [
                    ("RS256", Rs256Key::<Rsa4096>::from_jwk(&jwk).err()),
                    ("RS384", Rs384Key::<Rsa4096>::from_jwk(&jwk).err()),
                    ("RS512", Rs512Key::<Rsa4096>::from_jwk(&jwk).err()),
                    ("PS256", Ps256Key::<Rsa4096>::from_jwk(&jwk).err()),
                    ("PS384", Ps384Key::<Rsa4096>::from_jwk(&jwk).err()),
                    ("PS512", Ps512Key::<Rsa4096>::from_jwk(&jwk).err()),
                ];
                for (name, result) in results {
                    if name == alg {
                        assert_eq!(result, None, "{file}");
                    } else {
                        assert_eq!(
                            result,
                            Some(Error::InvalidKey(KeyError::Algorithm)),
                            "{file}"
                        );
                        refused += 1;
                    }
                }
            }
        }
    }
    // 6 groups in the SHA-256 files, 3 in the SHA-384, 5 in the SHA-512 ones.
    assert_eq!(refused, 14 * 5);
}

/// The signatures a file labels `valid` verify only for the file's own
/// algorithm: the same public key as any other RSA type (the other hashes,
/// and RSA-PSS) rejects them with `Signature`.
#[test]
fn valid_signatures_only_verify_for_their_own_algorithm() {
    let mut checked = 0;
    for hash in ["256", "384", "512"] {
        for bits in [2048, 3072, 4096] {
            let file = format!("rsa_signature_{bits}_sha{hash}_test.json");
            let doc = load(&file);
            for group in doc["testGroups"].as_array().unwrap() {
                let n = hex(&group["publicKey"]["modulus"]);
                let e = hex(&group["publicKey"]["publicExponent"]);
                let verifiers: [(&str, RawVerifier); 6] = [
                    ("RS256", raw_verifier::<Rs256Key<Rsa4096>>(&n, &e)),
                    ("RS384", raw_verifier::<Rs384Key<Rsa4096>>(&n, &e)),
                    ("RS512", raw_verifier::<Rs512Key<Rsa4096>>(&n, &e)),
                    ("PS256", raw_verifier::<Ps256Key<Rsa4096>>(&n, &e)),
                    ("PS384", raw_verifier::<Ps384Key<Rsa4096>>(&n, &e)),
                    ("PS512", raw_verifier::<Ps512Key<Rsa4096>>(&n, &e)),
                ];
                for case in group["tests"].as_array().unwrap() {
                    if case["result"] != "valid" {
                        continue;
                    }
                    let (msg, sig) = (hex(&case["msg"]), hex(&case["sig"]));
                    let id = case["tcId"].as_u64().unwrap();
                    for (name, verify_raw) in &verifiers {
                        let expected = if name[2..] == *hash {
                            if name.starts_with("RS") {
                                Ok(())
                            } else {
                                Err(Error::Signature)
                            }
                        } else {
                            Err(Error::Signature)
                        };
                        assert_eq!(
                            verify_raw(&msg, &sig),
                            expected,
                            "{file} tcId {id} as {name}"
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    // valid cases: 9 + 8 + 7 (SHA-256), 7 + 7 + 7 (SHA-384), 8 + 8 + 7 (SHA-512)
    assert_eq!(checked, 24 + 21 + 23);
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
