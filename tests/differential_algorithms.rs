//! Differential tests against `jsonwebtoken` (RustCrypto backend) for the
//! algorithms added by issue 12: HS384, HS512, RS384, RS512, PS256, PS384
//! and PS512 (HS256 and RS256 are in `differential_jsonwebtoken.rs` and
//! `differential_rsa.rs`).
//!
//! Tokens signed by `jsonwebtoken` verify here, with the claims read back,
//! and `jsonwebtoken::decode` agrees; tampered tokens (a character of the
//! signature, of the payload or of the header, the header's `alg` swapped
//! for another, the signature of another key) are rejected by both. Then
//! proptest: random claim sets and secrets (HMAC) or messages (RSA, with
//! fixed keys: key generation is slow), and random single-bit mutations of
//! the tokens, on which both libraries must agree (they never verify).
//!
//! RSA keys come from the `rsa` crate with a seeded generator (the same
//! seeds as `differential_rsa.rs`), 2048, 3072 and 4096 bits.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use jsonwebtoken::{DecodingKey, EncodingKey, Header};
use jwt_embedded::{
    Algorithm, Error, Hs384Key, Hs512Key, Part, Ps256Key, Ps384Key, Ps512Key, Rs384Key, Rs512Key,
    Rsa2048, Rsa3072, Rsa4096, Validation, VerifyingKey, buffer_len, verify,
};
use proptest::prelude::*;
use rsa::sha2::digest::FixedOutputReset;
use rsa::sha2::{Digest, Sha256, Sha384, Sha512};
use serde_json::{Value, json};

mod common;

use common::{
    HmacUnderTest, RsaUnderTest, TestRng, b64url, provider, public_pem, raw_sign, rsa_private_key,
    their_algorithm, their_public_key, their_rsa_key,
};

const ISS: &str = "https://issuer.example";

fn wall_clock() -> i64 {
    i64::try_from(jsonwebtoken::get_current_timestamp()).expect("time fits i64")
}

/// One RSA private key per size, generated once per test binary.
fn rsa_key(bits: usize) -> &'static rsa::PrivateKey {
    static K2048: OnceLock<rsa::PrivateKey> = OnceLock::new();
    static K3072: OnceLock<rsa::PrivateKey> = OnceLock::new();
    static K4096: OnceLock<rsa::PrivateKey> = OnceLock::new();
    match bits {
        2048 => K2048.get_or_init(|| rsa_private_key(2048, 3048)),
        3072 => K3072.get_or_init(|| rsa_private_key(3072, 6072)),
        4096 => K4096.get_or_init(|| rsa_private_key(4096, 9096)),
        _ => unreachable!(),
    }
}

/// A second 2048-bit key, for "signed by another key".
fn other_rsa_key() -> &'static rsa::PrivateKey {
    static KEY: OnceLock<rsa::PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| rsa_private_key(2048, 8048))
}

fn claims(sub: &str, exp: i64) -> Value {
    json!({ "iss": ISS, "sub": sub, "exp": exp, "scope": "read write" })
}

fn policy() -> Validation<'static> {
    Validation::new().issuer(ISS)
}

/// `jsonwebtoken` configured like `policy()`.
fn their_validation(alg: Algorithm) -> jsonwebtoken::Validation {
    let mut v = jsonwebtoken::Validation::new(their_algorithm(alg));
    v.leeway = 0;
    v.set_issuer(&[ISS]);
    v.set_required_spec_claims(&["exp", "iss"]);
    v
}

fn ours(token: &str, key: &(impl VerifyingKey + ?Sized), now: i64) -> Result<Value, Error> {
    let mut buf = vec![0u8; buffer_len(token.len())];
    let verified = verify(token.as_bytes(), key, &policy(), now, &mut buf)?;
    assert_eq!(verified.header().alg.to_string(), key.algorithm().name());
    Ok(serde_json::from_str(verified.payload()).expect("payload JSON"))
}

