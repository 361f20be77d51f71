"""Verifies every DKIM-Signature of every message of an mbox with dkimpy, keys from a zone file (read
with dnspython), and prints: messages, passing, wall seconds, CPU seconds. Usage: dkimpy_verify.py CORPUS.mbox KEYS.zone"""
import sys, time
import dkim, dns.name, dns.rdatatype, dns.zone
import mboxrd

txt = {}
z = dns.zone.from_text(open(sys.argv[2]).read(), origin=dns.name.root, relativize=False, check_origin=False)
for name, node in z.nodes.items():
    for rds in node.rdatasets:
        if rds.rdtype == dns.rdatatype.TXT:
            for rd in rds:
                txt[name.to_text().lower().encode()] = b''.join(rd.strings)
dnsfunc = lambda name, timeout=5: txt.get(name.lower())
messages = mboxrd.read(sys.argv[1])
start = time.perf_counter()
cpu = time.process_time()
passing = 0
for raw in messages:
    d = dkim.DKIM(raw)
    n = sum(1 for k, v in d.headers if k.lower() == b'dkim-signature')
    ok = False
    for i in range(n):
        try:
            ok = d.verify(idx=i, dnsfunc=dnsfunc) or ok
        except Exception:
            pass
    passing += ok
seconds = time.perf_counter() - start
print(len(messages), passing, '%.3f' % seconds, '%.3f' % (time.process_time() - cpu))
