//! Fuzzes JWK Set parsing: `KeySet::from_jwks_with`, `refresh`, `get`,
//! `keys`, cross-checked with `serde_json`.
//!
//! Input: `[mode] [bytes]`. Mode bit 0 clear: the bytes as the document
//! (UTF-8 text). Set: a document built from the bytes ([`build`]): a `keys`
//! array of at most [`MAX_BUILT`] members mixing fixed valid keys (the
//! Google and GitLab RSA keys of `tests/vectors/jwks/`, 2048 and 4096 bits;
//! the fixed P-256, P-384 and Ed25519 keys of `ec.rs`; `oct` secrets of 64
//! and 16 bytes) with chosen or random `kid`/`alg`/`use`/`key_ops`/`crv`/
//! `d`/`x5c` members, duplicates of earlier members, non-objects and raw
//! fragments of the input; optionally other top-level members, a second
//! `keys`, or the document truncated.
//!
//! Invariants, under three policies (`KeySetPolicy::new()`, `.assume(RS256)`,
//! `.accept(&[HS256])`):
//! 1. no panic; deterministic: two parses give the same outcomes, the same
//!    verdict and the same keys (kids and algorithms, in order);
//! 2. an accepted document's outcomes number `serde_json`'s `keys` array
//!    length, with indices `0..len` in order, and as many `Ok` as
//!    `set.len()`; `keys()` yields the `Ok` members' kids and algorithms in
//!    order; a refused document reports nothing and is `TooLarge` (over
//!    `MAX_JWKS_LEN` bytes) or `InvalidKey(Encoding)`;
//! 3. each `Ok(alg)` member, alone in `{"keys":[<its text>]}` (its text as
//!    `serde_json` delimits it), imports as `Ok(alg)` into a `KeySet<1>`
//!    under the same policy; `set.get(kid)` finds a key of `alg` when it has
//!    a `kid` (decoded, equal to `serde_json`'s reading); the member is an
//!    object whose `kty` is `alg`'s family, whose `alg` (if any) names `alg`,
//!    and without `alg` an RSA/`oct` member's `alg` is the assumed one;
//! 4. a document this crate accepts is valid JSON for `serde_json`, an
//!    object with an array `keys` (so one `serde_json` rejects is refused);
//! 5. `refresh` of a working set: on `Err` the set is untouched (same
//!    length and kids); `Err` exactly when `from_jwks` fails or imports
//!    nothing (`UnknownKey`), else the set is the new one;
//! 6. every `Ok(alg)` is an algorithm the policy accepts.
#![no_main]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_embedded::{
    Algorithm, Error, KeyError, KeySet, KeySetPolicy, MAX_JWKS_LEN, SkipReason, VerifyingKey,
};
use jwt_embedded_fuzz::ec::{self, Curve};
use libfuzzer_sys::fuzz_target;
use serde_json::value::RawValue;

/// Capacity of the fuzzed sets (smaller than many text documents' `keys`, so
/// `Capacity` is reached).
const N: usize = 8;
/// Most members [`build`] writes.
const MAX_BUILT: usize = 10;
/// Members beyond this index are not re-imported alone (cost).
const MAX_REIMPORT: usize = 16;

/// The asymmetric algorithms `KeySetPolicy::new()` accepts.
const ASYMMETRIC: [Algorithm; 9] = [
    Algorithm::Rs256,
    Algorithm::Rs384,
    Algorithm::Rs512,
    Algorithm::Ps256,
    Algorithm::Ps384,
    Algorithm::Ps512,
    Algorithm::Es256,
    Algorithm::Es384,
    Algorithm::EdDsa,
];
const HS256_ONLY: [Algorithm; 1] = [Algorithm::Hs256];

/// A policy and what the target knows of it: accepted algorithms, assumed one.
struct Pol {
    policy: KeySetPolicy<'static>,
    accepted: &'static [Algorithm],
    assumed: Option<Algorithm>,
}

fn policies() -> [Pol; 3] {
    [
        Pol {
            policy: KeySetPolicy::new(),
            accepted: &ASYMMETRIC,
            assumed: None,
        },
        Pol {
            policy: KeySetPolicy::new().assume(Algorithm::Rs256),
            accepted: &ASYMMETRIC,
            assumed: Some(Algorithm::Rs256),
        },
        Pol {
            policy: KeySetPolicy::new().accept(&HS256_ONLY),
            accepted: &HS256_ONLY,
            assumed: None,
        },
    ]
}

