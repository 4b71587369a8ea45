#!/usr/bin/env python3
"""schemas.py - checks the JSON Schemas in schemas/ against the metaschema,
the bundled inputs, the schedules roadshow writes, the README's examples and
the reader itself.

    python3 tests/schemas.py build/roadshow

Needs python3-jsonschema (Draft 2020-12).  Prints one line per check ("ok -"
or "not ok -", with details indented under a failure), then exactly one line
"N passed, M failed"; exits 1 when M > 0.

The schemas must stay in step with the code, so besides validating files this
test puts the schemas and `roadshow validate` side by side:

- the property names of each input object equal the key list the reader
  accepts for it (the *_KEYS arrays of scheduler/reader.c);
- a "kitchen-sink" event uses every property of every input schema, and the
  reader accepts it;
- every place of that event is mutated (misspelt and x- keys, a missing
  member, wrong types, each end of every range and one past it, each enum
  value and a wrong one, bad times, dates and ids, too long or empty
  strings, too few, too many or repeated items) and the schema and the
  reader must agree, at that JSON path, on whether it is a problem;
- each case in tests/data/bad whose problem a schema can express is rejected
  by the schema at the path the reader names (SCHEMA_LEVEL below), and the
  schema accepts every other case that is JSON at all.
"""

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover - reported as a failure below
    jsonschema = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_DIR = os.path.join(ROOT, "schemas")
DATA = os.path.join(ROOT, "tests", "data")
INPUTS = ("event", "investors", "smes")
ALL_SCHEMAS = INPUTS + ("schedule",)
META = "https://json-schema.org/draft/2020-12/schema"

# Cases of tests/data/bad whose problem a JSON Schema can express, each with
# the (file, reader JSON path) the schema must flag.  Every path must also
# be named in the case's "expect".  Cases not listed here (unknown or
# duplicate ids, times out of order, broken JSON or UTF-8, ...) are left to
# the reader, and the schemas must accept their files when they parse.
SCHEMA_LEVEL = {
    "bad-calendar-date": [("event.json", "days[0].date")],
    "bad-id-characters": [("smes.json", "[1].id")],
    "interest-1e400": [("investors.json", "[0].sectors.crypto")],
    "interest-6": [("investors.json", "[0].sectors.crypto")],
    "interest-minus-1e400": [("investors.json", "[0].sectors.crypto")],
    "missing-required": [("smes.json", "[1].name")],
    "missing-slot-minutes": [("event.json", "slot_minutes")],
    "negative-capacity": [("event.json", "rooms[0].capacity")],
    "number-1e400": [("event.json", "weights.primary_sector")],
    "participants-not-array": [("investors.json", "(top level)")],
    "several-problems": [("investors.json", "[1].team_size"),
                         ("investors.json", "[1].available[0].end"),
                         ("smes.json", "[1].colour")],
    "several-problems-event": [("event.json", "rooms[0].capacity"),
                               ("event.json", "rules.format"),
                               ("event.json", "weights.stage"),
                               ("event.json", "weights.idle"),
                               ("event.json", "solver.time_limit_seconds")],
    "several-problems-masked": [("event.json", "note"), ("event.json", "days[0].end")],
    "sme-without-sectors": [("smes.json", "[1].sectors")],
    "request-names-both": [("smes.json", "[0].requests[1]")],
    "team-size-fraction": [("smes.json", "[0].team_size")],
    "time-25h": [("event.json", "days[0].start")],
    "time-60min": [("investors.json", "[1].available[0].end")],
    "unknown-field": [("event.json", "rooms[0].capactiy")],
    "unknown-field-participant": [("smes.json", "[1].website")],
    "unknown-format": [("event.json", "rules.format")],
    "unknown-priority": [("smes.json", "[0].requests[0].priority")],
    "wrong-type": [("event.json", "slot_minutes")],
    "wrong-type-sectors": [("investors.json", "[1].sectors")],
}

# Each key list of scheduler/reader.c and the input-schema objects
# (file, JSON pointer) whose properties it must equal.
KEY_LISTS = {
    "EVENT_KEYS": [("event", "")],
    "DAY_KEYS": [("event", "/$defs/day")],
    "BREAK_KEYS": [("event", "/$defs/break")],
    "NAMED_KEYS": [("event", "/$defs/venue"), ("event", "/$defs/sector")],
    "TRAVEL_KEYS": [("event", "/$defs/travel")],
    "ROOM_KEYS": [("event", "/$defs/room")],
    "WINDOW_KEYS": [("event", "/$defs/window"), ("investors", "/$defs/window"),
                    ("smes", "/$defs/window")],
    "RULE_KEYS": [("event", "/properties/rules")],
    "WEIGHT_KEYS": [("event", "/properties/weights")],
    "SOLVER_KEYS": [("event", "/properties/solver")],
    "INVESTOR_KEYS": [("investors", "/$defs/investor")],
    "SME_KEYS": [("smes", "/$defs/sme")],
    "REQ_KEYS": [("investors", "/$defs/request"), ("smes", "/$defs/request")],
}


