#!/bin/sh
# faults.sh - how roadshow schedule behaves when things go wrong around it.
# POSIX sh.
#
#   sh tests/faults.sh build/roadshow
#
#   - standard output on /dev/full (a full disk): every command says so
#     on stderr and exits 1, and files written stay whole;
#   - an output folder that cannot be made (a path under a regular file,
#     which stops root too), a calendars folder that cannot be made, and
#     file writes that fail: "ulimit -f" with SIGXFSZ ignored (EFBIG, works
#     for root and needs no privilege) and, where unshare lets us mount one,
#     a 1 MiB tmpfs (a real ENOSPC).  Each run must fail naming the file
#     and the reason, leave an existing schedule.json byte for byte as it
#     was, and leave no temporary file;
#   - SIGINT and SIGTERM during a long solve: the run stops within two
#     seconds, writes the best schedule so far as "feasible" (it passes
#     roadshow check) and exits 0; a second signal kills it;
#   - --time-limit 3 on a large generated event (150 investors, 1000 SMEs):
#     the whole run, reading and writing schedule.json and meetings.csv
#     included, ends within a second of the limit (two under the
#     sanitizers), the solve within half a second;
#   - a generated brokerage day of 60 businesses whose gap stays open,
#     solved with the direct model for 10 s, uses its limit: branch and
#     cut stops early there and the tail phase takes what is left;
#   - on a generated day of windows and full rooms, the bound the
#     relaxation's rounds beside the search give is below the selection's;
#   - --memory-limit: with 1 MiB GLPK cannot even hold the selection (exit
#     4, nothing written); with a few MiB the direct model does not fit and
#     the timetable found before is written, marked "feasible".
#
# Prints one line per check ("ok - ..." or "not ok - ..."), then exactly one
# line "N passed, M failed"; exits nonzero when M > 0.

NAME=faults
. "$(dirname "$0")/lib/tap.sh"

# now: seconds since the epoch, with a fraction.
now() { date +%s.%N; }
# elapsed START: seconds since START (a now value).
elapsed() { echo "$(now) $1" | awk '{printf "%.2f", $1 - $2}'; }
# le A B: whether A <= B (decimal numbers).
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

# no_temp DIR DESCRIPTION: no temporary file (NAME.tmp.PID) under DIR.
no_temp() {
    left=$(find "$1" -name '*.tmp.*' 2>/dev/null | head -n 5)
    if [ -z "$left" ]; then ok "$2"; else not_ok "$2" "$left"; fi
}

# same_bytes A B DESCRIPTION
same_bytes() {
    if cmp -s "$1" "$2"; then ok "$3"; else not_ok "$3" "$(cmp "$1" "$2" 2>&1)"; fi
}

# status_of FILE: the "status" of a schedule.json.
status_of() {
    sed -n 's/^  "status": "\([a-z]*\)",*$/\1/p' "$1" | head -n 1
}

# feasible_checked LABEL EVENT OUT: OUT/schedule.json says "feasible" and
# passes roadshow check against EVENT.
feasible_checked() {
    st=$(status_of "$3/schedule.json")
    if [ "$st" = feasible ]; then ok "$1: status feasible"; else
        not_ok "$1: status \"$st\", expected feasible"; fi
    run "$RS" check "$2" "$3/schedule.json"
    expect_rc 0 "$1: the schedule passes roadshow check"
}

# ------------------------------------------- standard output that fails

# full_out LABEL CMD...: CMD with standard output on /dev/full (a full
# disk) says so with the system's reason and exits 1.
full_out() {
    label=$1
    shift
    "$@" >/dev/full 2>"$TMP/err"
    rc=$?
    expect_rc 1 "$label with stdout on /dev/full"
    has "$TMP/err" "roadshow: standard output: No space left on device" \
        "$label: the message gives the reason (strerror)"
}

if [ -w /dev/full ]; then
    full_out schedule "$RS" schedule "$DATA/opt/scoring" -o "$TMP/full" --quiet
    run "$RS" check "$DATA/opt/scoring" "$TMP/full/schedule.json"
    expect_rc 0 "schedule with stdout on /dev/full: schedule.json written whole"
    full_out --help "$RS" --help
    full_out --version "$RS" --version
    full_out validate "$RS" validate "$SAMPLE"
    full_out check "$RS" check "$DATA/opt/scoring" "$TMP/full/schedule.json"
    full_out diff "$RS" diff "$TMP/full/schedule.json" "$TMP/full/schedule.json"
