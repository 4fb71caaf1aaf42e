//! Criterion benchmarks of the hot verification path.
//!
//! Group and function names are a contract (results are compared run to run):
//! - `hs256/jwt-embedded`: full verify of the fixture token (signature, exp,
//!   nbf, iss, aud) with a prepared key; `hs256/floor`: HMAC-SHA-256 of the same
//!   signing input with a prepared `hmac` key, the work no verifier can skip.
//! - `claims/jwt-embedded`: payload decode + parse + validate only.
//! - `base64/*`: the strict table decoder used on token bytes versus `base64ct`
//!   (constant-time) on the same payload segment: why public bytes skip `base64ct`.
//!
//! The HS256 fixture (`benches/fixtures/hs256.jwt`, 316 bytes) carries iss, sub,
//! aud, exp, nbf, iat and jti; secret `0123456789abcdef0123456789abcdef`.

#![allow(missing_docs)] // criterion_group! generates undocumented public functions

use std::hint::black_box;

use base64ct::{Base64UrlUnpadded, Encoding};
use criterion::{Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use jwt_embedded::{Hs256Key, Validation, internal, verify};
use sha2::Sha256;

const TOKEN: &str = include_str!("fixtures/hs256.jwt");
const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
const NOW: i64 = 1_750_000_000;
const POLICY: Validation<'static> = Validation::new()
    .issuer("https://issuer.example.com")
    .audience("api://telemetry")
    .leeway(60);

fn segments() -> (&'static str, &'static str) {
    let (signing_input, _) = TOKEN.rsplit_once('.').expect("three segments");
    let (_, payload) = signing_input.split_once('.').expect("three segments");
    (signing_input, payload)
}

fn hs256(c: &mut Criterion) {
    let mut group = c.benchmark_group("hs256");
    let key = Hs256Key::new(SECRET).expect("32-byte secret");
    let mut buf = [0u8; 512];
    group.bench_function("jwt-embedded", |b| {
        b.iter(|| {
            let verified = verify(black_box(TOKEN.as_bytes()), &key, &POLICY, NOW, &mut buf);
            black_box(verified.is_ok())
        })
    });
    let (signing_input, _) = segments();
    let prepared = Hmac::<Sha256>::new_from_slice(SECRET).expect("any key length");
    group.bench_function("floor", |b| {
        b.iter(|| {
            let mut mac = prepared.clone();
            mac.update(black_box(signing_input.as_bytes()));
            black_box(mac.finalize().into_bytes())
        })
    });
    group.finish();
}

fn claims(c: &mut Criterion) {
    let mut group = c.benchmark_group("claims");
    let (_, payload) = segments();
    let mut buf = [0u8; 512];
    group.bench_function("jwt-embedded", |b| {
        b.iter(|| {
            let claims = internal::decode_and_check_claims(
                black_box(payload.as_bytes()),
                &POLICY,
                NOW,
                &mut buf,
            );
            black_box(claims.is_ok())
        })
    });
    group.finish();
}

fn base64(c: &mut Criterion) {
    let mut group = c.benchmark_group("base64");
    let (_, payload) = segments();
    let mut buf = [0u8; 512];
    group.bench_function("table", |b| {
        b.iter(|| {
            black_box(internal::base64url_decode(black_box(payload.as_bytes()), &mut buf).is_some())
        })
    });
    group.bench_function("base64ct", |b| {
        b.iter(|| black_box(Base64UrlUnpadded::decode(black_box(payload), &mut buf).is_ok()))
    });
    group.finish();
}

/// HS256 cost as the payload grows: it should be linear, dominated by hashing.
fn hs256_payload_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("hs256_payload_size");
    let key = Hs256Key::new(SECRET).expect("32-byte secret");
    let policy = Validation::new().danger_accept_any_audience();
    for size in [100usize, 1024, 4096, 16384] {
        let token = sized_token(size);
        let mut buf = vec![0u8; jwt_embedded::buffer_len(token.len())];
        group.throughput(criterion::Throughput::Bytes(token.len() as u64));
        group.bench_function(format!("{size}"), |b| {
            b.iter(|| {
                black_box(verify(black_box(token.as_bytes()), &key, &policy, NOW, &mut buf).is_ok())
            })
        });
    }
    group.finish();
}

/// A signed token whose payload JSON is about `size` bytes.
fn sized_token(size: usize) -> String {
    let filler = "x".repeat(size.saturating_sub(40));
    let payload = format!(r#"{{"exp":4102444800,"sub":"s","pad":"{filler}"}}"#);
    let header = Base64UrlUnpadded::encode_string(br#"{"alg":"HS256","typ":"JWT"}"#);
    let input = format!(
        "{header}.{}",
        Base64UrlUnpadded::encode_string(payload.as_bytes())
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET).expect("any key length");
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        Base64UrlUnpadded::encode_string(&mac.finalize().into_bytes())
    )
}

criterion_group!(benches, hs256, claims, base64, hs256_payload_size);
criterion_main!(benches);
