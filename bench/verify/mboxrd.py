"""mboxrd (the format samples/generate writes and mailtrace reads): messages after "From " lines, every
line that matches ^>*From  quoted with one more '>' inside a message."""
import re

QUOTED = re.compile(rb'^>(>*From )', re.M)
TO_QUOTE = re.compile(rb'^(>*From )', re.M)


def read(path):
    data = open(path, 'rb').read()
    parts = re.split(rb'(?:^|\n)From [^\n]*\n', data)
    return [QUOTED.sub(rb'\1', p[:-1] if p.endswith(b'\n\n') else p) for p in parts if p]


def write(out, raw):
    body = TO_QUOTE.sub(rb'>\1', raw)
    out.write(b'From bench@example.com Mon Jan  1 00:00:00 2024\n' + body + (b'' if body.endswith(b'\n') else b'\n') + b'\n')
