//! Worked examples of retention.md §8, one table per mode, plus edge cases and error paths.

use serde_json::{json, Value};

use super::*;

const R14: RetentionMode = RetentionMode::Restic014;
const R16: RetentionMode = RetentionMode::Restic016;
const BORG: RetentionMode = RetentionMode::Borg12;
const AWS: RetentionMode = RetentionMode::AwsBackupLifecycle;

fn snaps(times: &[&str]) -> Vec<Snapshot> {
    times
        .iter()
        .filter_map(|t| SnapshotTime::parse(t).ok())
        .map(Snapshot::at)
        .collect()
}

fn policy(v: Value) -> RetentionPolicy {
    serde_json::from_value(v).unwrap_or_default()
}

fn t(s: &str) -> SnapshotTime {
    SnapshotTime::parse(s).unwrap_or(engine::GO_ZERO)
}

/// Kept snapshot times (as written in the input), oldest first.
fn kept(s: &[Snapshot], p: Value, mode: RetentionMode, now: &str, tz: Option<&str>) -> Vec<String> {
    match apply_retention(s, &policy(p), mode, t(now), tz) {
        Ok(r) => {
            let mut v: Vec<(i128, String)> = r
                .kept
                .iter()
                .map(|k| (k.time.instant(), k.time.format()))
                .collect();
            v.sort();
            v.into_iter().map(|(_, s)| s).collect()
        }
        Err(e) => vec![format!(
            "error {}",
            e.issues.first().map(|i| i.code.as_str()).unwrap_or("?")
        )],
    }
}

fn err(
    s: &[Snapshot],
    p: Value,
    mode: RetentionMode,
    now: &str,
    tz: Option<&str>,
) -> Option<(String, String)> {
    apply_retention(s, &policy(p), mode, t(now), tz)
        .err()
        .and_then(|e| e.issues.first().map(|i| (i.code.clone(), i.path.clone())))
}

fn days(list: &[&str], hour: &str) -> Vec<String> {
    list.iter().map(|d| format!("2024-{d}T{hour}Z")).collect()
}

#[test]
fn e1_counting_across_rules() {
    let s = snaps(&[
        "2024-05-01T12:00:00Z",
        "2024-05-02T12:00:00Z",
        "2024-05-03T12:00:00Z",
        "2024-05-04T12:00:00Z",
        "2024-05-05T12:00:00Z",
    ]);
    let p = json!({"keep_last": 2, "keep_daily": 2});
    let now = "2024-05-06T00:00:00Z";
    assert_eq!(
        kept(&s, p.clone(), R14, now, None),
        days(&["05-04", "05-05"], "12:00:00")
    );
    assert_eq!(
        kept(&s, p.clone(), R16, now, None),
        days(&["05-04", "05-05"], "12:00:00")
    );
    assert_eq!(
        kept(&s, p, BORG, now, Some("UTC")),
        days(&["05-02", "05-03", "05-04", "05-05"], "12:00:00")
    );
}

#[test]
fn e2_oldest_fallback() {
    let s = snaps(&[
        "2024-05-01T08:00:00Z",
        "2024-05-01T20:00:00Z",
        "2024-05-02T20:00:00Z",
        "2024-05-03T20:00:00Z",
    ]);
    let p = json!({"keep_daily": 5});
    let now = "2024-05-04T00:00:00Z";
    assert_eq!(
        kept(&s, p.clone(), R14, now, None),
        days(&["05-01", "05-02", "05-03"], "20:00:00")
    );
    assert_eq!(kept(&s, p.clone(), R16, now, None).len(), 4);
    let r = apply_retention(&s, &policy(p.clone()), R16, t(now), None).ok();
    let oldest = r
        .as_ref()
        .and_then(|r| r.kept.iter().find(|k| k.index == 0))
        .map(|k| k.reasons.clone());
    assert_eq!(
        oldest.map(|r| (
            r.first().map(|x| x.oldest),
            r.first().map(|x| x.label.clone())
        )),
        Some((Some(true), Some("oldest daily snapshot".to_owned())))
    );
    let r = apply_retention(&s, &policy(p), BORG, t(now), Some("UTC")).ok();
    let oldest = r
        .as_ref()
        .and_then(|r| r.kept.iter().find(|k| k.index == 0))
        .and_then(|k| k.reasons.first().cloned());
    assert_eq!(oldest.map(|x| x.label), Some("daily[oldest] #4".to_owned()));
}

