//! From a request's headers and the crate's verdict to the HTTP answer
//! (RFC 6750 §3):
//!
//! | case | status | `WWW-Authenticate` |
//! |---|---|---|
//! | valid token | 200, body the `sub` | — |
//! | no credentials at all | 401 | `Bearer` (§3.1: no error code) |
//! | malformed request: an `Authorization` of another scheme, a Bearer credential that breaks the b64token grammar, two `Authorization` or two `Cookie` headers, the cookie twice, bytes that are not visible ASCII | 400 | `Bearer error="invalid_request", error_description="<kind>"` |
//! | token refused | 401 | `Bearer error="invalid_token", error_description="<kind>"` |
//! | a required scope missing (`Error::Scope`) | 403 | `Bearer error="insufficient_scope", error_description="scope"` |
//!
//! `<kind>` is the crate's stable [`Error::kind`] name (`expired`,
//! `signature`, `unknown_key`, …); `malformed` for the request-level checks
//! the gateway makes itself.

use jwt_embedded::{Error, Part, bearer_token, cookie_token};

/// Where the token came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// `Authorization: Bearer`.
    Bearer,
    /// The named cookie.
    Cookie,
    /// No credentials were found.
    None,
}

impl Source {
    /// The name used in log lines.
    pub const fn name(self) -> &'static str {
        match self {
            Source::Bearer => "bearer",
            Source::Cookie => "cookie",
            Source::None => "none",
        }
    }
}

/// A refusal: what the gateway answers instead of 200.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No credentials: 401 with a bare `Bearer` challenge.
    NoCredentials,
    /// 400 `invalid_request`, with the kind.
    InvalidRequest(&'static str),
    /// 401 `invalid_token`, with the kind.
    InvalidToken(&'static str),
    /// 403 `insufficient_scope`.
    InsufficientScope,
}

impl Refusal {
    /// The refusal of a token the crate rejected.
    pub const fn of_token(error: Error) -> Self {
        match error {
            Error::Scope => Refusal::InsufficientScope,
            other => Refusal::InvalidToken(other.kind()),
        }
    }

    /// The HTTP status code.
    pub const fn status(self) -> u16 {
        match self {
            Refusal::NoCredentials | Refusal::InvalidToken(_) => 401,
            Refusal::InvalidRequest(_) => 400,
            Refusal::InsufficientScope => 403,
        }
    }

    /// The kind logged (and sent as `error_description`).
    pub const fn kind(self) -> &'static str {
        match self {
            Refusal::NoCredentials => "no_token",
            Refusal::InvalidRequest(kind) | Refusal::InvalidToken(kind) => kind,
            Refusal::InsufficientScope => "scope",
        }
    }

    /// The `WWW-Authenticate` value.
    pub fn challenge(self) -> String {
        match self {
            Refusal::NoCredentials => "Bearer".to_owned(),
            Refusal::InvalidRequest(kind) => {
                format!("Bearer error=\"invalid_request\", error_description=\"{kind}\"")
            }
            Refusal::InvalidToken(kind) => {
                format!("Bearer error=\"invalid_token\", error_description=\"{kind}\"")
            }
            Refusal::InsufficientScope => {
                "Bearer error=\"insufficient_scope\", error_description=\"scope\"".to_owned()
            }
        }
    }
}

/// Visible ASCII, space and tab: what a header value this gateway reads
/// may hold (RFC 9110 §5.5 allows obs-text too; no token or cookie needs it).
fn visible(value: &[u8]) -> bool {
    value
        .iter()
        .all(|&b| b == b' ' || b == b'\t' || (0x21..=0x7e).contains(&b))
}

