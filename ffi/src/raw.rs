//! Every conversion of a C pointer into a Rust reference: the crate's only
//! `unsafe` blocks outside the `extern "C"` entry points' calls into here.
//!
//! Each function states what the C caller promises (the header's contract
//! for every pointer argument) and checks what can be checked: NULL,
//! lengths over `isize::MAX`, UTF-8, overlap of the token and the buffer,
//! the key storage's tag.

use crate::status::jwt_status;
use core::mem::{align_of, size_of};

/// `len` bytes at `ptr`; a NULL `ptr` is the empty slice when `len` is 0
/// and [`jwt_status::JWT_STATUS_NULL_ARGUMENT`] otherwise.
///
/// # Safety
/// A non-NULL `ptr` points to `len` readable bytes that stay valid and
/// unchanged for `'a`.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], jwt_status> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(jwt_status::JWT_STATUS_NULL_ARGUMENT)
        };
    }
    if len > isize::MAX as usize {
        return Err(jwt_status::JWT_STATUS_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL, `len` readable bytes valid for 'a (the caller's
    // promise), and `len <= isize::MAX` (checked above).
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// [`bytes`], which must be UTF-8 ([`jwt_status::JWT_STATUS_INVALID_UTF8`]).
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, jwt_status> {
    // SAFETY: forwarded: the caller makes the promise of `bytes`.
    let bytes = unsafe { bytes(ptr, len) }?;
    core::str::from_utf8(bytes).map_err(|_| jwt_status::JWT_STATUS_INVALID_UTF8)
}

/// `len` writable bytes at `ptr` (NULL: [`jwt_status::JWT_STATUS_NULL_ARGUMENT`],
/// even for 0 bytes: a verification always writes).
///
/// # Safety
/// A non-NULL `ptr` points to `len` writable bytes that nothing else reads
/// or writes for `'a`.
pub(crate) unsafe fn bytes_mut<'a>(ptr: *mut u8, len: usize) -> Result<&'a mut [u8], jwt_status> {
    if ptr.is_null() {
        return Err(jwt_status::JWT_STATUS_NULL_ARGUMENT);
    }
    if len > isize::MAX as usize {
        return Err(jwt_status::JWT_STATUS_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL, `len` writable bytes exclusive to us for 'a (the
    // caller's promise), and `len <= isize::MAX`.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// Whether the byte ranges `[a, a + a_len)` and `[b, b + b_len)` overlap
/// (addresses only: nothing is read). A token inside the buffer it is
/// decoded into would alias a `&[u8]` with a `&mut [u8]`.
pub(crate) fn overlap(a: *const u8, a_len: usize, b: *const u8, b_len: usize) -> bool {
    let (a, b) = (a as usize, b as usize);
    a_len != 0 && b_len != 0 && a < b.saturating_add(b_len) && b < a.saturating_add(a_len)
}

/// The `T` at `ptr` (NULL: [`jwt_status::JWT_STATUS_NULL_ARGUMENT`]).
///
/// # Safety
/// A non-NULL `ptr` points to an initialised, aligned `T` that nothing
/// writes for `'a`. (`T` is one of the header's plain C structs, for which
/// every bit pattern C can store is a valid value.)
pub(crate) unsafe fn reference<'a, T>(ptr: *const T) -> Result<&'a T, jwt_status> {
    // SAFETY: the caller's promise; `as_ref` maps NULL to None.
    unsafe { ptr.as_ref() }.ok_or(jwt_status::JWT_STATUS_NULL_ARGUMENT)
}

/// The slice of `count` `T`s at `ptr` (NULL with `count` 0: empty).
///
/// # Safety
/// A non-NULL `ptr` points to `count` initialised, aligned `T`s that
/// nothing writes for `'a`.
pub(crate) unsafe fn array<'a, T>(ptr: *const T, count: usize) -> Result<&'a [T], jwt_status> {
    if ptr.is_null() {
        return if count == 0 {
            Ok(&[])
        } else {
            Err(jwt_status::JWT_STATUS_NULL_ARGUMENT)
        };
    }
    if count > isize::MAX as usize / size_of::<T>().max(1) {
        return Err(jwt_status::JWT_STATUS_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL, `count` valid `T`s for 'a (the caller's promise),
    // and the slice's size fits `isize`.
    Ok(unsafe { core::slice::from_raw_parts(ptr, count) })
}

/// Writes `value` to `*ptr` when `ptr` is not NULL (an optional output).
///
/// # Safety
/// A non-NULL `ptr` points to writable, aligned storage for a `T` (its old
/// contents are not read or dropped: `T` is a plain C struct).
pub(crate) unsafe fn put<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        // SAFETY: non-NULL, writable and aligned (the caller's promise).
        unsafe { ptr.write(value) }
    }
}

/// The tag at the start of every initialised key or key-set storage.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tag {
    /// [`MAGIC`] once initialised.
    pub(crate) magic: u32,
    /// Which key type the storage holds (`keys::Kind`).
    pub(crate) kind: u32,
}

/// "JWTK", little-endian: no all-zero or all-`0xFF` storage carries it.
pub(crate) const MAGIC: u32 = 0x4B54_574A;

/// What an initialised storage holds: the tag, then the value. `repr(C)`:
/// the tag is at offset 0 for every `T`, so it is read without knowing `T`.
#[repr(C)]
pub(crate) struct Slot<T> {
    pub(crate) tag: Tag,
    pub(crate) value: T,
}

/// Storage a C caller declares for a [`Slot<T>`]: an array of `u64`,
/// `WORDS` long (aligned as `uint64_t`: 8 bytes on the 32-bit Arm and
/// RISC-V ABIs and on 64-bit targets).
pub(crate) trait Storage {
    /// Its words.
    const WORDS: usize;
}

/// Whether a `Slot<T>` fits `S` (size and alignment): checked at compile
/// time by every user (`const { assert!(fits::<S, T>()) }`).
pub(crate) const fn fits<S: Storage, T>() -> bool {
    size_of::<Slot<T>>() <= size_of::<S>() && align_of::<Slot<T>>() <= align_of::<S>()
}

/// Whether the storage at `storage` carries the tag of `kind`: NULL is
/// [`jwt_status::JWT_STATUS_NULL_ARGUMENT`], any other tag
/// [`jwt_status::JWT_STATUS_WRONG_KEY_TYPE`].
///
/// # Safety
/// A non-NULL `storage` points to an `S` (initialised memory, as every C
/// object is, aligned as `S`) that nothing writes during the call.
unsafe fn check_tag<S: Storage>(storage: *const S, kind: u32) -> Result<(), jwt_status> {
    if storage.is_null() {
        return Err(jwt_status::JWT_STATUS_NULL_ARGUMENT);
    }
    // SAFETY: the storage is at least 8 readable bytes aligned as a `u64`
    // (the caller's promise; `S` is `[u64; WORDS]` with WORDS >= 1), and a
    // `Tag` is two `u32`s, valid for any bits.
    let tag = unsafe { storage.cast::<Tag>().read() };
    if tag == (Tag { magic: MAGIC, kind }) {
        Ok(())
    } else {
        Err(jwt_status::JWT_STATUS_WRONG_KEY_TYPE)
    }
}

/// The `T` in the storage at `storage` when its tag says `kind`: NULL is
/// [`jwt_status::JWT_STATUS_NULL_ARGUMENT`], any other tag (storage never
/// initialised, wiped, or holding another key type)
/// [`jwt_status::JWT_STATUS_WRONG_KEY_TYPE`].
///
/// # Safety
/// A non-NULL `storage` points to an `S` (initialised memory, as every C
/// object is, aligned as `S`) that nothing writes for `'a`, and one that
/// carries the tag of `kind` was written by [`store`] with a `T` for
/// that `kind` (the crate keeps one `T` per kind) and not changed since
/// other than by copying all of its bytes.
pub(crate) unsafe fn load<'a, S: Storage, T>(
    storage: *const S,
    kind: u32,
) -> Result<&'a T, jwt_status> {
    const { assert!(fits::<S, T>()) };
    // SAFETY: forwarded: the caller's promise.
    unsafe { check_tag(storage, kind) }?;
    // SAFETY: the tag is `kind`'s, so `store` wrote a `Slot<T>` here (the
    // caller's promise), which fits `S` (asserted above).
    let slot = unsafe { &*storage.cast::<Slot<T>>() };
    Ok(&slot.value)
}

/// Writes `value` into the storage at `storage` under the tag of `kind`;
/// on `Err`, wipes the storage (its tag then matches no kind).
///
/// # Safety
/// A non-NULL `storage` points to a writable `S` that
/// nothing else reads or writes during the call.
pub(crate) unsafe fn store<S: Storage, T>(
    storage: *mut S,
    kind: u32,
    value: Result<T, jwt_status>,
) -> jwt_status {
    const { assert!(fits::<S, T>()) };
    if storage.is_null() {
        return jwt_status::JWT_STATUS_NULL_ARGUMENT;
    }
    match value {
        Ok(value) => {
            // SAFETY: as below, for `S::WORDS` words: the bytes past the
            // new `Slot<T>` keep nothing of an earlier key.
            unsafe { wipe(storage) };
            let slot = Slot {
                tag: Tag { magic: MAGIC, kind },
                value,
            };
            // SAFETY: writable and aligned, and large enough for a
            // `Slot<T>` (asserted above); the old bytes are plain data,
            // not dropped.
            unsafe { storage.cast::<Slot<T>>().write(slot) };
            jwt_status::JWT_STATUS_OK
        }
        Err(status) => {
            // SAFETY: as above, for `S::WORDS` words.
            unsafe { wipe(storage) };
            status
        }
    }
}

/// Zeroes the storage at `storage` (NULL: nothing) with volatile writes,
/// which the compiler may not elide (as `zeroize` does, through the raw
/// pointer: the storage may hold uninitialised padding, which a `&mut
/// [u64]` must not cover).
///
/// # Safety
/// A non-NULL `storage` points to a writable `S` that nothing else reads
/// or writes during the call.
pub(crate) unsafe fn wipe<S: Storage>(storage: *mut S) {
    if storage.is_null() {
        return;
    }
    let words = storage.cast::<u64>();
    for i in 0..S::WORDS {
        // SAFETY: `S` is `WORDS` `u64`s, writable and aligned (the
        // caller's promise), so word `i < WORDS` is in bounds.
        unsafe { words.wrapping_add(i).write_volatile(0) };
    }
    // Keep the zeroing ordered before whatever the caller does next.
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

/// [`load`], mutable.
///
/// # Safety
/// As [`load`], with a writable storage that nothing else reads or writes
/// for `'a`.
pub(crate) unsafe fn load_mut<'a, S: Storage, T>(
    storage: *mut S,
    kind: u32,
) -> Result<&'a mut T, jwt_status> {
    const { assert!(fits::<S, T>()) };
    // SAFETY: forwarded: the caller's promise.
    unsafe { check_tag(storage, kind) }?;
    // SAFETY: as in `load`, and exclusive (the caller's promise).
    let slot = unsafe { &mut *storage.cast::<Slot<T>>() };
    Ok(&mut slot.value)
}
