//! Differential fuzzing of `verify` against the `jsonwebtoken` crate
//! (RustCrypto backend) for all twelve algorithms, tokens signed by
//! `jsonwebtoken`: HS256/384/512 with a fuzz-chosen secret of at least
//! `MIN_SECRET_LEN` bytes, RS256/384/512 and PS256/384/512 with the fixed
//! 2048-bit key (`Rsa2048`; PSS salts are random, as `jsonwebtoken` makes
//! them), ES256/ES384 and EdDSA with the fixed keys of
//! `jwt_embedded_fuzz::ec` (`jsonwebtoken` signs with its own `p256`/`p384`
//! 0.13 and `ed25519-dalek` 2, from the PKCS#8 private keys; this crate
//! imports the public keys as JWKs, `jsonwebtoken` from `x`/`y`).
//!
//! The two libraries legitimately differ (this crate is the stricter one:
//! duplicate names, `crit`, typed `iss`/`sub`/`jti`/`iat`, exact dates, no
//! `aud` unless configured; `jsonwebtoken` types some header members this
//! crate ignores and reads `exp`/`nbf` only as `u64`), so only the
//! directions that must hold are asserted:
//!
//! 1. A valid claim set (registered claims well-typed and in force, custom
//!    members of any JSON type, strings and names needing escapes, within
//!    the documented member-name limits), encoded and signed by
//!    `jsonwebtoken::encode` (with `kid` when chosen), is accepted by both
//!    under a policy naming its issuer and one of its audiences; both read
//!    the same claims (this crate's registered claims are the generated
//!    ones) and header (`alg`, `typ`, `kid`). The token then mutated at
//!    arbitrary positions verifies here only if byte-identical to the
//!    original, and whatever verifies here verifies there.
//! 2. An arbitrary header and payload (`jwt_embedded_fuzz::generate`: any
//!    JSON, ill-typed claims, escapes, whitespace, flaws; `alg` the key's or
//!    arbitrary), signed by `jsonwebtoken::crypto::sign`: whatever this crate
//!    accepts, `jsonwebtoken` accepts with the same claims, unless the header
//!    has a member `jsonwebtoken` types and this crate ignores (`jku`, `jwk`,
//!    `x5u`, `x5c`, `x5t`, `x5t#S256`, `enc`, `zip`, `url`, `nonce`), or
//!    `exp`/`nbf` is not an integer in `u64` range (`jsonwebtoken` refuses
//!    it, or rounds it, as `FailedToParse`; this crate reads NumericDates
//!    exactly, fractions and negative values included, RFC 7519 §2).
//!
//! 3. ES256/ES384/EdDSA only, when `sig_variant` is set: the direction-1
//!    token with its signature replaced: for ECDSA by `r ‖ (n - s)` (both
//!    accept: neither requires low-S), by another key's signature, by `r`
//!    or `s` = 0 or `n` (both refuse); for EdDSA by `S + L`, another key's
//!    signature, `R` the identity (both refuse). The verdicts must agree.
//!
//! `jsonwebtoken` reads the wall clock: this crate is given the same clock
//! and `jsonwebtoken` 60 s more leeway, so that a clock tick between the two
//! cannot fail direction 2; the generated dates of direction 1 are hours
//! from their boundaries.
#![no_main]

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use arbitrary::Arbitrary;
use base64ct::{Base64UrlUnpadded, Encoding};
use jsonwebtoken::{DecodingKey, EncodingKey, Header};
use jwt_embedded::{Ed25519Key, Es256Key, Es384Key, Hs256Key, Hs384Key, Hs512Key, Rsa2048};
use jwt_embedded::{MAX_DEPTH, Validation, VerifyingKey, buffer_len, verify};
use jwt_embedded::{Ps256Key, Ps384Key, Ps512Key, Rs256Key, Rs384Key, Rs512Key};
use jwt_embedded_fuzz::check::text;
use jwt_embedded_fuzz::ec::{self, Curve, ED25519_L};
use jwt_embedded_fuzz::generate::{self, TokenSpec};
use jwt_embedded_fuzz::oracle::Doc;
use jwt_embedded_fuzz::reference::RefClaims;
use jwt_embedded_fuzz::rs256::key_2048;
use jwt_embedded_fuzz::schemes::{ALGS, Alg, Family};
use jwt_embedded_fuzz::token::b64;
use libfuzzer_sys::fuzz_target;
use rsa::pkcs1::EncodeRsaPrivateKey;
use serde_json::{Map, Value};

