//! Matching civil minutes against a parsed cron: the day mask of a month and the search for the
//! next matching minute.

use jiff::civil::{Date, DateTime};

use super::{next_bit, AwsCron, DaySpec, MAX_YEAR, MIN_YEAR};

/// A civil minute as plain numbers; as a search lower bound its fields may overflow (minute 60
/// = the next hour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Civil {
    pub y: i16,
    pub mo: u32,
    pub d: u32,
    pub h: u32,
    pub mi: u32,
}

impl Civil {
    pub(crate) fn from_datetime(dt: DateTime) -> Civil {
        Civil {
            y: dt.year(),
            mo: dt.month() as u32,
            d: dt.day() as u32,
            h: dt.hour() as u32,
            mi: dt.minute() as u32,
        }
    }

    /// Seconds since the Unix epoch of this civil time read as UTC (days-from-civil, H. Hinnant).
    pub(crate) fn utc_seconds(self) -> i64 {
        let (m, d) = (i64::from(self.mo), i64::from(self.d));
        let y = i64::from(self.y) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        days * 86_400 + i64::from(self.h) * 3_600 + i64::from(self.mi) * 60
    }

    pub(crate) fn to_datetime(self) -> Option<DateTime> {
        let n = |v: u32| i8::try_from(v).ok();
        DateTime::new(
            self.y,
            n(self.mo)?,
            n(self.d)?,
            n(self.h)?,
            n(self.mi)?,
            0,
            0,
        )
        .ok()
    }
}

/// The day mask of the month last asked for.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct MonthCache {
    key: Option<(i16, u32)>,
    mask: u32,
}

impl MonthCache {
    fn get(&mut self, cron: &AwsCron, year: i16, month: u32) -> u32 {
        if self.key != Some((year, month)) {
            self.mask = i8::try_from(month)
                .map(|m| cron.day_mask(year, m))
                .unwrap_or(0);
            self.key = Some((year, month));
        }
        self.mask
    }
}

impl AwsCron {
    /// Matching days of `year`-`month` as a bit mask (bit d for day d).
    fn day_mask(&self, year: i16, month: i8) -> u32 {
        let Ok(first) = Date::new(year, month, 1) else {
            return 0;
        };
        let n = first.days_in_month() as u32;
        let all: u32 = ((1u64 << (n + 1)) - 2) as u32;
        // weekday of day 1: 1 = Sunday .. 7 = Saturday
        let wd1 = first.weekday().to_sunday_one_offset() as u32;
        let weekday_of = |d: u32| (wd1 - 1 + d - 1) % 7 + 1;
        match self.days {
            DaySpec::MonthDays(bits) => bits & all,
            DaySpec::LastDay { offset } => {
                let off = u32::from(offset);
                if off < n {
                    1 << (n - off)
                } else {
                    0
                }
            }
            DaySpec::LastWeekday => {
                let d = match weekday_of(n) {
                    7 => n - 1,
                    1 => n - 2,
                    _ => n,
                };
                1 << d
            }
            DaySpec::NearestWeekday(day) => {
                let day = u32::from(day);
                if day > n {
                    return 0;
                }
                let d = match weekday_of(day) {
                    7 if day == 1 => 3,
                    7 => day - 1,
                    1 if day == n => day - 2,
                    1 => day + 1,
                    _ => day,
                };
                1 << d
            }
            DaySpec::WeekDays(bits) => {
                let mut mask = 0u32;
                for d in 1..=n {
                    if bits & (1 << weekday_of(d)) != 0 {
                        mask |= 1 << d;
                    }
                }
                mask
            }
            DaySpec::NthWeekday { weekday, nth } => {
                let first_hit = 1 + (u32::from(weekday) + 7 - wd1) % 7;
                let d = first_hit + 7 * (u32::from(nth) - 1);
                if d <= n {
                    1 << d
                } else {
                    0
                }
            }
            DaySpec::LastOfWeekday { weekday } => {
                let back = (weekday_of(n) + 7 - u32::from(weekday)) % 7;
                1 << (n - back)
            }
        }
    }

