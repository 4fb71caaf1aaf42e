//! `gateway-load`: the load and fault test of `jwt-embedded-gateway`, on
//! loopback only, bounded in requests and in time.
//!
//! ```text
//! gateway-load init DIR        writes DIR/keys.json and DIR/gateway.conf
//! gateway-load run --addr 127.0.0.1:PORT --dir DIR --gateway-pid PID
//!                  --gateway-log FILE [--requests 220000] [--connections 32]
//!                  [--max-seconds 150] [--refresh-ms 200]
//! ```
//!
//! `run` keeps `--connections` keep-alive HTTP/1.1 connections busy with a
//! fixed mix of requests, each with the answer it must get (status,
//! `WWW-Authenticate`, and the subject for a 200), while it replaces the key
//! file by broken documents (the gateway must keep its keys) and then by a
//! rotated set (the new `kid` accepted, the removed one refused). It prints
//! one line per fault and the summary line, and fails on any wrong answer,
//! any fault not survived, an RSS growth over 10 % or the time cap.
//!
//! Keys: only published example keys, so no private key is generated or
//! committed: RFC 7515 Appendix A.2 (RSA, RS256), A.3 (P-256, ES256) and
//! RFC 8037 Appendix A.1 (Ed25519, EdDSA); the rotated P-256 key is the
//! scalar 0x4242…42, a fixed value of this test.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64ct::{Base64UrlUnpadded, Encoding};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::client::conn::http1::{SendRequest, handshake};
use hyper::header::{AUTHORIZATION, COOKIE, HOST, HeaderName, HeaderValue, WWW_AUTHENTICATE};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

// --- Keys: published examples -------------------------------------------

/// RFC 7515 Appendix A.2: the RSA key's modulus, public exponent and
/// primes (base64url), copied from the RFC text.
const RSA_N: &str = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
const RSA_P: &str = "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc";
const RSA_Q: &str = "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc";
/// RFC 7515 Appendix A.3: the P-256 key's private scalar `d`.
const P256_D: &str = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
/// RFC 8037 Appendix A.1: the Ed25519 private key `d`.
const ED25519_D: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
/// The rotated P-256 key of this test: a fixed scalar.
const ROTATED_D: [u8; 32] = [0x42; 32];

const KID_RSA: &str = "rsa-a2";
const KID_P256: &str = "p256-a3";
const KID_ED: &str = "ed25519-8037";
const KID_ROTATED: &str = "p256-rotated";

// --- The policy the gateway runs under (written by `init`) ----------------

const ISSUER: &str = "https://issuer.example";
const AUDIENCE: &str = "https://api.example";
const SCOPE: &str = "read:telemetry";
const COOKIE_NAME: &str = "session";
const MAX_TOKEN_LEN: usize = 8192;

const CONFIG: &str = "\
# jwt-embedded-gateway policy (written by gateway-load init)
issuer        = https://issuer.example
audiences     = https://api.example, https://edge.example
leeway_s      = 30
max_age_s     = 3600
scopes        = read:telemetry
typ           = JWT
cookie        = session
max_token_len = 8192
";

fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(text).expect("base64url constant")
}

struct Signers {
    rsa: rsa::pkcs1v15::SigningKey<rsa::sha2::Sha256>,
    p256: p256::ecdsa::SigningKey,
    rotated: p256::ecdsa::SigningKey,
    ed: ed25519_dalek::SigningKey,
}

#[derive(Clone, Copy)]
enum Alg {
    Rs256,
    Es256,
    Es256Rotated,
    EdDsa,
}

impl Signers {
    fn new() -> Self {
        use rsa::BoxedUint;
        use rsa::traits::PublicKeyParts;
        let int = |text: &str| BoxedUint::from_be_slice_vartime(&unb64(text));
        let private = rsa::PrivateKey::from_p_q(int(RSA_P), int(RSA_Q), BoxedUint::from(65537u64))
            .expect("RFC 7515 A.2 key");
        assert_eq!(
            private.n_bytes().as_ref(),
            unb64(RSA_N).as_slice(),
            "RFC 7515 A.2 n"
        );
        let p256 = p256::ecdsa::SigningKey::from_slice(&unb64(P256_D)).expect("A.3 key");
        let rotated = p256::ecdsa::SigningKey::from_slice(&ROTATED_D).expect("rotated key");
        let d: [u8; 32] = unb64(ED25519_D).try_into().expect("32 bytes");
        let ed = ed25519_dalek::SigningKey::from_bytes(&d);
        Signers {
            rsa: rsa::pkcs1v15::SigningKey::new(private),
            p256,
            rotated,
            ed,
        }
    }

