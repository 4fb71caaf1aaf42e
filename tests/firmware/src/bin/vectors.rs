//! Runs every RFC and Wycheproof vector the board has room for, and a set of
//! rejection cases signed on the device, through jwt-embedded on bare
//! metal. Prints one line per section and a summary over semihosting, and
//! exits non-zero if any case fails.
#![no_std]
#![no_main]

use core::fmt::Display;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use jwt_embedded::{
    Claim, Error, Hs256Key, Hs512Key, KeyError, Part, Ps256Key, RequiredClaims, Rs256Key2048,
    Rs256Key4096, Rsa2048, Validation, VerifyingKey, buffer_len, verify,
};
use jwt_embedded_firmware::fixtures::{PS2048_E, PS2048_N};
use jwt_embedded_firmware::vectors::{
    HS_KEYS, JWS, JWS_NUMBER_OF_TESTS, JwsGroup, MAX_TOKEN_LEN, OTHER_RSA_JWKS, RFC, RS_KEYS,
    RSA_2048, RSA_2048_NUMBER_OF_TESTS, RSA_4096, RSA_4096_NUMBER_OF_TESTS, RfcKey, RsaGroup,
};
use jwt_embedded_firmware::{TARGET, entry, exit, println};
use sha2::{Sha256, Sha512};

/// Longest token of the on-device rejection cases.
const FORGED_MAX: usize = 512;
const TOKEN_MAX: usize = max(max(MAX_TOKEN_LEN, FORGED_MAX), PS256_TOKEN.len());

const fn max(a: usize, b: usize) -> usize {
    if a > b { a } else { b }
}
/// The verify buffer: sized for the longest token, as `buffer_len` says.
const BUF_LEN: usize = buffer_len(TOKEN_MAX);

/// Pass/fail counts of one section, printing each failure.
struct Section {
    name: &'static str,
    passed: u32,
    failed: u32,
}

impl Section {
    const fn new(name: &'static str) -> Self {
        Section {
            name,
            passed: 0,
            failed: 0,
        }
    }

    fn check(&mut self, ok: bool, id: impl Display, got: impl core::fmt::Debug) {
        if ok {
            self.passed += 1;
        } else {
            self.failed += 1;
            println!("FAIL {} {}: got {:?}", self.name, id, got);
        }
    }

    /// Prints the section's line and adds it to `total`; a section that did
    /// not run exactly `expected` checks is a failure (a vector lost or
    /// misfiled on the way to the device).
    fn end(mut self, expected: usize, total: &mut (u32, u32)) {
        let ran = (self.passed + self.failed) as usize;
        if ran != expected {
            println!(
                "FAIL {}: {} checks ran, {} expected",
                self.name, ran, expected
            );
            self.failed += 1;
        }
        println!(
            "section={} passed={} failed={}",
            self.name, self.passed, self.failed
        );
        total.0 += self.passed;
        total.1 += self.failed;
    }
}

#[entry]
fn main() -> ! {
    let mut buf = [0u8; BUF_LEN];
    let mut total = (0u32, 0u32);
    println!(
        "jwt-embedded firmware vectors: target={} buffer={} bytes",
        TARGET, BUF_LEN
    );

    // Each RFC case with both forms of its key (the ES256 ones only with
    // the `es256` feature).
    let rfc_cases = if cfg!(feature = "es256") {
        RFC_CASES
    } else {
        println!("section=rfc: ES256 cases skipped (built without es256)");
        RFC_CASES - RFC_ES256_CASES
    };
    rfc(&mut buf).end(2 * rfc_cases, &mut total);
    let (hs, rs, other) = wycheproof_jws(&mut buf);
    if JWS_HS256 + JWS_RS256 + JWS_OTHER != JWS_NUMBER_OF_TESTS {
        println!(
            "FAIL wycheproof-jws: the file has {} tests",
            JWS_NUMBER_OF_TESTS
        );
        total.1 += 1;
    }
    hs.end(JWS_HS256, &mut total);
    rs.end(JWS_RS256, &mut total);
    // Every token refused by both keys, plus each foreign RSA JWK refused.
    other.end(JWS_OTHER + OTHER_RSA_JWKS.len(), &mut total);
    for (name, groups, expected, run) in [
        (
            "wycheproof-rsa-2048",
            RSA_2048,
            RSA_2048_NUMBER_OF_TESTS,
            rsa_file::<Rs256Key2048> as fn(_, _) -> _,
        ),
        (
            "wycheproof-rsa-4096",
            RSA_4096,
            RSA_4096_NUMBER_OF_TESTS,
            rsa_file::<Rs256Key4096>,
        ),
    ] {
        if groups.is_empty() {
            println!("section={} skipped (no room in this board's flash)", name);
        } else {
            run(name, groups).end(expected, &mut total);
        }
    }
    #[cfg(all(feature = "eddsa", feature = "es256"))]
    rfc8037(&mut buf).end(RFC8037_CHECKS, &mut total);
    #[cfg(not(all(feature = "eddsa", feature = "es256")))]
    println!("section=rfc8037 skipped (built without eddsa and es256)");
    rejections(&mut buf).end(REJECTIONS.len() + 2, &mut total);
    hs512_ps256(&mut buf).end(HS512_PS256_CHECKS, &mut total);

    println!(
        "summary: passed={} failed={} target={}",
        total.0, total.1, TARGET
    );
    exit(total.1 == 0 && total.0 > 0)
}

