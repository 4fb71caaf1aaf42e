//! JWK Sets: the real issuers' documents of `tests/vectors/jwks/` import
//! exactly the keys they should (asserted per member); tokens signed with
//! this test's own keys inside issuer-shaped sets are verified by the key
//! their `kid` names; rotation never loses the working set.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jsonwebtoken::{EncodingKey, Header};
use jwt_embedded::{
    Algorithm, Error, KeySet, KeySetPolicy, RequiredClaims, SkipReason, Validation, VerifyingKey,
    buffer_len,
};
use serde_json::{Value, json};

mod common;

use common::{b64url, provider, rsa_private_key, their_rsa_key};

const NOW: i64 = 1_700_000_000;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/vectors/jwks/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

/// Each member's `kid` (empty without one) and import status.
type Seen = Vec<(String, Result<Algorithm, SkipReason>)>;

/// Every member's outcome, as `(kid, status)`.
fn outcomes(document: &str, policy: &KeySetPolicy<'_>) -> (KeySet<32>, Seen) {
    let mut seen = Vec::new();
    let set = KeySet::<32>::from_jwks_with(document, policy, |outcome| {
        let kid = outcome.kid.map(|k| k.to_string()).unwrap_or_default();
        seen.push((kid, outcome.status));
    })
    .unwrap();
    (set, seen)
}

fn members(document: &str) -> Vec<Value> {
    let doc: Value = serde_json::from_str(document).unwrap();
    doc["keys"].as_array().unwrap().clone()
}

/// The issuers' documents, under the default policy and with RS256 assumed
/// for keys without `alg`.
#[test]
fn issuers_documents_import_as_asserted() {
    let default = KeySetPolicy::new();
    let rs256 = KeySetPolicy::new().assume(Algorithm::Rs256);
    for (name, count) in [
        ("google.json", 2),
        ("gitlab.json", 2),
        ("auth0.json", 2),
        ("cognito.json", 2),
    ] {
        let document = fixture(name);
        let (set, seen) = outcomes(&document, &default);
        assert_eq!(seen.len(), count, "{name}");
        assert_eq!(set.len(), count, "{name}");
        for ((kid, status), member) in seen.iter().zip(members(&document)) {
            assert_eq!(*status, Ok(Algorithm::Rs256), "{name} {kid}");
            assert_eq!(kid, member["kid"].as_str().unwrap());
            // Found by its kid, bound to RS256.
            assert_eq!(set.get(kid).unwrap().algorithm(), Algorithm::Rs256);
        }
    }
    // Cognito's kids hold `+`, `/` and `=`: looked up exactly.
    let cognito = fixture("cognito.json");
    let set = KeySet::<4>::from_jwks(&cognito, &default).unwrap();
    for member in members(&cognito) {
        let kid = member["kid"].as_str().unwrap();
        assert!(kid.contains(['+', '/', '=']), "{kid}");
        assert!(set.get(kid).is_some());
    }
    // Microsoft Entra: 14 RSA keys, no `alg`, an x5c chain each.
    let entra = fixture("entra-common.json");
    let (set, seen) = outcomes(&entra, &default);
    assert_eq!(seen.len(), 14);
    assert!(set.is_empty());
    assert!(seen.iter().all(|(_, s)| *s == Err(SkipReason::NoAlgorithm)));
    let (set, seen) = outcomes(&entra, &rs256);
    assert_eq!(set.len(), 14);
    assert!(seen.iter().all(|(_, s)| *s == Ok(Algorithm::Rs256)));
    // Capacity: the first 8 fit, the other 6 are reported.
    let mut statuses = Vec::new();
    let small = KeySet::<8>::from_jwks_with(&entra, &rs256, |o| statuses.push(o.status)).unwrap();
    assert_eq!(small.len(), 8);
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == Err(SkipReason::Capacity))
            .count(),
        6
    );
    // GitLab's 4096-bit key imports (at the widest width), its 2048-bit one too.
    let gitlab = fixture("gitlab.json");
    let set = KeySet::<4>::from_jwks(&gitlab, &default).unwrap();
    assert_eq!(set.len(), 2);
    // Only RS256 accepted: the same; only PS256: nothing.
    let ps256 = KeySetPolicy::new().accept(&[Algorithm::Ps256]);
    let (set, seen) = outcomes(&gitlab, &ps256);
    assert!(set.is_empty());
    assert!(seen.iter().all(|(_, s)| *s == Err(SkipReason::NotAccepted)));
}

