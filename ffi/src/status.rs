//! `jwt_status`: every outcome of a call, as a C enum with fixed numbers.

use jwt_embedded::Error;

/// The outcome of every call. `JWT_STATUS_OK` is 0; the numbers never
/// change and new ones are only appended. 1 to 99 are the token's and the
/// key's errors (the core's `Error` kinds, named as `jwt_status_name`
/// prints them); 100 and up are misuse of the API.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(non_camel_case_types)]
pub enum jwt_status {
    /// Success: the token verified and every check passed.
    JWT_STATUS_OK = 0,
    /// The token (or one of its parts) is not well-formed: `malformed`.
    JWT_STATUS_MALFORMED = 1,
    /// The header `alg` is not the key's algorithm (this includes `none`): `algorithm`.
    JWT_STATUS_ALGORITHM = 2,
    /// The signature does not verify with the key: `signature`.
    JWT_STATUS_SIGNATURE = 3,
    /// `now >= exp + leeway`: `expired`.
    JWT_STATUS_EXPIRED = 4,
    /// `now < nbf - leeway`: `not_yet_valid`.
    JWT_STATUS_NOT_YET_VALID = 5,
    /// `iss` is absent or not the expected issuer: `issuer`.
    JWT_STATUS_ISSUER = 6,
    /// `aud` is absent, not accepted, or present while no audience is configured: `audience`.
    JWT_STATUS_AUDIENCE = 7,
    /// A required claim is absent: `missing_claim`.
    JWT_STATUS_MISSING_CLAIM = 8,
    /// A registered claim has the wrong JSON type: `invalid_claim_type`.
    JWT_STATUS_INVALID_CLAIM_TYPE = 9,
    /// The header carries `crit`: `crit`.
    JWT_STATUS_CRIT = 10,
    /// The header `typ` is absent or not the expected one: `typ`.
    JWT_STATUS_TYP = 11,
    /// The buffer cannot hold the decoded header and payload: `buffer_too_small`.
    JWT_STATUS_BUFFER_TOO_SMALL = 12,
    /// The token exceeds a size limit: `too_large`.
    JWT_STATUS_TOO_LARGE = 13,
    /// `iat` is older than the maximum age allows: `too_old`.
    JWT_STATUS_TOO_OLD = 14,
    /// `iat` is in the future (with a maximum age): `issued_in_future`.
    JWT_STATUS_ISSUED_IN_FUTURE = 15,
    /// `exp - iat` exceeds the maximum lifetime: `lifetime`.
    JWT_STATUS_LIFETIME = 16,
    /// The revocation callback named the token: `revoked`.
    JWT_STATUS_REVOKED = 17,
    /// A required scope is missing: `scope`.
    JWT_STATUS_SCOPE = 18,
    /// The HTTP header value carries no token: `no_token`.
    JWT_STATUS_NO_TOKEN = 19,
    /// The cookie appears more than once: `duplicate_cookie`.
    JWT_STATUS_DUPLICATE_COOKIE = 20,
    /// The key material is unacceptable (too short, wrong type, bad
    /// encoding, wrong algorithm for this entry point): `key`.
    JWT_STATUS_KEY = 21,
    /// No key of the key set is the token's: `unknown_key`.
    JWT_STATUS_UNKNOWN_KEY = 22,
    /// A required pointer argument is NULL (or NULL with a non-zero length): `null_argument`.
    JWT_STATUS_NULL_ARGUMENT = 100,
    /// The key (or key set) storage is zero (never imported into), was
    /// wiped, failed its import, or holds a key of another type than the
    /// entry point's: `wrong_key_type`.
    JWT_STATUS_WRONG_KEY_TYPE = 101,
    /// A text argument (JWK, PEM, JWK Set, policy string, cookie name) is
    /// not UTF-8: `invalid_utf8`.
    JWT_STATUS_INVALID_UTF8 = 102,
    /// An argument is out of range: a length over `PTRDIFF_MAX`, unknown
    /// bits in `jwt_policy.required`, an unknown `JWT_ALG_*`, more than
    /// `JWT_MAX_POLICY_LIST` audiences or scopes (or 12 algorithms), or a
    /// buffer that overlaps the token, the key, `*out` or a string of the
    /// policy: `invalid_argument`.
    JWT_STATUS_INVALID_ARGUMENT = 103,
    /// The algorithm was left out of this build of the library (Cargo
    /// features `es256`, `es384`, `eddsa`): `unsupported`.
    JWT_STATUS_UNSUPPORTED = 104,
}

