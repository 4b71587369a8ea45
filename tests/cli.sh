#!/bin/sh
# cli.sh - tests of the roadshow command line (exit codes, stdout/stderr,
# files written or not).  POSIX sh.
#
#   sh tests/cli.sh build/roadshow
#
# Prints one line per check ("ok - ..." or "not ok - ..."), then exactly one
# line "N passed, M failed"; exits nonzero when M > 0.

NAME=cli
. "$(dirname "$0")/lib/tap.sh"

# lacks FILE TEXT DESCRIPTION: FILE does not contain TEXT.
lacks() {
    if grep -qF -- "$2" "$1"; then
        not_ok "$3: \"$2\" found" "$(cat "$1")"
    else
        ok "$3"
    fi
}

# objective FILE: prints the "objective" number of a schedule.json.
objective() {
    sed -n 's/^  "objective": *\([-0-9.eE+]*\),*$/\1/p' "$1" | head -n 1
}

# --------------------------------------------------------------- usage

run "$RS" --help
expect_rc 0 "--help"
has "$TMP/out" "usage: roadshow schedule" "--help prints the usage on stdout"

run "$RS" --version
expect_rc 0 "--version"
has "$TMP/out" "roadshow" "--version prints the name and version"

run "$RS"
expect_rc 1 "no arguments"
has "$TMP/err" "usage" "no arguments: usage on stderr"

run "$RS" --frobnicate
expect_rc 1 "unknown option"

run "$RS" frobnicate
expect_rc 1 "unknown command"

run "$RS" schedule "$DATA/opt/scoring" -o "$TMP/u1" --frobnicate
expect_rc 1 "schedule with an unknown option"

run "$RS" schedule "$DATA/opt/scoring"
expect_rc 1 "schedule without -o"

run "$RS" schedule "$DATA/opt/scoring" -o "$TMP/u2" --time-limit abc
expect_rc 1 "schedule with a non-numeric --time-limit"
if [ ! -e "$TMP/u1" ] && [ ! -e "$TMP/u2" ]; then
    ok "bad usage writes nothing"
else
    not_ok "bad usage writes nothing: an output folder was created"
fi

# --single-process: the whole solve in one process, the same optimum
run "$RS" schedule "$DATA/opt/scoring" -o "$TMP/one" --quiet --single-process --formats json
expect_rc 0 "schedule --single-process"
if [ "$(objective "$TMP/one/schedule.json")" = "$(cat "$DATA/opt/scoring/expected")" ]; then
    ok "--single-process: the hand-worked optimum"
else
    not_ok "--single-process: objective $(objective "$TMP/one/schedule.json")"
fi

run "$RS" validate
expect_rc 1 "validate without a folder"

run "$RS" check "$DATA/opt/scoring"
expect_rc 1 "check without a schedule"

# ------------------------------------------------------------ validate

if [ -d "$SAMPLE" ]; then
    run "$RS" validate "$SAMPLE"
    expect_rc 0 "validate inputs/chengdu-2023"
    has "$TMP/out" "valid" "validate prints a summary on stdout"
    has "$TMP/out" "candidate pairs" "the summary lists candidate pairs"
else
    echo "skip - validate inputs/chengdu-2023: the folder does not exist yet"
fi

# every bad case: exit 2, each expected line on stderr, none on stdout
nbad=0
for dir in "$DATA"/bad/*/; do
    dir=${dir%/}
    name=$(basename "$dir")
    nbad=$((nbad + 1))
    run "$RS" validate "$dir"
    missing=""
    while IFS= read -r line || [ -n "$line" ]; do
        [ -z "$line" ] && continue
        grep -qF -- "$line" "$TMP/err" || missing="$missing
  missing on stderr: $line"
        if grep -qF -- "$line" "$TMP/out"; then
            missing="$missing
  found on stdout: $line"
        fi
    done <"$dir/expect"
    if [ "$rc" -eq 2 ] && [ -z "$missing" ]; then
        ok "validate bad/$name: exit 2, every problem on stderr"
    else
        not_ok "validate bad/$name: exit $rc$missing" "$(cat "$TMP/err")"
    fi
done
[ "$nbad" -ge 25 ] && ok "$nbad bad cases" || not_ok "only $nbad bad cases"

# the FILE: PATH: message form, and stdout free of problems
run "$RS" validate "$DATA/bad/unknown-sector"
expect_rc 2 "validate bad/unknown-sector"
if grep -qx 'smes.json: \[1\]\.sectors\[0\]: unknown sector "cloud-native"' "$TMP/err"; then
    ok "the problem is one whole line FILE: PATH: message"
else
    not_ok "the problem is one whole line FILE: PATH: message" "$(cat "$TMP/err")"
fi
lacks "$TMP/out" ".json:" "no problem line on stdout"

for dir in "$DATA"/infeasible/*/; do
    dir=${dir%/}
    name=$(basename "$dir")
    run "$RS" validate "$dir"
    expect_rc 3 "validate infeasible/$name reports the clash"