// ---------------------------------------------------------------------------
// RFC 7515 / 7519 / 7520
// ---------------------------------------------------------------------------

/// Cases in `rfc_vectors.json` (as `tests/rfc_vectors.rs` counts them).
const RFC_CASES: usize = 28;
/// Of which ES256 (RFC 7515 A.3).
const RFC_ES256_CASES: usize = 8;

fn rfc(buf: &mut [u8]) -> Section {
    let mut section = Section::new("rfc");
    for case in RFC {
        let mut required = RequiredClaims::NONE;
        for name in case.require {
            match Claim::from_name(name) {
                Some(claim) => required = required.with(claim),
                None => section.check(false, case.id, name),
            }
        }
        let mut policy = Validation::new().required(required).leeway(case.leeway);
        if let Some(iss) = case.iss {
            policy = policy.issuer(iss);
        }
        if let Some(aud) = case.aud {
            policy = policy.audience(aud);
        }
        let mut run = |form: &str, result: Result<&str, Error>| {
            let ok = match result {
                Ok(payload) => case.expect == "valid" && payload == case.payload,
                Err(e) => e.kind() == case.expect,
            };
            section.check(ok, format_args!("{} ({form})", case.id), result);
        };
        let token = case.token.as_bytes();
        match &case.key {
            RfcKey::Hs { secret, jwk_k } => {
                for (form, key) in [
                    ("secret", Hs256Key::new(secret)),
                    ("jwk k", Hs256Key::from_base64url(jwk_k)),
                ] {
                    match key {
                        Ok(key) => run(
                            form,
                            verify(token, &key, &policy, case.now, buf).map(|v| v.payload()),
                        ),
                        Err(e) => run(form, Err(e)),
                    }
                }
            }
            RfcKey::Rs { n, e, spki_pem } => {
                for (form, key) in [
                    ("jwk n/e", Rs256Key2048::from_jwk_components(n, e)),
                    ("spki pem", Rs256Key2048::from_pem(spki_pem)),
                ] {
                    match key {
                        Ok(key) => run(
                            form,
                            verify(token, &key, &policy, case.now, buf).map(|v| v.payload()),
                        ),
                        Err(e) => run(form, Err(e)),
                    }
                }
            }
            // ES256 needs the `es256` feature (the Cortex-M0 board's flash
            // has no room for it next to the other vectors).
            #[cfg(not(feature = "es256"))]
            RfcKey::Ec { .. } => {}
            #[cfg(feature = "es256")]
            RfcKey::Ec { jwk, spki_pem } => {
                for (form, key) in [
                    ("jwk", jwt_embedded::Es256Key::from_jwk(jwk)),
                    ("spki pem", jwt_embedded::Es256Key::from_pem(spki_pem)),
                ] {
                    match key {
                        Ok(key) => run(
                            form,
                            verify(token, &key, &policy, case.now, buf).map(|v| v.payload()),
                        ),
                        Err(e) => run(form, Err(e)),
                    }
                }
            }
        }
    }
    section
}

// ---------------------------------------------------------------------------
// RFC 8037 (EdDSA)
// ---------------------------------------------------------------------------

/// Checks of [`rfc8037`]: the A.4 signature decodes; per key form (JWK,
/// PEM), the A.4 signature, the same with one bit flipped, and the whole JWS
/// (whose payload is text, not claims: `malformed` after the signature
/// passed); then the A.4 token under an ES256 key refused on `alg`.
#[cfg(all(feature = "eddsa", feature = "es256"))]
const RFC8037_CHECKS: usize = 1 + 2 * 3 + 1;

