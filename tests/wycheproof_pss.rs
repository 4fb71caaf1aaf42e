//! Wycheproof RSASSA-PSS vectors through `verify_raw` of `Ps256Key`,
//! `Ps384Key` and `Ps512Key`.
//!
//! JOSE fixes the PSS parameters (RFC 7518 3.5): MGF1 with the message hash,
//! and a salt exactly as long as the hash. So:
//!
//! - `rsa_pss_{2048,3072,4096}_sha256_mgf1_32`, `rsa_pss_{2048,4096}_sha384_mgf1_48`
//!   and `rsa_pss_4096_sha512_mgf1_64` are PS256 / PS384 / PS512 exactly and
//!   their verdicts apply as labelled: `valid` verifies (including the two
//!   `ModifiedSignature` cases whose salt is all zeros or all ones, and the
//!   `SpecialCaseHash` ones), `invalid` is `Signature` (including
//!   `WrongPrimitive`, a PKCS#1 v1.5 signature). No `acceptable` case exists.
//!   Each group's key is imported from its SubjectPublicKeyInfo DER, PEM,
//!   PKCS#1 DER, `n`/`e` and `publicKeyJwk` (whose `alg` is the file's).
//! - `rsa_pss_misc_test.json` has 150 groups, one `valid` signature each,
//!   for every combination of hash (SHA-1 .. SHA-512), MGF1 hash and salt
//!   length (0, 20, 28, 32, 48, 64), all with one 2048-bit key. Only the
//!   three with JOSE parameters verify (tcId 76: SHA-256/MGF1-SHA-256/32,
//!   113: SHA-384/48, 150: SHA-512/64), each for its own algorithm only;
//!   every other case is **rejected** (`Signature`) by all three key types:
//!   a JOSE verifier neither detects the salt length nor takes another MGF
//!   hash.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{
    Error, KeyError, Ps256Key, Ps384Key, Ps512Key, Rs256Key, Rs384Key, Rs512Key, Rsa2048, Rsa3072,
    Rsa4096,
};
use serde_json::Value;

mod common;

use common::{
    RawVerifier, RsaUnderTest, flags, hex, number_of_tests, raw_verifier, rsa_group_keys,
};

/// The hash of `K`'s algorithm: (Wycheproof name, output length in bytes).
fn hash_of<K: RsaUnderTest>() -> (&'static str, u64) {
    match &K::ALG.name()[2..] {
        "256" => ("SHA-256", 32),
        "384" => ("SHA-384", 48),
        "512" => ("SHA-512", 64),
        other => panic!("{other}"),
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    valid: usize,
    invalid: usize,
}

/// Runs every case of a JOSE-parameter file with keys of type `K`.
fn run_file<K: RsaUnderTest>(file: &str, key_size: u32) -> Counts {
    let doc = common::wycheproof(file);
    assert_eq!(doc["schema"], "rsassa_pss_verify_schema_v1.json");
    let (sha, h_len) = hash_of::<K>();
    let mut counts = Counts::default();
    for group in doc["testGroups"].as_array().unwrap() {
        assert_eq!(group["keySize"].as_u64(), Some(u64::from(key_size)));
        assert_eq!(group["sha"], sha, "{file}");
        assert_eq!(group["mgf"], "MGF1", "{file}");
        assert_eq!(group["mgfSha"], sha, "{file}");
        assert_eq!(group["sLen"].as_u64(), Some(h_len), "{file}");
        assert_eq!(group["publicKeyJwk"]["alg"], K::ALG.name(), "{file}");
        let imported = rsa_group_keys::<K>(group);
        let mut keys = imported.keys.expect("Wycheproof keys are valid");
        keys.push(
            imported
                .jwk
                .expect("publicKeyJwk")
                .expect("JWK for this algorithm"),
        );
        assert!(keys.iter().all(|k| k == &keys[0]));
        assert_eq!(keys[0].bits(), key_size);
        assert_eq!(keys[0].exponent(), 65537);
        for case in group["tests"].as_array().unwrap() {
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
                other => panic!("{file} tcId {id}: unhandled result {other} {flags:?}"),
            };
            for key in &keys {
                assert_eq!(
                    key.raw_verify(&msg, &sig),
                    expected,
                    "{file} tcId {id} {flags:?} ({})",
                    case["comment"]
                );
            }
        }
    }
    assert_eq!(
        counts.valid + counts.invalid,
        number_of_tests(&doc),
        "{file}"
    );
    eprintln!("{file} as {}<{}>: {counts:?}", K::ALG.name(), K::WIDTH);
    counts
}

