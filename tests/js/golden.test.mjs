// The shared golden vectors, run against the wasm package: equal results prove the JS surface is
// an unchanged wrapper of the core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import drplan, { diff } from "./load.mjs";

const dir = new URL("../golden/", import.meta.url).pathname;
const cases = readdirSync(dir).filter((c) => existsSync(join(dir, c, "input.json"))).sort();
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

test("there are golden vectors", () => assert.ok(cases.length >= 20, `only ${cases.length} cases`));

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
