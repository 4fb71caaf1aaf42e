//! dudect-style timing check (Reparaz, Balasch, Verbauwhede 2016) of HS256
//! verification: Welch's t-test between the run times of two classes of
//! inputs, on cropped distributions. |t| > 5 is strong evidence of a timing
//! difference; smaller values are no proof of constant time, and this machine
//! is noisy. Not a CI gate; the numbers are recorded in SECURITY.md.
//!
//! ```sh
//! cargo run --release --manifest-path .ci/ct-harness/Cargo.toml --features dudect --bin dudect
//! # one bench, sampling until interrupted:
//! cargo run --release --manifest-path .ci/ct-harness/Cargo.toml --features dudect --bin dudect \
//!     -- --continuous mac_first_vs_last
//! ```
//!
//! Classes: the right tag, a tag wrong in its first byte, a tag wrong in its
//! last byte (a random nonzero difference in that byte, fresh per sample).

use std::cell::RefCell;

use base64ct::{Base64UrlUnpadded, Encoding};
use dudect_bencher::rand::RngExt;
use dudect_bencher::{BenchRng, Class, CtRunner, ctbench_main_with_seeds};
use hmac::{Hmac, KeyInit, Mac};
use jwt_embedded::{Hs256Key, Validation, buffer_len, verify};
use sha2::Sha256;

/// Samples per bench (both classes together), unless `DUDECT_SAMPLES` says.
fn samples() -> usize {
    std::env::var("DUDECT_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}
const NOW: i64 = 1_750_000_000;
const SECRET: &[u8; 32] = b"Kf3\x00\x9c correct horse staple \xff\x10\x80!@";
const HEADER: &[u8] = br#"{"alg":"HS256","typ":"JWT"}"#;
const PAYLOAD: &[u8] = br#"{"sub":"device-1","exp":4102444800}"#;

#[derive(Clone, Copy)]
enum Tag {
    Right,
    WrongFirst,
    WrongLast,
}

fn b64(bytes: &[u8]) -> String {
    let mut out = [0u8; 128];
    Base64UrlUnpadded::encode(bytes, &mut out)
        .expect("short input")
        .to_owned()
}

fn signing_input() -> String {
    format!("{}.{}", b64(HEADER), b64(PAYLOAD))
}

fn right_tag() -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET).expect("any key length");
    mac.update(signing_input().as_bytes());
    mac.finalize().into_bytes().into()
}

fn tag(kind: Tag, rng: &mut BenchRng) -> [u8; 32] {
    let mut tag = right_tag();
    let flip = rng.random_range(1..=255u8);
    match kind {
        Tag::Right => {}
        Tag::WrongFirst => tag[0] ^= flip,
        Tag::WrongLast => tag[31] ^= flip,
    }
    tag
}

/// Random interleaving of the two classes, as dudect prescribes.
fn classes(rng: &mut BenchRng, left: Tag, right: Tag) -> Vec<(Class, [u8; 32])> {
    (0..samples())
        .map(|_| {
            if rng.random::<bool>() {
                (Class::Left, tag(left, rng))
            } else {
                (Class::Right, tag(right, rng))
            }
        })
        .collect()
}

/// `Hs256Key::verify_mac`: HMAC-SHA-256 and the constant-time comparison.
fn mac(runner: &mut CtRunner, rng: &mut BenchRng, left: Tag, right: Tag) {
    let key = Hs256Key::new(SECRET).expect("32 bytes");
    let message = signing_input();
    for (class, tag) in classes(rng, left, right) {
        runner.run_one(class, || key.verify_mac(message.as_bytes(), &tag));
    }
}

/// `verify` on whole tokens (base64url tag decoding included).
fn token(runner: &mut CtRunner, rng: &mut BenchRng, left: Tag, right: Tag) {
    let key = Hs256Key::new(SECRET).expect("32 bytes");
    let policy = Validation::new();
    let inputs: Vec<(Class, Vec<u8>)> = classes(rng, left, right)
        .into_iter()
        .map(|(class, tag)| {
            (
                class,
                format!("{}.{}", signing_input(), b64(&tag)).into_bytes(),
            )
        })
        .collect();
    let buf = RefCell::new(vec![0u8; buffer_len(inputs[0].1.len())]);
    for (class, token) in &inputs {
        runner.run_one(*class, || {
            verify(token, &key, &policy, NOW, &mut buf.borrow_mut()).is_ok()
        });
    }
}

fn mac_right_vs_first(runner: &mut CtRunner, rng: &mut BenchRng) {
    mac(runner, rng, Tag::Right, Tag::WrongFirst);
}

fn mac_right_vs_last(runner: &mut CtRunner, rng: &mut BenchRng) {
    mac(runner, rng, Tag::Right, Tag::WrongLast);
}

fn mac_first_vs_last(runner: &mut CtRunner, rng: &mut BenchRng) {
    mac(runner, rng, Tag::WrongFirst, Tag::WrongLast);
}

fn verify_first_vs_last(runner: &mut CtRunner, rng: &mut BenchRng) {
    token(runner, rng, Tag::WrongFirst, Tag::WrongLast);
}

/// Expected to differ: an accepted token goes on to payload decoding and
/// claim checks, a rejected one stops. The verdict is public.
fn verify_right_vs_first(runner: &mut CtRunner, rng: &mut BenchRng) {
    token(runner, rng, Tag::Right, Tag::WrongFirst);
}

/// Positive control: the same HMAC, compared with an early-exit byte loop
/// (the leak `.ci/ct --mutants` injects as `early-exit-loop`). Shows whether
/// this machine resolves a difference of 31 byte comparisons at all.
fn control_early_exit_first_vs_last(runner: &mut CtRunner, rng: &mut BenchRng) {
    let keyed = Hmac::<Sha256>::new_from_slice(SECRET).expect("any key length");
    let message = signing_input();
    for (class, tag) in classes(rng, Tag::WrongFirst, Tag::WrongLast) {
        runner.run_one(class, || {
            let mut mac = keyed.clone();
            mac.update(message.as_bytes());
            let expected: [u8; 32] = mac.finalize().into_bytes().into();
            expected.iter().zip(&tag).all(|(a, b)| a == b)
        });
    }
}

ctbench_main_with_seeds!(
    (mac_right_vs_first, Some(0x6a77_7401)),
    (mac_right_vs_last, Some(0x6a77_7402)),
    (mac_first_vs_last, Some(0x6a77_7403)),
    (verify_first_vs_last, Some(0x6a77_7404)),
    (verify_right_vs_first, Some(0x6a77_7405)),
    (control_early_exit_first_vs_last, Some(0x6a77_7406))
);
