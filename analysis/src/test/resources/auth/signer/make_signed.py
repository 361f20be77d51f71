"""Signs test messages with dkimpy (Debian's python3-dkim), tampers with them, and records what dkimpy
itself says about each one. Usage: make_signed.py OUTDIR. See README.md beside this file."""

import base64
import os
import re
import sys

import dkim
import dns.name
import dns.rdatatype
import dns.zone

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)


def read(name):
    with open(os.path.join(HERE, name), 'rb') as f:
        return f.read()


ED_SEED = read('ed25519.private').strip()
ED_PUB = base64.b64encode(bytes(__import__('nacl.signing').signing.SigningKey(base64.b64decode(ED_SEED)).verify_key))

# ---- the zone file: opendkim-genkey's stubs as written, and records in other styles ----
zone = b'$TTL 3600\n' + b''.join(read(n) for n in sorted(os.listdir(HERE)) if n.endswith('.txt'))
zone += b'''
; dig style, one line, TTL and class
revoked._domainkey.example.com. 300 IN TXT "v=DKIM1; k=rsa; p="
$ORIGIN example.com.
ed._domainkey IN TXT ( "v=DKIM1; k=ed25519; "
  "p=''' + ED_PUB + b'''" ) ; relative to $ORIGIN
'''
with open(os.path.join(OUT, 'keys.zone'), 'wb') as f:
    f.write(zone)

# dkimpy reads the keys back through dnspython's own zone parser: an independent reading of the file
TXT = {}
parsed = dns.zone.from_text(zone.decode(), origin=dns.name.root, relativize=False, check_origin=False)
for name, node in parsed.nodes.items():
    for rdataset in node.rdatasets:
        if rdataset.rdtype == dns.rdatatype.TXT:
            for rd in rdataset:
                TXT[name.to_text().lower().encode()] = b''.join(rd.strings)


def dnsfunc(name, timeout=5):
    return TXT.get(name.lower())


# ---- base messages (CRLF) ----
def crlf(text):
    return text.replace('\r\n', '\n').replace('\n', '\r\n').encode('utf-8')


BASES = {
    'plain': crlf('''From: Alice Example <alice@example.com>
To: Bob <bob@example.net>
Subject: Quarterly numbers
Date: Mon, 01 Jan 2024 10:00:00 +0000
Message-ID: <plain@example.com>

Hi Bob,

The numbers are attached.   Call me	when you can.

Alice
'''),
    'mime': crlf('''Received: from mail.example.com (mail.example.com [192.0.2.10])
\tby mx.example.net with ESMTPS id 4Tq; Mon, 01 Jan 2024 10:00:05 +0000
From: "Alice Example" <alice@example.com>
Reply-To: alice.private@example.com
To: Bob <bob@example.net>, Carol <carol@example.net>
Cc: team@example.com
Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= and a rather long subject line that
 is folded onto a second line
Date: Mon, 01 Jan 2024 10:00:00 +0000
Message-ID: <mime@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Grüße aus Köln.  Trailing spaces here:   
and a tab\there.

--b1
Content-Type: application/octet-stream; name="data.bin"
Content-Disposition: attachment; filename="data.bin"
Content-Transfer-Encoding: base64

AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
--b1--


'''),
    'list': crlf('''From: Dave <dave@mail.example.com>
To: list@lists.example.org
Subject: [list] Meeting notes
Date: Tue, 02 Jan 2024 08:30:00 +0100
Message-ID: <list@mail.example.com>
List-Id: <list.lists.example.org>
X-Mailer: mailtrace-test

Notes:
 - item one
 - item two
'''),
    'empty': crlf('''From: erin@example.com
To: frank@example.net
Subject: (no body)
Date: Wed, 03 Jan 2024 12:00:00 +0000
Message-ID: <empty@example.com>

'''),
}

