#!/usr/bin/env bash
# Whole run: generate an mbox of SIZE with the sample generator (cached in bench/work/), run
# `mailtrace show --summary` over it with a small heap under /usr/bin/time -v, and CHECK that the
# message count it reports equals the count the generator wrote.
#
#   bench/wholerun.sh [SIZE]        SIZE as the generator takes it: 1G (default), 200M, ...
#   env: SEED (default 1), HEAP (default 256m), RESULTS (default bench/results/wholerun.md)
#
# Exit status: 0 ok, 1 count mismatch or failed run, 3 environment (no /usr/bin/time, build failed).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
size="${1:-1G}"
seed="${SEED:-1}"
heap="${HEAP:-256m}"
results="${RESULTS:-$root/bench/results/wholerun.md}"
work="$root/bench/work"
mkdir -p "$work" "$(dirname "$results")"
[ -x /usr/bin/time ] || { echo "wholerun: /usr/bin/time is missing; install it (apt-get install time)" >&2; exit 3; }

# The cached corpus is named after the generator's sources too, so a changed generator regenerates it.
gen=$(cat samples/src/main/java/dev/mailtrace/samples/*.java | sha256sum | cut -c1-8)
mbox="$work/corpus-$size-seed$seed-$gen.mbox"
summary="$mbox.summary"
if [ ! -s "$mbox" ] || [ ! -s "$summary" ]; then
  rm -f "$work/corpus-$size-seed$seed-"*.mbox "$work/corpus-$size-seed$seed-"*.mbox.summary "$work/corpus-$size-seed$seed.mbox"*
  echo "wholerun: generating $mbox ..." >&2
  start=$(date +%s.%N)
  samples/generate --format mbox --size-bytes "$size" --seed "$seed" --out "$mbox" > "$summary.tmp"
  mv "$summary.tmp" "$summary"
  echo "wholerun: generated in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s: $(tr '\n' ' ' < "$summary")" >&2
fi
expected=$(sed -n 's/^messages=//p' "$summary")
bytes=$(stat -c %s "$mbox")

# Build first so the timed run measures reading and parsing only.
./build jar >&2 || { echo "wholerun: build failed; run './build jar' to see why" >&2; exit 3; }
# One untimed call, so the launcher's one-off start-up cache recording is not in the figures.
./mailtrace --version > /dev/null 2>&1 || true

out="$work/show.out"
err="$work/show.err"
timing="$work/time.txt"
gclog="$work/gc.log"
rm -f "$gclog"
echo "wholerun: mailtrace show --summary over $(numfmt --to=iec "$bytes") ($expected messages), heap $heap ..." >&2
set +e
MAILTRACE_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$gclog" /usr/bin/time -v -o "$timing" \
  ./mailtrace show --summary "$mbox" > "$out" 2> "$err"
rc=$?
set -e

wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$timing" \
  | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$timing")
cpu_user=$(sed -n 's/.*User time (seconds): //p' "$timing")
cpu_sys=$(sed -n 's/.*System time (seconds): //p' "$timing")
# Peak heap in use: the largest "before" figure of any GC pause in the unified GC log.
peak_heap=$(grep -oE '[0-9]+M->[0-9]+M' "$gclog" 2>/dev/null | sed 's/M->.*//' | sort -n | tail -1)
# The count the tool reports: the first number on the first line that mentions messages.
reported=$(grep -iE 'messages' "$out" | head -1 | grep -oE '[0-9][0-9,]*' | head -1 | tr -d ,)
tool_line=$(grep -iE 'msgs/s|MB/s|messages' "$out" | head -3 | tr '\n' ' ' | sed 's/|/\\|/g')
tool_msgs_s=$(grep -oE '[0-9][0-9,.]* msgs/s' "$out" | head -1 | sed 's/ msgs\/s//')
tool_mb_s=$(grep -oE '[0-9][0-9,.]* MB/s' "$out" | head -1 | sed 's/ MB\/s//')

status="ok"
if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
  status="FAILED: exit $rc ($(head -c 300 "$err" | tr '\n' ' '))"
elif [ -z "$reported" ]; then
  status="FAILED: no message count in the output"
elif [ "$reported" != "$expected" ]; then
  status="FAILED: reported $reported messages, the generator wrote $expected"
fi
msgs_s=$(awk -v n="$expected" -v t="$wall" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "?" }')
mb_s=$(awk -v b="$bytes" -v t="$wall" 'BEGIN { if (t > 0) printf "%.1f", b / t / 1e6; else print "?" }')

{
  echo "### Whole run: \`mailtrace show --summary\` over a generated mbox"
  echo
  echo "Input: $(numfmt --to=iec "$bytes") mbox ($bytes bytes), $expected messages, seed $seed (\`samples/generate --format mbox --size-bytes $size --seed $seed\`)."
  echo "Command: \`MAILTRACE_JAVA_OPTS='-Xmx$heap' /usr/bin/time -v ./mailtrace show --summary $(realpath --relative-to="$root" "$mbox")\`"
  echo
  echo "| Size | Messages (generated) | Messages (reported) | Wall s | msgs/s (wall) | MB/s (wall) | msgs/s (tool) | MB/s (tool) | CPU s (user+sys) | MB per CPU s | Peak RSS MB | Peak heap MB (GC log) | Heap limit | Check |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
  echo "| $size | $expected | ${reported:-?} | $wall | $msgs_s | $mb_s | ${tool_msgs_s:-?} | ${tool_mb_s:-?} | $(awk -v u="$cpu_user" -v s="$cpu_sys" 'BEGIN { printf "%.1f", u + s }') | $(awk -v b="$bytes" -v u="$cpu_user" -v s="$cpu_sys" 'BEGIN { if (u + s > 0) printf "%.0f", b / 1e6 / (u + s); else print "?" }') | $(( ${rss_kb:-0} / 1024 )) | ${peak_heap:-?} | $heap | $status |"
  echo
  echo "Tool's own summary: ${tool_line:-none}"
  echo "Wall figures include JVM start-up; the tool's figures are its own (reading and parsing only); MB per CPU s (all threads, JIT and GC included) is the figure least affected by other load. The machine is shared, so figures are noisy."
} > "$results"
cat "$results"
[ "$status" = ok ] || exit 1
