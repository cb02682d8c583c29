// The JS surface itself: real Error objects, values JSON cannot hold, and the README tour.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import drplan from "./load.mjs";

const workload = {
  name: "shop",
  components: [
    { kind: "relational_database", name: "orders", engine: "aurora_mysql", size_gib: 200, instance_hourly_usd: 0.29 },
    { kind: "compute", name: "web", instance_count: 4, instance_hourly_usd: 0.0832 },
  ],
};

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("expected a DrplanError");
}

test("README tour (JavaScript) runs as written", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const block = readme.match(/```js\n([\s\S]*?)```/);
  assert.ok(block, "README has a js block");
  const logged = [];
  const run = new Function("drplan", "console", block[1]);
  run(drplan, { log: (...a) => logged.push(a.join(" ")) });
  assert.deepEqual(logged, ["pilot_light"]);
});

test("errors are Error instances with code, issues and a JSON pointer", () => {
  const bad = structuredClone(workload);
  bad.components[1].instance_count = 0;
  bad.components[0].size_gib = "12 parsecs";
  const e = thrown(() => drplan.estimateRecovery(bad, "pilot_light"));
  assert.ok(e instanceof Error);
  assert.equal(e.name, "DrplanError");
  assert.equal(e.code, "invalid_input");
  assert.equal(e.issues[0].code, "invalid_unit");
  assert.equal(e.issues[0].path, "/components/0/size_gib");
  assert.equal(e.issues[0].input, "workload");
  assert.equal(e.issues[0].hint, null);
});

test("NaN and Infinity become null, as JSON.stringify does, and are reported at their path", () => {
  for (const v of [NaN, Infinity, -Infinity]) {
    const bad = structuredClone(workload);
    bad.components[0].size_gib = v;
    const e = thrown(() => drplan.estimateRecovery(bad, "pilot_light"));
    assert.equal(e.issues[0].path, "/components/0/size_gib");
    assert.equal(e.issues[0].code, "invalid_type");
  }
});

test("undefined arguments, BigInt, cycles and deep nesting give errors, never a trap", () => {
  assert.equal(thrown(() => drplan.assessStrategies(undefined, undefined)).code, "invalid_input");
  assert.equal(thrown(() => drplan.assessStrategies({ ...workload, size: 10n }, {})).code, "invalid_json");
  const cyclic = { name: "x" };
  cyclic.self = cyclic;
  assert.equal(thrown(() => drplan.assessStrategies(cyclic, {})).code, "invalid_json");
  let deep = [];
  for (let i = 0; i < 100000; i++) deep = [deep];
  assert.equal(thrown(() => drplan.assessStrategies(deep, {})).code, "invalid_json");
  // the module still works after all of that
  assert.equal(drplan.assessStrategies(workload, { targets: {} }).strategies.length, 5);
});

test("outputs are plain JSON objects with null, never undefined or Map", () => {
  const out = drplan.estimateRecovery(workload, "multi_az_only");
  const region = out.estimates.find((e) => e.disruption === "region");
  assert.equal(region.rto_seconds, null);
  assert.equal(region.covered, false);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(JSON.stringify(JSON.parse(JSON.stringify(out))), JSON.stringify(out));
});

test("the generated typings declare every type name once", () => {
  const dts = readFileSync(new URL("../../web-demo/pkg/drplan_wasm.d.ts", import.meta.url), "utf8");
  const names = [...dts.matchAll(/^export (?:type|interface) (\w+)/gm)].map((m) => m[1]);
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  assert.deepEqual(dupes, [], "two core types share a TypeScript name");
  assert.ok(names.includes("Workload") && names.includes("MigrationScenario"));
});

// Nesting: drplan's own limit (64 levels, the argument itself being level 1) decides before any
// parser or engine limit, with the same code and path at any depth; python/tests/test_api.py
// runs the same cases and expects the same answers.
function nested(depth) {
  // workload (1) → components (2) → [0] (3) → size_gib (4 …): depth - 3 lists at size_gib
  let v = 1;
  for (let i = 0; i < depth - 3; i++) v = [v];
  const w = structuredClone(workload);
  w.components[0].size_gib = v;
  return w;
}
const TOO_DEEP = ["too_deep", "/components/0/size_gib" + "/0".repeat(61)];
for (const [depth, want] of [
  [60, ["invalid_type", "/components/0/size_gib"]],
  [64, ["invalid_type", "/components/0/size_gib"]],
  [65, TOO_DEEP],
  [128, TOO_DEEP],
  [200, TOO_DEEP],
  [10000, TOO_DEEP],
]) {
  test(`nesting ${depth} levels deep: ${want[0]}`, () => {
    const e = thrown(() => drplan.estimateRecovery(nested(depth), "pilot_light"));
    assert.equal(e.name, "DrplanError");
    assert.deepEqual([e.issues[0].code, e.issues[0].path, e.issues[0].input], [...want, "workload"]);
    if (depth > 64) {
      assert.equal(e.code, "invalid_json");
      assert.equal(e.message, "invalid_json: workload is nested more than 64 levels deep");
      assert.equal(e.issues[0].path.split("/").length - 1, 64);
    }
  });
}

test("deep objects and cycles are too_deep at the first container past level 64", () => {
  let deep = {};
  for (let i = 0; i < 200; i++) deep = { "a/b": deep };
  let e = thrown(() => drplan.estimateRecovery(deep, "pilot_light"));
  assert.deepEqual([e.issues[0].code, e.issues[0].path], ["too_deep", "/a~1b".repeat(64)]);
  const cyclic = [];
  cyclic.push(cyclic);
  e = thrown(() => drplan.estimateRecovery(cyclic, "pilot_light"));
  assert.deepEqual([e.issues[0].code, e.issues[0].path], ["too_deep", "/0".repeat(64)]);
  // the first deep branch in document order
  const two = { name: "x", components: [[nested(70)], nested(70)] };
  e = thrown(() => drplan.estimateRecovery(two, "pilot_light"));
  assert.deepEqual([e.issues[0].code, e.issues[0].path], ["too_deep", "/components/0/0/components/0/size_gib" + "/0".repeat(58)]);
});

// Whole-number floats: JS cannot tell 4.0 from 4 or -0 from 0, so they are integers on every
// surface (python/tests/test_api.py runs the same cases).
test("whole-number floats and -0 are integers; a fraction is still refused", () => {
  const runs = (limit, opts) =>
    drplan.scheduleRuns("cron(0 5 ? * * *)", "Europe/Berlin", "2026-03-27T00:00:00Z", null, limit, opts);
  const got = runs(4.0, { start_window_minutes: 60.0, completion_window_minutes: 180.0 });
  assert.equal(got.runs.length, 4);
  assert.deepEqual(got, runs(4, { start_window_minutes: 60, completion_window_minutes: 180 }));
  for (const [limit, want] of [
    [4.5, ["invalid_type", "invalid type: floating point `4.5`, expected u64"]],
    [-0.0, ["out_of_range", "limit 0 is out of range 1-100000"]],
    [-1.0, ["invalid_value", "invalid value: integer `-1`, expected u64"]],
  ]) {
    const e = thrown(() => runs(limit, null));
    const i = e.issues[0];
    assert.deepEqual([e.code, i.code, i.path, i.input, i.message], ["invalid_input", ...want.slice(0, 1), "", "limit", want[1]]);
  }
});
