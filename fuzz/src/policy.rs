//! Arbitrary validation policies, resolved against a token so that the
//! interesting cases (`now` next to `exp`, the token's own issuer, ...) are
//! reachable, and turned into both a `Validation` and a [`RefPolicy`].

use arbitrary::{Arbitrary, Unstructured};
use jwt_embedded::{Claim, RequiredClaims, Validation};

use crate::reference::{RefAudience, RefClaims, RefPolicy};

/// A policy, as the fuzzer chooses it.
#[derive(Arbitrary, Clone, Debug)]
pub struct PolicyInput {
    pub now: Now,
    pub leeway: Leeway,
    pub iss: IssPolicy,
    pub aud: AudPolicy,
    /// Bit `i` requires `Claim::ALL[i]`.
    pub required: u8,
    pub typ: TypPolicy,
}

/// The current time.
#[derive(Arbitrary, Clone, Debug)]
pub enum Now {
    Absolute(i64),
    /// `exp` (whole seconds) plus this many seconds, if the token has `exp`.
    NearExp(i8),
    /// `nbf` (whole seconds) plus this many seconds, if the token has `nbf`.
    NearNbf(i8),
}

/// The leeway.
#[derive(Arbitrary, Clone, Debug)]
pub enum Leeway {
    Small(u8),
    Any(u64),
}

/// The expected issuer.
#[derive(Arbitrary, Clone, Debug)]
pub enum IssPolicy {
    None,
    /// The token's own `iss` (unescaped), or `"issuer"` if it has none.
    FromToken,
    Literal(String),
}

/// The accepted audiences.
#[derive(Arbitrary, Clone, Debug)]
pub enum AudPolicy {
    NotConfigured,
    /// One audience, through `Validation::audience`.
    One(String),
    /// A list, through `Validation::audiences` (possibly empty).
    List(Vec<String>),
    /// `others` plus the token's audience at `index` (modulo their number).
    FromToken {
        index: u8,
        others: Vec<String>,
    },
    Any,
}

/// The expected header `typ`.
#[derive(Arbitrary, Clone, Debug)]
pub enum TypPolicy {
    None,
    /// One of a few common values.
    Common(u8),
    /// The token's own `typ`, optionally upper-cased and/or with
    /// `application/` added (or removed), or `"JWT"` if it has none.
    FromToken {
        upper: bool,
        toggle_prefix: bool,
    },
    Literal(String),
}

const COMMON_TYPS: [&str; 6] = [
    "JWT",
    "jwt",
    "application/jwt",
    "at+jwt",
    "application/at+JWT",
    "secevent+jwt",
];

impl TypPolicy {
    /// The expected `typ`, given the token's own (unescaped) `typ`.
    pub fn resolve(&self, token_typ: Option<&str>) -> Option<String> {
        match self {
            TypPolicy::None => None,
            TypPolicy::Common(i) => Some(COMMON_TYPS[usize::from(*i) % COMMON_TYPS.len()].into()),
            TypPolicy::FromToken {
                upper,
                toggle_prefix,
            } => {
                let mut typ = token_typ.unwrap_or("JWT").to_owned();
                if *upper {
                    typ = typ.to_ascii_uppercase();
                }
                if *toggle_prefix {
                    typ = match typ.get(..12) {
                        Some(p) if p.eq_ignore_ascii_case("application/") => typ[12..].to_owned(),
                        _ => format!("application/{typ}"),
                    };
                }
                Some(typ)
            }
            TypPolicy::Literal(s) => Some(s.clone()),
        }
    }
}

/// A policy with everything decided: plain data for the reference, and the
/// strings a `Validation` borrows.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub policy: RefPolicy,
    /// Set for `AudPolicy::One`: use `Validation::audience`.
    pub audience: Option<String>,
    pub typ: Option<String>,
}

impl PolicyInput {
    /// Reads a policy from `bytes` (missing bytes read as zeros).
    pub fn from_bytes(bytes: &[u8]) -> Option<PolicyInput> {
        PolicyInput::arbitrary(&mut Unstructured::new(bytes)).ok()
    }

