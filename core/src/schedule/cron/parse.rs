//! Parsing the six cron fields: characters, values, ranges, steps and the day-field letters.

use super::{AwsCron, Bits256, DaySpec, MAX_YEAR, MIN_YEAR};
use crate::error::Issue;

#[derive(Debug, Clone, Copy)]
struct FieldDef {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
    allowed: &'static str,
    wraps: bool,
}

impl FieldDef {
    fn span(&self) -> u32 {
        self.max - self.min + 1
    }
}

const MONTH_NAMES: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAY_NAMES: &[&str] = &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const DAY_FULL_NAMES: &[&str] = &[
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

const MINUTES: FieldDef = FieldDef {
    name: "minutes",
    min: 0,
    max: 59,
    names: &[],
    allowed: ", - * /",
    wraps: true,
};
const HOURS: FieldDef = FieldDef {
    name: "hours",
    min: 0,
    max: 23,
    names: &[],
    allowed: ", - * /",
    wraps: true,
};
const DOM: FieldDef = FieldDef {
    name: "day-of-month",
    min: 1,
    max: 31,
    names: &[],
    allowed: ", - * ? / L W",
    wraps: true,
};
const MONTH: FieldDef = FieldDef {
    name: "month",
    min: 1,
    max: 12,
    names: MONTH_NAMES,
    allowed: ", - * /",
    wraps: true,
};
const DOW: FieldDef = FieldDef {
    name: "day-of-week",
    min: 1,
    max: 7,
    names: DAY_NAMES,
    allowed: ", - * ? L #",
    wraps: true,
};
const YEAR: FieldDef = FieldDef {
    name: "year",
    min: MIN_YEAR as u32,
    max: MAX_YEAR as u32,
    names: &[],
    allowed: ", - * /",
    wraps: false,
};

const FIELD_ORDER: &str = "minutes hours day-of-month month day-of-week year";

fn syntax(def: &FieldDef, msg: String) -> Issue {
    Issue::error("cron_field_syntax", "", format!("{}: {msg}", def.name))
}

fn range(def: &FieldDef, msg: String) -> Issue {
    Issue::error("cron_field_range", "", format!("{}: {msg}", def.name))
}

/// User text for a message, clipped so junk input cannot make huge messages.
fn clip(s: &str) -> String {
    const MAX: usize = 32;
    if s.chars().count() > MAX {
        s.chars().take(MAX).chain(std::iter::once('…')).collect()
    } else {
        s.to_owned()
    }
}

/// [`clip`], quoted.
fn q(s: &str) -> String {
    format!("{:?}", clip(s))
}

/// Private helpers report one problem each; boxed to keep `Result` small.
type Found<T> = Result<T, Box<Issue>>;

fn bad<T>(issue: Issue) -> Found<T> {
    Err(Box::new(issue))
}

/// A run of ASCII digits as a number (saturating at `u32::MAX`, so "99999999" is simply out of
/// every range); `None` when `tok` is empty or holds anything else.
fn digits(tok: &str) -> Option<u32> {
    if tok.is_empty() || !tok.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(if tok.len() > 9 {
        u32::MAX
    } else {
        tok.parse().unwrap_or(u32::MAX)
    })
}

/// A value: digits, or a 3-letter name where the field has names.
fn parse_value(def: &FieldDef, tok: &str) -> Found<u32> {
    let tq = q(tok);
    let tc = clip(tok);
    if tok.is_empty() {
        return bad(syntax(def, "a value is missing".into()));
    }
    if let Some(v) = digits(tok) {
        if v < def.min || v > def.max {
            return bad(range(
                def,
                format!("{tc} is out of range {}-{}", def.min, def.max),
            ));
        }
        return Ok(v);
    }
    if !def.names.is_empty() {
        let up = tok.to_ascii_uppercase();
        if let Some(i) = def.names.iter().position(|n| *n == up) {
            return Ok(def.min + i as u32);
        }
        let first = def.names.first().copied().unwrap_or_default();
        let last = def.names.last().copied().unwrap_or_default();
        return bad(syntax(
            def,
            format!(
                "{tq} is neither a number {}-{} nor a name {first}-{last}",
                def.min, def.max
            ),
        ));
    }
    bad(syntax(def, format!("{tq} is not a number")))
}

fn parse_step(def: &FieldDef, tok: &str) -> Found<u32> {
    let tq = q(tok);
    let Some(s) = digits(tok) else {
        return bad(syntax(def, format!("step {tq} after '/' is not a number")));
    };
    // The largest step is the field's largest value for the 0-based fields (minutes 59, hours
    // 23: EventBridge rejects `*/60`) and its count of values otherwise (day 31, month 12,
    // weekday 7, year 230). Source: aws-backup.md §6 (step bound).
    let max_step = def.max.min(def.span());
    if s == 0 || s > max_step {
        return bad(range(
            def,
            format!("step {} is out of range 1-{max_step}", clip(tok)),
        ));
    }
    Ok(s)
}

/// One list item of a plain field (`*`, `a`, `a-b`, each optionally `/step`) into `bits`
/// (index = value - min).
fn parse_set_term(
    def: &FieldDef,
    term: &str,
    bits: &mut Bits256,
    warnings: &mut Vec<Issue>,
) -> Found<()> {
    let (range_part, step) = match term.split_once('/') {
        Some((a, s)) => {
            if s.contains('/') {
                return bad(syntax(def, format!("{} has more than one '/'", q(term))));
            }
            (a, Some(parse_step(def, s)?))
        }
        None => (term, None),
    };
    let (start, end) = if range_part == "*" {
        (def.min, def.max)
    } else if let Some((a, b)) = range_part.split_once('-') {
        let a = parse_value(def, a)?;
        let b = parse_value(def, b)?;
        (a, b)
    } else {
        let a = parse_value(def, range_part)?;
        if step.is_some() {
            (a, def.max)
        } else {
            (a, a)
        }
    };
    let len = if end >= start {
        end - start
    } else if def.wraps {
        warnings.push(Issue::warning(
            "cron_range_wraps",
            "",
            format!(
                "{}: range {range_part} wraps around ({start}-{} and {}-{end}); AWS documents no wrap-around ranges, drplan follows Quartz",
                def.name, def.max, def.min
            ),
        ));
        end + def.span() - start
    } else {
        return bad(range(def, format!("range {range_part} runs backwards")));
    };
    let step = step.unwrap_or(1);
    let mut k = 0;
    while k <= len {
        let mut v = start + k;
        if v > def.max {
            v -= def.span();
        }
        bits.set(v - def.min);
        k += step;
    }
    Ok(())
}

/// Checks characters against the field's documented wildcard list; one issue per field at most.
fn check_chars(def: &FieldDef, text: &str) -> Found<()> {
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            continue;
        }
        if c == '?' && !def.allowed.contains(c) {
            return bad(Issue::error(
                "cron_question_mark",
                "",
                format!(
                    "{}: '?' is allowed only in day-of-month and day-of-week",
                    def.name
                ),
            ));
        }
        if ",-*/?#".contains(c) {
            if !def.allowed.contains(c) {
                return bad(syntax(
                    def,
                    format!(
                        "'{c}' is not allowed in this field (allowed: {})",
                        def.allowed
                    ),
                ));
            }
        } else {
            return bad(syntax(def, format!("unexpected character {c:?}")));
        }
    }
    Ok(())
}

