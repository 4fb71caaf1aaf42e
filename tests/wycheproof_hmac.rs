//! Wycheproof `hmac_sha{256,384,512}_test.json` against the raw HMAC layer
//! of `Hs256Key`, `Hs384Key` and `Hs512Key` (`verify_mac`, the exact check a
//! token's signature goes through), and against `VerifyingKey::verify_signature`
//! with the tag base64url-encoded as in a token.
//!
//! Our verdict for each case, decided in this order:
//!
//! 1. A key shorter than the hash output (`keySize` 128 / 192 / 256 bits in
//!    the SHA-256 / 384 / 512 files) is refused at import by `new`,
//!    `from_base64url` and `from_jwk` with `InvalidKey(TooShort)`
//!    (RFC 7518 3.2), whatever the case's label: these are correct HMAC
//!    computations, but not acceptable HS256/384/512 keys.
//! 2. A truncated tag (`tagSize` below the hash output) must never verify,
//!    even when it is a correct truncated HMAC (`valid` at the primitive
//!    level): JWS uses the full MAC.
//! 3. A full-size tag with an acceptable key (including the 520-bit keys,
//!    which take the hash-the-long-key path): `Ok` iff the case is `valid`,
//!    `Signature` otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{Error, Hs256Key, Hs384Key, Hs512Key, KeyError};
use serde_json::Value;

mod common;

use common::{HmacUnderTest, b64url, hex_field, number_of_tests};

#[test]
fn b64url_encode_sanity() {
    assert_eq!(b64url(b""), "");
    assert_eq!(b64url(b"f"), "Zg");
    assert_eq!(b64url(b"fo"), "Zm8");
    assert_eq!(b64url(b"foo"), "Zm9v");
    assert_eq!(b64url(&[0xfb, 0xff]), "-_8");
}

/// How many cases of a file fell in each class.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    /// Full-size tag, acceptable key, `valid`: verified.
    full_tag_valid: usize,
    /// Full-size tag, acceptable key, `invalid`: rejected.
    full_tag_invalid: usize,
    /// Truncated tag, acceptable key: rejected whatever the label.
    truncated_tag: usize,
    /// Key shorter than the hash output: refused at import.
    short_key: usize,
}

