#!/usr/bin/env python3
"""csv_export.py - meetings.csv read with Python's csv module, against
schedule.json and the input files.

    python3 tests/csv_export.py build/roadshow

Schedules inputs/chengdu-2023 (--time-limit 5) and tests/data/csv/hostile
(names with commas, quotes, line breaks, leading formula characters,
Chinese), then checks for each: the UTF-8 byte order mark, CRLF after every
record and nowhere else outside quotes, the header, one row for every
meeting and investor of schedule.json exactly once and in its order (then
by investor id), every cell against schedule.json (ids, date, times, venue,
room, scores, locked) and the inputs (names, organisations, requests), no
text cell that starts like a formula, and that --formats csv writes it
alone.  Prints one line per check and exactly one line
"N passed, M failed"; exits 1 when M > 0.
"""

import collections
import csv
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVENTS = [("chengdu-2023", os.path.join(ROOT, "inputs", "chengdu-2023"), "5"),
          ("hostile", os.path.join(ROOT, "tests", "data", "csv", "hostile"), "2")]
HEADER = ["meeting_id", "date", "weekday", "start", "end", "venue_id", "venue_name",
          "room_id", "room_name", "sme_id", "sme_name", "investor_id", "investor_name",
          "investor_organisation", "score", "meeting_score", "investor_request",
          "sme_request", "locked"]
TEXT_COLUMNS = ["date", "venue_id", "venue_name", "room_id", "room_name", "sme_id",
                "sme_name", "investor_id", "investor_name", "investor_organisation"]
TRIGGERS = "=+-@\t\r"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NEUTRALISED = re.compile("^'(?='*[=+\\-@\t\r])")

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from tap import check, finish, not_ok, ok  # noqa: E402


def unneutralise(cell):
    """The input text behind a text cell: the exporter puts one quote in
    front of text matching ^'*[=+-@TAB CR]."""
    return NEUTRALISED.sub("", cell, count=1)


def crlf_problems(data):
    """Byte offsets where a CR or LF outside quotes is not part of CRLF,
    and whether the file ends with CRLF."""
    bad, quoted, i = [], False, 0
    while i < len(data):
        c = data[i:i + 1]
        if c == b'"':
            quoted = not quoted  # a doubled quote toggles twice
        elif not quoted and c == b"\r":
            if data[i + 1:i + 2] != b"\n":
                bad.append(i)
            i += 1
        elif not quoted and c == b"\n":
            bad.append(i)
        i += 1
    return bad, data.endswith(b"\r\n") and not quoted


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"))


def expected_rows(event_dir, schedule):
    """The rows meetings.csv must hold, from schedule.json and the inputs."""
    ev = load(os.path.join(event_dir, "event.json"))
    people = {}
    for kind in ("investors", "smes"):
        for p in load(os.path.join(event_dir, kind + ".json")):
            people[p["id"]] = p
    venues = {v["id"]: v.get("name", v["id"]) for v in ev.get("venues", [])}
    if not venues:
        venues = {"main": ev["name"]}
    rooms = {r["id"]: r.get("name", r["id"]) for r in ev["rooms"]}

    def prio(asker, other_key, other):
        for r in people[asker].get("requests", []):
            if r.get(other_key) == other:
                return r.get("priority", "normal")
        return ""

    rows = []
    for m in schedule["meetings"]:
        sme = people[m["sme"]]
        day = datetime.date.fromisoformat(m["date"])
        for inv_id in sorted(m["investors"], key=lambda s: s.encode("utf-8")):
            inv = people[inv_id]
            rows.append({
                "meeting_id": m["id"], "date": m["date"], "weekday": WEEKDAYS[day.weekday()],
                "start": m["start"], "end": m["end"],
                "venue_id": m["venue"], "venue_name": venues[m["venue"]],
                "room_id": m["room"], "room_name": rooms[m["room"]],
                "sme_id": sme["id"], "sme_name": sme["name"],
                "investor_id": inv_id, "investor_name": inv["name"],
                "investor_organisation": inv.get("organisation", ""),
                "meeting_score": m["score"],
                "investor_request": prio(inv_id, "sme", sme["id"]),
                "sme_request": prio(sme["id"], "investor", inv_id),
                "locked": "true" if m["locked"] else "false",
            })
    return rows


def number(cell):
    """A score cell as a number, None when it is not a plain number."""
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?", cell):
        return None
    return float(cell)


