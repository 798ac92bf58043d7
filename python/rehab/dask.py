"""rehab on a Dask cluster: JSON Lines of profiles, split into blocks on line boundaries, recommended on
the workers with one engine per worker process, written as partitioned results whose concatenation is
byte for byte what `rehab batch` writes for the same input.

    from distributed import Client
    import rehab.dask
    client = Client("tcp://scheduler:8786")
    report = rehab.dask.recommend_jsonl("/shared/profiles.jsonl", "/shared/out", format="summary")

The input and output may be any fsspec URL the workers can reach (a shared folder, s3://, hdfs://).
Each worker loads the knowledge and rules once, from `knowledge`/`rules` or, by default, from its own
rehab.default_data_dir() (the same lookup as the CLI). See docs/python.md.
"""
import threading

import dask
import fsspec
from dask.bytes import read_bytes

import rehab

__all__ = ["worker_engine", "EnginePlugin", "recommend_jsonl", "recommend_bag", "engine_loads"]

_engines = {}
_lock = threading.Lock()
_loads = 0


def worker_engine(knowledge=None, rules=None):
    """The engine of this process for these folders, loaded on first use and kept (a worker process
    loads the knowledge and rules once, whatever the number of tasks)."""
    global _loads
    key = (None if knowledge is None else str(knowledge), None if rules is None else str(rules))
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = rehab.Engine(knowledge, rules)
            _loads += 1
        return engine


def engine_loads():
    """How many engines this process has loaded (for tests and monitoring: client.run(engine_loads))."""
    return _loads


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # dask without distributed: the local schedulers need no plugin
    WorkerPlugin = object


class EnginePlugin(WorkerPlugin):
    """Loads the engine when a worker starts rather than in its first task:
    client.register_worker_plugin(rehab.dask.EnginePlugin(knowledge, rules))."""

    name = "rehab-engine"

    def __init__(self, knowledge=None, rules=None):
        self.knowledge, self.rules = knowledge, rules

    def setup(self, worker=None):
        worker_engine(self.knowledge, self.rules)


def _count_lines(block):
    """Lines in a block as `rehab batch` counts them: a last line without a newline counts too."""
    return block.count(b"\n") + (1 if block and not block.endswith(b"\n") else 0)


def _run_block(block, first_line, out_url, fmt, knowledge, rules, source, threads, storage_options):
    engine = worker_engine(knowledge, rules)
    text, stats = engine.batch_text(block, first_line=first_line, format=fmt, source=source, threads=threads)
    with fsspec.open(out_url, "wb", **storage_options) as f:
        f.write(text)
    stats["part"], stats["first_line"] = out_url, first_line
    return stats


def recommend_jsonl(urlpath, out_dir, format="json", blocksize="32 MiB", knowledge=None, rules=None,
                    threads=1, storage_options=None, compute=True):
    """Recommends for every line of the JSON Lines file(s) `urlpath` (a path, a glob or an fsspec URL)
    on the current Dask scheduler (a distributed Client when one is active) and writes
    OUT_DIR/part-NNNNN.<ext>, one part per block, in input order. `format` is a `rehab batch --format`
    (json, summary; csv and csv-long write a header in every part). Line numbers in the records count
    from 1 in each input file, as `rehab batch` numbers them. Returns the counts: profiles, errors,
    referrals, lines, per_condition, and parts (the part files with their first line), in order.
    `threads`: engine threads per task (1 suits one Dask thread per core)."""
    storage_options = dict(storage_options or {})
    _, blocks, paths = read_bytes(urlpath, delimiter=b"\n", blocksize=blocksize, sample=False,
                                  include_path=True, **storage_options)
    # First pass: lines per block (cheap, I/O bound), so that every record carries its input line.
    counts = dask.compute(*[dask.delayed(_count_lines)(b) for file_blocks in blocks for b in file_blocks])
    ext = "csv" if format.startswith("csv") else "jsonl"
    out_dir = str(out_dir).rstrip("/")
    tasks, k = [], 0
    for path, file_blocks in zip(paths, blocks):
        line = 1
        for block in file_blocks:
            out_url = f"{out_dir}/part-{k:05d}.{ext}"
            tasks.append(dask.delayed(_run_block)(block, line, out_url, format, knowledge, rules, path,
                                                  threads, storage_options))
            line += counts[k]
            k += 1
    if not compute:
        return tasks
    fs, _, _ = fsspec.get_fs_token_paths(out_dir, storage_options=storage_options)
    fs.makedirs(out_dir, exist_ok=True)
    return _merge(dask.compute(*tasks))


def _merge(parts):
    total = {"lines": 0, "profiles": 0, "referrals": 0, "errors": 0, "per_condition": {}, "parts": []}
    for p in parts:
        for key in ("lines", "profiles", "referrals", "errors"):
            total[key] += p[key]
        for condition, n in p["per_condition"].items():
            total["per_condition"][condition] = total["per_condition"].get(condition, 0) + n
        total["parts"].append({"part": p["part"], "first_line": p["first_line"], "lines": p["lines"]})
    return total


def recommend_bag(bag, format="dict", knowledge=None, rules=None, threads=1):
    """A Dask bag of profiles (dicts or JSON texts) mapped to their programmes, partition by partition,
    with one engine per worker. A bad profile becomes the `rehab batch` error record whose "line" is
    its 1-based position in its partition."""

    def run(partition):
        engine = worker_engine(knowledge, rules)
        return engine.recommend_many(list(partition), threads=threads, format=format, errors="record")

    return bag.map_partitions(run)
