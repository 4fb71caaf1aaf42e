//! Verify a JWT from the command line with `jwt_embedded`.
//!
//! ```text
//! cargo run --example verify                    # demo with a bundled token
//! cargo run --example verify -- --help          # usage
//! cargo run --example verify -- --key-hex HEX --iss ISSUER --aud AUDIENCE TOKEN
//! cargo run --example verify -- --alg HS512 --key-hex HEX TOKEN
//! cargo run --example verify -- --jwk key.json TOKEN       # the JWK's own alg
//! cargo run --example verify -- --alg PS256 --pem key.pem --token-file token.jwt
//! cargo run --example verify -- --hs256-secret-hex HEX --typ at+jwt --max-age 3600 \
//!     --scope read --revoked-jti ID --authorization "Bearer TOKEN"
//! cargo run --example verify -- --key-hex HEX --cookie "$COOKIE" --cookie-name session
//! cargo run --example verify -- --jwks jwks.json TOKEN     # the key of the token's kid
//! cargo run --example verify -- --jwks jwks.json --alg RS256 --list-keys
//! ```
//!
//! Exactly one key source: `--key-hex` (an HMAC secret), `--jwk` (one JWK,
//! kty `oct`, `RSA`, `EC` or `OKP`), `--pem` (one public key: RSA, EC
//! P-256/P-384 or Ed25519) or `--jwks` (a JWK Set, below), with `--alg`
//! naming the one algorithm the key verifies (HS256 HS384 HS512 RS256
//! RS384 RS512 PS256 PS384 PS512 ES256 ES384 EdDSA, or Ed25519 for EdDSA). `--alg` may be left out where the
//! key names it (a JWK with `alg`, an EC or OKP key, whose curve has one
//! algorithm) and for `--key-hex` (HS256); an RSA or `oct` JWK without
//! `alg`, or an RSA PEM, without `--alg` is a usage error. A key unusable
//! for the algorithm (its own `alg` differs, too short or weak, another
//! type or curve) is `rejected: key`. ES256, ES384 and EdDSA need the
//! library's features `es256`, `es384`, `eddsa` (the README's test command
//! turns them on); built without one, `--alg` naming its algorithm is a
//! usage error. The version 1 flags `--hs256-secret-hex`, `--rs256-jwk`
//! and `--rs256-pem` still work: each is its key source with the algorithm
//! fixed (HS256, RS256).
//!
//! `--jwks` reads a JWK Set (RFC 7517 §5) into a `KeySet` of at most 32
//! keys, and the token's `kid` chooses its key (`KeySet::verify`; a token
//! without `kid` only if exactly one key has its `alg`); no key found is
//! `rejected: unknown_key`. Each member's algorithm is its own `alg`, else
//! its curve's (EC, OKP); members that are unusable (not for signing, an
//! unsupported type or curve, a duplicate `kid`, …) are skipped, never
//! fatal. Without `--alg` every asymmetric algorithm of this build is
//! accepted and RSA and `oct` members without `alg` are skipped; with
//! `--alg ALG`, only ALG is accepted, and it is the algorithm assumed for
//! members without `alg`. A document that is not a JWK Set is `rejected:
//! key` (longer than 64 KiB: `too_large`). `--list-keys` (with `--jwks`,
//! without a token) prints, instead of verifying, one line per member of
//! `keys`, in order: `key <index> kid=<kid or -> alg=<alg or ->
//! status=imported` or `… status=skipped:<reason>`, and exits 0 (`kid` and
//! `alg` decoded, as the member writes them; control and whitespace
//! characters in them shown as `\u{..}`).
//!
//! A single key becomes one `Box<dyn VerifyingKey>` (an RSA key at the
//! narrowest width that holds its modulus), and the token goes through one
//! call of `verify`, whatever the algorithm.
//!
//! Exactly one token source: a positional TOKEN, `--token-file`, `--authorization`
//! (an HTTP `Authorization` value: its Bearer credential), or `--cookie` with
//! `--cookie-name` (an HTTP `Cookie` value: the named cookie's value).
//!
//! Exit status: 0 valid (the payload JSON on stdout), 1 rejected
//! (`rejected: <kind>` on stderr; a token source that holds no usable token
//! is a rejection too: `no_token`, `malformed`, `duplicate_cookie`), 2 usage
//! error.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use jwt_embedded::{
    Algorithm, Claim, DenyList, Error, HmacKey, JsonStr, JwsHash, KeyError, KeySet, KeySetPolicy,
    Outcome, Pkcs1v15, Pss, RequiredClaims, Rsa2048, Rsa3072, Rsa4096, RsaKey, RsaPublicKey,
    RsaScheme, RsaWidth, Sha256, Sha384, Sha512, Validation, VerifyingKey, bearer_token,
    buffer_len, cookie_token,
};
use serde_json::Value;
use zeroize::Zeroizing;

const USAGE: &str = "\
Usage: verify                       run a demo with a bundled token
       verify OPTIONS TOKEN
       verify OPTIONS --token-file PATH
       verify OPTIONS --authorization VALUE
       verify OPTIONS --cookie VALUE --cookie-name NAME
       verify --jwks PATH [--alg ALG] --list-keys