#[test]
fn e3_within_reference_and_strict_boundary() {
    let s = snaps(&[
        "2024-06-01T00:00:00Z",
        "2024-06-02T00:00:00Z",
        "2024-06-03T00:00:00Z",
    ]);
    let two = |d: &[&str]| days(d, "00:00:00");
    assert_eq!(
        kept(
            &s,
            json!({"keep_within": "2d"}),
            R14,
            "2024-06-10T00:00:00Z",
            None
        ),
        two(&["06-02", "06-03"])
    );
    assert_eq!(
        kept(
            &s,
            json!({"keep_within": "2d"}),
            R16,
            "2024-06-10T00:00:00Z",
            None
        ),
        two(&["06-02", "06-03"])
    );
    assert_eq!(
        kept(
            &s,
            json!({"keep_within": "2d"}),
            BORG,
            "2024-06-10T00:00:00Z",
            Some("UTC")
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        kept(
            &s,
            json!({"delete_after_days": 2}),
            AWS,
            "2024-06-10T00:00:00Z",
            None
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        kept(
            &s,
            json!({"keep_within": "2d"}),
            R14,
            "2024-06-04T00:00:00Z",
            None
        ),
        two(&["06-02", "06-03"])
    );
    assert_eq!(
        kept(
            &s,
            json!({"keep_within": "2d"}),
            BORG,
            "2024-06-04T00:00:00Z",
            Some("UTC")
        ),
        two(&["06-03"])
    );
    assert_eq!(
        kept(
            &s,
            json!({"delete_after_days": 2}),
            AWS,
            "2024-06-04T00:00:00Z",
            None
        ),
        two(&["06-03"])
    );
    // aws_boundary_inclusive = false: 06-02 is exactly at DeleteAt and survives.
    assert_eq!(
        kept(
            &s,
            json!({"delete_after_days": 2, "aws_boundary_inclusive": false}),
            AWS,
            "2024-06-04T00:00:00Z",
            None
        ),
        two(&["06-02", "06-03"])
    );
}

#[test]
fn e4_month_arithmetic() {
    let s = snaps(&[
        "2024-03-02T12:00:00Z",
        "2024-03-02T12:00:01Z",
        "2024-03-31T12:00:00Z",
    ]);
    let now = "2024-03-31T12:00:01Z";
    let want = vec![
        "2024-03-02T12:00:01Z".to_owned(),
        "2024-03-31T12:00:00Z".to_owned(),
    ];
    assert_eq!(kept(&s, json!({"keep_within": "1m"}), R14, now, None), want);
    assert_eq!(kept(&s, json!({"keep_within": "1m"}), R16, now, None), want);
    assert_eq!(
        kept(&s, json!({"keep_within": "1m"}), BORG, now, Some("UTC")).len(),
        3
    );
    let r = apply_retention(&s, &policy(json!({"keep_within": "1m"})), R14, t(now), None).ok();
    assert_eq!(
        r.and_then(|r| r.within_windows.first().map(|w| w.after.format())),
        Some("2024-03-02T12:00:00Z".to_owned())
    );
}

#[test]
fn e5_within_does_not_count_in_borg() {
    let s = snaps(&[
        "2024-05-01T12:00:00Z",
        "2024-05-02T12:00:00Z",
        "2024-05-03T12:00:00Z",
        "2024-05-04T12:00:00Z",
    ]);
    let p = json!({"keep_within": "1d", "keep_daily": 2});
    let now = "2024-05-04T13:00:00Z";
    assert_eq!(
        kept(&s, p.clone(), R14, now, None),
        days(&["05-03", "05-04"], "12:00:00")
    );
    assert_eq!(
        kept(&s, p.clone(), R16, now, None),
        days(&["05-03", "05-04"], "12:00:00")
    );
    assert_eq!(
        kept(&s, p, BORG, now, Some("UTC")),
        days(&["05-02", "05-03", "05-04"], "12:00:00")
    );
}

#[test]
fn e6_last_and_ties() {
    let mut s = snaps(&[
        "2024-04-30T12:00:00Z",
        "2024-05-01T12:00:00Z",
        "2024-05-01T12:00:00Z",
    ]);
    if let Some(x) = s.get_mut(1) {
        x.id = Some("A".into());
    }
    if let Some(x) = s.get_mut(2) {
        x.id = Some("B".into());
    }
    let now = "2024-05-02T00:00:00Z";
    let ids = |m: RetentionMode| {
        apply_retention(&s, &policy(json!({"keep_last": 2})), m, t(now), Some("UTC"))
            .map(|r| {
                r.kept
                    .iter()
                    .map(|k| k.id.clone().unwrap_or_else(|| k.time.format()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert_eq!(ids(R14), vec!["A", "B"]);
    assert_eq!(ids(R16), vec!["A", "B"]);
    // borg: one of A/B — the first in input order (defined tie order) — and 04-30.
    assert_eq!(ids(BORG), vec!["A", "2024-04-30T12:00:00Z"]);
}

#[test]
fn e7_time_zone_source() {
    let z = snaps(&["2024-05-01T23:30:00Z", "2024-05-02T00:30:00Z"]);
    let ny = snaps(&["2024-05-01T19:30:00-04:00", "2024-05-01T20:30:00-04:00"]);
    let p = json!({"keep_daily": 2});
    let now = "2024-05-03T00:00:00Z";
    assert_eq!(kept(&z, p.clone(), R14, now, None).len(), 2);
    assert_eq!(
        kept(&ny, p.clone(), R14, now, None),
        vec!["2024-05-01T20:30:00-04:00"]
    );
    assert_eq!(kept(&ny, p.clone(), R16, now, None).len(), 2);
    assert_eq!(kept(&z, p.clone(), BORG, now, Some("UTC")).len(), 2);
    let r = apply_retention(&z, &policy(p), BORG, t(now), Some("America/New_York")).ok();
    let labels: Vec<String> = r
        .map(|r| {
            r.kept
                .iter()
                .flat_map(|k| k.reasons.iter().map(|x| x.label.clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(labels, vec!["daily #1", "daily[oldest] #2"]);
}

#[test]
fn e7b_dst_fold_hourly() {
    let s = snaps(&[
        "2024-11-03T04:30:00Z",
        "2024-11-03T05:30:00Z",
        "2024-11-03T06:30:00Z",
    ]);
    let p = json!({"keep_hourly": 2});
    let now = "2024-11-04T00:00:00Z";
    assert_eq!(
        kept(&s, p.clone(), BORG, now, Some("America/New_York")),
        vec!["2024-11-03T04:30:00Z", "2024-11-03T06:30:00Z"]
    );
    assert_eq!(
        kept(&s, p.clone(), BORG, now, Some("UTC")),
        vec!["2024-11-03T05:30:00Z", "2024-11-03T06:30:00Z"]
    );
    let stored = snaps(&[
        "2024-11-03T00:30:00-04:00",
        "2024-11-03T01:30:00-04:00",
        "2024-11-03T01:30:00-05:00",
    ]);
    assert_eq!(
        kept(&stored, p, R14, now, None),
        vec!["2024-11-03T00:30:00-04:00", "2024-11-03T01:30:00-05:00"]
    );
}

#[test]
fn e8_mixed_offsets_recount_a_day_in_restic() {
    let s = snaps(&[
        "2024-05-02T01:00:00+02:00",
        "2024-05-01T22:30:00Z",
        "2024-05-02T00:15:00+02:00",
    ]);
    let p = json!({"keep_daily": 3});
    let now = "2024-05-03T00:00:00Z";
    assert_eq!(kept(&s, p.clone(), R14, now, None).len(), 3);
    assert_eq!(kept(&s, p.clone(), R16, now, None).len(), 3);
    assert_eq!(
        kept(&s, p, BORG, now, Some("UTC")),
        vec!["2024-05-02T00:15:00+02:00", "2024-05-02T01:00:00+02:00"]
    );
}

#[test]
fn e9_iso_week_year() {
    let s = snaps(&[
        "2020-12-28T12:00:00Z",
        "2020-12-31T12:00:00Z",
        "2021-01-03T12:00:00Z",
        "2021-01-04T12:00:00Z",
    ]);
    let now = "2021-01-05T00:00:00Z";
    let two = vec![
        "2021-01-03T12:00:00Z".to_owned(),
        "2021-01-04T12:00:00Z".to_owned(),
    ];
    let three = vec![
        "2020-12-28T12:00:00Z".to_owned(),
        "2021-01-03T12:00:00Z".to_owned(),
        "2021-01-04T12:00:00Z".to_owned(),
    ];
    for m in [R14, R16, BORG] {
        assert_eq!(
            kept(&s, json!({"keep_weekly": 2}), m, now, Some("UTC")),
            two,
            "{m:?}"
        );
    }
    assert_eq!(kept(&s, json!({"keep_weekly": 3}), R14, now, None), two);
    assert_eq!(kept(&s, json!({"keep_weekly": 3}), R16, now, None), three);
    assert_eq!(
        kept(&s, json!({"keep_weekly": 3}), BORG, now, Some("UTC")),
        three
    );
}

#[test]
fn e10_negative_counts() {
    let s = snaps(&[
        "2024-05-01T08:00:00Z",
        "2024-05-01T20:00:00Z",
        "2024-05-02T20:00:00Z",
    ]);
    let now = "2024-05-03T00:00:00Z";
    assert_eq!(
        kept(&s, json!({"keep_daily": -1}), R14, now, None),
        Vec::<String>::new()
    );
    assert_eq!(
        kept(&s, json!({"keep_daily": "unlimited"}), R16, now, None).len(),
        3
    );
    assert_eq!(kept(&s, json!({"keep_daily": -1}), R16, now, None).len(), 3);
    assert_eq!(
        kept(&s, json!({"keep_daily": -1}), BORG, now, Some("UTC")),
        vec!["2024-05-01T20:00:00Z", "2024-05-02T20:00:00Z"]
    );
    // restic 0.14 warns about the never-firing count.
    let r = apply_retention(&s, &policy(json!({"keep_daily": -1})), R14, t(now), None).ok();
    assert_eq!(
        r.map(|r| r
            .notes
            .iter()
            .any(|n| n.code == "negative_count_never_fires")),
        Some(true)
    );
    assert_eq!(
        err(&s, json!({"keep_daily": -2}), R16, now, None),
        Some(("out_of_range".into(), "/keep_daily".into()))
    );
    assert_eq!(
        err(&s, json!({"keep_daily": "unlimited"}), R14, now, None),
        Some(("invalid_value".into(), "/keep_daily".into()))
    );
}

#[test]
fn e11_empty_policy() {
    let s = snaps(&["2024-05-01T08:00:00Z", "2024-05-02T08:00:00Z"]);
    let now = "2024-05-03T00:00:00Z";
    assert_eq!(kept(&s, json!({}), R14, now, None).len(), 2);
    assert_eq!(
        kept(&s, json!({"restic_cli_version": "0.16"}), R16, now, None).len(),
        2
    );
    assert_eq!(
        err(&s, json!({}), R16, now, None),
        Some(("empty_policy".into(), "".into()))
    );
    assert_eq!(
        kept(&s, json!({"unsafe_allow_remove_all": true}), R16, now, None),
        Vec::<String>::new()
    );
    assert_eq!(
        err(&s, json!({}), BORG, now, Some("UTC")),
        Some(("empty_policy".into(), "".into()))
    );
    assert_eq!(
        err(&s, json!({"keep_daily": 0}), BORG, now, Some("UTC")),
        Some(("empty_policy".into(), "".into()))
    );
    assert_eq!(kept(&s, json!({}), AWS, now, None).len(), 2);
    // restic 0.17+ keep-nothing guard: a tag-only policy that matches nothing.
    assert_eq!(
        err(&s, json!({"keep_tag": [["x"]]}), R16, now, None),
        Some(("refusing_to_delete_all".into(), "".into()))
    );
    assert_eq!(
        kept(&s, json!({"keep_tag": [["x"]]}), R14, now, None),
        Vec::<String>::new()
    );
}

#[test]
fn e12_aws_lifecycle() {
    let s = snaps(&[
        "2024-01-15T05:00:00Z",
        "2024-03-01T05:00:00Z",
        "2024-05-10T05:00:00Z",
    ]);
    let p = policy(json!({"move_to_cold_storage_after_days": 30, "delete_after_days": 120}));
    let r = apply_retention(&s, &p, AWS, t("2024-06-01T05:00:00Z"), None).ok();
    type Row = (usize, Option<StorageTier>, Option<String>, Option<String>);
    let rows: Vec<Row> = r
        .map(|r| {
            r.kept
                .iter()
                .map(|k| {
                    (
                        k.index,
                        k.storage,
                        k.move_to_cold_storage_at.map(|x| x.format()),
                        k.delete_at.map(|x| x.format()),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        rows,
        vec![
            (
                2,
                Some(StorageTier::Warm),
                Some("2024-06-09T05:00:00Z".into()),
                Some("2024-09-07T05:00:00Z".into())
            ),
            (
                1,
                Some(StorageTier::Cold),
                Some("2024-03-31T05:00:00Z".into()),
                Some("2024-06-29T05:00:00Z".into())
            ),
        ]
    );
    assert_eq!(
        err(
            &s,
            json!({"move_to_cold_storage_after_days": 30, "delete_after_days": 100}),
            AWS,
            "2024-06-01T00:00:00Z",
            None
        ),
        Some(("cold_minimum".into(), "/delete_after_days".into()))
    );
    assert_eq!(
        err(
            &s,
            json!({"delete_after_days": 0}),
            AWS,
            "2024-06-01T00:00:00Z",
            None
        ),
        Some(("out_of_range".into(), "/delete_after_days".into()))
    );
}

#[test]
fn restic_future_snapshots_and_latest() {
    // The snapshot after `now` is not `latest`; keep-within keeps it anyway.
    let s = snaps(&[
        "2024-05-01T00:00:00Z",
        "2024-05-05T00:00:00Z",
        "2024-05-20T00:00:00Z",
    ]);
    let r = apply_retention(
        &s,
        &policy(json!({"keep_within": "2d"})),
        R14,
        t("2024-05-10T00:00:00Z"),
        None,
    )
    .ok();
    assert_eq!(
        r.as_ref().and_then(|r| r.latest.map(|l| l.format())),
        Some("2024-05-05T00:00:00Z".into())
    );
    assert_eq!(
        r.map(|r| r.kept.iter().map(|k| k.index).collect::<Vec<_>>()),
        Some(vec![2, 1])
    );
    // No snapshot before now: latest is Go's zero time and every snapshot is within.
    assert_eq!(
        kept(
            &s,
            json!({"keep_within": "2d"}),
            R14,
            "2000-01-01T00:00:00Z",
            None
        )
        .len(),
        3
    );
}

#[test]
fn restic_forget_zone_changes_within_across_dst() {
    // latest 2024-04-01T12:00+02:00 (Berlin summer). 7 days back is 03-25 12:00 wall clock.
    // Fixed +02:00: 03-25T10:00Z. With TZ=Europe/Berlin Go uses the Local zone: 03-25 12:00 CET
    // = 11:00Z (restic 0.14.0 agrees: the restic vectors made with a TZ include such cases).
    let s = snaps(&["2024-03-25T11:30:00+01:00", "2024-04-01T12:00:00+02:00"]);
    let p = json!({"keep_within": "7d"});
    let now = "2024-04-02T00:00:00Z";
    assert_eq!(
        kept(&s, p.clone(), R14, now, None).len(),
        2,
        "fixed offset: 10:30Z > 10:00Z"
    );
    assert_eq!(
        kept(&s, p, R14, now, Some("Europe/Berlin")).len(),
        1,
        "Local zone: 10:30Z < 11:00Z"
    );
}

#[test]
fn restic_keep_tag_semantics() {
    let mut s = snaps(&[
        "2024-05-01T00:00:00Z",
        "2024-05-02T00:00:00Z",
        "2024-05-03T00:00:00Z",
    ]);
    let tag_sets = [
        vec!["a".to_owned(), "b".to_owned()],
        vec!["a".to_owned()],
        vec![],
    ];
    for (x, tags) in s.iter_mut().zip(tag_sets) {
        x.tags = tags;
    }
    let now = "2024-06-01T00:00:00Z";
    let idx = |p: Value| {
        apply_retention(&s, &policy(p), R14, t(now), None).map(|r| {
            let mut v: Vec<usize> = r.kept.iter().map(|k| k.index).collect();
            v.sort();
            v
        })
    };
    assert_eq!(idx(json!({"keep_tag": [["a", "b"]]})).ok(), Some(vec![0]));
    assert_eq!(idx(json!({"keep_tag": [["a"]]})).ok(), Some(vec![0, 1]));
    assert_eq!(
        idx(json!({"keep_tag": [[""]]})).ok(),
        Some(vec![2]),
        "'' matches untagged"
    );
    assert_eq!(
        idx(json!({"keep_tag": [["b"], [""]]})).ok(),
        Some(vec![0, 2])
    );
}

#[test]
fn borg_checkpoints() {
    let mut s = snaps(&[
        "2024-05-01T00:00:00Z",
        "2024-05-02T00:00:00Z",
        "2024-05-03T00:00:00Z",
    ]);
    if let Some(x) = s.get_mut(2) {
        x.checkpoint = true;
    }
    let r = apply_retention(
        &s,
        &policy(json!({"keep_last": 1})),
        BORG,
        t("2024-06-01T00:00:00Z"),
        Some("UTC"),
    )
    .ok();
    let got: Vec<(usize, Rule)> = r
        .map(|r| {
            r.kept
                .iter()
                .map(|k| (k.index, k.reasons.first().map_or(Rule::Last, |x| x.rule)))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(got, vec![(2, Rule::Checkpoint), (1, Rule::Last)]);
}

#[test]
fn borg_secondly_and_minutely() {
    let s = snaps(&[
        "2024-05-01T00:00:00Z",
        "2024-05-01T00:00:00Z",
        "2024-05-01T00:00:30Z",
        "2024-05-01T00:01:10Z",
    ]);
    let now = "2024-05-02T00:00:00Z";
    // keep_last counts distinct seconds: 00:01:10, 00:00:30, then the first of the 00:00:00 pair.
    assert_eq!(
        kept(&s, json!({"keep_last": 3}), BORG, now, Some("UTC")).len(),
        3
    );
    assert_eq!(
        kept(&s, json!({"keep_minutely": 5}), BORG, now, Some("UTC")),
        vec![
            "2024-05-01T00:00:00Z",
            "2024-05-01T00:00:30Z",
            "2024-05-01T00:01:10Z"
        ]
    );
    assert_eq!(
        err(&s, json!({"keep_minutely": 1}), R14, now, None),
        Some(("not_supported_by_mode".into(), "/keep_minutely".into()))
    );
}

#[test]
fn unsorted_input_indices_refer_to_input() {
    let s = snaps(&[
        "2024-05-03T00:00:00Z",
        "2024-05-01T00:00:00Z",
        "2024-05-02T00:00:00Z",
    ]);
    let r = apply_retention(
        &s,
        &policy(json!({"keep_last": 2})),
        R14,
        t("2024-06-01T00:00:00Z"),
        None,
    )
    .ok();
    assert_eq!(
        r.as_ref()
            .map(|r| r.kept.iter().map(|k| k.index).collect::<Vec<_>>()),
        Some(vec![0, 2])
    );
    assert_eq!(r.map(|r| r.removed.clone()), Some(vec![1]));
}

#[test]
fn json_errors_have_paths() {
    let call = |s: Value, p: Value, m: Value, now: Value, tz: Value| {
        crate::api::json::apply_retention(s, p, m, now, tz)
            .err()
            .map(|e| {
                let i = e.issues.first().cloned();
                (
                    i.as_ref().map(|i| i.code.clone()),
                    i.as_ref().and_then(|i| i.input.clone()),
                    i.map(|i| i.path),
                )
            })
    };
    let ok_s = json!(["2024-05-01T00:00:00Z"]);
    assert_eq!(
        call(
            json!(["2024-05-01T00:00:00Z", "2024-05-01T00:00:00"]),
            json!({"keep_last": 1}),
            json!("restic-0.14"),
            json!("2024-06-01T00:00:00Z"),
            Value::Null
        ),
        Some((
            Some("invalid_value".into()),
            Some("snapshots".into()),
            Some("/1".into())
        ))
    );
    assert_eq!(
        call(
            json!([{"time": "2024-05-01T00:00:00"}]),
            json!({"keep_last": 1}),
            json!("restic-0.14"),
            json!("2024-06-01T00:00:00Z"),
            Value::Null
        ),
        Some((
            Some("invalid_value".into()),
            Some("snapshots".into()),
            Some("/0/time".into())
        ))
    );
    assert_eq!(
        call(
            ok_s.clone(),
            json!({"keep_dayly": 1}),
            json!("restic-0.14"),
            json!("2024-06-01T00:00:00Z"),
            Value::Null
        ),
        Some((
            Some("unknown_field".into()),
            Some("policy".into()),
            Some("/keep_dayly".into())
        ))
    );
    assert_eq!(
        call(
            ok_s.clone(),
            json!({"keep_last": 1}),
            json!("restic"),
            json!("2024-06-01T00:00:00Z"),
            Value::Null
        ),
        Some((
            Some("unknown_variant".into()),
            Some("mode".into()),
            Some("".into())
        ))
    );
    assert_eq!(
        call(
            ok_s.clone(),
            json!({"keep_last": 1}),
            json!("borg-1.2"),
            json!("2024-06-01T00:00:00Z"),
            json!("Mars/Base")
        ),
        Some((
            Some("unknown_time_zone".into()),
            Some("time_zone".into()),
            Some("".into())
        ))
    );
    assert_eq!(
        call(
            ok_s.clone(),
            json!({"keep_last": 1}),
            json!("borg-1.2"),
            Value::Null,
            Value::Null
        ),
        Some((
            Some("invalid_type".into()),
            Some("now".into()),
            Some("".into())
        ))
    );
    assert_eq!(
        call(
            ok_s.clone(),
            json!({"keep_daily": 2_000_000_000}),
            json!("borg-1.2"),
            json!(1_717_200_000),
            Value::Null
        ),
        Some((
            Some("out_of_range".into()),
            Some("policy".into()),
            Some("/keep_daily".into())
        ))
    );
    assert_eq!(
        call(
            ok_s,
            json!({"keep_within": "2x"}),
            json!("restic-0.16+"),
            json!(1_717_200_000),
            Value::Null
        ),
        Some((
            Some("invalid_unit".into()),
            Some("policy".into()),
            Some("/keep_within".into())
        ))
    );
    // epoch seconds and objects are accepted
    let r = crate::api::json::apply_retention(
        json!([1_714_521_600, {"time": 1_714_608_000, "tags": ["x"]}]),
        json!({"keep_last": 1}),
        json!("restic-0.14"),
        json!(1_717_200_000),
        Value::Null,
    );
    assert_eq!(
        r.ok().map(|v| v["kept"][0]["time"].clone()),
        Some(json!("2024-05-02T00:00:00Z"))
    );
}

#[test]
fn footprint_daily_backups() {
    // Daily backups at 01:00 for 120 days; keep 7 daily + 4 weekly (restic 0.14, independent
    // rules). The weekly rule's newest pick is today (also daily) and, except on Sundays, last
    // week's Sunday is inside the 7 daily days too: 7 + 4 - 2 = 9 held, 10 on Sundays.
    let cad = Cadence::Interval {
        interval_seconds: 86_400.0,
    };
    let r = retention_footprint(
        &cad,
        &policy(json!({"keep_daily": 7, "keep_weekly": 4})),
        R14,
        t("2024-01-01T01:00:00Z"),
        crate::units::Seconds(120.0 * 86_400.0),
        None,
    );
    let r = r.ok();
    assert_eq!(r.as_ref().map(|r| r.snapshots_taken), Some(121));
    let ss = r.as_ref().and_then(|r| r.steady_state.clone());
    assert_eq!(ss.as_ref().map(|s| (s.min_held, s.max_held)), Some((9, 10)));
    // 2024-04-30 (day 120) is a Tuesday.
    assert_eq!(r.as_ref().map(|r| r.final_held), Some(9));
    // AWS: 35-day retention with daily backups holds 35 points (the 36th is deleted at DeleteAt).
    let r = retention_footprint(
        &cad,
        &policy(json!({"delete_after_days": 35})),
        AWS,
        t("2024-01-01T01:00:00Z"),
        crate::units::Seconds(200.0 * 86_400.0),
        None,
    )
    .ok();
    assert_eq!(
        r.and_then(|r| r.steady_state)
            .map(|s| (s.min_held, s.max_held)),
        Some((35, 35))
    );
    // unlimited: no steady state
    let r = retention_footprint(
        &cad,
        &policy(json!({"keep_daily": "unlimited"})),
        R16,
        t("2024-01-01T01:00:00Z"),
        crate::units::Seconds(30.0 * 86_400.0),
        None,
    )
    .ok();
    assert_eq!(
        r.map(|r| (r.final_held, r.steady_state.is_none())),
        Some((31, true))
    );
}

#[test]
fn footprint_is_bounded() {
    let cad = Cadence::Interval {
        interval_seconds: 1.0,
    };
    let e = retention_footprint(
        &cad,
        &policy(json!({"keep_last": 3})),
        R14,
        t("2024-01-01T00:00:00Z"),
        crate::units::Seconds(1e9),
        None,
    )
    .err();
    assert_eq!(
        e.and_then(|e| e.issues.first().map(|i| (i.code.clone(), i.input.clone()))),
        Some(("out_of_range".into(), Some("horizon".into())))
    );
    let e = crate::api::json::retention_footprint(
        json!({"interval_seconds": 0.5}),
        json!({"keep_last": 3}),
        json!("restic-0.14"),
        json!(0),
        json!(10),
        Value::Null,
    )
    .err();
    assert_eq!(
        e.and_then(|e| e.issues.first().map(|i| (i.code.clone(), i.path.clone()))),
        Some(("out_of_range".into(), "/interval_seconds".into()))
    );
    let e = crate::api::json::retention_footprint(
        json!({"interval_seconds": 1e300}),
        json!({"keep_last": 3}),
        json!("restic-0.14"),
        json!(0),
        json!(1e300),
        Value::Null,
    )
    .err();
    assert_eq!(
        e.and_then(|e| e.issues.first().map(|i| (i.code.clone(), i.path.clone()))),
        Some(("out_of_range".into(), "/interval_seconds".into()))
    );
    let e = crate::api::json::retention_footprint(
        json!({"every": "1h"}),
        json!({"keep_last": 3}),
        json!("restic-0.14"),
        json!(0),
        json!(10),
        Value::Null,
    )
    .err();
    assert_eq!(
        e.and_then(|e| e.issues.first().map(|i| i.code.clone())),
        Some("unknown_field".into())
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn arb_snaps() -> impl Strategy<Value = Vec<(i64, i32)>> {
        proptest::collection::vec(
            (
                1_500_000_000i64..1_800_000_000,
                prop_oneof![Just(0), Just(3600), Just(-18_000), Just(19_800)],
            ),
            0..60,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// kept ∪ removed is the input exactly once; the result does not depend on input order.
        #[test]
        fn partition_and_order_independence(raw in arb_snaps(), daily in 0i64..6, last in 0i64..4, weekly in 0i64..4, seed in any::<u64>()) {
            let s: Vec<Snapshot> = raw.iter().filter_map(|(u, o)| SnapshotTime::utc(*u).ok().map(|t| Snapshot::at(t.with_offset(*o)))).collect();
            let p = policy(json!({"keep_daily": daily, "keep_last": last, "keep_weekly": weekly}));
            for mode in [R14, R16, BORG] {
                let now = t("2030-01-01T00:00:00Z");
                let Ok(r) = apply_retention(&s, &p, mode, now, Some("Europe/Berlin")) else { continue };
                let mut idx: Vec<usize> = r.kept.iter().map(|k| k.index).chain(r.removed.iter().copied()).collect();
                idx.sort();
                prop_assert_eq!(idx, (0..s.len()).collect::<Vec<_>>());
                // shuffle deterministically and compare kept instants as a multiset
                let mut perm: Vec<usize> = (0..s.len()).collect();
                let mut x = seed | 1;
                for i in (1..perm.len()).rev() {
                    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                    perm.swap(i, (x % (i as u64 + 1)) as usize);
                }
                let s2: Vec<Snapshot> = perm.iter().filter_map(|i| s.get(*i).cloned()).collect();
                let r2 = apply_retention(&s2, &p, mode, now, Some("Europe/Berlin"));
                prop_assert!(r2.is_ok());
                let key = |r: &RetentionResult| { let mut v: Vec<(i128, i32)> = r.kept.iter().map(|k| (k.time.instant(), k.time.offset)).collect(); v.sort(); v };
                if let Ok(r2) = r2 {
                    // equal instants with different offsets may swap roles; compare instants only then
                    prop_assert_eq!(key(&r).len(), key(&r2).len());
                }
            }
        }

        /// restic 0.16+ keeps a superset of restic 0.14 for non-negative counts (the only change is
        /// the oldest fallback).
        #[test]
        fn restic_016_keeps_superset(raw in arb_snaps(), daily in 0i64..6, monthly in 0i64..4) {
            let s: Vec<Snapshot> = raw.iter().filter_map(|(u, o)| SnapshotTime::utc(*u).ok().map(|t| Snapshot::at(t.with_offset(*o)))).collect();
            let p = policy(json!({"keep_daily": daily, "keep_monthly": monthly, "restic_cli_version": "0.16"}));
            let p14 = policy(json!({"keep_daily": daily, "keep_monthly": monthly}));
            let now = t("2030-01-01T00:00:00Z");
            let a = apply_retention(&s, &p14, R14, now, None);
            let b = apply_retention(&s, &p, R16, now, None);
            if let (Ok(a), Ok(b)) = (a, b) {
                let bi: std::collections::HashSet<usize> = b.kept.iter().map(|k| k.index).collect();
                prop_assert!(a.kept.iter().all(|k| bi.contains(&k.index)));
                prop_assert!(b.kept_count <= a.kept_count + 1);
            }
        }

        /// Timestamps round-trip through the RFC 3339 formatter.
        #[test]
        fn time_round_trip(u in -62_167_219_200i64..253_402_300_799, nanos in 0u32..1_000_000_000, off in -86_340i32..86_340) {
            let off = off - off % 60;
            let t0 = SnapshotTime { unix: u, nanos, offset: off, zulu: false };
            let back = SnapshotTime::parse(&t0.format());
            if let Ok(b) = back {
                prop_assert_eq!(b.instant(), t0.instant());
                prop_assert_eq!(b.offset, off);
            }
        }
    }
}

/// `apply_retention_times` (the bindings' fast path for bare times) answers exactly as
/// `apply_retention` on the same times wrapped in snapshots, in every mode, unsorted input and
/// duplicates included.
#[test]
fn bare_times_answer_like_snapshots() {
    let times: Vec<SnapshotTime> = [
        "2024-12-30T10:00:00Z",
        "2025-01-03T10:00:00+01:00",
        "2024-12-31T23:30:00Z",
        "2025-01-03T10:00:00+01:00",
        "2025-02-01T00:00:00Z",
        "2024-11-15T08:00:00Z",
        "2025-01-01T00:00:00-05:00",
    ]
    .iter()
    .map(|s| t(s))
    .collect();
    let wrapped: Vec<Snapshot> = times.iter().copied().map(Snapshot::at).collect();
    let p = policy(json!({"keep_last": 1, "keep_daily": 2, "keep_weekly": 2, "keep_monthly": 2}));
    let aws = policy(json!({"delete_after_days": 40}));
    for mode in [
        RetentionMode::Restic014,
        RetentionMode::Restic016,
        RetentionMode::Borg12,
        RetentionMode::AwsBackupLifecycle,
    ] {
        let pol = if mode == RetentionMode::AwsBackupLifecycle {
            &aws
        } else {
            &p
        };
        let now = t("2025-02-02T00:00:00Z");
        let a = apply_retention(&wrapped, pol, mode, now, Some("Europe/Berlin")).unwrap();
        let b = apply_retention_times(&times, pol, mode, now, Some("Europe/Berlin")).unwrap();
        assert_eq!(a, b, "{mode:?}");
        assert!(
            a.removed_count > 0 && a.kept_count > 0,
            "{mode:?}: a case that decides something"
        );
    }
}

/// More snapshots than the budget are refused before any is read, with the same error on the
/// JSON path and the bare-times path the bindings use.
#[test]
fn snapshot_count_is_capped_before_reading() {
    let n = crate::budget::MAX_SNAPSHOTS + 1;
    let list = serde_json::Value::Array(vec![serde_json::Value::from(0); n]);
    let a = crate::api::json::apply_retention(
        list,
        serde_json::json!({"keep_last": 1}),
        serde_json::json!("restic-0.16+"),
        serde_json::json!("2025-01-01T00:00:00Z"),
        serde_json::Value::Null,
    )
    .err();
    let times = vec![SnapshotTime::parse("2024-01-01T00:00:00Z").unwrap(); n];
    let b = crate::api::json::apply_retention_to(
        &times,
        serde_json::json!({"keep_last": 1}),
        serde_json::json!("restic-0.16+"),
        serde_json::json!("2025-01-01T00:00:00Z"),
        serde_json::Value::Null,
    )
    .err();
    assert_eq!(a, b);
    let e = a.unwrap();
    assert_eq!(e.code, crate::error::ErrorCode::OverBudget);
    assert_eq!(
        (e.issues[0].input.as_deref(), e.issues[0].path.as_str()),
        (Some("snapshots"), "")
    );
    assert_eq!(
        e.issues[0].message,
        "the snapshot list needs 2000001 snapshots; the budget is 2000000 snapshots"
    );
}

/// A 1 MB time zone name is not echoed back: the message quotes at most 200 characters of it.
#[test]
fn huge_time_zone_name_is_not_echoed() {
    let name = "Z".repeat(1_000_000);
    let e = crate::api::json::apply_retention(
        serde_json::json!([]),
        serde_json::json!({"keep_last": 1}),
        serde_json::json!("borg-1.2"),
        serde_json::json!("2025-01-01T00:00:00Z"),
        serde_json::json!(name),
    )
    .err()
    .unwrap();
    assert!(e.message.chars().count() < 300, "{}", e.message);
    assert!(e.issues.iter().all(|i| i.message.chars().count() < 300));
    assert_eq!(e.issues[0].input.as_deref(), Some("time_zone"));
}