#[cfg(all(feature = "eddsa", feature = "es256"))]
fn rfc8037(buf: &mut [u8]) -> Section {
    use jwt_embedded::Ed25519Key;
    use jwt_embedded_firmware::vectors::{RFC8037_JWK, RFC8037_JWS, RFC8037_PEM};
    let mut section = Section::new("rfc8037");
    let Some((signing_input, signature)) = RFC8037_JWS.rsplit_once('.') else {
        section.check(false, "A.4 JWS", "no signature segment");
        return section;
    };
    let mut raw = [0u8; 64];
    let decoded = Base64UrlUnpadded::decode(signature, &mut raw).map(|s| s.len());
    section.check(decoded == Ok(64), "A.4 signature", decoded);
    for (form, key) in [
        ("jwk", Ed25519Key::from_jwk(RFC8037_JWK)),
        ("spki pem", Ed25519Key::from_pem(RFC8037_PEM)),
    ] {
        let key = match key {
            Ok(key) => key,
            Err(e) => {
                section.check(false, form, e);
                continue;
            }
        };
        let valid = key.verify_raw(signing_input.as_bytes(), &raw);
        section.check(valid.is_ok(), format_args!("A.4 ({form})"), valid);
        let mut flipped = raw;
        flipped[17] ^= 0x10;
        let tampered = key.verify_raw(signing_input.as_bytes(), &flipped);
        section.check(
            tampered == Err(Error::Signature),
            format_args!("A.4, one bit flipped ({form})"),
            tampered,
        );
        let whole = verify(RFC8037_JWS.as_bytes(), &key, &ANY, WYCHEPROOF_NOW, buf).map(|_| ());
        section.check(
            whole == Err(Error::Malformed(Part::Claims)),
            format_args!("A.4 JWS, text payload ({form})"),
            whole,
        );
    }
    // The RFC vectors' ES256 key (RFC 7515 A.3) takes no EdDSA token.
    let es256 = RFC.iter().find_map(|c| match c.key {
        RfcKey::Ec { jwk, .. } => Some(jwk),
        _ => None,
    });
    let refused = match es256.map(jwt_embedded::Es256Key::from_jwk) {
        Some(Ok(key)) => {
            verify(RFC8037_JWS.as_bytes(), &key, &ANY, WYCHEPROOF_NOW, buf).map(|_| ())
        }
        Some(Err(e)) => Err(e),
        None => Err(KeyError::Encoding.into()),
    };
    section.check(
        refused == Err(Error::Algorithm),
        "A.4 JWS, ES256 key",
        refused,
    );
    section
}

// ---------------------------------------------------------------------------
// Wycheproof json_web_signature_test.json
// ---------------------------------------------------------------------------

/// The payloads are arbitrary bytes, not claims: nothing is required, any
/// audience is fine, and a verified token may still fail as claims.
const ANY: Validation<'static> = Validation::new()
    .required(RequiredClaims::NONE)
    .danger_accept_any_audience();
const WYCHEPROOF_NOW: i64 = 1_700_000_000;
/// Cases per group kind (as the host tests pin them: HS256 tcIds 1–17, 348,
/// 352, 357–377; RS256 tcIds 33–263, 345, 349, 353, 355).
const JWS_HS256: usize = 40;
const JWS_RS256: usize = 235;
const JWS_OTHER: usize = 126;

/// Whether the JWS verified, judging from where `verify` stopped: claims
/// errors come only after the signature check. `Malformed(Claims)` for a
/// payload segment that is not strict base64url means the MAC covered a
/// badly encoded payload: an invalid JWS. `None`: an error this policy and
/// buffer can never produce.
fn jws_verified<T>(result: &Result<T, Error>, payload_strict: bool) -> Option<bool> {
    match result {
        Ok(_) => Some(true),
        Err(Error::Malformed(Part::Claims)) => Some(payload_strict),
        Err(
            Error::InvalidClaimType(_)
            | Error::MissingClaim(_)
            | Error::Expired
            | Error::NotYetValid
            | Error::Audience
            | Error::Issuer,
        ) => Some(true),
        Err(
            Error::Malformed(_)
            | Error::Algorithm
            | Error::Signature
            | Error::Crit
            | Error::TooLarge,
        ) => Some(false),
        Err(_) => None,
    }
}

fn wycheproof_jws(buf: &mut [u8]) -> (Section, Section, Section) {
    let mut hs = Section::new("wycheproof-jws-hs256");
    let mut rs = Section::new("wycheproof-jws-rs256");
    let mut other = Section::new("wycheproof-jws-other-algs");
    let Ok(any_hs) = Hs256Key::from_base64url(HS_KEYS[0]) else {
        hs.check(false, "key 0", "HS256 key refused");
        return (hs, rs, other);
    };
    let Ok(any_rs) = Rs256Key2048::from_jwk_components(RS_KEYS[0].n, RS_KEYS[0].e) else {
        rs.check(false, "key 0", "RS256 key refused");
        return (hs, rs, other);
    };
    for case in JWS {
        let token = case.token.as_bytes();
        match case.group {
            JwsGroup::Hs256 => match Hs256Key::from_base64url(HS_KEYS[case.key]) {
                Ok(key) => {
                    let result = verify(token, &key, &ANY, WYCHEPROOF_NOW, buf).map(|_| ());
                    let got = jws_verified(&result, case.payload_strict);
                    hs.check(got == Some(case.valid), case.tc_id, result);
                }
                Err(e) => hs.check(false, case.tc_id, e),
            },
            JwsGroup::Rs256 => {
                let jwk = &RS_KEYS[case.key];
                let bare = Rs256Key2048::from_jwk_components(jwk.n, jwk.e);
                let imported = Rs256Key2048::from_jwk(jwk.jwk);
                match (imported, bare) {
                    (Ok(key), Ok(bare)) if jwk.usable => {
                        let result = verify(token, &key, &ANY, WYCHEPROOF_NOW, buf).map(|_| ());
                        let got = jws_verified(&result, case.payload_strict);
                        rs.check(got == Some(case.valid) && key == bare, case.tc_id, result);
                    }
                    // A key for encryption only: refused at import, which
                    // is what makes the (well-signed) token invalid.
                    (Err(Error::InvalidKey(KeyError::Use)), Ok(bare)) if !jwk.usable => {
                        let result = verify(token, &bare, &ANY, WYCHEPROOF_NOW, buf).map(|_| ());
                        let got = jws_verified(&result, case.payload_strict);
                        rs.check(!case.valid && got == Some(true), case.tc_id, result);
                    }
                    (imported, bare) => {
                        rs.check(false, case.tc_id, (imported.map(|_| ()), bare.map(|_| ())))
                    }
                }
            }
            JwsGroup::Other => {
                // Every other algorithm's token is refused by both key
                // types, at or before the signature check; on `alg` itself
                // when the header is readable (no key confusion).
                let by_hs = verify(token, &any_hs, &ANY, WYCHEPROOF_NOW, buf).map(|_| ());
                let by_rs = verify(token, &any_rs, &ANY, WYCHEPROOF_NOW, buf).map(|_| ());
                let refused = jws_verified(&by_hs, case.payload_strict) == Some(false)
                    && jws_verified(&by_rs, case.payload_strict) == Some(false);
                let on_alg = match case.alg {
                    Some(alg) => {
                        (alg == "HS256" || by_hs == Err(Error::Algorithm))
                            && (alg == "RS256" || by_rs == Err(Error::Algorithm))
                    }
                    None => true,
                };
                other.check(refused && on_alg, case.tc_id, (case.alg, by_hs, by_rs));
            }
        }
    }
    for jwk in OTHER_RSA_JWKS {
        let imported = Rs256Key2048::from_jwk(jwk).map(|_| ());
        other.check(
            imported == Err(Error::InvalidKey(KeyError::Algorithm)),
            "foreign RSA JWK",
            imported,
        );
    }
    (hs, rs, other)
}

