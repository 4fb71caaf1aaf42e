//! `jwt_policy` (an all-zero one is the core's default `Validation`) and
//! `jwt_verified` (the verified claims, borrowed from the caller's buffer).

use core::ffi::c_void;

use jwt_embedded::{
    Audience, Claim, Claims, Header, JsonStr, RequiredClaims, Revocation, Validation, Verified,
};

use crate::raw;
use crate::status::jwt_status;

/// Bytes the caller owns: `ptr` to `len` bytes (`ptr` may be NULL when
/// `len` is 0).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_bytes {
    /// The first byte.
    pub ptr: *const u8,
    /// How many.
    pub len: usize,
}

/// A string of the verified token: `len` bytes at `ptr`, inside the
/// caller's buffer, the JSON text between its quotes (not NUL-terminated).
/// `escaped` is true when it holds JSON escape sequences (`\"`, `\u00e9`),
/// left undecoded. `ptr` is NULL when the token does not carry it.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_str {
    /// The first byte, or NULL when absent.
    pub ptr: *const u8,
    /// How many bytes.
    pub len: usize,
    /// Whether the text holds escape sequences.
    pub escaped: bool,
}

/// `iss` in `jwt_policy.required` and `jwt_verified.present`.
pub const JWT_CLAIM_ISS: u32 = 1 << 0;
/// `sub`.
pub const JWT_CLAIM_SUB: u32 = 1 << 1;
/// `aud`.
pub const JWT_CLAIM_AUD: u32 = 1 << 2;
/// `exp`.
pub const JWT_CLAIM_EXP: u32 = 1 << 3;
/// `nbf`.
pub const JWT_CLAIM_NBF: u32 = 1 << 4;
/// `iat`.
pub const JWT_CLAIM_IAT: u32 = 1 << 5;
/// `jti`.
pub const JWT_CLAIM_JTI: u32 = 1 << 6;
/// `client_id` (RFC 9068; `jwt_policy.required` only).
pub const JWT_CLAIM_CLIENT_ID: u32 = 1 << 7;
/// `scope` or `scp` (`jwt_policy.required` only).
pub const JWT_CLAIM_SCOPE: u32 = 1 << 8;
/// In `jwt_policy.required`: require no claim at all (0 means the default,
/// `exp`). Any `JWT_CLAIM_*` bits beside it are required.
pub const JWT_REQUIRE_NONE: u32 = 0x8000_0000;

/// The most audiences, and the most scopes, a `jwt_policy` lists.
pub const JWT_MAX_POLICY_LIST: usize = 16;

/// The claims and their bits, in bit order.
const CLAIMS: [(Claim, u32); 9] = [
    (Claim::Iss, JWT_CLAIM_ISS),
    (Claim::Sub, JWT_CLAIM_SUB),
    (Claim::Aud, JWT_CLAIM_AUD),
    (Claim::Exp, JWT_CLAIM_EXP),
    (Claim::Nbf, JWT_CLAIM_NBF),
    (Claim::Iat, JWT_CLAIM_IAT),
    (Claim::Jti, JWT_CLAIM_JTI),
    (Claim::ClientId, JWT_CLAIM_CLIENT_ID),
    (Claim::Scope, JWT_CLAIM_SCOPE),
];

/// Asked after every other check passed when `jwt_policy.is_revoked` is
/// set (a token without `jti` is `JWT_STATUS_MISSING_CLAIM` first): return
/// true to reject the token as `JWT_STATUS_REVOKED`. `jti` and `sub` are
/// the token's (`sub.ptr` NULL when absent), `now` the verification time.
/// While it runs, the verification is in progress: it must return (no
/// `longjmp`, no C++ exception), must not write through `jti` or `sub`, and
/// must not touch the key, key set, buffer or policy of the call (wipe,
/// refresh, or verify with them).
pub type jwt_revoked_fn = Option<
    unsafe extern "C" fn(context: *mut c_void, jti: jwt_str, sub: jwt_str, now: i64) -> bool,
>;

