//! The verification pipeline, in the only order that is safe.

use serde::Deserialize;

use crate::base64url;
use crate::header::typ_matches;
use crate::{Claims, Error, Header, Part, Validation, VerifyingKey};

/// A token whose signature verified and whose claims passed the policy.
///
/// Everything borrows the caller's buffer: header fields, registered claims
/// and the payload JSON, from which the caller's own claims type can be
/// deserialized with [`Verified::deserialize`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified<'b> {
    header: Header<'b>,
    claims: Claims<'b>,
    payload: &'b str,
}

impl<'b> Verified<'b> {
    /// The header (`alg`, `typ`, `kid`, `cty`).
    pub const fn header(&self) -> &Header<'b> {
        &self.header
    }

    /// The registered claims.
    pub const fn claims(&self) -> &Claims<'b> {
        &self.claims
    }

    /// The payload's JSON text, exactly as signed.
    pub const fn payload(&self) -> &'b str {
        self.payload
    }

    /// Deserializes the payload into the caller's own claims type through
    /// `serde-json-core`.
    ///
    /// String values without escapes are borrowed from the buffer (`&str`
    /// fields work); values with JSON escapes are decoded through `scratch`
    /// into owned fields such as [`heapless::String`]. An escaped value that
    /// does not fit `scratch`, or that meets a `&str` field, is
    /// [`Error::Deserialize`]: escaped text is never handed over raw.
    /// The payload was already validated as strict JSON (no duplicates).
    ///
    /// Limitation of `serde-json-core` 0.7: it decodes each `\uXXXX` on its
    /// own, so a value holding an escaped surrogate pair (`"\ud83d\ude00"`)
    /// fails with [`Error::Deserialize`] here, although the token is valid and
    /// the registered claims ([`Verified::claims`]) decode it correctly.
    ///
    /// ```
    /// # use jwt_embedded::{Hs256Key, Validation, verify, heapless};
    /// #[derive(serde::Deserialize)]
    /// struct MyClaims<'a> {
    ///     sub: &'a str,
    ///     scope: heapless::String<32>,
    /// }
    /// # let token = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZXZpY2UtNDIiLCJzY29wZSI6InJlYWRcL3dyaXRlIiwiZXhwIjoxODAwMDAwMDAwfQ.d9bEWt7KsJ_yxK0El96VlLLh0-6xdgmrjitddHF0Xjk";
    /// # let key = Hs256Key::new(b"0123456789abcdef0123456789abcdef")?;
    /// # let mut buf = [0u8; 256];
    /// # let verified = verify(token, &key, &Validation::new(), 1_700_000_000, &mut buf)?;
    /// let mut scratch = [0u8; 64];
    /// let mine: MyClaims<'_> = verified.deserialize(&mut scratch)?;
    /// assert_eq!(mine.scope, "read/write"); // `read\/write` in the token
    /// # assert_eq!(mine.sub, "device-42");
    /// # Ok::<(), jwt_embedded::Error>(())
    /// ```
    pub fn deserialize<T: Deserialize<'b>>(&self, scratch: &mut [u8]) -> Result<T, Error> {
        serde_json_core::from_slice_escaped(self.payload.as_bytes(), scratch)
            .map(|(value, _)| value)
            .map_err(|_| Error::Deserialize)
    }
}

/// The buffer length that is always enough for [`verify`] on tokens of up to
/// `token_len` bytes (the decoded header and payload together).
///
/// ```
/// const BUF: usize = jwt_embedded::buffer_len(1024);
/// let mut buf = [0u8; BUF];
/// # let _ = &mut buf;
/// ```
pub const fn buffer_len(token_len: usize) -> usize {
    token_len / 4 * 3 + 3
}

/// Longest header segment accepted (its base64url text, 16 KiB), by
/// [`verify`] and [`peek_header`] alike; a longer one is [`Error::TooLarge`]
/// before it is decoded. The header is read before the signature is checked,
/// so this bounds what an unauthenticated sender can make the parser do
/// whatever the buffer or the policy's length cap. Real headers are under
/// 100 bytes; a 16 KiB header still holds an `x5c` chain of a few certificates.
pub const MAX_HEADER_LEN: usize = 16 * 1024;

