#!/usr/bin/env bash
# Index benchmark: mailtrace index against notmuch and mu (maildir-utils) on the same generated Maildir,
# then query latency against notmuch, with and without the query daemon ('mailtrace daemon start').
# Writes bench/results/index.md (ignored by git).
#
#   bench/index.sh                 corpora of 20k and 200k messages (the default)
#   bench/index.sh 3000            one small corpus
#   THREADS="1 2" RUNS=20 bench/index.sh 20000
#   INDEX_RUNS=3 bench/index.sh 200000      each indexer run 3 times from scratch, median reported
#
# Corpora come from the samples generator (samples/generate --format both) into $BENCH_WORK
# (default ${TMPDIR:-/tmp}/mailtrace-bench-index) and are reused when present. notmuch and mu are
# installed from Debian when missing (apt-get install -y notmuch maildir-utils); hyperfine is used
# for whole-command timings when installed, else a loop timed with date +%s%N.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
. "$root/scripts/find-jdk.sh"
mailtrace_find_jdk || exit 3

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20000 200000)
threads=(${THREADS:-1 2})
runs=${RUNS:-20}
# On a shared machine one indexing run varies by up to 10 %: INDEX_RUNS repeats each one (odd
# counts give a true median).
index_runs=${INDEX_RUNS:-1}
work="${BENCH_WORK:-${TMPDIR:-/tmp}/mailtrace-bench-index}"
results="$root/bench/results/index.md"
mkdir -p "$work" "$root/bench/results"

log() { echo "bench/index: $*" >&2; }
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }
mbps() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / 1e6 / s; else print "-" }'; }
size_of() { du -sb "$1" | cut -f1; }
# timed FRESH CMD...: INDEX_RUNS times, runs FRESH (untimed: removes what the last run built) and
# then CMD; prints the median of CMD's seconds.
timed() {
  local fresh=$1 a b all=()
  shift
  for _ in $(seq "$index_runs"); do
    "$fresh"
    a=$(now); "$@"; b=$(now)
    all+=("$(secs "$a" "$b")")
  done
  printf '%s\n' "${all[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

if ! command -v notmuch >/dev/null || ! command -v mu >/dev/null; then
  log "installing notmuch and maildir-utils from Debian"
  (apt-get install -y -qq notmuch maildir-utils >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq notmuch maildir-utils; }) >&2 \
    || log "could not install notmuch/mu; their columns stay empty"
fi
have_hyperfine=0
command -v hyperfine >/dev/null && have_hyperfine=1

log "building the CLI jar and the bench classes"
(cd "$root" && ./build jar >&2 && ./build -q -o -pl bench -am compile -DskipTests >&2)
jar="$root/cli/target/mailtrace.jar"
cp="$jar:$root/bench/target/classes"
mailtrace() { "$root/mailtrace" "$@"; }
# The launcher records its start-up cache on the first run after a build: do that now, untimed.
mailtrace --version >/dev/null 2>&1 || true

# Typical queries: mailtrace query | notmuch query (same meaning as far as the two languages allow).
queries=(
  "subject:invoice|subject:invoice"
  "from:example.com|from:example.com"
  "date:2024-01-01..2024-03-31|date:2024-01-01..2024-03-31"
  "meeting|meeting"
  "subject:report -from:example.org|subject:report and not from:example.org"
)

# p50 and p99 in ms of a whole command run $runs times.
latency() {
  local tmp; tmp=$(mktemp)
  if [ $have_hyperfine = 1 ]; then
    # -N splits the command line itself: quote each argument (a query word may start with '-').
    hyperfine -N -w 2 -r "$runs" --export-json "$tmp" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 || true
    python3 - "$tmp" <<'PY'
import json, sys
t = sorted(json.load(open(sys.argv[1]))["results"][0]["times"])
p = lambda q: t[min(len(t) - 1, max(0, int(round(q * len(t) + 0.5)) - 1))] * 1000
print(f"{p(0.50):.0f} {p(0.99):.0f}")
PY
  else
    "$@" >/dev/null 2>&1 || true
    for _ in $(seq "$runs"); do
      local a; a=$(now); "$@" >/dev/null 2>&1 || true; echo $(( ($(now) - a) / 1000000 ))
    done | sort -n > "$tmp"
    local n; n=$(wc -l < "$tmp")
    echo "$(sed -n "$(( (n + 1) / 2 ))p" "$tmp") $(sed -n "$(( (n * 99 + 99) / 100 ))p" "$tmp")"
  fi
  rm -f "$tmp"
}

{
  echo "# Index benchmark"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2)," \
       "notmuch $(notmuch --version 2>/dev/null | awk '{print $2}' || echo -), mu $(mu --version 2>/dev/null | head -1 | awk '{print $NF}' || echo -)."
  echo "Corpora: samples/generate --format both --count N --seed 11; every tool indexes the same Maildir."
  echo "Indexing times: median of $index_runs run(s) from scratch per indexer (INDEX_RUNS)."
  echo
} > "$results"

