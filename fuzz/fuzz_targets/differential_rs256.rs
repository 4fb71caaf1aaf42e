//! Differential fuzzing of RSASSA-PKCS1-v1_5 SHA-256 verification against
//! the `rsa` crate, under a fixed 2048-bit and a fixed 4096-bit key.
//!
//! Signatures are arbitrary bytes, valid signatures (by `rsa`) with
//! arbitrary changes, or — the interesting case — raw private-key operations
//! on encoded messages that are almost right: the valid encoding with
//! arbitrary byte edits, or with a known-bad structure (no `NULL` in the
//! `DigestInfo`, a BER long-form length, short padding with garbage after
//! the hash, another hash OID, another block type, ...).
//!
//! Asserted: `verify_raw` accepts exactly when `rsa` does, and
//! exactly when `s^e mod n` (by `rsa`) is the valid encoded message, built
//! here; the verdict is deterministic and the same
//! through a whole token (`verify` with the signature base64url-encoded).
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use jwt_embedded::{Error, Part, RequiredClaims, Rs256Key2048, Rs256Key4096, Validation};
use jwt_embedded::{buffer_len, verify};
use jwt_embedded_fuzz::rs256::{DIGEST_INFO_SHA256, TestKey, key_2048, key_4096};
use jwt_embedded_fuzz::token::b64;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    wide: bool,
    message: Vec<u8>,
    signature: Sig,
}

#[derive(Arbitrary, Debug)]
enum Sig {
    Valid,
    Raw(Vec<u8>),
    /// A valid signature, then these edits.
    Edited(Vec<Edit>),
    /// The valid encoded message, then these edits, signed raw.
    EditedEncoding(Vec<Edit>),
    /// A structurally wrong encoded message, signed raw.
    BadEncoding(Bad),
}

#[derive(Arbitrary, Debug)]
enum Edit {
    Xor { at: u16, mask: u8 },
    Set { at: u16, byte: u8 },
    Insert { at: u16, byte: u8 },
    Remove { at: u16 },
}

impl Edit {
    fn apply(&self, v: &mut Vec<u8>) {
        let len = v.len();
        let at = |i: u16| usize::from(i) % len.max(1);
        match *self {
            Edit::Xor { at: i, mask } if len > 0 => v[at(i)] ^= mask,
            Edit::Set { at: i, byte } if len > 0 => v[at(i)] = byte,
            Edit::Insert { at: i, byte } => v.insert(usize::from(i) % (len + 1), byte),
            Edit::Remove { at: i } if len > 0 => {
                v.remove(at(i));
            }
            _ => {}
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Bad {
    /// `DigestInfo` without the `NULL` parameters (lengths adjusted).
    NoNull,
    /// The outer `DigestInfo` length in BER long form (`81 31`).
    LongLength,
    /// `n` bytes of padding moved after the hash as `fill`.
    GarbageAfterHash { n: u8, fill: u8 },
    /// The padding byte at `at` set to `byte`.
    PaddingByte { at: u8, byte: u8 },
    /// Block type `01` replaced.
    BlockType(u8),
    /// The hash OID's last arc replaced (SHA-384, SHA-512, SHA-224, ...).
    HashOid(u8),
    /// The hash of other bytes.
    OtherHash(Vec<u8>),
}

impl Bad {
    fn encode(&self, key: &TestKey, message: &[u8]) -> Vec<u8> {
        let k = key.len();
        let mut em = key.encode(message);
        let t_start = k - DIGEST_INFO_SHA256.len() - 32;
        match self {
            Bad::NoNull => {
                // 30 2f 30 0b 06 09 <oid> 04 20 <hash>: two bytes shorter, padded back.
                em.drain(t_start + 15..t_start + 17);
                em[t_start + 1] = 0x2f;
                em[t_start + 3] = 0x0b;
                em.insert(2, 0xff);
                em.insert(2, 0xff);
            }
            Bad::LongLength => {
                em[t_start + 1] = 0x31;
                em.insert(t_start + 1, 0x81);
                em.remove(2);
            }
            Bad::GarbageAfterHash { n, fill } => {
                let n = usize::from(*n).min(k - 3 - DIGEST_INFO_SHA256.len() - 32);
                em.drain(2..2 + n);
                em.extend(std::iter::repeat_n(*fill, n));
            }
            Bad::PaddingByte { at, byte } => {
                let pad = t_start - 3;
                em[2 + usize::from(*at) % pad] = *byte;
            }
            Bad::BlockType(b) => em[1] = *b,
            Bad::HashOid(arc) => em[t_start + 14] = *arc,
            Bad::OtherHash(other) => {
                let other = key.encode(other);
                em[t_start..].copy_from_slice(&other[t_start..]);
            }
        }
        em
    }
}

fn keys() -> &'static (Rs256Key2048, Rs256Key4096) {
    static KEYS: OnceLock<(Rs256Key2048, Rs256Key4096)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let (small, big) = (key_2048(), key_4096());
        (
            Rs256Key2048::from_components(&small.n, &small.e).expect("2048"),
            Rs256Key4096::from_components(&big.n, &big.e).expect("4096"),
        )
    })
}

