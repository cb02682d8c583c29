//! Retention engine: which snapshots a keep-policy keeps, in the exact, version-pinned semantics of
//! a named tool (retention.md): `restic-0.14`, `restic-0.16+`, `borg-1.2`, `aws-backup-lifecycle`.
//!
//! * [`apply_retention`] — kept/removed snapshots with the rule(s) behind every kept one.
//! * [`parse_retention_flags`] — `--keep-daily 7 --keep-within 2d …` in restic or borg syntax.
//! * [`retention_footprint`] — how many snapshots a cadence + policy holds over time.
//!
//! Inputs that the tools read from their environment are explicit: `now` (restic's "future"
//! snapshots and `--keep-within` reference, borg's `--keep-within` cutoff, AWS expiry) and
//! `time_zone` (borg: the prune host's `TZ`, which forms the calendar buckets; restic: the forget
//! host's `TZ`, which matters only for `--keep-within*` across DST, see [`engine::restic_cutoff`];
//! AWS: unused).
//!
//! Snapshots may be unsorted: they are sorted newest first internally (equal instants keep input
//! order, as both tools' stable sorts keep their load order) and every output `index` refers to
//! the input list. Duplicates are kept as separate snapshots.
//!
//! Differential tests: `tests/vectors/retention/*.jsonl` hold cases run through the real restic
//! 0.14.0 and borg 1.2.4 (`generate.py`), replayed by `core/tests/it/retention_vectors.rs`.
//!
//! restic `--keep-within*` depends on the forget host's zone (retention.md §3): Go reads a numeric
//! offset that matches the local zone into `time.Local`, and `AddDate` then crosses DST in that
//! zone (restic 0.14.0 agrees; see [`engine::restic_cutoff`]). Buckets are unaffected.
//!
//! Where the engine knowingly departs from retention.md:
//! * `restic-0.16+` within-X rules keep the oldest snapshot as retention.md §4 says; an upstream
//!   revision with the count fallback but without "oldest" labels (≈ 0.16/0.17) had no within-X
//!   fallback. Only restic 0.14 is installable here, so 0.16+ is tested by unit cases only.

mod duration;
pub mod engine;
mod fill;
mod flags;
mod footprint;
pub mod time;
mod types;

#[cfg(test)]
mod footprint_tests;
#[cfg(test)]
mod tests;

use crate::error::{ensure_no_errors, Error, Issue};

pub use duration::{parse_borg_interval, ResticDuration, MAX_ABS};
pub use flags::{parse_retention_flags, FlagDialect, IgnoredToken, ParsedFlags};
pub use footprint::{
    retention_footprint, Cadence, FootprintResult, FootprintSample, FootprintSchedule,
    FootprintSteadyState, RawCadence,
};
pub use time::SnapshotTime;
pub use types::{
    KeepCount, KeepReason, KeptSnapshot, ResticCliVersion, RetentionMode, RetentionPolicy,
    RetentionResult, Rule, Snapshot, StorageTier, WithinWindow,
};

use engine::{AwsRules, BorgRules, Prep, ResticRules};

/// A policy checked against its mode, ready for the walk.
#[derive(Debug, Clone)]
pub(crate) enum Compiled {
    Restic {
        rules: Box<ResticRules>,
        cli: Option<ResticCliVersion>,
        unsafe_allow_remove_all: bool,
    },
    Borg(BorgRules),
    Aws(AwsRules),
}

/// Source strings users may question.
const SRC_RESTIC_WITHIN: &str =
    "retention.md §3: cutoff = latest.AddDate(-y,-m,-d) - h hours, keep iff time > cutoff";
const SRC_BORG_WITHIN: &str =
    "retention.md §5: cutoff = now - interval (m = 31 d, y = 365 d), keep iff time > cutoff";

