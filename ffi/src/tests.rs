//! The C API's own tests, through its `extern "C"` functions as C calls
//! them. They run natively and under Miri (`cargo +nightly miri test -p
//! jwt-embedded-ffi`), which checks every `unsafe` block they reach; the
//! RSA, ECDSA and EdDSA arithmetic is skipped under Miri (minutes per
//! verification there), their entry points' `unsafe` is not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use core::ffi::{CStr, c_void};
use core::ptr;
use std::string::ToString;
use std::vec::Vec;

use serde_json::Value;

use crate::*;

type Import = unsafe extern "C" fn(*mut jwt_key, *const u8, usize) -> jwt_status;
type Verify = unsafe extern "C" fn(
    *const u8,
    usize,
    *const jwt_key,
    *const jwt_policy,
    i64,
    *mut u8,
    usize,
    *mut jwt_verified,
) -> jwt_status;

/// Every key import of the header.
const IMPORTS: [Import; IMPORT_COUNT] = [
    jwt_hs256_key_from_secret,
    jwt_hs256_key_from_jwk,
    jwt_hs384_key_from_secret,
    jwt_hs384_key_from_jwk,
    jwt_hs512_key_from_secret,
    jwt_hs512_key_from_jwk,
    jwt_rs256_2048_key_from_jwk,
    jwt_rs256_2048_key_from_pem,
    jwt_rs256_4096_key_from_jwk,
    jwt_rs256_4096_key_from_pem,
    jwt_rs384_2048_key_from_jwk,
    jwt_rs384_2048_key_from_pem,
    jwt_rs384_4096_key_from_jwk,
    jwt_rs384_4096_key_from_pem,
    jwt_rs512_2048_key_from_jwk,
    jwt_rs512_2048_key_from_pem,
    jwt_rs512_4096_key_from_jwk,
    jwt_rs512_4096_key_from_pem,
    jwt_ps256_2048_key_from_jwk,
    jwt_ps256_2048_key_from_pem,
    jwt_ps256_4096_key_from_jwk,
    jwt_ps256_4096_key_from_pem,
    jwt_ps384_2048_key_from_jwk,
    jwt_ps384_2048_key_from_pem,
    jwt_ps384_4096_key_from_jwk,
    jwt_ps384_4096_key_from_pem,
    jwt_ps512_2048_key_from_jwk,
    jwt_ps512_2048_key_from_pem,
    jwt_ps512_4096_key_from_jwk,
    jwt_ps512_4096_key_from_pem,
    jwt_es256_key_from_jwk,
    jwt_es256_key_from_pem,
    jwt_es256_key_from_sec1,
    jwt_es384_key_from_jwk,
    jwt_es384_key_from_pem,
    jwt_es384_key_from_sec1,
    jwt_ed25519_key_from_jwk,
    jwt_ed25519_key_from_pem,
    jwt_ed25519_key_from_raw,
];
const IMPORT_COUNT: usize = 39;

/// Every single-key verification of the header, in key-type order.
const VERIFIES: [Verify; VERIFY_COUNT] = [
    jwt_verify_hs256,
    jwt_verify_hs384,
    jwt_verify_hs512,
    jwt_verify_rs256_2048,
    jwt_verify_rs256_4096,
    jwt_verify_rs384_2048,
    jwt_verify_rs384_4096,
    jwt_verify_rs512_2048,
    jwt_verify_rs512_4096,
    jwt_verify_ps256_2048,
    jwt_verify_ps256_4096,
    jwt_verify_ps384_2048,
    jwt_verify_ps384_4096,
    jwt_verify_ps512_2048,
    jwt_verify_ps512_4096,
    jwt_verify_es256,
    jwt_verify_es384,
    jwt_verify_ed25519,
];
const VERIFY_COUNT: usize = 18;

const RFC_VECTORS: &str = include_str!("../../tests/vectors/rfc_vectors.json");

fn vectors() -> Vec<Value> {
    let doc: Value = serde_json::from_str(RFC_VECTORS).unwrap();
    doc["vectors"].as_array().unwrap().clone()
}

fn vector(id: &str) -> Value {
    vectors().into_iter().find(|v| v["id"] == id).unwrap()
}

/// A zero `jwt_policy`: the default.
fn policy() -> jwt_policy {
    // SAFETY: every field of `jwt_policy` is an integer, a bool, a
    // raw pointer or an `Option` of a function pointer: all zero is valid.
    unsafe { core::mem::zeroed() }
}

fn bytes(s: &[u8]) -> jwt_bytes {
    jwt_bytes {
        ptr: s.as_ptr(),
        len: s.len(),
    }
}

fn new_key() -> std::boxed::Box<jwt_key> {
    std::boxed::Box::new(jwt_key {
        _opaque: [0; JWT_KEY_WORDS],
    })
}

