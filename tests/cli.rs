//! Integration tests of the `verify` example's command-line contract:
//! exit 0 with the payload on stdout, exit 1 with `rejected: <kind>` on
//! stderr, exit 2 on usage errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use core::sync::atomic::{AtomicUsize, Ordering};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use base64ct::{Base64UrlUnpadded, Encoding as _};
use jsonwebtoken::{Algorithm, EncodingKey};
use serde_json::{Value, json};

mod common;

use common::{b64url as b64, provider};

const SECRET: &[u8] = b"cli-test secret: thirty-two bytes or more";
const NOW: i64 = 1_700_000_000;
const ISS: &str = "https://issuer.example.com";
const AUD: &str = "device-fleet";
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

// ---------------------------------------------------------------------------
// Running the example
// ---------------------------------------------------------------------------

/// Whether this test run has the algorithm features (ES256, ES384, EdDSA);
/// the example is then built with them too.
const EC: bool = cfg!(all(feature = "es256", feature = "es384", feature = "eddsa"));

/// The example binary, built once per test run, with the features of the
/// test run ([`EC`]).
///
/// `cargo test --test cli` does not build examples, and a binary left in
/// `target/` by an earlier run may be stale, so ask cargo (a no-op when it
/// is fresh) and take the path from its JSON messages.
fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        // `--profile test`: the profile `cargo test` builds the examples in,
        // so this finds the binary it has just built (the default `dev`
        // profile would build every dependency a second time).
        let mut args = vec![
            "build",
            "--quiet",
            "--profile",
            "test",
            "--example",
            "verify",
            "--message-format=json",
        ];
        if EC {
            args.extend(["--features", "es256,es384,eddsa"]);
        }
        let output = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run cargo build");
        assert!(
            output.status.success(),
            "cargo build --example verify failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter(|msg| msg["reason"] == "compiler-artifact" && msg["target"]["name"] == "verify")
            .find_map(|msg| msg["executable"].as_str().map(PathBuf::from))
            .expect("cargo reported no executable for the verify example")
    })
}

fn run(args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .output()
        .expect("run the verify example")
}

/// Runs with the test secret, `NOW`, `ISS` and `AUD`, `extra` options, then `token`.
fn run_token(token: &str, extra: &[&str]) -> Output {
    let secret = hex::encode(SECRET);
    let now = NOW.to_string();
    let mut args = vec![
        "--hs256-secret-hex",
        &secret,
        "--now",
        &now,
        "--iss",
        ISS,
        "--aud",
        AUD,
    ];
    args.extend_from_slice(extra);
    args.push(token);
    run(&args)
}

fn stdout(output: &Output) -> &str {
    core::str::from_utf8(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> &str {
    core::str::from_utf8(&output.stderr).unwrap()
}

#[track_caller]
fn assert_valid(output: &Output, payload: &str) {
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(output));
    assert_eq!(stdout(output), format!("{payload}\n"));
    assert_eq!(stderr(output), "");
}

#[track_caller]
fn assert_rejected(output: &Output, kind: &str) {
    assert_eq!(stderr(output), format!("rejected: {kind}\n"));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(output), "");
}

#[track_caller]
fn assert_usage_error(output: &Output) {
    assert_eq!(output.status.code(), Some(2), "stderr: {}", stderr(output));
    assert!(
        stderr(output).contains("Usage:"),
        "stderr: {}",
        stderr(output)
    );
    assert_eq!(stdout(output), "");
}

/// A fresh path under cargo's scratch directory for integration tests.
fn temp_file(contents: &[u8]) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-token-{}-{n}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

// ---------------------------------------------------------------------------
// Building tokens
// ---------------------------------------------------------------------------

/// A compact JWS of the given header and payload JSON texts, HMAC-SHA-256
/// signed with `secret` whatever the header says.
fn sign_with(header: &str, payload: &str, secret: &[u8]) -> String {
    provider();
    let signing_input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let key = EncodingKey::from_secret(secret);
    let signature = jsonwebtoken::crypto::sign(signing_input.as_bytes(), &key, Algorithm::HS256)
        .expect("HMAC signing");
    format!("{signing_input}.{signature}")
}

fn sign(header: &str, payload: &str) -> String {
    sign_with(header, payload, SECRET)
}

/// Claims that pass the default test policy at `NOW`.
fn claims() -> Value {
    json!({
        "iss": ISS,
        "sub": "device-7",
        "aud": AUD,
        "exp": NOW + 600,
        "nbf": NOW - 600,
        "iat": NOW - 600,
        "jti": "4c1e0f2a-9b7d-4e3a-8f51-6d2c0b9a7e13",
    })
}

/// `claims()` with `changes` applied (`null` removes a claim).
fn claims_with(changes: Value) -> String {
    let mut claims = claims();
    for (name, value) in changes.as_object().unwrap() {
        if value.is_null() {
            claims.as_object_mut().unwrap().remove(name);
        } else {
            claims[name] = value.clone();
        }
    }
    claims.to_string()
}

/// A token with `claims()` modified by `changes`.
fn token_with(changes: Value) -> String {
    sign(HEADER, &claims_with(changes))
}

// ---------------------------------------------------------------------------
// Demo and help
// ---------------------------------------------------------------------------

#[test]
fn demo_succeeds_and_shows_the_tampered_copy_rejected() {
    let output = run(&[]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("valid"), "{text}");
    assert!(text.contains("rejected: signature"), "{text}");
}

#[test]
fn help_prints_usage_and_exits_zero() {
    for flag in ["--help", "-h"] {
        let output = run(&[flag]);
        assert_eq!(output.status.code(), Some(0));
        assert!(stdout(&output).contains("Usage:"));
    }
}

// ---------------------------------------------------------------------------
// Valid tokens
// ---------------------------------------------------------------------------

#[test]
fn valid_token_prints_the_payload_exactly() {
    // Whitespace, member order and escapes are kept as signed.
    let payload = format!(
        r#"{{ "sub" : "caf\u00e9", "iss":"{ISS}", "aud":["other","{AUD}"], "exp": {} }}"#,
        NOW + 1
    );
    assert_valid(&run_token(&sign(HEADER, &payload), &[]), &payload);
}

#[test]
fn valid_token_from_file() {
    let payload = claims().to_string();
    let path = temp_file(sign(HEADER, &payload).as_bytes());
    assert_valid(&run_token_file(&path, &[]), &payload);
}

