#!/usr/bin/env python3
# Regenerates the seed corpora (corpus/<harness>/) and dictionaries (dict/<harness>.dict) of the fuzz
# harnesses from the repository's own data: example profiles, scenarios, rules and knowledge. Run it
# after the data changes; its output is committed (README "Fuzzing").
import glob
import json
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def src(*parts):
    return os.path.join(ROOT, *parts)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(folder, name), mode) as f:
        f.write(data)


def compact(value):
    return json.dumps(value, separators=(", ", ": "))


def scenario_files():
    return sorted(f for f in glob.glob(src("scenarios", "**", "*.json"), recursive=True) if "/golden/" not in f)


def rule_files():
    return sorted(glob.glob(src("rules", "*.json")))


def knowledge_files():
    files = glob.glob(src("knowledge", "**", "*.json"), recursive=True)
    return sorted(files, key=lambda f: os.path.relpath(f, src("knowledge")))


def strings_under(value, keys, out):
    if isinstance(value, dict):
        for k, v in value.items():
            if k in keys and isinstance(v, str):
                out.append(v)
            strings_under(v, keys, out)
    elif isinstance(value, list):
        for v in value:
            strings_under(v, keys, out)


def corpora():
    corpus = os.path.join(HERE, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    examples = sorted(glob.glob(src("examples", "profiles", "*.json")))
    profiles = [(os.path.basename(f)[:-5], load(f)) for f in examples]
    for f in scenario_files():
        doc = load(f)
        if isinstance(doc.get("profile"), dict):
            profiles.append(("scenario-" + os.path.basename(f)[:-5], doc["profile"]))
    for name, p in profiles:
        write(os.path.join(corpus, "profile"), name + ".json", json.dumps(p, indent=1))
        if isinstance(p.get("history"), dict):
            write(os.path.join(corpus, "profile_history"), name + ".json", json.dumps(p["history"], indent=1))
    write(os.path.join(corpus, "profile_history"), "empty.json", "{}")
    expressions, selectors = [], []
    for f in rule_files():
        for r in load(f).get("rules", []):
            strings_under(r, {"when"}, expressions)
            strings_under(r.get("then", []), {"value"}, expressions)
            strings_under(r.get("then", []), {"select", "exclude"}, selectors)
    for folder, texts in (("expression", expressions), ("selector", selectors)):
        for i, t in enumerate(sorted(set(texts))):
            write(os.path.join(corpus, folder), "%03d.txt" % i, t)
    for i, f in enumerate(rule_files()):
        with open(f, "rb") as fh:
            write(os.path.join(corpus, "rules_file"), os.path.basename(f), bytes([i]) + fh.read())
    for i, f in enumerate(knowledge_files()):
        with open(f, "rb") as fh:
            name = os.path.relpath(f, src("knowledge")).replace("/", "-")
            write(os.path.join(corpus, "knowledge_file"), name, bytes([i]) + fh.read())
    for f in scenario_files():
        with open(f, "rb") as fh:
            rel = os.path.relpath(f, src("scenarios")).replace("/", "-")
            write(os.path.join(corpus, "scenario_file"), rel, fh.read())
    lines = [compact(p) for _, p in profiles]
    for i in range(0, len(lines), 12):  # JSON Lines of 12 profiles; the first byte picks summaries
        write(os.path.join(corpus, "batch_line"), "batch-%02d.jsonl" % (i // 12),
              bytes([i // 12 % 2]) + ("\n".join(lines[i:i + 12]) + "\n").encode())
    write(os.path.join(corpus, "batch_line"), "bad-lines.jsonl", b"\x01{\"age\": 30}\n\n[1, 2\n" + lines[0].encode())


def words_of(texts):
    words = set()
    for t in texts:
        words.update(re.findall(r"[A-Za-z_][A-Za-z0-9_.\-]*", t))
    return words


def keys_and_ids(value, keys, ids):
    if isinstance(value, dict):
        for k, v in value.items():
            keys.add(k)
            if k in ("id", "key", "name", "exercise", "condition", "stage") and isinstance(v, str) and len(v) < 60:
                ids.add(v)
            keys_and_ids(v, keys, ids)
    elif isinstance(value, list):
        for v in value:
            keys_and_ids(v, keys, ids)


def dictionaries():
    folder = os.path.join(HERE, "dict")
    shutil.rmtree(folder, ignore_errors=True)
    json_tokens = ["{", "}", "[", "]", ":", ",", "\"", "true", "false", "null", "-1", "0", "1e999", "0.5", "\\u0000"]
    ops = ["and", "or", "not", "in", "not in", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")",
           "[", "]", ",", "&&", "||", "!", "true", "false"]
    profile_keys, profile_ids = set(), set()
    for f in glob.glob(src("examples", "profiles", "*.json")) + scenario_files():
        keys_and_ids(load(f), profile_keys, profile_ids)
    kb_keys, kb_ids = set(), set()
    for f in knowledge_files():
        keys_and_ids(load(f), kb_keys, kb_ids)
    rule_keys, rule_ids = set(), set()
    expressions = []
    for f in rule_files():
        doc = load(f)
        keys_and_ids(doc, rule_keys, rule_ids)
        strings_under(doc, {"when", "value", "select", "exclude"}, expressions)
    lang = words_of(expressions)

    def emit(name, tokens):
        tokens = sorted(set(t for t in tokens if t and len(t) < 64))
        body = "".join('"%s"\n' % t.replace("\\", "\\\\").replace('"', '\\"') for t in tokens)
        write(folder, name + ".dict", "# Generated by tests/fuzz/make_corpus.py\n" + body)

    quoted = lambda words: ['"%s"' % w for w in words]
    for name in ("profile", "profile_history", "batch_line"):
        emit(name, json_tokens + quoted(profile_keys) + quoted(profile_ids) + quoted(kb_ids))
    emit("expression", ops + list(lang))
    emit("selector", ops + list(lang) + list(kb_ids))
    emit("rules_file", json_tokens + quoted(rule_keys) + ops + list(lang))
    emit("knowledge_file", json_tokens + quoted(kb_keys) + quoted(kb_ids))
    emit("scenario_file", json_tokens + quoted(profile_keys) + quoted(kb_ids))


corpora()
dictionaries()
