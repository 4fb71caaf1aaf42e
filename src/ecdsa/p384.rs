//! P-384 (secp384r1) with SHA-384: ES384, on RustCrypto's `p384`.

use p384::ecdsa::VerifyingKey;
use p384::elliptic_curve::point::AffineCoordinates;
use p384::{AffinePoint, FieldBytes};

/// The curve P-384 with SHA-384 (ES384), as a type parameter of
/// [`EcdsaKey`](super::EcdsaKey).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum P384 {}

impl super::EcCurve for P384 {}

impl super::sealed::Curve for P384 {
    type Key = VerifyingKey;
    const ALGORITHM: crate::Algorithm = crate::Algorithm::Es384;
    const CRV: &'static str = "P-384";
    /// `secp384r1` (1.3.132.0.34).
    const OID: &'static [u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
    const LEN: usize = 48;

    fn key(x: &[u8], y: &[u8]) -> Option<VerifyingKey> {
        let x = FieldBytes::try_from(x).ok()?;
        let y = FieldBytes::try_from(y).ok()?;
        let point = Option::from(AffinePoint::from_coordinates(&x, &y))?;
        VerifyingKey::from_affine(point).ok()
    }

    fn verify(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
        super::verify::verify::<p384::NistP384, sha2::Sha384>(key.as_affine(), message, signature)
    }
}
