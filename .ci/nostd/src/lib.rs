//! no_std proof for `jwt-embedded`: a bare-metal staticlib that really
//! instantiates `verify::<Hs256Key>`. Built by `.ci/run` for
//! `thumbv7em-none-eabihf` and `riscv32imac-unknown-none-elf` with only
//! `core` + `compiler_builtins` in the sysroot (no `alloc`, no `std`).
#![no_std]
#![no_main]

use jwt_embedded::{Error, Hs256Key, Validation, buffer_len, verify};

/// Longest token this check accepts.
const MAX_TOKEN: usize = 1024;

/// Verifies `token` (`token_len` bytes) with the HS256 `secret`
/// (`secret_len` bytes) at Unix time `now`, requiring `iss` = "device-ca".
///
/// Returns 0 on success, 1 if the claims carry a `sub`, negative on error.
///
/// # Safety
///
/// `token` and `secret` must be valid for reads of `token_len` and
/// `secret_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn jwt_nostd_verify(
    token: *const u8,
    token_len: usize,
    secret: *const u8,
    secret_len: usize,
    now: i64,
) -> i32 {
    if token.is_null() || secret.is_null() {
        return -100;
    }
    // SAFETY: the caller guarantees both pointers are valid for these lengths.
    let (token, secret) = unsafe {
        (
            core::slice::from_raw_parts(token, token_len),
            core::slice::from_raw_parts(secret, secret_len),
        )
    };
    match check(token, secret, now) {
        Ok(has_sub) => i32::from(has_sub),
        Err(e) => code(e),
    }
}

/// The non-generic Rust entry point (also public, so it is codegen'd in an
/// rlib too).
pub fn check(token: &[u8], secret: &[u8], now: i64) -> Result<bool, Error> {
    if token.len() > MAX_TOKEN {
        return Err(Error::TooLarge);
    }
    let key = Hs256Key::new(secret)?;
    let validation = Validation::new()
        .issuer("device-ca")
        .leeway(30)
        .max_token_len(MAX_TOKEN);
    let mut buf = [0u8; buffer_len(MAX_TOKEN)];
    let verified = verify(token, &key, &validation, now, &mut buf)?;
    Ok(verified.claims().sub.is_some())
}

fn code(e: Error) -> i32 {
    // `kind()` is a &'static str; map its length + first byte to keep the
    // error path (and its strings) in the binary.
    let kind = e.kind();
    -(kind.len() as i32) - i32::from(kind.as_bytes().first().copied().unwrap_or(0))
}

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo<'_>) -> ! {
    loop {
        core::hint::spin_loop();
    }
}
