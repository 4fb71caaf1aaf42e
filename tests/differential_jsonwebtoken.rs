//! Differential tests against the `jsonwebtoken` crate (HS256).
//!
//! Seeded random claim sets (strings needing JSON escapes, unicode, `aud` as
//! a string or an array, custom members) are signed by `jsonwebtoken::encode`
//! and verified here; the registered claims read back must equal the ones
//! generated, and `jsonwebtoken::decode` must agree on the verdict. Then
//! every token is mutated (bit flips, truncation, segment swaps, padding and
//! whitespace) and no mutant may verify.
//!
//! `jsonwebtoken` reads the wall clock (it takes no `now`), so the times in
//! the tokens are placed relative to the current time; the exp/nbf boundary
//! checks retry when the clock ticks during a comparison.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header};
use jwt_embedded::{
    Audience, Error, Hs256Key, JsonStr, RequiredClaims, Validation, buffer_len, verify,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};

mod common;

use common::{b64url as b64url_encode, provider};

const SEED: u64 = 0x6a77_745f_656d_6264;
const CLAIM_SETS: usize = 300;

/// Characters the generated strings draw from: plain ASCII, characters JSON
/// must or may escape, and non-ASCII (2-, 3- and 4-byte UTF-8).
const ALPHABET: &[char] = &[
    'a', 'b', 'z', 'A', 'Z', '0', '9', ' ', '-', '_', '.', ':', '/', '"', '\\', '\'', '\n', '\r',
    '\t', '\u{0}', '\u{1}', '\u{1f}', '\u{7f}', 'é', 'ß', '€', '日', '本', '\u{2028}', '\u{fffd}',
    '😀', '𝄞',
];

fn random_string(rng: &mut StdRng, max_len: usize) -> String {
    let len = rng.random_range(0..=max_len);
    (0..len)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())])
        .collect()
}

fn random_value(rng: &mut StdRng, depth: u32) -> Value {
    match rng.random_range(0..if depth == 0 { 4 } else { 6 }) {
        0 => Value::String(random_string(rng, 12)),
        1 => json!(rng.random_range(-1_000_000i64..1_000_000)),
        2 => json!(rng.random_bool(0.5)),
        3 => Value::Null,
        4 => Value::Array(
            (0..rng.random_range(0..4))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.random_range(0..4) {
                map.insert(random_string(rng, 6), random_value(rng, depth - 1));
            }
            Value::Object(map)
        }
    }
}

const REGISTERED: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// A random claim set, valid at `now` for issuer `iss` and audience `aud`
/// (both carried in the returned map).
struct ClaimSet {
    claims: Map<String, Value>,
    iss: String,
    aud: String,
}

fn random_claims(rng: &mut StdRng, now: i64) -> ClaimSet {
    let mut claims = Map::new();
    let iss = random_string(rng, 24);
    let aud = random_string(rng, 16);
    claims.insert("iss".into(), Value::String(iss.clone()));
    if rng.random_bool(0.7) {
        claims.insert("sub".into(), Value::String(random_string(rng, 24)));
    }
    if rng.random_bool(0.5) {
        claims.insert("aud".into(), Value::String(aud.clone()));
    } else {
        let mut list: Vec<Value> = (0..rng.random_range(0..3))
            .map(|_| Value::String(random_string(rng, 10)))
            .collect();
        let at = rng.random_range(0..=list.len());
        list.insert(at, Value::String(aud.clone()));
        claims.insert("aud".into(), Value::Array(list));
    }
    // Far from the boundaries: a clock tick during the test changes nothing.
    claims.insert("exp".into(), json!(now + rng.random_range(100..1_000_000)));
    if rng.random_bool(0.6) {
        claims.insert("nbf".into(), json!(now - rng.random_range(100..1_000_000)));
    }
    if rng.random_bool(0.6) {
        claims.insert("iat".into(), json!(now - rng.random_range(0..1_000_000)));
    }
    if rng.random_bool(0.6) {
        claims.insert("jti".into(), Value::String(random_string(rng, 20)));
    }
    for _ in 0..rng.random_range(0..5) {
        let name = random_string(rng, 8);
        if !REGISTERED.contains(&name.as_str()) {
            claims.insert(name, random_value(rng, 2));
        }
    }
    ClaimSet { claims, iss, aud }
}

fn wall_clock() -> i64 {
    i64::try_from(jsonwebtoken::get_current_timestamp()).expect("time fits i64")
}

fn sign(claims: &Value, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .expect("encode")
}