/// A JWK of the test's RSA key with these extra members.
fn rsa_member(private: &rsa::PrivateKey, extra: Value) -> Value {
    use rsa::traits::PublicKeyParts;
    let mut jwk = json!({
        "kty": "RSA",
        "n": b64url(&private.n_bytes()),
        "e": b64url(&private.e_bytes()),
    });
    for (k, v) in extra.as_object().unwrap() {
        jwk[k] = v.clone();
    }
    jwk
}

fn keys() -> &'static (rsa::PrivateKey, rsa::PrivateKey) {
    static KEYS: std::sync::OnceLock<(rsa::PrivateKey, rsa::PrivateKey)> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| (rsa_private_key(2048, 140), rsa_private_key(2048, 141)))
}

fn token(key: &EncodingKey, alg: jsonwebtoken::Algorithm, kid: Option<&str>) -> String {
    provider();
    let mut header = Header::new(alg);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(
        &header,
        &json!({ "sub": "device-7", "exp": NOW + 600 }),
        key,
    )
    .unwrap()
}

fn policy() -> Validation<'static> {
    Validation::new().required(RequiredClaims::NONE)
}

fn verify(set: &KeySet<32>, token: &str) -> Result<(), Error> {
    let mut buf = vec![0u8; buffer_len(token.len())];
    set.verify(token.as_bytes(), &policy(), NOW, &mut buf)
        .map(|_| ())
}

/// An issuer-shaped set: the tokens' keys among members the crate must
/// skip, each for its reason; a token is verified by the key its `kid`
/// names, and only that one.
#[test]
fn tokens_are_verified_by_the_key_their_kid_names() {
    let (a, b) = keys();
    let document = json!({ "keys": [
        rsa_member(a, json!({ "kid": "a", "alg": "RS256", "use": "sig" })),
        rsa_member(b, json!({ "kid": "b" })),                       // no alg: assumed
        rsa_member(b, json!({ "kid": "enc", "use": "enc" })),
        rsa_member(b, json!({ "kid": "ops", "key_ops": ["encrypt"] })),
        rsa_member(a, json!({ "kid": "a", "alg": "PS256" })),       // duplicate kid
        rsa_member(b, json!({ "kid": "oaep", "alg": "RSA-OAEP" })),
        { "kty": "OKP", "crv": "X25519", "x": "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo", "kid": "x" },
        { "kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0", "kid": "hmac", "alg": "HS256" },
        rsa_member(a, json!({ "kid": "private", "alg": "RS256", "d": "AQAB" })),
        "not an object",
        rsa_member(a, json!({ "alg": "RS256" })),                   // no kid
    ]})
    .to_string();
    let policy = KeySetPolicy::new().assume(Algorithm::Rs256);
    let (set, seen) = outcomes(&document, &policy);
    let statuses: Vec<_> = seen.iter().map(|(_, s)| *s).collect();
    assert_eq!(
        statuses,
        [
            Ok(Algorithm::Rs256),
            Ok(Algorithm::Rs256),
            Err(SkipReason::NotForSigning),
            Err(SkipReason::NotForSigning),
            Err(SkipReason::DuplicateKid),
            Err(SkipReason::UnsupportedAlgorithm),
            Err(SkipReason::UnsupportedCurve),
            Err(SkipReason::NotAccepted),
            Err(SkipReason::Private),
            Err(SkipReason::NotAnObject),
            Ok(Algorithm::Rs256),
        ]
    );
    assert_eq!(set.len(), 3);
    let rs256 = jsonwebtoken::Algorithm::RS256;
    let (ka, kb) = (their_rsa_key(a), their_rsa_key(b));
    assert_eq!(verify(&set, &token(&ka, rs256, Some("a"))), Ok(()));
    assert_eq!(verify(&set, &token(&kb, rs256, Some("b"))), Ok(()));
    // The kid names the other key: its signature check fails, no other key is tried.
    assert_eq!(
        verify(&set, &token(&kb, rs256, Some("a"))),
        Err(Error::Signature)
    );
    // Unknown, skipped or absent kids.
    for kid in ["c", "enc", "hmac", "A", "a "] {
        assert_eq!(
            verify(&set, &token(&ka, rs256, Some(kid))),
            Err(Error::UnknownKey),
            "{kid}"
        );
    }
    // No kid: three RS256 keys fit, so none is chosen.
    assert_eq!(
        verify(&set, &token(&ka, rs256, None)),
        Err(Error::UnknownKey)
    );
    // The kid's key has another algorithm than the token's.
    let ps = token(&ka, jsonwebtoken::Algorithm::PS256, Some("a"));
    assert_eq!(verify(&set, &ps), Err(Error::Algorithm));
    // With HS256 accepted, the `oct` member imports.
    let hs = KeySetPolicy::new().accept(&[Algorithm::Hs256]);
    let set = KeySet::<4>::from_jwks(&document, &hs).unwrap();
    assert_eq!(set.len(), 1);
    assert!(set.get("hmac").is_some());
}

