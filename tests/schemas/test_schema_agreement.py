"""The schemas agree with the C++ readers and are not vacuous: profiles the CLI refuses are refused by
the profile schema too, at the same place, wherever the rule is expressible in JSON Schema (types,
required and unknown fields, ranges, enumerations, duplicates in id lists, an outcome without the
dose, sessions without a programme); ids only the knowledge base knows (PR005) and order or
cross-reference checks (some PR008) are the reader's alone. Damaged programme, summary, error and
scenario documents are refused by their schemas."""
import copy
import json
import re

import pytest

from schema_support import (SOURCE, cli_errors, errors, example_profiles, expects_error, load_schemas,
                            run_cli, scenarios)

BASE = {"id": "neg", "condition": "adductor_related_groin_pain", "side": "left", "age": 27}
HISTORY = {"programme": [{"exercise": "bridge", "sets": 3, "reps": 10}],
           "sessions": [{"day": 1, "exercises": [{"exercise": "bridge", "sets": 3, "reps": 10, "pain_during": 2}]}]}


def with_(**changes):
    p = copy.deepcopy(BASE)
    for key, value in changes.items():
        if value is None:
            p.pop(key, None)
        else:
            p[key] = value
    return p


def history_with(edit):
    h = copy.deepcopy(HISTORY)
    edit(h)
    return with_(history=h)


# (what, profile, the code the CLI gives, the pointer of that error)
REFUSED = [
    ("pain 11 at rest", with_(pain={"rest": 11}), "PR007", "/pain/rest"),
    ("pain -1 on resisted adduction", with_(pain={"resisted": {"hip_adduction": -1}}), "PR007",
     "/pain/resisted/hip_adduction"),
    ("age 121", with_(age=121), "PR007", "/age"),
    ("age as a string", with_(age="27"), "PR002", "/age"),
    ("age missing", with_(age=None), "PR003", "/age"),
    ("age null (null counts as absent)", {**BASE, "age": None}, "PR003", "/age"),
    ("side missing", with_(side=None), "PR003", "/side"),
    ("side 'up'", with_(side="up"), "PR007", "/side"),
    ("stage 'final'", with_(stage="final"), "PR007", "/stage"),
    ("sex 'unknown'", with_(sex="unknown"), "PR007", "/sex"),
    ("misspelt top-level field", with_(days_since_onest=3), "PR004", "/days_since_onest"),
    ("unknown pain field", with_(pain={"night": 3}), "PR004", "/pain/night"),
    ("unknown capability", with_(capabilities={"hop": True}), "PR004", "/capabilities/hop"),
    ("weight bearing 'some'", with_(capabilities={"weight_bearing": "some"}), "PR007",
     "/capabilities/weight_bearing"),
    ("single-leg stance 601 s", with_(capabilities={"single_leg_stance_s": 601}), "PR007",
     "/capabilities/single_leg_stance_s"),
    ("squeeze ratio 3", with_(capabilities={"squeeze_ratio": 3}), "PR007", "/capabilities/squeeze_ratio"),
    ("position tolerance as a string", with_(capabilities={"positions": {"prone": "no"}}), "PR002",
     "/capabilities/positions/prone"),
    ("days since onset 40000", with_(days_since_onset=40000), "PR007", "/days_since_onset"),
    ("therapist_present as a number", with_(therapist_present=1), "PR002", "/therapist_present"),
    ("equipment not a list", with_(equipment="ball"), "PR002", "/equipment"),
    ("equipment listed twice", with_(equipment=["ball", "ball"]), "PR008", "/equipment/1"),
    ("red flag as a number", with_(red_flags=[3]), "PR002", "/red_flags/0"),
    ("unknown activity", with_(activity=["parkour"]), "PR005", "/activity/0"),
    ("activity listed twice", with_(activity=["running", "running"]), "PR008", "/activity/1"),
    ("the profile is an array", [BASE], "PR002", ""),
    ("history not an object", with_(history=[1]), "PR002", "/history"),
    ("unknown history field", history_with(lambda h: h.update(notes="x")), "PR004", "/history/notes"),
    ("previous stage 'final'", history_with(lambda h: h.update(previous_stage="final")), "PR007",
     "/history/previous_stage"),
    ("sets 2.5", history_with(lambda h: h["programme"][0].update(sets=2.5)), "PR002",
     "/history/programme/0/sets"),
    ("sets 0", history_with(lambda h: h["programme"][0].update(sets=0)), "PR007", "/history/programme/0/sets"),
    ("reps 201", history_with(lambda h: h["programme"][0].update(reps=201)), "PR007",
     "/history/programme/0/reps"),
    ("programme entry without exercise", history_with(lambda h: h["programme"][0].pop("exercise")), "PR003",
     "/history/programme/0/exercise"),
    ("programme entry not an object", history_with(lambda h: h["programme"].append("bridge")), "PR002",
     "/history/programme/1"),
    ("session without day", history_with(lambda h: h["sessions"][0].pop("day")), "PR003",
     "/history/sessions/0/day"),
    ("session day 4000", history_with(lambda h: h["sessions"][0].update(day=4000)), "PR007",
     "/history/sessions/0/day"),
    ("rpe 12", history_with(lambda h: h["sessions"][0]["exercises"][0].update(rpe=12)), "PR007",
     "/history/sessions/0/exercises/0/rpe"),
    ("outcome logged without reps", history_with(lambda h: h["sessions"][0]["exercises"][0].pop("reps")),
     "PR008", "/history/sessions/0/exercises/0"),
    ("outcome logged without sets", history_with(lambda h: h["sessions"][0]["exercises"][0].pop("sets")),
     "PR008", "/history/sessions/0/exercises/0"),
    ("sessions without a programme", history_with(lambda h: h.pop("programme")), "PR008", "/history/sessions"),
]

