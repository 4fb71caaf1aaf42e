//! Structure-aware differential fuzzing of `verify` with HS256.
//!
//! A header and a payload are generated from arbitrary fields (see
//! `jwt_embedded_fuzz::generate`), signed with `hmac` + `sha2` directly (or
//! with the wrong key), and verified under an arbitrary policy. The verdict
//! is computed independently: the JSON is read with `serde_json`, the
//! checks are re-done in the documented order with exact arithmetic.
//! Asserted: `verify` reaches exactly that verdict, deterministically, with
//! the same header, claims and payload text; then the token is mutated at
//! arbitrary positions, and a mutated token verifies only if it is
//! byte-identical to the original; a mutation confined to the signature of a
//! token that got past the header checks is always a signature error.
#![no_main]

use arbitrary::Arbitrary;
use jwt_embedded::{Error, Hs256Key, MAX_DEPTH, Part, Validation, Verified, buffer_len, verify};
use jwt_embedded_fuzz::check::{assert_claims, assert_header};
use jwt_embedded_fuzz::generate::TokenSpec;
use jwt_embedded_fuzz::oracle::Doc;
use jwt_embedded_fuzz::policy::{Now, PolicyInput, Resolved};
use jwt_embedded_fuzz::reference::{
    RefClaims, RefHeader, error_agrees, header_too_long, typ_matches,
};
use jwt_embedded_fuzz::token::{OTHER_SECRET, SECRET, sign};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    token: TokenSpec,
    policy: PolicyInput,
    wrong_key: bool,
    /// Bytes missing from the exact buffer size (0: exact).
    short_buffer: u8,
    mutations: Vec<Mutation>,
}

