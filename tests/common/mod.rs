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

// ---------------------------------------------------------------------------
// Keys: one interface over the concrete key types, for generic tests
// ---------------------------------------------------------------------------

use core::fmt::Debug;

use jwt_embedded::{
    Algorithm, Error, Hs256Key, Hs384Key, Hs512Key, Part, Ps256Key, Ps384Key, Ps512Key, Rs256Key,
    Rs384Key, Rs512Key, Rsa2048, Rsa3072, Rsa4096, VerifyingKey,
};

/// A key type as the tests see it: its algorithm and its JWK import.
pub trait KeyUnderTest: VerifyingKey + Debug + Sized + 'static {
    /// The type's `ALGORITHM`.
    const ALG: Algorithm;
    /// `from_jwk`.
    fn import_jwk(jwk: &str) -> Result<Self, Error>;
}

/// The HMAC key types' inherent API.
pub trait HmacUnderTest: KeyUnderTest {
    /// `MIN_SECRET_LEN`.
    const MIN_LEN: usize;
    /// `TAG_LEN`.
    const TAG: usize;
    /// `new`.
    fn import_secret(secret: &[u8]) -> Result<Self, Error>;
    /// `from_base64url`.
    fn import_b64(secret: &str) -> Result<Self, Error>;
    /// `verify_mac`.
    fn mac_verify(&self, message: &[u8], tag: &[u8]) -> Result<(), Error>;
}

/// The RSA key types' inherent API (every width, both schemes, every hash).
pub trait RsaUnderTest: KeyUnderTest + PartialEq {
    /// The width marker's largest modulus, in bits.
    const WIDTH: u32;
    /// `from_public_key_der` (SubjectPublicKeyInfo).
    fn import_spki(der: &[u8]) -> Result<Self, Error>;
    /// `from_pkcs1_der`.
    fn import_pkcs1(der: &[u8]) -> Result<Self, Error>;
    /// `from_pem`.
    fn import_pem(pem: &str) -> Result<Self, Error>;
    /// `from_components` (big-endian `n` and `e`).
    fn import_components(n: &[u8], e: &[u8]) -> Result<Self, Error>;
    /// `from_jwk_components` (base64url `n` and `e`).
    fn import_jwk_components(n: &str, e: &str) -> Result<Self, Error>;
    /// `verify_raw`.
    fn raw_verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Error>;
    /// `modulus_bits`.
    fn bits(&self) -> u32;
    /// `modulus_len`.
    fn len_bytes(&self) -> usize;
    /// `public_exponent`.
    fn exponent(&self) -> u32;
}

macro_rules! hmac_under_test {
    ($($t:ty),* $(,)?) => {$(
        impl KeyUnderTest for $t {
            const ALG: Algorithm = <$t>::ALGORITHM;
            fn import_jwk(jwk: &str) -> Result<Self, Error> {
                <$t>::from_jwk(jwk)
            }
        }
        impl HmacUnderTest for $t {
            const MIN_LEN: usize = <$t>::MIN_SECRET_LEN;
            const TAG: usize = <$t>::TAG_LEN;
            fn import_secret(secret: &[u8]) -> Result<Self, Error> {
                <$t>::new(secret)
            }
            fn import_b64(secret: &str) -> Result<Self, Error> {
                <$t>::from_base64url(secret)
            }
            fn mac_verify(&self, message: &[u8], tag: &[u8]) -> Result<(), Error> {
                self.verify_mac(message, tag)
            }
        }
    )*};
}

hmac_under_test!(Hs256Key, Hs384Key, Hs512Key);