    fn sign(&self, alg: Alg, input: &[u8]) -> Vec<u8> {
        use rsa::signature::{SignatureEncoding, Signer};
        match alg {
            Alg::Rs256 => self.rsa.sign(input).to_vec(),
            Alg::Es256 => {
                let s: p256::ecdsa::Signature = self.p256.sign(input);
                s.to_bytes().to_vec()
            }
            Alg::Es256Rotated => {
                let s: p256::ecdsa::Signature = self.rotated.sign(input);
                s.to_bytes().to_vec()
            }
            Alg::EdDsa => self.ed.sign(input).to_bytes().to_vec(),
        }
    }

    /// A compact JWS of `header` and `claims` (JSON texts), signed by `alg`.
    fn token(&self, alg: Alg, header: &str, claims: &str) -> String {
        let input = format!("{}.{}", b64(header.as_bytes()), b64(claims.as_bytes()));
        let signature = self.sign(alg, input.as_bytes());
        format!("{input}.{}", b64(&signature))
    }

    fn ec_member(key: &p256::ecdsa::SigningKey, kid: &str) -> String {
        let point = key.verifying_key().to_sec1_point(false);
        let bytes = point.as_bytes();
        format!(
            r#"{{"kty":"EC","crv":"P-256","kid":"{kid}","use":"sig","alg":"ES256","x":"{}","y":"{}"}}"#,
            b64(&bytes[1..33]),
            b64(&bytes[33..65])
        )
    }

    fn members(&self, rotated: bool) -> Vec<String> {
        let rsa = format!(
            r#"{{"kty":"RSA","kid":"{KID_RSA}","use":"sig","alg":"RS256","n":"{RSA_N}","e":"AQAB"}}"#
        );
        let ed = format!(
            r#"{{"kty":"OKP","crv":"Ed25519","kid":"{KID_ED}","use":"sig","alg":"EdDSA","x":"{}"}}"#,
            b64(self.ed.verifying_key().as_bytes())
        );
        let ec = if rotated {
            Self::ec_member(&self.rotated, KID_ROTATED)
        } else {
            Self::ec_member(&self.p256, KID_P256)
        };
        vec![rsa, ec, ed]
    }

    /// The JWK Set: initial, or rotated (the A.3 key replaced by the rotated one).
    fn jwks(&self, rotated: bool) -> String {
        format!("{{\"keys\":[\n{}\n]}}\n", self.members(rotated).join(",\n"))
    }
}

// --- The mix ---------------------------------------------------------------

/// One answer the gateway must give.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Expect {
    status: u16,
    challenge: Option<String>,
    body: Option<String>,
}

fn ok(sub: &str) -> Expect {
    Expect {
        status: 200,
        challenge: None,
        body: Some(format!("{sub}\n")),
    }
}

fn invalid_token(kind: &str) -> Expect {
    Expect {
        status: 401,
        challenge: Some(format!(
            "Bearer error=\"invalid_token\", error_description=\"{kind}\""
        )),
        body: Some(String::new()),
    }
}

fn invalid_request(kind: &str) -> Expect {
    Expect {
        status: 400,
        challenge: Some(format!(
            "Bearer error=\"invalid_request\", error_description=\"{kind}\""
        )),
        body: Some(String::new()),
    }
}

fn no_credentials() -> Expect {
    Expect {
        status: 401,
        challenge: Some("Bearer".to_owned()),
        body: Some(String::new()),
    }
}

fn insufficient_scope() -> Expect {
    Expect {
        status: 403,
        challenge: Some(
            "Bearer error=\"insufficient_scope\", error_description=\"scope\"".to_owned(),
        ),
        body: Some(String::new()),
    }
}

#[derive(Clone, Debug)]
struct Case {
    name: &'static str,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// The answer before the key rotation, and after it: the cases whose
    /// answers differ are paused while the rotation happens.
    before: Expect,
    after: Expect,
}

fn bearer(token: &str) -> Vec<(HeaderName, HeaderValue)> {
    vec![(
        AUTHORIZATION,
        HeaderValue::from_str(&format!("Bearer {token}")).expect("ascii"),
    )]
}

fn cookie(value: &str) -> Vec<(HeaderName, HeaderValue)> {
    vec![(COOKIE, HeaderValue::from_str(value).expect("ascii"))]
}

fn header(alg: &str, kid: &str) -> String {
    format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"{kid}"}}"#)
}

fn claims(sub: &str, now: i64, extra: &str) -> String {
    format!(
        r#"{{"iss":"{ISSUER}","sub":"{sub}","aud":"{AUDIENCE}","iat":{},"exp":{},"scope":"{SCOPE} write:other"{extra}}}"#,
        now - 60,
        now + 1800
    )
}

