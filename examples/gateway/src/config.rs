//! The gateway's policy file: `key = value` lines, `#` starts a comment
//! (a whole line or the rest of one), lists are comma-separated, blank
//! lines are ignored, an unknown key or a key given twice is an error.
//!
//! ```text
//! issuer      = https://issuer.example      # required `iss`
//! audiences   = https://api.example, https://edge.example
//! leeway_s    = 30        # clock skew on exp, nbf and iat
//! max_age_s   = 3600      # iat at most this old (iat becomes required)
//! scopes      = read:telemetry    # all required (403 when one is missing)
//! typ         = JWT       # header typ required to match
//! cookie      = session   # cookie read when there is no Authorization
//! max_token_len = 8192    # bytes; at most 16384
//! ```
//!
//! Every key is optional: without `issuer` any `iss` passes, without
//! `audiences` a token must carry no `aud` (RFC 7519 §4.1.3), without
//! `max_age_s` `iat` is not checked, without `typ` any `typ` passes, without
//! `cookie` only the `Authorization` header is read. `exp` and `sub` are
//! always required.

use jwt_embedded::{Claim, RequiredClaims, Validation};

use crate::MAX_TOKEN_CEILING;

/// The policy read from the config file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Expected `iss`.
    pub issuer: Option<String>,
    /// Accepted audiences (a token's `aud` must name one).
    pub audiences: Vec<String>,
    /// Leeway on `exp`, `nbf` and `iat`, in seconds.
    pub leeway_s: u64,
    /// Maximum age of `iat`, in seconds.
    pub max_age_s: Option<u64>,
    /// Scopes every request needs.
    pub scopes: Vec<String>,
    /// Expected header `typ`.
    pub typ: Option<String>,
    /// Name of the cookie that may carry the token.
    pub cookie: Option<String>,
    /// Longest token accepted, in bytes.
    pub max_token_len: usize,
}

/// Default `max_token_len`.
pub const DEFAULT_MAX_TOKEN_LEN: usize = 8 * 1024;

impl Config {
    /// Parses a config file's text; the error names the line.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut config = Config {
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
            ..Config::default()
        };
        let mut seen: Vec<&str> = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let number = number + 1;
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(format!("line {number}: expected `key = value`"));
            };
            let (key, value) = (key.trim(), value.trim());
            if seen.contains(&key) {
                return Err(format!("line {number}: `{key}` given twice"));
            }
            let number_of = |value: &str| {
                value
                    .parse::<u64>()
                    .map_err(|_| format!("line {number}: `{key}` needs a whole number"))
            };
            let one = |value: &str| {
                if value.is_empty() {
                    Err(format!("line {number}: `{key}` is empty"))
                } else {
                    Ok(value.to_owned())
                }
            };
            match key {
                "issuer" => config.issuer = Some(one(value)?),
                "audiences" => config.audiences = list(value, number, key)?,
                "leeway_s" => config.leeway_s = number_of(value)?,
                "max_age_s" => config.max_age_s = Some(number_of(value)?),
                "scopes" => config.scopes = list(value, number, key)?,
                "typ" => config.typ = Some(one(value)?),
                "cookie" => config.cookie = Some(one(value)?),
                "max_token_len" => {
                    let len = usize::try_from(number_of(value)?).unwrap_or(usize::MAX);
                    if len == 0 || len > MAX_TOKEN_CEILING {
                        return Err(format!(
                            "line {number}: `max_token_len` must be 1 to {MAX_TOKEN_CEILING}"
                        ));
                    }
                    config.max_token_len = len;
                }
                _ => return Err(format!("line {number}: unknown key `{key}`")),
            }
            seen.push(key);
        }
        Ok(config)
    }

    /// The crate's policy for this config. Borrows the strings: the gateway
    /// leaks its one `Config` at start to get a `Validation<'static>`.
    pub fn validation<'a>(
        &'a self,
        audiences: &'a [&'a str],
        scopes: &'a [&'a str],
    ) -> Validation<'a> {
        let mut v = Validation::new()
            .leeway(self.leeway_s)
            .max_token_len(self.max_token_len)
            .required(RequiredClaims::DEFAULT.with(Claim::Sub))
            .audiences(audiences)
            .scopes(scopes);
        if let Some(issuer) = &self.issuer {
            v = v.issuer(issuer);
        }
        if let Some(max_age) = self.max_age_s {
            v = v.max_age(max_age);
        }
        if let Some(typ) = &self.typ {
            v = v.typ(typ);
        }
        v
    }
}

fn list(value: &str, number: usize, key: &str) -> Result<Vec<String>, String> {
    let items: Vec<String> = value.split(',').map(|s| s.trim().to_owned()).collect();
    if items.iter().any(String::is_empty) {
        return Err(format!("line {number}: `{key}` has an empty item"));
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let text = "# policy\n\
            issuer = https://issuer.example # trailing comment\n\
            audiences = a, b ,c\n\
            leeway_s=30\n\
            \n\
            max_age_s = 3600\n\
            scopes = read:x\n\
            typ = JWT\n\
            cookie = session\n\
            max_token_len = 4096\n";
        let config = Config::parse(text).unwrap();
        assert_eq!(
            config,
            Config {
                issuer: Some("https://issuer.example".into()),
                audiences: vec!["a".into(), "b".into(), "c".into()],
                leeway_s: 30,
                max_age_s: Some(3600),
                scopes: vec!["read:x".into()],
                typ: Some("JWT".into()),
                cookie: Some("session".into()),
                max_token_len: 4096,
            }
        );
    }

    #[test]
    fn defaults() {
        let config = Config::parse("").unwrap();
        assert_eq!(config.max_token_len, DEFAULT_MAX_TOKEN_LEN);
        assert_eq!(config.issuer, None);
        assert!(config.audiences.is_empty());
    }

    #[test]
    fn refuses_bad_lines() {
        for (text, needle) in [
            ("issuer", "line 1: expected"),
            ("foo = 1", "unknown key `foo`"),
            ("leeway_s = -1", "whole number"),
            ("issuer = a\nissuer = b", "line 2: `issuer` given twice"),
            ("audiences = a,,b", "empty item"),
            ("typ =", "`typ` is empty"),
            ("max_token_len = 0", "must be 1 to"),
            ("max_token_len = 99999", "must be 1 to"),
        ] {
            let error = Config::parse(text).unwrap_err();
            assert!(error.contains(needle), "{text:?}: {error}");
        }
    }
}