fn count_fields(p: &RetentionPolicy) -> [(&'static str, Option<KeepCount>); 8] {
    [
        ("keep_last", p.keep_last),
        ("keep_secondly", p.keep_secondly),
        ("keep_minutely", p.keep_minutely),
        ("keep_hourly", p.keep_hourly),
        ("keep_daily", p.keep_daily),
        ("keep_weekly", p.keep_weekly),
        ("keep_monthly", p.keep_monthly),
        ("keep_yearly", p.keep_yearly),
    ]
}

fn within_fields(p: &RetentionPolicy) -> [(&'static str, Option<&String>); 6] {
    [
        ("keep_within", p.keep_within.as_ref()),
        ("keep_within_hourly", p.keep_within_hourly.as_ref()),
        ("keep_within_daily", p.keep_within_daily.as_ref()),
        ("keep_within_weekly", p.keep_within_weekly.as_ref()),
        ("keep_within_monthly", p.keep_within_monthly.as_ref()),
        ("keep_within_yearly", p.keep_within_yearly.as_ref()),
    ]
}

fn not_for(issues: &mut Vec<Issue>, field: &str, mode: RetentionMode, why: &str) {
    issues.push(
        Issue::error(
            "not_supported_by_mode",
            format!("/{field}"),
            format!("{field} is not available in mode {}: {why}", mode.as_str()),
        )
        .in_input("policy"),
    );
}

/// restic's `Duration.String()`: `1y2m3d4h`, zero components omitted.
fn restic_duration_text(d: &ResticDuration) -> String {
    let mut s = String::new();
    for (v, u) in [
        (d.years, 'y'),
        (d.months, 'm'),
        (d.days, 'd'),
        (d.hours, 'h'),
    ] {
        if v != 0 {
            s.push_str(&format!("{v}{u}"));
        }
    }
    s
}

/// Check a policy against a mode; collect every problem.
pub(crate) fn compile(
    policy: &RetentionPolicy,
    mode: RetentionMode,
) -> Result<(Compiled, Vec<Issue>), Error> {
    let mut issues: Vec<Issue> = Vec::new();
    let p = policy;
    // Counts: range first (every mode).
    for (field, c) in count_fields(p) {
        if let Some(KeepCount::N(n)) = c {
            if n.unsigned_abs() > MAX_ABS as u64 {
                issues.push(
                    Issue::error("out_of_range", format!("/{field}"), format!("{field} = {n} is beyond ±{MAX_ABS}"))
                        .with_hint("counts this large are typos; restic 0.16+ takes \"unlimited\", borg any negative number")
                        .in_input("policy"),
                );
            }
        }
    }
    let restic_only = [
        "keep_within_hourly",
        "keep_within_daily",
        "keep_within_weekly",
        "keep_within_monthly",
        "keep_within_yearly",
    ];
    let aws_fields = [
        ("delete_after_days", p.delete_after_days.is_some()),
        (
            "move_to_cold_storage_after_days",
            p.move_to_cold_storage_after_days.is_some(),
        ),
        (
            "aws_cold_storage_supported",
            p.aws_cold_storage_supported.is_some(),
        ),
        ("aws_day_length_seconds", p.aws_day_length_seconds.is_some()),
        ("aws_boundary_inclusive", p.aws_boundary_inclusive.is_some()),
        ("aws_expiry_lag_seconds", p.aws_expiry_lag_seconds.is_some()),
    ];
    let compiled = match mode {
        RetentionMode::Restic014 | RetentionMode::Restic016 => {
            let v016 = mode == RetentionMode::Restic016;
            for (field, c) in count_fields(p) {
                if matches!(field, "keep_secondly" | "keep_minutely") && c.is_some() {
                    not_for(
                        &mut issues,
                        field,
                        mode,
                        "restic has no sub-hour rules (borg has --keep-secondly/--keep-minutely)",
                    );
                }
            }
            for (field, set) in aws_fields {
                if set {
                    not_for(
                        &mut issues,
                        field,
                        mode,
                        "AWS lifecycle fields belong to mode aws-backup-lifecycle",
                    );
                }
            }
            if !v016 {
                if p.restic_cli_version.is_some() {
                    not_for(
                        &mut issues,
                        "restic_cli_version",
                        mode,
                        "it selects the CLI guards of restic 0.16+",
                    );
                }
                if p.unsafe_allow_remove_all.is_some() {
                    not_for(
                        &mut issues,
                        "unsafe_allow_remove_all",
                        mode,
                        "the flag exists from restic 0.17",
                    );
                }
            }
            let mut rules = ResticRules {
                keep_oldest: v016,
                ..ResticRules::default()
            };
            let counts = [
                p.keep_last,
                p.keep_hourly,
                p.keep_daily,
                p.keep_weekly,
                p.keep_monthly,
                p.keep_yearly,
            ];
            let names = [
                "keep_last",
                "keep_hourly",
                "keep_daily",
                "keep_weekly",
                "keep_monthly",
                "keep_yearly",
            ];
            for (i, (c, field)) in counts.iter().zip(names).enumerate() {
                let v = match c {
                    None => 0,
                    Some(KeepCount::Unlimited) if !v016 => {
                        issues.push(
                            Issue::error("invalid_value", format!("/{field}"), format!("restic 0.14 has no \"unlimited\" for {field}"))
                                .with_hint("\"unlimited\" arrived in restic 0.16; in 0.14 a negative count never fires (issue #2565)")
                                .in_input("policy"),
                        );
                        0
                    }
                    Some(c) => c.value(),
                };
                if v016 && v < -1 {
                    // Source: retention.md §4 ("negative values other than -1 are not allowed").
                    issues.push(
                        Issue::error("out_of_range", format!("/{field}"), format!(
                            "{field} = {v}: negative values other than -1 are not allowed for --keep-* (restic 0.16+)"))
                            .with_hint("use \"unlimited\" (or -1) to keep one snapshot per bucket over the whole history")
                            .in_input("policy"),
                    );
                }
                if !v016 && v < 0 {
                    issues.push(
                        Issue::warning("negative_count_never_fires", format!("/{field}"), format!(
                            "{field} = {v}: in restic 0.14 a negative count never keeps anything, and a policy of only \
                             negative counts removes every snapshot (retention.md §3, restic issue #2565)"))
                            .in_input("policy"),
                    );
                }
                if let Some(slot) = rules.counts.get_mut(i) {
                    *slot = v.clamp(-MAX_ABS, MAX_ABS);
                }
            }
            for (i, (field, text)) in within_fields(p).iter().enumerate() {
                let Some(text) = text else { continue };
                match ResticDuration::parse(text) {
                    Ok(d) if v016 && d.has_negative() => issues.push(
                        Issue::error("out_of_range", format!("/{field}"), format!(
                            "{field} = {text:?}: durations containing negative values are not allowed for --keep-within* (restic 0.16+)"))
                            .in_input("policy"),
                    ),
                    Ok(d) if d.is_zero() => {}
                    Ok(d) => {
                        if let Some(t) = rules.within_text.get_mut(i) {
                            *t = restic_duration_text(&d);
                        }
                        if i == 0 {
                            rules.within = Some(d);
                        } else if let Some(slot) = rules.within_x.get_mut(i - 1) {
                            *slot = Some(d);
                        }
                    }
                    Err(e) => {
                        let code = if e.starts_with("invalid unit") { "invalid_unit" } else if e.starts_with("out of range") { "out_of_range" } else { "invalid_value" };
                        issues.push(Issue::error(code, format!("/{field}"), e).in_input("policy"));
                    }
                }
            }
            if let Some(lists) = &p.keep_tag {
                rules.tags = lists.clone();
            }
            Compiled::Restic {
                rules: Box::new(rules),
                cli: if v016 {
                    Some(p.restic_cli_version.unwrap_or(ResticCliVersion::V017Plus))
                } else {
                    None
                },
                unsafe_allow_remove_all: p.unsafe_allow_remove_all.unwrap_or(false),
            }
        }
        RetentionMode::Borg12 => {
            for field in restic_only {
                if within_fields(p)
                    .iter()
                    .any(|(f, v)| *f == field && v.is_some())
                {
                    not_for(&mut issues, field, mode, "borg 1.2 has only --keep-within");
                }
            }
            if p.keep_tag.is_some() {
                not_for(&mut issues, "keep_tag", mode, "borg archives have no tags");
            }
            if p.restic_cli_version.is_some() {
                not_for(&mut issues, "restic_cli_version", mode, "restic only");
            }
            if p.unsafe_allow_remove_all.is_some() {
                not_for(&mut issues, "unsafe_allow_remove_all", mode, "restic only");
            }
            for (field, set) in aws_fields {
                if set {
                    not_for(
                        &mut issues,
                        field,
                        mode,
                        "AWS lifecycle fields belong to mode aws-backup-lifecycle",
                    );
                }
            }
            if p.keep_last.is_some() && p.keep_secondly.is_some() {
                issues.push(
                    Issue::error("conflicting_fields", "/keep_secondly", "keep_last and keep_secondly are the same borg option (--keep-last is an alias of --keep-secondly): give one")
                        .in_input("policy"),
                );
            }
            let mut rules = BorgRules {
                secondly_is_last: p.keep_last.is_some(),
                ..BorgRules::default()
            };
            let counts = [
                p.keep_last.or(p.keep_secondly),
                p.keep_minutely,
                p.keep_hourly,
                p.keep_daily,
                p.keep_weekly,
                p.keep_monthly,
                p.keep_yearly,
            ];
            let names = [
                "keep_last",
                "keep_minutely",
                "keep_hourly",
                "keep_daily",
                "keep_weekly",
                "keep_monthly",
                "keep_yearly",
            ];
            for (i, (c, field)) in counts.iter().zip(names).enumerate() {
                let field = if i == 0 && p.keep_last.is_none() {
                    "keep_secondly"
                } else {
                    field
                };
                let v = match c {
                    None => None,
                    Some(KeepCount::Unlimited) => {
                        issues.push(
                            Issue::error(
                                "invalid_value",
                                format!("/{field}"),
                                "borg counts are integers; \"unlimited\" is restic syntax",
                            )
                            .with_hint("in borg any negative count means unlimited, e.g. -1")
                            .in_input("policy"),
                        );
                        None
                    }
                    Some(KeepCount::N(n)) => Some((*n).clamp(-MAX_ABS, MAX_ABS)),
                };
                if let Some(slot) = rules.counts.get_mut(i) {
                    *slot = v;
                }
            }
            if let Some(text) = &p.keep_within {
                match parse_borg_interval(text) {
                    Ok(h) => {
                        rules.within_hours = Some(h);
                        rules.within_text = text.clone();
                    }
                    Err(e) => {
                        let code = if e.starts_with("invalid unit") {
                            "invalid_unit"
                        } else if e.starts_with("out of range") {
                            "out_of_range"
                        } else {
                            "invalid_value"
                        };
                        issues.push(Issue::error(code, "/keep_within", e).in_input("policy"));
                    }
                }
            }
            // Source: retention.md §5 "Validation" (borg `do_prune`: `not any((secondly, …, within))`,
            // so an all-zero policy is as empty as no policy).
            let any = rules.within_hours.is_some()
                || rules.counts.iter().any(|c| matches!(c, Some(n) if *n != 0));
            if !any && !issues.iter().any(Issue::is_error) {
                issues.push(
                    Issue::error("empty_policy", "", "At least one of the \"keep-within\", \"keep-last\", \"keep-secondly\", \"keep-minutely\", \"keep-hourly\", \"keep-daily\", \"keep-weekly\", \"keep-monthly\" or \"keep-yearly\" settings must be specified (borg 1.2 exits with an error; zero counts do not count)")
                        .in_input("policy"),
                );
            }
            Compiled::Borg(rules)
        }
        RetentionMode::AwsBackupLifecycle => {
            for (field, c) in count_fields(p) {
                if c.is_some() {
                    not_for(
                        &mut issues,
                        field,
                        mode,
                        "AWS Backup lifecycles have no count rules",
                    );
                }
            }
            for (field, v) in within_fields(p) {
                if v.is_some() {
                    not_for(&mut issues, field, mode, "use delete_after_days");
                }
            }
            for (field, set) in [
                ("keep_tag", p.keep_tag.is_some()),
                ("restic_cli_version", p.restic_cli_version.is_some()),
                (
                    "unsafe_allow_remove_all",
                    p.unsafe_allow_remove_all.is_some(),
                ),
            ] {
                if set {
                    not_for(&mut issues, field, mode, "restic only");
                }
            }
            let del = p.delete_after_days;
            let cold = p.move_to_cold_storage_after_days;
            // Source: aws-backup.md §5 rules L2/L3/L4 (1..36,500, or -1 = keep forever).
            if let Some(d) = del {
                if d != -1 && !(1..=36_500).contains(&d) {
                    issues.push(Issue::error("out_of_range", "/delete_after_days", format!(
                        "Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than 36500 days (got {d}; -1 keeps forever)")).in_input("policy"));
                }
            }
            if let Some(c) = cold {
                if c != -1 && !(1..=36_500).contains(&c) {
                    issues.push(
                        Issue::error(
                            "out_of_range",
                            "/move_to_cold_storage_after_days",
                            format!("MoveToColdStorageAfterDays must be 1..36500 or -1 (got {c})"),
                        )
                        .in_input("policy"),
                    );
                }
            }
            // Source: aws-backup.md §5 rule L1 (HARD): DeleteAfterDays ≥ MoveToColdStorageAfterDays + 90.
            if let (Some(d), Some(c)) = (del, cold) {
                if d != -1 && c != -1 && d < c + 90 {
                    issues.push(Issue::error("cold_minimum", "/delete_after_days", format!(
                        "DeleteAfterDays ({d}) must be at least MoveToColdStorageAfterDays + 90 = {} (90-day cold minimum)", c + 90))
                        .with_hint("aws-backup.md §5 rule L1").in_input("policy"));
                }
            }
            let day = p.aws_day_length_seconds.map_or(86_400.0, |s| s.get());
            if !(1.0..=1e9).contains(&day) {
                issues.push(
                    Issue::error(
                        "out_of_range",
                        "/aws_day_length_seconds",
                        format!("a lifecycle day of {day} s is outside 1 s … 10^9 s"),
                    )
                    .in_input("policy"),
                );
            }
            let lag = p.aws_expiry_lag_seconds.map_or(0.0, |s| s.get());
            if lag > 1e10 {
                issues.push(
                    Issue::error(
                        "out_of_range",
                        "/aws_expiry_lag_seconds",
                        format!("an expiry lag of {lag} s is beyond 10^10 s"),
                    )
                    .in_input("policy"),
                );
            }
            let supported = p.aws_cold_storage_supported.unwrap_or(true);
            let mut notes_aws = vec![];
            if p.aws_day_length_seconds.is_none()
                || p.aws_boundary_inclusive.is_none()
                || p.aws_expiry_lag_seconds.is_none()
            {
                notes_aws.push(Issue::info("unconfirmed_default", "", "AWS does not document the length of a lifecycle day, whether a point is gone exactly at DeleteAt, or the deletion latency; defaults used: day = 86,400 s, boundary inclusive, lag 0 (retention.md §6, UNCONFIRMED; override with aws_day_length_seconds, aws_boundary_inclusive, aws_expiry_lag_seconds)").in_input("policy"));
            }
            issues.extend(notes_aws);
            Compiled::Aws(AwsRules {
                delete_after_days: del.filter(|d| *d != -1),
                cold_after_days: if supported {
                    cold.filter(|c| *c != -1)
                } else {
                    None
                },
                day_nanos: (day * 1e9).round() as i128,
                inclusive: p.aws_boundary_inclusive.unwrap_or(true),
                lag_nanos: (lag * 1e9).round() as i128,
            })
        }
    };
    let notes = ensure_no_errors(issues)?;
    Ok((compiled, notes))
}

/// Resolve the `time_zone` argument (an IANA name, `"UTC"`, or none).
fn resolve_zone(time_zone: Option<&str>) -> Result<Option<jiff::tz::TimeZone>, Error> {
    match time_zone {
        None => Ok(None),
        Some(name) => jiff::tz::TimeZone::get(name).map(Some).map_err(|e| {
            Error::invalid(vec![Issue::error(
                "unknown_time_zone",
                "",
                if name.len() > crate::budget::MAX_ECHO {
                    // The zone library's message quotes the whole name.
                    format!("unknown time zone {:?}", crate::budget::echo(name))
                } else {
                    format!("unknown time zone {name:?}: {e}")
                },
            )
            .with_hint("use an IANA name such as \"Europe/Berlin\" or \"UTC\"")
            .in_input("time_zone")])
        }),
    }
}

/// Keep/remove decisions in walk order, shared by [`apply_retention`] and the footprint simulation.
pub(crate) struct Decision {
    /// Kept positions (ascending) with their reasons; every other position is removed.
    pub kept: engine::Kept,
    pub latest: Option<SnapshotTime>,
    pub windows: Vec<WithinWindow>,
}

/// Run a compiled policy over prepared snapshots (newest first).
pub(crate) fn decide<'a>(
    compiled: &Compiled,
    snaps: &[Prep],
    now: &SnapshotTime,
    zone: Option<&jiff::tz::TimeZone>,
    tags_of: impl Fn(&Prep) -> &'a [String],
    checkpoints: Option<&dyn Fn(&Prep) -> bool>,
) -> Result<Decision, Error> {
    match compiled {
        Compiled::Restic {
            rules,
            cli,
            unsafe_allow_remove_all,
        } => {
            if rules.is_empty() {
                return match cli {
                    Some(ResticCliVersion::V017Plus) if *unsafe_allow_remove_all => Ok(Decision { kept: vec![], latest: None, windows: vec![] }),
                    Some(ResticCliVersion::V017Plus) => Err(Error::invalid(vec![Issue::error(
                        "empty_policy", "", "no policy was specified, no snapshots will be removed (restic 0.17+ stops with this error)")
                        .with_hint("give a keep rule, or set restic_cli_version \"0.16\" for the old no-op behaviour (retention.md §4)")
                        .in_input("policy")])),
                    _ => Ok(Decision {
                        kept: (0..snaps.len())
                            .map(|i| (i, vec![KeepReason { rule: Rule::EmptyPolicy, oldest: false, number: None, tags: None, label: "policy is empty".into() }]))
                            .collect(),
                        latest: None,
                        windows: vec![],
                    }),
                };
            }
            let latest = engine::restic_latest(snaps, now);
            let reference = latest.unwrap_or(engine::GO_ZERO);
            let mut cutoffs: [Option<SnapshotTime>; 6] = [None; 6];
            let mut windows = Vec::new();
            let all = std::iter::once(rules.within).chain(rules.within_x.iter().copied());
            let names = [
                Rule::Within,
                Rule::WithinHourly,
                Rule::WithinDaily,
                Rule::WithinWeekly,
                Rule::WithinMonthly,
                Rule::WithinYearly,
            ];
            for (i, (d, rule)) in all.zip(names).enumerate() {
                if let Some(d) = d {
                    let cut = engine::restic_cutoff(&reference, &d, zone);
                    if let Some(slot) = cutoffs.get_mut(i) {
                        *slot = Some(cut);
                    }
                    windows.push(WithinWindow {
                        rule,
                        duration: rules.within_text.get(i).cloned().unwrap_or_default(),
                        after: cut,
                        source: SRC_RESTIC_WITHIN.into(),
                    });
                }
            }
            let kept = engine::restic_walk(snaps, rules, &cutoffs, tags_of);
            if *cli == Some(ResticCliVersion::V017Plus) && !snaps.is_empty() && kept.is_empty() {
                return Err(Error::invalid(vec![Issue::error(
                    "refusing_to_delete_all", "", "refusing to delete last snapshot of snapshot group (restic 0.17+ keep-nothing guard)")
                    .with_hint("the policy keeps no snapshot of this group; retention.md §4")
                    .in_input("policy")]));
            }
            Ok(Decision {
                kept,
                latest,
                windows,
            })
        }
        Compiled::Borg(rules) => {
            // Checkpoints are excluded from the rules; the newest one survives only if it is newer
            // than every regular archive (retention.md §5 "Selection").
            let checkpoint_of = |p: &Prep| checkpoints.is_some_and(|f| f(p));
            let has_checkpoints = checkpoints.is_some() && snaps.iter().any(checkpoint_of);
            let mut windows = Vec::new();
            if let Some(h) = rules.within_hours {
                let cut = engine::time_at(now.instant() - i128::from(h) * 3_600_000_000_000, now);
                windows.push(WithinWindow {
                    rule: Rule::Within,
                    duration: rules.within_text.clone(),
                    after: cut,
                    source: SRC_BORG_WITHIN.into(),
                });
            }
            if !has_checkpoints {
                return Ok(Decision {
                    kept: engine::borg_walk(snaps, rules, now, zone),
                    latest: None,
                    windows,
                });
            }
            let positions: Vec<usize> = (0..snaps.len())
                .filter(|i| snaps.get(*i).is_some_and(|p| !checkpoint_of(p)))
                .collect();
            let regular: Vec<Prep> = positions
                .iter()
                .filter_map(|i| snaps.get(*i).cloned())
                .collect();
            let mut kept: engine::Kept = engine::borg_walk(&regular, rules, now, zone)
                .into_iter()
                .filter_map(|(j, r)| positions.get(j).map(|i| (*i, r)))
                .collect();
            if snaps.first().is_some_and(checkpoint_of) {
                kept.insert(
                    0,
                    (
                        0,
                        vec![KeepReason {
                            rule: Rule::Checkpoint,
                            oldest: false,
                            number: None,
                            tags: None,
                            label: "checkpoint".into(),
                        }],
                    ),
                );
            }
            Ok(Decision {
                kept,
                latest: None,
                windows,
            })
        }
        Compiled::Aws(r) => {
            let kept = snaps
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let st = engine::aws_state(&p.t, r, now);
                    (!st.deleted).then(|| {
                        (
                            i,
                            vec![KeepReason {
                                rule: Rule::Lifecycle,
                                oldest: false,
                                number: None,
                                tags: None,
                                label: match r.delete_after_days {
                                    Some(d) => format!("younger than DeleteAfterDays {d}"),
                                    None => "no expiry".into(),
                                },
                            }],
                        )
                    })
                })
                .collect();
            Ok(Decision {
                kept,
                latest: None,
                windows: vec![],
            })
        }
    }
}