fn theirs(token: &str, key: &DecodingKey, alg: Algorithm) -> Option<Value> {
    jsonwebtoken::decode::<Value>(token, key, &their_validation(alg))
        .ok()
        .map(|data| data.claims)
}

/// Replaces the character at `at` by another base64url character.
fn tamper(token: &str, at: usize) -> String {
    let mut bytes = token.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

/// The token with its header replaced by `{"alg":"<alg>","typ":"JWT"}` and
/// its signature kept.
fn with_alg(token: &str, alg: &str) -> String {
    let rest = &token[token.find('.').unwrap()..];
    format!(
        "{}{rest}",
        b64url(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#).as_bytes())
    )
}

/// Checks one token signed by `jsonwebtoken` against `key` / `their_key`:
/// accepted by both with the same claims, and every tampered copy refused
/// by both. Returns the number of refusals checked.
fn check_token(
    token: &str,
    expected: &Value,
    key: &dyn VerifyingKey,
    their_key: &DecodingKey,
    now: i64,
) -> usize {
    let alg = key.algorithm();
    assert_eq!(ours(token, key, now).as_ref(), Ok(expected), "{token}");
    assert_eq!(theirs(token, their_key, alg).as_ref(), Some(expected));

    let sig_at = token.rfind('.').unwrap() + 1;
    let payload_at = token.find('.').unwrap() + 1;
    let mut refused = 0;
    let mut both_refuse = |mutant: &str, ours_expected: Option<Error>| {
        let result = ours(mutant, key, now);
        match ours_expected {
            Some(e) => assert_eq!(result.as_ref().err(), Some(&e), "{mutant}"),
            None => assert!(result.is_err(), "{mutant}"),
        }
        assert_eq!(
            theirs(mutant, their_key, alg),
            None,
            "jsonwebtoken accepts {mutant}"
        );
        refused += 1;
    };
    // A signature character (not the last: its unused bits would make the
    // encoding non-canonical, a different error), a payload character, and
    // a header character.
    for at in [sig_at, sig_at + 7, token.len() - 2] {
        both_refuse(&tamper(token, at), Some(Error::Signature));
    }
    both_refuse(&tamper(token, payload_at + 3), Some(Error::Signature));
    both_refuse(&tamper(token, 2), None);
    // The signature cut short, or dropped.
    both_refuse(
        &token[..token.len() - 4],
        Some(Error::Malformed(Part::Signature)),
    );
    both_refuse(&token[..sig_at], None);
    // The header names another algorithm (ours refuses it before any
    // signature check), or `none`.
    for other in Algorithm::ALL {
        if other != alg {
            both_refuse(&with_alg(token, other.name()), Some(Error::Algorithm));
        }
    }
    both_refuse(&with_alg(token, "none"), Some(Error::Algorithm));
    both_refuse(
        &with_alg(token, &alg.name().to_lowercase()),
        Some(Error::Algorithm),
    );
    refused
}

// ---------------------------------------------------------------------------
// HS384 / HS512
// ---------------------------------------------------------------------------

fn hmac_round_trips<K: HmacUnderTest>(rng: &mut TestRng, count: usize) -> usize {
    provider();
    let now = wall_clock();
    let alg = K::ALG;
    let mut refused = 0;
    for i in 0..count {
        let len = K::MIN_LEN + rng.below(48);
        let secret = rng.bytes(len);
        let key = K::import_secret(&secret).unwrap();
        let claims = claims(&format!("device-{i}"), now + 3600 + i as i64);
        let token = jsonwebtoken::encode(
            &Header::new(their_algorithm(alg)),
            &claims,
            &EncodingKey::from_secret(&secret),
        )
        .unwrap();
        refused += check_token(
            &token,
            &claims,
            &key,
            &DecodingKey::from_secret(&secret),
            now,
        );

        // The same token with the same secret as the other HMAC types,
        // and with a secret one byte different: refused.
        let mut other_secret = secret.clone();
        other_secret[0] ^= 1;
        let other = K::import_secret(&other_secret).unwrap();
        assert_eq!(ours(&token, &other, now).err(), Some(Error::Signature));
        assert_eq!(
            theirs(&token, &DecodingKey::from_secret(&other_secret), alg),
            None
        );

        // A secret one byte short of the minimum is refused at import.
        assert!(K::import_secret(&secret[..K::MIN_LEN - 1]).is_err());
    }
    refused
}

#[test]
fn hs384_tokens_from_jsonwebtoken() {
    let refused = hmac_round_trips::<Hs384Key>(&mut TestRng(384), 40);
    assert_eq!(refused, 40 * (3 + 1 + 1 + 2 + OTHER_ALGORITHMS + 2));
}

#[test]
fn hs512_tokens_from_jsonwebtoken() {
    let refused = hmac_round_trips::<Hs512Key>(&mut TestRng(512), 40);
    assert_eq!(refused, 40 * (3 + 1 + 1 + 2 + OTHER_ALGORITHMS + 2));
}

// ---------------------------------------------------------------------------
// RS384 / RS512 / PS256 / PS384 / PS512
// ---------------------------------------------------------------------------

/// Tokens of `K`'s algorithm signed with the `bits`-bit key, checked with
/// our key of type `K` (imported from the SPKI PEM) and `jsonwebtoken`'s.
fn rsa_round_trips<K: RsaUnderTest>(bits: usize, count: usize) -> usize {
    provider();
    let now = wall_clock();
    let private = rsa_key(bits);
    let pem = public_pem(private);
    let key = K::import_pem(&pem).unwrap();
    assert_eq!(key.bits() as usize, bits);
    assert_eq!(key.algorithm(), K::ALG);
    let their_key = their_public_key(private);
    let encoding = their_rsa_key(private);
    let header = Header::new(their_algorithm(K::ALG));
    let mut refused = 0;
    for i in 0..count {
        let claims = claims(&format!("device-{bits}-{i}"), now + 3600 + i as i64);
        let token = jsonwebtoken::encode(&header, &claims, &encoding).unwrap();
        refused += check_token(&token, &claims, &key, &their_key, now);
    }
    // Signed by another key: refused by both.
    let token = jsonwebtoken::encode(
        &header,
        &claims("x", now + 3600),
        &their_rsa_key(other_rsa_key()),
    )
    .unwrap();
    // (2048 bits: a signature of another length is a malformed segment.)
    let expected = if bits == 2048 {
        Error::Signature
    } else {
        Error::Malformed(Part::Signature)
    };
    assert_eq!(ours(&token, &key, now).err(), Some(expected));
    assert_eq!(theirs(&token, &their_key, K::ALG), None);
    refused
}

/// Refusals per token in `check_token`: 3 signature characters, 1 payload,
/// 1 header, 2 truncations, 8 other algorithms, `none`, lower case.
/// The header relabelled with each other algorithm of `Algorithm::ALL`
/// (twelve names whatever the features: ES256, ES384 and EdDSA included).
const OTHER_ALGORITHMS: usize = Algorithm::ALL.len() - 1;

const REFUSALS: usize = 3 + 1 + 1 + 2 + OTHER_ALGORITHMS + 2;

#[test]
fn rs384_tokens_from_jsonwebtoken() {
    assert_eq!(rsa_round_trips::<Rs384Key<Rsa2048>>(2048, 6), 6 * REFUSALS);
    assert_eq!(rsa_round_trips::<Rs384Key<Rsa3072>>(3072, 3), 3 * REFUSALS);
    assert_eq!(rsa_round_trips::<Rs384Key<Rsa4096>>(4096, 2), 2 * REFUSALS);
    assert_eq!(rsa_round_trips::<Rs384Key<Rsa4096>>(2048, 2), 2 * REFUSALS);
}

#[test]
fn rs512_tokens_from_jsonwebtoken() {
    assert_eq!(rsa_round_trips::<Rs512Key<Rsa2048>>(2048, 6), 6 * REFUSALS);
    assert_eq!(rsa_round_trips::<Rs512Key<Rsa3072>>(3072, 3), 3 * REFUSALS);
    assert_eq!(rsa_round_trips::<Rs512Key<Rsa4096>>(4096, 2), 2 * REFUSALS);
}

#[test]
fn ps256_tokens_from_jsonwebtoken() {
    assert_eq!(rsa_round_trips::<Ps256Key<Rsa2048>>(2048, 6), 6 * REFUSALS);
    assert_eq!(rsa_round_trips::<Ps256Key<Rsa3072>>(3072, 3), 3 * REFUSALS);
    assert_eq!(rsa_round_trips::<Ps256Key<Rsa4096>>(4096, 2), 2 * REFUSALS);
    assert_eq!(rsa_round_trips::<Ps256Key<Rsa3072>>(2048, 2), 2 * REFUSALS);
}

#[test]
fn ps384_tokens_from_jsonwebtoken() {
    assert_eq!(rsa_round_trips::<Ps384Key<Rsa2048>>(2048, 6), 6 * REFUSALS);
    assert_eq!(rsa_round_trips::<Ps384Key<Rsa3072>>(3072, 3), 3 * REFUSALS);
    assert_eq!(rsa_round_trips::<Ps384Key<Rsa4096>>(4096, 2), 2 * REFUSALS);
}

#[test]
fn ps512_tokens_from_jsonwebtoken() {
    assert_eq!(rsa_round_trips::<Ps512Key<Rsa2048>>(2048, 6), 6 * REFUSALS);
    assert_eq!(rsa_round_trips::<Ps512Key<Rsa3072>>(3072, 3), 3 * REFUSALS);
    assert_eq!(rsa_round_trips::<Ps512Key<Rsa4096>>(4096, 2), 2 * REFUSALS);
}

/// The raw layer against the `rsa` crate's own PSS verifier (salt length =
/// hash length), on signatures from the `rsa` crate's PSS signer: both
/// accept, and both reject a flipped bit of the signature or the message.
#[test]
fn pss_raw_signatures_agree_with_the_rsa_crate() {
    use FixedOutputReset;
    use rsa::signature::{RandomizedSigner, SignatureEncoding, Verifier};
    fn check<K: RsaUnderTest, D>(private: &rsa::PrivateKey, rng: &mut TestRng)
    where
        D: Digest + FixedOutputReset + Clone,
        rsa::pss::SigningKey<D>: RandomizedSigner<rsa::pss::Signature>,
        rsa::pss::VerifyingKey<D>: Verifier<rsa::pss::Signature>,
    {
        let ours = K::import_pem(&public_pem(private)).unwrap();
        let signer = rsa::pss::SigningKey::<D>::new(private.clone());
        let verifier = rsa::pss::VerifyingKey::<D>::new(private.to_public_key());
        for _ in 0..8 {
            let len = rng.below(200);
            let message = rng.bytes(len);
            let signature = signer.sign_with_rng(rng, &message).to_vec();
            assert_eq!(ours.raw_verify(&message, &signature), Ok(()));
            let mut flipped = signature.clone();
            let at = rng.below(flipped.len());
            flipped[at] ^= 1 << rng.below(8);
            assert_eq!(ours.raw_verify(&message, &flipped), Err(Error::Signature));
            let theirs = rsa::pss::Signature::try_from(flipped.as_slice())
                .map(|s| verifier.verify(&message, &s).is_ok())
                .unwrap_or(false);
            assert!(!theirs);
            let mut other = message.clone();
            other.push(0);
            assert_eq!(ours.raw_verify(&other, &signature), Err(Error::Signature));
        }
    }
    let mut rng = TestRng(0x7055);
    let private = rsa_key(2048);
    check::<Ps256Key<Rsa2048>, Sha256>(private, &mut rng);
    check::<Ps384Key<Rsa2048>, Sha384>(private, &mut rng);
    check::<Ps512Key<Rsa2048>, Sha512>(private, &mut rng);
}

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

/// Our verdict and `jsonwebtoken`'s on `token`.
fn verdicts(
    token: &str,
    key: &dyn VerifyingKey,
    their_key: &DecodingKey,
    now: i64,
) -> (bool, bool) {
    (
        ours(token, key, now).is_ok(),
        theirs(token, their_key, key.algorithm()).is_some(),
    )
}

/// A valid token, then the same with bit `bit` of byte `at` flipped: both
/// accept the first and both reject the second.
fn agree_on_bit_flip(
    token: &str,
    key: &dyn VerifyingKey,
    their_key: &DecodingKey,
    now: i64,
    at: usize,
    bit: u8,
) {
    assert_eq!(
        verdicts(token, key, their_key, now),
        (true, true),
        "{token}"
    );
    let mut mutant = token.as_bytes().to_vec();
    let at = at % mutant.len();
    mutant[at] ^= 1 << (bit % 8);
    // A flipped bit may leave ASCII: both refuse non-UTF-8 the same way.
    let Ok(mutant) = String::from_utf8(mutant) else {
        let mut buf = vec![0u8; buffer_len(token.len())];
        let mut bytes = token.as_bytes().to_vec();
        bytes[at] ^= 1 << (bit % 8);
        assert!(verify(&bytes, key, &policy(), now, &mut buf).is_err());
        return;
    };
    assert_eq!(
        verdicts(&mutant, key, their_key, now),
        (false, false),
        "{mutant}"
    );
}

fn sub_strategy() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ -~é€😀\\\\\"\n]{0,24}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn hs384_and_hs512_agree(
        extra in 0usize..40,
        seed in any::<u64>(),
        sub in sub_strategy(),
        lifetime in 60i64..1_000_000,
        at in any::<usize>(),
        bit in any::<u8>(),
        use_512 in any::<bool>(),
    ) {
        provider();
        let now = wall_clock();
        let mut rng = TestRng(seed);
        let claims = claims(&sub, now + lifetime);
        let (alg, secret) = if use_512 {
            (Algorithm::Hs512, rng.bytes(Hs512Key::MIN_SECRET_LEN + extra))
        } else {
            (Algorithm::Hs384, rng.bytes(Hs384Key::MIN_SECRET_LEN + extra))
        };
        let key: Box<dyn VerifyingKey> = if use_512 {
            Box::new(Hs512Key::new(&secret).unwrap())
        } else {
            Box::new(Hs384Key::new(&secret).unwrap())
        };
        let token = jsonwebtoken::encode(
            &Header::new(their_algorithm(alg)),
            &claims,
            &EncodingKey::from_secret(&secret),
        ).unwrap();
        prop_assert_eq!(ours(&token, key.as_ref(), now).ok(), Some(claims.clone()));
        agree_on_bit_flip(&token, key.as_ref(), &DecodingKey::from_secret(&secret), now, at, bit);
    }

    #[test]
    fn rsa_algorithms_agree(
        alg_index in 0usize..5,
        sub in sub_strategy(),
        lifetime in 60i64..1_000_000,
        at in any::<usize>(),
        bit in any::<u8>(),
    ) {
        provider();
        let now = wall_clock();
        let private = rsa_key(2048);
        let pem = public_pem(private);
        let (alg, key): (Algorithm, Box<dyn VerifyingKey>) = match alg_index {
            0 => (Algorithm::Rs384, Box::new(Rs384Key::<Rsa2048>::from_pem(&pem).unwrap())),
            1 => (Algorithm::Rs512, Box::new(Rs512Key::<Rsa2048>::from_pem(&pem).unwrap())),
            2 => (Algorithm::Ps256, Box::new(Ps256Key::<Rsa2048>::from_pem(&pem).unwrap())),
            3 => (Algorithm::Ps384, Box::new(Ps384Key::<Rsa2048>::from_pem(&pem).unwrap())),
            _ => (Algorithm::Ps512, Box::new(Ps512Key::<Rsa2048>::from_pem(&pem).unwrap())),
        };
        prop_assert_eq!(key.algorithm(), alg);
        let claims = claims(&sub, now + lifetime);
        let token = jsonwebtoken::encode(
            &Header::new(their_algorithm(alg)),
            &claims,
            &their_rsa_key(private),
        ).unwrap();
        prop_assert_eq!(ours(&token, key.as_ref(), now).ok(), Some(claims.clone()));
        let their_key = their_public_key(private);
        agree_on_bit_flip(&token, key.as_ref(), &their_key, now, at, bit);
    }
}

