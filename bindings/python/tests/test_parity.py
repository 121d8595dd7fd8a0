"""Parity with the core: every enum holds the core's serde names, every error
code the core can emit has its exception class, the new names behave as the
core's, and the README's parity table names every public item of the core."""

import datetime as dt
import pickle
import re
from enum import Enum
from pathlib import Path
from typing import List, Set, Type

import pytest

import ticketry
from ticketry import _ticketry
from helpers import ANNA, at, new, ticket

README = Path(__file__).resolve().parents[1] / "README.md"
CORE_SRC = Path(__file__).resolve().parents[3] / "crates" / "ticketry" / "src"


def values(cls: Type[Enum]) -> List[str]:
    return [m.value for m in cls]


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (ticketry.Priority, "priority"),
        (ticketry.Role, "role"),
        (ticketry.Direction, "direction"),
        (ticketry.MessageKind, "message_kind"),
        (ticketry.LinkKind, "link_kind"),
        (ticketry.ItemStatus, "item_status"),
        (ticketry.Locale, "locale"),
        (ticketry.DayKind, "day_kind"),
        (ticketry.UnmetCode, "unmet_code"),
        (ticketry.RepeatDecision, "repeat_decision"),
        (ticketry.TemplateId, "template_id"),
        (ticketry.ReturnSource, "return_source"),
        (ticketry.Regulation, "regulation"),
        (ticketry.Outcome, "outcome"),
        (ticketry.Decision, "decision"),
        (ticketry.Field, "field"),
        (ticketry.IgnoredBecause, "ignored_because"),
    ],
)
def test_enum_values_are_the_core_serde_names(cls: Type[Enum], name: str) -> None:
    assert values(cls) == _ticketry.enum_names(name)


def test_unknown_enum_list_is_refused() -> None:
    with pytest.raises(ticketry.InvalidInputError):
        _ticketry.enum_names("no_such_enum")


def test_every_core_error_code_has_its_own_class() -> None:
    codes = _ticketry.core_error_codes()
    assert len(codes) >= 16 and "index_full" in codes
    generic = {ticketry.TicketryError, ticketry.InternalError}
    for i, code in enumerate(codes):
        with pytest.raises(ticketry.TicketryError) as info:
            _ticketry.raise_core_error(i)
        err = info.value
        assert err.code == code and err.details["code"] == code
        assert type(err) not in generic, code
        assert pickle.loads(pickle.dumps(err)).code == code
    _ticketry.raise_core_error(len(codes))  # past the end: nothing raised


def test_index_full_is_its_own_runtime_error() -> None:
    i = _ticketry.core_error_codes().index("index_full")
    with pytest.raises(ticketry.IndexFullError) as info:
        _ticketry.raise_core_error(i)
    assert isinstance(info.value, RuntimeError) and "full" in str(info.value)


def test_bad_input_codes_are_value_errors() -> None:
    codes = _ticketry.core_error_codes()
    for code in ("invalid_input", "malformed_log", "calendar_invalid_day", "template_value_missing", "invalid_policy"):
        with pytest.raises(ValueError):
            _ticketry.raise_core_error(codes.index(code))


def test_message_kinds_of_a_ticket_are_members() -> None:
    t = ticket()
    t.apply(ticketry.command("log_message", direction="to_client", text="Перезапустите контроллер"), at=at(3, 10), actor=ANNA)
    kinds = [ticketry.MessageKind(m["kind"]) for m in t.state["messages"]]
    assert kinds and kinds[-1] is ticketry.MessageKind.REGULAR


def test_actor_display_name_is_the_core_rule() -> None:
    assert ticketry.Actor.specialist("anna", "Анна").display_name == "Анна"
    assert ticketry.Actor.system("bot").display_name == "bot"
    assert ticketry.Actor("x", ticketry.Role.LEAD, "   ").display_name == "x"  # a blank name falls back to the id


def test_template_ids_name_their_rules() -> None:
    rules = {r["id"] for r in ticketry.rules()}
    assert ticketry.TemplateId.FINAL_NOTIFICATION.rule == "CLS-TPL-N"
    assert ticketry.TemplateId.REPEAT_REPLY.rule == "REP-TPL"
    for t in ticketry.TemplateId:
        assert t.rule is None or t.rule in rules
        assert t.description


def test_template_error_names_a_template_id() -> None:
    i = _ticketry.core_error_codes().index("template_value_missing")
    with pytest.raises(ticketry.TemplateError) as info:
        _ticketry.raise_core_error(i)
    assert ticketry.TemplateId(info.value.template) is ticketry.TemplateId.FINAL_NOTIFICATION


