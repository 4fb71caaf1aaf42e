//! Fuzzes the EC and OKP key imports: `Es256Key`/`Es384Key` (`from_jwk`,
//! `from_public_key_der`, `from_pem`, `from_sec1_bytes`, `from_coordinates`)
//! and `Ed25519Key` (`from_jwk`, `from_public_key_der`, `from_pem`,
//! `from_bytes`/`from_slice`), cross-checked with the `p256`, `p384` and
//! `ed25519-dalek` crates' own parsers.
//!
//! Input: `[mode] [bytes]`, `mode % 6`:
//! 0. the bytes as a JWK (text); 1. as PEM; 2. as SPKI DER; 3. as a SEC 1
//!    point and as raw Ed25519 bytes;
//! 4. the bytes as coordinates: `x ‖ y` for P-256 and P-384 (zero-padded),
//!    the first 32 bytes as an Ed25519 key, each imported in every format
//!    (SEC 1, coordinates, JWK, SPKI DER, PEM);
//! 5. a valid key of each curve from a scalar (SHA-256 of the bytes), in
//!    every format, with mode bits 3-7 optionally editing one byte of the
//!    SEC 1 point (`bytes[0]` its position).
//!
//! Invariants: no panic; deterministic; every error is `InvalidKey(_)`; a
//! point or key jwt-embedded accepts is accepted by the other crate's parser
//! for the same input and is the same point (compared by re-importing the
//! other crate's uncompressed encoding); an uncompressed point (SEC 1 or in
//! an SPKI) the other crate accepts is accepted here; every format of one
//! point gives the same verdict (same key, or the same error); a JWK import
//! equals the SEC 1 import of its `x`/`y` decoded by `serde_json` and
//! `base64ct`; a P-256 key is refused by `Es384Key` as `Curve` (JWK, SPKI,
//! PEM) and vice versa; an Ed25519 key is refused by both EC types and
//! theirs by `Ed25519Key`.
//!
//! Deliberate differences (asserted as such): compressed points are refused
//! here (`Point`) and taken by `p256`/`p384`; `ed25519-dalek`'s `from_bytes`
//! takes non-canonical encodings (`y >= p`) and small-order points, which
//! are refused here (`Point`, see `src/eddsa.rs`).
#![no_main]

use base64ct::{Base64UrlUnpadded, Encoding};
use ed25519_dalek::pkcs8::DecodePublicKey as _;
use jwt_embedded::{Ed25519Key, Error, Es256Key, Es384Key, KeyError};
use jwt_embedded_fuzz::ec::{self, Curve};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};

type R<K> = Result<K, Error>;

/// Every result of one format, for the three key types.
#[derive(Debug, PartialEq)]
struct All {
    es256: R<Es256Key>,
    es384: R<Es384Key>,
    ed: R<Ed25519Key>,
}

/// Runs `f` twice (deterministic) and checks the error kind.
fn run<K: PartialEq + std::fmt::Debug>(f: impl Fn() -> R<K>) -> R<K> {
    let first = f();
    assert_eq!(first, f(), "import is not deterministic");
    if let Err(e) = &first {
        assert!(matches!(e, Error::InvalidKey(_)), "not InvalidKey: {e:?}");
    }
    first
}

fn jwk(text: &str) -> All {
    All {
        es256: run(|| Es256Key::from_jwk(text)),
        es384: run(|| Es384Key::from_jwk(text)),
        ed: run(|| Ed25519Key::from_jwk(text)),
    }
}

fn pem(text: &str) -> All {
    All {
        es256: run(|| Es256Key::from_pem(text)),
        es384: run(|| Es384Key::from_pem(text)),
        ed: run(|| Ed25519Key::from_pem(text)),
    }
}

fn der(bytes: &[u8]) -> All {
    All {
        es256: run(|| Es256Key::from_public_key_der(bytes)),
        es384: run(|| Es384Key::from_public_key_der(bytes)),
        ed: run(|| Ed25519Key::from_public_key_der(bytes)),
    }
}

