//! The RFC 7515 / 7519 / 7520 examples of `tests/vectors/rfc_vectors.json`:
//! every HS256 and RS256 case, with its validation policy, expected verdict
//! and expected error kind. Each key is used in every form the vector gives
//! (HS256: the secret and the JWK; RS256: `n`/`e`, the whole JWK and the
//! SubjectPublicKeyInfo PEM).
//!
//! RFC 7515 A.3 (ES256, feature `es256`): the key from the JWK, `x`/`y` and
//! the SPKI PEM (all equal), every case at its `now` (the token's `exp` is
//! in March 2011). RFC 8037 A.4/A.5 (EdDSA, feature `eddsa`) come from
//! `rfc8037_ed25519.json`: the A.2 key from the JWK, the raw bytes and the
//! PEM; the A.4 signature verifies, and the A.5 JWS, whose payload is plain
//! text, is a valid JWS but malformed claims as a JWT.
//!
//! RFC 7520 4.2 (PS384) comes straight from the JOSE Cookbook files
//! (`jose-cookbook/jws/4_2.rsa-pss_signature.json` and its key,
//! `jwk/3_3.rsa_public_key.json`), checked like 4.1: the signature is valid,
//! and the payload is plain text, so as a JWT the token is malformed claims.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{
    Claim, Error, Hs256Key, Part, Ps256Key, Ps384Key, Ps512Key, RequiredClaims, Rs256Key,
    Rs256Key2048, Rs384Key, Rs512Key, Rsa2048, Rsa4096, Validation, VerifyingKey, buffer_len,
    verify,
};
use serde_json::Value;

mod common;

use common::{b64url_decode, str_field};

fn load() -> Value {
    common::load_vectors("rfc_vectors.json")
}

/// The `Validation` and `now` of one case.
fn policy(case: &Value) -> (Validation<'_>, i64) {
    let validation_json = &case["validation"];
    let now = validation_json["now"].as_i64().expect("now");
    let mut required = RequiredClaims::NONE;
    if let Some(names) = validation_json.get("require") {
        for name in names.as_array().expect("require array") {
            let name = name.as_str().expect("claim name");
            let claim = Claim::from_name(name).unwrap_or_else(|| panic!("claim {name}"));
            required = required.with(claim);
        }
    }
    // The vectors require exactly the listed claims; `exp` and `nbf` are
    // checked whenever present, as the verifier always does.
    let mut validation = Validation::new().required(required);
    if let Some(iss) = validation_json.get("iss") {
        validation = validation.issuer(iss.as_str().expect("iss"));
    }
    if let Some(aud) = validation_json.get("aud") {
        validation = validation.audience(aud.as_str().expect("aud"));
    }
    if let Some(leeway) = validation_json.get("leeway") {
        validation = validation.leeway(leeway.as_u64().expect("leeway"));
    }
    (validation, now)
}

/// Runs one case of `vector` with `key` (called `key_name` in messages).
fn check_case<K: VerifyingKey>(vector: &Value, case: &Value, key_name: &str, key: &K) {
    let case_id = str_field(case, "id");
    let token = str_field(vector, "token");
    let (validation, now) = policy(case);
    let mut buf = vec![0u8; buffer_len(token.len())];
    let result = verify(token.as_bytes(), key, &validation, now, &mut buf);
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
            assert!(
                verified.header().alg.eq_str(str_field(vector, "alg")),
                "{case_id}"
            );
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
                Some("rfc7520-4.4" | "rfc7520-4.1") => {
                    assert_eq!(err, Error::Malformed(Part::Claims), "{case_id}")
                }
                Some("rfc7519-6.1") => assert_eq!(err, Error::Algorithm, "{case_id}"),
                _ => {}
            }
        }
        other => panic!("{case_id}: unexpected expect {other}"),
    }
}

/// The signature segment of `vector`'s token, decoded.
fn signature(vector: &Value) -> Vec<u8> {
    let token = str_field(vector, "token");
    let signature_segment = token.rsplit('.').next().expect("segment");
    b64url_decode(signature_segment).expect("signature base64url")
}

