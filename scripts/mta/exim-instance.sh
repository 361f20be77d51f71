#!/usr/bin/env bash
# A private Exim for tests and benchmarks, the second MTA family beside Postfix. Debian's MTA
# packages conflict with each other (postfix must stay installed for smtp-sink), so Exim is not
# installed: its Debian package is unpacked privately (apt-get download + dpkg -x) into
# $MAILTRACE_MTA_CACHE (default /var/cache/mailtrace-mta) and run from there with its own
# configuration, spool, log and Maildir under DIR, on free loopback ports. Needs root, and adds
# the Debian-exim system user the binary expects (as installing exim4-base would).
#
#   exim-instance.sh unpack                     fetch and unpack Exim (once)
#   exim-instance.sh start DIR [SIZE_LIMIT]     prints "port=P plain=Q user=U password=W"
#   exim-instance.sh stop DIR
#
# P offers STARTTLS, AUTH PLAIN/LOGIN (after TLS), SIZE, 8BITMIME, SMTPUTF8, CHUNKING, PIPELINING
# and DSN; Q is a second listener of the same daemon. Mail for any address of replay.test except
# nobody-here@replay.test goes to the Maildir DIR/mail/box/ with Return-path, Envelope-to and
# Delivery-date added; mail from 127.0.0.0/8 is accepted without AUTH. The certificate is
# DIR/tls/cert.pem.
set -euo pipefail
action=${1:?usage: exim-instance.sh unpack|start|stop [DIR]}
cache=${MAILTRACE_MTA_CACHE:-/var/cache/mailtrace-mta}/exim
exim="$cache/root/usr/sbin/exim4"

unpack() {
  [ -x "$exim" ] && return 0
  [ "$(id -u)" = 0 ] || { echo "exim-instance: unpacking needs root" >&2; exit 3; }
  mkdir -p "$cache"
  (cd "$cache" && apt-get download exim4-daemon-light >/dev/null 2>&1) \
    || { apt-get update -qq >/dev/null 2>&1 && (cd "$cache" && apt-get download exim4-daemon-light >/dev/null); } \
    || { echo "exim-instance: apt-get download exim4-daemon-light failed" >&2; exit 3; }
  local deb libs
  deb=$(ls "$cache"/exim4-daemon-light_*.deb | head -1)
  # The libraries it links against are ordinary packages (no conflict): installed as usual, so
  # the set-uid binary finds them without LD_LIBRARY_PATH (which set-uid programs ignore).
  libs=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/[|(].*//; s/ //g' | grep '^lib' || true)
  if [ -n "$libs" ]; then
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $libs >/dev/null \
      || { echo "exim-instance: cannot install $libs" >&2; exit 3; }
  fi
  dpkg -x "$deb" "$cache/root"
  [ -x "$exim" ] || { echo "exim-instance: no exim4 binary in the unpacked package" >&2; exit 3; }
}

# Debian's binary looks up its compiled-in user before reading any configuration; exim4-base
# would create it on installation, so this does the same (a system user, no home, no shell).
ensure_user() {
  id Debian-exim >/dev/null 2>&1 && return 0
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin --user-group Debian-exim \
    || { echo "exim-instance: cannot create the Debian-exim system user" >&2; exit 3; }
}

run_exim() { "$exim" "$@"; }

. "$(dirname "$(readlink -f "$0")")/../free-port.sh"

case "$action" in
  unpack) unpack; ensure_user; exit 0 ;;
  stop)
    dir=$(readlink -f "${2:?usage: exim-instance.sh stop DIR}")
    pid=$(cat "$dir/exim.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    fi
    exit 0 ;;
  start) ;;
  *) echo "exim-instance: unknown action $action" >&2; exit 2 ;;
esac

dir=$(readlink -f "${2:?usage: exim-instance.sh start DIR}")
size_limit=${3:-10485760}
[ "$(id -u)" = 0 ] || { echo "exim-instance: needs root" >&2; exit 3; }
command -v openssl >/dev/null || { echo "exim-instance: openssl missing" >&2; exit 3; }
unpack
ensure_user

mkdir -p "$dir"/{spool,log,mail,tls}
p="$dir"
while [ "$p" != / ]; do [ "$(stat -c %A "$p" | cut -c10)" = x ] || chmod o+x "$p"; p=$(dirname "$p"); done
chown nobody:nogroup "$dir/spool" "$dir/log" "$dir/mail"
port=$(free_port); plain=$(free_port)
while [ "$plain" = "$port" ]; do plain=$(free_port); done
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/tls/key.pem" -out "$dir/tls/cert.pem" >/dev/null 2>&1
chown nobody "$dir/tls/key.pem"; chmod 600 "$dir/tls/key.pem"
user=replay@replay.test
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')

cat > "$dir/exim.conf" <<CONF
primary_hostname = exim.replay.test
# It runs from where it was unpacked: deliveries re-execute this binary.
exim_path = $exim
keep_environment =
exim_user = nobody
exim_group = nogroup
never_users = root
spool_directory = $dir/spool
log_file_path = $dir/log/%slog
pid_file_path = $dir/exim.pid
daemon_smtp_ports = $port : $plain
local_interfaces = 127.0.0.1
domainlist local_domains = replay.test
hostlist loopback = 127.0.0.0/8
message_size_limit = $size_limit
tls_advertise_hosts = *
tls_certificate = $dir/tls/cert.pem
tls_privatekey = $dir/tls/key.pem
auth_advertise_hosts = \${if eq{\$tls_in_cipher}{}{}{*}}
chunking_advertise_hosts = *
pipelining_advertise_hosts = *
dsn_advertise_hosts = *
smtputf8_advertise_hosts = *
accept_8bitmime = true
smtp_accept_max = 100
smtp_accept_queue_per_connection = 0
queue_only = true
message_logs = false
# Received mail is queued and delivered by parallel queue runners (-q2s): reception does not
# wait for a delivery process per message, which took about half a second each under load.
queue_run_max = 4
acl_smtp_rcpt = check_rcpt
acl_smtp_vrfy = accept

begin acl
check_rcpt:
  deny    local_parts = nobody-here
          message     = 5.1.1 no such user here
  accept  domains     = +local_domains
          hosts       = +loopback
  accept  domains     = +local_domains
          authenticated = *
  deny    message     = 5.7.1 relay not permitted

begin routers
box:
  driver = accept
  domains = +local_domains
  transport = maildir

begin transports
maildir:
  driver = appendfile
  directory = $dir/mail/box
  maildir_format
  create_directory
  user = nobody
  group = nogroup
  mode = 0644
  delivery_date_add
  envelope_to_add
  return_path_add

begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and {{eq{\$auth2}{$user}}{eq{\$auth3}{$password}}}}
  server_set_id = \$auth2
login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = Username:: : Password::
  server_condition = \${if and {{eq{\$auth1}{$user}}{eq{\$auth2}{$password}}}}
  server_set_id = \$auth1
CONF
chmod 644 "$dir/exim.conf"
run_exim -C "$dir/exim.conf" -bd -q2s >"$dir/start.log" 2>&1 || { cat "$dir/start.log" "$dir"/log/* >&2 2>/dev/null; exit 3; }
for p in $port $plain; do
  ok=0
  for _ in $(seq 1 200); do (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && { ok=1; break; }; sleep 0.05; done
  [ $ok = 1 ] || { echo "exim-instance: exim did not listen on $p" >&2; cat "$dir/start.log" "$dir"/log/* >&2 2>/dev/null; exit 3; }
done
echo "port=$port plain=$plain user=$user password=$password"
