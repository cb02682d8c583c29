//! Duration arithmetic: transfer terms, catch-up, the timeline and downtime.
//!
//! All DERIVED (dr-strategies.md §9.1): `seconds = bytes × 8 / rate_bps` with decimal rates;
//! sizes are GiB (2^30 bytes). Catch-up after a copy of `T` seconds while the source writes
//! `c` bit/s and the target applies `a` bit/s: backlog `c × T`, drained at `a − c`, so
//! `catch_up = c × T / (a − c)`; impossible when `a ≤ c`.

use super::report::{EstimateTerm, Kind, MigrationPhase, PhaseKind};

pub(crate) const GIB: f64 = 1_073_741_824.0;
pub(crate) const TIB: f64 = GIB * 1024.0;
pub(crate) const TB: f64 = 1e12;

/// Sum from +0.0 (an empty f64 `Iterator::sum` is -0.0, which would show as `-0.0` in JSON).
pub(crate) fn sum(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |a, b| a + b)
}

/// A number for formulas: thousands separators, at most 2 decimals, no float noise.
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return "∞".to_owned();
    }
    let neg = x < 0.0;
    let r = (x.abs() * 100.0).round() / 100.0;
    let int = r.trunc();
    let frac = ((r - int) * 100.0).round() as u64;
    let digits = format!("{int:.0}");
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if neg { "-" } else { "" };
    match frac {
        0 => format!("{sign}{grouped}"),
        f if f % 10 == 0 => format!("{sign}{grouped}.{}", f / 10),
        f => format!("{sign}{grouped}.{f:02}"),
    }
}

/// `bytes` moved at `rate_bps`.
pub(crate) fn transfer(
    what: &str,
    bytes: f64,
    rate_bps: f64,
    assumptions: &[&str],
) -> EstimateTerm {
    EstimateTerm {
        what: what.to_owned(),
        seconds: bytes * 8.0 / rate_bps,
        formula: format!(
            "{} GiB × 2^30 × 8 / {} bit/s",
            num(bytes / GIB),
            num(rate_bps)
        ),
        assumptions: assumptions.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// The slowest of several rates, with the name of the one that limits.
pub(crate) fn bottleneck<'a>(rates: &[(&'a str, f64)]) -> (&'a str, f64) {
    rates.iter().copied().fold(
        ("", f64::INFINITY),
        |best, r| if r.1 < best.1 { r } else { best },
    )
}

/// `bytes` at a published "seconds per TiB".
pub(crate) fn per_tib(
    what: &str,
    bytes: f64,
    seconds_per_tib: f64,
    assumption: &str,
) -> EstimateTerm {
    EstimateTerm {
        what: what.to_owned(),
        seconds: bytes / TIB * seconds_per_tib,
        formula: format!("{} TiB × {} s/TiB", num(bytes / TIB), num(seconds_per_tib)),
        assumptions: vec![assumption.to_owned()],
    }
}

/// A fixed duration.
pub(crate) fn fixed(what: &str, seconds: f64, assumption: &str) -> EstimateTerm {
    EstimateTerm {
        what: what.to_owned(),
        seconds,
        formula: format!("{} s", num(seconds)),
        assumptions: if assumption.is_empty() {
            vec![]
        } else {
            vec![assumption.to_owned()]
        },
    }
}

/// How changes reach the target after the copy.
#[derive(Debug, Clone)]
pub(crate) struct Apply {
    pub what: &'static str,
    pub rate_bps: f64,
    pub assumption: &'static str,
    /// The change stream crosses the caller's link (effective bit/s) as well.
    pub network_bps: Option<f64>,
}

/// Why catch-up cannot finish.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CatchUpFailure {
    /// The link carries less than the change rate.
    Link { change_bps: f64, network_bps: f64 },
    /// The target applies slower than the source writes.
    Apply { change_bps: f64, apply_bps: f64 },
}

/// Catch-up after `copy_seconds` of copying.
pub(crate) fn catch_up(
    apply: &Apply,
    change_bps: f64,
    copy_seconds: f64,
) -> Result<EstimateTerm, CatchUpFailure> {
    if let Some(net) = apply.network_bps {
        if change_bps >= net && change_bps > 0.0 {
            return Err(CatchUpFailure::Link {
                change_bps,
                network_bps: net,
            });
        }
    }
    if change_bps >= apply.rate_bps && change_bps > 0.0 {
        return Err(CatchUpFailure::Apply {
            change_bps,
            apply_bps: apply.rate_bps,
        });
    }
    let effective = match apply.network_bps {
        Some(net) => apply.rate_bps.min(net),
        None => apply.rate_bps,
    };
    let backlog_bits = change_bps * copy_seconds;
    let seconds = if backlog_bits > 0.0 {
        backlog_bits / (effective - change_bps)
    } else {
        0.0
    };
    let limit = if effective < apply.rate_bps {
        "link"
    } else {
        "apply rate"
    };
    Ok(EstimateTerm {
        what: format!("{} of the changes written during the copy", apply.what),
        seconds,
        formula: format!(
            "{} bit/s × {} s / ({} bit/s {limit} − {} bit/s)",
            num(change_bps),
            num(copy_seconds),
            num(effective),
            num(change_bps)
        ),
        assumptions: vec![apply.assumption.to_owned()],
    })
}

