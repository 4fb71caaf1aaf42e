//! Revocation: a hook checked after the signature and the claims, and a
//! ready fixed-capacity deny list.

use core::cell::RefCell;
use core::fmt;

use sha2::{Digest, Sha256};

use crate::{Claims, JsonStr};

/// Decides whether a verified token has been revoked.
///
/// [`verify`](crate::verify) asks it last, after the signature and every
/// claim check passed, when the policy names it
/// ([`Validation::revocation`](crate::Validation::revocation)); a token
/// without `jti` is then [`Error::MissingClaim`](crate::Error::MissingClaim)
/// before the hook is asked. A `true` is [`Error::Revoked`](crate::Error::Revoked).
///
/// Implement it over your own store (a database, a shared cache), or use
/// [`DenyList`]. `now` is the time the token is verified at.
pub trait Revocation {
    /// Whether the token with these verified `claims` is revoked at `now`.
    fn is_revoked(&self, claims: &Claims<'_>, now: i64) -> bool;
}

impl<T: Revocation + ?Sized> Revocation for &T {
    fn is_revoked(&self, claims: &Claims<'_>, now: i64) -> bool {
        (**self).is_revoked(claims, now)
    }
}

/// A deny list that the application updates while policies borrow it, on a
/// single thread (e.g. firmware's main loop): if it is being updated at the
/// moment of the check (mutably borrowed), every token counts as revoked —
/// fail closed, never a panic.
impl<T: Revocation> Revocation for RefCell<T> {
    fn is_revoked(&self, claims: &Claims<'_>, now: i64) -> bool {
        self.try_borrow()
            .map_or(true, |inner| inner.is_revoked(claims, now))
    }
}

/// The deny list is full: the revocation was **not** recorded.
///
/// Nothing is dropped to make room: entries leave only when the tokens they
/// revoke have expired anyway ([`DenyList::purge`], done by every insertion).
/// Size the list for the revocations that can be pending within one token
/// lifetime, and treat this error as an incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DenyListFull;

impl fmt::Display for DenyListFull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("deny list full: the revocation was not recorded")
    }
}

impl core::error::Error for DenyListFull {}

/// What an entry revokes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The token whose `jti` has this digest.
    Jti,
    /// Every token whose `sub` has this digest and whose `iat` is before `issued_before`.
    Subject { issued_before: i64 },
}

/// One revocation: 40 bytes on 32-bit targets and on x86-64.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// The first 16 bytes of SHA-256 over the identifier's decoded text.
    digest: [u8; 16],
    /// When the entry can go: the tokens it revokes are expired by then.
    until: i64,
    kind: Kind,
}

/// A fixed-capacity deny list of revoked tokens (by `jti`) and subjects
/// ("log out everywhere": every token of a `sub` issued before a time).
///
/// No heap: `N` entries of 40 bytes each, in place. An entry is kept only
/// until the tokens it revokes would have expired anyway (its `until`), so
/// the list never grows without bound; when it is full after dropping the
/// expired entries, an insertion is [`DenyListFull`] — a revocation is never
/// silently lost. Identifiers are kept as the first 128 bits of their
/// SHA-256 (so an identifier of any length takes the same room; compared
/// after JSON unescaping).
///
/// ```
/// use core::cell::RefCell;
/// use jwt_embedded::{DenyList, Hs256Key, Validation, verify};
///
/// let deny = RefCell::new(DenyList::<16>::new());
/// let now = 1_700_000_000;
/// // The user logged out: revoke their token until its `exp` (+ the leeway) has passed.
/// deny.borrow_mut().revoke_jti("0b5f6a1e", 1_800_000_000, now)?;
///
/// let policy = Validation::new().revocation(&deny);
/// let key = Hs256Key::new(b"0123456789abcdef0123456789abcdef")?;
/// // {"exp":1800000000,"jti":"0b5f6a1e"}
/// let token = b"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE4MDAwMDAwMDAsImp0aSI6IjBiNWY2YTFlIn0.\
///     Qlzrmx_o8BRaW87SqP5RBcL_mf-idY7yqTI8XlQuktc";
/// let mut buf = [0u8; 128];
/// assert_eq!(verify(token, &key, &policy, now, &mut buf), Err(jwt_embedded::Error::Revoked));
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct DenyList<const N: usize> {
    entries: [Option<Entry>; N],
}

impl<const N: usize> Default for DenyList<N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const N: usize> DenyList<N> {
    /// An empty list with room for `N` revocations.
    pub const fn new() -> Self {
        Self { entries: [None; N] }
    }

    /// The room for revocations.
    pub const fn capacity(&self) -> usize {
        N
    }

    /// The revocations held (expired ones included until they are purged).
    pub fn len(&self) -> usize {
        self.entries.iter().flatten().count()
    }

    /// Whether no revocation is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Drops the entries whose tokens have all expired by `now` (`until <= now`).
    pub fn purge(&mut self, now: i64) {
        for slot in &mut self.entries {
            if slot.is_some_and(|e| e.until <= now) {
                *slot = None;
            }
        }
    }