/// An HS256 vector: the secret and the JWK, the MAC alone, then every case.
fn run_hs256(vector: &Value) -> usize {
    let id = str_field(vector, "id");
    let key_json = &vector["key"];
    assert_eq!(str_field(key_json, "kind"), "hmac", "{id}");
    let secret = hex::decode(str_field(key_json, "secret_hex")).expect("secret hex");
    let key = Hs256Key::new(&secret).expect("RFC HS256 keys are >= 32 bytes");
    // The JWK form of the key must be the same key.
    let jwk_key = Hs256Key::from_base64url(str_field(&vector["jwk"], "k")).expect("jwk k");

    // Signature layer on its own: `jws_signature_valid` is about the MAC only.
    let signing_input = str_field(vector, "signing_input");
    let tag = signature(vector);
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
    let cases = vector["cases"].as_array().expect("cases array");
    for case in cases {
        for (key_name, k) in [("secret", &key), ("jwk", &jwk_key)] {
            check_case(vector, case, key_name, k);
        }
    }
    cases.len()
}

/// An RS256 vector: `n`/`e`, the JWK and the PEM (all equal), the
/// signature alone, then every case.
fn run_rs256(vector: &Value) -> usize {
    let id = str_field(vector, "id");
    let key_json = &vector["key"];
    assert_eq!(str_field(key_json, "kind"), "rsa", "{id}");
    let components = Rs256Key2048::from_jwk_components(
        str_field(key_json, "n_b64url"),
        str_field(key_json, "e_b64url"),
    )
    .expect("n/e");
    let jwk = Rs256Key2048::from_jwk(&vector["jwk"].to_string()).expect("jwk");
    let pem = Rs256Key2048::from_pem(str_field(key_json, "spki_pem")).expect("pem");
    assert_eq!(components, jwk, "{id}");
    assert_eq!(components, pem, "{id}");

    let signing_input = str_field(vector, "signing_input");
    let signature_ok = vector["jws_signature_valid"]
        .as_bool()
        .expect("jws_signature_valid");
    let verdict = components.verify_raw(signing_input.as_bytes(), &signature(vector));
    assert_eq!(verdict.is_ok(), signature_ok, "{id}: signature check");

    let cases = vector["cases"].as_array().expect("cases array");
    for case in cases {
        for (key_name, k) in [("n/e", &components), ("jwk", &jwk), ("pem", &pem)] {
            check_case(vector, case, key_name, k);
        }
    }
    cases.len()
}

/// An ES256 vector: the JWK, `x`/`y` and the PEM (all equal), the
/// signature alone (raw `r ‖ s`, and its DER form refused), then every case.
#[cfg(feature = "es256")]
fn run_es256(vector: &Value) -> usize {
    use jwt_embedded::Es256Key;
    let id = str_field(vector, "id");
    let key_json = &vector["key"];
    assert_eq!(str_field(key_json, "kind"), "ec", "{id}");
    assert_eq!(str_field(key_json, "crv"), "P-256", "{id}");
    let jwk = Es256Key::from_jwk(&vector["jwk"].to_string()).expect("jwk");
    let x = b64url_decode(str_field(key_json, "x_b64url")).expect("x");
    let y = b64url_decode(str_field(key_json, "y_b64url")).expect("y");
    let coordinates = Es256Key::from_coordinates(&x, &y).expect("x/y");
    let pem = Es256Key::from_pem(str_field(key_json, "spki_pem")).expect("pem");
    assert_eq!(jwk, coordinates, "{id}");
    assert_eq!(jwk, pem, "{id}");

    let signing_input = str_field(vector, "signing_input");
    let signature_ok = vector["jws_signature_valid"]
        .as_bool()
        .expect("jws_signature_valid");
    let raw = signature(vector);
    assert_eq!(raw.len(), Es256Key::SIGNATURE_LEN, "{id}: raw r || s");
    let verdict = jwk.verify_raw(signing_input.as_bytes(), &raw);
    assert_eq!(verdict.is_ok(), signature_ok, "{id}: signature check");
    let mut altered = raw.clone();
    altered[63] ^= 1;
    assert_eq!(
        jwk.verify_raw(signing_input.as_bytes(), &altered),
        Err(Error::Signature)
    );

    let cases = vector["cases"].as_array().expect("cases array");
    for case in cases {
        for (key_name, k) in [("jwk", &jwk), ("x/y", &coordinates), ("pem", &pem)] {
            check_case(vector, case, key_name, k);
        }
    }
    cases.len()
}

