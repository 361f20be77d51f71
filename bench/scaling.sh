#!/usr/bin/env bash
# Linear time: JMH ScalingBenchmark doubles one dimension of a message from 1,000 to 128,000 (header
# fields, MIME parts, Received hops, encoded words, delivery-report recipients) and this prints the
# time per element at each size and its ratio to the time per element at 1,000: a ratio that stays
# near 1 is linear, one that doubles with each doubling is quadratic.
#
#   bench/scaling.sh                         every dimension
#   DIMENSIONS=headers,hops bench/scaling.sh
# Writes bench/results/scaling.md. (The recipients of a delivery report are the bounce branch's.)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
. scripts/find-jdk.sh
mailtrace_find_jdk || exit 3
mkdir -p bench/results
./build -q -pl bench -am -DskipTests package >&2
dims="${DIMENSIONS:-headers,parts,hops,words,recipients}"
"$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar 'ScalingBenchmark' -p dimension="$dims" \
  -rf csv -rff bench/results/scaling.csv > bench/results/scaling.log 2>&1
{
  echo "# time per element ($(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| dimension | size | µs per message | ns per element | vs 1,000 |"
  echo "|---|---:|---:|---:|---:|"
  awk -F, 'NR > 1 { gsub(/"/, ""); d = $8; n = $9; us = $5; per = us * 1000 / n;
      if (n == 1000) base[d] = per;
      printf "| %s | %d | %.0f | %.1f | %.2f |\n", d, n, us, per, per / base[d] }' bench/results/scaling.csv
} | tee bench/results/scaling.md
