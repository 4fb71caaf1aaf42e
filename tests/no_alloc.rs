//! Proof that verification never touches the heap: a counting global
//! allocator wraps `System`, and key construction, `verify` of valid tokens
//! and of tokens failing with every error kind, claim access and
//! `Verified::deserialize` run inside a counting window that must see zero
//! allocations; so do RS256 key import (JWK, DER, PEM) and verification
//! with 2048 and 4096-bit keys. Tokens, keys' text and policies are built
//! before the window opens.
//!
//! The count is per thread (the test harness runs tests, and allocates, on
//! other threads concurrently); the library is `no_std` and cannot spawn
//! threads, so nothing it does escapes the count. `counter_detects_allocations`
//! shows the window does see allocations.

// A `GlobalAlloc` cannot be written without `unsafe`; the library itself
// stays `#![forbid(unsafe_code)]` (src/lib.rs).
#![allow(unsafe_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;
use core::fmt::Write as _;
use std::alloc::System;
use std::hint::black_box;

use jsonwebtoken::EncodingKey;
use jwt_embedded::heapless;
use jwt_embedded::{
    Claim, Error, Hs256Key, KeyError, Part, RequiredClaims, Rs256Key2048, Rs256Key4096, Validation,
    peek_header, verify,
};
use serde::Deserialize;

mod common;

use common::{b64url, provider};

struct CountingAllocator;

thread_local! {
    /// Whether allocations on this thread are being counted.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    /// Allocations (alloc, alloc_zeroed, realloc) counted on this thread.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn record_allocation() {
    // `try_with`: never panic inside the allocator, even during thread teardown.
    let counting = COUNTING.try_with(Cell::get).unwrap_or(false);
    if counting {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged, so `System`'s guarantees carry over; the bookkeeping only
// touches const-initialised thread-locals, which never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record_allocation();
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record_allocation();
        // SAFETY: forwarded unchanged; the caller upholds `alloc_zeroed`'s contract.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record_allocation();
        // SAFETY: forwarded unchanged; `ptr` was allocated by `System` through this wrapper.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged; `ptr` was allocated by `System` through this wrapper.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Runs `f` and returns its result with the number of heap allocations it
/// made on this thread.
fn count_allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    COUNTING.with(|c| c.set(true));
    let result = f();
    COUNTING.with(|c| c.set(false));
    let after = ALLOCATIONS.with(Cell::get);
    (result, after - before)
}

const SECRET: &[u8; 32] = b"0123456789abcdef0123456789abcdef";
const NOW: i64 = 1_700_000_000;

/// A compact JWS of `header` and `payload` (JSON text), MACed with `secret`.
fn token(header: &str, payload: &str, secret: &[u8]) -> String {
    // Before any signing in the process: jsonwebtoken's first `sign` without
    // an installed provider fixes its panicking fallback for good, and the
    // tests run on threads in any order.
    provider();
    let signing_input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes())
    );
    let signature = jsonwebtoken::crypto::sign(
        signing_input.as_bytes(),
        &EncodingKey::from_secret(secret),
        jsonwebtoken::Algorithm::HS256,
    )
    .expect("sign");
    format!("{signing_input}.{signature}")
}

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#;
const CLAIMS: &str = r#"{"iss":"https://issuer.example","sub":"device-42","aud":["fleet","ota"],"exp":1800000000,"nbf":1600000000,"iat":1600000000,"jti":"id-1","role":"admin","level":3}"#;
const ESCAPED_CLAIMS: &str = r#"{"iss":"https:\/\/issuer.example","sub":"caf\u00e9 \"42\"","aud":"ota","exp":1800000000.5,"role":"adm\u0069n","level":3}"#;

const POLICY: Validation<'static> = Validation::new()
    .issuer("https://issuer.example")
    .audience("ota");

struct Case {
    name: &'static str,
    token: String,
    policy: Validation<'static>,
    buf_len: usize,
    expected: Result<(), Error>,
}

