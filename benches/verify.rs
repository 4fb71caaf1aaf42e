//! Criterion benchmarks of the hot verification path, side by side with the
//! peers (`jsonwebtoken`, `jwt-simple`, `jwt-compact`) and the physical floor.
//!
//! Group and function names are a contract (results are compared run to run,
//! and `benches/report.py` turns them into the table of `BENCHMARKS.md`):
//! - `hs256/{jwt-embedded, jsonwebtoken, jwt-simple, jwt-compact, floor}`:
//!   full verify of the HS256 fixture; `floor` is HMAC-SHA-256 of exactly the
//!   token's signing input with a prepared `hmac` key, the work no HS256
//!   verifier can skip.
//! - `rs256_{2048,3072,4096}/{jwt-embedded, jsonwebtoken,
//!   jsonwebtoken-rustcrypto, jwt-simple, jwt-compact, floor}`: full verify of
//!   the RS256 fixture of that size; `floor` is aws-lc-rs's raw RSASSA-PKCS1-v1_5
//!   SHA-256 verify of the signing input (signature already decoded) with a
//!   parsed key.
//! - `claims/jwt-embedded`: payload decode + parse + validate only.
//! - `base64/*`: the strict table decoder used on token bytes versus `base64ct`
//!   (constant-time) on the same payload segment: why public bytes skip `base64ct`.
//! - `hs256_payload_size/*`: HS256 verify with payloads of ~100 B to 16 KiB.
//!
//! Every peer does the same work on the same token: parse, signature check,
//! `exp` and `nbf` (60 s leeway), `iss` and `aud`; keys and validators are
//! built outside the timed loop, and each case is asserted to verify once
//! before it is timed. Libraries that accept a clock get the fixed
//! `NOW`; `jsonwebtoken` reads the system clock, hence the far-future `exp`
//! (2100-01-01) of the fixtures. The peers deserialize the claims into owned
//! structs (their API); `jwt-embedded` hands out borrowed claims.
//!
//! Fixtures (`benches/fixtures/`): claims `{"iss":"https://issuer.example.com",
//! "sub":"device-1234","aud":"api://telemetry","exp":4102444800,
//! "nbf":1700000000,"iat":1700000000,"jti":"<uuid>"}`.
//! `hs256.jwt` (316 bytes, header `{"typ":"JWT","alg":"HS256"}`, secret
//! `0123456789abcdef0123456789abcdef`); `rs256_{bits}.jwt` (header
//! `{"typ":"JWT","alg":"RS256"}`), signed once with throwaway keys (e = 65537)
//! whose private halves were not kept; their public keys as SPKI PEM
//! (`.pub.pem`) and JWK (`.pub.jwk.json`).

#![allow(missing_docs)] // criterion_group! generates undocumented public functions
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use jwt_embedded::{
    Hs256Key, Rs256Key2048, Rs256Key3072, Rs256Key4096, Validation, VerifyingKey, internal, verify,
};
use serde::Deserialize;
use sha2::Sha256;

const TOKEN: &str = include_str!("fixtures/hs256.jwt");
const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
const NOW: i64 = 1_750_000_000;
const ISS: &str = "https://issuer.example.com";
const AUD: &str = "api://telemetry";
const LEEWAY: u64 = 60;
const POLICY: Validation<'static> = Validation::new().issuer(ISS).audience(AUD).leeway(LEEWAY);

/// The RS256 fixtures of one key size.
struct Rs256Fixture {
    group: &'static str,
    token: &'static str,
    pem: &'static str,
    jwk: &'static str,
}

const RS256: [Rs256Fixture; 3] = [
    Rs256Fixture {
        group: "rs256_2048",
        token: include_str!("fixtures/rs256_2048.jwt"),
        pem: include_str!("fixtures/rs256_2048.pub.pem"),
        jwk: include_str!("fixtures/rs256_2048.pub.jwk.json"),
    },
    Rs256Fixture {
        group: "rs256_3072",
        token: include_str!("fixtures/rs256_3072.jwt"),
        pem: include_str!("fixtures/rs256_3072.pub.pem"),
        jwk: include_str!("fixtures/rs256_3072.pub.jwk.json"),
    },
    Rs256Fixture {
        group: "rs256_4096",
        token: include_str!("fixtures/rs256_4096.jwt"),
        pem: include_str!("fixtures/rs256_4096.pub.pem"),
        jwk: include_str!("fixtures/rs256_4096.pub.jwk.json"),
    },
];