/// What a token must satisfy beyond its signature. A zero-initialised
/// `jwt_policy` (`jwt_policy policy = {0};`) is the crate's default: `exp`
/// required, no leeway, no issuer check, a token carrying `aud` rejected,
/// tokens up to 64 KiB.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_policy {
    /// The issuer `iss` must equal (UTF-8); `ptr` NULL: not checked.
    pub issuer: jwt_bytes,
    /// The accepted audiences (`aud` must hold one of them), at most
    /// `JWT_MAX_POLICY_LIST`; none: a token carrying `aud` is rejected.
    pub audiences: *const jwt_bytes,
    /// How many `audiences`.
    pub audience_count: usize,
    /// Non-zero: accept any `aud` (and none), for services that check it
    /// themselves. (A byte, not a `bool`: every value C can store is valid.)
    pub accept_any_audience: u8,
    /// Seconds of clock skew allowed for `exp`, `nbf` and `iat`.
    pub leeway: u64,
    /// Reject tokens whose `iat` is more than this many seconds old (and
    /// require `iat`); 0: no maximum age.
    pub max_age: u64,
    /// Reject tokens with `exp - iat` over this many seconds (and require
    /// both); 0: no maximum lifetime.
    pub max_lifetime: u64,
    /// Scopes that must all be among the token's `scope` (or `scp`), at
    /// most `JWT_MAX_POLICY_LIST`.
    pub scopes: *const jwt_bytes,
    /// How many `scopes`.
    pub scope_count: usize,
    /// The required claims, `JWT_CLAIM_*` bits; 0: the default (`exp`);
    /// `JWT_REQUIRE_NONE`: none.
    pub required: u32,
    /// The header `typ` required (case-insensitive, `application/` prefix
    /// optional); `ptr` NULL: not checked.
    pub typ: jwt_bytes,
    /// The longest token accepted, in bytes; 0: the default (64 KiB).
    pub max_token_len: usize,
    /// The revocation callback; NULL: none.
    pub is_revoked: jwt_revoked_fn,
    /// Passed to `is_revoked` as its `context`.
    pub revocation_context: *mut c_void,
}

/// The C revocation callback as the core's hook.
struct Callback {
    function: unsafe extern "C" fn(*mut c_void, jwt_str, jwt_str, i64) -> bool,
    context: *mut c_void,
}

impl Revocation for Callback {
    fn is_revoked(&self, claims: &Claims<'_>, now: i64) -> bool {
        // SAFETY: a C function the caller set in `jwt_policy.is_revoked`
        // for exactly this signature, with the context it set beside it;
        // the strings point into the caller's buffer, alive for the call.
        unsafe { (self.function)(self.context, string(claims.jti), string(claims.sub), now) }
    }
}

/// Up to [`JWT_MAX_POLICY_LIST`] UTF-8 strings from a C array.
struct List<'a> {
    items: [&'a str; JWT_MAX_POLICY_LIST],
    len: usize,
}

impl<'a> List<'a> {
    /// # Safety
    /// `ptr` points to `count` `jwt_bytes`, each valid for `'a` (as
    /// `raw::bytes`), or is NULL with `count` 0.
    unsafe fn new(ptr: *const jwt_bytes, count: usize) -> Result<Self, jwt_status> {
        if count > JWT_MAX_POLICY_LIST {
            return Err(jwt_status::JWT_STATUS_INVALID_ARGUMENT);
        }
        // SAFETY: forwarded: the caller's promise.
        let array = unsafe { raw::array(ptr, count) }?;
        let mut items = [""; JWT_MAX_POLICY_LIST];
        for (item, bytes) in items.iter_mut().zip(array) {
            // SAFETY: forwarded: each element is valid for 'a.
            *item = unsafe { raw::text(bytes.ptr, bytes.len) }?;
        }
        Ok(Self { items, len: count })
    }

    fn as_slice(&self) -> &[&'a str] {
        self.items.get(..self.len).unwrap_or(&[])
    }
}