macro_rules! rsa_under_test {
    ($($t:ty => $width:expr),* $(,)?) => {$(
        impl KeyUnderTest for $t {
            const ALG: Algorithm = <$t>::ALGORITHM;
            fn import_jwk(jwk: &str) -> Result<Self, Error> {
                <$t>::from_jwk(jwk)
            }
        }
        impl RsaUnderTest for $t {
            const WIDTH: u32 = $width;
            fn import_spki(der: &[u8]) -> Result<Self, Error> {
                <$t>::from_public_key_der(der)
            }
            fn import_pkcs1(der: &[u8]) -> Result<Self, Error> {
                <$t>::from_pkcs1_der(der)
            }
            fn import_pem(pem: &str) -> Result<Self, Error> {
                <$t>::from_pem(pem)
            }
            fn import_components(n: &[u8], e: &[u8]) -> Result<Self, Error> {
                <$t>::from_components(n, e)
            }
            fn import_jwk_components(n: &str, e: &str) -> Result<Self, Error> {
                <$t>::from_jwk_components(n, e)
            }
            fn raw_verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
                self.verify_raw(message, signature)
            }
            fn bits(&self) -> u32 {
                self.modulus_bits()
            }
            fn len_bytes(&self) -> usize {
                self.modulus_len()
            }
            fn exponent(&self) -> u32 {
                self.public_exponent()
            }
        }
    )*};
}

rsa_under_test!(
    Rs256Key<Rsa2048> => 2048, Rs256Key<Rsa3072> => 3072, Rs256Key<Rsa4096> => 4096,
    Rs384Key<Rsa2048> => 2048, Rs384Key<Rsa3072> => 3072, Rs384Key<Rsa4096> => 4096,
    Rs512Key<Rsa2048> => 2048, Rs512Key<Rsa3072> => 3072, Rs512Key<Rsa4096> => 4096,
    Ps256Key<Rsa2048> => 2048, Ps256Key<Rsa3072> => 3072, Ps256Key<Rsa4096> => 4096,
    Ps384Key<Rsa2048> => 2048, Ps384Key<Rsa3072> => 3072, Ps384Key<Rsa4096> => 4096,
    Ps512Key<Rsa2048> => 2048, Ps512Key<Rsa3072> => 3072, Ps512Key<Rsa4096> => 4096,
);

/// A Wycheproof RSA group's public key through every import path it offers
/// (SubjectPublicKeyInfo DER, PEM, PKCS#1 DER, `n`/`e`, and the JWK when the
/// group has one: `keyJwk` or `publicKeyJwk`). The paths must agree: all
/// the same key, or all the same error (for the JWK, an `alg` of another
/// algorithm is refused on its own, so its error is returned separately).
pub struct GroupKeys<K> {
    /// The key from every path but the JWK.
    pub keys: Result<Vec<K>, Error>,
    /// The key from the group's JWK, if it has one.
    pub jwk: Option<Result<K, Error>>,
}

pub fn rsa_group_keys<K: RsaUnderTest>(group: &Value) -> GroupKeys<K> {
    let modulus = hex(&group["publicKey"]["modulus"]);
    let exponent = hex(&group["publicKey"]["publicExponent"]);
    let results = [
        K::import_spki(&hex(&group["publicKeyDer"])),
        K::import_pem(str_field(group, "publicKeyPem")),
        K::import_pkcs1(&hex(&group["publicKeyAsn"])),
        // Wycheproof writes n with a leading zero octet (a DER INTEGER).
        K::import_components(&modulus, &exponent),
    ];
    let first = &results[0];
    for (i, other) in results.iter().enumerate().skip(1) {
        assert_eq!(other, first, "import path {i} disagrees with the SPKI DER");
    }
    let jwk = ["keyJwk", "publicKeyJwk"]
        .iter()
        .find(|name| group[**name].is_object())
        .map(|name| {
            let jwk = &group[*name];
            let from_components =
                K::import_jwk_components(str_field(jwk, "n"), str_field(jwk, "e"));
            assert_eq!(
                &from_components, first,
                "JWK n/e disagree with the SPKI DER"
            );
            K::import_jwk(&jwk.to_string())
        });
    GroupKeys {
        keys: results.into_iter().collect(),
        jwk,
    }
}