Key (exactly one source is required):
  --key-hex HEX              HMAC secret, hex-encoded (at least 32, 48 or 64
                             bytes for HS256, HS384, HS512; default HS256)
  --jwk PATH                 one JWK JSON file, kty oct (k), RSA (n, e),
                             EC (crv P-256/P-384, x, y) or OKP (crv
                             Ed25519, x)
  --pem PATH                 one public key, PEM: BEGIN PUBLIC KEY (RSA
                             2048 to 4096 bits, EC P-256/P-384, Ed25519) or
                             BEGIN RSA PUBLIC KEY
  --jwks PATH                a JWK Set (an object with a keys array; at
                             most 32 usable keys): the token's kid chooses
                             the key; none found: `rejected: unknown_key`.
                             Members without alg take their curve's (EC,
                             OKP), else --alg's; without --alg, RSA and oct
                             members without alg are skipped and every
                             asymmetric algorithm is accepted; with --alg,
                             only ALG. Not a JWK Set: `rejected: key`
  --list-keys                with --jwks and no token: print one line per
                             member of keys, `key <index> kid=<kid or ->
                             alg=<alg or -> status=imported` or
                             `... status=skipped:<reason>`, and exit 0
  --alg ALG                  the one algorithm the key verifies: HS256 HS384
                             HS512 RS256 RS384 RS512 PS256 PS384 PS512
                             ES256 ES384 EdDSA (or Ed25519). Optional with a
                             JWK that has alg (they must agree), with an EC
                             or OKP key (its curve names it) and with
                             --key-hex; required with an RSA PEM or an RSA
                             or oct JWK without alg (usage error). A key
                             unusable for ALG (another alg, type, curve or
                             size): `rejected: key`. With --jwks: the only
                             algorithm accepted, assumed for keys without
                             alg
  --hs256-secret-hex HEX     version 1: --alg HS256 --key-hex HEX
  --rs256-jwk PATH           version 1: --alg RS256 --jwk PATH
  --rs256-pem PATH           version 1: --alg RS256 --pem PATH

Policy (each optional):
  --now UNIX_SECONDS         current time (default: the system clock)
  --iss ISSUER               required issuer
  --aud AUDIENCE             accepted audience (repeatable: any one matches)
  --leeway SECONDS           clock skew tolerated on exp and nbf, and on iat
                             under --max-age (default 0)
  --require CLAIM[,CLAIM..]  the complete set of required claims (iss, sub,
                             aud, exp, nbf, iat, jti, client_id, scope), or
                             `none` (default: exp)
  --typ TYPE                 required header typ (e.g. JWT, at+jwt)
  --max-age SECONDS          iat required; rejected when issued more than
                             SECONDS (+ leeway) ago, or in the future
  --max-lifetime SECONDS     iat and exp required; rejected when exp - iat
                             is more than SECONDS
  --scope SCOPE              required scope (repeatable: every one is
                             required; from `scope`, or else `scp`)
  --revoked-jti ID           revoked token ID (repeatable, at most 64); with
                             any given, a token without jti is rejected

Token (exactly one source):
  TOKEN                      the token itself
  --token-file PATH          read the token from PATH (exact bytes, no trimming)
  --authorization VALUE      an HTTP Authorization header value: the token is
                             its Bearer credential
  --cookie VALUE             an HTTP Cookie header value: the token is the
  --cookie-name NAME         value of the cookie NAME (both are required)

  -h, --help                 print this help

Exit status: 0 valid (payload JSON on stdout), 1 rejected
(`rejected: <kind>` on stderr), 2 usage error.";

/// Longest token the CLI accepts; longer ones are rejected as `too_large`
/// by the library's default policy before the buffer is touched.
const MAX_TOKEN_LEN: usize = Validation::DEFAULT_MAX_TOKEN_LEN;

/// Most `--revoked-jti` options a run takes (the deny list's capacity).
const MAX_REVOKED: usize = 64;

