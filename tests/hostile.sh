#!/bin/sh
# hostile.sh - malformed and hostile inputs: every case under
# tests/data/hostile (see tests/data/README.md for the expect format) and a
# few huge ones generated here (too big to commit).  POSIX sh.
#
#   sh tests/hostile.sh build/roadshow
#
# For each case, `roadshow validate` and `roadshow schedule --time-limit 5`
# (into an output folder already holding a schedule.json) run under
# `timeout 10` and must: exit as the case expects, print each expected
# message on stderr, not crash (exit 128 or more, or sanitizer output, is a
# crash), finish within LIMIT seconds, and on failure leave the old
# schedule.json byte for byte.  Prints one line per check, then exactly one
# line "N passed, M failed"; exits nonzero when M > 0.

NAME=hostile
. "$(dirname "$0")/lib/tap.sh"

LIMIT=${HOSTILE_SECONDS_LIMIT:-5}

# now_ms: a monotonic-enough clock in milliseconds (GNU date).
now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# crashed RC ERRFILE: true when the run crashed (signal, or a sanitizer
# complained even though the exit status looks normal).
crashed() {
    [ "$1" -ge 128 ] && [ "$1" -ne 124 ] && return 0
    grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$2"
}

# run_case DIR NAME: both commands on one case folder.
run_case() {
    dir=$1
    name=$2
    want_v=$(sed -n 's/^validate \([0-9-]*\)$/\1/p' "$dir/expect")
    want_s=$(sed -n 's/^schedule \([0-9-]*\)$/\1/p' "$dir/expect")
    if [ -z "$want_v" ] || [ -z "$want_s" ]; then
        not_ok "$name: expect lacks a validate or schedule line"
        return
    fi
    for cmd in validate schedule; do
        if [ "$cmd" = validate ]; then want=$want_v; else want=$want_s; fi
        [ "$want" = - ] && continue
        out=$TMP/out-$name
        rm -rf "$out"
        mkdir -p "$out"
        printf '{ "sentinel": "%s" }\n' "$name" >"$out/schedule.json"
        cp "$out/schedule.json" "$TMP/sentinel"
        t0=$(now_ms)
        if [ "$cmd" = validate ]; then
            timeout 10 "$RS" validate "$dir" >"$TMP/out" 2>"$TMP/err"
        else
            timeout 10 "$RS" schedule "$dir" -o "$out" --time-limit 5 --quiet \
                >"$TMP/out" 2>"$TMP/err"
        fi
        rc=$?
        ms=$(($(now_ms) - t0))
        what="$cmd hostile/$name"
        if crashed "$rc" "$TMP/err"; then
            not_ok "$what: crashed (exit $rc)" "$(cat "$TMP/err")"
            continue
        fi
        if [ "$rc" -eq 124 ]; then
            not_ok "$what: still running after 10 s"
            continue
        fi
        missing=""
        while IFS= read -r line; do
            case $line in
                '#'* | '' | 'validate '* | 'schedule '*) continue ;;
            esac
            grep -qF -- "$line" "$TMP/err" || missing="$missing
    missing: $line"
        done <"$dir/expect"
        if [ "$rc" -eq "$want" ] && [ -z "$missing" ]; then
            ok "$what: exit $rc, messages as expected"
        else
            not_ok "$what: exit $rc (expected $want)$missing" "$(head -c 4000 "$TMP/err")"
        fi
        if [ "$ms" -le $((LIMIT * 1000)) ]; then
            ok "$what: took ${ms} ms"
        else
            not_ok "$what: took ${ms} ms, more than $LIMIT s"
        fi
        if [ "$rc" -eq 2 ] && [ -s "$TMP/out" ]; then
            not_ok "$what: bad input, yet something on stdout" "$(head -c 2000 "$TMP/out")"
        fi
        if [ "$cmd" = schedule ] && [ "$rc" -ne 0 ]; then
            if cmp -s "$TMP/sentinel" "$out/schedule.json" &&
                [ "$(ls "$out")" = schedule.json ]; then
                ok "$what: the old schedule.json is untouched, nothing else written"
            else
                not_ok "$what: the output folder changed on failure" "$(ls -la "$out")"
            fi
        elif [ "$cmd" = schedule ]; then
            has "$out/schedule.json" '"format_version": 1' "$what: a new schedule.json"
        fi
        rm -rf "$out"
    done
}

# ---------------------------------------------------- committed cases