/// The key through `new`, `from_base64url` and `from_jwk` (with and without
/// `alg`): all refused alike, or all accepted.
fn imports<K: HmacUnderTest>(secret: &[u8]) -> Result<Vec<K>, Error> {
    let k = b64url(secret);
    let alg = K::ALG.name();
    let results = [
        K::import_secret(secret),
        K::import_b64(&k),
        K::import_jwk(&format!(r#"{{"kty":"oct","k":"{k}"}}"#)),
        K::import_jwk(&format!(
            r#"{{"kty":"oct","alg":"{alg}","use":"sig","k":"{k}"}}"#
        )),
    ];
    let verdicts: Vec<Option<Error>> = results.iter().map(|r| r.as_ref().err().copied()).collect();
    assert!(
        verdicts.iter().all(|v| v == &verdicts[0]),
        "import paths disagree: {verdicts:?}"
    );
    results.into_iter().collect()
}

fn run_file<K: HmacUnderTest>(file: &str) -> Counts {
    let doc = common::wycheproof(file);
    let hash_bits = K::TAG * 8;
    assert_eq!(doc["algorithm"], format!("HMACSHA{hash_bits}"));
    assert_eq!(K::MIN_LEN, K::TAG, "RFC 7518 3.2: secret >= hash output");
    let mut counts = Counts::default();

    for group in doc["testGroups"].as_array().expect("testGroups") {
        let key_size = group["keySize"].as_u64().expect("keySize") as usize;
        let tag_size = group["tagSize"].as_u64().expect("tagSize") as usize;
        for test in group["tests"].as_array().expect("tests") {
            let tc_id = test["tcId"].as_u64().expect("tcId");
            let key = hex_field(test, "key");
            let msg = hex_field(test, "msg");
            let tag = hex_field(test, "tag");
            let result = test["result"].as_str().expect("result");
            assert_eq!(key.len() * 8, key_size, "{file} tcId {tc_id}");
            assert_eq!(tag.len() * 8, tag_size, "{file} tcId {tc_id}");

            if key.len() < K::MIN_LEN {
                assert_eq!(
                    imports::<K>(&key).err(),
                    Some(Error::InvalidKey(KeyError::TooShort)),
                    "{file} tcId {tc_id}"
                );
                counts.short_key += 1;
                continue;
            }

            let keys =
                imports::<K>(&key).unwrap_or_else(|e| panic!("{file} tcId {tc_id}: import: {e:?}"));
            let expected = if tag_size < hash_bits {
                counts.truncated_tag += 1;
                Err(Error::Signature)
            } else {
                match result {
                    "valid" => {
                        counts.full_tag_valid += 1;
                        Ok(())
                    }
                    "invalid" => {
                        counts.full_tag_invalid += 1;
                        Err(Error::Signature)
                    }
                    other => panic!("{file} tcId {tc_id}: unexpected result {other}"),
                }
            };
            for k in &keys {
                assert_eq!(
                    k.mac_verify(&msg, &tag),
                    expected,
                    "{file} tcId {tc_id} ({result}, {tag_size}-bit tag)"
                );
                // The same check as a token's signature segment.
                let through_trait = k.verify_signature(&msg, b64url(&tag).as_bytes());
                if expected.is_ok() {
                    assert_eq!(through_trait, Ok(()), "{file} tcId {tc_id}");
                } else {
                    assert!(through_trait.is_err(), "{file} tcId {tc_id}");
                }
            }
        }
    }

    let total =
        counts.full_tag_valid + counts.full_tag_invalid + counts.truncated_tag + counts.short_key;
    assert_eq!(total, number_of_tests(&doc), "{file}");
    eprintln!("{file}: {counts:?}");
    counts
}

/// The three files have the same layout: 6 groups (full-size and
/// truncated tags, each with keys of the hash length, shorter and 520 bits).
const EXPECTED: Counts = Counts {
    full_tag_valid: 30,
    full_tag_invalid: 54,
    truncated_tag: 84,
    short_key: 6,
};

#[test]
fn wycheproof_hmac_sha256() {
    assert_eq!(run_file::<Hs256Key>("hmac_sha256_test.json"), EXPECTED);
}

#[test]
fn wycheproof_hmac_sha384() {
    assert_eq!(run_file::<Hs384Key>("hmac_sha384_test.json"), EXPECTED);
}

#[test]
fn wycheproof_hmac_sha512() {
    assert_eq!(run_file::<Hs512Key>("hmac_sha512_test.json"), EXPECTED);
}

/// A file's full-size valid cases are never valid for the other hashes:
/// a key of another HMAC type rejects the tag (wrong length or wrong MAC).
fn other_hashes_reject<K: HmacUnderTest>(file: &str) -> usize {
    let doc = common::wycheproof(file);
    let mut checked = 0;
    for group in doc["testGroups"].as_array().unwrap() {
        if group["tagSize"].as_u64() != Some(K::TAG as u64 * 8) {
            continue;
        }
        for test in group["tests"].as_array().unwrap() {
            let key = hex_field(test, "key");
            if test["result"] != "valid" || key.len() < 64 {
                continue; // long enough for every HMAC type
            }
            let (msg, tag) = (hex_field(test, "msg"), hex_field(test, "tag"));
            assert_eq!(
                K::import_secret(&key).unwrap().mac_verify(&msg, &tag),
                Ok(())
            );
            let others: [(&str, Result<(), Error>); 3] = [
                ("HS256", Hs256Key::new(&key).unwrap().verify_mac(&msg, &tag)),
                ("HS384", Hs384Key::new(&key).unwrap().verify_mac(&msg, &tag)),
                ("HS512", Hs512Key::new(&key).unwrap().verify_mac(&msg, &tag)),
            ];
            for (name, verdict) in others {
                if name != K::ALG.name() {
                    assert_eq!(verdict, Err(Error::Signature), "{file} as {name}");
                    checked += 1;
                }
            }
        }
    }
    checked
}

#[test]
fn tags_of_one_hash_are_rejected_by_the_others() {
    // 27 valid full-tag cases with a key of the hash length (when that is
    // at least 64 bytes) plus 3 with 520-bit keys, each against 2 other types.
    assert_eq!(
        other_hashes_reject::<Hs256Key>("hmac_sha256_test.json"),
        3 * 2
    );
    assert_eq!(
        other_hashes_reject::<Hs384Key>("hmac_sha384_test.json"),
        3 * 2
    );
    assert_eq!(
        other_hashes_reject::<Hs512Key>("hmac_sha512_test.json"),
        30 * 2
    );
}

/// Appending, dropping or altering one byte of a valid tag never verifies.
fn tag_length_and_bit_flips<K: HmacUnderTest>(file: &str) {
    let doc = common::wycheproof(file);
    let full = K::TAG as u64 * 8;
    let group = doc["testGroups"]
        .as_array()
        .expect("testGroups")
        .iter()
        .find(|g| g["keySize"] == full && g["tagSize"] == full)
        .expect("a full-size group");
    let test: &Value = group["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .find(|t| t["result"] == "valid")
        .expect("a valid test");
    let key = K::import_secret(&hex_field(test, "key")).expect("key");
    let msg = hex_field(test, "msg");
    let tag = hex_field(test, "tag");
    assert_eq!(tag.len(), K::TAG);
    assert_eq!(key.mac_verify(&msg, &tag), Ok(()));

    let mut longer = tag.clone();
    longer.push(0);
    assert_eq!(key.mac_verify(&msg, &longer), Err(Error::Signature));
    assert_eq!(
        key.mac_verify(&msg, &tag[..K::TAG - 1]),
        Err(Error::Signature)
    );
    assert_eq!(
        key.mac_verify(&msg, &tag[..K::TAG / 2]),
        Err(Error::Signature)
    );
    assert_eq!(key.mac_verify(&msg, &[]), Err(Error::Signature));
    for bit in 0..tag.len() * 8 {
        let mut flipped = tag.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        assert_eq!(
            key.mac_verify(&msg, &flipped),
            Err(Error::Signature),
            "{file} bit {bit}"
        );
    }
}

#[test]
fn tag_length_and_bit_flips_sha256() {
    tag_length_and_bit_flips::<Hs256Key>("hmac_sha256_test.json");
}

#[test]
fn tag_length_and_bit_flips_sha384() {
    tag_length_and_bit_flips::<Hs384Key>("hmac_sha384_test.json");
}

#[test]
fn tag_length_and_bit_flips_sha512() {
    tag_length_and_bit_flips::<Hs512Key>("hmac_sha512_test.json");
}

/// The types' constants, and a JWK naming another algorithm refused.
#[test]
fn constants_and_jwk_alg() {
    assert_eq!((Hs256Key::MIN_SECRET_LEN, Hs256Key::TAG_LEN), (32, 32));
    assert_eq!((Hs384Key::MIN_SECRET_LEN, Hs384Key::TAG_LEN), (48, 48));
    assert_eq!((Hs512Key::MIN_SECRET_LEN, Hs512Key::TAG_LEN), (64, 64));
    let k = b64url(&[0x42; 64]);
    for alg in ["HS256", "HS384", "HS512", "RS256", "PS384", "none"] {
        let jwk = format!(r#"{{"kty":"oct","alg":"{alg}","k":"{k}"}}"#);
        let expected = |own: &str| {
            if alg == own {
                None
            } else {
                Some(Error::InvalidKey(KeyError::Algorithm))
            }
        };
        assert_eq!(Hs256Key::from_jwk(&jwk).err(), expected("HS256"), "{alg}");
        assert_eq!(Hs384Key::from_jwk(&jwk).err(), expected("HS384"), "{alg}");
        assert_eq!(Hs512Key::from_jwk(&jwk).err(), expected("HS512"), "{alg}");
    }
}
