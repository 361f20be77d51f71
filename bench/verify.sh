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
name="verify-$n$([ "$ed" != 0 ] && echo "-ed$ed")"
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
size=$(du -m "$corpus" | cut -f1)
printf '%s  corpus %s signed messages, %s MB  load average:%s\n' "$(date -u +%FT%TZ)" "$signed" "$size" "$(uptime | sed 's/.*load average://')"
printf '%-36s %9s %9s %9s %9s %11s\n' tool messages passing wall-s msgs/s "msgs/CPU-s"
best_mt=""; best_py=""
for r in $(seq "$runs"); do
  read -r m p s c < <($py bench/verify/dkimpy_verify.py "$corpus" "$zone")
  [ "$m" = "$signed" ] && [ "$p" = "$signed" ] || { echo "dkimpy verified $m messages, $p passing; expected $signed" >&2; exit 1; }
  printf '%-36s %9s %9s %9.3f %9.0f %11.0f\n' "dkimpy (in-process, run $r)" "$m" "$p" "$s" "$(echo "$m / $s" | bc -l)" "$(echo "$m / $c" | bc -l)"
  best_pycpu=$(printf '%s\n%s\n' "${best_pycpu:-}" "$c" | grep . | sort -g | head -1)
  best_py=$(printf '%s\n%s\n' "$best_py" "$s" | grep . | sort -g | head -1)
  summary=$( { /usr/bin/time -f 'TIME %e %U %S' ./mailtrace verify --keys "$zone" --json "$corpus" >/dev/null; } 2>&1 | grep -E '^(verified|TIME)' | tr '\n' ' ')
  s=$(echo "$summary" | sed -E 's/.*TIME ([0-9.]+) ([0-9.]+) ([0-9.]+).*/\1/')
  cpu=$(echo "$summary" | sed -E 's/.*TIME ([0-9.]+) ([0-9.]+) ([0-9.]+).*/\2 + \3/' | bc -l)
  m=$(echo "$summary" | sed -E 's/verified ([0-9]+) messages.*/\1/'); p=$(echo "$summary" | sed -E 's/.*: ([0-9]+) with a passing.*/\1/')
  [ "$m" = "$signed" ] && [ "$p" = "$signed" ] || { echo "mailtrace: $summary; expected $signed" >&2; exit 1; }
  printf '%-36s %9s %9s %9.3f %9.0f %11.0f\n' "mailtrace verify (whole command, $r)" "$m" "$p" "$s" "$(echo "$m / $s" | bc -l)" "$(echo "$m / $cpu" | bc -l)"
  best_mtcpu=$(printf '%s\n%s\n' "${best_mtcpu:-}" "$cpu" | grep . | sort -g | head -1)
  best_mt=$(printf '%s\n%s\n' "$best_mt" "$s" | grep . | sort -g | head -1)
done
printf 'ratio, best of %s each, whole mailtrace command (2 threads) against dkimpy without its start-up (1 thread):\n' "$runs"
printf '  wall %.1fx, CPU %.1fx  load average:%s\n' "$(echo "$best_py / $best_mt" | bc -l)" \
  "$(echo "$best_pycpu / $best_mtcpu" | bc -l)" "$(uptime | sed 's/.*load average://')"