done

# ------------------------------------------------------------ schedule

# bad input: exit 2, nothing written
out=$TMP/bad-out
run "$RS" schedule "$DATA/bad/unknown-sector" -o "$out" --quiet
expect_rc 2 "schedule bad/unknown-sector"
has "$TMP/err" 'smes.json: [1].sectors[0]: unknown sector "cloud-native"' \
    "schedule lists the problem on stderr"
if [ ! -e "$out/schedule.json" ]; then
    ok "schedule of a bad input writes no schedule.json"
else
    not_ok "schedule of a bad input wrote $out/schedule.json"
fi

# a brokerage day whose gap cap no timetable keeps: exit 3, nothing written
cap=$TMP/gap-cap-1
mkdir -p "$cap"
cp "$DATA"/opt/b2b-forced-gaps/*.json "$cap"/
sed 's/"max_idle_gaps": 2/"max_idle_gaps": 1/' "$DATA"/opt/b2b-forced-gaps/event.json >"$cap/event.json"
run "$RS" schedule "$cap" -o "$TMP/gap-cap-1-out" --quiet
expect_rc 3 "schedule: a gap cap of 1 where b1 must have 2"
has "$TMP/err" "max_idle_gaps (rule 12)" "the gap cap is named as the reason"
if [ ! -e "$TMP/gap-cap-1-out/schedule.json" ]; then
    ok "the gap-capped day writes no schedule.json"
else
    not_ok "the gap-capped day wrote a schedule.json"
fi
run "$RS" schedule "$DATA"/opt/b2b-forced-gaps -o "$TMP/b2b-out" --quiet
expect_rc 0 "schedule: a brokerage day of musts only"
has "$TMP/b2b-out/schedule.json" '"strategy": "exact"' "every pair a must: the exact timetabling search"
has "$TMP/b2b-out/schedule.json" '"status": "optimal"' "the exact search proves its optimum"
# the same with a consecutive limit that forces a gap: the search keeps it
run "$RS" schedule "$DATA"/opt/b2b-consecutive -o "$TMP/b2b-run" --quiet --formats json
expect_rc 0 "schedule: a brokerage day of musts with a consecutive limit"
has "$TMP/b2b-run/schedule.json" '"strategy": "exact"' \
    "a consecutive limit that binds: still the exact timetabling search"
has "$TMP/b2b-run/schedule.json" '"status": "optimal"' "the run limit's gap proven optimal"

# a real brokerage forum whose annealing ends above the bound, so that the
# satisfiability questions race in two child processes: proven optimal,
# and the same bytes (seconds aside) on a second run, whichever child
# answered first (docs/solving.md, "Brokerage days", step 5)
forum=$ROOT/bench/b2b/ticf-13crafa
run "$RS" schedule "$forum" -o "$TMP/forum-a" --quiet --formats json
expect_rc 0 "schedule: the ticf-13crafa forum"
has "$TMP/forum-a/schedule.json" '"status": "optimal"' "ticf-13crafa: proven optimal"
run "$RS" schedule "$forum" -o "$TMP/forum-b" --quiet --formats json
expect_rc 0 "schedule: the ticf-13crafa forum again"
grep -v '"seconds":' "$TMP/forum-a/schedule.json" >"$TMP/forum-a.json"
grep -v '"seconds":' "$TMP/forum-b/schedule.json" >"$TMP/forum-b.json"
if cmp -s "$TMP/forum-a.json" "$TMP/forum-b.json"; then
    ok "ticf-13crafa: the same schedule bytes on a second run (seconds aside)"
else
    not_ok "ticf-13crafa: a second run wrote other bytes" \
        "$(diff "$TMP/forum-a.json" "$TMP/forum-b.json" | head -n 20)"
fi

# infeasible: exit 3, the clash named, nothing written
for dir in "$DATA"/infeasible/*/; do
    dir=${dir%/}
    name=$(basename "$dir")
    out=$TMP/inf-$name
    run "$RS" schedule "$dir" -o "$out" --quiet
    expect_rc 3 "schedule infeasible/$name"
    while IFS= read -r line || [ -n "$line" ]; do
        [ -z "$line" ] && continue
        has "$TMP/err" "$line" "infeasible/$name: stderr explains: $line"
    done <"$dir/expect"
    if [ ! -e "$out/schedule.json" ]; then
        ok "infeasible/$name writes no schedule.json"
    else
        not_ok "infeasible/$name wrote a schedule.json"
    fi