/// The signature the input describes, if it can be made.
fn signature(input: &Input, key: &TestKey, message: &[u8]) -> Option<Vec<u8>> {
    Some(match &input.signature {
        Sig::Valid => key.sign(message),
        Sig::Raw(bytes) => bytes.clone(),
        Sig::Edited(edits) => {
            let mut s = key.sign(message);
            edits.iter().for_each(|e| e.apply(&mut s));
            s
        }
        Sig::EditedEncoding(edits) => {
            let mut em = key.encode(message);
            edits.iter().for_each(|e| e.apply(&mut em));
            em.resize(key.len(), 0);
            key.sign_raw(&em)?
        }
        Sig::BadEncoding(bad) => key.sign_raw(&bad.encode(key, message))?,
    })
}

fuzz_target!(|input: Input| {
    let key = if input.wide { key_4096() } else { key_2048() };
    // The message is a token's signing input, so the verdict can also be
    // checked through `verify`.
    let signing_input = format!("eyJhbGciOiJSUzI1NiJ9.{}", b64(&input.message));
    let message = signing_input.as_bytes();
    let Some(sig) = signature(&input, key, message) else {
        return;
    };
    let (narrow, wide) = keys();
    let ours = if input.wide {
        wide.verify_raw(message, &sig)
    } else {
        narrow.verify_raw(message, &sig)
    };
    let again = if input.wide {
        wide.verify_raw(message, &sig)
    } else {
        narrow.verify_raw(message, &sig)
    };
    assert_eq!(ours, again, "not deterministic");
    if let Err(e) = ours {
        assert_eq!(e, Error::Signature, "error kind");
    }
    let theirs = key.rsa_verdict(message, &sig);
    assert_eq!(ours.is_ok(), theirs, "ours: {ours:?}, rsa: {theirs}");
    // Exactly the signatures that open (s^e mod n, by `rsa`) to the one
    // valid encoded message verify.
    let opens = key.open(&sig) == Some(key.encode(message));
    assert_eq!(
        ours.is_ok(),
        opens,
        "ours: {ours:?}, opens to the valid encoding: {opens}"
    );

    let token = format!("{signing_input}.{}", b64(&sig));
    let validation = Validation::new()
        .required(RequiredClaims::NONE)
        .danger_accept_any_audience();
    let mut buf = vec![0u8; buffer_len(token.len())];
    let verdict = if input.wide {
        verify(token.as_bytes(), wide, &validation, 0, &mut buf).map(|_| ())
    } else {
        verify(token.as_bytes(), narrow, &validation, 0, &mut buf).map(|_| ())
    };
    match (ours, verdict) {
        (Ok(()), Err(Error::Signature | Error::Malformed(Part::Signature))) => {
            panic!("verify refuses a signature verify_raw accepts")
        }
        (Err(_), Ok(())) => panic!("verify accepts a signature verify_raw refuses"),
        (Err(_), Err(e)) if sig.len() == key.len() => {
            assert_eq!(e, Error::Signature, "a k-byte bad signature")
        }
        (Err(_), Err(e)) => assert_eq!(e, Error::Malformed(Part::Signature), "wrong length"),
        _ => {}
    }
});
