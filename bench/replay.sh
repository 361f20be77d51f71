#!/usr/bin/env bash
# Replay benchmark: `mailtrace replay` against Postfix's smtp-source, both sending into smtp-sink on
# 127.0.0.1, with 2 KB and 100 KB messages, 1/8/32 sessions, pipelining on and off. mailtrace always
# writes its per-message log (CSV). Writes a Markdown table to bench/results/replay.md.
#
#   bench/replay.sh [COUNT_2K] [COUNT_100K] [REPEATS]     (defaults: 100000 5000 3)
#
# Needs smtp-sink and smtp-source (apt-get install postfix; the postfix daemon is never started).
# Each figure is the median of REPEATS runs; runs of the two tools are interleaved so that load
# from other processes hits both alike. "wall" includes JVM start-up (the launcher uses CDS);
# "in run" is mailtrace's own measure from first connection to last reply.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
. scripts/find-jdk.sh
mailtrace_find_jdk || exit 3

count_small=${1:-100000}
count_large=${2:-5000}
repeats=${3:-3}

sbin=/usr/sbin
for tool in smtp-sink smtp-source; do
  if ! command -v $tool >/dev/null 2>&1 && [ ! -x $sbin/$tool ]; then
    echo "replay.sh: $tool not found; install Postfix (apt-get install postfix) and run again" >&2
    exit 3
  fi
done
sink=$(command -v smtp-sink || echo $sbin/smtp-sink)
source_tool=$(command -v smtp-source || echo $sbin/smtp-source)

# The launcher's JIT tier limit (MAILTRACE_TIER, default 4: full C2). MAILTRACE_TIER=1 spends less
# CPU compiling and suits runs of a few seconds; C2 wins on longer runs (SHA-256 intrinsics).
export MAILTRACE_TIER=${MAILTRACE_TIER:-4}
./mailtrace --version >/dev/null   # builds the jar on first use

tmp=$(mktemp -d)
sink_pid=
cleanup() {
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A free port: one nobody answers on.
port=
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 30000))
  if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "replay.sh: no free port found" >&2; exit 3; }

user_opt=()
[ "$(id -u)" = 0 ] && user_opt=(-u nobody)   # smtp-sink will not run as root without it
"$sink" "${user_opt[@]}" -m 1024 127.0.0.1:$port 1024 &
sink_pid=$!
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done

echo "replay.sh: generating corpora in $tmp" >&2
"$JAVA_HOME/bin/java" bench/src/main/java/dev/mailtrace/bench/replay/ReplayCorpus.java "$tmp/2k.mbox" "$count_small" 2048
"$JAVA_HOME/bin/java" bench/src/main/java/dev/mailtrace/bench/replay/ReplayCorpus.java "$tmp/100k.mbox" "$count_large" 102400

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# run_mailtrace KEY MBOX COUNT SESSIONS PIPE(on|off)
run_mailtrace() {
  local key=$1 mbox=$2 count=$3 sessions=$4 pipe=$5 extra=()
  [ "$pipe" = off ] && extra=(--no-pipelining)
  local t0 t1 out
  t0=$(now)
  out=$(./mailtrace replay "$mbox" --to 127.0.0.1:$port --rcpt sink@example.test --sessions "$sessions" \
        --log "$tmp/log-$key.csv" --no-progress "${extra[@]}" 2>/dev/null)
  t1=$(now)
  if ! grep -q "^sent $count: accepted $count," <<<"$out"; then
    echo "replay.sh: mailtrace run $key did not deliver everything:" >&2; echo "$out" >&2; exit 1
  fi
  local logged; logged=$(($(wc -l < "$tmp/log-$key.csv") - 1))
  [ "$logged" = "$count" ] || { echo "replay.sh: log of $key has $logged rows, expected $count" >&2; exit 1; }
  echo "$t0 $t1" | awk '{print $2-$1}' >> "$tmp/wall-$key"
  sed -n 3p <<<"$out" | awk '{print $1}' >> "$tmp/run-$key"
}

