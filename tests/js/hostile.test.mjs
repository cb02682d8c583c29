// The hostile-input campaign, Node surface: every case of tests/hostile/cases.json (written by
// tests/hostile/generate.py) runs in its own Node process (hostile-case.mjs) under a guard — 10 s,
// a 1 GiB JS heap, and a peak resident memory of at most 1 GiB — and must give the case's answer:
// the same error code, issue code, path and input as Rust and Python, or success. A process that
// dies or exceeds the guard fails the case, and so does an error message over 1,000 characters.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const { cases } = JSON.parse(readFileSync(new URL("../hostile/cases.json", import.meta.url), "utf8"));
const child = fileURLToPath(new URL("hostile-case.mjs", import.meta.url));
const GIB_KIB = 1024 * 1024;

function run(name) {
  const r = spawnSync(process.execPath, ["--max-old-space-size=1024", "--stack-size=984", child, name], {
    timeout: 10_000, encoding: "utf8", maxBuffer: 1 << 20,
  });
  if (r.error) return { failed: `${r.error.code ?? r.error.message}` };
  const line = r.stdout.split("\n").find((l) => l.startsWith("HOSTILE_RESULT "));
  if (!line) return { failed: `the process died (${r.status ?? r.signal}): ${r.stderr.trim().split("\n").at(-1)}` };
  return JSON.parse(line.slice("HOSTILE_RESULT ".length));
}

test("the corpus covers every item", () => {
  assert.deepEqual([...new Set(cases.map((c) => c.item))].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
});

for (const c of cases) {
  test(`hostile ${c.item}: ${c.name}`, () => {
    const got = run(c.name);
    assert.equal(got.failed, undefined, got.failed);
    assert.ok(got.max_rss_kib <= GIB_KIB, `peak memory ${got.max_rss_kib} KiB`);
    if (c.expect.error) {
      const e = c.expect.error;
      assert.deepEqual([got.ok, got.name, got.code, got.issue, got.path, got.input], [false, "DrplanError", e.code, e.issue, e.path, e.input]);
      assert.ok(got.message_len <= 1000, `message of ${got.message_len} characters`);
    } else {
      assert.equal(got.ok, true, JSON.stringify(got));
      const w = c.expect.has_issue;
      if (w) assert.ok(got.issues.some(([code, path]) => code === w.code && path === w.path), JSON.stringify(got.issues));
      for (const x of c.expect.has_issues ?? []) {
        assert.ok(got.issues.some(([code, path]) => code === x.code && path === x.path), `${JSON.stringify(x)} not in ${JSON.stringify(got.issues)}`);
      }
    }
  });
}
