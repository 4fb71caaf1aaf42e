//! PEM armour (RFC 7468) around a DER public key of any family, decoded
//! without a heap.
//!
//! The lax grammar of RFC 7468 §3 (`laxtextualmsg`), as public keys are
//! found in the wild: explanatory text before the `-----BEGIN` line (which
//! must start a line), whitespace at line ends, body lines of any length,
//! LF, CRLF or CR line breaks, whitespace after the `-----END` line. What
//! stays strict: the labels (`PUBLIC KEY` for a SubjectPublicKeyInfo, `RSA
//! PUBLIC KEY` for PKCS#1, the `END` label equal to the `BEGIN` one), the
//! standard base64 alphabet with canonical padding, and nothing but
//! whitespace inside the body (no RFC 1421 headers). A private key's label
//! is [`KeyError::Private`]; any other label [`KeyError::KeyType`].

use base64ct::{Base64, Encoding as _};

use crate::KeyError;

/// What a PEM document holds, from its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    /// `PUBLIC KEY`: an X.509 SubjectPublicKeyInfo.
    PublicKey,
    /// `RSA PUBLIC KEY`: a PKCS#1 RSAPublicKey.
    RsaPublicKey,
}

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";
const DASHES: &str = "-----";

/// Decodes the PEM document `pem` into `buf` and returns its label and DER.
pub(crate) fn decode<'b>(pem: &str, buf: &'b mut [u8]) -> Result<(Label, &'b [u8]), KeyError> {
    let rest = pem.get(find_begin(pem)?..).ok_or(KeyError::Encoding)?;
    let rest = rest.strip_prefix(BEGIN).ok_or(KeyError::Encoding)?;
    let (name, rest) = rest.split_once(DASHES).ok_or(KeyError::Encoding)?;
    let label = match name {
        "PUBLIC KEY" => Label::PublicKey,
        "RSA PUBLIC KEY" => Label::RsaPublicKey,
        _ if name.ends_with("PRIVATE KEY") => return Err(KeyError::Private),
        _ if name.bytes().all(|b| b.is_ascii_uppercase() || b == b' ') => {
            return Err(KeyError::KeyType);
        }
        _ => return Err(KeyError::Encoding),
    };
    // The rest of the BEGIN line: whitespace, then a line break.
    let rest = rest.trim_start_matches([' ', '\t']);
    if !rest.starts_with(['\r', '\n']) {
        return Err(KeyError::Encoding);
    }
    let (body, end) = rest.split_once(END).ok_or(KeyError::Encoding)?;
    let after = end
        .strip_prefix(name)
        .and_then(|end| end.strip_prefix(DASHES))
        .ok_or(KeyError::Encoding)?;
    // The END line starts a line, and only whitespace follows it.
    if !body.ends_with(['\r', '\n']) || !after.trim_ascii().is_empty() {
        return Err(KeyError::Encoding);
    }
    let der = decode_body(body.as_bytes(), buf)?;
    Ok((label, der))
}

/// Where `-----BEGIN ` starts a line (after whitespace, at most).
fn find_begin(pem: &str) -> Result<usize, KeyError> {
    let mut from = 0;
    loop {
        let at = from
            + pem
                .get(from..)
                .and_then(|r| r.find(BEGIN))
                .ok_or(KeyError::Encoding)?;
        // Only whitespace between the start of its line and `-----BEGIN`.
        let before = pem.as_bytes().get(..at).unwrap_or_default();
        let indent = before
            .iter()
            .rev()
            .take_while(|&&b| matches!(b, b' ' | b'\t'));
        let line_start = before.len() - indent.count();
        if line_start == 0 || matches!(before.get(line_start - 1), Some(b'\n' | b'\r')) {
            return Ok(at);
        }
        from = at + BEGIN.len();
    }
}

