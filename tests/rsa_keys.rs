//! RS256 key import: every format (n/e, JWK, PKCS#1 and SubjectPublicKeyInfo
//! DER, PEM) accepts the same key, and refuses malformed or weak ones with
//! `Error::InvalidKey`: truncated and overlong DER, non-minimal encodings,
//! wrong OIDs, negative, zero, even or short moduli, bad exponents, wrong
//! PEM labels, JWKs of another type or purpose.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use jwt_embedded::{Error, Rs256Key2048, Rs256Key3072, Rs256Key4096};

mod common;

use common::b64url;

/// RFC 7515 Appendix A.2's 2048-bit modulus.
const N_B64: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";

const E_65537: &[u8] = &[0x01, 0x00, 0x01];

/// `rsaEncryption`, 1.2.840.113549.1.1.1.
const RSA_OID: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

fn n() -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(N_B64).unwrap()
}

// ---------------------------------------------------------------------------
// DER and PEM builders
// ---------------------------------------------------------------------------

/// A DER length in its shortest form.
fn length(len: usize) -> Vec<u8> {
    if len < 0x80 {
        return vec![len as u8];
    }
    let bytes: Vec<u8> = len
        .to_be_bytes()
        .into_iter()
        .skip_while(|&b| b == 0)
        .collect();
    let mut out = vec![0x80 | bytes.len() as u8];
    out.extend(bytes);
    out
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    out.extend(length(content.len()));
    out.extend_from_slice(content);
    out
}

