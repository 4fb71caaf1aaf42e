//! The single keys: one storage type, `jwt_key`, and per key type its
//! import functions and its `jwt_verify_*`, so that a C program links the
//! code of the algorithms it calls and no other (`--gc-sections`).
//!
//! Written out in full, not by a macro: cbindgen reads these signatures.

use jwt_embedded::Error;

use crate::policy::{jwt_policy, jwt_verified};
use crate::raw::{self, Storage};
use crate::status::jwt_status;
use crate::verify::{Failure, run};

/// Bytes of a `jwt_key`: enough for every key type on every target (the
/// largest, an RSA-4096 key, takes 1,056 on 64-bit targets).
pub const JWT_KEY_SIZE: usize = 1088;

/// `JWT_KEY_SIZE` in `uint64_t` words.
pub const JWT_KEY_WORDS: usize = JWT_KEY_SIZE / 8;

/// Storage for one key of any type, declared by the caller (static, on the
/// stack, or in a struct of its own) and initialised by one of the
/// `jwt_*_key_from_*` functions. Opaque: copy it whole or not at all. A key
/// holds no pointer and no secret outside it; `jwt_key_wipe` erases it.
/// Storage that holds no key must be zero (`jwt_key key = {0};`, a static,
/// or wiped): the tag check catches zeroed storage and another type's key,
/// not arbitrary stack garbage.
#[repr(C)]
pub struct jwt_key {
    /// Opaque: only this library reads or writes it.
    pub _opaque: [u64; JWT_KEY_WORDS],
}

impl Storage for jwt_key {
    const WORDS: usize = JWT_KEY_WORDS;
}

/// Erases `key` (its secret, for an HMAC key); it is then uninitialised:
/// every `jwt_verify_*` refuses it with `JWT_STATUS_WRONG_KEY_TYPE`. NULL:
/// nothing.
///
/// # Safety
/// `key` is NULL or points to a writable `jwt_key`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_wipe(key: *mut jwt_key) {
    // SAFETY: forwarded: the caller's promise.
    unsafe { raw::wipe(key) }
}

/// Imports into `key` as kind `kind`.
///
/// # Safety
/// `key` is NULL or points to a writable `jwt_key`.
unsafe fn import<T>(key: *mut jwt_key, kind: u32, value: Result<T, jwt_status>) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe { raw::store(key, kind, value) }
}

/// `len` bytes of text at `ptr`, then `parse`d.
///
/// # Safety
/// As `raw::bytes`.
unsafe fn parse_text<T>(
    ptr: *const u8,
    len: usize,
    parse: impl FnOnce(&str) -> Result<T, Error>,
) -> Result<T, jwt_status> {
    // SAFETY: forwarded: the caller's promise.
    let text = unsafe { raw::text(ptr, len) }?;
    parse(text).map_err(jwt_status::from)
}

/// `len` bytes at `ptr`, then `parse`d.
///
/// # Safety
/// As `raw::bytes`.
unsafe fn parse_bytes<T>(
    ptr: *const u8,
    len: usize,
    parse: impl FnOnce(&[u8]) -> Result<T, Error>,
) -> Result<T, jwt_status> {
    // SAFETY: forwarded: the caller's promise.
    let bytes = unsafe { raw::bytes(ptr, len) }?;
    parse(bytes).map_err(jwt_status::from)
}

/// Verifies with the key of kind `kind` in `key`.
///
/// # Safety
/// As every `jwt_verify_*`.
#[allow(clippy::too_many_arguments)]
unsafe fn verify_with<T: jwt_embedded::VerifyingKey>(
    kind: u32,
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise (its `key` from an import
    // of this crate, which wrote a `T` under the tag of `kind`).
    let loaded = unsafe { raw::load::<jwt_key, T>(key, kind) };
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        run(
            token,
            token_len,
            key,
            policy,
            buf,
            buf_len,
            out,
            |token, validation, buf| {
                jwt_embedded::verify(token, loaded?, validation, now, buf).map_err(Failure::from)
            },
        )
    }
}

/// An algorithm this build leaves out (its feature off): the arguments are
/// checked as any verify checks them, then `JWT_STATUS_UNSUPPORTED`.
///
/// # Safety
/// As every `jwt_verify_*`.
#[cfg(not(all(feature = "es256", feature = "es384", feature = "eddsa")))]
unsafe fn unsupported(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        run(
            token,
            token_len,
            key,
            policy,
            buf,
            buf_len,
            out,
            |_, _, _| Err(jwt_status::JWT_STATUS_UNSUPPORTED.into()),
        )
    }
}

