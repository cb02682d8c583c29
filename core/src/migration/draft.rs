//! One path's model while it is being built: its checks, notes, prerequisites, steps, copy terms
//! and charges, before the timeline, cost and ranking are applied.

use super::assumptions::Param;
use super::context::Ctx;
use super::estimate::{bottleneck, transfer, Apply};
use super::exclusion::Checks;
use super::report::{EstimateTerm, Item, Kind, Note, PhaseKind};

/// Migration-specific charges a path incurs (priced in `cost.rs`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Charge {
    /// XtraBackup files held in S3 Standard during these phases' copy terms named.
    S3Staging { seconds: f64 },
    /// A DMS replication instance running during these phases.
    DmsInstance { phases: &'static [PhaseKind] },
    /// A DMS replication instance running for this long (part of a phase).
    DmsInstanceFor { seconds: f64 },
    /// Cross-Region snapshot copy transfer.
    SnapshotCopy,
    /// The private snapshot behind an Aurora read replica: no charge (AUR Replica page).
    ReplicaSnapshotFree,
    /// Device / facility and shipping fees of an offline transfer.
    Offline,
}

/// What the source must retain for replication to start where the copy began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retention {
    Binlog,
    ReplicationSlot,
}

/// One path's model before the timeline, cost and ranking are applied.
#[derive(Debug)]
pub(crate) struct Draft {
    pub checks: Checks,
    pub notes: Vec<Note>,
    pub prerequisites: Vec<Item>,
    pub recreate: Vec<Item>,
    pub steps: Vec<String>,
    pub kind: Kind,
    pub copy: Vec<EstimateTerm>,
    pub apply: Option<Apply>,
    pub used: Vec<Param>,
    pub charges: Vec<Charge>,
    pub retention: Option<Retention>,
    /// DMS caches changes on the replication instance during the copy (full load + CDC).
    pub dms_caches_changes: bool,
    /// The cluster is restored from XtraBackup files in S3 (AWS builds it: migration.md §10.8).
    pub restores_from_s3: bool,
}

impl Draft {
    pub(super) fn new(kind: Kind) -> Draft {
        Draft {
            checks: Checks::default(),
            notes: Vec::new(),
            prerequisites: Vec::new(),
            recreate: Vec::new(),
            steps: Vec::new(),
            kind,
            copy: Vec::new(),
            apply: None,
            used: vec![Param::CutoverSeconds],
            charges: Vec::new(),
            retention: None,
            dms_caches_changes: false,
            restores_from_s3: false,
        }
    }

    pub fn prereq(&mut self, text: impl Into<String>, source: &str) {
        self.prerequisites.push(Item {
            text: text.into(),
            source: source.to_owned(),
        });
    }

    pub fn recreate(&mut self, text: &str, source: &str) {
        self.recreate.push(Item {
            text: text.to_owned(),
            source: source.to_owned(),
        });
    }

    pub fn note(&mut self, code: &str, message: impl Into<String>, source: &str) {
        self.notes.push(Note {
            code: code.to_owned(),
            message: message.into(),
            source: source.to_owned(),
        });
    }

    pub(super) fn step(&mut self, s: impl Into<String>) {
        self.steps.push(s.into());
    }

    pub(super) fn rate(&mut self, ctx: &Ctx, p: Param) -> f64 {
        if !self.used.contains(&p) {
            self.used.push(p);
        }
        ctx.p.get(p)
    }

    /// Copy `ctx.bytes` at `rate` (the slower of the tool and the link when `over_network`).
    pub(super) fn copy_at(&mut self, ctx: &Ctx, what: &str, p: Param, over_network: bool) {
        let r = self.rate(ctx, p);
        let term = match ctx.net_bps.filter(|_| over_network) {
            Some(net) => {
                let (which, rate) = bottleneck(&[(p.name(), r), ("network", net)]);
                let mut t = transfer(
                    &format!(
                        "{what} (limited by {})",
                        if which == "network" {
                            "the link"
                        } else {
                            "the tool rate"
                        }
                    ),
                    ctx.bytes,
                    rate,
                    &[p.name()],
                );
                if which == "network" {
                    t.assumptions.push("network".to_owned());
                }
                t
            }
            None => transfer(what, ctx.bytes, r, &[p.name()]),
        };
        self.copy.push(term);
    }

    /// Move the files over the caller's link (no term when no link is given: in-AWS copy).
    pub(super) fn over_link(&mut self, ctx: &Ctx, what: &str) {
        if let Some(net) = ctx.net_bps {
            self.copy.push(transfer(what, ctx.bytes, net, &["network"]));
        }
    }

    pub(super) fn apply_with(
        &mut self,
        ctx: &Ctx,
        what: &'static str,
        p: Param,
        over_network: bool,
    ) {
        let rate = self.rate(ctx, p);
        self.apply = Some(Apply {
            what,
            rate_bps: rate,
            assumption: p.name(),
            network_bps: ctx.net_bps.filter(|_| over_network),
        });
    }
}
