use super::*;

/// Parses `doc` and returns its top-level members, or `Err` if it is not strict JSON.
fn members(doc: &str) -> Result<([(JsonStr<'_>, Value<'_>); 8], usize), JsonError> {
    let empty = JsonStr {
        raw: "",
        escapes: Escapes::No,
    };
    let mut out = [(empty, Value::Null); 8];
    let mut n = 0;
    parse_object(doc, |k, v| {
        if let Some(slot) = out.get_mut(n) {
            *slot = (k, v);
        }
        n += 1;
    })?;
    Ok((out, n))
}

fn valid(doc: &str) -> bool {
    members(doc).is_ok()
}

/// A deterministic xorshift64 stream for the randomised tests.
fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

#[test]
fn accepts_strict_objects() {
    for doc in [
        "{}",
        " {} ",
        "\t{\r\n}\n",
        r#"{"a":1}"#,
        r#"{"a":-0.5e+10,"b":[1,2,{"c":null}],"d":{"e":[true,false]},"f":""}"#,
        r#"{"a":"\"\\\/\b\f\n\r\t\u0041\ud83d\ude00"}"#,
        r#"{"a":[],"b":{},"c":[[]]}"#,
        "{\"\u{e9}\":\"\u{1F600}\"}",
        r#"{"a":0,"b":1E5,"c":1e-5,"d":10.01}"#,
    ] {
        assert!(valid(doc), "{doc}");
    }
}

#[test]
fn rejects_everything_not_strict() {
    for doc in [
        "",
        " ",
        "[]",
        "1",
        "\"a\"",
        "null",
        "{",
        "}",
        "{}}",
        "{} x",
        "{}{}",
        r#"{"a"}"#,
        r#"{"a":}"#,
        r#"{"a":1,}"#,
        r#"{,"a":1}"#,
        r#"{"a":1 "b":2}"#,
        r#"{a:1}"#,
        r#"{'a':1}"#,
        r#"{"a":01}"#,
        r#"{"a":1.}"#,
        r#"{"a":.5}"#,
        r#"{"a":+1}"#,
        r#"{"a":1e}"#,
        r#"{"a":-}"#,
        r#"{"a":NaN}"#,
        r#"{"a":Infinity}"#,
        r#"{"a":tru}"#,
        r#"{"a":nul}"#,
        r#"{"a":True}"#,
        r#"{"a":[1,]}"#,
        r#"{"a":[,1]}"#,
        r#"{"a":"\x"}"#,
        r#"{"a":"\u12"}"#,
        r#"{"a":"\u12G4"}"#,
        r#"{"a":"\ud800"}"#,
        r#"{"a":"\udc00"}"#,
        r#"{"a":"\ud800\u0041"}"#,
        r#"{"a":"\ud800x"}"#,
        "{\"a\":\"\t\"}",
        "{\"a\":\"\n\"}",
        "{\"a\":\"\u{0}\"}",
        r#"{"a":"unterminated}"#,
        "{\"a\":1}\u{0}",
        "\u{feff}{}",
        r#"{"a":1}/*c*/"#,
    ] {
        assert!(!valid(doc), "{doc:?}");
    }
}