fn text(s: jwt_str) -> Option<&'static str> {
    if s.ptr.is_null() {
        return None;
    }
    // SAFETY: a `jwt_str` points into a buffer the test keeps alive while
    // it reads the text (the `Vec` `verify` returns), or to static text.
    let bytes = unsafe { core::slice::from_raw_parts(s.ptr, s.len) };
    Some(core::str::from_utf8(bytes).unwrap())
}

fn import(f: Import, material: &str) -> (std::boxed::Box<jwt_key>, jwt_status) {
    let mut key = new_key();
    // SAFETY: valid pointers and lengths.
    let status = unsafe { f(&mut *key, material.as_ptr(), material.len()) };
    (key, status)
}

/// Verifies `token` with `f` and `key`; the buffer is returned, for the
/// claims to point into while the caller keeps it.
fn verify(
    f: Verify,
    token: &str,
    key: &jwt_key,
    policy: &jwt_policy,
    now: i64,
) -> (jwt_status, jwt_verified, Vec<u8>) {
    let mut buf = std::vec![0u8; jwt_buffer_len(token.len())];
    let mut out = jwt_verified::EMPTY;
    // SAFETY: valid pointers and lengths; `buf` overlaps nothing.
    let status = unsafe {
        f(
            token.as_ptr(),
            token.len(),
            key,
            policy,
            now,
            buf.as_mut_ptr(),
            buf.len(),
            &mut out,
        )
    };
    (status, out, buf)
}

fn name(status: jwt_status) -> &'static str {
    // SAFETY: `jwt_status_name` returns static NUL-terminated text.
    unsafe { CStr::from_ptr(jwt_status_name(status as i32)) }
        .to_str()
        .unwrap()
}

/// The import and verification of the vector's algorithm and key.
fn functions(v: &Value) -> (Import, Verify) {
    match v["alg"].as_str().unwrap() {
        "HS256" => (jwt_hs256_key_from_jwk, jwt_verify_hs256),
        "RS256" => (jwt_rs256_2048_key_from_jwk, jwt_verify_rs256_2048),
        "ES256" => (jwt_es256_key_from_jwk, jwt_verify_es256),
        other => panic!("no key type for {other}"),
    }
}

/// The RFC 7515/7519/7520 vectors of tests/vectors/rfc_vectors.json, each
/// case with its policy, against the expected status name.
fn rfc_vectors(algorithms: &[&str]) -> usize {
    let mut cases = 0;
    for v in vectors()
        .iter()
        .filter(|v| algorithms.contains(&v["alg"].as_str().unwrap()))
    {
        let (import_fn, verify_fn) = functions(v);
        let jwk = v["jwk"].to_string();
        let (key, status) = import(import_fn, &jwk);
        assert_eq!(status, jwt_status::JWT_STATUS_OK, "{}", v["id"]);
        let token = v["token"].as_str().unwrap();
        for case in v["cases"].as_array().unwrap() {
            let rules = &case["validation"];
            let mut p = policy();
            p.leeway = rules["leeway"].as_u64().unwrap_or(0);
            let iss = rules["iss"].as_str().map(|s| s.as_bytes());
            if let Some(iss) = iss {
                p.issuer = bytes(iss);
            }
            let aud = rules["aud"].as_str().map(|s| [bytes(s.as_bytes())]);
            if let Some(aud) = &aud {
                p.audiences = aud.as_ptr();
                p.audience_count = 1;
            }
            if let Some(require) = rules["require"].as_array() {
                p.required = JWT_CLAIM_EXP;
                for claim in require {
                    p.required |= match claim.as_str().unwrap() {
                        "nbf" => JWT_CLAIM_NBF,
                        "sub" => JWT_CLAIM_SUB,
                        other => panic!("{other}"),
                    };
                }
            }
            let now = rules["now"].as_i64().unwrap();
            let (status, out, _buf) = verify(verify_fn, token, &key, &p, now);
            let expected = case["reason_class"].as_str().unwrap_or("ok");
            assert_eq!(case["expect"] == "valid", expected == "ok");
            assert_eq!(name(status), expected, "{}", case["id"]);
            if status == jwt_status::JWT_STATUS_OK {
                assert_eq!(text(out.alg), v["alg"].as_str());
                assert_eq!(text(out.iss), Some("joe"));
                assert_eq!(out.exp, 1_300_819_380);
                assert_eq!(out.present, JWT_CLAIM_ISS | JWT_CLAIM_EXP);
                assert!(text(out.payload).unwrap().contains("is_root"));
                assert!(out.detail.ptr.is_null());
            } else {
                assert!(out.payload.ptr.is_null() && out.iss.ptr.is_null());
            }
            cases += 1;
        }
    }
    cases
}