/// `jsonwebtoken` configured like our `Validation::new().issuer(iss).audience(aud).leeway(leeway)`.
fn their_validation(iss: Option<&str>, aud: Option<&str>, leeway: u64) -> jsonwebtoken::Validation {
    let mut v = jsonwebtoken::Validation::new(Algorithm::HS256);
    v.leeway = leeway; // their default is 60
    v.validate_exp = true;
    v.validate_nbf = true; // off by default there, always on here
    let mut required = vec!["exp"];
    if let Some(iss) = iss {
        v.set_issuer(&[iss]);
        required.push("iss"); // theirs ignores a missing iss unless required; ours rejects it
    }
    match aud {
        Some(aud) => {
            v.set_audience(&[aud]);
            required.push("aud");
        }
        None => v.validate_aud = true, // like ours: a token carrying aud is rejected
    }
    v.set_required_spec_claims(&required);
    v
}

fn theirs_accept(
    token: &str,
    secret: &[u8],
    validation: &jsonwebtoken::Validation,
) -> Option<Value> {
    jsonwebtoken::decode::<Value>(token, &DecodingKey::from_secret(secret), validation)
        .ok()
        .map(|data| data.claims)
}

fn json_str_eq(s: &JsonStr<'_>, expected: &str) -> bool {
    let mut buf = vec![0u8; expected.len() + 16];
    let displayed = s.to_string(); // `Display` writes the decoded text
    s.eq_str(expected)
        && displayed == expected
        && s.unescape_into(&mut buf).ok() == Some(expected)
        && (s.is_escaped() || s.as_str() == Some(expected))
}

fn check_string_claim(name: &str, got: Option<JsonStr<'_>>, expected: Option<&Value>) {
    match (got, expected) {
        (None, None) => {}
        (Some(got), Some(Value::String(expected))) => {
            assert!(
                json_str_eq(&got, expected),
                "{name}: got {got:?}, expected {expected:?}"
            );
        }
        (got, expected) => panic!("{name}: got {got:?}, expected {expected:?}"),
    }
}

fn check_date_claim(name: &str, got: Option<jwt_embedded::NumericDate>, expected: Option<&Value>) {
    let got = got.map(|d| {
        assert!(!d.is_fractional(), "{name}");
        d.seconds()
    });
    assert_eq!(
        got,
        expected.map(|v| v.as_i64().expect("integer date")),
        "{name}"
    );
}

