"""The Python API: tickets, the closure process, errors, times, value types."""

import copy
import datetime as dt
import json
import pickle
import pytest

import ticketry
from ticketry import Actor, Archive, Calendar, CommandKind, Policy, Status, Ticket, command
from helpers import ANNA, CLOSE, UTC, at, new, ticket


# ---------------------------------------------------------------- the closure process
def test_a_ticket_closes_when_every_rule_is_met() -> None:
    t = ticket(paperwork=True)
    assert t.status.value == "confirmed"
    assert t.why_blocked(CommandKind.CLOSE, at=at(4, 8)) == []
    assert t.can("close", at=at(4, 8))
    assert t.can(CLOSE, at=at(4, 8), actor=ANNA)
    t.check(CLOSE, at=at(4, 8), actor=ANNA)
    event = t.apply(CLOSE, at=at(4, 8), actor=ANNA)
    assert event.kind is CommandKind.CLOSE and event.seq == t.version
    assert event.at == at(4, 8) and event.at.tzinfo is not None
    assert t.status is Status.CLOSED
    assert [i.status for i in t.closing_checklist()].count(ticketry.ItemStatus.PENDING) == 0


def test_a_refusal_lists_every_unmet_rule_and_changes_nothing() -> None:
    t = ticket()
    before = t.copy()
    with pytest.raises(ticketry.RefusedError) as info:
        t.apply(CLOSE, at=at(4, 8), actor=ANNA)
    err = info.value
    assert err.code == "refused" and err.command is CommandKind.CLOSE
    assert err.rules == ["CLS-7", "CLS-R2", "CLS-R3", "CLS-4", "CLS-5", "CLS-6"]
    assert all(isinstance(u, ticketry.Unmet) and u.message_en and u.message_ru for u in err.unmet)
    assert err.unmet[0].code is ticketry.UnmetCode.NOT_ALLOWED_IN_STATE
    assert err.details["unmet"][1]["rule"] == "CLS-R2"
    assert t == before and t.version == before.version
    # why_blocked says the same without raising; check() raises the same.
    assert [u.rule for u in t.why_blocked("close", at=at(4, 8))] == err.rules
    with pytest.raises(ticketry.RefusedError):
        t.check(CLOSE, at=at(4, 8), actor=ANNA)
    assert not t.can(CLOSE, at=at(4, 8), actor=ANNA)
    assert not t.can(CommandKind.CLOSE, at=at(4, 8))


def test_available_commands_follow_the_table() -> None:
    listed = ticket().available_commands(at=at(4, 8))
    names = [a.command for a in listed]
    table = list(CommandKind)
    assert names == sorted(names, key=table.index)
    confirm = next(a for a in listed if a.command is CommandKind.RECORD_CONFIRMATION)
    assert confirm.allowed and confirm.unmet == ()
    analysis = next(a for a in listed if a.command is CommandKind.RECORD_REPEAT_ANALYSIS)
    assert not analysis.allowed and [u.rule for u in analysis.unmet] == ["REP-2"]
    assert CommandKind.CLOSE not in names  # not a transition from awaiting_confirmation


def test_expected_version_conflict_is_its_own_class() -> None:
    t = ticket()
    with pytest.raises(ticketry.VersionConflictError) as info:
        t.apply(command("log_work", minutes=5, note="x"), at=at(3, 9), actor=ANNA, expected_version=1)
    assert (info.value.expected, info.value.actual) == (1, t.version)
    assert not isinstance(info.value, ValueError)
    t.apply(command("log_work", minutes=5, note="x"), at=at(3, 9), actor=ANNA, expected_version=t.version)


def test_mark_close_after_the_wait() -> None:
    t = ticket()
    assert t.mark_close_possible_from() is None
    t.apply(command("send_confirmation_reminder"), at=at(5, 7), actor=ANNA)
    when = t.mark_close_possible_from()
    assert when is not None and when > at(5, 7) and when.tzinfo is not None
    one_day = t.mark_close_possible_from(Policy(confirmation_wait_business_days=1))
    assert one_day is not None and one_day < when