/// The kinds of key a `jwt_key` holds (its tag), one per key type.
#[allow(dead_code)] // the optional algorithms' kinds are unused without their feature
pub(crate) mod kind {
    /// `jwt_embedded::Hs256Key`.
    pub(crate) const HS256: u32 = 1;
    /// `jwt_embedded::Hs384Key`.
    pub(crate) const HS384: u32 = 2;
    /// `jwt_embedded::Hs512Key`.
    pub(crate) const HS512: u32 = 3;
    /// `jwt_embedded::Rs256Key<jwt_embedded::Rsa2048>`.
    pub(crate) const RS256_2048: u32 = 4;
    /// `jwt_embedded::Rs256Key<jwt_embedded::Rsa4096>`.
    pub(crate) const RS256_4096: u32 = 5;
    /// `jwt_embedded::Rs384Key<jwt_embedded::Rsa2048>`.
    pub(crate) const RS384_2048: u32 = 6;
    /// `jwt_embedded::Rs384Key<jwt_embedded::Rsa4096>`.
    pub(crate) const RS384_4096: u32 = 7;
    /// `jwt_embedded::Rs512Key<jwt_embedded::Rsa2048>`.
    pub(crate) const RS512_2048: u32 = 8;
    /// `jwt_embedded::Rs512Key<jwt_embedded::Rsa4096>`.
    pub(crate) const RS512_4096: u32 = 9;
    /// `jwt_embedded::Ps256Key<jwt_embedded::Rsa2048>`.
    pub(crate) const PS256_2048: u32 = 10;
    /// `jwt_embedded::Ps256Key<jwt_embedded::Rsa4096>`.
    pub(crate) const PS256_4096: u32 = 11;
    /// `jwt_embedded::Ps384Key<jwt_embedded::Rsa2048>`.
    pub(crate) const PS384_2048: u32 = 12;
    /// `jwt_embedded::Ps384Key<jwt_embedded::Rsa4096>`.
    pub(crate) const PS384_4096: u32 = 13;
    /// `jwt_embedded::Ps512Key<jwt_embedded::Rsa2048>`.
    pub(crate) const PS512_2048: u32 = 14;
    /// `jwt_embedded::Ps512Key<jwt_embedded::Rsa4096>`.
    pub(crate) const PS512_4096: u32 = 15;
    /// `jwt_embedded::Es256Key`.
    pub(crate) const ES256: u32 = 16;
    /// `jwt_embedded::Es384Key`.
    pub(crate) const ES384: u32 = 17;
    /// `jwt_embedded::Ed25519Key`.
    pub(crate) const ED25519: u32 = 18;
}

/// Imports the shared secret `secret` (raw bytes, at least as long as the
/// hash output: RFC 7518 §3.2) as a HS256 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `secret` to `secret_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_hs256_key_from_secret(
    key: *mut jwt_key,
    secret: *const u8,
    secret_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe { parse_bytes(secret, secret_len, <jwt_embedded::Hs256Key>::new) };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::HS256, parse) }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a HS256 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_hs256_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe { parse_text(jwk, jwk_len, <jwt_embedded::Hs256Key>::from_jwk) };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::HS256, parse) }
}

/// Verifies the compact JWS `token` with the HS256 key `key` (from a
/// `jwt_hs256_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_hs256(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Hs256Key>(
            kind::HS256,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the shared secret `secret` (raw bytes, at least as long as the
/// hash output: RFC 7518 §3.2) as a HS384 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `secret` to `secret_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_hs384_key_from_secret(
    key: *mut jwt_key,
    secret: *const u8,
    secret_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe { parse_bytes(secret, secret_len, <jwt_embedded::Hs384Key>::new) };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::HS384, parse) }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a HS384 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_hs384_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe { parse_text(jwk, jwk_len, <jwt_embedded::Hs384Key>::from_jwk) };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::HS384, parse) }
}