def window(date, start, end):
    return {"date": date, "start": start, "end": end}


# An event that uses every property of every input schema (checked below).
KITCHEN_SINK = {
    "event": {
        "name": "Schema coverage roadshow",
        "timezone": "Asia/Shanghai",
        "slot_minutes": 30,
        "changeover_minutes": 5,
        "days": [
            {"date": "2024-02-29", "start": "09:00", "end": "12:00",
             "breaks": [{"start": "10:10", "end": "10:30", "label": "Tea"}]},
            {"date": "2024-03-01", "start": "20:00", "end": "24:00"},
        ],
        "venues": [{"id": "gaoxin", "name": "Gaoxin park"}, {"id": "tianfu"}],
        "travel_minutes": [{"from": "gaoxin", "to": "tianfu", "minutes": 20}],
        "rooms": [
            {"id": "g-1", "name": "Room G1", "venue": "gaoxin", "capacity": 8,
             "unavailable": [window("2024-02-29", "11:00", "12:00")]},
            {"id": "t-1", "venue": "tianfu"},
        ],
        "sectors": [{"id": "crypto", "name": "Cryptography"}, {"id": "cloud"}],
        "rules": {"format": "one_to_one", "sme_min_meetings": 1, "sme_max_meetings": 4,
                  "investor_max_meetings": 6, "max_consecutive_meetings": 3,
                  "group_min_investors": 2, "max_idle_gaps": 3},
        "weights": {"primary_sector": 2, "secondary_sector": 1, "stage": 2,
                    "request_normal": 5, "request_high": 10,
                    "min_meetings_shortfall": 100, "idle_slot": 1, "idle_gap": 1, "move": 10},
        "solver": {"time_limit_seconds": 10, "mip_gap": 0},
        "x-organiser": "Chengdu office",
    },
    "investors": [
        {"id": "inv-1", "name": "Tianfu Capital", "organisation": "Tianfu Capital Partners",
         "sectors": {"crypto": 5, "cloud": 1}, "stages": ["A", "seed"], "team_size": 1,
         "available": [window("2024-02-29", "09:00", "12:00"),
                       window("2024-03-01", "20:00", "24:00")],
         "unavailable": [window("2024-03-01", "23:00", "24:00")],
         "min_meetings": 1, "max_meetings": 5, "max_consecutive_meetings": 2,
         "max_idle_gaps": 1,
         "requests": [{"sme": "sme-1", "priority": "high",
                       "windows": [window("2024-02-29", "09:00", "12:00")]},
                      {"investor": "inv-2"}], "avoid": ["sme-3", "inv-3"],
         "x-crm": 17},
        {"id": "inv-2", "name": "Shu Ventures", "sectors": {"crypto": 3}},
        {"id": "inv-3", "name": "Jinjiang Fund", "sectors": {"crypto": 2, "cloud": 4}},
    ],
    "smes": [
        {"id": "sme-1", "name": "Rong'an Crypto", "organisation": "Rong'an Ltd",
         "sectors": ["crypto", "cloud"], "stage": "A", "team_size": 2,
         "available": [window("2024-02-29", "09:00", "12:00")],
         "unavailable": [window("2024-02-29", "09:00", "09:30")],
         "min_meetings": 1, "max_meetings": 3, "max_consecutive_meetings": 2,
         "max_idle_gaps": 2,
         "requests": [{"investor": "inv-2", "priority": "normal",
                       "windows": [window("2024-02-29", "09:30", "12:00")]},
                      {"sme": "sme-2", "priority": "high"}], "avoid": ["inv-3"]},
        {"id": "sme-2", "name": "Jincheng Cloud", "sectors": ["cloud"], "stage": "B"},
        {"id": "sme-3", "name": "Shudun Chips", "sectors": ["crypto"]},
    ],
}

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from tap import check, finish, not_ok, ok  # noqa: E402


def load_json_bytes(data):
    """Parses JSON bytes; None when they are not JSON (or not UTF-8)."""
    try:
        return json.loads(data)
    except ValueError:
        return None


def load_json(path):
    with open(path, "rb") as f:
        return load_json_bytes(f.read())


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)
        f.write("\n")


# ------------------------------------------------------------ schemas