#[test]
fn rfc_vectors() {
    let doc = load();
    assert_eq!(doc["format"], "jwt-rfc-vectors/1");
    let vectors = doc["vectors"].as_array().expect("vectors array");

    let (mut hs256_cases, mut rs256_cases) = (0usize, 0usize);
    #[allow(unused_mut)]
    let mut es256_cases = 0usize;
    let mut seen_ids = Vec::new();
    for vector in vectors {
        let id = str_field(vector, "id");
        match str_field(vector, "alg") {
            "HS256" => hs256_cases += run_hs256(vector),
            "RS256" => rs256_cases += run_rs256(vector),
            #[cfg(feature = "es256")]
            "ES256" => es256_cases += run_es256(vector),
            #[cfg(not(feature = "es256"))]
            "ES256" => {}
            other => panic!("{id}: unexpected alg {other}"),
        }
        seen_ids.push(id);
    }

    // The 6.1 `alg: none` token must also be refused by any other key.
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

    // An HS256 token is refused by an RS256 key, and the other way round.
    let by_id = |id: &str| vectors.iter().find(|v| v["id"] == id).expect(id);
    let rs256 = by_id("rfc7515-A.2");
    let rsa_key = Rs256Key2048::from_pem(str_field(&rs256["key"], "spki_pem")).expect("pem");
    let hs256_token = str_field(by_id("rfc7515-A.1"), "token");
    let mut buf = vec![0u8; 1024];
    assert_eq!(
        verify(hs256_token.as_bytes(), &rsa_key, &policy, 0, &mut buf).err(),
        Some(Error::Algorithm)
    );
    let rs256_token = str_field(rs256, "token");
    assert_eq!(
        verify(rs256_token.as_bytes(), &other_key, &policy, 0, &mut buf).err(),
        Some(Error::Algorithm)
    );

    for expected in [
        "rfc7515-A.1",
        "rfc7515-A.2",
        "rfc7515-A.3",
        "rfc7519-3.1",
        "rfc7519-6.1",
        "rfc7520-4.1",
        "rfc7520-4.4",
    ] {
        assert!(seen_ids.contains(&expected), "vector {expected} not run");
    }
    assert_eq!(
        hs256_cases, 11,
        "HS256 case count changed: update this test"
    );
    assert_eq!(rs256_cases, 9, "RS256 case count changed: update this test");
    let expected_es256 = if cfg!(feature = "es256") { 8 } else { 0 };
    assert_eq!(
        es256_cases, expected_es256,
        "ES256 case count changed: update this test"
    );
    eprintln!(
        "rfc_vectors: {hs256_cases} HS256 cases, {rs256_cases} RS256 cases, {es256_cases} ES256 cases run"
    );
}

