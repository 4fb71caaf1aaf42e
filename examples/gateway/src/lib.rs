//! The edge gateway's pieces that do not need a socket: its policy file
//! ([`config`]) and the mapping from the crate's verdicts to HTTP answers
//! ([`answer`]). The server is `src/main.rs`, the load and fault test
//! `src/bin/gateway_load.rs`.

pub mod answer;
pub mod config;

/// Most keys one key set document may bring (a `KeySet<KEYS>`).
pub const KEYS: usize = 16;

/// Ceiling of the policy's `max_token_len`, in bytes: the per-request
/// buffer the verification decodes into is sized for it, on the stack.
pub const MAX_TOKEN_CEILING: usize = 16 * 1024;
