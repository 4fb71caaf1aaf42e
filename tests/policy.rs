//! Session-token policy: maximum age and lifetime, separate leeways,
//! scopes, the access-token profile, revocation (the hook and the deny
//! list), and tokens taken from `Authorization` and `Cookie` header values.
//! Every rule at its boundary: equal, one second over, and the overflow edges.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::cell::RefCell;

use jwt_embedded::{
    Claim, Claims, DenyList, DenyListFull, Error, Hs256Key, Part, RequiredClaims, Revocation,
    Scopes, Validation, bearer_token, buffer_len, cookie_token, verify,
};

mod common;

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
const NOW: i64 = 1_700_000_000;
const ANY: Validation<'static> = Validation::new().required(RequiredClaims::NONE);

fn token_with(header: &str, payload: &str) -> String {
    common::hs256_token(SECRET, header, payload)
}

fn token(payload: &str) -> String {
    token_with(r#"{"alg":"HS256"}"#, payload)
}

fn check_token(token: &str, policy: &Validation<'_>, now: i64) -> Result<(), Error> {
    let key = Hs256Key::new(SECRET).unwrap();
    let mut buf = vec![0u8; buffer_len(token.len())];
    verify(token.as_bytes(), &key, policy, now, &mut buf).map(|_| ())
}

fn check(payload: &str, policy: &Validation<'_>, now: i64) -> Result<(), Error> {
    check_token(&token(payload), policy, now)
}

#[test]
fn max_age_boundaries() {
    let policy = ANY.max_age(3600);
    // now - iat > 3600 is too old: equal passes, one second more fails.
    assert_eq!(check(r#"{"iat":1699996400}"#, &policy, NOW), Ok(()));
    assert_eq!(
        check(r#"{"iat":1699996399}"#, &policy, NOW),
        Err(Error::TooOld)
    );
    assert_eq!(
        check(r#"{"iat":1699996399.5}"#, &policy, NOW),
        Err(Error::TooOld)
    );
    assert_eq!(check(r#"{"iat":1699996400.5}"#, &policy, NOW), Ok(()));
    // The exp leeway widens it; the nbf leeway does not.
    assert_eq!(
        check(r#"{"iat":1699996390}"#, &policy.exp_leeway(10), NOW),
        Ok(())
    );
    assert_eq!(
        check(r#"{"iat":1699996389}"#, &policy.exp_leeway(10), NOW),
        Err(Error::TooOld)
    );
    assert_eq!(
        check(r#"{"iat":1699996390}"#, &policy.nbf_leeway(10), NOW),
        Err(Error::TooOld)
    );
    // Issued in the future: iat > now + nbf leeway.
    assert_eq!(check(r#"{"iat":1700000000}"#, &policy, NOW), Ok(()));
    assert_eq!(
        check(r#"{"iat":1700000000.5}"#, &policy, NOW),
        Err(Error::IssuedInFuture)
    );
    assert_eq!(
        check(r#"{"iat":1700000001}"#, &policy, NOW),
        Err(Error::IssuedInFuture)
    );
    assert_eq!(
        check(r#"{"iat":1700000005}"#, &policy.nbf_leeway(5), NOW),
        Ok(())
    );
    assert_eq!(
        check(r#"{"iat":1700000006}"#, &policy.leeway(5), NOW),
        Err(Error::IssuedInFuture)
    );
    // iat is required; other types are refused as before.
    assert_eq!(
        check(r#"{}"#, &policy, NOW),
        Err(Error::MissingClaim(Claim::Iat))
    );
    assert_eq!(
        check(r#"{"iat":"1"}"#, &policy, NOW),
        Err(Error::InvalidClaimType(Claim::Iat))
    );
    // Overflow edges: no wrap at the ends of i64 and u64.
    let huge = ANY.max_age(u64::MAX).leeway(u64::MAX);
    assert_eq!(
        check(r#"{"iat":-1e300}"#, &huge, i64::MAX),
        Err(Error::TooOld)
    );
    assert_eq!(
        check(r#"{"iat":-9223372036854775808}"#, &huge, i64::MAX),
        Ok(())
    );
    assert_eq!(
        check(r#"{"iat":1e300}"#, &huge, i64::MIN),
        Err(Error::IssuedInFuture)
    );
    assert_eq!(
        check(r#"{"iat":0}"#, &ANY.max_age(u64::MAX), i64::MAX),
        Ok(())
    );
    assert_eq!(
        check(r#"{"iat":-1}"#, &ANY.max_age(0), i64::MAX),
        Err(Error::TooOld)
    );
}

#[test]
fn max_lifetime_boundaries() {
    let policy = ANY.max_lifetime(3600);
    assert_eq!(
        check(r#"{"iat":1699999000,"exp":1700002600}"#, &policy, NOW),
        Ok(())
    );
    assert_eq!(
        check(r#"{"iat":1699999000,"exp":1700002601}"#, &policy, NOW),
        Err(Error::Lifetime)
    );
    assert_eq!(
        check(r#"{"iat":1699999000.5,"exp":1700002600.5}"#, &policy, NOW),
        Ok(())
    );
    assert_eq!(
        check(r#"{"iat":1699999000.25,"exp":1700002600.5}"#, &policy, NOW),
        Err(Error::Lifetime)
    );
    assert_eq!(
        check(
            r#"{"iat":1.6999990005e9,"exp":17000026005e-1}"#,
            &policy,
            NOW
        ),
        Ok(())
    );
    // Both claims are required.
    assert_eq!(
        check(r#"{"iat":1699999000}"#, &policy, NOW),
        Err(Error::MissingClaim(Claim::Exp))
    );
    assert_eq!(
        check(r#"{"exp":1700002600}"#, &policy, NOW),
        Err(Error::MissingClaim(Claim::Iat))
    );
    // What cannot be subtracted exactly is rejected, never guessed.
    assert_eq!(
        check(
            r#"{"iat":1699999000.50000000000000000001,"exp":1700002600.50000000000000000002}"#,
            &policy,
            NOW
        ),
        Err(Error::Lifetime)
    );
    assert_eq!(
        check(
            r#"{"iat":-1e40,"exp":1e40}"#,
            &ANY.max_lifetime(u64::MAX),
            NOW
        ),
        Err(Error::Lifetime)
    );
    // u64::MAX seconds between the ends of i64: exactly the limit.
    let ends = r#"{"iat":-9223372036854775808,"exp":9223372036854775807}"#;
    assert_eq!(check(ends, &ANY.max_lifetime(u64::MAX), NOW), Ok(()));
    assert_eq!(
        check(ends, &ANY.max_lifetime(u64::MAX - 1), NOW),
        Err(Error::Lifetime)
    );
}

#[test]
fn separate_leeways_for_exp_and_nbf() {
    let exp = r#"{"exp":1699999991}"#;
    assert_eq!(check(exp, &ANY.exp_leeway(10), NOW), Ok(()));
    assert_eq!(check(exp, &ANY.exp_leeway(9), NOW), Err(Error::Expired));
    assert_eq!(check(exp, &ANY.nbf_leeway(100), NOW), Err(Error::Expired));
    let nbf = r#"{"nbf":1700000010}"#;
    assert_eq!(check(nbf, &ANY.nbf_leeway(10), NOW), Ok(()));
    assert_eq!(check(nbf, &ANY.nbf_leeway(9), NOW), Err(Error::NotYetValid));
    assert_eq!(
        check(nbf, &ANY.exp_leeway(100), NOW),
        Err(Error::NotYetValid)
    );
    // `leeway` sets both, and the later call wins.
    assert_eq!(check(nbf, &ANY.leeway(10), NOW), Ok(()));
    assert_eq!(
        check(nbf, &ANY.leeway(10).nbf_leeway(0), NOW),
        Err(Error::NotYetValid)
    );
}

#[test]
fn scopes_from_scope_or_scp() {
    let policy = ANY.scopes(&["read", "write"]);
    assert_eq!(check(r#"{"scope":"read write"}"#, &policy, NOW), Ok(()));
    assert_eq!(
        check(r#"{"scope":"write admin read"}"#, &policy, NOW),
        Ok(())
    );
    assert_eq!(
        check(r#"{"scope":"read"}"#, &policy, NOW),
        Err(Error::Scope)
    );
    // Exact, case-sensitive, token by token: no substrings, no case folding.
    assert_eq!(
        check(r#"{"scope":"read writes"}"#, &policy, NOW),
        Err(Error::Scope)
    );
    assert_eq!(
        check(r#"{"scope":"read Write"}"#, &policy, NOW),
        Err(Error::Scope)
    );
    assert_eq!(
        check(r#"{"scope":"readwrite"}"#, &policy, NOW),
        Err(Error::Scope)
    );
    assert_eq!(check(r#"{"scope":"read  write "}"#, &policy, NOW), Ok(()));
    // Escapes are decoded before comparing.
    assert_eq!(
        check(r#"{"scope":"re\u0061d\u0020write"}"#, &policy, NOW),
        Ok(())
    );
    assert_eq!(
        check(r#"{"scope":"re\u0061d\u0020writ"}"#, &policy, NOW),
        Err(Error::Scope)
    );
    // `scp` when `scope` is absent: a string (Entra) or an array (Okta).
    assert_eq!(check(r#"{"scp":"read write"}"#, &policy, NOW), Ok(()));
    assert_eq!(check(r#"{"scp":["write","read"]}"#, &policy, NOW), Ok(()));
    assert_eq!(
        check(r#"{"scp":["read write"]}"#, &policy, NOW),
        Err(Error::Scope)
    );
    assert_eq!(
        check(r#"{"scp":["read"]}"#, &policy, NOW),
        Err(Error::Scope)
    );
    // `scope` wins over `scp`, even when `scp` would grant more.
    assert_eq!(
        check(r#"{"scope":"read","scp":["read","write"]}"#, &policy, NOW),
        Err(Error::Scope)
    );
    // Absent, or of another JSON type.
    assert_eq!(
        check(r#"{}"#, &policy, NOW),
        Err(Error::MissingClaim(Claim::Scope))
    );
    for bad in [
        r#"{"scope":["read","write"]}"#,
        r#"{"scope":1}"#,
        r#"{"scp":{"a":1}}"#,
        r#"{"scp":["read",1]}"#,
        r#"{"scope":null}"#,
    ] {
        assert_eq!(
            check(bad, &policy, NOW),
            Err(Error::InvalidClaimType(Claim::Scope)),
            "{bad}"
        );
    }
    // Without required scopes, the scope claims are not looked at.
    assert_eq!(check(r#"{"scope":1,"scp":false}"#, &ANY, NOW), Ok(()));
    // A required scope that is empty or holds a space can never match, not
    // even an array element spelled the same.
    assert_eq!(
        check(
            r#"{"scp":["read write"]}"#,
            &ANY.scopes(&["read write"]),
            NOW
        ),
        Err(Error::Scope)
    );
    assert_eq!(
        check(r#"{"scp":["", "read"]}"#, &ANY.scopes(&["", "read"]), NOW),
        Err(Error::Scope)
    );
    // Thousands of scopes, every required one last: found in one pass.
    let many: Vec<String> = (0..3000).map(|i| format!("s{i}")).collect();
    let spaced = format!(r#"{{"scope":"{} read write"}}"#, many.join(" "));
    assert_eq!(check(&spaced, &policy, NOW), Ok(()));
    let list = format!(r#"{{"scp":["{}","write","read"]}}"#, many.join("\",\""));
    assert_eq!(check(&list, &policy, NOW), Ok(()));
    let missing = format!(r#"{{"scp":["{}","write"]}}"#, many.join("\",\""));
    assert_eq!(check(&missing, &policy, NOW), Err(Error::Scope));
    assert_eq!(
        check(
            r#"{"scope":"read write"}"#,
            &ANY.scopes(&["read write"]),
            NOW
        ),
        Err(Error::Scope)
    );
    assert_eq!(
        check(r#"{"scope":"read  write"}"#, &ANY.scopes(&[""]), NOW),
        Err(Error::Scope)
    );
}

#[test]
fn scopes_are_readable_from_claims() {
    let payload = r#"{"scp":["a","b"],"client_id":"c-1"}"#;
    let t = token(payload);
    let key = Hs256Key::new(SECRET).unwrap();
    let mut buf = [0u8; 256];
    let v = verify(t.as_bytes(), &key, &ANY, NOW, &mut buf).unwrap();
    let claims: &Claims<'_> = v.claims();
    let scopes = claims.scopes().unwrap().unwrap();
    assert!(matches!(scopes, Scopes::List(_)));
    assert!(scopes.contains("b") && !scopes.contains("c"));
    assert_eq!(claims.client_id().unwrap().unwrap().as_str(), Some("c-1"));
    assert!(claims.contains(Claim::Scope) && claims.contains(Claim::ClientId));
}

#[test]
fn access_token_profile() {
    let policy = Validation::access_token("https://as.example.com", "https://rs.example.com");
    let full = r#"{"iss":"https://as.example.com","exp":1700003600,"aud":"https://rs.example.com","sub":"u1","client_id":"c1","iat":1699999000,"jti":"j1","scope":"read"}"#;
    for typ in ["at+jwt", "application/at+jwt", "AT+JWT"] {
        let t = token_with(&format!(r#"{{"alg":"HS256","typ":"{typ}"}}"#), full);
        assert_eq!(check_token(&t, &policy, NOW), Ok(()), "{typ}");
    }
    for typ in [r#","typ":"JWT""#, ""] {
        let t = token_with(&format!(r#"{{"alg":"HS256"{typ}}}"#), full);
        assert_eq!(check_token(&t, &policy, NOW), Err(Error::Type));
    }
    let header = r#"{"alg":"HS256","typ":"at+jwt"}"#;
    for claim in ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"] {
        let value: serde_json::Value = serde_json::from_str(full).unwrap();
        let mut map = value.as_object().unwrap().clone();
        map.remove(claim);
        let payload = serde_json::Value::Object(map).to_string();
        let expected = Claim::from_name(claim).unwrap();
        assert_eq!(
            check_token(&token_with(header, &payload), &policy, NOW),
            Err(Error::MissingClaim(expected)),
            "{claim}"
        );
    }
    let bad_client = full.replace(r#""client_id":"c1""#, r#""client_id":7"#);
    assert_eq!(
        check_token(&token_with(header, &bad_client), &policy, NOW),
        Err(Error::InvalidClaimType(Claim::ClientId))
    );
    let other_aud = full.replace("https://rs.example.com", "https://other.example.com");
    assert_eq!(
        check_token(&token_with(header, &other_aud), &policy, NOW),
        Err(Error::Audience)
    );
    let scoped = policy.scopes(&["write"]);
    assert_eq!(
        check_token(&token_with(header, full), &scoped, NOW),
        Err(Error::Scope)
    );
}

/// A hook that revokes one subject and counts its calls.
struct RevokeSub(&'static str, std::cell::Cell<u32>);

impl Revocation for RevokeSub {
    fn is_revoked(&self, claims: &Claims<'_>, _now: i64) -> bool {
        self.1.set(self.1.get() + 1);
        claims.sub.is_some_and(|s| s.eq_str(self.0))
    }
}

#[test]
fn revocation_hook_runs_last_and_requires_jti() {
    let hook = RevokeSub("mallory", std::cell::Cell::new(0));
    let policy = ANY.revocation(&hook).issuer("as");
    assert_eq!(
        check(r#"{"iss":"as","sub":"alice","jti":"1"}"#, &policy, NOW),
        Ok(())
    );
    assert_eq!(
        check(r#"{"iss":"as","sub":"mallory","jti":"2"}"#, &policy, NOW),
        Err(Error::Revoked)
    );
    assert_eq!(hook.1.get(), 2);
    // No jti: rejected before the hook is asked; a failed check never reaches it.
    assert_eq!(
        check(r#"{"iss":"as","sub":"mallory"}"#, &policy, NOW),
        Err(Error::MissingClaim(Claim::Jti))
    );
    assert_eq!(
        check(r#"{"iss":"other","sub":"mallory","jti":"3"}"#, &policy, NOW),
        Err(Error::Issuer)
    );
    assert_eq!(hook.1.get(), 2);
}

#[test]
fn deny_list_revokes_jti_until_expiry_and_fails_loudly_when_full() {
    let mut list = DenyList::<2>::new();
    assert_eq!(list.capacity(), 2);
    assert!(list.is_empty());
    list.revoke_jti("a", NOW + 100, NOW).unwrap();
    list.revoke_jti("b", NOW + 200, NOW).unwrap();
    // Re-adding keeps one entry (with the later expiry).
    list.revoke_jti("a", NOW + 300, NOW).unwrap();
    assert_eq!(list.len(), 2);
    // Full: the revocation is refused, never dropped silently.
    assert_eq!(list.revoke_jti("c", NOW + 100, NOW), Err(DenyListFull));
    // Nothing to store for a token that is already expired.
    assert_eq!(list.revoke_jti("c", NOW, NOW), Ok(()));
    assert_eq!(list.len(), 2);
    // Once "b"'s token has expired its entry goes, and "c" fits.
    list.revoke_jti("c", NOW + 400, NOW + 200).unwrap();
    assert_eq!(list.len(), 2);
    // "a" was re-added until NOW + 300: still there at NOW + 250.
    list.purge(NOW + 250);
    assert_eq!(list.len(), 2);
    list.purge(NOW + 300);
    assert_eq!(list.len(), 1);

    let list = RefCell::new(DenyList::<4>::new());
    list.borrow_mut().revoke_jti("j/1", NOW + 60, NOW).unwrap();
    let policy = ANY.revocation(&list);
    assert_eq!(check(r#"{"jti":"j/1"}"#, &policy, NOW), Err(Error::Revoked));
    // Compared after unescaping.
    assert_eq!(
        check(r#"{"jti":"j\/1"}"#, &policy, NOW),
        Err(Error::Revoked)
    );
    assert_eq!(check(r#"{"jti":"j/2"}"#, &policy, NOW), Ok(()));
    assert_eq!(check(r#"{"sub":"j/1","jti":"x"}"#, &policy, NOW), Ok(()));
    // Being updated while a token is checked: every token counts as revoked.
    let guard = list.borrow_mut();
    assert_eq!(check(r#"{"jti":"j/2"}"#, &policy, NOW), Err(Error::Revoked));
    drop(guard);
    assert_eq!(check(r#"{"jti":"j/2"}"#, &policy, NOW), Ok(()));
}

#[test]
fn deny_list_logs_a_subject_out_everywhere() {
    let mut list = DenyList::<4>::new();
    list.revoke_subject("alice", NOW - 10, NOW + 3600, NOW)
        .unwrap();
    let policy = ANY.revocation(&list);
    // Issued before the cut-off: revoked; at or after it: fine.
    assert_eq!(
        check(
            r#"{"sub":"alice","jti":"1","iat":1699999989}"#,
            &policy,
            NOW
        ),
        Err(Error::Revoked)
    );
    assert_eq!(
        check(
            r#"{"sub":"alice","jti":"1","iat":1699999989.999}"#,
            &policy,
            NOW
        ),
        Err(Error::Revoked)
    );
    assert_eq!(
        check(
            r#"{"sub":"alice","jti":"1","iat":1699999990}"#,
            &policy,
            NOW
        ),
        Ok(())
    );
    // Without iat the token's age is unknown: revoked (fail closed).
    assert_eq!(
        check(r#"{"sub":"alice","jti":"1"}"#, &policy, NOW),
        Err(Error::Revoked)
    );
    assert_eq!(
        check(r#"{"sub":"bob","jti":"1","iat":1}"#, &policy, NOW),
        Ok(())
    );
    // A jti equal to the subject is not the subject.
    assert_eq!(
        check(r#"{"sub":"bob","jti":"alice","iat":1}"#, &policy, NOW),
        Ok(())
    );
    // Logging out again moves the cut-off later, in the same entry.
    let mut list = DenyList::<1>::new();
    list.revoke_subject("alice", NOW - 10, NOW + 3600, NOW)
        .unwrap();
    list.revoke_subject("alice", NOW, NOW + 3600, NOW).unwrap();
    assert_eq!(list.len(), 1);
    let policy = ANY.revocation(&list);
    assert_eq!(
        check(
            r#"{"sub":"alice","jti":"1","iat":1699999999}"#,
            &policy,
            NOW
        ),
        Err(Error::Revoked)
    );
}

#[test]
fn bearer_extraction_grammar() {
    let ok =
        |v: &str| bearer_token(v.as_bytes()).map(|t| std::str::from_utf8(t).unwrap().to_owned());
    assert_eq!(ok("Bearer abc.def.ghi").as_deref(), Ok("abc.def.ghi"));
    assert_eq!(ok("bearer abc").as_deref(), Ok("abc"));
    assert_eq!(ok("BEARER abc").as_deref(), Ok("abc"));
    assert_eq!(ok("Bearer    abc").as_deref(), Ok("abc"));
    assert_eq!(ok("  Bearer abc \t").as_deref(), Ok("abc"));
    assert_eq!(
        ok("Bearer a-b.c_d~e+f/g==").as_deref(),
        Ok("a-b.c_d~e+f/g==")
    );
    for none in [
        "",
        "   ",
        "Basic dXNlcjpwYXNz",
        "Bearerabc",
        "Bear",
        "Digest x",
        "Bearer\tabc",
    ] {
        assert_eq!(
            bearer_token(none.as_bytes()),
            Err(Error::NoToken),
            "{none:?}"
        );
    }
    for bad in [
        "Bearer",
        "Bearer ",
        "Bearer a b",
        "Bearer a,b",
        "Bearer =abc",
        "Bearer a=b",
        "Bearer a\"",
        "Bearer é",
        "Bearer a\tb",
    ] {
        assert_eq!(
            bearer_token(bad.as_bytes()),
            Err(Error::Malformed(Part::Credential)),
            "{bad:?}"
        );
    }
    // The token is a sub-slice of the input.
    let header = b"Bearer xyz".to_vec();
    let t = bearer_token(&header).unwrap();
    assert_eq!(t.as_ptr(), header[7..].as_ptr());
}

#[test]
fn cookie_extraction_grammar() {
    let get = |v: &str, n: &str| {
        cookie_token(v.as_bytes(), n).map(|t| std::str::from_utf8(t).unwrap().to_owned())
    };
    assert_eq!(get("jwt=abc", "jwt").as_deref(), Ok("abc"));
    assert_eq!(get("a=1; jwt=abc; b=2", "jwt").as_deref(), Ok("abc"));
    assert_eq!(get("a=1;jwt=abc;b=2", "jwt").as_deref(), Ok("abc"));
    assert_eq!(get("a=1;  jwt=abc ;b", "jwt").as_deref(), Ok("abc"));
    assert_eq!(get("jwt=\"abc\"", "jwt").as_deref(), Ok("abc"));
    assert_eq!(get("xjwt=1; jwtx=2; jwt=3", "jwt").as_deref(), Ok("3"));
    assert_eq!(get("a=b=c; jwt=x=y", "jwt").as_deref(), Ok("x=y"));
    // Other cookies are not judged.
    assert_eq!(get("junk; a=\"; b=,; jwt=ok", "jwt").as_deref(), Ok("ok"));
    for none in ["", "a=1", "JWT=abc", "jwt", "jw=t", " ; ; "] {
        assert_eq!(
            cookie_token(none.as_bytes(), "jwt"),
            Err(Error::NoToken),
            "{none:?}"
        );
    }
    for dup in ["jwt=a; jwt=b", "jwt=a;jwt=a", "jwt=; jwt=b"] {
        assert_eq!(
            cookie_token(dup.as_bytes(), "jwt"),
            Err(Error::DuplicateCookie),
            "{dup:?}"
        );
    }
    for bad in [
        "jwt=",
        "jwt=\"\"",
        "jwt=\"",
        "jwt=\"abc",
        "jwt=a b",
        "jwt=a,b",
        "jwt=a\\b",
        "jwt=é",
        "jwt=a\"b\"",
    ] {
        assert_eq!(
            cookie_token(bad.as_bytes(), "jwt"),
            Err(Error::Malformed(Part::Credential)),
            "{bad:?}"
        );
    }
    let header = b"a=1; jwt=\"tok\"".to_vec();
    let t = cookie_token(&header, "jwt").unwrap();
    assert_eq!(t.as_ptr(), header[10..].as_ptr());
}

#[test]
fn extracted_tokens_verify() {
    let t = token(r#"{"exp":1800000000}"#);
    let key = Hs256Key::new(SECRET).unwrap();
    let mut buf = [0u8; 256];
    let auth = format!("Bearer {t}");
    let found = bearer_token(auth.as_bytes()).unwrap();
    assert!(verify(found, &key, &Validation::new(), NOW, &mut buf).is_ok());
    let cookie = format!("theme=dark; session={t}");
    let found = cookie_token(cookie.as_bytes(), "session").unwrap();
    assert!(verify(found, &key, &Validation::new(), NOW, &mut buf).is_ok());
}

#[test]
fn new_error_kinds_are_stable() {
    for (error, kind) in [
        (Error::TooOld, "too_old"),
        (Error::IssuedInFuture, "issued_in_future"),
        (Error::Lifetime, "lifetime"),
        (Error::Revoked, "revoked"),
        (Error::Scope, "scope"),
        (Error::NoToken, "no_token"),
        (Error::DuplicateCookie, "duplicate_cookie"),
    ] {
        assert_eq!(error.kind(), kind);
    }
    assert_eq!(Part::Credential.name(), "credential");
    assert_eq!(Claim::ClientId.name(), "client_id");
    assert_eq!(Claim::from_name("scope"), Some(Claim::Scope));
}
