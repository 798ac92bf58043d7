"""The docs pages agree with the schemas: each page links its schema, and every property a schema names
(every level for the profile, scenario, summary and error record; the top level for the programme,
whose parts the README describes) appears in `code` in that page."""
import re

import pytest

from schema_support import SOURCE, load_schemas

PAGES = {
    "profile.schema.json": ("docs/profile-format.md", True),
    "scenario.schema.json": ("docs/scenario-format.md", True),
    "programme-summary.schema.json": ("docs/batch-formats.md", True),
    "batch-error.schema.json": ("docs/batch-formats.md", True),
    "programme.schema.json": ("docs/batch-formats.md", False),
}


def property_names(node, deep):
    names = set()
    if isinstance(node, dict):
        names |= set(node.get("properties", {}))
        if deep:
            for key, value in node.items():
                if key != "properties":
                    names |= property_names(value, deep)
            for value in node.get("properties", {}).values():
                names |= property_names(value, deep)
    elif isinstance(node, list) and deep:
        for value in node:
            names |= property_names(value, deep)
    return names


def code_words(page):
    text = (SOURCE / page).read_text(encoding="utf-8")
    spans = re.findall(r"`([^`\n]+)`", text)
    return {w for span in spans for w in re.split(r"[^A-Za-z0-9_]+", span) if w}


def test_every_schema_has_a_page():
    assert set(PAGES) == set(load_schemas())


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_page_links_the_schema_and_names_every_property(name):
    page, deep = PAGES[name]
    text = (SOURCE / page).read_text(encoding="utf-8")
    assert "## Schema" in text or "### Schema" in text, f"{page} has no Schema section"
    assert f"(../schemas/{name})" in text, f"{page} does not link schemas/{name}"
    schema = load_schemas()[name]
    missing = sorted(property_names(schema, deep) - code_words(page))
    assert not missing, f"{page} does not name {missing} of schemas/{name}"


def test_every_expect_key_of_the_scenario_reader_is_documented():
    reader = (SOURCE / "src/io/suite/scenario.cpp").read_text(encoding="utf-8")
    keys = set()
    for listed in re.findall(r"allow_only\(\{([^}]*)\}\)", reader):
        keys |= set(re.findall(r'"([a-z_]+)"', listed))
    assert {"referral", "golden", "needs_partner", "reps_top"} <= keys
    missing = sorted(keys - code_words("docs/scenario-format.md"))
    assert not missing, f"docs/scenario-format.md does not document {missing}"
