//! Fuzzes `verify` and `verify_raw` with ES256 and ES384 keys (the fixed keys
//! of `jwt_embedded_fuzz::ec`, signed by RustCrypto's `p256`/`p384` with RFC
//! 6979 nonces, so every input replays).
//!
//! Input: `[selector] [token bytes]`. Bit 0 picks the curve (P-256, P-384);
//! bit 1 also verifies `token || "." || b64(sig)` with `sig` the fixed key's
//! signature of `token`, and the same with `s` replaced by `n - s`; bit 2
//! also verifies `token` with a bad signature picked by bits 3-6: `r` or `s`
//! zero, `n`, `+ n` (when it fits in the field's bytes) or all ones, a
//! signature by another key of the curve, by the other curve, or an Ed25519
//! signature.
//!
//! Invariants: no panic; deterministic (two buffers); monomorphic and `&dyn
//! VerifyingKey` agree; the shape of an accepted token (two `.`, no `=`, no
//! whitespace, its `alg` the key's, `exp`, no `aud`); a signature segment
//! that decodes to `r ‖ s` with `r` or `s` zero or `>= n` is refused by
//! `verify_raw`, and one `verify_raw` accepts is valid for the `p256`/`p384`
//! crates too; a correctly signed token is never refused for its signature,
//! nor is its high-S twin, which gets the same verdict; the other curve's
//! key never accepts it; every bad signature is refused by `verify_raw`, and
//! by `verify` for its signature when the correctly signed token is not.
#![no_main]

use std::sync::OnceLock;

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_embedded::{Algorithm, Error, Es256Key, Es384Key};
use jwt_embedded_fuzz::ec::{self, Curve};
use jwt_embedded_fuzz::verdict::{both, once, signature_refused, signed};
use libfuzzer_sys::fuzz_target;
use p256::ecdsa::signature::Verifier;

struct Keys {
    es256: Es256Key,
    es384: Es384Key,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        es256: Es256Key::from_sec1_bytes(&ec::ec_point(Curve::P256, 0)).expect("P-256"),
        es384: Es384Key::from_sec1_bytes(&ec::ec_point(Curve::P384, 0)).expect("P-384"),
    })
}

/// `verify` with the curve's key, checked (monomorphic, `&dyn`, twice).
fn check(curve: Curve, token: &[u8]) -> Result<String, Error> {
    let k = keys();
    match curve {
        Curve::P256 => both(token, &k.es256, Algorithm::Es256),
        Curve::P384 => both(token, &k.es384, Algorithm::Es384),
    }
}

/// `verify` once with the key of `curve`.
fn check_once(curve: Curve, token: &[u8]) -> Result<String, Error> {
    let k = keys();
    match curve {
        Curve::P256 => once(token, &k.es256, 0x33),
        Curve::P384 => once(token, &k.es384, 0x33),
    }
}

fn raw(curve: Curve, message: &[u8], signature: &[u8]) -> Result<(), Error> {
    let k = keys();
    let result = match curve {
        Curve::P256 => k.es256.verify_raw(message, signature),
        Curve::P384 => k.es384.verify_raw(message, signature),
    };
    assert!(
        matches!(result, Ok(()) | Err(Error::Signature)),
        "verify_raw: {result:?}"
    );
    result
}

/// The `p256`/`p384` crates' verdict on `r ‖ s` (high-S accepted there too).
fn theirs(curve: Curve, message: &[u8], signature: &[u8]) -> bool {
    let point = ec::ec_point(curve, 0);
    match curve {
        Curve::P256 => {
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).expect("P-256");
            p256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| key.verify(message, &s).is_ok())
        }
        Curve::P384 => {
            let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(&point).expect("P-384");
            p384::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| key.verify(message, &s).is_ok())
        }
    }
}

/// Whether `r` or `s` of `signature` is zero or not below `n`.
fn out_of_range(curve: Curve, signature: &[u8]) -> bool {
    let n = curve.order();
    signature
        .chunks(curve.len())
        .any(|x| x.iter().all(|&b| b == 0) || x >= n)
}

/// A bad signature for `message` (see the module documentation).
fn bad(curve: Curve, kind: u8, message: &[u8], good: &[u8]) -> Option<Vec<u8>> {
    let len = curve.len();
    let n = curve.order();
    let (r, s) = good.split_at(len);
    let join = |r: &[u8], s: &[u8]| [r, s].concat();
    Some(match kind % 12 {
        0 => join(&vec![0; len], s),
        1 => join(r, &vec![0; len]),
        2 => join(n, s),
        3 => join(r, n),
        4 => join(&ec::be_add(r, n)?, s),
        5 => join(r, &ec::be_add(s, n)?),
        6 => join(&vec![0xff; len], s),
        7 => join(r, &vec![0xff; len]),
        8 => ec::sign_ec(curve, 1, message),
        9 => ec::sign_ec(curve.other(), 0, message),
        10 => ec::sign_ed(0, message).to_vec(),
        // The signature of another message.
        _ => ec::sign_ec(curve, 0, &[message, b"."].concat()),
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, token)) = data.split_first() else {
        return;
    };
    let curve = Curve::ALL[usize::from(selector & 1)];
    let _ = check(curve, token);
    let _ = check_once(curve.other(), token);

    // A signature segment of the right length, checked as r ‖ s.
    if let Some(dot) = token.iter().rposition(|&b| b == b'.') {
        let (message, segment) = (&token[..dot], &token[dot + 1..]);
        if let Ok(sig) = Base64UrlUnpadded::decode_vec(&String::from_utf8_lossy(segment))
            && sig.len() == 2 * curve.len()
        {
            let ours = raw(curve, message, &sig);
            if out_of_range(curve, &sig) {
                assert!(ours.is_err(), "r or s out of [1, n) accepted");
            }
            if ours.is_ok() {
                assert!(theirs(curve, message, &sig), "accepted, not by the crate");
            }
        }
    }

    if selector & 6 == 0 {
        return;
    }
    // One signature per input: signing and verifying cost about a
    // millisecond each under instrumentation.
    let sig = ec::sign_ec(curve, 0, token);
    let mut good = None;
    if selector & 2 != 0 {
        assert_eq!(raw(curve, token, &sig), Ok(()), "valid signature refused");
        let result = check(curve, &signed(token, &sig));
        assert!(
            !signature_refused(&result),
            "{}: a valid signature was refused: {result:?}",
            curve.alg()
        );
        let high = ec::negate_s(curve, &sig);
        assert_eq!(raw(curve, token, &high), Ok(()), "n - s refused");
        assert_eq!(
            check_once(curve, &signed(token, &high)),
            result,
            "n - s: another verdict"
        );
        assert!(
            check_once(curve.other(), &signed(token, &sig)).is_err(),
            "{} accepted an {} token",
            curve.other().alg(),
            curve.alg()
        );
        good = Some(result);
    }
    if selector & 4 != 0 {
        let kind = (selector >> 3) & 0x0f;
        if let Some(bad_sig) = bad(curve, kind, token, &sig) {
            assert!(
                raw(curve, token, &bad_sig).is_err(),
                "{}: bad signature {kind} accepted by verify_raw",
                curve.alg()
            );
            let result = check_once(curve, &signed(token, &bad_sig));
            assert!(result.is_err(), "bad signature {kind} accepted");
            let good = good.unwrap_or_else(|| check_once(curve, &signed(token, &sig)));
            if good.is_ok() {
                assert!(
                    signature_refused(&result),
                    "bad signature {kind} refused for another reason: {result:?}"
                );
            }
        }
    }
});
