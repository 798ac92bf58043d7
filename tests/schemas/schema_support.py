"""Shared helpers of the schema tests: the schemas of schemas/ with a resolver for their relative
$refs (Debian's python3-jsonschema, draft 2020-12), the built `rehab` program (REHAB_CLI) and the
source tree (REHAB_SOURCE_DIR), both set by ctest."""
import json
import os
import pathlib
import re
import subprocess

from jsonschema import Draft202012Validator, RefResolver

SOURCE = pathlib.Path(os.environ.get("REHAB_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
CLI = os.environ.get("REHAB_CLI", str(SOURCE / "build" / "dev" / "src" / "rehab"))
SCHEMAS = SOURCE / "schemas"
BASE = ""  # each $id is its file name: relative $refs resolve in the folder (or --base-uri)


def load_schemas():
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMAS.glob("*.schema.json"))}


_STORE = {s["$id"]: s for s in load_schemas().values()}


def validator(name):
    schema = _STORE[BASE + name]
    return Draft202012Validator(schema, resolver=RefResolver.from_schema(schema, store=_STORE),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(name, instance):
    return sorted(validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path))


def assert_valid(name, instance, what):
    found = errors(name, instance)
    assert not found, f"{what} is not valid against {name}: " + "; ".join(
        f"at /{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in found[:5])


def run_cli(*args, input=None):
    """(exit code, stdout bytes, stderr text) of `rehab -q ARGS` on the bundled data."""
    p = subprocess.run([CLI, "-q", *map(str, args)], input=input, capture_output=True, timeout=300)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


DIAGNOSTIC = re.compile(r"^\S*: error\[(?P<code>[A-Z]{2}[0-9]{3})\](?: at (?P<pointer>\S*))?:", re.M)


def cli_errors(stderr):
    """[(code, pointer)] of the error lines `FILE: error[CODE] at POINTER: message`."""
    return [(m["code"], m["pointer"] or "") for m in DIAGNOSTIC.finditer(stderr)]


def example_profiles():
    return sorted((SOURCE / "examples" / "profiles").glob("*.json"))


def scenario_files():
    root = SOURCE / "scenarios"
    return sorted(p for p in root.rglob("*.json") if "golden" not in p.relative_to(root).parts)


def scenarios():
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in scenario_files()]


def expects_error(scenario):
    return isinstance(scenario.get("expect", {}).get("error"), dict)
