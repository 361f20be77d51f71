#!/usr/bin/env python3
"""Writes the hostile inputs of bench/hostile.sh (issue 17's table and more) into a folder.

    bench/hostile_inputs.py OUT_DIR SCALE NAME...

SCALE 1.0 gives the issue's sizes (a 2 GB message, a .mbox.gz expanding to 5.4 GB, ...); 0.01 a
small run. Each NAME writes one input; an input already there with the same size parameters is
kept (the name carries them). Prints "NAME PATH" for each.
"""
import base64
import gzip
import os
import sys

FROM = b"From hostile@example.org Mon Jan  1 00:00:00 2024\n"
HEAD = (b"From: Hostile <hostile@example.org>\nTo: victim@example.com\n"
        b"Date: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <hostile@example.org>\n")


def chunks(total, block):
    """Yields `block` (bytes) repeated to `total` bytes."""
    while total > 0:
        b = block if total >= len(block) else block[:total]
        yield b
        total -= len(b)


def big_message(path, size):
    """One message of `size` bytes in an mbox: a text part and a base64 attachment."""
    line = base64.b64encode(bytes(range(256)) * 3)[:76] + b"\n"
    with open(path, "wb") as f:
        f.write(FROM + HEAD + b"Subject: one big message\nMIME-Version: 1.0\n"
                b"Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n"
                b"The attachment is large.\n--b\nContent-Type: application/octet-stream\n"
                b"Content-Disposition: attachment; filename=\"big.bin\"\nContent-Transfer-Encoding: base64\n\n")
        block = line * (1 << 14)
        for c in chunks(size - f.tell() - 8, block):
            f.write(c)
        f.write(b"\n--b--\n")


def nul_bytes(path, size):
    with open(path, "wb") as f:
        for c in chunks(size, bytes(1 << 20)):
            f.write(c)


def many_messages_gz(path, count):
    """An mbox.gz of `count` identical small messages (every one a duplicate of the others)."""
    body = b"".join(b"line %d of an ordinary body, nothing to see here.\n" % i for i in range(18))
    msg = FROM + HEAD.replace(b"<hostile@", b"<same@") + b"Subject: the same again\n\n" + body + b"\n"
    per = 4096
    block = msg * per
    with gzip.open(path, "wb", compresslevel=1) as f:
        n = count
        while n > 0:
            k = min(n, per)
            f.write(block if k == per else msg * k)
            n -= k


def dsn(path, recipients):
    """A delivery report with `recipients` per-recipient blocks."""
    with open(path, "wb") as f:
        f.write(FROM + b"From: MAILER-DAEMON@example.org\nTo: sender@example.com\nSubject: Undelivered Mail\n"
                b"Date: Mon, 1 Jan 2024 00:00:00 +0000\nMIME-Version: 1.0\n"
                b"Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n\n"
                b"--r\nContent-Type: text/plain\n\nDelivery failed.\n"
                b"--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n")
        for i in range(recipients):
            f.write(b"Final-Recipient: rfc822; user%d@example.com\nAction: failed\nStatus: 5.1.1\n"
                    b"Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n" % i)
        f.write(b"--r--\n")


