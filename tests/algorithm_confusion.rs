//! Algorithm confusion across the algorithms of the crate: the nine HMAC
//! and RSA ones always, and ES256, ES384 and EdDSA with the features `es256`,
//! `es384` and `eddsa`.
//!
//! A token of every algorithm of `Algorithm::ALL` (all twelve, whatever the
//! features) is signed by `jsonwebtoken` (HS* with one 64-byte secret, RS*/PS*
//! with one 2048-bit RSA key, ES256/ES384 with one P-256 and one P-384 key,
//! EdDSA with one Ed25519 key), and a key of every algorithm the build has is
//! built from the same material. Each key verifies exactly the token of its
//! own algorithm and refuses the eleven others with `Error::Algorithm`,
//! before any signature check: used directly (generic `verify::<K>`), as
//! `&dyn VerifyingKey`, and from a heterogeneous `Vec<Box<dyn VerifyingKey>>`.
//! Also: the classic HMAC-with-the-public-key forgery (RSA and EC public
//! keys), header `alg` values that are not exactly an algorithm name, and the
//! `Algorithm` names themselves (`"Ed25519"` names EdDSA, RFC 9864).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jsonwebtoken::{EncodingKey, Header};
use jwt_embedded::{
    Algorithm, Error, Hs256Key, Hs384Key, Hs512Key, Part, Ps256Key, Ps384Key, Ps512Key,
    RequiredClaims, Rs256Key, Rs384Key, Rs512Key, Rsa2048, Rsa4096, Validation, VerifyingKey,
    buffer_len, verify,
};
use serde_json::json;

mod common;

use common::{
    EcCurveId, EcSigner, EdSigner, KeyUnderTest, b64url, hmac_token, provider, public_pem,
    rsa_private_key, their_algorithm, their_rsa_key,
};

const SECRET: [u8; 64] = *b"algorithm confusion test secret, sixty-four bytes long, exactly!";
const NOW: i64 = 1_700_000_000;

/// Algorithms with a key type in this build: the nine, plus those of the
/// EC features turned on.
const KEYED: usize = 9
    + cfg!(feature = "es256") as usize
    + cfg!(feature = "es384") as usize
    + cfg!(feature = "eddsa") as usize;

fn policy() -> Validation<'static> {
    Validation::new().required(RequiredClaims::NONE)
}

fn private_key() -> &'static rsa::PrivateKey {
    static KEY: std::sync::OnceLock<rsa::PrivateKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| rsa_private_key(2048, 3048))
}

fn p256() -> EcSigner {
    EcSigner::new(EcCurveId::P256, 256)
}

fn p384() -> EcSigner {
    EcSigner::new(EcCurveId::P384, 384)
}

fn ed25519() -> EdSigner {
    EdSigner::new(25519)
}

/// A token of each algorithm, in `Algorithm::ALL` order.
fn tokens() -> Vec<(Algorithm, String)> {
    provider();
    let claims = json!({ "sub": "confused deputy", "exp": NOW + 600 });
    let rsa = their_rsa_key(private_key());
    let hmac = EncodingKey::from_secret(&SECRET);
    let (es256, es384, eddsa) = (
        p256().their_key(),
        p384().their_key(),
        ed25519().their_key(),
    );
    Algorithm::ALL
        .iter()
        .map(|&alg| {
            let key = match alg {
                Algorithm::Es256 => &es256,
                Algorithm::Es384 => &es384,
                Algorithm::EdDsa => &eddsa,
                _ if alg.name().starts_with("HS") => &hmac,
                _ => &rsa,
            };
            let token =
                jsonwebtoken::encode(&Header::new(their_algorithm(alg)), &claims, key).unwrap();
            (alg, token)
        })
        .collect()
}

