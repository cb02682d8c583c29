// Compiled by `tsc --noEmit` in `make test`: the generated typings must accept real inputs and
// describe real outputs (null, not undefined; plain objects, not Map).
import init, { assessStrategies, estimateRecovery } from "../../web-demo/pkg/drplan_wasm.js";
import type { Assessment, DrplanError, Policy, RecoveryEstimate, Strategy, Workload } from "../../web-demo/pkg/drplan_wasm.js";

export async function tour(): Promise<string> {
  await init();
  const workload: Workload = {
    name: "shop",
    components: [
      { kind: "relational_database", name: "orders", engine: "aurora_mysql", size_gib: "200 GiB", instance_hourly_usd: 0.29 },
      { kind: "compute", name: "web", instance_count: 4, instance_hourly_usd: 0.0832 },
      { kind: "routing", ttl_seconds: 60 },
    ],
  };
  const policy: Policy = { targets: { region: { rto_seconds: "4h", rpo_seconds: 3600 } } };
  try {
    const report: Assessment = assessStrategies(workload, policy);
    const best: Strategy | null = report.cheapest_compliant;
    const est: RecoveryEstimate = estimateRecovery(workload, { strategy: "warm_standby", standby_scale: 0.5 });
    const rto: number | null = est.estimates[0].rto_seconds;
    return `${best ?? report.closest} ${rto ?? "unbounded"} ${report.strategies[0].monthly_cost.total_usd.toFixed(2)}`;
  } catch (e) {
    const err = e as DrplanError;
    return `${err.code}: ${err.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`;
  }
}