/// Verifies a compact JWS `token` with `key` and checks its claims against
/// `validation` at time `now` (Unix seconds). The decoded header and payload
/// go into `buf` (see [`buffer_len`]); the result borrows it.
///
/// The order of checks, each only after the previous one passed:
/// length cap, exactly three segments, header length cap
/// ([`MAX_HEADER_LEN`]), strict base64url header, strict JSON
/// header (`crit` rejected), `alg` equal to the key's algorithm, signature
/// over the raw `header.payload` bytes (constant-time comparison), then the
/// payload's base64url, its UTF-8 and JSON, and the claims. (The payload's
/// base64url is decoded into `buf` first thing, as the decoder is what
/// finds a third dot; none of its bytes is read before the signature has
/// verified, and its errors are reported in the order above.)
///
/// ```
/// use jwt_embedded::{Hs256Key, Validation, verify};
/// // RFC 7515 Appendix A.1
/// let token = b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9\
///     .eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ\
///     .dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// let key = Hs256Key::from_base64url(
///     "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
/// )?;
/// let policy = Validation::new().issuer("joe");
/// let mut buf = [0u8; 256];
/// let verified = verify(token, &key, &policy, 1_300_819_379, &mut buf)?;
/// assert!(verified.claims().iss.unwrap().eq_str("joe"));
/// // One second later the token has expired.
/// let mut buf = [0u8; 256];
/// assert_eq!(
///     verify(token, &key, &policy, 1_300_819_380, &mut buf),
///     Err(jwt_embedded::Error::Expired)
/// );
/// # Ok::<(), jwt_embedded::Error>(())
/// ```
pub fn verify<'b, K: VerifyingKey + ?Sized>(
    token: &[u8],
    key: &K,
    validation: &Validation<'_>,
    now: i64,
    buf: &'b mut [u8],
) -> Result<Verified<'b>, Error> {
    verify_selecting(token, |_| Ok(key), validation, now, buf)
}

/// [`verify`] with the key chosen from the parsed (not yet trusted) header:
/// the order of work is the same, `select` running right after the header's
/// parse, so that a key set reads the header once. Always inlined: for a
/// single key, `select` folds away and `verify` compiles as if written out.
#[inline(always)]
pub(crate) fn verify_selecting<'b, 'k, K: VerifyingKey + ?Sized + 'k>(
    token: &[u8],
    select: impl FnOnce(&Header<'_>) -> Result<&'k K, Error>,
    validation: &Validation<'_>,
    now: i64,
    buf: &'b mut [u8],
) -> Result<Verified<'b>, Error> {
    if token.len() > validation.token_len_limit() {
        return Err(Error::TooLarge);
    }
    let segments = Segments::split(token)?;
    let (header_buf, payload) = segments.decode_payload(buf)?;
    let mut header_slot = None;
    let header = decode_header(segments.header, header_buf, &mut header_slot)?;
    let key = select(header)?;
    if !key.algorithm().is_named(&header.alg) {
        return Err(Error::Algorithm);
    }
    if let Some(expected) = validation.expected_typ()
        && !header.typ.is_some_and(|typ| typ_matches(&typ, expected))
    {
        return Err(Error::Type);
    }
    key.verify_signature(segments.signing_input, segments.signature)?;
    let payload = core::str::from_utf8(payload?).map_err(|_| Error::Malformed(Part::Claims))?;
    let mut claims_slot = None;
    let claims = Claims::parse_in(payload, &mut claims_slot)?;
    validation.check(claims, now)?;
    Ok(Verified {
        header: *header,
        claims: *claims,
        payload,
    })
}

/// Decodes and parses the header of `token` **without verifying anything**,
/// e.g. to read `kid` and pick a key. Never trust what it returns.
/// `buf` needs room for the decoded header only. A header segment longer
/// than [`MAX_HEADER_LEN`] is [`Error::TooLarge`], whatever the buffer's
/// size, so the work is bounded by that limit, not by `buf` or `token`
/// (beyond finding the dots).
pub fn peek_header<'b>(token: &[u8], buf: &'b mut [u8]) -> Result<Header<'b>, Error> {
    let segments = Segments::split(token)?;
    if contains_dot(segments.payload) {
        return Err(Error::Malformed(Part::Token));
    }
    let header_len =
        base64url::decoded_len(segments.header.len()).ok_or(Error::Malformed(Part::Header))?;
    let header_buf = buf.get_mut(..header_len).ok_or(Error::BufferTooSmall)?;
    decode_header(segments.header, header_buf, &mut None).copied()
}

/// The decoded payload, or why it is not one (see [`Segments::decode_payload`]).
type Decoded<'b> = Result<&'b [u8], Error>;