// ---------------------------------------------------------------------------
// Wycheproof rsa_signature_{2048,4096}_sha256_test.json
// ---------------------------------------------------------------------------

/// The two key widths the raw RSA files are run with.
trait RawRsa: Sized {
    fn from_der(der: &[u8]) -> Result<Self, Error>;
    fn check(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error>;
}

impl RawRsa for Rs256Key2048 {
    fn from_der(der: &[u8]) -> Result<Self, Error> {
        Self::from_public_key_der(der)
    }
    fn check(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        self.verify_raw(msg, sig)
    }
}

impl RawRsa for Rs256Key4096 {
    fn from_der(der: &[u8]) -> Result<Self, Error> {
        Self::from_public_key_der(der)
    }
    fn check(&self, msg: &[u8], sig: &[u8]) -> Result<(), Error> {
        self.verify_raw(msg, sig)
    }
}

fn rsa_file<K: RawRsa>(name: &'static str, groups: &[RsaGroup]) -> Section {
    let mut section = Section::new(name);
    for group in groups {
        let key = match K::from_der(group.der) {
            Ok(key) => key,
            Err(e) => {
                section.check(false, "key", e);
                continue;
            }
        };
        for case in group.cases {
            let result = key.check(case.msg, case.sig);
            let ok = if case.valid {
                result.is_ok()
            } else {
                result == Err(Error::Signature)
            };
            section.check(ok, case.tc_id, result);
        }
    }
    section
}

// ---------------------------------------------------------------------------
// HS512 (signed here with the hmac crate) and PS256 (the `measure` fixture)
// ---------------------------------------------------------------------------

/// HS512 takes a secret of at least 64 bytes (RFC 7518 §3.2).
const SECRET64: &[u8; 64] = b"firmware-test-secret-0123456789!firmware-test-secret-0123456789!";
const HS512: &str = r#"{"alg":"HS512","typ":"JWT"}"#;
/// PS256 with a 2048-bit key, over the benchmark fixtures' claims
/// (`fixtures/make_fixtures.py`).
const PS256_TOKEN: &str = include_str!("../../fixtures/ps256_2048.jwt");
const PS256_JWK: &str = include_str!("../../fixtures/ps256_2048.pub.jwk.json");
const PS256_POLICY: Validation<'static> = Validation::new()
    .issuer("https://issuer.example.com")
    .audience("api://telemetry");
const PS256_NOW: i64 = 1_750_000_000;
/// The checks `hs512_ps256` runs (a check lost on the way is a failure).
const HS512_PS256_CHECKS: usize = 13;

/// Builds `b64(header).b64(payload).b64(HMAC-SHA-512(secret))` into `out`.
fn sign_hs512<'o>(
    header: &str,
    payload: &str,
    secret: &[u8],
    out: &'o mut [u8; FORGED_MAX],
) -> Option<&'o mut [u8]> {
    let h = Base64UrlUnpadded::encode(header.as_bytes(), &mut out[..])
        .ok()?
        .len();
    out[h] = b'.';
    let p = Base64UrlUnpadded::encode(payload.as_bytes(), &mut out[h + 1..])
        .ok()?
        .len();
    let len = h + 1 + p;
    let mut mac = Hmac::<Sha512>::new_from_slice(secret).ok()?;
    mac.update(&out[..len]);
    let tag = mac.finalize().into_bytes();
    out[len] = b'.';
    let s = Base64UrlUnpadded::encode(&tag, &mut out[len + 1..])
        .ok()?
        .len();
    Some(&mut out[..len + 1 + s])
}

