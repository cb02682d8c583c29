//! The JSON boundary: every surface hands the core `serde_json::Value`s, and every typed input is
//! read through [`from_value`], so a bad document gets the same code, path and message in Rust,
//! JS and Python.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{join, pointer_token, Error, ErrorCode, Issue};

/// Deepest nesting accepted in any input document, checked by drplan itself below every
/// parser's own recursion limit (serde_json's is 128; JS engines overflow their stack far later).
///
/// The rule, the same on every surface: the top-level value is level 1; the first array or
/// object (in document order) at level `MAX_DEPTH + 1` is refused with issue code `too_deep` at
/// its own path (so the path has exactly `MAX_DEPTH` tokens), whatever the total depth.
pub const MAX_DEPTH: usize = 64;

/// The error for argument `input` nested too deep, `path` being the JSON pointer of the first
/// array or object at level `MAX_DEPTH + 1`. Bindings that convert their own values with a depth
/// limit (wasm, Python) report this same error.
pub fn too_deep_error(input: &str, path: String) -> Error {
    Error::new(
        ErrorCode::InvalidJson,
        format!("{input} is nested more than {MAX_DEPTH} levels deep"),
        vec![Issue::error(
            "too_deep",
            path,
            format!("nesting deeper than {MAX_DEPTH} levels"),
        )
        .in_input(input)],
    )
}

/// The error for argument `input` holding a string with a lone UTF-16 surrogate (JS and Python
/// strings can; JSON text can spell one as `\ud800`; Rust strings cannot), `path` being the
/// string's JSON pointer (for an object key: the object's).
pub fn lone_surrogate_error(input: &str, path: String) -> Error {
    Error::new(
        ErrorCode::InvalidJson,
        format!("{input} holds a string with a lone UTF-16 surrogate"),
        vec![Issue::error(
            "lone_surrogate",
            path,
            "a string with a lone UTF-16 surrogate is not text",
        )
        .in_input(input)],
    )
}