/// `verify_raw` of one key, boxed so keys of different types sit together.
pub type RawVerifier = Box<dyn Fn(&[u8], &[u8]) -> Result<(), Error>>;

/// `verify_raw` of a key of type `K` with modulus `n` and exponent `e`.
pub fn raw_verifier<K: RsaUnderTest>(n: &[u8], e: &[u8]) -> RawVerifier {
    let key = K::import_components(n, e).expect("key");
    Box::new(move |m, s| key.raw_verify(m, s))
}

/// The algorithm named by a JWS `alg` value, if it is one of ours.
pub fn algorithm(name: &str) -> Option<Algorithm> {
    Algorithm::from_name(name)
}

/// Whether this build has a key type for `alg`: the nine HMAC and RSA
/// algorithms always, ES256/ES384/EdDSA with their features.
#[allow(clippy::match_like_matches_macro)] // a `match` whatever the features
pub fn has_key_type(alg: Algorithm) -> bool {
    match alg {
        Algorithm::Es256 => cfg!(feature = "es256"),
        Algorithm::Es384 => cfg!(feature = "es384"),
        Algorithm::EdDsa => cfg!(feature = "eddsa"),
        _ => true,
    }
}

/// The same algorithm in `jsonwebtoken`'s terms.
pub fn their_algorithm(alg: Algorithm) -> jsonwebtoken::Algorithm {
    alg.name()
        .parse()
        .expect("jsonwebtoken knows every algorithm of ours")
}

// ---------------------------------------------------------------------------
// JWS-level verdicts
// ---------------------------------------------------------------------------

/// A verdict about the JWS layer (signature and encoding) only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The JWS verified.
    JwsValid,
    /// The JWS did not verify.
    JwsInvalid,
}

/// The verdict from where in the pipeline `result` was decided: `Ok` or an
/// error only reachable after the signature verified, versus an error at or
/// before the signature check. (For a policy that requires no claim, checks
/// no issuer or audience and a buffer large enough.)
pub fn stage(result: Result<(), Error>) -> Verdict {
    match result {
        Ok(()) => Verdict::JwsValid,
        Err(
            Error::Malformed(Part::Claims)
            | Error::InvalidClaimType(_)
            | Error::MissingClaim(_)
            | Error::Expired
            | Error::NotYetValid
            | Error::Audience
            | Error::Issuer,
        ) => Verdict::JwsValid,
        Err(
            Error::Malformed(Part::Token | Part::Header | Part::Signature)
            | Error::Algorithm
            | Error::Signature
            | Error::Crit
            | Error::TooLarge,
        ) => Verdict::JwsInvalid,
        Err(other) => panic!("unexpected error for this policy and buffer: {other:?}"),
    }
}

/// Whether `token` was a valid JWS for `key`, judging from `result`.
///
/// `Malformed(Claims)` comes after the signature check. It means "valid JWS
/// whose payload is not JWT claims" when the payload segment is strict
/// base64url, and "invalid JWS" when it is not (the signature covers the
/// transmitted characters, so a signature over a badly encoded payload does
/// verify). The signature itself is checked again through
/// `VerifyingKey::verify_signature`.
pub fn jws_verdict(token: &str, key: &dyn VerifyingKey, result: Result<(), Error>) -> Verdict {
    if result == Err(Error::Malformed(Part::Claims)) {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            panic!("Malformed(Claims) for a token without three segments: {token}");
        };
        let signing_input = &token.as_bytes()[..header.len() + 1 + payload.len()];
        assert_eq!(
            key.verify_signature(signing_input, signature.as_bytes()),
            Ok(()),
            "Malformed(Claims) without a verified signature: {token}"
        );
        if b64url_decode(payload).is_none() {
            return Verdict::JwsInvalid;
        }
    }
    stage(result)
}