#[test]
fn rfc_hs256_vectors() {
    assert_eq!(rfc_vectors(&["HS256"]), 11);
}

#[test]
#[cfg(feature = "es256")]
#[cfg_attr(miri, ignore = "RSA and ECDSA arithmetic: minutes under Miri")]
fn rfc_rs256_es256_vectors() {
    assert_eq!(rfc_vectors(&["RS256", "ES256"]), 17);
}

#[test]
#[cfg(feature = "eddsa")]
#[cfg_attr(miri, ignore = "Ed25519 arithmetic: minutes under Miri")]
fn rfc8037_eddsa() {
    let doc: Value =
        serde_json::from_str(include_str!("../../tests/vectors/rfc8037_ed25519.json")).unwrap();
    let text = doc.to_string();
    // A.2's public JWK and A.4's token, wherever the file keeps them.
    let jwk = find(&doc, &|v| v["kty"] == "OKP" && v.get("d").is_none())
        .unwrap()
        .to_string();
    let token = find_str(&doc, &|s| {
        s.starts_with("eyJhbGciOiJFZERTQSJ9.") && s.matches('.').count() == 2
    })
    .unwrap();
    assert!(text.contains(&token));
    let (key, status) = import(jwt_ed25519_key_from_jwk, &jwk);
    assert_eq!(status, jwt_status::JWT_STATUS_OK);
    let mut p = policy();
    p.required = JWT_REQUIRE_NONE;
    // The payload is "Example of Ed25519 signing", not JSON: the signature
    // verifies, the claims do not parse.
    let (status, out, _buf) = verify(jwt_verify_ed25519, &token, &key, &p, 0);
    assert_eq!(
        (status, self::text(out.detail)),
        (jwt_status::JWT_STATUS_MALFORMED, Some("claims"))
    );
    let mut forged = token.clone().into_bytes();
    let last = forged.len() - 2;
    forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
    let forged = std::string::String::from_utf8(forged).unwrap();
    let (status, _, _) = verify(jwt_verify_ed25519, &forged, &key, &p, 0);
    assert_eq!(status, jwt_status::JWT_STATUS_SIGNATURE);
}

#[cfg(feature = "eddsa")]
fn find<'a>(v: &'a Value, pred: &dyn Fn(&Value) -> bool) -> Option<&'a Value> {
    if v.is_object() && pred(v) {
        return Some(v);
    }
    match v {
        Value::Object(m) => m.values().find_map(|x| find(x, pred)),
        Value::Array(a) => a.iter().find_map(|x| find(x, pred)),
        _ => None,
    }
}

#[cfg(feature = "eddsa")]
fn find_str(v: &Value, pred: &dyn Fn(&str) -> bool) -> Option<std::string::String> {
    match v {
        Value::String(s) if pred(s) => Some(s.clone()),
        Value::Object(m) => m.values().find_map(|x| find_str(x, pred)),
        Value::Array(a) => a.iter().find_map(|x| find_str(x, pred)),
        _ => None,
    }
}

fn a1() -> (std::boxed::Box<jwt_key>, std::string::String) {
    let v = vector("rfc7515-A.1");
    let (key, status) = import(jwt_hs256_key_from_jwk, &v["jwk"].to_string());
    assert_eq!(status, jwt_status::JWT_STATUS_OK);
    (key, v["token"].as_str().unwrap().into())
}

const A1_NOW: i64 = 1_300_819_379;

#[test]
fn status_names_are_the_core_kinds() {
    use jwt_embedded::{Claim, Error, KeyError, Part};
    let mut seen = std::collections::BTreeSet::new();
    for status in jwt_status::ALL {
        assert!(seen.insert(name(status)), "{status:?}");
        assert_eq!(name(status), status.name().to_str().unwrap());
    }
    for error in [
        Error::Malformed(Part::Token),
        Error::Algorithm,
        Error::Signature,
        Error::Expired,
        Error::NotYetValid,
        Error::Issuer,
        Error::Audience,
        Error::MissingClaim(Claim::Exp),
        Error::InvalidClaimType(Claim::Aud),
        Error::Crit,
        Error::Type,
        Error::BufferTooSmall,
        Error::TooLarge,
        Error::TooOld,
        Error::IssuedInFuture,
        Error::Lifetime,
        Error::Revoked,
        Error::Scope,
        Error::NoToken,
        Error::DuplicateCookie,
        Error::InvalidKey(KeyError::Weak),
        Error::UnknownKey,
    ] {
        assert_eq!(name(jwt_status::from(error)), error.kind());
    }
    for n in [-1, 23, 99, 105, i32::MAX, i32::MIN] {
        // SAFETY: static NUL-terminated text.
        assert_eq!(unsafe { CStr::from_ptr(jwt_status_name(n)) }, c"unknown");
    }
}

