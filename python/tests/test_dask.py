"""rehab.dask on a real distributed.LocalCluster (2 worker processes): the partitioned results,
concatenated, are byte for byte what `rehab batch` writes for the same input, error and blank lines
included; each worker loads its engine once; a Dask bag of profiles maps through the engine too."""
import json

import dask.bag
import pytest
from distributed import Client, LocalCluster

import rehab
import rehab.dask
from conftest import run_cli


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with Client(cluster) as c:
        yield c
    cluster.close()


def profiles_file(path, count=1500):
    lines = [json.dumps(p) for p in rehab.generate(count, seed=21)]
    lines[17] = '{"condition": "adductor_groin_pain", "side": "left", "age": 27}'  # unknown condition
    lines[400] = "{not json"
    lines[401] = ""
    lines[1000] = '{"side": "left"}'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["json", "summary"])
def test_partitioned_results_equal_rehab_batch(client, work, fmt):
    src = profiles_file(work / "profiles.jsonl")
    code, expected, _ = run_cli("batch", src, *(["--summary"] if fmt == "summary" else []))
    assert code == 1  # three bad lines: every record written, some of them errors
    report = rehab.dask.recommend_jsonl(str(src), str(work / "out"), format=fmt, blocksize=120_000)
    assert len(report["parts"]) >= 4  # several blocks, on both workers
    got = b"".join((work / "out" / p["part"].rsplit("/", 1)[1]).read_bytes() for p in report["parts"])
    assert got == expected
    assert report["lines"] == 1500 and report["errors"] == 3 and report["profiles"] == 1496
    # one engine per worker process, however many tasks it ran
    assert set(client.run(rehab.dask.engine_loads).values()) == {1}


def test_a_bag_of_profiles_maps_through_the_engine(client, engine):
    profiles = rehab.generate(120, seed=3)
    bag = dask.bag.from_sequence(profiles, npartitions=6)
    got = rehab.dask.recommend_bag(bag, format="line").compute()
    assert got == engine.recommend_many(profiles, format="line")
