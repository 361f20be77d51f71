#!/usr/bin/env bash
# Longer fuzzing runs: every Jazzer target (fuzz/src/test/java/dev/mailtrace/fuzz/Target.java) for
# SECONDS each, the bounce classifier's and the query language's included; prints each target's
# result and where its failing input is (fuzz/target/fuzz/NAME/crash-*).
#
#   bench/fuzz.sh            300 s per target (about an hour in all)
#   SECONDS_PER_TARGET=60 bench/fuzz.sh
#   TARGET=MESSAGE_PARSER bench/fuzz.sh    one target (a name of the Target enum)
#
# A finding, once fixed, goes to fuzz/src/test/resources/dev/mailtrace/fuzz/findings/NAME/ with a
# name that says what it was; FuzzRegressionTest replays it in every test run from then on.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
seconds="${SECONDS_PER_TARGET:-300}"
select='ShortFuzzRunTest'
[ -n "${TARGET:-}" ] && select="ShortFuzzRunTest#fuzzesWithoutAFinding"
./build -q test -pl fuzz -am -Dtest="$select" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.seconds="$seconds" -Dfuzz.all=true ${TARGET:+-Dfuzz.only="$TARGET"} 2>&1 | grep -a -E 'Tests run:|found a failing|<<<' || true
for d in fuzz/target/fuzz/*/; do
  name=$(basename "$d")
  crashes=$(ls "$d" | grep -c -E '^(crash|timeout|oom|slow-unit)-' || true)
  echo "$name: $(grep -a -m1 '^Done' "$d/jazzer.log" 2>/dev/null || echo 'no run'), findings: $crashes"
done