/// Most keys a `--jwks` set holds (later usable members are skipped,
/// `capacity`); real issuers publish 2 to 14.
const MAX_JWKS_KEYS: usize = 32;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    if args.is_empty() {
        return demo::run();
    }
    match parse_args(args) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Verify(options)) => run(&options),
        Ok(Command::ListKeys(key)) => list_keys(&key),
        Err(message) => usage_error(&message),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn rejected(error: Error) -> ExitCode {
    eprintln!("rejected: {}", error.kind());
    ExitCode::from(1)
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

enum Command {
    Help,
    Verify(Box<Options>),
    /// `--list-keys`: the `--jwks` key option (its `--alg`, if any).
    ListKeys(KeyOption),
}

/// Where the verifying key comes from: one variant per kind of key source,
/// whatever the algorithm.
enum KeySource {
    /// `--key-hex` (`--hs256-secret-hex`): the decoded secret bytes (wiped on drop).
    Secret(Zeroizing<Vec<u8>>),
    /// `--jwk` (`--rs256-jwk`): a file holding one JWK.
    Jwk(PathBuf),
    /// `--pem` (`--rs256-pem`): a file holding one PEM public key.
    Pem(PathBuf),
    /// `--jwks`: a file holding a JWK Set; the token's `kid` chooses the key.
    Jwks(PathBuf),
}

/// The key option: its source, the flag that gave it (for messages), and
/// the algorithm when the command line settles it (a version 1 flag,
/// `--alg`, or `--key-hex`'s default); `None` leaves it to the key (a JWK's
/// `alg`), read with the file. For `--jwks`, the algorithm is `--alg`'s:
/// the only one accepted, and the one assumed for keys without `alg`.
struct KeyOption {
    flag: &'static str,
    source: KeySource,
    algorithm: Option<Algorithm>,
}

enum TokenSource {
    /// The last positional argument.
    Arg(String),
    /// `--token-file`: the file's bytes, exactly.
    File(PathBuf),
    /// `--authorization`: an `Authorization` header value holding a Bearer token.
    Authorization(String),
    /// `--cookie` and `--cookie-name`: a `Cookie` header value and the
    /// name of the cookie holding the token.
    Cookie { header: String, name: String },
}

struct Options {
    key: KeyOption,
    token: TokenSource,
    now: Option<i64>,
    issuer: Option<String>,
    audiences: Vec<String>,
    leeway: Option<u64>,
    required: Option<RequiredClaims>,
    typ: Option<String>,
    max_age: Option<u64>,
    max_lifetime: Option<u64>,
    scopes: Vec<String>,
    revoked_jtis: Vec<String>,
}

/// Options as they are collected, before the required ones are checked.
#[derive(Default)]
struct Builder {
    key: Option<KeyOption>,
    alg: Option<Algorithm>,
    list_keys: Option<()>,
    token_arg: Option<String>,
    token_file: Option<PathBuf>,
    authorization: Option<String>,
    cookie: Option<String>,
    cookie_name: Option<String>,
    now: Option<i64>,
    issuer: Option<String>,
    audiences: Vec<String>,
    leeway: Option<u64>,
    required: Option<RequiredClaims>,
    typ: Option<String>,
    max_age: Option<u64>,
    max_lifetime: Option<u64>,
    scopes: Vec<String>,
    revoked_jtis: Vec<String>,
}

fn parse_args(args: Vec<std::ffi::OsString>) -> Result<Command, String> {
    let mut args = args.into_iter().map(|arg| {
        arg.into_string()
            .map_err(|arg| format!("argument is not valid UTF-8: {}", arg.to_string_lossy()))
    });
    let mut builder = Builder::default();
    while let Some(arg) = args.next() {
        let arg = arg?;
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        if !arg.starts_with('-') || arg == "-" {
            set_once(&mut builder.token_arg, "TOKEN", arg)?;
            continue;
        }
        // The one flag without a value.
        if arg == "--list-keys" {
            set_once(&mut builder.list_keys, "--list-keys", ())?;
            continue;
        }
        let value = args.next().ok_or_else(|| missing_value(&arg))??;
        builder.apply(&arg, value)?;
    }
    builder.finish()
}

fn missing_value(flag: &str) -> String {
    if is_known_flag(flag) {
        format!("{flag} needs a value")
    } else {
        format!("unknown option {flag}")
    }
}

fn is_known_flag(flag: &str) -> bool {
    matches!(
        flag,
        "--key-hex"
            | "--jwk"
            | "--pem"
            | "--jwks"
            | "--alg"
            | "--hs256-secret-hex"
            | "--rs256-jwk"
            | "--rs256-pem"
            | "--now"
            | "--iss"
            | "--aud"
            | "--leeway"
            | "--require"
            | "--typ"
            | "--max-age"
            | "--max-lifetime"
            | "--scope"
            | "--revoked-jti"
            | "--token-file"
            | "--authorization"
            | "--cookie"
            | "--cookie-name"
    )
}

impl Builder {
    fn apply(&mut self, flag: &str, value: String) -> Result<(), String> {
        match flag {
            "--key-hex" => self.key(
                "--key-hex",
                None,
                KeySource::Secret(parse_hex(flag, &value)?),
            ),
            "--jwk" => self.key("--jwk", None, KeySource::Jwk(PathBuf::from(value))),
            "--pem" => self.key("--pem", None, KeySource::Pem(PathBuf::from(value))),
            "--jwks" => self.key("--jwks", None, KeySource::Jwks(PathBuf::from(value))),
            "--alg" => set_once(&mut self.alg, flag, parse_algorithm(&value)?),
            // Version 1: each is a key source with its algorithm fixed.
            "--hs256-secret-hex" => self.key(
                "--hs256-secret-hex",
                Some(Algorithm::Hs256),
                KeySource::Secret(parse_hex(flag, &value)?),
            ),
            "--rs256-jwk" => self.key(
                "--rs256-jwk",
                Some(Algorithm::Rs256),
                KeySource::Jwk(PathBuf::from(value)),
            ),
            "--rs256-pem" => self.key(
                "--rs256-pem",
                Some(Algorithm::Rs256),
                KeySource::Pem(PathBuf::from(value)),
            ),
            "--now" => set_once(&mut self.now, flag, parse_number(flag, &value)?),
            "--iss" => set_once(&mut self.issuer, flag, value),
            "--aud" => {
                self.audiences.push(value);
                Ok(())
            }
            "--leeway" => set_once(&mut self.leeway, flag, parse_number(flag, &value)?),
            "--require" => set_once(&mut self.required, flag, parse_required(&value)?),
            "--typ" => set_once(&mut self.typ, flag, value),
            "--max-age" => set_once(&mut self.max_age, flag, parse_number(flag, &value)?),
            "--max-lifetime" => set_once(&mut self.max_lifetime, flag, parse_number(flag, &value)?),
            "--scope" => {
                self.scopes.push(value);
                Ok(())
            }
            "--revoked-jti" => {
                if self.revoked_jtis.len() == MAX_REVOKED {
                    return Err(format!("{flag}: at most {MAX_REVOKED} may be given"));
                }
                self.revoked_jtis.push(value);
                Ok(())
            }
            "--token-file" => set_once(&mut self.token_file, flag, PathBuf::from(value)),
            "--authorization" => set_once(&mut self.authorization, flag, value),
            "--cookie" => set_once(&mut self.cookie, flag, value),
            "--cookie-name" => set_once(&mut self.cookie_name, flag, value),
            _ => Err(format!("unknown option {flag}")),
        }
    }

    /// Records the key source: exactly one of the key flags may be given.
    fn key(
        &mut self,
        flag: &'static str,
        algorithm: Option<Algorithm>,
        source: KeySource,
    ) -> Result<(), String> {
        let key = KeyOption {
            flag,
            source,
            algorithm,
        };
        set_once(&mut self.key, "a key option", key)
    }

    fn finish(self) -> Result<Command, String> {
        let key = self.key.ok_or(
            "a key option is required: --key-hex, --jwk, --pem or --jwks \
             (or --hs256-secret-hex, --rs256-jwk, --rs256-pem)",
        )?;
        let key = key.with_alg(self.alg)?;
        if self.list_keys.is_some() {
            if !matches!(key.source, KeySource::Jwks(_)) {
                return Err(format!("--list-keys needs --jwks, not {}", key.flag));
            }
            let token_given = self.token_arg.is_some()
                || self.token_file.is_some()
                || self.authorization.is_some()
                || self.cookie.is_some()
                || self.cookie_name.is_some();
            if token_given {
                return Err("--list-keys takes no token source".into());
            }
            return Ok(Command::ListKeys(key));
        }
        let cookie = match (self.cookie, self.cookie_name) {
            (Some(header), Some(name)) => Some(TokenSource::Cookie { header, name }),
            (None, None) => None,
            (Some(_), None) => return Err("--cookie needs --cookie-name".into()),
            (None, Some(_)) => return Err("--cookie-name needs --cookie".into()),
        };
        let mut sources = [
            self.token_arg.map(TokenSource::Arg),
            self.token_file.map(TokenSource::File),
            self.authorization.map(TokenSource::Authorization),
            cookie,
        ]
        .into_iter()
        .flatten();
        let (Some(token), None) = (sources.next(), sources.next()) else {
            return Err(
                "give exactly one token source: TOKEN, --token-file, --authorization \
                 or --cookie with --cookie-name"
                    .into(),
            );
        };
        Ok(Command::Verify(Box::new(Options {
            key,
            token,
            now: self.now,
            issuer: self.issuer,
            audiences: self.audiences,
            leeway: self.leeway,
            required: self.required,
            typ: self.typ,
            max_age: self.max_age,
            max_lifetime: self.max_lifetime,
            scopes: self.scopes,
            revoked_jtis: self.revoked_jtis,
        })))
    }
}

fn set_once<T>(slot: &mut Option<T>, what: &str, value: T) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("{what} given more than once"));
    }
    *slot = Some(value);
    Ok(())
}

