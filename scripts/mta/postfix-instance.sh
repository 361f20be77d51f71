#!/usr/bin/env bash
# A private Postfix instance for tests and benchmarks: its own configuration directory, queue,
# log and Maildir under DIR, listening on free loopback ports; nothing of the system's Postfix
# configuration is read or touched (every command gets -c DIR/etc). Needs Debian's postfix,
# sasl2-bin and libsasl2-modules (for Cyrus SASL with a sasldb), openssl, and root (Postfix's
# master runs as root and drops to the postfix user).
#
#   postfix-instance.sh start DIR [SIZE_LIMIT]   prints "port=P plain=Q novrfy=R user=U password=W"
#   postfix-instance.sh stop DIR
#
# Listeners on 127.0.0.1: P with STARTTLS, AUTH (PLAIN LOGIN, after TLS), SIZE, 8BITMIME,
# SMTPUTF8, CHUNKING, PIPELINING, DSN and VRFY; Q the same without SIZE announced (so a too-large
# message is refused by the server after its content, not by the client); R with VRFY disabled.
# Mail for any address of replay.test except nobody-here@replay.test is delivered by the virtual
# agent to the Maildir DIR/mail/box/ (with X-Original-To and Delivered-To); mail from
# 127.0.0.0/8 is accepted without AUTH. The CA/server certificate is DIR/tls/cert.pem.
set -euo pipefail
action=${1:?usage: postfix-instance.sh start|stop DIR}
dir=${2:?usage: postfix-instance.sh start|stop DIR}
dir=$(readlink -f "$dir")

. "$(dirname "$(readlink -f "$0")")/../free-port.sh"

case "$action" in
  stop)
    if [ -f "$dir/etc/main.cf" ]; then
      /usr/sbin/postfix -c "$dir/etc" stop >/dev/null 2>&1 || true
      # The master exits once its children have: wait for its pid file's process.
      pid=$(cat "$dir/queue/pid/master.pid" 2>/dev/null | tr -d ' ' || true)
      for _ in $(seq 1 100); do
        [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
      done
    fi
    exit 0 ;;
  start) ;;
  *) echo "postfix-instance: unknown action $action" >&2; exit 2 ;;
esac

size_limit=${3:-10485760}
for tool in /usr/sbin/postfix /usr/sbin/saslpasswd2 /usr/bin/openssl; do
  [ -x "$tool" ] || { echo "postfix-instance: $tool missing (apt-get install postfix sasl2-bin libsasl2-modules openssl)" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "postfix-instance: Postfix's master needs root" >&2; exit 3; }

mkdir -p "$dir"/{etc/sasl,queue,data,mail,tls,sasl}
# The postfix and nobody users must reach DIR: open each folder on the way for traversal (a
# test's temporary folder is often 0700).
p="$dir"
while [ "$p" != / ]; do [ -x "$p" ] && [ "$(stat -c %A "$p" | cut -c10)" = x ] || chmod o+x "$p"; p=$(dirname "$p"); done
port=$(free_port); plain=$(free_port); novrfy=$(free_port)
while [ "$plain" = "$port" ]; do plain=$(free_port); done
while [ "$novrfy" = "$port" ] || [ "$novrfy" = "$plain" ]; do novrfy=$(free_port); done

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$dir/tls/key.pem" -out "$dir/tls/cert.pem" >/dev/null 2>&1
chmod 600 "$dir/tls/key.pem"

user=replay
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
# Debian's Postfix reads the Cyrus SASL application file from \$config_directory/sasl.
cat > "$dir/etc/sasl/smtpd.conf" <<CONF
pwcheck_method: auxprop
auxprop_plugin: sasldb
mech_list: PLAIN LOGIN
sasldb_path: $dir/sasl/sasldb2
CONF
printf '%s' "$password" | /usr/sbin/saslpasswd2 -f "$dir/sasl/sasldb2" -p -c -u replay.test "$user"
chown postfix "$dir/sasl/sasldb2"

# Every address of replay.test but one goes to one Maildir; the one is refused (550 5.1.1).
printf '/^nobody-here@replay\\.test$/ REJECT\n' > "$dir/etc/recipients"
printf '/@replay\\.test$/ box/\n' > "$dir/etc/vmailbox"
chown nobody "$dir/mail"
chown postfix "$dir/data"

cat > "$dir/etc/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mta.replay.test
mydomain = replay.test
myorigin = replay.test
mydestination =
relay_domains =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
alias_maps =
alias_database =
biff = no
# Headers as sent: no rewriting of addresses, no added Message-ID or Date for loopback clients.
local_header_rewrite_clients =
virtual_mailbox_domains = replay.test
virtual_mailbox_base = $dir/mail
virtual_mailbox_maps = regexp:$dir/etc/vmailbox
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_mailbox_limit = 0
message_size_limit = $size_limit
smtputf8_enable = yes
disable_vrfy_command = no
smtpd_tls_cert_file = $dir/tls/cert.pem
smtpd_tls_key_file = $dir/tls/key.pem
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
cyrus_sasl_config_path = $dir/etc/sasl
smtpd_sasl_local_domain = replay.test
smtpd_recipient_restrictions = check_recipient_access regexp:$dir/etc/recipients, permit_sasl_authenticated, permit_mynetworks, reject_unauth_destination
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
default_process_limit = 100
delay_warning_time = 0
bounce_notice_recipient = postmaster
notify_classes =
CONF

svc() { printf '%-16s %-10s %-3s %-3s %-3s %-6s %-3s %s\n' "$@"; }
{
  svc "127.0.0.1:$port" inet n - n - - "smtpd"
  svc "127.0.0.1:$plain" inet n - n - - "smtpd -o smtpd_discard_ehlo_keywords=size"
  svc "127.0.0.1:$novrfy" inet n - n - - "smtpd -o disable_vrfy_command=yes"
  svc cleanup unix n - n - 0 cleanup
  svc qmgr unix n - n 300 1 qmgr
  svc tlsmgr unix - - n 1000? 1 tlsmgr
  svc rewrite unix - - n - - trivial-rewrite
  svc bounce unix - - n - 0 bounce
  svc defer unix - - n - 0 bounce
  svc trace unix - - n - 0 bounce
  svc verify unix - - n - 1 verify
  svc flush unix n - n 1000? 0 flush
  svc proxymap unix - - n - - proxymap
  svc smtp unix - - n - - smtp
  svc relay unix - - n - - smtp
  svc showq unix n - n - - showq
  svc error unix - - n - - error
  svc retry unix - - n - - error
  svc discard unix - - n - - discard
  svc local unix - n n - - local
  svc virtual unix - n n - - virtual
  svc anvil unix - - n - 1 anvil
  svc scache unix - - n - 1 scache
  svc postlog unix-dgram n - n - 1 postlogd
} > "$dir/etc/master.cf"

/usr/sbin/postfix -c "$dir/etc" start >"$dir/start.log" 2>&1 || { cat "$dir/start.log" "$dir/maillog" >&2 2>/dev/null; exit 3; }
for p in $port $plain $novrfy; do
  for _ in $(seq 1 200); do (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && break; sleep 0.05; done
done
echo "port=$port plain=$plain novrfy=$novrfy user=$user@replay.test password=$password"