/// A token without `kid` is taken when exactly one key has its `alg`.
#[test]
fn a_token_without_kid_needs_exactly_one_fitting_key() {
    let (a, _) = keys();
    let document =
        json!({ "keys": [rsa_member(a, json!({ "kid": "only", "alg": "RS256" }))] }).to_string();
    let set = KeySet::<32>::from_jwks(&document, &KeySetPolicy::new()).unwrap();
    let ka = their_rsa_key(a);
    assert_eq!(
        verify(&set, &token(&ka, jsonwebtoken::Algorithm::RS256, None)),
        Ok(())
    );
    assert_eq!(
        verify(&set, &token(&ka, jsonwebtoken::Algorithm::RS384, None)),
        Err(Error::UnknownKey)
    );
}

/// Refreshing from a truncated, corrupted, empty or wrong-type document
/// keeps the working set; a rotated one replaces it whole.
#[test]
fn rotation_never_loses_the_working_set() {
    let (a, b) = keys();
    let policy = KeySetPolicy::new();
    let old =
        json!({ "keys": [rsa_member(a, json!({ "kid": "old", "alg": "RS256" }))] }).to_string();
    let new =
        json!({ "keys": [rsa_member(b, json!({ "kid": "new", "alg": "RS256" }))] }).to_string();
    let mut set = KeySet::<32>::from_jwks(&old, &policy).unwrap();
    let (ka, kb) = (their_rsa_key(a), their_rsa_key(b));
    let old_token = token(&ka, jsonwebtoken::Algorithm::RS256, Some("old"));
    let new_token = token(&kb, jsonwebtoken::Algorithm::RS256, Some("new"));
    let corrupted = old.replace("\"kty\"", "\"kty\":");
    for bad in [
        &old[..old.len() / 2],
        corrupted.as_str(),
        "",
        "{}",
        r#"{"keys":{}}"#,
        r#"{"keys":[]}"#,
        r#"{"keys":[{"kty":"RSA","use":"enc"}]}"#,
        "[1,2]",
        "<html>503</html>",
    ] {
        assert!(set.refresh(bad, &policy).is_err(), "{bad:?}");
        assert_eq!(verify(&set, &old_token), Ok(()), "{bad:?}");
    }
    set.refresh(&new, &policy).unwrap();
    assert_eq!(verify(&set, &new_token), Ok(()));
    assert_eq!(verify(&set, &old_token), Err(Error::UnknownKey));
    // A document over the size cap is refused before it is parsed.
    let huge = format!(
        r#"{{"keys":[],"pad":"{}"}}"#,
        "x".repeat(jwt_embedded::MAX_JWKS_LEN)
    );
    assert_eq!(
        KeySet::<1>::from_jwks(&huge, &policy).err(),
        Some(Error::TooLarge)
    );
}