/// `verify` with a policy that requires no claim and accepts any audience,
/// at a fixed time, with a buffer large enough for any vector.
pub fn verify_any(token: &str, key: &(impl VerifyingKey + ?Sized)) -> Result<(), Error> {
    const POLICY: jwt_embedded::Validation<'static> = jwt_embedded::Validation::new()
        .required(jwt_embedded::RequiredClaims::NONE)
        .danger_accept_any_audience();
    let mut buf = vec![0u8; 64 * 1024];
    jwt_embedded::verify(token.as_bytes(), key, &POLICY, 1_700_000_000, &mut buf).map(|_| ())
}

// ---------------------------------------------------------------------------
// RSA private keys for signing (the `rsa` crate)
// ---------------------------------------------------------------------------

/// An RSA private key generated by the `rsa` crate from `seed`: the same key
/// on every run (as long as `Cargo.lock` is). Generation is slow in debug
/// builds (a 4096-bit key takes 5 to 40 s), so callers cache them.
pub fn rsa_private_key(bits: usize, seed: u64) -> rsa::PrivateKey {
    rsa::PrivateKey::new(&mut TestRng(seed), bits).expect("keygen")
}

/// `em^d mod n`: a "signature" of any encoded message, to sign encodings
/// that are almost right.
pub fn raw_sign(private: &rsa::PrivateKey, em: &[u8]) -> Vec<u8> {
    use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
    use crypto_bigint::{BoxedUint, Odd};
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};
    let n = private.n().as_ref().clone();
    let params = BoxedMontyParams::new_vartime(Odd::new(n.clone()).unwrap());
    let m = BoxedUint::from_be_slice(em, n.bits_precision()).unwrap();
    let s = BoxedMontyForm::new(m, &params).pow(private.d()).retrieve();
    let bytes = s.to_be_bytes();
    bytes[bytes.len() - em.len()..].to_vec()
}

/// `private`'s public half as a SubjectPublicKeyInfo PEM.
pub fn public_pem(private: &rsa::PrivateKey) -> String {
    use rsa::pkcs8::EncodePublicKey;
    private
        .to_public_key()
        .to_public_key_pem(Default::default())
        .unwrap()
}

/// `jsonwebtoken`'s verifying key for `private`'s public half (from `n`
/// and `e`: its PEM reader needs a feature the dev-dependency leaves off).
pub fn their_public_key(private: &rsa::PrivateKey) -> jsonwebtoken::DecodingKey {
    use rsa::traits::PublicKeyParts;
    jsonwebtoken::DecodingKey::from_rsa_raw_components(&private.n_bytes(), &private.e_bytes())
}

/// `jsonwebtoken`'s signing key for `private`.
pub fn their_rsa_key(private: &rsa::PrivateKey) -> jsonwebtoken::EncodingKey {
    use rsa::pkcs1::EncodeRsaPrivateKey;
    jsonwebtoken::EncodingKey::from_rsa_der(private.to_pkcs1_der().unwrap().as_bytes())
}

// ---------------------------------------------------------------------------
// Elliptic-curve keys (ES256, ES384, EdDSA)
// ---------------------------------------------------------------------------
//
// The private keys are made by `aws-lc-rs` (a dev-dependency, independent
// of the RustCrypto curves the crate verifies with) from seeded scalars, so
// they are the same on every run; `jsonwebtoken` signs tokens with their
// PKCS#8 form. Nothing here needs the crate's EC features: the key types
// under test are named only in the gated part below.

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::KeyPair;

/// A curve of ECDSA as the tests sign with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EcCurveId {
    /// P-256, ES256.
    P256,
    /// P-384, ES384.
    P384,
}

impl EcCurveId {
    /// Bytes of a coordinate and of a scalar.
    pub const fn len(self) -> usize {
        match self {
            EcCurveId::P256 => 32,
            EcCurveId::P384 => 48,
        }
    }