#[test]
fn every_import_refuses_bad_material_and_null() {
    for f in IMPORTS {
        let (key, status) = import(f, "{\"kty\":");
        assert!(
            matches!(
                status,
                jwt_status::JWT_STATUS_KEY | jwt_status::JWT_STATUS_UNSUPPORTED
            ),
            "{status:?}"
        );
        assert!(
            key._opaque.iter().all(|&w| w == 0),
            "a failed import leaves the storage wiped"
        );
        let mut key = new_key();
        // SAFETY: NULL material with a length: refused before any read.
        let status = unsafe { f(&mut *key, ptr::null(), 3) };
        assert!(matches!(
            status,
            jwt_status::JWT_STATUS_NULL_ARGUMENT | jwt_status::JWT_STATUS_UNSUPPORTED
        ));
        // SAFETY: NULL storage: refused.
        let status = unsafe { f(ptr::null_mut(), b"x".as_ptr(), 1) };
        assert!(matches!(
            status,
            jwt_status::JWT_STATUS_NULL_ARGUMENT | jwt_status::JWT_STATUS_UNSUPPORTED
        ));
    }
}

#[test]
fn every_verify_refuses_a_key_of_another_type() {
    let (hs256, token) = a1();
    let zero = new_key();
    for (i, f) in VERIFIES.into_iter().enumerate() {
        for key in [&*zero, &*hs256] {
            let (status, out, _buf) = verify(f, &token, key, &policy(), A1_NOW);
            let expected = if i == 0 && ptr::eq(key, &*hs256) {
                jwt_status::JWT_STATUS_OK
            } else {
                jwt_status::JWT_STATUS_WRONG_KEY_TYPE
            };
            // Without its feature, an algorithm is unsupported whatever the key.
            if status != jwt_status::JWT_STATUS_UNSUPPORTED {
                assert_eq!(status, expected, "verify #{i}");
            }
            assert_eq!(
                out.payload.ptr.is_null(),
                status != jwt_status::JWT_STATUS_OK
            );
        }
        let mut out = jwt_verified::EMPTY;
        let mut buf = [0u8; 8];
        // SAFETY: a NULL key is refused before any read.
        let status = unsafe {
            f(
                token.as_ptr(),
                token.len(),
                ptr::null(),
                &policy(),
                0,
                buf.as_mut_ptr(),
                buf.len(),
                &mut out,
            )
        };
        assert!(matches!(
            status,
            jwt_status::JWT_STATUS_NULL_ARGUMENT | jwt_status::JWT_STATUS_UNSUPPORTED
        ));
    }
}

