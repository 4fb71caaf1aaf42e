//! HS256, HS384 and HS512 verification of jwt-embedded under valgrind memcheck with the secret
//! marked undefined (the "ctgrind" method), run by `.ci/ct`; see SECURITY.md.
//!
//! Memcheck tracks, bit by bit, which values derive from undefined memory and
//! reports every conditional branch and every memory address computed from
//! them. Marking the HMAC secret undefined (a client request, csrc/) turns it
//! into a secret-dependence checker: the keyed HMAC state, the computed tag
//! and anything derived from them inherit the mark.
//!
//! What is required, for HS256 with a 32-byte secret, a 100-byte one (hashed
//! by HMAC first) and a base64url one (`Hs256Key::from_base64url`, decoded by
//! base64ct), for HS384 with a 48-byte secret and for HS512 with a 64-byte
//! one and a 200-byte one (longer than SHA-512's block), each with the right
//! tag, a tag wrong in its first byte and one wrong in its last byte:
//!
//! - key setup, `Hs256Key::verify_mac` and `verify`: no memcheck report
//!   (counted around each call with `VALGRIND_COUNT_ERRORS`) except at the
//!   declassification points listed, and justified, in `ct.supp`, whose
//!   reports memcheck suppresses: the branch of `verify` on the signature
//!   verdict (it must branch on it: nothing is parsed after a failed
//!   signature), and base64ct's validity checks on a base64url secret;
//! - the harness declassifies only the result of each call, the verdict;
//! - positive controls, so the check cannot pass vacuously: the verdict of
//!   `verify_mac` must still be secret-derived when it returns (read back
//!   with `VALGRIND_GET_VBITS`), and `.ci/ct` requires the verdict
//!   suppression to have been used exactly once per `verify` call (the number
//!   printed last).
//!
//! Exit status: 0 when all holds, 1 otherwise, 2 when not run under valgrind.

#![deny(clippy::undocumented_unsafe_blocks)]

use std::process::ExitCode;

use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use jwt_embedded::{
    Error, HmacKey, Hs256Key, Hs384Key, Hs512Key, JwsHash, Validation, VerifyingKey, buffer_len,
    verify,
};
use sha2::{Sha256, Sha384, Sha512};

/// Safe wrappers around the client requests of csrc/valgrind.c.
mod vg {
    unsafe extern "C" {
        fn jwt_ct_secret(p: *const u8, len: usize);
        fn jwt_ct_declassify(p: *const u8, len: usize);
        fn jwt_ct_running_on_valgrind() -> u32;
        fn jwt_ct_error_count() -> u32;
        fn jwt_ct_undefined_bytes(p: *const u8, len: usize) -> isize;
    }

    /// Marks the bytes of `v` as secret (undefined for memcheck), unless
    /// `JWT_CT_UNMARKED` is set: `.ci/ct --mutants` checks that the harness
    /// then fails (its positive controls), i.e. that it cannot pass vacuously.
    pub fn secret<T: ?Sized>(v: &mut T) {
        if std::env::var_os("JWT_CT_UNMARKED").is_some() {
            return;
        }
        // SAFETY: the request only changes memcheck's shadow state of the
        // `size_of_val(v)` bytes the exclusive borrow keeps valid; the bytes
        // themselves are unchanged. A no-op outside valgrind.
        unsafe { jwt_ct_secret((v as *mut T).cast::<u8>(), size_of_val(v)) }
    }

    /// Marks the bytes of `v` as public (defined for memcheck).
    pub fn declassify<T>(v: &mut T) {
        // SAFETY: as in `secret`.
        unsafe { jwt_ct_declassify((v as *mut T).cast::<u8>(), size_of::<T>()) }
    }

    /// Whether the process runs under valgrind.
    pub fn running() -> bool {
        // SAFETY: a client request without arguments.
        unsafe { jwt_ct_running_on_valgrind() != 0 }
    }

    /// Errors memcheck has reported so far (each occurrence counts).
    pub fn errors() -> u32 {
        // SAFETY: a client request without arguments.
        unsafe { jwt_ct_error_count() }
    }