/// Verifies the compact JWS `token` with the HS384 key `key` (from a
/// `jwt_hs384_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_hs384(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Hs384Key>(
            kind::HS384,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the shared secret `secret` (raw bytes, at least as long as the
/// hash output: RFC 7518 §3.2) as a HS512 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `secret` to `secret_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_hs512_key_from_secret(
    key: *mut jwt_key,
    secret: *const u8,
    secret_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe { parse_bytes(secret, secret_len, <jwt_embedded::Hs512Key>::new) };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::HS512, parse) }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a HS512 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_hs512_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe { parse_text(jwk, jwk_len, <jwt_embedded::Hs512Key>::from_jwk) };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::HS512, parse) }
}

/// Verifies the compact JWS `token` with the HS512 key `key` (from a
/// `jwt_hs512_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_hs512(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Hs512Key>(
            kind::HS512,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a RS256 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs256_2048_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Rs256Key<jwt_embedded::Rsa2048>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS256_2048, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a RS256 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs256_2048_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Rs256Key<jwt_embedded::Rsa2048>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS256_2048, parse) }
}

/// Verifies the compact JWS `token` with the RS256 with an RSA key of exactly 2048 bits key `key` (from a
/// `jwt_rs256_2048_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_rs256_2048(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Rs256Key<jwt_embedded::Rsa2048>>(
            kind::RS256_2048,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a RS256 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs256_4096_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Rs256Key<jwt_embedded::Rsa4096>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS256_4096, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a RS256 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs256_4096_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Rs256Key<jwt_embedded::Rsa4096>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS256_4096, parse) }
}

/// Verifies the compact JWS `token` with the RS256 with an RSA key of 2048 to 4096 bits key `key` (from a
/// `jwt_rs256_4096_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_rs256_4096(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Rs256Key<jwt_embedded::Rsa4096>>(
            kind::RS256_4096,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a RS384 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs384_2048_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Rs384Key<jwt_embedded::Rsa2048>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS384_2048, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a RS384 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs384_2048_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Rs384Key<jwt_embedded::Rsa2048>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS384_2048, parse) }
}

/// Verifies the compact JWS `token` with the RS384 with an RSA key of exactly 2048 bits key `key` (from a
/// `jwt_rs384_2048_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_rs384_2048(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Rs384Key<jwt_embedded::Rsa2048>>(
            kind::RS384_2048,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a RS384 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs384_4096_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Rs384Key<jwt_embedded::Rsa4096>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS384_4096, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a RS384 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs384_4096_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Rs384Key<jwt_embedded::Rsa4096>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS384_4096, parse) }
}

/// Verifies the compact JWS `token` with the RS384 with an RSA key of 2048 to 4096 bits key `key` (from a
/// `jwt_rs384_4096_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_rs384_4096(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Rs384Key<jwt_embedded::Rsa4096>>(
            kind::RS384_4096,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a RS512 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs512_2048_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Rs512Key<jwt_embedded::Rsa2048>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS512_2048, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a RS512 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs512_2048_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Rs512Key<jwt_embedded::Rsa2048>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS512_2048, parse) }
}

/// Verifies the compact JWS `token` with the RS512 with an RSA key of exactly 2048 bits key `key` (from a
/// `jwt_rs512_2048_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_rs512_2048(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Rs512Key<jwt_embedded::Rsa2048>>(
            kind::RS512_2048,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a RS512 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs512_4096_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Rs512Key<jwt_embedded::Rsa4096>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS512_4096, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a RS512 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_rs512_4096_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Rs512Key<jwt_embedded::Rsa4096>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::RS512_4096, parse) }
}

/// Verifies the compact JWS `token` with the RS512 with an RSA key of 2048 to 4096 bits key `key` (from a
/// `jwt_rs512_4096_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_rs512_4096(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Rs512Key<jwt_embedded::Rsa4096>>(
            kind::RS512_4096,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a PS256 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps256_2048_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Ps256Key<jwt_embedded::Rsa2048>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS256_2048, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a PS256 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps256_2048_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Ps256Key<jwt_embedded::Rsa2048>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS256_2048, parse) }
}

/// Verifies the compact JWS `token` with the PS256 with an RSA key of exactly 2048 bits key `key` (from a
/// `jwt_ps256_2048_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_ps256_2048(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Ps256Key<jwt_embedded::Rsa2048>>(
            kind::PS256_2048,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a PS256 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps256_4096_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Ps256Key<jwt_embedded::Rsa4096>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS256_4096, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a PS256 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps256_4096_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Ps256Key<jwt_embedded::Rsa4096>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS256_4096, parse) }
}