/// The other crates' reading of a SEC 1 point, re-imported uncompressed.
fn their_point(curve: Curve, bytes: &[u8]) -> Option<Vec<u8>> {
    match curve {
        Curve::P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(bytes)
            .ok()
            .map(|k| k.to_sec1_point(false).as_bytes().to_vec()),
        Curve::P384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(bytes)
            .ok()
            .map(|k| k.to_sec1_point(false).as_bytes().to_vec()),
    }
}

fn their_der(curve: Curve, bytes: &[u8]) -> Option<Vec<u8>> {
    match curve {
        Curve::P256 => p256::ecdsa::VerifyingKey::from_public_key_der(bytes)
            .ok()
            .map(|k| k.to_sec1_point(false).as_bytes().to_vec()),
        Curve::P384 => p384::ecdsa::VerifyingKey::from_public_key_der(bytes)
            .ok()
            .map(|k| k.to_sec1_point(false).as_bytes().to_vec()),
    }
}

/// Our import of an uncompressed point on `curve`, as a comparable result.
fn sec1(curve: Curve, bytes: &[u8]) -> Result<String, Error> {
    match curve {
        Curve::P256 => run(|| Es256Key::from_sec1_bytes(bytes)).map(|k| format!("{k:?}")),
        Curve::P384 => run(|| Es384Key::from_sec1_bytes(bytes)).map(|k| format!("{k:?}")),
    }
}

fn ours_of(all: &All, curve: Curve) -> Result<String, Error> {
    match curve {
        Curve::P256 => all.es256.clone().map(|k| format!("{k:?}")),
        Curve::P384 => all.es384.clone().map(|k| format!("{k:?}")),
    }
}

/// Whether the 32 bytes are a canonical encoding of a point (`y < p`).
fn ed_canonical(key: &[u8; 32]) -> bool {
    let mut y = *key;
    y[31] &= 0x7f;
    let p_le = {
        let mut p = [0xffu8; 32];
        p[0] = 0xed;
        p[31] = 0x7f;
        p
    };
    y.iter().rev().cmp(p_le.iter().rev()) == std::cmp::Ordering::Less
}

/// `Ed25519Key::from_bytes` against `ed25519-dalek`'s `from_bytes`.
fn check_ed_bytes(key: &[u8; 32], ours: &R<Ed25519Key>) {
    let theirs = ed25519_dalek::VerifyingKey::from_bytes(key);
    match (ours, &theirs) {
        (Ok(k), Ok(t)) => {
            assert_eq!(k.to_bytes(), *key, "to_bytes");
            assert_eq!(t.to_bytes(), *key);
            assert!(!t.is_weak(), "a small-order key accepted");
            assert!(ed_canonical(key), "a non-canonical key accepted");
        }
        (Ok(_), Err(_)) => panic!("Ed25519 key accepted, not by ed25519-dalek"),
        // The deliberate difference: small order or y >= p.
        (Err(e), Ok(t)) => {
            assert_eq!(*e, Error::InvalidKey(KeyError::Point));
            assert!(
                t.is_weak() || !ed_canonical(key),
                "refused, ed25519-dalek takes it and it is neither weak nor non-canonical"
            );
        }
        (Err(e), Err(_)) => assert_eq!(*e, Error::InvalidKey(KeyError::Point)),
    }
}

/// A JWK accepted here: its `x`/`y` (by `serde_json`, `base64ct`) give the
/// same key through SEC 1 / raw bytes.
fn check_jwk(text: &str, all: &All) {
    let accepted = all.es256.is_ok() || all.es384.is_ok() || all.ed.is_ok();
    if !accepted {
        return;
    }
    let v: serde_json::Value = serde_json::from_str(text).expect("accepted JWK is JSON");
    let get = |m: &str| {
        v.get(m)
            .and_then(|s| s.as_str())
            .and_then(|s| Base64UrlUnpadded::decode_vec(s).ok())
    };
    let x = get("x").expect("x");
    for curve in Curve::ALL {
        if let Ok(ours) = ours_of(all, curve) {
            assert_eq!(v["kty"], "EC");
            assert_eq!(v["crv"], curve.crv());
            let y = get("y").expect("y");
            let point = [&[4u8][..], &x, &y].concat();
            assert_eq!(sec1(curve, &point), Ok(ours), "JWK and SEC 1 differ");
            assert!(their_point(curve, &point).is_some());
        }
    }
    if let Ok(k) = &all.ed {
        assert_eq!(v["kty"], "OKP");
        assert_eq!(v["crv"], "Ed25519");
        assert_eq!(k.to_bytes().as_slice(), x, "JWK and raw bytes differ");
    }
}