fn case(
    name: &'static str,
    token: String,
    policy: Validation<'static>,
    expected: Result<(), Error>,
) -> Case {
    Case {
        name,
        token,
        policy,
        buf_len: 1024,
        expected,
    }
}

/// One case per outcome `verify` can produce.
fn cases() -> Vec<Case> {
    let valid = token(HEADER, CLAIMS, SECRET);
    let (header_b64, payload_b64) = {
        let mut parts = valid.split('.');
        (
            parts.next().unwrap().to_owned(),
            parts.next().unwrap().to_owned(),
        )
    };
    let none = Validation::new()
        .required(RequiredClaims::NONE)
        .danger_accept_any_audience();
    vec![
        case("valid", valid.clone(), POLICY, Ok(())),
        case(
            "valid, escapes",
            token(HEADER, ESCAPED_CLAIMS, SECRET),
            POLICY,
            Ok(()),
        ),
        case(
            "two segments",
            format!("{header_b64}.{payload_b64}"),
            POLICY,
            Err(Error::Malformed(Part::Token)),
        ),
        case(
            "four segments",
            format!("{valid}.x"),
            POLICY,
            Err(Error::Malformed(Part::Token)),
        ),
        case(
            "header base64",
            format!("!{}", &valid[1..]),
            POLICY,
            Err(Error::Malformed(Part::Header)),
        ),
        case(
            "header JSON",
            token("{\"alg\":\"HS256\",}", CLAIMS, SECRET),
            POLICY,
            Err(Error::Malformed(Part::Header)),
        ),
        case(
            "no alg",
            token("{\"typ\":\"JWT\"}", CLAIMS, SECRET),
            POLICY,
            Err(Error::Malformed(Part::Header)),
        ),
        case(
            "alg none",
            token("{\"alg\":\"none\"}", CLAIMS, SECRET),
            POLICY,
            Err(Error::Algorithm),
        ),
        case(
            "alg HS384",
            token("{\"alg\":\"HS384\"}", CLAIMS, SECRET),
            POLICY,
            Err(Error::Algorithm),
        ),
        case(
            "crit",
            token(
                "{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":false}",
                CLAIMS,
                SECRET,
            ),
            POLICY,
            Err(Error::Crit),
        ),
        case("typ", valid.clone(), POLICY.typ("at+jwt"), Err(Error::Type)),
        case(
            "signature length",
            format!("{header_b64}.{payload_b64}.AAAA"),
            POLICY,
            Err(Error::Malformed(Part::Signature)),
        ),
        case(
            "signature",
            token(HEADER, CLAIMS, b"another secret, also 32 bytes ok"),
            POLICY,
            Err(Error::Signature),
        ),
        case(
            "payload not JSON",
            token(HEADER, "foo", SECRET),
            POLICY,
            Err(Error::Malformed(Part::Claims)),
        ),
        case(
            "payload duplicate",
            token(HEADER, r#"{"exp":1,"exp":1800000000}"#, SECRET),
            none,
            Err(Error::Malformed(Part::Claims)),
        ),
        case(
            "exp type",
            token(HEADER, r#"{"exp":"1800000000"}"#, SECRET),
            none,
            Err(Error::InvalidClaimType(Claim::Exp)),
        ),
        case(
            "aud type",
            token(HEADER, r#"{"exp":1800000000,"aud":["ota",1]}"#, SECRET),
            POLICY,
            Err(Error::InvalidClaimType(Claim::Aud)),
        ),
        case(
            "missing exp",
            token(
                HEADER,
                r#"{"iss":"https://issuer.example","aud":"ota"}"#,
                SECRET,
            ),
            POLICY,
            Err(Error::MissingClaim(Claim::Exp)),
        ),
        case(
            "missing jti",
            token(HEADER, r#"{"exp":1800000000}"#, SECRET),
            none.required(RequiredClaims::DEFAULT.with(Claim::Jti)),
            Err(Error::MissingClaim(Claim::Jti)),
        ),
        case(
            "expired",
            token(HEADER, r#"{"exp":1700000000}"#, SECRET),
            none,
            Err(Error::Expired),
        ),
        case(
            "not yet valid",
            token(HEADER, r#"{"exp":1800000000,"nbf":1700000001}"#, SECRET),
            none,
            Err(Error::NotYetValid),
        ),
        case(
            "issuer",
            valid.clone(),
            POLICY.issuer("https://other.example"),
            Err(Error::Issuer),
        ),
        case(
            "audience",
            valid.clone(),
            POLICY.audience("elsewhere"),
            Err(Error::Audience),
        ),
        case(
            "audience unconfigured",
            valid.clone(),
            Validation::new(),
            Err(Error::Audience),
        ),
        case(
            "too large",
            valid.clone(),
            POLICY.max_token_len(64),
            Err(Error::TooLarge),
        ),
        Case {
            name: "buffer too small",
            token: valid,
            policy: POLICY,
            buf_len: 16,
            expected: Err(Error::BufferTooSmall),
        },
    ]
}

#[derive(Deserialize)]
struct Borrowed<'a> {
    iss: &'a str,
    sub: &'a str,
    role: &'a str,
    level: u8,
    exp: u64,
}

#[derive(Deserialize)]
struct Owned {
    iss: heapless::String<32>,
    sub: heapless::String<32>,
    role: heapless::String<8>,
    aud: heapless::Vec<heapless::String<8>, 4>,
}

#[derive(Deserialize)]
struct Unescaped {
    iss: heapless::String<32>,
    sub: heapless::String<32>,
    role: heapless::String<8>,
}

#[derive(Debug, Deserialize)]
struct Wrong {
    #[allow(dead_code)]
    level: heapless::String<8>,
}

#[test]
fn verification_does_not_allocate() {
    provider(); // before the counting window: installing may allocate
    let cases = cases();
    let mut results: Vec<Result<(), Error>> = Vec::with_capacity(cases.len());
    let mut buf = [0u8; 1024];
    let long_secret = b64url(&[7u8; 100]); // > 64 bytes: hashed first
    let jwk_secret = b64url(SECRET);

    let ((), allocations) = count_allocations(|| {
        // Keys, and key errors.
        let key = Hs256Key::new(SECRET).unwrap();
        black_box(Hs256Key::from_base64url(&jwk_secret).unwrap());
        black_box(Hs256Key::from_base64url(&long_secret).unwrap());
        assert_eq!(
            Hs256Key::new(&SECRET[..31]).err(),
            Some(Error::InvalidKey(KeyError::TooShort))
        );
        assert_eq!(
            Hs256Key::from_base64url("c2hvcnQ").err(),
            Some(Error::InvalidKey(KeyError::TooShort))
        );
        assert_eq!(
            Hs256Key::from_base64url("not base64!").err(),
            Some(Error::InvalidKey(KeyError::Encoding))
        );
        assert_eq!(
            key.verify_mac(b"message", &[0u8; 32]),
            Err(Error::Signature)
        );

        // Every case; results go into preallocated room.
        for case in &cases {
            let buf = &mut buf[..case.buf_len];
            results.push(verify(case.token.as_bytes(), &key, &case.policy, NOW, buf).map(|_| ()));
        }

        // A verified token: header, claims, payload, deserialization.
        let valid = &cases[0].token;
        let verified = verify(valid.as_bytes(), &key, &POLICY, NOW, &mut buf).unwrap();
        assert!(verified.header().kid.is_some_and(|kid| kid.eq_str("k1")));
        let claims = verified.claims();
        assert!(
            claims
                .aud
                .is_some_and(|aud| aud.contains("fleet") && aud.iter().count() == 2)
        );
        assert_eq!(claims.exp.map(|d| d.seconds()), Some(1_800_000_000));
        assert!(claims.jti.is_some_and(|jti| jti.as_str() == Some("id-1")));
        let mut scratch = [0u8; 64];
        let borrowed: Borrowed<'_> = verified.deserialize(&mut scratch).unwrap();
        assert_eq!(
            (borrowed.iss, borrowed.sub, borrowed.role),
            ("https://issuer.example", "device-42", "admin")
        );
        assert_eq!((borrowed.level, borrowed.exp), (3, 1_800_000_000));
        let owned: Owned = verified.deserialize(&mut scratch).unwrap();
        assert_eq!(
            (owned.iss.as_str(), owned.sub.as_str(), owned.role.as_str()),
            ("https://issuer.example", "device-42", "admin")
        );
        assert_eq!(owned.aud.len(), 2);
        assert_eq!(
            verified.deserialize::<Wrong>(&mut scratch).err(),
            Some(Error::Deserialize)
        );
        black_box(verified.payload());

        // Escaped claims: decoded without allocating, through `scratch`.
        let escaped = &cases[1].token;
        let mut buf2 = [0u8; 1024];
        let verified = verify(escaped.as_bytes(), &key, &POLICY, NOW, &mut buf2).unwrap();
        let claims = verified.claims();
        let iss = claims.iss.unwrap();
        assert!(iss.is_escaped() && iss.eq_str("https://issuer.example"));
        let mut text = [0u8; 64];
        assert_eq!(
            claims.sub.unwrap().unescape_into(&mut text),
            Ok("café \"42\"")
        );
        let mut shown: heapless::String<64> = heapless::String::new();
        write!(shown, "{}", claims.sub.unwrap()).unwrap();
        assert_eq!(shown.as_str(), "café \"42\"");
        let mut scratch = [0u8; 64];
        let unescaped: Unescaped = verified.deserialize(&mut scratch).unwrap();
        // Escaped text never reaches a borrowed `&str` field.
        assert_eq!(
            verified.deserialize::<Borrowed<'_>>(&mut scratch).err(),
            Some(Error::Deserialize)
        );
        assert_eq!(
            (unescaped.iss.as_str(), unescaped.sub.as_str()),
            ("https://issuer.example", "café \"42\"")
        );
        assert_eq!(unescaped.role.as_str(), "admin");

        // peek_header, valid and not.
        let mut hbuf = [0u8; 1024];
        assert!(peek_header(valid.as_bytes(), &mut hbuf).is_ok_and(|h| h.alg.eq_str("HS256")));
        assert_eq!(
            peek_header(b"a.b", &mut hbuf).err(),
            Some(Error::Malformed(Part::Token))
        );
    });

    // Outside the window: check every outcome, then the count.
    assert_eq!(results.len(), cases.len());
    for (case, result) in cases.iter().zip(&results) {
        assert_eq!(*result, case.expected, "case {:?}", case.name);
    }
    let mut kinds: Vec<&str> = results
        .iter()
        .map(|r| r.map_or_else(Error::kind, |()| "ok"))
        .collect();
    kinds.extend(["key", "deserialize"]); // checked inside the window
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(
        kinds,
        [
            "algorithm",
            "audience",
            "buffer_too_small",
            "crit",
            "deserialize",
            "expired",
            "invalid_claim_type",
            "issuer",
            "key",
            "malformed",
            "missing_claim",
            "not_yet_valid",
            "ok",
            "signature",
            "too_large",
            "typ",
        ]
    );
    assert_eq!(
        allocations, 0,
        "verification allocated {allocations} time(s)"
    );
}

/// Inputs for the RS256 window, read from the vector files beforehand.
struct RsaInputs {
    /// RFC 7515 A.2: token, JWK, SPKI PEM, `n`.
    token: String,
    jwk: String,
    pem: String,
    n: String,
    /// Wycheproof 4096-bit group: SPKI DER, PKCS#1 DER, and (msg, sig, valid) cases.
    der_4096: Vec<u8>,
    pkcs1_4096: Vec<u8>,
    cases_4096: Vec<(Vec<u8>, Vec<u8>, bool)>,
}

fn rsa_inputs() -> RsaInputs {
    let read = |path: &str| {
        let path = format!("{}/tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let rfc = read("rfc_vectors.json");
    let a2 = rfc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "rfc7515-A.2")
        .unwrap();
    let wycheproof = read("wycheproof/rsa_signature_4096_sha256_test.json");
    let group = &wycheproof["testGroups"][0];
    let hex = |v: &serde_json::Value| hex::decode(v.as_str().unwrap()).unwrap();
    let cases_4096 = group["tests"]
        .as_array()
        .unwrap()
        .iter()
        .take(40)
        .map(|t| (hex(&t["msg"]), hex(&t["sig"]), t["result"] == "valid"))
        .collect();
    RsaInputs {
        token: a2["token"].as_str().unwrap().to_owned(),
        jwk: a2["jwk"].to_string(),
        pem: a2["key"]["spki_pem"].as_str().unwrap().to_owned(),
        n: a2["key"]["n_b64url"].as_str().unwrap().to_owned(),
        der_4096: hex(&group["publicKeyDer"]),
        pkcs1_4096: hex(&group["publicKeyAsn"]),
        cases_4096,
    }
}

#[test]
fn rs256_does_not_allocate() {
    provider(); // before the counting window: installing may allocate
    let inputs = rsa_inputs();
    let policy = Validation::new().issuer("joe");
    let now = 1_300_819_379;
    let mut tampered = inputs.token.clone().into_bytes();
    let last = tampered.len() - 2;
    tampered[last] ^= 1; // `R` -> `S`: another canonical character
    let truncated = &inputs.token.as_bytes()[..inputs.token.len() - 3];
    let hs256 = token(HEADER, CLAIMS, SECRET);
    let escaped_jwk = inputs.jwk.replacen("AQAB", "\\u0041QAB", 1);
    assert!(escaped_jwk.contains("\\u0041"));
    let mut verdicts_4096: Vec<bool> = Vec::with_capacity(inputs.cases_4096.len());
    let mut buf = [0u8; 1024];

    let ((), allocations) = count_allocations(|| {
        // Key import, every format, and refusals.
        let key = Rs256Key2048::from_jwk(&inputs.jwk).unwrap();
        assert_eq!(Rs256Key2048::from_jwk(&escaped_jwk), Ok(key.clone()));
        assert_eq!(Rs256Key2048::from_pem(&inputs.pem), Ok(key.clone()));
        assert_eq!(
            Rs256Key2048::from_jwk_components(&inputs.n, "AQAB"),
            Ok(key.clone())
        );
        let wide = Rs256Key4096::from_pem(&inputs.pem).unwrap();
        let key_4096 = Rs256Key4096::from_public_key_der(&inputs.der_4096).unwrap();
        assert_eq!(
            Rs256Key4096::from_pkcs1_der(&inputs.pkcs1_4096),
            Ok(key_4096.clone())
        );
        assert_eq!(
            Rs256Key2048::from_public_key_der(&inputs.der_4096).err(),
            Some(Error::InvalidKey(KeyError::TooLarge))
        );
        assert_eq!(
            Rs256Key2048::from_jwk(r#"{"kty":"oct","k":"AQAB"}"#).err(),
            Some(Error::InvalidKey(KeyError::KeyType))
        );
        assert_eq!(
            Rs256Key2048::from_pem("-----BEGIN PUBLIC KEY-----").err(),
            Some(Error::InvalidKey(KeyError::Encoding))
        );

        // Tokens: 2048-bit arithmetic, and the same key in 4096-bit arithmetic.
        let verified = verify(inputs.token.as_bytes(), &key, &policy, now, &mut buf).unwrap();
        assert!(verified.claims().iss.is_some_and(|iss| iss.eq_str("joe")));
        assert!(verify(inputs.token.as_bytes(), &wide, &policy, now, &mut buf).is_ok());
        assert_eq!(
            verify(&tampered, &key, &policy, now, &mut buf).err(),
            Some(Error::Signature)
        );
        assert_eq!(
            verify(truncated, &wide, &policy, now, &mut buf).err(),
            Some(Error::Malformed(Part::Signature))
        );
        assert_eq!(
            verify(hs256.as_bytes(), &key, &policy, now, &mut buf).err(),
            Some(Error::Algorithm)
        );
        assert_eq!(
            verify(inputs.token.as_bytes(), &key, &policy, now + 1, &mut buf).err(),
            Some(Error::Expired)
        );

        // Raw 4096-bit verifications, valid and invalid.
        for (msg, sig, _) in &inputs.cases_4096 {
            verdicts_4096.push(key_4096.verify_raw(msg, sig).is_ok());
        }
        assert_eq!(
            key.verify_raw(b"message", &[0u8; 256]),
            Err(Error::Signature)
        );
    });

    let expected: Vec<bool> = inputs.cases_4096.iter().map(|c| c.2).collect();
    assert_eq!(verdicts_4096, expected);
    assert!(expected.contains(&true) && expected.contains(&false));
    assert_eq!(allocations, 0, "RS256 allocated {allocations} time(s)");
}

/// The counter is not vacuous: allocations inside the window are seen.
/// The session-token policy (age, lifetime, scopes, revocation by a deny
/// list) and the extraction from `Authorization` and `Cookie` values.
#[test]
fn session_policy_and_extraction_do_not_allocate() {
    let payload = r#"{"sub":"device-42","exp":1800000000,"iat":1699999000,"jti":"id-1","scp":["read","write"]}"#;
    let valid = token(HEADER, payload, SECRET);
    let revoked = token(HEADER, &payload.replace("id-1", "id-2"), SECRET);
    let escaped = token(
        HEADER,
        &payload.replace(r#"["read","write"]"#, r#""read write""#),
        SECRET,
    );
    let authorization = format!("Bearer {valid}");
    let cookie = format!("theme=dark; session=\"{valid}\"; lang=en");
    let key = Hs256Key::new(SECRET).unwrap();
    let mut buf = [0u8; 1024];
    let ((), allocations) = count_allocations(|| {
        let deny = core::cell::RefCell::new(jwt_embedded::DenyList::<8>::new());
        deny.borrow_mut()
            .revoke_jti("id-2", 1_800_000_000, NOW)
            .unwrap();
        deny.borrow_mut()
            .revoke_subject("someone", NOW, NOW + 3600, NOW)
            .unwrap();
        let policy = Validation::new()
            .max_age(3600)
            .max_lifetime(200_000_000)
            .scopes(&["read", "write"])
            .revocation(&deny);
        for (token, expected) in [
            (&valid, Ok(())),
            (&escaped, Ok(())),
            (&revoked, Err(Error::Revoked)),
        ] {
            let got = verify(black_box(token.as_bytes()), &key, &policy, NOW, &mut buf).map(|_| ());
            assert_eq!(got, expected);
        }
        let from_header = jwt_embedded::bearer_token(black_box(authorization.as_bytes())).unwrap();
        assert!(verify(from_header, &key, &policy, NOW, &mut buf).is_ok());
        let from_cookie =
            jwt_embedded::cookie_token(black_box(cookie.as_bytes()), "session").unwrap();
        assert!(verify(from_cookie, &key, &policy, NOW, &mut buf).is_ok());
        assert_eq!(
            jwt_embedded::cookie_token(b"session=a; session=b", "session"),
            Err(Error::DuplicateCookie)
        );
        assert_eq!(
            verify(valid.as_bytes(), &key, &policy.max_age(10), NOW, &mut buf).map(|_| ()),
            Err(Error::TooOld)
        );
    });
    assert_eq!(allocations, 0);
}

#[test]
fn counter_detects_allocations() {
    let ((), n) = count_allocations(|| {
        black_box(Vec::<u8>::with_capacity(16));
    });
    assert_eq!(n, 1);
    let ((), n) = count_allocations(|| {
        let mut v: Vec<u64> = black_box(Vec::with_capacity(1));
        v.push(1);
        v.push(2); // grows: realloc
        black_box(v);
    });
    assert_eq!(n, 2);
    let ((), n) = count_allocations(|| {
        black_box(format!("{}", black_box(42)));
    });
    assert!(n >= 1);
    let ((), n) = count_allocations(|| black_box(()));
    assert_eq!(n, 0);
}
