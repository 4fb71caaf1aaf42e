//! Fuzzes key import: RSA keys (JWK, PEM, PKCS#1 DER, SubjectPublicKeyInfo
//! DER, JWK `n`/`e`, raw components) at every width and for every RSA
//! algorithm (`RsaPublicKey<W>`, `Pkcs1v15Key`/`PssKey` with SHA-256/384/512),
//! and HMAC keys (`HmacKey::from_jwk`, `from_base64url`, `new`) for
//! HS256/384/512.
//!
//! Input: `[mode] [bytes]`; `mode % 7` picks the format (6: a round trip,
//! the bytes as a modulus encoded in every format by this crate's own
//! encoders, `mode / 7` picking the exponent). The JWK text (mode 0) is also
//! imported as an HMAC key, the `n.e` text (mode 4) also as a base64url
//! secret, the raw bytes (mode 5) also as a raw secret.
//!
//! RSA invariants: no panic; import is deterministic; errors are
//! `InvalidKey(_)`; an accepted key has 2048 bits up to the type's width, an
//! odd exponent of at least 3, and `modulus_len` bytes; a width accepts
//! exactly the keys of a wider type that fit it; the six scheme keys and
//! `RsaPublicKey` import the same DER, PEM and components alike (same key or
//! same error), and `From<RsaPublicKey>` gives the same key; a JWK imports as
//! a scheme key only if its `alg` is absent (then as all six alike) or that
//! scheme's, with `use` absent or `sig`, `key_ops` absent or holding
//! `verify`, and no private member. Cross-checks: DER is read as the
//! `pkcs1`/`spki` crates read it (accepted by us only if by them, with the
//! same `n` and `e`; accepted by them and a valid key only if by us); an
//! accepted PEM holds the DER we accept; an accepted JWK is an RSA JWK by
//! `serde_json` with the same `n`/`e`; JWK components follow the documented
//! rules exactly (strict base64url, one leading zero octet allowed); a
//! round-tripped key is accepted (or refused) alike by every format.
//!
//! HMAC invariants: no panic; deterministic; errors are `InvalidKey(_)`; a
//! key that imports has a secret of at least `MIN_SECRET_LEN` bytes: the
//! secret the input encodes (strict base64url; a JWK's `k`, with `kty`
//! `oct`, `alg` absent or the type's, `use`/`key_ops` as for RSA), shown by
//! `verify_mac` accepting exactly the tag `hmac` computes with it; a shorter
//! secret is `InvalidKey(TooShort)`; bad base64url is `InvalidKey(Encoding)`.
#![no_main]

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use jwt_embedded::{Error, HmacKey, KeyError, MAX_DEPTH, RsaPublicKey, Sha256, Sha384, Sha512};
use jwt_embedded::{Ps256Key, Ps384Key, Ps512Key, Rs256Key, Rs384Key, Rs512Key};
use jwt_embedded::{Rsa2048, Rsa3072, Rsa4096};
use jwt_embedded_fuzz::oracle::{Doc, Json};
use jwt_embedded_fuzz::rs256::{jwk, pem, pkcs1_der, spki_der};
use jwt_embedded_fuzz::schemes::Hash;
use jwt_embedded_fuzz::token::b64;
use libfuzzer_sys::fuzz_target;
use rsa::pkcs1::RsaPublicKeyRef as PkcsRsaPublicKey;
use rsa::pkcs1::der::Decode;
use rsa::pkcs8::SubjectPublicKeyInfoRef;

/// What a key looks like from outside: (bits, e, modulus_len).
type Shape = (u32, u32, usize);

macro_rules! shape {
    ($key:expr) => {{
        let key = $key;
        (key.modulus_bits(), key.public_exponent(), key.modulus_len())
    }};
}

type Keys = (
    Result<Rs256Key<Rsa2048>, Error>,
    Result<Rs256Key<Rsa3072>, Error>,
    Result<Rs256Key<Rsa4096>, Error>,
);

fn shapes(keys: &Keys) -> [Result<Shape, Error>; 3] {
    [
        keys.0.as_ref().map(|k| shape!(k)).map_err(|e| *e),
        keys.1.as_ref().map(|k| shape!(k)).map_err(|e| *e),
        keys.2.as_ref().map(|k| shape!(k)).map_err(|e| *e),
    ]
}