/// The fixed members' key material.
struct Fixtures {
    /// `n` of Google's first (2048-bit) and GitLab's 4096-bit key.
    rsa_n: [String; 2],
    ec: [String; 2],
    okp: String,
    /// A 64-byte and a 16-byte secret (base64url).
    oct: [String; 2],
    /// A working document for `refresh`: RSA, EC, `oct` keys with kids.
    baseline: String,
}

fn rsa_n(document: &str, bits: usize) -> String {
    let doc: serde_json::Value = serde_json::from_str(document).expect("vector");
    doc["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .filter_map(|k| k["n"].as_str())
        .find(|n| n.len() * 6 / 8 >= bits / 8 && n.len() * 6 / 8 < bits / 8 + 2)
        .expect("an RSA key of that size")
        .to_owned()
}

fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(|| {
        let google = rsa_n(
            include_str!("../../tests/vectors/jwks/google.json"),
            2048,
        );
        let gitlab = rsa_n(
            include_str!("../../tests/vectors/jwks/gitlab.json"),
            4096,
        );
        let oct64 = Base64UrlUnpadded::encode_string(&[0x5a; 64]);
        let oct16 = Base64UrlUnpadded::encode_string(&[0xa5; 16]);
        let ec = Curve::ALL.map(|c| ec::ec_jwk(c, &ec::ec_point(c, 0)));
        let baseline = format!(
            r#"{{"keys":[{{"kty":"RSA","alg":"RS256","kid":"base-rsa","e":"AQAB","n":"{google}"}},{},{{"kty":"oct","alg":"HS256","kid":"base-oct","k":"{oct64}"}}]}}"#,
            with_member(&ec[0], r#""kid":"base-ec""#)
        );
        Fixtures {
            rsa_n: [google, gitlab],
            okp: ec::okp_jwk(&ec::ed_public(0)),
            ec,
            oct: [oct64, oct16],
            baseline,
        }
    })
}

/// `object` (text ending in `}`) with `member` added first.
fn with_member(object: &str, member: &str) -> String {
    format!("{{{member},{}", &object[1..])
}

/// Reads bytes of the input, zeros once exhausted.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let (head, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        head
    }

    /// A JSON string of up to `max` input bytes (lossy UTF-8, escaped by `serde_json`).
    fn string(&mut self, max: usize) -> String {
        let n = usize::from(self.byte()) % (max + 1);
        serde_json::to_string(&String::from_utf8_lossy(self.take(n))).expect("string")
    }
}