#[track_caller]
fn assert_counts(counts: Counts, valid: usize, invalid: usize) {
    assert_eq!(counts, Counts { valid, invalid });
}

#[test]
fn rsa_pss_2048_sha256_mgf1_32() {
    let f = "rsa_pss_2048_sha256_mgf1_32_test.json";
    assert_counts(run_file::<Ps256Key<Rsa2048>>(f, 2048), 63, 45);
}

#[test]
fn rsa_pss_3072_sha256_mgf1_32() {
    let f = "rsa_pss_3072_sha256_mgf1_32_test.json";
    assert_counts(run_file::<Ps256Key<Rsa3072>>(f, 3072), 63, 45);
}

#[test]
fn rsa_pss_4096_sha256_mgf1_32() {
    let f = "rsa_pss_4096_sha256_mgf1_32_test.json";
    assert_counts(run_file::<Ps256Key<Rsa4096>>(f, 4096), 63, 45);
}

#[test]
fn rsa_pss_2048_sha384_mgf1_48() {
    let f = "rsa_pss_2048_sha384_mgf1_48_test.json";
    assert_counts(run_file::<Ps384Key<Rsa2048>>(f, 2048), 95, 46);
}

#[test]
fn rsa_pss_4096_sha384_mgf1_48() {
    let f = "rsa_pss_4096_sha384_mgf1_48_test.json";
    assert_counts(run_file::<Ps384Key<Rsa4096>>(f, 4096), 95, 46);
}

#[test]
fn rsa_pss_4096_sha512_mgf1_64() {
    let f = "rsa_pss_4096_sha512_mgf1_64_test.json";
    assert_counts(run_file::<Ps512Key<Rsa4096>>(f, 4096), 132, 47);
}

/// A wider key type takes smaller keys, with the same verdicts.
#[test]
fn wider_types_accept_smaller_keys() {
    let f = "rsa_pss_2048_sha256_mgf1_32_test.json";
    assert_counts(run_file::<Ps256Key<Rsa3072>>(f, 2048), 63, 45);
    assert_counts(run_file::<Ps256Key<Rsa4096>>(f, 2048), 63, 45);
    let f = "rsa_pss_3072_sha256_mgf1_32_test.json";
    assert_counts(run_file::<Ps256Key<Rsa4096>>(f, 3072), 63, 45);
    let f = "rsa_pss_2048_sha384_mgf1_48_test.json";
    assert_counts(run_file::<Ps384Key<Rsa4096>>(f, 2048), 95, 46);
}

/// Every import path of `K` refuses `file`'s group as too large.
fn refused_as_too_large<K: RsaUnderTest>(file: &str) {
    let doc = common::wycheproof(file);
    for group in doc["testGroups"].as_array().unwrap() {
        let imported = rsa_group_keys::<K>(group);
        let too_large = Error::InvalidKey(KeyError::TooLarge);
        assert_eq!(imported.keys.err(), Some(too_large), "{file}");
        assert_eq!(
            imported.jwk.map(|k| k.err()),
            Some(Some(too_large)),
            "{file}"
        );
    }
}