    /// Decides every choice that depends on the token (`claims` as the
    /// reference read them, if it could; the header `typ`).
    pub fn resolve(&self, claims: Option<&RefClaims>, token_typ: Option<&str>) -> Resolved {
        let exp = claims.and_then(|c| c.exp).map(|d| d.seconds());
        let nbf = claims.and_then(|c| c.nbf).map(|d| d.seconds());
        let now = match self.now {
            Now::Absolute(now) => now,
            Now::NearExp(delta) => exp.unwrap_or(0).saturating_add(i64::from(delta)),
            Now::NearNbf(delta) => nbf.unwrap_or(0).saturating_add(i64::from(delta)),
        };
        let leeway = match self.leeway {
            Leeway::Small(s) => u64::from(s),
            Leeway::Any(l) => l,
        };
        let iss = match &self.iss {
            IssPolicy::None => None,
            IssPolicy::FromToken => Some(
                claims
                    .and_then(|c| c.iss.clone())
                    .unwrap_or_else(|| "issuer".into()),
            ),
            IssPolicy::Literal(s) => Some(s.clone()),
        };
        let (aud, audience) = self.audiences(claims);
        let required = core::array::from_fn(|i| self.required & (1 << i) != 0);
        Resolved {
            policy: RefPolicy {
                now,
                leeway,
                iss,
                aud,
                required,
            },
            audience,
            typ: self.typ.resolve(token_typ),
        }
    }

    fn audiences(&self, claims: Option<&RefClaims>) -> (RefAudience, Option<String>) {
        match &self.aud {
            AudPolicy::NotConfigured => (RefAudience::NotConfigured, None),
            AudPolicy::One(a) => (RefAudience::List(vec![a.clone()]), Some(a.clone())),
            AudPolicy::List(list) => (RefAudience::List(list.clone()), None),
            AudPolicy::FromToken { index, others } => {
                let mut list = others.clone();
                let token = claims.and_then(|c| c.aud.as_ref()).map(|(_, a)| a);
                if let Some(token) = token.filter(|t| !t.is_empty()) {
                    list.push(token[usize::from(*index) % token.len()].clone());
                }
                (RefAudience::List(list), None)
            }
            AudPolicy::Any => (RefAudience::Any, None),
        }
    }
}

impl Resolved {
    /// The audiences a `Validation::audiences` call must borrow (empty unless a list).
    pub fn audience_list(&self) -> Vec<&str> {
        match (&self.policy.aud, &self.audience) {
            (RefAudience::List(list), None) => list.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The crate's `Validation` for this policy; `list` is [`Self::audience_list`].
    pub fn validation<'a>(&'a self, list: &'a [&'a str]) -> Validation<'a> {
        let mut required = RequiredClaims::NONE;
        for (claim, on) in Claim::ALL.into_iter().zip(self.policy.required) {
            if on {
                required = required.with(claim);
            }
        }
        let mut v = Validation::new()
            .leeway(self.policy.leeway)
            .required(required);
        if let Some(iss) = &self.policy.iss {
            v = v.issuer(iss);
        }
        v = match (&self.policy.aud, &self.audience) {
            (RefAudience::NotConfigured, _) => v,
            (RefAudience::Any, _) => v.danger_accept_any_audience(),
            (RefAudience::List(_), Some(one)) => v.audience(one),
            (RefAudience::List(_), None) => v.audiences(list),
        };
        if let Some(typ) = &self.typ {
            v = v.typ(typ);
        }
        v
    }
}

/// Splits a raw fuzz input into a policy prefix and a document:
/// `[n] [n bytes of policy] [document]`.
pub fn split_prefix(data: &[u8]) -> (&[u8], &[u8]) {
    let Some((&n, rest)) = data.split_first() else {
        return (&[], &[]);
    };
    rest.split_at(usize::from(n).min(rest.len()))
}