/// SPKI DER: agreement with the other crates' `DecodePublicKey`.
fn check_der(bytes: &[u8], all: &All) {
    for curve in Curve::ALL {
        let ours = ours_of(all, curve);
        let theirs = their_der(curve, bytes);
        if let Ok(ours) = &ours {
            let point = theirs.as_ref().expect("SPKI accepted, not by the crate");
            assert_eq!(sec1(curve, point).as_ref(), Ok(ours), "another point");
        }
        if let Some(point) = &theirs {
            // Uncompressed in the DER: accepted here too.
            if bytes.ends_with(point) {
                assert!(ours.is_ok(), "{}: SPKI refused: {ours:?}", curve.crv());
            } else {
                assert!(ours.is_err());
            }
        }
    }
    let theirs = ed25519_dalek::VerifyingKey::from_public_key_der(bytes);
    match (&all.ed, &theirs) {
        (Ok(k), Ok(t)) => assert_eq!(k.to_bytes(), t.to_bytes()),
        (Ok(_), Err(_)) => panic!("Ed25519 SPKI accepted, not by ed25519-dalek"),
        (Err(_), Ok(t)) => assert!(
            t.is_weak() || !ed_canonical(t.as_bytes()),
            "Ed25519 SPKI refused: {:?}",
            all.ed
        ),
        _ => {}
    }
}

/// A point's every format: the same verdict; the other curve says `Curve`.
fn formats(curve: Curve, point: &[u8]) {
    let ours = sec1(curve, point);
    let their = their_point(curve, point);
    assert_eq!(ours.is_ok(), their.is_some(), "SEC 1 verdicts differ");
    if let Some(p) = &their {
        assert_eq!(p.as_slice(), point, "another point");
    }
    // Coordinates and JWKs carry no tag: the point as `04 ‖ x ‖ y`.
    let (x, y) = point[1..].split_at(curve.len());
    let tagged = if point[0] == 4 {
        ours.clone()
    } else {
        sec1(curve, &[&[4u8][..], &point[1..]].concat())
    };
    let coords = match curve {
        Curve::P256 => run(|| Es256Key::from_coordinates(x, y)).map(|k| format!("{k:?}")),
        Curve::P384 => run(|| Es384Key::from_coordinates(x, y)).map(|k| format!("{k:?}")),
    };
    assert_eq!(coords, tagged, "coordinates");
    let j = ec::ec_jwk(curve, point);
    let j_all = jwk(&j);
    assert_eq!(ours_of(&j_all, curve), tagged, "JWK");
    check_jwk(&j, &j_all);
    let d = ec::ec_spki(curve, point);
    let d_all = der(&d);
    assert_eq!(ours_of(&d_all, curve), ours, "SPKI");
    check_der(&d, &d_all);
    let p_all = pem(&ec::public_pem(&d));
    assert_eq!(ours_of(&p_all, curve), ours, "PEM");
    for all in [&j_all, &d_all, &p_all] {
        assert_eq!(
            ours_of(all, curve.other()),
            Err(Error::InvalidKey(KeyError::Curve)),
            "{} key into {}",
            curve.crv(),
            curve.other().alg()
        );
        assert!(all.ed.is_err(), "an EC key as Ed25519");
    }
    assert!(sec1(curve.other(), point).is_err(), "other curve's SEC 1");
}