/// Verifies the compact JWS `token` with the PS256 with an RSA key of 2048 to 4096 bits key `key` (from a
/// `jwt_ps256_4096_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_ps256_4096(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Ps256Key<jwt_embedded::Rsa4096>>(
            kind::PS256_4096,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a PS384 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps384_2048_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Ps384Key<jwt_embedded::Rsa2048>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS384_2048, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a PS384 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps384_2048_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Ps384Key<jwt_embedded::Rsa2048>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS384_2048, parse) }
}

/// Verifies the compact JWS `token` with the PS384 with an RSA key of exactly 2048 bits key `key` (from a
/// `jwt_ps384_2048_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_ps384_2048(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Ps384Key<jwt_embedded::Rsa2048>>(
            kind::PS384_2048,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a PS384 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps384_4096_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Ps384Key<jwt_embedded::Rsa4096>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS384_4096, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a PS384 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps384_4096_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Ps384Key<jwt_embedded::Rsa4096>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS384_4096, parse) }
}

/// Verifies the compact JWS `token` with the PS384 with an RSA key of 2048 to 4096 bits key `key` (from a
/// `jwt_ps384_4096_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_ps384_4096(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Ps384Key<jwt_embedded::Rsa4096>>(
            kind::PS384_4096,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a PS512 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps512_2048_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Ps512Key<jwt_embedded::Rsa2048>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS512_2048, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a PS512 with an RSA key of exactly 2048 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps512_2048_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Ps512Key<jwt_embedded::Rsa2048>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS512_2048, parse) }
}