#[test]
fn rejects_duplicate_names_after_unescaping_at_any_depth() {
    for doc in [
        r#"{"a":1,"a":2}"#,
        r#"{"a":1,"\u0061":2}"#,
        r#"{"a/b":1,"a\/b":2}"#,
        r#"{"x":{"k":1,"k":2}}"#,
        r#"{"x":[{"k":1,"k":2}]}"#,
        r#"{"exp":1,"b":{"exp":1},"exp":2}"#,
        r#"{"😀":1,"\ud83d\ude00":2}"#,
    ] {
        assert!(!valid(doc), "{doc}");
    }
    // The same name in different objects is fine.
    assert!(valid(r#"{"k":1,"x":{"k":1},"y":[{"k":1}]}"#));
}

/// An object with `n` members named `k0`, `k1`, … and, optionally, a repeat of `k{dup}` at the end.
fn wide_object(buf: &mut [u8], n: usize, dup: Option<usize>) -> &str {
    use core::fmt::{Error as FmtError, Write};
    struct W<'a>(&'a mut [u8], usize);
    impl Write for W<'_> {
        fn write_str(&mut self, s: &str) -> Result<(), FmtError> {
            let end = self.1 + s.len();
            self.0
                .get_mut(self.1..end)
                .ok_or(FmtError)?
                .copy_from_slice(s.as_bytes());
            self.1 = end;
            Ok(())
        }
    }
    let mut w = W(buf, 0);
    w.write_str("{").unwrap();
    for i in 0..n {
        write!(w, "\"k{i}\":{{\"n\":{i}}},").unwrap();
    }
    match dup {
        Some(d) => write!(w, "\"k{d}\":0}}").unwrap(),
        None => w.write_str("\"end\":0}").unwrap(),
    }
    let len = w.1;
    core::str::from_utf8(&buf[..len]).unwrap()
}

#[test]
fn duplicate_detection_covers_every_slot_and_the_cap_is_exact() {
    // `n` names, each holding `{"n":i}` (one more open name while it is read), then one more name.
    let mut buf = [0u8; 8192];
    assert_eq!(
        members(wide_object(&mut buf, MAX_MEMBERS - 1, None)).map(|m| m.1),
        Ok(MAX_MEMBERS)
    );
    for dup in [0, 1, 5, MAX_MEMBERS / 2, MAX_MEMBERS - 3, MAX_MEMBERS - 2] {
        let mut buf = [0u8; 8192];
        let doc = wide_object(&mut buf, MAX_MEMBERS - 1, Some(dup));
        assert_eq!(members(doc).map(|m| m.1), Err(Syntax), "dup {dup}");
    }
    // One name more than the slots: refused as too large, whatever follows.
    let mut buf = [0u8; 8192];
    assert_eq!(
        members(wide_object(&mut buf, MAX_MEMBERS, None)).map(|m| m.1),
        Err(JsonError::TooLarge)
    );
    let mut buf = [0u8; 8192];
    assert_eq!(
        members(wide_object(&mut buf, 200, None)).map(|m| m.1),
        Err(JsonError::TooLarge)
    );
}

#[test]
fn open_objects_share_the_slots_and_closed_ones_free_them() {
    extern crate std;
    use std::format;
    use std::string::String;
    // 60 top-level names; the 60th holds an object of `inner` names.
    let doc = |inner: usize| {
        let mut s = String::from("{");
        for i in 0..59 {
            s.push_str(&format!("\"t{i}\":0,"));
        }
        s.push_str("\"o\":{");
        for i in 0..inner {
            s.push_str(&format!(
                "{}\"i{i}\":[{{\"x\":1,\"y\":2}}]",
                if i > 0 { "," } else { "" }
            ));
        }
        s.push_str("}}");
        s
    };
    // 60 + 2 inner names + the 2 names of an object inside them = 64.
    assert!(valid(&doc(2)));
    // 60 + 3 + 2 = 65.
    assert_eq!(members(&doc(3)).map(|m| m.1), Err(JsonError::TooLarge));
    // Many objects of up to 64 names one after another: each frees its slots.
    let mut s = String::from("{\"a\":[");
    for o in 0..20 {
        s.push_str(if o > 0 { ",{" } else { "{" });
        for i in 0..MAX_MEMBERS - 1 {
            s.push_str(&format!("{}\"k{i}\":{o}", if i > 0 { "," } else { "" }));
        }
        s.push('}');
    }
    s.push_str("]}");
    assert!(valid(&s));
}

