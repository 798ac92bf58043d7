#!/usr/bin/env python3
"""Every diagnostic code the source uses ("KB001", "PR014", ...) is documented in docs/: a program may
match on the codes, so a code nobody can look up is a bug. Usage: check_codes_documented.py REPO"""
import pathlib
import re
import sys

repo = pathlib.Path(sys.argv[1])
code = re.compile(r'"((?:KB|RF|RL|PR|SC|IO|DG|SV|CF|FB)[0-9]{3})"')  # SV, CF, FB: the service
used = {}
for path in sorted((repo / "src").rglob("*.[ch]pp")):
    for m in code.finditer(path.read_text(encoding="utf-8")):
        used.setdefault(m.group(1), str(path.relative_to(repo)))
docs = "\n".join(p.read_text(encoding="utf-8") for p in sorted((repo / "docs").glob("*.md")))
missing = sorted(c for c in used if c not in docs)
for c in missing:
    print(f"{c} (used in {used[c]}) is not documented in docs/")
print(f"{len(used)} codes used, {len(used) - len(missing)} documented")
sys.exit(1 if missing or len(used) < 40 else 0)