/// drplan's own checks on JSON text, before any parser reads it: the first array or object
/// (document order) past [`MAX_DEPTH`] is [`too_deep_error`] at its path, exactly as for a
/// value, whatever the depth (serde_json would stop at 128 with a syntax error), and a `\u`
/// escape that leaves a lone surrogate is [`lone_surrogate_error`] at the string's path. One
/// linear pass over the bytes, strings skipped; text that is not JSON (a YAML flow mapping's bare
/// key, stray characters) ends the scan quietly and the parser reports it.
pub fn scan_text(input: &str, text: &str) -> Result<(), Error> {
    struct Frame {
        array: bool,
        index: usize,
        key: Option<String>,
        expect_key: bool,
    }
    fn path(stack: &[Frame]) -> String {
        // a frame's token is the position of the child being read in it
        let mut p = String::new();
        for f in stack {
            if f.array {
                p = join(&p, f.index);
            } else if let Some(k) = &f.key {
                p = join(&p, k);
            }
        }
        p
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'"' => {
                let start = i;
                i += 1;
                let mut lone = false;
                let mut pending_high = false;
                while let Some(&b) = bytes.get(i).filter(|&&b| b != b'"') {
                    if b == b'\\' {
                        if bytes.get(i + 1) == Some(&b'u') {
                            let unit = text
                                .get(i + 2..i + 6)
                                .and_then(|h| u16::from_str_radix(h, 16).ok());
                            match unit {
                                Some(0xD800..=0xDBFF) => {
                                    lone |= pending_high;
                                    pending_high = true;
                                }
                                Some(0xDC00..=0xDFFF) if pending_high => pending_high = false,
                                Some(0xDC00..=0xDFFF) => lone = true,
                                _ => {
                                    lone |= pending_high;
                                    pending_high = false;
                                }
                            }
                            i += 6;
                            continue;
                        }
                        lone |= pending_high;
                        pending_high = false;
                        i += 2;
                        continue;
                    }
                    lone |= pending_high;
                    pending_high = false;
                    i += 1;
                }
                lone |= pending_high;
                let in_key = stack.last().is_some_and(|f| !f.array && f.expect_key);
                if lone {
                    let mut p = path(&stack);
                    if in_key {
                        // the key is unreadable: the object's own path
                        if let Some(f) = stack.last() {
                            if let Some(k) = &f.key {
                                let cut = p.len() - pointer_token(k).len() - 1;
                                p.truncate(cut);
                            }
                        }
                    }
                    return Err(lone_surrogate_error(input, p));
                }
                if in_key {
                    let key = text
                        .get(start..=i.min(bytes.len() - 1))
                        .and_then(|t| serde_json::from_str::<String>(t).ok());
                    match (key, stack.last_mut()) {
                        (Some(k), Some(f)) => {
                            f.key = Some(k);
                            f.expect_key = false;
                        }
                        _ => return Ok(()),
                    }
                }
                i += 1;
            }
            c @ (b'{' | b'[') => {
                if stack.last().is_some_and(|f| !f.array && f.expect_key) {
                    return Ok(()); // not JSON
                }
                if stack.len() + 1 > MAX_DEPTH {
                    return Err(too_deep_error(input, path(&stack)));
                }
                stack.push(Frame {
                    array: c == b'[',
                    index: 0,
                    key: None,
                    expect_key: c == b'{',
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    if f.array {
                        f.index += 1;
                    } else {
                        f.expect_key = true;
                    }
                }
                i += 1;
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => i += 1,
            _ => {
                if stack.last().is_some_and(|f| !f.array && f.expect_key) {
                    return Ok(()); // a bare key: not JSON (YAML flow style)
                }
                i += 1;
            }
        }
    }
    Ok(())
}

/// Read argument `input` (its name, e.g. `"workload"`) of type `T` from a JSON value.
///
/// Errors carry a JSON pointer to the offending value; a missing field points at the field itself.
///
/// Natively the value is read first with plain serde (no path bookkeeping, about three times
/// faster on long lists of records) and read again with the path-tracking reader only when that
/// fails, so a failure gets the same error, path and message; the wasm build has only the
/// path-tracking reader (one copy of each type's reading code, a smaller module).
pub fn from_value<T: DeserializeOwned>(input: &str, mut value: Value) -> Result<T, Error> {
    if let Some(path) = too_deep(&value, MAX_DEPTH) {
        return Err(too_deep_error(input, path));
    }
    whole_numbers(&mut value);
    #[cfg(not(target_family = "wasm"))]
    if let Ok(t) = T::deserialize(&value) {
        return Ok(t);
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let mut path = pointer(e.path());
        let mut message = e.into_inner().to_string();
        // A nested `tagged_variant` reports the path inside the variant in its message.
        while let Some(rest) = message.strip_prefix(PATH_MARK) {
            match rest.split_once(PATH_END) {
                Some((inner, msg)) => {
                    path.push_str(inner);
                    message = msg.to_owned();
                }
                None => break,
            }
        }
        let (code, path) = classify(&message, path);
        Error::invalid(vec![Issue::error(code, path, message).in_input(input)])
    })
}

/// Marks a path carried inside a serde error message (see [`tagged_variant`]).
pub const PATH_MARK: &str = "\u{1}path=";
/// Ends the path carried inside a serde error message.
pub const PATH_END: &str = "\u{1} ";

/// The JSON pointer of a `serde_path_to_error` path.
pub(crate) fn pointer(p: &serde_path_to_error::Path) -> String {
    let mut path = String::new();
    for seg in p.iter() {
        match seg {
            serde_path_to_error::Segment::Seq { index } => path = join(&path, index),
            serde_path_to_error::Segment::Map { key } => {
                path = format!("{path}/{}", pointer_token(key))
            }
            serde_path_to_error::Segment::Enum { variant } => {
                path = format!("{path}/{}", pointer_token(variant))
            }
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    path
}

/// Deserialize the body of an internally tagged enum variant (the tag already removed) so that
/// errors inside it keep their path: use it from a hand-written `Deserialize` that reads a map,
/// takes the tag out and dispatches. serde's derived internally tagged enums buffer the content
/// and lose the path.
pub fn tagged_variant<T: DeserializeOwned, E: serde::de::Error>(
    map: serde_json::Map<String, Value>,
) -> Result<T, E> {
    let value = Value::Object(map);
    // Plain serde first natively, the path-tracking reader on failure (see [`from_value`]).
    #[cfg(not(target_family = "wasm"))]
    if let Ok(t) = T::deserialize(&value) {
        return Ok(t);
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        E::custom(format!(
            "{PATH_MARK}{}{PATH_END}{}",
            pointer(e.path()),
            e.into_inner()
        ))
    })
}

/// Take the tag field out of a map for [`tagged_variant`]: `Ok(tag)` or a serde error.
pub fn take_tag<E: serde::de::Error>(
    map: &mut serde_json::Map<String, Value>,
    tag: &'static str,
) -> Result<String, E> {
    match map.remove(tag) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(E::custom(format!(
            "{PATH_MARK}/{tag}{PATH_END}invalid type: {other}, expected a string"
        ))),
        None => Err(E::missing_field(tag)),
    }
}

