//! Independent signers for every JWS algorithm of the crate (HS256/384/512,
//! RS256/384/512, PS256/384/512, ES256/384, EdDSA), written from RFC 2104,
//! RFC 8017 §8.1, §8.2, §9.1.1 (EMSA-PSS-ENCODE), §9.2 and RFC 7518 §3 with
//! `hmac`, `sha2` and the fixtures' raw private-key operation (ECDSA and
//! Ed25519 with `p256`/`p384`/`ed25519-dalek` and the fixed keys of
//! [`crate::ec`]); and the `rsa` crate's verdicts for both RSA schemes.
//! None of jwt-embedded's code is used.

use hmac::{Hmac, KeyInit, Mac};
use rsa::pkcs1v15::Pkcs1v15Sign;
use rsa::pss::Pss;
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::ec::{self, Curve};
use crate::rs256::TestKey;

/// A hash function of JWS (RFC 7518 §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

/// A signature scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Hmac,
    Pkcs1v15,
    Pss,
    /// ECDSA (ES256 on P-256 with SHA-256, ES384 on P-384 with SHA-384).
    Ecdsa,
    /// Ed25519 (its hash, SHA-512, is part of the scheme).
    EdDsa,
}

/// A JWS algorithm, named as in RFC 7518 §3.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alg {
    pub family: Family,
    pub hash: Hash,
}

/// All twelve, in the order of `jwt_embedded::Algorithm::ALL`.
pub const ALGS: [Alg; 12] = {
    use Family::*;
    use Hash::*;
    [
        Alg::new(Hmac, Sha256),
        Alg::new(Hmac, Sha384),
        Alg::new(Hmac, Sha512),
        Alg::new(Pkcs1v15, Sha256),
        Alg::new(Pkcs1v15, Sha384),
        Alg::new(Pkcs1v15, Sha512),
        Alg::new(Pss, Sha256),
        Alg::new(Pss, Sha384),
        Alg::new(Pss, Sha512),
        Alg::new(Ecdsa, Sha256),
        Alg::new(Ecdsa, Sha384),
        Alg::new(EdDsa, Sha512),
    ]
};

impl Alg {
    pub const fn new(family: Family, hash: Hash) -> Alg {
        Alg { family, hash }
    }

    /// `"HS256"` ... `"PS512"`, `"ES256"`, `"ES384"`, `"EdDSA"`.
    pub fn name(self) -> &'static str {
        let prefix = match self.family {
            Family::Hmac => 0,
            Family::Pkcs1v15 => 1,
            Family::Pss => 2,
            Family::Ecdsa => 3,
            Family::EdDsa => return "EdDSA",
        };
        let bits = match self.hash {
            Hash::Sha256 => 0,
            Hash::Sha384 => 1,
            Hash::Sha512 => 2,
        };
        [
            ["HS256", "HS384", "HS512"],
            ["RS256", "RS384", "RS512"],
            ["PS256", "PS384", "PS512"],
            ["ES256", "ES384", "ES512"],
        ][prefix][bits]
    }

    pub fn is_rsa(self) -> bool {
        matches!(self.family, Family::Pkcs1v15 | Family::Pss)
    }

    /// The curve of an ECDSA algorithm.
    pub fn curve(self) -> Option<Curve> {
        match (self.family, self.hash) {
            (Family::Ecdsa, Hash::Sha256) => Some(Curve::P256),
            (Family::Ecdsa, Hash::Sha384) => Some(Curve::P384),
            _ => None,
        }
    }

    /// The `jsonwebtoken` algorithm of the same name.
    pub fn jsonwebtoken(self) -> jsonwebtoken::Algorithm {
        self.name().parse().expect("jsonwebtoken knows all twelve")
    }
}

impl Hash {
    /// The output length, `hLen`.
    pub fn len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    /// Never: a hash has an output.
    pub fn is_empty(self) -> bool {
        false
    }