#[test]
fn misuse_is_a_status() {
    let (mut key, token) = a1();
    let p = policy();
    let mut buf = std::vec![0u8; jwt_buffer_len(token.len())];
    let mut out = jwt_verified::EMPTY;
    let call = |token: *const u8,
                len: usize,
                key: *const jwt_key,
                p: *const jwt_policy,
                buf: *mut u8,
                buf_len: usize,
                out: *mut jwt_verified| {
        // SAFETY: each pointer is valid or NULL, as the case says.
        unsafe { jwt_verify_hs256(token, len, key, p, A1_NOW, buf, buf_len, out) }
    };
    let (t, n) = (token.as_ptr(), token.len());
    let ok = call(t, n, &*key, &p, buf.as_mut_ptr(), buf.len(), &mut out);
    assert_eq!(ok, jwt_status::JWT_STATUS_OK);
    // `out` is optional.
    assert_eq!(
        call(
            t,
            n,
            &*key,
            &p,
            buf.as_mut_ptr(),
            buf.len(),
            ptr::null_mut()
        ),
        jwt_status::JWT_STATUS_OK
    );
    assert_eq!(
        call(
            ptr::null(),
            n,
            &*key,
            &p,
            buf.as_mut_ptr(),
            buf.len(),
            &mut out
        ),
        jwt_status::JWT_STATUS_NULL_ARGUMENT
    );
    assert_eq!(
        call(
            t,
            n,
            &*key,
            ptr::null(),
            buf.as_mut_ptr(),
            buf.len(),
            &mut out
        ),
        jwt_status::JWT_STATUS_NULL_ARGUMENT
    );
    assert_eq!(
        call(t, n, &*key, &p, ptr::null_mut(), 0, &mut out),
        jwt_status::JWT_STATUS_NULL_ARGUMENT
    );
    assert_eq!(
        call(t, n, &*key, &p, buf.as_mut_ptr(), 10, &mut out),
        jwt_status::JWT_STATUS_BUFFER_TOO_SMALL
    );
    assert_eq!(
        call(
            t,
            usize::MAX,
            &*key,
            &p,
            buf.as_mut_ptr(),
            buf.len(),
            &mut out
        ),
        jwt_status::JWT_STATUS_INVALID_ARGUMENT
    );
    // The token inside the buffer it would be decoded into.
    let mut joined = std::vec![0u8; n + 200];
    joined[..n].copy_from_slice(token.as_bytes());
    let base = joined.as_mut_ptr();
    assert_eq!(
        call(base, n, &*key, &p, base.wrapping_add(n - 1), 200, &mut out),
        jwt_status::JWT_STATUS_INVALID_ARGUMENT
    );
    assert_eq!(
        call(base, n, &*key, &p, base.wrapping_add(n), 200, &mut out),
        jwt_status::JWT_STATUS_OK
    );
    // A policy string, the key or `*out` inside the buffer the core writes.
    // Words, so that `*out` placed inside it is aligned.
    let mut shared = std::vec![0u64; 50];
    let sp = shared.as_mut_ptr().cast::<u8>();
    // SAFETY: 400 writable bytes at `sp`.
    unsafe { sp.copy_from_nonoverlapping(b"joe".as_ptr(), 3) };
    let mut in_buf = policy();
    in_buf.issuer = jwt_bytes { ptr: sp, len: 3 };
    assert_eq!(
        call(t, n, &*key, &in_buf, sp, 400, &mut out),
        jwt_status::JWT_STATUS_INVALID_ARGUMENT
    );
    assert_eq!(
        call(t, n, &*key, &in_buf, sp.wrapping_add(3), 397, &mut out),
        jwt_status::JWT_STATUS_OK
    );
    let key_bytes = ptr::from_mut(&mut *key).cast::<u8>();
    assert_eq!(
        call(t, n, &*key, &p, key_bytes, 400, &mut out),
        jwt_status::JWT_STATUS_INVALID_ARGUMENT
    );
    assert_eq!(
        call(t, n, &*key, &p, sp, 400, sp.wrapping_add(104).cast()),
        jwt_status::JWT_STATUS_INVALID_ARGUMENT
    );
    // Policy fields out of range.
    let mut bad = policy();
    bad.required = 1 << 20;
    assert_eq!(
        call(t, n, &*key, &bad, buf.as_mut_ptr(), buf.len(), &mut out),
        jwt_status::JWT_STATUS_INVALID_ARGUMENT
    );
    let many = [bytes(b"a"); JWT_MAX_POLICY_LIST + 1];
    let mut bad = policy();
    bad.audiences = many.as_ptr();
    bad.audience_count = many.len();
    assert_eq!(
        call(t, n, &*key, &bad, buf.as_mut_ptr(), buf.len(), &mut out),
        jwt_status::JWT_STATUS_INVALID_ARGUMENT
    );
    bad.audience_count = 1;
    bad.scopes = ptr::null();
    bad.scope_count = 2;
    assert_eq!(
        call(t, n, &*key, &bad, buf.as_mut_ptr(), buf.len(), &mut out),
        jwt_status::JWT_STATUS_NULL_ARGUMENT
    );
    let mut bad = policy();
    bad.issuer = bytes(b"\xff");
    assert_eq!(
        call(t, n, &*key, &bad, buf.as_mut_ptr(), buf.len(), &mut out),
        jwt_status::JWT_STATUS_INVALID_UTF8
    );
    // A wiped key is no key.
    // SAFETY: a valid key.
    unsafe { jwt_key_wipe(&mut *key) };
    assert!(key._opaque.iter().all(|&w| w == 0));
    assert_eq!(
        call(t, n, &*key, &p, buf.as_mut_ptr(), buf.len(), &mut out),
        jwt_status::JWT_STATUS_WRONG_KEY_TYPE
    );
    // SAFETY: NULL is allowed.
    unsafe { jwt_key_wipe(ptr::null_mut()) };
}

