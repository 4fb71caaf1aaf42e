//! RSA signatures (RS256/384/512, PS256/384/512) with fixed-width integers.
//!
//! - `width`: the widths by bits, [`Rsa2048`], [`Rsa3072`], [`Rsa4096`];
//! - `public_key`: [`RsaPublicKey`] and its import from JWK, DER and PEM
//!   (DER through `der`, on the crate's shared DER and PEM readers; JWKs
//!   through the crate's shared JWK reader), and [`RsaKey`], a key bound to one scheme;
//! - `scheme`: the schemes as type parameters, [`Pkcs1v15`] and [`Pss`];
//! - `pkcs1v15`: the expected encoded message, built rather than parsed;
//! - `pss`: EMSA-PSS-VERIFY;
//! - `arith`: the modular exponentiation.

mod arith;
mod der;
mod pkcs1v15;
mod pss;
mod public_key;
mod scheme;
mod width;

pub use pkcs1v15::{
    Pkcs1v15Key, Rs256Key, Rs256Key2048, Rs256Key3072, Rs256Key4096, Rs384Key, Rs512Key,
};
pub use pss::{Ps256Key, Ps384Key, Ps512Key, PssKey};
pub use public_key::{RsaKey, RsaPublicKey};
pub use scheme::{Pkcs1v15, Pss, RsaScheme};
pub use width::{Rsa2048, Rsa3072, Rsa4096, RsaWidth};
