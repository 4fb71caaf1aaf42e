//! Support code shared by the integration tests: base64url and hex helpers,
//! the vector loaders, HMAC signing, `jsonwebtoken`'s provider selection and
//! a seeded generator for RSA key generation.
//!
//! Each file under `tests/` is its own crate and declares `mod common;`.

// Every test crate compiles this whole module but uses only a subset of it,
// so whatever one crate leaves unused would warn (and fail clippy's
// `-D warnings`) there.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::convert::Infallible;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use rsa::rand_core::{TryCryptoRng, TryRng};
use serde_json::Value;

// ---------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------

/// Unpadded base64url (RFC 7515 §2).
pub fn b64url(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// Strict unpadded base64url (URL-safe alphabet, no padding, canonical
/// trailing bits), written out here so the tests' own checks do not depend
/// on the decoder under test nor on a library's leniency.
pub fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 6 && acc == 0).then_some(out)
}

/// A JSON string of hex digits, decoded.
pub fn hex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("hex")
}

/// The hex string member `name` of `v`, decoded.
pub fn hex_field(v: &Value, name: &str) -> Vec<u8> {
    hex::decode(v[name].as_str().unwrap_or_else(|| panic!("missing {name}"))).expect("hex")
}

/// The string member `name` of `v`.
pub fn str_field<'a>(v: &'a Value, name: &str) -> &'a str {
    v[name]
        .as_str()
        .unwrap_or_else(|| panic!("missing string field {name}"))
}

/// The `alg` of a compact token's header, if the header is readable JSON.
pub fn header_alg(jws: &str) -> Option<String> {
    let header = Base64UrlUnpadded::decode_vec(jws.split('.').next()?).ok()?;
    let header: Value = serde_json::from_slice(&header).ok()?;
    Some(header["alg"].as_str()?.to_owned())
}

// ---------------------------------------------------------------------------
// Vector files (tests/vectors/)
// ---------------------------------------------------------------------------

/// `tests/vectors/<path>`, parsed as JSON.
pub fn load_vectors(path: &str) -> Value {
    let path = format!("{}/tests/vectors/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {path}: {e}"))
}

/// The Wycheproof file `tests/vectors/wycheproof/<name>`.
pub fn wycheproof(name: &str) -> Value {
    load_vectors(&format!("wycheproof/{name}"))
}

/// A Wycheproof file's `numberOfTests`, checked against the tests it holds.
pub fn number_of_tests(doc: &Value) -> usize {
    let declared = doc["numberOfTests"].as_u64().expect("numberOfTests") as usize;
    let held: usize = doc["testGroups"]
        .as_array()
        .expect("testGroups")
        .iter()
        .map(|g| g["tests"].as_array().expect("tests").len())
        .sum();
    assert_eq!(held, declared, "numberOfTests");
    declared
}

/// The `flags` of a Wycheproof test case.
pub fn flags(case: &Value) -> Vec<&str> {
    case["flags"]
        .as_array()
        .map(|f| f.iter().map(|f| f.as_str().expect("flag")).collect())
        .unwrap_or_default()
}

/// `(tcId, jws, result)` of each case of a `json_web_signature_test.json` group.
pub fn jws_tests(group: &Value) -> impl Iterator<Item = (u64, &str, &str)> {
    group["tests"].as_array().expect("tests").iter().map(|t| {
        (
            t["tcId"].as_u64().expect("tcId"),
            t["jws"].as_str().expect("jws"),
            t["result"].as_str().expect("result"),
        )
    })
}

// ---------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------

/// HMAC of `message` under `secret` for a JWS `alg` (`HS256`, `HS384`,
/// `HS512`), with the RustCrypto `hmac` crate.
pub fn hmac_sign(alg: &str, secret: &[u8], message: &[u8]) -> Vec<u8> {
    fn tag<M: Mac + KeyInit>(secret: &[u8], message: &[u8]) -> Vec<u8> {
        let mut mac = <M as KeyInit>::new_from_slice(secret).expect("any key length");
        mac.update(message);
        mac.finalize().into_bytes().to_vec()
    }
    match alg {
        "HS256" => tag::<Hmac<sha2::Sha256>>(secret, message),
        "HS384" => tag::<Hmac<sha2::Sha384>>(secret, message),
        "HS512" => tag::<Hmac<sha2::Sha512>>(secret, message),
        other => panic!("not an HMAC algorithm: {other}"),
    }
}

/// `b64(header) '.' b64(payload) '.' b64(HMAC)` over the given JSON texts,
/// MACed with `alg`'s hash whatever the header says.
pub fn hmac_token(alg: &str, secret: &[u8], header: &str, payload: &str) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes())
    );
    let tag = hmac_sign(alg, secret, input.as_bytes());
    format!("{input}.{}", b64url(&tag))
}

/// [`hmac_token`] with HMAC-SHA-256.
pub fn hs256_token(secret: &[u8], header: &str, payload: &str) -> String {
    hmac_token("HS256", secret, header, payload)
}

/// Selects `jsonwebtoken`'s RustCrypto backend. The dev-dependency enables both
/// of its backends (the benchmarks compare them), and then it refuses to guess:
/// every test that signs or verifies through it calls this first.
pub fn provider() {
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
}

// ---------------------------------------------------------------------------
// Seeded randomness for RSA key generation
// ---------------------------------------------------------------------------

/// SplitMix64: a small, seeded generator (tests only; not a CSPRNG), so that
/// keys generated by the `rsa` crate are the same on every run.
pub struct TestRng(pub u64);

impl TryRng for TestRng {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok(self.try_next_u64()? as u32)
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Ok(z ^ (z >> 31))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for chunk in dst.chunks_mut(8) {
            let bytes = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
}

impl TryCryptoRng for TestRng {}

impl TestRng {
    /// A number in `0..bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.try_next_u64().unwrap() % bound as u64) as usize
    }

    /// `len` random bytes.
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        self.try_fill_bytes(&mut out).unwrap();
        out
    }
}