def check_event(rs, label, event_dir, limit, tmp):
    out = os.path.join(tmp, label)
    p = subprocess.run([rs, "schedule", event_dir, "-o", out, "--time-limit", limit,
                        "--quiet"], capture_output=True, timeout=300)
    if not check(p.returncode == 0, "%s: roadshow schedule exits 0" % label,
                 [p.stderr.decode("utf-8", "replace")]):
        return
    with open(os.path.join(out, "meetings.csv"), "rb") as f:
        data = f.read()
    schedule = load(os.path.join(out, "schedule.json"))

    check(data.startswith(b"\xef\xbb\xbf"), "%s: starts with the UTF-8 byte order mark" % label)
    try:
        text = data.decode("utf-8-sig")
        check(True, "%s: the file is UTF-8" % label)
    except UnicodeDecodeError as e:
        not_ok("%s: the file is UTF-8" % label, [e])
        return
    bad, ends = crlf_problems(data)
    check(not bad and ends, "%s: every record ends with CRLF, no bare CR or LF outside quotes"
          % label, ["bare line break at bytes %s" % bad[:10], "ends with CRLF: %s" % ends])
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as e:
        not_ok("%s: Python's csv module reads the file (strict)" % label, [e])
        return
    ok("%s: Python's csv module reads the file (strict)" % label)
    check(table and table[0] == HEADER, "%s: header row" % label, [table[:1]])
    rows = [dict(zip(HEADER, r)) for r in table[1:]]
    check(all(len(r) == len(HEADER) for r in table),
          "%s: every row has %d fields" % (label, len(HEADER)),
          [r for r in table if len(r) != len(HEADER)][:3])

    want = expected_rows(event_dir, schedule)
    pairs = collections.Counter((m["id"], i) for m in schedule["meetings"]
                                for i in m["investors"])
    got_pairs = collections.Counter((r["meeting_id"], unneutralise(r["investor_id"]))
                                    for r in rows)
    check(len(want) > 0 and got_pairs == pairs and max(got_pairs.values()) == 1,
          "%s: every meeting x investor of schedule.json exactly once (%d rows)"
          % (label, len(want)), [sorted((got_pairs - pairs).items())[:5],
                                 sorted((pairs - got_pairs).items())[:5]])

    order_bad, value_bad, score_bad = [], [], []
    for n, (g, w) in enumerate(zip(rows, want), 2):
        if (g["meeting_id"], unneutralise(g["investor_id"])) != (w["meeting_id"],
                                                                 w["investor_id"]):
            order_bad.append("line %d: %s %s, want %s %s" % (n, g["meeting_id"],
                             g["investor_id"], w["meeting_id"], w["investor_id"]))
            continue
        for col in HEADER:
            if col in ("score", "meeting_score"):
                continue
            cell = unneutralise(g[col]) if col in TEXT_COLUMNS else g[col]
            if cell != w[col]:
                value_bad.append("line %d %s: %r, want %r" % (n, col, g[col], w[col]))
        ms = number(g["meeting_score"])
        if ms is None or abs(ms - w["meeting_score"]) > 1e-9:
            score_bad.append("line %d meeting_score %r, schedule.json %r"
                             % (n, g["meeting_score"], w["meeting_score"]))
    check(not order_bad and len(rows) == len(want),
          "%s: rows in schedule.json's order, then investor id" % label, order_bad)
    check(not value_bad, "%s: dates, times, venues, rooms, names, requests and locked equal "
          "schedule.json and the inputs" % label, value_bad)

    sums = collections.defaultdict(float)
    for r in rows:
        s = number(r["score"])
        if s is None:
            score_bad.append("score %r is not a number" % r["score"])
        else:
            sums[r["meeting_id"]] += s
    for m in schedule["meetings"]:
        if abs(sums[m["id"]] - m["score"]) > 1e-9:
            score_bad.append("%s: row scores add up to %r, schedule.json %r"
                             % (m["id"], sums[m["id"]], m["score"]))
    check(not score_bad, "%s: scores are plain numbers; meeting_score and the sum of the row "
          "scores equal schedule.json's score" % label, score_bad)

    formula = ["line %d %s: %r" % (n, c, r[c]) for n, r in enumerate(rows, 2)
               for c in TEXT_COLUMNS if r[c][:1] and r[c][0] in TRIGGERS]
    check(not formula, "%s: no text cell starts with = + - @ tab or CR" % label, formula)

    alone = os.path.join(tmp, label + "-csv-only")
    cmd = [rs, "schedule", event_dir, "-o", alone, "--time-limit", "1", "--quiet",
           "--formats", "csv"]
    p = subprocess.run(cmd, capture_output=True, timeout=300)
    names = sorted(os.listdir(alone)) if os.path.isdir(alone) else []
    check(p.returncode == 0 and names == ["meetings.csv"],
          "%s: --formats csv writes meetings.csv alone" % label,
          [p.stderr.decode("utf-8", "replace"), names])


def main():
    if len(sys.argv) != 2:
        print("usage: python3 tests/csv_export.py PATH/TO/roadshow", file=sys.stderr)
        return 2
    rs = os.path.abspath(sys.argv[1])
    tmp = tempfile.mkdtemp(prefix="roadshow-csv.")
    try:
        for label, event_dir, limit in EVENTS:
            check_event(rs, label, event_dir, limit, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