def received_chain(path, hops):
    with open(path, "wb") as f:
        f.write(FROM)
        for i in range(hops, 0, -1):
            f.write(b"Received: from relay%d.example.org (relay%d.example.org [192.0.2.%d]) by relay%d.example.org "
                    b"with ESMTP id H%d; Mon, 1 Jan 2024 00:%02d:%02d +0000\n"
                    % (i - 1, i - 1, i % 250 + 1, i, i, (i // 60) % 60, i % 60))
        f.write(HEAD + b"Subject: a long way\n\nbody\n")


def header_cut(path):
    """Two messages; the second is cut off inside its header at the end of the file."""
    with open(path, "wb") as f:
        f.write(FROM + HEAD + b"Subject: whole\n\nbody\n\n")
        f.write(FROM + b"From: cut@example.org\nSubject: cut off in the hea")


def long_header_line(path, size):
    with open(path, "wb") as f:
        f.write(FROM + HEAD + b"X-Long: ")
        for c in chunks(size, b"a" * (1 << 20)):
            f.write(c)
        f.write(b"\nSubject: after a long line\n\nbody\n")


def many_fields(path, count):
    with open(path, "wb") as f:
        f.write(FROM + HEAD)
        for i in range(count):
            f.write(b"X-F%d: v\n" % i)
        f.write(b"Subject: many fields\n\nbody\n")


def many_parts(path, count):
    with open(path, "wb") as f:
        f.write(FROM + HEAD + b"Subject: many parts\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=p\n\n")
        for i in range(count):
            f.write(b"--p\nContent-Type: text/plain\n\npart %d\n" % i)
        f.write(b"--p--\n")


def deep_nesting(path, depth):
    with open(path, "wb") as f:
        f.write(FROM + HEAD + b"Subject: deep\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=d0\n\n")
        for i in range(1, depth):
            f.write(b"--d%d\nContent-Type: multipart/mixed; boundary=d%d\n\n" % (i - 1, i))
        f.write(b"--d%d\nContent-Type: text/plain\n\ninnermost\n" % (depth - 1))
        for i in range(depth - 1, -1, -1):
            f.write(b"--d%d--\n" % i)


def encoded_words(path, count):
    with open(path, "wb") as f:
        f.write(FROM + HEAD + b"Subject:")
        for i in range(count):
            f.write(b" =?utf-8?q?w=C3=B6rd_%d?=\n" % i)
        f.write(b"\nbody\n")


def base64_body(path, size):
    line = base64.b64encode(os.urandom(57)) + b"\n"
    with open(path, "wb") as f:
        f.write(FROM + HEAD + b"Subject: base64\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n")
        for c in chunks(size, line * (1 << 14)):
            f.write(c)


def unreadable_folder(path):
    """A folder with a readable mbox, an unreadable sub-folder and an unreadable file (mode 000)."""
    os.makedirs(os.path.join(path, "locked"), exist_ok=True)
    with open(os.path.join(path, "good.mbox"), "wb") as f:
        f.write(FROM + HEAD + b"Subject: readable\n\nbody\n")
    with open(os.path.join(path, "locked", "inside.eml"), "wb") as f:
        f.write(HEAD + b"Subject: never read\n\nbody\n")
    with open(os.path.join(path, "secret.eml"), "wb") as f:
        f.write(HEAD + b"Subject: unreadable file\n\nbody\n")
    os.chmod(os.path.join(path, "secret.eml"), 0)
    os.chmod(os.path.join(path, "locked"), 0)


def many_files(path, count):
    os.makedirs(path, exist_ok=True)
    for i in range(count):
        with open(os.path.join(path, "m%06d.eml" % i), "wb") as f:
            f.write(HEAD + b"Subject: file %d\n\nbody\n" % i)


def symlink_loop(path):
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "a.eml"), "wb") as f:
        f.write(HEAD + b"Subject: beside a loop\n\nbody\n")
    for name, target in (("loop", "."), ("up", ".."), ("self", "self")):
        if not os.path.lexists(os.path.join(path, name)):
            os.symlink(target, os.path.join(path, name))


def main():
    out, scale, names = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    os.makedirs(out, exist_ok=True)

    def n(full, least=1):
        return max(least, int(full * scale))

    table = {
        "big": (lambda: "big-%d.mbox" % n(2 << 30, 1 << 20), lambda p: big_message(p, n(2 << 30, 1 << 20))),
        "nul": (lambda: "nul-%d.mbox" % n(50 << 20, 1 << 16), lambda p: nul_bytes(p, n(50 << 20, 1 << 16))),
        "gz": (lambda: "many-%d.mbox.gz" % n(4_900_000, 1000), lambda p: many_messages_gz(p, n(4_900_000, 1000))),
        "dsn": (lambda: "dsn-%d.mbox" % n(100_000, 100), lambda p: dsn(p, n(100_000, 100))),
        "received": (lambda: "received-%d.mbox" % n(20_000, 20_000), lambda p: received_chain(p, n(20_000, 20_000))),
        "headercut": (lambda: "header-cut.mbox", header_cut),
        "longline": (lambda: "long-line-%d.mbox" % n(100 << 20, 1 << 20), lambda p: long_header_line(p, n(100 << 20, 1 << 20))),
        "fields": (lambda: "fields-%d.mbox" % n(1_000_000, 20_000), lambda p: many_fields(p, n(1_000_000, 20_000))),
        "parts": (lambda: "parts-%d.mbox" % n(100_000, 20_000), lambda p: many_parts(p, n(100_000, 20_000))),
        "nesting": (lambda: "nesting-%d.mbox" % n(10_000, 1000), lambda p: deep_nesting(p, n(10_000, 1000))),
        "words": (lambda: "words-%d.mbox" % n(100_000, 10_000), lambda p: encoded_words(p, n(100_000, 10_000))),
        "base64": (lambda: "base64-%d.mbox" % n(500 << 20, 1 << 20), lambda p: base64_body(p, n(500 << 20, 1 << 20))),
        "unreadable": (lambda: "unreadable", unreadable_folder),
        "files": (lambda: "files-%d" % n(100_000, 1000), lambda p: many_files(p, n(100_000, 1000))),
        "loop": (lambda: "symlink-loop", symlink_loop),
    }
    for name in names:
        file_name, make = table[name]
        path = os.path.join(out, file_name())
        if not os.path.exists(path):
            tmp = path + ".tmp"
            make(tmp)
            os.rename(tmp, path)
        print(name, path)


if __name__ == "__main__":
    main()