#[derive(Arbitrary, Debug)]
struct Input {
    /// `ALGS[alg % 12]`.
    alg: u8,
    /// ES256/ES384/EdDSA: direction 3, this variant of the signature.
    sig_variant: Option<u8>,
    /// HMAC: the secret is `MIN_SECRET_LEN + extra % 33` bytes.
    secret_extra: u8,
    secret_seed: u8,
    valid: ValidClaims,
    mutations: Vec<Mutation>,
    spec: TokenSpec,
    /// Keep the generated header's `alg` (else the key's algorithm).
    keep_alg: bool,
    spec_iss: bool,
    spec_aud: Option<u8>,
}

/// A claim set both libraries must accept.
#[derive(Arbitrary, Debug)]
struct ValidClaims {
    iss: Option<String>,
    sub: Option<String>,
    jti: Option<String>,
    /// The audiences, and whether `aud` is an array (else the first one).
    aud: Option<(Vec<String>, bool)>,
    /// Which audience the policy names.
    aud_index: u8,
    /// Whether the policy names the issuer.
    check_iss: bool,
    exp_after: u32,
    nbf_before: Option<u32>,
    iat_before: Option<u32>,
    extra: Vec<(String, Leaf)>,
    kid: Option<String>,
}

/// A custom member's value (objects hold scalars: the member-name limits).
#[derive(Arbitrary, Debug)]
enum Leaf {
    Scalar(Scalar),
    Arr(Vec<Scalar>),
    Obj(Vec<(String, Scalar)>),
}

#[derive(Arbitrary, Debug)]
enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

#[derive(Arbitrary, Debug)]
enum Mutation {
    Set { at: u16, byte: u8 },
    Xor { at: u16, mask: u8 },
    Base64 { at: u16, sextet: u8 },
    Insert { at: u16, byte: u8 },
    Remove { at: u16 },
    Truncate { len: u16 },
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

/// The first `n` characters: a name decodes to at most 64 bytes.
fn short(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

impl Scalar {
    fn json(&self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Int(i) => Value::from(*i),
            // Non-finite floats become `null`.
            Scalar::Float(f) => Value::from(*f),
            Scalar::Str(s) => Value::String(s.clone()),
        }
    }
}

const REGISTERED: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The claim set as JSON, the issuer and the audience the policy names.
fn claims(v: &ValidClaims, anchor: u64) -> (Value, Option<String>, Option<String>) {
    let mut map = Map::new();
    for (name, value) in [("iss", &v.iss), ("sub", &v.sub), ("jti", &v.jti)] {
        if let Some(s) = value {
            map.insert(name.into(), Value::String(s.clone()));
        }
    }
    let mut audience = None;
    if let Some((list, array)) = &v.aud {
        let list: Vec<String> = list.iter().take(4).cloned().collect();
        if let Some(first) = list.first() {
            if *array {
                audience = Some(list[usize::from(v.aud_index) % list.len()].clone());
                map.insert("aud".into(), list.into_iter().map(Value::String).collect());
            } else {
                audience = Some(first.clone());
                map.insert("aud".into(), Value::String(first.clone()));
            }
        }
    }
    map.insert(
        "exp".into(),
        Value::from(anchor + 7200 + u64::from(v.exp_after)),
    );
    for (name, before) in [("nbf", v.nbf_before), ("iat", v.iat_before)] {
        if let Some(before) = before {
            map.insert(
                name.into(),
                Value::from(anchor.saturating_sub(u64::from(before))),
            );
        }
    }
    for (name, leaf) in v.extra.iter().take(4) {
        let name = short(name, 16);
        if REGISTERED.contains(&name.as_str()) {
            continue;
        }
        let value = match leaf {
            Leaf::Scalar(s) => s.json(),
            Leaf::Arr(items) => items.iter().take(8).map(Scalar::json).collect(),
            Leaf::Obj(members) => Value::Object(
                members
                    .iter()
                    .take(3)
                    .map(|(n, s)| (short(n, 16), s.json()))
                    .collect(),
            ),
        };
        map.insert(name, value);
    }
    let iss = v.iss.clone().filter(|_| v.check_iss);
    (Value::Object(map), iss, audience)
}

/// The RSA keys, this crate's and `jsonwebtoken`'s, made once.
struct RsaKeys {
    rs256: Rs256Key<Rsa2048>,
    rs384: Rs384Key<Rsa2048>,
    rs512: Rs512Key<Rsa2048>,
    ps256: Ps256Key<Rsa2048>,
    ps384: Ps384Key<Rsa2048>,
    ps512: Ps512Key<Rsa2048>,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

fn rsa_keys() -> &'static RsaKeys {
    static KEYS: OnceLock<RsaKeys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let k = key_2048();
        let der = k.private.to_pkcs1_der().expect("PKCS#1 DER");
        RsaKeys {
            rs256: Rs256Key::from_components(&k.n, &k.e).expect("2048"),
            rs384: Rs384Key::from_components(&k.n, &k.e).expect("2048"),
            rs512: Rs512Key::from_components(&k.n, &k.e).expect("2048"),
            ps256: Ps256Key::from_components(&k.n, &k.e).expect("2048"),
            ps384: Ps384Key::from_components(&k.n, &k.e).expect("2048"),
            ps512: Ps512Key::from_components(&k.n, &k.e).expect("2048"),
            encoding: EncodingKey::from_rsa_der(der.as_bytes()),
            decoding: DecodingKey::from_rsa_raw_components(&k.n, &k.e),
        }
    })
}

