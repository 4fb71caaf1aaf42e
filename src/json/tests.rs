use super::*;

/// Parses `doc` and returns its top-level members, or `Err` if it is not strict JSON.
fn members(doc: &str) -> Result<([(JsonStr<'_>, Value<'_>); 8], usize), Syntax> {
    let empty = JsonStr {
        raw: "",
        escaped: false,
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
fn duplicate_detection_survives_more_keys_than_slots() {
    let mut buf = [0u8; 8192];
    assert!(valid(wide_object(&mut buf, 200, None)));
    for dup in [0, 5, KEY_SLOTS - 1, KEY_SLOTS, KEY_SLOTS + 1, 199] {
        let mut buf = [0u8; 8192];
        assert!(!valid(wide_object(&mut buf, 200, Some(dup))), "dup {dup}");
    }
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
    assert_eq!(items.next(), Some(Value::Array("[]")));
    assert_eq!(items.next(), None);
    assert_eq!(items.next(), None);
    assert_eq!(Items::new("[]").next(), None);
}

#[test]
fn duplicate_detection_past_the_remembered_offsets() {
    // Names beyond byte 65535 are not remembered (4-byte key slots): their
    // objects fall back to re-scanning and still catch every repeat.
    const PAD: usize = 70_000;
    for (tail, ok) in [
        (r#","a":1,"b":2}"#, true),
        (r#","a":1,"a":2}"#, false),
        (r#","pad":1}"#, false),
        (r#","b":{"a":1,"a":2}}"#, false),
        (r#","b":{"a":1,"c":2},"a":{"c":1}}"#, true),
    ] {
        let mut buf = [0u8; PAD + 64];
        buf[..8].copy_from_slice(br#"{"pad":""#);
        buf[8..PAD].fill(b'x');
        buf[PAD] = b'"';
        let end = PAD + 1 + tail.len();
        buf[PAD + 1..end].copy_from_slice(tail.as_bytes());
        let doc = core::str::from_utf8(&buf[..end]).unwrap();
        assert_eq!(valid(doc), ok, "{tail}");
    }
}
