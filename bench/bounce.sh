#!/usr/bin/env bash
# Bounce benchmark: the JMH BounceBenchmark (bounce classification over the Sisimai bounce corpus,
# ordinary mail parsed with and without classification, a raw line scan as the floor), as a table.
# Writes bench/results/bounce.md (ignored by git).
#
#   bench/bounce.sh
#   BOUNCES=/path/to/maildir bench/bounce.sh      another bounce corpus
#
# The corpus defaults to ../shared/corpora/bounces/sisimai/maildir/bsd; JMH's fork, warm-up and
# measurement settings are BounceBenchmark's own (1 fork, 3 x 2 s warm-up, 5 x 2 s measured).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
mailtrace_find_jdk || exit 3
corpus="${BOUNCES:-$root/../shared/corpora/bounces/sisimai/maildir/bsd}"
results="$root/bench/results/bounce.md"
if [ ! -d "$corpus" ]; then
  echo "bench/bounce: no bounce corpus at $corpus; set BOUNCES=DIR" >&2
  exit 3
fi
mkdir -p "$root/bench/results"
echo "bench/bounce: building bench/target/benchmarks.jar" >&2
(cd "$root" && ./build -q -pl bench -am -DskipTests package >&2)
json=$(mktemp)
trap 'rm -f "$json"' EXIT
(cd "$root" && "$JAVA_HOME/bin/java" -Dmailtrace.bounces="$corpus" -jar bench/target/benchmarks.jar BounceBenchmark \
  -rf json -rff "$json" >&2)
{
  echo "# Bounce benchmark"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2); corpus $corpus."
  echo
  python3 - "$json" <<'PY'
import json, sys
print("| benchmark | messages/s | error (99.9 %) |")
print("|---|---:|---:|")
for r in json.load(open(sys.argv[1])):
    m = r["primaryMetric"]
    print(f"| `{r['benchmark'].rsplit('.', 1)[1]}` | {m['score']:,.0f} | ±{m['scoreError']:,.0f} |")
PY
} > "$results"
cat "$results"
