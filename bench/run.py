#!/usr/bin/env python3
"""bench/run.py - the benchmark behind `make bench`.

    python3 bench/run.py BUILD_DIR [--no-cbc] [EVENT ...]

Generates the events with bench/gen (seeded: the same events on every
machine): the scale series S, M, L and XL, and the shapes tight (fewer
room-slots than the SMEs' minimums), venues (three venues, people there
part of the day), M4 (two days, four venues, rooms full), L2 (50,000
candidate pairs), huge (300,000), scarce (300,000 in one venue whose
room-slots hold little more than half the SMEs' minimum meetings),
panels (group format) and brokerage (businesses meeting businesses: peer
requests, half-day windows, gaps costing and capped) and musts (a
day where the organiser fixed a meeting for most SMEs), then the
bundled group sample pitch (inputs/chengdu-2023-pitch-day), and seats (a
panel day whose investors' seats run out before its rooms), capped (L2
with one gap each) and fixed (a B2B day of fixed meetings under a
consecutive limit).  Schedules
each with the strategy roadshow chooses itself under the time limit of its
target, checks every result with `roadshow check`, solves S and M again
with `--strategy direct`, and, for the events of at most 50 participants,
gives the model `roadshow model` writes to CBC (Debian's coinor-cbc, a
tool of the benchmark only) with 15 times roadshow's limit (--no-cbc skips
it: those runs take 5 minutes each).  CBC's schedule is checked with
`roadshow check` too.  Prints one table, the peer table,
and whether each target was met.  EVENT names select rows.

Peak memory is the program's maximum resident set (wait4), taken by
bench/peak (built here like bench/gen), so it needs no extra tool and
does not count this script's own memory.  Absolute seconds drift on
shared machines: the load average is printed with the table.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

GIB_KB = 1024 * 1024
PEER_FACTOR = 15      # CBC gets this many times roadshow's limit
PEER_PEOPLE = 50      # ... on events of at most this many participants

# name, bench/gen arguments (or a bundled event folder), time limit (s),
# target: gap (relative, or "peer": at least CBC's objective in 15 times
# the time, or None) and short (the most meetings missing below minimums),
# the most wall seconds for the whole run, the most memory; peer=True
# gives CBC an event above PEER_PEOPLE too.
EVENTS = [
    dict(name="S", gen=["10", "30", "1", "1", "6", "1"], limit=10, gap=0.005, secs=11,
         direct=True),
    dict(name="M", gen=["40", "160", "2", "4", "24", "2"], limit=10, gap=0.005, secs=11,
         direct=True),
    dict(name="L", gen=["150", "1000", "2", "4", "120", "3", "1", "16", "1"], limit=30,
         gap=0.02, secs=31),
    dict(name="XL", gen=["300", "3000", "2", "4", "200", "4", "1", "16", "1", "08:30"],
         limit=60, gap=0.03, secs=61, kb=2 * GIB_KB),
    dict(name="tight", gen=["tight", "101"], limit=20, gap="peer", secs=21),
    dict(name="venues", gen=["venues", "102"], limit=20, gap="peer", secs=21),
    dict(name="M4", gen=["rooms", "103"], limit=10, gap=0.005, secs=11),
    dict(name="L2", gen=["wide", "104"], limit=30, gap=0.02, secs=31),
    dict(name="huge", gen=["huge", "105"], limit=60, gap=0.03, secs=65, kb=2 * GIB_KB),
    dict(name="scarce", gen=["huge", "107", "venues=1", "rooms=120", "req_max=40"], limit=60,
         gap=0.03, secs=65, kb=2 * GIB_KB),
    dict(name="panels", gen=["panels", "106"], limit=20, gap="peer", secs=21),
    dict(name="brokerage", gen=["brokerage", "108"], limit=20, gap="peer", secs=21),
    dict(name="musts", gen=["rooms", "110", "investors=10", "smes=40", "days=1", "venues=2",
                            "rooms=6", "musts=30", "inv_musts=4", "must_in=2"],
         limit=20, gap="peer", secs=21),
    dict(name="pitch", event="inputs/chengdu-2023-pitch-day", limit=20, gap=0.05, secs=21),
    # shapes whose branch and cut once ran past the limit (docs/solving.md):
    # a one-day direct model of 150,000 nonzeros, and a brokerage day of 70
    dict(name="venues3", gen=["rooms", "209", "investors=12", "smes=36", "days=1", "venues=3",
                              "rooms=6"], limit=20, gap="peer", secs=21),
    dict(name="forum70", gen=["brokerage", "307", "smes=70", "rooms=12"], limit=12, gap="peer",
         secs=13, peer=True),
    # a panel day whose investors' seats, not its rooms, leave SMEs without
    # a pitch: 60 investors of 8 seats make at most 240 panels of two for
    # 300 SMEs wanting one each, so 60 short at the least
    dict(name="seats", gen=["panels", "401", "investors=60", "smes=300", "rooms=12", "days=2",
                            "venues=3"], limit=15, gap=None, short=60, secs=16),
    # the 150 x 1,000 shape with at most one gap per participant over the
    # event (rules.max_idle_gaps 1), held to the same target as L2
    dict(name="capped", gen=["wide", "111", "max_gaps=1"], limit=30, gap=0.02, secs=31),
    # a B2B day whose meetings the organisers fixed (every request a must)
    # with at most 3 meetings in a row: the exact timetabling search with
    # its run limit (docs/solving.md, "Consecutive limits")
    dict(name="fixed", gen=["brokerage", "112", "smes=50", "rooms=10", "consec=3",
                            "peer_must_pct=100", "peer_win_pct=0", "window_pct=0",
                            "sme_max=12"], limit=20, gap="peer", secs=21),
    # a panel day whose two rooms cannot hold a pitch for every SME, with
    # panels of at least three and many SMEs that have three or four
    # possible investors (docs/solving.md, "Small panel days")
    dict(name="panels2", gen=["panels", "113", "investors=12", "smes=38", "rooms=2",
                              "caps=6,10", "gmin=3"], limit=20, gap="peer", secs=21),
    # parks whose rooms are open half of each day (the even ones the
    # morning, the odd ones the afternoon), 100 to 150 minutes apart, more
    # than the lunch break: whoever meets in the morning and the afternoon
    # loses slots to travel, which the floors see (docs/solving.md,
    # "Travel in the floors"); the 40 x 160 day in four parks, 12 x 36 in
    # three, and the huge shape (300 x 3,000, two days) in four
    dict(name="parks", gen=["rooms", "217", "days=1", "part_venues=4", "travel_lo=100",
                            "travel_hi=150"], limit=10, gap=0.005, secs=11),
    dict(name="parks3", gen=["venues", "215", "part_venues=3", "travel_lo=100",
                             "travel_hi=150"], limit=20, gap="peer", secs=21),
    dict(name="hugeparks", gen=["huge", "4001", "part_venues=4", "travel_lo=100",
                                "travel_hi=150"], limit=60, gap=0.03, secs=65, kb=2 * GIB_KB),
]


# bench/peak, built by main(): runs a command and writes its peak memory.
# Measured here instead, a child forked by this script would count the
# script's own memory (about 45 MiB by the later rows) in its peak.
PEAK = None


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (exit code, wall seconds, peak RSS in KB, stderr)."""
    t0 = time.monotonic()
    out = None
    if PEAK:
        fd, out = tempfile.mkstemp(prefix="peak-")
        os.close(fd)
        cmd = [PEAK, out] + list(cmd)
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    kb = usage.ru_maxrss
    if out:
        try:
            with open(out, encoding="ascii") as f:
                kb = int(f.read())
        except (OSError, ValueError):
            pass  # peak could not say: the harness's figure, an over-estimate
        os.unlink(out)
    return p.returncode, time.monotonic() - t0, kb, err.decode("utf-8", "replace")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def hhmm(t):
    return int(t[:2]) * 60 + int(t[3:5])