/// A key of each algorithm of the build, from the same secret, the same RSA
/// key and the same EC keys, in `Algorithm::ALL` order.
fn keys() -> Vec<Box<dyn VerifyingKey>> {
    let pem = public_pem(private_key());
    #[allow(unused_mut)]
    let mut keys: Vec<Box<dyn VerifyingKey>> = vec![
        Box::new(Hs256Key::new(&SECRET).unwrap()),
        Box::new(Hs384Key::new(&SECRET).unwrap()),
        Box::new(Hs512Key::new(&SECRET).unwrap()),
        Box::new(Rs256Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Rs384Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Rs512Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Ps256Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Ps384Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Ps512Key::<Rsa4096>::from_pem(&pem).unwrap()),
    ];
    #[cfg(feature = "es256")]
    keys.push(Box::new(
        jwt_embedded::Es256Key::from_jwk(&p256().jwk("")).unwrap(),
    ));
    #[cfg(feature = "es384")]
    keys.push(Box::new(
        jwt_embedded::Es384Key::from_jwk(&p384().jwk("")).unwrap(),
    ));
    #[cfg(feature = "eddsa")]
    keys.push(Box::new(
        jwt_embedded::Ed25519Key::from_jwk(&ed25519().jwk("")).unwrap(),
    ));
    assert_eq!(keys.len(), KEYED);
    keys
}

fn run<K: VerifyingKey + ?Sized>(token: &str, key: &K) -> Result<(), Error> {
    let mut buf = vec![0u8; buffer_len(token.len())];
    verify(token.as_bytes(), key, &policy(), NOW, &mut buf).map(|_| ())
}

#[test]
fn algorithm_names() {
    // Every algorithm is named whatever the features: only the key types
    // are behind them.
    assert_eq!(Algorithm::ALL.len(), 12);
    let names: Vec<&str> = Algorithm::ALL.iter().map(|a| a.name()).collect();
    assert_eq!(
        names,
        [
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "EdDSA"
        ]
    );
    for alg in Algorithm::ALL {
        assert_eq!(Algorithm::from_name(alg.name()), Some(alg));
        assert_eq!(Algorithm::from_name(&alg.name().to_lowercase()), None);
        assert_eq!(Algorithm::from_name(&format!("{} ", alg.name())), None);
    }
    // RFC 9864's fully-specified name of EdDSA on Ed25519.
    assert_eq!(Algorithm::from_name("Ed25519"), Some(Algorithm::EdDsa));
    for other in [
        "none", "None", "NONE", "", "ES512", "ES256K", "Ed448", "EDDSA", "eddsa", "ed25519", "HS1",
        "RS1",
    ] {
        assert_eq!(Algorithm::from_name(other), None, "{other}");
    }
    assert_eq!(Hs256Key::ALGORITHM, Algorithm::Hs256);
    assert_eq!(Hs384Key::ALGORITHM, Algorithm::Hs384);
    assert_eq!(Hs512Key::ALGORITHM, Algorithm::Hs512);
    assert_eq!(Rs256Key::<Rsa2048>::ALGORITHM, Algorithm::Rs256);
    assert_eq!(Rs384Key::<Rsa2048>::ALGORITHM, Algorithm::Rs384);
    assert_eq!(Rs512Key::<Rsa2048>::ALGORITHM, Algorithm::Rs512);
    assert_eq!(Ps256Key::<Rsa2048>::ALGORITHM, Algorithm::Ps256);
    assert_eq!(Ps384Key::<Rsa2048>::ALGORITHM, Algorithm::Ps384);
    assert_eq!(Ps512Key::<Rsa4096>::ALGORITHM, Algorithm::Ps512);
    #[cfg(feature = "es256")]
    assert_eq!(jwt_embedded::Es256Key::ALGORITHM, Algorithm::Es256);
    #[cfg(feature = "es384")]
    assert_eq!(jwt_embedded::Es384Key::ALGORITHM, Algorithm::Es384);
    #[cfg(feature = "eddsa")]
    assert_eq!(jwt_embedded::Ed25519Key::ALGORITHM, Algorithm::EdDsa);
    let keyed: Vec<Algorithm> = Algorithm::ALL
        .into_iter()
        .filter(|&alg| common::has_key_type(alg))
        .collect();
    assert_eq!(keyed.len(), KEYED);
    for (key, alg) in keys().iter().zip(keyed) {
        assert_eq!(key.algorithm(), alg);
    }
}

