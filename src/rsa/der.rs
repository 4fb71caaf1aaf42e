//! A minimal, strict DER reader for RSA public keys: PKCS#1 `RSAPublicKey`
//! (RFC 8017 §A.1.1) and X.509 `SubjectPublicKeyInfo` (RFC 5280 §4.1, with
//! `rsaEncryption` and `NULL` parameters, RFC 3279 §2.3.1).
//!
//! Only what these two structures need: single-byte universal tags, definite
//! lengths in their shortest form (X.690 §10.1), `INTEGER`s in their shortest
//! two's-complement form and positive, a `BIT STRING` without unused bits,
//! and nothing left over at any level. Every violation is
//! [`KeyError::Encoding`], and another algorithm than `rsaEncryption` is
//! [`KeyError::KeyType`].

use crate::KeyError;

/// `SEQUENCE` (constructed).
const SEQUENCE: u8 = 0x30;
/// `INTEGER`.
const INTEGER: u8 = 0x02;
/// `BIT STRING`.
const BIT_STRING: u8 = 0x03;
/// `NULL`.
const NULL: u8 = 0x05;
/// `OBJECT IDENTIFIER`.
const OBJECT_IDENTIFIER: u8 = 0x06;

/// The content octets of OID 1.2.840.113549.1.1.1 (`rsaEncryption`).
const RSA_ENCRYPTION: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// Longest length field accepted, in bytes after the first (lengths up to 4 GiB).
const MAX_LENGTH_BYTES: usize = 4;

/// The two integers of an RSA public key, big-endian, without sign byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RsaPublicKeyDer<'a> {
    /// The modulus `n`.
    pub(crate) modulus: &'a [u8],
    /// The public exponent `e`.
    pub(crate) exponent: &'a [u8],
}

/// Parses a DER `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`.
pub(crate) fn parse_pkcs1(der: &[u8]) -> Result<RsaPublicKeyDer<'_>, KeyError> {
    let mut outer = Reader::new(der);
    let mut fields = Reader::new(outer.read(SEQUENCE)?);
    outer.finish()?;
    let modulus = positive_integer(fields.read(INTEGER)?)?;
    let exponent = positive_integer(fields.read(INTEGER)?)?;
    fields.finish()?;
    Ok(RsaPublicKeyDer { modulus, exponent })
}

/// Parses a DER `SubjectPublicKeyInfo` holding an `rsaEncryption` key:
/// `SEQUENCE { SEQUENCE { OID rsaEncryption, NULL }, BIT STRING { RSAPublicKey } }`.
pub(crate) fn parse_spki(der: &[u8]) -> Result<RsaPublicKeyDer<'_>, KeyError> {
    let mut outer = Reader::new(der);
    let mut spki = Reader::new(outer.read(SEQUENCE)?);
    outer.finish()?;
    let mut algorithm = Reader::new(spki.read(SEQUENCE)?);
    let key_bits = spki.read(BIT_STRING)?;
    spki.finish()?;
    if algorithm.read(OBJECT_IDENTIFIER)? != RSA_ENCRYPTION {
        return Err(KeyError::KeyType);
    }
    if !algorithm.read(NULL)?.is_empty() {
        return Err(KeyError::Encoding);
    }
    algorithm.finish()?;
    // The first content byte of a BIT STRING counts the unused bits: 0 here.
    match key_bits.split_first() {
        Some((0, rsa_public_key)) => parse_pkcs1(rsa_public_key),
        _ => Err(KeyError::Encoding),
    }
}

/// Reads consecutive tag-length-value elements from a byte string.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    const fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    /// Reads one element with the given `tag` and returns its content.
    fn read(&mut self, tag: u8) -> Result<&'a [u8], KeyError> {
        let (&actual, rest) = self.rest.split_first().ok_or(KeyError::Encoding)?;
        if actual != tag {
            return Err(KeyError::Encoding);
        }
        let (len, rest) = length(rest)?;
        let (content, rest) = rest.split_at_checked(len).ok_or(KeyError::Encoding)?;
        self.rest = rest;
        Ok(content)
    }

    /// Fails unless every byte was read.
    fn finish(self) -> Result<(), KeyError> {
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

/// The magnitude of a positive `INTEGER`'s content, checking the shortest
/// form: a leading `00` is allowed only before a byte with its top bit set.
/// Zero is `[]`; negative numbers are rejected.
fn positive_integer(content: &[u8]) -> Result<&[u8], KeyError> {
    match content {
        [] => Err(KeyError::Encoding),
        [first, ..] if first & 0x80 != 0 => Err(KeyError::Encoding),
        [0] => Ok(&[]),
        [0, magnitude @ ..] => match magnitude {
            [second, ..] if second & 0x80 != 0 => Ok(magnitude),
            _ => Err(KeyError::Encoding),
        },
        _ => Ok(content),
    }
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
    fn integers() {
        assert_eq!(positive_integer(&[0x01]), Ok(&[0x01][..]));
        assert_eq!(positive_integer(&[0x00, 0x80]), Ok(&[0x80][..]));
        assert_eq!(positive_integer(&[0x00]), Ok(&[][..]));
        for bad in [
            &[][..],
            &[0x80],
            &[0xFF, 0x01],
            &[0x00, 0x7F],
            &[0x00, 0x00, 0x80],
        ] {
            assert_eq!(positive_integer(bad), Err(KeyError::Encoding), "{bad:02x?}");
        }
    }

    #[test]
    fn pkcs1_minimal() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x0b, 0x02, 0x01, 0x03];
        let key = parse_pkcs1(&der).unwrap();
        assert_eq!((key.modulus, key.exponent), (&[0x0b][..], &[0x03][..]));
        assert!(parse_pkcs1(&der[..7]).is_err());
        let trailing = [0x30, 0x06, 0x02, 0x01, 0x0b, 0x02, 0x01, 0x03, 0x00];
        assert!(parse_pkcs1(&trailing).is_err());
        let inner_trailing = [0x30, 0x07, 0x02, 0x01, 0x0b, 0x02, 0x01, 0x03, 0x00];
        assert!(parse_pkcs1(&inner_trailing).is_err());
    }
}
