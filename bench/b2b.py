#!/usr/bin/env python3
"""bench/b2b.py - the B2B forum benchmark behind `make bench-b2b`.

    python3 bench/b2b.py BUILD_DIR [EVENT ...] [--time-limit S]

Schedules each event folder of bench/b2b (twenty real brokerage forums,
see bench/b2b/README.md) with BUILD_DIR/roadshow under its own time limit
(or --time-limit), checks every schedule written with `roadshow check`,
and prints one table: instance, businesses, meetings, tables, slots, the
published optimum (total breaks), roadshow's gaps (stats.idle_gaps),
status, bound on the objective (the meetings' scores less one per gap, so
the scores less the bound are a lower bound on the gaps: 10 per meeting,
20 for the pair both sides of forum-13crafb and ticf-13crafb request),
and seconds; then
CBC's gaps and gap lower bound on the model `roadshow model` writes (the
direct model with its gap columns), with the same time limit (Debian's
coinor-cbc, a tool of the benchmark only; --no-cbc skips it).  EVENT
names select rows.  Exits 1 when a schedule fails its check.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def cbc(rs, ev, limit, scores):
    """CBC on the event's model with limit seconds: its gaps and gap lower
    bound as the meetings' scores (every meeting is a must, so any
    schedule has them all) less its objective and bound, or dashes."""
    if not shutil.which("cbc"):
        return "-", "-", "not installed"
    work = tempfile.mkdtemp(prefix="b2b-cbc-")
    lp = os.path.join(work, "model.lp")
    try:
        r = subprocess.run([rs, "model", ev, "-o", lp], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        if r.returncode != 0:
            return "-", "-", "model exit %d" % r.returncode
        p = subprocess.run(["cbc", lp, "sec", str(limit), "timeMode", "elapsed", "solve"],
                           capture_output=True, text=True)
        text = p.stdout
        st = re.search(r"^Result - (.*)$", text, re.M)
        ob = re.search(r"^Objective value:\s+(\S+)", text, re.M)
        bd = re.search(r"^(?:Upper|Lower) bound:\s+(\S+)", text, re.M)
        status = st.group(1).strip() if st else "exit %d" % p.returncode
        gaps = lb = "-"
        if ob and abs(float(ob.group(1))) < 1e40 and "infeasible" not in status.lower() \
                and "no integer" not in status.lower():
            gaps = "%g" % (scores - float(ob.group(1)))
        if bd and abs(float(bd.group(1))) < 1e40:
            lb = "%g" % max(0.0, scores - float(bd.group(1)))
        return gaps, lb, status
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    args = sys.argv[1:]
    limit = None
    use_cbc = "--no-cbc" not in args
    args = [a for a in args if a != "--no-cbc"]
    if "--time-limit" in args:
        i = args.index("--time-limit")
        limit = args[i + 1]
        del args[i:i + 2]
    if not args:
        sys.exit(__doc__)
    rs = os.path.join(args[0], "roadshow")
    root = os.path.join(HERE, "b2b")
    names = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    if args[1:]:
        names = [n for n in names if n in args[1:]]
    cols = ("instance", "businesses", "meetings", "tables", "slots", "published",
            "gaps", "status", "bound", "gap LB", "seconds", "check", "CBC gaps", "CBC gap LB",
            "CBC status")
    print(" | ".join(cols))
    print(" | ".join("---" for _ in cols))
    bad = 0
    total = 0.0
    proven = at_published = 0
    for name in names:
        ev = os.path.join(root, name)
        info = json.load(open(os.path.join(ev, "event.json"), encoding="utf-8"))["x-b2b"]
        out = tempfile.mkdtemp(prefix="b2b-")
        cmd = [rs, "schedule", ev, "-o", out, "--quiet"]
        if limit:
            cmd += ["--time-limit", limit]
        t0 = time.monotonic()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        secs = time.monotonic() - t0
        total += secs
        path = os.path.join(out, "schedule.json")
        gaps = status = bound = lb = "-"
        check = "-"
        scores = 10 * info["meetings"]  # a must scores 10 (one pair asked twice: 20)
        if r.returncode == 0 and os.path.exists(path):
            s = json.load(open(path, encoding="utf-8"))
            gaps = s["stats"]["idle_gaps"]
            status = s["status"]
            bound = s["bound"]
            scores = sum(m["score"] for m in s["meetings"])
            lb = "%g" % max(0, scores - bound)
            c = subprocess.run([rs, "check", ev, path], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            check = "OK" if c.returncode == 0 else "FAIL"
            bad += c.returncode != 0
            proven += status == "optimal"
            at_published += gaps == info["published_optimum"]
        else:
            status = "exit %d" % r.returncode
        shutil.rmtree(out, ignore_errors=True)
        peer = ("-", "-", "skipped")
        if use_cbc:
            ev_limit = limit or json.load(open(os.path.join(ev, "event.json"),
                                               encoding="utf-8"))["solver"]["time_limit_seconds"]
            peer = cbc(rs, ev, ev_limit, scores)
        print(" | ".join(str(x) for x in (
            name, info["businesses"], info["meetings"], info["tables"], info["slots"],
            info["published_optimum"], gaps, status, bound, lb, "%.1f" % secs, check) + peer))
        sys.stdout.flush()
    print("%d of %d proven optimal, %d at the published optimum; roadshow's total seconds "
          "%.1f; load average %s" % (proven, len(names), at_published, total, " ".join(
        "%.2f" % x for x in os.getloadavg())))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
