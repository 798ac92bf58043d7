"""rehab.Engine against the CLI: the same documents byte for byte (recommend, explain, batch lines,
generated profiles), the same diagnostics for bad input, and the same results from many threads."""
import concurrent.futures
import json

import pytest

import rehab
from conftest import run_cli


def example_profiles(source_dir):
    return sorted((source_dir / "examples" / "profiles").glob("*.json"))


def test_recommend_is_byte_identical_to_the_cli_for_every_example(engine, source_dir):
    paths = example_profiles(source_dir)
    assert len(paths) >= 10
    for path in paths:
        code, out, _ = run_cli("recommend", path, "--format", "json")
        assert code == 0, path
        text = path.read_text(encoding="utf-8")
        assert engine.recommend(text, format="json").encode() == out, path
        assert engine.recommend(json.loads(text)) == json.loads(out), path  # a dict in, a dict out


def test_recommend_matches_the_cli_for_generated_profiles_and_other_formats(engine, work):
    for i, profile in enumerate(rehab.generate(25, seed=7)):
        path = work / f"p{i}.json"
        path.write_text(json.dumps(profile), encoding="utf-8")
        for fmt in ("json", "summary", "text"):
            _, out, _ = run_cli("recommend", path, "--format", fmt)
            got = engine.recommend(profile, format=fmt)
            assert (got + "\n" if fmt == "summary" else got).encode() == out, (i, fmt)


def test_explain_matches_the_cli(engine, source_dir):
    path = source_dir / "examples" / "profiles" / "adductor_related_groin_pain.json"
    programme = engine.recommend(path.read_text())
    chosen = [e["id"] for e in programme["exercises"]]
    _, listing, _ = run_cli("kb", "list", "exercises", "--format", "json")
    every = json.loads(listing)
    ids = [e["id"] if isinstance(e, dict) else e for e in (every.get("exercises", every) if isinstance(every, dict) else every)]
    others = [x for x in ids if x not in chosen][:3]
    assert chosen and others
    for exercise in chosen[:2] + others:
        _, out, _ = run_cli("explain", path, "--exercise", exercise, "--format", "json")
        assert engine.explain(path.read_text(), exercise, format="json").encode() == out, exercise
        assert engine.explain(json.loads(path.read_text()), exercise) == json.loads(out)


def test_bad_input_raises_invalid_input_with_every_diagnostic(engine):
    bad = {"condition": "adductor_groin_pain", "side": "left", "age": 27, "days_since_onest": 3,
           "pain": {"rest": 11}}
    with pytest.raises(rehab.InvalidInput) as info:
        engine.recommend(bad)
    codes = sorted(d["code"] for d in info.value.diagnostics)
    assert codes == ["PR004", "PR005", "PR007"]
    for d in info.value.diagnostics:
        assert set(d) >= {"code", "pointer", "message", "hint"}
    unknown = next(d for d in info.value.diagnostics if d["code"] == "PR004")
    assert unknown["pointer"] == "/days_since_onest" and "days_since_onset" in unknown["hint"]
    # the same list the CLI writes in its batch error record
    _, out, _ = run_cli("batch", "-", input=(json.dumps(bad) + "\n").encode())
    record = json.loads(out)
    assert record["line"] == 1
    assert [{k: v for k, v in d.items() if k not in ("pointer", "hint") or v} for d in info.value.diagnostics] == record["error"]


def test_malformed_json_and_unknown_exercise_are_invalid_input(engine):
    with pytest.raises(rehab.InvalidInput) as info:
        engine.recommend('{"condition": ')
    assert info.value.diagnostics[0]["code"] == "PR001" and info.value.diagnostics[0]["line"] == 1
    profile = {"condition": "adductor_related_groin_pain", "side": "left", "age": 30}
    with pytest.raises(rehab.InvalidInput) as info:
        engine.explain(profile, "bridgee")
    d = info.value.diagnostics[0]
    assert d["code"] == "PR005" and d["pointer"] == "/exercise" and "bridge" in d["hint"]
    with pytest.raises(ValueError):
        engine.recommend(profile, format="yaml")


def test_engine_on_given_folders_and_a_folder_that_does_not_load(source_dir, work):
    e = rehab.Engine(knowledge=source_dir / "knowledge", rules=source_dir / "rules")
    assert e.versions["rules_hash"] == rehab.Engine().versions["rules_hash"]
    with pytest.raises(rehab.InvalidInput) as info:
        rehab.Engine(knowledge=work / "missing", rules=source_dir / "rules")
    assert info.value.diagnostics


def test_generate_is_the_cli_generator():
    _, out, _ = run_cli("generate", "--count", 40, "--seed", 5)
    assert "".join(line + "\n" for line in rehab.generate(40, seed=5, as_json=True)).encode() == out
    assert rehab.generate(3, seed=5) == [json.loads(line) for line in out.decode().splitlines()[:3]]
    assert list(rehab.iter_generate(40, seed=5, as_json=True, chunk=7)) == rehab.generate(40, 5, as_json=True)


def test_recommend_many_is_in_input_order_and_equals_one_at_a_time(engine):
    profiles = rehab.generate(200, seed=11)
    one_by_one = [engine.recommend(p, format="line") for p in profiles]
    for threads in (1, 2, 4):
        assert engine.recommend_many(profiles, threads=threads, format="line") == one_by_one
    assert engine.recommend_many(iter(profiles[:5])) == [json.loads(x) for x in one_by_one[:5]]


def test_recommend_many_errors_raise_or_become_batch_records(engine):
    lines = [json.dumps(p) for p in rehab.generate(20, seed=2)]
    lines[3] = '{"condition": "nope", "side": "left", "age": 20}'
    lines[9] = "not json"
    with pytest.raises(rehab.InvalidInput) as info:
        engine.recommend_many(lines, threads=2)
    assert info.value.index == 3
    got = engine.recommend_many(lines, threads=2, format="line", errors="record")
    _, out, _ = run_cli("batch", "-", "--threads", 2, input=("\n".join(lines) + "\n").encode())
    assert "".join(x + "\n" for x in got).encode() == out


def test_batch_text_equals_the_cli_batch_from_any_first_line(engine):
    lines = [json.dumps(p) for p in rehab.generate(30, seed=4)]
    lines[5], lines[12] = "", '{"side": "left"}'
    text = "\n".join(lines) + "\n"
    for fmt, flags in (("json", []), ("summary", ["--summary"])):
        _, out, _ = run_cli("batch", "-", *flags, input=text.encode())
        got, stats = engine.batch_text(text, format=fmt)
        assert got == out
        assert stats["lines"] == 30 and stats["errors"] == 1 and stats["profiles"] == 28
        # the second half alone, numbered from line 16, gives the CLI's records for lines 16-30
        tail, _ = engine.batch_text("\n".join(lines[15:]) + "\n", first_line=16, format=fmt)
        assert tail == b"".join(line + b"\n" for line in out.splitlines()[14:])


def test_threads_share_one_engine(engine):
    profiles = rehab.generate(60, seed=9)
    expected = [engine.recommend(p, format="json") for p in profiles]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda p: engine.recommend(p, format="json"), profiles))
    assert got == expected
