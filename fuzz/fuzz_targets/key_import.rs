//! Fuzzes RS256 key import: JWK, PEM, PKCS#1 DER, SubjectPublicKeyInfo DER,
//! JWK `n`/`e` and raw components, at every key width.
//!
//! Input: `[mode] [bytes]`; `mode % 7` picks the format (6: a round trip,
//! the bytes as a modulus encoded in every format by this crate's own
//! encoders, `mode / 7` picking the exponent).
//!
//! Invariants: no panic; import is deterministic; errors are `InvalidKey`;
//! an accepted key has 2048 bits up to the type's width, an odd exponent of
//! at least 3, and `modulus_len` bytes; a width accepts exactly the keys of
//! a wider type that fit it. Cross-checks: DER is read as the `pkcs1`/`spki`
//! crates read it (accepted by us only if by them, with the same `n` and
//! `e`; accepted by them and a valid key only if by us); an accepted PEM
//! holds the DER we accept; an accepted JWK is an RSA JWK by `serde_json`
//! with the same `n`/`e`; components follow the documented rules exactly;
//! a round-tripped key is accepted (or refused) alike by every format.
#![no_main]

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use jwt_embedded::{Error, MAX_DEPTH, Rs256Key, Rs256Key2048, Rs256Key3072, Rs256Key4096};
use jwt_embedded_fuzz::oracle::{Doc, Json};
use jwt_embedded_fuzz::rs256::{jwk, pem, pkcs1_der, spki_der};
use libfuzzer_sys::fuzz_target;
use rsa::pkcs1::RsaPublicKeyRef as RsaPublicKey;
use rsa::pkcs1::der::Decode;
use rsa::pkcs8::SubjectPublicKeyInfoRef;

type Keys = (
    Result<Rs256Key2048, Error>,
    Result<Rs256Key3072, Error>,
    Result<Rs256Key4096, Error>,
);

/// What a key looks like from outside: (bits, e, modulus_len).
fn shape<const L: usize>(key: &Rs256Key<L>) -> (u32, u32, usize) {
    (key.modulus_bits(), key.public_exponent(), key.modulus_len())
}

/// Imports with `import` at every width; checks determinism, errors,
/// the shape of accepted keys, and agreement between widths.
fn import_all(import: impl Fn(u8) -> Keys) -> Keys {
    let keys = import(0);
    let again = import(1);
    assert_eq!(keys, again, "import is not deterministic");
    check_width(&keys.0);
    check_width(&keys.1);
    check_width(&keys.2);
    let widest = keys.2.as_ref().ok().map(shape);
    let fits = |max: u32| widest.filter(|(bits, _, _)| *bits <= max);
    assert_eq!(keys.0.as_ref().ok().map(shape), fits(2048), "2048 vs 4096");
    assert_eq!(keys.1.as_ref().ok().map(shape), fits(3072), "3072 vs 4096");
    keys
}

fn check_width<const L: usize>(key: &Result<Rs256Key<L>, Error>) {
    match key {
        Ok(key) => {
            let (bits, e, len) = shape(key);
            assert!(
                (2048..=Rs256Key::<L>::MAX_MODULUS_BITS).contains(&bits),
                "bits {bits}"
            );
            assert!(e >= 3 && e % 2 == 1, "exponent {e}");
            assert_eq!(len, bits.div_ceil(8) as usize, "modulus_len");
        }
        Err(e) => assert_eq!(*e, Error::InvalidKey, "import error kind"),
    }
}

fn from_components(n: &[u8], e: &[u8]) -> Keys {
    (
        Rs256Key2048::from_components(n, e),
        Rs256Key3072::from_components(n, e),
        Rs256Key4096::from_components(n, e),
    )
}

macro_rules! all_widths {
    ($method:ident, $arg:expr) => {
        import_all(|_| {
            (
                Rs256Key2048::$method($arg),
                Rs256Key3072::$method($arg),
                Rs256Key4096::$method($arg),
            )
        })
    };
}

/// Whether `(n, e)` is a key the crate documents as valid (for 4096 bits).
fn valid(n: &[u8], e: &[u8]) -> bool {
    let n: Vec<u8> = n.iter().copied().skip_while(|&b| b == 0).collect();
    let e: Vec<u8> = e.iter().copied().skip_while(|&b| b == 0).collect();
    let bits = n
        .first()
        .map_or(0, |&top| (n.len() * 8) as u32 - top.leading_zeros());
    let e_value = (e.len() <= 4).then(|| e.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b)));
    (2048..=4096).contains(&bits)
        && n.last().is_some_and(|b| b & 1 == 1)
        && e_value.is_some_and(|e| e >= 3 && e % 2 == 1)
}

/// The DER route checked against the `pkcs1` crate's reading of `der`
/// (an `RSAPublicKey`, after the SPKI wrapper if any).
fn against_pkcs1(ours: &Keys, theirs: Option<RsaPublicKey<'_>>) {
    let theirs = theirs.map(|k| {
        (
            k.modulus.as_bytes().to_vec(),
            k.public_exponent.as_bytes().to_vec(),
        )
    });
    if let Ok(key) = &ours.2 {
        let (n, e) = theirs
            .as_ref()
            .expect("we accept DER the pkcs1/spki crates refuse");
        assert_eq!(
            Ok(key),
            Rs256Key4096::from_components(n, e).as_ref(),
            "n/e differ"
        );
    }
    if let Some((n, e)) = &theirs
        && valid(n, e)
    {
        assert!(
            ours.2.is_ok(),
            "we refuse a valid key the pkcs1/spki crates accept"
        );
    }
}

