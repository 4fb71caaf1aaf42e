//! RS256: RSASSA-PKCS1-v1_5 signatures with SHA-256 (RFC 7518 §3.3,
//! RFC 8017 §8.2), verified on the stack with fixed-width integers.
//!
//! - `key`: the key type, its checks and the verification;
//! - `import`: JWK, DER and PEM import (and `rsa::RsaPublicKey` behind the
//!   `rsa` feature), with the format readers `jwk`, `der` and `pem`;
//! - `emsa`: the expected encoded message, built rather than parsed;
//! - `arith`: the modular exponentiation.

mod arith;
mod der;
mod emsa;
mod import;
mod jwk;
mod key;
mod pem;

pub use key::{Rs256Key, Rs256Key2048, Rs256Key3072, Rs256Key4096};
