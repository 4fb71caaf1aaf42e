//! RSA public keys as a JWK (RFC 7517 §4, RFC 7518 §6.3.1), read with the
//! crate's strict JSON scanner.
//!
//! Required: `"kty": "RSA"` and the string members `n` and `e`. Optional
//! members, checked when present: `alg` must be `"RS256"`, `use` must be
//! `"sig"`, `key_ops` must be an array of at most 16 distinct strings
//! containing `"verify"`. A JWK with private-key members (`d`, `p`, `q`, `dp`, `dq`,
//! `qi`, `oth`) is refused: verification needs only the public key, and a
//! device should never be handed the private one. Other members (`kid`,
//! `x5c`, …) are ignored, but must be valid JSON like the rest.

use crate::Error;
use crate::json::{self, JsonStr, Strings, Value};

/// Members of an RSA private JWK (RFC 7518 §6.3.2).
const PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/// The public key members of a JWK that passed every check.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RsaJwk<'a> {
    /// `n`, the base64url modulus.
    pub(crate) n: JsonStr<'a>,
    /// `e`, the base64url public exponent.
    pub(crate) e: JsonStr<'a>,
}

/// Parses and checks the JWK JSON object `jwk`.
pub(crate) fn parse(jwk: &str) -> Result<RsaJwk<'_>, Error> {
    let mut members = Members::default();
    json::parse_object(jwk, |name, value| members.visit(name, value))
        .map_err(|_| Error::InvalidKey)?;
    members.check()
}

/// The members of interest, as found.
#[derive(Default)]
struct Members<'a> {
    kty: Option<Value<'a>>,
    n: Option<Value<'a>>,
    e: Option<Value<'a>>,
    alg: Option<Value<'a>>,
    key_use: Option<Value<'a>>,
    key_ops: Option<Value<'a>>,
    private: bool,
}

impl<'a> Members<'a> {
    /// Records one member (the scanner already rejected duplicate names).
    fn visit(&mut self, name: JsonStr<'a>, value: Value<'a>) {
        let slot = if name.eq_str("kty") {
            &mut self.kty
        } else if name.eq_str("n") {
            &mut self.n
        } else if name.eq_str("e") {
            &mut self.e
        } else if name.eq_str("alg") {
            &mut self.alg
        } else if name.eq_str("use") {
            &mut self.key_use
        } else if name.eq_str("key_ops") {
            &mut self.key_ops
        } else {
            self.private |= PRIVATE_MEMBERS.iter().any(|m| name.eq_str(m));
            return;
        };
        *slot = Some(value);
    }

    fn check(self) -> Result<RsaJwk<'a>, Error> {
        let ok = is_str(self.kty, "RSA")
            && !self.private
            && self.alg.is_none_or(|alg| is_str(Some(alg), "RS256"))
            && self
                .key_use
                .is_none_or(|key_use| is_str(Some(key_use), "sig"))
            && self.key_ops.is_none_or(allows_verify);
        match (ok, self.n, self.e) {
            (true, Some(Value::Str(n)), Some(Value::Str(e))) => Ok(RsaJwk { n, e }),
            _ => Err(Error::InvalidKey),
        }
    }
}

/// Whether `value` is the string `expected`.
fn is_str(value: Option<Value<'_>>, expected: &str) -> bool {
    matches!(value, Some(Value::Str(s)) if s.eq_str(expected))
}

/// Most `key_ops` values accepted (RFC 7517 §4.3 registers eight); a longer
/// array is refused, which also bounds the duplicate check below.
const MAX_KEY_OPS: usize = 16;

/// Whether `key_ops` is an array of at most [`MAX_KEY_OPS`] distinct strings
/// that includes `"verify"` (RFC 7517 §4.3).
fn allows_verify(key_ops: Value<'_>) -> bool {
    let Value::StrArray(array) = key_ops else {
        return false;
    };
    if Strings::new(array).nth(MAX_KEY_OPS).is_some() {
        return false;
    }
    let mut verify = false;
    for (i, op) in Strings::new(array).enumerate() {
        if Strings::new(array)
            .take(i)
            .any(|earlier| earlier.eq_json(&op))
        {
            return false;
        }
        verify |= op.eq_str("verify");
    }
    verify
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(jwk: &str) -> bool {
        parse(jwk).is_ok()
    }

    #[test]
    fn members() {
        assert!(ok(r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#));
        assert!(ok(
            r#"{"kty":"RSA","n":"x","e":"y","alg":"RS256","use":"sig","key_ops":["verify","sign"],"kid":"k","x5c":[]}"#
        ));
        assert!(ok(
            r#"{"kty":"R\u0053A","n":"x","e":"y","alg":"RS\u00325\u0036"}"#
        ));
        for bad in [
            r#"{"kty":"oct","n":"x","e":"y"}"#,
            r#"{"kty":"rsa","n":"x","e":"y"}"#,
            r#"{"n":"x","e":"y"}"#,
            r#"{"kty":"RSA","e":"y"}"#,
            r#"{"kty":"RSA","n":"x"}"#,
            r#"{"kty":"RSA","n":1,"e":"y"}"#,
            r#"{"kty":"RSA","n":"x","e":"y","alg":"PS256"}"#,
            r#"{"kty":"RSA","n":"x","e":"y","alg":null}"#,
            r#"{"kty":"RSA","n":"x","e":"y","use":"enc"}"#,
            r#"{"kty":"RSA","n":"x","e":"y","key_ops":["encrypt"]}"#,
            r#"{"kty":"RSA","n":"x","e":"y","key_ops":"verify"}"#,
            r#"{"kty":"RSA","n":"x","e":"y","key_ops":["verify",1]}"#,
            r#"{"kty":"RSA","n":"x","e":"y","key_ops":["verify","verify"]}"#,
            r#"{"kty":"RSA","n":"x","e":"y","key_ops":[]}"#,
            r#"{"kty":"RSA","n":"x","e":"y","d":"z"}"#,
            r#"{"kty":"RSA","n":"x","e":"y","qi":"z"}"#,
            r#"{"kty":"RSA","n":"x","n":"x","e":"y"}"#,
            r#"{"kty":"RSA","n":"x","e":"y",}"#,
            r#"["kty","RSA"]"#,
        ] {
            assert!(!ok(bad), "{bad}");
        }
    }
}
