//! Offline transfer when the network cannot make the deadline (migration.md §5.6, §8).

use crate::migration::assumptions::Param;
use crate::migration::context::Ctx;
use crate::migration::draft::{Charge, Draft};
use crate::migration::estimate::{self, transfer, TB};
use crate::migration::exclusion::ReasonCode;
use crate::migration::report::Kind;
use crate::migration::scenario::Family;

/// Snowball Edge usable capacity per device (SNOW copy-general-planning, dr-strategies.md §9.3).
const SNOWBALL_USABLE_BYTES: f64 = 80.0 * TB;

pub(super) fn offline(ctx: &Ctx) -> Draft {
    let mut d = Draft::new(Kind::OneTime);
    let src = &ctx.s.source;
    gate(ctx, &mut d);
    if ctx.engine_change {
        d.prereq(
            "Install the SCT data-extraction agents near the source",
            "migration.md §5.6 (DMS CHAP_LargeDBs)",
        );
    }
    let rate = d.rate(ctx, Param::OfflineCopyRate);
    media(ctx, &mut d);
    d.copy.push(transfer(
        "extract the data onto the media",
        ctx.bytes,
        rate,
        &[Param::OfflineCopyRate.name()],
    ));
    let transit = d.rate(ctx, Param::OfflineTransitSeconds);
    d.copy.push(estimate::fixed(
        "ship or carry the media and ingest into S3",
        transit,
        Param::OfflineTransitSeconds.name(),
    ));
    let family = src.engine.family();
    let native = !ctx.engine_change && matches!(family, Family::Mysql | Family::Postgresql);
    if native && family == Family::Mysql {
        let r = d.rate(ctx, Param::MyloaderLoadRate);
        d.copy.push(transfer(
            "load from S3 into the target (myloader)",
            ctx.bytes,
            r,
            &[Param::MyloaderLoadRate.name()],
        ));
        d.step("Extract with mydumper onto the media");
        d.recreate(
            "User accounts and grants",
            "https://dev.mysql.com/doc/refman/8.0/en/mysqldump.html (not in migration.md)",
        );
    } else if native {
        let r = d.rate(ctx, Param::PgRestoreRate);
        d.copy.push(transfer(
            "load from S3 into the target (pg_restore -j)",
            ctx.bytes,
            r,
            &[Param::PgRestoreRate.name()],
        ));
        d.step("Extract with pg_dump -Fc onto the media");
        d.recreate(
            "Roles and tablespaces (pg_dumpall --globals-only)",
            "https://www.postgresql.org/docs/current/app-pgdump.html (not in migration.md)",
        );
    } else {
        let r = d.rate(ctx, Param::DmsFullLoadRate);
        let load = transfer(
            "load from S3 into the target (DMS, S3 as source)",
            ctx.bytes,
            r,
            &[Param::DmsFullLoadRate.name()],
        );
        d.charges.push(Charge::DmsInstanceFor {
            seconds: load.seconds,
        });
        d.copy.push(load);
        d.step("Extract with the SCT data-extraction agents onto the media");
        super::dms::dms_common(ctx, &mut d, false);
    }
    d.charges.push(Charge::Offline);
    d.step("Stop writes before the extract; ship the media; AWS ingests the data into S3");
    d.step("Load from S3 into the target; point the application at it");
    d
}

/// The conditions every offline path shares: a source outside AWS, a network that cannot make the
/// deadline, and the explicit option (migration.md §8).
pub(super) fn gate(ctx: &Ctx, d: &mut Draft) {
    let section = "migration.md §8";
    let src = &ctx.s.source;
    d.checks.check(
        ReasonCode::SourceInAws,
        src.location.outside_aws(),
        if src.location.outside_aws() {
            "source outside AWS"
        } else {
            "the source already runs in AWS: offline transfer is for data outside AWS"
        },
        section,
        "migration.md §5.6, §8",
    );
    if let Some(net) = ctx.net_bps {
        let secs = ctx.bytes * 8.0 / net;
        let h = crate::units::human_duration;
        match ctx.s.constraints.deadline_seconds {
            Some(deadline) => {
                let d_s = deadline.0;
                // "When the network cannot make the deadline": the raw transfer alone, or the
                // fastest estimated network path (with its dump, load and conversion), is late.
                let (needed, detail) = match ctx.fastest_network_seconds {
                    _ if secs > d_s => (true, format!("the network transfer alone takes {} > the deadline {}", h(secs), h(d_s))),
                    Some(f) if f > d_s => (true, format!("the fastest network path takes {} > the deadline {} (transfer alone {})", h(f), h(d_s), h(secs))),
                    Some(f) => (false, format!("a network path makes the deadline {} (fastest {}, transfer alone {})", h(d_s), h(f), h(secs))),
                    None => (false, format!("the network transfer ({}) fits within the deadline {}", h(secs), h(d_s))),
                };
                d.checks.check(ReasonCode::OfflineNotNeeded, needed, detail, "migration.md §7.1 (network criterion), §8", "DMS CHAP_LargeDBs; dr-strategies.md §9.1");
            }
            None => d.checks.check(
                ReasonCode::OfflineNotNeeded,
                false,
                format!("no deadline given: the network moves the data in {} (give deadline_seconds to weigh offline transfer)", h(secs)),
                "migration.md §7.1, §8",
                "DMS CHAP_LargeDBs",
            ),
        }
    }
    d.checks.check(
        ReasonCode::OfflineNotEnabled,
        ctx.s.options.allow_offline_transfer,
        if ctx.s.options.allow_offline_transfer {
            "offline transfer allowed by options.allow_offline_transfer"
        } else {
            "offline transfer is offered only behind options.allow_offline_transfer: today's options are AWS Data Transfer Terminal (physical) or DataSync over more bandwidth (online); Snowball Edge only for existing Snow customers"
        },
        section,
        "migration.md §8 (drplan rule: DERIVED)",
    );
}

/// The media: Snowball Edge for existing Snow customers, otherwise AWS Data Transfer Terminal
/// (migration.md §8, §9).
pub(super) fn media(ctx: &Ctx, d: &mut Draft) {
    if ctx.s.options.existing_snow_customer {
        let devices = (ctx.bytes / SNOWBALL_USABLE_BYTES).ceil().max(1.0);
        d.note(
            "snowball_closed_to_new_customers",
            format!("Snowball Edge is closed to new customers (offered here because options.existing_snow_customer is set): {} device(s) at ≈ 80 TB usable each", estimate::num(devices)),
            "migration.md §8 (Snowball API reference notice; SNOW copy-general-planning)",
        );
        d.step(format!(
            "Order {} Snowball Edge device(s) (existing Snow customers only)",
            estimate::num(devices)
        ));
    } else {
        d.note(
            "data_transfer_terminal_unconfirmed",
            "AWS Data Transfer Terminal (bring your own storage to an AWS facility): locations, throughput and fees are not in drplan's sources (UNCONFIRMED)",
            "migration.md §8",
        );
        d.step("Book an AWS Data Transfer Terminal slot; prepare encrypted storage media");
    }
}