/// Each key takes its own algorithm's token and refuses every other one,
/// as `&dyn VerifyingKey` (from a `Vec<Box<dyn VerifyingKey>>`).
#[test]
fn every_key_refuses_every_other_algorithm_dyn() {
    let tokens = tokens();
    let keys = keys();
    let mut refused = 0;
    for key in &keys {
        let key: &dyn VerifyingKey = key.as_ref();
        for (alg, token) in &tokens {
            if *alg == key.algorithm() {
                assert_eq!(run(token, key), Ok(()), "{alg:?}");
            } else {
                assert_eq!(
                    run(token, key),
                    Err(Error::Algorithm),
                    "{alg:?} token, {:?} key",
                    key.algorithm()
                );
                refused += 1;
            }
        }
    }
    assert_eq!(refused, KEYED * 11);
}

/// The same through the generic, monomorphic `verify::<K>`.
fn refuses_others<K: KeyUnderTest>(key: &K, tokens: &[(Algorithm, String)]) -> usize {
    let mut refused = 0;
    for (alg, token) in tokens {
        if *alg == K::ALG {
            assert_eq!(run(token, key), Ok(()), "{alg:?}");
        } else {
            assert_eq!(
                run(token, key),
                Err(Error::Algorithm),
                "{alg:?} token, {:?} key",
                K::ALG
            );
            refused += 1;
        }
    }
    refused
}

#[test]
fn every_key_refuses_every_other_algorithm_generic() {
    let tokens = tokens();
    let pem = public_pem(private_key());
    let mut refused = 0;
    refused += refuses_others(&Hs256Key::new(&SECRET).unwrap(), &tokens);
    refused += refuses_others(&Hs384Key::new(&SECRET).unwrap(), &tokens);
    refused += refuses_others(&Hs512Key::new(&SECRET).unwrap(), &tokens);
    refused += refuses_others(&Rs256Key::<Rsa2048>::from_pem(&pem).unwrap(), &tokens);
    refused += refuses_others(&Rs384Key::<Rsa2048>::from_pem(&pem).unwrap(), &tokens);
    refused += refuses_others(&Rs512Key::<Rsa4096>::from_pem(&pem).unwrap(), &tokens);
    refused += refuses_others(&Ps256Key::<Rsa2048>::from_pem(&pem).unwrap(), &tokens);
    refused += refuses_others(&Ps384Key::<Rsa4096>::from_pem(&pem).unwrap(), &tokens);
    refused += refuses_others(&Ps512Key::<Rsa2048>::from_pem(&pem).unwrap(), &tokens);
    #[cfg(feature = "es256")]
    {
        let key = jwt_embedded::Es256Key::from_public_key_der(&p256().spki_der()).unwrap();
        refused += refuses_others(&key, &tokens);
    }
    #[cfg(feature = "es384")]
    {
        let key = jwt_embedded::Es384Key::from_public_key_der(&p384().spki_der()).unwrap();
        refused += refuses_others(&key, &tokens);
    }
    #[cfg(feature = "eddsa")]
    {
        let key = jwt_embedded::Ed25519Key::from_bytes(&ed25519().public()).unwrap();
        refused += refuses_others(&key, &tokens);
    }
    assert_eq!(refused, KEYED * 11);
}

