//! Host side of the firmware build:
//!
//! 1. writes `memory.x` for the QEMU board that runs the target (replace it
//!    with your chip's memory map on real hardware);
//! 2. turns the vector files of `tests/vectors/` into Rust statics
//!    (`$OUT_DIR/vectors.rs`), with each case's expected verdict taken from
//!    the vector file itself (RFC `expect`/`reason_class`, Wycheproof
//!    `result`), never from running the verifier.
//!
//! The Cortex-M0 board (microbit: 256 KiB flash) gets every JWS vector but
//! not the raw Wycheproof RSA files; the others get everything.

use std::{env, fmt::Write as _, fs, path::PathBuf};

use serde_json::Value;

fn main() {
    let target = env::var("TARGET").expect("TARGET");
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-env=FW_TARGET={target}");

    if let Some(mem) = memory_x(&target) {
        fs::write(out.join("memory.x"), mem).expect("write memory.x");
        println!("cargo:rustc-link-search={}", out.display());
    }

    let vectors = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("dir")).join("../vectors");
    let small = target.starts_with("thumbv6m");
    let mut src = String::new();
    let mut max_token = 0usize;
    rfc(&vectors, &mut src, &mut max_token);
    wycheproof_jws(&vectors, &mut src, &mut max_token);
    rfc8037(&vectors, &mut src);
    let rsa_files: &[(&str, &str)] = if small {
        &[]
    } else {
        &[
            ("RSA_2048", "rsa_signature_2048_sha256_test.json"),
            ("RSA_4096", "rsa_signature_4096_sha256_test.json"),
        ]
    };
    for name in ["RSA_2048", "RSA_4096"] {
        match rsa_files.iter().find(|(n, _)| *n == name) {
            Some((_, file)) => wycheproof_rsa(&vectors, name, file, &mut src),
            None => writeln!(
                src,
                "pub static {name}: &[RsaGroup] = &[];\npub const {name}_NUMBER_OF_TESTS: usize = 0;"
            )
            .unwrap(),
        }
    }
    writeln!(src, "pub const MAX_TOKEN_LEN: usize = {max_token};").unwrap();
    fs::write(out.join("vectors.rs"), src).expect("write vectors.rs");

    let fixtures = vectors.join("../../benches/fixtures");
    let own = vectors.join("../firmware/fixtures");
    fs::write(out.join("fixtures.rs"), fixture_keys(&fixtures, &own)).expect("write fixtures.rs");
}

/// The `n` and `e` bytes of the fixtures' RSA keys, for the `measure`
/// firmware (which imports them with `from_components`): the benchmark
/// fixtures' RS256 keys (`RS2048_N`, …) and this folder's PS256 key
/// (`PS2048_N`, …; `fixtures/make_fixtures.py`).
fn fixture_keys(benches: &std::path::Path, own: &std::path::Path) -> String {
    let mut src = String::new();
    let keys = [
        ("RS2048", benches.join("rs256_2048.pub.jwk.json")),
        ("RS4096", benches.join("rs256_4096.pub.jwk.json")),
        ("PS2048", own.join("ps256_2048.pub.jwk.json")),
    ];
    for (name, path) in keys {
        let jwk = load(path);
        for part in ["n", "e"] {
            let value = base64url_decode(s(&jwk[part])).expect("fixture JWK base64url");
            writeln!(
                src,
                "pub const {name}_{}: &[u8] = {};",
                part.to_uppercase(),
                bytes(&value)
            )
            .unwrap();
        }
    }
    // The EC and Ed25519 fixtures' public keys: the SEC 1 uncompressed point
    // (`04 || x || y`) and the 32 raw bytes, imported with `from_sec1_bytes`
    // and `from_bytes`.
    for (name, file) in [("ES256", "es256"), ("ES384", "es384")] {
        let jwk = load(benches.join(format!("{file}.pub.jwk.json")));
        let mut point = vec![4u8];
        for part in ["x", "y"] {
            point.extend(base64url_decode(s(&jwk[part])).expect("fixture JWK base64url"));
        }
        writeln!(src, "pub const {name}_POINT: &[u8] = {};", bytes(&point)).unwrap();
    }
    let jwk = load(benches.join("eddsa.pub.jwk.json"));
    let x = base64url_decode(s(&jwk["x"])).expect("fixture JWK base64url");
    assert_eq!(x.len(), 32, "Ed25519 key length");
    writeln!(src, "pub const ED25519_KEY: &[u8; 32] = {};", bytes(&x)).unwrap();
    src
}