#[test]
fn duplicates_are_found_across_escape_spellings_in_wide_objects() {
    extern crate std;
    use std::collections::BTreeSet;
    use std::string::String;
    use std::vec::Vec;
    // Decoded names from a small alphabet, each spelled at random: plain,
    // `\uXXXX` in either hex case, or with the short escape where one exists.
    let alphabet = ['a', 'b', '/', '"', '\\', '\u{e9}', '\u{1F600}', 'A'];
    // Returns whether it used an escape.
    let spell = |c: char, r: u64, out: &mut String| -> bool {
        let short = match c {
            '/' => Some("\\/"),
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            _ => None,
        };
        let mut units = [0u16; 2];
        match (r % 4, short) {
            (0, _) if c != '"' && c != '\\' && c != '\0' => {
                out.push(c);
                return false;
            }
            (1, Some(s)) => out.push_str(s),
            (2, _) => {
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&std::format!("\\u{u:04x}"));
                }
            }
            _ => {
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&std::format!("\\u{u:04X}"));
                }
            }
        }
        true
    };
    // Known names (checked by a bit each), names next to them, and a known
    // name followed by a NUL (`k\u0000`, which must not pass for `k`).
    let words = [
        "alg", "typ", "k", "x", "kid", "keys", "name", "crit", "al", "algs", "k\0", "\0k", "kk",
        "x5", "ke", "",
    ];
    let mut next = xorshift(0x2545_f491_4f6c_dd1du64);
    let mut outcomes = [0usize; 3];
    for round in 0..4000 {
        let count = 1 + (next() % 80) as usize;
        // Every third round spells almost every character plain, so that
        // objects with few escaped names (at most MAX_ESCAPED) are common.
        let (letters, escape_one_in) = if round % 3 == 0 {
            (&alphabet[..], 1)
        } else {
            (&['a', 'b', '/', 'A', '\u{e9}', '\u{1F600}'][..], 24)
        };
        let mut doc = String::from("{");
        let mut seen = BTreeSet::new();
        let mut plain_seen = BTreeSet::new();
        let mut late_duplicate = false;
        let mut escaped_names = 0;
        let mut verdict: Result<(), JsonError> = Ok(());
        for i in 0..count {
            let len = if round % 2 == 0 {
                next() % 4
            } else {
                4 + next() % 6
            } as usize;
            let name: Vec<char> = if round % 4 == 3 {
                words[(next() % words.len() as u64) as usize]
                    .chars()
                    .collect()
            } else {
                (0..len)
                    .map(|_| letters[(next() % letters.len() as u64) as usize])
                    .collect()
            };
            if i > 0 {
                doc.push(',');
            }
            doc.push('"');
            let mut escaped = false;
            for &c in &name {
                let r = next();
                let r = if r.is_multiple_of(escape_one_in) {
                    r / escape_one_in
                } else {
                    0
                };
                escaped |= spell(c, r, &mut doc);
            }
            doc.push_str("\":0");
            // The parser's order: the member cap, the cap on escaped names,
            // then a duplicate of two plain spellings at once; a duplicate
            // with an escaped spelling is found when the object closes.
            if verdict.is_ok() {
                if i >= MAX_MEMBERS || (escaped && escaped_names >= MAX_ESCAPED) {
                    verdict = Err(JsonError::TooLarge);
                } else if !escaped && plain_seen.contains(&name) {
                    verdict = Err(Syntax);
                } else if !seen.insert(name.clone()) {
                    late_duplicate = true;
                }
                if !escaped {
                    plain_seen.insert(name);
                }
                escaped_names += usize::from(escaped);
            }
        }
        doc.push('}');
        if verdict.is_ok() && late_duplicate {
            verdict = Err(Syntax);
        }
        assert_eq!(members(&doc).map(|_| ()), verdict, "round {round}: {doc}");
        outcomes[match verdict {
            Ok(()) => 0,
            Err(Syntax) => 1,
            Err(JsonError::TooLarge) => 2,
        }] += 1;
    }
    // Every outcome was exercised many times.
    assert!(outcomes.iter().all(|&n| n > 100), "{outcomes:?}");
}

