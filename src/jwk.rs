//! JWKs (RFC 7517 §4), read with the crate's strict JSON scanner, for every
//! key family: the members they share are checked here, once.
//!
//! Checked: `kty` must be the family's (`"RSA"`, `"oct"`, `"EC"`, `"OKP"`); `alg`, when
//! present, must be exactly the algorithm of the key type being built (RFC
//! 8725 §3.1: the key, not the token, chooses the algorithm; without `alg`,
//! the caller names it by the type); `use`, when present, must be `"sig"`;
//! `key_ops`, when present, an array of at most 16 distinct strings
//! containing `"verify"`. A JWK with private-key members (`d`, `p`, `q`,
//! `dp`, `dq`, `qi`, `oth`) is refused: verification needs only the public
//! key, and a device should never be handed the private one. Other members
//! (`kid`, `x5c`, …) are ignored, but must be valid JSON like the rest.

use crate::json::{self, JsonStr, Strings, Value};
use crate::{Algorithm, KeyError};

/// Members of a private JWK (RFC 7518 §6.3.2; `d` also for EC and OKP).
const PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/// A JWK key type (`kty`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kty {
    /// `"RSA"`: members `n` and `e`.
    Rsa,
    /// `"oct"`: a symmetric key, member `k`.
    Oct,
    /// `"EC"`: an elliptic-curve point, members `crv`, `x` and `y`.
    #[cfg(any(feature = "es256", feature = "es384"))]
    Ec,
    /// `"OKP"`: an octet key pair (RFC 8037 §2), members `crv` and `x`.
    #[cfg(feature = "eddsa")]
    Okp,
}

impl Kty {
    const fn name(self) -> &'static str {
        match self {
            Kty::Rsa => "RSA",
            Kty::Oct => "oct",
            #[cfg(any(feature = "es256", feature = "es384"))]
            Kty::Ec => "EC",
            #[cfg(feature = "eddsa")]
            Kty::Okp => "OKP",
        }
    }
}

/// The key members of a JWK that passed every shared check; which of them
/// the family needs is its own check.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Jwk<'a> {
    /// `n`, the base64url RSA modulus.
    pub(crate) n: Option<JsonStr<'a>>,
    /// `e`, the base64url RSA public exponent.
    pub(crate) e: Option<JsonStr<'a>>,
    /// `k`, the base64url symmetric key.
    pub(crate) k: Option<JsonStr<'a>>,
    /// `crv`, the curve (EC, OKP).
    #[cfg_attr(
        not(any(feature = "es256", feature = "es384", feature = "eddsa")),
        allow(dead_code)
    )]
    pub(crate) crv: Option<JsonStr<'a>>,
    /// `x`, the base64url x coordinate (EC) or public key (OKP).
    #[cfg_attr(
        not(any(feature = "es256", feature = "es384", feature = "eddsa")),
        allow(dead_code)
    )]
    pub(crate) x: Option<JsonStr<'a>>,
    /// `y`, the base64url y coordinate (EC).
    #[cfg_attr(not(any(feature = "es256", feature = "es384")), allow(dead_code))]
    pub(crate) y: Option<JsonStr<'a>>,
}

/// Parses the JWK JSON object `jwk` and checks it for a key of type `kty`
/// verifying `alg`.
pub(crate) fn parse(jwk: &str, kty: Kty, alg: Algorithm) -> Result<Jwk<'_>, KeyError> {
    let mut members = Members::default();
    json::parse_object(jwk, |name, value| members.visit(name, value))
        .map_err(|_| KeyError::Encoding)?;
    members.check(kty, alg)
}

/// The members of interest, as found.
#[derive(Default)]
struct Members<'a> {
    kty: Option<Value<'a>>,
    n: Option<Value<'a>>,
    e: Option<Value<'a>>,
    k: Option<Value<'a>>,
    crv: Option<Value<'a>>,
    x: Option<Value<'a>>,
    y: Option<Value<'a>>,
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
        } else if name.eq_str("k") {
            &mut self.k
        } else if name.eq_str("crv") {
            &mut self.crv
        } else if name.eq_str("x") {
            &mut self.x
        } else if name.eq_str("y") {
            &mut self.y
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

    /// The shared checks, in order: type, private members, algorithm, use.
    fn check(self, kty: Kty, alg: Algorithm) -> Result<Jwk<'a>, KeyError> {
        match self.kty {
            Some(Value::Str(s)) if s.eq_str(kty.name()) => {}
            Some(Value::Str(_)) => return Err(KeyError::KeyType),
            _ => return Err(KeyError::Encoding),
        }
        // An `oct` key is secret by nature; its `k` is not a "private member".
        if self.private && kty != Kty::Oct {
            return Err(KeyError::Private);
        }
        match self.alg {
            None => {}
            Some(Value::Str(s)) if alg.is_named(&s) => {}
            Some(Value::Str(_)) => return Err(KeyError::Algorithm),
            Some(_) => return Err(KeyError::Encoding),
        }
        if !self.key_use.is_none_or(|u| is_str(Some(u), "sig"))
            || !self.key_ops.is_none_or(allows_verify)
        {
            return Err(KeyError::Use);
        }
        Ok(Jwk {
            n: string(self.n)?,
            e: string(self.e)?,
            k: string(self.k)?,
            crv: string(self.crv)?,
            x: string(self.x)?,
            y: string(self.y)?,
        })
    }
}

