//! Shared code of the fuzz targets: an independent reading of JSON through
//! `serde_json` ([`oracle`]), the verdicts jwt-embedded must reach computed
//! without its code ([`reference`]), arbitrary policies ([`policy`]), token
//! generation ([`generate`]), signing with `hmac` directly ([`token`]) and
//! the RSA fixtures, signer and key encoders ([`rs256`]), signers for
//! every algorithm ([`schemes`]), the ES256/ES384/EdDSA fixtures ([`ec`]) and
//! the shared verdict checks of the `verify_*` targets ([`verdict`]).

pub mod check;
pub mod ec;
pub mod generate;
pub mod oracle;
pub mod policy;
pub mod reference;
pub mod rs256;
pub mod schemes;
pub mod token;
pub mod verdict;
