//! The RFC 7515 / 7519 / 7520 examples of `tests/vectors/rfc_vectors.json`:
//! every HS256 case, with its validation policy, expected verdict and
//! expected error kind. RS256 vectors are counted and skipped (not
//! implemented yet).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{Claim, Error, Hs256Key, Part, RequiredClaims, Validation, buffer_len, verify};
use serde_json::Value;

fn load() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/rfc_vectors.json"
    );
    let text = std::fs::read_to_string(path).expect("read rfc_vectors.json");
    serde_json::from_str(&text).expect("parse rfc_vectors.json")
}

/// Strict unpadded base64url, for the test's own cross-checks.
fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 6 && acc == 0).then_some(out)
}

fn str_field<'a>(v: &'a Value, name: &str) -> &'a str {
    v[name]
        .as_str()
        .unwrap_or_else(|| panic!("missing string field {name}"))
}

#[test]
fn rfc_vectors() {
    let doc = load();
    assert_eq!(doc["format"], "jwt-rfc-vectors/1");
    let vectors = doc["vectors"].as_array().expect("vectors array");

    let mut hs256_cases = 0usize;
    let mut skipped_rs256_cases = 0usize;
    let mut seen_ids = Vec::new();

    for vector in vectors {
        let id = str_field(vector, "id");
        let alg = str_field(vector, "alg");
        let cases = vector["cases"].as_array().expect("cases array");
        match alg {
            "HS256" => {}
            "RS256" => {
                // RS256 is not implemented yet: counted, and skipped explicitly.
                skipped_rs256_cases += cases.len();
                continue;
            }
            other => panic!("{id}: unexpected alg {other}"),
        }
        seen_ids.push(id);

        let token = str_field(vector, "token");
        let key_json = &vector["key"];
        assert_eq!(str_field(key_json, "kind"), "hmac", "{id}");
        let secret = hex::decode(str_field(key_json, "secret_hex")).expect("secret hex");
        let key = Hs256Key::new(&secret).expect("RFC HS256 keys are >= 32 bytes");

        // The JWK form of the key must be the same key.
        let jwk_key = Hs256Key::from_base64url(str_field(&vector["jwk"], "k")).expect("jwk k");

        // Signature layer on its own: `jws_signature_valid` is about the MAC only.
        let signing_input = str_field(vector, "signing_input");
        let signature_segment = token.rsplit('.').next().expect("segment");
        let tag = b64url_decode(signature_segment).expect("signature base64url");
        let mac_ok = vector["jws_signature_valid"]
            .as_bool()
            .expect("jws_signature_valid");
        for k in [&key, &jwk_key] {
            assert_eq!(
                k.verify_mac(signing_input.as_bytes(), &tag).is_ok(),
                mac_ok,
                "{id}: MAC check"
            );
        }

        for case in cases {
            let case_id = str_field(case, "id");
            let validation_json = &case["validation"];
            let now = validation_json["now"].as_i64().expect("now");

            let mut validation = Validation::new();
            let mut required = RequiredClaims::NONE;
            if let Some(names) = validation_json.get("require") {
                for name in names.as_array().expect("require array") {
                    let name = name.as_str().expect("claim name");
                    let claim =
                        Claim::from_name(name).unwrap_or_else(|| panic!("{case_id}: claim {name}"));
                    required = required.with(claim);
                }
            }
            // The vectors require exactly the listed claims; `exp` and `nbf`
            // are checked whenever present, as the verifier always does.
            validation = validation.required(required);
            if let Some(iss) = validation_json.get("iss") {
                validation = validation.issuer(iss.as_str().expect("iss"));
            }
            if let Some(aud) = validation_json.get("aud") {
                validation = validation.audience(aud.as_str().expect("aud"));
            }
            if let Some(leeway) = validation_json.get("leeway") {
                validation = validation.leeway(leeway.as_u64().expect("leeway"));
            }

            for (key_name, k) in [("secret", &key), ("jwk", &jwk_key)] {
                let mut buf = vec![0u8; buffer_len(token.len())];
                let result = verify(token.as_bytes(), k, &validation, now, &mut buf);
                match str_field(case, "expect") {
                    "valid" => {
                        let verified = result.unwrap_or_else(|e| {
                            panic!("{case_id} ({key_name} key): expected valid, got {e:?}")
                        });
                        assert_eq!(
                            verified.payload(),
                            str_field(vector, "payload_text"),
                            "{case_id}"
                        );
                        let claims = verified.claims();
                        assert!(claims.iss.is_some_and(|iss| iss.eq_str("joe")), "{case_id}");
                        assert_eq!(
                            claims.exp.map(|exp| exp.seconds()),
                            Some(1_300_819_380),
                            "{case_id}"
                        );
                        assert!(verified.header().alg.eq_str("HS256"), "{case_id}");
                    }
                    "invalid" => {
                        let err = result.expect_err(case_id);
                        let reason = str_field(case, "reason_class");
                        assert_eq!(
                            err.kind(),
                            reason,
                            "{case_id} ({key_name} key): got {err:?}"
                        );
                        // The exact variants the brief pins down.
                        match vector["id"].as_str() {
                            Some("rfc7520-4.4") => {
                                assert_eq!(err, Error::Malformed(Part::Claims), "{case_id}")
                            }
                            Some("rfc7519-6.1") => assert_eq!(err, Error::Algorithm, "{case_id}"),
                            _ => {}
                        }
                    }
                    other => panic!("{case_id}: unexpected expect {other}"),
                }
            }
            hs256_cases += 1;
        }
    }

    // The 6.1 `alg: none` token must also be refused by any other HS256 key.
    let none_token = vectors
        .iter()
        .find(|v| v["id"] == "rfc7519-6.1")
        .map(|v| str_field(v, "token"))
        .expect("rfc7519-6.1 present");
    let other_key = Hs256Key::new(b"an unrelated secret of 32+ bytes!!").expect("key");
    let mut buf = vec![0u8; buffer_len(none_token.len())];
    let policy = Validation::new().required(RequiredClaims::NONE);
    assert_eq!(
        verify(
            none_token.as_bytes(),
            &other_key,
            &policy,
            1_300_819_379,
            &mut buf
        ),
        Err(Error::Algorithm)
    );

    for expected in ["rfc7515-A.1", "rfc7519-3.1", "rfc7519-6.1", "rfc7520-4.4"] {
        assert!(
            seen_ids.contains(&expected),
            "HS256 vector {expected} not run"
        );
    }
    assert!(hs256_cases > 0, "no HS256 case ran");
    assert_eq!(
        hs256_cases, 11,
        "HS256 case count changed: update this test"
    );
    assert_eq!(
        skipped_rs256_cases, 9,
        "RS256 case count changed: update this test"
    );
    eprintln!(
        "rfc_vectors: {hs256_cases} HS256 cases run, {skipped_rs256_cases} RS256 cases skipped"
    );
}