fn run_token_file(path: &Path, extra: &[&str]) -> Output {
    let secret = hex::encode(SECRET);
    let now = NOW.to_string();
    let path = path.to_str().unwrap();
    let mut args = vec![
        "--hs256-secret-hex",
        &secret,
        "--now",
        &now,
        "--iss",
        ISS,
        "--aud",
        AUD,
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--token-file", path]);
    run(&args)
}

#[test]
fn any_of_several_audiences_is_accepted() {
    let payload = claims().to_string();
    let secret = hex::encode(SECRET);
    let now = NOW.to_string();
    let token = sign(HEADER, &payload);
    let args = [
        "--hs256-secret-hex",
        &secret,
        "--now",
        &now,
        "--aud",
        "x",
        "--aud",
        AUD,
        &token,
    ];
    assert_valid(&run(&args), &payload);
}

#[test]
fn without_iss_option_any_issuer_is_accepted() {
    let payload = claims_with(json!({ "iss": "https://someone.else" }));
    let secret = hex::encode(SECRET);
    let now = NOW.to_string();
    let token = sign(HEADER, &payload);
    let args = [
        "--hs256-secret-hex",
        &secret,
        "--now",
        &now,
        "--aud",
        AUD,
        &token,
    ];
    assert_valid(&run(&args), &payload);
}

#[test]
fn leeway_tolerates_recent_expiry() {
    let payload = claims_with(json!({ "exp": NOW - 10 }));
    assert_valid(
        &run_token(&sign(HEADER, &payload), &["--leeway", "30"]),
        &payload,
    );
}

#[test]
fn now_defaults_to_the_system_clock() {
    let secret = hex::encode(SECRET);
    let fresh = claims_with(json!({ "exp": 32_503_680_000_i64, "nbf": 1_000 }));
    let token = sign(HEADER, &fresh);
    assert_valid(
        &run(&["--hs256-secret-hex", &secret, "--aud", AUD, &token]),
        &fresh,
    );

    let stale = token_with(json!({ "exp": 1_000_000_000, "nbf": null, "iat": null }));
    assert_rejected(
        &run(&["--hs256-secret-hex", &secret, "--aud", AUD, &stale]),
        "expired",
    );
}

#[test]
fn require_none_accepts_a_token_without_exp() {
    let payload = claims_with(json!({ "exp": null }));
    assert_valid(
        &run_token(&sign(HEADER, &payload), &["--require", "none"]),
        &payload,
    );
}

#[test]
fn require_replaces_the_default() {
    // `--require iat` no longer requires `exp`.
    let payload = claims_with(json!({ "exp": null }));
    assert_valid(
        &run_token(&sign(HEADER, &payload), &["--require", "iat"]),
        &payload,
    );
}

#[test]
fn token_of_exactly_64_kib_fits_the_buffer() {
    let (token, payload) = token_of_len(64 * 1024);
    let path = temp_file(token.as_bytes());
    assert_valid(&run_token_file(&path, &[]), &payload);
}

/// A valid token exactly `len` bytes long (padded with a private claim),
/// and its payload.
fn token_of_len(len: usize) -> (String, String) {
    let unpadded = token_with(json!({ "pad": "" })).len();
    // Each padding byte adds 4/3 base64url characters.
    let estimate = (len - unpadded) * 3 / 4;
    for pad in estimate - 4..estimate + 4 {
        for header in [HEADER, r#"{"alg":"HS256"}"#] {
            let payload = claims_with(json!({ "pad": "x".repeat(pad) }));
            let token = sign(header, &payload);
            if token.len() == len {
                return (token, payload);
            }
        }
    }
    panic!("no token of exactly {len} bytes");
}

// ---------------------------------------------------------------------------
// Rejections (exit 1)
// ---------------------------------------------------------------------------

#[test]
fn expired() {
    assert_rejected(
        &run_token(&token_with(json!({ "exp": NOW - 1 })), &[]),
        "expired",
    );
    // exp is exclusive: a token is expired at `now == exp`.
    assert_rejected(
        &run_token(&token_with(json!({ "exp": NOW })), &[]),
        "expired",
    );
    let token = token_with(json!({ "exp": NOW - 31 }));
    assert_rejected(&run_token(&token, &["--leeway", "30"]), "expired");
}

#[test]
fn not_yet_valid() {
    let token = token_with(json!({ "nbf": NOW + 100 }));
    assert_rejected(&run_token(&token, &[]), "not_yet_valid");
    assert_rejected(&run_token(&token, &["--leeway", "99"]), "not_yet_valid");
}

#[test]
fn signature() {
    let payload = claims().to_string();
    let other_key = sign_with(HEADER, &payload, b"another secret, also thirty-two bytes!!");
    assert_rejected(&run_token(&other_key, &[]), "signature");

    // The payload of another token spliced onto this one's signature.
    let genuine = sign(HEADER, &payload);
    let forged = token_with(json!({ "sub": "admin" }));
    let (genuine_head, genuine_sig) = genuine.rsplit_once('.').unwrap();
    let (forged_head, _) = forged.rsplit_once('.').unwrap();
    assert_ne!(genuine_head, forged_head);
    assert_rejected(
        &run_token(&format!("{forged_head}.{genuine_sig}"), &[]),
        "signature",
    );
}

#[test]
fn algorithm() {
    let payload = claims().to_string();
    for header in [
        r#"{"alg":"HS384","typ":"JWT"}"#,
        r#"{"alg":"hs256"}"#,
        r#"{"alg":"RS256"}"#,
        r#"{"alg":"none"}"#,
    ] {
        assert_rejected(&run_token(&sign(header, &payload), &[]), "algorithm");
    }
    // An unsecured JWT: `alg: none` and an empty signature.
    let unsecured = format!("{}.{}.", b64(br#"{"alg":"none"}"#), b64(payload.as_bytes()));
    assert_rejected(&run_token(&unsecured, &[]), "algorithm");
}

#[test]
fn issuer() {
    let token = token_with(json!({ "iss": "https://evil.example.com" }));
    assert_rejected(&run_token(&token, &[]), "issuer");
    assert_rejected(
        &run_token(&token_with(json!({ "iss": null })), &[]),
        "issuer",
    );
}

#[test]
fn audience() {
    assert_rejected(
        &run_token(&token_with(json!({ "aud": "someone-else" })), &[]),
        "audience",
    );
    assert_rejected(
        &run_token(&token_with(json!({ "aud": null })), &[]),
        "audience",
    );
    // A token with `aud` while no --aud is given (the library's default).
    let secret = hex::encode(SECRET);
    let now = NOW.to_string();
    let token = token_with(json!({}));
    assert_rejected(
        &run(&["--hs256-secret-hex", &secret, "--now", &now, &token]),
        "audience",
    );
}

#[test]
fn missing_claim() {
    let no_jti = token_with(json!({ "jti": null }));
    assert_rejected(
        &run_token(&no_jti, &["--require", "exp,jti"]),
        "missing_claim",
    );
    // Without --require the default (exp) applies.
    assert_rejected(
        &run_token(&token_with(json!({ "exp": null })), &[]),
        "missing_claim",
    );
}

#[test]
fn invalid_claim_type() {
    let token = token_with(json!({ "exp": (NOW + 600).to_string() }));
    assert_rejected(&run_token(&token, &[]), "invalid_claim_type");
}

#[test]
fn malformed() {
    let token = token_with(json!({}));
    let (head, _) = token.rsplit_once('.').unwrap();
    for bad in [
        "not-a-token",
        "a.b",
        "a.b.c.d",
        head,
        "!!!.e30.AAAA",
        &format!("{token}="),
        &format!("{token}.x"),
    ] {
        assert_rejected(&run_token(bad, &[]), "malformed");
    }
    // Signed, but the payload is not a JSON object.
    assert_rejected(&run_token(&sign(HEADER, "[1,2]"), &[]), "malformed");
}

#[test]
fn token_file_is_not_trimmed() {
    let token = token_with(json!({}));
    for contents in [
        format!("{token}\n"),
        format!("{token}\r\n"),
        format!(" {token}"),
    ] {
        let path = temp_file(contents.as_bytes());
        assert_rejected(&run_token_file(&path, &[]), "malformed");
    }
}

#[test]
fn crit() {
    let payload = claims().to_string();
    let header = r#"{"alg":"HS256","crit":["exp"],"exp":1}"#;
    assert_rejected(&run_token(&sign(header, &payload), &[]), "crit");
}

#[test]
fn short_secret_is_a_key_rejection() {
    let token = token_with(json!({}));
    let now = NOW.to_string();
    for secret in [hex::encode(&SECRET[..31]), String::new()] {
        let args = [
            "--hs256-secret-hex",
            &secret,
            "--now",
            &now,
            "--aud",
            AUD,
            &token,
        ];
        assert_rejected(&run(&args), "key");
    }
}

#[test]
fn token_over_64_kib_is_too_large() {
    let (token, _) = token_of_len(64 * 1024 + 1);
    let path = temp_file(token.as_bytes());
    assert_rejected(&run_token_file(&path, &[]), "too_large");
    let path = temp_file(&vec![b'A'; 100_000]);
    assert_rejected(&run_token_file(&path, &[]), "too_large");
}

// ---------------------------------------------------------------------------
// Usage errors (exit 2)
// ---------------------------------------------------------------------------

#[test]
fn usage_errors() {
    let secret = hex::encode(SECRET);
    let token = token_with(json!({}));
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-token-file");
    let missing = missing.to_str().unwrap();
    let cases: &[&[&str]] = &[
        // Unknown flags, missing values.
        &["--bogus", &token],
        &["--hs256-secret-hex", &secret, "--bogus"],
        &["--hs256-secret-hex"],
        &["--hs256-secret-hex", &secret, &token, "--now"],
        // Bad hex, bad numbers.
        &["--hs256-secret-hex", "zz", &token],
        &["--hs256-secret-hex", "abc", &token],
        &["--hs256-secret-hex", &secret, "--now", "soon", &token],
        &["--hs256-secret-hex", &secret, "--now", "1.5", &token],
        &["--hs256-secret-hex", &secret, "--leeway", "-1", &token],
        // Bad --require lists.
        &[
            "--hs256-secret-hex",
            &secret,
            "--require",
            "exp,foo",
            &token,
        ],
        &["--hs256-secret-hex", &secret, "--require", "", &token],
        &["--hs256-secret-hex", &secret, "--require", "exp,", &token],
        &["--hs256-secret-hex", &secret, "--require", "EXP", &token],
        // Key and token sources.
        &[&token],
        &["--now", "5", &token],
        &["--hs256-secret-hex", &secret],
        &["--hs256-secret-hex", &secret, "--token-file", missing],
        &[
            "--hs256-secret-hex",
            &secret,
            "--token-file",
            missing,
            &token,
        ],
        &["--hs256-secret-hex", &secret, &token, &token],
        // Repeated single-valued options.
        &[
            "--hs256-secret-hex",
            &secret,
            "--iss",
            "a",
            "--iss",
            "b",
            &token,
        ],
    ];
    for args in cases {
        let output = run(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "args {args:?}: {}",
            stderr(&output)
        );
        assert_usage_error(&output);
    }
}

#[test]
fn both_token_sources_is_a_usage_error() {
    let token = token_with(json!({}));
    let path = temp_file(token.as_bytes());
    let path = path.to_str().unwrap();
    let secret = hex::encode(SECRET);
    assert_usage_error(&run(&[
        "--hs256-secret-hex",
        &secret,
        "--token-file",
        path,
        &token,
    ]));
}

// ---------------------------------------------------------------------------
// Session-token policy: --typ, --max-age, --max-lifetime, --scope, --revoked-jti
// ---------------------------------------------------------------------------

/// The `jti` of `claims()`.
const JTI: &str = "4c1e0f2a-9b7d-4e3a-8f51-6d2c0b9a7e13";

#[test]
fn typ_accepts_the_expected_media_type() {
    let payload = claims().to_string();
    assert_valid(
        &run_token(&sign(HEADER, &payload), &["--typ", "JWT"]),
        &payload,
    );
    // RFC 7515 §4.1.9: case-insensitive, `application/` may be omitted.
    let header = r#"{"alg":"HS256","typ":"application/AT+JWT"}"#;
    assert_valid(
        &run_token(&sign(header, &payload), &["--typ", "at+jwt"]),
        &payload,
    );
}

#[test]
fn typ_rejects_another_or_no_media_type() {
    let payload = claims().to_string();
    assert_rejected(
        &run_token(&sign(HEADER, &payload), &["--typ", "at+jwt"]),
        "typ",
    );
    let untyped = sign(r#"{"alg":"HS256"}"#, &payload);
    assert_rejected(&run_token(&untyped, &["--typ", "JWT"]), "typ");
    // Without --typ the header's typ is not checked.
    assert_valid(&run_token(&untyped, &[]), &payload);
}

#[test]
fn max_age_boundary() {
    // claims() has iat = NOW - 600.
    let payload = claims().to_string();
    let token = sign(HEADER, &payload);
    assert_valid(&run_token(&token, &["--max-age", "600"]), &payload);
    assert_rejected(&run_token(&token, &["--max-age", "599"]), "too_old");
    // The leeway extends the age.
    assert_valid(
        &run_token(&token, &["--max-age", "599", "--leeway", "1"]),
        &payload,
    );
    assert_rejected(
        &run_token(&token, &["--max-age", "598", "--leeway", "1"]),
        "too_old",
    );
}

#[test]
fn max_age_rejects_iat_in_the_future() {
    let now = claims_with(json!({ "iat": NOW, "nbf": null }));
    assert_valid(&run_token(&sign(HEADER, &now), &["--max-age", "60"]), &now);
    let ahead = claims_with(json!({ "iat": NOW + 1, "nbf": null }));
    let token = sign(HEADER, &ahead);
    assert_rejected(&run_token(&token, &["--max-age", "60"]), "issued_in_future");
    assert_valid(
        &run_token(&token, &["--max-age", "60", "--leeway", "1"]),
        &ahead,
    );
    // Without --max-age, iat is not compared with now.
    assert_valid(&run_token(&token, &[]), &ahead);
}

#[test]
fn max_age_requires_iat() {
    let token = token_with(json!({ "iat": null }));
    assert_rejected(&run_token(&token, &["--max-age", "600"]), "missing_claim");
    // Even when --require leaves iat out.
    assert_rejected(
        &run_token(&token, &["--max-age", "600", "--require", "none"]),
        "missing_claim",
    );
}

#[test]
fn max_lifetime_boundary() {
    // claims() lives from iat = NOW - 600 to exp = NOW + 600.
    let payload = claims().to_string();
    let token = sign(HEADER, &payload);
    assert_valid(&run_token(&token, &["--max-lifetime", "1200"]), &payload);
    assert_rejected(&run_token(&token, &["--max-lifetime", "1199"]), "lifetime");
    // The leeway does not stretch the lifetime.
    assert_rejected(
        &run_token(&token, &["--max-lifetime", "1199", "--leeway", "60"]),
        "lifetime",
    );
}

#[test]
fn max_lifetime_requires_iat_and_exp() {
    let no_iat = token_with(json!({ "iat": null }));
    assert_rejected(
        &run_token(&no_iat, &["--max-lifetime", "3600"]),
        "missing_claim",
    );
    let no_exp = token_with(json!({ "exp": null }));
    assert_rejected(
        &run_token(&no_exp, &["--max-lifetime", "3600", "--require", "none"]),
        "missing_claim",
    );
}

#[test]
fn scope_every_one_is_required() {
    let payload = claims_with(json!({ "scope": "read write telemetry:push" }));
    let token = sign(HEADER, &payload);
    assert_valid(&run_token(&token, &["--scope", "read"]), &payload);
    assert_valid(
        &run_token(
            &token,
            &[
                "--scope",
                "telemetry:push",
                "--scope",
                "read",
                "--scope",
                "write",
            ],
        ),
        &payload,
    );
    assert_rejected(
        &run_token(&token, &["--scope", "read", "--scope", "delete"]),
        "scope",
    );
    assert_rejected(&run_token(&token, &["--scope", "admin"]), "scope");
    // Whole scope tokens only: no prefix or substring match.
    assert_rejected(&run_token(&token, &["--scope", "telemetry"]), "scope");
}

#[test]
fn scope_from_an_scp_array() {
    let payload = claims_with(json!({ "scp": ["read", "write"] }));
    let token = sign(HEADER, &payload);
    assert_valid(
        &run_token(&token, &["--scope", "write", "--scope", "read"]),
        &payload,
    );
    assert_rejected(&run_token(&token, &["--scope", "admin"]), "scope");
}

#[test]
fn scope_claim_absent_or_of_the_wrong_type() {
    let token = token_with(json!({}));
    assert_rejected(&run_token(&token, &["--scope", "read"]), "missing_claim");
    for scope in [json!(7), json!(["read"])] {
        let token = token_with(json!({ "scope": scope }));
        assert_rejected(
            &run_token(&token, &["--scope", "read"]),
            "invalid_claim_type",
        );
    }
    // Without --scope the claims are not looked at.
    let payload = claims_with(json!({ "scope": 7 }));
    assert_valid(&run_token(&sign(HEADER, &payload), &[]), &payload);
}

#[test]
fn require_accepts_client_id_and_scope() {
    let payload = claims_with(json!({ "client_id": "app-1", "scope": "read" }));
    assert_valid(
        &run_token(
            &sign(HEADER, &payload),
            &["--require", "exp,client_id,scope"],
        ),
        &payload,
    );
    for (changes, required) in [
        (json!({ "scope": "read" }), "client_id"),
        (json!({ "client_id": "app-1" }), "scope"),
    ] {
        let token = sign(HEADER, &claims_with(changes));
        assert_rejected(
            &run_token(&token, &["--require", required]),
            "missing_claim",
        );
    }
    let token = token_with(json!({ "client_id": 42 }));
    assert_rejected(
        &run_token(&token, &["--require", "client_id"]),
        "invalid_claim_type",
    );
}

#[test]
fn revoked_jti_rejects_a_listed_token() {
    let payload = claims().to_string();
    let token = sign(HEADER, &payload);
    assert_rejected(&run_token(&token, &["--revoked-jti", JTI]), "revoked");
    assert_valid(
        &run_token(&token, &["--revoked-jti", "another-id"]),
        &payload,
    );
}

#[test]
fn revoked_jti_is_repeatable() {
    let payload = claims().to_string();
    let token = sign(HEADER, &payload);
    let others = [
        "--revoked-jti",
        "a",
        "--revoked-jti",
        "b",
        "--revoked-jti",
        "c",
    ];
    assert_valid(&run_token(&token, &others), &payload);
    let mut listed = others.to_vec();
    listed.extend_from_slice(&["--revoked-jti", JTI, "--revoked-jti", "d"]);
    assert_rejected(&run_token(&token, &listed), "revoked");
    // The same ID twice.
    assert_rejected(
        &run_token(&token, &["--revoked-jti", JTI, "--revoked-jti", JTI]),
        "revoked",
    );
}

#[test]
fn revoked_jti_takes_64_ids() {
    let payload = claims().to_string();
    let token = sign(HEADER, &payload);
    let ids: Vec<String> = (0..64).map(|i| format!("id-{i}")).collect();
    let mut args: Vec<&str> = ids.iter().flat_map(|id| ["--revoked-jti", id]).collect();
    assert_valid(&run_token(&token, &args), &payload);
    // The 64th is still checked.
    args[127] = JTI;
    assert_rejected(&run_token(&token, &args), "revoked");
}

#[test]
fn revoked_jti_requires_jti() {
    let token = token_with(json!({ "jti": null }));
    assert_rejected(&run_token(&token, &["--revoked-jti", JTI]), "missing_claim");
    assert_rejected(
        &run_token(&token, &["--revoked-jti", JTI, "--require", "none"]),
        "missing_claim",
    );
    // Without --revoked-jti no jti is needed.
    let payload = claims_with(json!({ "jti": null }));
    assert_valid(&run_token(&sign(HEADER, &payload), &[]), &payload);
}

#[test]
fn revoked_jti_compares_the_unescaped_text() {
    // `jti` written with a JSON escape: "café".
    let payload = claims_with(json!({ "jti": "café" })).replace('é', r"\u00e9");
    assert!(payload.contains(r"\u00e9"));
    let token = sign(HEADER, &payload);
    assert_rejected(&run_token(&token, &["--revoked-jti", "café"]), "revoked");
    assert_valid(&run_token(&token, &["--revoked-jti", "cafe"]), &payload);
}

#[test]
fn revoked_jti_holds_at_the_end_of_time() {
    // At `--now` i64::MAX an entry kept "until i64::MAX" must still count.
    let payload = format!(r#"{{"iss":"{ISS}","aud":"{AUD}","exp":1e30,"jti":"{JTI}"}}"#);
    let token = sign(HEADER, &payload);
    let secret = hex::encode(SECRET);
    let now = i64::MAX.to_string();
    let args = |jti| {
        [
            "--hs256-secret-hex",
            &secret,
            "--now",
            &now,
            "--iss",
            ISS,
            "--aud",
            AUD,
            "--revoked-jti",
            jti,
            &token,
        ]
        .map(str::to_owned)
    };
    let run_owned = |args: [String; 11]| run(&args.each_ref().map(String::as_str));
    assert_valid(&run_owned(args("another-id")), &payload);
    assert_rejected(&run_owned(args(JTI)), "revoked");
}

#[test]
fn policy_flags_combine() {
    let header = r#"{"alg":"HS256","typ":"at+jwt"}"#;
    let payload = claims_with(json!({ "client_id": "app-1", "scope": "read write" }));
    let token = sign(header, &payload);
    let policy = [
        "--typ",
        "at+jwt",
        "--max-age",
        "600",
        "--max-lifetime",
        "1200",
        "--scope",
        "read",
        "--revoked-jti",
        "another-id",
        "--require",
        "iss,sub,aud,exp,iat,jti,client_id",
    ];
    assert_valid(&run_token(&token, &policy), &payload);
    let mut revoked = policy.to_vec();
    revoked[9] = JTI;
    assert_rejected(&run_token(&token, &revoked), "revoked");
}

// ---------------------------------------------------------------------------
// Token sources: --authorization (Bearer), --cookie with --cookie-name
// ---------------------------------------------------------------------------

/// Runs with the test secret, `NOW`, `ISS` and `AUD`, then `source` (the
/// token source options, and any others).
fn run_source(source: &[&str]) -> Output {
    let secret = hex::encode(SECRET);
    let now = NOW.to_string();
    let mut args = vec![
        "--hs256-secret-hex",
        &secret,
        "--now",
        &now,
        "--iss",
        ISS,
        "--aud",
        AUD,
    ];
    args.extend_from_slice(source);
    run(&args)
}

#[test]
fn authorization_bearer_token_is_verified() {
    let payload = claims().to_string();
    let token = sign(HEADER, &payload);
    for value in [
        format!("Bearer {token}"),
        format!("bearer {token}"),
        format!("BEARER   {token}"),
        format!(" \tBearer {token}\t "),
    ] {
        assert_valid(&run_source(&["--authorization", &value]), &payload);
    }
    // The extracted token goes through every check.
    let expired = token_with(json!({ "exp": NOW - 1 }));
    assert_rejected(
        &run_source(&["--authorization", &format!("Bearer {expired}")]),
        "expired",
    );
    let value = format!("Bearer {token}");
    assert_rejected(
        &run_source(&["--authorization", &value, "--revoked-jti", JTI]),
        "revoked",
    );
}

#[test]
fn authorization_without_a_bearer_token_is_no_token() {
    let token = token_with(json!({}));
    for value in [
        String::new(),
        "   ".to_owned(),
        "Basic dXNlcjpwYXNz".to_owned(),
        format!("Bearer{token}"),
        format!("Token {token}"),
        token.clone(),
    ] {
        assert_rejected(&run_source(&["--authorization", &value]), "no_token");
    }
}

#[test]
fn authorization_with_a_broken_bearer_credential_is_malformed() {
    let token = token_with(json!({}));
    for value in [
        "Bearer".to_owned(),
        "Bearer    ".to_owned(),
        format!("Bearer {token} extra"),
        format!("Bearer {token},"),
        format!("Bearer \"{token}\""),
        "Bearer =abc".to_owned(),
    ] {
        assert_rejected(&run_source(&["--authorization", &value]), "malformed");
    }
}

#[test]
fn cookie_token_is_verified() {
    let payload = claims().to_string();
    let token = sign(HEADER, &payload);
    for header in [
        format!("session={token}"),
        format!("theme=dark; session={token}; lang=en"),
        format!("theme=dark;session={token}"),
        format!("session=\"{token}\""),
        // Another application's malformed cookie is skipped.
        format!("junk; other=\"; session={token}"),
    ] {
        assert_valid(
            &run_source(&["--cookie", &header, "--cookie-name", "session"]),
            &payload,
        );
    }
    // The flags in either order.
    let header = format!("session={token}");
    assert_valid(
        &run_source(&["--cookie-name", "session", "--cookie", &header]),
        &payload,
    );
    // The extracted token goes through every check.
    let other_key = sign_with(HEADER, &payload, b"another secret, also thirty-two bytes!!");
    let header = format!("session={other_key}");
    assert_rejected(
        &run_source(&["--cookie", &header, "--cookie-name", "session"]),
        "signature",
    );
}

#[test]
fn cookie_of_that_name_absent_is_no_token() {
    let token = token_with(json!({}));
    for (header, name) in [
        (format!("session={token}"), "Session"),
        (format!("session={token}"), "sess"),
        (format!("sessionid={token}"), "session"),
        (String::new(), "session"),
        (format!("theme=dark; {token}"), "session"),
    ] {
        assert_rejected(
            &run_source(&["--cookie", &header, "--cookie-name", name]),
            "no_token",
        );
    }
}

#[test]
fn cookie_twice_is_duplicate_cookie() {
    let token = token_with(json!({}));
    for header in [
        format!("session={token}; session={token}"),
        format!("session={token}; theme=dark; session=other"),
        format!("session=; session={token}"),
    ] {
        assert_rejected(
            &run_source(&["--cookie", &header, "--cookie-name", "session"]),
            "duplicate_cookie",
        );
    }
}

#[test]
fn cookie_with_a_broken_value_is_malformed() {
    let token = token_with(json!({}));
    for header in [
        "session=".to_owned(),
        "session=\"\"".to_owned(),
        format!("session=\"{token}"),
        format!("session={token}\\x"),
        format!("session={token},x"),
        format!("session=a {token}"),
    ] {
        assert_rejected(
            &run_source(&["--cookie", &header, "--cookie-name", "session"]),
            "malformed",
        );
    }
}

// ---------------------------------------------------------------------------
// Usage errors of the policy and token-source options (exit 2)
// ---------------------------------------------------------------------------

#[test]
fn policy_usage_errors() {
    let secret = hex::encode(SECRET);
    let token = token_with(json!({}));
    let too_big = (u128::from(u64::MAX) + 1).to_string();
    let mut cases: Vec<Vec<&str>> = Vec::new();
    for flag in ["--max-age", "--max-lifetime"] {
        for bad in ["", "soon", "1.5", "-1", "+-1", "1e3", " 5", &too_big] {
            cases.push(vec!["--hs256-secret-hex", &secret, flag, bad, &token]);
        }
        // Given twice, or without a value.
        cases.push(vec![
            "--hs256-secret-hex",
            &secret,
            flag,
            "5",
            flag,
            "5",
            &token,
        ]);
        cases.push(vec!["--hs256-secret-hex", &secret, &token, flag]);
    }
    cases.push(vec![
        "--hs256-secret-hex",
        &secret,
        "--typ",
        "JWT",
        "--typ",
        "JWT",
        &token,
    ]);
    for flag in ["--typ", "--scope", "--revoked-jti"] {
        cases.push(vec!["--hs256-secret-hex", &secret, &token, flag]);
    }
    for claim in ["client-id", "scp", "SCOPE", "clientid"] {
        cases.push(vec![
            "--hs256-secret-hex",
            &secret,
            "--require",
            claim,
            &token,
        ]);
    }
    for args in &cases {
        let output = run(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "args {args:?}: {}",
            stderr(&output)
        );
        assert_usage_error(&output);
    }
}

#[test]
fn more_than_64_revoked_jtis_is_a_usage_error() {
    let ids: Vec<String> = (0..65).map(|i| format!("id-{i}")).collect();
    let revoked: Vec<&str> = ids.iter().flat_map(|id| ["--revoked-jti", id]).collect();
    let token = token_with(json!({}));
    assert_usage_error(&run_token(&token, &revoked));
    // Duplicates count too: 65 flags are too many whatever they name.
    let same: Vec<&str> = (0..65).flat_map(|_| ["--revoked-jti", JTI]).collect();
    assert_usage_error(&run_token(&token, &same));
}

#[test]
fn token_source_usage_errors() {
    let token = token_with(json!({}));
    let path = temp_file(token.as_bytes());
    let path = path.to_str().unwrap();
    let bearer = format!("Bearer {token}");
    let cookie = format!("session={token}");
    let cases: &[&[&str]] = &[
        // Two sources.
        &["--authorization", &bearer, &token],
        &["--authorization", &bearer, "--token-file", path],
        &["--cookie", &cookie, "--cookie-name", "session", &token],
        &[
            "--cookie",
            &cookie,
            "--cookie-name",
            "session",
            "--token-file",
            path,
        ],
        &[
            "--cookie",
            &cookie,
            "--cookie-name",
            "session",
            "--authorization",
            &bearer,
        ],
        &["--authorization", &bearer, "--authorization", &bearer],
        &[
            "--cookie",
            &cookie,
            "--cookie",
            &cookie,
            "--cookie-name",
            "session",
        ],
        &[
            "--cookie",
            &cookie,
            "--cookie-name",
            "session",
            "--cookie-name",
            "session",
        ],
        // --cookie and --cookie-name go together.
        &["--cookie", &cookie],
        &["--cookie-name", "session"],
        &["--cookie-name", "session", &token],
        &["--cookie", &cookie, "--authorization", &bearer],
        &["--cookie", &cookie, &token],
        // No source while other options are given.
        &[],
        &["--max-age", "60", "--scope", "read"],
        // A missing value.
        &["--authorization"],
        &["--cookie", &cookie, "--cookie-name"],
        &["--cookie-name", "session", "--cookie"],
    ];
    for args in cases {
        let output = run_source(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "args {args:?}: {}",
            stderr(&output)
        );
        assert_usage_error(&output);
    }
}

#[test]
fn help_lists_the_policy_and_token_source_options() {
    let output = run(&["--help"]);
    let help = stdout(&output);
    for flag in [
        "--typ",
        "--max-age",
        "--max-lifetime",
        "--scope",
        "--revoked-jti",
        "--authorization",
        "--cookie",
        "--cookie-name",
        "client_id",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

// ---------------------------------------------------------------------------
// RS256 (--rs256-jwk, --rs256-pem)
// ---------------------------------------------------------------------------

/// RFC 7515 Appendix A.2: (token, JWK, SPKI PEM, payload). The token
/// expires at 1300819380.
fn rfc7515_a2() -> (String, String, String, String) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/rfc_vectors.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let a2 = doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "rfc7515-A.2")
        .unwrap();
    let field = |v: &Value| v.as_str().unwrap().to_owned();
    (
        field(&a2["token"]),
        a2["jwk"].to_string(),
        field(&a2["key"]["spki_pem"]),
        field(&a2["payload_text"]),
    )
}

/// A public key PEM of the Wycheproof group for `bits` (2048, 3072, 4096).
fn wycheproof_pem(bits: u32) -> String {
    let path = format!(
        "{}/tests/vectors/wycheproof/rsa_signature_{bits}_sha256_test.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["testGroups"][0]["publicKeyPem"]
        .as_str()
        .unwrap()
        .to_owned()
}

const A2_NOW: &str = "1300819379";

fn run_rs256(flag: &str, key_file: &Path, extra: &[&str], token: &str) -> Output {
    let mut args = vec![flag, key_file.to_str().unwrap(), "--now", A2_NOW];
    args.extend_from_slice(extra);
    args.push(token);
    run(&args)
}

#[test]
fn rs256_jwk_and_pem_verify() {
    let (token, jwk, pem, payload) = rfc7515_a2();
    let jwk_file = temp_file(jwk.as_bytes());
    let pem_file = temp_file(pem.as_bytes());
    for (flag, file) in [("--rs256-jwk", &jwk_file), ("--rs256-pem", &pem_file)] {
        assert_valid(&run_rs256(flag, file, &[], &token), &payload);
        assert_valid(&run_rs256(flag, file, &["--iss", "joe"], &token), &payload);
        let path = file.to_str().unwrap();
        let expired = run(&[flag, path, "--now", "1300819380", &token]);
        assert_rejected(&expired, "expired");
        assert_rejected(&run_rs256(flag, file, &["--iss", "Joe"], &token), "issuer");
        // A signature character changed.
        let mut tampered = token.clone().into_bytes();
        let at = token.len() - 10;
        tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert_rejected(&run_rs256(flag, file, &[], &tampered), "signature");
        // HS256 tokens are refused by an RSA key.
        assert_rejected(
            &run_rs256(flag, file, &[], &token_with(json!({}))),
            "algorithm",
        );
    }
}

#[test]
fn rs256_picks_the_key_width_from_the_modulus() {
    let (token, ..) = rfc7515_a2();
    // 3072 and 4096-bit keys load (a 2048-bit signature is then the wrong
    // length: malformed, not a key error).
    for bits in [2048, 3072, 4096] {
        let file = temp_file(wycheproof_pem(bits).as_bytes());
        let expected = if bits == 2048 {
            "signature"
        } else {
            "malformed"
        };
        assert_rejected(&run_rs256("--rs256-pem", &file, &[], &token), expected);
    }
    // A whole 3072-bit round trip, signed by jsonwebtoken.
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::pkcs8::EncodePublicKey;
    let mut rng = SplitMix(7072);
    let private = rsa::PrivateKey::new(&mut rng, 3072).unwrap();
    let der = private.to_pkcs1_der().unwrap();
    let payload = claims_with(json!({}));
    let claims: Value = serde_json::from_str(&payload).unwrap();
    provider();
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(Algorithm::RS256),
        &claims,
        &EncodingKey::from_rsa_der(der.as_bytes()),
    )
    .unwrap();
    let pem = private
        .to_public_key()
        .to_public_key_pem(Default::default())
        .unwrap();
    let file = temp_file(pem.as_bytes());
    let now = NOW.to_string();
    let args = [
        "--rs256-pem",
        file.to_str().unwrap(),
        "--now",
        &now,
        "--iss",
        ISS,
        "--aud",
        AUD,
        &token,
    ];
    assert_valid(&run(&args), &payload);
}

#[test]
fn rs256_bad_keys_are_key_rejections() {
    let (token, jwk, pem, _) = rfc7515_a2();
    let cases = [
        (
            "--rs256-jwk",
            r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ"}"#.to_owned(),
        ),
        ("--rs256-jwk", jwk.replace("\"RSA\"", "\"EC\"")),
        ("--rs256-jwk", jwk.replace("AQAB", "AQAA")), // e even
        ("--rs256-jwk", pem.clone()),
        ("--rs256-pem", pem.replace("PUBLIC KEY", "PRIVATE KEY")),
        ("--rs256-pem", jwk.clone()),
        ("--rs256-pem", String::new()),
    ];
    for (flag, contents) in cases {
        let file = temp_file(contents.as_bytes());
        assert_rejected(&run_rs256(flag, &file, &[], &token), "key");
    }
    let file = temp_file(&[0xFF, 0xFE, b'{']);
    assert_rejected(&run_rs256("--rs256-jwk", &file, &[], &token), "key");
}

#[test]
fn rs256_usage_errors() {
    let (token, jwk, ..) = rfc7515_a2();
    let jwk_file = temp_file(jwk.as_bytes());
    let jwk_path = jwk_file.to_str().unwrap();
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-key-file");
    let missing = missing.to_str().unwrap();
    let secret = hex::encode(SECRET);
    let cases: &[&[&str]] = &[
        &["--rs256-jwk", missing, &token],
        &["--rs256-pem", missing, &token],
        &["--rs256-jwk"],
        &["--rs256-jwk", jwk_path, "--rs256-pem", jwk_path, &token],
        &["--rs256-jwk", jwk_path, "--rs256-jwk", jwk_path, &token],
        &[
            "--rs256-jwk",
            jwk_path,
            "--hs256-secret-hex",
            &secret,
            &token,
        ],
        &[
            "--hs256-secret-hex",
            &secret,
            "--rs256-pem",
            jwk_path,
            &token,
        ],
        &["--rs256-jwk", jwk_path],
    ];
    for args in cases {
        assert_usage_error(&run(args));
    }
}

// ---------------------------------------------------------------------------
// Contract version 2 keys (--alg, --key-hex, --jwk, --pem)
// ---------------------------------------------------------------------------

/// A 64-byte HMAC secret: long enough for HS512, hence for every HS*.
const SECRET_64: &[u8] = b"cli-test secret for every HMAC size: sixty-four bytes, exactly!!";

/// The nine algorithms of contract version 2 so far, by family.
const HMAC_ALGS: [Algorithm; 3] = [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512];
const RSA_ALGS: [Algorithm; 6] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
];

fn alg_name(alg: Algorithm) -> String {
    format!("{alg:?}")
}

/// One seeded 2048-bit RSA key for every RS*/PS* test (key generation is
/// slow in debug builds): its PKCS#1 DER private key, public key as SPKI PEM
/// and PKCS#1 PEM, and the JWK members `n` and `e`.
struct RsaFixture {
    private_der: Vec<u8>,
    spki_pem: String,
    pkcs1_pem: String,
    n: String,
    e: String,
}

fn rsa_2048() -> &'static RsaFixture {
    static KEY: OnceLock<RsaFixture> = OnceLock::new();
    KEY.get_or_init(|| {
        use rsa::pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey};
        use rsa::pkcs8::EncodePublicKey;
        use rsa::traits::PublicKeyParts;
        let private = rsa::PrivateKey::new(&mut SplitMix(2048), 2048).unwrap();
        let public = private.to_public_key();
        RsaFixture {
            private_der: private.to_pkcs1_der().unwrap().as_bytes().to_vec(),
            spki_pem: public.to_public_key_pem(Default::default()).unwrap(),
            pkcs1_pem: public.to_pkcs1_pem(Default::default()).unwrap(),
            n: b64(&public.n_bytes()),
            e: b64(&public.e_bytes()),
        }
    })
}

/// The fixture's public JWK, with `alg` when given.
fn rsa_jwk(alg: Option<&str>) -> String {
    let key = rsa_2048();
    let mut jwk = json!({ "kty": "RSA", "kid": "cli-2048", "n": key.n, "e": key.e });
    if let Some(alg) = alg {
        jwk["alg"] = json!(alg);
    }
    jwk.to_string()
}

/// An `oct` JWK of `SECRET_64`, with `alg` when given.
fn oct_jwk(alg: Option<&str>) -> String {
    let mut jwk = json!({ "kty": "oct", "kid": "cli-oct", "k": b64(SECRET_64) });
    if let Some(alg) = alg {
        jwk["alg"] = json!(alg);
    }
    jwk.to_string()
}

/// A token of `alg` over `claims()`, signed by `jsonwebtoken` with
/// `SECRET_64` or the RSA fixture.
fn token_for(alg: Algorithm) -> String {
    provider();
    let key = if HMAC_ALGS.contains(&alg) {
        EncodingKey::from_secret(SECRET_64)
    } else {
        EncodingKey::from_rsa_der(&rsa_2048().private_der)
    };
    jsonwebtoken::encode(&jsonwebtoken::Header::new(alg), &claims(), &key).unwrap()
}

/// Runs with `key_args`, `NOW`, `ISS` and `AUD`, then `token`.
fn run_v2(key_args: &[&str], token: &str) -> Output {
    let now = NOW.to_string();
    let mut args = key_args.to_vec();
    args.extend_from_slice(&["--now", &now, "--iss", ISS, "--aud", AUD, token]);
    run(&args)
}

/// The key options of every form that must verify `alg`'s tokens: key
/// files are written once per call.
fn key_forms(alg: Algorithm) -> Vec<Vec<String>> {
    let name = alg_name(alg);
    let file = |text: String| temp_file(text.as_bytes()).to_str().unwrap().to_owned();
    let strings = |args: &[&str]| args.iter().map(|&a| a.to_owned()).collect::<Vec<_>>();
    if HMAC_ALGS.contains(&alg) {
        let hex = hex::encode(SECRET_64);
        let mut forms = vec![
            strings(&["--alg", &name, "--key-hex", &hex]),
            strings(&["--jwk", &file(oct_jwk(Some(&name)))]),
            strings(&["--jwk", &file(oct_jwk(Some(&name))), "--alg", &name]),
            strings(&["--alg", &name, "--jwk", &file(oct_jwk(None))]),
        ];
        if alg == Algorithm::HS256 {
            forms.push(strings(&["--key-hex", &hex])); // the default
        }
        forms
    } else {
        let key = rsa_2048();
        vec![
            strings(&["--jwk", &file(rsa_jwk(Some(&name)))]),
            strings(&["--alg", &name, "--jwk", &file(rsa_jwk(None))]),
            strings(&["--alg", &name, "--pem", &file(key.spki_pem.clone())]),
            strings(&["--pem", &file(key.pkcs1_pem.clone()), "--alg", &name]),
        ]
    }
}

fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn v2_every_algorithm_verifies_from_hex_jwk_and_pem_keys() {
    let payload = claims().to_string();
    for alg in HMAC_ALGS.into_iter().chain(RSA_ALGS) {
        let token = token_for(alg);
        for args in key_forms(alg) {
            let output = run_v2(&as_strs(&args), &token);
            assert_eq!(
                output.status.code(),
                Some(0),
                "{args:?}: {}",
                stderr(&output)
            );
            assert_valid(&output, &payload);
        }
    }
}

#[test]
fn v2_a_token_of_another_algorithm_is_rejected_algorithm() {
    // Each key form of each algorithm against the next algorithm of its
    // family (same key material, so only `alg` differs), and against
    // `alg: none`.
    for family in [&HMAC_ALGS[..], &RSA_ALGS[..]] {
        for (i, &alg) in family.iter().enumerate() {
            let other = token_for(family[(i + 1) % family.len()]);
            let (_, rest) = other.split_once('.').unwrap();
            let unsecured = format!("{}.{}", b64(br#"{"alg":"none"}"#), rest);
            for args in key_forms(alg) {
                let args = as_strs(&args);
                assert_rejected(&run_v2(&args, &other), "algorithm");
                assert_rejected(&run_v2(&args, &unsecured), "algorithm");
            }
        }
    }
}

#[test]
fn v2_rsa_keys_of_every_width_load() {
    // 3072 and 4096-bit keys import for every RSA algorithm (a 2048-bit
    // signature is then the wrong length: malformed, not a key error).
    let token = token_for(Algorithm::PS512);
    for bits in [3072, 4096] {
        let pem = temp_file(wycheproof_pem(bits).as_bytes());
        let pem = pem.to_str().unwrap();
        for alg in RSA_ALGS {
            let name = alg_name(alg);
            let expected = if alg == Algorithm::PS512 {
                "malformed"
            } else {
                "algorithm"
            };
            assert_rejected(&run_v2(&["--alg", &name, "--pem", pem], &token), expected);
        }
    }
}

/// RFC 7515 Appendix A.3's P-256 public key as a JWK, and as a PEM
/// (SubjectPublicKeyInfo: id-ecPublicKey, prime256v1).
fn ec_p256_keys() -> (String, String) {
    let (x, y) = (
        "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
        "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
    );
    let jwk = json!({ "kty": "EC", "crv": "P-256", "x": x, "y": y, "alg": "ES256" });
    let mut der = hex::decode("3059301306072a8648ce3d020106082a8648ce3d030107034200").unwrap();
    der.push(0x04);
    der.extend(Base64UrlUnpadded::decode_vec(x).unwrap());
    der.extend(Base64UrlUnpadded::decode_vec(y).unwrap());
    (jwk.to_string(), pem("PUBLIC KEY", &der))
}

/// RFC 8037 Appendix A.2's Ed25519 public key as a JWK, and as a PEM.
fn ed25519_keys() -> (String, String) {
    let x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    let jwk = json!({ "kty": "OKP", "crv": "Ed25519", "x": x });
    let mut der = hex::decode("302a300506032b6570032100").unwrap();
    der.extend(Base64UrlUnpadded::decode_vec(x).unwrap());
    (jwk.to_string(), pem("PUBLIC KEY", &der))
}

fn pem(label: &str, der: &[u8]) -> String {
    let body = base64ct::Base64::encode_string(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|line| core::str::from_utf8(line).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

#[test]
fn v2_a_key_unusable_for_the_algorithm_is_rejected_key() {
    let file = |text: &str| temp_file(text.as_bytes()).to_str().unwrap().to_owned();
    let (ec_jwk, ec_pem) = ec_p256_keys();
    let (okp_jwk, okp_pem) = ed25519_keys();
    let (ec_jwk, ec_pem) = (file(&ec_jwk), file(&ec_pem));
    let (okp_jwk, okp_pem) = (file(&okp_jwk), file(&okp_pem));
    let rs256_jwk = file(&rsa_jwk(Some("RS256")));
    let hs256_jwk = file(&oct_jwk(Some("HS256")));
    let rsa_pem = file(&rsa_2048().spki_pem);
    let rsa_bare_jwk = file(&rsa_jwk(None));
    let oct_bare_jwk = file(&oct_jwk(None));
    let alg_none_jwk = file(&rsa_jwk(Some("none")));
    let alg_lowercase_jwk = file(&rsa_jwk(Some("rs256")));
    let alg_number_jwk = file(&rsa_jwk(None).replacen('{', r#"{"alg":256,"#, 1));
    let no_kty_jwk = file(&oct_jwk(Some("HS256")).replace("kty", "kyt"));
    let (not_json, not_pem) = (file("not json"), file("not a PEM"));
    let short_hs512 = hex::encode(&SECRET_64[..63]);
    let short_hs384 = hex::encode(&SECRET_64[..47]);
    let hex = hex::encode(SECRET_64);
    use Algorithm::{HS256, HS384, HS512, PS256, RS256, RS384};
    // (the token's algorithm, --alg, the key option and its value)
    let cases: &[(Algorithm, Option<&str>, &str, &str)] = &[
        // The JWK's own alg differs from --alg.
        (PS256, Some("PS256"), "--jwk", &rs256_jwk),
        (RS384, Some("RS384"), "--jwk", &rs256_jwk),
        (HS512, Some("HS512"), "--jwk", &hs256_jwk),
        // Secrets shorter than the hash output (RFC 7518 §3.2).
        (HS512, Some("HS512"), "--key-hex", &short_hs512),
        (HS384, Some("HS384"), "--key-hex", &short_hs384),
        // A key of the wrong type for the algorithm.
        (RS256, Some("RS256"), "--key-hex", &hex),
        (HS256, Some("HS256"), "--pem", &rsa_pem),
        (HS256, Some("HS256"), "--jwk", &rsa_bare_jwk),
        (RS256, Some("RS256"), "--jwk", &oct_bare_jwk),
        // EC and OKP keys for another algorithm.
        (RS256, Some("RS256"), "--jwk", &ec_jwk),
        (PS256, Some("PS256"), "--pem", &ec_pem),
        (PS256, Some("PS256"), "--pem", &okp_pem),
        // A JWK whose own alg is none of the nine, or not a string.
        (RS256, None, "--jwk", &alg_none_jwk),
        (RS256, None, "--jwk", &alg_lowercase_jwk),
        (RS256, None, "--jwk", &alg_number_jwk),
        // Not a key at all, with or without --alg.
        (RS256, None, "--jwk", &not_json),
        (RS256, None, "--pem", &not_pem),
        (RS256, None, "--pem", &rs256_jwk),
        (RS256, Some("RS256"), "--pem", &rs256_jwk),
        (HS256, None, "--jwk", &no_kty_jwk),
    ];
    // Without the features, an EC or OKP key without --alg is no use (with
    // them, its curve names the algorithm: see `v2_ec_and_eddsa_keys`); with
    // them, an RSA key is no ES256 / EdDSA key.
    let without: &[(Algorithm, Option<&str>, &str, &str)] = &[
        (RS256, None, "--jwk", &ec_jwk),
        (RS256, None, "--jwk", &okp_jwk),
        (PS256, None, "--pem", &ec_pem),
        (PS256, None, "--pem", &okp_pem),
    ];
    let with: &[(Algorithm, Option<&str>, &str, &str)] = &[
        (RS256, Some("ES256"), "--pem", &rsa_pem),
        (RS256, Some("ES384"), "--pem", &ec_pem),
        (RS256, Some("EdDSA"), "--pem", &ec_pem),
        (RS256, Some("Ed25519"), "--jwk", &ec_jwk),
        (RS256, Some("ES256"), "--jwk", &okp_jwk),
    ];
    for &(alg, alg_flag, flag, value) in cases.iter().chain(if EC { with } else { without }) {
        let mut args = vec![flag, value];
        if let Some(name) = alg_flag {
            args.extend(["--alg", name]);
        }
        let output = run_v2(&args, &token_for(alg));
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_rejected(&output, "key");
    }
}

/// ES256, ES384 and EdDSA from JWK and PEM, with and without `--alg` (the
/// curve names the algorithm), on the bench fixtures (seeded keys, claims
/// valid until 2100) and RFC 7515 A.3; a token of another algorithm is
/// `algorithm`, a tampered one `signature`.
#[cfg(all(feature = "es256", feature = "es384", feature = "eddsa"))]
#[test]
fn v2_ec_and_eddsa_keys() {
    let fixture = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("benches/fixtures")
            .join(name);
        path.to_str().unwrap().to_owned()
    };
    let token = |name: &str| std::fs::read_to_string(fixture(name)).unwrap();
    let payload = |token: &str| {
        let segment = token.split('.').nth(1).unwrap();
        String::from_utf8(Base64UrlUnpadded::decode_vec(segment).unwrap()).unwrap()
    };
    let policy = ["--now", "1750000000", "--aud", "api://telemetry"];
    for (alg, stem) in [("ES256", "es256"), ("ES384", "es384"), ("EdDSA", "eddsa")] {
        let good = token(&format!("{stem}.jwt"));
        let (jwk, pem) = (
            fixture(&format!("{stem}.pub.jwk.json")),
            fixture(&format!("{stem}.pub.pem")),
        );
        let forms: [&[&str]; 5] = [
            &["--jwk", &jwk],
            &["--pem", &pem],
            &["--alg", alg, "--jwk", &jwk],
            &["--alg", alg, "--pem", &pem],
            &[
                "--alg",
                if alg == "EdDSA" { "Ed25519" } else { alg },
                "--pem",
                &pem,
            ],
        ];
        let mut tampered = good.clone();
        let last = tampered.pop().unwrap();
        tampered.push(if last == 'A' { 'Q' } else { 'A' });
        for form in forms {
            let args = [form, &policy[..]].concat();
            assert_valid(
                &run(&[&args[..], &[good.as_str()]].concat()),
                &payload(&good),
            );
            let output = run(&[&args[..], &[tampered.as_str()]].concat());
            assert_eq!(output.status.code(), Some(1), "{args:?}");
            let kind = stderr(&output);
            assert!(
                kind.contains("rejected: signature") || kind.contains("rejected: malformed"),
                "{args:?}: {kind}"
            );
            let other = run(&[&args[..], &[token_for(Algorithm::HS256).as_str()]].concat());
            assert_rejected(&other, "algorithm");
        }
    }
    // RFC 7515 A.3 (ES256), the JWK without `alg`, one second before `exp`.
    let a3 = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    let (jwk, pem) = ec_p256_keys();
    let jwk = jwk.replace(r#","alg":"ES256""#, "");
    for (flag, key) in [("--jwk", jwk), ("--pem", pem)] {
        let key = temp_file(key.as_bytes());
        let output = run(&[flag, key.to_str().unwrap(), "--now", "1300819379", a3]);
        assert_eq!(output.status.code(), Some(0), "{flag}: {}", stderr(&output));
    }
}

#[test]
fn v2_usage_errors() {
    let file = |text: &str| temp_file(text.as_bytes()).to_str().unwrap().to_owned();
    let rsa = rsa_2048();
    let (spki_pem, pkcs1_pem) = (file(&rsa.spki_pem), file(&rsa.pkcs1_pem));
    let (rsa_bare_jwk, oct_bare_jwk) = (file(&rsa_jwk(None)), file(&oct_jwk(None)));
    let rs256_jwk = file(&rsa_jwk(Some("RS256")));
    let hex = hex::encode(SECRET_64);
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-key-file");
    let missing = missing.to_str().unwrap();
    let token = token_for(Algorithm::RS256);
    let cases: &[&[&str]] = &[
        // Nothing names the algorithm: an RSA PEM, an RSA or oct JWK without alg.
        &["--pem", &spki_pem],
        &["--pem", &pkcs1_pem],
        &["--jwk", &rsa_bare_jwk],
        &["--jwk", &oct_bare_jwk],
        // Unknown or misspelt algorithms.
        &["--alg", "rs256", "--pem", &spki_pem],
        &["--alg", "es256", "--pem", &spki_pem],
        &["--alg", "ED25519", "--pem", &spki_pem],
        &["--alg", "none", "--key-hex", &hex],
        &["--alg", "", "--key-hex", &hex],
        // --alg twice (even the same), or without a key or a value.
        &["--alg", "RS256", "--alg", "RS256", "--pem", &spki_pem],
        &["--alg", "RS256"],
        &["--pem", &spki_pem, "--alg"],
        // Two key sources, new or version 1.
        &["--key-hex", &hex, "--jwk", &rs256_jwk],
        &["--jwk", &rs256_jwk, "--pem", &spki_pem],
        &["--alg", "RS256", "--pem", &spki_pem, "--pem", &spki_pem],
        &["--key-hex", &hex, "--hs256-secret-hex", &hex],
        &["--jwk", &rs256_jwk, "--rs256-jwk", &rs256_jwk],
        &["--rs256-pem", &spki_pem, "--pem", &spki_pem],
        // A version 1 flag fixes its algorithm: --alg may not name another.
        &["--rs256-jwk", &rs256_jwk, "--alg", "PS256"],
        &["--alg", "HS512", "--hs256-secret-hex", &hex],
        &["--rs256-pem", &spki_pem, "--alg", "RS384"],
        // Bad hex, unreadable files.
        &["--key-hex", "abc"],
        &["--key-hex", "zz"],
        &["--alg", "RS256", "--jwk", missing],
        &["--alg", "RS256", "--pem", missing],
        &["--jwk", missing],
    ];
    // Without the features, ES256, ES384 and EdDSA are not in the build.
    let without: &[&[&str]] = &[
        &["--alg", "ES256", "--pem", &spki_pem],
        &["--alg", "ES384", "--pem", &spki_pem],
        &["--alg", "EdDSA", "--pem", &spki_pem],
        &["--alg", "Ed25519", "--pem", &spki_pem],
    ];
    for args in cases.iter().chain(if EC { &[][..] } else { without }) {
        let output = run_v2(args, &token);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_usage_error(&output);
    }
}

#[test]
fn v1_key_flags_are_their_v2_forms_with_the_algorithm_fixed() {
    let file = |text: &str| temp_file(text.as_bytes()).to_str().unwrap().to_owned();
    let rsa = rsa_2048();
    let (pem, bare_jwk) = (file(&rsa.spki_pem), file(&rsa_jwk(None)));
    let ps256_jwk = file(&rsa_jwk(Some("PS256")));
    let hex = hex::encode(SECRET_64);
    let payload = claims().to_string();
    let (hs256, rs256) = (token_for(Algorithm::HS256), token_for(Algorithm::RS256));
    let pairs: [(&[&str], &[&str], &str); 3] = [
        (
            &["--hs256-secret-hex", &hex],
            &["--alg", "HS256", "--key-hex", &hex],
            &hs256,
        ),
        (
            &["--rs256-jwk", &bare_jwk],
            &["--alg", "RS256", "--jwk", &bare_jwk],
            &rs256,
        ),
        (
            &["--rs256-pem", &pem],
            &["--alg", "RS256", "--pem", &pem],
            &rs256,
        ),
    ];
    for (v1, v2, token) in pairs {
        // Valid, also with --alg repeating the flag's algorithm.
        let repeated = [v1, &["--alg", v2[1]]].concat();
        for args in [v1, v2, &repeated] {
            assert_valid(&run_v2(args, token), &payload);
        }
        // Every other algorithm's token is refused on `alg`, alike.
        for alg in HMAC_ALGS.into_iter().chain(RSA_ALGS) {
            if alg_name(alg) != v2[1] {
                let other = token_for(alg);
                assert_rejected(&run_v2(v1, &other), "algorithm");
                assert_rejected(&run_v2(v2, &other), "algorithm");
            }
        }
    }
    // A JWK whose own alg is not RS256 is refused by --rs256-jwk, as in version 1.
    assert_rejected(&run_v2(&["--rs256-jwk", &ps256_jwk], &rs256), "key");
    // Short HS256 secrets likewise.
    let short = hex::encode(&SECRET_64[..31]);
    assert_rejected(&run_v2(&["--hs256-secret-hex", &short], &hs256), "key");
    assert_rejected(&run_v2(&["--key-hex", &short], &hs256), "key");
}

#[test]
fn help_lists_the_key_options() {
    let help = stdout(&run(&["--help"])).to_owned();
    for text in [
        "--alg",
        "--key-hex",
        "--jwk",
        "--pem",
        "--hs256-secret-hex",
        "--rs256-jwk",
        "--rs256-pem",
        "--jwks",
        "--list-keys",
        "HS384",
        "HS512",
        "RS384",
        "RS512",
        "PS256",
        "PS384",
        "PS512",
        "ES256",
    ] {
        assert!(help.contains(text), "{text} missing from:\n{help}");
    }
}

// ---------------------------------------------------------------------------
// JWK Sets (--jwks, --list-keys)
// ---------------------------------------------------------------------------

/// A JWK Set file of `members` (its `keys`), its path.
fn jwks_file(members: &[Value]) -> String {
    let document = json!({ "keys": members }).to_string();
    temp_file(document.as_bytes()).to_str().unwrap().to_owned()
}

/// The RSA fixture's public JWK with `kid` (none if `None`) and `alg` (none
/// if `None`).
fn rsa_member(kid: Option<&str>, alg: Option<&str>) -> Value {
    let mut jwk: Value = serde_json::from_str(&rsa_jwk(alg)).unwrap();
    match kid {
        Some(kid) => jwk["kid"] = json!(kid),
        None => {
            jwk.as_object_mut().unwrap().remove("kid");
        }
    }
    jwk
}

/// RFC 7515 A.2's public key (another 2048-bit RSA key), with `kid` and `alg`.
fn a2_member(kid: &str, alg: Option<&str>) -> Value {
    let (_, jwk, _, _) = rfc7515_a2();
    let mut jwk: Value = serde_json::from_str(&jwk).unwrap();
    jwk["kid"] = json!(kid);
    if let Some(alg) = alg {
        jwk["alg"] = json!(alg);
    }
    jwk
}

/// A token of `alg` over `claims()` with `kid` in its header, signed by
/// `jsonwebtoken` with the RSA fixture.
fn token_with_kid(alg: Algorithm, kid: &str) -> String {
    provider();
    let header = jsonwebtoken::Header {
        kid: Some(kid.to_owned()),
        ..jsonwebtoken::Header::new(alg)
    };
    let key = EncodingKey::from_rsa_der(&rsa_2048().private_der);
    jsonwebtoken::encode(&header, &claims(), &key).unwrap()
}

#[test]
fn jwks_the_tokens_kid_chooses_the_key() {
    // Two RSA keys with kids: the fixture's and RFC 7515 A.2's.
    let set = jwks_file(&[
        a2_member("rfc-a2", Some("RS256")),
        rsa_member(Some("fixture"), Some("RS256")),
    ]);
    let payload = claims().to_string();
    let token = token_with_kid(Algorithm::RS256, "fixture");
    assert_valid(&run_v2(&["--jwks", &set], &token), &payload);
    // --alg naming the keys' own algorithm changes nothing.
    assert_valid(
        &run_v2(&["--jwks", &set, "--alg", "RS256"], &token),
        &payload,
    );
    // The same, from --token-file and --authorization.
    let file = temp_file(token.as_bytes());
    let now = NOW.to_string();
    let from_file = ["--jwks", &set, "--now", &now, "--aud", AUD];
    let output = run(&[&from_file[..], &["--token-file", file.to_str().unwrap()]].concat());
    assert_valid(&output, &payload);
    let bearer = format!("Bearer {token}");
    let output = run(&[&from_file[..], &["--authorization", &bearer]].concat());
    assert_valid(&output, &payload);
    // The kid of the other key: that key is used, and the signature fails.
    let other = token_with_kid(Algorithm::RS256, "rfc-a2");
    assert_rejected(&run_v2(&["--jwks", &set], &other), "signature");
    // A kid the set does not have, even one differing only in case.
    for kid in ["missing", "Fixture", "fixture ", ""] {
        let token = token_with_kid(Algorithm::RS256, kid);
        assert_rejected(&run_v2(&["--jwks", &set], &token), "unknown_key");
    }
    // The key of the kid, but the token of another algorithm.
    let ps256 = token_with_kid(Algorithm::PS256, "fixture");
    assert_rejected(&run_v2(&["--jwks", &set], &ps256), "algorithm");
    // Without kid: two RS256 keys, so no key is the token's; with one
    // RS256 key (the other PS256), that one.
    let no_kid = token_for(Algorithm::RS256);
    assert_rejected(&run_v2(&["--jwks", &set], &no_kid), "unknown_key");
    let one_rs256 = jwks_file(&[
        a2_member("rfc-a2", Some("PS256")),
        rsa_member(Some("fixture"), Some("RS256")),
    ]);
    assert_valid(&run_v2(&["--jwks", &one_rs256], &no_kid), &payload);
    // RFC 7515 A.2's own token (no kid) with its key the only RS256 one.
    let (a2_token, _, _, a2_payload) = rfc7515_a2();
    let a2_set = jwks_file(&[
        rsa_member(Some("fixture"), Some("PS256")),
        a2_member("rfc-a2", Some("RS256")),
    ]);
    let output = run(&["--jwks", &a2_set, "--now", A2_NOW, &a2_token]);
    assert_valid(&output, &a2_payload);
}

#[test]
fn jwks_alg_is_assumed_for_keys_without_alg_and_pins_the_algorithm() {
    let payload = claims().to_string();
    let bare = jwks_file(&[rsa_member(Some("fixture"), None), a2_member("rfc-a2", None)]);
    // RSA keys without alg: skipped by default, the key of --alg with it.
    let rs256 = token_with_kid(Algorithm::RS256, "fixture");
    assert_rejected(&run_v2(&["--jwks", &bare], &rs256), "unknown_key");
    assert_valid(
        &run_v2(&["--jwks", &bare, "--alg", "RS256"], &rs256),
        &payload,
    );
    let ps384 = token_with_kid(Algorithm::PS384, "fixture");
    assert_valid(
        &run_v2(&["--alg", "PS384", "--jwks", &bare], &ps384),
        &payload,
    );
    // The token's alg never chooses: an RS256 key refuses a PS384 token.
    assert_rejected(
        &run_v2(&["--jwks", &bare, "--alg", "RS256"], &ps384),
        "algorithm",
    );
    // --alg accepts only its algorithm: keys of another alg are skipped.
    let rs256_keys = jwks_file(&[rsa_member(Some("fixture"), Some("RS256"))]);
    assert_rejected(
        &run_v2(&["--jwks", &rs256_keys, "--alg", "PS256"], &rs256),
        "unknown_key",
    );
    // An empty set, or one without usable keys, knows no token.
    for members in [vec![], vec![json!({ "kty": "oct", "k": b64(SECRET_64) })]] {
        let set = jwks_file(&members);
        assert_rejected(&run_v2(&["--jwks", &set], &rs256), "unknown_key");
    }
    // An HMAC key of a published set is used only when --alg names HS*.
    let oct = jwks_file(&[serde_json::from_str(&oct_jwk(Some("HS256"))).unwrap()]);
    let hs256 = {
        provider();
        let header = jsonwebtoken::Header {
            kid: Some("cli-oct".to_owned()),
            ..jsonwebtoken::Header::new(Algorithm::HS256)
        };
        let key = EncodingKey::from_secret(SECRET_64);
        jsonwebtoken::encode(&header, &claims(), &key).unwrap()
    };
    assert_rejected(&run_v2(&["--jwks", &oct], &hs256), "unknown_key");
    assert_valid(
        &run_v2(&["--jwks", &oct, "--alg", "HS256"], &hs256),
        &payload,
    );
}

/// The members of every `--list-keys` status in one set, and the lines
/// expected without and with `--alg RS256`.
fn list_keys_cases() -> (String, String, String) {
    let mut enc = rsa_member(Some("enc"), Some("RSA-OAEP"));
    enc["use"] = json!("enc");
    let mut enc_rs256 = rsa_member(Some("enc-rs256"), Some("RS256"));
    enc_rs256["use"] = json!("enc");
    let x25519 = json!({
        "kty": "OKP",
        "crv": "X25519",
        "kid": "x25519",
        "x": "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo",
    });
    let set = jwks_file(&[
        rsa_member(Some("signing"), Some("RS256")),
        enc,
        enc_rs256,
        a2_member("no-alg", None),
        serde_json::from_str(&oct_jwk(Some("HS256"))).unwrap(),
        a2_member("signing", Some("RS256")),
        x25519,
        rsa_member(None, Some("PS256")),
        json!("not an object"),
    ]);
    let default = "\
key 0 kid=signing alg=RS256 status=imported
key 1 kid=enc alg=RSA-OAEP status=skipped:unsupported_alg
key 2 kid=enc-rs256 alg=RS256 status=skipped:not_for_signing
key 3 kid=no-alg alg=- status=skipped:no_alg
key 4 kid=cli-oct alg=HS256 status=skipped:not_accepted
key 5 kid=signing alg=RS256 status=skipped:duplicate_kid
key 6 kid=x25519 alg=- status=skipped:unsupported_crv
key 7 kid=- alg=PS256 status=imported
key 8 kid=- alg=- status=skipped:invalid
";
    let rs256 = "\
key 0 kid=signing alg=RS256 status=imported
key 1 kid=enc alg=RSA-OAEP status=skipped:unsupported_alg
key 2 kid=enc-rs256 alg=RS256 status=skipped:not_for_signing
key 3 kid=no-alg alg=- status=imported
key 4 kid=cli-oct alg=HS256 status=skipped:not_accepted
key 5 kid=signing alg=RS256 status=skipped:duplicate_kid
key 6 kid=x25519 alg=- status=skipped:unsupported_crv
key 7 kid=- alg=PS256 status=skipped:not_accepted
key 8 kid=- alg=- status=skipped:invalid
";
    (set, default.to_owned(), rs256.to_owned())
}

#[track_caller]
fn assert_listed(output: &Output, lines: &str) {
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(output));
    assert_eq!(stdout(output), lines);
    assert_eq!(stderr(output), "");
}

#[test]
fn jwks_list_keys_prints_each_members_outcome() {
    let (set, default, rs256) = list_keys_cases();
    assert_listed(&run(&["--jwks", &set, "--list-keys"]), &default);
    assert_listed(&run(&["--list-keys", "--jwks", &set]), &default);
    assert_listed(
        &run(&["--jwks", &set, "--list-keys", "--alg", "RS256"]),
        &rs256,
    );
    // Verification uses the keys listed as imported, and only those.
    let payload = claims().to_string();
    let signing = token_with_kid(Algorithm::RS256, "signing");
    assert_valid(&run_v2(&["--jwks", &set], &signing), &payload);
    assert_valid(
        &run_v2(&["--jwks", &set, "--alg", "RS256"], &signing),
        &payload,
    );
    for kid in ["enc", "enc-rs256", "cli-oct", "x25519"] {
        let token = token_with_kid(Algorithm::RS256, kid);
        assert_rejected(&run_v2(&["--jwks", &set], &token), "unknown_key");
    }
    // `no-alg` (RFC 7515 A.2's key) only with --alg RS256: then the
    // fixture's signature is checked against it, and fails.
    let no_alg = token_with_kid(Algorithm::RS256, "no-alg");
    assert_rejected(&run_v2(&["--jwks", &set], &no_alg), "unknown_key");
    assert_rejected(
        &run_v2(&["--jwks", &set, "--alg", "RS256"], &no_alg),
        "signature",
    );
    // An empty `keys`: no line.
    assert_listed(&run(&["--jwks", &jwks_file(&[]), "--list-keys"]), "");
    // kid and alg decoded; escapes, control characters and spaces never
    // break the line.
    let escaped = jwks_file(&[
        rsa_member(Some("caf\u{e9}/\"q\""), Some("RS256")),
        rsa_member(Some("line\nbreak two"), Some("RS256")),
    ]);
    let escaped_json = std::fs::read_to_string(&escaped).unwrap();
    let escaped_json = escaped_json.replace("caf\u{e9}", "caf\\u00e9");
    let escaped = temp_file(escaped_json.as_bytes());
    assert_listed(
        &run(&["--jwks", escaped.to_str().unwrap(), "--list-keys"]),
        "key 0 kid=caf\u{e9}/\"q\" alg=RS256 status=imported\n\
         key 1 kid=line\\u{a}break\\u{20}two alg=RS256 status=imported\n",
    );
}

/// With the features, EC and OKP members take their curve's algorithm, and
/// their tokens (without kid: the one key of their alg) verify.
#[cfg(all(feature = "es256", feature = "es384", feature = "eddsa"))]
#[test]
fn jwks_ec_and_eddsa_members() {
    let fixture = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("benches/fixtures")
            .join(name);
        std::fs::read_to_string(path).unwrap()
    };
    let mut members = vec![rsa_member(Some("rsa"), Some("RS256"))];
    for stem in ["es256", "es384", "eddsa"] {
        let mut jwk: Value =
            serde_json::from_str(&fixture(&format!("{stem}.pub.jwk.json"))).unwrap();
        jwk.as_object_mut().unwrap().remove("alg");
        jwk["kid"] = json!(stem);
        members.push(jwk);
    }
    let set = jwks_file(&members);
    assert_listed(
        &run(&["--jwks", &set, "--list-keys"]),
        "key 0 kid=rsa alg=RS256 status=imported\n\
         key 1 kid=es256 alg=- status=imported\n\
         key 2 kid=es384 alg=- status=imported\n\
         key 3 kid=eddsa alg=- status=imported\n",
    );
    assert_listed(
        &run(&["--jwks", &set, "--list-keys", "--alg", "ES384"]),
        "key 0 kid=rsa alg=RS256 status=skipped:not_accepted\n\
         key 1 kid=es256 alg=- status=skipped:not_accepted\n\
         key 2 kid=es384 alg=- status=imported\n\
         key 3 kid=eddsa alg=- status=skipped:not_accepted\n",
    );
    let policy = ["--now", "1750000000", "--aud", "api://telemetry"];
    for stem in ["es256", "es384", "eddsa"] {
        let token = fixture(&format!("{stem}.jwt"));
        let segment = token.split('.').nth(1).unwrap();
        let payload = String::from_utf8(Base64UrlUnpadded::decode_vec(segment).unwrap()).unwrap();
        let args = [
            &["--jwks", set.as_str()][..],
            &policy[..],
            &[token.as_str()],
        ]
        .concat();
        assert_valid(&run(&args), &payload);
    }
}

#[test]
fn jwks_a_document_that_is_not_a_jwk_set_is_rejected() {
    let token = token_with_kid(Algorithm::RS256, "fixture");
    let oversized = {
        let member = rsa_member(Some("fixture"), Some("RS256"));
        let members = vec![member; 64 * 1024 / 400];
        json!({ "keys": members }).to_string()
    };
    assert!(oversized.len() > 64 * 1024);
    let cases: &[(&[u8], &str)] = &[
        (b"{\"foo\":1}", "key"),
        (b"not json", "key"),
        (b"", "key"),
        (b"[]", "key"),
        (b"{\"keys\":{}}", "key"),
        (b"{\"keys\":\"a\"}", "key"),
        (b"{\"keys\":[]", "key"),
        (b"{\"keys\":[],\"keys\":[]}", "key"),
        (b"{\"keys\":[]} x", "key"),
        (b"{\"keys\":[\xff]}", "key"),
        (oversized.as_bytes(), "too_large"),
    ];
    for &(document, kind) in cases {
        let file = temp_file(document);
        let file = file.to_str().unwrap();
        let listed = run(&["--jwks", file, "--list-keys"]);
        assert_eq!(
            listed.status.code(),
            Some(1),
            "{document:?}: {}",
            stderr(&listed)
        );
        assert_rejected(&listed, kind);
        assert_rejected(&run_v2(&["--jwks", file], &token), kind);
        assert_rejected(&run_v2(&["--jwks", file, "--alg", "RS256"], &token), kind);
    }
}

#[test]
fn jwks_and_list_keys_usage_errors() {
    let set = jwks_file(&[rsa_member(Some("fixture"), Some("RS256"))]);
    let rs256_jwk = temp_file(rsa_jwk(Some("RS256")).as_bytes());
    let rs256_jwk = rs256_jwk.to_str().unwrap();
    let token = token_with_kid(Algorithm::RS256, "fixture");
    let token_file = temp_file(token.as_bytes());
    let token_file = token_file.to_str().unwrap();
    let hex = hex::encode(SECRET_64);
    let bearer = format!("Bearer {token}");
    let cookie = format!("session={token}");
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-jwks-file");
    let missing = missing.to_str().unwrap();
    let cases: &[&[&str]] = &[
        // --list-keys without --jwks.
        &["--list-keys"],
        &["--list-keys", "--jwk", rs256_jwk],
        &["--alg", "HS256", "--key-hex", &hex, "--list-keys"],
        &["--rs256-jwk", rs256_jwk, "--list-keys"],
        // --list-keys with a token source.
        &["--jwks", &set, "--list-keys", &token],
        &["--jwks", &set, "--list-keys", "--token-file", token_file],
        &["--jwks", &set, "--list-keys", "--authorization", &bearer],
        &[
            "--jwks",
            &set,
            "--list-keys",
            "--cookie",
            &cookie,
            "--cookie-name",
            "session",
        ],
        // --list-keys twice; as --jwks's value (a path), it leaves no token.
        &["--jwks", &set, "--list-keys", "--list-keys"],
        &["--jwks", "--list-keys"],
        // --jwks without a value, twice, or with another key source.
        &["--jwks"],
        &["--jwks", &set, "--jwks", &set, &token],
        &["--jwks", &set, "--jwk", rs256_jwk, &token],
        &["--rs256-jwk", rs256_jwk, "--jwks", &set, &token],
        &["--key-hex", &hex, "--jwks", &set, &token],
        // --jwks without a token source.
        &["--jwks", &set],
        // An unreadable file, listed or not; an unknown or unbuilt --alg.
        &["--jwks", missing, "--list-keys"],
        &["--jwks", missing, &token],
        &["--jwks", &set, "--alg", "rs256", &token],
        &["--jwks", &set, "--alg", "none", "--list-keys"],
    ];
    for args in cases {
        let output = run(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_usage_error(&output);
    }
    if !EC {
        let output = run(&["--jwks", &set, "--alg", "ES256", "--list-keys"]);
        assert_usage_error(&output);
    }
}

/// SplitMix64, for a seeded RSA key generation (tests only).
struct SplitMix(u64);

impl rsa::rand_core::TryRng for SplitMix {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.try_next_u64()? as u32)
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Ok(z ^ (z >> 31))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let bytes = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
}

impl rsa::rand_core::TryCryptoRng for SplitMix {}
