//! Differential tests against `jsonwebtoken` (RustCrypto backend) for ES256,
//! ES384 and EdDSA (features `es256`, `es384`, `eddsa`).
//!
//! A fixed-seed loop of random keys (made by aws-lc from seeded scalars)
//! and random claim sets: every token signed by `jsonwebtoken` verifies
//! here with the claims read back, and `jsonwebtoken::decode` agrees;
//! tampered tokens (one character of the signature, payload or header, the
//! signature of another key, the `alg` of another algorithm, random bit
//! flips) are refused by both. Then the ECDSA signature's JOSE form:
//! high-S signatures (`s` replaced by `n - s`) verify here (RFC 7518 does
//! not require low-S; `jsonwebtoken`'s RustCrypto backend agrees);
//! DER-encoded and wrong-length signatures are `Malformed(Signature)`;
//! `r` or `s` equal to 0, `n` or above are `Signature`.

#![cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jsonwebtoken::{DecodingKey, EncodingKey, Header};
use jwt_embedded::{Error, RequiredClaims, Validation, VerifyingKey, buffer_len, verify};
use serde_json::{Value, json};

mod common;

#[allow(unused_imports)]
use common::{EcCurveId, EcSigner, EdSigner, TestRng, b64url, b64url_decode, provider};

const ISS: &str = "https://issuer.example";
const NOW: i64 = 1_700_000_000;
const ROUNDS: u64 = 24;

fn policy() -> Validation<'static> {
    Validation::new()
        .required(RequiredClaims::NONE)
        .issuer(ISS)
        .danger_accept_any_audience()
}

fn ours(token: &str, key: &dyn VerifyingKey) -> Result<Value, Error> {
    let mut buf = vec![0u8; buffer_len(token.len())];
    let verified = verify(token.as_bytes(), key, &policy(), NOW, &mut buf)?;
    Ok(serde_json::from_str(verified.payload()).unwrap())
}

fn theirs(token: &str, key: &DecodingKey, alg: jsonwebtoken::Algorithm) -> Result<Value, ()> {
    let mut validation = jsonwebtoken::Validation::new(alg);
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    validation.validate_aud = false;
    validation.set_issuer(&[ISS]);
    jsonwebtoken::decode::<Value>(token, key, &validation)
        .map(|data| data.claims)
        .map_err(|_| ())
}

/// Random claims: `iss`, `exp` in the future, a random `sub`, sometimes
/// `aud` and extra members.
fn claims(rng: &mut TestRng) -> Value {
    let sub_len = 1 + rng.below(24);
    let mut claims = json!({
        "iss": ISS,
        "exp": NOW + 1 + rng.below(1_000_000) as i64,
        "sub": hex::encode(rng.bytes(sub_len)),
        "n": rng.below(1 << 20),
    });
    if rng.below(2) == 0 {
        claims["aud"] = json!(["a", hex::encode(rng.bytes(4))]);
    }
    if rng.below(3) == 0 {
        claims["nested"] = json!({ "list": [1, 2.5, "é", null, true] });
    }
    claims
}

/// `token` with the character at `at` of segment `segment` changed.
fn tamper(token: &str, segment: usize, at: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut bytes = parts[segment].clone().into_bytes();
    let at = at % bytes.len();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    parts[segment] = String::from_utf8(bytes).unwrap();
    parts.join(".")
}

/// One algorithm's signer as the loop needs it.
struct Case {
    alg: jsonwebtoken::Algorithm,
    encoding: EncodingKey,
    decoding: DecodingKey,
    key: Box<dyn VerifyingKey>,
}

