//! Instants with the UTC offset they were written with, and the proleptic-Gregorian calendar
//! arithmetic the engine needs (civil fields, ISO weeks, Go's `AddDate` normalisation).
//!
//! Own code rather than jiff here because the engine must keep the *stored* offset of every
//! snapshot (restic buckets by it, retention.md §3) and because a million snapshots must be
//! bucketed in well under 200 ms; jiff is used for IANA zones (`zone_offset`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Earliest and latest accepted instants: 0000-01-01T00:00:00Z … 9999-12-31T23:59:59Z (the range
/// RFC 3339 four-digit years can write; Python's datetime, used by borg, stops at year 1).
pub const MIN_UNIX: i64 = -62_167_219_200;
pub const MAX_UNIX: i64 = 253_402_300_799;

/// An instant plus the UTC offset it was written with.
///
/// Input: an RFC 3339 string with offset (`"2024-05-01T12:00:00+02:00"`, `"…Z"`, fraction
/// allowed) or an integer number of seconds since 1970-01-01T00:00:00Z (taken as UTC, `Z`).
/// Output: the RFC 3339 string in the same offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SnapshotTime {
    /// Whole seconds since the Unix epoch (floor).
    pub unix: i64,
    /// Nanoseconds past `unix`, 0 ..= 999,999,999.
    pub nanos: u32,
    /// Stored offset from UTC in seconds (east positive).
    pub offset: i32,
    /// Written as `Z` (Go parses `Z` into the UTC location, a numeric offset possibly into the
    /// process's local zone: matters for restic `--keep-within`, see `restic_cutoff`).
    pub zulu: bool,
}

impl PartialOrd for SnapshotTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SnapshotTime {
    /// Instant order (the offset plays no part; equal instants with different offsets compare
    /// equal in instant but are ordered by offset to keep `Ord` total).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.unix, self.nanos, self.offset, self.zulu).cmp(&(
            other.unix,
            other.nanos,
            other.offset,
            other.zulu,
        ))
    }
}

impl SnapshotTime {
    /// An instant in UTC (`Z`).
    pub fn utc(unix: i64) -> Result<Self, String> {
        if !(MIN_UNIX..=MAX_UNIX).contains(&unix) {
            return Err(format!(
                "out of range: {unix} seconds is outside years 0000-9999"
            ));
        }
        Ok(SnapshotTime {
            unix,
            nanos: 0,
            offset: 0,
            zulu: true,
        })
    }

    /// The same instant written with another offset.
    pub fn with_offset(self, offset: i32) -> Self {
        SnapshotTime {
            offset,
            zulu: false,
            ..self
        }
    }

    /// Instant comparison key (nanoseconds since the epoch as i128).
    pub fn instant(&self) -> i128 {
        i128::from(self.unix) * 1_000_000_000 + i128::from(self.nanos)
    }

    /// Seconds since the epoch as f64 (outputs).
    pub fn unix_f64(&self) -> f64 {
        self.unix as f64 + f64::from(self.nanos) / 1e9
    }

    /// Wall-clock seconds in the stored offset ("local seconds").
    pub fn local_seconds(&self) -> i64 {
        self.unix + i64::from(self.offset)
    }

    /// Parse RFC 3339 (offset mandatory). Accepts `T`, `t` or a space between date and time,
    /// `Z`/`z` or `±HH:MM`, and up to nine fraction digits.
    pub fn parse(s: &str) -> Result<Self, String> {
        parse_rfc3339(s)
    }

    /// Format as RFC 3339 in the stored offset, fraction without trailing zeros.
    pub fn format(&self) -> String {
        let local = self.local_seconds();
        let days = local.div_euclid(DAY);
        let sod = local.rem_euclid(DAY);
        let (y, m, d) = civil_from_days(days);
        let mut s = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            sod / 3600,
            (sod % 3600) / 60,
            sod % 60
        );
        if self.nanos != 0 {
            let frac = format!("{:09}", self.nanos);
            s.push('.');
            s.push_str(frac.trim_end_matches('0'));
        }
        if self.zulu {
            s.push('Z');
        } else {
            let sign = if self.offset < 0 { '-' } else { '+' };
            let a = self.offset.unsigned_abs();
            s.push_str(&format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60));
            if a % 60 != 0 {
                s.push_str(&format!(":{:02}", a % 60));
            }
        }
        s
    }
}