/// A `jwt_policy` read into Rust: the strings and lists it points to, and
/// the callback, which the `Validation` borrows.
pub(crate) struct Policy<'a> {
    issuer: Option<&'a str>,
    typ: Option<&'a str>,
    audiences: List<'a>,
    scopes: List<'a>,
    required: RequiredClaims,
    callback: Option<Callback>,
    c: jwt_policy,
}

impl<'a> Policy<'a> {
    /// Reads and checks `policy`.
    ///
    /// # Safety
    /// `policy` points to a `jwt_policy` whose pointers are valid for `'a`
    /// as their fields document (or is NULL: an error).
    pub(crate) unsafe fn read(policy: *const jwt_policy) -> Result<Self, jwt_status> {
        // SAFETY: forwarded: the caller's promise.
        let c = *unsafe { raw::reference(policy) }?;
        let optional = |bytes: jwt_bytes| -> Result<Option<&'a str>, jwt_status> {
            if bytes.ptr.is_null() {
                Ok(None)
            } else {
                // SAFETY: forwarded: the field is valid for 'a.
                unsafe { raw::text(bytes.ptr, bytes.len) }.map(Some)
            }
        };
        let known = CLAIMS
            .iter()
            .fold(JWT_REQUIRE_NONE, |all, &(_, bit)| all | bit);
        if c.required & !known != 0 {
            return Err(jwt_status::JWT_STATUS_INVALID_ARGUMENT);
        }
        let required = if c.required == 0 {
            RequiredClaims::DEFAULT
        } else {
            CLAIMS
                .iter()
                .filter(|&&(_, bit)| c.required & bit != 0)
                .fold(RequiredClaims::NONE, |set, &(claim, _)| set.with(claim))
        };
        Ok(Self {
            issuer: optional(c.issuer)?,
            typ: optional(c.typ)?,
            // SAFETY: forwarded: the fields are valid for 'a.
            audiences: unsafe { List::new(c.audiences, c.audience_count) }?,
            // SAFETY: as above.
            scopes: unsafe { List::new(c.scopes, c.scope_count) }?,
            required,
            callback: c.is_revoked.map(|function| Callback {
                function,
                context: c.revocation_context,
            }),
            c,
        })
    }

    /// Every string the policy points to (they must not overlap the
    /// buffer the core writes).
    pub(crate) fn strings(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.issuer
            .iter()
            .chain(self.typ.iter())
            .chain(self.audiences.as_slice())
            .chain(self.scopes.as_slice())
            .copied()
    }

    /// The core's policy.
    pub(crate) fn validation(&self) -> Validation<'_> {
        let c = &self.c;
        let mut v = Validation::new()
            .leeway(c.leeway)
            .required(self.required)
            .audiences(self.audiences.as_slice())
            .scopes(self.scopes.as_slice());
        if let Some(issuer) = self.issuer {
            v = v.issuer(issuer);
        }
        if let Some(typ) = self.typ {
            v = v.typ(typ);
        }
        if c.accept_any_audience != 0 {
            v = v.danger_accept_any_audience();
        }
        if c.max_age != 0 {
            v = v.max_age(c.max_age);
        }
        if c.max_lifetime != 0 {
            v = v.max_lifetime(c.max_lifetime);
        }
        if c.max_token_len != 0 {
            v = v.max_token_len(c.max_token_len);
        }
        if let Some(callback) = &self.callback {
            v = v.revocation(callback);
        }
        v
    }
}