impl jwt_status {
    /// The stable name: the core's `Error::kind` for 1 to 99.
    pub(crate) const fn name(self) -> &'static core::ffi::CStr {
        match self {
            Self::JWT_STATUS_OK => c"ok",
            Self::JWT_STATUS_MALFORMED => c"malformed",
            Self::JWT_STATUS_ALGORITHM => c"algorithm",
            Self::JWT_STATUS_SIGNATURE => c"signature",
            Self::JWT_STATUS_EXPIRED => c"expired",
            Self::JWT_STATUS_NOT_YET_VALID => c"not_yet_valid",
            Self::JWT_STATUS_ISSUER => c"issuer",
            Self::JWT_STATUS_AUDIENCE => c"audience",
            Self::JWT_STATUS_MISSING_CLAIM => c"missing_claim",
            Self::JWT_STATUS_INVALID_CLAIM_TYPE => c"invalid_claim_type",
            Self::JWT_STATUS_CRIT => c"crit",
            Self::JWT_STATUS_TYP => c"typ",
            Self::JWT_STATUS_BUFFER_TOO_SMALL => c"buffer_too_small",
            Self::JWT_STATUS_TOO_LARGE => c"too_large",
            Self::JWT_STATUS_TOO_OLD => c"too_old",
            Self::JWT_STATUS_ISSUED_IN_FUTURE => c"issued_in_future",
            Self::JWT_STATUS_LIFETIME => c"lifetime",
            Self::JWT_STATUS_REVOKED => c"revoked",
            Self::JWT_STATUS_SCOPE => c"scope",
            Self::JWT_STATUS_NO_TOKEN => c"no_token",
            Self::JWT_STATUS_DUPLICATE_COOKIE => c"duplicate_cookie",
            Self::JWT_STATUS_KEY => c"key",
            Self::JWT_STATUS_UNKNOWN_KEY => c"unknown_key",
            Self::JWT_STATUS_NULL_ARGUMENT => c"null_argument",
            Self::JWT_STATUS_WRONG_KEY_TYPE => c"wrong_key_type",
            Self::JWT_STATUS_INVALID_UTF8 => c"invalid_utf8",
            Self::JWT_STATUS_INVALID_ARGUMENT => c"invalid_argument",
            Self::JWT_STATUS_UNSUPPORTED => c"unsupported",
        }
    }

    /// Every status, in number order (the tests walk it).
    #[cfg(test)]
    pub(crate) const ALL: [jwt_status; 28] = [
        Self::JWT_STATUS_OK,
        Self::JWT_STATUS_MALFORMED,
        Self::JWT_STATUS_ALGORITHM,
        Self::JWT_STATUS_SIGNATURE,
        Self::JWT_STATUS_EXPIRED,
        Self::JWT_STATUS_NOT_YET_VALID,
        Self::JWT_STATUS_ISSUER,
        Self::JWT_STATUS_AUDIENCE,
        Self::JWT_STATUS_MISSING_CLAIM,
        Self::JWT_STATUS_INVALID_CLAIM_TYPE,
        Self::JWT_STATUS_CRIT,
        Self::JWT_STATUS_TYP,
        Self::JWT_STATUS_BUFFER_TOO_SMALL,
        Self::JWT_STATUS_TOO_LARGE,
        Self::JWT_STATUS_TOO_OLD,
        Self::JWT_STATUS_ISSUED_IN_FUTURE,
        Self::JWT_STATUS_LIFETIME,
        Self::JWT_STATUS_REVOKED,
        Self::JWT_STATUS_SCOPE,
        Self::JWT_STATUS_NO_TOKEN,
        Self::JWT_STATUS_DUPLICATE_COOKIE,
        Self::JWT_STATUS_KEY,
        Self::JWT_STATUS_UNKNOWN_KEY,
        Self::JWT_STATUS_NULL_ARGUMENT,
        Self::JWT_STATUS_WRONG_KEY_TYPE,
        Self::JWT_STATUS_INVALID_UTF8,
        Self::JWT_STATUS_INVALID_ARGUMENT,
        Self::JWT_STATUS_UNSUPPORTED,
    ];
}