def pointer_get(doc, ptr):
    node = doc
    for part in ptr.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def resolve(doc, node, ptr):
    """Follows local $refs; returns (node, pointer)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#") or seen > 20:
            raise ValueError("unsupported $ref %r at %s" % (ref, ptr))
        ptr = ref[1:]
        node = pointer_get(doc, ptr)
        seen += 1
    return node, ptr


def object_nodes(doc):
    """Every object schema with properties, as (pointer, node), outside
    if/then/else (which only add constraints)."""
    out = []

    def visit(node, ptr):
        if isinstance(node, dict):
            if "properties" in node and not re.search(r"/(if|then|else)(/|$)", ptr):
                out.append((ptr, node))
            for k, v in node.items():
                if k in ("enum", "const", "default", "required"):
                    continue
                visit(v, ptr + "/" + k.replace("~", "~0").replace("/", "~1"))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                visit(v, "%s/%d" % (ptr, i))

    visit(doc, "")
    return out


def validator(schema):
    return Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def check_schemas():
    schemas = {}
    for name in ALL_SCHEMAS:
        path = os.path.join(SCHEMA_DIR, name + ".schema.json")
        label = "schemas/%s.schema.json" % name
        try:
            with open(path, "rb") as f:
                text = f.read()
            schema = json.loads(text)
        except (OSError, ValueError) as e:
            not_ok(label + " is readable JSON", [e])
            continue
        try:
            Draft202012Validator.check_schema(schema)
            ok(label + " is a valid Draft 2020-12 schema")
        except jsonschema.exceptions.SchemaError as e:
            not_ok(label + " is a valid Draft 2020-12 schema", [e.message])
            continue
        problems = []
        if schema.get("$schema") != META:
            problems.append("$schema is %r" % schema.get("$schema"))
        if not str(schema.get("$id", "")).endswith("/" + name + ".schema.json"):
            problems.append("$id %r does not end with the file name" % schema.get("$id"))
        for key in ("title", "description"):
            if not schema.get(key):
                problems.append("no " + key)
        for ptr, node in object_nodes(schema):
            for prop, sub in node["properties"].items():
                if not isinstance(sub, dict) or not (
                        sub.get("description") or resolve(schema, sub, "")[0].get("description")):
                    problems.append("%s/properties/%s has no description" % (ptr, prop))
        try:
            text.decode("utf-8")
            if not text.endswith(b"\n") or b"\r" in text or b"\t" in text:
                problems.append("not LF-terminated lines without tabs")
        except UnicodeDecodeError:
            problems.append("not UTF-8")
        check(not problems, label + ": $schema, $id, title and a description of every property",
              problems)
        schemas[name] = schema
    # the definitions the files share must not drift apart
    shared = {}
    for name, schema in schemas.items():
        for d, node in schema.get("$defs", {}).items():
            shared.setdefault(d, []).append((name, node))
    for d in ("id", "date", "time", "window", "windows", "priority"):
        inputs = [(n, node) for n, node in shared.get(d, []) if n in INPUTS]
        if d in ("date", "time"):
            inputs += [(n, node) for n, node in shared.get(d, []) if n == "schedule"]
        check(len(inputs) >= 2 and all(node == inputs[0][1] for _, node in inputs),
              "$defs/%s is the same in %s" % (d, ", ".join(n for n, _ in inputs)))
    return schemas


# ------------------------------------------------------------ paths

def reader_path(ipath):
    """A JSON path as the reader prints it: days[0].start, [1].id."""
    s = ""
    for p in ipath:
        if isinstance(p, int):
            s += "[%d]" % p
        else:
            s += ("." if s else "") + p
    return s or "(top level)"


def parse_reader_path(s):
    if s == "(top level)":
        return []
    out = []
    for m in re.finditer(r"\[(\d+)\]|\.?([^.\[]+)", s):
        out.append(int(m.group(1)) if m.group(1) is not None else m.group(2))
    return out


def schema_flags(errors, ipath):
    """Whether a schema error is at ipath or below it, or names its last
    key as missing or not allowed in the parent object.  errors may be a
    lazy iterator: it stops at the first such error, so that a list far too
    long is not validated item by item."""
    n = len(ipath)
    for e in errors:
        p = list(e.absolute_path)
        if p[:n] == ipath:
            return True
        if n and isinstance(ipath[-1], str) and p == ipath[:-1] and \
                e.validator in ("required", "additionalProperties", "propertyNames") and \
                ("'%s'" % ipath[-1]) in e.message:
            return True
    return False


def reader_flags(lines, fname, ipath):
    """Whether the reader reported a problem of fname at ipath or below."""
    rp = reader_path(ipath)
    head = "%s: %s" % (fname, rp)
    for line in lines:
        if line.startswith(head):
            rest = line[len(head):]
            if rp == "(top level)" or rest[:1] in (":", ".", "["):
                return True
    return False


_validators = {}


def schema_errors(schemas, kind, value, lazy=False):
    if kind not in _validators:
        _validators[kind] = validator(schemas[kind])
    errors = _validators[kind].iter_errors(value)
    return errors if lazy else list(errors)


# ------------------------------------------------------------ runs

def run(args, timeout=120):
    try:
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return -1, "", str(e)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def validate_dir(rs, d):
    rc, _, err = run([rs, "validate", d])
    return rc, err.splitlines()


def event_dirs():
    """Every folder holding an event.json under inputs/ and tests/data/,
    except the bad cases."""
    out = []
    for top in (os.path.join(ROOT, "inputs"), DATA):
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            if os.path.relpath(dirpath, DATA).split(os.sep)[0] == "bad":
                dirnames[:] = []
                continue
            if "event.json" in filenames:
                out.append(dirpath)
    return sorted(out)


def check_inputs(rs, schemas):
    dirs = event_dirs()
    check(any("/opt/" in d for d in dirs) and any("/inputs/" in d for d in dirs),
          "found the bundled sample and the tests/data events (%d folders)" % len(dirs))
    for d in dirs:
        rel = os.path.relpath(d, ROOT)
        rc, lines = validate_dir(rs, d)
        must_be_valid = rel.startswith("inputs/") or "/opt/" in "/" + rel or \
            "/infeasible/" in "/" + rel
        if rc not in (0, 3):
            if must_be_valid:
                not_ok("%s: roadshow validate accepts it (exit %d)" % (rel, rc), lines)
            else:
                ok("%s: skipped, roadshow validate rejects it (exit %d)" % (rel, rc))
            continue
        problems = []
        for kind in INPUTS:
            value = load_json(os.path.join(d, kind + ".json"))
            if value is None:
                problems.append("%s.json is not JSON" % kind)
                continue
            for e in schema_errors(schemas, kind, value):
                problems.append("%s.json: %s: %s" % (kind, reader_path(list(e.absolute_path)),
                                                     e.message[:200]))
        check(not problems, "%s: the three input files match their schemas" % rel, problems)


def check_bad_cases(schemas):
    bad = os.path.join(DATA, "bad")
    cases = sorted(c for c in os.listdir(bad) if os.path.isdir(os.path.join(bad, c)))
    missing = sorted(set(SCHEMA_LEVEL) - set(cases))
    check(not missing, "every case listed as schema-level exists in tests/data/bad", missing)
    for case in cases:
        d = os.path.join(bad, case)
        with open(os.path.join(d, "expect"), encoding="utf-8") as f:
            expect = [line.rstrip("\n") for line in f if line.strip()]
        values = {}
        for kind in INPUTS:
            values[kind + ".json"] = load_json(os.path.join(d, kind + ".json"))
        if case in SCHEMA_LEVEL:
            problems = []
            for fname, path in SCHEMA_LEVEL[case]:
                if not any(line.startswith("%s: %s:" % (fname, path)) or
                           (path == "(top level)" and line.startswith(fname + ": "))
                           for line in expect):
                    problems.append("%s: %s is not named in expect" % (fname, path))
                value = values.get(fname)
                if value is None:
                    problems.append("%s is not JSON" % fname)
                    continue
                errs = schema_errors(schemas, fname[:-5], value)
                if not schema_flags(errs, parse_reader_path(path)):
                    problems.append("%s: %s: the schema does not flag it (%s)" % (
                        fname, path, "; ".join(e.message[:80] for e in errs) or "no error"))
            check(not problems, "bad/%s: the schema rejects it where the reader does (%s)" % (
                case, ", ".join(p for _, p in SCHEMA_LEVEL[case])), problems)
        else:
            problems = []
            parsed = 0
            for fname, value in values.items():
                if value is None:
                    continue
                parsed += 1
                for e in schema_errors(schemas, fname[:-5], value):
                    problems.append("%s: %s: %s" % (fname, reader_path(list(e.absolute_path)),
                                                    e.message[:200]))
            if parsed < 3:
                ok("bad/%s: not JSON, left to the reader" % case)
            else:
                check(not problems, "bad/%s: left to the reader; the schemas accept its files "
                      "(else list it in SCHEMA_LEVEL)" % case, problems)


def check_rescheduled(rs, schemas, tmp, rel, key, used):
    """Schedules tests/data/REL, then again with that schedule as
    --previous: the second schedule.json matches the schema and has
    stats.KEY; its keys are added to used."""
    d = os.path.join(DATA, rel)
    first = os.path.join(tmp, "prev-first-" + key)
    again = os.path.join(tmp, "prev-again-" + key)
    rc1, _, err1 = run([rs, "schedule", d, "-o", first, "--time-limit", "5", "--quiet"])
    rc, _, err = run([rs, "schedule", d, "-o", again, "--time-limit", "5", "--quiet",
                      "--previous", os.path.join(first, "schedule.json")])
    sched = load_json(os.path.join(again, "schedule.json")) if rc1 == 0 and rc == 0 else None
    errs = schema_errors(schemas, "schedule", sched) if sched is not None else []
    check(sched is not None and not errs and key in sched["stats"],
          "tests/data/%s with --previous: schedule.json matches the schema" % rel,
          (err1 + err).splitlines() + [e.message[:200] for e in errs])
    if sched is not None:
        collect_keys(schemas["schedule"], schemas["schedule"], sched, "", used)


def check_schedules(rs, schemas, tmp):
    """Schedules the samples, every tests/data/opt event, every solvable
    tests/data/group event and the kitchen sink; validates each
    schedule.json and compares the written schemas."""
    dirs = [os.path.join(ROOT, "inputs", "chengdu-2023"),
            os.path.join(ROOT, "inputs", "chengdu-2023-pitch-day")]
    opt = os.path.join(DATA, "opt")
    dirs += [os.path.join(opt, c) for c in sorted(os.listdir(opt))
             if os.path.isfile(os.path.join(opt, c, "event.json"))]
    grp = os.path.join(DATA, "group")
    dirs += [os.path.join(grp, c) for c in sorted(os.listdir(grp))
             if os.path.isfile(os.path.join(grp, c, "expected"))]
    sink = os.path.join(tmp, "kitchen-sink")
    os.makedirs(sink)
    for kind in INPUTS:
        write_json(os.path.join(sink, kind + ".json"), KITCHEN_SINK[kind])
    dirs.append(sink)
    repo = {}
    for name in sorted(os.listdir(SCHEMA_DIR)):
        if name.endswith(".schema.json"):
            with open(os.path.join(SCHEMA_DIR, name), "rb") as f:
                repo[name] = f.read()
    used = set()
    for i, d in enumerate(dirs):
        rel = os.path.relpath(d, ROOT) if d != sink else "kitchen-sink event"
        out = os.path.join(tmp, "out-%d" % i)
        limit = "10" if d.endswith("chengdu-2023") else "5"  # the sample is the large one
        rc, _, err = run([rs, "schedule", d, "-o", out, "--time-limit", limit, "--quiet"])
        if not check(rc == 0, "%s: roadshow schedule --time-limit %s exits 0" % (rel, limit),
                     err.splitlines()):
            continue
        sched = load_json(os.path.join(out, "schedule.json"))
        errs = schema_errors(schemas, "schedule", sched) if sched is not None else []
        check(sched is not None and not errs,
              "%s: schedule.json matches schedule.schema.json" % rel,
              ["%s: %s" % (reader_path(list(e.absolute_path)), e.message[:200]) for e in errs]
              or ["not JSON"])
        if sched is not None:
            collect_keys(schemas["schedule"], schemas["schedule"], sched, "", used)
        sdir = os.path.join(out, "schemas")
        written = sorted(os.listdir(sdir)) if os.path.isdir(sdir) else []
        diff = [n for n in sorted(set(written) | set(repo))
                if n not in repo or n not in written or
                open(os.path.join(sdir, n), "rb").read() != repo[n]]
        check(written and not diff,
              "%s: OUT/schemas/ holds schemas/*.schema.json byte for byte" % rel,
              ["differs or missing: " + n for n in diff] or ["no OUT/schemas folder"])
    # re-scheduling adds the optional stats of --previous, and, for a group
    # event, the count of pitches whose panel changed
    for rel, key in (("opt/requests", "move_cost"), ("group/split-panels", "changed")):
        check_rescheduled(rs, schemas, tmp, rel, key, used)
    missing = [p for p in all_properties(schemas["schedule"]) if p not in used]
    check(not missing, "every property of schedule.schema.json appears in a written schedule",
          missing)

    # --formats picks the schemas alone, or leaves them out
    d = os.path.join(opt, "requests")
    out = os.path.join(tmp, "only-schema")
    rc, _, err = run([rs, "schedule", d, "-o", out, "--time-limit", "5", "--quiet",
                      "--formats", "schema"])
    names = sorted(os.listdir(out)) if os.path.isdir(out) else []
    snames = sorted(os.listdir(os.path.join(out, "schemas"))) \
        if os.path.isdir(os.path.join(out, "schemas")) else []
    check(rc == 0 and names == ["schemas"] and snames == sorted(repo),
          "--formats schema writes OUT/schemas/ and nothing else",
          ["exit %d, wrote %s, schemas/ %s" % (rc, names, snames)] + err.splitlines())
    out = os.path.join(tmp, "only-json")
    rc, _, err = run([rs, "schedule", d, "-o", out, "--time-limit", "5", "--quiet",
                      "--formats", "json"])
    names = sorted(os.listdir(out)) if os.path.isdir(out) else []
    check(rc == 0 and names == ["schedule.json"],
          "--formats json writes no schemas", ["exit %d, wrote %s" % (rc, names)])


# ------------------------------------------------------------ coverage

def all_properties(schema):
    """Every (object pointer, property) of a schema, plus each
    additionalProperties schema as (pointer, "*")."""
    out = []
    for ptr, node in object_nodes(schema):
        out += ["%s:%s" % (ptr, k) for k in node["properties"]]
        if isinstance(node.get("additionalProperties"), dict):
            out.append("%s:*" % ptr)
    for ptr, node in object_nodes_any(schema):
        if isinstance(node.get("additionalProperties"), dict) and "properties" not in node:
            out.append("%s:*" % ptr)
    return sorted(set(out))


def object_nodes_any(doc):
    out = []

    def visit(node, ptr):
        if isinstance(node, dict):
            if node.get("type") == "object" and not re.search(r"/(if|then|else)(/|$)", ptr):
                out.append((ptr, node))
            for k, v in node.items():
                if k not in ("enum", "const", "default", "required"):
                    visit(v, ptr + "/" + k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                visit(v, "%s/%d" % (ptr, i))

    visit(doc, "")
    return out


def collect_keys(doc, node, value, ptr, used, sites=None, ipath=()):
    """Walks value along the schema; records "pointer:key" of every
    property used, and, when sites is a dict, one mutation site per
    generalised instance path: (ipath, site pointer, resolved node)."""
    node, ptr = resolve(doc, node, ptr)
    if sites is not None:
        gen = tuple("*" if isinstance(p, int) else p for p in ipath)
        sites.setdefault(gen, (list(ipath), ptr, node))
    if isinstance(value, dict) and isinstance(node, dict):
        props = node.get("properties", {})
        for k, v in value.items():
            if k in props:
                used.add("%s:%s" % (ptr, k))
                collect_keys(doc, props[k], v, "%s/properties/%s" % (ptr, k), used, sites,
                             ipath + (k,))
            elif isinstance(node.get("additionalProperties"), dict):
                used.add("%s:*" % ptr)
                collect_keys(doc, node["additionalProperties"], v,
                             ptr + "/additionalProperties", used, sites, ipath + (k,))
    elif isinstance(value, list) and isinstance(node, dict) and "items" in node:
        for i, v in enumerate(value):
            collect_keys(doc, node["items"], v, ptr + "/items", used, sites, ipath + (i,))


def check_key_lists(schemas):
    """The property names of each input object equal the reader's key list."""
    with open(os.path.join(ROOT, "scheduler", "reader.c"), encoding="utf-8") as f:
        src = f.read()
    lists = {}
    for m in re.finditer(r"static\s+const\s+char\s*\*\s*const\s+(\w+_KEYS)\s*\[\]\s*=\s*"
                         r"\{(.*?)\}\s*;", src, re.S):
        lists[m.group(1)] = re.findall(r'"([^"\\]*)"', m.group(2))
    check(len(lists) >= 10, "found the reader's key lists in scheduler/reader.c (%d)" % len(lists))
    unmapped = sorted(set(lists) - set(KEY_LISTS))
    check(not unmapped, "every key list of reader.c is mapped to a schema object", unmapped)
    mapped = set()
    for name, targets in sorted(KEY_LISTS.items()):
        if name not in lists:
            not_ok("reader.c still has %s" % name)
            continue
        for kind, ptr in targets:
            mapped.add((kind, ptr))
            try:
                node = pointer_get(schemas[kind], ptr)
            except (KeyError, IndexError, ValueError):
                not_ok("%s.schema.json has %s" % (kind, ptr or "/"))
                continue
            props = set(node.get("properties", {}))
            want = set(lists[name])
            check(props == want and node.get("additionalProperties") is False and
                  list(node.get("patternProperties", {})) == ["^x-"],
                  "%s.schema.json#%s: properties are %s of reader.c, others only x-" % (
                      kind, ptr, name),
                  ["only in the schema: %s" % sorted(props - want),
                   "only in the reader: %s" % sorted(want - props),
                   "additionalProperties %r, patternProperties %r" % (
                       node.get("additionalProperties"), node.get("patternProperties"))])
    strict = sorted("%s#%s" % (kind, ptr) for kind in INPUTS
                    for ptr, node in object_nodes(schemas[kind])
                    if node.get("additionalProperties") is False and (kind, ptr) not in mapped)
    check(not strict, "every closed object of the input schemas has a reader key list", strict)


