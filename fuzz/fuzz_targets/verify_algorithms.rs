//! Fuzzes `jwt_embedded::verify` with every algorithm: HS256/384/512 against
//! fixed secrets, RS256/384/512 and PS256/384/512 against the fixed 2048-bit
//! key (as `Rsa2048` and as the wider `Rsa3072`) or the fixed 4096-bit key
//! (`Rsa4096`), ES256, ES384 and EdDSA against the fixed keys of
//! `jwt_embedded_fuzz::ec` (bit 4 ignored).
//!
//! Input: `[selector] [token bytes]`. Selector bits 0-3 (modulo 12) pick the
//! algorithm in `Algorithm::ALL` order, bit 4 the 4096-bit key, bit 5 also
//! verifies `token || "." || base64url(signature)` signed by the independent
//! signers of `jwt_embedded_fuzz::schemes` (so the header and payload parsers
//! and the claims checks are reached past the signature), bit 6 also
//! verifies `token` signed under the *next* algorithm (same secret or
//! modulus), bit 7 (PSS only) also verifies `token` signed with a salt
//! length other than `hLen`.
//!
//! Invariants: no panic; verifying twice (different buffers) gives the same
//! result; the key used monomorphically and as `&dyn VerifyingKey` gives the
//! same result; both widths give the same verdict for the 2048-bit key; the
//! key reports its type's `ALGORITHM`; an accepted token has exactly two
//! '.', no '=' and no ASCII whitespace, its header `alg` is the key's
//! algorithm (or `Ed25519` for EdDSA), it carries `exp` and no `aud`; a correctly signed token is
//! never refused for its signature; a token signed under another algorithm
//! or (PSS) with another salt length is never accepted.
#![no_main]

use std::sync::OnceLock;

use jwt_embedded::{Algorithm, Error, VerifyingKey};
use jwt_embedded::{Ed25519Key, Es256Key, Es384Key};
use jwt_embedded::{Hs256Key, Hs384Key, Hs512Key, Rsa2048, Rsa3072, Rsa4096};
use jwt_embedded::{Ps256Key, Ps384Key, Ps512Key, Rs256Key, Rs384Key, Rs512Key};
use jwt_embedded_fuzz::ec::{self, Curve};
use jwt_embedded_fuzz::rs256::{TestKey, key_2048, key_4096};
use jwt_embedded_fuzz::schemes::{ALGS, Alg, Family, salt, sign};
use jwt_embedded_fuzz::verdict::{both, once, signature_refused, signed};
use libfuzzer_sys::fuzz_target;

/// One 64-byte secret: the HMAC keys use its first 32, 48 and 64 bytes.
const SECRET: &[u8; 64] = b"jwt-embedded fuzz key for every HMAC width: 64 bytes long, fixed";

/// An RSA algorithm's keys: the 2048-bit key at two widths, the 4096-bit one.
struct Widths<A, B, C>(A, B, C);

impl<A: VerifyingKey, B: VerifyingKey, C: VerifyingKey> Widths<A, B, C> {
    fn check(&self, token: &[u8], wide: bool, alg: Algorithm) -> Result<String, Error> {
        if wide {
            return both(token, &self.2, alg);
        }
        let result = both(token, &self.0, alg);
        assert_eq!(result, once(token, &self.1, 0x5a), "key widths disagree");
        result
    }
}

macro_rules! widths {
    ($key:ident) => {{
        let (small, big): (&TestKey, &TestKey) = (key_2048(), key_4096());
        Widths(
            $key::<Rsa2048>::from_components(&small.n, &small.e).expect("2048"),
            $key::<Rsa3072>::from_components(&small.n, &small.e).expect("2048 in 3072"),
            $key::<Rsa4096>::from_components(&big.n, &big.e).expect("4096"),
        )
    }};
}

struct Keys {
    hs256: Hs256Key,
    hs384: Hs384Key,
    hs512: Hs512Key,
    rs256: Widths<Rs256Key<Rsa2048>, Rs256Key<Rsa3072>, Rs256Key<Rsa4096>>,
    rs384: Widths<Rs384Key<Rsa2048>, Rs384Key<Rsa3072>, Rs384Key<Rsa4096>>,
    rs512: Widths<Rs512Key<Rsa2048>, Rs512Key<Rsa3072>, Rs512Key<Rsa4096>>,
    ps256: Widths<Ps256Key<Rsa2048>, Ps256Key<Rsa3072>, Ps256Key<Rsa4096>>,
    ps384: Widths<Ps384Key<Rsa2048>, Ps384Key<Rsa3072>, Ps384Key<Rsa4096>>,
    ps512: Widths<Ps512Key<Rsa2048>, Ps512Key<Rsa3072>, Ps512Key<Rsa4096>>,
    es256: Es256Key,
    es384: Es384Key,
    eddsa: Ed25519Key,
}

