#!/usr/bin/env python3
"""bench/run.py - the scale benchmark behind `make bench`.

    python3 bench/run.py BUILD_DIR [SIZE ...]

Generates the S, M, L and XL events with bench/gen (seeded: the same
events on every machine), schedules each with the strategy roadshow
chooses itself under the time limit of its target, checks every result
with `roadshow check`, then solves S and M again with `--strategy direct`
(the single GLPK model, same objective, same limit) and prints one table,
the ratios of objectives and times, and whether each target was met.

Peak memory is the child's maximum resident set (wait4), so it needs no
extra tool.  Absolute seconds drift on shared machines; the ratios come
from runs made side by side in this one process.
"""
import json
import os
import subprocess
import sys
import time

# name, generator arguments, time limit (s), target gap, target seconds
EVENTS = [
    ("S", ["10", "30", "1", "1", "6", "1"], 10, 0.005, 10),
    ("M", ["40", "160", "2", "4", "24", "2"], 10, 0.005, 10),
    ("L", ["150", "1000", "2", "4", "120", "3", "1", "16", "1"], 30, 0.02, 30),
    ("XL", ["300", "3000", "2", "4", "200", "4", "1", "16", "1", "08:30"], 60, 0.03, 60),
]
MEMORY_TARGET_KB = 2 * 1024 * 1024  # XL: under 2 GiB


def run(cmd):
    """Runs cmd; returns (exit code, wall seconds, peak RSS in KB, stderr)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, time.monotonic() - t0, usage.ru_maxrss, err.decode("utf-8", "replace")


def solve(rs, event, out, limit, strategy=None):
    cmd = [rs, "schedule", event, "-o", out, "--time-limit", str(limit), "--formats", "json"]
    if strategy:
        cmd += ["--strategy", strategy]
    rc, secs, kb, err = run(cmd)
    row = {"rc": rc, "seconds": secs, "kb": kb}
    if rc != 0:
        row["error"] = err.strip().splitlines()[-1:] or ["exit %d" % rc]
        return row
    with open(os.path.join(out, "schedule.json"), encoding="utf-8") as f:
        s = json.load(f)
    row.update(status=s["status"], objective=s["objective"], bound=s["bound"], gap=s["gap"],
               strategy=s["solver"].get("strategy", "?"), cols=s["solver"].get("columns", 0),
               rows=s["solver"].get("rows", 0), meetings=s["stats"]["meetings"],
               idle=s["stats"]["idle_slots"])
    crc, _, _, cerr = run([rs, "check", event, os.path.join(out, "schedule.json")])
    row["check"] = "pass" if crc == 0 else "FAIL (%d)" % crc
    if crc != 0:
        row["check_error"] = cerr.strip().splitlines()[:3]
    return row


def event_size(event):
    with open(os.path.join(event, "investors.json"), encoding="utf-8") as f:
        ni = len(json.load(f))
    with open(os.path.join(event, "smes.json"), encoding="utf-8") as f:
        ns = len(json.load(f))
    return ni, ns


def pairs_of(rs, event):
    out = subprocess.run([rs, "validate", event], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if "candidate pairs" in line:
            return int(line.split()[-1])
    return 0


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    build = sys.argv[1]
    only = set(sys.argv[2:])
    rs = os.path.abspath(os.path.join(build, "roadshow"))
    gen = os.path.join(build, "bench", "gen")
    work = os.path.join(build, "bench")
    os.makedirs(work, exist_ok=True)
    subprocess.run(["cc", "-O2", "-o", gen, "bench/gen.c"], check=True)

    rows, failures = [], 0
    for name, args, limit, gap_target, secs_target in EVENTS:
        if only and name not in only:
            continue
        event = os.path.join(work, "events", name)
        os.makedirs(os.path.dirname(event), exist_ok=True)
        subprocess.run([gen, event] + args, check=True)
        ni, ns = event_size(event)
        print("bench: %s (%d x %d), limit %d s ..." % (name, ni, ns, limit), file=sys.stderr,
              flush=True)
        r = solve(rs, event, os.path.join(work, "out", name), limit)
        r.update(name=name, participants=ni + ns, pairs=pairs_of(rs, event), limit=limit)
        ok = (r["rc"] == 0 and r["check"] == "pass" and r["gap"] <= gap_target + 1e-12
              and r["seconds"] <= secs_target + 1.0
              and (name != "XL" or r["kb"] < MEMORY_TARGET_KB))
        r["target"] = "%s gap <= %.1f%% in %d s: %s" % (
            name, 100 * gap_target, secs_target, "met" if ok else "NOT met")
        failures += r["rc"] != 0 or r.get("check") != "pass"
        if name in ("S", "M"):
            d = solve(rs, event, os.path.join(work, "out", name + "-direct"), limit, "direct")
            d.update(name=name + " direct", participants=r["participants"], pairs=r["pairs"],
                     limit=limit)
            r["direct"] = d
            failures += d["rc"] != 0 or d.get("check") != "pass"
        rows.append(r)

    head = ("event", "people", "pairs", "strategy", "cols", "rows", "limit", "seconds",
            "peak MB", "objective", "bound", "gap", "status", "idle", "check")
    fmt = "%-9s %6s %7s %-9s %7s %6s %5s %7s %7s %10s %10s %7s %-8s %5s %5s"
    print(fmt % head)

    def line(r):
        if r["rc"] != 0:
            print("%-9s exit %d: %s" % (r["name"], r["rc"], " ".join(r.get("error", []))))
            return
        print(fmt % (r["name"], r["participants"], r["pairs"], r["strategy"], r["cols"],
                     r["rows"], r["limit"], "%.1f" % r["seconds"], "%.0f" % (r["kb"] / 1024),
                     "%g" % r["objective"], "%g" % r["bound"], "%.2f%%" % (100 * r["gap"]),
                     r["status"], r["idle"], r["check"]))

    for r in rows:
        line(r)
        if "direct" in r:
            line(r["direct"])
    print()
    for r in rows:
        d = r.get("direct")
        if d and r["rc"] == 0 and d["rc"] == 0:
            print("%s: chosen strategy vs direct model: objective %g vs %g, "
                  "gap %.2f%% vs %.2f%%, time ratio %.2f" % (
                      r["name"], r["objective"], d["objective"], 100 * r["gap"],
                      100 * d["gap"], r["seconds"] / max(d["seconds"], 1e-9)))
    for r in rows:
        print(r["target"])
    for r in rows:
        if "check_error" in r:
            print("%s check: %s" % (r["name"], " / ".join(r["check_error"])))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
