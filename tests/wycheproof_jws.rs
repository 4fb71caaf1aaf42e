//! Wycheproof `json_web_signature_test.json` through `verify`.
//!
//! The payloads are arbitrary bytes (`Zm9v` is "foo"), not JWT claims, so a
//! token whose signature verifies is still rejected as malformed claims. The
//! verdicts compared with the vectors are therefore about the JWS layer:
//!
//! - `valid`: `Ok`, or an error that can only be raised *after* the signature
//!   check passed (claims errors);
//! - `invalid`: an error raised at or before the signature check, or
//!   `Malformed(Claims)` for a payload segment that is not strict base64url
//!   (tcId 368, 369, 371, 375: the MAC over the transmitted bytes is correct,
//!   and the verifier decodes the payload only after checking it). The test
//!   tells the two `Malformed(Claims)` cases apart with its own strict
//!   base64url decoder, and checks that the MAC did verify.
//!
//! Every token of the non-HS256 groups (RS*, PS*, ES*) must be rejected at or
//! before the signature check by an HS256 key: this covers the
//! symmetric/asymmetric key-confusion test (tcId 31).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use jwt_embedded::{Error, Hs256Key, Part, RequiredClaims, Validation, verify};
use serde_json::Value;

mod common;

use common::{b64url_decode, jws_tests as tests};

/// tcIds upstream labels wrongly (see tests/vectors/README.md): labelled
/// `invalid` but byte-identical to the valid tcId 357.
const MISLABELLED_INVALID: [u64; 2] = [367, 370];
/// Labelled `valid` although a `?` was inserted into the signed part.
const MISLABELLED_VALID: [u64; 2] = [372, 373];

const POLICY: Validation<'static> = Validation::new()
    .required(RequiredClaims::NONE)
    .danger_accept_any_audience();

fn load() -> Value {
    common::wycheproof("json_web_signature_test.json")
}

/// A verdict about the JWS layer (signature and encoding) only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// The JWS verified.
    JwsValid,
    /// The JWS did not verify.
    JwsInvalid,
}

/// The verdict from where in the pipeline `result` was decided: `Ok` or an
/// error only reachable after the signature verified, versus an error at or
/// before the signature check.
fn stage(result: Result<(), Error>) -> Verdict {
    match result {
        Ok(()) => Verdict::JwsValid,
        Err(
            Error::Malformed(Part::Claims)
            | Error::InvalidClaimType(_)
            | Error::MissingClaim(_)
            | Error::Expired
            | Error::NotYetValid
            | Error::Audience
            | Error::Issuer,
        ) => Verdict::JwsValid,
        Err(
            Error::Malformed(Part::Token | Part::Header | Part::Signature)
            | Error::Algorithm
            | Error::Signature
            | Error::Crit
            | Error::TooLarge,
        ) => Verdict::JwsInvalid,
        Err(other) => panic!("unexpected error for this policy and buffer: {other:?}"),
    }
}

/// Whether `token` was a valid JWS (for `key`), judging from `result`.
///
/// `Malformed(Claims)` comes after the MAC check. It means "valid JWS whose
/// payload is not JWT claims" when the payload segment is strict base64url,
/// and "invalid JWS" when it is not (the signature covers the transmitted
/// characters, so a MAC over a badly encoded payload does verify).
fn jws_verdict(token: &str, key: &Hs256Key, result: Result<(), Error>) -> Verdict {
    if result == Err(Error::Malformed(Part::Claims)) {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            panic!("Malformed(Claims) for a token without three segments: {token}");
        };
        let tag = b64url_decode(signature).expect("Malformed(Claims) with a bad signature segment");
        let signing_input = &token.as_bytes()[..header.len() + 1 + payload.len()];
        assert_eq!(
            key.verify_mac(signing_input, &tag),
            Ok(()),
            "Malformed(Claims) without a verified MAC: {token}"
        );
        if b64url_decode(payload).is_none() {
            return Verdict::JwsInvalid;
        }
    }
    stage(result)
}

fn run(token: &str, key: &Hs256Key) -> Result<(), Error> {
    let mut buf = vec![0u8; 64 * 1024];
    verify(token.as_bytes(), key, &POLICY, 1_700_000_000, &mut buf).map(|_| ())
}

fn is_hs256_group(group: &Value) -> bool {
    let jwk = &group["private"];
    jwk["kty"] == "oct" && jwk["alg"] == "HS256"
}

fn hs256_key(group: &Value) -> Hs256Key {
    let k = group["private"]["k"].as_str().expect("oct JWK k");
    Hs256Key::from_base64url(k).expect("Wycheproof HS256 keys are 256 bits")
}