/// Changes the character at `at` of the signature segment (`A` and `B`
/// swap, anything else becomes `A`): still canonical base64url away from
/// the last character.
fn alter_signature(token: &mut [u8], at: usize) {
    if let Some(dot) = token.iter().rposition(|&b| b == b'.')
        && let Some(c) = token.get_mut(dot + 1 + at)
    {
        *c = if *c == b'A' { b'B' } else { b'A' };
    }
}

/// HS512 and PS256 on the device: valid tokens, altered ones, short keys,
/// and every pairing of a token with a key of another algorithm refused on
/// `alg` (through `&dyn VerifyingKey`, as a key set would hold them).
fn hs512_ps256(buf: &mut [u8]) -> Section {
    let mut section = Section::new("hs512-ps256");
    let mut check = |name: &str, got: Result<(), Error>, expect: Result<(), Error>| {
        section.check(got == expect, name, got);
    };
    let mut run = |token: Option<&[u8]>,
                   key: &dyn VerifyingKey,
                   policy: &Validation<'_>,
                   now: i64| match token {
        Some(token) => verify(token, key, policy, now, buf).map(|_| ()),
        None => Err(Error::BufferTooSmall),
    };

    // HS512, signed here.
    check(
        "HS512 secret of 63 bytes",
        Hs512Key::new(&SECRET64[..63]).map(|_| ()),
        Err(KeyError::TooShort.into()),
    );
    match (Hs512Key::new(SECRET64), Hs256Key::new(SECRET)) {
        (Ok(hs512), Ok(hs256)) => {
            let mut token = [0u8; FORGED_MAX];
            let good = sign_hs512(HS512, GOOD, SECRET64, &mut token).map(|t| &*t);
            check("HS512 valid", run(good, &hs512, &POLICY, NOW), Ok(()));
            check(
                "HS512 token, HS256 key",
                run(good, &hs256, &POLICY, NOW),
                Err(Error::Algorithm),
            );
            let mut token = [0u8; FORGED_MAX];
            let other = sign_hs512(HS512, GOOD, &[0x5a; 64], &mut token).map(|t| &*t);
            check(
                "HS512 wrong secret",
                run(other, &hs512, &POLICY, NOW),
                Err(Error::Signature),
            );
            let mut token = [0u8; FORGED_MAX];
            let altered = sign_hs512(HS512, GOOD, SECRET64, &mut token).map(|t| {
                alter_signature(t, 0);
                &*t
            });
            check(
                "HS512 signature altered",
                run(altered, &hs512, &POLICY, NOW),
                Err(Error::Signature),
            );
            // A 32-byte tag (43 characters): the length of HS256's.
            let mut token = [0u8; FORGED_MAX];
            let cut = sign_hs512(HS512, GOOD, SECRET64, &mut token).map(|t| {
                let len = t.len() - (86 - 43);
                &t[..len]
            });
            check(
                "HS512 tag cut to 32 bytes",
                run(cut, &hs512, &POLICY, NOW),
                Err(Error::Malformed(Part::Signature)),
            );
            let mut token = [0u8; FORGED_MAX];
            let hs256_token = forge(HS, GOOD, Tamper::None, &mut token);
            check(
                "HS256 token, HS512 key",
                run(hs256_token, &hs512, &POLICY, NOW),
                Err(Error::Algorithm),
            );
        }
        (hs512, hs256) => check("HS512 and HS256 keys", hs512.and(hs256).map(|_| ()), Ok(())),
    }

    // PS256, the `measure` fixture: its key from the JWK and from n and e.
    let token = PS256_TOKEN.as_bytes();
    match Ps256Key::<Rsa2048>::from_jwk(PS256_JWK) {
        Ok(key) => {
            check(
                "PS256 valid (JWK)",
                run(Some(token), &key, &PS256_POLICY, PS256_NOW),
                Ok(()),
            );
            let mut altered = [0u8; PS256_TOKEN.len()];
            altered.copy_from_slice(token);
            alter_signature(&mut altered, 100);
            check(
                "PS256 signature altered",
                run(Some(&altered), &key, &PS256_POLICY, PS256_NOW),
                Err(Error::Signature),
            );
        }
        Err(e) => check("PS256 key from JWK", Err(e), Ok(())),
    }
    match (
        Ps256Key::<Rsa2048>::from_components(PS2048_N, PS2048_E),
        Rs256Key2048::from_components(PS2048_N, PS2048_E),
    ) {
        (Ok(ps), Ok(rs)) => {
            check(
                "PS256 valid (n, e)",
                run(Some(token), &ps, &PS256_POLICY, PS256_NOW),
                Ok(()),
            );
            check(
                "PS256 token, RS256 key of its modulus",
                run(Some(token), &rs, &PS256_POLICY, PS256_NOW),
                Err(Error::Algorithm),
            );
        }
        (ps, rs) => check(
            "PS256 and RS256 keys",
            ps.map(|_| ()).and(rs.map(|_| ())),
            Ok(()),
        ),
    }
    check(
        "PS256 JWK as an RS256 key",
        Rs256Key2048::from_jwk(PS256_JWK).map(|_| ()),
        Err(KeyError::Algorithm.into()),
    );
    // RFC 7515 A.2 (RS256) under a PS256 key of its modulus.
    let rs_vector = RFC.iter().find_map(|c| match c.key {
        RfcKey::Rs { n, e, .. } => Some((c.token, n, e)),
        RfcKey::Hs { .. } | RfcKey::Ec { .. } => None,
    });
    let rs_under_ps = match rs_vector {
        Some((rs_token, n, e)) => match Ps256Key::<Rsa2048>::from_jwk_components(n, e) {
            Ok(ps) => run(Some(rs_token.as_bytes()), &ps, &POLICY, NOW),
            Err(e) => Err(e),
        },
        None => Err(KeyError::Encoding.into()),
    };
    check(
        "RS256 token, PS256 key of its modulus",
        rs_under_ps,
        Err(Error::Algorithm),
    );
    section
}