/// Imports with `import` at every width; checks determinism, errors,
/// the shape of accepted keys, and agreement between widths.
fn import_all(import: impl Fn(u8) -> Keys) -> Keys {
    let keys = import(0);
    let again = import(1);
    assert_eq!(keys, again, "import is not deterministic");
    check_widths(&shapes(&keys));
    keys
}

/// Each width's result is valid for it and agrees with the widest.
fn check_widths(results: &[Result<Shape, Error>; 3]) {
    for (result, max) in results.iter().zip([2048, 3072, 4096]) {
        check_width(result, max);
    }
    let widest = results[2].as_ref().ok();
    let fits = |max: u32| widest.filter(|(bits, _, _)| *bits <= max).copied();
    assert_eq!(
        results[0].as_ref().ok().copied(),
        fits(2048),
        "2048 vs 4096"
    );
    assert_eq!(
        results[1].as_ref().ok().copied(),
        fits(3072),
        "3072 vs 4096"
    );
}

fn check_width(result: &Result<Shape, Error>, max_bits: u32) {
    match result {
        Ok((bits, e, len)) => {
            assert!((2048..=max_bits).contains(bits), "bits {bits}");
            assert!(*e >= 3 && e % 2 == 1, "exponent {e}");
            assert_eq!(*len, bits.div_ceil(8) as usize, "modulus_len");
        }
        Err(e) => assert!(matches!(e, Error::InvalidKey(_)), "import error {e:?}"),
    }
}

/// `verify_mac` of an imported key accepts exactly the tag the `hmac` crate
/// computes with `secret`.
fn check_secret(verify_mac: impl Fn(&[u8], &[u8]) -> Result<(), Error>, hash: Hash, secret: &[u8]) {
    let message = b"jwt-embedded key_import: the secret is the one encoded";
    let tag = hash.hmac(secret, message);
    assert_eq!(
        verify_mac(message, &tag),
        Ok(()),
        "the key holds another secret"
    );
    let mut wrong = tag.clone();
    wrong[0] ^= 1;
    assert_eq!(
        verify_mac(message, &wrong),
        Err(Error::Signature),
        "a wrong tag"
    );
    assert_eq!(
        verify_mac(message, &tag[1..]),
        Err(Error::Signature),
        "a short tag"
    );
}

/// The verdict on a secret of `len` bytes: `TooShort` below the minimum.
fn check_length(result: Result<(), Error>, len: usize, min: usize) {
    assert_eq!(
        result.is_ok(),
        len >= min,
        "a {len}-byte secret (minimum {min}): {result:?}"
    );
    if len < min {
        assert_eq!(
            result,
            Err(Error::InvalidKey(KeyError::TooShort)),
            "a {len}-byte secret"
        );
    }
}

/// `HmacKey::<$h>::from_jwk(text)`, checked against the JWK `doc`.
macro_rules! hmac_jwk {
    ($h:ident, $hash:expr, $name:expr, $text:expr, $doc:expr) => {{
        let (text, doc): (&str, &Doc) = ($text, $doc);
        let min = HmacKey::<$h>::MIN_SECRET_LEN;
        assert_eq!(min, $hash.len(), "MIN_SECRET_LEN");
        let key = HmacKey::<$h>::from_jwk(text);
        let again = HmacKey::<$h>::from_jwk(text);
        assert_eq!(
            key.as_ref().err(),
            again.as_ref().err(),
            "not deterministic"
        );
        match &key {
            Ok(key) => {
                assert_eq!(string(doc, "kty"), Some("oct"), "kty");
                check_jwk_members(doc, $name);
                let secret = string(doc, "k")
                    .and_then(hmac_secret)
                    .expect("k is strict base64url");
                assert!(secret.len() >= min, "a short secret imported");
                check_secret(|m, t| key.verify_mac(m, t), $hash, &secret);
            }
            Err(e) => assert!(matches!(e, Error::InvalidKey(_)), "error {e:?}"),
        }
        // A JWK of an `oct` key and nothing else decides on `k` alone.
        let plain = match doc {
            Doc::Object(members) => members
                .iter()
                .all(|(k, _)| ["kty", "k", "kid"].contains(&k.as_str())),
            _ => false,
        };
        if plain
            && string(doc, "kty") == Some("oct")
            && let Some(secret) = string(doc, "k").and_then(hmac_secret)
        {
            check_length(key.map(|_| ()), secret.len(), min);
        }
    }};
}