/// Decodes the base64url member `text` (written with JSON escapes or not)
/// into exactly `out`: another length, or anything but strict unpadded
/// base64url, is [`KeyError::Encoding`]. For fixed-size key material (EC
/// coordinates, an Ed25519 key): at most [`MAX_FIXED_LEN`] bytes.
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
pub(crate) fn decode_exact(text: JsonStr<'_>, out: &mut [u8]) -> Result<(), KeyError> {
    let mut unescaped = [0u8; MAX_FIXED_LEN * 2];
    let text = match text.as_str() {
        Some(text) => text,
        None => text
            .unescape_into(&mut unescaped)
            .map_err(|_| KeyError::Encoding)?,
    };
    let len = out.len();
    if crate::base64url::decoded_len(text.len()) != Some(len) {
        return Err(KeyError::Encoding);
    }
    match crate::base64url::decode(text.as_bytes(), out) {
        Ok(bytes) if bytes.len() == len => Ok(()),
        _ => Err(KeyError::Encoding),
    }
}

/// Longest fixed-size member [`decode_exact`] takes, in bytes (a P-384
/// coordinate).
#[cfg(any(feature = "es256", feature = "es384", feature = "eddsa"))]
pub(crate) const MAX_FIXED_LEN: usize = 48;

/// A member that must be a string when present.
fn string(value: Option<Value<'_>>) -> Result<Option<JsonStr<'_>>, KeyError> {
    match value {
        None => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(_) => Err(KeyError::Encoding),
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

    /// The shared checks for an RS256 key, then `n` and `e` present.
    fn rsa(jwk: &str) -> Result<(), KeyError> {
        let jwk = parse(jwk, Kty::Rsa, Algorithm::Rs256)?;
        jwk.n.zip(jwk.e).map(|_| ()).ok_or(KeyError::Encoding)
    }

    #[test]
    fn members() {
        assert_eq!(rsa(r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#), Ok(()));
        assert_eq!(
            rsa(
                r#"{"kty":"RSA","n":"x","e":"y","alg":"RS256","use":"sig","key_ops":["verify","sign"],"kid":"k","x5c":[]}"#
            ),
            Ok(())
        );
        assert_eq!(
            rsa(r#"{"kty":"R\u0053A","n":"x","e":"y","alg":"RS\u00325\u0036"}"#),
            Ok(())
        );
        use KeyError::*;
        for (bad, why) in [
            (r#"{"kty":"oct","n":"x","e":"y"}"#, KeyType),
            (r#"{"kty":"rsa","n":"x","e":"y"}"#, KeyType),
            (r#"{"n":"x","e":"y"}"#, Encoding),
            (r#"{"kty":"RSA","e":"y"}"#, Encoding),
            (r#"{"kty":"RSA","n":"x"}"#, Encoding),
            (r#"{"kty":"RSA","n":1,"e":"y"}"#, Encoding),
            (r#"{"kty":"RSA","n":"x","e":"y","alg":"PS256"}"#, Algorithm),
            (r#"{"kty":"RSA","n":"x","e":"y","alg":"none"}"#, Algorithm),
            (r#"{"kty":"RSA","n":"x","e":"y","alg":null}"#, Encoding),
            (r#"{"kty":"RSA","n":"x","e":"y","use":"enc"}"#, Use),
            (
                r#"{"kty":"RSA","n":"x","e":"y","key_ops":["encrypt"]}"#,
                Use,
            ),
            (r#"{"kty":"RSA","n":"x","e":"y","key_ops":"verify"}"#, Use),
            (
                r#"{"kty":"RSA","n":"x","e":"y","key_ops":["verify",1]}"#,
                Use,
            ),
            (
                r#"{"kty":"RSA","n":"x","e":"y","key_ops":["verify","verify"]}"#,
                Use,
            ),
            (r#"{"kty":"RSA","n":"x","e":"y","key_ops":[]}"#, Use),
            (r#"{"kty":"RSA","n":"x","e":"y","d":"z"}"#, Private),
            (r#"{"kty":"RSA","n":"x","e":"y","qi":"z"}"#, Private),
            (r#"{"kty":"RSA","n":"x","n":"x","e":"y"}"#, Encoding),
            (r#"{"kty":"RSA","n":"x","e":"y",}"#, Encoding),
            (r#"["kty","RSA"]"#, Encoding),
        ] {
            assert_eq!(rsa(bad), Err(why), "{bad}");
        }
    }

    #[test]
    fn oct() {
        let oct = |jwk| parse(jwk, Kty::Oct, Algorithm::Hs384).map(|jwk| jwk.k.is_some());
        assert_eq!(oct(r#"{"kty":"oct","k":"AA"}"#), Ok(true));
        assert_eq!(oct(r#"{"kty":"oct","k":"AA","alg":"HS384"}"#), Ok(true));
        assert_eq!(
            oct(r#"{"kty":"oct","k":"AA","alg":"HS256"}"#),
            Err(KeyError::Algorithm)
        );
        assert_eq!(oct(r#"{"kty":"RSA","k":"AA"}"#), Err(KeyError::KeyType));
        assert_eq!(oct(r#"{"kty":"oct"}"#), Ok(false));
    }
}