/// What a successful verification reports: the header's and the
/// registered claims' values, each pointing into the caller's buffer (valid
/// while it is). Absent strings have `ptr` NULL; absent dates are 0 with
/// their bit clear in `present`. After a failure every field is empty but
/// `detail`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_verified {
    /// The header's `alg`.
    pub alg: jwt_str,
    /// The header's `typ`.
    pub typ: jwt_str,
    /// The header's `kid`.
    pub kid: jwt_str,
    /// `iss`.
    pub iss: jwt_str,
    /// `sub`.
    pub sub: jwt_str,
    /// `jti`.
    pub jti: jwt_str,
    /// `aud`: the string, or (`aud_is_array`) the JSON text of the array,
    /// brackets included.
    pub aud: jwt_str,
    /// Whether `aud` is an array.
    pub aud_is_array: bool,
    /// `exp`, Unix seconds (fractions truncated toward negative infinity).
    pub exp: i64,
    /// `nbf`.
    pub nbf: i64,
    /// `iat`.
    pub iat: i64,
    /// `JWT_CLAIM_*` bits of the claims the payload carries (of `iss` to `jti`).
    pub present: u32,
    /// The payload: its whole JSON text, for the claims of your own.
    pub payload: jwt_str,
    /// On failure, the detail of the status, when it has one (static text,
    /// not NUL-terminated): the part of `JWT_STATUS_MALFORMED` (`token`,
    /// `header`, `claims`, `signature`), the claim of
    /// `JWT_STATUS_MISSING_CLAIM` and `JWT_STATUS_INVALID_CLAIM_TYPE`
    /// (`exp`, …), the key's defect of `JWT_STATUS_KEY`. `ptr` NULL otherwise.
    pub detail: jwt_str,
}

/// `s` as a `jwt_str` (NULL when absent).
fn string(s: Option<JsonStr<'_>>) -> jwt_str {
    match s {
        Some(s) => jwt_str {
            ptr: s.raw().as_ptr(),
            len: s.raw().len(),
            escaped: s.is_escaped(),
        },
        None => jwt_str {
            ptr: core::ptr::null(),
            len: 0,
            escaped: false,
        },
    }
}

impl jwt_verified {
    /// Nothing: every pointer NULL (written on failure).
    pub(crate) const EMPTY: Self = Self {
        alg: NONE,
        typ: NONE,
        kid: NONE,
        iss: NONE,
        sub: NONE,
        jti: NONE,
        aud: NONE,
        aud_is_array: false,
        exp: 0,
        nbf: 0,
        iat: 0,
        present: 0,
        payload: NONE,
        detail: NONE,
    };

    pub(crate) fn new(verified: &Verified<'_>) -> Self {
        let header: &Header<'_> = verified.header();
        let claims = verified.claims();
        let (aud, aud_is_array) = match claims.aud {
            Some(Audience::One(s)) => (string(Some(s)), false),
            Some(Audience::Many(list)) => (
                jwt_str {
                    ptr: list.json().as_ptr(),
                    len: list.json().len(),
                    escaped: false,
                },
                true,
            ),
            None => (NONE, false),
        };
        let date = |d: Option<jwt_embedded::NumericDate>| d.map_or(0, |d| d.seconds());
        // `iss` to `jti` (not `Claims::contains`: for `client_id` and
        // `scope` it costs a pass over the payload each).
        let bit = |present: bool, bit: u32| if present { bit } else { 0 };
        let present = bit(claims.iss.is_some(), JWT_CLAIM_ISS)
            | bit(claims.sub.is_some(), JWT_CLAIM_SUB)
            | bit(claims.aud.is_some(), JWT_CLAIM_AUD)
            | bit(claims.exp.is_some(), JWT_CLAIM_EXP)
            | bit(claims.nbf.is_some(), JWT_CLAIM_NBF)
            | bit(claims.iat.is_some(), JWT_CLAIM_IAT)
            | bit(claims.jti.is_some(), JWT_CLAIM_JTI);
        Self {
            alg: string(Some(header.alg)),
            typ: string(header.typ),
            kid: string(header.kid),
            iss: string(claims.iss),
            sub: string(claims.sub),
            jti: string(claims.jti),
            aud,
            aud_is_array,
            exp: date(claims.exp),
            nbf: date(claims.nbf),
            iat: date(claims.iat),
            present,
            payload: jwt_str {
                ptr: verified.payload().as_ptr(),
                len: verified.payload().len(),
                escaped: false,
            },
            detail: NONE,
        }
    }
}

const NONE: jwt_str = jwt_str {
    ptr: core::ptr::null(),
    len: 0,
    escaped: false,
};
