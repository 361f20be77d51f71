# Sourced by scripts that start servers: free_port prints a TCP port nobody answers on at
# 127.0.0.1 (other engineers' tests run at the same time, so never a fixed one).
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo $p; return; fi
  done
  echo "no free port found" >&2
  exit 3
}
