//! Wycheproof `hmac_sha256_test.json` against the raw HMAC layer of
//! `Hs256Key` (`verify_mac`, the exact check a token's signature goes through).
//!
//! - 256-bit tags with keys of at least 256 bits: `verify_mac` is `Ok` iff the
//!   vector is `valid`, for keys built with `new` and with `from_base64url`
//!   (the 520-bit keys take its hash-the-long-key path).
//! - Truncated tags are not HS256: they must never verify, whatever the label.
//! - Keys shorter than 256 bits are refused (RFC 7518 3.2) by both constructors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{Error, Hs256Key, KeyError};
use serde_json::Value;

mod common;

use common::{b64url as b64url_encode, hex_field};

fn load() -> Value {
    common::wycheproof("hmac_sha256_test.json")
}

#[test]
fn b64url_encode_sanity() {
    assert_eq!(b64url_encode(b""), "");
    assert_eq!(b64url_encode(b"f"), "Zg");
    assert_eq!(b64url_encode(b"fo"), "Zm8");
    assert_eq!(b64url_encode(b"foo"), "Zm9v");
    assert_eq!(b64url_encode(&[0xfb, 0xff]), "-_8");
}

#[test]
fn wycheproof_hmac_sha256() {
    let doc = load();
    assert_eq!(doc["algorithm"], "HMACSHA256");
    let number_of_tests = doc["numberOfTests"].as_u64().expect("numberOfTests") as usize;

    let mut full_tag_valid = 0usize;
    let mut full_tag_invalid = 0usize;
    let mut truncated_tag = 0usize;
    let mut short_key = 0usize;

    for group in doc["testGroups"].as_array().expect("testGroups") {
        let key_size = group["keySize"].as_u64().expect("keySize");
        let tag_size = group["tagSize"].as_u64().expect("tagSize");
        for test in group["tests"].as_array().expect("tests") {
            let tc_id = test["tcId"].as_u64().expect("tcId");
            let key = hex_field(test, "key");
            let msg = hex_field(test, "msg");
            let tag = hex_field(test, "tag");
            let result = test["result"].as_str().expect("result");
            assert_eq!(key.len() * 8, key_size as usize, "tcId {tc_id}");
            assert_eq!(tag.len() * 8, tag_size as usize, "tcId {tc_id}");
            let encoded = b64url_encode(&key);

            if key_size < 256 {
                // RFC 7518 3.2: an HS256 key must be at least 256 bits. These
                // are correct HMAC computations, but not acceptable HS256 keys.
                assert_eq!(
                    Hs256Key::new(&key).err(),
                    Some(Error::InvalidKey(KeyError::TooShort)),
                    "tcId {tc_id}"
                );
                assert_eq!(
                    Hs256Key::from_base64url(&encoded).err(),
                    Some(Error::InvalidKey(KeyError::TooShort)),
                    "tcId {tc_id}"
                );
                short_key += 1;
                continue;
            }

            let keys = [
                Hs256Key::new(&key).unwrap_or_else(|e| panic!("tcId {tc_id}: new: {e:?}")),
                Hs256Key::from_base64url(&encoded)
                    .unwrap_or_else(|e| panic!("tcId {tc_id}: from_base64url: {e:?}")),
            ];
            for k in &keys {
                let verdict = k.verify_mac(&msg, &tag);
                if tag_size == 256 {
                    match result {
                        "valid" => assert_eq!(verdict, Ok(()), "tcId {tc_id}"),
                        "invalid" => assert_eq!(verdict, Err(Error::Signature), "tcId {tc_id}"),
                        other => panic!("tcId {tc_id}: unexpected result {other}"),
                    }
                } else {
                    // A truncated tag is not an HS256 tag, even when it is a
                    // correct truncated HMAC (`valid` at the primitive level).
                    assert_eq!(
                        verdict,
                        Err(Error::Signature),
                        "tcId {tc_id}: truncated tag verified"
                    );
                }
            }
            if tag_size == 256 {
                if result == "valid" {
                    full_tag_valid += 1;
                } else {
                    full_tag_invalid += 1;
                }
            } else {
                truncated_tag += 1;
            }
        }
    }

    eprintln!(
        "wycheproof hmac: {full_tag_valid} valid + {full_tag_invalid} invalid full tags, \
         {truncated_tag} truncated tags, {short_key} short keys"
    );
    assert!(full_tag_valid > 0, "no valid full-tag case ran");
    assert!(full_tag_invalid > 0, "no invalid full-tag case ran");
    assert!(truncated_tag > 0, "no truncated-tag case ran");
    assert!(short_key > 0, "no short-key case ran");
    assert_eq!(
        full_tag_valid + full_tag_invalid + truncated_tag + short_key,
        number_of_tests
    );
}

/// Appending, dropping or altering one byte of a valid tag never verifies.
#[test]
fn tag_length_and_bit_flips() {
    let doc = load();
    let group = doc["testGroups"]
        .as_array()
        .expect("testGroups")
        .iter()
        .find(|g| g["keySize"] == 256 && g["tagSize"] == 256)
        .expect("a 256/256 group");
    let test = group["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .find(|t| t["result"] == "valid")
        .expect("a valid test");
    let key = Hs256Key::new(&hex_field(test, "key")).expect("key");
    let msg = hex_field(test, "msg");
    let tag = hex_field(test, "tag");
    assert_eq!(key.verify_mac(&msg, &tag), Ok(()));

    let mut longer = tag.clone();
    longer.push(0);
    assert_eq!(key.verify_mac(&msg, &longer), Err(Error::Signature));
    assert_eq!(key.verify_mac(&msg, &tag[..31]), Err(Error::Signature));
    assert_eq!(key.verify_mac(&msg, &[]), Err(Error::Signature));
    for bit in 0..tag.len() * 8 {
        let mut flipped = tag.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        assert_eq!(
            key.verify_mac(&msg, &flipped),
            Err(Error::Signature),
            "bit {bit}"
        );
    }
}