class Event:
    """What the benchmark needs of an event folder: participants in file
    order, minimums, slots (cut as the contract says), rooms."""

    def __init__(self, folder):
        ev = load(os.path.join(folder, "event.json"))
        self.inv = load(os.path.join(folder, "investors.json"))
        self.sme = load(os.path.join(folder, "smes.json"))
        rules = ev.get("rules", {})
        self.group = rules.get("format") == "group"
        self.min = {s["id"]: s.get("min_meetings", rules.get("sme_min_meetings", 0))
                    for s in self.sme}
        self.team = {p["id"]: p.get("team_size", 1) for p in self.inv + self.sme}
        self.inv_ids = {p["id"] for p in self.inv}
        self.slots = []  # (date, start, end)
        step, co = ev["slot_minutes"], ev.get("changeover_minutes", 0)
        for day in sorted(ev["days"], key=lambda d: d["date"]):
            t, end = hhmm(day["start"]), hhmm(day["end"])
            breaks = [(hhmm(b["start"]), hhmm(b["end"])) for b in day.get("breaks", [])]
            while t + step <= end:
                hit = [b for b in breaks if t < b[1] and b[0] < t + step]
                if hit:
                    t = max(b[1] for b in hit)
                    continue
                self.slots.append((day["date"], t, t + step))
                t += step + co
        self.venues = [v["id"] for v in ev.get("venues", [{"id": "main"}])]
        self.rooms = ev["rooms"]

    def room_free(self, room, k):
        date, a, b = self.slots[k]
        return not any(w["date"] == date and hhmm(w["start"]) < b and a < hhmm(w["end"])
                       for w in room.get("unavailable", []))


