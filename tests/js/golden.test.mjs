// The shared golden vectors, run against the wasm package: equal results prove the JS surface is
// an unchanged wrapper of the core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import drplan, { diff } from "./load.mjs";

const dir = new URL("../golden/", import.meta.url).pathname;
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

// Cases live in tests/golden/<module>/<case>/ (module: the core module owning the function);
// anything at another depth is reported by the depth test below.
const misplaced = [];
const cases = [];
for (const module of readdirSync(dir).sort()) {
  const m = join(dir, module);
  if (!statSync(m).isDirectory()) {
    misplaced.push(`${module}: a file beside the module folders`);
    continue;
  }
  if (existsSync(join(m, "input.json")) || existsSync(join(m, "expected.json"))) {
    misplaced.push(`${module}: a case directly under tests/golden (move it to tests/golden/<module>/<case>/)`);
    continue;
  }
  let found = 0;
  for (const c of readdirSync(m).sort()) {
    const p = join(m, c);
    if (!statSync(p).isDirectory() || !existsSync(join(p, "input.json"))) {
      misplaced.push(`${module}/${c}: not a case folder (tests/golden/<module>/<case>/input.json)`);
      continue;
    }
    for (const inner of readdirSync(p)) {
      if (statSync(join(p, inner)).isDirectory()) misplaced.push(`${module}/${c}/${inner}: a folder inside a case`);
    }
    found += 1;
    cases.push(`${module}/${c}`);
  }
  if (found === 0) misplaced.push(`${module}: a module folder without cases`);
}
const perModule = {};
for (const name of cases) {
  const module = name.split("/")[0];
  perModule[module] = (perModule[module] ?? 0) + 1;
}

test("every golden case is at tests/golden/<module>/<case>/", () => assert.deepEqual(misplaced, []));
test("there are golden vectors", () => {
  assert.ok(cases.length > 0, "no golden vectors found");
  console.log(`${cases.length} golden cases: ${Object.entries(perModule).map(([m, n]) => `${m} ${n}`).join(", ")}`);
});

for (const name of cases) {
  test(`golden ${name}`, () => {
    const input = JSON.parse(readFileSync(join(dir, name, "input.json"), "utf8"));
    const expected = JSON.parse(readFileSync(join(dir, name, "expected.json"), "utf8"));
    const fn = drplan[camel(input.function)];
    let got;
    try {
      // Call the named export when it exists (the real JS API); else the generic dispatcher.
      got = fn ? fn(...input.args) : drplan.call(input.function, input.args);
    } catch (e) {
      assert.ok(e instanceof Error, "errors must be Error objects");
      assert.equal(e.name, "DrplanError");
      got = { error: { code: e.code, message: e.message.replace(/^[a-z_]+: /, ""), issues: e.issues } };
    }
    const d = diff(got, expected);
    assert.deepEqual(d, [], d.slice(0, 10).join("\n"));
  });
}