# ---------------------------------------------------------------- times
def test_a_naive_datetime_is_a_value_error() -> None:
    t = ticket()
    with pytest.raises(ValueError) as info:
        t.apply(command("log_work", minutes=5, note="x"), at=dt.datetime(2025, 3, 3, 9), actor=ANNA)
    assert isinstance(info.value, ticketry.InvalidInputError)
    assert info.value.field == "at" and "naive" in str(info.value)


def test_times_in_any_zone_are_the_same_instant() -> None:
    msk = dt.timezone(dt.timedelta(hours=3))
    a = Ticket.open(new(), at=dt.datetime(2025, 3, 3, 9, tzinfo=msk), actor=ANNA)
    b = Ticket.open(new(), at=dt.datetime(2025, 3, 3, 6, tzinfo=UTC), actor=ANNA)
    assert a == b and a.created_at == at(3, 6)
    assert a.created_at.utcoffset() == dt.timedelta(0)


def test_a_time_that_is_not_a_datetime_is_a_type_error() -> None:
    with pytest.raises(TypeError) as info:
        Ticket.open(new(), at="2025-03-03T06:00:00Z", actor=ANNA)  # type: ignore[arg-type]
    assert isinstance(info.value, ticketry.InvalidTypeError)
    assert isinstance(info.value, ValueError)


# ---------------------------------------------------------------- bad input
def test_bad_commands_name_the_field() -> None:
    t = ticket()
    with pytest.raises(ticketry.InvalidInputError) as info:
        t.apply({"type": "close_quickly"}, at=at(3, 9), actor=ANNA)
    assert info.value.field == "type" and "close_quickly" in info.value.message
    with pytest.raises(ticketry.InvalidInputError) as info:
        t.apply({"type": "log_work", "minutes": "many"}, at=at(3, 9), actor=ANNA)
    assert info.value.field == "minutes"
    with pytest.raises(ticketry.InvalidTypeError):
        t.apply(["log_work"], at=at(3, 9), actor=ANNA)  # type: ignore[arg-type]
    with pytest.raises(ticketry.InvalidInputError):
        command("log_work", minutes=float("nan"), note="x")
    with pytest.raises(ticketry.InvalidTypeError):
        command("log_work", minutes=5, note=object())
    with pytest.raises(ticketry.InvalidInputError) as info:
        Ticket.open({**new(), "id": " "}, at=at(3, 6), actor=ANNA)
    assert info.value.field == "id"


def test_bad_ids_and_policies() -> None:
    with pytest.raises(ticketry.PolicyError) as info:
        Policy(confirmation_wait_business_days=7)
    assert info.value.code == "invalid_policy" and info.value.field
    assert isinstance(info.value, ValueError)
    with pytest.raises(ticketry.PolicyError) as info:
        Policy(no_such_field=1)
    assert info.value.field == "no_such_field"
    with pytest.raises(ticketry.InvalidTypeError):
        ticket().apply(CLOSE, at=at(4, 8), actor=ANNA, policy={"x": 1})  # type: ignore[arg-type]


def test_already_opened() -> None:
    with pytest.raises(ticketry.AlreadyOpenedError) as info:
        ticket().apply({"type": "open", **new()}, at=at(3, 9), actor=ANNA)
    assert info.value.code == "already_opened"


# ---------------------------------------------------------------- event log
def test_the_event_log_round_trips_as_json_and_dicts() -> None:
    t = ticket(paperwork=True)
    assert Ticket.from_json(t.to_json()) == t
    assert Ticket.from_dict(t.to_dict()) == t
    assert Ticket.from_events(t.history) == t
    assert Ticket.from_events([e.to_dict() for e in t.history]) == t
    assert t.to_dict()["schema_version"] == ticketry.SCHEMA_VERSION
    assert json.loads(t.to_json()) == t.to_dict()


def test_a_bad_log_is_a_log_error() -> None:
    t = ticket()
    log = t.to_dict()
    with pytest.raises(ticketry.LogError) as info:
        Ticket.from_dict({**log, "schema_version": 99})
    assert info.value.code == "unsupported_schema_version"
    with pytest.raises(ticketry.LogError) as info:
        Ticket.from_dict({**log, "events": []})
    assert info.value.code == "empty_log"
    events = log["events"]
    events[1]["seq"] = 7
    with pytest.raises(ticketry.LogError) as info:
        Ticket.from_dict(log)
    assert info.value.code == "invalid_event" and info.value.index == 1
    assert isinstance(info.value.cause, ticketry.TicketryError)
    with pytest.raises(ticketry.LogError) as info:
        Ticket.from_json("{not json")
    assert info.value.code == "malformed_log"