#[test]
fn random_claim_sets_round_trip_and_agree() {
    provider();
    let mut rng = StdRng::seed_from_u64(SEED);
    let now = wall_clock();
    let mut mutated = 0usize;
    let mut escaped_seen = 0usize;

    for i in 0..CLAIM_SETS {
        let secret: Vec<u8> = (0..rng.random_range(32..80))
            .map(|_| rng.random())
            .collect();
        let key = Hs256Key::new(&secret).expect("key");
        let ClaimSet { claims, iss, aud } = random_claims(&mut rng, now);
        let claims_value = Value::Object(claims.clone());
        let token = sign(&claims_value, &secret);

        let policy = Validation::new().issuer(&iss).audience(&aud);
        let mut buf = vec![0u8; buffer_len(token.len())];
        let verified = verify(token.as_bytes(), &key, &policy, now, &mut buf)
            .unwrap_or_else(|e| panic!("set {i}: {e:?}\nclaims {claims_value}\ntoken {token}"));

        // The payload is exactly what was signed; the registered claims are the generated ones.
        let payload: Value = serde_json::from_str(verified.payload()).expect("payload JSON");
        assert_eq!(payload, claims_value, "set {i}");
        assert!(verified.header().alg.eq_str("HS256"));
        assert!(verified.header().typ.is_some_and(|t| t.eq_str("JWT")));
        let got = verified.claims();
        escaped_seen += usize::from(got.iss.is_some_and(|s| s.is_escaped()));
        check_string_claim("iss", got.iss, claims.get("iss"));
        check_string_claim("sub", got.sub, claims.get("sub"));
        check_string_claim("jti", got.jti, claims.get("jti"));
        check_date_claim("exp", got.exp, claims.get("exp"));
        check_date_claim("nbf", got.nbf, claims.get("nbf"));
        check_date_claim("iat", got.iat, claims.get("iat"));
        match (got.aud, claims.get("aud")) {
            (Some(Audience::One(one)), Some(Value::String(expected))) => {
                assert!(json_str_eq(&one, expected), "set {i}: aud");
            }
            (Some(list @ Audience::Many(_)), Some(Value::Array(expected))) => {
                let got: Vec<String> = list.iter().map(|a| a.to_string()).collect();
                let expected: Vec<&str> = expected
                    .iter()
                    .map(|v| v.as_str().expect("string"))
                    .collect();
                assert_eq!(got, expected, "set {i}: aud");
                assert!(list.contains(&aud));
            }
            (got, expected) => panic!("set {i}: aud got {got:?}, expected {expected:?}"),
        }

        // jsonwebtoken agrees, and reads the same claims.
        let theirs = their_validation(Some(&iss), Some(&aud), 0);
        assert_eq!(
            theirs_accept(&token, &secret, &theirs).as_ref(),
            Some(&claims_value),
            "set {i}"
        );

        // Both reject a wrong issuer, a wrong audience, a missing audience
        // configuration, and a wrong key.
        let wrong_iss = format!("{iss}x");
        let wrong_aud = format!("{aud}x");
        let cases: [(Validation<'_>, jsonwebtoken::Validation, Error); 3] = [
            (
                Validation::new().issuer(&wrong_iss).audience(&aud),
                their_validation(Some(&wrong_iss), Some(&aud), 0),
                Error::Issuer,
            ),
            (
                Validation::new().issuer(&iss).audience(&wrong_aud),
                their_validation(Some(&iss), Some(&wrong_aud), 0),
                Error::Audience,
            ),
            (
                Validation::new().issuer(&iss),
                their_validation(Some(&iss), None, 0),
                Error::Audience,
            ),
        ];
        for (ours, theirs, expected) in cases {
            let mut buf = vec![0u8; buffer_len(token.len())];
            assert_eq!(
                verify(token.as_bytes(), &key, &ours, now, &mut buf).err(),
                Some(expected),
                "set {i}"
            );
            assert_eq!(
                theirs_accept(&token, &secret, &theirs),
                None,
                "set {i}: {expected:?}"
            );
        }
        let mut other_secret = secret.clone();
        other_secret[0] ^= 1;
        let other_key = Hs256Key::new(&other_secret).expect("key");
        let mut buf = vec![0u8; buffer_len(token.len())];
        assert_eq!(
            verify(token.as_bytes(), &other_key, &policy, now, &mut buf).err(),
            Some(Error::Signature)
        );
        assert_eq!(
            theirs_accept(
                &token,
                &other_secret,
                &their_validation(Some(&iss), Some(&aud), 0)
            ),
            None
        );

        // Mutations: bit flips on a sample (they are many), the rest on all.
        mutated += assert_mutants_rejected(&token, &key, &policy, now, i % 10 == 0);
    }
    eprintln!("differential: {CLAIM_SETS} claim sets, {mutated} mutants rejected");
    assert!(mutated > 0);
    assert!(escaped_seen > 0, "no generated iss needed an escape");
}

/// Every mutant of `token` must fail to verify. Returns how many were tried.
fn assert_mutants_rejected(
    token: &str,
    key: &Hs256Key,
    policy: &Validation<'_>,
    now: i64,
    bit_flips: bool,
) -> usize {
    let original = token.as_bytes();
    let mut buf = vec![0u8; buffer_len(original.len() + 16)];
    let mut count = 0usize;
    let mut reject = |mutant: &[u8], what: &dyn Fn() -> String| {
        if mutant != original {
            let result = verify(mutant, key, policy, now, &mut buf);
            assert!(
                result.is_err(),
                "mutant verified ({}): {}",
                what(),
                String::from_utf8_lossy(mutant)
            );
            count += 1;
        }
    };

    if bit_flips {
        for at in 0..original.len() {
            for bit in 0..8 {
                let mut mutant = original.to_vec();
                mutant[at] ^= 1 << bit;
                reject(&mutant, &|| format!("bit {bit} of byte {at}"));
            }
        }
    }
    for len in 0..original.len() {
        reject(&original[..len], &|| format!("truncated to {len}"));
        reject(&original[len + 1..], &|| {
            format!("first {} bytes dropped", len + 1)
        });
    }

    let segments: Vec<&str> = token.split('.').collect();
    assert_eq!(segments.len(), 3);
    for order in [[0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
        let swapped = order.map(|i| segments[i]).join(".");
        reject(swapped.as_bytes(), &|| format!("segments {order:?}"));
    }
    for extra in ["=", "==", " ", "\n", "\r\n", "\t", "\0", ".", "A", "\u{a0}"] {
        reject(format!("{token}{extra}").as_bytes(), &|| {
            format!("appended {extra:?}")
        });
        reject(format!("{extra}{token}").as_bytes(), &|| {
            format!("prepended {extra:?}")
        });
        for seg in 0..3 {
            // `extra` at the end of segment `seg`, then at its start.
            let mut parts = segments.clone();
            let at_end = format!("{}{extra}", segments[seg]);
            parts[seg] = &at_end;
            reject(parts.join(".").as_bytes(), &|| {
                format!("{extra:?} after segment {seg}")
            });
            let mut parts = segments.clone();
            let at_start = format!("{extra}{}", segments[seg]);
            parts[seg] = &at_start;
            reject(parts.join(".").as_bytes(), &|| {
                format!("{extra:?} before segment {seg}")
            });
        }
    }
    count
}

/// `s` as a JSON string literal, each character written raw or escaped at
/// random (`\/`, `\uXXXX` in either case, surrogate pairs, short escapes).
fn escape_randomly(rng: &mut StdRng, s: &str) -> String {
    fn u_escape(rng: &mut StdRng, unit: u16) -> String {
        if rng.random_bool(0.5) {
            format!("\\u{unit:04x}")
        } else {
            format!("\\u{unit:04X}")
        }
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        let must = c == '"' || c == '\\' || u32::from(c) < 0x20;
        if !must && rng.random_bool(0.5) {
            out.push(c);
            continue;
        }
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            _ => None,
        };
        match short {
            Some(esc) if rng.random_bool(0.5) => out.push_str(esc),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&u_escape(rng, *unit));
                }
            }
        }
    }
    out.push('"');
    out
}

