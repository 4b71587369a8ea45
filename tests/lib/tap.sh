# tests/lib/tap.sh - the harness the shell tests share.  POSIX sh.
#
#   . "$(dirname "$0")/lib/tap.sh"      (after setting NAME, e.g. NAME=cli)
#
# Takes the roadshow binary from "$1" (made absolute as $RS); sets ROOT (the
# repository), DATA (tests/data), SAMPLE (the Chengdu sample) and TMP (a
# fresh folder removed on exit).  A test prints one line per check ("ok -
# ..." or "not ok - ..."), and calls finish, which prints exactly one line
# "N passed, M failed" and exits nonzero when M > 0: make test and CI read
# that line.

if [ $# -ne 1 ]; then
    echo "usage: sh tests/${NAME:-test}.sh PATH/TO/roadshow" >&2
    exit 2
fi

case $1 in
    /*) RS=$1 ;;
    *) RS=$(pwd)/$1 ;;
esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=$ROOT/tests/data
SAMPLE=$ROOT/inputs/chengdu-2023
TMP=$(mktemp -d "${TMPDIR:-/tmp}/roadshow-${NAME:-test}.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT INT TERM

passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
# not_ok DESCRIPTION [DETAIL]: a failed check, with up to 20 indented lines
# of detail (usually the program's stderr).
not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
    if [ -n "${2-}" ]; then
        printf '%s\n' "$2" | sed 's/^/    /' | head -n 20
    fi
}

# check STATUS DESCRIPTION [DETAIL]: ok when STATUS (usually $?) is 0.
check() {
    if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2" "${3-}"; fi
}

# run CMD...: runs the command with stdout in $TMP/out, stderr in $TMP/err
# and the exit status in $rc.
run() {
    "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
}

# expect_rc WANT DESCRIPTION: checks $rc after run.
expect_rc() {
    if [ "$rc" -eq "$1" ]; then
        ok "$2 (exit $rc)"
    else
        not_ok "$2: exit $rc, expected $1" "$(cat "$TMP/err")"
    fi
}

# has FILE TEXT DESCRIPTION: FILE contains TEXT (a fixed string).
has() {
    if grep -qF -- "$2" "$1"; then
        ok "$3"
    else
        not_ok "$3: \"$2\" not found" "$(cat "$1")"
    fi
}

# finish: the summary line; the exit status tells make whether all passed.
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}