    pub fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha256 => Sha256::digest(message).to_vec(),
            Hash::Sha384 => Sha384::digest(message).to_vec(),
            Hash::Sha512 => Sha512::digest(message).to_vec(),
        }
    }

    /// HMAC (RFC 2104) of `message` under `secret`.
    pub fn hmac(self, secret: &[u8], message: &[u8]) -> Vec<u8> {
        fn mac<M: Mac + KeyInit>(secret: &[u8], message: &[u8]) -> Vec<u8> {
            let mut mac = <M as KeyInit>::new_from_slice(secret).expect("any key length");
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        match self {
            Hash::Sha256 => mac::<Hmac<Sha256>>(secret, message),
            Hash::Sha384 => mac::<Hmac<Sha384>>(secret, message),
            Hash::Sha512 => mac::<Hmac<Sha512>>(secret, message),
        }
    }

    /// The DER `DigestInfo` prefix (RFC 8017 §9.2, note 1).
    pub fn digest_info(self) -> &'static [u8] {
        match self {
            Hash::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            Hash::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            Hash::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }

    /// MGF1 (RFC 8017 §B.2.1) with this hash.
    pub fn mgf1(self, seed: &[u8], len: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(len + self.len());
        let mut counter = 0u32;
        while out.len() < len {
            let mut input = seed.to_vec();
            input.extend_from_slice(&counter.to_be_bytes());
            out.extend(self.digest(&input));
            counter += 1;
        }
        out.truncate(len);
        out
    }
}

/// EMSA-PKCS1-v1_5-ENCODE (RFC 8017 §9.2) into `k` bytes.
pub fn pkcs1v15_encode(k: usize, hash: Hash, message: &[u8]) -> Vec<u8> {
    let mut t = hash.digest_info().to_vec();
    t.extend(hash.digest(message));
    let mut em = vec![0x00, 0x01];
    em.resize(k - t.len() - 1, 0xff);
    em.push(0x00);
    em.extend(t);
    em
}

/// EMSA-PSS-ENCODE (RFC 8017 §9.1.1), MGF1 with the same hash, for a
/// modulus of `mod_bits` bits, returned as `k` bytes (left-padded with a
/// zero octet when `emLen < k`). `None` if the salt does not fit.
pub fn pss_encode(mod_bits: usize, hash: Hash, message: &[u8], salt: &[u8]) -> Option<Vec<u8>> {
    let em_bits = mod_bits - 1;
    let em_len = em_bits.div_ceil(8);
    let h_len = hash.len();
    if em_len < h_len + salt.len() + 2 {
        return None;
    }
    let m_hash = hash.digest(message);
    let mut m_prime = vec![0u8; 8];
    m_prime.extend(&m_hash);
    m_prime.extend_from_slice(salt);
    let h = hash.digest(&m_prime);
    let mut db = vec![0u8; em_len - salt.len() - h_len - 2];
    db.push(0x01);
    db.extend_from_slice(salt);
    let mask = hash.mgf1(&h, em_len - h_len - 1);
    for (d, m) in db.iter_mut().zip(mask) {
        *d ^= m;
    }
    db[0] &= 0xff >> (8 * em_len - em_bits);
    let mut em = Vec::with_capacity(em_len + 1);
    if em_len < mod_bits.div_ceil(8) {
        em.push(0);
    }
    em.extend(db);
    em.extend(h);
    em.push(0xbc);
    Some(em)
}

impl TestKey {
    /// The modulus length in bits.
    pub fn bits(&self) -> usize {
        self.n.len() * 8 - self.n[0].leading_zeros() as usize
    }

    /// The RSASSA-PKCS1-v1_5 signature of `message` with `hash`.
    pub fn sign_pkcs1v15(&self, hash: Hash, message: &[u8]) -> Vec<u8> {
        self.sign_raw(&pkcs1v15_encode(self.len(), hash, message))
            .expect("a valid encoding is below n")
    }

