"""Signs every message of an mbox with dkimpy and writes the signed mbox and its keys' zone file.
Usage: sign_corpus.py IN.mbox OUT.mbox OUT.zone [ED25519_EVERY]. Keys: the test keys of
analysis/src/test/resources/auth/signer: rsa-sha256 with the 2048-bit key, relaxed/relaxed, as nearly all
signed mail is; with ED25519_EVERY=N every Nth message is signed with ed25519-sha256 instead."""
import base64, os, sys
import dkim
import mboxrd

keys = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../analysis/src/test/resources/auth/signer')
rsa = open(os.path.join(keys, 's2048.private'), 'rb').read()
ed = open(os.path.join(keys, 'ed25519.private'), 'rb').read().strip()
src, dst, zone = sys.argv[1:4]
ed_every = int(sys.argv[4]) if len(sys.argv) > 4 else 0
out = open(dst, 'wb')
n = 0
for plain in mboxrd.read(src):
    raw = plain.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')
    domain = b'example.com'
    if not any(line.lower().startswith(b'from:') for line in raw.split(b'\r\n\r\n', 1)[0].split(b'\r\n')):
        continue  # the generator's malformed samples without From cannot be signed (RFC 6376 section 5.4)
    try:
        if ed_every and n % ed_every == ed_every - 1:
            sig = dkim.sign(raw, b'ed', domain, ed, canonicalize=(b'relaxed', b'relaxed'), signature_algorithm=b'ed25519-sha256')
        else:
            sig = dkim.sign(raw, b's2048', domain, rsa, canonicalize=(b'relaxed', b'relaxed'))
    except dkim.DKIMException:
        continue  # the generator's deliberately malformed headers, which dkimpy refuses to sign
    mboxrd.write(out, (sig + raw).replace(b'\r\n', b'\n'))
    n += 1
out.close()
import nacl.signing
pub = base64.b64encode(bytes(nacl.signing.SigningKey(base64.b64decode(ed)).verify_key)).decode()
with open(zone, 'w') as z:
    z.write('$TTL 3600\n' + open(os.path.join(keys, 's2048.txt')).read())
    z.write('ed._domainkey.example.com. IN TXT "v=DKIM1; k=ed25519; p=%s"\n' % pub)
print(n)