fn parse_hex(flag: &str, hex: &str) -> Result<Zeroizing<Vec<u8>>, String> {
    hex::decode(hex)
        .map(Zeroizing::new)
        .map_err(|e| format!("{flag}: invalid hex ({e})"))
}

/// Whether this build verifies `algorithm` (ES256, ES384 and EdDSA need
/// the library's features `es256`, `es384`, `eddsa`).
// With every feature on, each arm is `true`: clippy would fold the match.
#[allow(clippy::match_like_matches_macro)]
const fn compiled_in(algorithm: Algorithm) -> bool {
    match algorithm {
        Algorithm::Es256 => cfg!(feature = "es256"),
        Algorithm::Es384 => cfg!(feature = "es384"),
        Algorithm::EdDsa => cfg!(feature = "eddsa"),
        _ => true,
    }
}

/// `--alg`: a registered name, exactly (case sensitive), or `Ed25519`
/// (RFC 9864) for EdDSA.
fn parse_algorithm(name: &str) -> Result<Algorithm, String> {
    match Algorithm::from_name(name) {
        Some(algorithm) if compiled_in(algorithm) => Ok(algorithm),
        Some(algorithm) => Err(format!(
            "--alg {name}: this build does not verify {algorithm} (build with the library \
             features es256, es384, eddsa)"
        )),
        None => {
            let known = Algorithm::ALL.map(Algorithm::name).join(" ");
            Err(format!(
                "--alg: unknown algorithm {name:?} (one of {known}, or Ed25519)"
            ))
        }
    }
}

impl KeyOption {
    /// Settles the algorithm with `--alg`: a version 1 flag names its own
    /// (`--alg` may only repeat it), `--key-hex` defaults to HS256, and a
    /// JWK or PEM without `--alg` is left to the key file.
    fn with_alg(self, alg: Option<Algorithm>) -> Result<Self, String> {
        let algorithm = match (self.algorithm, alg) {
            (Some(fixed), Some(alg)) if fixed != alg => {
                return Err(format!(
                    "{} is {fixed} only: --alg {alg} contradicts it",
                    self.flag
                ));
            }
            (fixed, alg) => fixed.or(alg),
        };
        let algorithm = match self.source {
            KeySource::Secret(_) => Some(algorithm.unwrap_or(Algorithm::Hs256)),
            KeySource::Jwk(_) | KeySource::Pem(_) | KeySource::Jwks(_) => algorithm,
        };
        Ok(Self { algorithm, ..self })
    }
}

fn parse_number<T: core::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: not a valid number: {value:?}"))
}

/// `none`, or a comma-separated list of registered claim names.
fn parse_required(list: &str) -> Result<RequiredClaims, String> {
    if list == "none" {
        return Ok(RequiredClaims::NONE);
    }
    list.split(',')
        .try_fold(RequiredClaims::NONE, |required, name| {
            let claim = Claim::from_name(name).ok_or_else(|| {
                let known = Claim::ALL.map(Claim::name).join(", ");
                format!("--require: unknown claim {name:?} ({known} or none)")
            })?;
            Ok(required.with(claim))
        })
}

// ---------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------