/// The keys, imported once.
fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        hs256: Hs256Key::new(&SECRET[..32]).expect("32 bytes"),
        hs384: Hs384Key::new(&SECRET[..48]).expect("48 bytes"),
        hs512: Hs512Key::new(&SECRET[..64]).expect("64 bytes"),
        rs256: widths!(Rs256Key),
        rs384: widths!(Rs384Key),
        rs512: widths!(Rs512Key),
        ps256: widths!(Ps256Key),
        ps384: widths!(Ps384Key),
        ps512: widths!(Ps512Key),
        es256: Es256Key::from_sec1_bytes(&ec::ec_point(Curve::P256, 0)).expect("P-256"),
        es384: Es384Key::from_sec1_bytes(&ec::ec_point(Curve::P384, 0)).expect("P-384"),
        eddsa: Ed25519Key::from_bytes(&ec::ed_public(0)).expect("Ed25519"),
    })
}

/// Verifies `token` with the key of `Algorithm::ALL[index]`.
fn check(token: &[u8], index: usize, wide: bool) -> Result<String, Error> {
    let k = keys();
    let alg = Algorithm::ALL[index];
    assert_eq!(alg.name(), ALGS[index].name(), "Algorithm::ALL order");
    assert_eq!(Algorithm::from_name(alg.name()), Some(alg), "from_name");
    let constant = [
        Hs256Key::ALGORITHM,
        Hs384Key::ALGORITHM,
        Hs512Key::ALGORITHM,
        Rs256Key::<Rsa2048>::ALGORITHM,
        Rs384Key::<Rsa3072>::ALGORITHM,
        Rs512Key::<Rsa4096>::ALGORITHM,
        Ps256Key::<Rsa2048>::ALGORITHM,
        Ps384Key::<Rsa3072>::ALGORITHM,
        Ps512Key::<Rsa4096>::ALGORITHM,
        Es256Key::ALGORITHM,
        Es384Key::ALGORITHM,
        Ed25519Key::ALGORITHM,
    ][index];
    assert_eq!(constant, alg, "ALGORITHM");
    match index {
        0 => both(token, &k.hs256, alg),
        1 => both(token, &k.hs384, alg),
        2 => both(token, &k.hs512, alg),
        3 => k.rs256.check(token, wide, alg),
        4 => k.rs384.check(token, wide, alg),
        5 => k.rs512.check(token, wide, alg),
        6 => k.ps256.check(token, wide, alg),
        7 => k.ps384.check(token, wide, alg),
        8 => k.ps512.check(token, wide, alg),
        9 => both(token, &k.es256, alg),
        10 => both(token, &k.es384, alg),
        _ => both(token, &k.eddsa, alg),
    }
}

fn secret(alg: Alg) -> &'static [u8] {
    &SECRET[..alg.hash.len()]
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, token)) = data.split_first() else {
        return;
    };
    let index = usize::from(selector & 0x0f) % ALGS.len();
    let wide = selector & 0x10 != 0;
    let alg = ALGS[index];
    let _ = check(token, index, wide);
    let key = if wide { key_4096() } else { key_2048() };

    if selector & 0x20 != 0 {
        let result = check(
            &signed(token, &sign(alg, secret(alg), key, token)),
            index,
            wide,
        );
        assert!(
            !signature_refused(&result),
            "{}: a valid signature was refused: {result:?}",
            alg.name()
        );
    }
    if selector & 0x40 != 0 {
        let other = ALGS[(index + 1) % ALGS.len()];
        let result = check(
            &signed(token, &sign(other, secret(other), key, token)),
            index,
            wide,
        );
        assert!(
            result.is_err(),
            "{} accepted a token signed with {}",
            alg.name(),
            other.name()
        );
    }
    if selector & 0x80 != 0 && alg.family == Family::Pss {
        let h_len = alg.hash.len();
        let lens: Vec<usize> = [0, 20, 32, 48, 64]
            .into_iter()
            .filter(|&l| l != h_len)
            .collect();
        let len = lens[token.len() % lens.len()];
        if let Some(signature) = key.sign_pss(alg.hash, token, &salt(token, len)) {
            let result = check(&signed(token, &signature), index, wide);
            assert!(
                result.is_err(),
                "{} accepted a salt of {len} bytes",
                alg.name()
            );
        }
    }
});
