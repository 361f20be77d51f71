# Sourced by ./build and ./mailtrace: sets JAVA_HOME to a JDK >= 21 or explains why it cannot.
# Order: $JAVA_HOME, the `java` on PATH, then /usr/lib/jvm/* (newest first).

mailtrace_java_major() {
  # Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing. The JDK's `release`
  # file answers without starting a JVM, which matters for a launcher run on every command.
  local v=""
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$v" = 1 ] && v=8
  echo "$v"
}

mailtrace_find_jdk() {
  local candidate major seen=""
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  local jvms="${MAILTRACE_JVM_DIR:-/usr/lib/jvm}"  # overridable to test the no-JDK message
  if [ -d "$jvms" ]; then
    while IFS= read -r candidate; do candidates+=("$candidate"); done \
      < <(ls -d "$jvms"/*/ 2>/dev/null | sed 's#/$##' | sort -rV)
  fi
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(mailtrace_java_major "$candidate")
    seen="$seen $candidate (${major:-unknown})"
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate" MAILTRACE_JAVA_MAJOR="$major"
      return 0
    fi
  done
  echo "mailtrace: no JDK 21 or newer found (looked at JAVA_HOME, the javac on PATH and ${jvms}/*; found:${seen:- none}); install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}