/// A positive `INTEGER` with the magnitude `bytes` (no leading zeros).
fn int(bytes: &[u8]) -> Vec<u8> {
    let mut content = Vec::new();
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(bytes);
    tlv(0x02, &content)
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn pkcs1(n: &[u8], e: &[u8]) -> Vec<u8> {
    seq(&[int(n), int(e)])
}

/// A SubjectPublicKeyInfo of `algorithm` (the AlgorithmIdentifier content)
/// around `key`.
fn spki_with(algorithm: &[u8], key: &[u8]) -> Vec<u8> {
    let mut bits = vec![0u8];
    bits.extend_from_slice(key);
    seq(&[tlv(0x30, algorithm), tlv(0x03, &bits)])
}

fn rsa_algorithm() -> Vec<u8> {
    [tlv(0x06, RSA_OID), tlv(0x05, &[])].concat()
}

fn spki(n: &[u8], e: &[u8]) -> Vec<u8> {
    spki_with(&rsa_algorithm(), &pkcs1(n, e))
}

/// PEM with 64-character lines and LF line breaks.
fn pem(label: &str, der: &[u8]) -> String {
    let body = Base64::encode_string(der);
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

fn jwk(n: &[u8], e: &[u8], extra: &str) -> String {
    format!(
        r#"{{"kty":"RSA","n":"{}","e":"{}"{extra}}}"#,
        b64url(n),
        b64url(e)
    )
}

#[track_caller]
fn refused<T: core::fmt::Debug>(result: Result<T, Error>, what: &str) {
    assert!(
        matches!(result, Err(Error::InvalidKey(_))),
        "{what}: {result:?}"
    );
}

// ---------------------------------------------------------------------------
// Every format, the same key
// ---------------------------------------------------------------------------

#[test]
fn every_format_gives_the_same_key() {
    let n = n();
    let key = Rs256Key2048::from_components(&n, E_65537).unwrap();
    assert_eq!(
        (key.modulus_bits(), key.modulus_len(), key.public_exponent()),
        (2048, 256, 65537)
    );
    let same = [
        Rs256Key2048::from_jwk_components(N_B64, "AQAB"),
        Rs256Key2048::from_jwk(&jwk(&n, E_65537, "")),
        Rs256Key2048::from_jwk(&jwk(&n, E_65537, r#","alg":"RS256","use":"sig","kid":"1""#)),
        Rs256Key2048::from_pkcs1_der(&pkcs1(&n, E_65537)),
        Rs256Key2048::from_public_key_der(&spki(&n, E_65537)),
        Rs256Key2048::from_pem(&pem("PUBLIC KEY", &spki(&n, E_65537))),
        Rs256Key2048::from_pem(&pem("RSA PUBLIC KEY", &pkcs1(&n, E_65537))),
        Rs256Key2048::from_pem(&pem("PUBLIC KEY", &spki(&n, E_65537)).replace('\n', "\r\n")),
        // Leading zero bytes are ignored by `from_components` only.
        Rs256Key2048::from_components(&[&[0, 0][..], &n].concat(), &[0, 1, 0, 1]),
    ];
    for (i, other) in same.into_iter().enumerate() {
        assert_eq!(other.as_ref(), Ok(&key), "format #{i}");
    }
    assert_eq!(
        format!("{key:?}"),
        "RsaKey { algorithm: Rs256, modulus_bits: 2048, public_exponent: 65537, .. }"
    );
}

/// The test's DER builder agrees with the `rsa` crate's encoder.
#[test]
fn der_builder_matches_the_rsa_crate() {
    use rsa::pkcs1::EncodeRsaPublicKey;
    use rsa::pkcs8::EncodePublicKey;
    let n = n();
    let key = rsa::PublicKey::new(
        rsa::BoxedUint::from_be_slice_vartime(&n),
        rsa::BoxedUint::from(65_537u32),
    )
    .unwrap();
    assert_eq!(key.to_pkcs1_der().unwrap().as_bytes(), pkcs1(&n, E_65537));
    assert_eq!(
        key.to_public_key_der().unwrap().as_bytes(),
        spki(&n, E_65537)
    );
    let pem = key.to_public_key_pem(Default::default()).unwrap();
    assert!(Rs256Key2048::from_pem(&pem).is_ok());
    let pem = key.to_pkcs1_pem(Default::default()).unwrap();
    assert!(Rs256Key2048::from_pem(&pem).is_ok());
}

#[test]
fn wider_types_take_the_key_too() {
    let n = n();
    let key = Rs256Key3072::from_public_key_der(&spki(&n, E_65537)).unwrap();
    assert_eq!((key.modulus_bits(), key.modulus_len()), (2048, 256));
    let key = Rs256Key4096::from_jwk_components(N_B64, "AQAB").unwrap();
    assert_eq!((key.modulus_bits(), key.modulus_len()), (2048, 256));
    // Any size in between: a 2560-bit odd modulus in the 3072 type.
    let mut n2560 = vec![0xC5; 320];
    n2560[319] |= 1;
    let key = Rs256Key3072::from_components(&n2560, E_65537).unwrap();
    assert_eq!((key.modulus_bits(), key.modulus_len()), (2560, 320));
    refused(
        Rs256Key2048::from_components(&n2560, E_65537),
        "2560 in 2048",
    );
    // 4096 bits fit the 4096 type only.
    let n4096 = [0xFF; 512];
    assert!(Rs256Key4096::from_components(&n4096, E_65537).is_ok());
    refused(
        Rs256Key3072::from_components(&n4096, E_65537),
        "4096 in 3072",
    );
    refused(
        Rs256Key4096::from_components(&[1; 513], E_65537),
        "4097+ bits",
    );
}

// ---------------------------------------------------------------------------
// DER
// ---------------------------------------------------------------------------

#[test]
fn truncated_der_is_refused() {
    let n = n();
    for der in [pkcs1(&n, E_65537), spki(&n, E_65537)] {
        for len in 0..der.len() {
            refused(Rs256Key2048::from_pkcs1_der(&der[..len]), "pkcs1 prefix");
            refused(
                Rs256Key2048::from_public_key_der(&der[..len]),
                "spki prefix",
            );
        }
    }
}

#[test]
fn overlong_der_is_refused() {
    let n = n();
    let with_trailing = |mut der: Vec<u8>| {
        der.push(0);
        der
    };
    refused(
        Rs256Key2048::from_pkcs1_der(&with_trailing(pkcs1(&n, E_65537))),
        "pkcs1 + byte",
    );
    refused(
        Rs256Key2048::from_public_key_der(&with_trailing(spki(&n, E_65537))),
        "spki + byte",
    );
    // A third INTEGER in RSAPublicKey.
    let three = seq(&[int(&n), int(E_65537), int(&[1])]);
    refused(Rs256Key2048::from_pkcs1_der(&three), "three integers");
    // Bytes after the RSAPublicKey inside the BIT STRING.
    let inner = with_trailing(pkcs1(&n, E_65537));
    refused(
        Rs256Key2048::from_public_key_der(&spki_with(&rsa_algorithm(), &inner)),
        "bit string + byte",
    );
    // A third element in the AlgorithmIdentifier, or in the SPKI.
    let algorithm = [rsa_algorithm(), tlv(0x05, &[])].concat();
    refused(
        Rs256Key2048::from_public_key_der(&spki_with(&algorithm, &pkcs1(&n, E_65537))),
        "algorithm + NULL",
    );
    let mut spki_content = spki(&n, E_65537)[4..].to_vec();
    spki_content.extend(tlv(0x05, &[]));
    refused(
        Rs256Key2048::from_public_key_der(&tlv(0x30, &spki_content)),
        "spki + NULL",
    );
    // A length longer than the data.
    let mut long = pkcs1(&n, E_65537);
    long[3] += 1; // 30 82 01 0a -> 01 0b
    refused(Rs256Key2048::from_pkcs1_der(&long), "length + 1");
}

#[test]
fn non_minimal_der_is_refused() {
    let n = n();
    let der = pkcs1(&n, E_65537);
    assert_eq!(der[..4], [0x30, 0x82, 0x01, 0x0a]);
    let content = &der[4..];
    // The outer length in three bytes, or indefinite.
    let long_form = [&[0x30, 0x83, 0x00, 0x01, 0x0a][..], content].concat();
    refused(Rs256Key2048::from_pkcs1_der(&long_form), "3-byte length");
    let indefinite = [&[0x30, 0x80][..], content, &[0, 0]].concat();
    refused(Rs256Key2048::from_pkcs1_der(&indefinite), "indefinite");
    // A short length in the long form: e as `02 81 03 ...`.
    let e_long = [&[0x02, 0x81, 0x03][..], E_65537].concat();
    let content = [int(&n), e_long].concat();
    let mut der = vec![0x30, 0x82];
    der.extend((content.len() as u16).to_be_bytes());
    der.extend(content);
    refused(Rs256Key2048::from_pkcs1_der(&der), "long-form short length");
    // An extra leading zero in an INTEGER.
    let padded_e = tlv(0x02, &[0, 1, 0, 1]);
    refused(
        Rs256Key2048::from_pkcs1_der(&seq(&[int(&n), padded_e])),
        "e with 00",
    );
    let padded_n = tlv(0x02, &[&[0, 0][..], &n].concat());
    refused(
        Rs256Key2048::from_pkcs1_der(&seq(&[padded_n, int(E_65537)])),
        "n with 00 00",
    );
    // A BER-style constructed SEQUENCE tag number, and a wrong outer tag.
    let mut der = pkcs1(&n, E_65537);
    der[0] = 0x31; // SET
    refused(Rs256Key2048::from_pkcs1_der(&der), "SET");
}

#[test]
fn wrong_algorithm_identifiers_are_refused() {
    let key = pkcs1(&n(), E_65537);
    let oid = |bytes: &[u8]| tlv(0x06, bytes);
    let null = tlv(0x05, &[]);
    let pss = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
    let sha256_with_rsa = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
    let ec_public_key = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    for (what, algorithm) in [
        ("rsassa-pss", [oid(&pss), null.clone()].concat()),
        (
            "sha256WithRSAEncryption",
            [oid(&sha256_with_rsa), null.clone()].concat(),
        ),
        ("ecPublicKey", [oid(&ec_public_key), null.clone()].concat()),
        ("truncated OID", [oid(&RSA_OID[..8]), null.clone()].concat()),
        (
            "longer OID",
            [oid(&[RSA_OID, &[0x01]].concat()), null.clone()].concat(),
        ),
        ("no parameters", oid(RSA_OID)),
        ("non-empty NULL", [oid(RSA_OID), tlv(0x05, &[0])].concat()),
        ("OID parameters", [oid(RSA_OID), oid(RSA_OID)].concat()),
        ("NULL first", [null.clone(), oid(RSA_OID)].concat()),
    ] {
        refused(
            Rs256Key2048::from_public_key_der(&spki_with(&algorithm, &key)),
            what,
        );
    }
    // BIT STRING with unused bits, and an OCTET STRING instead.
    let spki = spki(&n(), E_65537);
    let mut unused = spki.clone();
    let at = 4 + 15 + 4; // outer header, algorithm, bit string header
    assert_eq!(unused[at - 4..at], [0x03, 0x82, 0x01, 0x0f]);
    unused[at] = 1;
    refused(Rs256Key2048::from_public_key_der(&unused), "unused bits");
    let mut octets = spki.clone();
    octets[at - 4] = 0x04;
    refused(Rs256Key2048::from_public_key_der(&octets), "OCTET STRING");
    // PKCS#1 given as SPKI, and the other way round.
    refused(Rs256Key2048::from_public_key_der(&key), "pkcs1 as spki");
    refused(Rs256Key2048::from_pkcs1_der(&spki), "spki as pkcs1");
}

// ---------------------------------------------------------------------------
// Modulus and exponent rules, through every format
// ---------------------------------------------------------------------------

/// `n`/`e` through DER (both), PEM and JWK where they can be encoded, and
/// through `from_components`.
#[track_caller]
fn refused_everywhere(n: &[u8], e: &[u8], what: &str) {
    refused(Rs256Key2048::from_components(n, e), what);
    refused(Rs256Key4096::from_components(n, e), what);
    refused(Rs256Key2048::from_pkcs1_der(&pkcs1(n, e)), what);
    refused(Rs256Key2048::from_public_key_der(&spki(n, e)), what);
    refused(
        Rs256Key2048::from_pem(&pem("PUBLIC KEY", &spki(n, e))),
        what,
    );
    if !n.is_empty() && !e.is_empty() {
        refused(Rs256Key2048::from_jwk(&jwk(n, e, "")), what);
    }
}

#[test]
fn modulus_rules() {
    let n = n();
    let mut even = n.clone();
    *even.last_mut().unwrap() &= !1;
    refused_everywhere(&even, E_65537, "even modulus");
    refused_everywhere(&[], E_65537, "zero modulus");
    refused_everywhere(&[1], E_65537, "modulus 1");
    refused_everywhere(&n[1..], E_65537, "2040-bit modulus");
    // 2047 bits: the top bit of n cleared.
    let mut short = n.clone();
    short[0] &= 0x7F;
    refused_everywhere(&short, E_65537, "2047-bit modulus");
    let n1024 = [0xE7; 128];
    refused_everywhere(&n1024, E_65537, "1024-bit modulus");
    // Negative or zero as DER INTEGERs.
    let negative = tlv(0x02, &n); // top bit set, no sign byte
    refused(
        Rs256Key2048::from_pkcs1_der(&seq(&[negative, int(E_65537)])),
        "negative n",
    );
    let zero = tlv(0x02, &[0]);
    refused(
        Rs256Key2048::from_pkcs1_der(&seq(&[zero, int(E_65537)])),
        "zero n",
    );
    let empty = tlv(0x02, &[]);
    refused(
        Rs256Key2048::from_pkcs1_der(&seq(&[empty, int(E_65537)])),
        "empty INTEGER",
    );
}

#[test]
fn exponent_rules() {
    let n = n();
    for (e, what) in [
        (&[1][..], "e = 1"),
        (&[], "e = 0"),
        (&[2], "e = 2"),
        (&[1, 0, 0], "e = 65536"),
        (&[1, 0, 0, 0, 1], "e = 2^32 + 1"),
        (&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "e = 2^40 - 1"),
    ] {
        refused_everywhere(&n, e, what);
    }
    let negative = tlv(0x02, &[0xFF]);
    refused(
        Rs256Key2048::from_pkcs1_der(&seq(&[int(&n), negative])),
        "e = -1",
    );
    for (e, value) in [
        (&[3][..], 3),
        (&[0x80, 0, 0, 1][..], 0x8000_0001),
        (&[0xFF; 4][..], u32::MAX),
    ] {
        let key = Rs256Key2048::from_public_key_der(&spki(&n, e)).unwrap();
        assert_eq!(key.public_exponent(), value);
        assert_eq!(Rs256Key2048::from_jwk(&jwk(&n, e, "")), Ok(key));
    }
}

// ---------------------------------------------------------------------------
// PEM
// ---------------------------------------------------------------------------

#[test]
fn pem_labels_and_layout() {
    let n = n();
    let spki = spki(&n, E_65537);
    let pkcs1 = pkcs1(&n, E_65537);
    for label in [
        "PRIVATE KEY",
        "RSA PRIVATE KEY",
        "CERTIFICATE",
        "PUBLIC  KEY",
        "public key",
        "",
    ] {
        refused(Rs256Key2048::from_pem(&pem(label, &spki)), label);
    }
    // The label must match the content.
    refused(
        Rs256Key2048::from_pem(&pem("RSA PUBLIC KEY", &spki)),
        "spki labelled pkcs1",
    );
    refused(
        Rs256Key2048::from_pem(&pem("PUBLIC KEY", &pkcs1)),
        "pkcs1 labelled spki",
    );
    let good = pem("PUBLIC KEY", &spki);
    for (what, bad) in [
        (
            "END label differs",
            good.replace("END PUBLIC KEY", "END RSA PUBLIC KEY"),
        ),
        (
            "no END line",
            good.replace("-----END PUBLIC KEY-----\n", ""),
        ),
        ("base64url body", good.replace('+', "-").replace('/', "_")),
        ("missing padding", {
            let padded = pem("PUBLIC KEY", &padded_spki());
            assert!(padded.contains("==\n") && Rs256Key2048::from_pem(&padded).is_ok());
            padded.replace("==\n", "\n")
        }),
        (
            "header line",
            good.replace("KEY-----\n", "KEY-----\nProc-Type: 4\n\n"),
        ),
        ("two keys", format!("{good}{good}")),
        ("DER", String::from_utf8_lossy(&spki).into_owned()),
        ("empty", String::new()),
    ] {
        refused(Rs256Key2048::from_pem(&bad), what);
    }
    // Surrounding whitespace is fine, and so is RFC 7468's lax layout:
    // explanatory text before, lines of 76 columns or of any length,
    // trailing whitespace, CRLF.
    let body = Base64::encode_string(&spki);
    let lines_of = |width: usize, eol: &str| {
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(width)
            .map(|l| core::str::from_utf8(l).unwrap())
            .collect();
        format!(
            "-----BEGIN PUBLIC KEY-----{eol}{}{eol}-----END PUBLIC KEY-----{eol}",
            lines.join(eol)
        )
    };
    for (what, lax) in [
        ("whitespace around", format!("\n\n  {good}\n\n")),
        (
            "text before",
            format!("Subject: CN=issuer\nkey follows\n{good}"),
        ),
        ("76-column lines", lines_of(76, "\n")),
        ("one line", lines_of(body.len(), "\n")),
        ("trailing spaces", lines_of(64, " \t\r\n")),
        ("CRLF", lines_of(40, "\r\n")),
    ] {
        assert_eq!(
            Rs256Key2048::from_pem(&lax).as_ref(),
            Ok(&Rs256Key2048::from_pem(&good).unwrap()),
            "{what}"
        );
    }
}

/// An SPKI whose length is not a multiple of 3, so its base64 is padded.
fn padded_spki() -> Vec<u8> {
    let der = spki(&n(), &[3]);
    assert_eq!(der.len() % 3, 1);
    der
}

// ---------------------------------------------------------------------------
// JWK
// ---------------------------------------------------------------------------

#[test]
fn jwk_members() {
    let n = n();
    let ok = |json: &str| Rs256Key2048::from_jwk(json).is_ok();
    assert!(ok(&jwk(
        &n,
        E_65537,
        r#","key_ops":["verify"],"x5c":["MIIB"],"ext":true"#
    )));
    // JSON escapes in n and e are decoded.
    let escaped = jwk(&n, E_65537, "")
        .replacen('o', "\\u006f", 3)
        .replace("AQAB", "\\u0041QAB");
    assert!(escaped.contains("\\u006f") && escaped.contains("\\u0041"));
    assert_eq!(
        Rs256Key2048::from_jwk(&escaped),
        Rs256Key2048::from_jwk_components(N_B64, "AQAB")
    );
    let n_b64 = b64url(&n);
    for (what, json) in [
        ("kty oct", format!(r#"{{"kty":"oct","k":"{n_b64}"}}"#)),
        (
            "kty oct with n/e",
            format!(r#"{{"kty":"oct","n":"{n_b64}","e":"AQAB"}}"#),
        ),
        (
            "kty EC",
            format!(r#"{{"kty":"EC","n":"{n_b64}","e":"AQAB"}}"#),
        ),
        ("no kty", format!(r#"{{"n":"{n_b64}","e":"AQAB"}}"#)),
        ("no n", r#"{"kty":"RSA","e":"AQAB"}"#.to_owned()),
        ("no e", format!(r#"{{"kty":"RSA","n":"{n_b64}"}}"#)),
        ("alg RS384", jwk(&n, E_65537, r#","alg":"RS384""#)),
        ("alg PS256", jwk(&n, E_65537, r#","alg":"PS256""#)),
        ("use enc", jwk(&n, E_65537, r#","use":"enc""#)),
        (
            "key_ops encrypt",
            jwk(&n, E_65537, r#","key_ops":["encrypt"]"#),
        ),
        ("key_ops sign", jwk(&n, E_65537, r#","key_ops":["sign"]"#)),
        ("private key", jwk(&n, E_65537, r#","d":"AQAB""#)),
        (
            "duplicate n",
            jwk(&n, E_65537, &format!(r#","n":"{n_b64}""#)),
        ),
        ("trailing comma", jwk(&n, E_65537, ",")),
        ("empty e", jwk(&n, &[], "")),
        (
            "padded n",
            format!(r#"{{"kty":"RSA","n":"{n_b64}==","e":"AQAB"}}"#),
        ),
        (
            "base64 n",
            format!(
                r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#,
                Base64::encode_string(&n).trim_end_matches('=')
            ),
        ),
        (
            "n as a number",
            r#"{"kty":"RSA","n":12345,"e":"AQAB"}"#.to_owned(),
        ),
        ("not JSON", N_B64.to_owned()),
    ] {
        refused(Rs256Key2048::from_jwk(&json), what);
    }
    // Leading zero octets (PayPal and Yahoo publish a 257-byte `n`): the
    // same integer, so the same key (RFC 7518 §6.3.1.1 asks for the
    // minimal form; this reads what issuers publish).
    let key = Rs256Key2048::from_jwk(&jwk(&n, E_65537, "")).unwrap();
    for (what, json) in [
        ("n with 00", jwk(&[&[0][..], &n].concat(), E_65537, "")),
        ("e with 00", jwk(&n, &[0, 1, 0, 1], "")),
    ] {
        assert_eq!(Rs256Key2048::from_jwk(&json).as_ref(), Ok(&key), "{what}");
    }
    assert_eq!(
        Rs256Key2048::from_jwk_components(&n_b64, "AAEAAQ").as_ref(),
        Ok(&key)
    );
    refused(Rs256Key2048::from_jwk_components(&n_b64, ""), "e empty");
    refused(Rs256Key2048::from_jwk_components("", "AQAB"), "n empty");
    refused(
        Rs256Key2048::from_jwk_components(&format!("{n_b64} "), "AQAB"),
        "n space",
    );
}

// ---------------------------------------------------------------------------
// The `rsa` feature
// ---------------------------------------------------------------------------

#[cfg(feature = "rsa-interop")]
#[test]
fn from_rsa_public_key() {
    let n = n();
    let to_rsa = |n: &[u8], e: u64| {
        rsa::PublicKey::new_unchecked(
            rsa::BoxedUint::from_be_slice_vartime(n),
            rsa::BoxedUint::from(e),
        )
    };
    let key = Rs256Key2048::try_from(&to_rsa(&n, 65_537)).unwrap();
    assert_eq!(
        key,
        Rs256Key2048::from_jwk_components(N_B64, "AQAB").unwrap()
    );
    assert!(Rs256Key4096::try_from(&to_rsa(&n, 3)).is_ok());
    refused(Rs256Key2048::try_from(&to_rsa(&n, 1)), "e = 1");
    refused(
        Rs256Key2048::try_from(&to_rsa(&n, 1 << 32 | 1)),
        "e > 32 bits",
    );
    refused(
        Rs256Key2048::try_from(&to_rsa(&n[1..], 65_537)),
        "2040 bits",
    );
    refused(
        Rs256Key2048::try_from(&to_rsa(&[0xFF; 384], 3)),
        "3072 bits",
    );
}
