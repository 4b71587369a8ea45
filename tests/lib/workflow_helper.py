"""workflow_helper.py - the JSON steps of tests/workflow.sh.

    python3 tests/lib/workflow_helper.py STEP ARGS...

Each step edits or compares schedule and event files and exits 0 when its
check holds, 1 with the reason on stdout otherwise.  Participants and
meetings are picked from the files themselves (by counts, then ids), so the
steps hold for any schedule the solver writes.
"""
import json
import os
import shutil
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


def place(m):
    return (m["date"], m["start"], m["end"], m["room"])


def ident(m):
    return (m["sme"], tuple(sorted(m["investors"])))


def names(m, who):
    return (m["sme"] in who or any(i in who for i in m["investors"])
            or any(p in who for p in m.get("participants", [])))


def fail(msg):
    print(msg)
    sys.exit(1)


def step_cancel(ev, sched, ev2, old, cancel):
    """Removes the investor with the most meetings and makes the SME with
    the most meetings (not that investor's partner in a must request, and
    with no must request itself) unavailable; locks every third meeting of
    the others, at most 12."""
    s = load(sched)
    invs = load(os.path.join(ev, "investors.json"))
    smes = load(os.path.join(ev, "smes.json"))
    event = load(os.path.join(ev, "event.json"))
    count = {}
    for m in s["meetings"]:
        for p in [m["sme"]] + m["investors"]:
            count[p] = count.get(p, 0) + 1
    musts = set()
    for p in invs + smes:
        for r in p.get("requests", []):
            if r.get("priority") == "must":
                musts.add(p["id"])
                musts.add(r.get("sme", r.get("investor")))
    inv = max((i["id"] for i in invs if i["id"] in count),
              key=lambda x: (count[x], [-ord(c) for c in x]))
    sme = max((x["id"] for x in smes if x["id"] in count and x["id"] not in musts),
              key=lambda x: (count[x], [-ord(c) for c in x]))
    shutil.rmtree(ev2, ignore_errors=True)
    shutil.copytree(ev, ev2)
    invs = [i for i in invs if i["id"] != inv]
    for x in smes:
        x["requests"] = [r for r in x.get("requests", []) if r["investor"] != inv]
        x["avoid"] = [a for a in x.get("avoid", []) if a != inv]
        if x["id"] == sme:
            x.pop("available", None)
            x["unavailable"] = [{"date": d["date"], "start": d["start"], "end": d["end"]}
                                for d in event["days"]]
    save(os.path.join(ev2, "investors.json"), invs)
    save(os.path.join(ev2, "smes.json"), smes)
    n = 0
    for k, m in enumerate(s["meetings"]):
        if k % 3 == 0 and n < 12 and not names(m, {inv, sme}):
            m["locked"] = True
            n += 1
    save(old, s)
    with open(cancel, "w") as f:
        f.write("%s\n%s\n" % (inv, sme))
    if n == 0:
        fail("no meeting to lock")


def step_locked(old, new):
    o, n = load(old), load(new)
    locked = [m for m in o["meetings"] if m.get("locked")]
    have = {(place(m), ident(m)) for m in n["meetings"] if m.get("locked")}
    lost = [m["id"] for m in locked if (place(m), ident(m)) not in have]
    if not locked:
        fail("the previous schedule has no locked meeting")
    if lost:
        fail("locked meetings not kept as they were: " + ", ".join(lost))
    extra = len(have) - len(locked)
    if extra:
        fail("%d meetings are locked that were not" % extra)


def cancelled(path):
    with open(path) as f:
        return {line.strip() for line in f if line.strip()}


def step_absent(new, cancel):
    who = cancelled(cancel)
    bad = [m["id"] for m in load(new)["meetings"] if names(m, who)]
    if bad:
        fail("meetings of cancelled participants: " + ", ".join(bad))