/// RFC 7520 4.2: PS384 over a plain-text payload, with the RFC 7520 3.3 key.
///
/// RSASSA-PSS signatures are randomised, so the test cannot re-sign; it
/// verifies the published signature (through `verify_raw`, through
/// `VerifyingKey::verify_signature` and through `verify`) and rejects it
/// altered. Like 4.1, the payload is not a JSON object: `verify`, with a
/// policy that requires nothing, passes the signature and then refuses the
/// claims (`Malformed(Claims)`), never `Signature`.
#[test]
fn rfc7520_4_2_ps384() {
    let cookbook = common::load_vectors("jose-cookbook/jws/4_2.rsa-pss_signature.json");
    let jwk = common::load_vectors("jose-cookbook/jwk/3_3.rsa_public_key.json");
    assert_eq!(cookbook["input"]["alg"], "PS384");
    // The private key of the example is the 3.3 public key plus private members.
    for member in ["kty", "kid", "use", "n", "e"] {
        assert_eq!(cookbook["input"]["key"][member], jwk[member], "{member}");
    }
    assert!(jwk.get("alg").is_none(), "3.3 names no algorithm");

    let compact = str_field(&cookbook["output"], "compact");
    let signing_input = str_field(&cookbook["signing"], "sig-input");
    let signature_b64 = str_field(&cookbook["signing"], "sig");
    assert_eq!(compact, format!("{signing_input}.{signature_b64}"));
    let signature = b64url_decode(signature_b64).expect("signature base64url");
    assert_eq!(signature.len(), 256);
    let payload = str_field(&cookbook["input"], "payload");
    assert_eq!(
        signing_input.split('.').nth(1).and_then(b64url_decode),
        Some(payload.as_bytes().to_vec())
    );

    // The key: the JWK (no `alg`: accepted for the type's algorithm), its
    // `n`/`e`, and wider types.
    let key = Ps384Key::<Rsa2048>::from_jwk(&jwk.to_string()).expect("3.3 as PS384");
    let from_n_e =
        Ps384Key::<Rsa2048>::from_jwk_components(str_field(&jwk, "n"), str_field(&jwk, "e"))
            .expect("n/e");
    assert_eq!(key, from_n_e);
    let wide = Ps384Key::<Rsa4096>::from_jwk(&jwk.to_string()).expect("3.3 as PS384, 4096 wide");
    assert_eq!(key.modulus_bits(), 2048);

    assert_eq!(key.verify_raw(signing_input.as_bytes(), &signature), Ok(()));
    assert_eq!(
        wide.verify_raw(signing_input.as_bytes(), &signature),
        Ok(())
    );
    assert_eq!(
        key.verify_signature(signing_input.as_bytes(), signature_b64.as_bytes()),
        Ok(())
    );

    let policy = Validation::new().required(RequiredClaims::NONE);
    let run = |token: &[u8], key: &dyn VerifyingKey| {
        let mut buf = vec![0u8; buffer_len(token.len())];
        verify(token, key, &policy, 1_750_000_000, &mut buf).map(|_| ())
    };
    let as_jwt = Error::Malformed(Part::Claims);
    assert_eq!(as_jwt.kind(), "malformed");
    assert_eq!(run(compact.as_bytes(), &key), Err(as_jwt));
    assert_eq!(run(compact.as_bytes(), &wide), Err(as_jwt));

    // Altered: one bit of the signature, of the payload, of the header.
    let mut bad_signature = signature.clone();
    bad_signature[100] ^= 0x10;
    assert_eq!(
        key.verify_raw(signing_input.as_bytes(), &bad_signature),
        Err(Error::Signature)
    );
    let mut bad_input = signing_input.as_bytes().to_vec();
    let at = signing_input.find('.').unwrap() + 10;
    bad_input[at] = if bad_input[at] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        key.verify_raw(&bad_input, &signature),
        Err(Error::Signature)
    );
    let tampered = format!(
        "{}.{}",
        String::from_utf8(bad_input).unwrap(),
        signature_b64
    );
    assert_eq!(run(tampered.as_bytes(), &key), Err(Error::Signature));
    let tampered = format!("{signing_input}.{}", common::b64url(&bad_signature));
    assert_eq!(run(tampered.as_bytes(), &key), Err(Error::Signature));

    // The same key as another RSA algorithm: the token's `alg` is refused
    // before any signature check, and the signature is not valid as theirs.
    let n = str_field(&jwk, "n");
    let e = str_field(&jwk, "e");
    let others: [Box<dyn VerifyingKey>; 5] = [
        Box::new(Rs256Key::<Rsa2048>::from_jwk_components(n, e).unwrap()),
        Box::new(Rs384Key::<Rsa2048>::from_jwk_components(n, e).unwrap()),
        Box::new(Rs512Key::<Rsa2048>::from_jwk_components(n, e).unwrap()),
        Box::new(Ps256Key::<Rsa2048>::from_jwk_components(n, e).unwrap()),
        Box::new(Ps512Key::<Rsa2048>::from_jwk_components(n, e).unwrap()),
    ];
    for other in &others {
        assert_eq!(
            run(compact.as_bytes(), other.as_ref()),
            Err(Error::Algorithm)
        );
        assert_eq!(
            other.verify_signature(signing_input.as_bytes(), signature_b64.as_bytes()),
            Err(Error::Signature),
            "{:?}",
            other.algorithm()
        );
    }
    assert_eq!(
        Rs384Key::<Rsa2048>::from_jwk_components(n, e)
            .unwrap()
            .verify_raw(signing_input.as_bytes(), &signature),
        Err(Error::Signature)
    );

    // Wycheproof carries the same token (tcId 346 and 350, `Figure20`).
    let wycheproof = common::wycheproof("json_web_signature_test.json");
    let figure20: Vec<u64> = wycheproof["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(common::jws_tests)
        .filter(|(_, jws, _)| *jws == compact)
        .map(|(id, _, _)| id)
        .collect();
    assert_eq!(figure20, [346, 350]);
}