/// Decodes the base64 `body` (whitespace anywhere between characters) into
/// the front of `buf`, one 4-character quantum at a time; more than `buf`
/// holds is [`KeyError::TooLarge`].
fn decode_body<'b>(body: &[u8], buf: &'b mut [u8]) -> Result<&'b [u8], KeyError> {
    let mut quantum = [0u8; 4];
    let (mut filled, mut len, mut padded) = (0, 0, false);
    for &c in body {
        if matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
            continue;
        }
        // Padding ends the data: nothing may follow the padded quantum.
        if padded {
            return Err(KeyError::Encoding);
        }
        *quantum.get_mut(filled).ok_or(KeyError::Encoding)? = c;
        filled += 1;
        if filled == quantum.len() {
            let mut bytes = [0u8; 3];
            let bytes = Base64::decode(quantum, &mut bytes).map_err(|_| KeyError::Encoding)?;
            let n = bytes.len();
            // Past the buffer (twice the key type's width): a wider key.
            let out = buf.get_mut(len..len + n).ok_or(KeyError::TooLarge)?;
            out.copy_from_slice(bytes);
            len += n;
            padded = n < 3;
            filled = 0;
        }
    }
    if filled != 0 || len == 0 {
        return Err(KeyError::Encoding);
    }
    buf.get(..len).ok_or(KeyError::Encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "abc" ×22 = 66 bytes: 88 characters, a 64-character line and a 24-character one.
    const LINE_1: &str = "YWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJjYWJj";
    const LINE_2: &str = "YWJjYWJjYWJjYWJjYWJjYWJj";

    fn check(pem: &str) -> Result<(Label, bool), KeyError> {
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
    }

    /// RFC 7468 §3's lax grammar: what real files hold.
    #[test]
    fn lax_layout() {
        let ok = |pem: &str| assert_eq!(check(pem), Ok((Label::PublicKey, true)), "{pem:?}");
        let mut text = [0u8; 256];
        let begin = "-----BEGIN PUBLIC KEY-----\n";
        let end = "\n-----END PUBLIC KEY-----";
        for parts in [
            &["  \n", begin, LINE_1, "\n", LINE_2, end, "\n\t"][..],
            &["Subject: x\nIssuer: y\n", begin, LINE_1, "\n", LINE_2, end],
            &[begin, LINE_1, LINE_2, end],       // one long line
            &[begin, LINE_2, "\n", LINE_1, end], // short line first
            &[begin, LINE_1, " \t\r\n", LINE_2, "  ", end], // trailing whitespace
            &[
                "-----BEGIN PUBLIC KEY----- \r\n",
                LINE_1,
                "\r\n",
                LINE_2,
                "\r\n-----END PUBLIC KEY-----\r\n",
            ],
            &[begin, "YWJj YWJj\n", &LINE_1[8..], LINE_2, end], // space inside a line
        ] {
            ok(join(&mut text, parts));
        }
    }

    #[test]
    fn rejects_deviations() {
        let mut text = [0u8; 256];
        let begin = "-----BEGIN PUBLIC KEY-----\n";
        let end = "\n-----END PUBLIC KEY-----";
        use KeyError::*;
        for (parts, why) in [
            (
                &[
                    "-----BEGIN PRIVATE KEY-----\n",
                    LINE_1,
                    "\n-----END PRIVATE KEY-----",
                ][..],
                Private,
            ),
            (
                &[
                    "-----BEGIN CERTIFICATE-----\n",
                    LINE_1,
                    "\n-----END CERTIFICATE-----",
                ],
                KeyType,
            ),
            (&[begin, LINE_1, "\n-----END RSA PUBLIC KEY-----"], Encoding),
            (&["-----BEGIN PUBLIC KEY-----", LINE_1, end], Encoding), // no line break
            (&[begin, LINE_1, "-----END PUBLIC KEY-----"], Encoding), // END inside a line
            (&[begin, "YWJj-WJj", end], Encoding),                    // base64url alphabet
            (&[begin, "YWJjYWJ=", end], Encoding),                    // non-canonical bits
            (&[begin, "YWI=YWJj", end], Encoding),                    // data after padding
            (&[begin, "YWJjYWJ", end], Encoding),                     // incomplete quantum
            (&[begin, end], Encoding),
            (&["x-----BEGIN PUBLIC KEY-----\n", LINE_1, end], Encoding),
            (&[begin, "Proc-Type: 4,ENCRYPTED\n", LINE_1, end], Encoding),
            (&[begin, LINE_1, end, "\ntrailing text"], Encoding),
        ] {
            let pem = join(&mut text, parts);
            assert_eq!(check(pem), Err(why), "{pem:?}");
        }
        // Too small a buffer is an error, never a truncation.
        let pem = join(&mut text, &[begin, LINE_1, "\n", LINE_2, end]);
        assert!(check(pem).is_ok());
        assert_eq!(decode(pem, &mut [0u8; 65]), Err(TooLarge));
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