/// Why no key could be made.
enum LoadError {
    /// A usage error: the key file cannot be read, or nothing names the
    /// algorithm.
    Usage(String),
    /// The key itself is refused: `rejected: key`.
    Rejected(Error),
}

impl From<Error> for LoadError {
    fn from(error: Error) -> Self {
        LoadError::Rejected(error)
    }
}

impl From<KeyError> for LoadError {
    fn from(why: KeyError) -> Self {
        LoadError::Rejected(why.into())
    }
}

/// What verifies the token: one key, or a JWK Set whose key the token's
/// `kid` chooses.
enum Verifier {
    Key(Box<dyn VerifyingKey>),
    Set(Box<JwksKeys>),
}

/// The CLI's JWK Set: room for [`MAX_JWKS_KEYS`] keys.
type JwksKeys = KeySet<MAX_JWKS_KEYS>;

/// The key, ready to verify: its material read, its algorithm settled (the
/// command line's, else the key's own), and imported as that
/// algorithm's key type, behind `dyn VerifyingKey` so that one pipeline
/// serves every algorithm; or, for `--jwks`, the set's usable keys.
fn load_key(option: &KeyOption) -> Result<Verifier, LoadError> {
    let material = match &option.source {
        KeySource::Secret(secret) => Material::Secret(secret),
        KeySource::Jwk(path) => Material::Jwk(read_text(path, option.flag)?),
        KeySource::Pem(path) => Material::Pem(read_text(path, option.flag)?),
        KeySource::Jwks(path) => {
            let document = read_text(path, option.flag)?;
            let set = key_set(&document, option.algorithm, |_| {})?;
            return Ok(Verifier::Set(Box::new(set)));
        }
    };
    let algorithm = match option.algorithm {
        Some(algorithm) => algorithm,
        None => material.own_algorithm(option.flag)?,
    };
    Ok(Verifier::Key(material.key_for(algorithm)?))
}

/// The keys of the JWK Set `document`, each member's outcome reported to
/// `report`. With `alg` (`--alg`), only `alg` is accepted, and it is the
/// algorithm of RSA and `oct` members without `alg`; without, the library's
/// default policy: every asymmetric algorithm this build verifies, RSA and
/// `oct` members without `alg` skipped.
fn key_set<'d>(
    document: &'d str,
    alg: Option<Algorithm>,
    report: impl FnMut(&Outcome<'d>),
) -> Result<JwksKeys, Error> {
    let pinned = alg.map(|alg| [alg]);
    let policy = match (&pinned, alg) {
        (Some(accepted), Some(alg)) => KeySetPolicy::new().accept(accepted).assume(alg),
        _ => KeySetPolicy::new(),
    };
    JwksKeys::from_jwks_with(document, &policy, report)
}

/// `--list-keys`: one line per member of the set's `keys`, in order, on
/// stdout (written once the whole document has been read: a document that
/// is not a JWK Set prints nothing but its rejection).
fn list_keys(option: &KeyOption) -> ExitCode {
    let KeySource::Jwks(path) = &option.source else {
        return usage_error("--list-keys needs --jwks");
    };
    let document = match read_text(path, option.flag) {
        Ok(document) => document,
        Err(LoadError::Usage(message)) => return usage_error(&message),
        Err(LoadError::Rejected(error)) => return rejected(error),
    };
    let mut lines = String::new();
    let listed = key_set(&document, option.algorithm, |outcome| {
        lines.push_str(&outcome_line(outcome));
        lines.push('\n');
    });
    if let Err(error) = listed {
        return rejected(error);
    }
    match io::stdout().lock().write_all(lines.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the key list: {e}");
            ExitCode::from(2)
        }
    }
}

/// `key <index> kid=<kid or -> alg=<alg or -> status=imported` or
/// `… status=skipped:<reason>`.
fn outcome_line(outcome: &Outcome<'_>) -> String {
    let status = match outcome.status {
        Ok(_) => "imported".to_owned(),
        Err(reason) => format!("skipped:{}", reason.name()),
    };
    format!(
        "key {} kid={} alg={} status={status}",
        outcome.index,
        member_text(outcome.kid.as_ref()),
        member_text(outcome.alg.as_ref()),
    )
}