    /// The JWK `crv`.
    pub const fn crv(self) -> &'static str {
        match self {
            EcCurveId::P256 => "P-256",
            EcCurveId::P384 => "P-384",
        }
    }

    /// The JWS `alg`.
    pub const fn alg(self) -> &'static str {
        match self {
            EcCurveId::P256 => "ES256",
            EcCurveId::P384 => "ES384",
        }
    }

    /// The group order `n`, big-endian.
    pub fn order(self) -> Vec<u8> {
        hex::decode(match self {
            EcCurveId::P256 => "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            EcCurveId::P384 => concat!(
                "ffffffffffffffffffffffffffffffffffffffffffffffff",
                "c7634d81f4372ddf581a0db248b0a77aecec196accc52973"
            ),
        })
        .unwrap()
    }

    /// The field prime `p`, big-endian.
    pub fn prime(self) -> Vec<u8> {
        hex::decode(match self {
            EcCurveId::P256 => "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
            EcCurveId::P384 => concat!(
                "ffffffffffffffffffffffffffffffffffffffffffffffff",
                "fffffffffffffffeffffffff0000000000000000ffffffff"
            ),
        })
        .unwrap()
    }

    fn signing_algorithm(self) -> &'static aws_lc_rs::signature::EcdsaSigningAlgorithm {
        match self {
            EcCurveId::P256 => &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            EcCurveId::P384 => &aws_lc_rs::signature::ECDSA_P384_SHA384_FIXED_SIGNING,
        }
    }

    /// The named curve's OID, DER (tag, length and content).
    fn oid_der(self) -> &'static [u8] {
        match self {
            EcCurveId::P256 => &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
            EcCurveId::P384 => &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22],
        }
    }
}

/// An ECDSA private key (with its public half) for signing in tests.
pub struct EcSigner {
    /// The curve.
    pub curve: EcCurveId,
    pair: aws_lc_rs::signature::EcdsaKeyPair,
}

impl EcSigner {
    /// The key whose scalar is drawn from `seed` (below `n`: its first byte is
    /// kept under 0x80).
    pub fn new(curve: EcCurveId, seed: u64) -> Self {
        let mut d = TestRng(seed).bytes(curve.len());
        d[0] &= 0x7f;
        d[1] |= 1; // never zero
        // RFC 5915 ECPrivateKey ::= SEQUENCE { 1, OCTET STRING d, [0] curve }
        let oid = curve.oid_der();
        let mut body = vec![0x02, 0x01, 0x01, 0x04, d.len() as u8];
        body.extend_from_slice(&d);
        body.extend_from_slice(&[0xa0, oid.len() as u8]);
        body.extend_from_slice(oid);
        let mut der = vec![0x30, body.len() as u8];
        der.extend_from_slice(&body);
        let pair = aws_lc_rs::signature::EcdsaKeyPair::from_private_key_der(
            curve.signing_algorithm(),
            &der,
        )
        .expect("EC private key");
        EcSigner { curve, pair }
    }

    /// The public point, SEC 1 uncompressed (`04 ‖ x ‖ y`).
    pub fn point(&self) -> Vec<u8> {
        self.pair.public_key().as_ref().to_vec()
    }

    /// The public point, SEC 1 compressed (`02`/`03 ‖ x`).
    pub fn compressed_point(&self) -> Vec<u8> {
        let point = self.point();
        let (x, y) = point[1..].split_at(self.curve.len());
        let mut out = vec![2 | (y[y.len() - 1] & 1)];
        out.extend_from_slice(x);
        out
    }

