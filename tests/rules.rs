//! One test per rejection rule of the verifier, boundaries included.
//!
//! Tokens are built here from header and payload JSON text and signed with
//! the `hmac` crate directly, so each test controls every byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jwt_embedded::{
    Claim, Error, Hs256Key, KeyError, Part, RequiredClaims, Validation, Verified, buffer_len,
    heapless, verify,
};

mod common;

use common::b64url as b64;

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
const HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const NOW: i64 = 1_700_000_000;

fn sign(signing_input: &str) -> String {
    b64(&common::hmac_sign(
        "HS256",
        SECRET,
        signing_input.as_bytes(),
    ))
}

/// A validly signed token with this header and payload text.
fn token(header: &str, payload: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let sig = sign(&input);
    format!("{input}.{sig}")
}

fn check(token: &str, policy: &Validation<'_>, now: i64) -> Result<(), Error> {
    let key = Hs256Key::new(SECRET).unwrap();
    let mut buf = vec![0u8; buffer_len(token.len())];
    verify(token.as_bytes(), &key, policy, now, &mut buf).map(|_| ())
}

fn claims(payload: &str, policy: &Validation<'_>, now: i64) -> Result<(), Error> {
    check(&token(HS256, payload), policy, now)
}

const ANY: Validation<'static> = Validation::new().required(RequiredClaims::NONE);