/// The three segments of a compact JWS.
struct Segments<'t> {
    header: &'t [u8],
    payload: &'t [u8],
    signature: &'t [u8],
    /// `header '.' payload`, the bytes the signature covers.
    signing_input: &'t [u8],
}

/// Whether `bytes` holds a dot. A byte loop, not `contains` (which links
/// a word-at-a-time `memchr` into firmware): it runs only on the way to an
/// error.
fn holds_dot(bytes: &[u8]) -> bool {
    for &b in bytes {
        if b == b'.' {
            return true;
        }
    }
    false
}

impl<'t> Segments<'t> {
    /// Splits the token at its first and last dots, found from either end
    /// next to the short header and signature segments. A third dot (in
    /// `payload`) is left to [`Segments::decode_payload`], which finds it
    /// for free (a dot is no base64url character), or to
    /// [`Segments::token_error`]. A header segment over [`MAX_HEADER_LEN`]
    /// is [`Error::TooLarge`] (after that check: a third dot comes first).
    fn split(token: &'t [u8]) -> Result<Self, Error> {
        let malformed = Error::Malformed(Part::Token);
        let first = first_dot(token).ok_or(malformed)?;
        let last = last_dot(token).ok_or(malformed)?;
        let between = token.get(first + 1..last).ok_or(malformed)?;
        if first > MAX_HEADER_LEN {
            return Err(if holds_dot(between) {
                malformed
            } else {
                Error::TooLarge
            });
        }
        let header = token.get(..first).ok_or(malformed)?;
        let payload = token.get(first + 1..last).ok_or(malformed)?;
        let signature = token.get(last + 1..).ok_or(malformed)?;
        // header '.' payload: the prefix of the token up to the second dot.
        let signing_input = token.get(..last).ok_or(malformed)?;
        Ok(Self {
            header,
            payload,
            signature,
            signing_input,
        })
    }

    /// `error`, unless the payload holds a dot: then the token has more
    /// than three segments, which comes first.
    fn token_error(&self, error: Error) -> Error {
        if holds_dot(self.payload) {
            Error::Malformed(Part::Token)
        } else {
            error
        }
    }

    /// Splits `buf` into room for the decoded header and the decoded
    /// payload, and decodes the payload's base64url into the latter, before
    /// anything else: its bytes are not looked at until the signature has
    /// verified (not even as UTF-8). A failure that is the token's (a third
    /// dot; errors sizing the buffer) is returned now; one that is the
    /// payload's is returned inside, for the caller to report where the
    /// order of checks puts it, after the signature. This way the dots of a
    /// valid token are looked for only once, by the decoder.
    fn decode_payload<'b>(&self, buf: &'b mut [u8]) -> Result<(&'b mut [u8], Decoded<'b>), Error> {
        let (header_buf, payload_buf) = self
            .split_buffer(buf)
            .map_err(|error| self.token_error(error))?;
        let payload = match base64url::decode(self.payload, payload_buf) {
            Ok(bytes) => Ok(bytes),
            Err(_) => match self.token_error(Error::Malformed(Part::Claims)) {
                Error::Malformed(Part::Claims) => Err(Error::Malformed(Part::Claims)),
                token => return Err(token),
            },
        };
        Ok((header_buf, payload))
    }

    /// Splits `buf` into room for the decoded header and the decoded payload.
    fn split_buffer<'b>(&self, buf: &'b mut [u8]) -> Result<(&'b mut [u8], &'b mut [u8]), Error> {
        let header_len =
            base64url::decoded_len(self.header.len()).ok_or(Error::Malformed(Part::Header))?;
        let payload_len =
            base64url::decoded_len(self.payload.len()).ok_or(Error::Malformed(Part::Claims))?;
        if header_len.saturating_add(payload_len) > buf.len() {
            return Err(Error::BufferTooSmall);
        }
        Ok(buf.split_at_mut(header_len))
    }
}

/// A machine word's worth of bytes.
const WORD: usize = size_of::<usize>();

/// Whether the word `bytes` holds a `.` (SWAR): XOR with the dots leaves a
/// zero byte exactly where there is a dot, and `(x - 0x01..01) & !x &
/// 0x80..80` is non-zero exactly when `x` has a zero byte. Branch-free,
/// about 2 instructions per byte on a 32-bit core (a byte loop takes 5 to 9
/// on a Cortex-M4).
#[inline(always)]
const fn has_dot(bytes: [u8; WORD]) -> bool {
    dot_bits(bytes) != 0
}