    /// `x` and `y`, big-endian.
    pub fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
        let point = self.point();
        let (x, y) = point[1..].split_at(self.curve.len());
        (x.to_vec(), y.to_vec())
    }

    /// The public key as a JWK (no `alg`, `use` or `kid`), plus `extra`
    /// members (`,"name":value` text, or empty).
    pub fn jwk(&self, extra: &str) -> String {
        let (x, y) = self.coordinates();
        format!(
            r#"{{"kty":"EC","crv":"{}","x":"{}","y":"{}"{extra}}}"#,
            self.curve.crv(),
            b64url(&x),
            b64url(&y)
        )
    }

    /// The public key as a DER SubjectPublicKeyInfo (written by aws-lc).
    pub fn spki_der(&self) -> Vec<u8> {
        self.pair.public_key().as_der().unwrap().as_ref().to_vec()
    }

    /// The private key as PKCS#8 DER (for `jsonwebtoken`).
    pub fn pkcs8(&self) -> Vec<u8> {
        self.pair.to_pkcs8v1().unwrap().as_ref().to_vec()
    }

    /// A raw `r ‖ s` signature of `message` (randomised).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let rng = aws_lc_rs::rand::SystemRandom::new();
        self.pair.sign(&rng, message).unwrap().as_ref().to_vec()
    }

    /// `jsonwebtoken`'s signing key.
    pub fn their_key(&self) -> jsonwebtoken::EncodingKey {
        jsonwebtoken::EncodingKey::from_ec_der(&self.pkcs8())
    }

    /// `jsonwebtoken`'s verifying key.
    pub fn their_public_key(&self) -> jsonwebtoken::DecodingKey {
        let (x, y) = self.coordinates();
        jsonwebtoken::DecodingKey::from_ec_components(&b64url(&x), &b64url(&y)).unwrap()
    }
}

/// An Ed25519 private key for signing in tests.
pub struct EdSigner {
    pair: aws_lc_rs::signature::Ed25519KeyPair,
}

impl EdSigner {
    /// The key whose 32-byte seed is drawn from `seed`.
    pub fn new(seed: u64) -> Self {
        let seed = TestRng(seed).bytes(32);
        Self::from_seed(&seed)
    }

    /// The key of the RFC 8032 seed `seed`.
    pub fn from_seed(seed: &[u8]) -> Self {
        let pair = aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(seed).expect("seed");
        EdSigner { pair }
    }

    /// The 32-byte public key.
    pub fn public(&self) -> [u8; 32] {
        self.pair.public_key().as_ref().try_into().unwrap()
    }

    /// The public key as a JWK, plus `extra` members.
    pub fn jwk(&self, extra: &str) -> String {
        format!(
            r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"{extra}}}"#,
            b64url(&self.public())
        )
    }

    /// The public key as a DER SubjectPublicKeyInfo (written by aws-lc).
    pub fn spki_der(&self) -> Vec<u8> {
        self.pair.public_key().as_der().unwrap().as_ref().to_vec()
    }

    /// A signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.pair.sign(message).as_ref().to_vec()
    }

    /// `jsonwebtoken`'s signing key.
    pub fn their_key(&self) -> jsonwebtoken::EncodingKey {
        jsonwebtoken::EncodingKey::from_ed_der(self.pair.to_pkcs8v1().unwrap().as_ref())
    }

    /// `jsonwebtoken`'s verifying key.
    pub fn their_public_key(&self) -> jsonwebtoken::DecodingKey {
        jsonwebtoken::DecodingKey::from_ed_components(&b64url(&self.public())).unwrap()
    }
}

/// A DER document as PEM with `label`, base64 lines of 64 characters.
pub fn to_pem(label: &str, der: &[u8]) -> String {
    let b64 = base64ct::Base64::encode_string(der);
    let mut pem = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(line).unwrap());
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
}

/// `a - b` for big-endian numbers of the same length, `a >= b`.
pub fn sub_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    assert_eq!(a.len(), b.len());
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0i16;
    for i in (0..a.len()).rev() {
        let d = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = i16::from(d < 0);
        out[i] = d.rem_euclid(256) as u8;
    }
    assert_eq!(borrow, 0, "sub_be underflow");
    out
}

/// `a + b` for big-endian numbers of the same length (the carry out is dropped).
pub fn add_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    assert_eq!(a.len(), b.len());
    let mut out = vec![0u8; a.len()];
    let mut carry = 0u16;
    for i in (0..a.len()).rev() {
        let s = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = s as u8;
        carry = s >> 8;
    }
    out
}

