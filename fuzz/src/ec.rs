//! ES256, ES384 and EdDSA fixtures: fixed private keys (two per curve, the
//! second for "a signature by another key"), deterministic signers (RFC 6979
//! ECDSA with RustCrypto's `p256`/`p384`, Ed25519 with `ed25519-dalek`),
//! the group orders and the byte arithmetic the targets edit signatures
//! with (`n - s`, `s + n`, `S + L`), and key encoders (SEC 1 point, SPKI
//! DER, PEM, JWK). None of jwt-embedded's code is used.

use std::sync::OnceLock;

use ed25519_dalek::Signer as _;
use sha2::{Digest, Sha256};

use crate::rs256::pem;
use crate::token::b64;

/// An ECDSA curve of JWS (RFC 7518 §3.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
}

/// The order `n` of P-256, big-endian (SEC 2 §2.4.2).
pub const P256_N: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

/// The order `n` of P-384, big-endian (SEC 2 §2.5.1).
pub const P384_N: [u8; 48] = [
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
    0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
];

/// The order `L = 2^252 + 27742317777372353535851937790883648493` of
/// Ed25519's base point, little-endian as `S` is encoded (RFC 8032 §5.1).
pub const ED25519_L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
];

impl Curve {
    pub const ALL: [Curve; 2] = [Curve::P256, Curve::P384];

    /// Bytes of a field element and of a scalar.
    pub fn len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
        }
    }

    /// Never: a curve has a length.
    pub fn is_empty(self) -> bool {
        false
    }

    /// The group order, big-endian.
    pub fn order(self) -> &'static [u8] {
        match self {
            Curve::P256 => &P256_N,
            Curve::P384 => &P384_N,
        }
    }

    /// The JWS algorithm: `"ES256"`, `"ES384"`.
    pub fn alg(self) -> &'static str {
        match self {
            Curve::P256 => "ES256",
            Curve::P384 => "ES384",
        }
    }

    /// The JWK `crv`.
    pub fn crv(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
        }
    }

    /// The named curve's OID, content octets (RFC 5480 §2.1.1.1).
    pub fn oid(self) -> &'static [u8] {
        match self {
            Curve::P256 => &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
            Curve::P384 => &[0x2b, 0x81, 0x04, 0x00, 0x22],
        }
    }

    pub fn other(self) -> Curve {
        match self {
            Curve::P256 => Curve::P384,
            Curve::P384 => Curve::P256,
        }
    }
}

/// Two fixed private keys per curve (scalars from SHA-256 of a label,
/// repeated for P-384; all below `n`).
struct EcKeys {
    p256: [p256::ecdsa::SigningKey; 2],
    p384: [p384::ecdsa::SigningKey; 2],
    ed25519: [ed25519_dalek::SigningKey; 2],
}

fn seed(label: &str, which: usize, len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut counter = 0u8;
    while out.len() < len {
        let mut h = Sha256::new();
        h.update(label.as_bytes());
        h.update([which as u8, counter]);
        out.extend(h.finalize());
        counter += 1;
    }
    out.truncate(len);
    out
}

fn keys() -> &'static EcKeys {
    static KEYS: OnceLock<EcKeys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let p256 = |w| {
            p256::ecdsa::SigningKey::from_slice(&seed("jwt-embedded fuzz P-256", w, 32))
                .expect("below n")
        };
        let p384 = |w| {
            p384::ecdsa::SigningKey::from_slice(&seed("jwt-embedded fuzz P-384", w, 48))
                .expect("below n")
        };
        let ed = |w| {
            let s: [u8; 32] = seed("jwt-embedded fuzz Ed25519", w, 32)
                .try_into()
                .expect("32");
            ed25519_dalek::SigningKey::from_bytes(&s)
        };
        EcKeys {
            p256: [p256(0), p256(1)],
            p384: [p384(0), p384(1)],
            ed25519: [ed(0), ed(1)],
        }
    })
}

/// The RFC 6979 ECDSA signature `r ‖ s` of `message` by the curve's key
/// `which` (0: the targets' key, 1: another), with the curve's hash.
pub fn sign_ec(curve: Curve, which: usize, message: &[u8]) -> Vec<u8> {
    let k = keys();
    match curve {
        Curve::P256 => {
            let s: p256::ecdsa::Signature = k.p256[which].sign(message);
            s.to_bytes().to_vec()
        }
        Curve::P384 => {
            let s: p384::ecdsa::Signature = k.p384[which].sign(message);
            s.to_bytes().to_vec()
        }
    }
}

/// The public key `which` as the SEC 1 uncompressed point `04 ‖ x ‖ y`.
pub fn ec_point(curve: Curve, which: usize) -> Vec<u8> {
    let k = keys();
    match curve {
        Curve::P256 => k.p256[which]
            .verifying_key()
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
        Curve::P384 => k.p384[which]
            .verifying_key()
            .to_sec1_point(false)
            .as_bytes()
            .to_vec(),
    }
}

/// The private key `which` as PKCS#8 DER (for `jsonwebtoken`'s signer).
pub fn ec_pkcs8(curve: Curve, which: usize) -> Vec<u8> {
    use p256::pkcs8::EncodePrivateKey;
    let k = keys();
    match curve {
        Curve::P256 => k.p256[which].to_pkcs8_der(),
        Curve::P384 => k.p384[which].to_pkcs8_der(),
    }
    .expect("PKCS#8")
    .as_bytes()
    .to_vec()
}

/// The Ed25519 signature `R ‖ S` of `message` by key `which`.
pub fn sign_ed(which: usize, message: &[u8]) -> [u8; 64] {
    keys().ed25519[which].sign(message).to_bytes()
}

