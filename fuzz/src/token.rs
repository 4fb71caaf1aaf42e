//! Signing and encoding with `hmac`, `sha2` and `base64ct` directly: none of
//! jwt-embedded's verification path is used to make a token.

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The HS256 secret every target verifies with.
pub const SECRET: &[u8; 32] = b"jwt-embedded fuzz key, 32 bytes!";

/// Another 32-byte secret, for tokens that must fail the signature check.
pub const OTHER_SECRET: &[u8; 32] = b"jwt-embedded other key, 32 bytes";

/// Unpadded base64url of `bytes`.
pub fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// HMAC-SHA-256 of `message` under `secret`.
pub fn hmac_sha256(secret: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("any key length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// `b64(header) '.' b64(payload) '.' b64(HMAC(secret, signing input))`.
pub fn sign(header: &[u8], payload: &[u8], secret: &[u8]) -> Vec<u8> {
    let mut token = format!("{}.{}", b64(header), b64(payload)).into_bytes();
    let tag = hmac_sha256(secret, &token);
    token.push(b'.');
    token.extend_from_slice(b64(&tag).as_bytes());
    token
}