# ---------------------------------------------------------------- value types
def test_value_types_compare_hash_and_pickle() -> None:
    t = ticket()
    for value in [t, Policy(), Policy(locale="en"), Calendar.russia(), Archive([t]), *t.history, ANNA]:
        back = pickle.loads(pickle.dumps(value))
        assert back == value and type(back) is type(value)
        assert copy.deepcopy(value) == value
    assert hash(t.history[0]) == hash(pickle.loads(pickle.dumps(t.history[0])))
    assert hash(ANNA) == hash(Actor("anna", ticketry.Role.SPECIALIST, "Анна Смирнова"))
    unmet = t.why_blocked("close", at=at(4, 8))
    assert pickle.loads(pickle.dumps(unmet)) == unmet
    assert Policy() != Policy(confirmation_wait_business_days=1)
    assert t != ticket(paperwork=True)


def test_reprs_are_readable() -> None:
    t = ticket()
    assert repr(t) == "Ticket(id='T-1', status='awaiting_confirmation', version=6)"
    assert repr(Archive([t])) == "Archive(tickets=1)"
    assert "confirmation_wait_business_days=2" in repr(Policy())
    assert repr(ANNA) == "Actor(id='anna', role=<Role.SPECIALIST: 'specialist'>, name='Анна Смирнова')"
    assert str(t.why_blocked("close", at=at(4, 8))[0]).startswith("CLS-7: ")


def test_exceptions_pickle_with_their_attributes() -> None:
    with pytest.raises(ticketry.RefusedError) as info:
        ticket().apply(CLOSE, at=at(4, 8), actor=ANNA)
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is ticketry.RefusedError
    assert back.unmet == info.value.unmet and back.code == "refused" and str(back) == str(info.value)


def test_state_is_a_fresh_dict_of_the_core_json() -> None:
    t = ticket()
    state = t.state
    state["status"] = "closed"
    assert t.state["status"] == "awaiting_confirmation"
    assert t.client_id == "zhk-severny" and t.updated_at >= t.created_at


# ---------------------------------------------------------------- templates, policy, calendar
def test_templates() -> None:
    t = ticket(paperwork=True)
    text = t.final_notification("Анна Смирнова")
    assert "Анна Смирнова" in text and t.id in text
    english = t.final_notification("Anna", Policy(locale="en"))
    assert english != text and "Anna" in english
    with pytest.raises(ticketry.TemplateError) as info:
        t.final_notification(" ")
    assert info.value.missing == ["specialist_name"] and isinstance(info.value, ValueError)
    assert "Шлагбаум не открывался" in t.solution_documentation(at(4, 9))
    assert t.confirmation_request() != t.confirmation_request(reminder=True)


def test_policy_values_come_from_the_core() -> None:
    p = Policy()
    assert p == Policy.default() == Policy.from_json(p.to_json()) == Policy.from_dict(p.to_dict())
    assert p.locale is ticketry.Locale.RU and p.time_zone == "Europe/Moscow"
    assert p.repeat["chronic_min_tickets"] >= 1
    assert Policy({"confirmation_wait_business_days": 1}).confirmation_wait_business_days == 1
    weekends = p.with_calendar(Calendar.weekends_only())
    assert weekends.calendar == Calendar.weekends_only() and weekends != p