impl From<Error> for jwt_status {
    fn from(error: Error) -> Self {
        match error {
            Error::Malformed(_) => Self::JWT_STATUS_MALFORMED,
            Error::Algorithm => Self::JWT_STATUS_ALGORITHM,
            Error::Signature => Self::JWT_STATUS_SIGNATURE,
            Error::Expired => Self::JWT_STATUS_EXPIRED,
            Error::NotYetValid => Self::JWT_STATUS_NOT_YET_VALID,
            Error::Issuer => Self::JWT_STATUS_ISSUER,
            Error::Audience => Self::JWT_STATUS_AUDIENCE,
            Error::MissingClaim(_) => Self::JWT_STATUS_MISSING_CLAIM,
            Error::InvalidClaimType(_) => Self::JWT_STATUS_INVALID_CLAIM_TYPE,
            Error::Crit => Self::JWT_STATUS_CRIT,
            Error::Type => Self::JWT_STATUS_TYP,
            Error::BufferTooSmall => Self::JWT_STATUS_BUFFER_TOO_SMALL,
            Error::TooLarge => Self::JWT_STATUS_TOO_LARGE,
            Error::TooOld => Self::JWT_STATUS_TOO_OLD,
            Error::IssuedInFuture => Self::JWT_STATUS_ISSUED_IN_FUTURE,
            Error::Lifetime => Self::JWT_STATUS_LIFETIME,
            Error::Revoked => Self::JWT_STATUS_REVOKED,
            Error::Scope => Self::JWT_STATUS_SCOPE,
            Error::NoToken => Self::JWT_STATUS_NO_TOKEN,
            Error::DuplicateCookie => Self::JWT_STATUS_DUPLICATE_COOKIE,
            Error::InvalidKey(_) => Self::JWT_STATUS_KEY,
            Error::UnknownKey => Self::JWT_STATUS_UNKNOWN_KEY,
            // Claims are not deserialized through this API; and the core's
            // `Error` is `non_exhaustive`: a kind added later fails closed
            // as `malformed` until it gets its own number here.
            _ => Self::JWT_STATUS_MALFORMED,
        }
    }
}

/// The stable name of `status` (e.g. `"expired"`), a static NUL-terminated
/// string; `"unknown"` for a number that is no `jwt_status`.
#[unsafe(no_mangle)]
pub extern "C" fn jwt_status_name(status: i32) -> *const core::ffi::c_char {
    let name = match u32::try_from(status) {
        Ok(n) => match jwt_status_from(n) {
            Some(s) => s.name(),
            None => c"unknown",
        },
        Err(_) => c"unknown",
    };
    name.as_ptr()
}

/// The status numbered `n`, if any.
fn jwt_status_from(n: u32) -> Option<jwt_status> {
    use jwt_status::*;
    Some(match n {
        0 => JWT_STATUS_OK,
        1 => JWT_STATUS_MALFORMED,
        2 => JWT_STATUS_ALGORITHM,
        3 => JWT_STATUS_SIGNATURE,
        4 => JWT_STATUS_EXPIRED,
        5 => JWT_STATUS_NOT_YET_VALID,
        6 => JWT_STATUS_ISSUER,
        7 => JWT_STATUS_AUDIENCE,
        8 => JWT_STATUS_MISSING_CLAIM,
        9 => JWT_STATUS_INVALID_CLAIM_TYPE,
        10 => JWT_STATUS_CRIT,
        11 => JWT_STATUS_TYP,
        12 => JWT_STATUS_BUFFER_TOO_SMALL,
        13 => JWT_STATUS_TOO_LARGE,
        14 => JWT_STATUS_TOO_OLD,
        15 => JWT_STATUS_ISSUED_IN_FUTURE,
        16 => JWT_STATUS_LIFETIME,
        17 => JWT_STATUS_REVOKED,
        18 => JWT_STATUS_SCOPE,
        19 => JWT_STATUS_NO_TOKEN,
        20 => JWT_STATUS_DUPLICATE_COOKIE,
        21 => JWT_STATUS_KEY,
        22 => JWT_STATUS_UNKNOWN_KEY,
        100 => JWT_STATUS_NULL_ARGUMENT,
        101 => JWT_STATUS_WRONG_KEY_TYPE,
        102 => JWT_STATUS_INVALID_UTF8,
        103 => JWT_STATUS_INVALID_ARGUMENT,
        104 => JWT_STATUS_UNSUPPORTED,
        _ => return None,
    })
}