fn memory_x(target: &str) -> Option<&'static str> {
    if target.starts_with("thumbv6m") {
        // QEMU microbit (nRF51822, Cortex-M0): 256K flash @0, 16K RAM.
        Some(
            "MEMORY {\n  FLASH : ORIGIN = 0x00000000, LENGTH = 256K\n  RAM : ORIGIN = 0x20000000, LENGTH = 16K\n}\n",
        )
    } else if target.starts_with("thumbv7") {
        // QEMU mps2-an385/an386: SSRAM1 4M @0 (code), SSRAM2/3 4M @0x20000000.
        Some(
            "MEMORY {\n  FLASH : ORIGIN = 0x00000000, LENGTH = 4M\n  RAM : ORIGIN = 0x20000000, LENGTH = 4M\n}\n",
        )
    } else if target.starts_with("riscv32") {
        // QEMU virt -bios none: execution starts at the DRAM base.
        Some(concat!(
            "MEMORY {\n  FLASH : ORIGIN = 0x80000000, LENGTH = 4M\n  RAM : ORIGIN = 0x80400000, LENGTH = 4M\n}\n",
            "REGION_ALIAS(\"REGION_TEXT\", FLASH);\nREGION_ALIAS(\"REGION_RODATA\", FLASH);\n",
            "REGION_ALIAS(\"REGION_DATA\", RAM);\nREGION_ALIAS(\"REGION_BSS\", RAM);\n",
            "REGION_ALIAS(\"REGION_HEAP\", RAM);\nREGION_ALIAS(\"REGION_STACK\", RAM);\n",
        ))
    } else {
        None // host `cargo check`: no memory map
    }
}