fn spki_contents(der: &[u8]) -> Option<RsaPublicKey<'_>> {
    const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
    let spki = SubjectPublicKeyInfoRef::from_der(der).ok()?;
    let null = spki.algorithm.parameters.is_some_and(|p| p.is_null());
    if spki.algorithm.oid.to_string() != RSA_ENCRYPTION || !null {
        return None;
    }
    RsaPublicKey::from_der(spki.subject_public_key.as_bytes()?).ok()
}

/// A lenient PEM reader: label and base64 body, whatever the line lengths.
fn read_pem(text: &str) -> Option<(String, Vec<u8>)> {
    let text = text.trim_ascii();
    let label = text
        .strip_prefix("-----BEGIN ")?
        .split_once("-----")?
        .0
        .to_owned();
    let end = format!("-----END {label}-----");
    let body = text.strip_suffix(&end)?;
    let body: String = body.lines().skip(1).collect::<Vec<_>>().concat();
    Some((label, Base64::decode_vec(&body).ok()?))
}

fn jwk_text(text: &str) {
    let ours = all_widths!(from_jwk, text);
    let doc = Doc::read(text, MAX_DEPTH);
    let string = |name: &str| match doc.get(name) {
        Some(Json::Str(s)) => Some(s.as_str()),
        _ => None,
    };
    if let Ok(key) = &ours.2 {
        assert_eq!(string("kty"), Some("RSA"), "kty");
        assert!(doc.get("d").is_none(), "private JWK accepted");
        let (n, e) = (string("n").expect("n"), string("e").expect("e"));
        assert_eq!(
            Ok(key),
            Rs256Key4096::from_jwk_components(n, e).as_ref(),
            "n/e differ"
        );
    }
    let plain = match &doc {
        Doc::Object(members) => members
            .iter()
            .all(|(k, _)| ["kty", "n", "e", "kid"].contains(&k.as_str())),
        _ => false,
    };
    if plain
        && string("kty") == Some("RSA")
        && let (Some(n), Some(e)) = (string("n"), string("e"))
    {
        let components = Rs256Key4096::from_jwk_components(n, e);
        assert_eq!(ours.2, components, "JWK vs its n/e");
    }
}

fn jwk_components(n: &str, e: &str) {
    let ours = import_all(|_| {
        (
            Rs256Key2048::from_jwk_components(n, e),
            Rs256Key3072::from_jwk_components(n, e),
            Rs256Key4096::from_jwk_components(n, e),
        )
    });
    let decode = |s: &str| {
        Base64UrlUnpadded::decode_vec(s)
            .ok()
            .filter(|v| v.first().is_some_and(|&b| b != 0 || v.len() == 1))
    };
    let expected = match (decode(n), decode(e)) {
        (Some(n), Some(e)) => Rs256Key4096::from_components(&n, &e),
        _ => Err(Error::InvalidKey),
    };
    assert_eq!(ours.2, expected, "JWK components vs their decoding");
}

fn round_trip(n: &[u8], e: &[u8]) {
    let want = valid(n, e);
    let all = [
        import_all(|_| from_components(n, e)),
        all_widths!(from_pkcs1_der, &pkcs1_der(n, e)),
        all_widths!(from_public_key_der, &spki_der(n, e)),
        all_widths!(from_pem, &pem("PUBLIC KEY", &spki_der(n, e))),
        all_widths!(from_pem, &pem("RSA PUBLIC KEY", &pkcs1_der(n, e))),
        all_widths!(from_jwk, &jwk(n, e)),
    ];
    for keys in &all {
        assert_eq!(keys, &all[0], "formats disagree");
    }
    assert_eq!(all[0].2.is_ok(), want, "validity of n/e");
}

const EXPONENTS: [&[u8]; 8] = [
    &[1, 0, 1],
    &[3],
    &[1],
    &[2],
    &[],
    &[0, 0, 1, 0, 1],
    &[0xff, 0xff, 0xff, 0xff],
    &[1, 0, 0, 0, 1],
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let text = std::str::from_utf8(bytes).ok();
    match (mode % 7, text) {
        (0, Some(text)) => jwk_text(text),
        (1, Some(text)) => {
            let ours = all_widths!(from_pem, text);
            if let Ok(key) = &ours.2 {
                let (label, der) = read_pem(text).expect("we accept a PEM we cannot read");
                let via_der = match label.as_str() {
                    "PUBLIC KEY" => Rs256Key4096::from_public_key_der(&der),
                    "RSA PUBLIC KEY" => Rs256Key4096::from_pkcs1_der(&der),
                    other => panic!("label {other:?} accepted"),
                };
                assert_eq!(Ok(key), via_der.as_ref(), "PEM vs its DER");
            }
        }
        (2, _) => against_pkcs1(
            &all_widths!(from_pkcs1_der, bytes),
            RsaPublicKey::from_der(bytes).ok(),
        ),
        (3, _) => against_pkcs1(
            &all_widths!(from_public_key_der, bytes),
            spki_contents(bytes),
        ),
        (4, Some(text)) => {
            let (n, e) = text.split_once('.').unwrap_or((text, "AQAB"));
            jwk_components(n, e);
        }
        (5, _) => {
            let (e, n) = bytes.split_at(bytes.len().min(4));
            let ours = import_all(|_| from_components(n, e));
            assert_eq!(ours.2.is_ok(), valid(n, e), "components validity");
        }
        (6, _) => round_trip(bytes, EXPONENTS[usize::from(mode / 7) % EXPONENTS.len()]),
        _ => {}
    }
});