done

# every hand-worked case: exit 0, schedule.json at the expected objective,
# and check passes on it
for dir in "$DATA"/opt/*/; do
    dir=${dir%/}
    name=$(basename "$dir")
    out=$TMP/opt/$name/nested
    run "$RS" schedule "$dir" -o "$out" --quiet
    expect_rc 0 "schedule opt/$name"
    if [ ! -f "$out/schedule.json" ]; then
        not_ok "opt/$name: no $out/schedule.json (the folder should be created)"
        continue
    fi
    want=$(tr -d ' \n\r' <"$dir/expected")
    got=$(objective "$out/schedule.json")
    if [ "$got" = "$want" ]; then
        ok "opt/$name: objective $got"
    else
        not_ok "opt/$name: objective '$got', expected $want"
    fi
    has "$out/schedule.json" '"status": "optimal"' "opt/$name: status optimal"
    run "$RS" check "$dir" "$out/schedule.json"
    expect_rc 0 "check opt/$name"
done

# GLPK 5 reports building its conflict graph whatever its message level
# asks; on stderr that would break into the run's own progress lines
run "$RS" schedule "$DATA/opt/travel" -o "$TMP/chatter"
expect_rc 0 "schedule opt/travel with progress on stderr"
has "$TMP/err" "branch" "opt/travel: stderr shows the progress of branch and cut"
lacks "$TMP/err" "onflict graph" "opt/travel: GLPK's clique-cut chatter is not on stderr"

# group pitches: the solvable cases at their hand-worked optimum, checked;
# the infeasible ones exit 3, explain, and write nothing
for dir in "$DATA"/group/*/; do
    dir=${dir%/}
    name=$(basename "$dir")
    out=$TMP/group/$name
    run "$RS" schedule "$dir" -o "$out" --quiet
    if [ -f "$dir/expected" ]; then
        expect_rc 0 "schedule group/$name"
        want=$(tr -d ' \n\r' <"$dir/expected")
        got=$(objective "$out/schedule.json")
        if [ "$got" = "$want" ]; then
            ok "group/$name: objective $got"
        else
            not_ok "group/$name: objective '$got', expected $want"
        fi
        has "$out/schedule.json" '"status": "optimal"' "group/$name: status optimal"
        run "$RS" check "$dir" "$out/schedule.json"
        expect_rc 0 "check group/$name"
    else
        expect_rc 3 "schedule group/$name (a must pitch cannot happen)"
        while IFS= read -r line; do
            [ -n "$line" ] && has "$TMP/err" "$line" "group/$name: stderr explains: $line"
        done <"$dir/expect"
        if [ -e "$out/schedule.json" ]; then
            not_ok "group/$name wrote a schedule.json"
        else
            ok "group/$name writes no schedule.json"
        fi
    fi
done

# a hand-broken schedule: exit 5 (wrong objective), exit 2 (unknown room)
good=$TMP/opt/scoring/nested/schedule.json
if [ -f "$good" ]; then
    sed 's/^  "objective": .*/  "objective": 999,/' "$good" >"$TMP/broken.json"
    run "$RS" check "$DATA/opt/scoring" "$TMP/broken.json"
    expect_rc 5 "check of a schedule with a wrong objective"
    has "$TMP/err" "objective: stated 999" "check names the wrong objective"

    # drop every meeting (opt/scoring has no must request): the stated
    # objective 25 no longer holds
    awk '/^  "meetings": \[/ { print "  \"meetings\": [],"; skip = 1; next }
         skip && /^  \],?$/ { skip = 0; next }
         !skip { print }' "$good" >"$TMP/empty.json"
    run "$RS" check "$DATA/opt/scoring" "$TMP/empty.json"
    expect_rc 5 "check of a schedule stripped of its meetings"
    has "$TMP/err" "objective: stated 25 but the schedule's value is 0" \
        "check recomputes the objective of the stripped schedule"

    sed 's/"room": "r1"/"room": "nowhere"/' "$good" >"$TMP/badroom.json"
    run "$RS" check "$DATA/opt/scoring" "$TMP/badroom.json"
    expect_rc 2 "check of a schedule naming an unknown room"
    has "$TMP/err" 'unknown room "nowhere"' "check names the unknown room"

    run "$RS" check "$DATA/opt/scoring" "$TMP/does-not-exist.json"
    expect_rc 2 "check of a missing schedule file"