#[test]
fn accepts_a_valid_token_and_returns_borrowed_claims() {
    let t = token(
        r#"{"alg":"HS256","typ":"JWT","kid":"k-1"}"#,
        r#"{"iss":"https:\/\/issuer.example.com","sub":"dev","aud":["a","b"],"exp":1700000100,"nbf":1699999900,"iat":1699999900,"jti":"j1","x":{"y":[1]}}"#,
    );
    let key = Hs256Key::new(SECRET).unwrap();
    let policy = Validation::new()
        .issuer("https://issuer.example.com")
        .audience("b");
    let mut buf = [0u8; 512];
    let v: Verified<'_> = verify(t.as_bytes(), &key, &policy, NOW, &mut buf).unwrap();
    assert_eq!(v.header().kid.unwrap().as_str(), Some("k-1"));
    assert_eq!(v.header().typ.unwrap().as_str(), Some("JWT"));
    let c = v.claims();
    assert_eq!(c.iss.unwrap().to_string(), "https://issuer.example.com");
    assert_eq!(c.sub.unwrap().as_str(), Some("dev"));
    assert_eq!(
        c.aud
            .unwrap()
            .iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert_eq!(c.exp.unwrap().seconds(), 1_700_000_100);
    assert_eq!(c.nbf.unwrap().seconds(), 1_699_999_900);
    assert_eq!(c.iat.unwrap().seconds(), 1_699_999_900);
    assert_eq!(c.jti.unwrap().as_str(), Some("j1"));
    assert!(v.payload().starts_with(r#"{"iss":"#));
}

// --- length cap, segments, base64url -------------------------------------------------

#[test]
fn rejects_tokens_over_the_length_cap_before_anything_else() {
    let t = token(HS256, r#"{"exp":1800000000}"#);
    let policy = Validation::new().max_token_len(t.len() - 1);
    assert_eq!(check(&t, &policy, NOW), Err(Error::TooLarge));
    assert_eq!(
        check(&"!".repeat(t.len()), &policy, NOW),
        Err(Error::TooLarge)
    );
    let policy = Validation::new().max_token_len(t.len());
    assert_eq!(check(&t, &policy, NOW), Ok(()));
}

#[test]
fn rejects_anything_but_exactly_three_segments() {
    let t = token(HS256, r#"{"exp":1800000000}"#);
    let (h, rest) = t.split_once('.').unwrap();
    let (p, s) = rest.split_once('.').unwrap();
    for bad in [
        String::new(),
        h.to_string(),
        format!("{h}.{p}"),
        format!("{h}.{p}.{s}."),
        format!("{h}.{p}.{s}.{s}"),
        format!(".{h}.{p}.{s}"),
        format!("{h}..{p}.{s}"),
        "...".to_string(),
    ] {
        assert_eq!(
            check(&bad, &ANY, NOW),
            Err(Error::Malformed(Part::Token)),
            "{bad}"
        );
    }
    // Three segments, all empty: the (empty) header is what fails first.
    assert_eq!(check("..", &ANY, NOW), Err(Error::Malformed(Part::Header)));
}

#[test]
fn rejects_non_strict_base64url_in_each_segment() {
    let t = token(HS256, r#"{"exp":1800000000}"#);
    let (h, rest) = t.split_once('.').unwrap();
    let (p, s) = rest.split_once('.').unwrap();
    for (bad_h, part) in [
        (format!("{h}="), Part::Header),
        (format!(" {h}"), Part::Header),
        (h.replace('J', "+"), Part::Header),
        (format!("{h}A"), Part::Header), // length 4n+1
    ] {
        assert_eq!(
            check(&format!("{bad_h}.{p}.{s}"), &ANY, NOW),
            Err(Error::Malformed(part))
        );
    }
    // Payload: re-signed so only the encoding is wrong.
    for bad_p in [format!("{p}="), format!("{p}\n"), p.replace('e', "/")] {
        let input = format!("{h}.{bad_p}");
        let bad = format!("{input}.{}", sign(&input));
        assert_eq!(
            check(&bad, &ANY, NOW),
            Err(Error::Malformed(Part::Claims)),
            "{bad_p}"
        );
    }
    for bad_s in [
        format!("{s}="),
        format!("{s}A"),
        format!(" {s}"),
        s[..42].to_string(),
        String::new(),
    ] {
        assert_eq!(
            check(&format!("{h}.{p}.{bad_s}"), &ANY, NOW),
            Err(Error::Malformed(Part::Signature)),
            "{bad_s}"
        );
    }
}

#[test]
fn rejects_non_canonical_trailing_bits() {
    // "{}" encodes to "e30"; "e31" decodes to the same bytes with a non-zero unused bit.
    let input = format!("{}.e31", b64(HS256.as_bytes()));
    let bad = format!("{input}.{}", sign(&input));
    assert_eq!(check(&bad, &ANY, NOW), Err(Error::Malformed(Part::Claims)));
    let good_input = format!("{}.e30", b64(HS256.as_bytes()));
    let good = format!("{good_input}.{}", sign(&good_input));
    assert_eq!(check(&good, &ANY, NOW), Ok(()));
    // Signature: the last of 43 characters carries 2 unused bits.
    let t = token(HS256, "{}");
    let last = t.as_bytes()[t.len() - 1];
    let flipped = (last as char).to_string();
    let alt = match flipped.as_str() {
        "A" => "B",
        _ => "A",
    };
    let mut tweaked = t[..t.len() - 1].to_string();
    tweaked.push_str(alt);
    let err = check(&tweaked, &ANY, NOW).unwrap_err();
    assert!(
        matches!(err, Error::Malformed(Part::Signature) | Error::Signature),
        "{err:?}"
    );
}

// --- header ----------------------------------------------------------------------------

#[test]
fn rejects_every_alg_but_exactly_hs256() {
    for alg in [
        r#""none""#,
        r#""None""#,
        r#""hs256""#,
        r#""HS256 ""#,
        r#""HS384""#,
        r#""RS256""#,
        r#""ES256""#,
        r#""""#,
    ] {
        let t = token(&format!(r#"{{"alg":{alg}}}"#), r#"{"exp":1800000000}"#);
        assert_eq!(check(&t, &ANY, NOW), Err(Error::Algorithm), "{alg}");
    }
    // alg absent or not a string: the header itself is malformed (RFC 7515 §4.1.1).
    for header in [
        r#"{"typ":"JWT"}"#,
        r#"{"alg":256}"#,
        r#"{"alg":["HS256"]}"#,
        r#"{"alg":null}"#,
        // typ, kid and cty, when present, are strings too.
        r#"{"alg":"HS256","typ":1}"#,
        r#"{"alg":"HS256","kid":null}"#,
        r#"{"alg":"HS256","cty":{}}"#,
        r#"{"kid":7,"alg":"HS256"}"#,
    ] {
        let t = token(header, r#"{"exp":1800000000}"#);
        assert_eq!(
            check(&t, &ANY, NOW),
            Err(Error::Malformed(Part::Header)),
            "{header}"
        );
    }
    // Escapes are honoured: this is HS256.
    let t = token(r#"{"alg":"HS\u0032\u00356"}"#, r#"{"exp":1800000000}"#);
    assert_eq!(check(&t, &ANY, NOW), Ok(()));
}

#[test]
fn alg_none_with_empty_signature_is_rejected() {
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"none"}"#),
        b64(br#"{"exp":1800000000}"#)
    );
    assert_eq!(
        check(&format!("{input}."), &ANY, NOW),
        Err(Error::Algorithm)
    );
}

#[test]
fn rejects_any_crit() {
    for header in [
        r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
        r#"{"alg":"HS256","crit":[]}"#,
        r#"{"alg":"HS256","crit":["b64"],"b64":false}"#,
        r#"{"alg":"HS256","cr\u0069t":["x"],"x":1}"#,
    ] {
        assert_eq!(
            check(&token(header, "{}"), &ANY, NOW),
            Err(Error::Crit),
            "{header}"
        );
    }
}

#[test]
fn rejects_malformed_header_json() {
    for header in [
        r#"{"alg":"HS256","alg":"HS256"}"#,
        r#"{"alg":"HS256","x":1,"x":2}"#,
        r#"{"alg":"HS256"} "#.trim_end(),
        r#"{"alg":"HS256"}x"#,
        r#"["HS256"]"#,
        r#"{"alg":"HS256","kid":1}"#,
        r#"{"alg":"HS256","typ":null}"#,
        r#"{"alg":"HS256","x":"\q"}"#,
        r#"{"alg":"HS256","x":01}"#,
    ] {
        let result = check(&token(header, "{}"), &ANY, NOW);
        if header == r#"{"alg":"HS256"}"# {
            assert_eq!(result, Ok(()));
            continue;
        }
        assert_eq!(result, Err(Error::Malformed(Part::Header)), "{header}");
    }
    // Not UTF-8.
    let input = format!(
        "{}.{}",
        b64(b"{\"alg\":\"HS256\",\"x\":\"\xff\"}"),
        b64(b"{}")
    );
    let bad = format!("{input}.{}", sign(&input));
    assert_eq!(check(&bad, &ANY, NOW), Err(Error::Malformed(Part::Header)));
}

#[test]
fn typ_is_checked_only_when_configured() {
    let policy = ANY.typ("JWT");
    for typ in [
        r#""JWT""#,
        r#""jwt""#,
        r#""application/jwt""#,
        r#""Application/JWT""#,
    ] {
        let t = token(&format!(r#"{{"alg":"HS256","typ":{typ}}}"#), "{}");
        assert_eq!(check(&t, &policy, NOW), Ok(()), "{typ}");
    }
    for typ in [r#""at+jwt""#, r#""JOSE""#, r#""application/jwt/x""#] {
        let t = token(&format!(r#"{{"alg":"HS256","typ":{typ}}}"#), "{}");
        assert_eq!(check(&t, &policy, NOW), Err(Error::Type), "{typ}");
        assert_eq!(check(&t, &ANY, NOW), Ok(()), "{typ}");
    }
    let t = token(r#"{"alg":"HS256"}"#, "{}");
    assert_eq!(check(&t, &policy, NOW), Err(Error::Type));
}

// --- signature ---------------------------------------------------------------------------

#[test]
fn rejects_wrong_signatures_and_wrong_keys() {
    let t = token(HS256, r#"{"exp":1800000000}"#);
    let other = Hs256Key::new(b"another secret of thirty-two bytes!!").unwrap();
    let mut buf = [0u8; 256];
    assert_eq!(
        verify(t.as_bytes(), &other, &Validation::new(), NOW, &mut buf).map(|_| ()),
        Err(Error::Signature)
    );
    // Every single-character change of the signature.
    let sig_start = t.rfind('.').unwrap() + 1;
    for i in sig_start..t.len() {
        let mut bytes = t.clone().into_bytes();
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        let err = check(
            std::str::from_utf8(&bytes).unwrap(),
            &Validation::new(),
            NOW,
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::Signature | Error::Malformed(Part::Signature)),
            "{i}: {err:?}"
        );
    }
}

#[test]
fn signature_covers_the_raw_bytes_not_the_parsed_json() {
    // Same JSON meaning, different bytes: the original signature must not carry over.
    let t = token(HS256, r#"{"exp":1800000000}"#);
    let sig = t.rsplit_once('.').unwrap().1;
    let forged = format!(
        "{}.{}.{sig}",
        b64(HS256.as_bytes()),
        b64(br#"{ "exp":1800000000}"#)
    );
    assert_eq!(check(&forged, &ANY, NOW), Err(Error::Signature));
}

#[test]
fn short_keys_are_refused() {
    let too_short = Error::InvalidKey(KeyError::TooShort);
    assert_eq!(Hs256Key::new(&SECRET[..31]).unwrap_err(), too_short);
    assert_eq!(Hs256Key::new(b"").unwrap_err(), too_short);
    assert!(Hs256Key::new(&SECRET[..32]).is_ok());
    assert_eq!(Hs256Key::from_base64url("c2hvcnQ").unwrap_err(), too_short);
    assert_eq!(
        Hs256Key::from_base64url("not base64!").unwrap_err(),
        Error::InvalidKey(KeyError::Encoding)
    );
}

#[test]
fn key_debug_hides_the_secret() {
    let key = Hs256Key::new(SECRET).unwrap();
    assert_eq!(format!("{key:?}"), "Hs256Key { .. }");
}

#[test]
fn long_base64url_secrets_are_hashed_like_hmac_prescribes() {
    let long: Vec<u8> = (0..200u8).collect();
    let t = {
        let input = format!("{}.{}", b64(HS256.as_bytes()), b64(b"{}"));
        let tag = common::hmac_sign("HS256", &long, input.as_bytes());
        format!("{input}.{}", b64(&tag))
    };
    let mut buf = [0u8; 128];
    for key in [
        Hs256Key::new(&long).unwrap(),
        Hs256Key::from_base64url(&b64(&long)).unwrap(),
    ] {
        assert!(verify(t.as_bytes(), &key, &ANY, NOW, &mut buf).is_ok());
    }
}

// --- payload -----------------------------------------------------------------------------

#[test]
fn rejects_payloads_that_are_not_strict_json_objects() {
    for payload in [
        "",
        "null",
        "[]",
        "\"exp\"",
        "1",
        "{",
        "{}x",
        "{} {}",
        "{\"exp\":1800000000,}",
        r#"{"exp":1800000000,"exp":1800000000}"#,
        r#"{"a":1,"\u0061":1}"#,
        r#"{"a":{"b":1,"b":2}}"#,
        r#"{"x":"\u00"}"#,
        r#"{"x":"\ud800"}"#,
        r#"{"x":[1,]}"#,
        r#"{"x":-01}"#,
        "{\"x\":\"\u{1}\"}",
        "The true sign of intelligence",
    ] {
        assert_eq!(
            claims(payload, &ANY, NOW),
            Err(Error::Malformed(Part::Claims)),
            "{payload}"
        );
    }
    let input = format!("{}.{}", b64(HS256.as_bytes()), b64(b"{\"x\":\"\xc3\x28\"}"));
    let bad = format!("{input}.{}", sign(&input));
    assert_eq!(check(&bad, &ANY, NOW), Err(Error::Malformed(Part::Claims)));
}

#[test]
fn escaped_member_names_are_the_claims_they_spell() {
    assert_eq!(
        claims(r#"{"\u0065xp":1600000000}"#, &ANY, NOW),
        Err(Error::Expired)
    );
    assert_eq!(
        claims(r#"{"\u0065xp":1800000000}"#, &Validation::new(), NOW),
        Ok(())
    );
    let policy = ANY.issuer("https://issuer.example.com");
    assert_eq!(
        claims(r#"{"iss":"https:\/\/issuer.example.com"}"#, &policy, NOW),
        Ok(())
    );
    assert_eq!(
        claims(r#"{"iss":"https:\/\/issuer.example.co"}"#, &policy, NOW),
        Err(Error::Issuer)
    );
    // Every registered claim spelled with an escape is that claim (its type
    // checked), and a name with a decoded NUL after it is not.
    for name in ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"] {
        let escaped = format!("\\u{:04x}{}", name.as_bytes()[0], &name[1..]);
        let claim = Claim::ALL.into_iter().find(|c| c.name() == name).unwrap();
        assert_eq!(
            claims(&format!(r#"{{"{escaped}":{{}}}}"#), &ANY, NOW),
            Err(Error::InvalidClaimType(claim)),
            "{escaped}"
        );
        assert_eq!(
            claims(&format!(r#"{{"{name}\u0000":{{}}}}"#), &ANY, NOW),
            Ok(()),
            "{name}"
        );
    }
    // The header's names too: an escaped `alg` is `alg`, an escaped `crit` is `crit`.
    let key = Hs256Key::new(SECRET).unwrap();
    for (header, expected) in [
        (r#"{"\u0061lg":"HS256"}"#, Ok(())),
        (r#"{"\u0061lg":"HS384"}"#, Err(Error::Algorithm)),
        (r#"{"alg":"HS256","\u0063rit":["b64"]}"#, Err(Error::Crit)),
        (r#"{"alg":"HS256","crit\u0000":["b64"]}"#, Ok(())),
    ] {
        let t = token(header, r#"{"exp":1800000000}"#);
        let mut buf = [0u8; 256];
        let got = verify(t.as_bytes(), &key, &Validation::new(), NOW, &mut buf).map(|_| ());
        assert_eq!(got, expected, "{header}");
    }
}

// --- claim types -------------------------------------------------------------------------

#[test]
fn rejects_registered_claims_of_the_wrong_type_never_coercing() {
    for (payload, claim) in [
        (r#"{"exp":"1800000000"}"#, Claim::Exp),
        (r#"{"exp":null}"#, Claim::Exp),
        (r#"{"exp":true}"#, Claim::Exp),
        (r#"{"exp":[1800000000]}"#, Claim::Exp),
        (r#"{"nbf":"0"}"#, Claim::Nbf),
        (r#"{"iat":{}}"#, Claim::Iat),
        (r#"{"iss":1}"#, Claim::Iss),
        (r#"{"sub":null}"#, Claim::Sub),
        (r#"{"jti":7}"#, Claim::Jti),
        (r#"{"aud":1}"#, Claim::Aud),
        (r#"{"aud":["a",1]}"#, Claim::Aud),
        (r#"{"aud":[["a"]]}"#, Claim::Aud),
        (r#"{"aud":null}"#, Claim::Aud),
    ] {
        let policy = ANY.danger_accept_any_audience();
        assert_eq!(
            claims(payload, &policy, NOW),
            Err(Error::InvalidClaimType(claim)),
            "{payload}"
        );
    }
}

/// With several registered claims of the wrong type, the error names the
/// first in the order iss, sub, aud, exp, nbf, iat, jti, wherever each sits
/// in the document.
#[test]
fn reports_the_first_registered_claim_of_the_wrong_type() {
    let wrong = [
        ("iss", Claim::Iss),
        ("sub", Claim::Sub),
        ("aud", Claim::Aud),
        ("exp", Claim::Exp),
        ("nbf", Claim::Nbf),
        ("iat", Claim::Iat),
        ("jti", Claim::Jti),
    ];
    let policy = ANY.danger_accept_any_audience();
    for (i, &(first, claim)) in wrong.iter().enumerate() {
        for &(later, _) in &wrong[i + 1..] {
            for payload in [
                format!(r#"{{"{first}":{{}},"{later}":{{}}}}"#),
                format!(r#"{{"{later}":{{}},"{first}":{{}}}}"#),
            ] {
                assert_eq!(
                    claims(&payload, &policy, NOW),
                    Err(Error::InvalidClaimType(claim)),
                    "{payload}"
                );
            }
        }
    }
}

// --- required claims ---------------------------------------------------------------------

#[test]
fn exp_is_required_by_default() {
    assert_eq!(
        claims("{}", &Validation::new(), NOW),
        Err(Error::MissingClaim(Claim::Exp))
    );
    assert_eq!(
        claims(r#"{"exp":1800000000}"#, &Validation::new(), NOW),
        Ok(())
    );
    assert_eq!(claims("{}", &ANY, NOW), Ok(()));
}

#[test]
fn every_required_claim_is_enforced() {
    let full = r#"{"iss":"i","sub":"s","aud":"a","exp":1800000000,"nbf":1,"iat":1,"jti":"j","client_id":"c","scope":"s"}"#;
    for claim in Claim::ALL {
        let policy = ANY
            .required(RequiredClaims::NONE.with(claim))
            .danger_accept_any_audience();
        assert_eq!(
            claims("{}", &policy, NOW),
            Err(Error::MissingClaim(claim)),
            "{claim:?}"
        );
        assert_eq!(claims(full, &policy, NOW), Ok(()), "{claim:?}");
    }
}

// --- exp / nbf ---------------------------------------------------------------------------

#[test]
fn exp_boundaries_with_and_without_leeway() {
    let p = r#"{"exp":1700000000}"#;
    assert_eq!(claims(p, &ANY, NOW - 1), Ok(()));
    assert_eq!(claims(p, &ANY, NOW), Err(Error::Expired)); // now == exp
    assert_eq!(claims(p, &ANY, NOW + 1), Err(Error::Expired));
    let lee = ANY.leeway(60);
    assert_eq!(claims(p, &lee, NOW + 59), Ok(()));
    assert_eq!(claims(p, &lee, NOW + 60), Err(Error::Expired)); // now == exp + leeway
}

#[test]
fn nbf_boundaries_with_and_without_leeway() {
    let p = r#"{"nbf":1700000000}"#;
    assert_eq!(claims(p, &ANY, NOW - 1), Err(Error::NotYetValid));
    assert_eq!(claims(p, &ANY, NOW), Ok(())); // now == nbf
    let lee = ANY.leeway(60);
    assert_eq!(claims(p, &lee, NOW - 60), Ok(())); // now == nbf - leeway
    assert_eq!(claims(p, &lee, NOW - 61), Err(Error::NotYetValid));
}

#[test]
fn non_integer_numeric_dates_compare_exactly() {
    let p = r#"{"exp":1700000000.5}"#;
    assert_eq!(claims(p, &ANY, NOW), Ok(()));
    assert_eq!(claims(p, &ANY, NOW + 1), Err(Error::Expired));
    let p = r#"{"exp":1700000000.0000000000000000001}"#;
    assert_eq!(claims(p, &ANY, NOW), Ok(()));
    let p = r#"{"exp":17000000e2}"#;
    assert_eq!(claims(p, &ANY, NOW - 1), Ok(()));
    assert_eq!(claims(p, &ANY, NOW), Err(Error::Expired));
    let p = r#"{"nbf":1700000000.5}"#;
    assert_eq!(claims(p, &ANY, NOW), Err(Error::NotYetValid));
    assert_eq!(claims(p, &ANY, NOW + 1), Ok(()));
    let p = r#"{"nbf":1.7e9}"#;
    assert_eq!(claims(p, &ANY, NOW), Ok(()));
    assert_eq!(claims(p, &ANY, NOW - 1), Err(Error::NotYetValid));
}

#[test]
fn huge_and_negative_dates_never_overflow() {
    assert_eq!(claims(r#"{"exp":1e400}"#, &ANY, i64::MAX), Ok(()));
    assert_eq!(
        claims(r#"{"exp":-1e400}"#, &ANY, i64::MIN),
        Err(Error::Expired)
    );
    assert_eq!(claims(r#"{"exp":-1}"#, &ANY, NOW), Err(Error::Expired));
    assert_eq!(
        claims(
            r#"{"exp":9223372036854775807}"#,
            &ANY.leeway(u64::MAX),
            i64::MAX
        ),
        Ok(())
    );
    assert_eq!(
        claims(r#"{"exp":99999999999999999999999}"#, &ANY, i64::MAX),
        Ok(())
    );
    assert_eq!(
        claims(r#"{"nbf":1e400}"#, &ANY.leeway(u64::MAX), i64::MAX),
        Err(Error::NotYetValid)
    );
    assert_eq!(claims(r#"{"nbf":-1e400}"#, &ANY, i64::MIN), Ok(()));
    // 1e-400 is a hair after the epoch: still valid at 0, expired at 1.
    assert_eq!(claims(r#"{"exp":1e-400}"#, &ANY, 0), Ok(()));
    assert_eq!(claims(r#"{"exp":1e-400}"#, &ANY, 1), Err(Error::Expired));
}

// --- iss / aud ---------------------------------------------------------------------------

#[test]
fn issuer_must_be_present_and_exact() {
    let policy = ANY.issuer("joe");
    assert_eq!(claims(r#"{"iss":"joe"}"#, &policy, NOW), Ok(()));
    assert_eq!(claims(r#"{"iss":"Joe"}"#, &policy, NOW), Err(Error::Issuer));
    assert_eq!(
        claims(r#"{"iss":"joe "}"#, &policy, NOW),
        Err(Error::Issuer)
    );
    assert_eq!(claims("{}", &policy, NOW), Err(Error::Issuer));
    assert_eq!(claims(r#"{"iss":"\u006aoe"}"#, &policy, NOW), Ok(()));
}

#[test]
fn audience_rules() {
    let one = ANY.audience("api");
    assert_eq!(claims(r#"{"aud":"api"}"#, &one, NOW), Ok(()));
    assert_eq!(claims(r#"{"aud":["x","api"]}"#, &one, NOW), Ok(()));
    assert_eq!(claims(r#"{"aud":"API"}"#, &one, NOW), Err(Error::Audience));
    assert_eq!(claims(r#"{"aud":["x"]}"#, &one, NOW), Err(Error::Audience));
    assert_eq!(claims(r#"{"aud":[]}"#, &one, NOW), Err(Error::Audience));
    assert_eq!(claims("{}", &one, NOW), Err(Error::Audience)); // expected but absent
    let many = ANY.audiences(&["a", "b"]);
    assert_eq!(claims(r#"{"aud":"b"}"#, &many, NOW), Ok(()));
    assert_eq!(claims(r#"{"aud":["c","a"]}"#, &many, NOW), Ok(()));
    assert_eq!(claims(r#"{"aud":"c"}"#, &many, NOW), Err(Error::Audience));
    // RFC 7519 §4.1.3: aud present while no audience is configured.
    assert_eq!(claims(r#"{"aud":"api"}"#, &ANY, NOW), Err(Error::Audience));
    assert_eq!(claims(r#"{"aud":[]}"#, &ANY, NOW), Err(Error::Audience));
    assert_eq!(
        claims(r#"{"aud":"api"}"#, &ANY.danger_accept_any_audience(), NOW),
        Ok(())
    );
}

#[test]
fn checks_run_in_a_fixed_order() {
    let policy = Validation::new().issuer("joe").audience("api");
    // Missing exp is reported before the (also failing) issuer and audience.
    assert_eq!(
        claims(r#"{"iss":"x"}"#, &policy, NOW),
        Err(Error::MissingClaim(Claim::Exp))
    );
    assert_eq!(
        claims(r#"{"exp":1,"iss":"x"}"#, &policy, NOW),
        Err(Error::Expired)
    );
    assert_eq!(
        claims(
            r#"{"exp":1800000000,"nbf":1800000000,"iss":"x"}"#,
            &policy,
            NOW
        ),
        Err(Error::NotYetValid)
    );
    assert_eq!(
        claims(r#"{"exp":1800000000,"iss":"x"}"#, &policy, NOW),
        Err(Error::Issuer)
    );
    assert_eq!(
        claims(r#"{"exp":1800000000,"iss":"joe"}"#, &policy, NOW),
        Err(Error::Audience)
    );
}

// --- buffers -----------------------------------------------------------------------------

#[test]
fn too_small_buffer_is_an_error_never_truncation() {
    let t = token(HS256, r#"{"exp":1800000000,"sub":"someone"}"#);
    let key = Hs256Key::new(SECRET).unwrap();
    let need = buffer_len(t.len());
    let mut buf = vec![0u8; need];
    assert!(verify(t.as_bytes(), &key, &Validation::new(), NOW, &mut buf).is_ok());
    // The exact need is the decoded header plus payload.
    let exact = HS256.len() + r#"{"exp":1800000000,"sub":"someone"}"#.len();
    let mut buf = vec![0u8; exact];
    assert!(verify(t.as_bytes(), &key, &Validation::new(), NOW, &mut buf).is_ok());
    let mut buf = vec![0u8; exact - 1];
    assert_eq!(
        verify(t.as_bytes(), &key, &Validation::new(), NOW, &mut buf).map(|_| ()),
        Err(Error::BufferTooSmall)
    );
}

#[test]
fn deserializes_the_callers_claims_struct() {
    #[derive(serde::Deserialize)]
    struct Mine<'a> {
        sub: &'a str,
        role: heapless::String<16>,
        level: u8,
    }
    let t = token(
        HS256,
        r#"{"exp":1800000000,"sub":"dev","role":"ad\u006din","level":3}"#,
    );
    let key = Hs256Key::new(SECRET).unwrap();
    let mut buf = [0u8; 256];
    let v = verify(t.as_bytes(), &key, &Validation::new(), NOW, &mut buf).unwrap();
    let mut scratch = [0u8; 32];
    let mine: Mine<'_> = v.deserialize(&mut scratch).unwrap();
    assert_eq!(
        (mine.sub, mine.role.as_str(), mine.level),
        ("dev", "admin", 3)
    );
    // Escaped text is never handed over raw: without room to unescape it is an error.
    assert_eq!(
        v.deserialize::<Mine<'_>>(&mut []).err(),
        Some(Error::Deserialize)
    );
    // A borrowed &str cannot hold an unescaped value either.
    #[derive(serde::Deserialize)]
    struct Borrowed<'a> {
        #[allow(dead_code)]
        role: &'a str,
    }
    assert_eq!(
        v.deserialize::<Borrowed<'_>>(&mut scratch).err(),
        Some(Error::Deserialize)
    );
}

#[test]
fn error_kinds_are_stable() {
    let kinds = [
        (Error::Malformed(Part::Token), "malformed"),
        (Error::Algorithm, "algorithm"),
        (Error::Signature, "signature"),
        (Error::Expired, "expired"),
        (Error::NotYetValid, "not_yet_valid"),
        (Error::Issuer, "issuer"),
        (Error::Audience, "audience"),
        (Error::MissingClaim(Claim::Exp), "missing_claim"),
        (Error::InvalidClaimType(Claim::Exp), "invalid_claim_type"),
        (Error::Crit, "crit"),
        (Error::Type, "typ"),
        (Error::BufferTooSmall, "buffer_too_small"),
        (Error::TooLarge, "too_large"),
        (Error::InvalidKey(KeyError::Weak), "key"),
        (Error::Deserialize, "deserialize"),
    ];
    for (error, kind) in kinds {
        assert_eq!(error.kind(), kind);
        assert!(!error.to_string().is_empty());
    }
    assert_eq!(
        Error::MissingClaim(Claim::Nbf).to_string(),
        "required claim `nbf` is missing"
    );
}

#[test]
fn peek_header_reads_kid_without_verifying() {
    let t = token(r#"{"alg":"HS256","kid":"key-\u0032"}"#, "{}");
    let mut buf = [0u8; 64];
    let header = jwt_embedded::peek_header(t.as_bytes(), &mut buf).unwrap();
    assert!(header.kid.unwrap().eq_str("key-2"));
    assert!(header.alg.eq_str("HS256"));
    // It still parses strictly.
    let bad = token(r#"{"alg":"HS256","kid":"a","kid":"b"}"#, "{}");
    assert_eq!(
        jwt_embedded::peek_header(bad.as_bytes(), &mut buf).map(|_| ()),
        Err(Error::Malformed(Part::Header))
    );
    let mut tiny = [0u8; 4];
    assert_eq!(
        jwt_embedded::peek_header(t.as_bytes(), &mut tiny).map(|_| ()),
        Err(Error::BufferTooSmall)
    );
}
