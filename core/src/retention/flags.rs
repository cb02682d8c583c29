//! `--keep-*` command-line flags → [`RetentionPolicy`], in restic or borg syntax.
//!
//! Token positions are JSON pointers into the token list (`"/3"` = the fourth token after
//! shell-style splitting), so an error points at the offending word.

use serde::{Deserialize, Serialize};

use super::duration::{parse_borg_interval, ResticDuration, MAX_ABS};
use super::types::{KeepCount, RetentionPolicy};
use crate::error::{Error, Issue};

/// Which tool's command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum FlagDialect {
    /// `restic forget` (0.14 … 0.19 flag names; `unlimited` accepted, the mode decides).
    Restic,
    /// `borg prune` 1.2.
    Borg,
}

/// A token that is valid for the tool but not part of a policy (e.g. `--dry-run`, the repository).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct IgnoredToken {
    pub position: usize,
    pub token: String,
    pub why: String,
}

/// Result of [`parse_retention_flags`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "tsify", tsify(missing_as_null))]
pub struct ParsedFlags {
    pub dialect: FlagDialect,
    pub policy: RetentionPolicy,
    /// The words after shell-style splitting (positions in errors index this list).
    pub tokens: Vec<String>,
    pub ignored: Vec<IgnoredToken>,
    pub notes: Vec<Issue>,
}