/// Keys of several families side by side: RSA, EC and OKP (with the
/// features), each token verified by its own key.
#[cfg(all(feature = "es256", feature = "eddsa"))]
#[test]
fn mixed_families() {
    use common::{EcCurveId, EcSigner, EdSigner};
    let (a, _) = keys();
    let ec = EcSigner::new(EcCurveId::P256, 7);
    let ed = EdSigner::new(8);
    let document = json!({ "keys": [
        rsa_member(a, json!({ "kid": "rsa", "alg": "RS256" })),
        serde_json::from_str::<Value>(&ec.jwk(r#","kid":"ec""#)).unwrap(),
        serde_json::from_str::<Value>(&ed.jwk(r#","kid":"ed""#)).unwrap(),
    ]})
    .to_string();
    let (set, seen) = outcomes(&document, &KeySetPolicy::new());
    let statuses: Vec<_> = seen.iter().map(|(_, s)| *s).collect();
    assert_eq!(
        statuses,
        [
            Ok(Algorithm::Rs256),
            Ok(Algorithm::Es256),
            Ok(Algorithm::EdDsa)
        ]
    );
    let es = token(&ec.their_key(), jsonwebtoken::Algorithm::ES256, Some("ec"));
    assert_eq!(verify(&set, &es), Ok(()));
    let ed_token = token(&ed.their_key(), jsonwebtoken::Algorithm::EdDSA, Some("ed"));
    assert_eq!(verify(&set, &ed_token), Ok(()));
    // The EC token under the Ed25519 key's kid: refused on `alg`.
    let wrong = token(&ec.their_key(), jsonwebtoken::Algorithm::ES256, Some("ed"));
    assert_eq!(verify(&set, &wrong), Err(Error::Algorithm));
}

/// Not a JWK Set: errors, never a set.
#[test]
fn documents_that_are_not_key_sets() {
    let policy = KeySetPolicy::new();
    for bad in [
        "",
        "null",
        "[]",
        r#"{"keys":1}"#,
        r#"{"key":[]}"#,
        "{\"keys\":[]",
        r#"{"keys":[],"keys":[]}"#,
    ] {
        assert!(KeySet::<2>::from_jwks(bad, &policy).is_err(), "{bad:?}");
    }
    assert!(
        KeySet::<2>::from_jwks(r#"{"keys":[]}"#, &policy)
            .unwrap()
            .is_empty()
    );
}

/// Against `jsonwebtoken`'s `JwkSet` (it parses a whole set or nothing, so
/// only sets of members it understands): for the issuers' documents, the
/// same kids; for tokens of this test's keys, the same verdict from the key
/// each library finds by `kid`.
#[test]
fn agrees_with_jsonwebtokens_jwk_set() {
    provider();
    for name in ["google.json", "gitlab.json", "auth0.json", "cognito.json"] {
        let document = fixture(name);
        let theirs: jsonwebtoken::jwk::JwkSet = serde_json::from_str(&document).unwrap();
        let ours = KeySet::<8>::from_jwks(&document, &KeySetPolicy::new()).unwrap();
        let their_kids: Vec<_> = theirs
            .keys
            .iter()
            .map(|k| k.common.key_id.clone().unwrap())
            .collect();
        let our_kids: Vec<_> = ours
            .keys()
            .map(|(kid, _)| kid.unwrap().to_owned())
            .collect();
        assert_eq!(our_kids, their_kids, "{name}");
    }
    let (a, b) = keys();
    let document = json!({ "keys": [
        rsa_member(a, json!({ "kid": "a", "alg": "RS256", "use": "sig" })),
        rsa_member(b, json!({ "kid": "b", "alg": "RS256", "use": "sig" })),
    ]})
    .to_string();
    let theirs: jsonwebtoken::jwk::JwkSet = serde_json::from_str(&document).unwrap();
    let ours = KeySet::<32>::from_jwks(&document, &KeySetPolicy::new()).unwrap();
    let (ka, kb) = (their_rsa_key(a), their_rsa_key(b));
    let rs256 = jsonwebtoken::Algorithm::RS256;
    for (token, valid) in [
        (token(&ka, rs256, Some("a")), true),
        (token(&kb, rs256, Some("b")), true),
        (token(&kb, rs256, Some("a")), false),
        (token(&ka, rs256, Some("b")), false),
    ] {
        let kid = jsonwebtoken::decode_header(&token).unwrap().kid.unwrap();
        let key = jsonwebtoken::DecodingKey::from_jwk(theirs.find(&kid).unwrap()).unwrap();
        let mut validation = jsonwebtoken::Validation::new(rs256);
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        let their_verdict = jsonwebtoken::decode::<Value>(&token, &key, &validation).is_ok();
        assert_eq!(their_verdict, valid, "{kid}");
        assert_eq!(verify(&ours, &token).is_ok(), valid, "{kid}");
    }
}