#[test]
fn secret_import_and_a_copied_key() {
    let v = vector("rfc7515-A.1");
    let secret: Vec<u8> = hex(v["key"]["secret_hex"].as_str().unwrap());
    let mut key = new_key();
    // SAFETY: valid pointers.
    let status = unsafe { jwt_hs256_key_from_secret(&mut *key, secret.as_ptr(), secret.len()) };
    assert_eq!(status, jwt_status::JWT_STATUS_OK);
    // A key copied byte for byte (as C copies a struct: an untyped copy,
    // padding included) is the same key.
    let mut copy = new_key();
    // SAFETY: two distinct, valid `jwt_key`s.
    unsafe { ptr::copy_nonoverlapping(&*key, &mut *copy, 1) };
    let token = v["token"].as_str().unwrap();
    assert_eq!(
        verify(jwt_verify_hs256, token, &copy, &policy(), A1_NOW).0,
        jwt_status::JWT_STATUS_OK
    );
    // 31 bytes: too short for HS256 (RFC 7518 §3.2).
    // SAFETY: valid pointers.
    let status = unsafe { jwt_hs256_key_from_secret(&mut *key, secret.as_ptr(), 31) };
    assert_eq!(status, jwt_status::JWT_STATUS_KEY);
    // SAFETY: valid pointers.
    let status = unsafe { jwt_hs512_key_from_secret(&mut *key, secret.as_ptr(), 64) };
    assert_eq!(status, jwt_status::JWT_STATUS_OK);
    assert_eq!(
        verify(jwt_verify_hs512, token, &key, &policy(), A1_NOW).0,
        jwt_status::JWT_STATUS_ALGORITHM
    );
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

unsafe extern "C" fn revoke_joe(
    context: *mut c_void,
    jti: jwt_str,
    sub: jwt_str,
    now: i64,
) -> bool {
    // SAFETY: the context is the test's `u32` counter.
    unsafe { *context.cast::<u32>() += 1 };
    assert!(sub.ptr.is_null());
    assert_eq!(now, A1_NOW);
    text(jti) == Some("joe-1")
}

#[test]
fn policy_fields_reach_the_core() {
    let (key, token) = a1();
    let run = |p: &jwt_policy| verify(jwt_verify_hs256, &token, &key, p, A1_NOW);
    let mut p = policy();
    p.issuer = bytes(b"joe");
    assert_eq!(run(&p).0, jwt_status::JWT_STATUS_OK);
    p.issuer = bytes(b"Joe");
    assert_eq!(run(&p).0, jwt_status::JWT_STATUS_ISSUER);
    let mut p = policy();
    let auds = [bytes(b"x"), bytes(b"y")];
    p.audiences = auds.as_ptr();
    p.audience_count = 2;
    // A1 has no `aud`: an expected audience is then missing.
    assert_eq!(run(&p).0, jwt_status::JWT_STATUS_AUDIENCE);
    let mut p = policy();
    p.required = JWT_CLAIM_EXP | JWT_CLAIM_SUB;
    let (status, out, _buf) = run(&p);
    assert_eq!(
        (status, text(out.detail)),
        (jwt_status::JWT_STATUS_MISSING_CLAIM, Some("sub"))
    );
    p.required = JWT_REQUIRE_NONE;
    assert_eq!(run(&p).0, jwt_status::JWT_STATUS_OK);
    let mut p = policy();
    p.typ = bytes(b"JWT");
    assert_eq!(run(&p).0, jwt_status::JWT_STATUS_OK);
    p.typ = bytes(b"at+jwt");
    assert_eq!(run(&p).0, jwt_status::JWT_STATUS_TYP);
    let mut p = policy();
    p.max_token_len = token.len() - 1;
    assert_eq!(run(&p).0, jwt_status::JWT_STATUS_TOO_LARGE);
    let mut p = policy();
    p.max_age = 3600;
    let (status, out, _buf) = run(&p);
    assert_eq!(
        (status, text(out.detail)),
        (jwt_status::JWT_STATUS_MISSING_CLAIM, Some("iat"))
    );
    let mut p = policy();
    let scopes = [bytes(b"read")];
    p.scopes = scopes.as_ptr();
    p.scope_count = 1;
    // A1 has no `scope`: required scopes require it.
    let (status, out, _buf) = run(&p);
    assert_eq!(
        (status, text(out.detail)),
        (jwt_status::JWT_STATUS_MISSING_CLAIM, Some("scope"))
    );
    // The revocation callback: A1 has no `jti`, which it then requires.
    let mut calls = 0u32;
    let mut p = policy();
    p.is_revoked = Some(revoke_joe);
    p.revocation_context = (&raw mut calls).cast();
    let (status, out, _buf) = run(&p);
    assert_eq!(
        (status, text(out.detail)),
        (jwt_status::JWT_STATUS_MISSING_CLAIM, Some("jti"))
    );
    assert_eq!(calls, 0);
}

#[test]
fn revocation_callback_decides() {
    // RFC 7515 A.1's key over a payload with a `jti` (signed here with the
    // `hmac` crate, independent of the core).
    let v = vector("rfc7515-A.1");
    let secret = hex(v["key"]["secret_hex"].as_str().unwrap());
    let (key, _) = a1();
    for (jti, revoked) in [("joe-1", true), ("joe-2", false)] {
        let token = sign_hs256(
            &secret,
            &std::format!("{{\"exp\":1300819380,\"jti\":\"{jti}\"}}"),
        );
        let mut calls = 0u32;
        let mut p = policy();
        p.is_revoked = Some(revoke_joe);
        p.revocation_context = (&raw mut calls).cast();
        let (status, _, _) = verify(jwt_verify_hs256, &token, &key, &p, A1_NOW);
        let expected = if revoked {
            jwt_status::JWT_STATUS_REVOKED
        } else {
            jwt_status::JWT_STATUS_OK
        };
        assert_eq!((status, calls), (expected, 1));
    }
}

fn b64(bytes: &[u8]) -> std::string::String {
    use base64ct::Encoding;
    base64ct::Base64UrlUnpadded::encode_string(bytes)
}

fn sign_hs256(secret: &[u8], payload: &str) -> std::string::String {
    use hmac::{KeyInit, Mac};
    let input = std::format!(
        "{}.{}",
        b64(br#"{"alg":"HS256","kid":"k1"}"#),
        b64(payload.as_bytes())
    );
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    std::format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

fn new_set() -> std::boxed::Box<jwt_key_set> {
    std::boxed::Box::new(jwt_key_set {
        _opaque: [0; JWT_KEY_SET_WORDS],
    })
}

#[test]
fn key_sets_choose_by_kid_and_keep_their_keys() {
    let v = vector("rfc7515-A.1");
    let secret = hex(v["key"]["secret_hex"].as_str().unwrap());
    let k = b64(&secret);
    let jwks = std::format!(r#"{{"keys":[{{"kty":"oct","kid":"k1","alg":"HS256","k":"{k}"}}]}}"#);
    let rotated =
        std::format!(r#"{{"keys":[{{"kty":"oct","kid":"k2","alg":"HS256","k":"{k}"}}]}}"#);
    let token = sign_hs256(&secret, r#"{"exp":1300819380}"#);
    let mut set = new_set();
    let accept = [JWT_ALG_HS256];
    let hs = jwt_key_set_policy {
        accept: accept.as_ptr(),
        accept_count: 1,
        assume: 0,
    };
    let default = jwt_key_set_policy {
        accept: ptr::null(),
        accept_count: 0,
        assume: 0,
    };
    let load = |set: &mut jwt_key_set, doc: &str, p: &jwt_key_set_policy| {
        // SAFETY: valid pointers.
        unsafe { jwt_key_set_from_jwks(set, doc.as_ptr(), doc.len(), p) }
    };
    let refresh = |set: &mut jwt_key_set, doc: &str, p: &jwt_key_set_policy| {
        // SAFETY: valid pointers.
        unsafe { jwt_key_set_refresh(set, doc.as_ptr(), doc.len(), p) }
    };
    let check = |set: &jwt_key_set| {
        let mut buf = std::vec![0u8; jwt_buffer_len(token.len())];
        let mut out = jwt_verified::EMPTY;
        // SAFETY: valid pointers.
        let status = unsafe {
            jwt_verify_key_set(
                token.as_ptr(),
                token.len(),
                set,
                &policy(),
                A1_NOW,
                buf.as_mut_ptr(),
                buf.len(),
                &mut out,
            )
        };
        (status, text(out.kid).map(std::string::String::from))
    };
    // The default policy takes no `oct` key: nothing usable.
    assert_eq!(
        load(&mut set, &jwks, &default),
        jwt_status::JWT_STATUS_UNKNOWN_KEY
    );
    // SAFETY: a valid (wiped) set.
    assert_eq!(unsafe { jwt_key_set_len(&*set) }, 0);
    assert_eq!(check(&set).0, jwt_status::JWT_STATUS_WRONG_KEY_TYPE);
    assert_eq!(load(&mut set, &jwks, &hs), jwt_status::JWT_STATUS_OK);
    // SAFETY: a valid set.
    assert_eq!(unsafe { jwt_key_set_len(&*set) }, 1);
    assert_eq!(check(&set), (jwt_status::JWT_STATUS_OK, Some("k1".into())));
    // Broken refreshes keep the keys.
    for broken in [
        "",
        "{",
        "[]",
        "\u{0}\u{ff}",
        r#"{"keys":[]}"#,
        "{\"keys\":[{\"kty\":\"oct\"}]}",
    ] {
        assert_ne!(
            refresh(&mut set, broken, &hs),
            jwt_status::JWT_STATUS_OK,
            "{broken}"
        );
        assert_eq!(
            check(&set),
            (jwt_status::JWT_STATUS_OK, Some("k1".into())),
            "{broken}"
        );
    }
    // SAFETY: invalid UTF-8 is refused before the set is touched.
    let status = unsafe { jwt_key_set_refresh(&mut *set, b"\xff".as_ptr(), 1, &hs) };
    assert_eq!(status, jwt_status::JWT_STATUS_INVALID_UTF8);
    assert_eq!(check(&set).0, jwt_status::JWT_STATUS_OK);
    // A rotation: the token's `kid` is gone.
    assert_eq!(refresh(&mut set, &rotated, &hs), jwt_status::JWT_STATUS_OK);
    assert_eq!(check(&set).0, jwt_status::JWT_STATUS_UNKNOWN_KEY);
    let bad_alg = [99u32];
    let bad = jwt_key_set_policy {
        accept: bad_alg.as_ptr(),
        accept_count: 1,
        assume: 0,
    };
    assert_eq!(
        refresh(&mut set, &jwks, &bad),
        jwt_status::JWT_STATUS_INVALID_ARGUMENT
    );
    // More algorithms than exist: refused before the array is read.
    let too_many = jwt_key_set_policy {
        accept: bad_alg.as_ptr(),
        accept_count: 13,
        assume: 0,
    };
    assert_eq!(
        refresh(&mut set, &jwks, &too_many),
        jwt_status::JWT_STATUS_INVALID_ARGUMENT
    );
    // SAFETY: a valid set; then NULL.
    unsafe { jwt_key_set_wipe(&mut *set) };
    // SAFETY: as above.
    unsafe { jwt_key_set_wipe(ptr::null_mut()) };
    assert_eq!(check(&set).0, jwt_status::JWT_STATUS_WRONG_KEY_TYPE);
    // SAFETY: NULL.
    assert_eq!(unsafe { jwt_key_set_len(ptr::null()) }, 0);
    // A key set is not a key, and a key is not a key set.
    let (key, _) = a1();
    let as_set = ptr::from_ref(&*key).cast::<jwt_key_set>();
    let mut buf = [0u8; 256];
    // SAFETY: the storage is smaller than a `jwt_key_set`, but its
    // tag (the first 8 bytes) is read first and refuses it.
    let status = unsafe {
        jwt_verify_key_set(
            token.as_ptr(),
            token.len(),
            as_set,
            &policy(),
            A1_NOW,
            buf.as_mut_ptr(),
            buf.len(),
            ptr::null_mut(),
        )
    };
    assert_eq!(status, jwt_status::JWT_STATUS_WRONG_KEY_TYPE);
}

#[test]
fn tokens_from_http_headers() {
    let mut out = jwt_bytes {
        ptr: ptr::null(),
        len: 0,
    };
    let value = b"Bearer abc.def.ghi";
    // SAFETY: valid pointers.
    let status = unsafe { jwt_bearer_token(value.as_ptr(), value.len(), &mut out) };
    assert_eq!(status, jwt_status::JWT_STATUS_OK);
    assert_eq!((out.ptr, out.len), (value[7..].as_ptr(), 11));
    let value = b"Basic abc";
    // SAFETY: valid pointers.
    let status = unsafe { jwt_bearer_token(value.as_ptr(), value.len(), &mut out) };
    assert_eq!(status, jwt_status::JWT_STATUS_NO_TOKEN);
    assert!(out.ptr.is_null());
    // SAFETY: NULL output.
    let status = unsafe { jwt_bearer_token(value.as_ptr(), value.len(), ptr::null_mut()) };
    assert_eq!(status, jwt_status::JWT_STATUS_NULL_ARGUMENT);
    let cookie = b"a=1; session=tok.en.x; b=2";
    let name = b"session";
    // SAFETY: valid pointers.
    let status = unsafe {
        jwt_cookie_token(
            cookie.as_ptr(),
            cookie.len(),
            name.as_ptr(),
            name.len(),
            &mut out,
        )
    };
    assert_eq!(status, jwt_status::JWT_STATUS_OK);
    assert_eq!((out.ptr, out.len), (cookie[13..].as_ptr(), 8));
    let twice = b"session=a; session=b";
    // SAFETY: valid pointers.
    let status = unsafe {
        jwt_cookie_token(
            twice.as_ptr(),
            twice.len(),
            name.as_ptr(),
            name.len(),
            &mut out,
        )
    };
    assert_eq!(status, jwt_status::JWT_STATUS_DUPLICATE_COOKIE);
    // SAFETY: a name that is not UTF-8.
    let status =
        unsafe { jwt_cookie_token(cookie.as_ptr(), cookie.len(), b"\xff".as_ptr(), 1, &mut out) };
    assert_eq!(status, jwt_status::JWT_STATUS_INVALID_UTF8);
}

#[test]
fn storage_sizes_hold_every_key() {
    use crate::raw::{Slot, fits};
    assert!(fits::<jwt_key, jwt_embedded::Ps512Key<jwt_embedded::Rsa4096>>());
    assert!(fits::<
        jwt_key_set,
        jwt_embedded::KeySet<JWT_KEY_SET_CAPACITY>,
    >());
    std::println!(
        "jwt_key: {} of {} bytes; jwt_key_set: {} of {}",
        size_of::<Slot<jwt_embedded::Rs256Key4096>>(),
        JWT_KEY_SIZE,
        size_of::<Slot<jwt_embedded::KeySet<JWT_KEY_SET_CAPACITY>>>(),
        JWT_KEY_SET_SIZE
    );
}
