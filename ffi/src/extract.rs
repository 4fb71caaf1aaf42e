//! Tokens taken from HTTP header values.

use crate::policy::jwt_bytes;
use crate::raw;
use crate::status::jwt_status;

/// Writes `token` to `*out` on success, an empty `jwt_bytes` otherwise.
///
/// # Safety
/// `out` is NULL or points to a writable `jwt_bytes`.
unsafe fn report(out: *mut jwt_bytes, token: Result<&[u8], jwt_status>) -> jwt_status {
    if out.is_null() {
        return jwt_status::JWT_STATUS_NULL_ARGUMENT;
    }
    let (bytes, status) = match token {
        Ok(token) => (token, jwt_status::JWT_STATUS_OK),
        Err(status) => (&[][..], status),
    };
    let value = jwt_bytes {
        ptr: if bytes.is_empty() {
            core::ptr::null()
        } else {
            bytes.as_ptr()
        },
        len: bytes.len(),
    };
    // SAFETY: `out` is not NULL and writable (the caller's promise).
    unsafe { raw::put(out, value) };
    status
}

/// The Bearer token of the HTTP `Authorization` value `authorization` (RFC
/// 6750 §2.1; the scheme case-insensitive): `*token` points into
/// `authorization`. No Bearer credentials: `JWT_STATUS_NO_TOKEN`.
///
/// # Safety
/// `authorization` points to `authorization_len` readable bytes; `token` to
/// a writable `jwt_bytes`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_bearer_token(
    authorization: *const u8,
    authorization_len: usize,
    token: *mut jwt_bytes,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let value = unsafe { raw::bytes(authorization, authorization_len) };
    let found = value.and_then(|value| jwt_embedded::bearer_token(value).map_err(jwt_status::from));
    // SAFETY: forwarded: the caller's promise.
    unsafe { report(token, found) }
}

/// The value of the cookie `name` in the HTTP `Cookie` value `cookie` (RFC
/// 6265 §4.2.1): `*token` points into `cookie`. No such cookie:
/// `JWT_STATUS_NO_TOKEN`; two of that name: `JWT_STATUS_DUPLICATE_COOKIE`.
///
/// # Safety
/// `cookie` points to `cookie_len` readable bytes, `name` to `name_len`;
/// `token` to a writable `jwt_bytes`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_cookie_token(
    cookie: *const u8,
    cookie_len: usize,
    name: *const u8,
    name_len: usize,
    token: *mut jwt_bytes,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let value = unsafe { raw::bytes(cookie, cookie_len) };
    // SAFETY: forwarded: the caller's promise.
    let name = unsafe { raw::text(name, name_len) };
    let found =
        value.and_then(|value| jwt_embedded::cookie_token(value, name?).map_err(jwt_status::from));
    // SAFETY: forwarded: the caller's promise.
    unsafe { report(token, found) }
}