/// Decide which `snapshots` the `policy` keeps at `now` under `mode`.
///
/// `time_zone`: borg — the prune host's zone (buckets; `None` = UTC, noted in the result);
/// restic — the forget host's zone (only `--keep-within*` across DST; `None` = UTC);
/// AWS — ignored. Errors: policy fields the mode's tool does not have, counts beyond ±10^9,
/// malformed durations, an unknown zone, and the tools' own refusals (borg and restic 0.17+
/// empty policy, restic 0.17+ keep-nothing guard) — each with a JSON-pointer path.
pub fn apply_retention(
    snapshots: &[Snapshot],
    policy: &RetentionPolicy,
    mode: RetentionMode,
    now: SnapshotTime,
    time_zone: Option<&str>,
) -> Result<RetentionResult, Error> {
    check_snapshot_count(snapshots.len())?;
    apply(snapshots, policy, mode, now, time_zone)
}

/// [`apply_retention`] for bare times (snapshots without tags, ids or checkpoint flags): the
/// same answer as wrapping each time in [`Snapshot::at`], at a third of the memory, for long
/// lists of epoch seconds.
pub fn apply_retention_times(
    times: &[SnapshotTime],
    policy: &RetentionPolicy,
    mode: RetentionMode,
    now: SnapshotTime,
    time_zone: Option<&str>,
) -> Result<RetentionResult, Error> {
    check_snapshot_count(times.len())?;
    apply(times, policy, mode, now, time_zone)
}

