// One case of the hostile-input campaign (tests/hostile/cases.json), run by hostile.test.mjs in a
// child process: expands the case's macros (see tests/hostile/generate.py), makes the call and
// prints its summary (and the process's peak memory) as one JSON line.
import { readFileSync } from "node:fs";
import drplan from "./load.mjs";

const root = new URL("../../", import.meta.url);
const { cases } = JSON.parse(readFileSync(new URL("tests/hostile/cases.json", root), "utf8"));

export function expand(v) {
  if (Array.isArray(v)) return v.map(expand);
  if (v === null || typeof v !== "object") return v;
  if ("$repeat" in v) {
    const x = expand(v.$repeat);
    return typeof x === "string" ? x.repeat(v.times) : new Array(v.times).fill(x);
  }
  if ("$nest" in v) {
    let out = expand(v.leaf);
    for (let i = 0; i < v.$nest; i++) out = v.key !== undefined ? { [v.key]: out } : [out];
    return out;
  }
  if ("$concat" in v) return v.$concat.map(expand).join("");
  if ("$text" in v) return JSON.stringify(expand(v.$text));
  if ("$golden" in v) {
    const input = JSON.parse(readFileSync(new URL(`tests/golden/${v.$golden}/input.json`, root), "utf8"));
    const args = input.args;
    for (const [pointer, value] of v.set ?? []) {
      const tokens = pointer.split("/").slice(1).map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
      const last = tokens.pop();
      let at = args;
      for (const t of tokens) at = at[t];
      at[last] = expand(value);
    }
    return args;
  }
  if ("$surrogate" in v) return String.fromCharCode(parseInt(v.$surrogate, 16));
  if ("$map" in v) {
    const pairs = v.$map.map(([k, x]) => [expand(k), expand(x)]);
    return pairs.every(([k]) => typeof k === "string") ? Object.fromEntries(pairs) : new Map(pairs);
  }
  if ("$float" in v) return { nan: NaN, inf: Infinity, "-inf": -Infinity }[v.$float];
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
}

function issues(v, out = []) {
  if (Array.isArray(v)) v.forEach((x) => issues(x, out));
  else if (v && typeof v === "object") {
    if (typeof v.code === "string" && typeof v.path === "string") out.push([v.code, v.path]);
    // What an export lists as not carried or as a placeholder counts as reported at its path.
    for (const kind of ["not_exported", "placeholders"]) {
      if (Array.isArray(v[kind])) v[kind].forEach((n) => out.push([kind, n.path]));
    }
    Object.values(v).forEach((x) => issues(x, out));
  }
  return out;
}

const c = cases.find((x) => x.name === process.argv[2]);
const args = expand(c.args);
let summary;
try {
  const v = c.function === "human_duration" ? drplan.humanDuration(args[0]) : drplan.call(c.function, args);
  summary = { ok: true, issues: issues(v) };
} catch (e) {
  const i = e.issues?.[0] ?? {};
  summary = {
    ok: false, name: e.name, code: e.code, issue: i.code, path: i.path, input: i.input,
    message_len: Math.max(String(e.message).length, ...(e.issues ?? []).map((x) => x.message.length)),
  };
}
summary.max_rss_kib = process.resourceUsage().maxRSS;
process.stdout.write("HOSTILE_RESULT " + JSON.stringify(summary) + "\n");
