#!/usr/bin/env python3
"""Self-check of the knowledge base (knowledge/*.json): parse, ids, references,
graph (cycles, regressions/progressions), orphans, dosage, counts.

Usage: python3 scripts/check_knowledge.py [knowledge_dir]
Exit status 0 when there are no errors (warnings are printed but do not fail).
"""
import json
import os
import re
import sys

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
REF_RE = re.compile(r"^R-[A-Z0-9]+$")
STAGES = {"early", "mid", "late"}
COMPONENTS = {"strength", "balance", "motor_control", "mobility", "trunk"}
STANCES = {"none", "both_legs", "other_leg", "affected_leg"}
RESISTANCES = {"body_weight", "band", "therapist", "external_load", "none"}
CONTRACTIONS = {"isometric", "concentric", "eccentric", "stretch"}
ROLES = {"primary", "secondary"}
GRADES = {"trial", "practice", "derived", "check"}
URGENCY = {"emergency", "urgent"}
REGIONS = {"hip", "knee", "trunk", "ankle"}
SYSTEMS = {"snomed", "icd10", "icd10cm"}
MATCHES = {"exact", "nearest", "category"}
KINDS = {"precaution", "contraindication"}

FIELDS = {
    "meta": (["name", "version", "description"], []),
    "references": (["id", "citation", "grade"], []),
    "movements": (["id", "name", "region", "description"], []),
    "muscles": (["id", "name", "group", "actions", "references"], []),
    "equipment": (["id", "name"], []),
    "positions": (["id", "name"], []),
    "bands": (["id", "name", "force_lb"], []),
    "red_flags": (["id", "name", "concern", "urgency", "advice", "references"], []),
    "conditions": (["id", "name", "definition", "involves", "provoked_by", "key_movement",
                    "pain_ceiling", "references"], []),
    "codes": (["system", "code", "condition", "match", "note"], []),
    "exercises": (["id", "name", "source", "stages", "component", "position", "stance", "equipment",
                   "needs_therapist", "needs_partner", "performs", "works", "progresses_to",
                   "precautions", "dosage", "purpose", "instructions", "references"],
                  ["provenance", "stop_if"]),
}
DOSE_FIELDS = {"sets", "reps", "hold_s", "tempo", "rest_s", "per_week", "band", "duration_min", "per_side"}

REQUIRED = {
    "exercises": """hip_extension_band eccentric_hip_adduction hip_adduction_band hip_abduction_band
        bent_leg_hip_flexion_band bridge hip_hitch hip_external_rotation_band hip_internal_rotation_band
        adductor_squeeze copenhagen_adduction_short_lever copenhagen_adduction_long_lever
        side_lying_hip_abduction clamshell single_leg_bridge single_leg_stance side_plank step_up
        split_squat single_leg_squat side_lying_hip_adduction isometric_hip_abduction lateral_band_walk
        prone_hip_extension isometric_gluteal_squeeze isometric_hip_flexion standing_hip_flexion_band
        isometric_hip_external_rotation isometric_hip_internal_rotation standing_hip_rotation_band
        wobble_board_balance double_leg_squat sit_to_stand lateral_step_down single_leg_romanian_deadlift
        nordic_hamstring_curl hamstring_extender hamstring_diver hamstring_glider isometric_knee_flexion
        front_plank abdominal_curl_up transversus_abdominis_activation bird_dog dead_bug
        slide_board_adduction lateral_lunge stationary_bike hip_flexor_stretch adductor_stretch
        piriformis_stretch hamstring_stretch""".split(),
    "conditions": """adductor_related_groin_pain iliopsoas_related_groin_pain inguinal_related_groin_pain
        pubic_related_groin_pain hip_related_groin_pain gluteal_tendinopathy hamstring_strain
        piriformis_syndrome patellofemoral_pain hip_flexor_strain""".split(),
    "movements": """hip_flexion hip_extension hip_abduction hip_adduction hip_internal_rotation
        hip_external_rotation knee_flexion knee_extension trunk_flexion trunk_stabilisation
        trunk_lateral_flexion ankle_plantarflexion balance_control""".split(),
    "equipment": """resistance_band step ball bench chair mat wobble_board slide_board exercise_bike
        support""".split(),
    "positions": "standing supine prone side_lying kneeling sitting quadruped".split(),
    "red_flags": """night_pain fever unexplained_weight_loss history_of_cancer neurological_deficit
        suspected_fracture bladder_or_bowel_dysfunction calf_swelling_or_dvt_signs
        palpable_lump_or_testicular_pain adolescent_hip_pain_with_limp avascular_necrosis_risk""".split(),
    "muscles": """psoas_major iliacus rectus_femoris sartorius tensor_fasciae_latae pectineus
        adductor_longus adductor_brevis adductor_magnus gracilis gluteus_maximus gluteus_medius
        gluteus_minimus piriformis obturator_internus obturator_externus gemelli quadratus_femoris
        biceps_femoris_long_head semitendinosus semimembranosus vastus_lateralis vastus_medialis
        vastus_intermedius rectus_abdominis external_oblique internal_oblique transversus_abdominis
        erector_spinae quadratus_lumborum gastrocnemius soleus""".split(),
    "bands": "tan yellow red green blue black silver gold".split(),
}
PAIN_CEILINGS = {"adductor_related_groin_pain": 3, "iliopsoas_related_groin_pain": 3,
                 "inguinal_related_groin_pain": 3, "pubic_related_groin_pain": 3, "hip_flexor_strain": 3,
                 "hamstring_strain": 2, "gluteal_tendinopathy": 5, "patellofemoral_pain": 5,
                 "hip_related_groin_pain": 5, "piriformis_syndrome": 5}
