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