/// Split like a POSIX shell: whitespace separates words; '…' is literal; "…" allows \" and \\;
/// a backslash outside quotes escapes the next character.
fn shell_split(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => cur.push(x),
                        None => return Err("unterminated single quote".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x @ ('"' | '\\' | '$' | '`')) => cur.push(x),
                            Some(x) => {
                                cur.push('\\');
                                cur.push(x);
                            }
                            None => return Err("unterminated double quote".into()),
                        },
                        Some(x) => cur.push(x),
                        None => return Err("unterminated double quote".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(x) = chars.next() {
                    if x != '\n' {
                        cur.push(x);
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    Ok(out)
}

#[derive(Clone, Copy)]
enum Target {
    Count(&'static str),
    Within(&'static str),
    Tag,
    /// A tool flag that takes a value but is not a policy (e.g. `--host x`, `--prefix p`).
    IgnoredWithValue,
    /// A tool flag without value that is not a policy (e.g. `--dry-run`).
    IgnoredBool,
}

/// restic `forget` flags (cmd_forget.go, 0.14 … 0.19). Source: retention.md §3/§4.
fn restic_flag(name: &str) -> Option<Target> {
    Some(match name {
        "-l" | "--keep-last" => Target::Count("keep_last"),
        "-H" | "--keep-hourly" => Target::Count("keep_hourly"),
        "-d" | "--keep-daily" => Target::Count("keep_daily"),
        "-w" | "--keep-weekly" => Target::Count("keep_weekly"),
        "-m" | "--keep-monthly" => Target::Count("keep_monthly"),
        "-y" | "--keep-yearly" => Target::Count("keep_yearly"),
        "--keep-within" => Target::Within("keep_within"),
        "--keep-within-hourly" => Target::Within("keep_within_hourly"),
        "--keep-within-daily" => Target::Within("keep_within_daily"),
        "--keep-within-weekly" => Target::Within("keep_within_weekly"),
        "--keep-within-monthly" => Target::Within("keep_within_monthly"),
        "--keep-within-yearly" => Target::Within("keep_within_yearly"),
        "--keep-tag" => Target::Tag,
        "--host" | "--tag" | "--path" | "-g" | "--group-by" | "-r" | "--repo" | "--max-unused"
        | "--max-repack-size" => Target::IgnoredWithValue,
        "-n"
        | "--dry-run"
        | "--prune"
        | "-c"
        | "--compact"
        | "--json"
        | "-v"
        | "--verbose"
        | "-q"
        | "--quiet"
        | "--repack-cacheable-only"
        | "--repack-small"
        | "--repack-uncompressed"
        | "--unsafe-allow-remove-all" => Target::IgnoredBool,
        _ => return None,
    })
}

/// borg 1.2 `prune` flags (archiver.py). `--keep-last` is an alias of `--keep-secondly`.
fn borg_flag(name: &str) -> Option<Target> {
    Some(match name {
        "--keep-within" => Target::Within("keep_within"),
        "--keep-last" => Target::Count("keep_last"),
        "--keep-secondly" => Target::Count("keep_secondly"),
        "--keep-minutely" => Target::Count("keep_minutely"),
        "-H" | "--keep-hourly" => Target::Count("keep_hourly"),
        "-d" | "--keep-daily" => Target::Count("keep_daily"),
        "-w" | "--keep-weekly" => Target::Count("keep_weekly"),
        "-m" | "--keep-monthly" => Target::Count("keep_monthly"),
        "-y" | "--keep-yearly" => Target::Count("keep_yearly"),
        "-P" | "--prefix" | "-a" | "--glob-archives" | "--checkpoint-interval" => {
            Target::IgnoredWithValue
        }
        "-n" | "--dry-run" | "--force" | "-s" | "--stats" | "--list" | "--save-space" | "-v"
        | "--verbose" | "--info" | "--progress" => Target::IgnoredBool,
        _ => return None,
    })
}

fn set_count(p: &mut RetentionPolicy, field: &str, v: KeepCount) {
    let slot = match field {
        "keep_last" => &mut p.keep_last,
        "keep_secondly" => &mut p.keep_secondly,
        "keep_minutely" => &mut p.keep_minutely,
        "keep_hourly" => &mut p.keep_hourly,
        "keep_daily" => &mut p.keep_daily,
        "keep_weekly" => &mut p.keep_weekly,
        "keep_monthly" => &mut p.keep_monthly,
        _ => &mut p.keep_yearly,
    };
    *slot = Some(v);
}

fn set_within(p: &mut RetentionPolicy, field: &str, v: String) {
    let slot = match field {
        "keep_within" => &mut p.keep_within,
        "keep_within_hourly" => &mut p.keep_within_hourly,
        "keep_within_daily" => &mut p.keep_within_daily,
        "keep_within_weekly" => &mut p.keep_within_weekly,
        "keep_within_monthly" => &mut p.keep_within_monthly,
        _ => &mut p.keep_within_yearly,
    };
    *slot = Some(v);
}

fn parse_count(dialect: FlagDialect, v: &str) -> Result<KeepCount, String> {
    if dialect == FlagDialect::Restic && v == "unlimited" {
        return Ok(KeepCount::Unlimited);
    }
    // Go strconv.ParseInt / Python int(): optional sign, decimal digits.
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        let also = if dialect == FlagDialect::Restic {
            " or \"unlimited\""
        } else {
            ""
        };
        return Err(format!("invalid value: {v:?} is not an integer{also}"));
    }
    match v.parse::<i64>() {
        Ok(n) if n.unsigned_abs() <= MAX_ABS as u64 => Ok(KeepCount::N(n)),
        _ => Err(format!("out of range: {v} is beyond ±{MAX_ABS}")),
    }
}

fn code_of(msg: &str) -> &'static str {
    if msg.starts_with("invalid unit") {
        "invalid_unit"
    } else if msg.starts_with("out of range") {
        "out_of_range"
    } else {
        "invalid_value"
    }
}

/// Parse `restic forget` / `borg prune` keep flags into a policy. Accepts `--flag value`,
/// `--flag=value`, `-d 7` and `-d7`; an optional leading `restic forget` / `borg prune`; tool
/// flags that are not policy (e.g. `--dry-run`, `--group-by host`, a borg repository) are listed
/// in `ignored`. A repeated count flag overrides the earlier one (both tools); `--keep-tag`
/// accumulates. Errors carry the token position as path (`"/3"`) in input `text`.
pub fn parse_retention_flags(text: &str, dialect: FlagDialect) -> Result<ParsedFlags, Error> {
    let tokens = shell_split(text).map_err(|e| {
        Error::invalid(vec![Issue::error(
            "invalid_value",
            "",
            format!("cannot split the command line: {e}"),
        )
        .in_input("text")])
    })?;
    let mut policy = RetentionPolicy::default();
    let mut issues: Vec<Issue> = Vec::new();
    let mut ignored = Vec::new();
    let mut i = 0;
    // Optional program and subcommand words.
    let (prog, sub) = match dialect {
        FlagDialect::Restic => ("restic", "forget"),
        FlagDialect::Borg => ("borg", "prune"),
    };
    if tokens.first().map(String::as_str) == Some(prog) {
        ignored.push(IgnoredToken {
            position: 0,
            token: prog.into(),
            why: "program name".into(),
        });
        i = 1;
    }
    if tokens.get(i).map(String::as_str) == Some(sub) {
        ignored.push(IgnoredToken {
            position: i,
            token: sub.into(),
            why: "subcommand".into(),
        });
        i += 1;
    }
    let mut positional = 0;
    let mut only_positional = false;
    while let Some(tok) = tokens.get(i) {
        let pos = i;
        i += 1;
        if only_positional || !tok.starts_with('-') || tok == "-" {
            positional += 1;
            match dialect {
                FlagDialect::Borg if positional == 1 => {
                    ignored.push(IgnoredToken {
                        position: pos,
                        token: tok.clone(),
                        why: "repository".into(),
                    });
                }
                FlagDialect::Borg => issues.push(Issue::error(
                    "unexpected_argument",
                    format!("/{pos}"),
                    format!("unexpected argument {tok:?}: borg prune takes one repository"),
                )),
                FlagDialect::Restic => issues.push(
                    Issue::error(
                        "unexpected_argument",
                        format!("/{pos}"),
                        format!("unexpected argument {tok:?}: snapshot IDs are not a policy"),
                    )
                    .with_hint(
                        "restic forget ID… forgets those snapshots regardless of any policy",
                    ),
                ),
            }
            continue;
        }
        if tok == "--" {
            only_positional = true;
            continue;
        }
        // Split --flag=value and -d7.
        let (name, inline): (String, Option<String>) = if let Some(rest) = tok.strip_prefix("--") {
            match rest.split_once('=') {
                Some((n, v)) => (format!("--{n}"), Some(v.to_owned())),
                None => (tok.clone(), None),
            }
        } else {
            let mut cs = tok.chars();
            cs.next();
            match cs.next() {
                Some(c) => {
                    let rest: String = cs.collect();
                    let rest = if dialect == FlagDialect::Restic {
                        rest.strip_prefix('=').map(str::to_owned).unwrap_or(rest)
                    } else {
                        rest
                    };
                    (
                        format!("-{c}"),
                        if rest.is_empty() { None } else { Some(rest) },
                    )
                }
                None => (tok.clone(), None),
            }
        };
        let target = match dialect {
            FlagDialect::Restic => restic_flag(&name),
            FlagDialect::Borg => borg_flag(&name),
        };
        let Some(target) = target else {
            let hint = match dialect {
                FlagDialect::Restic
                    if matches!(name.as_str(), "--keep-secondly" | "--keep-minutely") =>
                {
                    Some("restic has no sub-hour rules; use the borg dialect")
                }
                FlagDialect::Borg if name.starts_with("--keep-within-") || name == "--keep-tag" => {
                    Some("that is a restic flag")
                }
                FlagDialect::Borg if name == "-l" => Some("borg has no -l; use --keep-last"),
                _ => None,
            };
            let mut issue = Issue::error(
                "unknown_flag",
                format!("/{pos}"),
                format!("unknown flag {name:?} for {prog} {sub}"),
            );
            if let Some(h) = hint {
                issue = issue.with_hint(h);
            }
            issues.push(issue);
            continue;
        };
        let needs_value = !matches!(target, Target::IgnoredBool);
        if !needs_value {
            if inline.is_some() {
                issues.push(Issue::error(
                    "invalid_value",
                    format!("/{pos}"),
                    format!("flag {name} takes no value"),
                ));
            } else {
                ignored.push(IgnoredToken {
                    position: pos,
                    token: tok.clone(),
                    why: "not a retention rule".into(),
                });
            }
            continue;
        }
        let (value, vpos) = match inline {
            Some(v) => (v, pos),
            None => match tokens.get(i) {
                Some(v) => {
                    i += 1;
                    (v.clone(), pos + 1)
                }
                None => {
                    issues.push(Issue::error(
                        "missing_value",
                        format!("/{pos}"),
                        format!("flag {name} needs a value"),
                    ));
                    continue;
                }
            },
        };
        match target {
            Target::Count(field) => match parse_count(dialect, &value) {
                Ok(v) => set_count(&mut policy, field, v),
                Err(e) => issues.push(Issue::error(
                    code_of(&e),
                    format!("/{vpos}"),
                    format!("{name}: {e}"),
                )),
            },
            Target::Within(field) => {
                let check = match dialect {
                    FlagDialect::Restic => ResticDuration::parse(&value).map(|_| ()),
                    FlagDialect::Borg => parse_borg_interval(&value).map(|_| ()),
                };
                match check {
                    Ok(()) => set_within(&mut policy, field, value),
                    Err(e) => issues.push(Issue::error(
                        code_of(&e),
                        format!("/{vpos}"),
                        format!("{name}: {e}"),
                    )),
                }
            }
            Target::Tag => {
                // restic SplitTagList: split at commas, trim each tag (empty tags kept).
                let list: Vec<String> = value.split(',').map(|t| t.trim().to_owned()).collect();
                policy.keep_tag.get_or_insert_with(Vec::new).push(list);
            }
            Target::IgnoredWithValue => {
                ignored.push(IgnoredToken {
                    position: pos,
                    token: tok.clone(),
                    why: format!("not a retention rule (value {value:?})"),
                });
            }
            Target::IgnoredBool => {}
        }
    }
    let issues: Vec<Issue> = issues.into_iter().map(|i| i.in_input("text")).collect();
    if issues.iter().any(Issue::is_error) {
        return Err(Error::invalid(issues));
    }
    let mut notes = issues;
    if dialect == FlagDialect::Borg && policy.keep_last.is_some() && policy.keep_secondly.is_some()
    {
        // argparse: both write `secondly`; the later flag wins.
        let last_pos = tokens.iter().rposition(|t| t.starts_with("--keep-last"));
        let sec_pos = tokens
            .iter()
            .rposition(|t| t.starts_with("--keep-secondly"));
        if last_pos > sec_pos {
            policy.keep_secondly = None;
        } else {
            policy.keep_last = None;
        }
        notes.push(
            Issue::info(
                "alias_overridden",
                "",
                "--keep-last and --keep-secondly are one borg option; the later one wins",
            )
            .in_input("text"),
        );
    }
    Ok(ParsedFlags {
        dialect,
        policy,
        tokens,
        ignored,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_at(text: &str, d: FlagDialect) -> Option<(String, String)> {
        parse_retention_flags(text, d)
            .err()
            .and_then(|e| e.issues.first().map(|i| (i.code.clone(), i.path.clone())))
    }

    #[test]
    fn restic_forms() {
        let p = parse_retention_flags("restic forget --keep-daily 7 --keep-weekly=4 -m12 -y=2 --keep-within 2d --keep-tag a,b --keep-tag '' --dry-run", FlagDialect::Restic)
            .map(|o| o.policy)
            .ok();
        let p = p.unwrap_or_default();
        assert_eq!(p.keep_daily, Some(KeepCount::N(7)));
        assert_eq!(p.keep_weekly, Some(KeepCount::N(4)));
        assert_eq!(p.keep_monthly, Some(KeepCount::N(12)));
        assert_eq!(p.keep_yearly, Some(KeepCount::N(2)));
        assert_eq!(p.keep_within.as_deref(), Some("2d"));
        assert_eq!(
            p.keep_tag,
            Some(vec![
                vec!["a".to_owned(), "b".to_owned()],
                vec![String::new()]
            ])
        );
        let p = parse_retention_flags("--keep-daily unlimited --keep-daily 3", FlagDialect::Restic)
            .map(|o| o.policy.keep_daily);
        assert_eq!(
            p.ok().flatten(),
            Some(KeepCount::N(3)),
            "a repeated flag overrides"
        );
    }

    #[test]
    fn borg_forms() {
        let o = parse_retention_flags("borg prune -v --list -d 7 --keep-weekly=4 -m6 --keep-within 36H --keep-last -1 /srv/repo", FlagDialect::Borg).ok();
        let p = o.as_ref().map(|o| o.policy.clone()).unwrap_or_default();
        assert_eq!(p.keep_daily, Some(KeepCount::N(7)));
        assert_eq!(p.keep_weekly, Some(KeepCount::N(4)));
        assert_eq!(p.keep_monthly, Some(KeepCount::N(6)));
        assert_eq!(p.keep_last, Some(KeepCount::N(-1)));
        assert_eq!(p.keep_within.as_deref(), Some("36H"));
        assert_eq!(
            o.map(|o| o.ignored.iter().any(|t| t.why == "repository")),
            Some(true)
        );
    }

    #[test]
    fn errors_point_at_tokens() {
        assert_eq!(
            err_at("--keep-daily 7 --keep-hourly x", FlagDialect::Restic),
            Some(("invalid_value".into(), "/3".into()))
        );
        assert_eq!(
            err_at("--keep-daily 7 --keep-fortnightly 2", FlagDialect::Restic),
            Some(("unknown_flag".into(), "/2".into()))
        );
        assert_eq!(
            err_at("--keep-within 2w", FlagDialect::Restic),
            Some(("invalid_unit".into(), "/1".into()))
        );
        assert_eq!(
            err_at("--keep-within=2h", FlagDialect::Borg),
            Some(("invalid_unit".into(), "/0".into()))
        );
        assert_eq!(
            err_at("--keep-daily", FlagDialect::Borg),
            Some(("missing_value".into(), "/0".into()))
        );
        assert_eq!(
            err_at("-d unlimited", FlagDialect::Borg),
            Some(("invalid_value".into(), "/1".into()))
        );
        assert_eq!(
            err_at("--keep-daily 99999999999", FlagDialect::Restic),
            Some(("out_of_range".into(), "/1".into()))
        );
        assert_eq!(
            err_at("--keep-daily 'unterminated", FlagDialect::Restic),
            Some(("invalid_value".into(), "".into()))
        );
        assert_eq!(
            err_at("--keep-daily 1 abc123", FlagDialect::Restic),
            Some(("unexpected_argument".into(), "/2".into()))
        );
    }
}