/// What the walk reads from the input list: [`Snapshot`]s or bare [`SnapshotTime`]s.
trait SnapshotList {
    fn len(&self) -> usize;
    fn times(&self) -> impl Iterator<Item = SnapshotTime> + '_;
    fn tags(&self, _i: usize) -> &[String] {
        &[]
    }
    fn id(&self, _i: usize) -> Option<&String> {
        None
    }
    fn checkpoint(&self, _i: usize) -> bool {
        false
    }
}

impl SnapshotList for [Snapshot] {
    fn len(&self) -> usize {
        <[Snapshot]>::len(self)
    }
    fn times(&self) -> impl Iterator<Item = SnapshotTime> + '_ {
        self.iter().map(|s| s.time)
    }
    fn tags(&self, i: usize) -> &[String] {
        self.get(i).map_or(&[][..], |s| s.tags.as_slice())
    }
    fn id(&self, i: usize) -> Option<&String> {
        self.get(i).and_then(|s| s.id.as_ref())
    }
    fn checkpoint(&self, i: usize) -> bool {
        self.get(i).is_some_and(|s| s.checkpoint)
    }
}

impl SnapshotList for [SnapshotTime] {
    fn len(&self) -> usize {
        <[SnapshotTime]>::len(self)
    }
    fn times(&self) -> impl Iterator<Item = SnapshotTime> + '_ {
        self.iter().copied()
    }
}

