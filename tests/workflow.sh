#!/bin/sh
# workflow.sh - the organiser's workflow end to end: schedule, lock some
# meetings, cancel participants, re-schedule with --previous, compare with
# roadshow diff, verify with roadshow check --previous; and roadshow
# validate's supply warnings on tests/data/supply/*.  POSIX sh + python3.
#
#   sh tests/workflow.sh build/roadshow
#
# Prints one line per check ("ok - ..." or "not ok - ..."), then exactly one
# line "N passed, M failed"; exits nonzero when M > 0.

NAME=workflow
. "$(dirname "$0")/lib/tap.sh"

# py STEP ARGS...: runs a step of tests/lib/workflow_helper.py; its stdout
# goes to $TMP/py and its status to $rc.
py() {
    python3 "$ROOT/tests/lib/workflow_helper.py" "$@" >"$TMP/py" 2>&1
    rc=$?
}

# pycheck DESCRIPTION STEP ARGS...: a helper step that must succeed.
pycheck() {
    desc=$1
    shift
    py "$@"
    check "$rc" "$desc" "$(cat "$TMP/py")"
}

# story LABEL EVENT LIMIT MIN_KEPT_PERCENT: the re-scheduling story on one
# event.  The helper picks the participants to cancel and the meetings to
# lock from the first schedule, so nothing here depends on its content.
story() {
    label=$1 ev=$2 limit=$3 pct=$4 w=$TMP/$1
    mkdir -p "$w"
    run "$RS" schedule "$ev" -o "$w/first" --time-limit "$limit" --quiet --formats json
    expect_rc 0 "$label: first schedule"
    # old.json: the first schedule with some meetings locked; ev2: the
    # event with one investor removed and one SME made unavailable
    pycheck "$label: lock meetings, remove an investor, make an SME unavailable" \
        cancel "$ev" "$w/first/schedule.json" "$w/ev2" "$w/old.json" "$w/cancel.txt"
    run "$RS" schedule "$w/ev2" -o "$w/second" --time-limit "$limit" --previous "$w/old.json" \
        --formats json
    expect_rc 0 "$label: re-schedule with --previous"
    has "$TMP/out" "  previous    " "$label: the summary tells kept, moved, dropped, added"
    has "$TMP/err" "dropped: \"$(sed -n 1p "$w/cancel.txt")\" is no longer in the event" \
        "$label: the removed investor's meetings are noted as dropped on stderr"
    pycheck "$label: every locked meeting is in the new schedule unchanged and still locked" \
        locked "$w/old.json" "$w/second/schedule.json"
    pycheck "$label: the cancelled participants have no meeting left" \
        absent "$w/second/schedule.json" "$w/cancel.txt"
    pycheck "$label: >= $pct% of the other participants' meetings kept in place" \
        kept "$w/old.json" "$w/second/schedule.json" "$w/cancel.txt" "$pct"
    echo "# $label: $(cat "$TMP/py")"
    run "$RS" diff "$w/old.json" "$w/second/schedule.json" -o "$w/diff.json"
    expect_rc 0 "$label: roadshow diff OLD NEW"
    pycheck "$label: stats kept/moved/dropped/added equal roadshow diff's counts" \
        stats "$w/second/schedule.json" "$w/diff.json"
    run "$RS" check "$w/ev2" "$w/second/schedule.json" --previous "$w/old.json"
    expect_rc 0 "$label: roadshow check --previous passes"
    has "$TMP/out" "OK:" "$label: check says OK"
}

story small "$DATA/workflow/small" 20 100
story sample "$SAMPLE" 10 90
story pitch "$ROOT/inputs/chengdu-2023-pitch-day" 5 80

# ------------------------------------------------ a peer meeting's SME leaves

w=$TMP/peer
mkdir -p "$w"
run "$RS" schedule "$DATA/opt/peer-day" -o "$w/first" --time-limit 10 --quiet --formats json
expect_rc 0 "peer day: first schedule"
pycheck "peer day: remove the SME of a peer meeting of two SMEs" \
    drop_peer "$DATA/opt/peer-day" "$w/first/schedule.json" "$w/ev2" "$w/cancel.txt"
run "$RS" schedule "$w/ev2" -o "$w/second" --time-limit 10 --previous "$w/first/schedule.json" \
    --formats json
expect_rc 0 "peer day: re-schedule with --previous after an SME left"
has "$TMP/err" "dropped: \"$(sed -n 1p "$w/cancel.txt")\" is no longer in the event" \
    "peer day: the peer meeting of the SME who left is noted as dropped"
pycheck "peer day: the SME who left has no meeting" \
    absent "$w/second/schedule.json" "$w/cancel.txt"

# ------------------------------------------------ gap caps around locked meetings

