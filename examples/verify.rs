//! Verify a JWT from the command line with `jwt_embedded`.
//!
//! ```text
//! cargo run --example verify                    # demo with a bundled token
//! cargo run --example verify -- --help          # usage
//! cargo run --example verify -- --hs256-secret-hex HEX --iss ISSUER --aud AUDIENCE TOKEN
//! cargo run --example verify -- --rs256-pem key.pem --token-file token.jwt
//! cargo run --example verify -- --hs256-secret-hex HEX --typ at+jwt --max-age 3600 \
//!     --scope read --revoked-jti ID --authorization "Bearer TOKEN"
//! cargo run --example verify -- --hs256-secret-hex HEX --cookie "$COOKIE" --cookie-name session
//! ```
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
    Claim, DenyList, Error, Hs256Key, KeyError, RequiredClaims, Rs256Key, Rs256Key2048,
    Rs256Key3072, Rs256Key4096, RsaWidth, Validation, Verified, bearer_token, buffer_len,
    cookie_token,
};
use zeroize::Zeroizing;

const USAGE: &str = "\
Usage: verify                       run a demo with a bundled token
       verify OPTIONS TOKEN
       verify OPTIONS --token-file PATH
       verify OPTIONS --authorization VALUE
       verify OPTIONS --cookie VALUE --cookie-name NAME

Key (exactly one is required):
  --hs256-secret-hex HEX     HS256 secret, hex-encoded (>= 32 bytes)
  --rs256-jwk PATH           RS256 public key: a JWK JSON file (kty RSA, n, e)
  --rs256-pem PATH           RS256 public key: a PEM file, BEGIN PUBLIC KEY
                             or BEGIN RSA PUBLIC KEY (2048 to 4096 bits)

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
}

/// Where the verifying key comes from. One variant per key flag, so new key
/// types (e.g. RS256 from a JWK or PEM file) slot in as new variants.
enum KeySource {
    /// `--hs256-secret-hex`: the decoded secret bytes (wiped on drop).
    Hs256Secret(Zeroizing<Vec<u8>>),
    /// `--rs256-jwk`: a file holding one RSA public JWK.
    Rs256Jwk(PathBuf),
    /// `--rs256-pem`: a file holding one PEM public key.
    Rs256Pem(PathBuf),
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
    key: KeySource,
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
    key: Option<KeySource>,
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
        let value = args.next().ok_or_else(|| missing_value(&arg))??;
        builder.apply(&arg, value)?;
    }
    builder
        .finish()
        .map(|options| Command::Verify(Box::new(options)))
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
        "--hs256-secret-hex"
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
            "--hs256-secret-hex" => {
                let secret = parse_hex(&value)?;
                set_once(
                    &mut self.key,
                    "a key option",
                    KeySource::Hs256Secret(secret),
                )
            }
            "--rs256-jwk" => set_once(
                &mut self.key,
                "a key option",
                KeySource::Rs256Jwk(PathBuf::from(value)),
            ),
            "--rs256-pem" => set_once(
                &mut self.key,
                "a key option",
                KeySource::Rs256Pem(PathBuf::from(value)),
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

    fn finish(self) -> Result<Options, String> {
        let key = self
            .key
            .ok_or("a key option is required: --hs256-secret-hex, --rs256-jwk or --rs256-pem")?;
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
        Ok(Options {
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
        })
    }
}

fn set_once<T>(slot: &mut Option<T>, what: &str, value: T) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("{what} given more than once"));
    }
    *slot = Some(value);
    Ok(())
}

fn parse_hex(hex: &str) -> Result<Zeroizing<Vec<u8>>, String> {
    hex::decode(hex)
        .map(Zeroizing::new)
        .map_err(|e| format!("--hs256-secret-hex: invalid hex ({e})"))
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

/// The key, ready to verify. Mirrors [`KeySource`]; an RSA key is held in
/// the narrowest key type for its modulus size.
#[allow(
    clippy::large_enum_variant,
    reason = "one key per run; the RSA key types are plain arrays by design"
)]
enum Key {
    Hs256(Hs256Key),
    Rs2048(Rs256Key2048),
    Rs3072(Rs256Key3072),
    Rs4096(Rs256Key4096),
}

/// How an RSA key file is written.
#[derive(Clone, Copy)]
enum RsaFormat {
    Jwk,
    Pem,
}

impl RsaFormat {
    fn import<W: RsaWidth>(self, text: &str) -> Result<Rs256Key<W>, Error> {
        match self {
            RsaFormat::Jwk => Rs256Key::from_jwk(text),
            RsaFormat::Pem => Rs256Key::from_pem(text),
        }
    }
}

/// Why a key could not be loaded.
enum LoadError {
    /// The key file cannot be read: a usage error.
    Unreadable(String),
    /// The key itself is refused.
    Rejected(Error),
}

impl From<Error> for LoadError {
    fn from(error: Error) -> Self {
        LoadError::Rejected(error)
    }
}

impl Key {
    fn load(source: &KeySource) -> Result<Self, LoadError> {
        match source {
            KeySource::Hs256Secret(secret) => Ok(Key::Hs256(Hs256Key::new(secret)?)),
            KeySource::Rs256Jwk(path) => Self::load_rsa(path, "--rs256-jwk", RsaFormat::Jwk),
            KeySource::Rs256Pem(path) => Self::load_rsa(path, "--rs256-pem", RsaFormat::Pem),
        }
    }

    fn load_rsa(path: &Path, flag: &str, format: RsaFormat) -> Result<Self, LoadError> {
        let bytes = std::fs::read(path).map_err(|e| {
            LoadError::Unreadable(format!("{flag}: cannot read {}: {e}", path.display()))
        })?;
        let text =
            std::str::from_utf8(&bytes).map_err(|_| Error::InvalidKey(KeyError::Encoding))?;
        Ok(Self::rsa(text, format)?)
    }

    /// Reads the key at the widest size to learn its modulus size, then
    /// keeps it in the narrowest type that holds it (faster verification).
    fn rsa(text: &str, format: RsaFormat) -> Result<Self, Error> {
        let widest: Rs256Key4096 = format.import(text)?;
        Ok(match widest.modulus_bits() {
            ..=2048 => Key::Rs2048(format.import(text)?),
            2049..=3072 => Key::Rs3072(format.import(text)?),
            _ => Key::Rs4096(widest),
        })
    }

    fn verify<'b>(
        &self,
        token: &[u8],
        validation: &Validation<'_>,
        now: i64,
        buf: &'b mut [u8],
    ) -> Result<Verified<'b>, Error> {
        match self {
            Key::Hs256(key) => jwt_embedded::verify(token, key, validation, now, buf),
            Key::Rs2048(key) => jwt_embedded::verify(token, key, validation, now, buf),
            Key::Rs3072(key) => jwt_embedded::verify(token, key, validation, now, buf),
            Key::Rs4096(key) => jwt_embedded::verify(token, key, validation, now, buf),
        }
    }
}

/// The CLI's deny list: room for every `--revoked-jti` it accepts.
type RevokedJtis = DenyList<MAX_REVOKED>;

fn run(options: &Options) -> ExitCode {
    let input = match read_token(&options.token) {
        Ok(input) => input,
        Err(message) => return usage_error(&message),
    };
    let key = match Key::load(&options.key) {
        Ok(key) => key,
        Err(LoadError::Unreadable(message)) => return usage_error(&message),
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
    match key.verify(token, &validation, now, &mut buf) {
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