#[derive(Arbitrary, Debug)]
enum Mutation {
    Set {
        at: u16,
        byte: u8,
    },
    Xor {
        at: u16,
        mask: u8,
    },
    /// Sets a base64url character (`sextet` modulo 64).
    Base64 {
        at: u16,
        sextet: u8,
    },
    Insert {
        at: u16,
        byte: u8,
    },
    Remove {
        at: u16,
    },
    Truncate {
        len: u16,
    },
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl Mutation {
    fn apply(&self, t: &mut Vec<u8>) {
        let len = t.len();
        let at = |i: u16| usize::from(i) % len.max(1);
        match *self {
            Mutation::Set { at: i, byte } if len > 0 => t[at(i)] = byte,
            Mutation::Xor { at: i, mask } if len > 0 => t[at(i)] ^= mask,
            Mutation::Base64 { at: i, sextet } if len > 0 => {
                t[at(i)] = BASE64URL[usize::from(sextet % 64)];
            }
            Mutation::Insert { at: i, byte } => t.insert(usize::from(i) % (len + 1), byte),
            Mutation::Remove { at: i } if len > 0 => {
                t.remove(at(i));
            }
            Mutation::Truncate { len } => t.truncate(usize::from(len)),
            _ => {}
        }
    }
}

/// Errors reached before the signature is checked.
fn before_signature(e: &Error) -> bool {
    matches!(
        e,
        Error::TooLarge
            | Error::BufferTooSmall
            | Error::Malformed(Part::Token | Part::Header)
            | Error::Crit
            | Error::Algorithm
            | Error::Type
    )
}

/// What [`expected`] returns: the verdict, the resolved policy, and the
/// header and payload documents as read (`None`: not UTF-8).
type Expected = (
    Result<(RefHeader, RefClaims), Error>,
    Resolved,
    [Option<Doc>; 2],
);

/// The reference verdict for a token made of `header` and `payload`, with a
/// large enough buffer, and the two documents as read (`None`: not UTF-8).
fn expected(header: &[u8], payload: &[u8], token_len: usize, input: &Input) -> Expected {
    let read = |bytes: &[u8]| {
        std::str::from_utf8(bytes)
            .ok()
            .map(|t| Doc::read(t, MAX_DEPTH))
    };
    let docs = [read(header), read(payload)];
    let header_ref = docs[0]
        .as_ref()
        .map_or(Err(Error::Malformed(Part::Header)), RefHeader::expect);
    let claims_ref = docs[1]
        .as_ref()
        .map_or(Err(Error::Malformed(Part::Claims)), RefClaims::expect);
    let typ = header_ref.as_ref().ok().and_then(|h| h.typ.as_deref());
    let resolved = input.policy.resolve(claims_ref.as_ref().ok(), typ);
    let verdict = (|| {
        if token_len > Validation::DEFAULT_MAX_TOKEN_LEN || header_too_long(header) {
            return Err(Error::TooLarge);
        }
        let header = header_ref?;
        if header.alg != "HS256" {
            return Err(Error::Algorithm);
        }
        if let Some(want) = &resolved.typ
            && !header.typ.as_ref().is_some_and(|t| typ_matches(t, want))
        {
            return Err(Error::Type);
        }
        if input.wrong_key {
            return Err(Error::Signature);
        }
        let claims = claims_ref?;
        resolved.policy.check(&claims)?;
        Ok((header, claims))
    })();
    (verdict, resolved, docs)
}

fn assert_accepted_shape(token: &[u8]) {
    assert_eq!(token.iter().filter(|&&b| b == b'.').count(), 2, "segments");
    assert!(!token.contains(&b'='), "padding accepted");
    assert!(
        !token.iter().any(u8::is_ascii_whitespace),
        "whitespace accepted"
    );
}

fuzz_target!(|input: Input| {
    let now_hint = match input.policy.now {
        Now::Absolute(now) => now,
        _ => 1_700_000_000,
    };
    let (header, payload) = input.token.render(now_hint);
    let secret = if input.wrong_key {
        OTHER_SECRET
    } else {
        SECRET
    };
    let token = sign(&header, &payload, secret);
    let (verdict, resolved, [header_doc, payload_doc]) =
        expected(&header, &payload, token.len(), &input);
    let list = resolved.audience_list();
    let validation = resolved.validation(&list);
    let now = resolved.policy.now;
    let key = Hs256Key::new(SECRET).expect("32-byte key");

    // The exact size the decoded header and payload need, then less.
    let exact = header.len() + payload.len();
    let short = usize::from(input.short_buffer).min(exact);
    let mut buf = vec![0u8; exact - short];
    let with_exact = verify(&token, &key, &validation, now, &mut buf);
    // Refused for its size before the buffer is sized (a `TooLarge` for too
    // many JSON names comes after it).
    let size_refused = token.len() > Validation::DEFAULT_MAX_TOKEN_LEN || header_too_long(&header);
    if short > 0 && !size_refused {
        assert_eq!(
            with_exact.err(),
            Some(Error::BufferTooSmall),
            "short buffer"
        );
    }
    let mut big = vec![0x5au8; buffer_len(token.len())];
    let result = verify(&token, &key, &validation, now, &mut big);
    let mut big2 = vec![0xa5u8; buffer_len(token.len()) + 7];
    let again = verify(&token, &key, &validation, now, &mut big2);
    assert_eq!(result, again, "verify is not deterministic");
    if short == 0 {
        assert_eq!(with_exact, result, "the exact buffer size is not enough");
    }
    match (&result, &verdict) {
        (Ok(ours), Ok((h, c))) => {
            assert_header(ours.header(), h);
            assert_claims(ours.claims(), c);
            assert_eq!(ours.payload().as_bytes(), payload, "payload text");
            assert_accepted_shape(&token);
        }
        (Err(ours), Err(reference))
            if error_agrees(ours, reference, header_doc.as_ref(), payload_doc.as_ref()) => {}
        _ => panic!("verify: {result:?}, reference: {verdict:?}"),
    }

    if input.mutations.is_empty() {
        return;
    }
    let mut mutated = token.clone();
    for m in &input.mutations {
        m.apply(&mut mutated);
    }
    let mut buf = vec![0u8; buffer_len(mutated.len())];
    let outcome: Result<Verified<'_>, Error> = verify(&mutated, &key, &validation, now, &mut buf);
    let mut buf2 = vec![0xffu8; buffer_len(mutated.len())];
    assert_eq!(
        outcome,
        verify(&mutated, &key, &validation, now, &mut buf2),
        "verify is not deterministic"
    );
    assert_ne!(
        outcome.err(),
        Some(Error::BufferTooSmall),
        "buffer_len is too small"
    );
    if mutated == token {
        assert_eq!(
            outcome.map(|_| ()),
            again.map(|_| ()),
            "same token, other verdict"
        );
        return;
    }
    assert!(outcome.is_err(), "a mutated token verified: {mutated:?}");
    let last_dot = token
        .iter()
        .rposition(|&b| b == b'.')
        .expect("three segments");
    let signature_only = mutated.len() > last_dot
        && mutated[..=last_dot] == token[..=last_dot]
        && !mutated[last_dot + 1..].contains(&b'.');
    if signature_only && !again.as_ref().err().is_some_and(before_signature) {
        let e = outcome.expect_err("checked above");
        assert!(
            matches!(e, Error::Signature | Error::Malformed(Part::Signature)),
            "signature-only change gave {e:?}"
        );
    }
});
