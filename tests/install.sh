#!/bin/sh
# Installs into a staging folder, builds tests/install_demo.c against the
# installed library with pkg-config, runs it on a hand-worked event, and
# checks the man page renders.  Ends with "N passed, M failed".
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; }
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
if make -s install DESTDIR="$stage" PREFIX=/usr >"$stage/log" 2>&1; then ok "make install"; else bad "make install: $(tail -3 "$stage/log")"; fi
for f in bin/roadshow lib/libroadshow.a include/roadshow.h lib/pkgconfig/roadshow.pc share/man/man1/roadshow.1; do
  if [ -f "$stage/usr/$f" ]; then ok "installed $f"; else bad "missing $f"; fi
done
PKG_CONFIG_PATH="$stage/usr/lib/pkgconfig"; export PKG_CONFIG_PATH
flags=$(pkg-config --define-variable=prefix="$stage/usr" --cflags --libs roadshow 2>&1)
if cc -std=c11 -o "$stage/demo" tests/install_demo.c $flags 2>"$stage/cc.log"; then ok "demo builds with pkg-config"; else bad "demo build: $(head -3 "$stage/cc.log")"; fi
out=$("$stage/demo" tests/data/opt/scoring 2>&1)
want=$(tr -d ' \n' < tests/data/opt/scoring/expected)
if [ "$out" = "optimal $want" ]; then ok "demo solves the scoring case: $out"; else bad "demo printed '$out', expected 'optimal $want'"; fi
if "$stage/usr/bin/roadshow" --version | grep -q "roadshow $(pkg-config --modversion roadshow)"; then ok "version agrees with roadshow.pc"; else bad "version differs from roadshow.pc"; fi
if command -v man >/dev/null 2>&1; then
  if MANWIDTH=80 man -l "$stage/usr/share/man/man1/roadshow.1" 2>/dev/null | grep -q "EXIT STATUS"; then ok "man page renders"; else bad "man page does not render"; fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