def check_coverage(schemas):
    used = set()
    for kind in INPUTS:
        collect_keys(schemas[kind], schemas[kind], KITCHEN_SINK[kind], "", used)
    missing = [kind + "#" + p for kind in INPUTS for p in all_properties(schemas[kind])
               if p not in used]
    check(not missing, "the kitchen-sink event uses every property of the input schemas",
          missing)
    for kind in INPUTS:
        errs = schema_errors(schemas, kind, KITCHEN_SINK[kind])
        check(not errs, "the kitchen-sink %s.json matches its schema" % kind,
              ["%s: %s" % (reader_path(list(e.absolute_path)), e.message) for e in errs])


# ------------------------------------------------------------ mutations

def set_at(value, ipath, new):
    node = value
    for p in ipath[:-1]:
        node = node[p]
    node[ipath[-1]] = new


def delete_at(value, ipath):
    node = value
    for p in ipath[:-1]:
        node = node[p]
    del node[ipath[-1]]


def wrong_type(node):
    t = node.get("type")
    if t == "string":
        return 42
    if t in ("integer", "number"):
        return "7"
    if t == "array":
        return {"a": 1}
    if t == "object":
        return [1]
    return None


BAD_STRINGS = {
    "/$defs/time": ["24:01", "9:00", "12:60", "25:00", "09:00:00", "noon"],
    "/$defs/date": ["2023-02-30", "2023-02-29", "1969-12-31", "2023-5-18", "20230518"],
    "/$defs/id": [".hidden", "a b", "x" * 65, "", "caf\u00e9", "a/b"],
    "/properties/timezone": ["Asia/../etc", "/etc/localtime", "Asia Shanghai", ""],
}