AFFECTED_LEG = ["hip_hitch", "single_leg_stance", "step_up", "split_squat", "single_leg_squat",
                "lateral_step_down", "single_leg_romanian_deadlift"]

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def load(root):
    data = {}
    files = []
    for dirpath, _, names in os.walk(root):
        for n in sorted(names):
            if n.endswith(".json"):
                files.append(os.path.join(dirpath, n))
    for path in sorted(files):
        rel = os.path.relpath(path, root)
        try:
            with open(path, encoding="utf-8") as f:
                obj = json.load(f)
        except json.JSONDecodeError as e:
            err(f"KB001 {rel}:{e.lineno}:{e.colno} malformed JSON: {e.msg}")
            continue
        except OSError as e:
            err(f"KB014 {rel}: {e}")
            continue
        if not isinstance(obj, dict):
            err(f"KB002 {rel}: top level is not an object")
            continue
        for key, val in obj.items():
            if key == "band_reference":
                data.setdefault("band_reference", []).append((rel, val))
                continue
            if key not in FIELDS:
                err(f"KB004 {rel}: unknown key '{key}'")
                continue
            if key == "meta":
                data.setdefault("meta", []).append((rel, val))
                continue
            if not isinstance(val, list):
                err(f"KB002 {rel}: '{key}' is not a list")
                continue
            for item in val:
                data.setdefault(key, []).append((rel, item))
    return data


def check_fields(kind, rel, item):
    req, opt = FIELDS[kind]
    label = item.get("id", item.get("code", "?")) if isinstance(item, dict) else "?"
    if not isinstance(item, dict):
        err(f"KB002 {rel}: {kind} entry is not an object")
        return False
    for f in req:
        if f not in item:
            err(f"KB003 {rel}: {kind} '{label}' missing '{f}'")
    for f in item:
        if f not in req and f not in opt:
            err(f"KB004 {rel}: {kind} '{label}' unknown field '{f}'")
    return True


