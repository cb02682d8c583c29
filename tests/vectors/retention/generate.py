#!/usr/bin/env python3
"""Differential test vectors for drplan's retention engine, made by the REAL restic and borg.

    generate.py [--seed S] [--restic N] [--borg M]   # (re)write restic.jsonl and borg.jsonl here
    generate.py --live N [--seed S]                  # N fresh random cases: tools vs drplan, exit 1 on
                                                     # any disagreement, 2 if restic/borg/oracles are
                                                     # missing (callers skip then)

Every case goes through the oracles in shared/oracles (restic_oracle.sh runs `restic forget
--dry-run --json` on genuine snapshot files; borg_oracle.sh runs borg's own prune code). The
oracle directory is found via $DRPLAN_ORACLES, else ../shared/oracles next to the repository root,
else /work/shared/oracles.

A vector line is
    {"id", "tool", "version", "mode", "case": {snapshots, policy, mode, now, time_zone},
     "kept": [indices the tool kept], "kept_times": [sorted UTC times], "error": bool}
and core/tests/it/retention_vectors.rs replays every line through apply_retention, comparing the
MULTISET of kept (instant, tags) keys — both tools order equal timestamps arbitrarily
(retention.md §9).

Notes on how cases are made (so they stay comparable):
* restic reads the wall clock: "now" of a restic case is the oracle's clock before the run; all
  snapshots are in the past except deliberate far-future ones (year 2090+), so the answer does not
  depend on when the vectors are regenerated.
* restic's oracle writes a zero offset as "Z", so cases never use "+00:00".
* equal instants never carry different offsets or different tags (the tools' tie order is
  arbitrary, and there the multiset would depend on it).
* borg takes whole seconds and no tags; its time zone is the prune process TZ (case "tz").
"""
import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
UTC = dt.timezone.utc


def oracle_dir():
    for d in (os.environ.get("DRPLAN_ORACLES"), os.path.join(ROOT, "..", "shared", "oracles"), "/work/shared/oracles"):
        if d and os.path.exists(os.path.join(d, "restic_oracle.sh")):
            return os.path.abspath(d)
    return None


# ------------------------------------------------------------------ times ----
def fmt(t, offset_s=None, frac=False):
    """RFC 3339 of aware datetime t, written with offset_s (seconds) or t's own offset."""
    if offset_s is not None:
        t = t.astimezone(dt.timezone(dt.timedelta(seconds=offset_s)))
    off = int(t.utcoffset().total_seconds())
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    if frac and t.microsecond:
        base += ".%06d" % t.microsecond
    if off == 0:
        return base + "Z"
    sign = "+" if off > 0 else "-"
    off = abs(off)
    return base + "%s%02d:%02d" % (sign, off // 3600, (off % 3600) // 60)


def utc_key(s):
    return parse(s).astimezone(UTC)


def parse(s):
    s2 = s.replace("Z", "+00:00")
    return dt.datetime.fromisoformat(s2)


ISO53_YEARS = [2015, 2020, 2026, 2032, 2037]
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
         "Pacific/Chatham", "America/Sao_Paulo", "Europe/London", "Asia/Kathmandu", "Pacific/Auckland"]
OFFSETS = [0, 3600, 7200, -14400, -18000, 19800, 20700, -34200, 50400, 45900, -3600 * 11, 3600 * 13]


def random_start(rng):
    kind = rng.random()
    if kind < 0.25:  # ISO week-year boundary
        y = rng.choice(ISO53_YEARS + [2019, 2021, 2024])
        return dt.datetime(y, 12, rng.randint(20, 31), rng.randint(0, 23), rng.randint(0, 59), tzinfo=UTC)
    if kind < 0.45:  # DST changes (March / October-November)
        y = rng.randint(2016, 2025)
        m = rng.choice([3, 4, 10, 11])
        return dt.datetime(y, m, rng.randint(1, 28), rng.randint(0, 23), tzinfo=UTC)
    if kind < 0.55:  # month ends
        y = rng.randint(2016, 2025)
        m = rng.randint(1, 12)
        return dt.datetime(y, m, 1, tzinfo=UTC) - dt.timedelta(days=rng.randint(0, 3), hours=rng.randint(0, 23))
    y = rng.randint(2003, 2025)
    return dt.datetime(y, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59),
                       rng.randint(0, 59), tzinfo=UTC)


