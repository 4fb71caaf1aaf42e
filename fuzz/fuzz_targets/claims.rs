//! Fuzzes the claims parser and validator directly.
//!
//! Input: `[n] [n bytes: an arbitrary policy] [payload bytes]`. The payload
//! is read independently with `serde_json` (see `jwt_embedded_fuzz::oracle`)
//! and the reference computes the exact verdict: `Malformed(Claims)` for
//! anything but a strict JSON object (or `TooLarge` for too many open member
//! names, see `jwt_embedded_fuzz::oracle::Doc::read`), the first claim of
//! the wrong type, or the claims; then the policy (required, exp, nbf, iss,
//! aud) with exact arithmetic. Asserted: `parse_claims` and `Validation::check` reach that
//! verdict and those claim values, deterministically, and
//! `decode_and_check_claims` on the base64url payload agrees.
#![no_main]

use jwt_embedded::internal::{decode_and_check_claims, parse_claims};
use jwt_embedded::{Error, MAX_DEPTH, Part};
use jwt_embedded_fuzz::check::assert_claims;
use jwt_embedded_fuzz::oracle::Doc;
use jwt_embedded_fuzz::policy::{PolicyInput, split_prefix};
use jwt_embedded_fuzz::reference::{RefClaims, error_agrees};
use jwt_embedded_fuzz::token::b64;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (policy, payload) = split_prefix(data);
    let Some(policy) = PolicyInput::from_bytes(policy) else {
        return;
    };
    let text = std::str::from_utf8(payload).ok();
    let doc = text.map(|text| Doc::read(text, MAX_DEPTH));
    let expected = match &doc {
        Some(doc) => RefClaims::expect(doc),
        None => Err(Error::Malformed(Part::Claims)),
    };
    let agrees =
        |ours: &Error, reference: &Error| error_agrees(ours, reference, None, doc.as_ref());
    let resolved = policy.resolve(expected.as_ref().ok(), None);
    let list = resolved.audience_list();
    let validation = resolved.validation(&list);
    let now = resolved.policy.now;
    let verdict = expected
        .clone()
        .and_then(|c| resolved.policy.check(&c).map(|()| c));

    if let Some(text) = text {
        let parsed = parse_claims(text);
        assert_eq!(
            parsed,
            parse_claims(text),
            "parse_claims is not deterministic"
        );
        match (&parsed, &expected) {
            (Ok(ours), Ok(reference)) => {
                assert_claims(ours, reference);
                let checked = validation.check(ours, now);
                assert_eq!(checked, resolved.policy.check(reference), "policy verdict");
                assert_eq!(
                    checked,
                    validation.check(ours, now),
                    "check is not deterministic"
                );
            }
            (Err(ours), Err(reference)) if agrees(ours, reference) => {}
            _ => panic!("parse_claims: {parsed:?}, reference: {expected:?}"),
        }
    }

    let encoded = b64(payload);
    let mut buf = vec![0u8; payload.len()];
    let decoded = decode_and_check_claims(encoded.as_bytes(), &validation, now, &mut buf);
    match (&decoded, &verdict) {
        (Ok(ours), Ok(reference)) => assert_claims(ours, reference),
        (Err(ours), Err(reference)) if agrees(ours, reference) => {}
        _ => panic!("decode_and_check_claims: {decoded:?}, reference: {verdict:?}"),
    }
});
