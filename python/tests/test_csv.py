"""`rehab batch --format csv|csv-long` read back as tables: with pandas when it is installed, else the
csv module. Every row joins back to its input line; the rows agree with the JSON documents of the same
batch; the partitioned Python output equals the CLI's."""
import csv
import io
import json

import pytest

import rehab
from conftest import run_cli


def batch_input(work, count=150):
    lines = [json.dumps(p) for p in rehab.generate(count, seed=13)]
    lines[4] = '{"id": "bad, \\"one\\"", "condition": "nope", "side": "left", "age": 20}'
    lines[7] = ""
    lines[9] = "{oops"
    path = work / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, lines


def rows(text):
    return list(csv.DictReader(io.StringIO(text.decode("utf-8"))))


def test_wide_csv_one_row_per_profile_joins_back_and_agrees_with_the_documents(work):
    path, lines = batch_input(work)
    code, out, err = run_cli("batch", path, "--format", "csv")
    assert code == 1, err  # two refused lines, every record written
    table = rows(out)
    assert [int(r["line"]) for r in table] == [i + 1 for i, l in enumerate(lines) if l.strip()]
    _, docs, _ = run_cli("batch", path)
    by_line = [json.loads(d) for d in docs.splitlines()]
    assert len(by_line) == len(table)
    for row, doc in zip(table, by_line):
        if row["status"] == "error":
            assert row["error_codes"] == " ".join(e["code"] for e in doc["error"])
            assert int(row["line"]) == doc["line"]
            assert row["profile_id"] == doc.get("id", "")
            continue
        profile = json.loads(lines[int(row["line"]) - 1])
        assert row["profile_id"] == profile["id"] == doc["profile_id"]
        assert row["condition"] == profile["condition"]
        assert row["stage"] == doc["stage"]["value"]
        assert row["status"] == ("referred" if doc.get("referral") else "programme")
        assert row["referred"] == ("true" if doc.get("referral") else "false")
        assert row["exercises"] == ";".join(e["id"] for e in doc["exercises"])
        assert int(row["exercise_count"]) == len(doc["exercises"])
        assert int(row["excluded_count"]) == len(doc["excluded"])
    bad = next(r for r in table if r["line"] == "5")
    assert bad["profile_id"] == 'bad, "one"' and bad["status"] == "error" and "PR005" in bad["error_codes"]
    assert next(r for r in table if r["line"] == "10")["profile_id"] == ""


def test_long_csv_one_row_per_exercise_with_its_dose(work):
    path, lines = batch_input(work, 60)
    _, out, _ = run_cli("batch", path, "--format", "csv-long")
    table = rows(out)
    _, summaries, _ = run_cli("batch", path, "--summary")
    for s in map(json.loads, summaries.splitlines()):
        if "error" in s:
            assert [r["status"] for r in table if int(r["line"]) == s["line"]] == ["error"]
            continue
        mine = [r for r in table if r["profile_id"] == s["profile_id"]]
        if "referral" in s:
            assert len(mine) == 1 and mine[0]["status"] == "referred" and mine[0]["exercise"] == ""
            continue
        programme = [r for r in mine if r["position"]]
        assert [r["exercise"] for r in programme] == [e["id"] for e in s["exercises"]]
        for r, e in zip(programme, s["exercises"]):
            assert (r["component"], r["change"], int(r["sets"])) == (e["component"], e["change"], e["sets"])
            assert r["reps"] == str(e.get("reps", "")) and r["band"] == e.get("band", "")


@pytest.mark.parametrize("fmt", ["csv", "csv-long"])
def test_python_batch_text_equals_the_cli_csv(engine, work, fmt):
    path, _ = batch_input(work, 40)
    _, out, _ = run_cli("batch", path, "--format", fmt)
    got, stats = engine.batch_text(path.read_bytes(), format=fmt)
    assert got == out and stats["errors"] == 2


WIDE_COLUMNS = ["line", "profile_id", "status", "error_codes", "error_message", "condition", "side", "age",
                "days_since_onset", "given_stage", "pain_rest", "pain_walking", "red_flags", "history_sessions",
                "stage", "stage_rule", "irritability", "referred", "urgency", "referral_rules", "exercise_count",
                "exercises", "excluded_count", "warning_rules"]
LONG_COLUMNS = ["line", "profile_id", "status", "error_codes", "error_message", "condition", "stage",
                "irritability", "referred", "position", "exercise", "component", "side", "sets", "reps", "hold_s",
                "duration_min", "tempo", "rest_s", "sessions_per_week", "band", "change", "replaces", "rules"]


def test_pandas_reads_it_in_one_call(work):
    import pandas as pd  # python3-pandas is in scripts/install-deps.sh (test): this test never skips

    path, lines = batch_input(work, 30)
    _, out, _ = run_cli("batch", path, "--format", "csv")
    (work / "out.csv").write_bytes(out)
    frame = pd.read_csv(work / "out.csv")  # the one call of docs/batch-formats.md
    assert list(frame.columns) == WIDE_COLUMNS  # the columns documented there, in order
    assert len(frame) == 29  # 30 lines, one blank
    assert list(frame.line) == [i + 1 for i, l in enumerate(lines) if l.strip()]
    assert str(frame.line.dtype) == "int64" and str(frame.age.dtype) == "float64"  # numbers, NaN for errors
    errors = frame[frame.status == "error"]
    assert sorted(errors.line) == [5, 10] and errors.condition.isna().all()
    good = frame[frame.status != "error"]
    assert set(good.status) <= {"programme", "referred"}
    assert (good.exercise_count == good.exercises.fillna("").map(lambda x: len(x.split(";")) if x else 0)).all()
    by_line = {int(r.line): r for r in good.itertuples()}
    for number, row in by_line.items():
        profile = json.loads(lines[number - 1])
        assert row.profile_id == profile["id"] and row.condition == profile["condition"]
        assert row.age == profile["age"] and row.side == profile["side"]
    assert good.groupby("condition").exercise_count.mean().between(0, 8).all()

    _, long_out, _ = run_cli("batch", path, "--format", "csv-long")
    (work / "long.csv").write_bytes(long_out)
    long = pd.read_csv(work / "long.csv", keep_default_na=False)  # empty cells stay ""
    assert list(long.columns) == LONG_COLUMNS
    programme_rows = long[long.position != ""]
    assert len(programme_rows) == int(good[good.status == "programme"].exercise_count.sum())
    assert set(long.line) == set(frame.line)