fn random_whitespace(rng: &mut StdRng) -> &'static str {
    ["", "", "", " ", "\n", "\t", "\r\n ", "  "][rng.random_range(0..8)]
}

/// Hand-written payloads with JSON escapes everywhere (also in member names:
/// `"\u0069ss"` is `iss`), signed through `jsonwebtoken::crypto::sign`:
/// both libraries must accept them and decode the same claims. (`serde_json`
/// never writes `\/` or `\u` escapes, so `encode` alone would not cover this.)
#[test]
fn escaped_payloads_agree_with_jsonwebtoken() {
    provider();
    let mut rng = StdRng::seed_from_u64(SEED ^ 1);
    let now = wall_clock();
    let secret = [0x17u8; 48];
    let key = Hs256Key::new(&secret).expect("key");
    let mut escaped_seen = 0usize;

    for i in 0..200 {
        let iss = random_string(&mut rng, 20) + "/";
        let sub = random_string(&mut rng, 20);
        let aud = random_string(&mut rng, 12);
        let other_aud = random_string(&mut rng, 12);
        let custom = random_string(&mut rng, 8);
        let exp = now + rng.random_range(100..100_000);
        let aud_json = if rng.random_bool(0.5) {
            escape_randomly(&mut rng, &aud)
        } else {
            format!(
                "[{}, {}]",
                escape_randomly(&mut rng, &other_aud),
                escape_randomly(&mut rng, &aud)
            )
        };
        let members = [
            (
                escape_randomly(&mut rng, "iss"),
                escape_randomly(&mut rng, &iss),
            ),
            (
                escape_randomly(&mut rng, "sub"),
                escape_randomly(&mut rng, &sub),
            ),
            (escape_randomly(&mut rng, "aud"), aud_json),
            (escape_randomly(&mut rng, "exp"), exp.to_string()),
            (
                escape_randomly(&mut rng, "x/\"y"),
                escape_randomly(&mut rng, &custom),
            ),
        ];
        let mut payload = String::from("{");
        for (n, (name, value)) in members.iter().enumerate() {
            if n > 0 {
                payload.push(',');
            }
            payload.push_str(random_whitespace(&mut rng));
            payload.push_str(name);
            payload.push_str(random_whitespace(&mut rng));
            payload.push(':');
            payload.push_str(random_whitespace(&mut rng));
            payload.push_str(value);
            payload.push_str(random_whitespace(&mut rng));
        }
        payload.push('}');
        let signing_input = format!(
            "{}.{}",
            b64url_encode(br#"{"alg":"HS256"}"#),
            b64url_encode(payload.as_bytes())
        );
        let signature = jsonwebtoken::crypto::sign(
            signing_input.as_bytes(),
            &EncodingKey::from_secret(&secret),
            Algorithm::HS256,
        )
        .expect("sign");
        let token = format!("{signing_input}.{signature}");

        let policy = Validation::new().issuer(&iss).audience(&aud);
        let mut buf = vec![0u8; buffer_len(token.len())];
        let verified = verify(token.as_bytes(), &key, &policy, now, &mut buf)
            .unwrap_or_else(|e| panic!("payload {i}: {e:?}\n{payload}"));
        let claims = verified.claims();
        check_string_claim("iss", claims.iss, Some(&Value::String(iss.clone())));
        check_string_claim("sub", claims.sub, Some(&Value::String(sub.clone())));
        check_date_claim("exp", claims.exp, Some(&json!(exp)));
        assert!(
            claims.aud.is_some_and(|a| a.contains(&aud)),
            "payload {i}: aud"
        );
        escaped_seen += usize::from(claims.iss.is_some_and(|s| s.is_escaped()));

        let theirs = theirs_accept(
            &token,
            &secret,
            &their_validation(Some(&iss), Some(&aud), 0),
        )
        .unwrap_or_else(|| panic!("jsonwebtoken rejects payload {i}: {payload}"));
        assert_eq!(theirs["iss"], iss.as_str());
        assert_eq!(theirs["sub"], sub.as_str());
        let ours: Value = serde_json::from_str(verified.payload()).expect("payload JSON");
        assert_eq!(ours, theirs, "payload {i}");
    }
    assert!(escaped_seen > 0);
}

/// The verdicts of both libraries around the `exp` and `nbf` boundaries.
///
/// `nbf` semantics are identical: not yet valid while `now < nbf - leeway`.
///
/// `exp` differs by design at exactly one second: RFC 7519 §4.1.4 says the
/// current time "MUST be before" `exp`, so this crate rejects when
/// `now >= exp + leeway`; `jsonwebtoken` rejects only when
/// `exp < now - leeway`, i.e. it still accepts at `now == exp + leeway`. The
/// test asserts that difference rather than hiding it.
#[test]
fn exp_nbf_boundaries_agree_with_jsonwebtoken() {
    provider();
    let secret = [0x42u8; 32];
    let key = Hs256Key::new(&secret).expect("key");
    let mut compared = 0usize;
    let mut documented_differences = 0usize;

    for leeway in [0u64, 5] {
        let leeway_i = i64::try_from(leeway).expect("small");
        for delta in -8i64..=8 {
            for field in ["exp", "nbf"] {
                // Retry if the wall clock ticks while the two libraries run.
                let (ours, theirs, now, boundary) = loop {
                    let base = wall_clock();
                    let claims = match field {
                        "exp" => json!({ "sub": "boundary", "exp": base + delta }),
                        _ => {
                            json!({ "sub": "boundary", "exp": base + 10_000, "nbf": base + delta })
                        }
                    };
                    let token = sign(&claims, &secret);
                    let policy = Validation::new()
                        .required(RequiredClaims::DEFAULT)
                        .leeway(leeway);
                    let their_policy = their_validation(None, None, leeway);
                    let before = wall_clock();
                    let theirs = theirs_accept(&token, &secret, &their_policy).is_some();
                    let after = wall_clock();
                    if base != before || before != after {
                        continue;
                    }
                    let mut buf = vec![0u8; buffer_len(token.len())];
                    let ours =
                        verify(token.as_bytes(), &key, &policy, before, &mut buf).map(|_| ());
                    let boundary = base + delta; // the exp or nbf value
                    break (ours, theirs, before, boundary);
                };

                // Our own semantics, exactly.
                let expected = match field {
                    "exp" if now >= boundary + leeway_i => Err(Error::Expired),
                    "nbf" if now < boundary - leeway_i => Err(Error::NotYetValid),
                    _ => Ok(()),
                };
                assert_eq!(
                    ours, expected,
                    "{field}={boundary} now={now} leeway={leeway}"
                );

                if field == "exp" && now == boundary + leeway_i {
                    // The documented difference: theirs accepts at exp + leeway.
                    assert!(theirs, "jsonwebtoken changed its exp boundary");
                    assert_eq!(ours, Err(Error::Expired));
                    documented_differences += 1;
                } else {
                    assert_eq!(
                        ours.is_ok(),
                        theirs,
                        "{field}={boundary} now={now} leeway={leeway}: ours {ours:?}"
                    );
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 0);
    // Exactly one exp value per leeway sits on the boundary.
    assert_eq!(
        documented_differences, 2,
        "the exp boundary was not exercised"
    );
}