    /// Whether civil time `dt` (in the schedule's zone) is one of the expression's minutes.
    pub fn matches(&self, dt: DateTime) -> bool {
        let y = dt.year();
        if dt.second() != 0 || dt.subsec_nanosecond() != 0 || !(MIN_YEAR..=MAX_YEAR).contains(&y) {
            return false;
        }
        self.years.get((y - MIN_YEAR) as u32)
            && self.months & (1 << dt.month()) != 0
            && self.day_mask(y, dt.month()) & (1 << dt.day()) != 0
            && self.hours & (1 << dt.hour()) != 0
            && self.minutes & (1 << dt.minute()) != 0
    }

    /// The first civil minute at or after `start` that the expression matches (years up to 2199;
    /// at most 230 × 12 months are inspected, never minute by minute).
    pub fn next_match(&self, start: DateTime) -> Option<DateTime> {
        let mut c = Civil::from_datetime(start);
        if start.second() != 0 || start.subsec_nanosecond() != 0 {
            c.mi += 1;
        }
        self.next_civil(c, &mut MonthCache::default())
            .and_then(Civil::to_datetime)
    }

    /// [`AwsCron::next_match`] on a [`Civil`] lower bound whose fields may overflow (minute 60
    /// means "the next hour"); `cache` keeps the last month's day mask between calls.
    pub(crate) fn next_civil(&self, start: Civil, cache: &mut MonthCache) -> Option<Civil> {
        let Civil {
            y,
            mo: mut lo_mo,
            d: mut lo_d,
            h: mut lo_h,
            mi: mut lo_mi,
        } = start;
        if y > MAX_YEAR {
            return None;
        }
        let mut yi = if y < MIN_YEAR {
            (lo_mo, lo_d, lo_h, lo_mi) = (1, 1, 0, 0);
            0
        } else {
            (y - MIN_YEAR) as u32
        };
        while let Some(found) = self.years.next_from(yi) {
            if found != yi {
                (lo_mo, lo_d, lo_h, lo_mi) = (1, 1, 0, 0);
            }
            yi = found;
            let year = MIN_YEAR + yi as i16;
            while let Some(mo) = next_bit(self.months, lo_mo) {
                if mo != lo_mo {
                    (lo_d, lo_h, lo_mi) = (1, 0, 0);
                }
                lo_mo = mo;
                let days = u64::from(cache.get(self, year, mo));
                while let Some(d) = next_bit(days, lo_d) {
                    if d != lo_d {
                        (lo_h, lo_mi) = (0, 0);
                    }
                    lo_d = d;
                    while let Some(h) = next_bit(self.hours, lo_h) {
                        if h != lo_h {
                            lo_mi = 0;
                        }
                        lo_h = h;
                        if let Some(mi) = next_bit(self.minutes, lo_mi) {
                            return Some(Civil {
                                y: year,
                                mo,
                                d,
                                h,
                                mi,
                            });
                        }
                        lo_h += 1;
                        lo_mi = 0;
                    }
                    lo_d += 1;
                    (lo_h, lo_mi) = (0, 0);
                }
                lo_mo += 1;
                (lo_d, lo_h, lo_mi) = (1, 0, 0);
            }
            yi += 1;
            (lo_mo, lo_d, lo_h, lo_mi) = (1, 1, 0, 0);
        }
        None
    }

    /// Whether the expression matches any civil minute at all in 1970–2199 (independent of time
    /// zone; `cron(0 0 30 2 ? *)` never does).
    pub fn fires_ever(&self) -> bool {
        DateTime::new(MIN_YEAR, 1, 1, 0, 0, 0, 0)
            .ok()
            .and_then(|d| self.next_match(d))
            .is_some()
    }
}