/// Plain field (minutes, hours, month, year).
fn parse_plain(
    def: &FieldDef,
    text: &str,
    issues: &mut Vec<Issue>,
    warnings: &mut Vec<Issue>,
) -> Option<Bits256> {
    if let Err(e) = check_chars(def, text) {
        issues.push(*e);
        return None;
    }
    let mut bits = Bits256::default();
    let mut ok = true;
    for term in text.split(',') {
        if term.is_empty() {
            issues.push(syntax(def, "empty list item".into()));
            ok = false;
            break;
        } else if let Err(e) = parse_set_term(def, term, &mut bits, warnings) {
            issues.push(*e);
            ok = false;
            break;
        }
    }
    ok.then_some(bits)
}

#[derive(Debug, Clone, Copy)]
enum DayField {
    Any,
    Spec(DaySpec),
}

fn parse_dom(text: &str, issues: &mut Vec<Issue>, warnings: &mut Vec<Issue>) -> Option<DayField> {
    let tq = q(text);
    let def = &DOM;
    if let Err(e) = check_chars(def, text) {
        issues.push(*e);
        return None;
    }
    let up = text.to_ascii_uppercase();
    if up == "?" {
        return Some(DayField::Any);
    }
    let terms: Vec<&str> = up.split(',').collect();
    if terms.iter().any(|t| t.contains('L') || t.contains('W')) {
        if terms.len() > 1 || up.contains('?') {
            issues.push(syntax(
                def,
                format!("{tq}: L and W expressions must stand alone, not in a list"),
            ));
            return None;
        }
        let spec = if up == "L" {
            DaySpec::LastDay { offset: 0 }
        } else if up == "LW" {
            DaySpec::LastWeekday
        } else if let Some(n) = up.strip_prefix("L-") {
            let Some(v) = digits(n) else {
                issues.push(syntax(
                    def,
                    format!("{tq} is not a valid L expression (L, L-n, LW)"),
                ));
                return None;
            };
            if !(1..=30).contains(&v) {
                issues.push(range(
                    def,
                    format!("offset {} in {tq} is out of range 1-30", clip(n)),
                ));
                return None;
            }
            warnings.push(Issue::warning(
                "cron_undocumented_syntax",
                "",
                format!("day-of-month: {up} ({v} days before the last day of the month) is not in the AWS cron reference; drplan follows Quartz"),
            ));
            DaySpec::LastDay { offset: v as u8 }
        } else if let Some(n) = up.strip_suffix('W') {
            if digits(n).is_none() {
                issues.push(syntax(
                    def,
                    format!("{tq} is not a valid W expression (nW such as 15W, or LW)"),
                ));
                return None;
            }
            match parse_value(def, n) {
                Ok(v) => DaySpec::NearestWeekday(v as u8),
                Err(e) => {
                    issues.push(*e);
                    return None;
                }
            }
        } else {
            issues.push(syntax(
                def,
                format!("{tq} is not a valid L/W expression (L, LW, nW such as 15W)"),
            ));
            return None;
        };
        return Some(DayField::Spec(spec));
    }
    let mut bits = Bits256::default();
    let mut ok = true;
    for term in &terms {
        if *term == "?" {
            issues.push(Issue::error(
                "cron_question_mark",
                "",
                "day-of-month: '?' must stand alone",
            ));
            ok = false;
            break;
        } else if term.is_empty() {
            issues.push(syntax(def, "empty list item".into()));
            ok = false;
            break;
        } else if let Err(e) = parse_set_term(def, term, &mut bits, warnings) {
            issues.push(*e);
            ok = false;
            break;
        }
    }
    // index d-1 → bit d
    ok.then(|| DayField::Spec(DaySpec::MonthDays((bits.low_u64() << 1) as u32)))
}