const KIDS: [&str; 9] = [
    r#""k1""#,
    r#""k2""#,
    r#""""#,
    r#""\u006b1""#, // "k1" again, escaped
    r#""k1 ""#,
    r#""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa""#, // 64
    r#""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa""#, // 65
    r#""vyVQH7UMjwYboVvyFf+zd4KHZfgc+RtmU\/A2vHhgITI=""#,
    r#""\u00e9\ud83d\ude00""#,
];
const ALGS: [&str; 16] = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA", "Ed25519",
    "HS256", "HS512", "RSA-OAEP", "none", "rs256", "ES512",
];
const CRVS: [&str; 7] = [
    "P-256",
    "P-384",
    "Ed25519",
    "X25519",
    "P-521",
    "secp256k1",
    "Ed448",
];
const USES: [&str; 4] = [r#""sig""#, r#""enc""#, r#""""#, "1"];
const KEY_OPS: [&str; 5] = [
    r#"["verify"]"#,
    r#"["sign","verify"]"#,
    r#"["encrypt"]"#,
    "[]",
    r#""verify""#,
];
const NON_OBJECTS: [&str; 6] = ["null", "1", r#""RSA""#, "[]", r#"[{"kty":"oct"}]"#, "true"];

/// One member of `keys`.
fn member(b: &mut Bytes<'_>, earlier: &[String]) -> String {
    let f = fixtures();
    let sel = b.byte();
    let mut fields: Vec<(String, String)> = match sel % 12 {
        0 | 1 => vec![
            ("kty".into(), r#""RSA""#.into()),
            ("e".into(), r#""AQAB""#.into()),
            (
                "n".into(),
                format!("\"{}\"", f.rsa_n[usize::from(sel % 12)]),
            ),
        ],
        2 | 3 => return modify(b, &f.ec[usize::from(sel % 12 - 2)]),
        4 => return modify(b, &f.okp),
        5 | 6 => vec![
            ("kty".into(), r#""oct""#.into()),
            (
                "k".into(),
                format!("\"{}\"", f.oct[usize::from(sel % 12 - 5)]),
            ),
        ],
        7 => return NON_OBJECTS[usize::from(b.byte()) % NON_OBJECTS.len()].into(),
        8 | 9 if !earlier.is_empty() => {
            return earlier[usize::from(b.byte()) % earlier.len()].clone();
        }
        10 => {
            // A raw fragment: `{` + input text + `}`.
            let n = usize::from(b.byte()) % 64;
            return format!("{{{}}}", String::from_utf8_lossy(b.take(n)));
        }
        _ => vec![("kty".into(), b.string(8))],
    };
    extras(b, &mut fields);
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
    format!("{{{}}}", body.join(","))
}

/// A fixed EC/OKP JWK with members added by [`extras`] (a `crv` replacing its own).
fn modify(b: &mut Bytes<'_>, jwk: &str) -> String {
    let v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(jwk).expect("jwk");
    let mut fields: Vec<(String, String)> =
        v.iter().map(|(k, v)| (k.clone(), v.to_string())).collect();
    extras(b, &mut fields);
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
    format!("{{{}}}", body.join(","))
}

/// Adds `kid`, `alg`, `use`, `key_ops`, `crv`, `d`, `x5c` members as the
/// input's flags say; rarely a duplicate name.
fn extras(b: &mut Bytes<'_>, fields: &mut Vec<(String, String)>) {
    let flags = b.byte();
    let mut set =
        |name: &str, value: String, dup: bool| match fields.iter_mut().find(|(k, _)| k == name) {
            Some(field) if !dup => field.1 = value,
            _ => fields.push((name.into(), value)),
        };
    if flags & 1 != 0 {
        let k = b.byte();
        let kid = if k < 200 {
            KIDS[usize::from(k) % KIDS.len()].to_owned()
        } else {
            b.string(80)
        };
        set("kid", kid, false);
    }
    if flags & 2 != 0 {
        let a = b.byte();
        let alg = match a % 20 {
            18 => b.string(8),
            19 => "null".into(),
            i => format!("\"{}\"", ALGS[usize::from(i) % ALGS.len()]),
        };
        set("alg", alg, false);
    }
    if flags & 4 != 0 {
        set(
            "use",
            USES[usize::from(b.byte()) % USES.len()].into(),
            false,
        );
    }
    if flags & 8 != 0 {
        set(
            "key_ops",
            KEY_OPS[usize::from(b.byte()) % KEY_OPS.len()].into(),
            false,
        );
    }
    if flags & 16 != 0 {
        let c = b.byte();
        let crv = if c < 240 {
            format!("\"{}\"", CRVS[usize::from(c) % CRVS.len()])
        } else {
            b.string(8)
        };
        set("crv", crv, false);
    }
    if flags & 32 != 0 {
        set("x5c", r#"["MIIBIjANBgkq","AAAA"]"#.into(), false);
    }
    if flags & 64 != 0 {
        set("d", r#""AQAB""#.into(), false);
    }
    if flags & 128 != 0 && b.byte() < 16 {
        set("kid", r#""dup""#.into(), true);
    }
    // Order: the input may move the last member first.
    if b.byte() & 1 != 0 && !fields.is_empty() {
        let last = fields.pop().expect("member");
        fields.insert(0, last);
    }
}

/// A structured document.
fn build(b: &mut Bytes<'_>) -> String {
    let shape = b.byte();
    let count = usize::from(b.byte()) % (MAX_BUILT + 1);
    let mut members = Vec::with_capacity(count);
    for _ in 0..count {
        let m = member(b, &members);
        members.push(m);
    }
    let keys = format!("[{}]", members.join(","));
    let mut doc = match shape % 8 {
        0 => format!(r#"{{"issuer":"https://example.com","keys":{keys}}}"#),
        1 => format!(r#"{{"keys":{keys},"keys":[]}}"#),
        2 => format!(r#"{{"keys":{keys},"x":{{"keys":1}}}}"#),
        3 => format!("{{\r\n  \"keys\" : {keys}\n}}\n"),
        _ => format!(r#"{{"keys":{keys}}}"#),
    };
    if shape & 0x80 != 0 {
        // A truncated download.
        let cut = usize::from(b.byte()) * doc.len() / 256;
        let cut = (0..=cut)
            .rev()
            .find(|&i| doc.is_char_boundary(i))
            .unwrap_or(0);
        doc.truncate(cut);
    }
    doc
}

/// An outcome, owned: index, kid and alg (as `Display` writes them), status.
type Owned = (
    usize,
    Option<String>,
    Option<String>,
    Result<Algorithm, SkipReason>,
);

/// A set's keys: kid and algorithm, in order.
fn keys_of(set: &KeySet<N>) -> Vec<(Option<String>, Algorithm)> {
    set.keys()
        .map(|(kid, key)| (kid.map(str::to_owned), key.algorithm()))
        .collect()
}

/// Parses `doc`, also returning the outcomes and each `Ok` member's decoded kid.
fn parse<const M: usize>(
    doc: &str,
    policy: &KeySetPolicy<'_>,
) -> (Result<KeySet<M>, Error>, Vec<Owned>, Vec<Option<String>>) {
    let mut outcomes = Vec::new();
    let mut kids = Vec::new();
    let result = KeySet::<M>::from_jwks_with(doc, policy, |o| {
        outcomes.push((
            o.index,
            o.kid.map(|k| k.to_string()),
            o.alg.map(|a| a.to_string()),
            o.status,
        ));
        if o.status.is_ok() {
            let mut buf = [0u8; 256];
            kids.push(o.kid.map(|k| {
                k.unescape_into(&mut buf)
                    .expect("an imported kid decodes")
                    .to_owned()
            }));
        }
    });
    (result, outcomes, kids)
}

/// The family (`kty`) an algorithm's keys have.
fn family(alg: Algorithm) -> &'static str {
    match alg {
        Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512 => "oct",
        Algorithm::Es256 | Algorithm::Es384 => "EC",
        Algorithm::EdDsa => "OKP",
        _ => "RSA",
    }
}

/// `serde_json`'s reading: the `keys` array's members as values and as text.
struct Reference<'a> {
    values: Vec<serde_json::Value>,
    raw: Vec<&'a RawValue>,
}

fn reference(doc: &str) -> Option<Reference<'_>> {
    let value: serde_json::Value = serde_json::from_str(doc).ok()?;
    let values = value.as_object()?.get("keys")?.as_array()?.clone();
    // The text of each member: `keys` found again as raw text.
    let map: BTreeMap<String, &RawValue> = serde_json::from_str(doc).ok()?;
    let raw: Vec<&RawValue> = serde_json::from_str(map.get("keys")?.get()).ok()?;
    Some(Reference { values, raw })
}

fn check(doc: &str) {
    let f = fixtures();
    let reference = reference(doc);
    for pol in policies() {
        let policy = &pol.policy;
        let (result, outcomes, kids) = parse::<N>(doc, policy);
        let (again, outcomes2, _) = parse::<N>(doc, policy);
        // 1. Deterministic.
        assert_eq!(outcomes, outcomes2, "outcomes differ between two parses");
        match (&result, &again) {
            (Ok(a), Ok(b)) => assert_eq!(keys_of(a), keys_of(b), "keys differ"),
            (Err(a), Err(b)) => assert_eq!(a, b, "errors differ"),
            _ => panic!(
                "verdicts differ: {:?} / {:?}",
                result.is_ok(),
                again.is_ok()
            ),
        }

        // 5. refresh of a working set.
        let mut working = KeySet::<N>::from_jwks(&f.baseline, policy).expect("baseline");
        assert!(!working.is_empty(), "baseline imports a key");
        let before = keys_of(&working);
        match working.refresh(doc, policy) {
            Err(e) => {
                assert_eq!(
                    keys_of(&working),
                    before,
                    "a failed refresh changed the set"
                );
                match &result {
                    Ok(set) => {
                        assert!(set.is_empty(), "refresh failed ({e:?}) on a usable set");
                        assert_eq!(e, Error::UnknownKey, "refresh of an empty set");
                    }
                    Err(parse_error) => assert_eq!(&e, parse_error, "refresh's error"),
                }
            }
            Ok(()) => {
                let set = result
                    .as_ref()
                    .expect("refresh succeeded on a refused document");
                assert_eq!(keys_of(&working), keys_of(set), "refresh took other keys");
            }
        }

        let set = match result {
            Err(e) => {
                // 2. A refused document reports nothing, for a documented reason.
                assert!(outcomes.is_empty(), "outcomes of a refused document");
                if doc.len() > MAX_JWKS_LEN {
                    assert_eq!(e, Error::TooLarge);
                } else {
                    assert_eq!(e, Error::InvalidKey(KeyError::Encoding), "refusal");
                }
                continue;
            }
            Ok(set) => set,
        };
        // 4. What this crate accepts, serde_json reads as a JWK Set.
        let Some(reference) = &reference else {
            panic!(
                "accepted a document serde_json does not read as an object with an array `keys`"
            );
        };
        // 2. Every member accounted for, in order.
        assert_eq!(outcomes.len(), reference.values.len(), "outcome count");
        for (i, o) in outcomes.iter().enumerate() {
            assert_eq!(o.0, i, "outcome index");
        }
        let ok: Vec<&Owned> = outcomes.iter().filter(|o| o.3.is_ok()).collect();
        assert_eq!(ok.len(), set.len(), "Ok outcomes vs set.len()");
        assert!(set.len() <= N);
        let listed = keys_of(&set);
        for ((o, kid), (listed_kid, listed_alg)) in ok.iter().zip(&kids).zip(&listed) {
            assert_eq!(kid, listed_kid, "keys() kid");
            assert_eq!(o.3.as_ref().ok(), Some(listed_alg), "keys() algorithm");
        }
        assert_eq!(reference.raw.len(), reference.values.len());
        for (o, kid) in ok.iter().zip(&kids) {
            let alg = o.3.expect("ok");
            // 6. The policy accepts it.
            assert!(
                pol.accepted.contains(&alg),
                "{alg:?} not accepted by the policy"
            );
            // 3. The member, by serde_json.
            let value = &reference.values[o.0];
            let object = value.as_object().expect("an imported member is an object");
            assert_eq!(
                object.get("kty").and_then(|k| k.as_str()),
                Some(family(alg)),
                "kty of a {alg:?} key"
            );
            assert_eq!(
                object.get("kid").and_then(|k| k.as_str()),
                kid.as_deref(),
                "kid by serde_json"
            );
            match object.get("alg") {
                Some(a) => {
                    let a = a.as_str().expect("alg is a string");
                    assert_eq!(Algorithm::from_name(a), Some(alg), "alg {a:?}");
                }
                None if matches!(family(alg), "RSA" | "oct") => {
                    assert_eq!(pol.assumed, Some(alg), "an RSA/oct key without alg");
                }
                None => {}
            }
            if let Some(kid) = kid {
                let key = set.get(kid).expect("get(kid) finds an imported key");
                assert_eq!(key.algorithm(), alg, "get(kid)'s algorithm");
            }
            // 3. Alone, it imports alike.
            if o.0 < MAX_REIMPORT
                && let Some(raw) = reference.raw.get(o.0)
            {
                let alone = format!(r#"{{"keys":[{}]}}"#, raw.get());
                let (single, single_outcomes, _) = parse::<1>(&alone, policy);
                let single = single.expect("a member alone is a JWK Set");
                assert_eq!(single_outcomes.len(), 1);
                assert_eq!(single_outcomes[0].3, Ok(alg), "re-import of {alone}");
                assert_eq!(single.len(), 1);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        if let Ok(doc) = std::str::from_utf8(rest) {
            check(doc);
        }
    } else {
        let doc = build(&mut Bytes(rest));
        check(&doc);
    }
});