KEYS = {
    'rsa-sha256': (b's2048', read('s2048.private')),
    'rsa-sha1': (b's1024', read('s1024.private')),
    'ed25519-sha256': (b'ed', ED_SEED),
}
CANONS = [(b'simple', b'simple'), (b'relaxed', b'relaxed'), (b'relaxed', b'simple'), (b'simple', b'relaxed')]
SIGNED = [b'from', b'to', b'cc', b'reply-to', b'subject', b'date', b'message-id', b'mime-version', b'content-type']

rows = []


def write(name, variant, msg, lf=False):
    data = msg.replace(b'\r\n', b'\n') if lf else msg
    path = name + '.eml'
    with open(os.path.join(OUT, path), 'wb') as f:
        f.write(data)
    verdicts = []
    n = len(re.findall(rb'(?im)^dkim-signature:', msg.split(b'\r\n\r\n', 1)[0]))
    for i in range(n):
        try:
            ok = dkim.DKIM(data).verify(idx=i, dnsfunc=dnsfunc)
        except Exception:
            ok = False
        verdicts.append('1' if ok else '0')
    if re.search(rb'(?im)^arc-seal:', data):
        try:
            cv, _, _ = dkim.arc_verify(data, dnsfunc=dnsfunc)
            arc = (cv or b'none').decode()
        except Exception:
            arc = 'fail'
    else:
        arc = '-'
    rows.append('\t'.join([path, variant, ','.join(verdicts) or '-', arc]))


def sign(msg, selector, key, canon, alg, headers=None, domain=b'example.com', length=False, identity=None):
    if headers is not None:
        headers = [h for h in headers if re.search(rb'(?im)^' + h + rb':', msg.split(b'\r\n\r\n', 1)[0])]
    sig = dkim.sign(msg, selector, domain, key, identity=identity, canonicalize=canon, signature_algorithm=alg,
                    include_headers=headers, length=length)
    return sig + msg


def split(msg):
    head, body = msg.split(b'\r\n\r\n', 1)
    return head, body


def tamper_header(msg, name):
    head, body = split(msg)
    lines = head.split(b'\r\n')
    for i, line in enumerate(lines):
        if line.lower().startswith(name + b':'):
            lines[i] = line + b' (changed)'
            break
    return b'\r\n'.join(lines) + b'\r\n\r\n' + body


def variants(base, name, msg, canon):
    head, body = split(msg)
    write(name + '-ok', 'ok', msg)
    write(name + '-ok-lf', 'ok', msg, lf=True)
    if body.strip():
        write(name + '-body', 'body', head + b'\r\n\r\n' + body.replace(b'e', b'E', 1))
        first = body.split(b'\r\n', 1)
        write(name + '-ws-body', 'ws-body-' + canon[1].decode(),
              head + b'\r\n\r\n' + first[0] + b'  \t' + (b'\r\n' + first[1] if len(first) > 1 else b''))
    write(name + '-blank-lines', 'blank-lines', msg + b'\r\n\r\n')
    signed = re.search(rb'h=([^;]*);', re.sub(rb'\r\n[ \t]', b' ', head)).group(1)
    for h in sorted(set(x.strip().lower() for x in signed.split(b':'))):
        if re.search(rb'(?im)^' + h + rb':', head.split(b'\r\n', 1)[1] if head.lower().startswith(b'dkim') else head):
            write(name + '-hdr-' + h.decode(), 'header', tamper_header(msg, h))
    write(name + '-added-from', 'added-from', b'From: Mallory <mallory@evil.example>\r\n' + msg)
    write(name + '-ws-header', 'ws-header-' + canon[0].decode(), msg.replace(b'\r\nDate: ', b'\r\nDate:   ', 1))
    write(name + '-refold', 'refold-' + canon[0].decode(),
          re.sub(rb'\r\nSubject: (\S+) ', rb'\r\nSubject: \1\r\n ', msg, count=1))