/// The high bit of each byte of `bytes` that may be a dot (see [`has_dot`]):
/// non-zero exactly when one is.
#[inline(always)]
const fn dot_bits(bytes: [u8; WORD]) -> usize {
    const LOW: usize = usize::from_ne_bytes([0x01; WORD]);
    const HIGH: usize = LOW << 7;
    const DOTS: usize = LOW * b'.' as usize;
    let x = usize::from_ne_bytes(bytes) ^ DOTS;
    x.wrapping_sub(LOW) & !x & HIGH
}

/// Whether `bytes` holds a `.`, tested two words at a time.
fn contains_dot(bytes: &[u8]) -> bool {
    let (words, rest) = bytes.as_chunks::<WORD>();
    let (pairs, odd) = words.as_chunks::<2>();
    let mut found = 0;
    for &[a, b] in pairs {
        found |= dot_bits(a) | dot_bits(b);
    }
    for &word in odd {
        found |= dot_bits(word);
    }
    found != 0 || rest.contains(&b'.')
}

/// Where the first `.` of `bytes` is: the words before the first one that
/// holds a dot are skipped whole, then bytes are looked at (at most a word).
fn first_dot(bytes: &[u8]) -> Option<usize> {
    let (words, _) = bytes.as_chunks::<WORD>();
    let skip = WORD * words.iter().take_while(|&&word| !has_dot(word)).count();
    let at = bytes.get(skip..)?.iter().position(|&b| b == b'.')?;
    Some(skip + at)
}

/// Where the last `.` of `bytes` is: [`first_dot`] from the end, the words
/// counted back from the last byte.
fn last_dot(bytes: &[u8]) -> Option<usize> {
    let (_, words) = bytes.as_rchunks::<WORD>();
    let skip = WORD
        * words
            .iter()
            .rev()
            .take_while(|&&word| !has_dot(word))
            .count();
    let end = bytes.len().checked_sub(skip)?;
    bytes.get(..end)?.iter().rposition(|&b| b == b'.')
}

// Out of line: its frame (the header's parse) is gone before the signature
// check and the payload's parse, which lowers the peak stack of an HS256
// firmware by ~100 B; and several key types in one program share it.
#[inline(never)]
fn decode_header<'b, 's>(
    segment: &[u8],
    buf: &'b mut [u8],
    slot: &'s mut Option<Header<'b>>,
) -> Result<&'s Header<'b>, Error> {
    Header::parse_in(decode_text(segment, buf, Part::Header)?, slot)
}

/// Decodes a base64url segment that must hold UTF-8 text.
pub(crate) fn decode_text<'b>(
    segment: &[u8],
    buf: &'b mut [u8],
    part: Part,
) -> Result<&'b str, Error> {
    let bytes = base64url::decode(segment, buf).map_err(|_| Error::Malformed(part))?;
    core::str::from_utf8(bytes).map_err(|_| Error::Malformed(part))
}

#[cfg(test)]
mod tests {
    use super::{contains_dot, first_dot, last_dot};

    /// Every length up to three words, and at every two positions a dot,
    /// or a byte next to it in value, or a high byte that borrows: the word
    /// scans against byte scans.
    #[test]
    fn dot_scans_match_byte_scans() {
        const MAX: usize = 3 * size_of::<usize>() + 3;
        let check = |bytes: &[u8]| {
            assert_eq!(contains_dot(bytes), bytes.contains(&b'.'), "{bytes:?}");
            let first = bytes.iter().position(|&b| b == b'.');
            assert_eq!(first_dot(bytes), first, "{bytes:?}");
            let last = bytes.iter().rposition(|&b| b == b'.');
            assert_eq!(last_dot(bytes), last, "{bytes:?}");
        };
        for len in 0..MAX {
            for fill in [b'A', b'/', b'-', 0x00, 0xFF, 0xAE] {
                let mut bytes = [fill; MAX];
                let bytes = &mut bytes[..len];
                check(bytes);
                for at in 0..len {
                    for byte in [b'.', b'/', b'-', 0x2E ^ 0x80, 0x00] {
                        bytes[at] = byte;
                        check(bytes);
                        for other in 0..len {
                            let saved = bytes[other];
                            bytes[other] = b'.';
                            check(bytes);
                            bytes[other] = saved;
                        }
                        bytes[at] = fill;
                    }
                }
            }
        }
    }
}
