#![no_std]
#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// The library never panics on input: no unwrap/expect/panic outside tests.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod base64url;
mod claims;
mod cost;
mod der;
#[cfg(any(feature = "es256", feature = "es384"))]
mod ecdsa;
#[cfg(feature = "eddsa")]
mod eddsa;
mod error;
mod extract;
mod hash;
mod header;
mod hmac;
mod json;
mod jwk;
mod jwks;
mod key;
mod numeric_date;
mod pem;
mod revocation;
mod rsa;
mod validation;
mod verify;

#[doc(hidden)]
pub mod internal;

pub use claims::{Audience, AudienceList, Claims, Scopes};
#[cfg(any(feature = "es256", feature = "es384"))]
pub use ecdsa::{EcCurve, EcdsaKey};
#[cfg(feature = "es256")]
pub use ecdsa::{Es256Key, P256};
#[cfg(feature = "es384")]
pub use ecdsa::{Es384Key, P384};
#[cfg(feature = "eddsa")]
pub use eddsa::Ed25519Key;
pub use error::{Claim, Error, KeyError, Part};
pub use extract::{bearer_token, cookie_token};
pub use hash::{JwsHash, Sha256, Sha384, Sha512};
pub use header::Header;
pub use hmac::{HmacKey, Hs256Key, Hs384Key, Hs512Key};
pub use json::{Chars, JsonStr, MAX_DEPTH, MAX_MEMBERS};
pub use jwks::{KeySet, KeySetPolicy, Kid, MAX_JWKS_LEN, MAX_KID_LEN, Outcome, SetKey, SkipReason};
pub use key::{Algorithm, VerifyingKey};
pub use numeric_date::NumericDate;
pub use revocation::{DenyList, DenyListFull, Revocation};
pub use rsa::{
    Pkcs1v15, Pkcs1v15Key, Ps256Key, Ps384Key, Ps512Key, Pss, PssKey, Rs256Key, Rs256Key2048,
    Rs256Key3072, Rs256Key4096, Rs384Key, Rs512Key, Rsa2048, Rsa3072, Rsa4096, RsaKey,
    RsaPublicKey, RsaScheme, RsaWidth,
};
pub use validation::{RequiredClaims, Validation};
pub use verify::{MAX_HEADER_LEN, Verified, buffer_len, peek_header, verify};

/// `heapless`, re-exported so claim structs can hold `heapless::String`
/// fields with the same version this crate deserializes into.
pub use heapless;
