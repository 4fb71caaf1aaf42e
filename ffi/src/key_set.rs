//! JWK Sets: `jwt_key_set`, imported from a document, refreshed without
//! losing its keys, and the key for a token chosen by its `kid`.

use jwt_embedded::{Algorithm, KeySet, KeySetPolicy};

use crate::policy::{jwt_policy, jwt_verified};
use crate::raw::{self, Storage};
use crate::status::jwt_status;
use crate::verify::{Failure, run};

/// HS256, for `jwt_key_set_policy`.
pub const JWT_ALG_HS256: u32 = 1;
/// HS384.
pub const JWT_ALG_HS384: u32 = 2;
/// HS512.
pub const JWT_ALG_HS512: u32 = 3;
/// RS256.
pub const JWT_ALG_RS256: u32 = 4;
/// RS384.
pub const JWT_ALG_RS384: u32 = 5;
/// RS512.
pub const JWT_ALG_RS512: u32 = 6;
/// PS256.
pub const JWT_ALG_PS256: u32 = 7;
/// PS384.
pub const JWT_ALG_PS384: u32 = 8;
/// PS512.
pub const JWT_ALG_PS512: u32 = 9;
/// ES256.
pub const JWT_ALG_ES256: u32 = 10;
/// ES384.
pub const JWT_ALG_ES384: u32 = 11;
/// EdDSA (Ed25519).
pub const JWT_ALG_EDDSA: u32 = 12;

/// The algorithm numbered `n` (`JWT_ALG_*`).
fn algorithm(n: u32) -> Result<Algorithm, jwt_status> {
    Ok(match n {
        JWT_ALG_HS256 => Algorithm::Hs256,
        JWT_ALG_HS384 => Algorithm::Hs384,
        JWT_ALG_HS512 => Algorithm::Hs512,
        JWT_ALG_RS256 => Algorithm::Rs256,
        JWT_ALG_RS384 => Algorithm::Rs384,
        JWT_ALG_RS512 => Algorithm::Rs512,
        JWT_ALG_PS256 => Algorithm::Ps256,
        JWT_ALG_PS384 => Algorithm::Ps384,
        JWT_ALG_PS512 => Algorithm::Ps512,
        JWT_ALG_ES256 => Algorithm::Es256,
        JWT_ALG_ES384 => Algorithm::Es384,
        JWT_ALG_EDDSA => Algorithm::EdDsa,
        _ => return Err(jwt_status::JWT_STATUS_INVALID_ARGUMENT),
    })
}

/// The most keys a `jwt_key_set` holds (members of `keys` beyond them, or
/// of unusable keys, are skipped; real issuers publish 2 to 6).
pub const JWT_KEY_SET_CAPACITY: usize = 8;

/// Bytes of a `jwt_key_set`.
pub const JWT_KEY_SET_SIZE: usize = 9472;

/// `JWT_KEY_SET_SIZE` in `uint64_t` words.
pub const JWT_KEY_SET_WORDS: usize = JWT_KEY_SET_SIZE / 8;

/// The core's key set at this capacity.
type Set = KeySet<JWT_KEY_SET_CAPACITY>;

/// The tag of an initialised `jwt_key_set`.
const KIND_SET: u32 = 0x100;

/// Storage for a JWK Set's keys, declared by the caller and initialised by
/// `jwt_key_set_from_jwks`. Opaque. As for `jwt_key`: zero it (or keep it
/// static) until then. Importing or refreshing builds the set on the stack
/// (about twice `JWT_KEY_SET_SIZE` of stack; not measured on a device).
#[repr(C)]
pub struct jwt_key_set {
    /// Opaque: only this library reads or writes it.
    pub _opaque: [u64; JWT_KEY_SET_WORDS],
}

impl Storage for jwt_key_set {
    const WORDS: usize = JWT_KEY_SET_WORDS;
}

/// Which keys of a JWK Set to take. A zero-initialised one takes every
/// asymmetric key this build verifies (RS*, PS*, ES256, ES384, EdDSA), no
/// `oct` key, and skips RSA keys without `alg`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct jwt_key_set_policy {
    /// The accepted algorithms (`JWT_ALG_*`); none: the default above.
    pub accept: *const u32,
    /// How many `accept`.
    pub accept_count: usize,
    /// The algorithm of RSA and `oct` keys published without `alg`
    /// (`JWT_ALG_*`); 0: such keys are skipped.
    pub assume: u32,
}