/// `(signing input, payload segment, signature segment)` of a compact token.
fn segments(token: &str) -> (&str, &str, &str) {
    let (signing_input, signature) = token.rsplit_once('.').expect("three segments");
    let (_, payload) = signing_input.split_once('.').expect("three segments");
    (signing_input, payload, signature)
}

/// The registered claims of the fixtures, owned, as the peers deserialize them.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read only through `Debug` and the assertions
struct OwnedClaims {
    iss: String,
    sub: String,
    aud: String,
    exp: u64,
    nbf: u64,
    iat: u64,
    jti: String,
}

/// What `jwt-compact` leaves to its custom claims type (it parses `exp`,
/// `nbf` and `iat` itself).
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct CompactClaims {
    iss: String,
    sub: String,
    aud: String,
    jti: String,
}

// ---------------------------------------------------------------------------
// jsonwebtoken: both backends in one process
// ---------------------------------------------------------------------------

/// `jsonwebtoken` picks its crypto backend from a process-wide provider that
/// can be installed once. This one forwards to the aws-lc-rs or the RustCrypto
/// provider by a flag each case sets before it is timed (a relaxed load, ~1 ns).
mod jwt_backend {
    use super::{AtomicBool, Ordering};
    use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
    use jsonwebtoken::crypto::{aws_lc, rust_crypto};
    use jsonwebtoken::errors::Result;
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};

    static RUST_CRYPTO: AtomicBool = AtomicBool::new(false);

    fn current() -> &'static CryptoProvider {
        if RUST_CRYPTO.load(Ordering::Relaxed) {
            &rust_crypto::DEFAULT_PROVIDER
        } else {
            &aws_lc::DEFAULT_PROVIDER
        }
    }

    fn signer(alg: &Algorithm, key: &EncodingKey) -> Result<Box<dyn JwtSigner>> {
        (current().signer_factory)(alg, key)
    }

    fn verifier(alg: &Algorithm, key: &DecodingKey) -> Result<Box<dyn JwtVerifier>> {
        (current().verifier_factory)(alg, key)
    }

    static DISPATCH: CryptoProvider = CryptoProvider {
        signer_factory: signer,
        verifier_factory: verifier,
        key_utils: KeyUtils::new_unimplemented(),
    };

    /// Installs the dispatcher (once) and selects the backend.
    pub fn select(rust_crypto: bool) {
        let _ = DISPATCH.install_default();
        RUST_CRYPTO.store(rust_crypto, Ordering::Relaxed);
    }
}

fn jsonwebtoken_validation(alg: jsonwebtoken::Algorithm) -> jsonwebtoken::Validation {
    let mut validation = jsonwebtoken::Validation::new(alg);
    validation.leeway = LEEWAY;
    validation.validate_exp = true;
    validation.validate_nbf = true;
    validation.set_issuer(&[ISS]);
    validation.set_audience(&[AUD]);
    validation
}

fn bench_jsonwebtoken(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    rust_crypto: bool,
    token: &'static str,
    key: &jsonwebtoken::DecodingKey,
    validation: &jsonwebtoken::Validation,
) {
    let run = || jsonwebtoken::decode::<OwnedClaims>(black_box(token), key, validation);
    jwt_backend::select(rust_crypto);
    let claims = run().expect("jsonwebtoken verifies the fixture").claims;
    assert_eq!((claims.iss.as_str(), claims.aud.as_str()), (ISS, AUD));
    group.bench_function(name, |b| {
        jwt_backend::select(rust_crypto);
        b.iter(|| black_box(run().is_ok()))
    });
}

// ---------------------------------------------------------------------------
// jwt-simple
// ---------------------------------------------------------------------------

