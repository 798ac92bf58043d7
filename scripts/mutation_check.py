#!/usr/bin/env python3
# Mutation check: applies small, deliberate mistakes to a copy of the source and rules, one at a time,
# runs the test suite against each, and reports the mutants no test noticed ("survivors"). A survivor
# is a gap in the tests (or a mutation that changes nothing, which the report then says). Not run in CI
# (it rebuilds once per source mutation); run it by hand: docs/testing.md.
import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTATIONS = ROOT / "scripts" / "mutations.json"


def run(cmd, cwd, timeout=None):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=timeout)


def copy_tree(dest: Path):
    """The committed tree (HEAD) in `dest`, as a fresh clone would have it."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, stdout=subprocess.PIPE, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)


def rule_span(text: str, rule_id: str):
    """The text of one rule in a rules file: from its "id" to the next rule's "id" (or the end)."""
    at = text.find('"id": "%s"' % rule_id)
    if at < 0:
        raise SystemExit("mutation refers to rule %s, which is not in the file" % rule_id)
    nxt = text.find('"id": "', at + 1)
    return at, (nxt if nxt >= 0 else len(text))


def apply(tree: Path, m: dict) -> str:
    """Applies mutation `m` to the copy; returns the original text of the file (to restore it)."""
    path = tree / m["file"]
    original = path.read_text()
    lo, hi = rule_span(original, m["rule"]) if "rule" in m else (0, len(original))
    segment = original[lo:hi]
    if segment.count(m["old"]) != 1:
        raise SystemExit("mutation %s: '%s' occurs %d times in %s%s (must be once)" %
                         (m["id"], m["old"], segment.count(m["old"]), m["file"],
                          " rule " + m["rule"] if "rule" in m else ""))
    path.write_text(original[:lo] + segment.replace(m["old"], m["new"]) + original[hi:])
    return original


def rules_hash(tree: Path, build: Path) -> str:
    out = run([str(build / "src" / "rehab"), "rules", "check", "--rules", str(tree / "rules"),
               "--knowledge", str(tree / "knowledge")], tree).stdout
    found = re.search(r"hash ([0-9a-f]{16})", out)
    return found.group(1) if found else ""


def restamp_goldens(tree: Path, old: str, new: str):
    """A rules edit changes the rules hash in every golden document; that alone is not a behaviour
    change, so the copy's goldens get the mutant's hash and any other difference still fails."""
    if not old or not new or old == new:
        return
    for g in (tree / "scenarios" / "golden").glob("*.json"):
        g.write_text(g.read_text().replace('"hash": "%s"' % old, '"hash": "%s"' % new))


def suite(tree: Path, build: Path, timeout: int):
    """Runs the tests; returns (killed, what failed first)."""
    b = run(["cmake", "--build", str(build), "--target", "rehab", "rehab_tests"], tree, timeout)
    if b.returncode != 0:
        return True, "does not build"
    ev = run([str(build / "src" / "rehab"), "eval", str(tree / "scenarios"), "--rules", str(tree / "rules"),
              "--knowledge", str(tree / "knowledge")], tree, timeout)
    if ev.returncode != 0:
        failed = [l.split()[0] for l in ev.stdout.splitlines() if " FAIL " in l]
        return True, "scenarios: " + ", ".join(failed[:4])
    t = run([str(build / "tests" / "rehab_tests"), "--abort", "--reporter", "compact"], build / "tests", timeout)
    if t.returncode != 0:
        failed = [l for l in t.stdout.splitlines() if "failed" in l.lower()]
        return True, "tests: " + (failed[0][:150] if failed else "rehab_tests exit %d" % t.returncode)
    return False, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", default="/tmp/rehab-mutation", help="folder for the copy (default %(default)s)")
    ap.add_argument("--only", action="append", default=[], help="run only these mutation ids")
    ap.add_argument("--list", action="store_true", help="list the mutations and exit")
    ap.add_argument("--check", action="store_true",
                    help="check that every mutation applies exactly once to the working tree, then exit")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per step (default %(default)s)")
    args = ap.parse_args()
    mutations = json.loads(MUTATIONS.read_text())["mutations"]
    if args.list:
        for m in mutations:
            print("%-32s %-18s %s" % (m["id"], m["area"], m["file"]))
        return 0
    if args.check:
        for m in mutations:
            restore = apply(ROOT, m)
            (ROOT / m["file"]).write_text(restore)
        print("%d mutations, each applies once" % len(mutations))
        return 0
    if args.only:
        mutations = [m for m in mutations if m["id"] in args.only]
    tree = Path(args.work) / "src-tree"
    build = tree / "build" / "mutation"
    copy_tree(tree)
    cfg = run(["cmake", "-S", ".", "-B", str(build), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug",
               "-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"], tree)
    if cfg.returncode != 0:
        print(cfg.stdout)
        return 2
    killed, why = suite(tree, build, args.timeout)
    if killed:
        print("the unmutated copy does not pass the suite (%s): fix that first" % why)
        return 2
    base_hash = rules_hash(tree, build)
    goldens = {g: g.read_text() for g in (tree / "scenarios" / "golden").glob("*.json")}
    survivors = []
    for m in mutations:
        start = time.time()
        try:
            original = apply(tree, m)
        except SystemExit as e:  # the source moved on: say so and go on with the others
            print("STALE    %-32s %-18s %s" % (m["id"], m["area"], e), flush=True)
            survivors.append(m["id"])
            continue
        if m["file"].startswith("rules/"):
            restamp_goldens(tree, base_hash, rules_hash(tree, build))
        try:
            killed, why = suite(tree, build, args.timeout)
        except subprocess.TimeoutExpired:  # a mutant that makes the suite hang is noticed too
            killed, why = True, "the suite timed out after %d s" % args.timeout
        (tree / m["file"]).write_text(original)
        for g, text in goldens.items():
            g.write_text(text)
        status = "killed  " if killed else "SURVIVED"
        print("%s %-32s %-18s %5.0f s  %s" % (status, m["id"], m["area"], time.time() - start, why), flush=True)
        if not killed:
            survivors.append(m["id"])
    run(["cmake", "--build", str(build)], tree)  # leave the copy built unmutated
    print("%d mutations, %d killed, %d survived%s" % (len(mutations), len(mutations) - len(survivors),
                                                     len(survivors), (": " + ", ".join(survivors)) if survivors else ""))
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