fn parse_dow(text: &str, issues: &mut Vec<Issue>, warnings: &mut Vec<Issue>) -> Option<DayField> {
    let tq = q(text);
    let def = &DOW;
    if let Err(e) = check_chars(def, text) {
        issues.push(*e);
        return None;
    }
    let up = text.to_ascii_uppercase();
    if up == "?" {
        return Some(DayField::Any);
    }
    let terms: Vec<&str> = up.split(',').collect();
    let special = |t: &&str| t.contains('#') || (t.len() > 1 && t.ends_with('L'));
    if terms.iter().any(special) {
        if terms.len() > 1 {
            issues.push(syntax(
                def,
                format!("{tq}: a '#' or 'dL' expression must be the only one in the field (AWS: \"3#1,6#3\" is invalid)"),
            ));
            return None;
        }
        if let Some((d, n)) = up.split_once('#') {
            let weekday = match parse_value(def, d) {
                Ok(v) => v as u8,
                Err(e) => {
                    issues.push(*e);
                    return None;
                }
            };
            let Some(nth) = digits(n) else {
                issues.push(syntax(
                    def,
                    format!("{tq}: the occurrence after '#' must be a number 1-5"),
                ));
                return None;
            };
            if !(1..=5).contains(&nth) {
                issues.push(range(
                    def,
                    format!("{tq}: occurrence #{} is out of range 1-5", clip(n)),
                ));
                return None;
            }
            return Some(DayField::Spec(DaySpec::NthWeekday {
                weekday,
                nth: nth as u8,
            }));
        }
        let d = up.strip_suffix('L').unwrap_or_default();
        let weekday = match parse_value(def, d) {
            Ok(v) => v as u8,
            Err(e) => {
                issues.push(*e);
                return None;
            }
        };
        warnings.push(Issue::info(
            "cron_undocumented_syntax",
            "",
            format!(
                "day-of-week: {up} (the last {} of the month) is not in the AWS cron reference table but is reported to work on AWS; drplan follows Quartz",
                DAY_FULL_NAMES.get(usize::from(weekday) - 1).copied().unwrap_or_default()
            ),
        ));
        return Some(DayField::Spec(DaySpec::LastOfWeekday { weekday }));
    }
    let mut bits = Bits256::default();
    let mut ok = true;
    for term in &terms {
        if *term == "?" {
            issues.push(Issue::error(
                "cron_question_mark",
                "",
                "day-of-week: '?' must stand alone",
            ));
            ok = false;
            break;
        } else if term.is_empty() {
            issues.push(syntax(def, "empty list item".into()));
            ok = false;
            break;
        } else if *term == "L" {
            // `L` alone = the last day of the week = 7 (Saturday). Source: aws-backup.md §6; Quartz.
            bits.set(7 - def.min);
        } else if let Err(e) = parse_set_term(def, term, &mut bits, warnings) {
            issues.push(*e);
            ok = false;
            break;
        }
    }
    ok.then(|| DayField::Spec(DaySpec::WeekDays((bits.low_u64() << 1) as u8)))
}