else
    not_ok "no schedule of opt/scoring to break"
fi

# peer meetings, windows and gaps: check holds rules 11 and 12, and reads
# a peer meeting ("sme": null) back
peer=$TMP/opt/peer-day/nested/schedule.json
win=$TMP/opt/window-slot/nested/schedule.json
if [ -f "$peer" ] && [ -f "$win" ]; then
    has "$peer" '"sme": null' "a peer meeting is written with \"sme\": null"
    has "$peer" '"idle_gaps": 1' "stats.idle_gaps counts the peer day's gap"
    # the peer day's optimum has a gap: against the same day capped at 0 gaps
    run "$RS" check "$DATA/opt/gap-cap" "$peer"
    expect_rc 5 "check of a schedule over its gap cap"
    has "$TMP/err" "rule 12: 1 gap between meetings, more than its maximum of 0" \
        "check names the participant over its gap cap"
    # s1 must meet i1 in 10:00-10:30 only: moved to 09:30, outside its window
    sed 's/"start": "10:00"/"start": "09:30"/; s/"end": "10:30"/"end": "10:00"/' "$win" >"$TMP/window.json"
    run "$RS" check "$DATA/opt/window-slot" "$TMP/window.json"
    expect_rc 5 "check of a meeting outside its request's window"
    has "$TMP/err" "rule 11: the slot is outside the windows of i1's request of s1" \
        "check names the window the meeting is outside"
    sed 's/"participants": \[/"participants": [ "b9",/' "$peer" >"$TMP/peer3.json"
    run "$RS" check "$DATA/opt/peer-day" "$TMP/peer3.json"
    expect_rc 2 "check of a peer meeting naming three participants"
    has "$TMP/err" "a peer meeting (\"sme\": null) lists its two participants" \
        "check says a peer meeting has two participants"
    run "$RS" diff "$peer" "$peer"
    expect_rc 0 "diff of a schedule of peer meetings with itself"
else
    not_ok "no schedules of opt/peer-day and opt/window-slot to break"
fi

# a failed run leaves an existing schedule.json untouched
keep=$TMP/keep
run "$RS" schedule "$DATA/opt/requests" -o "$keep" --quiet
expect_rc 0 "schedule opt/requests into a folder"
snapshot() { (cd "$keep" && find . -print | LC_ALL=C sort | while read -r f; do
    if [ -f "$f" ]; then cksum "$f"; else echo "$f/"; fi; done); }
before=$(snapshot)
run "$RS" schedule "$DATA/bad/unknown-sector" -o "$keep" --quiet
expect_rc 2 "schedule a bad input over an existing schedule"
run "$RS" schedule "$DATA/infeasible/must-avoided" -o "$keep" --quiet
expect_rc 3 "schedule an infeasible event over an existing schedule"
after=$(snapshot)
if [ "$before" = "$after" ]; then
    ok "the existing outputs are untouched, no temporary file left beside them"
else
    not_ok "the output folder changed after failed runs: $(echo "$before" "$after" | tr '\n' ' ')"
fi

# ------------------------------------------------------ the bundled sample

if [ -d "$SAMPLE" ]; then
    out=$TMP/sample
    run "$RS" schedule "$SAMPLE" -o "$out" --time-limit 20 --quiet
    expect_rc 0 "schedule inputs/chengdu-2023 --time-limit 20 --quiet"
    if [ -s "$TMP/err" ]; then
        not_ok "--quiet: stderr is not empty" "$(cat "$TMP/err")"
    else
        ok "--quiet: nothing on stderr"
    fi
    has "$TMP/out" "objective" "schedule prints a summary on stdout"
    if [ -f "$out/schedule.json" ]; then
        if grep -qE '"status": "(optimal|feasible)"' "$out/schedule.json"; then
            ok "sample: status optimal or feasible"
        else
            not_ok "sample: status" "$(grep '"status"' "$out/schedule.json")"
        fi
        run "$RS" check "$SAMPLE" "$out/schedule.json"
        expect_rc 0 "check inputs/chengdu-2023's schedule"
    else
        not_ok "sample: no schedule.json written"
    fi
else
    echo "skip - schedule inputs/chengdu-2023: the folder does not exist yet"
fi

