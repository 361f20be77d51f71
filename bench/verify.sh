#!/usr/bin/env bash
# DKIM verification speed: mailtrace verify beside dkimpy (Debian's python3-dkim) on the same signed
# corpus, in the same run. Usage: bench/verify.sh [MESSAGES] (default 2000).
# The corpus: samples/generate messages signed by dkimpy (rsa-sha256 2048-bit, relaxed/relaxed; with
# ED25519_EVERY=K every Kth message ed25519-sha256 instead), kept in bench/work/verify-N[-edK].* for later runs. Prints one table; checks that both
# tools verified every message and that every one passes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
n="${1:-2000}"
repeat="${2:-10}"
runs="${RUNS:-3}"
work="$root/bench/work"
mkdir -p "$work"
py=/usr/bin/python3
$py -c 'import dkim, dns.zone, nacl' 2>/dev/null || { echo "verify.sh: needs Debian's python3-dkim (apt-get install python3-dkim)" >&2; exit 3; }
ed="${ED25519_EVERY:-0}"
name="verify-$n"
if [ "$ed" != 0 ]; then name="$name-ed$ed"; fi
corpus="$work/$name.mbox"; zone="$work/$name.zone"
if [ ! -f "$corpus" ]; then
  samples/generate --format mbox --count "$n" --seed 21 --out "$work/$name.plain.mbox" >/dev/null
  echo "signing $n messages with dkimpy (once) ..." >&2
  $py bench/verify/sign_corpus.py "$work/$name.plain.mbox" "$corpus.tmp" "$zone" "$ed" > "$work/$name.count"
  mv "$corpus.tmp" "$corpus"
fi
once=$(cat "$work/$name.count")
signed=$(( once * repeat ))
single="$corpus"
if [ "$repeat" != 1 ]; then
  [ -f "$work/$name-x$repeat.mbox" ] || for r in $(seq "$repeat"); do cat "$corpus"; done > "$work/$name-x$repeat.mbox"
  corpus="$work/$name-x$repeat.mbox"
fi
[ -f cli/target/mailtrace.jar ] && [ -z "$(find cli/src analysis/src mail/src -newer cli/target/mailtrace.jar -name '*.java' -print -quit)" ] \
  || ./build jar >&2
[ -f bench/target/benchmarks.jar ] && [ -z "$(find bench/src analysis/src mail/src -newer bench/target/benchmarks.jar -name '*.java' -print -quit)" ] \
  || ./build -q -DskipTests package -pl bench -am >&2
. scripts/find-jdk.sh; mailtrace_find_jdk
size=$(du -m "$corpus" | cut -f1)
load() { uptime | sed 's/.*load average: //'; }
printf '%s  corpus %s signed messages (%s x %s), %s MB, ed25519 every %s\n' "$(date -u +%FT%TZ)" "$signed" "$once" "$repeat" "$size" "$ed"
printf '%-40s %9s %9s %11s  %s\n' tool messages msgs/s "msgs/CPU-s" "load average"
for r in $(seq "$runs"); do
  read -r m p s c < <($py bench/verify/dkimpy_verify.py "$single" "$zone")
  [ "$m" = "$once" ] && [ "$p" = "$once" ] || { echo "dkimpy verified $m messages, $p passing; expected $once" >&2; exit 1; }
  printf '%-40s %9s %9.0f %11.0f  %s\n' "dkimpy, one thread, in-process ($r)" "$m" "$(echo "$m / $s" | bc -l)" "$(echo "$m / $c" | bc -l)" "$(load)"
  py_wall[$r]=$(echo "$m / $s" | bc -l); py_cpu[$r]=$(echo "$m / $c" | bc -l)

  best=$("$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar dev.mailtrace.bench.auth.WarmVerify "$single" "$zone" 6 3 | grep '^best')
  read -r _ m w c _ <<<"$best"
  [ "$m" = "$once" ] || { echo "WarmVerify verified $m messages; expected $once" >&2; exit 1; }
  printf '%-40s %9s %9.0f %11.0f  %s\n' "mailtrace, one thread, warm JVM ($r)" "$m" "$w" "$c" "$(load)"
  mt_warm_cpu[$r]=$c

  summary=$( { /usr/bin/time -f 'TIME %e %U %S' ./mailtrace verify --keys "$zone" --json "$corpus" >/dev/null; } 2>&1 | grep -E '^(verified|TIME)' | tr '\n' ' ')
  wall=$(echo "$summary" | sed -E 's/.*TIME ([0-9.]+) ([0-9.]+) ([0-9.]+).*/\1/')
  cpu=$(echo "$summary" | sed -E 's/.*TIME ([0-9.]+) ([0-9.]+) ([0-9.]+).*/\2 + \3/' | bc -l)
  m=$(echo "$summary" | sed -E 's/.*verified ([0-9]+) messages.*/\1/'); p=$(echo "$summary" | sed -E 's/.*: ([0-9]+) with a passing.*/\1/')
  [ "$m" = "$signed" ] && [ "$p" = "$signed" ] || { echo "mailtrace: $summary; expected $signed" >&2; exit 1; }
  printf '%-40s %9s %9.0f %11.0f  %s\n' "mailtrace verify, whole command ($r)" "$m" "$(echo "$m / $wall" | bc -l)" "$(echo "$m / $cpu" | bc -l)" "$(load)"
  mt_wall[$r]=$(echo "$m / $wall" | bc -l)
done
med() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf 'medians of %s runs: one thread warm vs dkimpy, per CPU second: %.1fx; whole command (all cores, JVM start included) vs dkimpy, wall: %.1fx\n' \
  "$runs" "$(echo "$(med "${mt_warm_cpu[@]}") / $(med "${py_cpu[@]}")" | bc -l)" "$(echo "$(med "${mt_wall[@]}") / $(med "${py_wall[@]}")" | bc -l)"
