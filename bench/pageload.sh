#!/usr/bin/env bash
# Workbench page load: the search page of typical queries (20 results with their facets) loaded in
# headless chromium from 'mailtrace serve' over the index of a generated corpus, timed by the
# browser's Navigation Timing (first byte, and the load event: style sheet and scripts included).
# Writes bench/results/pageload.md (ignored by git).
#
#   bench/pageload.sh               200,000 messages (the default)
#   bench/pageload.sh 20000
#   WARMUP=20 RUNS=50 bench/pageload.sh
#
# The corpus (samples/generate --format mbox --count N --seed 11, as bench/index.sh makes it) and
# its index are kept in $BENCH_WORK (default ${TMPDIR:-/tmp}/mailtrace-bench-web) and reused.
# Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
mailtrace_find_jdk || exit 3
n=${1:-200000}
warmup=${WARMUP:-10}
runs=${RUNS:-30}
work="${BENCH_WORK:-${TMPDIR:-/tmp}/mailtrace-bench-web}/$n"
results="$root/bench/results/pageload.md"
log() { echo "bench/pageload: $*" >&2; }
mkdir -p "$work" "$root/bench/results"

queries=("" "subject:invoice" "from:example.com" "date:2024-01-01..2024-03-31" "meeting" "subject:report -from:example.org" "is:bounce")

log "building the CLI jar and the web module's test classes"
# The test classpath comes out of the same reactor run that compiles the modules it names.
(cd "$root" && ./build jar >&2 && ./build -q -pl web -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >&2)
cp_file="$root/web/target/test-classpath.txt"
cp="$root/web/target/test-classes:$root/web/target/classes:$(cat "$cp_file")"

if [ ! -f "$work/.done" ]; then
  log "generating $n messages and indexing them in $work"
  rm -rf "$work"/archive.mbox "$work"/idx
  "$root/samples/generate" --format mbox --count "$n" --seed 11 --out "$work/archive.mbox" >/dev/null
  "$root/mailtrace" index "$work/archive.mbox" --index "$work/idx" --quiet >/dev/null
  touch "$work/.done"
fi
docs=$(MAILTRACE_DAEMON=0 "$root/mailtrace" search --index "$work/idx" --count '*')
[ "$docs" = "$n" ] || { log "the index holds $docs documents, not $n: remove $work and run again"; exit 1; }

out=$(mktemp)
"$root/mailtrace" serve --index "$work/idx" > "$out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q 'token=' "$out" && break; sleep 0.2; done
url=$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$out")

log "loading each query's page $warmup times to warm up, then $runs times measured"
table=$("$JAVA_HOME/bin/java" -cp "$cp" dev.mailtrace.web.PageLoadProbe "$url" "$warmup" "$runs" "${queries[@]}")
{
  echo "# Workbench page load"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2), $(chromium --version 2>/dev/null)."
  echo "Index: $n generated messages (samples/generate --format mbox --count $n --seed 11). Search page of each query:"
  echo "20 results, 7 facets over all matches; $warmup loads to warm up, then $runs measured (Navigation Timing)."
  echo
  echo "$table"
} > "$results"
cat "$results"