#[test]
fn nesting_is_bounded() {
    let mut buf = [0u8; 256];
    let deep = |buf: &mut [u8; 256], depth: usize| -> usize {
        // {"a": [[[ ... ]]] }  with `depth` levels in total
        let mut n = 0;
        for b in "{\"a\":".bytes() {
            buf[n] = b;
            n += 1;
        }
        for _ in 1..depth {
            buf[n] = b'[';
            n += 1;
        }
        for _ in 1..depth {
            buf[n] = b']';
            n += 1;
        }
        buf[n] = b'}';
        n + 1
    };
    let n = deep(&mut buf, MAX_DEPTH);
    assert!(valid(core::str::from_utf8(&buf[..n]).unwrap()));
    let n = deep(&mut buf, MAX_DEPTH + 1);
    assert!(!valid(core::str::from_utf8(&buf[..n]).unwrap()));
}

#[test]
fn reports_top_level_members_only_with_raw_values() {
    let (m, n) =
        members(r#"{"iss":"a\/b","n":[1,{"x":2}],"o":{"p":1},"t":true,"z":null,"e":1.5}"#).unwrap();
    assert_eq!(n, 6);
    assert!(m[0].0.eq_str("iss"));
    match m[0].1 {
        Value::Str(s) => {
            assert!(s.eq_str("a/b"));
            assert_eq!(s.raw(), "a\\/b");
            assert_eq!(s.as_str(), None);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(m[1].1, Value::Array(r#"[1,{"x":2}]"#));
    assert_eq!(m[2].1, Value::Object(r#"{"p":1}"#));
    assert_eq!(m[3].1, Value::Bool(true));
    assert_eq!(m[4].1, Value::Null);
    assert_eq!(m[5].1, Value::Num("1.5"));
}

#[test]
fn unescapes_all_escape_kinds() {
    let (m, _) = members(r#"{"k":"\"\\\/\b\f\n\r\t\u0065\u00e9\ud83d\ude00"}"#).unwrap();
    let Value::Str(s) = m[0].1 else { panic!() };
    let mut buf = [0u8; 32];
    assert_eq!(
        s.unescape_into(&mut buf).unwrap(),
        "\"\\/\u{8}\u{c}\n\r\te\u{e9}\u{1F600}"
    );
    let mut small = [0u8; 4];
    assert_eq!(
        s.unescape_into(&mut small),
        Err(crate::Error::BufferTooSmall)
    );
    assert!(s.eq_str("\"\\/\u{8}\u{c}\n\r\te\u{e9}\u{1F600}"));
    assert!(!s.eq_str("\"\\/\u{8}\u{c}\n\r\te\u{e9}"));
}

#[test]
fn array_items_iterate_values() {
    let mut items = Items::new(r#"[ "a" , 1 ,{"b":[2]}, [] ]"#);
    assert!(matches!(items.next(), Some(Value::Str(s)) if s.eq_str("a")));
    assert_eq!(items.next(), Some(Value::Num("1")));
    assert_eq!(items.next(), Some(Value::Object(r#"{"b":[2]}"#)));
    assert_eq!(items.next(), Some(Value::StrArray("[]")));
    assert_eq!(items.next(), None);
    assert_eq!(items.next(), None);
    assert_eq!(Items::new("[]").next(), None);
}

#[test]
fn member_names_must_start_within_the_first_64_kib() {
    // Offsets are 16 bits: a name that starts past byte 65535 is too large;
    // a long value before the names is fine as long as they start in time.
    for (pad, tail, expected) in [
        (65_000, r#","a":1,"b":2}"#, Ok(3)),
        (65_000, r#","a":1,"a":2}"#, Err(Syntax)),
        (70_000, r#","a":1,"b":2}"#, Err(JsonError::TooLarge)),
        (70_000, r#"}"#, Ok(1)),
    ] {
        let mut buf = [0u8; 70_064];
        buf[..8].copy_from_slice(br#"{"pad":""#);
        buf[8..pad].fill(b'x');
        buf[pad] = b'"';
        let end = pad + 1 + tail.len();
        buf[pad + 1..end].copy_from_slice(tail.as_bytes());
        let doc = core::str::from_utf8(&buf[..end]).unwrap();
        assert_eq!(members(doc).map(|m| m.1), expected, "{pad} {tail}");
    }
}

#[test]
fn escaped_names_are_bounded_in_number_and_length() {
    extern crate std;
    use std::format;
    use std::string::String;
    // A name with escapes may decode to MAX_ESCAPED_NAME bytes, not one more.
    let name = |decoded_len: usize| format!("\\u0041{}", "A".repeat(decoded_len - 1));
    assert!(valid(&format!(r#"{{"{}":0}}"#, name(MAX_ESCAPED_NAME))));
    assert_eq!(
        members(&format!(r#"{{"{}":0}}"#, name(MAX_ESCAPED_NAME + 1))).map(|m| m.1),
        Err(JsonError::TooLarge)
    );
    // Names without escapes have no such limit.
    assert!(valid(&format!(r#"{{"{}":0}}"#, "A".repeat(10_000))));
    // MAX_ESCAPED open at once; a closed object frees its own.
    let escaped = |n: usize, prefix: &str| {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!(",\"{prefix}\\u0041{i}\":0"));
        }
        s
    };
    assert!(valid(&format!(r#"{{"a":0{}}}"#, escaped(MAX_ESCAPED, "t"))));
    assert_eq!(
        members(&format!(r#"{{"a":0{}}}"#, escaped(MAX_ESCAPED + 1, "t"))).map(|m| m.1),
        Err(JsonError::TooLarge)
    );
    let nested = format!(
        r#"{{"a":0{},"o":{{"x":0{}}},"p":{{"x":0{}}}}}"#,
        escaped(MAX_ESCAPED / 2, "t"),
        escaped(MAX_ESCAPED / 2, "n"),
        escaped(MAX_ESCAPED / 2, "n")
    );
    assert!(valid(&nested));
    // Duplicates across spellings, in both orders.
    for doc in [
        r#"{"x":0,"AB":1,"\u0041B":2}"#,
        r#"{"x":0,"\u0041B":1,"AB":2}"#,
        r#"{"\u0041\u0042":1,"A\u0042":2}"#,
        r#"{"a/b":1,"a\/b":2}"#,
    ] {
        assert_eq!(members(doc).map(|m| m.1), Err(Syntax), "{doc}");
    }
    // Text with `"` or `\` never equals a plain name, and is still found among escaped ones.
    assert!(valid(r#"{"a":0,"a\"":1,"a\\":2}"#));
    assert_eq!(
        members(r#"{"a\"":1,"a\u0022":2}"#).map(|m| m.1),
        Err(Syntax)
    );
}

#[test]
fn string_arrays_are_marked_and_walked_in_one_pass() {
    for (doc, strings) in [
        (r#"{"a":[]}"#, &[][..]),
        (r#"{"a":[""]}"#, &[""][..]),
        (
            r#"{"a":[ "x" , "y\"z" ,"\\","",  "\u0041\ud83d\ude00" ]}"#,
            &["x", "y\\\"z", "\\\\", "", "\\u0041\\ud83d\\ude00"][..],
        ),
        ("{\"a\":[\n\"p,q\",\t\"[r]\"\r]}", &["p,q", "[r]"][..]),
    ] {
        let (m, _) = members(doc).unwrap();
        let Value::StrArray(text) = m[0].1 else {
            panic!("{doc}: {:?}", m[0].1)
        };
        let walked: [Option<&str>; 6] = {
            let mut out = [None; 6];
            for (slot, s) in out.iter_mut().zip(Strings::new(text)) {
                *slot = Some(s.raw());
            }
            out
        };
        assert_eq!(Strings::new(text).count(), strings.len(), "{doc}");
        for (i, expected) in strings.iter().enumerate() {
            assert_eq!(walked[i], Some(*expected), "{doc}");
        }
        // The walker agrees with re-parsing every element.
        assert!(
            Strings::new(text)
                .zip(Items::new(text))
                .all(|(s, v)| v == Value::Str(s))
        );
    }
    for doc in [
        r#"{"a":[1]}"#,
        r#"{"a":["x",null]}"#,
        r#"{"a":[["x"]]}"#,
        r#"{"a":["x",{}]}"#,
    ] {
        let (m, _) = members(doc).unwrap();
        assert!(matches!(m[0].1, Value::Array(_)), "{doc}");
    }
}

#[test]
fn is_one_of_agrees_with_decoding_then_comparing() {
    extern crate std;
    use std::format;
    use std::string::String;
    use std::vec::Vec;
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15u64);
    let alphabet = ['a', 'p', ':', '/', '"', '\\', '\u{e9}', '\u{1F600}'];
    let mut outcomes = [0usize; 2];
    for round in 0..4000 {
        // A decoded text of 0 to 11 characters, spelled plain or escaped.
        let len = (next() % 12) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let mut json = String::new();
        for c in text.chars() {
            let mut units = [0u16; 2];
            match (next() % 3, c) {
                (0, '"') => json.push_str("\\\""),
                (0, '\\') => json.push_str("\\\\"),
                (0, '/') => json.push_str("\\/"),
                (0, c) => json.push(c),
                (1, '"' | '\\') | (2, _) => {
                    for u in c.encode_utf16(&mut units) {
                        json.push_str(&format!("\\u{u:04x}"));
                    }
                }
                (_, c) => json.push(c),
            }
        }
        let doc = format!(r#"{{"a":"{json}"}}"#);
        let (m, _) = members(&doc).unwrap();
        let Value::Str(s) = m[0].1 else {
            panic!("{doc}")
        };
        // A set of 0 to 70 members (two chunks of 64 when large): the text's
        // prefixes, extensions and other texts, and the text itself at times.
        let size = (next() % 71) as usize;
        let mut owned: Vec<String> = Vec::new();
        for _ in 0..size {
            let cut = text
                .char_indices()
                .map(|(i, _)| i)
                .nth((next() % 12) as usize);
            owned.push(match next() % 4 {
                0 => String::from(cut.map_or(&text[..], |i| &text[..i])),
                1 => format!("{text}{}", alphabet[(next() % 8) as usize]),
                2 if next().is_multiple_of(8) => text.clone(),
                _ => format!("{}", alphabet[(next() % 8) as usize]),
            });
        }
        let set: Vec<&str> = owned.iter().map(String::as_str).collect();
        let expected = set.contains(&text.as_str());
        assert_eq!(
            s.is_one_of(&set),
            expected,
            "round {round}: {doc} in {set:?}"
        );
        outcomes[usize::from(expected)] += 1;
    }
    assert!(outcomes.iter().all(|&n| n > 300), "{outcomes:?}");
}

#[test]
fn escaped_names_are_fingerprinted_by_their_decoded_text() {
    extern crate std;
    // `"\n` + `len - 1` × `a` + `"`: a name with an escape decoding to `len` bytes.
    let format_name = |len: usize| std::format!("\"\\n{}\"", "a".repeat(len - 1));
    // Equal decoded text, whatever the spelling, has one fingerprint; the
    // length alone tells these apart.
    let mut a = [0u8; MAX_ESCAPED_NAME];
    let mut b = [0u8; MAX_ESCAPED_NAME];
    let doc = r#"{"\u0061b\/c":0,"ab/\u0063":1,"ab/cd":2}"#;
    let at = |name: &str| &doc[doc.find(name).unwrap() + 1..];
    let first = decode_raw(at(r#""\u0061b"#), &mut a).unwrap().len();
    let second = decode_raw(at(r#""ab/\u"#), &mut b).unwrap().len();
    assert_eq!((&a[..first], &b[..second]), (&b"ab/c"[..], &b"ab/c"[..]));
    assert_eq!(fingerprint(&a, first), fingerprint(&b, second));
    let row = |text: &[u8]| {
        let mut row = [0u8; MAX_ESCAPED_NAME];
        row[..text.len()].copy_from_slice(text);
        row
    };
    assert_ne!(
        fingerprint(&row(b"ab/c"), 4),
        fingerprint(&row(b"ab/cd"), 5)
    );
    assert_ne!(fingerprint(&row(b"ab/c"), 4), fingerprint(&row(b"ab/d"), 4));
    // A NUL byte is not the padding: the length tells them apart.
    assert_ne!(fingerprint(&row(b"a"), 1), fingerprint(&row(b"a\0"), 2));
    // One byte over the row is refused, never truncated.
    let long = format_name(MAX_ESCAPED_NAME + 1);
    assert_eq!(decode_raw(&long[1..], &mut a), None);
    let fits = format_name(MAX_ESCAPED_NAME);
    assert_eq!(
        decode_raw(&fits[1..], &mut a).map(<[u8]>::len),
        Some(MAX_ESCAPED_NAME)
    );
}

/// Names with escapes are checked in order when their object closes: a
/// name that a later one duplicates is reported (`Syntax`) before a
/// too-long name between the two (`TooLarge`), and the too-long name
/// before a duplicate pair that only follows it (the fuzz target's
/// reference reads the rules this way; a case it found).
#[test]
fn escaped_names_are_checked_in_document_order() {
    extern crate std;
    use std::format;
    let long = "\\u0059".repeat(65);
    let dup_first = format!(r#"{{"i\u0073s":0,"{long}":1,"i\u0073s":2}}"#);
    assert_eq!(members(&dup_first).map(|m| m.1), Err(Syntax));
    let long_first = format!(r#"{{"{long}":1,"i\u0073s":0,"i\u0073s":2}}"#);
    assert_eq!(members(&long_first).map(|m| m.1), Err(JsonError::TooLarge));
    let plain_dup = format!(r#"{{"iss":0,"i\u0073s":1,"{long}":2}}"#);
    assert_eq!(members(&plain_dup).map(|m| m.1), Err(Syntax));
}

/// Random strings of plain ASCII, multi-byte UTF-8, every short escape and
/// `\u` escapes (surrogate pairs included), in plain runs of every length
/// around a word: [`JsonStr::unescape_into`], [`JsonStr::eq_str`], the
/// escaped-name lookup and [`JsonStr::chars`] all agree with `serde_json`'s
/// decoding, and `eq_str` refuses the text one character short or long.
#[test]
fn decoders_agree_with_serde_json() {
    extern crate std;
    use std::string::String;
    let pieces = [
        "a",
        "Z",
        "0",
        " ",
        "é",
        "€",
        "😀",
        "\\\"",
        "\\\\",
        "\\/",
        "\\b",
        "\\f",
        "\\n",
        "\\r",
        "\\t",
        "\\u0041",
        "\\u00e9",
        "\\u20AC",
        "\\ud83d\\ude00",
        "\\u0000",
        "\\u001f",
        "abcdefgh",
        "0123456789abcdef",
    ];
    let mut next = xorshift(0x5eed_0f51_7100_0005);
    for _ in 0..5_000 {
        let mut raw = String::new();
        for _ in 0..next() % 12 {
            raw.push_str(pieces[(next() % pieces.len() as u64) as usize]);
        }
        let text: String = serde_json::from_str(&std::format!(r#""{raw}""#)).unwrap();
        let text = &text;
        // As a name too, when it decodes short enough to be one.
        let short = text.len() <= MAX_ESCAPED_NAME;
        let doc = if short {
            std::format!(r#"{{"{raw}":"{raw}"}}"#)
        } else {
            std::format!(r#"{{"k":"{raw}"}}"#)
        };
        let (m, n) = members(&doc).unwrap();
        assert_eq!(n, 1);
        let Value::Str(value) = m[0].1 else {
            panic!("{doc}")
        };
        let strings = if short {
            &[m[0].0, value][..]
        } else {
            &[value][..]
        };
        for &s in strings {
            let mut buf = [0u8; 256];
            assert_eq!(s.unescape_into(&mut buf).unwrap(), text, "{doc}");
            assert!(s.eq_str(text), "{doc}");
            assert!(s.is_one_of(&["x", text]), "{doc}");
            assert_eq!(s.chars().collect::<String>(), *text, "{doc}");
            let longer = std::format!("{text}x");
            assert!(!s.eq_str(&longer) && !s.is_one_of(&[&longer]), "{doc}");
            if let Some((at, _)) = text.char_indices().last() {
                assert!(!s.eq_str(&text[..at]), "{doc}");
            }
        }
    }
}
