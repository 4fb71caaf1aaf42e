//! Taking the token out of an HTTP header value, without a heap: the result
//! borrows the input.

use crate::{Error, Part};

/// The Bearer credential of an `Authorization` header field value
/// (RFC 6750 §2.1): `Bearer`, compared without regard to case (RFC 9110
/// §11.1), one or more spaces, then the token: one or more of `A–Z a–z 0–9
/// - . _ ~ + /` followed by any number of `=` (the b64token syntax).
///
/// The value may be surrounded by spaces or tabs (an HTTP parser usually
/// trims them already). Another scheme, or an empty value, is
/// [`Error::NoToken`]; a Bearer credential that breaks the grammar (no
/// token, a character outside b64token, anything after it) is
/// [`Error::Malformed`]`(`[`Part::Credential`]`)`. The work is one pass
/// over the value, and the token returned is a sub-slice of it (a JWT, being
/// base64url and dots, always fits b64token; [`verify`](crate::verify)
/// judges the rest).
///
/// ```
/// use jwt_embedded::{Error, Part, bearer_token};
/// assert_eq!(bearer_token(b"Bearer eyJhbGciOi.eyJzdWIi.c2ln"), Ok(&b"eyJhbGciOi.eyJzdWIi.c2ln"[..]));
/// assert_eq!(bearer_token(b"bearer   abc"), Ok(&b"abc"[..]));
/// assert_eq!(bearer_token(b"Basic dXNlcjpwYXNz"), Err(Error::NoToken));
/// assert_eq!(bearer_token(b"Bearer a b"), Err(Error::Malformed(Part::Credential)));
/// ```
pub fn bearer_token(authorization: &[u8]) -> Result<&[u8], Error> {
    let value = trim_ows(authorization);
    let malformed = Error::Malformed(Part::Credential);
    let Some((scheme, rest)) = value.split_at_checked(6) else {
        return Err(Error::NoToken);
    };
    if !scheme.eq_ignore_ascii_case(b"Bearer") {
        return Err(Error::NoToken);
    }
    let token = match rest.iter().position(|&b| b != b' ') {
        Some(0) => return Err(Error::NoToken), // e.g. `BearerX`: another scheme
        Some(start) => rest.get(start..).ok_or(malformed)?,
        None => return Err(malformed), // `Bearer` and nothing else
    };
    let body = token.iter().take_while(|&&b| is_b64token_char(b)).count();
    let padding = token
        .get(body..)
        .ok_or(malformed)?
        .iter()
        .take_while(|&&b| b == b'=')
        .count();
    if body == 0 || body + padding != token.len() {
        return Err(malformed);
    }
    Ok(token)
}

/// ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" (RFC 6750 §2.1).
const fn is_b64token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
}

/// The value of the cookie `name` in a `Cookie` header field value
/// (RFC 6265 §4.2.1): pairs `name=value` separated by `;` and a space (a
/// `;` without the space is tolerated, as §5.4's user agents may send it).
/// Names compare exactly (case-sensitive); a value wrapped in double quotes
/// is returned without them.
///
/// - No cookie of that name: [`Error::NoToken`].
/// - The name twice: [`Error::DuplicateCookie`] (which one is the token
///   would be a guess: an attacker who can set a cookie for a parent domain
///   could shadow yours).
/// - Its value empty, or with a character outside RFC 6265's cookie-octet
///   (controls, whitespace, `"`, `,`, `;`, `\`), or a lone quote:
///   [`Error::Malformed`]`(`[`Part::Credential`]`)`.
///
/// Other cookies are skipped without being judged (a malformed cookie of
/// another application does not lock this one out). The work is one pass
/// over the value; the token returned is a sub-slice of it.
///
/// ```
/// use jwt_embedded::{Error, cookie_token};
/// let header = b"theme=dark; session=eyJhbGciOi.eyJzdWIi.c2ln; lang=en";
/// assert_eq!(cookie_token(header, "session"), Ok(&b"eyJhbGciOi.eyJzdWIi.c2ln"[..]));
/// assert_eq!(cookie_token(b"session=\"abc\"", "session"), Ok(&b"abc"[..]));
/// assert_eq!(cookie_token(b"Session=abc", "session"), Err(Error::NoToken));
/// assert_eq!(cookie_token(b"session=a;session=b", "session"), Err(Error::DuplicateCookie));
/// ```
pub fn cookie_token<'a>(cookie: &'a [u8], name: &str) -> Result<&'a [u8], Error> {
    let mut found = None;
    for pair in cookie.split(|&b| b == b';') {
        let pair = trim_ows(pair);
        let Some(eq) = pair.iter().position(|&b| b == b'=') else {
            continue; // not a pair: no name to match
        };
        let (pair_name, value) = (pair.get(..eq), pair.get(eq + 1..));
        if pair_name != Some(name.as_bytes()) {
            continue;
        }
        if found.is_some() {
            return Err(Error::DuplicateCookie);
        }
        found = value;
    }
    let value = found.ok_or(Error::NoToken)?;
    let malformed = Error::Malformed(Part::Credential);
    let unquoted = match value {
        [b'"', inner @ .., b'"'] => inner,
        _ => value,
    };
    if unquoted.is_empty() || !unquoted.iter().all(|&b| is_cookie_octet(b)) {
        return Err(malformed);
    }
    Ok(unquoted)
}

/// %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E (RFC 6265 §4.1.1).
const fn is_cookie_octet(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// `bytes` without leading and trailing spaces and tabs.
fn trim_ows(bytes: &[u8]) -> &[u8] {
    let is_ows = |b: &u8| *b == b' ' || *b == b'\t';
    let start = bytes.iter().position(|b| !is_ows(b)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_ows(b))
        .map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or(&[])
}