# --write-model and the model command: the event's integer program in
# CPLEX LP format, written whole (no temporary file left), which glpsol
# reads; its optimum is the hand-worked objective of the case
lp=$TMP/lp
mkdir -p "$lp"
run "$RS" schedule "$DATA/opt/travel" -o "$lp/out" --write-model "$lp/travel.lp" --quiet
expect_rc 0 "schedule --write-model"
if [ -s "$lp/travel.lp" ] && [ -f "$lp/out/schedule.json" ]; then
    ok "schedule --write-model writes the model, then the schedule"
else
    not_ok "schedule --write-model: the model or the schedule is missing"
fi
has "$lp/travel.lp" "Maximize" "the model file is in CPLEX LP format"
has "$lp/travel.lp" "x_i1_s1_k1_v1" "the model's columns are named pair, slot, venue"
for case in opt/travel opt/shortfall opt/scoring opt/requests opt/max-meetings \
    group/split-panels group/must-avoid; do
    name=$(basename "$case")
    run "$RS" model "$DATA/$case" -o "$lp/$name.lp"
    expect_rc 0 "model $case"
    if ! command -v glpsol >/dev/null; then
        echo "skip - glpsol on $case: glpsol (Debian glpk-utils) is not installed"
        continue
    fi
    timeout 60 glpsol --lp "$lp/$name.lp" -o "$lp/$name.sol" >"$TMP/out" 2>&1
    check $? "glpsol reads and solves the model of $case" "$(tail -5 "$TMP/out")"
    want=$(tr -d ' \n\r' <"$DATA/$case/expected")
    got=$(sed -n 's/^Objective: *objective = \([-0-9.e+]*\) (MAXimum).*/\1/p' "$lp/$name.sol")
    if [ "$got" = "$want" ]; then
        ok "$case: the model's optimum is the expected objective $want"
    else
        not_ok "$case: the model's optimum is '$got', expected $want"
    fi
done
if ls "$lp" | grep -q '\.tmp\.'; then
    not_ok "model files: a temporary file was left behind" "$(ls "$lp")"
else
    ok "model files: no temporary file left behind"
fi
run "$RS" model "$DATA/opt/travel" -o "$TMP/no/such/folder/m.lp"
expect_rc 1 "model into a folder that does not exist"
has "$TMP/err" "$TMP/no/such/folder/m.lp: cannot write: No such file or directory" \
    "model: an unwritable path is named with the reason"
run "$RS" schedule "$DATA/opt/travel" -o "$lp/out2" --write-model "$TMP/no/such/folder/m.lp"
expect_rc 1 "schedule --write-model into a folder that does not exist"
if [ ! -e "$lp/out2" ]; then
    ok "schedule --write-model: nothing solved or written when the model cannot be"
else
    not_ok "schedule --write-model: the output folder was written after the model failed"
fi
run "$RS" model "$DATA/opt/travel"
expect_rc 1 "model without -o"
run "$RS" model "$DATA/bad/peer-request-avoided" -o "$lp/bad.lp"
expect_rc 2 "model of a bad event"
if [ ! -e "$lp/bad.lp" ]; then ok "model of a bad event writes nothing"; else
    not_ok "model of a bad event wrote a file"; fi

# the bundled group-pitch sample: schedules in time and passes check
PITCH=$(dirname "$SAMPLE")/chengdu-2023-pitch-day
if [ -d "$PITCH" ]; then
    out=$TMP/pitch-day
    run "$RS" schedule "$PITCH" -o "$out" --time-limit 20 --quiet
    expect_rc 0 "schedule inputs/chengdu-2023-pitch-day --time-limit 20"
    has "$out/schedule.json" '"investors": [' "pitch day: pitches list their panels"
    run "$RS" check "$PITCH" "$out/schedule.json"
    expect_rc 0 "check inputs/chengdu-2023-pitch-day's schedule"
    # --gap G ends the search once the schedule is within G of the bound
    # (the search alone would use the whole minute)
    out=$TMP/pitch-gap
    run "$RS" schedule "$PITCH" -o "$out" --time-limit 60 --gap 0.5 --quiet --formats json
    expect_rc 0 "pitch day with --gap 0.5 --time-limit 60"
    python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
sys.exit(0 if s["gap"] <= 0.5 and s["stats"]["seconds"] < 30 else 1)' "$out/schedule.json"
    check $? "pitch day with --gap 0.5: gap within 0.5, the run ends long before its minute" \
        "$(grep -o '"gap": [^,]*' "$out/schedule.json"; grep -o '"seconds": [^,]*' "$out/schedule.json")"
else
    not_ok "inputs/chengdu-2023-pitch-day is missing"
fi

finish