/// An "unknown variant" error for a tag, pointing at the tag field.
pub fn unknown_tag<E: serde::de::Error>(tag: &'static str, value: &str, expected: &[&str]) -> E {
    let list = expected
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    E::custom(format!(
        "{PATH_MARK}/{tag}{PATH_END}unknown variant `{value}`, expected one of {list}"
    ))
}

/// Parse JSON text (for calls that take a document as text).
pub fn parse_text(input: &str, text: &str) -> Result<Value, Error> {
    scan_text(input, text)?;
    serde_json::from_str::<Value>(text).map_err(|e| {
        Error::new(
            ErrorCode::InvalidJson,
            format!("{input} is not valid JSON: {e}"),
            vec![Issue::error("json_syntax", "", e.to_string()).in_input(input)],
        )
    })
}

/// Parse JSON text into a value, warning `duplicate_key` (with the key's JSON pointer) for every
/// key that appears twice in one object; the last value is kept, as YAML documents are read.
/// Depth is bounded by serde_json's own recursion limit (128), so the walk never overflows.
pub fn parse_text_checked(text: &str) -> Result<(Value, Vec<Issue>), serde_json::Error> {
    use serde::de::DeserializeSeed;
    let issues = std::cell::RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let v = Checked {
        path: String::new(),
        issues: &issues,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok((v, issues.into_inner()))
}

/// A value being read at `path`, collecting duplicate keys.
struct Checked<'a> {
    path: String,
    issues: &'a std::cell::RefCell<Vec<Issue>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Checked<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Checked<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Checked {
            path: join(&self.path, out.len()),
            issues: self.issues,
        })? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(k) = map.next_key::<String>()? {
            let path = join(&self.path, &k);
            let v = map.next_value_seed(Checked {
                path: path.clone(),
                issues: self.issues,
            })?;
            if out.contains_key(&k) {
                self.issues.borrow_mut().push(Issue::warning(
                    "duplicate_key",
                    path,
                    format!(
                        "key {:?} appears more than once; the last value is used",
                        crate::budget::echo(&k)
                    ),
                ));
            }
            out.insert(k, v);
        }
        Ok(Value::Object(out))
    }
}

/// Serialize an output; our output types always serialize.
pub fn to_value<T: Serialize>(out: &T) -> Value {
    serde_json::to_value(out).unwrap_or(Value::Null)
}

/// What JSON type a value is, with its article, for messages ("a list", "an object", "null").
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn classify(message: &str, path: String) -> (&'static str, String) {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return ("missing_field", join(&path, field));
    }
    let code = if message.starts_with("unknown field") {
        "unknown_field"
    } else if message.starts_with("unknown variant") {
        "unknown_variant"
    } else if message.starts_with("invalid type") {
        "invalid_type"
    } else if message.starts_with("invalid length") {
        "invalid_length"
    } else if message.starts_with("invalid unit") {
        "invalid_unit"
    } else if message.starts_with("out of range") {
        "out_of_range"
    } else {
        "invalid_value"
    };
    (code, path)
}

/// Whole-number floats become integers (`35.0` → `35`, `-0.0` → `0`), as JavaScript's
/// `JSON.stringify` writes them: JS cannot tell them apart, so an integer field takes `35.0` on
/// every surface and a fraction is refused on every surface. Iterative; depth already bounded.
fn whole_numbers(value: &mut Value) {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(map) => stack.extend(map.values_mut()),
            Value::Number(n) if n.is_f64() => {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if f.is_finite() && f.fract() == 0.0 {
                    if (-TWO_63..TWO_63).contains(&f) {
                        *v = Value::from(f as i64);
                    } else if (0.0..2.0 * TWO_63).contains(&f) {
                        *v = Value::from(f as u64);
                    }
                }
            }
            _ => {}
        }
    }
}

