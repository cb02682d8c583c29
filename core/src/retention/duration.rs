//! The tools' own `--keep-within` duration grammars.

/// Largest absolute number accepted in a duration component or a count. The tools take 64-bit
/// integers; anything beyond 10^9 days/hours/snapshots is a typo, and refusing it keeps the
/// calendar arithmetic far from overflow.
pub const MAX_ABS: i64 = 1_000_000_000;

/// restic `Duration` (`internal/restic/duration.go`): `<int><unit>` repeated, units `y`, `m`, `d`,
/// `h`; a repeated unit overrides the earlier one; a leading `-` makes a component negative;
/// surrounding whitespace is trimmed. Source: retention.md §3 "Duration syntax".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ResticDuration {
    pub years: i64,
    pub months: i64,
    pub days: i64,
    pub hours: i64,
}

impl ResticDuration {
    /// restic's `Duration.Zero()`: every component 0 means "rule not set".
    pub fn is_zero(&self) -> bool {
        self.years == 0 && self.months == 0 && self.days == 0 && self.hours == 0
    }

    pub fn has_negative(&self) -> bool {
        self.years < 0 || self.months < 0 || self.days < 0 || self.hours < 0
    }

    /// A rough length in seconds (years 366 d, months 31 d) — only for sizing simulations.
    pub fn rough_seconds(&self) -> i64 {
        self.years * 366 * 86_400
            + self.months * 31 * 86_400
            + self.days * 86_400
            + self.hours * 3600
    }

    pub fn parse(s: &str) -> Result<ResticDuration, String> {
        let mut d = ResticDuration::default();
        let mut rest = s.trim().as_bytes();
        if rest.is_empty() {
            return Err(format!("invalid value: empty duration {s:?} (restic durations look like \"2d\", \"1y6m\", \"36h\")"));
        }
        while let Some(&first) = rest.first() {
            let negative = first == b'-';
            if negative {
                rest = rest.get(1..).unwrap_or_default();
            }
            let n_digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            if n_digits == 0 {
                return Err(format!("invalid value: no number found in duration {s:?}"));
            }
            let mut num: i64 = 0;
            for c in rest.get(..n_digits).unwrap_or_default() {
                num = num.saturating_mul(10).saturating_add(i64::from(c - b'0'));
            }
            if num > MAX_ABS {
                return Err(format!(
                    "out of range: {num} in duration {s:?} is larger than {MAX_ABS}"
                ));
            }
            if negative {
                num = -num;
            }
            rest = rest.get(n_digits..).unwrap_or_default();
            match rest.first() {
                Some(b'y') => d.years = num,
                Some(b'm') => d.months = num,
                Some(b'd') => d.days = num,
                Some(b'h') => d.hours = num,
                None => return Err(format!("invalid value: no unit found after number {num} in duration {s:?}")),
                Some(&c) => {
                    return Err(format!(
                        "invalid unit: {:?} in duration {s:?}: restic knows y (years), m (months), d (days) and h (hours) only",
                        char::from(c)
                    ))
                }
            }
            rest = rest.get(1..).unwrap_or_default();
        }
        Ok(d)
    }
}

/// borg 1.2 `interval()` (`src/borg/helpers/parseformat.py`): one `<int><unit>`, unit `H` (hour),
/// `d` (24 h), `w` (7 d), `m` (31 d), `y` (365 d); must be > 0. Returns hours.
/// Source: retention.md §5 "`--keep-within I`".
pub fn parse_borg_interval(s: &str) -> Result<i64, String> {
    let Some(unit) = s.chars().last() else {
        return Err("invalid value: empty interval (borg intervals look like \"36H\", \"2d\", \"2w\", \"1m\", \"1y\")".into());
    };
    let mult = match unit {
        'H' => 1,
        'd' => 24,
        'w' => 24 * 7,
        'm' => 24 * 31,
        'y' => 24 * 365,
        other => {
            let hint = if other == 'h' {
                " (hours are an upper-case H in borg)"
            } else {
                ""
            };
            return Err(format!(
                "invalid unit: unexpected interval time unit {other:?} in {s:?}: expected one of H, d, w, m, y{hint}"
            ));
        }
    };
    let number = s.get(..s.len() - unit.len_utf8()).unwrap_or_default();
    let digits = number.strip_prefix('+').unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(format!("invalid value: unexpected interval number {number:?}: expected an integer greater than 0"));
    }
    let n: i64 = digits.parse().unwrap_or(i64::MAX);
    if n > MAX_ABS {
        return Err(format!(
            "out of range: interval number {n} is larger than {MAX_ABS}"
        ));
    }
    if n <= 0 {
        return Err(format!("invalid value: unexpected interval number {number:?}: expected an integer greater than 0"));
    }
    Ok(n * mult)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restic_grammar() {
        assert_eq!(
            ResticDuration::parse("1y2m3d4h"),
            Ok(ResticDuration {
                years: 1,
                months: 2,
                days: 3,
                hours: 4
            })
        );
        // a repeated unit overrides; whitespace trimmed; negatives accepted by the grammar
        assert_eq!(ResticDuration::parse(" 2d5d ").map(|d| d.days), Ok(5));
        assert_eq!(ResticDuration::parse("-3d").map(|d| d.days), Ok(-3));
        assert!(ResticDuration::parse("2w").is_err_and(|e| e.starts_with("invalid unit")));
        assert!(ResticDuration::parse("30").is_err_and(|e| e.contains("no unit")));
        assert!(ResticDuration::parse("d").is_err_and(|e| e.contains("no number")));
        assert!(ResticDuration::parse("").is_err());
        assert!(ResticDuration::parse("0d").is_ok_and(|d| d.is_zero()));
        assert!(ResticDuration::parse("99999999999d").is_err_and(|e| e.starts_with("out of range")));
    }

    #[test]
    fn borg_grammar() {
        assert_eq!(parse_borg_interval("36H"), Ok(36));
        assert_eq!(parse_borg_interval("2d"), Ok(48));
        assert_eq!(parse_borg_interval("1w"), Ok(168));
        assert_eq!(parse_borg_interval("1m"), Ok(744)); // 31 days
        assert_eq!(parse_borg_interval("1y"), Ok(8760)); // 365 days
        assert!(parse_borg_interval("0d").is_err());
        assert!(parse_borg_interval("-1d").is_err());
        assert!(parse_borg_interval("2h").is_err_and(|e| e.contains("upper-case H")));
        assert!(parse_borg_interval("1d12H").is_err());
        assert!(parse_borg_interval("").is_err());
    }
}
