#!/usr/bin/python3
"""Profiles per second on one core: the CLI (`rehab batch --threads 1`) against Python on the same
generated input (Engine.batch_text, Engine.recommend_many with dicts in and out, one profile at a time),
and rehab.dask on a LocalCluster of N one-thread workers. Medians of --repeat runs. Runs from any
folder: the package is the built one next to --cli (BUILD/python for BUILD/src/rehab) unless
PYTHONPATH or an installed package provides it, never the source folder python/rehab (no module).

    /usr/bin/python3 python/bench_throughput.py --cli build/release/src/rehab --count 20000
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

# The source package next to this file has no compiled module: never import it from here.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
rehab = None


def import_rehab(cli):
    """The rehab package: from PYTHONPATH or site-packages, else the build folder of `cli`."""
    global rehab
    try:
        import rehab as module
        module.Engine  # noqa: B018 (the source package would fail here)
    except (ImportError, AttributeError):
        sys.modules.pop("rehab", None)
        build = os.path.dirname(os.path.dirname(os.path.abspath(cli)))
        sys.path.insert(0, os.path.join(build, "python"))
        # Dask's worker processes import it too.
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [sys.path[0], os.environ.get("PYTHONPATH")]))
        import rehab as module
    rehab = module
    return module


def median_rate(run, count, repeat):
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        rates.append(count / (time.perf_counter() - start))
    return statistics.median(rates)


def read_loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


LOAD_BEFORE = read_loadavg()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-dask", action="store_true")
    a = ap.parse_args()
    import_rehab(a.cli)

    work = tempfile.mkdtemp(prefix="rehab-bench-")
    path = os.path.join(work, "profiles.jsonl")
    with open(path, "wb") as f:
        subprocess.run([a.cli, "generate", "--count", str(a.count), "--seed", str(a.seed)], stdout=f, check=True)
    data = open(path, "rb").read()
    dicts = [json.loads(line) for line in data.splitlines()]
    engine = rehab.Engine()
    rows = []
    for fmt, flag in (("summary", ["--format", "summary"]), ("json", ["--format", "json"]), ("csv", ["--format", "csv"])):
        def cli():
            subprocess.run([a.cli, "-q", "batch", path, "--threads", "1", *flag], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=True)
        rows.append((f"CLI rehab batch --format {fmt} --threads 1", median_rate(cli, a.count, a.repeat)))
        rows.append((f"Python Engine.batch_text(format={fmt!r}, threads=1)",
                     median_rate(lambda: engine.batch_text(data, format=fmt, threads=1), a.count, a.repeat)))
    many = {"summary": "summary", "json": "dict"}
    for fmt, pyfmt in many.items():
        rows.append((f"Python Engine.recommend_many(dicts, threads=1, format={pyfmt!r})",
                     median_rate(lambda: engine.recommend_many(dicts, threads=1, format=pyfmt), a.count, a.repeat)))
    one = dicts[: max(1, a.count // 4)]
    rows.append(("Python Engine.recommend(dict) one at a time -> dict",
                 median_rate(lambda: [engine.recommend(p) for p in one], len(one), a.repeat)))
    if not a.no_dask:
        from distributed import Client, LocalCluster
        import importlib
        rehab_dask = importlib.import_module("rehab.dask")  # not `import rehab.dask`: rehab stays global
        with LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.register_worker_plugin(rehab_dask.EnginePlugin())
            for fmt in ("summary", "json"):
                out = os.path.join(work, "dask-" + fmt)
                rate = median_rate(lambda: rehab_dask.recommend_jsonl(path, out, format=fmt, blocksize="4 MiB"),
                                   a.count, a.repeat)
                rows.append((f"rehab.dask.recommend_jsonl(format={fmt!r}), {a.workers} workers x 1 thread, per worker",
                             rate / a.workers))
    width = max(len(r[0]) for r in rows)
    print(f"{a.count} profiles (rehab generate --seed {a.seed}), median of {a.repeat}; {engine!r}")
    print(f"rehab module: {rehab.__file__}; load average before: {LOAD_BEFORE}, after: {read_loadavg()}")
    for name, rate in rows:
        print(f"{name:<{width}}  {rate:10.0f} profiles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
