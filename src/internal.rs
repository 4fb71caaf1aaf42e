//! Direct entry points into the stages of the pipeline, for the fuzz targets
//! and benchmarks. Hidden from the docs and exempt from semver: not an API.

use crate::{Claims, Error, Header, Part, Validation, base64url};

/// Parses a decoded header (strict JSON, `crit` rejected); no `alg` check.
pub fn parse_header(text: &str) -> Result<Header<'_>, Error> {
    Header::parse_in(text, &mut None).copied()
}

/// Parses a decoded payload into its registered claims (strict JSON, types checked).
pub fn parse_claims(payload: &str) -> Result<Claims<'_>, Error> {
    Claims::parse_in(payload, &mut None).copied()
}

/// The claims half of [`verify`](crate::verify): decodes the base64url
/// payload segment into `buf`, parses it and checks it against `validation`.
pub fn decode_and_check_claims<'b>(
    payload_b64: &[u8],
    validation: &Validation<'_>,
    now: i64,
    buf: &'b mut [u8],
) -> Result<Claims<'b>, Error> {
    let text = crate::verify::decode_text(payload_b64, buf, Part::Claims)?;
    let mut slot = None;
    let claims = Claims::parse_in(text, &mut slot)?;
    validation.check(claims, now)?;
    Ok(*claims)
}

/// The strict base64url decoder used on token segments; `None` if `input` is
/// not canonical unpadded base64url or `out` is too small.
pub fn base64url_decode<'o>(input: &[u8], out: &'o mut [u8]) -> Option<&'o [u8]> {
    base64url::decode(input, out).ok()
}

/// The units of work the parsing stages counted since the last call (and
/// resets the count). Only under `cfg(fuzzing)`: the `cost` fuzz target
/// asserts that it stays linear in the input length.
#[cfg(fuzzing)]
pub fn take_work() -> usize {
    crate::cost::take()
}
