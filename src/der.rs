//! A minimal, strict DER reader for public keys (X.690 §10): what an X.509
//! `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7) and a PKCS#1 `RSAPublicKey`
//! need, and no more.
//!
//! Single-byte universal tags, definite lengths in their shortest form, and
//! nothing left over at any level. Every violation is
//! [`KeyError::Encoding`]; an algorithm the key type does not take is the
//! caller's [`KeyError::KeyType`].

use crate::KeyError;

/// `SEQUENCE` (constructed).
pub(crate) const SEQUENCE: u8 = 0x30;
/// `INTEGER`.
pub(crate) const INTEGER: u8 = 0x02;
/// `BIT STRING`.
const BIT_STRING: u8 = 0x03;
/// `NULL`.
const NULL: u8 = 0x05;
/// `OBJECT IDENTIFIER`.
const OBJECT_IDENTIFIER: u8 = 0x06;

/// Longest length field accepted, in bytes after the first (lengths up to 4 GiB).
const MAX_LENGTH_BYTES: usize = 4;

/// The parameters of a `SubjectPublicKeyInfo`'s `AlgorithmIdentifier`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Parameters<'a> {
    /// Absent (Ed25519, RFC 8410 §3).
    Absent,
    /// `NULL` (`rsaEncryption`, RFC 3279 §2.3.1).
    Null,
    /// An `OBJECT IDENTIFIER`, its content octets (an EC key's named curve,
    /// RFC 5480 §2.1.1).
    Oid(&'a [u8]),
}

/// A `SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING }`,
/// split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spki<'a> {
    /// The algorithm's OID, content octets.
    pub(crate) algorithm: &'a [u8],
    /// Its parameters.
    pub(crate) parameters: Parameters<'a>,
    /// The `subjectPublicKey` bits (whole bytes: no unused bits allowed).
    pub(crate) key: &'a [u8],
}

/// Parses a DER `SubjectPublicKeyInfo`. Parameters other than absent,
/// `NULL` or one `OBJECT IDENTIFIER` are [`KeyError::Encoding`].
pub(crate) fn spki(der: &[u8]) -> Result<Spki<'_>, KeyError> {
    let mut outer = Reader::new(der);
    let mut fields = Reader::new(outer.read(SEQUENCE)?);
    outer.finish()?;
    let mut algorithm = Reader::new(fields.read(SEQUENCE)?);
    let key_bits = fields.read(BIT_STRING)?;
    fields.finish()?;
    let oid = algorithm.read(OBJECT_IDENTIFIER)?;
    let parameters = match algorithm.peek() {
        None => Parameters::Absent,
        Some(NULL) if algorithm.read(NULL)?.is_empty() => Parameters::Null,
        Some(OBJECT_IDENTIFIER) => Parameters::Oid(algorithm.read(OBJECT_IDENTIFIER)?),
        Some(_) => return Err(KeyError::Encoding),
    };
    algorithm.finish()?;
    // The first content byte of a BIT STRING counts the unused bits: 0 here.
    match key_bits.split_first() {
        Some((0, key)) => Ok(Spki {
            algorithm: oid,
            parameters,
            key,
        }),
        _ => Err(KeyError::Encoding),
    }
}

/// Reads consecutive tag-length-value elements from a byte string.
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) const fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    /// Reads one element with the given `tag` and returns its content.
    pub(crate) fn read(&mut self, tag: u8) -> Result<&'a [u8], KeyError> {
        let (&actual, rest) = self.rest.split_first().ok_or(KeyError::Encoding)?;
        if actual != tag {
            return Err(KeyError::Encoding);
        }
        let (len, rest) = length(rest)?;
        let (content, rest) = rest.split_at_checked(len).ok_or(KeyError::Encoding)?;
        self.rest = rest;
        Ok(content)
    }

    /// The tag of the next element, if any.
    fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Fails unless every byte was read.
    pub(crate) fn finish(self) -> Result<(), KeyError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(KeyError::Encoding)
        }
    }
}

/// Decodes a definite length in its shortest form; returns it and the rest.
fn length(bytes: &[u8]) -> Result<(usize, &[u8]), KeyError> {
    let (&first, rest) = bytes.split_first().ok_or(KeyError::Encoding)?;
    if first < 0x80 {
        return Ok((usize::from(first), rest));
    }
    // 0x80 is the indefinite form (BER only); 0xFF is reserved.
    let count = usize::from(first & 0x7F);
    if count == 0 || count > MAX_LENGTH_BYTES {
        return Err(KeyError::Encoding);
    }
    let (digits, rest) = rest.split_at_checked(count).ok_or(KeyError::Encoding)?;
    if digits.first() == Some(&0) {
        return Err(KeyError::Encoding); // leading zero: not the shortest form
    }
    let len = digits
        .iter()
        .try_fold(0usize, |len, &d| {
            len.checked_mul(256)?.checked_add(usize::from(d))
        })
        .ok_or(KeyError::Encoding)?;
    if len < 0x80 {
        return Err(KeyError::Encoding); // fits the short form
    }
    Ok((len, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(length(&[0x05, 1]), Ok((5, &[1u8][..])));
        assert_eq!(length(&[0x81, 0x80]), Ok((0x80, &[][..])));
        assert_eq!(length(&[0x82, 0x01, 0x00]), Ok((0x100, &[][..])));
        for bad in [
            &[][..],
            &[0x80],             // indefinite
            &[0x81, 0x7F],       // short form fits
            &[0x82, 0x00, 0x80], // leading zero
            &[0x82, 0x01],       // truncated
            &[0x85, 1, 0, 0, 0, 0],
            &[0xFF],
        ] {
            assert_eq!(length(bad), Err(KeyError::Encoding), "{bad:02x?}");
        }
    }

    #[test]
    fn spki_parameters() {
        // SEQUENCE { SEQUENCE { OID 1.2.3, parameters }, BIT STRING { 00 AB } }
        let check = |parameters: &[u8], expected: Result<Parameters<'_>, KeyError>| {
            let mut der = [0u8; 32];
            let algorithm_len = 4 + parameters.len();
            let parts: [&[u8]; 4] = [
                &[0x30, (algorithm_len + 6) as u8, 0x30, algorithm_len as u8],
                &[0x06, 0x02, 0x2a, 0x03],
                parameters,
                &[0x03, 0x02, 0x00, 0xab],
            ];
            let mut len = 0;
            for part in parts {
                der[len..len + part.len()].copy_from_slice(part);
                len += part.len();
            }
            let parsed = spki(&der[..len]);
            assert_eq!(parsed.map(|s| s.parameters), expected, "{parameters:02x?}");
            if let Ok(s) = parsed {
                assert_eq!((s.algorithm, s.key), (&[0x2a, 0x03][..], &[0xab][..]));
            }
        };
        check(&[], Ok(Parameters::Absent));
        check(&[0x05, 0x00], Ok(Parameters::Null));
        check(&[0x06, 0x01, 0x07], Ok(Parameters::Oid(&[0x07])));
        for bad in [
            &[0x05, 0x01, 0x00][..],
            &[0x02, 0x01, 0x01],
            &[0x05, 0x00, 0x05, 0x00],
        ] {
            check(bad, Err(KeyError::Encoding));
        }
    }
}