/// The ES256/ES384/EdDSA keys, this crate's (from JWKs) and `jsonwebtoken`'s.
struct EcKeys {
    es256: Es256Key,
    es384: Es384Key,
    eddsa: Ed25519Key,
    /// `jsonwebtoken`'s, indexed by `index - 9`.
    encoding: [EncodingKey; 3],
    decoding: [DecodingKey; 3],
}

fn ec_keys() -> &'static EcKeys {
    static KEYS: OnceLock<EcKeys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let p256 = ec::ec_point(Curve::P256, 0);
        let p384 = ec::ec_point(Curve::P384, 0);
        let ed = ec::ed_public(0);
        let components = |curve: Curve, point: &[u8]| {
            let (x, y) = point[1..].split_at(curve.len());
            DecodingKey::from_ec_components(&b64(x), &b64(y)).expect("EC components")
        };
        EcKeys {
            es256: Es256Key::from_jwk(&ec::ec_jwk(Curve::P256, &p256)).expect("P-256 JWK"),
            es384: Es384Key::from_jwk(&ec::ec_jwk(Curve::P384, &p384)).expect("P-384 JWK"),
            eddsa: Ed25519Key::from_jwk(&ec::okp_jwk(&ed)).expect("OKP JWK"),
            encoding: [
                EncodingKey::from_ec_der(&ec::ec_pkcs8(Curve::P256, 0)),
                EncodingKey::from_ec_der(&ec::ec_pkcs8(Curve::P384, 0)),
                EncodingKey::from_ed_der(&ec::ed_pkcs8(0)),
            ],
            decoding: [
                components(Curve::P256, &p256),
                components(Curve::P384, &p384),
                DecodingKey::from_ed_components(&b64(&ed)).expect("OKP x"),
            ],
        }
    })
}

/// This crate's key for `ALGS[index]`.
enum OurKey {
    Hs256(Hs256Key),
    Hs384(Hs384Key),
    Hs512(Hs512Key),
    Rsa(usize),
    Ec(usize),
}

impl OurKey {
    fn new(index: usize, secret: &[u8]) -> OurKey {
        match index {
            0 => OurKey::Hs256(Hs256Key::new(secret).expect("long enough")),
            1 => OurKey::Hs384(Hs384Key::new(secret).expect("long enough")),
            2 => OurKey::Hs512(Hs512Key::new(secret).expect("long enough")),
            i if i >= 9 => OurKey::Ec(i),
            i => OurKey::Rsa(i),
        }
    }

    fn get(&self) -> &dyn VerifyingKey {
        let r = rsa_keys();
        match self {
            OurKey::Hs256(k) => k,
            OurKey::Hs384(k) => k,
            OurKey::Hs512(k) => k,
            OurKey::Ec(9) => &ec_keys().es256,
            OurKey::Ec(10) => &ec_keys().es384,
            OurKey::Ec(_) => &ec_keys().eddsa,
            OurKey::Rsa(3) => &r.rs256,
            OurKey::Rsa(4) => &r.rs384,
            OurKey::Rsa(5) => &r.rs512,
            OurKey::Rsa(6) => &r.ps256,
            OurKey::Rsa(7) => &r.ps384,
            OurKey::Rsa(_) => &r.ps512,
        }
    }
}

