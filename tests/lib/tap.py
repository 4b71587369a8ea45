"""tests/lib/tap.py - the report the Python tests share (as tap.sh does for
the shell tests).

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
    from tap import ok, not_ok, check, finish

A test prints one line per check ("ok - ..." or "not ok - ..." with the
details indented under it), then returns finish(), which prints exactly one
line "N passed, M failed" and gives the exit status: make test and CI read
that line.
"""

passed = 0
failed = 0


def ok(name):
    global passed
    passed += 1
    print("ok - " + name)


def not_ok(name, details=()):
    """Counts a failure; prints up to 20 details, each line indented."""
    global failed
    failed += 1
    print("not ok - " + name)
    for d in list(details)[:20]:
        for line in str(d).splitlines() or [""]:
            print("    " + line)


def check(cond, name, details=()):
    """ok or not_ok by cond; returns cond, so a test can stop early."""
    if cond:
        ok(name)
    else:
        not_ok(name, details)
    return cond


def finish():
    """Prints the summary line; returns the exit status (1 on a failure)."""
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0