/// `b64(header) '.' b64(payload)`: a signing input over JSON texts.
pub fn signing_input(header: &str, payload: &str) -> String {
    format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes())
    )
}

// ---------------------------------------------------------------------------
// Wycheproof signature files (ECDSA P1363, EdDSA)
// ---------------------------------------------------------------------------

/// What one Wycheproof signature file did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SignatureCounts {
    /// Test cases in the file.
    pub total: usize,
    /// `valid` cases, each verified.
    pub valid: usize,
    /// `invalid` cases, each refused.
    pub invalid: usize,
    /// `acceptable` cases (the caller's `acceptable` decides each).
    pub acceptable: usize,
    /// Cases whose group key the library refused at import (not verified).
    pub key_refused: usize,
    /// Groups whose key the library refused at import.
    pub groups_refused: usize,
}

/// `verify_raw` of one imported key.
pub type SigVerifier = Box<dyn Fn(&[u8], &[u8]) -> Result<(), Error>>;

/// Runs every case of the Wycheproof signature file `doc`: `import` builds
/// the group's key (every import path agreeing) or says why the library
/// refuses it; `valid` cases must verify, `invalid` ones must not, and
/// `acceptable(case)` says what an `acceptable` one must do (`true`:
/// verify). `on_case` sees every case with its outcome (`Err`: the import
/// error of its refused key).
pub fn run_signature_file(
    doc: &Value,
    import: impl Fn(&Value) -> Result<SigVerifier, Error>,
    acceptable: impl Fn(&Value) -> bool,
    mut on_case: impl FnMut(&Value, &Value, Result<Result<(), Error>, Error>),
) -> SignatureCounts {
    let mut counts = SignatureCounts {
        total: number_of_tests(doc),
        ..Default::default()
    };
    for group in doc["testGroups"].as_array().expect("testGroups") {
        let cases = group["tests"].as_array().expect("tests");
        let key = match import(group) {
            Ok(key) => key,
            Err(why) => {
                counts.groups_refused += 1;
                counts.key_refused += cases.len();
                for case in cases {
                    on_case(group, case, Err(why));
                }
                continue;
            }
        };
        for case in cases {
            let id = case["tcId"].as_u64().expect("tcId");
            let result = key(&hex_field(case, "msg"), &hex_field(case, "sig"));
            let label = str_field(case, "result");
            let expected = match label {
                "valid" => {
                    counts.valid += 1;
                    true
                }
                "invalid" => {
                    counts.invalid += 1;
                    false
                }
                "acceptable" => {
                    counts.acceptable += 1;
                    acceptable(case)
                }
                other => panic!("tcId {id}: result {other}"),
            };
            if expected {
                assert_eq!(result, Ok(()), "tcId {id} ({label}, {:?})", flags(case));
            } else {
                assert_eq!(
                    result,
                    Err(Error::Signature),
                    "tcId {id} ({label}, {:?})",
                    flags(case)
                );
            }
            on_case(group, case, Ok(result));
        }
    }
    assert_eq!(
        counts.valid + counts.invalid + counts.acceptable + counts.key_refused,
        counts.total
    );
    counts
}

// ---------------------------------------------------------------------------
// The EC key types under test (features `es256`, `es384`, `eddsa`)
// ---------------------------------------------------------------------------

/// The ECDSA key types' inherent API.
#[cfg(any(feature = "es256", feature = "es384"))]
pub trait EcdsaUnderTest: KeyUnderTest + PartialEq + Clone {
    /// The curve, as the signers name it.
    const CURVE: EcCurveId;
    /// `SIGNATURE_LEN`.
    const SIG_LEN: usize;
    /// `from_public_key_der`.
    fn import_spki(der: &[u8]) -> Result<Self, Error>;
    /// `from_pem`.
    fn import_pem(pem: &str) -> Result<Self, Error>;
    /// `from_sec1_bytes`.
    fn import_sec1(point: &[u8]) -> Result<Self, Error>;
    /// `from_coordinates`.
    fn import_coordinates(x: &[u8], y: &[u8]) -> Result<Self, Error>;
    /// `verify_raw`.
    fn raw_verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Error>;
}