/// Runs the differential loop for one algorithm: `make(seed)` gives a case.
fn differential(make: impl Fn(u64) -> Case, other_alg: jsonwebtoken::Algorithm) -> usize {
    provider();
    let mut rng = TestRng(0xec_d1ff);
    let mut checked = 0;
    for round in 0..ROUNDS {
        let case = make(round);
        let other = make(round + 1000);
        let claims = claims(&mut rng);
        let token = jsonwebtoken::encode(&Header::new(case.alg), &claims, &case.encoding).unwrap();
        assert_eq!(
            ours(&token, case.key.as_ref()),
            Ok(claims.clone()),
            "{token}"
        );
        assert_eq!(theirs(&token, &case.decoding, case.alg), Ok(claims.clone()));

        // Tampered: each segment; another key's signature; bit flips.
        let mut tampered = vec![
            tamper(&token, 0, 3),
            tamper(&token, 1, rng.below(64)),
            tamper(&token, 2, rng.below(80)),
            tamper(&token, 2, 0),
        ];
        let by_other =
            jsonwebtoken::encode(&Header::new(case.alg), &claims, &other.encoding).unwrap();
        tampered.push(by_other);
        for _ in 0..4 {
            let mut bytes = token.clone().into_bytes();
            let at = rng.below(bytes.len());
            bytes[at] ^= 1 << rng.below(7);
            if let Ok(text) = String::from_utf8(bytes) {
                tampered.push(text);
            }
        }
        for bad in &tampered {
            if bad == &token {
                continue;
            }
            assert!(ours(bad, case.key.as_ref()).is_err(), "ours accepted {bad}");
            assert!(
                theirs(bad, &case.decoding, case.alg).is_err(),
                "theirs accepted {bad}"
            );
            checked += 1;
        }
        // The header's `alg` swapped for another algorithm's: refused here
        // for the `alg`, by them for the signature or the `alg`.
        let swapped_header = b64url(format!(r#"{{"alg":"{other_alg:?}","typ":"JWT"}}"#).as_bytes());
        let swapped = format!("{swapped_header}{}", &token[token.find('.').unwrap()..]);
        assert_eq!(ours(&swapped, case.key.as_ref()), Err(Error::Algorithm));
        assert!(theirs(&swapped, &case.decoding, case.alg).is_err());
        checked += 1;
    }
    checked
}

#[cfg(feature = "es256")]
fn es256(seed: u64) -> Case {
    let signer = EcSigner::new(EcCurveId::P256, 0x256_0000 + seed);
    Case {
        alg: jsonwebtoken::Algorithm::ES256,
        encoding: signer.their_key(),
        decoding: signer.their_public_key(),
        key: Box::new(jwt_embedded::Es256Key::from_jwk(&signer.jwk("")).unwrap()),
    }
}

#[cfg(feature = "es384")]
fn es384(seed: u64) -> Case {
    let signer = EcSigner::new(EcCurveId::P384, 0x384_0000 + seed);
    Case {
        alg: jsonwebtoken::Algorithm::ES384,
        encoding: signer.their_key(),
        decoding: signer.their_public_key(),
        key: Box::new(jwt_embedded::Es384Key::from_public_key_der(&signer.spki_der()).unwrap()),
    }
}

#[cfg(feature = "eddsa")]
fn eddsa(seed: u64) -> Case {
    let signer = EdSigner::new(0xed_0000 + seed);
    Case {
        alg: jsonwebtoken::Algorithm::EdDSA,
        encoding: signer.their_key(),
        decoding: signer.their_public_key(),
        key: Box::new(jwt_embedded::Ed25519Key::from_bytes(&signer.public()).unwrap()),
    }
}

#[cfg(feature = "es256")]
#[test]
fn es256_differential() {
    assert_eq!(
        differential(es256, jsonwebtoken::Algorithm::ES384),
        ROUNDS as usize * 10
    );
}

#[cfg(feature = "es384")]
#[test]
fn es384_differential() {
    assert_eq!(
        differential(es384, jsonwebtoken::Algorithm::ES256),
        ROUNDS as usize * 10
    );
}

#[cfg(feature = "eddsa")]
#[test]
fn eddsa_differential() {
    assert_eq!(
        differential(eddsa, jsonwebtoken::Algorithm::ES256),
        ROUNDS as usize * 10
    );
}

// ---------------------------------------------------------------------------
// The ECDSA signature's JOSE form
// ---------------------------------------------------------------------------

/// `token` with its signature segment replaced by `signature`.
fn with_signature(token: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}",
        &token[..token.rfind('.').unwrap()],
        b64url(signature)
    )
}

/// DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` of `r ‖ s`.
fn der_signature(raw: &[u8]) -> Vec<u8> {
    fn integer(bytes: &[u8]) -> Vec<u8> {
        let start = bytes
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(bytes.len() - 1);
        let mut content = bytes[start..].to_vec();
        if content[0] & 0x80 != 0 {
            content.insert(0, 0);
        }
        let mut out = vec![0x02, content.len() as u8];
        out.extend_from_slice(&content);
        out
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let body = [integer(r), integer(s)].concat();
    let mut out = vec![0x30];
    if body.len() >= 0x80 {
        out.push(0x81);
    }
    out.push(body.len() as u8);
    out.extend_from_slice(&body);
    out
}

/// High-S, DER, wrong lengths and out-of-range `r`/`s` for one ECDSA case.
#[allow(dead_code)]
fn signature_forms(curve: EcCurveId, make: fn(u64) -> Case) {
    provider();
    let len = curve.len();
    let n = curve.order();
    let mut high_s_seen = 0;
    for round in 0..ROUNDS {
        let case = make(round);
        let claims = json!({ "iss": ISS, "round": round });
        let token = jsonwebtoken::encode(&Header::new(case.alg), &claims, &case.encoding).unwrap();
        let raw = b64url_decode(token.rsplit('.').next().unwrap()).unwrap();
        assert_eq!(raw.len(), 2 * len);
        let (r, s) = raw.split_at(len);

        // n - s: the other valid signature of the same (r, k). Exactly one
        // of s and n - s is above n / 2.
        let flipped_s = common::sub_be(&n, s);
        let high = if s > &flipped_s[..] {
            s.to_vec()
        } else {
            flipped_s.clone()
        };
        let high_token = with_signature(&token, &[r, &high].concat());
        let flipped_token = with_signature(&token, &[r, &flipped_s].concat());
        assert_eq!(
            ours(&flipped_token, case.key.as_ref()),
            Ok(claims.clone()),
            "n - s"
        );
        assert_eq!(
            ours(&high_token, case.key.as_ref()),
            Ok(claims.clone()),
            "high S"
        );
        assert_eq!(
            theirs(&high_token, &case.decoding, case.alg),
            Ok(claims.clone()),
            "jsonwebtoken on high S"
        );
        high_s_seen += 1;

        // DER, as other ECDSA APIs produce: malformed here, whatever its length.
        let der = der_signature(&raw);
        assert_eq!(
            ours(&with_signature(&token, &der), case.key.as_ref()),
            Err(Error::Malformed(jwt_embedded::Part::Signature)),
            "DER {}",
            der.len()
        );
        // Wrong lengths: one byte short or long, the other curve's, empty.
        for bad in [
            raw[..raw.len() - 1].to_vec(),
            [&raw[..], &[0]].concat(),
            [&[0], &raw[..]].concat(),
            [&raw[..], &raw[..len / 2]].concat(),
            raw[..len + len / 2].to_vec(),
            raw[..len].to_vec(),
            Vec::new(),
        ] {
            assert_eq!(
                ours(&with_signature(&token, &bad), case.key.as_ref()),
                Err(Error::Malformed(jwt_embedded::Part::Signature)),
                "length {}",
                bad.len()
            );
        }
        // r or s of 0, n, n + (s or r), all ones: the right length, refused.
        let zero = vec![0u8; len];
        let ones = vec![0xffu8; len];
        let r_plus_n = common::add_be(r, &n);
        let s_plus_n = common::add_be(s, &n);
        let mut out_of_range = vec![
            [&zero[..], s].concat(),
            [r, &zero[..]].concat(),
            [&zero[..], &zero[..]].concat(),
            [&n[..], s].concat(),
            [r, &n[..]].concat(),
            [&ones[..], s].concat(),
            [r, &ones[..]].concat(),
        ];
        // r + n and s + n, when they fit: the same values mod n.
        if r_plus_n[..] > r[..] {
            out_of_range.push([&r_plus_n[..], s].concat());
        }
        if s_plus_n[..] > s[..] {
            out_of_range.push([r, &s_plus_n[..]].concat());
        }
        for bad in &out_of_range {
            let forged = with_signature(&token, bad);
            assert_eq!(
                ours(&forged, case.key.as_ref()),
                Err(Error::Signature),
                "{forged}"
            );
            assert!(theirs(&forged, &case.decoding, case.alg).is_err());
            assert_eq!(
                case.key.verify_signature(
                    &token.as_bytes()[..token.rfind('.').unwrap()],
                    b64url(bad).as_bytes()
                ),
                Err(Error::Signature)
            );
        }
    }
    assert_eq!(high_s_seen, ROUNDS);
}

#[cfg(feature = "es256")]
#[test]
fn es256_signature_forms() {
    signature_forms(EcCurveId::P256, es256);
}

#[cfg(feature = "es384")]
#[test]
fn es384_signature_forms() {
    signature_forms(EcCurveId::P384, es384);
}

/// ES256 high-S through `verify_raw` too, with signatures made by aws-lc
/// (randomised: about half are high-S as made).
#[cfg(feature = "es256")]
#[test]
fn es256_high_s_raw() {
    use jwt_embedded::Es256Key;
    let signer = EcSigner::new(EcCurveId::P256, 11);
    let key = Es256Key::from_sec1_bytes(&signer.point()).unwrap();
    let n = EcCurveId::P256.order();
    let (mut high, mut low) = (0, 0);
    for i in 0..32u8 {
        let message = [b'm', i];
        let signature = signer.sign(&message);
        let (r, s) = signature.split_at(32);
        let flipped = [r, &common::sub_be(&n, s)[..]].concat();
        assert_eq!(key.verify_raw(&message, &signature), Ok(()));
        assert_eq!(key.verify_raw(&message, &flipped), Ok(()));
        // s is high when s > n - s.
        if s > &common::sub_be(&n, s)[..] {
            high += 1;
        } else {
            low += 1;
        }
    }
    // Both kinds occur (and verify) among 32 randomised signatures.
    assert!(high > 0 && low > 0, "{high} high, {low} low");
}
