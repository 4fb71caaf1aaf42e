//! RSA key widths, named by bits: the same on every target.

use super::arith::limbs;
use super::public_key::{Core, CoreOps};

/// The largest modulus a key type holds, named by bits: [`Rsa2048`],
/// [`Rsa3072`] or [`Rsa4096`]. Sealed.
///
/// Each width is a separate, fixed-width copy of the arithmetic, so firmware
/// that names only `Rsa2048` links only 2048-bit code, and a 2048-bit
/// verification never pays for 4096-bit numbers. A key type accepts any
/// modulus from 2048 bits up to its width, of any bit length in between
/// (e.g. 2560 bits with `Rsa3072`): pick the smallest width that fits your
/// keys for speed, or one wide type for all of them for the smallest flash.
pub trait RsaWidth: sealed::Width {}

/// Moduli of exactly 2048 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rsa2048 {}

/// Moduli of 2048 to 3072 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rsa3072 {}

/// Moduli of 2048 to 4096 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rsa4096 {}

impl RsaWidth for Rsa2048 {}
impl RsaWidth for Rsa3072 {}
impl RsaWidth for Rsa4096 {}

pub(crate) mod sealed {
    /// The fixed-width key a width stands for.
    pub trait Width {
        /// The key's numbers, `LIMBS` machine words wide.
        type Core: super::CoreOps;
    }
}

impl sealed::Width for Rsa2048 {
    type Core = Core<{ limbs(2048) }>;
}

impl sealed::Width for Rsa3072 {
    type Core = Core<{ limbs(3072) }>;
}

impl sealed::Width for Rsa4096 {
    type Core = Core<{ limbs(4096) }>;
}

// Compile-time: the names mean what they say on every target.
const _: () = assert!(
    <Core<{ limbs(2048) }> as CoreOps>::MAX_BITS == 2048
        && <Core<{ limbs(3072) }> as CoreOps>::MAX_BITS == 3072
        && <Core<{ limbs(4096) }> as CoreOps>::MAX_BITS == 4096
);