def test_calendar() -> None:
    c = Calendar.russia()
    assert c.years and c.covers(2025) and not c.covers(1990)
    new_year = dt.date(2025, 1, 1)
    assert c.day_kind(new_year) is ticketry.DayKind.HOLIDAY and c.holiday_name(new_year)
    assert not c.is_working_day(new_year)
    assert c.next_working_day(new_year) == dt.date(2025, 1, 9)
    assert c.add_business_days(dt.date(2025, 3, 21), 2) == dt.date(2025, 3, 25)
    assert c.business_days_between(dt.date(2025, 3, 21), dt.date(2025, 3, 25)) == 2
    deadline = c.business_deadline(dt.datetime(2025, 3, 21, 12, tzinfo=UTC), 2, "Europe/Moscow")
    assert deadline == dt.datetime(2025, 3, 25, 12, tzinfo=UTC)
    assert Calendar.from_dict(c.to_dict()) == c == Calendar.from_json(c.to_json())
    assert c.days()[0].to_dict() in c.to_dict()["days"] or c.days()
    assert Calendar.weekends_only().merged(c) == c.merged(Calendar.weekends_only())
    with pytest.raises(ticketry.CalendarError):
        Calendar.from_xmlcalendar("<calendar>")
    with pytest.raises(ticketry.InvalidTypeError):
        c.is_working_day(dt.datetime(2025, 1, 1, tzinfo=UTC))
    with pytest.raises(ticketry.InvalidInputError):
        c.business_deadline(dt.datetime(2025, 3, 21, tzinfo=UTC), 2, "Mars/Olympus")
    with pytest.raises(ticketry.InvalidInputError):
        c.add_business_days(new_year, -1)


def test_functions() -> None:
    assert ticketry.recommended_action("not_applied") is ticketry.RepeatAction.REMIND_EARLIER_SOLUTION
    assert ticketry.recommended_action(ticketry.RecurrenceCause.NOT_YET_KNOWN) is None
    assert ticketry.is_placeholder("TBD") and not ticketry.is_placeholder("Перезапустили контроллер")
    assert ticketry.format_duration(dt.timedelta(days=1, hours=2, minutes=5), "ru") == ticketry.format_duration(
        dt.timedelta(minutes=1565), ticketry.Locale.RU
    )
    assert "stateDiagram" in ticketry.mermaid_diagram()
    assert command("log_work", minutes=5) == {"type": "log_work", "minutes": 5, "note": ""}


def test_dicts_and_enums_are_accepted_where_json_is() -> None:
    t = Ticket.open({**new(), "priority": ticketry.Priority.LOW}, at=at(3, 6), actor={"id": "bot", "role": "system"})
    assert t.state["priority"] == "low"
    assert t.history[0].actor == Actor.system("bot")



def test_a_lone_ticket_links_through_a_directory() -> None:
    t = ticket("T-2")
    decide = command("record_repeat_decision", decision="repeat", checked=["client_history"], reason="")
    t.apply(decide, at=at(4, 8), actor=ANNA)
    link = command("link_ticket", target="T-1", kind="repeat_of", repeat_type="same_problem", comment="Снова")
    with pytest.raises(ticketry.RefusedError) as info:
        t.apply(link, at=at(4, 9), actor=ANNA)
    assert info.value.unmet[0].code is ticketry.UnmetCode.UNKNOWN_TICKET
    later = {"T-1": at(5, 9)}
    with pytest.raises(ticketry.RefusedError) as info:
        t.check(link, at=at(4, 9), actor=ANNA, directory=later)
    assert info.value.unmet[0].code is ticketry.UnmetCode.LATER_TICKET
    known = {"T-1": at(1, 9)}
    t.check(link, at=at(4, 9), actor=ANNA, directory=known)
    with pytest.raises(ticketry.VersionConflictError):
        t.apply(link, at=at(4, 9), actor=ANNA, directory=known, expected_version=1)
    t.apply(link, at=at(4, 9), actor=ANNA, directory=known, expected_version=t.version)
    assert t.is_repeat and t.state["links"][0]["target"] == "T-1"
    with pytest.raises(ticketry.InvalidInputError):
        t.check(link, at=at(4, 9), actor=ANNA, directory={"T-1": dt.datetime(2025, 3, 1)})


def test_state_figures_come_from_the_core() -> None:
    t = ticket()
    assert t.handling_minutes == 45 and t.reopen_count == 0 and not t.is_repeat
    assert t.has_communication and t.unanswered_questions == []
    assert t.time_to_resolve == dt.timedelta(hours=1, minutes=3)
    t.apply(command("record_question", text="Когда?"), at=at(3, 9), actor=ANNA)
    assert [q["text"] for q in t.unanswered_questions] == ["Когда?"]
    assert Ticket.open(new(), at=at(3, 6), actor=ANNA).time_to_resolve is None
