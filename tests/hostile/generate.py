#!/usr/bin/env python3
"""Write tests/hostile/cases.json: the hostile-input campaign that Rust, Node and Python run.

Every case is one call (a contract function, or `human_duration`) with arguments that are
hostile or extreme, and the one answer every surface must give: the same error code, issue code,
JSON-pointer path and input name, or success (optionally with a warning at a path, or, for an
export, fields it lists in `not_exported` or `placeholders`: nothing may be dropped silently). Each runner
runs each case in a child process under a resource guard (1 GiB of memory, 10 s; a guard against
runaway work, not a benchmark) and fails a case whose answer differs, whose child dies, or whose
error message is longer than 1,000 characters.

Large inputs are not stored: the arguments hold small macros that every runner expands the same
way (core/tests/it/hostile.rs, tests/js/hostile.test.mjs, python/tests/test_hostile.py):

  {"$repeat": v, "times": n}      a string: v repeated n times; anything else: a list of n copies
  {"$nest": n, "leaf": v}         v inside n arrays; with "key": k, inside n objects {k: ...}
  {"$concat": [a, b, ...]}        the strings joined (each part expanded first)
  {"$text": v}                    the JSON text of v (expanded first)
  {"$golden": "module/case", "set": [[pointer, value], ...]}
                                  the arguments of a golden input, values set at JSON pointers
  {"$surrogate": "d800"}          a string holding one lone UTF-16 surrogate (JS and Python only:
                                  a Rust string cannot hold one, so Rust skips such cases)
  {"$map": [[key, value], ...]}   a Python dict with these keys (a list key is a tuple); in JS a
                                  plain object when every key is a string, else a Map; Rust skips
                                  such cases (its JSON objects have string keys)
  {"$float": "nan"}               NaN ("inf", "-inf": the infinities); Rust has the null that
                                  both bindings turn them into

Run `python3 tests/hostile/generate.py` after changing it; python/tests/test_hostile.py fails when
cases.json is stale.
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "golden"

CASES = []


def case(name, item, function, args, expect, note):
    CASES.append({"name": name, "item": item, "function": function, "args": args,
                  "expect": expect, "note": note})


def err(code, issue, path, input_):
    return {"error": {"code": code, "issue": issue, "path": path, "input": input_}}


def ok(issue=None, path=None):
    e = {"ok": True}
    if issue:
        e["has_issue"] = {"code": issue, "path": path}
    return e


def reported(*pairs):
    """Success whose answer lists each (kind, path): kind `not_exported` or `placeholders`."""
    return {"ok": True, "has_issues": [{"code": k, "path": p} for k, p in pairs]}


def golden(name, note, item):
    """A golden input as it is, under the guard; the expectation read from its expected.json."""
    exp = json.loads((GOLDEN / name / "expected.json").read_text())
    inp = json.loads((GOLDEN / name / "input.json").read_text())
    if "error" in exp:
        e = exp["error"]
        i = e["issues"][0]
        expect = err(e["code"], i["code"], i["path"], i["input"])
    else:
        expect = ok()
    case("golden-" + name.replace("/", "-"), item, inp["function"], {"$golden": name}, expect, note)


def nest(n, leaf=1, key=None):
    m = {"$nest": n, "leaf": leaf}
    if key is not None:
        m["key"] = key
    return m


def rep(v, n):
    return {"$repeat": v, "times": n}


WORKLOAD = {"name": "w", "components": [
    {"kind": "relational_database", "name": "db", "engine": "aurora_mysql", "size_gib": 100}]}
PLAN = {"name": "p", "region": "us-east-1", "rules": [{
    "name": "daily", "target_vault_name": "prod", "schedule_expression": "cron(0 5 ? * * *)",
    "lifecycle": {"delete_after_days": 35}}]}
CRON = "cron(0 5 ? * * *)"
FROM = "2026-01-01T00:00:00Z"

# 1. YAML aliases of a large scalar: bytes copied, not nodes, are counted, before the copy.
case("yaml-alias-1mb-scalar-3000-aliases", 1, "parse_backup_plan",
     [{"$concat": ["BackupPlan:\n  BackupPlanName: &big ", rep("x", 1_000_000),
                   "\n  Rules:\n", rep("    - *big\n", 3000)]}],
     err("over_budget", "over_budget", "/BackupPlan/Rules/8", "document"),
     "A 1 MB anchored scalar aliased 3,000 times (3 GB of copies) from a 1 MB document.")
case("yaml-billion-laughs", 1, "parse_backup_plan",
     [{"$concat": ["a: &a [x, x, x, x, x, x, x, x, x, x]\n"] + [
         f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)]}],
     err("over_budget", "over_budget", "/f/0", "document"),
     "Billion laughs of small nodes: ten aliases per level, ten levels.")
golden("backup/yaml-alias-large-scalar", "The golden 100 KiB scalar aliased 90 times.", 1)


# 2. CloudFormation substitution fan-out: memoized, linear.
def fan_out(k, n):
    res = {"Plan": {"Type": "AWS::Backup::BackupPlan", "Properties": {"BackupPlan": {
        "BackupPlanName": "fan", "BackupPlanRule": [{
            "RuleName": "daily", "TargetBackupVault": {"Ref": "V0"}, "ScheduleExpression": CRON}]}}}}
    for i in range(n):
        name = {"Fn::Sub": f"${{V{i + 1}}}" * k} if i + 1 < n else ""
        res[f"V{i}"] = {"Type": "AWS::Backup::BackupVault", "Properties": {"BackupVaultName": name}}
    return {"Resources": res}


for k in (10, 20):
    for fn, args in (("parse_backup_plan", [fan_out(k, 8)]),
                     ("lint_backup_plan", [{"$text": fan_out(k, 8)}]),
                     ("simulate_backup_plan", [fan_out(k, 8), None, {"start": FROM, "horizon_days": 7}]),
                     ("check_controls", [fan_out(k, 8)])):
        case(f"cfn-sub-fan-out-k{k}-{fn}", 2, fn, args, ok(),
             f"Vault names that are Fn::Sub strings naming the next vault {k} times, 8 levels "
             f"({k}^7 expansions without memoizing).")
golden("backup/cfn-resolution-budget", "Fn::Sub doubling to 32 KiB named by 400 vaults.", 2)

# 3. A simulation under the point cap whose output would not fit.
golden("simulation/expand-repeats-over-budget", "10 rules x 5 copies, 100 years, expand_repeats.", 3)

# 4. apply_retention with millions of snapshots: counted before any is read.
case("apply-retention-3m-epoch-seconds", 4, "apply_retention",
     [rep(1_700_000_000, 3_000_000), {"keep_last": 3}, "restic-0.16+", 1_800_000_000],
     err("over_budget", "over_budget", "", "snapshots"),
     "3,000,000 epoch seconds (the cap is 2,000,000).")
case("apply-retention-2m-objects", 4, "apply_retention",
     [rep({}, 2_000_001), {"keep_last": 3}, "restic-0.16+", 1_800_000_000],
     err("over_budget", "over_budget", "", "snapshots"),
     "2,000,001 snapshot objects (empty: refused before any is read).")

# 5. retention_footprint whose prune walk would be quadratic: estimated first.
golden("retention/footprint-over-budget", "Hourly for 10 years, keep_within 999999y.", 5)

# 6. simulate_backup_plan with tens of thousands of rules.
case("simulate-30000-rules", 6, "simulate_backup_plan",
     [{"name": "p", "region": "us-east-1", "rules": rep(PLAN["rules"][0], 30_000)}, None,
      {"start": FROM, "horizon_days": 30}],
     err("over_budget", "over_budget", "/rules", "plan"),
     "30,000 rules (AWS allows 10; drplan simulates up to 100).")
golden("simulation/too-many-rules", "101 rules.", 6)
case("simulate-30000-copy-actions", 6, "simulate_backup_plan",
     [{"name": "p", "region": "us-east-1", "rules": [dict(PLAN["rules"][0], copy_actions=rep(
         {"destination_vault_arn": "arn:aws:backup:us-west-2:111122223333:backup-vault:dr",
          "lifecycle": {"delete_after_days": 30}}, 30_000))]}, None, {"start": FROM, "horizon_days": 30}],
     err("over_budget", "over_budget", "/rules/0/copy_actions", "plan"),
     "One rule with 30,000 copy actions (AWS allows 5; drplan simulates up to 50), found by the "
     "simulate_backup_plan fuzz target as a 20 s run.")

# 7. One error for one input on every surface.
for depth in (65, 100, 129, 200, 10_000):
    case(f"depth-{depth}-value", 7, "estimate_recovery", [nest(depth), "pilot_light"],
         err("invalid_json", "too_deep", "/0" * 64, "workload"),
         f"A workload nested {depth} levels deep (arrays).")
    case(f"depth-{depth}-json-text", 7, "parse_backup_plan",
         [{"$concat": [rep("[", depth), rep("]", depth)]}],
         err("invalid_json", "too_deep", "/0" * 64, "document"),
         f"A document given as JSON text, nested {depth} levels (serde_json alone stops at 128).")
case("depth-200-json-text-objects", 7, "lint_backup_plan",
     [{"$concat": [rep('{"a~/b": ', 200), "1", rep("}", 200)]}],
     err("invalid_json", "too_deep", "/a~0~1b" * 64, "document"),
     "Objects nested 200 levels in JSON text; the key needs escaping in the pointer.")
case("depth-200-plan-text", 7, "simulate_backup_plan",
     [{"$concat": ['{"BackupPlan": ', rep("[", 200), rep("]", 200), "}"]}, None, None],
     err("invalid_json", "too_deep", "/BackupPlan" + "/0" * 63, "plan"),
     "A plan given as JSON text nested 200 levels: the error names the plan argument.")
case("depth-64-json-text-reads", 7, "parse_backup_plan",
     [{"$concat": [rep("[", 64), rep("]", 64)]}],
     err("invalid_input", "unknown_shape", "", "document"),
     "64 levels is within the limit: the parser reads it and finds no plan.")
case("depth-200-objects-value", 7, "select_migration_path", [nest(200, 1, "k")],
     err("invalid_json", "too_deep", "/k" * 64, "scenario"),
     "Objects nested 200 levels as a value.")
case("depth-via-call-args-names", 7, "simulate_backup_plan",
     [PLAN, [nest(100)], None],
     err("invalid_json", "too_deep", "/0" * 64, "resources"),
     "Deep input in the second argument: the error names that argument and a path inside it.")
case("whole-floats-are-integers", 7, "schedule_runs",
     [CRON, "Europe/Berlin", FROM, None, 4.0,
      {"start_window_minutes": 60.0, "completion_window_minutes": -0.0}],
     ok("completion_window_short", "/completion_window_minutes"),
     "4.0 reads as 4 and -0.0 as 0 (JS cannot tell them apart): 0 minutes is warned about as 0 is.")
case("whole-floats-accepted", 7, "schedule_runs", [CRON, "UTC", FROM, None, 3.0, None], ok(),
     "A limit of 3.0 is the integer 3 on every surface.")
case("fraction-refused", 7, "schedule_runs", [CRON, "UTC", FROM, None, 3.5, None],
     err("invalid_input", "invalid_type", "", "limit"),
     "A fractional limit is refused on every surface.")
case("lone-surrogate-in-json-text", 7, "parse_backup_plan",
     ['{"BackupPlan": {"BackupPlanName": "ok\\ud83d\\ude00", "Rules": ["\\ud800"]}}'],
     err("invalid_json", "lone_surrogate", "/BackupPlan/Rules/0", "document"),
     "JSON text spelling a lone surrogate as an escape (a pair is fine).")
case("lone-surrogate-in-a-value", 7, "parse_backup_plan",
     [{"BackupPlan": {"BackupPlanName": {"$surrogate": "d800"}}}],
     err("invalid_json", "lone_surrogate", "/BackupPlan/BackupPlanName", "document"),
     "A JS or Python string holding a lone surrogate.")
case("lone-surrogate-in-a-key", 7, "estimate_recovery",
     [{"components": [{"$map": [[{"$surrogate": "dc00"}, 1]]}]}, "pilot_light"],
     err("invalid_json", "lone_surrogate", "/components/0", "workload"),
     "A key holding a lone surrogate: the object's path.")
case("non-string-key-int", 7, "estimate_recovery",
     [{"name": "w", "components": [{"$map": [[1, "x"]]}]}, "pilot_light"],
     err("invalid_json", "not_json", "/components/0", "workload"),
     "A Python dict with an int key, a JS Map: not a JSON object.")
case("non-string-key-tuple", 7, "assess_strategies",
     [WORKLOAD, {"targets": {"$map": [[["az", "rpo"], 60]]}}],
     err("invalid_json", "not_json", "/targets", "policy"),
     "A Python dict with a tuple key, a JS Map.")
case("human-duration-string", 7, "human_duration", ["1h"],
     err("invalid_input", "invalid_type", "", "seconds"), "human_duration(\"1h\").")
case("human-duration-null", 7, "human_duration", [None],
     err("invalid_input", "invalid_type", "", "seconds"), "human_duration(None / null).")
case("human-duration-number", 7, "human_duration", [7200], ok(), "human_duration(7200).")
case("wrong-type-limit-string", 7, "schedule_runs", [CRON, "UTC", FROM, None, "5", None],
     err("invalid_input", "invalid_type", "", "limit"), "A limit given as a string.")
case("wrong-type-strategy-number", 7, "estimate_recovery", [WORKLOAD, 5],
     err("invalid_input", "invalid_type", "", "strategy"), "A strategy given as a number.")
case("wrong-type-now-bool", 7, "apply_retention", [[1_700_000_000], {"keep_last": 1}, "restic-0.16+", True],
     err("invalid_input", "invalid_type", "", "now"), "now given as a boolean.")

# 8. Duplicate JSON keys: warned with a path, as in YAML.
case("duplicate-json-key", 8, "parse_backup_plan",
     ['{"BackupPlan": {"BackupPlanName": "a", "Rules": [], "Rules": [{"RuleName": "r", '
      '"TargetBackupVaultName": "v", "ScheduleExpression": "cron(0 5 ? * * *)"}]}}'],
     ok("duplicate_key", "/BackupPlan/Rules"), "\"Rules\" twice: the last kept, a warning at its path.")

# 9. Pointers into the user's own shapes, escaped only inside a token.
golden("cost/bad-nested-field-paths", "A nested field of a recovery point: token by token.", 9)
golden("controls/bad-framework-paths", "AWS FrameworkControls: paths in the user's shape.", 9)

# 10. Non-finite and absurd numbers refused at input.
golden("assessment/bad-huge-price", "A 1e308 price.", 10)
golden("assessment/bad-policy-absurd-target", "An absurd policy target.", 10)
golden("cost/bad-absurd-size", "An absurd size.", 10)
case("nan-target-is-null", 10, "assess_strategies",
     [WORKLOAD, {"targets": {"region": {"rto_seconds": {"$float": "nan"}}}}],
     err("invalid_input", "invalid_type", "/targets/region/rto_seconds", "policy"),
     "A NaN target is null (as JSON.stringify writes it) and refused, never dropped.")

# 11. Messages never echo more than ~200 characters of input.
case("time-zone-100-mb", 11, "schedule_runs", [CRON, rep("x", 100_000_000), FROM, None, 5, None],
     err("invalid_input", "unknown_time_zone", "", "time_zone"),
     "A 100 MB time zone name: the message quotes 200 characters of it.")
case("cron-1-mb", 11, "cron_summary", [rep("cron(", 200_000), "UTC", FROM, None],
     err("invalid_input", "cron_syntax", "", "expression"),
     "A 1 MB cron expression.")
case("retention-flags-1-mb", 11, "parse_retention_flags", [rep("--keep-bogus ", 80_000), "restic"],
     err("invalid_input", "unknown_flag", "/0", "text"),
     "1 MB of unknown flags.")
case("strategy-name-1-mb", 11, "estimate_recovery", [WORKLOAD, rep("y", 1_000_000)],
     err("invalid_input", "unknown_variant", "", "strategy"),
     "A 1 MB strategy name.")

# 12. Count caps checked while reading, before any item is converted.
case("simulate-1m-resources", 12, "simulate_backup_plan", [PLAN, rep({}, 1_000_000), None],
     err("over_budget", "over_budget", "", "resources"),
     "10^6 resources (the cap is 10,000): refused before any is read.")
case("backup-cost-5m-records", 12, "backup_cost", [rep({}, 5_000_001), None, None],
     err("over_budget", "over_budget", "", "points"),
     "5,000,001 recovery point records (the cap is 5,000,000); JSON.stringify could not hold them.")
case("check-controls-20000-resources", 12, "check_controls",
     [PLAN, None, None, None, {"resources": rep({}, 20_000)}],
     err("over_budget", "over_budget", "/resources", "context"),
     "20,000 resources in the controls' context.")


# 13. Data loss: parse → export must list every field a shape cannot carry, never drop it.
ORG_PLAN = {
    "name": "org-plan",
    "rules": [{"name": "daily", "target_vault_name": "central",
               "schedule_expression": "cron(0 5 ? * * *)", "lifecycle": {"delete_after_days": 35},
               "copy_actions": [{"destination_vault_arn": "arn:aws:backup:us-west-2:$account:backup-vault:dr"}]}],
    "tags": {"team": "platform"},
    "creator_request_id": "req-1",
    "regions": ["eu-west-1", "us-east-1"],
}
for shape, lost in [
    ("create_backup_plan_input", [("not_exported", "/regions")]),
    ("backup_plan_document", [("not_exported", "/regions"), ("not_exported", "/tags"),
                              ("not_exported", "/creator_request_id")]),
    ("cloudformation_json", [("not_exported", "/regions"), ("not_exported", "/creator_request_id")]),
    ("cloudformation_yaml", [("not_exported", "/regions"), ("not_exported", "/creator_request_id")]),
]:
    case(f"export-org-plan-{shape}", 13, "export_backup_plan", [ORG_PLAN, shape], reported(*lost),
         f"An Organizations plan (Regions, plan tags, CreatorRequestId, a $account copy ARN) "
         f"exported as {shape}: what the shape cannot carry is listed.")
case("export-org-account-placeholder", 13, "export_backup_plan", [ORG_PLAN, "create_backup_plan_input"],
     reported(("placeholders", "/BackupPlan/Rules/0/CopyActions/0/DestinationBackupVaultArn")),
     "$account is substituted by Organizations only: exported elsewhere it is listed as a placeholder.")


def main():
    text = json.dumps({"cases": CASES}, indent=1, ensure_ascii=True, allow_nan=False) + "\n"
    out = HERE / "cases.json"
    if "--check" in sys.argv:
        if not out.exists() or out.read_text() != text:
            print("tests/hostile/cases.json is stale: run python3 tests/hostile/generate.py")
            sys.exit(1)
        return
    out.write_text(text)
    print(f"{len(CASES)} cases written to {out.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