else
    ok "# SKIP no writable /dev/full"
fi

# ---------------------------------------------------- output that fails

# a first, good schedule to protect
run "$RS" schedule "$SAMPLE" -o "$TMP/keep" --time-limit 2 --quiet
expect_rc 0 "a first schedule of the sample"
cp "$TMP/keep/schedule.json" "$TMP/old.json"

: >"$TMP/plain"
run "$RS" schedule "$DATA/opt/scoring" -o "$TMP/plain/sub" --quiet
expect_rc 1 "output folder under a regular file"
has "$TMP/err" "$TMP/plain/sub: cannot create the output folder: Not a directory" \
    "the message names the folder and the reason"

rm -rf "$TMP/keep/calendars"
: >"$TMP/keep/calendars"
run "$RS" schedule "$SAMPLE" -o "$TMP/keep" --time-limit 2 --quiet
expect_rc 1 "calendars folder that cannot be made"
has "$TMP/err" "$TMP/keep/calendars: cannot create the calendars folder: File exists" \
    "the message names the calendars folder and the reason"
same_bytes "$TMP/old.json" "$TMP/keep/schedule.json" \
    "schedule.json untouched when a later export fails"
no_temp "$TMP/keep" "no temporary file left after the failed export"
rm -f "$TMP/keep/calendars"

# EFBIG: every write past 512 bytes fails; SIGXFSZ ignored (inherited by
# the program) turns the signal into an error return
(trap '' XFSZ; ulimit -f 1; exec "$RS" schedule "$SAMPLE" -o "$TMP/keep" --time-limit 2 \
    --quiet) >"$TMP/out" 2>"$TMP/err"
rc=$?
expect_rc 1 "writes beyond the file size limit"
has "$TMP/err" "$TMP/keep/schedule.json.tmp." "the message names the file written"
has "$TMP/err" "File too large" "the message gives the reason (strerror)"
same_bytes "$TMP/old.json" "$TMP/keep/schedule.json" \
    "schedule.json untouched when it cannot be written"
no_temp "$TMP/keep" "no temporary file left after EFBIG"

# ENOSPC on a 1 MiB tmpfs in a private mount namespace, when allowed
mkdir -p "$TMP/mnt"
if unshare -rm sh -c 'mount -t tmpfs -o size=1m tmpfs "$1"' sh "$TMP/mnt" 2>/dev/null; then
    unshare -rm sh -c '
        mount -t tmpfs -o size=1m tmpfs "$1" || exit 9
        mkdir "$1/out" && cp "$3" "$1/out/schedule.json" || exit 9
        "$2" schedule "$4" -o "$1/out" --time-limit 2 --quiet >"$5/out" 2>"$5/err"
        echo $? >"$5/rc"
        cmp -s "$3" "$1/out/schedule.json" && echo same >"$5/cmp"
        find "$1/out" -name "*.tmp.*" >"$5/left"
    ' sh "$TMP/mnt" "$RS" "$TMP/old.json" "$SAMPLE" "$TMP"
    rc=$(cat "$TMP/rc" 2>/dev/null || echo 99) # 99: the setup failed
    expect_rc 1 "a full disk (1 MiB tmpfs)"
    has "$TMP/err" "No space left on device" "the message gives ENOSPC"
    has "$TMP/err" "$TMP/mnt/out/" "the message names the file"
    if [ "$(cat "$TMP/cmp" 2>/dev/null)" = same ]; then
        ok "schedule.json untouched on a full disk"
    else
        not_ok "schedule.json untouched on a full disk"
    fi
    if [ ! -s "$TMP/left" ]; then
        ok "no temporary file left on a full disk"
    else
        not_ok "no temporary file left on a full disk" "$(cat "$TMP/left")"
    fi
else
    ok "# SKIP no private tmpfs (unshare -rm not allowed): ENOSPC not tried"
fi

# a good run replaces the file whole
run "$RS" schedule "$SAMPLE" -o "$TMP/keep" --time-limit 2 --quiet
expect_rc 0 "a later good run over the same folder"
run "$RS" check "$SAMPLE" "$TMP/keep/schedule.json"
expect_rc 0 "the replaced schedule.json is whole and passes check"
no_temp "$TMP/keep" "no temporary file left after the good run"

# ------------------------------------------------------------- signals

GEN=$TMP/gen
if ! cc -O2 -o "$GEN" "$ROOT/bench/gen.c" 2>"$TMP/err"; then
    not_ok "bench/gen.c builds" "$(cat "$TMP/err")"
    finish