    /// The RSASSA-PSS signature of `message` with `hash` and `salt`, or
    /// `None` if the salt is too long for the key.
    pub fn sign_pss(&self, hash: Hash, message: &[u8], salt: &[u8]) -> Option<Vec<u8>> {
        let em = pss_encode(self.bits(), hash, message, salt)?;
        Some(
            self.sign_raw(&em)
                .expect("the top bit of a PSS encoding is clear"),
        )
    }

    /// Whether the `rsa` crate accepts `signature` over `message` in the
    /// scheme of `alg` (PSS with a salt of exactly `hLen` bytes).
    pub fn rsa_verdict_for(&self, alg: Alg, message: &[u8], signature: &[u8]) -> bool {
        let public = self.private.to_public_key();
        let hashed = alg.hash.digest(message);
        match (alg.family, alg.hash) {
            (Family::Hmac | Family::Ecdsa | Family::EdDsa, _) => panic!("not an RSA algorithm"),
            (Family::Pkcs1v15, Hash::Sha256) => {
                public.verify(Pkcs1v15Sign::new::<Sha256>(), &hashed, signature)
            }
            (Family::Pkcs1v15, Hash::Sha384) => {
                public.verify(Pkcs1v15Sign::new::<Sha384>(), &hashed, signature)
            }
            (Family::Pkcs1v15, Hash::Sha512) => {
                public.verify(Pkcs1v15Sign::new::<Sha512>(), &hashed, signature)
            }
            (Family::Pss, Hash::Sha256) => {
                public.verify(Pss::<Sha256>::new_with_salt(32), &hashed, signature)
            }
            (Family::Pss, Hash::Sha384) => {
                public.verify(Pss::<Sha384>::new_with_salt(48), &hashed, signature)
            }
            (Family::Pss, Hash::Sha512) => {
                public.verify(Pss::<Sha512>::new_with_salt(64), &hashed, signature)
            }
        }
        .is_ok()
    }
}

/// A deterministic salt of `len` bytes for `message` (the signers here need
/// no randomness: a fixed salt per message keeps the targets reproducible).
pub fn salt(message: &[u8], len: usize) -> Vec<u8> {
    let mut seed = b"jwt-embedded fuzz salt".to_vec();
    seed.extend_from_slice(message);
    Hash::Sha512.mgf1(&Hash::Sha512.digest(&seed), len)
}

/// The signature of `message` under `alg`: HMAC with `secret`, RSA with
/// `key` (PSS with the deterministic [`salt`] of `hLen` bytes), ECDSA
/// (RFC 6979) and Ed25519 with the fixed keys of [`crate::ec`] (key 0).
pub fn sign(alg: Alg, secret: &[u8], key: &TestKey, message: &[u8]) -> Vec<u8> {
    match alg.family {
        Family::Ecdsa => ec::sign_ec(alg.curve().expect("ECDSA"), 0, message),
        Family::EdDsa => ec::sign_ed(0, message).to_vec(),
        Family::Hmac => alg.hash.hmac(secret, message),
        Family::Pkcs1v15 => key.sign_pkcs1v15(alg.hash, message),
        Family::Pss => key
            .sign_pss(alg.hash, message, &salt(message, alg.hash.len()))
            .expect("hLen fits"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rs256::{key_2048, key_4096};

    #[test]
    fn signers_agree_with_rsa() {
        for key in [key_2048(), key_4096()] {
            for alg in ALGS.iter().filter(|a| a.is_rsa()) {
                let sig = sign(*alg, &[], key, b"message");
                assert!(
                    key.rsa_verdict_for(*alg, b"message", &sig),
                    "{}",
                    alg.name()
                );
                assert!(
                    !key.rsa_verdict_for(*alg, b"messagf", &sig),
                    "{}",
                    alg.name()
                );
            }
        }
    }
}