// ---------------------------------------------------------------------------
// Rejection cases, signed here with the hmac crate
// ---------------------------------------------------------------------------

const SECRET: &[u8; 32] = b"firmware-test-secret-0123456789!";
const NOW: i64 = 1_700_000_000;
const POLICY: Validation<'static> = Validation::new().issuer("fw-issuer").audience("fw-device");
const HS: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const GOOD: &str =
    r#"{"iss":"fw-issuer","aud":"fw-device","sub":"dev-1","exp":1700000100,"nbf":1699999900}"#;

/// What is done to a well-signed token before it is verified.
#[derive(Clone, Copy)]
enum Tamper {
    None,
    /// Signed with another secret.
    WrongKey,
    /// First signature character changed.
    Signature,
    /// First payload character changed.
    Payload,
    /// `=` appended.
    Padding,
    /// A fourth segment appended.
    FourthSegment,
    /// The signature and its dot removed.
    TwoSegments,
    /// Empty signature segment.
    EmptySignature,
    /// A space before the first dot.
    Space,
    /// Signature cut to 40 characters (30 bytes).
    ShortSignature,
    /// The high bit set on the signature character at this index: a byte
    /// outside ASCII whose low 7 bits are a base64url character (the
    /// 32-bit decoder looks characters up by those bits alone).
    HighBit(usize),
    /// Verified into a 16-byte buffer.
    SmallBuffer,
}

/// Builds `b64(header).b64(payload).b64(HMAC)` into `out`, tampered.
fn forge<'o>(
    header: &str,
    payload: &str,
    tamper: Tamper,
    out: &'o mut [u8; FORGED_MAX],
) -> Option<&'o [u8]> {
    let h = Base64UrlUnpadded::encode(header.as_bytes(), &mut out[..])
        .ok()?
        .len();
    out[h] = b'.';
    let p = Base64UrlUnpadded::encode(payload.as_bytes(), &mut out[h + 1..])
        .ok()?
        .len();
    let mut len = h + 1 + p;
    let secret: &[u8] = match tamper {
        Tamper::WrongKey => b"another-secret-of-32-bytes-00000",
        _ => SECRET,
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).ok()?;
    mac.update(&out[..len]);
    let tag = mac.finalize().into_bytes();
    out[len] = b'.';
    let sig_start = len + 1;
    len = sig_start
        + Base64UrlUnpadded::encode(&tag, &mut out[sig_start..])
            .ok()?
            .len();
    match tamper {
        Tamper::Signature => out[sig_start] = if out[sig_start] == b'A' { b'B' } else { b'A' },
        Tamper::Payload => out[h + 1] = if out[h + 1] == b'e' { b'f' } else { b'e' },
        Tamper::Padding => {
            out[len] = b'=';
            len += 1;
        }
        Tamper::FourthSegment => {
            out[len..len + 5].copy_from_slice(b".AAAA");
            len += 5;
        }
        Tamper::TwoSegments => len = sig_start - 1,
        Tamper::EmptySignature => len = sig_start,
        Tamper::Space => {
            out.copy_within(h..len, h + 1);
            out[h] = b' ';
            len += 1;
        }
        Tamper::ShortSignature => len = sig_start + 40,
        Tamper::HighBit(at) => out[sig_start + at] |= 0x80,
        Tamper::None | Tamper::WrongKey | Tamper::SmallBuffer => {}
    }
    Some(&out[..len])
}

struct Rejection {
    name: &'static str,
    header: &'static str,
    payload: &'static str,
    tamper: Tamper,
    policy: Validation<'static>,
    expect: Result<(), Error>,
}

const fn case(
    name: &'static str,
    header: &'static str,
    payload: &'static str,
    expect: Result<(), Error>,
) -> Rejection {
    Rejection {
        name,
        header,
        payload,
        tamper: Tamper::None,
        policy: POLICY,
        expect,
    }
}

const fn tampered(name: &'static str, tamper: Tamper, expect: Result<(), Error>) -> Rejection {
    Rejection {
        name,
        header: HS,
        payload: GOOD,
        tamper,
        policy: POLICY,
        expect,
    }
}

