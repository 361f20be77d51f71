#!/usr/bin/env bash
# Runs every benchmark and writes Markdown tables into bench/results/ (git-ignored):
#   1. the JMH suite (parser and archive benchmarks vs mime4j, Jakarta Mail, raw scans) -> jmh.md
#   2. the whole run (bench/wholerun.sh: generated mbox, mailtrace show --summary)     -> wholerun.md
#   3. the other areas' scripts when present: bench/index.sh, bench/replay.sh, bench/bounce.sh, bench/pageload.sh
# and joins them into bench/results/summary.md.
#
# Settings (environment): JMH_FORKS=1 JMH_WARMUP=3 JMH_ITERATIONS=5 JMH_TIME=3 (seconds per
# iteration) take about 6 minutes on 2 cores, then CPU_SECONDS=10 per benchmark for the CPU-time
# table (about 3 more minutes; 0 leaves it out); WHOLERUN_SIZE=1G; SKIP_JMH=1 or SKIP_WHOLERUN=1 to
# leave a part out; AREAS="index bounce" picks area scripts (AREAS= runs none). Exit status 1 when any part failed (the others still run).
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
. scripts/find-jdk.sh
mailtrace_find_jdk || exit 3
results="$root/bench/results"
mkdir -p "$results"
failed=()

if [ "${SKIP_JMH:-0}" != 1 ]; then
  echo "run: building bench/target/benchmarks.jar ..." >&2
  if ./build -q -pl bench -am -DskipTests package >&2; then
    "$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar dev.mailtrace.bench.BenchSuite \
      --forks "${JMH_FORKS:-1}" --warmup "${JMH_WARMUP:-3}" --iterations "${JMH_ITERATIONS:-5}" \
      --time "${JMH_TIME:-3}" --cpu-seconds "${CPU_SECONDS:-10}" --out "$results/jmh.md" > "$results/jmh.log" 2>&1 \
      || failed+=("jmh (see bench/results/jmh.log)")
  else
    failed+=("jmh build")
  fi
fi

if [ "${SKIP_WHOLERUN:-0}" != 1 ]; then
  bench/wholerun.sh "${WHOLERUN_SIZE:-1G}" || failed+=("wholerun")
fi

for area in ${AREAS-index replay bounce pageload}; do
  script="bench/$area.sh"
  if [ -x "$script" ]; then
    echo "run: $script ..." >&2
    "$script" || failed+=("$area")
  else
    echo "run: $script not present, skipped" >&2
  fi
done

{
  echo "# mailtrace benchmark results ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
  echo
  for f in jmh wholerun index replay bounce pageload; do
    [ -f "$results/$f.md" ] && { cat "$results/$f.md"; echo; }
  done
  [ ${#failed[@]} -eq 0 ] || echo "Failed parts: ${failed[*]}"
} > "$results/summary.md"
echo "run: wrote $results/summary.md" >&2
[ ${#failed[@]} -eq 0 ]