fn load(path: PathBuf) -> Value {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn hex(text: &str) -> Vec<u8> {
    assert!(text.len().is_multiple_of(2), "odd hex");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// A byte-string literal.
fn bytes(b: &[u8]) -> String {
    let mut out = String::from("b\"");
    for byte in b {
        write!(out, "\\x{byte:02x}").unwrap();
    }
    out.push('"');
    out
}

/// Strict unpadded base64url with canonical trailing bits (RFC 7515 §2):
/// the decoded bytes, or `None`.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 6 && acc == 0).then_some(out)
}

fn strict_base64url(text: &str) -> bool {
    base64url_decode(text).is_some()
}

/// `tests/vectors/rfc_vectors.json`: RFC 7515 A.1/A.2, RFC 7519 3.1/6.1,
/// RFC 7520 4.1/4.4, every case with its policy and expected error kind.
fn rfc(dir: &std::path::Path, src: &mut String, max_token: &mut usize) {
    let doc = load(dir.join("rfc_vectors.json"));
    writeln!(src, "pub static RFC: &[RfcCase] = &[").unwrap();
    for vector in doc["vectors"].as_array().expect("vectors") {
        let token = s(&vector["token"]);
        *max_token = (*max_token).max(token.len());
        let key = &vector["key"];
        let key_src = match s(&key["kind"]) {
            "hmac" => format!(
                "RfcKey::Hs {{ secret: {}, jwk_k: {:?} }}",
                bytes(&hex(s(&key["secret_hex"]))),
                s(&vector["jwk"]["k"])
            ),
            "rsa" => format!(
                "RfcKey::Rs {{ n: {:?}, e: {:?}, spki_pem: {:?} }}",
                s(&key["n_b64url"]),
                s(&key["e_b64url"]),
                s(&key["spki_pem"])
            ),
            "ec" => format!(
                "RfcKey::Ec {{ jwk: {:?}, spki_pem: {:?} }}",
                vector["jwk"].to_string(),
                s(&key["spki_pem"])
            ),
            other => panic!("key kind {other}"),
        };
        for case in vector["cases"].as_array().expect("cases") {
            let policy = &case["validation"];
            let expect = match s(&case["expect"]) {
                "valid" => "valid",
                "invalid" => s(&case["reason_class"]),
                other => panic!("expect {other}"),
            };
            let opt = |v: &Value| match v.as_str() {
                Some(text) => format!("Some({text:?})"),
                None => "None".to_owned(),
            };
            let require: Vec<String> = policy["require"]
                .as_array()
                .map(|names| names.iter().map(|n| format!("{:?}", s(n))).collect())
                .unwrap_or_default();
            writeln!(
                src,
                "    RfcCase {{ id: {:?}, token: {:?}, key: {key_src}, now: {}, leeway: {}, \
                 iss: {}, aud: {}, require: &[{}], expect: {:?}, payload: {:?} }},",
                s(&case["id"]),
                token,
                policy["now"].as_i64().expect("now"),
                policy["leeway"].as_u64().unwrap_or(0),
                opt(&policy["iss"]),
                opt(&policy["aud"]),
                require.join(", "),
                expect,
                s(&vector["payload_text"]),
            )
            .unwrap();
        }
    }
    writeln!(src, "];").unwrap();
}

/// `tests/vectors/rfc8037_ed25519.json`: the RFC 8037 A.2 public key (JWK
/// and SubjectPublicKeyInfo PEM) and the A.4 EdDSA JWS.
fn rfc8037(dir: &std::path::Path, src: &mut String) {
    let doc = load(dir.join("rfc8037_ed25519.json"));
    writeln!(
        src,
        "pub const RFC8037_JWK: &str = {:?};",
        doc["A.2"]["jwk"].to_string()
    )
    .unwrap();
    writeln!(
        src,
        "pub const RFC8037_PEM: &str = {:?};",
        s(&doc["A.2"]["key"]["spki_pem"])
    )
    .unwrap();
    writeln!(
        src,
        "pub const RFC8037_JWS: &str = {:?};",
        s(&doc["A.4"]["jws"])
    )
    .unwrap();
}

/// Wycheproof `json_web_signature_test.json`: the HS256 and RS256 groups
/// with their labels, and every other group's tokens (which both key types
/// must refuse).
fn wycheproof_jws(dir: &std::path::Path, src: &mut String, max_token: &mut usize) {
    let doc = load(dir.join("wycheproof/json_web_signature_test.json"));
    let groups = doc["testGroups"].as_array().expect("testGroups");

    // Upstream mislabels (tests/vectors/README.md): 367 and 370 are the
    // valid tcId 357 verbatim although labelled invalid; 372 and 373 carry a
    // `?` inside the signed part although labelled valid.
    let mut by_id = std::collections::BTreeMap::new();
    for group in groups {
        for t in group["tests"].as_array().expect("tests") {
            by_id.insert(t["tcId"].as_u64().expect("tcId"), s(&t["jws"]).to_owned());
        }
    }
    for id in [367, 370] {
        assert_eq!(by_id[&id], by_id[&357], "tcId {id} is no longer tcId 357");
    }
    for id in [372, 373] {
        assert!(by_id[&id].contains('?'), "tcId {id} lost its '?'");
    }

    let mut hs_keys = Vec::new();
    let mut rs_keys = Vec::new();
    let mut other_rsa_jwks = Vec::new();
    writeln!(src, "pub static JWS: &[JwsCase] = &[").unwrap();
    for group in groups {
        let private = &group["private"];
        let public = &group["public"];
        let (kind, key_index) = if private["kty"] == "oct" && private["alg"] == "HS256" {
            hs_keys.push(s(&private["k"]).to_owned());
            ("JwsGroup::Hs256", hs_keys.len() - 1)
        } else if public["kty"] == "RSA" && matches!(public["alg"].as_str(), None | Some("RS256")) {
            // A key restricted to another use (RFC 7517 §4.2/§4.3) is refused.
            let usable = public["use"].as_str().is_none_or(|u| u == "sig")
                && public["key_ops"]
                    .as_array()
                    .is_none_or(|ops| ops.iter().any(|op| op == "verify"));
            rs_keys.push(format!(
                "RsJwk {{ jwk: {:?}, n: {:?}, e: {:?}, usable: {usable} }}",
                public.to_string(),
                s(&public["n"]),
                s(&public["e"]),
            ));
            ("JwsGroup::Rs256", rs_keys.len() - 1)
        } else {
            if public["kty"] == "RSA" {
                // A JWK for another algorithm (PS*, RS384, …): refused as RS256.
                other_rsa_jwks.push(public.to_string());
            }
            ("JwsGroup::Other", 0)
        };
        for t in group["tests"].as_array().expect("tests") {
            let id = t["tcId"].as_u64().expect("tcId");
            let token = s(&t["jws"]);
            *max_token = (*max_token).max(token.len());
            let mut valid = match s(&t["result"]) {
                "valid" => true,
                "invalid" => false,
                other => panic!("tcId {id}: result {other}"),
            };
            if matches!(id, 367 | 370 | 372 | 373) {
                valid = !valid;
            }
            let payload_strict = token.split('.').nth(1).is_some_and(strict_base64url);
            let alg = match header_alg(token) {
                Some(alg) => format!("Some({alg:?})"),
                None => "None".to_owned(),
            };
            writeln!(
                src,
                "    JwsCase {{ tc_id: {id}, token: {token:?}, group: {kind}, key: {key_index}, \
                 valid: {valid}, payload_strict: {payload_strict}, alg: {alg} }},"
            )
            .unwrap();
        }
    }
    writeln!(src, "];").unwrap();
    writeln!(src, "pub static HS_KEYS: &[&str] = &{hs_keys:?};").unwrap();
    writeln!(
        src,
        "pub static RS_KEYS: &[RsJwk] = &[{}];",
        rs_keys.join(", ")
    )
    .unwrap();
    writeln!(
        src,
        "pub static OTHER_RSA_JWKS: &[&str] = &{other_rsa_jwks:?};"
    )
    .unwrap();
    let total = doc["numberOfTests"].as_u64().expect("numberOfTests");
    writeln!(src, "pub const JWS_NUMBER_OF_TESTS: usize = {total};").unwrap();
}

/// The `alg` of a three-segment token whose header is strict base64url of a
/// JSON object with a string `alg` and no `crit`: the tokens a verifier must
/// refuse on `alg` alone when it is not the key's algorithm.
fn header_alg(token: &str) -> Option<String> {
    let segments: Vec<&str> = token.split('.').collect();
    let [header, _, _] = segments.as_slice() else {
        return None;
    };
    let json: Value = serde_json::from_slice(&base64url_decode(header)?).ok()?;
    let object = json.as_object()?;
    if object.contains_key("crit") {
        return None;
    }
    object.get("alg")?.as_str().map(str::to_owned)
}

/// A Wycheproof RSASSA-PKCS1-v1_5 SHA-256 file. `acceptable` occurs only
/// with the `MissingNull` flag, which the verifier rejects (README).
fn wycheproof_rsa(dir: &std::path::Path, name: &str, file: &str, src: &mut String) {
    let doc = load(dir.join("wycheproof").join(file));
    let total = doc["numberOfTests"].as_u64().expect("numberOfTests");
    writeln!(src, "pub const {name}_NUMBER_OF_TESTS: usize = {total};").unwrap();
    writeln!(src, "pub static {name}: &[RsaGroup] = &[").unwrap();
    for group in doc["testGroups"].as_array().expect("testGroups") {
        writeln!(
            src,
            "  RsaGroup {{ der: {}, cases: &[",
            bytes(&hex(s(&group["publicKeyDer"])))
        )
        .unwrap();
        for t in group["tests"].as_array().expect("tests") {
            let id = t["tcId"].as_u64().expect("tcId");
            let valid = match s(&t["result"]) {
                "valid" => true,
                "invalid" => false,
                "acceptable" => {
                    let flags: Vec<&str> = t["flags"]
                        .as_array()
                        .expect("flags")
                        .iter()
                        .map(s)
                        .collect();
                    assert_eq!(
                        flags,
                        ["MissingNull"],
                        "tcId {id}: unexpected acceptable case"
                    );
                    false
                }
                other => panic!("tcId {id}: result {other}"),
            };
            writeln!(
                src,
                "    RsaCase {{ tc_id: {id}, msg: {}, sig: {}, valid: {valid} }},",
                bytes(&hex(s(&t["msg"]))),
                bytes(&hex(s(&t["sig"])))
            )
            .unwrap();
        }
        writeln!(src, "  ] }},").unwrap();
    }
    writeln!(src, "];").unwrap();
}
