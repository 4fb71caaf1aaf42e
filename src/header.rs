//! The JOSE header (RFC 7515 §4), borrowed from the caller's buffer.

use crate::json::{self, JsonStr, Value};
use crate::{Error, Part};

/// The header parameters the verifier reads. Any other parameter (`jku`,
/// `jwk`, `x5u`, …) is validated as JSON and otherwise ignored: keys are
/// always the caller's, never taken from the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Header<'a> {
    /// `alg`, already checked to equal the key's algorithm.
    pub alg: JsonStr<'a>,
    /// `typ`, if present.
    pub typ: Option<JsonStr<'a>>,
    /// `kid`, if present: lets the caller pick a key before verifying (see
    /// [`peek_header`](crate::peek_header)).
    pub kid: Option<JsonStr<'a>>,
    /// `cty`, if present.
    pub cty: Option<JsonStr<'a>>,
}

impl<'a> Header<'a> {
    /// Parses a decoded header: a strict JSON object with a string `alg`,
    /// string `typ`/`kid`/`cty` when present, and no `crit`; into the
    /// caller's `slot`, returning a reference to it (as `Claims::parse_in`,
    /// and for the same reason: no copy out of a returned `Result`).
    pub(crate) fn parse_in<'s>(
        text: &'a str,
        slot: &'s mut Option<Self>,
    ) -> Result<&'s Self, Error> {
        const NAMES: json::Wanted<5> = json::Wanted::new(["alg", "typ", "kid", "cty", "crit"]);
        let mut raw: [Option<Value<'a>>; 5] = [None; 5];
        json::parse_members(text, &NAMES, &mut raw).map_err(|e| e.into_error(Part::Header))?;
        let [alg, typ, kid, cty, crit] = raw;
        // RFC 7515 §4.1.11: no extension is implemented, so any `crit` fails.
        if crit.is_some() {
            return Err(Error::Crit);
        }
        // Each value typed without `?`: a `Result<Option<JsonStr>, Error>`
        // per field was copied byte by byte into the slot (the string sits
        // 2 bytes in, after the error's room; issue 16).
        let mut typed = true;
        let mut string = |value: Option<Value<'a>>| match value {
            None => None,
            Some(Value::Str(s)) => Some(s),
            Some(_) => {
                typed = false;
                None
            }
        };
        let (alg, typ, kid, cty) = (string(alg), string(typ), string(kid), string(cty));
        match alg {
            Some(alg) if typed => Ok(slot.insert(Self { alg, typ, kid, cty })),
            _ => Err(Error::Malformed(Part::Header)),
        }
    }
}

/// Whether a header `typ` names the media type `expected`: compared without
/// regard to ASCII case, and with an omitted `application/` prefix
/// (RFC 7515 §4.1.9), so `"JWT"`, `"jwt"` and `"application/jwt"` all match `"JWT"`.
pub(crate) fn typ_matches(typ: &JsonStr<'_>, expected: &str) -> bool {
    // Compared character by character, decoding escapes as it goes: no buffer, no length limit.
    let expected = strip_application(expected);
    let mut after_prefix = typ.chars();
    let has_prefix = "application/".chars().all(|p| {
        after_prefix
            .next()
            .is_some_and(|c| c.eq_ignore_ascii_case(&p))
    });
    let subtype = if has_prefix && !after_prefix.clone().any(|c| c == '/') {
        after_prefix
    } else {
        typ.chars()
    };
    let mut expected_chars = expected.chars();
    subtype
        .map(Some)
        .chain(core::iter::once(None))
        .all(|c| match (c, expected_chars.next()) {
            (Some(c), Some(e)) => c.eq_ignore_ascii_case(&e),
            (None, None) => true,
            _ => false,
        })
}

fn strip_application(media_type: &str) -> &str {
    match (media_type.get(..12), media_type.get(12..)) {
        (Some(prefix), Some(rest))
            if prefix.eq_ignore_ascii_case("application/") && !rest.as_bytes().contains(&b'/') =>
        {
            rest
        }
        _ => media_type,
    }
}
