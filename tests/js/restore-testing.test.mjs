// Restore testing and measured restores through the wasm package (the goldens cover the figures;
// this checks the JS names, errors and a seeded simulation's determinism).
import { test } from "node:test";
import assert from "node:assert/strict";
import drplan from "./load.mjs";

const plan = `{"BackupPlan": {"BackupPlanName": "prod", "Rules": [
  {"RuleName": "daily", "TargetBackupVaultName": "prod-vault", "ScheduleExpression": "cron(0 5 ? * * *)",
   "StartWindowMinutes": 60, "Lifecycle": {"DeleteAfterDays": 35}}]}}`;
const resources = [{ id: "db", arn: "arn:aws:rds:us-east-1:111122223333:db:orders", size_gib: 100 }];
const testing = {
  RestoreTestingPlan: {
    RestoreTestingPlanName: "tests",
    ScheduleExpression: "cron(0 12 ? * * *)",
    RecoveryPointSelection: { Algorithm: "RANDOM_WITHIN_WINDOW", IncludeVaults: ["*"], RecoveryPointTypes: ["SNAPSHOT"], SelectionWindowDays: 5 },
  },
};

test("a seeded RANDOM_WITHIN_WINDOW simulation is the same twice", () => {
  const t = drplan.parseRestoreTestingPlan(testing).plans[0];
  const sel = { name: "dbs", protected_resource_type: "RDS", protected_resource_arns: ["*"], iam_role_arn: "arn:aws:iam::111122223333:role/r" };
  const run = () => drplan.simulateRestoreTesting({ plan: t, selections: [sel] }, plan, resources, { start: "2026-01-01T00:00:00Z", horizon_days: 20, seed: 9 });
  const a = run();
  assert.deepEqual(a, run());
  assert.equal(a.coverage.ever_tested, 1);
  assert.ok(a.runs.every((r) => r.picks.every((p) => p.point_age_seconds <= 5 * 86400)));
});

test("bad arguments are reported together with their inputs", () => {
  let e;
  try {
    drplan.simulateRestoreTesting(42, plan, resources, { horizon_days: 3 });
  } catch (x) {
    e = x;
  }
  assert.equal(e.name, "DrplanError");
  const inputs = new Set(e.issues.map((i) => i.input));
  assert.ok(inputs.has("testing") && inputs.has("options"), JSON.stringify(e.issues));
});

test("lint and measure", () => {
  const r = drplan.lintRestoreTestingPlan({ ...testing, Tags: { a: "b" } });
  assert.equal(r.valid, true);
  const m = drplan.measureRestores({ RestoreJobs: [{ ResourceType: "EBS", Status: "COMPLETED", CreationDate: 0, CompletionDate: 600, BackupSizeInBytes: 6e10 }] });
  assert.equal(m.by_type[0].planning_throughput_bps, 8e8);
});
