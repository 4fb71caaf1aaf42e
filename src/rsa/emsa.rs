//! EMSA-PKCS1-v1_5 encoding with SHA-256 (RFC 8017 §9.2), built, never parsed.
//!
//! Verification computes the one valid encoded message for the hash and
//! compares it with the decrypted signature as a whole. Nothing of the
//! decrypted block is interpreted, so there is no padding or ASN.1 parser for
//! a forgery to slip through (Bleichenbacher 2006, and its many successors in
//! lenient parsers: BER lengths, garbage after the hash, missing `NULL`).

/// The DER encoding of `DigestInfo { sha256, NULL }` up to the hash itself
/// (RFC 8017 §9.2, note 1).
const DIGEST_INFO_SHA256: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// Length of a SHA-256 hash.
pub(crate) const HASH_LEN: usize = 32;

/// `T = DigestInfo || H`.
const T_LEN: usize = DIGEST_INFO_SHA256.len() + HASH_LEN;

/// RFC 8017 §9.2 step 3: at least 8 bytes of `0xFF` padding.
const MIN_PADDING: usize = 8;

/// Writes `00 01 FF..FF 00 || DigestInfo || hash` over the whole of `em`.
///
/// Returns `None` if `em` is shorter than `T_LEN + 11` bytes ("intended
/// encoded message length too short"); keys of 2048 bits or more never are.
pub(crate) fn encode(hash: &[u8; HASH_LEN], em: &mut [u8]) -> Option<()> {
    let padded_len = em.len().checked_sub(T_LEN)?;
    if padded_len < MIN_PADDING + 3 {
        return None;
    }
    let (padded, t) = em.split_at_mut_checked(padded_len)?;
    let (digest_info, h) = t.split_at_mut_checked(DIGEST_INFO_SHA256.len())?;
    copy(digest_info, &DIGEST_INFO_SHA256);
    copy(h, hash);
    // `00 01`, the `FF` run, and the `00` separator.
    padded.fill(0xFF);
    let (separator, padded) = padded.split_last_mut()?;
    *separator = 0x00;
    let [zero, one, ..] = padded else {
        return None;
    };
    (*zero, *one) = (0x00, 0x01);
    Some(())
}

/// Copies `src` into `dst` (same lengths here; never panics if not).
fn copy(dst: &mut [u8], src: &[u8]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d = *s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        let hash = [0xAB; HASH_LEN];
        let mut em = [0x55u8; 256];
        encode(&hash, &mut em).unwrap();
        assert_eq!(em[..2], [0x00, 0x01]);
        assert!(em[2..256 - T_LEN - 1].iter().all(|&b| b == 0xFF));
        assert_eq!(em[256 - T_LEN - 1], 0x00);
        assert_eq!(em[256 - T_LEN..256 - HASH_LEN], DIGEST_INFO_SHA256);
        assert_eq!(em[256 - HASH_LEN..], hash);
    }

    #[test]
    fn shortest_encoding() {
        let hash = [0u8; HASH_LEN];
        let mut em = [0u8; T_LEN + 11];
        assert!(encode(&hash, &mut em).is_some());
        assert_eq!(
            em[..11],
            [0, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0]
        );
        let mut em = [0u8; T_LEN + 10];
        assert!(encode(&hash, &mut em).is_none());
        assert!(encode(&hash, &mut []).is_none());
    }
}
