#!/usr/bin/env bash
# Replay benchmark: `mailtrace replay` against Postfix's `smtp-source -d`, both sending into
# smtp-sink on 127.0.0.1, at 2 KB, 100 KB and 1 MB with 1, 8 and 32 sessions; the same replay into
# a private Postfix beside smtp-source (Postfix is then the ceiling); one 200 MB message with the
# default heap. mailtrace always writes its per-message CSV log. Every figure is checked against
# the number of messages the server received (smtp-sink's own counter; Postfix's log). Writes a
# Markdown table to bench/results/replay.md.
#
#   bench/replay.sh [COUNT_2K] [COUNT_100K] [COUNT_1M] [REPEATS]   (defaults: 100000 5000 500 3)
#   SKIP_POSTFIX=1 / SKIP_HUGE=1 leave out those parts.
#
# Needs smtp-sink and smtp-source (apt-get install postfix; the system's postfix is never started);
# the Postfix part needs root (scripts/mta/postfix-instance.sh). Each figure is the median of
# REPEATS runs; runs of the two tools alternate so that load from other processes hits both alike;
# the load average is noted with each figure. "wall" includes JVM start-up.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
. scripts/find-jdk.sh
mailtrace_find_jdk || exit 3

count_2k=${1:-100000}
count_100k=${2:-5000}
count_1m=${3:-500}
repeats=${4:-3}

sink=/usr/sbin/smtp-sink
source_tool=/usr/sbin/smtp-source
for tool in "$sink" "$source_tool"; do
  [ -x "$tool" ] || { echo "replay.sh: $tool not found; install Postfix (apt-get install postfix) and run again" >&2; exit 3; }
done

./mailtrace --version >/dev/null   # builds the jar on first use

