//! Import of ES256, ES384 and Ed25519 keys: JWK (`kty` EC / OKP), SPKI DER
//! and PEM (written by aws-lc, an implementation independent of the crate's
//! RustCrypto curves), raw points; every refusal with its `KeyError`.

#![cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{Error, KeyError};

mod common;

#[allow(unused_imports)]
use common::{EcCurveId, EcSigner, EdSigner, b64url, to_pem};

fn refused(why: KeyError) -> Option<Error> {
    Some(Error::InvalidKey(why))
}

#[cfg(any(feature = "es256", feature = "es384"))]
mod ecdsa {
    use super::*;
    use common::EcdsaUnderTest;

    /// Every import path of `K`, on keys of its curve drawn from a few seeds.
    pub fn imports_agree<K: EcdsaUnderTest>() {
        for seed in 0..8 {
            let signer = EcSigner::new(K::CURVE, seed);
            let jwk = K::import_jwk(&signer.jwk("")).expect("JWK");
            let der = signer.spki_der();
            assert_eq!(K::import_spki(&der), Ok(jwk.clone()));
            assert_eq!(K::import_pem(&to_pem("PUBLIC KEY", &der)), Ok(jwk.clone()));
            // PEM with CRLF line ends and no final newline.
            let crlf = to_pem("PUBLIC KEY", &der).replace('\n', "\r\n");
            assert_eq!(K::import_pem(crlf.trim_end()), Ok(jwk.clone()));
            assert_eq!(K::import_sec1(&signer.point()), Ok(jwk.clone()));
            let (x, y) = signer.coordinates();
            assert_eq!(K::import_coordinates(&x, &y), Ok(jwk.clone()));
            // Members the importer accepts.
            for extra in [
                format!(r#","alg":"{}""#, K::CURVE.alg()),
                r#","use":"sig""#.to_owned(),
                r#","key_ops":["verify"]"#.to_owned(),
                r#","kid":"k1","x5c":[]"#.to_owned(),
            ] {
                assert_eq!(
                    K::import_jwk(&signer.jwk(&extra)),
                    Ok(jwk.clone()),
                    "{extra}"
                );
            }
            // A signature made by aws-lc verifies.
            let signature = signer.sign(b"message");
            assert_eq!(signature.len(), K::SIG_LEN);
            assert_eq!(jwk.raw_verify(b"message", &signature), Ok(()));
            assert_eq!(
                jwk.raw_verify(b"massage", &signature),
                Err(Error::Signature)
            );
        }
    }

    /// Every refusal of `K`'s importers.
    pub fn refusals<K: EcdsaUnderTest>() {
        let signer = EcSigner::new(K::CURVE, 99);
        let jwk = signer.jwk("");
        let (x, y) = signer.coordinates();
        let len = K::CURVE.len();
        let import = |text: &str| K::import_jwk(text).err();

        // Other curves, by `crv`.
        for crv in [
            "P-256",
            "P-384",
            "P-521",
            "secp256k1",
            "P-256K",
            "X25519",
            "Ed25519",
            "Ed448",
        ] {
            if crv == K::CURVE.crv() {
                continue;
            }
            let other = jwk.replace(K::CURVE.crv(), crv);
            assert_eq!(import(&other), refused(KeyError::Curve), "{crv}");
        }
        // Another `kty`; a private key; another `alg`; not for signatures.
        assert_eq!(
            import(&jwk.replace(r#""EC""#, r#""OKP""#)),
            refused(KeyError::KeyType)
        );
        assert_eq!(
            import(&jwk.replace(r#""EC""#, r#""RSA""#)),
            refused(KeyError::KeyType)
        );
        assert_eq!(
            import(&jwk.replace(r#""EC""#, r#""ec""#)),
            refused(KeyError::KeyType)
        );
        let d = format!(r#","d":"{}""#, b64url(&vec![1; len]));
        assert_eq!(import(&signer.jwk(&d)), refused(KeyError::Private));
        for alg in [
            "ES256", "ES384", "ES512", "EdDSA", "RS256", "HS256", "none", "es256",
        ] {
            if alg == K::CURVE.alg() {
                continue;
            }
            let with = signer.jwk(&format!(r#","alg":"{alg}""#));
            assert_eq!(import(&with), refused(KeyError::Algorithm), "{alg}");
        }
        assert_eq!(
            import(&signer.jwk(r#","use":"enc""#)),
            refused(KeyError::Use)
        );
        assert_eq!(
            import(&signer.jwk(r#","key_ops":["sign"]"#)),
            refused(KeyError::Use)
        );
        // Coordinates of the wrong length, or not base64url.
        let with_xy = |x: &str, y: &str| {
            format!(
                r#"{{"kty":"EC","crv":"{}","x":"{x}","y":"{y}"}}"#,
                K::CURVE.crv()
            )
        };
        let (bx, by) = (b64url(&x), b64url(&y));
        let mut long = vec![0u8];
        long.extend_from_slice(&x);
        for (bad_x, bad_y) in [
            (b64url(&x[1..]), by.clone()),
            (b64url(&long), by.clone()),
            (bx.clone(), b64url(&y[..len - 1])),
            (format!("{bx}="), by.clone()),
            (bx.replace(['-', '_'], "+"), by.replace(['-', '_'], "/")),
            (format!("{}!", &bx[1..]), by.clone()),
            (String::new(), by.clone()),
        ] {
            if bad_x == bx && bad_y == by {
                continue; // no '-' or '_' to replace
            }
            assert_eq!(
                import(&with_xy(&bad_x, &bad_y)),
                refused(KeyError::Encoding),
                "{bad_x} {bad_y}"
            );
        }
        assert_eq!(
            import(&format!(
                r#"{{"kty":"EC","crv":"{}","x":"{bx}"}}"#,
                K::CURVE.crv()
            )),
            refused(KeyError::Encoding)
        );
        assert_eq!(
            import(&jwk.replace(&format!(r#""{}""#, K::CURVE.crv()), "1")),
            refused(KeyError::Encoding)
        );
        // Off the curve: y + 1; the point (0, 0); coordinates not below p.
        let y1 = common::add_be(&y, &{
            let mut one = vec![0u8; len];
            one[len - 1] = 1;
            one
        });
        assert_eq!(
            import(&with_xy(&bx, &b64url(&y1))),
            refused(KeyError::Point)
        );
        assert_eq!(
            K::import_coordinates(&x, &y1).err(),
            refused(KeyError::Point)
        );
        let zero = vec![0u8; len];
        assert_eq!(
            K::import_coordinates(&zero, &zero).err(),
            refused(KeyError::Point)
        );
        let p = K::CURVE.prime();
        assert_eq!(
            K::import_coordinates(&p, &y).err(),
            refused(KeyError::Point)
        );
        // x + p, when it fits (no carry): the same x, not reduced.
        let x_plus_p = common::add_be(&x, &p);
        if x_plus_p > x {
            assert_eq!(
                K::import_coordinates(&x_plus_p, &y).err(),
                refused(KeyError::Point)
            );
        }
        // Raw points: compressed, the identity, other lengths.
        assert_eq!(
            K::import_sec1(&signer.compressed_point()).err(),
            refused(KeyError::Point)
        );
        assert_eq!(K::import_sec1(&[0]).err(), refused(KeyError::Point));
        let point = signer.point();
        assert_eq!(
            K::import_sec1(&point[..point.len() - 1]).err(),
            refused(KeyError::Point)
        );
        let mut hybrid = point.clone();
        hybrid[0] = 6 | (y[len - 1] & 1);
        assert_eq!(K::import_sec1(&hybrid).err(), refused(KeyError::Point));
        assert_eq!(
            K::import_coordinates(&x[1..], &y).err(),
            refused(KeyError::Point)
        );
        // SPKI with a compressed point.
        let der = signer.spki_der();
        let header = der.len() - point.len();
        let mut compressed_der = der[..header].to_vec();
        compressed_der.extend_from_slice(&signer.compressed_point());
        let shrink = (point.len() - signer.compressed_point().len()) as u8;
        compressed_der[1] -= shrink; // outer SEQUENCE length (short form)
        compressed_der[header - 2] -= shrink; // BIT STRING length
        assert_eq!(
            K::import_spki(&compressed_der).err(),
            refused(KeyError::Point)
        );
        // SPKI of an RSA key; of Ed25519; broken DER.
        let rsa = common::public_pem(&common::rsa_private_key(2048, 17));
        assert_eq!(K::import_pem(&rsa).err(), refused(KeyError::KeyType));
        let ed = EdSigner::new(1).spki_der();
        assert_eq!(K::import_spki(&ed).err(), refused(KeyError::KeyType));
        assert_eq!(
            K::import_pem(&to_pem("PUBLIC KEY", &ed)).err(),
            refused(KeyError::KeyType)
        );
        assert_eq!(
            K::import_spki(&der[..der.len() - 1]).err(),
            refused(KeyError::Encoding)
        );
        let mut trailing = der.clone();
        trailing.push(0);
        assert_eq!(K::import_spki(&trailing).err(), refused(KeyError::Encoding));
        assert_eq!(
            K::import_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n")
                .err()
                .map(|e| matches!(e, Error::InvalidKey(_))),
            Some(true)
        );
    }
}

#[cfg(feature = "es256")]
#[test]
fn es256_imports() {
    ecdsa::imports_agree::<jwt_embedded::Es256Key>();
    ecdsa::refusals::<jwt_embedded::Es256Key>();
}

#[cfg(feature = "es384")]
#[test]
fn es384_imports() {
    ecdsa::imports_agree::<jwt_embedded::Es384Key>();
    ecdsa::refusals::<jwt_embedded::Es384Key>();
}

/// A key of one curve is `Curve` for the other type, from DER, PEM and JWK.
#[cfg(all(feature = "es256", feature = "es384"))]
#[test]
fn p256_and_p384_do_not_mix() {
    use jwt_embedded::{Es256Key, Es384Key};
    let p256 = EcSigner::new(EcCurveId::P256, 5);
    let p384 = EcSigner::new(EcCurveId::P384, 5);
    assert_eq!(
        Es256Key::from_public_key_der(&p384.spki_der()).err(),
        refused(KeyError::Curve)
    );
    assert_eq!(
        Es256Key::from_pem(&to_pem("PUBLIC KEY", &p384.spki_der())).err(),
        refused(KeyError::Curve)
    );
    assert_eq!(
        Es256Key::from_jwk(&p384.jwk("")).err(),
        refused(KeyError::Curve)
    );
    assert_eq!(
        Es256Key::from_sec1_bytes(&p384.point()).err(),
        refused(KeyError::Point)
    );
    assert_eq!(
        Es384Key::from_public_key_der(&p256.spki_der()).err(),
        refused(KeyError::Curve)
    );
    assert_eq!(
        Es384Key::from_jwk(&p256.jwk("")).err(),
        refused(KeyError::Curve)
    );
    assert_eq!(
        Es384Key::from_sec1_bytes(&p256.point()).err(),
        refused(KeyError::Point)
    );
    // The P-384 JWK relabelled P-256: coordinates of the wrong length.
    let relabelled = p384.jwk("").replace("P-384", "P-256");
    assert_eq!(
        Es256Key::from_jwk(&relabelled).err(),
        refused(KeyError::Encoding)
    );
}

#[cfg(feature = "eddsa")]
mod eddsa {
    use super::*;
    use jwt_embedded::Ed25519Key;

    #[test]
    fn imports_agree() {
        for seed in 0..8 {
            let signer = EdSigner::new(seed);
            let key = Ed25519Key::from_jwk(&signer.jwk("")).expect("JWK");
            assert_eq!(key.to_bytes(), signer.public());
            assert_eq!(Ed25519Key::from_bytes(&signer.public()), Ok(key.clone()));
            assert_eq!(Ed25519Key::from_slice(&signer.public()), Ok(key.clone()));
            let der = signer.spki_der();
            assert_eq!(Ed25519Key::from_public_key_der(&der), Ok(key.clone()));
            assert_eq!(
                Ed25519Key::from_pem(&to_pem("PUBLIC KEY", &der)),
                Ok(key.clone())
            );
            for extra in [
                r#","alg":"EdDSA""#,
                r#","alg":"Ed25519""#,
                r#","use":"sig""#,
                r#","key_ops":["verify","sign"]"#,
                r#","kid":"k""#,
            ] {
                assert_eq!(
                    Ed25519Key::from_jwk(&signer.jwk(extra)),
                    Ok(key.clone()),
                    "{extra}"
                );
            }
            let signature = signer.sign(b"message");
            assert_eq!(key.verify_raw(b"message", &signature), Ok(()));
            assert_eq!(
                key.verify_raw(b"message!", &signature),
                Err(Error::Signature)
            );
            assert_eq!(
                key.verify_raw(b"message", &signature[..63]),
                Err(Error::Signature)
            );
        }
    }

    #[test]
    fn refusals() {
        let signer = EdSigner::new(42);
        let jwk = signer.jwk("");
        let import = |text: &str| Ed25519Key::from_jwk(text).err();
        for crv in ["X25519", "Ed448", "X448", "P-256", "ed25519"] {
            assert_eq!(
                import(&jwk.replace("Ed25519", crv)),
                refused(KeyError::Curve),
                "{crv}"
            );
        }
        assert_eq!(
            import(&jwk.replace("OKP", "EC")),
            refused(KeyError::KeyType)
        );
        assert_eq!(
            import(&jwk.replace("OKP", "okp")),
            refused(KeyError::KeyType)
        );
        let d = format!(r#","d":"{}""#, b64url(&[3; 32]));
        assert_eq!(import(&signer.jwk(&d)), refused(KeyError::Private));
        for alg in ["ES256", "Ed448", "EDDSA", "eddsa", "ed25519", "none"] {
            let with = signer.jwk(&format!(r#","alg":"{alg}""#));
            assert_eq!(import(&with), refused(KeyError::Algorithm), "{alg}");
        }
        assert_eq!(
            import(&signer.jwk(r#","use":"enc""#)),
            refused(KeyError::Use)
        );
        let x = signer.public();
        let with_x = |x: &str| format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{x}"}}"#);
        let bx = b64url(&x);
        for bad in [
            b64url(&x[..31]),
            b64url(&[&x[..], &[0]].concat()),
            format!("{bx}="),
            format!("{}*", &bx[1..]),
            String::new(),
        ] {
            assert_eq!(import(&with_x(&bad)), refused(KeyError::Encoding), "{bad}");
        }
        assert_eq!(
            import(r#"{"kty":"OKP","crv":"Ed25519"}"#),
            refused(KeyError::Encoding)
        );
        assert_eq!(
            Ed25519Key::from_slice(&x[..31]).err(),
            refused(KeyError::Point)
        );
        // SPKI of other key types; with parameters; broken.
        let rsa = common::public_pem(&common::rsa_private_key(2048, 17));
        assert_eq!(Ed25519Key::from_pem(&rsa).err(), refused(KeyError::KeyType));
        let p256 = EcSigner::new(EcCurveId::P256, 1).spki_der();
        assert_eq!(
            Ed25519Key::from_public_key_der(&p256).err(),
            refused(KeyError::KeyType)
        );
        assert_eq!(
            Ed25519Key::from_pem(&to_pem("PUBLIC KEY", &p256)).err(),
            refused(KeyError::KeyType)
        );
        // X25519's OID (1.3.101.110) instead of Ed25519's.
        let mut x25519 = signer.spki_der();
        assert_eq!(
            &x25519[..9],
            &[0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70]
        );
        x25519[8] = 0x6e;
        assert_eq!(
            Ed25519Key::from_public_key_der(&x25519).err(),
            refused(KeyError::KeyType)
        );
        let der = signer.spki_der();
        assert_eq!(
            Ed25519Key::from_public_key_der(&der[..der.len() - 1]).err(),
            refused(KeyError::Encoding)
        );
        // SPKI with NULL parameters.
        let mut with_null = vec![
            0x30, 0x2c, 0x30, 0x07, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x05, 0x00,
        ];
        with_null.extend_from_slice(&der[7..]);
        assert_eq!(
            Ed25519Key::from_public_key_der(&with_null).err(),
            refused(KeyError::Encoding)
        );
    }

    /// The eight points of small order (their canonical encodings, and the
    /// ones with the sign bit flipped where that still decodes), and the
    /// non-canonical encodings y >= p, are `Point`.
    #[test]
    fn small_order_and_non_canonical_keys() {
        let small_order = [
            // identity (0, 1)
            "0100000000000000000000000000000000000000000000000000000000000000",
            // (0, -1), order 2
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            // order 4: y = 0, both signs of x
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000080",
            // order 8
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        ];
        for hex in small_order {
            let bytes: [u8; 32] = hex::decode(hex).unwrap().try_into().unwrap();
            assert_eq!(
                Ed25519Key::from_bytes(&bytes).err(),
                refused(KeyError::Point),
                "{hex}"
            );
            let jwk = format!(
                r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#,
                b64url(&bytes)
            );
            assert_eq!(
                Ed25519Key::from_jwk(&jwk).err(),
                refused(KeyError::Point),
                "{hex}"
            );
        }
        // y = p + k (k = 0..18), with either sign bit: every non-canonical
        // encoding. (y = p + 1 is the identity's non-canonical form.)
        let mut non_canonical = 0;
        for k in 0u8..19 {
            for sign in [0u8, 0x80] {
                let mut bytes = [0xffu8; 32];
                bytes[0] = 0xed + k;
                bytes[31] = 0x7f | sign;
                assert_eq!(
                    Ed25519Key::from_bytes(&bytes).err(),
                    refused(KeyError::Point),
                    "{bytes:02x?}"
                );
                let der = [
                    &[
                        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
                    ][..],
                    &bytes,
                ]
                .concat();
                assert_eq!(
                    Ed25519Key::from_public_key_der(&der).err(),
                    refused(KeyError::Point)
                );
                non_canonical += 1;
            }
        }
        assert_eq!(non_canonical, 38);
        // A y with no x on the curve (2 is not a valid y: x^2 is a non-square).
        let mut two = [0u8; 32];
        two[0] = 2;
        assert_eq!(Ed25519Key::from_bytes(&two).err(), refused(KeyError::Point));
    }
}
