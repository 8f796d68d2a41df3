#!/usr/bin/env bash
# bench/bignum.sh [BITS]   (from anywhere; BITS defaults to 10000000)
#
# Huge integers on the release build (.build/release/tutor, or $TUTOR):
#  - the shell printing 2^BITS: `(bsl 1 BITS)` piped into `tutor repl`, wall time of the
#    whole session (start-up is a few ms) and the number of digits printed;
#  - bench/bignum.lfe: integer_to_list of 2^BITS, list_to_integer of its digits, a
#    product of two BITS/2-bit numbers, 2^BITS div 2^(BITS/2)+1, each timed inside LFE.
# With $BASE set to another tutor binary (say one built before the fast products, whose
# arithmetic is BigInt's own), it runs the same on that one for comparison; with `lfe`
# on the PATH, bench/bignum.lfe also runs compiled on real LFE at BITS/10 (BEAM's own
# conversions are quadratic: 2^10,000,000 takes minutes). It never builds anything.
set -u
cd "$(dirname "$0")/.." || exit 1
TUTOR=${TUTOR:-.build/release/tutor}
BITS=${1:-10000000}
TIMEOUT=${BENCH_TIMEOUT:-900}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

run() {  # $1 label, $2 binary
  [ -x "$2" ] || { echo "$1: n/a ($2 not found)"; return; }
  local t0 digits
  t0=$(date +%s%N)
  digits=$(printf '(bsl 1 %s)\n' "$BITS" | timeout "$TIMEOUT" "$2" repl 2>/dev/null | tr -cd '0-9' | wc -c)
  echo "$1 shell printing 2^$BITS: $(ms "$t0") ms ($digits digits in the session's output)"
  printf '%s ' "$1"
  timeout "$TIMEOUT" "$2" run bench/bignum.lfe --eval "(bignum:main $BITS)" 2>&1 | head -1
}

uptime
run tutor "$TUTOR"
[ -n "${BASE:-}" ] && run base "$BASE"
if command -v lfe >/dev/null 2>&1 && command -v lfec >/dev/null 2>&1; then
  lfec -o "$tmp" bench/bignum.lfe >/dev/null 2>&1
  printf 'lfe (2^%s) ' $((BITS / 10))
  (cd "$tmp" && timeout "$TIMEOUT" lfe -pa "$tmp" -e "(bignum:main $((BITS / 10)))" 2>&1 | head -1)
fi