    /// Revokes the token whose `jti` is `jti` until `until`, the time from
    /// which it is rejected as expired anyway: its `exp` plus the policy's
    /// leeway. Nothing is stored when `until <= now`. Revoking the same
    /// `jti` again keeps one entry, with the later `until`.
    pub fn revoke_jti(&mut self, jti: &str, until: i64, now: i64) -> Result<(), DenyListFull> {
        self.insert(digest_str(jti), Kind::Jti, until, now)
    }

    /// Revokes every token of the subject `sub` issued before
    /// `issued_before` (its `iat < issued_before`; a token of that subject
    /// without `iat` counts as revoked), until `until`: `issued_before` plus
    /// the longest lifetime a token may have (see
    /// [`Validation::max_lifetime`](crate::Validation::max_lifetime)) plus
    /// the leeway. Revoking the same subject again keeps one entry, with the
    /// later times.
    pub fn revoke_subject(
        &mut self,
        sub: &str,
        issued_before: i64,
        until: i64,
        now: i64,
    ) -> Result<(), DenyListFull> {
        self.insert(digest_str(sub), Kind::Subject { issued_before }, until, now)
    }

    fn insert(
        &mut self,
        digest: [u8; 16],
        kind: Kind,
        until: i64,
        now: i64,
    ) -> Result<(), DenyListFull> {
        if until <= now {
            return Ok(());
        }
        self.purge(now);
        let same_kind =
            |a: Kind, b: Kind| core::mem::discriminant(&a) == core::mem::discriminant(&b);
        if let Some(entry) = self
            .entries
            .iter_mut()
            .flatten()
            .find(|e| e.digest == digest && same_kind(e.kind, kind))
        {
            entry.until = entry.until.max(until);
            if let (Kind::Subject { issued_before: old }, Kind::Subject { issued_before }) =
                (&mut entry.kind, kind)
            {
                *old = (*old).max(issued_before);
            }
            return Ok(());
        }
        let free = self
            .entries
            .iter_mut()
            .find(|slot| slot.is_none())
            .ok_or(DenyListFull)?;
        *free = Some(Entry {
            digest,
            until,
            kind,
        });
        Ok(())
    }
}

impl<const N: usize> Revocation for DenyList<N> {
    fn is_revoked(&self, claims: &Claims<'_>, _now: i64) -> bool {
        if self.is_empty() {
            return false;
        }
        let jti = claims.jti.map(|s| digest_json(&s));
        let sub = claims.sub.map(|s| digest_json(&s));
        self.entries.iter().flatten().any(|e| match e.kind {
            Kind::Jti => jti == Some(e.digest),
            Kind::Subject { issued_before } => {
                sub == Some(e.digest) && claims.iat.is_none_or(|iat| iat.before(issued_before))
            }
        })
    }
}

fn digest_str(text: &str) -> [u8; 16] {
    truncate(Sha256::digest(text.as_bytes()).as_slice())
}

/// The digest of a JSON string's decoded text, fed in UTF-8 without a buffer
/// (a string without escapes is one piece: the same digest as
/// [`digest_str`] of its text).
fn digest_json(text: &JsonStr<'_>) -> [u8; 16] {
    let mut hasher = Sha256::new();
    text.for_each_piece(&mut |piece| hasher.update(piece));
    truncate(hasher.finalize().as_slice())
}

fn truncate(digest: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (o, d) in out.iter_mut().zip(digest) {
        *o = *d;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An escaped string digests as its decoded text: escapes of one byte,
    /// of several, surrogate pairs, and plain runs between them.
    #[test]
    fn escaped_text_digests_as_its_decoded_text() {
        for (json, text) in [
            (r#"a\/b"#, "a/b"),
            (r#"\n"#, "\n"),
            (r#"caf\u00e9"#, "café"),
            (r#"x\ud83d\ude00y\t"#, "x😀y\t"),
            (r#"\"\\"#, "\"\\"),
        ] {
            let doc = ["{\"jti\":\"", json, "\"}"].concat();
            let mut digest = None;
            crate::json::parse_object(&doc, |_, value| {
                if let crate::json::Value::Str(s) = value {
                    assert!(s.is_escaped());
                    digest = Some(digest_json(&s));
                }
            })
            .unwrap();
            assert_eq!(digest, Some(digest_str(text)), "{json}");
        }
        // Without escapes: one piece, the text itself (and the empty string).
        for text in ["0b5f6a1e-8d0c-4a57-9c36-2f1e7d4b8a90", "", "é😀"] {
            let doc = ["{\"jti\":\"", text, "\"}"].concat();
            let mut digest = None;
            crate::json::parse_object(&doc, |_, value| {
                if let crate::json::Value::Str(s) = value {
                    assert!(!s.is_escaped());
                    digest = Some(digest_json(&s));
                }
            })
            .unwrap();
            assert_eq!(digest, Some(digest_str(text)), "{text}");
        }
    }
}