fn too_deep(value: &Value, limit: usize) -> Option<String> {
    // Iterative walks: no recursion on user-controlled depth. The first pass only counts levels
    // (cheap for a million-element array); the path is built only when something is too deep.
    let mut stack: Vec<(&Value, usize)> = vec![(value, 1)];
    let mut deep = false;
    while let Some((v, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth > limit {
            deep = true;
            break;
        }
        stack.extend(
            children
                .filter(|c| c.is_array() || c.is_object())
                .map(|c| (c, depth + 1)),
        );
    }
    if !deep {
        return None;
    }
    // Document order (children pushed in reverse), so the path is the first deep container's.
    let mut stack: Vec<(&Value, String, usize)> = vec![(value, String::new(), 1)];
    while let Some((v, path, depth)) = stack.pop() {
        match v {
            Value::Array(items) => {
                if depth > limit {
                    return Some(path);
                }
                for (i, item) in items.iter().enumerate().rev() {
                    if item.is_array() || item.is_object() {
                        stack.push((item, join(&path, i), depth + 1));
                    }
                }
            }
            Value::Object(map) => {
                if depth > limit {
                    return Some(path);
                }
                for (k, item) in map.iter().rev() {
                    if item.is_array() || item.is_object() {
                        stack.push((item, join(&path, k), depth + 1));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        size_gib: f64,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }

    #[test]
    fn missing_field_points_at_the_field() {
        let err = from_value::<Outer>("doc", serde_json::json!({"items": [{"size_gib": 1.0}, {}]}))
            .err()
            .map(|e| e.issues[0].clone());
        let issue = err.as_ref().map(|i| (i.code.as_str(), i.path.as_str()));
        assert_eq!(issue, Some(("missing_field", "/items/1/size_gib")));
    }

    #[test]
    fn wrong_type_and_unknown_field() {
        let e = from_value::<Outer>("doc", serde_json::json!({"items": [{"size_gib": "x"}]})).err();
        assert_eq!(
            e.map(|e| (e.issues[0].code.clone(), e.issues[0].path.clone())),
            Some(("invalid_type".into(), "/items/0/size_gib".into()))
        );
        let e = from_value::<Outer>(
            "doc",
            serde_json::json!({"items": [{"size_gib": 1, "a/b": 2}]}),
        )
        .err();
        assert_eq!(
            e.map(|e| e.issues[0].code.clone()),
            Some("unknown_field".into())
        );
    }

    #[test]
    fn duplicate_keys_in_json_text_are_warned_with_a_path() {
        let text = r#"{"a": {"Rules": [1], "Rules": [2]}, "b": [{"x/y": 1, "x/y": 2}], "c": 1.5}"#;
        let (v, issues) = parse_text_checked(text).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": {"Rules": [2]}, "b": [{"x/y": 2}], "c": 1.5})
        );
        assert_eq!(v, serde_json::from_str::<Value>(text).unwrap());
        let got: Vec<_> = issues
            .iter()
            .map(|i| (i.code.as_str(), i.path.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("duplicate_key", "/a/Rules"),
                ("duplicate_key", "/b/0/x~1y")
            ]
        );
        assert!(parse_text_checked("{} x").is_err());
        assert!(parse_text_checked(&"[".repeat(200)).is_err());
    }

    #[test]
    fn text_is_scanned_for_depth_and_lone_surrogates_before_parsing() {
        let scan = |t: &str| {
            scan_text("document", t)
                .err()
                .map(|e| (e.issues[0].code.clone(), e.issues[0].path.clone()))
        };
        // the same path as for the parsed value, at any depth
        for n in [MAX_DEPTH + 1, 128, 129, 200, 100_000] {
            let text = format!("{}{}", "[".repeat(n), "]".repeat(n));
            assert_eq!(
                scan(&text),
                Some(("too_deep".into(), "/0".repeat(MAX_DEPTH))),
                "depth {n}"
            );
            if n < 120 {
                let v: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(too_deep(&v, MAX_DEPTH), Some("/0".repeat(MAX_DEPTH)));
            }
        }
        assert_eq!(
            scan(&format!(
                "{}{}",
                "[".repeat(MAX_DEPTH),
                "]".repeat(MAX_DEPTH)
            )),
            None
        );
        let deep = format!(
            r#"{{"a": [1, "]\"[", {{"b~/": {}}}], "c": 2}}"#,
            "[".repeat(MAX_DEPTH)
        );
        assert_eq!(
            scan(&deep),
            Some((
                "too_deep".into(),
                format!("/a/2/b~0~1{}", "/0".repeat(MAX_DEPTH - 3))
            ))
        );
        assert_eq!(
            scan(r#"{"a": ["ok \ud83d\ude00", "\ud800"]}"#),
            Some(("lone_surrogate".into(), "/a/1".into()))
        );
        assert_eq!(
            scan(r#"{"a": 1, "x\udc00": 2}"#),
            Some(("lone_surrogate".into(), "".into()))
        );
        assert_eq!(
            scan(r#"{"a": "\ud800\u0041"}"#),
            Some(("lone_surrogate".into(), "/a".into()))
        );
        assert_eq!(scan(r#"{"a": "\\ud800"}"#), None);
        assert_eq!(scan("{a: [[[[b]]]]}"), None);
        // what the scan lets through, the parser reads as before
        assert!(parse_text("doc", r#"{"a": "\ud83d\ude00"}"#).is_ok());
        assert_eq!(
            parse_text("doc", r#"["\udfff"]"#)
                .err()
                .map(|e| e.issues[0].path.clone()),
            Some("/0".into())
        );
    }

    #[test]
    fn deep_nesting_is_rejected_without_recursion() {
        let mut v = Value::Null;
        for _ in 0..1_000 {
            v = Value::Array(vec![v]);
        }
        let e = from_value::<Outer>("doc", v).err();
        assert_eq!(e.map(|e| e.code), Some(ErrorCode::InvalidJson));
    }

    #[test]
    fn whole_number_floats_are_integers_as_in_javascript() {
        #[derive(Debug, Deserialize, PartialEq)]
        struct Limit {
            limit: u32,
            size: f64,
        }
        let read = |t: &str| {
            from_value::<Limit>("doc", serde_json::from_str(t).unwrap())
                .map_err(|e| (e.issues[0].code.clone(), e.issues[0].path.clone()))
        };
        assert_eq!(
            read(r#"{"limit": 35.0, "size": 2.0}"#),
            Ok(Limit {
                limit: 35,
                size: 2.0
            })
        );
        assert_eq!(
            read(r#"{"limit": -0.0, "size": 0.5}"#).map(|l| l.limit),
            Ok(0)
        );
        assert_eq!(
            read(r#"{"limit": 35.5, "size": 1}"#),
            Err(("invalid_type".into(), "/limit".into()))
        );
        assert_eq!(
            read(r#"{"limit": 1e300, "size": 1}"#),
            Err(("invalid_type".into(), "/limit".into()))
        );
    }

    #[test]
    fn too_deep_points_at_the_first_container_past_the_limit() {
        let nest = |n: usize| {
            let mut v = Value::Null;
            for _ in 0..n {
                v = Value::Array(vec![v]);
            }
            v
        };
        assert_eq!(too_deep(&nest(MAX_DEPTH), MAX_DEPTH), None);
        let want = "/0".repeat(MAX_DEPTH);
        for n in [MAX_DEPTH + 1, 128, 200, 10_000] {
            let e = from_value::<Outer>("doc", nest(n))
                .err()
                .map(|e| e.issues[0].clone());
            let got = e.as_ref().map(|i| (i.code.as_str(), i.path.as_str()));
            assert_eq!(got, Some(("too_deep", want.as_str())), "depth {n}");
        }
        // two deep branches: the first in document order is reported
        let v = serde_json::json!({"a": [nest(MAX_DEPTH)], "b": [nest(MAX_DEPTH)]});
        let path = too_deep(&v, MAX_DEPTH).unwrap();
        assert!(path.starts_with("/a/0/0"), "{path}");
        let v = Value::Array(vec![nest(MAX_DEPTH), nest(MAX_DEPTH)]);
        assert!(too_deep(&v, MAX_DEPTH).unwrap().starts_with("/0/0"));
    }
}
