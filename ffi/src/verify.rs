//! The verification shared by every `jwt_verify_*`: arguments read and
//! checked, the core's `verify` run, the claims reported.

use jwt_embedded::{Error, Validation, Verified};

use crate::policy::{Policy, jwt_policy, jwt_str, jwt_verified};
use crate::raw;
use crate::status::jwt_status;

/// Why a verification failed: the status, and the detail of the core's
/// error (the malformed part, the claim, the key's defect) when it has one.
pub(crate) struct Failure {
    status: jwt_status,
    detail: Option<&'static str>,
}

impl From<jwt_status> for Failure {
    fn from(status: jwt_status) -> Self {
        Self {
            status,
            detail: None,
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let detail = match error {
            Error::Malformed(part) => Some(part.name()),
            Error::MissingClaim(claim) | Error::InvalidClaimType(claim) => Some(claim.name()),
            Error::InvalidKey(why) => Some(why.name()),
            _ => None,
        };
        Self {
            status: error.into(),
            detail,
        }
    }
}

/// Reads the arguments, runs `verify`, and writes `*out` (when not NULL):
/// the claims on success, [`jwt_verified::EMPTY`] otherwise. `key` is the
/// key (or key set) storage: like the token, the
/// policy's strings and `*out`, it may not overlap `buf`, which the core
/// writes while it reads them ([`jwt_status::JWT_STATUS_INVALID_ARGUMENT`]).
///
/// # Safety
/// As every `jwt_verify_*` (`token`, `policy`, `buf`, `out`).
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn run<S: raw::Storage>(
    token: *const u8,
    token_len: usize,
    key: *const S,
    policy: *const jwt_policy,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
    verify: impl for<'b> FnOnce(&[u8], &Validation<'_>, &'b mut [u8]) -> Result<Verified<'b>, Failure>,
) -> jwt_status {
    // SAFETY: `out` is NULL or writable (the caller's promise).
    unsafe { raw::put(out, jwt_verified::EMPTY) };
    // SAFETY: forwarded: the caller's promise.
    let token = match unsafe { raw::bytes(token, token_len) } {
        Ok(token) => token,
        Err(status) => return status,
    };
    // SAFETY: forwarded: the caller's promise.
    let policy = match unsafe { Policy::read(policy) } {
        Ok(policy) => policy,
        Err(status) => return status,
    };
    let buf_start = buf.cast_const();
    let out_size = if out.is_null() {
        0
    } else {
        size_of::<jwt_verified>()
    };
    if raw::overlap(token.as_ptr(), token.len(), buf_start, buf_len)
        || raw::overlap(key.cast(), size_of::<S>(), buf_start, buf_len)
        || raw::overlap(out.cast_const().cast(), out_size, buf_start, buf_len)
        || policy
            .strings()
            .any(|s| raw::overlap(s.as_ptr(), s.len(), buf_start, buf_len))
    {
        return jwt_status::JWT_STATUS_INVALID_ARGUMENT;
    }
    // SAFETY: forwarded: the caller's promise; `buf` overlaps none of the
    // token, the key, `*out` and the policy's strings (checked above).
    let buf = match unsafe { raw::bytes_mut(buf, buf_len) } {
        Ok(buf) => buf,
        Err(status) => return status,
    };
    match verify(token, &policy.validation(), buf) {
        Ok(verified) => {
            // SAFETY: as the first `put`.
            unsafe { raw::put(out, jwt_verified::new(&verified)) };
            jwt_status::JWT_STATUS_OK
        }
        Err(failure) => {
            let detail = failure.detail.unwrap_or("");
            let report = jwt_verified {
                detail: jwt_str {
                    ptr: if detail.is_empty() {
                        core::ptr::null()
                    } else {
                        detail.as_ptr()
                    },
                    len: detail.len(),
                    escaped: false,
                },
                ..jwt_verified::EMPTY
            };
            // SAFETY: as the first `put`.
            unsafe { raw::put(out, report) };
            failure.status
        }
    }
}

/// The buffer length that is always enough to verify tokens of up to
/// `token_len` bytes (`token_len / 4 * 3 + 3`; also the macro
/// `JWT_BUFFER_LEN`, for array sizes).
#[unsafe(no_mangle)]
pub extern "C" fn jwt_buffer_len(token_len: usize) -> usize {
    jwt_embedded::buffer_len(token_len)
}