def mutations(ipath, ptr, node, value):
    """(description, function making the mutated file, expected: True when
    both must reject, False when both must accept, None when they must only
    agree) for one site."""
    out = []
    t = node.get("type")
    if isinstance(value, dict) and node.get("additionalProperties") is False:
        props = sorted(node.get("properties", {}))
        if props:
            typo = props[0][:-1] + props[0][-1] * 2 + "x"
            out.append(("misspelt key %r" % typo, ipath + [typo], "add", 1, True))
        out.append(("custom key x-note", ipath + ["x-note"], "add", {"any": [1]}, False))
        for k in props:
            if k in value:
                out.append(("without %s" % k, ipath + [k], "delete", None,
                            True if k in node.get("required", []) else None))
    if not ipath:
        return out
    wt = wrong_type(node)
    if wt is not None:
        out.append(("wrong type %r" % (wt,), ipath, "set", wt, True))
    if t in ("integer", "number"):
        lo, hi = node.get("minimum"), node.get("maximum")
        if lo is not None:
            out.append(("minimum %r" % lo, ipath, "set", lo, False))
            out.append(("below the minimum", ipath, "set", lo - 1, True))
        if hi is not None:
            out.append(("maximum %r" % hi, ipath, "set", hi, False))
            out.append(("above the maximum", ipath, "set", hi + 1, True))
        if t == "integer":
            out.append(("a fraction", ipath, "set", (lo or 0) + 0.5, True))
            out.append(("a whole number written 2.0", ipath, "set",
                        float(max(lo or 0, min(hi if hi is not None else 2, 2))), False))
    for v in node.get("enum", []):
        out.append(("enum value %r" % v, ipath, "set", v, False))
    if "enum" in node:
        out.append(("a value not in the enum", ipath, "set", "bogus", True))
    if ptr in BAD_STRINGS:
        for v in BAD_STRINGS[ptr]:
            out.append(("bad value %r" % v, ipath, "set", v, True))
    elif t == "string" and "enum" not in node:
        ml = node.get("maxLength")
        if ml is not None:
            out.append(("%d characters" % ml, ipath, "set", "x" * ml, False))
            out.append(("%d characters" % (ml + 1), ipath, "set", "x" * (ml + 1), True))
        out.append(("empty string", ipath, "set", "",
                    True if node.get("minLength", 0) > 0 else False))
    if t == "array" and isinstance(value, list) and value:
        mi, ma = node.get("minItems"), node.get("maxItems")
        out.append(("empty list", ipath, "set", [], True if mi else False))
        if ma is not None and len(ipath) > 0:
            out.append(("%d items" % (ma + 1), ipath, "set", [value[0]] * (ma + 1), True))
        if node.get("uniqueItems") and len(value) >= 1:
            out.append(("a repeated item", ipath, "set", [value[0], value[0]], True))
    return out