/// The Ed25519 public key `which`.
pub fn ed_public(which: usize) -> [u8; 32] {
    keys().ed25519[which].verifying_key().to_bytes()
}

/// The Ed25519 private key `which` as PKCS#8 DER (for `jsonwebtoken`).
pub fn ed_pkcs8(which: usize) -> Vec<u8> {
    use ed25519_dalek::pkcs8::EncodePrivateKey;
    keys().ed25519[which]
        .to_pkcs8_der()
        .expect("PKCS#8")
        .as_bytes()
        .to_vec()
}

/// `a - b`, big-endian, equal lengths; `None` if `a < b`.
pub fn be_sub(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    assert_eq!(a.len(), b.len());
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0i16;
    for i in (0..a.len()).rev() {
        let d = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = i16::from(d < 0);
        out[i] = d.rem_euclid(256) as u8;
    }
    (borrow == 0).then_some(out)
}

/// `a + b`, big-endian, equal lengths; `None` on overflow.
pub fn be_add(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    assert_eq!(a.len(), b.len());
    let mut out = vec![0u8; a.len()];
    let mut carry = 0u16;
    for i in (0..a.len()).rev() {
        let s = u16::from(a[i]) + u16::from(b[i]) + carry;
        carry = s >> 8;
        out[i] = s as u8;
    }
    (carry == 0).then_some(out)
}

/// `a + b`, little-endian, equal lengths; `None` on overflow.
pub fn le_add(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    let rev = |v: &[u8]| v.iter().rev().copied().collect::<Vec<u8>>();
    be_add(&rev(a), &rev(b)).map(|v| rev(&v))
}

/// `r ‖ (n - s)`: the other valid signature (high-S if `s` was low).
pub fn negate_s(curve: Curve, signature: &[u8]) -> Vec<u8> {
    let (r, s) = signature.split_at(curve.len());
    let mut out = r.to_vec();
    out.extend(be_sub(curve.order(), s).expect("s < n"));
    out
}

/// A DER length in its shortest form, and a TLV.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    if content.len() < 0x80 {
        out.push(content.len() as u8);
    } else {
        out.extend([0x81, content.len() as u8]);
    }
    out.extend_from_slice(content);
    out
}

/// An X.509 `SubjectPublicKeyInfo` (RFC 5480 / RFC 8410): `algorithm` and
/// optional `parameters` (already encoded), the key in a BIT STRING.
pub fn spki(algorithm: &[u8], parameters: Option<&[u8]>, key: &[u8]) -> Vec<u8> {
    let mut alg = tlv(0x06, algorithm);
    if let Some(p) = parameters {
        alg.extend_from_slice(p);
    }
    let mut bits = vec![0u8];
    bits.extend_from_slice(key);
    let mut body = tlv(0x30, &alg);
    body.extend(tlv(0x03, &bits));
    tlv(0x30, &body)
}

/// `id-ecPublicKey`.
pub const ID_EC_PUBLIC_KEY: [u8; 7] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/// `id-Ed25519`.
pub const ID_ED25519: [u8; 3] = [0x2b, 0x65, 0x70];

/// SPKI DER of an EC point on `curve` (named curve).
pub fn ec_spki(curve: Curve, point: &[u8]) -> Vec<u8> {
    spki(&ID_EC_PUBLIC_KEY, Some(&tlv(0x06, curve.oid())), point)
}

/// SPKI DER of an Ed25519 key (no parameters).
pub fn ed_spki(key: &[u8]) -> Vec<u8> {
    spki(&ID_ED25519, None, key)
}

/// `-----BEGIN PUBLIC KEY-----` of `der`.
pub fn public_pem(der: &[u8]) -> String {
    pem("PUBLIC KEY", der)
}

/// A public EC JWK.
pub fn ec_jwk(curve: Curve, point: &[u8]) -> String {
    let (x, y) = point[1..].split_at(curve.len());
    format!(
        r#"{{"kty":"EC","crv":"{}","x":"{}","y":"{}"}}"#,
        curve.crv(),
        b64(x),
        b64(y)
    )
}

/// A public OKP JWK.
pub fn okp_jwk(key: &[u8]) -> String {
    format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, b64(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signers_verify() {
        use p256::ecdsa::signature::Verifier;
        for which in 0..2 {
            let sig = sign_ec(Curve::P256, which, b"m");
            let key =
                p256::ecdsa::VerifyingKey::from_sec1_bytes(&ec_point(Curve::P256, which)).unwrap();
            let s = p256::ecdsa::Signature::from_slice(&sig).unwrap();
            assert!(key.verify(b"m", &s).is_ok());
            let sig = sign_ec(Curve::P384, which, b"m");
            let key =
                p384::ecdsa::VerifyingKey::from_sec1_bytes(&ec_point(Curve::P384, which)).unwrap();
            let s = p384::ecdsa::Signature::from_slice(&sig).unwrap();
            assert!(key.verify(b"m", &s).is_ok());
            let key = ed25519_dalek::VerifyingKey::from_bytes(&ed_public(which)).unwrap();
            let s = ed25519_dalek::Signature::from_bytes(&sign_ed(which, b"m"));
            assert!(key.verify_strict(b"m", &s).is_ok());
        }
        assert_eq!(
            be_sub(&P256_N, &be_sub(&P256_N, &[1; 32]).unwrap()).unwrap(),
            [1; 32]
        );
        assert_eq!(le_add(&[0xff, 0], &[1, 0]).unwrap(), [0, 1]);
    }
}