/// RFC 8037 A.2, A.4 and A.5: Ed25519 (EdDSA), from `rfc8037_ed25519.json`.
#[cfg(feature = "eddsa")]
#[test]
fn rfc8037_ed25519() {
    use jwt_embedded::{Algorithm, Ed25519Key, KeyError};
    let doc = common::load_vectors("rfc8037_ed25519.json");
    assert_eq!(doc["format"], "jwt-rfc8037-vectors/1");

    // A.1 is a private JWK: refused. A.2 is its public half.
    assert_eq!(
        Ed25519Key::from_jwk(&doc["A.1"]["jwk"].to_string()).err(),
        Some(Error::InvalidKey(KeyError::Private))
    );
    let a2 = &doc["A.2"];
    let key = Ed25519Key::from_jwk(&a2["jwk"].to_string()).expect("A.2 JWK");
    let public = hex::decode(str_field(&a2["key"], "public_key_hex")).unwrap();
    assert_eq!(key.to_bytes()[..], public[..]);
    assert_eq!(Ed25519Key::from_slice(&public), Ok(key.clone()));
    assert_eq!(
        Ed25519Key::from_pem(str_field(&a2["key"], "spki_pem")),
        Ok(key.clone())
    );
    assert_eq!(
        b64url_decode(str_field(&a2["key"], "x_b64url")),
        Some(public.clone())
    );

    // A.4: the signature over the signing input, raw and as a JWS segment.
    let a4 = &doc["A.4"];
    let signing_input = str_field(a4, "signing_input");
    let signature = hex::decode(str_field(a4, "signature_hex")).unwrap();
    let signature_b64 = str_field(a4, "signature_b64url");
    assert_eq!(b64url_decode(signature_b64), Some(signature.clone()));
    assert_eq!(
        str_field(a4, "jws"),
        format!("{signing_input}.{signature_b64}")
    );
    assert_eq!(key.verify_raw(signing_input.as_bytes(), &signature), Ok(()));
    assert_eq!(
        key.verify_signature(signing_input.as_bytes(), signature_b64.as_bytes()),
        Ok(())
    );
    for at in [0, 31, 32, 63] {
        let mut altered = signature.clone();
        altered[at] ^= 0x02;
        assert_eq!(
            key.verify_raw(signing_input.as_bytes(), &altered),
            Err(Error::Signature),
            "byte {at}"
        );
    }
    assert_eq!(
        key.verify_raw(b"Example of Ed25519 Signing", &signature),
        Err(Error::Signature)
    );

    // A.5: the same JWS through `verify`. The payload is plain text: the
    // signature passes and the claims are malformed (`as_jwt`).
    let a5 = &doc["A.5"];
    let jws = str_field(a5, "jws");
    assert_eq!(jws, str_field(a4, "jws"));
    assert_eq!(a5["jws_signature_valid"], true);
    assert_eq!(a5["as_jwt"]["expect"], "invalid");
    let key5 = Ed25519Key::from_jwk(&a5["jwk"].to_string()).expect("A.5 JWK");
    assert_eq!(key5, key);
    let policy = Validation::new().required(RequiredClaims::NONE);
    let run = |token: &str, key: &dyn VerifyingKey| {
        let mut buf = vec![0u8; buffer_len(token.len())];
        verify(token.as_bytes(), key, &policy, 1_750_000_000, &mut buf).map(|_| ())
    };
    let result = run(jws, &key);
    assert_eq!(result, Err(Error::Malformed(Part::Claims)));
    assert_eq!(
        result.unwrap_err().kind(),
        str_field(&a5["as_jwt"], "reason_class")
    );
    // The header says "EdDSA"; the JWK naming "Ed25519" or "EdDSA" is the
    // same key, and any other `alg` is refused.
    for alg in ["EdDSA", "Ed25519"] {
        let jwk = a2["jwk"]
            .to_string()
            .replace('}', &format!(r#","alg":"{alg}"}}"#));
        assert_eq!(Ed25519Key::from_jwk(&jwk), Ok(key.clone()), "{alg}");
    }
    assert_eq!(Ed25519Key::ALGORITHM, Algorithm::EdDsa);
    let tampered = jws.replacen("RXhh", "RXhi", 1);
    assert_eq!(run(&tampered, &key), Err(Error::Signature));

    // An HS256 key refuses it for its `alg`.
    let other = Hs256Key::new(&[7; 32]).unwrap();
    assert_eq!(run(jws, &other), Err(Error::Algorithm));
}
