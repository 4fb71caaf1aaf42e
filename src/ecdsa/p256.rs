//! P-256 (secp256r1) with SHA-256: ES256, on RustCrypto's `p256`.

use p256::ecdsa::VerifyingKey;
use p256::elliptic_curve::point::AffineCoordinates;
use p256::{AffinePoint, FieldBytes};

/// The curve P-256 with SHA-256 (ES256), as a type parameter of
/// [`EcdsaKey`](super::EcdsaKey).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum P256 {}

impl super::EcCurve for P256 {}

impl super::sealed::Curve for P256 {
    type Key = VerifyingKey;
    const ALGORITHM: crate::Algorithm = crate::Algorithm::Es256;
    const CRV: &'static str = "P-256";
    /// `prime256v1` (1.2.840.10045.3.1.7).
    const OID: &'static [u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    const LEN: usize = 32;

    fn key(x: &[u8], y: &[u8]) -> Option<VerifyingKey> {
        let x = FieldBytes::try_from(x).ok()?;
        let y = FieldBytes::try_from(y).ok()?;
        let point = Option::from(AffinePoint::from_coordinates(&x, &y))?;
        VerifyingKey::from_affine(point).ok()
    }

    fn verify(key: &VerifyingKey, message: &[u8], signature: &[u8]) -> bool {
        super::verify::verify::<p256::NistP256, sha2::Sha256>(key.as_affine(), message, signature)
    }
}