/// The signature of each token is valid only for its own algorithm: with
/// the header's `alg` rewritten to another algorithm whose key is built from
/// the same material, the re-labelled token is refused by that key
/// (`Signature`), and by the key of the original algorithm (`Algorithm`).
#[test]
fn relabelled_tokens_are_refused() {
    let tokens = tokens();
    let keys = keys();
    let mut refused = 0;
    for (alg, token) in &tokens {
        let rest = &token[token.find('.').unwrap()..];
        for key in &keys {
            let other = key.algorithm();
            if other == *alg {
                continue;
            }
            let header = format!(r#"{{"alg":"{}","typ":"JWT"}}"#, other.name());
            let relabelled = format!("{}{rest}", b64url(header.as_bytes()));
            let result = run(&relabelled, key.as_ref());
            // HS tokens have a 32/48/64-byte tag, RSA ones a 256-byte
            // signature, ES256 and EdDSA ones 64 bytes, ES384 ones 96: a
            // length that is wrong for the key is a malformed signature
            // segment; one of the right length does not verify.
            assert!(
                matches!(result, Err(Error::Signature | Error::Malformed(_))),
                "{alg:?} token relabelled {other:?}: {result:?}"
            );
            refused += 1;
        }
    }
    // Every key meets the eleven tokens of the other algorithms.
    assert_eq!(refused, KEYED * 11);
}

/// HS256/384/512 tokens MACed with a public key (the RSA key's PEM text or
/// DER; the EC keys' SPKI DER, PEM, or raw point) are refused by every RSA
/// and EC key: the header's `alg` is not theirs.
#[test]
fn hmac_with_the_public_key_is_refused() {
    use rsa::pkcs8::EncodePublicKey;
    let pem = public_pem(private_key());
    let der = private_key().to_public_key().to_public_key_der().unwrap();
    let (p256, p384, ed25519) = (p256(), p384(), ed25519());
    let ec_public: Vec<Vec<u8>> = vec![
        p256.spki_der(),
        common::to_pem("PUBLIC KEY", &p256.spki_der()).into_bytes(),
        p256.point(),
        p384.spki_der(),
        p384.point(),
        ed25519.spki_der(),
        ed25519.public().to_vec(),
        ed25519.jwk("").into_bytes(),
    ];
    let payload = json!({ "sub": "forged", "exp": NOW + 600 }).to_string();
    let keys = keys();
    let mut refused = 0;
    let secrets: Vec<&[u8]> = [pem.as_bytes(), der.as_bytes()]
        .into_iter()
        .chain(ec_public.iter().map(Vec::as_slice))
        .collect();
    for alg in ["HS256", "HS384", "HS512"] {
        for &secret in &secrets {
            let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
            let forged = hmac_token(alg, secret, &header, &payload);
            for key in keys
                .iter()
                .filter(|k| !k.algorithm().name().starts_with("HS"))
            {
                assert_eq!(run(&forged, key.as_ref()), Err(Error::Algorithm));
                refused += 1;
            }
        }
    }
    assert_eq!(refused, 3 * 10 * (KEYED - 3));
}

/// Header `alg` values that are not exactly one of the twelve names are
/// refused by every key: case variants, padding, `none`, other families,
/// non-strings; signed correctly for the key where it can be (HMAC).
#[test]
fn near_miss_alg_values_are_refused() {
    let keys = keys();
    let payload = json!({ "sub": "near miss", "exp": NOW + 600 }).to_string();
    let mut refused = 0;
    for alg in Algorithm::ALL {
        let name = alg.name();
        let variants = [
            format!("\"{}\"", name.to_lowercase()),
            format!("\"{name} \""),
            format!("\" {name}\""),
            format!("\"{name}\\u0000\""),
            format!("\"{}\"", &name[..4]),
            format!("\"{name}0\""),
            format!("[\"{name}\"]"),
        ];
        for variant in &variants {
            let header = format!(r#"{{"alg":{variant}}}"#);
            for key in &keys {
                let hash = if name.starts_with("HS") {
                    name
                } else {
                    "HS256"
                };
                let token = hmac_token(hash, &SECRET, &header, &payload);
                let result = run(&token, key.as_ref());
                // A non-string `alg` makes the header itself malformed
                // (RFC 7515 4.1.1); any other string is not the key's.
                let expected = if variant.starts_with('[') {
                    Error::Malformed(Part::Header)
                } else {
                    Error::Algorithm
                };
                assert_eq!(
                    result,
                    Err(expected),
                    "alg {variant} with {:?}",
                    key.algorithm()
                );
                refused += 1;
            }
        }
    }
    // Unsecured tokens (empty signature segment): refused for their `alg`,
    // or, by the one key whose algorithm the header names, for the empty
    // signature.
    let mut empty_signature = 0;
    for variant in [
        "\"none\"",
        "\"None\"",
        "\"NONE\"",
        "\"ES256\"",
        "\"ES512\"",
        "\"EdDSA\"",
        "\"Ed25519\"",
        "\"Ed448\"",
        "\"\"",
    ] {
        let header = format!(r#"{{"alg":{variant}}}"#);
        for key in &keys {
            let unsecured = format!(
                "{}.{}.",
                b64url(header.as_bytes()),
                b64url(payload.as_bytes())
            );
            let named = Algorithm::from_name(variant.trim_matches('"'));
            let result = run(&unsecured, key.as_ref());
            if named == Some(key.algorithm()) {
                assert_eq!(result, Err(Error::Malformed(Part::Signature)), "{variant}");
                empty_signature += 1;
            } else {
                assert_eq!(result, Err(Error::Algorithm), "{variant}");
                refused += 1;
            }
        }
    }
    // ES256, EdDSA and Ed25519 name a key of the build when its feature is on.
    let named = cfg!(feature = "es256") as usize + 2 * cfg!(feature = "eddsa") as usize;
    assert_eq!(empty_signature, named);
    assert_eq!(refused, 12 * 7 * KEYED + 9 * KEYED - named);
}

/// An `alg` spelled with JSON escapes is the algorithm it decodes to: the
/// HMAC keys take it when it is theirs, and every other key refuses it.
#[test]
fn escaped_alg_is_the_algorithm_it_spells() {
    let keys = keys();
    let payload = json!({ "sub": "escaped", "exp": NOW + 600 }).to_string();
    for alg in ["HS256", "HS384", "HS512"] {
        let escaped = format!(r#"{{"alg":"\u0048S{}"}}"#, &alg[2..]);
        let token = hmac_token(alg, &SECRET, &escaped, &payload);
        for key in &keys {
            let expected = if key.algorithm().name() == alg {
                Ok(())
            } else {
                Err(Error::Algorithm)
            };
            assert_eq!(run(&token, key.as_ref()), expected, "{escaped}");
        }
    }
}

/// `"Ed25519"` (RFC 9864) in the header is EdDSA: the Ed25519 key takes a
/// token signed under it, and every other key refuses it for its `alg`.
#[test]
fn ed25519_alg_is_eddsa() {
    let signer = ed25519();
    let payload = json!({ "sub": "fully specified", "exp": NOW + 600 }).to_string();
    let mut refused = 0;
    for alg in ["EdDSA", "Ed25519", "Ed\\u00325519"] {
        let input = common::signing_input(&format!(r#"{{"alg":"{alg}"}}"#), &payload);
        let token = format!("{input}.{}", b64url(&signer.sign(input.as_bytes())));
        for key in keys() {
            let result = run(&token, key.as_ref());
            if key.algorithm() == Algorithm::EdDsa {
                assert_eq!(result, Ok(()), "{alg}");
            } else {
                assert_eq!(
                    result,
                    Err(Error::Algorithm),
                    "{alg} with {:?}",
                    key.algorithm()
                );
                refused += 1;
            }
        }
    }
    assert_eq!(refused, 3 * (KEYED - cfg!(feature = "eddsa") as usize));
}