/// Verifies the compact JWS `token` with the PS512 with an RSA key of exactly 2048 bits key `key` (from a
/// `jwt_ps512_2048_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_ps512_2048(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Ps512Key<jwt_embedded::Rsa2048>>(
            kind::PS512_2048,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a PS512 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps512_4096_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            jwk,
            jwk_len,
            <jwt_embedded::Ps512Key<jwt_embedded::Rsa4096>>::from_jwk,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS512_4096, parse) }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`, or `BEGIN RSA PUBLIC KEY`) as
/// a PS512 with an RSA key of 2048 to 4096 bits key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ps512_4096_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let parse = unsafe {
        parse_text(
            pem,
            pem_len,
            <jwt_embedded::Ps512Key<jwt_embedded::Rsa4096>>::from_pem,
        )
    };
    // SAFETY: forwarded: the caller's promise.
    unsafe { import(key, kind::PS512_4096, parse) }
}

/// Verifies the compact JWS `token` with the PS512 with an RSA key of 2048 to 4096 bits key `key` (from a
/// `jwt_ps512_4096_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_ps512_4096(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        verify_with::<jwt_embedded::Ps512Key<jwt_embedded::Rsa4096>>(
            kind::PS512_4096,
            token,
            token_len,
            key,
            policy,
            now,
            buf,
            buf_len,
            out,
        )
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a ES256 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_es256_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    #[cfg(feature = "es256")]
    {
        // SAFETY: forwarded: the caller's promise.
        let parse = unsafe { parse_text(jwk, jwk_len, <jwt_embedded::Es256Key>::from_jwk) };
        // SAFETY: forwarded: the caller's promise.
        unsafe { import(key, kind::ES256, parse) }
    }
    #[cfg(not(feature = "es256"))]
    {
        let _ = (jwk, jwk_len);
        // SAFETY: forwarded: the caller's promise.
        unsafe { import::<()>(key, 0, Err(jwt_status::JWT_STATUS_UNSUPPORTED)) }
    }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`) as
/// a ES256 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_es256_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    #[cfg(feature = "es256")]
    {
        // SAFETY: forwarded: the caller's promise.
        let parse = unsafe { parse_text(pem, pem_len, <jwt_embedded::Es256Key>::from_pem) };
        // SAFETY: forwarded: the caller's promise.
        unsafe { import(key, kind::ES256, parse) }
    }
    #[cfg(not(feature = "es256"))]
    {
        let _ = (pem, pem_len);
        // SAFETY: forwarded: the caller's promise.
        unsafe { import::<()>(key, 0, Err(jwt_status::JWT_STATUS_UNSUPPORTED)) }
    }
}

/// Imports the SEC 1 encoded public point `point` (uncompressed: `04 || x || y`) as an ES256 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `point` to `point_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_es256_key_from_sec1(
    key: *mut jwt_key,
    point: *const u8,
    point_len: usize,
) -> jwt_status {
    #[cfg(feature = "es256")]
    {
        // SAFETY: forwarded: the caller's promise.
        let parse =
            unsafe { parse_bytes(point, point_len, <jwt_embedded::Es256Key>::from_sec1_bytes) };
        // SAFETY: forwarded: the caller's promise.
        unsafe { import(key, kind::ES256, parse) }
    }
    #[cfg(not(feature = "es256"))]
    {
        let _ = (point, point_len);
        // SAFETY: forwarded: the caller's promise.
        unsafe { import::<()>(key, 0, Err(jwt_status::JWT_STATUS_UNSUPPORTED)) }
    }
}

/// Verifies the compact JWS `token` with the ES256 key `key` (from a
/// `jwt_es256_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_es256(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    #[cfg(feature = "es256")]
    {
        // SAFETY: forwarded: the caller's promise.
        unsafe {
            verify_with::<jwt_embedded::Es256Key>(
                kind::ES256,
                token,
                token_len,
                key,
                policy,
                now,
                buf,
                buf_len,
                out,
            )
        }
    }
    #[cfg(not(feature = "es256"))]
    {
        let _ = now;
        // SAFETY: forwarded: the caller's promise.
        unsafe { unsupported(token, token_len, key, policy, buf, buf_len, out) }
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a ES384 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_es384_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    #[cfg(feature = "es384")]
    {
        // SAFETY: forwarded: the caller's promise.
        let parse = unsafe { parse_text(jwk, jwk_len, <jwt_embedded::Es384Key>::from_jwk) };
        // SAFETY: forwarded: the caller's promise.
        unsafe { import(key, kind::ES384, parse) }
    }
    #[cfg(not(feature = "es384"))]
    {
        let _ = (jwk, jwk_len);
        // SAFETY: forwarded: the caller's promise.
        unsafe { import::<()>(key, 0, Err(jwt_status::JWT_STATUS_UNSUPPORTED)) }
    }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`) as
/// a ES384 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_es384_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    #[cfg(feature = "es384")]
    {
        // SAFETY: forwarded: the caller's promise.
        let parse = unsafe { parse_text(pem, pem_len, <jwt_embedded::Es384Key>::from_pem) };
        // SAFETY: forwarded: the caller's promise.
        unsafe { import(key, kind::ES384, parse) }
    }
    #[cfg(not(feature = "es384"))]
    {
        let _ = (pem, pem_len);
        // SAFETY: forwarded: the caller's promise.
        unsafe { import::<()>(key, 0, Err(jwt_status::JWT_STATUS_UNSUPPORTED)) }
    }
}

/// Imports the SEC 1 encoded public point `point` (uncompressed: `04 || x || y`) as an ES384 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `point` to `point_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_es384_key_from_sec1(
    key: *mut jwt_key,
    point: *const u8,
    point_len: usize,
) -> jwt_status {
    #[cfg(feature = "es384")]
    {
        // SAFETY: forwarded: the caller's promise.
        let parse =
            unsafe { parse_bytes(point, point_len, <jwt_embedded::Es384Key>::from_sec1_bytes) };
        // SAFETY: forwarded: the caller's promise.
        unsafe { import(key, kind::ES384, parse) }
    }
    #[cfg(not(feature = "es384"))]
    {
        let _ = (point, point_len);
        // SAFETY: forwarded: the caller's promise.
        unsafe { import::<()>(key, 0, Err(jwt_status::JWT_STATUS_UNSUPPORTED)) }
    }
}

/// Verifies the compact JWS `token` with the ES384 key `key` (from a
/// `jwt_es384_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_es384(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    #[cfg(feature = "es384")]
    {
        // SAFETY: forwarded: the caller's promise.
        unsafe {
            verify_with::<jwt_embedded::Es384Key>(
                kind::ES384,
                token,
                token_len,
                key,
                policy,
                now,
                buf,
                buf_len,
                out,
            )
        }
    }
    #[cfg(not(feature = "es384"))]
    {
        let _ = now;
        // SAFETY: forwarded: the caller's promise.
        unsafe { unsupported(token, token_len, key, policy, buf, buf_len, out) }
    }
}

/// Imports the JWK `jwk` (JSON text, UTF-8; its `alg`, when present, must
/// name this algorithm) as a EdDSA with Ed25519 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `jwk` to `jwk_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ed25519_key_from_jwk(
    key: *mut jwt_key,
    jwk: *const u8,
    jwk_len: usize,
) -> jwt_status {
    #[cfg(feature = "eddsa")]
    {
        // SAFETY: forwarded: the caller's promise.
        let parse = unsafe { parse_text(jwk, jwk_len, <jwt_embedded::Ed25519Key>::from_jwk) };
        // SAFETY: forwarded: the caller's promise.
        unsafe { import(key, kind::ED25519, parse) }
    }
    #[cfg(not(feature = "eddsa"))]
    {
        let _ = (jwk, jwk_len);
        // SAFETY: forwarded: the caller's promise.
        unsafe { import::<()>(key, 0, Err(jwt_status::JWT_STATUS_UNSUPPORTED)) }
    }
}

