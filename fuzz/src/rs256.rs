//! The fixed RSA keys of the RS256 targets, signing (raw private-key
//! operations on any encoded message), the `rsa` crate's verdicts and public
//! operation, and independent DER/PEM/JWK encoders of public keys.
//!
//! The private keys in `keys/` are fuzzing fixtures generated with OpenSSL
//! for this purpose only (PKCS#8 DER); they protect nothing.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use base64ct::{Base64, Encoding};
use num_bigint_dig::BigUint;
use rsa::BoxedUint;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::sha2::{Digest, Sha256};
use rsa::signature::Verifier;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};

use crate::token::b64;

/// A fixed test key pair.
pub struct TestKey {
    pub private: rsa::PrivateKey,
    verifier: VerifyingKey<Sha256>,
    crt: Crt,
    /// `n`, big-endian, no leading zeros.
    pub n: Vec<u8>,
    /// `e`, big-endian, no leading zeros.
    pub e: Vec<u8>,
}

/// The 2048-bit key.
pub fn key_2048() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(|| load(include_bytes!("../keys/rs256_2048.pk8.der")))
}

/// The 4096-bit key.
pub fn key_4096() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(|| load(include_bytes!("../keys/rs256_4096.pk8.der")))
}

fn load(der: &[u8]) -> TestKey {
    let private = rsa::PrivateKey::from_pkcs8_der(der).expect("fixture key");
    let n = private.n_bytes().to_vec();
    let e = private.e_bytes().to_vec();
    TestKey {
        verifier: VerifyingKey::new(private.to_public_key()),
        crt: Crt::new(&private),
        private,
        n,
        e,
    }
}

impl TestKey {
    /// `k`, the length of the modulus in bytes.
    pub fn len(&self) -> usize {
        self.n.len()
    }

    /// Always false: a key has a modulus.
    pub fn is_empty(&self) -> bool {
        self.n.is_empty()
    }

    /// The RSASSA-PKCS1-v1_5 SHA-256 signature of `message` (deterministic,
    /// so equal to `rsa`'s).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.sign_raw(&self.encode(message))
            .expect("a valid encoding is below n")
    }

    /// `em^d mod n`, `k` bytes: the signature whose encoded message is `em`,
    /// or `None` if `em` is not below `n`.
    ///
    /// Results are cached: under coverage instrumentation a private-key
    /// operation costs tens of milliseconds, and libFuzzer often mutates
    /// other parts of an input than the signed bytes.
    pub fn sign_raw(&self, em: &[u8]) -> Option<Vec<u8>> {
        static CACHE: Mutex<Option<SignatureCache>> = Mutex::new(None);
        let mut key = self.n.clone();
        key.extend_from_slice(em);
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        let cache = cache.get_or_insert_with(HashMap::new);
        if let Some(hit) = cache.get(&key) {
            return hit.clone();
        }
        let signature = self.crt.private_op(&BigUint::from_bytes_be(em)).map(|s| {
            let bytes = s.to_bytes_be();
            let mut out = vec![0u8; self.len() - bytes.len()];
            out.extend(bytes);
            out
        });
        if cache.len() >= 4096 {
            cache.clear();
        }
        cache.insert(key, signature.clone());
        signature
    }

    /// Whether `rsa` accepts `signature` over `message`.
    pub fn rsa_verdict(&self, message: &[u8], signature: &[u8]) -> bool {
        Signature::try_from(signature).is_ok_and(|s| self.verifier.verify(message, &s).is_ok())
    }

    /// `s^e mod n` as `k` bytes, for a `k`-byte `signature` below `n`
    /// (the public operation, RSAVP1), else `None`.
    pub fn open(&self, signature: &[u8]) -> Option<Vec<u8>> {
        let n = self.private.n().as_ref();
        if signature.len() != self.len() {
            return None;
        }
        let s = BoxedUint::from_be_slice(signature, n.bits_precision()).ok()?;
        if s >= *n {
            return None;
        }
        let m = rsa::hazmat::rsa_encrypt(&self.private, &s).ok()?;
        let bytes = m.to_be_bytes();
        Some(bytes[bytes.len() - self.len()..].to_vec())
    }

    /// The one valid encoded message for `message` (RFC 8017 §9.2).
    pub fn encode(&self, message: &[u8]) -> Vec<u8> {
        let mut t = DIGEST_INFO_SHA256.to_vec();
        t.extend_from_slice(&Sha256::digest(message));
        let mut em = vec![0x00, 0x01];
        em.resize(self.len() - t.len() - 1, 0xff);
        em.push(0x00);
        em.extend_from_slice(&t);
        em
    }
}