#[test]
fn narrower_types_refuse_larger_keys() {
    refused_as_too_large::<Ps256Key<Rsa2048>>("rsa_pss_3072_sha256_mgf1_32_test.json");
    refused_as_too_large::<Ps256Key<Rsa2048>>("rsa_pss_4096_sha256_mgf1_32_test.json");
    refused_as_too_large::<Ps256Key<Rsa3072>>("rsa_pss_4096_sha256_mgf1_32_test.json");
    refused_as_too_large::<Ps384Key<Rsa2048>>("rsa_pss_4096_sha384_mgf1_48_test.json");
    refused_as_too_large::<Ps384Key<Rsa3072>>("rsa_pss_4096_sha384_mgf1_48_test.json");
    refused_as_too_large::<Ps512Key<Rsa2048>>("rsa_pss_4096_sha512_mgf1_64_test.json");
    refused_as_too_large::<Ps512Key<Rsa3072>>("rsa_pss_4096_sha512_mgf1_64_test.json");
}

/// The `valid` signatures of the JOSE-parameter files verify only for their
/// own algorithm: the same key as RS256/384/512 or as the other PSS hashes
/// rejects them, and a group's JWK (`alg` PS256/384/512) is refused by the
/// key types of the other algorithms.
#[test]
fn valid_signatures_only_verify_for_their_own_algorithm() {
    let mut checked = 0;
    for file in [
        "rsa_pss_2048_sha256_mgf1_32_test.json",
        "rsa_pss_3072_sha256_mgf1_32_test.json",
        "rsa_pss_4096_sha256_mgf1_32_test.json",
        "rsa_pss_2048_sha384_mgf1_48_test.json",
        "rsa_pss_4096_sha384_mgf1_48_test.json",
        "rsa_pss_4096_sha512_mgf1_64_test.json",
    ] {
        let doc = common::wycheproof(file);
        let group = &doc["testGroups"][0];
        let own = group["publicKeyJwk"]["alg"].as_str().unwrap();
        let n = hex(&group["publicKey"]["modulus"]);
        let e = hex(&group["publicKey"]["publicExponent"]);
        let jwk = group["publicKeyJwk"].to_string();
        let keys = all_types(&n, &e, &jwk);
        for (name, _, jwk_import) in &keys {
            let expected = if *name == own {
                None
            } else {
                Some(Error::InvalidKey(KeyError::Algorithm))
            };
            assert_eq!(*jwk_import, expected, "{file}: JWK as {name}");
        }
        for case in group["tests"].as_array().unwrap() {
            if case["result"] != "valid" {
                continue;
            }
            let (msg, sig) = (hex(&case["msg"]), hex(&case["sig"]));
            for (name, verify_raw, _) in &keys {
                let expected = if *name == own {
                    Ok(())
                } else {
                    Err(Error::Signature)
                };
                assert_eq!(
                    verify_raw(&msg, &sig),
                    expected,
                    "{file} tcId {} as {name}",
                    case["tcId"]
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 63 * 3 + 95 * 2 + 132);
}

/// For each RSA algorithm: its name, `verify_raw` of a 4096-bit-wide key
/// with this `n` and `e`, and the error (if any) of importing `jwk` as it.
fn all_types(n: &[u8], e: &[u8], jwk: &str) -> Vec<(&'static str, RawVerifier, Option<Error>)> {
    fn one<K: RsaUnderTest>(
        n: &[u8],
        e: &[u8],
        jwk: &str,
    ) -> (&'static str, RawVerifier, Option<Error>) {
        let key = K::import_components(n, e).expect("key");
        (
            K::ALG.name(),
            Box::new(move |m, s| key.raw_verify(m, s)),
            K::import_jwk(jwk).err(),
        )
    }
    vec![
        one::<Rs256Key<Rsa4096>>(n, e, jwk),
        one::<Rs384Key<Rsa4096>>(n, e, jwk),
        one::<Rs512Key<Rsa4096>>(n, e, jwk),
        one::<Ps256Key<Rsa4096>>(n, e, jwk),
        one::<Ps384Key<Rsa4096>>(n, e, jwk),
        one::<Ps512Key<Rsa4096>>(n, e, jwk),
    ]
}

/// Whether a misc group's parameters are `K`'s (RFC 7518 3.5).
fn jose_parameters<K: RsaUnderTest>(group: &Value) -> bool {
    let (sha, h_len) = hash_of::<K>();
    group["sha"] == sha
        && group["mgf"] == "MGF1"
        && group["mgfSha"] == sha
        && group["sLen"].as_u64() == Some(h_len)
}

/// Runs every misc case with keys of type `K`; returns the tcIds that verified.
fn run_misc<K: RsaUnderTest>(doc: &Value) -> Vec<u64> {
    let mut verified = Vec::new();
    let mut cases = 0;
    for group in doc["testGroups"].as_array().unwrap() {
        assert_eq!(group["keySize"], 2048);
        let keys = rsa_group_keys::<K>(group).keys.expect("a 2048-bit key");
        assert!(group.get("publicKeyJwk").is_none());
        let matches = jose_parameters::<K>(group);
        for case in group["tests"].as_array().unwrap() {
            let id = case["tcId"].as_u64().unwrap();
            // Every case is a correct PSS signature for its own parameters.
            assert_eq!(case["result"], "valid", "tcId {id}");
            let (msg, sig) = (hex(&case["msg"]), hex(&case["sig"]));
            let expected = if matches {
                Ok(())
            } else {
                Err(Error::Signature)
            };
            for key in &keys {
                assert_eq!(
                    key.raw_verify(&msg, &sig),
                    expected,
                    "misc tcId {id} ({} / MGF1-{} / salt {}) as {}",
                    group["sha"],
                    group["mgfSha"],
                    group["sLen"],
                    K::ALG.name()
                );
            }
            if matches {
                verified.push(id);
            }
            cases += 1;
        }
    }
    assert_eq!(cases, number_of_tests(doc));
    verified
}

#[test]
fn rsa_pss_misc() {
    let doc = common::wycheproof("rsa_pss_misc_test.json");
    assert_eq!(number_of_tests(&doc), 150);
    assert_eq!(doc["testGroups"].as_array().unwrap().len(), 150);
    // One case each verifies; the other 149 of the 150 are rejected, per type.
    assert_eq!(run_misc::<Ps256Key<Rsa2048>>(&doc), [76]);
    assert_eq!(run_misc::<Ps384Key<Rsa2048>>(&doc), [113]);
    assert_eq!(run_misc::<Ps512Key<Rsa2048>>(&doc), [150]);
    // A wider type: the same verdicts.
    assert_eq!(run_misc::<Ps256Key<Rsa4096>>(&doc), [76]);
}

/// No misc signature (PSS, whatever its parameters) verifies as PKCS#1 v1.5.
#[test]
fn rsa_pss_misc_rejected_as_pkcs1() {
    let doc = common::wycheproof("rsa_pss_misc_test.json");
    let mut rejected = 0;
    for group in doc["testGroups"].as_array().unwrap() {
        let n = hex(&group["publicKey"]["modulus"]);
        let e = hex(&group["publicKey"]["publicExponent"]);
        let keys: [RawVerifier; 3] = [
            raw_verifier::<Rs256Key<Rsa2048>>(&n, &e),
            raw_verifier::<Rs384Key<Rsa2048>>(&n, &e),
            raw_verifier::<Rs512Key<Rsa2048>>(&n, &e),
        ];
        for case in group["tests"].as_array().unwrap() {
            let (msg, sig) = (hex(&case["msg"]), hex(&case["sig"]));
            for verify_raw in &keys {
                assert_eq!(
                    verify_raw(&msg, &sig),
                    Err(Error::Signature),
                    "tcId {}",
                    case["tcId"]
                );
                rejected += 1;
            }
        }
    }
    assert_eq!(rejected, 150 * 3);
}
