"""Smoke tests of the Python package: it imports and speaks the core's rules."""

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest

import ticketry

REPO = Path(__file__).resolve().parents[3]
# The numbered digest of the regulation, beside the repository (as the core's tests read it).
RULES_MD = REPO.parent / "shared" / "regulations" / "RULES.md"
KEYS = {"id", "regulation", "title_en", "title_ru"}


def workspace_version() -> str:
    with open(REPO / "Cargo.toml", "rb") as f:
        version = tomllib.load(f)["workspace"]["package"]["version"]
    assert isinstance(version, str)
    return version


def rules_md_ids() -> set[str]:
    """Every rule ID in bold in RULES.md, the way the core's own test reads them."""
    text = RULES_MD.read_text(encoding="utf-8")
    chunks = text.split("**")[1::2]
    return {c.split()[0] for c in chunks if c.split() and c.split()[0].startswith(("REP-", "CLS-"))}


def test_version_is_the_workspace_version() -> None:
    assert ticketry.__version__ == workspace_version()
    # The wheel's metadata (maturin takes it from Cargo.toml) says the same.
    assert importlib.metadata.version("ticketry") == ticketry.__version__


def test_rules_are_well_typed_dicts() -> None:
    rules = ticketry.rules()
    assert isinstance(rules, list) and rules
    for rule in rules:
        assert isinstance(rule, dict)
        assert set(rule) == KEYS, rule
        for value in rule.values():
            assert isinstance(value, str) and value, rule
        assert re.fullmatch(r"(REP|CLS)-[A-Z0-9-]+", rule["id"]), rule
        expected = "repeat" if rule["id"].startswith("REP-") else "closing"
        assert rule["regulation"] == expected, rule
        assert re.search("[а-яё]", rule["title_ru"], re.IGNORECASE), rule


def test_rules_have_unique_ids_from_both_regulations() -> None:
    ids = [r["id"] for r in ticketry.rules()]
    assert len(ids) == len(set(ids))
    for known in ["REP-T1", "REP-3", "REP-LINKALL", "CLS-R1", "CLS-R2", "CLS-S1", "CLS-TPL-N"]:
        assert known in ids
    by_id = {r["id"]: r for r in ticketry.rules()}
    assert by_id["CLS-R2"]["title_ru"] == "Клиент подтвердил решение"
    assert by_id["CLS-R2"]["title_en"] == "the client confirmed the solution"


def test_rules_are_every_id_of_rules_md() -> None:
    if not RULES_MD.is_file():
        pytest.skip(f"{RULES_MD} not found")
    assert {r["id"] for r in ticketry.rules()} == rules_md_ids()


def test_rules_returns_fresh_lists() -> None:
    first = ticketry.rules()
    first.clear()
    assert ticketry.rules()
