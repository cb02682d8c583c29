//! Small readers shared by the export families: fields, numbers, sizes, tags, zones.

use super::*;

/// A string field.
pub(crate) fn text<'v>(m: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    m.get(key).and_then(Value::as_str)
}

/// A non-negative number field no larger than `max`; anything else is an error issue at its
/// path and `None` (the rest of the entry is still read).
pub(crate) fn number(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
    pointer: &str,
    key: &str,
    max: f64,
) -> Option<f64> {
    let v = m.get(key)?;
    let p = doc.path(&format!("{pointer}/{key}"));
    match v.as_f64() {
        Some(x) if x.is_finite() && (0.0..=max).contains(&x) => Some(x),
        Some(x) => {
            state.issue(Issue::error(
                "out_of_range",
                p,
                format!(
                    "{key} is {}; it must be from 0 to {}",
                    number_text(x),
                    number_text(max)
                ),
            ));
            None
        }
        None if v.is_null() => None,
        None => {
            state.issue(Issue::error(
                "invalid_type",
                p,
                format!("{key} must be a number, not {}", type_name(v)),
            ));
            None
        }
    }
}

/// A number as a message shows it: whole numbers below 10^15 in full, others in scientific
/// notation (`1e300`, not three hundred digits).
pub(crate) fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// `n` and a noun, plural when `n` is not 1 (`1 rule`, `2 rules`).
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A size in bytes as GiB (bounded by `units::MAX_BYTES`).
pub(crate) fn bytes_gib(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
    pointer: &str,
    key: &str,
) -> Option<f64> {
    number(state, doc, m, pointer, key, crate::units::MAX_BYTES).map(|b| b / GIB)
}

/// A size in GiB (bounded by `units::MAX_GIB`).
pub(crate) fn gib(
    state: &mut State<'_>,
    doc: &Doc<'_>,
    m: &Map<String, Value>,
    pointer: &str,
    key: &str,
) -> Option<f64> {
    number(state, doc, m, pointer, key, crate::units::MAX_GIB)
}

/// A tag list `[{Key, Value}]` (or Config's `[{key, value}]`); entries without a string key
/// are skipped.
pub(crate) fn tag_list(v: Option<&Value>, key: &str, value: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for t in v.and_then(Value::as_array).into_iter().flatten() {
        if let Some(k) = t.get(key).and_then(Value::as_str) {
            let val = t.get(value).and_then(Value::as_str).unwrap_or("");
            out.insert(k.to_owned(), val.to_owned());
        }
    }
    out
}

/// The Region of an Availability Zone name (`us-east-1a` → `us-east-1`): the name less its
/// final letter, when what remains ends with a digit. Local and Wavelength Zones (longer names)
/// give `None`.
pub(crate) fn region_of_zone(zone: &str) -> Option<String> {
    let mut chars = zone.chars();
    let last = chars.next_back()?;
    let rest = chars.as_str();
    let parts = rest.split('-').count();
    (last.is_ascii_lowercase() && rest.ends_with(|c: char| c.is_ascii_digit()) && parts == 3)
        .then(|| rest.to_owned())
}