n=0
for dir in "$DATA"/hostile/*/; do
    [ -f "$dir/expect" ] || continue
    name=$(basename "$dir")
    n=$((n + 1))
    run_case "${dir%/}" "$name"
done
if [ "$n" -ge 60 ]; then ok "$n committed hostile cases"; else not_ok "only $n hostile cases"; fi

# ---------------------------------------------------- generated cases
# Too big to commit; each starts from this small valid event.

GEN=$TMP/gen
base_event() { # base_event NAME: event.json text with this event name
    cat <<EOF
{ "name": "$1", "timezone": "Asia/Shanghai", "slot_minutes": 30,
  "days": [ { "date": "2023-05-18", "start": "09:00", "end": "12:00" } ],
  "rooms": [ { "id": "r1", "capacity": 2 } ],
  "sectors": [ { "id": "s" } ] }
EOF
}

# new_case NAME VALIDATE SCHEDULE [MESSAGE...]: a folder with the base
# event, one investor and one SME, and its expect file.
new_case() {
    c=$GEN/$1
    mkdir -p "$c"
    base_event "Generated" >"$c/event.json"
    echo '[ { "id": "i1", "name": "I", "sectors": { "s": 3 } } ]' >"$c/investors.json"
    echo '[ { "id": "m1", "name": "M", "sectors": [ "s" ] } ]' >"$c/smes.json"
    printf 'validate %s\nschedule %s\n' "$2" "$3" >"$c/expect"
    shift 3
    for m in "$@"; do printf '%s\n' "$m" >>"$c/expect"; done
}

# a 10 MB event name
new_case huge-name-10mb 2 2 "event.json: name: longer than 1000 bytes"
{ printf '{ "name": "'; head -c 10000000 /dev/zero | tr '\0' n; printf '",'
  base_event x | tail -n +2; } >"$GEN/huge-name-10mb/event.json"

# a 300 MB string: refused by its size before it is read
new_case huge-string-300mb 2 2 "investors.json: (top level): the file holds 300000030 bytes" \
    "more than the reader's limit of 64 MiB"
{ printf '[ { "id": "i1", "name": "'; head -c 300000000 /dev/zero | tr '\0' n; printf '" } ]'; } \
    >"$GEN/huge-string-300mb/investors.json"

# a million SMEs: refused by the number of JSON values before parsing
new_case million-smes 2 2 "smes.json: (top level): more than 2000000 JSON values"
awk 'BEGIN { printf "["; for (i = 0; i < 1000000; i++)
    printf "%s{\"id\":\"m%d\",\"sectors\":[\"s\"]}", (i ? "," : ""), i; print "]" }' \
    >"$GEN/million-smes/smes.json"

# 20001 investors: over the participant limit
new_case investors-over-limit 2 2 "investors.json: (top level): 20001 investors, more than the reader's limit of 20000"
awk 'BEGIN { printf "["; for (i = 0; i < 20001; i++)
    printf "%s{\"id\":\"i%d\",\"name\":\"I\"}", (i ? "," : ""), i; print "]" }' \
    >"$GEN/investors-over-limit/investors.json"

# 4000 investors x 3000 SMEs: over the investor-SME matrix limit
new_case pair-matrix-over-limit 2 2 "4000 investors times 3000 SMEs make 12000000 investor-SME pairs"
awk 'BEGIN { printf "["; for (i = 0; i < 4000; i++)
    printf "%s{\"id\":\"i%d\",\"name\":\"I\"}", (i ? "," : ""), i; print "]" }' \
    >"$GEN/pair-matrix-over-limit/investors.json"
awk 'BEGIN { printf "["; for (i = 0; i < 3000; i++)
    printf "%s{\"id\":\"m%d\",\"name\":\"M\",\"sectors\":[\"s\"]}", (i ? "," : ""), i; print "]" }' \
    >"$GEN/pair-matrix-over-limit/smes.json"

# 1001 x 1000 pairs, all with a common sector: over the candidate pair limit
new_case candidate-pairs-over-limit 2 2 "more than 1000000 candidate pairs"
awk 'BEGIN { printf "["; for (i = 0; i < 1001; i++)
    printf "%s{\"id\":\"i%d\",\"name\":\"I\",\"sectors\":{\"s\":2}}", (i ? "," : ""), i; print "]" }' \
    >"$GEN/candidate-pairs-over-limit/investors.json"
awk 'BEGIN { printf "["; for (i = 0; i < 1000; i++)
    printf "%s{\"id\":\"m%d\",\"name\":\"M\",\"sectors\":[\"s\"]}", (i ? "," : ""), i; print "]" }' \
    >"$GEN/candidate-pairs-over-limit/smes.json"

# 2001 rooms
new_case rooms-over-limit 2 2 "event.json: rooms: more than 2000 rooms"
{ echo '{ "name": "Rooms", "timezone": "UTC", "slot_minutes": 30,'
  echo '  "days": [ { "date": "2023-05-18", "start": "09:00", "end": "12:00" } ],'
  echo '  "sectors": [ { "id": "s" } ], "rooms": ['
  awk 'BEGIN { for (i = 0; i < 2001; i++) printf "%s{\"id\":\"r%d\"}\n", (i ? "," : ""), i }'
  echo '] }'; } >"$GEN/rooms-over-limit/event.json"

# the benchmark's largest event (300 investors x 3000 SMEs, 150,000
# candidate pairs, 30 slots, 200 rooms) must stay within the limits
if cc -O2 -o "$TMP/gen-xl" "$ROOT/bench/gen.c" 2>"$TMP/err"; then
    "$TMP/gen-xl" "$GEN/bench-xl" 300 3000 2 4 200 4 1 16 1 08:30 >/dev/null 2>&1
    printf 'validate 0\nschedule -\n' >"$GEN/bench-xl/expect"
else
    not_ok "bench/gen.c does not build" "$(cat "$TMP/err")"
fi

for dir in "$GEN"/*/; do
    run_case "${dir%/}" "$(basename "$dir")"
done
run "$RS" validate "$GEN/bench-xl"
has "$TMP/out" "300 investors, 3000 SMEs" "the benchmark's XL event validates in full"
rm -rf "$GEN"

finish
