//! Bounded cost: no token may cost more than a small multiple of a benign
//! one of the same length. The work every parsing stage does is linear in
//! its input, and this target asserts it.
//!
//! Input: bytes, used five ways. After each stage the work counter of
//! jwt-embedded (`internal::take_work`, compiled under `cfg(fuzzing)`:
//! bytes the JSON scanner passes, duplicate-name comparisons and slot
//! shifts, names with escapes decoded and compared, decoded characters
//! compared, NumericDate digits and shifts, array elements re-read for
//! `aud`) must be at most `A * len + B`, where `len` is the input's length:
//!
//! 1. `parse_header` on the input as text (if UTF-8);
//! 2. `parse_claims` on it;
//! 3. `verify` of an HS256 token whose payload is the input (fixed header
//!    with `typ`, signed with `hmac` directly, so the payload is always
//!    parsed), with a policy that checks `typ` and five audiences (every
//!    `aud` element is compared with them) and a leeway so large that
//!    `exp`/`nbf` rarely stop the checks before `aud`;
//! 4. `peek_header` of a token whose header is the input;
//! 5. `verify` of a token whose header is the input (fixed payload), with a
//!    `typ` policy, so a long or escaped `typ` is matched.
//!
//! Base64 decoding, HMAC and splitting are not counted (linear by
//! construction), and a token whose header segment is over `MAX_HEADER_LEN`
//! costs nothing (refused before decoding).
//!
//! The constants come from measurement (`COST_REPORT=1`, below) over the
//! seeds, the finds of the campaigns and crafted worst cases. The highest
//! ratio `work / len` is 7.3: 63 one-byte names in descending order
//! (`{"~":0,"}":0,…}`), each shifting all of its object's names before it
//! (up to 63 slots for a member of 6 bytes), about the most the design
//! allows (63 open names). Names with escapes reached 9.3 until each was
//! decoded once and fingerprinted (objects of 8 such names decoding to 64
//! bytes with a 63-byte common prefix, once compared pairwise character by
//! character); they are now below the plain names. `aud` arrays reach 3.7,
//! long NumericDates and a long `typ` 2. `A = 16` is twice the maximum,
//! rounded up. `B = 256` covers the fixed parts (the fixed header, payload,
//! audiences and `typ` of stages 3–5 cost at most 80 units) and very short
//! inputs.
//!
//! The bound catches superlinear work, by orders of magnitude at the sizes
//! a token allows. Checked with a scratch copy of the crate whose name
//! slots were raised from 64 to 16,384 (no cap: each insertion shifts up to
//! all the names before it, O(n²) in all): a 64 KiB object of 8,389 names in
//! descending order cost 33.8 M units (ratio 516) against a bound of
//! 20 × 65,530 + 256 = 1.31 M (`A` was 20 then), and the assertion fails
//! from about 300 names (2.4 KiB) up. An O(n²) pairwise duplicate check over 5,600 names would
//! cost 5,600² / 2 ≈ 15.7 M comparisons, 12× the bound.
//!
//! To lead libFuzzer to the expensive inputs, each stage's ratio (in
//! quarter units, inputs of 32 bytes or more) also sets one of libFuzzer's
//! extra coverage counters ([`STEER`]): an input that costs more per byte
//! than any before is new coverage, kept and mutated further.
//!
//! `COST_REPORT=1` prints each stage's work and ratio to stderr (to
//! re-measure: `COST_REPORT=1 cargo +nightly fuzz run cost <dir> --
//! -runs=0 2>&1 | grep ^cost`).
#![no_main]

use std::sync::OnceLock;

use jwt_embedded::internal::{parse_claims, parse_header, take_work};
use jwt_embedded::{Hs256Key, RequiredClaims, Validation, buffer_len, peek_header, verify};
use jwt_embedded_fuzz::token::{SECRET, sign};
use libfuzzer_sys::fuzz_target;

/// Work allowed per input byte.
const A: usize = 16;
/// Work allowed whatever the input's length.
const B: usize = 256;

const HEADER: &[u8] = br#"{"alg":"HS256","typ":"JWT"}"#;
const PAYLOAD: &[u8] = br#"{"sub":"fuzz","aud":["https://api.example.com","urn:device:42"]}"#;
const AUDIENCES: [&str; 5] = [
    "https://api.example.com/v2",
    "https://api.example.com/v1",
    "urn:device:43",
    "device",
    "a",
];
const NOW: i64 = 1_700_000_000;

const STAGES: [&str; 5] = [
    "parse_header",
    "parse_claims",
    "verify_payload",
    "peek_header",
    "verify_header",
];

/// Whether `COST_REPORT` is set: print every stage's work.
fn report() -> bool {
    static REPORT: OnceLock<bool> = OnceLock::new();
    *REPORT.get_or_init(|| std::env::var_os("COST_REPORT").is_some())
}

/// Ratio buckets per stage for [`STEER`]: quarter units of work per byte.
const BUCKETS: usize = 4 * A;

/// Extra coverage counters read by libFuzzer (its `__libfuzzer_extra_counters`
/// section, cleared before each run): one per stage and ratio bucket, so an
/// input that costs more per byte than any before is new coverage and kept.
/// This steers the search towards the worst cases instead of leaving them to
/// chance.
#[used]
#[unsafe(link_section = "__libfuzzer_extra_counters")]
static mut STEER: [u8; 5 * BUCKETS] = [0; 5 * BUCKETS];

/// Asserts the work counted since the last call is within the bound.
fn check(stage: usize, len: usize) {
    let work = take_work();
    let name = STAGES[stage];
    if report() {
        let ratio = work as f64 / len.max(1) as f64;
        eprintln!("cost {name} len={len} work={work} ratio={ratio:.2}");
    }
    // Very short inputs are left out: the fixed parts dominate their ratio.
    if len >= 32 {
        let bucket = (4 * work / len).min(BUCKETS - 1);
        // SAFETY: libFuzzer runs the target on one thread and reads the
        // counters only between runs; the index is in bounds.
        unsafe { std::ptr::write_volatile(&raw mut STEER[stage * BUCKETS + bucket], 1) };
    }
    assert!(
        work <= A * len + B,
        "{name}: work {work} for {len} input bytes exceeds {A} * {len} + {B}"
    );
}

fuzz_target!(|data: &[u8]| {
    let len = data.len();
    take_work(); // reset
    let key = Hs256Key::new(SECRET).expect("32-byte key");

    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_header(text);
        check(0, len);
        let _ = parse_claims(text);
        check(1, len);
    }

    let validation = Validation::new()
        .required(RequiredClaims::NONE)
        .leeway(u64::MAX)
        .audiences(&AUDIENCES)
        .typ("application/jwt")
        .max_token_len(usize::MAX);
    let token = sign(HEADER, data, SECRET);
    let mut buf = vec![0u8; buffer_len(token.len())];
    let _ = verify(&token, &key, &validation, NOW, &mut buf);
    check(2, len);

    let token = sign(data, PAYLOAD, SECRET);
    let mut buf = vec![0u8; buffer_len(token.len())];
    let _ = peek_header(&token, &mut buf);
    check(3, len);

    let validation = Validation::new()
        .required(RequiredClaims::NONE)
        .danger_accept_any_audience()
        .typ("application/at+jwt")
        .max_token_len(usize::MAX);
    let _ = verify(&token, &key, &validation, NOW, &mut buf);
    check(4, len);
});