/// A member's string value, decoded, for one line of `--list-keys`: `-`
/// when absent, and control and whitespace characters shown as `\u{..}` so
/// that a value never breaks the line or its fields.
fn member_text(value: Option<&JsonStr<'_>>) -> String {
    let Some(value) = value else {
        return "-".to_owned();
    };
    value
        .to_string()
        .chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A key source's contents.
enum Material<'a> {
    /// An HMAC secret.
    Secret(&'a [u8]),
    /// The text of a JWK file.
    Jwk(String),
    /// The text of a PEM file.
    Pem(String),
}

impl Material<'_> {
    /// The algorithm the key names itself, when the command line names
    /// none: a JWK's `alg`, else an EC or OKP key's curve. An RSA or `oct`
    /// JWK without `alg`, or an RSA PEM, serves several algorithms: a usage
    /// error. A key the CLI cannot use at all (unreadable, an unknown `alg`
    /// or curve) is refused.
    fn own_algorithm(&self, flag: &str) -> Result<Algorithm, LoadError> {
        let several = |what: &str| {
            LoadError::Usage(format!(
                "{flag}: {what} serves several algorithms: name one with --alg"
            ))
        };
        match self {
            // Never reached: `--key-hex` defaults to HS256 on the command line.
            Material::Secret(_) => Ok(Algorithm::Hs256),
            Material::Jwk(text) => match jwk_members(text)? {
                JwkMembers { alg: Some(alg), .. } => {
                    Ok(Algorithm::from_name(&alg).ok_or(KeyError::Algorithm)?)
                }
                JwkMembers { kty: Some(kty), .. } if kty == "RSA" || kty == "oct" => {
                    Err(several(&format!("a JWK of kty {kty} without alg")))
                }
                JwkMembers {
                    kty: Some(kty),
                    crv: Some(crv),
                    ..
                } => Ok(curve_algorithm(&kty, &crv).ok_or(KeyError::Curve)?),
                JwkMembers { .. } => Err(KeyError::KeyType.into()),
            },
            // An EC or Ed25519 key names its algorithm; an RSA key serves
            // several (usage error); anything else is no use (refused, with
            // the RSA reader's reason).
            Material::Pem(text) => {
                if let Some(algorithm) = pem_curve_algorithm(text) {
                    return Ok(algorithm);
                }
                RsaPublicKey::<Rsa4096>::from_pem(text)?;
                Err(several("an RSA key"))
            }
        }
    }

    /// The key as `algorithm`'s key type. Material of another family (a
    /// secret for RSA, a PEM for HMAC) is [`KeyError::KeyType`].
    fn key_for(&self, algorithm: Algorithm) -> Result<Box<dyn VerifyingKey>, Error> {
        match algorithm {
            Algorithm::Hs256 => self.hmac::<Sha256>(),
            Algorithm::Hs384 => self.hmac::<Sha384>(),
            Algorithm::Hs512 => self.hmac::<Sha512>(),
            Algorithm::Rs256 => self.rsa::<Pkcs1v15<Sha256>>(),
            Algorithm::Rs384 => self.rsa::<Pkcs1v15<Sha384>>(),
            Algorithm::Rs512 => self.rsa::<Pkcs1v15<Sha512>>(),
            Algorithm::Ps256 => self.rsa::<Pss<Sha256>>(),
            Algorithm::Ps384 => self.rsa::<Pss<Sha384>>(),
            Algorithm::Ps512 => self.rsa::<Pss<Sha512>>(),
            #[cfg(feature = "es256")]
            Algorithm::Es256 => self.ecdsa::<jwt_embedded::P256>(),
            #[cfg(feature = "es384")]
            Algorithm::Es384 => self.ecdsa::<jwt_embedded::P384>(),
            #[cfg(feature = "eddsa")]
            Algorithm::EdDsa => self.ed25519(),
            // Not in this build (`--alg` refuses them), or of a later
            // library version.
            _ => Err(KeyError::KeyType.into()),
        }
    }

    #[cfg(any(feature = "es256", feature = "es384"))]
    fn ecdsa<C: jwt_embedded::EcCurve + 'static>(&self) -> Result<Box<dyn VerifyingKey>, Error> {
        Ok(Box::new(match self {
            Material::Secret(_) => return Err(KeyError::KeyType.into()),
            Material::Jwk(text) => jwt_embedded::EcdsaKey::<C>::from_jwk(text)?,
            Material::Pem(text) => jwt_embedded::EcdsaKey::<C>::from_pem(text)?,
        }))
    }

    #[cfg(feature = "eddsa")]
    fn ed25519(&self) -> Result<Box<dyn VerifyingKey>, Error> {
        Ok(Box::new(match self {
            Material::Secret(_) => return Err(KeyError::KeyType.into()),
            Material::Jwk(text) => jwt_embedded::Ed25519Key::from_jwk(text)?,
            Material::Pem(text) => jwt_embedded::Ed25519Key::from_pem(text)?,
        }))
    }

    fn hmac<H: JwsHash + 'static>(&self) -> Result<Box<dyn VerifyingKey>, Error> {
        Ok(Box::new(match self {
            Material::Secret(secret) => HmacKey::<H>::new(secret)?,
            Material::Jwk(text) => HmacKey::<H>::from_jwk(text)?,
            Material::Pem(_) => return Err(KeyError::KeyType.into()),
        }))
    }

    /// The RSA key for scheme `P` at the narrowest width that holds its
    /// modulus (verification time grows with the width): 2048, 3072 and
    /// 4096 bits are tried in turn, so a 2048-bit key, the common case, is
    /// imported once, and a wider one after failed attempts that stop at
    /// the modulus, before any arithmetic. A key refused at every width is
    /// reported with the widest width's reason.
    fn rsa<P: RsaScheme + 'static>(&self) -> Result<Box<dyn VerifyingKey>, Error> {
        self.rsa_at::<Rsa2048, P>()
            .or_else(|_| self.rsa_at::<Rsa3072, P>())
            .or_else(|_| self.rsa_at::<Rsa4096, P>())
    }

    fn rsa_at<W, P>(&self) -> Result<Box<dyn VerifyingKey>, Error>
    where
        W: RsaWidth + 'static,
        P: RsaScheme + 'static,
    {
        Ok(Box::new(match self {
            Material::Secret(_) => return Err(KeyError::KeyType.into()),
            Material::Jwk(text) => RsaKey::<W, P>::from_jwk(text)?,
            Material::Pem(text) => RsaKey::<W, P>::from_pem(text)?,
        }))
    }
}

/// A key file's text. One that cannot be read is a usage error; one that is
/// not UTF-8, a key of broken encoding.
fn read_text(path: &Path, flag: &str) -> Result<String, LoadError> {
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::Usage(format!("{flag}: cannot read {}: {e}", path.display())))?;
    Ok(String::from_utf8(bytes).map_err(|_| KeyError::Encoding)?)
}

/// The members of a JWK that choose its key type.
struct JwkMembers {
    alg: Option<String>,
    kty: Option<String>,
    crv: Option<String>,
}