#[cfg(any(feature = "es256", feature = "es384"))]
macro_rules! ecdsa_under_test {
    ($($t:ty => $curve:expr),* $(,)?) => {$(
        impl KeyUnderTest for $t {
            const ALG: Algorithm = <$t>::ALGORITHM;
            fn import_jwk(jwk: &str) -> Result<Self, Error> {
                <$t>::from_jwk(jwk)
            }
        }
        impl EcdsaUnderTest for $t {
            const CURVE: EcCurveId = $curve;
            const SIG_LEN: usize = <$t>::SIGNATURE_LEN;
            fn import_spki(der: &[u8]) -> Result<Self, Error> {
                <$t>::from_public_key_der(der)
            }
            fn import_pem(pem: &str) -> Result<Self, Error> {
                <$t>::from_pem(pem)
            }
            fn import_sec1(point: &[u8]) -> Result<Self, Error> {
                <$t>::from_sec1_bytes(point)
            }
            fn import_coordinates(x: &[u8], y: &[u8]) -> Result<Self, Error> {
                <$t>::from_coordinates(x, y)
            }
            fn raw_verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
                self.verify_raw(message, signature)
            }
        }
    )*};
}

#[cfg(feature = "es256")]
ecdsa_under_test!(jwt_embedded::Es256Key => EcCurveId::P256);
#[cfg(feature = "es384")]
ecdsa_under_test!(jwt_embedded::Es384Key => EcCurveId::P384);

#[cfg(feature = "eddsa")]
impl KeyUnderTest for jwt_embedded::Ed25519Key {
    const ALG: Algorithm = jwt_embedded::Ed25519Key::ALGORITHM;
    fn import_jwk(jwk: &str) -> Result<Self, Error> {
        jwt_embedded::Ed25519Key::from_jwk(jwk)
    }
}

/// A Wycheproof ECDSA group's public key through every import path it
/// offers (`publicKeyDer`, `publicKeyPem`, `publicKey.uncompressed`,
/// `wx`/`wy`, and `publicKeyJwk` when the group has one): all must agree,
/// on the key or on the error.
#[cfg(any(feature = "es256", feature = "es384"))]
pub fn ecdsa_group_key<K: EcdsaUnderTest>(group: &Value) -> Result<K, Error> {
    let public = &group["publicKey"];
    // Wycheproof writes wx/wy as DER INTEGER contents: a leading zero octet
    // when the top bit is set, and fewer octets for a small coordinate.
    let fixed = |name: &str| {
        let bytes = hex_field(public, name);
        let len = K::CURVE.len();
        let bytes = bytes
            .strip_prefix(&[0][..])
            .filter(|b| b.len() == len)
            .unwrap_or(&bytes);
        let mut out = vec![0u8; len.saturating_sub(bytes.len())];
        out.extend_from_slice(bytes);
        out
    };
    let mut results = vec![
        K::import_spki(&hex_field(group, "publicKeyDer")),
        K::import_pem(str_field(group, "publicKeyPem")),
        K::import_sec1(&hex_field(public, "uncompressed")),
        K::import_coordinates(&fixed("wx"), &fixed("wy")),
    ];
    if group["publicKeyJwk"].is_object() {
        results.push(K::import_jwk(&group["publicKeyJwk"].to_string()));
    }
    for (i, other) in results.iter().enumerate().skip(1) {
        assert_eq!(
            other, &results[0],
            "import path {i} disagrees with the SPKI DER"
        );
    }
    results.into_iter().next().unwrap()
}
