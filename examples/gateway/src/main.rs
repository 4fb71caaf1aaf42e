//! `jwt-embedded-gateway`: an HTTP/1.1 edge gateway that verifies the JWT of
//! every request with `jwt-embedded` against a JWK Set file it re-reads when
//! the file changes (or on SIGHUP), under the policy of a config file.
//!
//! ```text
//! jwt-embedded-gateway --config FILE --keys JWKS_FILE --listen 127.0.0.1:PORT
//!                      [--cookie NAME] [--refresh-ms 200]
//! ```
//!
//! Answers: see the library's `answer` module. Logs: one `key=value` line on
//! stderr per event (`event=listening`, `event=keys_loaded`,
//! `event=keys_refused`, `event=reject`), never a byte of a token.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, GetAll, HeaderValue, WWW_AUTHENTICATE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use jwt_embedded::{Error, KeySet, KeySetPolicy, MAX_JWKS_LEN, SkipReason, Validation, buffer_len};
use jwt_embedded_gateway::answer::{Refusal, Source, credentials};
use jwt_embedded_gateway::config::Config;
use jwt_embedded_gateway::{KEYS, MAX_TOKEN_CEILING};
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};

type Keys = KeySet<KEYS>;

/// Largest header section accepted (bytes, names and values): a longer one
/// is answered 431. hyper enforces its `max_header_size` only while a head
/// is still incomplete (a head that arrives whole in one read passes, as a
/// 100 KB one did on loopback), so the gateway checks again. Above
/// `MAX_TOKEN_CEILING`, so an oversized token within it gets the crate's
/// precise `too_large`.
const MAX_HEAD: usize = 64 * 1024;

/// Longest `sub` echoed in a 200 body, in bytes (decoded).
const MAX_SUB: usize = 256;

struct Gateway {
    keys: RwLock<Arc<Keys>>,
    /// The policy. A `Validation` is not `Sync` (its revocation hook is a
    /// `&dyn Revocation`), so each request builds its own from these: a
    /// few field copies.
    config: &'static Config,
    audiences: &'static [&'static str],
    scopes: &'static [&'static str],
}

struct Args {
    config: PathBuf,
    keys: PathBuf,
    listen: SocketAddr,
    cookie: Option<String>,
    refresh: Duration,
}

