//! The controls judged per resource: `BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN` and
//! `BACKUP_LAST_RECOVERY_POINT_CREATED`.

use jiff::SignedDuration;

use super::eval::{ev, human, Eval, Outcome};
use super::params::Params;
use super::ControlStatus;
use crate::simulation::{Resource, SimulationOptions};
use crate::units::Seconds;

// ---------------------------------------------------------------------------------------------
// Controls

/// `BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN`.
pub(super) fn protected_by_backup_plan(e: &Eval<'_>) -> Outcome {
    let mut out = Outcome::new("resources: each must be assigned to a backup plan (selections: Resources, NotResources, ListOfTags, Conditions, aws-backup.md §3); drplan checks this plan only");
    match &e.covered {
        None => out.message = "give context.resources (ARNs, types, tags) to judge which resources the selections pick".into(),
        Some(list) => {
            for (r, ok, why) in list {
                out.evidence.push(ev("resource", &r.id, Some(r.path.clone()), if *ok { ControlStatus::Compliant } else { ControlStatus::NonCompliant }, None, None, if *ok || r.rtype != "Aurora" { why.clone() } else { super::scope::not_selected(r, why) }));
            }
            if list.is_empty() {
                out.message = "no resource in the control's scope".into();
            }
        }
    }
    out
}

/// `BACKUP_LAST_RECOVERY_POINT_CREATED`: judged on the schedule, or by simulating the plan up to
/// `now` for each resource given.
pub(super) fn last_recovery_point_created(p: &mut Params<'_>, e: &Eval<'_>) -> Outcome {
    let (unit, value, age) = p.recovery_point_age(false);
    let mut out = Outcome::new(format!("recovery points: each resource's newest must be at most {value} {unit} old at `now`; drplan simulates the plan up to `now`"));
    let (plan, selections, vaults, context) = (e.plan, e.selections, e.vaults, e.context);
    let (now, created, covered) = (e.now, e.created, &e.covered);
    match now {
        None => {
            out.message = "give context.now to judge the age of the newest recovery point".into()
        }
        Some(now) => {
            let from = now
                .checked_sub(SignedDuration::from_secs(age))
                .unwrap_or(now);
            let start = created.map_or(from, |c| c.max(from));
            match covered.as_ref() {
                None => {
                    // Judged on the schedule: the newest run of any rule.
                    let newest = plan
                        .rules
                        .iter()
                        .filter_map(|r| {
                            let tz = r.schedule_expression_timezone.as_deref().unwrap_or("UTC");
                            let s = crate::schedule::Schedule::parse(
                                r.effective_schedule(),
                                tz,
                                Default::default(),
                            )
                            .ok()?;
                            s.runs_from(start)
                                .take_while(|x| x.at <= now)
                                .last()
                                .map(|x| x.at)
                        })
                        .max();
                    let st = if newest.is_some() {
                        ControlStatus::Compliant
                    } else {
                        ControlStatus::NonCompliant
                    };
                    out.evidence.push(ev(
                        "plan",
                        &plan.name,
                        Some("/rules".into()),
                        st,
                        newest.map(|t| t.to_string()),
                        Some(format!("after {start}")),
                        match newest {
                            Some(_) => "a rule ran within the window",
                            None => "no rule runs within the window",
                        },
                    ));
                    out.message =
                        "judged on the schedule (give context.resources to simulate each resource)"
                            .into();
                }
                Some(list) => {
                    let mut opts = SimulationOptions::starting(start.to_string());
                    opts.horizon_days = Some(
                        ((now.as_second() - start.as_second()).max(60) as f64 + 1.0) / 86_400.0,
                    );
                    opts.sample_every = Some(Seconds(
                        ((now.as_second() - start.as_second()).max(60) + 1) as f64,
                    ));
                    opts.job_duration_seconds = context.job_duration_seconds;
                    opts.selections = Some(selections.to_vec());
                    opts.vaults = Some(vaults.to_vec());
                    let res: Vec<Resource> = list
                        .iter()
                        .filter_map(|(r, _, _)| {
                            context.resources.as_ref().and_then(|all| {
                                r.path
                                    .strip_prefix("/resources/")
                                    .and_then(|k| k.parse::<usize>().ok())
                                    .and_then(|k| all.get(k))
                                    .cloned()
                            })
                        })
                        .collect();
                    match crate::simulation::simulate_backup_plan(plan, &res, &opts) {
                        Err(e) => out.message = format!("the simulation failed: {}", e.message),
                        Ok(sim) => {
                            for (r, ok, why) in list {
                                let newest = sim
                                    .resources
                                    .iter()
                                    .find(|x| x.resource_id == r.id)
                                    .map(|x| x.points > 0);
                                // Creation of its newest point (seconds from `start`).
                                let last = sim
                                    .recovery_points
                                    .iter()
                                    .filter(|p| p.resource_id == r.id.as_str())
                                    .map(|p| {
                                        p.created_at_seconds
                                            + p.repeat.map_or(0.0, |x| {
                                                f64::from(x.count.saturating_sub(1))
                                                    * x.every_seconds
                                            })
                                    })
                                    .fold(None, |a: Option<f64>, b| {
                                        Some(a.map_or(b, |a| a.max(b)))
                                    });
                                let value = last.map(|l| {
                                    let at = start
                                        .checked_add(SignedDuration::from_secs(l as i64))
                                        .map(|t| t.to_string())
                                        .unwrap_or_default();
                                    let age = (now.as_second() - start.as_second()) as f64 - l;
                                    format!("{at} ({} old)", human(age as i64))
                                });
                                let (st, msg) = match (ok, newest) {
                                    (false, _) => (
                                        ControlStatus::NonCompliant,
                                        super::scope::not_selected(r, why),
                                    ),
                                    (true, Some(true)) => (
                                        ControlStatus::Compliant,
                                        "a recovery point is created within the window".to_owned(),
                                    ),
                                    _ => (
                                        ControlStatus::NonCompliant,
                                        "no recovery point is created within the window".to_owned(),
                                    ),
                                };
                                out.evidence.push(ev(
                                    "resource",
                                    &r.id,
                                    Some(r.path.clone()),
                                    st,
                                    value,
                                    Some(format!("created after {start}")),
                                    msg,
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    out
}