def check_mutations(rs, schemas, tmp):
    d = os.path.join(tmp, "mutant")
    os.makedirs(d)
    for kind in INPUTS:
        write_json(os.path.join(d, kind + ".json"), KITCHEN_SINK[kind])
    rc, lines = validate_dir(rs, d)
    if not check(rc == 0, "roadshow validate accepts the kitchen-sink event", lines):
        return
    total = 0
    for kind in INPUTS:
        fname = kind + ".json"
        sites = {}
        collect_keys(schemas[kind], schemas[kind], KITCHEN_SINK[kind], "", set(), sites)
        for gen, (ipath, ptr, node) in sorted(sites.items(), key=lambda s: str(s[0])):
            base = KITCHEN_SINK[kind]
            cur = base
            for p in ipath:
                cur = cur[p]
            problems = []
            cases = mutations(ipath, ptr, node, cur)
            if not cases:
                continue
            for desc, mpath, op, new, expected in cases:
                value = copy.deepcopy(base)
                if op == "delete":
                    delete_at(value, mpath)
                else:
                    set_at(value, mpath, new)
                write_json(os.path.join(d, fname), value)
                _, lines = validate_dir(rs, d)
                by_reader = reader_flags(lines, fname, mpath)
                by_schema = schema_flags(schema_errors(schemas, kind, value, lazy=True),
                                         mpath)
                total += 1
                if by_reader != by_schema or (expected is not None and by_reader != expected):
                    problems.append("%s: reader %s, schema %s%s" % (
                        desc, "rejects" if by_reader else "accepts",
                        "rejects" if by_schema else "accepts",
                        "" if expected is None else
                        " (both should %s)" % ("reject" if expected else "accept")))
            write_json(os.path.join(d, fname), base)
            where = reader_path(list(gen)).replace("[*]", "[]") if gen else "(top level)"
            check(not problems, "%s %s: schema and reader agree on %d changes (%s)" % (
                fname, where, len(cases), ", ".join(c[0] for c in cases)[:150]), problems)
    ok("%d mutations of the kitchen-sink event tried" % total)

    # the rules tying rooms to venues, which the schema states with if/then/else
    event = KITCHEN_SINK["event"]
    cases = []
    e = copy.deepcopy(event)
    del e["rooms"][0]["venue"]
    cases.append(("with venues, a room without venue", e, ["rooms", 0, "venue"], True))
    e = copy.deepcopy(event)
    del e["venues"]
    del e["travel_minutes"]
    for r in e["rooms"]:
        del r["venue"]
    cases.append(("without venues, rooms without venue", e, ["rooms", 0, "venue"], False))
    e2 = copy.deepcopy(e)
    e2["rooms"][0]["venue"] = "main"
    cases.append(("without venues, a room in venue main", e2, ["rooms", 0, "venue"], False))
    e2 = copy.deepcopy(e)
    e2["rooms"][0]["venue"] = "gaoxin"
    cases.append(("without venues, a room in another venue", e2, ["rooms", 0, "venue"], True))
    e2 = copy.deepcopy(e)
    e2["venues"] = []
    e2["travel_minutes"] = [{"from": "a", "to": "b", "minutes": 5}]
    cases.append(("without venues, travel times", e2, ["travel_minutes"], True))
    e2 = copy.deepcopy(e)
    e2["travel_minutes"] = []
    cases.append(("without venues, an empty travel list", e2, ["travel_minutes"], False))
    for desc, value, ipath, expected in cases:
        write_json(os.path.join(d, "event.json"), value)
        _, lines = validate_dir(rs, d)
        by_reader = reader_flags(lines, "event.json", ipath)
        by_schema = schema_flags(schema_errors(schemas, "event", value), ipath)
        check(by_reader == expected and by_schema == expected,
              "%s: both %s it" % (desc, "reject" if expected else "accept"),
              ["reader %s, schema %s" % (by_reader, by_schema)] + lines)
    write_json(os.path.join(d, "event.json"), event)


