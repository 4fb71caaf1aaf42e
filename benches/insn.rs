//! Instruction counts per verify on the host, for callgrind: one case,
//! named on the command line, runs `ROUNDS` times inside `measured`, and
//! `.ci/insn` counts the instructions of that function alone
//! (`valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect=insn::measured`), divided by `ROUNDS`. Deterministic,
//! unlike times on a shared machine, so CI can hold budgets on them.
//!
//! Valgrind runs neither SHA-NI nor ADX: under it, SHA-256 is `sha2`'s
//! portable code and aws-lc takes its non-ADX assembly. The counts are
//! therefore those of a CPU without those extensions.
//!
//!     cargo bench --bench insn --no-run   # or: bash .ci/insn, which builds it
//!                                         # from .ci/insn-harness/
//!     valgrind --tool=callgrind --collect-atstart=no \
//!         --toggle-collect='insn::measured' target/release/deps/insn-* hs256

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use jwt_embedded::{
    Algorithm, Hs256Key, KeySet, KeySetPolicy, Rs256Key2048, Validation, VerifyingKey, verify,
};
use sha2::Sha256;

/// Verifies per case: the count printed is the total over this many.
const ROUNDS: usize = 10;

const HS256_TOKEN: &str = include_str!("fixtures/hs256.jwt");
const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
const RS256_TOKEN: &str = include_str!("fixtures/rs256_2048.jwt");
const RS256_PEM: &str = include_str!("fixtures/rs256_2048.pub.pem");
const JWKS: &str = include_str!("fixtures/jwks_14.json");
const JWKS_TOKEN: &str = include_str!("fixtures/jwks_rs256.jwt");
const NOW: i64 = 1_750_000_000;
const POLICY: Validation<'static> = Validation::new()
    .issuer("https://issuer.example.com")
    .audience("api://telemetry")
    .leeway(60);

/// One measured case: each call is one operation, `true` if it succeeded.
type Case = Box<dyn FnMut() -> bool>;

fn signing_input(token: &str) -> &str {
    &token[..token.rfind('.').unwrap()]
}

/// `verify` of `token` with `key` under the benchmarks' policy.
fn verifying(token: &'static str, key: impl VerifyingKey + 'static) -> Case {
    let mut buf = [0u8; 1024];
    Box::new(move || verify(black_box(token.as_bytes()), &key, &POLICY, NOW, &mut buf).is_ok())
}

fn case(name: &str) -> Case {
    match name {
        "hs256" => {
            let key = Hs256Key::new(SECRET).unwrap();
            verifying(HS256_TOKEN, key)
        }
        "hs256-floor" => {
            // The HMAC of the same signing input alone, with a prepared key.
            let prepared = Hmac::<Sha256>::new_from_slice(SECRET).unwrap();
            let input = signing_input(HS256_TOKEN);
            Box::new(move || {
                let mut mac = prepared.clone();
                mac.update(black_box(input.as_bytes()));
                black_box(mac.finalize().into_bytes()).len() == 32
            })
        }
        "rs256-2048" => {
            let key = Rs256Key2048::from_pem(RS256_PEM).unwrap();
            verifying(RS256_TOKEN, key)
        }
        "rs256-2048-floor" => {
            // aws-lc's RSA verify of the same signing input and signature.
            use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
            let body: String = RS256_PEM
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect();
            let der = Base64::decode_vec(&body).unwrap();
            let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der).unwrap();
            let input = signing_input(RS256_TOKEN);
            let signature = Base64UrlUnpadded::decode_vec(&RS256_TOKEN[input.len() + 1..]).unwrap();
            Box::new(move || {
                key.verify_sig(black_box(input.as_bytes()), &signature)
                    .is_ok()
            })
        }
        "jwks" | "jwks-single-key" => {
            // A token through Microsoft Entra-shaped 14-key set, or the same
            // key alone: the difference is the set's key selection.
            let policy = KeySetPolicy::new().assume(Algorithm::Rs256);
            let set = KeySet::<16>::from_jwks(JWKS, &policy).unwrap();
            let jwk: serde_json::Value = serde_json::from_str(JWKS).unwrap();
            let key = Rs256Key2048::from_jwk(&jwk["keys"][13].to_string()).unwrap();
            if name == "jwks" {
                let mut buf = [0u8; 1024];
                Box::new(move || {
                    set.verify(black_box(JWKS_TOKEN.as_bytes()), &POLICY, NOW, &mut buf)
                        .is_ok()
                })
            } else {
                verifying(JWKS_TOKEN, key)
            }
        }
        _ => panic!("unknown case {name}: {}", CASES.join(", ")),
    }
}

/// The counted function: `ROUNDS` operations of the case.
#[inline(never)]
fn measured(case: &mut Case) -> usize {
    (0..ROUNDS).filter(|_| case()).count()
}

/// Every case, for a run without a case name (`cargo test --benches`, as
/// CI runs the benchmarks once each: each case must succeed).
const CASES: [&str; 6] = [
    "hs256",
    "hs256-floor",
    "rs256-2048",
    "rs256-2048-floor",
    "jwks",
    "jwks-single-key",
];

fn main() {
    let Some(name) = std::env::args().nth(1).filter(|arg| !arg.starts_with("--")) else {
        for name in CASES {
            let mut case = case(name);
            assert!(case(), "{name}: the operation must succeed");
            println!("case={name}: ok");
        }
        return;
    };
    let mut case = case(&name);
    // Once outside the count (first-call effects), then counted.
    assert!(case(), "{name}: the operation must succeed");
    let ok = measured(&mut case);
    assert_eq!(ok, ROUNDS, "{name}: every operation must succeed");
    println!("rounds={ROUNDS} case={name}");
}
