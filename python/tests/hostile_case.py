"""One case of the hostile-input campaign (tests/hostile/cases.json), run by test_hostile.py in a
child process: expands the case's macros (see tests/hostile/generate.py), makes the call and
prints its summary as one JSON line."""
import copy
import json
import sys
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parents[2]


def expand(v: Any) -> Any:
    if isinstance(v, list):
        return [expand(x) for x in v]
    if not isinstance(v, dict):
        return v
    if "$repeat" in v:
        x = expand(v["$repeat"])
        return x * v["times"] if isinstance(x, str) else [x] * v["times"]
    if "$nest" in v:
        out = expand(v["leaf"])
        for _ in range(v["$nest"]):
            out = {v["key"]: out} if "key" in v else [out]
        return out
    if "$concat" in v:
        return "".join(expand(p) for p in v["$concat"])
    if "$text" in v:
        return json.dumps(expand(v["$text"]), separators=(",", ":"), ensure_ascii=False)
    if "$golden" in v:
        args = json.loads((ROOT / "tests" / "golden" / v["$golden"] / "input.json").read_text())["args"]
        for pointer, value in v.get("set", []):
            tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
            at: Any = args
            for t in tokens[:-1]:
                at = at[int(t)] if isinstance(at, list) else at[t]
            last = tokens[-1]
            at[int(last) if isinstance(at, list) else last] = expand(value)
        return args
    if "$surrogate" in v:
        return chr(int(v["$surrogate"], 16))
    if "$map" in v:
        out_map: Dict[Any, Any] = {}
        for k, x in v["$map"]:
            k = expand(k)
            out_map[tuple(k) if isinstance(k, list) else k] = expand(x)
        return out_map
    if "$float" in v:
        return float(v["$float"])
    return {k: expand(x) for k, x in v.items()}


def issues(v: Any, out: List[Any]) -> List[Any]:
    if isinstance(v, list):
        for x in v:
            issues(x, out)
    elif isinstance(v, dict):
        if isinstance(v.get("code"), str) and isinstance(v.get("path"), str):
            out.append([v["code"], v["path"]])
        # What an export lists as not carried or as a placeholder counts as reported at its path.
        for kind in ("not_exported", "placeholders"):
            if isinstance(v.get(kind), list):
                out.extend([kind, n["path"]] for n in v[kind])
        for x in v.values():
            issues(x, out)
    return out


def main() -> None:
    import drplan

    cases = json.loads((ROOT / "tests" / "hostile" / "cases.json").read_text())["cases"]
    c = next(x for x in cases if x["name"] == sys.argv[1])
    args = expand(copy.deepcopy(c["args"]))
    try:
        if c["function"] == "human_duration":
            v = drplan.human_duration(args[0])
        else:
            v = drplan.call(c["function"], args)
        summary: Dict[str, Any] = {"ok": True, "issues": issues(v, [])}
    except drplan.DrplanError as e:
        i = e.issues[0]
        summary = {
            "ok": False, "code": e.code, "issue": i["code"], "path": i["path"], "input": i["input"],
            "message_len": max([len(str(e))] + [len(x["message"]) for x in e.issues]),
        }
    print("HOSTILE_RESULT " + json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