for base, msg in BASES.items():
    for alg, (selector, key) in KEYS.items():
        for canon in CANONS:
            name = '%s-%s-%s-%s' % (base, alg, canon[0].decode(), canon[1].decode())
            signed = sign(msg, selector, key, canon, alg.encode(), headers=SIGNED if base != 'list' else None)
            variants(base, name, signed, canon)
    # l=: text appended after signing is not covered
    for canon in CANONS[:2]:
        name = '%s-length-%s' % (base, canon[1].decode())
        signed = sign(msg, b's2048', KEYS['rsa-sha256'][1], canon, b'rsa-sha256', headers=SIGNED, length=True)
        write(name + '-ok', 'length-ok', signed)
        write(name + '-appended', 'length-appended', signed + b'Appended after signing.\r\n')
    # keys: missing, revoked, too short, testing mode; two signatures, one broken
    plain = BASES['plain'] if base == 'plain' else None
    if plain:
        rsa = read('s2048.private')
        write('key-missing', 'key-missing', sign(plain, b'absent', rsa, CANONS[1], b'rsa-sha256', SIGNED))
        write('key-revoked', 'key-revoked', sign(plain, b'revoked', rsa, CANONS[1], b'rsa-sha256', SIGNED))
        write('key-512', 'key-short', sign(plain, b's512', read('s512.private'), CANONS[1], b'rsa-sha256', SIGNED))
        write('key-testing', 'key-testing', sign(plain, b'testing', read('testing.private'), CANONS[1], b'rsa-sha256', SIGNED))
        write('key-wrong', 'key-wrong', sign(plain, b's1024', rsa, CANONS[1], b'rsa-sha256', SIGNED))
        two = sign(sign(plain, b's2048', rsa, CANONS[1], b'rsa-sha256', SIGNED), b'ed', ED_SEED, CANONS[0],
                   b'ed25519-sha256', SIGNED)
        write('two-signatures-ok', 'two-ok', two)
        write('two-signatures-body', 'body', two.replace(b'Hi Bob', b'Hi Rob'))
        # RFC rules dkimpy does not apply: known disagreements, listed in the test
        write('rfc-key-hash-sha256-only', 'rfc-key-h', sign(plain, b's2048', rsa, CANONS[1], b'rsa-sha1', SIGNED))
        write('rfc-key-no-subdomains', 'rfc-key-t-s', sign(plain, b'strict', read('strict.private'), CANONS[1],
                                                          b'rsa-sha256', SIGNED, identity=b'@news.example.com'))

# ---- ARC: a list re-signs, a relay seals again ----
def arc_hop(msg, srv, selector, domain, key, results):
    msg = b'Authentication-Results: ' + srv + b'; ' + results + b'\r\n' + msg
    arc = dkim.arc_sign(msg, selector, domain, key, srv, include_headers=[b'from', b'to', b'subject', b'date', b'message-id'])
    return b''.join(arc) + msg


original = sign(BASES['list'], b's2048', read('s2048.private'), CANONS[1], b'rsa-sha256', SIGNED)
one = arc_hop(original, b'lists.example.org', b'arc', b'lists.example.org', read('arc.private'), b'dkim=pass header.d=example.com')
write('arc-1-ok', 'arc-ok', one)
footer = one.replace(b'[list] Meeting notes', b'[list] Meeting notes (via list)') + b'--\r\nlist footer\r\n'
two = arc_hop(footer, b'relay.example.net', b's1024', b'example.com', read('s1024.private'), b'dkim=fail header.d=example.com; arc=pass')
write('arc-2-ok', 'arc-ok', two)
three = arc_hop(two, b'mx.example.net', b'arc', b'lists.example.org', read('arc.private'), b'dkim=fail; arc=pass')
write('arc-3-ok', 'arc-ok', three)
write('arc-3-body', 'arc-body', three + b'added after the last seal\r\n')
write('arc-3-cv', 'arc-seal', three.replace(b'cv=pass', b'cv=none', 1))
write('arc-3-missing-aar', 'arc-structure', re.sub(rb'ARC-Authentication-Results: i=2;[^\r]*\r\n(?:[ \t][^\r]*\r\n)*', b'', three))
write('arc-3-lf', 'arc-ok', three, lf=True)

with open(os.path.join(OUT, 'manifest.tsv'), 'w') as f:
    f.write('file\tvariant\tdkimpy\tarc\n')
    f.write('\n'.join(rows) + '\n')
print(len(rows), 'messages')
