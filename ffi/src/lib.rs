//! # jwt-embedded-ffi: the C API of jwt-embedded
//!
//! `libjwt_embedded_ffi.a` and `include/jwt_embedded.h`: JWT verification
//! for C programs and C firmware, with no heap and no global state. Every
//! object (a key, a key set) lives in storage the caller declares; every
//! result points into buffers the caller passes; every call is reentrant.
//! Each key type has its own import and verify functions, so a program
//! links the algorithms it calls and no other.
//!
//! Misuse is a status, not undefined behaviour, wherever it can be
//! detected: NULL pointers, key storage that is zero (never imported into),
//! wiped, or holds another key type (a tag checked on every call), text
//! that is not UTF-8, a buffer that overlaps the token, the key, the output
//! or a policy string. Nothing panics across the boundary:
//! the core has no panic sites on any input, and this crate's panic
//! handler (for builds without `std`) calls C's `abort`.
//!
//! `unsafe` lives here and nowhere else in the project (the core is
//! `#![forbid(unsafe_code)]`): the pointer conversions in `raw`, and one
//! `// SAFETY:`-commented forwarding block per entry point.

#![no_std]
#![allow(non_camel_case_types)]

#[cfg(test)]
extern crate std;

mod extract;
mod key_set;
mod keys;
mod policy;
mod raw;
mod status;
mod verify;

pub use extract::{jwt_bearer_token, jwt_cookie_token};
pub use key_set::*;
pub use keys::*;
pub use policy::*;
pub use status::{jwt_status, jwt_status_name};
pub use verify::jwt_buffer_len;

#[cfg(not(test))]
mod panic {
    unsafe extern "C" {
        /// C's `abort` (libc, newlib, picolibc).
        fn abort() -> !;
    }

    /// No input reaches a panic in the core or here; if one ever did, the
    /// program stops as a C program does on a failed `assert`.
    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
        // SAFETY: `abort` takes nothing and never returns; C guarantees it.
        unsafe { abort() }
    }

    /// The prebuilt `core` of hosted targets (built to unwind) names this
    /// symbol in its unwind tables; with `panic = "abort"` nothing ever
    /// unwinds, so nothing calls it. Without it, a C program does not link.
    #[unsafe(no_mangle)]
    extern "C" fn rust_eh_personality() {}
}

#[cfg(test)]
mod tests;