/// `token` with its character `from_end` places before the end changed
/// (inside the signature for the offsets used: a forgery).
fn flipped(token: String, from_end: usize) -> String {
    let mut bytes = token.into_bytes();
    let at = bytes.len() - from_end;
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).expect("ascii")
}

fn cases(signers: &Signers, now: i64) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name: &'static str, headers: Vec<(HeaderName, HeaderValue)>, expect: Expect| {
        cases.push(Case {
            name,
            headers,
            before: expect.clone(),
            after: expect,
        });
    };
    let rs = |claims: &str| signers.token(Alg::Rs256, &header("RS256", KID_RSA), claims);
    let es = |claims: &str| signers.token(Alg::Es256, &header("ES256", KID_P256), claims);
    let ed = |claims: &str| signers.token(Alg::EdDsa, &header("EdDSA", KID_ED), claims);

    // Valid, per algorithm, as Bearer and as the cookie (twice the weight).
    for _ in 0..2 {
        add(
            "valid_rs256",
            bearer(&rs(&claims("user-rs256", now, ""))),
            ok("user-rs256"),
        );
        add(
            "valid_eddsa",
            bearer(&ed(&claims("user-eddsa", now, ""))),
            ok("user-eddsa"),
        );
        add(
            "valid_rs256_cookie",
            cookie(&format!(
                "theme=dark; {COOKIE_NAME}={}; lang=en",
                rs(&claims("cookie-rs256", now, ""))
            )),
            ok("cookie-rs256"),
        );
        add(
            "valid_eddsa_cookie",
            cookie(&format!(
                "{COOKIE_NAME}={}",
                ed(&claims("cookie-eddsa", now, ""))
            )),
            ok("cookie-eddsa"),
        );
    }
    // A `sub` with an escape: the body is its decoded text.
    add(
        "valid_escaped_sub",
        bearer(&ed(&claims(r"user\u002fescaped", now, ""))),
        ok("user/escaped"),
    );

    // Claims the policy refuses.
    let expired = format!(
        r#"{{"iss":"{ISSUER}","sub":"s","aud":"{AUDIENCE}","iat":{},"exp":{},"scope":"{SCOPE}"}}"#,
        now - 1000,
        now - 600
    );
    add("expired", bearer(&rs(&expired)), invalid_token("expired"));
    add(
        "expired_cookie",
        cookie(&format!("{COOKIE_NAME}={}", ed(&expired))),
        invalid_token("expired"),
    );
    add(
        "not_yet_valid",
        bearer(&rs(&claims("s", now, &format!(r#","nbf":{}"#, now + 600)))),
        invalid_token("not_yet_valid"),
    );
    let too_old = format!(
        r#"{{"iss":"{ISSUER}","sub":"s","aud":"{AUDIENCE}","iat":{},"exp":{},"scope":"{SCOPE}"}}"#,
        now - 7200,
        now + 600
    );
    add("too_old", bearer(&ed(&too_old)), invalid_token("too_old"));
    add(
        "wrong_issuer",
        bearer(&ed(
            &claims("s", now, "").replace(ISSUER, "https://evil.example")
        )),
        invalid_token("issuer"),
    );
    add(
        "wrong_audience",
        bearer(&ed(
            &claims("s", now, "").replace(AUDIENCE, "https://other.example")
        )),
        invalid_token("audience"),
    );
    add(
        "missing_scope",
        bearer(&ed(&claims("s", now, "").replace(SCOPE, "read:other"))),
        insufficient_scope(),
    );
    add(
        "wrong_typ",
        bearer(&signers.token(
            Alg::EdDsa,
            &format!(r#"{{"alg":"EdDSA","typ":"at+jwt","kid":"{KID_ED}"}}"#),
            &claims("s", now, ""),
        )),
        invalid_token("typ"),
    );
    add(
        "no_sub",
        bearer(&ed(&format!(
            r#"{{"iss":"{ISSUER}","aud":"{AUDIENCE}","iat":{},"exp":{},"scope":"{SCOPE}"}}"#,
            now - 60,
            now + 600
        ))),
        invalid_token("missing_claim"),
    );

    // Forged: a signature byte flipped; another key's signature under the kid.
    add(
        "forged_es256",
        bearer(&flipped(es(&claims("s", now, "")), 10)),
        invalid_token("signature"),
    );
    add(
        "forged_rs256",
        bearer(&flipped(rs(&claims("s", now, "")), 100)),
        invalid_token("signature"),
    );
    add(
        "other_key_same_kid",
        bearer(&signers.token(
            Alg::Es256Rotated,
            &header("ES256", KID_P256),
            &claims("s", now, ""),
        )),
        invalid_token("signature"),
    );
    let payload_swapped = {
        let good = ed(&claims("s", now, ""));
        let other = ed(&claims("admin", now, ""));
        let parts: Vec<&str> = good.split('.').collect();
        let other_parts: Vec<&str> = other.split('.').collect();
        format!("{}.{}.{}", parts[0], other_parts[1], parts[2])
    };
    add(
        "payload_swapped",
        bearer(&payload_swapped),
        invalid_token("signature"),
    );

    // Malformed tokens (within the Bearer grammar: the crate judges them).
    // `+` and `/` are b64token (so the Authorization header is well-formed)
    // but not base64url.
    add(
        "bad_base64",
        bearer(&format!(
            "{}.e+/J.c2ln",
            b64(header("EdDSA", KID_ED).as_bytes())
        )),
        invalid_token("malformed"),
    );
    add(
        "missing_segment",
        bearer(rs(&claims("s", now, "")).rsplit_once('.').expect("dots").0),
        invalid_token("malformed"),
    );
    add(
        "one_segment",
        bearer("eyJhbGciOiJFUzI1NiJ9"),
        invalid_token("malformed"),
    );
    add(
        "header_not_json",
        bearer(&format!(
            "{}.{}.{}",
            b64(b"not json"),
            b64(b"{}"),
            b64(b"sig")
        )),
        invalid_token("malformed"),
    );
    // Oversized: a token over the policy's 8192 bytes, within hyper's limit.
    let oversized = format!(
        "{}.{}.{}",
        b64(header("EdDSA", KID_ED).as_bytes()),
        "A".repeat(MAX_TOKEN_LEN + 2000),
        b64(&[0; 64])
    );
    add("oversized", bearer(&oversized), invalid_token("too_large"));

    // Adversarial.
    add(
        "alg_none",
        bearer(&format!(
            "{}.{}.",
            b64(br#"{"alg":"none","typ":"JWT"}"#),
            b64(claims("s", now, "").as_bytes())
        )),
        // No kid, so the set looks for the one key of algorithm `none`: there is none.
        invalid_token("unknown_key"),
    );
    add(
        "alg_none_kid",
        bearer(&format!(
            "{}.{}.",
            b64(header("none", KID_RSA).as_bytes()),
            b64(claims("s", now, "").as_bytes())
        )),
        // The kid picks the RS256 key, whose algorithm `none` is not.
        invalid_token("algorithm"),
    );
    let confusion = |hdr: &str| {
        use hmac::{KeyInit, Mac};
        let input = format!(
            "{}.{}",
            b64(hdr.as_bytes()),
            b64(claims("s", now, "").as_bytes())
        );
        // The classic confusion: the RSA public key used as an HMAC secret.
        let mut mac =
            hmac::Hmac::<rsa::sha2::Sha256>::new_from_slice(&unb64(RSA_N)).expect("any length");
        mac.update(input.as_bytes());
        format!("{input}.{}", b64(&mac.finalize().into_bytes()))
    };
    add(
        "hs256_confusion_kid",
        bearer(&confusion(&header("HS256", KID_RSA))),
        invalid_token("algorithm"),
    );
    add(
        "hs256_confusion",
        bearer(&confusion(r#"{"alg":"HS256","typ":"JWT"}"#)),
        invalid_token("unknown_key"),
    );
    add(
        "rs256_for_eddsa_kid",
        bearer(&signers.token(Alg::Rs256, &header("RS256", KID_ED), &claims("s", now, ""))),
        invalid_token("algorithm"),
    );
    add(
        "unknown_kid",
        bearer(&signers.token(
            Alg::EdDsa,
            &header("EdDSA", "nobody"),
            &claims("s", now, ""),
        )),
        invalid_token("unknown_key"),
    );
    let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
    add(
        "deeply_nested",
        bearer(&ed(&claims("s", now, &format!(r#","x":{deep}"#)))),
        invalid_token("malformed"),
    );
    add(
        "duplicate_claim",
        bearer(&ed(&claims("s", now, r#","iss":"https://evil.example""#))),
        invalid_token("malformed"),
    );
    add(
        "crit",
        bearer(&signers.token(
            Alg::EdDsa,
            &format!(r#"{{"alg":"EdDSA","typ":"JWT","kid":"{KID_ED}","crit":["exp"]}}"#),
            &claims("s", now, ""),
        )),
        invalid_token("crit"),
    );
    // Huge numbers: RFC 7519 §2 NumericDate is any JSON number, so an
    // `exp` of 1e400 or of 400 nines is a date far in the future, not an
    // error (the crate compares such dates exactly, without overflow): the
    // token is valid. What must not happen is a wrap-around to the past, a
    // float rounding or a crash.
    add(
        "huge_exp",
        bearer(&ed(&format!(
            r#"{{"iss":"{ISSUER}","sub":"huge-exp","aud":"{AUDIENCE}","iat":{},"exp":1e400,"scope":"{SCOPE}"}}"#,
            now - 60
        ))),
        ok("huge-exp"),
    );
    add(
        "huge_exp_digits",
        bearer(&ed(&format!(
            r#"{{"iss":"{ISSUER}","sub":"huge-exp","aud":"{AUDIENCE}","iat":{},"exp":{},"scope":"{SCOPE}"}}"#,
            now - 60,
            "9".repeat(400)
        ))),
        ok("huge-exp"),
    );
    // A huge negative `iat`: issued 10^400 s ago, far over the maximum age.
    add(
        "huge_negative_iat",
        bearer(&ed(&format!(
            r#"{{"iss":"{ISSUER}","sub":"s","aud":"{AUDIENCE}","iat":-1e400,"exp":{},"scope":"{SCOPE}"}}"#,
            now + 600
        ))),
        invalid_token("too_old"),
    );
    add(
        "exp_as_string",
        bearer(&ed(&format!(
            r#"{{"iss":"{ISSUER}","sub":"s","aud":"{AUDIENCE}","iat":{},"exp":"{}","scope":"{SCOPE}"}}"#,
            now - 60,
            now + 600
        ))),
        invalid_token("invalid_claim_type"),
    );

    // Requests, not tokens.
    add("no_credentials", Vec::new(), no_credentials());
    add("other_cookie_only", cookie("theme=dark"), no_credentials());
    add(
        "basic_scheme",
        vec![(
            AUTHORIZATION,
            HeaderValue::from_static("Basic dXNlcjpwYXNz"),
        )],
        invalid_request("no_token"),
    );
    add(
        "bearer_no_token",
        vec![(AUTHORIZATION, HeaderValue::from_static("Bearer"))],
        invalid_request("malformed"),
    );
    add(
        "bearer_bad_grammar",
        vec![(AUTHORIZATION, HeaderValue::from_static("Bearer abc def"))],
        invalid_request("malformed"),
    );
    add(
        "two_authorization",
        vec![
            (AUTHORIZATION, HeaderValue::from_static("Bearer a.b.c")),
            (AUTHORIZATION, HeaderValue::from_static("Bearer d.e.f")),
        ],
        invalid_request("malformed"),
    );
    add(
        "not_visible_ascii",
        vec![(
            AUTHORIZATION,
            HeaderValue::from_bytes(b"Bearer \xffabc.def.ghi").expect("obs-text"),
        )],
        invalid_request("malformed"),
    );
    add(
        "duplicate_cookie",
        cookie(&format!("{COOKIE_NAME}=a.b.c; {COOKIE_NAME}=d.e.f")),
        invalid_request("duplicate_cookie"),
    );

    // Refused for their signature while the A.3 key is in the set; after
    // the rotation its kid names no key.
    for case in cases
        .iter_mut()
        .filter(|c| matches!(c.name, "forged_es256" | "other_key_same_kid"))
    {
        case.after = invalid_token("unknown_key");
    }

    // The rotation: the A.3 key's kid is removed, the rotated kid added.
    let new_kid = signers.token(
        Alg::Es256Rotated,
        &header("ES256", KID_ROTATED),
        &claims("user-rotated", now, ""),
    );
    cases.push(Case {
        name: "rotated_kid",
        headers: bearer(&new_kid),
        before: invalid_token("unknown_key"),
        after: ok("user-rotated"),
    });
    let removed = es(&claims("user-es256", now, ""));
    for _ in 0..2 {
        cases.push(Case {
            name: "removed_kid",
            headers: bearer(&removed),
            before: ok("user-es256"),
            after: invalid_token("unknown_key"),
        });
    }
    cases.push(Case {
        name: "removed_kid_cookie",
        headers: cookie(&format!("{COOKIE_NAME}={removed}")),
        before: ok("user-es256"),
        after: invalid_token("unknown_key"),
    });
    cases
}

// --- HTTP --------------------------------------------------------------------

async fn connect(addr: &str) -> SendRequest<Empty<Bytes>> {
    let stream = TcpStream::connect(addr)
        .await
        .expect("connect to the gateway");
    stream.set_nodelay(true).expect("nodelay");
    let (sender, connection) = handshake(TokioIo::new(stream)).await.expect("handshake");
    tokio::spawn(async move {
        let _ = connection.await;
    });
    sender
}

/// What came back, in the terms of `Expect`.
fn answer(status: u16, response_headers: &hyper::HeaderMap, body: &[u8]) -> Expect {
    Expect {
        status,
        challenge: response_headers
            .get(WWW_AUTHENTICATE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()),
        body: Some(String::from_utf8_lossy(body).into_owned()),
    }
}

async fn send(sender: &mut SendRequest<Empty<Bytes>>, case: &Case) -> Result<Expect, String> {
    let mut request = Request::get("/").header(HOST, "gateway");
    for (name, value) in &case.headers {
        request = request.header(name, value);
    }
    let request = request.body(Empty::new()).map_err(|e| e.to_string())?;
    sender.ready().await.map_err(|e| e.to_string())?;
    let response: Response<_> = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    let (parts, body) = response.into_parts();
    let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok(answer(parts.status.as_u16(), &parts.headers, &body))
}

// --- The run -----------------------------------------------------------------

struct Shared {
    cases: Vec<Case>,
    addr: String,
    stop: AtomicBool,
    total: AtomicU64,
    wrong: AtomicU64,
    /// 0 before the rotation, 1 while it happens (rotation cases paused),
    /// 2 after.
    phase: AtomicU8,
    /// Cases whose answer changes at the rotation, in flight.
    in_flight: AtomicUsize,
}

impl Shared {
    fn report_wrong(&self, case: &Case, expected: &Expect, got: &Result<Expect, String>) {
        let n = self.wrong.fetch_add(1, SeqCst);
        if n < 20 {
            eprintln!(
                "wrong: case={} expected={expected:?} got={got:?}",
                case.name
            );
        }
    }
}

async fn worker(shared: Arc<Shared>, start: usize) -> Vec<u32> {
    let mut sender = connect(&shared.addr).await;
    let mut latencies = Vec::with_capacity(16_384);
    let mut index = start;
    while !shared.stop.load(SeqCst) {
        let case = &shared.cases[index % shared.cases.len()];
        index = index.wrapping_add(1);
        let sensitive = case.before != case.after;
        let mut phase = 0;
        if sensitive {
            shared.in_flight.fetch_add(1, SeqCst);
            phase = shared.phase.load(SeqCst);
            if phase == 1 {
                shared.in_flight.fetch_sub(1, SeqCst);
                continue;
            }
        }
        let expected = if phase == 2 {
            &case.after
        } else {
            &case.before
        };
        let t0 = Instant::now();
        let got = send(&mut sender, case).await;
        let micros = u32::try_from(t0.elapsed().as_micros()).unwrap_or(u32::MAX);
        if sensitive {
            shared.in_flight.fetch_sub(1, SeqCst);
        }
        latencies.push(micros);
        shared.total.fetch_add(1, SeqCst);
        if got.as_ref() != Ok(expected) {
            shared.report_wrong(case, expected, &got);
            if got.is_err() {
                sender = connect(&shared.addr).await;
            }
        }
    }
    latencies
}

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn count_in_log(log: &Path, needle: &str) -> usize {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .matches(needle)
        .count()
}

fn write_replacing(path: &Path, content: &[u8]) {
    let temp = path.with_extension("tmp");
    std::fs::write(&temp, content).expect("write the temporary key file");
    std::fs::rename(&temp, path).expect("rename over the key file");
}

fn write_in_place(path: &Path, content: &[u8]) {
    // Truncates, then writes: the gateway may read the file in between.
    std::fs::write(path, content).expect("rewrite the key file");
}

/// One request with a fresh connection (the controller's probes).
async fn probe(addr: &str, case: &Case) -> Result<Expect, String> {
    let mut sender = connect(addr).await;
    send(&mut sender, case).await
}

fn find<'c>(cases: &'c [Case], name: &str) -> &'c Case {
    cases.iter().find(|c| c.name == name).expect("case")
}

struct Options {
    addr: String,
    dir: PathBuf,
    pid: u32,
    log: PathBuf,
    requests: u64,
    connections: usize,
    max_seconds: u64,
    refresh_ms: u64,
}

fn now() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    i64::try_from(secs).expect("seconds")
}

/// Waits until `total` reaches `n` (or the deadline passes).
async fn wait_total(shared: &Shared, n: u64, deadline: Instant) {
    while shared.total.load(SeqCst) < n && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn run(options: Options) -> bool {
    let started = Instant::now();
    let deadline = started + Duration::from_secs(options.max_seconds);
    let signers = Signers::new();
    let cases = cases(&signers, now());
    let keys = options.dir.join("keys.json");
    let initial = signers.jwks(false);
    let refresh = Duration::from_millis(options.refresh_ms);
    let shared = Arc::new(Shared {
        cases,
        addr: options.addr.clone(),
        stop: AtomicBool::new(false),
        total: AtomicU64::new(0),
        wrong: AtomicU64::new(0),
        phase: AtomicU8::new(0),
        in_flight: AtomicUsize::new(0),
    });
    let n_cases = shared.cases.len();
    println!(
        "mix: cases={n_cases} connections={} requests>={} cap_s={}",
        options.connections, options.requests, options.max_seconds
    );
    let load_start = Instant::now();
    let workers: Vec<_> = (0..options.connections)
        .map(|i| {
            tokio::spawn(worker(
                Arc::clone(&shared),
                i * n_cases / options.connections.max(1),
            ))
        })
        .collect();
    let mut ok_all = true;

    // A header section over the gateway's 64 KiB limit: 431, the token
    // never reaches the crate. Sent during the warm-up: the 100 KB read
    // buffers it costs the gateway are then in the RSS baseline.
    let huge = Case {
        name: "head_over_limit",
        headers: bearer(&"A".repeat(100 * 1024)),
        before: Expect {
            status: 431,
            challenge: None,
            body: Some(String::new()),
        },
        after: Expect {
            status: 431,
            challenge: None,
            body: Some(String::new()),
        },
    };
    let mut head_ok = 0;
    for _ in 0..3 {
        match probe(&options.addr, &huge).await {
            Ok(got) if got.status == 431 => head_ok += 1,
            other => eprintln!("head_over_limit: got {other:?}"),
        }
    }
    println!("oversized_head: bytes=102400 status=431 count={head_ok}/3");
    ok_all &= head_ok == 3;

    // Warm-up, then the RSS baseline.
    wait_total(&shared, 20_000, deadline).await;
    let rss_start = rss_kb(options.pid);

    // Faults: the old keys must keep working, and the refusal be logged.
    let ec_x = {
        let member = Signers::ec_member(&signers.p256, KID_P256);
        let start = member.find(r#""x":""#).expect("x") + 5;
        member[start..start + 43].to_owned()
    };
    let mut corrupted_x: Vec<u8> = ec_x.clone().into_bytes();
    for b in corrupted_x.iter_mut().take(6) {
        *b = if *b == b'A' { b'B' } else { b'A' };
    }
    let corrupted = initial.replace(&ec_x, std::str::from_utf8(&corrupted_x).expect("ascii"));
    let faults: Vec<(&str, Vec<u8>, bool)> = vec![
        (
            "truncated",
            initial.as_bytes()[..initial.len() / 2].to_vec(),
            true,
        ),
        ("corrupted", corrupted.into_bytes(), false),
        ("empty", Vec::new(), false),
        (
            "wrong_type_array",
            format!("[{}]", signers.members(false).join(",")).into_bytes(),
            false,
        ),
        (
            "wrong_type_single_jwk",
            signers.members(false)[0].clone().into_bytes(),
            true,
        ),
    ];
    let old_probes = ["valid_rs256", "valid_eddsa", "removed_kid"];
    for (name, document, in_place) in faults {
        let wrong_before = shared.wrong.load(SeqCst);
        let refused_before = count_in_log(&options.log, "event=keys_refused");
        if in_place {
            write_in_place(&keys, &document);
        } else {
            write_replacing(&keys, &document);
        }
        let total_before = shared.total.load(SeqCst);
        tokio::time::sleep(refresh * 5).await;
        let mut probes_ok = true;
        for probe_name in old_probes {
            let case = find(&shared.cases, probe_name);
            let got = probe(&options.addr, case).await;
            if got.as_ref() != Ok(&case.before) {
                eprintln!("fault {name}: probe {probe_name} got {got:?}");
                probes_ok = false;
            }
        }
        let logged = count_in_log(&options.log, "event=keys_refused") > refused_before;
        let wrong = shared.wrong.load(SeqCst) - wrong_before;
        let during = shared.total.load(SeqCst) - total_before;
        let survived = probes_ok && logged && wrong == 0;
        ok_all &= survived;
        println!(
            "fault: {name} write={} outcome={} keys_refused_logged={} requests_during={during} wrong_during={wrong}",
            if in_place { "in_place" } else { "rename" },
            if survived { "survived" } else { "FAILED" },
            if logged { "yes" } else { "no" },
        );
    }

    // The rotation: pause the cases whose answer changes, swap the file,
    // wait for the new kid to pass, check the removed one, resume.
    shared.phase.store(1, SeqCst);
    while shared.in_flight.load(SeqCst) != 0 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let wrong_before = shared.wrong.load(SeqCst);
    let rotated_at = Instant::now();
    write_replacing(&keys, signers.jwks(true).as_bytes());
    let new_case = find(&shared.cases, "rotated_kid");
    let mut accepted_after = None;
    while rotated_at.elapsed() < Duration::from_secs(10) {
        if probe(&options.addr, new_case).await.as_ref() == Ok(&new_case.after) {
            accepted_after = Some(rotated_at.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let removed_case = find(&shared.cases, "removed_kid");
    let removed = probe(&options.addr, removed_case).await;
    let removed_ok = removed.as_ref() == Ok(&removed_case.after);
    let mut others_ok = true;
    for name in ["valid_rs256", "valid_eddsa", "valid_eddsa_cookie"] {
        let case = find(&shared.cases, name);
        others_ok &= probe(&options.addr, case).await.as_ref() == Ok(&case.after);
    }
    shared.phase.store(2, SeqCst);
    tokio::time::sleep(refresh * 5).await;
    let loaded = count_in_log(&options.log, KID_ROTATED) > 0;
    let wrong = shared.wrong.load(SeqCst) - wrong_before;
    let survived = accepted_after.is_some() && removed_ok && others_ok && loaded && wrong == 0;
    ok_all &= survived;
    println!(
        "fault: rotated write=rename outcome={} new_kid=accepted_after_ms={} removed_kid={} other_kids={} keys_loaded_logged={} wrong_during={wrong}",
        if survived { "survived" } else { "FAILED" },
        accepted_after.map_or("never".to_owned(), |d| d.as_millis().to_string()),
        if removed_ok {
            "rejected_unknown_key"
        } else {
            "NOT_REJECTED"
        },
        if others_ok { "accepted" } else { "FAILED" },
        if loaded { "yes" } else { "no" },
    );

    // The rest of the load, then the end figures.
    wait_total(&shared, options.requests, deadline).await;
    let rss_end = rss_kb(options.pid);
    shared.stop.store(true, SeqCst);
    let load_elapsed = load_start.elapsed();
    let mut latencies = Vec::new();
    for worker in workers {
        latencies.extend(worker.await.expect("worker"));
    }
    latencies.sort_unstable();
    let pick = |q: f64| {
        let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
        latencies.get(i).copied().unwrap_or(0)
    };
    let total = shared.total.load(SeqCst);
    let wrong = shared.wrong.load(SeqCst);
    let rps = total as f64 / load_elapsed.as_secs_f64();
    println!(
        "gateway: requests={total} wrong={wrong} rps={rps:.0} p50_us={} p99_us={} rss_kb_start={rss_start} rss_kb_end={rss_end}",
        pick(0.50),
        pick(0.99)
    );
    let in_time = Instant::now() < deadline;
    if !in_time {
        eprintln!("gateway-load: over the {} s cap", options.max_seconds);
    }
    if total < options.requests {
        eprintln!(
            "gateway-load: only {total} requests of {}",
            options.requests
        );
    }
    let flat = rss_start > 0 && rss_end * 10 <= rss_start * 11;
    if !flat {
        eprintln!("gateway-load: RSS grew from {rss_start} kB to {rss_end} kB (over 10 %)");
    }
    ok_all && wrong == 0 && in_time && total >= options.requests && flat
}

fn usage() -> ! {
    eprintln!(
        "usage: gateway-load init DIR\n       gateway-load run --addr HOST:PORT --dir DIR --gateway-pid PID --gateway-log FILE [--requests N] [--connections N] [--max-seconds S] [--refresh-ms MS]"
    );
    std::process::exit(2)
}

fn main() {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("init") => {
            let dir = PathBuf::from(args.next().unwrap_or_else(|| usage()));
            std::fs::write(dir.join("keys.json"), Signers::new().jwks(false))
                .expect("write keys.json");
            std::fs::write(dir.join("gateway.conf"), CONFIG).expect("write gateway.conf");
        }
        Some("run") => {
            let mut options = Options {
                addr: String::new(),
                dir: PathBuf::new(),
                pid: 0,
                log: PathBuf::new(),
                requests: 220_000,
                connections: 32,
                max_seconds: 150,
                refresh_ms: 200,
            };
            while let Some(flag) = args.next() {
                let value = args.next().unwrap_or_else(|| usage());
                let number = || value.parse::<u64>().unwrap_or_else(|_| usage());
                match flag.as_str() {
                    "--addr" => options.addr = value.clone(),
                    "--dir" => options.dir = PathBuf::from(&value),
                    "--gateway-pid" => {
                        options.pid = u32::try_from(number()).unwrap_or_else(|_| usage())
                    }
                    "--gateway-log" => options.log = PathBuf::from(&value),
                    "--requests" => options.requests = number(),
                    "--connections" => {
                        options.connections = usize::try_from(number()).unwrap_or_else(|_| usage())
                    }
                    "--max-seconds" => options.max_seconds = number(),
                    "--refresh-ms" => options.refresh_ms = number(),
                    _ => usage(),
                }
            }
            if options.addr.is_empty() || options.pid == 0 || options.connections == 0 {
                usage();
            }
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            if !runtime.block_on(run(options)) {
                std::process::exit(1);
            }
        }
        _ => usage(),
    }
}
