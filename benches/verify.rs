//! Criterion benchmarks of the hot verification path, side by side with the
//! peers (`jsonwebtoken`, `jwt-simple`, `jwt-compact`) and the physical floor.
//!
//! Group and function names are a contract (results are compared run to run,
//! and `benches/report.py` turns them into the table of `BENCHMARKS.md`):
//! - `hs256/{jwt-embedded, jsonwebtoken, jwt-simple, jwt-compact, floor}`:
//!   full verify of the HS256 fixture; `floor` is HMAC-SHA-256 of exactly the
//!   token's signing input with a prepared `hmac` key, the work no HS256
//!   verifier can skip.
//! - `hs512/{jwt-embedded, jsonwebtoken, jsonwebtoken-rustcrypto, floor}`:
//!   the same for the HS512 fixture; `floor` is HMAC-SHA-512 with a prepared
//!   `hmac` key.
//! - `rs256_{2048,3072,4096}/{jwt-embedded, jsonwebtoken,
//!   jsonwebtoken-rustcrypto, jwt-simple, jwt-compact, floor}`: full verify of
//!   the RS256 fixture of that size; `floor` is aws-lc-rs's raw RSASSA-PKCS1-v1_5
//!   SHA-256 verify of the signing input (signature already decoded) with a
//!   parsed key.
//! - `ps256_2048/{jwt-embedded, jsonwebtoken, jsonwebtoken-rustcrypto,
//!   floor}`: full verify of the PS256 fixture; `floor` is aws-lc-rs's raw
//!   RSASSA-PSS SHA-256 verify (MGF1-SHA-256, 32-byte salt) of the signing
//!   input with a parsed key. Same key size and token length as `rs256_2048`,
//!   whose `jwt-embedded` row it is compared with.
//! - `es256/{jwt-embedded, jsonwebtoken, jsonwebtoken-rustcrypto, jwt-simple,
//!   jwt-compact, floor}`, `es384/{…}` (no `jwt-compact`: it has no ES384)
//!   and `eddsa/{…}`: full verify of the ES256, ES384 and EdDSA (Ed25519)
//!   fixtures; `floor` is aws-lc-rs's raw verify (ECDSA with the fixed-size
//!   signature, Ed25519) of the signing input with a parsed key. Built with
//!   the features `es256`, `es384`, `eddsa` (the groups are absent without).
//! - `jwks/{jwt-embedded, single-key}`: an RS256-2048 token whose `kid`
//!   names the 14th key of a 14-key set shaped as Microsoft Entra publishes
//!   it (`fixtures/jwks_14.json`: RSA keys without `alg`, an `x5c` chain
//!   each), verified through `KeySet::verify` (`jwt-embedded`) and with that
//!   key alone (`single-key`): the cost of choosing the key.
//! - `claims/jwt-embedded`: payload decode + parse + validate only.
//! - `base64/*`: the strict table decoder used on token bytes versus `base64ct`
//!   (constant-time) on the same payload segment: why public bytes skip `base64ct`.
//! - `hs256_payload_size/*`: HS256 verify with payloads of ~100 B to 16 KiB.
//! - `adversarial/{X, X_benign}`: the worst token found for each stage of
//!   `verify`, about 60,000 bytes (under `Validation::DEFAULT_MAX_TOKEN_LEN`),
//!   next to its benign twin: a valid HS256 token of exactly the same length
//!   that differs only in the attacked structure (a plain string member `"x"`
//!   instead; in the payload next to the fixture claims, or in the header for
//!   the header cases). Tokens are built once, outside the timed loop; each
//!   attack's result (`Ok` or its `Error`) and each twin's `Ok` are asserted
//!   before timing. The payload cases are signed with the fixture secret, so
//!   the payload really is parsed. The target is attack ≤ 4 × twin. The cases
//!   are listed at `adversarial()`.
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
//! (`.pub.pem`) and JWK (`.pub.jwk.json`). `hs512.jwt` (359 bytes, header
//! `{"typ":"JWT","alg":"HS512"}`, secret `0123456789abcdef` four times) and
//! `ps256_2048.jwt` (615 bytes, header `{"typ":"JWT","alg":"PS256"}`, with
//! `ps256_2048.pub.pem` and `ps256_2048.pub.jwk.json`) come from
//! `fixtures/generate.py`, deterministically (seeded, standard library only).
//! `es256.jwt` (359 bytes), `es384.jwt` (401 bytes) and `eddsa.jwt` (359
//! bytes), headers `{"typ":"JWT","alg":"ES256"}` (…`ES384`, …`EdDSA`), with
//! their public keys as SPKI PEM and JWK, come from
//! `fixtures/generate_ec.py` (seeded keys, deterministic signatures; needs
//! Python's `cryptography`).

#![allow(missing_docs)] // criterion_group! generates undocumented public functions
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit, Mac};
use jwt_embedded::{
    Error, Hs256Key, Hs512Key, MAX_DEPTH, MAX_HEADER_LEN, MAX_MEMBERS, Part, Ps256Key,
    Rs256Key2048, Rs256Key3072, Rs256Key4096, Rsa2048, Validation, VerifyingKey, internal, verify,
};
use serde::Deserialize;
use sha2::{Sha256, Sha512};