fn jwt_simple_options() -> jwt_simple::prelude::VerificationOptions {
    use jwt_simple::prelude::{Duration, UnixTimeStamp};
    jwt_simple::prelude::VerificationOptions {
        allowed_issuers: Some(HashSet::from([ISS.to_owned()])),
        allowed_audiences: Some(HashSet::from([AUD.to_owned()])),
        time_tolerance: Some(Duration::from_secs(LEEWAY)),
        artificial_time: Some(UnixTimeStamp::from_secs(NOW.unsigned_abs())),
        ..Default::default()
    }
}

/// `verify_token` takes its options by value: each call clones them, as a
/// caller holding one policy must.
fn bench_jwt_simple<K: jwt_simple::prelude::MACLike>(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    token: &'static str,
    key: &K,
) {
    use jwt_simple::prelude::NoCustomClaims;
    let options = jwt_simple_options();
    let run = || key.verify_token::<NoCustomClaims>(black_box(token), Some(options.clone()));
    let claims = run().expect("jwt-simple verifies the fixture");
    assert_eq!(claims.issuer.as_deref(), Some(ISS));
    group.bench_function("jwt-simple", |b| b.iter(|| black_box(run().is_ok())));
}

fn bench_jwt_simple_rsa<K: jwt_simple::prelude::RSAPublicKeyLike>(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    token: &'static str,
    key: &K,
) {
    use jwt_simple::prelude::NoCustomClaims;
    let options = jwt_simple_options();
    let run = || key.verify_token::<NoCustomClaims>(black_box(token), Some(options.clone()));
    let claims = run().expect("jwt-simple verifies the fixture");
    assert_eq!(claims.issuer.as_deref(), Some(ISS));
    group.bench_function("jwt-simple", |b| b.iter(|| black_box(run().is_ok())));
}

// ---------------------------------------------------------------------------
// jwt-compact
// ---------------------------------------------------------------------------

/// Integrity, then `exp`/`nbf` with a fixed clock, then `iss`/`aud` (which
/// `jwt-compact` leaves to the caller's claims type).
fn bench_jwt_compact<A: jwt_compact::Algorithm>(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    token: &'static str,
    algorithm: &A,
    key: &A::VerifyingKey,
) {
    use jwt_compact::{AlgorithmExt, TimeOptions, UntrustedToken};
    let now = chrono::DateTime::from_timestamp(NOW, 0).expect("valid time");
    let time = TimeOptions::new(chrono::Duration::seconds(LEEWAY as i64), move || now);
    let validator = algorithm.validator::<CompactClaims>(key);
    let run = || -> Option<()> {
        let untrusted = UntrustedToken::new(black_box(token)).ok()?;
        let token = validator.validate(&untrusted).ok()?;
        let claims = token.claims();
        claims
            .validate_expiration(&time)
            .ok()?
            .validate_maturity(&time)
            .ok()?;
        (claims.custom.iss == ISS && claims.custom.aud == AUD).then_some(())
    };
    run().expect("jwt-compact verifies the fixture");
    group.bench_function("jwt-compact", |b| b.iter(|| black_box(run().is_some())));
}

// ---------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------

