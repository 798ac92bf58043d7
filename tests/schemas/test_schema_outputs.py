"""Every document the tests produce, validated against schemas/: the example profiles and the scenario
profiles (profile), every scenario file (scenario), the real `rehab recommend --format json|summary`
on each of those profiles (programme, programme-summary) and `rehab batch` on good and bad lines
(programme, programme-summary, batch-error)."""
import concurrent.futures
import json

import pytest

from schema_support import (assert_valid, errors, example_profiles, expects_error, load_schemas, run_cli,
                            scenarios, SCHEMAS, BASE)
from jsonschema import Draft202012Validator


def test_every_schema_is_a_valid_draft_2020_12_schema_named_by_its_file():
    schemas = load_schemas()
    assert set(schemas) == {"profile.schema.json", "programme.schema.json", "programme-summary.schema.json",
                            "batch-error.schema.json", "scenario.schema.json"}
    for name, schema in schemas.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        assert schema["$id"] == BASE + name
        Draft202012Validator.check_schema(schema)


def test_every_example_profile_is_valid():
    files = example_profiles()
    assert len(files) >= 10
    for path in files:
        assert_valid("profile.schema.json", json.loads(path.read_text(encoding="utf-8")), path.name)


def test_every_scenario_file_is_valid():
    all_scenarios = scenarios()
    assert len(all_scenarios) >= 100
    for path, scenario in all_scenarios:
        assert_valid("scenario.schema.json", scenario, path.name)


def test_every_scenario_profile_that_expects_no_error_is_valid():
    checked = 0
    for path, scenario in scenarios():
        if not expects_error(scenario):
            assert_valid("profile.schema.json", scenario["profile"], f"{path.name} /profile")
            checked += 1
    assert checked >= 100


def profiles_to_recommend():
    out = [(p.name, p.read_bytes()) for p in example_profiles()]
    out += [(p.name, json.dumps(s["profile"]).encode()) for p, s in scenarios() if not expects_error(s)]
    return out


def recommend_both(item):
    name, text = item
    full = run_cli("recommend", "-", "--format", "json", input=text)
    summary = run_cli("recommend", "-", "--format", "summary", input=text)
    return name, full, summary


def test_recommend_json_and_summary_of_every_example_and_scenario_profile_are_valid():
    items = profiles_to_recommend()
    referrals = programmes = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for name, (code, out, err), (scode, sout, serr) in pool.map(recommend_both, items):
            assert code == 0, f"{name}: rehab recommend exited {code}: {err}"  # the schema accepted it
            assert scode == 0, f"{name}: rehab recommend --format summary exited {scode}: {serr}"
            doc = json.loads(out)
            assert_valid("programme.schema.json", doc, f"rehab recommend {name} --format json")
            lines = sout.decode().splitlines()
            assert len(lines) == 1, name
            summary = json.loads(lines[0])
            assert_valid("programme-summary.schema.json", summary, f"rehab recommend {name} --format summary")
            referred = "referral" in doc
            assert referred == ("referral" in summary)
            referrals += referred
            programmes += not referred
    assert referrals >= 3 and programmes >= 50  # both shapes were checked


BAD_LINES = {
    # line text -> the error code its record must carry
    '{"id": "bad-condition", "condition": "adductor_groin_pain", "side": "left", "age": 27}': "PR005",
    '{"id": "pain-11", "condition": "hamstring_strain", "side": "left", "age": 27, "pain": {"rest": 11}}': "PR007",
    '{"condition": "hamstring_strain", "side": "up", "age": 27, "colour": "red"}': "PR004",
    '{"id": 7, "side": "left", "age": "old"}': "PR003",
    "{oops": "PR001",
    '[1, 2]': "PR002",
    '"a string"': "PR002",
    '{"id": "", "condition": "hamstring_strain", "side": "left"}': "PR003",
}


def batch_file(work):
    good = [p.read_text(encoding="utf-8").replace("\n", " ") for p in example_profiles()]
    _, generated, _ = run_cli("generate", "--count", "120", "--seed", "7")
    good += generated.decode().splitlines()
    lines, expected = [], {}
    bad = list(BAD_LINES.items())
    for i, line in enumerate(good):
        lines.append(line)
        if i % 12 == 3 and bad:
            text, code = bad.pop()
            lines.append(text)
            expected[len(lines)] = code
        if i % 40 == 5:
            lines.append("")  # blank: counted, no record
    for text, code in bad:
        lines.append(text)
        expected[len(lines)] = code
    lines.append("{" + '"id": "huge", "x": "' + "a" * (1 << 20) + '"}')  # over the 1 MiB limit
    expected[len(lines)] = "PR014"
    path = work / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, lines, expected


@pytest.mark.parametrize("fmt, schema", [("json", "programme.schema.json"),
                                         ("summary", "programme-summary.schema.json")])
def test_batch_records_good_and_bad_are_valid(tmp_path, fmt, schema):
    path, lines, expected = batch_file(tmp_path)
    code, out, err = run_cli("batch", path, "--format", fmt, "--threads", "2")
    assert code == 1, err  # some lines refused, every record written
    records = [json.loads(r) for r in out.decode().splitlines()]
    numbered = [i + 1 for i, line in enumerate(lines) if line.strip()]
    assert len(records) == len(numbered)
    seen_errors = {}
    for number, record in zip(numbered, records):
        if "error" in record:
            assert_valid("batch-error.schema.json", record, f"batch --format {fmt} line {number}")
            assert record["line"] == number
            seen_errors[number] = [e["code"] for e in record["error"]]
        else:
            assert_valid(schema, record, f"batch --format {fmt} line {number}")
            assert errors("batch-error.schema.json", record)  # a programme is not an error record
    assert set(seen_errors) == set(expected)
    for number, code in expected.items():
        assert code in seen_errors[number], (number, lines[number - 1][:80], seen_errors[number])
    by_line = {r["line"]: r for r in records if "error" in r}
    ids = {n: by_line[n].get("id") for n in expected}
    assert "bad-condition" in ids.values() and "pain-11" in ids.values()
    assert all(i != "" for i in ids.values())  # an empty id is left out, never ""