# ------------------------------------------------------------ README

def classify(v):
    """Which file a JSON example is: event, investors, smes, schedule or None."""
    if isinstance(v, dict):
        if "format_version" in v or "meetings" in v:
            return "schedule"
        if "slot_minutes" in v or "days" in v:
            return "event"
        return None
    if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
        def req_keys(x):
            return {k for r in x.get("requests", []) if isinstance(r, dict) for k in r}
        # the sectors' shape first: a peer request names the file's own side
        if any(isinstance(x.get("sectors"), dict) for x in v):
            return "investors"
        if any(isinstance(x.get("sectors"), list) for x in v):
            return "smes"
        if any("stages" in x or "sme" in req_keys(x) for x in v):
            return "investors"
        if any("stage" in x or "investor" in req_keys(x) for x in v):
            return "smes"
    return None


def check_readme(schemas):
    path = os.path.join(ROOT, "README.md")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        not_ok("README.md is readable", [e])
        return
    blocks = re.findall(r"^```json[ \t]*\n(.*?)^```", text, re.S | re.M)
    found = 0
    for i, block in enumerate(blocks):
        value = load_json_bytes(block.encode("utf-8"))
        kind = classify(value) if value is not None else None
        line = text[:text.find(block)].count("\n") + 1
        if kind is None:
            ok("README.md line %d: a JSON block that is not an input or schedule "
               "(not checked)" % line)
            continue
        found += 1
        errs = schema_errors(schemas, kind, value)
        check(not errs, "README.md line %d: the %s example matches %s.schema.json" % (
            line, kind, kind), ["%s: %s" % (reader_path(list(e.absolute_path)), e.message)
                                for e in errs])
    check(found >= 1, "README.md has input or schedule examples to check (%d)" % found)


# ------------------------------------------------------------ main

def main():
    if len(sys.argv) != 2:
        print("usage: python3 tests/schemas.py PATH/TO/roadshow", file=sys.stderr)
        return 2
    rs = os.path.abspath(sys.argv[1])
    if jsonschema is None:
        not_ok("python3-jsonschema is installed")
    else:
        tmp = tempfile.mkdtemp(prefix="roadshow-schemas.")
        try:
            schemas = check_schemas()
            if len(schemas) == len(ALL_SCHEMAS):
                check_key_lists(schemas)
                check_coverage(schemas)
                check_inputs(rs, schemas)
                check_bad_cases(schemas)
                check_readme(schemas)
                check_mutations(rs, schemas, tmp)
                check_schedules(rs, schemas, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