/// A JWK's `alg`, `kty` and `crv`, read with `serde_json` to choose the key
/// type before the library's strict reader imports (and checks) the whole
/// JWK. Not a JSON object, or an `alg` that is not a string: a broken key.
fn jwk_members(text: &str) -> Result<JwkMembers, KeyError> {
    let jwk: serde_json::Map<String, Value> =
        serde_json::from_str(text).map_err(|_| KeyError::Encoding)?;
    let alg = match jwk.get("alg") {
        None => None,
        Some(Value::String(alg)) => Some(alg.clone()),
        Some(_) => return Err(KeyError::Encoding),
    };
    let member = |name: &str| jwk.get(name).and_then(Value::as_str).map(str::to_owned);
    Ok(JwkMembers {
        alg,
        kty: member("kty"),
        crv: member("crv"),
    })
}

/// The one algorithm of an EC or OKP key's curve (RFC 7518 §3.4, RFC
/// 8037), if this build verifies it.
fn curve_algorithm(kty: &str, crv: &str) -> Option<Algorithm> {
    let algorithm = match (kty, crv) {
        ("EC", "P-256") => Algorithm::Es256,
        ("EC", "P-384") => Algorithm::Es384,
        ("OKP", "Ed25519") => Algorithm::EdDsa,
        _ => return None,
    };
    compiled_in(algorithm).then_some(algorithm)
}

/// The algorithm of a PEM key whose type has one (EC P-256, P-384,
/// Ed25519), if this build verifies it: the first key type that imports it.
fn pem_curve_algorithm(text: &str) -> Option<Algorithm> {
    #[cfg(feature = "es256")]
    if jwt_embedded::Es256Key::from_pem(text).is_ok() {
        return Some(Algorithm::Es256);
    }
    #[cfg(feature = "es384")]
    if jwt_embedded::Es384Key::from_pem(text).is_ok() {
        return Some(Algorithm::Es384);
    }
    #[cfg(feature = "eddsa")]
    if jwt_embedded::Ed25519Key::from_pem(text).is_ok() {
        return Some(Algorithm::EdDsa);
    }
    let _ = text;
    None
}

/// The CLI's deny list: room for every `--revoked-jti` it accepts.
type RevokedJtis = DenyList<MAX_REVOKED>;

fn run(options: &Options) -> ExitCode {
    let input = match read_token(&options.token) {
        Ok(input) => input,
        Err(message) => return usage_error(&message),
    };
    let key = match load_key(&options.key) {
        Ok(key) => key,
        Err(LoadError::Usage(message)) => return usage_error(&message),
        Err(LoadError::Rejected(error)) => return rejected(error),
    };
    let token = match extract_token(&options.token, &input) {
        Ok(token) => token,
        Err(error) => return rejected(error),
    };
    let now = options.now.unwrap_or_else(system_now);
    let revoked = match deny_list(&options.revoked_jtis, now) {
        Ok(revoked) => revoked,
        Err(message) => return usage_error(&message),
    };
    let audiences: Vec<&str> = options.audiences.iter().map(String::as_str).collect();
    let scopes: Vec<&str> = options.scopes.iter().map(String::as_str).collect();
    let validation = validation(options, &audiences, &scopes, revoked.as_ref());
    let mut buf = vec![0u8; buffer_len(MAX_TOKEN_LEN)];
    let verified = match &key {
        Verifier::Key(key) => jwt_embedded::verify(token, key.as_ref(), &validation, now, &mut buf),
        Verifier::Set(set) => set.verify(token, &validation, now, &mut buf),
    };
    match verified {
        Ok(verified) => print_payload(verified.payload()),
        Err(error) => rejected(error),
    }
}

/// The bytes the token source holds: the token itself, or the HTTP header
/// value it is to be extracted from.
fn read_token(source: &TokenSource) -> Result<Vec<u8>, String> {
    match source {
        TokenSource::Arg(text) | TokenSource::Authorization(text) => Ok(text.as_bytes().to_vec()),
        TokenSource::Cookie { header, .. } => Ok(header.as_bytes().to_vec()),
        TokenSource::File(path) => std::fs::read(path)
            .map_err(|e| format!("--token-file: cannot read {}: {e}", path.display())),
    }
}

/// The token within `input` (what [`read_token`] returned for `source`).
fn extract_token<'i>(source: &TokenSource, input: &'i [u8]) -> Result<&'i [u8], Error> {
    match source {
        TokenSource::Arg(_) | TokenSource::File(_) => Ok(input),
        TokenSource::Authorization(_) => bearer_token(input),
        TokenSource::Cookie { name, .. } => cookie_token(input, name),
    }
}

/// A deny list of `jtis`, or none when no `--revoked-jti` is given (then a
/// token needs no `jti`). The CLI verifies once, so the entries never need to
/// expire: each is kept until `i64::MAX`.
fn deny_list(jtis: &[String], now: i64) -> Result<Option<RevokedJtis>, String> {
    if jtis.is_empty() {
        return Ok(None);
    }
    // An entry is stored only while `until > now`: at `now == i64::MAX` it
    // would be dropped and the list would fail open, so insert just before.
    let inserted_at = now.min(i64::MAX - 1);
    let mut list = RevokedJtis::new();
    for jti in jtis {
        list.revoke_jti(jti, i64::MAX, inserted_at)
            .map_err(|full| format!("--revoked-jti: {full}"))?;
    }
    Ok(Some(list))
}

