//! PKCS#1 `RSAPublicKey` (RFC 8017 §A.1.1) and an `rsaEncryption`
//! `SubjectPublicKeyInfo` (RFC 5280 §4.1, RFC 3279 §2.3.1), on the crate's
//! strict DER reader: `INTEGER`s in their shortest two's-complement form and
//! positive. Every violation is [`KeyError::Encoding`], and another
//! algorithm than `rsaEncryption` is [`KeyError::KeyType`].

use crate::KeyError;
use crate::der::{self, INTEGER, Parameters, Reader, SEQUENCE};

/// The content octets of OID 1.2.840.113549.1.1.1 (`rsaEncryption`).
const RSA_ENCRYPTION: [u8; 9] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

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
    let spki = der::spki(der)?;
    if spki.algorithm != RSA_ENCRYPTION {
        return Err(KeyError::KeyType);
    }
    if spki.parameters != Parameters::Null {
        return Err(KeyError::Encoding);
    }
    parse_pkcs1(spki.key)
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