#[test]
fn hs256_groups() {
    let doc = load();
    let groups = doc["testGroups"].as_array().expect("testGroups");

    let mut outcomes: BTreeMap<u64, (Verdict, Result<(), Error>)> = BTreeMap::new();
    let mut jws_by_id: BTreeMap<u64, &str> = BTreeMap::new();
    let (mut valid, mut invalid) = (0usize, 0usize);

    for group in groups.iter().filter(|g| is_hs256_group(g)) {
        let key = hs256_key(group);
        for (tc_id, jws, result) in tests(group) {
            let outcome = run(jws, &key);
            let got = jws_verdict(jws, &key, outcome);
            outcomes.insert(tc_id, (got, outcome));
            jws_by_id.insert(tc_id, jws);

            let expected = match result {
                "valid" => Verdict::JwsValid,
                "invalid" => Verdict::JwsInvalid,
                other => panic!("tcId {tc_id}: unexpected result {other}"),
            };
            if MISLABELLED_INVALID.contains(&tc_id) || MISLABELLED_VALID.contains(&tc_id) {
                // Expected disagreement with the upstream label, asserted below.
                continue;
            }
            assert_eq!(got, expected, "tcId {tc_id} ({result}): got {outcome:?}");
            if expected == Verdict::JwsValid {
                valid += 1;
            } else {
                invalid += 1;
            }
        }
    }

    // Exactly the HS256 test cases the vectors' README lists.
    let expected_ids: BTreeSet<u64> = (1..=17).chain([348, 352]).chain(357..=377).collect();
    assert_eq!(
        outcomes.keys().copied().collect::<BTreeSet<_>>(),
        expected_ids
    );

    // The known upstream mislabels: 367/370 are the valid tcId 357 verbatim
    // (so they verify), 372/373 have a `?` in the signed part (so they don't).
    for tc_id in MISLABELLED_INVALID {
        assert_eq!(jws_by_id[&tc_id], jws_by_id[&357], "tcId {tc_id}");
        assert_eq!(
            outcomes[&tc_id].0,
            Verdict::JwsValid,
            "tcId {tc_id}: {:?}",
            outcomes[&tc_id].1
        );
    }
    for tc_id in MISLABELLED_VALID {
        assert!(jws_by_id[&tc_id].contains('?'), "tcId {tc_id}");
        assert_eq!(
            outcomes[&tc_id].0,
            Verdict::JwsInvalid,
            "tcId {tc_id}: {:?}",
            outcomes[&tc_id].1
        );
    }

    // Pin down a few exact errors.
    let exact = [
        (1, Err(Error::Malformed(Part::Claims))), // valid MAC, payload "foo"
        (2, Err(Error::Signature)),
        (3, Err(Error::Malformed(Part::Signature))),
        (4, Err(Error::Malformed(Part::Token))),
        (13, Err(Error::Malformed(Part::Token))),
        (14, Err(Error::Malformed(Part::Token))),
        (16, Err(Error::Algorithm)),                   // alg none
        (348, Err(Error::Malformed(Part::Claims))),    // RFC 7520 4.4: valid MAC, text payload
        (360, Err(Error::Malformed(Part::Signature))), // spaces before the MAC
        (365, Err(Error::Malformed(Part::Header))),    // spaces after the header
        (368, Err(Error::Malformed(Part::Claims))),    // spaces in the payload, valid MAC
        (374, Err(Error::Signature)),                  // unused bits modified after MACing
        (375, Err(Error::Malformed(Part::Claims))),    // MAC over a non-canonical encoding
    ];
    for (tc_id, expected) in exact {
        assert_eq!(outcomes[&tc_id].1, expected, "tcId {tc_id}");
    }

    eprintln!("wycheproof jws HS256: {valid} valid, {invalid} invalid, 4 known mislabels");
    assert!(valid > 0 && invalid > 0);
    assert_eq!(valid + invalid + 4, expected_ids.len());
}

#[test]
fn other_algorithms_rejected_by_hs256_key() {
    let doc = load();
    let groups = doc["testGroups"].as_array().expect("testGroups");

    // Some unrelated secret, plus every Wycheproof HS256 key.
    let mut keys = vec![Hs256Key::new(&[0x5a; 32]).expect("key")];
    keys.extend(groups.iter().filter(|g| is_hs256_group(g)).map(hs256_key));

    let mut cases = 0usize;
    let mut key_confusion_seen = false;
    for group in groups.iter().filter(|g| !is_hs256_group(g)) {
        for (tc_id, jws, _) in tests(group) {
            for key in &keys {
                let outcome = run(jws, key);
                assert_eq!(
                    stage(outcome),
                    Verdict::JwsInvalid,
                    "tcId {tc_id}: {outcome:?}"
                );
            }
            if tc_id == 31 {
                // An HS256 token MACed with the EC public key's bytes.
                assert_eq!(run(jws, &keys[0]), Err(Error::Signature));
                key_confusion_seen = true;
            }
            cases += 1;
        }
    }
    eprintln!("wycheproof jws: {cases} non-HS256 tokens rejected");
    assert!(key_confusion_seen, "tcId 31 not run");
    assert!(cases > 0);
    let hs256_total: usize = groups
        .iter()
        .filter(|g| is_hs256_group(g))
        .map(|g| g["tests"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(
        cases + hs256_total,
        doc["numberOfTests"].as_u64().expect("numberOfTests") as usize
    );
}