fn validation<'a>(
    options: &'a Options,
    audiences: &'a [&'a str],
    scopes: &'a [&'a str],
    revoked: Option<&'a RevokedJtis>,
) -> Validation<'a> {
    let mut validation = Validation::new();
    if let Some(issuer) = &options.issuer {
        validation = validation.issuer(issuer);
    }
    if !audiences.is_empty() {
        validation = validation.audiences(audiences);
    }
    if let Some(leeway) = options.leeway {
        validation = validation.leeway(leeway);
    }
    if let Some(required) = options.required {
        validation = validation.required(required);
    }
    if let Some(typ) = &options.typ {
        validation = validation.typ(typ);
    }
    if let Some(max_age) = options.max_age {
        validation = validation.max_age(max_age);
    }
    if let Some(max_lifetime) = options.max_lifetime {
        validation = validation.max_lifetime(max_lifetime);
    }
    if !scopes.is_empty() {
        validation = validation.scopes(scopes);
    }
    if let Some(revoked) = revoked {
        validation = validation.revocation(revoked);
    }
    validation
}

/// The system clock in Unix seconds (negative before 1970).
fn system_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

fn print_payload(payload: &str) -> ExitCode {
    match writeln!(io::stdout().lock(), "{payload}") {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the payload: {e}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------
// Demo
// ---------------------------------------------------------------------------

mod demo {
    use std::process::ExitCode;

    use jwt_embedded::{Error, Hs256Key, Validation, buffer_len, verify};

    /// HS256 secret of the sample token (32 bytes, hex). Demo only.
    const SECRET_HEX: &str = "9234975180c6721ae4b8721d4a74cdb4caa20de5965377448b4aaa681be39d76";

    /// Sample token: iss https://auth.example.com, sub device-42,
    /// aud sensor-gateway, nbf = iat = 1767225600 (2026-01-01T00:00:00Z),
    /// exp one hour later, and a jti.
    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
        eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJkZXZpY2UtNDIiLCJhdWQiOiJzZW5zb3It\
        Z2F0ZXdheSIsImV4cCI6MTc2NzIyOTIwMCwibmJmIjoxNzY3MjI1NjAwLCJpYXQiOjE3NjcyMjU2MDAsImp0aSI6\
        IjdmM2M5YTJlLTViMWQtNGU4Zi05YzYwLTJkNGI4YTFlNmYwNSJ9.\
        rVxKJGngqKD2nnUXxBO0EOvB9LA4SPuR4aovTUoo7y0";

    const ISSUER: &str = "https://auth.example.com";
    const AUDIENCE: &str = "sensor-gateway";

    /// Half an hour into the token's one-hour validity window.
    const NOW: i64 = 1_767_227_400;

    /// Where the tampering happens: replacing this base64url character of
    /// the payload with `TAMPERED_CHAR` turns `"sub":"device-42"` into
    /// `"sub":"device-43"`.
    const TAMPER_INDEX: usize = 103;
    const TAMPERED_CHAR: u8 = b'M';

    const POLICY: Validation<'static> = Validation::new().issuer(ISSUER).audience(AUDIENCE);

    pub(super) fn run() -> ExitCode {
        println!("jwt-embedded demo (run with --help for the command-line usage)\n");
        let key = match hex::decode(SECRET_HEX).map(|secret| Hs256Key::new(&secret)) {
            Ok(Ok(key)) => key,
            _ => return failed("the bundled secret does not load"),
        };
        if !accepts_genuine(&key) || !rejects_tampered(&key) {
            return failed("the demo did not behave as expected");
        }
        println!("\nTry it yourself:");
        println!(
            "  cargo run --example verify -- --hs256-secret-hex {SECRET_HEX} \
             --now {NOW} --iss {ISSUER} --aud {AUDIENCE} {TOKEN}"
        );
        ExitCode::SUCCESS
    }

    fn accepts_genuine(key: &Hs256Key) -> bool {
        println!("1. Verify the bundled HS256 token with its 32-byte secret.");
        println!("   Policy: iss = {ISSUER}, aud = {AUDIENCE}, exp required, no leeway.");
        println!("   Time:   now = {NOW}, inside the token's nbf..exp window.");
        let mut buf = [0u8; buffer_len(TOKEN.len())];
        match verify(TOKEN.as_bytes(), key, &POLICY, NOW, &mut buf) {
            Ok(verified) => {
                println!("   Result: valid. Signature, exp, nbf, iss and aud all check out.");
                println!("   Claims: {}", verified.payload());
                true
            }
            Err(error) => {
                println!(
                    "   Result: unexpectedly rejected: {} ({error})",
                    error.kind()
                );
                false
            }
        }
    }

    fn rejects_tampered(key: &Hs256Key) -> bool {
        println!("\n2. Change one character of the payload (sub \"device-42\" -> \"device-43\").");
        let mut tampered = TOKEN.as_bytes().to_vec();
        let Some(byte) = tampered.get_mut(TAMPER_INDEX) else {
            return false;
        };
        *byte = TAMPERED_CHAR;
        let mut buf = [0u8; buffer_len(TOKEN.len())];
        match verify(&tampered, key, &POLICY, NOW, &mut buf) {
            Err(Error::Signature) => {
                println!("   Result: rejected: signature (the HMAC no longer matches;");
                println!("           the altered claims are never parsed).");
                true
            }
            Err(error) => {
                println!(
                    "   Result: rejected, but with an unexpected kind: {}",
                    error.kind()
                );
                false
            }
            Ok(_) => {
                println!("   Result: unexpectedly accepted!");
                false
            }
        }
    }

    fn failed(message: &str) -> ExitCode {
        eprintln!("demo failed: {message}");
        ExitCode::from(1)
    }
}