# run_source KEY COUNT SESSIONS PAYLOAD
run_source() {
  local key=$1 count=$2 sessions=$3 payload=$4 t0 t1
  t0=$(now)
  "$source_tool" -s "$sessions" -d -m "$count" -l "$payload" -f bench@origin.test -t sink@example.test 127.0.0.1:$port
  t1=$(now)
  echo "$t0 $t1" | awk '{print $2-$1}' >> "$tmp/wall-$key"
}

sizes=("2k 2048 $count_small" "100k 102400 $count_large")
for r in $(seq 1 "$repeats"); do
  for s in "${sizes[@]}"; do
    set -- $s; name=$1; size=$2; count=$3
    # smtp-source counts only the payload in -l; its own header is about 200 bytes, like ours.
    payload=$((size - 200))
    for sessions in 1 8 32; do
      echo "replay.sh: round $r/$repeats, $name, $sessions session(s)" >&2
      run_source "src-$name-$sessions" "$count" "$sessions" "$payload"
      run_mailtrace "mt-$name-$sessions-on" "$tmp/$name.mbox" "$count" "$sessions" on
      run_mailtrace "mt-$name-$sessions-off" "$tmp/$name.mbox" "$count" "$sessions" off
    done
  done
done

mkdir -p bench/results
outfile=bench/results/replay.md
{
  echo "# Replay benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end;"
  echo "median of $repeats runs; smtp-sink on 127.0.0.1; mailtrace writes its per-message CSV log in every run;"
  echo "mailtrace runs through its launcher (start-up cache) with MAILTRACE_TIER=$MAILTRACE_TIER (JIT tier limit)."
  echo "Command: \`bench/replay.sh $count_small $count_large $repeats\`."
  echo
  echo "| size | tool | sessions | pipelining | messages | wall s | msg/s (wall) | MB/s (wall) | msg/s (in run) | vs smtp-source, same sessions (wall) |"
  echo "|---|---|---:|---|---:|---:|---:|---:|---:|---:|"
  for s in "${sizes[@]}"; do
    set -- $s; name=$1; size=$2; count=$3
    for sessions in 1 8 32; do
      src=$(median < "$tmp/wall-src-$name-$sessions")
      printf '| %s | smtp-source -d | %d | no | %d | %.2f | %.0f | %.1f | | 1.00x |\n' "$name" "$sessions" "$count" "$src" \
        "$(awk -v c=$count -v t=$src 'BEGIN{print c/t}')" "$(awk -v c=$count -v t=$src -v z=$size 'BEGIN{print c*z/t/1e6}')"
      for pipe in on off; do
        key="mt-$name-$sessions-$pipe"
        w=$(median < "$tmp/wall-$key"); inrun=$(median < "$tmp/run-$key")
        printf '| %s | mailtrace replay | %d | %s | %d | %.2f | %.0f | %.1f | %.0f | %.2fx |\n' "$name" "$sessions" "$pipe" "$count" "$w" \
          "$(awk -v c=$count -v t=$w 'BEGIN{print c/t}')" "$(awk -v c=$count -v t=$w -v z=$size 'BEGIN{print c*z/t/1e6}')" \
          "$(awk -v c=$count -v t=$inrun 'BEGIN{print c/t}')" "$(awk -v a=$src -v b=$w 'BEGIN{print a/b}')"
      done
    done
  done
  echo
  s1=$(median < "$tmp/wall-src-2k-1"); s8=$(median < "$tmp/wall-src-2k-8")
  m1=$(median < "$tmp/wall-mt-2k-1-on"); m8=$(median < "$tmp/wall-mt-2k-8-on")
  echo "Targets (2 KB, wall clock): one pipelined session vs \`smtp-source -s 1 -d\`:" \
    "$(awk -v a=$s1 -v b=$m1 'BEGIN{printf "%.2fx", a/b}') (target 1.2x);" \
    "8 sessions vs \`smtp-source -s 8 -d\`: $(awk -v a=$s8 -v b=$m8 'BEGIN{printf "%.2fx", a/b}') (target 1.0x)."
} > "$outfile"
cat "$outfile"