fi
"$GEN" "$TMP/M" 40 160 2 4 24 2 >/dev/null &&
    "$GEN" "$TMP/L" 150 1000 2 4 120 3 1 16 1 >/dev/null
check $? "generated the M and L events"

# interrupt SIGNAL EVENT [OPTION...]: starts a 60 s solve, sends SIGNAL
# after 3 s and checks what follows.
interrupt() {
    sig=$1
    ev=$2
    shift 2
    label="SIG$sig on $(basename "$ev")"
    out=$TMP/int-$sig-$(basename "$ev")
    rm -rf "$out"
    "$RS" schedule "$ev" -o "$out" --time-limit 60 "$@" >"$TMP/out" 2>"$TMP/err" &
    pid=$!
    sleep 3
    kill -"$sig" "$pid"
    t0=$(now)
    wait "$pid"
    rc=$?
    took=$(elapsed "$t0")
    expect_rc 0 "$label after 3 s of a 60 s solve writes a schedule"
    if le "$took" 2; then ok "$label: exits ${took} s after the signal"; else
        not_ok "$label: exits ${took} s after the signal (over 2 s)"; fi
    has "$TMP/err" "roadshow: interrupted; writing the best schedule found so far" \
        "$label: says it was interrupted"
    feasible_checked "$label" "$ev" "$out"
    no_temp "$out" "$label: no temporary file left"
}
interrupt INT "$TMP/M"
interrupt TERM "$TMP/M"
# the L event is stopped in its selection LP; its 1150 calendars take
# seconds to write on a slow disk, which is not what is measured here
interrupt INT "$TMP/L" --formats json

# a second signal while the first is being handled ends the process at
# once.  Stopping, explaining, checking and writing the L event's 1150
# calendars after the first takes about 0.2 s on an idle machine, so the
# second comes 0.05 s after the first (0.3 s was sometimes too late)
"$RS" schedule "$TMP/L" -o "$TMP/twice" --time-limit 60 --quiet >/dev/null 2>&1 &
pid=$!
sleep 2
kill -INT "$pid"
sleep 0.05
kill -INT "$pid" 2>/dev/null
wait "$pid"
rc=$?
if [ "$rc" -eq 130 ]; then ok "a second SIGINT kills (exit 130)"; else
    not_ok "a second SIGINT kills: exit $rc, expected 130"; fi

# ---------------------------------------------------------- time limit

# the whole run may take a second more than its limit; under the
# sanitizers (RS_SANITIZED=1, set by make asan) reading and writing are
# instrumented and may take two, while the solve itself is held to its
# limit either way
whole=4
[ "${RS_SANITIZED:-}" = 1 ] && whole=5
# The run writes schedule.json and meetings.csv only: explaining and
# writing the 1150 calendars and the page come after the limit and take
# from 0.6 to 1.3 s on this kind of machine, which is not what is
# measured here (the interrupt cases above write every output)
t0=$(now)
run "$RS" schedule "$TMP/L" -o "$TMP/tl" --time-limit 3 --quiet --formats json,csv
took=$(elapsed "$t0")
expect_rc 0 "--time-limit 3 on the L event"
if le "$took" "$whole"; then
    ok "--time-limit 3: the run took ${took} s, reading and writing included"
elif [ "${CI:-}" != true ] &&
    awk -v n="$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)" \
        '{ exit !($1 > 2 * n) }' /proc/loadavg 2>/dev/null; then
    ok "# SKIP --time-limit 3 took ${took} s on a machine overloaded ($(cut -d' ' -f1 /proc/loadavg))"
else
    not_ok "--time-limit 3: the run took ${took} s (over ${whole} s)"
fi
secs=$(sed -n 's/^    "seconds": *\([0-9.]*\),*$/\1/p' "$TMP/tl/schedule.json" | head -n 1)
if [ -n "$secs" ] && le "$secs" 3.5; then ok "--time-limit 3: the solve reports ${secs} s"; else
    not_ok "--time-limit 3: the solve reports \"${secs}\" s"; fi
run "$RS" check "$TMP/L" "$TMP/tl/schedule.json"
expect_rc 0 "--time-limit 3: the schedule passes check"

# ------------------------------------------------ the limit used whole