// ---------------------------------------------------------------------------
// Almost-right EMSA-PSS encodings, signed with the raw private key
// ---------------------------------------------------------------------------

/// MGF1 (RFC 8017 B.2.1) with hash `G`.
fn mgf1<G: Digest>(seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 64);
    let mut counter = 0u32;
    while out.len() < len {
        let mut h = G::new();
        h.update(seed);
        h.update(counter.to_be_bytes());
        out.extend_from_slice(&h.finalize());
        counter += 1;
    }
    out.truncate(len);
    out
}

/// Knobs of an EMSA-PSS encoding (RFC 8017 9.1.1), all correct by default.
#[derive(Clone, Copy)]
struct PssEncoding<'a> {
    salt: &'a [u8],
    /// Byte XORed into the first byte of PS (0: the zero padding intact).
    padding_xor: u8,
    /// The byte between PS and the salt (0x01).
    separator: u8,
    /// The last byte (0xbc).
    trailer: u8,
    /// Clear the leftmost bit of EM as the encoding requires.
    clear_top_bit: bool,
    /// Byte XORed into H.
    h_xor: u8,
}

impl PssEncoding<'_> {
    fn correct(salt: &[u8]) -> PssEncoding<'_> {
        PssEncoding {
            salt,
            padding_xor: 0,
            separator: 0x01,
            trailer: 0xbc,
            clear_top_bit: true,
            h_xor: 0,
        }
    }
}