fn usage() -> ! {
    eprintln!(
        "usage: jwt-embedded-gateway --config FILE --keys JWKS_FILE --listen ADDR:PORT [--cookie NAME] [--refresh-ms 200]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut args = std::env::args().skip(1);
    let (mut config, mut keys, mut listen, mut cookie, mut refresh) = (None, None, None, None, 200);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else { usage() };
        match flag.as_str() {
            "--config" => config = Some(PathBuf::from(value)),
            "--keys" => keys = Some(PathBuf::from(value)),
            "--listen" => listen = Some(value.parse().unwrap_or_else(|_| usage())),
            "--cookie" => cookie = Some(value),
            "--refresh-ms" => refresh = value.parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    match (config, keys, listen) {
        (Some(config), Some(keys), Some(listen)) if refresh > 0 => Args {
            config,
            keys,
            listen,
            cookie,
            refresh: Duration::from_millis(refresh),
        },
        _ => usage(),
    }
}

/// Why a key set document is refused as a whole.
fn load(document: &[u8]) -> Result<Keys, String> {
    if document.len() > MAX_JWKS_LEN {
        return Err(Error::TooLarge.kind().to_owned());
    }
    let text = std::str::from_utf8(document).map_err(|_| "not_utf8".to_owned())?;
    let mut damaged: Option<(usize, SkipReason)> = None;
    let keys = Keys::from_jwks_with(text, &KeySetPolicy::new(), |outcome| {
        // A member this gateway cannot use (another key type, curve or
        // algorithm, an encryption key) is skipped, as issuers publish
        // such; a member that claims to be a usable signing key and is
        // damaged refuses the whole document (the old keys stay).
        if let Err(why) = outcome.status {
            let skippable = matches!(
                why,
                SkipReason::UnsupportedKeyType
                    | SkipReason::UnsupportedAlgorithm
                    | SkipReason::UnsupportedCurve
                    | SkipReason::NoAlgorithm
                    | SkipReason::NotAccepted
                    | SkipReason::NotForSigning
            );
            if !skippable && damaged.is_none() {
                damaged = Some((outcome.index, why));
            }
        }
    })
    .map_err(|error| format!("{} detail={error:?}", error.kind()))?;
    if let Some((index, why)) = damaged {
        return Err(format!("member_{} index={index}", why.name()));
    }
    if keys.is_empty() {
        return Err("no_usable_key".to_owned());
    }
    Ok(keys)
}

fn describe(keys: &Keys) -> String {
    let kids: Vec<&str> = keys.keys().map(|(kid, _)| kid.unwrap_or("-")).collect();
    format!("keys={} kids={}", keys.len(), kids.join(","))
}

/// Polls the key file every `refresh` (and at once on SIGHUP); a document
/// that differs from the last one read is loaded into a new set, swapped in
/// only if it loads.
async fn refresher(gateway: Arc<Gateway>, path: PathBuf, refresh: Duration, document: Vec<u8>) {
    // The last document read; `None` after a read error.
    let mut last = Some(document);
    let mut hangup = match signal(SignalKind::hangup()) {
        Ok(hangup) => Some(hangup),
        Err(error) => {
            eprintln!("event=warning what=no_sighup error=\"{error}\"");
            None
        }
    };
    let mut tick = tokio::time::interval(refresh);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let forced = tokio::select! {
            _ = tick.tick() => false,
            Some(()) = async { match hangup.as_mut() { Some(h) => h.recv().await, None => None } } => true,
        };
        // The file is small (at most 64 KiB is ever loaded): reading it is
        // cheaper than trusting mtime and length, which a rewrite of the
        // same length within one mtime tick would leave equal.
        let document = match std::fs::read(&path) {
            Ok(document) => document,
            Err(error) => {
                // Logged once per failure, not once per poll.
                if forced || last.is_some() {
                    eprintln!(
                        "event=keys_refused reason=io error=\"{}\" kept=old",
                        error.kind()
                    );
                }
                last = None;
                continue;
            }
        };
        if last.as_ref() == Some(&document) && !forced {
            continue;
        }
        match load(&document) {
            Ok(keys) => {
                eprintln!(
                    "event=keys_loaded {} bytes={} trigger={}",
                    describe(&keys),
                    document.len(),
                    if forced { "sighup" } else { "change" }
                );
                let fresh = Arc::new(keys);
                match gateway.keys.write() {
                    Ok(mut current) => *current = fresh,
                    Err(poisoned) => *poisoned.into_inner() = fresh,
                }
            }
            Err(reason) => eprintln!(
                "event=keys_refused reason={reason} bytes={} kept=old",
                document.len()
            ),
        }
        last = Some(document);
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The first two values of a header (two are enough to tell one from
/// many), and how many of them there are.
fn first_two(values: GetAll<'_, HeaderValue>) -> ([&[u8]; 2], usize) {
    let mut first: [&[u8]; 2] = [&[], &[]];
    let mut count = 0;
    for (slot, value) in first.iter_mut().zip(values) {
        *slot = value.as_bytes();
        count += 1;
    }
    (first, count)
}

impl Gateway {
    /// The verdict on one request: the subject, or a refusal with where the
    /// token came from. Synchronous: the decoding buffer lives on the stack
    /// and no await point holds it.
    fn decide(&self, request: &Request<Incoming>) -> Result<String, (Refusal, Source)> {
        let headers = request.headers();
        let (authorization, count) = first_two(headers.get_all(AUTHORIZATION));
        let (cookies, cookie_count) = first_two(headers.get_all(COOKIE));
        let (source, token) = credentials(
            &authorization[..count],
            &cookies[..cookie_count],
            self.config.cookie.as_deref(),
        )
        .map_err(|refusal| {
            let source = if count > 0 {
                Source::Bearer
            } else if cookie_count > 0 {
                Source::Cookie
            } else {
                Source::None
            };
            (refusal, source)
        })?;
        let keys = match self.keys.read() {
            Ok(keys) => Arc::clone(&keys),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        };
        let mut buf = [0u8; buffer_len(MAX_TOKEN_CEILING)];
        let verified = keys
            .verify(token, &self.validation(), now(), &mut buf)
            .map_err(|error| (Refusal::of_token(error), source))?;
        let mut sub = [0u8; MAX_SUB];
        let subject = verified
            .claims()
            .sub
            .as_ref()
            .and_then(|sub_claim| sub_claim.unescape_into(&mut sub).ok())
            // `sub` is required, so present: only one decoding to more
            // than MAX_SUB bytes fails here.
            .ok_or((Refusal::InvalidToken(Error::TooLarge.kind()), source))?;
        Ok(subject.to_owned())
    }

    fn validation(&self) -> Validation<'static> {
        self.config.validation(self.audiences, self.scopes)
    }

    fn respond(&self, request: &Request<Incoming>) -> Response<Full<Bytes>> {
        let head: usize = request
            .headers()
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 4)
            .sum();
        if head > MAX_HEAD {
            eprintln!("event=reject status=431 kind=head_too_large source=none");
            let mut response = Response::new(Full::new(Bytes::new()));
            *response.status_mut() = StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE;
            return response;
        }
        match self.decide(request) {
            Ok(subject) => {
                let mut body = subject.into_bytes();
                body.push(b'\n');
                let mut response = Response::new(Full::new(Bytes::from(body)));
                response
                    .headers_mut()
                    .insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
                response
            }
            Err((refusal, source)) => {
                eprintln!(
                    "event=reject status={} kind={} source={}",
                    refusal.status(),
                    refusal.kind(),
                    source.name()
                );
                let mut response = Response::new(Full::new(Bytes::new()));
                *response.status_mut() =
                    StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::UNAUTHORIZED);
                response
                    .headers_mut()
                    .insert(WWW_AUTHENTICATE, challenge(refusal));
                response
            }
        }
    }
}

/// The `WWW-Authenticate` value of a refusal (its kind is one of the
/// crate's `Error::kind()` names, or the gateway's own: always a valid value).
fn challenge(refusal: Refusal) -> HeaderValue {
    HeaderValue::from_str(&refusal.challenge())
        .unwrap_or_else(|_| HeaderValue::from_static("Bearer"))
}

fn fail(what: &str, detail: &str) -> ! {
    eprintln!("event=fatal what={what} detail=\"{detail}\"");
    std::process::exit(1)
}

#[tokio::main]
async fn main() {
    let args = parse_args();
    let text = std::fs::read_to_string(&args.config)
        .unwrap_or_else(|error| fail("config_read", &error.to_string()));
    let mut config = Config::parse(&text).unwrap_or_else(|error| fail("config", &error));
    if args.cookie.is_some() {
        config.cookie = args.cookie;
    }
    // One policy for the process's life: leaked to borrow it for 'static.
    let config: &'static Config = Box::leak(Box::new(config));
    let audiences: &'static [&'static str] =
        Box::leak(config.audiences.iter().map(String::as_str).collect());
    let scopes: &'static [&'static str] =
        Box::leak(config.scopes.iter().map(String::as_str).collect());

    let document =
        std::fs::read(&args.keys).unwrap_or_else(|error| fail("keys_read", &error.to_string()));
    let keys = load(&document).unwrap_or_else(|reason| fail("keys", &reason));
    eprintln!(
        "event=keys_loaded {} bytes={} trigger=start",
        describe(&keys),
        document.len()
    );

    let gateway = Arc::new(Gateway {
        keys: RwLock::new(Arc::new(keys)),
        config,
        audiences,
        scopes,
    });
    tokio::spawn(refresher(
        Arc::clone(&gateway),
        args.keys.clone(),
        args.refresh,
        document,
    ));

    let listener = TcpListener::bind(args.listen)
        .await
        .unwrap_or_else(|error| fail("bind", &error.to_string()));
    let local = listener.local_addr().map_or(args.listen, |a| a);
    eprintln!("event=listening addr={local} pid={}", std::process::id());
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(error) => {
                eprintln!("event=accept_error error=\"{error}\"");
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let gateway = Arc::clone(&gateway);
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<Incoming>| {
                let response = gateway.respond(&request);
                async move { Ok::<_, Infallible>(response) }
            });
            let _ = http1::Builder::new()
                .max_header_size(MAX_HEAD)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