fn ed_formats(key: &[u8; 32]) {
    let ours = run(|| Ed25519Key::from_bytes(key));
    check_ed_bytes(key, &ours);
    assert_eq!(run(|| Ed25519Key::from_slice(key)), ours, "from_slice");
    let j = ec::okp_jwk(key);
    let j_all = jwk(&j);
    check_jwk(&j, &j_all);
    let d = ec::ed_spki(key);
    let d_all = der(&d);
    check_der(&d, &d_all);
    let p_all = pem(&ec::public_pem(&d));
    for all in [&j_all, &d_all, &p_all] {
        assert_eq!(all.ed, ours, "Ed25519 formats differ");
        assert!(all.es256.is_err() && all.es384.is_err(), "OKP as EC");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    match mode % 6 {
        0 => {
            if let Ok(text) = std::str::from_utf8(bytes) {
                let all = jwk(text);
                check_jwk(text, &all);
            }
        }
        1 => {
            if let Ok(text) = std::str::from_utf8(bytes) {
                let all = pem(text);
                // Every key type reads the same DER out of the PEM.
                for curve in Curve::ALL {
                    if let Ok(k) = ours_of(&all, curve) {
                        assert!(all.ed.is_err() && ours_of(&all, curve.other()).is_err());
                        let _ = k;
                    }
                }
            }
        }
        2 => {
            let all = der(bytes);
            check_der(bytes, &all);
        }
        3 => {
            for curve in Curve::ALL {
                let ours = sec1(curve, bytes);
                let theirs = their_point(curve, bytes);
                if let Ok(ours) = &ours {
                    let p = theirs.as_ref().expect("SEC 1 accepted, not by the crate");
                    assert_eq!(p.as_slice(), bytes, "another point");
                    let _ = ours;
                } else if theirs.is_some() {
                    // The deliberate difference: compressed points.
                    assert!(
                        matches!(bytes.first(), Some(2 | 3)),
                        "{}: uncompressed point refused: {ours:?}",
                        curve.crv()
                    );
                    assert_eq!(ours, Err(Error::InvalidKey(KeyError::Point)));
                }
            }
            let ed = run(|| Ed25519Key::from_slice(bytes));
            match <&[u8; 32]>::try_from(bytes) {
                Ok(key) => check_ed_bytes(key, &ed),
                Err(_) => assert_eq!(ed, Err(Error::InvalidKey(KeyError::Point))),
            }
        }
        4 => {
            for curve in Curve::ALL {
                let mut point = vec![4u8];
                point.extend(bytes.iter().copied().take(2 * curve.len()));
                point.resize(1 + 2 * curve.len(), 0);
                formats(curve, &point);
            }
            let mut key = [0u8; 32];
            for (k, b) in key.iter_mut().zip(bytes) {
                *k = *b;
            }
            ed_formats(&key);
        }
        _ => {
            let seed = Sha256::digest(bytes);
            for curve in Curve::ALL {
                let mut point = match curve {
                    Curve::P256 => p256::ecdsa::SigningKey::from_slice(&seed)
                        .ok()
                        .map(|k| k.verifying_key().to_sec1_point(false).as_bytes().to_vec()),
                    Curve::P384 => {
                        p384::ecdsa::SigningKey::from_slice(&[&seed[..], &seed[..16]].concat())
                            .ok()
                            .map(|k| k.verifying_key().to_sec1_point(false).as_bytes().to_vec())
                    }
                }
                .expect("a scalar below n");
                if mode & 0xf8 != 0 && !point.is_empty() {
                    let at = usize::from(bytes.first().copied().unwrap_or(0)) % point.len();
                    point[at] ^= mode & 0xf8;
                }
                if point.len() == 1 + 2 * curve.len() {
                    formats(curve, &point);
                }
            }
            let secret: [u8; 32] = seed.into();
            let mut key = ed25519_dalek::SigningKey::from_bytes(&secret)
                .verifying_key()
                .to_bytes();
            if mode & 0xf8 != 0 {
                key[usize::from(bytes.first().copied().unwrap_or(0)) % 32] ^= mode & 0xf8;
            }
            ed_formats(&key);
        }
    }
});