/// EMSA-PSS-ENCODE of `message` with hash `D` and MGF1 over `G`, for a
/// modulus of `mod_bits` bits, with `e`'s knobs.
fn pss_encode<D: Digest, G: Digest>(
    message: &[u8],
    mod_bits: usize,
    e: PssEncoding<'_>,
) -> Vec<u8> {
    let em_bits = mod_bits - 1;
    let em_len = em_bits.div_ceil(8);
    let h_len = <D as Digest>::output_size();
    let m_hash = D::digest(message);
    let mut m_prime = vec![0u8; 8];
    m_prime.extend_from_slice(&m_hash);
    m_prime.extend_from_slice(e.salt);
    let mut h = D::digest(&m_prime).to_vec();
    h[0] ^= e.h_xor;
    let db_len = em_len - h_len - 1;
    let mut db = vec![0u8; db_len - e.salt.len() - 1];
    db[0] ^= e.padding_xor;
    db.push(e.separator);
    db.extend_from_slice(e.salt);
    let mask = mgf1::<G>(&h, db_len);
    let mut em: Vec<u8> = db.iter().zip(&mask).map(|(d, m)| d ^ m).collect();
    if e.clear_top_bit {
        em[0] &= 0xff >> (8 * em_len - em_bits);
    } else {
        em[0] |= 0x80;
    }
    em.extend_from_slice(&h);
    em.push(e.trailer);
    em
}