/// Imports the PEM public key `pem` (`BEGIN PUBLIC KEY`) as
/// a EdDSA with Ed25519 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `pem` to `pem_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ed25519_key_from_pem(
    key: *mut jwt_key,
    pem: *const u8,
    pem_len: usize,
) -> jwt_status {
    #[cfg(feature = "eddsa")]
    {
        // SAFETY: forwarded: the caller's promise.
        let parse = unsafe { parse_text(pem, pem_len, <jwt_embedded::Ed25519Key>::from_pem) };
        // SAFETY: forwarded: the caller's promise.
        unsafe { import(key, kind::ED25519, parse) }
    }
    #[cfg(not(feature = "eddsa"))]
    {
        let _ = (pem, pem_len);
        // SAFETY: forwarded: the caller's promise.
        unsafe { import::<()>(key, 0, Err(jwt_status::JWT_STATUS_UNSUPPORTED)) }
    }
}

/// Imports the 32-byte Ed25519 public key `public_key` (RFC 8032) as an
/// EdDSA with Ed25519 key. On failure `key` is left uninitialised.
///
/// # Safety
/// `key` points to a writable `jwt_key`; `public_key` to `public_key_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_ed25519_key_from_raw(
    key: *mut jwt_key,
    public_key: *const u8,
    public_key_len: usize,
) -> jwt_status {
    #[cfg(feature = "eddsa")]
    {
        // SAFETY: forwarded: the caller's promise.
        let parse = unsafe {
            parse_bytes(
                public_key,
                public_key_len,
                <jwt_embedded::Ed25519Key>::from_slice,
            )
        };
        // SAFETY: forwarded: the caller's promise.
        unsafe { import(key, kind::ED25519, parse) }
    }
    #[cfg(not(feature = "eddsa"))]
    {
        let _ = (public_key, public_key_len);
        // SAFETY: forwarded: the caller's promise.
        unsafe { import::<()>(key, 0, Err(jwt_status::JWT_STATUS_UNSUPPORTED)) }
    }
}

/// Verifies the compact JWS `token` with the EdDSA with Ed25519 key `key` (from a
/// `jwt_ed25519_key_from_*`) under `policy` at `now` (Unix seconds), decoding
/// its header and payload into `buf` (`jwt_buffer_len(token_len)` bytes
/// always suffice). On `JWT_STATUS_OK`, `*out` (when `out` is not NULL)
/// holds the claims, pointing into `buf`; on any other status, every
/// pointer in it is NULL.
///
/// # Safety
/// `token` points to `token_len` readable bytes; `key` to a `jwt_key`;
/// `policy` to a `jwt_policy` whose pointers are valid as documented; `buf`
/// to `buf_len` writable bytes that overlap no other argument; `out` is NULL
/// or points to a writable `jwt_verified`. Nothing else writes them during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_ed25519(
    token: *const u8,
    token_len: usize,
    key: *const jwt_key,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    #[cfg(feature = "eddsa")]
    {
        // SAFETY: forwarded: the caller's promise.
        unsafe {
            verify_with::<jwt_embedded::Ed25519Key>(
                kind::ED25519,
                token,
                token_len,
                key,
                policy,
                now,
                buf,
                buf_len,
                out,
            )
        }
    }
    #[cfg(not(feature = "eddsa"))]
    {
        let _ = now;
        // SAFETY: forwarded: the caller's promise.
        unsafe { unsupported(token, token_len, key, policy, buf, buf_len, out) }
    }
}