fn min_secret_len(index: usize) -> usize {
    [
        Hs256Key::MIN_SECRET_LEN,
        Hs384Key::MIN_SECRET_LEN,
        Hs512Key::MIN_SECRET_LEN,
    ][index]
}

/// `jsonwebtoken::crypto::sign`, cached for RSA, ECDSA and EdDSA (a
/// private-key operation under coverage instrumentation costs tens of
/// milliseconds for RSA, about one for ECDSA, and libFuzzer often mutates
/// other parts of an input than the signed bytes).
fn their_sign(alg: Alg, message: &[u8], key: &EncodingKey) -> String {
    type Cache = HashMap<(&'static str, Vec<u8>), String>;
    static CACHE: Mutex<Option<Cache>> = Mutex::new(None);
    let sign = || jsonwebtoken::crypto::sign(message, key, alg.jsonwebtoken()).expect("sign");
    if alg.family == Family::Hmac {
        return sign();
    }
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache.get_or_insert_with(HashMap::new);
    let entry = (alg.name(), message.to_vec());
    if let Some(hit) = cache.get(&entry) {
        return hit.clone();
    }
    let signature = sign();
    if cache.len() >= 1024 {
        cache.clear();
    }
    cache.insert(entry, signature.clone());
    signature
}

/// `jsonwebtoken::encode`, as it does it (`b64(JSON(header)) '.'
/// b64(JSON(claims))`, signed), so that RSA signatures are cached; for HMAC
/// the real `encode` is called too and must give the same token.
fn their_encode(alg: Alg, header: &Header, claims: &Value, key: &EncodingKey) -> String {
    let message = format!("{}.{}", part(header), part(claims));
    let token = format!("{message}.{}", their_sign(alg, message.as_bytes(), key));
    if alg.family == Family::Hmac {
        let real = jsonwebtoken::encode(header, claims, key).expect("encode");
        assert_eq!(real, token, "jsonwebtoken::encode is not as replicated");
    }
    token
}

/// `b64(JSON(value))`, as `jsonwebtoken` encodes a part.
fn part<T: serde::Serialize>(value: &T) -> String {
    b64(&serde_json::to_vec(value).expect("serializable"))
}

/// `jsonwebtoken`'s verdict: the claims, if it accepts.
fn theirs(
    token: &[u8],
    alg: Alg,
    key: &DecodingKey,
    iss: Option<&str>,
    aud: Option<&str>,
) -> Option<Value> {
    let mut v = jsonwebtoken::Validation::new(alg.jsonwebtoken());
    v.leeway = 60;
    v.validate_exp = true;
    v.validate_nbf = true;
    v.validate_aud = true;
    let mut required = vec!["exp"];
    if let Some(iss) = iss {
        v.set_issuer(&[iss]);
        required.push("iss");
    }
    if let Some(aud) = aud {
        v.set_audience(&[aud]);
        required.push("aud");
    }
    v.set_required_spec_claims(&required);
    jsonwebtoken::decode::<Value>(token, key, &v)
        .ok()
        .map(|data| data.claims)
}

fn wall_clock() -> i64 {
    i64::try_from(jsonwebtoken::get_current_timestamp()).expect("time fits i64")
}

fn validation<'a>(iss: Option<&'a str>, aud: Option<&'a str>) -> Validation<'a> {
    let mut v = Validation::new();
    if let Some(iss) = iss {
        v = v.issuer(iss);
    }
    if let Some(aud) = aud {
        v = v.audience(aud);
    }
    v
}

/// Header members `jsonwebtoken` deserializes into typed fields and this
/// crate ignores (`crit` is refused here, whatever its value).
const THEIR_TYPED_HEADER: [&str; 10] = [
    "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256", "enc", "zip", "url", "nonce",
];

/// Whether a difference is legitimate for this accepted token: see the
/// module documentation, direction 2.
fn legitimate_difference(header: &[u8], payload: &[u8]) -> bool {
    let header: Value = serde_json::from_slice(header).expect("accepted header is JSON");
    let payload: Value = serde_json::from_slice(payload).expect("accepted payload is JSON");
    THEIR_TYPED_HEADER.iter().any(|m| header.get(m).is_some())
        || ["exp", "nbf"]
            .iter()
            .any(|d| payload.get(d).is_some_and(|v| v.as_u64().is_none()))
}

/// Direction 3: the token with its ES256/ES384/EdDSA signature edited, and
/// whether both must accept it.
fn edit_signature(alg: Alg, token: &[u8], variant: u8) -> Option<(Vec<u8>, bool)> {
    let dot = token.iter().rposition(|&b| b == b'.')?;
    let message = &token[..dot];
    let sig = Base64UrlUnpadded::decode_vec(std::str::from_utf8(&token[dot + 1..]).ok()?).ok()?;
    let (sig, valid) = match (alg.family, alg.curve()) {
        (Family::Ecdsa, Some(curve)) => {
            let (r, s) = sig.split_at(curve.len());
            let n = curve.order();
            match variant % 6 {
                0 => (ec::negate_s(curve, &sig), true),
                1 => (ec::sign_ec(curve, 1, message), false),
                2 => ([&vec![0; curve.len()][..], s].concat(), false),
                3 => ([r, &vec![0; curve.len()][..]].concat(), false),
                4 => ([n, s].concat(), false),
                _ => ([r, n].concat(), false),
            }
        }
        (Family::EdDsa, _) => {
            let (r, s) = sig.split_at(32);
            let mut identity = [0u8; 32];
            identity[0] = 1;
            match variant % 3 {
                0 => ([r, &ec::le_add(s, &ED25519_L)?[..]].concat(), false),
                1 => (ec::sign_ed(1, message).to_vec(), false),
                _ => ([&identity[..], s].concat(), false),
            }
        }
        _ => return None,
    };
    let mut edited = message.to_vec();
    edited.push(b'.');
    edited.extend_from_slice(b64(&sig).as_bytes());
    Some((edited, valid))
}

fuzz_target!(|input: Input| {
    let index = usize::from(input.alg) % ALGS.len();
    let alg = ALGS[index];
    let (encoding, decoding, secret);
    if alg.family == Family::Hmac {
        let len = min_secret_len(index) + usize::from(input.secret_extra % 33);
        secret = (0..len)
            .map(|i| (i as u8).wrapping_mul(31) ^ input.secret_seed)
            .collect::<Vec<u8>>();
        encoding = EncodingKey::from_secret(&secret);
        decoding = DecodingKey::from_secret(&secret);
    } else if alg.is_rsa() {
        secret = Vec::new();
        let keys = rsa_keys();
        encoding = keys.encoding.clone();
        decoding = keys.decoding.clone();
    } else {
        secret = Vec::new();
        let keys = ec_keys();
        encoding = keys.encoding[index - 9].clone();
        decoding = keys.decoding[index - 9].clone();
    }
    let our_key = OurKey::new(index, &secret);
    let key = our_key.get();
    assert_eq!(key.algorithm().name(), alg.name(), "key algorithm");

    // Direction 1: a valid claim set, encoded by jsonwebtoken.
    let now = wall_clock();
    let anchor = u64::try_from(now).expect("after 1970") / 3600 * 3600;
    let (claims_json, iss, aud) = claims(&input.valid, anchor);
    let mut header = Header::new(alg.jsonwebtoken());
    header.kid = input.valid.kid.as_deref().map(|k| short(k, 64));
    let token = their_encode(alg, &header, &claims_json, &encoding).into_bytes();
    let policy = validation(iss.as_deref(), aud.as_deref());
    let mut buf = vec![0u8; buffer_len(token.len())];
    let ours = verify(&token, key, &policy, now, &mut buf).unwrap_or_else(|e| {
        panic!(
            "{}: a valid jsonwebtoken token refused: {e:?}\n{claims_json}",
            alg.name()
        )
    });
    let payload: Value = serde_json::from_str(ours.payload()).expect("payload JSON");
    assert_eq!(payload, claims_json, "payload");
    let c = ours.claims();
    for (name, got) in [("iss", c.iss), ("sub", c.sub), ("jti", c.jti)] {
        assert_eq!(
            got.map(text),
            claims_json
                .get(name)
                .map(|v| v.as_str().expect("string").to_owned()),
            "{name}"
        );
    }
    for (name, got) in [("exp", c.exp), ("nbf", c.nbf), ("iat", c.iat)] {
        let want = claims_json.get(name).map(|v| v.as_i64().expect("integer"));
        assert_eq!(got.map(|d| d.seconds()), want, "{name}");
        assert!(!got.is_some_and(|d| d.is_fractional()), "{name}");
    }
    let got_aud: Option<Vec<String>> = c.aud.map(|a| a.iter().map(text).collect());
    let want_aud = claims_json.get("aud").map(|a| match a {
        Value::String(s) => vec![s.clone()],
        list => list
            .as_array()
            .expect("array")
            .iter()
            .map(|s| s.as_str().expect("string").to_owned())
            .collect(),
    });
    assert_eq!(got_aud, want_aud, "aud");
    let h = ours.header();
    assert_eq!(text(h.alg), alg.name(), "alg");
    assert_eq!(h.typ.map(text).as_deref(), Some("JWT"), "typ");
    assert_eq!(h.kid.map(text), header.kid, "kid");
    let theirs_claims = theirs(&token, alg, &decoding, iss.as_deref(), aud.as_deref());
    assert_eq!(
        theirs_claims.as_ref(),
        Some(&claims_json),
        "jsonwebtoken refuses its own valid token"
    );

    if let Some(variant) = input.sig_variant
        && let Some((edited, valid)) = edit_signature(alg, &token, variant)
    {
        let mut buf = vec![0u8; buffer_len(edited.len())];
        let ours = verify(&edited, key, &policy, now, &mut buf);
        let theirs = theirs(&edited, alg, &decoding, iss.as_deref(), aud.as_deref());
        assert_eq!(
            ours.is_ok(),
            valid,
            "{} signature variant {variant}: {ours:?}",
            alg.name()
        );
        assert_eq!(
            theirs.is_some(),
            valid,
            "{} signature variant {variant}: jsonwebtoken disagrees",
            alg.name()
        );
    }

    if !input.mutations.is_empty() {
        let mut mutated = token.clone();
        for m in &input.mutations {
            m.apply(&mut mutated);
        }
        let mut buf = vec![0u8; buffer_len(mutated.len())];
        if let Ok(ours) = verify(&mutated, key, &policy, now, &mut buf) {
            assert_eq!(mutated, token, "a mutated token verified");
            let ours: Value = serde_json::from_str(ours.payload()).expect("payload JSON");
            let theirs = theirs(&mutated, alg, &decoding, iss.as_deref(), aud.as_deref());
            assert_eq!(theirs, Some(ours), "accepted here, not by jsonwebtoken");
        }
    }

    // Direction 2: arbitrary JSON, signed by jsonwebtoken.
    let mut spec = input.spec.clone();
    if !input.keep_alg {
        spec.header.alg = generate::Alg::Str(alg.name().into());
    }
    let (header, payload) = spec.render(i64::try_from(anchor).expect("small"));
    let message = format!("{}.{}", b64(&header), b64(&payload));
    let signature = their_sign(alg, message.as_bytes(), &encoding);
    let token = format!("{message}.{signature}").into_bytes();
    let reference = std::str::from_utf8(&payload)
        .ok()
        .and_then(|p| RefClaims::expect(&Doc::read(p, MAX_DEPTH)).ok());
    let iss = reference
        .as_ref()
        .and_then(|c| c.iss.clone())
        .filter(|_| input.spec_iss);
    let aud = input.spec_aud.and_then(|i| {
        let list = &reference.as_ref()?.aud.as_ref()?.1;
        list.get(usize::from(i) % list.len().max(1)).cloned()
    });
    let policy = validation(iss.as_deref(), aud.as_deref());
    let now = wall_clock();
    let mut buf = vec![0u8; buffer_len(token.len())];
    let ours = verify(&token, key, &policy, now, &mut buf);
    let mut buf2 = vec![0xa5u8; buffer_len(token.len())];
    assert_eq!(
        ours,
        verify(&token, key, &policy, now, &mut buf2),
        "verify is not deterministic"
    );
    if let Ok(ours) = ours {
        assert_eq!(ours.payload().as_bytes(), payload, "payload text");
        if !legitimate_difference(&header, &payload) {
            let ours: Value = serde_json::from_str(ours.payload()).expect("payload JSON");
            let theirs = theirs(&token, alg, &decoding, iss.as_deref(), aud.as_deref());
            assert_eq!(
                theirs,
                Some(ours),
                "{}: accepted here, not by jsonwebtoken (or other claims)",
                alg.name()
            );
        }
    }
});
