//! Flash and stack of one verify, per algorithm.
//!
//! Built once per feature set by `.ci/firmware`: without features (the
//! baseline image), with `hs256`, and with `hs512` / `rs256-2048` /
//! `rs256-4096` / `ps256-2048` / `policy` (each on top of `hs256`; `policy`
//! verifies a token taken from an `Authorization` value under maximum age
//! and lifetime, required scopes and a deny list), and with
//! `rs256-2048,ps256-2048` (what PS256 adds to an RS256 image, the RSA
//! arithmetic being there already). Every image holds the same tokens and keys, and runs
//! the same measurement glue (stack painting, printing) at least once; the
//! images differ in the verify calls, key setup and a few more lines printed
//! (about 100 bytes of format data and calls per algorithm, counted in its
//! share), so the difference in `text + data` between two images is the
//! verifier's share of flash, slightly over-counted.
//!
//! `es256` / `es384` / `eddsa` (each on top of `hs256`) verify the bench
//! fixtures of those algorithms, the keys imported from the raw point / key
//! bytes.
//!
//! Each verify runs between the calls `marker_start()` and `marker_end()`,
//! where `.ci/firmware`'s QEMU plugin counts the instructions executed (one
//! `instructions=` figure per verify, in the order of the `stack_bytes=`
//! lines).
//!
//! Each verify runs under stack painting and prints
//! `stack_bytes=<peak stack of one verify> alg=<alg> target=<triple>`, plus a
//! `key_setup_stack_bytes=` line for building the key and a `key_bytes=`
//! line for the key's size in RAM. A verify that does
//! not succeed fails the run.
#![no_std]
#![no_main]

use core::hint::black_box;

#[cfg(feature = "hs256")]
use jwt_embedded::{Hs256Key, Validation, buffer_len, verify};
use jwt_embedded_firmware::fixtures::{
    ED25519_KEY, ES256_POINT, ES384_POINT, PS2048_E, PS2048_N, RS2048_E, RS2048_N, RS4096_E,
    RS4096_N,
};
use jwt_embedded_firmware::{TARGET, entry, exit, println, stack};

const HS256_TOKEN: &str = include_str!("../../../../benches/fixtures/hs256.jwt");
const RS2048_TOKEN: &str = include_str!("../../../../benches/fixtures/rs256_2048.jwt");
const RS4096_TOKEN: &str = include_str!("../../../../benches/fixtures/rs256_4096.jwt");
/// The HS256 fixture's claims plus `"scope":"telemetry:read telemetry:write"`.
const POLICY_TOKEN: &str = include_str!("../../fixtures/policy.jwt");
/// The HS256 fixture's claims, HS512 with [`SECRET64`] and PS256 with the key
/// of `fixtures/ps256_2048.pub.jwk.json` (`fixtures/make_fixtures.py`).
const HS512_TOKEN: &str = include_str!("../../fixtures/hs512.jwt");
const PS2048_TOKEN: &str = include_str!("../../fixtures/ps256_2048.jwt");
/// The bench fixtures' claims, ES256 / ES384 / EdDSA (`benches/fixtures/generate_ec.py`).
const ES256_TOKEN: &str = include_str!("../../../../benches/fixtures/es256.jwt");
const ES384_TOKEN: &str = include_str!("../../../../benches/fixtures/es384.jwt");
const EDDSA_TOKEN: &str = include_str!("../../../../benches/fixtures/eddsa.jwt");
const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
/// HS512 needs a 64-byte secret (RFC 7518 §3.2): [`SECRET`] twice.
const SECRET64: &[u8] = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
#[cfg(feature = "hs256")]
const NOW: i64 = 1_750_000_000;

#[cfg(feature = "hs256")]
const POLICY: Validation<'static> = Validation::new()
    .issuer("https://issuer.example.com")
    .audience("api://telemetry")
    .leeway(60);

/// The verify buffer for the longest fixture token (caller-owned, in RAM,
/// not counted in the stack figure: it lives in `main`'s frame).
#[cfg(feature = "hs256")]
const BUF_LEN: usize = buffer_len(RS4096_TOKEN.len());

/// FNV-1a over the inputs every image carries, so that each image keeps the
/// same data in flash whatever it verifies.
#[inline(never)]
fn fingerprint(parts: &[&[u8]]) -> u32 {
    parts
        .iter()
        .flat_map(|p| p.iter())
        .fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
        })
}

/// Verifies between the markers so far (the two markers must differ, or
/// the linker folds them into one function).
static MARKED: core::sync::atomic::AtomicU32 = core::sync::atomic::AtomicU32::new(0);