/// `HmacKey::<$h>::from_base64url(text)`: exactly the strict decoding.
macro_rules! hmac_base64url {
    ($h:ident, $hash:expr, $text:expr) => {{
        let text: &str = $text;
        let key = HmacKey::<$h>::from_base64url(text);
        let again = HmacKey::<$h>::from_base64url(text);
        assert_eq!(
            key.as_ref().err(),
            again.as_ref().err(),
            "not deterministic"
        );
        match hmac_secret(text) {
            // The empty text decodes to no secret, but the crate reads it
            // as `Encoding` (`base64ct`'s `Decoder` refuses empty input):
            // either reason is accepted (a finding, see the README).
            Some(secret) if secret.is_empty() => assert!(
                matches!(
                    key.err(),
                    Some(Error::InvalidKey(KeyError::TooShort | KeyError::Encoding))
                ),
                "an empty secret"
            ),
            Some(secret) => {
                if let Ok(key) = &key {
                    check_secret(|m, t| key.verify_mac(m, t), $hash, &secret);
                }
                check_length(key.map(|_| ()), secret.len(), HmacKey::<$h>::MIN_SECRET_LEN);
            }
            None => assert_eq!(
                key.err(),
                Some(Error::InvalidKey(KeyError::Encoding)),
                "not base64url"
            ),
        }
    }};
}

/// `HmacKey::<$h>::new(secret)`.
macro_rules! hmac_raw {
    ($h:ident, $hash:expr, $secret:expr) => {{
        let secret: &[u8] = $secret;
        let key = HmacKey::<$h>::new(secret);
        if let Ok(key) = &key {
            check_secret(|m, t| key.verify_mac(m, t), $hash, secret);
        }
        check_length(key.map(|_| ()), secret.len(), HmacKey::<$h>::MIN_SECRET_LEN);
    }};
}

/// One import at the three widths, as shapes (determinism checked).
macro_rules! widths {
    ($ty:ident, $method:ident, $($arg:expr),+) => {{
        let once = || [
            $ty::<Rsa2048>::$method($($arg),+).map(|k| shape!(&k)),
            $ty::<Rsa3072>::$method($($arg),+).map(|k| shape!(&k)),
            $ty::<Rsa4096>::$method($($arg),+).map(|k| shape!(&k)),
        ];
        let result = once();
        assert_eq!(result, once(), "{} import is not deterministic", stringify!($ty));
        result
    }};
}

/// The other scheme keys and `RsaPublicKey` import as `Rs256Key` did.
macro_rules! schemes_agree {
    ($keys:expr, $method:ident, $($arg:expr),+) => {{
        let want = shapes($keys);
        let all = [
            widths!(RsaPublicKey, $method, $($arg),+),
            widths!(Rs384Key, $method, $($arg),+),
            widths!(Rs512Key, $method, $($arg),+),
            widths!(Ps256Key, $method, $($arg),+),
            widths!(Ps384Key, $method, $($arg),+),
            widths!(Ps512Key, $method, $($arg),+),
        ];
        for (i, got) in all.iter().enumerate() {
            assert_eq!(got, &want, "scheme {i} imports otherwise than Rs256Key");
        }
        if let Ok(public) = RsaPublicKey::<Rsa4096>::$method($($arg),+) {
            let want = want[2].expect("RsaPublicKey accepted it");
            assert_eq!(shape!(&Rs384Key::<Rsa4096>::from(public.clone())), want, "From");
            assert_eq!(shape!(&Ps512Key::<Rsa4096>::from(public.clone())), want, "From");
            let key = Ps256Key::<Rsa4096>::from(public);
            assert_eq!(shape!(key.public_key()), want, "public_key()");
        }
    }};
}