def test_constants_are_the_core_limits() -> None:
    assert ticketry.MAX_ID_CHARS == _ticketry.MAX_ID_CHARS > 0
    ticketry.new_ticket(**{**new(), "id": "T" * ticketry.MAX_ID_CHARS})
    with pytest.raises(ticketry.InvalidInputError):
        ticketry.new_ticket(**{**new(), "id": "T" * (ticketry.MAX_ID_CHARS + 1)})
    lo, hi = ticketry.CONFIRMATION_WAIT_RANGE[0], ticketry.CONFIRMATION_WAIT_RANGE[-1]
    for n in ticketry.CONFIRMATION_WAIT_RANGE:
        assert ticketry.Policy(confirmation_wait_business_days=n).confirmation_wait_business_days == n
    for n in (lo - 1, hi + 1):
        with pytest.raises(ticketry.PolicyError):
            ticketry.Policy(confirmation_wait_business_days=n)


def test_detection_enum_labels_and_rules() -> None:
    for cls in (ticketry.Outcome, ticketry.Decision, ticketry.IgnoredBecause):
        for m in cls:
            assert m.label_en and m.label_ru and m.label_en != m.label_ru
    rules = {r["id"] for r in ticketry.rules()}
    assert all(d.rule in rules for d in ticketry.Decision)
    assert not ticketry.Outcome.OPEN.is_closed and ticketry.Outcome.SOLVED.is_closed


def test_detection_doc_and_query_of_tickets() -> None:
    t = ticket()
    doc = t.detection_doc()
    assert doc["id"] == t.id and doc["subject"] == t.state["subject"]
    assert isinstance(doc["opened_at"], dt.datetime) and doc["opened_at"].tzinfo is not None
    assert ticketry.Outcome(doc["outcome"]) is ticketry.Outcome.OPEN
    q = t.detection_query()
    assert q["opened_at"] == doc["opened_at"]
    later = dict(new(), id="T-2")
    q2 = ticketry.detection_query(later, at=at(10, 9))
    assert q2["opened_at"] == at(10, 9) and q2["subject"] == later["subject"]
    found = ticketry.Detector([doc]).detect(q2)
    assert found.ids == [t.id]
    with pytest.raises(ticketry.InvalidInputError):
        ticketry.detection_query(later, at=dt.datetime(2025, 3, 3))  # naive


# ---------------------------------------------------------------- the parity table


def core_public_items() -> Set[str]:
    """The names of the core's top-level public items (types, consts, free
    functions, macro-generated enums and ids), read from its source."""
    names: Set[str] = set()
    for path in CORE_SRC.rglob("*.rs"):
        if path.name == "doc_support.rs":
            continue
        src = path.read_text(encoding="utf-8")
        names.update(re.findall(r"^pub (?:const fn|fn|struct|enum|const|type|trait|static) ([A-Za-z_][A-Za-z0-9_]*)", src, re.M))
        # Enums and id types written by macros: `named! { pub enum RepeatType ... }`, `id_type!(TicketId, ...)`.
        names.update(re.findall(r"^\s+(?:#\[[^\]]*\]\s*)*pub enum ([A-Z][A-Za-z0-9]*)\s", src, re.M))
        names.update(re.findall(r"^\s*id_type!\(\s*(?:///[^\n]*\n\s*)*([A-Z][A-Za-z0-9]*)", src, re.M))
    names.discard("name")
    return names


def parity_table() -> List[List[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Parity with the core", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [[c.strip() for c in row.strip("|").split("|")] for row in rows]


@pytest.mark.skipif(not CORE_SRC.is_dir(), reason="the core's source is not beside the tests")
def test_parity_table_names_every_public_item_of_the_core() -> None:
    listed = {
        part
        for row in parity_table()
        for path in re.findall(r"`([A-Za-z_][A-Za-z0-9_:]*)", row[0])
        for part in path.split("::")
    }
    items = core_public_items()
    assert len(items) > 100
    missing = sorted(items - listed)
    assert not missing, f"core items missing from the README parity table: {missing}"


def test_parity_table_python_names_exist() -> None:
    rows = parity_table()
    assert rows
    exported = set(ticketry.__all__)
    for row in rows:
        for name in re.findall(r"`ticketry\.([A-Za-z_][A-Za-z0-9_]*)", row[1]):
            assert name in exported, (row, name)


def test_every_export_is_in_the_parity_table() -> None:
    text = " ".join(row[1] for row in parity_table())
    missing = sorted(n for n in ticketry.__all__ if not re.search(rf"`(ticketry\.)?{re.escape(n)}\b", text)
                     and n not in {"__version__", "Rule"})
    assert not missing, f"exports missing from the README parity table: {missing}"
