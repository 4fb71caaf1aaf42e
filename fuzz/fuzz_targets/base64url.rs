//! Differential fuzzing of the strict base64url decoder against `base64ct`
//! (unpadded URL alphabet, which also rejects non-canonical trailing bits).
//!
//! Asserted: both accept the same inputs and decode them to the same bytes;
//! an output buffer one byte short is refused, never truncated; every
//! accepted input re-encodes to itself (canonical: no `=`, no whitespace).
#![no_main]

use base64ct::{Base64UrlUnpadded, Encoding};
use jwt_embedded::internal::base64url_decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut out = vec![0u8; data.len()];
    let ours = base64url_decode(data, &mut out).map(<[u8]>::to_vec);
    let theirs = Base64UrlUnpadded::decode_vec(&String::from_utf8_lossy(data))
        .ok()
        .filter(|_| std::str::from_utf8(data).is_ok());
    assert_eq!(ours, theirs, "decoders disagree");
    if let Some(decoded) = ours {
        assert_eq!(Base64UrlUnpadded::encode_string(&decoded).as_bytes(), data);
        if !decoded.is_empty() {
            let mut short = vec![0u8; decoded.len() - 1];
            assert_eq!(base64url_decode(data, &mut short), None, "truncated output");
        }
    }
});