const TOKEN: &str = include_str!("fixtures/hs256.jwt");
const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
const TOKEN_512: &str = include_str!("fixtures/hs512.jwt");
const SECRET_512: &[u8] = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const NOW: i64 = 1_750_000_000;
const ISS: &str = "https://issuer.example.com";
const AUD: &str = "api://telemetry";
const LEEWAY: u64 = 60;
const POLICY: Validation<'static> = Validation::new().issuer(ISS).audience(AUD).leeway(LEEWAY);

/// The RSA fixtures of one key size and algorithm (RS256, or PS256 for
/// `ps256_2048`).
struct Rs256Fixture {
    group: &'static str,
    token: &'static str,
    pem: &'static str,
    jwk: &'static str,
}

const PS256_2048: Rs256Fixture = Rs256Fixture {
    group: "ps256_2048",
    token: include_str!("fixtures/ps256_2048.jwt"),
    pem: include_str!("fixtures/ps256_2048.pub.pem"),
    jwk: include_str!("fixtures/ps256_2048.pub.jwk.json"),
};

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

fn hs512(c: &mut Criterion) {
    let mut group = c.benchmark_group("hs512");
    let (signing_input, _, _) = segments(TOKEN_512);

    let key = Hs512Key::new(SECRET_512).expect("64-byte secret");
    let mut buf = [0u8; 512];
    assert!(jwt_embedded::buffer_len(TOKEN_512.len()) <= buf.len());
    assert!(verify(TOKEN_512.as_bytes(), &key, &POLICY, NOW, &mut buf).is_ok());
    group.bench_function("jwt-embedded", |b| {
        b.iter(|| {
            let verified = verify(
                black_box(TOKEN_512.as_bytes()),
                &key,
                &POLICY,
                NOW,
                &mut buf,
            );
            black_box(verified.is_ok())
        })
    });

    // Both `jsonwebtoken` backends here: the issue names both rows for HS512.
    let validation = jsonwebtoken_validation(jsonwebtoken::Algorithm::HS512);
    let decoding = jsonwebtoken::DecodingKey::from_secret(SECRET_512);
    for (name, rust_crypto) in [("jsonwebtoken", false), ("jsonwebtoken-rustcrypto", true)] {
        bench_jsonwebtoken(
            &mut group,
            name,
            rust_crypto,
            TOKEN_512,
            &decoding,
            &validation,
        );
    }

    let prepared = Hmac::<Sha512>::new_from_slice(SECRET_512).expect("any key length");
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
    from_pem: fn(&str) -> Result<K, Error>,
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

/// PS256 at 2048 bits: `jwt-embedded`, `jsonwebtoken` (both backends) and
/// the aws-lc-rs RSASSA-PSS floor, set up exactly as in [`rs256_group`].
fn ps256_2048(c: &mut Criterion) {
    use aws_lc_rs::signature::{ParsedPublicKey, RSA_PSS_2048_8192_SHA256};
    let fixture = &PS256_2048;
    let mut group = c.benchmark_group(fixture.group);
    let token = fixture.token;
    let (signing_input, _, signature) = segments(token);

    let key = Ps256Key::<Rsa2048>::from_pem(fixture.pem).expect("jwt-embedded imports the key");
    let mut buf = [0u8; 1024];
    assert!(jwt_embedded::buffer_len(token.len()) <= buf.len());
    assert!(verify(token.as_bytes(), &key, &POLICY, NOW, &mut buf).is_ok());
    // The JWK (`"alg": "PS256"`) imports to the same key.
    assert_eq!(
        Ps256Key::<Rsa2048>::from_jwk(fixture.jwk).expect("jwt-embedded imports the JWK"),
        key
    );
    group.bench_function("jwt-embedded", |b| {
        b.iter(|| {
            let verified = verify(black_box(token.as_bytes()), &key, &POLICY, NOW, &mut buf);
            black_box(verified.is_ok())
        })
    });

    let validation = jsonwebtoken_validation(jsonwebtoken::Algorithm::PS256);
    let jwk: serde_json::Value = serde_json::from_str(fixture.jwk).expect("JWK JSON");
    let component = |name: &str| jwk[name].as_str().expect("JWK member");
    let decoding = jsonwebtoken::DecodingKey::from_rsa_components(component("n"), component("e"))
        .expect("jsonwebtoken imports the key");
    for (name, rust_crypto) in [("jsonwebtoken", false), ("jsonwebtoken-rustcrypto", true)] {
        bench_jsonwebtoken(&mut group, name, rust_crypto, token, &decoding, &validation);
    }

    let parsed = ParsedPublicKey::new(&RSA_PSS_2048_8192_SHA256, pem_body(fixture.pem))
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

/// A key type's import from text (PEM, JWK).
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
type KeyImport<K> = fn(&str) -> Result<K, Error>;

/// The fixtures of one EC or EdDSA group.
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
struct CurveFixture {
    group: &'static str,
    token: &'static str,
    pem: &'static str,
    jwk: &'static str,
}

/// One EC or EdDSA group: `jwt-embedded` (the key from PEM, checked equal
/// to the JWK's), `jsonwebtoken` with both backends (the key from the JWK's
/// components), `jwt-simple` and `jwt-compact` when given (`peers`, which
/// adds their cases), and aws-lc-rs's raw verify as the floor.
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
fn curve_group<K: VerifyingKey + PartialEq + std::fmt::Debug>(
    c: &mut Criterion,
    fixture: &CurveFixture,
    keys: (KeyImport<K>, KeyImport<K>),
    their: (
        jsonwebtoken::Algorithm,
        &'static dyn aws_lc_rs::signature::VerificationAlgorithm,
    ),
    peers: impl FnOnce(&mut BenchmarkGroup<'_, criterion::measurement::WallTime>),
) {
    let (from_pem, from_jwk) = keys;
    let (their_alg, floor_alg) = their;
    let mut group = c.benchmark_group(fixture.group);
    let token = fixture.token;
    let (signing_input, _, signature) = segments(token);

    let key = from_pem(fixture.pem).expect("jwt-embedded imports the key");
    assert_eq!(
        from_jwk(fixture.jwk).expect("jwt-embedded imports the JWK"),
        key
    );
    let mut buf = [0u8; 1024];
    assert!(jwt_embedded::buffer_len(token.len()) <= buf.len());
    assert!(verify(token.as_bytes(), &key, &POLICY, NOW, &mut buf).is_ok());
    group.bench_function("jwt-embedded", |b| {
        b.iter(|| {
            let verified = verify(black_box(token.as_bytes()), &key, &POLICY, NOW, &mut buf);
            black_box(verified.is_ok())
        })
    });

    let validation = jsonwebtoken_validation(their_alg);
    let jwk: serde_json::Value = serde_json::from_str(fixture.jwk).expect("JWK JSON");
    let member = |name: &str| jwk[name].as_str().expect("JWK member");
    let decoding = if jwk["kty"] == "OKP" {
        jsonwebtoken::DecodingKey::from_ed_components(member("x"))
    } else {
        jsonwebtoken::DecodingKey::from_ec_components(member("x"), member("y"))
    }
    .expect("jsonwebtoken imports the key");
    for (name, rust_crypto) in [("jsonwebtoken", false), ("jsonwebtoken-rustcrypto", true)] {
        bench_jsonwebtoken(&mut group, name, rust_crypto, token, &decoding, &validation);
    }

    peers(&mut group);

    // The raw public key aws-lc-rs takes: the SEC 1 point, or the Ed25519 bytes.
    let raw_key = if jwk["kty"] == "OKP" {
        Base64UrlUnpadded::decode_vec(member("x")).expect("x")
    } else {
        let mut point = vec![4u8];
        point.extend(Base64UrlUnpadded::decode_vec(member("x")).expect("x"));
        point.extend(Base64UrlUnpadded::decode_vec(member("y")).expect("y"));
        point
    };
    let parsed = aws_lc_rs::signature::ParsedPublicKey::new(floor_alg, raw_key)
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

/// `jwt-simple`'s verify of `token` under the shared options (`verify` is
/// one of its public-key types' `verify_token`).
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
fn bench_jwt_simple_with(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    verify: impl Fn(
        &str,
        jwt_simple::prelude::VerificationOptions,
    ) -> Result<
        jwt_simple::prelude::JWTClaims<jwt_simple::prelude::NoCustomClaims>,
        jwt_simple::Error,
    >,
    token: &'static str,
) {
    let options = jwt_simple_options();
    let run = || verify(black_box(token), options.clone());
    let claims = run().expect("jwt-simple verifies the fixture");
    assert_eq!(claims.issuer.as_deref(), Some(ISS));
    group.bench_function("jwt-simple", |b| b.iter(|| black_box(run().is_ok())));
}

#[cfg(feature = "es256")]
fn es256(c: &mut Criterion) {
    use jwt_simple::prelude::ECDSAP256PublicKeyLike;
    const FIXTURE: CurveFixture = CurveFixture {
        group: "es256",
        token: include_str!("fixtures/es256.jwt"),
        pem: include_str!("fixtures/es256.pub.pem"),
        jwk: include_str!("fixtures/es256.pub.jwk.json"),
    };
    curve_group(
        c,
        &FIXTURE,
        (
            jwt_embedded::Es256Key::from_pem,
            jwt_embedded::Es256Key::from_jwk,
        ),
        (
            jsonwebtoken::Algorithm::ES256,
            &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED,
        ),
        |group| {
            let simple = jwt_simple::prelude::ES256PublicKey::from_pem(FIXTURE.pem)
                .expect("jwt-simple imports the key");
            bench_jwt_simple_with(group, |t, o| simple.verify_token(t, Some(o)), FIXTURE.token);
            let jwk: jwt_compact::jwk::JsonWebKey<'_> =
                serde_json::from_str(FIXTURE.jwk).expect("JWK JSON");
            let compact =
                <jwt_compact::alg::Es256 as jwt_compact::Algorithm>::VerifyingKey::try_from(&jwk)
                    .expect("jwt-compact imports the key");
            bench_jwt_compact(group, FIXTURE.token, &jwt_compact::alg::Es256, &compact);
        },
    );
}

#[cfg(feature = "es384")]
fn es384(c: &mut Criterion) {
    use jwt_simple::prelude::ECDSAP384PublicKeyLike;
    const FIXTURE: CurveFixture = CurveFixture {
        group: "es384",
        token: include_str!("fixtures/es384.jwt"),
        pem: include_str!("fixtures/es384.pub.pem"),
        jwk: include_str!("fixtures/es384.pub.jwk.json"),
    };
    curve_group(
        c,
        &FIXTURE,
        (
            jwt_embedded::Es384Key::from_pem,
            jwt_embedded::Es384Key::from_jwk,
        ),
        (
            jsonwebtoken::Algorithm::ES384,
            &aws_lc_rs::signature::ECDSA_P384_SHA384_FIXED,
        ),
        |group| {
            let simple = jwt_simple::prelude::ES384PublicKey::from_pem(FIXTURE.pem)
                .expect("jwt-simple imports the key");
            bench_jwt_simple_with(group, |t, o| simple.verify_token(t, Some(o)), FIXTURE.token);
        },
    );
}

#[cfg(feature = "eddsa")]
fn eddsa(c: &mut Criterion) {
    use jwt_simple::prelude::EdDSAPublicKeyLike;
    const FIXTURE: CurveFixture = CurveFixture {
        group: "eddsa",
        token: include_str!("fixtures/eddsa.jwt"),
        pem: include_str!("fixtures/eddsa.pub.pem"),
        jwk: include_str!("fixtures/eddsa.pub.jwk.json"),
    };
    curve_group(
        c,
        &FIXTURE,
        (
            jwt_embedded::Ed25519Key::from_pem,
            jwt_embedded::Ed25519Key::from_jwk,
        ),
        (
            jsonwebtoken::Algorithm::EdDSA,
            &aws_lc_rs::signature::ED25519,
        ),
        |group| {
            let simple = jwt_simple::prelude::Ed25519PublicKey::from_pem(FIXTURE.pem)
                .expect("jwt-simple imports the key");
            bench_jwt_simple_with(group, |t, o| simple.verify_token(t, Some(o)), FIXTURE.token);
            let jwk: jwt_compact::jwk::JsonWebKey<'_> =
                serde_json::from_str(FIXTURE.jwk).expect("JWK JSON");
            let compact =
                <jwt_compact::alg::Ed25519 as jwt_compact::Algorithm>::VerifyingKey::try_from(&jwk)
                    .expect("jwt-compact imports the key");
            bench_jwt_compact(group, FIXTURE.token, &jwt_compact::alg::Ed25519, &compact);
        },
    );
}

// Without its feature, a curve's group is empty (criterion_group! names it).
#[cfg(not(feature = "es256"))]
fn es256(_: &mut Criterion) {}
#[cfg(not(feature = "es384"))]
fn es384(_: &mut Criterion) {}
#[cfg(not(feature = "eddsa"))]
fn eddsa(_: &mut Criterion) {}

/// A token through a 14-key set against the same key alone (issue 14:
/// selection overhead at most 3 %).
fn jwks(c: &mut Criterion) {
    use jwt_embedded::{Algorithm, KeySet, KeySetPolicy};
    let document = include_str!("fixtures/jwks_14.json");
    let token = include_str!("fixtures/jwks_rs256.jwt");
    let policy = KeySetPolicy::new().assume(Algorithm::Rs256);
    let set = KeySet::<16>::from_jwks(document, &policy).expect("jwt-embedded parses the set");
    assert_eq!(set.len(), 14);
    let jwk: serde_json::Value = serde_json::from_str(document).expect("JWK Set JSON");
    let ours = jwk["keys"][13].to_string();
    let key = Rs256Key2048::from_jwk(&ours).expect("jwt-embedded imports the key");
    let mut buf = [0u8; 1024];
    assert!(verify(token.as_bytes(), &key, &POLICY, NOW, &mut buf).is_ok());
    assert!(set.verify(token.as_bytes(), &POLICY, NOW, &mut buf).is_ok());
    let mut group = c.benchmark_group("jwks");
    group.bench_function("jwt-embedded", |b| {
        b.iter(|| {
            black_box(
                set.verify(black_box(token.as_bytes()), &POLICY, NOW, &mut buf)
                    .is_ok(),
            )
        })
    });
    group.bench_function("single-key", |b| {
        b.iter(|| {
            black_box(verify(black_box(token.as_bytes()), &key, &POLICY, NOW, &mut buf).is_ok())
        })
    });
    group.finish();
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

// ---------------------------------------------------------------------------
// Adversarial cost
// ---------------------------------------------------------------------------

/// Length the adversarial tokens aim at (bytes), under the default cap.
const ADV_LEN: usize = 60_000;
const _: () = assert!(ADV_LEN <= Validation::DEFAULT_MAX_TOKEN_LEN);

/// The fixture's header: the header of every payload case and of its twin.
const ADV_HEADER: &str = r#"{"typ":"JWT","alg":"HS256"}"#;

/// Longest header JSON whose base64url fits [`MAX_HEADER_LEN`].
const HEADER_JSON_CAP: usize = MAX_HEADER_LEN / 4 * 3;

/// Four accepted audiences, the token's one last: `aud_array_4` scans the
/// token's `aud` array once per accepted audience.
const AUDIENCES_4: [&str; 4] = ["api://inventory", "api://billing", "api://admin", AUD];

fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Length of the unpadded base64url encoding of `bytes` bytes.
const fn encoded_len(bytes: usize) -> usize {
    (bytes * 4).div_ceil(3)
}

/// `header.payload.signature`, signed with the fixture secret.
fn hs256_sign(header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET).expect("any key length");
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

/// The fixture's claims: the members of its payload object, without the braces.
fn fixture_claims() -> String {
    let (_, payload, _) = segments(TOKEN);
    let json = String::from_utf8(Base64UrlUnpadded::decode_vec(payload).expect("payload"))
        .expect("UTF-8 payload");
    let members = json.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
    members.expect("a JSON object").to_owned()
}

/// The longest payload JSON that keeps an HS256 token with a `header_json_len`
/// byte header within `token_len` bytes (shorter by one when no encoding has
/// the exact length).
fn payload_json_len(token_len: usize, header_json_len: usize) -> usize {
    // header '.' payload '.' 43-character tag
    let chars = token_len - encoded_len(header_json_len) - 2 - 43;
    let chars = if chars % 4 == 1 { chars - 1 } else { chars };
    chars / 4 * 3 + (chars % 4).saturating_sub(1)
}

/// `{"x":"xx…x",<claims>}`, exactly `len` bytes: `claims` padded by one plain
/// string member.
fn padded_object(len: usize, claims: &str) -> String {
    let pad = "x".repeat(len - claims.len() - r#"{"x":"",}"#.len());
    let json = format!(r#"{{"x":"{pad}",{claims}}}"#);
    assert_eq!(json.len(), len);
    json
}

/// `{"x":"xx…x","alg":"HS256"}`, exactly `len` bytes: the twin of a header case.
fn padded_header(len: usize) -> String {
    padded_object(len, r#""alg":"HS256""#)
}

/// A valid HS256 token of exactly `len` bytes with header `header`, whose
/// payload holds the fixture claims after one long plain string member.
fn benign_token(len: usize, header: &str, claims: &str) -> String {
    let token = hs256_sign(
        header,
        &padded_object(payload_json_len(len, header.len()), claims),
    );
    assert_eq!(token.len(), len, "no payload encoding has this length");
    token
}

/// `prefix` + as many `item()` as fit, comma-separated, + `suffix`, at most
/// `len` bytes.
fn fill(len: usize, prefix: &str, suffix: &str, mut item: impl FnMut() -> String) -> String {
    let mut json = String::from(prefix);
    loop {
        let next = item();
        if json.len() + 1 + next.len() + suffix.len() > len {
            break;
        }
        if !json.ends_with('[') {
            json.push(',');
        }
        json.push_str(&next);
    }
    json.push_str(suffix);
    json
}

/// A payload `{"x":[items…],<claims>}` of about the size that makes a token
/// of [`ADV_LEN`] bytes. `"x"` comes first, so nested objects have
/// `MAX_MEMBERS - 1` free slots.
fn array_payload(claims: &str, item: impl FnMut() -> String) -> String {
    let len = payload_json_len(ADV_LEN, ADV_HEADER.len());
    fill(len, r#"{"x":["#, &format!("],{claims}}}"), item)
}

/// `prefix` + objects of the member names `names` (all of them, then as many
/// as fit in the last one), comma-separated, + `suffix`, at most `len` bytes.
fn fill_objects(len: usize, prefix: &str, suffix: &str, names: &[String]) -> String {
    let object = names_object(names);
    let full = fill(len - suffix.len(), prefix, "", || object.clone());
    let comma = if full.ends_with('[') { "" } else { "," };
    let last = |n: usize| names_object(&names[..n]);
    match (1..names.len())
        .rev()
        .find(|&n| full.len() + comma.len() + last(n).len() + suffix.len() <= len)
    {
        Some(n) => format!("{full}{comma}{}{suffix}", last(n)),
        None => format!("{full}{suffix}"),
    }
}

/// A payload `{"x":[objects…],<claims>}` of objects of the member names
/// `names`, for a token of about [`ADV_LEN`] bytes.
fn objects_payload(claims: &str, names: &[String]) -> String {
    let len = payload_json_len(ADV_LEN, ADV_HEADER.len());
    fill_objects(len, r#"{"x":["#, &format!("],{claims}}}"), names)
}

/// A header `{"x":[objects…],"alg":"HS256"}` of objects of the member names
/// `names`, at the header cap.
fn objects_header(names: &[String]) -> String {
    fill_objects(HEADER_JSON_CAP, r#"{"x":["#, r#"],"alg":"HS256"}"#, names)
}

/// The `MAX_MEMBERS - 1` member names `prefix` + one distinct ASCII character,
/// in descending order: each new name sorts first, so every insertion
/// shifts all the names already in its object.
fn descending_names(prefix: &str) -> Vec<String> {
    let distinct = (b'!'..=b'~').filter(|&b| b != b'"' && b != b'\\').rev();
    distinct
        .take(MAX_MEMBERS - 1)
        .map(|b| format!("{prefix}{}", char::from(b)))
        .collect()
}

/// The `MAX_MEMBERS - 1` names of [`descending_names`], the first
/// `MAX_ESCAPED` (8, the most the parser takes open at once) spelled with the
/// prefix `escaped`, the rest with the prefix `plain`: every later plain name
/// is then also checked against the escaped ones (by hash).
fn mixed_names(escaped: &str, plain: &str) -> Vec<String> {
    const MAX_ESCAPED: usize = 8;
    let escaped_names = descending_names(escaped).into_iter().take(MAX_ESCAPED);
    let plain_names = descending_names(plain).into_iter().skip(MAX_ESCAPED);
    escaped_names.chain(plain_names).collect()
}

/// `{"name":0,…}`.
fn names_object(names: &[String]) -> String {
    let members: Vec<String> = names.iter().map(|n| format!(r#""{n}":0"#)).collect();
    format!("{{{}}}", members.join(","))
}

/// `text` with every character written as a `\uXXXX` escape.
fn unicode_escaped(text: &str) -> String {
    text.chars()
        .map(|c| format!("\\u{:04x}", u32::from(c)))
        .collect()
}

/// A deterministic xorshift64 stream for the mixed cases (no `rand` state to seed).
fn xorshift(mut x: u64) -> impl FnMut() -> usize {
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x as usize
    }
}

/// The fixture claims with the members named in `names` left out.
fn claims_without(claims: &str, names: &[&str]) -> String {
    let members = claims
        .split(',')
        .filter(|m| !names.iter().any(|n| m.starts_with(&format!(r#""{n}":"#))));
    members.collect::<Vec<_>>().join(",")
}

/// One adversarial case: the attack, what `verify` must return for it, and
/// its benign twin (always HS256 and `Ok`).
struct Case {
    name: &'static str,
    attack: String,
    expect: Result<(), Error>,
    twin: String,
    policy: Validation<'static>,
}

impl Case {
    /// An HS256 attack `attack` and its twin under `POLICY`.
    fn new(name: &'static str, attack: String, expect: Result<(), Error>, twin: String) -> Self {
        assert_eq!(
            attack.len(),
            twin.len(),
            "{name}: the twin has another length"
        );
        Self {
            name,
            attack,
            expect,
            twin,
            policy: POLICY,
        }
    }

    /// A payload case: a signed token with the fixture header and `payload`,
    /// which must verify, next to the standard twin.
    fn payload(name: &'static str, payload: &str, claims: &str) -> Self {
        let attack = hs256_sign(ADV_HEADER, payload);
        let twin = benign_token(attack.len(), ADV_HEADER, claims);
        Self::new(name, attack, Ok(()), twin)
    }

    /// A header case: `header` (JSON) over `payload`, validly signed, next to
    /// a twin whose header is a plain string member of the same length.
    fn header(name: &'static str, header: &str, payload: &str) -> Self {
        let attack = hs256_sign(header, payload);
        let twin = hs256_sign(&padded_header(header.len()), payload);
        Self::new(name, attack, Ok(()), twin)
    }

    /// A header case padded to [`ADV_LEN`] by the payload.
    fn header_padded(name: &'static str, header: &str, claims: &str) -> Self {
        let payload = padded_object(payload_json_len(ADV_LEN, header.len()), claims);
        Self::header(name, header, &payload)
    }
}

/// The adversarial cases; see the module documentation and `BENCHMARKS.md`.
fn adversarial_cases() -> Vec<Case> {
    let claims = fixture_claims();
    let mut cases = Vec::new();

    // The header of the original report: 5,600 distinct names of 1 to 3
    // characters (~40 KB of JSON), payload `{}`, a 43-character signature.
    let alphabet: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
    let one = alphabet.iter().map(|a| a.to_string());
    let two = alphabet
        .iter()
        .flat_map(|a| alphabet.iter().map(move |b| format!("{a}{b}")));
    let three = alphabet
        .iter()
        .flat_map(|a| alphabet.iter().map(move |b| format!("{a}{b}a")));
    let names: Vec<String> = one.chain(two).chain(three).take(5600).collect();
    let members = names_object(&names);
    let header = format!(r#"{{"alg":"HS256",{}}}"#, &members[1..members.len() - 1]);
    let attack = format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(b"{}"),
        "A".repeat(43)
    );
    // Its twin: the header as close in length as the cap allows, the rest payload.
    let twin_header = (0..HEADER_JSON_CAP)
        .rev()
        .map(padded_header)
        .find(|h| {
            // header '.' payload '.' 43-character tag
            let chars = attack.len() - encoded_len(h.len()) - 2 - 43;
            chars % 4 != 1
        })
        .expect("a feasible header length");
    let twin = benign_token(attack.len(), &twin_header, &claims);
    cases.push(Case::new(
        "header_names_5600",
        attack,
        Err(Error::TooLarge),
        twin,
    ));

    // A header at the cap: alg and 63 names sharing a long common prefix.
    let per_name = (HEADER_JSON_CAP - r#"{"alg":"HS256"}"#.len()) / (MAX_MEMBERS - 1);
    let prefix = "a".repeat(per_name - r#""?":0,"#.len());
    let names = names_object(&descending_names(&prefix));
    let header = format!(r#"{},"alg":"HS256"}}"#, &names[..names.len() - 1]);
    assert!(header.len() <= HEADER_JSON_CAP);
    cases.push(Case::header_padded("header_names", &header, &claims));

    // The worst header found: objects of 63 names, the first 8 (the most the
    // parser keeps open) starting with an escape, the rest plain with the
    // same length; all share a 32-character prefix.
    let header = objects_header(&mixed_names(
        &format!("\\n{}", "a".repeat(32)),
        &"a".repeat(33),
    ));
    cases.push(Case::header_padded(
        "header_escaped_names",
        &header,
        &claims,
    ));
    // The same header with nothing but the fixture claims as payload: the
    // header is most of the token (~16.6 KB).
    let payload = format!("{{{claims}}}");
    cases.push(Case::header("header_escaped_names_16k", &header, &payload));

    // Objects of 63 one-character names, each new name sorting first.
    let payload = objects_payload(&claims, &descending_names(""));
    cases.push(Case::payload("payload_names", &payload, &claims));

    // Objects of 63 names sharing a 32-character prefix.
    let payload = objects_payload(&claims, &descending_names(&"a".repeat(32)));
    cases.push(Case::payload("payload_names_prefix", &payload, &claims));

    // Objects of 63 names sharing 8 decoded characters: 8 spelled with
    // \uXXXX escapes, then 55 plain.
    let payload = objects_payload(
        &claims,
        &mixed_names(&unicode_escaped("aaaaaaaa"), "aaaaaaaa"),
    );
    cases.push(Case::payload("escaped_names", &payload, &claims));

    // Objects of 63 names: 8 with an escape, then 32 shared plain
    // characters; 55 plain ones of the same length.
    let payload = objects_payload(
        &claims,
        &mixed_names(&format!("\\n{}", "a".repeat(32)), &"a".repeat(33)),
    );
    cases.push(Case::payload("escaped_names_front", &payload, &claims));

    // Objects of nothing but the 8 names with escapes the parser keeps open
    // at once, each `\n` + 62 `a` + one distinct character (64 bytes
    // decoded, the most it takes): the most decoding and name comparison
    // per byte (before names with escapes were decoded once each, this was
    // the worst case: 6.5×).
    let escaped_only: Vec<String> = descending_names(&format!("\\n{}", "a".repeat(62)))
        .into_iter()
        .take(8)
        .collect();
    let payload = objects_payload(&claims, &escaped_only);
    cases.push(Case::payload("escaped_names_only", &payload, &claims));
    // The same objects as a header at its cap, over the fixture claims: the
    // work anyone can cause without the key.
    let header = objects_header(&escaped_only);
    cases.push(Case::header(
        "header_escaped_names_only_16k",
        &header,
        &format!("{{{claims}}}"),
    ));

    // Arrays nested to MAX_DEPTH (the payload object is depth 1, "x" depth 2).
    let levels = MAX_DEPTH - 2;
    let nested = format!("{}{}", "[".repeat(levels), "]".repeat(levels));
    let payload = array_payload(&claims, || nested.clone());
    cases.push(Case::payload("nesting", &payload, &claims));

    // A string of escapes of every kind and plain characters, in random order.
    let units = [
        "a",
        "\\n",
        "\\u0041",
        "\\ud83d\\ude00",
        "\\\"",
        "\\/",
        "\\\\",
        "\\u00e9",
    ];
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
    let len = payload_json_len(ADV_LEN, ADV_HEADER.len()) - claims.len() - 16;
    let mut text = String::new();
    while text.len() < len {
        text.push_str(units[next() % units.len()]);
    }
    let payload = format!(r#"{{"x":"{text}",{claims}}}"#);
    cases.push(Case::payload("string_escapes", &payload, &claims));

    // exp, nbf and iat as ~15,000-digit numbers with exponents whose exact
    // values are ordinary dates: 0.000…041e<zeros + 10> is 4.1e9 (year 2099).
    let rest = claims_without(&claims, &["exp", "nbf", "iat"]);
    let digits = (payload_json_len(ADV_LEN, ADV_HEADER.len()) - rest.len() - 100) / 3 - 10;
    let zeros = "0".repeat(digits);
    let scale = digits + 10;
    let payload = format!(
        r#"{{{rest},"exp":0.{zeros}41e{scale},"nbf":0.{zeros}17e{scale},"iat":0.{zeros}17E+{scale}}}"#
    );
    cases.push(Case::payload("long_numbers", &payload, &claims));

    // Arrays of long numbers with exponents (scanned, never converted).
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    let payload = array_payload(&claims, || {
        let digits: String = (0..40)
            .map(|_| char::from(b'0' + (next() % 10) as u8))
            .collect();
        format!("-{}.{}e-{}", &digits[..1], &digits[1..], next() % 400)
    });
    cases.push(Case::payload("number_array", &payload, &claims));

    // The smallest values in random order: 0, "", [] and {}.
    let values = ["0", r#""""#, "[]", "{}"];
    let mut next = xorshift(0x0123_4567_89AB_CDEF);
    let payload = array_payload(&claims, || values[next() % values.len()].to_owned());
    cases.push(Case::payload("tiny_values", &payload, &claims));

    // aud: thousands of empty strings, the accepted audience last.
    let rest = claims_without(&claims, &["aud"]);
    let payload = fill(
        payload_json_len(ADV_LEN, ADV_HEADER.len()),
        &format!(r#"{{{rest},"aud":["#),
        &format!(r#","{AUD}"]}}"#),
        || r#""""#.to_owned(),
    );
    let aud_array = Case::payload("aud_array", &payload, &claims);
    // The same token under a policy of four audiences, the token's one last.
    let policy_4 = Validation::new()
        .issuer(ISS)
        .audiences(&AUDIENCES_4)
        .leeway(LEEWAY);
    let mut aud_array_4 = Case::payload("aud_array_4", &payload, &claims);
    aud_array_4.policy = policy_4;
    cases.push(aud_array);
    cases.push(aud_array_4);

    // aud: thousands of escaped strings, each decoding to a text as long as
    // two of the four accepted audiences and equal to one but for its last
    // character (`api://inventorx`), so each is decoded and then compared
    // whole; the accepted audience last.
    let payload = fill(
        payload_json_len(ADV_LEN, ADV_HEADER.len()),
        &format!(r#"{{{rest},"aud":["#),
        &format!(r#","{AUD}"]}}"#),
        || r#""api:\/\/inventorx""#.to_owned(),
    );
    let mut aud_escaped_4 = Case::payload("aud_escaped_4", &payload, &claims);
    aud_escaped_4.policy = policy_4;
    cases.push(aud_escaped_4);

    // A token that is mostly dots.
    let header = b64(ADV_HEADER.as_bytes());
    let attack = format!(
        "{header}{}{}",
        ".".repeat(ADV_LEN - header.len() - 43),
        "A".repeat(43)
    );
    let twin = benign_token(attack.len(), ADV_HEADER, &claims);
    cases.push(Case::new(
        "many_dots",
        attack,
        Err(Error::Malformed(Part::Token)),
        twin,
    ));

    // An HS256 token whose signature segment is most of it.
    let signing_input = format!("{header}.{}", b64(format!("{{{claims}}}").as_bytes()));
    let signature = "A".repeat(ADV_LEN - signing_input.len() - 1);
    let attack = format!("{signing_input}.{signature}");
    let twin = benign_token(attack.len(), ADV_HEADER, &claims);
    cases.push(Case::new(
        "long_signature",
        attack,
        Err(Error::Malformed(Part::Signature)),
        twin,
    ));
    cases
}

/// An RS256-2048 token (the fixture's header form, `alg` RS256) whose
/// signature segment is ~59 KB instead of 342 characters. No private key is
/// kept, so its twin is the same-length benign HS256 token: a valid RS256
/// token of that length would cost at least as much (the same hashing and
/// parsing, plus a modular exponentiation).
fn rs256_wrong_length(claims: &str) -> (String, String) {
    let header = b64(br#"{"typ":"JWT","alg":"RS256"}"#);
    let signing_input = format!("{header}.{}", b64(format!("{{{claims}}}").as_bytes()));
    let signature = "A".repeat(ADV_LEN - signing_input.len() - 1);
    let attack = format!("{signing_input}.{signature}");
    let twin = benign_token(attack.len(), ADV_HEADER, claims);
    (attack, twin)
}

/// Times `verify` of `token` with `key` under `policy`, after asserting its result once.
fn bench_verify<K: VerifyingKey>(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    token: &str,
    key: &K,
    policy: &Validation<'_>,
    expect: Result<(), Error>,
) {
    let mut buf = vec![0u8; jwt_embedded::buffer_len(token.len())];
    let result = verify(token.as_bytes(), key, policy, NOW, &mut buf).map(|_| ());
    assert_eq!(result, expect, "{name}");
    // Recorded with the estimates: `report.py` prints the token length from it.
    group.throughput(criterion::Throughput::Bytes(token.len() as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            black_box(verify(black_box(token.as_bytes()), key, policy, NOW, &mut buf).is_ok())
        })
    });
}

/// Adversarial cost: each case `X` is the worst input found for one stage of
/// `verify`, `X_benign` a valid token of exactly the same length. Cases
/// (all ~60,000 bytes unless noted):
/// - `header_names_5600`: the original report, a ~54 KB token whose header
///   holds 5,600 names (refused as too large before it is decoded);
/// - `header_names`: a header at the 16 KiB cap, 63 names with a common
///   188-character prefix, plus `alg`;
/// - `header_escaped_names`: a header at the cap, objects of 63 names
///   sharing 32 characters, the first 8 (the most the parser keeps open)
///   starting with `\n`; `header_escaped_names_16k`:
///   the same header over the fixture claims alone (~16.6 KB in all);
/// - `payload_names`, `payload_names_prefix`, `escaped_names`,
///   `escaped_names_front`: arrays of objects of 63 names each: one character;
///   a shared 32-character prefix; a shared prefix of 8 `\uXXXX` escapes; `\n`
///   then a shared 32-character prefix;
/// - `nesting`: arrays nested to [`MAX_DEPTH`], repeated;
/// - `string_escapes`: one string of escapes of every kind;
/// - `long_numbers`: `exp`, `nbf`, `iat` of ~15,000 digits and an exponent;
/// - `number_array`: arrays of 40-digit numbers with exponents;
/// - `tiny_values`: `0`, `""`, `[]`, `{}` in random order;
/// - `aud_array`: `aud` of thousands of empty strings, the accepted one last;
///   `aud_array_4`: the same under a policy of four audiences;
///   `aud_escaped_4`: escaped strings, each one character off an accepted one;
/// - `many_dots`, `long_signature`, `rs256_wrong_length`: refused while
///   splitting or at the signature length check.
fn adversarial(c: &mut Criterion) {
    let mut group = c.benchmark_group("adversarial");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500));
    let key = Hs256Key::new(SECRET).expect("32-byte secret");
    for case in adversarial_cases() {
        let policy = &case.policy;
        bench_verify(
            &mut group,
            case.name,
            &case.attack,
            &key,
            policy,
            case.expect,
        );
        let twin = format!("{}_benign", case.name);
        bench_verify(&mut group, &twin, &case.twin, &key, policy, Ok(()));
    }

    let rs_key = Rs256Key2048::from_pem(RS256[0].pem).expect("jwt-embedded imports the key");
    let (attack, twin) = rs256_wrong_length(&fixture_claims());
    let malformed = Err(Error::Malformed(Part::Signature));
    bench_verify(
        &mut group,
        "rs256_wrong_length",
        &attack,
        &rs_key,
        &POLICY,
        malformed,
    );
    bench_verify(
        &mut group,
        "rs256_wrong_length_benign",
        &twin,
        &key,
        &POLICY,
        Ok(()),
    );
    group.finish();
}

criterion_group!(
    benches,
    hs256,
    hs512,
    rs256,
    ps256_2048,
    es256,
    es384,
    eddsa,
    jwks,
    claims,
    base64,
    hs256_payload_size,
    adversarial
);
criterion_main!(benches);
