//! PEM armour (RFC 7468) around a DER public key, decoded without a heap.
//!
//! Accepted: `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo) or
//! `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1), a line break (LF, CRLF or CR),
//! the standard-alphabet padded base64 body in lines of 64 characters (the
//! last one shorter), a line break and the matching `-----END …-----` line.
//! Whitespace before the first and after the last boundary is ignored;
//! explanatory text, headers and other labels are not accepted.

use base64ct::{Base64, Decoder};

use crate::Error;

/// Characters per body line (RFC 7468 §2: generators wrap at 64).
const LINE_WIDTH: usize = 64;

/// What a PEM document holds, from its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    /// `PUBLIC KEY`: an X.509 SubjectPublicKeyInfo.
    PublicKey,
    /// `RSA PUBLIC KEY`: a PKCS#1 RSAPublicKey.
    RsaPublicKey,
}

/// Decodes the PEM document `pem` into `buf` and returns its label and DER.
pub(crate) fn decode<'b>(pem: &str, buf: &'b mut [u8]) -> Result<(Label, &'b [u8]), Error> {
    let text = pem.trim_ascii();
    let rest = text.strip_prefix("-----BEGIN ").ok_or(Error::InvalidKey)?;
    let (name, rest) = rest.split_once("-----").ok_or(Error::InvalidKey)?;
    let label = match name {
        "PUBLIC KEY" => Label::PublicKey,
        "RSA PUBLIC KEY" => Label::RsaPublicKey,
        _ => return Err(Error::InvalidKey),
    };
    let rest = strip_leading_line_break(rest)?;
    let body = rest
        .strip_suffix("-----")
        .and_then(|r| r.strip_suffix(name))
        .and_then(|r| r.strip_suffix("-----END "))
        .ok_or(Error::InvalidKey)?;
    let body = strip_trailing_line_break(body)?;
    let der = decode_body(body.as_bytes(), buf)?;
    Ok((label, der))
}

/// Removes the line break (CRLF, LF or CR) that `text` must start with.
fn strip_leading_line_break(text: &str) -> Result<&str, Error> {
    text.strip_prefix("\r\n")
        .or_else(|| text.strip_prefix('\n'))
        .or_else(|| text.strip_prefix('\r'))
        .ok_or(Error::InvalidKey)
}

/// Removes the line break (CRLF, LF or CR) that `text` must end with.
fn strip_trailing_line_break(text: &str) -> Result<&str, Error> {
    text.strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .or_else(|| text.strip_suffix('\r'))
        .ok_or(Error::InvalidKey)
}

/// Decodes the wrapped base64 `body` into the front of `buf`.
fn decode_body<'b>(body: &[u8], buf: &'b mut [u8]) -> Result<&'b [u8], Error> {
    let mut decoder =
        Decoder::<Base64>::new_wrapped(body, LINE_WIDTH).map_err(|_| Error::InvalidKey)?;
    let out = buf
        .get_mut(..decoder.remaining_len())
        .ok_or(Error::InvalidKey)?;
    let der = decoder.decode(out).map_err(|_| Error::InvalidKey)?;
    if decoder.is_finished() {
        Ok(der)
    } else {
        Err(Error::InvalidKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "abc" ×22 = 66 bytes: 88 characters, a 64-character line and a 24-character one.
    const LINE_1: &str = "YWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJj";
    const LINE_2: &str = "YWJjYWJjYWJjYWJjYWJjYWJj";

    fn check(pem: &str) -> Result<(Label, bool), Error> {
        let mut buf = [0u8; 128];
        let (label, der) = decode(pem, &mut buf)?;
        Ok((label, der.chunks(3).all(|c| c == b"abc") && der.len() == 66))
    }

    #[test]
    fn decodes_both_labels_and_line_breaks() {
        let ok = |pem: &str, label| assert_eq!(check(pem), Ok((label, true)), "{pem:?}");
        let mut text = [0u8; 256];
        for eol in ["\n", "\r\n", "\r"] {
            for (name, label) in [
                ("PUBLIC KEY", Label::PublicKey),
                ("RSA PUBLIC KEY", Label::RsaPublicKey),
            ] {
                let parts = [
                    "-----BEGIN ",
                    name,
                    "-----",
                    eol,
                    LINE_1,
                    eol,
                    LINE_2,
                    eol,
                    "-----END ",
                    name,
                    "-----",
                    eol,
                ];
                ok(join(&mut text, &parts), label);
            }
        }
        let begin = "-----BEGIN PUBLIC KEY-----\n";
        let end = "\n-----END PUBLIC KEY-----";
        let padded = ["  \n", begin, LINE_1, "\n", LINE_2, end, "\n\t"];
        ok(join(&mut text, &padded), Label::PublicKey);
    }

    #[test]
    fn rejects_deviations() {
        let mut text = [0u8; 256];
        let begin = "-----BEGIN PUBLIC KEY-----\n";
        let end = "\n-----END PUBLIC KEY-----";
        for parts in [
            &[
                "-----BEGIN PRIVATE KEY-----\n",
                LINE_1,
                "\n",
                LINE_2,
                "\n-----END PRIVATE KEY-----",
            ][..],
            &[
                begin,
                LINE_1,
                "\n",
                LINE_2,
                "\n-----END RSA PUBLIC KEY-----",
            ],
            &["-----BEGIN PUBLIC KEY-----", LINE_1, "\n", LINE_2, end], // no line break
            &[begin, LINE_1, "\n", LINE_2, "-----END PUBLIC KEY-----"],
            &[begin, LINE_1, LINE_2, end],       // one long line
            &[begin, LINE_2, "\n", LINE_1, end], // short line first
            &[begin, "YWJj-WJj", end],           // base64url alphabet
            &[begin, "YWJjYWJ=", end],           // non-canonical bits
            &[begin, end],
            &["Subject: x\n", begin, LINE_1, "\n", LINE_2, end],
        ] {
            let pem = join(&mut text, parts);
            assert_eq!(check(pem), Err(Error::InvalidKey), "{pem:?}");
        }
        // Too small a buffer is an error, never a truncation.
        let pem = join(&mut text, &[begin, LINE_1, "\n", LINE_2, end]);
        assert!(check(pem).is_ok());
        assert_eq!(decode(pem, &mut [0u8; 65]), Err(Error::InvalidKey));
    }

    /// `parts` concatenated in `buf` (no `alloc` in unit tests).
    fn join<'a>(buf: &'a mut [u8; 256], parts: &[&str]) -> &'a str {
        let mut len = 0;
        for part in parts {
            buf[len..len + part.len()].copy_from_slice(part.as_bytes());
            len += part.len();
        }
        core::str::from_utf8(&buf[..len]).unwrap()
    }
}
