//! The RSA signature schemes, as type parameters of [`RsaKey`](super::RsaKey):
//! the padding and the hash together, which fix the algorithm.

use core::marker::PhantomData;

use crate::hash::JwsHash;

/// An RSA signature scheme: [`Pkcs1v15`] or [`Pss`] on one hash. Sealed.
pub trait RsaScheme: sealed::Scheme {}

/// RSASSA-PKCS1-v1_5 with hash `H` (RFC 8017 §8.2): RS256, RS384, RS512.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pkcs1v15<H: JwsHash>(PhantomData<H>, Never);

/// RSASSA-PSS with hash `H`, MGF1 with `H` and a salt of `H`'s length
/// (RFC 8017 §8.1, RFC 7518 §3.5): PS256, PS384, PS512.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pss<H: JwsHash>(PhantomData<H>, Never);

/// Makes the scheme markers uninhabited: they are only type parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Never {}

impl<H: JwsHash> RsaScheme for Pkcs1v15<H> {}
impl<H: JwsHash> RsaScheme for Pss<H> {}

pub(crate) mod sealed {
    use crate::rsa::arith::Nat;

    use crate::Error;
    use crate::rsa::public_key::Core;

    /// How a scheme checks the opened signature `m = s^e mod n`.
    pub trait Scheme {
        /// The algorithm the scheme and hash make.
        const ALGORITHM: crate::Algorithm;
        /// Checks `m` against `message`; any failure is [`Error::Signature`].
        fn check<const LIMBS: usize>(
            key: &Core<LIMBS>,
            message: &[u8],
            m: &Nat<LIMBS>,
        ) -> Result<(), Error>;
    }
}