/// `Rs256Key` at every width, through `import_all`.
macro_rules! rs256_widths {
    ($method:ident, $arg:expr) => {
        import_all(|_| {
            (
                Rs256Key::<Rsa2048>::$method($arg),
                Rs256Key::<Rsa3072>::$method($arg),
                Rs256Key::<Rsa4096>::$method($arg),
            )
        })
    };
}

/// `rs256_widths!`, then the other scheme keys and `RsaPublicKey` alike.
macro_rules! all_widths {
    ($method:ident, $arg:expr) => {{
        let keys = rs256_widths!($method, $arg);
        schemes_agree!(&keys, $method, $arg);
        keys
    }};
}

fn from_components(n: &[u8], e: &[u8]) -> Keys {
    let keys = import_all(|_| {
        (
            Rs256Key::<Rsa2048>::from_components(n, e),
            Rs256Key::<Rsa3072>::from_components(n, e),
            Rs256Key::<Rsa4096>::from_components(n, e),
        )
    });
    schemes_agree!(&keys, from_components, n, e);
    keys
}

/// `v` without its leading zero octets.
fn trim(v: &[u8]) -> Vec<u8> {
    v.iter().copied().skip_while(|&b| b == 0).collect()
}

/// Whether `(n, e)` is a key the crate documents as valid (for 4096 bits).
fn valid(n: &[u8], e: &[u8]) -> bool {
    let (n, e) = (trim(n), trim(e));
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
fn against_pkcs1(ours: &Keys, theirs: Option<PkcsRsaPublicKey<'_>>) {
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
            Rs256Key::<Rsa4096>::from_components(n, e).as_ref(),
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

fn spki_contents(der: &[u8]) -> Option<PkcsRsaPublicKey<'_>> {
    const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
    let spki = SubjectPublicKeyInfoRef::from_der(der).ok()?;
    let null = spki.algorithm.parameters.is_some_and(|p| p.is_null());
    if spki.algorithm.oid.to_string() != RSA_ENCRYPTION || !null {
        return None;
    }
    PkcsRsaPublicKey::from_der(spki.subject_public_key.as_bytes()?).ok()
}

/// A lenient PEM reader (more lenient than RFC 7468's lax grammar): the
/// first `-----BEGIN <label>-----` anywhere, the base64 up to the matching
/// END line with all whitespace removed, whatever comes before or after.
fn read_pem(text: &str) -> Option<(String, Vec<u8>)> {
    let (_, rest) = text.split_once("-----BEGIN ")?;
    let (label, rest) = rest.split_once("-----")?;
    let end = format!("-----END {label}-----");
    let (body, _) = rest.split_once(&end)?;
    let body: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    Some((label.to_owned(), Base64::decode_vec(&body).ok()?))
}

/// The RSA algorithms' names, in the order of [`jwk_schemes`].
const RSA_ALGS: [&str; 6] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];

/// `from_jwk` for the six scheme keys at 4096 bits.
fn jwk_schemes(text: &str) -> [Result<Shape, Error>; 6] {
    let once = || {
        [
            Rs256Key::<Rsa4096>::from_jwk(text).map(|k| shape!(&k)),
            Rs384Key::<Rsa4096>::from_jwk(text).map(|k| shape!(&k)),
            Rs512Key::<Rsa4096>::from_jwk(text).map(|k| shape!(&k)),
            Ps256Key::<Rsa4096>::from_jwk(text).map(|k| shape!(&k)),
            Ps384Key::<Rsa4096>::from_jwk(text).map(|k| shape!(&k)),
            Ps512Key::<Rsa4096>::from_jwk(text).map(|k| shape!(&k)),
        ]
    };
    let result = once();
    assert_eq!(result, once(), "JWK import is not deterministic");
    result
}

/// The JWK rules common to every key type, for an accepted JWK: `alg`
/// absent or `alg_name`, `use` absent or `sig`, `key_ops` absent or an
/// array holding `verify`.
fn check_jwk_members(doc: &Doc, alg_name: &str) {
    match doc.get("alg") {
        None => {}
        Some(Json::Str(alg)) => assert_eq!(alg, alg_name, "JWK alg"),
        Some(other) => panic!("JWK alg {other:?} accepted"),
    }
    match doc.get("use") {
        None => {}
        Some(Json::Str(u)) => assert_eq!(u, "sig", "JWK use"),
        Some(other) => panic!("JWK use {other:?} accepted"),
    }
    match doc.get("key_ops") {
        None => {}
        Some(Json::Arr(ops)) => assert!(
            ops.iter()
                .any(|op| matches!(op, Json::Str(s) if s == "verify")),
            "JWK key_ops without verify accepted"
        ),
        Some(other) => panic!("JWK key_ops {other:?} accepted"),
    }
}