def stats(ev, sched):
    """Meetings, idle slots, shortfalls, and venue changes (consecutive
    meetings of one participant on one day in different venues) with the
    participant-days having any, from a schedule.json."""
    index = {s: i for i, s in enumerate(ev.slots)}
    days = {}
    for m in sched["meetings"]:
        k = index[(m["date"], hhmm(m["start"]), hhmm(m["end"]))]
        for p in m.get("participants") or [m["sme"]] + list(m["investors"]):
            days.setdefault((p, m["date"]), []).append((k, m["venue"]))
    count = {}
    idle = changes = changed_days = 0
    for (p, _), ms in days.items():
        ms.sort()
        count[p] = count.get(p, 0) + len(ms)
        idle += ms[-1][0] - ms[0][0] + 1 - len(ms)
        c = sum(1 for a, b in zip(ms, ms[1:]) if a[1] != b[1])
        changes += c
        changed_days += c > 0
    short = sum(max(0, m - count.get(s, 0)) for s, m in ev.min.items())
    return dict(meetings=len(sched["meetings"]), idle=idle, shortfalls=short,
                changes=changes, changed_days=changed_days, pdays=len(days))


def solve(rs, event, out, limit, strategy=None):
    cmd = [rs, "schedule", event, "-o", out, "--time-limit", str(limit), "--formats", "json"]
    if strategy:
        cmd += ["--strategy", strategy]
    rc, secs, kb, err = run(cmd)
    with open(out.rstrip("/") + ".progress", "w", encoding="utf-8") as f:
        f.write(err)  # the progress lines, with their times, for study
    row = {"rc": rc, "seconds": secs, "kb": kb, "phases": phase_times(err)}
    if rc != 0:
        row["error"] = err.strip().splitlines()[-1:] or ["exit %d" % rc]
        return row
    s = load(os.path.join(out, "schedule.json"))
    row.update(status=s["status"], objective=s["objective"], bound=s["bound"], gap=s["gap"],
               strategy=s["solver"].get("strategy", "?"), cols=s["solver"].get("columns", 0),
               rows=s["solver"].get("rows", 0), solve_seconds=s["stats"]["seconds"])
    row.update(stats(Event(event), s))
    crc, _, _, cerr = run([rs, "check", event, os.path.join(out, "schedule.json")])
    row["check"] = "pass" if crc == 0 else "FAIL (%d)" % crc
    if crc != 0:
        row["check_error"] = cerr.strip().splitlines()[:3]
    return row


def phase_times(progress):
    """When each phase was first reported, from the progress lines
    ("[  12.3s] anneal ..."), as "anneal 12.3"; repeats are left out."""
    seen, out = set(), []
    for m in re.finditer(r"^\[\s*([0-9.]+)s\] (\S+)", progress, re.M):
        if m.group(2) not in seen:
            seen.add(m.group(2))
            out.append("%s %s" % (m.group(2), m.group(1)))
    return ", ".join(out)


def event_size(event):
    ev = Event(event)
    return len(ev.inv), len(ev.sme)