/// Lay the phases end to end. One-time paths stop writes for the copy and the cut-over; ongoing
/// paths only for the cut-over. Schema conversion happens before the copy with the source live.
pub(crate) fn timeline(
    kind: Kind,
    conversion: Option<EstimateTerm>,
    copy: Vec<EstimateTerm>,
    catch_up: Option<EstimateTerm>,
    cutover: EstimateTerm,
) -> Vec<MigrationPhase> {
    let mut phases = Vec::new();
    let mut t = 0.0;
    let mut push =
        |phase: PhaseKind, terms: Vec<EstimateTerm>, writes_stopped: bool, t: &mut f64| {
            let d = sum(terms.iter().map(|x| x.seconds));
            phases.push(MigrationPhase {
                phase,
                start_seconds: *t,
                end_seconds: *t + d,
                writes_stopped,
                terms,
            });
            *t += d;
        };
    if let Some(c) = conversion {
        push(PhaseKind::SchemaConversion, vec![c], false, &mut t);
    }
    push(PhaseKind::Copy, copy, kind == Kind::OneTime, &mut t);
    if let Some(c) = catch_up {
        push(PhaseKind::CatchUp, vec![c], false, &mut t);
    }
    push(PhaseKind::CutOver, vec![cutover], true, &mut t);
    phases
}

pub(crate) fn total(phases: &[MigrationPhase]) -> f64 {
    phases.last().map(|p| p.end_seconds).unwrap_or(0.0)
}

pub(crate) fn downtime(phases: &[MigrationPhase]) -> f64 {
    sum(phases
        .iter()
        .filter(|p| p.writes_stopped)
        .map(|p| p.end_seconds - p.start_seconds))
}

pub(crate) fn phase_seconds(phases: &[MigrationPhase], kind: PhaseKind) -> f64 {
    sum(phases
        .iter()
        .filter(|p| p.phase == kind)
        .map(|p| p.end_seconds - p.start_seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_uses_binary_sizes_and_decimal_rates() {
        // 1,000 GiB over 1 Gbps: 1,000 × 2^30 × 8 / 1e9 = 8,589.93 s.
        let t = transfer("x", 1000.0 * GIB, 1e9, &[]);
        assert!((t.seconds - 8_589.934_592).abs() < 1e-6);
        // dr-strategies.md §9.1: 100 TB at 1 Gbps and 80 % ≈ 11.6 days.
        let t = transfer("x", 100.0 * TB, 0.8e9, &[]);
        assert!((t.seconds / 86_400.0 - 11.574).abs() < 0.001);
    }

    #[test]
    fn per_tib_term() {
        let t = per_tib("build", 2.0 * TIB, 14_400.0, "a");
        assert_eq!(t.seconds, 28_800.0);
    }

    #[test]
    fn catch_up_math() {
        let apply = Apply {
            what: "apply",
            rate_bps: 80e6,
            assumption: "a",
            network_bps: None,
        };
        // 8 Mbit/s for 10,000 s = 8e10 bits backlog, drained at 72 Mbit/s: 1,111.1 s.
        let t = catch_up(&apply, 8e6, 10_000.0).map(|t| t.seconds);
        assert!(matches!(t, Ok(s) if (s - 1_111.111_111).abs() < 1e-3));
        assert_eq!(catch_up(&apply, 0.0, 10_000.0).map(|t| t.seconds), Ok(0.0));
        assert!(matches!(
            catch_up(&apply, 80e6, 1.0),
            Err(CatchUpFailure::Apply { .. })
        ));
        let via = Apply {
            network_bps: Some(10e6),
            ..apply
        };
        assert!(matches!(
            catch_up(&via, 10e6, 1.0),
            Err(CatchUpFailure::Link { .. })
        ));
        // The link (10 Mbit/s) limits draining: 8e10 / (10e6 − 8e6) = 40,000 s.
        let t = catch_up(&via, 8e6, 10_000.0).map(|t| t.seconds);
        assert_eq!(t, Ok(40_000.0));
    }

    #[test]
    fn timeline_and_downtime() {
        let copy = vec![fixed("a", 100.0, ""), fixed("b", 50.0, "")];
        let one = timeline(
            Kind::OneTime,
            None,
            copy.clone(),
            None,
            fixed("cut", 10.0, ""),
        );
        assert_eq!(total(&one), 160.0);
        assert_eq!(downtime(&one), 160.0);
        let on = timeline(
            Kind::Ongoing,
            Some(fixed("conv", 1000.0, "")),
            copy,
            Some(fixed("c", 5.0, "")),
            fixed("cut", 10.0, ""),
        );
        assert_eq!(total(&on), 1165.0);
        assert_eq!(downtime(&on), 10.0);
        assert_eq!(
            on.get(1).map(|p| (p.start_seconds, p.end_seconds)),
            Some((1000.0, 1150.0))
        );
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(num(1234567.0), "1,234,567");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(14_901.161_193_847_656), "14,901.16");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(-1500.25), "-1,500.25");
    }
}