# every other (or third) meeting locked leaves gaps among the locked ones
# that the others filled: the re-schedule must keep them all (both formats)
for c in rescue/gaps-capped:2 workflow/group-gaps:3; do
    ev=$DATA/${c%:*} n=${c#*:} w=$TMP/caps-$n
    mkdir -p "$w"
    run "$RS" schedule "$ev" -o "$w/first" --time-limit 3 --quiet --formats json
    expect_rc 0 "${c%:*}: first schedule"
    pycheck "${c%:*}: lock one meeting in $n" lock_every "$w/first/schedule.json" \
        "$w/old.json" "$n"
    run "$RS" schedule "$ev" -o "$w/second" --time-limit 3 --quiet --previous "$w/old.json" \
        --formats json
    expect_rc 0 "${c%:*}: re-schedule with gap caps and locked meetings"
    run "$RS" check "$ev" "$w/second/schedule.json" --previous "$w/old.json"
    expect_rc 0 "${c%:*}: the re-schedule keeps every locked meeting and gap cap"
done

# ------------------------------------------------ determinism (small event)

w=$TMP/small
run "$RS" schedule "$w/ev2" -o "$w/again" --time-limit 20 --quiet --previous "$w/old.json" \
    --formats json
expect_rc 0 "small: re-schedule again"
grep -v '"seconds"' "$w/second/schedule.json" >"$TMP/a"
grep -v '"seconds"' "$w/again/schedule.json" >"$TMP/b"
cmp -s "$TMP/a" "$TMP/b"
check $? "small: the same input and --previous give the same bytes (seconds aside)" \
    "$(diff "$TMP/a" "$TMP/b" | head -n 10)"

# a schedule that lost a locked meeting fails check --previous (rule 10)
pycheck "small: a copy of the new schedule without its first locked meeting" \
    unlock_one "$w/second/schedule.json" "$w/broken.json"
run "$RS" check "$w/ev2" "$w/broken.json" --previous "$w/old.json"
expect_rc 5 "check --previous: a locked meeting missing"
has "$TMP/err" "rule 10: the locked meeting of" "check --previous names rule 10"
has "$TMP/err" "old.json: m" "check --previous names the meeting of the previous file"

# weights.move: a huge move weight keeps every meeting that can stay
pycheck "small: the event with weights.move 1000000" \
    set_move "$w/ev2" "$w/ev3" 1000000
run "$RS" schedule "$w/ev3" -o "$w/third" --time-limit 20 --quiet --previous "$w/old.json" \
    --formats json
expect_rc 0 "small: re-schedule with weights.move 1000000"
pycheck "small: with a huge move weight every unaffected meeting stays in place" \
    kept "$w/old.json" "$w/third/schedule.json" "$w/cancel.txt" 100
pycheck "small: move_cost is weights.move * (moved + dropped)" \
    move_cost "$w/third/schedule.json" 1000000

# ------------------------------------------------- previous that cannot be kept

# a locked meeting of the SME made unavailable: exit 3, the rule named
pycheck "small: lock a meeting of the unavailable SME" \
    lock_of "$w/first/schedule.json" "$(sed -n 2p "$w/cancel.txt")" "$w/bad-locked.json" \
    "$(sed -n 1p "$w/cancel.txt")"
run "$RS" schedule "$w/ev2" -o "$w/out-bad" --time-limit 20 --quiet \
    --previous "$w/bad-locked.json"
expect_rc 3 "a locked meeting now impossible"
has "$TMP/err" "bad-locked.json: locked m" "exit 3 names the locked meeting and the file"
has "$TMP/err" "rule 1: $(sed -n 2p "$w/cancel.txt") is not available" "exit 3 names rule 1"
has "$TMP/err" "(rule 10)" "exit 3 names rule 10"
[ ! -e "$w/out-bad" ]
check $? "exit 3: nothing written"

# a locked meeting of the removed investor: exit 2 at its path
pycheck "small: lock a meeting of the removed investor" \
    lock_of "$w/first/schedule.json" "$(sed -n 1p "$w/cancel.txt")" "$w/gone-locked.json"
run "$RS" schedule "$w/ev2" -o "$w/out-gone" --time-limit 20 --quiet \
    --previous "$w/gone-locked.json"
expect_rc 2 "a locked meeting naming a participant who left"
has "$TMP/err" "gone-locked.json: meetings[" "exit 2: FILE: JSON.PATH"
has "$TMP/err" "the locked meeting names \"$(sed -n 1p "$w/cancel.txt")\", who is not in the event" \
    "exit 2 says who left"

# an unknown room and slot: exit 2, every problem listed
pycheck "small: a previous schedule with an unknown room and a bad start" \
    corrupt "$w/first/schedule.json" "$w/corrupt.json"
run "$RS" schedule "$w/ev2" -o "$w/out-corrupt" --time-limit 20 --quiet \
    --previous "$w/corrupt.json"
expect_rc 2 "a previous schedule with unknown ids"
has "$TMP/err" "corrupt.json: meetings[0].room: unknown room \"no-such-room\"" \
    "unknown room reported at its path"
has "$TMP/err" "corrupt.json: meetings[1].start: 08:10 is not the start of a slot" \
    "bad start reported at its path"
run "$RS" schedule "$w/ev2" -o "$w/out-missing" --previous "$w/nothing.json"
expect_rc 2 "a previous schedule that does not exist"
run "$RS" schedule "$w/ev2" -o "$w/out-usage" --previous
expect_rc 1 "--previous without a file"

# --------------------------------------- validate: supply warnings on stdout

for case_dir in "$DATA"/supply/*/; do
    c=$(basename "$case_dir")
    [ -f "$case_dir/expect" ] || continue
    run "$RS" validate "$case_dir"
    n=$(grep -c '^  warning' "$TMP/out")
    want=$(grep -c . "$case_dir/expect")
    [ "$n" -eq "$want" ]
    check $? "validate supply/$c: $want warning(s) on stdout, found $n" "$(cat "$TMP/out")"
    missing=""
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        grep '^  warning' "$TMP/out" | grep -qF -- "$line" || missing="$missing
$line"
    done <"$case_dir/expect"
    [ -z "$missing" ]
    check $? "validate supply/$c: every expected warning is printed" "missing:$missing"
done

finish
