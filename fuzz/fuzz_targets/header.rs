//! Fuzzes the header parser directly, and through `verify`/`peek_header`.
//!
//! Input: `[n] [n bytes: an arbitrary expected typ] [header bytes]`. The
//! header is read independently with `serde_json` and the reference computes
//! the exact verdict: `Malformed(Header)` for anything but a strict JSON
//! object (or `TooLarge` for too many open member names, see
//! `jwt_embedded_fuzz::oracle::Doc::read`), `Crit` if `crit` is present,
//! `Malformed(Header)` for a missing or non-string `alg` or a non-string
//! `typ`/`kid`/`cty`, else the parameters. Asserted: `parse_header` gives
//! that verdict and those values; `peek_header` agrees (`TooLarge` for a
//! header segment over `MAX_HEADER_LEN`); a token with this header, a fixed
//! payload and a valid HMAC (computed with `hmac` directly) verifies exactly
//! when the header parses, `alg` is `"HS256"` and `typ` matches the expected
//! one (RFC 7515 §4.1.9).
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use jwt_embedded::internal::parse_header;
use jwt_embedded::{Error, Hs256Key, MAX_DEPTH, Part, RequiredClaims, Validation};
use jwt_embedded::{buffer_len, peek_header, verify};
use jwt_embedded_fuzz::check::assert_header;
use jwt_embedded_fuzz::oracle::Doc;
use jwt_embedded_fuzz::policy::{TypPolicy, split_prefix};
use jwt_embedded_fuzz::reference::{RefHeader, error_agrees, header_too_long, typ_matches};
use jwt_embedded_fuzz::token::{SECRET, sign};
use libfuzzer_sys::fuzz_target;

const PAYLOAD: &[u8] = br#"{"sub":"fuzz"}"#;

fuzz_target!(|data: &[u8]| {
    let (policy, header) = split_prefix(data);
    let Ok(typ_policy) = TypPolicy::arbitrary(&mut Unstructured::new(policy)) else {
        return;
    };
    let text = std::str::from_utf8(header).ok();
    let doc = text.map(|text| Doc::read(text, MAX_DEPTH));
    let expected = match &doc {
        Some(doc) => RefHeader::expect(doc),
        None => Err(Error::Malformed(Part::Header)),
    };
    let agrees =
        |ours: &Error, reference: &Error| error_agrees(ours, reference, doc.as_ref(), None);

    if let Some(text) = text {
        let parsed = parse_header(text);
        assert_eq!(
            parsed,
            parse_header(text),
            "parse_header is not deterministic"
        );
        match (&parsed, &expected) {
            (Ok(ours), Ok(reference)) => assert_header(ours, reference),
            (Err(ours), Err(reference)) if agrees(ours, reference) => {}
            _ => panic!("parse_header: {parsed:?}, reference: {expected:?}"),
        }
    }

    let token = sign(header, PAYLOAD, SECRET);
    // `peek_header` and `verify` refuse a header segment over MAX_HEADER_LEN
    // before decoding it; `verify` first refuses a token over its length cap.
    let peek_expected = if header_too_long(header) {
        Err(Error::TooLarge)
    } else {
        expected.clone()
    };
    let mut buf = vec![0u8; header.len()];
    let peeked = peek_header(&token, &mut buf);
    match (&peeked, &peek_expected) {
        (Ok(ours), Ok(reference)) => assert_header(ours, reference),
        (Err(ours), Err(reference)) if agrees(ours, reference) => {}
        _ => panic!("peek_header: {peeked:?}, reference: {peek_expected:?}"),
    }

    let typ = typ_policy.resolve(expected.as_ref().ok().and_then(|h| h.typ.as_deref()));
    let mut validation = Validation::new().required(RequiredClaims::NONE);
    if let Some(typ) = &typ {
        validation = validation.typ(typ);
    }
    let verdict = if token.len() > Validation::DEFAULT_MAX_TOKEN_LEN {
        Err(Error::TooLarge)
    } else {
        peek_expected
    };
    let verdict = verdict.and_then(|h| {
        if h.alg != "HS256" {
            return Err(Error::Algorithm);
        }
        match (&typ, &h.typ) {
            (Some(want), Some(have)) if !typ_matches(have, want) => Err(Error::Type),
            (Some(_), None) => Err(Error::Type),
            _ => Ok(h),
        }
    });
    let key = Hs256Key::new(SECRET).expect("32-byte key");
    let mut buf = vec![0u8; buffer_len(token.len())];
    let verified = verify(&token, &key, &validation, 0, &mut buf);
    match (&verified, &verdict) {
        (Ok(ours), Ok(reference)) => {
            assert_header(ours.header(), reference);
            assert_eq!(ours.payload().as_bytes(), PAYLOAD);
        }
        (Err(ours), Err(reference)) if agrees(ours, reference) => {}
        _ => panic!("verify: {verified:?}, reference: {verdict:?}, typ: {typ:?}"),
    }
});