fn string<'d>(doc: &'d Doc, name: &str) -> Option<&'d str> {
    match doc.get(name) {
        Some(Json::Str(s)) => Some(s.as_str()),
        _ => None,
    }
}

fn jwk_text(text: &str) {
    let ours = rs256_widths!(from_jwk, text);
    let doc = Doc::read(text, MAX_DEPTH);
    if let Ok(key) = &ours.2 {
        assert_eq!(string(&doc, "kty"), Some("RSA"), "kty");
        for private in ["d", "p", "q", "dp", "dq", "qi", "oth"] {
            assert!(
                doc.get(private).is_none(),
                "private JWK accepted ({private})"
            );
        }
        let (n, e) = (string(&doc, "n").expect("n"), string(&doc, "e").expect("e"));
        assert_eq!(
            Ok(key),
            Rs256Key::<Rsa4096>::from_jwk_components(n, e).as_ref(),
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
        && string(&doc, "kty") == Some("RSA")
        && let (Some(n), Some(e)) = (string(&doc, "n"), string(&doc, "e"))
    {
        let components = Rs256Key::<Rsa4096>::from_jwk_components(n, e);
        assert_eq!(ours.2, components, "JWK vs its n/e");
    }

    // Every RSA algorithm: `alg` decides which may accept, and an accepted
    // key is the one its `n`/`e` give.
    let schemes = jwk_schemes(text);
    let named = match doc.get("alg") {
        None => None,
        Some(Json::Str(alg)) => Some(RSA_ALGS.iter().position(|a| a == alg)),
        Some(_) => Some(None),
    };
    for (i, (result, name)) in schemes.iter().zip(RSA_ALGS).enumerate() {
        if let Ok(shape) = result {
            check_jwk_members(&doc, name);
            let (n, e) = (string(&doc, "n").expect("n"), string(&doc, "e").expect("e"));
            let components = Rs256Key::<Rsa4096>::from_jwk_components(n, e);
            assert_eq!(
                components.as_ref().map(|k| shape!(k)).ok(),
                Some(*shape),
                "{name}: n/e"
            );
        }
        match named {
            None => assert_eq!(result, &schemes[0], "{name} vs RS256 without alg"),
            Some(Some(j)) if j == i => {}
            Some(_) => assert!(result.is_err(), "{name} accepted a JWK for another alg"),
        }
    }

    hmac_jwk!(Sha256, Hash::Sha256, "HS256", text, &doc);
    hmac_jwk!(Sha384, Hash::Sha384, "HS384", text, &doc);
    hmac_jwk!(Sha512, Hash::Sha512, "HS512", text, &doc);
}
/// The strict base64url decoding (unpadded, URL-safe, canonical).
fn decode_b64url(s: &str) -> Option<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(s).ok()
}

/// An HMAC secret as the crate reads it: strict base64url, except for a
/// finding (see the README): one trailing `"\n"` or `"\r\n"` is ignored
/// (`base64ct`'s `Decoder` strips it).
fn hmac_secret(s: &str) -> Option<Vec<u8>> {
    let trimmed = s
        .strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t));
    decode_b64url(s).or_else(|| decode_b64url(trimmed?))
}

/// JWK `n`/`e` as documented: strict base64url, then at most one leading
/// zero octet (RFC 7518 §6.3.1.1 asks for none; PayPal and Yahoo publish
/// one), then as raw components.
fn jwk_integer(s: &str) -> Option<Vec<u8>> {
    let mut v = decode_b64url(s)?;
    if v.len() > 1 && v[0] == 0 {
        v.remove(0);
    }
    (v.len() == 1 || v.first().is_some_and(|&b| b != 0)).then_some(v)
}