/// Where the instruction count of a verify starts (`.ci/firmware`'s QEMU
/// plugin counts from this function's first instruction).
#[unsafe(no_mangle)]
#[inline(never)]
pub extern "C" fn marker_start() {
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

/// Where the instruction count of a verify ends.
#[unsafe(no_mangle)]
#[inline(never)]
pub extern "C" fn marker_end() {
    // Load and store: Cortex-M0 has no atomic read-modify-write.
    let marked = MARKED.load(core::sync::atomic::Ordering::Relaxed);
    MARKED.store(
        marked.wrapping_add(1),
        core::sync::atomic::Ordering::Relaxed,
    );
}

/// Verifies and reads the claims a device acts on: the length of `sub`
/// (0 on any error, so that a failure is visible). Between the markers.
#[cfg(feature = "hs256")]
#[inline(never)]
fn verify_claims<K: jwt_embedded::VerifyingKey>(token: &str, key: &K, buf: &mut [u8]) -> usize {
    marker_start();
    let sub = match verify(token.as_bytes(), key, &POLICY, NOW, buf) {
        Ok(verified) => verified.claims().sub.map_or(0, |sub| sub.raw().len()),
        Err(_) => 0,
    };
    marker_end();
    sub
}

/// The floor of an HS256 verify: the HMAC-SHA-256 of the same token's
/// signing input and the constant-time comparison of its tag, exactly the
/// check `verify` makes (`verify_mac`), with nothing else. Between the
/// markers.
#[cfg(feature = "hs256-floor")]
#[inline(never)]
fn hmac_floor(key: &Hs256Key, signing_input: &[u8], tag: &[u8]) -> bool {
    marker_start();
    let ok = key.verify_mac(black_box(signing_input), tag).is_ok();
    marker_end();
    ok
}

/// The session-token policy on top of [`POLICY`]: the token taken from an
/// `Authorization` value, a maximum age and lifetime, required scopes and a
/// deny list holding another token (the list, like the buffer, is the
/// caller's RAM, outside the stack figure). Returns the length of `sub` (0 on
/// any error).
#[cfg(feature = "policy")]
#[inline(never)]
fn verify_session(
    authorization: &[u8],
    key: &Hs256Key,
    deny: &jwt_embedded::DenyList<8>,
    buf: &mut [u8],
) -> usize {
    let policy = POLICY
        .max_age(100_000_000)
        .max_lifetime(2_500_000_000)
        .scopes(&["telemetry:write"])
        .revocation(deny);
    marker_start();
    let sub = match jwt_embedded::bearer_token(authorization) {
        Ok(token) => match verify(token, key, &policy, NOW, buf) {
            Ok(verified) => verified.claims().sub.map_or(0, |sub| sub.raw().len()),
            Err(_) => 0,
        },
        Err(_) => 0,
    };
    marker_end();
    sub
}

/// Imports an RSA public key from `n` and `e` in a frame of its own, so that
/// the painted `key_setup_stack_bytes` counts it: inlined into `main` (as
/// LLVM does when one key type is imported), its locals would sit in
/// `main`'s frame, above the painted region. Generic over the width only:
/// RS256 and PS256 keys of one width share it, as they share the import.
#[cfg(any(feature = "rs256-2048", feature = "rs256-4096", feature = "ps256-2048"))]
#[inline(never)]
fn import<W: jwt_embedded::RsaWidth>(n: &[u8], e: &[u8]) -> Option<jwt_embedded::RsaPublicKey<W>> {
    jwt_embedded::RsaPublicKey::from_components(n, e).ok()
}

/// Runs `f` under stack painting, prints its line, and says whether it
/// returned `expected`.
fn measured<R: PartialEq>(label: &str, alg: &str, expected: R, f: impl FnOnce() -> R) -> bool {
    let (result, used) = stack::measure(f);
    println!("{}={} alg={} target={}", label, used, alg, TARGET);
    result == expected
}

#[entry]
fn main() -> ! {
    let fp = fingerprint(&[
        black_box(HS256_TOKEN).as_bytes(),
        black_box(RS2048_TOKEN).as_bytes(),
        black_box(RS4096_TOKEN).as_bytes(),
        black_box(POLICY_TOKEN).as_bytes(),
        black_box(HS512_TOKEN).as_bytes(),
        black_box(PS2048_TOKEN).as_bytes(),
        black_box(SECRET),
        black_box(SECRET64),
        black_box(RS2048_N),
        black_box(RS2048_E),
        black_box(RS4096_N),
        black_box(RS4096_E),
        black_box(PS2048_N),
        black_box(PS2048_E),
        black_box(ES256_TOKEN).as_bytes(),
        black_box(ES384_TOKEN).as_bytes(),
        black_box(EDDSA_TOKEN).as_bytes(),
        black_box(ES256_POINT),
        black_box(ES384_POINT),
        black_box(ED25519_KEY),
    ]);
    println!("inputs fingerprint={:08x} target={}", fp, TARGET);
    // Every image prints the same lines, so they cancel out in the flash
    // differences. (`size_of` links no code.)
    for (alg, bytes) in [
        ("HS256", core::mem::size_of::<jwt_embedded::Hs256Key>()),
        ("HS512", core::mem::size_of::<jwt_embedded::Hs512Key>()),
        (
            "RS256-2048",
            core::mem::size_of::<jwt_embedded::Rs256Key2048>(),
        ),
        (
            "RS256-4096",
            core::mem::size_of::<jwt_embedded::Rs256Key4096>(),
        ),
        (
            "PS256-2048",
            core::mem::size_of::<jwt_embedded::Ps256Key<jwt_embedded::Rsa2048>>(),
        ),
    ] {
        println!("key_bytes={} alg={} target={}", bytes, alg, TARGET);
    }
    // The deny list's RAM: its size with 1 and with 8 entries.
    for (entries, bytes) in [
        (1, core::mem::size_of::<jwt_embedded::DenyList<1>>()),
        (8, core::mem::size_of::<jwt_embedded::DenyList<8>>()),
    ] {
        println!(
            "deny_list_bytes={} entries={} target={}",
            bytes, entries, TARGET
        );
    }
    // The measurement glue (painting, a stack line) runs in every image, the
    // baseline included, so that it cancels out of the flash differences.
    let expected = fingerprint(&[SECRET]);
    #[cfg_attr(not(feature = "hs256"), allow(unused_mut))]
    let mut ok = measured("stack_bytes", "none", expected, || {
        fingerprint(&[black_box(SECRET)])
    });

    #[cfg(feature = "hs256")]
    {
        let mut buf = [0u8; BUF_LEN];
        let key = stack::measure(|| Hs256Key::new(black_box(SECRET))).0;
        match key {
            Ok(key) => {
                ok &= measured("stack_bytes", "HS256", 11, || {
                    verify_claims(black_box(HS256_TOKEN), &key, &mut buf)
                });
            }
            Err(_) => ok = false,
        }
    }

    #[cfg(feature = "hs256-floor")]
    {
        // Bytes and `get` (no `str` slicing) and the crate's own strict
        // decoder: no panic paths, which the panic-site check would find.
        let token = HS256_TOKEN.as_bytes();
        let parts = token
            .iter()
            .rposition(|&b| b == b'.')
            .and_then(|dot| Some((token.get(..dot)?, token.get(dot + 1..)?)));
        let mut tag = [0u8; 32];
        let decoded = parts.map(|(_, signature)| {
            jwt_embedded::internal::base64url_decode(signature, &mut tag)
                .is_some_and(|t| t.len() == 32)
        });
        match (Hs256Key::new(black_box(SECRET)), parts, decoded) {
            (Ok(key), Some((signing_input, _)), Some(true)) => {
                ok &= measured("stack_bytes", "HS256-floor", true, || {
                    hmac_floor(&key, signing_input, &tag)
                });
            }
            _ => ok = false,
        }
    }

    #[cfg(feature = "hs512")]
    {
        let mut buf = [0u8; BUF_LEN];
        let key = stack::measure(|| jwt_embedded::Hs512Key::new(black_box(SECRET64))).0;
        match key {
            Ok(key) => {
                ok &= measured("stack_bytes", "HS512", 11, || {
                    verify_claims(black_box(HS512_TOKEN), &key, &mut buf)
                });
            }
            Err(_) => ok = false,
        }
    }

    #[cfg(feature = "policy")]
    {
        let mut buf = [0u8; BUF_LEN];
        let mut header = [0u8; 7 + POLICY_TOKEN.len()];
        let (scheme, token) = header.split_at_mut(7);
        scheme.copy_from_slice(b"Bearer ");
        token.copy_from_slice(POLICY_TOKEN.as_bytes());
        let mut deny = jwt_embedded::DenyList::<8>::new();
        ok &= deny.revoke_jti("another-token", NOW + 3600, NOW).is_ok();
        match Hs256Key::new(black_box(SECRET)) {
            Ok(key) => {
                ok &= measured("stack_bytes", "HS256+policy", 11, || {
                    verify_session(black_box(&header), &key, &deny, &mut buf)
                });
            }
            Err(_) => ok = false,
        }
    }

    #[cfg(feature = "rs256-2048")]
    {
        let mut buf = [0u8; BUF_LEN];
        let mut key: Option<jwt_embedded::Rs256Key2048> = None;
        ok &= measured("key_setup_stack_bytes", "RS256-2048", true, || {
            key = import(black_box(RS2048_N), black_box(RS2048_E)).map(Into::into);
            key.is_some()
        });
        if let Some(key) = key {
            ok &= measured("stack_bytes", "RS256-2048", 11, || {
                verify_claims(black_box(RS2048_TOKEN), &key, &mut buf)
            });
        }
    }

    #[cfg(feature = "rs256-4096")]
    {
        let mut buf = [0u8; BUF_LEN];
        let mut key: Option<jwt_embedded::Rs256Key4096> = None;
        ok &= measured("key_setup_stack_bytes", "RS256-4096", true, || {
            key = import(black_box(RS4096_N), black_box(RS4096_E)).map(Into::into);
            key.is_some()
        });
        if let Some(key) = key {
            ok &= measured("stack_bytes", "RS256-4096", 11, || {
                verify_claims(black_box(RS4096_TOKEN), &key, &mut buf)
            });
        }
    }

    #[cfg(feature = "ps256-2048")]
    {
        use jwt_embedded::{Ps256Key, Rsa2048};
        let mut buf = [0u8; BUF_LEN];
        let mut key: Option<Ps256Key<Rsa2048>> = None;
        ok &= measured("key_setup_stack_bytes", "PS256-2048", true, || {
            key = import(black_box(PS2048_N), black_box(PS2048_E)).map(Into::into);
            key.is_some()
        });
        if let Some(key) = key {
            ok &= measured("stack_bytes", "PS256-2048", 11, || {
                verify_claims(black_box(PS2048_TOKEN), &key, &mut buf)
            });
        }
    }

    #[cfg(feature = "es256")]
    {
        let mut buf = [0u8; BUF_LEN];
        let mut key = None;
        println!(
            "key_bytes={} alg=ES256 target={}",
            core::mem::size_of::<jwt_embedded::Es256Key>(),
            TARGET
        );
        ok &= measured("key_setup_stack_bytes", "ES256", true, || {
            key = jwt_embedded::Es256Key::from_sec1_bytes(black_box(ES256_POINT)).ok();
            key.is_some()
        });
        if let Some(key) = key {
            ok &= measured("stack_bytes", "ES256", 11, || {
                verify_claims(black_box(ES256_TOKEN), &key, &mut buf)
            });
        }
    }

    #[cfg(feature = "es384")]
    {
        let mut buf = [0u8; BUF_LEN];
        let mut key = None;
        println!(
            "key_bytes={} alg=ES384 target={}",
            core::mem::size_of::<jwt_embedded::Es384Key>(),
            TARGET
        );
        ok &= measured("key_setup_stack_bytes", "ES384", true, || {
            key = jwt_embedded::Es384Key::from_sec1_bytes(black_box(ES384_POINT)).ok();
            key.is_some()
        });
        if let Some(key) = key {
            ok &= measured("stack_bytes", "ES384", 11, || {
                verify_claims(black_box(ES384_TOKEN), &key, &mut buf)
            });
        }
    }

    #[cfg(feature = "eddsa")]
    {
        let mut buf = [0u8; BUF_LEN];
        let mut key = None;
        println!(
            "key_bytes={} alg=EdDSA target={}",
            core::mem::size_of::<jwt_embedded::Ed25519Key>(),
            TARGET
        );
        ok &= measured("key_setup_stack_bytes", "EdDSA", true, || {
            key = jwt_embedded::Ed25519Key::from_bytes(black_box(ED25519_KEY)).ok();
            key.is_some()
        });
        if let Some(key) = key {
            ok &= measured("stack_bytes", "EdDSA", 11, || {
                verify_claims(black_box(EDDSA_TOKEN), &key, &mut buf)
            });
        }
    }

    #[cfg(feature = "jwks")]
    {
        /// Microsoft Entra's JWK Set (`tests/vectors/jwks/`).
        const ENTRA: &str = include_str!("../../../vectors/jwks/entra-common.json");
        use jwt_embedded::{Algorithm, KeySet, KeySetPolicy, SetKey};
        /// 14 keys (Entra's set); 2 on Cortex-M0 (no atomic CAS: the
        /// microbit board), whose 16 KiB of RAM cannot hold 14.
        const CAPACITY: usize = if cfg!(target_has_atomic = "32") {
            14
        } else {
            2
        };
        println!(
            "key_bytes={} alg=SetKey target={}",
            core::mem::size_of::<SetKey>(),
            TARGET
        );
        println!(
            "key_bytes={} alg=KeySet<{}> target={}",
            core::mem::size_of::<KeySet<CAPACITY>>(),
            CAPACITY,
            TARGET
        );
        let mut set = KeySet::<CAPACITY>::new();
        ok &= measured("jwks_parse_stack_bytes", "KeySet", CAPACITY, || {
            let policy = KeySetPolicy::new().assume(Algorithm::Rs256);
            if let Ok(parsed) = KeySet::<CAPACITY>::from_jwks(black_box(ENTRA), &policy) {
                set = parsed;
            }
            set.len()
        });
    }

    println!(
        "measure: {} target={}",
        if ok { "ok" } else { "FAILED" },
        TARGET
    );
    exit(ok)
}