def pairs_of(rs, event):
    out = subprocess.run([rs, "validate", event], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if "candidate pairs" in line:
            return int(line.split()[-1])
    return 0


COL = re.compile(r"^(x|hear|pitch)_(?:([is])(\d+)_)?([is])(\d+)_k(\d+)_v(\d+)(?:_c\d+)?$")


def cbc_schedule(ev, sol_path):
    """CBC's solution as a schedule.json: the meeting columns set to 1,
    each given, largest first, the smallest free room of its venue that
    holds it (the model counts rooms per venue, slot and size)."""
    chosen, panels = [], {}
    with open(sol_path, encoding="utf-8") as f:
        f.readline()
        for line in f:
            parts = line.split()
            if len(parts) < 3 or float(parts[2]) < 0.5:
                continue
            m = COL.match(parts[1])
            if not m:
                continue
            kind, k, v = m.group(1), int(m.group(6)), int(m.group(7))
            who = [(ev.inv if t == "i" else ev.sme)[int(n) - 1]["id"]
                   for t, n in ((m.group(2), m.group(3)), (m.group(4), m.group(5))) if t]
            if kind == "x" and m.group(2) == "i" and m.group(4) == "s":
                chosen.append(((who[1], k - 1, v - 1), [who[0]]))
            elif kind == "x":  # a peer meeting: two SMEs or two investors
                chosen.append(((None, k - 1, v - 1), who))
            elif kind == "hear":
                panels.setdefault((who[1], k - 1, v - 1), []).append(who[0])
            else:
                panels.setdefault((who[0], k - 1, v - 1), [])
    chosen += [(key, invs) for key, invs in panels.items()]
    meetings, used = [], set()
    need = lambda c: (ev.team[c[0][0]] if c[0][0] else 0) + sum(ev.team[i] for i in c[1])
    order = lambda c: (-need(c), c[0][0] or "", c[0][1:], c[1])
    for (sme, k, v), invs in sorted(chosen, key=order):
        rooms = [r for r in ev.rooms if r.get("venue", "main") == ev.venues[v]
                 and (r["id"], k) not in used
                 and r.get("capacity", 2) >= need(((sme, k, v), invs)) and ev.room_free(r, k)]
        room = min(rooms, key=lambda r: (r.get("capacity", 2), r["id"]))
        used.add((room["id"], k))
        date, a, b = ev.slots[k]
        m = {"date": date, "start": "%02d:%02d" % divmod(a, 60),
             "end": "%02d:%02d" % divmod(b, 60), "venue": ev.venues[v], "room": room["id"],
             "sme": sme, "investors": sorted(invs)}
        if sme is None:  # a peer meeting: its two participants, as the schema says
            m["investors"] = sorted(i for i in invs if i in ev.inv_ids)
            m["participants"] = sorted(invs)
        meetings.append(m)
    meetings.sort(key=lambda m: (m["date"], m["start"], m["room"]))
    return {"format_version": 1, "meetings": meetings}


def peer(rs, event, work, limit):
    """CBC with PEER_FACTOR times the limit on the model roadshow writes:
    its objective and status as CBC reports them, and its schedule's
    figures (objective recomputed by roadshow check)."""
    if not shutil.which("cbc"):
        return {"note": "cbc not installed (Debian coinor-cbc): no peer figures"}
    lp = os.path.join(work, "model.lp")
    rc, secs, _, err = run([rs, "model", event, "-o", lp])
    if rc != 0:
        return {"note": "roadshow model failed: " + err.strip()}
    sol = os.path.join(work, "cbc.sol")
    cmd = ["cbc", lp, "sec", str(PEER_FACTOR * limit), "timeMode", "elapsed", "solve",
           "solu", sol]
    with open(os.path.join(work, "cbc.log"), "w") as log:
        rc, secs, kb, _ = run(cmd, stdout=log)
    text = open(os.path.join(work, "cbc.log"), encoding="utf-8").read()
    r = {"limit": PEER_FACTOR * limit, "seconds": secs, "kb": kb, "lp_mb": os.path.getsize(lp) / 1e6}
    st = re.search(r"^Result - (.*)$", text, re.M)
    r["status"] = st.group(1).strip() if st else "exit %d" % rc
    ob = re.search(r"^Objective value:\s+(\S+)", text, re.M)
    bd = re.search(r"^(?:Upper|Lower) bound:\s+(\S+)", text, re.M)
    if ob and abs(float(ob.group(1))) < 1e40 and "infeasible" not in r["status"].lower():
        r["objective"] = float(ob.group(1))
    if bd:
        r["bound"] = float(bd.group(1))
    if "objective" in r and os.path.exists(sol):
        ev = Event(event)
        s = cbc_schedule(ev, sol)
        path = os.path.join(work, "cbc-schedule.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(s, f, indent=1)
        p = subprocess.run([rs, "check", event, path], capture_output=True, text=True)
        got = re.search(r"objective (\S+)", p.stdout)
        r["check"] = "pass" if p.returncode == 0 else "FAIL (%d)" % p.returncode
        if got:
            r["checked"] = float(got.group(1))
        r.update({"s_" + k: v for k, v in stats(ev, s).items()})
    return r


def target_line(e, r):
    """The target of row e and whether its run r met it."""
    ok = r["rc"] == 0 and r.get("check") == "pass" and r["seconds"] <= e["secs"]
    extra = ""
    if e["secs"] > e["limit"] + 1:
        extra += ", whole run under %d s" % e["secs"]
    if "kb" in e:
        ok = ok and r["kb"] < e["kb"]
        extra += ", under %d GiB" % (e["kb"] // GIB_KB)
    if e["gap"] is None:
        ok = ok and r.get("shortfalls", float("inf")) <= e["short"]
        return "%s: at most %d meetings short in %d s: %s" % (
            e["name"], e["short"], e["limit"], "met" if ok else "NOT met")
    if e["gap"] == "peer":
        p = r.get("peer", {})
        if "objective" not in p and "limit" in p:
            # CBC ran its time and found none: any checked schedule beats it
            return "%s: at least CBC's objective (none in %d s) in %d s: %s" % (
                e["name"], p["limit"], e["limit"], "met" if ok else "NOT met")
        if "objective" not in p:
            return "%s: at least CBC's objective in %d s: not measured (%s)" % (
                e["name"], e["limit"], p.get("note", "CBC found no schedule"))
        ok = ok and r["objective"] >= p["objective"] - 1e-9
        return "%s: at least CBC's objective (%g in %d s) in %d s: %s" % (
            e["name"], p["objective"], p["limit"], e["limit"], "met" if ok else "NOT met")
    ok = ok and r["gap"] <= e["gap"] + 1e-12
    return "%s: gap <= %.1f%% in %d s%s: %s" % (e["name"], 100 * e["gap"], e["limit"], extra,
                                                "met" if ok else "NOT met")


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    build = sys.argv[1]
    args = sys.argv[2:]
    use_cbc = "--no-cbc" not in args
    only = set(a for a in args if a != "--no-cbc")
    known = {e["name"] for e in EVENTS}
    if only - known:
        print("bench: unknown event(s) %s; known: %s" % (
            " ".join(sorted(only - known)), " ".join(e["name"] for e in EVENTS)),
            file=sys.stderr)
        return 2
    rs = os.path.abspath(os.path.join(build, "roadshow"))
    gen = os.path.join(build, "bench", "gen")
    work = os.path.join(build, "bench")
    os.makedirs(work, exist_ok=True)
    subprocess.run(["cc", "-O2", "-o", gen, "bench/gen.c"], check=True)
    global PEAK
    PEAK = os.path.abspath(os.path.join(work, "peak"))
    subprocess.run(["cc", "-O2", "-o", PEAK, "bench/peak.c"], check=True)

    rows, failures = [], 0
    for e in EVENTS:
        name, limit = e["name"], e["limit"]
        if only and name not in only:
            continue
        if "gen" in e:
            event = os.path.join(work, "events", name)
            os.makedirs(os.path.dirname(event), exist_ok=True)
            subprocess.run([gen, event] + e["gen"], check=True)
        else:
            event = e["event"]
        ni, ns = event_size(event)
        print("bench: %s (%d x %d), limit %d s ... [load %s]" % (
            name, ni, ns, limit, " ".join("%.2f" % x for x in os.getloadavg())),
            file=sys.stderr, flush=True)
        r = solve(rs, event, os.path.join(work, "out", name), limit)
        r.update(name=name, participants=ni + ns, pairs=pairs_of(rs, event), limit=limit)
        failures += r["rc"] != 0 or r.get("check") != "pass"
        if e.get("direct"):
            d = solve(rs, event, os.path.join(work, "out", name + "-direct"), limit, "direct")
            d.update(name=name + " direct", participants=r["participants"], pairs=r["pairs"],
                     limit=limit)
            r["direct"] = d
            failures += d["rc"] != 0 or d.get("check") != "pass"
        with_peer = ni + ns <= PEER_PEOPLE or e.get("peer")
        if with_peer and not use_cbc:
            r["peer"] = {"note": "CBC not run (--no-cbc)"}
        elif with_peer:
            print("bench: %s with CBC, limit %d s ..." % (name, PEER_FACTOR * limit),
                  file=sys.stderr, flush=True)
            pw = os.path.join(work, "peer", name)
            os.makedirs(pw, exist_ok=True)
            r["peer"] = peer(rs, event, pw, limit)
        r["target"] = target_line(e, r)
        rows.append(r)

    head = ("event", "people", "pairs", "strategy", "cols", "rows", "limit", "seconds",
            "peak MB", "objective", "bound", "gap", "status", "idle", "short", "moves",
            "check")
    fmt = ("%-9s %6s %7s %-9s %7s %6s %5s %7s %7s %10s %10s %7s %-8s %5s %5s %5s %5s")
    print("load average: %s" % " ".join("%.2f" % x for x in os.getloadavg()))
    print(fmt % head)

    def line(r):
        if r["rc"] != 0:
            print("%-9s exit %d: %s" % (r["name"], r["rc"], " ".join(r.get("error", []))))
            return
        print(fmt % (r["name"], r["participants"], r["pairs"], r["strategy"], r["cols"],
                     r["rows"], r["limit"], "%.1f" % r["seconds"], "%.0f" % (r["kb"] / 1024),
                     "%g" % r["objective"], "%g" % r["bound"], "%.2f%%" % (100 * r["gap"]),
                     r["status"], r["idle"], r["shortfalls"], r["changes"], r["check"]))

    for r in rows:
        line(r)
        if "direct" in r:
            line(r["direct"])
    print()
    print("short: meetings missing below minimums; moves: venue changes between "
          "consecutive meetings")
    peers = [r for r in rows if "peer" in r]
    if peers:
        print()
        pfmt = "%-9s %10s %10s %8s %8s %9s %6s %6s %5s %5s %5s  %s"
        print(pfmt % ("event", "roadshow", "CBC", "ratio", "diff", "CBC bound", "secs",
                      "LP MB", "idle", "short", "moves", "CBC status, check"))
        for r in peers:
            p = r["peer"]
            if "objective" not in p or r["rc"] != 0:
                print("%-9s %10s %s" % (r["name"], "%g" % r.get("objective", float("nan")),
                                        p.get("note", p.get("status", "?"))))
                continue
            both = r["objective"] > 0 and p["objective"] > 0
            print(pfmt % (r["name"], "%g" % r["objective"], "%g" % p["objective"],
                          "%.3f" % (r["objective"] / p["objective"]) if both else "-",
                          "%+g" % (r["objective"] - p["objective"]),
                          "%g" % p.get("bound", float("nan")), "%.0f" % p["seconds"],
                          "%.1f" % p["lp_mb"], p.get("s_idle", "-"),
                          p.get("s_shortfalls", "-"), p.get("s_changes", "-"),
                          "%s, %s (objective %g)" % (p["status"], p.get("check", "-"),
                                                     p.get("checked", float("nan")))))
        print("ratio: roadshow / CBC when both are positive; diff: roadshow - CBC; idle, "
              "short, moves: of CBC's schedule")
    print()
    for r in rows:
        d = r.get("direct")
        if d and r["rc"] == 0 and d["rc"] == 0:
            print("%s: chosen strategy vs direct model: objective %g vs %g, "
                  "gap %.2f%% vs %.2f%%, time ratio %.2f" % (
                      r["name"], r["objective"], d["objective"], 100 * r["gap"],
                      100 * d["gap"], r["seconds"] / max(d["seconds"], 1e-9)))
    print("phases (seconds into the solve when each was first reported):")
    for r in rows:
        print("  %-9s %s" % (r["name"], r.get("phases", "")))
    print()
    for r in rows:
        print(r["target"])
    for r in rows:
        if "check_error" in r:
            print("%s check: %s" % (r["name"], " / ".join(r["check_error"])))
        if r.get("peer", {}).get("check", "pass") != "pass":
            print("%s: CBC's schedule failed roadshow check" % r["name"])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