fn apply<L: SnapshotList + ?Sized>(
    snapshots: &L,
    policy: &RetentionPolicy,
    mode: RetentionMode,
    now: SnapshotTime,
    time_zone: Option<&str>,
) -> Result<RetentionResult, Error> {
    check_snapshot_count(snapshots.len())?;
    let (compiled, mut notes) = compile(policy, mode)?;
    let zone = resolve_zone(time_zone)?;
    let bucket_time_zone = match mode {
        RetentionMode::Restic014 | RetentionMode::Restic016 => {
            "each snapshot's stored UTC offset".to_owned()
        }
        RetentionMode::Borg12 => match time_zone {
            Some(z) => format!("prune host zone {z}"),
            None => {
                notes.push(Issue::warning("time_zone_assumed", "", "borg buckets archives in the prune host's local zone; no time_zone given, so UTC was used (retention.md §5)").in_input("time_zone"));
                "prune host zone UTC (assumed)".to_owned()
            }
        },
        RetentionMode::AwsBackupLifecycle => "none (age rule)".to_owned(),
    };
    // One pass: prepare the walk and note checkpoint flags and tags.
    let (mut any_checkpoint, mut any_tags, mut any_id) = (false, false, false);
    let (mut descending, mut ascending) = (true, true);
    let mut prev: Option<(i64, u32)> = None;
    let mut preps: Vec<Prep> = Vec::with_capacity(snapshots.len());
    for (i, t) in snapshots.times().enumerate() {
        any_checkpoint |= snapshots.checkpoint(i);
        any_tags |= !snapshots.tags(i).is_empty();
        any_id |= snapshots.id(i).is_some();
        let key = (t.unix, t.nanos);
        if let Some(p) = prev {
            descending &= p >= key; // ties keep input order, which is already newest-first order
            ascending &= p < key;
        }
        prev = Some(key);
        preps.push(Prep { idx: i as u32, t });
    }
    if mode != RetentionMode::Borg12 && any_checkpoint {
        notes.push(
            Issue::warning(
                "checkpoint_ignored",
                "",
                "checkpoint flags only matter in borg-1.2; ignored",
            )
            .in_input("snapshots"),
        );
    }
    if mode == RetentionMode::Borg12 && any_tags {
        notes.push(
            Issue::info(
                "tags_ignored",
                "",
                "borg archives have no tags; tags ignored",
            )
            .in_input("snapshots"),
        );
    }
    engine::order_newest_first(&mut preps, descending, ascending && !descending);
    let tags_of = |p: &Prep| snapshots.tags(p.idx as usize);
    let checkpoint_of = |p: &Prep| snapshots.checkpoint(p.idx as usize);
    let checkpoints: Option<&dyn Fn(&Prep) -> bool> = if any_checkpoint {
        Some(&checkpoint_of)
    } else {
        None
    };
    let decision = decide(&compiled, &preps, &now, zone.as_ref(), tags_of, checkpoints)?;
    let aws = match &compiled {
        Compiled::Aws(r) => Some(*r),
        _ => None,
    };
    let mut kept = Vec::with_capacity(decision.kept.len());
    let mut removed = Vec::with_capacity(preps.len().saturating_sub(decision.kept.len()));
    let mut decided = decision.kept.into_iter().peekable();
    for (pos, p) in preps.iter().enumerate() {
        let id = if any_id {
            snapshots.id(p.idx as usize).cloned()
        } else {
            None
        };
        match decided.next_if(|(k, _)| *k == pos) {
            Some((_, reasons)) => {
                let (storage, cold_at, delete_at) = match &aws {
                    Some(rules) => {
                        let st = engine::aws_state(&p.t, rules, &now);
                        (
                            Some(if st.cold {
                                StorageTier::Cold
                            } else {
                                StorageTier::Warm
                            }),
                            st.cold_at.map(|n| engine::time_at(n, &p.t)),
                            st.delete_at.map(|n| engine::time_at(n, &p.t)),
                        )
                    }
                    None => (None, None, None),
                };
                kept.push(KeptSnapshot {
                    index: p.idx as usize,
                    time: p.t,
                    id,
                    reasons,
                    storage,
                    move_to_cold_storage_at: cold_at,
                    delete_at,
                });
            }
            None => removed.push(p.idx as usize),
        }
    }
    Ok(RetentionResult {
        mode,
        kept_count: kept.len(),
        removed_count: removed.len(),
        kept,
        removed,
        latest: decision.latest,
        within_windows: decision.windows,
        bucket_time_zone,
        notes,
    })
}

/// Refuse more than [`crate::budget::MAX_SNAPSHOTS`] snapshots (`over_budget` on `snapshots`),
/// before any of them is read into a typed list.
fn check_snapshot_count(n: usize) -> Result<(), Error> {
    if n > crate::budget::MAX_SNAPSHOTS {
        return Err(crate::budget::over(
            "snapshots",
            "",
            "the snapshot list",
            n as u64,
            crate::budget::MAX_SNAPSHOTS as u64,
            "snapshots",
        ));
    }
    Ok(())
}