    /// How many bytes of `v` hold secret-derived (undefined) bits; `None`
    /// outside memcheck. Reads shadow memory only, reports nothing.
    pub fn undefined_bytes<T>(v: &T) -> Option<usize> {
        // SAFETY: the request reads memcheck's shadow state of the bytes of
        // `v`, which the borrow keeps valid, never the bytes themselves.
        let n = unsafe { jwt_ct_undefined_bytes((v as *const T).cast::<u8>(), size_of::<T>()) };
        usize::try_from(n).ok()
    }
}

/// Unix time of the checks; the tokens expire in 2100.
const NOW: i64 = 1_750_000_000;

const PAYLOAD: &[u8] = br#"{"sub":"device-1","exp":4102444800}"#;

/// The tag variants every key is checked with: the byte to tamper with,
/// from the first or from the last.
const TAGS: [(&str, Option<Tamper>); 3] = [
    ("right tag", None),
    ("tag wrong in its first byte", Some(Tamper::First)),
    ("tag wrong in its last byte", Some(Tamper::Last)),
];

#[derive(Clone, Copy)]
enum Tamper {
    First,
    Last,
}

fn b64(bytes: &[u8]) -> String {
    let mut out = [0u8; 128];
    Base64UrlUnpadded::encode(bytes, &mut out)
        .expect("short input")
        .to_owned()
}

/// `header.payload` for algorithm `alg`, the HMAC tag over it under
/// `secret` (computed by the `hmac` crate from a copy of the secret that
/// stays defined), with one bit of the first or last byte flipped if asked.
fn signed(alg: &str, secret: &[u8], tamper: Option<Tamper>) -> (String, Vec<u8>) {
    let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
    let signing_input = format!("{}.{}", b64(header.as_bytes()), b64(PAYLOAD));
    let input = signing_input.as_bytes();
    let mut tag = match alg {
        "HS256" => mac::<Hmac<Sha256>>(secret, input),
        "HS384" => mac::<Hmac<Sha384>>(secret, input),
        "HS512" => mac::<Hmac<Sha512>>(secret, input),
        _ => unreachable!("HMAC algorithms only"),
    };
    let last = tag.len() - 1;
    match tamper {
        Some(Tamper::First) => tag[0] ^= 0x01,
        Some(Tamper::Last) => tag[last] ^= 0x01,
        None => {}
    }
    (signing_input, tag)
}

fn mac<M: Mac + KeyInit>(secret: &[u8], input: &[u8]) -> Vec<u8> {
    let mut mac = <M as KeyInit>::new_from_slice(secret).expect("any key length");
    mac.update(input);
    mac.finalize().into_bytes().to_vec()
}

struct Harness {
    failures: u32,
    /// `verify` calls so far: each branches once on its verdict.
    verdicts: u32,
}

impl Harness {
    /// Runs `f` and checks that memcheck reported nothing meanwhile (reports
    /// matched by ct.supp are not counted).
    fn count<R>(&mut self, what: &str, f: impl FnOnce() -> R) -> R {
        let before = vg::errors();
        let result = f();
        let reports = vg::errors() - before;
        let status = if reports == 0 {
            "ok"
        } else {
            self.failures += 1;
            "FAIL"
        };
        println!("  {status:4} {what}: {reports} report(s)");
        result
    }

    /// [`count`](Self::count), then declassifies the result: the verdict
    /// (and, for `verify`, the public payload data beside it).
    fn verdict<R>(&mut self, what: &str, f: impl FnOnce() -> R) -> R {
        let mut result = self.count(what, f);
        vg::declassify(&mut result);
        result
    }