/// Every check of EMSA-PSS-VERIFY (RFC 8017 9.1.2) on real signatures of a
/// 2048-bit key: our `verify_raw` and the `rsa` crate's PSS verifier (salt
/// length = hash length) agree on the correct encoding (also with an all-zero
/// salt) and on each defect: the `0xbc` trailer, the leftmost bit, a nonzero
/// byte in the zero padding of DB, the `0x01` separator, a salt one byte
/// shorter or longer or empty (consistently encoded: a valid PSS signature
/// for another salt length), MGF1 over another hash, and a modified H.
#[test]
fn almost_right_pss_encodings() {
    use rsa::signature::Verifier;

    fn check<K: RsaUnderTest, D: Digest + FixedOutputReset, Other: Digest>(
        private: &rsa::PrivateKey,
    ) -> usize
    where
        rsa::pss::VerifyingKey<D>: Verifier<rsa::pss::Signature>,
    {
        let ours = K::import_pem(&public_pem(private)).unwrap();
        let theirs = rsa::pss::VerifyingKey::<D>::new(private.to_public_key());
        let bits = ours.bits() as usize;
        let h_len = <D as Digest>::output_size();
        let message = b"almost right, PSS";
        let salt: Vec<u8> = (0..h_len as u8).map(|i| i.wrapping_mul(37)).collect();
        let longer: Vec<u8> = (0..=h_len as u8).collect();
        let zeros = vec![0u8; h_len];
        let correct = PssEncoding::correct(&salt);
        let cases: Vec<(&str, Vec<u8>, bool)> = vec![
            ("correct", pss_encode::<D, D>(message, bits, correct), true),
            (
                "all-zero salt",
                pss_encode::<D, D>(message, bits, PssEncoding::correct(&zeros)),
                true,
            ),
            (
                "trailer 0xbd",
                pss_encode::<D, D>(
                    message,
                    bits,
                    PssEncoding {
                        trailer: 0xbd,
                        ..correct
                    },
                ),
                false,
            ),
            (
                "trailer 0xcc",
                pss_encode::<D, D>(
                    message,
                    bits,
                    PssEncoding {
                        trailer: 0xcc,
                        ..correct
                    },
                ),
                false,
            ),
            (
                "leftmost bit set",
                pss_encode::<D, D>(
                    message,
                    bits,
                    PssEncoding {
                        clear_top_bit: false,
                        ..correct
                    },
                ),
                false,
            ),
            (
                "nonzero padding",
                pss_encode::<D, D>(
                    message,
                    bits,
                    PssEncoding {
                        padding_xor: 0x01,
                        ..correct
                    },
                ),
                false,
            ),
            (
                "separator 0x00",
                pss_encode::<D, D>(
                    message,
                    bits,
                    PssEncoding {
                        separator: 0x00,
                        ..correct
                    },
                ),
                false,
            ),
            (
                "separator 0x02",
                pss_encode::<D, D>(
                    message,
                    bits,
                    PssEncoding {
                        separator: 0x02,
                        ..correct
                    },
                ),
                false,
            ),
            (
                "salt one byte short",
                pss_encode::<D, D>(message, bits, PssEncoding::correct(&salt[1..])),
                false,
            ),
            (
                "salt one byte long",
                pss_encode::<D, D>(message, bits, PssEncoding::correct(&longer)),
                false,
            ),
            (
                "no salt",
                pss_encode::<D, D>(message, bits, PssEncoding::correct(&[])),
                false,
            ),
            (
                "MGF1 over another hash",
                pss_encode::<D, Other>(message, bits, correct),
                false,
            ),
            (
                "H modified",
                pss_encode::<D, D>(
                    message,
                    bits,
                    PssEncoding {
                        h_xor: 0x80,
                        ..correct
                    },
                ),
                false,
            ),
        ];
        for (what, em, valid) in &cases {
            assert_eq!(em.len(), bits / 8, "{what}");
            let signature = raw_sign(private, em);
            let theirs = rsa::pss::Signature::try_from(signature.as_slice())
                .map(|s| theirs.verify(message, &s).is_ok())
                .unwrap_or(false);
            let ours = ours.raw_verify(message, &signature);
            assert_eq!(theirs, *valid, "rsa crate, {what}, {:?}", K::ALG);
            let expected = if *valid {
                Ok(())
            } else {
                Err(Error::Signature)
            };
            assert_eq!(ours, expected, "{what}, {:?}", K::ALG);
        }
        cases.len()
    }

    let private = rsa_key(2048);
    let mut checked = 0;
    checked += check::<Ps256Key<Rsa2048>, Sha256, Sha384>(private);
    checked += check::<Ps384Key<Rsa2048>, Sha384, Sha256>(private);
    checked += check::<Ps512Key<Rsa4096>, Sha512, Sha256>(private);
    assert_eq!(checked, 3 * 13);
}