/// Equivalent cron for simple `rate(...)` expressions, for the hint.
fn rate_hint(inner: &str) -> String {
    let mut it = inner.split_whitespace();
    let n: Option<u32> = it.next().and_then(|s| s.parse().ok());
    let unit = it
        .next()
        .map(|u| u.trim_end_matches('s').to_ascii_lowercase());
    let equivalent = match (n, unit.as_deref()) {
        (Some(1), Some("hour")) => Some("cron(0 * ? * * *)".to_owned()),
        (Some(n), Some("hour")) if n > 1 && n < 24 && 24 % n == 0 => {
            Some(format!("cron(0 0/{n} ? * * *)"))
        }
        (Some(1), Some("day")) => Some("cron(0 0 ? * * *)".to_owned()),
        (Some(7), Some("day")) => Some("cron(0 0 ? * SUN *)".to_owned()),
        _ => None,
    };
    match equivalent {
        Some(e) => format!("write the schedule as cron, e.g. {e} (cron runs at fixed clock times, not relative to creation)"),
        None => "write the schedule as cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(0 5 ? * * *) for daily at 05:00".to_owned(),
    }
}

impl AwsCron {
    /// Parse `cron(m h dom mon dow year)` (or the bare six fields, with a warning).
    ///
    /// All problems are reported, each with `path` `""` (the expression itself; callers re-base
    /// with [`Issue::under`]) and a stable code: `cron_empty`, `cron_rate_not_supported`,
    /// `cron_syntax`, `cron_field_count`, `cron_field_syntax`, `cron_field_range`,
    /// `cron_question_mark`. The error list also carries any warnings found.
    pub fn parse(expr: &str) -> Result<AwsCron, Vec<Issue>> {
        let trimmed = expr.trim();
        let tq = q(trimmed);
        if trimmed.is_empty() {
            return Err(vec![Issue::error(
                "cron_empty",
                "",
                "the schedule expression is empty",
            )
            .with_hint("e.g. cron(0 5 ? * * *) for daily at 05:00")]);
        }
        let lower_head: String = trimmed
            .chars()
            .take(5)
            .collect::<String>()
            .to_ascii_lowercase();
        let mut warnings = Vec::new();
        let inner = if lower_head == "rate(" {
            let inner = trimmed.get(5..).unwrap_or_default().trim_end_matches(')');
            // Source: aws-backup.md §5.4 S1 (terraform-provider-aws#8269 maintainer statement; CDK).
            return Err(vec![Issue::error(
                "cron_rate_not_supported",
                "",
                format!("{tq}: AWS Backup accepts only cron(...) schedule expressions; rate(...) is rejected (aws-backup.md §5.4 S1)"),
            )
            .with_hint(rate_hint(inner))]);
        } else if lower_head == "cron(" {
            match trimmed.get(5..).and_then(|s| s.strip_suffix(')')) {
                Some(inner) => inner,
                None => {
                    return Err(vec![Issue::error(
                        "cron_syntax",
                        "",
                        format!("{tq}: cron( is not closed with ')'"),
                    )])
                }
            }
        } else if trimmed.contains('(') || trimmed.contains(')') {
            return Err(vec![Issue::error(
                "cron_syntax",
                "",
                format!("{tq} is not a cron(...) expression"),
            )
            .with_hint("e.g. cron(0 5 ? * * *) for daily at 05:00")]);
        } else {
            warnings.push(Issue::warning(
                "cron_unwrapped",
                "",
                "the expression has no cron(...) wrapper; whether the AWS API accepts the bare form is unconfirmed (aws-backup.md §6), drplan emits the wrapped form",
            ));
            trimmed
        };
        let fields: Vec<&str> = inner.split_whitespace().collect();
        let (min_t, hour_t, dom_t, mon_t, dow_t, year_t) = match fields.as_slice() {
            [a, b, c, d, e, f] => (*a, *b, *c, *d, *e, *f),
            other => {
                let hint = match other.len() {
                    5 => "AWS cron has a sixth field, the year: add `*`, e.g. cron(0 5 ? * * *)",
                    7 => "AWS cron has no seconds field: drop the first field",
                    _ => "e.g. cron(0 5 ? * * *) for daily at 05:00",
                };
                return Err(vec![Issue::error(
                    "cron_field_count",
                    "",
                    format!("expected 6 fields ({FIELD_ORDER}), found {}", other.len()),
                )
                .with_hint(hint)]);
            }
        };
        let mut issues = Vec::new();
        let minutes = parse_plain(&MINUTES, min_t, &mut issues, &mut warnings);
        let hours = parse_plain(&HOURS, hour_t, &mut issues, &mut warnings);
        let dom = parse_dom(dom_t, &mut issues, &mut warnings);
        let months = parse_plain(&MONTH, mon_t, &mut issues, &mut warnings);
        let dow = parse_dow(dow_t, &mut issues, &mut warnings);
        let years = parse_plain(&YEAR, year_t, &mut issues, &mut warnings);
        // The `?` rule. Source: aws-backup.md §6 ([EB-cron]): exactly one of the two is `?`.
        let dom_q = dom_t == "?";
        let dow_q = dow_t == "?";
        if dom_q && dow_q {
            issues.push(
                Issue::error(
                    "cron_question_mark",
                    "",
                    "day-of-month and day-of-week are both '?'; exactly one of them must be '?'",
                )
                .with_hint("give a value in one of them, e.g. cron(0 5 ? * * *) for every day"),
            );
        } else if !dom_q && !dow_q && !dom_t.contains('?') && !dow_t.contains('?') {
            let short = inner.len() <= 80;
            let hint = if short && dow_t == "*" {
                format!("use '?' in day-of-week: cron({min_t} {hour_t} {dom_t} {mon_t} ? {year_t})")
            } else if short && dom_t == "*" {
                format!(
                    "use '?' in day-of-month: cron({min_t} {hour_t} ? {mon_t} {dow_t} {year_t})"
                )
            } else {
                "set one of day-of-month and day-of-week to '?'".to_owned()
            };
            issues.push(
                Issue::error(
                    "cron_question_mark",
                    "",
                    format!("day-of-month ({}) and day-of-week ({}) both have a value; one of them must be '?' (AWS counts '*' as a value)", clip(dom_t), clip(dow_t)),
                )
                .with_hint(hint),
            );
        }
        let days = match (dom, dow) {
            (Some(DayField::Spec(s)), Some(DayField::Any))
            | (Some(DayField::Any), Some(DayField::Spec(s))) => Some(s),
            _ => None,
        };
        match (minutes, hours, months, years, days) {
            (Some(mi), Some(h), Some(mo), Some(y), Some(days)) if issues.is_empty() => {
                let norm = |s: &str| s.to_ascii_uppercase();
                let text = format!(
                    "cron({} {} {} {} {} {})",
                    norm(min_t),
                    norm(hour_t),
                    norm(dom_t),
                    norm(mon_t),
                    norm(dow_t),
                    norm(year_t)
                );
                Ok(AwsCron {
                    text,
                    minutes: mi.low_u64(),
                    hours: h.low_u64(),
                    months: mo.low_u64() << 1,
                    years: y,
                    days,
                    warnings,
                })
            }
            _ => {
                issues.extend(warnings);
                Err(issues)
            }
        }
    }
}
