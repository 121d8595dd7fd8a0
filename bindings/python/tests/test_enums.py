"""Every enum holds exactly the core's names, in the core's order."""

import re
from enum import Enum
from typing import List, Type

import pytest

import ticketry
from ticketry import _ticketry
from helpers import ANNA, at, new, ticket


def values(cls: Type[Enum]) -> List[str]:
    return [m.value for m in cls]


def test_status_and_command_kind_are_the_core_lists() -> None:
    assert values(ticketry.Status) == [row[0] for row in _ticketry.statuses()]
    assert values(ticketry.CommandKind) == _ticketry.command_names()
    assert [t["command"] for t in ticketry.transitions()] == values(ticketry.CommandKind)


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (ticketry.RepeatType, "repeat_type"),
        (ticketry.RecurrenceCause, "recurrence_cause"),
        (ticketry.RepeatAction, "repeat_action"),
        (ticketry.HistoryCheck, "history_check"),
        (ticketry.TypicalError, "typical_error"),
        (ticketry.EscalationTask, "escalation_task"),
        (ticketry.SupportAction, "support_action"),
    ],
)
def test_repeat_enums_are_the_core_lists(cls: Type[Enum], name: str) -> None:
    rows = _ticketry.named_values(name)
    assert values(cls) == [r[0] for r in rows]
    for member, row in zip(cls, rows):
        assert member.label_en == row[2] and member.label_ru == row[3]  # type: ignore[attr-defined]
        assert member.rule == row[1]  # type: ignore[attr-defined]


def serde_names(message: str) -> List[str]:
    """The names serde lists in "unknown variant `x`, expected one of `a`, `b`"."""
    tail = message.split("expected", 1)[1]
    return re.findall(r"`([a-z_]+)`", tail)


def refused_names(fn: "object") -> List[str]:
    with pytest.raises(ticketry.InvalidInputError) as info:
        fn()  # type: ignore[operator]
    return serde_names(str(info.value))


def test_enums_without_a_core_list_match_what_the_core_accepts() -> None:
    bad = "no_such_value"
    priority = refused_names(lambda: ticketry.new_ticket(**{**new(), "priority": bad}))
    assert values(ticketry.Priority) == priority
    role = refused_names(lambda: ticketry.Ticket.open(new(), at=at(3, 6), actor={"id": "x", "role": bad}))
    assert values(ticketry.Role) == role
    link = refused_names(lambda: ticketry.command("link_ticket", target="T-0", kind=bad, comment="x"))
    assert values(ticketry.LinkKind) == link
    decision = refused_names(lambda: ticketry.command("record_repeat_decision", decision=bad, checked=[], reason=""))
    assert values(ticketry.RepeatDecision) == decision
    direction = refused_names(lambda: ticketry.command("log_message", direction=bad, text="x"))
    assert values(ticketry.Direction) == direction
    locale = refused_names(lambda: ticketry.format_duration(__import__("datetime").timedelta(minutes=5), bad))
    assert values(ticketry.Locale) == locale
    unmet = ticketry.Unmet("CLS-1", ticketry.UnmetCode.NOT_VERIFIED, None, "x", "y")
    with pytest.raises(ticketry.InvalidInputError) as info:
        _ticketry.typical_error('{"rule": "CLS-1", "code": "%s", "message_en": "", "message_ru": ""}' % bad)
    assert values(ticketry.UnmetCode) == serde_names(str(info.value))
    assert unmet.typical_error is None


def test_day_kinds_and_item_statuses_are_what_the_core_writes() -> None:
    # Both are output-only in the core: every value it writes must be a member,
    # and every member is written by some calendar day or checklist item.
    calendar = ticketry.Calendar.russia()
    import datetime as dt

    seen = {calendar.day_kind(dt.date(2024, 1, 1) + dt.timedelta(days=i)) for i in range(3 * 366)}
    seen |= {d.kind for d in calendar.days()}
    assert seen == set(ticketry.DayKind)
    statuses = {i.status for i in ticket().closing_checklist() + ticket(paperwork=True).closing_checklist()}
    assert statuses == set(ticketry.ItemStatus)


def test_enums_are_strings_with_the_json_names() -> None:
    assert isinstance(ticketry.Status.CLOSED, str) and str.__eq__(ticketry.Status.CLOSED, "closed")
    assert ticketry.Status.CLOSED.value == "closed" and ticketry.Status.CLOSED in {"closed"}
    assert str(ticketry.CommandKind.CLOSE) == "close"
    assert ticketry.Status("in_work") is ticketry.Status.IN_WORK
    assert ticketry.Status.IN_WORK.is_open and not ticketry.Status.CLOSED.is_open
    assert ticketry.Status.CLOSED.label_en and ticketry.Status.CLOSED.label_ru
    assert ticketry.TypicalError.NOT_LINKED.remedy_ru.startswith("Всегда")
    t = ticket()
    assert t.status is ticketry.Status.AWAITING_CONFIRMATION
    assert t.history[0].actor == ANNA


def test_enum_predicates_come_from_the_core() -> None:
    same = {t for t in ticketry.RepeatType if t.is_same_problem}
    assert same == {ticketry.RepeatType.SAME_PROBLEM, ticketry.RepeatType.NOT_FULLY_RESOLVED}
    assert [c for c in ticketry.RecurrenceCause if not c.is_known] == [ticketry.RecurrenceCause.NOT_YET_KNOWN]
    calendar = ticketry.Calendar.russia()
    import datetime as dt

    for i in range(366):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=i)
        assert calendar.day_kind(day).is_working == calendar.is_working_day(day), day


def test_public_classes_are_shown_as_ticketry() -> None:
    assert ticketry.Ticket.__module__ == "ticketry"
    assert ticketry.RefusedError.__module__ == "ticketry"
    assert repr(ticketry.Status.CLOSED) == "<Status.CLOSED: 'closed'>"