const fn policy(
    name: &'static str,
    payload: &'static str,
    policy: Validation<'static>,
    expect: Result<(), Error>,
) -> Rejection {
    Rejection {
        name,
        header: HS,
        payload,
        tamper: Tamper::None,
        policy,
        expect,
    }
}

const DEEP: &str = concat!(
    r#"{"iss":"fw-issuer","aud":"fw-device","exp":1700000100,"x":"#,
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "}"
);

const REJECTIONS: &[Rejection] = &[
    case("valid", HS, GOOD, Ok(())),
    case(
        "aud array with ours",
        HS,
        r#"{"iss":"fw-issuer","aud":["x","fw-device"],"exp":1700000100}"#,
        Ok(()),
    ),
    case(
        "aud array without ours",
        HS,
        r#"{"iss":"fw-issuer","aud":["x","y"],"exp":1700000100}"#,
        Err(Error::Audience),
    ),
    case(
        "aud absent",
        HS,
        r#"{"iss":"fw-issuer","exp":1700000100}"#,
        Err(Error::Audience),
    ),
    case(
        "exp == now",
        HS,
        r#"{"iss":"fw-issuer","aud":"fw-device","exp":1700000000}"#,
        Err(Error::Expired),
    ),
    policy(
        "exp within leeway",
        r#"{"iss":"fw-issuer","aud":"fw-device","exp":1699999990}"#,
        POLICY.leeway(30),
        Ok(()),
    ),
    case(
        "nbf in the future",
        HS,
        r#"{"iss":"fw-issuer","aud":"fw-device","exp":1700000100,"nbf":1700000001}"#,
        Err(Error::NotYetValid),
    ),
    case(
        "iss differs in case",
        HS,
        r#"{"iss":"fw-Issuer","aud":"fw-device","exp":1700000100}"#,
        Err(Error::Issuer),
    ),
    case(
        "exp missing",
        HS,
        r#"{"iss":"fw-issuer","aud":"fw-device"}"#,
        Err(Error::MissingClaim(Claim::Exp)),
    ),
    case(
        "exp as a string",
        HS,
        r#"{"iss":"fw-issuer","aud":"fw-device","exp":"1700000100"}"#,
        Err(Error::InvalidClaimType(Claim::Exp)),
    ),
    case(
        "duplicate exp",
        HS,
        r#"{"iss":"fw-issuer","aud":"fw-device","exp":1,"exp":1700000100}"#,
        Err(Error::Malformed(Part::Claims)),
    ),
    // Names outside the registered ones, sorted by their first word (4
    // bytes here, 8 on a 64-bit host) and then by `memcmp`: names that
    // differ only before, at and after a word's end.
    case(
        "unknown names around a word, all distinct",
        HS,
        r#"{"iss":"fw-issuer","aud":"fw-device","exp":1700000100,"abcde":1,"abcd":2,"abc":3,"abcdX":4,"abcdY":5,"abcdefgh":6,"abcdefghi":7,"abcdefgX":8,"b":9}"#,
        Ok(()),
    ),
    case(
        "duplicate unknown name of 5 bytes",
        HS,
        r#"{"iss":"fw-issuer","aud":"fw-device","exp":1700000100,"abcde":1,"abcd":2,"abcdX":3,"abcde":4}"#,
        Err(Error::Malformed(Part::Claims)),
    ),
    case(
        "duplicate unknown name of 9 bytes",
        HS,
        r#"{"iss":"fw-issuer","aud":"fw-device","exp":1700000100,"abcdefghi":1,"abcdefgh":2,"abcdefghX":3,"abcdefghi":4}"#,
        Err(Error::Malformed(Part::Claims)),
    ),
    case(
        "payload not an object",
        HS,
        "[1]",
        Err(Error::Malformed(Part::Claims)),
    ),
    case(
        "nesting deeper than 16",
        HS,
        DEEP,
        Err(Error::Malformed(Part::Claims)),
    ),
    case(
        "crit",
        r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
        GOOD,
        Err(Error::Crit),
    ),
    case(
        "alg lowercase",
        r#"{"alg":"hs256"}"#,
        GOOD,
        Err(Error::Algorithm),
    ),
    case(
        "alg RS256",
        r#"{"alg":"RS256"}"#,
        GOOD,
        Err(Error::Algorithm),
    ),
    case(
        "alg missing",
        r#"{"typ":"JWT"}"#,
        GOOD,
        Err(Error::Malformed(Part::Header)),
    ),
    Rejection {
        name: "alg none, empty signature",
        header: r#"{"alg":"none"}"#,
        payload: GOOD,
        tamper: Tamper::EmptySignature,
        policy: POLICY,
        expect: Err(Error::Algorithm),
    },
    policy("typ JWT expected", GOOD, POLICY.typ("JWT"), Ok(())),
    Rejection {
        name: "typ application/jwt",
        header: r#"{"alg":"HS256","typ":"application/jwt"}"#,
        payload: GOOD,
        tamper: Tamper::None,
        policy: POLICY.typ("JWT"),
        expect: Ok(()),
    },
    Rejection {
        name: "typ at+jwt when JWT expected",
        header: r#"{"alg":"HS256","typ":"at+jwt"}"#,
        payload: GOOD,
        tamper: Tamper::None,
        policy: POLICY.typ("JWT"),
        expect: Err(Error::Type),
    },
    policy(
        "over max_token_len",
        GOOD,
        POLICY.max_token_len(64),
        Err(Error::TooLarge),
    ),
    tampered("wrong key", Tamper::WrongKey, Err(Error::Signature)),
    tampered(
        "signature altered",
        Tamper::Signature,
        Err(Error::Signature),
    ),
    tampered("payload altered", Tamper::Payload, Err(Error::Signature)),
    tampered(
        "padding",
        Tamper::Padding,
        Err(Error::Malformed(Part::Signature)),
    ),
    tampered(
        "fourth segment",
        Tamper::FourthSegment,
        Err(Error::Malformed(Part::Token)),
    ),
    tampered(
        "two segments",
        Tamper::TwoSegments,
        Err(Error::Malformed(Part::Token)),
    ),
    tampered(
        "empty signature",
        Tamper::EmptySignature,
        Err(Error::Malformed(Part::Signature)),
    ),
    tampered(
        "space in the header segment",
        Tamper::Space,
        Err(Error::Malformed(Part::Header)),
    ),
    tampered(
        "short signature",
        Tamper::ShortSignature,
        Err(Error::Malformed(Part::Signature)),
    ),
    // The signature's 43 characters: two 16-character steps, two groups of
    // four, a tail of three.
    tampered(
        "high bit in a 16-character step",
        Tamper::HighBit(5),
        Err(Error::Malformed(Part::Signature)),
    ),
    tampered(
        "high bit in a group of four",
        Tamper::HighBit(37),
        Err(Error::Malformed(Part::Signature)),
    ),
    tampered(
        "high bit in the tail",
        Tamper::HighBit(41),
        Err(Error::Malformed(Part::Signature)),
    ),
    tampered(
        "buffer too small",
        Tamper::SmallBuffer,
        Err(Error::BufferTooSmall),
    ),
];