def rng(v):
    return (isinstance(v, list) and len(v) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)
            and v[0] <= v[1] and v[0] >= 0)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "knowledge")
    root = os.path.normpath(root)
    if not os.path.isdir(root):
        print(f"KB014 cannot read {root}")
        return 2
    data = load(root)

    ids = {}
    for kind in ["references", "movements", "muscles", "equipment", "positions", "bands", "red_flags",
                 "conditions", "exercises"]:
        ids[kind] = {}
        for rel, item in data.get(kind, []):
            if not check_fields(kind, rel, item):
                continue
            i = item.get("id")
            if not isinstance(i, str):
                err(f"KB002 {rel}: {kind} id is not a string")
                continue
            if kind == "references":
                if not REF_RE.match(i):
                    err(f"KB013 {rel}: bad reference id '{i}'")
            elif not ID_RE.match(i):
                err(f"KB013 {rel}: bad id '{i}'")
            if i in ids[kind]:
                err(f"KB005 {rel}: duplicate {kind} id '{i}' (also in {ids[kind][i][0]})")
            else:
                ids[kind][i] = (rel, item)
    for rel, item in data.get("codes", []):
        check_fields("codes", rel, item)
    metas = data.get("meta", [])
    if len(metas) != 1:
        err(f"KB003 expected exactly one meta, found {len(metas)}")
    else:
        rel, m = metas[0]
        check_fields("meta", rel, m)
        if not re.match(r"^\d+\.\d+\.\d+$", str(m.get("version", ""))):
            err(f"KB007 {rel}: meta version is not semver")

    used = {k: set() for k in ["references", "movements", "muscles", "equipment", "positions", "bands",
                               "conditions", "exercises"]}

    def ref(kind, value, where):
        if value not in ids.get(kind, {}):
            err(f"KB006 {where}: unknown {kind} id '{value}'")
        else:
            used[kind].add(value)

    def refs(lst, where, allow_empty=True):
        if not isinstance(lst, list):
            err(f"KB002 {where}: references is not a list")
            return
        if not lst and not allow_empty:
            err(f"KB003 {where}: no references")
        for r in lst:
            ref("references", r, where)

    for i, (rel, r) in ids["references"].items():
        if r.get("grade") not in GRADES:
            err(f"KB007 {rel}: reference {i} grade '{r.get('grade')}'")
    for i, (rel, m) in ids["movements"].items():
        if m.get("region") not in REGIONS:
            err(f"KB007 {rel}: movement {i} region '{m.get('region')}'")
    for i, (rel, m) in ids["muscles"].items():
        for a in m.get("actions", []):
            ref("movements", a, f"{rel} muscle {i}")
        refs(m.get("references", []), f"{rel} muscle {i}")
    bands = data.get("bands", [])
    prev = -1
    for rel, b in bands:
        f = b.get("force_lb")
        if not isinstance(f, (int, float)) or f <= prev:
            err(f"KB007 {rel}: band {b.get('id')} force not increasing")
        else:
            prev = f
    for rel, br in data.get("band_reference", []):
        ref("references", br, f"{rel} band_reference")
    for i, (rel, r) in ids["red_flags"].items():
        if r.get("urgency") not in URGENCY:
            err(f"KB007 {rel}: red flag {i} urgency '{r.get('urgency')}'")
        refs(r.get("references", []), f"{rel} red flag {i}")

    for i, (rel, c) in ids["conditions"].items():
        w = f"{rel} condition {i}"
        for m in c.get("involves", []):
            ref("muscles", m, w)
        for p in c.get("provoked_by", []):
            ref("movements", p.get("movement"), w)
            for k in p.get("contractions", []):
                if k not in CONTRACTIONS:
                    err(f"KB007 {w}: contraction '{k}'")
        km = c.get("key_movement")
        ref("movements", km, w)
        pcl = c.get("pain_ceiling")
        if not isinstance(pcl, (int, float)) or not 0 <= pcl <= 10:
            err(f"KB007 {w}: pain_ceiling out of range")
        elif i in PAIN_CEILINGS and pcl != PAIN_CEILINGS[i]:
            err(f"KB007 {w}: pain_ceiling {pcl}, reference default {PAIN_CEILINGS[i]}")
        refs(c.get("references", []), w, allow_empty=False)

    seen_codes = {}
    for rel, c in data.get("codes", []):
        w = f"{rel} code {c.get('system')}:{c.get('code')}"
        if c.get("system") not in SYSTEMS:
            err(f"KB007 {w}: system")
        if c.get("match") not in MATCHES:
            err(f"KB007 {w}: match")
        ref("conditions", c.get("condition"), w)
        key = (c.get("system"), c.get("code"))
        if key in seen_codes and seen_codes[key] != c.get("condition"):
            warn(f"{w}: maps to more than one condition (ambiguous)")
        seen_codes[key] = c.get("condition")

    graph = {}
    for i, (rel, e) in ids["exercises"].items():
        w = f"{rel} exercise {i}"
        if e.get("source") not in ("seed", "project"):
            err(f"KB007 {w}: source")
        if e.get("source") == "seed" and not e.get("provenance"):
            err(f"KB003 {w}: seed exercise without provenance")
        st = e.get("stages", [])
        if not st or any(s not in STAGES for s in st):
            err(f"KB007 {w}: stages {st}")
        if e.get("component") not in COMPONENTS:
            err(f"KB007 {w}: component")
        ref("positions", e.get("position"), w)
        if e.get("stance") not in STANCES:
            err(f"KB007 {w}: stance")
        for q in e.get("equipment", []):
            ref("equipment", q, w)
        for b in ("needs_therapist", "needs_partner"):
            if not isinstance(e.get(b), bool):
                err(f"KB002 {w}: {b} not boolean")
        perfs = e.get("performs", [])
        if not perfs:
            err(f"KB009 {w}: no movement")
        for p in perfs:
            ref("movements", p.get("movement"), w)
            if not p.get("contractions") or any(k not in CONTRACTIONS for k in p.get("contractions", [])):
                err(f"KB007 {w}: contractions {p.get('contractions')}")
            if p.get("resistance") not in RESISTANCES:
                err(f"KB007 {w}: resistance {p.get('resistance')}")
        works = e.get("works", [])
        if not works:
            err(f"KB010 {w}: no muscle")
        mus = [x.get("muscle") for x in works]
        if len(set(mus)) != len(mus):
            err(f"KB005 {w}: muscle listed twice")
        for x in works:
            ref("muscles", x.get("muscle"), w)
            if x.get("role") not in ROLES:
                err(f"KB007 {w}: role {x.get('role')}")
        graph[i] = list(e.get("progresses_to", []))
        for t in graph[i]:
            ref("exercises", t, w)
            if t == i:
                err(f"KB008 {w}: progresses to itself")
        for pc in e.get("precautions", []):
            ref("conditions", pc.get("condition"), w)
            if pc.get("kind") not in KINDS:
                err(f"KB007 {w}: precaution kind")
            for s in pc.get("stages", []):
                if s not in STAGES:
                    err(f"KB007 {w}: precaution stage {s}")
            if not pc.get("reason"):
                err(f"KB003 {w}: precaution without reason")
            refs(pc.get("references", []), w, allow_empty=False)
            extra = set(pc) - {"condition", "kind", "stages", "reason", "references"}
            if extra:
                err(f"KB004 {w}: precaution fields {extra}")
        dosage = e.get("dosage", {})
        for s in st:
            if s not in dosage:
                err(f"KB012 {w}: no dosage for stage {s}")
        for s, d in dosage.items():
            if s not in st:
                err(f"KB007 {w}: dosage for stage {s} not in stages")
            extra = set(d) - DOSE_FIELDS
            if extra:
                err(f"KB004 {w}: dosage fields {extra}")
            if not rng(d.get("sets")):
                err(f"KB007 {w}: {s} sets")
            for k in ("reps", "hold_s", "duration_min"):
                if k in d and not rng(d[k]):
                    err(f"KB007 {w}: {s} {k}")
            if not any(k in d for k in ("reps", "hold_s", "duration_min")):
                err(f"KB003 {w}: {s} dosage has no reps, hold_s or duration_min")
            if "band" in d:
                ref("bands", d["band"], w)
                if "resistance_band" not in e.get("equipment", []):
                    err(f"KB007 {w}: band dose without resistance_band equipment")
        uses_band = any(p.get("resistance") == "band" for p in perfs)
        if uses_band and "resistance_band" not in e.get("equipment", []):
            err(f"KB007 {w}: band resistance without resistance_band equipment")
        if uses_band:
            for s, d in dosage.items():
                if "band" not in d:
                    warn(f"{w}: band exercise without band colour for stage {s}")
        ins = e.get("instructions", [])
        if not isinstance(ins, list) or not 3 <= len(ins) <= 6:
            err(f"KB007 {w}: instructions must be 3-6 steps")
        if not e.get("purpose"):
            err(f"KB003 {w}: empty purpose")
        refs(e.get("references", []), w, allow_empty=False)
        if "support" in e.get("equipment", []):
            warn(f"{w}: requires 'support' equipment")

    # incoming edges
    incoming = {i: [] for i in graph}
    for a, ts in graph.items():
        for t in ts:
            if t in incoming:
                incoming[t].append(a)
                used["exercises"].add(t)
    for i, (rel, e) in ids["exercises"].items():
        if "mid" in e.get("stages", []):
            if not incoming[i]:
                err(f"KB101 {rel} exercise {i}: mid-stage exercise without a regression")
            if not graph[i]:
                err(f"KB102 {rel} exercise {i}: mid-stage exercise without a progression")

    # cycles (DFS)
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {i: WHITE for i in graph}
    stack = []

    def dfs(u):
        colour[u] = GREY
        stack.append(u)
        for v in graph.get(u, []):
            if v not in colour:
                continue
            if colour[v] == GREY:
                cyc = stack[stack.index(v):] + [v]
                err("KB008 cycle: " + " -> ".join(cyc))
            elif colour[v] == WHITE:
                dfs(v)
        stack.pop()
        colour[u] = BLACK

    sys.setrecursionlimit(10000)
    for i in graph:
        if colour[i] == WHITE:
            dfs(i)

    # orphans
    for kind in ["references", "movements", "muscles", "equipment", "positions", "conditions"]:
        for i, (rel, _) in ids[kind].items():
            if i not in used[kind]:
                err(f"KB011 {rel}: orphan {kind[:-1] if kind.endswith('s') else kind} '{i}'")

    # brief-specific requirements
    for kind, req in REQUIRED.items():
        for i in req:
            if i not in ids.get(kind, {}):
                err(f"REQ missing {kind} id '{i}'")
    band_order = [b.get("id") for _, b in bands]
    if band_order != REQUIRED["bands"]:
        err(f"REQ band order {band_order}")
    ex = ids["exercises"]
    if "eccentric_hip_adduction" in ex and not ex["eccentric_hip_adduction"][1].get("needs_therapist"):
        err("REQ eccentric_hip_adduction must need a therapist")
    if "nordic_hamstring_curl" in ex and not ex["nordic_hamstring_curl"][1].get("needs_partner"):
        err("REQ nordic_hamstring_curl must need a partner")
    for i in AFFECTED_LEG:
        if i in ex and ex[i][1].get("stance") != "affected_leg":
            err(f"REQ {i} stance must be affected_leg")
    if "inguinal_related_groin_pain" in ids["conditions"]:
        if ids["conditions"]["inguinal_related_groin_pain"][1].get("key_movement") != "trunk_flexion":
            err("REQ inguinal key_movement must be trunk_flexion")
    nseed = sum(1 for _, e in ex.values() if e.get("source") == "seed")

    counts = {k: len(ids[k]) for k in ids}
    counts["codes"] = len(data.get("codes", []))
    counts["seed_exercises"] = nseed
    if counts["exercises"] < 45:
        err(f"COUNT exercises {counts['exercises']} < 45")
    if counts["muscles"] < 25:
        err(f"COUNT muscles {counts['muscles']} < 25")
    if counts["conditions"] != 10:
        err(f"COUNT conditions {counts['conditions']} != 10")
    if counts["red_flags"] != 11:
        err(f"COUNT red flags {counts['red_flags']} != 11")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print("counts:", ", ".join(f"{k}={v}" for k, v in counts.items()))
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