    fn expect<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, got: T, want: T) {
        if got != want {
            self.failures += 1;
            println!("  FAIL {what}: got {got:?}, expected {want:?}");
        }
    }

    /// Key setup from the secret, then `verify_mac` and `verify` with the
    /// right tag and with tags wrong in the first and in the last byte.
    fn check_key<H: JwsHash>(
        &mut self,
        name: &str,
        raw: &[u8],
        make: impl FnOnce() -> Result<HmacKey<H>, Error>,
    ) {
        println!("{name}:");
        // Whether the secret was accepted is public (its length, its encoding).
        let key = self.count("key setup", make).expect("a valid secret");
        let policy = Validation::new();
        for (variant, tamper) in TAGS {
            let want = if tamper.is_none() {
                Ok(())
            } else {
                Err(Error::Signature)
            };
            let (signing_input, tag) = signed(key.algorithm().name(), raw, tamper);
            let mut got = self.count(&format!("verify_mac, {variant}"), || {
                key.verify_mac(signing_input.as_bytes(), &tag)
            });
            // Positive control: the verdict must still be secret-derived here
            // (undefined), or the marking never reached the computed tag and
            // the check above proved nothing.
            let mut accepted = got.is_ok();
            if vg::undefined_bytes(&accepted) == Some(1) {
                println!("  ok   verify_mac verdict secret-derived until declassified");
            } else {
                self.failures += 1;
                println!("  FAIL verify_mac verdict not secret-derived: the check is vacuous");
            }
            vg::declassify(&mut accepted);
            vg::declassify(&mut got);
            self.expect("verify_mac verdict", got, want);

            let token = format!("{signing_input}.{}", b64(&tag));
            let mut buf = vec![0u8; buffer_len(token.len())];
            self.verdicts += 1;
            let got = self.verdict(&format!("verify, {variant}"), || {
                verify(token.as_bytes(), &key, &policy, NOW, &mut buf).map(|v| v.payload().len())
            });
            self.expect("verify verdict", got, want.map(|()| PAYLOAD.len()));
        }
    }
}

fn main() -> ExitCode {
    if !vg::running() {
        eprintln!("ct: not running under valgrind: run `.ci/ct`");
        return ExitCode::from(2);
    }
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    println!(
        "SHA-NI visible to the guest: {} (sha2 picks its backend at run time; without it, the portable one)",
        std::arch::is_x86_feature_detected!("sha")
    );
    let mut h = Harness {
        failures: 0,
        verdicts: 0,
    };

    let raw32: [u8; 32] = *b"Kf3\x00\x9c correct horse staple \xff\x10\x80!@";
    let mut s = raw32;
    h.check_key("32-byte secret, Hs256Key::new", &raw32, || {
        vg::secret(&mut s);
        Hs256Key::new(&s)
    });

    // Longer than SHA-256's 64-byte block: HMAC hashes it first.
    let raw100: Vec<u8> = (0u8..100).map(|i| i.wrapping_mul(37) ^ 0x5a).collect();
    let mut s = raw100.clone();
    h.check_key("100-byte secret, Hs256Key::new", &raw100, || {
        vg::secret(s.as_mut_slice());
        Hs256Key::new(&s)
    });

    // A JWK `k`, decoded by base64ct.
    let mut k = b64(&raw32);
    h.check_key("32-byte secret, Hs256Key::from_base64url", &raw32, || {
        vg::secret(k.as_mut_str());
        Hs256Key::from_base64url(&k)
    });

    // HS384 and HS512: the same code on SHA-384/512, keyed with secrets of
    // the hash's length, and (HS512) one longer than its 128-byte block.
    let raw48: Vec<u8> = (0u8..48).map(|i| i.wrapping_mul(91) ^ 0xc3).collect();
    let mut s = raw48.clone();
    h.check_key("48-byte secret, Hs384Key::new", &raw48, || {
        vg::secret(s.as_mut_slice());
        Hs384Key::new(&s)
    });
    let raw64: Vec<u8> = (0u8..64).map(|i| i.wrapping_mul(53) ^ 0x1e).collect();
    let mut s = raw64.clone();
    h.check_key("64-byte secret, Hs512Key::new", &raw64, || {
        vg::secret(s.as_mut_slice());
        Hs512Key::new(&s)
    });
    let raw200: Vec<u8> = (0u8..200).map(|i| i.wrapping_mul(29) ^ 0x77).collect();
    let mut s = raw200.clone();
    h.check_key("200-byte secret, Hs512Key::new", &raw200, || {
        vg::secret(s.as_mut_slice());
        Hs512Key::new(&s)
    });

    // .ci/ct compares this with the use count of the verdict suppression.
    println!("signature verdicts: {}", h.verdicts);
    if h.failures == 0 {
        println!("ct: ok");
        ExitCode::SUCCESS
    } else {
        println!("ct: {} failure(s)", h.failures);
        ExitCode::FAILURE
    }
}