/// Signatures by `n || em`.
type SignatureCache = HashMap<Vec<u8>, Option<Vec<u8>>>;

/// The DER `DigestInfo` prefix for SHA-256 (RFC 8017 §9.2, note 1).
pub const DIGEST_INFO_SHA256: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// The private key in CRT form, for `num-bigint-dig`'s variable-time
/// arithmetic: ten times faster than `rsa`'s constant-time private operation,
/// which would dominate the RS256 targets (timing does not matter here).
struct Crt {
    n: BigUint,
    p: BigUint,
    q: BigUint,
    dp: BigUint,
    dq: BigUint,
    /// `q^-1 mod p`.
    qinv: BigUint,
}

impl Crt {
    fn new(private: &rsa::PrivateKey) -> Crt {
        let big = |x: &BoxedUint| BigUint::from_bytes_be(&x.to_be_bytes());
        let [p, q] = private.primes() else {
            panic!("a two-prime fixture key");
        };
        let (p, q, d) = (big(p.as_ref()), big(q.as_ref()), big(private.d()));
        let one = BigUint::from(1u8);
        Crt {
            n: &p * &q,
            dp: &d % (&p - &one),
            dq: &d % (&q - &one),
            // Fermat: p is prime.
            qinv: q.modpow(&(&p - BigUint::from(2u8)), &p),
            p,
            q,
        }
    }

    /// `m^d mod n`, or `None` if `m >= n`.
    fn private_op(&self, m: &BigUint) -> Option<BigUint> {
        if m >= &self.n {
            return None;
        }
        let m1 = m.modpow(&self.dp, &self.p);
        let m2 = m.modpow(&self.dq, &self.q);
        let diff = (&m1 + &self.p - (&m2 % &self.p)) % &self.p;
        let h = (&self.qinv * diff) % &self.p;
        Some(m2 + h * &self.q)
    }
}

/// A DER length in its shortest form.
fn der_len(len: usize) -> Vec<u8> {
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
    out.extend(der_len(content.len()));
    out.extend_from_slice(content);
    out
}

/// A DER `INTEGER` holding the unsigned big-endian `value`.
fn unsigned_integer(value: &[u8]) -> Vec<u8> {
    let trimmed: Vec<u8> = value.iter().copied().skip_while(|&b| b == 0).collect();
    let mut content = Vec::new();
    if trimmed.first().is_none_or(|&b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend(trimmed);
    tlv(0x02, &content)
}

/// PKCS#1 `RSAPublicKey` DER.
pub fn pkcs1_der(n: &[u8], e: &[u8]) -> Vec<u8> {
    let mut body = unsigned_integer(n);
    body.extend(unsigned_integer(e));
    tlv(0x30, &body)
}

/// X.509 `SubjectPublicKeyInfo` DER (rsaEncryption, NULL parameters).
pub fn spki_der(n: &[u8], e: &[u8]) -> Vec<u8> {
    const RSA_OID: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    let mut algorithm = tlv(0x06, &RSA_OID);
    algorithm.extend([0x05, 0x00]);
    let mut bits = vec![0x00];
    bits.extend(pkcs1_der(n, e));
    let mut body = tlv(0x30, &algorithm);
    body.extend(tlv(0x03, &bits));
    tlv(0x30, &body)
}

/// A PEM document (RFC 7468): 64-character lines, LF line breaks.
pub fn pem(label: &str, der: &[u8]) -> String {
    let body = Base64::encode_string(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// A public JWK; `n` and `e` without leading zero octets.
pub fn jwk(n: &[u8], e: &[u8]) -> String {
    let trim = |v: &[u8]| -> Vec<u8> {
        let t: Vec<u8> = v.iter().copied().skip_while(|&b| b == 0).collect();
        if t.is_empty() { vec![0] } else { t }
    };
    format!(
        r#"{{"kty":"RSA","use":"sig","alg":"RS256","n":"{}","e":"{}"}}"#,
        b64(&trim(n)),
        b64(&trim(e))
    )
}