# Refused by the reader only: the schema cannot know the knowledge base's ids or check order.
READER_ONLY = [
    ("unknown condition", with_(condition="adductor_groin_pain"), "PR005"),
    ("unknown movement", with_(pain={"resisted": {"hip_adductin": 3}}), "PR005"),
    ("sessions out of day order",
     history_with(lambda h: h["sessions"].insert(0, {"day": 5, "exercises": []})), "PR008"),
]


def cli_refusal(profile):
    code, out, err = run_cli("recommend", "-", "--format", "json", input=json.dumps(profile).encode())
    return code, out, cli_errors(err)


def schema_paths(profile):
    return ["/" + "/".join(map(str, e.absolute_path)) if e.absolute_path else "" for e in
            errors("profile.schema.json", profile)]


@pytest.mark.parametrize("what, profile, code, pointer", REFUSED, ids=[r[0] for r in REFUSED])
def test_a_profile_the_cli_refuses_the_schema_refuses_at_the_same_place(what, profile, code, pointer):
    status, out, found = cli_refusal(profile)
    assert status == 2 and out == b"", what
    assert (code, pointer) in found, found
    paths = schema_paths(profile)
    assert paths, f"the profile schema accepts {what}"
    assert any(pointer == p or pointer.startswith(p + "/") for p in paths), (pointer, paths)


@pytest.mark.parametrize("what, profile, code", READER_ONLY, ids=[r[0] for r in READER_ONLY])
def test_what_only_the_reader_can_check(what, profile, code):
    status, _, found = cli_refusal(profile)
    assert status == 2 and code in [c for c, _ in found]
    assert schema_paths(profile) == []  # documented as not expressed in the schema's description


def test_null_counts_as_absent_in_both():
    nulls = {**BASE, "sex": None, "stage": None, "pain": {"rest": None, "resisted": {"hip_adduction": None}},
             "capabilities": None, "equipment": None, "history": {"programme": None, "usual_pain": None}}
    status, out, found = cli_refusal(nulls)
    assert status == 0 and found == []
    assert schema_paths(nulls) == []


def test_the_scenario_profiles_that_expect_an_error_are_refused_by_both_where_expressible():
    expressible = {"PR002", "PR003", "PR004", "PR007"}
    counted = {"schema": 0, "reader only": 0}
    for path, scenario in scenarios():
        if not expects_error(scenario):
            continue
        want = scenario["expect"]["error"]
        status, _, found = cli_refusal(scenario["profile"])
        assert status == 2 and want["code"] in [c for c, _ in found], (path.name, found)
        paths = schema_paths(scenario["profile"])
        if want["code"] in expressible:
            pointer = want.get("pointer") or ""
            assert any(pointer == p or pointer.startswith(p + "/") for p in paths), (path.name, pointer, paths)
            counted["schema"] += 1
        elif not paths:
            counted["reader only"] += 1
    assert counted["schema"] >= 5, counted


def test_the_activity_enumeration_is_the_readers():
    _, _, err = run_cli("recommend", "-", input=json.dumps(with_(activity=["parkour"])).encode())
    listed = re.search(r"expected one of: ([a-z_, ]+)", err).group(1).split(", ")
    schema = load_schemas()["profile.schema.json"]
    assert schema["properties"]["activity"]["items"]["enum"] == listed


def test_every_knowledge_id_matches_the_id_pattern():
    _, out, _ = run_cli("kb", "list", "--format", "json")
    listing = json.loads(out)
    pattern = re.compile(load_schemas()["profile.schema.json"]["$defs"]["id"]["pattern"])
    count = 0
    for kind, items in listing.items():
        if isinstance(items, list):
            for item in items:
                if kind not in ("codes", "references"):  # not ids a profile uses
                    assert pattern.match(item["id"]), (kind, item["id"])
                    count += 1
    assert count > 100


def allow_only_lists(path):
    text = (SOURCE / path).read_text(encoding="utf-8")
    return [re.findall(r'"([a-z_]+)"', m) for m in re.findall(r"allow_only\(\{([^}]*)\}\)", text)]


def props(schema, *path):
    node = schema
    for key in path:
        node = node[key]
    return sorted(node["properties"])