for n in "${sizes[@]}"; do
  corpus="$work/$n"
  if [ ! -f "$corpus/.done" ]; then
    log "generating $n messages into $corpus"
    rm -rf "$corpus"
    "$root/samples/generate" --format both --count "$n" --seed 11 --out "$corpus" >/dev/null
    touch "$corpus/.done"
  fi
  maildir="$corpus/maildir"
  rm -rf "$maildir/.notmuch" "$corpus/mu" "$corpus"/idx-*
  bytes=$(size_of "$corpus/archive.mbox")
  {
    echo "## $n messages ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB as mbox)"
    echo
    echo "| indexer | input | seconds | messages/s | MB/s | index MB |"
    echo "|---|---|---:|---:|---:|---:|"
  } >> "$results"
  mt_rate=""
  for t in "${threads[@]}"; do
    for kind in maildir mbox; do
      input="$maildir"; [ $kind = mbox ] && input="$corpus/archive.mbox"
      idx="$corpus/idx-$kind-$t"
      log "mailtrace index $kind, $t thread(s)"
      mt_fresh() { rm -rf "$idx"; }
      mt_index() { mailtrace index "$input" --index "$idx" --threads "$t" --quiet >/dev/null; }
      s=$(timed mt_fresh mt_index)
      # A rate means something only if every message made it into the index.
      docs=$(MAILTRACE_DAEMON=0 mailtrace search --index "$idx" --count '*')
      if [ "$docs" != "$n" ]; then
        log "mailtrace indexed $docs documents of $n messages ($kind, $t threads): the figures below are not valid"
        exit 1
      fi
      echo "| mailtrace --threads $t | $kind | $s | $(rate "$n" "$s") | $(mbps "$bytes" "$s") | $(awk -v b="$(size_of "$idx")" 'BEGIN { printf "%.1f", b / 1e6 }') |" >> "$results"
      r=$(rate "$n" "$s")
      if [ $kind = maildir ] && { [ -z "$mt_rate" ] || [ "$r" -gt "$mt_rate" ]; }; then mt_rate=$r; best_idx="$idx"; fi
    done
  done
  # The same indexing in a JVM that has already indexed this Maildir a few times (WarmIndex): no
  # start-up and no compiling, which is what a short run on two cores spends most on. Flags as the
  # launcher sets them for index runs.
  log "mailtrace index maildir, warm JVM"
  heap=$((1024 + 512 * $(nproc)))
  warm_s=$("$JAVA_HOME/bin/java" -XX:FreqInlineSize=60 -XX:InlineSmallCode=600 -XX:+UseParallelGC -Xmx${heap}m -XX:NewRatio=1 \
      -cp "$cp" dev.mailtrace.bench.index.WarmIndex "$maildir" 3 "$index_runs" 2>/dev/null | awk '/^median/ { print $(NF - 3) }')
  warm_rate=""
  if [ -n "$warm_s" ]; then
    warm_rate=$(rate "$n" "$warm_s")
    echo "| mailtrace, warm JVM (WarmIndex) | maildir | $warm_s | $warm_rate | $(mbps "$bytes" "$warm_s") | - |" >> "$results"
  fi
  nm_rate=""; mu_rate=""
  if command -v notmuch >/dev/null; then
    export NOTMUCH_CONFIG="$corpus/notmuch-config"
    printf '[database]\npath=%s\n[new]\ntags=inbox;\n[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=false\n' "$maildir" > "$NOTMUCH_CONFIG"
    log "notmuch new"
    nm_fresh() { rm -rf "$maildir/.notmuch"; }
    nm_index() { notmuch new --quiet >/dev/null 2>&1; }
    s=$(timed nm_fresh nm_index); nm_rate=$(rate "$n" "$s")
    echo "| notmuch new | maildir | $s | $nm_rate | $(mbps "$bytes" "$s") | $(awk -v b="$(size_of "$maildir/.notmuch")" 'BEGIN { printf "%.1f", b / 1e6 }') |" >> "$results"
  fi
  if command -v mu >/dev/null; then
    log "mu index"
    mu_fresh() {
      rm -rf "$corpus/mu"
      mu init --quiet --maildir="$maildir" --muhome="$corpus/mu" >/dev/null 2>&1 || mu init --maildir="$maildir" --muhome="$corpus/mu" >/dev/null 2>&1
    }
    mu_index() { mu index --quiet --muhome="$corpus/mu" >/dev/null 2>&1 || true; }
    s=$(timed mu_fresh mu_index); mu_rate=$(rate "$n" "$s")
    echo "| mu index | maildir | $s | $mu_rate | $(mbps "$bytes" "$s") | $(awk -v b="$(size_of "$corpus/mu")" 'BEGIN { printf "%.1f", b / 1e6 }') |" >> "$results"
  fi
  # Indexing again with nothing new: each tool over the Maildir it has just indexed (notmuch and
  # mu look at folder times; mailtrace at each file's size, modification time and inode).
  nothing() { :; }
  mt_again() { mailtrace index "$maildir" --index "$best_idx" --quiet >/dev/null; }
  log "indexing again, nothing new"
  again="mailtrace $(timed nothing mt_again) s"
  [ -n "$nm_rate" ] && again+=", notmuch new $(timed nothing nm_index) s"
  [ -n "$mu_rate" ] && again+=", mu index $(timed nothing mu_index) s"
  {
    echo
    echo "Indexing the same Maildir again, nothing new (median of $index_runs): $again."
    echo
    [ -n "$nm_rate" ] && echo "mailtrace (Maildir, best thread count) indexes at $(awk -v a="$mt_rate" -v b="$nm_rate" 'BEGIN { printf "%.1f", a / b }')x notmuch's rate (target 10x)."
    [ -n "$mu_rate" ] && echo "mailtrace (Maildir, best thread count) indexes at $(awk -v a="$mt_rate" -v b="$mu_rate" 'BEGIN { printf "%.1f", a / b }')x mu's rate (target 5x)."
    [ -n "$warm_rate" ] && [ -n "$nm_rate" ] && [ -n "$mu_rate" ] && echo "In a warm JVM: $(awk -v a="$warm_rate" -v b="$nm_rate" 'BEGIN { printf "%.1f", a / b }')x notmuch's rate and $(awk -v a="$warm_rate" -v b="$mu_rate" 'BEGIN { printf "%.1f", a / b }')x mu's."
    echo
    echo "Whole-command query latency (JVM start included for mailtrace), $runs runs each ($( [ $have_hyperfine = 1 ] && echo hyperfine || echo 'date +%s%N loop')), milliseconds:"
    echo
    echo "| query | mailtrace count p50/p99 | with daemon | notmuch count p50/p99 | mailtrace search p50/p99 | with daemon | notmuch search p50/p99 |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
  } >> "$results"
  idx="$best_idx"
  # The "with daemon" columns: 'mailtrace daemon start' keeps a warm JVM that the launcher's bash
  # client asks (cli/.../daemon); its own state folder keeps the user's daemon, if any, out of it.
  export MAILTRACE_DAEMON_DIR="$work/daemon"
  mailtrace daemon start --idle 30m >&2
  # A daemon in use has answered many queries: warm its JIT with a few untimed rounds first.
  for _ in $(seq 20); do
    for pair in "${queries[@]}"; do
      mailtrace search --index "$idx" --count "${pair%%|*}" >/dev/null
      mailtrace search --index "$idx" --limit 20 "${pair%%|*}" >/dev/null
    done
  done
  # The daemon warms an index's query paths in the background after its first query there (a few
  # seconds): a daemon in use is past that, so timing starts once it is done.
  for _ in $(seq 300); do
    mailtrace daemon status 2>/dev/null | grep -q 'warming up' || break
    sleep 1
  done
  mq_list=()
  for pair in "${queries[@]}"; do
    mq="${pair%%|*}"; nq="${pair#*|}"; mq_list+=("$mq")
    log "query latency: $mq"
    read -r mc50 mc99 < <(MAILTRACE_DAEMON=0 latency "$root/mailtrace" search --index "$idx" --count "$mq")
    read -r dc50 dc99 < <(latency "$root/mailtrace" search --index "$idx" --count "$mq")
    read -r ms50 ms99 < <(MAILTRACE_DAEMON=0 latency "$root/mailtrace" search --index "$idx" --limit 20 "$mq")
    read -r ds50 ds99 < <(latency "$root/mailtrace" search --index "$idx" --limit 20 "$mq")
    nc="- -"; ns="- -"
    if command -v notmuch >/dev/null; then
      nc=$(latency notmuch count "$nq"); ns=$(latency notmuch search --limit=20 "$nq")
    fi
    read -r nc50 nc99 <<< "$nc"; read -r ns50 ns99 <<< "$ns"
    echo "| \`$mq\` | $mc50 / $mc99 | $dc50 / $dc99 | $nc50 / $nc99 | $ms50 / $ms99 | $ds50 / $ds99 | $ns50 / $ns99 |" >> "$results"
  done
  mailtrace daemon status >&2 || true
  mailtrace daemon stop >&2
  unset MAILTRACE_DAEMON_DIR
  {
    echo
    echo "In-process latency of the same queries on a warm searcher (QueryLatency, $((runs * 5)) iterations), milliseconds:"
    echo
    "$JAVA_HOME/bin/java" -cp "$cp" dev.mailtrace.bench.index.QueryLatency "$idx" $((runs * 5)) "${mq_list[@]}"
    echo
  } >> "$results"
done
log "results in $results"
cat "$results"