tmp=$(mktemp -d)
sink_pid=
postfix_dir=
cleanup() {
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
  if [ -n "$postfix_dir" ]; then scripts/mta/postfix-instance.sh stop "$postfix_dir" || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

. scripts/free-port.sh
port=$(free_port)
user_opt=()
[ "$(id -u)" = 0 ] && user_opt=(-u nobody)   # smtp-sink will not run as root without it
# -c: running counters on stdout ("mesg=N" once per message received), our check of every figure.
"$sink" "${user_opt[@]}" -c -m 1024 127.0.0.1:$port 1024 > "$tmp/sink.out" 2>&1 &
sink_pid=$!
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
received() { tr '\r' '\n' < "$tmp/sink.out" | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -1 | sed 's/^$/0/'; }

echo "replay.sh: generating corpora in $tmp" >&2
corpus() { "$JAVA_HOME/bin/java" bench/src/main/java/dev/mailtrace/bench/replay/ReplayCorpus.java "$tmp/$1.mbox" "$2" "$3"; }
corpus 2k "$count_2k" 2048
corpus 100k "$count_100k" 102400
corpus 1m "$count_1m" 1048576

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
load() { cut -d' ' -f1 /proc/loadavg; }

# check KEY BEFORE COUNT: the sink got exactly COUNT more messages
check() {
  local key=$1 before=$2 count=$3 after
  sleep 0.2
  after=$(received)
  if [ $((after - before)) != "$count" ]; then
    echo "replay.sh: run $key: the server received $((after - before)) messages, expected $count" >&2; exit 1
  fi
}

# run_mailtrace KEY MBOX COUNT SESSIONS TARGET_PORT RCPT [extra...]
run_mailtrace() {
  local key=$1 mbox=$2 count=$3 sessions=$4 target=$5 rcpt=$6 t0 t1 out before
  shift 6
  before=$(received)
  t0=$(now)
  out=$(./mailtrace replay "$mbox" --to 127.0.0.1:$target --rcpt "$rcpt" --sessions "$sessions" \
        --log "$tmp/log-$key.csv" --no-progress "$@" 2>/dev/null)
  t1=$(now)
  grep -q "^sent $count: accepted $count," <<<"$out" || { echo "replay.sh: mailtrace run $key did not deliver everything:" >&2; echo "$out" >&2; exit 1; }
  local logged; logged=$(($(wc -l < "$tmp/log-$key.csv") - 1))
  [ "$logged" = "$count" ] || { echo "replay.sh: log of $key has $logged rows, expected $count" >&2; exit 1; }
  [ "$target" = "$port" ] && check "$key" "$before" "$count"
  echo "$t0 $t1" | awk '{print $2-$1}' >> "$tmp/wall-$key"
  load >> "$tmp/load-$key"
}

# run_source KEY COUNT SESSIONS PAYLOAD TARGET_PORT RCPT
run_source() {
  local key=$1 count=$2 sessions=$3 payload=$4 target=$5 rcpt=$6 t0 t1 before
  before=$(received)
  t0=$(now)
  "$source_tool" -s "$sessions" -d -m "$count" -l "$payload" -f bench@replay.test -t "$rcpt" 127.0.0.1:$target
  t1=$(now)
  [ "$target" = "$port" ] && check "$key" "$before" "$count"
  echo "$t0 $t1" | awk '{print $2-$1}' >> "$tmp/wall-$key"
  load >> "$tmp/load-$key"
}

sizes=("2k 2048 $count_2k" "100k 102400 $count_100k" "1m 1048576 $count_1m")
for r in $(seq 1 "$repeats"); do
  for s in "${sizes[@]}"; do
    set -- $s; name=$1; size=$2; count=$3
    # smtp-source counts only the payload in -l; its own header is about 200 bytes, like ours.
    payload=$((size - 200))
    for sessions in 1 8 32; do
      echo "replay.sh: round $r/$repeats, $name, $sessions session(s), load $(load)" >&2
      run_source "src-$name-$sessions" "$count" "$sessions" "$payload" "$port" sink@example.test
      run_mailtrace "mt-$name-$sessions" "$tmp/$name.mbox" "$count" "$sessions" "$port" sink@example.test
    done
  done
done

# Into a private Postfix (delivering to a Maildir), plain SMTP as smtp-source speaks it.
postfix_rows=()
if [ -z "${SKIP_POSTFIX:-}" ] && [ "$(id -u)" = 0 ] && [ -x /usr/sbin/postfix ]; then
  postfix_dir="$tmp/postfix"
  settings=$(scripts/mta/postfix-instance.sh start "$postfix_dir" 104857600)
  pport=$(sed 's/.*plain=\([0-9]*\).*/\1/' <<<"$settings")
  delivered() { grep -c 'status=sent' "$postfix_dir/maillog" 2>/dev/null || true; }
  pf_count_2k=$((count_2k / 10)); pf_count_100k=$((count_100k / 5))
  for r in $(seq 1 "$repeats"); do
    for s in "2k 2048 $pf_count_2k" "100k 102400 $pf_count_100k"; do
      set -- $s; name=$1; size=$2; count=$3
      "$JAVA_HOME/bin/java" bench/src/main/java/dev/mailtrace/bench/replay/ReplayCorpus.java "$tmp/pf-$name.mbox" "$count" "$size"
      echo "replay.sh: Postfix round $r/$repeats, $name, 8 sessions, load $(load)" >&2
      # To the instance's own domain (delivered to its Maildir), from it (bounces stay local).
      run_source "pf-src-$name" "$count" 8 $((size - 200)) "$pport" sink@replay.test
      run_mailtrace "pf-mt-$name" "$tmp/pf-$name.mbox" "$count" 8 "$pport" sink@replay.test --tls off --mail-from bench@replay.test
    done
  done
  expected=$(( 2 * repeats * (pf_count_2k + pf_count_100k) ))
  for _ in $(seq 1 600); do [ "$(delivered)" -ge "$expected" ] && break; sleep 1; done
  [ "$(delivered)" = "$expected" ] || { echo "replay.sh: Postfix delivered $(delivered) messages, expected $expected" >&2; exit 1; }
  postfix_rows=("2k 2048 $pf_count_2k" "100k 102400 $pf_count_100k")
fi

# One 200 MB message with the default heap, and with a 256 MB heap to show memory does not grow
# with the message.
huge_rows=()
if [ -z "${SKIP_HUGE:-}" ]; then
  corpus huge 1 $((200 * 1024 * 1024))
  for heap in default 256m; do
    opts=""; [ $heap != default ] && opts="-Xmx$heap"
    before=$(received)
    t0=$(now)
    MAILTRACE_JAVA_OPTS="$opts" /usr/bin/time -f "%M" -o "$tmp/rss-$heap" ./mailtrace replay "$tmp/huge.mbox" --to 127.0.0.1:$port \
      --rcpt sink@example.test --log "$tmp/log-huge.csv" --no-progress > "$tmp/huge-$heap.out" 2>/dev/null
    t1=$(now)
    grep -q "^sent 1: accepted 1," "$tmp/huge-$heap.out" || { echo "replay.sh: the 200 MB message was not accepted:" >&2; cat "$tmp/huge-$heap.out" >&2; exit 1; }
    check "huge-$heap" "$before" 1
    huge_rows+=("$heap $(echo "$t0 $t1" | awk '{printf "%.2f", $2-$1}') $(awk '{printf "%.0f", $1/1024}' "$tmp/rss-$heap") $(load)")
  done
fi

mkdir -p bench/results
outfile=bench/results/replay.md
maxload() { sort -g "$1" | tail -1; }
{
  echo "# Replay benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; median of $repeats runs; wall clock including JVM start;"
  echo "mailtrace writes its per-message CSV log in every run; every run checked against the messages the server received."
  echo "Command: \`bench/replay.sh $count_2k $count_100k $count_1m $repeats\`."
  echo
  echo "## Into smtp-sink"
  echo
  echo "| size | sessions | messages | smtp-source -d s | mailtrace s | mailtrace MB/s | mailtrace vs smtp-source | load (max) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for s in "${sizes[@]}"; do
    set -- $s; name=$1; size=$2; count=$3
    for sessions in 1 8 32; do
      src=$(median < "$tmp/wall-src-$name-$sessions"); mt=$(median < "$tmp/wall-mt-$name-$sessions")
      printf '| %s | %d | %d | %.2f | %.2f | %.1f | **%.2fx** | %s |\n' "$name" "$sessions" "$count" "$src" "$mt" \
        "$(awk -v c=$count -v t=$mt -v z=$size 'BEGIN{print c*z/t/1e6}')" "$(awk -v a=$src -v b=$mt 'BEGIN{print a/b}')" \
        "$(cat "$tmp/load-src-$name-$sessions" "$tmp/load-mt-$name-$sessions" | sort -g | tail -1)"
    done
  done
  if [ ${#postfix_rows[@]} -gt 0 ]; then
    echo
    echo "## Into a private Postfix (smtpd, queue, virtual delivery to a Maildir), 8 sessions, plain SMTP"
    echo
    echo "| size | messages | smtp-source -d s | mailtrace s | mailtrace vs smtp-source | load (max) |"
    echo "|---|---:|---:|---:|---:|---:|"
    for s in "${postfix_rows[@]}"; do
      set -- $s; name=$1; count=$3
      src=$(median < "$tmp/wall-pf-src-$name"); mt=$(median < "$tmp/wall-pf-mt-$name")
      printf '| %s | %d | %.2f | %.2f | **%.2fx** | %s |\n' "$name" "$count" "$src" "$mt" "$(awk -v a=$src -v b=$mt 'BEGIN{print a/b}')" \
        "$(cat "$tmp/load-pf-src-$name" "$tmp/load-pf-mt-$name" | sort -g | tail -1)"
    done
  fi
  if [ ${#huge_rows[@]} -gt 0 ]; then
    echo
    echo "## One 200 MB message"
    echo
    echo "| heap | wall s | peak RSS MB | load |"
    echo "|---|---:|---:|---:|"
    for h in "${huge_rows[@]}"; do set -- $h; echo "| $1 | $2 | $3 | $4 |"; done
  fi
} > "$outfile"
cat "$outfile"