def test_additional_properties_false_matches_every_allow_only_of_the_readers():
    s = load_schemas()
    profile, scenario = s["profile.schema.json"], s["scenario.schema.json"]
    readers = allow_only_lists("src/io/load/profile_reader.cpp") + \
        allow_only_lists("src/io/load/profile_history_reader.cpp")
    schema_objects = [props(profile), props(profile, "properties", "pain"), props(profile, "properties", "capabilities"),
                      props(profile, "$defs", "prescribed"), props(profile, "$defs", "logged"),
                      props(profile, "$defs", "session"), props(profile, "$defs", "stopped"),
                      props(profile, "$defs", "history")]
    assert sorted(map(sorted, readers)) == sorted(schema_objects)
    scenario_readers = allow_only_lists("src/io/suite/scenario.cpp")
    scenario_objects = [props(scenario), props(scenario, "$defs", "expect"), props(scenario, "$defs", "filter"),
                        props(scenario, "$defs", "dose"), ["max", "min"],
                        props(scenario, "$defs", "expect", "properties", "error")]
    assert sorted(map(sorted, scenario_readers)) == sorted(scenario_objects)
    for schema in (profile, scenario):
        def closed(node):
            if isinstance(node, dict):
                if "properties" in node:
                    assert node.get("additionalProperties") is False, sorted(node["properties"])
                for k, v in node.items():
                    if k not in ("if", "then", "not", "anyOf") and k != "properties":
                        closed(v)
                for v in node.get("properties", {}).values():
                    closed(v)
            elif isinstance(node, list):
                for v in node:
                    closed(v)
        closed(schema)


def sample_programme():
    code, out, err = run_cli("recommend", example_profiles()[0], "--format", "json")
    assert code == 0, err
    return json.loads(out)


def damaged(doc, edit):
    d = copy.deepcopy(doc)
    edit(d)
    return d


def test_damaged_documents_are_refused():
    doc = sample_programme()
    assert errors("programme.schema.json", doc) == []
    assert doc["exercises"], "the sample is a programme"
    bad_programmes = [
        lambda d: d.pop("stage"),
        lambda d: d.update(format="rehab.programme/2"),
        lambda d: d.update(colour="red"),
        lambda d: d["stage"].update(value="final"),
        lambda d: d.update(irritability="extreme"),
        lambda d: d["exercises"][0]["dose"].update(sets=2.5),
        lambda d: d["exercises"][0]["dose"].pop("per_side"),
        lambda d: d["exercises"][0].update(side="up"),
        lambda d: d["exercises"][0]["change"].update(kind="improved"),
        lambda d: d["knowledge"].update(hash="xyz"),
        lambda d: d.update(profile_id=""),
        lambda d: d.update(referral={"urgency": "urgent", "reasons": [{"urgency": "urgent", "rule": "r.x"}]}),
        lambda d: d["trace"]["facts"].update(x=None),
    ]
    for i, edit in enumerate(bad_programmes):
        assert errors("programme.schema.json", damaged(doc, edit)), f"damage {i} accepted"
    _, out, _ = run_cli("recommend", example_profiles()[0], "--format", "summary")
    summary = json.loads(out)
    assert errors("programme-summary.schema.json", summary) == []
    for i, edit in enumerate([lambda d: d.pop("stage"), lambda d: d.update(format="rehab.programme/1"),
                              lambda d: d.update(referral={"urgency": "urgent", "red_flags": [], "rules": ["r"]}),
                              lambda d: d["exercises"][0].update(change="better"),
                              lambda d: d["exercises"][0].update(sets="3")]):
        assert errors("programme-summary.schema.json", damaged(summary, edit)), f"summary damage {i} accepted"
    record = {"error": [{"code": "PR005", "severity": "error", "pointer": "/condition", "message": "m"}],
              "id": "p", "line": 3}
    assert errors("batch-error.schema.json", record) == []
    for i, edit in enumerate([lambda r: r.update(line=0), lambda r: r.update(error=[]), lambda r: r.update(id=""),
                              lambda r: r["error"][0].update(severity="fatal"), lambda r: r["error"][0].pop("message"),
                              lambda r: r["error"][0].update(code="E1"), lambda r: r.update(extra=1)]):
        assert errors("batch-error.schema.json", damaged(record, edit)), f"record damage {i} accepted"
    path, scenario = next((p, s) for p, s in scenarios() if not expects_error(s))
    assert errors("scenario.schema.json", scenario) == []
    for i, edit in enumerate([lambda s: s.pop("expect"), lambda s: s.update(name="has space"),
                              lambda s: s["expect"].update(colour="red"),
                              lambda s: s["expect"].update(count={"mini": 3}),
                              lambda s: s["expect"].update(count={}),
                              lambda s: s["expect"].update(stage="final"),
                              lambda s: s["expect"].update(change={"bridge": "better"}),
                              lambda s: s["expect"].update(error={"code": "PR007"}, golden=True),
                              lambda s: s["profile"].update(age=200)]):
        assert errors("scenario.schema.json", damaged(scenario, edit)), f"scenario damage {i} accepted ({path.name})"