def step_kept(old, new, cancel, pct):
    who = cancelled(cancel)
    n = load(new)["meetings"]
    at = {ident(m): place(m) for m in n}
    unaffected = [m for m in load(old)["meetings"] if not names(m, who)]
    kept = sum(1 for m in unaffected if at.get(ident(m)) == place(m))
    moved = sum(1 for m in unaffected if ident(m) in at and at[ident(m)] != place(m))
    dropped = len(unaffected) - kept - moved
    print("kept %d of %d unaffected meetings (%.1f%%), moved %d, dropped %d"
          % (kept, len(unaffected), 100.0 * kept / max(1, len(unaffected)), moved, dropped))
    if not unaffected or 100 * kept < float(pct) * len(unaffected):
        sys.exit(1)


def step_stats(new, diff):
    st, d = load(new)["stats"], load(diff)["summary"]
    for k in ("kept", "moved", "dropped", "added"):
        if st.get(k) != d[k]:
            fail("stats.%s is %s but roadshow diff counts %s" % (k, st.get(k), d[k]))
    # a panel that changed is counted only for group events
    if st.get("changed", 0) != d["changed"]:
        fail("stats.changed is %s but roadshow diff counts %s" % (st.get("changed"), d["changed"]))


def step_lock_every(sched, out, n):
    """Locks every n-th meeting of sched (the first, the n+1-th, ...) and
    unlocks the others; with gap caps the locked ones alone have gaps
    that only the others fill."""
    s = load(sched)
    for i, m in enumerate(s["meetings"]):
        m["locked"] = i % int(n) == 0
    save(out, s)


def step_unlock_one(new, out):
    s = load(new)
    i = next(k for k, m in enumerate(s["meetings"]) if m.get("locked"))
    del s["meetings"][i]
    for k in ("objective", "bound", "gap"):
        s.pop(k)
    save(out, s)


def step_set_move(ev, ev3, value):
    shutil.rmtree(ev3, ignore_errors=True)
    shutil.copytree(ev, ev3)
    e = load(os.path.join(ev3, "event.json"))
    e.setdefault("weights", {})["move"] = float(value)
    save(os.path.join(ev3, "event.json"), e)


def step_move_cost(new, value):
    st = load(new)["stats"]
    want = float(value) * (st["moved"] + st["dropped"])
    if abs(st["move_cost"] - want) > 1e-6:
        fail("move_cost %s, expected %s" % (st["move_cost"], want))


def step_lock_of(sched, who, out, other=""):
    """Locks every meeting of who that does not name other."""
    s = load(sched)
    n = 0
    for m in s["meetings"]:
        if names(m, {who}) and not names(m, {other}):
            m["locked"] = True
            n += 1
    save(out, s)
    if n == 0:
        fail("%s has no meeting" % who)


def step_corrupt(sched, out):
    s = load(sched)
    s["meetings"][0]["room"] = "no-such-room"
    s["meetings"][1]["start"] = "08:10"
    save(out, s)


def step_drop_peer(ev, sched, out_ev, cancel):
    """Removes the SME of the first peer meeting of two SMEs (its second
    participant) from a copy of the event, with every request and avoid
    naming it; writes its id to cancel."""
    m = next((m for m in load(sched)["meetings"]
              if m["sme"] is None and not m["investors"]), None)
    if m is None:
        fail("no peer meeting of two SMEs")
    gone = m["participants"][1]
    shutil.copytree(ev, out_ev)
    path = os.path.join(out_ev, "smes.json")
    smes = [p for p in load(path) if p["id"] != gone]
    for p in smes:
        for key in ("requests", "avoid"):
            if key in p:
                p[key] = [r for r in p[key] if gone not in (r if isinstance(r, str) else
                                                            r.get("sme", r.get("investor")),)]
    save(path, smes)
    with open(cancel, "w") as f:
        f.write(gone + "\n")


STEPS = {name[5:]: f for name, f in globals().items() if name.startswith("step_")}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in STEPS:
        fail("usage: workflow_helper.py STEP ARGS... (steps: %s)" % ", ".join(sorted(STEPS)))
    STEPS[sys.argv[1]](*sys.argv[2:])
