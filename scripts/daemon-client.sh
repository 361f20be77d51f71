# Sourced by ./mailtrace: sends a query to the mailtrace daemon, when one runs this jar, instead of
# starting a JVM. Builtins only on the way in (a fork costs about a millisecond; a JVM 150).
#
#   mailtrace_daemon_run JAR ARGS...
#     returns 0 when the daemon answered: its output is copied and mailtrace_daemon_code holds the
#     exit code; returns 1 when the caller must run the command itself (no daemon, another jar,
#     a rebuilt jar, a refused connection, or "not served here"), having printed nothing.
#
# Wire format (cli/src/main/java/dev/mailtrace/cli/daemon/Request.java and Frames.java): the request
# is NUL-terminated fields; the answer is lines "o LEN" / "e LEN" followed by LEN bytes of text for
# stdout / stderr (no NUL bytes: the read builtin copies them), "O LEN" / "E LEN" for bytes that
# may hold NULs (head -c copies them), then "x CODE"; or the single line "n" for "not served here".

mailtrace_daemon_code=0

mailtrace_daemon_run() {
  local jar=$1 a found=0
  shift
  # The daemon runs only commands that read an index: show only with --index.
  case "${1:-}" in
    search|stats|thread) ;;
    show)
      for a; do case $a in --index|--index=*) found=1 ;; esac; done
      [ $found = 1 ] || return 1 ;;
    *) return 1 ;;
  esac
  local dir=${MAILTRACE_DAEMON_DIR:-}
  if [ -z "$dir" ]; then
    if [ -n "${XDG_RUNTIME_DIR:-}" ]; then dir=$XDG_RUNTIME_DIR/mailtrace; else dir=${HOME:-/nonexistent}/.cache/mailtrace; fi
  fi
  local state=$dir/daemon
  # Only a state file of our own (the token in it is the daemon's only guard), not older than the jar.
  [ -f "$state" ] && [ -O "$state" ] && ! [ "$jar" -nt "$state" ] || return 1
  local key value port="" pid="" token="" djar=""
  while IFS='=' read -r key value; do
    case $key in
      port) port=$value ;;
      pid) pid=$value ;;
      token) token=$value ;;
      jar) djar=$value ;;
    esac
  done < "$state"
  [ -n "$port" ] && [ -n "$token" ] && [ "$djar" -ef "$jar" ] && [ -d "/proc/$pid" ] || return 1

  local fd
  { exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  local flags=""
  [ -t 0 ] && flags+=i
  [ -t 1 ] && flags+=o
  [ -t 2 ] && flags+=e
  [ -n "${NO_COLOR:-}" ] && flags+=n
  [ -n "${MAILTRACE_DEBUG:-}" ] && flags+=d
  # With SIGPIPE ignored, neither a daemon that hangs up nor a reader that stops reading our
  # output (mailtrace search ... | head -1) kills the launcher: like a JVM run, the client then
  # drops the rest of the output and still exits with the command's code.
  trap '' PIPE
  if ! printf '%s\0' "mailtrace/1" "$token" "$PWD" "$flags" "${COLUMNS:-}" "$#" "$@" >&"$fd" 2>/dev/null; then
    trap - PIPE
    exec {fd}>&-
    return 1
  fi

  # Bytes, not characters, for read -N; the caller's locale comes back when the function returns.
  local LC_ALL=C kind arg text printed=0 code=""
  while IFS=' ' read -r kind arg <&"$fd"; do
    case $kind in
      o) IFS= read -r -N "$arg" text <&"$fd" || break; printf '%s' "$text" 2>/dev/null; printed=1 ;;
      e) IFS= read -r -N "$arg" text <&"$fd" || break; printf '%s' "$text" >&2 2>/dev/null; printed=1 ;;
      # GNU head -c reads exactly LEN bytes from the socket, never ahead; the second cat drains
      # what the first could not write, so the next frame starts where it should.
      O) head -c "$arg" <&"$fd" | { cat 2>/dev/null || cat >/dev/null; } || break; printed=1 ;;
      E) head -c "$arg" <&"$fd" | { cat >&2 2>/dev/null || cat >/dev/null; } || break; printed=1 ;;
      x) code=$arg; break ;;
      *) break ;;
    esac
  done
  trap - PIPE
  exec {fd}>&-
  if [ -n "$code" ]; then
    mailtrace_daemon_code=$code
    return 0
  fi
  if [ $printed = 1 ]; then
    echo "mailtrace: the query daemon stopped in the middle of an answer; run the command again (MAILTRACE_DAEMON=0 bypasses the daemon)." >&2
    mailtrace_daemon_code=3
    return 0
  fi
  return 1
}
