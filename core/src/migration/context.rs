//! What every path model sees: the scenario, the assumptions and the figures derived from them.

use super::assumptions::Params;
use super::scenario::MigrationScenario;
use super::version::EngineVersion;

/// What every path model sees.
#[derive(Debug, Clone)]
pub(crate) struct Ctx<'a> {
    pub s: &'a MigrationScenario,
    pub p: &'a Params,
    pub src_v: EngineVersion,
    pub tgt_v: EngineVersion,
    /// Source size in bytes.
    pub bytes: f64,
    pub engine_change: bool,
    /// Effective bandwidth of the caller's link (bandwidth × utilization), if given.
    pub net_bps: Option<f64>,
    /// Source change rate in bit/s (0 when not given).
    pub change_bps: f64,
    /// Duration of the fastest estimated network path (set before the offline path is modelled).
    pub fastest_network_seconds: Option<f64>,
}