/// Reads `policy` and runs `with` on the core's policy.
///
/// # Safety
/// `policy` points to a `jwt_key_set_policy` whose `accept` is valid as
/// documented.
unsafe fn with_policy<R>(
    policy: *const jwt_key_set_policy,
    with: impl FnOnce(&KeySetPolicy<'_>) -> Result<R, jwt_status>,
) -> Result<R, jwt_status> {
    // SAFETY: forwarded: the caller's promise.
    let c = *unsafe { raw::reference(policy) }?;
    let mut algorithms = [Algorithm::Hs256; 12];
    // Before the slice is made: a count past the 12 algorithms is an error,
    // not a slice over memory the caller does not own.
    if c.accept_count > algorithms.len() {
        return Err(jwt_status::JWT_STATUS_INVALID_ARGUMENT);
    }
    // SAFETY: forwarded: the caller's promise.
    let accept = unsafe { raw::array(c.accept, c.accept_count) }?;
    for (slot, &n) in algorithms.iter_mut().zip(accept) {
        *slot = algorithm(n)?;
    }
    let mut core = KeySetPolicy::new();
    if let Some(accepted) = algorithms.get(..accept.len()).filter(|a| !a.is_empty()) {
        core = core.accept(accepted);
    }
    if c.assume != 0 {
        core = core.assume(algorithm(c.assume)?);
    }
    with(&core)
}

/// Imports the keys of the JWK Set `jwks` (JSON text) under `policy` into
/// `set`. A document that is not a JWK Set, or that yields no usable key,
/// fails (`JWT_STATUS_MALFORMED`, `JWT_STATUS_TOO_LARGE`,
/// `JWT_STATUS_UNKNOWN_KEY`) and leaves `set` uninitialised.
///
/// # Safety
/// `set` points to a writable `jwt_key_set`; `jwks` to `jwks_len` readable
/// bytes; `policy` to a `jwt_key_set_policy`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_set_from_jwks(
    set: *mut jwt_key_set,
    jwks: *const u8,
    jwks_len: usize,
    policy: *const jwt_key_set_policy,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let document = unsafe { raw::text(jwks, jwks_len) };
    // SAFETY: forwarded: the caller's promise.
    let imported = document.and_then(|document| unsafe {
        with_policy(policy, |policy| match Set::from_jwks(document, policy) {
            // As a refresh: a set without a usable key is no key set.
            Ok(set) if set.is_empty() => Err(jwt_status::JWT_STATUS_UNKNOWN_KEY),
            imported => imported.map_err(jwt_status::from),
        })
    });
    // SAFETY: forwarded: the caller's promise.
    unsafe { raw::store(set, KIND_SET, imported) }
}

/// Replaces the keys of `set` by those of `jwks`, as
/// `jwt_key_set_from_jwks` reads them; when that fails, `set` keeps every
/// key it had (a failed refresh never loses keys).
///
/// # Safety
/// `set` points to a `jwt_key_set` initialised by `jwt_key_set_from_jwks`
/// that nothing else uses during the call; `jwks` and `policy` as there.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_set_refresh(
    set: *mut jwt_key_set,
    jwks: *const u8,
    jwks_len: usize,
    policy: *const jwt_key_set_policy,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let current = unsafe { raw::load_mut::<jwt_key_set, Set>(set, KIND_SET) };
    // SAFETY: forwarded: the caller's promise.
    let document = unsafe { raw::text(jwks, jwks_len) };
    let refreshed = current.and_then(|current| {
        let document = document?;
        // SAFETY: forwarded: the caller's promise.
        unsafe {
            with_policy(policy, |policy| {
                current.refresh(document, policy).map_err(jwt_status::from)
            })
        }
    });
    match refreshed {
        Ok(()) => jwt_status::JWT_STATUS_OK,
        Err(status) => status,
    }
}

/// How many keys `set` holds (0 for NULL or uninitialised storage).
///
/// # Safety
/// `set` is NULL or points to a `jwt_key_set`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_set_len(set: *const jwt_key_set) -> usize {
    // SAFETY: forwarded: the caller's promise.
    unsafe { raw::load::<jwt_key_set, Set>(set, KIND_SET) }.map_or(0, |set| set.len())
}

/// Erases `set`; it is then uninitialised. NULL: nothing.
///
/// # Safety
/// `set` is NULL or points to a writable `jwt_key_set`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_key_set_wipe(set: *mut jwt_key_set) {
    // SAFETY: forwarded: the caller's promise.
    unsafe { raw::wipe(set) }
}

/// Verifies `token` with the key of `set` that its header's `kid` names
/// (a token without `kid`: the one key with its `alg`, if exactly one),
/// then as every `jwt_verify_*`. No such key: `JWT_STATUS_UNKNOWN_KEY`.
/// (A key set links every algorithm of the build: its keys' algorithms are
/// known only at run time.)
///
/// # Safety
/// As every `jwt_verify_*`, with `set` for `key`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_verify_key_set(
    token: *const u8,
    token_len: usize,
    set: *const jwt_key_set,
    policy: *const jwt_policy,
    now: i64,
    buf: *mut u8,
    buf_len: usize,
    out: *mut jwt_verified,
) -> jwt_status {
    // SAFETY: forwarded: the caller's promise.
    let keys = unsafe { raw::load::<jwt_key_set, Set>(set, KIND_SET) };
    // SAFETY: forwarded: the caller's promise.
    unsafe {
        run(
            token,
            token_len,
            set,
            policy,
            buf,
            buf_len,
            out,
            |token, validation, buf| {
                keys?
                    .verify(token, validation, now, buf)
                    .map_err(Failure::from)
            },
        )
    }
}
