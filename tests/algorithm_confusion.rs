//! Algorithm confusion across the nine algorithms of the crate.
//!
//! A token of every algorithm is signed by `jsonwebtoken` (HS* with one
//! 64-byte secret, RS*/PS* with one 2048-bit RSA key), and a key of every
//! algorithm is built from the same material. Each key verifies exactly the
//! token of its own algorithm and refuses the eight others with
//! `Error::Algorithm`, before any signature check: used directly (generic
//! `verify::<K>`), as `&dyn VerifyingKey`, and from a heterogeneous
//! `Vec<Box<dyn VerifyingKey>>`. Also: the classic HMAC-with-the-public-key
//! forgery, header `alg` values that are not exactly an algorithm name, and
//! the `Algorithm` names themselves.

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
    KeyUnderTest, b64url, hmac_token, provider, public_pem, rsa_private_key, their_algorithm,
    their_rsa_key,
};

const SECRET: [u8; 64] = *b"algorithm confusion test secret, sixty-four bytes long, exactly!";
const NOW: i64 = 1_700_000_000;

fn policy() -> Validation<'static> {
    Validation::new().required(RequiredClaims::NONE)
}

fn private_key() -> &'static rsa::PrivateKey {
    static KEY: std::sync::OnceLock<rsa::PrivateKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| rsa_private_key(2048, 3048))
}

/// A token of each algorithm, in `Algorithm::ALL` order.
fn tokens() -> Vec<(Algorithm, String)> {
    provider();
    let claims = json!({ "sub": "confused deputy", "exp": NOW + 600 });
    let rsa = their_rsa_key(private_key());
    let hmac = EncodingKey::from_secret(&SECRET);
    Algorithm::ALL
        .iter()
        .map(|&alg| {
            let key = if alg.name().starts_with("HS") {
                &hmac
            } else {
                &rsa
            };
            let token =
                jsonwebtoken::encode(&Header::new(their_algorithm(alg)), &claims, key).unwrap();
            (alg, token)
        })
        .collect()
}

/// A key of each algorithm, from the same secret and the same RSA key.
fn keys() -> Vec<Box<dyn VerifyingKey>> {
    let pem = public_pem(private_key());
    vec![
        Box::new(Hs256Key::new(&SECRET).unwrap()),
        Box::new(Hs384Key::new(&SECRET).unwrap()),
        Box::new(Hs512Key::new(&SECRET).unwrap()),
        Box::new(Rs256Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Rs384Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Rs512Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Ps256Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Ps384Key::<Rsa2048>::from_pem(&pem).unwrap()),
        Box::new(Ps512Key::<Rsa4096>::from_pem(&pem).unwrap()),
    ]
}

fn run<K: VerifyingKey + ?Sized>(token: &str, key: &K) -> Result<(), Error> {
    let mut buf = vec![0u8; buffer_len(token.len())];
    verify(token.as_bytes(), key, &policy(), NOW, &mut buf).map(|_| ())
}

#[test]
fn algorithm_names() {
    assert_eq!(Algorithm::ALL.len(), 9);
    let names: Vec<&str> = Algorithm::ALL.iter().map(|a| a.name()).collect();
    assert_eq!(
        names,
        [
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"
        ]
    );
    for alg in Algorithm::ALL {
        assert_eq!(Algorithm::from_name(alg.name()), Some(alg));
        assert_eq!(Algorithm::from_name(&alg.name().to_lowercase()), None);
        assert_eq!(Algorithm::from_name(&format!("{} ", alg.name())), None);
    }
    for other in [
        "none", "None", "NONE", "", "ES256", "ES384", "ES512", "EdDSA", "HS1",
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
    for (key, alg) in keys().iter().zip(Algorithm::ALL) {
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
    assert_eq!(refused, 9 * 8);
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
    assert_eq!(refused, 9 * 8);
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
            // signature: a length that is wrong for the key is a malformed
            // signature segment; one of the right length does not verify.
            assert!(
                matches!(result, Err(Error::Signature | Error::Malformed(_))),
                "{alg:?} token relabelled {other:?}: {result:?}"
            );
            refused += 1;
        }
    }
    assert_eq!(refused, 9 * 8);
}

/// HS256/384/512 tokens MACed with the RSA public key (its PEM text, or its
/// DER) are refused by every RSA key: the header's `alg` is not theirs.
#[test]
fn hmac_with_the_public_key_is_refused() {
    use rsa::pkcs8::EncodePublicKey;
    let pem = public_pem(private_key());
    let der = private_key().to_public_key().to_public_key_der().unwrap();
    let payload = json!({ "sub": "forged", "exp": NOW + 600 }).to_string();
    let keys = keys();
    let mut refused = 0;
    for alg in ["HS256", "HS384", "HS512"] {
        for secret in [pem.as_bytes(), der.as_bytes()] {
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
    assert_eq!(refused, 3 * 2 * 6);
}

/// Header `alg` values that are not exactly one of the nine names are
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
    for variant in [
        "\"none\"",
        "\"None\"",
        "\"NONE\"",
        "\"ES256\"",
        "\"EdDSA\"",
        "\"\"",
    ] {
        let header = format!(r#"{{"alg":{variant}}}"#);
        for key in &keys {
            let unsecured = format!(
                "{}.{}.",
                b64url(header.as_bytes()),
                b64url(payload.as_bytes())
            );
            assert_eq!(
                run(&unsecured, key.as_ref()),
                Err(Error::Algorithm),
                "{variant}"
            );
            refused += 1;
        }
    }
    assert_eq!(refused, 9 * 7 * 9 + 6 * 9);
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