impl std::fmt::Display for SnapshotTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.format())
    }
}

impl Serialize for SnapshotTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.format())
    }
}

impl<'de> Deserialize<'de> for SnapshotTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TimeVisitor)
    }
}

pub(crate) struct TimeVisitor;

impl serde::de::Visitor<'_> for TimeVisitor {
    type Value = SnapshotTime;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "an RFC 3339 timestamp with offset or integer seconds since 1970-01-01T00:00:00Z",
        )
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SnapshotTime, E> {
        parse_rfc3339(v).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<SnapshotTime, E> {
        SnapshotTime::utc(v).map_err(E::custom)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<SnapshotTime, E> {
        let v = i64::try_from(v)
            .map_err(|_| E::custom(format!("out of range: {v} seconds is too large")))?;
        SnapshotTime::utc(v).map_err(E::custom)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<SnapshotTime, E> {
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
            SnapshotTime::utc(v as i64).map_err(E::custom)
        } else {
            Err(E::custom(format!(
                "invalid value: {v} is not a whole number of seconds (epoch seconds must be integers; \
                 use an RFC 3339 string for fractions)"
            )))
        }
    }
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let mut v: i64 = 0;
    for i in at..at + n {
        let c = *b.get(i)?;
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some(v)
}

fn parse_rfc3339(s: &str) -> Result<SnapshotTime, String> {
    let bad = |why: &str| {
        format!("invalid value: {s:?} is not an RFC 3339 timestamp with offset ({why})")
    };
    let b = s.as_bytes();
    let (Some(y), Some(mo), Some(d)) = (digits(b, 0, 4), digits(b, 5, 2), digits(b, 8, 2)) else {
        return Err(bad("expected YYYY-MM-DDTHH:MM:SS±HH:MM"));
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(bad("expected YYYY-MM-DD"));
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return Err(bad("expected 'T' between date and time"));
    }
    let (Some(h), Some(mi), Some(se)) = (digits(b, 11, 2), digits(b, 14, 2), digits(b, 17, 2))
    else {
        return Err(bad("expected HH:MM:SS"));
    };
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return Err(bad("expected HH:MM:SS"));
    }
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59
    {
        return Err(bad("date or time field out of range"));
    }
    let mut i = 19;
    let mut nanos: u32 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(c - b'0');
            } else {
                return Err(bad("more than 9 fraction digits"));
            }
            i += 1;
        }
        if i == start {
            return Err(bad("empty fraction"));
        }
        for _ in (i - start)..9 {
            nanos *= 10;
        }
    }
    let (offset, zulu) = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => (0, true),
        Some(&sign @ (b'+' | b'-')) => {
            let (Some(oh), Some(om)) = (digits(b, i + 1, 2), digits(b, i + 4, 2)) else {
                return Err(bad("offset must be ±HH:MM"));
            };
            if b.get(i + 3) != Some(&b':') || i + 6 != b.len() || oh > 23 || om > 59 {
                return Err(bad("offset must be ±HH:MM"));
            }
            let o = (oh * 3600 + om * 60) as i32;
            (if sign == b'-' { -o } else { o }, false)
        }
        None => {
            return Err(format!(
                "invalid value: timestamp {s:?} has no UTC offset: add 'Z' or e.g. '+02:00' (a time without \
                 offset names no instant)"
            ))
        }
        _ => return Err(bad("unexpected characters after the time")),
    };
    let local = days_from_civil(y, mo, d) * DAY + h * 3600 + mi * 60 + se;
    let unix = local - i64::from(offset);
    if !(MIN_UNIX..=MAX_UNIX).contains(&unix) {
        return Err(format!(
            "out of range: {s:?} is outside years 0000-9999 in UTC"
        ));
    }
    Ok(SnapshotTime {
        unix,
        nanos,
        offset,
        zulu,
    })
}

pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; any i64 year
/// within ±10^12 is fine).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// ISO 8601 week-numbering year and week of a day (days since epoch). Weeks run Monday–Sunday;
/// week 1 holds the year's first Thursday (Go `ISOWeek`, strftime `%G-%V`).
pub fn iso_week(days: i64) -> (i64, i64) {
    // 1970-01-01 was a Thursday: Monday = 0.
    let wd = (days + 3).rem_euclid(7);
    let thursday = days - wd + 3;
    let (y, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
    (y, week)
}

/// Civil fields of a wall-clock second count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
    /// Days since 1970-01-01 of the wall-clock date.
    pub days: i64,
}

impl Civil {
    pub fn from_local_seconds(local: i64) -> Civil {
        let days = local.div_euclid(DAY);
        let sod = local.rem_euclid(DAY);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: sod / 3600,
            minute: (sod % 3600) / 60,
            second: sod % 60,
            days,
        }
    }
}

/// Go's `Date(y, m+dm, d+dd, …)` normalisation on a wall clock: months overflow into years, then
/// the day number is added as an offset from the first of the month (2024-03-31 minus one month is
/// "2024-02-31" = 2024-03-02). Returns wall-clock seconds. Source: Go `time.Date` / `AddDate`
/// (retention.md §3 "Calendar arithmetic").
pub fn go_add_date(local: i64, years: i64, months: i64, days: i64) -> i64 {
    let c = Civil::from_local_seconds(local);
    let m0 = c.month - 1 + months;
    let y = c.year + years + m0.div_euclid(12);
    let m = m0.rem_euclid(12) + 1;
    let day_number = days_from_civil(y, m, 1) + (c.day - 1) + days;
    day_number * DAY + c.hour * 3600 + c.minute * 60 + c.second
}

/// Offset (seconds) of an IANA zone at an instant.
pub fn zone_offset(tz: &jiff::tz::TimeZone, unix: i64) -> i32 {
    match jiff::Timestamp::from_second(unix) {
        Ok(ts) => tz.to_offset(ts).seconds(),
        Err(_) => 0,
    }
}

/// Offsets of one zone for many instants: remembers the zone period (between two transitions)
/// of the last lookup, so a sorted walk does about one tz lookup per DST period.
#[derive(Debug)]
pub struct ZoneCache<'a> {
    tz: &'a jiff::tz::TimeZone,
    lo: i64,
    hi: i64,
    off: i64,
}

impl<'a> ZoneCache<'a> {
    pub fn new(tz: &'a jiff::tz::TimeZone) -> Self {
        ZoneCache {
            tz,
            lo: 1,
            hi: 0,
            off: 0,
        }
    }

    /// Offset in seconds at `unix` (whole seconds; transitions fall on whole seconds).
    pub fn offset(&mut self, unix: i64) -> i64 {
        if self.lo <= unix && unix < self.hi {
            return self.off;
        }
        let off = i64::from(zone_offset(self.tz, unix));
        let (Ok(at), Ok(next)) = (
            jiff::Timestamp::from_second(unix),
            jiff::Timestamp::from_second(unix + 1),
        ) else {
            return off;
        };
        let lo = self
            .tz
            .preceding(next)
            .next()
            .map_or(i64::MIN, |t| t.timestamp().as_second());
        let hi = self
            .tz
            .following(at)
            .next()
            .map_or(i64::MAX, |t| t.timestamp().as_second());
        // Cache only a period that provably has this offset at both ends.
        let edge_ok = |x: i64| {
            !(MIN_UNIX..=MAX_UNIX).contains(&x) || i64::from(zone_offset(self.tz, x)) == off
        };
        if lo <= unix && unix < hi && edge_ok(lo) && edge_ok(hi.saturating_sub(1)) {
            self.lo = lo;
            self.hi = hi;
            self.off = off;
        }
        off
    }
}