# A brokerage day of 60 businesses (gaps worth 5, one each at most): no
# relaxation comes near its best schedules, so the gap stays open and the
# run must go on to its limit.  GLPK's branch and cut stops once its next
# stretch between callbacks might pass the deadline: at 8.9 and 9.0 s of
# 10 here before the tail phase (docs/solving.md, "The tail"), which now
# takes what is left until less than 0.3 s is.  Under the sanitizers the
# LP alone may not finish.
"$GEN" "$TMP/B60" brokerage 9932 smes=60 rooms=9 >/dev/null
run "$RS" schedule "$TMP/B60" -o "$TMP/b60" --time-limit 10 --strategy direct --formats json
expect_rc 0 "brokerage day of 60, direct, 10 s: a schedule"
got=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["status"], s["stats"]["seconds"])' \
    "$TMP/b60/schedule.json" 2>/dev/null)
st=${got% *}
secs=${got#* }
if [ "$st" != feasible ]; then
    not_ok "brokerage day of 60: status \"$st\", expected feasible (its gap stays open)"
elif le 9.6 "$secs"; then
    ok "brokerage day of 60: the solve used its limit (${secs} s of 10)"
elif [ "${RS_SANITIZED:-}" = 1 ]; then
    ok "# SKIP brokerage day of 60 took ${secs} s of 10 under the sanitizers"
else
    not_ok "brokerage day of 60: the solve ended at ${secs} s of 10 with its gap open"
fi
run "$RS" check "$TMP/B60" "$TMP/b60/schedule.json"
expect_rc 0 "brokerage day of 60: the schedule passes check"

# ------------------------------------------- the bound beside the search

# A day of 40 investors and 160 SMEs in 16 full rooms, half of them there
# a morning, an afternoon or a middle window: the selection counts each
# slot's meetings by rooms and by the places its people have, not by
# which slots each pair shares, and the pattern relaxation's rounds, run
# for the bound alone in a child once the annealing is done, see that
# (docs/solving.md, "The rounds beside the search").  The bound written
# must be below the selection's (its progress line) and not below the
# schedule's objective.  On one processor no child runs; under the
# sanitizers the rounds are too slow to be held to a time.
if [ "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)" -lt 2 ] ||
    [ "${RS_SANITIZED:-}" = 1 ]; then
    ok "# SKIP the bound beside the search (one processor, or sanitizers)"
else
    "$GEN" "$TMP/W" rooms 9727 window_pct=50 >/dev/null
    run "$RS" schedule "$TMP/W" -o "$TMP/wb" --time-limit 15 --formats json
    expect_rc 0 "windowed full rooms: a schedule"
    sel=$(sed -n 's/^\[ *[0-9.]*s\] selection .* bound \([-0-9.]*\) .*/\1/p' "$TMP/err" |
        head -n 1)
    got=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["bound"], s["objective"])' \
        "$TMP/wb/schedule.json" 2>/dev/null)
    bound=${got% *}
    obj=${got#* }
    if [ -n "$sel" ] && [ -n "$got" ] && awk -v b="$bound" -v o="$obj" -v s="$sel" \
        'BEGIN { exit !(b < s && b >= o) }'; then
        ok "windowed full rooms: the bound $bound is below the selection's $sel, above $obj"
    else
        not_ok "windowed full rooms: bound \"$bound\", selection's \"$sel\", objective \"$obj\""
    fi
fi

# -------------------------------------------------------- memory limit

# L: the selection flow alone needs more than 1 MiB, before any schedule
run "$RS" schedule "$TMP/L" -o "$TMP/mem1" --memory-limit 1 --time-limit 10
expect_rc 4 "--memory-limit 1: no schedule"
has "$TMP/err" "GLPK needed more than 1 MiB (the memory limit)" "--memory-limit 1: says why"
if [ ! -e "$TMP/mem1" ]; then ok "--memory-limit 1: nothing written"; else
    not_ok "--memory-limit 1: something was written" "$(ls -R "$TMP/mem1")"; fi

run "$RS" schedule "$SAMPLE" -o "$TMP/mem4" --memory-limit 4 --time-limit 4 \
    --strategy direct
expect_rc 0 "--memory-limit 4 on the sample's direct model: the timetable found before"
has "$TMP/err" "GLPK needed more than 4 MiB (the memory limit); the best schedule found before is kept" \
    "--memory-limit 4: says the limit was reached"
feasible_checked "--memory-limit 4" "$SAMPLE" "$TMP/mem4"

run "$RS" schedule "$DATA/opt/scoring" -o "$TMP/mem0" --memory-limit 0
expect_rc 1 "--memory-limit 0 is bad usage"

finish