/// The claims a device reads through serde.
#[derive(serde::Deserialize)]
struct DeviceClaims<'a> {
    sub: &'a str,
    exp: i64,
}

fn rejections(buf: &mut [u8]) -> Section {
    let mut section = Section::new("rejections");
    let Ok(key) = Hs256Key::new(SECRET) else {
        section.check(false, "key", "refused");
        return section;
    };
    let mut token = [0u8; FORGED_MAX];
    for case in REJECTIONS {
        let Some(token) = forge(case.header, case.payload, case.tamper, &mut token) else {
            section.check(false, case.name, "token does not fit");
            continue;
        };
        let buf = match case.tamper {
            Tamper::SmallBuffer => &mut buf[..16],
            _ => &mut buf[..],
        };
        let result = verify(token, &key, &case.policy, NOW, buf).map(|_| ());
        section.check(result == case.expect, case.name, result);
    }

    // An accepted token's claims, borrowed and through serde.
    let mut forged = [0u8; FORGED_MAX];
    let mut scratch = [0u8; 128];
    let claims_ok = forge(HS, GOOD, Tamper::None, &mut forged).is_some_and(|token| {
        verify(token, &key, &POLICY, NOW, buf).is_ok_and(|verified| {
            let borrowed = verified.claims().sub.is_some_and(|sub| sub.eq_str("dev-1"));
            let typed = verified
                .deserialize::<DeviceClaims<'_>>(&mut scratch)
                .is_ok_and(|c| c.sub == "dev-1" && c.exp == 1_700_000_100);
            borrowed && typed && verified.header().typ.is_some_and(|t| t.eq_str("JWT"))
        })
    });
    section.check(claims_ok, "claims read back", claims_ok);

    // No algorithm confusion: an HS256 token under an RSA key, and the RFC
    // 7515 A.2 RS256 token under an HS256 key, fail on `alg`.
    let rs_vector = RFC.iter().find_map(|c| match c.key {
        RfcKey::Rs { n, e, .. } => Some((c.token, n, e)),
        RfcKey::Hs { .. } | RfcKey::Ec { .. } => None,
    });
    let confusion = match (rs_vector, forge(HS, GOOD, Tamper::None, &mut forged)) {
        (Some((rs_token, n, e)), Some(hs_token)) => match Rs256Key2048::from_jwk_components(n, e) {
            Ok(rsa) => {
                let a = verify(hs_token, &rsa, &POLICY, NOW, buf).map(|_| ());
                let b = verify(rs_token.as_bytes(), &key, &POLICY, NOW, buf).map(|_| ());
                (a, b)
            }
            Err(e) => (Err(e), Err(e)),
        },
        _ => (
            Err(KeyError::Encoding.into()),
            Err(KeyError::Encoding.into()),
        ),
    };
    section.check(
        confusion == (Err(Error::Algorithm), Err(Error::Algorithm)),
        "algorithm confusion",
        confusion,
    );
    section
}