/// Resolve a wall clock in a zone the way Go's `time.Date` does: look up the offset at the wall
/// clock read as UTC, and if the instant so found lies in another zone period use that period's
/// offset (Go `time.Date`, "adjust if too close to a zone transition").
pub fn go_resolve_wall(tz: &jiff::tz::TimeZone, wall: i64) -> i64 {
    let first = zone_offset(tz, wall);
    if first == 0 {
        return wall;
    }
    let utc = wall - i64::from(first);
    wall - i64::from(zone_offset(tz, utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_fractions_and_rejects_naive() {
        let t = SnapshotTime::parse("2024-05-02T01:00:00+02:00").ok();
        assert_eq!(t.map(|t| (t.unix, t.offset)), Some((1_714_604_400, 7200)));
        let t = SnapshotTime::parse("2014-08-13T10:20:30.1Z").ok();
        assert_eq!(
            t.map(|t| (t.unix, t.nanos, t.zulu)),
            Some((1_407_925_230, 100_000_000, true))
        );
        assert_eq!(
            t.map(|t| t.format()),
            Some("2014-08-13T10:20:30.1Z".to_owned())
        );
        let e = SnapshotTime::parse("2024-05-01T12:00:00")
            .err()
            .unwrap_or_default();
        assert!(e.contains("no UTC offset"), "{e}");
        assert!(SnapshotTime::parse("2024-02-30T12:00:00Z").is_err());
        assert!(SnapshotTime::parse("2024-05-01T12:00:00+2:00").is_err());
        assert!(SnapshotTime::parse("2024-05-01T12:00:00Zjunk").is_err());
        assert_eq!(
            SnapshotTime::parse("2024-05-01 12:00:00-04:00").map(|t| t.format()),
            Ok("2024-05-01T12:00:00-04:00".to_owned())
        );
    }

    #[test]
    fn civil_round_trip_and_iso_weeks() {
        for days in [-719_468, -1, 0, 1, 10_957, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        // retention.md §8 E9: 2020-12-28 … 2021-01-03 is 2020-W53, 2021-01-04 is 2021-W01.
        assert_eq!(iso_week(days_from_civil(2020, 12, 28)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2021, 1, 4)), (2021, 1));
        assert_eq!(iso_week(days_from_civil(2019, 12, 30)), (2020, 1));
        assert_eq!(iso_week(days_from_civil(2027, 1, 1)), (2026, 53));
    }

    #[test]
    fn zone_cache_matches_direct_lookups() {
        for name in [
            "America/New_York",
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "Asia/Kolkata",
            "UTC",
        ] {
            let Ok(tz) = jiff::tz::TimeZone::get(name) else {
                continue;
            };
            let mut cache = ZoneCache::new(&tz);
            let start = 1_577_836_800; // 2020-01-01
            let mut xs: Vec<i64> = (0..20_000).map(|i| start + i * 7_919).collect();
            // transitions themselves and their neighbours
            xs.extend([
                1_710_054_000 - 1,
                1_710_054_000,
                1_730_613_600 - 1,
                1_730_613_600,
            ]);
            for &x in xs.iter().chain(xs.iter().rev()) {
                assert_eq!(
                    cache.offset(x),
                    i64::from(zone_offset(&tz, x)),
                    "{name} at {x}"
                );
            }
        }
    }

    #[test]
    fn go_add_date_normalises_month_ends() {
        // retention.md §8 E4: 2024-03-31 minus one month = 2024-03-02.
        let t = days_from_civil(2024, 3, 31) * DAY + 12 * 3600;
        assert_eq!(
            go_add_date(t, 0, -1, 0),
            days_from_civil(2024, 3, 2) * DAY + 12 * 3600
        );
        // 2023: February has 28 days → 2023-03-03.
        let t = days_from_civil(2023, 3, 31) * DAY;
        assert_eq!(go_add_date(t, 0, -1, 0), days_from_civil(2023, 3, 3) * DAY);
        // minus 13 months crosses a year; minus 40 days crosses a month.
        let t = days_from_civil(2024, 1, 15) * DAY;
        assert_eq!(
            go_add_date(t, 0, -13, 0),
            days_from_civil(2022, 12, 15) * DAY
        );
        assert_eq!(
            go_add_date(t, 0, 0, -40),
            days_from_civil(2023, 12, 6) * DAY
        );
        // leap day minus one year = 2023-02-29 = 2023-03-01
        let t = days_from_civil(2024, 2, 29) * DAY;
        assert_eq!(go_add_date(t, -1, 0, 0), days_from_civil(2023, 3, 1) * DAY);
    }
}