fn hs256(c: &mut Criterion) {
    let mut group = c.benchmark_group("hs256");
    let (signing_input, _, _) = segments(TOKEN);

    let key = Hs256Key::new(SECRET).expect("32-byte secret");
    let mut buf = [0u8; 512];
    assert!(verify(TOKEN.as_bytes(), &key, &POLICY, NOW, &mut buf).is_ok());
    group.bench_function("jwt-embedded", |b| {
        b.iter(|| {
            let verified = verify(black_box(TOKEN.as_bytes()), &key, &POLICY, NOW, &mut buf);
            black_box(verified.is_ok())
        })
    });

    // The issue names one `jsonwebtoken` row for HS256: its aws-lc-rs backend,
    // the one the RS256 groups call plain `jsonwebtoken`.
    let validation = jsonwebtoken_validation(jsonwebtoken::Algorithm::HS256);
    let decoding = jsonwebtoken::DecodingKey::from_secret(SECRET);
    bench_jsonwebtoken(
        &mut group,
        "jsonwebtoken",
        false,
        TOKEN,
        &decoding,
        &validation,
    );

    bench_jwt_simple(
        &mut group,
        TOKEN,
        &jwt_simple::prelude::HS256Key::from_bytes(SECRET),
    );

    bench_jwt_compact(
        &mut group,
        TOKEN,
        &jwt_compact::alg::Hs256,
        &jwt_compact::alg::Hs256Key::new(SECRET),
    );

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

/// The DER body of a PEM document.
fn pem_body(pem: &str) -> Vec<u8> {
    let base64: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    Base64::decode_vec(&base64).expect("PEM base64")
}

fn rs256_group<K: VerifyingKey>(
    c: &mut Criterion,
    fixture: &Rs256Fixture,
    from_pem: fn(&str) -> Result<K, jwt_embedded::Error>,
) {
    let mut group = c.benchmark_group(fixture.group);
    let token = fixture.token;
    let (signing_input, _, signature) = segments(token);

    let key = from_pem(fixture.pem).expect("jwt-embedded imports the key");
    let mut buf = [0u8; 1024];
    assert!(jwt_embedded::buffer_len(token.len()) <= buf.len());
    assert!(verify(token.as_bytes(), &key, &POLICY, NOW, &mut buf).is_ok());
    group.bench_function("jwt-embedded", |b| {
        b.iter(|| {
            let verified = verify(black_box(token.as_bytes()), &key, &POLICY, NOW, &mut buf);
            black_box(verified.is_ok())
        })
    });

    let validation = jsonwebtoken_validation(jsonwebtoken::Algorithm::RS256);
    // The key as a JWKS gives it (`from_rsa_pem` needs the `use_pem` feature).
    let jwk: serde_json::Value = serde_json::from_str(fixture.jwk).expect("JWK JSON");
    let component = |name: &str| jwk[name].as_str().expect("JWK member");
    let decoding = jsonwebtoken::DecodingKey::from_rsa_components(component("n"), component("e"))
        .expect("jsonwebtoken imports the key");
    bench_jsonwebtoken(
        &mut group,
        "jsonwebtoken",
        false,
        token,
        &decoding,
        &validation,
    );
    bench_jsonwebtoken(
        &mut group,
        "jsonwebtoken-rustcrypto",
        true,
        token,
        &decoding,
        &validation,
    );

    let simple = jwt_simple::prelude::RS256PublicKey::from_pem(fixture.pem)
        .expect("jwt-simple imports the key");
    bench_jwt_simple_rsa(&mut group, token, &simple);

    let jwk: jwt_compact::jwk::JsonWebKey<'_> =
        serde_json::from_str(fixture.jwk).expect("JWK JSON");
    let compact = jwt_compact::alg::RsaPublicKey::try_from(&jwk).expect("jwt-compact imports");
    bench_jwt_compact(&mut group, token, &jwt_compact::alg::Rsa::rs256(), &compact);

    use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
    let parsed = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, pem_body(fixture.pem))
        .expect("aws-lc-rs parses the key");
    let signature = Base64UrlUnpadded::decode_vec(signature).expect("signature segment");
    assert!(
        parsed
            .verify_sig(signing_input.as_bytes(), &signature)
            .is_ok()
    );
    group.bench_function("floor", |b| {
        b.iter(|| {
            black_box(
                parsed
                    .verify_sig(black_box(signing_input.as_bytes()), &signature)
                    .is_ok(),
            )
        })
    });
    group.finish();
}

fn rs256(c: &mut Criterion) {
    let [f2048, f3072, f4096] = &RS256;
    rs256_group(c, f2048, Rs256Key2048::from_pem);
    rs256_group(c, f3072, Rs256Key3072::from_pem);
    rs256_group(c, f4096, Rs256Key4096::from_pem);
}

fn claims(c: &mut Criterion) {
    let mut group = c.benchmark_group("claims");
    let (_, payload, _) = segments(TOKEN);
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
    let (_, payload, _) = segments(TOKEN);
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

criterion_group!(benches, hs256, rs256, claims, base64, hs256_payload_size);
criterion_main!(benches);
