//! The AWS Backup / EventBridge cron dialect: parser and civil-time matcher.
//!
//! `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, six fields, all required.
//! Source: aws-backup.md §6 ([EB-cron], https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html).
//!
//! | field | values | wildcards |
//! |---|---|---|
//! | minutes | 0–59 | `, - * /` |
//! | hours | 0–23 | `, - * /` |
//! | day-of-month | 1–31 | `, - * ? / L W` |
//! | month | 1–12 or `JAN`–`DEC` | `, - * /` |
//! | day-of-week | 1–7 or `SUN`–`SAT` (**1 = Sunday**) | `, - * ? L #` |
//! | year | 1970–2199 | `, - * /` |
//!
//! Exactly one of day-of-month and day-of-week is `?` (`*` counts as a value). Characters outside a
//! field's documented wildcard list are errors (e.g. `/` in day-of-week).
//!
//! Semantics (documented ones first, then drplan's choices where AWS is silent):
//!
//! * `a/s` = a, a+s, … up to the field maximum; `*/s` starts at the field minimum; `a-b/s` steps
//!   through the range. A step must be 1 ≤ s ≤ the number of values in the field.
//! * `L` in day-of-month = last day of the month; in day-of-week = the last day of the week, i.e.
//!   7 (Saturday) [EB-cron; Quartz]. `nW` = the weekday (Mon–Fri) nearest day n **within the same
//!   month** (a Saturday the 1st moves to Monday the 3rd, a Sunday on the last day to the Friday
//!   before); if day n does not exist in the month (31W in April) the month has no run, as for a
//!   plain `31`. `LW` = the last weekday of the month. `d#n` = the n-th (1–5) weekday d of the
//!   month; months without one have no run. Only one `#` expression per field [EB-cron].
//! * Not in aws-backup.md §6 but accepted with Quartz semantics: `dL` in day-of-week = the last
//!   weekday d of the month (reported to work on AWS, grumBit/aws_cron_expression_validator#12;
//!   an `info` issue says so); `L-n` in day-of-month = n days before the last day and ranges
//!   that wrap around (`22-2` hours, `FRI-MON`) — both `warning`s since no AWS source confirms
//!   them. A plain day that a month lacks (30 in February) is skipped in that month.
//! * The wrapper is optional on input (the API doc examples omit it; aws-backup.md §6 says to
//!   accept both and always emit `cron(...)`): a bare expression gives a `warning`.
//! * Names and letters are case-insensitive; the normalized text is upper-case.

mod matching;
mod parse;

pub(crate) use matching::{Civil, MonthCache};

use crate::error::Issue;

/// First year the year field accepts. Source: aws-backup.md §6 ([EB-cron]).
pub const MIN_YEAR: i16 = 1970;
/// Last year the year field accepts. Source: aws-backup.md §6 ([EB-cron]).
pub const MAX_YEAR: i16 = 2199;

/// A parsed AWS cron expression. Build with [`AwsCron::parse`]; [`std::fmt::Display`] gives the
/// normalized `cron(...)` text.
#[derive(Debug, Clone, PartialEq)]
pub struct AwsCron {
    text: String,
    /// bit m for minute m (0..=59)
    minutes: u64,
    /// bit h for hour h (0..=23)
    hours: u64,
    /// bit m for month m (1..=12)
    months: u64,
    /// bit (y - 1970) for year y
    years: Bits256,
    days: DaySpec,
    warnings: Vec<Issue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DaySpec {
    /// Day-of-month values (bit d for day d, 1..=31); day-of-week is `?`.
    MonthDays(u32),
    /// `L` (offset 0) or `L-n`.
    LastDay { offset: u8 },
    /// `LW`
    LastWeekday,
    /// `nW`
    NearestWeekday(u8),
    /// Day-of-week values (bit d for weekday d, 1 = Sunday..7 = Saturday); day-of-month is `?`.
    WeekDays(u8),
    /// `d#n`
    NthWeekday { weekday: u8, nth: u8 },
    /// `dL`
    LastOfWeekday { weekday: u8 },
}

/// A set of up to 256 values (the year field: bit y - 1970).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Bits256([u64; 4]);

impl Bits256 {
    fn set(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut((i / 64) as usize) {
            *w |= 1u64 << (i % 64);
        }
    }
    fn get(&self, i: u32) -> bool {
        self.0
            .get((i / 64) as usize)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }
    /// Lowest set bit ≥ i.
    fn next_from(&self, i: u32) -> Option<u32> {
        let mut word = i / 64;
        let mut from = i % 64;
        while let Some(w) = self.0.get(word as usize) {
            if let Some(b) = next_bit(*w, from) {
                return Some(word * 64 + b);
            }
            word += 1;
            from = 0;
        }
        None
    }
    fn low_u64(&self) -> u64 {
        self.0.first().copied().unwrap_or(0)
    }
}

/// Lowest set bit of `mask` that is ≥ `from`.
fn next_bit(mask: u64, from: u32) -> Option<u32> {
    if from >= 64 {
        return None;
    }
    let m = mask & (u64::MAX << from);
    if m == 0 {
        None
    } else {
        Some(m.trailing_zeros())
    }
}

impl AwsCron {
    /// The normalized expression, always wrapped: `cron(0 5 ? * MON-FRI *)`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Non-blocking findings from parsing (bare expression, undocumented syntax).
    pub fn warnings(&self) -> &[Issue] {
        &self.warnings
    }

    /// More than one value in the minutes field: the schedule fires more than once in some hour.
    /// AWS Backup limits snapshot schedules to hourly (aws-backup.md §5.4 S3) — the plan
    /// validator turns this into its error.
    pub fn fires_more_than_once_per_hour(&self) -> bool {
        self.minutes.count_ones() > 1
    }
}

impl std::fmt::Display for AwsCron {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for AwsCron {
    type Err = Vec<Issue>;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AwsCron::parse(s)
    }
}