/// The token of a request, from its `Authorization` values (all of them,
/// in order) or else the cookie `cookie` in its `Cookie` values.
pub fn credentials<'h>(
    authorization: &[&'h [u8]],
    cookies: &[&'h [u8]],
    cookie: Option<&str>,
) -> Result<(Source, &'h [u8]), Refusal> {
    let malformed = Refusal::InvalidRequest(Error::Malformed(Part::Credential).kind());
    match authorization {
        [] => {}
        [value] => {
            if !visible(value) {
                return Err(malformed);
            }
            // Another scheme is `NoToken`: this gateway takes Bearer only.
            return match bearer_token(value) {
                Ok(token) => Ok((Source::Bearer, token)),
                Err(error) => Err(Refusal::InvalidRequest(error.kind())),
            };
        }
        _ => return Err(malformed),
    }
    let Some(name) = cookie else {
        return Err(Refusal::NoCredentials);
    };
    match cookies {
        [] => Err(Refusal::NoCredentials),
        [value] => {
            if !visible(value) {
                return Err(malformed);
            }
            match cookie_token(value, name) {
                Ok(token) => Ok((Source::Cookie, token)),
                Err(Error::NoToken) => Err(Refusal::NoCredentials),
                Err(error) => Err(Refusal::InvalidRequest(error.kind())),
            }
        }
        // RFC 6265 §5.4: a user agent sends one Cookie header.
        _ => Err(malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_errors() {
        assert_eq!(
            Refusal::of_token(Error::Expired),
            Refusal::InvalidToken("expired")
        );
        assert_eq!(Refusal::of_token(Error::Scope), Refusal::InsufficientScope);
        assert_eq!(Refusal::of_token(Error::Scope).status(), 403);
        assert_eq!(Refusal::of_token(Error::Signature).status(), 401);
        assert_eq!(
            Refusal::of_token(Error::UnknownKey).challenge(),
            "Bearer error=\"invalid_token\", error_description=\"unknown_key\""
        );
        assert_eq!(
            Refusal::of_token(Error::Malformed(Part::Claims)).challenge(),
            "Bearer error=\"invalid_token\", error_description=\"malformed\""
        );
        assert_eq!(Refusal::NoCredentials.challenge(), "Bearer");
        assert_eq!(Refusal::NoCredentials.status(), 401);
        assert_eq!(Refusal::InvalidRequest("malformed").status(), 400);
        // Each challenge is a valid header value.
        for refusal in [
            Refusal::of_token(Error::Expired),
            Refusal::of_token(Error::TooLarge),
            Refusal::of_token(Error::Crit),
            Refusal::InvalidRequest("duplicate_cookie"),
        ] {
            assert!(
                hyper::header::HeaderValue::from_str(&refusal.challenge()).is_ok(),
                "{refusal:?}"
            );
        }
    }

    #[test]
    fn requests() {
        let cookie = Some("session");
        assert_eq!(
            credentials(&[b"Bearer abc.def.ghi"], &[], cookie),
            Ok((Source::Bearer, &b"abc.def.ghi"[..]))
        );
        assert_eq!(
            credentials(&[], &[b"a=1; session=abc.def.ghi"], cookie),
            Ok((Source::Cookie, &b"abc.def.ghi"[..]))
        );
        // Bearer wins over the cookie.
        assert_eq!(
            credentials(&[b"Bearer x.y.z"], &[b"session=abc.def.ghi"], cookie),
            Ok((Source::Bearer, &b"x.y.z"[..]))
        );
        assert_eq!(credentials(&[], &[], cookie), Err(Refusal::NoCredentials));
        assert_eq!(
            credentials(&[], &[b"other=1"], cookie),
            Err(Refusal::NoCredentials)
        );
        assert_eq!(
            credentials(&[], &[b"session=a.b.c"], None),
            Err(Refusal::NoCredentials)
        );
        assert_eq!(
            credentials(&[b"Basic dXNlcjpwYXNz"], &[], cookie),
            Err(Refusal::InvalidRequest("no_token"))
        );
        assert_eq!(
            credentials(&[b"Bearer a b"], &[], cookie),
            Err(Refusal::InvalidRequest("malformed"))
        );
        assert_eq!(
            credentials(&[b"Bearer a", b"Bearer b"], &[], cookie),
            Err(Refusal::InvalidRequest("malformed"))
        );
        assert_eq!(
            credentials(&[b"Bearer \x80abc"], &[], cookie),
            Err(Refusal::InvalidRequest("malformed"))
        );
        assert_eq!(
            credentials(&[], &[b"session=a; session=b"], cookie),
            Err(Refusal::InvalidRequest("duplicate_cookie"))
        );
        assert_eq!(
            credentials(&[], &[b"session=a", b"session=b"], cookie),
            Err(Refusal::InvalidRequest("malformed"))
        );
    }
}
