#!/usr/bin/env python3
"""Architecture checks on src/, run by ctest: layers point one way (app -> server -> io -> core), the core is
pure (no files, JSON, logging or streams), Boost stays in .cpp files, no include cycle between units
(a header and the .cpp files that implement it), and folders and files stay small.

Usage: check_architecture.py SRC_DIR [--max-lines N] [--max-files N] [--known FILE]; exit 1 with every finding."""
import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
# What each layer may not include (by prefix of the include path).
FORBIDDEN = {
    "core": ["io/", "app/", "server/", "rehab/", "nlohmann/", "spdlog/", "CLI/", "iostream", "fstream",
             "filesystem", "sqlite3", "httplib"],
    "io": ["app/", "server/", "spdlog/", "CLI/", "httplib", "sqlite3"],
    # The service sits beside the CLI, on io and core: it never reaches into the CLI.
    "server": ["app/", "CLI/"],
}


def sources(src):
    for root, _, files in os.walk(src):
        for f in files:
            if f.endswith((".hpp", ".cpp")):
                yield os.path.relpath(os.path.join(root, f), src)


def includes(src, path):
    with open(os.path.join(src, path), encoding="utf-8") as f:
        return [(kind == '"', name) for kind, name in INCLUDE.findall(f.read())]


def unit_of(path, headers):
    """The unit a file belongs to: its header, or the header whose stem prefixes the .cpp's name."""
    stem, _ = os.path.splitext(path)
    if stem.endswith("_detail") and stem[: -len("_detail")] + ".hpp" in headers:
        return stem[: -len("_detail")]  # a unit's internals, shared by its .cpp files
    if stem + ".hpp" in headers:
        return stem
    folder, name = os.path.split(stem)
    best = ""
    for h in headers:
        hf, hn = os.path.split(os.path.splitext(h)[0])
        if hf == folder and name.startswith(hn + "_") and len(hn) > len(os.path.basename(best)):
            best = os.path.splitext(h)[0]
    return best or stem


def cycles(graph):
    """Every strongly connected group of more than one unit (Tarjan, iterative, deterministic)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    n = stack.pop()
                    on.discard(n)
                    group.append(n)
                    if n == node:
                        break
                if len(group) > 1:
                    out.append(sorted(group))
    return out


def check(src, max_lines, max_files):
    files = sorted(sources(src))
    headers = {f for f in files if f.endswith(".hpp")}
    problems = []
    graph = {}
    for f in files:
        layer = f.split(os.sep)[0]
        unit = unit_of(f, headers)
        graph.setdefault(unit, set())
        for quoted, name in includes(src, f):
            for bad in FORBIDDEN.get(layer, []):
                if name.startswith(bad):
                    problems.append(f"{f}: the {layer} layer includes <{name}>")
            if name.startswith("boost/") and f.endswith(".hpp"):
                problems.append(f"{f}: a header includes <{name}>: Boost stays inside .cpp files")
            if quoted and name in headers:
                target = unit_of(name, headers)
                if target != unit:
                    graph[unit].add(target)
        with open(os.path.join(src, f), encoding="utf-8") as fh:
            n = sum(1 for _ in fh)
        if n > max_lines:
            problems.append(f"{f}: {n} lines (at most {max_lines})")
    for group in cycles(graph):
        problems.append("include cycle between units: " + " <-> ".join(group))
    folders = {}
    for f in files:
        folders.setdefault(os.path.dirname(f), []).append(f)
    for folder, members in sorted(folders.items()):
        if len(members) > max_files:
            problems.append(f"{folder}/: {len(members)} files (at most {max_files})")
    return problems


def self_test():
    """The checker finds what it should: a core file with a stream, a header with Boost, a cycle."""
    import tempfile
    files = {
        "core/a/x.hpp": '#pragma once\n#include "core/a/y.hpp"\n',
        "core/a/y.hpp": '#pragma once\n#include <boost/graph/adjacency_list.hpp>\n',
        "core/a/y.cpp": '#include "core/a/y.hpp"\n#include "core/a/x.hpp"\n#include <iostream>\n',
        "io/z.cpp": '#include "app/main.hpp"\n',
        "io/w.cpp": '#include "server/service.hpp"\n',
        "server/s.cpp": '#include "app/command.hpp"\n#include "io/json/reader.hpp"\n',
    }
    with tempfile.TemporaryDirectory() as d:
        for name, text in files.items():
            os.makedirs(os.path.join(d, os.path.dirname(name)), exist_ok=True)
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        found = "\n".join(check(d, 400, 16))
    expected = ["core/a/y.cpp: the core layer includes <iostream>", "a header includes <boost/",
                "include cycle between units: core/a/x <-> core/a/y", "io/z.cpp: the io layer includes <app/",
                "io/w.cpp: the io layer includes <server/", "server/s.cpp: the server layer includes <app/"]
    missing = [e for e in expected if e not in found]
    print("self-test:", "ok" if not missing else f"missed {missing}")
    return 1 if missing else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("--max-lines", type=int, default=400)
    ap.add_argument("--max-files", type=int, default=16)
    ap.add_argument("--known", help="a file of findings being mended (one per line): not counted")
    args = ap.parse_args()
    problems = check(args.src, args.max_lines, args.max_files)
    if args.known:
        with open(args.known, encoding="utf-8") as f:
            known = {line.strip() for line in f if line.strip() and not line.startswith("#")}
        problems = [p for p in problems if p not in known]
    for p in problems:
        print(p)
    print(f"architecture: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
