//! Fuzzes `verify` and `verify_raw` with an Ed25519 key (the fixed key of
//! `jwt_embedded_fuzz::ec`, signed by `ed25519-dalek`; Ed25519 signing is
//! deterministic, so every input replays).
//!
//! Input: `[selector] [token bytes]`. Bit 1 also verifies `token || "." ||
//! b64(sig)` with `sig` the fixed key's signature of `token`; bit 2 also
//! verifies `token` with a bad signature picked by bits 3-6: `S + L`
//! (non-canonical), `S = L`, `S` all ones, a signature by another key, `R`
//! the identity or another small-order point, `R` non-canonical (`y >= p`),
//! the signature of another message, or an ES256 signature (the same
//! length); bit 0 also checks the token under the other key (key 1).
//!
//! Invariants: no panic; deterministic (two buffers); monomorphic and `&dyn
//! VerifyingKey` agree; the shape of an accepted token (its `alg` `EdDSA` or
//! `Ed25519`); an ES256 key refuses whatever the Ed25519 key accepts; a
//! signature segment that decodes to 64 bytes with `S >= L` is refused by
//! `verify_raw`, one it accepts is valid for `ed25519-dalek`'s lax `verify`
//! too; a correctly signed token is never refused for its signature; every
//! bad signature is refused by `verify_raw`, and by `verify` for its
//! signature when the correctly signed token is not; the other key refuses
//! the fixed key's signature.
#![no_main]

use std::sync::OnceLock;

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_embedded::{Algorithm, Ed25519Key, Error, Es256Key};
use jwt_embedded_fuzz::ec::{self, Curve, ED25519_L};
use jwt_embedded_fuzz::verdict::{both, once, signature_refused, signed};
use libfuzzer_sys::fuzz_target;

struct Keys {
    ours: Ed25519Key,
    other: Ed25519Key,
    es256: Es256Key,
    dalek: ed25519_dalek::VerifyingKey,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        ours: Ed25519Key::from_bytes(&ec::ed_public(0)).expect("Ed25519"),
        other: Ed25519Key::from_bytes(&ec::ed_public(1)).expect("Ed25519"),
        es256: Es256Key::from_sec1_bytes(&ec::ec_point(Curve::P256, 0)).expect("P-256"),
        dalek: ed25519_dalek::VerifyingKey::from_bytes(&ec::ed_public(0)).expect("Ed25519"),
    })
}

fn raw(key: &Ed25519Key, message: &[u8], signature: &[u8]) -> Result<(), Error> {
    let result = key.verify_raw(message, signature);
    assert!(
        matches!(result, Ok(()) | Err(Error::Signature)),
        "verify_raw: {result:?}"
    );
    result
}

/// Whether the little-endian `s` is at least `L`.
fn s_not_reduced(s: &[u8]) -> bool {
    s.iter().rev().cmp(ED25519_L.iter().rev()) != std::cmp::Ordering::Less
}

/// A bad signature for `message` (see the module documentation).
fn bad(kind: u8, message: &[u8], good: &[u8; 64]) -> Option<Vec<u8>> {
    let (r, s) = good.split_at(32);
    let join = |r: &[u8], s: &[u8]| [r, s].concat();
    let mut identity = [0u8; 32];
    identity[0] = 1;
    // A point of order 2: (0, -1), y = p - 1.
    let mut order2 = [0xffu8; 32];
    order2[0] = 0xec;
    order2[31] = 0x7f;
    // y = p (non-canonical encoding of y = 0, a point of order 4).
    let mut y_p = [0xffu8; 32];
    y_p[0] = 0xed;
    y_p[31] = 0x7f;
    Some(match kind % 10 {
        0 => join(r, &ec::le_add(s, &ED25519_L)?),
        1 => join(r, &ED25519_L),
        2 => join(r, &[0xff; 32]),
        3 => ec::sign_ed(1, message).to_vec(),
        4 => join(&identity, s),
        5 => join(&order2, s),
        6 => join(&y_p, s),
        7 => ec::sign_ed(0, &[message, b"."].concat()).to_vec(),
        8 => ec::sign_ec(Curve::P256, 0, message),
        // S = 0 and R the identity: [0]B = R holds only if [k]A is the identity.
        _ => join(&identity, &[0; 32]),
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, token)) = data.split_first() else {
        return;
    };
    let k = keys();
    let ours = both(token, &k.ours, Algorithm::EdDsa);
    let es = once(token, &k.es256, 0x33);
    assert!(
        !(ours.is_ok() && es.is_ok()),
        "accepted by both an Ed25519 and an ES256 key"
    );

    if let Some(dot) = token.iter().rposition(|&b| b == b'.') {
        let (message, segment) = (&token[..dot], &token[dot + 1..]);
        if let Ok(sig) = Base64UrlUnpadded::decode_vec(&String::from_utf8_lossy(segment))
            && sig.len() == 64
        {
            let result = raw(&k.ours, message, &sig);
            if s_not_reduced(&sig[32..]) {
                assert!(result.is_err(), "S >= L accepted");
            }
            if result.is_ok() {
                let s = ed25519_dalek::Signature::from_slice(&sig).expect("64 bytes");
                assert!(
                    k.dalek.verify_strict(message, &s).is_ok()
                        && ed25519_dalek::Verifier::verify(&k.dalek, message, &s).is_ok(),
                    "accepted, not by ed25519-dalek"
                );
            }
        }
    }

    if selector & 7 == 0 {
        return;
    }
    let sig = ec::sign_ed(0, token);
    let mut good = None;
    if selector & 1 != 0 {
        assert!(raw(&k.other, token, &sig).is_err(), "another key accepted");
        assert!(
            once(&signed(token, &sig), &k.other, 0x44).is_err(),
            "another key accepted the token"
        );
    }
    if selector & 2 != 0 {
        assert_eq!(raw(&k.ours, token, &sig), Ok(()), "valid signature refused");
        let result = both(&signed(token, &sig), &k.ours, Algorithm::EdDsa);
        assert!(
            !signature_refused(&result),
            "EdDSA: a valid signature was refused: {result:?}"
        );
        good = Some(result);
    }
    if selector & 4 != 0 {
        let kind = (selector >> 3) & 0x0f;
        if let Some(bad_sig) = bad(kind, token, &sig) {
            assert!(
                raw(&k.ours, token, &bad_sig).is_err(),
                "bad signature {kind} accepted by verify_raw"
            );
            let result = once(&signed(token, &bad_sig), &k.ours, 0x55);
            assert!(result.is_err(), "bad signature {kind} accepted");
            let good = good.unwrap_or_else(|| once(&signed(token, &sig), &k.ours, 0x66));
            if good.is_ok() {
                assert!(
                    signature_refused(&result),
                    "bad signature {kind} refused for another reason: {result:?}"
                );
            }
        }
    }
});