fn jwk_components(n: &str, e: &str) {
    let ours = import_all(|_| {
        (
            Rs256Key::<Rsa2048>::from_jwk_components(n, e),
            Rs256Key::<Rsa3072>::from_jwk_components(n, e),
            Rs256Key::<Rsa4096>::from_jwk_components(n, e),
        )
    });
    schemes_agree!(&ours, from_jwk_components, n, e);
    let expected = match (jwk_integer(n), jwk_integer(e)) {
        (Some(n), Some(e)) => Rs256Key::<Rsa4096>::from_components(&n, &e),
        _ => Err(Error::InvalidKey(KeyError::Encoding)),
    };
    match (&ours.2, &expected) {
        (Err(Error::InvalidKey(_)), Err(Error::InvalidKey(_))) => {}
        _ => assert_eq!(ours.2, expected, "JWK components vs their decoding"),
    }
}

/// A public JWK without `alg` (the encoder of `rs256` names RS256).
fn jwk_without_alg(n: &[u8], e: &[u8]) -> String {
    let with = |v: &[u8]| {
        let t = trim(v);
        b64(if t.is_empty() { &[0] } else { &t })
    };
    format!(r#"{{"kty":"RSA","n":"{}","e":"{}"}}"#, with(n), with(e))
}

fn round_trip(n: &[u8], e: &[u8]) {
    let want = valid(n, e);
    let all = [
        from_components(n, e),
        all_widths!(from_pkcs1_der, &pkcs1_der(n, e)),
        all_widths!(from_public_key_der, &spki_der(n, e)),
        all_widths!(from_pem, &pem("PUBLIC KEY", &spki_der(n, e))),
        all_widths!(from_pem, &pem("RSA PUBLIC KEY", &pkcs1_der(n, e))),
        rs256_widths!(from_jwk, &jwk(n, e)),
    ];
    const FORMATS: [&str; 6] = [
        "components",
        "PKCS#1 DER",
        "SPKI DER",
        "SPKI PEM",
        "PKCS#1 PEM",
        "JWK",
    ];
    for (keys, format) in all.iter().zip(FORMATS) {
        assert_eq!(keys, &all[0], "{format} disagrees with the components");
    }
    assert_eq!(all[0].2.is_ok(), want, "validity of n/e");
    // Without `alg`, every RSA algorithm takes the key.
    let schemes = jwk_schemes(&jwk_without_alg(n, e));
    for (result, name) in schemes.iter().zip(RSA_ALGS) {
        assert_eq!(result.is_ok(), want, "{name}: a JWK without alg");
    }
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
                    "PUBLIC KEY" => Rs256Key::<Rsa4096>::from_public_key_der(&der),
                    "RSA PUBLIC KEY" => Rs256Key::<Rsa4096>::from_pkcs1_der(&der),
                    other => panic!("label {other:?} accepted"),
                };
                assert_eq!(Ok(key), via_der.as_ref(), "PEM vs its DER");
            }
        }
        (2, _) => against_pkcs1(
            &all_widths!(from_pkcs1_der, bytes),
            PkcsRsaPublicKey::from_der(bytes).ok(),
        ),
        (3, _) => against_pkcs1(
            &all_widths!(from_public_key_der, bytes),
            spki_contents(bytes),
        ),
        (4, Some(text)) => {
            let (n, e) = text.split_once('.').unwrap_or((text, "AQAB"));
            jwk_components(n, e);
            hmac_base64url!(Sha256, Hash::Sha256, text);
            hmac_base64url!(Sha384, Hash::Sha384, text);
            hmac_base64url!(Sha512, Hash::Sha512, text);
        }
        (5, _) => {
            let (e, n) = bytes.split_at(bytes.len().min(4));
            let ours = from_components(n, e);
            assert_eq!(ours.2.is_ok(), valid(n, e), "components validity");
            hmac_raw!(Sha256, Hash::Sha256, bytes);
            hmac_raw!(Sha384, Hash::Sha384, bytes);
            hmac_raw!(Sha512, Hash::Sha512, bytes);
        }
        (6, _) => round_trip(bytes, EXPONENTS[usize::from(mode / 7) % EXPONENTS.len()]),
        _ => {}
    }
});