def gen_times(rng, n, whole_seconds):
    """n instants (UTC, aware), in chronological order, with a random cadence shape."""
    start = random_start(rng)
    shape = rng.choice(["regular", "regular", "irregular", "bursty", "gappy", "dense", "sparse"])
    base = rng.choice([60, 600, 1800, 3600, 3 * 3600, 6 * 3600, 86400, 86400, 2 * 86400, 7 * 86400, 30 * 86400])
    if shape == "dense":
        base = rng.choice([1, 5, 20, 60, 300])
    if shape == "sparse":
        base = rng.choice([40 * 86400, 100 * 86400, 200 * 86400])
    out, t = [], start
    for _ in range(n):
        out.append(t)
        if shape == "regular":
            step = base
        elif shape == "irregular":
            step = max(1, int(rng.expovariate(1.0 / base)))
        elif shape == "bursty":
            step = rng.choice([0, 0, 1, 2, 30]) if rng.random() < 0.6 else base * rng.randint(1, 3)
        elif shape == "gappy":
            step = base * (rng.randint(5, 60) if rng.random() < 0.15 else 1)
        else:
            step = base + rng.randint(-base // 4, base // 4)
        step = max(0, step)
        t = t + dt.timedelta(seconds=step)
        if not whole_seconds and rng.random() < 0.2:
            t = t + dt.timedelta(microseconds=rng.randint(1, 999999))
    if rng.random() < 0.15:  # exact duplicates
        for _ in range(rng.randint(1, 3)):
            out.append(rng.choice(out))
    if whole_seconds:
        out = [x.replace(microsecond=0) for x in out]
    return out


def shuffle_maybe(rng, items):
    r = rng.random()
    if r < 0.2:
        rng.shuffle(items)
    elif r < 0.3:
        items.reverse()
    return items


# ---------------------------------------------------------------- restic ----
def restic_duration(rng):
    if rng.random() < 0.6:
        return "%d%s" % (rng.randint(1, 12), rng.choice("mdhhd"))
    parts = []
    for unit, hi in (("y", 2), ("m", 14), ("d", 40), ("h", 72)):
        if rng.random() < 0.4:
            parts.append("%d%s" % (rng.randint(0, hi), unit))
    if not parts:
        parts = ["%d%s" % (rng.randint(1, 30), rng.choice("mdh"))]
    return "".join(parts)


def make_restic_case(rng, i):
    n = rng.choice([1, 2, 3, 5, 8, 12, 20, 30, 45, 60, 90, 140])
    times = gen_times(rng, n, whole_seconds=False)
    # stored offsets: all Z, one fixed offset, a DST zone (backup host), or mixed
    style = rng.choice(["utc", "utc", "fixed", "zone", "zone", "zone", "mixed"])
    zone = rng.choice(ZONES[1:])
    fixed = rng.choice(OFFSETS)
    tz = "UTC"
    first_offset_of = {}
    snaps = []
    tags_pool = [[], [], ["a"], ["b"], ["a", "b"], ["c"]]
    use_tags = rng.random() < 0.25
    tags_of_instant = {}
    for t in times:
        if style == "utc":
            off = 0
        elif style == "fixed":
            off = fixed
        elif style == "zone":
            off = int(t.astimezone(ZoneInfo(zone)).utcoffset().total_seconds())
        else:
            off = rng.choice(OFFSETS)
        key = t.timestamp()
        off = first_offset_of.setdefault(key, off)  # equal instants share the offset
        s = fmt(t, off, frac=True)
        if use_tags:
            tg = tags_of_instant.setdefault(key, rng.choice(tags_pool))
            snaps.append({"time": s, "tags": tg} if tg else s)
        else:
            snaps.append(s)
    # far-future snapshots (always "after now" for restic)
    if rng.random() < 0.08:
        for _ in range(rng.randint(1, 2)):
            snaps.append(fmt(dt.datetime(rng.randint(2090, 2099), rng.randint(1, 12), rng.randint(1, 28), 12,
                                         tzinfo=UTC)))
    policy = {}
    while not policy:
        for k, p, hi in (("keep_last", 0.35, 12), ("keep_hourly", 0.25, 30), ("keep_daily", 0.45, 20),
                         ("keep_weekly", 0.35, 10), ("keep_monthly", 0.3, 14), ("keep_yearly", 0.2, 5)):
            if rng.random() < p:
                policy[k] = rng.randint(0, max(2, min(hi, len(times) // 2)))
        if rng.random() < 0.25:
            break
    if rng.random() < 0.06:
        policy[rng.choice(["keep_daily", "keep_last", "keep_weekly"])] = -rng.randint(1, 3)
    if rng.random() < 0.3:
        policy["keep_within"] = restic_duration(rng)
    for k in ("keep_within_hourly", "keep_within_daily", "keep_within_weekly", "keep_within_monthly",
              "keep_within_yearly"):
        if rng.random() < 0.08:
            policy[k] = restic_duration(rng)
    if use_tags and rng.random() < 0.6:
        policy["keep_tag"] = rng.choice([[["a"]], [["a", "b"]], [["b"], ["c"]], [[""]], [["a", ""]]])
    if rng.random() < 0.05:
        policy = {}
    # exact keep-within boundary: put a snapshot exactly at latest - D (calendar), restic's strict '>'
    if rng.random() < 0.15 and snaps:
        d = rng.choice(["1d", "2d", "7d", "1m", "1y", "36h", "1m14d"])
        policy = dict(policy, keep_within=d)
        latest = max((utc_key(s if isinstance(s, str) else s["time"]) for s in snaps
                      if utc_key(s if isinstance(s, str) else s["time"]).year < 2090), default=None)
        if latest is not None:
            # reuse the latest snapshot's own string to get its stored offset
            lt = next(s for s in snaps if utc_key(s if isinstance(s, str) else s["time"]) == latest)
            lt = parse(lt if isinstance(lt, str) else lt["time"])
            edge = go_add_date(lt, d)
            if all(utc_key(s if isinstance(s, str) else s["time"]) != edge for s in snaps):
                snaps.append(fmt(edge, frac=True))
    # restic forget process time zone (matters for --keep-within across DST when offsets match)
    if style == "zone" and rng.random() < 0.5:
        tz = zone
        if "keep_within" not in policy and rng.random() < 0.7:
            policy["keep_within"] = rng.choice(["7d", "1m", "14d", "3d12h", "2m"])
        # a snapshot between the fixed-offset and the zone-aware cutoff: only the zone-aware
        # reading of restic's AddDate gets it right
        if "keep_within" in policy:
            past = [parse(s if isinstance(s, str) else s["time"]) for s in snaps]
            past = [p for p in past if p.year < 2090]
            if past:
                lt = max(past, key=lambda p: p.astimezone(UTC))
                edge = dst_edge(lt, policy["keep_within"], zone)
                # prefer a duration whose cutoff crosses a DST change (the only place it matters)
                cands = ["1m", "2m", "3m", "4m", "5m", "7d", "14d", "45d", "100d", "1m10d"]
                rng.shuffle(cands)
                for d in cands:
                    if edge is not None:
                        break
                    edge = dst_edge(lt, d, zone)
                    if edge is not None:
                        policy["keep_within"] = d
                if edge is not None and all(p.astimezone(UTC) != edge for p in past):
                    snaps.append(fmt(edge.astimezone(ZoneInfo(zone)), frac=True))
                    if rng.random() < 0.7:  # nothing else may keep it
                        policy = {"keep_within": policy["keep_within"]}
    snaps = shuffle_maybe(rng, snaps)
    return {"snapshots": snaps, "policy": policy, "mode": "restic-0.14", "time_zone": tz}


def go_add_date(t, d):
    """latest.AddDate(-y,-m,-d).Add(-h) for a restic duration string, in t's fixed offset."""
    y = m = dd = h = 0
    num = ""
    for c in d:
        if c.isdigit():
            num += c
        else:
            v = int(num)
            num = ""
            if c == "y":
                y = v
            elif c == "m":
                m = v
            elif c == "d":
                dd = v
            elif c == "h":
                h = v
    mo = t.month - 1 - m
    yr = t.year - y + mo // 12
    mo = mo % 12 + 1
    base = dt.datetime(yr, mo, 1, t.hour, t.minute, t.second, t.microsecond, tzinfo=t.tzinfo)
    return base + dt.timedelta(days=t.day - 1 - dd) - dt.timedelta(hours=h)


def go_resolve(zone, wall):
    """Go time.Date for a naive wall clock in zone: offset at the wall read as UTC, re-checked at the
    instant found (Go's "adjust if too close to a zone transition")."""
    whole = wall.replace(microsecond=0, tzinfo=UTC)
    off = lambda t: t.astimezone(zone).utcoffset()
    first = off(whole)
    if not first:
        return wall.replace(tzinfo=UTC)
    return wall.replace(tzinfo=UTC) - off(whole - first)


def dst_edge(lt, d, zone_name):
    """restic --keep-within cutoff of latest lt for duration d, computed (a) in lt's fixed offset and
    (b) in the forget process's zone (Go reads a matching numeric offset into time.Local). Returns
    an instant strictly between the two when they differ, else None."""
    zone = ZoneInfo(zone_name)
    if lt.utcoffset() != lt.astimezone(zone).utcoffset():
        return None
    fixed = go_add_date(lt, d)
    y = m = dd = h = 0
    num = ""
    for c in d:
        if c.isdigit():
            num += c
            continue
        v, num = int(num), ""
        y, m, dd, h = (v, m, dd, h) if c == "y" else (y, v, dd, h) if c == "m" else (y, m, v, h) if c == "d" else (y, m, dd, v)
    wall = lt.replace(tzinfo=None)
    mo = wall.month - 1 - m
    wall = dt.datetime(wall.year - y + mo // 12, mo % 12 + 1, 1, wall.hour, wall.minute, wall.second, wall.microsecond)
    wall = wall + dt.timedelta(days=lt.day - 1 - dd)
    local = go_resolve(zone, wall) - dt.timedelta(hours=h)
    a, b = sorted([fixed.astimezone(UTC), local])
    if a == b:
        return None
    return a + (b - a) / 2


# ------------------------------------------------------------------ borg ----
def borg_interval(rng):
    return "%d%s" % (rng.randint(1, 40), rng.choice("Hdwmy"))


def make_borg_case(rng, i):
    n = rng.choice([1, 2, 3, 5, 8, 12, 20, 30, 40, 50, 60])
    times = gen_times(rng, n, whole_seconds=True)
    tz = rng.choice(ZONES + ["UTC", "UTC"])
    snaps = [fmt(t) if rng.random() < 0.7 else fmt(t, rng.choice(OFFSETS)) for t in times]
    policy = {}
    while not any(v != 0 for v in policy.values()):
        for k, p, hi in (("keep_last", 0.3, 12), ("keep_secondly", 0.08, 10), ("keep_minutely", 0.12, 20),
                         ("keep_hourly", 0.25, 30), ("keep_daily", 0.45, 20), ("keep_weekly", 0.35, 10),
                         ("keep_monthly", 0.3, 14), ("keep_yearly", 0.2, 5)):
            if rng.random() < p:
                policy[k] = rng.randint(0, max(2, min(hi, len(times) // 2)))
                if rng.random() < 0.08:
                    policy[k] = -rng.randint(1, 3)  # borg: negative = unlimited
        if rng.random() < 0.3:
            break  # sometimes only keep-within (or nothing: borg refuses)
    if "keep_last" in policy and "keep_secondly" in policy:
        del policy["keep_secondly"]
    newest = max(times)
    now = newest + dt.timedelta(seconds=rng.choice([1, 60, 3600, 86400, 7 * 86400, 40 * 86400, 400 * 86400]))
    if rng.random() < 0.35:
        iv = borg_interval(rng)
        policy["keep_within"] = iv
        if rng.random() < 0.4:  # exact boundary: some archive exactly at now - I (strict '>')
            hours = int(iv[:-1]) * {"H": 1, "d": 24, "w": 168, "m": 744, "y": 8760}[iv[-1]]
            pick = rng.choice(times)
            now = pick + dt.timedelta(hours=hours)
            if rng.random() < 0.5:
                now = now + dt.timedelta(seconds=rng.choice([-1, 1]))
    if rng.random() < 0.04:
        policy = {} if rng.random() < 0.5 else {"keep_daily": 0}  # borg refuses: error vector
    snaps = shuffle_maybe(rng, snaps)
    return {"snapshots": snaps, "policy": policy, "mode": "borg-1.2", "now": fmt(now), "time_zone": tz}


# ---------------------------------------------------------------- oracles ----
def run_oracle(odir, tool, case):
    oc = {"snapshots": case["snapshots"], "policy": case["policy"], "tz": case.get("time_zone") or "UTC"}
    if tool == "borg":
        oc["now"] = case["now"]
    script = os.path.join(odir, "%s_oracle.sh" % tool)
    p = subprocess.run([script, "-"], input=json.dumps(oc), capture_output=True, text=True)
    try:
        return json.loads(p.stdout)
    except ValueError:
        raise RuntimeError("%s oracle failed (%d): %s" % (tool, p.returncode, p.stderr[-2000:]))


def vector(tool, idx, case, res):
    if tool == "restic":
        case = dict(case, now=res["now_utc_before"])
    v = {"id": "%s-%04d" % (tool, idx), "tool": tool, "version": res.get("version"), "mode": case["mode"],
         "case": {k: case[k] for k in ("snapshots", "policy", "mode", "now", "time_zone")},
         "argv": res.get("argv"), "error": "error" in res}
    if "error" in res:
        v["tool_error"] = res["error"][-300:]
    else:
        v["kept"] = res["kept"]
        v["kept_times"] = res["kept_times"]
    return v


def tools_present(odir):
    return odir is not None and shutil.which("restic") and shutil.which("borg") and os.path.exists("/usr/bin/python3")


def build_cli():
    cargo = shutil.which("cargo") or os.path.expanduser("~/.cargo/bin/cargo")
    env = dict(os.environ)
    p = subprocess.run([cargo, "build", "-q", "-p", "drplan", "--example", "retention_cli",
                        "--message-format", "json"], cwd=ROOT, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit("building retention_cli failed:\n" + p.stderr[-3000:])
    exe = None
    for line in p.stdout.splitlines():
        try:
            m = json.loads(line)
        except ValueError:
            continue
        if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "retention_cli":
            exe = m.get("executable") or exe
    if not exe:
        sys.exit("could not find the retention_cli executable")
    return exe


def key_of(snapshot):
    if isinstance(snapshot, str):
        return (utc_key(snapshot), ())
    if isinstance(snapshot, int):
        return (dt.datetime.fromtimestamp(snapshot, UTC), ())
    return (utc_key(snapshot["time"]), tuple(sorted(snapshot.get("tags") or [])))


def compare(vec, got):
    """-> None if drplan agrees with the tool, else a message."""
    if vec["error"]:
        return None if "error" in got else "tool refused (%s) but drplan kept %d" % (vec.get("tool_error"), len(got.get("kept", [])))
    if "error" in got:
        return "drplan error: %s" % got["error"].get("message")
    snaps = vec["case"]["snapshots"]
    want = sorted(key_of(snaps[i]) for i in vec["kept"])
    have = sorted(key_of(snaps[k["index"]]) for k in got["kept"])
    if want == have:
        return None
    ws, hs = [str(k[0]) for k in want], [str(k[0]) for k in have]
    extra = sorted(set(hs) - set(ws))
    missing = sorted(set(ws) - set(hs))
    return "tool kept %d, drplan %d; drplan also kept %s; drplan dropped %s" % (len(want), len(have), extra[:5], missing[:5])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--restic", type=int, default=230)
    ap.add_argument("--borg", type=int, default=230)
    ap.add_argument("--live", type=int, default=None, help="N fresh cases, compare tools and drplan")
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--only", choices=["restic", "borg"], help="regenerate one tool's file")
    a = ap.parse_args()
    odir = oracle_dir()
    if not tools_present(odir):
        print("retention live test: restic/borg/oracles not available; skipped", file=sys.stderr)
        return 2 if a.live is not None else 1
    if a.live is not None:
        seed = a.seed if a.seed is not None else int(time.time())
        rng = random.Random(seed)
        exe = build_cli()
        vecs = []
        for i in range(a.live):
            tool = "restic" if i % 2 == 0 else "borg"
            case = make_restic_case(rng, i) if tool == "restic" else make_borg_case(rng, i)
            vecs.append(vector(tool, i, case, run_oracle(odir, tool, case)))
        p = subprocess.run([exe], input=json.dumps([v["case"] for v in vecs]), capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("retention_cli failed: " + p.stderr[-2000:])
        bad = 0
        for v, got in zip(vecs, json.loads(p.stdout)):
            msg = compare(v, got)
            if msg:
                bad += 1
                print("DISAGREE %s (seed %d): %s\n  case: %s" % (v["id"], seed, msg, json.dumps(v["case"])))
        print("retention live comparison with restic/borg, seed %d (rerun: generate.py --live %d --seed %d)"
              % (seed, a.live, seed))
        print("live: %d passed, %d failed" % (len(vecs) - bad, bad))
        return 1 if bad else 0
    seed = a.seed if a.seed is not None else 20240501
    for tool, count in (("restic", a.restic), ("borg", a.borg)):
        if a.only and tool != a.only:
            continue
        rng = random.Random("%d-%s" % (seed, tool))
        path = os.path.join(a.out, "%s.jsonl" % tool)
        t0 = time.time()
        with open(path + ".tmp", "w") as f:
            for i in range(count):
                case = make_restic_case(rng, i) if tool == "restic" else make_borg_case(rng, i)
                f.write(json.dumps(vector(tool, i, case, run_oracle(odir, tool, case)), sort_keys=True) + "\n")
        os.replace(path + ".tmp", path)
        print("%s: %d cases in %.0f s -> %s" % (tool, count, time.time() - t0, path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
